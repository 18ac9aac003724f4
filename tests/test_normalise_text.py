"""``normalise_text`` (the text of ``normalise`` without its offset map, used by the linear
model) must agree with ``normalise(...).text`` on everything, including the tricky inputs the
normaliser's own property tests use."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tvec.confusables import CYRILLIC_LOOKALIKES, GREEK_LOOKALIKES, LATIN_LOOKALIKES
from tvec.normalise import normalise, normalise_text

# the characters each normalisation rule cares about, mixed with arbitrary ones
TRICKY = (
    list("aAbhijlmnostxyz HIJOS019345@$'`._-*,!\n\t")
    + list(CYRILLIC_LOOKALIKES)
    + list(GREEK_LOOKALIKES)
    + list("жбдмнвкλσΣςйёїά")
    + list(LATIN_LOOKALIKES)
    + list("\u200b\u200d\u00ad\ufeff")
    + list("ʿʾ’´\u0301\u0308\u0323\u064e\u0651\u0640")
    + list("یىيکكہەهۃةأإآٱابت٠١۴")
    + list("ﬁＡａ𝐁ⓐßİ½²")
    + list("नमस्तेਸਤਿ")
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=60)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_text)
def test_text_only_path_agrees_with_normalise(text: str) -> None:
    assert normalise_text(text) == normalise(text).text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .'j-i-h\n")), min_size=900, max_size=1200))
def test_long_texts_agree(text: str) -> None:
    assert normalise_text(text) == normalise(text).text


def test_examples() -> None:
    for text in ["  Hello   WORLD  ", "j.i.h.a.d now", "h4m4s @user $tag", "Qa'ida", "aaa   bbb", "", " "]:
        assert normalise_text(text) == normalise(text).text


def _one_pass_squeeze(text: str) -> str:
    """The squeeze as one pass of ``_SQUEEZE`` with a Python replacement per match: what the
    two passes of ``normalise_text`` replace."""
    from tvec.normalise import _SQUEEZE

    def replace(match):
        if match.group(1) is not None:
            return match.group(1)
        return "" if match.start() == 0 or match.end() == len(match.string) else " "

    return _SQUEEZE.sub(replace, text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aabbz  \n\t1_éé漢ss")) | st.characters(), max_size=40))
def test_two_pass_squeeze_equals_one_pass(text: str) -> None:
    from tvec.normalise import _LETTER_RUN, _SPACE_RUN, _squeezed_spaces

    two_pass = _SPACE_RUN.sub(_squeezed_spaces, _LETTER_RUN.sub(r"\1", text))
    assert two_pass == _one_pass_squeeze(text)


def test_two_pass_squeeze_edge_cases() -> None:
    from tvec.normalise import _LETTER_RUN, _SPACE_RUN, _squeezed_spaces

    for text in ["  aa  bb  ", "aa  \n", " \n", "x  \n", "\n  ", "ss ss", "", " ", "  ", "a" * 50 + "  \n"]:
        assert _SPACE_RUN.sub(_squeezed_spaces, _LETTER_RUN.sub(r"\1", text)) == _one_pass_squeeze(text), repr(text)


def _compiled_squeeze():
    try:
        from tvec._text import squeeze
    except ImportError:
        pytest.skip("tvec._text was not built")
    return squeeze


SQUEEZE_ALPHABET = list("aabbz  \n\t1_éé漢ssSSß٠١") + ["\u0301", "\U0001d400"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(SQUEEZE_ALPHABET) | st.characters(), max_size=50))
def test_compiled_squeeze_equals_the_regular_expressions(text: str) -> None:
    assert _compiled_squeeze()(text) == _one_pass_squeeze(text)


def test_compiled_squeeze_edge_cases() -> None:
    squeeze = _compiled_squeeze()
    for text in ["  aa  bb  ", "aa  \n", " \n", "x  \n", "x \n", "\n  ", "ss ss", "", " ", "  ", "a" * 50 + "  \n",
                 "__", "11", "ŉŉ", "\U0001d400\U0001d400", "x\n\n  \n", "ab\u00a0\u00a0c"]:
        assert squeeze(text) == _one_pass_squeeze(text), repr(text)
    with pytest.raises(TypeError, match="needs a str"):
        squeeze(b"bytes")
