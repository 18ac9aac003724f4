"""Real text, end to end: what the whole pipeline decides, per language and per kind of hard
negative, on held-out public data.

The benchmark tables of ``tvec eval`` score the classifier sentence by sentence against each
dataset's own labels. A platform sees something else: documents, in many languages, most of them
legitimate and many of them *about* violence. This evaluation runs the full :class:`Scanner`
(default detectors and policy, UK) on held-out rows and counts decisions:

- **per language**: recall (share of violating rows flagged: review or remove), false-positive
  rate (share of legitimate rows flagged) and legitimate rows *removed*, beside the best published
  figure for the dataset where there is one (the published figures are for each dataset's own
  task, usually a fine-tuned transformer, so they are a reference, not like for like);
- **hard negatives**: news about terrorism (AG News "World" test items about attacks, militants
  and terrorism), counter-speech (human-labelled Reddit replies), and whatever the gathered
  data adds (scripture, scripture commentary, research, news in other languages - see
  data/MANIFEST.md; the kind comes from the dataset's name, :func:`_kind_of`).

Which rows: each dataset's test split; a gathered dataset without one is split by a stable
hash of its text (:mod:`tvec.training.gathered`), the same rule the semantic stage's trainer
uses, so no row reported here was trained on; evaluation-only sets are reported on their test rows (four fifths; the other fifth is dev, for diagnosis). Nothing here is used to train or tune.
"""

from __future__ import annotations

import csv
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tvec.evaluation.report import Report, Table
from tvec.types import Document

#: tvec's violating labels in the gathered data (data/MANIFEST.md); "abuse" is not flagged by design.
VIOLATING_LABELS = frozenset({"incitement", "insurrection", "glorification", "dehumanisation", "proscribed_support"})
LEGITIMATE_LABELS = frozenset({"neutral"})
#: AG News "World" items about terrorism: real news that names attacks, militants and groups.
_TERROR = re.compile(
    r"\b(?:terror\w*|militant\w*|insurgen\w*|suicide bomb\w*|bombing\w*|jihad\w*|al[- ]qaeda|qaeda|taliban|hamas|"
    r"hezbollah|extremis\w*|gunmen|beheade?\w*|kidnapp\w*|hostage\w*|car bomb)\b",
    re.IGNORECASE,
)
#: Best published figures read in the sources (../shared/data/MANIFEST.md "Published baseline
#: numbers", data/MANIFEST.md for the gathered sets); each is for the dataset's own task.
PUBLISHED: dict[str, str] = {
    "l-hsab": "normal vs abusive F1 0.896 (Naive Bayes, dataset README)",
    "implicit-hate": "F1 0.689 (BERT; as reported by tvec eval's baseline table)",
    "gab-hate-corpus": "test F1 0.679 (BERT, Kennedy et al. 2020)",
    "blp2023-vitd": "test macro-F1 0.760 over 3 classes (DeepBlueAI, BLP-2023 rank list, dataset README)",
}


@dataclass(frozen=True)
class RealItem:
    text: str
    lang: str
    violating: bool
    dataset: str
    kind: str  # for legitimate rows: "news_terrorism", "counter_speech", "scripture", "scripture_commentary",
    #            "research", "human_rights", "neutral"
    label: str


@dataclass
class Outcome:
    n: int = 0
    flagged: int = 0
    removed: int = 0

    def add(self, flagged: bool, removed: bool) -> None:
        self.n += 1
        self.flagged += int(flagged)
        self.removed += int(removed)

    @property
    def rate(self) -> float:
        return self.flagged / self.n if self.n else float("nan")


@dataclass
class RealTextResult:
    by_language: dict[str, dict[str, Outcome]] = field(default_factory=lambda: defaultdict(dict))
    by_dataset: dict[tuple[str, str, bool], Outcome] = field(default_factory=dict)
    by_kind: dict[str, Outcome] = field(default_factory=dict)
    #: by the genre tvec itself detected (:mod:`tvec.model.genre`), violating and legitimate apart
    by_genre: dict[str, dict[str, Outcome]] = field(default_factory=lambda: defaultdict(dict))
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    documents: int = 0


def _sample(items: list[RealItem], cap: int, seed: int) -> list[RealItem]:
    if len(items) <= cap:
        return items
    return random.Random(seed).sample(items, cap)


def load_gathered(shared: Path, skipped: dict[str, str]) -> list[RealItem]:
    """Test rows of every gathered dataset (split rule: :mod:`tvec.training.gathered`)."""
    from tvec.training.gathered import load_gathered as rows_of

    out: list[RealItem] = []
    for row in rows_of(shared):
        if row.split != "test" or row.label not in VIOLATING_LABELS | LEGITIMATE_LABELS:
            continue
        violating = row.label in VIOLATING_LABELS
        out.append(RealItem(row.text, row.lang, violating, row.dataset,
                            "violating" if violating else _kind_of(row.dataset), row.label))
    return out


def _kind_of(dataset: str) -> str:
    """The hard-negative kind a gathered dataset's legitimate rows stand for, from its name."""
    for word, kind in (("tafsir", "scripture_commentary"), ("tafseer", "scripture_commentary"),
                       ("hadith", "scripture"), ("human-rights", "human_rights"), ("humanrights", "human_rights"),
                       ("news", "news_terrorism"), ("terror", "news_terrorism"), ("quran", "scripture"),
                       ("bible", "scripture"), ("scripture", "scripture"), ("research", "research"),
                       ("counter", "counter_speech")):
        if word in dataset:
            return kind
    return "neutral"


def load_shared(shared: Path) -> list[RealItem]:
    """Test rows of the shared labelled sets, by tvec's categories (``tvec.training.data``)."""
    from tvec.training.data import load_dataset

    out: list[RealItem] = []
    for name in ("osact2022-arabic", "l-hsab", "constraint2021-hindi", "ruhsold", "implicit-hate", "gab-hate-corpus"):
        try:
            rows = load_dataset(name, shared)
        except Exception:  # a missing dataset is reported by its absence from the table
            continue
        for row in rows:
            if row.split != "test":
                continue
            violating = any(row.labels.get(c) == 1 for c in VIOLATING_LABELS)
            clean = bool(row.labels) and all(v == 0 for v in row.labels.values())
            if violating or clean:
                out.append(RealItem(row.text, row.lang, violating, name, "violating" if violating else "neutral",
                                    row.source_label))
    return out


def load_news_about_terrorism(shared: Path) -> list[RealItem]:
    path = shared / "data" / "news-neutral" / "ag_news_csv" / "test.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [RealItem(f"{title}. {body}", "en", False, "ag-news-world-terrorism", "news_terrorism", "World")
            for cls, title, body in rows if cls == "1" and _TERROR.search(title + " " + body)]


def load_counter_speech(shared: Path) -> list[RealItem]:
    from tvec.training.data import load_dataset

    try:
        rows = load_dataset("counterspeech-reddit", shared)
    except Exception:
        return []
    return [RealItem(r.text, "en", False, "counterspeech-reddit", "counter_speech", r.source_label)
            for r in rows if r.split == "test" and r.labels.get("counter_speech") == 1]


def evaluate_real_text(
    items: Sequence[RealItem],
    scan: Callable[[Document], tuple[bool, bool] | tuple[bool, bool, str]],
    skipped: dict[str, str] | None = None,
) -> RealTextResult:
    """``scan`` answers (flagged, removed) for one document, or (flagged, removed, genre) where it
    knows the genre tvec detected."""
    result = RealTextResult(skipped=dict(skipped or {}))
    started = time.perf_counter()
    for i, item in enumerate(items):
        verdict = scan(Document(id=f"real-{i}", text=item.text))
        flagged, removed = verdict[0], verdict[1]
        genre = verdict[2] if len(verdict) > 2 else "unknown"  # type: ignore[misc]
        group = "violating" if item.violating else "legitimate"
        result.by_language[item.lang].setdefault(group, Outcome()).add(flagged, removed)
        result.by_genre[genre].setdefault(group, Outcome()).add(flagged, removed)
        result.by_dataset.setdefault((item.dataset, item.lang, item.violating), Outcome()).add(flagged, removed)
        if not item.violating:
            result.by_kind.setdefault(item.kind, Outcome()).add(flagged, removed)
    result.seconds = time.perf_counter() - started
    result.documents = len(items)
    return result


def collect(shared: Path, per_dataset: int = 600, seed: int = 20240607) -> tuple[list[RealItem], dict[str, str]]:
    """Every held-out real-text item, at most ``per_dataset`` (seeded) per dataset and class."""
    skipped: dict[str, str] = {}
    pools: dict[tuple[str, bool], list[RealItem]] = defaultdict(list)
    for item in (*load_gathered(shared, skipped), *load_shared(shared), *load_news_about_terrorism(shared),
                 *load_counter_speech(shared)):
        pools[(item.dataset, item.violating)].append(item)
    items: list[RealItem] = []
    for key in sorted(pools):
        items.extend(_sample(pools[key], per_dataset, seed))
    return items, skipped


def percent_text(x: float) -> str:
    """A share as the reports print it ("12.5%"; "n/a" for NaN, a share of nothing)."""
    return "n/a" if x != x else f"{100 * x:.1f}%"


def add_to_report(report: Report, result: RealTextResult, plot: str | None = None,
                  genre_plot: str | None = None) -> None:
    section = report.section("Real text: the whole pipeline, per language and per hard negative")
    section.text(
        "Each held-out row is scanned as a document by the default Scanner (organisations, banks, context, "
        "classifier; default policy; UK). *Flagged* = review or remove. Recall is over violating rows, FPR "
        "over legitimate rows. Published figures are each dataset's own task and metric (a reference, not "
        "like for like: tvec flags what the policy says, not the dataset's label set)."
    )
    table = Table(["language", "violating rows", "recall", "legitimate rows", "FPR", "legitimate removed", "datasets",
                   "best published (dataset: figure)"])
    datasets_of: dict[str, set[str]] = defaultdict(set)
    for dataset, lang, _ in result.by_dataset:
        datasets_of[lang].add(dataset)
    for lang in sorted(result.by_language):
        groups = result.by_language[lang]
        bad, good = groups.get("violating", Outcome()), groups.get("legitimate", Outcome())
        published = "; ".join(f"{d}: {PUBLISHED[d]}" for d in sorted(datasets_of[lang]) if d in PUBLISHED) or "-"
        table.add(lang, bad.n, percent_text(bad.rate), good.n, percent_text(good.rate), good.removed,
                  ", ".join(sorted(datasets_of[lang])), published)
    section.table(table)
    kinds = Table(["hard negative", "rows", "FPR (flagged)", "removed"])
    for kind in sorted(result.by_kind):
        outcome = result.by_kind[kind]
        kinds.add(kind, outcome.n, percent_text(outcome.rate), outcome.removed)
    section.table(kinds)
    section.text(
        "By the genre tvec detected in each document (`tvec.model.genre`; *general* = no genre cue): how "
        "each genre's documents were decided. A reporting genre that flags legitimate rows, or a violating "
        "row read as reporting, shows here."
    )
    genres = Table(["detected genre", "legitimate rows", "FPR (flagged)", "legitimate removed", "violating rows",
                    "recall"])
    for genre in sorted(result.by_genre, key=lambda g: (-sum(o.n for o in result.by_genre[g].values()), g)):
        groups = result.by_genre[genre]
        bad, good = groups.get("violating", Outcome()), groups.get("legitimate", Outcome())
        genres.add(genre, good.n, percent_text(good.rate), good.removed, bad.n, percent_text(bad.rate))
    section.table(genres)
    if genre_plot:
        section.image(genre_plot, "recall and false-positive rate per detected genre")
    detail = Table(["dataset", "language", "class", "rows", "flagged", "removed"])
    for (dataset, lang, violating), outcome in sorted(result.by_dataset.items()):
        detail.add(dataset, lang, "violating" if violating else "legitimate", outcome.n, percent_text(outcome.rate),
                   outcome.removed)
    section.table(detail)
    if result.skipped:
        section.text("Not evaluated: " + "; ".join(f"{k} ({v})" for k, v in sorted(result.skipped.items())) + ".")
    per_doc = 1000 * result.seconds / max(1, result.documents)
    section.text(f"{result.documents:,} documents in {result.seconds:.0f} s ({per_doc:.1f} ms per document, one core).")
    if plot:
        section.image(plot, "recall and false-positive rate per language")


def plot_languages(result: RealTextResult, path: Path) -> bool:
    return _plot_groups(result.by_language, path)


def plot_genres(result: RealTextResult, path: Path) -> bool:
    return _plot_groups(result.by_genre, path)


def _plot_groups(groups: dict[str, dict[str, Outcome]], path: Path) -> bool:
    """Recall and FPR bars per group (language or genre), with the 5 % FPR goal as a line."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    langs = sorted(groups)
    recall = [groups[lang].get("violating", Outcome()).rate for lang in langs]
    fpr = [groups[lang].get("legitimate", Outcome()).rate for lang in langs]
    fig, ax = plt.subplots(figsize=(max(5, 0.8 * len(langs) + 2), 3.2))
    x = range(len(langs))
    ax.bar([i - 0.2 for i in x], [0 if r != r else r for r in recall], width=0.4, label="recall (violating)")
    ax.bar([i + 0.2 for i in x], [0 if f != f else f for f in fpr], width=0.4, label="FPR (legitimate)")
    ax.axhline(0.05, color="grey", lw=0.8, ls="--")
    ax.set_xticks(list(x), langs, rotation=30 if max(map(len, langs), default=0) > 6 else 0, ha="right"
                  if max(map(len, langs), default=0) > 6 else "center", fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of rows flagged")
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def scanner_decider(jurisdiction: str = "UK") -> Callable[[Document], tuple[bool, bool, str]]:
    from tvec import Scanner
    from tvec.detectors.base import PreparedDocument

    scanner = Scanner()

    def decide(document: Document) -> tuple[bool, bool, str]:
        decision = scanner.scan(document, [jurisdiction]).decision(jurisdiction)
        genre = PreparedDocument(document).genre.genre  # for the per-genre table only
        return decision.flagged, decision.action == "remove", genre

    return decide


def run(shared: Path, out: Path, per_dataset: int = 600, items: Iterable[RealItem] | None = None) -> Path:
    """Collect, scan, and write ``REALTEXT.md`` (and its plot) into ``out``."""
    from tvec.evaluation.report import to_markdown

    skipped: dict[str, str] = {}
    chosen = list(items) if items is not None else None
    if chosen is None:
        chosen, skipped = collect(shared, per_dataset)
    result = evaluate_real_text(chosen, scanner_decider(), skipped)
    out.mkdir(parents=True, exist_ok=True)
    plot = "realtext_languages.png" if plot_languages(result, out / "realtext_languages.png") else None
    genre_plot = "realtext_genres.png" if plot_genres(result, out / "realtext_genres.png") else None
    report = Report("tvec on real text")
    add_to_report(report, result, plot, genre_plot)
    target = out / "REALTEXT.md"  # beside REPORT.md, never over it
    target.write_text(to_markdown(report), encoding="utf-8")
    return target
