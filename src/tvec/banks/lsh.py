"""Banded LSH over MinHash signatures: candidate retrieval in sorted numpy arrays.

A signature of ``bands * rows`` values is cut into ``bands`` bands; two passages become
candidates when any band is identical. For true Jaccard ``s`` that happens with probability

    P(s) = 1 - (1 - s**rows) ** bands

The default 32 bands x 4 rows gives (threshold of the S-curve ~ (1/32)**(1/4) = 0.42):

    s      0.2    0.3    0.4    0.5    0.6    0.7    0.8
    P(s)   0.050  0.229  0.564  0.873  0.988  1.000  1.000

so passages at the 0.5 decision threshold are retrieved 87% of the time, edited copies at
s ~ 0.6 99%, and most of the pairs retrieved below 0.5 are then dropped by the Jaccard estimate.

Each band is folded into one uint64 key (band number mixed in), and all keys live in ONE sorted
array searched with ``np.searchsorted``: building is one argsort, a query is one vectorised
search for all bands of all query passages, and memory is 12 bytes per band per passage. Rows
added later go to a small unsorted tail that is merged in once it grows, so adding an entry
does not re-sort the whole bank.
"""

from __future__ import annotations

import numpy as np

from tvec.banks.minhash import fold, mix64, splitmix64

DEFAULT_BANDS = 32
DEFAULT_ROWS = 4
_MERGE_AT = 1 << 14  # tail keys before a merge into the sorted array

_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)


BAND_SEED = 0x62616E64  # "band"


def band_salts(bands: int) -> np.ndarray:
    """The per-band starting states of the band fold (a splitmix64 stream from BAND_SEED)."""
    return np.array(splitmix64(BAND_SEED, bands), dtype=np.uint64)


def band_hashes(signatures: np.ndarray, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS) -> np.ndarray:
    """The 32-bit hash of every band of every signature, shape ``(n, bands)`` uint32: the band's
    values folded in order from the band's salt, then the high half of the splitmix64 finaliser.
    This is the numpy reference of the on-disk segments' band tables (``tvec.banks.segments``)
    and of the compiled kernel's query side."""
    signatures = np.atleast_2d(signatures)
    needed = bands * rows
    if signatures.shape[1] < needed:
        raise ValueError(f"signatures have {signatures.shape[1]} values, LSH needs {needed}")
    values = signatures[:, :needed].reshape(len(signatures), bands, rows).astype(np.uint64)
    state = np.broadcast_to(band_salts(bands), (len(signatures), bands)).copy()
    for t in range(rows):
        state = fold(state, values[:, :, t])
    return (mix64(state) >> np.uint64(32)).astype(np.uint32)


def candidate_probability(similarity: float, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS) -> float:
    """Probability that two passages of Jaccard ``similarity`` share at least one band."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the bits of uint64 values (wrapping arithmetic)."""
    x = (x ^ (x >> np.uint64(30))) * _M2
    x = (x ^ (x >> np.uint64(27))) * _M3
    return x ^ (x >> np.uint64(31))


class LshIndex:
    """Maps band keys to integer row ids (the caller's passage rows)."""

    def __init__(self, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS) -> None:
        if bands < 1 or rows < 1:
            raise ValueError(f"bands and rows must be positive (got {bands}x{rows})")
        self.bands = bands
        self.rows = rows
        self._keys = np.empty(0, dtype=np.uint64)
        self._ids = np.empty(0, dtype=np.int64)
        self._tail_keys: list[np.ndarray] = []
        self._tail_ids: list[np.ndarray] = []
        self._tail_size = 0
        with np.errstate(over="ignore"):
            self._multipliers = _mix(np.arange(1, rows + 1, dtype=np.uint64) * _M1) | np.uint64(1)
            self._salts = _mix(np.arange(bands, dtype=np.uint64) + np.uint64(rows) * _M1)

    def __len__(self) -> int:
        return (len(self._keys) + self._tail_size) // self.bands

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """uint64 key of every band of every signature, shape ``(n, bands)``: a polynomial hash
        of the band's values (wrapping uint64 arithmetic, one matrix product) plus a per-band
        salt, so equal values in different bands do not collide. A rare chance collision only
        adds a candidate, which the Jaccard estimate then rejects."""
        signatures = np.atleast_2d(signatures)
        needed = self.bands * self.rows
        if signatures.shape[1] < needed:
            raise ValueError(f"signatures have {signatures.shape[1]} values, LSH needs {needed}")
        values = signatures[:, :needed].reshape(len(signatures), self.bands, self.rows).astype(np.uint64)
        keys = values @ self._multipliers
        keys += self._salts
        return keys

    def add(self, signatures: np.ndarray, ids: np.ndarray) -> None:
        if not len(ids):
            return
        keys = self.band_keys(signatures)
        ids = np.repeat(np.asarray(ids, dtype=np.int64), self.bands)
        self._tail_keys.append(keys.ravel())
        self._tail_ids.append(ids)
        self._tail_size += keys.size
        if self._tail_size >= _MERGE_AT or len(self._keys) == 0:
            self._merge()

    def _merge(self) -> None:
        keys = np.concatenate([self._keys, *self._tail_keys])
        ids = np.concatenate([self._ids, *self._tail_ids])
        order = np.argsort(keys, kind="stable")
        self._keys, self._ids = keys[order], ids[order]
        self._tail_keys, self._tail_ids, self._tail_size = [], [], 0

    def query(self, signatures: np.ndarray) -> list[np.ndarray]:
        """For each query signature, the unique ids sharing at least one band with it."""
        keys = self.band_keys(signatures)
        flat = keys.ravel()
        lo = np.searchsorted(self._keys, flat, side="left")
        hi = np.searchsorted(self._keys, flat, side="right")
        lengths = hi - lo
        counts = lengths.reshape(keys.shape).sum(axis=1)
        # gather every [lo, hi) range at once: positions lo[j] + 0..lengths[j]-1
        total = int(lengths.sum())
        run_starts = np.cumsum(lengths) - lengths
        positions = np.repeat(lo - run_starts, lengths) + np.arange(total)
        hits = self._ids[positions]
        out: list[np.ndarray] = []
        position = 0
        tail_keys = np.concatenate(self._tail_keys) if self._tail_keys else None
        tail_ids = np.concatenate(self._tail_ids) if self._tail_ids else None
        for q, count in enumerate(counts.tolist()):
            found = hits[position : position + count]
            position += count
            if tail_keys is not None and tail_ids is not None:
                found = np.concatenate([found, tail_ids[np.isin(tail_keys, keys[q])]])
            out.append(np.unique(found))
        return out
