"""nlp.deadlines: what a time phrase belongs to (issue 12, round 7 first-sight classes), checked
with sentences of our own: an outcome's year, a question, a cited text's date, a start date, a
school year, a background period are no deadlines; the phrase a deadline cue governs is."""

from __future__ import annotations

import pytest

from nlp.deadlines import find_deadline

DOC_DATE = "2025-11-20"


def _date(text: str) -> str | None:
    found = find_deadline(text, doc_date=DOC_DATE)
    return found.date if found else None


# the year an outcome named before it is to be reached by closes the clause: a target
@pytest.mark.parametrize("text", [
    "Phấn đấu tỷ lệ hộ nghèo giảm còn dưới 1% vào năm 2030.",
    "Bảo đảm mục tiêu 80% hồ sơ được xử lý trực tuyến vào năm 2027.",
    "Nâng tỷ lệ che phủ rừng đạt 45% đến năm 2030.",
    "Bảo đảm 100% xe buýt nội tỉnh (kể cả xe đưa đón học sinh) dùng điện vào năm 2030; có chính sách hỗ trợ.",
    "Đảm bảo chỉ tiêu về nhà ở xã hội: mỗi huyện có tối thiểu 300 căn hộ vào năm 2028.",
])
def test_year_an_outcome_is_expected_by_is_no_deadline(text: str) -> None:
    assert _date(text) is None


@pytest.mark.parametrize("text, date", [
    ("Phấn đấu hoàn thành 100% hồ sơ trước năm 2027.", "2026-12-31"),  # a cue governs it
    ("Tổ chức tập huấn cho 100% cán bộ trong năm 2026.", "2026-12-31"),  # the year of the work
    ("Triển khai thí điểm tại 3 xã vào năm 2026.", "2026-12-31"),  # no outcome named
    ("Phấn đấu đến năm 2027 hoàn thành việc số hóa hồ sơ.", "2027-12-31"),  # the work goes on after it
])
def test_year_of_the_work_stays_a_deadline(text: str, date: str) -> None:
    assert _date(text) == date


# a question (a news copy's heading) sets no time
@pytest.mark.parametrize("text", [
    "Mức lương cơ sở năm 2026 là bao nhiêu?",
    "Hồ sơ đăng ký phải nộp trong tháng 3/2026 hay không?",
    "Doanh nghiệp nào được giảm thuế trong năm 2026?",
])
def test_time_in_a_question_is_no_deadline(text: str) -> None:
    assert _date(text) is None


def test_answer_after_a_question_keeps_its_deadline() -> None:
    assert _date("Ai phải nộp? Các hộ kinh doanh nộp tờ khai trước ngày 15/01/2026.") == "2026-01-15"


# (HEAD already held these: kept as a guard of the classes the blind annotators saw)
@pytest.mark.parametrize("text, date", [
    ("Theo Công văn số 12/UBND ngày 5/3/2026, các phòng rà soát hồ sơ.", None),
    ("Triển khai Kế hoạch số 88/KH-UBND ngày 2/12/2025 về chuyển đổi số năm 2026.", None),
    ("Các xã thực hiện theo Hướng dẫn số 7/HD-SNV ngày 10/12/2025, báo cáo trước ngày 30/12/2025.", "2025-12-30"),
    ("Các trường tổ chức dạy học hai buổi/ngày trong năm học 2025 - 2026.", None),
    ("Áp dụng từ ngày 01/01/2026 đối với các cơ sở khám bệnh, chữa bệnh.", None),
    ("Bắt đầu triển khai từ quý II năm 2026 tại các phường.", None),
    ("Xây dựng kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 của huyện.", None),
    ("Các xã báo cáo kết quả trước ngày 15 hằng tháng về UBND huyện.", None),
    ("Hoàn thành trong quý II năm 2026.", "2026-06-30"),
    ("Tổ chức tuyên truyền từ tháng 12/2025 đến tháng 3/2026.", "2026-03-31"),
])
def test_what_a_date_belongs_to(text: str, date: str | None) -> None:
    assert _date(text) == date


# a day or quarter written without a year that a cue governs is never already past when set
@pytest.mark.parametrize("text, date", [
    ("Các sở gửi báo cáo về Sở Nội vụ chậm nhất ngày 5/3.", "2026-03-05"),
    ("Gửi báo cáo trước ngày 15/01 để tổng hợp.", "2026-01-15"),
    ("Hoàn thành trước quý II.", "2026-03-31"),
    ("Xong trong tháng 02.", "2026-02-28"),
])
def test_yearless_due_day_before_the_document_is_next_years(text: str, date: str) -> None:
    assert _date(text) == date


@pytest.mark.parametrize("text, date", [
    ("Gửi báo cáo trước ngày 15/12 để tổng hợp.", "2025-12-15"),  # still ahead this year
    ("Tổ chức hội nghị ngày 5/3 tại hội trường.", None),  # no cue: a past event, no deadline
])
def test_yearless_day_otherwise_keeps_the_documents_year(text: str, date: str | None) -> None:
    assert _date(text) == date


# a list of times written with one year at its end: each of them has that year
@pytest.mark.parametrize("text, date", [
    ("Thực hiện trong Quý I và Quý II năm 2026.", "2026-03-31"),
    ("Tổ chức trong tháng 1 và tháng 2 năm 2026.", "2026-01-31"),
    ("Hoàn thành trong tháng 12, 20 xã năm 2026 đạt chuẩn.", "2025-12-31"),  # no list of times: the document's year
])
def test_list_of_times_shares_its_year(text: str, date: str) -> None:
    assert _date(text) == date


@pytest.mark.parametrize("cell, date", [("Quý I, II/2026", "2026-03-31"), ("Quý I và Quý II năm 2026", "2026-03-31")])
def test_time_cell_listing_quarters_of_one_year(cell: str, date: str) -> None:
    from nlp.deadlines import parse_deadline_cell

    found = parse_deadline_cell(cell, 2025)
    assert found is not None and found.date == date


# a clause that opens on a negation is an instruction not to do a thing: its time dates nothing due
@pytest.mark.parametrize("text", [
    "Chưa thực hiện điều chỉnh tăng giá trong Quý I và Quý II năm 2026 đối với các mặt hàng thiết yếu.",
    "Không tổ chức kiểm tra định kỳ trong tháng 12/2025 đối với các hộ kinh doanh.",
])
def test_time_of_what_is_not_to_happen_is_no_deadline(text: str) -> None:
    assert _date(text) is None


@pytest.mark.parametrize("text, date", [
    ("Báo cáo không quá ngày 15/12/2025.", "2025-12-15"),  # a cue
    ("Xã chưa đạt chuẩn rà soát hồ sơ trong quý I/2026.", "2026-03-31"),  # the negation is the subject's
    ("Không tổ chức liên hoan, tổng kết trong tháng 12/2025.", "2025-12-31"),  # past its comma
    ("Không để xảy ra tình trạng chậm chi trả, hoàn thành trong tháng 12/2025.", "2025-12-31"),
])
def test_time_outside_the_negated_part_stays(text: str, date: str) -> None:
    assert _date(text) == date


# a full date after the colon of a deadline label is the deadline the label names
@pytest.mark.parametrize("text, date", [
    ("Thời gian hoàn thành: 30/12/2025.", "2025-12-30"),
    ("Hạn chót nộp hồ sơ: 17 giờ ngày 30/12/2025.", "2025-12-30"),
    ("Sở Tài chính bố trí kinh phí thực hiện. Thời hạn hoàn thành: 31/3/2026.", "2026-03-31"),
    ("Hạn nộp: 05/01/2026.", "2026-01-05"),
])
def test_date_after_a_deadline_label(text: str, date: str) -> None:
    assert _date(text) == date


@pytest.mark.parametrize("text", ["Căn cứ: 30/12/2025.", "Ngày ký: 20/11/2025."])
def test_date_after_another_label_is_no_deadline(text: str) -> None:
    assert _date(text) is None


FIELD_PLAN = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 79/KH-UBND
Bắc Kạn, ngày 20 tháng 11 năm 2025

KẾ HOẠCH
Chuyển đổi số trong cơ quan nhà nước

II. NHIỆM VỤ CỤ THỂ
1. Xây dựng cơ sở dữ liệu cán bộ, công chức.
- Cơ quan chủ trì: Sở Nội vụ.
- Thời gian hoàn thành: 30/12/2025.
2. Số hóa hồ sơ thủ tục hành chính.
- Cơ quan chủ trì: Văn phòng UBND tỉnh.
- Thời hạn: ngày 15/01/2026.
"""


def test_field_line_holding_only_a_date_dates_its_item() -> None:
    import ingest
    from nlp import extract

    tasks = extract(ingest.parse_text(FIELD_PLAN, filename="079_kh.txt")).tasks
    assert [t.deadline.date if t.deadline else None for t in tasks] == ["2025-12-30", "2026-01-15"]


@pytest.mark.parametrize("cell, date", [("Tháng 12", "2025-12-31"), ("Trong tháng 3", "2025-03-31")])
def test_time_cell_holding_only_a_month_is_that_month_of_the_year(cell: str, date: str) -> None:
    from nlp.deadlines import parse_deadline_cell

    found = parse_deadline_cell(cell, 2025)
    assert found is not None and found.date == date
    no_year = parse_deadline_cell(cell)
    assert no_year is None or no_year.date is None  # no year to complete it
