"""The two ASGI middlewares around every request.

``RequestContextMiddleware`` (outermost): gives the request an id, times it, writes the one
structured log line and the metrics, and turns a crash into the API's JSON 500 (the database
session of the failed request has already rolled back by then).

``BodyLimitMiddleware``: enforces ``max_request_bytes`` while the body streams in, so a client
that lies in (or omits) ``Content-Length`` still cannot make the service buffer more than the
limit. The counted body is then replayed to the app unchanged.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tvec.service.logging import log_request
from tvec.service.metrics import ServiceMetrics

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
log = logging.getLogger("tvec.service")


def _json_error(
    status: int, code: str, message: str, request_id: str | None = None
) -> tuple[Message, Message]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if request_id:
        headers.append((b"x-request-id", request_id.encode()))
    return (
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": body},
    )


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = supplied if _REQUEST_ID.match(supplied) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        status_holder: dict[str, Any] = {"status": 500, "started": False}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        started = time.perf_counter()
        failure: BaseException | None = None
        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001 - the JSON 500; details go to the log, not to the client
            failure = exc
            if not status_holder["started"]:
                start, body = _json_error(
                    500, "internal_error", f"internal error; quote request id {request_id}", request_id
                )
                await send(start)
                await send(body)
            status_holder["status"] = 500
        elapsed = time.perf_counter() - started
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        state = scope.get("state", {})
        fields: dict[str, Any] = {
            "request_id": request_id,
            "method": scope.get("method"),
            "path": scope.get("path"),
            "route": route,
            "status": status_holder["status"],
            "duration_ms": round(elapsed * 1000, 2),
            "client": (scope.get("client") or ("", 0))[0],
        }
        if state.get("account"):
            fields["account"] = state["account"]
        if failure is not None:
            fields["error"] = repr(failure)
            log.error("unhandled error in %s %s", scope.get("method"), scope.get("path"), exc_info=failure)
        log_request(fields)
        self.metrics.observe_request(str(scope.get("method")), route, int(status_holder["status"]), elapsed)


class BodyLimitMiddleware:
    _WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in self._WITH_BODY:
            await self.app(scope, receive, send)
            return
        request_id = scope.get("state", {}).get("request_id")
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(send, request_id)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(send, request_id)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Send, request_id: str | None) -> None:
        start, body = _json_error(
            413,
            "payload_too_large",
            f"request body larger than {self.max_bytes} bytes (max_request_bytes)",
        )
        start["headers"].append((b"connection", b"close"))
        await send(start)
        await send(body)
