"""The outbound commands: ``tvec webhooks``, ``tvec sor export``, ``tvec report transparency``."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from outbound_support import Receiver, add_decision, add_document, serve

from tvec.cli import main
from tvec.outbound import sor, webhooks

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture()
def db(database):
    return database


@pytest.fixture()
def run(db, tmp_path, monkeypatch):
    monkeypatch.setenv("TVEC_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TVEC_DATABASE_URL", db.url.render_as_string(hide_password=False))
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_webhooks_add_list_deliver(db, run):
    receiver = Receiver()
    stop = serve(receiver)
    try:
        added = run("webhooks", "add", receiver.url, "--event", "decision.*")
        assert added.exit_code == 0, added.output
        secret = next(line.split()[-1] for line in added.output.splitlines() if line.startswith("secret:"))
        receiver.secret = secret
        with db.session() as session:
            webhooks.enqueue(session, "decision.created", {"decision_id": 1})
        delivered = run("webhooks", "deliver")
        assert delivered.exit_code == 0, delivered.output
        assert "delivered (HTTP 200)" in delivered.output and "1 attempt(s): 1 delivered" in delivered.output
        assert len(receiver.received) == 1 and receiver.received[0].signature_ok
        listed = run("webhooks", "list", "--deliveries", "5")
        assert listed.exit_code == 0 and receiver.url in listed.output and "1 delivered" in listed.output
        assert secret not in listed.output
        as_json = json.loads(run("webhooks", "list", "--deliveries", "5", "--json").stdout)
        assert as_json["deliveries"][0]["status"] == "delivered" and "secret" not in json.dumps(as_json)
        assert run("webhooks", "disable", "1").exit_code == 0
        assert "[inactive]" in run("webhooks", "list").output
    finally:
        stop()


def test_webhooks_add_refuses_a_bad_url(run):
    result = run("webhooks", "add", "not-a-url")
    assert result.exit_code == 1 and "must be an absolute http" in result.output


def test_webhooks_retry_unknown_delivery(run):
    result = run("webhooks", "retry", "99")
    assert result.exit_code == 1 and "no such delivery" in result.output


def _seed(db, *, with_bad: bool = False) -> None:
    with db.session() as session:
        doc = add_document(session, "d1", received_at=T0)
        add_decision(session, doc, action="remove", categories=["known_content"], reason_code="TVEC_KNOWN_CONTENT",
                     decided_at=T0 + dt.timedelta(seconds=2))
        add_decision(session, doc, action="remove", categories=["known_content"], reason_code="TVEC_KNOWN_CONTENT",
                     jurisdiction="UK", decided_at=T0 + dt.timedelta(seconds=2))
        add_decision(session, doc, action="allow", categories=[], reason_code="TVEC_NO_VIOLATION",
                     decided_at=T0 + dt.timedelta(seconds=3))
        if with_bad:  # a restriction nobody said anything about: cannot be reported honestly
            add_decision(session, doc, action="remove", categories=[], reason_code="X",
                         decided_at=T0 + dt.timedelta(seconds=4))


def test_sor_export_writes_valid_jsonl_and_counts_the_rest(db, run, tmp_path):
    _seed(db)
    out = tmp_path / "sor.jsonl"
    result = run("sor", "export", "--since", "2026-04-01", "--until", "2026-05-01", "-o", str(out),
                 "--platform-name", "Example")
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    statement = json.loads(lines[0])
    sor.validate_statement(statement)
    assert statement["category"] == "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
    assert statement["puid"].startswith("Example-decision-")
    assert "1 statement(s)" in result.stderr and "action allow: 1" in result.stderr
    assert "not in the EU/EEA: 1" in result.stderr


def test_sor_export_writes_nothing_when_a_statement_is_invalid(db, run, tmp_path):
    _seed(db, with_bad=True)
    out = tmp_path / "sor.jsonl"
    result = run("sor", "export", "--since", "2026-04-01", "-o", str(out))
    assert result.exit_code == 1 and "category" in result.output
    assert not out.exists() and list(tmp_path.glob(".sor.jsonl.*")) == []


def test_sor_export_bad_date(run):
    result = run("sor", "export", "--since", "last tuesday")
    assert result.exit_code == 2 and "--since" in result.output


def test_report_transparency_json_and_html(db, run, tmp_path):
    _seed(db)
    page = tmp_path / "report.html"
    result = run("report", "transparency", "--since", "2026-04-01", "--until", "2026-05-01T00:00:00Z",
                 "--html", str(page))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["restrictions"]["by_jurisdiction"] == {"EU": 1, "UK": 1}
    assert data["period"] == {"start": "2026-04-01T00:00:00Z", "end": "2026-05-01T00:00:00Z"}
    assert "<svg" in page.read_text(encoding="utf-8")
    backwards = run("report", "transparency", "--since", "2026-05-01", "--until", "2026-04-01")
    assert backwards.exit_code == 1 and "not after" in backwards.output
