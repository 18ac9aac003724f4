"""Every /v1 endpoint with every kind of caller: no key or a bad key -> 401, a role that may not
-> 403 (before the body is even validated, so nothing about the data leaks), a role that may ->
neither. The table below is the access policy; a new route must be added to it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tvec.store.models import ApiKey

SUBMITTER, REVIEWER, ADMIN = "submitter", "reviewer", "admin"

# (method, path template) -> the role needed (admin may do everything)
ACCESS: dict[tuple[str, str], str] = {
    ("POST", "/v1/scan"): SUBMITTER,
    ("GET", "/v1/cases"): REVIEWER,
    ("GET", "/v1/cases/{case_id}"): REVIEWER,
    ("POST", "/v1/cases/{case_id}/claim"): REVIEWER,
    ("POST", "/v1/cases/{case_id}/release"): REVIEWER,
    ("POST", "/v1/cases/{case_id}/decide"): REVIEWER,
    ("POST", "/v1/cases/{case_id}/escalate"): REVIEWER,
    ("POST", "/v1/cases/{case_id}/reopen"): ADMIN,
    ("POST", "/v1/cases/{case_id}/appeals"): SUBMITTER,
    ("POST", "/v1/appeals/{appeal_id}/decide"): REVIEWER,
    ("POST", "/v1/removal-orders"): ADMIN,
    ("POST", "/v1/removal-orders/{order_id}/complied"): ADMIN,
    ("POST", "/v1/decisions/{decision_id}/appeals"): SUBMITTER,
    ("GET", "/v1/decisions/{decision_id}/statement-of-reasons"): REVIEWER,
    ("GET", "/v1/reports/transparency"): ADMIN,
    ("GET", "/v1/reports/transparency.html"): ADMIN,
    ("POST", "/v1/webhooks"): ADMIN,
    ("GET", "/v1/webhooks"): ADMIN,
    ("GET", "/v1/webhooks/deliveries"): ADMIN,
    ("GET", "/v1/audit"): ADMIN,
    ("POST", "/v1/audit/verify"): ADMIN,
    ("POST", "/v1/accounts"): ADMIN,
    ("POST", "/v1/accounts/{account_id}/keys"): ADMIN,
}
CALLERS = {SUBMITTER: "submitter", REVIEWER: "reviewer", ADMIN: "admin"}


def _url(template: str) -> str:
    return template.format(case_id=1, appeal_id=1, decision_id=1, account_id=1, order_id=1)


def _allowed(role: str, needed: str) -> bool:
    return role == needed or role == ADMIN


def _v1_routes(app) -> set[tuple[str, str]]:
    """The /v1 operations the app documents (and serves)."""
    paths = app.openapi()["paths"]
    return {
        (method.upper(), path) for path, ops in paths.items() if path.startswith("/v1/") for method in ops
    }


def test_the_access_table_covers_every_v1_route(api):
    assert _v1_routes(api.app) == set(ACCESS)


def test_each_endpoint_checks_the_caller(api):
    """One app for the whole table (a fresh database per endpoint costs more than the checks)."""
    for method, template in sorted(ACCESS):
        _check_endpoint(api, method, template)


def _check_endpoint(api, method: str, template: str) -> None:
    url = _url(template)
    where = f"{method} {template}"
    needed = ACCESS[(method, template)]
    # an invalid body: a denied caller must get 401/403, not a validation error about the body
    body = {"not_a_field": True} if method == "POST" else None

    anonymous = api.client.request(method, url, json=body)
    assert anonymous.status_code == 401, (where, anonymous.text)
    assert anonymous.headers["www-authenticate"] == "Bearer", where
    assert set(anonymous.json()) == {"error"}, where
    for bad in (
        "Bearer nonsense",
        "Bearer tvec_00000000_" + "x" * 43,
        "Basic dXNlcjpwYXNz",
        api.keys["admin"],  # without the scheme
    ):
        response = api.client.request(method, url, json=body, headers={"Authorization": bad})
        assert response.status_code == 401, (where, bad, response.text)

    for role, account in CALLERS.items():
        response = api.client.request(method, url, json=body, headers=api.auth(account))
        if _allowed(role, needed):
            assert response.status_code not in (401, 403), (where, role, response.text)
        else:
            assert response.status_code == 403, (where, role, response.text)
            assert response.json()["error"]["code"] == "forbidden", where
            assert set(response.json()) == {"error"}, where


def test_revoked_key_and_disabled_account_are_401(api):
    from tvec.store import accounts

    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 200
    with api.db.session() as session:
        key = session.scalars(select(ApiKey).where(ApiKey.account_id == api.ids["reviewer"])).one()
        accounts.revoke_api_key(session, key.id, actor="system:test")
    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 401

    assert api.client.get("/v1/cases", headers=api.auth("reviewer2")).status_code == 200
    with api.db.session() as session:
        accounts.disable_account(
            session, accounts.get_account(session, api.ids["reviewer2"]), actor="system:test"
        )
    assert api.client.get("/v1/cases", headers=api.auth("reviewer2")).status_code == 401


def test_a_submitter_sees_only_scan_results_and_no_cases(api):
    scanned = api.scan(
        "doc-1", "Citizens of Examplia, take up arms, storm the parliament and overthrow the regime now!"
    )
    assert scanned.status_code == 201
    case_id = scanned.json()["cases"][0]["id"]
    for url in ("/v1/cases", f"/v1/cases/{case_id}", "/v1/audit", "/v1/webhooks/deliveries"):
        response = api.client.get(url, headers=api.auth("submitter"))
        assert response.status_code == 403 and "Examplia" not in response.text


def test_operational_endpoints_need_no_key(api):
    assert api.client.get("/healthz").status_code == 200
    assert api.client.get("/readyz").status_code == 200
    assert api.client.get("/metrics").status_code == 200


def test_using_a_key_records_when_it_was_last_used(api):
    def last_used():
        with api.db.session(readonly=True) as session:
            key = session.scalars(select(ApiKey).where(ApiKey.account_id == api.ids["reviewer"])).one()
            return key.last_used_at

    assert last_used() is None
    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 200
    first = last_used()
    assert first is not None
    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 200
    assert last_used() == first  # refreshed at most once a minute, not written on every request


def test_a_recently_used_key_authenticates_without_a_write_transaction(api, monkeypatch):
    """On SQLite a write transaction takes the one write lock: a read request must not queue
    behind writers just to be authenticated. Only a stale last_used_at costs a (short) write."""
    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 200  # now fresh
    opened = []
    real_session = api.db.session

    def spy(*args, **kwargs):
        opened.append(kwargs.get("readonly", False))
        return real_session(*args, **kwargs)

    monkeypatch.setattr(api.db, "session", spy)
    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 200
    assert opened and not any(readonly is False for readonly in opened), opened

    opened.clear()  # a key not used for over a minute: one extra write, to record the use
    monkeypatch.setattr(api.db, "session", real_session)
    with api.db.session() as session:
        key = session.scalars(select(ApiKey).where(ApiKey.account_id == api.ids["reviewer"])).one()
        key.last_used_at = key.last_used_at - dt.timedelta(minutes=5)
        stale = key.last_used_at
    monkeypatch.setattr(api.db, "session", spy)
    assert api.client.get("/v1/cases", headers=api.auth("reviewer")).status_code == 200
    assert opened.count(False) == 1, opened
    monkeypatch.setattr(api.db, "session", real_session)
    with api.db.session(readonly=True) as session:
        key = session.scalars(select(ApiKey).where(ApiKey.account_id == api.ids["reviewer"])).one()
        assert key.last_used_at > stale
