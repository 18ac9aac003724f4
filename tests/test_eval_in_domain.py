"""The in-domain baselines (tvec's architecture trained on one benchmark's own task) on small,
templated synthetic rows: the test split is never trained on, deduplication by normalised text
works, the threshold comes from validation, and a seed gives one result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from tvec.errors import InputError
from tvec.training.data import LabelledText, hash_bucket, normalised_key
from tvec.evaluation.cli import eval_command
from tvec.evaluation.in_domain import (
    CARVED_VALIDATION_BUCKETS,
    Variant,
    default_variants,
    fit_in_domain,
    in_domain_splits,
    keyed,
)
from tvec.evaluation.suite import (
    BASELINES,
    IN_DOMAIN_COLUMN,
    BaselineTask,
    EvalConfig,
    EvalInputs,
    Evaluation,
    quick_inputs,
)
from tvec.evaluation.metrics import EvaluationError, best_threshold
from tvec.model.linear import HashingFeaturiser
from tvec.training.train import TrainConfig, fit_binary_model

GROUPS = ("Group A", "Group B", "Group C", "Group D")
HOSTILE = "{group} members are awful and unwelcome here, note {i}"
FRIENDLY = "{group} members are lovely and welcome here, note {i}"
SENTINEL = "qzxsentinel"

TOY = BaselineTask(
    key="toy task", dataset="toy", metric="f1", published=0.5, published_by="nobody", definition="hostile vs friendly",
    include=lambda row: row.source_label in ("hostile", "friendly"),
    positive=lambda row: row.source_label == "hostile",
)
FAST = (Variant("shipped", TrainConfig()), Variant("alpha 2e-4", TrainConfig(alpha=2e-4)))


def _row(text: str, label: str, split: str, dataset: str = "toy") -> LabelledText:
    return LabelledText(text, {"dehumanisation": int(label == "hostile")}, dataset, split, "en", label)


def _rows(split: str, n: int, start: int = 0) -> list[LabelledText]:
    rows = []
    for i in range(start, start + n):
        group = GROUPS[i % len(GROUPS)]
        rows.append(_row(HOSTILE.format(group=group, i=f"{split}{i}"), "hostile", split))
        rows.append(_row(FRIENDLY.format(group=group, i=f"{split}{i}"), "friendly", split))
    return rows


def _corpus(test_extra: list[LabelledText] = ()) -> list[tuple[LabelledText, str]]:
    return keyed(_rows("train", 120) + _rows("validation", 30) + _rows("test", 30) + list(test_extra))


def test_a_sentinel_only_in_test_is_never_trained_on():
    sentinel = _row(f"{SENTINEL} {SENTINEL} members are awful and unwelcome here", "hostile", "test")
    fit = fit_in_domain(TOY, _corpus([sentinel]), FAST)
    key = normalised_key(sentinel.text)
    assert key not in fit.train_keys and key not in fit.validation_keys
    assert not any(SENTINEL in k for k in fit.train_keys + fit.validation_keys)
    featuriser = HashingFeaturiser(fit.model.features)
    unigram = featuriser.word_indices(SENTINEL)[0]
    assert fit.model.weights[unigram, 0] == 0.0
    # the check can fail: the same row in training gives its word a weight
    train = in_domain_splits(TOY, _corpus([sentinel])).train
    texts = [k for _, k in train] + [key]
    labels = [int(TOY.positive(r)) for r, _ in train] + [1]
    leaked = fit_binary_model(texts, labels, fit.chosen.variant.config)
    assert leaked.weights[unigram, 0] != 0.0


def test_training_and_validation_copies_of_a_test_text_are_dropped_by_normalised_text():
    test_text = "Group A members are awful and unwelcome here, note shared1"
    variants = [
        _row("GROUP A   members are AWFUL and unwelcome here, note shared1", "hostile", "train"),  # case, spaces
        _row("Group A members are awful and unwelcome here, note shared1", "friendly", "validation"),
    ]
    validation_copy = _row("Group B members are lovely and welcome here, note validation1", "friendly", "train")
    rows = _corpus([_row(test_text, "hostile", "test")]) + keyed([*variants, validation_copy])
    assert normalised_key(variants[0].text) == normalised_key(test_text)
    splits = in_domain_splits(TOY, rows)
    kept = {key for _, key in splits.train + splits.validation}
    assert normalised_key(test_text) not in kept
    assert splits.removed == 3  # two copies of the test text, one training copy of a validation text
    train_texts = [row.text for row, _ in splits.train]
    assert validation_copy.text not in train_texts
    # a test text outside the task (an excluded label) is held out all the same
    excluded = _row("Group C members are lovely and welcome here, note train2", "other", "test")
    splits = in_domain_splits(TOY, _corpus([excluded]))
    assert normalised_key(excluded.text) not in {key for _, key in splits.train}
    assert splits.removed == 1


def test_the_threshold_comes_from_validation_and_test_labels_change_nothing():
    fit = fit_in_domain(TOY, _corpus(), FAST)
    valid_rows = [(r, k) for r, k in _corpus() if r.split == "validation"]
    assert fit.validation_keys == tuple(k for _, k in valid_rows)
    y_valid = np.array([TOY.positive(r) for r, _ in valid_rows])
    scores = fit.model.predict_proba_normalised(list(fit.validation_keys))[:, 0]
    assert fit.threshold == best_threshold(y_valid, scores, "f1")
    assert fit.chosen.validation_value == max(t.validation_value for t in fit.tried)
    # flip every test label and replace the test texts: the model and threshold do not move
    flipped = [(replace(r, source_label="friendly" if r.source_label == "hostile" else "hostile"), k)
               if r.split == "test" else (r, k) for r, k in _corpus()]
    other = fit_in_domain(TOY, flipped, FAST)
    assert other.threshold == fit.threshold
    assert np.array_equal(other.model.weights, fit.model.weights)
    # the toy task is learnable: the chosen threshold separates held-out rows
    test = _rows("test", 30)
    predicted = fit.predict([r.text for r in test])
    assert predicted.tolist() == [TOY.positive(r) for r in test]


def test_a_missing_validation_split_is_carved_from_train_by_text_hash():
    rows = keyed(_rows("train", 150) + _rows("test", 10))
    fit = fit_in_domain(TOY, rows, FAST)
    assert fit.carved_validation
    assert fit.validation_keys and all(hash_bucket(k) in CARVED_VALIDATION_BUCKETS for k in fit.validation_keys)
    assert all(hash_bucket(k) not in CARVED_VALIDATION_BUCKETS for k in fit.train_keys)
    assert set(fit.validation_keys).isdisjoint(fit.train_keys)


def test_train_filter_keeps_only_the_benchmarks_own_training_rows():
    own = replace(TOY, train_filter=lambda row: not row.text.endswith("extra"))
    extra = [_row(HOSTILE.format(group="Group Z", i=i) + " extra", "hostile", "train") for i in range(20)]
    fit = fit_in_domain(own, _corpus() + keyed(extra), FAST)
    assert not any(k.endswith("extra") for k in fit.train_keys)
    stormfront = next(t for t in BASELINES if t.dataset == "stormfront")
    assert stormfront.train_filter(LabelledText("x", {}, "stormfront", "train", "en", "hate/sampled_train"))
    assert not stormfront.train_filter(LabelledText("x", {}, "stormfront", "train", "en", "noHate"))


def test_the_fit_is_deterministic_for_a_seed():
    first = fit_in_domain(TOY, _corpus(), default_variants(seed=3)[:3])
    again = fit_in_domain(TOY, _corpus(), default_variants(seed=3)[:3])
    assert np.array_equal(first.model.weights, again.model.weights)
    assert first.threshold == again.threshold and first.chosen.variant == again.chosen.variant
    assert [t.validation_value for t in first.tried] == [t.validation_value for t in again.tried]
    seed3 = fit_in_domain(TOY, _corpus(), default_variants(seed=3)[:1])
    seed4 = fit_in_domain(TOY, _corpus(), default_variants(seed=4)[:1])
    assert not np.array_equal(seed3.model.weights, seed4.model.weights)


def test_one_class_training_data_is_refused():
    only_hostile = [(r, k) for r, k in _corpus() if r.source_label == "hostile" or r.split != "train"]
    with pytest.raises(EvaluationError, match="training rows need both classes"):
        fit_in_domain(TOY, only_hostile, FAST)
    with pytest.raises(InputError, match="both classes"):
        fit_binary_model(["a b", "c d"], [1, 1])
    with pytest.raises(InputError, match="labels of shape"):
        fit_binary_model(["a b", "c d"], [1])


def _ghc_rows() -> list[LabelledText]:
    """The toy task dressed as the Gab Hate Corpus rows the loader yields."""
    out = []
    for split, n in (("train", 100), ("validation", 25), ("test", 25)):
        for row in _rows(split, n):
            label = "hd=1,cv=0" if row.source_label == "hostile" else "hd=0,cv=0"
            out.append(LabelledText(row.text, row.labels, "gab-hate-corpus", split, "en", label))
    return out


class ConstantModel:
    categories = ("dehumanisation",)

    def predict_proba(self, texts):
        return np.full((len(texts), 1), 0.4)


def test_the_report_adds_the_in_domain_column_and_the_variants_tried(tmp_path: Path):
    from tvec.evaluation.predictors import LinearPredictor

    rows = _ghc_rows()
    corpus = [r for r in rows if r.split != "train"]
    inputs = EvalInputs(corpus, in_domain=keyed([r for r in rows if r.split != "test"]))
    evaluation = Evaluation(inputs, [LinearPredictor(ConstantModel())], tmp_path, EvalConfig(resamples=20))
    evaluation.baselines()
    report = evaluation.write("md").read_text(encoding="utf-8")
    assert f"| task | metric | published | n test | {IN_DOMAIN_COLUMN} | linear (val threshold) |" in report
    assert "| Gab Hate Corpus test | f1 | 0.679 | 50 | 1.000 [1.000, 1.000] |" in report
    assert "every variant tried, scored on validation only" in report and "(chosen)" in report
    assert "| implicit-hate binary | f1 | 0.689 | 0 | not loaded |" in report
    for row in rows:
        assert row.text not in report
    # without in-domain rows the table keeps its old columns
    plain = Evaluation(EvalInputs(corpus), [LinearPredictor(ConstantModel())], tmp_path / "plain", EvalConfig(resamples=20))
    plain.baselines()
    assert IN_DOMAIN_COLUMN not in plain.write("md").read_text(encoding="utf-8")


def test_quick_inputs_cap_the_in_domain_rows():
    inputs = EvalInputs([], in_domain=_corpus())
    quick = quick_inputs(inputs, seed=1, in_domain_cap=7)
    assert len(quick.in_domain) == 3 * 7
    assert quick.in_domain == quick_inputs(inputs, seed=1, in_domain_cap=7).in_domain


def test_the_cli_offers_the_in_domain_switch():
    result = CliRunner().invoke(eval_command, ["--help"])
    assert result.exit_code == 0 and "--in-domain / --no-in-domain" in result.output
