"""Attribute lines of plan items (``- Cơ quan chủ trì: ...``): our own sentences."""

import pytest

import ingest
from nlp import extract
from nlp.fields import field_at, field_owners, is_deadline_sentence

# fmt: off
FIELDS = [
    ("Cơ quan chủ trì: Sở Tài chính.", "owner", "Sở Tài chính."),
    ("Đơn vị thực hiện: UBND các huyện, thị xã, thành phố.", "owner", "UBND các huyện, thị xã, thành phố."),
    ("**Chủ trì:** Bộ Y tế", "owner", "Bộ Y tế"),
    ("Cơ quan phối hợp: Sở Nội vụ và Công an tỉnh.", "co_owner", "Sở Nội vụ và Công an tỉnh."),
    ("Thời hạn ban hành: trước ngày 30/6/2026.", "deadline", "trước ngày 30/6/2026."),
    ("Tiến độ: Năm 2027", "deadline", "Năm 2027"),
    ("Sản phẩm: Quyết định của UBND tỉnh.", "other", "Quyết định của UBND tỉnh."),
    ("Kinh phí thực hiện: ngân sách tỉnh.", "other", "ngân sách tỉnh."),
    # negatives: no colon after the label, or the label words begin a sentence
    ("Nội dung công việc phải gắn với trách nhiệm của cơ quan chủ trì.", None, None),
    ("Thời gian qua, các cơ quan đã phối hợp chặt chẽ.", None, None),
    ("Phối hợp với Sở Y tế triển khai tiêm chủng.", None, None),
    ("Cơ quan chủ trì chịu trách nhiệm trước Chủ tịch UBND tỉnh.", None, None),
]

OWNERS = [
    ("Cơ quan thực hiện: Sở Xây dựng, Sở Giao thông vận tải và các cơ quan báo chí, phát thanh, truyền hình khác.",
     ["Sở Xây dựng", "Sở Giao thông vận tải", "các cơ quan báo chí, phát thanh, truyền hình khác"]),
    ("Cơ quan thực hiện: Sở Tư pháp tiến hành rà soát văn bản; UBND các huyện rà soát văn bản thuộc thẩm quyền.",
     ["Sở Tư pháp", "UBND các huyện"]),
    # a name the gazetteer does not know ends at the role its body takes
    ("Cơ quan thực hiện: Quỹ Bảo trì đường bộ chủ trì, phối hợp với các sở, ngành liên quan.", ["Quỹ Bảo trì đường bộ"]),
    ("Đơn vị thực hiện: Nhà hát Ca múa nhạc tỉnh tiến hành xây dựng chương trình.", ["Nhà hát Ca múa nhạc tỉnh"]),
    # one person by an honorific and titles
    ("Đơn vị chủ trì: Đồng chí Phó Chủ tịch Thường trực, phụ trách công tác Dân vận",
     ["Phó Chủ tịch Thường trực, phụ trách công tác Dân vận"]),
    ("Chủ trì: Sở Y tế; phối hợp: Sở Tài chính", ["Sở Y tế"]),
    ("Cơ quan phối hợp: các sở, ban, ngành và UBND các xã, phường.", ["các sở, ban, ngành", "UBND các xã, phường"]),
]
# fmt: on


@pytest.mark.parametrize(("line", "role", "value"), FIELDS)
def test_field_at(line, role, value):
    found = field_at(line, 0)
    if role is None:
        assert found is None
    else:
        assert found is not None and found.role == role
        assert line[found.value_start : found.value_end] == value


@pytest.mark.parametrize(("line", "owners"), OWNERS)
def test_field_owners(line, owners):
    assert field_owners(line, field_at(line, 0)) == owners


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thời gian hoàn thành việc rà soát, chậm nhất ngày 20/8/2025.", True),
        ("Thời hạn báo cáo: trước ngày 15 hằng tháng.", True),
        ("Thời gian qua, công tác rà soát được chú trọng.", False),
    ],
)
def test_is_deadline_sentence(sentence, expected):
    assert is_deadline_sentence(sentence, 0, len(sentence)) is expected


PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 77/KH-UBND
Quảng Trị, ngày 05 tháng 02 năm 2026
KẾ HOẠCH
Triển khai thi hành Luật Đường bộ trên địa bàn tỉnh
I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm triển khai đồng bộ, thống nhất.
II. NỘI DUNG
1. Tổ chức hội nghị phổ biến Luật Đường bộ
- Cơ quan chủ trì: Sở Xây dựng.
- Cơ quan phối hợp: Sở Tư pháp, Công an tỉnh.
- Thời gian thực hiện: quý II/2026.
2. Rà soát văn bản quy phạm pháp luật của tỉnh
- Nội dung: rà soát các quyết định của UBND tỉnh về quản lý đường bộ.
- Cơ quan thực hiện: Sở Xây dựng chủ trì rà soát; UBND các xã, phường rà soát văn bản của địa phương.
- Thời gian thực hiện:
+ UBND các xã, phường gửi kết quả về Sở Xây dựng trước ngày 15/5/2026.
+ Sở Xây dựng tổng hợp, báo cáo UBND tỉnh trước ngày 30/6/2026.
3. Xây dựng cơ sở dữ liệu đường bộ của tỉnh
- Cơ quan chủ trì: Sở Khoa học và Công nghệ.
- Thời gian thực hiện: năm 2026 và các năm tiếp theo.
4. Kiểm tra việc thi hành Luật
- Cơ quan chủ trì: Sở Xây dựng.
- Thời gian thực hiện: năm 2026 - 2027.
III. KINH PHÍ
1. Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách hằng năm của các sở, ngành.
2. Đối với các nhiệm vụ triển khai trong năm 2026, UBND các xã, phường chủ động bố trí trong nguồn ngân sách được giao năm 2026.
IV. TỔ CHỨC THỰC HIỆN
1. Sở Xây dựng xây dựng kế hoạch chi tiết triển khai thi hành Luật. Hằng năm hoặc đột xuất báo cáo kết quả thực hiện về UBND tỉnh.
2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các sở, ngành kịp thời phản ánh về Sở Xây dựng.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn B
"""


@pytest.fixture(scope="module")
def plan_tasks():
    return extract(ingest.parse_text(PLAN)).tasks


def _task(tasks, start):
    found = [t for t in tasks if t.text.startswith(start)]
    assert len(found) == 1, [t.text for t in tasks]
    return found[0]


def test_field_lines_are_not_tasks(plan_tasks):
    labels = ("Cơ quan", "Thời gian", "Nội dung")
    assert not [t.text for t in plan_tasks if t.text.startswith(labels)]


@pytest.mark.parametrize(
    ("start", "owners", "co_owners", "deadline"),
    [
        ("Tổ chức hội nghị phổ biến", ["Sở Xây dựng"], ["Sở Tư pháp", "Công an tỉnh"], "2026-06-30"),
        # a deadline field with sub-items takes the first of their dates
        ("Rà soát văn bản quy phạm", ["Sở Xây dựng", "UBND các xã, phường"], [], "2026-05-15"),
        # a start with no end gives no deadline
        ("Xây dựng cơ sở dữ liệu", ["Sở Khoa học và Công nghệ"], [], None),
        ("Kiểm tra việc thi hành", ["Sở Xây dựng"], [], "2027-12-31"),
    ],
)
def test_item_with_fields_is_the_task(plan_tasks, start, owners, co_owners, deadline):
    task = _task(plan_tasks, start)
    assert [o.name for o in task.owners] == owners
    assert [o.name for o in task.co_owners] == co_owners
    assert (task.deadline.date if task.deadline else None) == deadline


def test_sub_items_with_own_actor_stay_tasks(plan_tasks):
    assert _task(plan_tasks, "UBND các xã, phường gửi kết quả").deadline.date == "2026-05-15"
    assert [o.name for o in _task(plan_tasks, "Sở Xây dựng tổng hợp").owners] == ["Sở Xây dựng"]


def test_funding_statement_is_not_a_task_but_funding_instruction_is(plan_tasks):
    assert not [t for t in plan_tasks if t.text.startswith("Kinh phí thực hiện")]
    task = _task(plan_tasks, "Đối với các nhiệm vụ")
    assert [o.name for o in task.owners] == ["UBND các xã, phường"]
    assert task.deadline is None  # the scope clause's year and the budget year are not deadlines


def test_scheduled_report_sentence_is_its_own_task(plan_tasks):
    task = _task(plan_tasks, "Hằng năm hoặc đột xuất báo cáo")
    assert [o.name for o in task.owners] == ["Sở Xây dựng"]
    assert task.recurrence == "Hằng năm"


def test_request_after_intro_clause(plan_tasks):
    assert [o.name for o in _task(plan_tasks, "Trong quá trình thực hiện").owners] == ["các sở, ngành"]


NOTICE = """HUYỆN ỦY CAM LÂM
Số 12-TB/HU
Cam Lâm, ngày 03 tháng 4 năm 2024
THÔNG BÁO
Về việc triển khai Kết luận của Ban Bí thư
-----
Ngày 01/4/2024, Ban Thường vụ Huyện ủy đã nghe báo cáo tình hình triển khai Kết luận của Ban Bí thư.
Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ, đảng bộ cơ sở, Mặt trận và các đoàn thể huyện tổ chức quán triệt Kết luận đến cán bộ, đảng viên.
Thời gian hoàn thành việc quán triệt, chậm nhất ngày 30/4/2024 và báo cáo kết quả về Ban Thường vụ Huyện ủy.
Thời gian qua, công tác tuyên truyền được chú trọng.
"""


def test_deadline_sentence_dates_the_task_before_it_and_is_a_task_when_it_asks_more():
    tasks = extract(ingest.parse_text(NOTICE)).tasks
    first, second = tasks[0], tasks[1]
    assert first.text.startswith("Ban Thường vụ Huyện ủy đề nghị")
    assert [o.name for o in first.owners] == ["cấp ủy các chi bộ, đảng bộ cơ sở", "Mặt trận", "các đoàn thể huyện"]
    assert first.deadline.date == "2024-04-30"
    assert second.text.startswith("Thời gian hoàn thành")
    assert [o.name for o in second.owners] == [o.name for o in first.owners]
    assert len(tasks) == 2  # the background sentence is not a task


def test_deadline_sentence_without_action_only_dates():
    text = NOTICE.replace(" và báo cáo kết quả về Ban Thường vụ Huyện ủy.", ".")
    tasks = extract(ingest.parse_text(text)).tasks
    assert len(tasks) == 1 and tasks[0].deadline.date == "2024-04-30"


def test_inline_fields_inside_an_item_paragraph():
    from nlp.fields import inline_fields

    text = ("Rà soát, đơn giản hóa thủ tục hành chính. Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: "
            "các sở, ngành; thời gian hoàn thành: quý II/2025.")
    found = inline_fields(text, 0, len(text))
    assert [(f.role, text[f.value_start:f.value_end]) for f in found] == [
        ("owner", "Sở Tư pháp"), ("co_owner", "các sở, ngành"), ("deadline", "quý II/2025")]
    # a paragraph that opens with a label, or holds none, has no inline fields
    assert inline_fields("Cơ quan chủ trì: Sở Tư pháp.", 0, 28) == []
    plain = "Sở Tư pháp chủ trì rà soát; phối hợp với Sở Nội vụ."
    assert inline_fields(plain, 0, len(plain)) == []


def test_a_wrapped_owner_label_with_emphasis_inside_an_item():
    from nlp.fields import inline_fields

    text = "Ra mắt AI pháp luật hỗ trợ cán bộ.\n\n*Đơn vị chủ trì tham mưu thực\nhiện: *Sở Khoa học và Công nghệ."
    found = inline_fields(text, 0, len(text))
    assert [(f.role, text[f.value_start:f.value_end]) for f in found] == [("owner", "Sở Khoa học và Công nghệ")]


def _label_parts() -> dict:
    import json

    from nlp import lexicon

    return json.loads((lexicon.DATA_DIR / "field_label_parts.json").read_text(encoding="utf-8"))


def test_composed_label_examples_are_owner_or_co_owner_lines_and_counter_examples_are_none():
    from nlp.fields import field_at

    data = _label_parts()
    for line in data["examples"]:
        found = field_at(line, 0)
        assert found is not None and found.role in ("owner", "co_owner"), line
    for line in data["counter_examples"]:
        assert field_at(line, 0) is None, line


@pytest.mark.parametrize(
    ("line", "role", "value"),
    [
        ("Cơ quan thực hiện chính: Sở Giao thông vận tải", "owner", "Sở Giao thông vận tải"),
        ("**Đơn vị phụ trách:** Trung tâm Y tế huyện", "owner", "Trung tâm Y tế huyện"),
        ("Cơ quan, đơn vị được giao chủ trì: Ban Dân tộc tỉnh", "owner", "Ban Dân tộc tỉnh"),
        ("Đơn vị đầu mối: Văn phòng Điều phối nông thôn mới", "owner", "Văn phòng Điều phối nông thôn mới"),
        ("Cơ quan, địa phương tham gia: các xã vùng biên giới", "co_owner", "các xã vùng biên giới"),
    ],
)
def test_a_label_made_of_holder_and_role_is_read_as_written(line, role, value):
    from nlp.fields import field_at

    found = field_at(line, 0)
    assert found is not None and found.role == role
    assert line[found.value_start : found.value_end] == value


def test_composed_owner_lines_own_the_item_above():
    import ingest
    from nlp import extract

    doc = """ỦY BAN NHÂN DÂN TỈNH BÌNH MINH
Số: 21/KH-UBND
Bình Minh, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Phát triển du lịch cộng đồng năm 2026
II. NHIỆM VỤ
1. Xây dựng bộ tiêu chí điểm du lịch cộng đồng.
- Cơ quan thực hiện chính: Sở Văn hóa, Thể thao và Du lịch
- Đơn vị tham gia: Ủy ban nhân dân các xã
- Thời gian hoàn thành: Quý III/2026
2. Tổ chức tập huấn cho hộ làm du lịch.
- Đơn vị phụ trách: Trung tâm Xúc tiến Du lịch tỉnh
- Thời gian hoàn thành: Quý IV/2026
"""
    tasks = extract(ingest.parse_text(doc, filename="kh.txt")).tasks
    by_text = {t.text[:20]: t for t in tasks}
    first = by_text["Xây dựng bộ tiêu chí"]
    assert [o.name for o in first.owners] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert [o.name for o in first.co_owners] == ["Ủy ban nhân dân các xã"]
    assert [o.name for o in by_text["Tổ chức tập huấn cho"].owners] == ["Trung tâm Xúc tiến Du lịch tỉnh"]
