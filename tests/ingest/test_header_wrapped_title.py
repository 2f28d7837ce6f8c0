"""A caps trích yếu wrapped over paragraphs: a line that cannot end it (a clause mark at its
end, or one word cut off by a drop capital) is continued by the caps paragraph after it —
never by an item, the preamble or the enacting authority above ``Căn cứ``. Sentences of our
own."""

from __future__ import annotations

import pytest

from ingest import parse_text

HEAD = "BỘ Y TẾ\n\nSố: 15/TB-BYT\n\nHà Nội, ngày 02 tháng 4 năm 2024\n\n"
BODY = "Ngày 28 tháng 3 năm 2024, Thứ trưởng Bộ Y tế chủ trì cuộc họp với các bệnh viện.\n\n1. Các bệnh viện rà soát danh mục thuốc.\n"


def title(text: str) -> str | None:
    return parse_text(text).metadata.title


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a drop capital cut off its first word
        ("Ý\n\nKIẾN KẾT LUẬN CỦA THỨ TRƯỞNG TẠI CUỘC HỌP VỀ CUNG ỨNG THUỐC",
         "Ý kiến kết luận của thứ trưởng tại cuộc họp về cung ứng thuốc"),
        # a line ending on a clause mark
        ("VỀ TĂNG CƯỜNG CUNG ỨNG THUỐC;\n\nBẢO ĐẢM ĐỦ VẬT TƯ Y TẾ CHO CÁC BỆNH VIỆN",
         "Về tăng cường cung ứng thuốc; bảo đảm đủ vật tư y tế cho các bệnh viện"),
        # a complete line is the whole trích yếu
        ("VỀ TĂNG CƯỜNG CUNG ỨNG THUỐC\n\nBẢO ĐẢM ĐỦ VẬT TƯ Y TẾ", "Về tăng cường cung ứng thuốc"),
    ],
)
def test_wrapped_title(lines: str, expected: str) -> None:
    got = title(HEAD + "THÔNG BÁO\n\n" + lines + "\n\n" + BODY)
    assert got is not None and got.lower() == expected.lower()


def test_enacting_authority_is_not_title() -> None:
    text = ("NGHỊ QUYẾT\n\nVỀ TĂNG CƯỜNG CUNG ỨNG THUỐC;\n\nCHÍNH PHỦ\n\n"
            "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n\nQUYẾT NGHỊ:\n\n" + BODY)
    assert title(text).lower().rstrip(";") == "về tăng cường cung ứng thuốc"


def test_item_is_not_title() -> None:
    text = HEAD + "THÔNG BÁO\n\nVỀ CUNG ỨNG THUỐC;\n\nI. ĐÁNH GIÁ CHUNG\n\n" + BODY
    assert title(text).lower().rstrip(";") == "về cung ứng thuốc"
