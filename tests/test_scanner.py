"""The Scanner: detector order, the cascade, failing detectors, size limits, the Python API."""

from __future__ import annotations

import pytest

import tvec
from tvec.detectors.base import Detector, DetectorRegistry, PreparedDocument
from tvec.errors import ConfigurationError, InputError
from tvec.policy import PolicyEngine, load_policy
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.types import Action, Category, Document, Signal, Span


class Fixed(Detector):
    """Emits one fixed signal and records that it ran."""

    def __init__(self, name: str, cost: float, category: Category, score: float, calls: list[str]) -> None:
        self.name, self.cost, self.calls = name, cost, calls
        self.categories = frozenset({category})
        self._category, self._score = category, score

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        self.calls.append(self.name)
        evidence = {"whole_document": True, "coverage": 1.0} if self._category == Category.KNOWN_CONTENT else {}
        return [Signal(self.name, self._category, self._score, (Span(0, 4),), evidence)]


class Broken(Detector):
    name, cost = "broken", 2.0

    def detect(self, doc: PreparedDocument) -> list[Signal]:
        raise RuntimeError("boom")


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def test_detectors_run_cheapest_first(settings, engine):
    calls: list[str] = []
    detectors = [
        Fixed("expensive", 50, Category.NEWS_REPORTING, 0.1, calls),
        Fixed("cheap", 1, Category.ORGANISATION_MENTION, 0.1, calls),
    ]
    Scanner(settings, detectors=detectors, engine=engine).scan("some text")
    assert calls == ["cheap", "expensive"]


def test_cascade_skips_expensive_detector_once_removal_is_certain(settings, engine):
    calls: list[str] = []
    detectors = [
        Fixed("bank", 1, Category.KNOWN_CONTENT, 1.0, calls),
        Fixed("model", 500, Category.INCITEMENT, 0.9, calls),
    ]
    result = Scanner(settings, detectors=detectors, engine=engine).scan("some text", ["UK", "EU"])
    assert calls == ["bank"] and result.skipped_detectors == ("model",)
    assert result.action is Action.REMOVE


def test_cascade_never_skips_a_context_detector(settings, engine):
    calls: list[str] = []
    detectors = [
        Fixed("bank", 1, Category.KNOWN_CONTENT, 1.0, calls),
        Fixed("context", 500, Category.NEWS_REPORTING, 0.9, calls),
    ]
    result = Scanner(settings, detectors=detectors, engine=engine).scan("some text", ["UK"])
    assert calls == ["bank", "context"]
    assert result.action is Action.REVIEW  # reporting context turns the removal into a review


def test_a_failing_detector_is_reported_and_the_others_still_count(settings, engine):
    calls: list[str] = []
    detectors = [Broken(), Fixed("bank", 5, Category.KNOWN_CONTENT, 1.0, calls)]
    result = Scanner(settings, detectors=detectors, engine=engine).scan(Document("d1", "text"), ["UK"])
    assert result.errors and "broken" in result.errors[0] and "boom" in result.errors[0]
    assert result.action is Action.REMOVE


def test_oversized_document_is_an_input_error(tmp_path, engine):
    settings = TvecSettings(home=tmp_path, max_document_bytes=100)
    scanner = Scanner(settings, detectors=[], engine=engine)
    with pytest.raises(InputError, match="larger than"):
        scanner.scan(Document("big", "x" * 101))
    items = list(scanner.scan_many([Document("big", "x" * 101), Document("ok", "fine")]))
    assert isinstance(items[0], InputError) and items[1].document.id == "ok"


def test_registry_loads_builtin_detectors_from_entry_points(settings):
    registry = DetectorRegistry.from_entry_points()
    assert {"organisations", "banks"} <= set(registry.names)
    with pytest.raises(ConfigurationError, match="unknown detector 'nope'"):
        registry.create(["nope"], settings)


def test_python_api_returns_decisions(tmp_path, monkeypatch):
    monkeypatch.setenv("TVEC_HOME", str(tmp_path))
    scanner = Scanner(TvecSettings())
    decisions = tvec.scan(
        "Statement.\n\nWritten for the Central Media Office of Hizb ut Tahrir", ["UK", "US"], scanner=scanner
    )
    assert [(d.jurisdiction, d.action) for d in decisions] == [("UK", Action.REVIEW), ("US", Action.ALLOW)]
    assert decisions[0].signals and decisions[0].rationale
    record = scanner.scan(tvec.Document("x", "plain text about the weather")).to_dict()
    assert record["document_id"] == "x" and set(record["decisions"]) == {"UK", "EU"}


def test_time_aware_decision(tmp_path):
    scanner = Scanner(TvecSettings(home=tmp_path))
    text = "Statement.\n\nWritten for the Central Media Office of Hizb ut Tahrir"
    import datetime as dt

    before = scanner.scan(text, ["UK"], as_of=dt.date(2023, 6, 1)).decision("UK")
    after = scanner.scan(text, ["UK"], as_of=dt.date(2024, 6, 1)).decision("UK")
    assert before.action is Action.ALLOW and after.action is Action.REVIEW
