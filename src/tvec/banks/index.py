"""The bank's index: immutable segments on disk (memory-mapped) plus tombstones, and the lookups.

Adding entries writes ONE new segment holding them (``tvec.banks.segments``); nothing already on
disk is rewritten, so adding 100k entries to a 10M bank costs what 100k entries cost. Removing an
entry sets its tombstone bits. When there are more than MAX_SEGMENTS segments the smaller ones are
merged (compaction), and :meth:`BankIndex.compact` merges all of them on request. The SQLite store
stays the source of truth: the index directory (``<bank file>.index/``) records a fingerprint of
the store it was built from, and one that is missing, stale, corrupt or built for another scheme
is rebuilt from the store with a message saying why.

A lookup is one compiled call (``tvec.banks._kernel``): shingling and hashing the query key,
128 min-hashes, 32 band hashes, one bucket probe per band per segment, and verification of each
candidate on its stored 16-bit signature values. Without the kernel the numpy reference gives the
same answers, slower.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tvec.banks.entries import BankEntry, now_iso
from tvec.banks.lsh import DEFAULT_BANDS, DEFAULT_ROWS, band_hashes, band_layout, band_salts
from tvec.banks.minhash import KERNEL_AVAILABLE, MinHasher
from tvec.banks.segments import (
    MIN_MATCH_WORDS,
    Segment,
    SegmentColumns,
    SegmentError,
    build_segment,
    disk_bytes,
    merge_segments,
    new_segment_dir,
    open_segment,
    publish,
    save_segment,
    save_tombstones,
)
from tvec.banks.store import BankStore, EntryMeta, SignatureTable, connect_read_only
from tvec.errors import BankError

__all__ = ["MIN_MATCH_WORDS", "BankIndex", "IndexUnavailable", "PassageMatch", "open_bank_index", "table_of"]

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
MAX_SEGMENTS = 8
"""More segments than this and the smaller ones are merged: every segment costs one bucket probe
per band per lookup."""


class IndexUnavailable(Exception):
    """The on-disk index cannot be used as it is (missing, stale, corrupt, other scheme)."""


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


def columns_of(table: SignatureTable, metas: Sequence[EntryMeta]) -> SegmentColumns:
    """Group a signature table by entry (in ``metas`` order, passages by index)."""
    position = {meta.id: i for i, meta in enumerate(metas)}
    try:
        entry_pos = np.fromiter((position[e] for e in table.entry_ids), dtype=np.int64, count=len(table.entry_ids))
    except KeyError as exc:
        raise ValueError(f"passage of entry {exc.args[0]!r} without the entry's metadata") from None
    order = np.lexsort((np.asarray(table.passage_idx), entry_pos))
    entry_first = np.zeros(len(metas) + 1, dtype=np.int64)
    np.cumsum(np.bincount(entry_pos, minlength=len(metas)), out=entry_first[1:])
    has_text = np.asarray(table.has_text, dtype=bool)
    return SegmentColumns(
        entry_ids=[m.id for m in metas],
        labels=[m.label for m in metas],
        organisations=[m.organisation for m in metas],
        sources=[m.source for m in metas],
        doc_sha=[m.sha256 for m in metas],
        entry_first=entry_first,
        signatures=np.asarray(table.minhash, dtype=np.uint32)[order],
        passage_sha=[table.sha256[i] for i in order.tolist()],
        n_words=np.asarray(table.n_words)[order],
        passage_idx=np.asarray(table.passage_idx)[order],
        start=np.where(has_text, table.start, -1)[order],
        end=np.where(has_text, table.end, -1)[order],
    )


def store_fingerprint(path: Path) -> list[int]:
    """What the index must agree with: the number of stored passages and their highest row id.
    Every add of passage entries inserts rows (a higher row id), every remove deletes rows (a lower
    count); metadata changes (snooze, enable, reports) and TLSH-only entries leave it alone, since
    they do not change what the index holds. The count reads the passages' smallest index: about
    a second at 10M passages, paid on every open and after every add or remove (a bulk add
    pays it once; adding entries one call at a time to a very large bank pays it each time -
    deriving the new fingerprint from what the store just wrote would avoid it, but would
    trust the index's previous fingerprint across processes)."""
    conn = connect_read_only(path)
    try:
        count, top = conn.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM passages").fetchone()
    except sqlite3.Error as exc:
        raise BankError(f"{path}: cannot read the bank's passages ({exc})") from exc
    finally:
        conn.close()
    return [int(count), int(top)]


def index_directory(bank_path: Path) -> Path:
    """Where a bank file's index lives: ``bank.sqlite`` -> ``bank.sqlite.index/``."""
    return bank_path.with_name(bank_path.name + ".index")


class BankIndex:
    """Segments, tombstones and lookups; persistent when it has a directory."""

    def __init__(
        self,
        num_perm: int,
        bands: int = DEFAULT_BANDS,
        rows: int = DEFAULT_ROWS,
        hasher: MinHasher | None = None,
    ) -> None:
        if not 1 <= rows <= min(8, num_perm) or not 1 <= bands <= 256:
            raise ValueError(f"LSH layout {bands} bands x {rows} rows out of range (rows 1-8, bands 1-256)")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        self.hasher = hasher if hasher is not None else MinHasher(num_perm=num_perm)
        if self.hasher.num_perm != num_perm:
            raise ValueError("the hasher's num_perm differs from the index's")
        self._engine = self.hasher.engine(band_salts(bands), rows, band_layout(bands, rows, num_perm))
        self._segments: list[Segment] = []
        self._view: tuple[tuple[Segment, ...], tuple[Any, ...]] = ((), ())
        self.directory: Path | None = None
        self.fingerprint: list[int] | None = None
        self._next_segment = 1
        self._last_compaction: str | None = None
        self._dirty_tombstones: set[str] = set()
        self._live_passages = 0
        self._live_entries = 0
        self.rebuilt_reason: str | None = None

    # -- sizes and metadata --------------------------------------------------------------------

    def __len__(self) -> int:
        """Live passages."""
        return self._live_passages

    @property
    def entry_count(self) -> int:
        return self._live_entries

    @property
    def segments(self) -> tuple[Segment, ...]:
        return tuple(self._segments)

    def _find(self, entry_id: str) -> tuple[Segment, int] | None:
        for segment in reversed(self._segments):  # newest first: a re-added id lives in a newer one
            entry_no = segment.find_entry(entry_id)
            if entry_no is not None:
                return segment, entry_no
        return None

    def entry(self, entry_id: str) -> EntryMeta:
        found = self._find(entry_id)
        if found is None:
            raise KeyError(entry_id)
        segment, entry_no = found
        return EntryMeta(
            entry_id, segment.label(entry_no), segment.organisation(entry_no), segment.source(entry_no),
            segment.arrays["doc_sha"][entry_no].tobytes(),
        )

    def entries_with_document(self, sha256: bytes) -> list[str]:
        return [s.entry_id(e) for s in self._segments for e in s.entries_with_document(sha256)]

    # -- changes ---------------------------------------------------------------------------------

    def add(self, table: SignatureTable, metas: Iterable[EntryMeta]) -> None:
        """Add entries (replacing live ones with the same id) as one new segment."""
        metas = list(metas)
        if not metas:
            return
        for meta in metas:
            if self._segments and self._find(meta.id) is not None:
                self.remove(meta.id)
        self.add_columns(columns_of(table, metas))

    def add_entries(self, entries: Sequence[BankEntry]) -> None:
        self.add(
            table_of(entries, self.num_perm),
            [EntryMeta(e.id, e.label, e.organisation, e.source, e.sha256) for e in entries],
        )

    def add_columns(self, columns: SegmentColumns, merge: bool = True) -> None:
        """Add entries given as columns (ids must be new); the bulk path of imports and the bench.
        ``merge=False`` skips the automatic merge of small segments (a bulk load that ends with
        :meth:`compact` merges once instead)."""
        if not len(columns.entry_ids):
            return
        name = f"seg-{self._next_segment:06d}"
        self._next_segment += 1
        if self.directory is not None:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = new_segment_dir(self.directory, name)
            segment = publish(build_segment(columns, name, self.bands, self.rows, self._engine, tmp), self.directory)
        else:
            segment = build_segment(columns, name, self.bands, self.rows, self._engine)
        self._segments.append(segment)
        self._live_passages += segment.passages
        self._live_entries += segment.entries
        if merge and len(self._segments) > MAX_SEGMENTS:
            self._merge_small()
        self._refresh()

    def remove(self, entry_id: str) -> None:
        """Forget an entry: its passages are tombstoned (dropped at the next compaction)."""
        found = self._find(entry_id)
        if found is None:
            return
        segment, entry_no = found
        first, last = (int(x) for x in segment.arrays["entry_first"][entry_no : entry_no + 2])
        segment.remove_entry(entry_no)
        self._live_passages -= last - first
        self._live_entries -= 1
        self._dirty_tombstones.add(segment.name)

    def compact(self) -> None:
        """Merge every segment into one, dropping tombstoned entries."""
        if len(self._segments) > 1 or any(s.live_passages() < s.passages for s in self._segments):
            self._segments = [self._merged(self._segments)]
            self._last_compaction = now_iso()
            self._refresh()
            self._write_manifest()

    def _merge_small(self) -> None:
        """Merge the smallest segments into one, leaving MAX_SEGMENTS // 2: segments of similar
        size are merged together, so each passage is rewritten O(log n) times over a bank's life."""
        ordered = sorted(self._segments, key=lambda s: s.passages)
        merge = ordered[: len(ordered) - MAX_SEGMENTS // 2 + 1]
        merged = self._merged(merge)
        self._segments = [s for s in self._segments if s not in merge] + [merged]
        self._last_compaction = now_iso()

    def _merged(self, segments: list[Segment]) -> Segment:
        name = f"seg-{self._next_segment:06d}"
        self._next_segment += 1
        if self.directory is None:
            return merge_segments(segments, name)
        tmp = new_segment_dir(self.directory, name)
        merged = publish(merge_segments(segments, name, tmp), self.directory)
        self._write_manifest(extra=[merged])  # the new segment is listed before the old ones go
        for old in segments:
            self._dirty_tombstones.discard(old.name)
        return merged

    def _refresh(self) -> None:
        self._view = (tuple(self._segments), tuple(s.kernel for s in self._segments))

    # -- persistence -----------------------------------------------------------------------------

    def persist(self, directory: Path, fingerprint: list[int] | None) -> None:
        """Write every in-memory segment under ``directory`` and record ``fingerprint``."""
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self._segments = [s if s.path is not None and s.path.parent == directory else save_segment(s, directory)
                          for s in self._segments]
        self._refresh()
        self.sync(fingerprint)

    def sync(self, fingerprint: list[int] | None) -> None:
        """Record that the index now matches the store state ``fingerprint`` (after an add or a
        remove went to the store): tombstones and the manifest are written."""
        self.fingerprint = fingerprint
        if self.directory is None:
            return
        for segment in self._segments:
            if segment.name in self._dirty_tombstones:
                save_tombstones(segment)
        self._dirty_tombstones.clear()
        self._write_manifest()

    def _write_manifest(self, extra: Sequence[Segment] = ()) -> None:
        if self.directory is None:
            return
        manifest = {
            "format": MANIFEST_FORMAT,
            "scheme": self.hasher.scheme,
            "bands": self.bands,
            "rows": self.rows,
            "segments": [s.name for s in [*self._segments, *extra]],
            "next_segment": self._next_segment,
            "store_fingerprint": self.fingerprint,
            "last_compaction": self._last_compaction,
            "updated": now_iso(),
        }
        tmp = self.directory / "manifest.json.tmp"
        tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        os.replace(tmp, self.directory / "manifest.json")
        if not extra:
            self._remove_unlisted()

    def _remove_unlisted(self) -> None:
        """Delete segment directories the manifest no longer lists (merged away, or left by a
        crash before their manifest was written)."""
        assert self.directory is not None
        listed = {s.name for s in self._segments}
        for path in self.directory.iterdir():
            if path.is_dir() and path.name.startswith("seg-") and path.name not in listed:
                shutil.rmtree(path, ignore_errors=True)

    @classmethod
    def load(
        cls,
        directory: Path,
        hasher: MinHasher,
        bands: int = DEFAULT_BANDS,
        rows: int = DEFAULT_ROWS,
        fingerprint: list[int] | None = None,
    ) -> BankIndex:
        """Open the index in ``directory``; IndexUnavailable says why it cannot be used."""
        manifest_path = directory / "manifest.json"
        if not manifest_path.is_file():
            raise IndexUnavailable(f"{directory}: no index yet")
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise IndexUnavailable(f"{manifest_path}: unreadable ({exc})") from exc
        if manifest.get("format") != MANIFEST_FORMAT:
            raise IndexUnavailable(f"{manifest_path}: index format {manifest.get('format')!r}")
        if manifest.get("scheme") != hasher.scheme or manifest.get("bands") != bands or manifest.get("rows") != rows:
            raise IndexUnavailable(
                f"{directory}: built for scheme {manifest.get('scheme')!r} with {manifest.get('bands')}x"
                f"{manifest.get('rows')} bands, this tvec uses {hasher.scheme!r} with {bands}x{rows}"
            )
        if fingerprint is not None and manifest.get("store_fingerprint") != fingerprint:
            raise IndexUnavailable(f"{directory}: out of date (the bank file changed after the index was written)")
        index = cls(hasher.num_perm, bands, rows, hasher=hasher)
        index.directory = directory
        index.fingerprint = manifest.get("store_fingerprint")
        index._next_segment = int(manifest.get("next_segment", 1))
        index._last_compaction = manifest.get("last_compaction")
        try:
            index._segments = [open_segment(directory / name) for name in manifest["segments"]]
        except SegmentError as exc:
            raise IndexUnavailable(str(exc)) from exc
        index._live_passages = sum(s.live_passages() for s in index._segments)
        index._live_entries = sum(s.live_entries() for s in index._segments)
        index._refresh()
        return index

    def index_status(self) -> dict[str, Any]:
        """What ``tvec bank status`` shows: segments, sizes, scheme, last compaction."""
        segments = []
        heap_total = mapped_total = 0
        for s in self._segments:
            heap, mapped = s.nbytes()
            heap_total += heap
            mapped_total += mapped
            segments.append({
                "name": s.name,
                "passages": s.passages,
                "live_passages": s.live_passages(),
                "entries": s.entries,
                "live_entries": s.live_entries(),
                "memory_bytes": heap,
                "mapped_bytes": mapped,
                "disk_bytes": disk_bytes(s.path) if s.path is not None else 0,
            })
        return {
            "scheme": self.hasher.scheme,
            "lsh": f"{self.bands} bands x {self.rows} rows",
            "kernel": "compiled" if self._engine is not None else "numpy reference",
            "directory": str(self.directory) if self.directory is not None else None,
            "segments": segments,
            "segment_count": len(segments),
            "passages": self._live_passages,
            "entries": self._live_entries,
            "tombstoned_passages": sum(s.passages for s in self._segments) - self._live_passages,
            "memory_bytes": heap_total,
            "mapped_bytes": mapped_total,
            "disk_bytes": disk_bytes(self.directory) if self.directory is not None and self.directory.is_dir() else 0,
            "last_compaction": self._last_compaction,
            "rebuilt_from_store": self.rebuilt_reason,
        }

    # -- lookups ---------------------------------------------------------------------------------
    # Each lookup reads ``self._view`` ONCE: a compaction or add in another thread replaces the
    # view as a whole, so a lookup never pairs the kernel's segment numbers with another list.

    def _lookup(
        self, signatures: np.ndarray, threshold: float, view: tuple[tuple[Segment, ...], tuple[Any, ...]]
    ) -> list[list[tuple[int, int, float]]]:
        """Per query signature, the (segment, row, similarity) of live candidates at or above
        ``threshold`` (similarity on the stored 16-bit values)."""
        signatures = np.ascontiguousarray(signatures, dtype=np.uint32).reshape(-1, self.num_perm)
        if self._engine is not None:
            return self._engine.lookup(signatures, view[1], float(threshold))
        return [self._lookup_reference(sig, threshold, view[0]) for sig in signatures]

    def _lookup_reference(
        self, signature: np.ndarray, threshold: float, segments: Sequence[Segment]
    ) -> list[tuple[int, int, float]]:
        hashes = band_hashes(signature[None, :], self.bands, self.rows)[0]
        low = (signature & np.uint32(0xFFFF)).astype(np.uint16)
        need = int(np.ceil(threshold * self.num_perm - 1e-9))
        out = []
        for si, segment in enumerate(segments):
            rows = segment.candidates_reference(hashes).astype(np.int64)
            rows = rows[segment.row_alive(rows)] if len(rows) else rows
            if not len(rows):
                continue
            equal = np.count_nonzero(np.asarray(segment.arrays["sig16"])[rows] == low, axis=1)
            for row, eq in zip(rows.tolist(), equal.tolist(), strict=True):
                if eq >= need:
                    out.append((si, row, eq / self.num_perm))
        return out

    def lookup_keys(self, keys: Sequence[str | bytes], threshold: float) -> list[list[tuple[str, int, float]]]:
        """The raw fast path: passage keys (normalised words joined by spaces) in, per key the
        matching (entry id, entry passage, similarity) out, best first. No exact-hash step: an
        exact copy has similarity 1.0."""
        view = self._view
        if self._engine is not None:
            found = self._engine.lookup_keys(keys, view[1], float(threshold))
        else:
            found = self._lookup(self.hasher.signatures_of_keys(keys), threshold, view)
        return [self._resolve(hits, view[0]) for hits in found]

    def lookup_key(self, key: str | bytes, threshold: float) -> list[tuple[str, int, float]]:
        """One raw lookup (see :meth:`lookup_keys`): one call into the kernel."""
        view = self._view
        if self._engine is not None:
            return self._resolve(self._engine.lookup_key(key, view[1], float(threshold)), view[0])
        return self.lookup_keys([key], threshold)[0]

    @staticmethod
    def _resolve(hits: list[tuple[int, int, float]], segments: Sequence[Segment]) -> list[tuple[str, int, float]]:
        out: list[tuple[str, int, float]] = []
        seen: set[str] = set()
        for si, row, similarity in sorted(hits, key=lambda h: (-h[2], h[0], h[1])):
            segment = segments[si]
            entry_id = segment.entry_id(int(segment.entry_of_rows(row)))
            if entry_id not in seen:
                seen.add(entry_id)
                out.append((entry_id, int(segment.arrays["passage_idx"][row]), similarity))
        return out

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
        view = self._view
        segments = view[0]
        if not self._live_entries or not len(signatures):
            return out
        signatures = np.ascontiguousarray(signatures, dtype=np.uint32).reshape(-1, self.num_perm)
        long_queries = [q for q in range(len(sha256)) if n_words[q] >= MIN_MATCH_WORDS]
        near = dict(zip(long_queries, self._lookup(signatures[long_queries], threshold, view), strict=True))
        for q, sha in enumerate(sha256):
            short = n_words[q] < MIN_MATCH_WORDS
            if short and not allow_short:
                continue
            seen: set[str] = set()
            for segment in segments:
                for row in segment.rows_with_sha(sha):
                    match = self._match(q, segment, row, 1.0, exact=True)
                    if match.entry_id not in seen:
                        seen.add(match.entry_id)
                        out.append(match)
            if short:
                continue
            for si, row, similarity in sorted(near[q], key=lambda h: (-h[2], h[0], h[1])):
                match = self._match(q, segments[si], row, similarity, exact=False)
                if match.entry_id not in seen:
                    seen.add(match.entry_id)
                    out.append(match)
        return out

    @staticmethod
    def _match(query: int, segment: Segment, row: int, similarity: float, exact: bool) -> PassageMatch:
        start, end = int(segment.arrays["start"][row]), int(segment.arrays["end"][row])
        return PassageMatch(
            query=query,
            entry_id=segment.entry_id(int(segment.entry_of_rows(row))),
            entry_passage=int(segment.arrays["passage_idx"][row]),
            similarity=similarity,
            exact=exact,
            bank_range=(start, end) if start >= 0 else None,
        )


def open_bank_index(store: BankStore, hasher: MinHasher, bands: int = DEFAULT_BANDS,
                    rows: int = DEFAULT_ROWS) -> BankIndex:
    """The index of a bank file: opened from disk when it matches the file, else rebuilt from the
    file (and written back, so the next open is fast). A bank that does not exist yet gets an
    empty index whose directory appears with the first add."""
    directory = index_directory(store.path)
    if not store.exists:
        index = BankIndex(hasher.num_perm, bands, rows, hasher=hasher)
        index.directory = directory
        return index
    fingerprint = store_fingerprint(store.path)
    try:
        return BankIndex.load(directory, hasher, bands, rows, fingerprint)
    except IndexUnavailable as exc:
        reason = str(exc)
    if directory.exists():  # a first open is routine; anything else deserves a word
        log.warning("bank index %s: %s; rebuilding it from %s", directory, reason, store.path)
    index = BankIndex(hasher.num_perm, bands, rows, hasher=hasher)
    index.add(store.load_signatures(), store.entries_meta())
    index.rebuilt_reason = reason
    try:
        shutil.rmtree(directory, ignore_errors=True)
        index.persist(directory, fingerprint)
    except OSError as exc:  # a read-only location: match from memory, say so
        log.warning("bank index %s: cannot be written (%s); using it in memory only", directory, exc)
        index.directory = None
    return index


__all__ += ["KERNEL_AVAILABLE", "index_directory", "store_fingerprint"]
