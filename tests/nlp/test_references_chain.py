"""A text a creation verb asks for through a chain of making verbs, the issuing body and links
(round 6, issue 12; sentences of our own). ``name_rules.creation_verbs`` right before a kind
already marked a text still to be issued (``ban hành Quy chế X``); the same holds when the verb
reaches the kind through words that only pass the making on (``xây dựng, trình UBND tỉnh ban
hành kịp thời Quy chế X``). Any other word breaks the chain, and ``đã``/``được`` before it tell
a text issued already.
"""
import pytest

from nlp import lexicon
from nlp.references import find_references


def ids(text: str) -> list[str]:
    return [r.id for r in find_references(text) if not r.numbered]


@pytest.mark.parametrize("text", [
    "Sở Văn hóa chủ trì xây dựng, trình Ủy ban nhân dân tỉnh ban hành kịp thời Quy định Quản lý di tích trên địa bàn.",
    "Ban Dân tộc nghiên cứu xây dựng và trình HĐND tỉnh thông qua Nghị quyết Hỗ trợ hộ nghèo giai đoạn 2026-2030.",
    "Sở Giáo dục soạn thảo, trình Chủ tịch UBND tỉnh phê duyệt Đề án Phát triển trường chuyên giai đoạn 2026-2030.",
    "Công an tỉnh hoàn thiện, trình cấp có thẩm quyền ban hành Quy chế Phối hợp phòng, chống tội phạm ma túy.",
    "3.1. Hoàn thiện Kế hoạch Cao điểm phòng, chống cháy rừng mùa khô năm 2026, báo cáo Ban Chỉ đạo.",
])
def test_a_kind_a_creation_chain_governs_is_no_reference(text):
    assert ids(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a noun or another verb between them: the verb makes something else, the name is cited
    ("Sở Văn hóa xây dựng kế hoạch thực hiện Đề án Phát triển du lịch cộng đồng giai đoạn 2021-2025.",
     ["Đề án Phát triển du lịch cộng đồng giai đoạn 2021-2025"]),
    ("Báo cáo viên trình bày Đề án Phát triển du lịch cộng đồng giai đoạn 2021-2025 tại hội nghị.",
     ["Đề án Phát triển du lịch cộng đồng giai đoạn 2021-2025"]),
    # passing verbs only: the body approves, nothing says the text is still to come
    ("Căn cứ kết quả thẩm định, UBND tỉnh phê duyệt Đề án Phát triển kinh tế tập thể giai đoạn 2021-2025.",
     ["Đề án Phát triển kinh tế tập thể giai đoạn 2021-2025"]),
    # a capitalised making word is a word of a body's name or of a kind, not a verb
    ("Phối hợp với Sở Xây dựng, Sở Nông nghiệp và Môi trường thực hiện Quy hoạch Tỉnh thời kỳ 2021 - 2030.",
     ["Quy hoạch Tỉnh thời kỳ 2021 - 2030"]),
])
def test_a_broken_chain_leaves_the_reference(text, expected):
    assert ids(text) == expected


def test_issued_already_is_cited():
    text = "Thực hiện Đề án Phát triển kinh tế tập thể giai đoạn 2021-2025 đã được UBND tỉnh phê duyệt."
    assert ids(text) == ["Đề án Phát triển kinh tế tập thể giai đoạn 2021-2025"]
    text = "Triển khai Quy định Quản lý di tích đã được xây dựng, trình Ủy ban nhân dân tỉnh ban hành năm 2024."
    assert ids(text) == ["Quy định Quản lý di tích"]


def test_data_examples_and_counter_examples():
    data = lexicon.raw("reference_patterns.json")["creation_chain"]
    for text in data["examples"]:
        assert ids(text) == [], text
    for text in data["counter_examples"]:
        assert ids(text), text


def test_a_quoted_title_after_a_chain_stays_cited():
    # a report tells what was done: the quoted title names the text as it exists
    text = ("Cục Thống kê đã tham mưu, trình Bộ trưởng phê duyệt Đề án “Nâng cao chất lượng số liệu thống kê "
            "giai đoạn 2024-2028”, bảo đảm tiến độ.")
    assert ids(text) == ["Đề án Nâng cao chất lượng số liệu thống kê giai đoạn 2024-2028"]


def test_the_text_a_decision_issues_with_it_is_its_own():
    text = "Điều 1. Ban hành kèm theo Quyết định này Quy chế Phối hợp quản lý cụm công nghiệp trên địa bàn tỉnh."
    assert ids(text) == []
    text = "Thực hiện Quy chế Phối hợp quản lý cụm công nghiệp ban hành kèm theo Quyết định số 12/2020/QĐ-UBND."
    assert ids(text) == ["Quy chế Phối hợp quản lý cụm công nghiệp"]


@pytest.mark.parametrize("text", [
    "Sở Nội vụ nghiên cứu, đề xuất Đề án Sắp xếp các đơn vị sự nghiệp công lập, báo cáo UBND tỉnh.",
    "Bộ Tài chính tiếp thu ý kiến, hoàn chỉnh Quy chế Quản lý quỹ phát triển đất trình Chính phủ.",
])
def test_proposing_or_finishing_a_text_is_making_it(text):
    assert ids(text) == []


def test_proposing_to_amend_a_text_cites_it():
    text = "Đề xuất sửa đổi Quy chế Quản lý quỹ phát triển đất cho phù hợp với thực tiễn."
    assert ids(text) == ["Quy chế Quản lý quỹ phát triển đất"]
