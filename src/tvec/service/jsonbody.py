"""Request bodies are read as strict JSON: UTF-8, no duplicate keys, no NaN or Infinity.

Python's ``json.loads`` (what FastAPI calls) is lenient where a legal record must not be: given
bytes it guesses UTF-16 or UTF-32, a repeated key silently keeps its last value (so
``{"text": "benign", "text": "..."}`` can be read differently by a proxy, a log and tvec), and
``NaN`` is not JSON at all (RFC 8259). Each is a ``400 bad_request`` here, as is a body that is
not JSON at all, with a message that says what is wrong and where.

Every ``/v1`` router is built with ``route_class=StrictJSONRoute`` (tests/test_service_api.py
checks that none is missed): FastAPI's documented way to give routes their own Request class.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value (RFC 8259 has no NaN or Infinity)")


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def parse_json_body(body: bytes) -> Any:
    """The JSON value of a request body; HTTPException(400) naming the problem otherwise."""
    if b"\x00" in body:  # never in UTF-8 JSON text (a NUL must be escaped): UTF-16 or UTF-32
        raise _bad("the body has NUL bytes: it looks like UTF-16 or UTF-32; send JSON as UTF-8 (RFC 8259)")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"the body is not UTF-8 (invalid byte at offset {exc.start}); send JSON as UTF-8") from None
    if text.startswith("\ufeff"):
        raise _bad("the body starts with a byte order mark; send JSON as UTF-8 without one")
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except _DuplicateKey as exc:
        raise _bad(f"duplicate key {exc.args[0]!r} in a JSON object: each key may appear once") from None
    except json.JSONDecodeError as exc:
        raise _bad(
            f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno} (character {exc.pos})"
        ) from None
    except (ValueError, RecursionError) as exc:  # NaN / Infinity; nesting deeper than Python's stack
        problem = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise _bad(f"the body is not valid JSON: {problem}") from None


class StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = parse_json_body(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """An APIRoute whose handler reads the body with :class:`StrictJSONRequest`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
