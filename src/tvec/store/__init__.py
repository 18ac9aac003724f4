"""Persistence for the service: documents, cases, decisions, appeals, removal orders, webhooks and
the hash-chained audit log (SQLAlchemy 2; SQLite by default, PostgreSQL via TVEC_DATABASE_URL)."""
