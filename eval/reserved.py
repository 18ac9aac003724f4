"""One-shot measurement of the current Scanner on the three sets reserved for INDEPENDENT evaluation.

    PYTHONPATH=src OMP_NUM_THREADS=1 python eval/reserved.py [--conan DIR] [--mhc DIR] [--alfifi DIR]
                                                            [--limit N] [--out eval/reports]

Why this file exists: every other number tvec reports comes from data that was, at some point,
looked at while building the detectors. Three public sets were kept apart for an honest outside
view (data/MANIFEST.md, "Held out for independent evaluation"):

* ``majidalfifi/extremism-llm`` - 1,000 pro-ISIS Arabic tweets and 1,000 others (Alfifi et al.);
  the question is *recall on real jihadist propaganda* at a low false-positive rate.
* ``marcoguerini/CONAN`` - counter-narratives written by NGO operators to answer hate (CONAN,
  Multitarget-CONAN, DIALOCONAN, the knowledge-grounded set); the question is *do we take down the
  people who argue against hate*. Its hate-speech side is reported as secondary information only:
  it is broad hate speech, mostly not TVEC, so no goal is set on it.
* ``rewire-online/multilingual-hatecheck`` - functional tests in ten languages; the question is
  *do we catch threats and dehumanisation, and leave counter-speech and neutral mentions alone, in
  every language*.

Rules this script keeps, because a reserved set is only worth something once:

* it measures and nothing else: no detection code, threshold, lexicon or model is touched, and
  nothing here may feed a training or tuning step; run it after the last detection change;
* no dataset text is ever written anywhere (these sets contain real hate speech): the report holds
  counts, rates, rule names and row ids only; text lives in memory while it is scanned;
* a set that is absent or unreadable is reported as "not available" and skipped, never a crash.

Each DIR is the git directory of a snapshot (what the ``fetch`` tool returns: a bare repository
under ``/work/.mirror/owner+name/repo``, read at HEAD with ``git cat-file``) or a plain checkout
folder. ``--limit N`` takes a seeded sample of at most N rows per stratum (per set and class; see
:attr:`Item.stratum`) for smoke runs. The decision is the default Scanner's for jurisdiction UK:
*flagged* = any action other than allow, *removed* = action ``remove``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import platform
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from tvec.evaluation.realtext import Outcome
from tvec.evaluation.realtext import percent_text as pct
from tvec.evaluation.report import Report, Section, Table, to_markdown

REPO_ROOT = Path(__file__).resolve().parents[1]
MIRROR = Path("/work/.mirror")
DEFAULT_DIRS: dict[str, Path] = {
    "alfifi": MIRROR / "majidalfifi+extremism-llm" / "repo",
    "conan": MIRROR / "marcoguerini+CONAN" / "repo",
    "mhc": MIRROR / "rewire-online+multilingual-hatecheck" / "repo",
}
SEED = 20240607  # the seed of realtext.collect, so samples are drawn the same way everywhere

# Goals, from the issue that reserved these sets; shown beside every figure.
ALFIFI_RECALL_GOAL, ALFIFI_FPR_GOAL = 0.90, 0.03
CN_FLAG_GOAL = 0.01  # and zero removed
MHC_CAUGHT_GOAL, MHC_NH_FLAG_GOAL = 0.80, 0.05

MHC_LANGUAGES = (
    "arabic",
    "dutch",
    "french",
    "german",
    "hindi",
    "italian",
    "mandarin",
    "polish",
    "portuguese",
    "spanish",
)
#: the MHC functionalities the goals name: threats (direct and normative) and dehumanisation
THREAT_FUNCS = frozenset({"threat_dir_h", "threat_norm_h"})
DEHUM_FUNCS = frozenset({"derog_dehum_h"})
CONAN_LANGS = {"EN": "en", "FR": "fr", "IT": "it"}
ID_LIST_CAP = 40  # flagged ids listed per group in the report; the count is always complete


K = TypeVar("K", bound=Hashable)


class Unavailable(Exception):
    """A set that cannot be read: absent folder, not a snapshot, files missing or malformed."""


# --------------------------------------------------------------------------------------------
# Reading a snapshot: a bare git directory at HEAD, or a plain folder.


class Snapshot:
    """Files of one dataset snapshot, read without a work tree where it is a git directory.

    ``fetch`` hands back bare repositories; reading blobs with one ``git cat-file --batch`` keeps
    the 16,000-file extremism-llm tree to a second instead of a process per file."""

    def __init__(self, root: Path, bare: bool, commit: str) -> None:
        self.root, self.bare, self.commit = root, bare, commit

    @classmethod
    def open(cls, path: Path | None) -> Snapshot:
        if path is None or not path.exists():
            raise Unavailable(f"{path} not found")
        if not (path / "HEAD").is_file() and (path / "repo" / "HEAD").is_file():
            path = path / "repo"  # the mirror folder itself rather than its git directory
        if (path / "HEAD").is_file() and (path / "objects").is_dir():
            return cls(path, True, _git(path, "rev-parse", "HEAD").strip() or "unknown")
        if path.is_dir():
            try:
                commit = _git(path, "rev-parse", "HEAD").strip()
            except (OSError, subprocess.CalledProcessError):
                commit = ""
            return cls(path, False, commit or "unknown (plain folder, not a git checkout)")
        raise Unavailable(f"{path} is not a folder")

    def files(self, folder: str) -> list[str]:
        """Paths (relative to the snapshot root) of every file under ``folder``, sorted."""
        folder = folder.strip("/")
        if self.bare:
            out = subprocess.run(
                ["git", "-C", str(self.root), "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", folder],
                capture_output=True,
                check=True,
            ).stdout
            return sorted(p for p in out.decode("utf-8").split("\0") if p)
        base = self.root / folder
        return (
            sorted(str(p.relative_to(self.root)) for p in base.rglob("*") if p.is_file())
            if base.is_dir()
            else []
        )

    def read_many(self, paths: Sequence[str]) -> dict[str, bytes]:
        """The bytes of each path that exists (missing ones are left out)."""
        if not self.bare:
            return {p: (self.root / p).read_bytes() for p in paths if (self.root / p).is_file()}
        if not paths:
            return {}
        request = "".join(f"HEAD:{p}\n" for p in paths).encode("utf-8")
        raw = subprocess.run(
            ["git", "-C", str(self.root), "cat-file", "--batch"],
            input=request,
            capture_output=True,
            check=True,
        ).stdout
        found: dict[str, bytes] = {}
        pos = 0
        for p in paths:
            end = raw.index(b"\n", pos)
            header = raw[pos:end].split()
            pos = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[p] = raw[pos : pos + size]
                pos += size + 1
            elif len(header) == 3:  # a tree or another object: skip its body
                pos += int(header[2]) + 1
        return found

    def read(self, path: str) -> bytes:
        data = self.read_many([path])
        if path not in data:
            raise Unavailable(f"{path} missing from the snapshot")
        return data[path]


def _git(path: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(path), *args], capture_output=True, text=True, check=True).stdout


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# --------------------------------------------------------------------------------------------
# Rows. Text stays in memory; everything that is reported comes from the other fields.


@dataclass(frozen=True)
class Item:
    """One row to scan. ``text`` is never written anywhere; ``id`` is the dataset's own row id."""

    dataset: str  # "alfifi" | "conan" | "mhc"
    id: str
    text: str
    group: str  # sub-dataset (CONAN), language (MHC), "tweets" (extremism-llm)
    side: str  # "pro_isis"/"other", "cn"/"hs", "hateful"/"non-hateful"
    lang: str = ""
    functionality: str = ""

    @property
    def stratum(self) -> tuple[str, str, str, str]:
        """What ``--limit`` samples within: class per set, and per language / sub-dataset /
        MHC functionality, so that every cell of the report's tables keeps rows."""
        return (self.group, self.side, self.lang, self.functionality)


@dataclass
class Loaded:
    items: list[Item]
    commit: str
    notes: list[str] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


ALFIFI_TEXT_FOLDERS = {
    "pro_isis": "data/classification/zero_shot_positive_gpt4o",
    "other": "data/classification/zero_shot_negative_gpt4o",
}


def load_alfifi(snap: Snapshot) -> Loaded:
    """The 2,000 evaluation tweets (full text in every per-tweet prediction file; the zero-shot
    GPT-4o files are read, as the paper's scripts do), plus the published LLM figures recomputed
    from the same files' ``classification`` field (:func:`alfifi_table2`)."""
    items: list[Item] = []
    unreadable = 0
    for side, folder in ALFIFI_TEXT_FOLDERS.items():
        names = [p for p in snap.files(folder) if p.endswith("_classification.json")]
        if not names:
            raise Unavailable(f"no *_classification.json under {folder}")
        for path, blob in sorted(snap.read_many(names).items(), key=lambda kv: _numeric_id(kv[0])):
            try:
                text = json.loads(blob)["original_post"]
            except (ValueError, KeyError, TypeError):
                unreadable += 1
                continue
            if not isinstance(text, str) or not text.strip():
                unreadable += 1
                continue
            items.append(Item("alfifi", f"{side}-{_numeric_id(path)}", text, "tweets", side, "ar"))
    loaded = Loaded(items, snap.commit)
    if unreadable:
        loaded.notes.append(f"{unreadable} prediction files without a readable `original_post` were left out")
    try:
        loaded.extra["table2"] = alfifi_table2(snap)
    except (Unavailable, subprocess.CalledProcessError, ValueError) as exc:
        loaded.notes.append(f"published Table 2 not recomputed ({exc})")
    return loaded


def _numeric_id(path: str) -> int:
    stem = path.rsplit("/", 1)[-1].split("_", 1)[0]
    return int(stem) if stem.isdigit() else -1


ALFIFI_STRATEGIES = ("zero_shot", "one_shot", "few_shot", "taxonomy")
ALFIFI_MODELS = {"gpt4o": "GPT-4o", "claude35sonnet": "Claude 3.5 Sonnet"}


def alfifi_table2(snap: Snapshot) -> dict[tuple[str, str], dict[str, float]]:
    """The paper's Table 2 (accuracy, precision, recall, F1, ISIS positive) recomputed from the
    repository's own per-tweet predictions with the rule of its ``evaluate_classifiers.py`` (the
    script its README says reproduces Table 2): labels only, no text is kept."""
    table: dict[tuple[str, str], dict[str, float]] = {}
    for strategy in ALFIFI_STRATEGIES:
        for model in ALFIFI_MODELS:
            counts: dict[str, Counter[str]] = {}
            for side in ("positive", "negative"):
                folder = f"data/classification/{strategy}_{side}_{model}"
                paths = [p for p in snap.files(folder) if p.endswith(".json")]
                labels: Counter[str] = Counter()
                for blob in snap.read_many(paths).values():
                    try:
                        label = str(json.loads(blob).get("classification", "")).strip().upper()
                    except (ValueError, AttributeError):
                        continue
                    if label == "ISIS":
                        labels["ISIS"] += 1
                    elif label in ("NOT-ISIS", "NOT_ISIS", "NOTISIS", "NON-ISIS"):
                        labels["NOT"] += 1
                counts[side] = labels
            if not counts["positive"] and not counts["negative"]:
                continue
            table[(strategy, model)] = binary_metrics(
                counts["positive"]["ISIS"],
                counts["positive"]["NOT"],
                counts["negative"]["ISIS"],
                counts["negative"]["NOT"],
            )
    if not table:
        raise Unavailable("no prediction folders")
    return table


def binary_metrics(tp: int, fn: int, fp: int, tn: int) -> dict[str, float]:
    """Accuracy, precision, recall, F1 and FPR of the positive class (0 where undefined, like the
    paper's script)."""
    n = tp + fn + fp + tn
    return {
        "acc": (tp + tn) / n if n else 0.0,
        "prec": tp / (tp + fp) if tp + fp else 0.0,
        "rec": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
        "fpr": fp / (fp + tn) if fp + tn else 0.0,
    }


def conan_lang(cn_id: str) -> str:
    """CONAN's language from its id: the first two letters, except translations (suffix T1),
    which are English translations of French or Italian pairs (checked with langid on counts)."""
    code = CONAN_LANGS.get(cn_id[:2].upper(), cn_id[:2].lower() or "?")
    if cn_id.endswith("T1"):
        return f"en (from {code})"
    return code


def load_conan(snap: Snapshot) -> Loaded:
    """Counter-narratives ("cn") and the hate speech they answer ("hs"), per sub-dataset, each
    distinct text once per sub-dataset and language (CONAN repeats one counter-narrative for the
    paraphrases of its hate speech; DIALOCONAN repeats turns). The id kept is the first row's."""
    specs: list[tuple[str, str, Callable[[dict[str, str], int], list[tuple[str, str, str, str]]]]] = [
        # (sub-dataset, csv, row -> [(side, id, lang, text)])
        (
            "CONAN",
            "CONAN/CONAN.csv",
            lambda r, i: [
                ("cn", r["cn_id"], conan_lang(r["cn_id"]), r["counterSpeech"]),
                ("hs", r["cn_id"], conan_lang(r["cn_id"]), r["hateSpeech"]),
            ],
        ),
        (
            "Multitarget-CONAN",
            "Multitarget-CONAN/Multitarget-CONAN.csv",
            lambda r, i: [
                ("cn", r.get("INDEX") or str(i), "en", r["COUNTER_NARRATIVE"]),
                ("hs", r.get("INDEX") or str(i), "en", r["HATE_SPEECH"]),
            ],
        ),
        (
            "DIALOCONAN",
            "DIALOCONAN/DIALOCONAN.csv",
            lambda r, i: [
                (
                    "cn" if r["type"].strip().upper() == "CN" else "hs",
                    f"{r['dialogue_id']}/{r['turn_id']}",
                    "en",
                    r["text"],
                )
            ],
        ),
        (
            "KN-grounded",
            "multitarget_KN_grounded_CN/multitarget_KN_grounded_CN.csv",
            lambda r, i: [
                ("cn", str(i), "en", r["counter_narrative"]),
                ("hs", str(i), "en", r["hate_speech"]),
            ],
        ),
    ]
    items: list[Item] = []
    notes: list[str] = []
    for name, path, rows_of in specs:
        try:
            rows = _csv_rows(snap.read(path))
        except Unavailable as exc:
            notes.append(f"{name}: not available ({exc})")
            continue
        seen: set[tuple[str, str, str]] = set()
        counts: Counter[str] = Counter()
        try:
            for i, row in enumerate(rows):
                for side, rid, lang, text in rows_of(row, i):
                    counts[side] += 1
                    if not text or not text.strip() or (side, lang, text) in seen:
                        continue
                    seen.add((side, lang, text))
                    items.append(Item("conan", rid, text, name, side, lang))
        except KeyError as exc:
            notes.append(f"{name}: not available (column {exc} missing)")
            continue
        notes.append(
            f"{name}: {len(rows):,} rows, {counts['cn']:,} counter-narrative and {counts['hs']:,} "
            "hate-speech cells before de-duplication"
        )
    if not items:
        raise Unavailable("no sub-dataset could be read")
    return Loaded(items, snap.commit, notes)


def load_mhc(snap: Snapshot) -> Loaded:
    """The final test cases of every language (``MHC Final Cases/``), by functionality and gold label."""
    items: list[Item] = []
    notes: list[str] = []
    for lang in MHC_LANGUAGES:
        path = f"MHC Final Cases/hatecheck_cases_final_{lang}.csv"
        try:
            rows = _csv_rows(snap.read(path))
        except Unavailable as exc:
            notes.append(f"{lang}: not available ({exc})")
            continue
        for row in rows:
            text, label = row.get("test_case", ""), row.get("label_gold", "").strip()
            if not text.strip() or label not in ("hateful", "non-hateful"):
                continue
            items.append(
                Item(
                    "mhc",
                    row.get("mhc_case_id", ""),
                    text,
                    lang,
                    label,
                    lang,
                    row.get("functionality", "").strip(),
                )
            )
    if not items:
        raise Unavailable("no language file could be read")
    return Loaded(items, snap.commit, notes)


# --------------------------------------------------------------------------------------------
# Sampling, scanning, tallying: the pure parts (tested in tests/test_reserved_eval.py).


def stratified_sample(items: Sequence[Item], per_stratum: int | None, seed: int = SEED) -> list[Item]:
    """At most ``per_stratum`` rows of every stratum, drawn with a seed of its own (the same rows
    whatever other strata exist), in the input order. ``None`` keeps everything."""
    if per_stratum is None:
        return list(items)
    pools: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        pools[(item.dataset, *item.stratum)].append(index)
    keep: set[int] = set()
    for key, indices in pools.items():
        if len(indices) <= per_stratum:
            keep.update(indices)
        else:
            keep.update(random.Random(f"{seed}:{'|'.join(key)}").sample(indices, per_stratum))
    return [item for index, item in enumerate(items) if index in keep]


@dataclass(frozen=True)
class Verdict:
    flagged: bool
    removed: bool
    rule: str = ""  # the policy rule that decided ("" when allowed); "error" when the scan raised
    detectors: tuple[str, ...] = ()  # detectors of the decision's signals, for the failure tables


Decide = Callable[[str, str], Verdict]


def scanner_decider(jurisdiction: str = "UK") -> Decide:
    """The public API, as a platform would call it: one Document per row, default Scanner."""
    from tvec import Scanner
    from tvec.types import Document

    scanner = Scanner()

    def decide(doc_id: str, text: str) -> Verdict:
        decision = scanner.scan(Document(id=doc_id, text=text), [jurisdiction]).decision(jurisdiction)
        detectors = tuple(sorted({s.detector for s in decision.signals})) if decision.flagged else ()
        return Verdict(
            decision.flagged,
            str(decision.action) == "remove",
            (decision.rule or "") if decision.flagged else "",
            detectors,
        )

    return decide


def scan_items(
    items: Sequence[Item], decide: Decide, progress: Callable[[int, int], None] | None = None
) -> tuple[list[Verdict], int, int]:
    """A verdict per item; identical texts are scanned once (the Scanner is per-document and
    deterministic). A scan that raises counts as an error row, allowed, so one bad row cannot end
    a one-shot run. Returns (verdicts, distinct texts scanned, errors)."""
    cache: dict[bytes, Verdict] = {}
    verdicts: list[Verdict] = []
    errors = 0
    for i, item in enumerate(items):
        key = hashlib.sha1(item.text.encode("utf-8")).digest()
        verdict = cache.get(key)
        if verdict is None:
            try:
                verdict = decide(f"{item.dataset}-{item.id}", item.text)
            except Exception:  # noqa: BLE001 - counted and reported, never fatal
                verdict = Verdict(False, False, "error")
                errors += 1
            cache[key] = verdict
        verdicts.append(verdict)
        if progress is not None:
            progress(i + 1, len(items))
    return verdicts, len(cache), errors


def tally(
    items: Iterable[Item], verdicts: Iterable[Verdict], key: Callable[[Item], K | None]
) -> dict[K, Outcome]:
    """Outcome (rows, flagged, removed) per key; rows whose key is None are left out."""
    out: dict[K, Outcome] = {}
    for item, verdict in zip(items, verdicts, strict=True):
        k = key(item)
        if k is not None:
            out.setdefault(k, Outcome()).add(verdict.flagged, verdict.removed)
    return out


def rules_of(
    items: Iterable[Item], verdicts: Iterable[Verdict], keep: Callable[[Item], bool]
) -> Counter[str]:
    """Which rule (and detectors) decided the flagged rows that ``keep`` selects."""
    counts: Counter[str] = Counter()
    for item, verdict in zip(items, verdicts, strict=True):
        if verdict.flagged and keep(item):
            counts[f"{verdict.rule or '?'} ({'+'.join(verdict.detectors) or '-'})"] += 1
    return counts


def mhc_bucket(item: Item) -> list[str]:
    """The report's MHC columns a case counts towards."""
    if item.side == "non-hateful":
        return ["non-hateful"]
    buckets = ["hateful"]
    if item.functionality in THREAT_FUNCS:
        buckets.append("threat")
    if item.functionality in DEHUM_FUNCS:
        buckets.append("dehumanisation")
    return buckets


def goal(met: bool) -> str:
    return "met" if met else "**not met**"


def rate(outcome: Outcome | None) -> float:
    return outcome.rate if outcome is not None and outcome.n else float("nan")


def cell(outcome: Outcome | None) -> str:
    """ "12.3% (45/366)" - the share with its counts, so small cells read as small."""
    if outcome is None or not outcome.n:
        return "-"
    return f"{pct(outcome.rate)} ({outcome.flagged}/{outcome.n})"


# --------------------------------------------------------------------------------------------
# The run and its report.


@dataclass
class SetRun:
    name: str
    title: str
    path: Path | None
    available: bool = False
    reason: str = ""
    loaded: Loaded | None = None
    total_rows: int = 0
    items: list[Item] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    distinct: int = 0
    errors: int = 0
    seconds: float = 0.0


LOADERS: dict[str, tuple[str, Callable[[Snapshot], Loaded]]] = {
    "alfifi": ("majidalfifi/extremism-llm", load_alfifi),
    "conan": ("marcoguerini/CONAN", load_conan),
    "mhc": ("rewire-online/multilingual-hatecheck", load_mhc),
}


def prepare(name: str, path: Path | None, limit: int | None, seed: int = SEED) -> SetRun:
    """Open and load one set, or mark it not available (never raises for a missing set)."""
    title, loader = LOADERS[name]
    run = SetRun(name, title, path)
    try:
        loaded = loader(Snapshot.open(path))
    except (Unavailable, OSError, subprocess.CalledProcessError, UnicodeDecodeError, csv.Error) as exc:
        run.reason = str(exc) or type(exc).__name__
        return run
    run.available, run.loaded, run.total_rows = True, loaded, len(loaded.items)
    run.items = stratified_sample(loaded.items, limit, seed)
    return run


def execute(run: SetRun, decide: Decide) -> None:
    started = time.perf_counter()
    last = [started]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= 30 or done == total:
            last[0] = now
            print(
                f"  {run.name}: {done:,}/{total:,} rows, {now - started:.0f} s", file=sys.stderr, flush=True
            )

    run.verdicts, run.distinct, run.errors = scan_items(run.items, decide, progress)
    run.seconds = time.perf_counter() - started


def tvec_commit() -> str:
    try:
        head = _git(REPO_ROOT, "rev-parse", "HEAD").strip()
        dirty = _git(REPO_ROOT, "status", "--porcelain", "--", "src").strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with uncommitted changes under src/)" if dirty else "")


def _set_header(section: Section, run: SetRun, limit: int | None) -> None:
    assert run.loaded is not None
    sampled = (
        f"a seeded sample of at most {limit} rows per stratum ({len(run.items):,} of {run.total_rows:,} rows)"
        if limit is not None and len(run.items) < run.total_rows
        else f"all {run.total_rows:,} rows"
    )
    per_doc = 1000 * run.seconds / max(1, run.distinct)
    section.text(
        f"Snapshot `{run.title}` at commit `{run.loaded.commit}`. Scanned: {sampled}; "
        f"{run.distinct:,} distinct texts in {run.seconds:.0f} s ({per_doc:.0f} ms per text)"
        + (f"; **{run.errors} scans raised** (counted as allowed)" if run.errors else "")
        + "."
    )
    if run.loaded.notes:
        section.text("Notes: " + "; ".join(run.loaded.notes) + ".")


def _rules_table(section: Section, caption: str, run: SetRun, keep: Callable[[Item], bool], top: int = 8) -> None:
    """Which rules decided the flagged rows of ``run`` that ``keep`` selects."""
    counts = rules_of(run.items, run.verdicts, keep)
    if not counts:
        return
    table = Table(["deciding rule (detectors)", "rows"], caption=caption)
    for rule, n in counts.most_common(top):
        table.add(rule, n)
    if len(counts) > top:
        table.add(f"{len(counts) - top} other rules", sum(n for _, n in counts.most_common()[top:]))
    section.table(table)


def _id_list(label: str, ids: list[str]) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:ID_LIST_CAP])
    more = f" and {len(ids) - ID_LIST_CAP} more" if len(ids) > ID_LIST_CAP else ""
    return f"{label} ({len(ids)}): {shown}{more}."


def report_alfifi(report: Report, run: SetRun, limit: int | None) -> dict[str, float]:
    section = report.section(f"{run.title}: pro-ISIS Arabic tweets")
    if not run.available:
        section.text(f"Not available ({run.reason}); skipped.")
        return {}
    _set_header(section, run, limit)
    by = tally(run.items, run.verdicts, lambda i: i.side)
    pos, neg = by.get("pro_isis", Outcome()), by.get("other", Outcome())
    m = binary_metrics(pos.flagged, pos.n - pos.flagged, neg.flagged, neg.n - neg.flagged)
    table = Table(["class", "rows", "flagged", "removed", "goal", "status"])
    table.add(
        "pro-ISIS (recall)",
        pos.n,
        cell(pos),
        pos.removed,
        f">= {ALFIFI_RECALL_GOAL:.0%}",
        goal(rate(pos) >= ALFIFI_RECALL_GOAL),
    )
    table.add(
        "not pro-ISIS (FPR)",
        neg.n,
        cell(neg),
        neg.removed,
        f"<= {ALFIFI_FPR_GOAL:.0%}",
        goal(rate(neg) <= ALFIFI_FPR_GOAL),
    )
    section.table(table)
    section.text(
        f"tvec (flagged = positive): precision {m['prec']:.3f}, recall {m['rec']:.3f}, F1 {m['f1']:.3f}, "
        f"accuracy {m['acc']:.3f}."
    )
    published = Table(
        ["system", "prompting", "accuracy", "precision", "recall", "F1", "FPR", "where read"],
        caption="Published baselines",
    )
    published.add(
        "tvec (this run)",
        "-",
        f"{m['acc']:.3f}",
        f"{m['prec']:.3f}",
        f"{m['rec']:.3f}",
        f"{m['f1']:.3f}",
        f"{m['fpr']:.3f}",
        "this report",
    )
    table2 = run.loaded.extra.get("table2", {}) if run.loaded else {}
    assert isinstance(table2, dict)
    for (strategy, model), v in sorted(
        table2.items(), key=lambda kv: (kv[0][1], ALFIFI_STRATEGIES.index(kv[0][0]))
    ):
        published.add(
            ALFIFI_MODELS[model],
            strategy.replace("_", "-"),
            f"{v['acc']:.3f}",
            f"{v['prec']:.3f}",
            f"{v['rec']:.3f}",
            f"{v['f1']:.3f}",
            f"{v['fpr']:.3f}",
            f"paper Table 2, recomputed from `data/classification/{strategy}_*_{model}` with the "
            "metric of the repo's `evaluate_classifiers.py`",
        )
    published.add(
        "MARBERT fine-tuned on 500K LLM-labelled tweets",
        "-",
        "~0.90",
        "~0.88",
        "~0.94",
        "~0.91",
        "-",
        "repo README.md, 'Reproducing Table 3' (on its own 10 % test split of the 500K LLM-labelled "
        "corpus, NOT these 2,000 tweets; that corpus is not redistributed)",
    )
    section.table(published)
    _rules_table(section, "pro-ISIS tweets caught, by deciding rule", run, lambda i: i.side == "pro_isis")
    _rules_table(section, "not-pro-ISIS tweets flagged, by deciding rule", run, lambda i: i.side == "other")
    removed = [i.id for i, v in zip(run.items, run.verdicts, strict=True) if i.side == "other" and v.removed]
    if removed:
        section.text(_id_list("Not-pro-ISIS tweets removed (ids = prediction file numbers)", removed))
    return {"recall": rate(pos), "fpr": rate(neg)}


def report_conan(report: Report, run: SetRun, limit: int | None) -> dict[str, float]:
    section = report.section(f"{run.title}: counter-narratives")
    if not run.available:
        section.text(f"Not available ({run.reason}); skipped.")
        return {}
    _set_header(section, run, limit)
    section.text(
        f"Goal: at most {CN_FLAG_GOAL:.0%} of counter-narratives flagged and none removed, in every "
        "sub-dataset and language. Rows = distinct counter-narrative texts per sub-dataset and language "
        "(CONAN's 'en (from fr)' / 'en (from it)' are its English translations, ids ending T1)."
    )
    by = tally(run.items, run.verdicts, lambda i: (i.group, i.lang, i.side))
    groups = sorted({(g, lang) for g, lang, _ in by}, key=lambda k: (k[0] != "CONAN", k))
    table = Table(
        [
            "sub-dataset",
            "language",
            "counter-narratives",
            "flagged",
            "removed",
            "status (<= 1 %, 0 removed)",
            "hate speech rows (secondary)",
            "hate speech flagged",
            "hate speech removed",
        ]
    )
    all_cn, all_hs = Outcome(), Outcome()
    for g, lang in groups:
        cn, hs = by.get((g, lang, "cn")), by.get((g, lang, "hs"))
        for total, part in ((all_cn, cn), (all_hs, hs)):
            if part is not None:
                total.n, total.flagged, total.removed = (
                    total.n + part.n,
                    total.flagged + part.flagged,
                    total.removed + part.removed,
                )
        table.add(
            g,
            lang,
            cn.n if cn else 0,
            cell(cn),
            cn.removed if cn else "-",
            goal(rate(cn) <= CN_FLAG_GOAL and cn.removed == 0) if cn and cn.n else "-",
            hs.n if hs else 0,
            cell(hs),
            hs.removed if hs else "-",
        )
    table.add(
        "**all**",
        "",
        all_cn.n,
        cell(all_cn),
        all_cn.removed,
        goal(rate(all_cn) <= CN_FLAG_GOAL and all_cn.removed == 0) if all_cn.n else "-",
        all_hs.n,
        cell(all_hs),
        all_hs.removed,
    )
    section.table(table)
    section.text(
        "The hate-speech side is broad hate speech (islamophobia, misogyny, antisemitism, racism, "
        "homophobia...), written by experts or models for the data collection, mostly not terrorist or "
        "violent-extremist content: tvec does not flag insult or derogation by design, so its share "
        "flagged is context, not a recall figure, and no goal is set on it."
    )
    _rules_table(section, "counter-narratives flagged, by deciding rule", run, lambda i: i.side == "cn")
    _rules_table(section, "hate speech flagged, by deciding rule", run, lambda i: i.side == "hs")
    for g in sorted({g for g, _ in groups}):
        ids = [
            i.id
            for i, v in zip(run.items, run.verdicts, strict=True)
            if i.group == g and i.side == "cn" and v.flagged
        ]
        removed = [
            i.id
            for i, v in zip(run.items, run.verdicts, strict=True)
            if i.group == g and i.side == "cn" and v.removed
        ]
        if ids:
            section.text(_id_list(f"{g}: counter-narratives flagged, by id", ids))
        if removed:
            section.text(_id_list(f"{g}: counter-narratives **removed**, by id", removed))
    return {"cn_flagged": rate(all_cn), "cn_removed": float(all_cn.removed)}


def report_mhc(report: Report, run: SetRun, limit: int | None) -> dict[str, dict[str, float]]:
    section = report.section(f"{run.title}: functional tests in ten languages")
    if not run.available:
        section.text(f"Not available ({run.reason}); skipped.")
        return {}
    _set_header(section, run, limit)
    section.text(
        f"Goals, in every language: at least {MHC_CAUGHT_GOAL:.0%} of the hateful cases of the threat "
        f"functionalities ({', '.join(sorted(THREAT_FUNCS))}) and of dehumanisation "
        f"({', '.join(sorted(DEHUM_FUNCS))}) caught (flagged); at most {MHC_NH_FLAG_GOAL:.0%} of the "
        "non-hateful cases flagged. 'All hateful' is every hateful functionality, including the insult, "
        "derogation, slur and profanity tests that tvec leaves up by design (MHC labels all hate speech, "
        "tvec only TVEC), so it has no goal."
    )
    buckets: dict[tuple[str, str], Outcome] = {}
    for item, verdict in zip(run.items, run.verdicts, strict=True):
        for bucket in mhc_bucket(item):
            buckets.setdefault((item.lang, bucket), Outcome()).add(verdict.flagged, verdict.removed)
    langs = [lang for lang in MHC_LANGUAGES if any(k[0] == lang for k in buckets)]
    table = Table(
        [
            "language",
            "threat caught",
            "dehumanisation caught",
            "all hateful caught",
            "non-hateful flagged",
            "non-hateful removed",
            "threat >= 80 %",
            "dehum. >= 80 %",
            "non-hateful <= 5 %",
        ]
    )
    summary: dict[str, dict[str, float]] = {}
    for lang in langs:
        th, de, ha, nh = (
            buckets.get((lang, b)) for b in ("threat", "dehumanisation", "hateful", "non-hateful")
        )
        summary[lang] = {
            "threat": rate(th),
            "dehumanisation": rate(de),
            "hateful": rate(ha),
            "non-hateful": rate(nh),
        }
        table.add(
            lang,
            cell(th),
            cell(de),
            cell(ha),
            cell(nh),
            nh.removed if nh else "-",
            goal(rate(th) >= MHC_CAUGHT_GOAL) if th else "-",
            goal(rate(de) >= MHC_CAUGHT_GOAL) if de else "-",
            goal(rate(nh) <= MHC_NH_FLAG_GOAL) if nh else "-",
        )
    section.table(table)
    section.text(
        "MHC's paper (Röttger et al. 2022, WOAH, aclanthology.org/2022.woah-1.15) scores hate-speech "
        "classifiers fine-tuned for all hate; no figure for a TVEC-only system was read, so none is set "
        "beside these."
    )
    by_func = tally(run.items, run.verdicts, lambda i: (i.functionality, i.side, i.lang))
    for side, title in (
        ("non-hateful", "Non-hateful functionalities: share flagged per language (worst first)"),
        ("hateful", "Hateful functionalities: share caught per language (lowest first)"),
    ):
        funcs = sorted({f for f, s, _ in by_func if s == side})
        overall = {f: _merge(o for (ff, s, _), o in by_func.items() if ff == f and s == side) for f in funcs}
        order = sorted(
            funcs, key=lambda f: (-rate(overall[f]) if side == "non-hateful" else rate(overall[f]), f)
        )
        matrix = Table(["functionality", "all", *langs], caption=title)
        for f in order:
            matrix.add(
                f"`{f}`", pct(rate(overall[f])), *(_share(by_func.get((f, side, lang))) for lang in langs)
            )
        section.table(matrix)
    _rules_table(section, "non-hateful cases flagged, by deciding rule", run, lambda i: i.side == "non-hateful")
    _rules_table(section, "threat and dehumanisation cases caught, by deciding rule", run,
                 lambda i: i.functionality in THREAT_FUNCS | DEHUM_FUNCS)
    return summary


def _share(outcome: Outcome | None) -> str:
    """The share alone ("-" where the language has no such test), for the wide matrices."""
    return pct(outcome.rate) if outcome is not None and outcome.n else "-"


def _merge(outcomes: Iterable[Outcome]) -> Outcome:
    total = Outcome()
    for o in outcomes:
        total.n, total.flagged, total.removed = (
            total.n + o.n,
            total.flagged + o.flagged,
            total.removed + o.removed,
        )
    return total


def plot(
    mhc: Mapping[str, Mapping[str, float]], conan: SetRun | None, alfifi: Mapping[str, float], path: Path
) -> bool:
    """One PNG: MHC per language (threat, dehumanisation, all hateful caught; non-hateful flagged,
    with the 80 % and 5 % goals as lines) and, beside it, the counter-narratives flagged per CONAN
    sub-dataset and language and the extremism-llm recall/FPR, with their goals."""
    try:
        from tvec.evaluation.plots import _pyplot, _save

        plt = _pyplot()
    except Exception:  # noqa: BLE001 - no matplotlib: the report says so and goes on
        return False
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.2), gridspec_kw={"width_ratios": [3, 2]})
    langs = list(mhc)
    series = (
        ("threat", "threat caught"),
        ("dehumanisation", "dehumanisation caught"),
        ("hateful", "all hateful caught"),
        ("non-hateful", "non-hateful flagged"),
    )
    width = 0.2
    for k, (key, label) in enumerate(series):
        heights = [0.0 if math.isnan(mhc[lang][key]) else mhc[lang][key] for lang in langs]
        left.bar([i + (k - 1.5) * width for i in range(len(langs))], heights, width=width, label=label)
    left.axhline(MHC_CAUGHT_GOAL, color="green", lw=0.8, ls="--")
    left.axhline(MHC_NH_FLAG_GOAL, color="red", lw=0.8, ls="--")
    left.set_xticks(range(len(langs)), langs, rotation=30, ha="right", fontsize=8)
    left.set_ylim(0, 1.15)
    left.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    left.set_ylabel("share of cases flagged")
    left.set_title("Multilingual HateCheck (dashed: goals 80 % caught, 5 % non-hateful)", fontsize=9)
    left.legend(fontsize=7, loc="upper left", ncol=4, frameon=False)
    names: list[str] = []
    values: list[float] = []
    colours: list[str] = []
    if conan is not None and conan.available:
        by = tally(conan.items, conan.verdicts, lambda i: (i.group, i.lang) if i.side == "cn" else None)
        for g, lang in sorted(by, key=lambda k: (k[0] != "CONAN", k)):
            names.append(f"CN {g} {lang}")
            values.append(by[(g, lang)].rate)
            colours.append("tab:orange")
    if alfifi:
        names += ["extremism-llm recall", "extremism-llm FPR"]
        values += [alfifi["recall"], alfifi["fpr"]]
        colours += ["tab:blue", "tab:red"]
    if names:
        right.barh(range(len(names)), values, color=colours)
        for i, v in enumerate(values):  # the CN shares sit near 1 %: write them out
            right.text(
                min(v, 0.85) + 0.01, i, "n/a" if math.isnan(v) else f"{v:.1%}", va="center", fontsize=7
            )
        right.set_yticks(range(len(names)), names, fontsize=7)
        right.invert_yaxis()
        right.axvline(CN_FLAG_GOAL, color="orange", lw=0.8, ls="--")
        right.axvline(ALFIFI_FPR_GOAL, color="red", lw=0.8, ls=":")
        right.axvline(ALFIFI_RECALL_GOAL, color="blue", lw=0.8, ls=":")
        right.set_xlim(0, 1)
        right.set_xlabel("share flagged")
        right.set_title("counter-narratives flagged (goal 1 %); extremism-llm (goals 90 %, 3 %)", fontsize=9)
    else:
        right.axis("off")
    fig.tight_layout()
    _save(fig, path)
    return True


def build_report(
    runs: Mapping[str, SetRun], limit: int | None, seconds: float, plot_name: str | None, started_at: str
) -> tuple[Report, dict[str, object]]:
    report = Report("tvec on the reserved evaluation sets (one-shot)")
    intro = report.section("What this is")
    intro.text(
        "These three public sets are kept for independent evaluation only: nothing in tvec was trained, "
        "tuned or chosen on them, and this run changed no detection code, threshold, lexicon or model. "
        "Each row is scanned as one document by the default Scanner (all default detectors, default policy, "
        "jurisdiction UK); *flagged* = any action other than allow, *removed* = action `remove`. The report "
        "holds counts, rule names and row ids only; no dataset text is written anywhere."
    )
    intro.text(
        f"tvec commit measured: `{tvec_commit()}`. Run started {started_at} UTC; {seconds / 60:.1f} minutes "
        f"in all, one process (OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}), Python "
        f"{platform.python_version()}. "
        + (
            "Sampling: none, every row of every available set."
            if limit is None
            else f"Sampling: `--limit {limit}`, a seeded (seed {SEED}) sample of at most {limit} rows per "
            "stratum (extremism-llm: class; CONAN: sub-dataset x side x language; MHC: language x "
            "functionality)."
        )
    )
    overview = Table(["set", "snapshot commit", "status", "rows scanned", "seconds"])
    for run in runs.values():
        overview.add(
            run.title,
            f"`{run.loaded.commit}`" if run.loaded else "-",
            "measured" if run.available else f"not available ({run.reason})",
            len(run.items),
            f"{run.seconds:.0f}",
        )
    intro.table(overview)
    if plot_name:
        intro.image(plot_name, "MHC per language; counter-narratives flagged; extremism-llm recall and FPR")
    results: dict[str, object] = {}
    if "alfifi" in runs:
        results["alfifi"] = report_alfifi(report, runs["alfifi"], limit)
    if "conan" in runs:
        results["conan"] = report_conan(report, runs["conan"], limit)
    if "mhc" in runs:
        results["mhc"] = report_mhc(report, runs["mhc"], limit)
    return report, results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--conan", type=Path, default=DEFAULT_DIRS["conan"], help="CONAN snapshot (git dir or folder)"
    )
    parser.add_argument(
        "--mhc", type=Path, default=DEFAULT_DIRS["mhc"], help="Multilingual HateCheck snapshot"
    )
    parser.add_argument("--alfifi", type=Path, default=DEFAULT_DIRS["alfifi"], help="extremism-llm snapshot")
    parser.add_argument("--limit", type=int, default=None, help="seeded sample of at most N rows per stratum")
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "eval" / "reports")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.limit is not None and args.out.resolve() == (REPO_ROOT / "eval" / "reports").resolve():
        parser.error("--limit is a smoke run: give --out elsewhere, so the committed one-shot report is not replaced")
    started, started_at = time.perf_counter(), datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    runs = {
        name: prepare(name, getattr(args, name), args.limit, args.seed) for name in ("alfifi", "conan", "mhc")
    }
    for run in runs.values():
        print(
            f"{run.title}: "
            + (
                f"{len(run.items):,} of {run.total_rows:,} rows"
                if run.available
                else f"not available ({run.reason})"
            ),
            file=sys.stderr,
        )
    if any(run.available for run in runs.values()):
        decide = scanner_decider()
        for run in runs.values():
            if run.available:
                execute(run, decide)
    seconds = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    plot_path = args.out / "reserved.png"
    # the plot needs the tallies the report computes; build once for them, then again with the image
    _, results = build_report(runs, args.limit, seconds, None, started_at)
    mhc = results.get("mhc") or {}
    alfifi = results.get("alfifi") or {}
    assert isinstance(mhc, dict) and isinstance(alfifi, dict)
    drawn = plot(mhc, runs.get("conan"), alfifi, plot_path)
    report, _ = build_report(runs, args.limit, seconds, plot_path.name if drawn else None, started_at)
    target = args.out / "RESERVED.md"
    target.write_text(to_markdown(report), encoding="utf-8")
    print(
        f"wrote {target}" + (f" and {plot_path}" if drawn else " (no plot: matplotlib missing)"),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
