"""Threats phrased as wishes ("I hope they die", "if only they were dead", "I want to see them
burn"): an optative frame plus a fate wished on people is a call to violence of medium
confidence (the policy sends it to review), and the usual blockers still apply. Sentences are
templates written for these tests; "Zorblians" is a fictional group."""

from __future__ import annotations

import pytest

from tvec.model.cta import find_calls_to_action

WISHES = [
    "I hope all Zorblians die.",
    "I really hope those people die.",
    "If only all Zorblians were dead.",
    "I want to see Zorblians burn.",
    "I'd love to watch them suffer.",
    "I wish someone would kill every one of the Zorblians.",
]

NOT_WISHES = [
    "I hope no Zorblians die.",  # negated
    "I hope my plants do not die.",  # negated, and not people
    "I hope the trend dies.",  # not people
    "I hope they burn down the old barn.",  # a phrasal verb about a thing
    "Experts hope fewer people die on the roads.",  # no first-person wish
    "He said he hoped they would die.",  # reported
    "Do you hope they die?",  # a question
    "We condemn anyone who says they hope Zorblians die.",  # condemnation
]


@pytest.mark.parametrize("text", WISHES)
def test_wishes_of_violence_are_calls(text: str) -> None:
    calls = [c for c in find_calls_to_action(text) if c.blocked_by is None]
    assert [c.category for c in calls] == ["incitement"], text
    assert 0.5 <= calls[0].score < 0.85  # review, never removal on a wish alone


@pytest.mark.parametrize("text", NOT_WISHES)
def test_negated_reported_and_figurative_wishes_are_not(text: str) -> None:
    assert [c for c in find_calls_to_action(text) if c.score > 0] == [], text


def test_an_act_others_want_is_not_the_call() -> None:
    text = "We must protect Zorblians from those who want to hurt them."
    calls = find_calls_to_action(text)
    assert calls and all(c.score == 0 and c.blocked_by == "relative_clause" for c in calls)
    # the directive's own act still counts
    assert [c.category for c in find_calls_to_action("We must find those who did this and hurt them.") if c.score]
