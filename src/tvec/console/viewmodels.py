"""Rows of the queue and the case header as the templates show them: times in UTC words,
deadline state, severity band, account names instead of ids.

Built from ORM objects inside the request's transaction and handed to the templates as plain
frozen values, so a template can never trigger a lazy load (or a write) after the session ends.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tvec.policy import Policy
from tvec.store import workflow
from tvec.store.models import Account, Appeal, AuditEntry, Case, DecisionRecord, RemovalOrder, StoredDocument

# what a reviewer may decide; "review" is not a decision (escalate instead)
DECIDE_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("allow", "Allow (leave up)", "a"),
    ("label", "Label", ""),
    ("restrict", "Restrict", ""),
    ("remove", "Remove", "r"),
)
QUEUES: tuple[tuple[str, str], ...] = (
    ("default", "Default"),
    ("escalated", "Escalated"),
    ("appeals", "Appeals"),
    ("removal_orders", "Removal orders"),
)
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("c", "claim the case (or extend your claim)"),
    ("a", "decide: allow (fills the form; Enter confirms)"),
    ("r", "decide: remove (fills the form; Enter confirms)"),
    ("v", "escalate to the senior queue (write why, then Escalate)"),
    ("n", "next case in this queue"),
    ("s", "show or hide the document text"),
    ("g", "soften: greyscale and blur the content"),
    ("?", "this help"),
    ("Esc", "cancel, close help"),
)


def utc_text(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def relative_text(moment: dt.datetime | None, now: dt.datetime) -> str:
    """'in 12 min' / '45 min ago' / 'in 3 h 5 min': the deadline as a reviewer reads it."""
    if moment is None:
        return ""
    seconds = int((moment - now).total_seconds())
    minutes = abs(seconds) // 60
    amount = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    return f"in {amount}" if seconds >= 0 else f"{amount} ago"


def severity_band(severity: int) -> int:
    """0-3 for the colour of the severity figure (``workflow.severity_of``: category weight x 100
    plus the evidence strength; removal orders 1000); the figure itself is shown as stored."""
    if severity >= 500:
        return 3
    if severity >= 400:
        return 2
    if severity >= 200:
        return 1
    return 0


def account_name(session: Session, account_id: int | None) -> str:
    if account_id is None:
        return ""
    account = session.get(Account, account_id)
    return account.name if account is not None else f"account {account_id}"


@dataclass(frozen=True)
class CaseRow:
    id: int
    queue: str
    status: str
    jurisdiction: str
    severity: int
    severity_band: int
    categories: tuple[str, ...]
    proposed_action: str
    rule: str | None
    deadline_text: str
    due_text: str
    overdue: bool
    near_due: bool
    claimed_by: str
    claim_until_text: str
    mine: bool
    received_text: str
    length: str
    version: int


@dataclass(frozen=True)
class DocumentFacts:
    """What a queue row shows of a document, read without loading its text."""

    received_at: dt.datetime
    length: int | None  # characters; None once retention purged the text


def document_facts(session: Session, document_ids: list[int]) -> dict[int, DocumentFacts]:
    """One query for a whole queue page: a document may be megabytes long, and the queue only
    needs its length."""
    if not document_ids:
        return {}
    rows = session.execute(
        select(StoredDocument.id, StoredDocument.received_at, func.length(StoredDocument.text)).where(
            StoredDocument.id.in_(document_ids)
        )
    )
    return {row[0]: DocumentFacts(row[1], row[2]) for row in rows}


def case_row(session: Session, case: Case, flags: dict[str, bool], now: dt.datetime, me: int,
             facts: DocumentFacts | None = None) -> CaseRow:
    if facts is None:
        text = case.document.text
        facts = DocumentFacts(case.document.received_at, None if text is None else len(text))
    live_claim = case.claimed_by is not None and case.claim_expires_at is not None and case.claim_expires_at > now
    return CaseRow(
        id=case.id,
        queue=case.queue,
        status=workflow.effective_status(case, now),
        jurisdiction=case.jurisdiction,
        severity=case.severity,
        severity_band=severity_band(case.severity),
        categories=tuple(str(c) for c in case.categories or ()),
        proposed_action=case.proposed_action,
        rule=case.rule,
        deadline_text=utc_text(case.deadline_at),
        due_text=relative_text(case.deadline_at, now),
        overdue=bool(flags.get("overdue")),
        near_due=bool(flags.get("near_due")),
        claimed_by=account_name(session, case.claimed_by) if live_claim else "",
        claim_until_text=utc_text(case.claim_expires_at) if live_claim else "",
        mine=live_claim and case.claimed_by == me,
        received_text=utc_text(facts.received_at),
        length="purged" if facts.length is None else f"{facts.length:,} chars",
        version=case.version,
    )


@dataclass(frozen=True)
class DocumentView:
    client_id: str
    size_bytes: int
    lang: str | None
    received_text: str
    purged: bool
    purged_text: str


def document_view(document: StoredDocument) -> DocumentView:
    return DocumentView(
        client_id=document.client_id,
        size_bytes=document.size_bytes,
        lang=document.lang,
        received_text=utc_text(document.received_at),
        purged=document.text is None,
        purged_text=utc_text(document.purged_at),
    )


@dataclass(frozen=True)
class DecisionView:
    id: int
    at: str
    kind: str
    jurisdiction: str
    action: str
    reason_code: str | None
    by: str
    automated_detection: bool
    automated_decision: bool
    note: str


def decision_view(session: Session, record: DecisionRecord) -> DecisionView:
    return DecisionView(
        id=record.id,
        at=utc_text(record.decided_at),
        kind=record.kind,
        jurisdiction=record.jurisdiction,
        action=record.action,
        reason_code=record.reason_code,
        by=account_name(session, record.decided_by) or "tvec (automated)",
        automated_detection=record.automated_detection,
        automated_decision=record.automated_decision,
        note=record.note or "",
    )


@dataclass(frozen=True)
class AppealView:
    id: int
    status: str
    appellant: str
    statement: str
    filed_text: str
    decided_text: str
    decided_by: str


def appeal_view(session: Session, appeal: Appeal) -> AppealView:
    return AppealView(
        id=appeal.id,
        status=appeal.status,
        appellant=appeal.appellant,
        statement=appeal.statement,
        filed_text=utc_text(appeal.filed_at),
        decided_text=utc_text(appeal.decided_at),
        decided_by=account_name(session, appeal.decided_by),
    )


@dataclass(frozen=True)
class OrderView:
    authority: str
    reference: str
    member_state: str
    received: str
    deadline: str
    complied: str


def order_view(order: RemovalOrder) -> OrderView:
    return OrderView(
        authority=order.authority,
        reference=order.reference,
        member_state=order.member_state,
        received=utc_text(order.received_at),
        deadline=utc_text(order.deadline_at),
        complied=utc_text(order.complied_at),
    )


@dataclass(frozen=True)
class HistoryView:
    at: str
    actor: str
    action: str
    before: str
    after: str


def _compact(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def history_view(entry: AuditEntry) -> HistoryView:
    """Only what changed: the fields whose value differs between before and after (all of
    them for a creation or a deletion), so a reviewer sees the step, not two full snapshots."""
    before, after = entry.before, entry.after
    if isinstance(before, dict) and isinstance(after, dict):
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        before = {k: before[k] for k in changed if k in before}
        after = {k: after[k] for k in changed if k in after}
    return HistoryView(
        at=entry.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        actor=entry.actor,
        action=entry.action,
        before=_compact(before),
        after=_compact(after),
    )


@dataclass(frozen=True)
class ReasonCode:
    code: str
    action: str
    description: str


def reason_codes(policy: Policy) -> tuple[ReasonCode, ...]:
    """Every reason code of the policy's enforced rules and its default, once each, in policy order."""
    seen: dict[str, ReasonCode] = {}
    for rule in policy.rules:
        if not rule.shadow and rule.reason_code not in seen:
            seen[rule.reason_code] = ReasonCode(rule.reason_code, str(rule.action), rule.description)
    default = policy.default
    if default.reason_code not in seen:
        seen[default.reason_code] = ReasonCode(default.reason_code, str(default.action), default.description)
    return tuple(seen.values())


def suggested_codes(policy: Policy, categories: tuple[str, ...]) -> dict[str, str]:
    """The reason code the a/r shortcuts preselect: for allow the policy's allow code; for remove
    the first removing rule about the case's categories (a known-content case suggests the
    known-content code), else the first general one. The reviewer can always pick another."""
    allow = policy.default.reason_code if str(policy.default.action) == "allow" else ""
    if not allow:
        allow = next((r.reason_code for r in policy.rules if str(r.action) == "allow" and not r.shadow), "")
    removing = [r for r in policy.rules if str(r.action) == "remove" and not r.shadow]
    wanted = set(categories)
    remove = next((r.reason_code for r in removing if r.categories and wanted & {str(c) for c in r.categories}), "")
    remove = remove or next((r.reason_code for r in removing if not r.categories), "")
    remove = remove or (removing[0].reason_code if removing else "")
    return {"allow": allow, "remove": remove}
