"""What the case view shows of a stored scan: the evidence table, the organisation matches with
their designations, the bank matches side by side, the automated decision per jurisdiction.

Pure functions of the scan JSON (``ScanResult.to_dict()`` as stored) and the document text, so
the console never re-runs detection: a reviewer sees exactly what the pipeline saw when it
decided, even after the policy or the bank has changed since.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tvec.console.highlight import evidence_kind
from tvec.policy import Policy
from tvec.types import Category

# text longer than this is collapsed behind a "show" control by default (reviewer wellbeing)
LONG_TEXT_CHARACTERS = 1500
# a violating signal at least this strong collapses the text by default, whatever its length
GRAPHIC_SCORE = 0.5

# the categories whose text is violent to read (calls to violence, praise of attacks, dehumanising
# language, calls to join); support for a proscribed group is often a dull announcement, so it
# alone does not hide the text
VIOLENT_CATEGORIES = frozenset(
    str(c) for c in (Category.INCITEMENT, Category.INSURRECTION, Category.GLORIFICATION,
                     Category.DEHUMANISATION, Category.RECRUITMENT)
)
_WORD = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class EvidenceRow:
    number: int
    detector: str
    category: str
    kind: str
    score: float
    explanation: str
    spans: tuple[tuple[int, int, str], ...]  # start, end, the span's text in the original


@dataclass(frozen=True)
class DesignationRow:
    list: str
    list_name: str
    canonical_name: str
    status: str
    date_listed: str
    date_revoked: str
    verification: str
    source: str

    @property
    def unverified(self) -> bool:
        """Rows from background material, not read from the list itself: shown as unverified."""
        return self.verification != "read"


@dataclass(frozen=True)
class OrganisationMatch:
    number: int
    organisation: str
    category: str  # attribution / organisation_mention
    score: float
    matched: tuple[str, ...]
    spans: tuple[tuple[int, int, str], ...]
    designations: tuple[DesignationRow, ...]
    note: str  # signature verification, ambiguous-alias-only...


@dataclass(frozen=True)
class BankMatch:
    number: int
    entry_id: str
    match: str  # exact / near_duplicate
    similarity: float
    coverage: float | None
    label: str
    organisation: str | None
    source: str
    document_text: str  # what the document says, from its matched span(s)
    bank_text: str | None  # what the bank holds for the matched passages, when it keeps text

    @property
    def diff(self) -> tuple[tuple[tuple[str, bool], ...], tuple[tuple[str, bool], ...]]:
        """Both sides as (piece, differs) runs, so the view can mark the words an edited copy
        changed; the bank side is empty when the bank keeps no text."""
        return word_diff(self.document_text, self.bank_text or "")


@dataclass(frozen=True)
class JurisdictionDecision:
    jurisdiction: str
    action: str
    categories: tuple[str, ...]
    rule: str | None
    rule_description: str
    reason_code: str | None
    rationale: str
    shadow_hits: tuple[dict[str, Any], ...]
    policy_version: str


@dataclass(frozen=True)
class CaseEvidence:
    evidence: tuple[EvidenceRow, ...]
    organisations: tuple[OrganisationMatch, ...]
    banks: tuple[BankMatch, ...]
    decisions: tuple[JurisdictionDecision, ...]
    errors: tuple[str, ...] = field(default=())


def _spans(text: str | None, signal: Mapping[str, Any]) -> tuple[tuple[int, int, str], ...]:
    out = []
    for span in signal.get("spans") or ():
        if not isinstance(span, Mapping):
            continue
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        quoted = text[start:end] if text is not None and 0 <= start <= end <= len(text) else str(span.get("text", ""))
        out.append((start, end, quoted))
    return tuple(out)


def _score(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _designation(row: Mapping[str, Any]) -> DesignationRow:
    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None else str(value)

    return DesignationRow(
        list=text("list"),
        list_name=text("list_name"),
        canonical_name=text("canonical_name"),
        status=text("status"),
        date_listed=text("date_listed") or text("date_listed_note"),
        date_revoked=text("date_revoked"),
        verification=text("verification") or "unknown",
        source=text("source"),
    )


def _organisation(number: int, signal: Mapping[str, Any], text: str | None) -> OrganisationMatch:
    evidence = signal.get("evidence") or {}
    notes = []
    if evidence.get("signature_verification") == "background":
        notes.append("signature pattern from background material (unverified)")
    if evidence.get("ambiguous_alias_only"):
        notes.append("only ambiguous aliases matched (corroborated by context)")
    kinds = evidence.get("signature_kinds") or []
    if kinds:
        notes.append("signature: " + ", ".join(str(k) for k in kinds))
    return OrganisationMatch(
        number=number,
        organisation=str(evidence.get("organisation") or evidence.get("organisation_key") or "?"),
        category=str(signal.get("category", "")),
        score=_score(signal.get("score")),
        matched=tuple(str(m) for m in evidence.get("matched") or ()),
        spans=_spans(text, signal),
        designations=tuple(_designation(d) for d in evidence.get("designations") or () if isinstance(d, Mapping)),
        note="; ".join(notes),
    )


def _bank(number: int, signal: Mapping[str, Any], text: str | None) -> BankMatch:
    evidence = signal.get("evidence") or {}
    spans = _spans(text, signal)
    coverage = evidence.get("coverage")
    return BankMatch(
        number=number,
        entry_id=str(evidence.get("entry_id", "?")),
        match=str(evidence.get("match", "")),
        similarity=_score(evidence.get("similarity", signal.get("score"))),
        coverage=_score(coverage) if coverage is not None else None,
        label=str(evidence.get("label") or ""),
        organisation=evidence.get("organisation"),
        source=str(evidence.get("source") or ""),
        document_text="\n[…]\n".join(quoted for _, _, quoted in spans),
        bank_text=evidence.get("bank_passage_text"),
    )


def _decisions(scan: Mapping[str, Any], policy: Policy | None) -> tuple[JurisdictionDecision, ...]:
    descriptions = {rule.id: rule.description for rule in policy.rules} if policy is not None else {}
    default = policy.default.description if policy is not None else ""
    out = []
    for jurisdiction, decision in (scan.get("decisions") or {}).items():
        if not isinstance(decision, Mapping):
            continue
        rule = decision.get("rule")
        out.append(
            JurisdictionDecision(
                jurisdiction=str(jurisdiction),
                action=str(decision.get("action", "")),
                categories=tuple(str(c) for c in decision.get("categories") or ()),
                rule=rule,
                rule_description=descriptions.get(rule, "") if rule else default,
                reason_code=decision.get("reason_code"),
                rationale=str(decision.get("rationale", "")),
                shadow_hits=tuple(h for h in decision.get("shadow_hits") or () if isinstance(h, Mapping)),
                policy_version=str(decision.get("policy_version", "")),
            )
        )
    return tuple(out)


def case_evidence(scan: Mapping[str, Any], text: str | None, policy: Policy | None = None) -> CaseEvidence:
    """Everything the case view lists, numbered like the highlighted spans (1-based order of
    the scan's signals)."""
    rows, organisations, banks = [], [], []
    for number, signal in enumerate(scan.get("signals") or (), start=1):
        if not isinstance(signal, Mapping):
            continue
        category = str(signal.get("category", ""))
        rows.append(
            EvidenceRow(
                number=number,
                detector=str(signal.get("detector", "")),
                category=category,
                kind=evidence_kind(category),
                score=_score(signal.get("score")),
                explanation=str(signal.get("explanation", "")),
                spans=_spans(text, signal),
            )
        )
        evidence = signal.get("evidence") or {}
        if isinstance(evidence, Mapping) and "designations" in evidence:
            organisations.append(_organisation(number, signal, text))
        if category == "known_content" and isinstance(evidence, Mapping) and "entry_id" in evidence:
            banks.append(_bank(number, signal, text))
    return CaseEvidence(
        evidence=tuple(rows),
        organisations=tuple(organisations),
        banks=tuple(banks),
        decisions=_decisions(scan, policy),
        errors=tuple(str(e) for e in scan.get("errors") or ()),
    )


def collapse_reasons(text: str | None, scan: Mapping[str, Any], categories: Sequence[str] = ()) -> list[str]:
    """Why the document starts collapsed (empty: shown at once). Long text and text with violent
    content are hidden behind a "show" control so that a reviewer chooses when to read it."""
    reasons = []
    if text is not None and len(text) > LONG_TEXT_CHARACTERS:
        reasons.append(f"long text ({len(text):,} characters)")
    violent = {c for c in categories if c in VIOLENT_CATEGORIES}
    for signal in scan.get("signals") or ():
        if (isinstance(signal, Mapping) and str(signal.get("category")) in VIOLENT_CATEGORIES
                and _score(signal.get("score")) >= GRAPHIC_SCORE):
            violent.add(str(signal.get("category")))
    if violent:
        reasons.append("violent content: " + ", ".join(sorted(violent)))
    return reasons


def word_diff(left: str, right: str) -> tuple[tuple[tuple[str, bool], ...], tuple[tuple[str, bool], ...]]:
    """Word-level comparison (case-insensitive, whitespace kept as it is) of a document passage
    and the banked passage it matched: each side as runs of (text, differs from the other)."""
    left_tokens, right_tokens = _WORD.findall(left), _WORD.findall(right)
    matcher = difflib.SequenceMatcher(
        a=[t.lower() if t.strip() else " " for t in left_tokens],
        b=[t.lower() if t.strip() else " " for t in right_tokens],
        autojunk=False,
    )
    left_runs: list[tuple[str, bool]] = []
    right_runs: list[tuple[str, bool]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        changed = tag != "equal"
        if a2 > a1:
            left_runs.append(("".join(left_tokens[a1:a2]), changed))
        if b2 > b1:
            right_runs.append(("".join(right_tokens[b1:b2]), changed))
    return tuple(left_runs), tuple(right_runs)
