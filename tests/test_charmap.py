"""``CharMap.apply`` against ``str.translate`` (the computation it replaces) on every table the
package folds with, on every code point of each table, and on generated text."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tvec.charmap import CharMap
from tvec.errors import TvecError
from tvec.model import cta, gate
from tvec.orgs import support

TABLES = {
    "gate whitespace": gate._TO_SPACE,
    "cta fold": cta._FOLD,
    "support fold": support._FOLD,
    "support Arabic marks": support._ARABIC_MARKS,
    "cta Arabic diacritics": cta._ARABIC_DIACRITICS,
    "cta Indic fold": cta._INDIC_FOLD,
    "deletes and expands": {ord("a"): None, ord("b"): "bb", ord("\\"): "\\1", ord(" "): " ", ord("c"): ord("d")},
    "one value with a backslash": {ord("x"): "\\g<0>", ord("y"): "\\g<0>"},
    "empty": {},
}
#: What the package's maps are built from: their shipped tables, so a new fold key is covered.
SHIPPED = {
    "gate whitespace": gate._TO_SPACE_MAP,
    "cta fold": cta._FOLD_MAP,
    "support fold": support._FOLD_MAP,
    "support Arabic marks": support._ARABIC_MARKS_MAP,
}


def _alphabet(table: dict) -> list[str]:
    keys = [chr(k) for k in table]
    return [*keys, "a", "b", " ", "\n", "\\", "é", "’", "ا", "ه", "क", "😀", "\u200b", "x", "y", "1", "."]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_apply_equals_translate_on_random_text(name: str) -> None:
    table = TABLES[name]
    mapping = CharMap.of(table)
    rng = random.Random(name)
    alphabet = _alphabet(table)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        assert mapping.apply(text) == text.translate(table), repr(text)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_apply_equals_translate_on_each_key(name: str) -> None:
    table = TABLES[name]
    mapping = CharMap.of(table)
    for key in table:
        for text in (chr(key), f"a{chr(key)}b", chr(key) * 3, f"’{chr(key)} 😀"):
            assert mapping.apply(text) == text.translate(table)


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_maps_hold_their_tables(name: str) -> None:
    assert SHIPPED[name].table is TABLES[name]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_apply_equals_translate_on_any_text(text: str) -> None:
    for table in TABLES.values():
        assert CharMap.of(table).apply(text) == text.translate(table)


def test_bad_tables_are_configuration_errors() -> None:
    with pytest.raises(TvecError):
        CharMap.of({"a": "b"})  # type: ignore[dict-item]
    with pytest.raises(TvecError):
        CharMap.of({97: 1.5})  # type: ignore[dict-item]
