"""One error shape for every response the API sends: ``{"error": {"code", "message", "field"?}}``.

Clients (and the schemathesis run) rely on a single shape, so validation errors, auth failures,
workflow conflicts and crashes all go through here. TvecError subclasses are mapped by class
*name* along the exception's MRO, so the storage helpers' errors (NotFoundError, ConflictError,
PermissionDenied, InvalidTransition, ...) map correctly without this module importing them.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from tvec.errors import InputError, TvecError

log = logging.getLogger("tvec.service")

# most specific first: the first name found along type(exc).__mro__ wins
_STATUS_BY_ERROR_NAME: dict[str, tuple[int, str]] = {
    "IdempotencyConflict": (409, "idempotency_conflict"),
    "NotFoundError": (404, "not_found"),
    "PermissionDenied": (403, "forbidden"),
    "InvalidTransition": (409, "invalid_transition"),
    "ConflictError": (409, "conflict"),
    "WorkflowError": (422, "workflow_error"),
    "WebhookSignatureError": (400, "bad_signature"),
    "InputError": (422, "invalid_input"),
    "PolicyError": (500, "policy_error"),
    "ConfigurationError": (500, "configuration_error"),  # the server's settings, not the request
    "NoStatementRequired": (409, "no_statement_required"),  # the decision restricts nothing
    "SorError": (500, "statement_invalid"),
    "TvecError": (422, "invalid_request"),
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorResponse(BaseModel):
    """Every non-2xx response of the API has this shape."""

    error: ErrorBody


def error_response(
    status: int, code: str, message: str, field: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if field is not None:
        body["field"] = field
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def status_for(exc: TvecError) -> tuple[int, str]:
    for klass in type(exc).__mro__:
        if klass.__name__ in _STATUS_BY_ERROR_NAME:
            return _STATUS_BY_ERROR_NAME[klass.__name__]
    return 422, "invalid_request"


class FieldError(TvecError):
    """A request value that passed the schema but is wrong (unknown jurisdiction, bad range):
    reported as 422 naming the field, like a schema validation error."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}")


def _field_of(exc: TvecError) -> str | None:
    if isinstance(exc, FieldError):
        return exc.field
    field = getattr(exc, "field", None)
    if isinstance(field, str):
        return field
    if isinstance(exc, InputError) and exc.location:
        return exc.location
    return None


_UNION_TAGS = frozenset({"single", "batch"})  # the tags of the POST /v1/scan body (routes_scan)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "documents", 0, "text")`` -> ``documents[0].text``: the name a client wrote."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    if parts and parts[0] in _UNION_TAGS:  # which shape of a body the client sent, not a field
        parts = parts[1:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or ".".join(str(p) for p in loc)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    field = _location(first.get("loc", ()))
    message = "; ".join(f"{_location(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in errors[:10])
    if len(errors) > 10:
        message += f" (and {len(errors) - 10} more)"
    return error_response(422, "validation_error", message, field=field)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _HTTP_CODES.get(exc.status_code, "error")
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    headers = dict(exc.headers) if exc.headers else None
    return error_response(exc.status_code, code, detail, headers=headers)


async def _tvec_error(request: Request, exc: TvecError) -> JSONResponse:
    status, code = status_for(exc)
    if status >= 500:
        log.error("request failed: %s", exc, exc_info=exc)
    return error_response(status, code, str(exc), field=_field_of(exc))


async def _database_error(request: Request, exc: DBAPIError) -> JSONResponse:
    """The database refused a value or a write that validation let through: never a bare 500.
    The request's transaction has been rolled back by ``Database.session()``."""
    if isinstance(exc, IntegrityError):
        return error_response(
            409, "conflict", "conflicts with stored data (a duplicate or a missing reference)"
        )
    if isinstance(exc, DataError):
        return error_response(
            422, "invalid_value", "a value cannot be stored as given (out of range or invalid)"
        )
    log.error("database error: %s", exc, exc_info=exc)
    if isinstance(exc, OperationalError):
        return error_response(
            503,
            "database_unavailable",
            "the database is busy or unreachable; retry shortly",
            headers={"Retry-After": "1"},
        )
    return error_response(500, "database_error", "database error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(DBAPIError, _database_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(TvecError, _tvec_error)  # type: ignore[arg-type]


COMMON_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "the body could not be parsed (e.g. not UTF-8)"},
    401: {"model": ErrorResponse, "description": "missing or unknown API key"},
    403: {"model": ErrorResponse, "description": "the key's role may not do this"},
    413: {"model": ErrorResponse, "description": "request body larger than max_request_bytes"},
    422: {"model": ErrorResponse, "description": "invalid request: the field is named"},
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of a route: the common ones plus ``statuses``."""
    descriptions = {
        404: "no such object",
        409: "conflicts with the current state",
        503: "the database is busy or unreachable",
    }
    out = dict(COMMON_ERROR_RESPONSES)
    for status in statuses:
        out[status] = {"model": ErrorResponse, "description": descriptions.get(status, "error")}
    return out
