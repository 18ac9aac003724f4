"""The ``tvec`` command line. Every command is a thin shell over the library: the scan command
builds one :class:`~tvec.scanner.Scanner` and feeds it what :mod:`tvec.ingest` reads."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tvec.errors import InputError, TvecError
from tvec.ingest import IngestOptions, iter_documents
from tvec.parallel import scan_parallel
from tvec.render import make_console, render_table, write_json, write_jsonl
from tvec.scanner import Scanner, ScanResult
from tvec.settings import TvecSettings, load_settings

EXIT_CLEAN, EXIT_FLAGGED, EXIT_INPUT_ERRORS = 0, 1, 3  # 2 is click's usage error


def _split_csv(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tvec")
def main() -> None:
    """tvec: find terrorist and violent-extremist content in text, per jurisdiction, with evidence."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
@click.option("--jurisdiction", "-j", help="comma-separated jurisdictions, e.g. UK,EU  [default: TVEC_JURISDICTIONS or UK,EU]")
@click.option("--id-field", help="column/key holding the document id in JSONL/CSV/Parquet")
@click.option("--text-field", default="text", show_default=True, help="column/key holding the text")
@click.option("--url-field", help="column/key holding the document's URL (attributes texts published on an "
              "organisation's official domain)")
@click.option("--policy", "policy_path", type=click.Path(path_type=Path), help="policy YAML (default: the shipped policy)")
@click.option("--bank", "bank_path", type=click.Path(path_type=Path), help="bank of known content (default: TVEC_BANK_PATH)")
@click.option("--detectors", help="comma-separated detectors to run (default: TVEC_DETECTORS)")
@click.option("--without", help="comma-separated detectors to switch off")
@click.option("--as-of", "as_of", help="decide as on this date (YYYY-MM-DD): which designations were in force")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-", help="write results here")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=1, show_default=True,
              help="scan on this many processes (one Scanner each); results keep the input order")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="spark: scan on Apache Spark, writing partitioned Parquet to the --output folder")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL (with --engine spark)")
def scan(
    paths: tuple[str, ...],
    fmt: str,
    jurisdiction: str | None,
    id_field: str | None,
    text_field: str,
    url_field: str | None,
    policy_path: Path | None,
    bank_path: Path | None,
    detectors: str | None,
    without: str | None,
    as_of: str | None,
    output,
    workers: int,
    engine: str,
    master: str,
) -> None:
    """Scan files and folders (.txt .md .html .pdf .jsonl .csv .parquet .warc[.gz], - for stdin).

    Exit status: 0 nothing flagged; 1 at least one document flagged (any action but allow) in
    any jurisdiction; 3 nothing flagged but some inputs could not be read or a detector failed;
    2 usage error (bad option, unknown jurisdiction, invalid policy or settings).
    """
    overrides: dict[str, object] = {}
    if policy_path is not None:
        overrides["policy_path"] = policy_path
    if bank_path is not None:
        overrides["bank_path"] = bank_path
    settings = _settings(**overrides)
    chosen = _split_csv(detectors) or list(settings.detectors)
    dropped = set(_split_csv(without) or [])
    settings = settings.model_copy(update={"detectors": [d for d in chosen if d not in dropped]})
    jurisdictions = [j.upper() for j in _split_csv(jurisdiction) or settings.jurisdictions]
    if engine == "spark":
        _scan_on_spark(paths, output.name, master, settings, jurisdictions, id_field, text_field, url_field,
                       _date(as_of))
    try:
        scanner = Scanner(settings)
        scanner.engine.check_jurisdictions(jurisdictions)
    except TvecError as exc:
        raise click.UsageError(str(exc)) from exc
    options = IngestOptions(id_field=id_field, text_field=text_field, url_field=url_field,
                            max_document_bytes=settings.max_document_bytes)
    documents = iter_documents(paths, options)
    if workers > 1:
        stream = scan_parallel(documents, settings, jurisdictions, as_of=_date(as_of), workers=workers)
    else:
        stream = scanner.scan_many(documents, jurisdictions, as_of=_date(as_of))
    flagged = errors = detector_failures = 0
    items: list[ScanResult | InputError] = []
    for item in _with_progress(stream):
        if isinstance(item, InputError):
            errors += 1
        else:
            flagged += item.flagged
            detector_failures += bool(item.errors)
        if fmt == "jsonl":
            write_jsonl(item, output)
        else:
            items.append(item)
    if fmt == "json":
        write_json(items, output)
    elif fmt == "table":
        render_table(items, jurisdictions, make_console(output))
    scanned = len(items) - errors if fmt != "jsonl" else None
    summary = f"{flagged} flagged, {errors} unreadable" + (f", {scanned} scanned" if scanned is not None else "")
    if detector_failures:
        summary += f", {detector_failures} with detector errors (see each result's errors)"
    click.echo(summary, err=True)
    sys.exit(EXIT_FLAGGED if flagged else EXIT_INPUT_ERRORS if errors or detector_failures else EXIT_CLEAN)


def _settings(**overrides: object) -> TvecSettings:
    try:
        return load_settings(**overrides)
    except TvecError as exc:
        raise click.UsageError(str(exc)) from exc


def _with_progress(stream: Iterator[ScanResult | InputError]) -> Iterator[ScanResult | InputError]:
    """A progress line on stderr while scanning, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from stream
        return
    columns = (TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("scan", total=None)
        for item in stream:
            progress.advance(task)
            yield item


def _scan_on_spark(
    paths: tuple[str, ...],
    output: str,
    master: str,
    settings: TvecSettings,
    jurisdictions: list[str],
    id_field: str | None,
    text_field: str,
    url_field: str | None,
    as_of: dt.date | None,
) -> None:
    """``scan --engine spark``: the same scan as a Spark job, Parquet out, same exit status."""
    from tvec.spark import run_scan_job, spark_session

    if output in ("-", "<stdout>"):  # click names standard output "<stdout>" once opened
        raise click.UsageError("--engine spark writes Parquet: name an output folder with --output")
    options = IngestOptions(id_field=id_field, text_field=text_field, url_field=url_field,
                            max_document_bytes=settings.max_document_bytes)
    try:
        spark = spark_session(master)
        summary = run_scan_job(spark, paths, output, options=options, jurisdictions=jurisdictions,
                               settings=settings, as_of=as_of)  # fmt: skip
    except TvecError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(summary.line(output), err=True)
    sys.exit(EXIT_FLAGGED if summary.flagged else EXIT_INPUT_ERRORS if summary.errors else EXIT_CLEAN)


@main.command("spark-report")
@click.argument("scanned")
@click.option("--report", "report_dir", type=click.Path(path_type=Path), default=Path("spark-report"),
              show_default=True, help="folder for report.md, summary.json and the PNG plots")
@click.option("--top", default=20, show_default=True, help="rows in the organisation and cluster tables")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL")
def spark_report(scanned: str, report_dir: Path, top: int, master: str) -> None:
    """Summarise a `scan --engine spark` output folder: verdicts, categories, organisations,
    jurisdictions and the most re-posted known items, as Markdown with plots."""
    from tvec.spark import spark_session
    from tvec.spark_report import corpus_summary, load_scanned, write_report

    try:
        spark = spark_session(master)
        summary = corpus_summary(load_scanned(spark, scanned), top=top)
        written = write_report(summary, report_dir, title=f"tvec corpus report: {scanned}")
    except TvecError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"wrote {written}", err=True)


def _register_groups() -> None:
    from tvec.banks.cli import bank
    from tvec.demo import demo
    from tvec.evaluation.cli import eval_command
    from tvec.training.cli import train
    from tvec.orgs.cli import orgs
    from tvec.policy.cli import policy

    for command in (bank, orgs, policy, demo, train, eval_command):
        main.add_command(command)

    from tvec.service.accounts_cli import accounts  # `tvec accounts create/key`: the first admin
    from tvec.service.serve import serve  # the HTTP service (imports FastAPI only when run)

    main.add_command(serve)
    main.add_command(accounts)

    from tvec.store.cli import (  # `tvec audit verify`, `tvec retention run`, `tvec db upgrade`
        audit,
        db,
        retention,
    )

    for command in (audit, retention, db):
        main.add_command(command)

    from tvec.outbound.cli import COMMANDS as outbound  # `tvec webhooks`, `tvec sor export`, `tvec report`

    for command in outbound:
        main.add_command(command)


_register_groups()
