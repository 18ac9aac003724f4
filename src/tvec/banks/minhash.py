"""MinHash signatures over word shingles, vectorised with numpy.

Signatures are exported and shared between platforms, so every step is fixed and documented
(``docs/bank-format.md``) rather than left to library defaults: no Python ``hash()`` (salted
per process), no numpy ``Generator`` streams (not promised stable across numpy versions).

- shingles: every run of ``k`` consecutive words, joined by one space (a passage with fewer
  than ``k`` words is one shingle of all its words);
- shingle hash ``x``: the low 32 bits of xxh3-64 (seed 0) of the shingle's UTF-8 bytes;
- permutation ``i``: ``h_i(x) = ((a_i * x + b_i) mod 2**64) >> 32``, Dietzfelbinger's
  multiply-add-shift family (universal for 32-bit keys with 64-bit arithmetic), with ``b_i``
  and odd ``a_i`` taken from a splitmix64 stream started at ``seed`` (``a_i`` = values 0..n-1
  with the lowest bit set, ``b_i`` = values n..2n-1). It needs no modulo, which is the slowest
  numpy integer operation: a 60-word passage is signed in ~20 microseconds;
- signature value ``i``: the minimum of ``h_i`` over the shingles, a uint32.

k = 3: with 10% of words changed at random, about 0.9**3 = 73% of 3-shingles survive, i.e. an
expected Jaccard of ~0.57 — above the 0.5 default threshold — while word 3-shingles shared by
unrelated texts are rare enough to keep chance matches near zero. k = 2 would tolerate heavier
editing but lets stock phrases ("in the", "of the") weigh more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import xxhash

DEFAULT_K = 3
DEFAULT_NUM_PERM = 128
DEFAULT_SEED = 0x74766563  # "tvec"
SCHEME_PREFIX = "tvec-minhash-v1"

_MASK64 = (1 << 64) - 1
_CHUNK = 1 << 13  # shingles per block in bulk signing: 128 x 8192 x 8 bytes = 8 MiB


def _splitmix64(seed: int, count: int) -> list[int]:
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


def sha256_words(words: Sequence[str]) -> bytes:
    """The exact-match hash: SHA-256 of the words joined by single spaces, UTF-8."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).digest()


class MinHasher:
    """Computes MinHash signatures for one scheme (k, number of permutations, seed)."""

    def __init__(self, k: int = DEFAULT_K, num_perm: int = DEFAULT_NUM_PERM, seed: int = DEFAULT_SEED) -> None:
        if k < 1 or num_perm < 1:
            raise ValueError(f"k and num_perm must be positive (got k={k}, num_perm={num_perm})")
        self.k = k
        self.num_perm = num_perm
        self.seed = seed
        stream = _splitmix64(seed, 2 * num_perm)
        self._a = np.array([v | 1 for v in stream[:num_perm]], dtype=np.uint64)[:, None]
        self._b = np.array(stream[num_perm:], dtype=np.uint64)[:, None]

    @property
    def scheme(self) -> str:
        """Names everything a signature depends on; banks with different schemes do not mix."""
        return f"{SCHEME_PREFIX}:k={self.k}:perm={self.num_perm}:seed={self.seed}"

    def shingle_hashes(self, words: Sequence[str]) -> np.ndarray:
        """The 32-bit hashes (as uint64) of the word k-shingles of one passage."""
        k = self.k
        if len(words) <= k:
            shingles = [" ".join(words)]
        else:
            shingles = [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]
        digest = xxhash.xxh3_64_intdigest
        hashes = np.array([digest(s.encode("utf-8")) for s in shingles], dtype=np.uint64)
        return hashes & np.uint64(0xFFFFFFFF)

    def signature(self, words: Sequence[str]) -> np.ndarray:
        """The signature of one passage: ``num_perm`` uint32 values."""
        return self.signatures([words])[0]

    def signatures(self, passages: Sequence[Sequence[str]]) -> np.ndarray:
        """Signatures of many passages at once, shape ``(len(passages), num_perm)``, uint32.

        All shingle hashes are concatenated and permuted block by block in one numpy operation,
        then reduced per passage with ``minimum.reduceat``; a Python loop runs only over shingles
        (for hashing) and blocks.
        """
        out = np.empty((len(passages), self.num_perm), dtype=np.uint32)
        if not passages:
            return out
        hashes = [self.shingle_hashes(words) for words in passages]
        if len(hashes) == 1:  # the scan path: one passage, no bookkeeping
            out[0] = self._permuted(hashes[0]).min(axis=1) >> np.uint64(32)
            return out
        counts = np.fromiter((len(h) for h in hashes), dtype=np.int64, count=len(hashes))
        flat = np.concatenate(hashes)
        offsets = np.concatenate(([0], np.cumsum(counts)))
        # whole passages per block, so that reduceat never straddles two blocks
        first = 0
        while first < len(passages):
            last = int(np.searchsorted(offsets, offsets[first] + _CHUNK, side="right")) - 1
            last = max(last, first + 1)
            lo, hi = int(offsets[first]), int(offsets[last])
            starts = (offsets[first:last] - lo).astype(np.intp)
            minima = np.minimum.reduceat(self._permuted(flat[lo:hi]), starts, axis=1)
            out[first:last] = (minima >> np.uint64(32)).T
            first = last
        return out

    def _permuted(self, hashes: np.ndarray) -> np.ndarray:
        """``(a_i * x + b_i) mod 2**64`` for every permutation i and shingle hash x (wrapping
        uint64 arithmetic). The ``>> 32`` is applied after the minimum: it is monotonic, so
        the result is the same and the shift runs on 128 values instead of 128 per shingle."""
        block = np.multiply(self._a, hashes[None, :])
        block += self._b
        return block


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
