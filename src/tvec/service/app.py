"""The FastAPI application: ``create_app`` wires settings, database, the one Scanner, the
webhook dispatcher, the routes, the console and the middlewares together.

Everything lives on ``app.state`` (settings, db, scanner, metrics, dispatcher) - nothing at module
level - so a test, a bench and a server can each hold their own app in one process.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tvec.scanner import Scanner
from tvec.service.errors import install_error_handlers
from tvec.service.metrics import ServiceMetrics
from tvec.service.middleware import BodyLimitMiddleware, RequestContextMiddleware
from tvec.settings import TvecSettings, load_settings
from tvec.store.db import Database

API_DESCRIPTION = """\
Scan text for terrorist and violent-extremist content, review the cases the policy sends to a
human, and report what was decided.

Authenticate with `Authorization: Bearer <API key>`. Roles: **submitter** (scan, appeals),
**reviewer** (cases, decisions, statements of reasons), **admin** (everything, plus accounts,
keys, webhooks, removal orders, audit, reports). Every error has the shape
`{"error": {"code": ..., "message": ..., "field": ...}}`.
"""


def create_app(
    settings: TvecSettings | None = None,
    *,
    database: Database | None = None,
    scanner: Scanner | None = None,
    start_dispatcher: bool = True,
) -> FastAPI:
    """Build the service. The Scanner is built here, once (loading detectors is the expensive
    part); the schema migration and the webhook dispatcher run in the lifespan, i.e. when a
    server (or ``TestClient`` used as a context manager) starts the app."""
    settings = settings or load_settings()
    db = database or Database.from_settings(settings)
    scanner = scanner or Scanner(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db.upgrade()
        dispatcher = None
        if start_dispatcher:
            from tvec.outbound.webhooks import WebhookDispatcher

            dispatcher = WebhookDispatcher(db, settings)
            dispatcher.start()
        app.state.dispatcher = dispatcher
        try:
            yield
        finally:
            if dispatcher is not None:
                dispatcher.stop()
            app.state.dispatcher = None

    app = FastAPI(
        title="tvec",
        summary="terrorist and violent-extremist content: scan, review, report",
        description=API_DESCRIPTION,
        version=_version(),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.scanner = scanner
    app.state.metrics = ServiceMetrics(db)
    app.state.dispatcher = None

    install_error_handlers(app)
    _include_routes(app)
    _mount_console(app)
    # added last = outermost: the context middleware sees (and times, logs) the 413s too
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    return app


def _include_routes(app: FastAPI) -> None:
    from tvec.service import routes_admin, routes_cases, routes_health, routes_reports, routes_scan

    for module in (routes_health, routes_scan, routes_cases, routes_reports, routes_admin):
        app.include_router(module.router)


def _mount_console(app: FastAPI) -> None:
    """The review console (server-rendered pages under /console) when it is installed."""
    if importlib.util.find_spec("tvec.console.routes") is None:
        return
    from tvec.console.routes import mount_console

    mount_console(app)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tvec")
    except PackageNotFoundError:
        return "0"
