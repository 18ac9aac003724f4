"""Helpers for the tests/test_service_*.py modules: an app on the ``database`` fixture (SQLite,
and PostgreSQL when configured) with one account and API key per role, and templated texts.

The ``service_scanner`` (one per module) and ``api`` fixtures built from these live in
conftest.py; a test that needs other settings calls ``build_api`` itself."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

with warnings.catch_warnings():  # starlette's notice about httpx, not about this code
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PLACES = ("Examplia", "Fictonia", "Placeholdia", "Nowhereland", "Samplestan", "Mockovia")
# templated, about fictional countries; the policy sends these to review (possible violation)
REVIEW_TEMPLATE = "Soldiers of {place}, rise up, seize the capital and overthrow the government tonight!"
BENIGN_TEMPLATE = "The {place} tourism board has opened a new museum by the harbour."


def review_text(n: int = 0) -> str:
    return REVIEW_TEMPLATE.format(place=PLACES[n % len(PLACES)]) + (
        f" (post {n})" if n >= len(PLACES) else ""
    )


def benign_text(n: int = 0) -> str:
    return BENIGN_TEMPLATE.format(place=PLACES[n % len(PLACES)]) + (
        f" (note {n})" if n >= len(PLACES) else ""
    )


@dataclass
class Api:
    client: TestClient
    app: object
    db: object
    keys: dict[str, str] = field(default_factory=dict)  # account name -> API key
    ids: dict[str, int] = field(default_factory=dict)  # account name -> id

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def scan(self, client_id: str, text: str, who: str = "submitter", **extra: object):
        return self.client.post(
            "/v1/scan", json={"id": client_id, "text": text, **extra}, headers=self.auth(who)
        )

    def review_case(self, client_id: str, n: int = 0, jurisdiction: str = "EU") -> int:
        """Scan a review text and return the id of its case in ``jurisdiction``."""
        response = self.scan(client_id, review_text(n), jurisdictions=[jurisdiction])
        assert response.status_code == 201, response.text
        cases = response.json()["cases"]
        assert len(cases) == 1, cases
        return cases[0]["id"]

    def remove_by_review(self, case_id: int, who: str = "reviewer") -> dict:
        """Claim the case as ``who`` and decide to remove: the decision an appeal or a statement
        of reasons test starts from. Returns the decision."""
        self.client.post(f"/v1/cases/{case_id}/claim", headers=self.auth(who))
        response = self.client.post(
            f"/v1/cases/{case_id}/decide",
            headers=self.auth(who),
            json={"action": "remove", "reason_code": "TVEC_VIOLATING_CONTENT"},
        )
        assert response.status_code == 201, response.text
        return response.json()


ROLES_BY_ACCOUNT = {
    "admin": "admin",
    "reviewer": "reviewer",
    "reviewer2": "reviewer",
    "submitter": "submitter",
    "submitter2": "submitter",  # another platform on the same service
}


def make_scanner(home: Path):
    """A Scanner for the service tests (each module builds one: loading detectors takes ~1 s)."""
    from tvec.scanner import Scanner
    from tvec.settings import TvecSettings

    return Scanner(TvecSettings(home=home))


def make_settings(tmp_path: Path, **overrides: object):
    from tvec.settings import TvecSettings

    return TvecSettings(home=tmp_path / "home", **overrides)


def build_api(database, scanner, tmp_path: Path, **overrides: object) -> Iterator[Api]:
    from tvec.service.app import create_app
    from tvec.store import accounts

    app = create_app(
        make_settings(tmp_path, **overrides), database=database, scanner=scanner, start_dispatcher=False
    )
    api = Api(client=TestClient(app), app=app, db=database)
    with database.session() as session:
        for name, role in ROLES_BY_ACCOUNT.items():
            account = accounts.create_account(session, name, role)  # API only: no slow scrypt hash
            key, _ = accounts.issue_api_key(session, account)
            api.keys[name] = key
            api.ids[name] = account.id
    with api.client:
        yield api
