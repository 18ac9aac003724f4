"""Alembic, driven from Python: ``Database.upgrade()`` and ``tvec db upgrade`` call this, so a
deployment needs no alembic.ini and the migrations travel inside the package."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from tvec.store.db import Database


def alembic_config(database: Database, connection: Connection | None = None) -> Config:
    from tvec.store.db import migrations_path

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    # '%' would be read as interpolation by configparser
    config.set_main_option(
        "sqlalchemy.url", database.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(database: Database) -> None:
    """One transaction for the whole upgrade: on PostgreSQL DDL is transactional, so a failed
    migration leaves the schema as it was; an advisory lock keeps two starting processes from
    migrating at once (SQLite's BEGIN IMMEDIATE does the same there)."""
    from tvec.store.db import MIGRATION_LOCK_KEY

    with database.engine.begin() as connection:
        if database.is_postgresql:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        command.upgrade(alembic_config(database, connection), "head")


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(database: Database) -> str | None:
    return ScriptDirectory.from_config(alembic_config(database)).get_current_head()
