"""Two small faults: a metadata header line taken for a dateline, and allow decisions naming
categories although no rule fired (categories come from the rule)."""

from __future__ import annotations

import pytest

from tvec import Scanner
from tvec.detectors.base import PreparedDocument
from tvec.detectors.context import ContextDetector
from tvec.types import Document


@pytest.mark.parametrize("field", ["URL", "Source", "Title", "Date", "Author", "Link", "Translation"])
def test_metadata_field_is_not_a_dateline(field: str) -> None:
    text = f"{field}: The Example Page of the Week\nWe went to the park."
    signals = ContextDetector().detect(PreparedDocument(Document(id="t", text=text)))
    assert not [s for s in signals if s.category == "news_reporting" and s.score >= 0.5]


def test_a_real_dateline_still_is() -> None:
    signals = ContextDetector().detect(PreparedDocument(Document(id="t", text="LONDON: The minister spoke today.")))
    assert any(s.category == "news_reporting" and s.score >= 0.9 for s in signals)


def test_allow_by_default_names_no_category() -> None:
    # scores below every rule's threshold, but above the reporting threshold of the table
    result = Scanner().scan("People said the weather was bad and some called them idiots.", ["UK"])
    decision = result.decision("UK")
    assert decision.action == "allow" and decision.rule is None
    assert decision.categories == ()
