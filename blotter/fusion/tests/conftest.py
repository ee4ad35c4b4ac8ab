"""Fixtures: fusion-on-store tests run on SQLite and on a throwaway PostgreSQL server."""

from blotter.store.tests.pg_server import db_url, postgres_server

__all__ = ["db_url", "postgres_server"]
