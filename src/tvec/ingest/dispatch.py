"""From paths to documents: walk folders, pick a reader by extension, turn failures into errors.

Readers raise an InputError for a file they cannot read at all and yield one for a row or
record they cannot read; this module is the one place that turns everything that goes wrong
with a file into a yielded InputError and moves on to the next file, so one bad input never
stops a run over a million.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from tvec.errors import InputError
from tvec.ingest.options import IngestOptions
from tvec.types import Document

Reader = Callable[[str, IngestOptions], Iterator[Document | InputError]]

# extension -> (module, function); modules are imported on first use because pyarrow, pypdf
# and trafilatura each take about half a second to import.
_READERS: dict[str, tuple[str, str]] = {
    ".txt": ("tvec.ingest.text", "read_text"),
    ".md": ("tvec.ingest.text", "read_text"),
    ".html": ("tvec.ingest.html", "read_html"),
    ".htm": ("tvec.ingest.html", "read_html"),
    ".pdf": ("tvec.ingest.pdf", "read_pdf"),
    ".jsonl": ("tvec.ingest.jsonl", "read_jsonl"),
    ".ndjson": ("tvec.ingest.jsonl", "read_jsonl"),
    ".csv": ("tvec.ingest.tabular", "read_delimited"),
    ".tsv": ("tvec.ingest.tabular", "read_tsv"),
    ".parquet": ("tvec.ingest.tabular", "read_parquet"),
    ".warc": ("tvec.ingest.warc", "read_warc"),
    ".warc.gz": ("tvec.ingest.warc", "read_warc"),
}
_UNKNOWN = ("tvec.ingest.text", "read_unknown")
STDIN = "-"


def file_type(path: str | Path) -> str | None:
    """The known extension of ``path`` (``.warc.gz`` counts as one), or None."""
    name = os.path.basename(str(path)).lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    ext = os.path.splitext(name)[1]
    return ext if ext in _READERS else None


def _reader(path: str) -> Reader:
    module, function = _READERS.get(file_type(path) or "", _UNKNOWN)
    reader: Reader = getattr(importlib.import_module(module), function)
    return reader


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return exc.strerror or errno.errorcode.get(exc.errno or 0, "") or str(exc) or type(exc).__name__


def _walk(folder: str, recursive: bool) -> Iterator[str | InputError]:
    """Files of known type under ``folder``, depth first in name order so runs are repeatable.

    Hidden entries (``.git``, ``.DS_Store``) are skipped, and symlinked folders are not followed
    (a link loop would never end); unknown extensions are skipped silently here, unlike named
    files, because folders routinely hold files that are not documents.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(folder, f"cannot list folder: {_os_problem(exc)}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if recursive:
                yield from _walk(path, recursive)
        elif file_type(entry.name) is not None:
            yield path


def _read_file(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Everything one file yields, ending with an InputError instead of an exception."""
    try:
        if path == STDIN:
            from tvec.ingest.text import read_stream

            yield from read_stream(STDIN, sys.stdin.buffer, options)
        else:
            yield from _reader(path)(path, options)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(path, _os_problem(exc))
    except MemoryError:
        yield InputError(path, "out of memory while reading (lower max_document_bytes?)")
    except Exception as exc:  # noqa: BLE001 - last resort: a reader bug must not end the run
        yield InputError(path, f"unexpected error while reading ({type(exc).__name__}: {exc})")


def iter_documents(
    paths: Sequence[str | Path], options: IngestOptions = IngestOptions()
) -> Iterator[Document | InputError]:
    """Yield a Document per document in ``paths``, or an InputError per input that cannot be read.

    Errors are yielded, not raised, so that the caller can report them and carry on. Folders are
    walked, ``-`` is stdin; a named file of unknown type is read as text if it is UTF-8. Paths
    are kept as given (relative stays relative), because they become the ids of the documents.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        name = given if isinstance(given, str) else str(given)
        if name != STDIN and os.path.isdir(name):
            for found in _walk(name, options.recursive):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from _read_file(found, options)
        else:
            yield from _read_file(name, options)
