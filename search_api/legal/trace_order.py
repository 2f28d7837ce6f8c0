"""Order evidence of the implementation trace: a plan carrying out a directive usually follows
its order (item 1 carries out instruction 1, item 2 the next ones ...). The best monotone
alignment of the two task sequences, like a sequence alignment with gaps, tells which
candidate links agree with their neighbours' links.

Rows are the downstream tasks in document order, columns the upstream tasks in document
order. An alignment links each row to at most one column, columns never going back from one
row to the next (several rows may carry out one instruction); its value is the sum of
``score - floor`` over its links. The links of the best alignment are "in order".

>>> sorted(monotone([[0.5, 0.0, 0.0], [0.0, 0.1, 0.6], [0.45, 0.3, 0.0]], floor=0.2))
[(0, 0), (1, 2)]
>>> sorted(monotone([[0.5, 0.0, 0.0], [0.0, 0.1, 0.6], [0.0, 0.3, 0.7]], floor=0.2))
[(0, 0), (1, 2), (2, 2)]
"""

from __future__ import annotations

from collections.abc import Sequence


def monotone(scores: Sequence[Sequence[float]], floor: float) -> set[tuple[int, int]]:
    """The (row, column) links of the best monotone alignment (see the module's doc); a pair
    scoring ``floor`` or less is never on it. O(rows x columns)."""
    n = len(scores)
    m = len(scores[0]) if n else 0
    if not m:
        return set()
    best = [0.0] * m  # best value of rows so far whose last link's column is <= j
    back: list[list[int]] = []  # per row and j: the column row i links to on the best path up to j, or -1
    for row in scores:
        gain = [best[j] + row[j] - floor if row[j] > floor else float("-inf") for j in range(m)]
        new, arg = [0.0] * m, [-1] * m
        run, run_at = float("-inf"), -1  # best gain over columns <= j
        for j in range(m):
            if gain[j] > run:
                run, run_at = gain[j], j
            if run > best[j]:
                new[j], arg[j] = run, run_at
            else:
                new[j] = best[j]
        best = new
        back.append(arg)
    out: set[tuple[int, int]] = set()
    j = m - 1
    for i in range(n - 1, -1, -1):
        k = back[i][j]
        if k >= 0:
            out.add((i, k))
            j = k
    return out
