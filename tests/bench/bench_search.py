"""Search benchmark (a script, not a test): indexing throughput and search latency.

    .venv/bin/python tests/bench/bench_search.py --sizes 1000,10000 [--es-url URL] [--queries 30]

For each size it builds a synthetic corpus of that many tasks from the real seed documents
(numbers, dates, owners and deadlines varied), then prints:

* bulk indexing docs/s through ``search_api.search.es.bulk`` beside a bare ``streaming_bulk`` loop
  (target: ours >= 0.8x bare);
* search latency p50/p99 at 1 and 8 concurrent clients through the API (uvicorn, real HTTP)
  beside the same request body sent straight to the engine (target: API <= 1.3x direct).

Without ``--es-url`` a fresh local engine (noida-db) is started in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from elasticsearch import helpers  # noqa: E402

import ingest  # noqa: E402
from search_api.config import Settings  # noqa: E402
from search_api.context import Context  # noqa: E402
from search_api.engine import LocalEngine  # noqa: E402
from search_api.search.es import bulk, indices  # noqa: E402
from search_api.search.docs import build_index_docs  # noqa: E402
from search_api.search.queries import SearchParams, build_search  # noqa: E402
from search_api.main import create_app  # noqa: E402
from search_api.text import segment  # noqa: E402
from tests.conftest import GOLD, SEEDS, free_port  # noqa: E402
from tests.search_api.gold import gold_extraction, load_gold, with_gold_metadata  # noqa: E402

TODAY = date(2024, 6, 1)
QUERIES: list[dict[str, Any]] = [
    {"q": "thu hồi tài sản"},
    {"q": "thu hoi tai san"},
    {"q": "THADS", "facets": True},
    {"q": "kiểm soát quyền lực", "overdue": True},
    {"q": "giải quyết khiếu nại tố cáo", "sort": "deadline"},
    {"owner": ["tong-cuc-thi-hanh-an-dan-su"], "facets": True},
    {"status": ["not_started"], "deadline_from": "2022-01-01", "deadline_to": "2023-12-31"},
    {"number": "1804/QĐ-BTP"},
]


def base_tasks() -> list[dict[str, Any]]:
    out = []
    for seed in sorted(SEEDS.glob("*.txt")):
        gold = load_gold(GOLD, seed)
        doc = with_gold_metadata(ingest.parse(seed), gold)
        out.extend(build_index_docs(doc, gold_extraction(doc, gold), now=__import__("datetime").datetime.now()).tasks)
    return out


def synthetic(base: list[dict[str, Any]], n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` task documents: real texts, varied numbers, dates, owners, statuses."""
    rnd = random.Random(seed)
    owners = sorted({(k, name) for t in base for k, name in zip(t["owner_keys"], t["owners"], strict=False)})
    types = ["Kế hoạch", "Chỉ thị", "Quyết định", "Chương trình"]
    out = []
    for i in range(n):
        t = dict(base[i % len(base)])
        year = 2015 + rnd.randrange(10)
        issued = date(year, 1, 1) + timedelta(days=rnd.randrange(365))
        key, name = owners[rnd.randrange(len(owners))]
        num = f"{rnd.randrange(1, 3000)}/{rnd.choice(['KH', 'QĐ', 'CT'])}-{rnd.choice(['BTP', 'UBND', 'TCTHADS'])}"
        t.update({
            "id": f"syn-{i:07d}", "doc_id": f"syn-doc-{i // 25:06d}", "document_number": num,
            "number_key": num, "document_type": rnd.choice(types), "issued_date": issued.isoformat(),
            "issue_year": year, "owners": [name], "owner_keys": [key], "owner_labels": [f"{key}|{name}"],
            "deadline": (issued + timedelta(days=rnd.randrange(30, 900))).isoformat(),
            "status": rnd.choice(["not_started", "in_progress", "done", "on_hold"]), "position": i % 25,
        })
        out.append(t)
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def bench_bulk(ctx: Context, docs: list[dict[str, Any]]) -> tuple[float, float]:
    spec = indices.SPECS["tasks"]
    ours_index = indices.create_index(ctx.es, ctx.aliases, spec)
    bare_index = indices.create_index(ctx.es, ctx.aliases, spec)
    t = time.perf_counter()
    for _ in helpers.streaming_bulk(ctx.es, ({"_index": bare_index, "_id": d["id"], "_source": d} for d in docs),
                                    chunk_size=500):
        pass
    bare = len(docs) / (time.perf_counter() - t)
    # Both loops start from the same engine state: the local engine slows down as it holds more
    # documents, so the bare copy is dropped before ours is written.
    ctx.es.indices.delete(index=bare_index)
    t = time.perf_counter()
    result = bulk.index_documents(ctx.es, ours_index, docs)
    ours = len(docs) / (time.perf_counter() - t)
    assert not result.failed, result.failed[:3]
    ctx.es.indices.refresh(index=ours_index)
    ctx.es.indices.update_aliases(actions=[{"add": {"index": ours_index, "alias": ctx.aliases.tasks}}])
    return ours, bare


def _params(q: dict[str, Any]) -> SearchParams:
    kw = dict(q)
    for k in ("deadline_from", "deadline_to"):
        if k in kw:
            kw[k] = date.fromisoformat(kw[k])
    return SearchParams(**{**kw, "size": 20})


def latency(fn, requests: list[dict[str, Any]], clients: int) -> tuple[float, float]:  # noqa: ANN001
    times: list[float] = []
    lock = threading.Lock()

    def one(q: dict[str, Any]) -> None:
        t = time.perf_counter()
        fn(q)
        with lock:
            times.append(time.perf_counter() - t)

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, requests))
    return pct(times, 50), pct(times, 99)


def run_size(url: str, tmp: Path, base: list[dict[str, Any]], n: int, queries: int, *,
             bulk_only: bool = False) -> None:
    """Index ``n`` synthetic tasks, serve the API on a free port, print one row per client count."""
    settings = Settings(ES_URL=url, DIRECTIVES_DATA_DIR=tmp / f"data-{n}",
                        ES_INDEX_PREFIX=f"bench{uuid.uuid4().hex[:6]}")
    ctx = Context.from_settings(settings)
    ctx.today = lambda: TODAY
    indices.setup(ctx.es, ctx.aliases, ["documents", "citations"])
    ours, bare = bench_bulk(ctx, synthetic(base, n))
    if bulk_only:
        print(f"{n:>8} | {ours:>11.0f} {bare:>9.0f} {ours / bare:>6.2f} | (latency not measured)", flush=True)
        indices.drop_all(ctx.es, ctx.aliases)
        ctx.close()
        return
    port = free_port()
    app = create_app(settings, context=ctx, prepare_index=False)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    while not server.started:
        time.sleep(0.05)
    local = threading.local()

    def via_api(q: dict[str, Any]) -> None:
        c = getattr(local, "c", None)
        if c is None:
            c = local.c = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300)
        c.get("/search", params={**q, "size": 20}).raise_for_status()

    def direct(q: dict[str, Any]) -> None:
        p = _params(q)
        text = (p.q or "").strip()
        body = build_search(p, today=TODAY, variants=ctx.abbreviations.variants(text) if text else None,
                            segmented=segment(text) if text else None)
        ctx.es.search(index=ctx.aliases.tasks, **body)

    try:
        for q in QUERIES:  # warm-up
            via_api(q)
            direct(q)
        reqs = [QUERIES[i % len(QUERIES)] for i in range(queries)]
        for clients in (1, 8):
            a50, a99 = latency(via_api, reqs, clients)
            e50, e99 = latency(direct, reqs, clients)
            print(f"{n:>8} | {ours:>11.0f} {bare:>9.0f} {ours / bare:>6.2f} | {clients:>7} "
                  f"{a50:>7.1f}ms {a99:>7.1f}ms | {e50:>7.1f}ms {e99:>7.1f}ms | {a50 / e50:>10.2f}", flush=True)
    finally:
        server.should_exit = True
        th.join(timeout=10)
        indices.drop_all(ctx.es, ctx.aliases)
        ctx.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated task counts, e.g. 1000,10000,100000")
    ap.add_argument("--es-url", default=None, help="an existing cluster (default: start a local engine)")
    ap.add_argument("--queries", type=int, default=24, help="requests per latency measurement")
    ap.add_argument("--bulk-only", action="store_true", help="measure indexing only (no latency rows)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    tmp = Path(tempfile.mkdtemp(prefix="bench-search-"))
    engine = None
    url = args.es_url
    if not url:
        engine = LocalEngine(tmp / "engine", free_port())
        url = engine.start()
    segment("khởi động pyvi")
    base = base_tasks()
    print(f"engine {url}; {len(base)} real tasks as templates")
    print(f"{'tasks':>8} | {'bulk ours/s':>11} {'bare/s':>9} {'ratio':>6} | {'clients':>7} "
          f"{'API p50':>8} {'p99':>8} | {'ES p50':>8} {'p99':>8} | {'API/ES p50':>10}")
    try:
        for n in sizes:
            run_size(url, tmp, base, n, args.queries, bulk_only=args.bulk_only)
    finally:
        if engine:
            engine.stop()


if __name__ == "__main__":
    main()
