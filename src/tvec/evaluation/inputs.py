"""Readers for the evaluation-only inputs that the training loaders do not cover in the shape
the report needs: HateCheck with its functionality per case, the news negatives (AG News
"World", BBC "politics") and the five seed documents with their expected verdicts.

All of them read ``../shared`` at run time; nothing here is copied into the repository.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from tvec.errors import InputError

HATECHECK_FILE = Path("data/hatecheck/test_suite_cases.csv")
AG_NEWS_FILE = Path("data/news-neutral/ag_news_csv/test.csv")
BBC_FILE = Path("data/news-neutral/bbc_news_train.csv")
SEEDS_DIR = Path("seeds")

AG_NEWS_WORLD = "1"  # AG News classes: 1 World, 2 Sports, 3 Business, 4 Sci/Tech (MANIFEST §16)
BBC_POLITICS = "politics"


@dataclass(frozen=True)
class HateCheckCase:
    functionality: str
    text: str
    hateful: bool


@dataclass(frozen=True)
class NewsItem:
    source: str  # "AG News World" | "BBC politics"
    text: str


@dataclass(frozen=True)
class SeedDocument:
    file: str
    text: str
    violating: bool
    categories: tuple[str, ...]
    organisation: str


def _require(path: Path) -> Path:
    if not path.is_file():
        raise InputError(str(path), "file not found (is --shared pointing at the shared folder?)")
    return path


def _fold(text: str) -> str:
    """Key for de-duplication: case and whitespace do not make a different article."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def _rows(path: Path, required: set[str]) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with _require(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise InputError(str(path), f"missing column(s) {', '.join(sorted(missing))}")
        return list(reader)


def load_hatecheck(shared: Path) -> list[HateCheckCase]:
    path = shared / HATECHECK_FILE
    cases = []
    for number, row in enumerate(_rows(path, {"functionality", "test_case", "label_gold"}), start=2):
        label = row["label_gold"].strip()
        if label not in ("hateful", "non-hateful"):
            raise InputError(str(path), f"unknown label_gold {label!r}", f"line {number}")
        cases.append(HateCheckCase(row["functionality"].strip(), row["test_case"].strip(), label == "hateful"))
    return cases


def load_news(shared: Path) -> list[NewsItem]:
    """AG News test "World" items (title and description) and BBC "politics" articles, each
    de-duplicated within its source (the BBC file holds 50 duplicate articles)."""
    items: list[NewsItem] = []
    seen: set[tuple[str, str]] = set()

    def add(source: str, text: str) -> None:
        key = (source, _fold(text))
        if text.strip() and key not in seen:
            seen.add(key)
            items.append(NewsItem(source, text.strip()))

    for row in _rows(shared / AG_NEWS_FILE, {"label", "title", "description"}):
        if row["label"].strip() == AG_NEWS_WORLD:
            add("AG News World", f"{row['title'].strip()}. {row['description'].strip()}")
    for row in _rows(shared / BBC_FILE, {"Text", "Category"}):
        if row["Category"].strip() == BBC_POLITICS:
            add("BBC politics", row["Text"])
    return items


def load_seeds(shared: Path) -> list[SeedDocument]:
    directory = shared / SEEDS_DIR
    path = directory / "labels.tsv"
    seeds = []
    with _require(path).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            label = (row.get("label") or "").strip()
            if label not in ("violating", "non_violating"):
                raise InputError(str(path), f"unknown label {label!r}", f"line {number}")
            file = row["file"].strip()
            seeds.append(
                SeedDocument(
                    file=file,
                    text=_require(directory / file).read_text(encoding="utf-8"),
                    violating=label == "violating",
                    categories=tuple(c.strip() for c in (row.get("categories") or "").split(",") if c.strip()),
                    organisation=(row.get("organisation") or "").strip(),
                )
            )
    return seeds

