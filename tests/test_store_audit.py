"""The audit chain: it verifies when untouched and names the first entry after an edit, a
deletion or a truncation; concurrent writers cannot fork it."""

from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from tvec.cli import main
from tvec.store import audit
from tvec.store.models import AuditEntry


def write_entries(database, n: int = 5) -> list[int]:
    ids = []
    with database.session() as session:
        for i in range(n):
            entry = audit.record(session, "system:test", "thing.change", "thing", i, {"n": i}, {"n": i + 1, "é": "ü"})
            ids.append(entry.id)
    return ids


def test_an_untouched_chain_verifies(database):
    write_entries(database)
    with database.session() as session:
        report = audit.verify(session)
        head = session.execute(select(AuditEntry.hash).order_by(AuditEntry.id.desc())).scalars().first()
    assert report.ok and report.entries == 5 and report.first_bad_id is None and report.head_hash == head


def test_an_empty_log_verifies(database):
    with database.session() as session:
        assert audit.verify(session).ok


def test_an_edited_entry_is_detected(database):
    ids = write_entries(database)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'account:9:mallory' WHERE id = :id"), {"id": ids[2]})
    with database.session() as session:
        report = audit.verify(session)
    assert not report.ok and report.first_bad_id == ids[2] and "edited" in report.problem


def test_an_edited_entry_with_a_recomputed_hash_breaks_the_next_link(database):
    ids = write_entries(database)
    with database.session() as session:
        entry = session.get(AuditEntry, ids[1])
        forged = audit.entry_hash(entry.prev_hash, at=entry.at, actor=entry.actor, action=entry.action,
                                  entity_type=entry.entity_type, entity_id=entry.entity_id, before=entry.before,
                                  after={"n": 99})
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET after = :after, hash = :hash WHERE id = :id"),
                           {"after": '{"n": 99}', "hash": forged, "id": ids[1]})
    with database.session() as session:
        report = audit.verify(session)
    assert not report.ok and report.first_bad_id == ids[2] and "deleted, inserted or reordered" in report.problem


def test_a_deleted_entry_is_detected(database):
    ids = write_entries(database)
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[3]})
    with database.session() as session:
        report = audit.verify(session)
    assert not report.ok and report.first_bad_id == ids[4]


def test_deleting_the_first_entry_or_the_tail_is_detected(database):
    ids = write_entries(database)
    with database.session() as session:
        head = audit.verify(session).head_hash
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[-1]})
    with database.session() as session:
        assert audit.verify(session).ok  # a truncated tail still forms a chain...
        report = audit.verify(session, expect_head=head)  # ...but not the one recorded earlier
        assert not report.ok and "expected head" in report.problem
    with database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": ids[0]})
    with database.session() as session:
        report = audit.verify(session)
    assert not report.ok and report.first_bad_id == ids[1] and "earlier entries were deleted" in report.problem


def test_a_fork_is_refused_by_the_database(database):
    write_entries(database, 1)
    with pytest.raises(IntegrityError), database.session() as session:
        first = session.execute(select(AuditEntry)).scalar_one()
        session.add(AuditEntry(at=first.at, actor="x", action="y", entity_type="z", entity_id="1",
                               prev_hash=first.prev_hash, hash="f" * 64))
        session.flush()


def test_a_failed_transaction_leaves_no_entry(database):
    write_entries(database, 2)
    with pytest.raises(RuntimeError), database.session() as session:
        audit.record(session, "system:test", "thing.change", "thing", 1, None, {"n": 1})
        raise RuntimeError("crash after the audit append")
    with database.session() as session:
        report = audit.verify(session)
    assert report.ok and report.entries == 2


def test_concurrent_writers_keep_one_chain(database):
    writers, per_writer = 4, 10
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        barrier.wait()
        try:
            for i in range(per_writer):
                with database.session() as session:
                    audit.record(session, f"system:w{worker}", "thing.change", "thing", i, None, {"w": worker})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    with database.session() as session:
        report = audit.verify(session)
    assert report.ok and report.entries == writers * per_writer


def test_cli_audit_verify_exit_status(database):
    ids = write_entries(database, 3)
    url = database.url.render_as_string(hide_password=False)
    runner = CliRunner()
    ok = runner.invoke(main, ["audit", "verify", "--database", url])
    assert ok.exit_code == 0 and "intact: 3 entries" in ok.output
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET entity_id = '7' WHERE id = :id"), {"id": ids[1]})
    broken = runner.invoke(main, ["audit", "verify", "--database", url])
    assert broken.exit_code == 1 and f"audit entry {ids[1]}" in broken.output


def test_awkward_values_hash_the_same_after_a_round_trip_through_the_database(database):
    """The hash is recomputed from what the database gives back: floats that print long,
    tiny and huge numbers, non-ASCII text, escapes, unsorted nested keys and datetimes in other
    zones must come back so that the canonical JSON (and so the hash) is unchanged."""
    import datetime as dt

    awkward = {
        "z": 0.1 + 0.2, "a": 1e-7, "m": 1e300, "neg": -0.0, "big": 2**62, "flag": True, "none": None,
        "text": "ünïcode \u0301 emoji \U0001f600 quote\" back\\slash tab\t nul\u0000",
        "nested": {"b": [3, 2, 1], "a": {"y": 1, "x": 2}},
        "when": dt.datetime(2026, 3, 29, 2, 30, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
    }
    with database.session() as session:
        audit.record(session, "system:test", "thing.change", "thing", 1, awkward, {"list": [awkward]})
    with database.session() as session:
        report = audit.verify(session)
        stored = session.execute(select(AuditEntry.before)).scalar_one()
    assert report.ok, report.problem
    assert stored["when"] == "2026-03-28T21:00:00.123456+00:00" and stored["z"] == 0.1 + 0.2


def test_non_finite_numbers_are_refused_before_they_reach_the_log(database):
    """NaN and Infinity are not JSON: SQLite would store them and PostgreSQL refuse them, so the
    same change would be logged on one database and crash on the other. Both refuse it now."""
    from tvec.errors import InputError

    for value in (float("nan"), float("inf")):
        with database.session() as session, pytest.raises(InputError, match="NaN or Infinity"):
            audit.record(session, "system:test", "thing.change", "thing", 1, None, {"score": value})
    with database.session() as session:
        assert audit.verify(session).entries == 0
