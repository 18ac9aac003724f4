"""Like-for-like baselines: tvec's first-stage architecture trained on one benchmark's own task.

The published numbers the report quotes come from models fitted *in-domain*: BERT fine-tuned on
implicit-hate's, the Gab Hate Corpus's or Stormfront's own training split with that benchmark's
own positive class (Davidson's logistic regression and L-HSAB's Naive Bayes likewise). The
shipped model is trained once on a pooled mixture of corpora mapped to policy categories, so
comparing it with those numbers mixes two questions: "is the architecture weaker?" and "is the
pooled policy task different from this benchmark's task?". This module answers the first one:
it trains the very same featuriser and logistic regression (:func:`tvec.training.train.
fit_binary_model`, no second trainer) on the benchmark's training split alone.

Rules it keeps, the same as the rest of the evaluation:

* the test split is never trained on and never used to choose anything: the rows of the
  dataset are deduplicated with the trainer's own :func:`tvec.training.data.deduplicate` (a text
  in the test split is removed from train and validation, a validation text from train), and
  the fit refuses outright if a training key is still a test key;
* the variant (L2 strength, class weights, n-gram ranges) and the threshold are chosen on the
  validation split; where the benchmark has none with both classes (Stormfront's balanced
  ``sampled_train`` has no validation part), one is carved from its training rows by the same
  stable text hash the loaders split with (:func:`tvec.training.data.hash_bucket`, the ``hash2``
  rule: buckets 90-99), and the result says so;
* everything is seeded: the same rows and seed give the same model, threshold and numbers.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from tvec.training.data import deduplicate, hash_bucket, normalised_key
from tvec.evaluation.metrics import EvaluationError, best_threshold, confusion
from tvec.model.linear import FeatureConfig, LinearModel
from tvec.training.train import TrainConfig, fit_binary_model

if TYPE_CHECKING:  # eval_suite imports this module; the task type is only needed for hints
    from tvec.evaluation.suite import BaselineTask, Labelled

#: Buckets of :func:`hash_bucket` that a carved validation takes: the loaders' ``hash2`` rule.
CARVED_VALIDATION_BUCKETS = range(90, 100)

Keyed = tuple["Labelled", str]  # a row and its normalised text (:func:`tvec.training.data.normalised_key`)


@dataclass(frozen=True)
class Variant:
    """One training setting tried on validation; ``name`` is what the report prints."""

    name: str
    config: TrainConfig


def default_variants(seed: int = 0) -> tuple[Variant, ...]:
    """The shipped settings first (they win ties), then one change at a time: the cheap knobs of
    this architecture. ``alpha`` is SGD's L2 strength (larger = stronger regularisation, i.e. a
    smaller C). The featuriser has word 1-2-grams at most, so no word trigrams."""
    base = TrainConfig(seed=seed)
    return (
        Variant("shipped settings (alpha 2e-6, balanced, word 1-2 + char 2-5, 10 epochs)", base),
        Variant("alpha 2e-7", replace(base, alpha=2e-7)),
        Variant("alpha 2e-5", replace(base, alpha=2e-5)),
        Variant("alpha 2e-4", replace(base, alpha=2e-4)),
        Variant("no class weights", replace(base, class_weight=None)),
        Variant("word unigrams only", replace(base, features=FeatureConfig(word_ngrams=1))),
        Variant("char 1-4-grams", replace(base, features=FeatureConfig(char_min=1, char_max=4))),
        Variant("char 3-6-grams", replace(base, features=FeatureConfig(char_min=3, char_max=6))),
        Variant("30 epochs", replace(base, epochs=30)),
    )


@dataclass(frozen=True)
class InDomainSplits:
    """The rows one benchmark's in-domain model learns from, after deduplication."""

    train: tuple[Keyed, ...]
    validation: tuple[Keyed, ...]
    test_keys: frozenset[str]
    carved_validation: bool
    removed: int  # train/validation rows dropped because their text is in test (or validation)


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    threshold: float
    validation_value: float  # the task's threshold metric on validation at ``threshold``


@dataclass(frozen=True)
class InDomainFit:
    """The chosen model and threshold for one benchmark, and how they were chosen."""

    task: BaselineTask
    model: LinearModel
    chosen: VariantResult
    tried: tuple[VariantResult, ...]
    train_keys: tuple[str, ...]
    validation_keys: tuple[str, ...]
    train_positives: int
    validation_positives: int
    carved_validation: bool
    removed: int
    seconds: float

    @property
    def threshold(self) -> float:
        return self.chosen.threshold

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Scores of raw (not yet normalised) texts, in [0, 1]."""
        if not texts:
            return np.zeros(0, dtype=np.float64)
        return np.clip(np.asarray(self.model.predict_proba(list(texts))[:, 0], dtype=np.float64), 0.0, 1.0)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.scores(texts) >= self.threshold


def in_domain_splits(task: BaselineTask, rows: Sequence[Keyed]) -> InDomainSplits:
    """Train and validation rows of ``task`` from ``rows`` (any splits; other datasets ignored).

    Deduplication runs on every row of the dataset before the task's filters, so a training
    text equal to *any* test text of the dataset (even one outside the task, e.g. an
    explicit-hate test post for the implicit-hate task) is dropped: the conservative side."""
    own = [(row, key) for row, key in rows if row.dataset == task.dataset]
    kept, report = deduplicate(own)
    removed = sum(report.in_test.values()) + sum(report.in_validation.values())
    test_keys = frozenset(key for row, key in kept if row.split == "test")
    usable = [(row, key) for row, key in kept if task.include(row) and task.train_filter(row)]
    train = [(row, key) for row, key in usable if row.split == "train"]
    validation = [(row, key) for row, key in usable if row.split == "validation"]
    carved = not _both_classes(task, validation)
    if carved:
        validation = [(row, key) for row, key in train if hash_bucket(key) in CARVED_VALIDATION_BUCKETS]
        train = [(row, key) for row, key in train if hash_bucket(key) not in CARVED_VALIDATION_BUCKETS]
    return InDomainSplits(tuple(train), tuple(validation), test_keys, carved, removed)


def _both_classes(task: BaselineTask, rows: Sequence[Keyed]) -> bool:
    positives = sum(bool(task.positive(row)) for row, _ in rows)
    return 0 < positives < len(rows)


def _threshold_metric(task: BaselineTask) -> str:
    return task.threshold_metric or task.metric


def fit_in_domain(task: BaselineTask, rows: Sequence[Keyed], variants: Sequence[Variant] | None = None) -> InDomainFit:
    """Fit every variant on the benchmark's training rows, pick the one whose best validation
    threshold gives the highest validation metric (ties: the earlier variant), and return it
    with that threshold. Test rows in ``rows`` are read for their keys only (deduplication)."""
    started = time.perf_counter()
    variants = tuple(variants) if variants is not None else default_variants()
    if not variants:
        raise EvaluationError("no training variant to try")
    splits = in_domain_splits(task, rows)
    leaked = {key for _, key in splits.train + splits.validation} & splits.test_keys
    if leaked:  # deduplicate() guarantees this; the check keeps the guarantee explicit
        raise EvaluationError(f"{task.key}: {len(leaked)} training or validation texts are also test texts")
    train_keys = [key for _, key in splits.train]
    y_train = np.array([bool(task.positive(row)) for row, _ in splits.train], dtype=np.int8)
    valid_keys = [key for _, key in splits.validation]
    y_valid = np.array([bool(task.positive(row)) for row, _ in splits.validation], dtype=bool)
    for name, y in (("training", y_train), ("validation", y_valid)):
        if not 0 < int(y.sum()) < len(y):
            raise EvaluationError(f"{task.key}: the {name} rows need both classes ({int(y.sum())} positive of {len(y)})")
    metric = _threshold_metric(task)
    best: tuple[VariantResult, LinearModel] | None = None
    tried: list[VariantResult] = []
    for variant in variants:
        model = fit_binary_model(train_keys, y_train, variant.config, calibrate_on=(valid_keys, y_valid))
        scores = np.clip(model.predict_proba_normalised(valid_keys)[:, 0], 0.0, 1.0)
        threshold = best_threshold(y_valid, scores, metric)
        value = float(getattr(confusion(y_valid, scores >= threshold), metric))
        result = VariantResult(variant, threshold, value)
        tried.append(result)
        if best is None or value > best[0].validation_value:
            best = (result, model)
    assert best is not None
    chosen, model = best
    return InDomainFit(
        task=task,
        model=model,
        chosen=chosen,
        tried=tuple(tried),
        train_keys=tuple(train_keys),
        validation_keys=tuple(valid_keys),
        train_positives=int(y_train.sum()),
        validation_positives=int(y_valid.sum()),
        carved_validation=splits.carved_validation,
        removed=splits.removed,
        seconds=time.perf_counter() - started,
    )


def keyed(rows: Sequence[Labelled]) -> list[Keyed]:
    """Rows with their normalised text, for callers that hold rows without keys."""
    return [(row, normalised_key(row.text)) for row in rows]


__all__ = [
    "CARVED_VALIDATION_BUCKETS",
    "InDomainFit",
    "InDomainSplits",
    "Variant",
    "VariantResult",
    "default_variants",
    "fit_in_domain",
    "in_domain_splits",
    "keyed",
]
