"""Implementation-trace benchmark: real implementing pairs, task links hand-judged beforehand.

tests/fixtures/trace/pairs.json names the pairs, links.jsonl the links (see SOURCES.md).
Tasks come from ``nlp.extract``; a gold link's ``down`` / ``up`` snippet picks one task.
Prints precision and recall of ``search_api.legal.trace.match`` at the configured threshold
and, with --sweep, at other thresholds.

    .venv/bin/python tests/bench/bench_trace.py [--sweep] [--halves] [-v]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "trace"
# --halves: features and weights are tuned on these pairs (14 links) and reported on the
# others (18 links), never on the links they were tuned on
TUNE_HALF = frozenset({"cd220-cv6278", "kl221-cv174"})


@dataclass(frozen=True)
class Pair:
    id: str
    upstream: list  # TraceTask
    downstream: list
    gold: frozenset[tuple[str, str]]  # (downstream id, upstream id)
    abbreviations: dict
    upstream_key: str

    def match(self, threshold: float | None = None):
        from search_api.legal.trace import match

        return match(self.upstream, self.downstream, abbreviations=self.abbreviations,
                     upstream_key=self.upstream_key, threshold=threshold)


def _pick(tasks, snippet: str, where: str):
    parts = snippet.split("|")
    hits = [t for t in tasks if all(p in " ".join(t.owners) + " " + t.text for p in parts)]
    if len(hits) != 1:
        raise ValueError(f"links.jsonl: {where} snippet {snippet!r} picks {len(hits)} tasks, not 1")
    return hits[0]


@cache
def _extraction(file: str):
    import ingest
    import nlp

    return nlp.extract(ingest.parse(FIXTURES / file))


def _tasks(file: str) -> tuple:
    from search_api.legal.trace import tasks_of

    return tuple(tasks_of(_extraction(file)))


def load_pairs() -> list[Pair]:
    spec = json.loads((FIXTURES / "pairs.json").read_text(encoding="utf-8"))["pairs"]
    links = [json.loads(x) for x in (FIXTURES / "links.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    out = []
    for p in spec:
        up, down = list(_tasks(p["upstream"])), list(_tasks(p["downstream"]))
        gold = frozenset((_pick(down, x["down"], "down").id, _pick(up, x["up"], "up").id)
                         for x in links if x["pair"] == p["id"])
        abbr = _extraction(p["upstream"]).abbreviations | _extraction(p["downstream"]).abbreviations
        out.append(Pair(p["id"], up, down, gold, abbr, p["upstream_key"]))
    return out


def evaluate(pairs: list[Pair], threshold: float | None = None) -> dict[str, float]:
    tp = fp = fn = 0
    for p in pairs:
        got = {(x.downstream, x.upstream) for x in p.match(threshold).links}
        tp += len(got & p.gold)
        fp += len(got - p.gold)
        fn += len(p.gold - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"links": tp + fn, "proposed": tp + fp, "precision": precision, "recall": recall}


def main(argv: list[str]) -> int:
    from search_api.legal.trace import settings

    pairs = load_pairs()
    if "--sweep" in argv:
        for t in [x / 100 for x in range(10, 61, 2)]:
            s = evaluate(pairs, t)
            print(f"threshold {t:.2f}  proposed {s['proposed']:3d}  precision {s['precision']:.3f}  recall {s['recall']:.3f}")
    if "-v" in argv:
        for p in pairs:
            got = {(x.downstream, x.upstream): x for x in p.match().links}
            text = {t.id: t.text[:70] for t in p.upstream + p.downstream}
            for k, x in got.items():
                print(f"{'OK ' if k in p.gold else 'FP '} {p.id} {x.score:.2f} {text[k[0]]} -> {text[k[1]]} {x.words[:4]}")
            for k in p.gold - got.keys():
                print(f"FN  {p.id} {text[k[0]]} -> {text[k[1]]}")
    if "--halves" in argv:  # a fixed split for tuning on one half and reporting the other
        for name, ids in (("tune", TUNE_HALF), ("report", {p.id for p in pairs} - TUNE_HALF)):
            h = evaluate([p for p in pairs if p.id in ids])
            print(f"{name:6s} {sorted(ids)}  links {h['links']}  proposed {h['proposed']}  "
                  f"precision {h['precision']:.3f}  recall {h['recall']:.3f}")
    s = evaluate(pairs)
    cov = [p.match().coverage for p in pairs]
    print(f"pairs {len(pairs)}  gold links {s['links']}  threshold {settings().threshold:.2f}  proposed "
          f"{s['proposed']}  precision {s['precision']:.3f}  recall {s['recall']:.3f}")
    for p, c in zip(pairs, cov, strict=True):
        print(f"  {p.id}: {c.text}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main(sys.argv[1:]))
