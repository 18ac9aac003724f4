"""From a scan to a reviewed, audited decision: every state change of documents, cases, appeals
and removal orders goes through here.

A case lives in one jurisdiction::

    open --claim--> claimed --decide--> decided --reopen / appeal--> open
      ^               |  (claim lapses after claim_ttl_seconds: counts as open again)
      +---release-----+
    open/claimed --escalate--> escalated (queue "escalated", admins only) --claim--> claimed

Every function works in the caller's session and never commits: the caller's
``Database.session()`` block commits the change, its audit entry and its webhook deliveries
together, or none of them. Each change writes one audit entry; each decision also enqueues a
``decision.created`` webhook. Concurrency: a case row is locked (``FOR UPDATE`` on PostgreSQL,
the write lock on SQLite) while it is checked and changed, and its version column makes a
writer that read an older version fail with :class:`ConflictError` instead of overwriting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, cast, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tvec.errors import (
    ConflictError,
    IdempotencyConflict,
    InputError,
    InvalidTransition,
    NotFoundError,
    PermissionDenied,
)
from tvec.store import audit
from tvec.store.accounts import role_allows
from tvec.store.models import (
    Account,
    Appeal,
    AuditEntry,
    Case,
    DecisionRecord,
    RemovalOrder,
    Score,
    StoredDocument,
)
from tvec.types import VIOLATING_CATEGORIES, Action

if TYPE_CHECKING:
    from tvec.scanner import ScanResult
    from tvec.settings import TvecSettings

CASE_STATUSES = ("open", "claimed", "decided", "escalated")
QUEUES = ("default", "escalated", "appeals", "removal_orders")
APPEAL_OUTCOMES = ("upheld", "overturned")
# actions that restrict content without a person deciding: they count as automated decisions
RESTRICTING_ACTIONS = frozenset({Action.REMOVE, Action.RESTRICT, Action.LABEL})
# how grave a category is, for the order of the review queue (higher first)
CATEGORY_SEVERITY: dict[str, int] = {
    "incitement": 6,
    "insurrection": 6,
    "recruitment": 5,
    "proscribed_support": 5,
    "known_content": 5,
    "glorification": 4,
    "dehumanisation": 4,
    "organisation_mention": 2,
    "attribution": 2,
}
REMOVAL_ORDER_SEVERITY = 1000
MAX_CLIENT_ID = 256
MAX_REASON_CODE = 64
MAX_NOTE = 10_000
# how far ahead of this server's clock an authority's receipt time may be (clocks differ a little)
MAX_CLOCK_SKEW = dt.timedelta(minutes=5)
# Regulation (EU) 2021/784 (TCO) applies from this day: no removal order was received before it,
# so an earlier receipt time is a typing or clock error (year 1, 1970), not a late entry
TCO_APPLIES_FROM = dt.datetime(2022, 6, 7, tzinfo=dt.UTC)
# the 27 member states of the EU (ISO 3166-1 alpha-2) that may issue TCO removal orders; the
# DSA's territorial scope (tvec.outbound.sor) is the EEA, these plus IS, LI and NO
EU_MEMBER_STATES = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})
# the EU's own code for Greece (Eurostat, EUR-Lex) next to the ISO one: authorities write either
_MEMBER_STATE_ALIASES = {"EL": "GR"}


@dataclass(frozen=True)
class RecordedScan:
    """``created`` is False when the client id was already stored with the same text: the
    stored document (and its original decisions) is returned, nothing is written."""

    document: StoredDocument
    created: bool


# ---------------------------------------------------------------------------------------------
# helpers


def _require_role(account: Account, needed: str, what: str) -> None:
    if account.disabled_at is not None:
        raise PermissionDenied(f"account {account.name!r} is disabled: cannot {what}")
    if not role_allows(account.role, needed):
        raise PermissionDenied(f"account {account.name!r} ({account.role}) may not {what}: needs {needed}")


MAX_ID = 2**31 - 1  # ids are 32-bit integer columns on PostgreSQL


def _known_id(kind: str, value: int) -> int:
    """Ids outside the columns' range cannot exist: NotFoundError, not a driver error (SQLite
    overflows past 2**63, PostgreSQL past 2**31) that would surface as a 500."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise NotFoundError(f"{kind} {value} does not exist")
    return value


def _aware(value: dt.datetime, name: str) -> dt.datetime:
    if value.tzinfo is None:
        raise InputError(name, f"{value.isoformat()} has no time zone; give an aware UTC time")
    return value.astimezone(dt.UTC)


def member_state_code(value: str) -> str:
    """The ISO code of an EU member state (``de`` -> ``DE``, ``EL`` -> ``GR``); ValueError for
    anything else ("XX", "UK", "NO": only EU member states issue TCO removal orders)."""
    code = value.strip().upper()
    code = _MEMBER_STATE_ALIASES.get(code, code)
    if code not in EU_MEMBER_STATES:
        raise ValueError(f"{value!r} is not an EU member state: one of {', '.join(sorted(EU_MEMBER_STATES))}")
    return code


def check_order_receipt(received_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """A removal order's receipt time, in UTC; ValueError unless it lies between the day the TCO
    Regulation applies and ``now`` (plus a little clock skew): a time in the future would push
    the one-hour deadline out by as much, one before 2022 is a mistake."""
    received_at = _aware(received_at, "received_at")
    if received_at < TCO_APPLIES_FROM:
        raise ValueError(f"{received_at.isoformat()} is before {TCO_APPLIES_FROM.date().isoformat()}, when the "
                         "TCO Regulation began to apply; give the time the order was received")
    if received_at > now + MAX_CLOCK_SKEW:
        raise ValueError(f"{received_at.isoformat()} is in the future; give the time the order was received")
    return received_at


def _text_field(value: str | None, name: str, limit: int, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InputError(name, "must not be empty")
    if len(value) > limit:
        raise InputError(name, f"is {len(value)} characters long; at most {limit} are allowed")
    return value


def _flush(session: Session, what: str) -> None:
    """Flush now, inside the workflow function, so that a stale version surfaces as a
    ConflictError naming the record rather than at commit time."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError(f"{what} was changed by someone else meanwhile; reload it and try again") from exc


def _case_state(case: Case) -> dict[str, Any]:
    return {
        "status": case.status,
        "queue": case.queue,
        "claimed_by": case.claimed_by,
        "claim_expires_at": case.claim_expires_at,
        "deadline_at": case.deadline_at,
        "version": case.version,
    }


def _claim_live(case: Case, now: dt.datetime) -> bool:
    return (
        case.status == "claimed"
        and case.claimed_by is not None
        and case.claim_expires_at is not None
        and case.claim_expires_at > now
    )


def _resting_status(case: Case) -> str:
    """Where a case goes back to when a claim ends without a decision."""
    return "escalated" if case.queue == "escalated" else "open"


def effective_status(case: Case, now: dt.datetime) -> str:
    """The status as a reviewer sees it: a claim that lapsed no longer holds the case."""
    if case.status == "claimed" and not _claim_live(case, now):
        return _resting_status(case)
    return case.status


def _holder(session: Session, case: Case) -> str:
    holder = session.get(Account, case.claimed_by) if case.claimed_by is not None else None
    return holder.name if holder is not None else f"account {case.claimed_by}"


def _may_act_on(account: Account | None, document: StoredDocument) -> bool:
    """Whether ``account`` may act on ``document`` (appeal its decisions). A submitter is one
    platform among several sharing the service: it acts only on the content it scanned itself.
    Reviewers and admins act on all of it; ``None`` is a trusted in-process caller (CLI, tests)."""
    if account is None or account.role in ("reviewer", "admin"):
        return True
    return document.submitted_by is not None and document.submitted_by == account.id


def _load_case(session: Session, case_id: int) -> Case:
    """The case, locked for the rest of the transaction (FOR UPDATE on PostgreSQL; SQLite's
    write transactions are serial anyway), with fresh column values."""
    _known_id("case", case_id)
    audit.lock_chain(session)
    case = session.execute(
        select(Case).where(Case.id == case_id).with_for_update().execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if case is None:
        raise NotFoundError(f"case {case_id} does not exist")
    return case


def _latest_decision(session: Session, document_id: int, jurisdiction: str) -> DecisionRecord | None:
    return session.execute(
        select(DecisionRecord)
        .where(DecisionRecord.document_id == document_id, DecisionRecord.jurisdiction == jurisdiction)
        .order_by(DecisionRecord.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def _effective_action(session: Session, document: StoredDocument) -> str:
    """The most severe latest decision over the document's jurisdictions."""
    latest: dict[str, str] = {}
    for decision in session.execute(
        select(DecisionRecord).where(DecisionRecord.document_id == document.id).order_by(DecisionRecord.id)
    ).scalars():
        latest[decision.jurisdiction] = decision.action
    if not latest:
        return document.action
    return max(latest.values(), key=lambda a: Action(a).severity)


def _open_cases(session: Session, document_id: int) -> list[Case]:
    return list(
        session.execute(select(Case).where(Case.document_id == document_id, Case.status != "decided")).scalars()
    )


def _retain(session: Session, document: StoredDocument, now: dt.datetime, settings: TvecSettings | None,
            retention_days: int | None = None) -> None:
    """Once nothing about the document is pending, its retention period starts; while a case or
    an order is open it is kept (retain_until None), whatever the period."""
    if _open_cases(session, document.id):
        document.retain_until = None
        return
    if retention_days is not None:
        days = retention_days
    elif settings is not None:
        days = settings.retention_days
    else:  # callers that pass no settings get the documented default, not a second copy of it
        from tvec.settings import TvecSettings

        days = TvecSettings.model_fields["retention_days"].default
    document.retain_until = now + dt.timedelta(days=days)


def _enqueue(session: Session, event_type: str, payload: dict[str, Any]) -> None:
    from tvec.outbound.webhooks import enqueue

    enqueue(session, event_type, payload)


def _announce_allow(settings: TvecSettings | None) -> bool:
    """Whether an automated allow gets a decision.created webhook ("webhooks on every
    decision"); a platform that only acts on restrictions can turn the volume off."""
    if settings is None:
        from tvec.settings import TvecSettings

        return bool(TvecSettings.model_fields["webhook_on_allow"].default)
    return settings.webhook_on_allow


def decision_payload(decision: DecisionRecord, document: StoredDocument) -> dict[str, Any]:
    """What a webhook receiver learns about a decision: enough to act on it (which content,
    where, what to do, why), never the content itself."""
    return audit.jsonable(
        {
            "decision_id": decision.id,
            "document_id": document.client_id,
            "sha256": document.sha256,
            "case_id": decision.case_id,
            "jurisdiction": decision.jurisdiction,
            "action": decision.action,
            "categories": list(decision.categories or []),
            "reason_code": decision.reason_code,
            "rule": decision.rule,
            "kind": decision.kind,
            "automated_detection": decision.automated_detection,
            "automated_decision": decision.automated_decision,
            "decided_at": decision.decided_at,
            "supersedes_id": decision.supersedes_id,
            "policy_version": decision.policy_version,
        }
    )


def _decision_state(decision: DecisionRecord) -> dict[str, Any]:
    return {
        "decision_id": decision.id,
        "jurisdiction": decision.jurisdiction,
        "action": decision.action,
        "reason_code": decision.reason_code,
        "kind": decision.kind,
        "automated_detection": decision.automated_detection,
        "automated_decision": decision.automated_decision,
        "supersedes_id": decision.supersedes_id,
    }


def severity_of(categories: Iterable[str], top_score: float) -> int:
    """Queue priority: the gravest category first, then the strength of the evidence (0-99)."""
    weight = max((CATEGORY_SEVERITY.get(str(c), 1) for c in categories), default=0)
    return weight * 100 + min(99, max(0, round(top_score * 99)))


# ---------------------------------------------------------------------------------------------
# scans


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_by_client_id(session: Session, client_id: str) -> StoredDocument | None:
    return session.execute(select(StoredDocument).where(StoredDocument.client_id == client_id)).scalar_one_or_none()


def get_document(session: Session, document_id: int) -> StoredDocument:
    _known_id("document", document_id)
    document = session.get(StoredDocument, document_id)
    if document is None:
        raise NotFoundError(f"document {document_id} does not exist")
    return document


def _same_or_conflict(existing: StoredDocument, client_id: str, sha256: str, submitter_id: int | None) -> RecordedScan:
    """Only the submitter who stored a document gets it back. Anyone else gets the very same
    conflict as for other text - same message, nothing of the stored document (not even its
    hash) - so a submitter cannot learn what another one submitted, or that it was the same
    text. That the id is taken remains observable: see docs/service.md."""
    if existing.sha256 != sha256 or existing.submitted_by != submitter_id:
        raise IdempotencyConflict(
            f"document {client_id!r} was already submitted with different text or by another submitter: "
            "use a new id for new content"
        )
    return RecordedScan(existing, False)


def record_scan(
    session: Session,
    result: ScanResult,
    *,
    client_id: str,
    submitted_by: Account | None,
    settings: TvecSettings,
    now: dt.datetime | None = None,
) -> RecordedScan:
    """Store a scan: the document, its category scores, one automated decision per
    jurisdiction, and a review case for each jurisdiction whose action is ``review``.

    Idempotent on ``client_id``: the same text again from the same submitter returns the stored
    document (created=False) and writes nothing; other text, or another submitter, under the same
    id is an :class:`IdempotencyConflict`."""
    client_id = _text_field(client_id, "document id", MAX_CLIENT_ID, required=True)
    now = _aware(now, "now") if now is not None else dt.datetime.now(dt.UTC)
    text = result.document.text
    sha256 = _sha256(text)
    submitter_id = submitted_by.id if submitted_by is not None else None
    existing = document_by_client_id(session, client_id)
    if existing is not None:  # a replay: answered without taking any lock
        return _same_or_conflict(existing, client_id, sha256, submitter_id)
    audit.lock_chain(session)

    decisions = result.decisions
    policy_version = decisions[0].policy_version if decisions else ""
    try:
        meta = audit.jsonable(dict(result.document.meta)) or {}
    except InputError as exc:
        raise InputError(f"document {client_id!r} meta", exc.problem) from exc
    document = StoredDocument(
        client_id=client_id,
        sha256=sha256,
        text=text,
        size_bytes=len(text.encode("utf-8")),
        lang=result.document.lang,
        meta=meta,
        submitted_by=submitted_by.id if submitted_by is not None else None,
        received_at=now,
        scan=audit.jsonable(result.to_dict()),
        policy_version=policy_version,
        action=str(result.action),
    )
    try:
        with session.begin_nested():  # a concurrent insert of the same id fails only this savepoint
            session.add(document)
            session.flush()
    except IntegrityError:
        existing = document_by_client_id(session, client_id)
        if existing is None:
            raise
        return _same_or_conflict(existing, client_id, sha256, submitter_id)

    top_scores: dict[str, float] = {}
    for signal in result.signals:
        category = str(signal.category)
        top_scores[category] = max(top_scores.get(category, 0.0), signal.score)
    for category, score in sorted(top_scores.items()):
        session.add(Score(document_id=document.id, category=category, score=score))

    actor = audit.actor_of(submitted_by) if submitted_by is not None else "system:scan"
    audit.record(session, actor, "document.record", "document", document.id, None, {
        "client_id": client_id,
        "sha256": sha256,
        "action": document.action,
        "decisions": {d.jurisdiction: str(d.action) for d in decisions},
    })

    for decision in decisions:
        record = DecisionRecord(
            document_id=document.id,
            jurisdiction=decision.jurisdiction,
            action=str(decision.action),
            categories=list(decision.categories),
            reason_code=decision.reason_code,
            rule=decision.rule,
            rationale=decision.rationale,
            note="",
            kind="automated",
            automated_detection=True,
            automated_decision=decision.action in RESTRICTING_ACTIONS,
            decided_at=now,
            policy_version=decision.policy_version,
        )
        session.add(record)
        if decision.action is Action.REVIEW:
            counted = [s.score for s in decision.signals if str(s.category) in {str(c) for c in VIOLATING_CATEGORIES}]
            top = max(counted or [s.score for s in decision.signals] or [0.0])
            case = Case(
                document_id=document.id,
                jurisdiction=decision.jurisdiction,
                queue="default",
                status="open",
                severity=severity_of(decision.categories, top),
                categories=list(decision.categories),
                proposed_action=str(decision.action),
                rule=decision.rule,
                created_at=now,
                updated_at=now,
            )
            session.add(case)
            session.flush()
            record.case_id = case.id
            audit.record(session, actor, "case.open", "case", case.id, None,
                         {**_case_state(case), "document_id": document.id, "jurisdiction": case.jurisdiction,
                          "severity": case.severity})
        session.flush()
        if decision.action is not Action.ALLOW or _announce_allow(settings):
            _enqueue(session, "decision.created", decision_payload(record, document))
    _retain(session, document, now, settings)
    session.flush()
    return RecordedScan(document, True)


# ---------------------------------------------------------------------------------------------
# queue


def _category_pattern(category: str) -> str:
    escaped = json.dumps(category).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_cases(
    session: Session,
    *,
    now: dt.datetime,
    status: str | None = None,
    queue: str | None = None,
    category: str | None = None,
    jurisdiction: str | None = None,
    due_before: dt.datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Case]:
    """The review queue: legal deadlines first (soonest first, cases without one after), then
    severity, then the oldest case. ``status`` is the effective status: a case whose claim has
    lapsed is listed as open (or escalated) again."""
    query = select(Case)
    if status is not None:
        if status not in CASE_STATUSES:
            raise InputError("status filter", f"{status!r} is not one of {', '.join(CASE_STATUSES)}")
        lapsed = (Case.status == "claimed") & ((Case.claim_expires_at.is_(None)) | (Case.claim_expires_at <= now))
        if status == "claimed":
            query = query.where(Case.status == "claimed", Case.claim_expires_at > now)
        elif status == "open":
            query = query.where((Case.status == "open") | (lapsed & (Case.queue != "escalated")))
        elif status == "escalated":
            query = query.where((Case.status == "escalated") | (lapsed & (Case.queue == "escalated")))
        else:
            query = query.where(Case.status == status)
    if queue is not None:
        if queue not in QUEUES:
            raise InputError("queue filter", f"{queue!r} is not one of {', '.join(QUEUES)}")
        query = query.where(Case.queue == queue)
    if category is not None:
        query = query.where(cast(Case.categories, String).like(_category_pattern(category), escape="\\"))
    if jurisdiction is not None:
        query = query.where(Case.jurisdiction == jurisdiction.upper())
    if due_before is not None:
        query = query.where(Case.deadline_at.is_not(None), Case.deadline_at <= _aware(due_before, "due_before"))
    if limit < 1 or limit > 1000:
        raise InputError("limit", f"{limit} is outside 1..1000")
    if offset < 0:
        raise InputError("offset", f"{offset} is negative")
    query = query.order_by(
        Case.deadline_at.is_(None), Case.deadline_at, Case.severity.desc(), Case.created_at, Case.id
    ).limit(limit).offset(offset)
    return list(session.execute(query).scalars())


def case_flags(case: Case, now: dt.datetime, settings: TvecSettings) -> dict[str, bool]:
    """Overdue: past its legal deadline and not decided. Near-due: not yet, but within
    ``near_due_minutes`` of it."""
    if case.deadline_at is None or case.status == "decided":
        return {"overdue": False, "near_due": False}
    overdue = now > case.deadline_at
    near_due = not overdue and case.deadline_at - now <= dt.timedelta(minutes=settings.near_due_minutes)
    return {"overdue": overdue, "near_due": near_due}


def get_case(session: Session, case_id: int) -> Case:
    _known_id("case", case_id)
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"case {case_id} does not exist")
    return case


def case_history(session: Session, case_id: int) -> list[AuditEntry]:
    get_case(session, case_id)
    return audit.history(session, "case", case_id)


def case_decisions(session: Session, case: Case) -> list[DecisionRecord]:
    """Every decision on the case's document in its jurisdiction, oldest first (the automated
    one, reviews, appeal outcomes)."""
    return list(
        session.execute(
            select(DecisionRecord)
            .where(DecisionRecord.document_id == case.document_id, DecisionRecord.jurisdiction == case.jurisdiction)
            .order_by(DecisionRecord.id)
        ).scalars()
    )


# ---------------------------------------------------------------------------------------------
# claims


def _open_appeal(session: Session, case_id: int) -> Appeal | None:
    return session.execute(
        select(Appeal).where(Appeal.case_id == case_id, Appeal.status == "open").order_by(Appeal.id.desc()).limit(1)
    ).scalar_one_or_none()


def _check_not_appealed_decider(session: Session, case: Case, reviewer: Account) -> Appeal | None:
    appeal = _open_appeal(session, case.id)
    if appeal is not None:
        appealed = session.get(DecisionRecord, appeal.appealed_decision_id)
        if appealed is not None and appealed.decided_by == reviewer.id:
            raise PermissionDenied(
                f"case {case.id}: {reviewer.name!r} took the appealed decision {appealed.id}; "
                f"another reviewer must decide appeal {appeal.id}"
            )
    return appeal


def claim(session: Session, case_id: int, reviewer: Account, now: dt.datetime, settings: TvecSettings) -> Case:
    """Take a case for ``claim_ttl_seconds``; nobody else can decide it meanwhile. Claiming a
    case one already holds extends the claim; a lapsed claim of someone else can be taken."""
    _require_role(reviewer, "reviewer", f"claim case {case_id}")
    now = _aware(now, "now")
    case = _load_case(session, case_id)
    status = effective_status(case, now)
    if status == "decided":
        raise InvalidTransition(f"case {case_id} is already decided; it must be reopened or appealed first")
    if case.queue == "escalated" and not role_allows(reviewer.role, "admin"):
        raise PermissionDenied(f"case {case_id} is escalated: only an admin may claim it")
    if status == "claimed" and case.claimed_by != reviewer.id:
        raise ConflictError(
            f"case {case_id} is claimed by {_holder(session, case)} "
            f"until {case.claim_expires_at.isoformat() if case.claim_expires_at else '?'}"
        )
    _check_not_appealed_decider(session, case, reviewer)
    before = _case_state(case)
    extended = status == "claimed"
    case.status = "claimed"
    case.claimed_by = reviewer.id
    case.claim_expires_at = now + dt.timedelta(seconds=settings.claim_ttl_seconds)
    case.updated_at = now
    _flush(session, f"case {case_id}")
    audit.record(session, audit.actor_of(reviewer), "case.extend_claim" if extended else "case.claim", "case",
                 case.id, before, _case_state(case))
    return case


def release(session: Session, case_id: int, reviewer: Account, now: dt.datetime) -> Case:
    """Give a claimed case back to the queue (its holder, or an admin for anyone's claim)."""
    now = _aware(now, "now")
    case = _load_case(session, case_id)
    if effective_status(case, now) != "claimed":
        raise InvalidTransition(f"case {case_id} is not claimed (it is {effective_status(case, now)})")
    if case.claimed_by != reviewer.id and not role_allows(reviewer.role, "admin"):
        raise PermissionDenied(f"case {case_id} is claimed by someone else; only they or an admin can release it")
    before = _case_state(case)
    case.status = _resting_status(case)
    case.claimed_by = None
    case.claim_expires_at = None
    case.updated_at = now
    _flush(session, f"case {case_id}")
    audit.record(session, audit.actor_of(reviewer), "case.release", "case", case.id, before, _case_state(case))
    return case


def _require_live_claim(case: Case, reviewer: Account, now: dt.datetime, session: Session) -> None:
    status = effective_status(case, now)
    if status == "decided":
        raise InvalidTransition(f"case {case.id} is already decided")
    if status != "claimed":
        lapsed = case.status == "claimed" and case.claimed_by == reviewer.id
        raise InvalidTransition(
            f"case {case.id}: your claim lapsed at {case.claim_expires_at.isoformat()}; claim it again"
            if lapsed and case.claim_expires_at
            else f"case {case.id} is not claimed by {reviewer.name!r}: claim it before deciding"
        )
    if case.claimed_by != reviewer.id:
        raise ConflictError(f"case {case.id} is claimed by {_holder(session, case)}, not by {reviewer.name}")


# ---------------------------------------------------------------------------------------------
# decisions


def _parse_action(action: str, case_id: int) -> Action:
    try:
        parsed = Action(str(action))
    except ValueError:
        raise InputError(f"case {case_id} decision", f"action {action!r} is not one of "
                         f"{', '.join(a.value for a in Action if a is not Action.REVIEW)}") from None
    if parsed is Action.REVIEW:
        raise InputError(f"case {case_id} decision", "'review' is not a decision; escalate the case instead")
    return parsed


def _close_case(case: Case, now: dt.datetime) -> None:
    case.status = "decided"
    case.claimed_by = None
    case.claim_expires_at = None
    case.updated_at = now


def _comply_orders(session: Session, case: Case, actor: str, now: dt.datetime) -> None:
    """Removing the content of a case with pending removal orders is complying with them."""
    for order in session.execute(
        select(RemovalOrder).where(RemovalOrder.document_id == case.document_id, RemovalOrder.complied_at.is_(None))
    ).scalars():
        order.complied_at = now
        audit.record(session, actor, "removal_order.complied", "removal_order", order.id,
                     {"complied_at": None}, {"complied_at": now, "case_id": case.id})


def _apply_reviewed_decision(session: Session, case: Case, decision: DecisionRecord, actor: str, now: dt.datetime,
                             settings: TvecSettings | None, **payload_extra: Any) -> None:
    """What a person's decision (on a case or an appeal) sets off, in one place so that both
    paths stay in step: a removal complies with the content's pending orders, the document's
    effective action and retention follow the new latest decision, and the webhook is queued."""
    document = case.document
    if decision.action == Action.REMOVE.value:
        _comply_orders(session, case, actor, now)
    document.action = _effective_action(session, document)
    _retain(session, document, now, settings)
    _flush(session, f"document {document.client_id!r}")
    _enqueue(session, "decision.created", {**decision_payload(decision, document), **payload_extra})


def decide(
    session: Session,
    case_id: int,
    reviewer: Account,
    *,
    action: str,
    reason_code: str,
    note: str,
    now: dt.datetime,
    settings: TvecSettings | None = None,
    expected_version: int | None = None,
) -> DecisionRecord:
    """A reviewer's decision on a case they hold a live claim on. It supersedes the previous
    decision for the document in that jurisdiction. ``expected_version`` (the version the
    reviewer saw) makes a decision on a case that changed since it was displayed a conflict.
    ``automated_detection`` says whether the scanner flagged the content (it did unless the case
    came only from a removal order); ``automated_decision`` is False: a person decided."""
    _require_role(reviewer, "reviewer", f"decide case {case_id}")
    now = _aware(now, "now")
    parsed = _parse_action(action, case_id)
    reason_code = _text_field(reason_code, f"case {case_id} reason code", MAX_REASON_CODE, required=True)
    note = _text_field(note, f"case {case_id} note", MAX_NOTE, required=False)
    case = _load_case(session, case_id)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError(f"case {case_id} changed since you loaded it (version {expected_version}, now "
                            f"{case.version}); reload it")
    _require_live_claim(case, reviewer, now, session)
    if _open_appeal(session, case.id) is not None:
        raise InvalidTransition(f"case {case_id} has an open appeal: decide the appeal instead")
    document = case.document
    previous = _latest_decision(session, case.document_id, case.jurisdiction)
    automated = [d for d in case_decisions(session, case) if d.kind == "automated"]
    detected = bool(automated) and automated[-1].action != Action.ALLOW.value
    before = _case_state(case)
    decision = DecisionRecord(
        document_id=case.document_id,
        case_id=case.id,
        jurisdiction=case.jurisdiction,
        action=parsed.value,
        categories=list(case.categories or []),
        reason_code=reason_code,
        rule=case.rule,
        rationale=f"decided by a reviewer after {'automated detection' if detected else 'a report'}",
        note=note,
        kind="review",
        automated_detection=detected,
        automated_decision=False,
        decided_by=reviewer.id,
        decided_at=now,
        policy_version=document.policy_version,
        supersedes_id=previous.id if previous is not None else None,
    )
    session.add(decision)
    _close_case(case, now)
    _flush(session, f"case {case_id}")
    actor = audit.actor_of(reviewer)
    audit.record(session, actor, "case.decide", "case", case.id, before,
                 {**_case_state(case), **_decision_state(decision)})
    _apply_reviewed_decision(session, case, decision, actor, now, settings)
    return decision


def escalate(session: Session, case_id: int, reviewer: Account, note: str, now: dt.datetime) -> Case:
    """Send a case to the senior queue (admins). Drops any claim on it."""
    _require_role(reviewer, "reviewer", f"escalate case {case_id}")
    now = _aware(now, "now")
    note = _text_field(note, f"case {case_id} note", MAX_NOTE, required=False)
    case = _load_case(session, case_id)
    status = effective_status(case, now)
    if status == "decided":
        raise InvalidTransition(f"case {case_id} is already decided; reopen it first")
    if status == "escalated":
        raise InvalidTransition(f"case {case_id} is already escalated")
    if status == "claimed" and case.claimed_by != reviewer.id:
        raise ConflictError(f"case {case_id} is claimed by another reviewer")
    before = _case_state(case)
    case.status = "escalated"
    case.queue = "escalated"
    case.claimed_by = None
    case.claim_expires_at = None
    case.updated_at = now
    _flush(session, f"case {case_id}")
    audit.record(session, audit.actor_of(reviewer), "case.escalate", "case", case.id, before,
                 {**_case_state(case), "note": note})
    return case


def reopen(session: Session, case_id: int, actor: Account, note: str, now: dt.datetime) -> Case:
    """An admin puts a decided case back in the queue (the decision stands until a new one)."""
    _require_role(actor, "admin", f"reopen case {case_id}")
    now = _aware(now, "now")
    note = _text_field(note, f"case {case_id} note", MAX_NOTE, required=False)
    case = _load_case(session, case_id)
    if case.status != "decided":
        raise InvalidTransition(f"case {case_id} is {effective_status(case, now)}, not decided: nothing to reopen")
    before = _case_state(case)
    case.status = _resting_status(case)
    case.updated_at = now
    _flush(session, f"case {case_id}")
    audit.record(session, audit.actor_of(actor), "case.reopen", "case", case.id, before,
                 {**_case_state(case), "note": note})
    case.document.retain_until = None
    return case


# ---------------------------------------------------------------------------------------------
# appeals


def file_appeal(session: Session, case_id: int, appellant: str, statement: str, now: dt.datetime,
                *, filed_by: Account | None = None) -> Appeal:
    """A user contests the decision on a case: the case goes back to the ``appeals`` queue, to
    be decided by a reviewer other than the one who took the appealed decision.

    ``filed_by`` is the account forwarding the appeal: a submitter may appeal only cases about
    content it scanned; anyone else's case is "does not exist", checked before any state is
    looked at, so that neither the answer nor its wording tells one client about another's."""
    now = _aware(now, "now")
    appellant = _text_field(appellant, f"case {case_id} appellant", 256, required=True)
    statement = _text_field(statement, f"case {case_id} appeal statement", MAX_NOTE, required=False)
    case = _load_case(session, case_id)
    if not _may_act_on(filed_by, case.document):
        raise NotFoundError(f"case {case_id} does not exist")
    if _open_appeal(session, case.id) is not None:
        raise ConflictError(f"case {case_id} already has an open appeal")
    if case.status != "decided":
        raise InvalidTransition(f"case {case_id} is {effective_status(case, now)}: only a decided case can be appealed")
    appealed = next((d for d in reversed(case_decisions(session, case)) if d.case_id == case.id and
                     d.kind in ("review", "appeal")), None)
    if appealed is None:
        raise InvalidTransition(f"case {case_id} has no human decision to appeal")
    appeal = Appeal(case_id=case.id, appealed_decision_id=appealed.id, appellant=appellant, statement=statement,
                    filed_at=now, status="open")
    session.add(appeal)
    before = _case_state(case)
    case.status = "open"
    case.queue = "appeals"
    case.updated_at = now
    _flush(session, f"case {case_id}")
    audit.record(session, f"appellant:{appellant}", "case.appeal", "case", case.id, before,
                 {**_case_state(case), "appeal_id": appeal.id, "appealed_decision_id": appealed.id})
    case.document.retain_until = None
    return appeal


def file_appeal_against_decision(
    session: Session, decision_id: int, appellant: str, statement: str, now: dt.datetime,
    *, filed_by: Account | None = None,
) -> Appeal:
    """An appeal against any decision by its id, including an automated removal that never had
    a case (DSA Art. 20: such complaints are decided by people). A decision on a case goes through
    :func:`file_appeal`; an automated one gets a new case in the ``appeals`` queue. A submitter
    (``filed_by``) may appeal only decisions about content it scanned; others' decisions are
    "does not exist", before any check that would tell their state (see :func:`file_appeal`)."""
    now = _aware(now, "now")
    appellant = _text_field(appellant, f"decision {decision_id} appellant", 256, required=True)
    statement = _text_field(statement, f"decision {decision_id} appeal statement", MAX_NOTE, required=False)
    _known_id("decision", decision_id)
    audit.lock_chain(session)
    decision = session.get(DecisionRecord, decision_id)
    if decision is None or not _may_act_on(filed_by, get_document(session, decision.document_id)):
        raise NotFoundError(f"decision {decision_id} does not exist")
    latest = _latest_decision(session, decision.document_id, decision.jurisdiction)
    if latest is not None and latest.id != decision.id:
        raise InvalidTransition(f"decision {decision_id} was superseded by decision {latest.id}; appeal that one")
    if decision.case_id is not None and decision.kind != "automated":
        return file_appeal(session, decision.case_id, appellant, statement, now, filed_by=filed_by)
    pending = session.execute(
        select(Appeal.id).where(Appeal.appealed_decision_id == decision.id, Appeal.status == "open")
    ).first()
    if pending is not None:
        raise ConflictError(f"decision {decision_id} already has an open appeal ({pending.id})")
    if decision.action in (Action.ALLOW.value, Action.REVIEW.value):
        raise InvalidTransition(f"decision {decision_id} ({decision.action}) restricts nothing: there is nothing to appeal")
    case = Case(
        document_id=decision.document_id,
        jurisdiction=decision.jurisdiction,
        queue="appeals",
        status="open",
        severity=severity_of(decision.categories or [], 0.0),
        categories=list(decision.categories or []),
        proposed_action=decision.action,
        rule=decision.rule,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    appeal = Appeal(case_id=case.id, appealed_decision_id=decision.id, appellant=appellant, statement=statement,
                    filed_at=now, status="open")
    session.add(appeal)
    session.flush()
    audit.record(session, f"appellant:{appellant}", "case.open", "case", case.id, None,
                 {**_case_state(case), "document_id": decision.document_id, "jurisdiction": case.jurisdiction,
                  "origin": "appeal", "appeal_id": appeal.id, "appealed_decision_id": decision.id})
    get_document(session, decision.document_id).retain_until = None
    return appeal


def get_appeal(session: Session, appeal_id: int) -> Appeal:
    _known_id("appeal", appeal_id)
    appeal = session.get(Appeal, appeal_id)
    if appeal is None:
        raise NotFoundError(f"appeal {appeal_id} does not exist")
    return appeal


def decide_appeal(
    session: Session,
    appeal_id: int,
    reviewer: Account,
    *,
    outcome: str,
    reason_code: str,
    note: str,
    now: dt.datetime,
    settings: TvecSettings | None = None,
    action: str | None = None,
) -> DecisionRecord:
    """Uphold (the appealed action stands, recorded again as the appeal's outcome) or overturn
    (a new action: ``action``, by default allow for a restriction and remove for an allow).
    The reviewer needs a live claim on the case and must not be the one who took the appealed
    decision."""
    _require_role(reviewer, "reviewer", f"decide appeal {appeal_id}")
    now = _aware(now, "now")
    if outcome not in APPEAL_OUTCOMES:
        raise InputError(f"appeal {appeal_id}", f"outcome {outcome!r} is not one of {', '.join(APPEAL_OUTCOMES)}")
    reason_code = _text_field(reason_code, f"appeal {appeal_id} reason code", MAX_REASON_CODE, required=True)
    note = _text_field(note, f"appeal {appeal_id} note", MAX_NOTE, required=False)
    appeal = get_appeal(session, appeal_id)
    if appeal.status != "open":
        raise InvalidTransition(f"appeal {appeal_id} is already decided ({appeal.status})")
    appealed = session.get(DecisionRecord, appeal.appealed_decision_id)
    if appealed is None:
        raise NotFoundError(f"appeal {appeal_id}: the appealed decision {appeal.appealed_decision_id} is missing")
    if appealed.decided_by == reviewer.id:
        raise PermissionDenied(
            f"appeal {appeal_id}: {reviewer.name!r} took the appealed decision {appealed.id}; "
            "another reviewer must decide the appeal"
        )
    case = _load_case(session, appeal.case_id)
    _require_live_claim(case, reviewer, now, session)
    if outcome == "upheld":
        new_action = Action(appealed.action)
        if action is not None and _parse_action(action, case.id) is not new_action:
            raise InputError(f"appeal {appeal_id}", "an upheld appeal keeps the appealed action; overturn to change it")
    elif action is not None:
        new_action = _parse_action(action, case.id)
    else:
        new_action = Action.REMOVE if appealed.action == Action.ALLOW.value else Action.ALLOW
    if outcome == "overturned" and new_action.value == appealed.action:
        raise InputError(f"appeal {appeal_id}", f"overturning must change the action (it is {appealed.action})")
    before = _case_state(case)
    decision = DecisionRecord(
        document_id=case.document_id,
        case_id=case.id,
        jurisdiction=case.jurisdiction,
        action=new_action.value,
        categories=list(appealed.categories or []),
        reason_code=reason_code,
        rule=appealed.rule,
        rationale=f"appeal {appeal.id} {outcome}",
        note=note,
        kind="appeal",
        automated_detection=appealed.automated_detection,
        automated_decision=False,
        decided_by=reviewer.id,
        decided_at=now,
        policy_version=appealed.policy_version,
        supersedes_id=appealed.id,
    )
    session.add(decision)
    _close_case(case, now)
    _flush(session, f"case {case.id}")
    appeal.status = outcome
    appeal.decided_by = reviewer.id
    appeal.decided_at = now
    appeal.outcome_decision_id = decision.id
    actor = audit.actor_of(reviewer)
    audit.record(session, actor, "appeal.decide", "case", case.id, {**before, "appeal_id": appeal.id},
                 {**_case_state(case), **_decision_state(decision), "appeal_id": appeal.id, "outcome": outcome})
    _apply_reviewed_decision(session, case, decision, actor, now, settings,
                             appeal_id=appeal.id, appeal_outcome=outcome)
    return decision


# ---------------------------------------------------------------------------------------------
# removal orders


def record_removal_order(
    session: Session,
    *,
    client_id: str,
    authority: str,
    reference: str,
    member_state: str,
    received_at: dt.datetime,
    recorded_by: Account,
    settings: TvecSettings,
) -> RemovalOrder:
    """An EU TCO removal order against a stored document. The deadline runs from the order's
    receipt (``received_at``, as the authority's transmission shows it), not from when it was
    typed in. An undecided EU case of the document takes the deadline (the earlier one wins) and
    moves to the ``removal_orders`` queue; content already removed in the EU makes the order
    complied at once; otherwise a new case is opened there."""
    _require_role(recorded_by, "admin", "record a removal order")
    try:
        received_at = check_order_receipt(received_at, dt.datetime.now(dt.UTC))
    except ValueError as exc:
        raise InputError("received_at", str(exc)) from None
    authority = _text_field(authority, "removal order authority", 256, required=True)
    reference = _text_field(reference, "removal order reference", 256, required=True)
    try:
        member_state = member_state_code(member_state)
    except ValueError as exc:
        raise InputError("member_state", str(exc)) from None
    audit.lock_chain(session)
    document = document_by_client_id(session, client_id)
    if document is None:
        raise NotFoundError(f"no document with id {client_id!r}: scan it before recording an order against it")
    duplicate = session.execute(
        select(RemovalOrder).where(RemovalOrder.authority == authority, RemovalOrder.reference == reference)
    ).scalar_one_or_none()
    if duplicate is not None:
        raise ConflictError(f"removal order {reference!r} of {authority!r} is already recorded (order {duplicate.id})")
    now = dt.datetime.now(dt.UTC)
    deadline = received_at + dt.timedelta(hours=settings.removal_order_hours)
    actor = audit.actor_of(recorded_by)
    case = next((c for c in _open_cases(session, document.id) if c.jurisdiction == "EU"), None)
    eu = _latest_decision(session, document.id, "EU")
    if case is None and eu is not None and eu.action == Action.REMOVE.value:
        return _order_already_complied(session, document, eu, authority=authority, reference=reference,
                                       member_state=member_state, received_at=received_at, deadline=deadline,
                                       recorded_by=recorded_by, now=now, settings=settings)
    if case is not None:
        case = _load_case(session, case.id)
        before = _case_state(case)
        case.deadline_at = min(case.deadline_at, deadline) if case.deadline_at else deadline
        case.queue = "removal_orders"
        case.severity = max(case.severity, REMOVAL_ORDER_SEVERITY)
        case.updated_at = now
        _flush(session, f"case {case.id}")
        audit.record(session, actor, "case.deadline", "case", case.id, before, _case_state(case))
    else:
        case = Case(
            document_id=document.id,
            jurisdiction="EU",
            queue="removal_orders",
            status="open",
            severity=REMOVAL_ORDER_SEVERITY,
            categories=list(eu.categories) if eu is not None else [],
            proposed_action=Action.REMOVE.value,
            rule=eu.rule if eu is not None else None,
            deadline_at=deadline,
            created_at=now,
            updated_at=now,
        )
        session.add(case)
        session.flush()
        audit.record(session, actor, "case.open", "case", case.id, None,
                     {**_case_state(case), "document_id": document.id, "jurisdiction": "EU", "origin": "removal_order"})
    order = RemovalOrder(document_id=document.id, case_id=case.id, authority=authority, reference=reference,
                         member_state=member_state, received_at=received_at, deadline_at=deadline,
                         recorded_by=recorded_by.id)
    session.add(order)
    session.flush()
    audit.record(session, actor, "removal_order.record", "removal_order", order.id, None, {
        "document_id": document.id, "case_id": case.id, "authority": authority, "reference": reference,
        "member_state": member_state, "received_at": received_at, "deadline_at": deadline,
    })
    document.retain_until = None
    return order


def _order_already_complied(
    session: Session, document: StoredDocument, removal: DecisionRecord, *, authority: str, reference: str,
    member_state: str, received_at: dt.datetime, deadline: dt.datetime, recorded_by: Account, now: dt.datetime,
    settings: TvecSettings,
) -> RemovalOrder:
    """An order against content already removed in the EU (and not under review): it is complied
    with from the moment both the order and the removal existed; no case is opened, and nothing
    shows as overdue for content no one can see."""
    complied_at = max(received_at, removal.decided_at)
    order = RemovalOrder(document_id=document.id, case_id=None, authority=authority, reference=reference,
                         member_state=member_state, received_at=received_at, deadline_at=deadline,
                         recorded_by=recorded_by.id, complied_at=complied_at)
    session.add(order)
    session.flush()
    audit.record(session, audit.actor_of(recorded_by), "removal_order.record", "removal_order", order.id, None, {
        "document_id": document.id, "case_id": None, "authority": authority, "reference": reference,
        "member_state": member_state, "received_at": received_at, "deadline_at": deadline,
        "complied_at": complied_at, "already_removed_by_decision": removal.id,
    })
    _retain(session, document, max(now, complied_at), settings)  # the preservation period starts again
    return order


def get_removal_order(session: Session, order_id: int) -> RemovalOrder:
    _known_id("removal order", order_id)
    order = session.get(RemovalOrder, order_id)
    if order is None:
        raise NotFoundError(f"removal order {order_id} does not exist")
    return order


def mark_complied(session: Session, order_id: int, actor: Account, now: dt.datetime,
                  settings: TvecSettings | None = None) -> RemovalOrder:
    """Record that the content was removed or disabled for an order (e.g. by hand, outside a
    case decision). Deciding ``remove`` on the order's case does this by itself."""
    _require_role(actor, "admin", f"mark removal order {order_id} complied")
    now = _aware(now, "now")
    audit.lock_chain(session)
    order = get_removal_order(session, order_id)
    if order.complied_at is not None:
        raise InvalidTransition(f"removal order {order_id} was already complied with at {order.complied_at.isoformat()}")
    order.complied_at = now
    audit.record(session, audit.actor_of(actor), "removal_order.complied", "removal_order", order.id,
                 {"complied_at": None}, {"complied_at": now, "late": now > order.deadline_at})
    session.flush()
    if not _pending_orders(session, order.document_id):
        _retain(session, get_document(session, order.document_id), now, settings)
    return order


def _pending_orders(session: Session, document_id: int) -> bool:
    return session.execute(
        select(RemovalOrder.id).where(RemovalOrder.document_id == document_id, RemovalOrder.complied_at.is_(None))
    ).first() is not None
