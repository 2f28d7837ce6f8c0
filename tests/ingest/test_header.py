"""Header metadata for State and Party headers, news pages, signatures and bylines."""

from __future__ import annotations

import pytest

from ingest import parse_text
from ingest.header import org_case, position_case

STATE = """ỦY BAN NHÂN DÂN
TỈNH BÌNH DƯƠNG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 25/KH-UBND
Bình Dương, ngày 05 tháng 02 năm 2026
KẾ HOẠCH
TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2026
Căn cứ Luật Tổ chức chính quyền địa phương;
I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm hiệu quả.
Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""

PARTY = """ĐẢNG BỘ TỈNH NAM ĐỊNH
TỈNH ỦY NAM ĐỊNH
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 15-CT/TU
Nam Định, ngày 12 tháng 3 năm 2025
CHỈ THỊ
về tăng cường công tác kiểm tra, giám sát
1. Các cấp ủy tăng cường kiểm tra.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Trần Văn Bình
"""

HEADERLESS_PARTY = """CHỈ THỊ

tiếp tục tăng cường công tác dân vận

Ban Thường vụ Thành ủy yêu cầu các cấp ủy thực hiện tốt các nhiệm vụ sau đây:

1. Các cấp ủy quán triệt chỉ thị này.

**T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ**

Lê Thị Hoa
"""

NEWS = """Tăng cường kiểm tra công tác thi hành án năm 2024

12/03/2024
Sáng 12/3/2024, Bộ Tư pháp tổ chức hội nghị sơ kết công tác, rà soát nhiều nội dung quan trọng.
Bộ trưởng yêu cầu các đơn vị tiếp tục tăng cường kiểm tra.
Nguyễn Minh Tâm - VPTC
"""

NEWS_LEAD = """Ngày 26/4/2024, Ban cán sự đảng Bộ Nội vụ đã ban hành Kế hoạch số 12-KH/BCSĐ về cải cách hành chính.
Kế hoạch xác định mục đích và yêu cầu cụ thể cho các đơn vị.
Trần An
"""

SPEECH = """Để nâng cao hiệu quả công tác, Cục trưởng yêu cầu:
1. Tăng cường kiểm tra nội bộ.
2. Báo cáo kết quả.
Cục trưởng Cục Quản lý thuế đề nghị các đơn vị thực hiện nghiêm./.
"""

# fmt: off
CASES = [
    (STATE, {"doc_type": "Kế hoạch", "number": "25/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Bình Dương",
             "issued_date": "2026-02-05", "place": "Bình Dương",
             "title": "Triển khai công tác cải cách hành chính năm 2026", "signer": "Nguyễn Văn An",
             "signer_title": "Phó Chủ tịch", "recipients": ["Bộ Nội vụ", "Lưu: VT"]}),
    (PARTY, {"doc_type": "Chỉ thị", "number": "15-CT/TU", "issuer": "Tỉnh ủy Nam Định", "issued_date": "2025-03-12",
             "place": "Nam Định", "title": "Về tăng cường công tác kiểm tra, giám sát", "signer": "Trần Văn Bình",
             "signer_title": "Bí thư"}),
    (HEADERLESS_PARTY, {"doc_type": "Chỉ thị", "number": None, "issuer": "Ban Thường vụ Thành ủy", "issued_date": None,
                        "title": "Tiếp tục tăng cường công tác dân vận", "signer": "Lê Thị Hoa", "signer_title": "Phó Bí thư"}),
    (NEWS, {"doc_type": "Tin bài", "issued_date": "2024-03-12", "issuer": None, "signer": "Nguyễn Minh Tâm",
            "title": "Tăng cường kiểm tra công tác thi hành án năm 2024", "number": None}),
    (NEWS_LEAD, {"doc_type": "Tin bài", "issued_date": None, "title": None, "signer": "Trần An", "number": None}),
    (SPEECH, {"doc_type": None, "issuer": "Cục Quản lý thuế", "signer": None, "issued_date": None, "number": None}),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_header_fields(text: str, expected: dict) -> None:
    meta = parse_text(text).metadata.model_dump()
    for field, value in expected.items():
        assert meta[field] == value, field


@pytest.mark.parametrize(
    ("caps", "expected"),
    [("THỨ TRƯỞNG", "Thứ trưởng"), ("PHÓ BÍ THƯ", "Phó Bí thư"), ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
     ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"), ("GIÁM ĐỐC", "Giám đốc")],
)
def test_position_case(caps: str, expected: str) -> None:
    assert position_case(caps) == expected


@pytest.mark.parametrize(
    ("caps", "expected"),
    [("BỘ TƯ PHÁP", "Bộ Tư pháp"), ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Bộ Kế hoạch và Đầu tư"),
     ("ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "Ủy ban nhân dân tỉnh Bình Dương"), ("TỈNH ỦY NAM ĐỊNH", "Tỉnh ủy Nam Định"),
     ("TỔNG CỤC THI HÀNH ÁN DÂN SỰ", "Tổng cục Thi hành án dân sự"), ("Bộ Tư pháp", "Bộ Tư pháp")],
)
def test_org_case(caps: str, expected: str) -> None:
    assert org_case(caps) == expected


def test_body_number_is_not_the_document_number() -> None:
    text = "Tổng cục trưởng yêu cầu:\n1. Thực hiện Chỉ thị Số: 01/CT-BTP ngày 11/02/2014 của Bộ trưởng.\n"
    assert parse_text(text).metadata.number is None


def test_draft_date_blanks_give_no_date() -> None:
    text = "BỘ TƯ PHÁP\nSố: /QĐ-BTP\nHà Nội, ngày    tháng    năm 2026\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế\n"
    meta = parse_text(text).metadata
    assert meta.issued_date is None and meta.place == "Hà Nội"


def test_title_stops_where_the_body_opens() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 08/CT-UBND\nQuảng Nam, ngày 12 tháng 3 năm 2024\nCHỈ THỊ\n"
            "Về việc tăng cường công tác quản lý đất đai trên địa bàn tỉnh\n"
            "Thời gian qua, công tác quản lý đất đai đã đạt được nhiều kết quả.\n"
            "1. Sở Tài nguyên và Môi trường chủ trì rà soát quỹ đất công.\n")
    doc = parse_text(text)
    assert doc.metadata.title == "Tăng cường công tác quản lý đất đai trên địa bàn tỉnh"
    assert "\nThời gian qua, công tác" in doc.text


@pytest.mark.parametrize(("head", "issuer"), [
    ("ĐẢNG BỘ TỈNH BẮC NINH\nTỈNH ỦY", "Tỉnh ủy Bắc Ninh"),
    ("ĐẢNG BỘ TỈNH BẮC NINH\nBAN THƯỜNG VỤ TỈNH ỦY", "Ban Thường vụ Tỉnh ủy Bắc Ninh"),
    ("ĐẢNG BỘ HUYỆN GIA LÂM\nHUYỆN ỦY", "Huyện ủy Gia Lâm"),
    ("TỈNH ỦY BẮC NINH", "Tỉnh ủy Bắc Ninh"),
    ("TỈNH ỦY NGHỆ AN\nBAN TỔ CHỨC", "Ban Tổ chức Tỉnh ủy Nghệ An"),
])
def test_party_committee_named_without_its_place_takes_the_parent_s(head: str, issuer: str) -> None:
    text = (f"{head}\n*\nSố 45-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nBắc Ninh, ngày 20 tháng 5 năm 2023\n"
            "KẾ HOẠCH\nthực hiện Chỉ thị số 21-CT/TW\nI. NHIỆM VỤ\n1. Các cấp ủy tổ chức quán triệt Chỉ thị.\n")
    assert parse_text(text).metadata.issuer == issuer


CONG_VAN = """BỘ Y TẾ
Số: 3456/BYT-KCB
V/v tăng cường công tác phòng, chống dịch sốt xuất huyết
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 14 tháng 6 năm 2024
Kính gửi:
- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;
- Sở Y tế các tỉnh, thành phố trực thuộc Trung ương.
Để chủ động phòng, chống dịch, Bộ Y tế đề nghị Ủy ban nhân dân các tỉnh chỉ đạo thực hiện:
1. Tổ chức chiến dịch diệt lăng quăng, bọ gậy trước ngày 30/6/2024.
"""


def test_cong_van_motto_date_and_addressee_list_after_the_subject_line_are_header() -> None:
    from nlp import extract

    doc = parse_text(CONG_VAN)
    assert doc.metadata.issued_date == "2024-06-14" and doc.metadata.place == "Hà Nội"
    body = next(z for z in doc.zones if z.kind == "body")
    assert doc.text[body.start:].startswith("Để chủ động")
    # the addressees are not tasks
    assert [t.text[:9] for t in extract(doc).tasks] == ["Tổ chức c"]


RECASED = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 41/KH-UBND
Cần Thơ, ngày 05 tháng 02 năm 2026
KẾ HOẠCH
TRIỂN KHAI LUẬT VIỆC LÀM VÀ ỨNG DỤNG IOT TRONG THỦ TỤC HÀNH CHÍNH TRÊN ĐỊA BÀN THÀNH PHỐ CẦN THƠ
THEO QUYẾT ĐỊNH SỐ 12/QĐ-TTG
Thực hiện Luật Việc làm và Quyết định số 12/QĐ-TTg của Thủ tướng Chính phủ, Ủy ban nhân dân
thành phố Cần Thơ ban hành Kế hoạch ứng dụng IoT trong thủ tục hành chính như sau:
I. MỤC ĐÍCH
1. Các sở ứng dụng IoT trong giải quyết thủ tục hành chính trên địa bàn thành phố Cần Thơ.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn B
"""


def test_a_caps_title_takes_the_spelling_its_body_gives_each_phrase() -> None:
    # names keep their capitals (Luật Việc làm, Cần Thơ), IoT its mixed case, the number its
    # own spelling, and common words whose body spelling is lower case lose theirs — even
    # "chính" next to "Chính phủ", because the longer run "thủ tục hành chính" covers it
    title = parse_text(RECASED).metadata.title
    assert title == ("Triển khai Luật Việc làm và ứng dụng IoT trong thủ tục hành chính trên địa bàn "
                     "thành phố Cần Thơ theo Quyết định số 12/QĐ-TTg")


def test_words_capitalised_only_by_position_do_not_count() -> None:
    # "Các" opens an item and "Thực" a sentence: neither makes the title's word capitalised
    title = parse_text(RECASED.replace("LUẬT VIỆC LÀM VÀ", "CÁC")).metadata.title
    assert title.startswith("Triển khai các ứng dụng IoT")


WRAPPED_CELLS = """VĂN PHÒNG
CHÍNH PHỦ
--------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
|
Số: 77/TB-VPCP
|
Thành phố Hồ Chí
Minh, ngày 03 tháng 4 năm 2025
THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại buổi làm việc
1. Các bộ, ngành khẩn trương triển khai thực hiện.
Nơi nhận:
- Lưu: VT.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Lê Văn C
"""


def test_a_name_and_a_place_wrapped_in_their_header_cells_are_read_whole() -> None:
    # a web copy keeps the cells' line breaks: "VĂN PHÒNG" / "CHÍNH PHỦ" is one issuer (a bare
    # head names nobody), "Thành phố Hồ Chí" / "Minh, ngày ..." one place
    md = parse_text(WRAPPED_CELLS).metadata
    assert md.issuer == "Văn phòng Chính phủ"
    assert md.place == "Thành phố Hồ Chí Minh"
    assert md.issued_date == "2025-04-03"


def test_a_parent_body_above_its_unit_is_not_joined_to_it() -> None:
    md = parse_text(WRAPPED_CELLS.replace("VĂN PHÒNG\nCHÍNH PHỦ", "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ")).metadata
    assert md.issuer == "Tổng cục Thuế"


def test_a_quoted_name_in_a_caps_title_opens_with_a_capital() -> None:
    text = RECASED.replace("TRIỂN KHAI LUẬT VIỆC LÀM VÀ", "THỰC HIỆN ĐỀ ÁN “NÂNG CAO NĂNG LỰC” VÀ")
    # (the body never writes "đề án", so it stays lower case; the quoted name opens with a capital)
    assert parse_text(text).metadata.title.startswith("Thực hiện đề án “Nâng cao năng lực” và")


def test_collective_council_completed_with_its_place_named_over_a_line_break() -> None:
    from ingest.header import _complete_org

    body = "Thời gian qua, Ủy ban nhân\ndân (UBND) tỉnh Lâm Viên đã ban hành nhiều văn bản; UBND Tỉnh yêu cầu các sở."
    assert _complete_org("Ủy ban nhân dân", body) == "Ủy ban nhân dân tỉnh Lâm Viên"


def test_collective_council_completed_with_its_own_unit_through_the_acronym() -> None:
    from ingest.header import _complete_org

    body = "Ủy ban nhân dân các xã, phường báo cáo UBND Thành phố kết quả; UBND Thành phố giao Sở Tài chính theo dõi."
    assert _complete_org("Ủy ban nhân dân", body) == "Ủy ban nhân dân Thành phố"


def test_collective_place_stops_before_the_verb() -> None:
    from ingest.header import _complete_org

    assert _complete_org("Ủy ban nhân dân", "Ủy ban nhân dân thành phố Cát Hải đề nghị các sở.") == (
        "Ủy ban nhân dân thành phố Cát Hải"
    )


def test_collective_completed_with_its_parent_body_and_place() -> None:
    from ingest.header import _complete_org

    body = "Trên đây là Kế hoạch của Ban Thường trực Ủy ban MTTQ Việt Nam phường Hòa Bình về hội nghị cử tri."
    assert _complete_org("Ban Thường trực", body) == "Ban Thường trực Ủy ban MTTQ Việt Nam phường Hòa Bình"


def test_collective_parent_without_a_place_is_not_taken() -> None:
    from ingest.header import _complete_org

    assert _complete_org("Ban Thường trực", "Ban Thường trực Ủy ban MTTQ Việt Nam các cấp phối hợp.") == "Ban Thường trực"
