"""Implementation-trace benchmark: real implementing pairs, task links hand-judged beforehand.

tests/fixtures/trace/pairs.json names the pairs, links.jsonl the links (see SOURCES.md).
Tasks are read from tests/fixtures/trace/tasks.json, the extractor's output frozen by
``--freeze`` (with the commit it ran at), so that the matcher's figures do not move with
extractor changes; ``--live`` extracts them again with ``nlp.extract``. A gold link's
``down`` / ``up`` snippet picks one task by its owners and text (never by its id, which
holds a hash of the text), so the links resolve to frozen and live tasks alike.
Prints precision and recall of ``search_api.legal.trace.match`` at the configured threshold
on the tuning half, on the report half (never tuned on: weights and the threshold are chosen
on the tuning half only) and overall, and the precision of the links classed "strong"; with
--sweep, the precision / recall curve over the threshold and the recall each half reaches at
precision >= 0.85 (the threshold before its rise for a long upstream document, ``crowd``);
with -v, every proposed and missed link of the tuning half (the report half's are not shown,
so that they do not end up tuned on).

    .venv/bin/python tests/bench/bench_trace.py [--live] [--sweep] [--ranks] [--grid] [--background] [--compounds] [--diagnose] [--ceiling] [--copy] [--context] [--split] [--learn] [-v]
    .venv/bin/python tests/bench/bench_trace.py --freeze   # add the documents not frozen yet
    .venv/bin/python tests/bench/bench_trace.py --freeze --refresh   # extract every document again
    .venv/bin/python tests/bench/bench_trace.py --freeze --context   # add the headings above each frozen task

--background: each pair's word weights (IDF) count the tasks of the other fixture documents
beside the pair's own (``trace_words.Background``), a word every task of the pair says being
perhaps rare elsewhere; off by default (the data file's settings are chosen without it).

--compounds: syllable pairs only inside one word of pyvi's segmentation ("tài sản" of "tài sản
công", not "sản công"); off by default.

--ranks: where each gold link's upstream task ranks among its downstream task's candidates
(totals per half: whether the links reach the candidates at all).

--diagnose: for the tuning half's gold links whose upstream task is not the best candidate, which
evidence (owner, section, order, a shared rare word, a quoted run of syllables, a quoted part)
favours the gold over that best: counts per class, no texts.

--ceiling: where the recall ceiling comes from, totals per half (no texts): each gold link whose
upstream task is not its downstream task's first candidate (other gold links aside) is "separable" when some
evidence (owner, order, section, a shared or quoted citation, a copied run of syllables, a rarer
shared word, the upstream task naming an owner or lying in the main numbering) favours it over
every wrong candidate ranked above it, "dominated" when a wrong candidate above it has at least
as much of every evidence; and the recall a rule could reach at precision >= 0.85 if it made no
rule monotone in the hand score and every evidence could reach: linking a gold link links every
wrong candidate (among its downstream task's best 3, any pair) with at least as much of each.

--copy: the grid also tries a bonus for a pair sharing a run of COPY_MIN syllables word for word
(a plan copying its directive's sentence; ``trace.Settings.copy_weight``, off in data/trace.json).

--context: with --grid, the grid also tries CONTEXT_GRID's weights of the headings above a
downstream task said by the upstream task (``trace.Settings.context_weight``, frozen tasks'
``context``) and prints the grid with it at 0 beside (same run); with --ceiling, the ceiling also
counted with that evidence.

--split: the grid also tries SPLIT_GRID's margins for a further link in another upstream section
(``trace.Settings.split``), printed beside the grid with it off (same run).

--learn: a logistic combination of each pair's evidence features (``trace.features``,
``trace_model.fit``) evaluated leave-one-pair-out over all pairs, each fold's threshold chosen
on its training pairs' own leave-one-pair-out probabilities (precision >= 0.85, the highest
recall), beside the grid's leave-one-pair-out of the hand-weighted settings, same run.

--grid: the settings of the owner, order, section, confidence (lift) and long-document
(crowd) evidence and the threshold chosen on the tuning half (the rule of :func:`best`), and a leave-one-pair-out estimate over
all pairs: each pair scored with the settings the grid chooses on the seven others (totals
only, and the settings each fold chose).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "trace"
FROZEN = FIXTURES / "tasks.json"  # the extracted tasks per document, written by --freeze
# features and weights are tuned on these pairs (88 links: two letters, then from 2026-12-07
# four pairs shaped like the report half) and reported on the others (34 links), never on the
# links they were tuned on
COMPOUNDS = [False]  # --compounds: syllable pairs only inside one of pyvi's words
BACKGROUND = [False]  # --background: each pair's IDF counts the other fixture documents' tasks too
TUNE_HALF = frozenset({"cd220-cv6278", "kl221-cv174", "cd227-cd232", "cd227-nq380", "ct32-kh1026", "cd223-cd2011"})


@dataclass(frozen=True)
class Pair:
    id: str
    upstream: list  # TraceTask
    downstream: list
    gold: frozenset[tuple[str, str]]  # (downstream id, upstream id)
    abbreviations: dict
    upstream_key: str
    issuer: str | None = None  # the downstream document's
    background: object = None  # trace_words.Background: the other fixture documents' tasks (--background)

    def cfg(self, cfg=None):
        """``cfg`` (default data/trace.json's) with this pair's background IDF when --background."""
        import dataclasses

        from search_api.legal.trace import settings

        cfg = cfg or settings()
        cfg = dataclasses.replace(cfg, compounds=True) if COMPOUNDS[0] else cfg
        return dataclasses.replace(cfg, background=self.background) if BACKGROUND[0] else cfg

    def match(self, threshold: float | None = None, cfg=None):
        from search_api.legal.trace import match

        return match(self.upstream, self.downstream, abbreviations=self.abbreviations,
                     upstream_key=self.upstream_key, threshold=threshold, downstream_issuer=self.issuer,
                     cfg=self.cfg(cfg))


def _pick(tasks, snippet: str, where: str):
    parts = snippet.split("|")
    hits = [t for t in tasks if all(p in " ".join(t.owners) + " " + t.text for p in parts)]
    if len(hits) != 1:
        raise ValueError(f"links.jsonl: {where} snippet {snippet!r} picks {len(hits)} tasks, not 1")
    return hits[0]


@cache
def _parsed(file: str):
    import ingest

    return ingest.parse(FIXTURES / file)


@cache
def _extraction(file: str):
    import nlp

    return nlp.extract(_parsed(file))


def _live(file: str) -> dict:
    """A fixture document as the bench needs it, extracted now: its tasks, abbreviations and
    issuer (the form tasks.json keeps)."""
    from search_api.legal.trace import tasks_of

    return {"issuer": _parsed(file).metadata.issuer, "abbreviations": dict(_extraction(file).abbreviations),
            "tasks": [{"id": t.id, "text": t.text, "owners": list(t.owners), "section": t.section,
                       "refs": list(t.refs), "context": list(t.context)}
                      for t in tasks_of(_extraction(file), _parsed(file))]}


@cache
def _frozen() -> dict:
    try:
        return json.loads(FROZEN.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SystemExit(f"{FROZEN} is missing: run tests/bench/bench_trace.py --freeze") from None


def _document(file: str, live: bool) -> dict:
    if live:
        return _live(file)
    docs = _frozen()["documents"]
    if file not in docs:
        raise SystemExit(f"{FROZEN.name} has no {file}: run tests/bench/bench_trace.py --freeze")
    return docs[file]


def _tasks(doc: dict) -> list:
    from search_api.legal.trace import TraceTask

    return [TraceTask(t["id"], t["text"], tuple(t["owners"]), t["section"], tuple(t["refs"]),
                      tuple(t.get("context", ()))) for t in doc["tasks"]]


def _files() -> list[str]:
    spec = json.loads((FIXTURES / "pairs.json").read_text(encoding="utf-8"))["pairs"]
    return sorted({p[side] for p in spec for side in ("upstream", "downstream")})


def freeze(refresh: bool = False) -> dict:
    """Write tasks.json: the tasks of every fixture document of pairs.json not frozen yet,
    from the current extractor, with the commit it ran at and the extractor's files changed
    since (``dirty``), kept per document in ``added``; the documents already frozen stay as
    they are (their figures must not move with the extractor). ``refresh``: extract every
    document again (one commit for all)."""
    import datetime
    import subprocess

    root = Path(__file__).resolve().parents[2]

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False).stdout.strip()

    dirty = [x.split(maxsplit=1)[1] for x in git("status", "--porcelain", "--", "nlp", "ingest").splitlines()]
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")
    old = {} if refresh or not FROZEN.exists() else json.loads(FROZEN.read_text(encoding="utf-8"))
    out = {"#": "Tasks nlp.extract gives for the fixture documents of pairs.json, frozen so that "
                "tests/bench/bench_trace.py measures the matcher alone (--live extracts again); --freeze adds "
                "the documents not frozen yet (recorded in added: the commit the extractor ran at for them, "
                "the nlp/ and ingest/ files changed since in the work tree, when), --freeze --refresh extracts "
                "all again. commit, dirty, frozen_at: the same for the documents frozen first.",
           "commit": old.get("commit") or git("rev-parse", "HEAD"), "dirty": old.get("dirty", dirty),
           "frozen_at": old.get("frozen_at", now), "added": dict(old.get("added", {})),
           "documents": dict(old.get("documents", {}))}
    for f in _files():
        if f not in out["documents"]:
            out["documents"][f] = _live(f)
            if old:
                out["added"][f] = {"commit": git("rev-parse", "HEAD"), "dirty": dirty, "frozen_at": now}
    out["documents"] = {f: out["documents"][f] for f in _files()}
    FROZEN.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def freeze_context() -> dict:
    """Add to every frozen task of tasks.json the headings it sits under (``context``,
    :func:`trace_context.headings`), read from the fixture text's section tree as ``ingest.parse``
    gives it now (matched by the task's section path; ids, texts and the rest stay byte for byte,
    so links.jsonl's snippets pick the same tasks), recording the commit and the ingest/ files
    changed in the work tree (``context_added``). Returns the new file's content."""
    import datetime
    import subprocess

    from search_api.legal.trace_context import headings

    root = Path(__file__).resolve().parents[2]

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False).stdout.strip()

    out = json.loads(FROZEN.read_text(encoding="utf-8"))
    for f, doc in out["documents"].items():
        sections = _parsed(f).sections
        doc["tasks"] = [{**t, "context": list(headings(sections, t["section"], t["text"]))} for t in doc["tasks"]]
    out["context_added"] = {
        "#": "context (the headings above each task) added to the frozen tasks by --freeze --context, from "
             "ingest.parse at this commit with these ingest/ files changed in the work tree",
        "commit": git("rev-parse", "HEAD"),
        "dirty": [x.split(maxsplit=1)[1] for x in git("status", "--porcelain", "--", "ingest").splitlines()],
        "at": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%MZ")}
    FROZEN.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def load_pairs(live: bool = False) -> list[Pair]:
    """The benchmark's pairs on the frozen tasks (``live``: extracted now)."""
    spec = json.loads((FIXTURES / "pairs.json").read_text(encoding="utf-8"))["pairs"]
    links = [json.loads(x) for x in (FIXTURES / "links.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    from search_api.legal.trace import background_of

    docs = {f: _document(f, live) for f in _files()}
    out = []
    for p in spec:
        u_doc, d_doc = docs[p["upstream"]], docs[p["downstream"]]
        up, down = _tasks(u_doc), _tasks(d_doc)
        gold = frozenset((_pick(down, x["down"], "down").id, _pick(up, x["up"], "up").id)
                         for x in links if x["pair"] == p["id"])
        abbr = u_doc["abbreviations"] | d_doc["abbreviations"]
        others = [(_tasks(d), d["abbreviations"]) for f, d in docs.items() if f not in (p["upstream"], p["downstream"])]
        out.append(Pair(p["id"], up, down, gold, abbr, p["upstream_key"],
                        p.get("downstream_issuer") or d_doc["issuer"], background_of(others)))
    return out


def evaluate(pairs: list[Pair], threshold: float | None = None, cfg=None) -> dict[str, float]:
    tp = fp = fn = 0
    for p in pairs:
        got = {(x.downstream, x.upstream) for x in p.match(threshold, cfg).links}
        tp += len(got & p.gold)
        fp += len(got - p.gold)
        fn += len(p.gold - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"links": tp + fn, "proposed": tp + fp, "precision": precision, "recall": recall, "tp": tp}


GRID = {  # data/trace.json's neutral value first: a tie on the tuning half keeps the mechanism off
    # scoring settings (pairs scored once per combination)
    "copy": (0.0,),  # weights.copy, the copied-run bonus (its run: COPY_MIN); --copy: COPY_GRID
    "context": (0.0,),  # weights.context, the headings above the downstream task; --context: CONTEXT_GRID
    "other_owner": (1.0, 0.7, 0.5, 0.3),
    "order": ((0.0, 0.1), (0.05, 0.15), (0.1, 0.15)),  # weight, floor
    "section_weight": (0.0, 0.3, 0.5, 0.7),
    # assignment settings
    "lift": (1.0, 1.2, 1.5, 2.0),
    "crowd": (0.0, 0.03, 0.06),
    "split": (0.0,),  # a further link within split x the best in another upstream section; --split: SPLIT_GRID
    "threshold": tuple(x / 100 for x in range(12, 51, 2)),
}
GRID_NAMES = "copy, context, other_owner, order weight/floor, section, lift, crowd, split, threshold"
SPLIT_GRID = (0.0, 0.9, 0.8, 0.7)  # --split: the further links' margins tried (0: off)
COPY_GRID = (0.0, 0.1, 0.2)  # --copy: the copy bonus's weights tried (3 times the grid's time)
CONTEXT_GRID = (0.0, 0.15, 0.3, 0.5)  # --context: the headings' weights tried (4 times the grid's time)
COPY_MIN = 10  # syllables copied word for word for the copy bonus (trace.Settings.copy_min)
TARGET = 0.85  # precision


def _links(p: Pair, scored, ctx, cfg, threshold: float) -> set[tuple[str, str]]:
    from search_api.legal import trace

    limit = threshold + trace.crowding(len(p.upstream), cfg)
    return {(x.downstream, x.upstream) for x in trace._assign(p.upstream, p.downstream, scored, ctx, cfg, limit,
                                                              words=False).links}


def grid_counts(pairs: list[Pair]) -> dict[tuple, dict[str, tuple[int, int, int]]]:
    """(tp, fp, fn) of every pair at every grid point (pairs scored once per scoring setting)."""
    import dataclasses
    import itertools

    from search_api.legal import trace

    out: dict[tuple, dict[str, tuple[int, int, int]]] = {}
    for cw, xw, oo, (ow, of), sw in itertools.product(GRID["copy"], GRID["context"], GRID["other_owner"],
                                                      GRID["order"], GRID["section_weight"]):
        cfg = dataclasses.replace(trace.settings(), other_owner=oo, order_weight=ow, order_floor=of,
                                  section_weight=sw, copy_weight=cw, copy_min=COPY_MIN, context_weight=xw)
        for p in pairs:
            pcfg = p.cfg(cfg)
            scored, ctx = trace._scored(p.upstream, p.downstream, p.abbreviations, p.upstream_key, p.issuer, pcfg,
                                        words=False)
            for lift, crowd, sp, th in itertools.product(GRID["lift"], GRID["crowd"], GRID["split"], GRID["threshold"]):
                got = _links(p, scored, ctx, dataclasses.replace(pcfg, lift=lift, crowd=crowd, split=sp), th)
                out.setdefault((cw, xw, oo, ow, of, sw, lift, crowd, sp, th), {})[p.id] = (
                    len(got & p.gold), len(got - p.gold), len(p.gold - got))
    return dict(sorted(out.items(), key=lambda kv: _order(kv[0])))


def _order(point: tuple) -> tuple:
    """A grid point's place in GRID's order."""
    cw, xw, oo, ow, of, sw, lift, crowd, sp, th = point
    return (GRID["copy"].index(cw), GRID["context"].index(xw), GRID["other_owner"].index(oo),
            GRID["order"].index((ow, of)), GRID["section_weight"].index(sw), GRID["lift"].index(lift),
            GRID["crowd"].index(crowd), GRID["split"].index(sp), GRID["threshold"].index(th))


def settings_of(point: tuple):
    """data/trace.json's settings with a grid point's."""
    import dataclasses

    from search_api.legal import trace

    cw, xw, oo, ow, of, sw, lift, crowd, sp, th = point
    return dataclasses.replace(trace.settings(), other_owner=oo, order_weight=ow, order_floor=of, section_weight=sw,
                               lift=lift, crowd=crowd, threshold=th, copy_weight=cw, copy_min=COPY_MIN,
                               context_weight=xw, split=sp)


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def best(counts: dict[tuple, dict[str, tuple[int, int, int]]], ids: set[str]) -> tuple:
    """The grid point with precision >= TARGET and the highest recall on the pairs ``ids``
    (then the higher precision); when none reaches TARGET, the highest F1. Ties: the setting
    whose F1 holds best over the thresholds (mean F1 of its other points), then the first in
    GRID's order (mechanisms off first)."""
    def f1(point: tuple) -> tuple[float, float, float]:
        tp, fp, fn = (sum(counts[point][i][k] for i in ids) for k in range(3))
        p, r = _pr(tp, fp, fn)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    steady: dict[tuple, list[float]] = {}
    for point in counts:
        steady.setdefault(point[:-1], []).append(f1(point)[2])

    def key(point: tuple) -> tuple:
        p, r, f = f1(point)
        held = sum(steady[point[:-1]]) / len(steady[point[:-1]])
        return (p >= TARGET, r if p >= TARGET else f, p, held)

    points = list(counts)
    return max(points, key=lambda x: (key(x), -points.index(x)))


SWEEP = tuple(x / 100 for x in range(10, 81))


def sweep(pairs: list[Pair], cfg=None) -> dict[float, tuple[int, int, int]]:
    """(tp, fp, fn) over ``pairs`` at each threshold of SWEEP (the other settings: ``cfg`` or
    data/trace.json's; each pair scored once)."""
    from search_api.legal import trace

    cfg = cfg or trace.settings()
    out = dict.fromkeys(SWEEP, (0, 0, 0))
    for p in pairs:
        pcfg = p.cfg(cfg)
        scored, ctx = trace._scored(p.upstream, p.downstream, p.abbreviations, p.upstream_key, p.issuer, pcfg,
                                    words=False)
        for t in SWEEP:
            got = _links(p, scored, ctx, pcfg, t)
            out[t] = tuple(a + b for a, b in zip(out[t], (len(got & p.gold), len(got - p.gold), len(p.gold - got)),
                                                 strict=True))
    return out


def at_precision(curve: dict[float, tuple[int, int, int]], target: float = TARGET) -> tuple[float, float, float] | None:
    """(threshold, precision, recall) of the highest recall with precision >= ``target`` and a
    link proposed at least, lowest threshold on ties; None when no threshold reaches it."""
    ok = [(t, *_pr(*c)) for t, c in curve.items() if c[0] + c[1] and _pr(*c)[0] >= target]
    return max(ok, key=lambda x: (x[2], -x[0])) if ok else None


RECALL = 0.70  # the recall the target asks for at precision TARGET


def at_recall(curve: dict[float, tuple[int, int, int]], target: float = RECALL) -> tuple[float, float, float] | None:
    """(threshold, precision, recall) of the highest precision with recall >= ``target``
    (highest threshold on ties); None when no threshold reaches it."""
    ok = [(t, *_pr(*c)) for t, c in curve.items() if c[0] + c[1] and _pr(*c)[1] >= target]
    return max(ok, key=lambda x: (x[1], x[0])) if ok else None


def _at_recall_text(curve: dict[float, tuple[int, int, int]]) -> str:
    hit = at_recall(curve)
    return f"precision {hit[1]:.3f} (recall {hit[2]:.3f}, threshold {hit[0]:.2f})" if hit else "never"


def sweep_text(pairs: list[Pair], cfg=None) -> str:
    """The curve of each half, one line per threshold where any half's figures change, and
    the recall each half reaches at precision >= TARGET."""
    parts = halves(pairs)
    curves = [sweep(ps, cfg) for _, ps in parts]
    lines = ["threshold  " + "  ".join(f"{name:>8s} P     R     n" for name, _ in parts)]
    last = None
    for t in SWEEP:
        cells = tuple(c[t] for c in curves)
        if cells == last:
            continue
        last = cells
        lines.append(f"  {t:.2f}    " + "  ".join(f"{_pr(*c)[0]:.3f} {_pr(*c)[1]:.3f} {c[0] + c[1]:3d}"
                                               for c in cells))
    for (name, _), c in zip(parts, curves, strict=True):
        hit = at_precision(c)
        lines.append(f"{name:8s} at precision >= {TARGET}: " + (f"recall {hit[2]:.3f} (precision {hit[1]:.3f}, "
                                                                 f"threshold {hit[0]:.2f})" if hit else "never")
                     + f"; at recall >= {RECALL}: {_at_recall_text(c)}")
    return "\n".join(lines)


def pair_features(p: Pair, cfg=None) -> dict[tuple[str, str], dict[str, float]]:
    """Every (downstream, upstream) task pair's evidence features (``trace.features``)."""
    from search_api.legal import trace

    pcfg = p.cfg(cfg)
    _, ctx = trace._scored(p.upstream, p.downstream, p.abbreviations, p.upstream_key, p.issuer, pcfg, words=False)
    return trace.features(p.upstream, p.downstream, ctx)


DIAGNOSE = ("same or member owner", "section alignment", "order", "shared rare word", "quoted key phrase",
            "quoted part")


def diagnose(pairs: list[Pair]) -> dict[str, int]:
    """For the gold links whose upstream task is not its downstream task's best candidate at
    data/trace.json's settings, which evidence would favour the gold over that best: counts per
    class (a link may be in several), 'none' when no class does, 'only <class>' when one alone.
    Run on the tuning half only."""
    from search_api.legal import trace

    out: dict[str, int] = {"gold links": 0, "gold not first": 0, "none": 0}
    for p in pairs:
        feats = pair_features(p)
        scored = trace.score_all(p.upstream, p.downstream, abbreviations=p.abbreviations,
                                 upstream_key=p.upstream_key, downstream_issuer=p.issuer, cfg=p.cfg())
        for d, u in p.gold:
            out["gold links"] += 1
            top = max((x for x in scored if x.downstream == d), key=lambda x: x.score)
            if top.upstream == u:
                continue
            out["gold not first"] += 1
            if (d, top.upstream) in p.gold:
                out["another gold link first"] = out.get("another gold link first", 0) + 1
                continue
            g, t = feats[(d, u)], feats[(d, top.upstream)]
            owner = lambda f: 2 * f["same_owner"] + f["member_owner"] - f["other_owner"]  # noqa: E731
            why = [owner(g) > owner(t), g["section"] > t["section"], g["order"] > t["order"],
                   g["rare"] > t["rare"] + 1e-9, g["runs"] > t["runs"], g["part"] > t["part"]]
            hits = [name for name, ok in zip(DIAGNOSE, why, strict=True) if ok]
            for name in hits:
                out[name] = out.get(name, 0) + 1
            if len(hits) == 1:
                out["only " + hits[0]] = out.get("only " + hits[0], 0) + 1
            if not hits:
                out["none"] += 1
    return out


EVIDENCE = ("owner", "order", "section", "refs", "cites", "part", "copy", "rare", "named", "main")
CONTEXT_EVIDENCE = EVIDENCE + ("context",)  # --ceiling --context: with the headings above the downstream task


def _evidence(f: dict[str, float]) -> dict[str, float]:
    """A pair's evidence for :func:`ceiling`, each the more the better."""
    owner = 2 * f["same_owner"] + max(f["member_owner"], f["same_field"]) - f["other_owner"]
    return {"owner": owner, "order": f["order"], "section": f["section"], "refs": f["refs"], "cites": f["cites"],
            "part": f["part"], "copy": f["copy"], "rare": f["rare"], "named": 1 - f["no_owner"],
            "main": 1 - f["aside"], "context": f["context"]}


def ceiling(pairs: list[Pair], target: float = TARGET, evidence: tuple[str, ...] = EVIDENCE) -> dict[str, float]:
    """--ceiling's counts (see the module's doc) over ``pairs``, on the ``evidence`` named
    (--context: CONTEXT_EVIDENCE, the headings' words too)."""
    from search_api.legal import trace
    from search_api.legal.trace_sections import upstream_section

    out: dict[str, float] = {"gold links": 0, "first": 0, "separable": 0, "dominated": 0,
                             "downstream tasks with 2+ gold links": 0, "their links": 0}
    golds: list[tuple[float, dict[str, float]]] = []  # every gold link: (hand score, evidence)
    wrongs: list[tuple[float, dict[str, float]]] = []  # every wrong candidate among its task's best 3
    for p in pairs:
        feats = {k: _evidence(v) for k, v in pair_features(p).items()}
        scored = trace.score_all(p.upstream, p.downstream, abbreviations=p.abbreviations,
                                 upstream_key=p.upstream_key, downstream_issuer=p.issuer, cfg=p.cfg())
        score = {(x.downstream, x.upstream): x.score for x in scored}
        for d in p.downstream:
            best3 = sorted((u.id for u in p.upstream), key=lambda u: -score[(d.id, u)])[:3]
            wrongs += [(score[(d.id, u)], feats[(d.id, u)]) for u in best3 if (d.id, u) not in p.gold]
        by_down: dict[str, list[str]] = {}
        for d, u in p.gold:
            by_down.setdefault(d, []).append(u)
        for d, ups in by_down.items():
            if len(ups) > 1:
                out["downstream tasks with 2+ gold links"] += 1
                out["their links"] += len(ups)
            for u in ups:
                out["gold links"] += 1
                golds.append((score[(d, u)], feats[(d, u)]))
                above = [w for w in (x.id for x in p.upstream) if (d, w) not in p.gold
                         and score[(d, w)] > score[(d, u)]]
                if not above:
                    out["first"] += 1
                    continue
                g = feats[(d, u)]
                by = [w for w in above if all(feats[(d, w)][e] >= g[e] - 1e-9 for e in evidence)]
                if by:
                    out["dominated"] += 1
                    section = {x.id: upstream_section(x.section) for x in p.upstream}
                    if any(section[w] is not None and section[w] == section[u] for w in by):
                        out["dominated by a task of its upstream section"] = out.get(
                            "dominated by a task of its upstream section", 0) + 1
                    continue
                out["separable"] += 1
                for e in evidence:  # the evidence favouring the gold over every wrong candidate above it
                    if all(g[e] > feats[(d, w)][e] + 1e-9 for w in above):
                        out[f"separable by {e}"] = out.get(f"separable by {e}", 0) + 1
    # a rule monotone in the hand score and every evidence that links a gold link links every wrong
    # candidate (among its task's best 3) with at least as much of each: add gold links, fewest new
    # wrong ones first, while the precision holds
    doms = [frozenset(i for i, (ws, wf) in enumerate(wrongs) if ws >= gs - 1e-9
                      and all(wf[e] >= gf[e] - 1e-9 for e in evidence)) for gs, gf in golds]
    chosen: set[int] = set()
    tp = 0
    for dom in sorted(doms, key=len):
        if (tp + 1) / (tp + 1 + len(chosen | dom)) >= target:
            tp, chosen = tp + 1, chosen | dom
    out["gold links no wrong candidate dominates"] = sum(1 for d in doms if not d)
    out[f"greedy recall at precision >= {target}"] = round(tp / len(golds), 3) if golds else 0.0
    # a strict bound: k gold links bring at least the k-th fewest dominating wrong candidates
    sizes = sorted(len(d) for d in doms)
    k = max((i + 1 for i, n in enumerate(sizes) if (i + 1) / (i + 1 + n) >= target), default=0)
    out[f"recall bound at precision >= {target}"] = round(k / len(golds), 3) if golds else 0.0
    return out


def _dataset(p: Pair, cfg=None) -> tuple[list[tuple[str, str]], list[list[float]], list[int]]:
    from search_api.legal.trace_model import FEATURES

    feats = pair_features(p, cfg)
    keys = list(feats)
    return keys, [[feats[k][f] for f in FEATURES] for k in keys], [int(k in p.gold) for k in keys]


def model_links(keys: list[tuple[str, str]], probs: list[float], threshold: float,
                per_downstream: int = 3) -> set[tuple[str, str]]:
    """The links of the learned model's rule: each downstream task's candidates with probability
    >= ``threshold``, its best ``per_downstream`` at most."""
    return {k for q, k, _ in _ranked(keys, probs, frozenset(), per_downstream) if q >= threshold}


def _ranked(keys: list[tuple[str, str]], probs: list[float], gold: frozenset[tuple[str, str]],
            per_downstream: int = 3) -> list[tuple[float, tuple[str, str], bool]]:
    """Each downstream task's best ``per_downstream`` candidates (probability, key, gold?): the
    links at any threshold are those of them at or above it."""
    by_down: dict[str, list[tuple[float, str]]] = {}
    for (d, u), q in zip(keys, probs, strict=True):
        by_down.setdefault(d, []).append((q, u))
    return [(q, (d, u), (d, u) in gold) for d, c in by_down.items() for q, u in sorted(c, reverse=True)[:per_downstream]]


MODEL_SWEEP = tuple(x / 100 for x in range(5, 96))
L2 = 1.0  # the logistic model's ridge penalty (on standardised features)


def _counts(p: Pair, got: set[tuple[str, str]]) -> tuple[int, int, int]:
    return len(got & p.gold), len(got - p.gold), len(p.gold - got)


def model_curve(items: list[tuple[Pair, list[tuple[str, str]], list[float]]]) -> dict[float, tuple[int, int, int]]:
    """(tp, fp, fn) over the pairs' probabilities at each threshold of MODEL_SWEEP (the links of
    :func:`model_links`)."""
    ranked = [x for p, keys, probs in items for x in _ranked(keys, probs, p.gold)]
    gold = sum(len(p.gold) for p, _, _ in items)
    out = {}
    for t in MODEL_SWEEP:
        tp = sum(1 for q, _, g in ranked if q >= t and g)
        fp = sum(1 for q, _, g in ranked if q >= t and not g)
        out[t] = (tp, fp, gold - tp)
    return out


def choose_threshold(curve: dict[float, tuple[int, int, int]], target: float = TARGET) -> float:
    """The threshold with precision >= ``target`` and the highest recall (lowest on ties); when
    none reaches it, the highest F1."""
    hit = at_precision(curve, target)
    if hit:
        return hit[0]

    def f1(t: float) -> float:
        p, r = _pr(*curve[t])
        return 2 * p * r / (p + r) if p + r else 0.0

    return max(curve, key=lambda t: (f1(t), -t))


def learn(pairs: list[Pair], l2: float = L2) -> dict:
    """Leave-one-pair-out of the learned model over ``pairs``: for each pair, a model fitted on
    the others and a threshold chosen on them (their own leave-one-pair-out probabilities, so
    that the threshold is not chosen on in-sample fits); the pair scored with both. Returns the
    pooled counts at the chosen thresholds, the out-of-fold curve, and the final model fitted on
    all pairs with its threshold chosen the same way."""
    from search_api.legal.trace_model import FEATURES, fit

    data = {p.id: _dataset(p) for p in pairs}
    by_id = {p.id: p for p in pairs}

    def fitted(ids: list[str]):
        rows = [r for i in ids for r in data[i][1]]
        labels = [y for i in ids for y in data[i][2]]
        return fit(rows, labels, FEATURES, l2=l2)

    def predict(model, i: str) -> list[float]:
        return [model.probability(dict(zip(FEATURES, r, strict=True))) for r in data[i][1]]

    def curve_on(ids: list[str]) -> dict[float, tuple[int, int, int]]:
        return model_curve([(by_id[i], data[i][0], predict(fitted([j for j in ids if j != i]), i)) for i in ids])

    ids = [p.id for p in pairs]
    total, folds, oof, others = [0, 0, 0], [], [], []
    for i in ids:
        train = [j for j in ids if j != i]
        model, inner = fitted(train), curve_on(train)
        th = choose_threshold(inner)
        probs = predict(model, i)
        c = _counts(by_id[i], model_links(data[i][0], probs, th))
        total = [a + b for a, b in zip(total, c, strict=True)]
        folds.append((i, th, c))
        oof.append((by_id[i], data[i][0], probs))
        others.append((inner, model_curve([(by_id[i], data[i][0], probs)])))
    final = fitted(ids)
    return {"total": tuple(total), "folds": folds, "curve": model_curve(oof), "model": final,
            "threshold": choose_threshold(curve_on(ids)), "inner": others}


def at_inner_target(out: dict, target: float) -> tuple[int, int, int]:
    """:func:`learn`'s pooled counts had each fold's threshold been chosen for precision >=
    ``target`` on its training pairs (a sensitivity figure: the rule is TARGET)."""
    total = [0, 0, 0]
    for inner, own in out["inner"]:
        total = [a + b for a, b in zip(total, own[choose_threshold(inner, target)], strict=True)]
    return tuple(total)


def grid_lopo(pairs: list[Pair], counts=None) -> tuple[int, int, int]:
    """The hand-weighted settings' leave-one-pair-out: each pair scored at the grid point chosen
    on the others (:func:`best`)."""
    counts = counts or grid_counts(pairs)
    total = [0, 0, 0]
    for p in pairs:
        point = best(counts, {q.id for q in pairs} - {p.id})
        total = [a + b for a, b in zip(total, counts[point][p.id], strict=True)]
    return tuple(total)


def learn_on_tuning_half(pairs: list[Pair], l2: float = L2) -> dict[str, tuple[int, int, int]]:
    """The learned model as the API would have to use it: fitted on the tuning half only, its
    threshold chosen on that half's own leave-one-pair-out probabilities; (tp, fp, fn) per half."""
    from search_api.legal.trace_model import FEATURES, fit

    data = {p.id: _dataset(p) for p in pairs}
    tune = [p for p in pairs if p.id in TUNE_HALF]

    def fitted(ps: list[Pair]):
        return fit([r for p in ps for r in data[p.id][1]], [y for p in ps for y in data[p.id][2]], FEATURES, l2=l2)

    def predict(model, p: Pair) -> list[float]:
        return [model.probability(dict(zip(FEATURES, r, strict=True))) for r in data[p.id][1]]

    inner = model_curve([(p, data[p.id][0], predict(fitted([q for q in tune if q is not p]), p)) for p in tune])
    th, model = choose_threshold(inner), fitted(tune)
    out = {}
    for name, ps in halves(pairs):
        total = (0, 0, 0)
        for p in ps:
            c = _counts(p, model_links(data[p.id][0], predict(model, p), th))
            total = tuple(a + b for a, b in zip(total, c, strict=True))
        out[name] = total
    return out


def learn_text(pairs: list[Pair]) -> str:
    """--learn: the learned model's and the hand-weighted settings' leave-one-pair-out, same run."""
    out = learn(pairs)
    tp, fp, fn = out["total"]
    pr = _pr(tp, fp, fn)
    grid = grid_lopo(pairs)
    gpr = _pr(*grid)
    hit = at_precision(out["curve"])
    old_curve = sweep(pairs)
    old_hit = at_precision(old_curve)
    lines = [f"learned (logistic, l2 {L2:g}) leave-one-pair-out over {len(pairs)} pairs, threshold chosen inside each "
             f"training fold: precision {pr[0]:.3f}  recall {pr[1]:.3f}  (proposed {tp + fp}, gold {tp + fn})",
             f"hand-weighted grid leave-one-pair-out, same run: precision {gpr[0]:.3f}  recall {gpr[1]:.3f}",
             f"recall at precision >= {TARGET}: learned (out-of-fold probabilities) "
             f"{hit[2] if hit else 0.0:.3f}{f' (threshold {hit[0]:.2f})' if hit else ''}; hand-weighted "
             f"(data/trace.json's settings, threshold swept) {old_hit[2] if old_hit else 0.0:.3f}",
             f"precision at recall >= {RECALL}: learned (out-of-fold) {_at_recall_text(out['curve'])}; "
             f"hand-weighted (threshold swept) {_at_recall_text(old_curve)}"]
    for target in (0.80, 0.75):
        q = _pr(*at_inner_target(out, target))
        lines.append(f"  sensitivity, not the rule: thresholds chosen for precision >= {target:.2f} inside the folds: "
                     f"precision {q[0]:.3f}  recall {q[1]:.3f}")
    for name, c in learn_on_tuning_half(pairs).items():
        q = _pr(*c)
        lines.append(f"  fitted on the tuning half only (threshold from its own leave-one-pair-out): {name:8s} "
                     f"precision {q[0]:.3f}  recall {q[1]:.3f}  (tp {c[0]} fp {c[1]})")
    for i, th, c in out["folds"]:
        lines.append(f"  {i:14s} threshold {th:.2f}  tp {c[0]} fp {c[1]} fn {c[2]}")
    m = out["model"]
    lines.append(f"model on all pairs, threshold {out['threshold']:.2f}: bias {m.bias:.3f} "
                 + " ".join(f"{f} {w:.3f}" for f, w in zip(m.features, m.weights, strict=True)))
    return "\n".join(lines)


def halves(pairs: list[Pair]) -> list[tuple[str, list[Pair]]]:
    """The tuning half, the report half (never tuned on) and all pairs."""
    return [("tune", [p for p in pairs if p.id in TUNE_HALF]),
            ("report", [p for p in pairs if p.id not in TUNE_HALF]), ("overall", pairs)]


def main(argv: list[str]) -> int:
    from search_api.legal.trace import settings

    if "--freeze" in argv and "--context" in argv:
        out = freeze_context()
        n = sum(1 for d in out["documents"].values() for t in d["tasks"] if t["context"])
        print(f"{FROZEN.name}: context added, {n} of {sum(len(d['tasks']) for d in out['documents'].values())} "
              f"tasks under a heading")
        return 0
    if "--freeze" in argv:
        out = freeze(refresh="--refresh" in argv)
        print(f"{FROZEN.name}: {len(out['documents'])} documents, "
              f"{sum(len(d['tasks']) for d in out['documents'].values())} tasks, commit {out['commit'][:12]}"
              + (f", dirty {', '.join(out['dirty'])}" if out["dirty"] else ""))
        return 0
    BACKGROUND[0] = "--background" in argv
    if "--copy" in argv:
        GRID["copy"] = COPY_GRID
    if "--context" in argv and "--grid" in argv:
        GRID["context"] = CONTEXT_GRID
    if "--split" in argv:
        GRID["split"] = SPLIT_GRID
    COMPOUNDS[0] = "--compounds" in argv
    pairs = load_pairs(live="--live" in argv)
    if "--live" not in argv:
        print(f"tasks frozen at {_frozen()['commit'][:12]} ({FROZEN.name}; --live extracts again)")
    parts = halves(pairs)
    if "--sweep" in argv:  # the precision / recall curve of each half over the threshold
        print(sweep_text(pairs))
    if "--ranks" in argv:  # do gold links reach the candidates? totals per half, no texts
        from search_api.legal.trace import score_all

        for name, ps in parts:
            ranks = [0, 0, 0, 0]  # the gold upstream task is its downstream task's 1st, 2nd-3rd, 4th-10th, later
            for p in ps:
                scored = score_all(p.upstream, p.downstream, abbreviations=p.abbreviations,
                                   upstream_key=p.upstream_key, downstream_issuer=p.issuer, cfg=p.cfg())
                for d, u in p.gold:
                    order = [x.upstream for x in sorted((x for x in scored if x.downstream == d), key=lambda x: -x.score)]
                    r = order.index(u)
                    ranks[0 if r == 0 else 1 if r < 3 else 2 if r < 10 else 3] += 1
            print(f"{name:8s} gold upstream task ranked 1st {ranks[0]}, 2nd-3rd {ranks[1]}, 4th-10th {ranks[2]}, "
                  f"later {ranks[3]} among its downstream task's candidates")
            gold = sum(ranks) or 1  # the recall ceiling of a rule linking each task's best k at any precision
            print(f"{'':8s} recall ceiling linking each downstream task's best 1: {ranks[0] / gold:.3f}, "
                  f"best 3: {(ranks[0] + ranks[1]) / gold:.3f}, best 10: {(gold - ranks[3]) / gold:.3f}")
    if "--grid" in argv:
        counts = grid_counts(pairs)
        chosen = best(counts, set(TUNE_HALF))
        print(f"grid on the tuning half ({len(counts)} points; {GRID_NAMES}): {chosen}")
        for name, ps in parts:
            tp, fp, fn = (sum(counts[chosen][p.id][k] for p in ps) for k in range(3))
            print(f"  {name:8s} precision {_pr(tp, fp, fn)[0]:.3f}  recall {_pr(tp, fp, fn)[1]:.3f}")
        total = [0, 0, 0]
        for p in pairs:  # leave one pair out: choose on the others, score the one left out
            point = best(counts, {q.id for q in pairs} - {p.id})
            print(f"  leave out {p.id:14s} chosen on the others: {point}")
            total = [a + b for a, b in zip(total, counts[point][p.id], strict=True)]
        pr = _pr(*total)
        print(f"leave-one-pair-out over all {len(pairs)} pairs: precision {pr[0]:.3f}  recall {pr[1]:.3f}  "
              f"(proposed {total[0] + total[1]}, gold {total[0] + total[2]})")
        if len(GRID["context"]) > 1 or len(GRID["split"]) > 1:  # the same grid with the new mechanisms off
            base = {k: v for k, v in counts.items() if k[1] == 0.0 and k[-2] == 0.0}
            chosen0 = best(base, set(TUNE_HALF))
            b = _pr(*grid_lopo(pairs, base))
            print(f"  without the headings and split (both 0), same run: leave-one-pair-out precision {b[0]:.3f}  recall "
                  f"{b[1]:.3f}; tuning half's choice {chosen0}")
            for name, ps in parts:
                tp, fp, fn = (sum(base[chosen0][p.id][k] for p in ps) for k in range(3))
                print(f"    {name:8s} precision {_pr(tp, fp, fn)[0]:.3f}  recall {_pr(tp, fp, fn)[1]:.3f}")
    if "--diagnose" in argv:  # why gold links are not first: the TUNING half only
        print("tuning half, gold links not first, evidence favouring the gold:", diagnose(parts[0][1]))
    if "--ceiling" in argv:  # totals over all pairs, no texts
        for name, ps in parts:
            print(f"{name:8s} ceiling:", ceiling(ps))
            if "--context" in argv:
                print(f"{name:8s} ceiling with the headings' words (context):", ceiling(ps, evidence=CONTEXT_EVIDENCE))
    if "--learn" in argv:
        print(learn_text(pairs))
    if "-v" in argv:  # every proposed and missed link of the TUNING half only
        for p in parts[0][1]:
            got = {(x.downstream, x.upstream): x for x in p.match().links}
            text = {t.id: t.text[:70] for t in p.upstream + p.downstream}
            for k, x in got.items():
                print(f"{'OK ' if k in p.gold else 'FP '} {p.id} {x.score:.2f} {text[k[0]]} -> {text[k[1]]} {x.words[:4]}")
            for k in p.gold - got.keys():
                print(f"FN  {p.id} {text[k[0]]} -> {text[k[1]]}")
    print(f"threshold {settings().threshold:.2f} (data/trace.json)")
    for name, ps in parts:
        h = evaluate(ps)
        print(f"{name:8s} pairs {len(ps)}  gold links {h['links']:2d}  proposed {h['proposed']:2d}  "
              f"precision {h['precision']:.3f}  recall {h['recall']:.3f}")
    print(f"strong links (score >= {settings().strong:.2f} + the threshold's rise, shown as "
          f"\"{settings().confidence_labels['strong']}\"):")
    for name, ps in parts:
        tp = fp = 0
        for p in ps:
            strong = {(x.downstream, x.upstream) for x in p.match().links if x.confidence == "strong"}
            tp, fp = tp + len(strong & p.gold), fp + len(strong - p.gold)
        print(f"  {name:8s} {tp + fp:2d} links, precision {_pr(tp, fp, 0)[0]:.3f}, "
              f"{tp} of {sum(len(p.gold) for p in ps)} gold links")
    for p in pairs:
        print(f"  {p.id}{' (tune)' if p.id in TUNE_HALF else ''}: {p.match().coverage.text}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main(sys.argv[1:]))
