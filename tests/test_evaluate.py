"""Evaluation metrics on hand-made arrays, and the report writer on a tiny fake run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from tvec.evaluation.inputs import (
    HateCheckCase,
    NewsItem,
    SeedDocument,
    load_hatecheck,
    load_news,
    load_seeds,
)
from tvec.evaluation.predictors import LinearPredictor, Predictions, StackPredictor
from tvec.evaluation.report import Report, Table, to_html, to_markdown, write_report
from tvec.evaluation.suite import (
    BASELINES,
    EvalConfig,
    EvalInputs,
    quick_inputs,
    run_evaluation,
    subsample,
    violating_truth,
)
from tvec.evaluation.metrics import (
    EvaluationError,
    accuracy_ci,
    best_threshold,
    binary_scores,
    bootstrap_ci,
    calibration,
    confusion,
    macro_f1_ci,
    pr_curve,
    wilson_interval,
)

# -- metrics ----------------------------------------------------------------------------------

Y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
P = np.array([1, 1, 1, 0, 1, 1, 0, 0, 0, 0])  # tp 3, fn 1, fp 2, tn 4


def test_confusion_and_f1_of_a_known_table():
    counts = confusion(Y, P)
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (3, 2, 1, 4)
    assert counts.precision == pytest.approx(3 / 5)
    assert counts.recall == pytest.approx(3 / 4)
    assert counts.f1 == pytest.approx(2 * 3 / (2 * 3 + 2 + 1))
    assert counts.accuracy == pytest.approx(7 / 10)
    assert counts.false_positive_rate == pytest.approx(2 / 6)
    assert counts.balanced_accuracy == pytest.approx((3 / 4 + 4 / 6) / 2)
    assert counts.macro_f1 == pytest.approx((6 / 9 + 8 / 11) / 2)
    assert counts.as_matrix().tolist() == [[4, 2], [1, 3]]


def test_bootstrap_intervals_contain_the_point_estimate_and_are_seeded():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 300)
    pred = np.where(rng.random(300) < 0.8, y, 1 - y)
    scores = binary_scores(y, pred, resamples=200, seed=7)
    for estimate in (scores.precision, scores.recall, scores.f1):
        assert estimate.low <= estimate.value <= estimate.high
        assert estimate.high - estimate.low > 0.01  # 300 noisy rows cannot give a zero-width interval
    assert scores.f1 == binary_scores(y, pred, resamples=200, seed=7).f1
    assert scores.f1.value == pytest.approx(confusion(y, pred).f1)
    for fn in (accuracy_ci, macro_f1_ci):
        estimate = fn(y, pred, resamples=200, seed=7)
        assert estimate.low <= estimate.value <= estimate.high
    mean = bootstrap_ci(lambda idx: float(np.mean(y[idx])), y.size, resamples=200, seed=1)
    assert mean.low <= float(np.mean(y)) <= mean.high


def test_perfect_predictions_have_a_degenerate_interval_at_one():
    scores = binary_scores(Y, Y, resamples=100)
    assert scores.f1.value == scores.f1.low == scores.f1.high == 1.0


def test_ece_of_a_perfectly_calibrated_toy_is_zero_and_of_an_overconfident_one_is_not():
    y = np.array([1, 0, 0, 0, 1, 1, 1, 0])
    s = np.array([0.25] * 4 + [0.75] * 4)
    assert calibration(y, s).ece == pytest.approx(0.0)
    overconfident = calibration(np.array([1, 0, 1, 0]), np.full(4, 0.9))
    assert overconfident.ece == pytest.approx(0.4)
    assert overconfident.counts.sum() == 4


def test_pr_curve_average_precision_by_hand():
    y = np.array([1, 1, 0, 0, 1, 0, 1, 0])
    s = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    curve = pr_curve(y, s)
    # positives at ranks 1, 2, 5, 7: AP = (1 + 1 + 3/5 + 4/7) / 4
    assert curve.average_precision == pytest.approx((1 + 1 + 3 / 5 + 4 / 7) / 4)
    assert curve.recall[-1] == 1.0
    tied = pr_curve(np.array([1, 0]), np.array([0.5, 0.5]))
    assert tied.thresholds.tolist() == [0.5] and tied.average_precision == pytest.approx(0.5)


def test_best_threshold_maximises_the_chosen_metric():
    y = np.array([0, 0, 0, 1, 1, 1])
    s = np.array([0.1, 0.2, 0.35, 0.4, 0.8, 0.9])
    assert best_threshold(y, s) == pytest.approx(0.4)
    assert best_threshold(y, s, "balanced_accuracy") == pytest.approx(0.4)
    imbalanced_y = np.array([0] * 8 + [1, 1])
    imbalanced_s = np.array([0.1] * 6 + [0.55, 0.6, 0.5, 0.9])
    assert best_threshold(imbalanced_y, imbalanced_s, "f1") == pytest.approx(0.9)
    assert best_threshold(imbalanced_y, imbalanced_s, "balanced_accuracy") == pytest.approx(0.5)
    assert best_threshold(np.zeros(3, dtype=int), np.array([0.1, 0.2, 0.3])) == 0.5
    with pytest.raises(EvaluationError):
        best_threshold(y, s, "auc")


def test_wilson_interval_is_sensible_at_zero_and_at_the_middle():
    zero = wilson_interval(0, 1900)
    assert zero.value == 0.0 and zero.low == 0.0 and 0.0 < zero.high < 0.003
    half = wilson_interval(50, 100)
    assert half.low == pytest.approx(1 - half.high)
    assert half.format() == "0.500 [0.404, 0.596]"


def test_metrics_reject_inconsistent_input():
    with pytest.raises(EvaluationError, match="length"):
        confusion([1, 0], [1])
    with pytest.raises(EvaluationError, match="0/1"):
        confusion([2, 0], [1, 0])
    with pytest.raises(EvaluationError, match=r"\[0, 1\]"):
        pr_curve([1, 0], [1.5, 0.2])
    with pytest.raises(EvaluationError):
        binary_scores([], [])


# -- helpers of the suite -----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    text: str
    labels: Mapping[str, int]
    dataset: str
    split: str
    lang: str = "en"
    source_label: str = ""


def test_violating_truth_needs_a_labelled_violating_category():
    assert violating_truth({"dehumanisation": 1, "news_reporting": 0}) == 1
    assert violating_truth({"dehumanisation": 0, "incitement": 0}) == 0
    assert violating_truth({"news_reporting": 1}) is None


def test_subsample_is_seeded_capped_per_group_and_keeps_order():
    items = [Row(f"t{i}", {}, "a" if i % 2 else "b", "test") for i in range(100)]
    picked = subsample(items, lambda r: r.dataset, 10, seed=3)
    assert len(picked) == 20
    assert picked == subsample(items, lambda r: r.dataset, 10, seed=3)
    assert [int(r.text[1:]) for r in picked] == sorted(int(r.text[1:]) for r in picked)


def test_baseline_tasks_match_the_loaders_source_labels():
    tasks = {t.dataset: t for t in BASELINES}
    ghc = tasks["gab-hate-corpus"]
    assert ghc.positive(Row("x", {}, "gab-hate-corpus", "test", source_label="hd=0,cv=1"))
    assert not ghc.positive(Row("x", {}, "gab-hate-corpus", "test", source_label="hd=0,cv=0"))
    implicit = tasks["implicit-hate"]
    assert implicit.include(Row("x", {}, "implicit-hate", "test", source_label="implicit_hate/irony"))
    assert not implicit.include(Row("x", {}, "implicit-hate", "test", source_label="explicit_hate"))
    stormfront = tasks["stormfront"]
    balanced = Row("x", {}, "stormfront", "test", source_label="hate/sampled_test")
    assert stormfront.include(balanced) and stormfront.positive(balanced) and stormfront.test_filter(balanced)
    hashed = Row("x", {}, "stormfront", "test", source_label="noHate")
    assert stormfront.include(hashed) and not stormfront.positive(hashed) and not stormfront.test_filter(hashed)
    assert not stormfront.include(Row("x", {}, "stormfront", "test", source_label="relation"))
    assert {t.published for t in BASELINES} == {0.689, 0.679, 0.79, 0.51, 0.896}


# -- the report writer on a fake run ------------------------------------------------------------

VIOLENT = "Group X calls on people to attack the rally number {i}"
CALM = "Group X invites people to attend the rally number {i}"
NEWS = "Officials said Group X held a rally in the capital, report number {i}"


class KeywordModel:
    """A stand-in for LinearModel: 'attack' is dehumanisation/incitement, 'said' is news."""

    categories = ("dehumanisation", "incitement", "news_reporting")

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 3))
        for i, text in enumerate(texts):
            jitter = (sum(map(ord, text)) % 100) / 1000  # deterministic spread below the violent scores
            out[i] = [0.9, 0.8, 0.1] if "attack" in text else [0.1 + jitter, 0.05, 0.7 if "said" in text else 0.1]
        return out


@dataclass
class FakeDecision:
    action: str
    rule: str | None
    categories: tuple[str, ...]

    @property
    def flagged(self) -> bool:
        return self.action != "allow"


@dataclass
class FakeSignal:
    detector: str
    category: str
    score: float


@dataclass
class FakeResult:
    signals: tuple[FakeSignal, ...]
    decisions: dict[str, FakeDecision]
    errors: tuple[str, ...] = ()

    def decision(self, jurisdiction: str) -> FakeDecision:
        return self.decisions[jurisdiction]


class FakeScanner:
    def scan(self, document, jurisdictions):
        violent = "attack" in document.text
        signals = (FakeSignal("classifier", "incitement", 0.9), FakeSignal("classifier", "insurrection", 0.7)) if violent else ()
        action = "remove" if violent else "allow"
        decision = FakeDecision(action, "violating-high-confidence" if violent else None, ("incitement",) if violent else ())
        return FakeResult(signals, {j: decision for j in jurisdictions})


def _fake_inputs() -> EvalInputs:
    corpus = []
    for split in ("validation", "test"):
        for i in range(30):
            corpus.append(Row(VIOLENT.format(i=f"{split}{i}"), {"dehumanisation": 1, "incitement": 1}, "gab-hate-corpus", split,
                              source_label="hd=1,cv=1"))
            corpus.append(Row(CALM.format(i=f"{split}{i}"), {"dehumanisation": 0, "incitement": 0}, "gab-hate-corpus", split,
                              lang="ur-Latn", source_label="hd=0,cv=0"))
            corpus.append(Row(NEWS.format(i=f"{split}{i}"), {"news_reporting": 1, "dehumanisation": 0}, "toy-news", split))
    hatecheck = [HateCheckCase("threat_dir_h", VIOLENT.format(i=f"hc{i}"), True) for i in range(5)] + [
        HateCheckCase("counter_quote_nh", CALM.format(i=f"hc{i}"), False) for i in range(5)
    ]
    news = [NewsItem("AG News World", NEWS.format(i=f"ag{i}")) for i in range(10)]
    seeds = [
        SeedDocument("000_a.txt", VIOLENT.format(i="seed"), True, ("insurrection", "incitement"), "Org"),
        SeedDocument("003_b.txt", CALM.format(i="seed"), False, ("advocacy",), ""),
    ]
    return EvalInputs(corpus, hatecheck, news, seeds)


def test_predictors_produce_scores_decisions_and_details():
    texts = [VIOLENT.format(i=1), CALM.format(i=1)]
    linear = LinearPredictor(KeywordModel()).predict(texts)
    assert linear.scores.shape == (2, 3) and linear.flagged.tolist() == [True, False]
    assert linear.violating[0] == pytest.approx(linear.scores[0, :2].max())
    stack = StackPredictor(FakeScanner()).predict(texts)
    assert stack.flagged.tolist() == [True, False]
    assert stack.column("insurrection").tolist() == [0.7, 0.0]
    assert stack.details[0]["classifier"] == {"incitement": 0.9, "insurrection": 0.7}
    assert isinstance(stack.take([1]), Predictions) and stack.take([1]).flagged.tolist() == [False]


@pytest.fixture(scope="module")
def fake_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[EvalInputs, Path]:
    """One fake evaluation (plots are the slow part), written in both formats."""
    out = tmp_path_factory.mktemp("eval")
    inputs = _fake_inputs()
    stack = StackPredictor(FakeScanner())
    path = run_evaluation(
        inputs,
        [LinearPredictor(KeywordModel()), stack],
        out,
        fmt="md",
        config=EvalConfig(resamples=50),
        seed_predictors={"organisations off": stack},
    )
    assert path == out / "REPORT.md"
    return inputs, out


def test_report_on_a_fake_run_writes_the_report_and_plots(fake_run: tuple[EvalInputs, Path]):
    inputs, out = fake_run
    report = (out / "REPORT.md").read_text(encoding="utf-8")
    for heading in ("Published baselines", "Per category", "Violating vs not", "HateCheck", "news", "Seed documents"):
        assert heading in report
    pngs = {p.name for p in out.glob("*.png")}
    assert {"pr_linear.png", "calibration_linear.png", "confusion_stack.png", "hatecheck_linear.png"} <= pngs
    assert all(p.stat().st_size > 1000 for p in out.glob("*.png"))
    assert all(f"]({name})" in report for name in pngs)
    # numbers and file names only: no input text reaches the report
    for text in [x.text for x in inputs.corpus] + [s.text for s in inputs.seeds]:
        assert text not in report
    assert "threats" in report and "| gab-hate-corpus | linear | 60 | 30 |" in report and "ur-Latn" in report
    assert "| 000 | violating |" in report and "| yes |" in report
    # the toy model separates the toy classes perfectly, and news is never flagged
    assert "| dehumanisation | 90 | 30 | " in report
    # the GHC baseline row is reproduced on the toy rows: F1 1.0 at the validation threshold
    assert "| Gab Hate Corpus test | f1 | 0.679 | 60 | 1.000 [1.000, 1.000] |" in report
    assert "| AG News World | linear | 10 | 0 | 0.0% [0.0, 27.8] | yes |" in report


def test_report_in_html(tmp_path: Path):
    stack = StackPredictor(FakeScanner())
    inputs = _fake_inputs()
    small = EvalInputs(inputs.corpus[:6] + inputs.corpus[-6:], (), inputs.news, inputs.seeds)
    path = run_evaluation(small, [stack], tmp_path, fmt="html", config=EvalConfig(resamples=20),
                          seed_predictors={"off": stack})
    page = path.read_text(encoding="utf-8")
    assert path.name == "REPORT.html" and page.startswith("<!DOCTYPE html>")
    assert '<img src="confusion_stack.png"' in page and "<table>" in page
    with pytest.raises(Exception, match="format"):
        run_evaluation(small, [stack], tmp_path, fmt="pdf")


def test_quick_inputs_subsample_every_input():
    inputs = _fake_inputs()
    quick = quick_inputs(inputs, seed=1, corpus_cap=5, hatecheck_cap=2, news_cap=3)
    assert len(quick.corpus) == 4 * 5 and len(quick.hatecheck) == 4 and len(quick.news) == 3
    assert quick.seeds == inputs.seeds


def test_report_renderers_escape_and_order_parts(tmp_path: Path):
    report = Report("T")
    section = report.section("S")
    section.text("first")
    table = section.table(Table(["a", "b"]))
    table.add("x|y", 0.12345)
    section.image("p.png", "plot")
    markdown = to_markdown(report)
    assert markdown.index("first") < markdown.index("x\\|y") < markdown.index("![plot](p.png)")
    assert "0.123" in markdown
    assert "<td>x|y</td>" in to_html(report)
    with pytest.raises(ValueError):
        table.add("only one")
    with pytest.raises(Exception, match="format"):
        write_report(report, tmp_path, "pdf")


# -- readers ------------------------------------------------------------------------------------


def test_readers_on_small_files(tmp_path: Path):
    (tmp_path / "data/hatecheck").mkdir(parents=True)
    (tmp_path / "data/hatecheck/test_suite_cases.csv").write_text(
        ",functionality,case_id,test_case,label_gold\n0,threat_dir_h,1,Template threat one,hateful\n"
        "1,ident_neutral_nh,2,Template mention two,non-hateful\n",
        encoding="utf-8",
    )
    (tmp_path / "data/news-neutral/ag_news_csv").mkdir(parents=True)
    (tmp_path / "data/news-neutral/ag_news_csv/test.csv").write_text(
        'label,title,description\n1,Title A,Body A\n2,Title B,Body B\n1,Title A,Body A\n', encoding="utf-8"
    )
    (tmp_path / "data/news-neutral/bbc_news_train.csv").write_text(
        "ArticleId,Text,Category\n1,Politics story,politics\n2,Sport story,sport\n3,politics  story,politics\n",
        encoding="utf-8",
    )
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/labels.tsv").write_text(
        "file\tlabel\tcategories\torganisation\tkey_evidence\n000_x.txt\tviolating\tincitement,insurrection\tOrg\t-\n",
        encoding="utf-8",
    )
    (tmp_path / "seeds/000_x.txt").write_text("A generic template text.", encoding="utf-8")
    cases = load_hatecheck(tmp_path)
    assert [(c.functionality, c.hateful) for c in cases] == [("threat_dir_h", True), ("ident_neutral_nh", False)]
    news = load_news(tmp_path)
    assert [(n.source, n.text) for n in news] == [("AG News World", "Title A. Body A"), ("BBC politics", "Politics story")]
    seeds = load_seeds(tmp_path)
    assert seeds[0].violating and seeds[0].categories == ("incitement", "insurrection")
    with pytest.raises(Exception, match="not found"):
        load_hatecheck(tmp_path / "missing")


def test_shared_evaluation_inputs_have_the_documented_sizes(shared: Path):
    cases = load_hatecheck(shared)
    assert len(cases) == 3728
    assert sum(c.functionality.startswith("threat_") for c in cases) == 273
    news = load_news(shared)
    assert sum(n.source == "AG News World" for n in news) == 1900
    assert 200 < sum(n.source == "BBC politics" for n in news) <= 274
    assert len(load_seeds(shared)) == 5
