"""The console's request plumbing: rendering, security headers, the login and CSRF gates around
every page and every form, and turning workflow errors into pages.

Kept apart from the routes so that each route says only what it shows or changes; how a request
is authenticated, which transaction it runs in and what a refusal looks like is decided here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from tvec.console import auth
from tvec.console.auth import ConsoleDenied, Reviewer
from tvec.console.highlight import escape_visible, evidence_kind
from tvec.console.viewmodels import QUEUES, SHORTCUTS
from tvec.errors import ConflictError, InvalidTransition, NotFoundError, PermissionDenied, TvecError
from tvec.policy import Policy, load_policy
from tvec.settings import TvecSettings
from tvec.store.models import Account, ConsoleSession, utcnow

PREFIX = "/console"
STATIC_URL = f"{PREFIX}/static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
# the transparency page is O's self-contained HTML with inline styles and SVG; still no scripts
CSP_REPORT = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'"
# what the page after an action says happened: fixed texts chosen by a key in the URL, so a link
# cannot make the console display words of someone else's choosing
DONE_MESSAGES = {
    "claimed": "Case #{case} is yours to decide until your claim lapses (c extends it).",
    "released": "Case #{case} is back in the queue.",
    "decided": "Decision on case #{case} recorded.",
    "decided-last": "Decision on case #{case} recorded. No other case is waiting in this queue.",
    "escalated": "Case #{case} is in the senior (escalated) queue.",
    "reopened": "Case #{case} is open again.",
    "appeal": "The appeal on case #{case} is decided.",
    "empty": "No other case is waiting in this queue.",
}
ERROR_HEADINGS = {400: "That cannot be done", 401: "Please log in", 403: "Not allowed", 404: "Not found",
                  409: "Someone got there first"}

class FormError(TvecError):
    """A console form was filled in wrongly (unknown action or reason code, empty note)."""


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tvec.console", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["kind"] = evidence_kind
    env.filters["shown"] = escape_visible
    return env


def settings_of(request: Request) -> TvecSettings:
    return request.app.state.settings


def policy_of(request: Request) -> Policy:
    """The policy the service's scanner applies (the reason codes a reviewer may choose)."""
    scanner = getattr(request.app.state, "scanner", None)
    if scanner is not None:
        return scanner.engine.policy
    cached = getattr(request.app.state, "console_policy", None)
    if cached is None:
        cached = load_policy(settings_of(request).policy_path)
        request.app.state.console_policy = cached
    return cached


@contextmanager
def transaction(request: Request, *, readonly: bool = False) -> Iterator[Session]:
    db = request.app.state.db
    with db.session(readonly=readonly) as session:
        yield session


def security_headers(csp: str = CSP) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }


def render(request: Request, template: str, status: int = 200, *, me: Reviewer | None = None,
            **context: Any) -> HTMLResponse:
    env: jinja2.Environment = request.app.state.console_templates
    base = {
        "prefix": PREFIX,
        "static_url": STATIC_URL,
        "me": me,
        "queues": QUEUES,
        "shortcuts": SHORTCUTS,
        "current_queue": None,
        "error": None,
        "message": None,
    }
    base.update(context)
    if base["message"] is None:
        base["message"] = done_message(request)
    html = env.get_template(template).render(base)
    return HTMLResponse(html, status_code=status, headers=security_headers())


def done_message(request: Request) -> str | None:
    template = DONE_MESSAGES.get(request.query_params.get("done", ""))
    case = request.query_params.get("case", "")
    if template is None or ("{case}" in template and not case.isdigit()):
        return None
    return template.format(case=case)


def problem(request: Request, status: int, detail: str, *, me: Reviewer | None = None,
             back_url: str = f"{PREFIX}/queue/default") -> HTMLResponse:
    return render(request, "error.html", status, me=me, status_code=status,
                   heading=ERROR_HEADINGS.get(status, "Something went wrong"), detail=detail, back_url=back_url)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303, headers=security_headers())


def to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return redirect(f"{PREFIX}/login?next={quote(target, safe='')}")


def status_of(error: TvecError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, PermissionDenied):
        return 403
    if isinstance(error, (ConflictError, InvalidTransition)):
        return 409
    return 400


def safe_next(target: str | None) -> str:
    """Only a path inside the console: a login link must not send the reviewer elsewhere."""
    if target and target.startswith(f"{PREFIX}/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"{PREFIX}/queue/default"


def page(request: Request, build: Callable[[Session, ConsoleSession, Reviewer, dt.datetime], Response]) -> Response:
    """A GET page: logged in with a console role, or off to the login form / a 403 page."""
    now = utcnow()
    try:
        with transaction(request, readonly=True) as session:
            row = auth.current_session(request, session, now)
            me = auth.reviewer_of(row, settings_of(request))
            return build(session, row, me, now)
    except ConsoleDenied as denied:
        if denied.status == 401:
            return to_login(request)
        return problem(request, denied.status, denied.message)
    except TvecError as error:
        return problem(request, status_of(error), str(error))


def action(
    request: Request,
    csrf_token: str,
    change: Callable[[Session, ConsoleSession, Account, dt.datetime], str],
    back_url: str,
) -> Response:
    """A POST: logged in, the CSRF token matches the session, then ``change`` runs in one
    transaction (rolled back whole if it raises) and the browser is sent to the URL it returns."""
    now = utcnow()
    try:
        with transaction(request) as session:
            row = auth.current_session(request, session, now)
            auth.check_csrf(row, csrf_token)
            target = change(session, row, row.account, now)
        return redirect(target)
    except ConsoleDenied as denied:
        if denied.status == 401:
            return to_login(request)
        return problem(request, denied.status, denied.message, back_url=back_url)
    except TvecError as error:
        me = reviewer_or_none(request)
        return problem(request, status_of(error), str(error), me=me, back_url=back_url)


def reviewer_or_none(request: Request) -> Reviewer | None:
    """For error pages after a rolled-back action: the header still shows who is logged in."""
    try:
        with transaction(request, readonly=True) as session:
            return auth.reviewer_of(auth.current_session(request, session, utcnow()), settings_of(request))
    except (ConsoleDenied, TvecError):
        return None
