"""JSONL import and export of bank entries (format: ``docs/bank-format.md``).

One entry per line. The record parser (:func:`entry_from_record`) is shared with the CSV format,
which is why its errors say which field was wrong (:class:`RecordError`). An entry with ``text`` is re-signed from its text on import (the text is
the source of truth, and this also yields the passage offsets the console needs); an entry
without text is taken from its signatures, which must use this tvec's scheme. Reading validates
every line before anything is added, so a bad file changes nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from tvec.atomic import atomic_write
from tvec.banks.entries import (
    DEFAULT_BANK,
    DEFAULT_LABEL,
    BankEntry,
    PassageSignature,
    check_added_at,
    check_date,
    check_label,
    make_entry,
    now_iso,
)
from tvec.banks.minhash import MinHasher, from_bytes, to_bytes
from tvec.banks.tlsh_match import check_digest
from tvec.errors import BankError

MAX_ERRORS_SHOWN = 10
_KNOWN_KEYS = {
    "id", "label", "organisation", "source", "added_by", "added_at", "text", "signatures", "bank", "snoozed_until",
}


def listed_errors(errors: Sequence[str]) -> str:
    """The first MAX_ERRORS_SHOWN errors, one per indented line, and how many more: a file with
    thousands of bad lines must still give a message one can read."""
    shown = "\n  ".join(errors[:MAX_ERRORS_SHOWN])
    more = f"\n  ... and {len(errors) - MAX_ERRORS_SHOWN} more" if len(errors) > MAX_ERRORS_SHOWN else ""
    return f"\n  {shown}{more}"


class RecordError(BankError):
    """A bad field of one record; ``field`` names it (the CSV reader turns it into a column)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@contextmanager
def _field(name: str) -> Iterator[None]:
    """Turn a BankError of the block into a RecordError of field ``name`` (one the block raised
    itself keeps its own field)."""
    try:
        yield
    except RecordError:
        raise
    except BankError as exc:
        raise RecordError(name, str(exc)) from None


def tlsh_entry(
    digest: str,
    hasher: MinHasher,
    *,
    entry_id: str | None = None,
    label: str = DEFAULT_LABEL,
    organisation: str | None = None,
    source: str = "",
    added_by: str = "",
    added_at: str | None = None,
    bank: str = DEFAULT_BANK,
) -> BankEntry:
    """An entry that is a TLSH digest only (a ThreatExchange ``text_tlsh`` signal): no passages,
    matched by TLSH distance. Its document hash is that of the digest, which no text has."""
    return BankEntry(
        id=entry_id or "tlsh-" + hashlib.sha256(digest.encode("ascii")).hexdigest()[:16],
        label=label,
        organisation=organisation,
        source=source,
        added_by=added_by,
        added_at=added_at or now_iso(),
        sha256=hashlib.sha256(b"tlsh:" + digest.encode("ascii")).digest(),
        passages=(),
        scheme=hasher.scheme,
        bank=bank,
        tlsh=digest,
    )


def entry_to_json(entry: BankEntry, signatures_only: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": entry.id,
        "label": entry.label,
        "organisation": entry.organisation,
        "source": entry.source,
        "added_by": entry.added_by,
        "added_at": entry.added_at,
        "bank": entry.bank,
    }
    if entry.snoozed_until is not None:
        out["snoozed_until"] = entry.snoozed_until
    if entry.text is not None and not signatures_only:
        out["text"] = entry.text
    if entry.tlsh is not None:
        out["signatures"] = {"tlsh": entry.tlsh}
        return out
    out["signatures"] = {
        "scheme": entry.scheme,
        "sha256": entry.sha256.hex(),
        "passages": [
            {
                "sha256": p.sha256.hex(),
                "minhash": base64.b64encode(to_bytes(p.minhash)).decode("ascii"),
                "n_words": p.n_words,
            }
            for p in entry.passages
        ],
    }
    return out


def write_jsonl(entries: Iterable[BankEntry], out: Path, signatures_only: bool = False) -> int:
    """Write entries to ``out`` (atomically: a temporary file renamed at the end)."""
    count = 0
    try:
        with atomic_write(Path(out), newline="\n") as fh:
            for entry in entries:
                fh.write(json.dumps(entry_to_json(entry, signatures_only), ensure_ascii=False) + "\n")
                count += 1
    except OSError as exc:
        raise BankError(f"{out}: cannot write export: {exc}") from exc
    return count


def read_jsonl(path: Path, hasher: MinHasher, added_by: str = "", bank: str | None = None) -> list[BankEntry]:
    """Parse and validate every line; raise one BankError listing the bad lines, if any.

    ``bank`` puts every entry in that bank; without it an entry goes to the bank its record
    names, or ``default``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(f"{path}: cannot read: {exc}") from exc
    entries: list[BankEntry] = []
    errors: list[str] = []
    first_line_of: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            entry = _parse_line(line, hasher, where, added_by, bank)
        except BankError as exc:
            errors.append(str(exc))
            continue
        if entry.id in first_line_of:
            errors.append(f"{where}: id {entry.id!r} already used on line {first_line_of[entry.id]}")
            continue
        first_line_of[entry.id] = number
        entries.append(entry)
    if errors:
        raise BankError(f"{path}: {len(errors)} bad line(s), nothing imported:{listed_errors(errors)}")
    return entries


def _parse_line(line: str, hasher: MinHasher, where: str, added_by: str, bank: str | None) -> BankEntry:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BankError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise BankError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    return entry_from_record(obj, hasher, where, added_by, bank)


def entry_from_record(
    obj: dict[str, Any], hasher: MinHasher, where: str, added_by: str = "", bank: str | None = None
) -> BankEntry:
    """One entry from its JSON-like record (JSONL line or CSV row); raises :class:`RecordError`."""
    unknown = set(obj) - _KNOWN_KEYS
    if unknown:
        raise RecordError(min(unknown), f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    entry_id = _string(obj, "id", where, required=True)
    assert entry_id is not None
    with _field("label"):
        label = check_label(_string(obj, "label", where) or DEFAULT_LABEL, where)
    organisation = _string(obj, "organisation", where) or None
    source = _string(obj, "source", where) or ""
    who = _string(obj, "added_by", where) or added_by
    with _field("added_at"):
        added_at = check_added_at(_string(obj, "added_at", where) or now_iso(), where)
    snoozed = _string(obj, "snoozed_until", where)
    if snoozed is not None:
        with _field("snoozed_until"):
            snoozed = check_date(snoozed, where, "snoozed_until")
    in_bank = bank or _string(obj, "bank", where) or DEFAULT_BANK
    text = obj.get("text")
    signatures = obj.get("signatures")
    if signatures is not None:
        if not isinstance(signatures, dict):
            raise RecordError("signatures", f"{where}: 'signatures' must be an object")
        if "tlsh" in signatures and text is None:
            with _field("signatures"):
                digest = check_digest(signatures["tlsh"], f"{where}: signatures.tlsh")
            entry = tlsh_entry(
                digest, hasher, entry_id=entry_id, label=label, organisation=organisation, source=source,
                added_by=who, added_at=added_at, bank=in_bank,
            )
            return replace(entry, snoozed_until=snoozed)
        scheme = signatures.get("scheme")
        if scheme != hasher.scheme:
            raise RecordError(
                "signatures",
                f"{where}: signatures use scheme {scheme!r} but this bank uses {hasher.scheme!r}; "
                "they cannot be compared (re-export them from text with a matching tvec)",
            )
    if text is not None:
        if not isinstance(text, str):
            raise RecordError("text", f"{where}: 'text' must be a string")
        with _field("text"):
            entry = make_entry(
                text,
                hasher,
                where=where,
                entry_id=entry_id,
                label=label,
                organisation=organisation,
                source=source,
                added_by=who,
                added_at=added_at,
                bank=in_bank,
            )
        return replace(entry, snoozed_until=snoozed)
    if signatures is None:
        raise RecordError("text", f"{where}: an entry needs 'text' or 'signatures'")
    with _field("signatures"):
        signed = BankEntry(
            id=entry_id,
            label=label,
            organisation=organisation,
            source=source,
            added_by=who,
            added_at=added_at,
            sha256=_sha(signatures.get("sha256"), f"{where}: signatures.sha256"),
            passages=_passages(signatures.get("passages"), hasher, where),
            scheme=hasher.scheme,
            bank=in_bank,
            snoozed_until=snoozed,
        )
    return signed


def _string(obj: dict[str, Any], key: str, where: str, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            raise RecordError(key, f"{where}: missing {key!r}")
        return None
    if not isinstance(value, str):
        raise RecordError(key, f"{where}: {key!r} must be a string, got {type(value).__name__}")
    return value


def _sha(value: Any, where: str) -> bytes:
    if not isinstance(value, str) or len(value) != 64:
        raise BankError(f"{where}: expected 64 hex digits")
    try:
        return bytes.fromhex(value)
    except ValueError:
        raise BankError(f"{where}: expected 64 hex digits") from None


def _passages(value: Any, hasher: MinHasher, where: str) -> tuple[PassageSignature, ...]:
    if not isinstance(value, list) or not value:
        raise BankError(f"{where}: signatures.passages must be a non-empty list")
    out = []
    for i, item in enumerate(value):
        at = f"{where}: signatures.passages[{i}]"
        if not isinstance(item, dict):
            raise BankError(f"{at}: expected an object")
        n_words = item.get("n_words")
        if not isinstance(n_words, int) or isinstance(n_words, bool) or n_words < 1:
            raise BankError(f"{at}.n_words: expected a positive integer")
        try:
            minhash = from_bytes(base64.b64decode(str(item.get("minhash", "")), validate=True), hasher.num_perm)
        except (binascii.Error, ValueError) as exc:
            raise BankError(f"{at}.minhash: expected base64 of {hasher.num_perm} little-endian uint32 ({exc})") from None
        out.append(PassageSignature(sha256=_sha(item.get("sha256"), f"{at}.sha256"), minhash=minhash, n_words=n_words))
    return tuple(out)
