"""Each speed-up of the classifier cascade against the plain computation it replaces, on the
demo corpus, templated sentences written for these tests, generated lexicon mixtures and (when
../shared is present) the seeds and HateCheck's cases, read at test time:

- the literal gates of the call-to-action and dehumanisation analyses (``gated=False``: every
  sentence analysed);
- the context detector's lowercase cues and gate (``ContextDetector(fast=False)``: every cue,
  case-insensitively, on every sentence);
- the linear model's per-word weight sums (``decision_function_features``: feature by feature);
- the sentence split shared through ``PreparedDocument``.
"""

from __future__ import annotations

import csv
import threading
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tvec.detectors.base import PreparedDocument
from tvec.detectors.context import ContextDetector
from tvec.model.gate import CASE_TRAPS
from tvec.model import linear
from tvec.model.cta import find_calls_to_action
from tvec.model.dehumanisation import find_dehumanising_statements
from tvec.model.gate import build_gate
from tvec.model.linear import LinearModel
from tvec.model.sentences import split_sentences
from tvec.normalise import normalise_text
from tvec.types import Document

TEMPLATES = [
    "[GROUP] are vermin and should be wiped out. We must kill them all.",
    "Soldiers of the army, rise up against the rulers and seize power!",
    "O officers, march on the capital. Take up arms now.",
    "The spokesman said the group had called on supporters to attack the convoy.",
    "“Kill them all,” the leader said, according to Reuters.",
    "We condemn the call to exterminate [GROUP]; there is no place for hatred.",
    "[GROUP] are not vermin. Nobody should say [GROUP] are animals.",
    "May God accept our heroic martyrs who carried out the operation.",
    "Researchers (Smith et al., 2020) documented human rights violations by the militia.",
    "Genesis 1:1 is quoted, and Quran 5:32 too; Surah Al-Baqarah was cited.",
    "ISLAMABAD (Reuters) - Officials said on Monday that talks would resume.",
    "ſaid the ıman: Kelvin K and İstanbul SAID so.",  # case traps: the IGNORECASE cues decide
    "Join the ranks of the fighters. Fund the mujahideen. Make hijrah to the land of Islam.",
    "I will shoot every one of them. Death to [GROUP]!",
    "A word" + "x" * 2500 + "kill them all. said",  # an over-long run cut mid-word
]


def demo_texts() -> list[str]:
    root = Path(str(resources.files("tvec") / "data" / "demo"))
    return [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.txt"))]


def shared_texts(shared_root: Path | None) -> list[str]:
    if shared_root is None:
        return []
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared_root / "seeds").glob("0*.txt"))]
    cases = shared_root / "data" / "hatecheck" / "test_suite_cases.csv"
    if cases.is_file():
        with cases.open(encoding="utf-8", newline="") as fh:
            texts += [row["test_case"] for row in csv.DictReader(fh)]
    return texts


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest) -> list[str]:
    from conftest import shared_dir

    root = shared_dir()
    return TEMPLATES + demo_texts() + shared_texts(root if root.is_dir() else None)


def _calls(calls: list) -> list[tuple]:
    return [(c.span, c.category, c.score, dict(c.cues), c.blocked_by, c.raw_score) for c in calls]


def _signals(signals: list) -> list[dict]:
    return [s.to_dict() for s in signals]


def test_gated_analyses_equal_ungated(corpus: list[str]) -> None:
    for text in corpus:
        spans = split_sentences(text)
        assert _calls(find_calls_to_action(text, spans)) == _calls(find_calls_to_action(text, gated=False))
        assert _calls(find_dehumanising_statements(text, spans)) == _calls(
            find_dehumanising_statements(text, gated=False)
        )


def test_fast_context_equals_reference(corpus: list[str]) -> None:
    fast, reference = ContextDetector(), ContextDetector(fast=False)
    for text in corpus:
        document = Document("t", text)
        assert _signals(fast.detect(PreparedDocument(document))) == _signals(
            reference.detect(PreparedDocument(document))
        )


def _lexicon_fragments() -> list[str]:
    from tvec.model import cta, dehumanisation

    patterns = [cta._lexicon().any_act.pattern, cta._lexicon().any_praise.pattern,
                dehumanisation._lexicon().prefilter.pattern]
    patterns += [c.lowered.pattern for c in ContextDetector()._cues if c.lowered is not None]
    leads = sorted({lead.lstrip("\x00") for p in patterns for lead in build_gate([p]).leads})
    return leads + [lead.upper() for lead in leads[::7]] + [
        "they", "[GROUP]", "the army", "officers,", "are", "should", "not", "said", "“", "”", "\"", "'", "(", ")",
        " ", "  ", "\n", "\n\n", ". ", "! ", "? ", ", ", "; ", ": ", " - ", "ı", "ſ", "K", "İ", "x",
    ]


FRAGMENTS = _lexicon_fragments()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30).map("".join))
def test_fast_paths_on_generated_text(text: str) -> None:
    spans = split_sentences(text)
    assert _calls(find_calls_to_action(text, spans)) == _calls(find_calls_to_action(text, gated=False))
    assert _calls(find_dehumanising_statements(text, spans)) == _calls(find_dehumanising_statements(text, gated=False))
    document = Document("t", text)
    assert _signals(ContextDetector().detect(PreparedDocument(document))) == _signals(
        ContextDetector(fast=False).detect(PreparedDocument(document))
    )


def test_case_traps_are_complete() -> None:
    """Every character outside ASCII that IGNORECASE matches to an ASCII letter, and that does
    not lowercase to it, is a case trap (recomputed over the Basic Multilingual Plane and the
    letter-like blocks; the full range is checked by the same loop, only slower)."""
    import re
    import string

    letters = [re.compile(c, re.IGNORECASE) for c in string.ascii_lowercase]
    found = set()
    for code in range(0x80, 0x10000):
        ch = chr(code)
        for pattern in letters:
            if pattern.fullmatch(ch) and ch.lower() != pattern.pattern:
                found.add(ch)
    assert found <= set(CASE_TRAPS)


def test_linear_fast_scores_equal_feature_scores(corpus: list[str]) -> None:
    model = LinearModel.load()
    for text in corpus[:400]:
        sentences = [normalise_text(text[s.start : s.end]) for s in split_sentences(text)] + ["", "x"]
        fast = model.decision_function_normalised(sentences)
        reference = model.decision_function_features(sentences)
        np.testing.assert_allclose(fast, reference, rtol=0, atol=1e-5)


def test_linear_word_table_replacement_and_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    model = LinearModel.load()
    texts = [normalise_text(t) for t in TEMPLATES]
    expected = model.decision_function_features(texts)
    monkeypatch.setattr(linear, "_CACHE_LIMIT", 50)  # tables replaced again and again
    fresh = LinearModel(model.categories, model.weights, model.bias, model.calibration, model.features)
    failures: list[str] = []

    def work() -> None:
        for _ in range(20):
            got = fresh.decision_function_normalised(texts)
            if not np.allclose(got, expected, rtol=0, atol=1e-5):
                failures.append("mismatch")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures


def test_prepared_document_splits_once() -> None:
    prepared = PreparedDocument(Document("t", TEMPLATES[0]))
    assert prepared.sentences is prepared.sentences
    assert prepared.sentences == split_sentences(TEMPLATES[0])
