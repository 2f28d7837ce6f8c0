"""nlp.relations: relation cue words before a citation."""

from __future__ import annotations

import pytest

from nlp.model import Relation
from nlp.relations import relation_at

# fmt: off
CASES = [
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19/6/2015; Luật Đầu tư công ngày 13/6/2019;", "Luật Đầu tư", Relation.LEGAL_BASIS),
    ("Căn cứ vào Nghị định số 10/2024/NĐ-CP", "Nghị định", Relation.LEGAL_BASIS),
    ("Thực hiện Kế hoạch số 12-KH/TU", "Kế hoạch", Relation.IMPLEMENTS),
    ("tiếp tục triển khai, tổ chức thực hiện có hiệu quả Chỉ thị số 05", "Chỉ thị", Relation.IMPLEMENTS),
    ("quy định chi tiết Luật Đất đai", "Luật", Relation.GUIDES),
    ("sửa đổi, bổ sung một số điều của Nghị định số 11", "Nghị định", Relation.AMENDS),
    ("(đã được sửa đổi, bổ sung bởi Nghị định số 33)", "Nghị định", Relation.MENTIONS),
    ("thay thế Quyết định số 15", "Quyết định", Relation.REPLACES),
    ("hết hiệu lực thi hành Thông tư số 09", "Thông tư", Relation.REPEALS),
    ("theo quy định tại Thông tư số 09", "Thông tư", Relation.MENTIONS),
    ("Thực hiện tốt công tác. Theo Thông tư số 09", "Thông tư", Relation.MENTIONS),
]
# fmt: on


@pytest.mark.parametrize(("text", "at", "relation"), CASES)
def test_relation_at(text, at, relation):
    assert relation_at(text, text.index(at)) is relation


# --------------------------------------------------------------------------- direction
# Sentences of our own (numbers invented): who acts on whom.

from nlp.references import find_references  # noqa: E402
from nlp.relations import annotate  # noqa: E402


def _refs(text):
    refs = annotate(text, find_references(text))
    return {r.id: r for r in refs}


def _reported(refs):
    return {(x.subject, x.relation, x.object, x.partial) for r in refs.values() for x in r.reported}


# fmt: off
OWN = [
    ("Quyết định này thay thế Quyết định số 12/QĐ-UBND ngày 03/01/2019 của Ủy ban nhân dân tỉnh.", "12/QĐ-UBND", Relation.REPLACES, False),
    ("Kế hoạch này thay thế cho Kế hoạch số 77/KH-UBND ngày 01/3/2022.", "77/KH-UBND", Relation.REPLACES, False),
    ("Quyết định này có hiệu lực từ ngày ký và thay thế Quyết định số 905/QĐ-STC ngày 11/7/2023.", "905/QĐ-STC", Relation.REPLACES, False),
    ("Quyết định số 66/QĐ-BTC ngày 10/01/2020 được thay thế bằng Quyết định này.", "66/QĐ-BTC", Relation.REPLACES, False),
    ("Bãi bỏ Chỉ thị số 14/CT-UBND ngày 22/8/2018 của Chủ tịch Ủy ban nhân dân tỉnh.", "14/CT-UBND", Relation.REPEALS, False),
    ("Bãi bỏ khoản 2 Điều 3 của Thông tư số 31/2019/TT-BTP ngày 09/12/2019.", "31/2019/TT-BTP", Relation.REPEALS, True),
    ("Chỉ thị số 21/CT-UBND ngày 05/5/2016 hết hiệu lực kể từ ngày Chỉ thị này có hiệu lực.", "21/CT-UBND", Relation.REPEALS, False),
    ("Điều 9 Quyết định số 47/2021/QĐ-UBND bị bãi bỏ.", "47/2021/QĐ-UBND", Relation.REPEALS, True),
    ("NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 52/2020/NĐ-CP ngày 08/5/2020", "52/2020/NĐ-CP", Relation.AMENDS, True),
    ("Quyết định này sửa đổi điểm b khoản 1 Điều 4 Quyết định số 30/2022/QĐ-UBND như sau:", "30/2022/QĐ-UBND", Relation.AMENDS, True),
    ("Thông tư này hướng dẫn thực hiện Nghị định số 17/2023/NĐ-CP ngày 19/4/2023 của Chính phủ.", "17/2023/NĐ-CP", Relation.GUIDES, False),
    ("Kế hoạch triển khai Chỉ thị số 08/CT-TTg ngày 23/02/2024 của Thủ tướng Chính phủ.", "08/CT-TTg", Relation.IMPLEMENTS, False),
    ("Thực hiện Kết luận số 70-KL/TU ngày 30/9/2024 của Ban Thường vụ Tỉnh ủy, Sở Nội vụ đề nghị:", "70-KL/TU", Relation.IMPLEMENTS, False),
]
# fmt: on


@pytest.mark.parametrize(("text", "ref_id", "relation", "partial"), OWN)
def test_the_citing_text_acts(text, ref_id, relation, partial):
    ref = _refs(text)[ref_id]
    assert (ref.relation, ref.partial) == (relation, partial)
    assert ref.reported == []


# fmt: off
REPORTED = [
    # "Nghị định A sửa đổi Nghị định B" cited by C: C amends neither
    ("Tổ chức tập huấn Nghị định số 61/2021/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 19/2017/NĐ-CP.",
     ("61/2021/NĐ-CP", Relation.AMENDS, "19/2017/NĐ-CP", True)),
    ("Căn cứ Nghị định số 19/2017/NĐ-CP ngày 02/3/2017 của Chính phủ, được sửa đổi, bổ sung bởi Nghị định số 61/2021/NĐ-CP;",
     ("61/2021/NĐ-CP", Relation.AMENDS, "19/2017/NĐ-CP", False)),
    ("Luật Đất đai số 31/2024/QH15 được hướng dẫn bởi Thông tư số 08/2024/TT-BTNMT.",
     ("08/2024/TT-BTNMT", Relation.GUIDES, "31/2024/QH15", False)),
    ("Thông tư số 44/2022/TT-BCT đã được thay thế bởi Thông tư số 15/2024/TT-BCT.",
     ("15/2024/TT-BCT", Relation.REPLACES, "44/2022/TT-BCT", False)),
    ("Nghị định số 05/2025/NĐ-CP bãi bỏ Điều 6 Nghị định số 91/2019/NĐ-CP.",
     ("05/2025/NĐ-CP", Relation.REPEALS, "91/2019/NĐ-CP", True)),
    ("Nghị định số 27/2016/NĐ-CP hết hiệu lực theo quy định tại Nghị định số 110/2024/NĐ-CP.",
     ("110/2024/NĐ-CP", Relation.REPEALS, "27/2016/NĐ-CP", False)),
    ("Kế hoạch số 88-KH/TU ngày 12/4/2022 của Tỉnh ủy triển khai thực hiện Nghị quyết số 21-NQ/TW đã được sơ kết.",
     ("88-KH/TU", Relation.IMPLEMENTS, "21-NQ/TW", False)),
    ("Luật Quy hoạch ngày 24/11/2017 (đã được sửa đổi, bổ sung năm 2018) được áp dụng.",
     (None, Relation.AMENDS, "Luật Quy hoạch 2017", False)),
]
# fmt: on


@pytest.mark.parametrize(("text", "reported"), REPORTED)
def test_a_relation_between_two_other_documents_is_reported_not_owned(text, reported):
    refs = _refs(text)
    assert _reported(refs) == {reported}
    for ref in refs.values():
        assert ref.relation in (Relation.MENTIONS, Relation.LEGAL_BASIS), ref.id
    if text.startswith("Căn cứ"):
        assert all(r.relation is Relation.LEGAL_BASIS for r in refs.values())


# fmt: off
NOT_AN_ACT = [
    "Đề xuất sửa đổi Nghị định số 74/2018/NĐ-CP cho phù hợp với thực tiễn.",
    "Bộ Tư pháp chủ trì xây dựng Nghị định thay thế Nghị định số 74/2018/NĐ-CP.",
    "Khẩn trương hoàn thiện sửa đổi, bổ sung Nghị định số 74/2018/NĐ-CP trong quý II.",
    "- Nội dung: quy định chi tiết một số điều của Nghị định số 74/2018/NĐ-CP.",
    "Thực hiện theo hướng dẫn tại Công văn số 74/BTP-VP, báo cáo kết quả.",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_AN_ACT)
def test_a_proposal_or_assignment_to_act_is_no_act(text):
    ref = next(iter(_refs(text).values()))
    assert ref.relation in (Relation.MENTIONS, Relation.IMPLEMENTS)
    assert ref.relation is not Relation.GUIDES and _reported(_refs(text)) == set()


def test_every_document_of_a_list_after_a_repealing_sentence_is_repealed():
    text = ("2. Các quyết định sau đây hết hiệu lực kể từ ngày Quyết định này có hiệu lực:\n"
            "a) Quyết định số 15/2020/QĐ-UBND ngày 01/6/2020;\n"
            "b) Quyết định số 22/2021/QĐ-UBND ngày 09/8/2021.")
    refs = _refs(text)
    assert {r.id: r.relation for r in refs.values()} == {
        "15/2020/QĐ-UBND": Relation.REPEALS, "22/2021/QĐ-UBND": Relation.REPEALS}


def test_coordinated_citations_share_the_act():
    refs = _refs("Bãi bỏ Quyết định số 301/QĐ-UBND ngày 02/02/2021 và Quyết định số 302/QĐ-UBND ngày 03/02/2021.")
    assert [r.relation for r in refs.values()] == [Relation.REPEALS, Relation.REPEALS]


def test_a_basis_line_stays_a_basis_when_the_text_later_implements_it():
    refs = _refs("Căn cứ Luật số 59/2020/QH14 ngày 17/6/2020;\nTổ chức thi hành Luật số 59/2020/QH14 trong toàn ngành.")
    assert refs["59/2020/QH14"].relation is Relation.LEGAL_BASIS


def test_annotate_keeps_old_json_loading():
    from nlp.model import Reference

    old = {"id": "5/QĐ-X", "numbered": True, "mention": {"start": 0, "end": 6, "text": "QĐ 5/X"}}
    ref = Reference.model_validate(old)
    assert ref.partial is False and ref.reported == []


def test_relation_benchmark_floor():
    from tests.bench.bench_relations import load_cases, run, scores

    s = scores(run(load_cases()))
    assert s["cases"] >= 60
    assert s["direction_accuracy"] >= 0.95
    assert s["relation_accuracy"] >= 0.95
    assert s["partial_accuracy"] >= 0.95


def test_every_relation_has_labels_both_ways():
    from nlp.relations import relation_labels

    labels = relation_labels()
    assert set(labels) == set(Relation)
    assert labels[Relation.AMENDS].text() == "sửa đổi, bổ sung"
    assert labels[Relation.AMENDS].text(inverse=True) == "bị sửa đổi, bổ sung bởi"
    assert labels[Relation.IMPLEMENTS].text(inverse=True) == "được triển khai bởi"
    assert labels[Relation.GUIDES].text(inverse=True) == "được hướng dẫn bởi"
    assert labels[Relation.LEGAL_BASIS].text(inverse=True) == "là căn cứ của"
    assert len({lab.inverse for lab in labels.values()}) == len(labels)


def test_a_labels_file_missing_a_relation_names_the_file(monkeypatch):
    from nlp import relations
    from nlp.lexicon import DataFileError

    relations.relation_labels.cache_clear()
    monkeypatch.setattr(relations, "raw", lambda f: {"labels": {"amends": {"forward": "x"}}})
    try:
        with pytest.raises(DataFileError, match="relation_labels.json"):
            relations.relation_labels()
    finally:
        monkeypatch.undo()
        relations.relation_labels.cache_clear()


def test_an_amending_law_named_by_what_it_amends_is_reported_as_amending_it():
    refs = _refs("Căn cứ Luật Đất đai ngày 29/11/2013; Luật sửa đổi, bổ sung một số điều của Luật Đất đai ngày 20/6/2018;")
    assert _reported(refs) == {("Luật sửa đổi, bổ sung một số điều của Luật Đất đai 2018", Relation.AMENDS,
                                "Luật Đất đai 2013", True)}
    assert all(r.relation is Relation.LEGAL_BASIS for r in refs.values())


def test_structure_patterns_match_their_examples_and_not_their_counter_examples():
    from nlp.lexicon import patterns_of

    entries = patterns_of("relation_cues.json", "structure")
    assert {e.kind for e, _ in entries} >= {"passive", "lapse", "agent", "subject_gap", "blocker", "part"}
    for entry, regex in entries:
        for example in entry.examples:
            assert regex.search(example), (entry.name, example)
        for counter in entry.counter_examples:
            assert not regex.search(counter), (entry.name, counter)
