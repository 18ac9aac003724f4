"""Building blocks for the storage tests: hand-made scan results (templated, generic sentences
with fictional names) and accounts, so the workflow is tested without loading the detectors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from tvec.scanner import ScanResult
from tvec.store import accounts
from tvec.store.models import Account
from tvec.types import Action, Category, Decision, Document, Signal, Span

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TEXT = "[GROUP] should be driven out of [CITY] tonight, says the Fictional Front."


def scan_result(
    client_id: str = "post-1",
    text: str = TEXT,
    actions: Mapping[str, Action] | None = None,
    category: Category = Category.INCITEMENT,
    score: float = 0.8,
) -> ScanResult:
    """One document with one signal and a decision per jurisdiction (default: UK review,
    EU remove)."""
    actions = actions or {"UK": Action.REVIEW, "EU": Action.REMOVE}
    document = Document(id=client_id, text=text, meta={"channel": "demo"})
    signal = Signal("classifier", category, score, (Span(0, 7),), {"model": "test"}, "templated test signal")
    decisions = tuple(
        Decision(
            document_id=client_id,
            jurisdiction=jurisdiction,
            action=action,
            categories=(str(category),) if action is not Action.ALLOW else (),
            rule=f"test_{action.value}",
            reason_code=f"TVEC_TEST_{action.value.upper()}",
            rationale=f"test rule for {action.value}",
            signals=(signal,) if action is not Action.ALLOW else (),
            policy_version="test-1",
        )
        for jurisdiction, action in actions.items()
    )
    return ScanResult(document, (signal,), decisions)


def make_account(session, name: str, role: str, password: str | None = None) -> Account:
    return accounts.create_account(session, name, role, password)
