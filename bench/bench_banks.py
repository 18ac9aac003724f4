"""Benchmark: tvec banks (numpy MinHash + sorted-array LSH) against datasketch MinHashLSH.

One run, same data, same decision rule for both: 128 permutations, word 3-shingles, LSH at a 0.5
threshold, then a candidate counts only when its estimated Jaccard is >= 0.5.

Data: N bank passages of 60 words made of sentences drawn from ../shared/data/news-neutral (BBC
and AG News; a seeded synthetic vocabulary when that folder is absent). Queries: half are edited
copies of random bank passages (10% of words replaced), half are passages built from sentences
held out of the bank. Both libraries start from the same normalised word lists, so the timings
compare signing and indexing, not tokenisation; the tvec detector end to end (normalise, split,
sign, match) is timed separately.

    .venv/bin/python bench/bench_banks.py [--passages N] [--queries Q]

Writes bench/results/banks.json and prints it as the last line.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import random
import re
import hashlib
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from tvec.banks.bank import Bank
from tvec.banks.entries import BankEntry, PassageSignature
from tvec.banks.index import BankIndex
from tvec.banks.minhash import MinHasher
from tvec.banks.passages import words_of
from tvec.detectors.banks import BanksDetector
from tvec.detectors.base import PreparedDocument
from tvec.normalise import normalise
from tvec.types import Document

ROOT = Path(__file__).resolve().parents[1]
NEWS = Path(os.environ.get("TVEC_SHARED_DIR", ROOT.parent / "shared")) / "data" / "news-neutral"
PASSAGE_WORDS = 60
EDIT_FRACTION = 0.10
THRESHOLD = 0.5
NUM_PERM = 128
SEED = 20240601
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


# -- data ---------------------------------------------------------------------------------------


def news_sentences() -> list[str]:
    sentences: set[str] = set()
    texts: list[str] = []
    with open(NEWS / "bbc_news_train.csv", newline="", encoding="utf-8") as fh:
        texts.extend(row["Text"] for row in csv.DictReader(fh))
    with open(NEWS / "ag_news_csv" / "test.csv", newline="", encoding="utf-8") as fh:
        texts.extend(row[2] for row in csv.reader(fh) if len(row) == 3)
    for text in texts:
        for sentence in _SENTENCE.split(text):
            if 6 <= len(sentence.split()) <= 40:
                sentences.add(sentence.strip())
    return sorted(sentences)


def synthetic_sentences(rng: random.Random, count: int = 40_000) -> list[str]:
    vocabulary = [f"{a}{b}" for a in ("ka", "lo", "mi", "su", "te", "ra", "vo", "ne") for b in range(400)]
    return [" ".join(rng.choices(vocabulary, k=rng.randint(8, 25))) + "." for _ in range(count)]


def build_passages(pool: list[str], count: int, rng: random.Random) -> list[str]:
    """Passages of PASSAGE_WORDS words from consecutive sentences of a shuffled pool (reshuffled
    when used up, so a sentence may appear in several passages, in different company)."""
    order: list[str] = []
    out = []
    for _ in range(count):
        words: list[str] = []
        while len(words) < PASSAGE_WORDS:
            if not order:
                order = pool[:]
                rng.shuffle(order)
            words.extend(order.pop().split())
        out.append(" ".join(words[:PASSAGE_WORDS]))
    return out


def edit(words: list[str], vocabulary: list[str], rng: random.Random) -> list[str]:
    edited = list(words)
    for i in rng.sample(range(len(words)), round(len(words) * EDIT_FRACTION)):
        edited[i] = rng.choice(vocabulary)
    return edited


# -- measurement helpers ------------------------------------------------------------------------


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    gc.collect()
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start


def peak_memory(func: Callable[[], Any]) -> tuple[Any, int, int]:
    """(result, peak bytes while building, bytes still held after) via tracemalloc."""
    gc.collect()
    tracemalloc.start()
    result = func()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, peak, current


def latency_stats(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "queries_per_s": round(len(ordered) / sum(ordered), 1),
        "p50_ms": round(1000 * statistics.median(ordered), 4),
        "p99_ms": round(1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 4),
    }


# -- the two systems ----------------------------------------------------------------------------


def bench_entries(passages: list[list[str]], hasher: MinHasher) -> list[BankEntry]:
    signatures = hasher.signatures(passages)
    return [
        BankEntry(
            id=str(i), label="proscribed_support", organisation=None, source="", added_by="bench",
            added_at="2024-01-01T00:00:00+00:00", sha256=i.to_bytes(32, "little"),
            passages=(
                PassageSignature(
                    sha256=hashlib.sha256(" ".join(words).encode("utf-8")).digest(),
                    minhash=signatures[i],
                    n_words=len(words),
                ),
            ),
            scheme=hasher.scheme,
        )
        for i, words in enumerate(passages)
    ]


def tvec_build(passages: list[list[str]], hasher: MinHasher) -> BankIndex:
    """Sign every passage (shingle, hash, 128 permutations) and build the exact + LSH index."""
    index = BankIndex(hasher.num_perm)
    index.add_entries(bench_entries(passages, hasher))
    return index


def tvec_query(index: BankIndex, hasher: MinHasher, words: list[str]) -> set[str]:
    sha = hashlib.sha256(" ".join(words).encode("utf-8")).digest()
    matches = index.match(hasher.signatures([words]), [sha], [len(words)], THRESHOLD)
    return {m.entry_id for m in matches}


def shingles(words: list[str]) -> list[bytes]:
    return [" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)]


def datasketch_build(passages: list[list[str]]) -> tuple[Any, dict[str, Any]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    signatures = {}
    for i, words in enumerate(passages):
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch(shingles(words))
        lsh.insert(str(i), m)
        signatures[str(i)] = m
    return lsh, signatures


def datasketch_query(lsh: Any, signatures: dict[str, Any], words: list[str]) -> set[str]:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(shingles(words))
    return {key for key in lsh.query(m) if m.jaccard(signatures[key]) >= THRESHOLD}


# -- main ---------------------------------------------------------------------------------------


def run_queries(query: Callable[[list[str]], set[str]], queries: list[tuple[list[str], str | None]]) -> dict[str, Any]:
    latencies = []
    found = 0
    false = 0
    for words, expected in queries:
        start = time.perf_counter()
        matched = query(words)
        latencies.append(time.perf_counter() - start)
        if expected is None:
            false += bool(matched)
        else:
            found += expected in matched
    edited = sum(1 for _, e in queries if e is not None)
    unrelated = len(queries) - edited
    return {
        **latency_stats(latencies),
        "recall_edited": round(found / edited, 4),
        "false_match_rate_unrelated": round(false / unrelated, 4),
        "false_matches_unrelated": false,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "banks.json")
    args = parser.parse_args(argv)

    rng = random.Random(SEED)
    if (NEWS / "bbc_news_train.csv").is_file():
        sentences, source = news_sentences(), "news-neutral (BBC + AG News sentences)"
    else:
        sentences, source = synthetic_sentences(rng), "synthetic seeded vocabulary"
    rng.shuffle(sentences)
    held_out = len(sentences) // 10
    bank_texts = build_passages(sentences[held_out:], args.passages, rng)
    unrelated_texts = build_passages(sentences[:held_out], args.queries - args.queries // 2, rng)

    def tokens(text: str) -> list[str]:
        return list(words_of(normalise(text)).words)

    bank_words = [tokens(t) for t in bank_texts]
    vocabulary = sorted({w for words in bank_words[:2000] for w in words})
    queries: list[tuple[list[str], str | None]] = []
    for i in rng.sample(range(len(bank_words)), args.queries // 2):
        queries.append((edit(bank_words[i], vocabulary, rng), str(i)))
    queries.extend((tokens(t), None) for t in unrelated_texts)
    rng.shuffle(queries)

    hasher = MinHasher()
    index, tvec_build_s = timed(lambda: tvec_build(bank_words, hasher))
    _, tvec_peak, tvec_held = peak_memory(lambda: tvec_build(bank_words, hasher))
    tvec_results = run_queries(lambda w: tvec_query(index, hasher, w), queries)

    (ds_lsh, ds_sigs), ds_build_s = timed(lambda: datasketch_build(bank_words))
    _, ds_peak, ds_held = peak_memory(lambda: datasketch_build(bank_words))
    ds_results = run_queries(lambda w: datasketch_query(ds_lsh, ds_sigs, w), queries)

    # the detector end to end on the same queries as text: normalise, split, sign, match
    with tempfile.TemporaryDirectory() as tmp:
        in_memory = Bank(Path(tmp) / "never-written.sqlite")
        in_memory.index = index
        detector = BanksDetector(in_memory, threshold=THRESHOLD)
        texts = [" ".join(words) for words, _ in queries]
        start = time.perf_counter()
        for text in texts:
            detector.detect(PreparedDocument(Document("q", text)))
        detector_qps = len(texts) / (time.perf_counter() - start)

        # persistence: write the bank to SQLite in one transaction, then time a cold load
        stored = Bank(Path(tmp) / "bank.sqlite")
        _, store_s = timed(lambda: stored.add(bench_entries(bank_words, hasher)))
        loaded, load_s = timed(lambda: Bank(Path(tmp) / "bank.sqlite"))
        assert len(loaded) == len(bank_words)
        bank_file_mb = (Path(tmp) / "bank.sqlite").stat().st_size / 2**20

    tvec = {
        "build_s": round(tvec_build_s, 3),
        "build_passages_per_s": round(len(bank_words) / tvec_build_s, 1),
        **tvec_results,
        "peak_build_memory_mb": round(tvec_peak / 2**20, 2),
        "index_memory_mb": round(tvec_held / 2**20, 2),
        "detector_end_to_end_queries_per_s": round(detector_qps, 1),
        "sqlite_write_s": round(store_s, 3),
        "sqlite_load_and_index_s": round(load_s, 3),
        "sqlite_file_mb": round(bank_file_mb, 2),
        "lsh": "32 bands x 4 rows",
    }
    datasketch = {
        "build_s": round(ds_build_s, 3),
        "build_passages_per_s": round(len(bank_words) / ds_build_s, 1),
        **ds_results,
        "peak_build_memory_mb": round(ds_peak / 2**20, 2),
        "index_memory_mb": round(ds_held / 2**20, 2),
        "lsh": f"{ds_lsh.b} bands x {ds_lsh.r} rows (datasketch's choice for threshold {THRESHOLD})",
    }
    import datasketch as datasketch_module

    result = {
        "benchmark": "banks",
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "numpy": np.__version__,
            "datasketch": getattr(datasketch_module, "__version__", "unknown"),
        },
        "data": {
            "source": source,
            "bank_passages": len(bank_words),
            "passage_words": PASSAGE_WORDS,
            "queries": len(queries),
            "edited_queries": args.queries // 2,
            "unrelated_queries": len(queries) - args.queries // 2,
            "edit_fraction": EDIT_FRACTION,
            "num_perm": NUM_PERM,
            "shingle_words": 3,
            "threshold": THRESHOLD,
            "seed": SEED,
        },
        "tvec": tvec,
        "datasketch": datasketch,
        "ratio_vs_datasketch": {
            "build_speedup": round(ds_build_s / tvec_build_s, 2),
            "queries_per_s": round(tvec["queries_per_s"] / datasketch["queries_per_s"], 2),
            "p50_latency": round(tvec["p50_ms"] / datasketch["p50_ms"], 3),
            "p99_latency": round(tvec["p99_ms"] / datasketch["p99_ms"], 3),
            "peak_build_memory": round(tvec_peak / ds_peak, 3),
            "index_memory": round(tvec_held / ds_held, 3),
            "recall_edited_difference": round(tvec["recall_edited"] - datasketch["recall_edited"], 4),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
