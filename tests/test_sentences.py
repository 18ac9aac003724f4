"""Sentence splitting: boundaries, original offsets, scripts, abbreviations and line breaks."""

from __future__ import annotations

from tvec.model.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [span.text(text) for span in split_sentences(text)]


def test_basic_terminators_and_original_offsets() -> None:
    text = "  The meeting starts at noon. Is it late? No!  "
    spans = split_sentences(text)
    assert [s.text(text) for s in spans] == ["The meeting starts at noon.", "Is it late?", "No!"]
    assert spans[0].start == 2  # whitespace-trimmed, offsets into the original


def test_abbreviations_and_acronyms_do_not_split() -> None:
    text = "Mr. Smith met Dr. Jones at the U.N. headquarters. They talked, e.g. about trade."
    assert texts(text) == ["Mr. Smith met Dr. Jones at the U.N. headquarters.", "They talked, e.g. about trade."]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = 'She said "we will attend the rally." (The rally is on Monday.) Then she left.'
    assert texts(text) == ['She said "we will attend the rally."', "(The rally is on Monday.)", "Then she left."]


def test_arabic_urdu_and_devanagari_terminators() -> None:
    assert len(split_sentences("هذا نص قصير؟ وهذا نص آخر.")) == 2
    assert len(split_sentences("یہ پہلا جملہ ہے۔ یہ دوسرا جملہ ہے۔")) == 2
    assert len(split_sentences("यह पहला वाक्य है। यह दूसरा वाक्य है।")) == 2
    assert len(split_sentences("پہلا۔دوسرا")) == 2  # no space needed after the Urdu full stop


def test_short_lines_are_units_but_wrapped_prose_is_joined() -> None:
    heading = "Annual Report\nThe committee met twice this year and agreed on a budget."
    assert texts(heading) == ["Annual Report", "The committee met twice this year and agreed on a budget."]
    wrapped = (
        "The committee met twice this year and after a long discussion agreed on the\n"
        "budget for the coming year, which the members will present to the assembly in\n"
        "the spring.\n"
    )
    assert len(split_sentences(wrapped)) == 1


def test_vocative_line_and_blank_lines() -> None:
    text = "Dear members,\nThe meeting is moved.\n\nNew date\n\nSee you there"
    assert texts(text) == ["Dear members,\nThe meeting is moved.", "New date", "See you there"]


def test_all_lowercase_text_still_splits() -> None:
    assert len(split_sentences("the vote was held on monday. the result was close. turnout was high.")) == 3


def test_empty_and_whitespace() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


def test_very_long_run_is_cut() -> None:
    spans = split_sentences("word " * 2000)
    assert len(spans) > 1 and all(s.end - s.start <= 2000 for s in spans)


def test_a_long_text_splits_like_its_parts() -> None:
    """Its speed is measured in bench/ (bench_classifier.py, ``sentence_split``), not asserted here:
    a timed assertion failed whenever the machine was busy."""
    line = "The council met on Tuesday. Members discussed the budget, e.g. roads and schools!\n"
    text = line * 4000
    spans = split_sentences(text)
    assert len(spans) == 8000
    assert {text[s.start : s.end] for s in spans} == {"The council met on Tuesday.",
                                                      "Members discussed the budget, e.g. roads and schools!"}
