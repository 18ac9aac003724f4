"""Policy as code: YAML rules with CEL conditions that turn signals into per-jurisdiction decisions.

``load_policy`` reads and validates a policy (the shipped ``default.yaml`` when no path is given),
``check_policy_file`` lists every problem of one with its location, and ``PolicyEngine`` applies
one to a document's signals. The variables a rule's ``when`` can use are documented in
:mod:`tvec.policy.engine` and at the top of ``default.yaml``.
"""

from tvec.policy.engine import EngineStats, PolicyEngine, designation_in_force
from tvec.policy.loader import PolicyIssue, check_policy_file, default_policy_path, load_policy
from tvec.policy.model import DefaultOutcome, Jurisdiction, Policy, Rule

__all__ = [
    "DefaultOutcome",
    "EngineStats",
    "Jurisdiction",
    "Policy",
    "PolicyEngine",
    "PolicyIssue",
    "Rule",
    "check_policy_file",
    "default_policy_path",
    "designation_in_force",
    "load_policy",
]
