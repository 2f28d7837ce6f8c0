"""The trace API's links carry their confidence class (search_api.legal.service.pair_links and
its schema), on tasks of our own."""

from __future__ import annotations

from types import SimpleNamespace

from search_api.legal import service, trace
from search_api.legal.schemas import TraceLinkOut
from tests.search_api.legal.test_trace import DOWN, UP


def _stored(tasks: list[trace.TraceTask]) -> dict[str, SimpleNamespace]:
    return {t.id: SimpleNamespace(id=t.id, text=t.text, section=t.section,
                                  owners=[SimpleNamespace(name=o) for o in t.owners]) for t in tasks}


def test_a_suggested_link_says_its_confidence_class_and_an_editor_s_link_none(monkeypatch):
    docs = {"up": (UP, _stored(UP), {}), "down": (DOWN, _stored(DOWN), {})}
    monkeypatch.setattr(service, "_tasks", lambda ctx, doc_id: docs[doc_id])
    view = SimpleNamespace(docs={}, key_of=lambda doc_id: None)
    decided = {("u2", "d3"): SimpleNamespace(score=None, decision="confirmed", actor="secretariat", at="2026-12-07")}
    links = service.pair_links(None, view, "up", "down", decided)
    labels = trace.settings().confidence_labels
    suggested = [x for x in links if x["suggested"]]
    assert suggested and all(x["confidence"] in labels and x["confidence_label"] == labels[x["confidence"]]
                             for x in suggested)
    strong = trace.settings().strong
    assert all((x["confidence"] == "strong") == (x["score"] >= strong) for x in suggested)  # UP has < 10 tasks
    manual = next(x for x in links if not x["suggested"])
    assert manual["confidence"] is None and manual["confidence_label"] is None
    out = [TraceLinkOut(**x).model_dump() for x in links]
    assert {x["confidence_label"] for x in out} >= {labels[x["confidence"]] for x in suggested}
