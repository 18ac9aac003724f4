"""What every multi-document format (JSONL, CSV/TSV, Parquet) shares: column checks, ids and
the per-row rules, so a row is judged the same way whatever file it came from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tvec.errors import InputError
from tvec.ingest.options import IngestOptions, too_large
from tvec.types import Document, Source



def _a_type(value: object) -> str:
    """The value's type with its article, as the error message reads it: "an int", "a list"."""
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"

def check_columns(path: str, columns: Iterable[str], options: IngestOptions, kind: str = "column") -> None:
    """One file-level error when a named column is absent, listing the ones there are.

    One error, not one per row: a wrong ``--text-field`` is a single mistake, and a million
    identical row errors would bury it.
    """
    names = list(columns)
    available = ", ".join(names) or "none"
    for role, name in (("text", options.text_field), ("id", options.id_field), ("url", options.url_field)):
        if name is not None and name not in names:
            raise InputError(path, f"no {role} {kind} '{name}' (available: {available})")


def unicode_problem(text: str) -> str | None:
    """JSON and Parquet can carry lone UTF-16 surrogates (half an emoji from a broken scraper):
    such text cannot be written out again, so it is rejected with its position."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"text has an unpaired surrogate U+{ord(text[exc.start]):04X} at character {exc.start}: not valid Unicode"
    return None


def row_document(
    path: str, row: int, text: Any, id_value: Any, options: IngestOptions, fmt: str, location: str,
    url: Any = None,
) -> Document | InputError:
    """The document for one row, or the InputError that says what is wrong with the row.

    Ids are the id field's value when one is named, else ``<path>#row=<n>``, so that they are
    stable across runs over the same file.
    """
    if text is None:
        return InputError(path, f"no value in text field '{options.text_field}'", location)
    if not isinstance(text, str):
        return InputError(
            path, f"text field '{options.text_field}' is {_a_type(text)}, not a string", location
        )
    problem = unicode_problem(text)
    if problem:
        return InputError(path, problem, location)
    size = len(text.encode("utf-8"))
    if size > options.max_document_bytes:
        return too_large(path, size, options.max_document_bytes, location)
    if not text.strip():
        return InputError(path, f"text field '{options.text_field}' is empty", location)
    if options.id_field is None:
        doc_id = f"{path}#row={row}"
    elif id_value is None or id_value == "" or isinstance(id_value, (dict, list)):
        return InputError(path, f"id field '{options.id_field}' is empty or not a single value", location)
    else:
        doc_id = str(id_value)
    meta: dict[str, Any] = {"format": fmt}
    if options.url_field is not None and url not in (None, ""):
        if not isinstance(url, str):
            return InputError(path, f"url field '{options.url_field}' is {_a_type(url)}, not a string", location)
        meta["url"] = url
    return Document(id=doc_id, text=text, source=Source(path, row=row), meta=meta)
