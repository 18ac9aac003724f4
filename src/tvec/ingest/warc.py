"""WARC crawls (``.warc``, ``.warc.gz``): each successful HTML or text response is a document.

Records are numbered in file order counting every record (``warcinfo`` and ``request`` too),
so ``#record=N`` points at the N-th record as any WARC tool lists it. Only 2xx responses are
read: redirects and error pages carry no content of the site, and reporting each of them as an
error would drown the real ones.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from tvec.errors import InputError
from tvec.ingest.html import decode_html, page_text
from tvec.ingest.options import IngestOptions, too_large
from tvec.types import Document, Source

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
_CHUNK = 1024 * 1024


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``text/html; charset=UTF-8`` -> ``("text/html", "UTF-8")``."""
    if not content_type:
        return "", None
    kind, *params = content_type.split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return kind.strip().lower(), charset


def _read_bounded(stream: BinaryIO, limit: int) -> tuple[bytes | None, int]:
    """The payload if it fits in ``limit`` bytes, else ``None``; and its size either way."""
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size <= limit:
            parts.append(chunk)
        elif parts:
            parts.clear()
    return (b"".join(parts) if size <= limit else None), size


def _record_document(
    path: str, number: int, record: Any, options: IngestOptions
) -> Document | InputError | None:
    """The document for one record, an error for an unreadable one, ``None`` for one to skip."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode()
        if not (status and status.isdigit() and 200 <= int(status) < 300):
            return None
        content_type = http.get_header("Content-Type")
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    kind, charset = _media_type(content_type)
    if kind not in _HTML_TYPES and kind not in _TEXT_TYPES:
        return None
    location = f"record {number}"
    payload, size = _read_bounded(record.content_stream(), options.max_document_bytes)
    if payload is None:
        return too_large(path, size, options.max_document_bytes, location)
    try:
        if kind in _HTML_TYPES:
            text = page_text(path, payload, charset, location)
        else:
            text = decode_html(payload, charset)
            if not text.strip():
                raise InputError(path, "empty text response", location)
    except InputError as exc:
        return exc
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    meta = {
        "format": "warc",
        "url": record.rec_headers.get_header("WARC-Target-URI"),
        "date": record.rec_headers.get_header("WARC-Date"),
        "content_type": kind,
    }
    return Document(
        id=record_id or f"{path}#record={number}", text=text, source=Source(path, record=number), meta=meta
    )


def read_warc(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield a document per HTML/text response; a damaged file ends with an error naming the
    record where reading stopped, after the documents before it."""
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    with open(path, "rb") as raw:
        stream = _StrictGzip(raw) if path.lower().endswith(".gz") else raw
        archive = ArchiveIterator(stream)
        records = iter(archive)
        while True:
            # warcio raises its own ArchiveLoadFailed but also zlib, EOF and parsing errors from
            # deep inside on damaged input. Failing to find the next record means the rest of
            # the file cannot be read; failing inside one record's payload (a bad gzip
            # Content-Encoding, say) costs only that record.
            try:
                record = next(records, None)
            except Exception as exc:  # noqa: BLE001 - see above
                raise _damaged(path, exc, number + 1) from None
            if record is None:
                if stream is raw and _unread_tail(raw, archive.offset):
                    yield InputError(path, "the file ends inside this record: it was cut off",
                                     f"record {number + 1}")
                return
            number += 1
            try:
                item = _record_document(path, number, record, options)
            except TruncatedGzip as exc:
                yield _damaged(path, exc, number, "damaged record")
                return
            except Exception as exc:  # noqa: BLE001 - see above
                item = _damaged(path, exc, number, "damaged record")
            cut_off = _cut_off(record)
            if cut_off:
                item = InputError(path, cut_off, f"record {number}")
            if item is not None:
                yield item


def _unread_tail(raw: BinaryIO, offset: int) -> bool:
    """Whether an uncompressed WARC has content after the last record warcio handed over.

    warcio ends iteration quietly when the file stops inside a record's headers; only the
    bytes left over show that a record was lost.
    """
    raw.seek(offset)
    while chunk := raw.read(_CHUNK):
        if chunk.strip():
            return True
    return False


def _cut_off(record: Any) -> str | None:
    """Why a record is incomplete, or None; checked on every record, skipped ones included,
    because warcio hands over a record cut short by the end of the file as if it were whole.

    Reading the rest of the record costs nothing extra: warcio would read past it anyway.
    """
    if record.length is None:
        return "record has no Content-Length: the file is damaged or cut off"
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    missing = getattr(stream, "limit", 0)
    if missing:
        return f"record cut off: the last {missing} byte(s) of it are missing"
    return None


class TruncatedGzip(ValueError):
    """A ``.warc.gz`` ends inside a gzip member: the rest of the crawl was cut off."""


class _StrictGzip:
    """``.warc.gz`` decompressed here, member after member, with truncation made loud.

    warcio's own decompression drops a record cut off by a truncated gzip member without a
    word, and it takes an ``EOFError`` from its input for a clean end of the file. This reader
    hands over everything that could be decompressed and only then raises an error warcio does
    not swallow, so the records before the cut are read and the loss is reported.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._member = zlib.decompressobj(wbits=31)
        self._in_member = False
        self._buffer = bytearray()
        self._offset = 0
        self._ended = False

    def _fill(self) -> None:
        while not self._buffer and not self._ended:
            data = self._raw.read(_CHUNK)
            if not data:
                if self._in_member:
                    raise TruncatedGzip("the file ends inside a gzip member: it was cut off")
                self._ended = True
                return
            while data:
                self._in_member = True
                self._buffer += self._member.decompress(data)
                if not self._member.eof:
                    break
                data = self._member.unused_data
                self._member = zlib.decompressobj(wbits=31)
                self._in_member = False
                if not data.strip(b"\x00"):  # zero padding after the last member
                    break

    def read(self, size: int = -1) -> bytes:
        self._fill()
        if size < 0:
            size = len(self._buffer)
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        self._offset += len(out)
        return out

    def tell(self) -> int:
        return self._offset


def _damaged(path: str, exc: Exception, number: int, what: str = "damaged or not a WARC file") -> InputError:
    return InputError(path, f"{what} ({type(exc).__name__}: {exc})", f"record {number}")
