"""Unknown query parameters are refused, like unknown body fields.

``GET /v1/cases?jurisdicton=UK`` (a typo) must not quietly answer with the unfiltered queue.
What a route accepts is read from the app's own OpenAPI document, so the check can never
disagree with what is documented."""

from __future__ import annotations

from fastapi import FastAPI, Request

from tvec.service.errors import FieldError


def _documented_query_parameters(app: FastAPI) -> dict[tuple[str, str], frozenset[str]]:
    cached = getattr(app.state, "query_parameters", None)
    if cached is None:
        cached = {}
        for path, operations in app.openapi().get("paths", {}).items():
            for method, operation in operations.items():
                names = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
                cached[(method.upper(), path)] = frozenset(names)
        app.state.query_parameters = cached
    return cached


def reject_unknown_query_parameters(request: Request) -> None:
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    if path is None or not request.query_params:
        return
    allowed = _documented_query_parameters(request.app).get((request.method, path))
    if allowed is None:
        return
    for name in request.query_params:
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise FieldError(
                name or "(empty name)", f"unknown query parameter (this endpoint takes: {known})"
            )
