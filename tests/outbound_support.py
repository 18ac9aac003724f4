"""Helpers for the outbound tests: a database to work in, rows to report on, and a real HTTP
receiver that checks signatures the way a platform would."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tvec.outbound import webhooks
from tvec.store.models import Account, Appeal, Case, DecisionRecord, StoredDocument

UTC = dt.UTC


# --------------------------------------------------------------------------- receiver


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool
    problem: str | None

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1. ``script`` gives the status of each request in turn
    (the last one repeats); ``delay`` seconds of sleep before answering simulates a slow one."""

    secret: str = ""
    script: list[int] = field(default_factory=lambda: [200])
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hook"

    def next_status(self) -> int:
        with self.lock:
            index = len(self.received)
        return self.script[min(index, len(self.script) - 1)]

    def record(self, item: Received) -> None:
        with self.lock:
            self.received.append(item)

    def bodies(self) -> list[bytes]:
        with self.lock:
            return [r.body for r in self.received]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name for the POST handler
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            status = receiver.next_status()
            problem = None
            try:
                webhooks.verify(receiver.secret, self.headers.get(webhooks.SIGNATURE_HEADER), body)
                ok = True
            except webhooks.WebhookSignatureError as exc:
                ok, problem = False, str(exc)
            receiver.record(Received(self.path, dict(self.headers), body, ok, problem))
            if receiver.delay:
                time.sleep(receiver.delay)
            try:
                self.send_response(status)
                for name, value in receiver.headers.items():
                    self.send_header(name, value)
                payload = b"ok" if status < 300 else b"try again"
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
                pass

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


def serve(receiver: Receiver) -> Callable[[], None]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    receiver.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(5)

    return stop


# --------------------------------------------------------------------------- rows


def add_document(session: Any, client_id: str, *, received_at: dt.datetime, lang: str | None = "en",
                 scan: dict[str, Any] | None = None, meta: dict[str, Any] | None = None,
                 action: str = "remove") -> StoredDocument:
    text = f"Sample text {client_id} about [GROUP] written for the test."
    document = StoredDocument(
        client_id=client_id, sha256=f"{abs(hash(text)):064d}"[:64], text=text, size_bytes=len(text), lang=lang,
        meta=meta or {}, received_at=received_at, scan=scan or {"signals": []}, policy_version="test", action=action,
    )
    session.add(document)
    session.flush()
    return document


def add_decision(session: Any, document: StoredDocument, *, action: str, categories: list[str],
                 reason_code: str | None, kind: str = "automated", jurisdiction: str = "EU",
                 decided_at: dt.datetime, detected: bool = True, automated: bool | None = None,
                 case: Case | None = None, rule: str | None = "test-rule", rationale: str = "",
                 decided_by: Account | None = None) -> DecisionRecord:
    record = DecisionRecord(
        document_id=document.id, case_id=case.id if case else None, jurisdiction=jurisdiction, action=action,
        categories=categories, reason_code=reason_code, rule=rule,
        rationale=rationale or f"{action} under rule {rule} ({reason_code}): a rule written for the test.",
        kind=kind, automated_detection=detected,
        automated_decision=(kind == "automated" and action == "remove") if automated is None else automated,
        decided_by=decided_by.id if decided_by else None, decided_at=decided_at, policy_version="test",
    )
    session.add(record)
    session.flush()
    return record


def add_case(session: Any, document: StoredDocument, *, jurisdiction: str = "EU", categories: list[str],
             created_at: dt.datetime, status: str = "open", queue: str = "default") -> Case:
    case = Case(document_id=document.id, jurisdiction=jurisdiction, categories=categories, proposed_action="review",
                status=status, queue=queue, created_at=created_at, updated_at=created_at)
    session.add(case)
    session.flush()
    return case


def add_appeal(session: Any, case: Case, decision: DecisionRecord, *, filed_at: dt.datetime,
               status: str = "open", decided_at: dt.datetime | None = None) -> Appeal:
    appeal = Appeal(case_id=case.id, appealed_decision_id=decision.id, appellant="user-1",
                    statement="I think this was a mistake.", filed_at=filed_at, status=status, decided_at=decided_at)
    session.add(appeal)
    session.flush()
    return appeal
