"""nlp.deadlines: classes of deadline errors found on documents at first sight (round 4 replay),
checked with sentences of our own (other bodies, numbering, word order)."""

from __future__ import annotations

import pytest

import ingest
from nlp import extract
from nlp.deadlines import (
    find_deadline,
    find_recurrence,
    leads_into_items,
    parse_deadline_cell,
    period_heading,
)

DOC_DATE = "2025-11-20"


# a day written without a year after the clause's recurrence cue comes back every period
@pytest.mark.parametrize("text", [
    "Các phòng chuyên môn định kỳ báo cáo kết quả thực hiện trước ngày 20/11 về Phòng Nội vụ.",
    "Định kỳ gửi báo cáo về UBND huyện trước ngày 15/6 và 15/12.",
    "Báo cáo định kỳ 6 tháng (trước ngày 10/6) và năm (trước ngày 10/12) về Sở Tư pháp.",
    "Trường học báo cáo hằng quý, trước ngày 25/3 về Phòng Giáo dục.",
])
def test_yearless_date_after_a_recurrence_cue_is_no_deadline(text: str) -> None:
    assert find_deadline(text, doc_date=DOC_DATE) is None
    assert find_recurrence(text) is not None


@pytest.mark.parametrize("text, date", [
    # the cue is in another clause: the date is the time the work is due
    ("Xây dựng kế hoạch hằng năm; hoàn thành trước ngày 15/12.", "2025-12-15"),
    # a written year: due once, even in a periodic report
    ("Định kỳ báo cáo kết quả, lần đầu trước ngày 30/12/2025.", "2025-12-30"),
    ("Sở Y tế báo cáo kết quả trước ngày 05/12 về UBND tỉnh.", "2025-12-05"),
])
def test_date_outside_a_recurring_clause_stays_a_deadline(text: str, date: str) -> None:
    found = find_deadline(text, doc_date=DOC_DATE)
    assert found is not None and found.date == date


@pytest.mark.parametrize("text, phrase, date", [
    ("Xong trước 30 tháng 6 năm 2026.", "trước 30 tháng 6 năm 2026", "2026-06-30"),
    ("Hoàn thành việc bàn giao chậm nhất 15 tháng 01 năm 2026.", "chậm nhất 15 tháng 01 năm 2026", "2026-01-15"),
    ("Tổ chức lấy ý kiến đến ngày 15 tháng 12 năm 2025.", "đến ngày 15 tháng 12 năm 2025", "2025-12-15"),
])
def test_written_day_and_month_after_a_cue_is_the_day(text: str, phrase: str, date: str) -> None:
    found = find_deadline(text, doc_date=DOC_DATE)
    assert found is not None and (found.text, found.date) == (phrase, date)


@pytest.mark.parametrize("text, date", [
    ("Thí điểm cấp giấy phép điện tử tại một số xã (2025 - 2026).", "2026-12-31"),
    ("Số hóa hồ sơ địa chính toàn tỉnh (2026 – 2028);", "2028-12-31"),
])
def test_bracketed_year_range_closing_an_item_gives_its_end(text: str, date: str) -> None:
    found = find_deadline(text, doc_date=DOC_DATE)
    assert found is not None and found.date == date


@pytest.mark.parametrize("text", [
    "Triển khai Chiến lược (2021 - 2030) của tỉnh trên địa bàn xã.",
    "Rà soát quy hoạch (2021 - 2030), các sở đề xuất điều chỉnh.",
])
def test_bracketed_year_range_inside_a_sentence_is_no_deadline(text: str) -> None:
    assert find_deadline(text, doc_date=DOC_DATE) is None


@pytest.mark.parametrize("cell, date", [
    ("31/05/2025", "2025-05-31"),  # past the document's date: an overdue task is still due then
    ("Ngày 30/6/2026", "2026-06-30"),
    (" 15.10.2025 ", "2025-10-15"),
])
def test_deadline_cell_holding_only_a_date(cell: str, date: str) -> None:
    found = parse_deadline_cell(cell, 2025)
    assert found is not None and found.date == date


def test_deadline_cell_with_an_impossible_date_gives_none() -> None:
    assert parse_deadline_cell("31/02/2025", 2025) is None


@pytest.mark.parametrize("heading, date", [
    ("Đợt 1 (từ tháng 12/2025 đến hết tháng 01/2026):", "2026-01-31"),
    ("Giai đoạn 2 (2028 - 2030):", "2030-12-31"),
    ("Bước 1 (tháng 3/2026)", "2026-03-31"),
])
def test_stage_heading_with_its_time_in_brackets(heading: str, date: str) -> None:
    found = period_heading(heading, 0, len(heading), doc_date="2025-12-01")
    assert found is not None and found.date == date


@pytest.mark.parametrize("heading", ["Đợt 1 (triển khai):", "Giai đoạn 2 (2028 - 2030): rà soát các dự án"])
def test_stage_heading_with_more_than_a_time_is_no_period(heading: str) -> None:
    assert period_heading(heading, 0, len(heading), doc_date="2025-12-01") is None


@pytest.mark.parametrize("text", [
    "Phấn đấu đến năm 2030 doanh thu du lịch cộng đồng đạt 500 tỷ đồng.",
    "Phấn đấu đến hết năm 2027, số hộ sử dụng nước sạch đạt 98%.",
])
def test_year_striven_for_is_a_target(text: str) -> None:
    assert find_deadline(text, doc_date=DOC_DATE) is None


def test_year_striven_for_with_the_work_named_stays_a_deadline() -> None:
    found = find_deadline("Phấn đấu đến hết năm 2026 hoàn thành 100% hồ sơ.", doc_date=DOC_DATE)
    assert found is not None and found.date == "2026-12-31"


@pytest.mark.parametrize("heading, hands_down", [
    ("2. Trước ngày 10/12/2025, các thôn hoàn thành các việc sau:", True),
    ("3. Sở Y tế hoàn thành trước ngày 30/11/2025 các nhiệm vụ sau", True),
    ("(1) Sở Xây dựng hoàn thành thẩm định trước ngày 30/11/2025 và bàn giao theo quy định.", False),
])
def test_heading_hands_its_deadline_down_only_when_it_leads_into_items(heading: str, hands_down: bool) -> None:
    assert leads_into_items(heading, 0, len(heading)) is hands_down


HEADING_OF_ITS_OWN = """ỦY BAN NHÂN DÂN TỈNH BÌNH AN
Số: 1301/UBND-KT
Bình An, ngày 20 tháng 11 năm 2025
V/v hoàn thành công trình trường học
Kính gửi: Các sở, ngành.
1. Sở Xây dựng hoàn thành thẩm định hồ sơ thiết kế trước ngày 30/11/2025 và hướng dẫn chủ đầu tư nghiệm thu theo quy định.
- Kiểm tra chất lượng vật liệu tại công trường.
- Hướng dẫn nhà thầu lập hồ sơ hoàn công.
2. Trước ngày 15/12/2025, Sở Giáo dục và Đào tạo hoàn thành các việc sau:
- Tiếp nhận công trình.
- Bố trí giáo viên cho trường mới.
"""


def test_only_a_heading_leading_into_its_items_dates_them() -> None:
    tasks = extract(ingest.parse_text(HEADING_OF_ITS_OWN, filename="cv.txt")).tasks
    due = {t.text.split(".")[0]: (t.deadline.date if t.deadline else None) for t in tasks}
    assert due["Kiểm tra chất lượng vật liệu tại công trường"] is None
    assert due["Hướng dẫn nhà thầu lập hồ sơ hoàn công"] is None
    assert due["Tiếp nhận công trình"] == "2025-12-15"
    assert due["Bố trí giáo viên cho trường mới"] == "2025-12-15"


@pytest.mark.parametrize("text, date", [
    ("Giải ngân hết số vốn đầu tư công của huyện năm 2025, báo cáo kết quả trong quý I năm 2026.", "2026-03-31"),
    ("Tổ chức các sự kiện văn hóa năm 2026, tổng hợp kết quả đến hết tháng 12/2026.", "2026-12-31"),
])
def test_a_time_phrase_wins_over_a_year_naming_a_thing(text: str, date: str) -> None:
    found = find_deadline(text, doc_date=DOC_DATE)
    assert found is not None and found.date == date


def test_a_bare_year_alone_is_still_the_deadline() -> None:
    found = find_deadline("Xây dựng Đề án phát triển nhà ở xã hội, trình UBND tỉnh năm 2026.", doc_date=DOC_DATE)
    assert found is not None and found.date == "2026-12-31"


@pytest.mark.parametrize("text", [
    "Mở rộng đào tạo về đấu thầu qua mạng (năm 2025, Sở đã tổ chức 2 lớp tập huấn về các Nghị định ban hành trong năm 2025).",
    "Các xã rà soát các dự án chậm tiến độ (năm 2025, nhiều dự án đã bị điều chỉnh vốn), đề xuất điều chuyển vốn.",
])
def test_time_inside_an_aside_reporting_what_was_done_is_no_deadline(text: str) -> None:
    assert find_deadline(text, doc_date=DOC_DATE) is None


@pytest.mark.parametrize("text, date", [
    ("Gửi báo cáo (trong tháng 12/2025) về Sở.", "2025-12-31"),
    ("Rà soát hồ sơ (đã giao tại Công văn số 12/UBND), hoàn thành trong quý I/2026.", "2026-03-31"),
])
def test_time_outside_such_an_aside_stays(text: str, date: str) -> None:
    found = find_deadline(text, doc_date=DOC_DATE)
    assert found is not None and found.date == date


@pytest.mark.parametrize("cell, date", [
    ("Thường xuyên, hoàn thành trước 31/12/2026", "2026-12-31"),
    ("Hằng năm; xong trước ngày 15/01/2026", "2026-01-15"),
    ("Thường xuyên", None),
    ("Hằng năm, trước ngày 15/12", None),  # a date that comes back every year
])
def test_standing_duty_cell_is_dated_only_by_a_cue(cell: str, date: str | None) -> None:
    found = parse_deadline_cell(cell, 2025)
    assert (found.date if found else None) == date


@pytest.mark.parametrize("text, phrase, date", [
    ("Các xã gửi báo cáo trước 16 giờ 00 ngày 28/11/2025 về Sở Nội vụ.", "trước 16 giờ 00 ngày 28/11/2025", "2025-11-28"),
    ("Gửi danh sách trước 9h30, ngày 02/12/2025.", "trước 9h30, ngày 02/12/2025", "2025-12-02"),
    ("Hồ sơ nộp không muộn hơn ngày 15/12/2025.", "không muộn hơn ngày 15/12/2025", "2025-12-15"),
    ("Trường học hoàn thành muộn nhất ngày 20/12/2025.", "muộn nhất ngày 20/12/2025", "2025-12-20"),
    ("Bàn giao mặt bằng trước thời điểm 31/12/2025.", "trước thời điểm 31/12/2025", "2025-12-31"),
    ("Gửi về Văn phòng trước ngày 25.12.2025.", "trước ngày 25.12.2025", "2025-12-25"),
])
def test_other_ways_of_writing_a_due_day(text: str, phrase: str, date: str) -> None:
    found = find_deadline(text, doc_date=DOC_DATE)
    assert found is not None and (found.text, found.date) == (phrase, date)


@pytest.mark.parametrize("text", ["Cập nhật số liệu trước 15 giờ hằng ngày.", "Giảm trước 1.500 hồ sơ tồn đọng."])
def test_an_hour_or_a_number_alone_is_no_due_day(text: str) -> None:
    assert find_deadline(text, doc_date=DOC_DATE) is None
