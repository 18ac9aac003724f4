"""Turn a document's signals into one Decision per jurisdiction by applying a policy's rules.

For each requested jurisdiction the engine builds a CEL activation and tries the rules in order:
the first ``enforce`` rule whose ``when`` holds decides; ``shadow`` rules are all evaluated and
recorded, never deciding; with no enforced hit the policy's ``default`` applies.

The activation (what a rule's ``when`` can read), built PER JURISDICTION:

``jurisdiction``  string, the code being decided (``"UK"``).
``signals``       list of maps ``{detector, category, score, designated, evidence}`` - the
                  signals in scope here; ``designated`` is true when the signal names an
                  organisation designated in this jurisdiction.
``score``         map from EVERY :class:`~tvec.types.Category` value to the highest score of the
                  in-scope signals of that category, 0.0 when none (``score.incitement`` never
                  fails).
``violating``     double, max of ``score`` over :data:`~tvec.types.VIOLATING_CATEGORIES`.
``context``       double, max of ``score`` over :data:`~tvec.types.CONTEXT_CATEGORIES`.
``designated``    list of the in-scope signals with ``designated`` true.
``doc``           map ``{id, length (characters), lang ("" when unknown)}``.

Jurisdiction scoping: a signal whose ``evidence["designations"]`` is a non-empty list (items with
``list``, ``status``, ``date_listed``, optional ``date_revoked``) is in scope - and designated -
in a jurisdiction iff one of its designations is on one of the jurisdiction's lists and in force
on ``as_of``: listed on or before it (``YYYY``/``YYYY-MM`` count from the start of the period; an
empty or unreadable date counts as listed) and not revoked by then (a revocation date counts
from the end of its period; ``status: revoked`` without a readable date means not in force).
Out-of-scope signals are left out of ``score``, ``violating``, ``context``, ``signals`` and
``designated``, but stay in the Decision's ``signals`` for transparency and are named in the
rationale. Signals without designations count everywhere.

Cost: cel-python is an interpreter, so the engine does as little CEL as it can. Each condition
is compiled once, and also into a Python closure (:mod:`tvec.policy.compiled`) that answers in
microseconds and hands the rare activation it cannot be sure about to cel-python; a variable is
converted (to CEL or to plain values) only when a rule being evaluated reads it; and a rule that
cannot be compiled and reads only ``score``/``violating``/``context``/``jurisdiction`` (and
``signals``/``designated`` while they are empty) is memoised on the values it reads - exact, not
approximate. :attr:`PolicyEngine.stats` counts evaluations (and how many ran on cel-python),
memo hits and CEL time, so a scan can report what the policy cost it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from celpy import celtypes

from tvec.dates import in_force
from tvec.errors import ConfigurationError, PolicyError
from tvec.policy.compiled import Fallback, to_plain
from tvec.policy.conditions import Condition, ConditionError, to_cel
from tvec.policy.model import Policy, Rule
from tvec.types import (
    CONTEXT_CATEGORIES,
    VIOLATING_CATEGORIES,
    Action,
    Category,
    Decision,
    Document,
    RuleHit,
    Signal,
)

log = logging.getLogger(__name__)

_ALL_CATEGORIES = tuple(str(c) for c in Category)
_VIOLATING = tuple(sorted(str(c) for c in VIOLATING_CATEGORIES))
_CONTEXT = tuple(sorted(str(c) for c in CONTEXT_CATEGORIES))
#: Categories a decision reports when they score at least REPORT_THRESHOLD in scope.
_REPORTED = (*_VIOLATING, str(Category.ATTRIBUTION), str(Category.KNOWN_CONTENT))
REPORT_THRESHOLD = 0.5
#: How many in-scope signals the rationale cites, and how much of each span it quotes.
RATIONALE_SIGNALS = 3
RATIONALE_SPANS = 2
SPAN_CHARS = 80
_MEMO_LIMIT = 4096


# --------------------------------------------------------------------------- designations


def designation_in_force(designation: Mapping[str, Any], as_of: dt.date) -> bool:
    """Whether one designation (an item of ``evidence["designations"]``) applies on ``as_of``."""
    return in_force(
        str(designation.get("date_listed") or ""),
        str(designation.get("status", "active")).strip().lower(),
        str(designation.get("date_revoked") or ""),
        as_of,
    )


def _designations(signal: Signal) -> list[Mapping[str, Any]] | None:
    items = signal.evidence.get("designations") if isinstance(signal.evidence, Mapping) else None
    if not isinstance(items, (list, tuple)) or not items:
        return None
    return [item for item in items if isinstance(item, Mapping)]


# --------------------------------------------------------------------------- per-jurisdiction view


@dataclass
class _Scoped:
    signal: Signal
    index: int
    designated: bool
    in_force: list[Mapping[str, Any]]  # designations that make it designated here


@dataclass
class _View:
    """What one jurisdiction sees of one document, in Python values (CEL built lazily)."""

    jurisdiction: str
    day: dt.date
    document: Document
    in_scope: list[_Scoped]
    out_of_scope: list[Signal]
    scores: dict[str, float]
    base_maps: list[Any]  # per document signal maps without `designated`, shared across views
    plain_maps: list[Any]  # the same as plain Python values, for compiled conditions
    _cel: dict[str, Any] = field(default_factory=dict)
    _plain: dict[str, Any] = field(default_factory=dict)

    violating: float = field(init=False)
    context: float = field(init=False)
    #: which of the document's signals this view holds, and whether each is designated here:
    #: with ``document`` and ``day`` (the same for every view of one decide call), everything
    #: a condition reads except ``jurisdiction``
    scope: tuple[tuple[int, bool], ...] = field(init=False)

    def __post_init__(self) -> None:
        self.violating = max(self.scores[c] for c in _VIOLATING)
        self.context = max(self.scores[c] for c in _CONTEXT)
        self.scope = tuple([(s.index, s.designated) for s in self.in_scope])

    def _signal_map(self, scoped: _Scoped) -> Any:
        base = self.base_maps[scoped.index]
        if base is None:
            base = self.base_maps[scoped.index] = _signal_base_map(scoped.signal)
        out = celtypes.MapType(base)
        out[celtypes.StringType("designated")] = celtypes.BoolType(scoped.designated)
        return out

    def cel(self, name: str) -> Any:
        if name not in self._cel:
            self._cel[name] = self._build(name)
        return self._cel[name]

    def _build(self, name: str) -> Any:
        if name == "jurisdiction":
            return celtypes.StringType(self.jurisdiction)
        if name == "score":
            return celtypes.MapType(
                {celtypes.StringType(k): celtypes.DoubleType(v) for k, v in self.scores.items()}
            )
        if name == "violating":
            return celtypes.DoubleType(self.violating)
        if name == "context":
            return celtypes.DoubleType(self.context)
        if name == "signals":
            return celtypes.ListType([self._signal_map(s) for s in self.in_scope])
        if name == "designated":
            return celtypes.ListType([self._signal_map(s) for s in self.in_scope if s.designated])
        if name == "doc":
            return to_cel(
                {"id": self.document.id, "length": len(self.document.text), "lang": self.document.lang or ""}
            )
        raise KeyError(name)

    def plain(self, name: str) -> Any:
        """The variable as plain Python values, mirroring :meth:`cel` (see
        :func:`tvec.policy.compiled.to_plain`)."""
        if name not in self._plain:
            self._plain[name] = self._build_plain(name)
        return self._plain[name]

    def _build_plain(self, name: str) -> Any:
        if name == "jurisdiction":
            return to_plain(self.jurisdiction)
        if name == "score":
            return {str(k): float(v) for k, v in self.scores.items()}
        if name == "violating":
            return float(self.violating)
        if name == "context":
            return float(self.context)
        if name == "signals":
            return [self._plain_signal(s) for s in self.in_scope]
        if name == "designated":
            return [self._plain_signal(s) for s in self.in_scope if s.designated]
        if name == "doc":
            return to_plain(
                {"id": self.document.id, "length": len(self.document.text), "lang": self.document.lang or ""}
            )
        raise KeyError(name)

    def _plain_signal(self, scoped: _Scoped) -> dict[str, Any]:
        base = self.plain_maps[scoped.index]
        if base is None:
            signal = scoped.signal
            base = self.plain_maps[scoped.index] = {
                "detector": to_plain(signal.detector),
                "category": to_plain(str(signal.category)),
                "score": float(signal.score),
                "evidence": to_plain(dict(signal.evidence)),
            }
        return {**base, "designated": bool(scoped.designated)}

    def memo_key(self, condition: Condition) -> tuple[Any, ...] | None:
        """The values ``condition`` reads, or None when they cannot be a key (a non-empty list)."""
        if "signals" in condition.variables and self.in_scope:
            return None
        if "designated" in condition.variables and any(s.designated for s in self.in_scope):
            return None
        fields = condition.score_fields
        names = fields if fields is not None else tuple(sorted(self.scores))
        key: list[Any] = [tuple(self.scores.get(n, 0.0) for n in names)]
        if "violating" in condition.variables:
            key.append(self.violating)
        if "context" in condition.variables:
            key.append(self.context)
        if "jurisdiction" in condition.variables:
            key.append(self.jurisdiction)
        return tuple(key)


class _PlainVariables(Mapping[str, Any]):
    """The variables a compiled condition may read, each built on first read: a rule that
    short-circuits on the scores never converts the signal list."""

    __slots__ = ("_names", "_view")

    def __init__(self, view: _View, names: frozenset[str]) -> None:
        self._view, self._names = view, names

    def __getitem__(self, name: str) -> Any:
        if name not in self._names:
            raise KeyError(name)
        return self._view.plain(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _signal_base_map(signal: Signal) -> dict[Any, Any]:
    return {
        celtypes.StringType("detector"): celtypes.StringType(signal.detector),
        celtypes.StringType("category"): celtypes.StringType(str(signal.category)),
        celtypes.StringType("score"): celtypes.DoubleType(signal.score),
        celtypes.StringType("evidence"): to_cel(dict(signal.evidence)),
    }


# --------------------------------------------------------------------------- engine


@dataclass
class EngineStats:
    """Counters of what deciding has cost; read them to report policy cost per document."""

    documents: int = 0
    decisions: int = 0
    evaluations: int = 0  # conditions actually evaluated (compiled closure or cel-python)
    cel_evaluations: int = 0  # of which on cel-python (not compilable, or the closure fell back)
    memo_hits: int = 0  # rule results answered from the memo
    errors: int = 0
    cel_seconds: float = 0.0
    decide_seconds: float = 0.0

    def summary(self) -> str:
        per_doc = self.decide_seconds / self.documents * 1000 if self.documents else 0.0
        per_eval = self.cel_seconds / self.cel_evaluations * 1000 if self.cel_evaluations else 0.0
        return (
            f"{self.documents} document(s), {self.decisions} decision(s): {per_doc:.3f} ms per document, "
            f"{self.evaluations} evaluation(s) of which {self.cel_evaluations} on cel-python at "
            f"{per_eval:.3f} ms each, {self.memo_hits} memo hit(s), {self.errors} rule error(s)"
        )


@dataclass
class _CompiledRule:
    rule: Rule
    condition: Condition
    memo: dict[tuple[Any, ...], bool] = field(default_factory=dict)


class PolicyEngine:
    """Applies one policy. Compiles every condition once; safe to share between threads."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.stats = EngineStats()
        self._lock = threading.Lock()
        self._warned: set[str] = set()
        compiled, problems = [], []
        for index, rule in enumerate(policy.rules):
            try:
                compiled.append(_CompiledRule(rule, Condition(rule.when)))
            except ValueError as error:
                problems.append(f"rules[{index}] ({rule.id}).when: {error}")
        if problems:
            raise PolicyError(policy.source, problems)
        self._rules = compiled
        self._version = policy.version_label

    @property
    def jurisdictions(self) -> list[str]:
        return list(self.policy.jurisdictions)

    def check_jurisdictions(self, jurisdictions: Sequence[str]) -> None:
        """Raises ConfigurationError naming every code this policy does not define, and the ones
        it does: a request for "FR" is the caller's mistake, not a broken policy."""
        unknown = [code for code in jurisdictions if code not in self.policy.jurisdictions]
        if unknown:
            raise ConfigurationError(
                f"unknown jurisdiction {', '.join(repr(c) for c in unknown)} "
                f"(policy {self.policy.name} defines: {', '.join(self.policy.jurisdictions)})"
            )

    def decide(
        self,
        document: Document,
        signals: Sequence[Signal],
        jurisdictions: Sequence[str],
        as_of: dt.date | None = None,
    ) -> list[Decision]:
        """One Decision per jurisdiction, in the order asked. Never raises for a rule's CEL error:
        the rule counts as not holding and the error is written into the rationale."""
        self.check_jurisdictions(jurisdictions)
        started = time.perf_counter()
        day = as_of or dt.date.today()
        signals = tuple(signals)
        base_maps: list[Any] = [None] * len(signals)
        plain_maps: list[Any] = [None] * len(signals)
        shared: dict[tuple[Any, ...], bool] = {}
        decisions = [
            self._decide_one(document, signals, code, day, base_maps, plain_maps, shared) for code in jurisdictions
        ]
        with self._lock:
            self.stats.documents += 1
            self.stats.decisions += len(decisions)
            self.stats.decide_seconds += time.perf_counter() - started
        return decisions

    # ----------------------------------------------------------------- internals

    def _view(
        self,
        document: Document,
        signals: tuple[Signal, ...],
        code: str,
        day: dt.date,
        base_maps: list[Any],
        plain_maps: list[Any],
    ) -> _View:
        lists = set(self.policy.jurisdictions[code].lists)
        in_scope: list[_Scoped] = []
        out_of_scope: list[Signal] = []
        scores = dict.fromkeys(_ALL_CATEGORIES, 0.0)
        for index, signal in enumerate(signals):
            designations = _designations(signal)
            if designations is None:
                scoped = _Scoped(signal, index, designated=False, in_force=[])
            else:
                here = [
                    d
                    for d in designations
                    if str(d.get("list", "")) in lists and designation_in_force(d, day)
                ]
                if not here:
                    out_of_scope.append(signal)
                    continue
                scoped = _Scoped(signal, index, designated=True, in_force=here)
            in_scope.append(scoped)
            category = str(signal.category)
            scores[category] = max(scores.get(category, 0.0), signal.score)
        return _View(code, day, document, in_scope, out_of_scope, scores, base_maps, plain_maps)

    def _holds(
        self, compiled: _CompiledRule, view: _View, shared: dict[tuple[Any, ...], bool] | None = None
    ) -> bool:
        """Raises ConditionError; memoises conditions that run on cel-python and read only
        scalar variables (a compiled closure is cheaper than building the memo key).

        ``shared`` holds the results of compiled conditions for the other jurisdictions of the
        same :meth:`decide` call: a condition that does not read ``jurisdiction`` sees the same
        values in every jurisdiction whose view holds the same signals with the same
        ``designated`` flags (``_View.scope``), so it is evaluated once for all of them."""
        condition = compiled.condition
        if shared is not None and condition.compiled is not None:
            share_key = (id(compiled), view.scope, view.jurisdiction if "jurisdiction" in condition.variables else None)
            held = shared.get(share_key)
            if held is not None:
                with self._lock:
                    self.stats.memo_hits += 1
                return held
            held = self._holds(compiled, view)
            shared[share_key] = held
            return held
        key = view.memo_key(condition) if condition.memoisable and condition.compiled is None else None
        if key is not None:
            cached = compiled.memo.get(key)
            if cached is not None:
                with self._lock:
                    self.stats.memo_hits += 1
                return cached
        result: bool | None = None
        if condition.compiled is not None:
            try:
                result = condition.evaluate_compiled(_PlainVariables(view, condition.variables))
            except Fallback:
                result = None
        if result is None:
            activation = {name: view.cel(name) for name in condition.variables}
            started = time.perf_counter()
            try:
                result = condition.evaluate(activation)
            finally:
                with self._lock:
                    self.stats.evaluations += 1
                    self.stats.cel_evaluations += 1
                    self.stats.cel_seconds += time.perf_counter() - started
        else:
            with self._lock:
                self.stats.evaluations += 1
        if key is not None:
            if len(compiled.memo) >= _MEMO_LIMIT:
                compiled.memo.clear()
            compiled.memo[key] = result
        return result

    def _decide_one(
        self,
        document: Document,
        signals: tuple[Signal, ...],
        code: str,
        day: dt.date,
        base_maps: list[Any],
        plain_maps: list[Any],
        shared: dict[tuple[Any, ...], bool] | None = None,
    ) -> Decision:
        view = self._view(document, signals, code, day, base_maps, plain_maps)
        decided: Rule | None = None
        shadow_hits: list[RuleHit] = []
        errors: list[str] = []
        for compiled in self._rules:
            rule = compiled.rule
            if not rule.applies_in(code) or (decided is not None and not rule.shadow):
                continue
            try:
                held = self._holds(compiled, view, shared)
            except ConditionError as error:
                errors.append(
                    f"rule {rule.id} could not be evaluated and was treated as not holding ({error})"
                )
                self._record_error(rule, document, error)
                continue
            if not held:
                continue
            if rule.shadow:
                shadow_hits.append(RuleHit(rule.id, rule.action, rule.reason_code, shadow=True))
            else:
                decided = rule
        if decided is not None:
            action, reason = decided.action, decided.reason_code
            declared = [str(c) for c in decided.categories or ()]
        else:
            action, reason = self.policy.default.action, self.policy.default.reason_code
            declared = []
        # categories come from the rule that fired: an allow by default names none
        scored = [c for c in _REPORTED if view.scores.get(c, 0.0) >= REPORT_THRESHOLD] if decided is not None else []
        categories = tuple(dict.fromkeys([*declared, *scored]))
        return Decision(
            document_id=document.id,
            jurisdiction=code,
            action=action,
            categories=categories,
            rule=decided.id if decided else None,
            reason_code=reason,
            rationale=self._rationale(view, decided, action, reason, shadow_hits, errors),
            signals=signals,
            shadow_hits=tuple(shadow_hits),
            policy_version=self._version,
        )

    def _record_error(self, rule: Rule, document: Document, error: ConditionError) -> None:
        with self._lock:
            self.stats.errors += 1
            first = rule.id not in self._warned
            self._warned.add(rule.id)
        if first:
            log.warning(
                "policy %s: rule %s failed on document %s (%s); further failures of this rule are "
                "only recorded in rationales",
                self.policy.name,
                rule.id,
                document.id,
                error,
            )

    # ----------------------------------------------------------------- rationale

    def _rationale(
        self,
        view: _View,
        rule: Rule | None,
        action: Action,
        reason: str,
        shadow_hits: list[RuleHit],
        errors: list[str],
    ) -> str:
        if rule is not None:
            head = f"{action} under rule {rule.id} ({reason}): {_sentence(rule.description)}"
        else:
            head = f"{action} by default ({reason}): no enforced rule held in {view.jurisdiction}."
            if self.policy.default.description:
                head += " " + _sentence(self.policy.default.description)
        parts = [head]
        ranked = sorted(view.in_scope, key=lambda s: (-s.signal.score, s.index))
        if ranked:
            cited = [_cite(s, view.document.text) for s in ranked[:RATIONALE_SIGNALS]]
            more = len(ranked) - RATIONALE_SIGNALS
            parts.append(
                "Evidence: " + "; ".join(cited) + (f"; and {more} more signal(s)." if more > 0 else ".")
            )
        else:
            parts.append(f"Evidence: no signal in scope in {view.jurisdiction}.")
        if view.out_of_scope:
            names = sorted({_organisation(s) or s.detector for s in view.out_of_scope})
            parts.append(
                f"Not counted in {view.jurisdiction}: {len(view.out_of_scope)} signal(s) naming "
                f"organisations not designated here on {view.day.isoformat()} ({', '.join(names)})."
            )
        if shadow_hits:
            parts.append(
                "Shadow rules that held (not enforced): "
                + ", ".join(f"{h.rule} ({h.action}, {h.reason_code})" for h in shadow_hits)
                + "."
            )
        for error in errors:
            parts.append(_sentence(error[0].upper() + error[1:]))
        return " ".join(parts)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _organisation(signal: Signal) -> str | None:
    name = signal.evidence.get("organisation") if isinstance(signal.evidence, Mapping) else None
    return name if isinstance(name, str) and name else None


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SPAN_CHARS else text[: SPAN_CHARS - 1].rstrip() + "…"


def _cite(scoped: _Scoped, original: str) -> str:
    signal = scoped.signal
    out = f"{signal.category} {signal.score:.2f} by {signal.detector}"
    spans = [
        f"'{_quote(span.text(original))}' [{span.start}:{span.end}]"
        for span in signal.spans[:RATIONALE_SPANS]
        if span.end <= len(original)
    ]
    if spans:
        out += " — " + ", ".join(spans)
        if len(signal.spans) > RATIONALE_SPANS:
            out += f" (+{len(signal.spans) - RATIONALE_SPANS} more span(s))"
    if scoped.designated:
        organisation = _organisation(signal)
        listings = ", ".join(
            f"{d.get('list')} since {d.get('date_listed')}" if d.get("date_listed") else str(d.get("list"))
            for d in scoped.in_force
        )
        out += f" ({organisation + ': ' if organisation else ''}designated {listings})"
    return out
