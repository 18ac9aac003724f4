"""Training of the first-stage :class:`~tvec.model.linear.LinearModel` from the public datasets.

One logistic regression per category, each trained only on the rows whose source labels that
category (an absent label is unknown, not negative), with balanced class weights because
positives are rare (incitement is under 1 % of its rows). The raw scores are calibrated with
Platt scaling on the validation split, *after* pruning and float16 rounding, so the shipped
scores are calibrated for the weights actually shipped. Test splits are never read here.

A category is trained only when the data supports it (:data:`MIN_TRAIN_POSITIVES`,
:data:`MIN_VALIDATION_POSITIVES`); insurrection, glorification, recruitment and
proscribed_support have no training data at all and are left to the call-to-action rules and
the encoder stage. scikit-learn (the ``tvec[train]`` extra) is needed here and only here.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from tvec.errors import ConfigurationError, InputError
from tvec.training.data import DATASETS, DedupReport, LabelledText, available_datasets, load_corpus_keyed
from tvec.model.linear import FeatureConfig, HashingFeaturiser, LinearModel, Platt
from tvec.types import CONTEXT_CATEGORIES, VIOLATING_CATEGORIES

MIN_TRAIN_POSITIVES = 100
MIN_VALIDATION_POSITIVES = 10
CANDIDATES: tuple[str, ...] = tuple(
    sorted(str(c) for c in VIOLATING_CATEGORIES) + sorted(str(c) for c in CONTEXT_CATEGORIES)
)


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 0
    # identity terms masked (tvec.model.identity_terms): the shipped model's setting
    features: FeatureConfig = field(default_factory=lambda: FeatureConfig(mask_identities=True))
    alpha: float = 2e-6  # L2 strength of every logistic regression
    epochs: int = 10
    keep_weights: int = 400_000  # largest weights kept per category after training
    datasets: tuple[str, ...] | None = None  # None: every dataset that is not evaluation-only
    class_weight: str | None = "balanced"  # scikit-learn's class_weight; None weighs rows equally


@dataclass
class Metrics:
    n: int
    positives: int
    precision: float
    recall: float
    f1: float
    average_precision: float

    def row(self) -> str:
        return (f"{self.n} | {self.positives} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} | "
                f"{self.average_precision:.3f}")


@dataclass
class TrainResult:
    model: LinearModel
    validation: dict[str, Metrics]
    per_dataset: dict[str, dict[str, Metrics]]  # category -> dataset -> metrics
    skipped: dict[str, str]  # category -> why it was not trained
    sources: dict[str, dict[str, tuple[int, int]]]  # category -> dataset -> (train rows, positives)
    report: DedupReport | None
    seconds: float


# -- metrics (numpy only; the evaluator has its own, with confidence intervals) -----------------


def classification_metrics(y: np.ndarray, p: np.ndarray, threshold: float = 0.5,
                           ranking: np.ndarray | None = None) -> Metrics:
    """P/R/F1 of ``p >= threshold``; average precision ranks by ``ranking`` (the raw score, which
    has no ties where the calibrated one saturates) when given, else by ``p``."""
    y = np.asarray(y).astype(bool)
    predicted = np.asarray(p) >= threshold
    tp = int(np.sum(predicted & y))
    fp = int(np.sum(predicted & ~y))
    fn = int(np.sum(~predicted & y))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Metrics(len(y), int(y.sum()), precision, recall, f1,
                   average_precision(y, p if ranking is None else ranking))


def average_precision(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the precision-recall curve as a step function (scikit-learn's definition)."""
    y = np.asarray(y).astype(bool)
    if not y.any():
        return 0.0
    order = np.argsort(-np.asarray(p), kind="stable")
    hits = y[order]
    tp = np.cumsum(hits)
    precision = tp / np.arange(1, len(hits) + 1)
    return float(np.sum(precision[hits]) / hits.sum())


# -- training ------------------------------------------------------------------------------------


def _csr(featuriser: HashingFeaturiser, texts: Sequence[str]) -> Any:
    from scipy.sparse import csr_matrix

    indices, values, indptr = featuriser.transform(texts)
    matrix = csr_matrix((values, indices, indptr), shape=(len(texts), featuriser.config.size), dtype=np.float32)
    matrix.sum_duplicates()
    return matrix


def _fit_logistic(x: Any, y: np.ndarray, config: TrainConfig) -> tuple[np.ndarray, float]:
    """L2 logistic regression by averaged SGD: on ~100k rows x 30M non-zeros it reaches the
    validation average precision of an exact solver (L-BFGS, liblinear) in a fifth of the time,
    which is what keeps ``tvec train`` within minutes on two cores. Seeded, hence reproducible."""
    try:
        from sklearn.linear_model import SGDClassifier
    except ImportError as exc:
        raise ConfigurationError("training needs scikit-learn: pip install 'tvec[train]'") from exc
    classifier = SGDClassifier(
        loss="log_loss", alpha=config.alpha, class_weight=config.class_weight, max_iter=config.epochs, tol=None,
        average=True, random_state=config.seed,
    )
    classifier.fit(x, y)
    return classifier.coef_[0].astype(np.float32), float(classifier.intercept_[0])


def prune(weights: np.ndarray, keep: int) -> np.ndarray:
    """Keep the ``keep`` largest-magnitude weights of each column, rounded to float16 as
    shipped, so that calibration and metrics are computed for exactly what is saved."""
    out = np.zeros_like(weights, dtype=np.float32)
    for j in range(weights.shape[1]):
        column = weights[:, j]
        if np.count_nonzero(column) > keep:
            top = np.argpartition(-np.abs(column), keep - 1)[:keep]
        else:
            top = np.flatnonzero(column)
        out[top, j] = column[top].astype(np.float16).astype(np.float32)
    return out


def _binary_labels(texts: Sequence[str], labels: Sequence[int] | np.ndarray, what: str) -> np.ndarray:
    y = np.asarray(labels)
    if y.ndim != 1 or len(y) != len(texts):
        raise InputError(what, f"{len(texts)} texts but labels of shape {y.shape}")
    if len(y) and not np.isin(y, (0, 1)).all():
        raise InputError(what, "labels must be 0 or 1")
    return y.astype(np.int8)


def fit_binary_model(
    texts: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    config: TrainConfig = TrainConfig(),
    *,
    calibrate_on: tuple[Sequence[str], Sequence[int] | np.ndarray] | None = None,
    category: str = "positive",
) -> LinearModel:
    """One category of the first stage trained exactly as :func:`train_model` trains each of its
    categories (same featuriser, same averaged-SGD logistic regression, same pruning and float16
    rounding, Platt scaling on ``calibrate_on``), on ``texts`` that are already normalised.

    It exists so that one benchmark's own task can be learnt by tvec's architecture (the
    like-for-like rows of the evaluation report) without a second trainer. Calibration matters
    there for more than honesty: with little data and weak L2 the raw scores of a small corpus
    run past 37 logits, where the uncalibrated sigmoid rounds to 1.0 and a threshold can no
    longer separate the top of the ranking. Without ``calibrate_on``, or when the validation
    scores do not rank the classes (Platt fails), the score is ``sigmoid(raw score)`` and
    ``meta["calibration"]`` says why."""
    y = _binary_labels(texts, labels, "binary training data")
    positives = int(y.sum())
    if positives == 0 or positives == len(y):
        raise InputError("binary training data", f"needs both classes ({positives} positive of {len(y)} rows)")
    np.random.seed(config.seed)
    x = _csr(HashingFeaturiser(config.features), texts)
    coef, bias = _fit_logistic(x, y, config)
    weights = prune(coef[:, None], config.keep_weights)
    bias_array = np.array([bias], dtype=np.float32)
    meta: dict[str, Any] = {
        "trained_with": f"tvec {_version()}", "seed": config.seed, "alpha": config.alpha, "epochs": config.epochs,
        "class_weight": config.class_weight, "keep_weights": config.keep_weights, "train_rows": len(y),
        "train_positives": positives, "calibration": "none (no validation given)",
    }
    platt = Platt()
    if calibrate_on is not None:
        valid_texts, valid_labels = calibrate_on
        y_valid = _binary_labels(valid_texts, valid_labels, "binary calibration data")
        raw = LinearModel((category,), weights, bias_array, (Platt(),), config.features)
        try:
            platt = Platt.fit(raw.decision_function_normalised(valid_texts)[:, 0], y_valid)
            meta["calibration"] = f"Platt on {len(y_valid)} validation rows"
        except ValueError as exc:
            meta["calibration"] = f"none ({exc})"
    return LinearModel((category,), weights, bias_array, (platt,), config.features, meta)


def train_model(
    rows: Sequence[tuple[LabelledText, str]],
    config: TrainConfig = TrainConfig(),
    report: DedupReport | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> TrainResult:
    """Train on ``(row, normalised text)`` pairs (train and validation splits; test rows and the
    dev rows of evaluation-only sets are refused, so a caller cannot leak them by mistake)."""
    started = time.perf_counter()
    stray = sorted({row.split for row, _ in rows} - {"train", "validation"})
    if stray:
        raise InputError("training corpus", f"contains {', '.join(stray)}-split rows; pass only train and validation")
    np.random.seed(config.seed)
    train = [(r, k) for r, k in rows if r.split == "train"]
    valid = [(r, k) for r, k in rows if r.split == "validation"]
    featuriser = HashingFeaturiser(config.features)
    log(f"featurising {len(train)} train and {len(valid)} validation rows ...")
    x_train = _csr(featuriser, [k for _, k in train])
    _csr(featuriser, [k for _, k in valid])

    categories: list[str] = []
    columns: list[np.ndarray] = []
    biases: list[float] = []
    skipped: dict[str, str] = {}
    sources: dict[str, dict[str, tuple[int, int]]] = {}
    for category in CANDIDATES:
        t_idx = np.array([i for i, (r, _) in enumerate(train) if category in r.labels], dtype=np.int64)
        v_idx = np.array([i for i, (r, _) in enumerate(valid) if category in r.labels], dtype=np.int64)
        y_t = np.array([train[i][0].labels[category] for i in t_idx], dtype=np.int8)
        y_v = np.array([valid[i][0].labels[category] for i in v_idx], dtype=np.int8)
        pos_t, pos_v = int(y_t.sum()), int(y_v.sum())
        if pos_t < MIN_TRAIN_POSITIVES or pos_v < MIN_VALIDATION_POSITIVES:
            skipped[category] = (f"too few positives ({pos_t} train, {pos_v} validation; need "
                                 f"{MIN_TRAIN_POSITIVES} and {MIN_VALIDATION_POSITIVES})")
            continue
        if pos_t == len(y_t) or (len(y_v) - pos_v) == 0:
            skipped[category] = "no negatives"
            continue
        per_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for i in t_idx:
            row = train[i][0]
            per_source[row.dataset][0] += 1
            per_source[row.dataset][1] += row.labels[category]
        sources[category] = {d: (n, p) for d, (n, p) in sorted(per_source.items())}
        tick = time.perf_counter()
        coef, bias = _fit_logistic(x_train[t_idx], y_t, config)
        log(f"  {category}: {len(y_t)} rows, {pos_t} positives, fitted in {time.perf_counter() - tick:.1f}s")
        categories.append(category)
        columns.append(coef)
        biases.append(bias)
    if not categories:
        raise InputError("training corpus", "no category has enough labelled positives to train")

    weights = prune(np.stack(columns, axis=1), config.keep_weights)
    bias_array = np.array(biases, dtype=np.float32)
    uncalibrated = LinearModel(tuple(categories), weights, bias_array, tuple(Platt() for _ in categories),
                               config.features)
    # feature by feature, as before the scoring fast path, so that a retrain reproduces the
    # shipped calibration to the last digit
    z_valid = uncalibrated.decision_function_features([k for _, k in valid])
    calibration: list[Platt] = []
    validation: dict[str, Metrics] = {}
    per_dataset: dict[str, dict[str, Metrics]] = {}
    for j, category in enumerate(categories):
        v_idx = np.array([i for i, (r, _) in enumerate(valid) if category in r.labels], dtype=np.int64)
        y_v = np.array([valid[i][0].labels[category] for i in v_idx], dtype=np.int8)
        platt = Platt.fit(z_valid[v_idx, j], y_v)
        calibration.append(platt)
        z = z_valid[v_idx, j]
        p = platt(z)
        validation[category] = classification_metrics(y_v, p, ranking=z)
        by_dataset: dict[str, list[int]] = defaultdict(list)
        for position, i in enumerate(v_idx):
            by_dataset[valid[i][0].dataset].append(position)
        per_dataset[category] = {
            d: classification_metrics(y_v[pos], p[pos], ranking=z[pos]) for d, pos in sorted(by_dataset.items())
        }
        m = validation[category]
        log(f"  {category}: validation P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f} "
            f"AP {m.average_precision:.3f} ({m.positives}/{m.n} positive)")

    meta = {
        "trained_with": f"tvec {_version()}",
        "seed": config.seed,
        "alpha": config.alpha,
        "epochs": config.epochs,
        "keep_weights": config.keep_weights,
        "datasets": sorted({r.dataset for r, _ in rows}),
        "train_rows": len(train),
        "validation_rows": len(valid),
        "validation": {c: vars(m) for c, m in validation.items()},
        "not_trained": skipped,
    }
    model = LinearModel(tuple(categories), weights, bias_array, tuple(calibration), config.features, meta)
    return TrainResult(model, validation, per_dataset, skipped, sources, report, time.perf_counter() - started)


def _version() -> str:
    try:
        return metadata.version("tvec")
    except metadata.PackageNotFoundError:
        return "unknown"


def train_from_shared(shared: Path, config: TrainConfig = TrainConfig(),
                      log: Callable[[str], None] = lambda _: None) -> TrainResult:
    """Load, deduplicate and train on every trainable dataset under ``shared/data``."""
    names = config.datasets or tuple(available_datasets(
        shared, [n for n, spec in DATASETS.items() if not spec.eval_only and spec.default_training]))
    for name in names:
        if DATASETS.get(name) is not None and DATASETS[name].eval_only:
            raise InputError(name, "is evaluation-only and is never trained on")
    log(f"loading {len(names)} datasets from {shared} ...")
    keyed, report = load_corpus_keyed(shared, names)
    counts = Counter((r.dataset, r.split) for r, _ in keyed)
    log(f"{len(keyed)} rows after deduplication ({report.total_removed()} removed); "
        f"train {sum(v for (d, s), v in counts.items() if s == 'train')}, "
        f"validation {sum(v for (d, s), v in counts.items() if s == 'validation')}")
    usable = [(r, k) for r, k in keyed if r.split != "test"]
    return train_model(usable, config, report, log)


# -- model card ------------------------------------------------------------------------------------

TRUST: dict[str, str] = {
    "dehumanisation": (
        "Identity-based hate in English (Twitter, Gab, Stormfront, extremist-adjacent accounts), "
        "Roman Urdu, Levantine/multi-dialect and Gulf Arabic (incl. religious hate), Hindi, "
        "Indonesian and French; Arabic hadith as non-hate religious text. The strongest category; it still "
        "confuses quoted or condemned hate with hate (n-grams cannot see who is speaking): rely on "
        "the context detector for counter-speech and reporting."),
    "incitement": (
        "Calls for violence and threats: Bengali violence-inciting text (BLP 2023), German calls to "
        "violence (GermEval 2026), and a few hundred English and Arabic positives (Gab `cv`, "
        "implicit-hate `threatening`, OSACT `VIO`); none in Urdu script (the FIRE 2022 threat set "
        "raised clean Urdu posts flagged 2 -> 8 % on validation and is left out), Hindi, Indonesian or "
        "French. A first-stage signal: it ranks violent vocabulary, it does not "
        "parse a call to action; reporting of violence can score. Use it together with the call-to-"
        "action rules, never alone for removal."),
    "counter_speech": (
        "Replies on Reddit that push back on hate, judged without the parent comment. Useful as a "
        "context signal on English forum text; not trained on other languages."),
    "news_reporting": (
        "Style of news writing (AG News and BBC, pre-2006, English; sports, business, science and "
        "entertainment topics - world and politics news are held out as the test) against social-"
        "media posts. It recognises register, not journalism: a formal-sounding post can score."),
}
NOT_COVERED = (
    "insurrection, glorification, recruitment and proscribed_support (no public training data; "
    "the call-to-action rules, the organisations detector and the encoder stage cover them), "
    "human_rights_documentation, advocacy, religious_quotation and scholarship (no data), and every "
    "language other than English, Arabic, Hindi, Roman Urdu, Bengali, German, Indonesian and French "
    "(Urdu script has no first-stage data)."
)


def model_card(result: TrainResult) -> str:
    """The Markdown model card shipped next to the weights."""
    from tvec.training import labels as label_module

    model = result.model
    meta = model.meta
    lines = [
        "# tvec first-stage linear model", "",
        ("Hashed word 1-2-grams and character "
        f"{model.features.char_min}-{model.features.char_max}-grams of the normalised text "
        f"(2^{model.features.n_bits} buckets), one logistic regression per category (balanced class "
        "weights, averaged SGD, L2 alpha "
        f"{meta.get('alpha')}, {meta.get('epochs')} epochs, seed {meta.get('seed')}), the "
        f"{meta.get('keep_weights')} largest weights per category kept as float16, Platt-calibrated "
        "on the validation split. Retrain with `tvec train --shared ../shared`."), "",
        "## Categories", "",
        "| category | trained from (train rows / positives) | validation P | R | F1 | AP | how far to trust it |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for category in model.categories:
        m = result.validation[category]
        src = "; ".join(f"{d} {n}/{p}" for d, (n, p) in result.sources.get(category, {}).items())
        lines.append(f"| {category} | {src} | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} | "
                     f"{m.average_precision:.3f} | {TRUST.get(category, '')} |")
    lines += ["", ("Validation metrics use the calibrated score at 0.5 on the validation split (rows "
              "labelled for the category only); AP is average precision. The validation split is "
              "also what calibration was fitted on (two parameters). Test splits were not used: "
              "`tvec eval` reports on them."), "",
              "### Not trained", ""]
    lines += [f"- **{c}**: {why}" for c, why in result.skipped.items()]
    lines += ["", f"Not covered at all: {NOT_COVERED}", "",
              "## Validation by dataset", "",
              "| category | dataset | rows | positives | P | R | F1 | AP |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for category, by_dataset in result.per_dataset.items():
        for dataset, m in by_dataset.items():
            lines.append(f"| {category} | {dataset} | {m.row()} |")
    lines += ["", "## Data", "",
              ("Public datasets from `shared/data` (see its MANIFEST.md for sources). Only derived "
              "weights are shipped; no text. Splits: official where they exist, otherwise a stable "
              "hash of the normalised text (see `tvec.training.data`). Evaluation-only sets (HateCheck, "
              "DynaHate) and every test split are removed from training by normalised text."), "",
              "| dataset | language | licence | splits | eval only |", "|---|---|---|---|---|"]
    for spec in DATASETS.values():
        lines.append(f"| {spec.name} | {spec.lang} | {spec.licence} | {spec.splits} | "
                     f"{'yes' if spec.eval_only else 'no'} |")
    lines += ["", ("The news-neutral licence is unverified (its MANIFEST entry recommends evaluation use); "
              "only sports/business/science/entertainment passages are trained on, and the world and "
              "politics news used for the false-positive benchmark are never seen."), ""]
    if result.report is not None:
        lines += ["### Rows after deduplication", "", result.report.table(), ""]
    lines += ["## Label mapping", "", "Absent label = unknown (the row does not train that category).", ""]
    for spec in DATASETS.values():
        doc = (spec.mapping.__doc__ or "").strip()
        lines += [f"### {spec.name}", "", _dedent(doc), ""]
    lines += ["### Conventions", "", _dedent(label_module.__doc__ or ""), ""]
    lines += ["## Known limits", "",
              ("- Bag of n-grams: no notion of speaker, quotation, negation or condemnation; the "
              "context detector and the call-to-action rules exist for that."),
              ("- Dataset and annotation biases carry over (e.g. African-American English in "
              "Davidson's corpus is over-labelled as offensive or hateful)."),
              ("- Scores are calibrated to the validation mix of datasets, not to any platform's "
              "base rate: on real traffic, where violations are rare, precision at a threshold is "
              "lower than the tables show."), ""]
    return "\n".join(lines)


def _dedent(doc: str) -> str:
    import textwrap

    first, _, rest = doc.partition("\n")
    return (first + "\n" + textwrap.dedent(rest)).strip()


def write_model(result: TrainResult, directory: Path) -> None:
    """Save the model and its card into ``directory``."""
    result.model.save(directory)
    (Path(directory) / "MODEL_CARD.md").write_text(model_card(result), encoding="utf-8")
