"""JSON Lines (``.jsonl``, ``.ndjson``): one JSON object, one document, per line.

A bad line is reported with its line number and the rest of the file is still read: dumps of
millions of posts routinely have a few broken lines, and losing the file to one of them would
be worse than useless.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tvec.errors import InputError
from tvec.ingest.lines import Oversized, iter_bounded_lines
from tvec.ingest.options import IngestOptions, too_large
from tvec.ingest.rows import row_document
from tvec.ingest.text import decode_utf8
from tvec.types import Document


def _fields(record: dict[str, Any]) -> str:
    return ", ".join(record) or "none"


def read_jsonl(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield a document per line; the line number doubles as the row number in ids.

    Blank lines are skipped silently (a trailing newline is not a record). The id and text
    fields are checked on the first object: missing there, it is a mistake in the command line,
    not in the data, and is reported once for the file rather than once per line.
    """
    checked_fields = False
    with open(path, "rb") as stream:
        for number, raw in iter_bounded_lines(stream, options.max_document_bytes):
            location = f"line {number}"
            if isinstance(raw, Oversized):
                yield too_large(path, raw.size, options.max_document_bytes, location)
                continue
            if not raw.strip():
                continue
            try:
                record = json.loads(decode_utf8(path, raw, f"{location}, "))
            except InputError as exc:
                yield exc
                continue
            except json.JSONDecodeError as exc:
                yield InputError(path, f"not valid JSON: {exc.msg} at column {exc.colno}", location)
                continue
            if not isinstance(record, dict):
                yield InputError(path, f"not a JSON object but a {type(record).__name__}", location)
                continue
            if not checked_fields:
                checked_fields = True
                for role, field in (("id", options.id_field), ("text", options.text_field)):
                    if field is not None and field not in record:
                        raise InputError(
                            path,
                            f"{role} field '{field}' not found in the first record (fields: {_fields(record)})",
                            location,
                        )
            if options.text_field not in record:
                yield InputError(
                    path, f"no text field '{options.text_field}' (fields: {_fields(record)})", location
                )
                continue
            if options.id_field is not None and options.id_field not in record:
                yield InputError(
                    path, f"no id field '{options.id_field}' (fields: {_fields(record)})", location
                )
                continue
            yield row_document(
                path,
                number,
                record[options.text_field],
                record.get(options.id_field) if options.id_field is not None else None,
                options,
                "jsonl",
                location,
                record.get(options.url_field) if options.url_field is not None else None,
            )
