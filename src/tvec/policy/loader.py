"""Read a policy file and report every problem in it with its file, line and YAML path.

Policy authors edit YAML by hand, so a check that stops at the first error, or says "rules.3"
without a line, costs them a round trip per mistake. The file is composed into YAML nodes
(which keep their line numbers), turned into plain data with a path -> line map, and then
checked in three independent passes whose results are merged: CEL conditions (syntax, unknown
variables and categories, a trial run), cross-field rules (duplicate ids, undeclared
jurisdictions) and the pydantic schema (unknown and missing keys, bad actions and types).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tvec.errors import PolicyError
from tvec.policy import conditions
from tvec.policy.model import DefaultOutcome, Jurisdiction, Policy, Rule, cross_check

YamlPath = tuple[str | int, ...]

DEFAULT_POLICY_RESOURCE = "default.yaml"


@dataclass(frozen=True)
class PolicyIssue:
    """One problem in a policy file. ``location`` is ``FILE:LINE YAML.PATH``."""

    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def default_policy_path() -> Path:
    """Where the shipped default policy lives (inside the installed package)."""
    return Path(str(resources.files("tvec.policy").joinpath(DEFAULT_POLICY_RESOURCE)))


def format_path(path: YamlPath) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


class _Located:
    """Plain data from YAML nodes plus the line of every key and item, by YAML path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: dict[YamlPath, int] = {}
        self.issues: list[PolicyIssue] = []
        self._constructor = SafeConstructor()

    def issue(self, path: YamlPath, message: str) -> None:
        line = self.line_of(path)
        where = f"{self.source}:{line}" if line is not None else self.source
        self.issues.append(PolicyIssue(f"{where} {format_path(path)}", message, line))

    def line_of(self, path: YamlPath) -> int | None:
        """The line of ``path`` or of its nearest ancestor present (a missing key's parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def build(self, node: Node, path: YamlPath) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    self.lines.setdefault((*path, "?"), key_node.start_mark.line + 1)
                    self.issue((*path, "?"), "mapping keys must be plain strings")
                    continue
                key = str(key_node.value)  # raw text: a jurisdiction 'NO' must not become False
                child = (*path, key)
                if key in out:
                    self.lines[child] = key_node.start_mark.line + 1
                    self.issue(child, f"duplicate key '{key}'")
                    continue
                self.lines[child] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, child)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._constructor.construct_object(node, deep=True)


def _model_at(path: YamlPath) -> type[BaseModel] | None:
    """The schema model that describes the mapping at ``path``, to list its allowed keys."""
    if not path:
        return Policy
    if len(path) == 2 and path[0] == "jurisdictions":
        return Jurisdiction
    if len(path) == 2 and path[0] == "rules":
        return Rule
    if path == ("default",):
        return DefaultOutcome
    return None


def _schema_message(error: dict[str, Any]) -> str:
    loc: YamlPath = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = f" (allowed: {', '.join(model.model_fields)})" if model else ""
        return f"unknown key '{loc[-1]}'{allowed}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind in {"enum", "literal_error", "string_pattern_mismatch", "string_type", "int_type"}:
        return f"invalid value {error.get('input')!r}: {message}"
    return message


def _check_data(data: Any, located: _Located) -> Policy | None:
    if not isinstance(data, dict):
        located.issue((), "a policy must be a mapping with version, name, jurisdictions, rules, default")
        return None
    rules = data.get("rules")
    if isinstance(rules, list):
        for index, rule in enumerate(rules):
            if isinstance(rule, dict) and isinstance(rule.get("when"), str):
                for problem in conditions.check(rule["when"]):
                    located.issue(("rules", index, "when"), problem)
        raw_jurisdictions = data.get("jurisdictions")
        rule_maps = [rule if isinstance(rule, dict) else {} for rule in rules]
        checks = cross_check(
            [rule.get("id") for rule in rule_maps],
            [
                rule.get("jurisdictions") if isinstance(raw_jurisdictions, dict) else None
                for rule in rule_maps
            ],
            raw_jurisdictions.keys() if isinstance(raw_jurisdictions, dict) else [],
        )
        for (index, key), message in checks:
            located.issue(("rules", index, key), message)
    try:
        policy = Policy.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            loc: YamlPath = tuple(item["loc"])
            if not loc:
                continue  # the cross-field check, already reported above with locations
            if loc[0] == "rules" and loc[-1] == "when" and item["type"] == "value_error":
                continue  # CEL problems, already reported one by one above
            located.issue(loc, _schema_message(item))
        return None
    return policy if not located.issues else None


def _check_bytes(content: bytes, source: str) -> tuple[Policy | None, list[PolicyIssue]]:
    located = _Located(source)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [PolicyIssue(source, f"not UTF-8 text ({error.reason} at byte {error.start})")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = str(error.problem or error.context or "invalid YAML")
        if error.context and error.problem:
            started = error.context_mark
            where = f" (started at line {started.line + 1})" if started and started is not mark else ""
            problem = f"{error.problem}, {error.context}{where}"
        if mark is None:
            return None, [PolicyIssue(source, f"YAML syntax error: {problem}")]
        line = mark.line + 1
        return None, [
            PolicyIssue(f"{source}:{line}:{mark.column + 1}", f"YAML syntax error: {problem}", line)
        ]
    except yaml.YAMLError as error:
        return None, [PolicyIssue(source, f"YAML error: {error}")]
    if root is None:
        return None, [PolicyIssue(source, "empty policy file")]
    try:
        data = located.build(root, ())
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark else None
        where = f"{source}:{line}" if line else source
        return None, [PolicyIssue(where, f"YAML value error: {error.problem}", line)]
    policy = _check_data(data, located)
    issues = sorted(located.issues, key=lambda issue: issue.line or 0)
    if policy is not None:
        policy.with_source(source, content)
    return policy, issues


def check_policy_file(path: Path) -> list[PolicyIssue]:
    """Every problem of the policy file at ``path``, each with its location; [] when it is valid."""
    try:
        content = Path(path).read_bytes()
    except OSError as error:
        return [PolicyIssue(str(path), f"cannot read policy file: {error.strerror or error}")]
    return _check_bytes(content, str(path))[1]


def load_policy(path: Path | None = None) -> Policy:
    """The policy at ``path`` (the shipped default when None); raises PolicyError listing ALL problems."""
    if path is None:
        resource = resources.files("tvec.policy").joinpath(DEFAULT_POLICY_RESOURCE)
        source = str(default_policy_path())
        try:
            content = resource.read_bytes()
        except OSError as error:
            raise PolicyError(source, [f"cannot read the shipped default policy: {error}"]) from error
    else:
        source = str(path)
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            raise PolicyError(source, [f"cannot read policy file: {error.strerror or error}"]) from error
    policy, issues = _check_bytes(content, source)
    if issues or policy is None:
        raise PolicyError(source, [str(issue) for issue in issues] or ["invalid policy"])
    return policy
