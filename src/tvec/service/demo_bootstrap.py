"""``tvec serve --demo``: a service a new user can open at once - the bundled demo corpus scanned
into the database (so the console has cases to review) and a first admin account.

The demo runs in its own home folder (a bank holding the demo's known item, the SQLite file), so
it neither reads nor changes the user's real bank or database unless TVEC_DATABASE_URL says so.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

# demo_settings and seed_demo_bank live with the demo corpus (tvec demo uses them too); they are
# re-exported here because `tvec serve --demo` is this module's bootstrap
from tvec.demo import DEMO_JURISDICTIONS, demo_corpus, demo_settings, seed_demo_bank
from tvec.errors import InputError
from tvec.ingest import IngestOptions, iter_documents
from tvec.scanner import Scanner
from tvec.settings import TvecSettings
from tvec.store import accounts, workflow
from tvec.store.db import Database
from tvec.types import Document

__all__ = [
    "DEMO_ADMIN",
    "DemoAdmin",
    "DemoSeed",
    "create_demo_admin",
    "demo_client_id",
    "demo_settings",
    "scan_demo_corpus",
    "seed_demo_bank",
]

DEMO_ADMIN = "admin"


@dataclass(frozen=True)
class DemoAdmin:
    name: str
    password: str
    api_key: str


@dataclass(frozen=True)
class DemoSeed:
    documents: int
    flagged: int
    unreadable: int


def demo_client_id(document: Document) -> str:
    """A stable, readable id: ``demo/posts.jsonl#post-1``, ``demo/news_report.md``."""
    if document.source is not None and (
        document.source.row is not None or document.source.record is not None
    ):
        return f"demo/{Path(document.source.path).name}#{document.id}"
    return f"demo/{Path(document.id).name}"


def scan_demo_corpus(db: Database, scanner: Scanner, settings: TvecSettings) -> DemoSeed:
    """Scan and store every demo document (idempotent: a second run finds them stored)."""
    paths, _ = demo_corpus()
    options = IngestOptions(id_field="id", max_document_bytes=settings.max_document_bytes)
    documents = flagged = unreadable = 0
    for item in iter_documents([str(p) for p in paths], options):
        if isinstance(item, InputError):
            unreadable += 1
            continue
        result = scanner.scan(item, list(DEMO_JURISDICTIONS))
        with db.session() as session:
            workflow.record_scan(
                session, result, client_id=demo_client_id(item), submitted_by=None, settings=settings
            )
        documents += 1
        flagged += result.flagged
    return DemoSeed(documents, flagged, unreadable)


def create_demo_admin(db: Database) -> DemoAdmin:
    """An admin with a random password (console) and an API key (the /v1 API)."""
    password = secrets.token_urlsafe(12)
    with db.session() as session:
        name = DEMO_ADMIN
        if accounts.account_by_name(session, name) is not None:
            name = f"{DEMO_ADMIN}-{secrets.token_hex(3)}"
        account = accounts.create_account(session, name, "admin", password=password, actor="system:demo")
        key, _ = accounts.issue_api_key(session, account, actor="system:demo")
    return DemoAdmin(name, password, key)
