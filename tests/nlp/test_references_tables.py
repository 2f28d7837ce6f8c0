"""References in table rows (round 6, issue 12; rows of our own).

- A cell border ends a name or a subject: ``| Quyết định của Thủ tướng Chính phủ về X | Bộ Y |``
  never runs into the next cell (the id would hold the owner and the deadline cells).
- A column whose header names the texts the rows make (``Tên văn bản``, ``Sản phẩm``, ``Kết quả
  dự kiến``): the kind that opens such a cell is a text still to be issued, while a text cited
  inside the cell, or in another column, is cited.
"""
from nlp.references import find_references


def ids(text: str) -> list[str]:
    return [r.id for r in find_references(text) if not r.numbered]


def test_a_cell_border_ends_the_name():
    text = ("STT | Nội dung | Cơ quan chủ trì | Thời gian\n"
            "1 | Tổ chức thực hiện Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo viên "
            "| Sở Giáo dục và Đào tạo | Quý II/2026\n")
    assert ids(text) == ["Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo viên"]


def test_the_text_a_row_makes_is_no_reference():
    text = ("TT | Tên văn bản | Cơ quan chủ trì soạn thảo | Thời gian trình\n"
            "1 | Luật Thủ đô (sửa đổi) | Bộ Nội vụ | Kỳ họp thứ 10\n"
            "2 | Nghị định quy định chi tiết một số điều của Luật Lưu trữ | Bộ Nội vụ | Tháng 7/2026\n"
            "3 | Quyết định của Thủ tướng Chính phủ về tiêu chí công nhận xã an toàn khu | Bộ Quốc phòng | Quý IV/2026\n")
    assert ids(text) == ["Luật Lưu trữ"]


def test_a_product_column_of_a_task_table():
    text = ("STT | Nhiệm vụ | Cơ quan chủ trì | Sản phẩm | Thời gian hoàn thành\n"
            "1 | Xây dựng đề án phát triển du lịch | Sở Văn hóa | Đề án Phát triển du lịch cộng đồng "
            "giai đoạn 2026-2030 | Quý II/2026\n"
            "2 | Tổng kết Đề án Phát triển du lịch biển giai đoạn 2021-2025 | Sở Văn hóa | Báo cáo | Quý IV/2026\n")
    assert ids(text) == ["Đề án Phát triển du lịch biển giai đoạn 2021-2025"]


def test_a_column_of_another_header_is_read_as_any():
    text = ("STT | Căn cứ | Nội dung\n"
            "1 | Luật Lưu trữ | Số hóa tài liệu lưu trữ\n")
    assert ids(text) == ["Luật Lưu trữ"]



def test_a_product_field_line_of_an_item():
    text = ("2. Xây dựng đề án phát triển kinh tế ban đêm.\n- Cơ quan chủ trì: Sở Văn hóa.\n"
            "- Sản phẩm: Đề án Phát triển kinh tế ban đêm giai đoạn 2026-2030.\n- Thời gian: Quý II/2026.\n"
            "- Căn cứ: Chiến lược Phát triển du lịch giai đoạn 2021-2030.\n")
    assert ids(text) == ["Chiến lược Phát triển du lịch giai đoạn 2021-2030"]
