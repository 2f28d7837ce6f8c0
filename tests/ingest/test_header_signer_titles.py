"""Signature lines a flattened cell or a joined line ran together: a collective running into
the title under it (``TM. TIỂU BAN TRƯỞNG TIỂU BAN``), a title line running into the signer's
other office (``PHÓ TRƯỞNG BAN THƯỜNG TRỰC PHÓ THỦ TƯỚNG``: the first is the one under the
authority). Sentences of our own."""

from __future__ import annotations

import pytest

from ingest import parse_text

HEAD = "BAN CHỈ ĐẠO TỈNH\n\nSố: 7/KH-BCĐ\n\nQuảng Trị, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nTriển khai chuyển đổi số\n\n"
BODY = "1. Các sở rà soát dữ liệu.\n\n2. Các huyện báo cáo kết quả.\n\nNơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\n"


@pytest.mark.parametrize(
    ("signature", "title", "signer"),
    [
        ("TM. TIỂU BAN TRƯỞNG TIỂU BAN\n\nLê Văn Nam\n", "Trưởng Tiểu ban", "Lê Văn Nam"),
        ("TM. BAN CHỈ ĐẠO TRƯỞNG BAN\n\nLê Văn Nam\n", "Trưởng ban", "Lê Văn Nam"),
        ("TM. BAN CHỈ ĐẠO\n\nTRƯỞNG BAN\n\nLê Văn Nam\n", "Trưởng ban", "Lê Văn Nam"),  # already apart
        ("KT. TRƯỞNG BAN\n\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC PHÓ CHỦ TỊCH UBND TỈNH\n\nLê Văn Nam\n",
         "Phó Trưởng ban thường trực", "Lê Văn Nam"),
        ("KT. TRƯỞNG BAN\n\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n\nLê Văn Nam\n", "Phó Trưởng ban thường trực", "Lê Văn Nam"),
    ],
)
def test_signer_title(signature: str, title: str, signer: str) -> None:
    meta = parse_text(HEAD + BODY + signature).metadata
    assert (meta.signer_title.lower(), meta.signer) == (title.lower(), signer)
