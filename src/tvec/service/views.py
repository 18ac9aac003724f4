"""ORM rows -> response models. One place decides what a client sees of a stored object."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tvec.service.schemas import (
    AppealOut,
    AuditOut,
    CaseDetail,
    CaseOut,
    CaseRef,
    DecisionOut,
    DocumentOut,
    ScanOutcome,
)
from tvec.settings import TvecSettings
from tvec.store import workflow
from tvec.store.models import Case, StoredDocument


def scan_outcome(session: Session, document: StoredDocument, created: bool) -> ScanOutcome:
    scan = document.scan or {}
    cases = session.scalars(select(Case).where(Case.document_id == document.id).order_by(Case.id)).all()
    return ScanOutcome(
        id=document.client_id,
        document_id=document.id,
        created=created,
        action=document.action,
        sha256=document.sha256,
        received_at=document.received_at,
        decisions=scan.get("decisions", {}),
        signals=scan.get("signals", []),
        errors=scan.get("errors", []),
        cases=[CaseRef.model_validate(case) for case in cases],
        purged=document.purged_at is not None,
    )


def case_out(case: Case, now: dt.datetime, settings: TvecSettings) -> CaseOut:
    flags = workflow.case_flags(case, now, settings)
    return CaseOut(
        id=case.id,
        document_id=case.document_id,
        client_id=case.document.client_id,
        jurisdiction=case.jurisdiction,
        queue=case.queue,
        status=workflow.effective_status(case, now),  # a lapsed claim shows as open again
        severity=case.severity,
        categories=list(case.categories or []),
        proposed_action=case.proposed_action,
        rule=case.rule,
        deadline_at=case.deadline_at,
        claimed_by=case.claimed_by,
        claim_expires_at=case.claim_expires_at,
        created_at=case.created_at,
        updated_at=case.updated_at,
        version=case.version,
        overdue=bool(flags.get("overdue", False)),
        near_due=bool(flags.get("near_due", False)),
    )


def case_detail(session: Session, case: Case, now: dt.datetime, settings: TvecSettings) -> CaseDetail:
    decisions = workflow.case_decisions(session, case)
    return CaseDetail(
        **case_out(case, now, settings).model_dump(),
        document=DocumentOut.model_validate(case.document),
        decisions=[DecisionOut.model_validate(d) for d in decisions],
        appeals=[AppealOut.model_validate(a) for a in case.appeals],
        history=[AuditOut.model_validate(e) for e in workflow.case_history(session, case.id)],
    )
