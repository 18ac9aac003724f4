"""Benchmark: the scanning pipeline without a classifier, per core.

Corpus: ~1 KB posts cut at sentence boundaries from ../shared/data/news-neutral (BBC news; a
seeded synthetic vocabulary when that folder is absent), a few of them carrying a media-office
sign-off or a quoted paragraph of a banked item so that every stage does real work. The scanner
runs the shipped policy for UK and EU with the `organisations` and `banks` detectors, the bank
holding 2,000 items; everything runs in one process on one core.

    .venv/bin/python bench/bench_pipeline.py [--docs N]

Writes bench/results/pipeline.json and prints it as the last line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tvec.banks.bank import Bank
from tvec.banks.entries import make_entry
from tvec.detectors.base import PreparedDocument
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.types import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TVEC_SHARED_DIR", ROOT.parent / "shared"))
BBC = SHARED / "data" / "news-neutral" / "bbc_news_train.csv"
SEED = 7
POST_BYTES = 1000
SIGNOFF = "\n\nWritten for the Central Media Office of Hizb ut Tahrir"


def sentences(rng: random.Random) -> tuple[list[str], str]:
    if BBC.is_file():
        csv.field_size_limit(sys.maxsize)
        with BBC.open(newline="", encoding="utf-8") as fh:
            texts = [row["Text"] for row in csv.DictReader(fh)]
        out = [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s.split()) >= 5]
        return out, "news-neutral/bbc_news_train.csv"
    vocab = [f"w{i}" for i in range(5000)]
    return [" ".join(rng.choices(vocab, k=rng.randint(8, 25))) + "." for _ in range(50000)], "synthetic"


def posts(pool: list[str], n: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < POST_BYTES:
            parts.append(rng.choice(pool))
        out.append(" ".join(parts)[: POST_BYTES + 200])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--bank-items", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(SEED)
    pool, source = sentences(rng)
    rng.shuffle(pool)
    half = len(pool) // 2  # disjoint sentences: only the planted quotes may match the bank
    bank_texts = posts(pool[:half], args.bank_items, rng)
    corpus = posts(pool[half:], args.docs, rng)
    planted = 0
    for i in range(0, len(corpus), 50):  # 2% signed, 2% quoting a banked item
        corpus[i] += SIGNOFF
        planted += 1
        if i + 1 < len(corpus):
            corpus[i + 1] = corpus[i + 1][:400] + "\n\n" + bank_texts[i % len(bank_texts)]
            planted += 1
    documents = [Document(f"doc-{i}", text) for i, text in enumerate(corpus)]
    total_bytes = sum(len(d.text.encode()) for d in documents)

    with tempfile.TemporaryDirectory() as home:
        settings = TvecSettings(home=Path(home), detectors=["organisations", "banks"])
        bank = Bank(settings.resolved_bank_path)
        t0 = time.perf_counter()
        bank.add([make_entry(t, bank.hasher, where=f"bank-{i}", entry_id=f"bank-{i}") for i, t in enumerate(bank_texts)])
        bank_build_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        scanner = Scanner(settings)
        startup_s = time.perf_counter() - t0
        jurisdictions = ["UK", "EU"]
        scanner.scan(documents[0], jurisdictions)  # warm-up

        t0 = time.perf_counter()
        results = list(scanner.scan_many(documents, jurisdictions))
        scan_s = time.perf_counter() - t0
        flagged = sum(r.flagged for r in results)

        stage: dict[str, float] = {}
        t0 = time.perf_counter()
        prepared = [PreparedDocument(d) for d in documents]
        for p in prepared:
            p.normalised  # noqa: B018 - computes and caches the normalised text
        stage["normalise"] = time.perf_counter() - t0
        all_signals = [[] for _ in documents]
        for detector in scanner.detectors:
            t0 = time.perf_counter()
            for i, p in enumerate(prepared):
                all_signals[i].extend(detector.detect(p))
            stage[f"detector:{detector.name}"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d, signals in zip(documents, all_signals, strict=True):
            scanner.engine.decide(d, signals, jurisdictions)
        stage["policy"] = time.perf_counter() - t0

    n = len(documents)
    result = {
        "benchmark": "pipeline",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpu_count": os.cpu_count()},
        "data": {
            "source": source, "documents": n, "mean_bytes": round(total_bytes / n), "bank_items": args.bank_items,
            "jurisdictions": jurisdictions, "detectors": [d.name for d in scanner.detectors], "seed": SEED,
        },
        "docs_per_s_per_core": round(n / scan_s, 1),
        "mb_per_s_per_core": round(total_bytes / scan_s / 1e6, 3),
        "ms_per_doc": round(scan_s / n * 1000, 3),
        "flagged_uk_or_eu": flagged,
        "planted": planted,
        "scanner_startup_s": round(startup_s, 3),
        "bank_build_s": round(bank_build_s, 3),
        "stage_ms_per_doc": {k: round(v / n * 1000, 4) for k, v in stage.items()},
        "note": "one process, one core; no classifier (bench_classifier.py times the classifier cascade). Stage times are measured in a separate pass.",
    }  # fmt: skip
    out = ROOT / "bench" / "results" / "pipeline.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
