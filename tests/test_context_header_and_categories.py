"""Two small faults: a metadata header line taken for a dateline, and allow decisions naming
categories although no rule fired (categories come from the rule)."""

from __future__ import annotations

import pytest

from tvec.policy import PolicyEngine, load_policy
from tvec.detectors.base import PreparedDocument
from tvec.detectors.context import ContextDetector
from tvec.types import Category, Document, Signal


@pytest.mark.parametrize("field", ["URL", "Source", "Title", "Date", "Author", "Link", "Translation"])
def test_metadata_field_is_not_a_dateline(field: str) -> None:
    text = f"{field}: The Example Page of the Week\nWe went to the park."
    signals = ContextDetector().detect(PreparedDocument(Document(id="t", text=text)))
    assert not [s for s in signals if s.category == "news_reporting" and s.score >= 0.5]


def test_a_real_dateline_still_is() -> None:
    signals = ContextDetector().detect(PreparedDocument(Document(id="t", text="LONDON: The minister spoke today.")))
    assert any(s.category == "news_reporting" and s.score >= 0.9 for s in signals)


def test_allow_by_default_names_no_category() -> None:
    """A violating score of 0.55 inside context 0.7 meets no rule (review needs 0.6 there), but it
    is above the 0.5 at which categories are reported: the allow must still name none."""
    signals = [
        Signal(detector="classifier", category=Category.DEHUMANISATION, score=0.55),
        Signal(detector="context", category=Category.NEWS_REPORTING, score=0.7),
    ]
    engine = PolicyEngine(load_policy(None))
    [decision] = engine.decide(Document(id="d", text="x"), signals, ["UK"])
    assert decision.action == "allow" and decision.rule is None
    assert decision.categories == ()
