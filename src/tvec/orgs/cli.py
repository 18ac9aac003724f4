"""``tvec orgs``: look up which designations a name matches, where and since when."""

from __future__ import annotations

import datetime as dt
import sys

import click
from rich.table import Table

from tvec.orgs.catalogue import Catalogue
from tvec.orgs.matcher import OrganisationMatcher
from tvec.render import make_console


@click.group()
def orgs() -> None:
    """The designation catalogue shipped with tvec (UK, US, EU, UN, IN, PK lists)."""


@orgs.command()
@click.argument("name")
@click.option("--as-of", "as_of", help="show whether each designation was in force on this date (YYYY-MM-DD)")
def search(name: str, as_of: str | None) -> None:
    """Show which designations NAME matches (any script, any spelling tvec folds), in which
    jurisdictions, since when. Exit status 1 when nothing matches."""
    try:
        on = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError:
        raise click.BadParameter(f"{as_of!r} is not a date (YYYY-MM-DD)", param_hint="--as-of") from None
    catalogue = Catalogue.load()
    matcher = OrganisationMatcher(catalogue)
    hits: dict[str, set[str]] = {}
    for info in matcher.lookup(name):
        if info.attribution:
            continue
        hits.setdefault(info.organisation_key, set()).add(info.name)
    console = make_console()
    if not hits:
        console.print(f"no designated organisation matches {name!r}")
        sys.exit(1)
    table = Table(title=f"designations matching {name!r} (in force as of {on.isoformat()})", show_lines=True)
    for column in ("organisation", "list", "listed", "status", "in force", "matched names", "verification", "source"):
        table.add_column(column, overflow="fold")
    background = False
    for key in sorted(hits, key=catalogue.display_name):
        for row in catalogue.designations_naming(key, sorted(hits[key])):
            background |= row.verification == "background"
            status = row.status + (f" ({row.date_revoked})" if row.date_revoked else "")
            table.add_row(
                catalogue.display_name(key),
                f"{row.list}: {row.list_name}",
                row.date_listed_note or "unknown",
                status,
                "yes" if row.in_force(on) else "no",
                ", ".join(sorted(hits[key]))[:120],
                row.verification,
                row.source[:160],
            )
    console.print(table)
    if background:
        console.print("[yellow]rows marked 'background' are unverified general knowledge: check the official list.[/]")


@orgs.command(name="list")
@click.option("--list", "list_code", help="only this list (UK, US, EU, UN, IN, PK)")
def list_designations(list_code: str | None) -> None:
    """List the designations tvec knows, with their status and verification."""
    catalogue = Catalogue.load()
    table = Table(show_lines=False)
    for column in ("list", "canonical name", "listed", "status", "verification"):
        table.add_column(column, overflow="fold")
    rows = [r for r in catalogue.designations if list_code is None or r.list == list_code.upper()]
    for row in rows:
        table.add_row(row.list, row.canonical_name, row.date_listed_note, row.status, row.verification)
    make_console().print(table)
    click.echo(f"{len(rows)} designation(s)", err=True)
