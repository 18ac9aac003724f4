"""Benchmark: the service under mixed load - submitters scanning while reviewers work the queue.

The load of issue 11.4: ``--clients`` submitters (default 8) each send ``--scans`` new ~1 KB
documents (default 200; one in five opens review cases) to ``POST /v1/scan`` as fast as they
get answers, while ``--reviewers`` reviewers (default 2) list the open cases, claim one and
decide it, over and over, until the submitters are done. ``tvec serve`` runs in a subprocess on
loopback, on SQLite (a fresh TVEC_HOME) or on the PostgreSQL of ``--database-url``, with
``--workers`` processes. Each configuration runs ``--runs`` times on a fresh database; the report
gives each run and the median of the runs (the machine is shared, single runs are noisy).

With ``--profile`` the server also times, per SQL statement kind, how long its statements took
(``BEGIN IMMEDIATE`` is SQLite's wait for the write lock; ``pg_advisory_xact_lock`` the
PostgreSQL audit-chain lock; ``COMMIT`` includes the WAL write): where the latency tail comes from.

    .venv/bin/python bench/bench_service_load.py [--runs 3] [--workers 1] [--database-url URL] [--profile]

Writes bench/results/service_load[_postgresql][_workersN].json and prints it as the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_service import free_port, make_document, wait_ready  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = 11

# run inside the server process (and each --workers process, which starts with the same
# interpreter and re-imports tvec): statement timings by kind, written out at exit
_PROFILED_SERVER = r"""
import atexit, json, os, threading, time
from sqlalchemy import event
from sqlalchemy.engine import Engine

_times = {}
_lock = threading.Lock()

def _kind(statement):
    words = statement.strip().split()
    head = " ".join(words[:2]).upper() if words and words[0].upper() == "BEGIN" else (words[0].upper() if words else "")
    if "pg_advisory_xact_lock" in statement:
        head = "pg_advisory_xact_lock"
    return head

@event.listens_for(Engine, "before_cursor_execute")
def _before(conn, cursor, statement, parameters, context, executemany):
    conn.info.setdefault("_started", []).append(time.perf_counter())

@event.listens_for(Engine, "after_cursor_execute")
def _after(conn, cursor, statement, parameters, context, executemany):
    elapsed = time.perf_counter() - conn.info["_started"].pop()
    with _lock:
        _times.setdefault(_kind(statement), []).append(elapsed)

def _dump():
    out = os.environ["TVEC_BENCH_PROFILE_OUT"] + f".{os.getpid()}.json"
    with _lock:
        text = json.dumps(_times)
    with open(out + ".tmp", "w") as handle:
        handle.write(text)
    os.replace(out + ".tmp", out)

def _every_second():  # uvicorn re-raises SIGTERM after its shutdown, so atexit may never run
    while True:
        time.sleep(1.0)
        _dump()

threading.Thread(target=_every_second, daemon=True).start()
atexit.register(_dump)
from tvec.cli import main
main()
"""


def create_accounts(env: dict[str, str], reviewers: int) -> dict[str, str]:
    """A submitter and ``reviewers`` reviewer accounts with a key each (in a child process, so
    that this one never imports the service)."""
    script = (
        "import json, sys\n"
        "from tvec.settings import load_settings\n"
        "from tvec.store import accounts\n"
        "from tvec.store.db import Database\n"
        "db = Database.from_settings(load_settings()); db.upgrade()\n"
        "keys = {}\n"
        "with db.session() as session:\n"
        f"    for name, role in [('submitter', 'submitter')] + [(f'reviewer{{i}}', 'reviewer') for i in range({reviewers})]:\n"
        "        account = accounts.create_account(session, name, role)\n"
        "        keys[name] = accounts.issue_api_key(session, account)[0]\n"
        "print(json.dumps(keys))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def reset_postgres(url: str) -> None:
    """An empty PostgreSQL schema for each run (the bench owns the database it is given)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def percentile(ordered: list[float], q: float) -> float | None:
    if not ordered:
        return None
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000, 1)


def summary(latencies: list[float]) -> dict:
    ordered = sorted(latencies)
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p90_ms": percentile(ordered, 0.90),
        "p99_ms": percentile(ordered, 0.99),
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else None,
    }


def one_run(args: argparse.Namespace, run: int) -> dict:
    rng = random.Random(SEED + run)
    with tempfile.TemporaryDirectory(prefix="tvec-bench-load-") as scratch:
        env = {**os.environ, "TVEC_HOME": scratch, "TVEC_WEBHOOK_ON_ALLOW": "true"}
        env.pop("TVEC_DATABASE_URL", None)
        if args.database_url:
            reset_postgres(args.database_url)
            env["TVEC_DATABASE_URL"] = args.database_url
        profile_out = Path(scratch) / "profile"
        keys = create_accounts(env, args.reviewers)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        serve = ["serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                 "--workers", str(args.workers)]
        if args.profile:
            env["TVEC_BENCH_PROFILE_OUT"] = str(profile_out)
            command = [sys.executable, "-c", _PROFILED_SERVER, *serve]
        else:
            command = [sys.executable, "-c", "from tvec.cli import main; main()", *serve]
        pin = (lambda: os.sched_setaffinity(0, args.server_cpus)) if args.server_cpus else None
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=pin)
        try:
            wait_ready(base, server)
            docs = [[(f"r{run}-c{c}-{i}", make_document(1000, rng, i % 5 == 0)) for i in range(args.scans)]
                    for c in range(args.clients)]
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {keys['submitter']}"}) as warm:
                for i in range(10):
                    warm.post("/v1/scan", json={"id": f"warm-{run}-{i}", "text": make_document(1000, rng, False)})
            result = drive(base, keys, docs, args.reviewers)
            if args.profile:
                time.sleep(1.5)  # the server's last timings dump
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.profile:
            result["server_sql_ms"] = profile_summary(Path(scratch))
    return result


def drive(base: str, keys: dict[str, str], docs: list[list[tuple[str, str]]], reviewers: int) -> dict:
    scans: list[float] = []
    statuses: dict[str, int] = {}
    review_ops: list[float] = []
    review_statuses: dict[str, int] = {}
    decided = [0]
    lock = threading.Lock()
    submitting = threading.Event()
    submitting.set()

    def submitter(mine: list[tuple[str, str]]) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {keys['submitter']}"}, timeout=120) as client:
            for client_id, text in mine:
                started = time.perf_counter()
                response = client.post("/v1/scan", json={"id": client_id, "text": text})
                elapsed = time.perf_counter() - started
                with lock:
                    scans.append(elapsed)
                    statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1

    def reviewer(name: str) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {keys[name]}"}, timeout=120) as client:

            def timed(method: str, url: str, **kw):
                started = time.perf_counter()
                response = client.request(method, url, **kw)
                with lock:
                    review_ops.append(time.perf_counter() - started)
                    key = f"{method} {url.split('/')[-1] if method == 'POST' else url} {response.status_code}"
                    review_statuses[key] = review_statuses.get(key, 0) + 1
                return response

            while submitting.is_set():
                listed = timed("GET", "/v1/cases", params={"status": "open", "limit": 5})
                cases = listed.json().get("cases", []) if listed.status_code == 200 else []
                if not cases:
                    time.sleep(0.05)
                    continue
                case = random.choice(cases)
                if timed("POST", f"/v1/cases/{case['id']}/claim").status_code != 200:
                    continue
                action = random.choice(["allow", "remove"])
                code = "TVEC_NO_VIOLATION" if action == "allow" else "TVEC_VIOLATING_CONTENT"
                if timed("POST", f"/v1/cases/{case['id']}/decide",
                         json={"action": action, "reason_code": code}).status_code == 201:
                    with lock:
                        decided[0] += 1

    review_threads = [threading.Thread(target=reviewer, args=(f"reviewer{i}",)) for i in range(reviewers)]
    submit_threads = [threading.Thread(target=submitter, args=(mine,)) for mine in docs]
    for thread in review_threads:
        thread.start()
    started = time.perf_counter()
    for thread in submit_threads:
        thread.start()
    for thread in submit_threads:
        thread.join()
    wall = time.perf_counter() - started
    submitting.clear()
    for thread in review_threads:
        thread.join()
    return {
        "seconds": round(wall, 2),
        "scans_per_s": round(statuses.get("201", 0) / wall, 1),
        "statuses": statuses,
        "scan": summary(scans),
        "review_requests": summary(review_ops),
        "review_statuses": review_statuses,
        "cases_decided": decided[0],
    }


def profile_summary(folder: Path) -> dict:
    merged: dict[str, list[float]] = {}
    for path in folder.glob("profile.*.json"):
        for kind, times in json.loads(path.read_text()).items():
            merged.setdefault(kind, []).extend(times)
    out = {}
    for kind, times in sorted(merged.items(), key=lambda kv: -sum(kv[1])):
        ordered = sorted(times)
        out[kind] = {"n": len(ordered), "total_s": round(sum(ordered), 2), "p50_ms": round(statistics.median(ordered) * 1000, 2),
                     "p99_ms": percentile(ordered, 0.99), "max_ms": round(ordered[-1] * 1000, 1)}
    return out


def median_of(runs: list[dict]) -> dict:
    def med(values):
        values = [v for v in values if v is not None]
        return round(statistics.median(values), 1) if values else None

    return {
        "scans_per_s": med([r["scans_per_s"] for r in runs]),
        "scan_p50_ms": med([r["scan"]["p50_ms"] for r in runs]),
        "scan_p99_ms": med([r["scan"]["p99_ms"] for r in runs]),
        "scan_max_ms": med([r["scan"]["max_ms"] for r in runs]),
        "review_p50_ms": med([r["review_requests"]["p50_ms"] for r in runs]),
        "review_p99_ms": med([r["review_requests"]["p99_ms"] for r in runs]),
        "cases_decided": med([r["cases_decided"] for r in runs]),
    }


def _cpus(value: str) -> set[int]:
    return {int(part) for part in value.split(",") if part.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--scans", type=int, default=200, help="documents per client")
    parser.add_argument("--reviewers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="tvec serve --workers")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (its public schema is dropped!)")
    parser.add_argument("--profile", action="store_true", help="time the server's SQL statements by kind")
    parser.add_argument("--label", default="", help="a note stored with the results (e.g. 'before the fix')")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--server-cpus", type=_cpus, default=None, help="pin the server to these CPUs (e.g. 0)")
    parser.add_argument("--client-cpus", type=_cpus, default=None, help="pin this process (the clients) to these CPUs (e.g. 1)")
    args = parser.parse_args()
    if args.client_cpus:
        os.sched_setaffinity(0, args.client_cpus)
    runs = [one_run(args, run) for run in range(args.runs)]
    backend = "postgresql" if args.database_url else "sqlite"
    report = {
        "benchmark": "service_load",
        "label": args.label,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cpu_count": os.cpu_count(),
                    "load_average_at_end": [round(x, 1) for x in os.getloadavg()]},
        "setup": {
            "server": f"tvec serve --workers {args.workers} (uvicorn), {backend}, default detectors, UK+EU",
            "load": f"{args.clients} submitters x {args.scans} new ~1 KB documents (1 in 5 flagged), "
                    f"{args.reviewers} reviewers listing, claiming and deciding open cases meanwhile",
            "transport": "HTTP/1.1 keep-alive on loopback, httpx, one client thread per submitter/reviewer",
            "seed": SEED,
            "server_cpus": sorted(args.server_cpus) if args.server_cpus else "any",
            "client_cpus": sorted(args.client_cpus) if args.client_cpus else "any",
        },
        "median_of_runs": median_of(runs),
        "runs": runs,
        "note": "server and clients share the machine's cores; medians of several runs on a shared 2-core box",
    }
    suffix = ("_postgresql" if args.database_url else "") + (f"_workers{args.workers}" if args.workers > 1 else "")
    suffix += "_pinned" if args.server_cpus or args.client_cpus else ""
    out = args.out or ROOT / "bench" / "results" / f"service_load{suffix}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
