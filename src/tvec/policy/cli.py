"""``tvec policy``: validate a policy file and show the policy in effect.

``check`` exists so a policy change can be gated in CI like code: it prints every problem with its
``FILE:LINE YAML.PATH`` and exits 1, or prints ``OK`` and what the policy contains.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tvec.errors import TvecError
from tvec.policy.loader import check_policy_file, default_policy_path, load_policy
from tvec.policy.model import Policy


def summary(policy: Policy) -> str:
    shadow = sum(rule.shadow for rule in policy.rules)
    return (
        f"{policy.name} v{policy.version} ({policy.version_label}): "
        f"{len(policy.jurisdictions)} jurisdiction(s) [{', '.join(policy.jurisdictions)}], "
        f"{len(policy.rules)} rule(s) ({len(policy.rules) - shadow} enforced, {shadow} shadow), "
        f"default {policy.default.action} ({policy.default.reason_code})"
    )


@click.group()
def policy() -> None:
    """Validate and inspect policies (YAML rules with CEL conditions)."""


@policy.command("check")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def check(file: Path) -> None:
    """Validate FILE: print every problem with its location; exit 1 if there is any."""
    issues = check_policy_file(file)
    if issues:
        for issue in issues:
            click.echo(str(issue))
        click.echo(f"{len(issues)} problem(s) in {file}", err=True)
        sys.exit(1)
    click.echo(f"OK {file}: {summary(load_policy(file))}")


@policy.command("show")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), required=False)
def show(file: Path | None) -> None:
    """Show the policy in effect (FILE, else TVEC_POLICY_PATH, else the shipped default)."""
    from tvec.settings import load_settings

    try:
        path = file or load_settings().policy_path
        loaded = load_policy(path)
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    console = Console(width=None if sys.stdout.isatty() else 160)
    origin = "given" if file else "TVEC_POLICY_PATH" if path else "shipped default"
    console.print(f"Policy file ({origin}): {path or default_policy_path()}", highlight=False, soft_wrap=True)
    console.print(summary(loaded), highlight=False, soft_wrap=True)

    places = Table(title="Jurisdictions", title_justify="left")
    for column in ("code", "designation lists", "description"):
        places.add_column(column)
    for code, jurisdiction in loaded.jurisdictions.items():
        places.add_row(*map(Text, (code, ", ".join(jurisdiction.lists), jurisdiction.description)))
    console.print(places)

    rules = Table(title="Rules (first enforced rule that holds decides)", title_justify="left")
    for column in ("#", "id", "mode", "action", "reason code", "where", "when"):
        rules.add_column(column, overflow="fold")
    for index, rule in enumerate(loaded.rules, 1):
        where = ", ".join(rule.jurisdictions) if rule.jurisdictions else "all"
        cells = (str(index), rule.id, rule.mode, str(rule.action), rule.reason_code, where, rule.when)
        rules.add_row(*map(Text, cells))  # Text: a CEL `score["x"]` is not rich markup
    default = ("-", "default", "enforce", str(loaded.default.action), loaded.default.reason_code, "all", "")
    rules.add_row(*map(Text, default))
    console.print(rules)
