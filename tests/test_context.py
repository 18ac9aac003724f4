"""The context detector: per-category signals, coverage-weighted scores, spans and the seeds."""

from __future__ import annotations

import pytest

from tvec.detectors.base import PreparedDocument
from tvec.detectors.context import ContextDetector, create
from tvec.types import Category, Document


@pytest.fixture(scope="module")
def detector() -> ContextDetector:
    return ContextDetector()


def scores(detector: ContextDetector, text: str) -> dict[str, float]:
    return {str(s.category): s.score for s in detector.detect(PreparedDocument(Document("d", text)))}


def test_news_dateline_and_attribution(detector: ContextDetector) -> None:
    text = (
        "LONDON (Reuters) - The council approved the budget on Monday, officials said. "
        "According to the mayor, the vote was close. The opposition told reporters it would appeal."
    )
    found = scores(detector, text)
    assert found["news_reporting"] >= 0.8


def test_counter_speech(detector: ContextDetector) -> None:
    text = "We condemn the attack in the strongest terms. There is no place for violence in our town."
    assert scores(detector, text)["counter_speech"] >= 0.8


def test_religious_quotation(detector: ContextDetector) -> None:
    text = "The verse is often quoted (Quran 5:32). Another is cited as [Al-Baqarah 2:256]. See also John 3:16."
    assert scores(detector, text)["religious_quotation"] >= 0.9


def test_human_rights_scholarship_advocacy(detector: ContextDetector) -> None:
    hr = "Amnesty International documented enforced disappearances. The UN report lists human rights violations."
    assert scores(detector, hr)["human_rights_documentation"] >= 0.8
    sch = "Researchers analysed the dataset (Smith et al., 2019). The study's findings are robust."
    assert scores(detector, sch)["scholarship"] >= 0.8
    adv = "We call for a peaceful resolution through dialogue. Self-determination is a right. Sign the petition."
    assert scores(detector, adv)["advocacy"] >= 0.7


def test_score_grows_with_share_of_sentences(detector: ContextDetector) -> None:
    filler = "The river flows past the old mill. " * 20
    one = scores(detector, filler + "We condemn the attack.")["counter_speech"]
    many = scores(detector, "We condemn the attack. " * 10 + filler)["counter_speech"]
    assert 0 < one < 0.5 <= many


def test_plain_text_has_no_context(detector: ContextDetector) -> None:
    assert scores(detector, "The cat sat on the mat. It was warm.") == {}


def test_signal_shape(detector: ContextDetector) -> None:
    text = "Officials said the road was closed. The road reopened later, police said."
    (signal,) = [s for s in detector.detect(PreparedDocument(Document("d", text))) if s.category == Category.NEWS_REPORTING]
    assert signal.detector == "context"
    assert [span.text(text) for span in signal.spans] == [
        "Officials said the road was closed.",
        "The road reopened later, police said.",
    ]
    assert signal.evidence["sentences"] == 2 and "said" in signal.explanation


def test_create_and_registry(settings) -> None:
    from tvec.detectors.base import DetectorRegistry

    assert create(settings).name == "context"
    registry = DetectorRegistry.from_entry_points()
    assert "context" in registry.names
    (made,) = registry.create(["context"], settings)
    assert isinstance(made, ContextDetector) and made.cost == 3.0


def test_seeds_context_is_moderate_on_propaganda_and_high_on_legitimate(shared, detector) -> None:
    seeds = shared / "seeds"
    if not seeds.is_dir():
        pytest.skip("no seeds")
    top = {}
    for path in sorted(seeds.glob("00*.txt")):
        found = scores(detector, path.read_text(encoding="utf-8"))
        top[path.name[:3]] = max(found.values(), default=0.0)
    assert all(top[k] < 0.5 for k in ("000", "001", "002")), top
    assert all(top[k] >= 0.7 for k in ("003", "004")), top
