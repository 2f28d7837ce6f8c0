"""search_api.legal.trace: task-to-task implementation links, on tasks of our own (one test or
more per feature of the score) and on the hand-linked benchmark of real implementing pairs
(tests/fixtures/trace)."""

from __future__ import annotations

import dataclasses
import math

import pytest

from search_api.legal import trace
from search_api.legal.trace import TraceTask, match, score_all, tasks_of
from search_api.legal.trace_words import Weights, phrases, units
from tests.search_api.legal.trace_fixtures import UP

DOWN = [
    TraceTask("d1", "Sở Tài chính rà soát quy chế quản lý tài sản công của các sở, ngành", ("Sở Tài chính",),
              section="1"),
    TraceTask("d2", "Các sở số hóa hồ sơ TTHC theo Nghị quyết số 12/NQ-CP", ("Các sở",), section="2",
              refs=("12/NQ-CP",)),
    TraceTask("d3", "Tổ chức hội thi văn nghệ chào mừng ngày thành lập tỉnh", ("Sở Văn hóa",), section="3"),
]


def _pair(down: TraceTask, up: TraceTask, **kw) -> trace.TraceLink:
    return next(x for x in score_all([up], [down], **kw))


@pytest.fixture
def settings(monkeypatch):
    """Replace some of data/trace.json's settings for one test: ``settings(margin=0.5)``; the
    order, section and confidence evidence are off unless named, so that a test of one part of
    the score sees that part alone."""
    def use(**over):
        cfg = dataclasses.replace(trace.settings(), **({"order_weight": 0.0, "section_weight": 0.0, "lift": 1.0,
                                                       "crowd": 0.0}
                                                       | over))
        monkeypatch.setattr(trace, "settings", lambda: cfg)
        return cfg
    return use


def test_links_go_to_the_matching_upstream_task_with_the_words_that_matched():
    t = match(UP, DOWN)
    assert {(x.downstream, x.upstream) for x in t.links} == {("d1", "u1"), ("d2", "u3")}
    d1 = next(x for x in t.links if x.downstream == "d1")
    assert "quy chế" in d1.words and "rà soát" in d1.words  # as written, accents back
    assert 0 < d1.score <= 1.5


def test_an_abbreviation_meets_its_expansion_and_a_shared_citation_adds_to_the_score():
    d2 = next(x for x in score_all(UP, DOWN) if (x.downstream, x.upstream) == ("d2", "u3"))
    assert d2.refs == ("12/NQ-CP",)
    assert "thủ tục hành chính" in d2.words or {"thủ tục", "hành chính"} <= set(d2.words)  # TTHC expanded
    no_refs = [DOWN[0], dataclasses.replace(DOWN[1], refs=()), DOWN[2]]
    bare = next(x for x in score_all(UP, no_refs) if (x.downstream, x.upstream) == ("d2", "u3"))
    assert bare.refs == () and bare.score < d2.score


def test_the_data_files_own_abbreviations_are_expanded_too():
    up = TraceTask("u", "Rà soát văn bản quy phạm pháp luật về điều kiện kinh doanh", ("Bộ Công Thương",), "1")
    down = TraceTask("d", "Sở Công Thương rà soát các VBQPPL về ĐKKD", ("Sở Công Thương",), "1")
    assert {"văn bản", "điều kiện"} <= set(_pair(down, up).words) or "văn bản quy phạm pháp luật" in _pair(down, up).words


def test_a_task_with_nothing_in_common_links_nowhere_and_coverage_names_the_uncovered():
    t = match(UP, DOWN)
    assert all(x.downstream != "d3" for x in t.links)
    assert (t.coverage.covered, t.coverage.total, t.coverage.uncovered) == (2, 3, ("u2",))
    assert t.coverage.text == "2 trên 3 nhiệm vụ có nhiệm vụ triển khai"


def test_citing_the_upstream_document_itself_favours_the_best_match():
    down = [TraceTask("d9", "Khẩn trương rà soát quy chế theo Thông báo số 5/TB-VPCP", section="1",
                      refs=("5/TB-VPCP",))]
    with_key = {x.upstream: x for x in score_all(UP, down, upstream_key="5/TB-VPCP")}
    without = {x.upstream: x for x in score_all(UP, down)}
    assert with_key["u1"].score > without["u1"].score and with_key["u1"].refs == ("5/TB-VPCP",)
    assert with_key["u2"].score == without["u2"].score


def test_a_shared_owner_adds_the_owner_weight():
    up = TraceTask("u", "Kiểm tra an toàn thực phẩm tại chợ đầu mối", ("Sở Y tế",), "1")
    same = TraceTask("d", "Kiểm tra an toàn thực phẩm tại các chợ", ("Sở Y tế",), "1")
    unit = dataclasses.replace(same, owners=("Trung tâm Kiểm soát bệnh tật",))  # a unit of no kind: neutral
    a, b = _pair(same, up), _pair(unit, up)
    assert a.owners == ("Sở Y tế",) and b.owners == ()
    assert a.score - b.score == pytest.approx(trace.settings().owner_weight, abs=1e-3)
    assert any("cùng chủ thể" in w for w in a.why) and not any("chủ thể" in w for w in b.why)


def test_a_title_is_cut_off_and_a_set_includes_its_members(settings):
    settings(other_owner=0.7)  # the data file has the factor off (1.0); its mechanism is tested here
    up = TraceTask("u", "Kiểm tra an toàn thực phẩm tại chợ đầu mối", ("Bộ Y tế",), "1")
    head = TraceTask("d", "Kiểm tra an toàn thực phẩm tại các chợ", ("Bộ trưởng Bộ Y tế",), "1")
    assert _pair(head, up).owners == ("Bộ Y tế",)  # "Bộ trưởng Bộ Y tế" is Bộ Y tế
    group = dataclasses.replace(up, owners=("Ủy ban nhân dân các tỉnh, thành phố",))
    member = dataclasses.replace(head, owners=("Ủy ban nhân dân tỉnh Gia Lai",))
    stranger = dataclasses.replace(head, owners=("Bộ Công an",))
    assert _pair(member, group).score > _pair(stranger, group).score  # a province is one of "các tỉnh"


def test_an_instruction_given_to_another_body_counts_less(settings):
    cfg = settings(other_owner=0.5)
    up = TraceTask("u", "Kiểm tra an toàn thực phẩm tại chợ đầu mối", ("Sở Y tế",), "1")
    other = TraceTask("d", "Kiểm tra an toàn thực phẩm tại các chợ", ("Sở Công Thương",), "1")
    unit = dataclasses.replace(other, owners=("Trung tâm Kiểm soát bệnh tật",))
    a, b = _pair(other, up), _pair(unit, up)
    assert a.score == pytest.approx(cfg.other_owner * b.score, abs=1e-3) and a.score < b.score
    assert any("chủ thể khác" in w for w in a.why)
    party = dataclasses.replace(up, owners=("Đảng uỷ Chính phủ",))  # of no kind: not ruled out
    assert _pair(other, party).score == pytest.approx(b.score, abs=1e-3)


def test_a_ministry_letter_s_units_carry_out_what_the_ministries_are_given(settings):
    settings(other_owner=0.5)
    ministries = TraceTask("u1", "Rà soát, sửa đổi nghị định về thủ tục hành chính", ("Bộ trưởng các Bộ",), "1")
    finance = dataclasses.replace(ministries, id="u2", owners=("Bộ Tài chính",))
    unit = TraceTask("d", "Rà soát, sửa đổi nghị định về thủ tục hành chính trong lĩnh vực báo chí",
                     ("Cục Báo chí",), "1")
    kw = {"downstream_issuer": "Bộ Văn hóa, Thể thao và Du lịch"}
    by_up = {x.upstream: x.score for x in score_all([ministries, finance], [unit], **kw)}
    assert by_up["u1"] > by_up["u2"]  # the issuer is one of "các Bộ", not Bộ Tài chính
    plain = {x.upstream: x.score for x in score_all([ministries, finance], [unit])}
    assert plain["u1"] == pytest.approx(plain["u2"], abs=1e-3)  # without the issuer: a unit of no kind


def test_boilerplate_weighs_little_and_stop_phrases_break_syllable_pairs():
    stop = trace.settings().stop_words
    assert "triển khai" in stop and "thực hiện" in stop and "ra" in stop
    assert "trien" not in units("Triển khai thực hiện kế hoạch", stop)
    assert "ra" in units("Rà soát quy chế", stop)  # accents tell "rà" from the stop word "ra"
    assert units("Rà soát quy chế, tài sản công", frozenset({"rà soát"})) == (
        "quy", "che", "tai", "san", "cong", "quy che", "tai san", "san cong")
    # a word every task says weighs less than one only two say
    bags = [frozenset(units(t, stop)) for t in ("kế hoạch phòng cháy", "kế hoạch tài sản", "kế hoạch phòng dịch")]
    w = Weights.of(bags, pair_weight=1.0)
    assert w.weight("ke hoach") < w.weight("phong")
    up = [TraceTask("u1", "Triển khai thực hiện nghiêm túc, hiệu quả kế hoạch chuyển đổi số", ("Bộ A",), "1"),
          TraceTask("u2", "Triển khai thực hiện kế hoạch phòng chống thiên tai", ("Bộ B",), "2"),
          TraceTask("u3", "Triển khai thực hiện kế hoạch cải cách hành chính", ("Bộ C",), "3")]
    down = [TraceTask("d1", "Triển khai thực hiện kế hoạch xây dựng nông thôn mới", ("Sở D",), "1")]
    assert match(up, down).links == ()


def test_a_background_of_other_documents_counts_in_the_idf(settings):
    """A word every task of the pair says weighs little on the pair alone; with a background
    of other documents' tasks that never say it, it weighs more, and a link resting on it
    scores higher (trace_words.Background, trace.background_of)."""
    from search_api.legal.trace import background_of
    from search_api.legal.trace_words import Background

    stop = trace.settings().stop_words
    bags = [frozenset(units(t, stop)) for t in ("bảo vệ bí mật nhà nước tại cơ quan", "bí mật nhà nước trong Bộ")]
    alone = Weights.of(bags, pair_weight=1.0)
    other = Background.of([frozenset(units(t, stop)) for t in ("phòng chống thiên tai", "sửa chữa nhà ở")])
    mixed = Weights.of(bags, pair_weight=1.0, background=other)
    assert mixed.weight("bi mat") > alone.weight("bi mat")
    common = Background.of([frozenset(units("bí mật nhà nước", stop))] * 8)  # said everywhere: weighs less
    assert Weights.of(bags, pair_weight=1.0, background=common).weight("bi mat") < mixed.weight("bi mat")
    up = [TraceTask("u1", "Kiểm tra bảo vệ bí mật nhà nước tại các cơ quan", ("Bộ Công an",), "1"),
          TraceTask("u2", "Tuyên truyền bảo vệ bí mật nhà nước trong nhân dân", ("Bộ Công an",), "2")]
    down = [TraceTask("d1", "Kiểm tra công tác bảo vệ bí mật nhà nước", ("Công an tỉnh",), "1")]
    cfg = settings(threshold=0.0)
    bg = background_of([([TraceTask("x", "Phòng chống thiên tai, sửa chữa nhà ở"),
                          TraceTask("y", "Khôi phục sản xuất nông nghiệp sau lũ")], {})])
    plain = {x.upstream: x.score for x in score_all(up, down, cfg=cfg)}
    wide = {x.upstream: x.score for x in score_all(up, down, cfg=dataclasses.replace(cfg, background=bg))}
    assert wide["u2"] > plain["u2"] and max(wide, key=wide.get) == max(plain, key=plain.get) == "u1"


def test_compounds_keep_only_the_syllable_pairs_inside_a_word(settings):
    """With ``compounds`` (bench_trace.py --compounds) a pair of syllables across two of pyvi's
    words ("toan thuc" of "an toàn thực phẩm") is no unit, so two tasks sharing only such a
    pair share less."""
    text = "kiểm tra an toàn thực phẩm"
    assert "toan thuc" in units(text, frozenset()) and "toan thuc" not in units(text, frozenset(), compounds=True)
    assert {"kiem tra", "an toan", "thuc pham"} <= set(units(text, frozenset(), compounds=True))
    up = [TraceTask("u", "Bảo đảm an toàn thực phẩm", ("Bộ Y tế",), "1"),
          TraceTask("v", "Tuyên truyền phòng cháy", ("Bộ Y tế",), "2")]
    down = [TraceTask("d", "Giám sát an toàn thực phẩm", ("Bộ Y tế",), "1")]
    cfg = settings(threshold=0.0)
    plain = {x.upstream: x for x in score_all(up, down, cfg=cfg)}["u"]
    comp = {x.upstream: x for x in score_all(up, down, cfg=dataclasses.replace(cfg, compounds=True))}["u"]
    assert comp.score < plain.score and "thực phẩm" in comp.words


def test_syllables_let_a_reordered_compound_meet_its_other_form():
    up = TraceTask("u", "Thực hiện cấu trúc lại quy trình cung cấp dịch vụ công trực tuyến", ("Bộ X",), "1")
    down = TraceTask("d", "Tái cấu trúc quy trình dịch vụ công trực tuyến của ngành", ("Cục Y",), "1")
    x = _pair(down, up)
    assert {"cấu trúc", "quy trình"} <= set(x.words) and x.score >= trace.settings().threshold


def test_a_match_on_a_word_or_two_counts_less_than_the_same_share_of_a_longer_text(settings):
    up = TraceTask("u", "Hoàn thiện thể chế về quản lý đất đai, giải phóng mặt bằng và tái định cư", ("Bộ N",), "1")
    short = TraceTask("d", "Quản lý đất đai", ("Sở N",), "1")
    long_ = TraceTask("d", "Hoàn thiện thể chế quản lý đất đai, giải phóng mặt bằng, tái định cư", ("Sở N",), "1")
    cfg = settings(owner_weight=0.0, other_owner=1.0)
    assert _pair(short, up).score < _pair(long_, up).score
    loose = settings(evidence=0.0, balance=0.0, owner_weight=0.0, other_owner=1.0)
    assert loose.evidence == 0.0 and _pair(short, up).score == pytest.approx(1.0)  # all its words, no discount
    assert cfg.evidence > 0


def test_an_upstream_task_naming_no_owner_and_an_unnumbered_downstream_task_count_less(settings):
    cfg = settings()
    assert cfg.no_owner < 1 and cfg.unnumbered < 1
    up = TraceTask("u", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", ("Bộ X",), "1")
    down = TraceTask("d", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính của tỉnh", ("Ban Y",), "1")
    full = _pair(down, up).score
    assert _pair(down, dataclasses.replace(up, owners=())).score == pytest.approx(full * cfg.no_owner, abs=1e-3)
    assert _pair(dataclasses.replace(down, section=None), up).score == pytest.approx(full * cfg.unnumbered, abs=1e-3)


def test_a_downstream_task_links_to_its_best_and_to_a_second_only_when_it_is_that_ones_best(settings):
    up = [TraceTask("u1", "Sửa chữa nhà ở bị hư hỏng do bão lũ cho hộ nghèo", ("Bộ Xây dựng",), "1"),
          TraceTask("u2", "Hỗ trợ hộ nghèo xây dựng lại nhà ở bị sập do bão lũ", ("Bộ Xây dựng",), "2")]
    one = [TraceTask("d1", "Huy động lực lượng sửa chữa, xây dựng lại nhà ở cho hộ nghèo bị bão lũ", ("Sở A",), "1")]
    settings(margin=0.5, threshold=0.1)
    assert {x.upstream for x in match(up, one).links} == {"u1", "u2"}  # d1 is both upstream tasks' best
    other = one + [TraceTask("d2", "Hỗ trợ hộ nghèo xây dựng lại nhà ở bị sập do bão lũ trong năm", ("Sở B",), "2")]
    got = {(x.downstream, x.upstream) for x in match(up, other).links}
    assert ("d2", "u2") in got and ("d1", "u2") not in got  # u2 is better carried out by d2
    settings(margin=1.0, threshold=0.1)
    assert len(match(up, one).links) == 1  # margin 1: only the best


def test_a_downstream_task_carrying_out_two_instructions_links_to_both_on_its_other_words(settings):
    up = [TraceTask("u1", "Sửa chữa nhà ở bị hư hỏng cho hộ nghèo", ("Bộ Xây dựng",), "1"),
          TraceTask("u2", "Tiêm phòng dịch bệnh cho gia súc, gia cầm sau lũ", ("Bộ Nông nghiệp",), "2"),
          TraceTask("u3", "Tuyên truyền pháp luật về giao thông đường bộ", ("Bộ Công an",), "3")]
    down = [TraceTask("d1", "Sửa chữa nhà ở bị hư hỏng cho hộ nghèo; tiêm phòng dịch bệnh cho gia súc sau lũ",
                      ("Ban A",), "1"),
            TraceTask("d2", "Tiêm phòng dịch bệnh cho gia súc, gia cầm sau lũ trên địa bàn", ("Ban B",), "2")]
    settings(margin=1.0, residual=True, threshold=0.18)  # no extra link by the margin rule: only by the words left
    got = {(x.downstream, x.upstream) for x in match(up, down).links}
    assert {("d1", "u1"), ("d1", "u2"), ("d2", "u2")} <= got and not any(u == "u3" for _, u in got)
    settings(margin=1.0, residual=False, threshold=0.18)
    assert ("d1", "u2") not in {(x.downstream, x.upstream) for x in match(up, down).links}


def test_split_links_a_second_instruction_of_another_upstream_section_within_its_margin(settings):
    """split: a task carrying out instructions of two upstream sections (houses; vaccination)
    gets a second link scoring split x its best when that one lies in another section; not when
    it shares the best's section, nor with split 0 (mutual best and residual off here)."""
    owner = ("Ủy ban nhân dân các tỉnh",)
    up = [TraceTask("u1", "Hỗ trợ sửa chữa nhà ở bị hư hỏng cho người dân", owner, "I.1"),
          TraceTask("u2", "Tiêm phòng vắc xin cho gia súc, gia cầm", owner, "II.1"),
          TraceTask("u3", "Hỗ trợ sửa chữa trường học bị hư hỏng", owner, "I.2")]
    down = [TraceTask("d1", "Sửa chữa nhà ở bị hư hỏng và tiêm phòng vắc xin gia súc", (), "1"),
            TraceTask("d2", "Tổ chức tiêm phòng vắc xin cho gia súc, gia cầm ngay", (), "2")]

    def links(split: float, tasks=up) -> set[tuple[str, str]]:
        settings(residual=False, threshold=0.2, split=split)
        return {(x.downstream, x.upstream) for x in match(tasks, down).links}

    assert links(0.0) == {("d1", "u2"), ("d2", "u2")}
    assert links(0.6) == {("d1", "u2"), ("d1", "u1"), ("d2", "u2")}  # u3 scores under 0.6 x the best
    same = [dataclasses.replace(up[0], section="II.1"), *up[1:]]
    assert links(0.6, same) == {("d1", "u2"), ("d2", "u2")}


def test_a_further_link_needs_words_of_its_own_not_only_a_shared_owner_or_citation(settings):
    up = [TraceTask("u1", "Sửa chữa nhà ở bị hư hỏng cho hộ nghèo", ("Bộ Xây dựng",), "1", refs=("5/CĐ-TTg",)),
          TraceTask("u2", "Hỗ trợ hộ nghèo sửa chữa nhà ở", ("Bộ Xây dựng",), "2", refs=("5/CĐ-TTg",))]
    down = [TraceTask("d1", "Sửa chữa nhà ở bị hư hỏng cho hộ nghèo theo Công điện 5/CĐ-TTg", ("Bộ Xây dựng",), "1",
                      refs=("5/CĐ-TTg",))]
    cfg = settings(margin=1.0, residual=True, threshold=0.18)
    assert cfg.owner_weight + cfg.refs_weight >= cfg.threshold  # the bonuses alone would pass
    assert [x.upstream for x in match(up, down).links] == ["u1"]


def test_phrases_are_whole_words_as_written():
    w = {"quy", "che", "quy che", "soat"}
    assert phrases("Sở rà soát quy chế", w, lambda u: 1.0) == ("quy chế",)  # "rà soát" half matched: not shown
    assert phrases("Sở rà soát quy chế", w | {"ra", "ra soat"}, lambda u: 1.0)[:2] in {("quy chế", "rà soát"),
                                                                                     ("rà soát", "quy chế")}


def test_a_higher_threshold_proposes_fewer_links():
    assert len(match(UP, DOWN, threshold=0.0).links) >= len(match(UP, DOWN).links)
    assert match(UP, DOWN, threshold=5.0).links == ()


def test_tasks_of_an_extraction():
    import ingest
    import nlp

    ex = nlp.extract(ingest.parse_text("1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025."))
    tasks = tasks_of(ex)
    assert tasks and tasks[0].owners == ("Sở Tư pháp",) and tasks[0].id == ex.tasks[0].id


def test_tasks_of_a_parsed_document_carry_the_headings_above_them():
    import ingest
    import nlp

    doc = ingest.parse_text("II. NHIỆM VỤ\n1. Sở Tư pháp quán triệt Chỉ thị số 32/CT-TTg về bảo vệ bí mật nhà nước:\n"
                            "- Tổ chức hội nghị tuyên truyền cho cán bộ, công chức trước ngày 15/9/2025.\n")
    tasks = tasks_of(nlp.extract(doc), doc)
    dash = next(t for t in tasks if "hội nghị" in t.text)
    assert dash.context and "bảo vệ bí mật nhà nước" in dash.context[0] and dash.context[-1] == "NHIỆM VỤ"
    assert all(not t.context for t in tasks_of(nlp.extract(doc)))  # no parsed document: no headings


def test_the_headings_words_are_context_the_upstream_task_may_say():
    """A task saying little ("Tổ chức hội nghị tuyên truyền") under a heading quoting the
    instruction it carries out: the headings' words its text lacks count as context for the
    upstream task that says them, and for no other."""
    up = [TraceTask("u1", "Quán triệt pháp luật về bảo vệ bí mật nhà nước", ("Bộ Công an",), "1"),
          TraceTask("u2", "Tuyên truyền pháp luật về phòng cháy trong trường học", ("Bộ Công an",), "2")]
    bare = TraceTask("d", "Tổ chức hội nghị tuyên truyền cho cán bộ", (), "1-a")
    under = dataclasses.replace(bare, context=("Quán triệt Chỉ thị về bảo vệ bí mật nhà nước",))
    for d, expect in ((bare, (0.0, 0.0)), (under, None)):
        _, ctx = trace._scored(up, [d], None, None, None, trace.settings(), words=False)
        got = (ctx.context("d", "u1"), ctx.context("d", "u2"))
        assert got == expect if expect else got[0] > 0.2 and got[1] == 0.0
    feats = trace.features(up, [under], trace._scored(up, [under], None, None, None, trace.settings(),
                                                       words=False)[1])
    assert feats[("d", "u1")]["context"] > feats[("d", "u2")]["context"] == 0.0


@pytest.mark.parametrize("body", [
    '{"stop_words": ["Các"], "weights": {}, "threshold": 1}',
    "not json",
])
def test_a_malformed_data_file_is_named(monkeypatch, tmp_path, body):
    bad = tmp_path / "trace.json"
    bad.write_text(body, encoding="utf-8")
    monkeypatch.setattr(trace, "_DATA", bad)
    trace.settings.cache_clear()
    try:
        with pytest.raises(trace.TraceDataError, match="trace.json"):
            trace.settings()
    finally:
        monkeypatch.undo()
        trace.settings.cache_clear()


def test_the_copy_settings_are_validated(monkeypatch, tmp_path):
    import json

    data = json.loads(trace._DATA.read_text(encoding="utf-8"))
    data["copy_min"] = 1
    bad = tmp_path / "trace.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(trace, "_DATA", bad)
    trace.settings.cache_clear()
    try:
        with pytest.raises(trace.TraceDataError, match="copy_min"):
            trace.settings()
    finally:
        monkeypatch.undo()
        trace.settings.cache_clear()
    assert trace.settings().copy_min == 10 and trace.settings().copy_weight == 0.0


def test_the_benchmark_reads_the_frozen_tasks_by_default(monkeypatch, tmp_path):
    """The bench's tasks come from tasks.json (written by --freeze with its commit), not from
    the extractor of the hour: a frozen file with one task's text changed changes the pair."""
    import json

    from tests.bench import bench_trace

    frozen = json.loads(bench_trace.FROZEN.read_text(encoding="utf-8"))
    assert len(frozen["commit"]) == 40 and set(frozen["documents"]) == set(bench_trace._files())
    doc = frozen["documents"]["6278-BVHTTDL-VP_2025.txt"]
    doc["tasks"] = doc["tasks"] + [{"id": "x-frozen", "text": "Nhiệm vụ chỉ có trong bản đóng băng", "owners": [],
                                    "section": None, "refs": []}]
    fake = tmp_path / "tasks.json"
    fake.write_text(json.dumps(frozen, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(bench_trace, "FROZEN", fake)
    bench_trace._frozen.cache_clear()
    try:
        pair = next(p for p in bench_trace.load_pairs() if p.id == "cd220-cv6278")
        assert pair.downstream[-1].id == "x-frozen" and pair.issuer == "Bộ Văn hóa, Thể thao và Du lịch"
    finally:
        monkeypatch.undo()
        bench_trace._frozen.cache_clear()


def test_freeze_adds_the_documents_not_frozen_yet_and_leaves_the_others_alone(monkeypatch, tmp_path):
    """--freeze extracts only the documents of pairs.json missing from tasks.json (recording
    the commit for them in ``added``); a document already frozen keeps its tasks even when
    the extractor now gives others. --refresh extracts them all again."""
    import json

    from tests.bench import bench_trace

    fake = tmp_path / "tasks.json"
    old = {"a.txt": {"issuer": None, "abbreviations": {}, "tasks": [{"id": "old", "text": "cũ", "owners": [],
                                                                       "section": None, "refs": []}]}}
    fake.write_text(json.dumps({"commit": "c" * 40, "dirty": [], "frozen_at": "then", "documents": old}),
                    encoding="utf-8")
    monkeypatch.setattr(bench_trace, "FROZEN", fake)
    monkeypatch.setattr(bench_trace, "_files", lambda: ["a.txt", "b.txt"])
    monkeypatch.setattr(bench_trace, "_live", lambda f: {"issuer": None, "abbreviations": {}, "tasks": [
        {"id": f"new-{f}", "text": "mới", "owners": [], "section": None, "refs": []}]})
    out = bench_trace.freeze()
    assert out["documents"]["a.txt"] == old["a.txt"] and out["commit"] == "c" * 40
    assert out["documents"]["b.txt"]["tasks"][0]["id"] == "new-b.txt" and set(out["added"]) == {"b.txt"}
    assert json.loads(fake.read_text(encoding="utf-8"))["documents"] == out["documents"]
    again = bench_trace.freeze(refresh=True)
    assert again["documents"]["a.txt"]["tasks"][0]["id"] == "new-a.txt" and again["added"] == {}


def test_freeze_context_adds_the_headings_and_changes_nothing_else(monkeypatch, tmp_path):
    """--freeze --context gives each frozen task the headings above it from the fixture text's
    section tree (by its section path), leaving ids, texts and documents as they were."""
    import json
    from types import SimpleNamespace as S

    from tests.bench import bench_trace

    fake = tmp_path / "tasks.json"
    task = {"id": "keep", "text": "Tổ chức hội nghị", "owners": [], "section": "1-a", "refs": []}
    doc = {"issuer": None, "abbreviations": {}, "tasks": [task, {**task, "id": "loose", "section": None}]}
    fake.write_text(json.dumps({"commit": "c" * 40, "documents": {"a.txt": doc}}), encoding="utf-8")
    secs = [S(index=0, parent=None, path="1", heading="Quán triệt Chỉ thị số 32/CT-TTg"),
            S(index=1, parent=0, path="1-a", heading="Tổ chức hội nghị")]
    monkeypatch.setattr(bench_trace, "FROZEN", fake)
    monkeypatch.setattr(bench_trace, "_parsed", lambda f: S(sections=secs))
    out = bench_trace.freeze_context()
    got = out["documents"]["a.txt"]["tasks"]
    assert [t["context"] for t in got] == [["Quán triệt Chỉ thị số 32/CT-TTg"], []]
    assert [{k: v for k, v in t.items() if k != "context"} for t in got] == doc["tasks"]
    assert out["commit"] == "c" * 40 and len(out["context_added"]["commit"]) == 40
    assert json.loads(fake.read_text(encoding="utf-8")) == out


def test_benchmark_floor_on_real_implementing_pairs():
    """Measured 2026-12-07 on the frozen tasks (tests/fixtures/trace/tasks.json: extractor at
    dc25e91 for the first 12 documents, the 5 added later recorded in its ``added``) at the data
    file's settings, chosen by bench_trace.py --grid on the tuning half (other_owner 1.0, order
    0.1 / floor 0.15, section 0, lift 1.5, crowd 0, threshold 0.32): tuning half 0.849 / 0.512
    (6 pairs, 88 links), report half 0.562 / 0.265 (6 pairs, 34 links, never tuned on), overall
    0.783 / 0.443 (122 links); the settings chosen before on 2 pairs gave 0.840 / 0.477, 0.556 /
    0.147, 0.797 / 0.385 in the same run. Links classed strong (score >= 0.40): 32 of 37 right.
    The issue's target (precision >= 0.85 at recall >= 0.70) is met on no half. The tasks are
    frozen, so the figures move only with the matcher: the floors are the figures."""
    from tests.bench.bench_trace import FIXTURES, evaluate, halves, load_pairs

    pairs = load_pairs()  # the frozen tasks (tests/fixtures/trace/tasks.json)
    links = [x for x in (FIXTURES / "links.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert sum(len(p.gold) for p in pairs) == len(links) >= 30  # every hand link resolves to one frozen task pair
    parts = dict(halves(pairs))
    tune, report, overall = evaluate(parts["tune"]), evaluate(parts["report"]), evaluate(parts["overall"])
    assert tune["precision"] >= 0.84 and tune["recall"] >= 0.51
    assert report["precision"] >= 0.56 and report["recall"] >= 0.26
    assert overall["precision"] >= 0.78 and overall["recall"] >= 0.44
    strong = [(x.downstream, x.upstream) in p.gold for p in pairs for x in p.match().links if x.confidence == "strong"]
    assert len(strong) >= 37 and sum(strong) / len(strong) >= 0.86


def test_a_link_s_confidence_class_follows_the_strong_score_raised_for_a_long_document(settings):
    cfg = settings(threshold=0.1, strong=0.5)
    assert cfg.confidence_labels == {"strong": "đề xuất mạnh", "review": "cần xem xét"}
    t = match(UP, DOWN)
    assert t.links and {x.confidence for x in t.links} <= {"strong", "review"}
    for x in t.links:
        assert (x.confidence == "strong") == (x.score >= 0.5)
        assert x.confidence_label == cfg.confidence_labels[x.confidence]
    top = max(x.score for x in t.links)
    settings(threshold=0.1, strong=top - 0.01)
    assert [x.confidence for x in match(UP, DOWN).links if x.score == top] == ["strong"]
    settings(threshold=0.1, strong=top - 0.01, crowd=0.5)  # the same texts among 21 instructions: not strong
    filler = [TraceTask(f"f{i}", f"Nhiệm vụ riêng số {i}", ("Bộ Ngoại giao",), str(i)) for i in range(18)]
    crowded = match(UP + filler, DOWN, threshold=0.0).links
    assert crowded and all(x.confidence == "review" for x in crowded)


ORDER_UP = [TraceTask("u1", "Sửa chữa nhà ở bị hư hỏng do bão lũ", ("Bộ Xây dựng",), "1"),
            TraceTask("u2", "Cung ứng giống cây trồng, vật nuôi cho vùng bị thiệt hại", ("Bộ Nông nghiệp và Môi trường",),
                      "2"),
            TraceTask("u3", "Bảo đảm học sinh trở lại trường học an toàn", ("Bộ Giáo dục và Đào tạo",), "3"),
            TraceTask("u4", "Khôi phục sản xuất nông nghiệp, cung ứng giống cây trồng", ("Bộ Nông nghiệp và Môi trường",),
                      "4")]
ORDER_DOWN = [TraceTask("d1", "Sửa chữa nhà ở bị hư hỏng cho các hộ dân", (), "1"),
              TraceTask("d2", "Cung ứng giống cây trồng cho nông dân", (), "2"),
              TraceTask("d3", "Bảo đảm học sinh trở lại trường học", (), "3")]


def _best(links, d: str) -> trace.TraceLink:
    return max((x for x in links if x.downstream == d), key=lambda x: x.score)


def test_a_link_in_the_order_of_its_neighbours_links_gets_the_order_bonus(settings):
    settings(order_weight=0.0)
    assert _best(score_all(ORDER_UP, ORDER_DOWN), "d2").upstream == "u4"  # by the words alone
    cfg = settings(order_weight=0.05, order_floor=0.15)
    scored = score_all(ORDER_UP, ORDER_DOWN)
    best = _best(scored, "d2")
    assert best.upstream == "u2" and f"đúng thứ tự +{cfg.order_weight:g}" in best.why  # between u1 and u3
    assert not any("thứ tự" in w for w in next(x for x in scored if (x.downstream, x.upstream) == ("d2", "u4")).why)
    assert _best(match(ORDER_UP, ORDER_DOWN).links, "d2").upstream == "u2"


def test_the_monotone_alignment_never_goes_back_and_skips_weak_pairs():
    from search_api.legal.trace_order import monotone

    s = [[0.5, 0.0, 0.0], [0.0, 0.1, 0.6], [0.45, 0.3, 0.0]]
    assert monotone(s, 0.2) == {(0, 0), (1, 2)}  # row 2 back to column 0 is out of order
    assert monotone(s, 0.0) == {(0, 0), (1, 2)} or monotone(s, 0.0) == {(0, 0), (1, 1), (2, 1)}
    assert monotone([[0.5, 0.0], [0.6, 0.1]], 0.2) == {(0, 0), (1, 0)}  # two rows may carry out one column
    assert monotone([[0.1, 0.15]], 0.2) == set() and monotone([], 0.2) == set()


SECTION_UP = [
    TraceTask("u1", "Rà soát quy hoạch sử dụng đất, cấp giấy chứng nhận quyền sử dụng đất", ("Bộ Nông nghiệp và Môi trường",),
              "I.1.a"),
    TraceTask("u2", "Cấp giấy chứng nhận cho hộ gia đình bị mất giấy tờ do thiên tai", ("Bộ Nông nghiệp và Môi trường",),
              "I.1.b"),
    TraceTask("u3", "Cấp giấy phép xây dựng nhà ở riêng lẻ cho hộ gia đình", ("Bộ Xây dựng",), "I.2.a")]
SECTION_DOWN = [TraceTask("d1", "Rà soát quy hoạch sử dụng đất của tỉnh, cấp giấy chứng nhận quyền sử dụng đất", (),
                          "1.a"),
                TraceTask("d2", "Cấp giấy phép cho hộ gia đình", (), "1.b")]


def test_an_item_s_tasks_lean_to_the_upstream_section_the_whole_item_matches_best(settings):
    settings(section_weight=0.0)
    plain = {x.upstream: x.score for x in score_all(SECTION_UP, SECTION_DOWN) if x.downstream == "d2"}
    assert plain["u3"] > plain["u2"]  # by its own words d2 leans to the building permits of I.2
    cfg = settings(section_weight=0.7)
    near = {x.upstream: x for x in score_all(SECTION_UP, SECTION_DOWN) if x.downstream == "d2"}
    # item 1's words together (d1's land-use certificates) say it carries out I.1: u2 keeps its score, u3 loses
    assert near["u2"].score == pytest.approx(plain["u2"], abs=1e-3)
    assert near["u3"].score < plain["u3"] * (1 - cfg.section_weight / 4) and near["u2"].score > near["u3"].score
    assert any(w.startswith("mục 1 ứng với mục I.2 ×") for w in near["u3"].why)
    assert not any("ứng với" in w for w in near["u2"].why)
    moved = [dataclasses.replace(SECTION_DOWN[0], section="2.a"), SECTION_DOWN[1]]  # d1 in another item: d2 alone
    alone = {x.upstream: x.score for x in score_all(SECTION_UP, moved) if x.downstream == "d2"}
    assert alone["u3"] >= alone["u2"]  # the evidence is the item's, not the document's


def test_section_affinity_is_relative_to_the_item_s_best_section():
    from search_api.legal.trace_sections import affinity, members

    assert members(["1", None, "1", "2"]) == {"1": [0, 2], "2": [3]}
    calls = []

    def strength(h: str, g: str) -> float:
        calls.append((h, g))
        return {"I": 0.4, "II": 0.1}[g] if h == "1" else 0.0

    got = affinity(["1", "1", "2"], ["I", "II", None], strength)
    assert got == {("1", "I"): 1.0, ("1", "II"): 0.25, ("2", "I"): 0.0, ("2", "II"): 0.0}
    assert sorted(calls) == [("1", "I"), ("1", "II"), ("2", "I"), ("2", "II")]  # once per section pair


def test_a_task_quoting_the_upstream_document_s_number_is_never_dropped_as_generic(settings):
    up = [TraceTask(f"u{i}", f"Khắc phục hậu quả mưa lũ, {topic}", ("Bộ Xây dựng",), str(i))
          for i, topic in enumerate(["sửa chữa cầu đường", "sửa chữa trường học", "sửa chữa trạm y tế"], 1)]
    quoting = [TraceTask("d1", "Khắc phục hậu quả mưa lũ, sửa chữa công trình theo Nghị quyết số 5/NQ-CP", (), "1",
                         refs=("5/NQ-CP",))]
    settings(lift=1.5, threshold=0.1, cites_weight=0.0)  # no bonus: the quoting alone keeps it
    assert {x.downstream for x in match(up, quoting, upstream_key="5/NQ-CP").links} == {"d1"}
    assert match(up, quoting, upstream_key="9/NQ-CP").links == ()  # it quotes another document: generic


def test_a_long_upstream_document_needs_a_higher_score(settings):
    from search_api.legal.trace import crowding

    cfg = settings(crowd=0.1)
    assert crowding(10, cfg) == 0.0 and crowding(40, cfg) == pytest.approx(0.1 * math.log(4))
    one = [TraceTask("u0", "Sửa chữa nhà ở bị hư hỏng do bão lũ", ("Bộ Xây dựng",), "1")]
    filler = [TraceTask(f"u{i}", f"Nhiệm vụ khác số {i} về {w}", ("Bộ Công an",), str(i + 1))
              for i, w in enumerate(["an ninh", "trật tự", "giao thông", "biên giới", "hải quan", "thuế", "ngân sách",
                                     "giáo dục", "y tế", "văn hóa", "thể thao", "du lịch", "báo chí", "xuất bản",
                                     "điện ảnh", "nhiếp ảnh", "mỹ thuật", "lao động", "việc làm", "dân tộc"], 1)]
    down = [TraceTask("d1", "Sửa chữa nhà ở cho các hộ dân", (), "1")]
    score = _best(score_all(one + filler, down), "d1").score
    settings(crowd=0.0, threshold=score - 0.01)
    assert [x.upstream for x in match(one + filler, down).links] == ["u0"]
    cfg = settings(crowd=0.1, threshold=score - 0.01)
    assert crowding(21, cfg) > 0.01
    assert match(one + filler, down).links == ()  # among 21 instructions the same words are not enough
    short = _best(score_all(one + filler[:9], down), "d1").score  # 10 instructions: no rise
    settings(crowd=0.1, threshold=short - 0.01)
    assert [x.upstream for x in match(one + filler[:9], down).links] == ["u0"]


def test_a_task_matching_many_instructions_alike_is_left_unlinked(settings):
    up = [TraceTask(f"u{i}", f"Khắc phục hậu quả mưa lũ, {topic}", ("Bộ Xây dựng",), str(i))
          for i, topic in enumerate(["sửa chữa cầu đường", "sửa chữa trường học", "sửa chữa trạm y tế",
                                     "cấp nước sạch cho người dân"], 1)]
    down = [TraceTask("d1", "Khắc phục hậu quả mưa lũ, sửa chữa công trình", (), "1"),  # generic: u1-u3 alike
            TraceTask("d2", "Cấp nước sạch cho người dân vùng lũ", (), "2")]
    settings(lift=1.0, threshold=0.1)
    assert {x.downstream for x in match(up, down).links} == {"d1", "d2"}
    settings(lift=1.5, threshold=0.1)
    links = match(up, down).links
    assert {x.downstream for x in links} == {"d2"}  # d2's best stands out, d1's does not
    assert any(w.startswith("nổi bật ×") for w in links[0].why)


def test_a_task_quoting_a_part_of_the_upstream_document_points_at_that_part_s_tasks(settings):
    up = [TraceTask("u1", "Hỗ trợ sửa chữa nhà ở cho hộ nghèo bị thiệt hại", ("Bộ Xây dựng",), "II.1.a"),
          TraceTask("u2", "Hỗ trợ xây dựng lại nhà ở bị sập đổ", ("Bộ Xây dựng",), "II.2.a"),
          TraceTask("u3", "Hỗ trợ di dời nhà ở khỏi vùng sạt lở", ("Bộ Xây dựng",), "II.2.b")]
    text = "Sở Xây dựng hỗ trợ sửa chữa, xây dựng lại nhà ở cho hộ nghèo theo khoản 2 Mục II Nghị quyết số 5/NQ-CP"
    down = [TraceTask("d1", text, ("Sở Xây dựng",), "1", refs=("5/NQ-CP",))]
    settings(part_weight=0.0, cites_weight=0.0)  # the quoted part alone
    plain = {x.upstream: x.score for x in score_all(up, down, upstream_key="5/NQ-CP")}
    assert max(plain, key=plain.get) == "u1"  # by the words, the repair of II.1
    cfg = settings(part_weight=0.15, cites_weight=0.0)
    quoted = {x.upstream: x for x in score_all(up, down, upstream_key="5/NQ-CP")}
    for u in ("u2", "u3"):  # khoản 2 Mục II: both tasks of II.2
        assert quoted[u].score == pytest.approx(plain[u] + cfg.part_weight, abs=1e-3)
        assert "trích mục II.2 +0.15" in quoted[u].why
    assert quoted["u1"].score == pytest.approx(plain["u1"], abs=1e-3)
    assert max(quoted, key=lambda u: quoted[u].score) == "u2"
    other = {x.upstream: x.score for x in score_all(up, down, upstream_key="9/NQ-CP")}  # a part of another document
    assert other == pytest.approx(plain, abs=1e-3)


@pytest.mark.parametrize(("text", "key", "part"), [
    ("Triển khai giải pháp tại điểm b khoản 4 Mục II Nghị quyết 347.", "347/NQ-CP", ("II", "4", "b")),
    ("thực hiện nhiệm vụ tại khoản 3 Điều 2 của Quyết định số 90/QĐ-UBND", "90/QĐ-UBND", ("2", "3")),
    ("Thực hiện điểm đ khoản 1 Mục III Kết luận số 221-KL/TW", "221-KL/TW", ("III", "1", "đ")),
    ("Theo chỉ đạo tại Thông báo số 627/TB-VPCP, khẩn trương hoàn thành", "627/TB-VPCP", None),
    ("Thực hiện khoản 2 Nghị quyết số 12/NQ-CP", "347/NQ-CP", None),  # another document's part
    ("khoản 2 của hợp đồng mua bán đã ký với các nhà thầu theo Nghị quyết số 12/NQ-CP", "12/NQ-CP", None),
])
def test_the_part_a_task_quotes(text, key, part):
    from search_api.legal.trace_cites import pointer

    assert pointer(text, key) == part


def test_a_section_lies_in_a_quoted_part():
    from search_api.legal.trace_cites import within

    assert within("II.4.b-a", ("II", "4")) and within("II.4", ("II", "4")) and within("Điều 2.3", ("2", "3"))
    assert not within("II.14.a", ("II", "4")) and not within("III.4.b", ("II", "4")) and not within(None, ("II",))
    assert within("II.4.b", ("4", "b")) and not within("4.b", ("II", "4"))  # no biggest level named: anywhere


@pytest.mark.parametrize("module", ["trace", "trace_words", "trace_owners", "trace_order", "trace_sections",
                                    "trace_cites", "trace_model", "trace_context"])
def test_the_modules_examples_hold(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"search_api.legal.{module}"))
    assert result.attempted > 0 and result.failed == 0
