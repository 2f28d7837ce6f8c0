"""A dash at a wrapped line's start: a compound's joint (``Công nghiệp - Viễn thông``) or an item."""

from __future__ import annotations

from ingest.normalize import normalize_text

# a hard-wrapped block of our own (lines of about 80 characters)
_BLOCK = [
    "1. Giao các Tổng công ty: Điện lực miền Bắc, Bưu điện Việt Nam, Đường sắt Việt Nam,",
    "Hàng hải Việt Nam, Xi măng Việt Nam và Tổng công ty Cơ khí Xây dựng, Thép Miền Nam",
    "- Vật liệu Xây dựng chủ trì rà soát hạ tầng, báo cáo kết quả trước ngày 15/6/2026.",
    "2. Sở Lao động phối hợp với Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị",
    "- xã hội cấp huyện tổ chức tuyên truyền chính sách an sinh xã hội cho người dân.",
    "3. Trung tâm Y tế huyện",
    "- Chỉ đạo các trạm y tế xã bảo đảm đủ thuốc, vật tư và nhân lực phòng chống dịch,",
    "tổ chức trực cấp cứu 24/24 giờ trong thời gian mưa lũ kéo dài trên địa bàn huyện.",
    "4. Phòng Kinh tế hướng dẫn các hợp tác xã khôi phục sản xuất sau thiên tai, gồm",
    "các nội dung cụ thể",
    "- Thống kê diện tích cây trồng bị thiệt hại để đề xuất hỗ trợ giống cho người dân.",
    "5. Phòng Tài chính tham mưu bố trí kinh phí thực hiện các nhiệm vụ của Kế hoạch,",
    "bảo đảm kịp thời, đúng quy định của pháp luật về ngân sách nhà nước hiện hành.",
]


def _paragraphs() -> list[str]:
    return [p.text for p in normalize_text("\n".join(_BLOCK)).paragraphs]


def test_a_dash_the_wrap_moved_to_a_full_lines_next_line_joins_the_compound() -> None:
    # "Thép Miền Nam" fills its line: the dash could not have fitted on it
    assert any("Thép Miền Nam - Vật liệu Xây dựng chủ trì" in p for p in _paragraphs())


def test_a_dash_followed_by_lower_case_continues_the_phrase() -> None:
    # an item opens with a capital; "- xã hội" goes on with "chính trị - xã hội"
    assert any("các tổ chức chính trị - xã hội cấp huyện" in p for p in _paragraphs())


def test_dash_items_under_a_heading_or_a_short_lead_in_stay_items() -> None:
    paras = _paragraphs()
    assert "3. Trung tâm Y tế huyện" in paras  # a heading, then its dash item
    assert any(p.startswith("- Chỉ đạo các trạm y tế") for p in paras)
    assert any(p.startswith("- Thống kê diện tích") for p in paras)  # after a short line
    assert sum(p.startswith(("1.", "2.", "3.", "4.", "5.")) for p in paras) == 5


def test_a_list_of_full_dash_items_stays_a_list() -> None:
    lines = [
        "1. Xây dựng bộ tiêu chí đánh giá chất lượng nước sinh hoạt nông thôn năm 2026.",
        "- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường phối hợp Trung tâm Nước sạch",
        "- Cơ quan phối hợp: Ủy ban nhân dân các xã, phường",
        "- Thời gian hoàn thành: Quý III/2026",
        "2. Tổ chức tập huấn cho cán bộ vận hành các công trình cấp nước tập trung.",
        "- Cơ quan chủ trì: Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh",
        "- Thời gian hoàn thành: Quý IV/2026",
        "3. Kiểm tra chất lượng nước tại các công trình cấp nước tập trung trên địa bàn.",
        "- Cơ quan chủ trì: Sở Y tế phối hợp với Trung tâm Kiểm soát bệnh tật của tỉnh",
        "- Thời gian hoàn thành: hằng quý",
    ]
    paras = [p.text for p in normalize_text("\n".join(lines)).paragraphs]
    assert sum(p.startswith("- Cơ quan") for p in paras) == 4
    assert sum(p.startswith("- Thời gian") for p in paras) == 3
