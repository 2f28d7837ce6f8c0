"""Section trees of shapes the dev rules were not tuned on (issue 12), in our own words:
quantities a hard wrap puts at a line's start, and news copies numbering their items (1), (2)."""

from __future__ import annotations

from ingest import parse_text

from .conftest import section_path_at

HEAD = "THÔNG BÁO\nKết luận của Phó Thủ tướng\n"


def _paths(text: str) -> list[str | None]:
    return [s.path for s in parse_text(HEAD + text).sections]


def _path_at(text: str, needle: str) -> str | None:
    doc = parse_text(HEAD + text)
    return section_path_at(doc, doc.text.index(needle))


def test_a_thousands_number_at_a_line_start_is_no_marker() -> None:
    """``12.500 Tấn`` / ``40.000 DWT`` wrapped to a line's start are quantities: the letters after
    them stay under their own item."""
    text = (
        "1. Về cảng biển\n"
        "a) Ghi nhận chủ đầu tư đã nâng cấp xong bến cập tàu trọng tải\n"
        "60.000 DWT và kho chứa dung tích\n"
        "12.500 Tấn phục vụ dự án.\n"
        "b) Bộ Xây dựng hướng dẫn thủ tục.\n"
        "2. Về nhà máy\n"
        "a) Tỉnh Bình Định bàn giao mặt bằng.\n"
    )
    assert _paths(text) == ["1", "1.a", "1.b", "2", "2.a"]
    assert _path_at(text, "Bộ Xây dựng") == "1.b"


def test_two_digit_dotted_numbers_stay_markers() -> None:
    assert _paths("1. Nhiệm vụ\n1.10. Sở Y tế kiểm tra.\n1.11 Sở Công Thương theo dõi.\n") == ["1", "1.10", "1.11"]


def test_points_at_the_top_of_a_news_copy_number_its_items() -> None:
    """A news copy numbers its parts ``(1)``, ``(2)`` with nothing above them: they are the
    text's numbering (``2``, a dash under it ``2-a``), not unnumbered text."""
    text = (
        "Theo bài viết, Bộ yêu cầu các trường thực hiện các nội dung sau:\n"
        "(1) Về học phí\n"
        "- Công khai mức thu trên cổng thông tin.\n"
        "- Thu qua tài khoản ngân hàng.\n"
        "(2) Về học bổng\n"
        "- Chi trả đúng hạn cho sinh viên.\n"
    )
    assert _paths(text) == ["1", "1-a", "1-b", "2", "2-a"]
    assert _path_at(text, "Chi trả đúng hạn") == "2-a"


def test_a_question_heading_ends_the_points_of_a_news_copy() -> None:
    """``... thế nào?`` after the last point is the heading of the copy's next part: the dashes
    under it have no numbered parent."""
    text = (
        "(1) Mục tiêu\n"
        "- Nâng cao kỹ năng số.\n"
        "(2) Yêu cầu\n"
        "- Bảo đảm an toàn dữ liệu.\n"
        "Lộ trình thực hiện phong trào thế nào?\n"
        "Theo kế hoạch, các nội dung gồm:\n"
        "- Tổ chức lớp tập huấn cho người dân.\n"
    )
    assert _paths(text) == ["1", "1-a", "2", "2-a", None]
    assert _path_at(text, "Tổ chức lớp tập huấn") is None


def test_points_under_a_number_keep_their_numbered_path() -> None:
    text = "3. Sở Tài chính:\n(1) Rà soát nguồn vốn.\n(2) Tham mưu phân bổ.\n"
    assert _paths(text) == ["3", "3.1", "3.2"]


def test_a_roman_numeral_wrapped_to_a_line_start_is_no_heading() -> None:
    """``... kỳ họp của Quốc hội khóa`` / ``XIV.``: the numeral ends the sentence (it is not the
    heading after ``II.``), and the items after it stay under ``II``."""
    text = (
        "I. ĐÁNH GIÁ CHUNG\n"
        "1. Kết quả đạt được.\n"
        "II. NHIỆM VỤ\n"
        "1. Bộ Tư pháp hoàn thiện hồ sơ dự án luật để trình tại kỳ họp của Quốc hội khóa\n"
        "XIV.\n"
        "2. Bộ Tài chính bố trí kinh phí.\n"
        "III. KIẾN NGHỊ\n"
    )
    assert _paths(text) == ["I", "I.1", "II", "II.1", "II.2", "III"]
    assert _path_at(text, "Bộ Tài chính") == "II.2"


def test_the_next_roman_heading_after_a_cut_sentence_stays_a_heading() -> None:
    text = "I. MỤC ĐÍCH\n1. Bảo đảm triển khai đồng bộ các nội dung của kế hoạch trong toàn tỉnh và\nII. NHIỆM VỤ\n1. Rà soát.\n"
    assert _paths(text) == ["I", "I.1", "II", "II.1"]


def test_an_item_ending_in_an_ellipsis_is_no_heading_awaiting_its_body() -> None:
    """``c) Hỗ trợ các đối tượng như: người cao tuổi, người khuyết tật,…`` is a whole item: the
    closing paragraph after it belongs to the outermost heading, not to ``c)``."""
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Y tế:\n"
        "a) Hướng dẫn các cơ sở thực hiện.\n"
        "b) Hỗ trợ các đối tượng đặc thù như: người cao tuổi, người khuyết tật,…\n\n"
        "Trên đây là Kế hoạch triển khai của Ủy ban nhân dân tỉnh.\n"
        "Nơi nhận:\n- Như trên;\n"
    )
    assert _path_at(text, "Trên đây là") == "V"
    assert _path_at(text, "Hỗ trợ các đối tượng") == "V.1.b"
