"""A copy without its issuer block names its issuer through the authority its signer signs
under: a title one body holds (``KT. THỦ TƯỚNG``), a title a few bodies hold and the one of
them the text names (``BỘ TRƯỞNG, CHỦ NHIỆM`` + ``VPCP``), or a title of a kind of body
(``TL. BỘ TRƯỞNG``) and the body of that kind the letter's opening or closing formula makes
the subject of its request. Sentences of our own; never a guess."""

from __future__ import annotations

import pytest

from ingest import parse_text

ADDRESS = "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.\n\n"
ITEMS = "1. Rà soát danh mục dự án đầu tư công.\n\n2. Báo cáo kết quả trước ngày 30/6/2024.\n\n"
RECIPIENTS = "Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\n"


def issuer(text: str) -> str | None:
    return parse_text(text).metadata.issuer


# fmt: off
CASES = [
    # a title one body holds
    (ADDRESS + ITEMS + RECIPIENTS + "KT. THỦ TƯỚNG\n\nPHÓ THỦ TƯỚNG\n\nLê Văn Thành\n", "Thủ tướng Chính phủ"),
    (ADDRESS + ITEMS + RECIPIENTS + "THỦ TƯỚNG\n\nNguyễn Văn An\n", "Thủ tướng Chính phủ"),
    # a title a few bodies hold: the one the text names (here by its code)
    (ADDRESS + ITEMS + "Nơi nhận:\n\n- Như trên;\n\n- VPCP: BTCN, các PCN;\n\n- Lưu: VT.\n\n"
     "KT. BỘ TRƯỞNG, CHỦ NHIỆM\n\nPHÓ CHỦ NHIỆM\n\nTrần Văn Bình\n", "Văn phòng Chính phủ"),
    (ADDRESS + ITEMS + RECIPIENTS + "KT. BỘ TRƯỞNG, CHỦ NHIỆM\n\nPHÓ CHỦ NHIỆM\n\nTrần Văn Bình\n", None),  # none named
    (ADDRESS + ITEMS + "Nơi nhận:\n\n- VPCP;\n\n- Ủy ban Dân tộc;\n\n- Lưu: VT.\n\n"
     "KT. BỘ TRƯỞNG, CHỦ NHIỆM\n\nPHÓ CHỦ NHIỆM\n\nTrần Văn Bình\n", None),                    # both named
    # a kind of body: the subject of the closing formula ...
    (ADDRESS + ITEMS + "Bộ Y tế đề nghị các đơn vị nghiêm túc triển khai./.\n\n" + RECIPIENTS
     + "TL. BỘ TRƯỞNG\n\nKT. VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH\n\nPHÓ VỤ TRƯỞNG\n\nPhạm Thu Hà\n", "Bộ Y tế"),
    # ... or of the opening one, after its context clause and with its short name in brackets
    (ADDRESS + "Thực hiện Kết luận số 15-KL/TW ngày 10/3/2024 của Bộ Chính trị, Ban Chỉ đạo tỉnh về chuyển đổi số "
     "(sau đây gọi là Ban Chỉ đạo) yêu cầu các sở, ngành thực hiện một số nội dung sau:\n\n" + ITEMS + RECIPIENTS
     + "KT. TRƯỞNG BAN\n\nPHÓ TRƯỞNG BAN\n\nHoàng Minh Tuấn\n", "Ban Chỉ đạo tỉnh về chuyển đổi số"),
    # the kind must agree: a Sở is no Bộ
    (ADDRESS + ITEMS + "Sở Y tế đề nghị các đơn vị nghiêm túc triển khai./.\n\n" + RECIPIENTS
     + "TL. BỘ TRƯỞNG\n\nCHÁNH VĂN PHÒNG\n\nPhạm Thu Hà\n", None),
    # a kind of body with no formula naming one: null
    (ADDRESS + ITEMS + RECIPIENTS + "TL. BỘ TRƯỞNG\n\nCHÁNH VĂN PHÒNG\n\nPhạm Thu Hà\n", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_issuer_from_signature_authority(text: str, expected: str | None) -> None:
    assert issuer(text) == expected


def test_header_issuer_wins_over_signature() -> None:
    text = ("BỘ TÀI CHÍNH\n\nSố: 12/BTC-NSNN\n\nHà Nội, ngày 05 tháng 3 năm 2024\n\nV/v rà soát dự án\n\n" + ADDRESS
            + ITEMS + RECIPIENTS + "KT. BỘ TRƯỞNG, CHỦ NHIỆM\n\nPHÓ CHỦ NHIỆM\n\nTrần Văn Bình\n")
    assert issuer(text) == "Bộ Tài chính"
