"""The compiled feature hashing (``tvec.model._features``) against the Python reference.

The linear model's scores must not depend on whether the C extension was built: these tests
compare index for index (and score for score) with ``HashingFeaturiser(use_kernel=False)``.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
import xxhash

from tvec.model import linear
from tvec.model.linear import _HASH_SEED, FeatureConfig, HashingFeaturiser, LinearModel

needs_kernel = pytest.mark.skipif(not linear.KERNEL_AVAILABLE, reason="tvec.model._features was not built")

ALPHABET = list("abcdefghijklmnopqrstuvwxyz'@$0123") + list("éüßжλ漢ايکہनम्") + ["\u0301", "\U0001f642"]
CONFIGS = [
    FeatureConfig(),
    FeatureConfig(n_bits=12, char_min=1, char_max=8),
    FeatureConfig(n_bits=24, char_min=3, char_max=3, word_ngrams=1),
]


def _words(rng: random.Random, count: int) -> list[str]:
    words = ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 60))) for _ in range(count)]
    # the edges: one character, exactly the 40-character cut, past it, an empty string
    return words + ["a", "ab", "x" * 40, "y" * 41, "é" * 45, ""]


@needs_kernel
def test_xxh64_matches_the_xxhash_package() -> None:
    from tvec.model import _features

    rng = random.Random(3)
    for size in range(100):  # every tail length, one and several 32-byte stripes
        data = bytes(rng.randrange(256) for _ in range(size))
        for seed in (0, _HASH_SEED, 2**64 - 1):
            assert _features.xxh64(data, seed) == xxhash.xxh64_intdigest(data, seed), (size, seed)


@needs_kernel
@pytest.mark.parametrize("config", CONFIGS, ids=["default", "wide", "trigrams-only"])
def test_word_indices_equal_the_reference(config: FeatureConfig) -> None:
    compiled, reference = HashingFeaturiser(config), HashingFeaturiser(config, use_kernel=False)
    words = _words(random.Random(config.n_bits), 1500)
    indices, lengths = compiled.new_word_indices(words)
    expected = [reference.word_indices(w) for w in words]
    assert lengths.tolist() == [len(e) for e in expected]
    np.testing.assert_array_equal(indices, np.concatenate(expected))
    # the single-word path (the featuriser's cache) gives the same arrays
    for word, want in zip(words[:200], expected):
        np.testing.assert_array_equal(compiled.word_indices(word), want)


@needs_kernel
@pytest.mark.parametrize("config", CONFIGS, ids=["default", "wide", "trigrams-only"])
def test_bigram_indices_equal_the_reference(config: FeatureConfig) -> None:
    rng = random.Random(11)
    words = _words(rng, 900)
    texts = [words[i : i + rng.randrange(0, 9)] for i in range(0, 900, 4)] + [[], ["solo"]]
    compiled, reference = HashingFeaturiser(config), HashingFeaturiser(config, use_kernel=False)
    got_indices, got_counts = compiled.bigram_indices_many(texts)
    want_indices, want_counts = reference.bigram_indices_many(texts)
    np.testing.assert_array_equal(got_indices, want_indices)
    np.testing.assert_array_equal(got_counts, want_counts)
    assert got_indices.dtype == np.intp


@needs_kernel
def test_bad_words_fail_as_in_the_reference() -> None:
    compiled, reference = HashingFeaturiser(FeatureConfig()), HashingFeaturiser(FeatureConfig(), use_kernel=False)
    with pytest.raises(UnicodeEncodeError):
        reference.new_word_indices(["ok", "a\ud800"])
    with pytest.raises(UnicodeEncodeError):
        compiled.new_word_indices(["ok", "a\ud800"])
    with pytest.raises(UnicodeEncodeError):
        compiled.bigram_indices_many([["ok", "b\udfff"]])
    with pytest.raises(TypeError, match="word 1"):
        compiled.new_word_indices(["ok", 3])  # type: ignore[list-item]


@needs_kernel
def test_model_scores_do_not_depend_on_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    config = FeatureConfig(n_bits=14)
    categories = ("incitement", "news_reporting")
    weights = rng.normal(size=(config.size, len(categories))).astype(np.float32)
    bias = np.array([0.1, -0.2], dtype=np.float32)
    args = {"categories": categories, "weights": weights, "bias": bias, "calibration": (linear.Platt(), linear.Platt())}
    compiled = LinearModel(features=config, **args)
    monkeypatch.setattr(linear, "_features", None)
    reference = LinearModel(features=config, **args)
    texts = [
        "[GROUP] should be stopped by every means",
        "the committee met on tuesday to discuss the budget",
        "naïve café visitors saw the exhibition",
        "",
        "repeated repeated repeated words words",
    ] * 3
    np.testing.assert_array_equal(compiled.predict_proba(texts), reference.predict_proba(texts))
    np.testing.assert_allclose(
        compiled.decision_function_normalised(texts), reference.decision_function_features(texts), rtol=1e-6, atol=1e-6
    )


def test_the_reference_path_works_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """An install without a C compiler: the featuriser still gives every index."""
    monkeypatch.setattr(linear, "_features", None)
    featuriser = HashingFeaturiser(FeatureConfig(n_bits=12))
    indices, lengths = featuriser.new_word_indices(["alpha", "beta"])
    assert lengths.tolist() == [len(featuriser.word_grams("alpha")), len(featuriser.word_grams("beta"))]
    assert len(indices) == int(lengths.sum())
    pairs, counts = featuriser.bigram_indices_many([["alpha", "beta", "gamma"], ["delta"]])
    assert counts.tolist() == [2, 0] and len(pairs) == 2


def _random_model(seed: int, config: FeatureConfig) -> dict:
    rng = np.random.default_rng(seed)
    categories = ("incitement", "dehumanisation", "news_reporting")
    # float16-representable weights, as the shipped models store them, with pruned zeros
    weights = rng.normal(size=(config.size, len(categories))).astype(np.float16).astype(np.float32)
    weights[rng.random(config.size) < 0.4] = 0.0
    return {
        "categories": categories,
        "weights": weights,
        "bias": rng.normal(size=len(categories)).astype(np.float32),
        "calibration": tuple(linear.Platt(1.3, -0.2) for _ in categories),
        "features": config,
    }


@needs_kernel
def test_raw_scores_are_bit_for_bit_the_numpy_path(monkeypatch: pytest.MonkeyPatch) -> None:
    config = FeatureConfig(n_bits=16)
    compiled = LinearModel(**_random_model(7, config))
    assert compiled._kernel is not None
    monkeypatch.setattr(linear, "_features", None)
    reference = LinearModel(**_random_model(7, config))
    assert reference._kernel is None
    rng = random.Random(2)
    words = _words(rng, 400)
    # several batches, so the second meets a word table the first filled (hits and misses)
    for _ in range(4):
        texts = [" ".join(rng.choice(words) for _ in range(rng.randrange(0, 30))) for _ in range(60)]
        np.testing.assert_array_equal(
            compiled.decision_function_normalised(texts), reference.decision_function_normalised(texts)
        )
    got, want = compiled._word_weights._table, reference._word_weights._table
    assert got.rows == want.rows
    np.testing.assert_array_equal(got.sums[: len(got.rows)], want.sums[: len(want.rows)])


@needs_kernel
def test_kernel_refuses_inconsistent_arrays() -> None:
    from tvec.model import _features

    weights = np.zeros((16, 3), dtype=np.float32)
    out = np.zeros((1, 3))
    with pytest.raises(IndexError):
        _features.word_sums(np.array([99], dtype=np.int32), np.array([1], dtype=np.int64), weights, out)
    with pytest.raises(ValueError, match="lengths"):
        _features.word_sums(np.array([1], dtype=np.int32), np.array([2], dtype=np.int64), weights, out)
    with pytest.raises(ValueError, match="weights"):
        _features.word_sums(np.array([1], dtype=np.int32), np.array([1], dtype=np.int64), weights.astype(np.float64), out)
    with pytest.raises(ValueError, match="out"):
        _features.word_sums(np.array([1], dtype=np.int32), np.array([1], dtype=np.int64), weights, out[:, :2])
    rows = np.array([0], dtype=np.intp)
    one = np.array([1], dtype=np.int64)
    none = np.array([0], dtype=np.int64)
    sums, counts, bias = np.zeros((1, 3)), np.ones(1), np.zeros(3)
    with pytest.raises(IndexError):
        _features.raw_scores(np.array([5], dtype=np.intp), one, sums, counts, np.empty(0, np.intp), none, weights, bias)
    with pytest.raises(ValueError, match="per-text counts"):
        _features.raw_scores(rows, np.array([2], dtype=np.int64), sums, counts, np.empty(0, np.intp), none, weights, bias)
    with pytest.raises(ValueError, match="shapes"):
        _features.raw_scores(rows, one, sums, counts, np.empty(0, np.intp), none, weights, np.zeros(2))


def test_float64_weights_use_the_numpy_path() -> None:
    """The compiled sums need float32 weights; other layouts still score (with numpy)."""
    spec = _random_model(3, FeatureConfig(n_bits=12))
    spec["weights"] = spec["weights"].astype(np.float64)
    model = LinearModel(**spec)
    assert model._kernel is None
    assert model.predict_proba(["alpha beta gamma"]).shape == (1, 3)
