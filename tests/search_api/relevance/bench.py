"""Issue 14's judged benchmark: the product (through ``GET /search``) beside plain BM25.

The corpus is the seeds and the dev documents, parsed for real and extracted from their gold
files (as tests/search_api/conftest.py does), indexed on each backend asked for. Prints nDCG@10,
recall@10, MRR and P@5 per query family, for the half asked for (``tune``, ``held`` or ``all``).

    .venv/bin/python -m tests.search_api.relevance.bench [--backends embedded,elasticsearch] [--half tune]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import ingest
from search_api.context import Context
from search_api.main import create_app
from search_api.pipeline import commit, ensure_ready
from tests.conftest import CORPUS, GOLD, SEEDS
from tests.search_api.gold import gold_extraction, load_gold, with_gold_metadata
from tests.search_api.relevance.bm25 import BM25
from tests.search_api.relevance.judge import GoldTask, judgments
from tests.search_api.relevance.metrics import Scores, score

HERE = Path(__file__).parent
QUERIES = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))["queries"]
DEV_GOLD = HERE.parents[1] / "nlp" / "dev_gold"
TODAY = date(2024, 6, 1)
# The dev documents the queries were written against (the folder grows: ``--corpus all`` takes
# every one, the later ones being documents no query was written for).
PINNED_DEV = ("101_", "102_", "103_", "104_", "105_", "106_", "107_", "108_", "109_")
FAMILIES = ["topical", "accent_free", "abbreviation", "typo", "phrase", "owner", "number", "period", "absent"]


@dataclass
class Bench:
    docs: list[tuple[Any, Any]]  # (ParsedDocument, Extraction)
    tasks: list[GoldTask]
    documents: dict[str, str]  # file name -> document id


def sources(corpus: str = "pinned") -> list[tuple[Path, Path]]:
    seeds = [(s, GOLD) for s in sorted(SEEDS.glob("*.txt"))]
    dev = [(s, DEV_GOLD) for s in sorted((CORPUS / "dev").glob("*.txt"))
           if (DEV_GOLD / f"{s.stem}.json").exists() and (corpus == "all" or s.name.startswith(PINNED_DEV))]
    return seeds + dev


def load(corpus: str = "pinned") -> Bench:
    docs, tasks, documents = [], [], {}
    for path, gold_dir in sources(corpus):
        gold = load_gold(gold_dir, path)
        doc = with_gold_metadata(ingest.parse(path), gold)
        ext = gold_extraction(doc, gold)
        docs.append((doc, ext))
        documents[path.name] = doc.id
        for task, g in zip(ext.tasks, gold["tasks"], strict=True):
            dl = (g.get("deadline") or {}).get("date")
            tasks.append(GoldTask(task.id, path.name, task.text, tuple(g.get("owners", [])), dl))
    return Bench(docs, tasks, documents)


@contextmanager
def product(bench: Bench, es_url: str | None, data_dir: Path) -> Iterator[Callable[[str], list[str]]]:
    """A search function over the indexed benchmark corpus on one backend (the real API)."""
    from fastapi.testclient import TestClient

    from tests.search_api.conftest import make_settings

    ctx = Context.from_settings(make_settings(es_url, data_dir))
    ctx.today = lambda: TODAY
    ensure_ready(ctx)
    for doc, ext in bench.docs:
        commit(ctx, doc, ext)
    ctx.search.refresh()
    app = create_app(ctx.settings, context=ctx)
    try:
        with TestClient(app) as client:
            def run(q: str) -> list[str]:
                resp = client.get("/search", params={"q": q, "size": 10})
                resp.raise_for_status()
                return [h["id"] for h in resp.json()["hits"]]
            yield run
    finally:
        ctx.search.drop_all()
        ctx.close()


def evaluate(bench: Bench, run: Callable[[str], list[str]], queries: list[dict]) -> dict[str, Scores]:
    """Per query id, the scores of ``run``'s ranking."""
    return {q["id"]: score(run(q["q"]), judgments(q, bench.tasks, bench.documents)) for q in queries}


def by_family(scores: dict[str, Scores], queries: list[dict]) -> dict[str, Scores]:
    groups: dict[str, list[Scores]] = defaultdict(list)
    for q in queries:
        groups[q["family"]].append(scores[q["id"]])
        groups["total"].append(scores[q["id"]])
    return {f: Scores(*(sum(getattr(s, m) for s in v) / len(v) for m in ("ndcg", "recall", "mrr", "p5")))
            for f, v in groups.items()}


def table(systems: dict[str, dict[str, Scores]]) -> str:
    names = list(systems)
    head = "| family | " + " | ".join(f"{n} nDCG / R@10 / MRR / P@5" for n in names) + " |"
    lines = [head, "|---" * (len(names) + 1) + "|"]
    for fam in [*FAMILIES, "total"]:
        cells = []
        for n in names:
            s = systems[n].get(fam)
            cells.append("-" if s is None else f"{s.ndcg:.3f} / {s.recall:.3f} / {s.mrr:.3f} / {s.p5:.3f}")
        lines.append(f"| {fam} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


@contextmanager
def engine(kind: str, tmp: Path) -> Iterator[str | None]:
    if kind == "embedded":
        yield None
        return
    from tests.conftest import LocalEngine, free_port

    eng = LocalEngine(tmp / "engine", free_port())
    eng.start()
    try:
        yield eng.url
    finally:
        eng.stop()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backends", default="embedded")
    ap.add_argument("--half", choices=["tune", "held", "all"], default="tune")
    ap.add_argument("--queries", action="store_true", help="also print each query's nDCG")
    ap.add_argument("--corpus", choices=["pinned", "all"], default="pinned",
                    help="the documents the queries were written against, or every dev document")
    args = ap.parse_args(argv)
    queries = [q for q in QUERIES if args.half == "all" or q["half"] == args.half]
    bench = load(args.corpus)
    bm25 = BM25(bench.tasks)
    per_query = {"bm25": evaluate(bench, bm25.search, queries)}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.backends.split(","):
            with engine(kind, Path(tmp)) as url, product(bench, url, Path(tmp) / kind) as run:
                per_query[kind] = evaluate(bench, run, queries)
    print(f"{len(queries)} queries ({args.half}), {len(bench.tasks)} gold tasks in {len(bench.documents)} documents")
    print(table({n: by_family(s, queries) for n, s in per_query.items()}))
    if args.queries:
        for q in queries:
            print(f"{q['id']:4} {q['family']:12} " + " ".join(f"{n}={s[q['id']].ndcg:.2f}" for n, s in per_query.items())
                  + f"  {q['q']}")


if __name__ == "__main__":
    main()
