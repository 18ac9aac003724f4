"""Calls to action: all three role slots needed, blockers, scoring, and the seed documents."""

from __future__ import annotations

import pytest

from tvec.model.cta import CallToAction, find_calls_to_action


def calls(text: str, minimum: float = 0.5) -> dict[str, CallToAction]:
    return {c.category: c for c in find_calls_to_action(text) if c.score >= minimum}


def blocked(text: str) -> set[str | None]:
    return {c.blocked_by for c in find_calls_to_action(text)}


# -- calls that must be found ------------------------------------------------------------------


def test_vocative_imperative_to_soldiers_is_insurrection() -> None:
    found = calls("Soldiers, rise up and overthrow the government now!")
    assert "insurrection" in found
    assert found["insurrection"].cues["addressee_kind"] == "armed"


def test_call_on_armed_forces_to_wage_war_is_incitement() -> None:
    found = calls("We call on the armed forces to wage war against the enemy.")
    assert found["incitement"].score == pytest.approx(1.0)
    assert found["incitement"].cues["act"] == "wage war"


def test_deontic_demand_for_support_to_seize_power() -> None:
    found = calls("The people must demand from the officers to grant nussrah and seize power.")
    assert "insurrection" in found


def test_vocative_a_few_sentences_earlier_names_the_addressee() -> None:
    text = "O officers of the army, listen. The hour has come. Topple the regime of the tyrants."
    found = calls(text)
    assert found["insurrection"].cues["addressee"] == "officers of the army"


def test_recruitment_and_glorification() -> None:
    assert "recruitment" in calls("Brothers, join the ranks of the fighters today.")
    assert "glorification" in calls("May God accept the heroic attackers of the raid.")


def test_threats_against_a_group() -> None:
    assert "incitement" in calls("Someone should stab those people.")
    assert "incitement" in calls("Let's get rid of all immigrants once and for all.")


def test_arabic_and_urdu_calls() -> None:
    assert "incitement" in calls("يا جنود قاتلوا الاعداء")  # vocative + plural imperative
    assert "incitement" in calls("فوج کو جہاد کرنا چاہیے")  # addressee + act + obligation


def test_span_is_the_sentence_in_the_original_text() -> None:
    text = "The weather is fine. Soldiers, rise up and overthrow the government now! Thanks."
    call = calls(text)["insurrection"]
    assert call.span.text(text) == "Soldiers, rise up and overthrow the government now!"


# -- single slots never trigger ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jihad is a word with several meanings in Islamic theology.",
        "The army held a parade in the capital.",
        "Historians study the caliphate of the Abbasids.",
        "Kashmir is a disputed region.",
        "Join us at the rally on Saturday.",
        "Somebody should just stab those balloons.",
        "Let's just eradicate those weeds.",
        "Bomb kills one in market town.",
        "We must fight poverty and corruption.",
        "Members should execute the plan before the deadline.",
    ],
)
def test_no_call(text: str) -> None:
    assert calls(text, minimum=0.3) == {}


# -- blockers ----------------------------------------------------------------------------------


def test_reported_speech_is_blocked() -> None:
    text = "The spokesman said that soldiers must overthrow the government."
    assert calls(text) == {}
    assert "reported_speech" in blocked(text)


def test_negation_is_blocked() -> None:
    assert calls("We must not attack them.") == {}
    assert "negation" in blocked("We must not attack them.")
    assert calls("Let us not kill anyone.") == {}


def test_condemnation_is_blocked() -> None:
    text = "We condemn those who urge soldiers to kill civilians."
    assert calls(text) == {}
    assert "condemnation" in blocked(text)


def test_question_is_blocked() -> None:
    assert calls("Should the soldiers attack them?") == {}
    assert "question" in blocked("Should the soldiers attack them?")


def test_quoted_call_commented_on_is_reported_speech() -> None:
    text = 'She should be banned for writing "people like them should all be killed".'
    assert calls(text) == {}


def test_scripture_quotation_is_blocked() -> None:
    text = 'The verse reads:\n"O believers, fight them until there is no more persecution." (Quran 2:193)'
    assert calls(text) == {}
    assert blocked(text) & {"quotation", "reported_speech"}


def test_scores_are_in_range_and_blocked_calls_score_zero() -> None:
    text = "Soldiers, attack them. We must not attack them. Fight the enemy?"
    for call in find_calls_to_action(text):
        assert 0.0 <= call.score <= 1.0
        assert (call.blocked_by is None) == (call.score > 0)


# -- seeds -------------------------------------------------------------------------------------


def test_seeds(shared) -> None:
    seeds = shared / "seeds"
    if not seeds.is_dir():
        pytest.skip("no seeds")
    expected = {"000": {"insurrection", "incitement"}, "001": {"insurrection", "incitement"},
                "002": {"insurrection", "incitement"}, "003": set(), "004": set()}
    for path in sorted(seeds.glob("00*.txt")):
        text = path.read_text(encoding="utf-8")
        found = {c.category for c in find_calls_to_action(text) if c.score >= 0.5}
        assert found == expected[path.name[:3]], path.name
        for call in find_calls_to_action(text):
            if call.score >= 0.5:
                assert call.cues["addressee_kind"] in ("armed", "community"), call


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("O armies of the Muslims, mobilise and move to liberate the land!", "incitement"),
        ("The sincere officers must overturn the system and hand authority to the party.", "insurrection"),
    ],
)
def test_calls_to_mobilise_and_to_overturn_the_system(text: str, category: str) -> None:
    assert category in calls(text)


def test_reported_mobilisation_is_not_a_call() -> None:
    assert "incitement" not in calls("The minister said the army would move to liberate the town.")
