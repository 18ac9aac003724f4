"""The one pipeline: document -> normalise -> detectors (cheapest first) -> policy -> decisions.

The CLI, the HTTP service, the Spark job and the Python API all call :class:`Scanner`; none of
them knows anything about a particular detector.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from tvec.detectors.base import Detector, DetectorRegistry, PreparedDocument
from tvec.errors import DetectorError, InputError, TvecError
from tvec.ingest.options import too_large
from tvec.ingest.rows import unicode_problem
from tvec.policy import PolicyEngine, load_policy
from tvec.settings import TvecSettings, load_settings
from tvec.types import CONTEXT_CATEGORIES, Action, Decision, Document, Signal


@dataclass(frozen=True)
class ScanResult:
    """Everything one scan of one document produced."""

    document: Document
    signals: tuple[Signal, ...]
    decisions: tuple[Decision, ...]
    errors: tuple[str, ...] = ()
    skipped_detectors: tuple[str, ...] = field(default=())

    @property
    def flagged(self) -> bool:
        return any(d.flagged for d in self.decisions)

    @property
    def action(self) -> Action:
        """The most severe action over the requested jurisdictions."""
        return max((d.action for d in self.decisions), key=lambda a: a.severity, default=Action.ALLOW)

    def decision(self, jurisdiction: str) -> Decision:
        for decision in self.decisions:
            if decision.jurisdiction == jurisdiction:
                return decision
        raise KeyError(jurisdiction)

    def to_dict(self) -> dict[str, Any]:
        text = self.document.text
        record: dict[str, Any] = {"document_id": self.document.id}
        if self.document.source is not None:
            record["source"] = self.document.source.to_dict()
        record["decisions"] = {
            d.jurisdiction: {k: v for k, v in d.to_dict().items() if k != "signals"} for d in self.decisions
        }
        record["signals"] = [s.to_dict(text) for s in self.signals]
        if self.errors:
            record["errors"] = list(self.errors)
        if self.skipped_detectors:
            record["skipped_detectors"] = list(self.skipped_detectors)
        return record


class Scanner:
    """Runs detectors and the policy on documents. Build once, scan many: loading the detectors
    (automata, banks, models) is the expensive part."""

    def __init__(
        self,
        settings: TvecSettings | None = None,
        *,
        detectors: Sequence[Detector] | None = None,
        engine: PolicyEngine | None = None,
        registry: DetectorRegistry | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        if detectors is None:
            registry = registry or DetectorRegistry.from_entry_points()
            detectors = registry.create(self.settings.detectors, self.settings)
        self.detectors = sorted(detectors, key=lambda d: d.cost)
        self.engine = engine or PolicyEngine(load_policy(self.settings.policy_path))

    def scan(
        self,
        document: Document | str,
        jurisdictions: Sequence[str] | None = None,
        as_of: dt.date | None = None,
    ) -> ScanResult:
        if isinstance(document, str):
            document = Document(id="text", text=document)
        self._check_document(document)
        wanted = list(jurisdictions or self.settings.jurisdictions)
        prepared = PreparedDocument(document)
        signals: list[Signal] = []
        errors: list[str] = []
        skipped: list[str] = []
        for position, detector in enumerate(self.detectors):
            if self._already_decided(detector, document, signals, wanted, as_of):
                skipped = [d.name for d in self.detectors[position:]]
                break
            try:
                signals.extend(detector.detect(prepared))
            except TvecError as exc:
                errors.append(f"detector {detector.name}: {exc}")
            except Exception as exc:  # one broken detector must not lose the other signals
                errors.append(str(DetectorError(f"detector {detector.name} failed on {document.id}: {exc!r}")))
        decisions = self.engine.decide(document, signals, wanted, as_of=as_of)
        return ScanResult(document, tuple(signals), tuple(decisions), tuple(errors), tuple(skipped))

    def scan_many(
        self,
        documents: Iterable[Document | InputError],
        jurisdictions: Sequence[str] | None = None,
        as_of: dt.date | None = None,
    ) -> Iterator[ScanResult | InputError]:
        """Scan a stream; unreadable inputs (and documents the scanner rejects) pass through as
        :class:`InputError` so that a caller reports them in order without stopping."""
        for item in documents:
            if isinstance(item, InputError):
                yield item
                continue
            try:
                yield self.scan(item, jurisdictions, as_of)
            except InputError as exc:
                yield exc

    def _check_document(self, document: Document) -> None:
        """The same limits the readers apply, for documents that come from Python or the network."""
        where = str(document.source) if document.source else document.id
        problem = unicode_problem(document.text)
        if problem:
            raise InputError(where, problem)
        size = len(document.text.encode("utf-8"))
        if size > self.settings.max_document_bytes:
            raise too_large(where, size, self.settings.max_document_bytes)

    def _already_decided(
        self,
        detector: Detector,
        document: Document,
        signals: list[Signal],
        jurisdictions: list[str],
        as_of: dt.date | None,
    ) -> bool:
        """The cascade: an expensive detector is skipped when the cheaper ones already lead to
        removal in every requested jurisdiction, since nothing it finds can make that stricter.
        A detector that can emit context (reporting, scholarship...) is never skipped: its
        findings may turn a removal into a review."""
        if detector.cost < self.settings.cascade_min_cost or not signals:
            return False
        if {str(c) for c in detector.categories} & {str(c) for c in CONTEXT_CATEGORIES}:
            return False
        decisions = self.engine.decide(document, signals, jurisdictions, as_of=as_of)
        return all(d.action is Action.REMOVE for d in decisions)
