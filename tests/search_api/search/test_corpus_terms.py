"""The corpus terms of query understanding (owners, numbers): read once per context, read again
in the background past their TTL, the owner directory rebuilt only when the owners change."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import search_api.routes.search as route
from search_api.search.model import Bucket, SearchQuery, SearchResult


class _Search:
    def __init__(self) -> None:
        self.labels = ["so-y-te|Sở Y tế"]
        self.calls = 0
        self.gate = threading.Event()
        self.gate.set()

    def search(self, q: SearchQuery) -> SearchResult:
        self.gate.wait(5)
        self.calls += 1
        name = q.facets[0].name
        values = self.labels if name == "labels" else ["844/QĐ-TTg"]
        return SearchResult(total=0, hits=[], facets={name: [Bucket(v, 1) for v in values]})


class _Abbreviations:
    def pairs(self) -> list[tuple[str, str]]:
        return []


class _Ctx:
    def __init__(self) -> None:
        self.search = _Search()
        self.abbreviations = _Abbreviations()


def _wait_for(predicate: Any) -> None:
    deadline = time.monotonic() + 5
    while not predicate():
        assert time.monotonic() < deadline, "the background read did not finish"
        time.sleep(0.01)


def test_read_once_then_refreshed_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    terms = route._CorpusTerms()
    ctx = _Ctx()
    directory, numbers = terms.get(ctx)
    assert [o.key for o in directory.owners] == ["so-y-te"] and numbers == ["844/QĐ-TTg"]
    assert terms.get(ctx)[0] is directory and ctx.search.calls == 2  # kept: no second read

    monkeypatch.setattr(route, "CORPUS_TTL", 0.0)
    terms._cache[id(ctx)].expiry = 0.0
    ctx.search.gate.clear()  # the engine is slow: the search must not wait for it
    assert terms.get(ctx)[0] is directory
    assert terms.get(ctx)[0] is directory  # one read under way, not one per request
    ctx.search.gate.set()
    _wait_for(lambda: ctx.search.calls == 4 and not terms._cache[id(ctx)].refreshing)
    assert terms.get(ctx)[0] is directory  # same owners: the directory is not rebuilt
    _wait_for(lambda: ctx.search.calls == 6)

    ctx.search.labels = ["so-y-te|Sở Y tế", "bo-cong-an|Bộ Công an"]
    _wait_for(lambda: [o.key for o in terms.get(ctx)[0].owners] == ["so-y-te", "bo-cong-an"])


def test_a_failed_first_read_is_not_kept() -> None:
    terms = route._CorpusTerms()
    ctx = _Ctx()

    def fail(q: SearchQuery) -> SearchResult:
        raise RuntimeError("engine down")

    ctx.search.search = fail  # type: ignore[method-assign]
    directory, numbers = terms.get(ctx)
    assert len(directory) == 0 and numbers == []
    ctx.search = _Search()
    assert [o.key for o in terms.get(ctx)[0].owners] == ["so-y-te"]
