"""MinHash signatures over word shingles (scheme ``tvec-minhash-v2``).

Signatures are exported and shared between platforms, so every step is fixed and documented
(``docs/bank-format.md``) rather than left to library defaults: no Python ``hash()`` (salted
per process), no numpy ``Generator`` streams (not promised stable across numpy versions).

The input is a passage KEY: its words joined by single spaces (words never contain whitespace;
the key is split on ASCII whitespace). Then:

- word hash ``w``: XXH64 (seed 0) of the word's UTF-8 bytes;
- shingles: every run of ``k`` consecutive words (a passage of at most ``k`` words is one
  shingle of all its words); the shingle hash folds its word hashes in order,
  ``s = seed; s = (s ^ w) * 0x9E3779B97F4A7C15 mod 2**64; s ^= s >> 32`` per word, and keeps the
  low 32 bits of the splitmix64 finaliser of ``s``. Hashing words once and folding them is k
  times less hashing than hashing every shingle's bytes, with the same collision behaviour;
- permutation ``i``: ``h_i(x) = ((a_i * x + b_i) mod 2**64) >> 32``, Dietzfelbinger's
  multiply-add-shift family (universal for 32-bit keys with 64-bit arithmetic), with ``b_i``
  and odd ``a_i`` taken from a splitmix64 stream started at ``seed`` (``a_i`` = values 0..n-1
  with the lowest bit set, ``b_i`` = values n..2n-1);
- signature value ``i``: the minimum of ``h_i`` over the shingles, a uint32.

k = 2 (v1 used 3): with ~10% of words substituted, inserted or deleted, about 0.9**2 = 81% of
word pairs survive, an expected Jaccard of ~0.68 against ~0.57 for 3-shingles, which leaves a wide
margin above the decision threshold, while unrelated passages share only stock pairs ("of the")
and stay near 0.02 (calibration in bench/results/banks.json, docs/bank-performance.md).

The compiled kernel (``tvec.banks._kernel``, built by setup.py) computes exactly the same values
as the numpy reference below; the reference runs where the kernel could not be built, and the
tests check them against each other.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import xxhash

try:  # the compiled hot path; optional so that an install without a C compiler still works
    from tvec.banks import _kernel
except ImportError:  # pragma: no cover - exercised only where the extension failed to build
    _kernel = None

DEFAULT_K = 2
DEFAULT_NUM_PERM = 128
DEFAULT_SEED = 0x74766563  # "tvec"
SCHEME_PREFIX = "tvec-minhash-v2"
KERNEL_AVAILABLE = _kernel is not None

_MASK64 = (1 << 64) - 1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_CHUNK = 1 << 13  # shingles per block in bulk numpy signing: 128 x 8192 x 8 bytes = 8 MiB
_ASCII_SPACE = re.compile(rb"[ \t\n\r\f\v]+")


def splitmix64(seed: int, count: int) -> list[int]:
    """A fully specified pseudo-random stream (Steele et al. 2014), identical on every platform."""
    state = seed & _MASK64
    out = []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & _MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        out.append(z ^ (z >> 31))
    return out


_splitmix64 = splitmix64  # the v1 name, kept for callers


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on uint64 arrays (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M2
        x = (x ^ (x >> np.uint64(27))) * _M3
        return x ^ (x >> np.uint64(31))


def fold(state: np.ndarray, values: np.ndarray) -> np.ndarray:
    """One step of the order-sensitive fold used for shingles and LSH bands."""
    with np.errstate(over="ignore"):
        state = (state ^ values) * _GOLDEN
        return state ^ (state >> np.uint64(32))


def sha256_words(words: Sequence[str]) -> bytes:
    """The exact-match hash: SHA-256 of the words joined by single spaces, UTF-8."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).digest()


def key_words(key: str | bytes) -> list[bytes]:
    """The words of a passage key as the kernel sees them: split on ASCII whitespace."""
    data = key.encode("utf-8") if isinstance(key, str) else key
    return [w for w in _ASCII_SPACE.split(data) if w]


class MinHasher:
    """Computes MinHash signatures for one scheme (k, number of permutations, seed)."""

    def __init__(self, k: int = DEFAULT_K, num_perm: int = DEFAULT_NUM_PERM, seed: int = DEFAULT_SEED) -> None:
        if k < 1 or num_perm < 1:
            raise ValueError(f"k and num_perm must be positive (got k={k}, num_perm={num_perm})")
        self.k = k
        self.num_perm = num_perm
        self.seed = seed
        stream = splitmix64(seed, 2 * num_perm)
        self.a = np.array([v | 1 for v in stream[:num_perm]], dtype=np.uint64)
        self.b = np.array(stream[num_perm:], dtype=np.uint64)
        self._a = self.a[:, None]
        self._b = self.b[:, None]
        self._engine: Any = None

    @property
    def scheme(self) -> str:
        """Names everything a signature depends on; banks with different schemes do not mix."""
        return f"{SCHEME_PREFIX}:k={self.k}:perm={self.num_perm}:seed={self.seed}"

    def engine(self, band_salts: np.ndarray, rows: int, layout: np.ndarray) -> Any:
        """A compiled engine for this scheme and an LSH layout (``tvec.banks.lsh.band_layout``),
        or None without the kernel."""
        if _kernel is None:
            return None
        return _kernel.Engine(
            self.k,
            self.a.astype("<u8").tobytes(),
            self.b.astype("<u8").tobytes(),
            np.asarray(band_salts, dtype="<u8").tobytes(),
            rows,
            self.seed,
            np.asarray(layout, dtype="<u2").tobytes(),
        )

    def _signing_engine(self) -> Any:
        if self._engine is None and _kernel is not None:
            self._engine = self.engine(np.zeros(1, dtype=np.uint64), 1, np.zeros(1, dtype=np.uint16))
        return self._engine

    # -- the numpy reference ---------------------------------------------------------------------

    def shingle_hashes(self, words: Sequence[str]) -> np.ndarray:
        """The 32-bit hashes (as uint64) of the word k-shingles of one passage."""
        return self.key_shingle_hashes(" ".join(words))

    def key_shingle_hashes(self, key: str | bytes) -> np.ndarray:
        word_hashes = np.array(
            [xxhash.xxh64_intdigest(w) for w in key_words(key)], dtype=np.uint64
        )
        n, k = len(word_hashes), self.k
        count = 1 if n <= k else n - k + 1
        width = min(n, k)
        state = np.full(count, self.seed, dtype=np.uint64)
        for j in range(width):
            state = fold(state, word_hashes[j : j + count])
        return mix64(state) & np.uint64(0xFFFFFFFF)

    def reference_signatures(self, keys: Sequence[str | bytes]) -> np.ndarray:
        """Signatures computed with numpy only (the definition the kernel is tested against).

        All shingle hashes are concatenated and permuted block by block in one numpy operation,
        then reduced per passage with ``minimum.reduceat``."""
        out = np.empty((len(keys), self.num_perm), dtype=np.uint32)
        if not len(keys):
            return out
        hashes = [self.key_shingle_hashes(key) for key in keys]
        counts = np.fromiter((len(h) for h in hashes), dtype=np.int64, count=len(hashes))
        flat = np.concatenate(hashes)
        offsets = np.concatenate(([0], np.cumsum(counts)))
        first = 0
        while first < len(keys):  # whole passages per block, so reduceat never straddles two
            last = int(np.searchsorted(offsets, offsets[first] + _CHUNK, side="right")) - 1
            last = max(last, first + 1)
            lo, hi = int(offsets[first]), int(offsets[last])
            starts = (offsets[first:last] - lo).astype(np.intp)
            with np.errstate(over="ignore"):
                block = np.multiply(self._a, flat[None, lo:hi])
                block += self._b
            minima = np.minimum.reduceat(block, starts, axis=1)
            out[first:last] = (minima >> np.uint64(32)).T
            first = last
        return out

    # -- the public API (compiled when available) ------------------------------------------------

    def signature(self, words: Sequence[str]) -> np.ndarray:
        """The signature of one passage: ``num_perm`` uint32 values."""
        return self.signatures([words])[0]

    def signatures(self, passages: Sequence[Sequence[str]]) -> np.ndarray:
        """Signatures of many passages (word lists) at once, shape ``(len(passages), num_perm)``."""
        return self.signatures_of_keys([" ".join(words) for words in passages])

    def signatures_of_keys(self, keys: Sequence[str | bytes]) -> np.ndarray:
        """Signatures of passage keys (words joined by single spaces), uint32 ``(n, num_perm)``."""
        engine = self._signing_engine()
        if engine is None:
            return self.reference_signatures(keys)
        out = np.empty((len(keys), self.num_perm), dtype=np.uint32)
        engine.sign(keys, out)
        return out


def to_bytes(signature: np.ndarray) -> bytes:
    """Little-endian uint32 bytes, the stored and exported form."""
    return np.asarray(signature, dtype="<u4").tobytes()


def from_bytes(data: bytes, num_perm: int = DEFAULT_NUM_PERM) -> np.ndarray:
    if len(data) != 4 * num_perm:
        raise ValueError(f"a signature is {4 * num_perm} bytes, got {len(data)}")
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def estimate_jaccard(signatures: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of ``query`` with each row of ``signatures``."""
    return np.mean(np.atleast_2d(signatures) == query[None, :], axis=1)
