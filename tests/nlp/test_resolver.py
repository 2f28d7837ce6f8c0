"""The resolver's rules one by one, on sentences and small documents of our own."""

import pytest

import ingest
from nlp import extract
from nlp.fields import field_at
from nlp.resolve import DocContext, heading_owners, leadin_subject, sibling_label_name
from nlp.resolver import (
    OWNER_RULES,
    TIME_RULES,
    Item,
    Scope,
    clause_subject,
    explicit_subject,
    field_deadline,
    field_line,
    heading,
    issuer,
    lead_in,
    own_phrase,
    partner_heading,
    programme,
    programme_year,
    resolve_deadline,
    resolve_owners,
)


def _item(text: str, **kw) -> Item:
    return Item(text=text, start=0, end=len(text), **kw)


def _sections(text: str):
    return list(ingest.parse_text(text, filename="x.txt").sections)


def test_rule_order_is_the_documented_one():
    assert [name for name, _ in OWNER_RULES] == [
        "partner_heading", "presented_request", "explicit_subject", "clause_subject", "opening_subject",
        "closing_parenthetical", "previous_sentence", "field_line", "heading",
        "lead_in", "programme", "addressee", "issuer",
    ]
    assert [name for name, _ in TIME_RULES] == ["field_line", "own_phrase", "heading", "lead_in", "programme_year"]


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    ("Sở Tư pháp rà soát các văn bản quy phạm pháp luật.", ["Sở Tư pháp"]),
    ("Giao Công an tỉnh chủ trì kiểm tra.", ["Công an tỉnh"]),
    ("UBND tỉnh đề nghị Hội Nông dân tỉnh vận động hội viên.", ["Hội Nông dân tỉnh"]),
    ("Tăng cường tuần tra, kiểm soát.", None),
])
# fmt: on
def test_explicit_subject(text, expected):
    found = explicit_subject(_item(text), DocContext())
    assert (found.owners if found else None) == expected


def test_explicit_subject_takes_what_the_segmenter_found():
    found = explicit_subject(_item("Tăng cường tuần tra.", stated=["Chi cục Kiểm lâm"]), DocContext())
    assert found is not None and found.owners == ["Chi cục Kiểm lâm"]


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    ("Đối với các dự án chậm tiến độ, Sở Xây dựng chủ động kiểm tra, đôn đốc.", ["Sở Xây dựng"]),
    ("Trong quá trình thực hiện, nếu có vướng mắc, đề nghị UBND các huyện báo cáo Sở Tư pháp.", ["UBND các huyện"]),
    ("Để bảo đảm an toàn, trong mùa khô, mỗi chủ rừng phải xây dựng phương án.", ["chủ rừng"]),
    # a short leading phrase of time, place or schedule, then the subject and its predicate
    ("Trong quý II/2025, Sở Y tế chủ trì tổ chức tập huấn.", ["Sở Y tế"]),
    ("Từ nay đến hết năm 2025, Công an tỉnh tăng cường tuần tra.", ["Công an tỉnh"]),
    ("Trên địa bàn tỉnh, Ban Chỉ đạo tỉnh chỉ đạo thực hiện.", ["Ban Chỉ đạo tỉnh"]),
    ("Định kỳ 6 tháng, năm, UBND các huyện báo cáo kết quả.", ["UBND các huyện"]),
    # an action opens the text: what follows its comma is no subject of the task
    ("Tăng cường kiểm tra, giám sát, Sở Y tế chủ trì.", None),
    ("Sở Tài chính bố trí kinh phí.", None),  # a subject at the start is explicit, not a clause subject
])
# fmt: on
def test_clause_subject(text, expected):
    found = clause_subject(_item(text), DocContext())
    assert (found.owners if found else None) == expected


def test_field_line_owner_and_deadline():
    text = "Rà soát quy hoạch.\nCơ quan chủ trì: Sở Xây dựng.\nThời gian hoàn thành: tháng 10/2024."
    lines = []
    pos = 0
    for line in text.split("\n"):
        f = field_at(text, pos, pos + len(line))
        if f:
            lines.append((f, pos + len(line)))
        pos += len(line) + 1
    item = Item(text=text, start=0, end=18, fields=lines, doc_year=2024)
    assert field_line(item, DocContext()).owners == ["Sở Xây dựng"]
    assert field_deadline(item, DocContext()).deadline.date == "2024-10-31"


def test_field_line_without_a_date_decides_no_deadline():
    text = "Rà soát quy hoạch trong năm 2024.\nThời gian thực hiện: thường xuyên."
    f = field_at(text, 34, len(text))
    decision = resolve_deadline(Item(text=text, start=0, end=33, fields=[(f, len(text))]), DocContext())
    assert decision.rule == "field_line" and decision.deadline is None


# fmt: off
HEADINGS = [
    ("Tổ công tác liên ngành tỉnh", ["Tổ công tác liên ngành tỉnh"]),
    ("**Thường trực Hội đồng nhân dân tỉnh**", ["Thường trực Hội đồng nhân dân tỉnh"]),
    ("Sở Nông nghiệp và Môi trường:", ["Sở Nông nghiệp và Môi trường"]),
    ("Ban Quản lý các khu công nghiệp tỉnh:", ["Ban Quản lý các khu công nghiệp tỉnh"]),
    ("Để thực hiện mục tiêu trên, bên cạnh nhiệm vụ thường xuyên, các sở, ban, ngành và UBND các huyện "
     "cần triển khai các nhiệm vụ sau:", ["các sở, ban, ngành", "UBND các huyện"]),
    ("Để triển khai kịp thời, Sở Y tế yêu cầu Trung tâm Y tế các huyện thực hiện các nội dung sau:",
     ["Trung tâm Y tế các huyện"]),
    ("Trách nhiệm của các sở, ban, ngành:", ["các sở, ban, ngành"]),
    ("Nhiệm vụ của Ủy ban nhân dân các huyện", ["Ủy ban nhân dân các huyện"]),
    ("Phân công nhiệm vụ cho Công an tỉnh", ["Công an tỉnh"]),
    ("Vụ Phổ biến, giáo dục pháp luật", ["Vụ Phổ biến, giáo dục pháp luật"]),
    ("Các chi bộ trực thuộc", ["Các chi bộ trực thuộc"]),
    # "X yêu cầu Y ...:": the objects own the list, not the one who asks
    ("Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, Chủ tịch UBND các huyện thực hiện các nhiệm vụ sau:",
     ["Giám đốc các sở", "Chủ tịch UBND các huyện"]),
    # an issuing or reporting subject hands nothing down; no colon, no lead-in
    ("Thực hiện Nghị quyết số 12, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", []),
    ("Để thực hiện mục tiêu trên, các sở cần triển khai các nhiệm vụ", []),
    ("Nhiệm vụ cụ thể", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), HEADINGS)
def test_heading_owners_from_structure(text, expected):
    assert heading_owners(text) == expected


def test_leadin_subject_needs_a_predicate_after_the_subject():
    text = "Trong thời gian tới, các sở, ngành và địa phương:"
    assert leadin_subject(text, 0, len(text)) == []


HEADED = """KẾ HOẠCH
Phòng cháy rừng năm 2024
I. NHIỆM VỤ
1. Tổ công tác liên ngành tỉnh
- Kiểm tra các cơ sở chế biến lâm sản.
2. Sở Y tế phối hợp với:
- Công an tỉnh kiểm tra an toàn thực phẩm.
"""


def test_heading_and_partner_heading_rules():
    secs = _sections(HEADED)
    by_path = {s.path: s for s in secs}
    first = next(s for s in secs if s.heading.startswith("Kiểm tra"))
    item = Item(text=HEADED, start=first.text_start, end=first.text_end,
                headings=[by_path["I"], by_path["I.1"]])
    assert heading(item, DocContext()).owners == ["Tổ công tác liên ngành tỉnh"]
    assert heading(item, DocContext()).source == "I.1"
    assert partner_heading(item, DocContext()) is None
    second = next(s for s in secs if s.heading.startswith("Công an"))
    item = Item(text=HEADED, start=second.text_start, end=second.text_end,
                headings=[by_path["I"], by_path["I.2"]])
    decision = resolve_owners(item, DocContext())
    assert (decision.rule, decision.owners, decision.co_owners) == ("partner_heading", ["Sở Y tế"], ["Công an tỉnh"])


def test_lead_in_programme_and_issuer_rules_in_order():
    item = _item("Tăng cường tuyên truyền.", lead_in=Scope(("Sở Tư pháp",), "lead-in"), in_programme=True)
    ctx = DocContext(issuer="Đảng ủy Bộ Tư pháp", party_plan=True, programme_owners=["Vụ Pháp chế"])
    assert lead_in(item, ctx).owners == ["Sở Tư pháp"]
    assert programme(item, ctx).owners == ["Vụ Pháp chế"]
    assert issuer(item, ctx).owners == ["Đảng ủy Bộ Tư pháp"]
    assert resolve_owners(item, ctx).rule == "lead_in"
    item.lead_in = None
    assert resolve_owners(item, ctx).rule == "programme"
    item.in_programme = False
    assert resolve_owners(item, ctx).rule == "issuer"
    assert resolve_owners(item, DocContext()).rule == "none"


def test_time_rules_own_phrase_then_programme_year():
    ctx = DocContext(programme_year=2024)
    own = _item("Tổ chức diễn tập trong quý II/2024.", in_programme=True)
    assert own_phrase(own, ctx).deadline.date == "2024-06-30"
    assert resolve_deadline(own, ctx).rule == "own_phrase"
    bare = _item("Tổ chức diễn tập.", in_programme=True)
    assert own_phrase(bare, ctx) is None
    assert programme_year(bare, ctx).deadline.date == "2024-12-31"
    assert resolve_deadline(_item("Tổ chức diễn tập."), ctx).rule == "none"


PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 12/KH-UBND
Quảng Trị, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Phòng cháy, chữa cháy rừng năm 2024
I. MỤC ĐÍCH, YÊU CẦU
1. Chủ động phòng ngừa cháy rừng.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Nhiệm vụ chung
Để thực hiện mục tiêu trên, bên cạnh nhiệm vụ thường xuyên, các sở, ban, ngành và UBND các huyện cần triển khai các nhiệm vụ sau:
- Tăng cường tuyên truyền về phòng cháy rừng.
- Kiểm tra các khu rừng có nguy cơ cháy cao trước ngày 30/4/2024.
2. Nhiệm vụ cụ thể
a) Tổ công tác liên ngành tỉnh
- Kiểm tra định kỳ các cơ sở chế biến lâm sản.
**b) Thường trực Hội đồng nhân dân tỉnh**
- Giám sát việc thực hiện Kế hoạch.
c) Sở Nông nghiệp và Môi trường:
- Tổ chức diễn tập chữa cháy rừng trong quý II/2024.
III. TỔ CHỨC THỰC HIỆN
1. Rà soát quy hoạch ba loại rừng.
Cơ quan chủ trì: Sở Tài chính.
Cơ quan phối hợp: Sở Xây dựng.
Thời gian thực hiện: tháng 10/2024.
2. Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def test_plan_owners_from_structure():
    tasks = extract(ingest.parse_text(PLAN, filename="kh.txt")).tasks
    owners = {t.text[:24]: [o.name for o in t.owners] for t in tasks}
    assert owners["Tăng cường tuyên truyền "] == ["các sở, ban, ngành", "UBND các huyện"]
    assert owners["Kiểm tra các khu rừng có"] == ["các sở, ban, ngành", "UBND các huyện"]
    assert owners["Kiểm tra định kỳ các cơ "] == ["Tổ công tác liên ngành tỉnh"]
    assert owners["Giám sát việc thực hiện "] == ["Thường trực Hội đồng nhân dân tỉnh"]
    assert owners["Tổ chức diễn tập chữa ch"] == ["Sở Nông nghiệp và Môi trường"]
    # field lines written as plain paragraphs under the item
    field_task = next(t for t in tasks if t.text.startswith("Rà soát quy hoạch"))
    assert [o.name for o in field_task.owners] == ["Sở Tài chính"]
    assert [o.name for o in field_task.co_owners] == ["Sở Xây dựng"]
    assert field_task.deadline is not None and field_task.deadline.date == "2024-10-31"
    # the lead-in and the field lines are not tasks of their own
    assert not any(t.text.startswith(("Nhiệm vụ chung", "Để thực hiện", "Cơ quan", "Thời gian")) for t in tasks)


CV = """BỘ TƯ PHÁP
Số: 10/BTP-VP
Hà Nội, ngày 02 tháng 4 năm 2025
Kính gửi: Các đơn vị thuộc Bộ.
I. CÔNG TÁC CHUNG
Để triển khai kịp thời, Bộ Tư pháp yêu cầu Cục Bổ trợ tư pháp thực hiện các nội dung sau:
1. Rà soát hồ sơ công chứng.
II. CÔNG TÁC KHÁC
1. Tổng kết công tác năm.
Nơi nhận:
- Như trên;
- Lưu: VT.
BỘ TRƯỞNG
Nguyễn Văn B
"""


def test_a_lead_in_speaks_for_its_own_section_only():
    tasks = extract(ingest.parse_text(CV, filename="cv.txt")).tasks
    owners = {t.text[:12]: [o.name for o in t.owners] for t in tasks}
    assert owners["Rà soát hồ s"] == ["Cục Bổ trợ tư pháp"]
    assert owners["Tổng kết côn"] == []


def test_items_of_a_yearly_plan_inherit_its_year():
    # the title of a Kế hoạch is written without its type word: "Phòng cháy, chữa cháy rừng năm 2024"
    tasks = extract(ingest.parse_text(PLAN, filename="kh.txt")).tasks
    dl = {t.text[:24]: (t.deadline.date if t.deadline else None) for t in tasks}
    assert dl["Kiểm tra định kỳ các cơ "] == "2024-12-31"
    assert dl["Kiểm tra các khu rừng có"] == "2024-04-30"  # its own date wins
    assert dl["Tổ chức diễn tập chữa ch"] == "2024-06-30"


PARTY_PLAN = """ĐẢNG BỘ TỈNH NINH BÌNH
ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH
Số: 15-KH/ĐU
Ninh Bình, ngày 12 tháng 4 năm 2025
KẾ HOẠCH
Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị về đại hội đảng bộ các cấp
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc nội dung Chỉ thị.
II. NHIỆM VỤ
1. Nhiệm vụ chung
- Lãnh đạo, chỉ đạo tổ chức thành công đại hội chi bộ.
2. Nhiệm vụ cụ thể
**a) Tổ đảng Văn phòng Đảng ủy**
- Tham mưu xây dựng kế hoạch tổ chức đại hội.
**b) Các chi bộ trực thuộc**
- Tổ chức đại hội chi bộ xong trước ngày 31/5/2025.
Nơi nhận:
- Như trên,
- Lưu VP.
T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn C
"""


def test_party_plan_bold_lettered_headings_own_their_items_and_the_issuer_the_rest():
    tasks = extract(ingest.parse_text(PARTY_PLAN, filename="kh.txt")).tasks
    owners = {t.text[:20]: [o.name for o in t.owners] for t in tasks}
    assert owners["Tham mưu xây dựng kế"] == ["Tổ đảng Văn phòng Đảng ủy"]
    assert owners["Tổ chức đại hội chi "] == ["Các chi bộ trực thuộc"]
    lead = next(t for t in tasks if t.text.startswith("Lãnh đạo, chỉ đạo"))
    assert lead.owners and lead.owners[0].inherited_from == "issuer"


INLINE = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 88/KH-UBND
Hải Phòng, ngày 20 tháng 2 năm 2025
KẾ HOẠCH
Cải cách hành chính năm 2025
I. NHIỆM VỤ
1. Rà soát, đơn giản hóa thủ tục hành chính. Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, ngành; thời gian hoàn thành: quý II/2025.
2. Xây dựng chính quyền số.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ.
- Thời gian thực hiện: Thường xuyên.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn D
"""


def test_fields_written_inside_the_item_and_a_time_field_without_a_date():
    tasks = extract(ingest.parse_text(INLINE, filename="kh.txt")).tasks
    first = next(t for t in tasks if t.text.startswith("Rà soát"))
    assert [o.name for o in first.owners] == ["Sở Tư pháp"]
    assert [o.name for o in first.co_owners] == ["các sở, ngành"]
    assert first.deadline is not None and first.deadline.date == "2025-06-30"
    second = next(t for t in tasks if t.text.startswith("Xây dựng chính quyền"))
    assert [o.name for o in second.owners] == ["Sở Khoa học và Công nghệ"]
    assert second.deadline is None  # "Thường xuyên": the field decides, no programme year


TIMED = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 30/KH-UBND
Hà Nam, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Tổng kết công tác dân vận giai đoạn 2020-2025
I. NHIỆM VỤ
1. Sở Nội vụ hoàn thành trước ngày 30/6/2025 các việc sau:
a) Xây dựng báo cáo tổng kết.
b) Tổ chức hội nghị tổng kết trong tháng 8/2025.
2. Sở Tư pháp rà soát văn bản trước ngày 30/4/2025. Kết quả rà soát gồm các nội dung sau:
a) Lập danh mục văn bản hết hiệu lực.
II. TỔ CHỨC THỰC HIỆN
Chậm nhất ngày 15/11/2025, các sở, ngành báo cáo các nội dung sau:
- Kết quả thực hiện Kế hoạch.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


def test_time_scope_from_headings_and_lead_ins():
    tasks = extract(ingest.parse_text(TIMED, filename="kh.txt")).tasks
    dl = {t.text[:20]: (t.deadline.date if t.deadline else None) for t in tasks}
    assert dl["Xây dựng báo cáo tổn"] == "2025-06-30"  # the heading's governed deadline
    assert dl["Tổ chức hội nghị tổn"] == "2025-08-31"  # its own phrase wins
    # a deadline in an earlier sentence of a long heading dates the heading's task only
    assert dl["Lập danh mục văn bản"] is None
    assert dl["Kết quả thực hiện Kế"] == "2025-11-15"  # the lead-in paragraph's
    owners = {t.text[:20]: [o.name for o in t.owners] for t in tasks}
    assert owners["Kết quả thực hiện Kế"] == ["các sở, ngành"]


ASSIGNING_LEADIN = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG
Số: 77/KH-UBND
Bắc Giang, ngày 01 tháng 4 năm 2025
KẾ HOẠCH
Phòng, chống ma túy năm 2025
I. TỔ CHỨC THỰC HIỆN
1. Ủy ban nhân dân các huyện, thành phố:
- Phối hợp với Sở Y tế quản lý người sau cai nghiện.
2. Ủy ban nhân dân tỉnh giao các sở, ngành, địa phương:
- Định kỳ 6 tháng, năm báo cáo kết quả về Công an tỉnh.
"""


def test_assigning_lead_in_is_no_task_and_a_leading_phoi_hop_names_a_co_owner():
    tasks = extract(ingest.parse_text(ASSIGNING_LEADIN, filename="kh.txt")).tasks
    assert not any(t.text.startswith("Ủy ban nhân dân tỉnh giao") for t in tasks)
    report = next(t for t in tasks if t.text.startswith("Định kỳ"))
    assert [o.name for o in report.owners] == ["các sở, ngành, địa phương"]
    partner = next(t for t in tasks if t.text.startswith("Phối hợp"))
    assert [o.name for o in partner.owners] == ["Ủy ban nhân dân các huyện, thành phố"]
    assert [o.name for o in partner.co_owners] == ["Sở Y tế"]


# fmt: off
@pytest.mark.parametrize(("heading", "expected"), [
    # a heading that is only a body's name, its complement holding words that elsewhere end a name
    ("Thường trực Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh",
     ["Thường trực Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh"]),
    ("Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh", ["Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh"]),
    ("Tổ công tác triển khai Đề án 06 tỉnh", ["Tổ công tác triển khai Đề án 06 tỉnh"]),
    ("Ban Quản lý Khu kinh tế tỉnh", ["Ban Quản lý Khu kinh tế tỉnh"]),
    # a named body and its action, or a lead-in: the ordinary subject
    ("Sở Nội vụ tổ chức Hội nghị tổng kết ngành tỉnh", ["Sở Nội vụ"]),
    ("Sở Y tế triển khai các nội dung sau:", ["Sở Y tế"]),
    ("Sở Tư pháp phối hợp với Sở Nội vụ", ["Sở Tư pháp"]),
])
# fmt: on
def test_name_only_headings(heading, expected):
    assert heading_owners(heading) == expected


GROUPED = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
Số: 308/KH-UBND
Hà Nội, ngày 17 tháng 11 năm 2025
KẾ HOẠCH
Thúc đẩy tạo lập dữ liệu
I. NHIỆM VỤ
1. Về dữ liệu
1.1. Xây dựng các chiến lược của Thành phố:
a) Nhiệm vụ: Tham mưu UBND Thành phố rà soát Chiến lược dữ liệu.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Sở Khoa học và Công nghệ.
- Đơn vị phối hợp: Các Sở, ban, ngành.
c) Thời gian thực hiện: Hoàn thành trong năm 2025.
1.2. Triển khai, phát triển dữ liệu:
a) Nhiệm vụ:
- Rà soát, chuẩn hóa cơ sở dữ liệu của đơn vị.
- Phối hợp số hóa theo hướng dẫn của Bộ, ngành.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Các Sở, ban, ngành.
c) Thời gian thực hiện: Thực hiện thường xuyên.
"""


def test_nhiem_vu_lines_with_their_attribute_lines():
    tasks = extract(ingest.parse_text(GROUPED, filename="kh.txt")).tasks
    texts = [t.text for t in tasks]
    # the group headings and the attribute lines are no tasks
    assert not any(t.startswith(("Xây dựng các chiến lược", "Triển khai, phát triển", "Cơ quan", "Đơn vị", "Thời gian",
                                 "Nhiệm vụ")) for t in texts)
    first = next(t for t in tasks if t.text.startswith("Tham mưu"))
    assert [o.name for o in first.owners] == ["Sở Khoa học và Công nghệ"]
    assert [o.name for o in first.co_owners] == ["Các Sở, ban, ngành"]
    assert first.deadline is not None and first.deadline.date == "2025-12-31"
    dashes = [t for t in tasks if t.text.startswith(("Rà soát", "Phối hợp số hóa"))]
    assert len(dashes) == 2
    assert all([o.name for o in t.owners] == ["Các Sở, ban, ngành"] for t in dashes)
    assert all(t.deadline is None for t in dashes)  # "thường xuyên": the field decides


BODY_BY_BODY = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP
Số: 617/KH-UBND
Đồng Tháp, ngày 01 tháng 12 năm 2025
KẾ HOẠCH
Chuyển đổi số cho các doanh nghiệp
I. NHIỆM VỤ
1. Đẩy mạnh truyền thông về chuyển đổi số.
II. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ
a) Hướng dẫn, đôn đốc thực hiện Kế hoạch.
2. Sở Tài chính
a) Bố trí kinh phí thực hiện.
3. Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường
Trên cơ sở Kế hoạch này, các sở, ban, ngành tỉnh tổ chức thực hiện nhiệm vụ được giao; Ủy ban nhân dân các xã, phường xây dựng kế hoạch cụ thể để triển khai thực hiện Kế hoạch này.
"""


def test_work_assigned_body_by_body_leaves_other_items_without_owner():
    tasks = extract(ingest.parse_text(BODY_BY_BODY, filename="kh.txt")).tasks
    first = next(t for t in tasks if t.text.startswith("Đẩy mạnh truyền thông"))
    assert first.owners == []
    money = next(t for t in tasks if t.text.startswith("Bố trí kinh phí"))
    assert [o.name for o in money.owners] == ["Sở Tài chính"]


# fmt: off
@pytest.mark.parametrize(("heading", "expected"), [
    # a heading with items under it labels them: a verb-like word inside the name does not end it
    ("Các phòng chuyên môn, Viện Nghiên cứu phát triển Tỉnh", ["Các phòng chuyên môn", "Viện Nghiên cứu phát triển Tỉnh"]),
    ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch", ["Trung tâm Xúc tiến đầu tư, thương mại và du lịch"]),
    # a complete name, then its action; an object or a preposition marks a predicate
    ("Công an huyện tăng cường tuần tra, kiểm soát và xử lý vi phạm", ["Công an huyện"]),
    ("Sở Y tế tổ chức khám sức khỏe cho Nhân dân Thành phố", ["Sở Y tế"]),
])
# fmt: on
def test_a_heading_over_items_labels_them_with_a_long_name(heading, expected):
    assert heading_owners(heading, labels_items=True) == expected


def test_without_items_a_verb_still_ends_the_name():
    assert heading_owners("Trung tâm Xúc tiến đầu tư, thương mại và du lịch") == ["Trung tâm Xúc tiến"]


def test_khuyen_khich_makes_its_object_the_owner():
    found = explicit_subject(_item("Khuyến khích các hợp tác xã tham gia chuỗi liên kết sản xuất."), DocContext())
    assert found is not None and found.owners == ["các hợp tác xã"]


def test_previous_sentence_carries_when_the_item_names_nobody():
    from nlp.resolver import previous_sentence

    item = _item("Tập trung đầu tư cho y tế.", stated=[], carried=["Tỉnh Bắc Kạn"])
    assert previous_sentence(item, DocContext()).owners == ["Tỉnh Bắc Kạn"]
    assert resolve_owners(item, DocContext()).rule == "previous_sentence"
    own = _item("Sở Y tế rà soát.", stated=["Sở Y tế"], carried=["Tỉnh Bắc Kạn"])
    assert resolve_owners(own, DocContext()).owners == ["Sở Y tế"]


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # the subject only agrees; a later clause gives the work to another body
    ("Các Bộ, ngành nhất trí với đề xuất của Tỉnh; giao Bộ Xây dựng hướng dẫn thực hiện.", ["Bộ Xây dựng"]),
    ("Sở Tài chính đồng ý về chủ trương, đề nghị Sở Y tế hoàn thiện hồ sơ.", ["Sở Y tế"]),
    # agreeing with no one given the work: the subject stays
    ("Bộ Công an thống nhất quản lý cơ sở dữ liệu dân cư.", ["Bộ Công an"]),
])
# fmt: on
def test_an_assenting_subject_hands_over_to_the_body_given_the_work(text, expected):
    assert explicit_subject(_item(text), DocContext()).owners == expected


CONCLUSION = """VĂN PHÒNG CHÍNH PHỦ
Số: 700/TB-VPCP
Hà Nội, ngày 10 tháng 9 năm 2026
THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo tỉnh Cao Bằng
-----
Ngày 01 tháng 9 năm 2026, Thủ tướng Chính phủ đã làm việc với lãnh đạo tỉnh Cao Bằng.
I. NHIỆM VỤ THỜI GIAN TỚI
1. Đẩy mạnh giải ngân vốn đầu tư công, hoàn thành trong năm 2026.
2. Quyết liệt cải cách thủ tục hành chính.
II. VỀ KIẾN NGHỊ CỦA TỈNH
1. Về hỗ trợ vốn xây dựng cửa khẩu: giao Bộ Tài chính xem xét, xử lý theo quy định.
"""


def test_a_conclusion_notice_gives_what_it_gives_nobody_else_to_the_province():
    from nlp.resolver import addressee

    assert addressee(_item("Quyết liệt cải cách."), DocContext(conclusion_addressee="tỉnh Cao Bằng")).owners == [
        "tỉnh Cao Bằng"]
    assert addressee(_item("Quyết liệt cải cách."), DocContext()) is None
    tasks = extract(ingest.parse_text(CONCLUSION, filename="tb.txt")).tasks

    def owners(start: str) -> list[str]:
        return next([o.name for o in t.owners] for t in tasks if t.text.startswith(start))

    assert owners("Đẩy mạnh giải ngân") == ["tỉnh Cao Bằng"]
    assert owners("Về hỗ trợ vốn") == ["Bộ Tài chính"]


LETTER_TO_ALL = """BỘ Y TẾ
Số: 900/BYT-KCB
V/v phòng, chống dịch sốt xuất huyết
Hà Nội, ngày 02 tháng 8 năm 2026
Kính gửi:
- Sở Y tế các tỉnh, thành phố trực thuộc Trung ương;
- Bệnh viện trực thuộc Bộ Y tế.
Trước diễn biến phức tạp của dịch sốt xuất huyết, Bộ Y tế đề nghị thực hiện ngay các việc sau:
1. Rà soát, bổ sung thuốc, vật tư, hóa chất phòng chống dịch.
2. Bệnh viện trực thuộc Bộ Y tế bố trí khu điều trị riêng cho bệnh nhân.
"""


def test_what_a_letter_asks_of_nobody_named_it_asks_of_its_addressees():
    tasks = extract(ingest.parse_text(LETTER_TO_ALL, filename="cv.txt")).tasks

    def owners(start: str) -> list[str]:
        return next([o.name for o in t.owners] for t in tasks if t.text.startswith(start))

    assert owners("Rà soát, bổ sung") == ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương",
                                          "Bệnh viện trực thuộc Bộ Y tế"]
    assert owners("Bệnh viện trực thuộc") == ["Bệnh viện trực thuộc Bộ Y tế"]


BY_NUMBER = """KẾ HOẠCH
Phát triển dữ liệu ngành năm 2026

I. NHIỆM VỤ
1. Hoàn thiện thể chế
a) Rà soát các quy định về dữ liệu.
b) Ban hành quy chế chia sẻ dữ liệu.
2. Phát triển hạ tầng
a) Nâng cấp trung tâm dữ liệu.
b) Bảo đảm an toàn thông tin.
II. TỔ CHỨC THỰC HIỆN
1. Sở Xây dựng
a) Chủ trì, phối hợp với các cơ quan liên quan thực hiện các nhiệm vụ quy định tại các mục 1, 2 Phần I Kế hoạch này.
2. Sở Tài chính
a) Chủ trì thực hiện nhiệm vụ quy định tại điểm b mục 2 Phần I Kế hoạch này.
3. Sở Nội vụ
a) Phối hợp với Sở Xây dựng thực hiện các nhiệm vụ quy định tại điểm a mục 1 Phần I Kế hoạch này.
"""


def test_sections_handed_over_by_number_are_owned_by_the_body_that_leads_them():
    from nlp.resolve import cross_referenced_sections

    text = "Chủ trì, phối hợp thực hiện các nhiệm vụ quy định tại các mục 1, 3; điểm a, b mục 7 Phần III Điều 1."
    assert cross_referenced_sections(text, 0, len(text)) == ["III.1", "III.3", "III.7.a", "III.7.b"]
    text = "Phối hợp với Bộ Xây dựng thực hiện các nhiệm vụ quy định tại điểm c mục 1 Phần III."
    assert cross_referenced_sections(text, 0, len(text)) == []  # a partner only
    tasks = extract(ingest.parse_text(BY_NUMBER, filename="kh.txt")).tasks
    owner = {t.text: [o.name for o in t.owners] for t in tasks}
    assert owner["Rà soát các quy định về dữ liệu."] == ["Sở Xây dựng"]
    assert owner["Nâng cấp trung tâm dữ liệu."] == ["Sở Xây dựng"]
    assert owner["Bảo đảm an toàn thông tin."] == ["Sở Tài chính"]  # the more specific reference


SIBLING_LABELS = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 45/KH-UBND
Hà Nam, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Phát triển hạ tầng giao thông năm 2025
I. NHIỆM VỤ CỤ THỂ
1. Sở Tài chính
- Bố trí kinh phí thực hiện kế hoạch.
2. Sở Y tế
- Bảo đảm công tác y tế tại công trường.
3. Quỹ Đầu tư phát triển
- Bố trí nguồn vốn bảo trì các tuyến đường tỉnh.
4. Kinh phí thực hiện
- Bố trí kinh phí từ ngân sách tỉnh theo phân cấp.
II. TỔ CHỨC THỰC HIỆN
Sở Xây dựng theo dõi, đôn đốc, báo cáo UBND tỉnh.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""


@pytest.mark.parametrize(("heading_text", "expected"), [
    ("**Quỹ Đầu tư phát triển**", "Quỹ Đầu tư phát triển"),
    ("Cảng vụ Hàng hải:", "Cảng vụ Hàng hải"),
    ("Kinh phí thực hiện", None),  # a topic: no capitalised name part
    ("Tăng cường công tác Tuyên truyền", None),  # a predicate
    ("Triển khai Kế hoạch số 12/KH-UBND", None),  # cites a document
    ("Chế độ báo cáo (định kỳ)", None),
])
def test_sibling_label_name(heading_text, expected):
    assert sibling_label_name(heading_text) == expected


def test_sibling_headings_naming_bodies_make_an_unknown_name_a_body():
    """Among ``1. Sở Tài chính``, ``2. Sở Y tế``, the label ``3. Quỹ Đầu tư phát triển`` (a head
    the data does not know) owns its items; the topic ``4. Kinh phí thực hiện`` owns nothing."""
    tasks = extract(ingest.parse_text(SIBLING_LABELS, filename="x.txt")).tasks
    owners = {t.text: [o.name for o in t.owners] for t in tasks}
    assert owners["Bố trí nguồn vốn bảo trì các tuyến đường tỉnh."] == ["Quỹ Đầu tư phát triển"]
    assert owners["Bố trí kinh phí từ ngân sách tỉnh theo phân cấp."] == []
    assert owners["Bảo đảm công tác y tế tại công trường."] == ["Sở Y tế"]


def test_sibling_label_needs_siblings_that_name_bodies():
    lone = SIBLING_LABELS.replace("1. Sở Tài chính", "1. Nguồn vốn").replace("2. Sở Y tế", "2. Công tác y tế")
    tasks = extract(ingest.parse_text(lone, filename="x.txt")).tasks
    owners = {t.text: [o.name for o in t.owners] for t in tasks}
    assert owners.get("Bố trí nguồn vốn bảo trì các tuyến đường tỉnh.") != ["Quỹ Đầu tư phát triển"]


def test_a_sibling_label_over_a_paragraph_names_its_body_too():
    """The same sibling scope when each body's work is a paragraph under its label, not items."""
    text = SIBLING_LABELS.replace("\n- ", "\n\n").replace("\nII.", "\n\nII.")
    tasks = extract(ingest.parse_text(text, filename="x.txt")).tasks
    owners = {t.text: [o.name for o in t.owners] for t in tasks}
    assert owners["Bố trí nguồn vốn bảo trì các tuyến đường tỉnh."] == ["Quỹ Đầu tư phát triển"]
    assert owners["Bảo đảm công tác y tế tại công trường."] == ["Sở Y tế"]
    assert owners["Bố trí kinh phí từ ngân sách tỉnh theo phân cấp."] == []
