"""``tvec webhooks``, ``tvec sor export`` and ``tvec report transparency``: the outbound side
for operators. The database comes from TVEC_DATABASE_URL (default: SQLite under TVEC_HOME) or
``--database``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from tvec.atomic import atomic_write
from tvec.errors import TvecError
from tvec.settings import TvecSettings, load_settings

_database_option = click.option(
    "--database", "database_url", help="SQLAlchemy URL (default: TVEC_DATABASE_URL, or SQLite under TVEC_HOME)"
)


def _settings(database_url: str | None) -> TvecSettings:
    try:
        return load_settings(**({"database_url": database_url} if database_url else {}))
    except TvecError as exc:
        raise click.UsageError(str(exc)) from exc


def _database(settings: TvecSettings) -> Any:
    from tvec.store.db import Database

    database = Database.from_settings(settings)
    database.upgrade()  # idempotent; a fresh database gets its schema
    return database


def _when(value: str | None, name: str, *, default: dt.datetime | None = None) -> dt.datetime:
    """A day (YYYY-MM-DD, midnight UTC) or an ISO 8601 time; a time without a zone is UTC."""
    if value is None:
        if default is None:
            raise click.BadParameter("is required", param_hint=name)
        return default
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD) or an ISO 8601 time", param_hint=name) from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def _fail(exc: TvecError) -> click.ClickException:
    return click.ClickException(str(exc))


@contextmanager
def _atomic_output(path: str):  # type: ignore[no-untyped-def]
    """Write to a temporary file next to ``path`` and rename it into place at the end, so a
    failure half-way never leaves a truncated export behind. ``-`` is standard output."""
    if path == "-":
        yield sys.stdout
        return
    with atomic_write(Path(path)) as stream:
        yield stream


# --------------------------------------------------------------------------- webhooks


@click.group()
def webhooks() -> None:
    """Signed webhooks to the platform: endpoints, the delivery log, delivery passes."""


@webhooks.command("add")
@click.argument("url")
@click.option("--event", "events", multiple=True,
              help="event to send, repeatable: 'decision.created', a prefix 'decision.*' (default: every event)")
@_database_option
def webhooks_add(url: str, events: tuple[str, ...], database_url: str | None) -> None:
    """Register URL; prints its signing secret, which is shown only this once."""
    from tvec.outbound.webhooks import add_endpoint

    try:
        settings = _settings(database_url)
        database = _database(settings)
        with database.session() as session:
            endpoint, secret = add_endpoint(session, url, events, actor="system:cli", settings=settings)
            endpoint_id, subscribed = endpoint.id, list(endpoint.events)
    except TvecError as exc:
        raise _fail(exc) from exc
    click.echo(f"endpoint {endpoint_id}: {url}")
    click.echo(f"events:  {', '.join(subscribed) or 'every event'}")
    click.echo(f"secret:  {secret}")
    click.echo("Keep the secret: receivers verify X-Tvec-Signature with it (see docs/outbound.md).", err=True)


@webhooks.command("list")
@click.option("--deliveries", "show", type=click.IntRange(min=0), default=0,
              help="also list the N most recent deliveries")
@click.option("--status", type=click.Choice(["pending", "sending", "delivered", "failed"]),
              help="only deliveries in this status (with --deliveries)")
@click.option("--json", "as_json", is_flag=True, help="print JSON")
@_database_option
def webhooks_list(show: int, status: str | None, as_json: bool, database_url: str | None) -> None:
    """Endpoints (never their secrets) with delivery counts, and the delivery log."""
    from sqlalchemy import select

    from tvec.outbound.webhooks import delivery_counts
    from tvec.store.models import WebhookDelivery, WebhookEndpoint

    try:
        database = _database(_settings(database_url))
        with database.session(readonly=True) as session:
            counts = delivery_counts(session)
            endpoints = [
                {"id": e.id, "url": e.url, "events": list(e.events or []), "active": e.active,
                 "created_at": e.created_at.isoformat(), "deliveries": counts.get(e.id, {})}
                for e in session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id))
            ]
            query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(show)
            if status:
                query = query.where(WebhookDelivery.status == status)
            deliveries = [
                {"id": d.id, "endpoint_id": d.endpoint_id, "event_id": d.event_id, "event_type": d.event_type,
                 "status": d.status, "attempts": d.attempts, "last_status_code": d.last_status_code,
                 "last_error": d.last_error, "next_attempt_at": d.next_attempt_at.isoformat(),
                 "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None}
                for d in (session.scalars(query) if show else [])
            ]
    except TvecError as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps({"endpoints": endpoints, "deliveries": deliveries}, indent=2))
        return
    if not endpoints:
        click.echo("no webhook endpoints (add one with `tvec webhooks add URL`)")
    for e in endpoints:
        tally = ", ".join(f"{n} {s}" for s, n in sorted(e["deliveries"].items())) or "no deliveries"
        state = "" if e["active"] else " [inactive]"
        click.echo(f"{e['id']:>4}  {e['url']}{state}  events: {', '.join(e['events']) or 'all'}  ({tally})")
    for d in deliveries:
        code = d["last_status_code"] if d["last_status_code"] is not None else "-"
        error = f"  {d['last_error']}" if d["last_error"] else ""
        click.echo(f"  delivery {d['id']:>5} -> endpoint {d['endpoint_id']}  {d['event_type']}  {d['status']}  "
                   f"attempts {d['attempts']}  last {code}{error}")


@webhooks.command("deliver")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True,
              help="deliveries to attempt in this pass")
@_database_option
def webhooks_deliver(limit: int, database_url: str | None) -> None:
    """One delivery pass: send every due delivery once (the service's dispatcher does this
    every second; this is for cron-style deployments and for trying a fixed endpoint now).
    Safe to run beside a running service: each delivery is claimed before it is sent."""

    from tvec.outbound.webhooks import deliver_due_results, webhook_client
    from tvec.store.models import utcnow

    settings = _settings(database_url)
    try:
        database = _database(settings)
        with webhook_client(settings) as client:
            results = deliver_due_results(database, client, utcnow(), settings, limit=limit)
    except TvecError as exc:
        raise _fail(exc) from exc
    for r in results:
        code = r.status_code if r.status_code is not None else "-"
        click.echo(f"delivery {r.delivery_id}: {r.status} (HTTP {code}){'  ' + r.error if r.error else ''}")
    tally: dict[str, int] = {}
    for r in results:
        tally[r.status] = tally.get(r.status, 0) + 1
    summary = ", ".join(f"{n} {s}" for s, n in sorted(tally.items()))
    click.echo(f"{len(results)} attempt(s){': ' + summary if summary else ''}", err=True)


@webhooks.command("retry")
@click.argument("delivery_id", type=int)
@_database_option
def webhooks_retry(delivery_id: int, database_url: str | None) -> None:
    """Put a failed delivery back in the queue with a fresh attempt budget."""
    from tvec.outbound.webhooks import retry_now

    try:
        database = _database(_settings(database_url))
        with database.session() as session:
            retry_now(session, delivery_id, actor="system:cli")
    except TvecError as exc:
        raise _fail(exc) from exc
    click.echo(f"delivery {delivery_id} is pending again")


@webhooks.command("disable")
@click.argument("endpoint_id", type=int)
@click.option("--enable", is_flag=True, help="switch it back on instead")
@_database_option
def webhooks_disable(endpoint_id: int, enable: bool, database_url: str | None) -> None:
    """Stop (or resume) sending to an endpoint; its undelivered events wait."""
    from tvec.outbound.webhooks import set_endpoint_active

    try:
        database = _database(_settings(database_url))
        with database.session() as session:
            set_endpoint_active(session, endpoint_id, enable, actor="system:cli")
    except TvecError as exc:
        raise _fail(exc) from exc
    click.echo(f"endpoint {endpoint_id} {'enabled' if enable else 'disabled'}")


# --------------------------------------------------------------------------- statements of reasons


@click.group()
def sor() -> None:
    """EU DSA statements of reasons, in the Commission's Transparency Database format."""


@sor.command("export")
@click.option("--since", required=True, help="first day (YYYY-MM-DD) or time (ISO 8601, UTC if no zone)")
@click.option("--until", help="end, exclusive (default: now)")
@click.option("--output", "-o", default="-", show_default=True, help="JSONL file, one statement a line")
@click.option("--platform-name", help="the platform's name in each puid (default: TVEC_PLATFORM_NAME)")
@_database_option
def sor_export(since: str, until: str | None, output: str, platform_name: str | None,
               database_url: str | None) -> None:
    """Statements for every restricting decision taken in the period, each validated against
    the Transparency Database's rules. Decisions that need none (allow, review, outside the EU)
    are counted on stderr. An invalid statement stops the export and nothing is written."""
    from tvec.outbound.sor import export_statements, reason_descriptions
    from tvec.policy.loader import load_policy
    from tvec.store.models import utcnow

    settings = _settings(database_url)
    start = _when(since, "--since")
    end = _when(until, "--until", default=utcnow())
    try:
        reasons = reason_descriptions(load_policy(settings.policy_path))
        database = _database(settings)
        with database.session(readonly=True) as session:
            exported = export_statements(session, since=start, until=end,
                                         platform_name=platform_name or settings.platform_name,
                                         terms_ground=settings.terms_ground, reasons=reasons)
        with _atomic_output(output) as stream:
            for statement in exported.statements:
                stream.write(json.dumps(statement, ensure_ascii=False, sort_keys=True) + "\n")
    except TvecError as exc:
        raise _fail(exc) from exc
    skipped = ", ".join(f"{reason}: {n}" for reason, n in sorted(exported.skipped.items()))
    where = "" if output == "-" else f" to {output}"
    click.echo(f"{len(exported.statements)} statement(s){where}; no statement needed for "
               f"{sum(exported.skipped.values())} decision(s){' (' + skipped + ')' if skipped else ''}", err=True)


# --------------------------------------------------------------------------- reports


@click.group()
def report() -> None:
    """Reports for regulators and the public."""


@report.command("transparency")
@click.option("--since", required=True, help="first day (YYYY-MM-DD) or time (ISO 8601, UTC if no zone)")
@click.option("--until", help="end, exclusive (default: now)")
@click.option("--output", "-o", default="-", show_default=True, help="the report as JSON")
@click.option("--html", "html_path", help="also write the report as a self-contained HTML page with charts")
@_database_option
def report_transparency(since: str, until: str | None, output: str, html_path: str | None,
                        database_url: str | None) -> None:
    """Counts by category, action, jurisdiction and automation, median time to action,
    removal orders, appeals and the reversal rate, for decisions in the period."""
    from tvec.outbound.transparency import transparency_html, transparency_report
    from tvec.store.models import utcnow

    settings = _settings(database_url)
    start = _when(since, "--since")
    end = _when(until, "--until", default=utcnow())
    try:
        database = _database(settings)
        with database.session(readonly=True) as session:
            data = transparency_report(session, start=start, end=end)
    except TvecError as exc:
        raise _fail(exc) from exc
    writers: list[tuple[str, Callable[[IO[str]], Any]]] = [
        (output, lambda stream: stream.write(json.dumps(data, indent=2) + "\n"))]
    if html_path:
        writers.append((html_path, lambda stream: stream.write(transparency_html(data))))
    for path, write in writers:
        with _atomic_output(path) as stream:
            write(stream)
    if html_path:
        click.echo(f"wrote {html_path}", err=True)


COMMANDS = (webhooks, sor, report)
