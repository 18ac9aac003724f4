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


@needs_kernel
def test_word_sums_equal_numpy_on_weights_that_do_not_add_exactly() -> None:
    """np.add.reduceat adds a segment's first row to numpy's pairwise sum of the rest (8
    interleaved partial sums from 9 terms on); with float16-representable weights the order
    hardly ever shows, with general float32 weights it does in the last bits."""
    from tvec.model import _features

    rng = np.random.default_rng(13)
    for categories in (1, 2, 5):
        scale = np.float32(10.0) ** rng.integers(-4, 3, size=(4096, 1)).astype(np.float32)
        weights = (rng.normal(size=(4096, categories)).astype(np.float32) * scale).astype(np.float32)
        # every branch: fewer than 9 terms, one block of up to 128, and split blocks past it
        lengths = np.array([1, 2, 8, 9, 16, 17, 27, 128, 129, 130, 200, 257, 300], dtype=np.int64)
        indices = rng.integers(0, 4096, size=int(lengths.sum())).astype(np.int32)
        out = np.zeros((len(lengths), categories))
        _features.word_sums(indices, lengths, weights, out)
        starts = np.concatenate([[0], np.cumsum(lengths[:-1])]).astype(np.intp)
        expected = np.add.reduceat(weights[indices].astype(np.float64), starts, axis=0)
        np.testing.assert_array_equal(out, expected)
    zeros = np.full((4, 2), -0.0, dtype=np.float32)
    for length in (1, 3, 12):  # even the sign of a zero sum is numpy's
        out = np.zeros((1, 2))
        _features.word_sums(np.zeros(length, dtype=np.int32), np.array([length], dtype=np.int64), zeros, out)
        assert np.signbit(out).all()


@needs_kernel
def test_scores_are_bit_for_bit_on_general_float32_weights(monkeypatch: pytest.MonkeyPatch) -> None:
    config = FeatureConfig(n_bits=14, char_min=1, char_max=8)  # long words: up to ~300 features
    spec = _random_model(21, config)
    rng = np.random.default_rng(21)
    spec["weights"] = (rng.normal(size=spec["weights"].shape) * 10.0 ** rng.integers(-4, 3, size=(config.size, 1))).astype(
        np.float32
    )
    compiled = LinearModel(**spec)
    monkeypatch.setattr(linear, "_features", None)
    reference = LinearModel(**spec)
    words = _words(random.Random(21), 300)
    texts = [" ".join(words[i : i + 12]) for i in range(0, 300, 7)] + [""]
    got, want = compiled.decision_function_normalised(texts), reference.decision_function_normalised(texts)
    np.testing.assert_array_equal(got, want)
    assert got.flags.writeable  # as numpy's result: a caller may scale the scores in place
    got -= 1.0


@needs_kernel
def test_scores_while_another_thread_grows_the_word_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """_WordTable.add grows ``sums`` and then ``counts``; a reader on another thread can take
    one array before the growth and the other after. Every row it holds is in both, so the
    compiled scores must not refuse the mismatched lengths (numpy's indexing never did)."""
    spec = _random_model(9, FeatureConfig(n_bits=12))
    compiled = LinearModel(**spec)
    monkeypatch.setattr(linear, "_features", None)
    reference = LinearModel(**spec)
    texts = ["alpha beta gamma", "delta alpha", ""]
    want = reference.decision_function_normalised(texts)
    np.testing.assert_array_equal(compiled.decision_function_normalised(texts), want)  # fills the table
    table = compiled._word_weights._table
    table.sums = np.concatenate([table.sums, np.zeros_like(table.sums)])  # grown, counts not yet
    np.testing.assert_array_equal(compiled.decision_function_normalised(texts), want)
    table.counts = np.concatenate([table.counts, np.zeros_like(table.counts), np.zeros_like(table.counts)])
    np.testing.assert_array_equal(compiled.decision_function_normalised(texts), want)
    from tvec.model import _features

    weights, bias, none = spec["weights"], np.zeros(3), np.array([0], dtype=np.int64)
    with pytest.raises(IndexError):  # a row past the shorter array is still refused
        _features.raw_scores(
            np.array([1], dtype=np.intp), np.array([1], dtype=np.int64), np.zeros((2, 3)), np.ones(1),
            np.empty(0, np.intp), none, weights, bias,
        )
