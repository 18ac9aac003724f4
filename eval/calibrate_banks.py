"""Calibrate the bank match thresholds (exact, near-duplicate, TLSH, paraphrase) on real news text.

Usage::

    python eval/calibrate_banks.py --shared ../shared [--out eval/reports/bank_calibration.json]

What it does (the text never leaves memory; only numbers are written):

1. Articles: the BBC News set in ``shared/data/news-neutral`` (duplicates dropped) and the AG News
   test descriptions. BBC articles are cut to their first ~100 words (two bank passages)
   and split in two halves by the SHA-256 of their text: CALIBRATION picks the thresholds, HELD-OUT
   measures them. Each half: 100 articles go into a bank; queries are built from them; 120 other
   BBC articles and 120 AG descriptions are the unrelated queries. Re-published articles are
   dropped first (a text whose first 100 words copy an earlier one's: same passage, or estimated
   Jaccard >= 0.7), since a re-publication is a true copy, not an unrelated text.
2. Queries per banked article: ``edit10``/``edit20`` (10% / 20% of the words replaced by words of
   other articles), ``drop`` (one sentence removed, one sentence of another article added),
   ``rewrap`` (line breaks inside paragraphs), and ``rewrite``: a paraphrase-like rewrite, every
   word found in a hand-written table of ~200 common news-English synonyms replaced and the
   sentences of each passage shuffled. ``rewrite`` is not a human paraphrase: it keeps names,
   numbers and most content words, so the paraphrase recall it gives is an upper bound for real
   rewordings. ``rewrite_strong`` also drops function words first (telegraphic style), which
   breaks nearly every word pair: the case MinHash cannot see and embeddings are for.
3. Raw similarities per kind: MinHash estimated Jaccard (through the LSH index, best over the
   entry's passages), TLSH distance of the whole texts, E5 cosine (best over passages; exact
   search). Thresholds chosen on CALIBRATION:
   - near-duplicate: the smallest value on a 0.05 grid from 0.3 with no unrelated query matching
     (below 0.3 the LSH retrieves under a quarter of the pairs, so a lower threshold buys nothing);
   - TLSH: the largest distance with no unrelated PAIR (query, banked digest) within it, because a
     TLSH list is scanned linearly and a per-query rate would grow with the list size;
   - paraphrase: the smallest cosine on a 0.005 grid with at most 0.5% of unrelated queries matching;
   - exact minimum words: sentences shared by two different texts (all BBC and AG texts) are
     mostly copies (re-published articles); the share of 15-20-word sentences shared is that copy
     baseline. The minimum is the shortest length from which every length shares no more than 2.5x
     the baseline (shorter ones are stock phrases), and never below 8.
4. HELD-OUT: the banks detector with those thresholds (paraphrase matching on) runs on every
   query; recall = the query's article is matched (any kind), false match = an unrelated query
   gets any positive signal.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from tvec.banks.bank import Bank
from tvec.banks.entries import make_entry
from tvec.banks.index import BankIndex
from tvec.banks.minhash import MinHasher
from tvec.banks.passages import split_passages, words_of
from tvec.banks.semantic import ParaphraseIndex
from tvec.banks.tlsh_match import digest_of
from tvec.detectors.banks import BanksDetector
from tvec.detectors.base import PreparedDocument
from tvec.model.encoder import SentenceEncoder
from tvec.normalise import normalise
from tvec.types import Document

PREFIX_WORDS = 100
BANKED, UNRELATED_BBC, UNRELATED_AG = 100, 120, 120
DUPLICATE_JACCARD = 0.7
STOCK_PHRASE_FACTOR = 2.5
"""A sentence length is 'stock phrase' territory while its texts share sentences more than this many
times as often as 15-20-word sentences do (the copy baseline); counts per length are small (5-20
shared sentences), so a factor under ~2 would chase noise."""
FALSE_MATCH_TARGET = 0.005

# Common news-English words and a synonym each (written for this script).
SYNONYMS = {
    word: synonym.replace("_", " ")
    for word, synonym in (pair.split(":") for pair in ["said:stated", "says:states", "told:informed", "announced:declared", "reported:stated", "government:administration", "minister:secretary", "ministers:secretaries", "officials:authorities", "official:representative", "people:individuals", "public:population", "company:firm", "companies:firms", "firm:company", "business:enterprise", "market:marketplace", "markets:marketplaces", "sales:revenues", "profits:earnings", "profit:earnings", "shares:stocks", "price:cost", "prices:costs", "rise:increase", "rose:increased", "fell:dropped", "fall:drop", "increase:rise", "growth:expansion", "economy:economic_system", "big:large", "large:big", "small:little", "new:fresh", "old:former", "first:initial", "last:final", "next:following", "year:twelve_months", "years:twelve-month_periods", "month:four_weeks", "week:seven_days", "today:this_day", "plan:proposal", "plans:proposals", "deal:agreement", "deals:agreements", "agreed:accepted", "help:assist", "helped:assisted", "make:create", "made:created", "take:seize", "took:seized", "give:provide", "gave:provided", "get:obtain", "got:obtained", "show:demonstrate", "showed:demonstrated", "shows:demonstrates", "expected:anticipated", "expects:anticipates", "believe:think", "believes:thinks", "believed:thought", "important:significant", "major:main", "key:crucial", "main:principal", "number:quantity", "many:numerous", "several:various", "most:the_majority_of", "some:certain", "also:additionally", "but:however", "because:since", "however:nevertheless", "while:whereas", "although:though", "before:prior_to", "after:following", "during:throughout", "about:roughly", "around:approximately", "more:additional", "less:fewer", "country:nation", "countries:nations", "world:globe", "international:global", "national:nationwide", "team:side", "game:match", "games:matches", "win:victory", "won:secured", "lost:was_defeated", "beat:defeated", "player:athlete", "players:athletes", "coach:manager", "season:campaign", "club:team", "match:fixture", "film:movie", "films:movies", "music:songs", "album:record", "star:celebrity", "show:programme", "award:prize", "awards:prizes", "best:finest", "top:leading", "technology:tech", "computer:PC", "users:customers", "phone:handset", "phones:handsets", "mobile:cellular", "internet:web", "online:on_the_web", "software:programs", "service:facility", "services:facilities", "system:framework", "systems:frameworks", "network:infrastructure", "election:vote", "party:political_party", "parties:political_parties", "leader:head", "leaders:heads", "campaign:drive", "policy:strategy", "tax:levy", "taxes:levies", "law:legislation", "laws:legislation", "court:tribunal", "case:matter", "claims:allegations", "claimed:alleged", "chief:head", "executive:boss", "director:manager", "chairman:chair", "president:leader", "spokesman:spokesperson", "spokeswoman:spokesperson", "move:step", "decision:ruling", "decided:chose", "need:require", "needs:requires", "needed:required", "want:wish", "wants:wishes", "wanted:wished", "think:believe", "thinks:believes", "know:understand", "change:alteration", "changes:alterations", "changed:altered", "use:utilise", "used:utilised", "using:utilising", "buy:purchase", "bought:purchased", "sell:offload", "sold:offloaded", "pay:compensate", "paid:compensated", "money:funds", "cash:funds", "cost:expense", "costs:expenses", "rate:level", "rates:levels", "high:elevated", "low:reduced", "strong:robust", "weak:feeble", "good:positive", "bad:negative", "problem:issue", "problems:issues", "risk:danger", "concerns:worries", "concern:worry", "fears:worries", "warned:cautioned", "warning:caution", "began:started", "start:beginning", "started:began", "end:conclusion", "ended:concluded", "part:portion", "recent:latest", "recently:lately", "currently:at_present", "still:yet", "already:previously", "group:organisation", "report:study", "reports:studies", "figures:statistics", "data:information", "added:continued", "including:such_as", "across:throughout", "against:versus"])
}


def read_articles(shared: Path) -> tuple[list[str], list[str]]:
    csv.field_size_limit(sys.maxsize)
    data = shared / "data" / "news-neutral"
    with (data / "bbc_news_train.csv").open(newline="", encoding="utf-8") as fh:
        bbc = [row["Text"] for row in csv.DictReader(fh)]
    with (data / "ag_news_csv" / "test.csv").open(newline="", encoding="utf-8") as fh:
        ag = [row["description"].replace("\\", " ") for row in csv.DictReader(fh)]
    ag = list({" ".join(words_of(normalise(t)).words): t for t in ag}.values())
    return without_duplicates(bbc), ag


def without_duplicates(texts: list[str]) -> list[str]:
    """Drop texts whose first PREFIX_WORDS words copy an earlier text's (same passage, or estimated
    Jaccard >= DUPLICATE_JACCARD): both corpora re-publish articles, and a re-published article is
    a true copy, not an unrelated text. An in-memory index, no bank file."""
    hasher = MinHasher()
    index = BankIndex(hasher.num_perm, hasher=hasher)
    kept: list[str] = []
    for text in texts:
        head = prefix(text)
        passages = split_passages(normalise(head))
        if not passages:
            continue
        found = index.match(
            hasher.signatures([p.words for p in passages]),
            [hashlib.sha256(p.key.encode("utf-8")).digest() for p in passages],
            [len(p.words) for p in passages],
            DUPLICATE_JACCARD,
            allow_short=len(passages) == 1,
        )
        if found:
            continue
        index.add_entries([make_entry(head, hasher, where="dedupe", entry_id=f"k{len(kept)}")])
        kept.append(text)
    return kept


def prefix(text: str, n_words: int = PREFIX_WORDS) -> str:
    spans = [m.end() for m in re.finditer(r"\S+", text)]
    return text[: spans[min(n_words, len(spans)) - 1]] if spans else text


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def edit_words(text: str, fraction: float, pool: Sequence[str], rng: random.Random) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * fraction)):
        words[i] = rng.choice(pool)
    return " ".join(words)


def drop_and_add(text: str, other: str, rng: random.Random) -> str:
    parts = sentences(text)
    if len(parts) > 2:
        parts.pop(rng.randrange(1, len(parts)))
    parts.insert(rng.randrange(0, len(parts) + 1), rng.choice(sentences(other) or [other]))
    return " ".join(parts)


def rewrap(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    return "".join(w + ("\n" if rng.random() < 0.08 else " ") for w in words).strip()


FUNCTION_WORDS = frozenset(["the", "a", "an", "of", "to", "that", "which", "is", "was", "were", "are", "has", "have", "had", "be", "been", "it", "its", "this", "these", "by"])


def rewrite_strong(text: str, rng: random.Random) -> str:
    """``rewrite`` plus function words dropped ("telegraphic" style): almost every word pair of the
    original is broken, so MinHash no longer sees it, while the content words remain."""
    kept = " ".join(w for w in text.split(" ") if w.lower() not in FUNCTION_WORDS)
    return rewrite(kept, rng)


def rewrite(text: str, rng: random.Random) -> str:
    """Synonyms for every word in the table, then the sentences of each ~60-word stretch shuffled
    (so the rewrite still lines up with the bank's passages)."""
    swapped = re.sub(r"[A-Za-z]+", lambda m: SYNONYMS.get(m.group().lower(), m.group()), text)
    parts = sentences(swapped)
    out: list[str] = []
    chunk: list[str] = []
    for part in parts:
        chunk.append(part)
        if sum(len(c.split()) for c in chunk) >= 30:
            rng.shuffle(chunk)
            out.extend(chunk)
            chunk = []
    rng.shuffle(chunk)
    out.extend(chunk)
    return " ".join(out)


class CachedEncoder:
    """The E5 encoder with a cache (kept in ``cache_file`` between runs, outside the repository:
    it holds vectors, keyed by a hash of the text, never the text)."""

    def __init__(self, cache_file: Path | None = None) -> None:
        self.inner = SentenceEncoder()
        self.name, self.dim = self.inner.name, self.inner.dim
        self.cache_file = cache_file
        self.cache: dict[str, np.ndarray] = {}
        if cache_file is not None and cache_file.is_file():
            with np.load(cache_file, allow_pickle=False) as data:
                self.stored = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        else:
            self.stored = {}

    def save(self) -> None:
        if self.cache_file is None:
            return
        merged = {**self.stored, **{_key(t): v for t, v in self.cache.items()}}
        np.savez(self.cache_file, keys=np.array(list(merged)), vectors=np.stack(list(merged.values())))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        for t in dict.fromkeys(texts):
            if t not in self.cache and _key(t) in self.stored:
                self.cache[t] = self.stored[_key(t)]
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        for i in range(0, len(todo), 32):
            batch = todo[i : i + 32]
            for text, vector in zip(batch, self.inner.encode(batch), strict=True):
                self.cache[text] = vector
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_half(articles: list[str], half: int) -> list[str]:
    return [a for a in articles if hashlib.sha256(a.encode()).digest()[0] % 2 == half]


def build_split(bbc: list[str], ag: list[str], half: int, seed: int):
    rng = random.Random(seed + half)
    mine = split_half(bbc, half)
    rng.shuffle(mine)
    banked = [prefix(a) for a in mine[:BANKED]]
    unrelated = [prefix(a) for a in mine[BANKED : BANKED + UNRELATED_BBC]]
    ag_half = [t for t in ag if hashlib.sha256(t.encode()).digest()[0] % 2 == half]
    unrelated += rng.sample(ag_half, UNRELATED_AG)
    pool = [w for a in unrelated[:50] for w in a.split()]
    queries: dict[str, list[str]] = {
        "edit10": [edit_words(t, 0.10, pool, rng) for t in banked],
        "edit20": [edit_words(t, 0.20, pool, rng) for t in banked],
        "drop": [drop_and_add(t, rng.choice(unrelated), rng) for t in banked],
        "rewrap": [rewrap(t, rng) for t in banked],
        "rewrite": [rewrite(t, rng) for t in banked],
        "rewrite_strong": [rewrite_strong(t, rng) for t in banked],
    }
    return banked, queries, unrelated


def passages_of(text: str) -> list[str]:
    return [text[p.span.start : p.span.end] for p in split_passages(normalise(text))]


def raw_similarities(bank: Bank, banked: list[str], queries: dict[str, list[str]], unrelated: list[str],
                     index: ParaphraseIndex) -> dict[str, dict[str, list[float]]]:
    """Per query set and kind, the best similarity to the true entry (or to any entry, unrelated)."""
    detector = BanksDetector(bank, threshold=0.05)
    digests = [digest_of(t) for t in banked]

    def minhash(text: str, entry: str | None) -> float:
        found = [m for m in detector._minhash_hits(split_passages(normalise(text), None))
                 if entry is None or m.entry_id == entry]
        return max((m.similarity for m in found), default=0.0)

    def tlsh_distance(text: str, entry: int | None) -> float:
        import tlsh

        digest = digest_of(text)
        if digest is None:
            return 1e9
        targets = [digests[entry]] if entry is not None else digests
        return float(min(tlsh.diffxlen(digest, d) for d in targets if d is not None))

    def cosine(text: str, entry: str | None) -> float:
        found = [m for m in index.match(passages_of(text), 0.0) if entry is None or m.entry_id == entry]
        return max((m.similarity for m in found), default=0.0)

    out: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for name, texts in queries.items():
        for i, text in enumerate(texts):
            out[name]["minhash"].append(minhash(text, f"e{i}"))
            out[name]["tlsh"].append(tlsh_distance(text, i))
            if name.startswith("rewrite"):
                out[name]["cosine"].append(cosine(text, f"e{i}"))
    for text in unrelated:
        out["unrelated"]["minhash"].append(minhash(text, None))
        out["unrelated"]["tlsh"].append(tlsh_distance(text, None))
        out["unrelated"]["cosine"].append(cosine(text, None))
    return out


def make_bank(directory: Path, banked: list[str], encoder: CachedEncoder) -> tuple[Bank, ParaphraseIndex]:
    bank = Bank(directory / "bank.sqlite")
    bank.add([make_entry(t, bank.hasher, where=f"e{i}", entry_id=f"e{i}") for i, t in enumerate(banked)])
    index = ParaphraseIndex(bank.path, encoder)
    index.sync(list(bank.store.passage_texts()))
    return bank, index


def exact_min_words(bbc: list[str], ag: list[str]) -> dict[str, object]:
    """Per sentence length, how many normalised sentences occur in two or more different texts."""
    docs_of: dict[str, set[int]] = defaultdict(set)
    for d, text in enumerate(bbc + ag):
        for sentence in sentences(text):
            key = " ".join(words_of(normalise(sentence)).words)
            if key:
                docs_of[key].add(d)
    shared_by_length: dict[int, int] = defaultdict(int)
    total_by_length: dict[int, int] = defaultdict(int)
    for key, docs in docs_of.items():
        n = len(key.split())
        total_by_length[n] += 1
        if len(docs) > 1:
            shared_by_length[n] += 1
    def share(n: int) -> float:
        return shared_by_length[n] / total_by_length[n] if total_by_length[n] else 0.0

    # Sentences of 15-20 words shared by two texts are copies (re-published articles, wire copy):
    # that share is the baseline. Shorter sentences shared MORE often than that are stock phrases.
    baseline = sum(shared_by_length[n] for n in range(15, 21)) / max(1, sum(total_by_length[n] for n in range(15, 21)))
    first_at_baseline = next(
        n for n in range(1, 21) if all(share(m) <= STOCK_PHRASE_FACTOR * baseline for m in range(n, 21))
    )
    return {
        "shared_sentences_by_length": {str(n): [shared_by_length[n], total_by_length[n]] for n in range(1, 21)},
        "copy_baseline_share_15_20_words": round(baseline, 4),
        "shortest_length_at_baseline": first_at_baseline,
        "chosen": max(8, first_at_baseline),
    }


def rate(values: Sequence[float], predicate) -> float:  # type: ignore[no-untyped-def]
    return float(np.mean([bool(predicate(v)) for v in values])) if values else 0.0


def choose(raw: dict[str, dict[str, list[float]]]) -> dict[str, float]:
    unrelated = raw["unrelated"]
    near = next((t for t in np.round(np.arange(0.3, 1.0001, 0.05), 2)
                 if rate(unrelated["minhash"], lambda v, t=t: v >= t) == 0.0), 1.0)
    tlsh_t = max(t for t in range(301) if rate(unrelated["tlsh"], lambda v, t=t: v <= t) <= FALSE_MATCH_TARGET)
    cos_t = next((t for t in np.round(np.arange(0.8, 1.0001, 0.005), 3)
                  if rate(unrelated["cosine"], lambda v, t=t: v >= t) <= FALSE_MATCH_TARGET), 1.0)
    return {"near_duplicate": float(near), "tlsh": int(tlsh_t), "semantic": float(cos_t)}


def summarise_raw(raw: dict[str, dict[str, list[float]]], chosen: dict[str, float]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, kinds in raw.items():
        row: dict[str, object] = {}
        for kind, values in kinds.items():
            v = np.asarray(values, dtype=float)
            if kind == "tlsh":
                row[kind] = {"median_distance": float(np.median(v)),
                             "share_within_threshold": rate(values, lambda x: x <= chosen["tlsh"])}
            else:
                threshold = chosen["near_duplicate"] if kind == "minhash" else chosen["semantic"]
                row[kind] = {"median": round(float(np.median(v)), 4), "p99": round(float(np.quantile(v, 0.99)), 4),
                             "share_at_or_above_threshold": rate(values, lambda x, t=threshold: x >= t)}
        out[name] = row
    return out


def held_out(bank: Bank, index: ParaphraseIndex, queries: dict[str, list[str]], unrelated: list[str],
             chosen: dict[str, float], exact_words: int) -> dict[str, object]:
    detector = BanksDetector(bank, threshold=chosen["near_duplicate"], exact_min_words=exact_words,
                             tlsh_threshold=int(chosen["tlsh"]), paraphrases=index,
                             semantic_threshold=chosen["semantic"])
    without = BanksDetector(bank, threshold=chosen["near_duplicate"], exact_min_words=exact_words)
    out: dict[str, object] = {}
    for name, texts in queries.items():
        hits, kinds, minhash_only = 0, defaultdict(int), 0
        for i, text in enumerate(texts):
            signals = [s for s in detector.detect(PreparedDocument(Document(f"q{i}", text)))
                       if s.score > 0 and s.evidence["entry_id"] == f"e{i}"]
            if signals:
                hits += 1
                for kind in {s.evidence["match"] for s in signals}:
                    kinds[kind] += 1
            if any(s.evidence["entry_id"] == f"e{i}" for s in without.detect(PreparedDocument(Document(f"q{i}", text)))):
                minhash_only += 1
        out[name] = {"n": len(texts), "recall": round(hits / len(texts), 4),
                     "recall_without_paraphrase_stage": round(minhash_only / len(texts), 4),
                     "documents_with_signal_kind": dict(kinds)}
    false = 0
    kinds = defaultdict(int)
    for i, text in enumerate(unrelated):
        signals = [s for s in detector.detect(PreparedDocument(Document(f"u{i}", text))) if s.score > 0]
        if signals:
            false += 1
            for kind in {s.evidence["match"] for s in signals}:
                kinds[kind] += 1
    out["unrelated"] = {"n": len(unrelated), "false_match_rate": round(false / len(unrelated), 4),
                        "false_matches": false, "by_kind": dict(kinds)}
    return out


def tlsh_pairwise(bbc: list[str], ag: list[str], seed: int) -> dict[str, object]:
    """TLSH per PAIR: a TLSH list is scanned linearly, so the false-match rate of a query grows
    with the list size as 1 - (1 - p)^n for a per-pair rate p. The threshold is the largest
    distance with no unrelated PAIR within it on the calibration half; the held-out half gives
    the per-pair false rate and recall at that threshold."""
    import tlsh

    def distances(half: int) -> tuple[dict[str, list[int]], list[int]]:
        banked, queries, unrelated = build_split(bbc, ag, half, seed)
        digests = [digest_of(t) for t in banked]
        positives = {
            name: [tlsh.diffxlen(digest_of(t), digests[i]) if digest_of(t) and digests[i] else 10**6
                   for i, t in enumerate(texts)]
            for name, texts in queries.items()
        }
        pairs = [tlsh.diffxlen(q, d) for q in (digest_of(t) for t in unrelated) if q for d in digests if d]
        return positives, pairs

    _, calibration_pairs = distances(0)
    threshold = min(calibration_pairs) - 1
    positives, pairs = distances(1)
    rate_per_pair = float(np.mean(np.asarray(pairs) <= threshold))
    return {
        "threshold": int(threshold),
        "calibration_unrelated_pairs": len(calibration_pairs),
        "calibration_min_unrelated_pair_distance": int(min(calibration_pairs)),
        "held_out_unrelated_pairs": len(pairs),
        "held_out_false_pair_rate": rate_per_pair,
        "held_out_recall": {k: round(float(np.mean(np.asarray(v) <= threshold)), 4) for k, v in positives.items()},
        "held_out_median_distance": {k: float(np.median(v)) for k, v in positives.items()},
        "pytx_default_30_held_out_recall": {k: round(float(np.mean(np.asarray(v) <= 30)), 4)
                                            for k, v in positives.items()},
    }


def near_duplicate_curve(bbc: list[str], ag: list[str], seed: int) -> dict[str, object]:
    """Held-out recall of the MinHash stage alone (exact + near-duplicate) at several thresholds,
    and the unrelated false-match rate, to show what each threshold costs."""
    banked, queries, unrelated = build_split(bbc, ag, 1, seed)
    with tempfile.TemporaryDirectory() as tmp:
        bank = Bank(Path(tmp) / "curve.sqlite")
        bank.add([make_entry(t, bank.hasher, where=f"e{i}", entry_id=f"e{i}") for i, t in enumerate(banked)])
        detector = BanksDetector(bank, threshold=0.05)

        def best(text: str, entry: str | None) -> float:
            hits = detector._minhash_hits(split_passages(normalise(text), None))
            return max((h.similarity for h in hits if entry is None or h.entry_id == entry), default=0.0)

        sims = {name: [best(t, f"e{i}") for i, t in enumerate(texts)] for name, texts in queries.items()}
        sims["unrelated"] = [best(t, None) for t in unrelated]
    grid = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
    return {name: {str(t): round(rate(v, lambda x, t=t: x >= t), 4) for t in grid} for name, v in sims.items()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--shared", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "reports" / "bank_calibration.json")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "tvec_bank_calibration_vectors.npz",
                        help="embedding cache between runs (vectors only)")
    parser.add_argument("--patch", action="store_true",
                        help="recompute only the cheap parts (exact, TLSH per pair) into an existing --out")
    parser.add_argument("--quick", action="store_true", help="a smoke run on a few articles (numbers meaningless)")
    args = parser.parse_args(argv)
    if args.quick:
        global BANKED, UNRELATED_BBC, UNRELATED_AG
        BANKED, UNRELATED_BBC, UNRELATED_AG = 10, 12, 12
    started = time.time()
    bbc, ag = read_articles(args.shared)
    if args.patch:
        record = json.loads(args.out.read_text(encoding="utf-8"))
        record["exact"] = exact_min_words(bbc, ag)
        record["chosen"]["exact_min_words"] = record["exact"]["chosen"]
        record["tlsh_pairwise"] = tlsh_pairwise(bbc, ag, args.seed)
        record["chosen"]["tlsh"] = record["tlsh_pairwise"]["threshold"]
        record["near_duplicate_curve_held_out"] = near_duplicate_curve(bbc, ag, args.seed)
        for section in ("calibration", "held_out_raw"):  # per-query TLSH shares of an older rule
            for kinds in record.get(section, {}).values():
                kinds.pop("tlsh", None)
        args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({k: record[k] for k in ("chosen", "exact", "tlsh_pairwise")}, indent=2))
        return
    encoder = CachedEncoder(args.cache)
    record: dict[str, object] = {
        "data": {"bbc_articles_unique": len(bbc), "ag_descriptions": len(ag), "banked_per_split": BANKED,
                 "unrelated_per_split": UNRELATED_BBC + UNRELATED_AG, "prefix_words": PREFIX_WORDS,
                 "false_match_target": FALSE_MATCH_TARGET, "seed": args.seed},
        "encoder": encoder.name,
    }
    exact = exact_min_words(bbc, ag)
    record["exact"] = exact
    record["tlsh_pairwise"] = tlsh_pairwise(bbc, ag, args.seed)
    record["near_duplicate_curve_held_out"] = near_duplicate_curve(bbc, ag, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        banked, queries, unrelated = build_split(bbc, ag, 0, args.seed)
        bank, index = make_bank(Path(tmp) / "calibration", banked, encoder)
        raw = raw_similarities(bank, banked, queries, unrelated, index)
        encoder.save()
        chosen = {**choose(raw), "tlsh": record["tlsh_pairwise"]["threshold"]}
        record["calibration_max_unrelated"] = {k: (min(v) if k == "tlsh" else max(v)) for k, v in raw["unrelated"].items()}
        record["chosen"] = {**chosen, "exact_min_words": exact["chosen"]}
        record["calibration"] = summarise_raw(raw, chosen)
        print(json.dumps(record["chosen"]), flush=True)
        banked, queries, unrelated = build_split(bbc, ag, 1, args.seed)
        bank, index = make_bank(Path(tmp) / "held_out", banked, encoder)
        record["held_out_raw"] = summarise_raw(raw_similarities(bank, banked, queries, unrelated, index), chosen)
        encoder.save()
        record["held_out"] = held_out(bank, index, queries, unrelated, chosen, int(exact["chosen"]))
        encoder.save()
    record["seconds"] = round(time.time() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(record["held_out"], indent=2))


if __name__ == "__main__":
    main()
