"""Webhooks: signing, enqueueing in the caller's transaction, delivery with retries against a
real HTTP server, and no double sends when several dispatchers share the database."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from outbound_support import Receiver, serve
from sqlalchemy import select

from tvec.errors import WebhookError, WebhookSignatureError
from tvec.outbound import webhooks
from tvec.settings import TvecSettings
from tvec.store.models import AuditEntry, WebhookDelivery, WebhookEndpoint, utcnow

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture()
def db(database):
    """The shared fixture: SQLite, and PostgreSQL where TVEC_TEST_POSTGRES_URL is set."""
    return database


@pytest.fixture()
def fast(tmp_path: Path) -> TvecSettings:
    return TvecSettings(home=tmp_path / "home", webhook_backoff_seconds=0.05, webhook_max_attempts=4,
                        webhook_timeout_seconds=2.0)


@pytest.fixture()
def receiver():
    recv = Receiver()
    stop = serve(recv)
    yield recv
    stop()


def _endpoint(db, url: str, events: tuple[str, ...] = ()) -> tuple[int, str]:
    with db.session() as session:
        endpoint, secret = webhooks.add_endpoint(session, url, events, actor="system:test")
        return endpoint.id, secret


def _enqueue(db, event_type: str = "decision.created", payload: dict | None = None) -> list[int]:
    with db.session() as session:
        rows = webhooks.enqueue(session, event_type, payload or {"decision_id": 1, "action": "remove"})
        return [r.id for r in rows]


def _row(db, delivery_id: int) -> WebhookDelivery:
    with db.session() as session:
        return session.get(WebhookDelivery, delivery_id)


def _later(seconds: float = 3600) -> dt.datetime:
    """A pass 'in the future': every backoff has run out by then."""
    return utcnow() + dt.timedelta(seconds=seconds)


# --------------------------------------------------------------------------- signing


def test_signature_round_trip_and_header_format():
    header = webhooks.sign("whsec_test", 1_700_000_000, b'{"a":1}')
    assert header.startswith("t=1700000000,v1=") and len(header.split("v1=")[1]) == 64
    assert webhooks.verify("whsec_test", header, b'{"a":1}', now=1_700_000_010) == 1_700_000_000


@pytest.mark.parametrize(
    ("secret", "body", "now", "message"),
    [
        ("whsec_other", b'{"a":1}', 1_700_000_010, "does not match"),
        ("whsec_test", b'{"a":2}', 1_700_000_010, "does not match"),
        ("whsec_test", b'{"a":1}', 1_700_000_301, "replayed"),  # captured and sent again later
        ("whsec_test", b'{"a":1}', 1_699_999_600, "outside"),  # timestamp from the future
    ],
)
def test_verify_refuses_wrong_secret_altered_body_and_replays(secret, body, now, message):
    header = webhooks.sign("whsec_test", 1_700_000_000, b'{"a":1}')
    with pytest.raises(WebhookSignatureError, match=message):
        webhooks.verify(secret, header, body, now=now)


@pytest.mark.parametrize("header", [None, "", "v1=abc", "t=12", "t=abc,v1=00", "garbage"])
def test_verify_refuses_missing_or_malformed_headers(header):
    with pytest.raises(WebhookSignatureError):
        webhooks.verify("whsec_test", header, b"{}", now=12)


def test_verify_accepts_any_matching_v1_and_compares_in_constant_time(monkeypatch):
    body = b'{"x":true}'
    good = webhooks.sign("whsec_new", 100, body).split("v1=")[1]
    calls = []
    real = webhooks.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webhooks.hmac, "compare_digest", spy)
    # two signatures (secret rotation): the second matches; both are compared, no early exit
    webhooks.verify("whsec_new", f"t=100,v1={'0' * 64},v1={good}", body, now=100)
    assert len(calls) == 2


def test_verify_with_a_datetime_now():
    header = webhooks.sign("s", 1_700_000_000, b"x")
    now = dt.datetime.fromtimestamp(1_700_000_100, dt.UTC)
    assert webhooks.verify("s", header, b"x", now=now) == 1_700_000_000
    with pytest.raises(WebhookError, match="naive"):
        webhooks.verify("s", header, b"x", now=now.replace(tzinfo=None))


# --------------------------------------------------------------------------- endpoints and enqueue


def test_add_endpoint_validates_and_audits_without_the_secret(db):
    with pytest.raises(WebhookError, match="http"):
        _endpoint(db, "ftp://example.test/hook")
    with pytest.raises(WebhookError, match="event filter"):
        _endpoint(db, "https://example.test/hook", ("Decision Created",))
    endpoint_id, secret = _endpoint(db, "https://example.test/hook", ("decision.*", "decision.*"))
    assert secret.startswith("whsec_") and len(secret) > 30
    with db.session() as session:
        endpoint = session.get(WebhookEndpoint, endpoint_id)
        assert endpoint.events == ["decision.*"]
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "webhook.add")).one()
        assert entry.entity_id == str(endpoint_id)
        assert secret not in json.dumps(entry.after) and entry.after["url"] == "https://example.test/hook"


def test_enqueue_fans_out_to_subscribed_active_endpoints_with_one_body(db):
    every, _ = _endpoint(db, "https://a.test/hook")
    prefix, _ = _endpoint(db, "https://b.test/hook", ("decision.*",))
    other, _ = _endpoint(db, "https://c.test/hook", ("appeal.decided",))
    off, _ = _endpoint(db, "https://d.test/hook")
    with db.session() as session:
        webhooks.set_endpoint_active(session, off, False, actor="system:test")
    ids = _enqueue(db, "decision.created", {"decision_id": 7, "when": dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)})
    rows = [_row(db, i) for i in ids]
    assert sorted(r.endpoint_id for r in rows) == sorted([every, prefix])
    assert len({r.event_id for r in rows}) == 1 and len({r.payload for r in rows}) == 1
    event = json.loads(rows[0].payload)
    assert event["type"] == "decision.created" and event["id"] == rows[0].event_id
    assert event["data"] == {"decision_id": 7, "when": "2026-01-02T03:04:00Z"}
    assert rows[0].payload == webhooks.canonical_json(event)  # sorted keys, no spaces
    assert all(r.status == "pending" and r.attempts == 0 for r in rows)
    assert other not in [r.endpoint_id for r in rows]


def test_enqueue_is_part_of_the_callers_transaction(db):
    _endpoint(db, "https://a.test/hook")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.session() as session:
        assert len(webhooks.enqueue(session, "decision.created", {"n": 1})) == 1
        raise Boom  # the decision failed: its webhook must not survive it
    with db.session() as session:
        assert session.scalars(select(WebhookDelivery)).all() == []


def test_enqueue_refuses_bad_event_types_and_payloads(db):
    _endpoint(db, "https://a.test/hook")
    with db.session() as session:
        with pytest.raises(WebhookError, match="event type"):
            webhooks.enqueue(session, "decision.*", {})
        with pytest.raises(WebhookError, match="JSON"):
            webhooks.enqueue(session, "decision.created", {"x": object()})
    assert len(_enqueue(db, "nobody.listens", {})) == 1  # the "every event" endpoint takes it


def test_enqueue_without_endpoints_writes_nothing(db):
    assert _enqueue(db) == []


# --------------------------------------------------------------------------- delivery


def test_delivery_retries_until_the_receiver_accepts(db, fast, receiver):
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.script = [500, 503, 200]
    [delivery_id] = _enqueue(db, "decision.created", {"decision_id": 42})
    with httpx.Client() as client:
        assert webhooks.deliver_due(db, client, utcnow(), fast) == 1
        first = _row(db, delivery_id)
        assert (first.status, first.attempts, first.last_status_code) == ("pending", 1, 500)
        assert "HTTP 500" in first.last_error and first.next_attempt_at > utcnow() - dt.timedelta(seconds=1)
        # not due yet: a pass right now sends nothing
        assert webhooks.deliver_due(db, client, first.next_attempt_at - dt.timedelta(seconds=0.02), fast) == 0
        assert webhooks.deliver_due(db, client, _later(), fast) == 1
        assert webhooks.deliver_due(db, client, _later(), fast) == 1
        assert webhooks.deliver_due(db, client, _later(), fast) == 0  # nothing left
    row = _row(db, delivery_id)
    assert (row.status, row.attempts, row.last_status_code, row.last_error) == ("delivered", 3, 200, None)
    assert row.delivered_at is not None
    assert len(receiver.received) == 3
    assert all(r.signature_ok for r in receiver.received), [r.problem for r in receiver.received]
    assert len(set(receiver.bodies())) == 1  # every retry sends the same bytes
    got = receiver.received[-1]
    assert got.headers[webhooks.EVENT_ID_HEADER] == row.event_id
    assert got.headers[webhooks.EVENT_TYPE_HEADER] == "decision.created"
    assert got.event["data"] == {"decision_id": 42}


def test_delivery_gives_up_after_max_attempts(db, fast, receiver):
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.script = [503]
    [delivery_id] = _enqueue(db)
    with httpx.Client() as client:
        for _ in range(fast.webhook_max_attempts + 2):
            webhooks.deliver_due(db, client, _later(), fast)
    row = _row(db, delivery_id)
    assert row.status == "failed" and row.attempts == fast.webhook_max_attempts
    assert "gave up after 4 attempt(s)" in row.last_error
    assert len(receiver.received) == fast.webhook_max_attempts


def test_a_client_error_fails_at_once_but_429_is_retried_after_its_delay(db, fast, receiver):
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.script = [400]
    [refused] = _enqueue(db)
    with httpx.Client() as client:
        webhooks.deliver_due(db, client, _later(), fast)
        row = _row(db, refused)
        assert (row.status, row.attempts, row.last_status_code) == ("failed", 1, 400)

        receiver.received.clear()
        receiver.script = [429, 200]
        receiver.headers = {"Retry-After": "120"}
        [limited] = _enqueue(db)
        before = utcnow()
        webhooks.deliver_due(db, client, utcnow(), fast)
        row = _row(db, limited)
        assert (row.status, row.last_status_code) == ("pending", 429)
        assert row.next_attempt_at >= before + dt.timedelta(seconds=119)  # Retry-After honoured
        webhooks.deliver_due(db, client, _later(), fast)
        assert _row(db, limited).status == "delivered"


def test_a_timeout_is_recorded_and_retried(db, tmp_path, receiver):
    settings = TvecSettings(home=tmp_path / "h", webhook_timeout_seconds=0.2, webhook_backoff_seconds=0.05)
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.delay = 1.0
    [delivery_id] = _enqueue(db)
    with httpx.Client() as client:
        webhooks.deliver_due(db, client, utcnow(), settings)
        row = _row(db, delivery_id)
        assert row.status == "pending" and row.last_status_code is None and "timeout" in row.last_error
        receiver.delay = 0.0
        webhooks.deliver_due(db, client, _later(), settings)
    assert _row(db, delivery_id).status == "delivered"


def test_an_unreachable_endpoint_is_retried(db, fast):
    # a port nobody listens on: connection refused is a transient failure
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    _endpoint(db, f"http://127.0.0.1:{port}/hook")
    [delivery_id] = _enqueue(db)
    with httpx.Client() as client:
        webhooks.deliver_due(db, client, utcnow(), fast)
    row = _row(db, delivery_id)
    assert row.status == "pending" and row.attempts == 1 and "ConnectError" in row.last_error


def test_a_failing_endpoint_does_not_hold_up_the_others(db, fast, receiver):
    healthy = Receiver()
    stop = serve(healthy)
    try:
        _, receiver.secret = _endpoint(db, receiver.url)
        _, healthy.secret = _endpoint(db, healthy.url)
        receiver.script = [503]
        with db.session() as session:
            for n in range(5):
                webhooks.enqueue(session, "decision.created", {"n": n})
        with httpx.Client() as client:
            assert webhooks.deliver_due(db, client, utcnow(), fast) == 6
        assert len(receiver.received) == 1  # the rest of its queue waits for the next pass
        assert len(healthy.received) == 5
    finally:
        stop()


class _Silent:
    """A webhook target that accepts connections and never answers (nor reads, nor closes)."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/hook"
        self.held: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # closed
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def _wait_for(condition, seconds: float) -> float:
    """Seconds until ``condition()`` held (polling), or ``inf`` if it did not within ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if condition():
            return time.monotonic() - started
        time.sleep(0.01)
    return float("inf")


@pytest.fixture()
def silent():
    target = _Silent()
    yield target
    target.close()


def test_a_target_that_never_answers_does_not_delay_a_pass_to_the_others(db, tmp_path, receiver, silent):
    """Issue 11.5: the silent target's delivery came first, and the healthy one's waited for its
    whole timeout (every pass, as long as the silent one kept being retried)."""
    import threading

    settings = TvecSettings(home=tmp_path / "h", webhook_timeout_seconds=2.0, webhook_backoff_seconds=60)
    silent_id, _ = _endpoint(db, silent.url)  # registered first: its delivery is the older row
    _, receiver.secret = _endpoint(db, receiver.url)
    _enqueue(db)
    results = []
    with httpx.Client() as client:
        pass_ = threading.Thread(target=lambda: results.extend(webhooks.deliver_due_results(db, client, None, settings)))
        pass_.start()
        assert _wait_for(lambda: receiver.received, 5) < 1.0  # not 2 s behind the silent target
        pass_.join(10)
    assert sorted((r.status, r.error is None) for r in results) == [("delivered", True), ("pending", False)]
    with db.session() as session:
        stuck = session.execute(select(WebhookDelivery).where(WebhookDelivery.endpoint_id == silent_id)).scalar_one()
        assert stuck.status == "pending" and "timeout" in stuck.last_error


def test_the_dispatcher_keeps_delivering_while_a_target_hangs(db, tmp_path, receiver, silent):
    """New events reach a healthy target at once even while an attempt to a silent one is still
    waiting for its timeout: the dispatcher does not wait for its senders between passes."""
    settings = TvecSettings(home=tmp_path / "h", webhook_timeout_seconds=2.0, webhook_backoff_seconds=60)
    _endpoint(db, silent.url)
    _, receiver.secret = _endpoint(db, receiver.url)
    dispatcher = webhooks.WebhookDispatcher(db, settings, interval=0.05)
    dispatcher.start()
    try:
        for n in range(1, 4):
            _enqueue(db, payload={"n": n})
            dispatcher.wake()
            assert _wait_for(lambda n=n: len(receiver.received) == n, 5) < 1.0, n
        assert len(silent.held) == 1  # its one attempt is still hanging; nothing else was sent there
    finally:
        dispatcher.stop(timeout=10)
    assert [r.event["data"]["n"] for r in receiver.received] == [1, 2, 3]
    assert all(r.signature_ok for r in receiver.received)


def test_backoff_grows_exponentially_with_jitter(tmp_path):
    import random

    settings = TvecSettings(home=tmp_path, webhook_backoff_seconds=5.0)
    rng = random.Random(1)
    for attempts in range(1, 8):
        delays = [webhooks.backoff_seconds(attempts, settings, rng) for _ in range(200)]
        base = 5.0 * 2 ** (attempts - 1)
        assert base * 0.5 <= min(delays) and max(delays) < base * 1.5
        assert max(delays) - min(delays) > base * 0.5  # jitter spreads the retries
    assert webhooks.backoff_seconds(30, settings, rng) < webhooks.MAX_BACKOFF_S * 1.5


def test_a_lapsed_lease_is_taken_over(db, fast, receiver):
    """A dispatcher that died after claiming a row leaves it 'sending'; once the lease runs
    out another one sends it (counted as a new attempt)."""
    _, receiver.secret = _endpoint(db, receiver.url)
    [delivery_id] = _enqueue(db)
    with db.session() as session:
        row = session.get(WebhookDelivery, delivery_id)
        row.status, row.attempts = "sending", 1
        row.next_attempt_at = utcnow() + dt.timedelta(seconds=webhooks.lease_seconds(fast))
    with httpx.Client() as client:
        assert webhooks.deliver_due(db, client, utcnow(), fast) == 0  # lease still held
        assert webhooks.deliver_due(db, client, _later(), fast) == 1
    row = _row(db, delivery_id)
    assert row.status == "delivered" and row.attempts == 2


def test_retry_now_requeues_a_failed_delivery(db, fast, receiver):
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.script = [404, 200]
    [delivery_id] = _enqueue(db)
    with httpx.Client() as client:
        webhooks.deliver_due(db, client, utcnow(), fast)
        assert _row(db, delivery_id).status == "failed"
        with db.session() as session:
            with pytest.raises(WebhookError, match="no such delivery"):
                webhooks.retry_now(session, 10_000 + delivery_id)
            webhooks.retry_now(session, delivery_id, actor="system:test")
        webhooks.deliver_due(db, client, utcnow(), fast)
    assert _row(db, delivery_id).status == "delivered"
    with db.session() as session, pytest.raises(WebhookError, match="only failed"):
        webhooks.retry_now(session, delivery_id)


def test_dispatcher_thread_delivers_in_the_background(db, fast, receiver):
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.script = [500, 200]
    dispatcher = webhooks.WebhookDispatcher(db, fast, interval=0.05)
    dispatcher.start()
    try:
        [delivery_id] = _enqueue(db)
        dispatcher.wake()
        deadline = time.monotonic() + 15
        while _row(db, delivery_id).status != "delivered" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        dispatcher.stop()
    assert not dispatcher.running
    row = _row(db, delivery_id)
    assert row.status == "delivered" and row.attempts == 2
    assert all(r.signature_ok for r in receiver.received)


def test_dispatcher_survives_a_failing_pass(db, fast, receiver, monkeypatch):
    _, receiver.secret = _endpoint(db, receiver.url)
    [delivery_id] = _enqueue(db)
    real = webhooks._due_by_endpoint  # the dispatcher's look for due deliveries
    failures = []

    def flaky(*args, **kwargs):
        if not failures:
            failures.append(1)
            raise RuntimeError("database went away for a moment")
        return real(*args, **kwargs)

    monkeypatch.setattr(webhooks, "_due_by_endpoint", flaky)
    dispatcher = webhooks.WebhookDispatcher(db, fast, interval=0.05)
    dispatcher.start()
    try:
        deadline = time.monotonic() + 15
        while _row(db, delivery_id).status != "delivered" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        dispatcher.stop()
    assert failures == [1] and _row(db, delivery_id).status == "delivered"


_WORKER = """
import datetime as dt, sys, httpx
from tvec.outbound import webhooks
from tvec.settings import TvecSettings
from tvec.store.db import Database
db = Database(sys.argv[1])
settings = TvecSettings(home=sys.argv[2], webhook_backoff_seconds=0.05)
sent = 0
with httpx.Client() as client:
    idle = 0
    while idle < 3:
        n = webhooks.deliver_due(db, client, dt.datetime.now(dt.UTC), settings, limit=5)
        sent += n
        idle = idle + 1 if n == 0 else 0
print(sent)
"""


def test_two_dispatcher_processes_never_send_the_same_delivery_twice(db, tmp_path, receiver):
    _, receiver.secret = _endpoint(db, receiver.url)
    receiver.delay = 0.01  # long enough for the two processes to interleave
    ids = []
    with db.session() as session:
        for n in range(40):
            ids += [r.id for r in webhooks.enqueue(session, "decision.created", {"n": n})]
    url = db.url.render_as_string(hide_password=False)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    procs = [
        subprocess.Popen([sys.executable, "-c", _WORKER, url, str(tmp_path / f"h{i}")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for i in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err[-2000:] for _, err in outputs]
    counts = [int(out.strip().splitlines()[-1]) for out, _ in outputs]
    print("per-process sends", counts)
    assert sum(counts) == 40, counts
    events = [r.event["id"] for r in receiver.received]
    assert len(events) == 40 and len(set(events)) == 40  # each exactly once
    assert all(r.signature_ok for r in receiver.received)
    with db.session() as session:
        rows = session.scalars(select(WebhookDelivery)).all()
    assert {r.status for r in rows} == {"delivered"} and {r.attempts for r in rows} == {1}


def test_claims_race_in_threads_with_separate_connections(db, fast, receiver):
    """Four dispatchers in one process, each with its own engine: still one send per row."""
    import threading

    from tvec.store.db import Database

    _, receiver.secret = _endpoint(db, receiver.url)
    with db.session() as session:
        for n in range(30):
            webhooks.enqueue(session, "decision.created", {"n": n})
    url = db.url.render_as_string(hide_password=False)
    totals: list[int] = []

    def work() -> None:
        own = Database(url)
        try:
            with httpx.Client() as client:
                totals.append(webhooks.deliver_due(own, client, utcnow(), fast))
        finally:
            own.dispose()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(totals) == 30
    events = [r.event["id"] for r in receiver.received]
    assert len(events) == len(set(events)) == 30


def test_the_receiver_snippet_in_the_docs_works():
    """docs/outbound.md shows platforms how to check a webhook; run that very code."""
    import re

    docs = (Path(__file__).resolve().parents[1] / "docs" / "outbound.md").read_text(encoding="utf-8")
    [code] = [block for block in re.findall(r"```python\n(.*?)```", docs, flags=re.DOTALL)
              if "def verify_tvec_webhook" in block]
    namespace: dict = {}
    exec(compile(code, "docs/outbound.md", "exec"), namespace)  # noqa: S102 - our own documentation
    check = namespace["verify_tvec_webhook"]
    body = webhooks.canonical_json({"id": "evt_1", "type": "decision.created", "data": {}}).encode()
    now = int(time.time())
    seen: set[str] = set()
    assert check("whsec_x", webhooks.sign("whsec_x", now, body), body, seen)["id"] == "evt_1"
    assert check("whsec_x", webhooks.sign("whsec_x", now, body), body, seen) is None  # duplicate
    for header, payload in [
        (webhooks.sign("whsec_x", now, body), body + b" "),  # altered body
        (webhooks.sign("whsec_y", now, body), body),  # wrong secret
        (webhooks.sign("whsec_x", now - 301, body), body),  # replayed later
        ("v1=00", body),  # malformed
    ]:
        with pytest.raises(ValueError):
            check("whsec_x", header, payload, set())


# --------------------------------------------------------------------------- SSRF guard


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://2130706433/hook",  # 127.0.0.1 as one number
        "http://127.1/hook",
        "http://localhost/hook",
        "http://api.localhost/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",  # cloud metadata
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
    ],
)
def test_non_public_webhook_targets_are_refused_by_default(db, tmp_path, url):
    strict = TvecSettings(home=tmp_path / "home", webhook_allow_private_targets=False)
    assert webhooks.refused_target(url, strict, resolve=False) is not None
    with db.session() as session, pytest.raises(WebhookError, match="not a public address"):
        webhooks.add_endpoint(session, url, ["decision.created"], settings=strict)
    allowed = TvecSettings(home=tmp_path / "home", webhook_allow_private_targets=True)
    assert webhooks.refused_target(url, allowed) is None


def test_public_webhook_targets_pass_the_guard(tmp_path):
    strict = TvecSettings(home=tmp_path / "home", webhook_allow_private_targets=False)
    assert webhooks.refused_target("https://203.0.113.7/hook", strict, resolve=False) is not None  # TEST-NET
    assert webhooks.refused_target("https://8.8.8.8/hook", strict, resolve=False) is None
    # a name is not looked up at registration (no DNS needed to register); it is at delivery
    assert webhooks.refused_target("https://receiver.example/hook", strict, resolve=False) is None


def test_a_delivery_to_a_private_address_fails_without_being_sent(db, tmp_path, receiver):
    """An endpoint registered without the check (or whose name now points inward) is refused
    before every attempt: nothing reaches the receiver and the row fails at once, saying why."""
    _, receiver.secret = _endpoint(db, receiver.url)
    [delivery_id] = _enqueue(db)
    strict = TvecSettings(home=tmp_path / "home", webhook_allow_private_targets=False, webhook_max_attempts=4)
    with httpx.Client() as client:
        assert webhooks.deliver_due(db, client, utcnow(), strict) == 1
        assert webhooks.deliver_due(db, client, _later(), strict) == 0
    row = _row(db, delivery_id)
    assert row.status == "failed" and row.attempts == 1 and row.last_status_code is None
    assert "not a public address" in row.last_error and "127.0.0.1" in row.last_error
    assert receiver.received == []


def test_the_audit_entry_of_a_new_endpoint_holds_no_password_from_its_url(db):
    with db.session() as session:
        endpoint, _secret = webhooks.add_endpoint(session, "https://hooks:s3cr3t-pw@receiver.example/hook",
                                                  ["decision.created"], actor="system:test")
        endpoint_id = endpoint.id
    with db.session() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "webhook.add",
                                                         AuditEntry.entity_id == str(endpoint_id))).scalar_one()
    assert "s3cr3t-pw" not in json.dumps(entry.after)
    assert entry.after["url"] == "https://hooks:***@receiver.example/hook"


class _Dripping:
    """A webhook target that reads the request and then sends its answer one byte at a time,
    each byte well within the read timeout, for up to ``seconds``: httpx's timeouts (per phase,
    per read) never fire."""

    def __init__(self, every: float = 0.05, seconds: float = 20.0) -> None:
        import socket
        import threading

        self.every, self.seconds = every, seconds
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/hook"
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn) -> None:
        answer = b"HTTP/1.1 200 OK\r\n" + b"X-Padding: " + b"x" * 10_000 + b"\r\nContent-Length: 0\r\n\r\n"
        started = time.monotonic()
        with conn:
            try:
                conn.recv(65536)
                for byte in answer:
                    if self.stopped.is_set() or time.monotonic() - started > self.seconds:
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(self.every)
            except OSError:  # the client gave up
                return

    def close(self) -> None:
        self.stopped.set()
        self.sock.close()


def test_a_target_that_drips_its_answer_cannot_hold_an_attempt_past_its_deadline(db, tmp_path):
    """A read timeout only bounds the wait for the next bytes, so a target sending a byte every
    50 ms held the attempt (and its sender) as long as it liked - past the lease, after which
    another dispatcher would send the same event again. The attempt now has one deadline: the
    timeout, for the whole attempt; the delivery is recorded as a timeout and retried."""
    settings = TvecSettings(home=tmp_path / "h", webhook_timeout_seconds=0.5, webhook_backoff_seconds=0.05)
    target = _Dripping(every=0.05, seconds=20.0)
    try:
        _endpoint(db, target.url)
        [delivery_id] = _enqueue(db)
        with webhooks.webhook_client(settings) as client:
            started = time.monotonic()
            webhooks.deliver_due(db, client, utcnow(), settings)
            took = time.monotonic() - started
        row = _row(db, delivery_id)
        assert took < 2.0, f"the attempt took {took:.1f} s for a 0.5 s timeout"
        assert took < webhooks.lease_seconds(settings)
        assert row.status == "pending" and row.attempts == 1 and row.last_status_code is None
        assert "timeout" in row.last_error and "deadline" in row.last_error
    finally:
        target.close()


def test_the_dispatcher_sends_with_the_deadline_client(db, tmp_path):
    settings = TvecSettings(home=tmp_path / "h", webhook_timeout_seconds=0.5, webhook_backoff_seconds=60)
    target = _Dripping(every=0.05, seconds=20.0)
    dispatcher = webhooks.WebhookDispatcher(db, settings, interval=0.05)
    try:
        _endpoint(db, target.url)
        [delivery_id] = _enqueue(db)
        dispatcher.start()
        waited = _wait_for(lambda: (_row(db, delivery_id).last_error or "") != "", 5.0)
        assert waited < 2.0 and "deadline" in _row(db, delivery_id).last_error
    finally:
        dispatcher.stop()
        target.close()
