"""End to end: a quoted call inside a report is not the author's call; an organisation's own
statement is. Templated documents about the made-up "Zorbian Front"."""

from __future__ import annotations

import pytest

from tvec import Scanner

CALL = "O soldiers, rise up and overthrow the government. We call on the armed forces to wage war against the enemy."

LEGITIMATE = {
    "monitoring translation": (
        "Special Dispatch No. 9999\nThe following are excerpts from a sermon by a preacher of the Zorbian Front, "
        f"broadcast last week.\n\nThe preacher said:\n\n{CALL}\n\nAnalysts said the sermon was part of a wider campaign."
    ),
    "news report": (
        "CAPITAL (Reuters) - A militant leader called on his followers to attack the city, according to a video "
        f'released on Tuesday. "{CALL}" he said in the video. Police said they were investigating.'
    ),
    "scripture commentary": (
        "Tafsir of Surah Al-Baqarah, verse 190.\nAllah says: \"Fight in the way of Allah those who fight you, but do "
        "not transgress.\" [Al-Baqarah 2:190]\nIbn Kathir explains that this verse was revealed about defence. The "
        "meaning of this verse is that fighting is only permitted against those who attack first, scholars say."
    ),
    "course material": (
        "Module 4: Recruitment narratives\nLearning objectives: by the end of this module students will be able to "
        "recognise calls to violence.\nExample of a call: \"Brothers, join the ranks of the fighters today.\" "
        "Discuss why this message appeals to young people."
    ),
    "human-rights report": (
        "Human Rights Watch documented attacks on civilians. Survivors told researchers that the commander shouted "
        '"kill them all, burn their houses" before the raid. Recommendations to the government follow.'
    ),
}


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


@pytest.mark.parametrize("kind", sorted(LEGITIMATE))
def test_reports_of_calls_stay_up(scanner: Scanner, kind: str) -> None:
    decision = scanner.scan(LEGITIMATE[kind], ["UK", "EU"]).decision("UK")
    assert decision.action == "allow", (kind, decision.rationale)


def test_the_organisations_own_statement_is_flagged(scanner: Scanner) -> None:
    text = f"Press Release\nRef: 1445 AH / 12\nThe Zorbian Front calls upon the officers of the army to act.\n{CALL}"
    result = scanner.scan(text, ["UK"])
    assert result.decision("UK").flagged
    [signal] = [s for s in result.signals if s.detector == "classifier" and s.category == "insurrection"]
    assert signal.evidence["genre"] == "official_statement"


def test_the_same_call_quoted_in_a_post_still_goes_to_review(scanner: Scanner) -> None:
    """Quoting is also a way to spread a call: outside reporting genres it weighs 0.6, not 0.35."""
    assert scanner.scan(f'"{CALL}"', ["UK"]).decision("UK").flagged
