"""The review console through FastAPI's TestClient: login and cookies, CSRF and role refusals,
the case view's highlighting and escaping, claiming and deciding, queues and deadlines.

Runs on every database of the ``database`` fixture (SQLite; PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import html as html_module
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.store import workflow
from tvec.store.accounts import create_account
from tvec.store.models import Account, AuditEntry, Case, ConsoleSession, DecisionRecord, WebhookDelivery
from tvec.types import Document

PASSWORD = "correct horse battery"
# templated, fictional: the kind of one-line call the classifier sends to review
CALL = "Soldiers of Examplia, rise up, seize the capital and overthrow the government tonight!"
HOSTILE = '<script>document.title="owned"</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    home = tmp_path_factory.mktemp("console-scanner")
    return Scanner(TvecSettings(home=home))


@pytest.fixture()
def console_settings(tmp_path: Path) -> TvecSettings:
    return TvecSettings(home=tmp_path / "home", console_break_after_reviews=2)


@pytest.fixture()
def app(console_settings, database, scanner):
    from tvec.service.app import create_app

    application = create_app(console_settings, database=database, scanner=scanner, start_dispatcher=False)
    with database.session() as session:
        create_account(session, "rita", "reviewer", PASSWORD)
        create_account(session, "rob", "reviewer", PASSWORD)
        create_account(session, "ada", "admin", PASSWORD)
        create_account(session, "sam", "submitter", PASSWORD)
    return application


@pytest.fixture()
def client(app):
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def store_document(app, client_id: str, text: str, now: dt.datetime | None = None) -> list[int]:
    """Scan ``text`` with the app's scanner and store it; returns the ids of the cases opened."""
    result = app.state.scanner.scan(Document(id=client_id, text=text), ["UK", "EU"])
    with app.state.db.session() as session:
        recorded = workflow.record_scan(session, result, client_id=client_id, submitted_by=None,
                                        settings=app.state.settings, now=now)
        return [case.id for case in recorded.document.cases]


def login(client: TestClient, username: str, password: str = PASSWORD):
    form = client.get("/console/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    return client.post("/console/login", data={"username": username, "password": password, "csrf_token": token},
                       follow_redirects=False)


def csrf_of(page_html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page_html).group(1)


def audit_count(app) -> int:
    with app.state.db.session(readonly=True) as session:
        return session.execute(select(func.count(AuditEntry.id))).scalar_one()


def case_row(app, case_id: int) -> Case:
    with app.state.db.session(readonly=True) as session:
        return session.get(Case, case_id)


# --------------------------------------------------------------------------- login


def test_login_sets_a_strict_httponly_session_cookie(client):
    response = login(client, "rita")
    assert response.status_code == 303 and response.headers["location"] == "/console/queue/default"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("tvec_console="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie
    page = client.get("/console/queue/default")
    assert page.status_code == 200 and "rita" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_secure_cookie_when_configured(tmp_path, database, scanner):
    from tvec.service.app import create_app

    settings = TvecSettings(home=tmp_path / "h", cookie_secure=True)
    application = create_app(settings, database=database, scanner=scanner, start_dispatcher=False)
    with database.session() as session:
        create_account(session, "rita", "reviewer", PASSWORD)
    with TestClient(application, base_url="https://testserver") as secure_client:
        response = login(secure_client, "rita")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("tvec_console="))
    assert "Secure" in cookie


def test_wrong_password_and_unknown_user_get_the_same_answer(client):
    wrong = login(client, "rita", "not the password")
    unknown = login(client, "nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong username or password." in wrong.text and "Wrong username or password." in unknown.text
    assert "tvec_console=" not in " ".join(wrong.headers.get_list("set-cookie"))


def test_login_form_needs_its_token(client):
    client.get("/console/login")
    response = client.post("/console/login", data={"username": "rita", "password": PASSWORD, "csrf_token": "forged"},
                           follow_redirects=False)
    assert response.status_code == 403
    assert "tvec_console=" not in " ".join(response.headers.get_list("set-cookie"))


def test_submitter_cannot_log_in_to_review(client, app):
    response = login(client, "sam")
    assert response.status_code == 403 and "only reviewers and admins" in response.text
    with app.state.db.session(readonly=True) as session:
        assert session.execute(select(func.count(ConsoleSession.id))).scalar_one() == 0


def test_demoted_account_loses_the_console_at_once(client, app):
    assert login(client, "rita").status_code == 303
    with app.state.db.session() as session:
        session.execute(select(Account).where(Account.name == "rita")).scalar_one().role = "submitter"
    response = client.get("/console/queue/default")
    assert response.status_code == 403 and "may not use the review console" in response.text


def test_pages_send_anonymous_visitors_to_the_login(client, app):
    (case_id, *_) = store_document(app, "doc-anon", CALL)
    response = client.get(f"/console/cases/{case_id}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/console/login?next=%2Fconsole%2Fcases%2F{case_id}"
    # and the login sends them back there, but never off-site
    form = client.get(response.headers["location"])
    assert f'value="/console/cases/{case_id}"' in form.text
    evil = client.get("/console/login?next=//evil.example/x")
    assert "evil.example" not in evil.text


def test_logout_ends_the_session_server_side(client, app):
    login(client, "rita")
    page = client.get("/console/queue/default")
    cookie = client.cookies.get("tvec_console")
    response = client.post("/console/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert response.status_code == 303
    client.cookies.set("tvec_console", cookie, path="/console")  # a stolen copy of the cookie
    assert client.get("/console/queue/default", follow_redirects=False).status_code == 303


# --------------------------------------------------------------------------- CSRF and roles on actions


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_posts_without_the_sessions_csrf_token_are_refused(client, app, token):
    (case_id, *_) = store_document(app, "doc-csrf", CALL)
    login(client, "rita")
    before = audit_count(app)
    data = {} if token is None else {"csrf_token": token}
    response = client.post(f"/console/cases/{case_id}/claim", data=data, follow_redirects=False)
    assert response.status_code == 403 and "security token" in response.text
    assert case_row(app, case_id).status == "open"
    assert audit_count(app) == before


def test_csrf_token_of_another_session_is_refused(app):
    (case_id, *_) = store_document(app, "doc-csrf2", CALL)
    with TestClient(app) as rita, TestClient(app) as rob:
        login(rita, "rita")
        login(rob, "rob")
        robs_token = csrf_of(rob.get("/console/queue/default").text)
        response = rita.post(f"/console/cases/{case_id}/claim", data={"csrf_token": robs_token}, follow_redirects=False)
    assert response.status_code == 403
    assert case_row(app, case_id).status == "open"


def test_only_admins_see_the_transparency_report(client, app):
    login(client, "rita")
    page = client.get("/console/queue/default")
    assert "/console/transparency" not in page.text
    assert client.get("/console/transparency").status_code == 403
    client.post("/console/logout", data={"csrf_token": csrf_of(page.text)})
    login(client, "ada")
    page = client.get("/console/queue/default")
    assert 'href="/console/transparency"' in page.text
    report = client.get("/console/transparency")
    assert report.status_code == 200 and "<svg" in report.text
    assert "script-src" not in report.headers["content-security-policy"]  # no scripts at all


def test_console_routes_stay_out_of_the_api_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/console")]


# --------------------------------------------------------------------------- the case view


def test_case_view_highlights_every_span_and_renders_hostile_text_inert(client, app):
    text = f"{HOSTILE}\n\n{CALL}"
    (case_id, *_) = store_document(app, "doc-hostile", text)
    login(client, "rita")
    page = client.get(f"/console/cases/{case_id}")
    assert page.status_code == 200
    html = page.text
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#34;owned&#34;&lt;/script&gt;" in html
    with app.state.db.session(readonly=True) as session:
        scan = session.get(Case, case_id).document.scan
    signals = scan["signals"]
    assert signals, "the templated call should produce evidence"
    document_html = re.search(r'<div class="document" id="document-text">(.*?)</div>', html, re.DOTALL).group(1)
    for number, signal in enumerate(signals, start=1):
        label = f"#{number} {signal['category']} · {signal['detector']} · {signal['score']:.2f}"
        assert label in document_html, label
        for span in signal["spans"]:
            assert re.search(rf'data-signals="[^"]*\b{number}\b', document_html)
    # without the labels and tags, the marked-up document is exactly the stored text
    bare = re.sub(r'<span class="ev-label[^"]*"[^>]*>[^<]*</span>', "", document_html)
    assert html_module.unescape(re.sub(r"<[^>]+>", "", bare)) == text
    # the classifier marks the call sentence with several categories: the overlap shows as one run
    overlapping = [s for s in signals if s["spans"] and s["spans"][0]["start"] == signals[0]["spans"][0]["start"]]
    if len(overlapping) > 1:  # two or more spans over one run: depth 2, or 3 for three and more
        assert re.search(r"ev-depth-[23]\b", document_html)
    # the only scripts on the page are the console's own file
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/console/static/console.js" defer>']


def test_case_view_shows_the_rule_per_jurisdiction_and_history(client, app):
    (case_id, *_) = store_document(app, "doc-rules", CALL)
    login(client, "rita")
    page = client.get(f"/console/cases/{case_id}").text
    assert "Automated decision per jurisdiction" in page
    assert "violating-possible" in page and "TVEC_POSSIBLE_VIOLATION" in page
    assert "Possibly violating content" in page  # the rule's description from the policy
    assert 'id="history"' in page


def test_violent_or_long_text_is_collapsed_by_default(client, app):
    violent_case, *_ = store_document(app, "doc-violent", CALL)
    calm = "The committee met on Tuesday to discuss the library budget. " * 40
    calm_ids = store_document(app, "doc-long", calm)
    login(client, "rita")
    page = client.get(f"/console/cases/{violent_case}").text
    gate = re.search(r'<details id="content-gate"[^>]*>', page).group(0)
    assert " open" not in gate and "Hidden by default: violent content" in page
    assert 'class="gated"' in page  # quotes elsewhere on the page are blurred while hidden
    if calm_ids:  # a long text only reaches the console when something sent it to review
        long_page = client.get(f"/console/cases/{calm_ids[0]}").text
        assert "long text" in long_page


def test_keyboard_shortcuts_are_listed_on_the_page(client, app):
    (case_id, *_) = store_document(app, "doc-keys", CALL)
    login(client, "rita")
    page = client.get(f"/console/cases/{case_id}").text
    for key in ("c", "a", "r", "v", "n", "?"):
        assert f"<kbd>{key}</kbd>" in page
    assert 'data-key="c"' in page


# --------------------------------------------------------------------------- claiming and deciding


def test_claim_decide_flow_writes_decision_audit_webhook_and_counter(client, app):
    from tvec.outbound.webhooks import add_endpoint

    with app.state.db.session() as session:
        add_endpoint(session, "http://127.0.0.1:9/hook", ["decision.created"])
    first, *_ = store_document(app, "doc-flow", CALL)
    with app.state.db.session(readonly=True) as session:
        deliveries_before = session.execute(select(func.count(WebhookDelivery.id))).scalar_one()
    login(client, "rita")
    page = client.get(f"/console/cases/{first}").text
    assert 'id="decide-form"' not in page  # not claimed yet
    before = audit_count(app)
    claimed = client.post(f"/console/cases/{first}/claim", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert claimed.status_code == 303
    page = client.get(f"/console/cases/{first}").text
    assert 'id="decide-form"' in page and "TVEC_VIOLATING_CONTENT" in page
    decided = client.post(
        f"/console/cases/{first}/decide",
        data={"csrf_token": csrf_of(page), "action": "remove", "reason_code": "TVEC_VIOLATING_CONTENT",
              "note": "templated call to arms", "version": re.search(r'name="version" value="(\d+)"', page).group(1)},
        follow_redirects=False,
    )
    assert decided.status_code == 303 and decided.headers["location"].startswith("/console/next?queue=default")
    assert audit_count(app) >= before + 2  # claim + decide
    with app.state.db.session(readonly=True) as session:
        case = session.get(Case, first)
        assert case.status == "decided"
        record = session.execute(select(DecisionRecord).where(DecisionRecord.case_id == first, DecisionRecord.kind == "review")
        ).scalar_one()
        assert (record.kind, record.action, record.reason_code) == ("review", "remove", "TVEC_VIOLATING_CONTENT")
        assert record.automated_decision is False and record.note == "templated call to arms"
        assert session.execute(select(func.count(WebhookDelivery.id))).scalar_one() == deliveries_before + 1
        assert session.execute(select(ConsoleSession.reviews_done)).scalar_one() == 1
    history = client.get(f"/console/cases/{first}").text
    assert "case.claim" in history and "case.decide" in history and "1 reviewed this session" in history


def test_break_reminder_after_n_reviews(client, app):
    ids = store_document(app, "doc-break", CALL)  # UK and EU: two cases
    assert len(ids) == 2
    login(client, "rita")
    for case_id in ids:
        page = client.get(f"/console/cases/{case_id}").text
        assert "Consider a short break" not in page
        client.post(f"/console/cases/{case_id}/claim", data={"csrf_token": csrf_of(page)})
        client.post(f"/console/cases/{case_id}/decide",
                    data={"csrf_token": csrf_of(page), "action": "allow", "reason_code": "TVEC_NO_VIOLATION"})
    page = client.get("/console/queue/default").text
    assert "2 reviewed this session" in page and "Consider a short break" in page


def test_deciding_without_a_claim_or_with_a_bad_code_changes_nothing(client, app):
    (case_id, *_) = store_document(app, "doc-bad", CALL)
    login(client, "rita")
    token = csrf_of(client.get(f"/console/cases/{case_id}").text)
    before = audit_count(app)
    unclaimed = client.post(f"/console/cases/{case_id}/decide",
                            data={"csrf_token": token, "action": "remove", "reason_code": "TVEC_VIOLATING_CONTENT"})
    assert unclaimed.status_code == 409 and "claim it before deciding" in unclaimed.text
    client.post(f"/console/cases/{case_id}/claim", data={"csrf_token": token})
    after_claim = audit_count(app)
    assert after_claim == before + 1
    bad_code = client.post(f"/console/cases/{case_id}/decide",
                           data={"csrf_token": token, "action": "remove", "reason_code": "MADE_UP"})
    bad_action = client.post(f"/console/cases/{case_id}/decide",
                             data={"csrf_token": token, "action": "review", "reason_code": "TVEC_NO_VIOLATION"})
    assert bad_code.status_code == 400 and "MADE_UP" in bad_code.text
    assert bad_action.status_code == 400
    assert audit_count(app) == after_claim and case_row(app, case_id).status == "claimed"


def test_a_case_claimed_by_another_reviewer_cannot_be_taken(app):
    (case_id, *_) = store_document(app, "doc-race", CALL)
    with TestClient(app) as rita, TestClient(app) as rob:
        login(rita, "rita")
        login(rob, "rob")
        rita_page = rita.get(f"/console/cases/{case_id}").text
        rob_page = rob.get(f"/console/cases/{case_id}").text
        assert rita.post(f"/console/cases/{case_id}/claim", data={"csrf_token": csrf_of(rita_page)},
                         follow_redirects=False).status_code == 303
        taken = rob.post(f"/console/cases/{case_id}/claim", data={"csrf_token": csrf_of(rob_page)})
        assert taken.status_code == 409 and "is claimed by" in taken.text and "rita" in taken.text
        assert "claim-form" not in rob.get(f"/console/cases/{case_id}").text


def test_escalate_moves_the_case_to_the_senior_queue(client, app):
    (case_id, *_) = store_document(app, "doc-escalate", CALL)
    login(client, "rita")
    token = csrf_of(client.get(f"/console/cases/{case_id}").text)
    assert client.post(f"/console/cases/{case_id}/escalate", data={"csrf_token": token, "note": ""}).status_code == 400
    response = client.post(f"/console/cases/{case_id}/escalate", data={"csrf_token": token, "note": "needs a lawyer"},
                           follow_redirects=False)
    assert response.status_code == 303
    assert (case_row(app, case_id).queue, case_row(app, case_id).status) == ("escalated", "escalated")
    assert f"/console/cases/{case_id}" in client.get("/console/queue/escalated").text


# --------------------------------------------------------------------------- queues


def test_queue_is_ordered_by_deadline_and_marks_overdue_and_near_due(client, app):
    now = dt.datetime.now(dt.UTC)
    plain, *_ = store_document(app, "doc-plain", CALL)
    store_document(app, "doc-order-late", "An update about " + CALL)
    store_document(app, "doc-order-soon", "Repeated: " + CALL)
    with app.state.db.session() as session:
        admin = session.execute(select(Account).where(Account.name == "ada")).scalar_one()
        overdue = workflow.record_removal_order(
            session, client_id="doc-order-late", authority="Examplia Police", reference="RO-1", member_state="DE",
            received_at=now - dt.timedelta(hours=2), recorded_by=admin, settings=app.state.settings)
        near = workflow.record_removal_order(
            session, client_id="doc-order-soon", authority="Examplia Police", reference="RO-2", member_state="DE",
            received_at=now - dt.timedelta(minutes=50), recorded_by=admin, settings=app.state.settings)
        overdue_case, near_case = overdue.case_id, near.case_id
    login(client, "rita")
    page = client.get("/console/queue/removal_orders").text
    rows = re.findall(r'<tr class="([^"]*)" data-case-url="/console/cases/(\d+)"', page)
    assert [(cls, int(cid)) for cls, cid in rows] == [("overdue", overdue_case), ("near-due", near_case)]
    assert "OVERDUE" in page and "due in" in page
    default = client.get("/console/queue/default").text
    assert f"/console/cases/{plain}" in default
    filtered = client.get("/console/queue/default?jurisdiction=EU&status=open").text
    for _cls, cid in re.findall(r'<tr class="([^"]*)" data-case-url="/console/cases/(\d+)"', filtered):
        assert case_row(app, int(cid)).jurisdiction == "EU"


def test_next_skips_cases_claimed_by_others(app):
    first, second = store_document(app, "doc-next", CALL)
    with TestClient(app) as rita, TestClient(app) as rob:
        login(rita, "rita")
        login(rob, "rob")
        page = rob.get(f"/console/cases/{first}").text
        rob.post(f"/console/cases/{first}/claim", data={"csrf_token": csrf_of(page)})
        response = rita.get("/console/next?queue=default", follow_redirects=False)
    assert response.headers["location"] == f"/console/cases/{second}"


def test_unknown_queue_and_case_are_404_pages(client):
    login(client, "rita")
    assert client.get("/console/queue/nope").status_code == 404
    missing = client.get("/console/cases/999999")
    assert missing.status_code == 404 and "case 999999 does not exist" in missing.text


def test_an_appeal_is_decided_by_another_reviewer(app):
    (case_id, *_) = store_document(app, "doc-appeal", CALL)
    with TestClient(app) as rita, TestClient(app) as rob:
        login(rita, "rita")
        token = csrf_of(rita.get(f"/console/cases/{case_id}").text)
        rita.post(f"/console/cases/{case_id}/claim", data={"csrf_token": token})
        rita.post(f"/console/cases/{case_id}/decide",
                  data={"csrf_token": token, "action": "remove", "reason_code": "TVEC_VIOLATING_CONTENT"})
        with app.state.db.session() as session:
            appeal_id = workflow.file_appeal(session, case_id, "user-17", "It was a quotation.",
                                             dt.datetime.now(dt.UTC)).id
        assert f"/console/cases/{case_id}" in rita.get("/console/queue/appeals").text
        refused = rita.post(f"/console/cases/{case_id}/claim", data={"csrf_token": token})
        assert refused.status_code == 403 and "another reviewer" in refused.text
        login(rob, "rob")
        page = rob.get(f"/console/cases/{case_id}").text
        assert "It was a quotation." in page and f"/console/appeals/{appeal_id}/decide" not in page
        rob.post(f"/console/cases/{case_id}/claim", data={"csrf_token": csrf_of(page)})
        page = rob.get(f"/console/cases/{case_id}").text
        assert f"/console/appeals/{appeal_id}/decide" in page and 'id="decide-form"' not in page
        decided = rob.post(f"/console/appeals/{appeal_id}/decide",
                           data={"csrf_token": csrf_of(page), "outcome": "upheld",
                                 "reason_code": "TVEC_VIOLATING_CONTENT", "note": "the call stands"},
                           follow_redirects=False)
        assert decided.status_code == 303 and decided.headers["location"] == f"/console/cases/{case_id}?done=appeal&case={case_id}"
    with app.state.db.session(readonly=True) as session:
        assert session.get(Case, case_id).appeals[0].status == "upheld"


def test_notices_after_actions_are_fixed_texts(client, app):
    first, second = store_document(app, "doc-notice", CALL)
    login(client, "rita")
    page = client.get(f"/console/cases/{first}").text
    claimed = client.post(f"/console/cases/{first}/claim", data={"csrf_token": csrf_of(page)})
    assert f"Case #{first} is yours to decide" in claimed.text
    decided = client.post(f"/console/cases/{first}/decide", data={
        "csrf_token": csrf_of(page), "action": "allow", "reason_code": "TVEC_NO_VIOLATION"})
    assert str(decided.url).endswith(f"/console/cases/{second}?done=decided&case={first}")
    assert f"Decision on case #{first} recorded." in decided.text
    forged = client.get(f"/console/cases/{second}?done=<b>hi</b>&case=<i>x</i>").text
    assert "<b>hi</b>" not in forged and "<i>x</i>" not in forged and 'class="notice ok"' not in forged


def test_a_purged_document_shows_its_evidence_without_text(client, app):
    (case_id, *_) = store_document(app, "doc-purged", CALL)
    with app.state.db.session() as session:
        document = session.get(Case, case_id).document
        document.text = None
        document.purged_at = dt.datetime.now(dt.UTC)
    login(client, "rita")
    page = client.get(f"/console/cases/{case_id}").text
    assert "purged by retention" in page and "Soldiers of Examplia" in page  # the evidence keeps its quotes
    assert "purged" in client.get("/console/queue/default").text


def test_out_of_range_numbers_in_urls_get_pages_not_server_errors(client, app):
    """Ids past the integer columns and a huge "due within" filter used to reach the driver or
    datetime arithmetic and come back as 500s."""
    assert login(client, "rita").status_code == 303
    huge = "9" * 20
    assert client.get(f"/console/cases/{huge}").status_code == 404
    assert client.get(f"/console/cases/{2**31}").status_code == 404
    assert client.get(f"/console/queue/default?due={huge}").status_code == 200
    token = csrf_of(client.get("/console/queue/default").text)
    before = audit_count(app)
    response = client.post(f"/console/cases/{huge}/claim", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 404 and "does not exist" in response.text
    response = client.post(f"/console/appeals/{huge}/decide", data={"csrf_token": token, "outcome": "upheld",
                                                                     "reason_code": "TVEC_VIOLATING_CONTENT"},
                           follow_redirects=False)
    assert response.status_code == 404
    assert audit_count(app) == before


def test_repeated_failed_logins_lock_the_name_for_a_while(client, app):
    """Password guessing is slowed to max_failures per window and name: after that even the
    right password is refused (the attacker must not learn it was right); other names are not
    affected, and unknown names are throttled alike so the answer tells nothing."""
    throttle = app.state.console_login_throttle
    for _ in range(throttle.max_failures):
        assert login(client, "rita", "guess guess").status_code == 401
    blocked = login(client, "rita")
    assert blocked.status_code == 429 and "Too many failed logins" in blocked.text
    assert "tvec_console=" not in " ".join(blocked.headers.get_list("set-cookie"))
    assert login(client, "rob").status_code == 303  # another reviewer logs in as usual
    for _ in range(throttle.max_failures):
        login(client, "nobody", "guess guess")
    assert login(client, "nobody", "guess guess").status_code == 429
    throttle.window = dt.timedelta(0)  # the window has passed
    assert login(client, "rita").status_code == 303


def test_the_login_throttle_forgets_names_beyond_its_bound():
    from tvec.console.auth import LoginThrottle

    throttle = LoginThrottle(max_failures=2)
    throttle.MAX_TRACKED = 5
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    for i in range(50):
        throttle.failed(f"name-{i}", now)
    assert len(throttle._failures) <= 5
