"""The /v1 API end to end on the ``database`` fixture: scans, idempotency, limits, cases,
appeals, removal orders, statements of reasons, the error shape and rollback on a crash."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from service_support import benign_text, build_api, review_text
from sqlalchemy import func, select

from tvec.store.models import (
    Account,
    Appeal,
    AuditEntry,
    Case,
    DecisionRecord,
    StoredDocument,
    WebhookDelivery,
    WebhookEndpoint,
)


def _count(db, model) -> int:
    with db.session(readonly=True) as session:
        return session.scalar(select(func.count()).select_from(model))


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


# ---- scan ---------------------------------------------------------------------------------


def test_scan_single_stores_decisions_and_opens_cases(api):
    response = api.scan("post-1", review_text(0))
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == "post-1" and body["created"] is True and body["action"] == "review"
    assert set(body["decisions"]) == {"UK", "EU"}
    assert all(d["action"] == "review" for d in body["decisions"].values())
    assert {c["jurisdiction"] for c in body["cases"]} == {"UK", "EU"}
    assert any(s["category"] == "insurrection" for s in body["signals"])
    assert _count(api.db, StoredDocument) == 1
    assert _count(api.db, DecisionRecord) == 2


def test_scan_benign_document_opens_no_case(api):
    body = api.scan("post-ok", benign_text(0), jurisdictions=["uk"]).json()
    assert body["action"] == "allow" and body["cases"] == [] and list(body["decisions"]) == ["UK"]


_NEUTRAL = "The weekly market in the old town opens at nine. Vendors sell bread, fruit and fabric."
_HUT_URL = "https://www.hizb-ut-tahrir.info/en/index.php/press-releases/central-media-office/123.html"


def _attribution(body: dict) -> list[dict]:
    return [s for s in body["signals"] if s["category"] == "attribution"]


def test_scan_with_the_url_of_an_organisations_official_domain_is_attributed(api):
    """The organisations detector attributes a text published on a designated organisation's
    official domain (Document.meta["url"]); the API passes the document's ``url`` there. The same
    neutral text without it names nobody."""
    with_url = api.scan("hut-page", _NEUTRAL, url=_HUT_URL)
    assert with_url.status_code == 201, with_url.text
    without = api.scan("plain-page", _NEUTRAL)
    assert without.status_code == 201, without.text
    [signal] = _attribution(with_url.json())
    assert signal["evidence"]["organisation_key"] == "hut", signal
    assert "official_domain" in json.dumps(signal["evidence"]), signal
    assert not _attribution(without.json()), without.json()["signals"]
    with api.db.session(readonly=True) as session:  # stored with the document, as meta.url
        stored = session.scalars(select(StoredDocument).where(StoredDocument.client_id == "hut-page")).one()
        assert stored.meta["url"] == _HUT_URL


@pytest.mark.parametrize(
    "url, problem",
    [
        ("ftp://www.hizb-ut-tahrir.info/x", "http"),
        ("javascript:alert(1)", "http"),
        ("/relative/path", "http"),
        ("https://", "host"),
        ("https://example.org/" + "a" * 2048, "2048"),
        ("https://example.org/a b", "spaces"),
        ("", "at least 1"),
    ],
)
def test_scan_url_must_be_an_http_url_of_at_most_2048_characters(api, url, problem):
    error = _error(api.scan("bad-url", _NEUTRAL, url=url), 422)
    assert error["field"] == "url" and problem in error["message"], error
    batch = api.client.post(
        "/v1/scan", json={"documents": [{"id": "b1", "text": _NEUTRAL, "url": url}]}, headers=api.auth("submitter")
    )
    assert _error(batch, 422)["field"] == "documents[0].url"
    assert _count(api.db, StoredDocument) == 0


def test_scan_url_and_a_different_meta_url_is_a_422(api):
    error = _error(api.scan("two-urls", _NEUTRAL, url=_HUT_URL, meta={"url": "https://example.org/"}), 422)
    assert error["field"] == "meta.url"
    same = api.scan("same-url", _NEUTRAL, url="https://example.org/", meta={"url": "https://example.org/"})
    assert same.status_code == 201, same.text


def test_scan_is_idempotent_on_the_client_id(api):
    first = api.scan("post-1", review_text(0)).json()
    again = api.scan("post-1", review_text(0))
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["document_id"] == first["document_id"]
    assert again.json()["cases"] == first["cases"]
    assert _count(api.db, StoredDocument) == 1 and _count(api.db, Case) == 2


def test_same_id_with_other_text_is_a_conflict_and_changes_nothing(api):
    api.scan("post-1", review_text(0))
    audit_before = _count(api.db, AuditEntry)
    error = _error(api.scan("post-1", review_text(1)), 409, "idempotency_conflict")
    assert "post-1" in error["message"]
    assert _count(api.db, AuditEntry) == audit_before


def test_another_submitters_id_is_a_conflict_that_reveals_nothing_stored(api):
    from tvec.store import accounts

    with api.db.session() as session:
        other = accounts.create_account(session, "submitter-b", "submitter")
        other_key, _ = accounts.issue_api_key(session, other)
    stored = api.scan("post-a", review_text(0)).json()
    as_other = {"Authorization": f"Bearer {other_key}"}

    def scan_as_other(text: str):
        return api.client.post("/v1/scan", json={"id": "post-a", "text": text}, headers=as_other)

    same_text = _error(scan_as_other(review_text(0)), 409, "idempotency_conflict")
    other_text = _error(scan_as_other(review_text(1)), 409, "idempotency_conflict")
    assert same_text == other_text  # one cannot tell whether the text matched
    assert (
        stored["sha256"][:8] not in same_text["message"]
        and str(stored["document_id"]) not in same_text["message"]
    )
    batch = api.client.post(
        "/v1/scan", json={"documents": [{"id": "post-a", "text": review_text(0)}]}, headers=as_other
    )
    assert _error(batch, 409, "idempotency_conflict") == same_text
    # the one who stored it still gets the stored result back
    assert api.scan("post-a", review_text(0)).json()["document_id"] == stored["document_id"]
    assert _count(api.db, StoredDocument) == 1


def test_batch_scan_returns_one_result_per_document(api):
    documents = [{"id": f"b-{i}", "text": review_text(i) if i % 2 else benign_text(i)} for i in range(6)]
    response = api.client.post(
        "/v1/scan", json={"documents": documents, "jurisdictions": ["EU"]}, headers=api.auth("submitter")
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [d["id"] for d in documents]
    assert [r["action"] for r in results] == ["allow", "review"] * 3
    assert _count(api.db, Case) == 3


def test_batch_is_all_or_nothing(api):
    api.scan("taken", review_text(0))
    documents = [{"id": "fresh-1", "text": benign_text(1)}, {"id": "taken", "text": benign_text(2)}]
    error = _error(
        api.client.post("/v1/scan", json={"documents": documents}, headers=api.auth("submitter")), 409
    )
    assert "taken" in error["message"]
    assert _count(api.db, StoredDocument) == 1  # fresh-1 was rolled back with the batch


def test_batch_larger_than_the_limit_is_rejected(database, service_scanner, tmp_path):
    for small in build_api(database, service_scanner, tmp_path, max_batch_documents=3):
        documents = [{"id": f"d{i}", "text": benign_text(i)} for i in range(4)]
        response = small.client.post(
            "/v1/scan", json={"documents": documents}, headers=small.auth("submitter")
        )
        error = _error(response, 422)
        assert error["field"] == "documents" and "max_batch_documents" in error["message"]
        assert _count(database, StoredDocument) == 0


def test_duplicate_ids_in_one_batch_are_rejected(api):
    documents = [{"id": "same", "text": benign_text(0)}, {"id": "same", "text": benign_text(1)}]
    error = _error(
        api.client.post("/v1/scan", json={"documents": documents}, headers=api.auth("submitter")), 422
    )
    assert error["field"] == "documents[1].id"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"id": "x", "text": "hello", "jurisdiction": ["UK"]}, "jurisdiction"),  # misspelt option
        ({"id": "x", "text": 42}, "text"),
        ({"id": "", "text": "hello"}, "id"),
        ({"text": "hello"}, "id"),
        ({"documents": [{"id": "a", "text": "t", "extra": 1}]}, "documents[0].extra"),
        ({"documents": []}, "documents"),
        ({"id": "x", "text": "hello", "meta": "not an object"}, "meta"),
        ({"id": "x", "text": ""}, "text"),
        ({"documents": [{"id": "a", "text": "t"}, {"id": "b", "text": ""}]}, "documents[1].text"),
    ],
)
def test_bad_scan_bodies_are_422_naming_the_field(api, body, field):
    error = _error(
        api.client.post("/v1/scan", json=body, headers=api.auth("submitter")), 422, "validation_error"
    )
    assert error["field"] == field, error


def test_unknown_jurisdiction_is_422_naming_the_field(api):
    error = _error(api.scan("x", "hello", jurisdictions=["ZZ"]), 422)
    assert error["field"] == "jurisdictions" and "ZZ" in error["message"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"{not json", "not valid JSON: Expecting property name"),  # was 422 with field "[1]"
        (b'{"id": "x", "text": "hello"', "not valid JSON"),
        ('{"id": "x", "text": "hello"}'.encode("utf-16"), "UTF-16 or UTF-32"),  # with its BOM
        ('{"id": "x", "text": "caf\u00e9"}'.encode("latin-1"), "not UTF-8 (invalid byte at offset 24)"),
        ('{"id": "x", "text": "hello"}'.encode("utf-16-le"), "UTF-16 or UTF-32"),
        ('{"id": "x", "text": "hello"}'.encode("utf-32"), "UTF-16 or UTF-32"),
        ('{"id": "x", "text": "hello"}'.encode("utf-8-sig"), "byte order mark"),
        (b'{"id": "x", "text": "benign", "text": "other"}', "duplicate key 'text'"),
        (b'{"documents": [{"id": "a", "id": "b", "text": "t"}]}', "duplicate key 'id'"),
        (b'{"id": "x", "text": "hello", "meta": {"score": NaN}}', "NaN"),
        (b'{"id": "x", "text": "hello", "meta": {"score": -Infinity}}', "Infinity"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_a_body_that_is_not_strict_utf8_json_is_400_bad_request(api, body, says):
    """Issue 11.3: the docs promise 400 ``bad_request`` for a body that cannot be parsed;
    malformed JSON was a 422 naming field "[20]", and UTF-16 bodies, repeated keys (read as the
    last one, so a proxy and tvec can see different texts) and NaN were accepted silently."""
    response = api.client.post(
        "/v1/scan", content=body, headers={**api.auth("submitter"), "content-type": "application/json"}
    )
    error = _error(response, 400, "bad_request")
    assert says in error["message"], error
    assert _count(api.db, StoredDocument) == 0


def test_every_api_route_reads_its_body_as_strict_json(api):
    from fastapi.routing import APIRoute

    from tvec.service.jsonbody import StrictJSONRoute

    def walk(routes):  # included routers are wrappers around the router they include
        for route in routes:
            inner = getattr(route, "original_router", None)
            yield from walk(inner.routes) if inner is not None else [route]

    routes = [r for r in walk(api.app.routes) if isinstance(r, APIRoute) and r.path.startswith(("/v1", "/healthz"))]
    assert len(routes) >= 24
    assert [r.path for r in routes if not isinstance(r, StrictJSONRoute)] == []


def test_oversize_body_is_413_by_content_length(database, service_scanner, tmp_path):
    for small in build_api(database, service_scanner, tmp_path, max_request_bytes=2000):
        response = small.scan("big", "word " * 1000)
        error = _error(response, 413, "payload_too_large")
        assert "2000" in error["message"]
        assert _count(database, StoredDocument) == 0


def test_oversize_streamed_body_without_content_length_is_413(database, service_scanner, tmp_path):
    """A chunked upload declares no length: the limit is enforced on the bytes as they arrive."""
    for small in build_api(database, service_scanner, tmp_path, max_request_bytes=2000):
        payload = json.dumps({"id": "big", "text": "word " * 1000}).encode()

        def chunks(body: bytes = payload):
            for start in range(0, len(body), 500):
                yield body[start : start + 500]

        response = small.client.post(
            "/v1/scan",
            content=chunks(),
            headers={**small.auth("submitter"), "content-type": "application/json"},
        )
        assert "content-length" not in {k.lower() for k in response.request.headers}
        _error(response, 413, "payload_too_large")
        # a lying Content-Length (smaller than the body) does not get past the limit either
        raw = small.client.post(
            "/v1/scan",
            content=chunks(),
            headers={**small.auth("submitter"), "content-type": "application/json", "content-length": "10"},
        )
        assert raw.status_code in (413, 422), raw.text  # never stored
        assert _count(database, StoredDocument) == 0


def test_text_over_max_document_bytes_is_422(database, service_scanner, tmp_path):
    from tvec.scanner import Scanner
    from tvec.settings import TvecSettings

    scanner = Scanner(
        TvecSettings(home=tmp_path / "s", max_document_bytes=100),
        engine=service_scanner.engine,
        detectors=service_scanner.detectors,
    )
    for small in build_api(database, scanner, tmp_path):
        error = _error(small.scan("long", "a" * 200), 422)
        assert error["field"] == "text"


# ---- cases --------------------------------------------------------------------------------


def test_case_lifecycle_claim_decide_with_audit_and_webhook(api):
    hook = api.client.post(
        "/v1/webhooks", json={"url": "https://example.invalid/hook"}, headers=api.auth("admin")
    )
    assert hook.status_code == 201, hook.text
    case_id = api.review_case("c-1")
    listed = api.client.get("/v1/cases", headers=api.auth("reviewer")).json()["cases"]
    assert [c["id"] for c in listed] == [case_id] and listed[0]["status"] == "open"

    claimed = api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer"))
    assert claimed.status_code == 200 and claimed.json()["status"] == "claimed"
    assert claimed.json()["claimed_by"] == api.ids["reviewer"]

    deliveries_before = _count(api.db, WebhookDelivery)
    decided = api.client.post(
        f"/v1/cases/{case_id}/decide",
        headers=api.auth("reviewer"),
        json={"action": "remove", "reason_code": "TVEC_VIOLATING_CONTENT", "note": "templated"},
    )
    assert decided.status_code == 201, decided.text
    decision = decided.json()
    assert decision["kind"] == "review" and decision["action"] == "remove"
    assert decision["automated_detection"] is True and decision["automated_decision"] is False
    assert _count(api.db, WebhookDelivery) == deliveries_before + 1

    detail = api.client.get(f"/v1/cases/{case_id}", headers=api.auth("reviewer")).json()
    assert detail["status"] == "decided"
    assert [d["kind"] for d in detail["decisions"]] == ["automated", "review"]
    assert [h["action"] for h in detail["history"]][-2:] == ["case.claim", "case.decide"]
    assert detail["document"]["text"] == review_text(0)
    assert api.client.post("/v1/audit/verify", headers=api.auth("admin")).json()["ok"] is True


def test_a_claim_is_exclusive(api):
    case_id = api.review_case("c-1")
    assert api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer")).status_code == 200
    error = _error(
        api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer2")), 409, "conflict"
    )
    assert str(case_id) in error["message"]
    body = {"action": "allow", "reason_code": "TVEC_NO_VIOLATION"}
    _error(api.client.post(f"/v1/cases/{case_id}/decide", json=body, headers=api.auth("reviewer2")), 409)
    assert _count(api.db, DecisionRecord) == 1  # only the automated one


def test_concurrent_claims_have_exactly_one_winner(api):
    from concurrent.futures import ThreadPoolExecutor

    case_id = api.review_case("c-race")
    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(
            pool.map(
                lambda who: api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth(who)).status_code,
                ["reviewer", "reviewer2"],
            )
        )
    assert statuses == [200, 409]


def test_decide_without_claim_is_409_and_stale_version_is_409(api):
    case_id = api.review_case("c-1")
    body = {"action": "allow", "reason_code": "TVEC_NO_VIOLATION"}
    _error(
        api.client.post(f"/v1/cases/{case_id}/decide", json=body, headers=api.auth("reviewer")),
        409,
        "invalid_transition",
    )
    version = api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer")).json()["version"]
    stale = {**body, "expected_version": version - 1}
    _error(api.client.post(f"/v1/cases/{case_id}/decide", json=stale, headers=api.auth("reviewer")), 409)
    ok = {**body, "expected_version": version}
    assert (
        api.client.post(f"/v1/cases/{case_id}/decide", json=ok, headers=api.auth("reviewer")).status_code
        == 201
    )


def test_bad_decision_bodies(api):
    case_id = api.review_case("c-1")
    api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer"))
    for body, field in [
        ({"action": "review", "reason_code": "X"}, "action"),
        ({"action": "remove"}, "reason_code"),
        ({"action": "remove", "reason_code": "X", "notes": "typo"}, "notes"),
        ({"action": "remove", "reason_code": "TVEC_MADE_UP"}, "reason_code"),  # not in the policy
    ]:
        error = _error(
            api.client.post(f"/v1/cases/{case_id}/decide", json=body, headers=api.auth("reviewer")), 422
        )
        assert error["field"] == field
    _error(api.client.get("/v1/cases/999999", headers=api.auth("reviewer")), 404, "not_found")
    _error(api.client.get("/v1/cases/abc", headers=api.auth("reviewer")), 422)


def test_case_list_refuses_what_its_schema_refuses(api):
    """The request of a schemathesis report (ST201), ``due_before=0624-02-05T10:29:37-04:03``
    and a free-text category, was answered 200; its two negated parts are each refused on their
    own. Since issue 11.2 a time before 2000 is itself a 422 naming ``due_before``."""
    params = {"due_before": "2024-02-05T10:29:37-04:03", "category": "0"}
    assert (
        api.client.get("/v1/cases", params=params, headers={**api.auth("reviewer"), "0": ""}).status_code
        == 200
    )
    ancient = {**params, "due_before": "0624-02-05T10:29:37-04:03"}
    assert _error(api.client.get("/v1/cases", params=ancient, headers=api.auth("reviewer")), 422)[
        "field"
    ] == "due_before"
    _error(api.client.get("/v1/cases", params=params, headers={"0": ""}), 401, "unauthorized")
    extra = _error(
        api.client.get("/v1/cases", params={**params, "x": "1"}, headers=api.auth("reviewer")), 422
    )
    assert extra["field"] == "x"
    assert (
        _error(
            api.client.get(
                "/v1/cases", params={"due_before": "0624-02-05T10:29:37"}, headers=api.auth("reviewer")
            ),
            422,
        )["field"]
        == "due_before"
    )  # no zone


def test_list_filters_and_release_and_escalate_and_reopen(api):
    uk = api.review_case("c-uk", 0, jurisdiction="UK")
    eu = api.review_case("c-eu", 1, jurisdiction="EU")

    def get(query: str) -> list[int]:
        response = api.client.get(f"/v1/cases?{query}", headers=api.auth("reviewer"))
        return [c["id"] for c in response.json()["cases"]]

    assert get("jurisdiction=UK") == [uk] and get("jurisdiction=eu") == [eu]
    assert sorted(get("category=insurrection")) == sorted([uk, eu]) and get("category=recruitment") == []
    assert get("status=decided") == []
    _error(api.client.get("/v1/cases?status=bogus", headers=api.auth("reviewer")), 422)
    _error(api.client.get("/v1/cases?limit=0", headers=api.auth("reviewer")), 422)

    api.client.post(f"/v1/cases/{uk}/claim", headers=api.auth("reviewer"))
    assert get("status=claimed") == [uk]
    released = api.client.post(f"/v1/cases/{uk}/release", headers=api.auth("reviewer"))
    assert released.status_code == 200 and released.json()["status"] == "open"

    escalated = api.client.post(
        f"/v1/cases/{uk}/escalate", json={"note": "needs a senior"}, headers=api.auth("reviewer")
    )
    assert escalated.status_code == 200 and escalated.json()["queue"] == "escalated"
    assert get("queue=escalated") == [uk]
    # escalated cases are for admins
    _error(api.client.post(f"/v1/cases/{uk}/claim", headers=api.auth("reviewer")), 403)
    assert api.client.post(f"/v1/cases/{uk}/claim", headers=api.auth("admin")).status_code == 200
    body = {"action": "allow", "reason_code": "TVEC_NO_VIOLATION"}
    assert api.client.post(f"/v1/cases/{uk}/decide", json=body, headers=api.auth("admin")).status_code == 201
    reopened = api.client.post(
        f"/v1/cases/{uk}/reopen", json={"note": "new facts"}, headers=api.auth("admin")
    )
    assert reopened.status_code == 200 and reopened.json()["status"] != "decided"  # back in its queue
    _error(api.client.post(f"/v1/cases/{uk}/reopen", json={}, headers=api.auth("admin")), 409)


def test_appeal_goes_to_a_different_reviewer_and_is_recorded(api):
    case_id = api.review_case("c-appeal")
    removed = api.remove_by_review(case_id)

    appeal = api.client.post(
        f"/v1/cases/{case_id}/appeals",
        headers=api.auth("submitter"),
        json={"appellant": "user-123", "statement": "it was a quotation"},
    )
    assert appeal.status_code == 201, appeal.text
    appeal_id = appeal.json()["id"]
    assert appeal.json()["appealed_decision_id"] == removed["id"]
    queue = api.client.get("/v1/cases?queue=appeals", headers=api.auth("reviewer2")).json()["cases"]
    assert [c["id"] for c in queue] == [case_id]
    # a second appeal while one is open conflicts
    _error(
        api.client.post(
            f"/v1/cases/{case_id}/appeals", headers=api.auth("submitter"), json={"appellant": "user-123"}
        ),
        409,
    )

    # the reviewer who decided may not take the appeal
    _error(api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer")), 403, "forbidden")
    api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer2"))
    overturned = api.client.post(
        f"/v1/appeals/{appeal_id}/decide",
        headers=api.auth("reviewer2"),
        json={"outcome": "overturned", "reason_code": "TVEC_NO_VIOLATION"},
    )
    assert overturned.status_code == 201, overturned.text
    assert overturned.json()["kind"] == "appeal" and overturned.json()["action"] == "allow"
    assert overturned.json()["supersedes_id"] == removed["id"]
    detail = api.client.get(f"/v1/cases/{case_id}", headers=api.auth("reviewer2")).json()
    assert detail["appeals"][0]["status"] == "overturned"
    assert [d["kind"] for d in detail["decisions"]] == ["automated", "review", "appeal"]
    _error(
        api.client.post(
            f"/v1/appeals/{appeal_id}/decide",
            headers=api.auth("reviewer2"),
            json={"outcome": "upheld", "reason_code": "TVEC_VIOLATING_CONTENT"},
        ),
        409,
    )


def test_an_appeal_decision_must_cite_a_reason_code_of_the_policy(api):
    case_id = api.review_case("c-code")
    api.remove_by_review(case_id)
    appeal_id = api.client.post(
        f"/v1/cases/{case_id}/appeals", headers=api.auth("submitter"), json={"appellant": "user-5"}
    ).json()["id"]
    api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer2"))
    error = _error(
        api.client.post(
            f"/v1/appeals/{appeal_id}/decide",
            headers=api.auth("reviewer2"),
            json={"outcome": "overturned", "reason_code": "TVEC_MADE_UP"},
        ),
        422,
    )
    assert error["field"] == "reason_code" and "TVEC_NO_VIOLATION" in error["message"]
    with api.db.session(readonly=True) as session:  # nothing was decided
        assert (
            session.scalar(
                select(func.count()).select_from(DecisionRecord).where(DecisionRecord.kind == "appeal")
            )
            == 0
        )


def test_removal_order_sets_a_one_hour_deadline_and_orders_the_queue(api):
    ordinary = api.review_case("c-ordinary", 0)
    ordered = api.review_case("c-ordered", 1)
    received = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=50)
    response = api.client.post(
        "/v1/removal-orders",
        headers=api.auth("admin"),
        json={
            "client_id": "c-ordered",
            "authority": "Examplia Internet Referral Unit",
            "reference": "RO-1",
            "member_state": "de",
            "received_at": received.isoformat(),
        },
    )
    assert response.status_code == 201, response.text
    order = response.json()
    deadline = dt.datetime.fromisoformat(order["deadline_at"])
    assert deadline - received == dt.timedelta(hours=1)
    assert order["case_id"] == ordered

    cases = api.client.get("/v1/cases", headers=api.auth("reviewer")).json()["cases"]
    assert [c["id"] for c in cases] == [ordered, ordinary]  # deadline first
    assert (
        cases[0]["queue"] == "removal_orders"
        and cases[0]["near_due"] is True
        and cases[0]["overdue"] is False
    )
    due = api.client.get(
        "/v1/cases",
        params={"due_before": (deadline + dt.timedelta(seconds=1)).isoformat()},
        headers=api.auth("reviewer"),
    ).json()["cases"]
    assert [c["id"] for c in due] == [ordered]

    late = api.client.post(
        "/v1/removal-orders",
        headers=api.auth("admin"),
        json={
            "client_id": "c-ordinary",
            "authority": "Examplia Internet Referral Unit",
            "reference": "RO-2",
            "member_state": "DE",
            "received_at": (received - dt.timedelta(hours=2)).isoformat(),
        },
    )
    assert late.status_code == 201
    overdue = api.client.get("/v1/cases", headers=api.auth("reviewer")).json()["cases"][0]
    assert overdue["id"] == ordinary and overdue["overdue"] is True

    duplicate = {
        "client_id": "c-ordered",
        "authority": "Examplia Internet Referral Unit",
        "reference": "RO-1",
        "member_state": "DE",
        "received_at": received.isoformat(),
    }
    _error(api.client.post("/v1/removal-orders", json=duplicate, headers=api.auth("admin")), 409)
    naive = {**duplicate, "reference": "RO-3", "received_at": "2026-01-01T10:00:00"}
    assert (
        _error(api.client.post("/v1/removal-orders", json=naive, headers=api.auth("admin")), 422)["field"]
        == "received_at"
    )
    unknown = {**duplicate, "reference": "RO-4", "client_id": "never-scanned"}
    _error(api.client.post("/v1/removal-orders", json=unknown, headers=api.auth("admin")), 404)


def test_an_automated_removal_is_appealed_by_its_decision_id(api):
    decision_id = _automated_removal(api, "auto-1", "submitter")  # no case to appeal through
    url = f"/v1/decisions/{decision_id}/appeals"
    _error(api.client.post(url, headers=api.auth("reviewer"), json={"appellant": "user-9"}), 403, "forbidden")
    appeal = api.client.post(
        url, headers=api.auth("submitter"), json={"appellant": "user-9", "statement": "satire"}
    )
    assert appeal.status_code == 201, appeal.text
    assert appeal.json()["appealed_decision_id"] == decision_id and appeal.json()["status"] == "open"
    queue = api.client.get("/v1/cases?queue=appeals", headers=api.auth("reviewer")).json()["cases"]
    assert [c["id"] for c in queue] == [appeal.json()["case_id"]]
    assert (
        "open appeal"
        in _error(api.client.post(url, headers=api.auth("submitter"), json={"appellant": "u"}), 409)[
            "message"
        ]
    )
    _error(
        api.client.post(
            "/v1/decisions/424242/appeals", headers=api.auth("submitter"), json={"appellant": "u"}
        ),
        404,
    )


def _automated_removal(api, client_id: str, who: str) -> int:
    """An automated EU removal of content scanned by ``who``; returns the decision id."""
    from store_support import scan_result

    from tvec.store import workflow
    from tvec.types import Action

    with api.db.session() as session:
        recorded = workflow.record_scan(
            session,
            scan_result(client_id, actions={"EU": Action.REMOVE}),
            client_id=client_id,
            submitted_by=session.get(Account, api.ids[who]),
            settings=api.app.state.settings,
        )
        return session.execute(
            select(DecisionRecord.id).where(DecisionRecord.document_id == recorded.document.id)
        ).scalar_one()


def test_a_submitter_cannot_appeal_another_submitters_decisions_or_learn_their_state(api):
    """Issue 11.1: a submitter acts only on its own scans. Another submitter's decision or case
    answers exactly like an id that does not exist - whatever its state, so the 409s that would
    tell "it has an open appeal" or "it was superseded" are never reached - and nothing is filed."""
    theirs = _automated_removal(api, "theirs-1", "submitter")
    case_id = api.review_case("theirs-2")
    reviewed = api.remove_by_review(case_id)
    appeal = {"appellant": "user-1"}

    def attempt(url: str) -> dict:
        return _error(api.client.post(url, headers=api.auth("submitter2"), json=appeal), 404, "not_found")

    missing = 2**31 - 1
    for kind, object_id in [("decisions", theirs), ("decisions", reviewed["id"]), ("cases", case_id)]:
        told = attempt(f"/v1/{kind}/{object_id}/appeals")["message"]
        absent = attempt(f"/v1/{kind}/{missing}/appeals")["message"]
        assert told == absent.replace(str(missing), str(object_id)), (told, absent)
    assert _count(api.db, Appeal) == 0

    # in another state (an open appeal by the owner) the answer to the other submitter is the same
    filed = api.client.post(f"/v1/decisions/{theirs}/appeals", headers=api.auth("submitter"), json=appeal)
    assert filed.status_code == 201, filed.text
    assert attempt(f"/v1/decisions/{theirs}/appeals")["message"] == f"decision {theirs} does not exist"
    # the owner still gets the state error, and an admin acts on anyone's content
    _error(api.client.post(f"/v1/decisions/{theirs}/appeals", headers=api.auth("submitter"), json=appeal), 409)
    by_admin = api.client.post(f"/v1/cases/{case_id}/appeals", headers=api.auth("admin"), json=appeal)
    assert by_admin.status_code == 201, by_admin.text
    assert _count(api.db, Appeal) == 2


def test_a_removal_order_is_marked_complied_once(api):
    api.review_case("c-order", 0)
    order = api.client.post(
        "/v1/removal-orders",
        headers=api.auth("admin"),
        json={
            "client_id": "c-order",
            "authority": "Examplia Internet Referral Unit",
            "reference": "RO-9",
            "member_state": "DE",
            "received_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)).isoformat(),
        },
    ).json()
    url = f"/v1/removal-orders/{order['id']}/complied"
    _error(api.client.post(url, headers=api.auth("reviewer")), 403, "forbidden")
    complied = api.client.post(url, headers=api.auth("admin"))
    assert complied.status_code == 200, complied.text
    assert complied.json()["id"] == order["id"] and complied.json()["complied_at"] is not None
    assert "already complied" in _error(api.client.post(url, headers=api.auth("admin")), 409)["message"]
    _error(api.client.post("/v1/removal-orders/424242/complied", headers=api.auth("admin")), 404)
    entries = api.client.get(
        "/v1/audit", params={"entity_type": "removal_order"}, headers=api.auth("admin")
    ).json()["entries"]
    assert [e["action"] for e in entries][-1] == "removal_order.complied"
    assert entries[-1]["after"]["late"] is False


def test_statement_of_reasons_for_a_decision(api):
    pytest.importorskip("tvec.outbound.sor")
    case_id = api.review_case("c-sor")
    decision = api.remove_by_review(case_id)
    response = api.client.get(
        f"/v1/decisions/{decision['id']}/statement-of-reasons", headers=api.auth("reviewer")
    )
    assert response.status_code == 200, response.text
    from tvec.outbound.sor import validate_statement

    statement = response.json()
    validate_statement(statement)  # the DSA enums
    assert statement["automated_detection"] == "Yes"  # the scanner flagged it...
    assert statement["automated_decision"] != "AUTOMATED_DECISION_FULLY"  # ...a person decided
    assert statement["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    _error(api.client.get("/v1/decisions/987654/statement-of-reasons", headers=api.auth("reviewer")), 404)


def test_transparency_report_json_and_html(api):
    pytest.importorskip("tvec.outbound.transparency")
    api.review_case("c-t")
    report = api.client.get("/v1/reports/transparency", headers=api.auth("admin"))
    assert report.status_code == 200, report.text
    assert isinstance(report.json(), dict)
    page = api.client.get("/v1/reports/transparency.html", headers=api.auth("admin"))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<svg" in page.text
    bad = api.client.get(
        "/v1/reports/transparency",
        params={"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
        headers=api.auth("admin"),
    )
    assert _error(bad, 422)["field"] == "start"


# ---- admin --------------------------------------------------------------------------------


def test_accounts_keys_webhooks_and_audit(api):
    created = api.client.post(
        "/v1/accounts", json={"name": "mod-2", "role": "reviewer"}, headers=api.auth("admin")
    )
    assert created.status_code == 201
    account_id = created.json()["id"]
    _error(
        api.client.post(
            "/v1/accounts", json={"name": "mod-2", "role": "reviewer"}, headers=api.auth("admin")
        ),
        409,
    )
    _error(
        api.client.post("/v1/accounts", json={"name": "x", "role": "root"}, headers=api.auth("admin")), 422
    )
    key = api.client.post(f"/v1/accounts/{account_id}/keys", headers=api.auth("admin")).json()["key"]
    assert key.startswith("tvec_")
    assert api.client.get("/v1/cases", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    _error(api.client.post("/v1/accounts/424242/keys", headers=api.auth("admin")), 404)

    hook = api.client.post(
        "/v1/webhooks",
        json={"url": "https://example.invalid/tvec", "events": ["decision.*"]},
        headers=api.auth("admin"),
    )
    assert hook.status_code == 201 and hook.json()["secret"]
    listed = api.client.get("/v1/webhooks", headers=api.auth("admin")).json()
    assert [w["url"] for w in listed] == ["https://example.invalid/tvec"] and "secret" not in listed[0]
    _error(
        api.client.post("/v1/webhooks", json={"url": "ftp://example.invalid"}, headers=api.auth("admin")), 422
    )
    _error(
        api.client.post(
            "/v1/webhooks",
            json={"url": "https://example.invalid", "events": ["Bad Event"]},
            headers=api.auth("admin"),
        ),
        422,
    )

    api.review_case("c-hook")
    deliveries = api.client.get("/v1/webhooks/deliveries", headers=api.auth("admin")).json()
    assert deliveries and all(d["status"] == "pending" for d in deliveries)
    assert "payload" not in deliveries[0]

    entries = api.client.get("/v1/audit", headers=api.auth("admin")).json()["entries"]
    actions = [e["action"] for e in entries]
    assert "account.create" in actions and "document.record" in actions
    page = api.client.get(
        "/v1/audit", params={"after_id": entries[1]["id"], "limit": 2}, headers=api.auth("admin")
    )
    assert [e["id"] for e in page.json()["entries"]] == [entries[2]["id"], entries[3]["id"]]
    verified = api.client.post("/v1/audit/verify", headers=api.auth("admin")).json()
    assert verified["ok"] is True and verified["entries"] == len(entries)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://10.1.2.3/hook", "http://[::1]:8080/hook"])
def test_a_webhook_to_a_private_or_loopback_target_is_refused_at_registration(
    database, service_scanner, tmp_path, url
):
    # the suite allows private targets by default (tests/conftest.py): the guard is tested off
    for guarded in build_api(database, service_scanner, tmp_path, webhook_allow_private_targets=False):
        response = guarded.client.post("/v1/webhooks", json={"url": url}, headers=guarded.auth("admin"))
        assert "TVEC_WEBHOOK_ALLOW_PRIVATE_TARGETS" in _error(response, 422)["message"]
        assert _count(guarded.db, WebhookEndpoint) == 0


def test_a_private_webhook_target_is_accepted_when_the_setting_allows_it(database, service_scanner, tmp_path):
    for allowed in build_api(database, service_scanner, tmp_path, webhook_allow_private_targets=True):
        hook = allowed.client.post(
            "/v1/webhooks", json={"url": "http://127.0.0.1:9/hook"}, headers=allowed.auth("admin")
        )
        assert hook.status_code == 201, hook.text


def test_audit_verify_reports_tampering(api):
    api.review_case("c-tamper")
    with api.db.session() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id).limit(1).offset(3)).one()
        entry.after = {**(entry.after or {}), "forged": True}
        bad_id = entry.id
    report = api.client.post("/v1/audit/verify", headers=api.auth("admin")).json()
    assert report["ok"] is False and report["first_bad_id"] == bad_id


# ---- crashes ------------------------------------------------------------------------------


def test_a_crash_mid_decision_rolls_everything_back(api, monkeypatch):
    """The webhook enqueue runs last inside decide(); failing there must leave no decision, no
    audit entry and the claim as it was - and the client gets the JSON 500."""
    from tvec.outbound import webhooks

    case_id = api.review_case("c-crash")
    api.client.post(f"/v1/cases/{case_id}/claim", headers=api.auth("reviewer"))
    decisions, audit_entries = _count(api.db, DecisionRecord), _count(api.db, AuditEntry)

    def broken_enqueue(*args, **kwargs):
        raise RuntimeError("injected failure after the decision was written")

    monkeypatch.setattr(webhooks, "enqueue", broken_enqueue)
    body = {"action": "remove", "reason_code": "TVEC_VIOLATING_CONTENT"}
    response = api.client.post(f"/v1/cases/{case_id}/decide", json=body, headers=api.auth("reviewer"))
    error = _error(response, 500, "internal_error")
    assert response.headers["x-request-id"] in error["message"]
    assert "injected" not in error["message"]  # internals stay in the log

    assert _count(api.db, DecisionRecord) == decisions
    assert _count(api.db, AuditEntry) == audit_entries
    case = api.client.get(f"/v1/cases/{case_id}", headers=api.auth("reviewer")).json()
    assert case["status"] == "claimed" and case["claimed_by"] == api.ids["reviewer"]
    monkeypatch.undo()
    assert (
        api.client.post(f"/v1/cases/{case_id}/decide", json=body, headers=api.auth("reviewer")).status_code
        == 201
    )
    assert api.client.post("/v1/audit/verify", headers=api.auth("admin")).json()["ok"] is True


def test_a_crash_mid_batch_scan_stores_nothing(api, monkeypatch):
    from tvec.store import workflow

    real = workflow.record_scan
    calls = []

    def fail_on_second(session, result, **kwargs):
        calls.append(kwargs["client_id"])
        if len(calls) == 2:
            raise RuntimeError("injected failure")
        return real(session, result, **kwargs)

    monkeypatch.setattr(workflow, "record_scan", fail_on_second)
    documents = [{"id": f"crash-{i}", "text": review_text(i)} for i in range(3)]
    response = api.client.post("/v1/scan", json={"documents": documents}, headers=api.auth("submitter"))
    _error(response, 500, "internal_error")
    assert _count(api.db, StoredDocument) == 0 and _count(api.db, Case) == 0


# times at the ends of Python's calendar: valid as written, but their UTC form does not exist
EDGE_TIMES = ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z",
              "9999-12-31T23:59:59Z", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z"]


@pytest.mark.parametrize("when", EDGE_TIMES)
@pytest.mark.parametrize("name", ["start", "end"])
def test_transparency_dates_at_the_edge_of_the_calendar_are_422_naming_the_field(api, name, when):
    pytest.importorskip("tvec.outbound.transparency")
    response = api.client.get("/v1/reports/transparency", params={name: when}, headers=api.auth("admin"))
    assert _error(response, 422, "validation_error")["field"] == name


@pytest.mark.parametrize("when", EDGE_TIMES)
def test_due_before_at_the_edge_of_the_calendar_is_422_naming_it(api, when):
    """Issue 11.2: was an OverflowError (a 500) comparing with the stored deadlines."""
    response = api.client.get("/v1/cases", params={"due_before": when}, headers=api.auth("reviewer"))
    error = _error(response, 422, "validation_error")
    assert error["field"] == "due_before" and "2000-01-01" in error["message"]


def _order(api, **fields):
    body = {
        "client_id": "c-edge",
        "authority": "Examplia Internet Referral Unit",
        "reference": "RO-edge",
        "member_state": "DE",
        "received_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).isoformat(),
        **fields,
    }
    return api.client.post("/v1/removal-orders", json=body, headers=api.auth("admin"))


@pytest.mark.parametrize(
    "when",
    [*EDGE_TIMES, "1970-01-01T00:00:00Z", "2022-06-06T23:59:59+00:00", "2022-06-07T01:00:00+02:00"],
)
def test_a_removal_order_receipt_time_outside_the_tco_era_is_422(api, when):
    """Issue 11.2/11.3: edge times were a 500; year 1970 and times before the TCO Regulation
    applied (2022-06-07) were accepted."""
    api.review_case("c-edge")
    before = _count(api.db, AuditEntry)
    assert _error(_order(api, received_at=when), 422, "validation_error")["field"] == "received_at"
    assert _count(api.db, AuditEntry) == before  # no order, no deadline


def test_a_removal_order_receipt_time_in_the_future_is_422_and_the_first_tco_day_is_fine(api):
    api.review_case("c-edge")
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    error = _error(_order(api, received_at=future), 422, "validation_error")
    assert error["field"] == "received_at" and "future" in error["message"]
    first_day = _order(api, received_at="2022-06-07T00:00:00Z")
    assert first_day.status_code == 201, first_day.text


@pytest.mark.parametrize("state", ["XX", "ZZ", "UK", "NO", "CH", "EU", "E1", "D"])
def test_a_removal_order_from_outside_the_eu_is_422_naming_the_member_state(api, state):
    api.review_case("c-edge")
    error = _error(_order(api, member_state=state), 422, "validation_error")
    assert error["field"] == "member_state" and "not an EU member state" in error["message"]


def test_member_states_are_the_27_of_the_eu_within_the_dsa_territorial_scope(api):
    from tvec.outbound.sor import enums
    from tvec.store.workflow import EU_MEMBER_STATES

    assert len(EU_MEMBER_STATES) == 27
    assert set(enums().territorial_scope) - EU_MEMBER_STATES == {"IS", "LI", "NO"}  # the EEA
    api.review_case("c-edge")
    greek = _order(api, member_state="el")  # the EU's own code for Greece
    assert greek.status_code == 201 and greek.json()["member_state"] == "GR", greek.text


def test_unknown_query_parameters_are_422_naming_them(api):
    api.review_case("c-q")
    error = _error(api.client.get("/v1/cases?jurisdicton=UK", headers=api.auth("reviewer")), 422)
    assert error["field"] == "jurisdicton" and "jurisdiction" in error["message"]
    assert api.client.get("/v1/cases?jurisdiction=UK", headers=api.auth("reviewer")).status_code == 200
    # a caller who may not use the endpoint is told that first
    assert api.client.get("/v1/cases?jurisdicton=UK", headers=api.auth("submitter")).status_code == 403


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        ("OperationalError", 503, "database_unavailable"),
        ("DataError", 422, "invalid_value"),
        ("IntegrityError", 409, "conflict"),
    ],
)
def test_database_errors_map_to_clear_statuses(api, monkeypatch, error, status, code):
    import sqlalchemy.exc

    from tvec.store import workflow

    def failing(*args, **kwargs):
        raise getattr(sqlalchemy.exc, error)("SELECT 1", {}, Exception("injected"))

    monkeypatch.setattr(workflow, "list_cases", failing)
    response = api.client.get("/v1/cases", headers=api.auth("reviewer"))
    body = _error(response, status, code)
    assert "injected" not in body["message"] and "SELECT" not in body["message"]
    if status == 503:
        assert response.headers["retry-after"] == "1"
