"""Retention: content is purged only after its period and only when nothing is pending;
purges are audited and keep the decisions."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from sqlalchemy import select
from store_support import T0, TEXT, make_account, scan_result

from tvec.cli import main
from tvec.store import workflow
from tvec.store.audit import verify
from tvec.store.models import AuditEntry, DecisionRecord, StoredDocument
from tvec.store.retention import run_retention
from tvec.types import Action

DAY = dt.timedelta(days=1)


def record(database, settings, client_id, actions):
    with database.session() as session:
        return workflow.record_scan(session, scan_result(client_id, actions=actions), client_id=client_id,
                                    submitted_by=None, settings=settings, now=T0).document.id


def test_purge_after_retain_until_is_audited_and_keeps_decisions(database, settings):
    removed = record(database, settings, "removed", {"UK": Action.REMOVE, "EU": Action.REMOVE})
    allowed = record(database, settings, "allowed", {"UK": Action.ALLOW, "EU": Action.ALLOW})
    pending = record(database, settings, "pending", {"UK": Action.REVIEW, "EU": Action.REMOVE})
    end = T0 + settings.retention_days * DAY

    with database.session() as session:  # one second early: nothing goes
        report = run_retention(session, end - dt.timedelta(seconds=1), settings)
    assert report.purged == [] and report.held == []

    with database.session() as session:
        report = run_retention(session, end, settings)
    assert sorted(report.purged) == ["allowed", "removed"] and report.held == []
    with database.session() as session:
        for document_id in (removed, allowed):
            document = session.get(StoredDocument, document_id)
            assert document.text is None and document.purged_at == end and document.meta == {}
            assert document.sha256 and document.scan["purged"] is True
            assert all("text" not in span for signal in document.scan["signals"] for span in signal["spans"])
            assert TEXT[:7] not in str(document.scan)
        assert session.get(StoredDocument, pending).text == TEXT  # its UK case is still open
        assert session.execute(select(DecisionRecord).where(DecisionRecord.document_id == removed)).scalars().all()
        purges = session.execute(select(AuditEntry).where(AuditEntry.action == "retention.purge")).scalars().all()
        assert sorted(e.after["client_id"] for e in purges) == ["allowed", "removed"]
        assert all(e.actor == "system:retention" for e in purges)
        assert verify(session).ok

    with database.session() as session:  # a second run has nothing left to do
        assert run_retention(session, end + DAY, settings).purged == []


def test_open_cases_hold_content_past_its_date(database, settings):
    record(database, settings, "held", {"UK": Action.REMOVE, "EU": Action.ALLOW})
    with database.session() as session:
        admin = make_account(session, "ada", "admin")
        workflow.record_removal_order(session, client_id="held", authority="Fictional Referral Unit", reference="R1",
                                      member_state="NL", received_at=T0, recorded_by=admin, settings=settings)
        document = workflow.document_by_client_id(session, "held")
        assert document.retain_until is None
        document.retain_until = T0  # as if its date had passed while the order was open
    with database.session() as session:
        report = run_retention(session, T0 + DAY, settings)
    assert report.purged == [] and report.held == ["held"]


def test_dry_run_changes_nothing(database, settings):
    record(database, settings, "removed", {"UK": Action.REMOVE})
    with database.session() as session:
        report = run_retention(session, T0 + 400 * DAY, settings, dry_run=True)
    assert report.purged == ["removed"] and report.dry_run
    with database.session() as session:
        assert workflow.document_by_client_id(session, "removed").text == TEXT
        assert session.execute(select(AuditEntry).where(AuditEntry.action == "retention.purge")).first() is None


def test_cli_retention_run(database, settings):
    url = database.url.render_as_string(hide_password=False)
    record(database, settings, "old", {"UK": Action.REMOVE})
    result = CliRunner().invoke(main, ["retention", "run", "--database", url])
    # T0 (2026-03-02) + 183 days is in the past on any machine running this after 2026-09-01
    expected = 1 if dt.datetime.now(dt.UTC) >= T0 + settings.retention_days * DAY else 0
    assert result.exit_code == 0, result.output
    assert f"purged {expected} document(s)" in result.output


def test_a_purge_leaves_no_quote_of_the_content_behind(database, settings):
    """The real scanner quotes the content in more places than the span texts: the decisions'
    rationales ('...' [start:end]) and detector evidence (the call-to-action phrase). After the
    purge none of it may remain, in the stored scan or in the decision records."""
    from tvec.scanner import Scanner
    from tvec.types import Document

    text = "We must attack the [GROUP] tomorrow and burn their homes. Join the fighters now."
    result = Scanner(settings).scan(Document(id="quoted", text=text), ["EU"])
    with database.session() as session:
        document = workflow.record_scan(session, result, client_id="quoted", submitted_by=None, settings=settings,
                                        now=T0).document
        reviewer = make_account(session, "rita", "reviewer")
        for case in workflow.list_cases(session, now=T0, status="open"):
            workflow.claim(session, case.id, reviewer, T0, settings)
            workflow.decide(session, case.id, reviewer, action="remove", reason_code="TVEC_VIOLATING_CONTENT",
                            note="", now=T0, settings=settings)
        document_id = document.id
        rationales = [d.rationale for d in document.decisions]
    assert any("fighters" in r for r in rationales), "the scanner should quote the evidence in its rationale"
    with database.session() as session:
        assert run_retention(session, T0 + (settings.retention_days + 1) * DAY, settings).purged == ["quoted"]
    with database.session() as session:
        document = session.get(StoredDocument, document_id)
        stored = str(document.scan) + " ".join(d.rationale for d in document.decisions)
        assert "fighters" not in stored.lower() and "burn their homes" not in stored.lower()
        assert "[purged]" in stored and "Evidence:" in stored  # what was found stays, the words go
        assert verify(session).ok
