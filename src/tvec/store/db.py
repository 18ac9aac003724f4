"""One object that owns the connection to the service database and its transactions.

SQLite is the embedded default: WAL so readers never wait for the writer, foreign keys on
(SQLite leaves them off), a busy timeout so a second writer waits instead of failing, and every
write transaction opened with ``BEGIN IMMEDIATE``. The last point is what makes claims and the
audit chain safe on SQLite: a deferred transaction that reads and then writes can find that
another writer committed in between and fail half-way; an immediate one takes the write lock
first, so writers run one after the other. PostgreSQL runs under READ COMMITTED through psycopg 3;
there, the version column of a case and an advisory lock on the audit chain do the same job.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    import fcntl
except ImportError:  # Windows: no flock; writers of other processes meet at SQLite's busy handler
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from tvec.errors import ConfigurationError, ConflictError

if TYPE_CHECKING:
    from tvec.settings import TvecSettings

SQLITE_BUSY_TIMEOUT_S = 30.0
_GATE_TIMEOUT_S = SQLITE_BUSY_TIMEOUT_S  # how long a writer queues in _WriterGate before asking SQLite
_READONLY = "tvec_readonly"
# a fixed key for pg_advisory_lock while migrating, so two service processes starting at once
# do not both try to create the tables
MIGRATION_LOCK_KEY = 0x7476_6563_0001


def normalise_url(url: str | URL) -> URL:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 here (the only PostgreSQL driver
    tvec depends on); SQLAlchemy would otherwise look for psycopg2."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError as exc:
        raise ConfigurationError(f"TVEC_DATABASE_URL {url!r} is not a database URL: {exc}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigurationError(
            f"database {parsed.render_as_string(hide_password=True)!r}: tvec supports SQLite and PostgreSQL"
        )
    return parsed


class Database:
    """The engine plus a transaction-per-``with`` session factory.

    ``session()`` commits when the block ends normally and rolls back on any exception, so a
    crash in the middle of a decision leaves neither the decision nor its audit entry behind.
    Objects stay readable after the block (no expiry on commit) because the API and the console
    render them after the transaction has ended."""

    def __init__(self, url: str | URL, *, echo: bool = False) -> None:
        self.url = normalise_url(url)
        self.dialect = self.url.get_backend_name()
        self._gate: _WriterGate | None = None
        self.engine = self._create_engine(echo)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._readonly_sessions = sessionmaker(
            bind=self.engine.execution_options(**{_READONLY: True}), expire_on_commit=False
        )

    @classmethod
    def from_settings(cls, settings: TvecSettings) -> Database:
        url = normalise_url(settings.resolved_database_url)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        return cls(url)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    def _create_engine(self, echo: bool) -> Engine:
        if self.dialect == "sqlite":
            engine = create_engine(
                self.url,
                echo=echo,
                connect_args={
                    "timeout": SQLITE_BUSY_TIMEOUT_S,
                    "check_same_thread": False,
                    "factory": _GatedConnection,
                },
            )
            self._gate = _configure_sqlite(engine)
            return engine
        return create_engine(self.url, echo=echo, pool_pre_ping=True)

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """A unit of work. ``readonly=True`` (for pages and listings) skips SQLite's write lock
        so reads run beside a writer; writing in such a session is still possible but may fail
        with "database is locked" if another writer committed meanwhile."""
        factory = self._readonly_sessions if readonly else self._sessions
        session = factory()
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError(f"a record changed while it was being updated; reload and retry ({exc})") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (creates it on an empty database). Safe to
        call at every start: a database already at head is left as it is."""
        from tvec.store.migrate import upgrade_to_head

        upgrade_to_head(self)

    def ping(self) -> bool:
        """Readiness: can a query reach the database right now?"""
        try:
            with self.engine.execution_options(**{_READONLY: True}).connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            return False

    def dispose(self) -> None:
        """Close pooled connections (tests drop their schema afterwards; the service on exit)."""
        self.engine.dispose()
        if self._gate is not None:
            self._gate.close()

    def __repr__(self) -> str:
        return f"Database({self.url.render_as_string(hide_password=True)!r})"


def is_readonly(session: Session) -> bool:
    """Whether ``session`` came from ``Database.session(readonly=True)``: code that would make an
    optional write (a last-used time) skips it there rather than risk SQLite's lock upgrade."""
    bind = session.get_bind()
    return bool(getattr(bind, "get_execution_options", dict)().get(_READONLY, False))


def _configure_sqlite(engine: Engine) -> _WriterGate:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # the driver must not open transactions on its own: tvec emits BEGIN itself, below
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            cursor.execute("PRAGMA synchronous=NORMAL")  # durable at every checkpoint; WAL keeps it consistent
        finally:
            cursor.close()

    gate = _WriterGate(writer_lock_path(engine.url.database) if fcntl is not None else None)

    @event.listens_for(engine, "connect", insert=True)
    def _give_gate(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.gate = gate

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        readonly = connection.get_execution_options().get(_READONLY, False)
        if readonly:
            connection.exec_driver_sql("BEGIN")
            return
        dbapi_connection = connection.connection.dbapi_connection
        dbapi_connection.holds_gate = gate.enter()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            dbapi_connection.leave_gate()
            raise

    return gate


class _WriterGate:
    """The writers of one database queue here for SQLite's write lock instead of polling for it.

    SQLite makes a writer that finds the lock taken sleep and retry (1, 2, 5, ... then 100 ms
    at a time, up to the busy timeout); it is not woken when the lock is released. Under load a
    waiter keeps missing the short gaps between other writers' transactions: with 8 clients
    scanning and 2 reviewers deciding, ``BEGIN IMMEDIATE`` waited up to seconds (p99 of scans
    1.3 s, bench/results/service_load.json). So a writer first queues here, in two steps:

    - in-process, first come first served: the gate is handed to the longest waiting thread the
      moment a transaction ends (a plain lock lets whichever thread the OS wakes first barge
      in, and an unlucky one can lose several times in a row);
    - across processes (``tvec serve --workers N``, a CLI beside the service), an exclusive
      ``flock`` on ``<database>-writer.lock`` beside the database file: the kernel wakes a
      waiting process as soon as the holder unlocks, and a holder that dies (kill -9) loses the
      lock with its file descriptor. Only the thread that holds the in-process gate takes it, so
      one descriptor per process is enough.

    Then ``BEGIN IMMEDIATE`` finds SQLite's lock free (it still arbitrates against connections
    that do not come through a :class:`Database`). A thread that already holds the gate (a write
    transaction opened inside another) does not wait for itself: it goes straight to SQLite,
    which refuses it after the busy timeout as it always did. A writer that waited the busy
    timeout in the queue also goes on to SQLite, which decides. Durability is SQLite's alone:
    the gate only orders writers."""

    def __init__(self, lock_path: Path | None = None) -> None:
        self._mutex = threading.Lock()
        self._owner: int | None = None
        self._waiters: deque[tuple[int, Any]] = deque()
        self._lock_path = lock_path
        self._fd: int | None = None
        self._fd_pid: int | None = None

    def enter(self) -> bool:
        """Wait for the gate (at most the busy timeout); True when it was taken."""
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                return False
            if self._owner is None and not self._waiters:
                self._owner = me
                handed = True
            else:
                baton = threading.Lock()
                baton.acquire()
                self._waiters.append((me, baton))
                handed = False
        if not handed:
            got = baton.acquire(timeout=_GATE_TIMEOUT_S)
            with self._mutex:
                if not got and self._owner != me:  # timed out and nobody handed it over meanwhile
                    self._waiters.remove((me, baton))
                    return False
        try:
            self._lock_file()
        except BaseException:
            self._hand_over()
            raise
        return True

    def leave(self) -> None:
        try:
            self._unlock_file()
        finally:
            self._hand_over()

    def _hand_over(self) -> None:
        with self._mutex:
            if self._waiters:
                self._owner, baton = self._waiters.popleft()
                baton.release()
            else:
                self._owner = None

    def _lock_file(self) -> None:
        if self._lock_path is None:
            return
        if self._fd is None or self._fd_pid != os.getpid():  # a forked child opens its own
            self._fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._fd_pid = os.getpid()
        fcntl.flock(self._fd, fcntl.LOCK_EX)  # blocks in the kernel, without the GIL

    def _unlock_file(self) -> None:
        if self._fd is not None and self._fd_pid == os.getpid():
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None and self._fd_pid == os.getpid():
            os.close(self._fd)
        self._fd = None


def writer_lock_path(database: str | None) -> Path | None:
    """The file whose ``flock`` orders the writers of all processes on one SQLite database
    (None for an in-memory database, which one process alone can see)."""
    if database in (None, "", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve().with_name(Path(database).name + "-writer.lock")


class _GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that leaves its engine's :class:`_WriterGate` once its transaction
    is over - after COMMIT or ROLLBACK has run, so the next writer never finds the lock still
    taken - and when it is closed."""

    gate: _WriterGate
    holds_gate = False

    def leave_gate(self) -> None:
        if self.holds_gate:
            self.holds_gate = False
            self.gate.leave()

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.leave_gate()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.leave_gate()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.leave_gate()


def migrations_path() -> Path:
    """The Alembic script folder inside the installed package."""
    return Path(str(resources.files("tvec.store") / "migrations"))
