"""Bearer API keys and roles. Every /v1 route depends on ``require_role(...)``.

The dependency returns a :class:`Principal` (id, name, role) rather than the ORM ``Account``:
the lookup's database session is closed by the time the route runs, and each route loads the
account into its own transaction when a workflow function needs it.

401 means "who are you?" (no key, malformed header, unknown, revoked or disabled key) and
carries ``WWW-Authenticate: Bearer``; 403 means "you, but not this" (the role does not allow it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from tvec.service.query import reject_unknown_query_parameters
from tvec.store.accounts import authenticate_api_key, role_allows
from tvec.store.db import Database
from tvec.store.models import Account

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
    """A write transaction, because authenticating refreshes the key's ``last_used_at`` (at most
    once a minute: tvec.store.accounts decides)."""
    with db.session() as session:
        account = authenticate_api_key(session, key)
        if account is None:
            raise _unauthorized("unknown, revoked or disabled API key")
        return Principal(account.id, account.name, account.role)


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
