"""Retention: keep content as long as the law requires, then let it go.

TCO Art. 6 requires removed terrorist content and its related data to be preserved for six months
(``retention_days``, default 183) for review, appeals and investigations; after that there is no
ground to keep it. The period starts when nothing is pending any more (the last decision), and
``retain_until`` is cleared while a case, appeal or removal order is open, so a purge can never
take content someone still has to look at. Allowed documents get the same period.

A purge removes the text and every piece of it held elsewhere (the span texts in the stored scan,
the platform's metadata) but keeps the hash, the scores and every decision: transparency reports,
statements of reasons and the audit log stay complete. Each purge is an audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tvec.errors import InputError
from tvec.store import audit
from tvec.store.models import Case, RemovalOrder, StoredDocument

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


def strip_content(scan: dict[str, Any]) -> dict[str, Any]:
    """The stored scan without the quoted text of its evidence spans."""
    stripped = dict(scan)
    signals = []
    for signal in scan.get("signals", []):
        signal = dict(signal)
        signal["spans"] = [{k: v for k, v in span.items() if k != "text"} for span in signal.get("spans", [])]
        signals.append(signal)
    stripped["signals"] = signals
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
        document.text = None
        document.meta = {}
        document.scan = strip_content(document.scan or {})
        document.purged_at = now
        session.flush()
        audit.record(session, RETENTION_ACTOR, "retention.purge", "document", document.id, before,
                     {"purged_at": now, "client_id": document.client_id})
    return RetentionReport(purged, held, dry_run)
