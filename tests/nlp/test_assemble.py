"""Owners nlp.assemble hands to the tasks it builds (sentences of our own)."""

import ingest
from nlp import extract


def _tasks(text: str, filename: str = "tb.txt"):
    return extract(ingest.parse_text(text, filename=filename)).tasks


LEAD_WITHOUT_OWNER = """VĂN PHÒNG CHÍNH PHỦ
Số: 101/TB-VPCP
Hà Nội, ngày 10 tháng 3 năm 2025
THÔNG BÁO
Kết luận của Phó Thủ tướng về phát triển nhà ở xã hội
1. Hoàn thiện khung pháp lý về nhà ở xã hội: (1) Bộ Xây dựng trình Chính phủ nghị định sửa đổi trước ngày 30 tháng 6 năm 2025; (2) Ngân hàng Nhà nước Việt Nam hướng dẫn các ngân hàng thương mại cho vay ưu đãi.
2. Ủy ban nhân dân các tỉnh, thành phố bố trí quỹ đất cho nhà ở xã hội.
"""


def test_inline_sub_items_under_a_lead_naming_nobody_keep_their_own_subjects():
    tasks = _tasks(LEAD_WITHOUT_OWNER)
    owners = {t.section: [o.name for o in t.owners] for t in tasks if t.section.startswith("1-")}
    assert owners == {"1-1": ["Bộ Xây dựng"], "1-2": ["Ngân hàng Nhà nước Việt Nam"]}


FIELDS_AFTER_SIBLINGS = """ỦY BAN NHÂN DÂN XÃ HÒA PHÚ
Số: 15/KH-UBND
Hòa Phú, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Phòng, chống dịch bệnh trên đàn gia súc năm 2026
II. NHIỆM VỤ CỤ THỂ
1. Giám sát dịch bệnh
1.1. Rà soát tổng đàn gia súc tại các thôn.
1.2. Lấy mẫu giám sát định kỳ tại các hộ chăn nuôi.
1.3. Tổng hợp kết quả giám sát hằng tháng.
- Đơn vị chủ trì: Trạm Chăn nuôi và Thú y xã
- Đơn vị phối hợp: Trưởng các thôn
2. Tiêm phòng
2.1. Tổ chức tiêm phòng đợt một cho đàn trâu, bò.
- Đơn vị chủ trì: Hội Nông dân xã
2.2. Tuyên truyền người chăn nuôi chủ động tiêm phòng.
"""


def test_owner_lines_after_a_run_of_siblings_own_each_of_them():
    tasks = _tasks(FIELDS_AFTER_SIBLINGS, "kh.txt")
    owners = {t.section.rsplit(".", 2)[-2] + "." + t.section.rsplit(".", 1)[-1]: [o.name for o in t.owners] for t in tasks}
    for item in ("1.1", "1.2", "1.3"):
        assert owners[item] == ["Trạm Chăn nuôi và Thú y xã"], item
    assert owners["2.1"] == ["Hội Nông dân xã"]
    # a line written after an item never reaches back over it to the item after
    assert owners["2.2"] != ["Hội Nông dân xã"]
