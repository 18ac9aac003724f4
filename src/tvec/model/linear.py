"""The fast first stage: hashed n-gram features of the normalised text, one calibrated logistic
regression per category.

Why this shape: it scores thousands of sentences a second on one core with numpy alone (no
scikit-learn at run time), it works for every script the normaliser handles (character n-grams
carry Arabic, Devanagari and Roman Urdu as well as English), and every score decomposes exactly
into per-word contributions, which is what :meth:`LinearModel.explain` returns to a reviewer.

Features (all from :func:`tvec.normalise.normalise` output, so obfuscation folds away first):

* word unigrams and bigrams;
* character n-grams (2-5 by default) inside each word padded with spaces, so ``" kil"``
  marks a word start; words longer than 40 characters contribute only their first 40;
* each emitted feature has value ``1/sqrt(n)`` (``n`` = features emitted by the text), an
  L2-style length normalisation that needs no de-duplication and is identical at training
  and run time;
* hashed with xxh64 (seeded, stable across platforms and Python versions, unlike ``hash()``)
  into ``2**n_bits`` buckets.

On disk a model is a directory with ``model.json`` (categories, feature settings, Platt
calibration, training metadata) and ``weights.npz`` (per category the indices and float16
values of the weights kept after pruning, plus float32 biases). No pickle.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

from tvec.errors import ConfigurationError
from tvec.model.identity_terms import mask_words
from tvec.normalise import normalise_text

try:  # the compiled feature hashing (setup.py); the Python code below is its reference
    from tvec.model import _features
except ImportError:  # pragma: no cover - an install without a C compiler
    _features = None

#: whether this install has the compiled feature hashing (same indices either way, see
#: tests/test_features_kernel.py; only the speed differs)
KERNEL_AVAILABLE = _features is not None

FORMAT_VERSION = 1
_HASH_SEED = 0x7EC
_MAX_WORD_CHARS = 40
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class FeatureConfig:
    n_bits: int = 20
    word_ngrams: int = 2  # word n-grams of length 1..word_ngrams
    char_min: int = 2
    char_max: int = 5
    #: identity and religious words become one placeholder (:mod:`tvec.model.identity_terms`)
    mask_identities: bool = False

    def __post_init__(self) -> None:
        if not 10 <= self.n_bits <= 24:
            raise ValueError(f"n_bits {self.n_bits} outside [10, 24]")
        if self.word_ngrams not in (1, 2):
            raise ValueError(f"word_ngrams {self.word_ngrams} must be 1 or 2")
        if not 1 <= self.char_min <= self.char_max <= 8:
            raise ValueError(f"char n-gram range [{self.char_min}, {self.char_max}] invalid")

    @property
    def size(self) -> int:
        return 1 << self.n_bits


class HashingFeaturiser:
    """Texts (already normalised) -> hashed feature indices and values.

    Each distinct word's unigram and character n-gram indices are computed once and kept in a
    bounded per-instance cache; word frequencies are Zipfian, so after a few hundred sentences
    almost every word is a cache hit and featurising costs a dictionary lookup per word.

    The words and word pairs a stream has not seen yet are hashed by the compiled module
    ``tvec.model._features`` when it is installed (``use_kernel=False`` forces the Python code,
    which is the reference it is tested against): on a first pass over new documents they were
    most of the featuriser's time.
    """

    def __init__(self, config: FeatureConfig, *, use_kernel: bool = True) -> None:
        self.config = config
        self._mask = config.size - 1
        self._kernel = _features if use_kernel else None
        self._cache: dict[str, np.ndarray] = {}
        self._bigram_cache: dict[tuple[str, str], int] = {}
        self._slices_by_size: dict[int, tuple[tuple[int, int], ...]] = {}

    def _index(self, token: str) -> int:
        return xxhash.xxh64_intdigest(token.encode("utf-8"), seed=_HASH_SEED) & self._mask

    def word_grams(self, word: str) -> list[str]:
        """The unigram feature name and the character n-grams of one word."""
        cfg = self.config
        padded = f" {word[:_MAX_WORD_CHARS]} "
        grams = [f"w:{word}"]
        for n in range(cfg.char_min, cfg.char_max + 1):
            grams.extend(f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1))
        return grams

    def word_indices(self, word: str) -> np.ndarray:
        """The feature indices of one word (its unigram and character n-grams)."""
        return self._word(word)

    def _word(self, word: str) -> np.ndarray:
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            digest, mask = xxhash.xxh64_intdigest, self._mask  # _index, inlined: the cold path
            if self._kernel is not None:
                cached = self._cache[word] = self.new_word_indices([word])[0]
                return cached
            if word.isascii():
                # an ASCII word's character n-grams are byte slices of its encoding: one encode
                # per word instead of one per n-gram (the hashed bytes are the same)
                padded = f" {word[:_MAX_WORD_CHARS]} ".encode("ascii")
                grams = [b"c:" + padded[i:j] for i, j in self._slices(len(padded))]
                indices = [digest(f"w:{word}".encode("ascii"), _HASH_SEED) & mask]
                indices += [digest(g, _HASH_SEED) & mask for g in grams]
            else:
                indices = [digest(g.encode("utf-8"), _HASH_SEED) & mask for g in self.word_grams(word)]
            cached = self._cache[word] = np.array(indices, dtype=np.int32)
        return cached

    def new_word_indices(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(indices, lengths)``: the :meth:`word_indices` of each word, concatenated (int32),
        and how many each word has - for a batch of words not seen yet, without filling the
        per-word cache (the caller keeps what it needs)."""
        if self._kernel is not None:
            cfg = self.config
            raw, lengths = self._kernel.word_indices(
                words, _HASH_SEED, self._mask, cfg.char_min, cfg.char_max, _MAX_WORD_CHARS
            )
            return np.frombuffer(raw, dtype=np.int32), np.frombuffer(lengths, dtype=np.int64)
        arrays = [self._word(w) for w in words]
        lengths_py = np.fromiter((len(a) for a in arrays), dtype=np.int64, count=len(arrays))
        indices = np.concatenate(arrays) if arrays else np.empty(0, dtype=np.int32)
        return indices, lengths_py

    def bigram_indices_many(self, texts: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """``(indices, counts)``: the word-pair indices of every text's words, concatenated
        (intp), and how many pairs each text has - what :meth:`transform` emits for the pairs."""
        if self.config.word_ngrams < 2:
            return np.empty(0, dtype=np.intp), np.zeros(len(texts), dtype=np.int64)
        if self._kernel is not None:
            raw, counts = self._kernel.bigram_indices(texts, _HASH_SEED, self._mask)
            return np.frombuffer(raw, dtype=np.int64).astype(np.intp, copy=False), np.frombuffer(counts, dtype=np.int64)
        out: list[int] = []
        totals = [0] * len(texts)
        for i, words in enumerate(texts):
            self.add_bigram_indices(words, out)
            totals[i] = len(out)
        counts_py = np.diff(np.asarray(totals, dtype=np.int64), prepend=0)
        return np.asarray(out, dtype=np.intp), counts_py

    def _slices(self, size: int) -> tuple[tuple[int, int], ...]:
        """The ``(start, end)`` of every character n-gram of a padded word of ``size``
        characters, in :meth:`word_grams` order (kept per size: at most 42 of them)."""
        slices = self._slices_by_size.get(size)
        if slices is None:
            cfg = self.config
            slices = tuple((i, i + n) for n in range(cfg.char_min, cfg.char_max + 1) for i in range(size - n + 1))
            self._slices_by_size[size] = slices
        return slices

    def _bigrams(self, words: Sequence[str]) -> np.ndarray:
        if self.config.word_ngrams < 2 or len(words) < 2:
            return np.empty(0, dtype=np.int32)
        return np.fromiter(
            (self._index(f"b:{a} {b}") for a, b in itertools.pairwise(words)), dtype=np.int32, count=len(words) - 1
        )

    def add_bigram_indices(self, words: Sequence[str], out: list[int]) -> None:
        """Append the bigram indices of :meth:`transform` to ``out``, each pair's index kept in
        a bounded cache (frequent pairs - "of the", "said the" - recur in every document)."""
        if self.config.word_ngrams < 2 or len(words) < 2:
            return
        cache = self._bigram_cache
        found = list(map(cache.get, itertools.pairwise(words)))
        if None in found:
            digest, mask = xxhash.xxh64_intdigest, self._mask  # _index, inlined: the cold path
            for k, index in enumerate(found):
                if index is None:
                    pair = (words[k], words[k + 1])
                    index = cache.get(pair)  # the same pair twice in one text
                    if index is None:
                        if len(cache) >= _CACHE_LIMIT:
                            cache.clear()
                        index = cache[pair] = digest(f"b:{pair[0]} {pair[1]}".encode(), _HASH_SEED) & mask
                    found[k] = index
        out.extend(found)

    def words(self, text: str) -> list[str]:
        """The words features are made of: the normalised text's, identity terms masked when
        the configuration says so."""
        words = text.split()
        return mask_words(words) if self.config.mask_identities else words

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(indices, values, indptr)`` in CSR layout: text ``i`` owns ``indptr[i]:indptr[i+1]``."""
        parts: list[np.ndarray] = []
        lengths = np.zeros(len(texts), dtype=np.int64)
        for i, text in enumerate(texts):
            words = self.words(text)
            pieces = [self._word(w) for w in words]
            pieces.append(self._bigrams(words))
            lengths[i] = sum(len(p) for p in pieces)
            parts.extend(pieces)
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        indices = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
        scale = 1.0 / np.sqrt(np.maximum(lengths, 1))
        values = np.repeat(scale, lengths).astype(np.float32)
        return indices, values, indptr

    def contributions(self, text: str) -> tuple[list[str], list[np.ndarray], float]:
        """Per-unit feature indices for explanations: the words of ``text`` then its bigrams,
        with the value every feature of this text carries."""
        words = self.words(text)
        units: list[str] = list(words)
        arrays = [self._word(w) for w in words]
        if self.config.word_ngrams >= 2:
            for a, b in itertools.pairwise(words):
                units.append(f"{a} {b}")
                arrays.append(np.array([self._index(f"b:{a} {b}")], dtype=np.int32))
        total = sum(len(a) for a in arrays)
        return units, arrays, 1.0 / float(np.sqrt(max(total, 1)))


class _WordWeights:
    """Per distinct word, the sum of the weight rows of its unigram and character n-gram
    features (float64) and how many features it has: the part of a text's score that depends on
    the word alone. Bounded like the featuriser's cache (a full table is replaced, never
    cleared, so a caller holding rows of the old one stays right); misses are filled under a
    lock so that threads sharing a model never hand out the same row twice."""

    def __init__(self, featuriser: HashingFeaturiser, weights: np.ndarray, kernel: Any = None) -> None:
        self._featuriser = featuriser
        self._weights = weights
        self._kernel = kernel  # tvec.model._features, or None for numpy
        self._lock = threading.Lock()
        self._table = _WordTable(weights.shape[1])

    def rows(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(rows, sums, counts)``: the rows of ``words`` in the returned table arrays."""
        table = self._table
        found = list(map(table.rows.get, words))
        if None in found:
            with self._lock:
                table = self._table
                if len(table.rows) + len(words) > _CACHE_LIMIT:
                    table = self._table = _WordTable(self._weights.shape[1])
                new = [w for w in dict.fromkeys(words) if w not in table.rows]
                if new:
                    table.add(new, *self._featuriser.new_word_indices(new), self._weights, self._kernel)
                found = list(map(table.rows.get, words))
        return np.asarray(found, dtype=np.intp), table.sums, table.counts


class _WordTable:
    def __init__(self, categories: int) -> None:
        self.rows: dict[str, int] = {}
        self.sums = np.zeros((1024, categories), dtype=np.float64)
        self.counts = np.zeros(1024, dtype=np.float64)

    def add(
        self, words: list[str], indices: np.ndarray, lengths: np.ndarray, weights: np.ndarray, kernel: Any = None
    ) -> None:
        """Add new words, all at once (one gather and one sum for the lot): ``indices`` holds
        each word's feature indices in turn, ``lengths`` how many each has (every word has at
        least its unigram). ``kernel`` (tvec.model._features) sums in C in numpy's order,
        fetching the weight rows ahead (on new words they are mostly cache misses)."""
        if not words:
            return
        first = len(self.rows)
        while first + len(words) > len(self.counts):  # grow into new arrays: readers keep the old
            self.sums = np.concatenate([self.sums, np.zeros_like(self.sums)])
            self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
        if kernel is not None:
            kernel.word_sums(indices, lengths, weights, self.sums[first : first + len(words)])
        else:
            starts = np.zeros(len(words), dtype=np.intp)
            np.cumsum(lengths[:-1], out=starts[1:])
            gathered = weights[indices].astype(np.float64)
            self.sums[first : first + len(words)] = np.add.reduceat(gathered, starts, axis=0)
        self.counts[first : first + len(words)] = lengths
        # rows become visible only once their sums are written
        self.rows.update(zip(words, range(first, first + len(words))))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function without overflow for large ``|x|``."""
    return 0.5 * (1.0 + np.tanh(0.5 * x))


@dataclass(frozen=True)
class Platt:
    """``p = 1 / (1 + exp(-(a * z + b)))`` on the raw linear score ``z``; ``a > 0`` keeps the
    calibrated score monotonic in the raw one."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, z: np.ndarray) -> np.ndarray:
        return _sigmoid(self.a * np.asarray(z) + self.b)

    @classmethod
    def fit(cls, z: np.ndarray, y: np.ndarray, iterations: int = 100) -> Platt:
        """Platt's method with his smoothed targets, by Newton's method with a backtracking line
        search from Platt's starting point (Lin, Lin and Weng 2007): plain Newton diverges when
        the raw scores are large and the sigmoid saturates."""
        z = np.asarray(z, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n_pos, n_neg = float(y.sum()), float(len(y) - y.sum())
        if n_pos == 0 or n_neg == 0:
            raise ValueError("Platt calibration needs both positive and negative examples")
        t = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))

        def loss(a: float, b: float) -> float:
            f = a * z + b
            return float(np.sum(np.logaddexp(0.0, f) - t * f))

        a, b = 0.0, float(np.log((n_pos + 1) / (n_neg + 1)))
        current = loss(a, b)
        for _ in range(iterations):
            p = _sigmoid(a * z + b)
            g = np.array([np.dot(p - t, z), np.sum(p - t)])
            if np.abs(g).max() < 1e-8:
                break
            w = p * (1 - p)
            h = np.array([[np.dot(w, z * z), np.dot(w, z)], [np.dot(w, z), np.sum(w)]]) + 1e-12 * np.eye(2)
            step = np.linalg.solve(h, g)
            size = 1.0
            while size > 1e-10:
                candidate = loss(a - size * step[0], b - size * step[1])
                if candidate < current + 1e-4 * size * float(np.dot(g, -step)):
                    break
                size /= 2
            else:
                break
            a, b, current = a - size * step[0], b - size * step[1], candidate
        if not np.isfinite(a) or a <= 0:
            raise ValueError(f"Platt calibration failed (slope {a}): the raw scores do not rank the classes")
        return cls(float(a), float(b))


@dataclass
class LinearModel:
    """Per-category calibrated logistic regressions over hashed n-grams.

    ``weights`` is a dense ``(2**n_bits, len(categories))`` float32 matrix (zeros where pruned);
    it is built once at load time so scoring is a gather and a bincount.
    """

    categories: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray
    calibration: tuple[Platt, ...]
    features: FeatureConfig = field(default_factory=FeatureConfig)
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.categories)
        if self.weights.shape != (self.features.size, n):
            raise ValueError(f"weights shape {self.weights.shape} != ({self.features.size}, {n})")
        if self.bias.shape != (n,) or len(self.calibration) != n:
            raise ValueError("bias and calibration need one entry per category")
        self._featuriser = HashingFeaturiser(self.features)
        # the compiled sums need float32 weights in one block (the shipped models' layout) and
        # 64-bit row numbers (np.intp; a 32-bit build scores with numpy)
        usable = (
            self.weights.dtype == np.float32 and self.weights.flags.c_contiguous and np.dtype(np.intp).itemsize == 8
        )
        self._kernel = _features if usable else None
        self._word_weights = _WordWeights(self._featuriser, self.weights, self._kernel)
        self._bias64 = self.bias.astype(np.float64)
        self._platt_a = np.array([p.a for p in self.calibration], dtype=np.float64)
        self._platt_b = np.array([p.b for p in self.calibration], dtype=np.float64)

    # -- scoring -----------------------------------------------------------------------------

    def decision_function_normalised(self, texts: Sequence[str]) -> np.ndarray:
        """Raw (uncalibrated) scores ``(n, len(categories))`` of already-normalised texts.

        Every feature of a text carries the same value ``1/sqrt(n)``, so a text's score is that
        value times the sum of its features' weights. The weight sum of each distinct word's
        unigram and character n-grams is kept (:class:`_WordWeights`), so scoring gathers one row
        per word and one per bigram instead of one per feature (~20 per word); the result equals
        :meth:`decision_function_features` up to float rounding (~1e-7). With the compiled
        module the same float64 operations run in C in the same order (bit for bit the numpy
        path's result, tests/test_features_kernel.py)."""
        n = len(texts)
        categories = len(self.categories)
        split = [self._featuriser.words(text) for text in texts]
        words: list[str] = list(itertools.chain.from_iterable(split))
        bigram_index, bigram_counts = self._featuriser.bigram_indices_many(split)
        rows, sums, counts = self._word_weights.rows(words)
        if self._kernel is not None:
            words_per_text = np.fromiter(map(len, split), dtype=np.int64, count=n)
            raw = self._kernel.raw_scores(
                rows, words_per_text, sums, counts, bigram_index, bigram_counts, self.weights, self._bias64
            )
            return np.frombuffer(raw, dtype=np.float64).reshape(n, categories)
        text_numbers = np.arange(n, dtype=np.intp)
        owner = np.repeat(text_numbers, [len(tokens) for tokens in split])
        bigram_owner = np.repeat(text_numbers, bigram_counts)
        word_vectors = sums[rows]
        bigram_vectors = self.weights[bigram_index]
        feature_counts = np.bincount(owner, weights=counts[rows], minlength=n) + bigram_counts
        # the value every feature of the text carries, rounded to float32 as in transform()
        value = (1.0 / np.sqrt(np.maximum(feature_counts, 1))).astype(np.float32).astype(np.float64)
        # per (text, category) sums in one bincount each: bin text * categories + category
        columns = np.arange(categories)
        totals = np.bincount(
            (owner[:, None] * categories + columns).ravel(), weights=word_vectors.ravel(), minlength=n * categories
        )
        totals += np.bincount(
            (bigram_owner[:, None] * categories + columns).ravel(),
            weights=bigram_vectors.ravel(),
            minlength=n * categories,
        )
        return totals.reshape(n, categories) * value[:, None] + self._bias64

    def decision_function_features(self, texts: Sequence[str]) -> np.ndarray:
        """The same scores computed feature by feature from :meth:`HashingFeaturiser.transform`:
        the reference the fast path is tested against."""
        indices, values, indptr = self._featuriser.transform(texts)
        n = len(texts)
        doc = np.repeat(np.arange(n), np.diff(indptr))
        gathered = self.weights[indices] * values[:, None]
        out = np.empty((n, len(self.categories)), dtype=np.float64)
        for j in range(len(self.categories)):
            out[:, j] = np.bincount(doc, weights=gathered[:, j], minlength=n) + self.bias[j]
        return out

    def predict_proba_normalised(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated scores of texts already passed through :func:`tvec.normalise.normalise`
        (``.text``), for callers that normalised anyway."""
        z = self.decision_function_normalised(texts)
        return _sigmoid(self._platt_a * z + self._platt_b)  # each column's Platt at once

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated scores in [0, 1], shape ``(len(texts), len(categories))``."""
        return self.predict_proba_normalised([normalise_text(t) for t in texts])

    def explain(self, text: str, category: str, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` words and word pairs of the normalised text that raised the raw score of
        ``category`` most, with their contributions (logit units; a word's contribution includes
        its character n-grams). Only positive contributions are returned."""
        try:
            j = self.categories.index(category)
        except ValueError:
            raise ValueError(f"category {category!r} not in this model: {', '.join(self.categories)}") from None
        units, arrays, value = self._featuriser.contributions(normalise_text(text))
        totals: dict[str, float] = {}
        for unit, idx in zip(units, arrays):
            totals[unit] = totals.get(unit, 0.0) + float(self.weights[idx, j].sum()) * value
        ranked = sorted(((u, c) for u, c in totals.items() if c > 0), key=lambda item: -item[1])
        return ranked[:k]

    # -- persistence -------------------------------------------------------------------------

    def save(self, directory: Path, prune_to: int | None = None) -> None:
        """Write ``model.json`` and ``weights.npz``; ``prune_to`` keeps only the largest weights
        (by magnitude) per category."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, np.ndarray] = {"bias": self.bias.astype(np.float32)}
        for j, category in enumerate(self.categories):
            column = self.weights[:, j]
            nonzero = np.flatnonzero(column)
            if prune_to is not None and len(nonzero) > prune_to:
                order = np.argsort(-np.abs(column[nonzero]), kind="stable")[:prune_to]
                nonzero = np.sort(nonzero[order])
            arrays[f"index/{category}"] = nonzero.astype(np.int32)
            arrays[f"weight/{category}"] = column[nonzero].astype(np.float16)
        np.savez_compressed(directory / "weights.npz", **arrays)
        spec = {
            "format_version": FORMAT_VERSION,
            "categories": list(self.categories),
            "features": asdict(self.features),
            "calibration": {c: asdict(p) for c, p in zip(self.categories, self.calibration)},
            "meta": dict(self.meta),
        }
        (directory / "model.json").write_text(json.dumps(spec, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path | None = None) -> LinearModel:
        """Load a model directory; ``None`` loads the model shipped in the package."""
        if directory is None:
            directory = Path(str(resources.files("tvec") / "data" / "model"))
        directory = Path(directory)
        spec_path, weights_path = directory / "model.json", directory / "weights.npz"
        if not spec_path.is_file() or not weights_path.is_file():
            raise ConfigurationError(f"{directory}: not a tvec linear model (model.json and weights.npz needed)")
        try:
            spec = json.loads(spec_path.read_text(encoding="utf-8"))
            if spec.get("format_version") != FORMAT_VERSION:
                raise ConfigurationError(
                    f"{spec_path}: format version {spec.get('format_version')!r}, expected {FORMAT_VERSION}")
            categories = tuple(spec["categories"])
            features = FeatureConfig(**spec["features"])
            calibration = tuple(Platt(**spec["calibration"][c]) for c in categories)
            weights = np.zeros((features.size, len(categories)), dtype=np.float32)
            with np.load(weights_path, allow_pickle=False) as data:
                bias = np.asarray(data["bias"], dtype=np.float32)
                for j, category in enumerate(categories):
                    weights[data[f"index/{category}"], j] = data[f"weight/{category}"]
        except ConfigurationError:
            raise
        except (KeyError, TypeError, ValueError, OSError) as exc:
            raise ConfigurationError(f"{directory}: unreadable linear model ({exc})") from exc
        return cls(categories, weights, bias, calibration, features, spec.get("meta", {}))
