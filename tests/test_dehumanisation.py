"""Dehumanising statements: structure, not words (templates use the made-up group "Zorbians")."""

from __future__ import annotations

import pytest

from tvec.model.dehumanisation import CATEGORY, find_dehumanising_statements


def _top(text: str):
    found = find_dehumanising_statements(text)
    return max(found, key=lambda c: c.score) if found else None


@pytest.mark.parametrize(
    "text",
    [
        "Zorbians are vermin.",
        "Zorbians are nothing but parasites.",
        "Zorbians are like rats.",
        "Zorbians are a cancer on this town.",
        "Zorbians infest our streets.",
        "Those people are parasites.",
        "Muslims are animals.",
        "I hate refugees, they are a plague.",
        "Gay people are just a waste of space.",
    ],
)
def test_dehumanising_statement_fires(text: str) -> None:
    top = _top(text)
    assert top is not None and top.category == CATEGORY
    assert top.score >= 0.5 and top.blocked_by is None
    assert text[top.span.start : top.span.end].strip() == text.strip()


def test_extermination_is_flagged_as_incitement_too() -> None:
    top = _top("Zorbians should be exterminated.")
    assert top is not None and top.score >= 0.5
    assert top.cues["incitement"] == "extermination"


@pytest.mark.parametrize(
    ("text", "blocker"),
    [
        ("Zorbians are not vermin.", "negation"),
        ("Zorbians are no more vermin than anyone else.", "negation"),
        ("He said Zorbians are vermin, which is disgusting.", "counter_speech"),
        ("Calling Zorbians vermin is hateful.", "counter_speech"),
        ("It is wrong to say that Zorbians are vermin.", "counter_speech"),
        ("The mayor said Zorbians are vermin.", "reported_speech"),
        ("Are Zorbians really vermin?", None),
        ('"Zorbians are vermin." Nobody should have to read that.', "quotation"),
    ],
)
def test_blocked_statements_score_zero(text: str, blocker: str | None) -> None:
    found = find_dehumanising_statements(text)
    assert all(c.score == 0 for c in found)
    if blocker is not None:
        assert any(c.blocked_by == blocker and c.raw_score >= 0.5 for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Zorbians are neighbours.",
        "Zorbians are kind and hard-working people.",
        "The farmers are fighting a plague of locusts.",
        "Health officials said the virus spread quickly in the region.",
        "They are rats, said nobody in the lab about the rodents.",
    ],
)
def test_neutral_text_gives_nothing(text: str) -> None:
    assert all(c.score < 0.5 for c in find_dehumanising_statements(text))


def test_one_result_per_sentence_with_original_offsets() -> None:
    text = "Zorbians are our friends. Zorbians are vermin."
    found = find_dehumanising_statements(text)
    assert len(found) == 1
    assert text[found[0].span.start : found[0].span.end] == "Zorbians are vermin."


@pytest.mark.parametrize(
    "text",
    [
        "It is not true that Zorblians are a disease.",
        "I don't believe that Zorblians are vermin.",
        "Nobody thinks that Zorblians are animals.",
    ],
)
def test_denied_dehumanisation_is_negated(text: str) -> None:
    found = find_dehumanising_statements(text)
    assert found and all(s.score == 0 and s.blocked_by == "negation" for s in found), text
    assert find_dehumanising_statements(text.split(" that ", 1)[1].capitalize())[0].score > 0


def test_an_attributive_slur_the_writer_says_of_themself_names_no_group() -> None:
    assert not find_dehumanising_statements("I'm a piece of white trash and proud of it.")
    assert not find_dehumanising_statements("I am just a piece of white trash.")
    assert find_dehumanising_statements("The white trash next door should leave.")


@pytest.mark.parametrize("text", [
    "I feel like white rats control the town.",
    "I feel like white trash are ruining this town.",
    "I am the white vermin's worst nightmare.",
    "Call me the white vermin hunter.",
    "I'm a real white vermin hunter.",
])
def test_a_first_person_sentence_that_is_not_about_the_writer_is_still_read(text: str) -> None:
    assert find_dehumanising_statements(text), text


@pytest.mark.parametrize(
    "text",
    [
        # the group believes; the copula's subject is someone else
        "A deal with what most citizens believe are parasitic criminals was always going to cost.",
        "The gangs, which many residents say are vermin, control the port.",
        # how others treat the group: the victims' side of a report
        "Refugees are treated like animals in the camps.",
        "Many migrants say they are seen as vermin by the guards.",
        "The prisoners were kept like animals for months.",
    ],
)
def test_believers_and_victims_are_not_the_predicated_group(text: str) -> None:
    top = _top(text)
    assert top is None or top.score == 0.0


@pytest.mark.parametrize(
    "text",
    ["Migrants are parasites.", "Migrants are filthy animals.", "Migrants should be treated like animals."],
)
def test_the_author_predicating_the_group_still_fires(text: str) -> None:
    top = _top(text)
    assert top is not None and top.score >= 0.8
