"""The evaluation itself: which numbers tvec's report holds and how each is computed.

Rules it keeps (the issue's and the MANIFEST's):

* thresholds are chosen on validation splits, never on a test split; where a dataset has no
  validation split the pooled validation threshold is used and the report says so;
* evaluation-only sets (HateCheck, DynaHate, the news negatives, the seeds) are only scored;
* published baselines are reproduced on *their* task definition (positive class, split,
  balanced or not), with the metric the paper reports; since the published systems were fitted
  on that very task, tvec's own architecture is also trained on each benchmark's training split
  alone (:mod:`tvec.evaluation.in_domain`) for a like-for-like row;
* the report holds numbers and plots, never dataset text.

Two systems are scored side by side (see :mod:`tvec.evaluation.predictors`): the bare linear
first stage and the whole stack through the Scanner and the shipped policy.
"""

from __future__ import annotations

import platform
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from tvec.errors import ConfigurationError, InputError
from tvec.evaluation import plots as eval_plots
from tvec.evaluation.in_domain import InDomainFit, default_variants, fit_in_domain, keyed
from tvec.evaluation.inputs import HateCheckCase, NewsItem, SeedDocument
from tvec.evaluation.predictors import CONTEXT, REVIEW_THRESHOLD, VIOLATING, Predictions, Predictor
from tvec.evaluation.report import Report, Section, Table, write_report
from tvec.evaluation.metrics import (
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Estimate,
    EvaluationError,
    accuracy_ci,
    balanced_accuracy_ci,
    best_threshold,
    binary_scores,
    calibration,
    confusion,
    macro_f1_ci,
    pr_curve,
    wilson_interval,
)
from tvec.policy.engine import REPORT_THRESHOLD

NEWS_FPR_GOAL = 0.01


class Labelled(Protocol):
    """What the evaluation reads of a :class:`tvec.training.data.LabelledText`."""

    text: str
    labels: Mapping[str, int]
    dataset: str
    split: str
    lang: str
    source_label: str


@dataclass(frozen=True)
class EvalConfig:
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    quick: bool = False
    train_seed: int = 0  # seed of the in-domain baselines' training (the shipped model's seed)


@dataclass(frozen=True)
class EvalInputs:
    """Validation and test items of the labelled corpus plus the evaluation-only inputs.

    ``in_domain`` holds the published baselines' datasets' own train and validation rows, each
    with its normalised text, for the in-domain baselines; empty skips them."""

    corpus: Sequence[Labelled]
    hatecheck: Sequence[HateCheckCase] = ()
    news: Sequence[NewsItem] = ()
    seeds: Sequence[SeedDocument] = ()
    in_domain: Sequence[tuple[Labelled, str]] = ()


# -- published baselines ----------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineTask:
    """One published number and the exact task it was measured on.

    ``include`` picks the rows of the dataset that belong to the task (e.g. implicit-hate drops
    explicit hate), ``positive`` says which of them are the positive class, ``test_filter``
    restricts the test rows further (Stormfront's balanced ``sampled_test``: the corpus' test
    split also holds sentences hashed out of the unsampled rest) and ``train_filter`` the rows an
    in-domain model learns from (Stormfront's balanced ``sampled_train``, likewise).
    The threshold maximises the task's metric on validation; a balanced test uses balanced
    accuracy there, because the validation rows are not balanced.
    """

    key: str
    dataset: str
    metric: str  # "f1" | "accuracy" | "balanced_accuracy" | "macro_f1"
    published: float
    published_by: str
    definition: str
    include: Callable[[Labelled], bool]
    positive: Callable[[Labelled], bool]
    threshold_metric: str = ""  # what the validation threshold maximises; default: ``metric``
    test_filter: Callable[[Labelled], bool] = field(default=lambda item: True)
    train_filter: Callable[[Labelled], bool] = field(default=lambda item: True)


def _label_in(*values: str) -> Callable[[Labelled], bool]:
    wanted = {v.casefold() for v in values}
    return lambda item: item.source_label.strip().casefold() in wanted


def _label_starts(*prefixes: str) -> Callable[[Labelled], bool]:
    """The loaders append detail after a slash: ``implicit_hate/irony``, ``hate/sampled_test``."""
    wanted = tuple(p.casefold() for p in prefixes)
    return lambda item: item.source_label.strip().casefold().split("/")[0] in wanted


def _flag_set(*names: str) -> Callable[[Labelled], bool]:
    """GHC source labels are ``hd=1,cv=0``: positive when any named flag is 1."""
    wanted = {f"{n}=1" for n in names}
    return lambda item: bool({p.strip() for p in item.source_label.split(",")} & wanted)


def _always(item: Labelled) -> bool:
    return True


BASELINES: tuple[BaselineTask, ...] = (
    BaselineTask(
        key="implicit-hate binary",
        dataset="implicit-hate",
        metric="f1",
        published=0.689,
        published_by="BERT, ElSherief et al. 2021 Table 3 (P 72.1 / R 66.0 / F 68.9, mean of 5 random splits)",
        definition="stage-1 posts, implicit_hate (positive) vs not_hate; explicit_hate rows excluded",
        include=_label_starts("implicit_hate", "not_hate"),
        positive=_label_starts("implicit_hate"),
    ),
    BaselineTask(
        key="Gab Hate Corpus test",
        dataset="gab-hate-corpus",
        metric="f1",
        published=0.679,
        published_by="BERT, Kennedy et al. 2020 (ACL) Table 1: GHC_test P 69.87 / R 66.83 / F1 67.91",
        definition="ghc_test.tsv, hate = hd OR cv (positive) vs neither",
        include=_always,
        positive=_flag_set("hd", "cv"),
    ),
    BaselineTask(
        key="Stormfront balanced test",
        dataset="stormfront",
        metric="accuracy",
        threshold_metric="balanced_accuracy",
        test_filter=lambda item: item.source_label.endswith("/sampled_test"),
        train_filter=lambda item: item.source_label.endswith("/sampled_train"),
        published=0.79,
        published_by="de Gibert et al. 2018 as compiled in the hatecomp README",
        definition="balanced sampled_test (239 hate / 239 noHate), hate positive, accuracy",
        include=_label_starts("hate", "nohate"),
        positive=_label_starts("hate"),
    ),
    BaselineTask(
        key="Davidson hate class",
        dataset="davidson",
        metric="f1",
        published=0.51,
        published_by="Davidson et al. 2017 notebook output: hate P .44 / R .59 / F1 .51 on a 10% held-out set",
        definition="class 0 = hate (positive) vs offensive and neither; F1 of the hate class",
        include=_always,
        positive=_label_in("hate", "0"),
    ),
    BaselineTask(
        key="L-HSAB binary",
        dataset="l-hsab",
        metric="macro_f1",
        published=0.896,
        published_by="Naive Bayes, Mulki et al. 2019 (README): F-measure 89.6% normal vs abusive",
        definition="normal vs abusive, hate folded into abusive (positive); macro F1 as the paper reports F-measure over both classes",
        include=_always,
        positive=_label_in("abusive", "hate"),
    ),
)


# -- helpers ----------------------------------------------------------------------------------


def violating_truth(labels: Mapping[str, int]) -> int | None:
    """1 if any labelled violating category is 1, 0 if violating categories are labelled and all
    0, None when the source labels none (then the text says nothing about violation)."""
    known = [int(labels[c]) for c in VIOLATING if c in labels]
    if not known:
        return None
    return int(any(known))


def subsample(items: Sequence, key: Callable[[object], object], cap: int, seed: int) -> list:
    """At most ``cap`` items per key, chosen with a seeded generator, in the original order."""
    groups: dict[object, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        groups[key(item)].append(i)
    rng = np.random.default_rng(seed)
    keep: list[int] = []
    for indices in groups.values():
        if len(indices) > cap:
            indices = sorted(rng.choice(indices, size=cap, replace=False).tolist())
        keep.extend(indices)
    return [items[i] for i in sorted(keep)]


def quick_inputs(
    inputs: EvalInputs, seed: int, corpus_cap: int = 150, hatecheck_cap: int = 12, news_cap: int = 150,
    in_domain_cap: int = 1000,
) -> EvalInputs:
    """A small, seeded subsample of every input for a fast smoke run of the whole report."""
    return EvalInputs(
        corpus=subsample(inputs.corpus, lambda x: (x.dataset, x.split), corpus_cap, seed),
        hatecheck=subsample(inputs.hatecheck, lambda x: x.functionality, hatecheck_cap, seed),
        news=subsample(inputs.news, lambda x: x.source, news_cap, seed),
        seeds=inputs.seeds,
        in_domain=subsample(inputs.in_domain, lambda x: (x[0].dataset, x[0].split), in_domain_cap, seed),
    )


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in text.lower()).strip("_")


def _pct(estimate: Estimate) -> str:
    if np.isnan(estimate.value):
        return "n/a"
    return f"{100 * estimate.value:.1f}% [{100 * estimate.low:.1f}, {100 * estimate.high:.1f}]"


@dataclass
class _Scored:
    """Predictions of every predictor for one list of texts, aligned by position."""

    texts: list[str]
    by_predictor: dict[str, Predictions]


def _score_all(predictors: Sequence[Predictor], texts: Iterable[str]) -> tuple[_Scored, dict[str, int]]:
    unique = list(dict.fromkeys(texts))
    index = {t: i for i, t in enumerate(unique)}
    scored = _Scored(unique, {})
    for predictor in predictors:
        scored.by_predictor[predictor.name] = predictor.predict(unique)
    return scored, index


# -- the evaluation ---------------------------------------------------------------------------


class Evaluation:
    """Builds the report section by section from precomputed predictions."""

    def __init__(self, inputs: EvalInputs, predictors: Sequence[Predictor], out: Path, config: EvalConfig) -> None:
        if not predictors:
            raise EvaluationError("no predictor to evaluate")
        self.inputs = inputs
        self.predictors = list(predictors)
        self.names = [p.name for p in self.predictors]
        self.out = out
        self.config = config
        self.report = Report("tvec classifier evaluation")
        texts = [x.text for x in inputs.corpus] + [c.text for c in inputs.hatecheck] + [n.text for n in inputs.news]
        started = time.perf_counter()
        self.scored, self.index = _score_all(self.predictors, texts)
        self.scoring_seconds = time.perf_counter() - started
        self.validation = [x for x in inputs.corpus if x.split == "validation"]
        self.test = [x for x in inputs.corpus if x.split == "test"]

    # predictions for a list of texts, for one predictor
    def _pred(self, name: str, texts: Sequence[str]) -> Predictions:
        return self.scored.by_predictor[name].take([self.index[t] for t in texts])

    def _ci(self, fn: Callable[..., Estimate], y: np.ndarray, p: np.ndarray) -> Estimate:
        return fn(y, p, resamples=self.config.resamples, seed=self.config.seed)

    def _scores(self, y: np.ndarray, p: np.ndarray):
        return binary_scores(y, p, resamples=self.config.resamples, seed=self.config.seed)

    # -- sections ------------------------------------------------------------------------------

    def overview(self) -> None:
        section = self.report.section("Setup")
        section.text(
            "Systems: " + ", ".join(f"`{p.name}`" for p in self.predictors) + ". `linear` is the bare first-stage "
            "model on whole texts, flagged when its violating score reaches the policy's review threshold "
            f"({REVIEW_THRESHOLD}); `stack` runs the Scanner with the classifier and context detectors and the "
            "shipped policy (jurisdiction UK), flagged meaning any action other than allow. "
            f"Intervals are 95% percentile bootstraps ({self.config.resamples} resamples, seed {self.config.seed}); "
            "proportions (HateCheck shares, news false-positive rates) use Wilson intervals. "
            "Score thresholds are chosen on validation splits only and applied to test splits."
            + (" **Quick run: every input is subsampled; numbers are for smoke-testing only.**" if self.config.quick else "")
        )
        table = section.table(Table(["input", "rows"]))
        table.add("labelled validation rows", len(self.validation))
        table.add("labelled test rows", len(self.test))
        table.add("HateCheck cases", len(self.inputs.hatecheck))
        table.add("news items", len(self.inputs.news))
        table.add("seed documents", len(self.inputs.seeds))
        speed = section.table(Table(["system", "texts", "seconds", "texts/s"], caption=f"scoring speed on {platform.machine()}"))
        for name in self.names:
            seconds = self.scored.by_predictor[name].seconds
            n = len(self.scored.texts)
            speed.add(name, n, f"{seconds:.1f}", f"{n / seconds:,.0f}" if seconds > 0 else "n/a")

    def baselines(self) -> None:
        section = self.report.section("Published baselines")
        section.text(
            "Each row reproduces the task the published number was measured on. Our score is the violating "
            "score (max over the violating categories); its threshold maximises the task's metric on the "
            "dataset's validation split (balanced accuracy for the balanced Stormfront test; pooled validation "
            "when the dataset has no validation positive); `decision` is the system's own verdict with no "
            "tuning. Published numbers come from MANIFEST.md. Splits differ from the papers' where the dataset "
            "ships none (implicit-hate, Davidson, L-HSAB): ours are the training pipeline's hashed splits. "
            "L-HSAB's positive class is *abusive* language, which tvec deliberately does not flag (abuse "
            "without an identity attack is not a violation), so that row measures a different task."
        )
        in_domain = bool(self.inputs.in_domain)
        fits = self._fit_in_domain() if in_domain else {}
        if in_domain:
            section.text(IN_DOMAIN_TEXT)
        header = ["task", "metric", "published", "n test"]
        if in_domain:
            header.append(IN_DOMAIN_COLUMN)
        for name in self.names:
            header += [f"{name} (val threshold)", f"{name} decision"]
        table = section.table(Table(header))
        notes = section.table(Table(["task", "definition", "published by", "thresholds"]))
        for task in BASELINES:
            rows = [x for x in self.inputs.corpus if x.dataset == task.dataset and task.include(x)]
            test = [x for x in rows if x.split == "test" and task.test_filter(x)]
            if not test:
                table.add(task.key, task.metric, f"{task.published:.3f}", 0, *(["not loaded"] * (len(header) - 4)))
                continue
            validation = [x for x in rows if x.split == "validation"]
            pooled = not any(task.positive(x) for x in validation)
            cells: list[object] = [task.key, task.metric.replace("_", " "), f"{task.published:.3f}", len(test)]
            thresholds = []
            y_test = np.array([task.positive(x) for x in test], dtype=bool)
            if in_domain:
                fit = fits[task.key]
                if isinstance(fit, str):
                    cells.append(fit)
                else:
                    cells.append(self._metric(task.metric, y_test, fit.predict([x.text for x in test])).format())
                    thresholds.append(f"{IN_DOMAIN_COLUMN} {fit.threshold:.3f}")
            for name in self.names:
                if pooled:
                    val_items = [x for x in self.validation if violating_truth(x.labels) is not None]
                    y_val = np.array([violating_truth(x.labels) for x in val_items], dtype=bool)
                else:
                    val_items = validation
                    y_val = np.array([task.positive(x) for x in val_items], dtype=bool)
                val_scores = self._pred(name, [x.text for x in val_items]).violating
                threshold = best_threshold(y_val, val_scores, task.threshold_metric or task.metric)
                thresholds.append(f"{name} {threshold:.3f}" + (" (pooled validation)" if pooled else ""))
                predictions = self._pred(name, [x.text for x in test])
                at_threshold = predictions.violating >= threshold
                cells.append(self._metric(task.metric, y_test, at_threshold).format())
                cells.append(self._metric(task.metric, y_test, predictions.flagged).format())
            table.add(*cells)
            notes.add(task.key, task.definition, task.published_by, "; ".join(thresholds))
        if fits:
            self._in_domain_tables(section, fits)

    def _fit_in_domain(self) -> dict[str, InDomainFit | str]:
        """Per task the in-domain fit, or why there is none. The dataset's test rows of the
        corpus (the rows scored below) join the deduplication, so whatever is scored was held
        out of training by normalised text even if the caller's rows were not deduplicated."""
        fits: dict[str, InDomainFit | str] = {}
        variants = default_variants(self.config.train_seed)
        for task in BASELINES:
            own = [pair for pair in self.inputs.in_domain if pair[0].dataset == task.dataset]
            if not own:
                fits[task.key] = "no training rows loaded"
                continue
            test = [x for x in self.inputs.corpus if x.dataset == task.dataset and x.split == "test"]
            try:
                fits[task.key] = fit_in_domain(task, [*own, *keyed(test)], variants)
            except (EvaluationError, ConfigurationError) as exc:  # too little data; no scikit-learn
                fits[task.key] = f"not trained: {exc}"
        return fits

    def _in_domain_tables(self, section: Section, fits: Mapping[str, InDomainFit | str]) -> None:
        done = {key: fit for key, fit in fits.items() if not isinstance(fit, str)}
        if not done:
            return
        details = section.table(Table(
            ["task", "train rows (positive)", "validation rows (positive)", "validation from", "variant chosen",
             "validation metric", "threshold", "seconds"],
            caption=f"{IN_DOMAIN_COLUMN}: what each benchmark's model learnt from and what validation chose",
        ))
        for key, fit in done.items():
            metric = (fit.task.threshold_metric or fit.task.metric).replace("_", " ")
            details.add(
                key, f"{len(fit.train_keys)} ({fit.train_positives})",
                f"{len(fit.validation_keys)} ({fit.validation_positives})",
                "carved from train (text hash, 10%)" if fit.carved_validation else "validation split",
                fit.chosen.variant.name, f"{metric} {fit.chosen.validation_value:.3f}",
                f"{fit.threshold:.3f}", f"{fit.seconds:.1f}",
            )
        first = next(iter(done.values()))
        tried = section.table(Table(
            ["variant", *[f"{key} (val {(fit.task.threshold_metric or fit.task.metric).replace('_', ' ')})" for key, fit in done.items()]],
            caption=f"{IN_DOMAIN_COLUMN}: every variant tried, scored on validation only (the test split "
                    "was scored once, with the chosen variant)",
        ))
        for i, result in enumerate(first.tried):
            row: list[object] = [result.variant.name]
            for fit in done.values():
                value = fit.tried[i]
                row.append(f"{value.validation_value:.3f}" + (" (chosen)" if value.variant == fit.chosen.variant else ""))
            tried.add(*row)

    def _metric(self, metric: str, y: np.ndarray, pred: np.ndarray) -> Estimate:
        if metric == "f1":
            return self._scores(y, pred).f1
        if metric == "accuracy":
            return self._ci(accuracy_ci, y, pred)
        if metric == "balanced_accuracy":
            return self._ci(balanced_accuracy_ci, y, pred)
        if metric == "macro_f1":
            return self._ci(macro_f1_ci, y, pred)
        raise EvaluationError(f"unknown metric {metric!r}")

    def categories(self) -> None:
        section = self.report.section("Per category (test splits)")
        section.text(
            "For each category, the test rows of every dataset that labels it. Threshold: best F1 on the "
            "validation rows that label the category (0.5 when validation has no positive). AP = average "
            "precision (area under the PR curve); ECE = expected calibration error over 10 equal-width bins. "
            "Categories no dataset labels (insurrection, glorification, recruitment) cannot be measured here; "
            "see the seeds section."
        )
        for name in self.names:
            table = section.table(
                Table(["category", "n", "positives", "threshold", "precision", "recall", "F1", "AP", "ECE"], caption=name)
            )
            curves, calibrations = {}, {}
            for category in VIOLATING + CONTEXT:
                test = [x for x in self.test if category in x.labels]
                y = np.array([int(x.labels[category]) for x in test], dtype=bool)
                if not test or not y.any():
                    continue
                validation = [x for x in self.validation if category in x.labels]
                y_val = np.array([int(x.labels[category]) for x in validation], dtype=bool)
                scores_val = self._pred(name, [x.text for x in validation]).column(category)
                scores = self._pred(name, [x.text for x in test]).column(category)
                if not scores.any() and not scores_val.any():
                    # a threshold of 0 would "flag everything": not an operating point
                    table.add(category, len(test), int(y.sum()), "-", "not scored by this system", "", "", "", "")
                    continue
                threshold = best_threshold(y_val, scores_val) if y_val.any() else 0.5
                result = self._scores(y, scores >= threshold)
                curve = pr_curve(y, scores)
                cal = calibration(y, scores)
                curves[category], calibrations[category] = curve, cal
                table.add(
                    category, result.n, result.positives, f"{threshold:.3f}", result.precision.format(),
                    result.recall.format(), result.f1.format(), f"{curve.average_precision:.3f}", f"{cal.ece:.3f}",
                )
            if curves:
                pr_name, cal_name = f"pr_{_slug(name)}.png", f"calibration_{_slug(name)}.png"
                eval_plots.plot_pr_curves(curves, self.out / pr_name, f"Precision-recall per category ({name})")
                eval_plots.plot_reliability(calibrations, self.out / cal_name, f"Reliability per category ({name})")
                section.image(pr_name, f"PR curves, {name}")
                section.image(cal_name, f"reliability diagram, {name}")

    def binary(self) -> None:
        """Violating vs not: confusion matrices, per dataset and per language."""
        section = self.report.section("Violating vs not (test splits)")
        section.text(
            "Truth: a row is violating when any violating category its dataset labels is 1, and not violating "
            "when its dataset labels violating categories and all are 0; rows of datasets that label none are "
            "left out. Prediction: each system's own decision (see Setup). FPR = false-positive rate."
        )
        test = [x for x in self.test if violating_truth(x.labels) is not None]
        if not test:
            section.text("No labelled test rows.")
            return
        calibrations = {}
        for name in self.names:
            y = np.array([violating_truth(x.labels) for x in test], dtype=bool)
            predictions = self._pred(name, [x.text for x in test])
            matrix = confusion(y, predictions.flagged)
            image = f"confusion_{_slug(name)}.png"
            eval_plots.plot_confusion(matrix, self.out / image, f"{name}: decision on all test rows")
            section.image(image, f"confusion matrix, {name}")
            calibrations[name] = calibration(y, predictions.violating)
        image = "calibration_violating.png"
        eval_plots.plot_reliability(calibrations, self.out / image, "Reliability of the violating score (all test rows)")
        section.image(image, "reliability of the violating score")
        for title, key in (("per dataset", lambda x: x.dataset), ("per language", lambda x: x.lang)):
            table = section.table(
                Table(["group", "system", "n", "positives", "precision", "recall", "F1", "FPR", "AP", "TN", "FP", "FN", "TP"], caption=title)
            )
            groups: dict[str, list[Labelled]] = defaultdict(list)
            for item in test:
                groups[key(item)].append(item)
            for group in sorted(groups):
                items = groups[group]
                y = np.array([violating_truth(x.labels) for x in items], dtype=bool)
                for name in self.names:
                    predictions = self._pred(name, [x.text for x in items])
                    result = self._scores(y, predictions.flagged)
                    matrix = result.confusion
                    ap = pr_curve(y, predictions.violating).average_precision
                    fpr = wilson_interval(matrix.fp, matrix.fp + matrix.tn)
                    table.add(
                        group, name, result.n, result.positives, result.precision.format(), result.recall.format(),
                        result.f1.format(), _pct(fpr), "n/a" if np.isnan(ap) else f"{ap:.3f}",
                        matrix.tn, matrix.fp, matrix.fn, matrix.tp,
                    )

    def hatecheck(self) -> None:
        section = self.report.section("HateCheck per functionality")
        cases = self.inputs.hatecheck
        if not cases:
            section.text("HateCheck not loaded.")
            return
        section.text(
            "Share of the cases of each functionality that each system flags (its own decision), with a "
            "Wilson 95% interval. `_h` functionalities are hateful (should be flagged), `_nh` not hateful. "
            "tvec flags violent extremism and dehumanisation, not every insult, so a low share on e.g. "
            "`profanity_h` or `derog_neg_emote_h` is by design; the groups below are the ones the issue names."
        )
        by_function: dict[str, list[HateCheckCase]] = defaultdict(list)
        for case in cases:
            by_function[case.functionality].append(case)
        shares: dict[str, dict[str, Estimate]] = defaultdict(dict)
        table = section.table(Table(["functionality", "gold", "n", *[f"{n} flagged" for n in self.names]]))
        for function in sorted(by_function):
            items = by_function[function]
            row: list[object] = [function, "hateful" if items[0].hateful else "not hateful", len(items)]
            for name in self.names:
                flagged = self._pred(name, [c.text for c in items]).flagged
                estimate = wilson_interval(int(flagged.sum()), len(items))
                shares[name][function] = estimate
                row.append(_pct(estimate))
            table.add(*row)
        groups_table = section.table(Table(["group", "functionalities", "goal", *[f"{n} flagged" for n in self.names]]))
        for group, functions, goal in HATECHECK_GROUPS:
            items = [c for f in functions for c in by_function.get(f, [])]
            if not items:
                continue
            row = [group, ", ".join(functions), goal]
            for name in self.names:
                flagged = self._pred(name, [c.text for c in items]).flagged
                row.append(_pct(wilson_interval(int(flagged.sum()), len(items))))
            groups_table.add(*row)
        for name in self.names:
            image = f"hatecheck_{_slug(name)}.png"
            eval_plots.plot_shares(
                {f: (e.value, e.low, e.high) for f, e in shares[name].items()}, self.out / image, f"HateCheck: share flagged ({name})"
            )
            section.image(image, f"HateCheck shares, {name}")

    def news(self) -> None:
        section = self.report.section("False positives on news")
        if not self.inputs.news:
            section.text("News negatives not loaded.")
            return
        section.text(
            f"Every item is legitimate news; any flag is a false positive. Goal: below {NEWS_FPR_GOAL:.0%}. "
            "Wilson 95% intervals."
        )
        table = section.table(Table(["source", "system", "n", "flagged", "FPR", "goal met"]))
        sources = sorted({n.source for n in self.inputs.news}) + ["all news"]
        for source in sources:
            items = [n for n in self.inputs.news if source == "all news" or n.source == source]
            for name in self.names:
                flagged = self._pred(name, [n.text for n in items]).flagged
                estimate = wilson_interval(int(flagged.sum()), len(items))
                table.add(source, name, len(items), int(flagged.sum()), _pct(estimate), "yes" if estimate.value < NEWS_FPR_GOAL else "no")

    def seeds(self, seed_predictors: Mapping[str, Predictor]) -> None:
        section = self.report.section("Seed documents (UK)")
        if not self.inputs.seeds or not seed_predictors:
            section.text("Seeds not evaluated.")
            return
        section.text(
            "The five seed documents through the stack, with and without the organisations detector. "
            f"`classifier >= {REPORT_THRESHOLD}` lists the categories the classifier detector itself scores at "
            "or above the policy's reporting threshold (the categories a decision names); the issue requires "
            "insurrection and incitement there for the three violating seeds, flagged, even with the "
            "organisations detector off, and no flag on the two legitimate ones."
        )
        table = section.table(
            Table(["seed", "expected", "expected categories", "configuration", "action", "rule", "decision categories", f"classifier >= {REPORT_THRESHOLD}", "pass"])
        )
        texts = [s.text for s in self.inputs.seeds]
        for configuration, predictor in seed_predictors.items():
            predictions = predictor.predict(texts)
            for seed, flagged, detail in zip(self.inputs.seeds, predictions.flagged, predictions.details, strict=True):
                classifier = {c: s for c, s in detail.get("classifier", {}).items() if s >= REPORT_THRESHOLD}
                if seed.violating:
                    ok = bool(flagged) and {"insurrection", "incitement"} <= set(classifier)
                else:
                    ok = not bool(flagged)
                table.add(
                    seed.file.split("_")[0], "violating" if seed.violating else "not violating", ", ".join(seed.categories),
                    configuration, detail.get("action", "flagged" if flagged else "allow"), detail.get("rule") or "-",
                    ", ".join(detail.get("categories", ())) or "-",
                    ", ".join(f"{c} {s:.2f}" for c, s in sorted(classifier.items())) or "-", "yes" if ok else "NO",
                )

    def write(self, fmt: str) -> Path:
        return write_report(self.report, self.out, fmt)


IN_DOMAIN_COLUMN = "linear, in-domain"
IN_DOMAIN_TEXT = (
    f"`{IN_DOMAIN_COLUMN}` is the like-for-like comparison. The published numbers come from models fitted on "
    "each benchmark's own task (BERT fine-tuned on implicit-hate's and the Gab Hate Corpus's own training data; "
    "on Stormfront the accuracy hatecomp's README attributes to de Gibert et al.; Davidson's logistic "
    "regression and L-HSAB's Naive Bayes trained on their own corpora), "
    "while the other columns score the shipped model, trained once on all datasets pooled and mapped to "
    "policy categories. This column is tvec's own first-stage architecture (the same hashed word 1-2-gram and "
    "character n-gram featuriser and averaged-SGD logistic regression, pruned, float16 and Platt-calibrated as "
    "shipped) trained on that benchmark's training split alone, with the benchmark's own positive class, after "
    "removing every training and validation text that normalises to a text of its test split (the trainer's "
    "deduplication, run on the benchmark alone and again against the test rows scored here). The training variant (L2 "
    "strength, class weights, n-gram ranges; all tried are listed below) and the threshold are chosen on the "
    "benchmark's validation split (carved from its training rows by the loaders' stable text hash where it has "
    "none: Stormfront's balanced sampled_train); the test split is scored once. Published minus in-domain is "
    "what the architecture costs (bag of n-grams against a fine-tuned transformer); in-domain minus pooled is "
    "what training for tvec's policy task instead of the benchmark's costs (or gains) on that benchmark."
)

HATECHECK_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("threats", ("threat_dir_h", "threat_norm_h"), "high"),
    ("dehumanisation", ("derog_dehum_h",), "high"),
    ("counter-speech (quoting or referencing hate)", ("counter_quote_nh", "counter_ref_nh"), "low"),
    ("quoted hate", ("counter_quote_nh",), "low"),
    ("referenced hate", ("counter_ref_nh",), "low"),
    ("negated hate", ("negate_neg_nh",), "low"),
    ("neutral identity mentions", ("ident_neutral_nh",), "low"),
    ("positive identity statements", ("ident_pos_nh",), "low"),
)


def build_evaluation(
    inputs: EvalInputs,
    predictors: Sequence[Predictor],
    out: Path,
    *,
    config: EvalConfig | None = None,
    seed_predictors: Mapping[str, Predictor] | None = None,
) -> Evaluation:
    """Score everything and write the plots into ``out``; the report is then written with
    :meth:`Evaluation.write` in one or more formats."""
    config = config or EvalConfig()
    if config.quick:
        inputs = quick_inputs(inputs, config.seed)
    out.mkdir(parents=True, exist_ok=True)
    evaluation = Evaluation(inputs, predictors, out, config)
    evaluation.overview()
    evaluation.baselines()
    evaluation.categories()
    evaluation.binary()
    evaluation.hatecheck()
    evaluation.news()
    evaluation.seeds(seed_predictors or {})
    return evaluation


def run_evaluation(
    inputs: EvalInputs,
    predictors: Sequence[Predictor],
    out: Path,
    *,
    fmt: str = "md",
    config: EvalConfig | None = None,
    seed_predictors: Mapping[str, Predictor] | None = None,
) -> Path:
    """Score everything, write the plots and REPORT.<fmt> into ``out``; returns the report path."""
    if fmt not in ("md", "html"):
        raise InputError(str(out), f"unknown report format {fmt!r} (use md or html)")
    evaluation = build_evaluation(inputs, predictors, out, config=config, seed_predictors=seed_predictors)
    return evaluation.write(fmt)


__all__ = [
    "BASELINES",
    "HATECHECK_GROUPS",
    "BaselineTask",
    "EvalConfig",
    "EvalInputs",
    "Evaluation",
    "build_evaluation",
    "quick_inputs",
    "run_evaluation",
    "subsample",
    "violating_truth",
]

