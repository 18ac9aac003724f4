"""Admin: accounts and keys, webhook endpoints and their delivery log, the audit log.

Secrets (API keys, webhook signing secrets) appear in exactly one response, the one that
creates them; listings never include them."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from sqlalchemy import select

from tvec.errors import NotFoundError
from tvec.service.auth import Admin
from tvec.service.errors import error_responses
from tvec.service.jsonbody import StrictJSONRoute
from tvec.service.schemas import (
    AccountBody,
    AccountOut,
    ApiKeyOut,
    AuditList,
    AuditOut,
    AuditVerifyOut,
    DeliveryOut,
    QueryText,
    WebhookBody,
    WebhookCreated,
    WebhookOut,
)
from tvec.store import accounts, audit
from tvec.store.models import Account, AuditEntry, WebhookDelivery, WebhookEndpoint

router = APIRouter(prefix="/v1", tags=["admin"], route_class=StrictJSONRoute)
Limit = Annotated[int, Query(ge=1, le=1000)]


@router.post(
    "/webhooks",
    response_model=WebhookCreated,
    status_code=201,
    responses=error_responses(),
    summary="register a webhook endpoint (the signing secret is returned once)",
    description=(
        "A URL whose host is a loopback, private, link-local or other non-public address is refused "
        "(422) unless TVEC_WEBHOOK_ALLOW_PRIVATE_TARGETS is set."
    ),
)
def add_webhook(request: Request, principal: Admin, body: WebhookBody) -> WebhookCreated:
    from tvec.outbound.webhooks import add_endpoint

    with request.app.state.db.session() as session:
        actor = audit.actor_of(principal.account(session))
        # with the settings, a loopback/private target is refused now, not at its first delivery
        endpoint, secret = add_endpoint(
            session, str(body.url), body.events, actor, settings=request.app.state.settings
        )
        return WebhookCreated(**WebhookOut.model_validate(endpoint).model_dump(), secret=secret)


@router.get(
    "/webhooks",
    response_model=list[WebhookOut],
    responses=error_responses(),
    summary="webhook endpoints (without secrets)",
)
def list_webhooks(request: Request, principal: Admin) -> list[WebhookOut]:
    with request.app.state.db.session(readonly=True) as session:
        rows = session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)).all()
        return [WebhookOut.model_validate(r) for r in rows]


@router.get(
    "/webhooks/deliveries",
    response_model=list[DeliveryOut],
    responses=error_responses(),
    summary="the delivery log, newest first",
)
def list_deliveries(
    request: Request,
    principal: Admin,
    status: Literal["pending", "sending", "delivered", "failed"] | None = None,
    endpoint_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    limit: Limit = 100,
) -> list[DeliveryOut]:
    query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    if endpoint_id is not None:
        query = query.where(WebhookDelivery.endpoint_id == endpoint_id)
    with request.app.state.db.session(readonly=True) as session:
        return [DeliveryOut.model_validate(r) for r in session.scalars(query).all()]


@router.get(
    "/audit",
    response_model=AuditList,
    responses=error_responses(),
    summary="the audit log, oldest first, paged by id",
)
def list_audit(
    request: Request,
    principal: Admin,
    entity_type: Annotated[QueryText | None, Query(min_length=1, max_length=32)] = None,
    entity_id: Annotated[QueryText | None, Query(min_length=1, max_length=64)] = None,
    after_id: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    limit: Limit = 100,
) -> AuditList:
    query = select(AuditEntry).where(AuditEntry.id > after_id).order_by(AuditEntry.id).limit(limit)
    if entity_type is not None:
        query = query.where(AuditEntry.entity_type == entity_type)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    with request.app.state.db.session(readonly=True) as session:
        return AuditList(entries=[AuditOut.model_validate(r) for r in session.scalars(query).all()])


@router.post(
    "/audit/verify",
    response_model=AuditVerifyOut,
    responses=error_responses(),
    summary="walk the hash chain: is the audit log intact?",
)
def verify_audit(request: Request, principal: Admin) -> AuditVerifyOut:
    with request.app.state.db.session(readonly=True) as session:
        report = audit.verify(session)
    return AuditVerifyOut(**report.to_dict())


@router.post(
    "/accounts",
    response_model=AccountOut,
    status_code=201,
    responses=error_responses(409),
    summary="create an account (submitter, reviewer or admin)",
)
def create_account(request: Request, principal: Admin, body: AccountBody) -> AccountOut:
    with request.app.state.db.session() as session:
        actor = audit.actor_of(principal.account(session))
        account = accounts.create_account(session, body.name, body.role, password=body.password, actor=actor)
        return AccountOut.model_validate(account)


@router.post(
    "/accounts/{account_id}/keys",
    response_model=ApiKeyOut,
    status_code=201,
    responses=error_responses(404),
    summary="issue an API key (returned once, stored hashed)",
)
def issue_key(
    request: Request, principal: Admin, account_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> ApiKeyOut:
    with request.app.state.db.session() as session:
        account = session.get(Account, account_id)
        if account is None:
            raise NotFoundError(f"account {account_id} does not exist")
        actor = audit.actor_of(principal.account(session))
        plaintext, key = accounts.issue_api_key(session, account, actor=actor)
        return ApiKeyOut(id=key.id, account_id=account.id, prefix=key.prefix, key=plaintext)
