"""Legal-team API (issue 17) on both backends: validity per document (kept current on ingest and
rebuild), relations both ways, cited-only titles, the original file, the implementation trace
and editors' decisions on its links.

The documents are tests/fixtures/e2e_legal (a decision, the decision that replaces it, and a
district plan implementing the replacing one), ingested with the real pipeline (parse, nlp,
store, index) into a data directory of this module's own, so the shared seed corpus is untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.context import Context
from search_api.main import create_app
from search_api.pipeline import ensure_ready, ingest_one, rebuild
from search_api.search.model import Collection
from tests.conftest import engine_url
from tests.search_api.conftest import EDITOR, make_settings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "e2e_legal"
FILES = {"old": "qd-12-ubnd-2020.txt", "new": "qd-90-ubnd-2024.txt", "plan": "kh-35-ubnd-camlo-2024.txt"}
TODAY = date(2025, 1, 10)


@dataclass
class Legal:
    ctx: Context
    client: TestClient
    ids: dict[str, str]


@pytest.fixture(scope="module")
def legal(backend_kind: str, request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Legal]:
    settings = make_settings(engine_url(request, backend_kind), tmp_path_factory.mktemp("legal"))
    ctx = Context.from_settings(settings)
    ctx.today = lambda: TODAY
    ensure_ready(ctx)
    ids = {}
    for name, file in FILES.items():  # the replaced decision first: the later ingest changes it
        ids[name] = ingest_one(ctx, FIXTURES / file, refresh=True).doc_id or ""
    app = create_app(settings, context=ctx)
    with TestClient(app) as client:
        yield Legal(ctx, client, ids)
    ctx.search.drop_all()
    ctx.close()


def get(legal: Legal, path: str, **params: Any) -> Any:
    r = legal.client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_replaced_document_says_by_whom(legal: Legal) -> None:
    doc = get(legal, f"/documents/{legal.ids['old']}")
    v = doc["validity"]
    assert v["status"] == "replaced"
    assert v["label"] == "bị thay thế"
    assert v["explanation"] == "được thay thế bởi Quyết định số 90/QĐ-UBND (ngày 01/03/2024)"
    assert [(b["name"], b["document_id"], b["label"], b["date"]) for b in v["by"]] == [
        ("Quyết định số 90/QĐ-UBND", legal.ids["new"], "được thay thế bởi", "2024-03-01")]
    incoming = {r["document_id"]: r for r in doc["relations"]["incoming"]}
    assert incoming[legal.ids["new"]]["label"] == "được thay thế bởi"
    assert incoming[legal.ids["new"]]["name"] == "Quyết định số 90/QĐ-UBND"
    assert incoming[legal.ids["new"]]["title"].startswith("Ban hành Quy chế theo dõi")


def test_replacing_document_relations_both_ways(legal: Legal) -> None:
    doc = get(legal, f"/documents/{legal.ids['new']}")
    assert doc["validity"]["status"] == "unknown"
    assert doc["validity"]["label"] == "chưa xác định"
    out = {r["key"]: r for r in doc["relations"]["outgoing"]}
    assert out["12/QĐ-UBND"]["label"] == "thay thế"
    assert out["12/QĐ-UBND"]["document_id"] == legal.ids["old"]
    assert out["12/QĐ-UBND"]["validity"] == "replaced"
    assert out["30/2020/NĐ-CP"]["label"] == "căn cứ"
    assert out["30/2020/NĐ-CP"]["document_id"] is None
    incoming = {r["document_id"]: r for r in doc["relations"]["incoming"]}
    assert incoming[legal.ids["plan"]]["label"] == "được triển khai bởi"
    assert incoming[legal.ids["plan"]]["name"] == "Kế hoạch số 35/KH-UBND"


def test_index_validity_kept_current_on_ingest(legal: Legal) -> None:
    """The old decision was indexed before the new one existed; the ingest of the new one
    rewrote the old one's validity and its tasks'."""
    ctx = legal.ctx
    assert ctx.search.get(Collection.DOCUMENTS, legal.ids["old"])["validity"] == "replaced"
    assert ctx.search.get(Collection.DOCUMENTS, legal.ids["new"])["validity"] == "unknown"
    page = get(legal, "/search", validity="replaced", kind="task", size=50)
    assert page["total"] > 0
    assert {h["document_id"] for h in page["hits"]} == {legal.ids["old"]}
    for h in page["hits"]:
        assert h["validity"] == "replaced" and h["validity_label"] == "bị thay thế"
        assert h["warning"] == "Quyết định 12/QĐ-UBND đã bị thay thế; nhiệm vụ có thể không còn hiệu lực"


def test_search_facet_and_document_hits(legal: Legal) -> None:
    page = get(legal, "/search", facets="true", size=50)
    buckets = {b["value"]: b for b in page["facets"]["validity"]}
    assert buckets["replaced"]["label"] == "bị thay thế"
    assert buckets["unknown"]["count"] > buckets["replaced"]["count"] > 0
    docs = get(legal, "/search", kind="document", q="12/QĐ-UBND")["hits"]
    hit = next(h for h in docs if h["id"] == legal.ids["old"])
    assert hit["validity"] == "replaced" and hit["warning"] is None
    fresh = get(legal, "/search", kind="task", validity="unknown", size=50)["hits"]
    assert fresh and all(h["warning"] is None for h in fresh)


def test_cited_only_document_titled_by_citing_sentence(legal: Legal) -> None:
    info = get(legal, "/citations/30/2020/NĐ-CP")
    assert info["document"] is None
    assert info["title"] == ("Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
                             "về công tác văn thư")
    assert info["relations"]["incoming"][0]["label"] == "là căn cứ của"
    for e in info["cited_by"]:
        assert e["citing_title"] and not e["citing_title"].endswith(".txt")


def test_citations_of_a_corpus_document_carry_validity(legal: Legal) -> None:
    info = get(legal, "/citations/12/QĐ-UBND")
    assert info["validity"]["status"] == "replaced"
    nodes = {n["id"]: n for n in info["nodes"]}
    assert nodes[legal.ids["old"]]["validity"] == "replaced"
    graph = get(legal, "/citations/graph")
    assert {n["id"]: n["validity"] for n in graph["nodes"]}[legal.ids["old"]] == "replaced"


def test_original_file_downloads(legal: Legal) -> None:
    r = legal.client.get(f"/documents/{legal.ids['new']}/original")
    assert r.status_code == 200
    assert r.content == (FIXTURES / FILES["new"]).read_bytes()
    assert r.headers["content-type"].startswith("text/plain")
    assert 'filename="qd-90-ubnd-2024.txt"' in r.headers["content-disposition"]
    assert legal.client.get("/documents/nope/original").status_code == 404


def _trace(legal: Legal, which: str) -> dict[str, Any]:
    return get(legal, f"/documents/{legal.ids[which]}/trace")


def _link(trace: dict[str, Any], up_section: str, down_section: str) -> dict[str, Any]:
    return next(x for x in trace["links"] if x["upstream"]["section"] == up_section
                and x["downstream"]["section"] == down_section)


def test_trace_tree_links_and_coverage(legal: Legal) -> None:
    t = _trace(legal, "new")
    assert [c["document_id"] for c in t["tree"]["children"]] == [legal.ids["plan"]]
    assert t["tree"]["children"][0]["relation"] == "implements"
    link = _link(t, "Điều 2.3", "II.3")
    assert link["suggested"] and link["score"] >= 0.3
    assert link["why"] and link["why"][0].startswith("từ ngữ")  # the parts of the score, words first
    assert "cập nhật" in link["words"] and "tiến độ" in link["words"]
    assert t["coverage"]["total"] == 4
    assert t["coverage"]["text"] == f"{t['coverage']['covered']} trên 4 nhiệm vụ có nhiệm vụ triển khai"
    assert "Điều 3" in {u["section"] for u in t["coverage"]["uncovered"]}
    back = _trace(legal, "plan")
    assert [p["document_id"] for p in back["implements"]] == [legal.ids["new"]]
    assert {(x["upstream"]["section"], x["downstream"]["section"]) for x in back["upstream_links"]} >= {("Điều 2.3", "II.3")}


def test_confirm_and_reject_links(legal: Legal) -> None:
    t = _trace(legal, "new")
    link = _link(t, "Điều 2.3", "II.3")
    path = f"/trace/links/{link['upstream']['id']}/{link['downstream']['id']}"
    assert legal.client.post(path, json={"decision": "confirmed"}).status_code == 401
    assert legal.client.post(path, json={"decision": "maybe"}, headers=EDITOR).status_code == 422
    r = legal.client.post(path, json={"decision": "confirmed", "score": link["score"]}, headers=EDITOR)
    assert r.status_code == 201, r.text
    assert r.json()["actor"] == "editor"
    after = _link(_trace(legal, "new"), "Điều 2.3", "II.3")
    assert (after["decision"], after["decided_by"]) == ("confirmed", "editor")
    # an editor links a pair the matcher did not propose, then rejects a proposed one
    t = _trace(legal, "new")
    up4 = next(u for u in t["coverage"]["uncovered"] if u["section"] == "Điều 3")
    plan_iv = next(x["downstream"] for x in t["links"] if x["downstream"]["section"] == "II.1")
    manual = f"/trace/links/{up4['id']}/{plan_iv['id']}"
    assert legal.client.post(manual, json={"decision": "confirmed"}, headers=EDITOR).status_code == 201
    covered = _trace(legal, "new")["coverage"]["covered"]
    assert covered == t["coverage"]["covered"] + 1
    other = next(x for x in t["links"] if x["suggested"] and x["upstream"]["section"] == "Điều 2.1")
    reject = f"/trace/links/{other['upstream']['id']}/{other['downstream']['id']}"
    assert legal.client.post(reject, json={"decision": "rejected"}, headers=EDITOR).status_code == 201
    final = _trace(legal, "new")
    assert _link(final, "Điều 2.1", other["downstream"]["section"])["decision"] == "rejected"
    history = get(legal, reject)["data"]
    assert [(h["decision"], h["actor"]) for h in history] == [("rejected", "editor")]
    assert legal.client.post(f"/trace/links/nope/{plan_iv['id']}", json={"decision": "confirmed"},
                             headers=EDITOR).status_code == 404


def test_trace_of_unknown_document_is_404(legal: Legal) -> None:
    assert legal.client.get("/documents/nope/trace").status_code == 404


def test_rebuild_computes_validity_for_all(legal: Legal) -> None:
    rebuild(legal.ctx)
    legal.ctx.search.refresh()
    assert legal.ctx.search.get(Collection.DOCUMENTS, legal.ids["old"])["validity"] == "replaced"
    assert get(legal, "/search", validity="replaced", kind="task")["total"] > 0


# --- pages ------------------------------------------------------------------------------------


def page(legal: Legal, path: str) -> str:
    r = legal.client.get(path)
    assert r.status_code == 200, r.text[:2000]
    return r.text


def test_document_page_shows_validity_relations_and_download(legal: Legal) -> None:
    html = page(legal, f"/van-ban/{legal.ids['old']}")
    assert "Tình trạng hiệu lực:" in html
    assert "được thay thế bởi" in html and f'href="/van-ban/{legal.ids["new"]}"' in html
    assert "(ngày 01/03/2024)" in html
    assert f'href="/van-ban/{legal.ids["old"]}/ban-goc"' in html
    html = page(legal, f"/van-ban/{legal.ids['new']}")
    assert "được triển khai bởi" in html and "Kế hoạch số 35/KH-UBND" in html
    assert "qd-12-ubnd-2020.txt" not in html.split('id="cited-by"')[-1].split("</ul>")[0]


def test_cited_only_page_is_titled_by_citing_sentence(legal: Legal) -> None:
    html = page(legal, "/trich-dan/30%2F2020%2FN%C4%90-CP")
    assert "<h1>Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư</h1>" in html
    assert "là căn cứ của" in html and "Quyết định số 90/QĐ-UBND" in html


def test_search_page_facet_badge_and_warning(legal: Legal) -> None:
    html = page(legal, "/?validity=replaced")
    assert "Tình trạng hiệu lực" in html
    assert "đã bị thay thế; nhiệm vụ có thể không còn hiệu lực" in html


def test_trace_and_graph_pages(legal: Legal) -> None:
    html = page(legal, f"/van-ban/{legal.ids['new']}/trien-khai")
    assert "trên 4 nhiệm vụ có nhiệm vụ triển khai" in html
    assert "Kế hoạch số 35/KH-UBND" in html and 'data-decision="confirmed"' in html
    back = page(legal, f"/van-ban/{legal.ids['plan']}/trien-khai")
    assert f'href="/van-ban/{legal.ids["new"]}/trien-khai#t-' in back
    graph = page(legal, f"/van-ban/{legal.ids['new']}/do-thi")
    assert 'id="export-graphml"' in graph and 'id="graph-list"' in graph
    assert '"validity": "replaced"' in graph


def test_validity_set_when_the_replacing_document_came_first_without_refresh(
        backend_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A bulk ingest (no refresh per file): the replaced decision arrives after the decision
    replacing it, and is not yet visible to searches when its validity is written."""
    settings = make_settings(engine_url(request, backend_kind), tmp_path)
    ctx = Context.from_settings(settings)
    ctx.today = lambda: TODAY
    try:
        ensure_ready(ctx)
        ingest_one(ctx, FIXTURES / FILES["new"])
        old = ingest_one(ctx, FIXTURES / FILES["old"])
        ctx.search.refresh()
        assert ctx.search.get(Collection.DOCUMENTS, old.doc_id)["validity"] == "replaced"
        _, ext = ctx.store.load(old.doc_id or "")
        assert {ctx.search.get(Collection.TASKS, t.id)["validity"] for t in ext.tasks} == {"replaced"}
    finally:
        ctx.search.drop_all()
        ctx.close()


def test_original_through_the_page_route(legal: Legal) -> None:
    r = legal.client.get(f"/van-ban/{legal.ids['old']}/ban-goc")
    assert r.status_code == 200
    assert r.content == (FIXTURES / FILES["old"]).read_bytes()
    assert 'filename="qd-12-ubnd-2020.txt"' in r.headers["content-disposition"]
    missing = legal.client.get("/van-ban/nope/ban-goc")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_original_kept_when_committed_without_ingest_one(legal: Legal, tmp_path: Path) -> None:
    """``directives ingest`` parses in workers and calls ``commit``: the file read from disk is kept."""
    import ingest
    import nlp
    from search_api.legal.originals import find_original
    from search_api.pipeline import commit

    copy = tmp_path / "qd-12-ubnd-2020-ban-sao.txt"
    text = FIXTURES.joinpath(FILES["old"]).read_text(encoding="utf-8").replace("Số: 12/QĐ-UBND", "Số: 13/QĐ-UBND")
    copy.write_text(text, encoding="utf-8")  # another number: the fixture's documents stay current
    doc = ingest.parse(copy)
    assert find_original(legal.ctx.settings.data_dir, doc.source.sha256, doc.source.filename) is None
    commit(legal.ctx, doc, nlp.extract(doc), refresh=True)
    kept = find_original(legal.ctx.settings.data_dir, doc.source.sha256, doc.source.filename)
    assert kept is not None and kept.read_bytes() == copy.read_bytes()
