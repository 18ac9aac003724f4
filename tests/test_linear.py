"""The linear first stage: features, calibration, training on tiny synthetic data, persistence,
explanations, and the shipped model. Every sentence here is a generic template with made-up
group names ("Zorbian", "Quellan"); no dataset text."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import numpy as np
import pytest

from tvec.errors import ConfigurationError, InputError
from tvec.training.data import LabelledText
from tvec.model.linear import FeatureConfig, HashingFeaturiser, LinearModel, Platt
from tvec.normalise import normalise

GROUPS = ["zorbian", "quellan", "varnish", "tellurian", "moravite", "dexian", "ostrel", "palonian",
          "brekish", "ulmar", "sendari", "kovric"]
THREATS = ["I will hurt all {g} people", "we are going to attack the {g} people tonight",
           "someone should beat up every {g} person", "I want to hurt those {g} people badly",
           "let us attack the {g} people and make them suffer", "the {g} people deserve to be hurt",
           "go and beat the {g} people in the street", "I will attack any {g} person I see",
           "hurt them, hurt every {g} person", "we should attack the {g} people at the market"]
NEUTRAL = ["the {g} people opened a new library", "I had lunch with {g} people yesterday",
           "the {g} community celebrated the harvest", "a {g} person won the chess tournament",
           "the {g} people live near the river", "many {g} people enjoy painting",
           "the {g} choir sang at the festival", "my {g} neighbours shared their recipes",
           "{g} families visited the museum", "the {g} team trained in the rain"]


def _rows(templates: list[str], label: int, split: str, groups: list[str]) -> list[tuple[LabelledText, str]]:
    out = []
    for template, group in itertools.product(templates, groups):
        text = template.format(g=group)
        out.append((LabelledText(text, {"incitement": label}, "synthetic", split, "en", str(label)),
                    normalise(text).text))
    return out


@pytest.fixture(scope="module")
def tiny_model() -> LinearModel:
    pytest.importorskip("sklearn")
    from tvec.training.train import TrainConfig, train_model

    train_groups, valid_groups = GROUPS[:10], GROUPS[10:]
    rows = (_rows(THREATS, 1, "train", train_groups) + _rows(NEUTRAL, 0, "train", train_groups)
            + _rows(THREATS, 1, "validation", valid_groups) + _rows(NEUTRAL, 0, "validation", valid_groups))
    config = TrainConfig(seed=1, features=FeatureConfig(n_bits=16), keep_weights=20_000, epochs=5)
    result = train_model(rows, config)
    assert result.model.categories == ("incitement",)
    assert "dehumanisation" in result.skipped  # no labels at all: not trained
    assert result.validation["incitement"].f1 > 0.9
    return result.model


def test_featuriser_is_deterministic_and_length_normalised() -> None:
    a, b = HashingFeaturiser(FeatureConfig()), HashingFeaturiser(FeatureConfig())
    texts = ["group x calls on people to attend the rally", "", "one"]
    ia, va, pa = a.transform(texts)
    ib, vb, pb = b.transform(texts)
    assert np.array_equal(ia, ib) and np.array_equal(pa, pb) and np.allclose(va, vb)
    assert pa[2] == pa[1]  # the empty text has no features
    first = va[pa[0]:pa[1]]
    assert np.isclose(np.sum(first ** 2), 1.0)
    assert ia.max() < FeatureConfig().size


def test_feature_config_is_checked() -> None:
    with pytest.raises(ValueError):
        FeatureConfig(n_bits=40)
    with pytest.raises(ValueError):
        FeatureConfig(char_min=4, char_max=2)


def test_platt_is_monotonic_and_needs_both_classes() -> None:
    rng = np.random.default_rng(0)
    z = np.concatenate([rng.normal(-1, 1, 300), rng.normal(1.5, 1, 100)])
    y = np.concatenate([np.zeros(300), np.ones(100)])
    platt = Platt.fit(z, y)
    assert platt.a > 0
    grid = np.linspace(-5, 5, 101)
    assert np.all(np.diff(platt(grid)) > 0)
    assert 0.05 < platt(np.array([0.0]))[0] < 0.6
    with pytest.raises(ValueError):
        Platt.fit(z, np.zeros_like(z))


def test_platt_converges_on_large_raw_scores() -> None:
    """Raw SGD scores reach +-20 and beyond; plain Newton from (1, 0) diverged on them."""
    rng = np.random.default_rng(1)
    z = np.concatenate([rng.normal(-10, 5, 900), rng.normal(8, 5, 100)])
    y = np.concatenate([np.zeros(900), np.ones(100)])
    platt = Platt.fit(z, y)
    assert 0 < platt.a < 5 and abs(platt.b) < 20
    p = platt(z)
    assert abs(p.mean() - y.mean()) < 0.02  # calibrated on average
    assert 0 < p.min() and p.max() < 1


def test_tiny_model_separates_threats_from_neutral(tiny_model: LinearModel) -> None:
    threats = [t.format(g="kovric") for t in THREATS[:3]]
    neutral = [t.format(g="kovric") for t in NEUTRAL[:3]]
    p = tiny_model.predict_proba(threats + neutral)
    assert p.shape == (6, 1)
    assert ((p >= 0) & (p <= 1)).all()
    assert p[:3, 0].min() > p[3:, 0].max()


def test_save_load_round_trip(tiny_model: LinearModel, tmp_path: Path) -> None:
    tiny_model.save(tmp_path / "m")
    loaded = LinearModel.load(tmp_path / "m")
    texts = [t.format(g="ostrel") for t in THREATS + NEUTRAL]
    assert loaded.categories == tiny_model.categories
    assert loaded.features == tiny_model.features
    assert np.allclose(loaded.predict_proba(texts), tiny_model.predict_proba(texts), atol=1e-6)
    spec = json.loads((tmp_path / "m" / "model.json").read_text())
    assert spec["format_version"] == 1 and not list(tmp_path.glob("m/*.pkl"))


def test_load_errors_name_the_directory(tmp_path: Path, tiny_model: LinearModel) -> None:
    with pytest.raises(ConfigurationError, match="not a tvec linear model"):
        LinearModel.load(tmp_path)
    tiny_model.save(tmp_path / "m")
    spec_path = tmp_path / "m" / "model.json"
    spec = json.loads(spec_path.read_text())
    spec["format_version"] = 99
    spec_path.write_text(json.dumps(spec))
    with pytest.raises(ConfigurationError, match="format version"):
        LinearModel.load(tmp_path / "m")


def test_explain_points_at_the_threat_words(tiny_model: LinearModel) -> None:
    explanation = tiny_model.explain("I will hurt all kovric people", "incitement", k=3)
    assert 0 < len(explanation) <= 3
    contributions = [c for _, c in explanation]
    assert contributions == sorted(contributions, reverse=True) and min(contributions) > 0
    units = {u for u, _ in explanation}
    assert units & {"hurt", "will hurt", "hurt all", "will"}
    assert all(u in normalise("I will hurt all kovric people").text for u in units)
    with pytest.raises(ValueError, match="not in this model"):
        tiny_model.explain("anything", "recruitment")


def test_training_refuses_test_rows() -> None:
    pytest.importorskip("sklearn")
    from tvec.training.train import train_model

    rows = _rows(THREATS, 1, "test", GROUPS[:2])
    with pytest.raises(InputError, match="test-split"):
        train_model(rows)
    with pytest.raises(InputError, match="dev-split"):  # an evaluation-only set's diagnosis rows
        train_model(_rows(THREATS, 1, "dev", GROUPS[:2]))


def test_prune_keeps_the_largest_weights() -> None:
    from tvec.training.train import prune

    weights = np.array([[0.1, -3.0], [-2.0, 0.0], [0.5, 0.2], [0.0, 0.01]], dtype=np.float32)
    pruned = prune(weights, 2)
    assert np.count_nonzero(pruned[:, 0]) == 2 and pruned[1, 0] == -2.0 and pruned[2, 0] == 0.5
    assert pruned[0, 1] == -3.0 and pruned[2, 1] == pytest.approx(0.2, abs=1e-3)


# -- the shipped model -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> LinearModel:
    return LinearModel.load()


def test_shipped_model_loads_fast_and_has_a_card(shipped: LinearModel) -> None:
    from importlib import resources

    root = Path(str(resources.files("tvec") / "data" / "model"))
    assert (root / "MODEL_CARD.md").is_file()
    assert sum(p.stat().st_size for p in root.iterdir()) < 50 * 1024 * 1024
    assert set(shipped.categories) <= {"incitement", "dehumanisation", "counter_speech", "news_reporting"}
    assert {"incitement", "dehumanisation"} <= set(shipped.categories)
    assert not {"insurrection", "glorification", "recruitment"} & set(shipped.categories)


def test_shipped_model_ranks_threats_above_neutral_sentences(shipped: LinearModel) -> None:
    j = shipped.categories.index("incitement")
    threats = [t.format(g=g) for t in THREATS[:5] for g in ("zorbian", "quellan")]
    neutral = [t.format(g=g) for t in NEUTRAL[:5] for g in ("zorbian", "quellan")]
    p = shipped.predict_proba(threats + neutral)
    assert p[: len(threats), j].mean() > p[len(threats):, j].mean()
    assert np.median(p[: len(threats), j]) > np.median(p[len(threats):, j])
    assert shipped.explain(threats[0], "incitement")


def test_shipped_model_scores_a_thousand_sentences(shipped: LinearModel) -> None:
    words = ["the", "people", "of", "the", "town", "will", "meet", "at", "noon", "to", "talk", "about", "roads", "and", "schools", "and", "the", "weather"]
    rng = np.random.default_rng(0)
    texts = [" ".join(rng.choice(words, 20)) for _ in range(1000)]
    started = time.perf_counter()
    p = shipped.predict_proba(texts)
    elapsed = time.perf_counter() - started  # reported, not asserted: shared CI machines vary
    assert p.shape == (1000, len(shipped.categories)) and np.isfinite(p).all()
    print(f"1000 sentences in {elapsed:.3f}s")
