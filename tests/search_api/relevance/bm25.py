"""The plain baseline: Okapi BM25 (k1 1.2, b 0.75) over the gold task texts, accent-folded.

No abbreviations, no phrases, no owners, no numbers: each query word (folded) scores on its own.
"""

from __future__ import annotations

import math
from collections import Counter

from tests.search_api.relevance.judge import GoldTask, words


class BM25:
    def __init__(self, tasks: list[GoldTask], k1: float = 1.2, b: float = 0.75) -> None:
        self.ids = [t.id for t in tasks]
        self.tf = [Counter(words(t.text)) for t in tasks]
        self.len = [sum(c.values()) for c in self.tf]
        self.avg = sum(self.len) / max(1, len(self.len))
        df: Counter[str] = Counter()
        for c in self.tf:
            df.update(c.keys())
        n = len(tasks)
        self.idf = {w: math.log(1 + (n - d + 0.5) / (d + 0.5)) for w, d in df.items()}
        self.k1, self.b = k1, b

    def search(self, q: str, k: int = 10) -> list[str]:
        terms = set(words(q))
        scored = []
        for i, tf in enumerate(self.tf):
            s = 0.0
            for w in terms:
                f = tf.get(w, 0)
                if f:
                    s += self.idf[w] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.len[i] / self.avg))
            if s > 0:
                scored.append((s, i))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [self.ids[i] for _, i in scored[:k]]
