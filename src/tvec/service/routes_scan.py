"""POST /v1/scan: scan one document or a batch, store everything, answer with the decisions.

Scanning happens before the transaction opens (it is the slow part and needs no database); the
whole request is then stored in ONE transaction, so a batch is all-or-nothing: a conflict on
its 7th document leaves none of the batch behind, and the client can fix and resend it whole.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from pydantic import Discriminator, Tag

from tvec.errors import InputError, TvecError
from tvec.scanner import ScanResult
from tvec.service.auth import Submitter
from tvec.service.errors import FieldError, error_responses
from tvec.service.jsonbody import StrictJSONRoute
from tvec.service.schemas import ScanBatch, ScanBatchOutcome, ScanDocument, ScanOutcome
from tvec.service.views import scan_outcome
from tvec.store import workflow
from tvec.types import Document

router = APIRouter(prefix="/v1", tags=["scan"], route_class=StrictJSONRoute)


def _shape(value: Any) -> str:
    return "batch" if isinstance(value, dict) and "documents" in value else "single"


ScanBody = Annotated[
    Annotated[ScanDocument, Tag("single")] | Annotated[ScanBatch, Tag("batch")],
    Discriminator(_shape),
]


@router.post(
    "/scan",
    response_model=ScanOutcome | ScanBatchOutcome,
    summary="scan one document or a batch and store the result",
    description=(
        "One document `{id, text, url?, lang?, meta?, jurisdictions?}` or `{documents: [...], jurisdictions?}` "
        "(at most max_batch_documents). Idempotent on `id`: the same id with the same text returns the "
        "stored result (200, `created: false`); with other text it is a 409. A new single document "
        "answers 201. Review decisions open cases; removals are recorded as automated decisions."
    ),
    responses={
        200: {"description": "the stored result (a batch, or a resubmitted document)"},
        201: {"model": ScanOutcome, "description": "a new document, scanned and stored"},
        **error_responses(409),
    },
)
def scan(
    request: Request, principal: Submitter, response: Response, body: Annotated[ScanBody, Body()]
) -> ScanOutcome | ScanBatchOutcome:
    state = request.app.state
    settings = state.settings
    single = isinstance(body, ScanDocument)
    documents = [body] if single else body.documents
    if len(documents) > settings.max_batch_documents:
        raise FieldError(
            "documents",
            f"{len(documents)} documents in one request; at most {settings.max_batch_documents} (max_batch_documents)",
        )
    _no_duplicate_ids(documents)
    default = None if single else body.jurisdictions
    results = [
        _scan_one(state.scanner, doc, default, None if single else i) for i, doc in enumerate(documents)
    ]

    outcomes: list[ScanOutcome] = []
    with state.db.session() as session:
        account = principal.account(session)
        for result, doc in zip(results, documents, strict=True):
            recorded = workflow.record_scan(
                session, result, client_id=doc.id, submitted_by=account, settings=settings
            )
            outcomes.append(scan_outcome(session, recorded.document, recorded.created))
    for outcome in outcomes:
        if outcome.created:
            state.metrics.scans.labels(outcome.action).inc()
    if any(o.created for o in outcomes):  # decisions were enqueued as webhooks: send them now
        _wake_dispatcher(request)
    if single:
        response.status_code = 201 if outcomes[0].created else 200
        return outcomes[0]
    return ScanBatchOutcome(results=outcomes)


def _scan_one(scanner: Any, doc: ScanDocument, default: list[str] | None, index: int | None) -> ScanResult:
    prefix = "" if index is None else f"documents[{index}]."
    wanted = [j.upper() for j in (doc.jurisdictions or default or scanner.settings.jurisdictions)]
    try:
        scanner.engine.check_jurisdictions(wanted)
    except TvecError as exc:
        field = f"{prefix}jurisdictions" if doc.jurisdictions or index is None else "jurisdictions"
        raise FieldError(field, str(exc)) from exc
    meta = dict(doc.meta)
    if doc.url is not None:
        if meta.get("url", doc.url) != doc.url:
            raise FieldError(f"{prefix}meta.url", "differs from url; send the source URL once, as url")
        meta["url"] = doc.url  # what the organisations detector reads (Document.meta["url"])
    document = Document(id=doc.id, text=doc.text, lang=doc.lang, meta=meta)
    try:
        return scanner.scan(document, wanted)
    except InputError as exc:
        raise FieldError(f"{prefix}text", exc.problem) from exc


def _no_duplicate_ids(documents: list[ScanDocument]) -> None:
    seen: dict[str, int] = {}
    for index, doc in enumerate(documents):
        if doc.id in seen:
            raise FieldError(f"documents[{index}].id", f"id {doc.id!r} repeats documents[{seen[doc.id]}].id")
        seen[doc.id] = index


def _wake_dispatcher(request: Request) -> None:
    dispatcher = getattr(request.app.state, "dispatcher", None)
    if dispatcher is not None:
        dispatcher.wake()
