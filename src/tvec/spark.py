"""The same :class:`~tvec.scanner.Scanner` on Apache Spark, for corpora that outgrow one machine.

``scan_dataframe`` turns a DataFrame of texts into one of verdicts: every partition goes through
``mapInArrow`` into a Python worker that scans it with a Scanner built from the driver's settings,
and the results come back as real Spark types (arrays of structs), so that a data team can filter,
join and aggregate them in SQL. A document that cannot be scanned (bad encoding, too large, a
crash) becomes a row whose ``error`` column says why: one bad post in a billion must not fail the
job. ``read_inputs`` reads files as the CLI does (same ids, same per-row errors), and
``run_scan_job`` is what ``tvec scan --engine spark`` runs.

pyspark is an optional dependency (``pip install 'tvec[spark]'``); importing this module does
not need it, calling into Spark does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from tvec.errors import ConfigurationError, InputError
from tvec.ingest import IngestOptions, file_type, iter_documents
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.spark_rows import (
    ERROR_COL,
    ID_COL,
    INPUT_FIELDS,
    KEY_FIELDS,
    LANG_COL,
    LOCATION_COL,
    META_COL,
    PATH_COL,
    PER_FILE,
    RECORD_COL,
    RESULT_FIELDS,
    ROW_COL,
    TEXT_COL,
    URL_COL,
    ScanJob,
    arrow_schema,
    executor_scanner,
    result_record,
    scan_batches,
    scan_rows,
    settings_json,
)

__all__ = [
    "JobSummary",
    "ProgressLine",
    "executor_scanner",
    "expand_inputs",
    "read_inputs",
    "result_record",
    "result_schema",
    "run_scan_job",
    "scan_dataframe",
    "scan_inputs",
    "scan_rows",
    "spark_session",
]

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def _spark_type(kind: Any):  # -> pyspark DataType
    from pyspark.sql import types as T

    if isinstance(kind, str):
        return {
            "string": T.StringType(),
            "int": T.IntegerType(),
            "long": T.LongType(),
            "double": T.DoubleType(),
            "boolean": T.BooleanType(),
        }[kind]
    if isinstance(kind, tuple):
        return T.ArrayType(_spark_type(kind[1]))
    return T.StructType([T.StructField(name, _spark_type(sub)) for name, sub in kind])


def result_schema():
    """The Spark schema of a scan's output without pass-through columns (pyspark StructType)."""
    return _spark_type(KEY_FIELDS + RESULT_FIELDS)


def _scan_canonical(df: DataFrame, job: ScanJob) -> DataFrame:
    from pyspark.sql import types as T

    passthrough = [df.schema[name] for name in job.passthrough]
    key_fields = list(_spark_type(KEY_FIELDS).fields)
    schema = T.StructType([*key_fields, *passthrough, *_spark_type(RESULT_FIELDS).fields])
    return df.mapInArrow(scan_batches(job), schema)


# -- the public API ---------------------------------------------------------------------------


def _job(
    settings: TvecSettings | None,
    jurisdictions: Sequence[str] | None,
    as_of: dt.date | None,
    text_field: str,
    id_field: str | None,
    fmt: str,
    passthrough: Sequence[str] = (),
    roots: Sequence[tuple[str, str]] = (),
    url_field: str | None = None,
) -> ScanJob:
    """Check on the driver what would otherwise fail in every task: the settings build a Scanner
    and the policy knows the jurisdictions."""
    settings = settings or TvecSettings()
    wanted = tuple(jurisdictions or settings.jurisdictions)
    Scanner(settings).engine.check_jurisdictions(list(wanted))
    return ScanJob(
        settings_json(settings),
        wanted,
        as_of.isoformat() if as_of else None,
        text_field,
        id_field,
        settings.max_document_bytes,
        fmt,
        tuple(passthrough),
        tuple(roots),
        url_field,
    )


def scan_dataframe(
    df: DataFrame,
    *,
    id_col: str = "id",
    text_col: str = "text",
    url_col: str | None = None,
    jurisdictions: Sequence[str] | None = None,
    settings: TvecSettings | None = None,
    as_of: dt.date | None = None,
) -> DataFrame:
    """Scan every row of ``df``; return one row per input row with the verdicts as columns.

    Output columns: ``id``, ``source`` (struct path/row/record/location, null for a plain
    DataFrame), every other input column except the text (passed through unchanged), then
    ``action`` (most severe over the jurisdictions), ``flagged``, ``error`` (null when fine),
    ``decisions`` (array of struct per jurisdiction), ``signals`` (array of struct, spans in the
    original text, ``evidence_json``) and ``skipped_detectors``.

    Ids come from ``id_col``; when ``df`` has no such column and is a direct Parquet read,
    they are ``<file>#row=<n>`` from the file's own row numbers, as the CLI names rows, so a
    re-run yields the same ids. ``url_col`` names a string column holding each document's URL
    (``Document.meta["url"]``, as ``tvec scan --url-field`` gives it): the organisations detector
    attributes a text published on an organisation's official domain. It is passed through
    like any other column; a null or empty URL is no URL. The detectors are those of
    ``settings`` (as for the CLI).
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if text_col not in df.columns:
        raise ConfigurationError(
            f"DataFrame has no text column '{text_col}' (columns: {', '.join(df.columns)})"
        )
    text_type = df.schema[text_col].dataType
    if not isinstance(text_type, (T.StringType, T.BinaryType)):
        raise ConfigurationError(f"text column '{text_col}' holds {text_type.simpleString()}, not text")
    if url_col is not None:
        if url_col not in df.columns:
            raise ConfigurationError(
                f"DataFrame has no url column '{url_col}' (columns: {', '.join(df.columns)})"
            )
        url_type = df.schema[url_col].dataType
        if not isinstance(url_type, T.StringType):
            raise ConfigurationError(f"url column '{url_col}' holds {url_type.simpleString()}, not a string")
    reserved = {name for name, _ in KEY_FIELDS + RESULT_FIELDS}
    passthrough = [c for c in df.columns if c not in (id_col, text_col) and not c.startswith("__tvec_")]
    clash = sorted(set(passthrough) & reserved)
    if clash:
        raise ConfigurationError(
            f"DataFrame columns {', '.join(clash)} would clash with scan output columns; rename them"
        )
    job = _job(
        settings,
        jurisdictions,
        as_of,
        text_col,
        id_col if id_col in df.columns else None,
        "dataframe",
        passthrough,
        url_field=url_col,
    )
    nothing = F.lit(None)
    if id_col in df.columns:
        ids = F.col(id_col).cast("string")
        path, row = nothing.cast("string"), nothing.cast("long")
    else:
        try:
            df = df.select(
                "*",
                F.col("_metadata.file_path").alias("__tvec_uri"),
                F.col("_metadata.row_index").alias("__tvec_index"),
            )
        except Exception as exc:  # AnalysisException: not a file scan, or a format without row numbers
            raise ConfigurationError(
                f"DataFrame has no id column '{id_col}' (columns: {', '.join(df.columns)}) and is not a "
                "direct Parquet read whose row numbers could name the rows: add an id column"
            ) from exc
        ids = nothing.cast("string")  # the workers name rows <path>#row=<n>, as the CLI does
        path, row = F.col("__tvec_uri"), (F.col("__tvec_index") + 1).cast("long")
    canonical = df.select(
        ids.alias(ID_COL),
        F.col(text_col).alias(TEXT_COL),
        path.alias(PATH_COL),
        row.alias(ROW_COL),
        nothing.cast("long").alias(RECORD_COL),
        nothing.cast("string").alias(LOCATION_COL),
        nothing.cast("string").alias(ERROR_COL),
        nothing.cast("string").alias(LANG_COL),
        nothing.cast("string").alias(META_COL),
        (F.col(url_col) if url_col is not None else nothing.cast("string")).alias(URL_COL),
        *passthrough,
    )
    return _scan_canonical(canonical, job)


# -- reading files as the CLI does ------------------------------------------------------------

_PARQUET = ".parquet"
_DATASET_SCHEMES = ("s3", "s3a", "s3n", "gs", "hdfs", "abfs", "abfss", "wasb", "wasbs", "dbfs")


def _is_remote(path: str) -> bool:
    return urllib.parse.urlparse(path).scheme in _DATASET_SCHEMES


def expand_inputs(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split the inputs into Parquet (read by Spark, split inside files) and everything else
    (read per file by :mod:`tvec.ingest` in the executors, exactly as the CLI reads it).

    Local folders are walked as the CLI walks them (name order, hidden entries skipped); a
    remote path (``s3://``, ``hdfs://``...) is handed to Spark's Parquet reader as it is.
    A missing local file goes with the per-file inputs, where it becomes an error row.
    """
    parquet: list[str] = []
    per_file: list[str] = []
    for given in paths:
        if _is_remote(given):
            (per_file if file_type(given) not in (None, _PARQUET) else parquet).append(given)
            continue
        if os.path.isdir(given):
            for folder, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or file_type(name) is None:
                        continue
                    found = os.path.join(folder, name)
                    (parquet if file_type(name) == _PARQUET and os.path.isfile(found) else per_file).append(
                        found
                    )
        elif file_type(given) == _PARQUET and os.path.isfile(given):
            parquet.append(given)
        else:
            per_file.append(given)
    return parquet, per_file


def _read_files(options: IngestOptions) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    schema = arrow_schema(INPUT_FIELDS)

    def read(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for path in batch.column("path").to_pylist():
                rows = []
                for item in iter_documents([path], options):
                    if isinstance(item, InputError):
                        rows.append(
                            {
                                ID_COL: None,
                                TEXT_COL: None,
                                PATH_COL: item.source,
                                ROW_COL: None,
                                RECORD_COL: None,
                                LOCATION_COL: item.location,
                                ERROR_COL: str(item),
                                LANG_COL: None,
                                META_COL: None,
                                URL_COL: None,
                            }
                        )
                        continue
                    src = item.source
                    rows.append(
                        {
                            ID_COL: item.id,
                            TEXT_COL: item.text,
                            PATH_COL: src.path if src else path,
                            ROW_COL: src.row if src else None,
                            RECORD_COL: src.record if src else None,
                            LOCATION_COL: None,
                            ERROR_COL: None,
                            LANG_COL: item.lang,
                            META_COL: json.dumps(dict(item.meta), ensure_ascii=False, default=str),
                            URL_COL: None,  # in META_COL: tvec.ingest read it with the rest
                        }
                    )
                    if len(rows) >= 1024:
                        yield pa.RecordBatch.from_pylist(rows, schema)
                        rows = []
                if rows:
                    yield pa.RecordBatch.from_pylist(rows, schema)

    return read


def read_inputs(
    spark: SparkSession,
    paths: Sequence[str],
    options: IngestOptions = IngestOptions(),
    partitions: int | None = None,
) -> tuple[DataFrame | None, DataFrame | None]:
    """The inputs as (Parquet rows, rows of other files), each already in the scanner's input
    columns; Parquet paths are still Spark's URIs (the workers turn them back into the given
    spelling). Per-file reads happen in the executors and are then spread over ``partitions``
    (default: the default parallelism) by id, so one large JSONL or WARC file is read by one
    task but scanned by all of them. Parquet rows are spread evenly too: Spark splits Parquet
    by row group, so a file written as one big row group is one task's work however many
    splits it is cut into, and moving the text costs far less than scanning it."""
    from pyspark.sql import functions as F

    parquet, per_file = expand_inputs(paths)
    partitions = partitions or spark.sparkContext.defaultParallelism
    tables = None
    if parquet:
        raw = spark.read.parquet(*parquet)
        for role, name in (
            ("text", options.text_field),
            ("id", options.id_field),
            ("url", options.url_field),
        ):
            if name is not None and name not in raw.columns:
                raise ConfigurationError(
                    f"{parquet[0]}: no {role} column '{name}' (available: {', '.join(raw.columns)})"
                )
        nothing = F.lit(None)
        tables = raw.select(
            (F.col(options.id_field).cast("string") if options.id_field else nothing.cast("string")).alias(
                ID_COL
            ),
            F.col(options.text_field).alias(TEXT_COL),
            F.col("_metadata.file_path").alias(PATH_COL),
            (F.col("_metadata.row_index") + 1).cast("long").alias(ROW_COL),
            nothing.cast("long").alias(RECORD_COL),
            nothing.cast("string").alias(LOCATION_COL),
            nothing.cast("string").alias(ERROR_COL),
            nothing.cast("string").alias(LANG_COL),
            nothing.cast("string").alias(META_COL),
            # in the column's own type: a non-string URL is its row's error, as in the CLI
            (F.col(options.url_field) if options.url_field else nothing.cast("string")).alias(URL_COL),
        )
        tables = tables.repartition(max(partitions, tables.rdd.getNumPartitions()))
    files = None
    if per_file:
        listing = spark.createDataFrame([(p,) for p in per_file], "path string").repartition(len(per_file))
        read = listing.mapInArrow(_read_files(options), _spark_type(INPUT_FIELDS))
        files = read.repartition(partitions, F.coalesce(ID_COL, PATH_COL))
    return tables, files


def scan_inputs(
    spark: SparkSession,
    paths: Sequence[str],
    *,
    options: IngestOptions = IngestOptions(),
    jurisdictions: Sequence[str] | None = None,
    settings: TvecSettings | None = None,
    as_of: dt.date | None = None,
) -> DataFrame:
    """Scan files (Parquet, JSONL, WARC, and whatever else :mod:`tvec.ingest` reads) with the
    ids, sources and row errors that ``tvec scan`` gives the same files."""
    settings = settings or TvecSettings()
    options = dataclasses.replace(options, max_document_bytes=settings.max_document_bytes)
    roots = [(os.path.abspath(p), p) for p in paths if not _is_remote(p)]
    job = _job(
        settings,
        jurisdictions,
        as_of,
        options.text_field,
        options.id_field,
        "parquet",
        roots=roots,
        url_field=options.url_field,
    )
    tables, files = read_inputs(spark, paths, options)
    scanned = []
    for frame, fmt in ((tables, "parquet"), (files, PER_FILE)):
        if frame is not None:
            scanned.append(_scan_canonical(frame, dataclasses.replace(job, fmt=fmt)))
    if not scanned:
        raise ConfigurationError("no inputs to scan")
    return functools.reduce(lambda a, b: a.unionByName(b), scanned)


# -- the job behind ``tvec scan --engine spark`` ----------------------------------------------


def spark_session(
    master: str = "local[*]", app_name: str = "tvec", conf: dict[str, str] | None = None
) -> SparkSession:
    """A session for tvec. In local mode the Python workers must run this very interpreter
    (where tvec is installed), so ``PYSPARK_PYTHON`` is pointed at it unless already set; on a
    cluster the executors' Python is the cluster's business (see docs/spark.md)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigurationError("the Spark engine needs pyspark: pip install 'tvec[spark]'") from exc
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app_name)
    defaults = {"spark.ui.showConsoleProgress": "false", "spark.sql.session.timeZone": "UTC"}
    for key, value in {**defaults, **(conf or {})}.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing, a bad master URL: say so in one line
        raise ConfigurationError(f"cannot start Spark with master {master!r}: {exc}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


class ProgressLine:
    """Prints the running job's task counts to stderr every few seconds: in place on a
    terminal, as plain lines in a log. Spark's own progress bar is switched off in its favour."""

    def __init__(self, spark: SparkSession, every_s: float = 2.0, label: str = "scanning") -> None:
        self._tracker = spark.sparkContext.statusTracker()
        self._every = every_s
        self._label = label
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tvec-progress", daemon=True)
        self._started = time.monotonic()
        self._tty = sys.stderr.isatty()

    def __enter__(self) -> ProgressLine:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self._tty:
            sys.stderr.write("\n")

    def _run(self) -> None:
        last = ""
        while not self._stop.wait(self._every if not self._tty else 0.5):
            done = total = 0
            for stage_id in self._tracker.getActiveStageIds():
                info = self._tracker.getStageInfo(stage_id)
                if info is not None:
                    done += info.numCompletedTasks
                    total += info.numTasks
            elapsed = time.monotonic() - self._started
            line = f"{self._label}: {done}/{total} tasks of running stages, {elapsed:.0f}s"
            if self._tty:
                sys.stderr.write("\r" + line)
                sys.stderr.flush()
            elif line != last:
                print(line, file=sys.stderr, flush=True)
            last = line


@dataclasses.dataclass(frozen=True)
class JobSummary:
    documents: int
    flagged: int
    errors: int
    by_action: dict[str, int]
    seconds: float

    def line(self, output: str) -> str:
        actions = ", ".join(f"{k} {v}" for k, v in sorted(self.by_action.items()))
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (
            f"{self.documents} scanned, {self.flagged} flagged, {self.errors} errors ({actions}); "
            f"wrote {output} in {self.seconds:.1f}s, {rate:.0f} docs/s"
        )


def run_scan_job(
    spark: SparkSession,
    paths: Sequence[str],
    output: str,
    *,
    options: IngestOptions = IngestOptions(),
    jurisdictions: Sequence[str] | None = None,
    settings: TvecSettings | None = None,
    as_of: dt.date | None = None,
    partition_by: str = "action",
) -> JobSummary:
    """Scan ``paths`` and write Parquet to ``output`` (overwritten), partitioned by the most
    severe action; error rows land in the null partition. Rows are sorted by id inside each
    file so that a re-run over the same input writes the same rows in the same order."""
    from pyspark.sql import functions as F

    started = time.monotonic()
    scanned = scan_inputs(
        spark, paths, options=options, jurisdictions=jurisdictions, settings=settings, as_of=as_of
    )
    with ProgressLine(spark):
        (
            scanned.repartition(partition_by)
            .sortWithinPartitions("id")
            .write.mode("overwrite")
            .partitionBy(partition_by)
            .parquet(output)
        )
    counts = (
        spark.read.parquet(output)
        .groupBy("action")
        .agg(F.count(F.lit(1)).alias("n"), F.sum(F.col("error").isNotNull().cast("long")).alias("errors"))
        .collect()
    )
    by_action = {(r["action"] or "error"): r["n"] for r in counts}
    errors = sum(r["errors"] for r in counts)
    documents = sum(by_action.values())
    flagged = sum(n for a, n in by_action.items() if a not in ("allow", "error"))
    return JobSummary(documents, flagged, errors, by_action, time.monotonic() - started)
