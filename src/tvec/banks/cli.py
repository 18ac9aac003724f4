"""``tvec bank``: manage the local bank of known content from the command line.

Every command takes ``--bank PATH`` (default: ``TVEC_BANK_PATH`` or ``<TVEC_HOME>/bank.sqlite``).
Errors of the TvecError family become one-line click errors (exit status 1), never tracebacks.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from tvec.banks.bank import Bank
from tvec.banks.entries import DEFAULT_LABEL, make_entry
from tvec.errors import BankError, TvecError
from tvec.settings import load_settings
from tvec.types import Category

_LABELS = click.Choice([c.value for c in Category])


def _bank_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--bank",
        "bank_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="bank file (default: TVEC_BANK_PATH or <TVEC_HOME>/bank.sqlite)",
    )(func)


def _open(bank_path: Path | None) -> Bank:
    return Bank(bank_path if bank_path is not None else load_settings().resolved_bank_path)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _handled(func: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _errors():
            return func(*args, **kwargs)

    return wrapper


@click.group(name="bank")
def bank() -> None:
    """Manage the bank of known content (exact and near-duplicate matching)."""


@bank.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--label", type=_LABELS, default=DEFAULT_LABEL, show_default=True, help="category of the content")
@click.option("--organisation", default=None, help="group or organisation the content is from")
@click.option("--source", default=None, help="where it was found (text or URL); default: the file name")
@click.option("--id", "entry_id", default=None, help="entry id (one file only); default: hash prefix")
@click.option("--skip-existing", is_flag=True, help="leave entries already in the bank as they are")
@_bank_option
@_handled
def add(
    files: tuple[Path, ...],
    label: str,
    organisation: str | None,
    source: str | None,
    entry_id: str | None,
    skip_existing: bool,
    bank_path: Path | None,
) -> None:
    """Add text files as entries (all or nothing)."""
    if entry_id is not None and len(files) > 1:
        raise click.UsageError("--id names one entry: give a single FILE")
    user = _user()
    the_bank = _open(bank_path)
    entries = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BankError(f"{path}: cannot read as UTF-8 text: {exc}") from exc
        entries.append(
            make_entry(
                text,
                the_bank.hasher,
                where=str(path),
                entry_id=entry_id,
                label=label,
                organisation=organisation,
                source=source if source is not None else str(path),
                added_by=user,
            )
        )
    added = the_bank.add(entries, skip_existing=skip_existing)
    click.echo(f"added {len(added)} entr{'y' if len(added) == 1 else 'ies'} to {the_bank.path}")
    for entry in entries:
        state = "added" if entry.id in added else "skipped (already in the bank)"
        click.echo(f"  {entry.id}  {len(entry.passages)} passage(s)  {state}")


@bank.command("list")
@click.option("--active", is_flag=True, help="hide removed entries")
@_bank_option
@_handled
def list_(active: bool, bank_path: Path | None) -> None:
    """Show the entries of the bank as a table."""
    the_bank = _open(bank_path)
    infos = the_bank.list_entries(include_removed=not active)
    if not infos:
        click.echo(f"{the_bank.path}: the bank is empty")
        return
    table = Table(title=str(the_bank.path))
    for column in ("id", "label", "organisation", "source", "added by", "added at", "passages", "text", "status"):
        table.add_column(column, overflow="fold")
    for info in infos:
        status = f"removed {info.removed_at} by {info.removed_by}" if info.removed_at else "active"
        table.add_row(
            info.id,
            info.label,
            info.organisation or "",
            info.source,
            info.added_by,
            info.added_at,
            str(info.passages),
            "yes" if info.has_text else "no",
            status,
        )
    Console(width=200).print(table)


@bank.command("remove")
@click.argument("entry_id")
@_bank_option
@_handled
def remove(entry_id: str, bank_path: Path | None) -> None:
    """Remove an entry (its signatures and text go; a tombstone stays in the list)."""
    the_bank = _open(bank_path)
    the_bank.remove(entry_id, removed_by=_user())
    click.echo(f"removed {entry_id} from {the_bank.path}")


@bank.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--signatures-only", is_flag=True, help="leave the text out: share hashes, not the content")
@_bank_option
@_handled
def export(out: Path, signatures_only: bool, bank_path: Path | None) -> None:
    """Write the live entries as JSONL."""
    the_bank = _open(bank_path)
    count = the_bank.export_jsonl(out, signatures_only=signatures_only)
    kind = "signatures only" if signatures_only else "with text where stored"
    click.echo(f"exported {count} entr{'y' if count == 1 else 'ies'} ({kind}) to {out}")


@bank.command("import")
@click.argument("source_file", metavar="IN.jsonl", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-existing", is_flag=True, help="leave entries already in the bank as they are")
@_bank_option
@_handled
def import_(source_file: Path, skip_existing: bool, bank_path: Path | None) -> None:
    """Import entries from JSONL, with or without text (all or nothing)."""
    the_bank = _open(bank_path)
    added = the_bank.import_jsonl(source_file, skip_existing=skip_existing, added_by=_user())
    click.echo(f"imported {len(added)} entr{'y' if len(added) == 1 else 'ies'} into {the_bank.path}")
