"""The gathered datasets (``../shared/data/extra/*/normalised.tsv``, data/MANIFEST.md), with one
split rule for everyone who reads them.

Each file has columns ``text label lang split source_label``. Datasets that ship a test (or dev)
split keep theirs. Datasets that ship only ``train`` are split here by a stable hash of the
normalised text (80 % train, 10 % validation, 10 % test; ``hash3`` of :mod:`tvec.training.data`),
so the semantic stage's trainer never sees the rows ``tvec eval`` reports on. Datasets that ship a
held-out split but no separate dev split give a tenth of their train rows (by the same hash) to validation, so
that every language with a test split also has rows to calibrate thresholds on.

Evaluation-only datasets (:data:`EVAL_ONLY`: hard negatives gathered only to measure false
positives - tafsir, research, news in other languages) are never trained on, whatever their file
says: a fifth of their rows (by the same hash) is ``dev``, the rows a developer may read to see
why tvec fails on such text, and the rest is ``test``, the rows ``tvec eval`` reports on. No
trainer reads either (trainers read ``train`` and ``validation`` only), and a fault found on
``dev`` is mended without looking at ``test``, so the reported figure stays unseen.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tvec.training.data import hash_bucket, normalised_key

LABELS = ("incitement", "insurrection", "glorification", "dehumanisation", "proscribed_support", "neutral", "abuse")
HELD_OUT = ("test", "dev", "validation", "eval")
#: Gathered datasets that are evaluation-only hard negatives (data/MANIFEST.md, "evaluation-only").
EVAL_ONLY = frozenset({
    "tafsir-ar", "tafsir-en", "tafsir-ur", "tafsir-bn",  # Quran commentary (spa5k/tafsir_api)
    "id-news-gaza-narasipal",  # Indonesian news headlines on the war in Gaza
    "research-insightcrime",  # InSight Crime research articles on armed groups
    # news about terrorism, armed conflict and politics in other languages (data/MANIFEST.md)
    "ar-news-saudinewsnet",  # Saudi newspapers 2015, articles naming attacks / ISIS / the Houthis
    "de-news-10kgnad",  # DER STANDARD, topics International / Inland / Panorama
    "fr-news-lemonde-international",  # Le Monde RSS "International" 2022, headline + standfirst
    "hi-news-bbc-hindi",  # BBC Hindi, topics international / india
    "bn-news-prothomalo-ittefaq",  # Prothom Alo "Bangladesh" section and Ittefaq, 2026
    "ur-news-pk-world",  # Samaa / Jang / Express / Geo Urdu, world news
})
#: Name prefixes that make a gathered dataset evaluation-only too (for sets added later).
EVAL_ONLY_PREFIXES = ("tafsir-", "research-", "eval-")


def is_eval_only(dataset: str) -> bool:
    """True for a gathered dataset that must never be trained on (its rows are ``dev`` or ``test``)."""
    return dataset in EVAL_ONLY or dataset.startswith(EVAL_ONLY_PREFIXES)


@dataclass(frozen=True)
class GatheredRow:
    text: str
    label: str
    lang: str
    split: str  # "train" | "validation" | "test" | "dev" (evaluation-only sets: diagnosis rows)
    dataset: str
    source_label: str


#: Hash buckets (of 100) of an evaluation-only dataset that are its ``dev`` (diagnosis) rows.
EVAL_ONLY_DEV_BUCKETS = 20


def _eval_only_split(text: str) -> str:
    return "dev" if hash_bucket(normalised_key(text)) < EVAL_ONLY_DEV_BUCKETS else "test"


def _hash_split(text: str) -> str:
    bucket = hash_bucket(normalised_key(text))
    return "train" if bucket < 80 else "validation" if bucket < 90 else "test"


def _train_or_validation(text: str) -> str:
    return "validation" if hash_bucket(normalised_key(text)) >= 90 else "train"


def load_gathered(shared: Path) -> list[GatheredRow]:
    """Every row of every gathered dataset, with its resolved split."""
    out: list[GatheredRow] = []
    for path in sorted((shared / "data" / "extra").glob("*/normalised.tsv")):
        out.extend(read_gathered_folder(path.parent))
    return out


def read_gathered_folder(folder: Path) -> list[GatheredRow]:
    """The rows of one gathered dataset (``folder/normalised.tsv``), with their resolved split."""
    csv.field_size_limit(1 << 24)
    out: list[GatheredRow] = []
    path = folder / "normalised.tsv"
    name = folder.name
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if (r.get("text") or "").strip() and r.get("label") in LABELS]
    splits = Counter(r.get("split", "") for r in rows)
    own = any(splits.get(s) for s in HELD_OUT)
    has_test = bool(splits.get("test") or splits.get("eval"))
    has_validation = has_test and any(splits.get(s) for s in ("dev", "validation"))
    eval_only = is_eval_only(name)
    for row in rows:
        split = row.get("split", "train")
        if eval_only:
            split = _eval_only_split(row["text"])
        elif not own:
            split = _hash_split(row["text"])
        elif split == "test" or split == "eval":
            split = "test"
        elif split in HELD_OUT:
            # a dataset with both dev and test keeps dev for validation; dev alone is the test
            split = "validation" if splits.get("test") else "test"
        elif has_validation:
            split = "train"
        else:
            split = _train_or_validation(row["text"])
        out.append(GatheredRow(row["text"], row["label"], row.get("lang") or "und", split, name,
                               row.get("source_label", "")))
    return out
