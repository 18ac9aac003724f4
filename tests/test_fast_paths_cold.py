"""Exact fast paths of the fourth speed round (the first, cold pass over new text), each against
the computation it replaces:

- ``cta._view`` returning the lowercase of an ASCII text, against the full fold
  (``_view_reference``: lowercase, fold table, Arabic marks), which the call-to-action and
  dehumanisation analyses both use for the document and for each candidate sentence.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tvec.model import cta
from tvec.model.cta import _view, _view_reference


def test_fold_tables_leave_ascii_alone() -> None:
    # the premise of the shortcut: nothing ASCII is folded or counted as an Arabic mark
    assert all(key >= 128 for key in cta._FOLD)
    assert all(key >= 128 for key in cta._ARABIC_DIACRITICS)
    assert all(cta._HAS_ARABIC_MARK.search(chr(code)) is None for code in range(128))


def test_view_equals_reference_on_every_ascii_character_and_fold_key() -> None:
    ascii_text = "".join(chr(code) for code in range(128))
    assert _view(ascii_text) == _view_reference(ascii_text)
    folded = "".join(chr(key) for key in (*cta._FOLD, *cta._ARABIC_DIACRITICS))
    for text in (folded, "Kill [GROUP] \u2019now\u2019", "ARABIC \u0627\u064b TEXT", ascii_text + folded):
        assert _view(text) == _view_reference(text)


def test_view_equals_reference_on_generated_ascii_documents() -> None:
    rng = random.Random(4)
    words = ["They", "SHOULD", "be", "removed", "[GROUP]", "don't", "ACME's", "\t", "\n", "42", "!?"]
    for _ in range(500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        assert text.isascii()
        assert _view(text) == _view_reference(text)


_ALPHABET = st.sampled_from(
    [*"aZ '\u2019\u2018\u02bc.\n", "\u0623", "\u0649", "\u06a9", "\u0629", "\u064b", "\u0640", "\u0130", "\u00df"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=30) | st.text(max_size=30))
def test_view_equals_reference_on_any_text(text: str) -> None:
    assert _view(text) == _view_reference(text)
