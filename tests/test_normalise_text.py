"""``normalise_text`` (the text of ``normalise`` without its offset map, used by the linear
model) must agree with ``normalise(...).text`` on everything, including the tricky inputs the
normaliser's own property tests use."""

from __future__ import annotations

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
