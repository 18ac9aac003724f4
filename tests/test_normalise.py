"""Tests of the text normaliser: every folding rule with its span mapping, the offset-map
invariants and idempotence (hypothesis), and an evasion round trip like a matcher would do it."""

from __future__ import annotations

import unicodedata
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tvec import normalise as normalise_module
from tvec.confusables import (
    APOSTROPHES,
    CYRILLIC_LOOKALIKES,
    GREEK_LOOKALIKES,
    LATIN_LOOKALIKES,
    LEET,
    SPACING_ACCENTS,
)
from tvec.normalise import NormalisedText, normalise
from tvec.types import Span


def norm(text: str) -> str:
    return normalise(text).text


def find_original(document: str, pattern: str) -> str | None:
    """What a word-bounded matcher would report: the original text of the first match of the
    normalised ``pattern`` in the normalised ``document``, or None."""
    doc = normalise(document)
    needle = norm(pattern)
    assert needle, f"pattern {pattern!r} normalises to nothing"
    at = f" {doc.text} ".find(f" {needle} ")
    if at < 0:
        return None
    return doc.to_original(at, at + len(needle)).text(document)


def check_map(result: NormalisedText) -> None:
    n = len(result.text)
    assert len(result.starts) == len(result.ends) == n
    for i in range(n):
        assert 0 <= result.starts[i] < result.ends[i] <= len(result.original)
        if i:
            assert result.starts[i - 1] <= result.starts[i]
            assert result.ends[i - 1] <= result.ends[i]


# ------------------------------------------------------------------------------------------
# 1. NFKC and case folding


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ｒｅｐｏｒｔ", "report"),  # fullwidth
        ("ﬁnal ﬂag", "final flag"),  # ligatures
        ("𝐁𝐨𝐥𝐝 𝑰𝒕𝒂𝒍𝒊𝒄", "bold italic"),  # mathematical letters
        ("ⓡⓐⓛⓨ", "raly"),  # circled letters (and the repeated l)
        ("Straße", "strase"),  # full case folding: ß -> ss -> s
        ("İstanbul", "istanbul"),  # dotted capital I: the combining dot goes
        ("ΣΊΣΥΦΟΣ", "σισυφοσ"),  # Greek: accents stripped, final sigma folded
        ("MIXED case Text", "mixed case text"),
    ],
)
def test_nfkc_and_casefold(text: str, expected: str) -> None:
    assert norm(text) == expected


def test_compatibility_forms_map_back_exactly() -> None:
    document = "The report names Ｇｒｏｕｐ 𝐗 and the ﬁrst rally."
    assert find_original(document, "group x") == "Ｇｒｏｕｐ 𝐗"
    assert find_original(document, "first") == "ﬁrst"
    result = normalise("ﬁ")
    assert result.text == "fi"
    assert list(result.starts) == [0, 0] and list(result.ends) == [1, 1]


# ------------------------------------------------------------------------------------------
# 2. Invisible characters


INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",  # left-to-right embedding
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2060",  # word joiner
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\u2066",  # isolates
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",  # BOM / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\u034f",  # combining grapheme joiner
    "\ufe0f",  # variation selector 16
    "\u180e",  # Mongolian vowel separator
    "\u061c",  # Arabic letter mark
    "\u3164",  # Hangul filler
    "\U000e0041",  # tag letter A
]


@pytest.mark.parametrize("invisible", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_are_removed(invisible: str) -> None:
    evaded = f"ex{invisible}am{invisible}{invisible}ple"
    document = f"Group X sent an {evaded} today"
    assert norm(evaded) == "example"
    assert find_original(document, "example") == evaded


def test_text_of_only_invisible_characters_is_empty() -> None:
    result = normalise("\u200b\u200d\ufeff \u00ad")
    assert result.text == ""
    assert len(result.starts) == 0
    assert result.to_original(0, 0) == Span(5, 5)


# ------------------------------------------------------------------------------------------
# 3. Look-alikes, leetspeak, diacritics and apostrophes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hіzb", "hizb"),  # Cyrillic і in a Latin word
        ("ΙSΙS", "isis"),  # Greek capital Iota in a Latin word
        ("НАМАЅ", "hamas"),  # all-Cyrillic look-alikes (Ѕ is Dze)
        ("НАМАС", "hamac"),  # С looks like C, so this one reads (and folds to) "hamac"
        ("ΑΒΕ", "abe"),  # all-Greek look-alikes
        ("рауреr", "payper"),  # lowercase Cyrillic look-alikes only
        ("Gr\u043eup", "group"),  # one Cyrillic о inside a Latin word
        ("ɢʀᴏᴜᴘ", "group"),  # Latin small capitals
        ("Вοх", "box"),  # Cyrillic and Greek mixed
    ],
)
def test_lookalikes_fold_to_latin(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Москва", "москва"),  # genuine Russian: only lower-cased
        ("Привет мир", "привет мир"),
        ("Αθήνα", "αθηνα"),  # genuine Greek: accents stripped, script kept
        ("ΙΣΙΣ", "ισισ"),  # Σ is no look-alike, so this stays Greek
        ("война", "война"),
    ],
)
def test_genuine_cyrillic_and_greek_keep_their_script(text: str, expected: str) -> None:
    assert norm(text) == expected


def test_lookalike_spans_map_back() -> None:
    document = "A post that mentions Hіzb ut-Tahrir and ΙSΙS in one line."
    assert find_original(document, "Hizb ut Tahrir") == "Hіzb ut-Tahrir"
    assert find_original(document, "isis") == "ΙSΙS"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("h4m4s", "hamas"),
        ("1s1s", "isis"),
        ("r3p0rt", "report"),
        ("gr0up5", "groups"),
        ("t3$7", "test"),
        ("gr@ss", "gras"),
        ("covid19", "covidi9"),  # 9 is no leet digit
        ("2024", "2024"),  # numbers keep their digits
        ("10 000 people", "10 000 people"),
        ("$100", "100"),  # a leading $ is punctuation
        ("@group", "group"),  # a mention keeps its name as a word
        ("100$", "100"),  # no letter, so no leet: the $ is dropped
    ],
)
def test_leetspeak_only_inside_words_with_letters(text: str, expected: str) -> None:
    assert norm(text) == expected


@pytest.mark.parametrize(
    "variant",
    ["Qaida", "Qa'ida", "Qaʿida", "Qāʿida", "Qaʾida", "Qa’ida", "Qa`ida", "Qa´ida", "QA'IDA", "Qa''ida"],
)
def test_diacritics_and_apostrophes_inside_words(variant: str) -> None:
    assert norm(variant) == "qaida"
    document = f"The archive lists {variant} in a footnote."
    assert find_original(document, "Qaida") == variant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ḥizb", "hizb"),
        ("H\u0323izb", "hizb"),  # decomposed dot below
        ("Crème brûlée", "creme brule"),  # and the repeated e collapses
        ("Ẓāhir", "zahir"),
        ("Łódź", "lodz"),
        ("dıgıt", "digit"),  # dotless i
    ],
)
def test_latin_diacritics_are_stripped(text: str, expected: str) -> None:
    assert norm(text) == expected


def test_apostrophes_outside_words_are_punctuation() -> None:
    assert norm("'quoted' words") == "quoted words"
    assert norm("the groups' march") == "the groups march"


# ------------------------------------------------------------------------------------------
# 4. Repeated letters


def test_repeated_letters_collapse_and_map_to_the_whole_run() -> None:
    assert norm("jiiihaaad") == "jihad"
    assert norm("Allah") == norm("Alah") == "alah"
    assert norm("1000 goood") == "1000 god"  # digits do not collapse
    document = "They wrote sooooo looong a post"
    result = normalise(document)
    assert result.text == "they wrote so long a post"
    at = result.text.index("so ")
    assert result.to_original(at, at + 2).text(document) == "sooooo"
    assert find_original(document, "long") == "looong"


# ------------------------------------------------------------------------------------------
# 5. Spelled-out words


@pytest.mark.parametrize(
    "evaded",
    [
        "j.i.h.a.d",
        "j-i-h-a-d",
        "j i h a d",
        "j_i_h_a_d",
        "j*i*h*a*d",
        "j. i. h. a. d",
        "J.1.H.4.D",
        "jj.ii.h.a.d",
    ],
)
def test_separators_between_single_letters_are_removed(evaded: str) -> None:
    assert norm(evaded) == "jihad"
    document = f"Some post says {evaded} and more words"
    assert find_original(document, "jihad") == evaded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b", "a b"),
        ("I am a man", "i am a man"),
        ("plan a or b", "plan a or b"),
        ("1 2 3", "1 2 3"),  # numbers alone are not spelled-out words
        ("chapter 1 2 a", "chapter 1 2 a"),  # fewer than two letters
        ("U.S.A. news", "usa news"),
    ],
)
def test_ordinary_words_are_not_joined(text: str, expected: str) -> None:
    assert norm(text) == expected


# ------------------------------------------------------------------------------------------
# 6. Whitespace and punctuation


def test_word_separators_normalise_identically() -> None:
    forms = ["Hizb-ut-Tahrir", "Hizb ut Tahrir", "Hizb_ut_Tahrir", "Hizb.ut.Tahrir", "hizb / ut / tahrir"]
    assert {norm(f) for f in forms} == {"hizb ut tahrir"}


def test_whitespace_and_punctuation_collapse_to_one_space() -> None:
    assert norm("  Group X,\n\n\tasks   on people!!! (to march) ") == "group x asks on people to march"
    assert norm("«Group X» — “rally” …") == "group x raly"
    assert norm("") == ""
    assert norm(" \n\t ") == ""


# ------------------------------------------------------------------------------------------
# 7. Arabic, Urdu, Persian and other scripts


@pytest.mark.parametrize(
    ("variants", "folded"),
    [
        (["\u06cc", "\u0649", "\u064a"], "\u064a"),  # ی ى ي
        (["\u06a9", "\u0643"], "\u0643"),  # ک ك
        (["\u06c1", "\u06d5", "\u0647", "\u06c3", "\u0629", "\u06be"], "\u0647"),  # ہ ە ه ۃ ة ھ
        (["\u0623", "\u0625", "\u0622", "\u0671", "\u0627"], "\u0627"),  # أ إ آ ٱ ا
    ],
)
def test_arabic_letter_variants_fold(variants: list[str], folded: str) -> None:
    for variant in variants:
        assert norm(f"\u0628{variant}\u0628") == f"\u0628{folded}\u0628"


def test_arabic_marks_tatweel_and_digits() -> None:
    assert norm("الْعَرَبِيَّةُ") == norm("العربية") == "العربيه"
    assert norm("مـــرحبـا") == "مرحبا"
    assert norm("بِسْمِ ٱللَّٰهِ") == norm("بسم الله") == "بسم اله"
    assert norm("ذٰلِكَ ۖ") == "ذلك"  # Quranic pause mark dropped
    assert norm("١٢٣ ٤٥٦") == "123 456"  # Arabic-Indic
    assert norm("۱۲۳ ۴۵۶") == "123 456"  # Persian
    assert norm("ﻣﺮﺣﺒﺎ") == "مرحبا"  # presentation forms


def test_arabic_spans_map_back() -> None:
    document = "قال الْمُتَحَدِّث إن الجماعة تدعو"
    assert find_original(document, "المتحدث") == "الْمُتَحَدِّث"
    urdu = "رپورٹ میں تنظیم کا نام"
    assert find_original(urdu, "تنظيم") == "تنظیم"


@pytest.mark.parametrize(
    "text",
    ["नमस्ते दुनिया", "ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ", "வணக்கம் உலகம்", "হ্যালো বিশ্ব", "שלום עולם", "你好 世界"],
)
def test_other_scripts_pass_through_nfkc_and_casefold(text: str) -> None:
    assert norm(text) == unicodedata.normalize("NFKC", text).casefold()


def test_other_scripts_map_back() -> None:
    document = "समाचार: समूह X ने रैली बुलाई"
    assert find_original(document, "रैली") == "रैली"


# ------------------------------------------------------------------------------------------
# The offset map and to_original


def test_to_original_bounds_and_empty_ranges() -> None:
    result = normalise("  Group X  ")
    assert result.text == "group x"
    assert result.to_original(0, 5) == Span(2, 7)
    assert result.to_original(0, 0) == Span(2, 2)
    assert result.to_original(7, 7) == Span(11, 11)
    with pytest.raises(IndexError):
        result.to_original(0, 8)
    with pytest.raises(IndexError):
        result.to_original(3, 2)


def test_normalised_text_is_frozen_and_hashable() -> None:
    result = normalise("Group X")
    with pytest.raises(AttributeError):
        result.text = "other"  # type: ignore[misc]
    assert hash(result) == hash(normalise("Group X"))
    assert result == normalise("Group X")


# Characters the rules care about, mixed with arbitrary ones so that hypothesis finds the
# interactions between rules.
TRICKY = (
    list("aAbhijlmnostxyz HIJOS019345@$'`._-*,!\n\t")
    + list(CYRILLIC_LOOKALIKES)
    + list(GREEK_LOOKALIKES)
    + list("жбдмнвкλσΣςйёїά")
    + list(LATIN_LOOKALIKES)
    + INVISIBLE
    + list("ʿʾ’´\u0301\u0308\u0323\u064e\u0651\u0640")
    + list("یىيکكہەهۃةأإآٱابت٠١۴")
    + list("ﬁＡａ𝐁ⓐßİ½²")
    + list("नमस्तेਸਤਿ")
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=60)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tricky_text)
def test_offset_map_invariants(text: str) -> None:
    check_map(normalise(text))


@settings(max_examples=400, deadline=None)
@given(tricky_text, st.data())
def test_to_original_of_any_range_is_inside_the_original(text: str, data: st.DataObject) -> None:
    result = normalise(text)
    n = len(result.text)
    i = data.draw(st.integers(0, n))
    j = data.draw(st.integers(i, n))
    span = result.to_original(i, j)
    assert 0 <= span.start <= span.end <= len(text)


@settings(max_examples=600, deadline=None)
@given(tricky_text)
def test_normalise_is_idempotent(text: str) -> None:
    once = norm(text)
    assert norm(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_agrees_with_the_unicode_path(text: str) -> None:
    # A trailing non-ASCII invisible character sends the same text down the Unicode path.
    fast = normalise(text)
    slow = normalise(text + "\u200b")
    assert slow.text == fast.text
    assert list(slow.starts) == list(fast.starts)
    assert list(slow.ends) == list(fast.ends)


@settings(max_examples=200, deadline=None)
@given(tricky_text)
def test_vectorised_paths_agree_with_the_small_text_paths(text: str) -> None:
    # Long texts take numpy paths (translate, squeeze, identity maps); force them on short ones.
    small = normalise(text)
    with mock.patch.object(normalise_module, "_SMALL", 0):
        large = normalise(text)
    assert large.text == small.text
    assert list(large.starts) == list(small.starts)
    assert list(large.ends) == list(small.ends)


# ------------------------------------------------------------------------------------------
# Evasion round trip: insert an evaded pattern into neutral text, match, map back.

NEUTRAL_WORDS = ["people", "rally", "report", "city", "news", "today", "calls", "group", "attend", "the"]
PATTERNS = ["hizb ut tahrir", "example", "network", "organisation", "front", "brigade", "allah"]

HOMOGLYPHS: dict[str, list[str]] = {}
for _table in (CYRILLIC_LOOKALIKES, GREEK_LOOKALIKES):
    for _glyph, _latin in _table.items():
        HOMOGLYPHS.setdefault(_latin, []).append(_glyph)
LEET_OF: dict[str, list[str]] = {}
for _symbol, _letter in LEET.items():
    LEET_OF.setdefault(_letter, []).append(_symbol)
SEPARATORS = [".", "-", "_", "*", " ", ". ", "-.", "  ", "•"]


@st.composite
def evaded_letter(draw: st.DrawFn, letter: str, symbols: bool) -> str:
    """One letter, evaded; ``symbols``: whether @ and $ may stand for it (not at a word's
    start, where they mark a mention or cashtag, nor as a spelled-out letter of their own)."""
    if draw(st.booleans()):
        letter = letter.upper()
    kind = draw(st.sampled_from(["plain", "homoglyph", "leet", "fullwidth", "accent", "repeat"]))
    if kind == "homoglyph" and HOMOGLYPHS.get(letter):
        letter = draw(st.sampled_from(HOMOGLYPHS[letter]))
    elif kind == "leet" and LEET_OF.get(letter.lower()):
        options = [s for s in LEET_OF[letter.lower()] if symbols or s not in "@$"]
        if options:
            letter = draw(st.sampled_from(options))
    elif kind == "fullwidth":
        letter = chr(ord(letter) + 0xFEE0)
    elif kind == "accent":
        letter += draw(st.sampled_from(["\u0301", "\u0323", "\u0308"]))
    elif kind == "repeat":
        letter *= draw(st.integers(2, 4))
    return letter


@st.composite
def evaded_word(draw: st.DrawFn, word: str, spelled_out: bool) -> str:
    letters = [draw(evaded_letter(ch, k > 0 and not spelled_out)) for k, ch in enumerate(word)]
    assume(any(ch.isalpha() for ch in "".join(letters)))  # an all-digit word is a number
    if spelled_out:
        assume(sum(ch.isalpha() for ch in "".join(letters)) >= 2)
        glue = [draw(st.sampled_from(SEPARATORS)) for _ in letters[1:]]
    else:
        glue = [draw(st.sampled_from(["", "", "\u200b", "\u00ad", "\u200d", "'"])) for _ in letters[1:]]
    return letters[0] + "".join(g + ch for g, ch in zip(glue, letters[1:]))


@st.composite
def document_with_pattern(draw: st.DrawFn) -> tuple[str, str, str]:
    pattern = draw(st.sampled_from(PATTERNS))
    words = pattern.split(" ")
    spelled_out = len(words) == 1 and draw(st.booleans())
    joiners = [draw(st.sampled_from([" ", "-", "_", " - "])) for _ in words[1:]]
    evaded_words = [draw(evaded_word(w, spelled_out)) for w in words]
    evaded = evaded_words[0] + "".join(j + w for j, w in zip(joiners, evaded_words[1:]))
    before = draw(st.lists(st.sampled_from(NEUTRAL_WORDS), max_size=5))
    after = draw(st.lists(st.sampled_from(NEUTRAL_WORDS), max_size=5))
    gap = draw(st.sampled_from([" ", "  ", ", ", "\n", " (", " “"]))
    end = draw(st.sampled_from([" ", ". ", "!\n", ") "]))
    document = " ".join(before) + gap + evaded + end + " ".join(after)
    return pattern, evaded, document


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(document_with_pattern())
def test_evaded_pattern_is_found_and_maps_back_exactly(case: tuple[str, str, str]) -> None:
    pattern, evaded, document = case
    assert find_original(document, pattern) == evaded


# ------------------------------------------------------------------------------------------
# The tables


def test_tables_keys_survive_nfkd_and_keep_the_case_rule() -> None:
    for table in (CYRILLIC_LOOKALIKES, GREEK_LOOKALIKES, LATIN_LOOKALIKES):
        for key in table:
            assert len(key) == 1 and unicodedata.normalize("NFKD", key) == key, key
    for table in (CYRILLIC_LOOKALIKES, GREEK_LOOKALIKES):
        for key, latin in table.items():
            assert latin.isascii() and latin.isalpha()
            if key.islower():
                assert key.upper() in table, f"{key!r} is a look-alike but {key.upper()!r} is not"
    assert all(len(ch) == 1 for ch in APOSTROPHES | SPACING_ACCENTS)


def test_placeholders_never_come_from_real_characters() -> None:
    placeholders = set(normalise_module._PLACEHOLDER_OF.values())
    lookalikes = set(CYRILLIC_LOOKALIKES) | set(GREEK_LOOKALIKES)
    blocks = [range(0x80, 0x0600), range(0x1D00, 0x2000), range(0x2100, 0x2200), range(0xFF00, 0xFFF0)]
    for block in blocks:
        for code in block:
            ch = chr(code)
            folded = normalise_module._fold_cluster(ch)
            if set(folded) & placeholders:
                assert unicodedata.normalize("NFKD", ch)[0] in lookalikes, f"U+{code:04X}"


@pytest.mark.slow
def test_placeholders_never_come_from_real_characters_anywhere() -> None:
    placeholders = set(normalise_module._PLACEHOLDER_OF.values())
    lookalikes = set(CYRILLIC_LOOKALIKES) | set(GREEK_LOOKALIKES)
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        folded = normalise_module._fold_cluster(chr(code))
        if set(folded) & placeholders:
            assert any(c in lookalikes for c in unicodedata.normalize("NFKD", chr(code))), f"U+{code:04X}"
