"""Shared fixtures. ``../shared`` (seeds, policy reference data, datasets) is used when present
and the tests that need it are skipped otherwise, so the package itself never depends on it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# the tests' webhook receivers listen on loopback, which the service refuses by default (SSRF
# guard); tests of the guard itself pass webhook_allow_private_targets=False explicitly
os.environ.setdefault("TVEC_WEBHOOK_ALLOW_PRIVATE_TARGETS", "true")


def shared_dir() -> Path:
    return Path(os.environ.get("TVEC_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture()
def settings(tmp_path: Path):
    from tvec.settings import TvecSettings

    return TvecSettings(home=tmp_path / "tvec-home")


# --- the service database: every storage/service test runs on SQLite and, when
# TVEC_TEST_POSTGRES_URL is set (.ci/run sets it via scripts/postgres.sh), on PostgreSQL too.

_DATABASE_BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not os.environ.get("TVEC_TEST_POSTGRES_URL"), reason="TVEC_TEST_POSTGRES_URL not set"
        ),
    ),
]


@pytest.fixture(params=_DATABASE_BACKENDS)
def database(request, tmp_path: Path):
    """A migrated, empty :class:`tvec.store.db.Database`. SQLite: a fresh file. PostgreSQL: a
    fresh schema in the TVEC_TEST_POSTGRES_URL database (dropped afterwards), selected through
    the URL's search_path, so ``database.url`` can be handed to another engine or the app."""
    from tvec.store.db import Database

    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'tvec-test.sqlite'}")
        db.upgrade()
        yield db
        db.dispose()
        return

    import uuid

    from sqlalchemy import create_engine, text

    from tvec.store.db import normalise_url

    if not os.environ.get("TVEC_TEST_POSTGRES_URL"):
        pytest.skip("TVEC_TEST_POSTGRES_URL not set")
    base = normalise_url(os.environ["TVEC_TEST_POSTGRES_URL"])
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    db = Database(base.update_query_dict({"options": f"-csearch_path={schema}"}))
    try:
        db.upgrade()
        yield db
    finally:
        db.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# --- the /v1 service: an app on the ``database`` fixture with one account and API key per role
# (tests/service_support.py builds it); tests/test_service_*.py use these.


@pytest.fixture(scope="module")
def service_scanner(tmp_path_factory: pytest.TempPathFactory):
    """One Scanner per test module: loading the detectors takes about a second."""
    from service_support import make_scanner

    return make_scanner(tmp_path_factory.mktemp("scanner-home"))


@pytest.fixture()
def api(database, service_scanner, tmp_path: Path):
    from service_support import build_api

    yield from build_api(database, service_scanner, tmp_path)
