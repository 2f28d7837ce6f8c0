"""Web copies (Markdown with layout pipes), flattened PDF columns and OCR'd signatures:
normalisation and header metadata, with negatives next to positives."""

from __future__ import annotations

import pytest

from ingest import parse_text
from ingest.normalize import normalize_text

# fmt: off
CLEAN = [
    # (raw, expected normalised text)
    ("|\n**BỘ NỘI VỤ**\n-------\n|\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 12/QĐ-BNV\n|",
     "BỘ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-BNV"),          # layout cells never join
    ("**2. ***Rà soát văn bản: *Đây là nhiệm vụ trọng tâm.", "2. Rà soát văn bản: Đây là nhiệm vụ trọng tâm."),
    ("**TM. ỦY BAN NHÂN\nDÂN **", "TM. ỦY BAN NHÂN DÂN"),                  # unbalanced closing stars
    ("Căn cứ Luật Tổ chức chính quyền địa phương; *", "Căn cứ Luật Tổ chức chính quyền địa phương;"),
    ("các bộ, ngành và địa phương[2] về công tác này.", "các bộ, ngành và địa phương về công tác này."),
    ("[2] Gồm đại diện các bộ.", "[2] Gồm đại diện các bộ."),              # the note itself stays
    ("* Về tổ chức bộ máy", "* Về tổ chức bộ máy"),                        # a bullet, not emphasis
    ("Các chỉ tiêu (*) được giao.", "Các chỉ tiêu (*) được giao."),        # a note mark
    ("__Nơi nhận__:\n- Như trên;", "Nơi nhận:\n- Như trên;"),
    ("**ỦY BAN NHÂN DÂN\n**\nTỈNH THANH HÓA", "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA"),  # a closing "**" alone on its line
    ("ĐẢNG BỘ TỈNH X\nTỈNH ỦY\n*\nSố 5-KH/TU", "ĐẢNG BỘ TỈNH X\nTỈNH ỦY\nSố 5-KH/TU"),   # the Party star is a rule
]
JOINS = [
    ("THỦ TƯỚNG\nCHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ"),                       # one body over two lines
    ("ĐẢNG BỘ TỈNH HÀ NAM\nTỈNH ỦY HÀ NAM", "ĐẢNG BỘ TỈNH HÀ NAM\nTỈNH ỦY HÀ NAM"),  # parent, then issuer
    ("K/T CHÁNH\nVĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTrần Văn Dũng",
     "K/T CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nTrần Văn Dũng"),
    ("KT. BỘ TRƯỞNG,\nCHỦ NHIỆM\nPHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM"),
    ("TM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"),
    ("T/M BAN THƯỜNG VỤ\nBÍ THƯ", "T/M BAN THƯỜNG VỤ\nBÍ THƯ"),
    ("*Đà Nẵng, ngày\n05 tháng 3 năm 2025*", "Đà Nẵng, ngày 05 tháng 3 năm 2025"),
]
# fmt: on


@pytest.mark.parametrize(("raw", "expected"), CLEAN)
def test_web_copy_markup_is_cleaned(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


@pytest.mark.parametrize(("raw", "expected"), JOINS)
def test_header_and_signature_lines_join(raw: str, expected: str) -> None:
    assert normalize_text(raw).text == expected


STATE_WEB = """|
**BỘ
NỘI VỤ**
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 215/KH-BNV
|
*Hà Nội, ngày
07 tháng 3 năm 2025*
|


**KẾ HOẠCH**

TRIỂN KHAI CÔNG TÁC CHUYỂN ĐỔI SỐ NĂM
2025

**I. MỤC ĐÍCH, YÊU CẦU**

1. Các đơn vị thuộc Bộ rà soát[1] quy trình nội bộ.

|
*Nơi nhận:*
- Các Thứ trưởng;
- Lưu: VT, VP.
|
**KT. BỘ TRƯỞNG**
THỨ TRƯỞNG
**Nguyễn Văn Bình**
|
"""

PARTY_CENTRAL = """BAN CHẤP HÀNH
TRUNG ƯƠNG
**BAN TỔ CHỨC**
*****
|
**ĐẢNG CỘNG
SẢN VIỆT NAM**
|
|
Số 88-TB/BTCTW
|
*Hà Nội, ngày
12 tháng 6 năm 2025*
|
**THÔNG BÁO KẾT LUẬN**
CỦA ĐỒNG CHÍ TRƯỞNG BAN TẠI HỘI NGHỊ GIAO BAN
**-----**
1. Các vụ, đơn vị khẩn trương hoàn thiện đề án.
|
__Nơi nhận__:
- Các đồng chí Ủy viên,
- Lưu Văn phòng.
|
**K/T TRƯỞNG
BAN**
PHÓ TRƯỞNG BAN THƯỜNG TRỰC
**Lê Thị Mai**
|
"""

PARTY_PROVINCE_UNIT = """TỈNH ỦY BẮC NINH
**BAN TUYÊN GIÁO**
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 45-HD/BTGTU
Bắc Ninh, ngày 02 tháng 4 năm 2025
HƯỚNG DẪN
tuyên truyền kỷ niệm ngày thành lập Đảng
1. Các cấp ủy tổ chức tuyên truyền.
T/M BAN TUYÊN GIÁO
PHÓ TRƯỞNG BAN
Hoàng Văn Nam
"""

DISTRICT = """ỦY BAN NHÂN DÂN
HUYỆN TUY PHONG
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/TB-UBND
Tuy Phong, ngày 20 tháng 5 năm 2024
THÔNG BÁO
Về việc tổ chức hội nghị tổng kết
1. Phòng Nội vụ chuẩn bị nội dung.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phan Văn Hòa
"""

FLATTENED_PDF = """BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỔNG CỤC THUẾ
Số:512/TCT-KK Hà Nội, ngày 09 tháng 6 năm 2021
V/v hướng dẫn kê khai thuế Đà Nẵng, ngày 09 tháng 6 năm 2021
Kính gửi: Cục Thuế các tỉnh, thành phố trực thuộc Trung ương.
1. Các Cục Thuế rà soát hồ sơ khai thuế.
Nơi nhận: KT.TỔNG CỤC TRƯỞNG
- Như trên; PHO TONG CUC TRUONG
- Lưu: VT, KK.
Trần Thị Lan
"""

# fmt: off
CASES = [
    (STATE_WEB, {"doc_type": "Kế hoạch", "number": "215/KH-BNV", "issuer": "Bộ Nội vụ", "issued_date": "2025-03-07",
                 "place": "Hà Nội", "title": "Triển khai công tác chuyển đổi số năm 2025", "signer": "Nguyễn Văn Bình",
                 "signer_title": "Thứ trưởng", "recipients": ["Các Thứ trưởng", "Lưu: VT, VP"]}),
    (PARTY_CENTRAL, {"doc_type": "Thông báo", "number": "88-TB/BTCTW", "issuer": "Ban Tổ chức Trung ương",
                     "issued_date": "2025-06-12", "place": "Hà Nội", "signer": "Lê Thị Mai",
                     "signer_title": "Phó Trưởng ban thường trực"}),
    (PARTY_PROVINCE_UNIT, {"doc_type": "Hướng dẫn", "issuer": "Ban Tuyên giáo Tỉnh ủy Bắc Ninh",
                           "issued_date": "2025-04-02", "signer": "Hoàng Văn Nam", "signer_title": "Phó Trưởng ban"}),
    (DISTRICT, {"doc_type": "Thông báo", "issuer": "Ủy ban nhân dân huyện Tuy Phong", "place": "Tuy Phong",
                "title": "Tổ chức hội nghị tổng kết", "signer": "Phan Văn Hòa", "signer_title": "Chủ tịch"}),
    (FLATTENED_PDF, {"doc_type": "Công văn", "number": "512/TCT-KK", "issued_date": "2021-06-09", "place": "Hà Nội",
                     "title": "Hướng dẫn kê khai thuế", "signer": "Trần Thị Lan", "signer_title": "Phó Tổng Cục trưởng",
                     "issuer": "Tổng cục Thuế"}),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_header_fields_of_real_formats(text: str, expected: dict) -> None:
    meta = parse_text(text).metadata.model_dump()
    for field, value in expected.items():
        assert meta[field] == value, field


def test_compound_type_line_moves_its_tail_into_the_title() -> None:
    meta = parse_text(PARTY_CENTRAL).metadata
    assert meta.title is not None and meta.title.lower() == "kết luận của đồng chí trưởng ban tại hội nghị giao ban"


@pytest.mark.parametrize(
    "text",
    [
        "BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 5/TCT-KK\nV/v kê khai\n1. Rà soát.",  # a named unit keeps its own name
        "ĐẢNG BỘ TỈNH HÀ NAM\nTỈNH ỦY HÀ NAM\nSố 3-CT/TU\nCHỈ THỊ\nvề công tác cán bộ\n1. Rà soát.",
    ],
)
def test_named_units_are_not_qualified_by_their_parent(text: str) -> None:
    issuer = parse_text(text).metadata.issuer
    assert issuer in ("Tổng cục Thuế", "Tỉnh ủy Hà Nam")


def test_signer_title_not_restored_from_a_body_line() -> None:
    text = "BỘ Y TẾ\nSố: 7/CV-BYT\nV/v phòng dịch\n1. Các Sở Y tế báo cáo.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    meta = parse_text(text).metadata
    assert meta.signer_title is None and meta.signer is None


@pytest.mark.parametrize("text", [STATE_WEB, PARTY_CENTRAL, FLATTENED_PDF])
def test_web_copy_offsets_stay_consistent(text: str) -> None:
    doc = parse_text(text)
    for s in doc.sections:
        assert doc.text[s.start:s.end].strip()
    n = normalize_text(text)
    assert len(n.offsets) == len(n.text)
    for p in n.paragraphs:
        assert n.text[p.start:p.end] == p.text
    for i, ch in enumerate(n.text):
        where = n.offsets.to_raw(i)
        if where is not None and not ch.isspace():
            assert text[where[1]] == ch


PORTAL = """Kế hoạch về việc tăng cường phòng cháy chữa cháy trên địa bàn tỉnh
- Các sở, ngành rà soát cơ sở có nguy cơ cháy nổ.
- Ủy ban nhân dân các huyện tổ chức kiểm tra.
Xem toàn văn Kế hoạch số 12/KH-UBND
"""
NOT_PORTAL = """Kế hoạch về việc tăng cường phòng cháy chữa cháy trên địa bàn tỉnh
- Các sở, ngành rà soát cơ sở có nguy cơ cháy nổ.
Chi tiết kết quả kiểm tra tại Phụ lục 01 kèm theo.
"""


@pytest.mark.parametrize(
    ("text", "doc_type", "title"),
    [(PORTAL, "Tin bài", "Kế hoạch về việc tăng cường phòng cháy chữa cháy trên địa bàn tỉnh"), (NOT_PORTAL, None, None)],
)
def test_portal_summary_is_a_news_item(text: str, doc_type: str | None, title: str | None) -> None:
    meta = parse_text(text).metadata
    assert (meta.doc_type, meta.title) == (doc_type, title)
