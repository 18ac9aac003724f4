"""DSA statements of reasons: built from recorded decisions, valid against the Transparency
Database's enums and rules, and honest about automation."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json

import pytest
from outbound_support import add_case, add_decision, add_document

from tvec.errors import NoStatementRequired, SorError
from tvec.outbound import sor
from tvec.policy.engine import _REPORTED
from tvec.policy.loader import load_policy
from tvec.store.models import RemovalOrder
from tvec.types import Action

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
EEA = list(sor.enums().territorial_scope)


@pytest.fixture()
def db(database):
    return database


def _statement(db, *, action="remove", categories=("proscribed_support",), reason_code="TVEC_VIOLATING_CONTENT",
               kind="automated", jurisdiction="EU", detected=True, automated=None, meta=None, lang="en",
               scan=None, order=False, rationale="", **kwargs):
    with db.session() as session:
        document = add_document(session, f"doc-{action}-{kind}-{jurisdiction}-{len(str(categories))}-{reason_code}",
                                received_at=T0, meta=meta, lang=lang, scan=scan)
        if order:
            session.add(RemovalOrder(document_id=document.id, authority="Example Authority", reference="R-1",
                                     member_state="DE", received_at=T0, deadline_at=T0 + dt.timedelta(hours=1)))
            session.flush()
        decision = add_decision(session, document, action=action, categories=list(categories),
                                reason_code=reason_code, kind=kind, jurisdiction=jurisdiction, detected=detected,
                                automated=automated, decided_at=T0 + dt.timedelta(minutes=5), rationale=rationale)
        return sor.statement_of_reasons(session, decision, platform_name="Example Platform", **kwargs)


# --------------------------------------------------------------------------- building


def test_terrorist_content_removed_automatically(db):
    statement = _statement(db, categories=("known_content",), reason_code="TVEC_KNOWN_CONTENT")
    assert statement["category"] == "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
    assert "KEYWORD_TERRORIST_CONTENT" in statement["category_specification"]
    assert statement["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert statement["territorial_scope"] == EEA
    assert statement["automated_detection"] == "Yes"
    assert statement["automated_decision"] == "AUTOMATED_DECISION_FULLY"
    assert statement["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert "2021/784" in statement["illegal_content_legal_ground"]
    assert "incompatible_content_ground" not in statement
    assert statement["source_type"] == "SOURCE_VOLUNTARY" and "source_identity" not in statement
    assert statement["content_type"] == ["CONTENT_TYPE_TEXT"] and statement["content_language"] == "EN"
    assert statement["content_date"] == "2026-03-01" and statement["application_date"] == "2026-03-01"
    assert statement["puid"].startswith("Example-Platform-decision-")
    sor.validate_statement(statement)


@pytest.mark.parametrize(
    ("kind", "detected", "automated", "expected"),
    [
        ("automated", True, True, ("Yes", "AUTOMATED_DECISION_FULLY")),
        ("review", True, False, ("Yes", "AUTOMATED_DECISION_PARTIALLY")),  # flagged, a person decided
        ("review", False, False, ("No", "AUTOMATED_DECISION_NOT_AUTOMATED")),  # a report, a person decided
        ("appeal", True, False, ("Yes", "AUTOMATED_DECISION_PARTIALLY")),
    ],
)
def test_automation_flags_are_copied_from_the_record(db, kind, detected, automated, expected):
    statement = _statement(db, kind=kind, detected=detected, automated=automated)
    assert (statement["automated_detection"], statement["automated_decision"]) == expected


def test_human_decision_explains_the_reason_code_from_the_policy(db):
    reasons = sor.reason_descriptions(load_policy())
    statement = _statement(db, kind="review", automated=False, reason_code="TVEC_DESIGNATED_ORG_PUBLICATION",
                           categories=("attribution", "proscribed_support"),
                           rationale="decided by a reviewer after automated detection", reasons=reasons)
    facts = statement["decision_facts"]
    assert facts.startswith("Decision by a human reviewer (TVEC_DESIGNATED_ORG_PUBLICATION) for EU, on content "
                            "flagged by rule test-rule.")
    assert reasons["TVEC_DESIGNATED_ORG_PUBLICATION"].split(";")[0] in facts
    assert "trained reviewer" in facts
    # a ToS decision about terrorist content: the platform also believes it illegal
    assert statement["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert statement["incompatible_content_illegal"] == "Yes"
    assert "Art. 20" in statement["incompatible_content_explanation"]


def test_facts_never_quote_the_content(db):
    secret_phrase = "Jane Example of 12 Sample Street"
    rationale = (f"remove under rule violating-high-confidence (TVEC_VIOLATING_CONTENT): High-confidence content. "
                 f"Evidence: incitement 0.97 by classifier '{secret_phrase}' [0:30].")
    scan = {"signals": [
        {"detector": "classifier", "category": "incitement", "score": 0.97,
         "spans": [{"start": 0, "end": 30, "text": secret_phrase}], "evidence": {}},
        {"detector": "organisations", "category": "attribution", "score": 0.9, "spans": [],
         "evidence": {"organisation": "Example Front"}},
        {"detector": "context", "category": "news_reporting", "score": 0.2, "spans": [], "evidence": {}},
    ]}
    statement = _statement(db, categories=("incitement", "attribution"), rationale=rationale, scan=scan)
    dumped = json.dumps(statement)
    assert secret_phrase not in dumped
    assert "incitement 0.97 (classifier)" in statement["decision_facts"]
    assert "attribution 0.90 (organisations, Example Front)" in statement["decision_facts"]
    assert "news_reporting" not in statement["decision_facts"]  # context is not a ground


def test_mixed_categories_use_category_addition(db):
    statement = _statement(db, categories=("dehumanisation", "incitement", "glorification"))
    assert statement["category"] == "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
    assert statement["category_addition"] == ["STATEMENT_CATEGORY_VIOLENCE", "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"]
    assert statement["category_specification"] == [
        "KEYWORD_TERRORIST_CONTENT", "KEYWORD_INCITEMENT_VIOLENCE_HATRED", "KEYWORD_HATE_SPEECH"]


def test_violence_without_terrorism_is_not_called_terrorist(db):
    statement = _statement(db, categories=("incitement",))
    assert statement["category"] == "STATEMENT_CATEGORY_VIOLENCE"
    assert "KEYWORD_TERRORIST_CONTENT" not in statement["category_specification"]
    assert statement["incompatible_content_illegal"] == "No"


def test_a_member_state_decision_disables_access_there_only(db):
    statement = _statement(db, jurisdiction="EL")
    assert statement["territorial_scope"] == ["GR"]
    assert statement["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]


@pytest.mark.parametrize(("action", "visibility"), [
    ("restrict", "DECISION_VISIBILITY_CONTENT_DEMOTED"), ("label", "DECISION_VISIBILITY_CONTENT_LABELLED")])
def test_lesser_restrictions(db, action, visibility):
    assert _statement(db, action=action)["decision_visibility"] == [visibility]


def test_removal_orders_and_notices_set_the_source(db):
    assert _statement(db, order=True)["source_type"] == "SOURCE_TYPE_OTHER_NOTIFICATION"
    assert _statement(db, meta={"notice": "trusted_flagger"}, reason_code="X1")["source_type"] == "SOURCE_TRUSTED_FLAGGER"
    assert _statement(db, meta={"notice": "article_16"}, reason_code="X2")["source_type"] == "SOURCE_ARTICLE_16"
    assert _statement(db, meta={"posted_at": "2025-12-24T10:00:00Z"}, reason_code="X3")["content_date"] == "2025-12-24"


@pytest.mark.parametrize(("action", "jurisdiction", "field", "why"), [
    ("allow", "EU", "decision_visibility", "only for restrictions"),
    ("review", "EU", "decision_visibility", "restricts nothing"),
    ("remove", "UK", "territorial_scope", "not in the EU"),
    ("remove", "US", "territorial_scope", "not in the EU"),
])
def test_decisions_that_restrict_nothing_in_the_eu_have_no_statement(db, action, jurisdiction, field, why):
    with pytest.raises(NoStatementRequired, match=why) as caught:
        _statement(db, action=action, jurisdiction=jurisdiction)
    assert caught.value.field == field


def test_a_decision_without_categories_takes_its_cases(db):
    with db.session() as session:
        document = add_document(session, "from-case", received_at=T0)
        case = add_case(session, document, categories=["recruitment"], created_at=T0)
        decision = add_decision(session, document, action="remove", categories=[], reason_code="R", kind="review",
                                automated=False, decided_at=T0, case=case)
        statement = sor.statement_of_reasons(session, decision, platform_name="p")
    assert statement["category"] == "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
    assert statement["category_specification"] == ["KEYWORD_TERRORIST_CONTENT", "KEYWORD_ILLEGAL_ORGANIZATIONS"]


def test_without_reasons_the_shipped_policy_explains_its_codes(db):
    statement = _statement(db, kind="review", automated=False, reason_code="TVEC_VIOLATING_CONTENT",
                           rationale="decided by a reviewer after automated detection")
    described = sor.default_reasons()["TVEC_VIOLATING_CONTENT"]
    assert described.split(" with ")[0] in statement["decision_facts"]
    assert "Decided by a reviewer after automated detection." in statement["decision_facts"]


def test_a_restriction_is_stated_once(db):
    """An upheld appeal keeps the removal: the removal's statement covers it. An appeal that
    turns an allow into a removal is a new restriction and gets its own."""
    with db.session() as session:
        document = add_document(session, "appealed", received_at=T0)
        removal = add_decision(session, document, action="remove", categories=["glorification"], reason_code="R",
                               decided_at=T0)
        upheld = add_decision(session, document, action="remove", categories=["glorification"], reason_code="R",
                              kind="appeal", automated=False, decided_at=T0 + dt.timedelta(days=1))
        upheld.supersedes_id = removal.id
        allowed = add_decision(session, document, action="allow", categories=[], reason_code="A",
                               jurisdiction="DE", decided_at=T0)
        reversed_ = add_decision(session, document, action="remove", categories=["glorification"], reason_code="R",
                                 kind="appeal", automated=False, jurisdiction="DE", decided_at=T0)
        reversed_.supersedes_id = allowed.id
        session.flush()
        sor.statement_of_reasons(session, removal, platform_name="p")
        with pytest.raises(NoStatementRequired, match="already covers") as caught:
            sor.statement_of_reasons(session, upheld, platform_name="p")
        assert caught.value.field == "supersedes_id"
        assert sor.statement_of_reasons(session, reversed_, platform_name="p")["territorial_scope"] == ["DE"]
        exported = sor.export_statements(session, since=T0 - dt.timedelta(days=1), platform_name="p")
    assert len(exported.statements) == 2
    assert exported.skipped == {"restriction already stated": 1, "action allow": 1}


def test_a_restriction_without_any_category_is_an_error_not_a_guess(db):
    with pytest.raises(SorError, match="no violating category") as caught:
        _statement(db, categories=("news_reporting",))
    assert caught.value.field == "category" and not isinstance(caught.value, NoStatementRequired)


def test_every_action_and_category_of_the_default_policy(db):
    """Every outcome the default policy (and a reviewer) can record: each rule's action and
    reason code, with each category a decision can report, in the EU and in a member state,
    automated and human. Restrictions get a valid statement, the rest NoStatementRequired."""
    policy = load_policy()
    outcomes = [(str(r.action), r.reason_code, [str(c) for c in r.categories or ()]) for r in policy.rules]
    outcomes.append((str(policy.default.action), policy.default.reason_code, []))
    # a reviewer may take any action with any of the policy's reason codes
    outcomes += [(str(a), code, []) for a in Action for code in {o[1] for o in outcomes}]
    reasons = sor.reason_descriptions(policy)
    built = skipped = 0
    with db.session() as session:
        document = add_document(session, "combinations", received_at=T0)
        for (action, code, declared), category, jurisdiction, kind in itertools.product(
            outcomes, _REPORTED, ("EU", "FR"), ("automated", "review")
        ):
            categories = list(dict.fromkeys([*declared, category]))
            decision = add_decision(session, document, action=action, categories=categories, reason_code=code,
                                    kind=kind, jurisdiction=jurisdiction, decided_at=T0)
            try:
                statement = sor.statement_of_reasons(session, decision, platform_name="tvec", reasons=reasons)
            except NoStatementRequired:
                assert action in ("allow", "review")
                skipped += 1
                continue
            assert action in ("remove", "restrict", "label")
            sor.validate_statement(statement)  # (also validated inside; an explicit check here)
            if set(categories) & {"known_content", "proscribed_support", "recruitment", "glorification",
                                  "attribution"}:
                assert statement["category"] == "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
                assert "KEYWORD_TERRORIST_CONTENT" in statement["category_specification"]
            expected = "Yes" if decision.automated_detection else "No"
            assert statement["automated_detection"] == expected
            assert statement["automated_decision"] == (
                "AUTOMATED_DECISION_FULLY" if decision.automated_decision else "AUTOMATED_DECISION_PARTIALLY")
            built += 1
    assert built > 100 and skipped > 50


# --------------------------------------------------------------------------- validation

VALID = {
    "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
    "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
    "illegal_content_legal_ground": "Example law, article 1",
    "illegal_content_explanation": "An explanation written for the test.",
    "content_type": ["CONTENT_TYPE_TEXT"],
    "category": "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "category_specification": ["KEYWORD_TERRORIST_CONTENT"],
    "territorial_scope": ["DE", "FR"],
    "content_date": "2026-05-01",
    "application_date": "2026-05-02",
    "decision_facts": "Facts written for the test.",
    "source_type": "SOURCE_VOLUNTARY",
    "automated_detection": "Yes",
    "automated_decision": "AUTOMATED_DECISION_PARTIALLY",
    "puid": "example-1",
}


def test_the_reference_example_shape_is_valid():
    sor.validate_statement(VALID)


def _broken(**changes):
    statement = copy.deepcopy(VALID)
    for key, value in changes.items():
        if value is _DROP:
            statement.pop(key)
        else:
            statement[key] = value
    return statement


_DROP = object()


@pytest.mark.parametrize(("changes", "field"), [
    ({"category": "STATEMENT_CATEGORY_TERRORISM"}, "category"),
    ({"category": _DROP}, "category"),
    ({"category_specification": ["KEYWORD_TERRORISM"]}, "category_specification"),
    ({"category_addition": ["STATEMENT_CATEGORY_VIOLENCE", "NOPE"]}, "category_addition"),
    ({"decision_visibility": ["DECISION_VISIBILITY_GONE"]}, "decision_visibility"),
    ({"decision_visibility": _DROP}, "decision_visibility"),
    ({"decision_visibility": ["DECISION_VISIBILITY_OTHER"]}, "decision_visibility_other"),
    ({"decision_monetary": "DECISION_MONETARY_FINE"}, "decision_monetary"),
    ({"decision_account": "DECISION_ACCOUNT_BANNED"}, "decision_account"),
    ({"territorial_scope": ["DE", "EL"]}, "territorial_scope"),
    ({"territorial_scope": "DE"}, "territorial_scope"),
    ({"content_language": "english"}, "content_language"),
    ({"content_type": []}, "content_type"),
    ({"content_type": ["CONTENT_TYPE_TEXT", "CONTENT_TYPE_TEXT"]}, "content_type"),
    ({"content_type": ["CONTENT_TYPE_OTHER"]}, "content_type_other"),
    ({"content_date": "01/05/2026"}, "content_date"),
    ({"content_date": "1999-12-31"}, "content_date"),
    ({"application_date": "2026-02-30"}, "application_date"),
    ({"end_date_account_restriction": "2040-01-01"}, "end_date_account_restriction"),
    ({"puid": "has space"}, "puid"),
    ({"puid": "x" * 501}, "puid"),
    ({"decision_ground": "DECISION_GROUND_BECAUSE"}, "decision_ground"),
    ({"illegal_content_legal_ground": _DROP}, "illegal_content_legal_ground"),
    ({"illegal_content_explanation": "x" * 2001}, "illegal_content_explanation"),
    ({"incompatible_content_ground": "ToS 1"}, "incompatible_content_ground"),
    ({"decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT"}, "incompatible_content_ground"),
    ({"incompatible_content_illegal": "Maybe"}, "incompatible_content_illegal"),
    ({"decision_facts": "x" * 5001}, "decision_facts"),
    ({"decision_facts": ""}, "decision_facts"),
    ({"source_type": "SOURCE_POLICE"}, "source_type"),
    ({"source_identity": "Example Org"}, "source_identity"),
    ({"automated_detection": True}, "automated_detection"),
    ({"automated_detection": "YES"}, "automated_detection"),
    ({"automated_decision": "AUTOMATED_DECISION_YES"}, "automated_decision"),
    ({"content_id": {"ISBN": "1"}}, "content_id"),
    ({"decision_ground_reference_url": "not a url"}, "decision_ground_reference_url"),
    ({"platform_name": "Example"}, "platform_name"),
])
def test_validate_statement_names_the_bad_field(changes, field):
    with pytest.raises(SorError) as caught:
        sor.validate_statement(_broken(**changes))
    assert caught.value.field == field, str(caught.value)
    assert field in str(caught.value)


def test_validate_statement_lists_all_problems():
    problems = list(sor.statement_problems(_broken(category="X", puid="a b", source_type="Y")))
    assert {p.field for p in problems} == {"category", "puid", "source_type"}


def test_enums_are_the_shipped_copy_of_the_transparency_database_constants():
    e = sor.enums()
    assert "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY" in e.categories
    assert {"KEYWORD_TERRORIST_CONTENT", "KEYWORD_ILLEGAL_ORGANIZATIONS"} <= e.keywords
    assert len(e.territorial_scope) == 30 and "GR" in e.territorial_scope and "EL" not in e.territorial_scope
    # every category and keyword the mapping can produce is a real key
    for dsa, keywords in sor.CATEGORY_MAP.values():
        assert dsa in e.categories and set(keywords) <= e.keywords
    assert set(sor.ACTION_VISIBILITY.values()) <= e.visibilities


def test_an_order_received_after_the_decision_is_not_its_source(db):
    """An automated removal taken on the platform's own initiative stays voluntary when an
    authority's order for the same content arrives later: the statement describes how the
    decision came about, not what happened to the content afterwards."""
    with db.session() as session:
        document = add_document(session, "late-order", received_at=T0)
        decision = add_decision(session, document, action="remove", categories=["proscribed_support"],
                                reason_code="TVEC_VIOLATING_CONTENT", decided_at=T0 + dt.timedelta(minutes=5))
        session.add(RemovalOrder(document_id=document.id, authority="Example Authority", reference="R-late",
                                 member_state="DE", received_at=T0 + dt.timedelta(days=2),
                                 deadline_at=T0 + dt.timedelta(days=2, hours=1)))
        session.flush()
        statement = sor.statement_of_reasons(session, decision, platform_name="Example Platform")
    assert statement["source_type"] == "SOURCE_VOLUNTARY"
    assert "removal order" not in statement["decision_facts"].lower()
