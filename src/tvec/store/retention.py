"""Retention: keep content as long as the law requires, then let it go.

TCO Art. 6 requires removed terrorist content and its related data to be preserved for six months
(``retention_days``, default 183) for review, appeals and investigations; after that there is no
ground to keep it. The period starts when nothing is pending any more (the last decision), and
``retain_until`` is cleared while a case, appeal or removal order is open, so a purge can never
take content someone still has to look at. Allowed documents get the same period.

A purge removes the text and every piece of it held elsewhere (the span texts and evidence
strings in the stored scan, the quotes in the decisions' rationales, the platform's metadata) but keeps the hash, the scores and every decision: transparency reports,
statements of reasons and the audit log stay complete. Each purge is an audit entry.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tvec.errors import InputError
from tvec.store import audit
from tvec.store.models import Case, DecisionRecord, RemovalOrder, StoredDocument

if TYPE_CHECKING:
    from tvec.settings import TvecSettings

RETENTION_ACTOR = "system:retention"


@dataclass(frozen=True)
class RetentionReport:
    """``purged``: client ids whose content was removed; ``held``: past their date but kept
    because a case or removal order on them is still open."""

    purged: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"purged": len(self.purged), "held": len(self.held), "dry_run": self.dry_run,
                "purged_ids": list(self.purged), "held_ids": list(self.held)}


PURGED = "[purged]"
# how the policy engine cites evidence in a rationale: 'quoted text' [start:end]
_CITATION = re.compile(r"'.*?' \[(\d+):(\d+)\]", re.DOTALL)
_MIN_SCRUBBED = 4  # shorter evidence strings (codes, flags) are not taken for quotes


def scrub_rationale(rationale: str | None) -> str | None:
    """A rationale without its quotes of the content: the automated ones cite each piece of
    evidence as ``'text' [start:end]`` after "Evidence:"; the offsets and scores stay."""
    if not rationale:
        return rationale
    head, marker, tail = rationale.partition(" Evidence:")
    if not marker:
        return rationale
    return head + marker + _CITATION.sub(rf"{PURGED} [\1:\2]", tail)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_QUOTED = re.compile(r"'([^']*)'")


def _scrub_quoted(sentence: str, folded_text: str) -> str:
    """A detector's explanation with every quoted piece of the content ('join the ...') purged."""
    def replace(found: re.Match[str]) -> str:
        folded = _fold(found.group(1))
        return PURGED if len(folded) >= _MIN_SCRUBBED and folded in folded_text else found.group(0)

    return _QUOTED.sub(replace, sentence)


def _scrub_evidence(value: Any, folded_text: str) -> Any:
    """Detector evidence with every string that is a piece of the content (a matched alias, a
    call-to-action phrase, a quoted sentence) replaced by :data:`PURGED`; keys and numbers stay."""
    if isinstance(value, str):
        folded = _fold(value)
        return PURGED if len(folded) >= _MIN_SCRUBBED and folded in folded_text else value
    if isinstance(value, dict):
        return {k: _scrub_evidence(v, folded_text) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_evidence(v, folded_text) for v in value]
    return value


def strip_content(scan: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    """The stored scan without any piece of the content: the quoted text of its evidence spans,
    the quotes in the decisions' rationales and (given the ``text``) every evidence string taken
    from it. What was found where, by whom and how strongly stays."""
    stripped = dict(scan)
    folded_text = _fold(text) if text else ""
    signals = []
    for signal in scan.get("signals", []):
        signal = dict(signal)
        signal["spans"] = [{k: v for k, v in span.items() if k != "text"} for span in signal.get("spans", [])]
        if folded_text and "evidence" in signal:
            signal["evidence"] = _scrub_evidence(signal["evidence"], folded_text)
        if folded_text and isinstance(signal.get("explanation"), str):
            signal["explanation"] = _scrub_quoted(signal["explanation"], folded_text)
        signals.append(signal)
    stripped["signals"] = signals
    decisions = scan.get("decisions")
    if isinstance(decisions, dict):
        stripped["decisions"] = {
            jurisdiction: ({**d, "rationale": scrub_rationale(d.get("rationale"))} if isinstance(d, dict) else d)
            for jurisdiction, d in decisions.items()
        }
    stripped["purged"] = True
    return stripped


def _pending(session: Session, document_id: int) -> bool:
    """An open case or an order not yet complied with: someone still needs the content."""
    case = session.execute(
        select(Case.id).where(Case.document_id == document_id, Case.status != "decided").limit(1)
    ).first()
    order = session.execute(
        select(RemovalOrder.id).where(RemovalOrder.document_id == document_id, RemovalOrder.complied_at.is_(None)).limit(1)
    ).first()
    return case is not None or order is not None


def run_retention(session: Session, now: dt.datetime, settings: TvecSettings, *, dry_run: bool = False,
                  limit: int | None = None) -> RetentionReport:
    """Purge every document whose ``retain_until`` has passed. ``settings`` is taken for the
    signature's sake of future policies (per-category periods); the dates themselves were set
    when the documents were decided."""
    del settings
    if now.tzinfo is None:
        raise InputError("retention run", f"time {now.isoformat()} has no time zone")
    due = (
        select(StoredDocument)
        .where(StoredDocument.purged_at.is_(None), StoredDocument.retain_until.is_not(None),
               StoredDocument.retain_until <= now)
        .order_by(StoredDocument.retain_until, StoredDocument.id)
        .with_for_update()
    )
    if limit is not None:
        due = due.limit(limit)
    if not dry_run:
        audit.lock_chain(session)  # before the rows: the lock order every writer follows
    purged: list[str] = []
    held: list[str] = []
    for document in session.execute(due).scalars().all():
        if _pending(session, document.id):
            held.append(document.client_id)
            continue
        purged.append(document.client_id)
        if dry_run:
            continue
        before = {"sha256": document.sha256, "size_bytes": document.size_bytes, "retain_until": document.retain_until,
                  "action": document.action}
        text = document.text
        document.text = None
        document.meta = {}
        document.scan = strip_content(document.scan or {}, text)
        for decision in session.execute(
            select(DecisionRecord).where(DecisionRecord.document_id == document.id)
        ).scalars():
            decision.rationale = scrub_rationale(decision.rationale)
        document.purged_at = now
        session.flush()
        audit.record(session, RETENTION_ACTOR, "retention.purge", "document", document.id, before,
                     {"purged_at": now, "client_id": document.client_id})
    return RetentionReport(purged, held, dry_run)
