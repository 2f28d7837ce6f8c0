"""The one place that reads the environment (``.env`` optional)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    # The search engine: "embedded" (tantivy, in-process, files in the data directory) or
    # "elasticsearch" (ES_URL, or the local noida-db engine the CLI starts when ES_URL is unset).
    # Unset: elasticsearch when ES_URL is set, else embedded.
    engine: Literal["embedded", "elasticsearch"] | None = Field(default=None, alias="DIRECTIVES_ENGINE")
    # Elasticsearch: a real cluster when ES_URL is set, else the local noida-db engine.
    es_url: str | None = Field(default=None, alias="ES_URL")
    es_username: str | None = Field(default=None, alias="ES_USERNAME")
    es_password: SecretStr | None = Field(default=None, alias="ES_PASSWORD")
    es_api_key: SecretStr | None = Field(default=None, alias="ES_API_KEY")
    es_index_prefix: str = Field(default="directives", alias="ES_INDEX_PREFIX")
    es_timeout: float = Field(default=30.0, alias="ES_TIMEOUT")
    local_engine_port: int = Field(default=9200, alias="LOCAL_ENGINE_PORT")

    # Where parsed documents, extraction results and the edit log live.
    data_dir: Path = Field(default=Path("data"), alias="DIRECTIVES_DATA_DIR")
    # PostgreSQL for the edit log when set (several API processes share it); else SQLite.
    database_url: str | None = Field(default=None, alias="DATABASE_URL")

    # Access: comma-separated "key:role" pairs, role = reader | editor.
    api_keys: SecretStr | None = Field(default=None, alias="DIRECTIVES_API_KEYS")
    read_requires_key: bool = Field(default=False, alias="DIRECTIVES_READ_REQUIRES_KEY")

    # Limits.
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, alias="DIRECTIVES_MAX_UPLOAD_BYTES")
    # Requests served at once before others wait (then 503 + Retry-After after the wait). None:
    # 4 on the local engine (it runs one query at a time; more only queues), 32 on a cluster.
    max_concurrent_requests: int | None = Field(default=None, alias="DIRECTIVES_MAX_CONCURRENT")
    max_queue_wait_seconds: float = Field(default=5.0, alias="DIRECTIVES_MAX_QUEUE_WAIT")

    # Reminders and alerts by e-mail (``directives remind``): no host, no e-mail sent.
    smtp_host: str | None = Field(default=None, alias="DIRECTIVES_SMTP_HOST")
    smtp_port: int = Field(default=25, alias="DIRECTIVES_SMTP_PORT")
    smtp_user: str | None = Field(default=None, alias="DIRECTIVES_SMTP_USER")
    smtp_password: SecretStr | None = Field(default=None, alias="DIRECTIVES_SMTP_PASSWORD")
    smtp_from: str = Field(default="directives@localhost", alias="DIRECTIVES_SMTP_FROM")

    # Uploads (POST /documents, /tai-len): their own concurrency budget, separate from search
    # and reads, and a timeout between two chunks of a request body (slow clients).
    upload_concurrency: int = Field(default=2, ge=1, alias="DIRECTIVES_UPLOAD_CONCURRENCY")
    body_read_timeout_seconds: float = Field(default=30.0, gt=0, alias="DIRECTIVES_BODY_READ_TIMEOUT")

    # An app that opens its own Context holds <data_dir>/instance.lock for its lifetime (one
    # instance per data directory); false only for tests that run several apps on one directory.
    instance_lock: bool = Field(default=True, alias="DIRECTIVES_INSTANCE_LOCK")

    @property
    def search_engine(self) -> str:
        """``embedded`` or ``elasticsearch`` (see ``DIRECTIVES_ENGINE``)."""
        if self.engine:
            return self.engine
        return "elasticsearch" if self.es_url else "embedded"

    @property
    def uses_local_engine(self) -> bool:
        """True when the Elasticsearch backend talks to a local noida-db the CLI starts."""
        return self.search_engine == "elasticsearch" and not self.es_url

    @property
    def concurrency_limit(self) -> int:
        if self.max_concurrent_requests:
            return self.max_concurrent_requests
        if self.search_engine == "embedded":
            return 16
        return 4 if self.uses_local_engine else 32

    def parsed_api_keys(self) -> dict[str, str]:
        """``{"key": "role"}`` from DIRECTIVES_API_KEYS."""
        if not self.api_keys:
            return {}
        out: dict[str, str] = {}
        for item in self.api_keys.get_secret_value().split(","):
            item = item.strip()
            if not item:
                continue
            key, _, role = item.partition(":")
            out[key.strip()] = (role.strip() or "editor").lower()
        return out


@lru_cache
def get_settings() -> Settings:
    return Settings()
