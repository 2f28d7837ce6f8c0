"""nDCG@10, recall@10, MRR and P@5 of one ranked list against graded judgments.

Recall is capped: found relevant items over ``min(relevant, 10)``, so a query with 60 relevant
tasks can reach 1.0 in its top 10. A query with no relevant item (the absent family) scores
every metric as ``1 - hits/10``: the fewer hits, the better.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

K = 10


@dataclass(frozen=True, slots=True)
class Scores:
    ndcg: float
    recall: float
    mrr: float
    p5: float


def _dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def score(ranked: list[str], judged: dict[str, int]) -> Scores:
    top = ranked[:K]
    if not judged:
        s = 1.0 - min(len(top), K) / K
        return Scores(s, s, s, s)
    grades = [judged.get(i, 0) for i in top]
    ideal = _dcg(sorted(judged.values(), reverse=True)[:K])
    relevant = sum(1 for g in grades if g > 0)
    first = next((i for i, g in enumerate(grades) if g > 0), None)
    return Scores(
        ndcg=_dcg(grades) / ideal,
        recall=relevant / min(len(judged), K),
        mrr=0.0 if first is None else 1.0 / (first + 1),
        p5=sum(1 for g in grades[:5] if g > 0) / 5,
    )
