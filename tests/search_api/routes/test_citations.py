from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from tests.search_api.conftest import Corpus

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


def test_unresolved_most_cited_first(client: TestClient, corpus: Corpus) -> None:
    body = client.get("/references/unresolved", params={"numbered_only": "true"}).json()
    counts = [r["count"] for r in body["data"]]
    assert counts == sorted(counts, reverse=True)
    assert body["data"][0]["key"] == "04-CT/TW" and body["data"][0]["count"] == 3
    in_corpus = {client.get(f"/documents/{i}").json()["number"] for i in corpus.ids.values()}
    assert not in_corpus & {r["key"] for r in body["data"]}
