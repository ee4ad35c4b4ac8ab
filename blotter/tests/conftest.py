"""Fixtures: the CLI tests use a throwaway PostgreSQL server for `postgres://` URLs."""

from blotter.store.tests.pg_server import db_url, postgres_server

__all__ = ["db_url", "postgres_server"]
