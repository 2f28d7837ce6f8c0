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
