import pytest

import ingest
from nlp import extract
from nlp.owners import fold
from nlp.resolve import co_owners, explicit_owners, heading_owners, name_only_heading, programme_year

from ._docs import UBND_PLAN

# fmt: off
HEADINGS = [
    ("Đối với Sở Nội vụ", ["Sở Nội vụ"]),
    ("UBND tỉnh, UBND các huyện:", ["UBND tỉnh", "UBND các huyện"]),
    ("Nhiệm vụ trọng tâm", []),
]
EXPLICIT = [
    ("Giao Sở Tài chính chủ trì thẩm định.", ["Sở Tài chính"]),
    ("Đề nghị Tòa án nhân dân tỉnh phối hợp xét xử.", ["Tòa án nhân dân tỉnh"]),
    ("Trên cơ sở kế hoạch này, Giám đốc Sở Y tế có trách nhiệm xây dựng kế hoạch.", ["Giám đốc Sở Y tế"]),
    ("Huyện ủy đề nghị Ban Tuyên giáo Huyện ủy tổ chức quán triệt.", ["Ban Tuyên giáo Huyện ủy"]),
    ("Tăng cường kiểm tra.", []),
]
# fmt: on


@pytest.mark.parametrize(("heading", "expected"), HEADINGS)
def test_heading_owners(heading, expected):
    assert heading_owners(heading) == expected


@pytest.mark.parametrize(("text", "expected"), EXPLICIT)
def test_explicit_owners(text, expected):
    assert explicit_owners(text, 0, len(text), structured=True) == expected


def test_co_owners():
    text = "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh và các cơ quan liên quan tổ chức kiểm tra."
    assert co_owners(text, 0, len(text)) == ["Công an tỉnh", "các cơ quan liên quan"]


@pytest.mark.parametrize(("title", "year"), [
    ("Kế hoạch công tác năm 2025", 2025), ("Chương trình hành động giai đoạn 2021-2025", None), ("Chỉ thị năm 2024", None),
    # words after the year; a law's or a cited document's year is not the programme's
    ("Kế hoạch tuyên truyền pháp luật năm 2025 trên địa bàn tỉnh", 2025),
    ("Kế hoạch triển khai Luật Đất đai năm 2024", None),
    ("Kế hoạch thực hiện Chỉ thị số 05-CT/TU năm 2016 trong năm 2025", 2025),
    # a horizon is no yearly programme
    ("Kế hoạch thực hiện Chương trình phát triển lâm nghiệp đến năm 2030 trên địa bàn huyện", None),
    ("Kế hoạch phát triển du lịch tới năm 2035", None),
    # the date of a cited document
    ("Kế hoạch triển khai Quyết định số 12/QĐ-TTg ngày 02 tháng 01 năm 2026 của Thủ tướng Chính phủ", None),
])
def test_programme_year(title, year):
    assert programme_year(title) == year


def test_programme_year_is_never_before_the_document():
    assert programme_year("Kế hoạch tổng kết Chỉ thị 05 năm 2016", doc_year=2025) is None
    assert programme_year("Kế hoạch công tác năm 2026", doc_year=2025) == 2026


def test_plan_owners_inherited_and_deadlines():
    tasks = extract(ingest.parse_text(UBND_PLAN, filename="kh.txt")).tasks
    by_start = {t.text[:12]: t for t in tasks}
    assert [o.name for o in by_start["Rà soát đội "].owners] == ["UBND các huyện, thị xã, thành phố"]
    first = next(t for t in tasks if t.text.startswith("Sở Tư pháp chủ trì"))
    assert [o.name for o in first.owners] == ["Sở Tư pháp"]
    assert [o.name for o in first.co_owners] == ["Sở Thông tin và Truyền thông"]
    assert first.deadline and first.deadline.date == "2025-06-30"
    mttq = next(t for t in tasks if t.text.startswith("Đề nghị"))
    assert [o.name for o in mttq.owners] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]


# fmt: off
HANDOVER = [
    ("chịu trách nhiệm thực hiện Kế hoạch này.", True),
    ("tổ chức triển khai thực hiện Chương trình này./.", True),
    (", có trách nhiệm xây dựng Kế hoạch công tác năm 2026 của đơn vị.", True),
    ("có trách nhiệm tham mưu UBND tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch.", False),
    ("bố trí kinh phí để thực hiện Kế hoạch.", False),
    ("phối hợp với Sở Nội vụ tổ chức thực hiện Kế hoạch này.", False),
]
# fmt: on


@pytest.mark.parametrize(("predicate", "expected"), HANDOVER)
def test_hands_over(predicate, expected):
    from nlp.resolve import _hands_over

    assert _hands_over(fold(predicate)) is expected


PLAN_WITH_APPENDIX = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 45/KH-UBND
Hà Giang, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Triển khai công tác phòng cháy, chữa cháy năm 2026
I. NHIỆM VỤ
1. Rà soát, kiện toàn đội phòng cháy cơ sở.
2. Tổ chức diễn tập phương án chữa cháy tại chợ, trung tâm thương mại.
II. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường chịu trách nhiệm thực hiện Kế hoạch này.
2. Công an tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
PHỤ LỤC
DANH MỤC NHIỆM VỤ
"""


def test_plan_with_appendix_hands_items_to_implementing_bodies():
    # A Kế hoạch is the plan itself even when an appendix follows; a monitoring body is not an owner.
    tasks = extract(ingest.parse_text(PLAN_WITH_APPENDIX, filename="kh.txt")).tasks
    first = next(t for t in tasks if t.text.startswith("Rà soát"))
    assert [o.name for o in first.owners] == ["Các sở, ban, ngành", "Ủy ban nhân dân các xã, phường"]


# fmt: off
LEADINS = [
    ("Để triển khai kịp thời, Sở Y tế yêu cầu Trung tâm Y tế các huyện, thị xã thực hiện các nội dung sau:",
     ["Trung tâm Y tế các huyện, thị xã"]),
    ("Bộ trưởng yêu cầu Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ và đề nghị các hiệp hội, doanh nghiệp:",
     ["Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ", "các hiệp hội, doanh nghiệp"]),
    ("Ban Thường vụ yêu cầu cấp ủy, tổ chức đảng, đoàn thể các cấp tập trung thực hiện:",
     ["cấp ủy", "tổ chức đảng", "đoàn thể các cấp"]),
    # negatives: no addressee, a passive "được giao", a verb right after the cue, no colon
    ("Giám đốc Sở yêu cầu:", []),
    ("Kế hoạch nhằm thực hiện các nhiệm vụ được giao tại Nghị quyết số 12-NQ/TU. Nhiệm vụ chủ yếu:", []),
    ("Chủ tịch UBND tỉnh yêu cầu thực hiện tốt các nội dung sau:", []),
    ("Sở Y tế yêu cầu Trung tâm Y tế các huyện thực hiện các nội dung trên.", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), LEADINS)
def test_leadin_owners(text, expected):
    from nlp.resolve import leadin_owners

    assert leadin_owners(text, 0, len(text)) == expected


CONG_VAN = """SỞ Y TẾ TỈNH KON TUM
Số: 210/SYT-NVY
V/v tăng cường phòng chống sốt xuất huyết
Kon Tum, ngày 04 tháng 6 năm 2026
Kính gửi: Trung tâm Y tế các huyện, thành phố.
Để chủ động phòng, chống dịch, Sở Y tế yêu cầu Trung tâm Y tế các huyện, thành phố thực hiện một số nội dung sau:
1. Tăng cường giám sát ca bệnh tại cộng đồng, báo cáo hằng tuần.
2. Bệnh viện đa khoa tỉnh chuẩn bị giường bệnh, thuốc, vật tư.
Nơi nhận:
- Như trên;
- Lưu: VT, NVY.
GIÁM ĐỐC
Trần Văn B
"""


def test_leadin_owns_items_without_subject():
    tasks = extract(ingest.parse_text(CONG_VAN, filename="cv.txt")).tasks
    owners = {t.text[:20]: [o.name for o in t.owners] for t in tasks}
    assert owners["Tăng cường giám sát "] == ["Trung tâm Y tế các huyện, thành phố"]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Kết luận của Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo tỉnh Gia Lai",
         "Lãnh đạo tỉnh Gia Lai báo cáo. Tỉnh chủ động rà soát.", "tỉnh Gia Lai"),
        # re-cased title: the place is spelled as the text writes it
        ("Kết luận của phó thủ tướng tại buổi làm việc với thành phố hải phòng",
         "Thành phố Hải Phòng đã đạt nhiều kết quả.", "thành phố Hải Phòng"),
        # two places, or none, in the title: no addressee
        ("Kết luận về liên kết vùng giữa tỉnh Gia Lai và tỉnh Kon Tum",
         "tỉnh Gia Lai, tỉnh Kon Tum", None),
        ("Kế hoạch phòng, chống thiên tai năm 2026", "Tỉnh Gia Lai", None),
        # the province a Party committee is named after
        ("Kết luận của Thủ tướng Chính phủ tại buổi làm việc với Ban Thường vụ Tỉnh ủy Kon Tum",
         "Tỉnh ủy Kon Tum báo cáo. Kinh tế tỉnh Kon Tum tăng trưởng. Tỉnh chủ động rà soát.", "tỉnh Kon Tum"),
        ("Kết luận tại buổi làm việc với Thường trực Thành ủy Cần Thơ", "Thành phố Cần Thơ cần tập trung.",
         "thành phố Cần Thơ"),
    ],
)
def test_addressee_place(title, text, expected):
    from nlp.resolve import addressee_place

    assert addressee_place(title, text) == expected


def test_bare_province_owner_is_completed_only_with_an_addressee():
    from nlp.resolve import DocContext, finish_owner

    assert finish_owner("Tỉnh", DocContext(addressee_place="tỉnh Gia Lai")) == "tỉnh Gia Lai"
    assert finish_owner("Tỉnh", DocContext()) == "Tỉnh"
    assert finish_owner("Thành phố", DocContext(addressee_place="tỉnh Gia Lai")) == "Thành phố"


def test_a_request_word_used_as_a_noun_addresses_nobody():
    from nlp.resolve import leadin_owners

    text = ("Thực hiện Nghị quyết số 66-NQ/TW về đổi mới công tác xây dựng pháp luật đáp ứng yêu cầu phát triển "
            "đất nước trong kỷ nguyên mới, UBND tỉnh ban hành Kế hoạch như sau:")
    assert leadin_owners(text, 0, len(text)) == []


PER_BODY_UNDER_TASKS = """ỦY BAN NHÂN DÂN
HUYỆN AN LÃO
Số: 12/KH-UBND
An Lão, ngày 03 tháng 3 năm 2025
KẾ HOẠCH
Phát triển thể thao quần chúng năm 2025
I. NHIỆM VỤ, GIẢI PHÁP
1. Nhiệm vụ chung
a) Đẩy mạnh phong trào tập luyện thể dục thể thao trong nhân dân.
2. Phân công trách nhiệm
2.1. Phòng Văn hóa và Thông tin huyện
a) Tham mưu tổ chức Đại hội Thể dục thể thao huyện.
2.2. Trung tâm Văn hóa - Thể thao huyện
a) Tổ chức các giải thi đấu thường niên.
II. TỔ CHỨC THỰC HIỆN
Ủy ban nhân dân các xã có trách nhiệm tổ chức thực hiện Kế hoạch này.
"""


def test_a_plan_assigning_work_body_by_body_under_its_tasks_hands_no_programme_owner():
    tasks = extract(ingest.parse_text(PER_BODY_UNDER_TASKS, filename="kh.txt")).tasks
    by_start = {t.text[:12]: t for t in tasks}
    assert by_start["Đẩy mạnh phong"[:12]].owners == []
    assert [o.name for o in by_start["Tham mưu tổ chức"[:12]].owners] == ["Phòng Văn hóa và Thông tin huyện"]


def test_the_paragraph_under_an_implementation_heading_hands_the_programme_over():
    text = PER_BODY_UNDER_TASKS.replace("2. Phân công trách nhiệm", "2. Các nhiệm vụ khác").replace(
        "2.1. Phòng Văn hóa và Thông tin huyện\n", "").replace("2.2. Trung tâm Văn hóa - Thể thao huyện\n", "")
    tasks = extract(ingest.parse_text(text, filename="kh.txt")).tasks
    by_start = {t.text[:12]: t for t in tasks}
    assert [o.name for o in by_start["Đẩy mạnh phong"[:12]].owners] == ["Ủy ban nhân dân các xã"]


LETTER = """ỦY BAN NHÂN DÂN HUYỆN KIM SƠN
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
Số: 88/PGDĐT
V/v tổ chức ngày hội đọc sách
Kim Sơn, ngày 10 tháng 4 năm 2026
Kính gửi:
- Hiệu trưởng các trường mầm non;
- Hiệu trưởng các trường tiểu học.
Để hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam, Phòng Giáo dục và Đào tạo đề nghị Quý đơn vị thực hiện một số nội dung sau:
1. Tổ chức ngày hội đọc sách cho học sinh trong tháng 4/2026.
2. Báo cáo kết quả về Phòng trước ngày 30/4/2026.
Nơi nhận:
- Như trên;
- Lưu: VT.
TRƯỞNG PHÒNG
Nguyễn Thị L
"""


def test_quy_don_vi_is_the_letters_addressees():
    from nlp.resolve import addressees

    doc = ingest.parse_text(LETTER, filename="cv.txt")
    assert addressees(doc.text) == ["Hiệu trưởng các trường mầm non", "Hiệu trưởng các trường tiểu học"]
    tasks = extract(doc).tasks
    assert tasks and all([o.name for o in t.owners] == addressees(doc.text) for t in tasks)


@pytest.mark.parametrize(("heading", "expected"), [
    # a generic kind, then the bodies it means in parentheses: the bodies own the items
    ("Các cơ quan thẩm định (Sở Xây dựng, Ban quản lý Khu Kinh tế Vân Phong):",
     ["Sở Xây dựng", "Ban quản lý Khu Kinh tế Vân Phong"]),
    ("Các đơn vị (Sở Y tế, Bệnh viện Đa khoa tỉnh)", ["Sở Y tế", "Bệnh viện Đa khoa tỉnh"]),
    # what the parentheses hold is no body, or more follows them: the kind as before
    ("Các cơ quan (nếu có):", ["Các cơ quan"]),
    ("Sở Y tế (cơ quan thường trực) chủ trì:", ["Sở Y tế"]),
    # an opener may end with a colon before the names
    ("Đề nghị: Hội Cựu chiến binh tỉnh, Hội Chữ thập đỏ tỉnh", ["Hội Cựu chiến binh tỉnh", "Hội Chữ thập đỏ tỉnh"]),
])
def test_heading_owners_in_parentheses_and_after_an_opener_colon(heading, expected):
    assert heading_owners(heading, labels_items=True) == expected


def test_a_directing_verb_after_an_intro_directs_the_bodies_it_lists():
    text = "Căn cứ nhiệm vụ được giao, chỉ đạo các trường trung học, các cơ sở y tế trực thuộc quản lý chặt chẽ."
    assert explicit_owners(text, 0, len(text), structured=True) == []
    text = "Căn cứ nhiệm vụ được giao, các cơ sở y tế trực thuộc quản lý chặt chẽ."
    assert explicit_owners(text, 0, len(text), structured=True) == ["các cơ sở y tế trực thuộc"]


def test_a_request_word_inside_another_word_requests_nothing():
    from nlp.resolve import leadin_owners

    text = "UBND tỉnh ban hành Kế hoạch phát triển hạ tầng giao thông trên địa bàn tỉnh Bình Định, như sau:"
    assert leadin_owners(text, 0, len(text)) == []
    text = "UBND tỉnh giao các sở, ban, ngành thực hiện như sau:"
    assert leadin_owners(text, 0, len(text)) == ["các sở, ban, ngành"]


def test_leadin_subject_after_a_semicolon_a_definition_and_a_joined_last_owner():
    from nlp.resolve import leadin_subject

    text = ("Để hoàn thành các mục tiêu đã đề ra; các sở, ngành, các xã, phường (sau đây gọi là cơ quan, "
            "đơn vị) và mọi người dân triển khai thực hiện các nội dung sau:")
    assert leadin_subject(text, 0, len(text)) == ["các sở, ngành", "các xã, phường", "người dân"]


def test_a_leadin_that_issues_the_plan_itself_hands_nothing_down():
    from nlp.resolve import leadin_subject

    text = "Ủy ban nhân dân tỉnh Bình Định triển khai Đợt thi đua và ban hành Kế hoạch tổ chức thực hiện như sau:"
    assert leadin_subject(text, 0, len(text)) == []
    text = "Ủy ban nhân dân tỉnh Bình Định triển khai Đợt thi đua với các nội dung sau:"
    assert leadin_subject(text, 0, len(text)) == ["Ủy ban nhân dân tỉnh Bình Định"]


def test_a_leadin_that_only_states_a_conclusion_hands_nothing_down():
    from nlp.resolve import leadin_subject

    for text in (
        "Sau khi nghe Sở Công Thương báo cáo, ý kiến của các đại biểu, Tổ công tác liên ngành thống nhất kết luận như sau:",
        "Tại cuộc họp, Hội đồng thẩm định đã thống nhất kết luận như sau:",
        "Ban Chỉ đạo tỉnh kết luận như sau:",
    ):
        assert leadin_subject(text, 0, len(text)) == [], text
    text = "Để bảo đảm tiến độ, Tổ công tác liên ngành cần tập trung triển khai các nội dung sau:"
    assert leadin_subject(text, 0, len(text)) == ["Tổ công tác liên ngành"]


def test_a_leadin_that_presents_the_plan_with_another_verb_hands_nothing_down():
    from nlp.resolve import leadin_subject

    for text in (
        "Ban Chấp hành Hội Nông dân huyện Tân Lạc xây dựng kế hoạch tập huấn khuyến nông năm 2026 như sau:",
        "Thực hiện Công văn số 15/SYT ngày 02/3/2026, Trung tâm Y tế huyện lập Kế hoạch tiêm chủng như sau:",
        "Ban Thường vụ Đảng ủy phường đề ra Chương trình hành động như sau:",
    ):
        assert leadin_subject(text, 0, len(text)) == [], text
    # a list of work, not the document: the subject still hands it down
    text = "Căn cứ tình hình thực tế, Trung tâm Y tế huyện tổ chức thực hiện các hoạt động sau:"
    assert leadin_subject(text, 0, len(text)) == ["Trung tâm Y tế huyện"]
    text = "Để chủ động phòng dịch, Ủy ban nhân dân các xã xây dựng kế hoạch và triển khai các nội dung sau:"
    assert leadin_subject(text, 0, len(text)) == ["Ủy ban nhân dân các xã"]


def test_a_courtesy_word_before_a_request_still_names_its_object():
    text = "Chính phủ trân trọng đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam phối hợp thực hiện."
    assert explicit_owners(text, 0, len(text), structured=True) == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
    text = "UBND tỉnh kính đề nghị các sở, ngành phối hợp thực hiện."
    assert explicit_owners(text, 0, len(text), structured=True) == ["các sở, ngành"]
    # "Chính phủ" is a body of its own
    text = "Chính phủ sẽ phân công nhiệm vụ các bộ, cơ quan."
    assert explicit_owners(text, 0, len(text), structured=True) == ["Chính phủ"]


def test_a_request_after_a_matter_and_its_colon_names_the_owner():
    # a conclusion's item: the matter, then what is to be done, then who does it
    text = ("THÔNG BÁO\nKết luận của Thủ tướng Chính phủ tại buổi làm việc với lãnh đạo tỉnh Hà Giang\n"
            "III. Ý KIẾN CHỈ ĐẠO\n1. Về đầu tư hạ tầng: hoàn thiện hồ sơ dự án: giao Bộ Xây dựng chủ trì, "
            "phối hợp với các cơ quan liên quan nghiên cứu, báo cáo Chính phủ trước ngày 30 tháng 11 năm 2025.\n"
            "2. Về vốn: bố trí đủ vốn cho dự án theo quy định.\n")
    tasks = extract(ingest.parse_text(text)).tasks
    assert [o.name for o in tasks[0].owners] == ["Bộ Xây dựng"]
    assert [o.name for o in tasks[1].owners] != ["Bộ Xây dựng"]  # no request after its colon


def test_a_label_naming_a_kind_of_body_keeps_its_lower_case_complement():
    # the label names who does its items; its complement is part of the name, not an action
    assert heading_owners("Đề nghị các tổ chức cung cấp dịch vụ chi trả", labels_items=True) == [
        "các tổ chức cung cấp dịch vụ chi trả"]
    # without items under it the heading is not a label
    assert name_only_heading("các tổ chức cung cấp dịch vụ chi trả") is None
    # no body opens it: a topic, not a name
    assert name_only_heading("Phòng chống bệnh đường ruột", labels_items=True) is None


@pytest.mark.parametrize(("text", "expected"), [
    # a label, its colon, then a body that acts: the body owns the item
    ("Báo cáo quý: Sở Kế hoạch tổng hợp số liệu, gửi UBND tỉnh trước ngày 15 của tháng cuối quý.",
     ["Sở Kế hoạch"]),
    ("Hoàn thiện thể chế về dữ liệu: Các bộ khẩn trương trình Chính phủ ban hành các nghị định.", ["Các bộ"]),
    # a list of members after the colon, or a body stated with a copula: nobody acts
    ("Tổ chức hội nghị sơ kết, thành phần: Sở Tư pháp, Sở Nội vụ.", []),
    ("Kiện toàn Tổ công tác, bao gồm: Tổ trưởng là Giám đốc Sở Tư pháp; thành viên là đại diện các sở.", []),
    ("Kiện toàn Tổ công tác: Tổ trưởng là Giám đốc Sở Tư pháp.", []),
])
def test_a_body_that_acts_after_a_label_and_its_colon_owns_the_item(text, expected):
    assert explicit_owners(text, 0, len(text), structured=True) == expected


def test_a_heading_naming_a_post_by_its_duties_labels_its_items() -> None:
    from nlp.resolve import heading_owners, post_heading

    assert heading_owners("Phó Giám đốc phụ trách lĩnh vực tài chính, kế toán", labels_items=True) == [
        "Phó Giám đốc phụ trách lĩnh vực tài chính, kế toán"]
    assert post_heading("Các Cán bộ được phân công phụ trách địa bàn", labels_items=True) == (
        "Các Cán bộ được phân công phụ trách địa bàn")
    # no items under it, a sentence, or a plain duty without a title: no post
    assert post_heading("Phó Giám đốc phụ trách lĩnh vực tài chính") is None
    assert post_heading("Chuyên viên phụ trách văn phòng tổng hợp báo cáo.", labels_items=True) is None
    assert post_heading("Phụ trách lĩnh vực tài chính", labels_items=True) is None


POST_PLAN = """ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ AN BÌNH
Số: 07/KH-MTTQ
An Bình, ngày 02 tháng 12 năm 2025
KẾ HOẠCH
Tổ chức hội nghị cử tri năm 2026
III. PHÂN CÔNG THỰC HIỆN
1. Phó chủ tịch phụ trách lĩnh vực Tuyên giáo
- Biên soạn tài liệu tuyên truyền về hội nghị cử tri.
- Tổng hợp ý kiến cử tri gửi Ban Thường trực.
2. Chuyên viên phụ trách lĩnh vực Văn phòng
- Chuẩn bị hội trường và thiết bị cho hội nghị.
"""


def test_items_under_a_post_heading_belong_to_the_post() -> None:
    import ingest
    from nlp import extract

    tasks = extract(ingest.parse_text(POST_PLAN, filename="kh.txt")).tasks
    owners = {t.text: [o.name for o in t.owners] for t in tasks}
    assert owners["Biên soạn tài liệu tuyên truyền về hội nghị cử tri."] == ["Phó chủ tịch phụ trách lĩnh vực Tuyên giáo"]
    assert owners["Chuẩn bị hội trường và thiết bị cho hội nghị."] == ["Chuyên viên phụ trách lĩnh vực Văn phòng"]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Nội dung kiểm tra của Sở Tài chính", ["Sở Tài chính"]),
        ("Công việc của Văn phòng Ủy ban nhân dân tỉnh:", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("Nhiệm vụ chủ yếu của Ban Quản lý các khu công nghiệp tỉnh", ["Ban Quản lý các khu công nghiệp tỉnh"]),
        ("Trách nhiệm thực hiện của Ủy ban nhân dân các xã", ["Ủy ban nhân dân các xã"]),
        ("Nhiệm vụ, quyền hạn của Tổ công tác liên ngành", ["Tổ công tác liên ngành"]),
        ("**Vai trò của Hội Nông dân tỉnh**", ["Hội Nông dân tỉnh"]),
        # an action or another noun before "của": the body is what is acted on, or no owner at all
        ("Kiểm tra hoạt động của Ủy ban nhân dân các xã", []),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", []),
        ("Nội dung của Kế hoạch", []),
    ],
)
def test_a_heading_naming_what_a_body_has_to_do_hands_the_body_down(heading, expected):
    assert heading_owners(heading, labels_items=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Giao thông vận tải:", ["Sở Giao thông vận tải"]),
        ("Trách nhiệm của Kho bạc Nhà nước khu vực VI:", ["Kho bạc Nhà nước khu vực VI"]),
        ("Đối với Ủy ban nhân dân các phường:", ["Ủy ban nhân dân các phường"]),
        ("Nội dung giám sát của Ban Thường trực Ủy ban MTTQ xã:", ["Ban Thường trực Ủy ban MTTQ xã"]),
        # a label that names nobody, or a whole sentence, is no such lead-in
        ("Nội dung cụ thể như sau:", []),
        ("Kết quả đạt được trong năm 2025 của Sở Y tế được thể hiện ở các mặt công tác chủ yếu sau đây:", []),
    ],
)
def test_a_leadin_that_only_names_who_does_the_list(text, expected):
    from nlp.resolve import leadin_subject

    assert leadin_subject(text, 0, len(text)) == expected


def test_a_lower_case_kind_after_a_condition_clause_is_its_subject() -> None:
    from nlp.resolve import clause_owners, subject_after_opening

    text = "Trong quá trình thử nghiệm, nếu phần mềm phát sinh lỗi, cơ quan, tổ chức chủ động thông báo cho Sở Tư pháp."
    assert clause_owners(text, 0, len(text), structured=True) == ["cơ quan, tổ chức"]
    text = "Đối với hồ sơ nộp trực tuyến thì cơ quan tiếp nhận hồ sơ có trách nhiệm trả lời trong ngày."
    assert subject_after_opening(text, 0, len(text)) == ["cơ quan tiếp nhận hồ sơ"]


def test_a_lower_case_role_or_list_member_after_a_clause_is_no_subject() -> None:
    from nlp.resolve import clause_owners

    # "cơ quan chủ trì": the role of a body the structure names; "các Sở, cơ quan liên quan":
    # the kind closes a list that the subject (a name) follows
    text = "Trường hợp các đơn vị có ý kiến khác nhau, cơ quan chủ trì tổng hợp, báo cáo."
    assert clause_owners(text, 0, len(text), structured=True) == []
    text = "Trên cơ sở đề xuất của các Sở, cơ quan liên quan, Sở Nội vụ tổng hợp danh sách."
    assert "cơ quan liên quan" not in " ".join(clause_owners(text, 0, len(text), structured=True))
