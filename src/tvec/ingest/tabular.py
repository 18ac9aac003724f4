"""Tables: CSV/TSV with a header row, and Parquet read in record batches.

Both check the named columns once against the header (or schema) before reading any row, so
a wrong column name is one clear error rather than one per row.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator

from tvec.errors import InputError
from tvec.ingest.options import IngestOptions
from tvec.ingest.rows import check_columns, row_document
from tvec.types import Document

PARQUET_BATCH_ROWS = 1024


def _allow_large_csv_fields() -> None:
    """Lift the csv module's 128 KiB field limit, which real posts and articles exceed.

    The limit is process-wide in the csv module; it is only ever raised here, never lowered,
    so other users of csv in the process are not surprised. Size is enforced per row instead,
    where it can be reported as a row error and the rest of the file still read.
    """
    limit = sys.maxsize
    while csv.field_size_limit() < limit:
        try:
            csv.field_size_limit(limit)
        except OverflowError:  # C long is 32 bits on some platforms
            limit //= 2


def _undecodable(value: str | None) -> int | None:
    """The first byte that surrogateescape stood in for, or None when the value is clean."""
    if value:
        for char in value:
            if "\udc80" <= char <= "\udcff":
                return ord(char) - 0xDC00
    return None


def read_delimited(path: str, options: IngestOptions, delimiter: str = ",", fmt: str = "csv"
                   ) -> Iterator[Document | InputError]:
    """Yield a document per data row; rows are numbered from 1, the header not counted."""
    _allow_large_csv_fields()
    row = 0
    # surrogateescape: a byte that is not UTF-8 costs its row, not the rest of the file
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(path, "empty (no header row)")
            check_columns(path, header, options)
            text_at = header.index(options.text_field)
            id_at = header.index(options.id_field) if options.id_field is not None else None
            url_at = header.index(options.url_field) if options.url_field is not None else None
            for values in reader:
                if not values:  # a blank line is not a row
                    continue
                row += 1
                text = values[text_at] if text_at < len(values) else None
                id_value = values[id_at] if id_at is not None and id_at < len(values) else None
                url = values[url_at] if url_at is not None and url_at < len(values) else None
                bad = _undecodable(text) or _undecodable(id_value)
                if bad:
                    yield InputError(path, f"not valid UTF-8: byte 0x{bad:02x}", f"row {row}")
                else:
                    yield row_document(path, row, text, id_value, options, fmt, f"row {row}", url)
        except csv.Error as exc:
            raise InputError(path, f"malformed {fmt.upper()} ({exc}); rows after this one were not read",
                             f"row {row + 1}") from None


def read_tsv(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    return read_delimited(path, options, delimiter="\t", fmt="tsv")


def read_parquet(path: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Yield a document per row, reading only the text and id columns, one batch at a time,
    so a file larger than memory can be scanned."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = 0
    try:
        parquet = pq.ParquetFile(path)
        schema = parquet.schema_arrow
        check_columns(path, schema.names, options)
        text_type = schema.field(options.text_field).type
        is_binary = pa.types.is_binary(text_type) or pa.types.is_large_binary(text_type)
        if not (pa.types.is_string(text_type) or pa.types.is_large_string(text_type) or is_binary
                or getattr(pa.types, "is_string_view", lambda _t: False)(text_type)):
            raise InputError(path, f"text column '{options.text_field}' holds {text_type}, not text")
        columns = list(dict.fromkeys([options.text_field, options.id_field or options.text_field,
                                      options.url_field or options.text_field]))
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            texts = batch.column(options.text_field).to_pylist()
            ids = (batch.column(options.id_field).to_pylist() if options.id_field is not None
                   else [None] * len(texts))
            urls = (batch.column(options.url_field).to_pylist() if options.url_field is not None
                    else [None] * len(texts))
            for text, id_value, url in zip(texts, ids, urls, strict=True):
                row += 1
                location = f"row {row}"
                if is_binary and text is not None:
                    try:
                        text = text.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        yield InputError(path, f"not valid UTF-8 at byte {exc.start} of the text", location)
                        continue
                yield row_document(path, row, text, id_value, options, "parquet", location, url)
    except pa.ArrowException as exc:
        where = f"row {row + 1}" if row else None
        raise InputError(path, f"not a readable Parquet file ({exc})", where) from None
