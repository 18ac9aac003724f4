"""Accounts, API keys, passwords and console sessions: secrets are never stored in clear,
wrong/revoked/expired credentials get nothing, roles do not leak into each other."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tvec.errors import ConflictError, InputError, WorkflowError
from tvec.store import accounts
from tvec.store.models import ApiKey, AuditEntry, ConsoleSession

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("role", "needed", "allowed"),
    [
        ("admin", "admin", True), ("admin", "reviewer", True), ("admin", "submitter", True),
        ("reviewer", "reviewer", True), ("reviewer", "submitter", False), ("reviewer", "admin", False),
        ("submitter", "submitter", True), ("submitter", "reviewer", False), ("submitter", "admin", False),
    ],
)
def test_role_allows(role, needed, allowed):
    assert accounts.role_allows(role, needed) is allowed


def test_role_allows_rejects_unknown_roles():
    with pytest.raises(WorkflowError, match="unknown role 'root'"):
        accounts.role_allows("admin", "root")


def test_api_key_round_trip_and_only_its_hash_is_stored(database):
    with database.session() as session:
        account = accounts.create_account(session, "sam", "submitter")
        plaintext, key = accounts.issue_api_key(session, account)
    assert plaintext.startswith(f"tvec_{key.prefix}_") and len(plaintext) > 40
    with database.session() as session:
        stored = session.execute(select(ApiKey)).scalar_one()
        assert plaintext not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64
        assert accounts.authenticate_api_key(session, plaintext).name == "sam"
        assert stored.last_used_at is not None
        audit_text = " ".join(str(e.after) for e in session.execute(select(AuditEntry)).scalars())
        assert plaintext not in audit_text


@pytest.mark.parametrize("presented", ["", "Bearer x", "tvec_", "tvec_0000000_x", "tvec_00000000_wrong", "x" * 5000])
def test_unknown_or_malformed_keys_authenticate_nobody(database, presented):
    with database.session() as session:
        account = accounts.create_account(session, "sam", "submitter")
        accounts.issue_api_key(session, account)
    with database.session() as session:
        assert accounts.authenticate_api_key(session, presented) is None


def test_a_key_with_the_right_prefix_but_wrong_secret_fails(database):
    with database.session() as session:
        plaintext, _ = accounts.issue_api_key(session, accounts.create_account(session, "sam", "submitter"))
    with database.session() as session:
        assert accounts.authenticate_api_key(session, plaintext[:-1] + ("A" if plaintext[-1] != "A" else "B")) is None


def test_revoked_keys_and_disabled_accounts_fail(database):
    with database.session() as session:
        sam = accounts.create_account(session, "sam", "submitter")
        rita = accounts.create_account(session, "rita", "reviewer")
        sam_key, sam_row = accounts.issue_api_key(session, sam)
        rita_key, _ = accounts.issue_api_key(session, rita)
    with database.session() as session:
        accounts.revoke_api_key(session, sam_row.id, actor="system:test")
        accounts.disable_account(session, accounts.get_account(session, rita.id), actor="system:test")
    with database.session() as session:
        assert accounts.authenticate_api_key(session, sam_key) is None
        assert accounts.authenticate_api_key(session, rita_key) is None


def test_passwords(database):
    with database.session() as session:
        account = accounts.create_account(session, "rita", "reviewer", "correct horse")
        api_only = accounts.create_account(session, "bot", "submitter")
    assert account.password_hash.startswith("scrypt$") and "correct horse" not in account.password_hash
    assert accounts.verify_password(account, "correct horse")
    assert not accounts.verify_password(account, "correct hors")
    assert not accounts.verify_password(api_only, "")
    with database.session() as session, pytest.raises(InputError, match="at least 8"):
        accounts.create_account(session, "weak", "reviewer", "short")


def test_account_validation(database):
    with database.session() as session:
        accounts.create_account(session, "rita", "reviewer")
    with database.session() as session, pytest.raises(ConflictError, match="already exists"):
        accounts.create_account(session, "rita", "admin")
    with database.session() as session, pytest.raises(InputError, match="role 'owner'"):
        accounts.create_account(session, "otto", "owner")
    with database.session() as session, pytest.raises(InputError, match="account name"):
        accounts.create_account(session, " ", "reviewer")


def test_console_sessions_expire_and_end(database, settings):
    with database.session() as session:
        account = accounts.create_account(session, "rita", "reviewer", "correct horse")
        token, row = accounts.start_console_session(session, account, settings, now=T0)
    assert row.expires_at == T0 + dt.timedelta(hours=settings.session_hours) and row.csrf_token
    with database.session() as session:
        assert session.execute(select(ConsoleSession.token_hash)).scalar_one() != token
        assert accounts.console_session_for(session, token, T0 + dt.timedelta(hours=1)).account.name == "rita"
        assert accounts.console_session_for(session, token, row.expires_at) is None
        assert accounts.console_session_for(session, "not-a-token", T0) is None
        assert accounts.console_session_for(session, "", T0) is None
    with database.session() as session:
        accounts.end_console_session(session, token)
    with database.session() as session:
        assert accounts.console_session_for(session, token, T0) is None
        actions = [e.action for e in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]
        assert actions == ["account.create", "console.login", "console.logout"]


def test_authenticating_in_a_readonly_session_writes_nothing(database):
    with database.session() as session:
        plaintext, _ = accounts.issue_api_key(session, accounts.create_account(session, "sam", "submitter"))
    with database.session(readonly=True) as session:
        assert accounts.authenticate_api_key(session, plaintext).name == "sam"
        assert not session.dirty
    with database.session() as session:
        assert session.execute(select(ApiKey.last_used_at)).scalar_one() is None


def test_a_new_password_ends_the_accounts_console_sessions(database, settings):
    with database.session() as session:
        account = accounts.create_account(session, "rita", "reviewer", "correct horse")
        other = accounts.create_account(session, "otto", "reviewer", "battery staple")
        token, _row = accounts.start_console_session(session, account, settings, now=T0)
        other_token, _ = accounts.start_console_session(session, other, settings, now=T0)
    with database.session() as session:
        accounts.set_password(session, session.get(type(account), account.id), "a new password", actor="system:test")
    with database.session() as session:
        assert accounts.console_session_for(session, token, T0 + dt.timedelta(minutes=1)) is None
        assert accounts.console_session_for(session, other_token, T0 + dt.timedelta(minutes=1)) is not None
        entry = session.execute(select(AuditEntry).where(AuditEntry.action == "account.password")).scalar_one()
        assert entry.after == {"password_changed": True, "console_sessions_ended": 1}


def test_a_login_clears_the_accounts_expired_sessions(database, settings):
    with database.session() as session:
        account = accounts.create_account(session, "rita", "reviewer", "correct horse")
        accounts.start_console_session(session, account, settings, now=T0)
        live_token, _ = accounts.start_console_session(session, account, settings, now=T0 + dt.timedelta(hours=2))
    later = T0 + dt.timedelta(hours=settings.session_hours, minutes=1)  # the first has expired, not the second
    with database.session() as session:
        accounts.start_console_session(session, session.get(type(account), account.id), settings, now=later)
    with database.session() as session:
        assert session.execute(select(func.count(ConsoleSession.id))).scalar_one() == 2
        assert accounts.console_session_for(session, live_token, later) is not None
