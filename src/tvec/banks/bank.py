"""A bank file: the SQLite store and its in-memory indexes (MinHash/LSH, TLSH), kept in step.

Every change goes to the store first (one transaction) and only then to the indexes, so an index
never holds what the file does not. Opening a bank that does not exist gives an empty bank and
creates nothing; the file appears on the first add, import or ``tvec bank create``.

The indexes hold every live entry of every named bank in the file, enabled or not: whether a
match counts (bank enabled, ramp, snooze, negative bank, false-positive reports) is decided per
scan from :meth:`Bank.entry_states`, read fresh from the file for the entries a document matched.
That keeps ``tvec bank disable`` or ``snooze`` effective immediately in a running service, without
a rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from tvec.banks.csvformat import read_csv, write_csv
from tvec.banks.entries import BankEntry, check_date, now_iso
from tvec.banks.formats import read_jsonl, write_jsonl
from tvec.banks.index import PassageMatch, open_bank_index, store_fingerprint
from tvec.banks.lsh import DEFAULT_BANDS, DEFAULT_ROWS
from tvec.banks.minhash import MinHasher
from tvec.banks.store import FALSE_POSITIVE, BankCounts, BankInfo, BankStore, EntryInfo, EntryMeta, EntryState
from tvec.banks.tlsh_match import TlshMatch, TlshMatcher
from tvec.errors import BankError


class Bank:
    def __init__(
        self,
        path: Path,
        hasher: MinHasher | None = None,
        bands: int = DEFAULT_BANDS,
        rows: int = DEFAULT_ROWS,
    ) -> None:
        self.hasher = hasher if hasher is not None else MinHasher()
        self.store = BankStore(Path(path), self.hasher.scheme, self.hasher.num_perm)
        self.tlsh = TlshMatcher()
        if self.store.exists:
            self.store.upgrade()
            self.tlsh.add(self.store.tlsh_digests())
        # memory-mapped segments in <bank file>.index/, rebuilt from the file when missing or stale
        self.index = open_bank_index(self.store, self.hasher, bands, rows)

    @property
    def path(self) -> Path:
        return self.store.path

    def __len__(self) -> int:
        """Live entries (passage entries and TLSH entries) in all banks of the file."""
        return self.index.entry_count + len(self.tlsh)

    # -- named banks ---------------------------------------------------------------------------

    def create_bank(self, info: BankInfo) -> BankInfo:
        return self.store.create_bank(info)

    def set_enabled(self, name: str, enabled: bool) -> BankInfo:
        return self.store.update_bank(name, enabled=enabled)

    def set_ramp(self, name: str, ramp: float) -> BankInfo:
        return self.store.update_bank(name, ramp=ramp)

    def banks(self) -> list[BankInfo]:
        return self.store.banks()

    def bank_info(self, name: str) -> BankInfo:
        return self.store.bank(name)

    def counts(self, demote_after: int = 1) -> list[BankCounts]:
        return self.store.counts(demote_after)

    # -- entries -------------------------------------------------------------------------------

    def add(self, entries: Sequence[BankEntry], skip_existing: bool = False) -> list[str]:
        """Add entries atomically; returns the ids actually added."""
        for entry in entries:
            if entry.scheme != self.hasher.scheme:
                raise BankError(
                    f"{self.path}: entry {entry.id!r} is signed with {entry.scheme!r}, "
                    f"the bank uses {self.hasher.scheme!r}"
                )
        added = set(self.store.add(entries, skip_existing=skip_existing))
        fresh = [e for e in entries if e.id in added]
        # an id that was tombstoned and is added again must not keep its old rows in the index
        for entry in fresh:
            self.index.remove(entry.id)
            self.tlsh.remove(entry.id)
        self.index.add_entries([e for e in fresh if e.tlsh is None])
        self.index.sync(store_fingerprint(self.path))
        self.tlsh.add([(e.id, e.tlsh) for e in fresh if e.tlsh is not None])
        return [e.id for e in fresh]

    def remove(self, entry_id: str, removed_by: str = "") -> None:
        self.store.remove(entry_id, removed_by, now_iso())
        self.index.remove(entry_id)
        self.index.sync(store_fingerprint(self.path))
        self.tlsh.remove(entry_id)

    def snooze(self, entry_id: str, until: str | None) -> str | None:
        """Snooze an entry until a date (ISO 8601; a bare date is midnight UTC), or wake it (None)."""
        value = None if until is None else check_date(until, str(self.path), "snooze date")
        self.store.snooze(entry_id, value)
        return value

    def report_false_positive(self, entry_id: str, reported_by: str, note: str = "") -> int:
        """Record a reviewer's false-positive report; returns the entry's report count."""
        if not reported_by.strip():
            raise BankError(f"{self.path}: a false-positive report needs the reviewer's name (--by)")
        return self.store.report(entry_id, FALSE_POSITIVE, reported_by, now_iso(), note)

    def import_jsonl(
        self, path: Path, skip_existing: bool = False, added_by: str = "", bank: str | None = None
    ) -> list[str]:
        return self.add(read_jsonl(path, self.hasher, added_by=added_by, bank=bank), skip_existing=skip_existing)

    def import_csv(
        self, path: Path, skip_existing: bool = False, added_by: str = "", bank: str | None = None
    ) -> list[str]:
        return self.add(read_csv(path, self.hasher, added_by=added_by, bank=bank), skip_existing=skip_existing)

    def export_jsonl(self, out: Path, signatures_only: bool = False, bank: str | None = None) -> int:
        return write_jsonl(self.store.iter_entries(bank), out, signatures_only=signatures_only)

    def export_csv(self, out: Path, signatures_only: bool = False, bank: str | None = None) -> int:
        return write_csv(self.store.iter_entries(bank), out, signatures_only=signatures_only)

    def list_entries(self, include_removed: bool = True, bank: str | None = None) -> list[EntryInfo]:
        return self.store.list_entries(include_removed, bank)

    def entry(self, entry_id: str) -> EntryMeta:
        return self.index.entry(entry_id)

    def entry_states(self, entry_ids: Iterable[str]) -> dict[str, EntryState]:
        return self.store.entry_states(entry_ids)

    # -- matching ------------------------------------------------------------------------------

    def match_passages(
        self,
        signatures: np.ndarray,
        sha256: Sequence[bytes],
        n_words: Sequence[int],
        threshold: float,
        allow_short: bool = False,
    ) -> list[PassageMatch]:
        return self.index.match(signatures, sha256, n_words, threshold, allow_short=allow_short)

    def match_tlsh(self, digests: Sequence[str | None], threshold: int) -> list[TlshMatch]:
        return self.tlsh.match(digests, threshold)

    def entry_text(self, entry_id: str) -> str | None:
        return self.store.entry_text(entry_id)
