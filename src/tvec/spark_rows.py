"""What each Spark Python worker does with a batch of rows: build documents the way the CLI
builds them, scan them with a Scanner cached for the worker's lifetime, and turn the results
into records of the output schema. Plain Python and Arrow, no pyspark, so it is tested and
reasoned about without a cluster; :mod:`tvec.spark` wires it into DataFrames.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from tvec.errors import InputError, TvecError
from tvec.ingest import IngestOptions
from tvec.ingest.rows import row_document
from tvec.scanner import Scanner, ScanResult
from tvec.settings import TvecSettings
from tvec.types import Document, Source

# -- the output schema, described once and turned into both Arrow and Spark types -------------
# A type is a primitive name, ("array", type) or a list of (field, type) for a struct.
_SPAN = [("start", "int"), ("end", "int")]
_SHADOW_HIT = [("rule", "string"), ("action", "string"), ("reason_code", "string"), ("shadow", "boolean")]
_DECISION = [
    ("jurisdiction", "string"),
    ("action", "string"),
    ("categories", ("array", "string")),
    ("rule", "string"),
    ("reason_code", "string"),
    ("rationale", "string"),
    ("shadow_hits", ("array", _SHADOW_HIT)),
    ("policy_version", "string"),
]
_SIGNAL = [
    ("detector", "string"),
    ("category", "string"),
    ("score", "double"),
    ("spans", ("array", _SPAN)),
    ("evidence_json", "string"),  # evidence keys differ per detector: JSON for this one field only
    ("explanation", "string"),
]
_SOURCE = [("path", "string"), ("row", "long"), ("record", "long"), ("location", "string")]
RESULT_FIELDS: list[tuple[str, Any]] = [
    ("action", "string"),  # the most severe over the jurisdictions; null when ``error`` is set
    ("flagged", "boolean"),
    ("error", "string"),
    ("decisions", ("array", _DECISION)),
    ("signals", ("array", _SIGNAL)),
    ("skipped_detectors", ("array", "string")),
]
KEY_FIELDS: list[tuple[str, Any]] = [("id", "string"), ("source", _SOURCE)]

_ARROW_PRIMITIVES = {
    "string": pa.string(),
    "int": pa.int32(),
    "long": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
}


def _arrow_type(kind: Any) -> pa.DataType:
    if isinstance(kind, str):
        return _ARROW_PRIMITIVES[kind]
    if isinstance(kind, tuple):
        return pa.list_(_arrow_type(kind[1]))
    return pa.struct([pa.field(name, _arrow_type(sub)) for name, sub in kind])


def arrow_schema(fields: Sequence[tuple[str, Any]]) -> pa.Schema:
    return pa.schema([pa.field(name, _arrow_type(kind)) for name, kind in fields])


# -- the columns every input is brought to before scanning ------------------------------------
# Internal names, so that a user's metadata column can never collide with them.
ID_COL, TEXT_COL, PATH_COL, ROW_COL, RECORD_COL, LOCATION_COL, ERROR_COL, LANG_COL, META_COL, URL_COL = (
    "__tvec_id",
    "__tvec_text",
    "__tvec_path",
    "__tvec_row",
    "__tvec_record",
    "__tvec_location",
    "__tvec_error",
    "__tvec_lang",
    "__tvec_meta",
    "__tvec_url",
)
INPUT_FIELDS: list[tuple[str, Any]] = [
    (ID_COL, "string"),
    (TEXT_COL, "string"),
    (PATH_COL, "string"),
    (ROW_COL, "long"),
    (RECORD_COL, "long"),
    (LOCATION_COL, "string"),
    (ERROR_COL, "string"),
    (LANG_COL, "string"),
    (META_COL, "string"),
    # the document's URL (``--url-field``, ``url_col``). Rows read by Spark keep the column's own
    # type, so that a non-string value is that row's error as in the CLI; per-file rows carry
    # the URL in their metadata (tvec.ingest put it there) and leave this null
    (URL_COL, "string"),
]
PER_FILE = "file"  # the job format of rows that tvec.ingest read in the executors


@dataclasses.dataclass(frozen=True)
class ScanJob:
    """What every Python worker needs to scan a partition: plain values only, because it is
    pickled into each task."""

    settings_json: str
    jurisdictions: tuple[str, ...]
    as_of: str | None
    text_field: str
    id_field: str | None
    max_document_bytes: int
    fmt: str
    passthrough: tuple[str, ...] = ()
    roots: tuple[tuple[str, str], ...] = ()  # absolute local prefix -> the path as the user gave it
    url_field: str | None = None  # the input's URL column, named in the per-row errors


# -- one Scanner per Python worker process ----------------------------------------------------


@functools.lru_cache(maxsize=4)
def executor_scanner(settings_json: str) -> Scanner:
    """The Scanner of this Python worker for these settings, built on first use.

    The cache is module-level state on purpose (a task cannot carry a live Scanner): building one
    (the organisation automaton, the bank's LSH index, a model) costs far more than scanning a
    batch, and Spark keeps each Python worker alive across tasks (``spark.python.worker.reuse``,
    on by default), so caching per process means one build per worker instead of one per task
    or Arrow batch. The key is the settings' JSON, so two jobs with different settings that
    land in one worker never share a scanner; the size bound keeps a long-lived worker from
    accumulating them.
    """
    data = json.loads(settings_json)
    settings = TvecSettings(**data)
    return Scanner(_locate_bank(settings))


def _locate_bank(settings: TvecSettings) -> TvecSettings:
    """On a cluster the driver's bank path may not exist on the executor; a bank shipped with
    ``--files`` (or ``SparkContext.addFile``) under the same file name is used instead."""
    path = settings.resolved_bank_path
    if path.exists():
        return settings
    try:
        from pyspark import SparkFiles

        shipped = Path(SparkFiles.get(path.name))
    except Exception:  # noqa: BLE001 - no SparkFiles outside a Spark worker: keep the setting
        return settings
    return settings.model_copy(update={"bank_path": shipped}) if shipped.exists() else settings


def settings_json(settings: TvecSettings) -> str:
    """The settings as the executors rebuild them: every field explicit, so an executor's own
    ``TVEC_*`` environment cannot make it scan differently from the driver."""
    return settings.model_dump_json()


# -- turning rows into results ----------------------------------------------------------------


def display_path(uri: str | None, roots: Sequence[tuple[str, str]]) -> str | None:
    """Spark reports ``file:`` URIs; the CLI names files as the user gave them. Local URIs are
    turned back into the given spelling (``roots`` maps absolute prefixes to it) so that ids are
    the CLI's; other file systems keep their URI, which is already stable."""
    if uri is None:
        return None
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme not in ("", "file"):
        return uri
    local = urllib.parse.unquote(parsed.path)
    for absolute, given in roots:
        if local == absolute:
            return given
        if local.startswith(absolute.rstrip("/") + "/"):
            return os.path.join(given, local[len(absolute.rstrip("/")) + 1 :])
    return local


def _document(job: ScanJob, row: dict[str, Any]) -> Document | InputError:
    """The document of one input row, judged by the CLI's own row rules (empty, too large,
    missing id) so that Spark and the CLI accept and reject exactly the same rows."""
    text, path = row[TEXT_COL], row[PATH_COL]
    if job.fmt == PER_FILE:  # read and checked by tvec.ingest in the executor already
        source = Source(path, row=row[ROW_COL], record=row[RECORD_COL]) if path is not None else None
        return Document(
            row[ID_COL], text, lang=row[LANG_COL], source=source, meta=json.loads(row[META_COL] or "{}")
        )
    where = path or "DataFrame"
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return InputError(where, f"not valid UTF-8 at byte {exc.start} of the text", _location(row))
    options = IngestOptions(
        id_field=job.id_field,
        text_field=job.text_field,
        url_field=job.url_field,
        max_document_bytes=job.max_document_bytes,
    )
    url = row[URL_COL]
    if path is None:  # a plain DataFrame: the id column is all there is to name the row
        found = row_document(where, 0, text, row[ID_COL], options, job.fmt, None, url)
        return dataclasses.replace(found, source=None) if isinstance(found, Document) else found
    return row_document(path, row[ROW_COL], text, row[ID_COL], options, job.fmt, _location(row), url)


def _location(row: dict[str, Any]) -> str | None:
    if row[LOCATION_COL]:
        return row[LOCATION_COL]
    if row[ROW_COL] is not None:
        return f"row {row[ROW_COL]}"
    if row[RECORD_COL] is not None:
        return f"record {row[RECORD_COL]}"
    return None


def _error_id(row: dict[str, Any]) -> str:
    """A deterministic id for a row that produced no document: its id, else where it was."""
    if row[ID_COL] is not None:
        return str(row[ID_COL])
    if row[PATH_COL] is None:  # a plain DataFrame row without an id: name it by its content
        digest = hashlib.sha256(str(row[TEXT_COL]).encode("utf-8", "surrogatepass")).hexdigest()
        return f"text-sha256:{digest[:16]}"
    path = row[PATH_COL]
    if row[ROW_COL] is not None:
        return f"{path}#row={row[ROW_COL]}"
    if row[RECORD_COL] is not None:
        return f"{path}#record={row[RECORD_COL]}"
    return f"{path}#{row[LOCATION_COL]}" if row[LOCATION_COL] else path


def _source(row: dict[str, Any], document: Document | None) -> dict[str, Any] | None:
    if document is not None:
        src = document.source
        return (
            None
            if src is None
            else {"path": src.path, "row": src.row, "record": src.record, "location": None}
        )
    if row[PATH_COL] is None:
        return None
    return {
        "path": row[PATH_COL],
        "row": row[ROW_COL],
        "record": row[RECORD_COL],
        "location": row[LOCATION_COL],
    }


def _failed(row: dict[str, Any], problem: str, document: Document | None = None) -> dict[str, Any]:
    return {
        "id": document.id if document is not None else _error_id(row),
        "source": _source(row, document),
        "action": None,
        "flagged": False,
        "error": problem,
        "decisions": [],
        "signals": [],
        "skipped_detectors": [],
    }


def result_record(result: ScanResult) -> dict[str, Any]:
    """One output row for one scan, in the shape of :data:`RESULT_FIELDS`.

    Scores are kept at full precision (the CLI's JSON rounds them to 4 places); detector
    failures that the scanner survived are reported in ``error`` next to the decisions the
    other detectors still allowed.
    """
    document = result.document
    src = document.source
    return {
        "id": document.id,
        "source": None
        if src is None
        else {"path": src.path, "row": src.row, "record": src.record, "location": None},
        "action": str(result.action),
        "flagged": result.flagged,
        "error": "; ".join(result.errors) or None,
        "decisions": [
            {
                "jurisdiction": d.jurisdiction,
                "action": str(d.action),
                "categories": [str(c) for c in d.categories],
                "rule": d.rule,
                "reason_code": d.reason_code,
                "rationale": d.rationale,
                "shadow_hits": [h.to_dict() for h in d.shadow_hits],
                "policy_version": d.policy_version,
            }
            for d in result.decisions
        ],
        "signals": [
            {
                "detector": s.detector,
                "category": str(s.category),
                "score": float(s.score),
                "spans": [{"start": span.start, "end": span.end} for span in s.spans],
                "evidence_json": json.dumps(dict(s.evidence), ensure_ascii=False, sort_keys=True),
                "explanation": s.explanation,
            }
            for s in result.signals
        ],
        "skipped_detectors": list(result.skipped_detectors),
    }


def scan_rows(job: ScanJob, rows: Sequence[dict[str, Any]], scanner: Scanner) -> list[dict[str, Any]]:
    """Scan input rows into output records; nothing a row holds can raise out of here."""
    as_of = dt.date.fromisoformat(job.as_of) if job.as_of else None
    out = []
    for row in rows:
        if job.fmt != PER_FILE and row[PATH_COL] is not None:
            row = {**row, PATH_COL: display_path(row[PATH_COL], job.roots)}
        if row[ERROR_COL] is not None:
            out.append(_failed(row, row[ERROR_COL]))
            continue
        document: Document | None = None
        try:
            found = _document(job, row)
            if isinstance(found, InputError):
                out.append(_failed(row, str(found)))
                continue
            document = found
            out.append(result_record(scanner.scan(document, list(job.jurisdictions), as_of)))
        except TvecError as exc:
            out.append(_failed(row, str(exc), document))
        except Exception as exc:  # noqa: BLE001 - a crash on one document costs that row only
            out.append(_failed(row, f"scan failed: {type(exc).__name__}: {exc}", document))
    return out


def scan_batches(job: ScanJob) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """The function ``mapInArrow`` runs in each Python worker."""
    results = arrow_schema(RESULT_FIELDS)
    keys = arrow_schema(KEY_FIELDS)

    def scan(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        scanner = executor_scanner(job.settings_json)
        for batch in batches:
            records = scan_rows(job, batch.select([name for name, _ in INPUT_FIELDS]).to_pylist(), scanner)
            key_batch = pa.RecordBatch.from_pylist(
                [{"id": r["id"], "source": r["source"]} for r in records], keys
            )
            out = pa.RecordBatch.from_pylist(records, results)
            arrays = [*key_batch.columns, *(batch.column(name) for name in job.passthrough), *out.columns]
            names = [*keys.names, *job.passthrough, *results.names]
            yield pa.RecordBatch.from_arrays(arrays, names=names)

    return scan
