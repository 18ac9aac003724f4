"""Banded LSH over MinHash signatures: which signature values form each band, and band hashes.

A band is ``rows`` signature values; two passages become candidates when any band is identical.
For true Jaccard ``s`` and ``bands`` independent bands that happens with probability

    P(s) = 1 - (1 - s**rows) ** bands

The 128 values make 32 disjoint bands of 4. The index uses 16 more bands of 4 values taken in
another order (value ``37 * i mod 128``), so each extra band mixes values of four different
disjoint bands: 48 bands over the same 128 values. They are not fully independent of the first
32, but a pair of passages at the low end of edited copies (s = 0.55-0.6), the only place where
32 bands miss (1-3% of such pairs), is retrieved about ten times more reliably, at one third more
band-table memory and probes. With 48 bands, ``P`` (independence assumed, so a slight
overestimate for the extra bands):

    s      0.2    0.3    0.4    0.5    0.6    0.7    0.8
    P(s)   0.074  0.323  0.712  0.955  0.9987 1.000  1.000

Unrelated passages (s ~ 0.02-0.1) stay below 0.005, and every candidate is verified on its
estimated Jaccard anyway. Band hashes are 32 bits: the band's values folded in order from a
per-band salt, then the high half of the splitmix64 finaliser (``band_hashes``, the reference the
compiled kernel and the on-disk segments agree with).
"""

from __future__ import annotations

import numpy as np

from tvec.banks.minhash import fold, mix64, splitmix64

DEFAULT_BANDS = 48
DEFAULT_ROWS = 4
BAND_SEED = 0x62616E64  # "band"
_STRIDE = 37  # prime: i -> 37 * i mod num_perm permutes the values unless 37 divides num_perm


def candidate_probability(similarity: float, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS) -> float:
    """Probability that two passages of Jaccard ``similarity`` share at least one band
    (independent bands assumed)."""
    return 1.0 - (1.0 - similarity**rows) ** bands


def band_layout(bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS, num_perm: int = 128) -> np.ndarray:
    """Which signature value each band row takes, shape ``(bands * rows,)``: disjoint consecutive
    groups first, then groups of the values in the order ``37 * i mod num_perm`` (repeating
    that order as often as needed). Every band has ``rows`` distinct values."""
    if bands < 1 or rows < 1 or rows > num_perm:
        raise ValueError(f"bands and rows must be positive and rows <= {num_perm} (got {bands}x{rows})")
    disjoint = num_perm // rows
    stride = _STRIDE if np.gcd(_STRIDE, num_perm) == 1 else 1
    order = (np.arange(num_perm, dtype=np.int64) * stride) % num_perm
    layout = []
    for band in range(bands):
        if band < disjoint:
            layout.extend(range(band * rows, band * rows + rows))
        else:
            start = (band - disjoint) * rows
            layout.extend(int(order[(start + t) % num_perm]) for t in range(rows))
    return np.asarray(layout, dtype=np.uint16)


def band_salts(bands: int) -> np.ndarray:
    """The per-band starting states of the band fold (a splitmix64 stream from BAND_SEED)."""
    return np.array(splitmix64(BAND_SEED, bands), dtype=np.uint64)


def band_hashes(signatures: np.ndarray, bands: int = DEFAULT_BANDS, rows: int = DEFAULT_ROWS) -> np.ndarray:
    """The 32-bit hash of every band of every signature, shape ``(n, bands)`` uint32."""
    signatures = np.atleast_2d(signatures)
    layout = band_layout(bands, rows, signatures.shape[1])
    values = signatures[:, layout].reshape(len(signatures), bands, rows).astype(np.uint64)
    state = np.broadcast_to(band_salts(bands), (len(signatures), bands)).copy()
    for t in range(rows):
        state = fold(state, values[:, :, t])
    return (mix64(state) >> np.uint64(32)).astype(np.uint32)
