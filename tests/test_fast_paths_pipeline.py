"""The whole default pipeline with this round's fast paths against the same pipeline with each
replaced by the computation it stands for: same signals (scores, spans, evidence), same
decisions, document by document.

Fast path -> reference:

- ``tvec.charmap.CharMap.apply`` (the gates' whitespace view, the call-to-action view, the
  organisation-cue fold) -> ``str.translate`` of the same table.

A new fast path adds its reference to :func:`use_reference_paths`.

Corpus: the templated sentences of ``test_fast_paths``, the demo corpus, and, when ../shared is
present, a sample of ../shared/data rows in English, Arabic, Bengali, German, Indonesian, Urdu,
Roman Urdu, Hindi and French (read at test time, never copied). The default detectors run with
the shipped policy; the semantic stage takes part when its encoder is installed.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tvec.charmap import CharMap
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.types import Document

sys.path.insert(0, str(Path(__file__).parent))
from test_fast_paths import TEMPLATES, demo_texts  # noqa: E402

#: Rows taken from each dataset, evenly spaced through the file; texts are cut to this length.
PER_DATASET = 8
MAX_CHARS = 1500
#: Gathered sets (data/prepare writes them into ../shared/data/extra) and the language each is in.
EXTRA_SETS = {
    "ar-religious-hate-aref": "ar", "blp2023-vitd": "bn", "germeval2026-harmful": "de",
    "id-multilabel-hate": "id", "mlma-hate": "fr", "urdu-threat-fire2022": "ur", "tafsir-en": "en",
    "tafsir-ur": "ur", "research-insightcrime": "en",
}
# (folder, file, delimiter, text column or index, has header)
PLAIN_SETS = (
    ("ruhsold", "task_1_test.tsv", "\t", 0, False),
    ("constraint2021-hindi", "data/constraint_hindi_valid.csv", ",", "Post", True),
    ("osact2022-arabic", "data/dev_data2022.csv", ",", "Tweet", True),
    ("gab-hate-corpus", "GabHateCorpus/Data/ghc_test.tsv", "\t", "text", True),
    ("news-neutral", "bbc_news_train.csv", ",", "Text", True),
)
PLAIN_LANGUAGES = {"ruhsold": "ur-Latn", "constraint2021-hindi": "hi", "osact2022-arabic": "ar",
                   "gab-hate-corpus": "en", "news-neutral": "en"}


def _spaced(rows: list[str]) -> list[str]:
    step = max(1, len(rows) // PER_DATASET)
    return [row[:MAX_CHARS] for row in rows[::step][:PER_DATASET] if row.strip()]


def shared_rows(root: Path) -> Iterator[str]:
    csv.field_size_limit(sys.maxsize)
    data = root / "data"
    for name in EXTRA_SETS:
        path = data / "extra" / name / "normalised.tsv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as fh:
                yield from _spaced([row["text"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)])
    for folder, file, delimiter, column, header in PLAIN_SETS:
        path = data / folder / file
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            if header:
                rows = [row[column] for row in csv.DictReader(fh, delimiter=delimiter)]  # type: ignore[index]
            else:
                rows = [row[column] for row in csv.reader(fh, delimiter=delimiter) if row]  # type: ignore[index]
        yield from _spaced(rows)


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    from conftest import shared_dir

    root = shared_dir()
    texts = list(TEMPLATES) + demo_texts()
    if root.is_dir():
        texts += list(shared_rows(root))
    return texts


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    return Scanner(TvecSettings(home=tmp_path_factory.mktemp("tvec-home")))


def _scan(scanner: Scanner, texts: list[str]) -> list[dict]:
    out = []
    for i, text in enumerate(texts):
        result = scanner.scan(Document(f"doc-{i}", text), ["UK", "EU"])
        out.append(result.to_dict())
    return out


def use_reference_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fast path of this round replaced by the computation it stands for."""
    monkeypatch.setattr(CharMap, "apply", lambda self, text: text.translate(self.table))


def test_pipeline_fast_paths_equal_reference(
    corpus: list[str], scanner: Scanner, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _scan(scanner, corpus)  # first: the fast paths meet every text cold
    with monkeypatch.context() as patch:
        use_reference_paths(patch)
        reference = _scan(scanner, corpus)
    assert len(fast) == len(reference) == len(corpus)
    for text, got, expected in zip(corpus, fast, reference, strict=True):
        assert got == expected, text[:200]
    assert any(r["signals"] for r in fast)  # the corpus exercises the detectors


def test_shared_sample_covers_several_languages() -> None:
    from conftest import shared_dir

    from tvec.model.language import identify_language

    root = shared_dir()
    if not root.is_dir():
        pytest.skip(f"{root} not present")
    data = root / "data"
    # The gathered sets exist only where data/prepare has run beside this ../shared; expect the
    # languages of the sets that are there, and at least the four of ../shared's own data.
    expected = {lang for name, lang in EXTRA_SETS.items() if (data / "extra" / name / "normalised.tsv").is_file()}
    expected |= {PLAIN_LANGUAGES[folder] for folder, file, *_ in PLAIN_SETS if (data / folder / file).is_file()}
    expected.discard("fr")  # MLMA's French is mixed with English and Arabic rows; eight may hold none
    languages = {identify_language(text).lang for text in shared_rows(root)}
    assert len(expected) >= 3, expected
    assert expected <= languages, (expected, languages)
