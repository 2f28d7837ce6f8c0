"""search_api.legal.trace: task-to-task implementation links, on tasks of our own and on the
hand-linked benchmark of real implementing pairs (tests/fixtures/trace)."""

from __future__ import annotations

import pytest

from search_api.legal import trace
from search_api.legal.trace import TraceTask, match, score_all, tasks_of

UP = [
    TraceTask("u1", "Rà soát, sửa đổi quy chế quản lý tài sản công tại các cơ quan nhà nước", ("Bộ Tài chính",)),
    TraceTask("u2", "Tuyên truyền pháp luật về phòng cháy, chữa cháy trong trường học", ("Bộ Công an",)),
    TraceTask("u3", "Số hóa hồ sơ thủ tục hành chính, hoàn thành trong năm 2026", ("Văn phòng Chính phủ",),
              refs=("12/NQ-CP",)),
]
DOWN = [
    TraceTask("d1", "Sở Tài chính rà soát quy chế quản lý tài sản công của các sở, ngành", ("Sở Tài chính",)),
    TraceTask("d2", "Các sở số hóa hồ sơ TTHC theo Nghị quyết số 12/NQ-CP", ("Các sở",), refs=("12/NQ-CP",)),
    TraceTask("d3", "Tổ chức hội thi văn nghệ chào mừng ngày thành lập tỉnh", ("Sở Văn hóa",)),
]


def test_links_go_to_the_matching_upstream_task_with_the_words_that_matched():
    t = match(UP, DOWN)
    assert {(x.downstream, x.upstream) for x in t.links} == {("d1", "u1"), ("d2", "u3")}
    d1 = next(x for x in t.links if x.downstream == "d1")
    assert "quy chế" in d1.words and "quản lý tài sản" in d1.words
    assert 0 < d1.score <= 1.5


def test_an_abbreviation_meets_its_expansion_and_a_shared_citation_adds_to_the_score():
    d2 = next(x for x in score_all(UP, DOWN) if (x.downstream, x.upstream) == ("d2", "u3"))
    assert d2.refs == ("12/NQ-CP",)
    assert "thủ tục" in d2.words and "hành chính" in d2.words  # TTHC expanded
    no_refs = [DOWN[0], TraceTask("d2", DOWN[1].text, DOWN[1].owners), DOWN[2]]
    bare = next(x for x in score_all(UP, no_refs) if (x.downstream, x.upstream) == ("d2", "u3"))
    assert bare.refs == () and bare.score < d2.score


def test_a_task_with_nothing_in_common_links_nowhere_and_coverage_names_the_uncovered():
    t = match(UP, DOWN)
    assert all(x.downstream != "d3" for x in t.links)
    assert (t.coverage.covered, t.coverage.total, t.coverage.uncovered) == (2, 3, ("u2",))
    assert t.coverage.text == "2 trên 3 nhiệm vụ có nhiệm vụ triển khai"


def test_citing_the_upstream_document_itself_favours_the_best_match():
    down = [TraceTask("d9", "Khẩn trương rà soát quy chế theo Thông báo số 5/TB-VPCP", refs=("5/TB-VPCP",))]
    with_key = {x.upstream: x for x in score_all(UP, down, upstream_key="5/TB-VPCP")}
    without = {x.upstream: x for x in score_all(UP, down)}
    assert with_key["u1"].score > without["u1"].score and with_key["u1"].refs == ("5/TB-VPCP",)
    assert with_key["u2"].score == without["u2"].score


def test_a_higher_threshold_proposes_fewer_links():
    assert len(match(UP, DOWN, threshold=0.0).links) >= len(match(UP, DOWN).links)
    assert match(UP, DOWN, threshold=5.0).links == ()


def test_tasks_of_an_extraction():
    import ingest
    import nlp

    ex = nlp.extract(ingest.parse_text("1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025."))
    tasks = tasks_of(ex)
    assert tasks and tasks[0].owners == ("Sở Tư pháp",) and tasks[0].id == ex.tasks[0].id


def test_a_malformed_data_file_is_named(monkeypatch, tmp_path):
    bad = tmp_path / "trace.json"
    bad.write_text('{"stop_words": ["Các"], "weights": {}, "threshold": 1}', encoding="utf-8")
    monkeypatch.setattr(trace, "_DATA", bad)
    trace.settings.cache_clear()
    try:
        with pytest.raises(trace.TraceDataError, match="trace.json"):
            trace.settings()
    finally:
        monkeypatch.undo()
        trace.settings.cache_clear()


def test_benchmark_floor_on_real_implementing_pairs():
    """Measured 2026-12-03 at the data file's threshold: precision 1.000, recall 0.188 (6 of 32
    hand links) with the extractor of that morning; 0.500 / 0.188 after the extractor began to
    read list items of 220/CĐ-TTg ("Bộ Tài chính - 03 Nghị định ...") as tasks (the report half,
    never tuned on: 1.000 / 0.222). The issue's target (precision >= 0.85 at recall >= 0.70) is
    NOT met by word similarity on these pairs; this floor keeps what there is from getting
    worse."""
    from tests.bench.bench_trace import evaluate, load_pairs

    pairs = load_pairs()
    assert sum(len(p.gold) for p in pairs) >= 30
    s = evaluate(pairs)
    assert s["precision"] >= 0.45
    assert s["recall"] >= 0.15
