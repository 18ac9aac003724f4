"""Policy conditions compiled to Python closures (tvec.policy.compiled) answer exactly what
cel-python answers, or hand the activation back to it."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from tvec.policy import PolicyEngine, load_policy
from tvec.policy.compiled import Fallback, to_plain
from tvec.policy.conditions import Condition, to_cel
from tvec.types import Category, Document, Signal

CONDITIONS = [
    "score.incitement >= 0.5 && !(context > 0.2)",
    'jurisdiction == "UK" || violating < 0.1',
    "size(signals) == 2",
    'signals.exists(s, s.category == "attribution" && s.score >= 0.8)',
    "signals.all(s, s.score > 0.1)",
    'signals.exists(s, "whole_document" in s.evidence && s.evidence.whole_document)',
    "signals.exists(s, s.evidence.coverage >= 0.6)",
    'signals.exists(s, ("coverage" in s.evidence && s.evidence.coverage >= 0.6) || s.score > 0.9)',
    'doc.length > 10 && doc.lang == ""',
    'score["incitement"] > 0.5',
    "designated[0].designated",
    "violating > 0.5 ? context < 0.5 : false",
    "-0.5 < violating",
    "score.incitement == 1.0 || score.incitement != 0.0",
    'doc.id.startsWith("d") && doc.id.contains("1") && !doc.id.endsWith("x")',
    'signals.exists(s, "UK" in s.evidence.lists)',
    "signals.exists(s, s.evidence.count > 1)",
    "signals.exists(s, s.evidence.nested.flag)",
    "size(designated) >= 1 && designated.exists(s, s.score >= 0.8)",
]


def _random_evidence(rng: random.Random) -> dict[str, Any]:
    evidence: dict[str, Any] = {}
    for key, make in (
        ("whole_document", lambda: rng.choice([True, False, 1, "yes"])),
        ("coverage", lambda: rng.choice([0.5, 0.7, 1, "0.9", None])),
        ("lists", lambda: rng.choice([["UK", "EU"], ["US"], ["UK", 3], []])),
        ("count", lambda: rng.choice([0, 2, 2.5, True])),
        ("nested", lambda: {"flag": rng.choice([True, False, 0])}),
    ):
        if rng.random() < 0.5:
            evidence[key] = make()
    return evidence


def _random_variables(rng: random.Random) -> dict[str, Any]:
    categories = [str(c) for c in Category]
    signals = [
        {
            "detector": rng.choice(["classifier", "organisations"]),
            "category": rng.choice(categories),
            "score": rng.choice([0.0, 0.3, 0.6, 0.85, 0.95, 1.0]),
            "designated": rng.random() < 0.3,
            "evidence": _random_evidence(rng),
        }
        for _ in range(rng.randint(0, 3))
    ]
    score = {c: rng.choice([0.0, 0.2, 0.5, 0.7, 1.0]) for c in categories}
    return {
        "jurisdiction": rng.choice(["UK", "EU"]),
        "signals": signals,
        "designated": [s for s in signals if s["designated"]],
        "score": score,
        "violating": max(score.values()),
        "context": min(score.values()),
        "doc": {"id": rng.choice(["doc-1", "d2", "x"]), "length": rng.randint(0, 30), "lang": rng.choice(["", "en"])},
    }


@pytest.mark.parametrize("source", CONDITIONS)
def test_compiled_conditions_agree_with_cel(source: str) -> None:
    condition = Condition(source)
    assert condition.compiled is not None, source
    rng = random.Random(source)
    answered = 0
    for _ in range(300):
        variables = _random_variables(rng)
        try:
            fast = condition.evaluate_compiled({k: to_plain(v) for k, v in variables.items()})
        except Fallback:
            continue
        answered += 1
        assert condition.evaluate({k: to_cel(v) for k, v in variables.items()}) is fast, (source, variables)
    assert answered > 0, f"the fast path never answered {source!r}"


@pytest.mark.parametrize("source", ["score.incitement == 1", "violating", "score.incitement > 0.5 && doc.length"])
def test_cel_errors_are_left_to_cel(source: str) -> None:
    """Mixed int/double, a non-bool result: the closure never answers, cel-python says why."""
    from tvec.policy.conditions import ConditionError

    condition = Condition(source)
    variables = _random_variables(random.Random(1))
    variables["score"]["incitement"] = 0.9
    with pytest.raises(Fallback):
        condition.evaluate_compiled({k: to_plain(v) for k, v in variables.items()})
    with pytest.raises(ConditionError):
        condition.evaluate({k: to_cel(v) for k, v in variables.items()})


@pytest.mark.parametrize("source", ["score.incitement * 2.0 > 1.0", "[1, 2].size() == 2", "null == doc.lang",
                                    'signals.map(s, s.score).size() > 0', 'doc.id == "a\\"b"'])
def test_constructs_outside_the_subset_stay_on_cel(source: str) -> None:
    assert Condition(source).compiled is None


def test_default_policy_conditions_are_all_compiled() -> None:
    engine = PolicyEngine(load_policy())
    assert all(rule.condition.compiled is not None for rule in engine._rules)


def _signal(rng: random.Random) -> Signal:
    category = rng.choice(list(Category))
    evidence: dict[str, Any] = _random_evidence(rng)
    if category in (Category.ATTRIBUTION, Category.ORGANISATION_MENTION) and rng.random() < 0.8:
        evidence["organisation"] = "Group X"
        evidence["designations"] = [
            {"list": rng.choice(["UK", "EU", "US"]), "status": rng.choice(["active", "revoked"]),
             "date_listed": rng.choice(["2001", "2030-01", ""]), "date_revoked": ""}
        ]
    return Signal(rng.choice(["classifier", "organisations", "banks"]), category, rng.random(), (), evidence)


def test_engine_decisions_equal_cel_only_decisions() -> None:
    policy = load_policy()
    fast = PolicyEngine(policy)
    reference = PolicyEngine(policy)
    for rule in reference._rules:
        rule.condition.compiled = None  # cel-python for everything
    rng = random.Random(7)
    for i in range(400):
        signals = [_signal(rng) for _ in range(rng.randint(0, 5))]
        document = Document(f"doc-{i}", "x" * rng.randint(1, 50))
        day = dt.date(2026, 1, 1)
        got = fast.decide(document, signals, ["UK", "EU", "US"], as_of=day)
        want = reference.decide(document, signals, ["UK", "EU", "US"], as_of=day)
        assert [d.to_dict() for d in got] == [d.to_dict() for d in want]
    assert fast.stats.cel_evaluations < fast.stats.evaluations / 10
    assert reference.stats.cel_evaluations == reference.stats.evaluations
