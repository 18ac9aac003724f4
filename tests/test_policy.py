"""Policy as code: loading, validation with locations, and decisions on synthetic signals.

Signals here are built by hand (the classifier arrives later), with generic placeholder names
("Group X") and templated sentences, so the rules are tested independently of any detector.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tvec.errors import PolicyError, TvecError
from tvec.policy import (
    PolicyEngine,
    check_policy_file,
    default_policy_path,
    designation_in_force,
    load_policy,
)
from tvec.policy.cli import policy as policy_cli
from tvec.types import CONTEXT_CATEGORIES, Action, Category, Document, Signal, Span

TEXT = (
    "Statement number 12. Group X calls on people to attend the rally on Friday. "
    "Issued by the Central Media Office of Group X."
)
SIGNOFF = "Central Media Office of Group X"
DAY = dt.date(2025, 6, 1)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _designation(
    listing: str, date_listed: str = "2024-01", status: str = "active", revoked: str = ""
) -> dict:
    return {"list": listing, "status": status, "date_listed": date_listed, "date_revoked": revoked}


def _org(category: Category, designations: list[dict], score: float = 0.95, part: str = SIGNOFF) -> Signal:
    return Signal(
        detector="organisations",
        category=category,
        score=score,
        spans=(_span(TEXT, part),),
        evidence={"organisation": "Group X", "designations": designations},
    )


def _plain(category: Category, score: float, part: str | None = None) -> Signal:
    spans = (_span(TEXT, part),) if part else ()
    return Signal(detector="synthetic", category=category, score=score, spans=spans)


def _known(score: float, part: str, *, coverage: float, whole: bool = False) -> Signal:
    evidence = {"match": "near_duplicate", "coverage": coverage, "whole_document": whole}
    return Signal("banks", Category.KNOWN_CONTENT, score, (_span(TEXT, part),), evidence)


def test_known_content_is_removed_only_when_it_is_most_of_the_text(engine: PolicyEngine) -> None:
    repost = _decide(engine, [_known(0.95, "Group X calls on people", coverage=0.8)])["UK"]
    assert (repost.action, repost.rule) == (Action.REMOVE, "known-content-near-duplicate")
    quoted = _decide(engine, [_known(0.95, "Group X calls on people", coverage=0.2)])["UK"]
    assert (quoted.action, quoted.rule) == (Action.REVIEW, "known-content-in-context")
    exact = _decide(engine, [_known(1.0, "Group X calls on people", coverage=0.1, whole=True)])["UK"]
    assert exact.action is Action.REMOVE
    partial = _decide(engine, [_known(0.7, "Group X calls on people", coverage=0.9)])["UK"]
    assert (partial.action, partial.rule) == (Action.REVIEW, "known-content-partial")


def _decide(engine: PolicyEngine, signals: list[Signal], jurisdictions=("UK",), as_of=DAY, text=TEXT):
    return {
        d.jurisdiction: d for d in engine.decide(Document("doc-1", text), signals, list(jurisdictions), as_of)
    }


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def _write_policy(tmp_path: Path, rules: str, name: str = "custom.yaml") -> Path:
    body = (
        textwrap.dedent(
            """\
        version: 1
        name: test-policy
        jurisdictions:
          UK: {lists: [UK]}
          EU: {lists: [EU, UN]}
        rules:
        """
        )
        + textwrap.indent(textwrap.dedent(rules), "  ")
        + "default: {action: allow, reason_code: TVEC_NO_VIOLATION}\n"
    )
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- loading


def test_default_policy_loads_and_is_valid() -> None:
    policy = load_policy()
    assert policy.name == "tvec-default" and policy.version == 1
    assert set(policy.jurisdictions) == {"UK", "EU", "US", "IN", "PK", "UN"}
    assert policy.jurisdictions["EU"].lists == ["EU", "UN"]
    ids = [rule.id for rule in policy.rules]
    assert ids[0] == "known-content-near-duplicate" and "designated-org-publication" in ids
    assert [r.id for r in policy.rules if r.shadow] == ["designated-org-mention"]
    assert policy.default.action is Action.ALLOW
    assert Path(policy.source) == default_policy_path()
    assert re.fullmatch(r"tvec-default@1\+[0-9a-f]{12}", policy.version_label)
    assert check_policy_file(default_policy_path()) == []


def test_default_policy_never_removes_in_context() -> None:
    """Structural guard: every `remove` rule of the shipped policy demands context < 0.5."""
    for rule in load_policy().rules:
        if rule.action is Action.REMOVE:
            assert "context < 0.5" in rule.when, rule.id


def test_every_default_rule_has_a_comment() -> None:
    lines = default_policy_path().read_text(encoding="utf-8").splitlines()
    rule_lines = [i for i, line in enumerate(lines) if line.strip().startswith("- id:")]
    assert len(rule_lines) == len(load_policy().rules)
    for index in rule_lines:
        assert lines[index - 1].strip().startswith("#"), lines[index]


def test_policy_version_changes_with_the_file(tmp_path: Path) -> None:
    rule = """\
        - id: r1
          description: Test rule.
          when: 'violating >= 0.9'
          action: review
          reason_code: TVEC_TEST
        """
    first = load_policy(_write_policy(tmp_path, rule, "a.yaml"))
    second = load_policy(_write_policy(tmp_path, rule.replace("0.9", "0.8"), "b.yaml"))
    assert first.version_label != second.version_label
    assert first.version_label.startswith("test-policy@1+")


# ----------------------------------------------------------------------------- validation

MALFORMED = """\
version: 1
name: broken
colour: blue
jurisdictions:
  UK: {lists: [UK]}
rules:
  - id: first
    description: A rule with an unknown action.
    when: 'violating >= 0.9'
    action: obliterate
    reason_code: TVEC_A
  - id: first
    description: Duplicate id and CEL that does not parse.
    when: 'violating >= 0.9 &&'
    action: review
    reason_code: TVEC_B
  - id: third
    description: Unknown category, unknown variable and unknown jurisdiction.
    when: 'score.incitment >= 0.5 || foo > 1.0'
    action: label
    reason_code: TVEC_C
    jurisdictions: [UK, XX]
  - id: fourth
    when: 'score.incitement == 1'
    action: review
    reason_code: TVEC_D
default: {action: allow, reason_code: TVEC_NO_VIOLATION}
"""


def test_check_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(MALFORMED, encoding="utf-8")
    issues = check_policy_file(path)
    found = {(issue.line, issue.location.split(" ", 1)[1]): issue.message for issue in issues}
    expected = {
        (3, "colour"): "unknown key 'colour'",
        (10, "rules[0].action"): "invalid value 'obliterate'",
        (12, "rules[1].id"): "duplicate rule id 'first'",
        (14, "rules[1].when"): "CEL syntax error at line 1, column 18",
        (22, "rules[2].jurisdictions"): "unknown jurisdiction 'XX'",
        (23, "rules[3].description"): "missing required key 'description'",
        (24, "rules[3].when"): "write scores as 1.0",
    }
    for key, fragment in expected.items():
        assert key in found, (key, issues)
        assert fragment in found[key]
    cel_problems = [i.message for i in issues if i.location.endswith("rules[2].when")]
    assert any("unknown category 'score.incitment'" in m for m in cel_problems)
    assert any("unknown variable 'foo'" in m for m in cel_problems)
    assert all(issue.location.startswith(f"{path}:{issue.line} ") for issue in issues)
    assert len(issues) == len(expected) + 2

    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    assert len(raised.value.issues) == len(issues)
    assert raised.value.source == str(path)


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "syntax.yaml"
    path.write_text("version: 1\nname: x\n  bad: indent\n", encoding="utf-8")
    (issue,) = check_policy_file(path)
    assert issue.location == f"{path}:3:6"
    assert "YAML syntax error" in issue.message


def test_missing_and_empty_files_are_issues_not_crashes(tmp_path: Path) -> None:
    (missing,) = check_policy_file(tmp_path / "absent.yaml")
    assert "cannot read" in missing.message
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    assert "empty" in check_policy_file(tmp_path / "empty.yaml")[0].message
    with pytest.raises(PolicyError):
        load_policy(tmp_path / "absent.yaml")


# ----------------------------------------------------------------------------- scoping and time


def test_org_designated_in_one_jurisdiction_only(engine: PolicyEngine) -> None:
    signals = [_org(Category.ATTRIBUTION, [_designation("UK", "2024-01")])]
    decisions = _decide(engine, signals, ("UK", "EU", "US"))
    uk = decisions["UK"]
    assert uk.action is Action.REVIEW and uk.rule == "designated-org-publication"
    assert uk.reason_code == "TVEC_DESIGNATED_ORG_PUBLICATION"
    assert uk.categories[0] == "proscribed_support" and "attribution" in uk.categories
    for code in ("EU", "US"):
        assert decisions[code].action is Action.ALLOW and decisions[code].rule is None
        assert decisions[code].signals == tuple(signals)  # kept for transparency
        assert "Not counted in" in decisions[code].rationale
    assert all(d.policy_version == engine.policy.version_label for d in decisions.values())


def test_eu_counts_un_listings(engine: PolicyEngine) -> None:
    signals = [_org(Category.ATTRIBUTION, [_designation("UN", "2001-10")])]
    decisions = _decide(engine, signals, ("EU", "UK", "UN"))
    assert decisions["EU"].action is Action.REVIEW
    assert decisions["UN"].action is Action.REVIEW
    assert decisions["UK"].action is Action.ALLOW


def test_listing_date_is_respected(engine: PolicyEngine) -> None:
    signals = [_org(Category.ATTRIBUTION, [_designation("UK", "2024-03-15")])]
    assert _decide(engine, signals, as_of=dt.date(2024, 3, 14))["UK"].action is Action.ALLOW
    assert _decide(engine, signals, as_of=dt.date(2024, 3, 15))["UK"].action is Action.REVIEW


def test_revoked_designation_stops_counting(engine: PolicyEngine) -> None:
    signals = [_org(Category.ATTRIBUTION, [_designation("UK", "2001-03", "revoked", "2025-10")])]
    assert _decide(engine, signals, as_of=dt.date(2025, 10, 1))["UK"].action is Action.REVIEW
    assert _decide(engine, signals, as_of=dt.date(2025, 11, 1))["UK"].action is Action.ALLOW


@pytest.mark.parametrize(
    ("designation", "as_of", "expected"),
    [
        (_designation("UK", ""), dt.date(1990, 1, 1), True),  # unknown listing date: in force
        (_designation("UK", "2024"), dt.date(2023, 12, 31), False),
        (_designation("UK", "2024"), dt.date(2024, 1, 1), True),
        (_designation("UK", "2024-05"), dt.date(2024, 4, 30), False),
        (_designation("UK", "2024-05"), dt.date(2024, 5, 1), True),
        (_designation("UK", "2001", "revoked", ""), dt.date(2024, 1, 1), False),  # revoked, no date
        (_designation("UK", "2001", "revoked", "2025-10-14"), dt.date(2025, 10, 13), True),
        (_designation("UK", "2001", "revoked", "2025-10-14"), dt.date(2025, 10, 14), False),
        (_designation("UK", "2001", "revoked", "2025"), dt.date(2025, 12, 30), True),
        (_designation("UK", "2001", "revoked", "2025"), dt.date(2026, 1, 1), False),
    ],
)
def test_designation_in_force(designation: dict, as_of: dt.date, expected: bool) -> None:
    assert designation_in_force(designation, as_of) is expected


def test_signals_without_designations_count_everywhere(engine: PolicyEngine) -> None:
    signals = [_plain(Category.INCITEMENT, 0.7, "calls on people to attend the rally")]
    decisions = _decide(engine, signals, ("UK", "EU", "PK"))
    assert {d.action for d in decisions.values()} == {Action.REVIEW}
    assert {d.rule for d in decisions.values()} == {"violating-possible"}


def test_unknown_jurisdiction_is_an_error(engine: PolicyEngine) -> None:
    with pytest.raises(TvecError) as raised:
        engine.decide(Document("d", TEXT), [], ["UK", "XX"])
    message = str(raised.value)
    assert "'XX'" in message and "UK" in message and "PK" in message


# ----------------------------------------------------------------------------- rules


def test_shadow_rules_are_recorded_but_never_decide(engine: PolicyEngine) -> None:
    mention = _org(Category.ORGANISATION_MENTION, [_designation("UK")], score=0.9, part="Group X")
    only_mention = _decide(engine, [mention])["UK"]
    assert only_mention.action is Action.ALLOW and only_mention.rule is None
    assert [(h.rule, h.action, h.shadow) for h in only_mention.shadow_hits] == [
        ("designated-org-mention", Action.LABEL, True)
    ]
    assert "Shadow rules that held" in only_mention.rationale
    # Shadow rules are still evaluated after an enforced rule has decided.
    with_signoff = _decide(engine, [mention, _org(Category.ATTRIBUTION, [_designation("UK")])])["UK"]
    assert with_signoff.rule == "designated-org-publication"
    assert [h.rule for h in with_signoff.shadow_hits] == ["designated-org-mention"]
    # A mention of an organisation not designated here fires nothing at all.
    assert _decide(engine, [mention], ("US",))["US"].shadow_hits == ()


def test_first_enforced_rule_decides(engine: PolicyEngine) -> None:
    known = _known(0.97, "Group X calls on people", coverage=0.9)
    violating = _plain(Category.INCITEMENT, 0.95, "calls on people to attend the rally")
    decision = _decide(engine, [violating, known])["UK"]
    assert (decision.action, decision.rule) == (Action.REMOVE, "known-content-near-duplicate")
    assert decision.categories[0] == "known_content" and "incitement" in decision.categories
    assert _decide(engine, [violating])["UK"].rule == "violating-high-confidence"


def test_rule_order_in_a_custom_policy(tmp_path: Path) -> None:
    rules = """\
        - id: broad
          description: Holds for any violating score.
          when: 'violating > 0.1'
          action: label
          reason_code: TVEC_BROAD
        - id: narrow
          description: Would be stricter, but comes second.
          when: 'violating > 0.5'
          action: remove
          reason_code: TVEC_NARROW
        """
    engine = PolicyEngine(load_policy(_write_policy(tmp_path, rules)))
    decision = _decide(engine, [_plain(Category.GLORIFICATION, 0.9)])["UK"]
    assert (decision.rule, decision.action) == ("broad", Action.LABEL)


def test_rule_limited_to_jurisdictions(tmp_path: Path) -> None:
    rules = """\
        - id: uk-only
          description: Only in the UK.
          when: 'violating > 0.1'
          action: review
          reason_code: TVEC_UK
          jurisdictions: [UK]
        """
    engine = PolicyEngine(load_policy(_write_policy(tmp_path, rules)))
    decisions = _decide(engine, [_plain(Category.RECRUITMENT, 0.9)], ("UK", "EU"))
    assert decisions["UK"].rule == "uk-only" and decisions["EU"].rule is None


@pytest.mark.parametrize("context", sorted(CONTEXT_CATEGORIES))
def test_attribution_with_context_is_reviewed_not_removed(engine: PolicyEngine, context: str) -> None:
    signals = [
        _org(Category.ATTRIBUTION, [_designation("UK")]),
        _plain(Category(context), 0.8),
        _plain(Category.INCITEMENT, 0.9, "calls on people to attend the rally"),
    ]
    decision = _decide(engine, signals)["UK"]
    assert decision.action is Action.REVIEW and decision.rule == "violating-in-context"


def test_default_policy_never_removes_when_context_is_present(engine: PolicyEngine) -> None:
    """Over a grid of synthetic signals, context >= 0.5 never leads to removal."""
    levels = (0.0, 0.6, 0.9, 1.0)
    checked = 0
    for known, violating, attribution, context in itertools.product(levels, levels, levels, (0.5, 0.8)):
        signals = [
            _plain(Category.KNOWN_CONTENT, known),
            _plain(Category.GLORIFICATION, violating),
            _org(Category.ATTRIBUTION, [_designation("UK")], score=attribution),
            _plain(Category.NEWS_REPORTING, context),
        ]
        decision = _decide(engine, signals)["UK"]
        assert decision.action is not Action.REMOVE, (known, violating, attribution, context)
        checked += 1
    assert checked == 128


def test_rationale_quotes_the_original_span(engine: PolicyEngine) -> None:
    signals = [_org(Category.ATTRIBUTION, [_designation("UK", "2024-01")])]
    rationale = _decide(engine, signals)["UK"].rationale
    start = TEXT.index(SIGNOFF)
    assert rationale.startswith(
        "review under rule designated-org-publication (TVEC_DESIGNATED_ORG_PUBLICATION):"
    )
    assert f"attribution 0.95 by organisations — '{SIGNOFF}' [{start}:{start + len(SIGNOFF)}]" in rationale
    assert "designated UK since 2024-01" in rationale


def test_rationale_truncates_long_spans(engine: PolicyEngine) -> None:
    text = "Group X calls on people to attend the rally. " * 10
    signal = Signal("synthetic", Category.INCITEMENT, 0.7, (Span(0, len(text)),))
    rationale = _decide(engine, [signal], text=text)["UK"].rationale
    assert "Group X calls on people" in rationale and "…" in rationale
    assert len(rationale) < 600


def test_cel_runtime_error_does_not_stop_the_scan(tmp_path: Path) -> None:
    rules = """\
        - id: needs-similarity
          description: Reads an evidence key that some signals lack.
          when: 'signals.exists(s, s.evidence.similarity > 0.5)'
          action: remove
          reason_code: TVEC_SIMILAR
        - id: fallback
          description: Any violating score.
          when: 'violating > 0.1'
          action: review
          reason_code: TVEC_FALLBACK
        """
    engine = PolicyEngine(load_policy(_write_policy(tmp_path, rules)))
    decision = _decide(engine, [_plain(Category.INCITEMENT, 0.4)])["UK"]
    assert (decision.rule, decision.action) == ("fallback", Action.REVIEW)
    assert "rule needs-similarity could not be evaluated" in decision.rationale.lower()
    assert "similarity" in decision.rationale
    assert engine.stats.errors == 1
    with_key = Signal("banks", Category.KNOWN_CONTENT, 0.6, evidence={"similarity": 0.8})
    assert _decide(engine, [with_key])["UK"].rule == "needs-similarity"


def test_activation_variables(tmp_path: Path) -> None:
    rules = """\
        - id: reads-everything
          description: Uses every variable of the activation.
          when: >-
            jurisdiction == "UK" && score.scholarship == 0.0 && context == 0.0
            && violating >= 0.5 && size(signals) == 2 && size(designated) == 1
            && designated[0].designated && designated[0].evidence.organisation == "Group X"
            && doc.id == "doc-1" && doc.length > 10 && doc.lang == ""
          action: review
          reason_code: TVEC_ALL
        """
    engine = PolicyEngine(load_policy(_write_policy(tmp_path, rules)))
    signals = [
        _org(Category.ATTRIBUTION, [_designation("UK")]),
        _plain(Category.DEHUMANISATION, 0.5),
        _org(Category.ORGANISATION_MENTION, [_designation("US")], part="Group X"),  # out of scope in UK
    ]
    decisions = _decide(engine, signals, ("UK", "EU"))
    assert decisions["UK"].rule == "reads-everything"
    assert decisions["EU"].rule is None


def test_memoised_rules_still_see_each_document(tmp_path: Path) -> None:
    rules = """\
        - id: threshold
          description: Score threshold (arithmetic keeps it on cel-python, where the memo works).
          when: 'score.incitement * 1.0 >= 0.7'
          action: review
          reason_code: TVEC_T
        """
    engine = PolicyEngine(load_policy(_write_policy(tmp_path, rules)))
    assert engine._rules[0].condition.compiled is None
    outcomes = [
        _decide(engine, [_plain(Category.INCITEMENT, score)])["UK"].action
        for score in (0.1, 0.9, 0.1, 0.9, 0.69, 0.7)
    ]
    assert outcomes == [Action.ALLOW, Action.REVIEW, Action.ALLOW, Action.REVIEW, Action.ALLOW, Action.REVIEW]
    assert engine.stats.memo_hits == 2 and engine.stats.evaluations == 4


def test_policy_with_bad_cel_built_in_code_is_rejected() -> None:
    from pydantic import ValidationError

    from tvec.policy import Policy

    with pytest.raises(ValidationError):
        Policy.model_validate(
            {
                "version": 1,
                "name": "inline",
                "jurisdictions": {"UK": {"lists": ["UK"]}},
                "rules": [
                    {
                        "id": "x",
                        "description": "d",
                        "when": "score.nope > 0.5",
                        "action": "review",
                        "reason_code": "T",
                    }
                ],
                "default": {"action": "allow", "reason_code": "T"},
            }
        )


def test_interpreter_fallback_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """When cel-python's parser singleton builds plain trees (another Environment came first),
    conditions run on the interpreter instead of the transpiler, with the same results."""
    import celpy
    from celpy.celparser import CELParser

    from tvec.policy.conditions import Condition, neutral_activation

    transpiled = Condition("violating < 0.5 && size(signals) == 0")
    monkeypatch.setattr(CELParser, "CEL_PARSER", None)
    celpy.Environment()  # builds the singleton with plain lark trees
    interpreted = Condition("violating < 0.5 && size(signals) == 0")
    assert transpiled._lock is not None and interpreted._lock is None
    assert transpiled.evaluate(neutral_activation()) is interpreted.evaluate(neutral_activation()) is True


def test_concurrent_decisions_match_sequential_ones(engine: PolicyEngine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    cases = [
        [
            _plain(Category.INCITEMENT, (i * 7 % 100) / 100),
            _plain(Category.COUNTER_SPEECH, (i * 13 % 100) / 100),
            _org(Category.ATTRIBUTION, [_designation("UK" if i % 2 else "US")], score=0.85),
        ]
        for i in range(120)
    ]

    def run(signals: list[Signal]) -> list[tuple]:
        return [(d.jurisdiction, d.action, d.rule) for d in _decide(engine, signals, ("UK", "US")).values()]

    sequential = [run(signals) for signals in cases]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, so that an unguarded race shows up
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(run, cases)) == sequential
    finally:
        sys.setswitchinterval(interval)


# ----------------------------------------------------------------------------- CLI


def test_cli_check(tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(policy_cli, ["check", str(default_policy_path())])
    assert good.exit_code == 0, good.output
    assert good.output.startswith("OK") and "9 rule(s)" in good.output
    bad_path = tmp_path / "broken.yaml"
    bad_path.write_text(MALFORMED, encoding="utf-8")
    bad = runner.invoke(policy_cli, ["check", str(bad_path)])
    assert bad.exit_code == 1
    assert f"{bad_path}:10 rules[0].action" in bad.output
    assert f"{bad_path}:14 rules[1].when" in bad.output


def test_cli_show(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TVEC_POLICY_PATH", raising=False)
    result = CliRunner().invoke(policy_cli, ["show"])
    assert result.exit_code == 0, result.output
    assert str(default_policy_path()) in result.output.replace("\n", "")
    for rule in load_policy().rules:
        assert rule.id in result.output


# ----------------------------------------------------------------------------- cost


@pytest.mark.slow
def test_policy_cost_per_document(engine: PolicyEngine) -> None:
    import time

    local = PolicyEngine(engine.policy)
    documents = [
        [
            _plain(Category.INCITEMENT, (i % 97) / 100),
            _plain(Category.NEWS_REPORTING, (i % 89) / 100),
            _org(Category.ATTRIBUTION, [_designation("UK")], score=0.8 + (i % 19) / 100),
        ]
        for i in range(300)
    ]
    started = time.perf_counter()
    for signals in documents:
        _decide(local, signals, ("UK", "EU"))
    elapsed = time.perf_counter() - started
    per_evaluation = local.stats.cel_seconds / local.stats.evaluations
    assert per_evaluation < 0.001, local.stats.summary()
    assert elapsed / len(documents) < 0.02, local.stats.summary()
