"""Liveness, readiness and Prometheus metrics: for the orchestrator and the scraper, so they
take no API key (they reveal no content: counts and latencies only)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from tvec.service.jsonbody import StrictJSONRoute
from tvec.service.schemas import Health

router = APIRouter(tags=["operations"], route_class=StrictJSONRoute)


@router.get("/healthz", response_model=Health, summary="liveness: the process answers")
def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    summary="readiness: the database answers and the scanner is loaded",
    responses={503: {"model": Health, "description": "not ready; `checks` says what is missing"}},
)
def readyz(request: Request) -> JSONResponse:
    checks = {
        "database": bool(request.app.state.db.ping()),
        "scanner": request.app.state.scanner is not None,
    }
    ready = all(checks.values())
    body = Health(status="ready" if ready else "not ready", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}, "description": "text exposition"}
    },
)
def metrics(request: Request) -> Response:
    from prometheus_client import CONTENT_TYPE_LATEST

    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE_LATEST)
