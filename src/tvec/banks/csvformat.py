"""CSV import and export of bank entries, for lists kept in spreadsheets.

Columns (header row required, any order, unknown columns are errors): ``id`` (required),
``bank``, ``label``, ``organisation``, ``source``, ``added_by``, ``added_at``, ``snoozed_until``,
``text``, ``tlsh`` (a TLSH digest) and ``signatures`` (the JSONL ``signatures`` object as JSON,
for signatures-only lists). A row needs ``text``, ``tlsh`` or ``signatures``. The meaning of each
field is that of the JSONL format (``docs/bank-format.md``); a row is parsed by the same code.

Import is all or nothing: every row is validated first and any bad row fails the whole import with
an :class:`~tvec.errors.InputError` naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from tvec.atomic import atomic_write
from tvec.banks.entries import BankEntry
from tvec.banks.formats import RecordError, entry_from_record, entry_to_json, listed_errors
from tvec.banks.minhash import MinHasher
from tvec.errors import BankError, InputError

COLUMNS = (
    "id", "bank", "label", "organisation", "source", "added_by", "added_at", "snoozed_until", "text", "tlsh",
    "signatures",
)


def write_csv(entries: Iterable[BankEntry], out: Path, signatures_only: bool = False) -> int:
    """Write entries to ``out`` (atomically). With ``signatures_only`` the text column stays empty."""
    count = 0
    try:
        with atomic_write(Path(out), newline="") as fh:
            writer = csv.DictWriter(fh, COLUMNS)
            writer.writeheader()
            for entry in entries:
                record = entry_to_json(entry, signatures_only)
                signatures = record.pop("signatures")
                row = {k: ("" if v is None else v) for k, v in record.items()}
                if entry.tlsh is not None:
                    row["tlsh"] = entry.tlsh
                else:
                    row["signatures"] = json.dumps(signatures, separators=(",", ":"))
                writer.writerow(row)
                count += 1
    except OSError as exc:
        raise BankError(f"{out}: cannot write export: {exc}") from exc
    return count


def read_csv(path: Path, hasher: MinHasher, added_by: str = "", bank: str | None = None) -> list[BankEntry]:
    """Parse and validate every row; one InputError lists the bad rows (line and column), if any."""
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read as UTF-8 text: {exc}") from exc
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(str(path), "empty file: expected a header row naming the columns", "line 1") from None
    except csv.Error as exc:
        raise InputError(str(path), f"not CSV: {exc}", "line 1") from None
    header = [h.strip() for h in header]
    unknown = [(i, h) for i, h in enumerate(header, start=1) if h not in COLUMNS]
    if unknown:
        i, name = unknown[0]
        raise InputError(
            str(path), f"unknown column {name!r} (known: {', '.join(COLUMNS)})", f"line 1, column {i} ({name})"
        )
    if "id" not in header:
        raise InputError(str(path), "the header has no 'id' column", "line 1")
    column_of = {name: i for i, name in enumerate(header, start=1)}
    entries: list[BankEntry] = []
    errors: list[tuple[str, str]] = []
    first_line_of: dict[str, int] = {}
    previous_end = 1
    while True:
        line = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append((f"line {line}", f"not CSV: {exc}"))
            break
        previous_end = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append((f"line {line}", f"{len(row)} cells but the header has {len(header)} columns"))
            continue
        try:
            entry = _entry(dict(zip(header, row, strict=True)), hasher, path, line, added_by, bank)
        except RecordError as exc:
            column = exc.field if exc.field in column_of else "id"
            message = str(exc).removeprefix(f"{path}: line {line}: ")
            errors.append((f"line {line}, column {column_of.get(column, 1)} ({column})", message))
            continue
        if entry.id in first_line_of:
            errors.append(
                (f"line {line}, column {column_of['id']} (id)", f"id {entry.id!r} already used on line {first_line_of[entry.id]}")
            )
            continue
        first_line_of[entry.id] = line
        entries.append(entry)
    if errors:
        lines = [f"{where}: {problem}" for where, problem in errors]
        raise InputError(str(path), f"{len(errors)} bad row(s), nothing imported:{listed_errors(lines)}", errors[0][0])
    return entries


def _entry(
    cells: dict[str, str], hasher: MinHasher, path: Path, line: int, added_by: str, bank: str | None
) -> BankEntry:
    record: dict[str, object] = {k: v for k, v in cells.items() if v != "" and k not in ("tlsh", "signatures")}
    where = f"{path}: line {line}"
    if cells.get("signatures"):
        try:
            record["signatures"] = json.loads(cells["signatures"])
        except json.JSONDecodeError as exc:
            raise RecordError("signatures", f"{where}: 'signatures' is not JSON ({exc.msg})") from None
    if cells.get("tlsh"):
        if "signatures" in record:
            raise RecordError("tlsh", f"{where}: give 'tlsh' or 'signatures', not both")
        record["signatures"] = {"tlsh": cells["tlsh"]}
        try:
            return entry_from_record(record, hasher, where, added_by, bank)
        except RecordError as exc:
            field = "tlsh" if exc.field == "signatures" else exc.field
            raise RecordError(field, str(exc)) from None
    return entry_from_record(record, hasher, where, added_by, bank)
