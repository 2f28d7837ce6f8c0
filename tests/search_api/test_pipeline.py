"""parse -> extract -> store -> index, new versions, idempotence, the real extractor."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import ingest
from search_api.config import Settings
from search_api.context import Context
from search_api.errors import InvalidSettings
from search_api.main import create_app
from search_api.pipeline import commit, ensure_ready, index_is_consistent, ingest_one, rebuild
from search_api.tracking.models import Change
from tests.conftest import GOLD, SEEDS
from tests.search_api.conftest import EDITOR, make_settings
from tests.search_api.gold import gold_extraction, load_gold, with_gold_metadata

pytestmark = pytest.mark.integration
SEED = SEEDS / "002_bf7cbf3c78877551.txt"


@pytest.fixture
def ctx(es_url: str, tmp_path: Path):  # noqa: ANN201
    c = Context.from_settings(make_settings(es_url, tmp_path / "data"))
    ensure_ready(c)
    yield c
    c.search.drop_all()
    c.close()


def _version(text: str, gold: dict, drop_task: int | None = None):  # noqa: ANN202
    doc = with_gold_metadata(ingest.parse_text(text, filename="qd-1804.txt"), gold)
    if drop_task is not None:
        gold = {**gold, "tasks": [t for i, t in enumerate(gold["tasks"]) if i != drop_task]}
    return doc, gold_extraction(doc, gold)


def _task(ctx: Context, task_id: str) -> dict:
    return ctx.search.es.get(index=ctx.search.aliases.tasks, id=task_id)["_source"]


def test_new_version_archives_old_and_flags_vanished_tasks(ctx: Context) -> None:
    gold = load_gold(GOLD, SEED)
    text = SEED.read_text(encoding="utf-8")
    old_doc, old_ext = _version(text, gold)
    assert commit(ctx, old_doc, old_ext, refresh=True).status == "new"
    kept, vanished = old_ext.tasks[1], old_ext.tasks[0]
    ctx.edit_log.append(kept.id, 0, [Change("status", "not_started", "in_progress")], actor="test")

    new_doc, new_ext = _version(text + "\nSửa đổi lần 2.", gold, drop_task=0)
    outcome = commit(ctx, new_doc, new_ext, refresh=True)
    assert outcome.status == "replaced" and outcome.previous == old_doc.id and not outcome.errors

    assert not ctx.search.es.exists(index=ctx.search.aliases.documents, id=old_doc.id)
    assert ctx.search.es.exists(index=ctx.search.aliases.documents, id=new_doc.id)
    stale = _task(ctx, vanished.id)
    assert stale["stale"] is True and stale["superseded_by"] == new_doc.id
    new_kept = next(t for t in new_ext.tasks if t.text == kept.text)
    assert _task(ctx, new_kept.id)["status"] == "in_progress"  # carried over by tracking
    assert not ctx.search.es.exists(index=ctx.search.aliases.tasks, id=kept.id)  # replaced by its new version
    assert index_is_consistent(ctx)
    assert ctx.store.manifest().archived[old_doc.id]["superseded_by"] == new_doc.id


def test_ingest_is_idempotent_with_the_real_extractor(ctx: Context) -> None:
    first = ingest_one(ctx, SEEDS / "001_800ccdd2ed46cf27.txt", refresh=True)
    assert first.status == "new" and first.task_count > 0 and not first.errors
    again = ingest_one(ctx, SEEDS / "001_800ccdd2ed46cf27.txt", refresh=True)
    assert again.status == "unchanged" and again.doc_id == first.doc_id
    assert ctx.search.es.count(index=ctx.search.aliases.tasks)["count"] == first.task_count
    assert index_is_consistent(ctx)


def test_bad_file_is_one_clear_error(ctx: Context, tmp_path: Path) -> None:
    from search_api.pipeline import PipelineError

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(PipelineError) as err:
        ingest_one(ctx, bad)
    assert "broken.pdf" in str(err.value)
    assert ctx.store.current_ids() == []


# --- the edit log wins over the index: after a rebuild and at start ---------------------------


def _indexed_seed(ctx: Context) -> list[str]:
    gold = load_gold(GOLD, SEED)
    doc, ext = _version(SEED.read_text(encoding="utf-8"), gold)
    commit(ctx, doc, ext, refresh=True)
    return [t.id for t in ext.tasks]


def test_an_edit_made_during_a_rebuild_is_in_the_new_index(ctx: Context) -> None:
    task_id = _indexed_seed(ctx)[0]
    app = create_app(ctx.settings, context=ctx, prepare_index=False)
    with TestClient(app) as client:
        answers: list[int] = []

        def edit_once(_doc_id: str) -> None:  # runs after the rebuild read the tracked states
            if not answers:
                r = client.patch(f"/tasks/{task_id}", json={"version": 0, "status": "done"}, headers=EDITOR)
                answers.append(r.status_code)

        report = rebuild(ctx, on_document=edit_once)
    assert answers == [200]
    assert report.reconciled == 1
    assert _task(ctx, task_id)["status"] == "done"  # written to the old index, replayed on the new


def test_start_replays_edits_the_index_lost(ctx: Context) -> None:
    task_id = _indexed_seed(ctx)[0]
    ctx.edit_log.append(task_id, 0, [Change("status", "not_started", "in_progress")], actor="test")
    assert _task(ctx, task_id)["status"] == "not_started"  # as if the engine lost the update
    assert ensure_ready(ctx) is None  # counts agree: no rebuild, but the log is replayed
    assert _task(ctx, task_id)["status"] == "in_progress"


# fmt: off
@pytest.mark.parametrize(("keys", "needle"), [
    ("ann=s3cret:admin", "role 'admin' must be one of reader, editor"),
    ("ann=:editor", "an entry has an empty key"),
])
# fmt: on
def test_malformed_api_keys_stop_the_app_at_start(tmp_path: Path, keys: str, needle: str) -> None:
    settings = Settings(ES_URL="http://127.0.0.1:9", DIRECTIVES_DATA_DIR=tmp_path, DIRECTIVES_API_KEYS=keys)
    with pytest.raises(InvalidSettings) as info:
        create_app(settings)
    assert str(info.value) == f"invalid settings: DIRECTIVES_API_KEYS: {needle}"
    assert "s3cret" not in str(info.value)


@pytest.mark.parametrize("keys", [None, "s3cret", "ann=s3cret:editor, r0:reader"])
def test_well_formed_api_keys_start(tmp_path: Path, keys: str | None) -> None:
    create_app(Settings(ES_URL="http://127.0.0.1:9", DIRECTIVES_DATA_DIR=tmp_path, DIRECTIVES_API_KEYS=keys))
