"""Webhooks: tell the platform what was decided, signed, retried, logged and never sent twice.

An event is written to the ``webhook_deliveries`` table in the SAME transaction as the state
change that caused it (``enqueue``), so a decision can never be committed without its webhook or
the reverse. Delivery happens later, in a background thread (``WebhookDispatcher``) that may run
in several processes at once: each row is *claimed* with a conditional UPDATE before it is sent,
so exactly one dispatcher sends each attempt, on SQLite and PostgreSQL alike.

Signing follows the widely used scheme (Stripe, Slack): ``X-Tvec-Signature: t=<unix>,v1=<hex>``
where ``v1 = HMAC-SHA256(secret, f"{t}." + body)``. Binding the timestamp into the MAC lets the
receiver refuse old requests (replays) without having to trust an unsigned header.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import random
import re
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpcore
import httpx
from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from tvec.errors import WebhookError, WebhookSignatureError
from tvec.settings import TvecSettings
from tvec.store.models import WebhookDelivery, WebhookEndpoint, utcnow

if TYPE_CHECKING:  # tvec.store.db is written alongside; only its type is needed here
    from tvec.store.db import Database

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Tvec-Signature"
EVENT_TYPE_HEADER = "X-Tvec-Event"
EVENT_ID_HEADER = "X-Tvec-Event-Id"
DELIVERY_HEADER = "X-Tvec-Delivery"
DEFAULT_TOLERANCE_S = 300

# Delivery statuses. ``sending`` is a claimed row; its ``next_attempt_at`` is the lease expiry,
# after which another dispatcher may take it over (the sender died mid-attempt).
PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"

# Retried: the receiver may succeed later. 408 and 429 are the receiver saying "not now".
# Every other 4xx (and any 3xx: redirects are not followed, a POST must not silently move) is a
# refusal of this exact signed body - retrying it can only fail the same way - so it fails at once.
RETRYABLE_4XX = frozenset({408, 429})
MAX_BACKOFF_S = 3600.0
MAX_RETRY_AFTER_S = 3600.0

_EVENT_PATTERN = re.compile(r"^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$")


# --------------------------------------------------------------------------- signing


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The value of the ``X-Tvec-Signature`` header for ``body`` sent at ``timestamp``."""
    return f"t={int(timestamp)},v1={_mac(secret, int(timestamp), body)}"


def _mac(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify(
    secret: str,
    header: str | None,
    body: bytes,
    now: dt.datetime | float | None = None,
    tolerance_s: float = DEFAULT_TOLERANCE_S,
) -> int:
    """Check a received webhook; returns its signed timestamp, raises WebhookSignatureError.

    The MAC comparison is constant-time (``hmac.compare_digest``) so that an attacker cannot
    learn the expected signature byte by byte from response times. A timestamp further than
    ``tolerance_s`` from ``now`` (either way) is refused: a captured request replayed later
    fails here even though its MAC is valid. Within the window, receivers should also drop an
    event id they have already processed (deliveries are at-least-once).
    """
    if not header:
        raise WebhookSignatureError(f"missing {SIGNATURE_HEADER} header")
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, sep, value = part.strip().partition("=")
        if not sep:
            raise WebhookSignatureError(f"malformed {SIGNATURE_HEADER} header: {part.strip()!r} is not key=value")
        if key == "t":
            if not value.isdigit():
                raise WebhookSignatureError(f"malformed {SIGNATURE_HEADER} header: timestamp {value!r} is not a number")
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None:
        raise WebhookSignatureError(f"malformed {SIGNATURE_HEADER} header: no t=<timestamp>")
    if not candidates:
        raise WebhookSignatureError(f"malformed {SIGNATURE_HEADER} header: no v1=<signature>")
    now_s = _unix(now)
    if abs(now_s - timestamp) > tolerance_s:
        raise WebhookSignatureError(
            f"timestamp {timestamp} is {now_s - timestamp:+.0f} s from now, outside the {tolerance_s:g} s "
            "tolerance: an old or replayed request"
        )
    expected = _mac(secret, timestamp, body)
    # compare every candidate (no early exit) so timing does not reveal which one matched
    matched = False
    for candidate in candidates:
        matched |= hmac.compare_digest(expected.encode(), candidate.encode())
    if not matched:
        raise WebhookSignatureError("signature does not match the body (wrong secret or altered body)")
    return timestamp


def _unix(now: dt.datetime | float | None) -> float:
    if now is None:
        return time.time()
    if isinstance(now, dt.datetime):
        if now.tzinfo is None:
            raise WebhookError(f"naive datetime {now!r}: pass an aware UTC time")
        return now.timestamp()
    return float(now)


# --------------------------------------------------------------------------- endpoints and events


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def redact_url(url: str) -> str:
    """The URL without a password in it (``https://user:secret@host/``), for logs and the audit
    log, which must never hold a credential."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.netloc.rsplit('@', 1)[1]}"
    return parts._replace(netloc=netloc).geturl()


def validate_url(url: str) -> str:
    """Only absolute http(s) URLs: anything else could never be delivered to, so it is refused
    when registered rather than failing eight times later."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookError(f"webhook URL {url!r}: must be an absolute http:// or https:// URL")
    if len(url) > 2048:
        raise WebhookError(f"webhook URL {url[:60]!r}...: longer than 2048 characters")
    return url.strip()


def _target_addresses(host: str, *, resolve: bool) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses a host name stands for: numeric forms (``127.1``, ``2130706433``, ``[::1]``)
    always, ``localhost`` names always, other names only with ``resolve`` (a DNS lookup). A name
    that does not resolve gives no address: the delivery then fails to connect on its own."""
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761: always loopback
        return [ipaddress.ip_address("127.0.0.1")]
    flags = 0 if resolve else socket.AI_NUMERICHOST
    try:
        infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM, flags=flags)
    except (socket.gaierror, UnicodeError, ValueError):
        return []
    found = []
    for info in infos:
        try:
            found.append(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]))
        except ValueError:
            continue
    return found


def refused_target(url: str, settings: TvecSettings | None, *, resolve: bool = True) -> str | None:
    """Why tvec must not send to ``url``, or None. Unless ``webhook_allow_private_targets`` is set,
    only public addresses are allowed: an endpoint on loopback, a private or link-local network
    (cloud metadata at 169.254.169.254), multicast or reserved space would let whoever registers
    webhooks make the service POST into its own network (SSRF). Checked at registration (numeric
    hosts) and again before every attempt (after DNS), since a name can change what it points to."""
    if settings is not None and settings.webhook_allow_private_targets:
        return None
    host = urlsplit(url.strip()).hostname
    if not host:
        return f"webhook URL {url!r} has no host"
    for address in _target_addresses(host, resolve=resolve):
        if not address.is_global or address.is_multicast:
            return (
                f"webhook URL {url!r}: host {host!r} is {address}, not a public address; deliveries to "
                "loopback, private, link-local or reserved addresses are refused unless "
                "TVEC_WEBHOOK_ALLOW_PRIVATE_TARGETS=true"
            )
    return None


def validate_events(events: Iterable[str]) -> list[str]:
    """Event filters: exact names (``decision.created``), a prefix (``decision.*``) or ``*``.
    An empty list subscribes to every event."""
    cleaned = []
    for event in events:
        name = event.strip()
        if not _EVENT_PATTERN.match(name):
            raise WebhookError(
                f"event filter {event!r}: expected a dotted lower-case name like 'decision.created', "
                "a prefix like 'decision.*', or '*'"
            )
        cleaned.append(name)
    return sorted(set(cleaned))


def subscribes(endpoint_events: Sequence[str], event_type: str) -> bool:
    if not endpoint_events:
        return True
    for pattern in endpoint_events:
        if pattern == "*" or pattern == event_type:
            return True
        if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
            return True
    return False


def add_endpoint(
    session: Session, url: str, events: Iterable[str] = (), actor: str = "system:cli",
    *, settings: TvecSettings | None = None,
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it and its signing secret (stored, since signing needs it
    in clear, but shown to the user only now). The registration is audited without the secret.
    With ``settings``, a URL whose host is a non-public address is refused now (see
    :func:`refused_target`); every delivery checks again in any case."""
    from tvec.store import audit

    url = validate_url(url)
    if settings is not None:
        refusal = refused_target(url, settings, resolve=False)
        if refusal is not None:
            raise WebhookError(refusal)
    endpoint = WebhookEndpoint(url=url, secret=new_secret(), events=validate_events(events), active=True)
    audit.lock_chain(session)  # chain lock before any row, the order every writer keeps
    session.add(endpoint)
    session.flush()
    audit.record(
        session, actor, "webhook.add", "webhook_endpoint", endpoint.id, None,
        {"url": redact_url(endpoint.url), "events": list(endpoint.events), "active": True},
    )
    return endpoint, endpoint.secret


def set_endpoint_active(session: Session, endpoint_id: int, active: bool, actor: str = "system:cli") -> WebhookEndpoint:
    """Switch an endpoint off (or on again); pending deliveries to an inactive one stay pending."""
    from tvec.store import audit

    audit.lock_chain(session)  # chain lock before the row lock: no deadlock with the workflow
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise WebhookError(f"webhook endpoint {endpoint_id}: no such endpoint")
    before = {"active": endpoint.active}
    endpoint.active = active
    session.flush()
    audit.record(session, actor, "webhook.activate" if active else "webhook.deactivate",
                 "webhook_endpoint", endpoint.id, before, {"active": active})
    return endpoint


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8: the same event always serialises to the same bytes."""
    try:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise WebhookError(f"webhook payload is not JSON-serialisable: {exc}") from exc


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise TypeError(f"naive datetime {value!r}")
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def enqueue(session: Session, event_type: str, payload: Mapping[str, Any]) -> list[WebhookDelivery]:
    """Queue ``event_type`` for every active endpoint subscribed to it, in the caller's
    transaction (nothing is sent here; nothing is committed here).

    The body is ``{"id", "type", "created_at", "data"}`` as canonical JSON; it is stored as the
    exact bytes to sign so that every retry sends (and signs) the same body."""
    if not _EVENT_PATTERN.match(event_type) or event_type.endswith("*"):
        raise WebhookError(f"event type {event_type!r}: expected a dotted lower-case name like 'decision.created'")
    endpoints = session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.active.is_(True))).all()
    targets = [e for e in endpoints if subscribes(e.events or [], event_type)]
    if not targets:
        return []
    now = utcnow()
    event_id = "evt_" + uuid.uuid4().hex
    body = canonical_json({"id": event_id, "type": event_type, "created_at": now, "data": dict(payload)})
    deliveries = []
    for endpoint in targets:
        delivery = WebhookDelivery(
            endpoint_id=endpoint.id, event_id=event_id, event_type=event_type, payload=body,
            status=PENDING, attempts=0, next_attempt_at=now, created_at=now,
        )
        session.add(delivery)
        deliveries.append(delivery)
    session.flush()
    return deliveries


# --------------------------------------------------------------------------- delivery


def backoff_seconds(attempts: int, settings: TvecSettings, rng: random.Random | None = None) -> float:
    """Delay before the next try after ``attempts`` tries: base * 2^(attempts-1), capped at an
    hour, times a jitter factor in [0.5, 1.5) so that endpoints recovering from an outage are
    not hit by every retry in the same second."""
    base = settings.webhook_backoff_seconds * (2 ** max(0, attempts - 1))
    jitter = (rng or random).uniform(0.5, 1.5)
    return min(MAX_BACKOFF_S, base) * jitter


def lease_seconds(settings: TvecSettings) -> float:
    """How long a claimed row stays ours. An attempt ends by its deadline (the timeout, for the
    whole attempt: :func:`webhook_client`), and recording the result may wait up to SQLite's
    busy timeout; the lease outlives both by a wide margin (kept at four timeouts plus 30 s, its
    value from when httpx's per-phase timeouts were the only bound)."""
    return 4 * settings.webhook_timeout_seconds + 30.0


# ---- the per-attempt deadline
#
# httpx times each phase of a request separately (connect, each write, each read, the pool),
# and a read timeout only bounds the wait for the *next* bytes: a target that sends a byte of
# its answer every few seconds never times out and can hold an attempt - and its sender - for as
# long as it likes, past the lease, after which another dispatcher sends the same event again.
# Every network operation of an attempt therefore gets at most what is left of the attempt's
# deadline; once it has passed, the next operation fails at once with the phase's timeout.

_attempt = threading.local()


def _left(timeout: float | None, expired: type[Exception]) -> float | None:
    deadline = getattr(_attempt, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired(f"the attempt's deadline passed ({_attempt.budget:g} s for the whole attempt)")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_tcp(
            host, port, _left(timeout, httpcore.ConnectTimeout), local_address, socket_options
        ))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_unix_socket(
            path, _left(timeout, httpcore.ConnectTimeout), socket_options
        ))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport, whose connections hand every socket operation the time left of
    the current attempt. (httpx does not take a network backend, so it is put into the
    connection pool it built; tests/test_outbound_webhooks.py checks it against a dripping
    target, so an httpx that changed this breaks a test, not the deadline.)"""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        pool = self._pool
        pool._network_backend = _DeadlineBackend(pool._network_backend)  # noqa: SLF001


def webhook_client(settings: TvecSettings) -> httpx.Client:
    """The HTTP client deliveries are sent with: ``webhook_timeout_seconds`` per phase as before,
    and - through :func:`_send` - the same for the whole attempt."""
    return httpx.Client(timeout=settings.webhook_timeout_seconds, transport=_DeadlineTransport())


@dataclass(frozen=True)
class _Claim:
    delivery_id: int
    attempt: int  # attempts after this claim: the row's version while we hold it
    url: str
    secret: str
    event_id: str
    event_type: str
    body: bytes


@dataclass(frozen=True)
class AttemptResult:
    delivery_id: int
    status: str  # the row's status after the attempt
    status_code: int | None
    error: str | None


def _due_by_endpoint(db: Database, now: dt.datetime, limit: int) -> dict[int, list[tuple[int, int]]]:
    """The due deliveries (id, attempts seen) of each endpoint, oldest first, endpoints in the
    order of their oldest due delivery."""
    batches: dict[int, list[tuple[int, int]]] = {}
    for delivery_id, seen_attempts, endpoint_id in _due_candidates(db, now, limit):
        batches.setdefault(endpoint_id, []).append((delivery_id, seen_attempts))
    return batches


def _due_candidates(db: Database, now: dt.datetime, limit: int) -> list[tuple[int, int, int]]:
    # a plain read: the claim below re-checks everything under the write lock
    with db.session(readonly=True) as session:
        rows = session.execute(
            select(WebhookDelivery.id, WebhookDelivery.attempts, WebhookDelivery.endpoint_id)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookEndpoint.active.is_(True),
                WebhookDelivery.status.in_((PENDING, SENDING)),
                WebhookDelivery.next_attempt_at <= now,
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        ).all()
    return [(row[0], row[1], row[2]) for row in rows]


def _claim(
    db: Database, delivery_id: int, seen_attempts: int, due_by: dt.datetime, settings: TvecSettings
) -> _Claim | None:
    """Take one row, or learn that another dispatcher did.

    The UPDATE only matches while the row still has the attempt count we saw and is still due,
    and it increments that count: of two dispatchers racing for the row, the second one's
    UPDATE (serialised after the first by the row lock on PostgreSQL, by the database write lock
    on SQLite) no longer matches and changes nothing. It runs first in its own short transaction
    so SQLite takes the write lock before reading (no stale snapshot)."""
    # the lease runs from the clock, not from the pass's start: a long pass must not hand out
    # leases that have already expired
    lease_until = utcnow() + dt.timedelta(seconds=lease_seconds(settings))
    with db.engine.begin() as conn:
        result = conn.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.attempts == seen_attempts,
                WebhookDelivery.status.in_((PENDING, SENDING)),
                WebhookDelivery.next_attempt_at <= due_by,
            )
            .values(status=SENDING, attempts=seen_attempts + 1, next_attempt_at=lease_until)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            return None
        row = conn.execute(
            select(
                WebhookDelivery.event_id, WebhookDelivery.event_type, WebhookDelivery.payload,
                WebhookEndpoint.url, WebhookEndpoint.secret,
            )
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookDelivery.id == delivery_id)
        ).one()
    return _Claim(
        delivery_id=delivery_id, attempt=seen_attempts + 1, url=row.url, secret=row.secret,
        event_id=row.event_id, event_type=row.event_type, body=row.payload.encode("utf-8"),
    )


def _send(client: httpx.Client, claim: _Claim, settings: TvecSettings) -> tuple[int | None, str | None, float | None]:
    """One POST. Returns (status code, error text, Retry-After seconds)."""
    timestamp = int(time.time())  # the receiver checks it against its own clock
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "tvec-webhooks/1",
        SIGNATURE_HEADER: sign(claim.secret, timestamp, claim.body),
        EVENT_TYPE_HEADER: claim.event_type,
        EVENT_ID_HEADER: claim.event_id,
        DELIVERY_HEADER: str(claim.delivery_id),
    }
    budget = settings.webhook_timeout_seconds
    _attempt.deadline, _attempt.budget = time.monotonic() + budget, budget
    try:
        # streamed, so that only the start of an error page is read, however large it is
        with client.stream(
            "POST", claim.url, content=claim.body, headers=headers,
            timeout=settings.webhook_timeout_seconds, follow_redirects=False,
        ) as response:
            code = response.status_code
            if 200 <= code < 300:
                return code, None, None
            excerpt = _start_of(response)
            location = response.headers.get("location", "?")
            retry_after = _retry_after(response.headers.get("retry-after"))
    except httpx.TimeoutException as exc:
        if time.monotonic() >= _attempt.deadline - 0.01:
            return None, f"timeout: no complete answer within the attempt's deadline of {budget:g} s ({type(exc).__name__})", None
        return None, f"timeout after {budget:g} s ({type(exc).__name__})", None
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:1000], None
    finally:
        _attempt.deadline = None
    error = f"HTTP {code}" + (f": {excerpt}" if excerpt else "")
    if 300 <= code < 400:
        error += f" (redirect to {location} not followed)"
    return code, error, retry_after


def _start_of(response: httpx.Response, size: int = 200) -> str:
    chunks: list[bytes] = []
    read = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        read += len(chunk)
        if read >= size:
            break
    return b"".join(chunks)[:size].decode("utf-8", "replace").strip()


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(MAX_RETRY_AFTER_S, float(value.strip()))
    return None


def _record(
    db: Database, claim: _Claim, code: int | None, error: str | None, retry_after: float | None,
    settings: TvecSettings, rng: random.Random | None, *, permanent: bool = False,
) -> AttemptResult:
    now = utcnow()
    values: dict[str, Any] = {"last_status_code": code, "last_error": error}
    if error is None:
        values.update(status=DELIVERED, delivered_at=now)
    elif not permanent and (code is None or code >= 500 or code in RETRYABLE_4XX) and claim.attempt < settings.webhook_max_attempts:
        delay = backoff_seconds(claim.attempt, settings, rng)
        if retry_after is not None:
            delay = max(delay, retry_after)
        values.update(status=PENDING, next_attempt_at=now + dt.timedelta(seconds=delay))
    else:
        values.update(status=FAILED)
        if not permanent and (code is None or code >= 500 or code in RETRYABLE_4XX):
            values["last_error"] = f"{error} - gave up after {claim.attempt} attempt(s)"
    with db.engine.begin() as conn:
        result = conn.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == claim.delivery_id,
                WebhookDelivery.status == SENDING,
                WebhookDelivery.attempts == claim.attempt,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    if result.rowcount != 1:  # our lease ran out and another dispatcher took the row over
        log.warning("webhook delivery %s: lease lost before the result was recorded", claim.delivery_id)
    return AttemptResult(claim.delivery_id, values["status"], code, values["last_error"])


def deliver_due(
    db: Database,
    client: httpx.Client,
    now: dt.datetime | None,
    settings: TvecSettings,
    *,
    limit: int = 100,
    rng: random.Random | None = None,
) -> int:
    """One delivery pass: claim and send every due delivery (up to ``limit``); returns the
    number of attempts this process made (rows another dispatcher won are not counted)."""
    return len(deliver_due_results(db, client, now, settings, limit=limit, rng=rng))


def deliver_due_results(
    db: Database,
    client: httpx.Client,
    now: dt.datetime | None,
    settings: TvecSettings,
    *,
    limit: int = 100,
    rng: random.Random | None = None,
) -> list[AttemptResult]:
    """``deliver_due`` with the outcome of each attempt (for the CLI and tests).

    Endpoints are served side by side, up to ``webhook_concurrency`` at once, each by its own
    thread working through its queue in order: a target that never answers costs its own
    deliveries a timeout, not everyone else's (they used to wait one timeout per pass behind
    it). The pass returns when every endpoint's share is done."""
    now = now or utcnow()
    batches = _due_by_endpoint(db, now, limit)
    if len(batches) <= 1:  # nothing to isolate: no thread
        return [r for due in batches.values() for r in _deliver_endpoint(db, client, now, settings, due, rng)]
    with ThreadPoolExecutor(
        max_workers=min(len(batches), settings.webhook_concurrency), thread_name_prefix="tvec-webhook"
    ) as pool:
        futures = [pool.submit(_deliver_endpoint, db, client, now, settings, due, rng) for due in batches.values()]
        return [result for future in futures for result in future.result()]


def _deliver_endpoint(
    db: Database,
    client: httpx.Client,
    now: dt.datetime,
    settings: TvecSettings,
    due: list[tuple[int, int]],
    rng: random.Random | None,
) -> list[AttemptResult]:
    """One endpoint's due deliveries, in order. After a retryable failure (timeout, refused
    connection, 5xx, 408, 429) the rest wait for a later pass: one dead endpoint with a long
    queue would otherwise take queue x timeout seconds, and a struggling one would be hit once
    per queued event."""
    results: list[AttemptResult] = []
    for delivery_id, seen_attempts in due:
        claim = _claim(db, delivery_id, seen_attempts, now, settings)
        if claim is None:
            continue
        refusal = refused_target(claim.url, settings)
        if refusal is not None:  # not sent at all; retrying cannot help until the setting changes
            results.append(_record(db, claim, None, refusal, None, settings, rng, permanent=True))
            continue
        code, error, retry_after = _send(client, claim, settings)
        results.append(_record(db, claim, code, error, retry_after, settings, rng))
        if error is not None and (code is None or code >= 500 or code in RETRYABLE_4XX):
            break
    return results


def retry_now(session: Session, delivery_id: int, actor: str = "system:cli") -> WebhookDelivery:
    """Put a failed delivery back in the queue (after fixing the endpoint), with a fresh
    attempt budget; audited."""
    from tvec.store import audit

    audit.lock_chain(session)  # chain lock before the row lock: no deadlock with the workflow
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        raise WebhookError(f"webhook delivery {delivery_id}: no such delivery")
    if delivery.status != FAILED:
        raise WebhookError(f"webhook delivery {delivery_id}: is {delivery.status}, only failed deliveries are retried")
    before = {"status": delivery.status, "attempts": delivery.attempts}
    session.execute(
        update(WebhookDelivery)
        .where(and_(WebhookDelivery.id == delivery_id, WebhookDelivery.status == FAILED))
        .values(status=PENDING, attempts=0, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(delivery)
    audit.record(session, actor, "webhook.retry", "webhook_delivery", delivery_id, before,
                 {"status": PENDING, "attempts": 0})
    return delivery


def delivery_counts(session: Session) -> dict[int, dict[str, int]]:
    """Per endpoint id: how many deliveries are in each status (for ``tvec webhooks list``)."""
    from sqlalchemy import func

    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(WebhookDelivery.endpoint_id, WebhookDelivery.status, func.count())
        .group_by(WebhookDelivery.endpoint_id, WebhookDelivery.status)
    ).all()
    for endpoint_id, status, count in rows:
        counts.setdefault(endpoint_id, {})[status] = count
    return counts


class WebhookDispatcher:
    """A background thread that looks for due deliveries every ``interval`` seconds (or when
    woken) and hands each endpoint's share to a pool of ``webhook_concurrency`` sender threads.

    An endpoint still being sent to is left out of the next looks until its sender is done, so a
    target that never answers ties up one sender for a timeout while the others keep delivering
    (new events included) at once; passes never wait for senders. Any number of dispatchers
    (threads or processes) may share a database: rows are claimed one at a time (see
    ``_claim``). A look that raises is logged and the next one runs anyway, so a database hiccup
    does not stop deliveries for the life of the process."""

    def __init__(
        self,
        db: Database,
        settings: TvecSettings,
        *,
        interval: float = 1.0,
        client: httpx.Client | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.interval = interval
        self._client = client
        self._owns_client = client is None
        self._rng = rng or random.Random()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._senders: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._in_flight: dict[int, Future[list[AttemptResult]]] = {}  # endpoint id -> its sender
        self.passes = 0
        self.attempts = 0

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        if self._client is None:
            self._client = webhook_client(self.settings)
        self._senders = ThreadPoolExecutor(
            max_workers=self.settings.webhook_concurrency, thread_name_prefix="tvec-webhook-sender"
        )
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="tvec-webhook-dispatcher", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Run the next pass now instead of at the end of the interval (after an enqueue)."""
        self._wake.set()

    def stop(self, timeout: float | None = 10.0) -> None:
        """Stop looking, and wait up to ``timeout`` for the attempts in progress: one that is
        cut off is retried later by whichever dispatcher finds its lease expired."""
        started = time.monotonic()
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._senders is not None:
            self._senders.shutdown(wait=False, cancel_futures=True)
            with self._lock:
                pending = list(self._in_flight.values())
            left = None if timeout is None else max(0.0, timeout - (time.monotonic() - started))
            futures_wait(pending, timeout=left)
            self._senders = None
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._dispatch()
            except Exception:  # keep delivering after a transient failure
                log.exception("webhook delivery pass failed; retrying in %.1f s", self.interval)
            self.passes += 1
            self._wake.wait(self.interval)
            self._wake.clear()

    def _dispatch(self) -> None:
        """Give each endpoint with due deliveries, and no sender at work, a sender."""
        assert self._client is not None and self._senders is not None
        now = utcnow()
        for endpoint_id, due in _due_by_endpoint(self.db, now, 100).items():
            with self._lock:
                if endpoint_id in self._in_flight or self._stop.is_set():
                    continue
                future = self._senders.submit(
                    _deliver_endpoint, self.db, self._client, now, self.settings, due, self._rng
                )
                self._in_flight[endpoint_id] = future
            future.add_done_callback(lambda done, endpoint_id=endpoint_id: self._finished(endpoint_id, done))

    def _finished(self, endpoint_id: int, future: Future[list[AttemptResult]]) -> None:
        with self._lock:
            self._in_flight.pop(endpoint_id, None)
        if future.cancelled():
            return
        failure = future.exception()
        if failure is not None:
            log.error("webhook deliveries to endpoint %s failed", endpoint_id, exc_info=failure)
            return
        results = future.result()
        self.attempts += len(results)
        if results and results[-1].status != PENDING:
            # it answered: more may be due (a queue longer than one look); one that failed and
            # will be retried waits for the interval, so that it is not hit back to back
            self._wake.set()
