"""The case workflow on SQLite and PostgreSQL: scans, claims, decisions, appeals, removal orders,
and what happens when two people (or a crash) get in the way."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select, text
from store_support import T0, TEXT, make_account, scan_result

from tvec.errors import (
    ConflictError,
    IdempotencyConflict,
    InputError,
    InvalidTransition,
    NotFoundError,
    PermissionDenied,
)
from tvec.outbound.webhooks import add_endpoint
from tvec.store import workflow
from tvec.store.audit import verify
from tvec.store.models import (
    Appeal,
    AuditEntry,
    Case,
    DecisionRecord,
    RemovalOrder,
    Score,
    StoredDocument,
    WebhookDelivery,
)
from tvec.store.retention import run_retention
from tvec.types import Action

MINUTE = dt.timedelta(minutes=1)


def count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture()
def people(database):
    """An admin, two reviewers and a submitter, and a webhook endpoint listening to everything."""
    with database.session() as session:
        admin = make_account(session, "ada", "admin")
        rita = make_account(session, "rita", "reviewer")
        remy = make_account(session, "remy", "reviewer")
        sam = make_account(session, "sam", "submitter")
        add_endpoint(session, "http://127.0.0.1:9/hook", [])
    return {"admin": admin, "rita": rita, "remy": remy, "sam": sam}


def recorded(database, settings, people, client_id="post-1", **kwargs):
    with database.session() as session:
        return workflow.record_scan(
            session, scan_result(client_id, **kwargs), client_id=client_id, submitted_by=people["sam"],
            settings=settings, now=T0,
        )


def uk_case_id(database, client_id="post-1") -> int:
    with database.session() as session:
        document = workflow.document_by_client_id(session, client_id)
        return next(c.id for c in document.cases if c.jurisdiction == "UK")


# --- scans -----------------------------------------------------------------------------------


def test_record_scan_stores_document_decisions_case_scores_audit_and_webhooks(database, settings, people):
    result = recorded(database, settings, people)
    assert result.created
    with database.session() as session:
        document = session.get(StoredDocument, result.document.id)
        assert document.text == TEXT and document.action == "remove" and document.submitted_by == people["sam"].id
        assert {d.jurisdiction: (d.action, d.kind, d.automated_detection, d.automated_decision)
                for d in document.decisions} == {
            "UK": ("review", "automated", True, False),
            "EU": ("remove", "automated", True, True),
        }
        (case,) = document.cases
        assert (case.jurisdiction, case.status, case.queue, case.proposed_action) == ("UK", "open", "default", "review")
        assert case.severity == 6 * 100 + round(0.8 * 99)
        assert [(s.category, s.score) for s in session.execute(select(Score)).scalars()] == [("incitement", 0.8)]
        actions = [e.action for e in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]
        assert actions[-2:] == ["document.record", "case.open"]
        deliveries = session.execute(select(WebhookDelivery)).scalars().all()
        assert sorted('"jurisdiction":"EU"' in d.payload for d in deliveries) == [False, True]
        assert all(d.event_type == "decision.created" and TEXT not in d.payload for d in deliveries)
        # removed content is kept for the legal period; the open UK case holds it indefinitely
        assert document.retain_until is None


def test_allowed_document_opens_no_case_and_announces_each_decision(database, settings, people):
    assert settings.webhook_on_allow  # the default: webhooks on every decision
    result = recorded(database, settings, people, "post-ok", actions={"UK": Action.ALLOW, "EU": Action.ALLOW})
    with database.session() as session:
        document = session.get(StoredDocument, result.document.id)
        assert document.cases == [] and document.action == "allow"
        assert document.retain_until == T0 + dt.timedelta(days=settings.retention_days)
        deliveries = session.execute(select(WebhookDelivery)).scalars().all()
        assert [d.event_type for d in deliveries] == ["decision.created"] * 2
        assert all('"action":"allow"' in d.payload and '"kind":"automated"' in d.payload for d in deliveries)


def test_allow_decisions_send_no_webhook_when_webhook_on_allow_is_off(database, settings, people):
    quiet = settings.model_copy(update={"webhook_on_allow": False})
    recorded(database, quiet, people, "post-ok", actions={"UK": Action.ALLOW, "EU": Action.REMOVE})
    with database.session() as session:
        payloads = [d.payload for d in session.execute(select(WebhookDelivery)).scalars()]
        assert len(payloads) == 1 and '"jurisdiction":"EU"' in payloads[0]


def test_same_client_id_same_text_returns_the_stored_document(database, settings, people):
    first = recorded(database, settings, people)
    with database.session() as session:
        before = (count(session, StoredDocument), count(session, DecisionRecord), count(session, AuditEntry))
    again = recorded(database, settings, people)
    assert not again.created and again.document.id == first.document.id
    with database.session() as session:
        assert (count(session, StoredDocument), count(session, DecisionRecord), count(session, AuditEntry)) == before


def test_same_client_id_other_text_is_a_conflict_and_writes_nothing(database, settings, people):
    recorded(database, settings, people)
    with database.session() as session:
        before = (count(session, StoredDocument), count(session, AuditEntry))
    with pytest.raises(IdempotencyConflict, match="post-1.*different text"):
        recorded(database, settings, people, text="[GROUP] are welcome at the [CITY] fair.")
    with database.session() as session:
        assert (count(session, StoredDocument), count(session, AuditEntry)) == before


def test_empty_client_id_is_refused(database, settings, people):
    with pytest.raises(InputError, match="document id"):
        recorded(database, settings, people, client_id="  ")


# --- claims ----------------------------------------------------------------------------------


def test_claim_is_exclusive_extends_for_the_holder_and_lapses(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        case = workflow.claim(session, case_id, people["rita"], T0, settings)
        assert case.status == "claimed" and case.claimed_by == people["rita"].id
    with database.session() as session, pytest.raises(ConflictError, match=f"case {case_id} is claimed by rita"):
        workflow.claim(session, case_id, people["remy"], T0 + MINUTE, settings)
    with database.session() as session:  # the holder extends
        case = workflow.claim(session, case_id, people["rita"], T0 + 5 * MINUTE, settings)
        assert case.claim_expires_at == T0 + 5 * MINUTE + dt.timedelta(seconds=settings.claim_ttl_seconds)
    lapsed = T0 + 5 * MINUTE + dt.timedelta(seconds=settings.claim_ttl_seconds + 1)
    with database.session() as session:
        assert [c.id for c in workflow.list_cases(session, now=lapsed, status="open")] == [case_id]
        case = workflow.claim(session, case_id, people["remy"], lapsed, settings)
        assert case.claimed_by == people["remy"].id
    with database.session() as session:
        actions = [e.action for e in workflow.case_history(session, case_id)]
        assert actions == ["case.open", "case.claim", "case.extend_claim", "case.claim"]


def test_concurrent_claims_have_exactly_one_winner(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        reviewers = [make_account(session, f"reviewer{i}", "reviewer") for i in range(4)]
    barrier = threading.Barrier(len(reviewers))
    outcomes: list[str] = []

    def try_claim(reviewer):
        barrier.wait()
        try:
            with database.session() as session:
                workflow.claim(session, case_id, reviewer, T0, settings)
            outcomes.append("won")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=try_claim, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "won"]
    with database.session() as session:
        assert verify(session).ok
        claims = [e for e in workflow.case_history(session, case_id) if e.action == "case.claim"]
        assert len(claims) == 1


def test_submitter_cannot_claim_and_missing_case_is_not_found(database, settings, people):
    recorded(database, settings, people)
    with database.session() as session, pytest.raises(PermissionDenied, match="sam.*needs reviewer"):
        workflow.claim(session, uk_case_id(database), people["sam"], T0, settings)
    with database.session() as session, pytest.raises(NotFoundError, match="case 999"):
        workflow.claim(session, 999, people["rita"], T0, settings)


def test_release_returns_the_case_to_the_queue(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
    with database.session() as session, pytest.raises(PermissionDenied):
        workflow.release(session, case_id, people["remy"], T0)
    with database.session() as session:
        case = workflow.release(session, case_id, people["rita"], T0)
        assert (case.status, case.claimed_by) == ("open", None)


# --- decisions -------------------------------------------------------------------------------


def test_decide_without_a_claim_is_refused(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session, pytest.raises(InvalidTransition, match="claim it before deciding"):
        workflow.decide(session, case_id, people["rita"], action="remove", reason_code="R1", note="", now=T0)


def test_decide_on_someone_elses_claim_or_a_lapsed_claim_is_refused(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
    with database.session() as session, pytest.raises(ConflictError, match="claimed by rita"):
        workflow.decide(session, case_id, people["remy"], action="remove", reason_code="R1", note="", now=T0)
    late = T0 + dt.timedelta(seconds=settings.claim_ttl_seconds + 1)
    with database.session() as session, pytest.raises(InvalidTransition, match="claim lapsed"):
        workflow.decide(session, case_id, people["rita"], action="remove", reason_code="R1", note="", now=late)


def test_decide_records_a_review_decision_that_supersedes_the_automated_one(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
    with database.session() as session:
        decision = workflow.decide(session, case_id, people["rita"], action="remove", reason_code="TVEC_VIOLATING_CONTENT",
                                   note="templated incitement", now=T0 + MINUTE, settings=settings)
    with database.session() as session:
        case = session.get(Case, case_id)
        automated = session.execute(select(DecisionRecord).where(
            DecisionRecord.jurisdiction == "UK", DecisionRecord.kind == "automated")).scalar_one()
        stored = session.get(DecisionRecord, decision.id)
        assert (stored.kind, stored.action, stored.decided_by, stored.supersedes_id) == (
            "review", "remove", people["rita"].id, automated.id)
        assert (stored.automated_detection, stored.automated_decision) == (True, False)
        assert (case.status, case.claimed_by) == ("decided", None)
        assert case.document.retain_until == T0 + MINUTE + dt.timedelta(days=settings.retention_days)
        history = workflow.case_history(session, case_id)
        assert history[-1].action == "case.decide" and history[-1].after["decision_id"] == decision.id
        assert history[-1].before["status"] == "claimed"
        payloads = [d.payload for d in session.execute(select(WebhookDelivery)).scalars()]
        assert any(f'"decision_id":{decision.id}' in p and '"kind":"review"' in p for p in payloads)
    with database.session() as session, pytest.raises(InvalidTransition, match="already decided"):
        workflow.claim(session, case_id, people["remy"], T0 + 2 * MINUTE, settings)


@pytest.mark.parametrize("action", ["review", "delete"])
def test_decide_refuses_actions_that_are_not_decisions(database, settings, people, action):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
    with database.session() as session, pytest.raises(InputError, match=f"case {case_id}"):
        workflow.decide(session, case_id, people["rita"], action=action, reason_code="R1", note="", now=T0)


def test_a_stale_version_is_a_conflict_not_an_overwrite(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
    with database.session() as session, pytest.raises(ConflictError, match="changed"):
        workflow.decide(session, case_id, people["rita"], action="allow", reason_code="R1", note="", now=T0,
                        expected_version=1)
    # a writer that bumped the version after this session read the case (simulated with a Core
    # UPDATE that the ORM's identity map does not see): the versioned UPDATE matches no row
    with pytest.raises(ConflictError, match=f"case {case_id} was changed by someone else"), \
            database.session() as session:
        case = session.get(Case, case_id)
        session.execute(text("UPDATE cases SET version = version + 1 WHERE id = :id"), {"id": case_id})
        case.severity = 1
        workflow._flush(session, f"case {case_id}")
    with database.session() as session:
        assert session.get(Case, case_id).severity != 1  # rolled back


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_concurrent_update_on_postgresql_raises_conflict(database, settings, people):
    """Two transactions read version n; the second to write gets ConflictError from the
    version check (READ COMMITTED would otherwise let it silently overwrite)."""
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with pytest.raises(ConflictError), database.session() as first:
        case = first.get(Case, case_id)
        case.severity += 1
        with database.session() as second:
            other = second.get(Case, case_id)
            other.severity += 2
        first.flush()
    with database.session() as session:
        case = session.get(Case, case_id)
        assert (case.version, case.severity) == (2, 6 * 100 + round(0.8 * 99) + 2)


def test_a_crash_mid_decision_leaves_nothing_half_written(database, settings, people, monkeypatch):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
        before = (count(session, DecisionRecord), count(session, AuditEntry), count(session, WebhookDelivery))

    def crash(*_args, **_kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(workflow, "_enqueue", crash)  # the last step of decide()
    with pytest.raises(RuntimeError, match="worker killed"), database.session() as session:
        workflow.decide(session, case_id, people["rita"], action="remove", reason_code="R1", note="", now=T0)
    with database.session() as session:
        assert (count(session, DecisionRecord), count(session, AuditEntry), count(session, WebhookDelivery)) == before
        case = session.get(Case, case_id)
        assert (case.status, case.claimed_by, case.version) == ("claimed", people["rita"].id, 2)
        assert verify(session).ok
    monkeypatch.undo()
    with database.session() as session:  # and the claim still lets the reviewer finish
        workflow.decide(session, case_id, people["rita"], action="remove", reason_code="R1", note="", now=T0)


def test_escalate_then_only_an_admin_claims_and_reopen_needs_admin(database, settings, people):
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.escalate(session, case_id, people["rita"], "unsure about context", T0)
    with database.session() as session:
        assert [c.id for c in workflow.list_cases(session, now=T0, queue="escalated")] == [case_id]
        with pytest.raises(PermissionDenied, match="escalated"):
            workflow.claim(session, case_id, people["remy"], T0, settings)
    with database.session() as session:
        workflow.claim(session, case_id, people["admin"], T0, settings)
        workflow.decide(session, case_id, people["admin"], action="allow", reason_code="R2", note="", now=T0)
    with database.session() as session, pytest.raises(PermissionDenied, match="needs admin"):
        workflow.reopen(session, case_id, people["rita"], "", T0)
    with database.session() as session:
        case = workflow.reopen(session, case_id, people["admin"], "second look", T0)
        assert (case.status, case.queue) == ("escalated", "escalated")  # back to the senior queue
        assert case.document.retain_until is None
    with database.session() as session, pytest.raises(InvalidTransition, match="nothing to reopen"):
        workflow.reopen(session, case_id, people["admin"], "", T0)


# --- appeals ---------------------------------------------------------------------------------


def decided_by_rita(database, settings, people, action="remove") -> int:
    recorded(database, settings, people)
    case_id = uk_case_id(database)
    with database.session() as session:
        workflow.claim(session, case_id, people["rita"], T0, settings)
        workflow.decide(session, case_id, people["rita"], action=action, reason_code="R1", note="", now=T0)
    return case_id


def test_only_a_decided_case_can_be_appealed(database, settings, people):
    recorded(database, settings, people)
    with database.session() as session, pytest.raises(InvalidTransition, match="only a decided case"):
        workflow.file_appeal(session, uk_case_id(database), "user-77", "it was satire", T0)


def test_appeal_cannot_be_decided_by_the_reviewer_who_took_the_decision(database, settings, people):
    case_id = decided_by_rita(database, settings, people)
    with database.session() as session:
        appeal = workflow.file_appeal(session, case_id, "user-77", "it quoted a film", T0 + MINUTE)
        assert (appeal.case.status, appeal.case.queue) == ("open", "appeals")
    with database.session() as session, pytest.raises(PermissionDenied, match="rita.*took the appealed decision"):
        workflow.claim(session, case_id, people["rita"], T0 + MINUTE, settings)
    with database.session() as session, pytest.raises(PermissionDenied, match="another reviewer"):
        workflow.decide_appeal(session, appeal.id, people["rita"], outcome="overturned", reason_code="A1", note="",
                               now=T0 + MINUTE)
    with database.session() as session, pytest.raises(ConflictError, match="already has an open appeal"):
        workflow.file_appeal(session, case_id, "user-78", "", T0 + MINUTE)


@pytest.mark.parametrize(("outcome", "expected"), [("upheld", "remove"), ("overturned", "allow")])
def test_appeal_upheld_or_overturned_by_another_reviewer(database, settings, people, outcome, expected):
    case_id = decided_by_rita(database, settings, people)
    with database.session() as session:
        appeal = workflow.file_appeal(session, case_id, "user-77", "context was missing", T0 + MINUTE)
    with database.session() as session, pytest.raises(InvalidTransition, match="decide the appeal instead"):
        workflow.claim(session, case_id, people["remy"], T0 + MINUTE, settings)
        workflow.decide(session, case_id, people["remy"], action="allow", reason_code="A1", note="", now=T0 + MINUTE)
    with database.session() as session:
        workflow.claim(session, case_id, people["remy"], T0 + MINUTE, settings)
        decision = workflow.decide_appeal(session, appeal.id, people["remy"], outcome=outcome, reason_code="A1",
                                          note="", now=T0 + 2 * MINUTE, settings=settings)
    with database.session() as session:
        stored_appeal = session.get(Appeal, appeal.id)
        stored = session.get(DecisionRecord, decision.id)
        assert (stored_appeal.status, stored_appeal.decided_by, stored_appeal.outcome_decision_id) == (
            outcome, people["remy"].id, decision.id)
        assert (stored.kind, stored.action, stored.supersedes_id) == ("appeal", expected, appeal.appealed_decision_id)
        assert stored.automated_decision is False
        case = session.get(Case, case_id)
        assert case.status == "decided"
        # the document's effective action: EU still removed automatically either way
        assert case.document.action == "remove"
        assert workflow.case_history(session, case_id)[-1].action == "appeal.decide"
    with database.session() as session, pytest.raises(InvalidTransition, match="already decided"):
        workflow.decide_appeal(session, appeal.id, people["admin"], outcome="upheld", reason_code="A1", note="",
                               now=T0 + 3 * MINUTE)


# --- removal orders and the queue ------------------------------------------------------------


def test_removal_order_deadline_is_receipt_plus_one_hour_and_orders_the_queue(database, settings, people):
    for i, actions in enumerate([{"UK": Action.REVIEW, "EU": Action.REVIEW}, {"UK": Action.REVIEW, "EU": Action.ALLOW},
                                 {"UK": Action.REVIEW, "EU": Action.REVIEW}]):
        recorded(database, settings, people, f"post-{i}", actions=actions, score=0.5 + i / 10)
    received_early = T0 + 2 * MINUTE
    received_late = T0 + 10 * MINUTE
    with database.session() as session:
        late = workflow.record_removal_order(
            session, client_id="post-0", authority="Fictional Referral Unit", reference="RO-1", member_state="de",
            received_at=received_late, recorded_by=people["admin"], settings=settings)
        early = workflow.record_removal_order(
            session, client_id="post-1", authority="Fictional Referral Unit", reference="RO-2", member_state="DE",
            received_at=received_early, recorded_by=people["admin"], settings=settings)
        assert late.deadline_at == received_late + dt.timedelta(hours=1)
        assert early.deadline_at == received_early + dt.timedelta(hours=1)
    with database.session() as session:
        queue = workflow.list_cases(session, now=T0)
        first, second = queue[0], queue[1]
        assert (first.document.client_id, first.jurisdiction, first.queue) == ("post-1", "EU", "removal_orders")
        assert (second.document.client_id, second.jurisdiction, second.queue) == ("post-0", "EU", "removal_orders")
        assert second.id == late.case_id  # the existing EU case took the deadline
        rest = queue[2:]
        assert all(c.deadline_at is None for c in rest)
        assert [c.severity for c in rest] == sorted((c.severity for c in rest), reverse=True)
        assert [c.id for c in workflow.list_cases(session, now=T0, due_before=received_early + dt.timedelta(hours=1))] == [
            early.case_id]
        flags = workflow.case_flags(first, received_early + dt.timedelta(minutes=50), settings)
        assert flags == {"overdue": False, "near_due": True}
        assert workflow.case_flags(first, received_early + dt.timedelta(minutes=61), settings) == {
            "overdue": True, "near_due": False}
        assert workflow.case_flags(first, T0, settings) == {"overdue": False, "near_due": False}


def test_removal_order_checks_and_compliance_by_decision(database, settings, people):
    recorded(database, settings, people, actions={"UK": Action.ALLOW, "EU": Action.ALLOW})
    order_args = {"client_id": "post-1", "authority": "Fictional Referral Unit", "reference": "RO-9",
                  "member_state": "FR", "received_at": T0, "settings": settings}
    with database.session() as session, pytest.raises(PermissionDenied, match="needs admin"):
        workflow.record_removal_order(session, recorded_by=people["rita"], **order_args)
    with database.session() as session, pytest.raises(InputError, match="time zone"):
        workflow.record_removal_order(session, recorded_by=people["admin"],
                                      **{**order_args, "received_at": T0.replace(tzinfo=None)})
    for wrong, match in [  # issue 11.3: the store refuses what the API refuses, for every caller
        ({"member_state": "XX"}, "not an EU member state"),
        ({"member_state": "NO"}, "not an EU member state"),
        ({"received_at": dt.datetime(1970, 1, 1, tzinfo=dt.UTC)}, "TCO Regulation"),
        ({"received_at": dt.datetime.now(dt.UTC) + dt.timedelta(days=1)}, "in the future"),
    ]:
        with database.session() as session, pytest.raises(InputError, match=match):
            workflow.record_removal_order(session, recorded_by=people["admin"], **{**order_args, **wrong})
    with database.session() as session, pytest.raises(NotFoundError, match="no document"):
        workflow.record_removal_order(session, recorded_by=people["admin"], **{**order_args, "client_id": "nope"})
    with database.session() as session:
        order = workflow.record_removal_order(session, recorded_by=people["admin"], **order_args)
    with database.session() as session, pytest.raises(ConflictError, match="already recorded"):
        workflow.record_removal_order(session, recorded_by=people["admin"], **order_args)
    with database.session() as session:
        workflow.claim(session, order.case_id, people["rita"], T0 + MINUTE, settings)
        decision = workflow.decide(session, order.case_id, people["rita"], action="remove", reason_code="TCO_ORDER",
                                   note="", now=T0 + 10 * MINUTE)
        assert decision.automated_detection is False  # the scanner allowed it: the order found it
    with database.session() as session:
        stored = session.get(RemovalOrder, order.id)
        assert stored.complied_at == T0 + 10 * MINUTE
        with pytest.raises(InvalidTransition, match="already complied"):
            workflow.mark_complied(session, order.id, people["admin"], T0 + 30 * MINUTE)


def test_list_cases_filters(database, settings, people):
    recorded(database, settings, people, "a")
    recorded(database, settings, people, "b", category=workflow_category("glorification"))
    with database.session() as session:
        assert {c.document.client_id for c in workflow.list_cases(session, now=T0, category="glorification")} == {"b"}
        assert {c.document.client_id for c in workflow.list_cases(session, now=T0, category="incitement")} == {"a"}
        assert workflow.list_cases(session, now=T0, category="incitement_") == []  # LIKE wildcards are escaped
        assert workflow.list_cases(session, now=T0, jurisdiction="eu") == []
        assert len(workflow.list_cases(session, now=T0, jurisdiction="uk", status="open")) == 2
        assert len(workflow.list_cases(session, now=T0, limit=1, offset=1)) == 1
        with pytest.raises(InputError, match="status filter"):
            workflow.list_cases(session, now=T0, status="closed")
        with pytest.raises(InputError, match="queue filter"):
            workflow.list_cases(session, now=T0, queue="vip")


def workflow_category(name: str):
    from tvec.types import Category

    return Category(name)


def test_an_automated_removal_can_be_appealed_and_a_person_decides(database, settings, people):
    recorded(database, settings, people)
    with database.session() as session:
        automated_eu = session.execute(select(DecisionRecord).where(DecisionRecord.jurisdiction == "EU")).scalar_one()
        automated_uk = session.execute(select(DecisionRecord).where(DecisionRecord.jurisdiction == "UK")).scalar_one()
    with database.session() as session, pytest.raises(InvalidTransition, match="restricts nothing"):
        workflow.file_appeal_against_decision(session, automated_uk.id, "user-77", "", T0)
    with database.session() as session:
        appeal = workflow.file_appeal_against_decision(session, automated_eu.id, "user-77", "it was a quote", T0)
        assert (appeal.case.queue, appeal.case.jurisdiction, appeal.case.status) == ("appeals", "EU", "open")
    with database.session() as session, pytest.raises(ConflictError, match="already has an open appeal"):
        workflow.file_appeal_against_decision(session, automated_eu.id, "user-77", "", T0)
    with database.session() as session:
        workflow.claim(session, appeal.case_id, people["rita"], T0, settings)
        decision = workflow.decide_appeal(session, appeal.id, people["rita"], outcome="overturned", reason_code="A2",
                                          note="", now=T0 + MINUTE, settings=settings)
    assert (decision.action, decision.kind, decision.supersedes_id) == ("allow", "appeal", automated_eu.id)
    with database.session() as session:
        assert workflow.get_document(session, decision.document_id).action == "review"  # the UK case is open
        with pytest.raises(InvalidTransition, match="superseded"):
            workflow.file_appeal_against_decision(session, automated_eu.id, "user-77", "", T0)


def test_concurrent_submissions_of_one_id_store_it_once(database, settings, people):
    submitters = 4
    barrier = threading.Barrier(submitters)
    created: list[bool] = []
    errors: list[BaseException] = []

    def submit():
        barrier.wait()
        try:
            with database.session() as session:
                created.append(workflow.record_scan(session, scan_result("race"), client_id="race", submitted_by=None,
                                                    settings=settings, now=T0).created)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(submitters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == [] and sorted(created) == [False, False, False, True]
    with database.session() as session:
        assert count(session, StoredDocument) == 1 and count(session, Case) == 1 and verify(session).ok


def test_marking_an_order_complied_by_hand_starts_the_retention_period(database, settings, people):
    recorded(database, settings, people, actions={"UK": Action.ALLOW, "EU": Action.ALLOW})
    with database.session() as session:
        order = workflow.record_removal_order(
            session, client_id="post-1", authority="Fictional Referral Unit", reference="RO-5", member_state="IE",
            received_at=T0, recorded_by=people["admin"], settings=settings)
    with database.session() as session:  # the content was taken down outside tvec; the case stays open
        workflow.mark_complied(session, order.id, people["admin"], T0 + 30 * MINUTE, settings)
        document = workflow.document_by_client_id(session, "post-1")
        assert document.retain_until is None  # its case is still open
    with database.session() as session:
        workflow.claim(session, order.case_id, people["rita"], T0 + 31 * MINUTE, settings)
        workflow.decide(session, order.case_id, people["rita"], action="remove", reason_code="TCO_ORDER", note="",
                        now=T0 + 32 * MINUTE, settings=settings)
        document = workflow.document_by_client_id(session, "post-1")
        assert document.retain_until == T0 + 32 * MINUTE + dt.timedelta(days=settings.retention_days)
        history = [e.action for e in workflow.case_history(session, order.case_id)]
        assert history == ["case.open", "case.claim", "case.decide"]


def test_mixed_concurrent_writers_neither_deadlock_nor_break_the_chain(database, settings, people):
    """Scans, claims, decisions, removal orders and retention from several threads at once on
    overlapping documents: every operation either succeeds or gets a clear ConflictError /
    InvalidTransition, and the audit chain stays one line."""
    for i in range(6):
        recorded(database, settings, people, f"mix-{i}", actions={"UK": Action.REVIEW, "EU": Action.REVIEW})
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def guarded(work):
        def run():
            barrier.wait()
            for step in range(6):
                try:
                    work(step)
                except (ConflictError, InvalidTransition):
                    pass
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)
        return run

    def reviewer(name):
        def work(step):
            with database.session() as session:
                case = workflow.list_cases(session, now=T0, status="open", limit=1, offset=step % 2)
                if not case:
                    return
                workflow.claim(session, case[0].id, people[name], T0, settings)
                workflow.decide(session, case[0].id, people[name], action="remove", reason_code="R1", note="",
                                now=T0, settings=settings)
        return work

    def admin(step):
        with database.session() as session:
            order = workflow.record_removal_order(
                session, client_id=f"mix-{step}", authority="Fictional Referral Unit", reference=f"MIX-{step}",
                member_state="BE", received_at=T0, recorded_by=people["admin"], settings=settings)
        with database.session() as session:
            workflow.mark_complied(session, order.id, people["admin"], T0 + MINUTE, settings)

    def scanner(step):
        recorded(database, settings, people, f"new-{step}")
        with database.session() as session:
            run_retention(session, T0 + dt.timedelta(days=400), settings)

    threads = [threading.Thread(target=guarded(w)) for w in (reviewer("rita"), reviewer("remy"), admin, scanner)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with database.session() as session:
        assert verify(session).ok
        assert count(session, RemovalOrder) == 6


def test_a_removal_order_received_in_the_future_is_refused(database, settings, people):
    """The deadline runs from the receipt time: a receipt typed in the future would quietly
    extend the one hour, so it is refused, naming the field."""
    recorded(database, settings, people, actions={"UK": Action.ALLOW, "EU": Action.ALLOW})
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    with database.session() as session, pytest.raises(InputError, match="received_at.*in the future"):
        workflow.record_removal_order(session, client_id="post-1", authority="Fictional Referral Unit",
                                      reference="RO-F", member_state="FR", received_at=future,
                                      recorded_by=people["admin"], settings=settings)
    with database.session() as session:
        assert session.execute(select(RemovalOrder)).scalars().all() == []


def test_meta_with_nan_is_refused_naming_the_document_and_nothing_is_stored(database, settings):
    """NaN is not JSON: PostgreSQL would refuse the row mid-transaction while SQLite kept it.
    Both refuse it up front, naming the document's meta."""
    import dataclasses

    result = scan_result("nan-meta")
    result = dataclasses.replace(result, document=dataclasses.replace(result.document, meta={"rank": float("nan")}))
    with database.session() as session, pytest.raises(InputError, match="document 'nan-meta' meta.*NaN"):
        workflow.record_scan(session, result, client_id="nan-meta", submitted_by=None, settings=settings, now=T0)
    with database.session() as session:
        assert session.execute(select(func.count(StoredDocument.id))).scalar_one() == 0


def test_an_order_against_content_already_removed_is_complied_at_once(database, settings, people):
    """The scanner removed the content in the EU before the order came: the order is complied
    with on receipt, no case is opened and nothing is overdue an hour later; the content is kept
    for the preservation period from now on."""
    recorded(database, settings, people, "gone", actions={"UK": Action.ALLOW, "EU": Action.REMOVE})
    received = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    with database.session() as session:
        order = workflow.record_removal_order(session, client_id="gone", authority="Fictional Referral Unit",
                                              reference="RO-G", member_state="FR", received_at=received,
                                              recorded_by=people["admin"], settings=settings)
        assert order.case_id is None and order.complied_at == received
        assert workflow.list_cases(session, now=received, queue="removal_orders") == []
        document = workflow.document_by_client_id(session, "gone")
        assert document.retain_until is not None and document.retain_until > received
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "removal_order.record")).scalar_one()
        assert entry.after["already_removed_by_decision"] is not None
        assert verify(session).ok
