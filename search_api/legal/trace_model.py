"""Learned combination of the implementation trace's evidence: each (downstream task, upstream
task) pair gets a vector of evidence features (:data:`FEATURES`) and a logistic model turns
it into the probability that the downstream task carries the upstream one out, fitted and
measured leave-one-pair-out by tests/bench/bench_trace.py --learn. Not used by the API: measured
on 2026-12-07, it was more precise than the hand-weighted score out of sample but recalled 2
links fewer (README), so no weights are in data/trace.json.

Features are computed on the same words and weights as the hand-weighted score
(:mod:`search_api.legal.trace`): the text share, how it stands among the downstream task's
candidates and among the upstream task's, the owners' relation, shared and quoted
citations, the order and section evidence, and how much of the text the two share as runs of
syllables (a quoted key phrase) or as a rare word.

>>> m = Model(("text",), (2.0,), -1.0)
>>> round(m.probability({"text": 0.5}), 3), round(m.probability({"text": 0.0}), 3)
(0.5, 0.269)
>>> fit([[0.0], [0.1], [0.9], [1.0]], [0, 0, 1, 1], ("text",), l2=0.1).weights[0] > 0
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FEATURES = (
    "text",  # the text share (trace._text_score: IDF-weighted overlap, evidence discount), no factors
    "rel_down",  # text / the downstream task's best text over all upstream tasks
    "rel_up",  # text / the upstream task's best text over all downstream tasks
    "top",  # the pair is the downstream task's best candidate by text
    "stand",  # ln(1 + text / mean of the downstream task's next three candidates' text)
    "same_owner",  # trace_owners.relation "same"
    "member_owner",  # "member"
    "other_owner",  # "other": the instruction is given to another body of a kind
    "refs",  # both cite one document
    "cites",  # the downstream task quotes the upstream document's number (x rel_down)
    "part",  # it quotes the part of the upstream document this task is in
    "order",  # the pair is on the best monotone alignment of the two task sequences
    "section",  # its section pair's strength relative to the downstream item's best (trace_sections)
    "rare",  # the heaviest shared unit's IDF relative to the highest possible
    "runs",  # ln(1 + shared runs of three syllables): a key phrase quoted
    "no_owner",  # the upstream task names no owner
    "unnumbered",  # the downstream task is outside the numbered items
    "position",  # |relative place of the downstream task - of the upstream task|
    "crowd",  # ln(number of upstream tasks / 10), 0 under 10
    "same_field",  # the owners' names share a field after their head words ('Bộ Xây dựng', 'Sở Xây dựng')
)
# computed by trace.features beside FEATURES but not fitted: measured as model inputs on 2026-12-07
# (leave-one-pair-out 0.868 / 0.270 -> 0.795 / 0.287, recall at precision >= 0.85 0.254 -> 0.230), kept
# as evidence for bench_trace.py --ceiling
EVIDENCE_ONLY = (
    "copy",  # ln(1 + the longest run of syllables both texts share word for word, stop words kept)
    "aside",  # the upstream task lies outside its document's main numbering (a footnote's list item)
    "context",  # the headings above the downstream task (the words its text lacks) said by the upstream task
)


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over named features: p = 1 / (1 + exp(-(bias + sum w_i x_i)))."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float

    def logit(self, x: Mapping[str, float]) -> float:
        return self.bias + sum(w * x.get(f, 0.0) for f, w in zip(self.features, self.weights, strict=True))

    def probability(self, x: Mapping[str, float]) -> float:
        z = self.logit(x)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def parts(self, x: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution to the logit, largest magnitude first (non-zero only)."""
        out = [(f, w * x.get(f, 0.0)) for f, w in zip(self.features, self.weights, strict=True)]
        return sorted((p for p in out if abs(p[1]) >= 0.005), key=lambda p: -abs(p[1]))


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int], features: Sequence[str], *, l2: float = 1.0,
        iterations: int = 50) -> Model:
    """L2-regularised logistic regression by Newton's method on standardised features (the
    bias not penalised); the weights returned apply to the raw features."""
    import numpy as np

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    raw = w[1:] / scale
    bias = w[0] - float(np.sum(raw * mean))
    return Model(tuple(features), tuple(float(v) for v in raw), float(bias))
