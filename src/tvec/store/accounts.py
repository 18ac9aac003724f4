"""Accounts, API keys, passwords and console sessions.

Secrets are never stored: an API key is kept as the SHA-256 of the whole key (it is long and
random, so a fast hash is enough and lets every request be checked cheaply), a password as a
salted scrypt hash (people choose guessable passwords, so the hash must be slow), a console
session as the SHA-256 of its cookie token. A key's first characters (``prefix``) are stored in
clear to find its row and to let an admin tell keys apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from tvec.errors import ConflictError, InputError, NotFoundError, WorkflowError
from tvec.store import audit
from tvec.store.db import is_readonly
from tvec.store.models import Account, ApiKey, ConsoleSession, utcnow

if TYPE_CHECKING:
    from tvec.settings import TvecSettings

ROLES: tuple[str, ...] = ("submitter", "reviewer", "admin")
KEY_SCHEME = "tvec_"
PREFIX_LENGTH = 8
# scrypt cost: 2**14 * 8 * 128 bytes = 16 MiB and ~50 ms per check
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_NAME_LENGTH = 120
MIN_PASSWORD_LENGTH = 8
# last_used_at is refreshed at most this often, so authenticating is not a write per request
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


def role_allows(role: str, needed: str) -> bool:
    """Whether an account of ``role`` may do what needs ``needed``. Admin may do everything;
    submitter and reviewer are separate (a reviewer cannot submit scans, a submitter cannot see
    cases), so a leaked submitter key exposes no review data."""
    if needed not in ROLES:
        raise WorkflowError(f"unknown role {needed!r}: roles are {', '.join(ROLES)}")
    return role == needed or role == "admin"


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(account: Account, password: str) -> bool:
    """Constant-time check; False for accounts without a password (API-only) or disabled ones."""
    stored = account.password_hash
    if not stored or account.disabled_at is not None:
        return False
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def _check_password(name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"account {name!r}", f"password must have at least {MIN_PASSWORD_LENGTH} characters")


def create_account(session: Session, name: str, role: str, password: str | None = None, *,
                   actor: str = "system:accounts") -> Account:
    """A new account; ``password`` enables console login (None: API keys only)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InputError("account name", f"must be 1 to {MAX_NAME_LENGTH} characters, got {len(name)}")
    if role not in ROLES:
        raise InputError(f"account {name!r}", f"role {role!r} is not one of {', '.join(ROLES)}")
    if account_by_name(session, name) is not None:
        raise ConflictError(f"account {name!r} already exists")
    if password is not None:
        _check_password(name, password)
    account = Account(name=name, role=role, password_hash=hash_password(password) if password else None,
                      created_at=utcnow())
    session.add(account)
    session.flush()
    audit.record(session, actor, "account.create", "account", account.id, None,
                 {"name": name, "role": role, "console_login": password is not None})
    return account


def account_by_name(session: Session, name: str) -> Account | None:
    return session.execute(select(Account).where(Account.name == name)).scalar_one_or_none()


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFoundError(f"account {account_id} does not exist")
    return account


def set_password(session: Session, account: Account, password: str, *, actor: str) -> None:
    audit.lock_chain(session)
    _check_password(account.name, password)
    account.password_hash = hash_password(password)
    # a new password ends every console login of the account: whoever knew the old one (the
    # reason it is being changed, often) must not stay logged in
    ended = session.execute(delete(ConsoleSession).where(ConsoleSession.account_id == account.id)).rowcount
    audit.record(session, actor, "account.password", "account", account.id, None,
                 {"password_changed": True, "console_sessions_ended": ended or 0})


def disable_account(session: Session, account: Account, *, actor: str, now: dt.datetime | None = None) -> None:
    """Disabled accounts keep their history but cannot log in or use keys."""
    audit.lock_chain(session)
    if account.disabled_at is not None:
        return
    account.disabled_at = now or utcnow()
    audit.record(session, actor, "account.disable", "account", account.id, {"disabled_at": None},
                 {"disabled_at": account.disabled_at})


def issue_api_key(session: Session, account: Account, *, actor: str | None = None) -> tuple[str, ApiKey]:
    """A new key for ``account``. The plaintext is returned once and never stored."""
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if session.execute(select(ApiKey.id).where(ApiKey.prefix == prefix)).first() is None:
            break
    plaintext = f"{KEY_SCHEME}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(account_id=account.id, prefix=prefix, key_hash=_sha256(plaintext), created_at=utcnow())
    session.add(key)
    session.flush()
    audit.record(session, actor or audit.actor_of(account), "api_key.issue", "api_key", key.id, None,
                 {"account_id": account.id, "prefix": prefix})
    return plaintext, key


def revoke_api_key(session: Session, key_id: int, *, actor: str, now: dt.datetime | None = None) -> ApiKey:
    audit.lock_chain(session)
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFoundError(f"API key {key_id} does not exist")
    if key.revoked_at is None:
        key.revoked_at = now or utcnow()
        audit.record(session, actor, "api_key.revoke", "api_key", key.id, {"revoked_at": None},
                     {"revoked_at": key.revoked_at, "prefix": key.prefix})
    return key


def key_prefix(key: str) -> str | None:
    """The stored prefix of a presented key, or None when it is not shaped like a tvec key."""
    if not key.startswith(KEY_SCHEME):
        return None
    prefix = key[len(KEY_SCHEME) : len(KEY_SCHEME) + PREFIX_LENGTH]
    if len(prefix) != PREFIX_LENGTH or key[len(KEY_SCHEME) + PREFIX_LENGTH : len(KEY_SCHEME) + PREFIX_LENGTH + 1] != "_":
        return None
    return prefix


def authenticate_api_key(session: Session, key: str, *, now: dt.datetime | None = None) -> Account | None:
    """The account a presented key belongs to, or None for an unknown, malformed, revoked key or
    a disabled account. The comparison is constant-time."""
    prefix = key_prefix(key)
    if prefix is None:
        return None
    row = session.execute(select(ApiKey).where(ApiKey.prefix == prefix)).scalar_one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.key_hash, _sha256(key)):
        return None
    account = row.account
    if account.disabled_at is not None:
        return None
    now = now or utcnow()
    if is_readonly(session):
        return account
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_GRANULARITY:
        row.last_used_at = now
    return account


def start_console_session(session: Session, account: Account, settings: TvecSettings,
                          *, now: dt.datetime | None = None) -> tuple[str, ConsoleSession]:
    """A login: returns the cookie token (kept only as a hash) and the session row with its CSRF
    token, which every console form must echo back."""
    now = now or utcnow()
    # the account's expired logins go now: they can never be used again, and a row per login
    # would otherwise pile up forever
    session.execute(delete(ConsoleSession).where(ConsoleSession.account_id == account.id,
                                                 ConsoleSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    row = ConsoleSession(
        token_hash=_sha256(token),
        csrf_token=secrets.token_urlsafe(32),
        account_id=account.id,
        created_at=now,
        expires_at=now + dt.timedelta(hours=settings.session_hours),
        reviews_done=0,
    )
    session.add(row)
    session.flush()
    audit.record(session, audit.actor_of(account), "console.login", "console_session", row.id, None,
                 {"account_id": account.id, "expires_at": row.expires_at})
    return token, row


def console_session_for(session: Session, token: str, now: dt.datetime) -> ConsoleSession | None:
    """The live session a cookie token belongs to (None: unknown, expired, or account disabled)."""
    if not token:
        return None
    row = session.execute(
        select(ConsoleSession).where(ConsoleSession.token_hash == _sha256(token))
    ).scalar_one_or_none()
    if row is None or row.expires_at <= now or row.account.disabled_at is not None:
        return None
    return row


def end_console_session(session: Session, token: str) -> None:
    """Logout: the row is deleted, so the cookie is worthless even if it leaks later."""
    row = session.execute(
        select(ConsoleSession).where(ConsoleSession.token_hash == _sha256(token))
    ).scalar_one_or_none()
    if row is None:
        return
    audit.record(session, audit.actor_of(row.account), "console.logout", "console_session", row.id,
                 {"account_id": row.account_id}, None)
    session.execute(delete(ConsoleSession).where(ConsoleSession.id == row.id))
