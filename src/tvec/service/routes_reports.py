"""What regulators ask for: DSA statements of reasons and the transparency report.

Both are built by :mod:`tvec.outbound` from the stored decisions; this module only fetches,
authorises and serialises."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from tvec.errors import NotFoundError
from tvec.service.auth import Admin, Reviewer
from tvec.service.errors import FieldError, error_responses
from tvec.service.jsonbody import StrictJSONRoute
from tvec.service.schemas import Timestamp
from tvec.store.models import DecisionRecord, utcnow

router = APIRouter(prefix="/v1", tags=["reports"], route_class=StrictJSONRoute)

DEFAULT_REPORT_DAYS = 365
PLATFORM_NAME_DEFAULT = "tvec"


@router.get(
    "/decisions/{decision_id}/statement-of-reasons",
    response_model=dict[str, Any],
    summary="the EU DSA statement of reasons (Art. 17) for one decision",
    description="409 `no_statement_required` for a decision that restricts nothing (allow, or the "
    "automated referral to review: the reviewer's decision gets the statement).",
    responses=error_responses(404, 409),
)
def statement_of_reasons(
    request: Request, principal: Reviewer, decision_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> dict[str, Any]:
    from tvec.outbound.sor import statement_of_reasons as build_statement

    state = request.app.state
    with state.db.session(readonly=True) as session:
        decision = session.get(DecisionRecord, decision_id)
        if decision is None:
            raise NotFoundError(f"decision {decision_id} does not exist")
        return build_statement(session, decision, platform_name=_platform_name(state.settings))


Since = Annotated[Timestamp | None, Query(description=f"default: {DEFAULT_REPORT_DAYS} days before `end`")]
Until = Annotated[Timestamp | None, Query(description="default: now")]


@router.get(
    "/reports/transparency",
    response_model=dict[str, Any],
    summary="transparency report: counts by category, action, jurisdiction, automation; time to action; appeals",
    responses=error_responses(),
)
def transparency(
    request: Request, principal: Admin, start: Since = None, end: Until = None
) -> dict[str, Any]:
    return _report(request, start, end)


@router.get(
    "/reports/transparency.html",
    response_model=None,  # the page is text/html; its errors stay JSON (so no response_class here)
    summary="the transparency report as a self-contained page with charts",
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "HTML page"},
        **error_responses(),
    },
)
def transparency_page(
    request: Request, principal: Admin, start: Since = None, end: Until = None
) -> HTMLResponse:
    from tvec.outbound.transparency import transparency_html

    return HTMLResponse(transparency_html(_report(request, start, end)))


def _report(request: Request, start: dt.datetime | None, end: dt.datetime | None) -> dict[str, Any]:
    from tvec.outbound.transparency import transparency_report

    # both are bounded Timestamps in UTC (schemas.Timestamp): no arithmetic here can overflow
    end = end or utcnow()
    start = start or end - dt.timedelta(days=DEFAULT_REPORT_DAYS)
    if start >= end:
        raise FieldError("start", f"start {start.isoformat()} is not before end {end.isoformat()}")
    with request.app.state.db.session(readonly=True) as session:
        return transparency_report(session, start=start, end=end)


def _platform_name(settings: Any) -> str:
    return str(getattr(settings, "platform_name", None) or PLATFORM_NAME_DEFAULT)
