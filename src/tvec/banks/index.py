"""The in-memory side of a bank: passage signatures in numpy arrays, exact and LSH lookups.

It is built from the stored signatures in a handful of array operations when a detector loads
(no per-passage Python objects beyond the SHA-256 dictionary) and updated in place when entries
are added or removed through the same :class:`~tvec.banks.bank.Bank`, so a running service sees
its own changes without a reload.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from tvec.banks.entries import BankEntry
from tvec.banks.lsh import DEFAULT_BANDS, DEFAULT_ROWS, LshIndex
from tvec.banks.store import EntryMeta, SignatureTable

MIN_MATCH_WORDS = 8
"""A query passage shorter than this matches nothing unless it is the whole document (then only
exactly), and bank passages shorter than this are never near-duplicate candidates: a handful of
words (a heading, a sign-off, a stock invocation) is too common to say "known content" and shares
too few shingles for a similarity estimate to mean anything."""


@dataclass(frozen=True)
class PassageMatch:
    """Query passage ``query`` matches passage ``entry_passage`` of entry ``entry_id``."""

    query: int
    entry_id: str
    entry_passage: int
    similarity: float
    exact: bool
    bank_range: tuple[int, int] | None  # the passage's offsets in the entry's stored text


def table_of(entries: Sequence[BankEntry], num_perm: int) -> SignatureTable:
    """Column-wise signatures of freshly added entries, the same shape the store loads."""
    rows = [(e.id, i, p) for e in entries for i, p in enumerate(e.passages)]
    starts = [p.start for _, _, p in rows]
    return SignatureTable(
        entry_ids=[r[0] for r in rows],
        passage_idx=np.asarray([r[1] for r in rows], dtype=np.int32),
        sha256=[p.sha256 for _, _, p in rows],
        minhash=(
            np.vstack([p.minhash for _, _, p in rows]).astype(np.uint32)
            if rows
            else np.empty((0, num_perm), dtype=np.uint32)
        ),
        n_words=np.asarray([p.n_words for _, _, p in rows], dtype=np.int32),
        has_text=np.asarray([s is not None for s in starts], dtype=bool),
        start=np.asarray([-1 if p.start is None else p.start for _, _, p in rows], dtype=np.int64),
        end=np.asarray([-1 if p.end is None else p.end for _, _, p in rows], dtype=np.int64),
    )


class BankIndex:
    def __init__(self, num_perm: int, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS) -> None:
        self.num_perm = num_perm
        self._lsh = LshIndex(bands, rows)
        self._sig = np.empty((0, num_perm), dtype=np.uint32)
        self._entry_of_row: list[str] = []
        self._passage_idx = np.empty(0, dtype=np.int32)
        self._n_words = np.empty(0, dtype=np.int32)
        self._start = np.empty(0, dtype=np.int64)
        self._end = np.empty(0, dtype=np.int64)
        self._alive = np.empty(0, dtype=bool)
        self._rows_by_sha: dict[bytes, list[int]] = {}
        self._rows_of_entry: dict[str, list[int]] = {}
        self._meta: dict[str, EntryMeta] = {}
        self._entries_by_doc: dict[bytes, list[str]] = {}

    def __len__(self) -> int:
        """Live passages."""
        return int(self._alive.sum())

    @property
    def entry_count(self) -> int:
        return len(self._meta)

    def entry(self, entry_id: str) -> EntryMeta:
        return self._meta[entry_id]

    def add(self, table: SignatureTable, metas: Iterable[EntryMeta]) -> None:
        for meta in metas:
            self._meta[meta.id] = meta
            self._entries_by_doc.setdefault(meta.sha256, []).append(meta.id)
        first = len(self._entry_of_row)
        n = len(table.entry_ids)
        if n == 0:
            return
        self._sig = np.concatenate([self._sig, table.minhash]) if first else table.minhash
        self._entry_of_row.extend(table.entry_ids)
        self._passage_idx = np.concatenate([self._passage_idx, table.passage_idx])
        self._n_words = np.concatenate([self._n_words, table.n_words])
        self._start = np.concatenate([self._start, np.where(table.has_text, table.start, -1)])
        self._end = np.concatenate([self._end, np.where(table.has_text, table.end, -1)])
        self._alive = np.concatenate([self._alive, np.ones(n, dtype=bool)])
        rows_by_sha = self._rows_by_sha
        rows_of_entry = self._rows_of_entry
        for row, (sha, entry_id) in enumerate(zip(table.sha256, table.entry_ids, strict=True), start=first):
            rows_by_sha.setdefault(sha, []).append(row)
            rows_of_entry.setdefault(entry_id, []).append(row)
        # short passages are never near-duplicate candidates, so they stay out of the LSH
        rows = np.flatnonzero(table.n_words >= MIN_MATCH_WORDS)
        self._lsh.add(table.minhash[rows], rows + first)

    def add_entries(self, entries: Sequence[BankEntry]) -> None:
        self.add(
            table_of(entries, self.num_perm),
            [EntryMeta(e.id, e.label, e.organisation, e.source, e.sha256) for e in entries],
        )

    def remove(self, entry_id: str) -> None:
        """Forget an entry: its rows are masked out (the LSH keeps them until the next load)."""
        meta = self._meta.pop(entry_id, None)
        if meta is not None:
            self._entries_by_doc[meta.sha256].remove(entry_id)
        rows = self._rows_of_entry.pop(entry_id, [])
        self._alive[rows] = False

    def entries_with_document(self, sha256: bytes) -> list[str]:
        return list(self._entries_by_doc.get(sha256, ()))

    def match(
        self,
        signatures: np.ndarray,
        sha256: Sequence[bytes],
        n_words: Sequence[int],
        threshold: float,
        allow_short: bool = False,
    ) -> list[PassageMatch]:
        """Best match per (query passage, entry): exact by SHA-256, else LSH + estimated Jaccard.

        ``allow_short``: the query is one short passage that is the whole document; it may then
        match exactly (a banked slogan posted on its own)."""
        out: list[PassageMatch] = []
        if not len(self._meta) or not len(signatures):
            return out
        candidates = self._lsh.query(signatures)
        for q, sha in enumerate(sha256):
            short = n_words[q] < MIN_MATCH_WORDS
            if short and not allow_short:
                continue
            exact_entries: set[str] = set()
            for row in self._rows_by_sha.get(sha, ()):
                entry_id = self._entry_of_row[row]
                if self._alive[row] and entry_id not in exact_entries:
                    exact_entries.add(entry_id)
                    out.append(self._match(q, row, 1.0, exact=True))
            if short:
                continue
            rows = candidates[q]
            rows = rows[self._alive[rows]]
            if not len(rows):
                continue
            similarity = np.count_nonzero(self._sig[rows] == signatures[q], axis=1) / self.num_perm
            keep = similarity >= threshold
            rows, similarity = rows[keep], similarity[keep]
            seen = set(exact_entries)
            for i in np.lexsort((rows, -similarity)).tolist():
                entry_id = self._entry_of_row[int(rows[i])]
                if entry_id not in seen:
                    seen.add(entry_id)
                    out.append(self._match(q, int(rows[i]), float(similarity[i]), exact=False))
        return out

    def _match(self, query: int, row: int, similarity: float, exact: bool) -> PassageMatch:
        start, end = int(self._start[row]), int(self._end[row])
        return PassageMatch(
            query=query,
            entry_id=self._entry_of_row[row],
            entry_passage=int(self._passage_idx[row]),
            similarity=similarity,
            exact=exact,
            bank_range=(start, end) if start >= 0 else None,
        )
