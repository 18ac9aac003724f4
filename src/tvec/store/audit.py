"""The append-only audit log: who changed what, when, from what to what, hash-chained.

Each entry's hash is ``sha256(prev_hash + canonical JSON of the entry)``, the first entry's
``prev_hash`` being :data:`GENESIS`. Editing an entry changes its hash (``verify`` recomputes it);
deleting or reordering one breaks the link from its successor. Rewriting the whole tail from some
point on is only detectable against a copy of the head hash kept elsewhere, which is why
``verify`` reports it (``tvec audit verify --expect-head``).

The chain is a single line, so appends must not race: on PostgreSQL every append first takes a
transaction-scoped advisory lock (released at commit or rollback, so a failed transaction leaves
no entry and no lock); on SQLite write transactions are serial (``BEGIN IMMEDIATE``). The unique
``prev_hash`` column is the backstop: a second successor to the same entry is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tvec.errors import InputError
from tvec.store.models import Account, AuditEntry, utcnow

GENESIS = "0" * 64
AUDIT_LOCK_KEY = 0x7476_6563_0002  # pg_advisory_xact_lock key of the chain
_VERIFY_BATCH = 1000


@dataclass(frozen=True)
class AuditReport:
    """What ``verify`` found. ``first_bad_id`` is the first entry that does not fit the chain
    (None when ``ok``); ``head_hash`` is the hash of the last entry, to keep somewhere safe."""

    ok: bool
    entries: int
    first_bad_id: int | None = None
    problem: str | None = None
    head_hash: str = GENESIS

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "entries": self.entries,
            "first_bad_id": self.first_bad_id,
            "problem": self.problem,
            "head_hash": self.head_hash,
        }


def actor_of(account: Account | None) -> str:
    """How an account is named in the log: id and name, so the entry stays readable even if
    the account is renamed or disabled later."""
    if account is None:
        return "anonymous"
    return f"account:{account.id}:{account.name}"


def jsonable(value: Any) -> Any:
    """The value as the JSON column will give it back (datetimes as ISO strings, tuples as
    lists), so that the hash computed now equals the hash recomputed from the stored row."""
    if value is None:
        return None
    try:
        # allow_nan=False: NaN/Infinity are not JSON; SQLite would keep them and PostgreSQL refuse
        # them, so the same write would succeed on one database and fail on the other
        return json.loads(json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=False))
    except ValueError as exc:
        raise InputError("stored JSON", f"contains NaN or Infinity, which JSON cannot carry ({exc})") from exc


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def entry_hash(
    prev_hash: str,
    *,
    at: dt.datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    before: Any,
    after: Any,
) -> str:
    body = {
        "at": at.astimezone(dt.UTC).isoformat(),
        "actor": actor,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity_id,
        "before": before,
        "after": after,
    }
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _hash_of(entry: Any) -> str:
    return entry_hash(
        entry.prev_hash,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        entity_type=entry.entity_type,
        entity_id=entry.entity_id,
        before=entry.before,
        after=entry.after,
    )


def lock_chain(session: Session) -> None:
    """Take the chain's lock for the rest of the transaction (PostgreSQL; SQLite's writers are
    serial anyway). Workflow functions call it before they lock or change any row, so that
    every writer takes its locks in the same order (chain first) and two writers can never
    deadlock on a row one holds and the chain the other holds. Taking it twice is harmless."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})


def record(
    session: Session,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEntry:
    """Append one entry in the caller's transaction: it is committed with the change it
    describes, or not at all. The time is the server's clock at the append, not a time the
    caller passes, so an entry cannot be back-dated."""
    lock_chain(session)
    session.flush()  # pending entries of this transaction first, so the chain sees them
    last = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).scalar()
    prev_hash = last or GENESIS
    at = utcnow()
    entry = AuditEntry(
        at=at,
        actor=actor,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before=jsonable(before),
        after=jsonable(after),
        prev_hash=prev_hash,
    )
    entry.hash = _hash_of(entry)
    session.add(entry)
    session.flush()
    return entry


_ENTRY_COLUMNS = (
    AuditEntry.id,
    AuditEntry.at,
    AuditEntry.actor,
    AuditEntry.action,
    AuditEntry.entity_type,
    AuditEntry.entity_id,
    AuditEntry.before,
    AuditEntry.after,
    AuditEntry.prev_hash,
    AuditEntry.hash,
)


def _entries(session: Session) -> Iterator[Any]:
    """Rows (not ORM objects, so the caller's session is left alone) in id order, a batch at a
    time, so verifying a long log needs little memory."""
    last_id = 0
    while True:
        batch = session.execute(
            select(*_ENTRY_COLUMNS).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(_VERIFY_BATCH)
        ).all()
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id


def verify(session: Session, *, expect_head: str | None = None) -> AuditReport:
    """Walk the chain from the first entry. Stops at the first entry that does not fit and says
    why: its content was changed (its hash no longer matches), or the entry before it is not the
    one it was chained to (an entry was deleted, inserted or reordered)."""
    expected_prev = GENESIS
    count = 0
    for entry in _entries(session):
        count += 1
        if entry.prev_hash != expected_prev:
            problem = (
                "the first entry does not start the chain: earlier entries were deleted"
                if count == 1
                else "it is not chained to the entry before it: an entry was deleted, inserted or reordered"
            )
            return AuditReport(False, count, entry.id, f"audit entry {entry.id}: {problem}", expected_prev)
        if _hash_of(entry) != entry.hash:
            return AuditReport(
                False,
                count,
                entry.id,
                f"audit entry {entry.id} ({entry.action} on {entry.entity_type} {entry.entity_id}): "
                "its content does not match its hash: it was edited after it was written",
                expected_prev,
            )
        expected_prev = entry.hash
    if expect_head is not None and expect_head != expected_prev:
        return AuditReport(
            False,
            count,
            None,
            f"the chain is intact but ends at {expected_prev}, not at the expected head {expect_head}: "
            "entries at the end were removed or the log was rewritten",
            expected_prev,
        )
    return AuditReport(True, count, head_hash=expected_prev)


def history(session: Session, entity_type: str, entity_id: Any) -> list[AuditEntry]:
    """Every entry about one entity, oldest first."""
    return list(
        session.execute(
            select(AuditEntry)
            .where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id))
            .order_by(AuditEntry.id)
        ).scalars()
    )
