"""The service's tables (SQLAlchemy 2, typed mappings). Alembic migrations are generated from
these; the same models run on SQLite (embedded default, WAL) and PostgreSQL.

Times are timezone-aware UTC everywhere (``UtcDateTime``), because the TCO one-hour deadline
and the DSA statements are legal timestamps and SQLite would otherwise silently drop the zone.
Structured payloads (signals, decisions, designations) are JSON columns: they are written once
by the scanner and read whole by the console and the exports, never queried field by field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stores aware UTC datetimes; refuses naive ones so that a local time never sneaks in."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: tvec stores aware UTC times only")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite returns naive values; they were written as UTC
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Account(Base):
    """A person or system that talks to tvec. Role: ``submitter`` (scans), ``reviewer``
    (decides cases), ``admin`` (everything, incl. keys, webhooks and removal orders)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(256))  # console login; None: API only
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class ApiKey(Base):
    """Only a hash of the key is stored; ``prefix`` (the first characters, shown to the user)
    finds the row without scanning every hash."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    account: Mapped[Account] = relationship()


class ConsoleSession(Base):
    """A console login. The cookie carries the token; only its hash is stored."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(128))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    reviews_done: Mapped[int] = mapped_column(Integer, default=0)  # wellbeing counter

    account: Mapped[Account] = relationship()


class StoredDocument(Base):
    """One submitted document and its scan. ``client_id`` is the platform's id: submitting it
    again with the same text returns the stored result (idempotency); with other text it is a
    conflict. ``text`` is set to None when retention purges it; the hash stays."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(256), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str | None] = mapped_column(String(16))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    # the ScanResult as ScanResult.to_dict() wrote it (signals with spans, per-jurisdiction decisions)
    scan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    policy_version: Mapped[str] = mapped_column(String(64), default="")
    # the latest effective action over all jurisdictions (allow/review/remove...), for filtering
    action: Mapped[str] = mapped_column(String(16))
    retain_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    purged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    decisions: Mapped[list[DecisionRecord]] = relationship(back_populates="document", order_by="DecisionRecord.id")
    cases: Mapped[list[Case]] = relationship(back_populates="document", order_by="Case.id")


class Case(Base):
    """A document awaiting (or having had) human review in one jurisdiction.

    Status: ``open`` -> ``claimed`` -> ``decided``; ``escalated`` (senior queue); a decided case
    is ``reopened`` (back to open) by an admin or an appeal. ``version`` is bumped on every
    change and checked on write, so two concurrent writers cannot both win."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_queue_order", "status", "deadline_at", "severity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    jurisdiction: Mapped[str] = mapped_column(String(16))
    queue: Mapped[str] = mapped_column(String(32), default="default")  # default/escalated/appeals/removal_orders
    status: Mapped[str] = mapped_column(String(16), default="open")
    severity: Mapped[int] = mapped_column(Integer, default=0)  # higher first
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)
    proposed_action: Mapped[str] = mapped_column(String(16))  # what the policy said
    rule: Mapped[str | None] = mapped_column(String(128))
    deadline_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)  # TCO: receipt + 1 h
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    claim_expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[StoredDocument] = relationship(back_populates="cases")
    appeals: Mapped[list[Appeal]] = relationship(back_populates="case", order_by="Appeal.id")

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": version}


class DecisionRecord(Base):
    """Every decision ever taken on a document, automated or human, newest last. A human
    decision on a case supersedes the automated one; an appeal outcome supersedes the review."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    jurisdiction: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reason_code: Mapped[str | None] = mapped_column(String(64))
    rule: Mapped[str | None] = mapped_column(String(128))
    rationale: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16))  # automated / review / appeal
    automated_detection: Mapped[bool] = mapped_column(Boolean)
    automated_decision: Mapped[bool] = mapped_column(Boolean)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    policy_version: Mapped[str] = mapped_column(String(64), default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))

    document: Mapped[StoredDocument] = relationship(back_populates="decisions")


class Appeal(Base):
    """A user's appeal against a decided case; decided by a reviewer other than the one who
    took the appealed decision. Outcome: ``upheld`` (decision stands) or ``overturned``."""

    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    appealed_decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))
    appellant: Mapped[str] = mapped_column(String(256))
    statement: Mapped[str] = mapped_column(Text, default="")
    filed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / upheld / overturned
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    outcome_decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))

    case: Mapped[Case] = relationship(back_populates="appeals")


class RemovalOrder(Base):
    """An EU TCO removal order (Art. 3): the content must be removed or disabled within one
    hour of *receipt*, so the receipt time is recorded as given, not as the insert time."""

    __tablename__ = "removal_orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    authority: Mapped[str] = mapped_column(String(256))
    reference: Mapped[str] = mapped_column(String(256))
    member_state: Mapped[str] = mapped_column(String(8))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    deadline_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    complied_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("authority", "reference"),)


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    secret: Mapped[str] = mapped_column(String(256))  # needed in clear to sign; shown once
    events: Mapped[list[Any]] = mapped_column(JSON, default=list)  # empty: every event
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)


class WebhookDelivery(Base):
    """The delivery log: one row per event per endpoint, updated on each attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_deliveries_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id"))
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # the exact body that is signed
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending/delivered/failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """Append-only, hash-chained: ``hash = sha256(prev_hash + canonical JSON of this row)``.
    Editing or deleting any row breaks every later hash; ``tvec audit verify`` walks the chain."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(160))  # "account:<id>:<name>" or "system:<job>"
    action: Mapped[str] = mapped_column(String(64))  # e.g. case.claim, case.decide, retention.purge
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # unique: each entry has at most one successor, so even a writer that bypassed the chain
    # lock could not fork the chain (the database refuses the second successor)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Score(Base):
    """The highest score per (document, category). Signals themselves live in the scan JSON;
    this table lets the queue filters and the transparency report aggregate without parsing it."""

    __tablename__ = "category_scores"
    __table_args__ = (UniqueConstraint("document_id", "category"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    category: Mapped[str] = mapped_column(String(48))
    score: Mapped[float] = mapped_column(Float)
