"""nlp.references: numbered ids, short forms, name-only references, exclusions."""

from __future__ import annotations

import pytest

from nlp import lexicon
from nlp.model import Relation
from nlp.references import find_references, refs_in_range


def ids(text: str, **kw) -> list[str]:
    return [r.id for r in find_references(text, **kw)]


# fmt: off
NUMBERED = [
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;", ["30/2020/NĐ-CP"]),
    ("Thực hiện Chỉ thị số 12-CT/TU ngày 14/02/2022 của Ban Thường vụ Tỉnh ủy Nghệ An.", ["12-CT/TU"]),
    ("Theo Kế hoạch số 58-KH/ĐU, ngày 05/9/2024 của Đảng ủy Khối.", ["58-KH/ĐU"]),
    ("theo Công văn số 2739/VPCP-ĐMDN ngày 20/4/2023", ["2739/VPCP-ĐMDN"]),
    ("Thông tư liên tịch số 02/2018/TTLT-BCA-BQP-VKSNDTC ngày 10/1/2018", ["02/2018/TTLT-BCA-BQP-VKSNDTC"]),
    ("Quyết định 1804 /QĐ - BTP của Bộ Tư pháp", ["1804/QĐ-BTP"]),
    ("Quy định số 08 - QĐ/TW ngày 25/10/2018", ["08-QĐ/TW"]),
    ("Nghị định số 71/2016/ND–CP của Chính phủ", ["71/2016/NĐ-CP"]),
    ("Quyết định số 12/2024/QĐ-UBND ngày 5/4/2024 của UBND tỉnh Quảng Nam", ["12/2024/QĐ-UBND"]),
    ("Nghị quyết số 31/2024/NQ-HĐND và Nghị quyết số 12/NQ-CP", ["31/2024/NQ-HĐND", "12/NQ-CP"]),
    ("Luật số 16/2023/QH15 ngày 24/6/2023", ["16/2023/QH15"]),
    ("quyết định số 1234/qđ-ubnd", ["1234/QĐ-UBND"]),
    ("Văn bản hợp nhất số 26/VBHN-NHNN", ["26/VBHN-NHNN"]),
    # negatives: dates, fractions, counts, percentages, articles
    ("Ngày 27/10/2023 đã thi hành xong 216/897 việc, đạt 81,50%, tối thiểu 1/3 số đơn vị.", []),
    ("Tổng số 1.804 việc; Điều 6 Luật này; đường dây nóng 0912.345.678; 8/2023.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), NUMBERED)
def test_numbered_ids(text, expected):
    assert ids(text) == expected


def test_full_mention_date_issuer_and_relation():
    text = "Căn cứ Quyết định số 62/2019/QĐ-UBND ngày 19/12/2019 của Ủy ban nhân dân tỉnh Lào Cai ban hành Quy chế;"
    (ref,) = find_references(text)
    assert ref.mention.text == "Quyết định số 62/2019/QĐ-UBND ngày 19/12/2019 của Ủy ban nhân dân tỉnh Lào Cai"
    assert (ref.issued_date, ref.issuer, ref.doc_type) == ("2019-12-19", "Ủy ban nhân dân tỉnh Lào Cai", "Quyết định")
    assert ref.relation is Relation.LEGAL_BASIS
    assert text[ref.mention.start:ref.mention.end] == ref.mention.text
    assert ref.numbered and ref.key == "62/2019/QĐ-UBND"


def test_issuer_before_date_and_written_date():
    (a,) = find_references("Nghị quyết số 45/NQ-CP của Chính phủ ngày 08/04/2023 về tăng cường")
    assert (a.issuer, a.issued_date) == ("Chính phủ", "2023-04-08")
    (b,) = find_references("Chỉ thị Số: 03/CT-UBND ngày 05 tháng 3 năm 2020 của Chủ tịch UBND tỉnh")
    assert b.issued_date == "2020-03-05"


def test_one_date_serves_two_numbers():
    text = "theo Nghị quyết số 26-NQ/TW và Nghị quyết số 27-NQ/TW ngày 19/5/2018 của Ban Chấp hành Trung ương."
    a, b = find_references(text)
    assert (a.id, b.id) == ("26-NQ/TW", "27-NQ/TW")
    assert a.issued_date == b.issued_date == "2018-05-19"
    assert a.mention == b.mention


def test_once_per_document_with_short_forms():
    text = ("Thực hiện Chỉ thị số 07-CT/TU ngày 03/8/2021 của Tỉnh ủy (sau đây gọi tắt là Chỉ thị 07). "
            "Các cấp ủy quán triệt Chỉ thị 07 và Chỉ thị số 07-CT/TU trong năm.")
    (ref,) = find_references(text)
    assert len(ref.mentions) == 4
    assert ref.mentions[0] == ref.mention


def test_short_form_that_shortens_no_citation_is_a_name_only_reference():
    # a document the text knows by its short name (GUIDELINES: type and name as written), once
    assert ids("Theo Quy định 132 và Điều 6; thực hiện Quy định 132.") == ["Quy định 132"]
    assert ids("Triển khai Đề án 06 của Chính phủ; thực hiện Chỉ thị 05 của Bộ Chính trị.") == ["Đề án 06", "Chỉ thị 05"]
    # ... but a year, a counted noun, a part of a programme, the document's own number are not
    assert ids("Kế hoạch 2025 gồm các Quyết định 03 cán bộ quản lý; Dự án 1 và Dự án 2.") == []
    assert ids("Triển khai thực hiện Đề án 1 và Đề án 2 thuộc Chương trình.") == []
    assert ids("Các đơn vị triển khai Kế hoạch 45 đúng hạn.", own_number="45/KH-UBND") == []
    # a short form cited before its full citation is that document
    assert ids("Thực hiện Chỉ thị 07, theo Chỉ thị số 07-CT/TU ngày 03/8/2021 của Tỉnh ủy.") == ["07-CT/TU"]


def test_own_number_header_and_attached_line_are_not_references():
    text = ("ỦY BAN NHÂN DÂN\nSố: 215/KH-UBND\nKẾ HOẠCH\n"
            "(Ban hành kèm theo Quyết định số 88/QĐ-UBND ngày 02/3/2024 của UBND tỉnh)\n"
            "Căn cứ Chỉ thị số 05/CT-TTg ngày 06/02/2017;")
    assert ids(text) == ["05/CT-TTg"]
    assert ids("Căn cứ Chỉ thị số 05/CT-TTg; Quyết định số 88/QĐ-UBND", own_number="88/qđ-ubnd") == ["05/CT-TTg"]


# fmt: off
NAMED = [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;", ["Luật Tổ chức chính quyền địa phương 2015"]),
    ("theo Hiến pháp năm 2013 và Bộ luật Dân sự năm 2015;", ["Hiến pháp 2013", "Bộ luật Dân sự 2015"]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai ngày 29/6/2024;",
     ["Luật sửa đổi, bổ sung một số điều của Luật Đất đai 2024"]),
    ("góp ý dự thảo Luật Đất đai (sửa đổi), Luật Nhà ở, Luật Kinh doanh bất động sản;",
     ["Luật Đất đai (sửa đổi)", "Luật Nhà ở", "Luật Kinh doanh bất động sản"]),
    ("quán triệt Nghị quyết Trung ương 8 khóa XIII về Chiến lược bảo vệ Tổ quốc",
     ["Nghị quyết Trung ương 8 khóa XIII"]),
    ("quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2020-2025",
     ["Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX"]),
    ("thực hiện Đề án “Phát triển du lịch cộng đồng giai đoạn 2024-2030”.",
     ["Đề án Phát triển du lịch cộng đồng giai đoạn 2024-2030"]),
    ("thực hiện Chương trình hành động của Ủy ban nhân dân tỉnh thực hiện Nghị quyết Đại hội XIV;",
     ["Chương trình hành động của Ủy ban nhân dân tỉnh thực hiện Nghị quyết Đại hội XIV"]),
    ("triển khai Kế hoạch chuyển đổi số tỉnh Bình Định giai đoạn 2021-2025, định hướng đến năm 2030.",
     ["Kế hoạch chuyển đổi số tỉnh Bình Định giai đoạn 2021-2025, định hướng đến năm 2030"]),
    ("triển khai Kế hoạch chuyển đổi số giai đoạn 2021-2025 của tỉnh.", ["Kế hoạch chuyển đổi số giai đoạn 2021-2025"]),
    ("theo quy định của Luật phòng, chống tác hại của rượu, bia và các văn bản hướng dẫn.",
     ["Luật phòng, chống tác hại của rượu, bia"]),
    ("thực hiện nghiêm Quy trình tiếp nhận hồ sơ một cửa, Quy trình ISO.",
     ["Quy trình tiếp nhận hồ sơ một cửa", "Quy trình ISO"]),
    ("áp dụng tiêu chuẩn quốc gia TCVN ISO 9001:2015 trong cơ quan.", ["TCVNISO9001:2015"]),
    ("rà soát Luật Khoa học và Công nghệ năm 2013 và các văn bản", ["Luật Khoa học và Công nghệ 2013"]),
    ("theo Chiến lược chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030.",
     ["Chiến lược chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"]),
    # negatives: generic phrases are not references
    ("Thực hiện các văn bản, các Nghị quyết của Đảng và Kết luận của cấp trên.", []),
    ("Ban hành Quy chế làm việc, Quy chế chi tiêu nội bộ; thực hiện Chỉ thị này.", []),
    ("Luật sư Nguyễn Văn An tham gia tố tụng.", []),
    ("Khẩn trương xây dựng “Kế hoạch phòng chống thiên tai giai đoạn 2024-2026” tại đơn vị.", []),
    ("các chỉ thị, nghị quyết, kết luận của Bộ Chính trị về công tác cán bộ", []),
    # type + issuer with nothing that names the document is a kind of document, not one
    ("3. Xây dựng Nghị định của Chính phủ", []),
    ("Tham mưu Quyết định của Chủ tịch UBND tỉnh ban hành quy chế phối hợp.", []),
    ("Sau khi có Quy chế của TW, tham mưu Quyết định Chủ tịch UBND tỉnh.", []),
    ("Quyết định của Giám đốc Sở Y tế", []),
    ("Kế hoạch của Ủy ban nhân dân tỉnh Lạng Sơn triển khai thực hiện Đề án 06.",
     ["Kế hoạch của Ủy ban nhân dân tỉnh Lạng Sơn triển khai thực hiện Đề án 06"]),
    # a category of programmes is not one programme
    ("lồng ghép vào Chương trình mục tiêu quốc gia giai đoạn 2026 - 2035 theo quy định.", []),
    # a programme named without a number is the programme carried out, not a text (programme_kinds)
    ("thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025.", []),
    # a text still to be drafted, described by its issuer and subject
    ("Xây dựng hồ sơ dự án Nghị quyết của Quốc hội về miễn thuế sử dụng đất nông nghiệp, trình Chính phủ.", []),
    # a verb ends a law's name; a function word after the bare type is no name
    ("Nghị định quy định chi tiết một số điều Luật Đường bộ quy định chi tiết: khoản 2 Điều 3.", ["Luật Đường bộ"]),
    ("rà soát văn bản có liên quan đến Luật thuộc thẩm quyền quản lý của Sở.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), NAMED)
def test_name_only_references(text, expected):
    assert ids(text) == expected


def test_two_terms_give_two_references_with_one_mention():
    a, b = find_references("thực hiện Nghị quyết Trung ương 4 khóa XI, XII về xây dựng Đảng")
    assert (a.id, b.id) == ("Nghị quyết Trung ương 4 khóa XI", "Nghị quyết Trung ương 4 khóa XII")
    assert a.mention.text == b.mention.text == "Nghị quyết Trung ương 4 khóa XI, XII"


def test_name_inside_a_citation_subject_is_not_a_reference():
    text = ("Quyết định số 45/QĐ-TTg ngày 10/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án "
            "“Phát triển nguồn nhân lực giai đoạn 2022-2030”; Luật Đầu tư.")
    assert ids(text) == ["45/QĐ-TTg", "Luật Đầu tư"]


def test_abbreviated_law_resolves_to_full_name():
    text = "Căn cứ Luật Thi hành án hình sự ngày 14/6/2019; tổ chức thi hành Luật THAHS trong toàn ngành."
    (ref,) = find_references(text, abbreviations={"THAHS": "thi hành án hình sự"})
    assert ref.id == "Luật Thi hành án hình sự 2019" and len(ref.mentions) == 2


def test_own_title_is_not_a_reference():
    text = "Tổ chức thực hiện Kế hoạch công tác trọng tâm của Sở Tư pháp năm 2024 trong toàn ngành."
    title = "Kế hoạch công tác trọng tâm năm 2024"
    assert ids(text, own_title=title) == []


def test_law_named_inside_own_title_is_a_reference():
    # The title cites the law further in: the law is another document, not the plan itself.
    text = "Triển khai kịp thời Luật Trật tự, an toàn giao thông đường bộ trên địa bàn tỉnh."
    title = "Thực hiện Quyết định của Thủ tướng Chính phủ triển khai thi hành Luật Trật tự, an toàn giao thông đường bộ"
    assert ids(text, own_title=title) == ids(text)
    assert ids(text)


def test_refs_in_range_and_sentence():
    text = "Mở đầu. Thực hiện Chỉ thị số 08/CT-TTg ngày 01/3/2024 của Thủ tướng Chính phủ. Kết thúc."
    refs = find_references(text)
    assert refs[0].sentence.text.startswith("Thực hiện Chỉ thị") and refs[0].sentence.text.endswith(".")
    assert refs_in_range(refs, 0, 8) == []
    assert refs_in_range(refs, 8, len(text)) == ["08/CT-TTg"]


@pytest.mark.parametrize(("text", "relation"), [
    ("Căn cứ Nghị định số 10/2024/NĐ-CP;", Relation.LEGAL_BASIS),
    ("Triển khai thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương,", Relation.IMPLEMENTS),
    ("Văn bản này thay thế Quyết định số 15/QĐ-UBND ngày 01/02/2020.", Relation.REPLACES),
    ("Bãi bỏ Thông tư số 09/2019/TT-BTC.", Relation.REPEALS),
    ("Sửa đổi, bổ sung một số điều của Nghị định số 11/2020/NĐ-CP.", Relation.AMENDS),
    ("Hướng dẫn thi hành Nghị định số 11/2020/NĐ-CP.", Relation.GUIDES),
    ("theo yêu cầu tại Chỉ thị số 02/CT-TTg.", Relation.MENTIONS),
])
def test_relation(text, relation):
    assert find_references(text)[0].relation is relation


def test_spans_match_text_on_hostile_input():
    text = "Số: 1/QĐ-X\n\n(((Luật “ \u00a0Nghị quyết số 01-NQ/TW\u2013 ngày 31/02/2020 của ;;; Hiến pháp năm"
    for ref in find_references(text):
        for span in [ref.mention, *ref.mentions]:
            assert text[span.start:span.end] == span.text


def test_short_name_after_definition_is_not_a_new_law():
    text = ("Căn cứ Luật Đường bộ ngày 27 tháng 6 năm 2024 (sau đây viết gọn là Luật); rà soát các văn bản "
            "liên quan đến Luật trong phạm vi quản lý của sở, ngành.")
    assert ids(text) == ["Luật Đường bộ 2024"]


# fmt: off
QUOTED_CAMPAIGNS = [
    ("Huyện đã hoàn thành Chương trình “Xây dựng nông thôn mới kiểu mẫu”; hỗ trợ nhà ở cho hộ nghèo.", []),
    ("tích cực hưởng ứng Chương trình “Mỗi xã một sản phẩm” trên địa bàn tỉnh.", []),
    ("thực hiện Chương trình “Phát triển du lịch cộng đồng” ban hành kèm theo Quyết định của UBND tỉnh.",
     ["Chương trình Phát triển du lịch cộng đồng"]),
    ("triển khai Đề án “Phát triển văn hóa đọc trong cộng đồng”.", ["Đề án Phát triển văn hóa đọc trong cộng đồng"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), QUOTED_CAMPAIGNS)
def test_quoted_campaign_names_are_not_documents(text, expected):
    assert [i for i in ids(text) if "/" not in i] == expected


def test_a_name_followed_by_its_number_is_one_numbered_reference():
    text = "Tổng cục Thuế đề xuất sửa đổi Luật Quản lý thuế số 38/2019/QH14, trình Bộ trong năm 2024."
    refs = find_references(text)
    assert [r.id for r in refs] == ["38/2019/QH14"]
    assert refs[0].doc_type == "Luật" and refs[0].mention.text == "Luật Quản lý thuế số 38/2019/QH14"
    # a name and a number apart stay two references
    apart = find_references("Thực hiện Luật Đất đai năm 2024 và Nghị định số 102/2024/NĐ-CP.")
    assert [r.id for r in apart] == ["Luật Đất đai 2024", "102/2024/NĐ-CP"]


def test_date_and_issuer_come_from_a_later_mention_when_the_first_leaves_them_out():
    text = ("Ban hành Kế hoạch triển khai Nghị quyết số 27-NQ/TW.\n"
            "Căn cứ Nghị quyết số 27-NQ/TW ngày 09/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII;")
    (ref,) = find_references(text)
    assert ref.issued_date == "2022-11-09" and ref.issuer and ref.issuer.startswith("Ban Chấp hành Trung ương")
    assert ref.mention.start == text.index("Nghị quyết")  # the first mention is still the one quoted


# fmt: off
NAME_THEN_NUMBER = [
    # the reader stops at lower-case words; the number after them makes the whole one citation
    ("Căn cứ Luật Đo đạc và bản đồ số 27/2018/QH14 ngày 14/6/2018;", ["27/2018/QH14"]),
    ("Căn cứ Luật An toàn thông tin mạng số 86/2015/QH13;", ["86/2015/QH13"]),
    # a law cited with its number, then by name alone, is one reference
    ("Căn cứ Luật Đầu tư công số 58/2024/QH15; thực hiện theo Luật Đầu tư công và Luật Đất đai.",
     ["58/2024/QH15", "Luật Đất đai"]),
    # negative: a name and a number in another clause are two documents
    ("Thực hiện Luật Đất đai; Nghị định số 10/2024/NĐ-CP của Chính phủ.", ["Luật Đất đai", "10/2024/NĐ-CP"]),
]
AMENDING_LISTS = [
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Xây dựng, Luật Nhà ở theo hướng mới và Luật Đất đai "
     "ngày 10 tháng 1 năm 2024;",
     ["Luật sửa đổi, bổ sung một số điều của Luật Xây dựng, Luật Nhà ở theo hướng mới và Luật Đất đai 2024",
      "Luật Xây dựng", "Luật Nhà ở theo hướng mới", "Luật Đất đai"]),
    # amended laws cited with their numbers: the title drops the numbers, the numbered ones stay numbered
    ("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Thuế số 12/2020/QH14 và Luật Phí số 13/2021/QH15;",
     ["Luật Sửa đổi, bổ sung một số điều của Luật Thuế và Luật Phí", "12/2020/QH14", "13/2021/QH15"]),
    # one amended law: the amending law only (as before)
    ("Thực hiện Luật sửa đổi, bổ sung một số điều của Luật Thanh tra năm 2022.",
     ["Luật sửa đổi, bổ sung một số điều của Luật Thanh tra 2022"]),
    # a dated law ends the title: the next law is another document
    ("Thực hiện Luật sửa đổi, bổ sung một số điều của Luật Thanh tra năm 2022, Luật Khiếu nại năm 2011;",
     ["Luật sửa đổi, bổ sung một số điều của Luật Thanh tra 2022", "Luật Khiếu nại 2011"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), NAME_THEN_NUMBER)
def test_a_name_and_its_number_further_on(text, expected):
    assert sorted(ids(text)) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), AMENDING_LISTS)
def test_amending_law_of_several_laws(text, expected):
    assert sorted(ids(text)) == sorted(expected)


def test_about_ends_a_law_name():
    assert ids("Hồ sơ chưa đảm bảo quy định của Luật Đầu tư về việc lấy ý kiến thẩm định.") == ["Luật Đầu tư"]


# fmt: off
SUBJECT_NAMES = [
    # a law named in a numbered citation's subject is cited
    ("Căn cứ Nghị định số 20/2023/NĐ-CP ngày 02/3/2023 của Chính phủ quy định chi tiết Luật Phòng thủ dân sự;",
     ["20/2023/NĐ-CP", "Luật Phòng thủ dân sự"]),
    # the programme a cited decision approves is that decision's content, also when named again
    ("Thực hiện Quyết định số 15/QĐ-UBND ngày 02/3/2024 của UBND tỉnh phê duyệt Đề án phát triển du lịch xanh "
     "đến năm 2030; các sở triển khai Đề án phát triển du lịch xanh đến năm 2030.", ["15/QĐ-UBND"]),
    # ... and its short name in brackets, and that short name later
    ("Theo Quyết định số 77/QĐ-BCA ngày 08/9/2025 của Bộ Công an phê duyệt Chương trình mục tiêu quốc gia phòng, "
     "chống tội phạm đến năm 2030 (Chương trình PCTP); bố trí kinh phí thực hiện Chương trình PCTP.", ["77/QĐ-BCA"]),
    # negative: a programme named elsewhere, not approved by a cited decision, is a reference
    ("Căn cứ Quyết định số 15/QĐ-UBND ngày 02/3/2024 của UBND tỉnh về công tác văn thư; triển khai Đề án phát "
     "triển du lịch xanh đến năm 2030.", ["15/QĐ-UBND", "Đề án phát triển du lịch xanh đến năm 2030"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SUBJECT_NAMES)
def test_names_in_citation_subjects(text, expected):
    assert sorted(ids(text)) == sorted(expected)


def test_issuer_name_across_a_dash():
    (ref,) = find_references("Căn cứ Thông tư số 10/2022/TT-BLĐTBXH ngày 31/5/2022 của Bộ trưởng Bộ Lao động - "
                             "Thương binh và Xã hội hướng dẫn giám sát;")
    assert ref.issuer == "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"


# fmt: off
PLAN_NAMES = [
    # a plan named in lower case, with its year and a named issuer
    ("Thực hiện theo Kế hoạch kiểm tra an toàn thực phẩm năm 2025 của Sở Y tế.",
     ["Kế hoạch kiểm tra an toàn thực phẩm năm 2025"]),
    # negative: a unit, not a named issuer
    ("Kế hoạch công tác năm 2022 của đơn vị được thực hiện.", []),
    # a type and only a period: the programme the text is about, not another one
    ("Về nguồn lực thực hiện Chương trình giai đoạn 2026-2030: thống nhất với đề xuất.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PLAN_NAMES)
def test_plan_names(text, expected):
    assert ids(text) == expected


# fmt: off
LAW_TITLE_ENDS = [
    # an adjective or adverb after the title ends it (pyvi tags, law_names.end_tags)
    ("Văn bản phải thống nhất với Luật Phòng, chống tham nhũng sát với thực tiễn địa phương.",
     ["Luật Phòng, chống tham nhũng"]),
    ("Bộ đề nghị sửa hai luật, trong đó có Luật Đất đai cùng được rà soát.", ["Luật Đất đai"]),
    # a comma after a whole title opens a clause; a comma between short heads is the title's own
    ("Thực hiện theo Luật Bảo vệ môi trường quốc gia, tạo cơ sở cho các xã triển khai.",
     ["Luật Bảo vệ môi trường quốc gia"]),
    ("Tuân thủ Luật Phòng, chống mua bán người và Luật Khám bệnh, chữa bệnh.",
     ["Luật Phòng, chống mua bán người", "Luật Khám bệnh, chữa bệnh"]),
    # a purpose clause ends it
    ("Đề nghị sửa đổi Luật Thanh niên để bảo đảm thống nhất.", ["Luật Thanh niên"]),
    # a title written in lower case ends before what the sentence says it is about; a capitalised one keeps 'về'
    ("Sửa đổi Luật viên chức về công tác tuyển dụng; thi hành Luật Tương trợ tư pháp về dân sự.",
     ["Luật viên chức", "Luật Tương trợ tư pháp về dân sự"]),
    # a syllable inside a word is no stop word ('toàn' alone is: 'trong toàn quốc')
    ("Theo Luật An toàn, vệ sinh lao động; Luật Đất đai trong toàn quốc.",
     ["Luật An toàn, vệ sinh lao động", "Luật Đất đai"]),
    ("Tổ chức thực hiện tốt Luật Thực hiện dân chủ ở cơ sở năm 2022.", ["Luật Thực hiện dân chủ ở cơ sở 2022"]),
    # ... but 'số' before a number always ends it, whatever pyvi glues it to
    ("Căn cứ Luật Giao dịch điện tử số 20/2023/QH15 ngày 22/6/2023;", ["20/2023/QH15"]),
    # an adjective before a conjunction or a noun stays in the title
    ("Theo Luật Người cao tuổi; Luật Hỗ trợ doanh nghiệp nhỏ và vừa.",
     ["Luật Người cao tuổi", "Luật Hỗ trợ doanh nghiệp nhỏ và vừa"]),  # the whole title: a known title
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LAW_TITLE_ENDS)
def test_where_a_law_title_ends(text, expected):
    assert ids(text) == expected


def test_so_is_a_word_of_a_name_unless_a_number_follows():
    assert ids("Các sở triển khai Đề án Chuyển đổi số ngành giáo dục; báo cáo kết quả.") == [
        "Đề án Chuyển đổi số ngành giáo dục"]


def test_own_kind_and_title_in_the_closing_sentence_is_not_a_reference():
    title = "Chuyển đổi số trong hoạt động giao thông trên địa bàn tỉnh"
    assert ids("Trên đây là Kế hoạch Chuyển đổi số trong hoạt động giao thông của tỉnh.",
               own_number="597/KH-UBND", own_title=title) == []
    # outside the closing formula, the own kind whose name opens the subject line is the document
    text = "Các sở tổ chức triển khai Kế hoạch Chuyển đổi số trong hoạt động giao thông của tỉnh."
    assert ids(text, own_number="597/KH-UBND", own_title=title) == []
    # another kind than the document's own (a decision's number) names another document
    assert ids(text, own_number="597/QĐ-UBND", own_title=title) == ["Kế hoạch Chuyển đổi số trong hoạt động giao thông"]
    # a law whose name opens a plan's subject line is still cited
    assert ids("Thực hiện Luật Phòng, chống ma túy.", own_number="12/KH-UBND",
               own_title="Phòng, chống ma túy trên địa bàn tỉnh năm 2026") == ["Luật Phòng, chống ma túy"]


def test_names_of_one_congress_resolution_are_one_reference():
    text = ("Thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng; hoàn thành mục tiêu "
            "Nghị quyết Đại hội lần thứ XIII và Nghị quyết Đại hội XIII.")
    (ref,) = find_references(text)
    assert ref.id == "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII" and len(ref.mentions) == 3
    # another plenum, or another ordinal, is another document
    assert ids("Quán triệt Nghị quyết Trung ương 4 khóa XII và Nghị quyết Trung ương 5 khóa XII.") == [
        "Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Trung ương 5 khóa XII"]
    assert ids("Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX và Nghị quyết Đại hội lần thứ XIII.") == [
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX", "Nghị quyết Đại hội lần thứ XIII"]


def test_a_numbered_law_named_again_with_what_it_is_about_is_that_law():
    text = ("Căn cứ Luật Cơ yếu số 05/2011/QH13 ngày 26/11/2011; Nghị định quy định biện pháp thi hành "
            "Luật Cơ yếu về hoạt động mật mã để bảo vệ thông tin.")
    (ref,) = find_references(text)
    assert ref.id == "05/2011/QH13" and len(ref.mentions) == 2
    # a longer name is another law
    assert ids("Căn cứ Luật Đầu tư số 61/2020/QH14; thực hiện Luật Đầu tư công.") == ["61/2020/QH14", "Luật Đầu tư công"]


def test_a_named_kind_of_one_terms_bodies_is_one_document():
    assert ids("- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII;") == [
        "Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII"]
    # without the term it is a kind of document; without a qualifier it names no document
    assert ids("Thực hiện Quy chế làm việc của Ủy ban nhân dân tỉnh; theo Nghị quyết của Bộ Chính trị khóa XIII;") == []


def test_a_document_kind_ends_an_issuer_and_opens_the_subject():
    text = ("Thực hiện Thông báo số 552/TB-VPCP ngày 13 tháng 10 năm 2025 của Văn phòng Chính phủ Kết luận Phiên "
            "họp của Ban Chỉ đạo về chuyển đổi số và Đề án 06.")
    (ref,) = find_references(text)
    assert (ref.id, ref.issuer) == ("552/TB-VPCP", "Văn phòng Chính phủ")
    # a body named after a programme keeps it
    (prog,) = find_references("Theo Công văn số 12/VPĐP-KH của Văn phòng Điều phối Chương trình Nông thôn mới về kế hoạch.")
    assert prog.issuer.startswith("Văn phòng Điều phối Chương trình Nông thôn")


# fmt: off
TITLES_TO_THEIR_PERIOD = [
    # a strategy's title read in capitals runs on through commas and 'và' to its period
    ("Thực hiện Chiến lược Quốc gia phòng, chống và kiểm soát ma túy ở Việt Nam đến năm 2020 và định hướng "
     "đến năm 2030; báo cáo.",
     ["Chiến lược Quốc gia phòng, chống và kiểm soát ma túy ở Việt Nam đến năm 2020 và định hướng đến năm 2030"]),
    ("Thực hiện Chiến lược Dữ liệu quốc gia đến năm 2030; báo cáo.", ["Chiến lược Dữ liệu quốc gia đến năm 2030"]),
    # ... never through another document
    ("Thực hiện Đề án Nâng cao năng lực, Kế hoạch hành động giai đoạn 2021-2025.",
     ["Đề án Nâng cao năng lực", "Kế hoạch hành động giai đoạn 2021-2025"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), TITLES_TO_THEIR_PERIOD)
def test_a_plan_title_runs_to_its_period(text, expected):
    assert ids(text) == expected


def test_kinds_listed_side_by_side_name_no_document():
    # a table's header row: types one after another, no name
    assert ids("| Tổng | Luật Nghị định Quyết định của TTgCP Thông tư | Bộ Công an |") == []
    assert ids("Xây dựng Luật Luật sư (sửa đổi).") == ["Luật Luật sư (sửa đổi)"]


def test_a_member_of_a_list_of_texts_still_to_be_issued_is_no_reference():
    text = ("Bộ Nội vụ được giao xây dựng, trình cấp có thẩm quyền ban hành các văn bản hướng dẫn Luật, trong đó "
            "có Nghị quyết của Ủy ban Thường vụ Quốc hội về tiêu chuẩn của đơn vị hành chính.")
    assert ids(text) == []
    # a list of texts already issued is cited
    assert ids("Các văn bản đã có hiệu lực, trong đó có Nghị quyết của Ủy ban Thường vụ Quốc hội về tiêu chuẩn "
               "của đơn vị hành chính.") == ["Nghị quyết của Ủy ban Thường vụ Quốc hội về tiêu chuẩn của đơn vị hành chính"]
    assert ids("Các văn bản đã được ban hành, trong đó có Nghị quyết của Ủy ban Thường vụ Quốc hội về tiêu chuẩn "
               "của đơn vị hành chính.") == ["Nghị quyết của Ủy ban Thường vụ Quốc hội về tiêu chuẩn của đơn vị hành chính"]


def test_and_a_new_document_kind_ends_a_subject_tail():
    assert ids("Thực hiện Nghị định của Chính phủ về phân loại đơn vị hành chính và Nghị định hướng dẫn việc "
               "lấy ý kiến Nhân dân.") == ["Nghị định của Chính phủ về phân loại đơn vị hành chính"]


# fmt: off
LAW_YEARS = [
    # a law's title runs through 'và' and a few lower-case words when its year follows
    ("Thực hiện Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024.",
     ["Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024"]),
    ("Căn cứ Luật Tiêu chuẩn và quy chuẩn kỹ thuật ngày 29 tháng 6 năm 2006;", ["Luật Tiêu chuẩn và quy chuẩn kỹ thuật 2006"]),
    # ... not when no year closes it, nor through a determiner
    ("Thực hiện Luật Đất đai và các văn bản hướng dẫn năm 2024.", ["Luật Đất đai"]),
    # a bare year closes a title and is its year
    ("Đánh giá việc sửa đổi Luật Cơ yếu 2011 bảo đảm vừa bảo vệ bí mật.", ["Luật Cơ yếu 2011"]),
    ("Theo Luật Đất đai 2024 và Hiến pháp 2013.", ["Luật Đất đai 2024", "Hiến pháp 2013"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LAW_YEARS)
def test_a_law_title_and_its_year(text, expected):
    assert ids(text) == expected



# Kinds known only by name (no symbol code): a treaty, a convention, a charter, read like a
# law's title. Sentences of our own, shapes not in dev (other treaties, other charters, a
# convention with its year).
@pytest.mark.parametrize(("text", "expected"), [
    ("Thực hiện nghiêm Điều lệ Công đoàn Việt Nam trong toàn hệ thống.", ["Điều lệ Công đoàn Việt Nam"]),
    ("Tuân thủ Công ước Liên hợp quốc về chống tham nhũng năm 2003.",
     ["Công ước Liên hợp quốc về chống tham nhũng 2003"]),
    ("Tận dụng ưu đãi của Hiệp định Thương mại tự do Việt Nam - Hàn Quốc để mở rộng thị trường.",
     ["Hiệp định Thương mại tự do Việt Nam - Hàn Quốc"]),
    ("Thực hiện đúng Điều lệ Đảng và Quy chế làm việc.", ["Điều lệ Đảng"]),
    ("Hiệp định này có hiệu lực từ ngày ký.", []),
])
def test_kinds_known_only_by_name_are_references(text, expected):
    assert ids(text) == expected


def test_a_kind_known_only_by_name_is_a_word_of_a_law_title():
    # 'Quy hoạch' is a kind of its own, but inside a law's title it is a word of the title
    assert ids("Rà soát các quy định theo Luật Quy hoạch và Luật Đầu tư công.") == ["Luật Quy hoạch", "Luật Đầu tư công"]
    assert ids("Triển khai Quy hoạch tỉnh Quảng Trị thời kỳ 2021 - 2030, tầm nhìn đến năm 2050 đã được phê duyệt.") == [
        "Quy hoạch tỉnh Quảng Trị thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"]
    # a kind cited by number still ends a law's title
    assert ids("| Luật Nghị định Quyết định |") == []


# 'và' inside a law's title: a conjunct that repeats a word of the title shares its head
# (sentences of our own; only the election law's shape is in dev).
@pytest.mark.parametrize(("text", "expected"), [
    ("Phổ biến Luật Thuế thu nhập cá nhân và thuế giá trị gia tăng tới người dân.",
     ["Luật Thuế thu nhập cá nhân và thuế giá trị gia tăng"]),
    ("Theo quy định của Luật Bảo hiểm xã hội và bảo hiểm y tế, các đơn vị rà soát.",
     ["Luật Bảo hiểm xã hội và bảo hiểm y tế"]),
    ("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân; Luật Tổ chức chính quyền địa phương;",
     ["Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân", "Luật Tổ chức chính quyền địa phương"]),
    # a conjunct that repeats nothing, or a determiner, ends the title
    ("Triển khai Luật Đầu tư công và kế hoạch đầu tư trung hạn.", ["Luật Đầu tư công"]),
    ("Thực hiện Luật Đất đai và các văn bản hướng dẫn thi hành.", ["Luật Đất đai"]),
])
def test_a_parallel_conjunct_stays_in_a_law_title(text, expected):
    assert ids(text) == expected


# The closing formula 'Trên đây là <kind> ...' names the document itself, however its name is
# worded there (issuer written in, a typo): no reference. The same name cited elsewhere is one.
@pytest.mark.parametrize(("text", "expected"), [
    ("Trên đây là Chương trình hành động của Sở Y tế về phòng, chống dịch bệnh giai đoạn 2026 - 2030.", []),
    ("Trên đây là Kế hoạch của Ban Thường trực Ủy ban MTTQ Việt Nam xã An Phú về t hực hiện công tác bầu cử"
     " đại biểu Hội đồng nhân dân xã nhiệm kỳ 2026 - 2031 ./.", []),
    ("Trên đây là Đề án phát triển du lịch cộng đồng tỉnh Lào Cai giai đoạn 2026 - 2030.", []),
    ("Tiếp tục thực hiện Chương trình hành động của Sở Y tế về phòng, chống dịch bệnh giai đoạn 2026 - 2030.",
     ["Chương trình hành động của Sở Y tế về phòng, chống dịch bệnh giai đoạn 2026 - 2030"]),
])
def test_the_closing_formula_names_the_document_itself(text, expected):
    assert ids(text) == expected


# A law the text says is not passed yet (a revision still to come) is no cited document; the
# same law once passed, or in effect, is (sentences of our own).
@pytest.mark.parametrize(("text", "expected"), [
    ("Rà soát các quy định trong thời gian chưa ban hành Luật Đất đai (sửa đổi).", []),
    ("Điều chỉnh Kế hoạch ngay sau khi Luật Giáo dục (sửa đổi) được Quốc hội thông qua và có hiệu lực.", []),
    ("Khi Luật Giáo dục (sửa đổi) có hiệu lực, các trường triển khai ngay.", ["Luật Giáo dục (sửa đổi)"]),
])
def test_a_law_not_passed_yet_is_no_reference(text, expected):
    assert ids(text) == expected


# Law titles of the national law list, cited in sentences of our own. The reading rules close
# most of them (first list: no title of it is in known_titles); the ones they cannot close
# (an inner 'và' whose conjunct repeats nothing, a stop word, an adjective) are known titles.
RULE_READ_TITLES = [
    "Phòng, chống tham nhũng", "Tổ chức Viện kiểm sát nhân dân", "Thi đua, khen thưởng",
    "Kinh doanh bất động sản", "Các tổ chức tín dụng", "An toàn thông tin mạng", "Tần số vô tuyến điện",
    "Hàng không dân dụng Việt Nam", "Phòng, chống bạo lực gia đình", "Thuế sử dụng đất phi nông nghiệp",
    "Tổ chức cơ quan điều tra hình sự", "Giao thông đường thủy nội địa", "Tín ngưỡng, tôn giáo",
    "Bảo vệ quyền lợi người tiêu dùng", "Hoạt động giám sát của Quốc hội và Hội đồng nhân dân",
]
KNOWN_TITLES = [
    "Hôn nhân và gia đình", "Phí và lệ phí", "Đầu tư theo phương thức đối tác công tư",
    "Quản lý và đầu tư vốn nhà nước tại doanh nghiệp", "Khoa học, công nghệ và đổi mới sáng tạo",
    "Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng", "Thuế tiêu thụ đặc biệt",
]


@pytest.mark.parametrize("title", RULE_READ_TITLES + KNOWN_TITLES)
def test_law_titles_of_the_national_list(title):
    assert ids(f"Các sở triển khai Luật {title} trên địa bàn.") == [f"Luật {title}"]
    assert ids(f"Căn cứ Luật {title}; Căn cứ Luật Đất đai;") == [f"Luật {title}", "Luật Đất đai"]
    assert ids(f"theo quy định của Luật {title} năm 2020, các đơn vị rà soát.") == [f"Luật {title} 2020"]


def test_rule_read_titles_are_not_known_titles():
    titles = {t.lower() for t in lexicon.raw("reference_patterns.json")["law_names"]["known_titles"]}
    assert not titles & {t.lower() for t in RULE_READ_TITLES}


def test_a_known_title_of_an_ordinance():
    assert ids("Theo Pháp lệnh Ưu đãi người có công với cách mạng năm 2020, các xã rà soát.") == [
        "Pháp lệnh Ưu đãi người có công với cách mạng 2020"]


def test_a_known_title_reads_across_a_line_break_and_only_in_full():
    assert ids("Căn cứ Luật Đầu tư theo phương thức\nđối tác công tư ngày 18 tháng 6 năm 2020;") == [
        "Luật Đầu tư theo phương thức đối tác công tư 2020"]
    assert ids("Thực hiện Luật Đầu tư theo đúng quy định.") == ["Luật Đầu tư"]


def test_a_shorter_name_in_the_same_enumeration_is_a_document_of_its_own():
    assert ids("Căn cứ Luật Đầu tư theo phương thức đối tác công tư; Luật Hải quan; Luật Đầu tư;") == [
        "Luật Đầu tư theo phương thức đối tác công tư", "Luật Hải quan", "Luật Đầu tư"]
    # in another sentence the shorter name is a short mention of the longer one
    assert ids("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân. Theo Điều 45 Luật Bầu cử, "
               "các tổ bầu cử niêm yết danh sách.") == ["Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"]


# Documents still to be issued: the members of a list a creation verb governs (after 'trong đó
# có', 'gồm' or a colon right after the verb, running on over commas and 'và' to the sentence's
# end; sentences of our own). A kind with its issuer right after the verb stays a reference
# (seed 002: 'phục vụ xây dựng Nghị quyết của Ban Chấp hành Trung ương về ...' is one).
@pytest.mark.parametrize(("text", "expected"), [
    ("Khẩn trương trình cấp có thẩm quyền ban hành: Đề án phát triển nông nghiệp xanh giai đoạn 2026 - 2030, "
     "Chương trình Hỗ trợ khởi nghiệp sáng tạo giai đoạn 2026 - 2030.", []),
    ("Bộ Tư pháp được giao xây dựng các văn bản hướng dẫn, trong đó có Nghị định của Chính phủ về đăng ký "
     "biện pháp bảo đảm (thay thế Nghị định số 99/2022/NĐ-CP), Nghị định của Chính phủ về công chứng điện tử.",
     ["99/2022/NĐ-CP"]),
    # a colon after no creation verb, a list already issued, a body named like a verb: cited
    ("Thực hiện các văn bản sau: Đề án Hỗ trợ khởi nghiệp sáng tạo giai đoạn 2021 - 2025.",
     ["Đề án Hỗ trợ khởi nghiệp sáng tạo giai đoạn 2021 - 2025"]),
    ("Phối hợp với Bộ Xây dựng rà soát các quy hoạch, trong đó có Quy hoạch mạng lưới đường sắt thời kỳ 2021 - 2030.",
     ["Quy hoạch mạng lưới đường sắt thời kỳ 2021 - 2030"]),
])
def test_documents_still_to_be_issued_are_no_references(text, expected):
    assert ids(text) == expected


def test_a_capitalised_title_keeps_its_spaced_period_range():
    assert ids("Thực hiện Đề án Chuyển đổi số quốc gia giai đoạn 2021 - 2025 của tỉnh.") == [
        "Đề án Chuyển đổi số quốc gia giai đoạn 2021 - 2025"]
    assert ids("Triển khai Quy hoạch Mạng lưới cơ sở văn hóa thời kỳ 2021 - 2030, tầm nhìn đến năm 2045.") == [
        "Quy hoạch Mạng lưới cơ sở văn hóa thời kỳ 2021 - 2030, tầm nhìn đến năm 2045"]


# A resolution or conclusion named by the meeting that adopted it, identified by an ordinal, a
# month or a term, is a specific document even in lower case or after 'các' (sentences of our own).
@pytest.mark.parametrize(("text", "expected"), [
    ("Quán triệt kết luận Hội nghị Trung ương lần thứ 14 Ban Chấp hành Trung ương Đảng khóa XIII về công tác cán bộ.",
     ["Kết luận Hội nghị Trung ương lần thứ 14 Ban Chấp hành Trung ương Đảng khóa XIII"]),
    ("Bám sát các Nghị quyết phiên họp Chính phủ thường kỳ tháng 3 năm 2026; báo cáo kết quả.",
     ["Nghị quyết phiên họp Chính phủ thường kỳ tháng 3 năm 2026"]),
    ("Thực hiện nghị quyết Kỳ họp thứ 10 Quốc hội khóa XV về phát triển kinh tế.",
     ["Nghị quyết Kỳ họp thứ 10 Quốc hội khóa XV"]),
    # no ordinal, month or term: no specific document
    ("Theo kết luận của Thủ tướng tại phiên họp, các bộ khẩn trương triển khai.", []),
])
def test_a_document_named_by_its_meeting(text, expected):
    assert ids(text) == expected


def test_a_plan_title_closed_by_its_period_keeps_an_inner_and():
    assert ids("Phát triển khu công nghệ số tập trung theo Quy hoạch hạ tầng thông tin và truyền thông "
               "thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.") == [
        "Quy hoạch hạ tầng thông tin và truyền thông thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"]
    assert ids("Thực hiện Đề án phát triển văn hóa và du lịch cộng đồng giai đoạn 2021 - 2025 của tỉnh.") == [
        "Đề án phát triển văn hóa và du lịch cộng đồng giai đoạn 2021 - 2025"]


def test_a_plan_submitted_for_approval_is_no_reference():
    assert ids("Bộ Y tế xây dựng, trình cấp có thẩm quyền phê duyệt Kế hoạch phát triển y tế cơ sở và y tế "
               "dự phòng giai đoạn 2026 - 2030.") == []
    assert ids("Sở Y tế trình phê duyệt Kế hoạch phòng, chống dịch bệnh giai đoạn 2026 - 2030.") == []


# Generalisation check: citations of our own, of kinds and shapes no dev document holds
# (a provincial congress's resolution, a strategy and a master plan with their horizon, a
# national programme, a quoted scheme, a five-year plan, a code, the constitution, an ordinance,
# plenums named by ordinal words or numbers, two dated laws in one sentence).
SYNTHETIC_CITATIONS = [
    ("Quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII, nhiệm kỳ 2025 - 2030 đến toàn thể cán bộ.",
     ["Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII"]),
    ("Thực hiện Chiến lược phát triển kinh tế biển bền vững đến năm 2030, tầm nhìn đến năm 2045 trên địa bàn.",
     ["Chiến lược phát triển kinh tế biển bền vững đến năm 2030, tầm nhìn đến năm 2045"]),
    ("Tiếp tục triển khai Chương trình hành động của Tỉnh ủy về xây dựng nông thôn mới giai đoạn 2021 - 2025.",
     ["Chương trình hành động của Tỉnh ủy về xây dựng nông thôn mới giai đoạn 2021 - 2025"]),
    ("Triển khai Đề án “Tăng cường ứng dụng công nghệ thông tin trong quản lý dân cư” của Bộ Công an.",
     ["Đề án Tăng cường ứng dụng công nghệ thông tin trong quản lý dân cư"]),
    ("Thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030 của tỉnh.",
     ["Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030"]),
    ("Căn cứ Bộ luật Lao động năm 2019;", ["Bộ luật Lao động 2019"]),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
     ["Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam 2013"]),
    ("Thực hiện Quy hoạch tổng thể quốc gia thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
     ["Quy hoạch tổng thể quốc gia thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"]),
    ("Thực hiện Kết luận Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XIII.",
     ["Kết luận Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XIII"]),
    ("Quán triệt Nghị quyết Hội nghị Trung ương 8 khóa XIII về Chiến lược bảo vệ Tổ quốc trong tình hình mới.",
     ["Nghị quyết Hội nghị Trung ương 8 khóa XIII"]),
    ("Thực hiện Luật Bảo vệ môi trường năm 2020 và Luật Tài nguyên nước năm 2023.",
     ["Luật Bảo vệ môi trường 2020", "Luật Tài nguyên nước 2023"]),
]


@pytest.mark.parametrize(("text", "expected"), SYNTHETIC_CITATIONS)
def test_synthetic_citations_of_shapes_not_in_dev(text, expected):
    assert ids(text) == expected
