"""``tvec serve``: run the HTTP service (and the console) with uvicorn."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from fastapi import FastAPI

    from tvec.settings import TvecSettings

# how the parent passes its command-line choices to ``--workers`` processes (uvicorn starts
# them fresh, so they read everything from the environment, like the settings)
_WORKER_LOG_LEVEL = "TVEC_SERVE_LOG_LEVEL"
_WORKER_NO_DISPATCHER = "TVEC_SERVE_NO_DISPATCHER"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="interface to listen on")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port")
@click.option(
    "--demo",
    is_flag=True,
    help="scan the bundled demo corpus into a fresh database and create an "
    "admin account; prints the console URL and the credentials",
)
@click.option(
    "--demo-home",
    type=click.Path(path_type=Path),
    default=None,
    help="with --demo: keep the demo's bank and SQLite database here (default: a temporary folder)",
)
@click.option(
    "--log-level", default="info", show_default=True, type=click.Choice(["debug", "info", "warning", "error"])
)
@click.option("--no-dispatcher", is_flag=True, help="do not send webhooks from this process")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="server processes (one Scanner each); more than one uses more cores",
)
def serve(
    host: str,
    port: int,
    demo: bool,
    demo_home: Path | None,
    log_level: str,
    no_dispatcher: bool,
    workers: int,
) -> None:
    """Run the service: /v1 API (OpenAPI at /docs), /console, /healthz, /readyz, /metrics.

    Configuration comes from TVEC_* variables (TVEC_DATABASE_URL for PostgreSQL; SQLite in
    TVEC_HOME by default). The schema is migrated at start-up.
    """
    import uvicorn

    from tvec.cli import _settings
    from tvec.errors import TvecError
    from tvec.service.app import create_app
    from tvec.service.logging import configure_logging
    from tvec.store.db import Database

    configure_logging(log_level.upper())
    settings = _settings()
    with tempfile.TemporaryDirectory(prefix="tvec-serve-demo-") as scratch:
        try:
            if demo:
                from tvec.service import demo_bootstrap as boot

                home = demo_home or Path(scratch)
                home.mkdir(parents=True, exist_ok=True)
                settings = boot.demo_settings(settings, home)
                boot.seed_demo_bank(settings, added_by="tvec serve --demo")
            db = Database.from_settings(settings)
            # with --workers, each worker builds its own app; this process only needs one for --demo
            app = (
                create_app(settings, database=db, start_dispatcher=not no_dispatcher)
                if demo or workers == 1
                else None
            )
            db.upgrade()  # here, once, before any worker (or the demo's scans) needs the tables
            if demo:
                seeded = boot.scan_demo_corpus(db, app.state.scanner, settings)
                admin = boot.create_demo_admin(db)
        except TvecError as exc:
            raise click.UsageError(str(exc)) from exc
        base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
        if demo:
            click.echo(
                f"tvec demo: {seeded.documents} documents scanned, {seeded.flagged} flagged "
                f"(database {db!r})\n"
                f"  console:  {base}/console\n"
                f"  API docs: {base}/docs\n"
                f"  username: {admin.name}\n"
                f"  password: {admin.password}\n"
                f"  API key:  {admin.api_key}\n"
                f"  try: curl -H 'Authorization: Bearer {admin.api_key}' {base}/v1/cases",
                err=True,
            )
        else:
            click.echo(f"tvec serving on {base} (console {base}/console, API docs {base}/docs)", err=True)
        if workers == 1:
            freeze_startup_heap()
            uvicorn.run(app, host=host, port=port, **uvicorn_options(log_level))
            return
        _export_for_workers(settings, demo=demo, log_level=log_level, no_dispatcher=no_dispatcher)
        _run_workers(host, port, workers, log_level)


def uvicorn_options(log_level: str) -> dict[str, Any]:
    """What every uvicorn that serves tvec is started with (one process or ``--workers``): our
    JSON log lines instead of uvicorn's, and its HTTP protocol with the API's error shape for
    requests it cannot parse (:mod:`tvec.service.protocol`)."""
    from tvec.service.protocol import JSONErrorHTTPProtocol

    return {"log_config": None, "access_log": False, "log_level": log_level, "http": JSONErrorHTTPProtocol}


def freeze_startup_heap() -> None:
    """Move everything loaded at start-up (the detectors' models and tables: ~150,000 objects)
    out of the garbage collector's sight. Otherwise every full collection walks all of it - about
    50 ms with the GIL held, during which no request of this process moves - and the requests'
    own short-lived objects trigger one every few seconds under load. What start-up loaded lives
    as long as the process anyway; later objects are collected as before."""
    import gc

    gc.collect()
    gc.freeze()


def _run_workers(host: str, port: int, workers: int, log_level: str) -> None:
    """uvicorn's own ``workers=N`` binds a socket without a protocol number, so asyncio does not
    set TCP_NODELAY on the connections it accepts and every response waits ~40 ms for a delayed
    ACK (measured: /healthz p50 44 ms instead of 1 ms). Binding the socket here as TCP fixes it."""
    import socket

    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    config = Config(
        "tvec.service.serve:worker_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        **uvicorn_options(log_level),
    )
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from exc
    Multiprocess(config, sockets=[sock]).run()


def _export_for_workers(settings: TvecSettings, *, demo: bool, log_level: str, no_dispatcher: bool) -> None:
    """Worker processes build their settings from the environment: put there what ``--demo``
    changed (its home, bank, detectors, jurisdictions) and this command's own options."""
    if demo:
        os.environ["TVEC_HOME"] = str(settings.home)
        os.environ["TVEC_BANK_PATH"] = str(settings.resolved_bank_path)
        os.environ["TVEC_DETECTORS"] = ",".join(settings.detectors)
        os.environ["TVEC_JURISDICTIONS"] = ",".join(settings.jurisdictions)
        os.environ.pop("TVEC_POLICY_PATH", None)
    os.environ[_WORKER_LOG_LEVEL] = log_level.upper()
    os.environ[_WORKER_NO_DISPATCHER] = "1" if no_dispatcher else ""


def worker_app() -> FastAPI:
    """The app of one ``--workers`` process (uvicorn calls this factory in each of them)."""
    from tvec.service.app import create_app
    from tvec.service.logging import configure_logging
    from tvec.settings import load_settings

    configure_logging(os.environ.get(_WORKER_LOG_LEVEL, "INFO"))
    app = create_app(load_settings(), start_dispatcher=not os.environ.get(_WORKER_NO_DISPATCHER))
    freeze_startup_heap()
    return app
