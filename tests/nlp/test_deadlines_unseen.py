"""nlp.deadlines: classes of deadline errors found on documents at first sight (round 4 replay),
checked with sentences of our own (other bodies, numbering, word order)."""

from __future__ import annotations

import pytest

from nlp.deadlines import find_deadline, find_recurrence, parse_deadline_cell

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
