"""The persistent bank: one SQLite file with named banks, their entries and passage signatures.

Every change is one transaction, so a failed import or add leaves the file as it was. Removing
an entry deletes its passages and its text but keeps a tombstone row (who removed it and when)
so that ``tvec bank list`` still accounts for it. Reading never creates the file: a scan with no
bank configured must not leave files behind.

One file holds several named banks (``banks`` table): each is positive (known content to find)
or negative (known-legitimate text that must never match), enabled or not, and ramped (matched
against only a fraction of documents while a new list is trialled). Entry state the detector
needs at match time (bank, snooze, tombstone, false-positive reports) is read from the file for
the few entries a document matched, so a change made by ``tvec bank`` in another process
applies to the very next scan of a running service.

The schema stores the MinHash scheme in ``meta``; opening a bank signed with another scheme is
refused, because its signatures would silently never match. A file of schema 1 (one anonymous
bank) is upgraded in place, in one transaction, the first time it is opened: its entries go to
the bank ``default``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tvec.banks.entries import DEFAULT_BANK, BankEntry, PassageSignature, now_iso
from tvec.errors import BankError

SCHEMA_VERSION = "2"
BANK_KINDS = ("positive", "negative")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS banks (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'positive' CHECK (kind IN ('positive', 'negative')),
    enabled INTEGER NOT NULL DEFAULT 1,
    ramp REAL NOT NULL DEFAULT 1.0 CHECK (ramp >= 0.0 AND ramp <= 1.0),
    default_source TEXT,
    default_organisation TEXT,
    default_label TEXT,
    created_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
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
    removed_by TEXT,
    bank TEXT NOT NULL DEFAULT 'default' REFERENCES banks(name),
    snoozed_until TEXT,
    tlsh TEXT
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
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id TEXT NOT NULL REFERENCES entries(id),
    kind TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS feedback_entry ON feedback (entry_id);
"""
_SCHEMA_INDEXES = "CREATE INDEX IF NOT EXISTS entries_bank ON entries (bank)"

# schema 1 -> 2: the statements run inside the upgrade transaction, after _SCHEMA created the new
# tables (banks, feedback); the old entries table only lacks the new columns.
_UPGRADE_FROM_1 = (
    "ALTER TABLE entries ADD COLUMN bank TEXT NOT NULL DEFAULT 'default' REFERENCES banks(name)",
    "ALTER TABLE entries ADD COLUMN snoozed_until TEXT",
    "ALTER TABLE entries ADD COLUMN tlsh TEXT",
)

FALSE_POSITIVE = "false_positive"


@dataclass(frozen=True)
class BankInfo:
    """One named bank and its settings."""

    name: str
    kind: str = "positive"
    enabled: bool = True
    ramp: float = 1.0
    default_source: str | None = None
    default_organisation: str | None = None
    default_label: str | None = None
    created_by: str = ""
    created_at: str = ""

    @property
    def negative(self) -> bool:
        return self.kind == "negative"


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
    bank: str = DEFAULT_BANK
    snoozed_until: str | None = None
    fp_reports: int = 0
    tlsh: str | None = None


@dataclass(frozen=True)
class EntryState:
    """What the detector must know about a matched entry, read fresh for every scan that matches."""

    id: str
    bank: BankInfo
    label: str
    organisation: str | None
    source: str
    removed: bool
    snoozed_until: str | None
    fp_reports: int

    def snoozed(self, now: str) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > now


@dataclass(frozen=True)
class BankCounts:
    """One line of ``tvec bank status``."""

    bank: BankInfo
    entries: int
    removed: int
    passages: int
    tlsh: int
    with_text: int
    snoozed: int
    reported: int  # entries with at least one false-positive report


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


def _bank_info(row: Sequence[object]) -> BankInfo:
    return BankInfo(
        name=str(row[0]),
        kind=str(row[1]),
        enabled=bool(row[2]),
        ramp=float(row[3]),  # type: ignore[arg-type]
        default_source=row[4],  # type: ignore[arg-type]
        default_organisation=row[5],  # type: ignore[arg-type]
        default_label=row[6],  # type: ignore[arg-type]
        created_by=str(row[7]),
        created_at=str(row[8]),
    )


_BANK_COLUMNS = (
    "name, kind, enabled, ramp, default_source, default_organisation, default_label, created_by, created_at"
)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only (``mode=ro``), so that a read never creates the file nor changes it."""
    try:
        return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BankError(f"{path}: cannot open bank: {exc}") from exc


class BankStore:
    """Access to one bank file. Connections are opened per operation, so one store object can be
    shared between threads (the service) without locking."""

    def __init__(self, path: Path, scheme: str, num_perm: int) -> None:
        self.path = Path(path)
        self.scheme = scheme
        self.num_perm = num_perm
        self._current = False  # the file is known to be of SCHEMA_VERSION (saves a check per read)

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    # -- connections -------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        if not self.exists:
            raise BankError(f"{self.path}: no bank here")
        self.upgrade()
        with closing(connect_read_only(self.path)) as conn:
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
                self._prepare(conn)
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

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Inside a write transaction: create the schema of a new file, or upgrade an old one."""
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise BankError(f"{self.path}: not a tvec bank ({exc})") from exc
        stored: dict[str, str] = dict(conn.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if stored:
            self._check_scheme(conn)
        version = stored.get("schema_version")
        if version not in (None, "1", SCHEMA_VERSION):
            raise BankError(
                f"{self.path}: bank schema {version} is newer than this tvec understands ({SCHEMA_VERSION}); "
                "upgrade tvec"
            )
        old_entries = "entries" in tables and version == "1"
        for statement in _SCHEMA.split(";"):
            if statement.strip() and not (old_entries and "TABLE IF NOT EXISTS entries" in statement):
                conn.execute(statement)
        if old_entries:
            for statement in _UPGRADE_FROM_1:
                conn.execute(statement)
        conn.execute(_SCHEMA_INDEXES)
        conn.execute(
            f"INSERT OR IGNORE INTO banks ({_BANK_COLUMNS}) VALUES (?, 'positive', 1, 1.0, NULL, NULL, NULL, '', ?)",
            (DEFAULT_BANK, now_iso()),
        )
        conn.executemany(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            [("schema_version", SCHEMA_VERSION), ("scheme", self.scheme)],
        )

    def schema_version(self) -> str | None:
        """The schema of the file as it is on disk (None: no file)."""
        if not self.exists:
            return None
        with closing(connect_read_only(self.path)) as conn:
            try:
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except sqlite3.DatabaseError as exc:
                raise BankError(f"{self.path}: not a tvec bank ({exc})") from exc
        return None if row is None else str(row[0])

    def upgrade(self) -> bool:
        """Upgrade an older file in place (one transaction; all or nothing). True if it did."""
        if self._current:
            return False
        version = self.schema_version()
        if version is None:
            return False
        if version == SCHEMA_VERSION:
            self._current = True
            return False
        try:
            with self._write():
                pass
        except BankError as exc:
            raise BankError(
                f"{self.path}: bank schema {version} must be upgraded to {SCHEMA_VERSION} before use, "
                f"and the upgrade failed (nothing was changed): {exc}"
            ) from exc
        self._current = True
        return True

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

    # -- banks -------------------------------------------------------------------------------

    def create_bank(self, info: BankInfo) -> BankInfo:
        if info.kind not in BANK_KINDS:
            raise BankError(f"{self.path}: bank kind {info.kind!r} is not one of {', '.join(BANK_KINDS)}")
        _check_ramp(info.ramp, self.path)
        if not info.name or not info.name.strip():
            raise BankError(f"{self.path}: a bank needs a name")
        with self._write() as conn:
            row = conn.execute("SELECT name FROM banks WHERE name = ?", (info.name,)).fetchone()
            if row is not None:
                raise BankError(f"{self.path}: a bank named {info.name!r} already exists")
            created = BankInfo(**{**info.__dict__, "created_at": info.created_at or now_iso()})
            conn.execute(
                f"INSERT INTO banks ({_BANK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    created.name,
                    created.kind,
                    int(created.enabled),
                    created.ramp,
                    created.default_source,
                    created.default_organisation,
                    created.default_label,
                    created.created_by,
                    created.created_at,
                ),
            )
        return created

    def update_bank(self, name: str, *, enabled: bool | None = None, ramp: float | None = None) -> BankInfo:
        if ramp is not None:
            _check_ramp(ramp, self.path)
        if not self.exists:
            raise BankError(f"{self.path}: no bank named {name!r} (the file does not exist yet)")
        with self._write() as conn:
            self._bank_row(conn, name)
            if enabled is not None:
                conn.execute("UPDATE banks SET enabled = ? WHERE name = ?", (int(enabled), name))
            if ramp is not None:
                conn.execute("UPDATE banks SET ramp = ? WHERE name = ?", (float(ramp), name))
            return self._bank_row(conn, name)

    def _bank_row(self, conn: sqlite3.Connection, name: str) -> BankInfo:
        row = conn.execute(f"SELECT {_BANK_COLUMNS} FROM banks WHERE name = ?", (name,)).fetchone()
        if row is None:
            known = ", ".join(r[0] for r in conn.execute("SELECT name FROM banks ORDER BY name"))
            raise BankError(
                f"{self.path}: no bank named {name!r} (known: {known or 'none'}; create it with tvec bank create)"
            )
        return _bank_info(row)

    def banks(self) -> list[BankInfo]:
        """Every bank of the file (a file that does not exist holds only the implicit ``default``)."""
        if not self.exists:
            return [BankInfo(DEFAULT_BANK)]
        with self._read() as conn:
            return [_bank_info(r) for r in conn.execute(f"SELECT {_BANK_COLUMNS} FROM banks ORDER BY name")]

    def bank(self, name: str) -> BankInfo:
        if not self.exists:
            if name == DEFAULT_BANK:
                return BankInfo(DEFAULT_BANK)
            raise BankError(f"{self.path}: no bank named {name!r} (create it with tvec bank create)")
        with self._read() as conn:
            return self._bank_row(conn, name)

    # -- writing entries ---------------------------------------------------------------------

    def add(self, entries: Sequence[BankEntry], skip_existing: bool = False) -> list[str]:
        """Add entries in one transaction; returns the ids added.

        An id already live in the file is an error (nothing is added) unless ``skip_existing``,
        in which case it is left as it is. A tombstoned id is replaced. Every entry's bank must
        exist.
        """
        with self._write() as conn:
            for name in sorted({e.bank for e in entries}):
                self._bank_row(conn, name)
            ids = [e.id for e in entries]
            live = self._live_ids(conn, ids)
            if live and not skip_existing:
                shown = ", ".join(sorted(live)[:5]) + (" ..." if len(live) > 5 else "")
                raise BankError(f"{self.path}: {len(live)} entry id(s) already in the bank: {shown}")
            todo = [e for e in entries if e.id not in live]
            conn.executemany("DELETE FROM feedback WHERE entry_id = ?", [(e.id,) for e in todo])
            conn.executemany("DELETE FROM entries WHERE id = ?", [(e.id,) for e in todo])
            conn.executemany(
                "INSERT INTO entries (id, label, organisation, source, added_by, added_at, sha256, text,"
                " bank, snoozed_until, tlsh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.id,
                        e.label,
                        e.organisation,
                        e.source,
                        e.added_by,
                        e.added_at,
                        e.sha256,
                        e.text,
                        e.bank,
                        e.snoozed_until,
                        e.tlsh,
                    )
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

    def _live_entry(self, conn: sqlite3.Connection, entry_id: str) -> None:
        row = conn.execute("SELECT removed_at FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise BankError(f"{self.path}: no entry {entry_id!r}")
        if row[0] is not None:
            raise BankError(f"{self.path}: entry {entry_id!r} was already removed at {row[0]}")

    def remove(self, entry_id: str, removed_by: str, removed_at: str) -> None:
        """Tombstone an entry: its passages and text go, the row stays for the record."""
        if not self.exists:
            raise BankError(f"{self.path}: no entry {entry_id!r} (the bank is empty)")
        with self._write() as conn:
            self._live_entry(conn, entry_id)
            conn.execute("DELETE FROM passages WHERE entry_id = ?", (entry_id,))
            conn.execute(
                "UPDATE entries SET removed_at = ?, removed_by = ?, text = NULL, tlsh = NULL WHERE id = ?",
                (removed_at, removed_by, entry_id),
            )

    def snooze(self, entry_id: str, until: str | None) -> None:
        """Stop an entry matching until ``until`` (UTC ISO date-time), or wake it (None)."""
        if not self.exists:
            raise BankError(f"{self.path}: no entry {entry_id!r} (the bank is empty)")
        with self._write() as conn:
            self._live_entry(conn, entry_id)
            conn.execute("UPDATE entries SET snoozed_until = ? WHERE id = ?", (until, entry_id))

    def report(self, entry_id: str, kind: str, reported_by: str, reported_at: str, note: str = "") -> int:
        """Record reviewer feedback on an entry; returns how many reports of ``kind`` it now has."""
        if not self.exists:
            raise BankError(f"{self.path}: no entry {entry_id!r} (the bank is empty)")
        with self._write() as conn:
            self._live_entry(conn, entry_id)
            conn.execute(
                "INSERT INTO feedback (entry_id, kind, reported_by, reported_at, note) VALUES (?, ?, ?, ?, ?)",
                (entry_id, kind, reported_by, reported_at, note),
            )
            return int(
                conn.execute(
                    "SELECT COUNT(*) FROM feedback WHERE entry_id = ? AND kind = ?", (entry_id, kind)
                ).fetchone()[0]
            )

    # -- reading -----------------------------------------------------------------------------

    def list_entries(self, include_removed: bool = True, bank: str | None = None) -> list[EntryInfo]:
        if not self.exists:
            return []
        conditions = [] if include_removed else ["e.removed_at IS NULL"]
        params: list[str] = []
        if bank is not None:
            conditions.append("e.bank = ?")
            params.append(bank)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        with self._read() as conn:
            if bank is not None:
                self._bank_row(conn, bank)
            rows = conn.execute(
                "SELECT e.id, e.label, e.organisation, e.source, e.added_by, e.added_at,"
                " (SELECT COUNT(*) FROM passages p WHERE p.entry_id = e.id),"
                " e.text IS NOT NULL, e.removed_at, e.removed_by, e.bank, e.snoozed_until,"
                f" (SELECT COUNT(*) FROM feedback f WHERE f.entry_id = e.id AND f.kind = '{FALSE_POSITIVE}'),"
                f" e.tlsh FROM entries e {where} ORDER BY e.added_at, e.id",
                params,
            ).fetchall()
        return [
            EntryInfo(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8], r[9], r[10], r[11], r[12], r[13])
            for r in rows
        ]

    def entries_meta(self) -> list[EntryMeta]:
        """Live entries that have passage signatures (TLSH-only entries are not in the index)."""
        if not self.exists:
            return []
        with self._read() as conn:
            rows = conn.execute(
                "SELECT id, label, organisation, source, sha256 FROM entries"
                " WHERE removed_at IS NULL AND tlsh IS NULL"
            ).fetchall()
        return [EntryMeta(*r) for r in rows]

    def tlsh_digests(self) -> list[tuple[str, str]]:
        """(entry id, TLSH digest) of every live TLSH entry."""
        if not self.exists:
            return []
        with self._read() as conn:
            return [
                (r[0], r[1])
                for r in conn.execute(
                    "SELECT id, tlsh FROM entries WHERE removed_at IS NULL AND tlsh IS NOT NULL ORDER BY id"
                )
            ]

    def entry_states(self, entry_ids: Iterable[str]) -> dict[str, EntryState]:
        """Bank, tombstone, snooze and false-positive count of the given entries (unknown ids are
        left out), in one query per 500 ids: called only for the entries a document matched."""
        ids = sorted(set(entry_ids))
        if not ids or not self.exists:
            return {}
        out: dict[str, EntryState] = {}
        with self._read() as conn:
            banks = {
                b.name: b for b in (_bank_info(r) for r in conn.execute(f"SELECT {_BANK_COLUMNS} FROM banks"))
            }
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(
                    "SELECT e.id, e.bank, e.label, e.organisation, e.source, e.removed_at IS NOT NULL,"
                    " e.snoozed_until,"
                    f" (SELECT COUNT(*) FROM feedback f WHERE f.entry_id = e.id AND f.kind = '{FALSE_POSITIVE}')"
                    f" FROM entries e WHERE e.id IN ({marks})",
                    chunk,
                ):
                    out[row[0]] = EntryState(
                        id=row[0],
                        bank=banks.get(row[1], BankInfo(row[1])),
                        label=row[2],
                        organisation=row[3],
                        source=row[4],
                        removed=bool(row[5]),
                        snoozed_until=row[6],
                        fp_reports=int(row[7]),
                    )
        return out

    def counts(self, demote_after: int) -> list[BankCounts]:
        """Per bank: live and removed entries, passages, TLSH digests, entries with text, snoozed
        now, and entries with at least ``demote_after`` false-positive reports (demoted)."""
        if not self.exists:
            return [BankCounts(BankInfo(DEFAULT_BANK), 0, 0, 0, 0, 0, 0, 0)]
        now = now_iso()
        with self._read() as conn:
            banks = [_bank_info(r) for r in conn.execute(f"SELECT {_BANK_COLUMNS} FROM banks ORDER BY name")]
            rows = {
                r[0]: r[1:]
                for r in conn.execute(
                    "SELECT e.bank,"
                    " SUM(e.removed_at IS NULL), SUM(e.removed_at IS NOT NULL),"
                    " SUM(e.removed_at IS NULL AND e.tlsh IS NOT NULL),"
                    " SUM(e.removed_at IS NULL AND e.text IS NOT NULL),"
                    " SUM(e.removed_at IS NULL AND e.snoozed_until > ?)"
                    " FROM entries e GROUP BY e.bank",
                    (now,),
                )
            }
            passages = dict(
                conn.execute(
                    "SELECT e.bank, COUNT(*) FROM passages p JOIN entries e ON e.id = p.entry_id GROUP BY e.bank"
                ).fetchall()
            )
            reported = dict(
                conn.execute(
                    "SELECT e.bank, COUNT(*) FROM entries e WHERE e.removed_at IS NULL AND"
                    f" (SELECT COUNT(*) FROM feedback f WHERE f.entry_id = e.id AND f.kind = '{FALSE_POSITIVE}') >= ?"
                    " GROUP BY e.bank",
                    (demote_after,),
                ).fetchall()
            )
        out = []
        for info in banks:
            live, removed, tlsh, with_text, snoozed = (int(v or 0) for v in rows.get(info.name, (0, 0, 0, 0, 0)))
            out.append(
                BankCounts(
                    info, live, removed, int(passages.get(info.name, 0)), tlsh, with_text, snoozed,
                    int(reported.get(info.name, 0)),
                )
            )
        return out

    def iter_entries(self, bank: str | None = None) -> Iterator[BankEntry]:
        """Every live entry with its signatures, in the order they were added (for export)."""
        if not self.exists:
            return
        where = "WHERE removed_at IS NULL" + (" AND bank = ?" if bank is not None else "")
        params = (bank,) if bank is not None else ()
        with self._read() as conn:
            if bank is not None:
                self._bank_row(conn, bank)
            entries = conn.execute(
                "SELECT id, label, organisation, source, added_by, added_at, sha256, text, bank, snoozed_until,"
                f" tlsh FROM entries {where} ORDER BY added_at, id",
                params,
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
                    bank=row[8],
                    snoozed_until=row[9],
                    tlsh=row[10],
                )

    def passage_texts(self, skip: set[tuple[str, int]] | None = None) -> Iterator[tuple[str, int, int, int, str]]:
        """(entry id, passage index, start, end, passage text) of every live passage whose text the
        bank holds, except those in ``skip`` (the paraphrase index embeds only what it lacks)."""
        if not self.exists:
            return
        skip = skip or set()
        with self._read() as conn:
            rows = conn.execute(
                "SELECT p.entry_id, p.idx, p.start_offset, p.end_offset, e.text FROM passages p"
                " JOIN entries e ON e.id = p.entry_id"
                " WHERE e.removed_at IS NULL AND e.text IS NOT NULL AND p.start_offset IS NOT NULL"
                " ORDER BY e.added_at, e.id, p.idx"
            )
            for entry_id, idx, start, end, text in rows:
                if (entry_id, idx) not in skip:
                    yield entry_id, idx, start, end, text[start:end]

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


def _check_ramp(ramp: float, path: Path) -> None:
    if not 0.0 <= ramp <= 1.0:
        raise BankError(f"{path}: ramp {ramp} is outside 0..1 (the fraction of documents matched)")
