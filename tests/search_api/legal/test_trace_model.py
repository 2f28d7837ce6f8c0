"""search_api.legal.trace_model and the learned combination's bench machinery
(tests/bench/bench_trace.py --learn): features per task pair, the logistic fit, the link rule,
the threshold rule and a leave-one-pair-out that never trains on the pair it scores."""

from __future__ import annotations

import math

import pytest

from search_api.legal import trace
from search_api.legal.trace import TraceTask
from search_api.legal.trace_model import EVIDENCE_ONLY, FEATURES, Model, fit
from tests.search_api.legal.trace_fixtures import UP

DOWN = [
    TraceTask("d1", "Bộ Tài chính rà soát quy chế quản lý tài sản công của các bộ, ngành", ("Bộ Tài chính",),
              section="1"),
    TraceTask("d2", "Các sở số hóa hồ sơ TTHC theo Nghị quyết số 12/NQ-CP", ("Các sở",), section="2",
              refs=("12/NQ-CP",)),
    TraceTask("d3", "Tổ chức hội thi văn nghệ chào mừng ngày thành lập tỉnh", ("Sở Văn hóa",)),
]


def _features() -> dict[tuple[str, str], dict[str, float]]:
    _, ctx = trace._scored(UP, DOWN, None, None, None, trace.settings(), words=False)
    return trace.features(UP, DOWN, ctx)


def test_every_pair_gets_every_feature_and_the_evidence_lands_on_the_right_pair():
    f = _features()
    assert set(f) == {(d.id, u.id) for d in DOWN for u in UP}
    assert all(set(v) == set(FEATURES) | set(EVIDENCE_ONLY) for v in f.values())
    good = f[("d1", "u1")]
    assert good["top"] == 1.0 and good["rel_down"] == pytest.approx(1.0) and good["same_owner"] == 1.0
    assert good["order"] == 1.0 and good["text"] > f[("d1", "u2")]["text"] and good["runs"] > 0
    assert f[("d1", "u2")]["top"] == 0.0 and f[("d1", "u2")]["same_owner"] == 0.0
    assert f[("d2", "u3")]["refs"] == 1.0 and f[("d2", "u1")]["refs"] == 0.0
    assert f[("d3", "u1")]["unnumbered"] == 1.0 and f[("d1", "u1")]["unnumbered"] == 0.0
    assert f[("d3", "u1")]["text"] == 0.0 and f[("d3", "u1")]["top"] == 0.0  # nothing shared: not a best
    assert 0 < good["rare"] <= 1


def test_the_fit_separates_the_classes_and_its_weights_apply_to_raw_features():
    rows = [[x / 10, 5.0 + (x % 3)] for x in range(11)]  # feature 2: noise on a raw scale
    labels = [int(x >= 6) for x in range(11)]
    m = fit(rows, labels, ("a", "b"), l2=0.1)
    probs = [m.probability({"a": r[0], "b": r[1]}) for r in rows]
    assert all(p > 0.5 for p, y in zip(probs, labels, strict=True) if y) and all(
        p < 0.5 for p, y in zip(probs, labels, strict=True) if not y)
    strong = fit(rows, labels, ("a", "b"), l2=100.0)
    assert 0 < strong.weights[0] < m.weights[0]  # the ridge shrinks


def test_the_model_s_probability_and_its_parts():
    m = Model(("text", "refs"), (2.0, -1.0), 0.5)
    x = {"text": 0.5, "refs": 1.0}
    assert m.logit(x) == pytest.approx(0.5) and m.probability(x) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert m.probability({"text": -400.0}) == pytest.approx(0.0) and m.probability({"text": 400.0}) == 1.0
    assert m.parts(x) == [("text", 1.0), ("refs", -1.0)]


def test_the_link_rule_takes_candidates_over_the_threshold_and_at_most_per_downstream():
    from tests.bench.bench_trace import model_links

    keys = [("d1", "u1"), ("d1", "u2"), ("d1", "u3"), ("d1", "u4"), ("d2", "u1")]
    probs = [0.9, 0.8, 0.7, 0.6, 0.3]
    assert model_links(keys, probs, 0.65) == {("d1", "u1"), ("d1", "u2"), ("d1", "u3")}
    assert model_links(keys, probs, 0.5, per_downstream=2) == {("d1", "u1"), ("d1", "u2")}
    assert model_links(keys, probs, 0.2) == {("d1", "u1"), ("d1", "u2"), ("d1", "u3"), ("d2", "u1")}


def test_the_threshold_is_the_highest_recall_at_the_target_precision_else_the_best_f1():
    from tests.bench.bench_trace import choose_threshold

    assert choose_threshold({0.2: (8, 4, 2), 0.5: (6, 1, 4), 0.7: (6, 1, 4), 0.9: (2, 0, 8)}) == 0.5
    assert choose_threshold({0.2: (8, 8, 2), 0.5: (6, 6, 4), 0.9: (1, 1, 9)}) == 0.2  # none reaches 0.85


def test_leave_one_pair_out_never_trains_on_the_pair_it_scores(monkeypatch):
    """Each fold's model and its threshold's inner models are fitted on rows of the other pairs
    only (column ``crowd`` marks each row's pair here)."""
    from search_api.legal import trace_model
    from tests.bench import bench_trace

    marker = FEATURES.index("crowd")
    ids = ["a", "b", "c", "d"]
    pairs = [bench_trace.Pair(i, [], [], frozenset({("d1", "u1"), ("d2", "u2")}), {}, "") for i in ids]

    def dataset(p, cfg=None):
        keys = [(d, u) for d in ("d1", "d2") for u in ("u1", "u2", "u3")]
        rows = [[0.0] * len(FEATURES) for _ in keys]
        for row, k in zip(rows, keys, strict=True):
            row[0] = 1.0 if k in p.gold else 0.1 * (1 + ids.index(p.id))
            row[marker] = float(ids.index(p.id))
        return keys, rows, [int(k in p.gold) for k in keys]

    seen: list[set[float]] = []
    real = trace_model.fit

    def recording(rows, labels, features, **kw):
        seen.append({r[marker] for r in rows})
        return real(rows, labels, features, **kw)

    monkeypatch.setattr(bench_trace, "_dataset", dataset)
    monkeypatch.setattr(trace_model, "fit", recording)
    out = bench_trace.learn(pairs)
    n = len(ids)
    assert len(seen) == n * n + 1 + n  # per fold its model and n - 1 inner ones; the final model and its n
    for i in range(n):
        block = seen[i * n:(i + 1) * n]
        assert all(float(i) not in s for s in block) and block[0] == {float(j) for j in range(n)} - {float(i)}
    assert out["total"][0] + out["total"][2] == 2 * n and [f[0] for f in out["folds"]] == ids


def test_owner_fields_agree_through_the_hierarchy():
    from search_api.legal.trace_owners import body

    heads = trace.field_heads()
    assert trace.owner_field(body("Bộ Xây dựng").key, heads) == trace.owner_field(body("Sở Xây dựng").key, heads)
    assert trace.owner_field(body("Sở Xây dựng").key, heads) == "xay dung"
    assert trace.owner_field(body("Bộ Công an").key, heads) != trace.owner_field(body("Sở Xây dựng").key, heads)
    assert trace.owner_field(body("Ủy ban nhân dân tỉnh Gia Lai").key, heads) == ""  # no head of a field
    down = [TraceTask("d1", "Sở Tài chính rà soát quy chế quản lý tài sản công", ("Sở Tài chính",), section="1")]
    _, ctx = trace._scored(UP, down, None, None, None, trace.settings(), words=False)
    f = trace.features(UP, down, ctx)
    assert f[("d1", "u1")]["same_field"] == 1.0  # Bộ Tài chính -> Sở Tài chính
    assert f[("d1", "u2")]["same_field"] == 0.0 and f[("d1", "u3")]["same_field"] == 0.0


def test_copied_runs_count_words_in_order_and_stop_at_breaks():
    assert trace.longest_run(("quy", "che", None, "tai", "san"), ("sua", "quy", "che", "tai", "san")) == 2
    assert trace.longest_run(("a", "b"), ("b", "a")) == 1 and trace.longest_run((), ("a",)) == 0
    assert trace.copied("Rà soát quy chế quản lý tài sản công", "Bộ rà soát, quy chế quản lý tài sản công") == 7  # the comma breaks the run


def test_copy_and_aside_evidence_land_on_the_right_pair():
    up = [TraceTask("u1", "Rà soát quy chế quản lý tài sản công của các đơn vị sự nghiệp", ("Bộ Tài chính",), "I.1"),
          TraceTask("u2", "Rà soát quy chế quản lý tài sản công", ("Bộ Tài chính",), "I.2"),
          TraceTask("u3", "Bộ Tài chính - 02 quy chế quản lý tài sản", ("Bộ Tài chính",), "34-i")]
    down = [TraceTask("d1", "Sở Tài chính rà soát quy chế quản lý tài sản công của các đơn vị sự nghiệp",
                      ("Sở Tài chính",), "1")]
    _, ctx = trace._scored(up, down, None, None, None, trace.settings(), words=False)
    f = trace.features(up, down, ctx)
    assert f[("d1", "u1")]["copy"] > f[("d1", "u2")]["copy"] > f[("d1", "u3")]["copy"] > 0
    assert f[("d1", "u3")]["aside"] == 1.0 and f[("d1", "u1")]["aside"] == 0.0


def test_the_copy_bonus_is_off_in_the_data_file_and_counts_a_long_copied_run_when_on():
    import dataclasses

    up = [TraceTask("u1", "Rà soát quy chế quản lý tài sản công của các đơn vị sự nghiệp công lập", ("Bộ Tài chính",)),
          TraceTask("u2", "Tuyên truyền pháp luật về phòng cháy chữa cháy trong trường học", ("Bộ Công an",))]
    down = [TraceTask("d1", "Rà soát quy chế quản lý tài sản công của các đơn vị sự nghiệp công lập", ("Sở Tài chính",))]
    assert trace.settings().copy_weight == 0.0
    off = {x.upstream: x for x in trace.score_all(up, down)}
    on = {x.upstream: x for x in trace.score_all(up, down, cfg=dataclasses.replace(trace.settings(), copy_weight=0.1,
                                                                                   copy_min=10))}
    assert on["u1"].score == pytest.approx(off["u1"].score + 0.1) and "trích nguyên văn +0.1" in on["u1"].why
    assert on["u2"].score == off["u2"].score
