"""``tvec audit verify``, ``tvec retention run`` and ``tvec db upgrade``: the operator's side of
the store. They read the database from TVEC_DATABASE_URL (default: SQLite under TVEC_HOME)."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from tvec.errors import TvecError
from tvec.settings import load_settings
from tvec.store.db import Database

EXIT_OK, EXIT_BROKEN = 0, 1


def _database(url: str | None) -> Database:
    settings = load_settings(**({"database_url": url} if url else {}))
    return Database.from_settings(settings)


_database_option = click.option(
    "--database", "database_url", help="SQLAlchemy URL (default: TVEC_DATABASE_URL, or SQLite under TVEC_HOME)"
)


@click.group()
def db() -> None:
    """The service database."""


@db.command("upgrade")
@_database_option
def db_upgrade(database_url: str | None) -> None:
    """Create the schema, or migrate it to the newest version (safe to run repeatedly)."""
    from tvec.store.migrate import current_revision

    try:
        database = _database(database_url)
        database.upgrade()
        click.echo(f"{database!r} is at revision {current_revision(database)}")
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
def audit() -> None:
    """The hash-chained audit log."""


@audit.command("verify")
@_database_option
@click.option("--expect-head", help="the head hash recorded earlier: also detects entries removed from the end")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def audit_verify(database_url: str | None, expect_head: str | None, as_json: bool) -> None:
    """Recompute the audit chain. Exit status 0: intact; 1: tampered (the first bad entry and
    what is wrong with it are printed)."""
    from tvec.store.audit import verify

    try:
        database = _database(database_url)
        database.upgrade()
        with database.session(readonly=True) as session:
            report = verify(session, expect_head=expect_head)
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    elif report.ok:
        click.echo(f"audit log intact: {report.entries} entries, head {report.head_hash}")
    else:
        click.echo(f"audit log BROKEN after {report.entries} entries checked: {report.problem}", err=True)
    sys.exit(EXIT_OK if report.ok else EXIT_BROKEN)


@click.group()
def retention() -> None:
    """Retention of stored content (TCO: six months after the decision)."""


@retention.command("run")
@_database_option
@click.option("--dry-run", is_flag=True, help="list what would be purged, change nothing")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def retention_run(database_url: str | None, dry_run: bool, as_json: bool) -> None:
    """Purge the text of documents whose retention period has ended (audited)."""
    from tvec.store.retention import run_retention

    try:
        settings = load_settings(**({"database_url": database_url} if database_url else {}))
        database = Database.from_settings(settings)
        database.upgrade()
        with database.session() as session:
            report = run_retention(session, dt.datetime.now(dt.UTC), settings, dry_run=dry_run)
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    verb = "would purge" if dry_run else "purged"
    click.echo(f"{verb} {len(report.purged)} document(s); {len(report.held)} past their date kept for open cases/orders")
