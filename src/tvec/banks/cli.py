"""``tvec bank``: manage the local bank file and the named banks in it from the command line.

Every command takes ``--file PATH`` (default: ``TVEC_BANK_PATH`` or ``<TVEC_HOME>/bank.sqlite``);
commands about entries take ``--bank NAME`` to choose one of the named banks in the file
(default: ``default``). Errors of the TvecError family become one-line click errors (exit status
1), never tracebacks.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from tvec.banks.bank import Bank
from tvec.banks.entries import DEFAULT_BANK, DEFAULT_LABEL, make_entry
from tvec.banks.pytx import CSV_HEADER, read_pytx
from tvec.banks.semantic import paraphrase_status
from tvec.banks.store import BankInfo
from tvec.errors import BankError, TvecError
from tvec.settings import load_settings
from tvec.types import Category

_LABELS = click.Choice([c.value for c in Category])


def _file_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--file",
        "bank_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="bank file (default: TVEC_BANK_PATH or <TVEC_HOME>/bank.sqlite)",
    )(func)


def _bank_name_option(default: str | None = DEFAULT_BANK, help_text: str = "named bank in the file") -> Callable[..., Any]:
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        return click.option(
            "--bank", "bank_name", default=default, show_default=default is not None, help=help_text
        )(func)

    return decorate


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


def _plural(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


@click.group(name="bank")
def bank() -> None:
    """Manage the banks of known content (exact, near-duplicate, TLSH and paraphrase matching)."""


# -- named banks --------------------------------------------------------------------------------


@bank.command("create")
@click.argument("name")
@click.option("--negative", is_flag=True, help="known-legitimate text: its matches suppress positive matches")
@click.option("--label", type=_LABELS, default=None, help="default label of entries added to this bank")
@click.option("--organisation", default=None, help="default organisation of entries added to this bank")
@click.option("--source", default=None, help="default source of entries added to this bank")
@click.option("--ramp", type=float, default=1.0, show_default=True, help="fraction of documents matched (0..1)")
@click.option("--disabled", is_flag=True, help="create it disabled (enable it with tvec bank enable)")
@_file_option
@_handled
def create(
    name: str,
    negative: bool,
    label: str | None,
    organisation: str | None,
    source: str | None,
    ramp: float,
    disabled: bool,
    bank_path: Path | None,
) -> None:
    """Create a named bank in the file."""
    the_bank = _open(bank_path)
    info = the_bank.create_bank(
        BankInfo(
            name=name,
            kind="negative" if negative else "positive",
            enabled=not disabled,
            ramp=ramp,
            default_source=source,
            default_organisation=organisation,
            default_label=label,
            created_by=_user(),
        )
    )
    click.echo(f"created {info.kind} bank {info.name!r} in {the_bank.path}")


@bank.command("enable")
@click.argument("name")
@_file_option
@_handled
def enable(name: str, bank_path: Path | None) -> None:
    """Enable a bank: its entries match again."""
    info = _open(bank_path).set_enabled(name, True)
    click.echo(f"bank {info.name!r} enabled")


@bank.command("disable")
@click.argument("name")
@_file_option
@_handled
def disable(name: str, bank_path: Path | None) -> None:
    """Disable a bank: its entries stay but never match."""
    info = _open(bank_path).set_enabled(name, False)
    click.echo(f"bank {info.name!r} disabled")


@bank.command("ramp")
@click.argument("name")
@click.argument("fraction", type=float)
@_file_option
@_handled
def ramp(name: str, fraction: float, bank_path: Path | None) -> None:
    """Match a bank against only FRACTION (0..1) of documents, the same ones every time."""
    info = _open(bank_path).set_ramp(name, fraction)
    click.echo(f"bank {info.name!r} ramped to {info.ramp:g} of documents")


@bank.command("status")
@_file_option
@_handled
def status(bank_path: Path | None) -> None:
    """Entries per bank, enabled/ramp, and the state of the matching index."""
    settings = load_settings()
    the_bank = _open(bank_path)
    if not the_bank.store.exists:
        click.echo(f"{the_bank.path}: no bank file yet (it is created by the first add, import or create)")
        return
    table = Table(title=str(the_bank.path))
    for column in ("bank", "kind", "enabled", "ramp", "entries", "passages", "tlsh", "with text", "snoozed",
                   "demoted", "removed"):
        table.add_column(column)
    for c in the_bank.counts(settings.bank_demote_after):
        table.add_row(
            c.bank.name, c.bank.kind, "yes" if c.bank.enabled else "no", f"{c.bank.ramp:g}", str(c.entries),
            str(c.passages), str(c.tlsh), str(c.with_text), str(c.snoozed), str(c.reported), str(c.removed),
        )
    console = Console(width=200)
    console.print(table)
    index_status = getattr(the_bank.index, "index_status", None)
    if callable(index_status):
        state = dict(index_status())
        state.pop("segments", None)  # one line per segment is more than a status needs
        click.echo("index: " + ", ".join(f"{k}={_human(k, v)}" for k, v in state.items()))
    else:
        click.echo(f"index: in memory, {len(the_bank.index)} passage(s) of {the_bank.index.entry_count} entries")
    click.echo(f"tlsh: {len(the_bank.tlsh)} digest(s), linear scan")
    paraphrases = paraphrase_status(the_bank.path)
    if paraphrases is None:
        click.echo("paraphrase: no embeddings (built on the first scan with TVEC_BANK_SEMANTIC=1)")
    else:
        click.echo("paraphrase: " + ", ".join(f"{k}={_human(k, v)}" for k, v in paraphrases.items()))
    click.echo(f"scheme: {the_bank.hasher.scheme}; demoted = at least {settings.bank_demote_after} "
               "false-positive report(s) (TVEC_BANK_DEMOTE_AFTER)")


def _human(key: str, value: object) -> str:
    if key.endswith("_bytes") and isinstance(value, int):
        return f"{value / 2**20:.1f} MiB"
    return str(value)


# -- entries ------------------------------------------------------------------------------------


@bank.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--label", type=_LABELS, default=None, help=f"category of the content (default: the bank's, else {DEFAULT_LABEL})")
@click.option("--organisation", default=None, help="group or organisation the content is from")
@click.option("--source", default=None, help="where it was found (text or URL); default: the bank's, else the file name")
@click.option("--id", "entry_id", default=None, help="entry id (one file only); default: hash prefix")
@click.option("--skip-existing", is_flag=True, help="leave entries already in the bank as they are")
@_bank_name_option()
@_file_option
@_handled
def add(
    files: tuple[Path, ...],
    label: str | None,
    organisation: str | None,
    source: str | None,
    entry_id: str | None,
    skip_existing: bool,
    bank_name: str,
    bank_path: Path | None,
) -> None:
    """Add text files as entries (all or nothing)."""
    if entry_id is not None and len(files) > 1:
        raise click.UsageError("--id names one entry: give a single FILE")
    user = _user()
    the_bank = _open(bank_path)
    info = the_bank.bank_info(bank_name)
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
                label=label or info.default_label or DEFAULT_LABEL,
                organisation=organisation or info.default_organisation,
                source=source if source is not None else (info.default_source or str(path)),
                added_by=user,
                bank=bank_name,
            )
        )
    added = the_bank.add(entries, skip_existing=skip_existing)
    click.echo(f"added {_plural(len(added))} to bank {bank_name!r} in {the_bank.path}")
    for entry in entries:
        state = "added" if entry.id in added else "skipped (already in the bank)"
        click.echo(f"  {entry.id}  {len(entry.passages)} passage(s)  {state}")


@bank.command("list")
@click.option("--active", is_flag=True, help="hide removed entries")
@_bank_name_option(None, "show only this named bank (default: all)")
@_file_option
@_handled
def list_(active: bool, bank_name: str | None, bank_path: Path | None) -> None:
    """Show the entries of the bank file as a table."""
    settings = load_settings()
    the_bank = _open(bank_path)
    infos = the_bank.list_entries(include_removed=not active, bank=bank_name)
    if not infos:
        click.echo(f"{the_bank.path}: the bank is empty")
        return
    table = Table(title=str(the_bank.path))
    for column in ("id", "bank", "label", "organisation", "source", "added by", "added at", "passages", "text",
                   "status"):
        table.add_column(column, overflow="fold")
    for info in infos:
        if info.removed_at:
            state = f"removed {info.removed_at} by {info.removed_by}"
        else:
            notes = ["active"]
            if info.snoozed_until:
                notes.append(f"snoozed until {info.snoozed_until}")
            if info.fp_reports:
                demoted = " (demoted)" if info.fp_reports >= settings.bank_demote_after else ""
                notes.append(f"{info.fp_reports} false-positive report(s){demoted}")
            state = "; ".join(notes)
        table.add_row(
            info.id,
            info.bank,
            info.label,
            info.organisation or "",
            info.source,
            info.added_by,
            info.added_at,
            "tlsh" if info.tlsh else str(info.passages),
            "yes" if info.has_text else "no",
            state,
        )
    Console(width=220).print(table)


@bank.command("remove")
@click.argument("entry_id")
@_bank_name_option(None, "refuse unless the entry is in this named bank (a guard against a wrong id)")
@_file_option
@_handled
def remove(entry_id: str, bank_name: str | None, bank_path: Path | None) -> None:
    """Remove an entry (its signatures and text go; a tombstone stays in the list)."""
    the_bank = _open(bank_path)
    if bank_name is not None:
        state = the_bank.entry_states([entry_id]).get(entry_id)
        if state is not None and state.bank.name != bank_name:
            raise BankError(f"{the_bank.path}: entry {entry_id!r} is in bank {state.bank.name!r}, not {bank_name!r}")
    the_bank.remove(entry_id, removed_by=_user())
    click.echo(f"removed {entry_id} from {the_bank.path}")


@bank.command("snooze")
@click.argument("entry_id")
@click.option("--until", "until", default=None, help="ISO 8601 date or date-time (UTC if no zone is given)")
@click.option("--wake", is_flag=True, help="end a snooze now")
@_file_option
@_handled
def snooze(entry_id: str, until: str | None, wake: bool, bank_path: Path | None) -> None:
    """Stop an entry matching until a date (or --wake it)."""
    if (until is None) == (not wake):
        raise click.UsageError("give --until DATE or --wake")
    value = _open(bank_path).snooze(entry_id, None if wake else until)
    click.echo(f"{entry_id} woken" if value is None else f"{entry_id} snoozed until {value}")


@bank.command("feedback")
@click.argument("entry_id")
@click.option("--false-positive", "false_positive", is_flag=True,
              help="the entry matched something it should not have (the only kind of feedback so far)")
@click.option("--by", "reported_by", required=True, help="who reports it (a reviewer)")
@click.option("--note", default="", help="why")
@_file_option
@_handled
def feedback(entry_id: str, false_positive: bool, reported_by: str, note: str, bank_path: Path | None) -> None:
    """Record a reviewer's false-positive report; enough reports demote the entry to review-only."""
    if not false_positive:
        raise click.UsageError("say what the feedback is: --false-positive")
    count = _open(bank_path).report_false_positive(entry_id, reported_by, note)
    threshold = load_settings().bank_demote_after
    state = "demoted: its matches now go to review" if count >= threshold else f"demoted at {threshold}"
    click.echo(f"{entry_id}: {count} false-positive report(s), {state}")


@bank.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--signatures-only", is_flag=True, help="leave the text out: share hashes, not the content")
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonl", "csv"]), default="auto", show_default=True,
              help="auto: csv for a .csv file name, else jsonl")
@_bank_name_option(None, "export only this named bank (default: all)")
@_file_option
@_handled
def export(out: Path, signatures_only: bool, fmt: str, bank_name: str | None, bank_path: Path | None) -> None:
    """Write the live entries as JSONL or CSV."""
    the_bank = _open(bank_path)
    if fmt == "csv" or (fmt == "auto" and out.suffix.lower() == ".csv"):
        count = the_bank.export_csv(out, signatures_only=signatures_only, bank=bank_name)
    else:
        count = the_bank.export_jsonl(out, signatures_only=signatures_only, bank=bank_name)
    kind = "signatures only" if signatures_only else "with text where stored"
    click.echo(f"exported {_plural(count)} ({kind}) to {out}")


def _import_format(path: Path) -> str:
    if path.suffix.lower() in (".te", ".txt"):
        return "pytx"
    if path.suffix.lower() == ".csv":
        try:
            with path.open(encoding="utf-8-sig") as fh:
                first = fh.readline()
        except (OSError, UnicodeDecodeError) as exc:
            raise BankError(f"{path}: cannot read: {exc}") from exc
        return "pytx" if first.strip().split(",")[:2] == list(CSV_HEADER[:2]) else "csv"
    return "jsonl"


@bank.command("import")
@click.argument("source_file", metavar="IN", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-existing", is_flag=True, help="leave entries already in the bank as they are")
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonl", "csv", "pytx"]), default="auto",
              show_default=True,
              help="pytx: python-threatexchange raw_text / text_tlsh signals; auto: by file name and header")
@click.option("--label", type=_LABELS, default=None, help="[pytx] label of the imported signals")
@_bank_name_option(None, "put every entry in this named bank (default: the bank each record names, else default)")
@_file_option
@_handled
def import_(
    source_file: Path, skip_existing: bool, fmt: str, label: str | None, bank_name: str | None,
    bank_path: Path | None,
) -> None:
    """Import entries from JSONL, CSV or a python-threatexchange export (all or nothing)."""
    the_bank = _open(bank_path)
    chosen = _import_format(source_file) if fmt == "auto" else fmt
    if chosen == "pytx":
        name = bank_name or DEFAULT_BANK
        info = the_bank.bank_info(name)
        found = read_pytx(
            source_file,
            the_bank.hasher,
            bank=name,
            label=label or info.default_label or DEFAULT_LABEL,
            organisation=info.default_organisation,
            added_by=_user(),
        )
        entries = found.entries
        if info.default_source:
            entries = [replace(e, source=f"{info.default_source} ({e.source})") for e in entries]
        added = the_bank.add(entries, skip_existing=skip_existing)
        skipped = ", ".join(f"{n} {t}" for t, n in sorted(found.skipped.items()))
        click.echo(f"imported {_plural(len(added))} into {the_bank.path}"
                   + (f" (skipped non-text signals: {skipped})" if skipped else ""))
        return
    if chosen == "csv":
        added = the_bank.import_csv(source_file, skip_existing=skip_existing, added_by=_user(), bank=bank_name)
    else:
        added = the_bank.import_jsonl(source_file, skip_existing=skip_existing, added_by=_user(), bank=bank_name)
    click.echo(f"imported {_plural(len(added))} into {the_bank.path}")
