"""Request and response bodies of the /v1 API.

Requests forbid unknown fields (``extra="forbid"``): a misspelt ``jurisdiction`` must be an
error, not a silently ignored option that scans under the default jurisdictions. Responses are
declared too, so the OpenAPI document is complete and the schemathesis run can check that every
response conforms to it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AnyHttpUrl,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from tvec.store import workflow

# NUL cannot be stored in PostgreSQL text, and a lone surrogate is not Unicode at all (it cannot
# be encoded, hashed for the audit chain or shown): both are refused at the door, in any string
# of a request, including the keys and values nested in ``meta``.
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def _check_text(value: str) -> str:
    found = _NOT_TEXT.search(value)
    if found:
        what = "a NUL character" if found.group() == "\x00" else "a lone surrogate (not valid Unicode)"
        raise ValueError(f"contains {what} at character {found.start()}")
    return value


def _check_nested(value: Any) -> Any:
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_nested(key)
            _check_nested(item)
    elif isinstance(value, list):
        for item in value:
            _check_nested(item)
    return value


QueryText = Annotated[str, AfterValidator(_check_text)]


def _iso_8601(value: Any) -> Any:
    """Only ISO 8601 text is a time here: pydantic would also read ``0.0`` or ``1700000000`` as
    seconds since 1970, which in a legal timestamp is far more likely a mistake than a choice."""
    if isinstance(value, str):
        try:
            dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(
                f"{value[:40]!r} is not an ISO 8601 date-time, e.g. 2026-01-31T09:30:00Z"
            ) from None
        return value
    if isinstance(value, dt.datetime):
        return value
    raise ValueError("expected an ISO 8601 date-time string, e.g. 2026-01-31T09:30:00Z")


# No time the service deals in lies outside this window. Python's datetime ends at years 1 and
# 9999 *in local time*: 9999-12-31T23:59:59-23:59 is a valid value whose UTC form does not exist
# (OverflowError, a 500, in every comparison or conversion). Bounding every time from the
# network here, after conversion to UTC, keeps such values out of the store and the arithmetic
# (deadlines, report windows) done on them.
EARLIEST_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST_TIME = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def _bounded(value: dt.datetime) -> dt.datetime:
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST_TIME <= utc < LATEST_TIME:
        raise ValueError(
            f"{value.isoformat()} is outside {EARLIEST_TIME.isoformat()}..{LATEST_TIME.isoformat()} (UTC)"
        )
    return utc


# an aware date-time (with a UTC offset or Z) written in ISO 8601, between 2000 and 2100, in UTC:
# the one type of every date-time a request carries (bodies and query parameters)
Timestamp = Annotated[AwareDatetime, BeforeValidator(_iso_8601), AfterValidator(_bounded)]


def _order_receipt(value: dt.datetime) -> dt.datetime:
    return workflow.check_order_receipt(value, dt.datetime.now(dt.UTC))


def _member_state(value: str) -> str:
    return workflow.member_state_code(value)


MemberState = Annotated[str, StringConstraints(min_length=1, max_length=8), AfterValidator(_member_state)]

ClientId = Annotated[str, StringConstraints(min_length=1, max_length=256)]
Jurisdiction = Annotated[
    str, StringConstraints(min_length=1, max_length=16, pattern=r"^[A-Za-z][A-Za-z0-9_-]*$")
]
ReasonCode = Annotated[str, StringConstraints(min_length=1, max_length=64)]
MAX_URL_CHARS = 2048


def _source_url(value: str) -> str:
    """An absolute http(s) URL with a host, as sent (not normalised): the organisations detector
    reads its host, and the document keeps it as the client wrote it."""
    from urllib.parse import urlsplit

    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValueError("a URL has no spaces or control characters")
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise ValueError(f"not a URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("only http:// and https:// URLs")
    if not host:
        raise ValueError("an absolute URL with a host, like https://example.org/page")
    return value


SourceUrl = Annotated[str, StringConstraints(min_length=1, max_length=MAX_URL_CHARS), AfterValidator(_source_url)]
Note = Annotated[str, StringConstraints(max_length=10_000)]
ReviewAction = Literal["allow", "label", "restrict", "remove"]
Role = Literal["submitter", "reviewer", "admin"]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _only_real_text(cls, value: Any) -> Any:
        return _check_nested(value)


# ---- requests -------------------------------------------------------------------------------


class ScanDocument(Request):
    """One document to scan. ``id`` is the platform's own id and the idempotency key."""

    id: ClientId = Field(
        description="the platform's id of the content; resubmitting it returns the stored result"
    )
    text: str = Field(min_length=1, description="the text to scan (UTF-8, not empty); at most max_document_bytes")
    lang: Annotated[str, StringConstraints(max_length=16)] | None = None
    url: SourceUrl | None = Field(
        default=None,
        description=(
            "where the text was published (http/https, at most 2,048 characters): the organisations "
            "detector attributes a text published on a designated organisation's official domain to "
            "it. Stored with the document as meta.url"
        ),
    )
    meta: dict[str, Any] = Field(default_factory=dict, description="opaque metadata stored with the document")
    jurisdictions: list[Jurisdiction] | None = Field(
        default=None, min_length=1, max_length=32, description="default: the service's TVEC_JURISDICTIONS"
    )


class ScanBatch(Request):
    """Up to max_batch_documents documents, scanned and stored in one transaction."""

    documents: list[ScanDocument] = Field(min_length=1)
    jurisdictions: list[Jurisdiction] | None = Field(
        default=None, min_length=1, max_length=32, description="for documents that do not name their own"
    )


class NoteBody(Request):
    note: Note = ""


class DecideBody(Request):
    action: ReviewAction
    reason_code: ReasonCode
    note: Note = ""
    expected_version: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="the case version the reviewer saw; a case changed since then is a 409",
    )


class AppealBody(Request):
    appellant: Annotated[str, StringConstraints(min_length=1, max_length=256)] = Field(
        description="who appeals (the platform's user reference)"
    )
    statement: Annotated[str, StringConstraints(max_length=20_000)] = ""


class AppealDecisionBody(Request):
    outcome: Literal["upheld", "overturned"]
    reason_code: ReasonCode
    note: Note = ""
    action: ReviewAction | None = Field(
        default=None,
        description="overturned: the new action (default: allow for a restriction, remove for an allow)",
    )


class RemovalOrderBody(Request):
    client_id: ClientId = Field(description="the id the content was scanned under")
    authority: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    reference: Annotated[str, StringConstraints(min_length=1, max_length=256)]
    member_state: MemberState = Field(
        description="ISO 3166-1 alpha-2 code of the issuing EU member state (EL is read as GR)"
    )
    received_at: Annotated[Timestamp, AfterValidator(_order_receipt)] = Field(
        description="when the order was received (the 1 h deadline runs from it): not before "
        "2022-06-07 (when the TCO Regulation began to apply) nor in the future"
    )


class WebhookBody(Request):
    url: AnyHttpUrl
    events: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        default_factory=list, max_length=32, description="event types to receive; empty: all"
    )


class AccountBody(Request):
    name: Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9._@-]+$")]
    role: Role
    password: Annotated[str, StringConstraints(min_length=8, max_length=256)] | None = Field(
        default=None, description="for console login; omit for an API-only account"
    )


# ---- responses ------------------------------------------------------------------------------


class Response(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CaseRef(Response):
    id: int
    jurisdiction: str
    status: str
    queue: str


class ScanOutcome(Response):
    id: str = Field(description="the client id")
    document_id: int
    created: bool = Field(description="false: this id was submitted before and this is the stored result")
    action: str = Field(description="the most severe action over the jurisdictions")
    sha256: str
    received_at: dt.datetime
    decisions: dict[str, dict[str, Any]]
    signals: list[dict[str, Any]]
    errors: list[str] = Field(default_factory=list)
    cases: list[CaseRef]
    purged: bool = False


class ScanBatchOutcome(Response):
    results: list[ScanOutcome]


class DecisionOut(Response):
    id: int
    document_id: int
    case_id: int | None
    jurisdiction: str
    action: str
    categories: list[Any]
    reason_code: str | None
    rule: str | None
    rationale: str
    note: str
    kind: str
    automated_detection: bool
    automated_decision: bool
    decided_by: int | None
    decided_at: dt.datetime
    policy_version: str
    supersedes_id: int | None


class AppealOut(Response):
    id: int
    case_id: int
    appealed_decision_id: int
    appellant: str
    statement: str
    filed_at: dt.datetime
    status: str
    decided_by: int | None
    decided_at: dt.datetime | None
    outcome_decision_id: int | None


class CaseOut(Response):
    id: int
    document_id: int
    client_id: str
    jurisdiction: str
    queue: str
    status: str
    severity: int
    categories: list[Any]
    proposed_action: str
    rule: str | None
    deadline_at: dt.datetime | None
    claimed_by: int | None
    claim_expires_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    overdue: bool
    near_due: bool


class AuditOut(Response):
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str


class DocumentOut(Response):
    id: int
    client_id: str
    text: str | None = Field(description="null once retention has purged it")
    sha256: str
    size_bytes: int
    lang: str | None
    meta: dict[str, Any]
    received_at: dt.datetime
    action: str
    scan: dict[str, Any]
    retain_until: dt.datetime | None
    purged_at: dt.datetime | None


class CaseDetail(CaseOut):
    document: DocumentOut
    decisions: list[DecisionOut]
    appeals: list[AppealOut]
    history: list[AuditOut]


class CaseList(Response):
    cases: list[CaseOut]
    limit: int
    offset: int


class RemovalOrderOut(Response):
    id: int
    document_id: int
    case_id: int | None
    authority: str
    reference: str
    member_state: str
    received_at: dt.datetime
    deadline_at: dt.datetime
    recorded_by: int | None
    complied_at: dt.datetime | None


class WebhookOut(Response):
    id: int
    url: str
    events: list[Any]
    active: bool
    created_at: dt.datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="the signing secret; shown once")


class DeliveryOut(Response):
    id: int
    endpoint_id: int
    event_id: str
    event_type: str
    status: str
    attempts: int
    next_attempt_at: dt.datetime
    last_status_code: int | None
    last_error: str | None
    created_at: dt.datetime
    delivered_at: dt.datetime | None


class AuditList(Response):
    entries: list[AuditOut]


class AuditVerifyOut(Response):
    ok: bool
    entries: int
    first_bad_id: int | None
    problem: str | None
    head_hash: str = Field(description="hash of the newest entry: keep it elsewhere to detect truncation")


class AccountOut(Response):
    id: int
    name: str
    role: str
    created_at: dt.datetime
    disabled_at: dt.datetime | None


class ApiKeyOut(Response):
    id: int
    account_id: int
    prefix: str
    key: str = Field(description="the API key in clear; shown once, only its hash is stored")


class Health(Response):
    status: str
    checks: dict[str, bool] = Field(default_factory=dict)
