"""EU DSA statements of reasons (Art. 17 DSA), in the shape the Commission's DSA Transparency
Database API takes (Art. 24(5)), built from what tvec recorded - never re-decided.

What a statement says about automation is copied from the DecisionRecord (``automated_detection``,
``automated_decision``), because misreporting a human decision as automated, or the reverse, is
exactly what the statement exists to prevent. The facts are assembled from the policy's rule,
reason code and the signal categories and scores, without quoting the text: Art. 24(5) forbids
personal data in submissions, and a quote of user content can carry it.

Statements exist for *restrictions*. ``allow`` restricts nothing, ``review`` is a decision to ask
a person (the content stays up meanwhile), and a decision for a non-EU jurisdiction restricts
nothing in the EU; for those :class:`NoStatementRequired` is raised instead of a statement.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tvec.errors import NoStatementRequired, SorError
from tvec.store.models import Case, DecisionRecord, RemovalOrder, StoredDocument

TERRORIST = "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
VIOLENCE = "STATEMENT_CATEGORY_VIOLENCE"
HARMFUL_SPEECH = "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH"
ILLEGAL = "DECISION_GROUND_ILLEGAL_CONTENT"
INCOMPATIBLE = "DECISION_GROUND_INCOMPATIBLE_CONTENT"

# --------------------------------------------------------------------------- reference data


@dataclass(frozen=True)
class Enums:
    """The API's enumerations (keys), read from the shipped copy of the Transparency Database's
    ``Statement.php`` constants."""

    visibilities: frozenset[str]
    monetaries: frozenset[str]
    provisions: frozenset[str]
    accounts: frozenset[str]
    account_types: frozenset[str]
    grounds: frozenset[str]
    content_types: frozenset[str]
    source_types: frozenset[str]
    automated_detections: frozenset[str]
    automated_decisions: frozenset[str]
    incompatible_illegals: frozenset[str]
    categories: frozenset[str]
    keywords: frozenset[str]
    territorial_scope: tuple[str, ...]
    labels: Mapping[str, str]


@functools.cache
def enums() -> Enums:
    raw = json.loads((resources.files("tvec.outbound") / "dsa_sor_enums.json").read_text(encoding="utf-8"))
    labels: dict[str, str] = {}
    for value in raw.values():
        if isinstance(value, dict):
            labels.update(value)
    return Enums(
        visibilities=frozenset(raw["DECISION_VISIBILITIES"]),
        monetaries=frozenset(raw["DECISION_MONETARIES"]),
        provisions=frozenset(raw["DECISION_PROVISIONS"]),
        accounts=frozenset(raw["DECISION_ACCOUNTS"]),
        account_types=frozenset(raw["ACCOUNT_TYPES"]),
        grounds=frozenset(raw["DECISION_GROUNDS"]),
        content_types=frozenset(raw["CONTENT_TYPES"]),
        source_types=frozenset(raw["SOURCE_TYPES"]),
        automated_detections=frozenset(raw["AUTOMATED_DETECTIONS"]),
        automated_decisions=frozenset(raw["AUTOMATED_DECISIONS"]),
        incompatible_illegals=frozenset(raw["INCOMPATIBLE_CONTENT_ILLEGALS"]),
        categories=frozenset(raw["STATEMENT_CATEGORIES"]),
        keywords=frozenset(raw["KEYWORDS"]),
        territorial_scope=tuple(raw["TERRITORIAL_SCOPE_CODES"]),
        labels=MappingProxyType(labels),
    )


# tvec category -> (DSA category, keywords). Terrorist content (TCO Art. 2(7): incitement to,
# solicitation of, and glorification of terrorist offences, recruitment, known releases) goes
# under public security; violence not tied to terrorism under violence; dehumanisation under
# illegal or harmful speech.
CATEGORY_MAP: Mapping[str, tuple[str, tuple[str, ...]]] = MappingProxyType({
    "known_content": (TERRORIST, ("KEYWORD_TERRORIST_CONTENT",)),
    "proscribed_support": (TERRORIST, ("KEYWORD_TERRORIST_CONTENT", "KEYWORD_ILLEGAL_ORGANIZATIONS")),
    "recruitment": (TERRORIST, ("KEYWORD_TERRORIST_CONTENT", "KEYWORD_ILLEGAL_ORGANIZATIONS")),
    "glorification": (TERRORIST, ("KEYWORD_TERRORIST_CONTENT",)),
    "attribution": (TERRORIST, ("KEYWORD_TERRORIST_CONTENT", "KEYWORD_ILLEGAL_ORGANIZATIONS")),
    "organisation_mention": (TERRORIST, ("KEYWORD_ILLEGAL_ORGANIZATIONS",)),
    "incitement": (VIOLENCE, ("KEYWORD_INCITEMENT_VIOLENCE_HATRED",)),
    "insurrection": (VIOLENCE, ("KEYWORD_COORDINATED_HARM", "KEYWORD_INCITEMENT_VIOLENCE_HATRED")),
    "dehumanisation": (HARMFUL_SPEECH, ("KEYWORD_HATE_SPEECH",)),
})
# the first present wins as ``category``; the others become ``category_addition``
CATEGORY_PRIORITY = (TERRORIST, VIOLENCE, HARMFUL_SPEECH)

# Reason codes whose basis is the law itself: banked terrorist content (items are banked as
# terrorist content after review) and violating content issued by an organisation on the EU
# terrorist list. Everything else - classifier confidence, a reviewer's judgement under the
# platform's policy - is decided under the terms of service, and says whether it is also
# believed illegal (``incompatible_content_illegal``).
LEGAL_GROUNDS: Mapping[str, str] = MappingProxyType({
    "TVEC_KNOWN_CONTENT": (
        "Regulation (EU) 2021/784 (TCO) Art. 2(7); Directive (EU) 2017/541 Art. 5 and 21 as implemented "
        "in national law"
    ),
    "TVEC_DESIGNATED_ORG_VIOLATING": (
        "Regulation (EU) 2021/784 (TCO) Art. 2(7); Directive (EU) 2017/541 Art. 4 and 5 as implemented in "
        "national law; Council Common Position 2001/931/CFSP (EU terrorist list)"
    ),
})
DEFAULT_TERMS_GROUND = "Terms of service: terrorist and violent extremist content"

# Redress is always open (Art. 17(3)(f)); the database carries no field for it, so it is said
# in the explanation where a reader of the statement will look.
REDRESS = (
    "The decision can be contested through the internal complaint-handling system (Art. 20 DSA), "
    "out-of-court dispute settlement (Art. 21 DSA) or the courts."
)

ACTION_VISIBILITY: Mapping[str, str] = MappingProxyType({
    "remove": "DECISION_VISIBILITY_CONTENT_REMOVED",
    "restrict": "DECISION_VISIBILITY_CONTENT_DEMOTED",
    "label": "DECISION_VISIBILITY_CONTENT_LABELLED",
})
NO_STATEMENT_ACTIONS: Mapping[str, str] = MappingProxyType({
    "allow": "the content stays up: the DSA (Art. 17) requires a statement of reasons only for restrictions",
    "review": (
        "the decision only sends the content to human review and restricts nothing; the reviewer's "
        "decision gets the statement"
    ),
})
# "EU" means the whole EEA; a member state's own code scopes the restriction to it. The DSA
# database writes Greece as GR, where EU usage is EL.
EU_WIDE = frozenset({"EU", "EEA"})
COUNTRY_ALIASES = MappingProxyType({"EL": "GR"})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PUID = re.compile(r"^[a-zA-Z0-9-_]+$")
_LANGUAGE = re.compile(r"^[A-Z]{2}$")
_EAN13 = re.compile(r"^\d{13}$")
_SIGNAL_FLOOR = 0.5
_FACT_SIGNALS = 6


# --------------------------------------------------------------------------- building


def statement_of_reasons(
    session: Session,
    decision: DecisionRecord,
    *,
    platform_name: str,
    terms_ground: str = DEFAULT_TERMS_GROUND,
    reasons: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The statement for one restricting decision, validated before it is returned.

    ``reasons`` maps reason codes to what they mean (``reason_descriptions(policy)``; default:
    the shipped policy's), so that a reviewer's decision, whose rationale is only "decided by a
    reviewer", still explains itself.

    Raises NoStatementRequired for decisions that restrict nothing in the EU, SorError when the
    record lacks what a statement needs (e.g. no category at all)."""
    document = session.get(StoredDocument, decision.document_id)
    if document is None:
        raise SorError("document", f"decision {decision.id}: document {decision.document_id} does not exist")
    case = session.get(Case, decision.case_id) if decision.case_id is not None else None
    # only an order that had arrived when the decision was taken can have led to it; one that came
    # later does not turn an own-initiative removal into a notified one
    order = session.scalars(
        select(RemovalOrder)
        .where(RemovalOrder.document_id == document.id, RemovalOrder.received_at <= decision.decided_at)
        .order_by(RemovalOrder.received_at)
    ).first()

    visibility = _visibility(decision)
    scope = _territorial_scope(decision)
    _check_not_restated(session, decision)
    categories = _tvec_categories(decision, case)
    category, additions, keywords = _dsa_categories(decision, categories)
    if reasons is None:
        reasons = default_reasons()
    facts = _facts(decision, document, order, reasons)

    statement: dict[str, Any] = {
        "decision_visibility": [visibility],
        "territorial_scope": scope,
        "content_type": ["CONTENT_TYPE_TEXT"],
        "category": category,
        "category_specification": keywords,
        "content_date": _content_date(document).isoformat(),
        "application_date": decision.decided_at.astimezone(dt.UTC).date().isoformat(),
        "decision_facts": facts,
        "automated_detection": "Yes" if decision.automated_detection else "No",
        "automated_decision": _automated_decision(decision),
        "puid": _puid(platform_name, decision),
    }
    if additions:
        statement["category_addition"] = additions
    if visibility == "DECISION_VISIBILITY_CONTENT_REMOVED" and scope != list(enums().territorial_scope):
        # removal from a single member state is geo-blocking: access disabled there
        statement["decision_visibility"] = ["DECISION_VISIBILITY_CONTENT_DISABLED"]
    language = (document.lang or "").split("-")[0].upper()
    if _LANGUAGE.match(language):
        statement["content_language"] = language
    statement.update(_source(document, order))
    statement.update(_ground(decision, category, terms_ground, reasons))
    validate_statement(statement)
    return statement


def _visibility(decision: DecisionRecord) -> str:
    action = (decision.action or "").lower()
    if action in NO_STATEMENT_ACTIONS:
        raise NoStatementRequired("decision_visibility", f"decision {decision.id} is {action!r}: "
                                  f"{NO_STATEMENT_ACTIONS[action]}")
    if action not in ACTION_VISIBILITY:
        raise SorError("decision_visibility", f"decision {decision.id}: action {action!r} has no DSA restriction type "
                       f"(known: {', '.join(sorted(ACTION_VISIBILITY))})")
    return ACTION_VISIBILITY[action]


def _check_not_restated(session: Session, decision: DecisionRecord) -> None:
    """One statement per restriction: a decision that keeps the restriction the decision it
    supersedes already imposed (an upheld appeal, a reviewer confirming an automated removal)
    restricts nothing new, and a second statement would count the restriction twice."""
    if decision.supersedes_id is None:
        return
    previous = session.get(DecisionRecord, decision.supersedes_id)
    if (previous is not None and previous.action == decision.action
            and previous.jurisdiction == decision.jurisdiction and previous.action in ACTION_VISIBILITY):
        raise NoStatementRequired(
            "supersedes_id",
            f"decision {decision.id} keeps the {decision.action} of decision {previous.id}, whose statement "
            "already covers this restriction",
        )


def _territorial_scope(decision: DecisionRecord) -> list[str]:
    code = (decision.jurisdiction or "").upper()
    codes = enums().territorial_scope
    if code in EU_WIDE:
        return list(codes)
    code = COUNTRY_ALIASES.get(code, code)
    if code in codes:
        return [code]
    raise NoStatementRequired(
        "territorial_scope",
        f"decision {decision.id} applies in {decision.jurisdiction!r}, not in the EU/EEA: the DSA asks for "
        "statements only for restrictions in the EU",
    )


def _tvec_categories(decision: DecisionRecord, case: Case | None) -> list[str]:
    recorded = [str(c) for c in (decision.categories or [])]
    if not any(c in CATEGORY_MAP for c in recorded) and case is not None:
        recorded += [str(c) for c in (case.categories or []) if str(c) not in recorded]
    return recorded


def _dsa_categories(decision: DecisionRecord, categories: list[str]) -> tuple[str, list[str], list[str]]:
    found: dict[str, list[str]] = {}
    for name in categories:
        if name in CATEGORY_MAP:
            dsa, keywords = CATEGORY_MAP[name]
            bucket = found.setdefault(dsa, [])
            bucket.extend(k for k in keywords if k not in bucket)
    if (decision.reason_code or "") in LEGAL_GROUNDS and TERRORIST not in found:
        found[TERRORIST] = ["KEYWORD_TERRORIST_CONTENT"]
    if not found:
        raise SorError(
            "category",
            f"decision {decision.id} records no violating category (categories: {categories or 'none'}); a "
            "statement must name what kind of content was restricted",
        )
    ordered = [c for c in CATEGORY_PRIORITY if c in found]
    keywords: list[str] = []
    for dsa in ordered:
        keywords.extend(k for k in found[dsa] if k not in keywords)
    return ordered[0], ordered[1:], keywords


def primary_dsa_category(categories: Iterable[str]) -> str | None:
    """The DSA category a statement would name for these tvec categories (None: none maps)."""
    found = {CATEGORY_MAP[c][0] for c in categories if c in CATEGORY_MAP}
    return next((c for c in CATEGORY_PRIORITY if c in found), None)


def _automated_decision(decision: DecisionRecord) -> str:
    if decision.automated_decision:
        return "AUTOMATED_DECISION_FULLY"
    if decision.automated_detection:
        return "AUTOMATED_DECISION_PARTIALLY"
    return "AUTOMATED_DECISION_NOT_AUTOMATED"


def _content_date(document: StoredDocument) -> dt.date:
    """When the content was posted, if the platform said so (``meta.posted_at``), else when tvec
    received it - the earliest time tvec can vouch for."""
    posted = (document.meta or {}).get("posted_at")
    if isinstance(posted, str):
        try:
            return dt.date.fromisoformat(posted[:10])
        except ValueError:
            pass
    return document.received_at.astimezone(dt.UTC).date()


def _puid(platform_name: str, decision: DecisionRecord) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", platform_name).strip("-")[:100] or "tvec"
    return f"{slug}-decision-{decision.id}"


def _source(document: StoredDocument, order: RemovalOrder | None) -> dict[str, Any]:
    """A TCO removal order or an IRU referral is an authority's notification, not an Art. 16
    notice; the platform may say in ``meta.notice`` that a user notice or a trusted flagger
    started it. Otherwise tvec found it on the platform's own initiative."""
    if order is not None:
        return {"source_type": "SOURCE_TYPE_OTHER_NOTIFICATION"}
    notice = str((document.meta or {}).get("notice", "")).lower()
    if notice in ("article_16", "art16", "user_notice"):
        return {"source_type": "SOURCE_ARTICLE_16"}
    if notice == "trusted_flagger":
        return {"source_type": "SOURCE_TRUSTED_FLAGGER"}
    if notice in ("referral", "other"):
        return {"source_type": "SOURCE_TYPE_OTHER_NOTIFICATION"}
    return {"source_type": "SOURCE_VOLUNTARY"}


def _ground(
    decision: DecisionRecord, category: str, terms_ground: str, reasons: Mapping[str, str]
) -> dict[str, Any]:
    explanation = _limit(f"{_reason_sentence(decision, reasons)} {REDRESS}", 2000)
    legal = LEGAL_GROUNDS.get(decision.reason_code or "")
    if legal is not None:
        return {
            "decision_ground": ILLEGAL,
            "illegal_content_legal_ground": _limit(legal, 500),
            "illegal_content_explanation": explanation,
        }
    return {
        "decision_ground": INCOMPATIBLE,
        "incompatible_content_ground": _limit(terms_ground, 500),
        "incompatible_content_explanation": explanation,
        # terrorist content is also believed illegal; other violent content is judged on the terms
        "incompatible_content_illegal": "Yes" if category == TERRORIST else "No",
    }


_QUOTE = re.compile(r"'[^']*'\s*\[\d+:\d+\]")


def _reason_sentence(decision: DecisionRecord, reasons: Mapping[str, str]) -> str:
    """Who decided, under which rule and reason code, what the code means, and the head of the
    recorded rationale ("remove under rule X (CODE): <description>.") without the evidence
    quotes that follow it in automated rationales."""
    head = (decision.rationale or "").split(" Evidence:", 1)[0]
    head = _QUOTE.sub("[quote omitted]", head).strip()
    who = {"automated": "Automated decision", "review": "Decision by a human reviewer",
           "appeal": "Decision on appeal by a human reviewer"}.get(decision.kind, "Decision")
    code = decision.reason_code or "no reason code"
    if decision.kind == "automated":
        rule = f" under rule {decision.rule}" if decision.rule else ""
        parts = [f"{who}{rule} ({code}) for {decision.jurisdiction}."]
    else:  # the rule is the one that raised the case; the reviewer chose the reason code
        raised = f", on content flagged by rule {decision.rule}" if decision.rule else ""
        parts = [f"{who} ({code}) for {decision.jurisdiction}{raised}."]
    meaning = reasons.get(decision.reason_code or "")
    if meaning and meaning not in head:
        parts.append(_sentence(f"{code}: {meaning}"))
    if head:
        parts.append(_sentence(head[0].upper() + head[1:]))
    return " ".join(parts)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else text + "."


@functools.cache
def default_reasons() -> Mapping[str, str]:
    """The shipped policy's reason codes and what they mean."""
    from tvec.policy.loader import load_policy

    return MappingProxyType(reason_descriptions(load_policy()))


def reason_descriptions(policy: Any) -> dict[str, str]:
    """Reason code -> the description of the rule (or default) that uses it, from a loaded
    ``tvec.policy.model.Policy``."""
    out: dict[str, str] = {}
    for rule in getattr(policy, "rules", []):
        if rule.reason_code and rule.description:
            out.setdefault(rule.reason_code, rule.description)
    default = getattr(policy, "default", None)
    if default is not None and default.reason_code and default.description:
        out.setdefault(default.reason_code, default.description)
    return out


def _facts(
    decision: DecisionRecord, document: StoredDocument, order: RemovalOrder | None, reasons: Mapping[str, str]
) -> str:
    parts = [_reason_sentence(decision, reasons)]
    signals = _signal_summary(document)
    if signals:
        parts.append("Signals: " + "; ".join(signals) + ".")
    if order is not None:
        parts.append(
            f"A removal order under Regulation (EU) 2021/784 issued in {order.member_state} was received at "
            f"{order.received_at.astimezone(dt.UTC).isoformat(timespec='minutes').replace('+00:00', 'Z')}."
        )
    if decision.kind in ("review", "appeal"):
        parts.append("A trained reviewer examined the content and the evidence before deciding.")
    parts.append(f"Content received {document.received_at.astimezone(dt.UTC).date().isoformat()}; "
                 f"policy version {decision.policy_version or document.policy_version or 'unknown'}.")
    return _limit(" ".join(parts), 5000)


def _signal_summary(document: StoredDocument) -> list[str]:
    """Category, score and detector of the strongest signals, plus the organisation a signal
    names (a designated organisation is not personal data); never the matched text."""
    best: dict[tuple[str, str], float] = {}
    orgs: dict[tuple[str, str], str] = {}
    for signal in (document.scan or {}).get("signals", []):
        try:
            category, detector, score = str(signal["category"]), str(signal["detector"]), float(signal["score"])
        except (KeyError, TypeError, ValueError):
            continue
        if score < _SIGNAL_FLOOR or category not in CATEGORY_MAP:
            continue
        key = (category, detector)
        if score > best.get(key, -1.0):
            best[key] = score
            org = (signal.get("evidence") or {}).get("organisation")
            if isinstance(org, str) and org:
                orgs[key] = org
    ranked = sorted(best.items(), key=lambda item: -item[1])[:_FACT_SIGNALS]
    return [
        f"{category} {score:.2f} ({detector}{', ' + orgs[(category, detector)] if (category, detector) in orgs else ''})"
        for (category, detector), score in ranked
    ]


def _limit(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


@dataclass
class Export:
    """The statements of a period, and why the other decisions of the period have none."""

    statements: list[dict[str, Any]]
    skipped: dict[str, int]


def export_statements(
    session: Session,
    *,
    since: dt.datetime,
    until: dt.datetime | None = None,
    platform_name: str,
    terms_ground: str = DEFAULT_TERMS_GROUND,
    reasons: Mapping[str, str] | None = None,
) -> Export:
    """Statements for every restricting decision taken in ``[since, until)``, oldest first.
    A decision that needs none is counted under its reason; a decision whose statement cannot
    be built or is invalid raises, because leaving it out silently would under-report."""
    query = select(DecisionRecord).where(DecisionRecord.decided_at >= since)
    if until is not None:
        query = query.where(DecisionRecord.decided_at < until)
    statements: list[dict[str, Any]] = []
    skipped: dict[str, int] = {}
    for decision in session.scalars(query.order_by(DecisionRecord.decided_at, DecisionRecord.id)):
        try:
            statements.append(statement_of_reasons(session, decision, platform_name=platform_name,
                                                   terms_ground=terms_ground, reasons=reasons))
        except NoStatementRequired as why:
            key = {"decision_visibility": f"action {decision.action}", "supersedes_id": "restriction already stated",
                   }.get(why.field or "", "not in the EU/EEA")
            skipped[key] = skipped.get(key, 0) + 1
    return Export(statements, skipped)


# --------------------------------------------------------------------------- validation

REQUIRED = (
    "decision_ground", "content_type", "category", "content_date", "application_date",
    "decision_facts", "source_type", "automated_detection", "automated_decision", "puid",
)
KNOWN_FIELDS = frozenset({
    "decision_visibility", "decision_visibility_other", "decision_monetary", "decision_monetary_other",
    "decision_provision", "decision_account", "account_type", "content_date", "application_date",
    "end_date_visibility_restriction", "end_date_monetary_restriction", "end_date_service_restriction",
    "end_date_account_restriction", "territorial_scope", "content_language", "content_type",
    "content_type_other", "content_id", "puid", "decision_ground", "decision_ground_reference_url",
    "illegal_content_legal_ground", "illegal_content_explanation", "incompatible_content_ground",
    "incompatible_content_explanation", "incompatible_content_illegal", "decision_facts", "source_type",
    "source_identity", "automated_detection", "automated_decision", "category", "category_addition",
    "category_specification", "category_specification_other",
})


def validate_statement(statement: Mapping[str, Any]) -> None:
    """Check a statement against the API's rules (StatementStoreRequest) and enums; raises
    SorError naming the first bad field. Run on every statement before it leaves tvec, because
    the database answers a bad one with a 422 long after the decision was taken."""
    for problem in statement_problems(statement):
        raise problem


def statement_problems(statement: Mapping[str, Any]) -> Iterator[SorError]:
    """Every problem of a statement, in field order (``validate_statement`` stops at the first)."""
    e = enums()
    if not isinstance(statement, Mapping):
        yield SorError(None, f"expected a JSON object, got {type(statement).__name__}")
        return
    s = statement
    for name in sorted(set(s) - KNOWN_FIELDS):
        yield SorError(name, "unknown field (not accepted by the DSA Transparency Database API)")
    for name in REQUIRED:
        if s.get(name) in (None, "", []):
            yield SorError(name, "is required")

    restrictions = ("decision_visibility", "decision_monetary", "decision_provision", "decision_account")
    if all(s.get(name) in (None, "", []) for name in restrictions):
        yield SorError("decision_visibility", f"at least one of {', '.join(restrictions)} is required")
    yield from _enum_list(s, "decision_visibility", e.visibilities, nullable=True)
    yield from _other(s, "decision_visibility", "DECISION_VISIBILITY_OTHER", list_field=True)
    yield from _enum_one(s, "decision_monetary", e.monetaries)
    yield from _other(s, "decision_monetary", "DECISION_MONETARY_OTHER", list_field=False)
    yield from _enum_one(s, "decision_provision", e.provisions)
    yield from _enum_one(s, "decision_account", e.accounts)
    yield from _enum_one(s, "account_type", e.account_types)

    yield from _date(s, "content_date", dt.date(2000, 1, 1), dt.date(2038, 1, 1))
    yield from _date(s, "application_date", dt.date(2020, 1, 1), dt.date(2038, 1, 1))
    for name in ("end_date_visibility_restriction", "end_date_monetary_restriction",
                 "end_date_service_restriction", "end_date_account_restriction"):
        yield from _date(s, name, dt.date(2020, 1, 1), dt.date(2038, 1, 1))

    yield from _enum_list(s, "territorial_scope", frozenset(e.territorial_scope), nullable=True)
    language = s.get("content_language")
    if language is not None and (not isinstance(language, str) or not _LANGUAGE.match(language)):
        yield SorError("content_language", f"{language!r} is not an upper-case ISO 639-1 code like 'EN'")

    yield from _enum_list(s, "content_type", e.content_types, nullable=False)
    yield from _other(s, "content_type", "CONTENT_TYPE_OTHER", list_field=True)
    content_id = s.get("content_id")
    if content_id is not None:
        if not isinstance(content_id, Mapping) or set(content_id) - {"EAN-13"}:
            yield SorError("content_id", "only an object with the key 'EAN-13' is accepted")
        elif not _EAN13.match(str(content_id.get("EAN-13", ""))):
            yield SorError("content_id", "EAN-13 must be 13 digits")
    puid = s.get("puid")
    if puid is not None and (not isinstance(puid, str) or len(puid) > 500 or not _PUID.match(puid)):
        yield SorError("puid", f"{puid!r} must be at most 500 characters of letters, digits, '-' and '_'")

    yield from _enum_one(s, "decision_ground", e.grounds)
    yield from _text(s, "decision_ground_reference_url", 500)
    url = s.get("decision_ground_reference_url")
    if isinstance(url, str) and url and not re.match(r"^https?://\S+$", url):
        yield SorError("decision_ground_reference_url", f"{url!r} is not an http(s) URL")
    ground = s.get("decision_ground")
    illegal_fields = ("illegal_content_legal_ground", "illegal_content_explanation")
    incompatible_fields = ("incompatible_content_ground", "incompatible_content_explanation",
                           "incompatible_content_illegal")
    if ground == ILLEGAL:
        for name in illegal_fields:
            if s.get(name) in (None, ""):
                yield SorError(name, "is required when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT")
        for name in incompatible_fields:
            if s.get(name) not in (None, ""):
                yield SorError(name, "must be absent when decision_ground is DECISION_GROUND_ILLEGAL_CONTENT")
    elif ground == INCOMPATIBLE:
        for name in incompatible_fields[:2]:
            if s.get(name) in (None, ""):
                yield SorError(name, "is required when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT")
        for name in illegal_fields:
            if s.get(name) not in (None, ""):
                yield SorError(name, "must be absent when decision_ground is DECISION_GROUND_INCOMPATIBLE_CONTENT")
    yield from _text(s, "illegal_content_legal_ground", 500)
    yield from _text(s, "illegal_content_explanation", 2000)
    yield from _text(s, "incompatible_content_ground", 500)
    yield from _text(s, "incompatible_content_explanation", 2000)
    yield from _enum_one(s, "incompatible_content_illegal", e.incompatible_illegals)

    yield from _text(s, "decision_facts", 5000)
    yield from _enum_one(s, "source_type", e.source_types)
    yield from _text(s, "source_identity", 500)
    if s.get("source_type") == "SOURCE_VOLUNTARY" and s.get("source_identity") not in (None, ""):
        yield SorError("source_identity", "must be absent when source_type is SOURCE_VOLUNTARY")
    yield from _enum_one(s, "automated_detection", e.automated_detections)
    yield from _enum_one(s, "automated_decision", e.automated_decisions)

    yield from _enum_one(s, "category", e.categories)
    yield from _enum_list(s, "category_addition", e.categories, nullable=True)
    yield from _enum_list(s, "category_specification", e.keywords, nullable=True)
    yield from _text(s, "category_specification_other", 500)


def _enum_one(s: Mapping[str, Any], name: str, allowed: frozenset[str]) -> Iterator[SorError]:
    value = s.get(name)
    if value is not None and value not in allowed:
        yield SorError(name, f"{value!r} is not one of the allowed values ({_sample(allowed)})")


def _enum_list(s: Mapping[str, Any], name: str, allowed: frozenset[str], *, nullable: bool) -> Iterator[SorError]:
    value = s.get(name)
    if value is None:
        return
    if not isinstance(value, list):
        yield SorError(name, f"must be a list, got {type(value).__name__}")
        return
    if not value and not nullable:
        yield SorError(name, "must not be empty")
    for item in value:
        if item not in allowed:
            yield SorError(name, f"{item!r} is not one of the allowed values ({_sample(allowed)})")
    if len(set(map(str, value))) != len(value):
        yield SorError(name, "lists a value twice")


def _other(s: Mapping[str, Any], name: str, other_key: str, *, list_field: bool) -> Iterator[SorError]:
    value = s.get(name)
    chosen = other_key in value if (list_field and isinstance(value, list)) else value == other_key
    text = s.get(f"{name}_other")
    if chosen and not text:
        yield SorError(f"{name}_other", f"is required when {name} includes {other_key}")
    if text and not chosen:
        yield SorError(f"{name}_other", f"is only allowed when {name} includes {other_key}")
    yield from _text(s, f"{name}_other", 500)


def _text(s: Mapping[str, Any], name: str, size: int) -> Iterator[SorError]:
    value = s.get(name)
    if value is None:
        return
    if not isinstance(value, str):
        yield SorError(name, f"must be a string, got {type(value).__name__}")
    elif len(value) > size:
        yield SorError(name, f"is {len(value)} characters long, more than the {size} allowed")


def _date(s: Mapping[str, Any], name: str, low: dt.date, high: dt.date) -> Iterator[SorError]:
    value = s.get(name)
    if value is None:
        return
    if not isinstance(value, str) or not _DATE.match(value):
        yield SorError(name, f"{value!r} is not a date written YYYY-MM-DD")
        return
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        yield SorError(name, f"{value!r} is not a calendar date")
        return
    if not low <= day <= high:
        yield SorError(name, f"{value} is outside {low.isoformat()} .. {high.isoformat()}")


def _sample(allowed: frozenset[str]) -> str:
    items = sorted(allowed)
    return ", ".join(items[:4]) + (f", ... {len(items)} in all" if len(items) > 4 else "")
