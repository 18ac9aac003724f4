"""Operations: liveness/readiness, Prometheus metrics, structured request logs, the demo
bootstrap behind ``tvec serve --demo`` and the command itself."""

from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner
from prometheus_client.parser import text_string_to_metric_families
from service_support import Api, TestClient, make_settings, review_text

from tvec.service.logging import ACCESS_LOGGER, JsonFormatter


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def test_health_and_readiness(api):
    assert api.client.get("/healthz").json() == {"status": "ok", "checks": {}}
    ready = api.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {"database": True, "scanner": True}


def test_readiness_fails_when_the_database_does_not_answer(api, monkeypatch):
    monkeypatch.setattr(api.db, "ping", lambda: False)
    response = api.client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["database"] is False
    assert api.client.get("/healthz").status_code == 200  # alive, just not ready


def test_metrics_count_requests_scans_and_open_cases(api):
    api.scan("m-1", review_text(0), jurisdictions=["EU"])
    api.scan("m-2", "The weather was mild.", jurisdictions=["EU"])
    api.client.get("/v1/cases", headers=api.auth("reviewer"))
    api.client.get("/v1/cases")  # 401
    samples = _samples(api.client.get("/metrics").text)
    assert samples[("tvec_scans_total", (("action", "review"),))] == 1
    assert samples[("tvec_scans_total", (("action", "allow"),))] == 1
    assert samples[("tvec_cases_open", (("queue", "default"),))] == 1
    assert samples[("tvec_webhook_deliveries_pending", ())] == 0
    assert (
        samples[("tvec_http_requests_total", (("method", "POST"), ("route", "/v1/scan"), ("status", "201")))]
        == 2
    )
    assert (
        samples[("tvec_http_requests_total", (("method", "GET"), ("route", "/v1/cases"), ("status", "401")))]
        == 1
    )
    count = samples[("tvec_http_request_duration_seconds_count", (("method", "GET"), ("route", "/v1/cases")))]
    assert count == 2


def test_each_app_has_its_own_metrics_registry(api, database, service_scanner, tmp_path):
    from tvec.service.app import create_app
    from tvec.settings import TvecSettings

    other = create_app(
        TvecSettings(home=tmp_path / "other"),
        database=database,
        scanner=service_scanner,
        start_dispatcher=False,
    )
    api.client.get("/healthz")
    assert other.state.metrics.registry is not api.app.state.metrics.registry
    assert b'route="/healthz"' not in other.state.metrics.render()


def test_one_json_log_line_per_request_with_its_request_id(api, caplog):
    with caplog.at_level(logging.INFO, logger=ACCESS_LOGGER):
        response = api.client.get("/v1/cases", headers={**api.auth("reviewer"), "X-Request-ID": "req-42"})
        unauthenticated = api.client.get("/v1/cases")
    assert response.headers["x-request-id"] == "req-42"
    records = [r for r in caplog.records if r.name == ACCESS_LOGGER]
    assert len(records) == 2
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["request_id"] == "req-42" and line["status"] == 200 and line["route"] == "/v1/cases"
    assert line["method"] == "GET" and line["account"] == f"{api.ids['reviewer']}:reviewer"
    assert isinstance(line["duration_ms"], float) and line["level"] == "info"
    other = json.loads(JsonFormatter().format(records[1]))
    assert other["status"] == 401 and "account" not in other
    assert len(other["request_id"]) == 32 and other["request_id"] == unauthenticated.headers["x-request-id"]


def test_a_bad_request_id_header_is_replaced(api):
    response = api.client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"})
    assert (
        response.headers["x-request-id"] != "bad id with spaces"
        and len(response.headers["x-request-id"]) == 32
    )


def test_unknown_paths_and_methods_use_the_error_shape(api):
    missing = api.client.get("/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = api.client.delete("/v1/scan", headers=api.auth("submitter"))
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"


def test_openapi_documents_auth_and_the_error_shape(api):
    schema = api.client.get("/openapi.json").json()
    assert "ApiKey" in schema["components"]["securitySchemes"]
    scan = schema["paths"]["/v1/scan"]["post"]
    assert {"201", "401", "403", "409", "413", "422"} <= set(scan["responses"])
    assert scan["security"] == [{"ApiKey": []}]
    assert schema["components"]["schemas"]["ScanDocument"]["additionalProperties"] is False


def test_demo_bootstrap_scans_the_corpus_and_creates_an_admin(database, service_scanner, tmp_path):
    from tvec.scanner import Scanner
    from tvec.service import demo_bootstrap as boot
    from tvec.settings import TvecSettings
    from tvec.store import accounts

    settings = boot.demo_settings(TvecSettings(home=tmp_path / "ignored"), tmp_path / "demo")
    boot.seed_demo_bank(settings)
    scanner = Scanner(settings)
    seeded = boot.scan_demo_corpus(database, scanner, settings)
    assert seeded.documents >= 10 and seeded.flagged >= 3 and seeded.unreadable == 0
    again = boot.scan_demo_corpus(database, scanner, settings)  # idempotent
    assert again.documents == seeded.documents
    admin = boot.create_demo_admin(database)
    second = boot.create_demo_admin(database)
    assert admin.name == "admin" and second.name != admin.name
    with database.session() as session:
        account = accounts.authenticate_api_key(session, admin.api_key)
        assert account is not None and account.role == "admin"
        assert accounts.verify_password(account, admin.password)
        from sqlalchemy import select

        from tvec.store.models import StoredDocument

        ids = set(session.scalars(select(StoredDocument.client_id)))
    assert "demo/posts.jsonl#post-1" in ids and "demo/news_report.md" in ids


def test_serve_is_a_tvec_command():
    from tvec.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--demo" in result.output and "--port" in result.output


def test_the_app_lifespan_runs_the_dispatcher_and_a_decision_reaches_a_signed_webhook(
    database, service_scanner, tmp_path
):
    """create_app's lifespan starts the WebhookDispatcher (and stops it on shutdown): a decision
    taken through the API arrives at a real HTTP receiver, signed with the endpoint's secret."""
    import time

    from outbound_support import Receiver, serve

    from tvec.service.app import create_app
    from tvec.store import accounts

    receiver = Receiver()
    stop = serve(receiver)
    try:
        # the receiver listens on loopback, which registration refuses unless this is set
        settings = make_settings(tmp_path, webhook_allow_private_targets=True)
        app = create_app(settings, database=database, scanner=service_scanner)
        with database.session() as session:
            admin = accounts.create_account(session, "admin", "admin")
            key, _ = accounts.issue_api_key(session, admin)
        api = Api(client=TestClient(app), app=app, db=database, keys={"admin": key, "submitter": key})
        with api.client:
            assert app.state.dispatcher is not None and app.state.dispatcher.running
            hook = api.client.post(
                "/v1/webhooks",
                json={"url": receiver.url, "events": ["decision.created"]},
                headers=api.auth("admin"),
            ).json()
            receiver.secret = hook["secret"]
            case_id = api.review_case("hooked")
            decision = api.remove_by_review(case_id, who="admin")
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not any(
                r.event.get("data", r.event).get("decision_id") == decision["id"] for r in receiver.received
            ):
                time.sleep(0.1)
            dispatcher = app.state.dispatcher
        assert dispatcher.running is False and app.state.dispatcher is None
    finally:
        stop()
    assert receiver.received and all(r.signature_ok for r in receiver.received), [
        r.problem for r in receiver.received
    ]
    events = [r.event for r in receiver.received]
    assert any(decision["id"] == e.get("data", e).get("decision_id") for e in events), events
    delivered = api.client.get("/v1/webhooks/deliveries?status=delivered", headers=api.auth("admin")).json()
    assert delivered


def test_worker_app_reads_its_settings_and_options_from_the_environment(monkeypatch, tmp_path):
    from tvec.service import serve

    monkeypatch.setattr(
        "tvec.service.logging.configure_logging", lambda *a, **k: None
    )  # keep pytest's logging
    monkeypatch.delenv("TVEC_DATABASE_URL", raising=False)
    monkeypatch.setenv("TVEC_HOME", str(tmp_path / "worker-home"))
    monkeypatch.setenv("TVEC_JURISDICTIONS", "EU")
    monkeypatch.setenv(serve._WORKER_NO_DISPATCHER, "1")
    app = serve.worker_app()
    with TestClient(app) as client:
        assert client.get("/readyz").status_code == 200
        assert app.state.dispatcher is None
    assert app.state.settings.home == tmp_path / "worker-home" and app.state.settings.jurisdictions == ["EU"]


@pytest.mark.parametrize("workers", [1, 2])
def test_tvec_serve_demo_runs_the_service_and_prints_working_credentials(tmp_path, workers):
    """The README's run command, as a user runs it: a real uvicorn on loopback (and with two
    worker processes, which read the demo's settings from the environment)."""
    import os
    import re
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "TVEC_HOME": str(tmp_path / "user-home")}
    env.pop("TVEC_DATABASE_URL", None)
    command = [
        sys.executable,
        "-c",
        "from tvec.cli import main; main()",
        "serve",
        "--demo",
        "--port",
        str(port),
        "--demo-home",
        str(tmp_path / "demo"),
        "--no-dispatcher",
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any("API key:" in line for line in lines):
            line = server.stderr.readline()
            if not line and server.poll() is not None:
                break
            lines.append(line)
        banner = "".join(lines)
        key = re.search(r"API key:\s+(\S+)", banner)
        assert key, banner
        assert f"http://127.0.0.1:{port}/console" in banner and re.search(r"password:\s+\S{12,}", banner)
        base = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        cases = httpx.get(f"{base}/v1/cases", headers={"Authorization": f"Bearer {key.group(1)}"}, timeout=10)
        assert cases.status_code == 200 and len(cases.json()["cases"]) >= 2
        assert httpx.get(f"{base}/console/login", timeout=10).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert not (tmp_path / "user-home").exists()  # the demo left the user's home alone


def test_tvec_accounts_create_makes_a_working_first_admin(database, tmp_path):
    from tvec.cli import main
    from tvec.store import accounts

    url = database.url.render_as_string(hide_password=False)
    runner = CliRunner()
    created = runner.invoke(
        main, ["accounts", "create", "ops", "--role", "admin", "--console-password", "--database", url]
    )
    assert created.exit_code == 0, created.output
    key = created.output.split("API key:")[1].split()[0]
    password = created.output.split("password:")[1].split()[0]
    again = runner.invoke(main, ["accounts", "create", "ops", "--role", "admin", "--database", url])
    assert again.exit_code == 1 and "already exists" in again.output
    other = runner.invoke(main, ["accounts", "key", "ops", "--database", url])
    assert other.exit_code == 0
    second_key = other.output.split("API key:")[1].split()[0]
    assert runner.invoke(main, ["accounts", "key", "nobody", "--database", url]).exit_code == 1
    with database.session() as session:
        for presented in (key, second_key):
            account = accounts.authenticate_api_key(session, presented)
            assert account is not None and account.name == "ops" and account.role == "admin"
        assert accounts.verify_password(accounts.account_by_name(session, "ops"), password)


def test_a_request_uvicorn_cannot_parse_gets_the_json_error_shape():
    """Issue 11.3: ``Content-Length: -1`` never reaches the app; uvicorn answered it in plain
    text. ``tvec serve`` runs uvicorn with its own protocol (serve.uvicorn_options)."""
    import json
    import socket
    import threading
    import time

    import uvicorn

    from tvec.service.serve import uvicorn_options

    async def app(scope, receive, send):  # the 400 comes before any app; this one answers 204
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", **uvicorn_options("warning")))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.01)

        def exchange(request: bytes) -> bytes:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
                conn.sendall(request)
                chunks = []
                while chunk := conn.recv(65536):
                    chunks.append(chunk)
                    if request.startswith(b"GET /ok"):
                        break
                return b"".join(chunks)

        for bad in (
            b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            b"GARBAGE\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        ):
            head, _, body = exchange(bad).partition(b"\r\n\r\n")
            lines = head.decode("latin-1").lower().split("\r\n")
            assert lines[0].startswith("http/1.1 400"), head
            assert "content-type: application/json" in lines and f"content-length: {len(body)}" in lines
            error = json.loads(body)
            assert set(error) == {"error"} and error["error"]["code"] == "bad_request", error
        assert exchange(b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n").startswith(b"HTTP/1.1 204")
    finally:
        server.should_exit = True
        thread.join(10)
