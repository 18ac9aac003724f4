"""Plain text (``.txt``, ``.md``, unknown extensions and stdin): one file, one document."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tvec.errors import InputError
from tvec.ingest.options import IngestOptions, too_large
from tvec.types import Document, Source

_CHUNK = 1024 * 1024


def decode_utf8(source: str, data: bytes, location_prefix: str = "") -> str:
    """Strict UTF-8 with the BOM dropped; a bad byte is reported by its offset in the input.

    Strict, because a file in another encoding silently decoded with replacement characters
    would be scanned as garbage and come out as "nothing found".
    """
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        raise InputError(
            source,
            f"not valid UTF-8: byte 0x{data[offset]:02x} at offset {offset} ({exc.reason})",
            f"{location_prefix}byte {offset}",
        ) from None


def text_document(source: str, text: str, fmt: str) -> Document:
    """A single-document file's document: its id is the path exactly as the user gave it."""
    if not text.strip():
        raise InputError(source, "empty (no text, or whitespace only)")
    return Document(id=source, text=text, source=Source(source), meta={"format": fmt})


def read_text(path: str, options: IngestOptions, fmt: str = "text") -> Iterator[Document | InputError]:
    """Read a whole text file after checking its size, so an oversized file is never loaded."""
    size = Path(path).stat().st_size
    if size > options.max_document_bytes:
        yield too_large(path, size, options.max_document_bytes)
        return
    data = Path(path).read_bytes()
    if len(data) > options.max_document_bytes:  # grew between stat and read
        yield too_large(path, len(data), options.max_document_bytes)
        return
    yield text_document(path, decode_utf8(path, data), fmt)


def read_unknown(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """An explicitly named file of unknown type counts as text only if it really is UTF-8."""
    try:
        yield from read_text(path, options, fmt="text")
    except InputError as exc:
        if exc.problem.startswith("not valid UTF-8"):
            raise InputError(path, f"unknown file type and {exc.problem}", exc.location) from None
        raise


def read_stream(name: str, stream: BinaryIO, options: IngestOptions) -> Iterator[Document | InputError]:
    """Read a byte stream (stdin) as one document, never holding more than the limit.

    Past the limit the rest is only counted, so the error can say how large the input was.
    """
    limit = options.max_document_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        size = len(data)
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
        yield too_large(name, size, limit)
        return
    yield text_document(name, decode_utf8(name, data), "text")
