"""Benchmark: tvec banks against datasketch, rensa and python-threatexchange, in one run, same data.

    .venv/bin/python bench/bench_banks.py                      # the full run: 10M tvec, 1M peers
    .venv/bin/python bench/bench_banks.py --passages 200000 --peer-passages 100000 --queries 4000

Data (bench/bank_corpus.py): passages of 80-120 words recombined from real news text read at run
time from ../shared/data/news-neutral; half the queries are edited copies of bank passages (~10%
of words substituted, inserted, deleted or given a homoglyph), half are built from held-out
articles. Every system gets the same query TEXT and must shingle and hash it within the timed
lookup; all use word 2-shingles, 128 permutations, 32 bands x 4 rows and the same similarity
threshold, chosen first by a calibration on separate held-out edited/unrelated pairs.

Each system runs in its own process, one after another (the peers need several GB each), so the
memory figures are that process's resident-memory growth and nothing leaks from one to the next:

- tvec: built into on-disk segments (signing + indexing timed), compacted, then opened by a fresh
  process that maps the index, touches every array a lookup reads (so memory = everything
  resident, not a lucky subset) and runs the queries one call each (p50/p99 per call) and in one
  batch; two such processes at once give the 2-process figure;
- tvec through the detector: a bank file of real entries (normalise, split into passages, sign,
  SQLite) and the full BanksDetector on the query texts, which folds the homoglyphs back;
- datasketch MinHashLSH and rensa RMinHashLSH at --peer-passages (1M);
- python-threatexchange raw text (Levenshtein linear scan) and text TLSH (linear scan), at growing
  sizes from 1k while a size's run fits the time limit (--pytx-seconds).

Writes bench/results/banks.json and prints it as the last line. Timings are from a 2-core machine
shared with other work: they are noisy.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bank_corpus import CHUNK, EDIT_FRACTION, Corpus

from tvec.banks.lsh import DEFAULT_BANDS, DEFAULT_ROWS

ROOT = Path(__file__).resolve().parents[1]
NUM_PERM = 128
BANDS, ROWS = DEFAULT_BANDS, DEFAULT_ROWS  # tvec's layout: 32 disjoint + 16 mixed bands of 4 values
RENSA_BANDS = 32  # rensa needs num_perm divisible by num_bands: 32 disjoint bands of 4, like tvec's first 32
K = 2
PEER_SEED = 1


# -- measurement helpers --------------------------------------------------------------------------


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def available_bytes() -> int:
    with open("/proc/meminfo", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def latency_stats(latencies: Sequence[float], wall: float) -> dict[str, float]:
    ordered = np.sort(np.asarray(latencies))
    return {
        "lookups_per_s": round(len(ordered) / wall, 1),
        "p50_ms": round(1000 * float(np.percentile(ordered, 50)), 4),
        "p99_ms": round(1000 * float(np.percentile(ordered, 99)), 4),
        "max_ms": round(1000 * float(ordered[-1]), 4),
    }


def run_queries(lookup: Callable[[str], set[str]], queries: list[dict[str, Any]]) -> dict[str, Any]:
    """One call per query, timed; recall on edited copies, false matches on unrelated text."""
    latencies = []
    found = false = 0
    gc.collect()
    gc.disable()
    load = os.getloadavg()[0]
    cpu_start = time.process_time()
    start = time.perf_counter()
    for query in queries:
        t0 = time.perf_counter()
        matched = lookup(query["text"])
        latencies.append(time.perf_counter() - t0)
        if query["target"] is None:
            false += bool(matched)
        else:
            found += query["target"] in matched
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    gc.enable()
    edited = sum(1 for q in queries if q["target"] is not None)
    unrelated = len(queries) - edited
    return {
        **latency_stats(latencies, wall),
        # the machine is shared: CPU time of this process is the figure other jobs disturb least
        "cpu_lookups_per_s": round(len(queries) / max(cpu, 1e-9), 1),
        "load_average_at_start": round(load, 2),
        "queries": len(queries),
        "recall": round(found / max(1, edited), 4),
        "false_matches": false,
        "false_match_rate": round(false / max(1, unrelated), 5),
    }


def shingles(text: str) -> list[str]:
    """Word 2-shingles, as tvec makes them (a passage of one word is one shingle)."""
    words = text.split()
    return [" ".join(words[i : i + K]) for i in range(max(1, len(words) - K + 1))]


def write_queries(corpus: Corpus, bank_size: int, count: int, path: Path, keys_of: dict[int, str]) -> None:
    targets = corpus.targets(bank_size, count // 2)
    rows = [{"text": corpus.edit(keys_of[int(t)], int(t)), "target": str(int(t))} for t in targets.tolist()]
    rows += [{"text": text, "target": None} for text in corpus.unrelated(count - len(rows))]
    order = np.random.default_rng([corpus.seed, 9, bank_size]).permutation(len(rows))
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(rows[i]) + "\n" for i in order.tolist())


def read_queries(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# -- workers (each runs in its own process) ---------------------------------------------------------


def worker_tvec_build(args: argparse.Namespace) -> dict[str, Any]:
    """Sign and index ``n`` passages into on-disk segments, compact; write the query file."""
    from tvec.banks.index import BankIndex
    from tvec.banks.segments import SegmentColumns

    corpus = Corpus()
    targets = set(corpus.targets(args.n, args.queries // 2).tolist())
    keys_of: dict[int, str] = {}
    index = BankIndex(NUM_PERM, BANDS, ROWS)
    index.directory = Path(args.index_dir)
    index.directory.mkdir(parents=True, exist_ok=True)
    generate_s = sign_s = index_s = 0.0
    pending: list[str] = []
    first_pending = 0
    zeros32 = np.zeros((args.segment, 32), dtype=np.uint8)

    def flush() -> None:
        nonlocal sign_s, index_s, pending, first_pending
        n = len(pending)
        t0 = time.perf_counter()
        signatures = index.hasher.signatures_of_keys(pending)
        t1 = time.perf_counter()
        ids = [str(first_pending + i) for i in range(n)]
        index.add_columns(
            SegmentColumns(
                entry_ids=ids, labels=["proscribed_support"] * n, organisations=[None] * n, sources=[""] * n,
                doc_sha=zeros32[:n], entry_first=np.arange(n + 1), signatures=signatures,
                passage_sha=zeros32[:n], n_words=np.fromiter((k.count(" ") + 1 for k in pending), np.int32, n),
                passage_idx=np.zeros(n, np.int32), start=np.full(n, -1), end=np.full(n, -1),
            ),
            merge=False,
        )
        index_s += time.perf_counter() - t1
        sign_s += t1 - t0
        first_pending += n
        pending = []

    t_gen = time.perf_counter()
    for first, keys in corpus.bank(args.n):
        generate_s += time.perf_counter() - t_gen
        for i in range(first, first + len(keys)):
            if i in targets:
                keys_of[i] = keys[i - first]
        pending.extend(keys)
        if len(pending) >= args.segment:
            flush()
        t_gen = time.perf_counter()
    if pending:
        flush()
    segments_before = len(index.segments)
    t0 = time.perf_counter()
    index.compact()
    compact_s = time.perf_counter() - t0
    index.sync(None)
    status = index.index_status()
    write_queries(corpus, args.n, args.queries, Path(args.queries_out), keys_of)
    return {
        "passages": len(index),
        "generate_corpus_s": round(generate_s, 1),
        "sign_s": round(sign_s, 1),
        "index_s": round(index_s, 1),
        "compact_s": round(compact_s, 1),
        "segments_before_compaction": segments_before,
        "build_s": round(sign_s + index_s + compact_s, 1),
        "build_passages_per_s": round(len(index) / (sign_s + index_s + compact_s), 1),
        "disk_bytes": status["disk_bytes"],
        "disk_gb": round(status["disk_bytes"] / 1e9, 3),
        "build_peak_rss_gb": round(peak_rss_bytes() / 1e9, 3),
    }


def worker_tvec_query(args: argparse.Namespace) -> dict[str, Any]:
    """Open the index from disk, make everything a lookup reads resident, run the queries."""
    from tvec.banks.index import BankIndex
    from tvec.banks.minhash import MinHasher

    queries = read_queries(Path(args.queries_file))
    gc.collect()
    before = rss_bytes()
    t0 = time.perf_counter()
    index = BankIndex.load(Path(args.index_dir), MinHasher(), BANDS, ROWS)
    open_s = time.perf_counter() - t0
    hot = 0
    for segment in index.segments:  # page in every array a lookup touches
        for name in ("sig16", "band_hash", "band_row", "band_dir"):
            array = segment.arrays[name]
            hot += array.nbytes
            flat = np.asarray(array).reshape(-1).view(np.uint8)
            for lo in range(0, len(flat), 1 << 26):
                int(flat[lo : lo + (1 << 26) : 4096].sum())
    memory = rss_bytes() - before
    threshold = args.threshold
    if args.start_at:  # the 2-process run: start together
        while time.time() < args.start_at:
            time.sleep(0.001)
    results = []
    for _ in range(args.repeat):
        results.append(run_queries(lambda text: {m[0] for m in index.lookup_key(text, threshold)}, queries))
    finished = time.time()
    best = results[-1]
    keys = [q["text"] for q in queries]
    t0 = time.perf_counter()
    index.lookup_keys(keys, threshold)
    batched = len(keys) / (time.perf_counter() - t0)
    return {
        **best,
        "runs": [r["lookups_per_s"] for r in results],
        "batched_lookups_per_s": round(batched, 1),
        "open_s": round(open_s, 3),
        "memory_bytes": memory,
        "memory_gb": round(memory / 1e9, 3),
        "hot_array_bytes": hot,
        "started": args.start_at,
        "finished": finished,
        "total_queries": len(queries) * args.repeat,
        "status": {k: v for k, v in index.index_status().items() if k != "segments"},
    }


def worker_datasketch(args: argparse.Namespace) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    corpus = Corpus()
    queries = read_queries(Path(args.queries_file))
    gc.collect()
    before = rss_bytes()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=NUM_PERM)  # datasketch's own (bands, rows)
    digests = np.empty((args.n, NUM_PERM), dtype=np.uint64)
    build_s = 0.0
    for first, keys in corpus.bank(args.n):
        t0 = time.perf_counter()
        sketches = MinHash.bulk([[s.encode("utf-8") for s in shingles(k)] for k in keys], num_perm=NUM_PERM,
                                seed=PEER_SEED)
        with lsh.insertion_session(buffer_size=CHUNK) as session:
            for i, m in enumerate(sketches):
                session.insert(first + i, m, check_duplication=False)
                digests[first + i] = m.hashvalues
        build_s += time.perf_counter() - t0
        del sketches
    gc.collect()
    memory = rss_bytes() - before

    def lookup(text: str) -> set[str]:
        m = MinHash(num_perm=NUM_PERM, seed=PEER_SEED)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        found = lsh.query(m)
        if not found:
            return set()
        keys = np.fromiter(found, dtype=np.int64, count=len(found))
        similarity = np.mean(digests[keys] == m.hashvalues, axis=1)
        return {str(k) for k in keys[similarity >= args.threshold].tolist()}

    return {
        "passages": args.n, "build_s": round(build_s, 1), "memory_bytes": memory,
        "memory_gb": round(memory / 1e9, 3), "peak_rss_gb": round(peak_rss_bytes() / 1e9, 3),
        "lsh": f"{lsh.b} bands x {lsh.r} rows (datasketch's choice for the threshold)",
        "verification": "estimated Jaccard on the hash values kept in one numpy array",
        **run_queries(lookup, queries),
    }


def worker_rensa(args: argparse.Namespace) -> dict[str, Any]:
    from rensa import RMinHash, RMinHashLSH

    corpus = Corpus()
    queries = read_queries(Path(args.queries_file))
    gc.collect()
    before = rss_bytes()
    lsh = RMinHashLSH(threshold=args.threshold, num_perm=NUM_PERM, num_bands=RENSA_BANDS)
    sketches: list[Any] = []
    build_s = 0.0
    for first, keys in corpus.bank(args.n):
        t0 = time.perf_counter()
        chunk = RMinHash.from_token_sets([shingles(k) for k in keys], NUM_PERM, PEER_SEED)
        lsh.insert_many(chunk, start_key=first)
        sketches.extend(chunk)
        build_s += time.perf_counter() - t0
    gc.collect()
    memory = rss_bytes() - before

    def lookup(text: str) -> set[str]:
        m = RMinHash(NUM_PERM, PEER_SEED)
        m.update(shingles(text))
        return {str(k) for k in lsh.query(m) if m.jaccard(sketches[k]) >= args.threshold}

    return {
        "passages": args.n, "build_s": round(build_s, 1), "memory_bytes": memory,
        "memory_gb": round(memory / 1e9, 3), "peak_rss_gb": round(peak_rss_bytes() / 1e9, 3),
        "lsh": f"{RENSA_BANDS} bands x {NUM_PERM // RENSA_BANDS} rows", **run_queries(lookup, queries),
    }


def worker_pytx(args: argparse.Namespace) -> dict[str, Any]:
    """python-threatexchange's own matchers: raw text (Levenshtein, linear) and text TLSH (linear),
    each at 1k, 10k, ... while the projected time of the next size fits --pytx-seconds."""
    from threatexchange.extensions.tlsh.text_tlsh import TextTLSHSignal
    from threatexchange.signal_type.raw_text import RawTextSignal

    corpus = Corpus()
    out: dict[str, Any] = {}
    errors: list[str] = []
    for name, signal in (("raw_text", RawTextSignal), ("text_tlsh", TextTLSHSignal)):
        runs = []
        size = 1000
        while size <= args.n:
            queries_path = Path(args.work) / f"pytx-{size}.jsonl"
            keys_of: dict[int, str] = {}
            targets = set(corpus.targets(size, args.pytx_queries // 2).tolist())
            bank_keys: list[str] = []
            for first, keys in corpus.bank(size):
                bank_keys.extend(keys)
                keys_of.update({i: keys[i - first] for i in range(first, first + len(keys)) if i in targets})
            write_queries(corpus, size, args.pytx_queries, queries_path, keys_of)
            queries = read_queries(queries_path)
            t0 = time.perf_counter()
            if signal is TextTLSHSignal:
                # pytx has no index for text TLSH (get_index_cls() is None): a linear scan with its
                # own comparison, as its matcher does for other hash types
                index = [(h, str(i)) for i, k in enumerate(bank_keys) if (h := signal.hash_from_str(k))]

                def lookup(text: str, index: Any = index) -> set[str]:
                    digest = TextTLSHSignal.hash_from_str(text)
                    if not digest:
                        return set()
                    return {i for h, i in index if TextTLSHSignal.compare_hash(h, digest).match}
            else:
                index = signal.get_index_cls().build([(k, str(i)) for i, k in enumerate(bank_keys)])

                def lookup(text: str, index: Any = index) -> set[str]:
                    try:
                        return {m.metadata for m in index.query(text)}
                    except UnicodeEncodeError:  # weighted_levenshtein takes ASCII only
                        errors.append(text)
                        return set()
            build_s = time.perf_counter() - t0
            started = time.perf_counter()
            result = run_queries(lookup, queries)
            query_s = time.perf_counter() - started
            runs.append({"passages": size, "build_s": round(build_s, 2), **result,
                         "queries_failed_non_ascii": len(errors)})
            errors.clear()
            del index, bank_keys
            gc.collect()
            if (build_s + query_s) * 10 > args.pytx_seconds:  # the next size would not fit
                break
            size *= 10
        out[name] = {"runs": runs, "largest": runs[-1]}
    return out


def worker_detector(args: argparse.Namespace) -> dict[str, Any]:
    """The product path: a bank file of real entries and the full BanksDetector on query text."""
    from tvec.banks.bank import Bank
    from tvec.banks.entries import make_entry
    from tvec.detectors.banks import BanksDetector
    from tvec.detectors.base import PreparedDocument
    from tvec.types import Document

    corpus = Corpus()
    work = Path(args.work)
    bank = Bank(work / "detector-bank.sqlite")
    targets = set(corpus.targets(args.n, args.queries // 2).tolist())
    keys_of: dict[int, str] = {}
    build_s = 0.0
    for first, keys in corpus.bank(args.n):
        keys_of.update({i: keys[i - first] for i in range(first, first + len(keys)) if i in targets})
        t0 = time.perf_counter()
        for lo in range(0, len(keys), 10_000):
            bank.add([make_entry(k, bank.hasher, where="bench", entry_id=str(first + lo + i))
                      for i, k in enumerate(keys[lo : lo + 10_000])])
        build_s += time.perf_counter() - t0
    queries_path = work / "detector-queries.jsonl"
    write_queries(corpus, args.n, args.queries, queries_path, keys_of)
    queries = read_queries(queries_path)
    reopened_t0 = time.perf_counter()
    bank = Bank(work / "detector-bank.sqlite")  # as a service starts: the index comes from disk
    open_s = time.perf_counter() - reopened_t0
    detector = BanksDetector(bank, threshold=args.threshold)

    def lookup(text: str) -> set[str]:
        return {str(s.evidence["entry_id"]) for s in detector.detect(PreparedDocument(Document("q", text)))}

    return {
        "entries": args.n, "passages": len(bank.index), "build_s": round(build_s, 1),
        "build_entries_per_s": round(args.n / build_s, 1), "reopen_s": round(open_s, 3),
        "index_status": {k: v for k, v in bank.index.index_status().items() if k != "segments"},
        **run_queries(lookup, queries),
    }


def calibrate(args: argparse.Namespace) -> dict[str, Any]:
    """Pick the threshold on pairs that are not in the evaluation: edited copies of passages from a
    separate stream, and held-out passages (another stream) against a bank of calibration size."""
    from tvec.banks.index import BankIndex
    from tvec.banks.segments import SegmentColumns

    corpus = Corpus()
    keys = corpus._passages(corpus.bank_flat, 7, 0, args.calibration)
    index = BankIndex(NUM_PERM, BANDS, ROWS)
    n = len(keys)
    signatures = index.hasher.signatures_of_keys(keys)
    zeros = np.zeros((n, 32), np.uint8)
    index.add_columns(SegmentColumns(
        entry_ids=[str(i) for i in range(n)], labels=["x"] * n, organisations=[None] * n, sources=[""] * n,
        doc_sha=zeros, entry_first=np.arange(n + 1), signatures=signatures, passage_sha=zeros,
        n_words=np.full(n, 100, np.int32), passage_idx=np.zeros(n, np.int32), start=np.full(n, -1),
        end=np.full(n, -1)))
    pairs = 4000
    edited = index.hasher.signatures_of_keys([corpus.edit(keys[i], 10**9 + i) for i in range(pairs)])
    edited_j = np.mean(edited == signatures[:pairs], axis=1)
    unrelated = corpus.unrelated(pairs, stream=8)
    best = [max((m[2] for m in found), default=0.0) for found in index.lookup_keys(unrelated, 0.01)]
    unrelated_best = np.asarray(best)
    low_edit = float(np.quantile(edited_j, 0.001))
    high_unrelated = float(unrelated_best.max())
    # 0.1 below the edited 0.1% quantile (an estimate from 128 values has a standard deviation of
    # ~0.04), rounded down to 0.05; it must stay 0.1 above anything unrelated text reached
    threshold = round(float(np.floor((low_edit - 0.1) * 20) / 20), 2)
    if threshold < high_unrelated + 0.1:
        raise SystemExit(f"calibration: edited and unrelated similarities overlap ({low_edit} vs {high_unrelated})")
    return {
        "pairs": pairs,
        "bank_passages": n,
        "edited_similarity_quantiles": {q: round(float(np.quantile(edited_j, float(q))), 4)
                                        for q in ("0.001", "0.01", "0.05", "0.5")},
        "edited_similarity_min": round(float(edited_j.min()), 4),
        "unrelated_best_candidate_similarity_max": round(high_unrelated, 4),
        "unrelated_best_candidate_similarity_p99": round(float(np.quantile(unrelated_best, 0.99)), 4),
        "rule": "edited 0.1% quantile minus 0.1, rounded down to 0.05; must be >= unrelated maximum + 0.1",
        "threshold": threshold,
        "retrieval_probability_at_edited_0.1pct": round(1 - (1 - low_edit**ROWS) ** BANDS, 5),
    }


# -- orchestration ----------------------------------------------------------------------------------


def spawn(kind: str, args: argparse.Namespace, **extra: Any) -> subprocess.Popen[str]:
    argv = [sys.executable, __file__, "--worker", kind, "--work", args.work, "--threshold", str(args.threshold)]
    for key, value in extra.items():
        argv += [f"--{key.replace('_', '-')}", str(value)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)


def collect(process: subprocess.Popen[str], what: str) -> dict[str, Any]:
    stdout, _ = process.communicate()
    if process.returncode != 0:
        return {"error": f"{what} exited with {process.returncode}"}
    return json.loads(stdout.strip().splitlines()[-1])


def run(kind: str, args: argparse.Namespace, **extra: Any) -> dict[str, Any]:
    log(f"{kind} {extra}")
    started = time.perf_counter()
    result = collect(spawn(kind, args, **extra), kind)
    log(f"{kind} done in {time.perf_counter() - started:.0f}s: {json.dumps(result)[:400]}")
    return result


def log(message: str) -> None:
    print(f"[{datetime.now(UTC).strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def enough_memory(gb: float, what: str) -> dict[str, Any] | None:
    free = available_bytes() / 1e9
    if free < gb:
        log(f"skipping {what}: {free:.1f} GB available, it needs ~{gb} GB")
        return {"skipped": f"{free:.1f} GB of memory available on the shared machine, it needs ~{gb} GB"}
    return None


def ratio(a: dict[str, Any], b: dict[str, Any], key: str = "lookups_per_s") -> float | None:
    if key in a and key in b and b[key]:
        return round(a[key] / b[key], 2)
    return None


def main_run(args: argparse.Namespace) -> dict[str, Any]:
    import datasketch
    import rensa

    from tvec.banks import minhash

    work = Path(args.work)
    log(f"work directory {work}")
    calibration = calibrate(args)
    args.threshold = calibration["threshold"] if args.threshold <= 0 else args.threshold
    log(f"calibration: {calibration}")

    peer_n = min(args.peer_passages, args.passages)
    tvec_peer = run("tvec-build", args, n=peer_n, index_dir=work / "index-peer", queries=args.queries,
                    queries_out=work / "queries-peer.jsonl", segment=args.segment)
    tvec_peer_query = run("tvec-query", args, index_dir=work / "index-peer", queries_file=work / "queries-peer.jsonl",
                          repeat=2)
    peers: dict[str, Any] = {}
    if not args.skip_peers:
        peers["datasketch"] = enough_memory(args.datasketch_gb, "datasketch") or run(
            "datasketch", args, n=peer_n, queries_file=work / "queries-peer.jsonl")
        peers["rensa"] = enough_memory(args.rensa_gb, "rensa") or run(
            "rensa", args, n=peer_n, queries_file=work / "queries-peer.jsonl")
        peers["python_threatexchange"] = run("pytx", args, n=peer_n, pytx_queries=args.pytx_queries,
                                             pytx_seconds=args.pytx_seconds)
    detector = run("detector", args, n=min(args.detector_entries, args.passages), queries=args.detector_queries)

    big: dict[str, Any] = {}
    if args.passages > peer_n:
        big["build"] = run("tvec-build", args, n=args.passages, index_dir=work / "index-big", queries=args.queries,
                           queries_out=work / "queries-big.jsonl", segment=args.segment)
        big["query"] = run("tvec-query", args, index_dir=work / "index-big", queries_file=work / "queries-big.jsonl",
                           repeat=2)
        index_dir, queries_file = work / "index-big", work / "queries-big.jsonl"
        shutil.rmtree(work / "index-peer", ignore_errors=True)
    else:
        big = {"build": tvec_peer, "query": tvec_peer_query}
        index_dir, queries_file = work / "index-peer", work / "queries-peer.jsonl"
    start_at = time.time() + 20  # both map the index, page it in, then start together
    pair = [spawn("tvec-query", args, index_dir=index_dir, queries_file=queries_file, repeat=3, start_at=start_at)
            for _ in range(2)]
    two = [collect(p, "tvec-query (2 processes)") for p in pair]
    if all("finished" in r for r in two):
        total = sum(r["total_queries"] for r in two)
        two_process = {"lookups_per_s": round(total / (max(r["finished"] for r in two) - start_at), 1),
                       "per_process": [r["lookups_per_s"] for r in two],
                       "cpu_lookups_per_s": round(sum(r["cpu_lookups_per_s"] for r in two), 1),
                       "load_average_at_start": two[0]["load_average_at_start"]}
    else:
        two_process = {"error": [r.get("error") for r in two]}
    log(f"2 processes: {two_process}")

    tvec_big = {**big["build"], **big["query"]}
    tvec_1m = {**tvec_peer, **tvec_peer_query}
    pytx = peers.get("python_threatexchange", {})
    pytx_best = {}
    for name in ("raw_text", "text_tlsh"):
        largest = pytx.get(name, {}).get("largest")
        if largest:
            pytx_best[name] = {"passages": largest["passages"], "lookups_per_s": largest["lookups_per_s"],
                               "recall": largest["recall"], "false_matches": largest["false_matches"],
                               "tvec_ratio": ratio(tvec_1m, largest)}
    result: dict[str, Any] = {
        "passages": tvec_big.get("passages"),
        "lookups_per_s": tvec_big.get("lookups_per_s"),
        "cpu_lookups_per_s": tvec_big.get("cpu_lookups_per_s"),
        "p50_ms": tvec_big.get("p50_ms"),
        "p99_ms": tvec_big.get("p99_ms"),
        "memory_gb": tvec_big.get("memory_gb"),
        "recall": tvec_big.get("recall"),
        "false_matches": tvec_big.get("false_matches"),
        "build_s": tvec_big.get("build_s"),
        "disk_gb": tvec_big.get("disk_gb"),
        "lookups_per_s_2_processes": two_process.get("lookups_per_s"),
        "batched_lookups_per_s": tvec_big.get("batched_lookups_per_s"),
        "detector_lookups_per_s": detector.get("lookups_per_s"),
        "ratio_vs_datasketch": ratio(tvec_1m, peers.get("datasketch", {})),
        "ratio_vs_rensa": ratio(tvec_1m, peers.get("rensa", {})),
        "cpu_ratio_vs_datasketch": ratio(tvec_1m, peers.get("datasketch", {}), "cpu_lookups_per_s"),
        "cpu_ratio_vs_rensa": ratio(tvec_1m, peers.get("rensa", {}), "cpu_lookups_per_s"),
        "ratio_vs_pytx": {name: v["tvec_ratio"] for name, v in pytx_best.items()},
        "benchmark": "banks",
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "command": "python bench/bench_banks.py " + " ".join(sys.argv[1:]),
        "machine": {
            "platform": platform.platform(), "python": platform.python_version(), "cpu_count": os.cpu_count(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9, 1),
            "numpy": np.__version__, "datasketch": getattr(datasketch, "__version__", "?"),
            "rensa": getattr(rensa, "__version__", "0.5"), "kernel": "compiled" if minhash.KERNEL_AVAILABLE else "numpy",
            "note": "2 cores shared with other jobs during the run: timings are noisy",
        },
        "data": {
            "source": Corpus().source, "passage_words": "80-120", "edit_fraction": EDIT_FRACTION,
            "edits": "50% substitution, 20% insertion, 20% deletion, 10% homoglyph",
            "queries": args.queries, "shingles": f"word {K}-shingles", "num_perm": NUM_PERM,
            "lsh": f"tvec {BANDS} bands x {ROWS} rows (32 disjoint + 16 mixed), rensa {RENSA_BANDS} x "
                   f"{NUM_PERM // RENSA_BANDS}, datasketch its own choice", "threshold": args.threshold,
        },
        "calibration": calibration,
        "tvec": {"at_largest": tvec_big, "at_peer_size": tvec_1m, "two_processes": two_process,
                 "detector_path": detector},
        "peers": peers,
        "pytx_largest": pytx_best,
    }
    return result


WORKERS = {
    "tvec-build": worker_tvec_build,
    "tvec-query": worker_tvec_query,
    "datasketch": worker_datasketch,
    "rensa": worker_rensa,
    "pytx": worker_pytx,
    "detector": worker_detector,
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000_000, help="tvec's bank size (the headline)")
    parser.add_argument("--peer-passages", type=int, default=1_000_000, help="bank size of the comparison")
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--segment", type=int, default=1_000_000, help="passages per segment while building")
    parser.add_argument("--detector-entries", type=int, default=100_000)
    parser.add_argument("--detector-queries", type=int, default=4_000)
    parser.add_argument("--calibration", type=int, default=200_000)
    parser.add_argument("--pytx-queries", type=int, default=100)
    parser.add_argument("--pytx-seconds", type=float, default=600.0)
    parser.add_argument("--datasketch-gb", type=float, default=11.0, help="skip datasketch below this much free memory")
    parser.add_argument("--rensa-gb", type=float, default=7.0)
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--threshold", type=float, default=0.0, help="0: calibrate")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "banks.json")
    parser.add_argument("--work", default=None, help="scratch directory (default: a new temporary one)")
    # worker arguments
    parser.add_argument("--worker", choices=sorted(WORKERS))
    parser.add_argument("--n", type=int)
    parser.add_argument("--index-dir")
    parser.add_argument("--queries-out")
    parser.add_argument("--queries-file")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--start-at", type=float, default=0.0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse(argv)
    if args.worker:
        result = WORKERS[args.worker](args)
        print(json.dumps(result))
        return result
    with tempfile.TemporaryDirectory(prefix="tvec-bench-", dir=args.work) as work:
        args.work = work
        result = main_run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
