"""Search benchmark through the API (a script, not a test), each backend in the same run.

    .venv/bin/python tests/bench/bench_search.py --sizes 1000,10000,100000 [--queries 100]
        [--backends embedded,elasticsearch] [--es-max 10000]

For each backend and size it fills a fresh backend with synthetic task documents built from
corpus sentences (``bench_embedded.synthetic``: real Vietnamese text, pyvi segmentation, ~150
owners with a skewed distribution, one document per 25 tasks), serves the real app with uvicorn
on loopback and prints:

* the backend's rebuild time and the process RSS;
* ``GET /search`` (text + owner filter + facets) p50/p99 with one client and with 8 concurrent
  clients, beside the engine's own time for the same typed query (``backend.search``), and the
  API/engine ratio (target <= 1.5x);
* ``GET /tasks`` (the secretariat's board: owner, open, by deadline) p50/p99;
* with ``--worst K`` (embedded): the engine's thread CPU of each query's two passes (the page,
  the facets) with the abbreviation expansions matched as phrases and without (the previous
  semantics), on the same index: means, p90/p99 and the K worst queries of each.

The Elasticsearch backend runs on a fresh local noida-db (it scans every document per query) and
only up to ``--es-max`` tasks. Targets, embedded, 100,000 tasks, 2 cores: search p99 <= 50 ms with
one client and <= 200 ms with 8; API <= 1.5x the engine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from bench_embedded import latency, owners, rss_mb, sentences, synthetic, text_queries  # noqa: E402

from search_api.config import Settings  # noqa: E402
from search_api.context import Context  # noqa: E402
from search_api.main import create_app  # noqa: E402
from search_api.search.embedded.compile import has_text  # noqa: E402
from search_api.search.embedded.paging import Pager, resolve  # noqa: E402
from search_api.search.factory import open_backend  # noqa: E402
from search_api.search.model import Collection, SearchQuery  # noqa: E402
from search_api.search.queries import SearchParams, build_search  # noqa: E402
from search_api.text import segment  # noqa: E402
from tests.conftest import LocalEngine, free_port  # noqa: E402

TODAY = date(2024, 6, 1)


def settings_for(kind: str, data_dir: Path, es_url: str | None) -> Settings:
    engine = {"DIRECTIVES_ENGINE": kind, **({"ES_URL": es_url} if es_url else {})}
    return Settings(**engine, DIRECTIVES_DATA_DIR=data_dir, ES_INDEX_PREFIX=f"b{uuid.uuid4().hex[:8]}",
                    DIRECTIVES_MAX_CONCURRENT=64, DIRECTIVES_MAX_QUEUE_WAIT=120)


def search_params(pool: list[str], own: list[tuple[str, str]], n: int) -> list[dict[str, Any]]:
    """The same searches as ``bench_embedded.text_queries`` (text + owner + facets), as API
    parameters."""
    return [{"q": q.text.q, "owner": q.filters[0].values[0], "facets": "true"}
            for q in text_queries(pool, own, n)]


def expanded(ctx: Context, q: str) -> dict[str, Any]:
    """The abbreviation variants of ``q`` and the long forms they expand to, as the route builds them."""
    variants, expansions = ctx.abbreviations.expand(q)
    return {"variants": variants, "expansions": expansions}


def _load() -> str:
    """The 1-minute load average (wall times stretch on a shared machine; CPU figures less)."""
    return Path("/proc/loadavg").read_text().split()[0]


def board_params(own: list[tuple[str, str]], n: int, seed: int = 13) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    return [{"owner": own[min(len(own) - 1, int(rnd.paretovariate(1.2)) - 1)][0], "role": "any",
             "status": ["not_started", "in_progress", "on_hold"], "stale": "false", "limit": 50}
            for _ in range(n)]


class Server:
    def __init__(self, ctx: Context) -> None:
        self.port = free_port()
        app = create_app(ctx.settings, context=ctx, prepare_index=False)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/health", timeout=2).status_code < 600:
                    return url
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the app did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def passes(backend: Any, q: SearchQuery) -> tuple[float, float, list[str], int]:
    """Thread CPU (ms) of the page pass and of the facet pass of ``q`` on an embedded backend,
    run one after the other in this thread; the page's ids and total."""
    state = backend._state_now()
    parts = [backend._fresh(state.part(c.value)) for c in dict.fromkeys(q.collections)]
    keys = resolve(q.sort, scored=has_text(q))
    t = time.thread_time()
    pagers = [Pager(p.index.searcher(), backend._query(p, q), exact_limit=backend.exact_limit,
                    equal=backend._equal(p)) for p in parts]
    pages = [pager.page(keys, 0, q.size) for pager in pagers]
    ids = [pager.load(addr)[1]["id"] for pager, (page, _) in zip(pagers, pages, strict=True) for _, addr in page]
    page_ms = (time.thread_time() - t) * 1000
    t = time.thread_time()
    backend._facets(parts, pagers, q)
    facet_ms = (time.thread_time() - t) * 1000
    return page_ms, facet_ms, ids, sum(n for _, n in pages)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def worst(backend: Any, named: dict[str, list[SearchQuery]], k: int) -> None:
    """Per-pass CPU of the same queries compiled several ways (``named``), alternating, same index."""
    cpu: dict[str, list[tuple[float, float]]] = {name: [] for name in named}
    found: dict[str, list[tuple[list[str], int]]] = {name: [] for name in named}
    for qs in named.values():  # warm-up
        for q in qs[:5]:
            passes(backend, q)
    for i in range(len(next(iter(named.values())))):
        for name, qs in named.items():
            page_ms, facet_ms, ids, total = passes(backend, qs[i])
            cpu[name].append((page_ms, facet_ms))
            found[name].append((ids, total))
    print(f"\nEngine thread CPU per pass (ms), same index, load average {_load()}")
    print("| compiled | page mean / p90 / p99 | facets mean / p90 / p99 | both mean / p99 |")
    print("|---|---|---|---|")
    for name, rows in cpu.items():
        pg, fc, both = [r[0] for r in rows], [r[1] for r in rows], [r[0] + r[1] for r in rows]
        print(f"| {name} | {statistics.mean(pg):.1f} / {pct(pg, 90):.1f} / {pct(pg, 99):.1f} | "
              f"{statistics.mean(fc):.1f} / {pct(fc, 90):.1f} / {pct(fc, 99):.1f} | "
              f"{statistics.mean(both):.1f} / {pct(both, 99):.1f} |")
    names = list(named)
    for name in names[1:]:
        same = sum(a == b for a, b in zip(found[names[0]], found[name], strict=True))
        print(f"{name}: same page and total as {names[0]} on {same} of {len(found[name])} queries")
    for name, rows in cpu.items():
        print(f"\n{k} worst queries, {name} (page + facets CPU ms; total hits)")
        print("| q | variants | page | facets | total |")
        print("|---|---|---|---|---|")
        order = sorted(range(len(rows)), key=lambda j: -(rows[j][0] + rows[j][1]))[:k]
        for j in order:
            t = named[name][j].text
            print(f"| {t.q} | {'; '.join(t.variants)} | {rows[j][0]:.1f} | {rows[j][1]:.1f} | {found[name][j][1]} |")


def run(kind: str, n: int, tmp: Path, pool: list[str], seg: dict[str, str], own: list[tuple[str, str]],
        queries: int, es_url: str | None, worst_k: int = 0) -> None:
    settings = settings_for(kind, tmp / f"{kind}-{n}", es_url)
    backend = open_backend(settings)
    backend.setup()
    tasks, docs = synthetic(n, pool, seg, own)

    def fill(writer: Any) -> None:
        writer.index(Collection.DOCUMENTS, docs)
        writer.index(Collection.TASKS, tasks)

    t = time.perf_counter()
    backend.rebuild(fill)
    rebuild = time.perf_counter() - t
    ctx = Context.from_settings(settings, backend=backend)
    ctx.today = lambda: TODAY
    sp = search_params(pool, own, queries)
    bp = board_params(own, queries)
    typed = [build_search(SearchParams(q=p["q"], owner=[p["owner"]], facets=True), today=TODAY,
                          **expanded(ctx, p["q"]), segmented=segment(p["q"])) for p in sp]
    print(f"\n## {kind}, {n:,} tasks (+{len(docs):,} documents): rebuild {rebuild:.1f}s, RSS {rss_mb():.0f} MB; "
          f"load average before the queries {_load()}")
    with Server(ctx) as url, httpx.Client(base_url=url, timeout=300) as client:
        def get(path: str) -> Any:
            def call(params: dict[str, Any]) -> None:
                r = client.get(path, params=params)
                assert r.status_code == 200, (r.status_code, r.text[:300])
            return call

        for p in sp[:5]:
            get("/search")(p)
        for q in typed[:5]:
            backend.search(q)
        print("| request | clients | API p50 | API p99 | engine p50 | engine p99 | API/engine p50 "
              "| CPU ms/request API (client+server) · engine |")
        print("|---|---|---|---|---|---|---|---|")
        for clients in (1, 8):
            a50, a99, acpu = latency(get("/search"), sp, clients)
            e50, e99, ecpu = latency(backend.search, typed, clients)
            print(f"| GET /search (text + owner + facets) | {clients} | {a50:.1f} ms | {a99:.1f} ms | "
                  f"{e50:.1f} ms | {e99:.1f} ms | {a50 / max(e50, 1e-6):.2f}x | {acpu:.1f} · {ecpu:.1f} |",
                  flush=True)
        for clients in (1, 8):
            b50, b99, bcpu = latency(get("/tasks"), bp, clients)
            print(f"| GET /tasks (board: owner, open, by deadline) | {clients} | {b50:.1f} ms | {b99:.1f} ms "
                  f"| | | | {bcpu:.1f} |", flush=True)
    print(f"RSS after the queries {rss_mb():.0f} MB; load average {_load()}")
    if worst_k and kind == "embedded":
        words = [replace(q, text=replace(q.text, expansions=())) for q in typed]
        worst(backend, {"expansions as words (before)": words, "expansions as phrases": typed}, worst_k)
    backend.drop_all()
    ctx.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--backends", default="embedded,elasticsearch")
    ap.add_argument("--es-max", type=int, default=10_000)
    ap.add_argument("--worst", type=int, default=0, help="print the per-pass CPU and the K worst queries")
    args = ap.parse_args()
    pool = sentences()
    seg = {s: segment(s) for s in pool}
    own = owners()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for kind in args.backends.split(","):
            engine = None
            es_url = None
            if kind == "elasticsearch":
                engine = LocalEngine(tmp / "noida", free_port())
                engine.start()
                es_url = engine.url
            try:
                for n in sizes:
                    if kind == "elasticsearch" and n > args.es_max:
                        print(f"\n## elasticsearch (noida-db), {n:,} tasks: skipped (it scans every document "
                              f"per query; --es-max {args.es_max:,})")
                        continue
                    run(kind, n, tmp, pool, seg, own, args.queries, es_url, args.worst)
            finally:
                if engine is not None:
                    engine.stop()


if __name__ == "__main__":
    main()
