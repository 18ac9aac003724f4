"""The few value types every part of tvec speaks: documents in, signals and decisions out.

They are frozen dataclasses so that a detector can never change what another detector or the
policy sees, and they convert to plain JSON-able dicts (``to_dict``) for the CLI, the service,
the store and Spark alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    """What a signal says about a text.

    Violating categories name a kind of harm; context categories argue *against* a violation
    (reporting, documentation, scholarship...); the last two are about *who* a text is from or
    what it matches, which is evidence, never a verdict by itself.
    """

    # violating
    INCITEMENT = "incitement"
    INSURRECTION = "insurrection"
    GLORIFICATION = "glorification"
    DEHUMANISATION = "dehumanisation"
    PROSCRIBED_SUPPORT = "proscribed_support"
    RECRUITMENT = "recruitment"
    # context
    NEWS_REPORTING = "news_reporting"
    HUMAN_RIGHTS_DOCUMENTATION = "human_rights_documentation"
    ADVOCACY = "advocacy"
    COUNTER_SPEECH = "counter_speech"
    RELIGIOUS_QUOTATION = "religious_quotation"
    SCHOLARSHIP = "scholarship"
    # provenance and known content
    ATTRIBUTION = "attribution"
    ORGANISATION_MENTION = "organisation_mention"
    KNOWN_CONTENT = "known_content"


VIOLATING_CATEGORIES: frozenset[Category] = frozenset(
    {
        Category.INCITEMENT,
        Category.INSURRECTION,
        Category.GLORIFICATION,
        Category.DEHUMANISATION,
        Category.PROSCRIBED_SUPPORT,
        Category.RECRUITMENT,
    }
)
CONTEXT_CATEGORIES: frozenset[Category] = frozenset(
    {
        Category.NEWS_REPORTING,
        Category.HUMAN_RIGHTS_DOCUMENTATION,
        Category.ADVOCACY,
        Category.COUNTER_SPEECH,
        Category.RELIGIOUS_QUOTATION,
        Category.SCHOLARSHIP,
    }
)


class Action(StrEnum):
    """What the platform should do, in increasing order of severity."""

    ALLOW = "allow"
    LABEL = "label"
    RESTRICT = "restrict"
    REVIEW = "review"
    REMOVE = "remove"

    @property
    def severity(self) -> int:
        return _ACTION_ORDER.index(self)

    @property
    def flagged(self) -> bool:
        """True for every action other than ``allow``: something needs doing."""
        return self is not Action.ALLOW


_ACTION_ORDER = [Action.ALLOW, Action.LABEL, Action.RESTRICT, Action.REVIEW, Action.REMOVE]


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in the ORIGINAL text of a document."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, original: str) -> str:
        return original[self.start : self.end]

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


def merge_spans(spans: list[Span] | tuple[Span, ...]) -> tuple[Span, ...]:
    """Overlapping or touching spans become one, so the same evidence is shown once."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


@dataclass(frozen=True)
class Source:
    """Where a document came from: a path, plus the row or record for multi-document files."""

    path: str
    row: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        if self.row is not None:
            return f"{self.path}#row={self.row}"
        if self.record is not None:
            return f"{self.path}#record={self.record}"
        return self.path

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path}
        if self.row is not None:
            out["row"] = self.row
        if self.record is not None:
            out["record"] = self.record
        return out


@dataclass(frozen=True)
class Document:
    """A unit of text to scan. ``id`` is stable across runs for the same input."""

    id: str
    text: str
    lang: str | None = None
    source: Source | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Signal:
    """One finding of one detector: a category, a score in [0, 1] and the spans that carry it.

    ``evidence`` is a small JSON-able dict whose keys depend on the detector (the matched alias
    and its designations, the bank entry id and similarity, ...). A signal whose evidence holds
    ``designations`` (a list of dicts with ``list``, ``status``, ``date_listed``) is scoped to
    jurisdictions by the policy engine, which is how one signal counts in the UK and not in the EU.
    """

    detector: str
    category: Category | str
    score: float
    spans: tuple[Span, ...] = ()
    evidence: Mapping[str, Any] = field(default_factory=dict)
    explanation: str = ""

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"{self.detector}: score {self.score} outside [0, 1]")

    def to_dict(self, original: str | None = None) -> dict[str, Any]:
        spans = []
        for span in self.spans:
            item: dict[str, Any] = span.to_dict()
            if original is not None:
                item["text"] = span.text(original)
            spans.append(item)
        return {
            "detector": self.detector,
            "category": str(self.category),
            "score": round(self.score, 4),
            "spans": spans,
            "evidence": dict(self.evidence),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class RuleHit:
    """A rule whose condition held: the enforced one decides, shadow ones are only recorded."""

    rule: str
    action: Action
    reason_code: str
    shadow: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "action": str(self.action),
            "reason_code": self.reason_code,
            "shadow": self.shadow,
        }


@dataclass(frozen=True)
class Decision:
    """The verdict for one document in one jurisdiction, with everything needed to explain it."""

    document_id: str
    jurisdiction: str
    action: Action
    categories: tuple[str, ...]
    rule: str | None
    reason_code: str | None
    rationale: str
    signals: tuple[Signal, ...] = ()
    shadow_hits: tuple[RuleHit, ...] = ()
    policy_version: str = ""

    @property
    def flagged(self) -> bool:
        return self.action.flagged

    def to_dict(self, original: str | None = None) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "jurisdiction": self.jurisdiction,
            "action": str(self.action),
            "categories": list(self.categories),
            "rule": self.rule,
            "reason_code": self.reason_code,
            "rationale": self.rationale,
            "signals": [s.to_dict(original) for s in self.signals],
            "shadow_hits": [h.to_dict() for h in self.shadow_hits],
            "policy_version": self.policy_version,
        }
