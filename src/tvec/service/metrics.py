"""Prometheus metrics of one app. Each app owns its ``CollectorRegistry`` (no process-global
registry), so two apps in one process (tests, a bench) never share or double-register series.

Counters and the latency histogram are updated by the request middleware; the queue gauges are
read from the database at scrape time, because the database, not this process, is the truth
(several workers or the console may change it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from tvec.store.models import Case, WebhookDelivery

if TYPE_CHECKING:
    from tvec.store.db import Database

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class _DatabaseGauges(Collector):
    """``tvec_cases_open{queue}`` and ``tvec_webhook_deliveries_pending``, queried per scrape."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def collect(self) -> Iterator[GaugeMetricFamily]:
        cases = GaugeMetricFamily("tvec_cases_open", "cases not yet decided, by queue", labels=["queue"])
        pending = GaugeMetricFamily(
            "tvec_webhook_deliveries_pending", "webhook deliveries awaiting an attempt"
        )
        try:
            with self.db.session() as session:
                rows = session.execute(
                    select(Case.queue, func.count()).where(Case.status != "decided").group_by(Case.queue)
                ).all()
                waiting = session.scalar(
                    select(func.count())
                    .select_from(WebhookDelivery)
                    .where(WebhookDelivery.status == "pending")
                )
        except Exception:  # noqa: BLE001 - a scrape must not fail because the database is down; /readyz says so
            return
        for queue, count in rows:
            cases.add_metric([queue], count)
        pending.add_metric([], waiting or 0)
        yield cases
        yield pending


class ServiceMetrics:
    """The metric objects of one app, registered in its own registry."""

    def __init__(self, db: Database | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "tvec_http_requests",
            "HTTP requests served",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "tvec_http_request_duration_seconds",
            "time to serve an HTTP request",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.scans = Counter(
            "tvec_scans", "documents scanned, by most severe action", ["action"], registry=self.registry
        )
        if db is not None:
            self.registry.register(_DatabaseGauges(db))

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
