"""The two systems the evaluation scores: the bare first-stage :class:`LinearModel`, and the whole
detector stack run through :class:`~tvec.scanner.Scanner` with the shipped policy.

Both return :class:`Predictions`: a score per category and a binary decision at the system's own
operating point. For the stack the decision is the policy's (anything but ``allow`` counts as
flagged); for the bare model it is the policy's review threshold applied to its violating score,
so the two are compared at the point a platform would actually act.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from tvec.detectors.base import Detector, DetectorRegistry
from tvec.errors import ConfigurationError
from tvec.settings import TvecSettings
from tvec.types import CONTEXT_CATEGORIES, VIOLATING_CATEGORIES, Document

VIOLATING = tuple(sorted(str(c) for c in VIOLATING_CATEGORIES))
CONTEXT = tuple(sorted(str(c) for c in CONTEXT_CATEGORIES))
# The default policy's lowest violating rule ("violating-possible": violating >= 0.5 -> review).
REVIEW_THRESHOLD = 0.5


@dataclass(frozen=True)
class Predictions:
    """Scores (n, len(categories)) in [0, 1], the decision per text, and optional details."""

    categories: tuple[str, ...]
    scores: np.ndarray
    flagged: np.ndarray
    details: tuple[Mapping[str, Any], ...] = ()
    seconds: float = 0.0

    def column(self, category: str) -> np.ndarray:
        if category not in self.categories:
            return np.zeros(self.scores.shape[0], dtype=np.float64)
        return self.scores[:, self.categories.index(category)]

    @property
    def violating(self) -> np.ndarray:
        """Max over the violating categories: the ``violating`` variable the policy sees."""
        columns = [j for j, c in enumerate(self.categories) if c in VIOLATING]
        if not columns:
            return np.zeros(self.scores.shape[0], dtype=np.float64)
        return self.scores[:, columns].max(axis=1)

    def take(self, index: np.ndarray | Sequence[int]) -> Predictions:
        index = np.asarray(index, dtype=np.int64)
        details = tuple(self.details[i] for i in index) if self.details else ()
        return Predictions(self.categories, self.scores[index], self.flagged[index], details)


class Predictor(Protocol):
    name: str

    def predict(self, texts: Sequence[str]) -> Predictions: ...


class ProbabilityModel(Protocol):
    categories: tuple[str, ...]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass
class LinearPredictor:
    """The first stage alone, on whole texts (no sentence splitting, no call-to-action rules)."""

    model: ProbabilityModel
    name: str = "linear"
    threshold: float = REVIEW_THRESHOLD
    batch: int = 2048

    def predict(self, texts: Sequence[str]) -> Predictions:
        started = time.perf_counter()
        parts = [
            np.asarray(self.model.predict_proba(list(texts[i : i + self.batch])), dtype=np.float64)
            for i in range(0, len(texts), self.batch)
        ]
        k = len(self.model.categories)
        scores = np.vstack(parts) if parts else np.zeros((0, k))
        scores = np.clip(scores, 0.0, 1.0)
        categories = tuple(str(c) for c in self.model.categories)
        result = Predictions(categories, scores, np.zeros(len(texts), dtype=bool))
        flagged = result.violating >= self.threshold
        return Predictions(categories, scores, flagged, seconds=time.perf_counter() - started)


@dataclass
class StackPredictor:
    """Documents through the Scanner: every detector named, the shipped policy, one jurisdiction."""

    scanner: Any  # tvec.scanner.Scanner (typed loosely so tests can pass a fake)
    name: str = "stack"
    jurisdiction: str = "UK"
    categories: tuple[str, ...] = field(default=VIOLATING + CONTEXT)

    def predict(self, texts: Sequence[str]) -> Predictions:
        started = time.perf_counter()
        scores = np.zeros((len(texts), len(self.categories)), dtype=np.float64)
        flagged = np.zeros(len(texts), dtype=bool)
        details = []
        position = {c: j for j, c in enumerate(self.categories)}
        for i, text in enumerate(texts):
            result = self.scanner.scan(Document(id=f"eval-{i}", text=text), [self.jurisdiction])
            decision = result.decision(self.jurisdiction)
            classifier: dict[str, float] = {}
            detectors: set[str] = set()
            for signal in result.signals:
                category = str(signal.category)
                detectors.add(signal.detector)
                if category in position:
                    scores[i, position[category]] = max(scores[i, position[category]], signal.score)
                if signal.detector == "classifier":
                    classifier[category] = max(classifier.get(category, 0.0), signal.score)
            flagged[i] = bool(decision.flagged)
            details.append(
                {
                    "action": str(decision.action),
                    "rule": decision.rule,
                    "categories": tuple(decision.categories),
                    "classifier": classifier,
                    "detectors": tuple(sorted(detectors)),
                    "errors": tuple(result.errors),
                }
            )
        return Predictions(self.categories, scores, flagged, tuple(details), time.perf_counter() - started)


def build_detectors(names: Sequence[str], settings: TvecSettings) -> list[Detector]:
    """Detectors by registry name. A name the installed entry points do not know is looked up
    as ``tvec.detectors.<name>:create``, so a checkout whose installed metadata predates a new
    built-in detector can still be evaluated without reinstalling."""
    registry = DetectorRegistry.from_entry_points()
    detectors = []
    for name in names:
        if name in registry.names:
            detectors.extend(registry.create([name], settings))
            continue
        try:
            factory = import_module(f"tvec.detectors.{name}").create
        except (ImportError, AttributeError) as exc:
            raise ConfigurationError(f"unknown detector {name!r}: not registered and no tvec.detectors.{name}.create") from exc
        detectors.append(factory(settings))
    return detectors


def stack_predictor(detectors: Sequence[str], name: str, jurisdiction: str = "UK", home: Path | None = None) -> StackPredictor:
    """A Scanner with the shipped policy and exactly ``detectors`` (no bank: the evaluation
    measures novel-content detection, not matches against a user's bank)."""
    from tvec.scanner import Scanner

    home = home or Path(tempfile.mkdtemp(prefix="tvec-eval-"))
    settings = TvecSettings(home=home, detectors=list(detectors), jurisdictions=[jurisdiction])
    scanner = Scanner(settings, detectors=build_detectors(detectors, settings))
    return StackPredictor(scanner, name=name, jurisdiction=jurisdiction)
