"""The persistent bank: one SQLite file with entries and their passage signatures.

Every change is one transaction, so a failed import or add leaves the bank as it was. Removing
an entry deletes its passages and its text but keeps a tombstone row (who removed it and when)
so that ``tvec bank list`` still accounts for it. Reading never creates the file: a scan with no
bank configured must not leave files behind.

The schema stores the MinHash scheme in ``meta``; opening a bank signed with another scheme is
refused, because its signatures would silently never match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tvec.banks.entries import BankEntry, PassageSignature
from tvec.errors import BankError

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    organisation TEXT,
    source TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    sha256 BLOB NOT NULL,
    text TEXT,
    removed_at TEXT,
    removed_by TEXT
);
CREATE TABLE IF NOT EXISTS passages (
    entry_id TEXT NOT NULL REFERENCES entries(id),
    idx INTEGER NOT NULL,
    sha256 BLOB NOT NULL,
    minhash BLOB NOT NULL,
    n_words INTEGER NOT NULL,
    start_offset INTEGER,
    end_offset INTEGER,
    PRIMARY KEY (entry_id, idx)
);
CREATE INDEX IF NOT EXISTS passages_sha256 ON passages (sha256);
"""


@dataclass(frozen=True)
class EntryInfo:
    """What ``tvec bank list`` shows of an entry."""

    id: str
    label: str
    organisation: str | None
    source: str
    added_by: str
    added_at: str
    passages: int
    has_text: bool
    removed_at: str | None
    removed_by: str | None


@dataclass(frozen=True)
class SignatureTable:
    """All live passage signatures, column-wise, as the in-memory index wants them."""

    entry_ids: list[str]  # per passage
    passage_idx: np.ndarray  # int32
    sha256: list[bytes]
    minhash: np.ndarray  # (n, num_perm) uint32
    n_words: np.ndarray  # int32
    has_text: np.ndarray  # bool: start/end offsets are meaningful
    start: np.ndarray  # int64, -1 where unknown
    end: np.ndarray


@dataclass(frozen=True)
class EntryMeta:
    id: str
    label: str
    organisation: str | None
    source: str
    sha256: bytes


class BankStore:
    """Access to one bank file. Connections are opened per operation, so one store object can be
    shared between threads (the service) without locking."""

    def __init__(self, path: Path, scheme: str, num_perm: int) -> None:
        self.path = Path(path)
        self.scheme = scheme
        self.num_perm = num_perm

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    # -- connections -------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        if not self.exists:
            raise BankError(f"{self.path}: no bank here")
        try:
            conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise BankError(f"{self.path}: cannot open bank: {exc}") from exc
        with closing(conn):
            try:
                self._check_scheme(conn)
                yield conn
            except sqlite3.Error as exc:
                raise BankError(f"{self.path}: cannot read bank: {exc}") from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed if the block completes, rolled back on any exception (and a
        bank file this call created is deleted again, so a failed first import leaves nothing)."""
        created = not self.exists
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise BankError(f"{self.path}: cannot open bank for writing: {exc}") from exc
        failed = False
        with closing(conn):
            try:
                conn.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                stored = dict(conn.execute("SELECT key, value FROM meta"))
                if not stored:
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [("schema_version", SCHEMA_VERSION), ("scheme", self.scheme)],
                    )
                else:
                    self._check_scheme(conn)
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                failed = True
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise BankError(f"{self.path}: cannot write bank: {exc}") from exc
                raise
            finally:
                if failed and created:
                    conn.close()
                    self.path.unlink(missing_ok=True)

    def _check_scheme(self, conn: sqlite3.Connection) -> None:
        try:
            stored = dict(conn.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise BankError(f"{self.path}: not a tvec bank ({exc})") from exc
        if stored.get("scheme") != self.scheme:
            raise BankError(
                f"{self.path}: bank signed with scheme {stored.get('scheme')!r}, "
                f"this tvec uses {self.scheme!r}; re-import it from text"
            )

    # -- writing -----------------------------------------------------------------------------

    def add(self, entries: Sequence[BankEntry], skip_existing: bool = False) -> list[str]:
        """Add entries in one transaction; returns the ids added.

        An id already live in the bank is an error (nothing is added) unless ``skip_existing``,
        in which case it is left as it is. A tombstoned id is replaced.
        """
        with self._write() as conn:
            ids = [e.id for e in entries]
            live = self._live_ids(conn, ids)
            if live and not skip_existing:
                shown = ", ".join(sorted(live)[:5]) + (" ..." if len(live) > 5 else "")
                raise BankError(f"{self.path}: {len(live)} entry id(s) already in the bank: {shown}")
            todo = [e for e in entries if e.id not in live]
            conn.executemany("DELETE FROM entries WHERE id = ?", [(e.id,) for e in todo])
            conn.executemany(
                "INSERT INTO entries (id, label, organisation, source, added_by, added_at, sha256, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.id, e.label, e.organisation, e.source, e.added_by, e.added_at, e.sha256, e.text)
                    for e in todo
                ],
            )
            conn.executemany(
                "INSERT INTO passages (entry_id, idx, sha256, minhash, n_words, start_offset, end_offset)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.id, i, p.sha256, np.asarray(p.minhash, dtype="<u4").tobytes(), p.n_words, p.start, p.end)
                    for e in todo
                    for i, p in enumerate(e.passages)
                ],
            )
            return [e.id for e in todo]

    @staticmethod
    def _live_ids(conn: sqlite3.Connection, ids: Sequence[str]) -> set[str]:
        live: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            live.update(
                row[0]
                for row in conn.execute(
                    f"SELECT id FROM entries WHERE removed_at IS NULL AND id IN ({marks})", chunk
                )
            )
        return live

    def remove(self, entry_id: str, removed_by: str, removed_at: str) -> None:
        """Tombstone an entry: its passages and text go, the row stays for the record."""
        if not self.exists:
            raise BankError(f"{self.path}: no entry {entry_id!r} (the bank is empty)")
        with self._write() as conn:
            row = conn.execute("SELECT removed_at FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise BankError(f"{self.path}: no entry {entry_id!r}")
            if row[0] is not None:
                raise BankError(f"{self.path}: entry {entry_id!r} was already removed at {row[0]}")
            conn.execute("DELETE FROM passages WHERE entry_id = ?", (entry_id,))
            conn.execute(
                "UPDATE entries SET removed_at = ?, removed_by = ?, text = NULL WHERE id = ?",
                (removed_at, removed_by, entry_id),
            )

    # -- reading -----------------------------------------------------------------------------

    def list_entries(self, include_removed: bool = True) -> list[EntryInfo]:
        if not self.exists:
            return []
        where = "" if include_removed else "WHERE e.removed_at IS NULL"
        with self._read() as conn:
            rows = conn.execute(
                "SELECT e.id, e.label, e.organisation, e.source, e.added_by, e.added_at,"
                " (SELECT COUNT(*) FROM passages p WHERE p.entry_id = e.id),"
                f" e.text IS NOT NULL, e.removed_at, e.removed_by FROM entries e {where}"
                " ORDER BY e.added_at, e.id"
            ).fetchall()
        return [
            EntryInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9]) for r in rows
        ]

    def entries_meta(self) -> list[EntryMeta]:
        if not self.exists:
            return []
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, label, organisation, source, sha256 FROM entries WHERE removed_at IS NULL"
            ).fetchall()
        return [EntryMeta(*r) for r in rows]

    def iter_entries(self) -> Iterator[BankEntry]:
        """Every live entry with its signatures, in the order they were added (for export)."""
        if not self.exists:
            return
        with self._read() as conn:
            entries = conn.execute(
                "SELECT id, label, organisation, source, added_by, added_at, sha256, text"
                " FROM entries WHERE removed_at IS NULL ORDER BY added_at, id"
            ).fetchall()
            for row in entries:
                passages = tuple(
                    PassageSignature(
                        sha256=p[0],
                        minhash=np.frombuffer(p[1], dtype="<u4").astype(np.uint32),
                        n_words=p[2],
                        start=p[3],
                        end=p[4],
                    )
                    for p in conn.execute(
                        "SELECT sha256, minhash, n_words, start_offset, end_offset FROM passages"
                        " WHERE entry_id = ? ORDER BY idx",
                        (row[0],),
                    )
                )
                yield BankEntry(
                    id=row[0],
                    label=row[1],
                    organisation=row[2],
                    source=row[3],
                    added_by=row[4],
                    added_at=row[5],
                    sha256=row[6],
                    passages=passages,
                    scheme=self.scheme,
                    text=row[7],
                )

    def load_signatures(self) -> SignatureTable:
        """All live passages in one query, converted to arrays without a per-row numpy call."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT p.entry_id, p.idx, p.sha256, p.minhash, p.n_words, p.start_offset, p.end_offset"
                " FROM passages p JOIN entries e ON e.id = p.entry_id WHERE e.removed_at IS NULL"
            ).fetchall()
        n = len(rows)
        if n:
            entry_ids, idx, shas, blobs, n_words, starts, ends = map(list, zip(*rows, strict=True))
        else:
            entry_ids, idx, shas, blobs, n_words, starts, ends = [], [], [], [], [], [], []
        has_text = np.array([s is not None for s in starts], dtype=bool)
        minhash = np.frombuffer(b"".join(blobs), dtype="<u4").astype(np.uint32).reshape(n, self.num_perm)
        return SignatureTable(
            entry_ids=entry_ids,
            passage_idx=np.asarray(idx, dtype=np.int32),
            sha256=shas,
            minhash=minhash,
            n_words=np.asarray(n_words, dtype=np.int32),
            has_text=has_text,
            start=np.array([-1 if s is None else s for s in starts], dtype=np.int64),
            end=np.array([-1 if e is None else e for e in ends], dtype=np.int64),
        )

    def entry_text(self, entry_id: str) -> str | None:
        """The stored text of an entry, or None when the bank holds no text for it."""
        if not self.exists:
            return None
        with self._read() as conn:
            row = conn.execute("SELECT text FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else row[0]
