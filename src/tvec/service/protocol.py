"""The HTTP protocol ``tvec serve`` runs uvicorn with: uvicorn's own, except that a request the
HTTP parser refuses (``Content-Length: -1``, a broken request line, bad header bytes) is answered
in the API's one error shape instead of uvicorn's plain-text "Invalid HTTP request received.".

Such a request never reaches the app, so no exception handler or middleware can shape the
answer; only the protocol object that parsed it can."""

from __future__ import annotations

import json

from uvicorn.protocols.http.auto import AutoHTTPProtocol

MALFORMED_MESSAGE = "malformed HTTP request (request line, headers or framing); the connection is closed"


def malformed_request_response() -> bytes:
    """The complete 400 response (status line, headers, JSON body) for a request that could not
    be parsed. The connection closes after it: the parser's state is unknown from there on."""
    body = json.dumps({"error": {"code": "bad_request", "message": MALFORMED_MESSAGE}}).encode()
    head = (
        "HTTP/1.1 400 Bad Request\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class JSONErrorHTTPProtocol(AutoHTTPProtocol):  # type: ignore[misc,valid-type]
    """uvicorn's HTTP protocol (h11, or httptools when installed) with a JSON 400."""

    def send_400_response(self, msg: str) -> None:
        self.transport.write(malformed_request_response())
        self.transport.close()
