"""Metrics for evaluating tvec's classifier: plain numpy, no scikit-learn at run time.

Every figure the evaluation report prints comes from here, so the arithmetic is in one place
and tested on hand-made arrays. Confidence intervals are percentile bootstraps with a fixed seed:
two runs on the same scores print the same interval, which keeps committed reports reviewable.
Proportions of rare events (a false-positive rate near zero) use the Wilson interval instead,
because a bootstrap of zero events collapses to ``[0, 0]`` and would overstate certainty.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from tvec.errors import TvecError

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20240607


class EvaluationError(TvecError):
    """Inputs to a metric are inconsistent (lengths differ, labels not 0/1, nothing to score)."""


@dataclass(frozen=True)
class Confusion:
    """Binary confusion counts; positive = violating (or the baseline task's positive class)."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def accuracy(self) -> float:
        return _ratio(self.tp + self.tn, self.n)

    @property
    def false_positive_rate(self) -> float:
        return _ratio(self.fp, self.fp + self.tn)

    @property
    def balanced_accuracy(self) -> float:
        specificity = _ratio(self.tn, self.tn + self.fp)
        return (self.recall + specificity) / 2

    @property
    def macro_f1(self) -> float:
        """Mean of the F1 of the positive and of the negative class (as some papers report)."""
        negative_f1 = _ratio(2 * self.tn, 2 * self.tn + self.fn + self.fp)
        return (self.f1 + negative_f1) / 2

    def as_matrix(self) -> np.ndarray:
        """Rows = truth (negative, positive), columns = prediction (negative, positive)."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]], dtype=np.int64)


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its 95% interval."""

    value: float
    low: float
    high: float

    def format(self, digits: int = 3) -> str:
        if math.isnan(self.value):
            return "n/a"
        return f"{self.value:.{digits}f} [{self.low:.{digits}f}, {self.high:.{digits}f}]"


@dataclass(frozen=True)
class BinaryScores:
    """Precision, recall and F1 with bootstrap intervals, for one set of labels and predictions."""

    n: int
    positives: int
    confusion: Confusion
    precision: Estimate
    recall: Estimate
    f1: Estimate


def _ratio(numerator: float, denominator: float) -> float:
    return float(numerator) / float(denominator) if denominator else float("nan")


def _as_binary(values: Sequence[int] | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise EvaluationError(f"{name}: expected a 1-D array, got shape {array.shape}")
    if array.size and not np.isin(array, (0, 1, True, False)).all():
        raise EvaluationError(f"{name}: expected only 0/1 values")
    return array.astype(bool)


def _as_scores(values: Sequence[float] | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise EvaluationError(f"{name}: expected a 1-D array, got shape {array.shape}")
    if array.size and (np.isnan(array).any() or array.min() < 0.0 or array.max() > 1.0):
        raise EvaluationError(f"{name}: scores must lie in [0, 1] without NaN")
    return array


def _same_length(*arrays: np.ndarray) -> None:
    lengths = {a.shape[0] for a in arrays}
    if len(lengths) > 1:
        raise EvaluationError(f"arrays differ in length: {sorted(lengths)}")


def _labelled_pair(y_true: Sequence[int] | np.ndarray, y_pred: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both label vectors as booleans of one length, refusing an empty evaluation."""
    truth, pred = _as_binary(y_true, "y_true"), _as_binary(y_pred, "y_pred")
    _same_length(truth, pred)
    if truth.size == 0:
        raise EvaluationError("nothing to score: no labelled examples")
    return truth, pred


def confusion(y_true: Sequence[int] | np.ndarray, y_pred: Sequence[int] | np.ndarray) -> Confusion:
    truth, pred = _as_binary(y_true, "y_true"), _as_binary(y_pred, "y_pred")
    _same_length(truth, pred)
    return Confusion(
        tp=int(np.sum(truth & pred)),
        fp=int(np.sum(~truth & pred)),
        fn=int(np.sum(truth & ~pred)),
        tn=int(np.sum(~truth & ~pred)),
    )


def _bootstrap_counts(
    truth: np.ndarray, pred: np.ndarray, resamples: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Confusion counts (tp, fp, fn, tn) for every bootstrap resample, computed in chunks so a
    30,000-row test set does not allocate a (1,000 x 30,000) index at once."""
    n = truth.size
    rng = np.random.default_rng(seed)
    chunk = max(1, min(resamples, 4_000_000 // max(n, 1)))
    out = np.zeros((4, resamples), dtype=np.int64)
    done = 0
    while done < resamples:
        m = min(chunk, resamples - done)
        index = rng.integers(0, n, size=(m, n))
        t, p = truth[index], pred[index]
        out[0, done : done + m] = np.sum(t & p, axis=1)
        out[1, done : done + m] = np.sum(~t & p, axis=1)
        out[2, done : done + m] = np.sum(t & ~p, axis=1)
        out[3, done : done + m] = np.sum(~t & ~p, axis=1)
        done += m
    return out[0], out[1], out[2], out[3]


def _safe_div(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / np.maximum(denominator, 1), np.nan)


def _interval(samples: np.ndarray, point: float) -> Estimate:
    finite = samples[np.isfinite(samples)]
    if math.isnan(point) or finite.size == 0:
        return Estimate(point, float("nan"), float("nan"))
    low, high = np.percentile(finite, [2.5, 97.5])
    return Estimate(point, float(min(low, point)), float(max(high, point)))


def binary_scores(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> BinaryScores:
    """Precision, recall and F1 of the positive class with percentile-bootstrap 95% intervals.

    The interval is widened to include the point estimate: with very few positives the
    percentile interval can otherwise exclude the observed value, which reads as a bug.
    """
    truth, pred = _labelled_pair(y_true, y_pred)
    counts = confusion(truth, pred)
    tp, fp, fn, _ = _bootstrap_counts(truth, pred, resamples, seed)
    return BinaryScores(
        n=int(truth.size),
        positives=int(truth.sum()),
        confusion=counts,
        precision=_interval(_safe_div(tp, tp + fp), counts.precision),
        recall=_interval(_safe_div(tp, tp + fn), counts.recall),
        f1=_interval(_safe_div(2 * tp, 2 * tp + fp + fn), counts.f1),
    )


def bootstrap_ci(
    statistic: Callable[[np.ndarray], float],
    n: int,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    """Generic percentile bootstrap: ``statistic`` receives an index array into the data.

    Used for metrics that are not a function of the confusion counts (accuracy on a balanced
    subset, macro F1, average precision).
    """
    if n == 0:
        raise EvaluationError("nothing to resample: no examples")
    point = statistic(np.arange(n))
    rng = np.random.default_rng(seed)
    samples = np.array([statistic(rng.integers(0, n, size=n)) for _ in range(resamples)], dtype=np.float64)
    return _interval(samples, float(point))


def wilson_interval(successes: int, trials: int, z: float = 1.959964) -> Estimate:
    """A proportion with its Wilson score 95% interval (sensible at 0 and at small n)."""
    if trials <= 0:
        return Estimate(float("nan"), float("nan"), float("nan"))
    if not 0 <= successes <= trials:
        raise EvaluationError(f"successes {successes} not within 0..{trials}")
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class PRCurve:
    precision: np.ndarray
    recall: np.ndarray
    thresholds: np.ndarray
    average_precision: float


def pr_curve(y_true: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray) -> PRCurve:
    """Precision-recall pairs at every distinct score, plus average precision (step-wise area,
    the same definition as scikit-learn's ``average_precision_score``)."""
    truth, score = _as_binary(y_true, "y_true"), _as_scores(scores, "scores")
    _same_length(truth, score)
    positives = int(truth.sum())
    if positives == 0:
        empty = np.array([], dtype=np.float64)
        return PRCurve(empty, empty, empty, float("nan"))
    order = np.argsort(-score, kind="mergesort")
    sorted_scores, sorted_truth = score[order], truth[order]
    last_of_each = np.r_[np.flatnonzero(np.diff(sorted_scores)), sorted_truth.size - 1]
    tp = np.cumsum(sorted_truth)[last_of_each]
    predicted = last_of_each + 1
    precision = tp / predicted
    recall = tp / positives
    previous_recall = np.r_[0.0, recall[:-1]]
    average_precision = float(np.sum((recall - previous_recall) * precision))
    return PRCurve(precision, recall, sorted_scores[last_of_each], average_precision)


THRESHOLD_METRICS = ("f1", "accuracy", "balanced_accuracy", "macro_f1")


def best_threshold(
    y_true: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray, metric: str = "f1"
) -> float:
    """The score threshold (predict positive when ``score >= t``) that maximises ``metric``.

    Call it on a validation split only; the report applies the result to the test split.
    Returns 0.5 when the validation data hold no positive or no negative, so the caller still
    gets a usable operating point. Ties go to the highest threshold (the fewest flags).
    """
    if metric not in THRESHOLD_METRICS:
        raise EvaluationError(f"unknown threshold metric {metric!r} (known: {', '.join(THRESHOLD_METRICS)})")
    truth, score = _as_binary(y_true, "y_true"), _as_scores(scores, "scores")
    _same_length(truth, score)
    positives, negatives = int(truth.sum()), int((~truth).sum())
    if positives == 0 or (negatives == 0 and metric != "f1"):
        return 0.5
    order = np.argsort(-score, kind="mergesort")
    sorted_scores, sorted_truth = score[order], truth[order]
    last_of_each = np.r_[np.flatnonzero(np.diff(sorted_scores)), sorted_truth.size - 1]
    tp = np.cumsum(sorted_truth)[last_of_each].astype(np.float64)
    fp = (last_of_each + 1) - tp
    fn, tn = positives - tp, negatives - fp
    with np.errstate(divide="ignore", invalid="ignore"):
        if metric == "f1":
            value = 2 * tp / (2 * tp + fp + fn)
        elif metric == "accuracy":
            value = (tp + tn) / truth.size
        elif metric == "balanced_accuracy":
            value = (tp / positives + tn / negatives) / 2
        else:
            value = (2 * tp / (2 * tp + fp + fn) + np.where(2 * tn + fn + fp > 0, 2 * tn / (2 * tn + fn + fp), 0.0)) / 2
    return float(sorted_scores[last_of_each][int(np.nanargmax(value))])


@dataclass(frozen=True)
class Calibration:
    """Reliability diagram data: per bin, the mean score, the observed positive rate and size."""

    bin_edges: np.ndarray
    mean_score: np.ndarray
    observed_rate: np.ndarray
    counts: np.ndarray
    ece: float


def calibration(
    y_true: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray, bins: int = 10
) -> Calibration:
    """Equal-width reliability bins and the expected calibration error
    ``ECE = sum_b |B_b|/n * |mean score_b - positive rate_b|``."""
    truth, score = _as_binary(y_true, "y_true"), _as_scores(scores, "scores")
    _same_length(truth, score)
    if truth.size == 0:
        raise EvaluationError("nothing to calibrate: no labelled examples")
    if bins < 1:
        raise EvaluationError(f"bins must be at least 1, got {bins}")
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(score, edges[1:-1], right=False), 0, bins - 1)
    counts = np.bincount(which, minlength=bins).astype(np.int64)
    score_sum = np.bincount(which, weights=score, minlength=bins)
    true_sum = np.bincount(which, weights=truth.astype(np.float64), minlength=bins)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_score = np.where(counts > 0, score_sum / np.maximum(counts, 1), np.nan)
        observed = np.where(counts > 0, true_sum / np.maximum(counts, 1), np.nan)
    filled = counts > 0
    ece = float(np.sum(counts[filled] / truth.size * np.abs(mean_score[filled] - observed[filled])))
    return Calibration(edges, mean_score, observed, counts, ece)


def balanced_accuracy_ci(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    truth, pred = _labelled_pair(y_true, y_pred)
    tp, fp, fn, tn = _bootstrap_counts(truth, pred, resamples, seed)
    samples = (_safe_div(tp, tp + fn) + _safe_div(tn, tn + fp)) / 2
    return _interval(samples, confusion(truth, pred).balanced_accuracy)


def accuracy_ci(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    truth, pred = _labelled_pair(y_true, y_pred)
    tp, fp, fn, tn = _bootstrap_counts(truth, pred, resamples, seed)
    return _interval((tp + tn) / truth.size, confusion(truth, pred).accuracy)


def macro_f1_ci(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> Estimate:
    """Mean of positive- and negative-class F1, with a bootstrap interval."""
    truth, pred = _labelled_pair(y_true, y_pred)
    tp, fp, fn, tn = _bootstrap_counts(truth, pred, resamples, seed)
    samples = (_safe_div(2 * tp, 2 * tp + fp + fn) + _safe_div(2 * tn, 2 * tn + fn + fp)) / 2
    return _interval(samples, confusion(truth, pred).macro_f1)
