"""Embedded (tantivy) backend benchmark — a script, not a test; engine level, no HTTP.

    .venv/bin/python tests/bench/bench_embedded.py --sizes 1000,10000,100000 [--queries 200]

For each size it builds that many synthetic task documents (plus one document per 25 tasks)
from corpus sentences (``corpus/*.txt`` and the shared seeds: real Vietnamese text, pyvi
segmentation, owners taken from the gold files), then prints:

* full rebuild time (``EmbeddedBackend.rebuild`` into a fresh generation) and an incremental
  ``index`` of 1,000 tasks (one commit);
* RSS of the process after the rebuild and after the queries;
* p50/p99 of a search with text + owner filter + the six facets of ``GET /search`` (+ owner
  labels), tasks and documents, one client and 8 threads;
* p50/p99 of a filter-only board listing (owner, not done, not stale) sorted by deadline,
  one client and 8 threads; and of the whole board (every open task) sorted by deadline at
  offset 0 and at offset 10,000.

Targets (2 cores, 100,000 tasks): search p99 <= 50 ms one client, <= 200 ms 8 clients; rebuild
<= 120 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from search_api.search.embedded import EmbeddedBackend  # noqa: E402
from search_api.search.model import (  # noqa: E402
    AnyOf,
    Collection,
    Facet,
    Not,
    SearchQuery,
    SortKey,
    Term,
    TextQuery,
)
from search_api.text import fold, number_key, segment  # noqa: E402
from tests.conftest import CORPUS, GOLD, SEEDS  # noqa: E402

TODAY = date(2024, 6, 1)
SENTENCE = re.compile(r"[^.;:\n]{40,400}")
FACETS = (Facet("kind", "kind", 5), Facet("document_type", "document_type", 20), Facet("issuer", "issuer", 20),
          Facet("owner", "owner_keys", 30), Facet("status", "status", 10), Facet("year", "issue_year", 20),
          Facet("_owner_labels", "owner_labels", 200))
NOT_STALE = Not(Term("stale", (True,)))


def sentences() -> list[str]:
    out: dict[str, None] = {}
    for path in sorted(CORPUS.glob("*.txt")) + sorted(SEEDS.glob("*.txt")):
        for m in SENTENCE.finditer(path.read_text(encoding="utf-8")):
            s = " ".join(m.group(0).split())
            if len(s) >= 40 and sum(c.isalpha() for c in s) > len(s) * 0.6:
                out[s] = None
    return list(out)


def owners() -> list[tuple[str, str]]:
    names: dict[str, None] = {}
    for path in sorted(GOLD.glob("*.json")):
        for t in json.loads(path.read_text(encoding="utf-8")).get("tasks", []):
            for n in t.get("owners", []) + t.get("co_owners", []):
                names[n] = None
    out = [("-".join(fold(n).split()), n) for n in names]
    # An office has more units than the seeds name: numbered copies make ~150 owners.
    extra = [(f"{k}-{i}", f"{n} {i}") for i in range(2, 5) for k, n in out]
    return (out + extra)[:150]


def synthetic(n: int, pool: list[str], seg: dict[str, str], own: list[tuple[str, str]],
              seed: int = 7) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rnd = random.Random(seed)
    types = ["Kế hoạch", "Chỉ thị", "Quyết định", "Chương trình", "Công văn"]
    issuers = ["Bộ Tư pháp", "UBND tỉnh Bắc Ninh", "Tổng cục THADS", "Tỉnh ủy Hà Nam", "Bộ Công an"]
    tasks: list[dict[str, Any]] = []
    docs: list[dict[str, Any]] = []
    per_doc = 25
    for d in range((n + per_doc - 1) // per_doc):
        doc_id = hashlib.sha256(f"doc{d}".encode()).hexdigest()[:16]
        year = 2015 + rnd.randrange(10)
        issued = date(year, 1, 1) + timedelta(days=rnd.randrange(365))
        num = f"{rnd.randrange(1, 3000)}/{rnd.choice(['KH', 'QĐ', 'CT'])}-{rnd.choice(['BTP', 'UBND', 'TCTHADS'])}"
        title = rnd.choice(pool)[:160]
        common = {"doc_id": doc_id, "document_number": num, "number_key": number_key(num),
                  "document_type": rnd.choice(types), "document_title": title, "issuer": rnd.choice(issuers),
                  "issued_date": issued.isoformat(), "issue_year": year}
        body: list[str] = []
        doc_owners: dict[str, str] = {}
        for p in range(min(per_doc, n - d * per_doc)):
            picked = rnd.sample(pool, 2 + (rnd.random() < 0.2))  # 2-3 sentences: few exact duplicates
            text = " ".join(picked)
            body.append(text)
            o = [own[min(len(own) - 1, int(rnd.paretovariate(1.2)) - 1)] for _ in range(1 + (rnd.random() < 0.2))]
            o = list(dict(o).items())
            doc_owners.update(o)
            deadline = None if rnd.random() < 0.25 else (issued + timedelta(days=rnd.randrange(30, 900))).isoformat()
            tid = f"{doc_id}:{p // 5 + 1}.{p % 5 + 1}:{hashlib.sha1(text.encode()).hexdigest()[:8]}"
            tasks.append({
                "id": tid, "kind": "task", **common, "section": f"{p // 5 + 1}", "position": p,
                "text": text, "text_segmented": " ".join(seg[s] for s in picked),
                "owners": [x[1] for x in o], "owner_keys": [x[0] for x in o],
                "owner_labels": [f"{k}|{name}" for k, name in o], "co_owners": [], "co_owner_keys": [],
                "deadline": deadline, "deadline_text": f"trước ngày {deadline}" if deadline else None,
                "refs": [], "status": rnd.choice(["not_started", "in_progress", "done", "on_hold"]),
                "version": 0, "stale": rnd.random() < 0.02, "updated_at": "2024-06-01T00:00:00+00:00",
            })
        docs.append({
            "id": doc_id, "kind": "document", **common, "title": title, "body": "\n".join(body),
            "text_segmented": seg.get(title) or segment(title), "filename": f"{doc_id}.docx", "file_type": "docx",
            "owners": list(doc_owners.values()), "owner_keys": list(doc_owners),
            "owner_labels": [f"{k}|{v}" for k, v in doc_owners.items()], "task_count": per_doc,
            "ingested_at": "2024-06-01T00:00:00+00:00", "updated_at": "2024-06-01T00:00:00+00:00",
        })
    return tasks, docs


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def latency(fn: Callable[[Any], Any], requests: list[Any], clients: int) -> tuple[float, float, float]:
    """``(p50, p99, CPU ms per request)``: the CPU figure (all threads of this process) shows
    the cost on a machine shared with other work, where wall times stretch."""
    times: list[float] = []
    cpu = time.process_time()
    lock = threading.Lock()

    def one(r: Any) -> None:
        t = time.perf_counter()
        fn(r)
        with lock:
            times.append(time.perf_counter() - t)

    if clients == 1:
        for r in requests:
            one(r)
    else:
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(one, requests))
    return pct(times, 50), pct(times, 99), (time.process_time() - cpu) / len(requests) * 1000


def text_queries(pool: list[str], own: list[tuple[str, str]], n: int, seed: int = 11) -> list[SearchQuery]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        words = rnd.choice(pool).split()
        start = rnd.randrange(max(1, len(words) - 4))
        q = " ".join(words[start:start + rnd.randrange(2, 5)]).strip(",()\"'")
        if i % 2:
            q = fold(q)  # half the users type without accents
        owner = own[min(len(own) - 1, int(rnd.paretovariate(1.2)) - 1)][0]
        out.append(SearchQuery(collections=(Collection.TASKS, Collection.DOCUMENTS),
                               text=TextQuery(q, segmented=segment(q)), size=20,
                               filters=(Term("owner_keys", (owner,)), NOT_STALE), facets=FACETS))
    return out


def board_queries(own: list[tuple[str, str]], n: int, seed: int = 13) -> list[SearchQuery]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        owner = own[min(len(own) - 1, int(rnd.paretovariate(1.2)) - 1)][0]
        out.append(SearchQuery(
            collections=(Collection.TASKS,), size=50, sort=(SortKey("deadline"),),
            filters=(AnyOf((Term("owner_keys", (owner,)), Term("co_owner_keys", (owner,)))),
                     Not(Term("status", ("done",))), NOT_STALE)))
    return out


def run_size(n: int, tmp: Path, pool: list[str], seg: dict[str, str], own: list[tuple[str, str]],
             queries: int) -> None:
    t = time.perf_counter()
    tasks, docs = synthetic(n, pool, seg, own)
    built = time.perf_counter() - t
    backend = EmbeddedBackend(tmp / f"data-{n}")
    backend.setup()

    def fill(writer: Any) -> None:
        writer.index(Collection.DOCUMENTS, docs)
        writer.index(Collection.TASKS, tasks)

    t = time.perf_counter()
    backend.rebuild(fill)
    rebuild = time.perf_counter() - t
    rss_built = rss_mb()
    extra = [{**d, "id": d["id"] + "-new"} for d in tasks[:1000]]
    t = time.perf_counter()
    backend.index(Collection.TASKS, extra)
    incremental = time.perf_counter() - t
    print(f"\n## {n:,} tasks (+{len(docs):,} documents; synthetic docs built in {built:.1f}s)")
    print(f"rebuild {rebuild:.1f}s ({(n + len(docs)) / rebuild:,.0f} docs/s) | index 1,000 tasks, one commit "
          f"{incremental * 1000:.0f} ms | RSS after rebuild {rss_built:.0f} MB | counts {backend.counts()}")

    tq = text_queries(pool, own, queries)
    bq = board_queries(own, queries)
    hits = [backend.search(q).total for q in tq[:20]]
    print(f"text queries: median total {sorted(hits)[len(hits) // 2]}, e.g. {tq[0].text.q!r}")
    whole = SearchQuery(collections=(Collection.TASKS,), size=50, sort=(SortKey("deadline"),),
                        filters=(Not(Term("status", ("done",))), NOT_STALE))
    deep = SearchQuery(collections=(Collection.TASKS,), size=50, sort=(SortKey("deadline"),), offset=10_000,
                       filters=whole.filters)
    for q in tq[:5] + bq[:5]:  # warm-up
        backend.search(q)
    print(f"load average before the queries: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print("| query | clients | p50 | p99 | CPU/query |")
    print("|---|---|---|---|---|")
    for name, reqs in (("text + owner filter + facets", tq), ("board: owner, open, by deadline", bq),
                       ("board: every open task, by deadline", [whole] * max(20, queries // 4)),
                       ("board: every open task, offset 10,000", [deep] * max(20, queries // 4))):
        for clients in (1, 8):
            p50, p99, cpu = latency(backend.search, reqs, clients)
            print(f"| {name} | {clients} | {p50:.1f} ms | {p99:.1f} ms | {cpu:.1f} ms |", flush=True)
    print(f"RSS after queries {rss_mb():.0f} MB, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    backend.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated task counts, e.g. 1000,10000,100000")
    ap.add_argument("--queries", type=int, default=200, help="requests per latency measurement")
    args = ap.parse_args()
    t = time.perf_counter()
    pool = sentences()
    seg = {s: segment(s) for s in pool}
    own = owners()
    print(f"{len(pool):,} corpus sentences segmented, {len(own)} owners ({time.perf_counter() - t:.1f}s)")
    with tempfile.TemporaryDirectory(prefix="bench-embedded-") as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            run_size(n, Path(tmp), pool, seg, own, args.queries)


if __name__ == "__main__":
    main()
