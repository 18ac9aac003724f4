"""Benchmark: the Spark engine against plain multiprocessing on one machine, same corpus.

Corpus and bank as in bench_pipeline.py (~1 KB posts from ../shared/data/news-neutral or a
seeded synthetic vocabulary, 2% signed by a media office, 2% quoting one of the banked items),
written to one Parquet file with an id column. Detectors: the settings' defaults, as the CLI
would run them.

Baseline: the CLI's own multiprocessing (``tvec scan --workers N``,
:func:`tvec.parallel.scan_parallel`) with 1 and 2 processes, each building one Scanner and
scanning chunks of documents that the parent reads from the Parquet file with tvec.ingest. Spark: ``tvec.spark.run_scan_job`` (what ``tvec scan --engine spark`` runs) on
``local[1]`` and ``local[2]``, writing partitioned Parquet. Both are timed from "start the job"
to "results are written / back", worker start-up (imports, building the Scanner) included;
Spark's JVM start is reported apart, and a second Spark run (Python workers reused) is reported
as "warm". The overhead ratio is baseline docs/s over Spark docs/s at the same core count.

    .venv/bin/python bench/bench_spark.py [--docs N]

Writes bench/results/spark.json and prints it as the last line.
"""


from __future__ import annotations

import os

# One thread per process for numpy's BLAS (the classifier), before numpy is imported: Spark
# sets OMP_NUM_THREADS to the task's cores for its Python workers, and a Pool worker must not
# get a second core through threads either, or "1 process" would not mean one core.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import SEED, SIGNOFF, posts, sentences

from tvec.banks.bank import Bank
from tvec.banks.entries import make_entry
from tvec.ingest import IngestOptions, iter_documents
from tvec.parallel import scan_parallel
from tvec.settings import TvecSettings
from tvec.spark import result_record, run_scan_job, spark_session

ROOT = Path(__file__).resolve().parents[1]
JURISDICTIONS = ["UK", "EU"]


def run_pool(processes: int, corpus: Path, settings: TvecSettings) -> tuple[float, int, int]:
    """The CLI's own multiprocessing (`tvec scan --workers N`): tvec.parallel.scan_parallel."""
    started = time.perf_counter()
    documents = iter_documents([str(corpus)], IngestOptions(id_field="id"))
    flags = [
        result_record(r)["flagged"]
        for r in scan_parallel(documents, settings, JURISDICTIONS, workers=processes)
    ]
    return time.perf_counter() - started, len(flags), sum(flags)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4000)
    parser.add_argument("--bank-items", type=int, default=2000)
    args = parser.parse_args()
    load_before = os.getloadavg()
    rng = random.Random(SEED)
    pool_sentences, source = sentences(rng)
    rng.shuffle(pool_sentences)
    half = len(pool_sentences) // 2
    bank_texts = posts(pool_sentences[:half], args.bank_items, rng)
    texts = posts(pool_sentences[half:], args.docs, rng)
    for i in range(0, len(texts), 50):
        texts[i] += SIGNOFF
        if i + 1 < len(texts):
            texts[i + 1] = texts[i + 1][:400] + "\n\n" + bank_texts[i % len(bank_texts)]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        settings = TvecSettings(home=tmp_path / "home")
        bank = Bank(settings.resolved_bank_path)
        bank.add(
            [
                make_entry(t, bank.hasher, where=f"bank-{i}", entry_id=f"bank-{i}")
                for i, t in enumerate(bank_texts)
            ]
        )
        corpus = tmp_path / "corpus.parquet"
        pq.write_table(pa.table({"id": [f"doc-{i}" for i in range(len(texts))], "text": texts}), corpus)
        n = len(texts)
        flagged: dict[str, int] = {}
        for processes in (1, 2):
            seconds, count, flags = run_pool(processes, corpus, settings)
            assert count == n
            flagged[f"pool_{processes}"] = flags
            results[f"pool_{processes}"] = {"seconds": round(seconds, 2), "docs_per_s": round(n / seconds, 1)}
        for cores in (1, 2):
            t0 = time.perf_counter()
            spark = spark_session(
                f"local[{cores}]", app_name="tvec-bench", conf={"spark.sql.shuffle.partitions": str(cores)}
            )
            jvm_s = time.perf_counter() - t0
            runs = []
            for attempt in ("cold", "warm"):
                summary = run_scan_job(
                    spark,
                    [str(corpus)],
                    str(tmp_path / f"out-{cores}-{attempt}"),
                    options=IngestOptions(id_field="id"),
                    jurisdictions=JURISDICTIONS,
                    settings=settings,
                )
                assert summary.documents == n and not summary.errors, summary
                flagged[f"spark_{cores}_{attempt}"] = summary.flagged
                runs.append(summary.seconds)
            spark.stop()
            results[f"spark_local_{cores}"] = {
                "session_start_s": round(jvm_s, 2),
                "cold_seconds": round(runs[0], 2),
                "cold_docs_per_s": round(n / runs[0], 1),
                "warm_seconds": round(runs[1], 2),
                "docs_per_s": round(n / runs[1], 1),
            }
    assert len(set(flagged.values())) == 1, flagged  # every engine flags the same documents
    ratios = {
        f"{c}_core": {
            "warm": round(results[f"pool_{c}"]["docs_per_s"] / results[f"spark_local_{c}"]["docs_per_s"], 2),
            "cold": round(
                results[f"pool_{c}"]["docs_per_s"] / results[f"spark_local_{c}"]["cold_docs_per_s"], 2
            ),
        }
        for c in (1, 2)
    }
    result = {
        "benchmark": "spark",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "data": {
            "source": source,
            "documents": n,
            "mean_bytes": round(sum(len(t.encode()) for t in texts) / n),
            "bank_items": args.bank_items,
            "jurisdictions": JURISDICTIONS,
            "detectors": list(settings.detectors),
            "flagged": next(iter(flagged.values())),
            "seed": SEED,
        },
        "results": results,
        "overhead_ratio_pool_over_spark": ratios,
        "note": (
            "baseline = the CLI's multiprocessing (tvec scan --workers N, tvec.parallel.scan_parallel), "
            "parent reads the Parquet with tvec.ingest; spark = run_scan_job "
            "(tvec scan --engine spark) reading the same Parquet and writing partitioned Parquet. "
            "Times include worker start-up; Spark's JVM start is session_start_s, apart. 'warm' = second "
            "job in the same session (Python workers and their Scanner reused). Ratio > 1: Spark slower."
        ),
    }
    out = ROOT / "bench" / "results" / "spark.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
