"""Bearer API keys and roles. Every /v1 route depends on ``require_role(...)``.

The dependency returns a :class:`Principal` (id, name, role) rather than the ORM ``Account``:
the lookup's database session is closed by the time the route runs, and each route loads the
account into its own transaction when a workflow function needs it.

401 means "who are you?" (no key, malformed header, unknown, revoked or disabled key) and
carries ``WWW-Authenticate: Bearer``; 403 means "you, but not this" (the role does not allow it).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tvec.service.query import reject_unknown_query_parameters
from tvec.store.accounts import LAST_USED_GRANULARITY, authenticate_api_key, key_prefix, role_allows
from tvec.store.db import Database
from tvec.store.models import Account, ApiKey, utcnow

log = logging.getLogger("tvec.service")

bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="an API key issued by an admin (POST /v1/accounts/{id}/keys): `Authorization: Bearer tvec_...`",
)


@dataclass(frozen=True)
class Principal:
    id: int
    name: str
    role: str

    def account(self, session: Session) -> Account:
        """The account row in ``session`` (the route's own transaction)."""
        account = session.get(Account, self.id)
        if account is None:  # deleted between authentication and use
            raise HTTPException(401, "the API key's account no longer exists", {"WWW-Authenticate": "Bearer"})
        return account


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, {"WWW-Authenticate": "Bearer"})


def _authenticate(db: Database, key: str) -> Principal:
    """A read-only lookup: on SQLite a write transaction per request would queue every request,
    reads included, behind the one write lock. ``last_used_at`` is refreshed in a separate short
    write only when it is older than LAST_USED_GRANULARITY (once a minute per key)."""
    now = utcnow()
    with db.session(readonly=True) as session:
        account = authenticate_api_key(session, key, now=now)
        if account is None:
            raise _unauthorized("unknown, revoked or disabled API key")
        principal = Principal(account.id, account.name, account.role)
        row = session.execute(select(ApiKey).where(ApiKey.prefix == key_prefix(key))).scalar_one()
        stale = row.last_used_at is None or now - row.last_used_at >= LAST_USED_GRANULARITY
        key_id = row.id
    if stale:
        _touch_key(db, key_id, now)
    return principal


def _touch_key(db: Database, key_id: int, now: dt.datetime) -> None:
    """Record the use; conditional, so concurrent requests with one key write it once. A
    bookkeeping field is not worth refusing a request over: a lock timeout here is logged."""
    fresh = now - LAST_USED_GRANULARITY
    try:
        with db.session() as session:
            session.execute(
                update(ApiKey)
                .where(ApiKey.id == key_id, or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at <= fresh))
                .values(last_used_at=now)
            )
    except OperationalError as exc:
        log.warning("could not record the use of API key %s: %s", key_id, exc)


def require_role(needed: str) -> Callable[..., Principal]:
    """FastAPI dependency: the caller's key must be valid and its role must allow ``needed``."""

    def dependency(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
    ) -> Principal:
        if credentials is None or not credentials.credentials:
            raise _unauthorized("missing API key: send 'Authorization: Bearer <key>'")
        principal = _authenticate(request.app.state.db, credentials.credentials)
        request.state.account = f"{principal.id}:{principal.name}"
        if not role_allows(principal.role, needed):
            raise HTTPException(403, f"role {principal.role!r} may not do this (needs {needed!r})")
        # here, after the role check, so that only a caller who may use the endpoint learns about it
        reject_unknown_query_parameters(request)
        return principal

    dependency.__name__ = f"require_{needed}"
    return dependency


# the dependency of each role, as annotated types: ``principal: Reviewer`` in a route signature
Submitter = Annotated[Principal, Depends(require_role("submitter"))]
Reviewer = Annotated[Principal, Depends(require_role("reviewer"))]
Admin = Annotated[Principal, Depends(require_role("admin"))]
