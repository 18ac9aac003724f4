"""Immutable index segments: what a bank's index holds, as flat arrays that can live on disk.

A segment is a set of entries and their passages, frozen when it is written. Everything a lookup
touches is a flat numpy array, so a segment on disk is opened with ``np.load(mmap_mode="r")`` in
milliseconds and shared by every process that opens it (the page cache holds one copy):

- ``sig16`` (passages x num_perm, uint16): the low 16 bits of each min-hash value, enough to
  verify a candidate (two different 32-bit values collide in their low 16 bits with probability
  2**-16, which raises an estimated Jaccard by ~0.00002 per value: nothing at a 0.4 threshold)
  at half the memory of the full signature; the full signatures stay in the SQLite store;
- per LSH band, ``band_hash`` (the 32-bit hash of the band's values, sorted) and ``band_row``
  (the passage it belongs to), with a directory ``band_dir`` of bucket offsets over the top
  ``dir_bits`` bits of the hash, so a probe is one bucket read of ~4-8 entries instead of a
  binary search. Passages under MIN_MATCH_WORDS words stay out of the band tables;
- exact lookups: passage SHA-256 (``sha``) and, sorted by its first 8 bytes, ``sha_key`` /
  ``sha_row``; entry ids (``id_blob``/``id_off``, hashed and sorted in ``id_key``/``id_order``),
  document hashes (``doc_sha``, ``doc_key``/``doc_order``), labels and organisations
  dictionary-encoded, sources as one blob;
- the tombstones (``tomb_rows`` bitmap, ``tomb_entries``) are the only mutable part: a removal
  sets bits and rewrites those two small files.

Segments are built from columns in a handful of array operations and merged (compaction) the same
way; neither needs the text or the full signatures again, because the band hashes are kept.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

from tvec.banks.lsh import band_hashes as reference_band_hashes

try:
    from tvec.banks import _kernel
except ImportError:  # pragma: no cover - where the extension could not be built
    _kernel = None

SEGMENT_FORMAT = 1
MIN_MATCH_WORDS = 8
"""Bank passages shorter than this are never near-duplicate candidates (see tvec.banks.index)."""

_BIG = ("sig16", "band_hash", "band_row", "band_dir", "passage_idx", "n_words", "start", "end", "sha",
        "sha_key", "sha_row", "entry_first", "id_blob", "id_off", "id_key", "id_order", "doc_sha",
        "doc_key", "doc_order", "label_code", "org_code", "source_blob", "source_off")


class SegmentError(Exception):
    """A segment on disk is missing, truncated or inconsistent (the index is rebuilt from SQLite)."""


def dir_bits_for(passages: int) -> int:
    """Bucket directory size: about 4 to 8 band entries per bucket."""
    return max(0, min(26, int(passages).bit_length() - 3))


def prefix_keys(digests: np.ndarray) -> np.ndarray:
    """The first 8 bytes of each 32-byte digest as a big-endian uint64 (the sort key)."""
    if not len(digests):
        return np.empty(0, dtype=np.uint64)
    return np.ascontiguousarray(digests[:, :8]).view(">u8").ravel().astype(np.uint64)


def id_hash(entry_id: str) -> int:
    return xxhash.xxh64_intdigest(entry_id.encode("utf-8"))


def _blob(strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8).copy(), offsets


def _digests(values: Sequence[bytes] | np.ndarray, what: str) -> np.ndarray:
    if isinstance(values, np.ndarray):
        return np.ascontiguousarray(values, dtype=np.uint8).reshape(-1, 32)
    data = b"".join(values)
    if len(data) != 32 * len(values):
        raise ValueError(f"{what}: every digest must be 32 bytes")
    return np.frombuffer(data, dtype=np.uint8).reshape(-1, 32).copy()


@dataclass(frozen=True)
class SegmentColumns:
    """What a new segment is built from: entries with their passages grouped in entry order."""

    entry_ids: Sequence[str]
    labels: Sequence[str]
    organisations: Sequence[str | None]
    sources: Sequence[str]
    doc_sha: Sequence[bytes] | np.ndarray
    entry_first: np.ndarray  # (entries + 1,) first passage row of each entry
    signatures: np.ndarray  # (passages, num_perm) uint32
    passage_sha: Sequence[bytes] | np.ndarray
    n_words: np.ndarray
    passage_idx: np.ndarray
    start: np.ndarray  # -1 where unknown
    end: np.ndarray


@dataclass(eq=False)
class Segment:
    """One segment's arrays (in memory, or memory-mapped from ``path``) and its tombstones."""

    arrays: dict[str, np.ndarray]
    meta: dict[str, Any]
    tomb_rows: np.ndarray  # uint8 bitmap over passages
    tomb_entries: np.ndarray  # bool over entries
    path: Path | None = None
    kernel: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if _kernel is not None:
            a = self.arrays
            self.kernel = _kernel.Segment(
                a["sig16"], a["band_hash"], a["band_row"], a["band_dir"], int(self.meta["dir_bits"]),
                self.tomb_rows, int(self.meta["bands"]), int(self.meta["num_perm"]),
            )

    @property
    def name(self) -> str:
        return str(self.meta["name"])

    @property
    def passages(self) -> int:
        return int(self.meta["passages"])

    @property
    def entries(self) -> int:
        return int(self.meta["entries"])

    def live_passages(self) -> int:
        return self.passages - int(np.unpackbits(self.tomb_rows, count=self.passages, bitorder="little").sum())

    def live_entries(self) -> int:
        return self.entries - int(self.tomb_entries.sum())

    def row_alive(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        return (self.tomb_rows[rows >> 3] & (1 << (rows & 7)).astype(np.uint8)) == 0

    def entry_of_rows(self, rows: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.arrays["entry_first"], rows, side="right") - 1

    def entry_id(self, entry_no: int) -> str:
        off = self.arrays["id_off"]
        return self.arrays["id_blob"][int(off[entry_no]) : int(off[entry_no + 1])].tobytes().decode("utf-8")

    def source(self, entry_no: int) -> str:
        off = self.arrays["source_off"]
        return self.arrays["source_blob"][int(off[entry_no]) : int(off[entry_no + 1])].tobytes().decode("utf-8")

    def label(self, entry_no: int) -> str:
        return str(self.meta["labels"][int(self.arrays["label_code"][entry_no])])

    def organisation(self, entry_no: int) -> str | None:
        code = int(self.arrays["org_code"][entry_no])
        return None if code == 0 else str(self.meta["organisations"][code - 1])

    def _under_key(self, key_name: str, order_name: str, key: int) -> list[int]:
        """The ``order_name`` values stored under ``key`` in a :func:`_sorted_lookup` pair: more
        than one where keys collide, so callers compare the full value."""
        keys = self.arrays[key_name]
        target = np.uint64(key)
        lo = hi = int(np.searchsorted(keys, target, side="left"))
        while hi < len(keys) and keys[hi] == target:  # a scan, not a second search: most keys miss
            hi += 1
        return [int(value) for value in self.arrays[order_name][lo:hi]] if hi > lo else []

    def find_entry(self, entry_id: str) -> int | None:
        """The live entry number of ``entry_id`` here, or None."""
        for entry_no in self._under_key("id_key", "id_order", id_hash(entry_id)):
            if not self.tomb_entries[entry_no] and self.entry_id(entry_no) == entry_id:
                return entry_no
        return None

    def rows_with_sha(self, sha: bytes) -> list[int]:
        """Live passage rows whose SHA-256 is ``sha``."""
        return [
            row
            for row in self._under_key("sha_key", "sha_row", int.from_bytes(sha[:8], "big"))
            if self.arrays["sha"][row].tobytes() == sha and self.row_alive(np.array([row]))[0]
        ]

    def entries_with_document(self, sha: bytes) -> list[int]:
        return [
            entry_no
            for entry_no in self._under_key("doc_key", "doc_order", int.from_bytes(sha[:8], "big"))
            if not self.tomb_entries[entry_no] and self.arrays["doc_sha"][entry_no].tobytes() == sha
        ]

    def remove_entry(self, entry_no: int) -> None:
        self.tomb_entries[entry_no] = True
        first, last = int(self.arrays["entry_first"][entry_no]), int(self.arrays["entry_first"][entry_no + 1])
        rows = np.arange(first, last, dtype=np.int64)
        np.bitwise_or.at(self.tomb_rows, rows >> 3, (1 << (rows & 7)).astype(np.uint8))

    def nbytes(self) -> tuple[int, int]:
        """(bytes held in memory, bytes mapped from disk)."""
        heap = self.tomb_rows.nbytes + self.tomb_entries.nbytes
        arrays = sum(array.nbytes for array in self.arrays.values())
        return (heap, arrays) if self.path is not None else (heap + arrays, 0)

    # -- lookups without the kernel (the reference the kernel is tested against) --------------

    def candidates_reference(self, band_hashes: np.ndarray) -> np.ndarray:
        """Rows sharing at least one band hash with the query (before tombstones), sorted."""
        a = self.arrays
        bits = int(self.meta["dir_bits"])
        found = []
        for j, h in enumerate(band_hashes.tolist()):
            bucket = h >> (32 - bits) if bits else 0
            lo, hi = int(a["band_dir"][j, bucket]), int(a["band_dir"][j, bucket + 1])
            hashes = a["band_hash"][j, lo:hi]
            found.append(a["band_row"][j, lo:hi][hashes == h])
        return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.uint32)


# -- building -----------------------------------------------------------------------------------


def _allocate(out_dir: Path | None, name: str, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """A new array, written straight to ``out_dir/name.npy`` when building on disk (so that big
    segments and compactions never hold two copies in memory)."""
    if out_dir is None:
        return np.empty(shape, dtype=dtype)
    return np.lib.format.open_memmap(out_dir / f"{name}.npy", mode="w+", dtype=dtype, shape=shape)


def _band_tables(
    pairs_of_band: Any, nb: int, bands: int, dir_bits: int, out_dir: Path | None
) -> dict[str, np.ndarray]:
    """Sorted band tables; ``pairs_of_band(j)`` returns band j's (hashes, rows), ``nb`` of each."""
    band_hash = _allocate(out_dir, "band_hash", (bands, nb), np.uint32)
    band_row = _allocate(out_dir, "band_row", (bands, nb), np.uint32)
    band_dir = _allocate(out_dir, "band_dir", (bands, (1 << dir_bits) + 1), np.uint32)
    for j in range(bands):
        h, rows = pairs_of_band(j)
        h = np.ascontiguousarray(h, dtype=np.uint32)
        order = np.argsort(h, kind="stable")
        sorted_h = h[order]
        band_hash[j] = sorted_h
        band_row[j] = np.asarray(rows)[order]
        buckets = sorted_h >> np.uint32(32 - dir_bits) if dir_bits else np.zeros(nb, np.int64)
        counts = np.bincount(buckets, minlength=1 << dir_bits)
        band_dir[j, 0] = 0
        np.cumsum(counts, out=band_dir[j, 1:])
    return {"band_hash": band_hash, "band_row": band_row, "band_dir": band_dir}


def _sorted_lookup(keys: np.ndarray, key_name: str, order_name: str) -> dict[str, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return {key_name: keys[order], order_name: order.astype(np.uint32)}


def _entry_arrays(
    entry_ids: Sequence[str], labels: Sequence[str], organisations: Sequence[str | None],
    sources: Sequence[str], doc_sha: np.ndarray,
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    label_names = sorted(set(labels))
    label_code = {name: i for i, name in enumerate(label_names)}
    org_names = sorted({o for o in organisations if o is not None})
    org_code = {name: i + 1 for i, name in enumerate(org_names)}
    id_blob, id_off = _blob(entry_ids)
    source_blob, source_off = _blob(sources)
    arrays = {
        "id_blob": id_blob,
        "id_off": id_off,
        **_sorted_lookup(np.fromiter((id_hash(i) for i in entry_ids), dtype=np.uint64, count=len(entry_ids)),
                         "id_key", "id_order"),
        "doc_sha": doc_sha,
        **_sorted_lookup(prefix_keys(doc_sha), "doc_key", "doc_order"),
        "label_code": np.fromiter((label_code[x] for x in labels), dtype=np.uint16, count=len(labels)),
        "org_code": np.fromiter((0 if o is None else org_code[o] for o in organisations), dtype=np.uint32,
                                count=len(organisations)),
        "source_blob": source_blob,
        "source_off": source_off,
    }
    return arrays, {"labels": label_names, "organisations": org_names}


def build_segment(
    columns: SegmentColumns, name: str, bands: int, rows: int, engine: Any = None, out_dir: Path | None = None
) -> Segment:
    """A new segment from columns (written under ``out_dir`` when given, else in memory)."""
    signatures = np.ascontiguousarray(columns.signatures, dtype=np.uint32)
    n, num_perm = signatures.shape
    entry_first = np.asarray(columns.entry_first, dtype=np.int64)
    m = len(columns.entry_ids)
    if len(entry_first) != m + 1 or entry_first[0] != 0 or entry_first[-1] != n or np.any(np.diff(entry_first) < 0):
        raise ValueError("entry_first must run from 0 to the number of passages, non-decreasing")
    n_words = np.asarray(columns.n_words, dtype=np.int32)
    lsh_rows = np.flatnonzero(n_words >= MIN_MATCH_WORDS).astype(np.uint32)
    if engine is not None:
        all_hashes = np.empty((len(lsh_rows), bands), dtype=np.uint32)
        engine.band_hashes(np.ascontiguousarray(signatures[lsh_rows]), all_hashes)
    else:
        all_hashes = reference_band_hashes(signatures[lsh_rows], bands, rows)
    dir_bits = dir_bits_for(len(lsh_rows))
    sha = _digests(columns.passage_sha, "passage sha256")
    arrays: dict[str, np.ndarray] = {
        "sig16": (signatures & np.uint32(0xFFFF)).astype(np.uint16),
        **_band_tables(lambda j: (all_hashes[:, j], lsh_rows), len(lsh_rows), bands, dir_bits, out_dir),
        "passage_idx": np.asarray(columns.passage_idx, dtype=np.int32),
        "n_words": n_words,
        "start": np.asarray(columns.start, dtype=np.int64),
        "end": np.asarray(columns.end, dtype=np.int64),
        "sha": sha,
        **_sorted_lookup(prefix_keys(sha), "sha_key", "sha_row"),
        "entry_first": entry_first,
    }
    entry_arrays, names = _entry_arrays(
        columns.entry_ids, columns.labels, columns.organisations, columns.sources,
        _digests(columns.doc_sha, "document sha256"),
    )
    arrays.update(entry_arrays)
    meta = {
        "format": SEGMENT_FORMAT, "name": name, "passages": int(n), "entries": int(m), "bands": bands,
        "rows": rows, "num_perm": int(num_perm), "dir_bits": dir_bits, **names,
    }
    tomb_rows = np.zeros((n + 7) // 8, dtype=np.uint8)
    tomb_entries = np.zeros(m, dtype=bool)
    if out_dir is not None:
        return _finish_on_disk(arrays, meta, tomb_rows, tomb_entries, out_dir)
    return Segment(arrays, meta, tomb_rows, tomb_entries)


def merge_segments(segments: Sequence[Segment], name: str, out_dir: Path | None = None) -> Segment:
    """One segment holding the live entries of ``segments`` (compaction): columns are filtered and
    concatenated, each band table re-sorted from the kept hashes (no signature is recomputed)."""
    first = segments[0].meta
    bands, rows_per_band, num_perm = int(first["bands"]), int(first["rows"]), int(first["num_perm"])
    live_rows = [np.flatnonzero(np.unpackbits(s.tomb_rows, count=s.passages, bitorder="little") == 0) for s in segments]
    live_entries = [np.flatnonzero(~s.tomb_entries) for s in segments]
    row_base = np.cumsum([0] + [len(r) for r in live_rows])
    n = int(row_base[-1])
    # new row number of every old row (-1 when dropped), per segment
    remaps = []
    for s, kept, base in zip(segments, live_rows, row_base[:-1], strict=True):
        remap = np.full(s.passages, -1, dtype=np.int64)
        remap[kept] = np.arange(len(kept), dtype=np.int64) + base
        remaps.append(remap)

    def gather(name_: str, dtype: Any, shape_tail: tuple[int, ...] = ()) -> np.ndarray:
        out = _allocate(out_dir, name_, (n, *shape_tail), dtype)
        for s, kept, base in zip(segments, live_rows, row_base[:-1], strict=True):
            for lo in range(0, len(kept), 1 << 20):  # bounded chunks: segments may be memory-mapped
                chunk = kept[lo : lo + (1 << 20)]
                out[base + lo : base + lo + len(chunk)] = s.arrays[name_][chunk]
        return out

    arrays: dict[str, np.ndarray] = {"sig16": gather("sig16", np.uint16, (num_perm,))}
    for column, dtype in (("passage_idx", np.int32), ("n_words", np.int32), ("start", np.int64), ("end", np.int64)):
        arrays[column] = gather(column, dtype)
    arrays["sha"] = gather("sha", np.uint8, (32,))
    arrays.update(_sorted_lookup(prefix_keys(np.asarray(arrays["sha"])), "sha_key", "sha_row"))

    def band_pairs(j: int) -> tuple[np.ndarray, np.ndarray]:
        hashes, rows = [], []
        for s_, remap in zip(segments, remaps, strict=True):
            new_rows = remap[np.asarray(s_.arrays["band_row"][j])]
            keep = new_rows >= 0
            hashes.append(np.asarray(s_.arrays["band_hash"][j])[keep])
            rows.append(new_rows[keep].astype(np.uint32))
        return np.concatenate(hashes), np.concatenate(rows)

    nb = sum(int(np.count_nonzero(remap[np.asarray(s_.arrays["band_row"][0])] >= 0))
             for s_, remap in zip(segments, remaps, strict=True))
    dir_bits = dir_bits_for(nb)
    arrays.update(_band_tables(band_pairs, nb, bands, dir_bits, out_dir))

    # entries
    counts = [np.diff(s.arrays["entry_first"])[kept] for s, kept in zip(segments, live_entries, strict=True)]
    entry_first = np.zeros(sum(len(k) for k in live_entries) + 1, dtype=np.int64)
    np.cumsum(np.concatenate(counts) if counts else np.empty(0, np.int64), out=entry_first[1:])
    ids: list[str] = []
    sources: list[str] = []
    labels: list[str] = []
    orgs: list[str | None] = []
    for s, kept in zip(segments, live_entries, strict=True):
        for entry_no in kept.tolist():
            ids.append(s.entry_id(entry_no))
            sources.append(s.source(entry_no))
            labels.append(s.label(entry_no))
            orgs.append(s.organisation(entry_no))
    doc_sha = (
        np.concatenate([np.asarray(s.arrays["doc_sha"])[kept] for s, kept in zip(segments, live_entries, strict=True)])
        if segments else np.empty((0, 32), np.uint8)
    )
    entry_arrays, names = _entry_arrays(ids, labels, orgs, sources, doc_sha)
    arrays["entry_first"] = entry_first
    arrays.update(entry_arrays)
    meta = {
        "format": SEGMENT_FORMAT, "name": name, "passages": n, "entries": len(ids), "bands": bands,
        "rows": rows_per_band, "num_perm": num_perm, "dir_bits": dir_bits, **names,
    }
    tomb_rows = np.zeros((n + 7) // 8, dtype=np.uint8)
    tomb_entries = np.zeros(len(ids), dtype=bool)
    if out_dir is not None:
        return _finish_on_disk(arrays, meta, tomb_rows, tomb_entries, out_dir)
    return Segment(arrays, meta, tomb_rows, tomb_entries)


# -- disk ---------------------------------------------------------------------------------------


def _finish_on_disk(
    arrays: dict[str, np.ndarray], meta: dict[str, Any], tomb_rows: np.ndarray, tomb_entries: np.ndarray,
    out_dir: Path,
) -> Segment:
    for name_, array in arrays.items():
        if isinstance(array, np.memmap):
            array.flush()
        else:
            np.save(out_dir / f"{name_}.npy", array)
    np.save(out_dir / "tomb_rows.npy", tomb_rows)
    np.save(out_dir / "tomb_entries.npy", tomb_entries)
    (out_dir / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    del arrays
    return open_segment(out_dir)


def new_segment_dir(index_dir: Path, name: str) -> Path:
    """A fresh temporary directory for a segment being written (renamed by ``publish``)."""
    tmp = index_dir / f"{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    return tmp


def publish(segment: Segment, index_dir: Path) -> Segment:
    """Move a segment written in a temporary directory to its final name and reopen it there."""
    assert segment.path is not None
    return _rename_into_place(segment.path, index_dir / segment.name)


def save_segment(segment: Segment, index_dir: Path) -> Segment:
    """Write an in-memory segment to ``index_dir/<name>`` (atomically: temp dir, then rename)."""
    tmp = new_segment_dir(index_dir, segment.name)
    for name_, array in segment.arrays.items():
        np.save(tmp / f"{name_}.npy", array)
    np.save(tmp / "tomb_rows.npy", segment.tomb_rows)
    np.save(tmp / "tomb_entries.npy", segment.tomb_entries)
    (tmp / "meta.json").write_text(json.dumps(segment.meta), encoding="utf-8")
    return _rename_into_place(tmp, index_dir / segment.name)


def _rename_into_place(tmp: Path, final: Path) -> Segment:
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
    return open_segment(final)


def save_tombstones(segment: Segment) -> None:
    """Rewrite the two tombstone files (each atomically)."""
    assert segment.path is not None
    for name_, array in (("tomb_rows", segment.tomb_rows), ("tomb_entries", segment.tomb_entries)):
        tmp = segment.path / f"{name_}.tmp.npy"
        np.save(tmp, array)
        os.replace(tmp, segment.path / f"{name_}.npy")


def open_segment(path: Path) -> Segment:
    """Memory-map a segment; any missing or inconsistent file is a SegmentError."""
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != SEGMENT_FORMAT:
            raise SegmentError(f"{path}: segment format {meta.get('format')!r}, expected {SEGMENT_FORMAT}")
        # plain ndarray views of the maps (the map stays open through .base): indexing a
        # np.memmap subclass costs a Python-level __array_finalize__ per result
        arrays = {name_: np.asarray(np.load(path / f"{name_}.npy", mmap_mode="r")) for name_ in _BIG}
        tomb_rows = np.array(np.load(path / "tomb_rows.npy"), dtype=np.uint8)
        tomb_entries = np.array(np.load(path / "tomb_entries.npy"), dtype=bool)
        n, m = int(meta["passages"]), int(meta["entries"])
        expected = {
            "sig16": (n, int(meta["num_perm"])), "sha": (n, 32), "n_words": (n,), "entry_first": (m + 1,),
            "doc_sha": (m, 32), "band_dir": (int(meta["bands"]), (1 << int(meta["dir_bits"])) + 1),
        }
        for name_, shape in expected.items():
            if arrays[name_].shape != shape:
                raise SegmentError(f"{path}: {name_}.npy has shape {arrays[name_].shape}, expected {shape}")
        if arrays["band_hash"].shape != arrays["band_row"].shape or tomb_rows.shape != ((n + 7) // 8,) \
                or tomb_entries.shape != (m,):
            raise SegmentError(f"{path}: band or tombstone arrays do not match the segment's size")
        return Segment(arrays, meta, tomb_rows, tomb_entries, path=path)
    except SegmentError:
        raise
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise SegmentError(f"{path}: cannot open segment: {exc}") from exc


def disk_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
