"""OCR'd and unaccented headers read leniently: issuers matched against the known bodies
(accent-insensitive, small edit distance) give their canonical name; a number, issuer or date
that cannot be read with confidence is null, never the garbled string. Negatives next to
positives."""

from __future__ import annotations

import pytest

from ingest import issuers, parse_text
from ingest.zones import doc_type_text

# fmt: off
MATCHES = [
    # (header line, canonical body or None)
    ("THỦ TƯỚNG CHÍNH PHÚ", "Thủ tướng Chính phủ"),           # OCR tone
    ("THỦ TƯỚNG CHÍNHPHỦ", "Thủ tướng Chính phủ"),            # lost space
    ("Van phong chính phu", "Văn phòng Chính phủ"),           # lost accents
    ("BO TU PHAP", "Bộ Tư pháp"),
    ("TONG CỤC THU. cue THUẾ: TỈNH HÒA BÌNH", "Tổng cục Thuế"),  # the name, then noise
    ("UY BAN NHAN DAN TINH NGHE AN", "Ủy ban nhân dân tỉnh Nghệ An"),
    ("UBND TỈNH QUẢNG NAM", "Ủy ban nhân dân tỉnh Quảng Nam"),
    ("TINH UY THANH HOA", "Tỉnh ủy Thanh Hóa"),
    ("BAN CHAP HANH TRUNG UONG", "Ban Chấp hành Trung ương"),
    ("SỞ TƯ PHÁP", None),                                     # not Bộ Tư pháp: the head is read as is
    ("ỦY BAN NHÂN DÂN XÃ HÒA BÌNH", None),                     # a commune, not the province
    ("UBND HUYỆN TUY PHONG", None),                           # districts are not in the list
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None),
    ("CONG THONG TIN DIEN TU CHINH PHU", None),               # the portal's stamp
    ("BỘ", None),
    ("UBND THỊ XÃ PHÚ THỌ", None),                            # a town, not the province (no edits on a clean line)
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ THỦ ĐỨC", None),               # not Huế
    ("TONG CUC THUF", "Tổng cục Thuế"),                        # a garbled line: one edit
]
NUMBERS = [
    ("1804/QĐ-BTP", True), ("05/CT-TTg", True), ("196-KH/BCSĐ", True), ("87-CTr/BCSĐ", True),
    ("16/2021/QH15", True), ("1804/qđ-btp", True), ("19/2012/TTLT-BTC-BKH&ĐT-BTTTT", True),
    ("41/CT-TTs", False),       # an OCR'd "TTg"
    ("3O4/TB-VPCP", False),     # a letter O among the digits
    ("12/QĐ-", False), ("/KH-UBND", False), ("12", False),
]
SYMBOLS = [
    ("Số: 470/TCT-TTKT", "Tổng cục Thuế"),
    ("Số: §Ø0 /TCT-TTr", "Tổng cục Thuế"),                    # digits unreadable, the code is not
    ("Số 432-TB/VPTW", "Văn phòng Trung ương Đảng"),
    ("Số: 11/CT-TTg", "Thủ tướng Chính phủ"),
    ("Số: 12/QĐ-UBND Quảng Nam, ngày 05 tháng 3 năm 2024", None),  # UBND needs its place
    ("Số 45-KH/TU", None),
    ("Song song với CP", None),                               # no number label
]
GARBLED = [
    ("THỦ TƯỚNG CHÍNHPHỦ", True), ("TỎNG CỤC 'G CỤC THUÊSZ", True), ("CUC THUE TINH HOA BINH", True),
    ("SỞ TƯ PHÁP", False), ("ỦY BAN NHÂN DÂN HUYỆN TUY PHONG", False), ("UBND TỈNH NGHỆ AN", False),
    ("SỞ KH&CN", False), ("BAN CHỈ ĐẠO 389 TỈNH", False),                          # abbreviations and numbers
    ("ỦY BAN NHÂN DÂN HUYỆN KRÔNG BÚK", False), ("UBND HUYỆN CƯ M'GAR", False),   # minority place names
    ("UBND THÀNH PHỐ PLEIKU", False),
]
TYPE_LINES = [
    ("CHỈ THỊ", "CHỈ THỊ"), ("DEN i: : _¬ CHỈ THỊ", "CHỈ THỊ"), ("QUYẾT ĐỊNH:", "QUYẾT ĐỊNH"),
    ("THONG BAO", "THÔNG BÁO"), ("KE HOACH", "KẾ HOẠCH"), ("Thong bao", None),
    ("ỦY BAN NHÂN DÂN QUYẾT ĐỊNH", None), ("Điều 1. KẾ HOẠCH", None), ("Về việc ban hành KẾ HOẠCH", None),
]

OCR_TTG = """Ký bởi: Cổng Thông tin điện tử Chính phủ
Thời gian ký: 06.03.2020 11:23:02 +07:00

THỦ TƯỚNG CHÍNH PHÚ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
—— Độc lập - Tự do - Hạnh phúc

41 /CT-TTs Ha Nội, ngàyháng 3 năm 2020

DEN i: : _¬ CHỈ THỊ

Ig-Q612/2G20 -| Về các nhiệm vụ, giải pháp cấp bách ứng phó với dịch Covid-19

Các bộ, ngành, địa phương khẩn trương triển khai các giải pháp sau đây.
1. Bộ Kế hoạch và Đầu tư chủ trì rà soát các chính sách hỗ trợ.
"""
OCR_VPCP = """Van phong chính phu
CONG HOA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 3O4/TB-VPCP
Hà Nội, ngày  tháng 6 năm 2025
THÔNG BÁO
Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp về nhà ở xã hội
1. Bộ Xây dựng chủ trì hoàn thiện dự thảo Nghị định.
"""
UNACCENTED_PROVINCE = """UY BAN NHAN DAN TINH QUANG NAM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Quảng Nam, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Cải cách hành chính năm 2024
1. Sở Nội vụ chủ trì triển khai.
"""
GARBLED_DISTRICT = """UY BAN NHAN DAN HUYEN TUY PHONG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/UBND-VP
Tuy Phong, ngày 2S tháng 5 năm 2024
V/v triển khai công tác phòng, chống thiên tai
1. Các xã rà soát phương án ứng phó.
"""
CLEAN_UNIT = """ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
SỞ TƯ PHÁP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/KH-STP
Nghệ An, ngày 10 tháng 02 năm 2025
KẾ HOẠCH
Phổ biến, giáo dục pháp luật năm 2025
1. Phòng Phổ biến, giáo dục pháp luật chủ trì.
"""
OCR_PARTY = """TINH UY NGHE AN
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 45-KH/TU
Nghệ An, ngày 03 tháng 4 năm 2025
KẾ HOẠCH
tổ chức quán triệt Kết luận của Bộ Chính trị
1. Các cấp ủy tổ chức quán triệt.
"""
OCR_DISTRICT_PARTY = """HUYEN UY TUY PHONG
*
ĐẢNG CỘNG SẢN VIỆT NAM
Số 93-TB/HU
Tuy Phong, ngày 15 tháng 01 năm 2021
THÔNG BÁO
kết luận của Ban Thường vụ Huyện ủy
1. Ủy ban nhân dân huyện chỉ đạo hoàn thành kế hoạch.
"""
UNACCENTED_COMMUNE = """UY BAN NHAN DAN XA TAN PHU
CONG HOA XA HOI CHU NGHIA VIET NAM
Số: 15/TB-UBND
Tân Phú, ngày 2 tháng 3 năm 2025
THONG BAO
Lịch tiếp công dân tháng 3 năm 2025
1. Văn phòng bố trí địa điểm.
"""

DOCUMENTS = [
    (OCR_TTG, {"doc_type": "Chỉ thị", "number": None, "issuer": "Thủ tướng Chính phủ", "issued_date": None,
               "title": "Về các nhiệm vụ, giải pháp cấp bách ứng phó với dịch Covid-19"}),
    (OCR_VPCP, {"doc_type": "Thông báo", "number": None, "issuer": "Văn phòng Chính phủ", "issued_date": None,
                "place": "Hà Nội"}),
    (UNACCENTED_PROVINCE, {"number": "12/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Quảng Nam",
                           "issued_date": "2024-03-05"}),
    (GARBLED_DISTRICT, {"doc_type": "Công văn", "number": "15/UBND-VP", "issuer": None, "issued_date": None}),
    # a department of a UBND takes its place (dev 118)
    (CLEAN_UNIT, {"issuer": "Sở Tư pháp tỉnh Nghệ An", "number": "88/KH-STP", "issued_date": "2025-02-10"}),
    (CLEAN_UNIT.replace("ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nSỞ TƯ PHÁP", "ỦY BAN NHÂN DÂN HUYỆN KRÔNG BÚK"),
     {"issuer": "Ủy ban nhân dân huyện Krông Búk"}),
    (CLEAN_UNIT.replace("SỞ TƯ PHÁP", "SỞ KH&CN").replace("88/KH-STP", "88/KH-SKHCN"), {"issuer": "Sở KH&CN tỉnh Nghệ An"}),
    (OCR_PARTY, {"issuer": "Tỉnh ủy Nghệ An", "number": "45-KH/TU", "issued_date": "2025-04-03"}),
    (OCR_DISTRICT_PARTY, {"issuer": None, "number": "93-TB/HU"}),   # an unaccented district: unreadable
    (UNACCENTED_COMMUNE, {"doc_type": "Thông báo", "issuer": None, "title": "Lịch tiếp công dân tháng 3 năm 2025"}),
]
PLACES = [
    ("Hà Nội", True), ("Tuy Phong", True), ("TP. Hồ Chí Minh", True), ("Bà Rịa - Vũng Tàu", True),
    ("Khánh Hoà", True),                    # old tone placement is still the name
    ("Ha Nội", False), ("Hà Nôi", False),   # a known city with its accents damaged
    ("là Nội", False), ("Đ3 Nẵng", False),
]
HEADERLESS = [
    # (text, doc_type): an excerpt that links to what came before it is a news report
    ("Theo đó, Ban Thường vụ Huyện ủy đề nghị cấp ủy các chi bộ tổ chức quán triệt Kết luận.\n"
     "Thời gian hoàn thành chậm nhất ngày 14/5/2021.", "Tin bài"),
    ("Tại hội nghị, đồng chí Bí thư Tỉnh ủy yêu cầu các cấp ủy tập trung lãnh đạo.", "Tin bài"),
    ("Thời gian qua, công tác thi hành án đạt nhiều kết quả.\n1. Các Cục THADS rà soát án tồn đọng.", None),
    ("Ngày 26/4/2024, Ban cán sự đảng Bộ Tư pháp đã ban hành Kế hoạch số 196-KH/BCSĐ.\n1. Các đơn vị quán triệt.", "Tin bài"),
    ("Ngày 26/4/2024, các đơn vị tổ chức tổng kết công tác.\n1. Các đơn vị báo cáo.", None),   # no report of a past act
    ("Theo đó, các sở, ngành triển khai.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nLê Văn An", None),
]
SPLIT_NUMBERS = [
    # (number line as OCR or wrapping left it, number read)
    ("Số: 11/CT-\nTTg", "11/CT-TTg"),          # wrapped at its joint
    ("Số: 11/CT- TTg", "11/CT-TTg"),
    ("Số: 11 / CT - TTg", "11/CT-TTg"),
    ("Số: 1 1/CT-TTg", "11/CT-TTg"),           # split digits
    ("Số 45- KH/TU", "45-KH/TU"),
    ("Số: ll/CT-TTg", None),                   # letters for digits: unreadable
    ("Số: 41 /CT-TTs", None),
    ("Số: 15 Hà Nội", None),                   # no symbol
]
# fmt: on

_NUMBER_DOC = "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{}\nHà Nội, ngày 04 tháng 3 năm 2020\nCHỈ THỊ\nVề x\n1. Các bộ triển khai.\n"


@pytest.mark.parametrize(("line", "expected"), SPLIT_NUMBERS)
def test_split_number_is_read_or_null(line: str, expected: str | None) -> None:
    assert parse_text(_NUMBER_DOC.format(line)).metadata.number == expected


@pytest.mark.parametrize(("place", "expected"), PLACES)
def test_readable_place(place: str, expected: bool) -> None:
    assert issuers.readable_place(place) is expected


@pytest.mark.parametrize(("text", "expected"), HEADERLESS)
def test_headerless_excerpt_is_a_news_report(text: str, expected: str | None) -> None:
    assert parse_text(text).metadata.doc_type == expected


def test_garbled_place_is_null_and_the_date_kept() -> None:
    meta = parse_text("BỘ TƯ PHÁP\nSố: 5/KH-BTP\nHa Nội, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nRà soát\n1. Rà soát.").metadata
    assert (meta.place, meta.issued_date) == (None, "2024-03-05")


@pytest.mark.parametrize(("line", "expected"), MATCHES)
def test_issuer_matched_leniently(line: str, expected: str | None) -> None:
    assert issuers.match(line) == expected


@pytest.mark.parametrize(("number", "expected"), NUMBERS)
def test_readable_number(number: str, expected: bool) -> None:
    assert issuers.readable_number(number) is expected


@pytest.mark.parametrize(("line", "expected"), SYMBOLS)
def test_issuer_from_number_code(line: str, expected: str | None) -> None:
    assert issuers.from_symbol(line) == expected


@pytest.mark.parametrize(("line", "expected"), GARBLED)
def test_garbled_line(line: str, expected: bool) -> None:
    assert issuers.garbled(line) is expected


@pytest.mark.parametrize(("line", "expected"), TYPE_LINES)
def test_type_line_behind_stamp_noise(line: str, expected: str | None) -> None:
    assert doc_type_text(line) == expected


@pytest.mark.parametrize(("text", "expected"), DOCUMENTS)
def test_ocr_header_fields(text: str, expected: dict) -> None:
    meta = parse_text(text).metadata.model_dump()
    for field, value in expected.items():
        assert meta[field] == value, field
