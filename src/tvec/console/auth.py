"""Console logins: the session cookie, the CSRF check and the role check.

The cookie holds a random token whose hash is the ``ConsoleSession`` row's key
(:mod:`tvec.store.accounts`); it is HttpOnly (no script can read it), SameSite=Strict (no other
site can make the browser send it) and Secure when ``settings.cookie_secure`` is set. Every POST
form carries the session's CSRF token, compared in constant time with the row's, so a request
forged from elsewhere fails even in a browser that ignores SameSite.

The login form itself has no session yet; it is protected by a double-submit token (a random
value in a SameSite=Strict cookie that the form must echo), which stops another site from
logging a reviewer's browser into an account of its choosing.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from tvec.settings import TvecSettings
from tvec.store.accounts import account_by_name, console_session_for, role_allows, verify_password
from tvec.store.models import Account, ConsoleSession

SESSION_COOKIE = "tvec_console"
LOGIN_CSRF_COOKIE = "tvec_console_login"
COOKIE_PATH = "/console"
CONSOLE_ROLE = "reviewer"  # admin implies it (tvec.store.accounts.role_allows)

# checked when the username is unknown, so that a wrong name costs as long as a wrong password
# and the response time does not tell which accounts exist
_TIMING_ONLY_HASH = (
    "scrypt$16384$8$1$6dec2be5474887e2d9121766cd859bea$b73cea2b044448ce1624479f2fccdd79d2a98fb6c365e95be"
    "ac35368d40a8d2ae6396b60fb795850d88e15f470cc7538bb928be47016386fa849a813742aa593"
)


class ConsoleDenied(Exception):
    """The request may not go on: ``status`` 401 (not logged in), 403 (role, CSRF)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Reviewer:
    """The logged-in person as the pages need them, detached from the database session."""

    account_id: int
    name: str
    role: str
    session_id: int
    csrf_token: str
    reviews_done: int
    break_after: int

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def break_due(self) -> bool:
        """A gentle reminder after every ``break_after`` decisions in this login session."""
        return self.break_after > 0 and self.reviews_done > 0 and self.reviews_done % self.break_after == 0

    @property
    def actor(self) -> str:
        return f"account:{self.account_id}:{self.name}"


def reviewer_of(row: ConsoleSession, settings: TvecSettings) -> Reviewer:
    account = row.account
    return Reviewer(
        account_id=account.id,
        name=account.name,
        role=account.role,
        session_id=row.id,
        csrf_token=row.csrf_token,
        reviews_done=row.reviews_done or 0,
        break_after=getattr(settings, "console_break_after_reviews", 25),
    )


def check_login(session: Session, username: str, password: str) -> Account:
    """The account for a username/password pair allowed into the console, or ConsoleDenied.
    The same message for an unknown name and a wrong password: the form must not confirm names."""
    account = account_by_name(session, username.strip()) if username.strip() else None
    if account is None:
        verify_password(Account(name="", role="", password_hash=_TIMING_ONLY_HASH), password)
        raise ConsoleDenied(401, "Wrong username or password.")
    if not verify_password(account, password):
        raise ConsoleDenied(401, "Wrong username or password.")
    if not role_allows(account.role, CONSOLE_ROLE):
        raise ConsoleDenied(
            403, f"The account {account.name!r} has the role {account.role!r}; only reviewers and admins use the console."
        )
    return account


class LoginThrottle:
    """Failed logins per username, so that a password cannot be guessed at the speed of the
    server: after ``max_failures`` within ``window`` the name is refused until the oldest failure
    leaves the window, even with the right password. Unknown names count like known ones (the
    answer must not tell which exist). Kept per process (``app.state``): several processes each
    allow their own ``max_failures``; a proxy limit is the place for a global one."""

    MAX_TRACKED = 10_000  # names remembered at most: random names cannot grow it without bound

    def __init__(self, max_failures: int = 10, window: dt.timedelta = dt.timedelta(minutes=15)) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, list[dt.datetime]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(username: str) -> str:
        return username.strip().casefold()[:200]

    def _recent(self, key: str, now: dt.datetime) -> list[dt.datetime]:
        recent = [t for t in self._failures.get(key, ()) if now - t < self.window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent

    def check(self, username: str, now: dt.datetime) -> None:
        with self._lock:
            recent = self._recent(self._key(username), now)
        if len(recent) >= self.max_failures:
            wait = max(1, int((recent[0] + self.window - now).total_seconds() // 60) + 1)
            raise ConsoleDenied(429, f"Too many failed logins for this name; try again in {wait} minute(s).")

    def failed(self, username: str, now: dt.datetime) -> None:
        key = self._key(username)
        with self._lock:
            if key not in self._failures and len(self._failures) >= self.MAX_TRACKED:
                for stale in [k for k in self._failures if not self._recent(k, now)]:
                    self._failures.pop(stale, None)
                if len(self._failures) >= self.MAX_TRACKED:  # still full: forget the oldest name
                    self._failures.pop(next(iter(self._failures)))
            self._failures.setdefault(key, []).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(self._key(username), None)


def current_session(request: Request, session: Session, now: dt.datetime) -> ConsoleSession:
    """The live console session of this request, with a role that may use the console."""
    token = request.cookies.get(SESSION_COOKIE, "")
    row = console_session_for(session, token, now) if token else None
    if row is None:
        raise ConsoleDenied(401, "Please log in.")
    if not role_allows(row.account.role, CONSOLE_ROLE):
        # the role was changed after login: the session no longer gives access
        raise ConsoleDenied(403, f"The role {row.account.role!r} may not use the review console.")
    return row


def check_csrf(row: ConsoleSession, submitted: str | None) -> None:
    if not submitted or not hmac.compare_digest(row.csrf_token.encode(), submitted.encode()):
        raise ConsoleDenied(403, "The form's security token is missing or stale; reload the page and try again.")


def check_login_csrf(request: Request, submitted: str | None) -> None:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not submitted or not hmac.compare_digest(expected.encode(), submitted.encode()):
        raise ConsoleDenied(403, "The login form expired or came from elsewhere; reload the login page and try again.")


def new_login_csrf() -> str:
    return secrets.token_urlsafe(24)


def _cookie_options(settings: TvecSettings) -> dict[str, object]:
    return {"httponly": True, "samesite": "strict", "secure": bool(settings.cookie_secure), "path": COOKIE_PATH}


def set_session_cookie(response: Response, token: str, settings: TvecSettings) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=int(settings.session_hours * 3600), **_cookie_options(settings))


def set_login_csrf_cookie(response: Response, value: str, settings: TvecSettings) -> None:
    response.set_cookie(LOGIN_CSRF_COOKIE, value, max_age=3600, **_cookie_options(settings))


def clear_login_csrf_cookie(response: Response, settings: TvecSettings) -> None:
    response.delete_cookie(LOGIN_CSRF_COOKIE, **_cookie_options(settings))


def clear_cookies(response: Response, settings: TvecSettings) -> None:
    for name in (SESSION_COOKIE, LOGIN_CSRF_COOKIE):
        response.delete_cookie(name, **_cookie_options(settings))
