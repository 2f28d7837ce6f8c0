"""Owner scope carried down the section tree (issue 12), on documents of our own."""

import pytest

import ingest
from nlp import extract
from nlp.resolve import DocContext
from nlp.resolver import Item, field_line_scopes, opening_subject, presented_request, resolve_owners

HEADER = """ỦY BAN NHÂN DÂN TỈNH BÌNH MINH
Số: 15/KH-UBND
Bình Minh, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Triển khai công tác phòng, chống thiên tai năm 2026
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn B
"""

FIELD_LINE_AMONG_BULLETS = HEADER + """I. NHIỆM VỤ
1. Công tác chuẩn bị
1.1. Thực hiện các nhiệm vụ sau:
- Rà soát phương án ứng phó với bão, lũ tại các khu dân cư ven sông.
- Kiểm tra hệ thống đê điều, hồ chứa trước mùa mưa.
- Thời gian thực hiện: Từ tháng 4/2026 đến tháng 6/2026.
- Đơn vị chủ trì: Sở Nông nghiệp và Môi trường
- Đơn vị phối hợp: Ủy ban nhân dân các xã, phường.
1.2. Tổ chức diễn tập cứu hộ, cứu nạn:
- Xây dựng kịch bản diễn tập tại hai xã ven biển.
- Đơn vị chủ trì: Bộ Chỉ huy Quân sự tỉnh
2. Công tác tuyên truyền
- Tổ chức tuyên truyền kỹ năng sơ tán cho người dân vùng ven biển.
""" + FOOTER


def _owners(doc: str) -> dict[str, list[str]]:
    tasks = extract(ingest.parse_text(doc, filename="kh.txt")).tasks
    return {t.text[:24]: [o.name for o in t.owners] for t in tasks}


def test_an_owner_line_among_bullets_owns_the_bullets_beside_it():
    owners = _owners(FIELD_LINE_AMONG_BULLETS)
    assert owners["Rà soát phương án ứng ph"] == ["Sở Nông nghiệp và Môi trường"]
    assert owners["Kiểm tra hệ thống đê điề"] == ["Sở Nông nghiệp và Môi trường"]
    assert owners["Xây dựng kịch bản diễn t"] == ["Bộ Chỉ huy Quân sự tỉnh"]
    # the scope closes at its section: the next section's bullet is nobody's
    assert owners["Tổ chức tuyên truyền kỹ "] == []


def test_field_line_scopes_name_the_section_of_the_line():
    sections = list(ingest.parse_text(FIELD_LINE_AMONG_BULLETS, filename="kh.txt").sections)
    scopes = field_line_scopes(FIELD_LINE_AMONG_BULLETS, sections)
    by_path = {s.path: scopes[s.index].owners for s in sections if s.index in scopes}
    assert list(by_path.values()) == [("Sở Nông nghiệp và Môi trường",), ("Bộ Chỉ huy Quân sự tỉnh",)]


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a sentence of its own after the presentation, after a condition
    ("Trên đây là Kế hoạch giám sát Chương trình năm 2026. Trong quá trình thực hiện, nếu có khó khăn, "
     "vướng mắc, đề nghị các cơ quan, đơn vị kịp thời phản ánh về Sở Tài chính.", ["các cơ quan, đơn vị"]),
    ("Trên đây là Kế hoạch thực hiện Chỉ thị số 12/CT-TTg ngày 05/3/2026 của Thủ tướng Chính phủ. Quá trình "
     "thực hiện nếu phát sinh vướng mắc, Ủy ban nhân dân các xã báo cáo về Sở Nội vụ.", ["Ủy ban nhân dân các xã"]),
    ("Trên đây là Kế hoạch phòng cháy năm 2026 của tỉnh. Sở Công Thương chủ trì theo dõi, đôn đốc.", ["Sở Công Thương"]),
    # a request or a subject after a comma or semicolon of the presentation itself
    ("Trên đây là Kế hoạch tuyên truyền năm 2026 của tỉnh, đề nghị các sở, ngành nghiêm túc thực hiện.",
     ["các sở, ngành"]),
    ("Trên đây là Chỉ thị về tăng cường kỷ cương hành chính; Công an tỉnh nghiêm túc triển khai thực hiện.",
     ["Công an tỉnh"]),
    # nothing asked of anybody: no owner; and a paragraph presenting nothing is not this rule's
    ("Trên đây là Kế hoạch tuyên truyền năm 2026 của tỉnh.", None),
    ("Trong quá trình thực hiện, nếu có vướng mắc, các sở báo cáo về Sở Tư pháp.", None),
])
# fmt: on
def test_presented_request(text, expected):
    found = presented_request(Item(text=text, start=0, end=len(text)), DocContext())
    assert (found.owners if found else None) == expected


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a topic or condition closed by "thì", then the subject
    ("Đối với các dự án chậm tiến độ thì Sở Xây dựng chủ trì kiểm tra, báo cáo.", ["Sở Xây dựng"]),
    ("Đối với hồ sơ của hộ kinh doanh thì Ủy ban nhân dân các xã hướng dẫn bổ sung.", ["Ủy ban nhân dân các xã"]),
    # a short label closed by a colon, then the subject (a verb pyvi tags, not only listed actions)
    ("Từ ngày 05/3/2026 - 10/3/2026: Ban Thường trực Ủy ban MTTQ Việt Nam xã trao đổi với các cơ quan.",
     ["Ban Thường trực Ủy ban MTTQ Việt Nam xã"]),
    ("Mở tài khoản cho người hưởng trợ cấp: Ủy ban nhân dân phường phối hợp với các ngân hàng thực hiện.",
     ["Ủy ban nhân dân phường"]),
    # no subject with its predicate after the opening, or the label is prose: nobody
    ("Theo dõi, kiểm tra các nội dung về: Xây dựng hệ thống văn bản hướng dẫn.", None),
    ("Kiểm tra các đơn vị sau: Sở Y tế, Sở Tài chính.", None),
    ("Trường hợp cần thiết thì tổ chức kiểm tra đột xuất.", None),
])
# fmt: on
def test_opening_subject(text, expected):
    found = opening_subject(Item(text=text, start=0, end=len(text)), DocContext())
    assert (found.owners if found else None) == expected


def test_presented_request_decides_over_the_segmenters_subject():
    text = ("Trên đây là Kế hoạch tuyên truyền năm 2026 của tỉnh. Ủy ban nhân dân tỉnh đề nghị các sở, ngành "
            "nghiêm túc triển khai thực hiện.")
    item = Item(text=text, start=0, end=len(text), stated=["Ủy ban nhân dân tỉnh"])
    found = resolve_owners(item, DocContext())
    assert (found.owners, found.rule) == (["các sở, ngành"], "presented_request")
    # a paragraph that presents nothing keeps what the segmenter found
    plain = Item(text="Ủy ban nhân dân tỉnh tổ chức sơ kết.", start=0, end=36, stated=["Ủy ban nhân dân tỉnh"])
    assert resolve_owners(plain, DocContext()).rule == "explicit_subject"


PRESENTED_PLAN = """ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ HÒA AN
BAN THƯỜNG TRỰC
Số: 07/KH-MTTQ-BTT
Hòa An, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Giám sát việc thực hiện chính sách hỗ trợ nhà ở năm 2026
Căn cứ Luật Mặt trận Tổ quốc Việt Nam và Hướng dẫn số 05/HD-MTTQ-BTT ngày 02/3/2026 của Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh;
Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa An xây dựng kế hoạch giám sát như sau:
I. NỘI DUNG GIÁM SÁT
Hoạt động giám sát được chia thành 02 đợt theo lịch trình chung của tỉnh:
1. Đợt 1: Từ ngày 01/4/2026 đến ngày 30/4/2026:
- Giám sát việc lập danh sách hộ được hỗ trợ.
- Giám sát việc công khai danh sách tại thôn.
II. TỔ CHỨC THỰC HIỆN
Căn cứ tình hình thực tế, Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa An thực hiện các hoạt động sau:
- Kiểm tra việc chi trả kinh phí hỗ trợ tại các thôn.
""" + FOOTER


def test_a_preamble_that_presents_the_plan_hands_no_owner_down():
    owners = _owners(PRESENTED_PLAN)
    # "X xây dựng kế hoạch ... như sau:" presents the document: the items name nobody
    assert owners["Giám sát việc lập danh s"] == []
    assert owners["Giám sát việc công khai "] == []
    # a lead-in that lists X's own activities still hands X down
    assert owners["Kiểm tra việc chi trả ki"] == ["Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa An"]


DUTY_HEADINGS = HEADER + """II. NỘI DUNG KIỂM TRA
1. Nội dung kiểm tra
- Nội dung kiểm tra của Kho bạc Nhà nước khu vực VI
+ Kiểm tra việc kiểm soát chi thường xuyên của các đơn vị dự toán.
+ Kiểm tra việc thanh toán vốn đầu tư công.
- Công việc của Thanh tra tỉnh:
+ Tổng hợp kiến nghị sau kiểm tra.
2. Kiểm tra hoạt động của Ủy ban nhân dân các xã
a) Kiểm tra việc cấp giấy chứng nhận quyền sử dụng đất.
""" + FOOTER


def test_a_duty_heading_hands_its_body_to_the_items_under_it():
    owners = _owners(DUTY_HEADINGS)
    assert owners["Kiểm tra việc kiểm soát "] == ["Kho bạc Nhà nước khu vực VI"]
    assert owners["Kiểm tra việc thanh toán"] == ["Kho bạc Nhà nước khu vực VI"]
    assert owners["Tổng hợp kiến nghị sau k"] == ["Thanh tra tỉnh"]
    # the body a heading's action is about does not own the items
    assert owners["Kiểm tra việc cấp giấy c"] == []


CLOSING_PARENTHETICALS = HEADER + """III. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh
a) Bảo đảm an ninh trật tự tại các điểm sơ tán dân.
b) Tổ chức tập huấn kỹ năng cứu hộ cho lực lượng xung kích (Bộ Chỉ huy Quân sự tỉnh chủ trì, phối hợp với Công an tỉnh).
c) Rà soát phương án di dời dân vùng sạt lở (Giao Ủy ban nhân dân các xã chủ trì thực hiện).
d) Báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Văn phòng Ủy ban nhân dân tỉnh).
""" + FOOTER


def test_an_item_closing_on_who_does_it_is_that_bodys():
    owners = _owners(CLOSING_PARENTHETICALS)
    assert owners["Bảo đảm an ninh trật tự "] == ["Công an tỉnh"]
    assert owners["Tổ chức tập huấn kỹ năng"] == ["Bộ Chỉ huy Quân sự tỉnh"]
    assert owners["Rà soát phương án di dời"] == ["Ủy ban nhân dân các xã"]
    # a parenthetical that assigns nothing leaves the heading's owner
    assert owners["Báo cáo kết quả về Ủy ba"] == ["Công an tỉnh"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xây dựng đề án (Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, ngành).", ["Sở Tư pháp"]),
        ("Tổ chức hội nghị sơ kết (Sở Nội vụ thực hiện)", ["Sở Nội vụ"]),
        ("Hỗ trợ hộ nghèo (theo Quyết định số 12/QĐ-UBND).", []),
        ("Tổ chức tập huấn (Sở Y tế chủ trì) cho cán bộ y tế cơ sở.", []),  # not at the end
    ],
)
def test_parenthetical_owners(text, expected):
    from nlp.resolver import parenthetical_owners

    assert parenthetical_owners(text, 0, len(text)) == expected


LABEL_PARAGRAPHS = HEADER + """III. TỔ CHỨC THỰC HIỆN
Sở Giao thông vận tải:
- Bảo đảm giao thông thông suốt trên các tuyến quốc lộ.
- Khắc phục ngay các điểm sạt lở.
Trách nhiệm của Kho bạc Nhà nước khu vực VI:
- Kiểm soát chi kịp thời nguồn kinh phí khắc phục hậu quả.
""" + FOOTER


def test_a_paragraph_that_only_names_a_body_owns_the_bullets_after_it():
    owners = _owners(LABEL_PARAGRAPHS)
    assert owners["Bảo đảm giao thông thông"] == ["Sở Giao thông vận tải"]
    assert owners["Khắc phục ngay các điểm "] == ["Sở Giao thông vận tải"]
    assert owners["Kiểm soát chi kịp thời n"] == ["Kho bạc Nhà nước khu vực VI"]


LEADIN_LIST_ENDS = HEADER + """Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;
Để chủ động ứng phó với mùa mưa bão, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và Ủy ban nhân dân các xã thực hiện các nhiệm vụ sau:
1. Rà soát phương án sơ tán dân ở vùng trũng thấp.
2. Kiểm tra hệ thống kè, cống trước mùa mưa.
a) Ưu tiên các tuyến kè xung yếu.
II. KINH PHÍ THỰC HIỆN
Kinh phí thực hiện được bố trí trong dự toán ngân sách năm 2026.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường chủ trì theo dõi, đôn đốc việc thực hiện.
2. Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.
""" + FOOTER


def test_a_leadin_hands_its_list_down_and_no_section_of_another_kind_after_it():
    owners = _owners(LEADIN_LIST_ENDS)
    both = ["các sở, ban, ngành", "Ủy ban nhân dân các xã"]
    assert owners["Rà soát phương án sơ tán"] == both
    assert owners["Ưu tiên các tuyến kè xun"] == both
    # "III. TỔ CHỨC THỰC HIỆN" is no entry of the "1., 2." list the lead-in introduced
    assert owners["Tổng hợp kết quả, báo cá"] == []


NEARER_LEADIN = HEADER + """III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế
a) Chủ trì xây dựng phương án bảo đảm y tế mùa mưa bão.
b) Hướng dẫn các cơ sở y tế dự trữ thuốc, vật tư.
Ủy ban nhân dân tỉnh đề nghị Bảo hiểm xã hội tỉnh phối hợp thực hiện các nội dung sau:
- Bảo đảm quyền lợi khám chữa bệnh cho người dân vùng bị ảnh hưởng.
2. Sở Tài chính
a) Bố trí kinh phí dự phòng.
""" + FOOTER


def test_a_leadin_inside_a_named_section_is_the_nearer_scope():
    owners = _owners(NEARER_LEADIN)
    assert owners["Chủ trì xây dựng phương "] == ["Sở Y tế"]
    assert owners["Bảo đảm quyền lợi khám c"] == ["Bảo hiểm xã hội tỉnh"]
    # the lead-in's scope closes with its section: the next named section is its own
    assert owners["Bố trí kinh phí dự phòng"] == ["Sở Tài chính"]
