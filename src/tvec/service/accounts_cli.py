"""``tvec accounts create`` and ``tvec accounts key``: the first admin of a deployment (after
that, admins use ``POST /v1/accounts`` and ``POST /v1/accounts/{id}/keys``). Secrets are printed
once and stored only as hashes."""

from __future__ import annotations

import secrets

import click

from tvec.errors import TvecError
from tvec.settings import load_settings
from tvec.store import accounts as store
from tvec.store.db import Database

CLI_ACTOR = "system:cli"


def _database(url: str | None) -> Database:
    db = Database.from_settings(load_settings(**({"database_url": url} if url else {})))
    db.upgrade()
    return db


_database_option = click.option(
    "--database",
    "database_url",
    help="SQLAlchemy URL (default: TVEC_DATABASE_URL, or SQLite under TVEC_HOME)",
)


@click.group()
def accounts() -> None:
    """Service accounts and their API keys."""


@accounts.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(store.ROLES), required=True, help="what the account may do")
@click.option(
    "--console-password", is_flag=True, help="also set a random password for console login (printed once)"
)
@_database_option
def create(name: str, role: str, console_password: bool, database_url: str | None) -> None:
    """Create account NAME with an API key (printed once)."""
    password = secrets.token_urlsafe(12) if console_password else None
    try:
        db = _database(database_url)
        with db.session() as session:
            account = store.create_account(session, name, role, password=password, actor=CLI_ACTOR)
            key, _ = store.issue_api_key(session, account, actor=CLI_ACTOR)
            account_id = account.id
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"account {account_id}: {name} ({role})")
    if password:
        click.echo(f"password: {password}")
    click.echo(f"API key:  {key}")


@accounts.command("key")
@click.argument("name")
@_database_option
def new_key(name: str, database_url: str | None) -> None:
    """Issue another API key for account NAME (printed once)."""
    try:
        db = _database(database_url)
        with db.session() as session:
            account = store.account_by_name(session, name)
            if account is None:
                raise click.ClickException(f"no account named {name!r}")
            key, _ = store.issue_api_key(session, account, actor=CLI_ACTOR)
    except TvecError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"API key:  {key}")
