"""A collective signature (``TM. ỦY BAN NHÂN DÂN``) in a text that never writes its place:
the issuer is the body at the level the text names it (``Ủy ban nhân dân tỉnh``); a named
place still wins. And a well-formed number whose unit code has a dot (``V.I``: Vụ I) is
kept. Sentences of our own."""

from __future__ import annotations

from ingest import parse_text
from ingest.issuers import readable_number

ITEMS = ("1. Sở Tài chính tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí.\n\n"
         "2. Các sở báo cáo UBND tỉnh về kết quả thực hiện.\n\n3. UBND cấp xã phối hợp triển khai.\n\n")
SIGNED = "Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nLê Văn Nam\n"


def test_level_named_without_place() -> None:
    assert parse_text("IV. TỔ CHỨC THỰC HIỆN\n\n" + ITEMS + SIGNED).metadata.issuer == "Ủy ban nhân dân tỉnh"


def test_named_place_wins() -> None:
    text = "IV. TỔ CHỨC THỰC HIỆN\n\n" + ITEMS + "4. Ủy ban nhân dân tỉnh Quảng Trị giao các sở.\n\n" + SIGNED
    assert parse_text(text).metadata.issuer == "Ủy ban nhân dân tỉnh Quảng Trị"


def test_dotted_unit_code() -> None:
    assert readable_number("11554/VPCP-V.I") and readable_number("12/VPCP-V.III")
    assert not readable_number("12/VPCP-V..I") and not readable_number("12/VPCP-V.i")
