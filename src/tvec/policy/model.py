"""The policy file's schema as pydantic models.

The models are the single definition of what a policy may contain: unknown keys are rejected
(a misspelt ``jurisdiction:`` must not silently turn a rule global), actions and categories are
the enums of :mod:`tvec.types`, and every ``when`` is compiled and checked at validation time.
Cross-field rules (unique rule ids, rules naming only declared jurisdictions) are in
:func:`cross_check`, shared with the loader, which reports them with file locations.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from tvec.policy import conditions
from tvec.types import Action, Category

_CODE = r"^[A-Z][A-Z0-9_]*$"
_RULE_ID = r"^[a-z0-9][a-z0-9_.-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Jurisdiction(_Strict):
    """Which designation lists apply in one jurisdiction (codes as in signals' ``designations``)."""

    lists: list[str] = Field(min_length=1)
    description: str = ""

    @field_validator("lists")
    @classmethod
    def _list_codes(cls, value: list[str]) -> list[str]:
        bad = [code for code in value if not re.match(_CODE, code)]
        if bad:
            raise ValueError(f"list codes must be upper-case like 'UK' or 'UN', not {bad}")
        return value


class Rule(_Strict):
    """One ordered rule: when ``when`` holds, ``action`` with ``reason_code``."""

    id: str = Field(pattern=_RULE_ID)
    description: str = Field(min_length=1)
    when: str = Field(min_length=1)
    action: Action
    reason_code: str = Field(pattern=_CODE)
    mode: Literal["enforce", "shadow"] = "enforce"
    jurisdictions: list[str] | None = None
    categories: list[Category] | None = None

    @field_validator("when")
    @classmethod
    def _condition(cls, value: str) -> str:
        problems = conditions.check(value)
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @property
    def shadow(self) -> bool:
        return self.mode == "shadow"

    def applies_in(self, jurisdiction: str) -> bool:
        return self.jurisdictions is None or jurisdiction in self.jurisdictions


class DefaultOutcome(_Strict):
    """What happens when no enforced rule holds."""

    action: Action
    reason_code: str = Field(pattern=_CODE)
    description: str = ""


class Policy(_Strict):
    """A whole policy. ``source`` and ``digest`` say which file it came from, for audit."""

    version: Literal[1]
    name: str = Field(min_length=1)
    description: str = ""
    jurisdictions: dict[str, Jurisdiction] = Field(min_length=1)
    rules: list[Rule]
    default: DefaultOutcome

    _source: str = PrivateAttr(default="<memory>")
    _digest: str = PrivateAttr(default="")

    @field_validator("jurisdictions")
    @classmethod
    def _codes(cls, value: dict[str, Jurisdiction]) -> dict[str, Jurisdiction]:
        bad = [code for code in value if not re.match(_CODE, code)]
        if bad:
            raise ValueError(f"jurisdiction codes must be upper-case like 'UK', not {bad}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        problems = cross_check(
            [rule.id for rule in self.rules],
            [rule.jurisdictions for rule in self.rules],
            self.jurisdictions.keys(),
        )
        if problems:
            raise ValueError("; ".join(message for _, message in problems))
        return self

    def with_source(self, source: str, content: bytes) -> Policy:
        self._source = source
        self._digest = hashlib.sha256(content).hexdigest()
        return self

    @property
    def source(self) -> str:
        return self._source

    @property
    def digest(self) -> str:
        """sha256 of the file's bytes, or of the canonical JSON when built in memory."""
        if not self._digest:
            self._digest = hashlib.sha256(self.model_dump_json().encode()).hexdigest()
        return self._digest

    @property
    def version_label(self) -> str:
        """``name@version+sha12``: enough to tell which exact policy made a decision."""
        return f"{self.name}@{self.version}+{self.digest[:12]}"


def cross_check(
    rule_ids: Sequence[object],
    rule_jurisdictions: Sequence[object],
    jurisdictions: Sequence[str] | object,
) -> list[tuple[tuple[int, str], str]]:
    """Duplicate rule ids and rules naming undeclared jurisdictions, as ((rule index, key), message).

    Works on raw YAML values as well as on models, so the loader can locate each problem.
    """
    known = list(jurisdictions)  # type: ignore[call-overload]
    problems: list[tuple[tuple[int, str], str]] = []
    first_seen: dict[str, int] = {}
    for index, rule_id in enumerate(rule_ids):
        if not isinstance(rule_id, str):
            continue
        if rule_id in first_seen:
            problems.append(
                ((index, "id"), f"duplicate rule id '{rule_id}' (first used by rules[{first_seen[rule_id]}])")
            )
        else:
            first_seen[rule_id] = index
    for index, codes in enumerate(rule_jurisdictions):
        if not isinstance(codes, list):
            continue
        for code in codes:
            if isinstance(code, str) and code not in known:
                problems.append(
                    (
                        (index, "jurisdictions"),
                        f"unknown jurisdiction '{code}' (this policy defines: {', '.join(known) or 'none'})",
                    )
                )
    return problems
