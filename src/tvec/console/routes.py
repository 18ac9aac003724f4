"""The review console's pages, on the service's own FastAPI app: ``mount_console(app)``.

Server-rendered (Jinja2, autoescaped), one small CSS and one small JS file, no front-end build.
The pages call :mod:`tvec.store` directly in the request's own transaction - never the /v1 API
over HTTP - so a decision taken here goes through exactly the workflow functions the API uses
(claim checks, audit entries, webhooks in the same transaction).

Every response carries a strict Content-Security-Policy (scripts and styles only from
/console/static): even if some document text escaped the escaping, the browser would not run it.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select
from sqlalchemy.orm import Session

from tvec.console import auth, web
from tvec.console.auth import ConsoleDenied, Reviewer
from tvec.console.evidence import case_evidence, collapse_reasons
from tvec.console.highlight import highlight
from tvec.console.viewmodels import (
    DECIDE_ACTIONS,
    QUEUES,
    appeal_view,
    case_row,
    decision_view,
    document_facts,
    document_view,
    history_view,
    order_view,
    reason_codes,
    suggested_codes,
    utc_text,
)
from tvec.errors import PermissionDenied
from tvec.store import workflow
from tvec.store.accounts import end_console_session, start_console_session
from tvec.store.models import Account, Case, ConsoleSession, RemovalOrder, utcnow
from tvec.types import Category

QUEUE_NAMES = {name for name, _ in QUEUES}
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("active", "waiting (open, claimed, escalated)"),
    ("open", "open"),
    ("claimed", "claimed"),
    ("escalated", "escalated"),
    ("decided", "decided"),
    ("all", "all"),
)
ACTIVE_STATUSES = ("open", "claimed", "escalated")
DUE_CHOICES: tuple[tuple[str, str], ...] = (("", "any time"), ("overdue", "overdue"), ("60", "1 hour"), ("1440", "24 hours"))
QUEUE_PAGE_SIZE = 100
MAX_DUE_MINUTES = 60 * 24 * 366 * 10  # "due within" filter: ten years is "any deadline"

router = APIRouter(prefix=web.PREFIX, include_in_schema=False)


def mount_console(app: FastAPI) -> None:
    """Adds the console under /console (pages) and /console/static (CSS, JS) to ``app``, which
    must carry ``state.settings`` and ``state.db`` (and ``state.scanner`` for the policy)."""
    app.state.console_templates = web.environment()
    app.state.console_login_throttle = auth.LoginThrottle()
    app.mount(web.STATIC_URL, StaticFiles(packages=[("tvec.console", "static")]), name="console-static")
    app.include_router(router)


# --------------------------------------------------------------------------- login


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def console_home() -> Response:
    return web.redirect(f"{web.PREFIX}/queue/default")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> Response:
    token = auth.new_login_csrf()
    response = web.render(request, "login.html", login_csrf=token, username="", next=web.safe_next(next))
    auth.set_login_csrf_cookie(response, token, web.settings_of(request))
    return response


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    csrf_token: str = Form(""),
    next: str = Form(""),
) -> Response:
    settings = web.settings_of(request)
    throttle: auth.LoginThrottle = request.app.state.console_login_throttle
    try:
        auth.check_login_csrf(request, csrf_token)
        throttle.check(username, utcnow())
        with web.transaction(request) as session:
            try:
                account = auth.check_login(session, username, password)
            except ConsoleDenied as denied:
                if denied.status == 401:
                    throttle.failed(username, utcnow())
                raise
            token, _row = start_console_session(session, account, settings, now=utcnow())
        throttle.succeeded(username)
    except ConsoleDenied as denied:
        fresh = auth.new_login_csrf()
        response = web.render(request, "login.html", denied.status, login_csrf=fresh, username=username,
                           next=web.safe_next(next), error=denied.message)
        auth.set_login_csrf_cookie(response, fresh, settings)
        return response
    response = web.redirect(web.safe_next(next or request.query_params.get("next")))
    auth.set_session_cookie(response, token, settings)
    auth.clear_login_csrf_cookie(response, settings)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    settings = web.settings_of(request)
    try:
        with web.transaction(request) as session:
            row = auth.current_session(request, session, utcnow())
            auth.check_csrf(row, csrf_token)
            end_console_session(session, request.cookies.get(auth.SESSION_COOKIE, ""))
    except ConsoleDenied as denied:
        if denied.status != 401:
            return web.problem(request, denied.status, denied.message)
    response = web.redirect(f"{web.PREFIX}/login")
    auth.clear_cookies(response, settings)
    return response


# --------------------------------------------------------------------------- queues


def _statuses(choice: str) -> tuple[str, ...] | None:
    if choice == "all":
        return None
    if choice in {value for value, _ in STATUS_CHOICES} and choice != "active":
        return (choice,)
    return ACTIVE_STATUSES


def _list_cases(session: Session, now: dt.datetime, *, queue: str | None, status: str, category: str | None,
                jurisdiction: str | None, due_before: dt.datetime | None, limit: int) -> list[Case]:
    """``workflow.list_cases`` (which holds the ordering) for one or several statuses; several
    are merged back into the workflow's order: deadline first, then severity, then age."""
    statuses = _statuses(status)
    common = {"now": now, "queue": queue, "category": category or None, "jurisdiction": jurisdiction or None,
              "due_before": due_before, "limit": limit}
    if statuses is None:
        return list(workflow.list_cases(session, **common))
    found: list[Case] = []
    for one in statuses:
        found.extend(workflow.list_cases(session, status=one, **common))
    if len(statuses) > 1:
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        found.sort(key=lambda c: (c.deadline_at is None, c.deadline_at or far, -c.severity, c.created_at, c.id))
    return found[:limit]


@router.get("/queue/{queue}", response_class=HTMLResponse)
def queue_page(request: Request, queue: str, status: str = "active", category: str = "",
               jurisdiction: str = "", due: str = "") -> Response:
    if queue not in QUEUE_NAMES:
        return web.problem(request, 404, f"There is no queue {queue!r}; queues: {', '.join(sorted(QUEUE_NAMES))}.")

    def build(session: Session, _row: ConsoleSession, me: Reviewer, now: dt.datetime) -> Response:
        settings = web.settings_of(request)
        due_before = None
        if due == "overdue":
            due_before = now
        elif due.isdigit():  # capped: a huge number would overflow the date (a 500, not a filter)
            due_before = now + dt.timedelta(minutes=min(int(due), MAX_DUE_MINUTES))
        cases = _list_cases(session, now, queue=queue, status=status, category=category or None,
                            jurisdiction=jurisdiction.upper() or None, due_before=due_before,
                            limit=QUEUE_PAGE_SIZE + 1)
        shown = cases[:QUEUE_PAGE_SIZE]
        facts = document_facts(session, sorted({c.document_id for c in shown}))
        rows = [case_row(session, c, workflow.case_flags(c, now, settings), now, me.account_id, facts.get(c.document_id))
                for c in shown]
        return web.render(
            request, "queue.html", me=me, current_queue=queue, queue_label=dict(QUEUES)[queue], cases=rows,
            has_more=len(cases) > QUEUE_PAGE_SIZE, now_text=utc_text(now),
            filters={"status": status, "category": category, "jurisdiction": jurisdiction.upper(), "due": due},
            status_choices=STATUS_CHOICES, category_choices=[str(c) for c in Category],
            jurisdiction_choices=list(web.policy_of(request).jurisdictions), due_choices=DUE_CHOICES,
        )

    return web.page(request, build)


@router.get("/next")
def next_case(request: Request, queue: str = "default", after: int = 0, done: str = "") -> Response:
    """The first case of the queue that is waiting and not claimed by someone else (after the
    one just handled, which may still be open when the reviewer skipped it)."""
    queue = queue if queue in QUEUE_NAMES else "default"
    decided = done == "decided" and after > 0

    def build(session: Session, _row: ConsoleSession, me: Reviewer, now: dt.datetime) -> Response:
        for case in _list_cases(session, now, queue=queue, status="active", category=None, jurisdiction=None,
                                due_before=None, limit=QUEUE_PAGE_SIZE):
            claimed_by_other = (case.claimed_by not in (None, me.account_id) and case.claim_expires_at is not None
                                and case.claim_expires_at > now)
            if case.id != after and not claimed_by_other:
                return web.redirect(f"{web.PREFIX}/cases/{case.id}" + (f"?done=decided&case={after}" if decided else ""))
        return web.redirect(f"{web.PREFIX}/queue/{queue}" + (f"?done=decided-last&case={after}" if decided else "?done=empty"))

    return web.page(request, build)


# --------------------------------------------------------------------------- the case view


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: int) -> Response:
    def build(session: Session, _row: ConsoleSession, me: Reviewer, now: dt.datetime) -> Response:
        return _case_response(request, session, me, now, case_id)

    return web.page(request, build)


def _case_response(request: Request, session: Session, me: Reviewer, now: dt.datetime, case_id: int) -> Response:
    settings = web.settings_of(request)
    policy = web.policy_of(request)
    case = workflow.get_case(session, case_id)
    document = case.document
    scan = document.scan or {}
    text = document.text
    signals = [s for s in scan.get("signals") or () if isinstance(s, dict)]
    highlighted = highlight(text, signals) if text is not None else None
    row = case_row(session, case, workflow.case_flags(case, now, settings), now, me.account_id)
    orders = session.execute(
        select(RemovalOrder).where(RemovalOrder.document_id == document.id).order_by(RemovalOrder.id)
    ).scalars()
    return web.render(
        request, "case.html", me=me, current_queue=case.queue,
        case=row,
        document=document_view(document),
        highlighted=highlighted.html() if highlighted else "",
        highlight_problems=highlighted.problems if highlighted else (),
        marks_count=sum(1 for s in (highlighted.segments if highlighted else ()) for _ in s.opens),
        collapse_reasons=collapse_reasons(text, scan, row.categories),
        evidence=case_evidence(scan, text, policy),
        decision_records=[decision_view(session, r) for r in document.decisions],
        appeals=[appeal_view(session, a) for a in case.appeals],
        open_appeal=any(a.status == "open" for a in case.appeals),
        removal_orders=[order_view(o) for o in orders],
        history=[history_view(e) for e in workflow.case_history(session, case.id)],
        reason_codes=reason_codes(policy),
        codes=suggested_codes(policy, row.categories),
        decide_actions=DECIDE_ACTIONS,
    )


def _case_url(case_id: int, done: str = "") -> str:
    return f"{web.PREFIX}/cases/{case_id}" + (f"?done={done}&case={case_id}" if done else "")


@router.post("/cases/{case_id}/claim")
def claim(request: Request, case_id: int, csrf_token: str = Form("")) -> Response:
    def change(session: Session, _row: ConsoleSession, account: Account, now: dt.datetime) -> str:
        workflow.claim(session, case_id, account, now, web.settings_of(request))
        return _case_url(case_id, "claimed")

    return web.action(request, csrf_token, change, _case_url(case_id))


@router.post("/cases/{case_id}/release")
def release(request: Request, case_id: int, csrf_token: str = Form("")) -> Response:
    def change(session: Session, _row: ConsoleSession, account: Account, now: dt.datetime) -> str:
        workflow.release(session, case_id, account, now)
        return _case_url(case_id, "released")

    return web.action(request, csrf_token, change, _case_url(case_id))


def _check_reason_code(request: Request, reason_code: str) -> str:
    codes = {c.code for c in reason_codes(web.policy_of(request))}
    if reason_code not in codes:
        raise web.FormError(f"reason code {reason_code!r} is not one of the policy's: {', '.join(sorted(codes))}")
    return reason_code


@router.post("/cases/{case_id}/decide")
def decide(request: Request, case_id: int, csrf_token: str = Form(""), action: str = Form(""),
           reason_code: str = Form(""), note: str = Form(""), version: str = Form("")) -> Response:
    def change(session: Session, row: ConsoleSession, account: Account, now: dt.datetime) -> str:
        allowed = {value for value, _, _ in DECIDE_ACTIONS}
        if action not in allowed:
            raise web.FormError(f"action {action!r} is not one of {', '.join(sorted(allowed))}")
        code = _check_reason_code(request, reason_code)
        case = workflow.get_case(session, case_id)
        queue = case.queue
        workflow.decide(session, case_id, account, action=action, reason_code=code, note=note.strip(), now=now,
                        settings=web.settings_of(request), expected_version=int(version) if version.isdigit() else None)
        row.reviews_done = (row.reviews_done or 0) + 1
        return f"{web.PREFIX}/next?queue={queue}&after={case_id}&done=decided"

    return web.action(request, csrf_token, change, _case_url(case_id))


@router.post("/cases/{case_id}/escalate")
def escalate(request: Request, case_id: int, csrf_token: str = Form(""), note: str = Form("")) -> Response:
    def change(session: Session, _row: ConsoleSession, account: Account, now: dt.datetime) -> str:
        if not note.strip():
            raise web.FormError("say why the case is escalated (the note is empty)")
        workflow.escalate(session, case_id, account, note.strip(), now)
        return _case_url(case_id, "escalated")

    return web.action(request, csrf_token, change, _case_url(case_id))


@router.post("/cases/{case_id}/reopen")
def reopen(request: Request, case_id: int, csrf_token: str = Form(""), note: str = Form("")) -> Response:
    def change(session: Session, _row: ConsoleSession, account: Account, now: dt.datetime) -> str:
        if account.role != "admin":
            raise PermissionDenied(f"only an admin may reopen case {case_id}")
        if not note.strip():
            raise web.FormError("say why the case is reopened (the note is empty)")
        workflow.reopen(session, case_id, account, note.strip(), now)
        return _case_url(case_id, "reopened")

    return web.action(request, csrf_token, change, _case_url(case_id))


@router.post("/appeals/{appeal_id}/decide")
def decide_appeal(request: Request, appeal_id: int, csrf_token: str = Form(""), outcome: str = Form(""),
                  reason_code: str = Form(""), note: str = Form("")) -> Response:
    back = f"{web.PREFIX}/queue/appeals"

    def change(session: Session, row: ConsoleSession, account: Account, now: dt.datetime) -> str:
        if outcome not in ("upheld", "overturned"):
            raise web.FormError(f"outcome {outcome!r} must be 'upheld' or 'overturned'")
        code = _check_reason_code(request, reason_code)
        record = workflow.decide_appeal(session, appeal_id, account, outcome=outcome, reason_code=code,
                                        note=note.strip(), now=now, settings=web.settings_of(request))
        row.reviews_done = (row.reviews_done or 0) + 1
        return _case_url(record.case_id, "appeal") if record.case_id is not None else back

    return web.action(request, csrf_token, change, back)


# --------------------------------------------------------------------------- admin


@router.get("/transparency", response_class=HTMLResponse)
def transparency(request: Request, days: int = 30) -> Response:
    """The transparency report (tvec.outbound.transparency) for admins logged in to the console."""
    from tvec.outbound.transparency import transparency_html, transparency_report

    def build(session: Session, _row: ConsoleSession, me: Reviewer, now: dt.datetime) -> Response:
        if not me.is_admin:
            return web.problem(request, 403, "The transparency report is for admins.", me=me)
        span = max(1, min(days, 3660))
        report = transparency_report(session, start=now - dt.timedelta(days=span), end=now)
        return HTMLResponse(transparency_html(report), headers=web.security_headers(web.CSP_REPORT))

    return web.page(request, build)
