"""Owner scope carried down the section tree (issue 12), on documents of our own."""

import ingest
from nlp import extract
from nlp.resolver import field_line_scopes

HEADER = """ỦY BAN NHÂN DÂN TỈNH BÌNH MINH
Số: 15/KH-UBND
Bình Minh, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Triển khai công tác phòng, chống thiên tai năm 2026
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn B
"""

FIELD_LINE_AMONG_BULLETS = HEADER + """I. NHIỆM VỤ
1. Công tác chuẩn bị
1.1. Thực hiện các nhiệm vụ sau:
- Rà soát phương án ứng phó với bão, lũ tại các khu dân cư ven sông.
- Kiểm tra hệ thống đê điều, hồ chứa trước mùa mưa.
- Thời gian thực hiện: Từ tháng 4/2026 đến tháng 6/2026.
- Đơn vị chủ trì: Sở Nông nghiệp và Môi trường
- Đơn vị phối hợp: Ủy ban nhân dân các xã, phường.
1.2. Tổ chức diễn tập cứu hộ, cứu nạn:
- Xây dựng kịch bản diễn tập tại hai xã ven biển.
- Đơn vị chủ trì: Bộ Chỉ huy Quân sự tỉnh
2. Công tác tuyên truyền
- Tổ chức tuyên truyền kỹ năng sơ tán cho người dân vùng ven biển.
""" + FOOTER


def _owners(doc: str) -> dict[str, list[str]]:
    tasks = extract(ingest.parse_text(doc, filename="kh.txt")).tasks
    return {t.text[:24]: [o.name for o in t.owners] for t in tasks}


def test_an_owner_line_among_bullets_owns_the_bullets_beside_it():
    owners = _owners(FIELD_LINE_AMONG_BULLETS)
    assert owners["Rà soát phương án ứng ph"] == ["Sở Nông nghiệp và Môi trường"]
    assert owners["Kiểm tra hệ thống đê điề"] == ["Sở Nông nghiệp và Môi trường"]
    assert owners["Xây dựng kịch bản diễn t"] == ["Bộ Chỉ huy Quân sự tỉnh"]
    # the scope closes at its section: the next section's bullet is nobody's
    assert owners["Tổ chức tuyên truyền kỹ "] == []


def test_field_line_scopes_name_the_section_of_the_line():
    sections = list(ingest.parse_text(FIELD_LINE_AMONG_BULLETS, filename="kh.txt").sections)
    scopes = field_line_scopes(FIELD_LINE_AMONG_BULLETS, sections)
    by_path = {s.path: scopes[s.index].owners for s in sections if s.index in scopes}
    assert list(by_path.values()) == [("Sở Nông nghiệp và Môi trường",), ("Bộ Chỉ huy Quân sự tỉnh",)]
