"""Load benchmark (a script, not a test): mixed search, task listing and task edits from many
concurrent clients against the API on loopback, then a count of every task and every edit.

    .venv/bin/python tests/bench/bench_load.py [--duration 150] [--clients 8,32] [--docs 200]
        [--max-concurrent 16] [--max-wait 2] [--overload-clients 96] [--overload-seconds 20]

What it does, all on 127.0.0.1, bounded in time and request count, and stopping by itself:

1. starts a local engine (noida-db) in a temporary folder (or uses ``--es-url``, loopback only);
2. builds a corpus: the seed documents (gold extraction) plus ``--docs`` synthetic directives
   parsed by ``ingest`` and extracted by ``nlp``, committed through the real pipeline;
3. serves the API in a separate uvicorn process with the load-shedding limiter
   (``search_api.limits``) set from ``--max-concurrent`` / ``--max-wait``;
4. for each client count: ``--duration`` seconds (split between the counts) of a mix of
   60 % ``GET /search``, 25 % ``GET /tasks`` (filters vary) and 15 % edits
   (``GET /tasks/{id}`` then ``PATCH`` with ``If-Match`` adding a unique note);
   prints throughput, p50/p99 latency per kind, errors, 503s shed and 409 conflicts
   (clients honour Retry-After after a 503 unless --no-backoff);
5. an overload phase with more clients than the limiter admits: shows that excess requests
   get 503 + ``Retry-After`` quickly instead of queueing (max latency stays bounded);
6. counts: tasks in the index vs the data store, and every acknowledged edit present in
   ``GET /tasks/{id}`` and its history (nothing lost).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

EDITOR_KEY = "bench-editor-key"
HEADERS = {"X-API-Key": EDITOR_KEY}
QUERIES = ["thi hành án", "thi hanh an", "THADS", "báo cáo kết quả", "rà soát văn bản", "an ninh",
           "Sở Tư pháp", "kiểm tra", "chuyển đổi số", "quý III", "thu hồi tài sản", "nhiệm vụ đợt 17"]
OWNERS = ["so-tu-phap", "cong-an-tinh", "so-noi-vu"]
MAX_REQUESTS = 500_000  # hard bound whatever the duration


def _loopback(url: str) -> bool:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


# --- corpus ------------------------------------------------------------------------------------


def synthetic_text(i: int, rnd: random.Random) -> str:
    verbs = ["rà soát văn bản", "kiểm tra an ninh", "tổng hợp báo cáo kết quả", "triển khai chuyển đổi số",
             "thu hồi tài sản", "tuyên truyền pháp luật", "đôn đốc thi hành án"]
    owners = ["Sở Tư pháp", "Công an tỉnh", "Sở Nội vụ", "Cục Thi hành án dân sự tỉnh", "UBND các huyện"]
    lines = ["ỦY BAN NHÂN DÂN TỈNH X", "KẾ HOẠCH", f"Triển khai nhiệm vụ đợt {i} năm {2020 + i % 6}"]
    for k in range(1, 3 + rnd.randrange(5)):
        lines.append(f"{k}. {rnd.choice(owners)} chủ trì {rnd.choice(verbs)} đợt {i} mục {k} "
                     f"trước ngày {1 + rnd.randrange(28)}/{1 + rnd.randrange(12)}/{2021 + rnd.randrange(5)}.")
    return "\n".join(lines) + "\n"


def build_corpus(settings, docs: int) -> tuple[int, list[str]]:  # noqa: ANN001
    import ingest
    import nlp
    from search_api.context import Context
    from search_api.pipeline import commit, ensure_ready
    from tests.robustness.conftest import index_seed_corpus

    ctx = Context.from_settings(settings)
    try:
        ensure_ready(ctx)
        index_seed_corpus(ctx)
        rnd = random.Random(11)
        for i in range(docs):
            doc = ingest.parse_text(synthetic_text(i, rnd), filename=f"kh-{i:05d}.txt")
            commit(ctx, doc, nlp.extract(doc))
        ctx.es.indices.refresh(index=",".join(ctx.aliases.alias(n) for n in ("documents", "tasks", "citations")))
        resp = ctx.es.search(index=ctx.aliases.tasks, query={"match_all": {}}, size=10_000, source=False)
        ids = [h["_id"] for h in resp["hits"]["hits"]]
        return ctx.store.counts().tasks, ids
    finally:
        ctx.close()


# --- the server (a separate process) ---------------------------------------------------------


def serve_main(port: int) -> None:
    """``--serve PORT``: the API with the limiter, configured from the environment."""
    import uvicorn

    from search_api.config import Settings
    from search_api.limits import ConcurrencyLimit
    from search_api.main import create_app

    settings = Settings()
    app = create_app(settings, prepare_index=False)
    if not any(m.cls is ConcurrencyLimit for m in app.user_middleware):
        app.add_middleware(ConcurrencyLimit, max_concurrent=settings.concurrency_limit,
                           max_wait=settings.max_queue_wait_seconds)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--serve", str(port)],
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, cwd=str(ROOT),
        stdout=open(log, "ab"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,  # noqa: SIM115
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the API exited with {proc.returncode}; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code < 600:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the API did not answer within 60 s; see {log}")


def stop_process(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


# --- load ------------------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    shed: int = 0
    shed_without_retry_after: int = 0
    conflicts: int = 0
    requests: int = 0
    acked: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, took: float, resp: httpx.Response | None, error: str | None = None) -> None:
        with self.lock:
            self.requests += 1
            if resp is None:
                self.errors.append(f"{kind}: {error}")
                return
            self.latencies[kind].append(took)
            self.codes[resp.status_code] += 1
            if resp.status_code == 503:
                self.shed += 1
                if "retry-after" not in resp.headers:
                    self.shed_without_retry_after += 1
            elif resp.status_code == 409:
                self.conflicts += 1
            elif resp.status_code >= 400:
                self.errors.append(f"{kind}: {resp.status_code} {resp.text[:120]}")


BACKOFF = True  # clients honour Retry-After (set by --no-backoff)


def _backoff(resp: httpx.Response | None, rnd: random.Random, until: float) -> None:
    """A polite client: after a 503, wait Retry-After (with jitter) before the next request."""
    if not BACKOFF or resp is None or resp.status_code != 503:
        return
    try:
        wait = float(resp.headers.get("retry-after", "1"))
    except ValueError:
        wait = 1.0
    time.sleep(max(0.0, min(wait * rnd.uniform(0.5, 1.0), until - time.monotonic())))


def client_loop(base: str, stats: Stats, task_ids: list[str], until: float, seed: int, tag: str) -> None:
    rnd = random.Random(seed)
    n = 0
    with httpx.Client(base_url=base, headers=HEADERS, timeout=30) as client:
        while time.monotonic() < until and stats.requests < MAX_REQUESTS:
            resp = None
            roll = rnd.random()
            try:
                if roll < 0.60:
                    kind = "search"
                    params = {"q": rnd.choice(QUERIES), "size": rnd.choice([10, 20, 50])}
                    if rnd.random() < 0.2:
                        params["facets"] = "true"
                    t = time.perf_counter()
                    resp = client.get("/search", params=params)
                    stats.record(kind, time.perf_counter() - t, resp)
                elif roll < 0.85:
                    kind = "list"
                    params = {"limit": rnd.choice([20, 50, 100])}
                    if rnd.random() < 0.5:
                        params["owner"] = rnd.choice(OWNERS)
                    if rnd.random() < 0.3:
                        params["overdue"] = "true"
                    t = time.perf_counter()
                    resp = client.get("/tasks", params=params)
                    stats.record(kind, time.perf_counter() - t, resp)
                else:
                    kind = "edit"
                    task_id = rnd.choice(task_ids)
                    t = time.perf_counter()
                    got = client.get(f"/tasks/{task_id}")
                    if got.status_code != 200:
                        stats.record(kind, time.perf_counter() - t, got)
                        _backoff(got, rnd, until)
                        continue
                    note = f"bench-{tag}-{seed}-{n}"
                    n += 1
                    resp = client.patch(f"/tasks/{task_id}", json={"note": note},
                                        headers={"If-Match": got.headers.get("etag", "")})
                    stats.record(kind, time.perf_counter() - t, resp)
                    if resp.status_code == 200:
                        with stats.lock:
                            stats.acked[task_id].append(note)
            except httpx.HTTPError as exc:
                stats.record(kind, 0.0, None, f"{type(exc).__name__}: {exc}")
            _backoff(resp, rnd, until)


def run_phase(base: str, clients: int, seconds: float, task_ids: list[str], tag: str) -> tuple[Stats, float]:
    stats = Stats()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop, args=(base, stats, task_ids, until, 1000 * clients + i, tag),
                                daemon=True) for i in range(clients)]
    start = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=seconds + 60)
    return stats, time.perf_counter() - start


def report(label: str, stats: Stats, elapsed: float) -> None:
    ok = sum(n for code, n in stats.codes.items() if code < 400)
    print(f"\n== {label}: {stats.requests} requests in {elapsed:.1f}s = {stats.requests / elapsed:.1f} req/s "
          f"({ok / elapsed:.1f} ok/s)")
    print(f"   {'kind':<7} {'count':>7} {'p50':>9} {'p99':>9} {'max':>9}")
    for kind in ("search", "list", "edit"):
        values = stats.latencies.get(kind, [])
        if values:
            print(f"   {kind:<7} {len(values):>7} {pct(values, 50):>7.1f}ms {pct(values, 99):>7.1f}ms "
                  f"{max(values) * 1000:>7.1f}ms")
    codes = ", ".join(f"{c}: {n}" for c, n in sorted(stats.codes.items()))
    print(f"   status codes: {codes}")
    print(f"   errors: {len(stats.errors)}; shed (503): {stats.shed} "
          f"(without Retry-After: {stats.shed_without_retry_after}); conflicts (409): {stats.conflicts}")
    for line in stats.errors[:5]:
        print(f"     e.g. {line}")


def verify(base: str, expected_tasks: int, acked: dict[str, list[str]], es_url: str, prefix: str) -> bool:
    """Every task still indexed; every acknowledged note in the task and in its history."""
    ok = True
    httpx.post(f"{es_url}/{prefix}-tasks/_refresh", timeout=30)
    indexed = httpx.get(f"{es_url}/{prefix}-tasks/_count", timeout=30).json()["count"]
    with httpx.Client(base_url=base, headers=HEADERS, timeout=60) as client:
        total = client.get("/tasks", params={"limit": 1}).json().get("count")
        print(f"\n== counts: store {expected_tasks} tasks, index {indexed}, GET /tasks count {total}")
        if not (total == indexed == expected_tasks):
            print("   MISMATCH: tasks lost or duplicated")
            ok = False
        missing_task = missing_log = edits = 0
        for task_id, notes in acked.items():
            task = client.get(f"/tasks/{task_id}").json()
            history = client.get(f"/tasks/{task_id}/history").json()["data"]
            in_task = json.dumps(task.get("notes"), ensure_ascii=False)
            in_log = json.dumps(history, ensure_ascii=False)
            for note in notes:
                edits += 1
                missing_task += f'{note}"' not in in_task
                missing_log += f'{note}"' not in in_log
        print(f"   acknowledged edits: {edits} on {len(acked)} tasks; missing from the task: {missing_task}; "
              f"missing from the history: {missing_log}")
        ok = ok and missing_task == 0 and missing_log == 0
    print("   RESULT: " + ("nothing lost" if ok else "LOSS DETECTED"))
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--duration", type=float, default=150, help="seconds of mixed load, split between client counts")
    ap.add_argument("--clients", default="8,32", help="comma-separated concurrent client counts (8-32)")
    ap.add_argument("--docs", type=int, default=200, help="synthetic documents added to the seed corpus")
    ap.add_argument("--max-concurrent", type=int, default=16, help="limiter slots in the API")
    ap.add_argument("--max-wait", type=float, default=2.0, help="limiter queue wait (s)")
    ap.add_argument("--overload-clients", type=int, default=96, help="clients in the overload phase (0: skip)")
    ap.add_argument("--overload-seconds", type=float, default=20)
    ap.add_argument("--es-url", default=None, help="a loopback engine to use (default: start one)")
    ap.add_argument("--no-backoff", action="store_true", help="clients retry at once after a 503")
    args = ap.parse_args()
    global BACKOFF
    BACKOFF = not args.no_backoff
    if args.serve:
        serve_main(args.serve)
        return
    if args.es_url and not _loopback(args.es_url):
        raise SystemExit("--es-url must be a loopback address (this benchmark never leaves the machine)")
    counts = [max(1, min(64, int(c))) for c in args.clients.split(",") if c.strip()]

    from search_api.config import Settings
    from search_api.engine import LocalEngine
    from tests.conftest import free_port

    tmp = Path(tempfile.mkdtemp(prefix="bench-load-"))
    engine = None
    server = None
    url = args.es_url
    try:
        if not url:
            engine = LocalEngine(tmp / "engine", free_port())
            engine.start()
            url = engine.url
        prefix = f"load{uuid.uuid4().hex[:6]}"
        env = {"ES_URL": url, "DIRECTIVES_DATA_DIR": str(tmp / "data"), "ES_INDEX_PREFIX": prefix,
               "DIRECTIVES_API_KEYS": f"{EDITOR_KEY}:editor", "DIRECTIVES_MAX_CONCURRENT": str(args.max_concurrent),
               "DIRECTIVES_MAX_QUEUE_WAIT": str(args.max_wait)}
        settings = Settings(**env)
        t = time.perf_counter()
        stored, task_ids = build_corpus(settings, args.docs)
        print(f"corpus: {stored} tasks ({args.docs} synthetic documents + seeds) built in "
              f"{time.perf_counter() - t:.1f}s; limiter {args.max_concurrent} slots, {args.max_wait:g}s wait")
        port = free_port()
        server = start_server(env, port, tmp / "api.log")
        base = f"http://127.0.0.1:{port}"
        acked: dict[str, list[str]] = defaultdict(list)
        for clients in counts:
            stats, elapsed = run_phase(base, clients, args.duration / len(counts), task_ids, f"c{clients}")
            report(f"{clients} clients", stats, elapsed)
            for k, v in stats.acked.items():
                acked[k].extend(v)
        if args.overload_clients:
            stats, elapsed = run_phase(base, args.overload_clients, args.overload_seconds, task_ids, "over")
            report(f"overload: {args.overload_clients} clients > {args.max_concurrent} slots", stats, elapsed)
            worst = max((max(v) for v in stats.latencies.values() if v), default=0.0)
            print(f"   worst latency under overload: {worst:.1f}s (queue wait bound {args.max_wait:g}s)")
            for k, v in stats.acked.items():
                acked[k].extend(v)
        ok = verify(base, stored, acked, url, prefix)
    finally:
        stop_process(server)
        if engine is not None:
            engine.stop()
    print(f"(logs in {tmp})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
