"""Builders for tracking integration tests: a task collection on a real backend (embedded or
Elasticsearch), sample task documents, and the real app (``search_api.main.create_app``)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers
from fastapi import FastAPI
from fastapi.testclient import TestClient

from search_api.config import Settings

EDITOR = "secret-editor-1"
EDITOR2 = "secret-editor-2"
READER = "secret-reader-1"
API_KEYS = f"thu-ky=secret-editor-1:editor,van-phong=secret-editor-2:editor,{READER}:reader"
ED = {"X-API-Key": EDITOR}
ED2 = {"Authorization": f"Bearer {EDITOR2}"}
RD = {"X-API-Key": READER}

_prefixes = itertools.count()


def unique_prefix() -> str:
    return f"trk{int(time.time() * 1000) % 10_000_000}x{next(_prefixes)}"


# fmt: off
SAMPLE = [
    # id,   section, owner key / name,                       deadline,     text
    ("t-a", "I.1",  ("bo tu phap", "Bộ Tư pháp"),             "2024-03-31", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật về thi hành án."),
    ("t-b", "I.2",  ("bo tu phap", "Bộ Tư pháp"),             "2024-06-30", "Xây dựng báo cáo tổng kết công tác phổ biến, giáo dục pháp luật."),
    ("t-c", "II.1", ("tong cuc thads", "Tổng cục THADS"),     "2024-02-15", "Kiểm tra, đôn đốc việc tổ chức thi hành các vụ việc có điều kiện."),
    ("t-d", "II.2", ("tong cuc thads", "Tổng cục THADS"),     None,         "Thường xuyên theo dõi, tổng hợp tình hình, kịp thời báo cáo."),
    ("t-e", "III",  ("ubnd tinh", "UBND tỉnh"),               "2024-12-31", "Bố trí kinh phí, bảo đảm điều kiện thực hiện Chỉ thị."),
]
# fmt: on


def sample_docs(doc_id: str = "doc-1", number: str = "05/CT-BTP", year: int = 2024) -> list[dict[str, Any]]:
    """Task index documents as ingest builds them (no tracked state)."""
    out = []
    for i, (tid, section, (key, name), deadline, text) in enumerate(SAMPLE):
        out.append({
            "id": tid, "kind": "task", "doc_id": doc_id, "document_number": number,
            "document_type": "Chỉ thị", "document_title": "Về tăng cường công tác thi hành án",
            "issuer": "Bộ Tư pháp", "issued_date": f"{year}-01-10", "issue_year": year,
            "section": section, "position": i, "text": text, "owners": [name], "owner_keys": [key], "owner_labels": [f"{key}|{name}"],
            "co_owners": ["Vụ Pháp chế"] if i % 2 else [], "co_owner_keys": ["vu phap che"] if i % 2 else [],
            "deadline": deadline, "deadline_text": f"trước ngày {deadline}" if deadline else None,
            "recurrence": None if deadline else "thường xuyên", "refs": [],
            "status": "not_started", "version": 0, "stale": False, "updated_at": "2024-01-10T00:00:00+00:00",
        })
    return out


def index_docs(es: Elasticsearch, alias: str, docs: list[dict[str, Any]]) -> None:
    helpers.bulk(es, [{"_index": alias, "_id": d["id"], "_source": d} for d in docs], refresh=True)


def index_tasks(backend: Any, docs: list[dict[str, Any]]) -> None:
    """Write task documents through the search layer (any backend) and make them visible."""
    from search_api.search.model import Collection

    result = backend.index(Collection.TASKS, docs)
    assert not result.failed, result.failed
    backend.refresh()


def make_settings(es_url: str | None, prefix: str, data_dir: Path, database_url: str | None,
                  **extra: Any) -> Settings:
    """Settings for the Elasticsearch backend at ``es_url``, or the embedded one when None."""
    engine = {"ES_URL": es_url, "DIRECTIVES_ENGINE": "elasticsearch"} if es_url else {"DIRECTIVES_ENGINE": "embedded"}
    return Settings(**engine, ES_INDEX_PREFIX=prefix, DIRECTIVES_DATA_DIR=data_dir,
                    DATABASE_URL=database_url, DIRECTIVES_API_KEYS=API_KEYS, **extra)


def build_app(settings: Settings) -> FastAPI:
    """The real application, without the startup rebuild (tests index their own tasks)."""
    from search_api.main import create_app

    return create_app(settings, prepare_index=False)


def set_today(app: FastAPI, day: date) -> None:
    ctx = getattr(app.state, "ctx", None)
    if ctx is not None:
        ctx.today = lambda: day
    else:
        app.state.clock = lambda: day


@contextmanager
def running_app(settings: Settings, today: date) -> Iterator[TestClient]:
    app = build_app(settings)
    with TestClient(app) as client:
        set_today(app, today)
        yield client


def etag_of(client: TestClient, task_id: str, headers: dict[str, str] | None = None) -> str:
    r = client.get(f"/tasks/{task_id}", headers=headers or {})
    assert r.status_code == 200, r.text
    return r.headers["etag"]
