"""Lead-ins over sub-items (GUIDELINES: one task per leaf item; a heading with sub-items is a
task only when it carries an instruction of its own). Our own sentences, other bodies."""

import pytest

import ingest
from nlp import extract
from nlp.tasks import work_heading_over_points

_HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG BÌNH
Số: 77/KH-UBND
Quảng Bình, ngày 12 tháng 5 năm 2025
KẾ HOẠCH
Số hóa hồ sơ học sinh năm 2025
I. NHIỆM VỤ
"""
_TAIL = """II. TỔ CHỨC THỰC HIỆN
Sở Giáo dục và Đào tạo theo dõi, đôn đốc, định kỳ báo cáo UBND tỉnh.
Nơi nhận:
- Lưu: VT.
"""


def _texts(body: str) -> list[str]:
    return [t.text for t in extract(ingest.parse_text(_HEAD + body + _TAIL, filename="kh.txt")).tasks]


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a short action line over its sub-tasks names the work they detail
    ("Xây dựng, phát triển hệ thống quản lý hồ sơ học sinh của các trường phổ thông:", True),
    ("Tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh quyết định:", True),
    ("Tổ chức kiểm tra việc số hóa hồ sơ tại các trường thông qua các hoạt động sau:", True),
    # an instruction of its own: a sentence before the list, a marker, the particulars of it
    ("Rà soát toàn bộ hồ sơ học sinh trước ngày 30/9/2025. Nhóm rà soát có trách nhiệm sau đây:", False),
    ("Triển khai số hóa hồ sơ tại tất cả các trường trong năm học, trong đó:", False),
    ("Tuyên truyền về lợi ích của việc số hóa hồ sơ học sinh tới phụ huynh, cụ thể:", False),
    # a body that acts, or no list lead-in at all
    ("Sở Giáo dục và Đào tạo phối hợp với Sở Khoa học và Công nghệ để tổ chức số hóa:", False),
    ("Xây dựng hệ thống quản lý hồ sơ học sinh.", False),
])
# fmt: on
def test_work_heading_over_points(text, expected):
    assert work_heading_over_points(text, 0, len(text)) is expected


def test_a_long_leadin_carries_an_instruction_of_its_own():
    text = ("Tập trung chỉ đạo các trường phổ thông trên địa bàn khẩn trương hoàn thành việc số hóa hồ sơ "
            "học sinh, bảo đảm đầy đủ, chính xác, đúng tiến độ, gắn với việc cập nhật cơ sở dữ liệu ngành "
            "và báo cáo kết quả về Sở trước ngày 15 hằng tháng:")
    assert len(text.split()) >= 40
    assert work_heading_over_points(text, 0, len(text)) is False


def test_the_points_under_a_work_heading_are_the_tasks_not_the_heading():
    texts = _texts(
        "1. Xây dựng, phát triển hệ thống quản lý hồ sơ học sinh của các trường phổ thông:\n"
        "a) Rà soát, chuẩn hóa dữ liệu hồ sơ học sinh trên toàn tỉnh.\n"
        "b) Tổ chức kết nối dữ liệu hồ sơ với cơ sở dữ liệu của ngành giáo dục.\n"
    )
    assert not any(t.startswith("Xây dựng, phát triển") for t in texts)
    assert any(t.startswith("Rà soát, chuẩn hóa") for t in texts)
    assert any(t.startswith("Tổ chức kết nối") for t in texts)


def test_a_leadin_with_its_particulars_stays_a_task():
    texts = _texts(
        "1. Tuyên truyền về lợi ích của việc số hóa hồ sơ học sinh tới phụ huynh, cụ thể:\n"
        "a) Về quyền lợi: phụ huynh tra cứu kết quả học tập trực tuyến.\n"
        "b) Về thủ tục: giảm giấy tờ khi chuyển trường.\n"
    )
    assert any(t.startswith("Tuyên truyền về lợi ích") for t in texts)


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a label naming who attends, where, how or by which rule: its value describes the activity
    ("Thành phần: Lãnh đạo UBND tỉnh; đại diện lãnh đạo các sở, ban, ngành; thí sinh dự thi.", True),
    ("Khách mời: Đại diện Văn phòng Chính phủ, các cơ quan báo chí.", True),
    ("Địa điểm tổ chức Hội thi: Hội trường Trung tâm Hội nghị tỉnh.", True),
    ("Phương pháp: Kết hợp chấm điểm trực tuyến và chấm điểm trực tiếp.", True),
    ("Nguyên tắc tổ chức: Bảo đảm công khai, minh bạch, khách quan, đúng quy định.", True),
    # unless the value asks a body to act; other labels name the work itself
    ("Địa điểm: Đề nghị Ủy ban nhân dân xã Tân Lập bố trí hội trường và trang thiết bị.", False),
    ("Nội dung: Sở Nội vụ phối hợp với Sở Tư pháp biên soạn bộ câu hỏi thi.", False),
    ("Thành phần hồ sơ được rà soát, cắt giảm theo quy định.", False),
])
# fmt: on
def test_attribute_label(text, expected):
    from nlp.tasks import attribute_label

    assert attribute_label(text, 0, len(text)) is expected


def test_points_that_describe_the_activity_are_no_tasks():
    texts = _texts(
        "1. Sở Nội vụ chủ trì tổ chức Hội thi cải cách hành chính trong tháng 9/2025.\n"
        "2. Thành phần: Lãnh đạo UBND tỉnh; đại diện lãnh đạo các sở, ban, ngành; thí sinh dự thi.\n"
        "3. Nguyên tắc tổ chức: Bảo đảm công khai, minh bạch, khách quan, đúng quy định.\n"
        "4. Sở Tài chính thẩm định dự toán kinh phí tổ chức Hội thi.\n"
    )
    assert not any(t.startswith(("Thành phần", "Nguyên tắc")) for t in texts)
    assert any(t.startswith("Sở Nội vụ chủ trì") for t in texts)
    assert any(t.startswith("Sở Tài chính thẩm định") for t in texts)


def test_a_body_named_over_its_own_tasks_is_no_task_of_its_own():
    texts = _texts(
        "1. Các cơ quan, đơn vị có liên quan đến công tác tổ chức Hội thi:\n"
        "a) Cử thí sinh tham dự Hội thi đúng thời gian quy định.\n"
        "b) Bố trí kinh phí cho thí sinh tham dự.\n"
        "2. Sở Văn hóa và Thể thao chủ trì, phối hợp với các đơn vị liên quan thực hiện các hoạt động như:\n"
        "a) Tổ chức tuyên truyền trên cổng thông tin điện tử của tỉnh.\n"
        "b) Xây dựng phóng sự về kết quả số hóa hồ sơ.\n"
    )
    assert not any(t.startswith(("Các cơ quan, đơn vị có liên quan", "Sở Văn hóa và Thể thao chủ trì")) for t in texts)
    assert {"Cử thí sinh tham dự Hội thi đúng thời gian quy định.", "Bố trí kinh phí cho thí sinh tham dự.",
            "Tổ chức tuyên truyền trên cổng thông tin điện tử của tỉnh."} <= set(texts)


def test_a_body_named_over_points_that_are_no_actions_stays_the_task():
    texts = _texts(
        "1. Ban Thường trực Ủy ban Mặt trận Tổ quốc xã trao đổi với các trường để tổ chức hội nghị phụ huynh:\n"
        "- Thời gian, địa điểm tổ chức hội nghị phụ huynh\n"
        "- Danh sách phụ huynh được mời dự hội nghị\n"
    )
    assert any(t.startswith("Ban Thường trực Ủy ban Mặt trận Tổ quốc xã trao đổi") for t in texts)


def test_a_work_heading_over_paragraphs_is_no_task_either():
    texts = _texts(
        "1. Xây dựng, phát triển nền tảng quản lý hồ sơ học sinh dùng chung:\n"
        "Rà soát, chuẩn hóa dữ liệu hồ sơ học sinh của các trường phổ thông trên địa bàn.\n"
        "Tổ chức kết nối nền tảng với cơ sở dữ liệu của ngành giáo dục.\n"
    )
    assert not any(t.startswith("Xây dựng, phát triển nền tảng") for t in texts)
    assert any(t.startswith("Rà soát, chuẩn hóa dữ liệu") for t in texts)


def test_a_situation_section_is_background_not_tasks():
    texts = _texts(
        "1. Sở Giáo dục và Đào tạo rà soát mạng lưới trường mầm non.\n"
        "II. THỰC TRẠNG CÔNG TÁC SỐ HÓA HỒ SƠ\n"
        "1. Toàn tỉnh có 120 trường phổ thông, trong đó 30 trường đã số hóa hồ sơ học sinh.\n"
        "2. Một số trường chưa quan tâm đầu tư trang thiết bị, thiếu nhân lực công nghệ thông tin.\n"
    )
    assert any(t.startswith("Sở Giáo dục và Đào tạo rà soát") for t in texts)
    assert not any(t.startswith(("Toàn tỉnh có", "Một số trường chưa")) for t in texts)


def test_a_point_opening_with_a_verb_the_cue_list_lacks_is_a_task():
    texts = _texts(
        "1. Sở Giáo dục và Đào tạo rà soát mạng lưới trường phổ thông.\n"
        "2. Các bước số hóa hồ sơ\n"
        "a) Tham vấn các trường về danh mục hồ sơ cần số hóa.\n"
        "b) Chọn ngẫu nhiên 05 trường để thử nghiệm quy trình.\n"
        "c) Infographic hồ sơ;\n"
        "d) Hồ sơ học sinh và hồ sơ giáo viên.\n"
    )
    assert any(t.startswith("Tham vấn các trường") for t in texts)
    assert any(t.startswith("Chọn ngẫu nhiên 05 trường") for t in texts)
    assert not any(t.startswith(("Infographic", "Hồ sơ học sinh")) for t in texts)  # a name, a noun point
