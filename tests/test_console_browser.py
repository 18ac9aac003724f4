"""The console in a real browser: Debian's chromium driven by the Python playwright package.

The service runs under uvicorn on a free loopback port with a temporary SQLite database and its
webhook dispatcher; a platform's webhook receiver listens on another port. The test submits a
templated document through POST /v1/scan, logs in as a reviewer, claims the case with the `c`
key, decides it with `r` + Enter, and checks that the receiver got a correctly signed
``decision.created`` for that decision and that the audit log grew (and still verifies).
Screenshots of the queue and case views go to test-artifacts/ at the repository root.

Playwright's own browser download is never used (CI installs chromium with scripts/chromium.sh);
without /usr/bin/chromium the test is skipped, saying so.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "browser test password"
# templated and fictional, like HateCheck's cases: a one-line call the policy sends to review
# the markup in it must stay text: if it ran, the page title would change
TEMPLATED_CALL = (
    "Posted in a forum thread about Examplia. <script>document.title='owned'</script>"
    "<img src=x onerror=\"document.title='owned'\">\n\n"
    "Soldiers of Examplia, rise up, seize the capital and overthrow the government tonight!"
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Debian chromium is not installed at {CHROMIUM}: run scripts/chromium.sh (CI does) to run the browser test",
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class WebhookReceiver:
    """The platform's end: records every request (headers and exact body bytes)."""

    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> ThreadingHTTPServer:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def received(self) -> list[tuple[dict[str, str], bytes]]:
        with self.lock:
            return list(self.requests)


@dataclass
class Service:
    app: object
    base_url: str
    api_key: str
    receiver: WebhookReceiver
    webhook_secret: str


@pytest.fixture()
def service(tmp_path: Path) -> Iterator[Service]:
    import uvicorn

    from tvec.outbound.webhooks import add_endpoint
    from tvec.service.app import create_app
    from tvec.settings import TvecSettings
    from tvec.store.accounts import create_account, issue_api_key

    settings = TvecSettings(
        home=tmp_path / "home",
        database_url=f"sqlite:///{tmp_path / 'console-browser.sqlite'}",
        webhook_backoff_seconds=0.5,
    )
    app = create_app(settings)
    receiver = WebhookReceiver()
    hook_server = receiver.start()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    db = app.state.db
    with db.session() as session:
        create_account(session, "rita", "reviewer", PASSWORD)
        submitter = create_account(session, "platform", "submitter")
        key, _row = issue_api_key(session, submitter)
        host, hook_port = hook_server.server_address[:2]
        _endpoint, secret = add_endpoint(session, f"http://{host}:{hook_port}/tvec", ["decision.created"])
    try:
        yield Service(app, f"http://127.0.0.1:{port}", key, receiver, secret)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        hook_server.shutdown()
        db.dispose()


def _audit_entries(app) -> int:
    from tvec.store.models import AuditEntry

    with app.state.db.session(readonly=True) as session:
        return session.execute(select(func.count(AuditEntry.id))).scalar_one()


def test_reviewer_claims_and_decides_in_chromium(service: Service) -> None:
    from playwright.sync_api import expect, sync_playwright

    from tvec.outbound.webhooks import verify
    from tvec.store import audit
    from tvec.store.models import Case

    scanned = httpx.post(
        f"{service.base_url}/v1/scan",
        headers={"Authorization": f"Bearer {service.api_key}"},
        json={"id": "forum-post-1", "text": TEMPLATED_CALL, "jurisdictions": ["UK", "EU"]},
        timeout=30,
    )
    assert scanned.status_code == 201, scanned.text
    with service.app.state.db.session(readonly=True) as session:
        cases = session.execute(select(Case).order_by(Case.id)).scalars().all()
        assert [c.status for c in cases] == ["open", "open"], "the templated call should go to review in UK and EU"
        case_id = cases[0].id
    audit_before = _audit_entries(service.app)
    ARTIFACTS.mkdir(exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.goto(f"{service.base_url}/console/queue/default")
            expect(page).to_have_url(f"{service.base_url}/console/login?next=%2Fconsole%2Fqueue%2Fdefault")
            page.fill("input[name=username]", "rita")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page).to_have_url(f"{service.base_url}/console/queue/default")
            expect(page.locator("#case-table tbody tr")).to_have_count(2)
            page.screenshot(path=str(ARTIFACTS / "console-queue.png"), full_page=True)

            page.click(f"a[href='/console/cases/{case_id}']")
            expect(page).to_have_url(f"{service.base_url}/console/cases/{case_id}")
            # violent content starts hidden; `s` shows it
            expect(page.locator("#document-text")).not_to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "console-case-collapsed.png"), full_page=True)
            page.keyboard.press("s")
            expect(page.locator("#document-text")).to_be_visible()
            expect(page.locator("#document-text mark.ev").first).to_be_visible()
            expect(page.locator("#document-text")).to_contain_text("<script>document.title='owned'</script>")
            assert page.locator("#document-text img, #document-text script").count() == 0
            assert page.title() == f"Case #{case_id} · tvec review console"

            page.keyboard.press("c")  # claim
            expect(page.locator("#decide-form")).to_be_visible()
            expect(page.locator("#claim-state")).to_contain_text("you until")
            page.keyboard.press("s")
            page.keyboard.press("r")  # fill: remove + the suggested reason code; focus on Decide
            expect(page.locator("input[name=action][value=remove]")).to_be_checked()
            expect(page.locator("#reason-code")).to_have_value("TVEC_VIOLATING_CONTENT")
            expect(page.locator("#decide-hint")).to_contain_text("Enter to confirm")
            page.screenshot(path=str(ARTIFACTS / "console-case.png"), full_page=True)
            page.keyboard.press("Enter")
            # deciding goes on to the next case of the queue (the EU case of the same post)
            expect(page).to_have_url(f"{service.base_url}/console/cases/{cases[1].id}?done=decided&case={case_id}")
            expect(page.locator(".notice.ok")).to_have_text(f"Decision on case #{case_id} recorded.")
            expect(page.locator("#review-counter")).to_contain_text("1 reviewed this session")

            page.goto(f"{service.base_url}/console/cases/{case_id}")
            expect(page.locator("#history")).to_contain_text("case.decide")
            expect(page.locator("#decision-records")).to_contain_text("TVEC_VIOLATING_CONTENT")
            page.screenshot(path=str(ARTIFACTS / "console-case-decided.png"), full_page=True)
            page.keyboard.press("g")  # soften: greyscale + blur, remembered across pages
            expect(page.locator("body")).to_have_class("gated soften")
            page.keyboard.press("?")
            expect(page.locator("#help")).to_be_visible()
            page.keyboard.press("Escape")
            expect(page.locator("#help")).to_be_hidden()
            page.goto(f"{service.base_url}/console/queue/default")
            expect(page.locator("body")).to_have_class("soften")
        finally:
            browser.close()

    with service.app.state.db.session(readonly=True) as session:
        assert session.get(Case, case_id).status == "decided"
        assert audit.verify(session).ok
    assert _audit_entries(service.app) >= audit_before + 2  # the claim and the decision

    deadline = time.monotonic() + 20
    review_events: list[tuple[dict[str, str], bytes]] = []
    while time.monotonic() < deadline and not review_events:
        review_events = [
            (headers, body) for headers, body in service.receiver.received()
            if json.loads(body)["data"].get("kind") == "review"
        ]
        time.sleep(0.2)
    assert review_events, f"no review decision reached the webhook receiver: {service.receiver.received()!r}"
    headers, body = review_events[0]
    verify(service.webhook_secret, headers.get("x-tvec-signature"), body, dt.datetime.now(dt.UTC))
    event = json.loads(body)
    assert event["type"] == "decision.created"
    assert event["data"]["case_id"] == case_id
    assert (event["data"]["action"], event["data"]["reason_code"]) == ("remove", "TVEC_VIOLATING_CONTENT")
    assert event["data"]["automated_decision"] is False
