"""The PostgreSQL fixtures of the tracking tests, shared (the accounts live in the same database)."""

from tests.search_api.tracking.conftest import pg_url  # noqa: F401 - a fixture
