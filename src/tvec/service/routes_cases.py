"""Cases, appeals and removal orders: thin HTTP shells over :mod:`tvec.store.workflow`.

Each write runs in one transaction (``db.session()``): the workflow function, its audit entry
and its webhook are committed together or not at all. Errors the workflow raises (not found,
claimed by someone else, wrong state, same reviewer on an appeal) become 404/409/403 through
:mod:`tvec.service.errors`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request

from tvec.console.viewmodels import reason_codes
from tvec.service.auth import Admin, Reviewer, Submitter
from tvec.service.errors import FieldError, error_responses
from tvec.service.jsonbody import StrictJSONRoute
from tvec.service.schemas import (
    AppealBody,
    AppealDecisionBody,
    AppealOut,
    CaseDetail,
    CaseList,
    CaseOut,
    DecideBody,
    DecisionOut,
    NoteBody,
    QueryText,
    RemovalOrderBody,
    RemovalOrderOut,
    Timestamp,
)
from tvec.service.views import case_detail, case_out
from tvec.store import workflow
from tvec.store.models import utcnow

router = APIRouter(prefix="/v1", tags=["cases"], route_class=StrictJSONRoute)

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1, description="numeric id")]
CaseStatus = Literal["open", "claimed", "decided", "escalated"]  # = workflow.CASE_STATUSES
Queue = Literal["default", "escalated", "appeals", "removal_orders"]  # = workflow.QUEUES
Text = Annotated[QueryText, Query(min_length=1, max_length=64)]


@router.get(
    "/cases", response_model=CaseList, summary="list cases, deadline first", responses=error_responses()
)
def list_cases(
    request: Request,
    principal: Reviewer,
    status: CaseStatus | None = None,
    queue: Queue | None = None,
    category: Text | None = None,
    jurisdiction: Text | None = None,
    due_before: Annotated[
        Timestamp | None, Query(description="only cases with a deadline before this")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CaseList:
    """Ordered by legal deadline (earliest first, none last), then severity, then age, with the
    ``overdue`` and ``near_due`` flags the queue shows."""
    state = request.app.state
    now = utcnow()
    with state.db.session(readonly=True) as session:
        cases = workflow.list_cases(
            session,
            now=now,
            status=status,
            queue=queue,
            category=category,
            jurisdiction=jurisdiction.upper() if jurisdiction else None,
            due_before=due_before,
            limit=limit,
            offset=offset,
        )
        return CaseList(cases=[case_out(c, now, state.settings) for c in cases], limit=limit, offset=offset)


@router.get(
    "/cases/{case_id}",
    response_model=CaseDetail,
    summary="one case with its document, decisions, appeals and history",
    responses=error_responses(404),
)
def get_case(request: Request, principal: Reviewer, case_id: ObjectId) -> CaseDetail:
    state = request.app.state
    now = utcnow()
    with state.db.session(readonly=True) as session:
        return case_detail(session, workflow.get_case(session, case_id), now, state.settings)


@router.post(
    "/cases/{case_id}/claim",
    response_model=CaseOut,
    responses=error_responses(404, 409),
    summary="claim a case (exclusive; lapses after claim_ttl_seconds; re-claiming extends it)",
)
def claim(request: Request, principal: Reviewer, case_id: ObjectId) -> CaseOut:
    state = request.app.state
    now = utcnow()
    with state.db.session() as session:
        case = workflow.claim(session, case_id, principal.account(session), now, state.settings)
        return case_out(case, now, state.settings)


@router.post(
    "/cases/{case_id}/release",
    response_model=CaseOut,
    responses=error_responses(404, 409),
    summary="give up one's claim on a case",
)
def release(request: Request, principal: Reviewer, case_id: ObjectId) -> CaseOut:
    state = request.app.state
    now = utcnow()
    with state.db.session() as session:
        case = workflow.release(session, case_id, principal.account(session), now)
        return case_out(case, now, state.settings)


@router.post(
    "/cases/{case_id}/decide",
    response_model=DecisionOut,
    status_code=201,
    responses=error_responses(404, 409),
    summary="decide a claimed case",
)
def decide(request: Request, principal: Reviewer, case_id: ObjectId, body: DecideBody) -> DecisionOut:
    """Needs a live claim by the caller. Records a ``review`` decision (superseding the automated
    one), writes the audit entry and enqueues the ``decision.created`` webhook in one transaction."""
    state = request.app.state
    _check_reason_code(request, body.reason_code)
    with state.db.session() as session:
        decision = workflow.decide(
            session,
            case_id,
            principal.account(session),
            action=body.action,
            reason_code=body.reason_code,
            note=body.note,
            now=utcnow(),
            settings=state.settings,
            expected_version=body.expected_version,
        )
        out = DecisionOut.model_validate(decision)
    _wake(request)
    return out


@router.post(
    "/cases/{case_id}/escalate",
    response_model=CaseOut,
    responses=error_responses(404, 409),
    summary="send a case to the senior (escalated) queue",
)
def escalate(request: Request, principal: Reviewer, case_id: ObjectId, body: NoteBody) -> CaseOut:
    state = request.app.state
    now = utcnow()
    with state.db.session() as session:
        case = workflow.escalate(session, case_id, principal.account(session), body.note, now)
        return case_out(case, now, state.settings)


@router.post(
    "/cases/{case_id}/reopen",
    response_model=CaseOut,
    responses=error_responses(404, 409),
    summary="reopen a decided case (admin)",
)
def reopen(request: Request, principal: Admin, case_id: ObjectId, body: NoteBody) -> CaseOut:
    state = request.app.state
    now = utcnow()
    with state.db.session() as session:
        case = workflow.reopen(session, case_id, principal.account(session), body.note, now)
        return case_out(case, now, state.settings)


@router.post(
    "/cases/{case_id}/appeals",
    response_model=AppealOut,
    status_code=201,
    responses=error_responses(404, 409),
    summary="file a user's appeal against a decided case",
)
def file_appeal(request: Request, principal: Submitter, case_id: ObjectId, body: AppealBody) -> AppealOut:
    """The platform forwards its user's appeal; the case reopens in the ``appeals`` queue for a
    reviewer other than the one who decided it. A submitter may appeal only cases about content
    it scanned itself: any other case is a 404, whatever its state."""
    state = request.app.state
    with state.db.session() as session:
        appeal = workflow.file_appeal(
            session, case_id, body.appellant, body.statement, utcnow(), filed_by=principal.account(session)
        )
        return AppealOut.model_validate(appeal)


@router.post(
    "/decisions/{decision_id}/appeals",
    response_model=AppealOut,
    status_code=201,
    responses=error_responses(404, 409),
    summary="file a user's appeal against a decision, including an automated removal",
)
def file_appeal_against_decision(
    request: Request, principal: Submitter, decision_id: ObjectId, body: AppealBody
) -> AppealOut:
    """An automated removal has no case to appeal through; people must still decide the
    complaint (DSA Art. 20), so it opens a case in the ``appeals`` queue. A reviewer's decision
    reopens its own case, as ``POST /v1/cases/{id}/appeals`` does. Only the latest decision for
    the content and jurisdiction can be appealed (409 otherwise, naming the newer one). A
    submitter may appeal only decisions about content it scanned itself: any other is a 404."""
    with request.app.state.db.session() as session:
        appeal = workflow.file_appeal_against_decision(
            session, decision_id, body.appellant, body.statement, utcnow(), filed_by=principal.account(session)
        )
        return AppealOut.model_validate(appeal)


@router.post(
    "/appeals/{appeal_id}/decide",
    response_model=DecisionOut,
    status_code=201,
    responses=error_responses(404, 409),
    summary="uphold or overturn an appealed decision",
)
def decide_appeal(
    request: Request, principal: Reviewer, appeal_id: ObjectId, body: AppealDecisionBody
) -> DecisionOut:
    state = request.app.state
    _check_reason_code(request, body.reason_code)
    with state.db.session() as session:
        decision = workflow.decide_appeal(
            session,
            appeal_id,
            principal.account(session),
            outcome=body.outcome,
            reason_code=body.reason_code,
            note=body.note,
            now=utcnow(),
            settings=state.settings,
            action=body.action,
        )
        out = DecisionOut.model_validate(decision)
    _wake(request)
    return out


@router.post(
    "/removal-orders",
    response_model=RemovalOrderOut,
    status_code=201,
    tags=["removal orders"],
    responses=error_responses(404, 409),
    summary="record an EU TCO removal order",
)
def record_removal_order(request: Request, principal: Admin, body: RemovalOrderBody) -> RemovalOrderOut:
    """The content's case gets a deadline of ``received_at`` + removal_order_hours (one hour) and
    moves to the ``removal_orders`` queue, which is served first."""
    state = request.app.state
    with state.db.session() as session:
        order = workflow.record_removal_order(
            session,
            client_id=body.client_id,
            authority=body.authority,
            reference=body.reference,
            member_state=body.member_state,
            received_at=body.received_at,
            recorded_by=principal.account(session),
            settings=state.settings,
        )
        return RemovalOrderOut.model_validate(order)


@router.post(
    "/removal-orders/{order_id}/complied",
    response_model=RemovalOrderOut,
    tags=["removal orders"],
    responses=error_responses(404, 409),
    summary="record that a removal order was complied with",
)
def mark_complied(request: Request, principal: Admin, order_id: ObjectId) -> RemovalOrderOut:
    """For content removed outside a case decision (deciding ``remove`` on the order's case does
    this by itself). The audit entry says whether the order's one-hour deadline was missed."""
    state = request.app.state
    with state.db.session() as session:
        order = workflow.mark_complied(
            session, order_id, principal.account(session), utcnow(), state.settings
        )
        return RemovalOrderOut.model_validate(order)


def _check_reason_code(request: Request, reason_code: str) -> None:
    """A reviewer's decision must cite one of the reason codes of the policy the scanner applies
    (the statement of reasons and the transparency report explain decisions by them); the same
    list the console offers, from the same function."""
    codes = {code.code for code in reason_codes(request.app.state.scanner.engine.policy)}
    if reason_code not in codes:
        raise FieldError(
            "reason_code", f"{reason_code!r} is not a reason code of the policy: {', '.join(sorted(codes))}"
        )


def _wake(request: Request) -> None:
    dispatcher = getattr(request.app.state, "dispatcher", None)
    if dispatcher is not None:
        dispatcher.wake()
