import pytest

import ingest
from nlp import extract
from nlp.tasks import is_action_start, sentence_is_task, sentences

from ._docs import UBND_PLAN


def _tasks(text: str, filename: str = "kh.txt"):
    """The tasks ``nlp.extract`` finds in ``text`` parsed as ``filename``."""
    return extract(ingest.parse_text(text, filename=filename)).tasks


def _task_texts(text: str, filename: str = "kh.txt") -> list[str]:
    return [t.text for t in _tasks(text, filename)]

# fmt: off
NEWS = [
    ("Chủ tịch UBND tỉnh yêu cầu Sở Y tế khẩn trương rà soát trang thiết bị.", True),
    ("Tuy nhiên, trong thời gian tới, các địa phương cần tập trung giải ngân vốn.", True),
    ("Năm qua, Sở Y tế đã hoàn thành 95% kế hoạch.", False),
    ("Công tác cải cách hành chính tiếp tục được thực hiện nghiêm túc.", False),
    ("Kết quả đạt được rất khả quan", False),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "expected"), NEWS)
def test_sentence_is_task(sentence, expected):
    assert sentence_is_task(sentence, 0, len(sentence), after_task=False) is expected


@pytest.mark.parametrize(("text", "expected"), [("Đẩy mạnh tuyên truyền.", True), ("Kết quả tốt.", False)])
def test_is_action_start(text, expected):
    assert is_action_start(text, 0) is expected


def test_sentences_keep_abbreviations():
    text = "Tổ chức tại TP. Hồ Chí Minh. Báo cáo kết quả."
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == ["Tổ chức tại TP. Hồ Chí Minh.", "Báo cáo kết quả."]


def test_plan_tasks_skip_purpose_headings_and_recipients():
    doc = ingest.parse_text(UBND_PLAN, filename="kh.txt")
    texts = [t.text for t in extract(doc).tasks]
    assert not any("Nâng cao nhận thức" in t for t in texts)  # MỤC ĐÍCH, YÊU CẦU
    assert not any(t.startswith("Đối với") for t in texts)  # heading only
    assert not any("Như trên" in t for t in texts)  # recipients
    assert any(t.startswith("Rà soát đội ngũ") for t in texts)


# fmt: off
ASSESSMENT = [
    ("Trong thời gian tới, Sở Y tế tổ chức rà soát mạng lưới trạm y tế.", False, True),
    ("Thời gian tới, tập trung hoàn thiện hồ sơ dự án.", False, True),
    ("Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng bố trí vốn.", False, True),
    ("Về lâu dài, nông nghiệp phải được xác định là trụ cột.", False, True),
    ("Các huyện cần sớm hoàn thành việc sắp xếp trụ sở.", False, True),
    ("Đồng thời, tổ chức lại các điểm trường lẻ.", True, True),
    ("Huyện xem xét mở rộng tuyến xe buýt.", True, True),
    ("Huyện đã hoàn thành 500 căn nhà cho hộ nghèo.", False, False),
    ("Huyện đã hoàn thành 500 căn nhà cho hộ nghèo.", True, False),
    ("Văn hóa, xã hội tiếp tục đạt nhiều kết quả quan trọng.", False, False),
    ("Tuy nhiên, vẫn còn một số hạn chế cần khắc phục.", False, False),
    ("Thay mặt lãnh đạo tỉnh, biểu dương tinh thần nỗ lực của ngành y tế.", False, False),
    ("Quốc phòng, an ninh được bảo đảm.", True, False),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "after_task", "expected"), ASSESSMENT)
def test_assessment_sentence_is_task(sentence, after_task, expected):
    from nlp.tasks import assessment_sentence_is_task

    assert assessment_sentence_is_task(sentence, 0, len(sentence), after_task=after_task) is expected


CONCLUSION = """VĂN PHÒNG ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 12/TB-VPUB
Lào Cai, ngày 5 tháng 6 năm 2024
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Bát Xát
I. ĐÁNH GIÁ CHUNG
Huyện đã hoàn thành 500 căn nhà cho hộ nghèo. Văn hóa, xã hội tiếp tục đạt nhiều kết quả.
Trong thời gian tới, Huyện rà soát quy hoạch các điểm dân cư. Tập trung giải ngân vốn đầu tư công.
II. MỤC TIÊU
Phấn đấu tỷ lệ hộ nghèo giảm 3%.
III. NHIỆM VỤ
1. Giao Sở Xây dựng hướng dẫn huyện lập quy hoạch.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_assessment_section_keeps_only_instruction_sentences():
    doc = ingest.parse_text(CONCLUSION, filename="tb.txt")
    tasks = extract(doc).tasks
    texts = [t.text for t in tasks]
    assert "Trong thời gian tới, Huyện rà soát quy hoạch các điểm dân cư." in texts
    assert "Tập trung giải ngân vốn đầu tư công." in texts
    assert not any("500 căn" in t or "kết quả" in t for t in texts)  # statements of results
    assert not any("Phấn đấu" in t for t in texts)  # purpose section
    assert any(t.startswith("Giao Sở Xây dựng") for t in texts)
    by_text = {t.text: [o.name for o in t.owners] for t in tasks}
    assert by_text["Tập trung giải ngân vốn đầu tư công."] == ["Huyện"]


NEWS_BULLETS = """Tỉnh ủy Hà Giang ban hành Chỉ thị về thí điểm mô hình chính quyền đô thị

- Tổ chức quán triệt cho cán bộ, đảng viên về chủ trương thí điểm.

- Thành lập Tổ công tác giúp việc của tỉnh về thí điểm mô hình chính quyền đô thị tại thành phố; các phường chưa có Tổ công tác, ban thường vụ đảng ủy phường trực tiếp chỉ đạo việc triển khai ở địa phương mình

- Rà soát tổ chức bộ máy các phường (theo đề án; Sở Nội vụ hướng dẫn các phường thực hiện).

Các tin khác
"""


def test_semicolon_clause_with_its_own_owner_is_split_off():
    tasks = _tasks(NEWS_BULLETS, "tin.txt")
    by_text = {t.text: [o.name for o in t.owners] for t in tasks}
    first = "Thành lập Tổ công tác giúp việc của tỉnh về thí điểm mô hình chính quyền đô thị tại thành phố;"
    assert by_text.get(first) == []  # a long bullet without its full stop is still a task
    second = [t for t in by_text if t.startswith("các phường chưa có Tổ công tác")]
    assert second and by_text[second[0]] == ["ban thường vụ đảng ủy phường"]
    # a clause inside brackets never splits
    assert not any(t.startswith("Sở Nội vụ") for t in by_text)
    assert any(t.startswith("Rà soát tổ chức bộ máy") for t in by_text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Về dự án A; dự án B: Tỉnh chủ động làm việc với Bộ Xây dựng.", "Tỉnh chủ động"),
        ("Về công tác cán bộ: rà soát quy hoạch.", "rà soát quy hoạch."),
        ("Tăng cường kiểm tra.", "Tăng cường kiểm tra."),
        # an intro written without its comma, right before an action
        ("Cùng với đó tập trung giải quyết án có điều kiện.", "tập trung giải quyết"),
        ("Đồng thời các đơn vị báo cáo.", "Đồng thời các đơn vị"),  # no action next: kept
    ],
)
def test_skip_intro_reads_topic_leads_with_semicolons(text, expected):
    from nlp.tasks import skip_intro

    assert text[skip_intro(text, 0, len(text)) :].startswith(expected)


# fmt: off
CLAUSES = [
    # a body's mandate: its commas list nouns
    ("Căn cứ chức năng, nhiệm vụ, quyền hạn được giao, chủ động phối hợp với Sở Nội vụ.", "chủ động phối hợp"),
    ("Theo chức năng, nhiệm vụ tăng cường kiểm tra các cơ sở kinh doanh.", "tăng cường kiểm tra"),
    ("Theo chức năng, nhiệm vụ của ngành, đề xuất giải pháp tháo gỡ.", "đề xuất giải pháp"),
    # a condition: the instruction starts at its subject or its action
    ("Trường hợp hồ sơ chưa đầy đủ, Sở Xây dựng có trách nhiệm hướng dẫn bổ sung.", "Sở Xây dựng có"),
    ("Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các sở, ngành báo cáo Sở Tài chính.", "các sở, ngành"),
    ("Tùy điều kiện, mở rộng kết nối dữ liệu với các bộ, ngành.", "mở rộng kết nối"),
    ("Nếu phát hiện vi phạm thì phải xử lý nghiêm theo quy định.", "phải xử lý"),
    # kept: no subject or action after the condition, or a request follows it
    ("Trường hợp đặc biệt do Chủ tịch quyết định.", "Trường hợp đặc biệt"),
    ("Trong quá trình thực hiện, nếu có vướng mắc đề nghị phản ánh về Sở Nội vụ, hướng dẫn giải quyết.",
     "Trong quá trình"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CLAUSES)
def test_skip_intro_reads_mandates_and_conditions(text, expected):
    from nlp.tasks import skip_intro

    assert text[skip_intro(text, 0, len(text)) :].startswith(expected)


def test_closing_paragraph_with_a_condition_is_a_task():
    doc = ingest.parse_text(
        "KẾ HOẠCH\nTriển khai chuyển đổi số\n\nI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ chủ trì theo dõi, đôn đốc.\n\n"
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo Ủy ban nhân dân tỉnh "
        "(qua Sở Nội vụ) để xem xét, chỉ đạo.\n", filename="kh.txt")
    texts = [t.text for t in extract(doc).tasks]
    assert any(t.startswith("Trong quá trình thực hiện, nếu có khó khăn") for t in texts)


CONTINUED = """ỦY BAN NHÂN DÂN TỈNH A
Số: 15/CT-UBND
CHỈ THỊ
Về việc tăng cường phòng, chống dịch bệnh
Các sở, ban, ngành thực hiện các nhiệm vụ sau:
1. Tập trung thực hiện nhiệm vụ kép, vừa phòng chống dịch vừa phát triển kinh tế - xã hội.
Đồng thời, thực hiện ngay các biện pháp hỗ trợ doanh nghiệp bị ảnh hưởng bởi dịch bệnh.
2. Rà soát các thủ tục hành chính trong quý III/2025.
Theo đó, Sở Tư pháp phải công bố danh mục thủ tục được cắt giảm.
3. Kiểm tra việc thực hiện chế độ báo cáo.
Ngoài ra, Sở Y tế chủ trì hướng dẫn phòng dịch tại doanh nghiệp.
"""


def test_a_continuation_paragraph_without_its_own_owner_belongs_to_the_item():
    tasks = _tasks(CONTINUED, "ct.txt")
    first = [t for t in tasks if t.text.startswith("Tập trung thực hiện")]
    assert len(first) == 1 and "Đồng thời, thực hiện ngay" in first[0].text
    assert not any(t.text.startswith("Đồng thời") for t in tasks)
    # a paragraph with an owner of its own stays a task of its own, whatever its opener
    own = {t.text.split(",")[0]: [o.name for o in t.owners] for t in tasks}
    assert own.get("Theo đó") == ["Sở Tư pháp"]
    assert own.get("Ngoài ra") == ["Sở Y tế"]


FINDINGS = """TỔNG CỤC THUẾ
Số: 100/TCT-TTr
V/v tăng cường thanh tra
Kính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương.
Kết quả thanh tra 9 tháng năm 2025 cho thấy:
- Một số Cục Thuế có tỷ lệ hoàn thành thấp: Cục Thuế tỉnh A, tỉnh B.
(Chi tiết tại Phụ lục kèm theo)
- Dữ liệu trên ứng dụng còn chưa được cập nhật đầy đủ, kịp thời.
- Các Cục Thuế phải rà soát lại kế hoạch thanh tra trước ngày 30/11/2025.
Để hoàn thành nhiệm vụ, Tổng cục Thuế yêu cầu Cục Thuế các tỉnh thực hiện:
- Cập nhật đầy đủ dữ liệu thanh tra vào ứng dụng.
"""


def test_bullets_after_a_findings_leadin_are_assessments_unless_they_instruct():
    texts = _task_texts(FINDINGS, "cv.txt")
    assert not any(t.startswith(("Một số Cục Thuế", "Dữ liệu trên ứng dụng")) for t in texts)
    assert any(t.startswith("Các Cục Thuế phải rà soát") for t in texts)  # a modal instruction
    assert any(t.startswith("Cập nhật đầy đủ dữ liệu") for t in texts)  # the next lead-in asks for work


def test_inline_sub_items_after_a_colon():
    from nlp.tasks import inline_items

    text = "Giao Đảng ủy Chính phủ: (i) Chỉ đạo Đảng ủy Bộ Y tế xây dựng quy trình. (ii) Chỉ đạo Đảng ủy Bộ Giáo dục và Đào tạo xây dựng chương trình."
    lead_end, pieces = inline_items(text, 0, len(text))
    assert text[:lead_end] == "Giao Đảng ủy Chính phủ"
    assert [(m, text[s:e].strip()[:20]) for s, e, m in pieces] == [
        ("i", "Chỉ đạo Đảng ủy Bộ Y"), ("ii", "Chỉ đạo Đảng ủy Bộ G")]
    # one marker, markers out of order, or no colon: not an inline list
    assert inline_items("Sở Y tế: (i) rà soát hồ sơ.", 0, 27) is None
    one = "Sở Y tế: (a) rà soát; (c) báo cáo."
    assert inline_items(one, 0, len(one)) is None
    assert inline_items("Rà soát (i) hồ sơ (ii) quy trình.", 0, 33) is None


INLINE_LIST = """BAN BÍ THƯ
Số: 20-TB/TW
Hà Nội, ngày 05 tháng 5 năm 2025
THÔNG BÁO
Kết luận của Ban Bí thư về công tác bảo vệ trẻ em
1. Giao Đảng ủy Chính phủ: (i) Chỉ đạo Đảng ủy Bộ Y tế xây dựng quy trình tiếp nhận trẻ em. (ii) Chỉ đạo Đảng ủy Bộ Giáo dục và Đào tạo xây dựng chương trình hỗ trợ hòa nhập.
2. Văn phòng Trung ương Đảng theo dõi, đôn đốc.
"""


def test_inline_sub_items_are_tasks_owned_by_the_lead():
    tasks = _tasks(INLINE_LIST, "tb.txt")
    subs = [t for t in tasks if t.text.startswith("Chỉ đạo")]
    assert [t.section for t in subs] == ["1-i", "1-ii"]
    assert all([o.name for o in t.owners] == ["Đảng ủy Chính phủ"] for t in subs)


def test_a_stray_number_before_the_sentence_and_a_request_paragraph():
    from nlp.resolve import explicit_owners
    from nlp.tasks import Unit, unit_is_task

    text = "1 Đề nghị Tổng Liên đoàn Lao động Việt Nam theo thẩm quyền xem xét."
    assert explicit_owners(text, 0, len(text), structured=True) == ["Tổng Liên đoàn Lao động Việt Nam"]
    para = "Tổng cục Thuế yêu cầu Cục trưởng Cục Thuế các tỉnh nghiêm túc triển khai thực hiện."
    assert unit_is_task(para, Unit(0, len(para), False, None))


CLOSING = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP
Số: 617/KH-UBND
Đồng Tháp, ngày 01 tháng 12 năm 2025
KẾ HOẠCH
Chuyển đổi số năm 2026
I. NHIỆM VỤ
1. Sở Khoa học và Công nghệ hướng dẫn thực hiện Kế hoạch.
II. TỔ CHỨC THỰC HIỆN
Trong quá trình thực hiện nếu có khó khăn, vướng mắc đề nghị các cơ quan, đơn vị, địa phương phản ánh về Sở Khoa học và Công nghệ để phối hợp giải quyết.
"""


def test_the_closing_request_after_a_condition_is_a_task_owned_by_those_asked():
    tasks = _tasks(CLOSING, "kh.txt")
    closing = next(t for t in tasks if t.text.startswith("Trong quá trình"))
    assert [o.name for o in closing.owners] == ["các cơ quan, đơn vị, địa phương"]


def test_a_background_sentence_with_a_request_noun_is_no_task():
    text = "Tuy nhiên, bên cạnh những kết quả đạt được, công tác này chưa đáp ứng yêu cầu đề ra."
    assert not sentence_is_task(text, 0, len(text), after_task=False)


@pytest.mark.parametrize("text", [":", " : ", "\n:"])
def test_a_text_that_is_only_a_colon_is_no_leadin_and_raises_nothing(text):
    from nlp.assemble import lead_in_scope
    from nlp.resolve import leadin_owners, leadin_subject
    from nlp.tasks import is_assessment_leadin, last_sentence

    assert is_assessment_leadin(text, 0, len(text)) is False
    assert leadin_owners(text, 0, len(text)) == []
    assert leadin_subject(text, 0, len(text)) == []
    assert lead_in_scope(text, 0, len(text)) is None
    assert last_sentence(text, 0, len(text)) == (0, len(text))


def test_last_sentence_is_the_one_before_the_colon():
    from nlp.tasks import last_sentence

    text = "Năm 2024 đã đạt kết quả tốt. Kết quả kiểm tra cho thấy:"
    s, e = last_sentence(text, 0, len(text))
    assert text[s:e].startswith("Kết quả kiểm tra")


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # an instruction of its own, then the list it introduces after "trong đó"
    ("Đề nghị Ban Thường vụ Huyện ủy tập trung chỉ đạo thực hiện tốt các mục tiêu năm 2026; trong đó chú ý các việc sau:", True),
    ("Triển khai quyết liệt các giải pháp phát triển du lịch, trong đó:", True),
    # only names who does what follows, or introduces the list
    ("Ủy ban nhân dân huyện đề nghị các xã thực hiện các nội dung sau:", False),
    ("Thời gian qua, công tác này đã đạt nhiều kết quả, trong đó:", False),
    ("Sở Y tế, trong đó:", False),
])
# fmt: on
def test_a_leadin_with_an_instruction_before_trong_do(text, expected):
    from nlp.tasks import own_instruction_before_list

    assert own_instruction_before_list(text, 0, len(text)) is expected


def test_a_request_that_opens_a_paragraph_hands_its_object_the_list():
    from nlp.assemble import lead_in_scope

    text = "I. ĐÁNH GIÁ\nĐề nghị Ban Thường vụ Huyện ủy chỉ đạo rà soát các đề án; trong đó lưu ý các việc sau:\n"
    start = text.index("Đề nghị")
    found = lead_in_scope(text, start, len(text) - 1)
    assert found is not None and found.owners == ("Ban Thường vụ Huyện ủy",)


def test_a_request_word_after_viec_is_a_noun():
    from nlp.resolve import leadin_owners

    text = ("Để chuẩn bị cho việc giao biên chế năm 2027, Bộ Nội vụ đề nghị các Bộ, ngành, địa phương "
            "thực hiện một số nội dung sau:")
    assert leadin_owners(text, 0, len(text)) == ["các Bộ, ngành, địa phương"]


@pytest.mark.parametrize("text", [
    "Về đề nghị sửa đổi Nghị định số 12.5/2024/NĐ-CP: giao Bộ Tư pháp nghiên cứu, báo cáo.",
    "Về điều chuyển khoảng 2.300 tỷ đồng vốn dư của dự án: Bộ Tư pháp rà soát, báo cáo.",
])
def test_a_topic_lead_with_periods_inside_numbers_is_skipped(text):
    from nlp.resolve import stated_owners
    from nlp.tasks import skip_intro

    assert "Bộ Tư pháp" in text[skip_intro(text, 0, len(text)):][:20]
    assert stated_owners(text, 0, len(text), structured=True) == ["Bộ Tư pháp"]


@pytest.mark.parametrize(("text", "expected"), [
    ("- Chủ tịch Ủy ban nhân dân tỉnh (để báo cáo).", True),
    ("- Các Phó Chủ tịch UBND tỉnh (để b/c);", True),
    ("Sở Y tế tổng hợp kết quả (để theo dõi chung), báo cáo UBND tỉnh.", False),
    ("Sở Tư pháp tổng hợp, báo cáo.", False),
])
def test_a_line_ending_with_a_recipient_note_is_no_task(text, expected):
    from nlp.tasks import excluded_by_cue

    assert excluded_by_cue(text) is expected


CONG_DIEN = """THỦ TƯỚNG CHÍNH PHỦ
Số: 301/CĐ-TTg
Hà Nội, ngày 02 tháng 9 năm 2026
CÔNG ĐIỆN
Về việc ứng phó với bão số 7
THỦ TƯỚNG CHÍNH PHỦ điện:
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển;
- Bộ trưởng các Bộ: Quốc phòng, Công an.
Bão số 7 đang di chuyển nhanh về phía đất liền, gây mưa rất to trên diện rộng ở nhiều địa phương ven biển.
Để chủ động ứng phó với bão, Thủ tướng Chính phủ yêu cầu:
1. Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển tổ chức kêu gọi tàu thuyền vào nơi tránh trú an toàn.
2. Bộ trưởng Bộ Quốc phòng chỉ đạo:
(1) Bố trí lực lượng, phương tiện sẵn sàng cứu hộ, cứu nạn trên biển.
(2) Phối hợp với các địa phương sơ tán dân ở vùng nguy hiểm.
Nơi nhận:
- Như trên;
- Lưu: VT.
THỦ TƯỚNG
Trần Văn K
"""


def test_a_cong_dien_addressees_are_no_tasks_and_its_numbered_points_are():
    tasks = _tasks(CONG_DIEN, "cd.txt")
    texts = [t.text for t in tasks]
    assert not any(t.startswith(("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố ven biển;", "Bộ trưởng các Bộ:")) for t in texts)
    points = [t for t in tasks if "Bố trí lực lượng" in t.text or "sơ tán dân" in t.text]
    assert len(points) == 2
    assert all([o.name for o in t.owners] == ["Bộ trưởng Bộ Quốc phòng"] for t in points)


def test_a_holder_and_chu_tri_colon_only_names_who_does_what_follows():
    from nlp.tasks import leadin_only

    text = "Bộ trưởng Bộ Tài chính chủ trì:"
    assert leadin_only(text, 0, len(text))


EMULATION = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
Số: 77/KH-UBND
Quảng Bình, ngày 02 tháng 3 năm 2026
KẾ HOẠCH
Phát động thi đua năm 2026
I. NỘI DUNG THI ĐUA
1. Thi đua hoàn thành vượt mức các chỉ tiêu kinh tế - xã hội năm 2026.
2. Thời gian thực hiện: từ tháng 3 đến tháng 12 năm 2026.
II. ĐỐI TƯỢNG, TIÊU CHÍ THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG CỦA ĐỢT THI ĐUA
1. Hoàn thành xuất sắc nhiệm vụ được giao, có sáng kiến được công nhận.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ hướng dẫn, theo dõi việc tổ chức thi đua.
"""


def test_a_section_grouping_points_is_no_field_task_and_criteria_are_no_tasks():
    tasks = _tasks(EMULATION, "kh.txt")
    texts = [t.text for t in tasks]
    assert "NỘI DUNG THI ĐUA" not in texts
    assert any(t.startswith("Thi đua hoàn thành") for t in texts)
    assert not any(t.startswith("Hoàn thành xuất sắc") for t in texts)  # a criterion, not a task
    assert any(t.startswith("Sở Nội vụ hướng dẫn") for t in texts)


ACTIVITIES = """ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
Số: 90/KH-UBND
Phú Yên, ngày 02 tháng 10 năm 2026
KẾ HOẠCH
Tổ chức Tháng hành động vì trẻ em năm 2026
I. CÁC HOẠT ĐỘNG
1. Truyền thông
a) Hoạt động 1
- Nội dung: Tổ chức lễ phát động Tháng hành động tại các trường học.
- Cơ quan thực hiện: Sở Giáo dục và Đào tạo chủ trì, phối hợp với Đoàn Thanh niên tỉnh.
b) Hoạt động 2
- Nội dung: Phát hành tờ rơi về phòng, chống xâm hại trẻ em.
- Cơ quan thực hiện: Sở Văn hóa, Thể thao và Du lịch.
"""


def test_the_content_line_under_a_label_heading_is_the_task():
    tasks = _tasks(ACTIVITIES, "kh.txt")
    by_text = {t.text[:20]: t for t in tasks}
    assert "Hoạt động 1" not in [t.text for t in tasks]
    first = by_text["Tổ chức lễ phát động"[:20]]
    assert [o.name for o in first.owners] == ["Sở Giáo dục và Đào tạo"]
    second = by_text["Phát hành tờ rơi về p"[:20]]
    assert [o.name for o in second.owners] == ["Sở Văn hóa, Thể thao và Du lịch"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Căn cứ Quyết định số 12/QĐ-TTg ngày 05 tháng 01 năm 2026 của Thủ tướng Chính phủ;", True),
    ("Thực hiện Thông tri số 03-TT/TU ngày 10 tháng 3 năm 2026 của Tỉnh ủy,", True),
    # a basis clause, then an instruction: a task
    ("Căn cứ Kế hoạch này, các sở, ngành xây dựng kế hoạch thực hiện.", False),
    ("Thực hiện nghiêm Chỉ thị số 05-CT/TU của Tỉnh ủy;", False),
])
def test_a_legal_basis_line_is_no_task(text, expected):
    from nlp.tasks import is_legal_basis

    assert is_legal_basis(text) is expected


def test_a_request_sentence_inside_an_item_is_owned_by_those_asked():
    text = ("KẾ HOẠCH\nPhát triển du lịch năm 2026\nI. NHIỆM VỤ\n1. Sở Văn hóa và Thể thao xây dựng bộ nhận diện "
            "du lịch của tỉnh. Yêu cầu các huyện, thị xã phối hợp cung cấp tư liệu.\n")
    tasks = _tasks(text, "kh.txt")
    owners = {t.text[:12]: [o.name for o in t.owners] for t in tasks}
    assert owners["Sở Văn hóa và"[:12]] == ["Sở Văn hóa và Thể thao"]
    assert owners["Yêu cầu các h"[:12]] == ["các huyện, thị xã"]


TOPICS = """BỘ NỘI VỤ
Số: 7100/BNV-CCVC
V/v tuyển dụng công chức năm 2027
Hà Nội, ngày 12 tháng 11 năm 2026
Kính gửi: Các bộ, ngành, địa phương.

Bộ Nội vụ đề nghị các bộ, ngành, địa phương triển khai thực hiện một số nội dung sau:

**1. Về tổ chức tuyển dụng**

- Tổ chức tuyển dụng công khai, minh bạch, đúng quy định.

**2. Về chế độ báo cáo**

Báo cáo kết quả tuyển dụng về Bộ Nội vụ trước ngày 15 tháng 12 năm 2027.

Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_a_topic_heading_is_no_task_and_the_paragraph_after_the_last_one_is_its_body():
    tasks = _tasks(TOPICS, "cv.txt")
    texts = [t.text for t in tasks]
    assert "Về chế độ báo cáo" not in texts
    report = next(t for t in tasks if t.text.startswith("Báo cáo kết quả"))
    assert [o.name for o in report.owners] == ["các bộ, ngành, địa phương"]
    assert report.deadline is not None and report.deadline.date == "2027-12-15"


_PLAN_HEAD = "KẾ HOẠCH\nKhắc phục môi trường sau mưa lũ\n\nI. NHIỆM VỤ\n\n1. Vệ sinh môi trường\n\n"


def test_a_leaf_among_instructions_is_a_task_though_its_verb_is_in_no_list():
    texts = _task_texts(_PLAN_HEAD + "- Khơi thông cống rãnh, kênh mương bị tắc nghẽn.\n\n"
                        "- Xử lý các điểm nước tù đọng sau khi nước rút.\n\n"
                        "- Huy động lực lượng tham gia tổng vệ sinh.\n")
    assert any(t.startswith("Khơi thông cống rãnh") for t in texts)


# fmt: off
NOT_PEERS = [
    # a source of funds, a label and its value, beside one instruction
    ("- Nguồn xã hội hóa từ doanh nghiệp và Nhân dân.\n\n- Huy động nguồn lực hợp pháp khác.\n", "Nguồn xã hội hóa"),
    ("- Các thông số: pH, độ mặn, oxy hòa tan.\n\n- Tổ chức lấy mẫu nước định kỳ.\n", "Các thông số"),
    # most of the list is no instruction
    ("- Khơi thông cống rãnh bị tắc.\n\n- Tình hình ngập úng kéo dài.\n\n- Thiệt hại về tài sản lớn.\n\n"
     "- Xử lý các điểm nước tù đọng.\n", "Khơi thông"),
]
# fmt: on


@pytest.mark.parametrize(("items", "prefix"), NOT_PEERS)
def test_peers_do_not_make_a_noun_point_a_task(items, prefix):
    assert not any(t.startswith(prefix) for t in _task_texts(_PLAN_HEAD + items))


def test_points_of_an_article_are_provisions():
    texts = _task_texts("QUY ĐỊNH\nVề chia sẻ dữ liệu\n\nĐiều 5. Các hành vi bị nghiêm cấm\n\n"
                        "1. Cung cấp dữ liệu sai lệch cho cơ quan khác.\n\n2. Phá hoại cơ sở hạ tầng thông tin.\n\n"
                        "3. Cung cấp dữ liệu trái với quy định.\n")
    assert not any(t.startswith("Phá hoại") for t in texts)


_REGULATION = ("BAN CHẤP HÀNH TRUNG ƯƠNG\n-------\nSố: 12-QĐ/TW\n\nQUY ĐỊNH\nVề chia sẻ dữ liệu giữa các cơ quan\n\n"
               "- Căn cứ Điều lệ Đảng;\n- Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương;\n\n"
               "Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Giải thích từ ngữ\n\n"
               "1. Dữ liệu dùng chung là dữ liệu được nhiều cơ quan khai thác, sử dụng.\n\n"
               "2. Việc chia sẻ dữ liệu phải bảo đảm chính xác, kịp thời.\n\n"
               "3. Các cơ quan quản lý dữ liệu có trách nhiệm cập nhật dữ liệu thường xuyên.\n\n"
               "Điều 2. Trách nhiệm thi hành\n\n1. Văn phòng Trung ương Đảng có trách nhiệm:\n\n"
               "a) Chủ trì, hướng dẫn các cơ quan triển khai Quy định này.\n\n"
               "b) Theo dõi, đôn đốc việc thực hiện Quy định này.\n")


def test_a_regulations_points_are_tasks_only_where_they_name_who_acts():
    doc = ingest.parse_text(_REGULATION, filename="qd.txt")
    assert doc.metadata.doc_type == "Quy định"
    texts = [t.text for t in extract(doc).tasks]
    assert not any(t.startswith(("Dữ liệu dùng chung", "Việc chia sẻ")) for t in texts)  # definitions, principles
    assert any(t.startswith("Các cơ quan quản lý dữ liệu có trách nhiệm") for t in texts)
    assert any(t.startswith("Chủ trì, hướng dẫn") for t in texts)  # its line names the body
    assert any(t.startswith("Theo dõi, đôn đốc") for t in texts)
    assert not any(t.startswith("Căn cứ") for t in texts)  # a legal basis written as a bullet


def test_an_instruction_leading_into_its_objects_is_a_task_and_so_are_they():
    texts = _task_texts("KẾ HOẠCH\nChuyển đổi số giao thông\n\nI. NHIỆM VỤ\n\n1. Nền tảng giám sát giao thông\n\n"
                        "Nghiên cứu, triển khai các nền tảng số chuyên dùng phục vụ công tác quản lý giao thông như:\n\n"
                        "- Hệ thống giám sát hành trình phương tiện.\n\n- Hệ thống thu phí tự động tại bãi đỗ xe.\n")
    assert any(t.startswith("Nghiên cứu, triển khai các nền tảng") for t in texts)
    assert any(t.startswith("Hệ thống giám sát hành trình") for t in texts)
    assert any(t.startswith("Hệ thống thu phí") for t in texts)


# fmt: off
NOT_ACTION_LEADINS = [
    # it cites the document it carries out; it addresses the bodies of the list; it is short
    "Thực hiện Quyết định số 12/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh về chuyển đổi số, triển khai như sau:",
    "Triển khai chỉ đạo của Thủ tướng Chính phủ tại Công điện số 22/CĐ-TTg, Bộ Xây dựng yêu cầu các cơ quan, đơn vị:",
    "Đào tạo và bồi dưỡng:",
]
# fmt: on


@pytest.mark.parametrize("leadin", NOT_ACTION_LEADINS)
def test_lead_ins_that_only_introduce_their_list(leadin):
    from nlp.tasks import action_leadin

    assert not action_leadin(leadin, 0, len(leadin))


# fmt: off
NAMES_ONLY_LEADINS = [
    ("Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, Ủy ban nhân dân các xã:", True),
    ("Ban Quản lý dự án có trách nhiệm:", True),
    ("Công an tỉnh chịu trách nhiệm:", True),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội:", True),
    ("Sở Tư pháp (cơ quan thường trực Hội đồng phổ biến giáo dục pháp luật tỉnh):", True),
    ("Chủ trì, phối hợp với các sở, ngành và Ủy ban nhân dân các xã:", True),
    # an action or its object after the bodies: an instruction of its own
    ("Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát các công trình sau:", False),
    ("Ban Quản lý dự án có trách nhiệm rà soát hồ sơ:", False),
    ("Sở Xây dựng chủ trì, phối hợp với Sở Tài chính.", False),
]
# fmt: on


@pytest.mark.parametrize(("leadin", "expected"), NAMES_ONLY_LEADINS)
def test_a_lead_in_of_bodies_and_their_roles_only_names_who_acts(leadin, expected):
    from nlp.tasks import names_only_leadin

    assert names_only_leadin(leadin, 0, len(leadin)) is expected


def test_a_body_and_role_line_over_points_is_no_task_and_its_points_are():
    texts = _task_texts("KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n\nI. TỔ CHỨC THỰC HIỆN\n\n"
                        "1. Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, Ủy ban nhân dân các xã:\n\n"
                        "a) Rà soát các công trình xuống cấp trên địa bàn.\n\nb) Báo cáo kết quả về Ủy ban nhân dân tỉnh.\n\n"
                        "2. Ban Quản lý dự án có trách nhiệm:\n\na) Kiểm tra tiến độ thi công các công trình.\n")
    assert not any(t.startswith(("Sở Xây dựng chủ trì", "Ban Quản lý dự án")) for t in texts)
    assert any(t.startswith("Rà soát các công trình") for t in texts)
    assert any(t.startswith("Kiểm tra tiến độ") for t in texts)


FUNDED_PLAN = ("KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n\nI. NHIỆM VỤ\n\n1. Rà soát các công trình xuống cấp.\n\n"
               "II. NGUỒN VỐN THỰC HIỆN KẾ HOẠCH\n\n1. Nguồn vốn tài trợ từ các tổ chức quốc tế.\n\n"
               "2. Ngân sách địa phương: Nguồn chi thường xuyên; vốn đầu tư công.\n\n"
               "3. Nguồn xã hội hóa từ các doanh nghiệp, tổ chức, cá nhân trong và ngoài tỉnh.\n\n"
               "4. Nguồn ngân sách: Hằng năm, căn cứ nhiệm vụ được giao, các sở, ngành xây dựng dự toán kinh phí.\n\n"
               "5. Huy động các doanh nghiệp cùng tham gia đầu tư hạ tầng phòng, chống thiên tai.\n\n"
               "6. Sở Tài chính tham mưu bố trí kinh phí thực hiện Kế hoạch.\n")


def test_a_funding_sections_sources_are_no_tasks_and_its_instructions_are():
    texts = _task_texts(FUNDED_PLAN)
    assert any(t.startswith("Rà soát các công trình") for t in texts)
    assert not any(t.startswith(("Nguồn vốn tài trợ", "Ngân sách địa phương", "Nguồn xã hội hóa")) for t in texts)
    assert any(t.startswith("Nguồn ngân sách: Hằng năm") for t in texts)  # a body acts after its clauses
    assert any(t.startswith("Huy động các doanh nghiệp") for t in texts)  # an action
    assert any(t.startswith("Sở Tài chính tham mưu") for t in texts)  # a body that acts


# fmt: off
STATEMENTS = [
    ("Ghi nhận, đánh giá cao sự nỗ lực của Sở Xây dựng và các nhà thầu trong việc bàn giao công trình.", True),
    ("Ngày 12/3/2026, Hội đồng nhân dân tỉnh đã thông qua Nghị quyết về giá đất. Sở Tài chính được giao "
     "xây dựng dự thảo hướng dẫn.", True),
    ("Trong năm qua, ngành giáo dục đã hoàn thành sắp xếp các điểm trường lẻ.", True),
    # a request after the fact, an action that opens it, a body whose own predicate acts
    ("Ngày 12/3/2026, Hội đồng nhân dân tỉnh đã thông qua Nghị quyết về giá đất. Đề nghị Sở Tài chính "
     "hướng dẫn thực hiện.", False),
    ("Khẩn trương hoàn thành phương án đã được phê duyệt tại Quyết định số 12/QĐ-UBND.", False),
    ("Sở Nội vụ Khẩn trương hoàn thành phương án đã được phê duyệt tại Quyết định số 12/QĐ-UBND.", False),
    ("Các xã đã hoàn thành sắp xếp cần tiếp tục rà soát trụ sở dôi dư.", False),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_a_stated_fact_or_assessment_assigns_nothing(text, expected):
    from nlp.tasks import states_only

    assert states_only(text, 0, len(text)) is expected


def test_points_relaying_facts_are_no_tasks():
    texts = _task_texts("THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\n"
                        "1. Ghi nhận, đánh giá cao sự nỗ lực của Sở Xây dựng và các nhà thầu trong việc bàn giao công trình.\n\n"
                        "2. Trong năm qua, ngành giáo dục đã hoàn thành sắp xếp các điểm trường lẻ.\n\n"
                        "3. Sở Xây dựng khẩn trương hoàn thiện hồ sơ quyết toán công trình.\n", "tb.txt")
    assert not any(t.startswith(("Ghi nhận", "Trong năm qua")) for t in texts)
    assert any(t.startswith("Sở Xây dựng khẩn trương") for t in texts)


def test_a_short_label_over_points_is_no_task_and_its_points_are():
    texts = _task_texts("KẾ HOẠCH\nChuyển đổi số năm 2026\n\nI. NHIỆM VỤ\n\n1. Phát triển nguồn nhân lực số\n\n"
                        "a) Đào tạo và bồi dưỡng:\n\n- Tổ chức các lớp bồi dưỡng kỹ năng số cho công chức.\n\n"
                        "- Phối hợp với các trường đại học đào tạo chuyên gia dữ liệu.\n")
    assert not any(t.startswith("Đào tạo và bồi dưỡng") for t in texts)
    assert any(t.startswith("Tổ chức các lớp bồi dưỡng") for t in texts)


def test_a_section_whose_heading_only_names_its_fields_is_no_task():
    plan = ("KẾ HOẠCH\nPhòng, chống thiên tai đến năm 2030\n\nI. THỜI GIAN VÀ PHẠM VI\n\n"
            "1. Thời gian: từ nay đến năm 2030.\n\n2. Phạm vi: triển khai trên toàn địa bàn tỉnh.\n\n"
            "II. NHIỆM VỤ\n\n1. Rà soát các công trình xuống cấp.\n\n"
            "III. TỔ CHỨC THỰC HIỆN\n\n1. Kiểm tra hồ đập\n\n- Thời gian: trước ngày 30/6/2026.\n")
    texts = _task_texts(plan)
    assert not any(t.startswith("THỜI GIAN VÀ PHẠM VI") for t in texts)
    assert any(t.startswith("Rà soát các công trình") for t in texts)
    assert any(t.startswith("Kiểm tra hồ đập") for t in texts)  # a task its field line describes


def test_the_points_under_a_scored_criterion_are_no_tasks():
    texts = _task_texts("CÔNG VĂN\nVề đánh giá trung tâm học tập cộng đồng\n\n1. Nội dung kiểm tra\n\n"
                        "1.1. Nội dung hoạt động (20 điểm)\n\n"
                        "a) Tập huấn chuyên môn nghiệp vụ cho giáo viên của trung tâm.\n\n"
                        "b) Phối hợp với các trường phổ thông tổ chức các lớp học.\n\n"
                        "2. Tổ chức thực hiện\n\n"
                        "a) Tập huấn chuyên môn nghiệp vụ cho cán bộ phụ trách đánh giá.\n", "cv.txt")
    assert not any(t.startswith("Phối hợp với các trường") for t in texts)
    assert any(t.startswith("Tập huấn chuyên môn nghiệp vụ cho cán bộ") for t in texts)
    assert not any(t.startswith("Tập huấn chuyên môn nghiệp vụ cho giáo viên") for t in texts)


def test_a_short_noun_point_holding_an_action_word_is_no_task():
    texts = _task_texts("KẾ HOẠCH\nQuan trắc môi trường năm 2026\n\nI. NỘI DUNG\n\n1. Các chất cần phân tích\n\n"
                        "- Thuốc bảo vệ thực vật,\n\n- Kim loại nặng\n\n"
                        "2. Tổng hợp kết quả\n\n- Kết quả quan trắc báo cáo định kỳ hằng quý về Sở Nông nghiệp.\n")
    assert not any(t.startswith(("Thuốc bảo vệ", "Kim loại")) for t in texts)
    assert any(t.startswith("Kết quả quan trắc báo cáo") for t in texts)


PRESENTED = ("KẾ HOẠCH\nPhát động thi đua năm 2026\n\nI. NHIỆM VỤ\n\n1. Sở Nội vụ hướng dẫn các đơn vị đăng ký thi đua.\n\n"
             "II. TỔ CHỨC THỰC HIỆN\n\n"
             "Trên đây là Kế hoạch phát động thi đua năm 2026; tăng tốc hoàn thành các chỉ tiêu. "
             "Đề nghị các sở, ban, ngành triển khai thực hiện nghiêm túc.\n\n"
             "Trên đây là Kế hoạch tổ chức Ngày hội văn hóa năm 2026 của tỉnh; tổ chức các hoạt động văn nghệ.\n")


def test_a_presentation_with_a_request_after_it_is_one_task():
    from nlp.resolver import presented_owners
    from nlp.tasks import presents_text

    tasks = _tasks(PRESENTED)
    closing = [t for t in tasks if t.text.startswith("Trên đây là Kế hoạch phát động")]
    assert len(closing) == 1 and "Đề nghị các sở, ban, ngành" in closing[0].text
    assert [o.name for o in closing[0].owners] == ["các sở, ban, ngành"]
    assert not any(t.text.startswith("Đề nghị các sở") for t in tasks)  # not split off the presentation
    # the presented title is a list of actions, no body asked to act: no task
    assert not any(t.text.startswith("Trên đây là Kế hoạch tổ chức Ngày hội") for t in tasks)
    body = "Trên đây là Kế hoạch của tỉnh. Trong quá trình thực hiện, các cơ quan, đơn vị phản ánh về Sở Y tế."
    assert presents_text(body, 0, len(body)) and presented_owners(body, 0, len(body))
    assert not presents_text("Kế hoạch này thay thế Kế hoạch số 5.", 0, 36)


def test_a_label_naming_whom_its_points_concern_is_no_task():
    texts = _task_texts("KẾ HOẠCH\nGiám sát công tác tuyển sinh năm 2026\n\nII. NỘI DUNG\n\n"
                        "1. Đợt 1: Trong tháng 5/2026\n\n"
                        "a) Nội dung Kiểm tra (Đối với Ban giám hiệu các trường):\n\n"
                        "- Kiểm tra việc công khai chỉ tiêu tuyển sinh.\n\n"
                        "- Kiểm tra việc tiếp nhận hồ sơ của học sinh.\n\n"
                        "b) Rà soát danh sách học sinh trúng tuyển và hồ sơ gốc của các em:\n\n"
                        "- Đối chiếu hồ sơ gốc.\n\n- Công bố kết quả.\n")
    assert not any(t.startswith("Nội dung Kiểm tra") for t in texts)
    assert any(t.startswith("Kiểm tra việc công khai") for t in texts)
    # a short action line over its points names the work they detail (work_heading_over_points)
    assert not any(t.startswith("Rà soát danh sách học sinh") for t in texts)
    assert any(t.startswith("Đối chiếu hồ sơ gốc") for t in texts)


TOPIC_LABELS = """VĂN PHÒNG CHÍNH PHỦ
Số: 700/TB-VPCP
Hà Nội, ngày 20 tháng 11 năm 2025
THÔNG BÁO
Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh Gia Lai
III. VỀ CÁC KIẾN NGHỊ CỦA TỈNH
1. Về kiến nghị bổ sung vốn ngân sách trung ương để nâng cấp các tuyến đường
liên huyện bị hư hỏng sau mưa lũ:

Giao Bộ Tài chính tổng hợp nhu cầu vốn của tỉnh, báo cáo cấp có thẩm quyền xem xét, quyết định.

2. Về hỗ trợ cây giống cho các hộ dân, đề nghị Bộ Nông nghiệp và Môi trường:

- Hướng dẫn tỉnh lập hồ sơ hỗ trợ.
"""


def test_a_long_topic_label_over_its_answer_is_no_task():
    texts = _task_texts(TOPIC_LABELS, "tb.txt")
    assert not any(t.startswith("Về kiến nghị bổ sung vốn") for t in texts)
    assert any(t.startswith("Giao Bộ Tài chính tổng hợp") for t in texts)
    from nlp.tasks import is_topic_label

    asks = "Về hỗ trợ cây giống cho các hộ dân, đề nghị Bộ Nông nghiệp và Môi trường:"
    assert not is_topic_label(asks, 0, len(asks))  # it addresses a body
    inline = "Về kiến nghị của tỉnh: giao Bộ Tài chính tổng hợp."
    assert not is_topic_label(inline, 0, len(inline))


def test_a_compound_heading_naming_the_work_is_no_purpose_section():
    texts = _task_texts("KẾ HOẠCH\nPhát động thi đua năm 2026\n\nI. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA\n\n"
                        "1. Đối tượng thi đua\n\na) Tập thể: các phòng, ban chuyên môn của huyện.\n\n"
                        "2. Nội dung thi đua\n\na) Thi đua hoàn thành xuất sắc các chỉ tiêu được giao.\n\n"
                        "II. MỤC ĐÍCH, YÊU CẦU\n\n1. Phát huy tinh thần đoàn kết, thi đua hoàn thành nhiệm vụ.\n")
    assert any(t.startswith("Thi đua hoàn thành xuất sắc") for t in texts)
    assert not any(t.startswith(("Tập thể:", "Phát huy tinh thần")) for t in texts)


def test_an_upper_case_topic_heading_takes_the_kind_of_the_topic_it_names():
    from nlp.tasks import _kind_of_heading

    assert _kind_of_heading("VỀ TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN") == "assessment"
    assert _kind_of_heading("VỀ KẾT QUẢ ĐẠT ĐƯỢC") == "assessment"
    assert _kind_of_heading("VỀ NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI") == "task"
    assert _kind_of_heading("Về kết quả kiểm tra hồ sơ") is None  # a point in a sentence's case
    texts = _task_texts("THÔNG BÁO\nKết luận của Phó Thủ tướng\n\nI. VỀ TỒN TẠI, HẠN CHẾ\n\n"
                        "1. Tổ chức thực hiện còn lúng túng, phối hợp chưa chặt chẽ;\n\n"
                        "II. NHIỆM VỤ THỜI GIAN TỚI\n\n1. Các bộ rà soát quy định chồng chéo.\n", "tb.txt")
    assert not any(t.startswith("Tổ chức thực hiện còn lúng túng") for t in texts)
    assert any(t.startswith("Các bộ rà soát") for t in texts)


def test_an_exclamation_is_a_slogan_not_a_task():
    texts = _task_texts("KẾ HOẠCH\nTuyên truyền Ngày hội toàn dân năm 2026\n\nII. NỘI DUNG\n\n"
                        "1. Tuyên truyền ý nghĩa của Ngày hội trên hệ thống loa truyền thanh.\n\n"
                        "III. KHẨU HIỆU\n\n1. Toàn dân tham gia xây dựng nông thôn mới văn minh, giàu đẹp!\n\n"
                        "2. Cả nước chung tay xây dựng đất nước phồn vinh!\n")
    assert any(t.startswith("Tuyên truyền ý nghĩa") for t in texts)
    assert not any(t.startswith(("Toàn dân tham gia", "Cả nước chung tay")) for t in texts)


RELAYED = """VĂN PHÒNG CHÍNH PHỦ
Số: 900/VPCP-KGVX
V/v phát triển du lịch
Hà Nội, ngày 20 tháng 11 năm 2025
Kính gửi: Bộ Văn hóa, Thể thao và Du lịch
Xét đề nghị của Bộ Văn hóa, Thể thao và Du lịch, Phó Thủ tướng Chính phủ Nguyễn Văn B có ý kiến như sau:
Bộ Văn hóa, Thể thao và Du lịch rà soát các chương trình kích cầu du lịch; kịp thời báo cáo Thủ tướng Chính phủ những vấn đề vượt thẩm quyền.
Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.
"""


def test_a_sentence_of_a_relayed_opinion_naming_a_body_and_its_action_is_a_task():
    from nlp.tasks import after_opinion_leadin, relayed_instruction

    tasks = _tasks(RELAYED, "cv.txt")
    found = [t for t in tasks if t.text.startswith("Bộ Văn hóa, Thể thao và Du lịch rà soát")]
    assert len(found) == 1 and [o.name for o in found[0].owners] == ["Bộ Văn hóa, Thể thao và Du lịch"]
    assert not any(t.text.startswith("Văn phòng Chính phủ thông báo") for t in tasks)
    text = "Bộ Y tế có ý kiến như sau:\nCác bệnh viện đã hoàn thành việc cấp thuốc."
    assert after_opinion_leadin(text, text.index("Các"))
    assert not relayed_instruction(text, text.index("Các"), len(text))  # a fact, not an instruction


def test_a_lead_in_naming_bodies_with_a_restrictive_complement_only_names_who_acts():
    from nlp.tasks import names_only_leadin

    for text in ("Chủ tịch Ủy ban nhân dân các tỉnh từ Quảng Trị đến Quảng Ngãi:",
                 "Bộ trưởng các Bộ: Xây dựng, Công Thương; Chủ tịch Ủy ban nhân dân các tỉnh nêu trên "
                 "theo chức năng, nhiệm vụ, thẩm quyền:"):
        assert names_only_leadin(text, 0, len(text)), text
    asks = "Sở Xây dựng từ nay đến cuối năm tổ chức kiểm tra các công trình:"
    assert not names_only_leadin(asks, 0, len(asks))
    texts = _task_texts("CÔNG ĐIỆN\nVề ứng phó mưa lũ\n\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n\n"
                        "- Chủ tịch Ủy ban nhân dân các tỉnh từ Quảng Trị đến Quảng Ngãi.\n\n"
                        "1. Chủ tịch Ủy ban nhân dân các tỉnh từ Quảng Trị đến Quảng Ngãi:\n\n"
                        "a) Sơ tán người dân khỏi khu vực nguy hiểm.\n\nb) Bảo đảm an toàn hồ đập.\n", "cd.txt")
    assert not any(t.startswith("Chủ tịch Ủy ban nhân dân các tỉnh từ") for t in texts)
    assert any(t.startswith("Sơ tán người dân") for t in texts)


QUOTA_PLAN = """ỦY BAN NHÂN DÂN TỈNH X
Số: 15/KH-UBND
X, ngày 03 tháng 4 năm 2025
KẾ HOẠCH
Tổ chức hội thi an toàn giao thông
I. NỘI DUNG
1. Số lượng đề nghị khen thưởng:
a) Ban Tổ chức hội thi của tỉnh: Không quá 03 cá nhân;
b) Tổ thư ký hội thi: 01 cá nhân/01 tổ;
c) Đoàn chấm thi: Trưởng đoàn là đại diện Sở Giáo dục và Đào tạo; thành viên gồm đại diện các trường;
d) Sở Giáo dục và Đào tạo: Tổng hợp danh sách đề nghị khen thưởng, gửi Sở Nội vụ trước ngày 30/5/2025.
"""


def test_a_point_whose_value_is_a_quota_or_a_description_is_no_task():
    from nlp.tasks import _label_over_verbless_value

    texts = _task_texts(QUOTA_PLAN)
    assert not any("Không quá 03 cá nhân" in t or "01 cá nhân/01 tổ" in t for t in texts), texts
    assert not any(t.startswith("Đoàn chấm thi") for t in texts), texts
    assert any(t.startswith("Sở Giáo dục và Đào tạo: Tổng hợp danh sách") for t in texts), texts
    for text, expected in (
        ("Hội đồng thi của huyện: Không quá 02 tập thể;", True),
        ("Tổ kiểm tra: Tổ trưởng là Phó Chủ tịch UBND xã;", True),
        ("Công an huyện: Bảo đảm an ninh trật tự tại các điểm thi;", False),
        ("Phương pháp: Kết hợp kiểm tra hồ sơ và làm việc trực tiếp;", False),
        ("Tổ kiểm tra là đầu mối tổng hợp kết quả.", False),  # no label: decided elsewhere
        ("Địa điểm: Buổi tập huấn được tổ chức tại hội trường xã.", True),  # a passive description
        ("Về tổng kết: Hội nghị được tổ chức cuối năm. Sở Nội vụ chủ trì chuẩn bị báo cáo.", False),
    ):
        assert _label_over_verbless_value(text, 0, len(text)) is expected, text


POINTER_PLAN = """ỦY BAN NHÂN DÂN HUYỆN Y
Số: 40/KH-UBND
Y, ngày 10 tháng 5 năm 2025
KẾ HOẠCH
Tuyên truyền phòng chống thiên tai
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp chủ trì tổ chức tập huấn cho các xã trong tháng 6/2025.
2. Thực hiện theo các bước tại mục II của Kế hoạch này.
3. Thực hiện theo dõi việc sơ tán dân tại các xã ven sông.
"""


def test_a_point_that_only_points_to_another_part_is_no_task():
    from nlp.tasks import only_points_elsewhere

    texts = _task_texts(POINTER_PLAN)
    assert not any(t.startswith("Thực hiện theo các bước") for t in texts), texts
    assert any(t.startswith("Thực hiện theo dõi việc sơ tán") for t in texts), texts
    assert any(t.startswith("Phòng Nông nghiệp chủ trì") for t in texts), texts
    for body, expected in (
        ("Thực hiện theo quy định tại Điều 4 Thông tư số 12/2024/TT-BTC.", True),
        ("Thực hiện theo dõi, đôn đốc các đơn vị.", False),  # "theo dõi": to monitor
        ("Thực hiện theo hướng dẫn; báo cáo kết quả về Sở Nội vụ.", False),  # a second clause acts
        ("Sở Tài chính thực hiện theo quy định.", False),  # names its subject: decided elsewhere
    ):
        assert only_points_elsewhere(body) is expected, body


def test_inline_points_completing_the_lead_are_no_list():
    """A lead waiting for its complement (ends on 'về', 'bao gồm', ... or inside a bracket it
    opened) takes the inline points as its object: one sentence, no sub-tasks."""
    from nlp.tasks import inline_items

    for text in (
        "Giao Sở Tư pháp chủ trì nghiên cứu, xây dựng đề án trình Ủy ban nhân dân tỉnh về: (1) Rà soát "
        "thủ tục hành chính. (2) Sắp xếp lại các tổ chức hành nghề công chứng.",
        "Sở Nội vụ hoàn thiện phương án sắp xếp (trong đó: (a) Đối với thôn: cần rà soát quy mô. "
        "(b) Đối với tổ dân phố: cần rà soát dân số).",
        "Kinh phí thực hiện bao gồm: (i) Nguồn ngân sách tỉnh; (ii) Nguồn xã hội hóa hợp pháp khác.",
    ):
        assert inline_items(text, 0, len(text)) is None, text
    # a lead that names the doer, or a finished action, still splits
    doer = "Giao Sở Tư pháp: (1) Rà soát thủ tục hành chính. (2) Sắp xếp lại tổ chức hành nghề công chứng."
    assert len(inline_items(doer, 0, len(doer))[1]) == 2


OBJECT_LEAD_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH HÒA
Số: 12/KH-UBND
Khánh Hòa, ngày 05 tháng 5 năm 2025
KẾ HOẠCH
Sắp xếp các tổ chức hành nghề
I. NHIỆM VỤ
1. Giao Sở Tư pháp chủ trì nghiên cứu, xây dựng đề án trình Ủy ban nhân dân tỉnh về: (1) Rà soát thủ tục hành chính. (2) Sắp xếp lại các tổ chức hành nghề công chứng.
II. NGUỒN LỰC THỰC HIỆN
1. Nguồn lực thực hiện Kế hoạch bao gồm: (i) Nguồn ngân sách tỉnh theo phân cấp; (ii) Nguồn vốn xã hội hóa hợp pháp khác.
"""


def test_an_object_list_is_one_task_and_a_list_of_sources_none():
    texts = _task_texts(OBJECT_LEAD_PLAN)
    assert len(texts) == 1 and texts[0].startswith("Giao Sở Tư pháp chủ trì") and "(2) Sắp xếp" in texts[0]


def test_names_plan_part():
    from nlp.tasks import names_plan_part

    assert names_plan_part("Tổ chức thực hiện.")
    assert names_plan_part("**Kinh phí thực hiện.**")
    assert names_plan_part("THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC HỘI NGHỊ")
    assert not names_plan_part("Tổ chức thực hiện các nội dung của Kế hoạch.")
    assert not names_plan_part("Sở Y tế:")


PLAN_PART_HEADINGS = """ỦY BAN NHÂN DÂN
TỈNH PHÚ YÊN
Số: 31/KH-UBND
Phú Yên, ngày 05 tháng 5 năm 2025
KẾ HOẠCH
Tổ chức hội nghị tập huấn
I. THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC HỘI NGHỊ
1. Thời gian: Trong tháng 6 năm 2025.
2. Địa điểm: Hội trường Ủy ban nhân dân tỉnh.
II. Tổ chức thực hiện.
1. Sở Tư pháp:
- Chuẩn bị tài liệu tập huấn cho các đại biểu tham dự hội nghị.
- Mời báo cáo viên và bố trí hội trường.
"""


def test_a_plan_parts_name_is_no_task():
    texts = _task_texts(PLAN_PART_HEADINGS)
    assert texts == ["Chuẩn bị tài liệu tập huấn cho các đại biểu tham dự hội nghị.", "Mời báo cáo viên và bố trí hội trường."], texts


def test_long_capital_heading_keeps_its_assessment_kind():
    """A report part in capitals names its kind however long it is: its findings are no tasks,
    while the plan part after it still gives tasks (own sentences)."""
    import ingest
    from nlp import extract
    from nlp.tasks import _kind_of_heading

    long_caps = "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN THỦY SẢN, LÂM NGHIỆP VÀ THU CHI NGÂN SÁCH CỦA HUYỆN NĂM 2024"
    assert len(long_caps.split()) > 16
    assert _kind_of_heading(long_caps) == "assessment"
    assert _kind_of_heading("Tình hình thực hiện kế hoạch phát triển thủy sản, lâm nghiệp và thu chi ngân sách của huyện") is None
    text = """ỦY BAN NHÂN DÂN HUYỆN NAM SƠN
Số: 45/KH-UBND
Nam Sơn, ngày 02 tháng 4 năm 2025
KẾ HOẠCH
Phát triển thủy sản năm 2025
I. TÌNH HÌNH THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN THỦY SẢN, LÂM NGHIỆP VÀ THU CHI NGÂN SÁCH CỦA HUYỆN NĂM 2024
1. Kết quả sản xuất
- Sản lượng nuôi trồng thủy sản ước đạt 12.000 tấn, tăng 5% so với cùng kỳ.
- Hoạt động khuyến ngư tiếp tục được quan tâm, tổ chức 12 lớp tập huấn cho nông dân.
II. NHIỆM VỤ NĂM 2025
1. Phòng Nông nghiệp chủ trì rà soát quy hoạch vùng nuôi, báo cáo Ủy ban nhân dân huyện.
2. Tổ chức tập huấn kỹ thuật nuôi tôm cho các hộ nuôi.
"""
    tasks = extract(ingest.parse_text(text, filename="kh.txt")).tasks
    texts = [t.text for t in tasks]
    assert not any("Sản lượng nuôi trồng" in t or "Hoạt động khuyến ngư" in t for t in texts)
    assert any(t.startswith("Phòng Nông nghiệp chủ trì rà soát") for t in texts)
    assert any(t.startswith("Tổ chức tập huấn kỹ thuật") for t in texts)
