"""The transparency report: counts, timing, appeals and reversals from the decision log, and its
self-contained HTML page. The last test runs the real pipeline end to end (scan -> store ->
review -> appeal) and checks webhooks, statements and the report agree with what happened."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from outbound_support import add_appeal, add_case, add_decision, add_document

from tvec.errors import InputError
from tvec.outbound import sor, transparency
from tvec.store.models import RemovalOrder, WebhookDelivery

T0 = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
START, END = dt.datetime(2026, 4, 1, tzinfo=dt.UTC), dt.datetime(2026, 5, 1, tzinfo=dt.UTC)


@pytest.fixture()
def db(database):
    return database


def _seed(db) -> None:
    """A month of decisions with known answers (see the assertions)."""
    s = dt.timedelta(seconds=1)
    with db.session() as session:
        # automated removal in two jurisdictions, 2 s after receipt
        d1 = add_document(session, "d1", received_at=T0)
        add_decision(session, d1, action="remove", categories=["known_content"], reason_code="TVEC_KNOWN_CONTENT",
                     jurisdiction="EU", decided_at=T0 + 2 * s)
        add_decision(session, d1, action="remove", categories=["known_content"], reason_code="TVEC_KNOWN_CONTENT",
                     jurisdiction="UK", decided_at=T0 + 2 * s)
        # sent to review, removed by a person after 10 minutes, appealed and overturned
        d2 = add_document(session, "d2", received_at=T0)
        case2 = add_case(session, d2, categories=["incitement", "glorification"], created_at=T0, status="decided")
        add_decision(session, d2, action="review", categories=["incitement", "glorification"],
                     reason_code="TVEC_POSSIBLE_VIOLATION", decided_at=T0 + s, case=case2)
        removed = add_decision(session, d2, action="remove", categories=["incitement", "glorification"],
                               reason_code="TVEC_VIOLATING_CONTENT", kind="review", automated=False,
                               decided_at=T0 + 600 * s, case=case2)
        add_appeal(session, case2, removed, filed_at=T0 + 3600 * s, status="overturned", decided_at=T0 + 7200 * s)
        add_decision(session, d2, action="allow", categories=["incitement", "glorification"],
                     reason_code="TVEC_APPEAL_OVERTURNED", kind="appeal", automated=False,
                     decided_at=T0 + 7200 * s, case=case2)
        # labelled by a person after an hour, appealed and upheld
        d3 = add_document(session, "d3", received_at=T0)
        case3 = add_case(session, d3, categories=["dehumanisation"], created_at=T0, queue="appeals", status="decided")
        labelled = add_decision(session, d3, action="label", categories=["dehumanisation"], reason_code="X",
                                kind="review", automated=False, decided_at=T0 + 3600 * s, case=case3)
        add_appeal(session, case3, labelled, filed_at=T0 + 4000 * s, status="upheld", decided_at=T0 + 5000 * s)
        # an appeal still open at the end of the period
        add_appeal(session, case3, labelled, filed_at=T0 + 9000 * s)
        # allowed outright
        d4 = add_document(session, "d4", received_at=T0, action="allow")
        add_decision(session, d4, action="allow", categories=[], reason_code="TVEC_NO_VIOLATION", decided_at=T0 + s)
        # a removal order complied with in 30 minutes
        session.add(RemovalOrder(document_id=d1.id, authority="Example Authority", reference="RO-1",
                                 member_state="FR", received_at=T0, deadline_at=T0 + dt.timedelta(hours=1),
                                 complied_at=T0 + dt.timedelta(minutes=30)))
        # outside the period: counted nowhere
        old = add_document(session, "old", received_at=START - dt.timedelta(days=3))
        add_decision(session, old, action="remove", categories=["recruitment"], reason_code="TVEC_VIOLATING_CONTENT",
                     decided_at=START - dt.timedelta(days=3))


def test_counts_timing_appeals_and_reversals(db):
    _seed(db)
    with db.session() as session:
        report = transparency.transparency_report(session, start=START, end=END)
    assert report["documents_received"] == 4
    decisions, restrictions = report["decisions"], report["restrictions"]
    assert decisions["total"] == 7
    assert decisions["by_action"] == {"remove": 3, "allow": 2, "label": 1, "review": 1}
    assert decisions["by_kind"] == {"automated": 4, "review": 2, "appeal": 1}
    assert restrictions["total"] == 4
    assert restrictions["by_action"] == {"remove": 3, "label": 1}
    assert restrictions["by_category"] == {"known_content": 2, "dehumanisation": 1, "glorification": 1,
                                           "incitement": 1}
    assert restrictions["by_dsa_category"] == {"Risk for public security": 3, "Illegal or harmful speech": 1}
    assert restrictions["by_jurisdiction"] == {"EU": 3, "UK": 1}
    assert restrictions["by_automation"] == {"automated": 2, "human": 2}
    timing = report["time_to_action"]
    assert timing["count"] == 4 and timing["median_seconds"] == (600 + 2) / 2
    assert timing["median_seconds_by_automation"] == {"automated": 2.0, "human": (600 + 3600) / 2}
    assert report["appeals"] == {"filed": 3, "decided": 2, "upheld": 1, "overturned": 1, "open_at_end": 1,
                                 "reversal_rate": 0.5}
    assert report["reversal_rate"] == 0.5
    assert report["removal_orders"] == {"received": 1, "by_member_state": {"FR": 1}, "complied": 1,
                                        "complied_within_deadline": 1, "not_complied": 0}
    assert report["cases"]["opened"] == 2 and report["cases"]["human_review_decisions"] == 2
    json.dumps(report)  # JSON-able as is


def test_a_period_with_nothing_in_it(db):
    _seed(db)
    with db.session() as session:
        report = transparency.transparency_report(session, start=END, end=END + dt.timedelta(days=1))
    assert report["decisions"]["total"] == 0 and report["time_to_action"]["median_seconds"] is None
    assert report["reversal_rate"] is None
    page = transparency.transparency_html(report)
    assert "No data in this period" in page and "n/a" in page


def test_bad_periods_are_refused(db):
    with db.session() as session:
        with pytest.raises(InputError, match="not after"):
            transparency.transparency_report(session, start=END, end=START)
        with pytest.raises(InputError, match="time zone"):
            transparency.transparency_report(session, start=START.replace(tzinfo=None), end=END)


def test_html_is_self_contained_with_svg_charts(db):
    _seed(db)
    with db.session() as session:
        report = transparency.transparency_report(session, start=START, end=END)
    page = transparency.transparency_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower() and "src=" not in page and "href=" not in page  # nothing external
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.DOTALL)
    assert len(svgs) >= 8
    for svg in svgs:
        ET.fromstring(svg)  # each chart is well-formed XML
    by_category = next(s for s in svgs if 'aria-label="Restrictions by category"' in s)
    bars = ET.fromstring(by_category).findall(".//{http://www.w3.org/2000/svg}rect")
    widths = [float(b.get("width")) for b in bars]
    assert len(widths) == 4 and widths[0] == max(widths) and widths[0] == 2 * widths[1]  # 2 vs 1
    assert "50.0 %" in page  # the reversal rate
    assert "5.0 min" in page  # median time to action: 301 s


def test_labels_are_escaped():
    svg = transparency.bar_chart_svg("T", {"<script>alert(1)</script>": 3, "a&b": 1})
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a&amp;b" in svg
    ET.fromstring(svg)


def test_end_to_end_scan_review_appeal(db, settings):
    """The real pipeline: scanned templated texts are stored, a reviewer removes one, another
    reviewer overturns it on appeal. Webhooks are queued for every decision, statements exist
    exactly for the restrictions in the EU, and the report counts what happened."""
    from tvec.outbound import webhooks
    from tvec.scanner import Scanner
    from tvec.store import workflow
    from tvec.store.accounts import create_account
    from tvec.types import Document

    scanner = Scanner(settings)
    texts = {
        "t-1": "We must attack the [GROUP] tomorrow and burn their homes. Join the fighters now.",
        "t-2": "The weather in the example town was mild and the market opened at nine.",
    }
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with db.session() as session:
        webhooks.add_endpoint(session, "https://receiver.example/hook", ["decision.*"], actor="system:test")
        alice = create_account(session, "alice", "reviewer")
        bob = create_account(session, "bob", "reviewer")
        for client_id, text in texts.items():
            result = scanner.scan(Document(id=client_id, text=text), ["EU", "UK"])
            workflow.record_scan(session, result, client_id=client_id, submitted_by=None, settings=settings, now=now)
        cases = workflow.list_cases(session, now=now, jurisdiction="EU")
        assert cases, "the templated call to violence should go to review in the EU"
        case_id = cases[0].id
        workflow.claim(session, case_id, alice, now + dt.timedelta(minutes=1), settings)
        removed = workflow.decide(session, case_id, alice, action="remove", reason_code="TVEC_VIOLATING_CONTENT",
                                  note="", now=now + dt.timedelta(minutes=2))
        appeal = workflow.file_appeal(session, case_id, "user-1", "It was a quote.", now + dt.timedelta(minutes=3))
        workflow.claim(session, case_id, bob, now + dt.timedelta(minutes=4), settings)
        workflow.decide_appeal(session, appeal.id, bob, outcome="overturned", reason_code="TVEC_APPEAL_OVERTURNED",
                               note="", now=now + dt.timedelta(minutes=5))
        removed_id = removed.id

    with db.session() as session:
        deliveries = session.query(WebhookDelivery).all()
        events = [json.loads(d.payload) for d in deliveries]
        exported = sor.export_statements(session, since=now - dt.timedelta(days=1), platform_name="Example")
        report = transparency.transparency_report(session, start=now - dt.timedelta(days=1),
                                                  end=now + dt.timedelta(days=1))
    decision_ids = {e["data"]["decision_id"] for e in events}
    assert removed_id in decision_ids and len(decision_ids) == len(events)  # one event per decision
    assert {e["type"] for e in events} == {"decision.created"}
    # the human removal is the only EU restriction: one statement, partially automated
    assert [s["puid"] for s in exported.statements] == [f"Example-decision-{removed_id}"]
    statement = exported.statements[0]
    assert statement["automated_detection"] == "Yes"
    assert statement["automated_decision"] == "AUTOMATED_DECISION_PARTIALLY"
    # review (t-1, EU and UK), allow (t-2 in both, and the appeal's reinstatement): no statement
    assert exported.skipped == {"action review": 2, "action allow": 3}
    assert report["documents_received"] == 2
    assert report["restrictions"]["by_automation"].get("human") == 1
    assert report["appeals"]["overturned"] == 1 and report["reversal_rate"] == 1.0
    assert report["time_to_action"]["median_seconds_by_automation"]["human"] == 120.0


def test_an_upheld_appeal_is_not_a_second_restriction(db, settings):
    """Upholding a removal on appeal records a new decision with the same action; it restricts
    nothing new, so it must count neither as another removal nor in the time to action (hand
    check: one removal, 10 minutes after receipt; the upheld appeal came 3 days later)."""
    from tvec.store import workflow
    from tvec.store.accounts import create_account
    from tvec.store.models import Case

    with db.session() as session:
        alice = create_account(session, "alice", "reviewer")
        bob = create_account(session, "bob", "reviewer")
        doc = add_document(session, "u-1", received_at=T0)
        add_decision(session, doc, action="review", categories=["incitement"], reason_code="TVEC_POSSIBLE_VIOLATION",
                     decided_at=T0)
        session.add(Case(document_id=doc.id, jurisdiction="EU", queue="default", status="open", severity=600,
                         categories=["incitement"], proposed_action="review", created_at=T0, updated_at=T0))
        session.flush()
        case_id = session.query(Case).filter_by(document_id=doc.id).one().id
        workflow.claim(session, case_id, alice, T0 + dt.timedelta(minutes=9), settings)
        workflow.decide(session, case_id, alice, action="remove", reason_code="TVEC_VIOLATING_CONTENT", note="",
                        now=T0 + dt.timedelta(minutes=10), settings=settings)
        appeal = workflow.file_appeal(session, case_id, "user-1", "Please look again.", T0 + dt.timedelta(days=1))
        workflow.claim(session, case_id, bob, T0 + dt.timedelta(days=3), settings)
        workflow.decide_appeal(session, appeal.id, bob, outcome="upheld", reason_code="TVEC_VIOLATING_CONTENT",
                               note="", now=T0 + dt.timedelta(days=3), settings=settings)
    with db.session() as session:
        report = transparency.transparency_report(session, start=START, end=END)
    assert report["decisions"]["total"] == 3  # review, removal, upheld appeal: all in the log
    assert report["restrictions"]["total"] == 1 and report["restrictions"]["by_action"] == {"remove": 1}
    assert report["time_to_action"] == {"count": 1, "median_seconds": 600.0, "p90_seconds": 600.0,
                                        "median_seconds_by_automation": {"automated": None, "human": 600.0}}
    assert report["appeals"]["upheld"] == 1 and report["reversal_rate"] == 0.0
