from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import ingest
from nlp.model import Extraction, Reference
from search_api.context import Context
from search_api.main import create_app
from search_api.pipeline import commit, ensure_ready
from tests.search_api.conftest import Corpus, make_settings

pytestmark = pytest.mark.integration

CITING_04 = {"000_c532d5cc003266f0.txt", "001_800ccdd2ed46cf27.txt", "002_bf7cbf3c78877551.txt"}


def test_who_cites_04_ct_tw(client: TestClient, corpus: Corpus) -> None:
    body = client.get("/citations/04-CT/TW").json()
    assert body["key"] == "04-CT/TW" and body["document"] is None  # cited-only
    citing = {e["citing_id"] for e in body["cited_by"]}
    assert citing == {corpus.ids[f] for f in CITING_04}
    assert all(e["sentence"] and e["relation"] for e in body["cited_by"])


def test_citations_of_a_corpus_document_both_ways(client: TestClient, corpus: Corpus) -> None:
    body = client.get("/citations/Quyết định số 1804/qđ-btp").json()
    assert body["document"]["id"] == corpus.ids["002_bf7cbf3c78877551.txt"]
    assert body["cites"] and all(e["citing_id"] == body["document"]["id"] for e in body["cites"])


def test_depth_walks_further(client: TestClient) -> None:
    one = client.get("/citations/04-CT/TW", params={"depth": 1}).json()
    two = client.get("/citations/04-CT/TW", params={"depth": 2}).json()
    assert len(two["edges"]) > len(one["edges"])
    assert {n["id"] for n in one["nodes"]} <= {n["id"] for n in two["nodes"]}


def test_unknown_number_is_404(client: TestClient) -> None:
    resp = client.get("/citations/9999-XX/YY")
    assert resp.status_code == 404 and resp.json()["code"] == "E404-CIT"


def test_graph_json_and_graphml(client: TestClient, corpus: Corpus) -> None:
    graph = client.get("/citations/graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert set(corpus.ids.values()) <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    resp = client.get("/citations/graph", params={"format": "graphml"})
    assert resp.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(resp.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:edge", ns)) == len(graph["edges"])
    # a corpus document is named by its title, in JSON and in GraphML, not only by its number
    titled = {n["id"]: n["title"] for n in graph["nodes"] if n["in_corpus"]}
    assert titled and all(titled.values())
    some_id, some_title = next(iter(titled.items()))
    node = next(n for n in root.findall(".//g:node", ns) if n.get("id") == some_id)
    assert node.find("g:data[@key='title']", ns).text == some_title


def test_unresolved_most_cited_first(client: TestClient, corpus: Corpus) -> None:
    body = client.get("/references/unresolved", params={"numbered_only": "true"}).json()
    counts = [r["count"] for r in body["data"]]
    assert counts == sorted(counts, reverse=True)
    assert body["data"][0]["key"] == "04-CT/TW" and body["data"][0]["count"] == 3
    in_corpus = {client.get(f"/documents/{i}").json()["number"] for i in corpus.ids.values()}
    assert not in_corpus & {r["key"] for r in body["data"]}


# --- name-only cited keys (GET /citations/{name}) ---------------------------------------------

NAMED_TEXT = (
    "UBND TỈNH X\n\nKẾ HOẠCH\nTriển khai công tác thi hành án năm 2024\n\n"
    "Căn cứ Luật Thi hành án dân sự 2008 và Nghị quyết Trung ương 4 khóa XII, "
    "Sở Tư pháp chủ trì rà soát hồ sơ thi hành án.\n"
)
NAMED_KEYS = {
    "Luật Thi hành án dân sự 2008": "luật thi hành án dân sự 2008",
    "Nghị quyết Trung ương 4 khóa XII": "nghị quyết trung ương 4 khóa xii",
}


@pytest.fixture(scope="module")
def named_client(es_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A corpus of one document whose name-only references carry nlp-style keys
    (lower-cased, accents kept), unlike the session corpus's folded keys."""
    ctx = Context.from_settings(make_settings(es_url, tmp_path_factory.mktemp("named")))
    ensure_ready(ctx)
    doc = ingest.parse_text(NAMED_TEXT, filename="kh-named.txt")
    refs = []
    for name, key in NAMED_KEYS.items():
        at = doc.text.index(name)
        mention = doc.span(at, at + len(name))
        refs.append(Reference(id=name, numbered=False, doc_type=name.split()[0], mention=mention,
                              relation="legal_basis", sentence=mention, mentions=[mention], key=key))
    commit(ctx, doc, Extraction(doc_id=doc.id, references=refs), refresh=True)
    with TestClient(create_app(ctx.settings, context=ctx)) as c:
        yield c
    ctx.search.drop_all()
    ctx.close()


# fmt: off
@pytest.mark.parametrize(("asked", "key"), [
    ("luật thi hành án dân sự 2008", "luật thi hành án dân sự 2008"),   # the exact cited key
    ("Luật Thi hành án dân sự 2008", "luật thi hành án dân sự 2008"),   # as written in the text
    ("luat thi hanh an dan su 2008", "luật thi hành án dân sự 2008"),   # without accents
    ("  Luật  thi hành án dân sự 2008 ", "luật thi hành án dân sự 2008"),  # stray spaces
    ("Nghi quyet Trung uong 4 khoa XII", "nghị quyết trung ương 4 khóa xii"),
])
# fmt: on
def test_name_only_key_is_found(named_client: TestClient, asked: str, key: str) -> None:
    resp = named_client.get(f"/citations/{asked}")
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["key"] == key and body["document"] is None
    assert [e["cited_key"] for e in body["cited_by"]] == [key]
    assert body["cited_by"][0]["relation"] == "legal_basis"


# fmt: off
@pytest.mark.parametrize("asked", [
    "luật thi hành án dân sự 2015",   # another year: another law
    "luật thi hành án",               # a prefix is not the name
    "nghị quyết trung ương 4 khóa xi",  # another term
    "2008/QĐ-X",                      # a number nobody cites
])
# fmt: on
def test_other_names_are_404(named_client: TestClient, asked: str) -> None:
    resp = named_client.get(f"/citations/{asked}")
    assert resp.status_code == 404 and resp.json()["code"] == "E404-CIT"



@pytest.mark.parametrize(("asked", "status"), [
    ("luật thi hành án dân sự 2008", 200),
    ("luat thi hanh an dan su 2008", 200),
    ("luật thi hành án dân sự 2015", 404),
])
def test_cited_only_page_for_a_name(named_client: TestClient, asked: str, status: int) -> None:
    resp = named_client.get(f"/trich-dan/{asked}")
    assert resp.status_code == status
    assert resp.headers["content-type"].startswith("text/html")
    assert ('id="cited-by"' in resp.text) == (status == 200)
