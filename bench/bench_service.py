"""Benchmark: the HTTP service under load on loopback.

Starts ``tvec serve`` (uvicorn, SQLite in a temporary TVEC_HOME, all default detectors, UK+EU)
in a subprocess and drives ``POST /v1/scan`` from this process with httpx clients (one, then
four at once), one document per request, each a new client id (so every request scans, stores
the document, its decisions and any cases, writes the audit entries and commits). Documents of ~1 KB
and ~20 KB are made of generic templated sentences about fictional places; one in five carries a
templated call to arms, so some requests open review cases. Each size runs for a bounded number
of requests and a bounded time, after a short warm-up.

    .venv/bin/python bench/bench_service.py [--clients 1,4] [--seconds 20] [--max-requests 2000]

Writes bench/results/service.json and prints it as the last line. The server and the clients
share the machine's cores, so the numbers are for the whole system on this box.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "service.json"
SEED = 11
PLACES = ["Examplia", "Fictonia", "Placeholdia", "Nowhereland", "Samplestan", "Mockovia", "Testaria"]
# sentence = subject + verb + object + tail: thousands of distinct, generic, harmless sentences
SUBJECTS = [
    "The {p} council",
    "Residents of {p}",
    "A school in {p}",
    "The {p} rail operator",
    "Farmers near {p}",
    "A museum in {p}",
    "The {p} football club",
    "Volunteers in {p}",
    "The {p} weather service",
]
VERBS = ["announced", "discussed", "celebrated", "postponed", "approved", "reviewed", "presented", "welcomed"]
OBJECTS = [
    "a new timetable for the coastal line",
    "plans for a community garden",
    "the results of the annual survey",
    "a festival of local music",
    "repairs to the old bridge",
    "a programme of evening classes",
    "the budget for next year",
    "an exhibition of historic maps",
    "a prize for the best rye bread",
]
TAILS = [
    "on Monday",
    "after a long debate",
    "this week",
    "with support from local businesses",
    "despite the rain",
    "for the {n}th year running",
    "in front of {n} visitors",
    "before the summer holidays",
]
FLAGGED = "Soldiers of {p}, rise up, seize the capital and overthrow the government tonight!"


def make_document(size: int, rng: random.Random, flagged: bool) -> str:
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < size:
        sentence = " ".join(rng.choice(group) for group in (SUBJECTS, VERBS, OBJECTS, TAILS)) + "."
        parts.append(sentence.format(p=rng.choice(PLACES), n=rng.randint(2, 400)))
    if flagged:
        parts.insert(rng.randrange(len(parts) + 1), FLAGGED.format(p=rng.choice(PLACES)))
    return " ".join(parts)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_key(home: Path) -> str:
    from tvec.settings import TvecSettings
    from tvec.store import accounts
    from tvec.store.db import Database

    db = Database.from_settings(TvecSettings(home=home))
    db.upgrade()
    with db.session() as session:
        account = accounts.create_account(session, "bench", "admin")
        key, _ = accounts.issue_api_key(session, account)
    db.dispose()
    return key


def start_server(home: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TVEC_HOME": str(home)}
    env.pop("TVEC_DATABASE_URL", None)
    command = [
        sys.executable,
        "-c",
        "from tvec.cli import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"tvec serve exited: {server.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("tvec serve did not become ready in time")


def run_load(base: str, key: str, documents: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    """``clients`` threads take documents from a shared list until it is empty or time is up."""
    headers = {"Authorization": f"Bearer {key}"}
    lock = threading.Lock()
    position = [0]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.monotonic() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=120.0) as client:
            while time.monotonic() < deadline:
                with lock:
                    if position[0] >= len(documents):
                        return
                    client_id, text = documents[position[0]]
                    position[0] += 1
                started = time.perf_counter()
                response = client.post("/v1/scan", json={"id": client_id, "text": text})
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ok = statuses.get(201, 0)
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "ok": ok,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "seconds": round(wall, 2),
        "scans_per_s": round(ok / wall, 1) if wall else 0.0,
        "p50_ms": round(statistics.median(ordered) * 1000, 1) if ordered else None,
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1)
        if ordered
        else None,
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--clients", default="1,4", help="concurrent clients, comma-separated: each count is a separate run"
    )
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per document size")
    parser.add_argument("--max-requests", type=int, default=2000, help="request limit per document size")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--server-workers",
        type=int,
        default=1,
        help="tvec serve --workers; results of N > 1 go to service_workersN.json",
    )
    args = parser.parse_args()
    rng = random.Random(SEED)
    sizes = {"1KB": 1000, "20KB": 20000}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="tvec-bench-service-") as scratch:
        home = Path(scratch)
        key = admin_key(home)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(home, port, args.server_workers)
        try:
            wait_ready(base, server)
            counts = [int(c) for c in args.clients.split(",") if c.strip()]
            for label, size in sizes.items():
                warm = [
                    (f"warm-{label}-{i}", make_document(size, rng, i % 5 == 0)) for i in range(args.warmup)
                ]
                run_load(base, key, warm, max(counts), 60.0)
                for clients in counts:
                    docs = [
                        (f"{label}-c{clients}-{i}", make_document(size, rng, i % 5 == 0))
                        for i in range(args.max_requests)
                    ]
                    result = run_load(base, key, docs, clients, args.seconds)
                    done = docs[: result["requests"]] or docs
                    result["mean_bytes"] = round(statistics.fmean(len(t.encode()) for _, t in done))
                    results.setdefault(label, {})[f"clients_{clients}"] = result
            metrics = httpx.get(f"{base}/metrics", timeout=10.0).text
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    cases_line = next((line for line in metrics.splitlines() if line.startswith("tvec_cases_open")), "")
    report = {
        "benchmark": "service",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
        },
        "setup": {
            "server": f"tvec serve --workers {args.server_workers} (uvicorn), SQLite WAL, default detectors, UK+EU",
            "clients": args.clients,
            "reading": "clients_1: latency of one request at a time; the largest count: sustained throughput",
            "transport": "HTTP/1.1 keep-alive on loopback, httpx, one document per POST /v1/scan",
            "limits": {"seconds_per_size": args.seconds, "max_requests_per_size": args.max_requests},
            "documents": "generic templated sentences about fictional places; 1 in 5 with a templated call to arms",
            "seed": SEED,
        },
        "results": results,
        "cases_open_after": cases_line,
        "note": "server and clients share the machine's cores; timings on a shared 2-core box are noisy",
    }
    out = (
        RESULTS
        if args.server_workers == 1
        else RESULTS.with_name(f"service_workers{args.server_workers}.json")
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
