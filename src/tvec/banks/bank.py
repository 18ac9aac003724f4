"""A bank: the SQLite store and its in-memory index, kept in step.

Every change goes to the store first (one transaction) and only then to the index, so the index
never holds what the file does not. Opening a bank that does not exist gives an empty bank and
creates nothing; the file appears on the first add or import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tvec.banks.entries import BankEntry, now_iso
from tvec.banks.formats import read_jsonl, write_jsonl
from tvec.banks.index import BankIndex, PassageMatch
from tvec.banks.lsh import DEFAULT_BANDS, DEFAULT_ROWS
from tvec.banks.minhash import MinHasher
from tvec.banks.store import BankStore, EntryInfo, EntryMeta
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
        self.index = BankIndex(self.hasher.num_perm, bands, rows)
        if self.store.exists:
            self.index.add(self.store.load_signatures(), self.store.entries_meta())

    @property
    def path(self) -> Path:
        return self.store.path

    def __len__(self) -> int:
        """Live entries."""
        return self.index.entry_count

    def add(self, entries: Sequence[BankEntry], skip_existing: bool = False) -> list[str]:
        """Add entries atomically; returns the ids actually added."""
        for entry in entries:
            if entry.scheme != self.hasher.scheme:
                raise BankError(
                    f"{self.path}: entry {entry.id!r} is signed with {entry.scheme!r}, "
                    f"the bank uses {self.hasher.scheme!r}"
                )
        added = set(self.store.add(entries, skip_existing=skip_existing))
        self.index.add_entries([e for e in entries if e.id in added])
        return [e.id for e in entries if e.id in added]

    def remove(self, entry_id: str, removed_by: str = "") -> None:
        self.store.remove(entry_id, removed_by, now_iso())
        self.index.remove(entry_id)

    def import_jsonl(self, path: Path, skip_existing: bool = False, added_by: str = "") -> list[str]:
        return self.add(read_jsonl(path, self.hasher, added_by=added_by), skip_existing=skip_existing)

    def export_jsonl(self, out: Path, signatures_only: bool = False) -> int:
        return write_jsonl(self.store.iter_entries(), out, signatures_only=signatures_only)

    def list_entries(self, include_removed: bool = True) -> list[EntryInfo]:
        return self.store.list_entries(include_removed)

    def entry(self, entry_id: str) -> EntryMeta:
        return self.index.entry(entry_id)

    def match_passages(
        self,
        signatures: np.ndarray,
        sha256: Sequence[bytes],
        n_words: Sequence[int],
        threshold: float,
        allow_short: bool = False,
    ) -> list[PassageMatch]:
        return self.index.match(signatures, sha256, n_words, threshold, allow_short=allow_short)

    def entry_text(self, entry_id: str) -> str | None:
        return self.store.entry_text(entry_id)
