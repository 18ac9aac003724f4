"""Import of python-threatexchange / ThreatExchange text signals, so HMA users can bring their lists.

Two signal types are text: ``raw_text`` (ThreatExchange indicator type ``TEXT_STRING``: the signal
IS the text) and ``text_tlsh`` (``HASH_TEXT_TLSH``: a TLSH digest, ``T1`` + 70 hex digits). A raw
text signal becomes an ordinary entry, signed from its text (so it matches exactly, as a
near-duplicate and, with the text kept, as a paraphrase); a TLSH signal becomes a TLSH entry
(``tvec.banks.tlsh_match``). Three file shapes are read, told apart by their first character and
header:

- ``threatexchange dataset -P --csv`` output: a CSV with header
  ``signal_type,signal_str,collab,category,tags``;
- ``threatexchange dataset -P -S`` output: one ``signal_type signal_str`` per line (the type is
  the first word, the rest of the line is the signal);
- ThreatExchange Graph API JSON: ``{"data": [descriptor, ...]}``, a list of descriptors, or one
  descriptor per line, each with ``type`` and ``indicator`` (a string, or an object with
  ``indicator``) or ``raw_indicator``, and optionally ``id``, ``owner.name``, ``tags``.

Signals of other types (PDQ, MD5, URL...) are counted and skipped, not errors: a collaboration's
dataset mixes types. A text signal that cannot be read (an invalid digest, a text with no words)
fails the whole import, naming the file and line; nothing is added until every line is valid.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tvec.banks.entries import DEFAULT_BANK, DEFAULT_LABEL, BankEntry, check_label, make_entry
from tvec.banks.formats import listed_errors, tlsh_entry
from tvec.banks.minhash import MinHasher
from tvec.banks.tlsh_match import check_digest
from tvec.errors import BankError, InputError

RAW_TEXT = "raw_text"
TEXT_TLSH = "text_tlsh"
_TYPE_NAMES = {
    "raw_text": RAW_TEXT,
    "text_string": RAW_TEXT,
    "text_tlsh": TEXT_TLSH,
    "hash_text_tlsh": TEXT_TLSH,
}
CSV_HEADER = ("signal_type", "signal_str", "collab", "category", "tags")


@dataclass
class PytxImport:
    """The entries read and the signals skipped, per signal type."""

    entries: list[BankEntry] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Signal:
    location: str  # "line 3" or "record 3"
    signal_type: str
    value: str
    source: str


def read_pytx(
    path: Path,
    hasher: MinHasher,
    *,
    bank: str = DEFAULT_BANK,
    label: str = DEFAULT_LABEL,
    organisation: str | None = None,
    added_by: str = "",
) -> PytxImport:
    """Read a python-threatexchange export (see the module docstring); all or nothing."""
    path = Path(path)
    label = check_label(label, str(path))
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read as UTF-8 text: {exc}") from exc
    stripped = content.lstrip()
    if not stripped:
        raise InputError(str(path), "empty file: no signals")
    if stripped[0] in "[{":
        signals = _json_signals(path, content)
    elif stripped.split("\n", 1)[0].strip().split(",")[:2] == list(CSV_HEADER[:2]):
        signals = _csv_signals(path, content)
    else:
        signals = _line_signals(content)
    result = PytxImport()
    errors: list[str] = []
    seen: set[str] = set()
    for signal in signals:
        kind = _TYPE_NAMES.get(signal.signal_type.lower())
        if kind is None:
            result.skipped[signal.signal_type] += 1
            continue
        where = f"{path}: {signal.location}"
        try:
            if kind == RAW_TEXT:
                entry = make_entry(
                    signal.value, hasher, where=where, label=label, organisation=organisation,
                    source=signal.source, added_by=added_by, bank=bank,
                )
            else:
                entry = tlsh_entry(
                    check_digest(signal.value, where), hasher, label=label, organisation=organisation,
                    source=signal.source, added_by=added_by, bank=bank,
                )
        except BankError as exc:
            errors.append(str(exc))
            continue
        if entry.id in seen:  # the same signal shared in several collaborations
            continue
        seen.add(entry.id)
        result.entries.append(entry)
    if errors:
        raise InputError(str(path), f"{len(errors)} bad signal(s), nothing imported:{listed_errors(errors)}")
    return result


def _line_signals(content: str) -> list[_Signal]:
    out = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        signal_type, _, value = line.strip().partition(" ")
        out.append(_Signal(f"line {number}", signal_type, value.strip(), "threatexchange"))
    return out


def _csv_signals(path: Path, content: str) -> list[_Signal]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(content, newline=""))
    out = []
    previous_end = 1
    try:
        for row in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if row.get("signal_type") is None or row.get("signal_str") is None:
                raise InputError(str(path), "expected signal_type and signal_str cells", f"line {line}")
            collab = (row.get("collab") or "").strip()
            out.append(
                _Signal(f"line {line}", row["signal_type"].strip(), row["signal_str"], f"threatexchange:{collab}" if collab else "threatexchange")
            )
    except csv.Error as exc:
        raise InputError(str(path), f"not CSV: {exc}", f"line {reader.line_num}") from None
    return out


def _json_signals(path: Path, content: str) -> list[_Signal]:
    try:
        data = json.loads(content)
        records: list[tuple[int, Any]] = (
            [(i, r) for i, r in enumerate(data.get("data", [data]) if isinstance(data, dict) else data, start=1)]
        )
        per_line = False
    except json.JSONDecodeError:
        records = []
        per_line = True
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not JSON ({exc.msg} at column {exc.colno})", f"line {number}") from None
    out = []
    for number, record in records:
        where = f"line {number}" if per_line else f"record {number}"
        if not isinstance(record, dict):
            raise InputError(str(path), f"expected a descriptor object, got {type(record).__name__}", where)
        signal_type = record.get("type")
        indicator = record.get("indicator", record.get("raw_indicator"))
        if isinstance(indicator, dict):
            signal_type = signal_type or indicator.get("type")
            indicator = indicator.get("indicator")
        if not isinstance(signal_type, str) or not isinstance(indicator, str):
            raise InputError(str(path), "a descriptor needs a 'type' and an 'indicator' string", where)
        owner = record.get("owner")
        owner_name = owner.get("name") if isinstance(owner, dict) else None
        descriptor = record.get("id")
        source = "threatexchange" + (f":{owner_name}" if owner_name else "") + (f" descriptor {descriptor}" if descriptor else "")
        out.append(_Signal(where, signal_type, indicator, source))
    return out
