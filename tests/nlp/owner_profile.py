"""How predicted owners differ from the gold's, by kind, as counts only.

    python -m tests.nlp.owner_profile GOLD_DIR PRED_DIR

Tasks are matched as the reference scorer matches them; each matched task whose owner set is
not the gold's falls in one class: the gold has none (the prediction assigns one anyway), the
prediction has none, a subset or superset of the gold, the same bodies with other boundaries
(each name on one side contains, or shares most words with, one on the other), or other bodies.
Only totals are printed, so it can be run on the held-out split: it says what kind of error
dominates without showing a single miss.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score.py"


def _scorer():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _near(a: str, b: str, sc) -> bool:  # noqa: ANN001
    if a in b or b in a:
        return True
    return sc.jaccard(a.split(), b.split()) >= 0.5


def classify(gold: set[str], pred: set[str], sc) -> str:  # noqa: ANN001
    if gold == pred:
        return "equal"
    if not gold:
        return "gold none, predicted some"
    if not pred:
        return "predicted none"
    if pred < gold:
        return "subset (owners missing)"
    if pred > gold:
        return "superset (owners extra)"
    if len(gold) == len(pred) and all(any(_near(g, p, sc) for p in pred) for g in gold) and all(
        any(_near(p, g, sc) for g in gold) for p in pred
    ):
        return "same bodies, other boundaries"
    if gold & pred:
        return "overlap, other bodies too"
    return "other bodies"


def profile(gold_dir: Path, pred_dir: Path) -> Counter[str]:
    sc = _scorer()
    out: Counter[str] = Counter()
    for gf in sorted(gold_dir.glob("*.json")):
        pf = pred_dir / gf.name
        gold = json.loads(gf.read_text("utf-8"))
        pred = json.loads(pf.read_text("utf-8")) if pf.exists() else {}
        g_tasks, p_tasks = gold.get("tasks") or [], pred.get("tasks") or []
        pairs = sc.match(g_tasks, p_tasks, lambda g, p: sc.similarity(g.get("text", ""), p.get("text", "")), 0.5)
        for i, j in pairs:
            g = {sc.norm_owner(o) for o in g_tasks[i].get("owners") or []}
            p = {sc.norm_owner(o) for o in p_tasks[j].get("owners") or []}
            out[classify(g, p, sc)] += 1
    return out


def main(argv: list[str]) -> int:
    counts = profile(Path(argv[0]), Path(argv[1]))
    total = sum(counts.values())
    for kind, n in counts.most_common():
        print(f"{kind:34s} {n:5d}  {n / total:6.1%}")
    print(f"{'matched tasks':34s} {total:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
