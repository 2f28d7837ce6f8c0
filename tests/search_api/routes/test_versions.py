"""Old document links go to the version in force; archived versions stay readable."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from nlp.model import Extraction
from search_api.config import Settings
from search_api.context import Context
from search_api.main import create_app
from search_api.pipeline import ensure_ready, ingest_one

TEXT = "BỘ TƯ PHÁP\nSố: 77/KH-BTP\nKẾ HOẠCH\nTriển khai công tác năm 2025\n1. Vụ Pháp chế chủ trì rà soát.\n"


def no_tasks(doc):  # noqa: ANN001, ANN201
    return Extraction(doc_id=doc.id)


def test_old_link_redirects_and_the_archive_stays_readable(tmp_path: Path) -> None:
    settings = Settings(DIRECTIVES_ENGINE="embedded", DIRECTIVES_DATA_DIR=tmp_path / "data", ES_INDEX_PREFIX="ver",
                        DIRECTIVES_INSTANCE_LOCK=False)
    ctx = Context.from_settings(settings)
    ensure_ready(ctx)
    old = ingest_one(ctx, TEXT.encode(), filename="kh-77.txt", extractor=no_tasks, refresh=True)
    new = ingest_one(ctx, (TEXT + "2. Văn phòng tổng hợp.\n").encode(), filename="kh-77.txt", extractor=no_tasks,
                     refresh=True)
    assert new.status == "replaced" and new.previous == old.doc_id
    app = create_app(settings, context=ctx, prepare_index=False)
    with TestClient(app) as c:
        r = c.get(f"/van-ban/{old.doc_id}", follow_redirects=False)
        assert r.status_code == 301 and r.headers["location"].startswith(f"/van-ban/{new.doc_id}")
        assert c.get(f"/versions/{old.doc_id}").json()["current"] == new.doc_id
        page = c.get(f"/van-ban/{old.doc_id}/luu-tru")
        assert page.status_code == 200 and "phiên bản cũ" in page.text and "Vụ Pháp chế chủ trì" in page.text
        assert f'href="/van-ban/{new.doc_id}"' in page.text
        assert c.get("/van-ban/khong-co").status_code == 404
    ctx.close()
