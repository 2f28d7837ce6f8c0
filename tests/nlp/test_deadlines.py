"""nlp.deadlines: deadline phrases, exclusions, table cells, recurrences."""

from __future__ import annotations

import datetime as dt

import pytest

from nlp.deadlines import (
    find_deadline,
    find_recurrence,
    parse_deadline_cell,
    period_heading,
)

# fmt: off
POSITIVE = [
    ("Sở Tài chính hoàn thành trước ngày 30/6/2024.", "trước ngày 30/6/2024", "2024-06-30"),
    # next to the exclusions of outcome targets and repeating reports
    ("Hoàn thành đến hết năm 2025, bảo đảm chất lượng.", "đến hết năm 2025", "2025-12-31"),
    ("Gửi báo cáo kết quả (trước ngày 15/11/2024) về Sở.", "trước ngày 15/11/2024", "2024-11-15"),
    ("Xây dựng kế hoạch, hoàn thành đến năm 2026.", "đến năm 2026", "2026-12-31"),
    ("Báo cáo chậm nhất ngày 15/01/2025.", "chậm nhất ngày 15/01/2025", "2025-01-15"),
    ("Gửi về Sở chậm nhất trước ngày 10/12.", "chậm nhất trước ngày 10/12", "2023-12-10"),
    ("Tổng hợp, báo cáo xong trong tháng 10/2023.", "xong trong tháng 10/2023", "2023-10-31"),
    ("Trình UBND tỉnh trong tháng 9 năm 2023.", "trong tháng 9 năm 2023", "2023-09-30"),
    ("Hoàn thành trong quý III/2024.", "trong quý III/2024", "2024-09-30"),
    ("Thực hiện Quý 3 năm 2023.", "Quý 3 năm 2023", "2023-09-30"),
    ("Hoàn thành trong quý IV.", "trong quý IV", "2023-12-31"),
    ("Sơ kết 6 tháng đầu năm 2024.", "6 tháng đầu năm 2024", "2024-06-30"),
    ("Triển khai trong 6 tháng cuối năm.", "trong 6 tháng cuối năm", "2023-12-31"),
    ("Hoàn thành trong năm 2025.", "trong năm 2025", "2025-12-31"),
    ("Phấn đấu cuối năm 2024 hoàn thành.", "cuối năm 2024", "2024-12-31"),
    ("Hoàn thành việc sắp xếp trong giai đoạn 2026-2030.", "giai đoạn 2026-2030", "2030-12-31"),
    ("Hoàn thành số hóa hồ sơ đến năm 2027.", "đến năm 2027", "2027-12-31"),
    ("Trình ban hành trước ngày 15 tháng 3 năm 2024.", "trước ngày 15 tháng 3 năm 2024", "2024-03-15"),
]
# fmt: on


@pytest.mark.parametrize(("text", "phrase", "iso"), POSITIVE)
def test_deadline_phrases(text, phrase, iso):
    d = find_deadline(text, doc_year=2023)
    assert d is not None and (d.text, d.date) == (phrase, iso)
    assert text[d.span.start:d.span.end] == d.text


# fmt: off
NEGATIVE = [
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Quyết định này có hiệu lực thi hành kể từ ngày 01/7/2024.",
    "Báo cáo kết quả 8 tháng năm 2023 và 9 tháng đầu năm.",
    "tình hình từ năm 2019 đến nay",
    "đến năm 2030 đạt 95% số xã, tầm nhìn đến năm 2045",
    "Chiến lược phát triển đến năm 2030, tầm nhìn đến năm 2045",
    "Gửi báo cáo trước ngày 20 hằng tháng.",
    "Định kỳ hằng năm trước ngày 31/12, báo cáo Bộ.",
    "Thi hành xong 1.804 việc, tăng 7,08% so với cùng kỳ năm 2022.",
    "bảo đảm tỷ lệ cao hơn năm 2021",
    "hoàn thành các chỉ tiêu được giao năm 2021 và các năm tiếp theo",
    "Tiếp tục thực hiện Nghị quyết số 12/2019/NQ-HĐND ngày 10/12/2019 của HĐND tỉnh về phát triển giai đoạn 2020-2025.",
    "Thực hiện Luật Đất đai năm 2024.",
    "Rà soát Luật Khoa học và Công nghệ năm 2013.",
    "Thường xuyên kiểm tra, đôn đốc.",
    "Kế hoạch đầu tư công trung hạn 2021 - 2025.",
    "Hà Nội, ngày 02 tháng 12 năm 2021",
    # outcome targets: a forecast, a year's end, a guarantee after the horizon year
    "Giá trị xuất khẩu rau quả đến năm 2028 dự kiến đạt 5 triệu USD.",
    "Phấn đấu đến hết năm 2027 đạt 60% số thôn đạt chuẩn.",
    "Xây dựng lộ trình đến năm 2029, đảm bảo ít nhất 80% trường học có thư viện số.",
    # an open-ended period, a period named by its horizon, a programme's name
    "Thời gian thực hiện: Giai đoạn 2026-2028 và các năm tiếp theo.",
    "Sơ kết các đề án về phát triển du lịch giai đoạn đến năm 2030.",
    # the days of a repeating report
    "Báo cáo kết quả định kỳ trước ngày 10/6 và 10/12 hằng năm.",
    "Gửi báo cáo hằng năm (trước ngày 20 tháng 11) về Sở Nội vụ.",
    "Báo cáo định kỳ hàng tháng (trước ngày 15 hàng tháng), 6 tháng (*trước ngày 15/6*).",
]
# fmt: on


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_deadlines(text):
    d = find_deadline(text, doc_year=2023)
    assert d is None or d.date is None, d


def test_a_programmes_horizon_is_its_name_even_outside_a_citation():
    # a programme named in running text, not found as a citation: its horizon dates no task
    text = "Triển khai có hiệu quả Kế hoạch phát triển du lịch cộng đồng đến năm 2030 phù hợp với thực tiễn."
    assert find_deadline(text, doc_year=2025, citations=False) is None
    done = find_deadline("Xây dựng kế hoạch, hoàn thành đến năm 2026.", doc_year=2025, citations=False)
    assert done is not None and done.date == "2026-12-31"


def test_first_of_two_and_window():
    text = "A. Xong trước ngày 10/3/2024; tổng kết trong quý II/2024. B. Năm 2025."
    assert find_deadline(text).date == "2024-03-10"
    b = text.index("B.")
    assert find_deadline(text, b).date == "2025-12-31"
    assert find_deadline(text, 0, 3) is None


def test_relative_deadline_needs_the_signing_anchor():
    signed = dt.date(2024, 5, 3)
    d = find_deadline("Trong 30 ngày kể từ ngày ký, các sở báo cáo.", doc_date=signed)
    assert d.date == "2024-06-02"
    d = find_deadline("trong thời hạn 15 ngày làm việc kể từ ngày ký ban hành", doc_date="2024-05-03")
    assert d.date == "2024-05-24"
    d = find_deadline("trong 10 ngày kể từ ngày nhận được hồ sơ", doc_date=signed)
    assert d.text.startswith("trong 10 ngày") and d.date is None


def test_lunar_deadline_keeps_text_without_date():
    d = find_deadline("Chi trả xong trước Tết Nguyên đán.")
    assert d.text == "trước Tết Nguyên đán" and d.date is None


# fmt: off
@pytest.mark.parametrize(("cell", "iso"), [
    ("Quý I/2022", "2022-03-31"), ("Tháng 6/2022", "2022-06-30"), ("Năm 2022", "2022-12-31"),
    ("Quý II", "2022-06-30"), ("Từ quý III/2026 đến quý III/2030", "2030-09-30"),
    ("Thường xuyên", None), ("Hằng năm", None), ("Từ quý II/2027", None), ("", None),
])
# fmt: on
def test_table_cells(cell, iso):
    d = parse_deadline_cell(cell, 2022)
    assert (d.date if d else None) == iso


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    ("định kỳ hàng năm và đột xuất", "định kỳ hàng năm và đột xuất"),
    ("- Định kỳ hằng quý, 6 tháng, năm (*hoặc khi đột xuất*), Ban Thường vụ tham dự",
     "Định kỳ hằng quý, 6 tháng, năm (*hoặc khi đột xuất*)"),
    ("Theo dõi, xác minh định kỳ các vụ việc", "định kỳ"),
    ("Báo cáo định kỳ 6 tháng về Sở.", "định kỳ 6 tháng"),
    ("Tổ chức kiểm tra hằng năm.", "hằng năm"),
    ("gửi báo cáo trước ngày 20 hằng tháng", "hằng tháng"),
    ("bảo đảm hoàn thành chỉ tiêu, nhiệm vụ hằng năm.", None),
    ("ban hành Nghị quyết hỗ trợ kinh phí hoạt động hằng năm", None),
    ("kiểm tra đột xuất", None),
    ("ngân hàng thương mại", None),
])
# fmt: on
def test_recurrence(text, expected):
    assert find_recurrence(text) == expected


# Time scope (our own sentences, a document of 5 March 2024): what is not a deadline, and which
# of several time phrases a deadline cue governs.
# fmt: off
TIME_SCOPE = [
    ("Tiếp tục phát huy truyền thống giai đoạn 1975-1980, củng cố lực lượng.", None),  # background period
    ("Triển khai Nghị quyết số 12/NQ-CP năm 2020 của Chính phủ về phát triển rừng.", None),  # cited document
    ("Quán triệt Nghị quyết số 05/NQ-TU năm 2024 của Tỉnh ủy đến cán bộ.", None),  # cited, same year
    ("Đến năm 2030, phấn đấu tỷ lệ che phủ rừng đạt 45%.", None),  # goal
    ("Phát huy kết quả năm 2023, tiếp tục tăng cường tuần tra.", None),  # a past year
    ("Năm 2024, tổ chức tổng kết công tác, hoàn thành trước ngày 30/6/2024.", "2024-06-30"),
    ("Trong năm 2024, rà soát các khu rừng, xong trước quý III/2024.", "2024-06-30"),
    ("Tổ chức hội nghị trong quý II/2024, báo cáo kết quả chậm nhất ngày 15/7/2024.", "2024-07-15"),
    ("Thực hiện Chỉ thị số 13-CT/TW năm 2017 của Ban Bí thư, hoàn thành trong năm 2024.", "2024-12-31"),
    # no cue governs either phrase: the first wins
    ("Tổ chức hội nghị trong quý II/2024 và tập huấn trong quý III/2024.", "2024-06-30"),
    # a period no cue governs names the time the subject belongs to
    ("Rà soát các vướng mắc mà giai đoạn 2024-2025 chưa giải quyết được.", None),
    ("Cân đối nguồn lực giai đoạn 2026-2030 cho các xã.", None),
    ("Hoàn thành việc sắp xếp trong giai đoạn 2024-2026.", "2026-12-31"),
    # an outcome target after the horizon year
    ("Thực hiện tinh giản biên chế, bảo đảm đến năm 2026 giảm tối thiểu 5% biên chế.", None),
    ("Tập trung giảm nghèo bền vững, phấn đấu đến năm 2027 không còn hộ nghèo.", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "iso"), TIME_SCOPE)
def test_time_scope(text, iso):
    d = find_deadline(text, doc_date="2024-03-05")
    assert (d.date if d else None) == iso


# fmt: off
@pytest.mark.parametrize(("text", "iso"), [
    # a span of quarters or months gives its end (GUIDELINES: a range gives its end)
    ("Thời gian thực hiện: Quý II - Quý III/2025.", "2025-09-30"),
    ("Thời gian: tháng 6 - 9/2025.", "2025-09-30"),
    # a date that repeats every year is a recurrence, not a deadline
    ("Báo cáo kết quả trước ngày 15/12 hằng năm.", None),
    ("Tổ chức tổng kết vào quý IV hằng năm.", None),
])
# fmt: on
def test_spans_and_yearly_dates(text, iso):
    d = find_deadline(text, doc_date="2025-03-01")
    assert (d.date if d else None) == iso


def test_quarter_spelled_qui_with_a_dash_before_the_year():
    assert parse_deadline_cell("Quí IV-2025", 2025).date == "2025-12-31"
    assert find_deadline("Hoàn thành trong quí III", doc_year=2025).date == "2025-09-30"


def test_cell_and_title_patterns_find_their_examples():
    from nlp import lexicon

    for entry, regex in lexicon.patterns_of("deadline_patterns.json", "cells_and_titles"):
        assert all(regex.search(x) for x in entry.examples), entry.name
        assert not any(regex.search(x) for x in entry.counter_examples), entry.name


# fmt: off
@pytest.mark.parametrize(("heading", "iso"), [
    ("Giai đoạn 2025 - 2030", "2030-12-31"),
    ("**Năm 2026**", "2026-12-31"),
    ("Quý I/2027:", "2027-03-31"),
    ("Nhiệm vụ năm 2026", None),                          # a heading that says more than its time
    ("Giai đoạn 2025 - 2030: rà soát các văn bản", None),
    ("Tổ chức thực hiện", None),
])
# fmt: on
def test_a_heading_that_is_only_a_period(heading, iso):
    found = period_heading(heading, 0, len(heading), doc_year=2025)
    assert (found.date if found else None) == iso


def test_items_under_a_roadmap_stage_are_due_by_its_end():
    import ingest
    import nlp

    text = ("KẾ HOẠCH\nLộ trình chuyển đổi số\n\nI. LỘ TRÌNH THỰC HIỆN\n\n1. Giai đoạn 2026 - 2028\n\n"
            "- Rà soát quy trình nội bộ của các phòng chuyên môn.\n\n2. Giai đoạn 2029 - 2030\n\n"
            "- Mở rộng dịch vụ công trực tuyến toàn trình.\n\n- Hoàn thành số hóa hồ sơ trước ngày 30/6/2029.\n")
    tasks = nlp.extract(ingest.parse_text(text)).tasks
    got = {t.text[:20]: t.deadline.date if t.deadline else None for t in tasks}
    assert got == {"Rà soát quy trình nộ": "2028-12-31", "Mở rộng dịch vụ công": "2030-12-31",
                   "Hoàn thành số hóa hồ": "2029-06-30"}


def test_a_goal_date_before_the_request_is_not_handed_to_the_items():
    import ingest
    import nlp

    text = ("THÔNG BÁO\nKết luận về tiến độ dự án\n\n1. Tình hình triển khai dự án.\n\n"
            "2. Để bảo đảm tiến độ, phấn đấu hoàn thành xây dựng trước ngày 30/11/2025, yêu cầu các bộ, "
            "ngành liên quan thực hiện một số nội dung sau:\n\n"
            "a) Bộ Y tế chỉ đạo các nhà thầu tập trung nguồn lực thi công.\n\n"
            "b) Bộ Xây dựng hướng dẫn thẩm định thiết kế, hoàn thành trước ngày 15/11/2025.\n\n"
            "3. Trước ngày 20/12/2025, Bộ Tài chính hoàn thành các việc sau:\n\n"
            "a) Bố trí vốn cho dự án.\n")
    tasks = nlp.extract(ingest.parse_text(text)).tasks

    def due(prefix: str) -> str | None:
        task = next(t for t in tasks if t.text.startswith(prefix))
        return task.deadline.date if task.deadline else None

    assert due("Bộ Y tế chỉ đạo") is None  # the goal's date stays with the lead-in
    assert due("Bộ Xây dựng hướng dẫn") == "2025-11-15"
    assert due("Bố trí vốn") == "2025-12-20"  # a date that governs the hand-over is inherited


# fmt: off
@pytest.mark.parametrize(("text", "iso"), [
    ("Thời gian thực hiện: Từ tháng 10/2025 đến quý II/2026.", "2026-06-30"),   # a range gives its end
    ("Rà soát hồ sơ (từ 03/11/2025 đến 20/12/2025).", "2025-12-20"),
    ("Từ ngày 02/3/2026 - 09/3/2026: các thôn họp dân.", "2026-03-09"),
    ("Tuyên truyền từ tháng 01 đến ngày bầu cử 15/3/2026.", "2026-03-15"),
    ("Từ ngày 02/3/2026: các thôn họp dân.", None),                           # a start only
])
# fmt: on
def test_a_range_gives_its_end(text, iso):
    found = find_deadline(text, doc_year=2025)
    assert (found.date if found else None) == iso


def test_the_start_of_a_range_is_skipped_for_its_end():
    found = find_deadline("Thực hiện từ quý IV/2025 đến tháng 5/2026.", doc_year=2025)
    assert found is not None and found.date == "2026-05-31"


# fmt: off
@pytest.mark.parametrize(("heading", "iso"), [
    ("Đợt 1: Từ ngày 01/12/2025 đến ngày 31/01/2026:", "2026-01-31"),
    ("Đợt 2: Từ ngày 02/02/2026 đến ngày 10/3/2026 gồm các nội dung trọng tâm:", "2026-03-10"),
    ("Giai đoạn 1: Trong tháng 11/2025", "2025-11-30"),
    ("Bước 2 - Từ tháng 01 đến ngày bầu cử 15/3/2026", "2026-03-15"),
    ("Đợt 3: Từ ngày 16/3/2026 đến ngày bầu cử gồm các nội dung sau:", None),  # no end date
    ("Đợt 3: Sau ngày bầu cử 15/3/2026", None),                               # a start only
    ("Đợt 1: tổ chức tuyên truyền trong tháng 12/2025", None),                 # more than the time
])
# fmt: on
def test_a_stage_heading_hands_its_end_down(heading, iso):
    text = "1. " + heading  # the heading starts mid-line, after its marker
    found = period_heading(text, 3, len(text), doc_year=2025)
    assert (found.date if found else None) == iso


def test_items_under_a_stage_heading_are_due_by_its_end():
    import ingest
    import nlp

    text = ("KẾ HOẠCH\nKiểm tra công tác bầu cử\n\nII. NỘI DUNG\n\n"
            "1. Đợt 1: Từ ngày 01/12/2025 đến ngày 31/01/2026:\n\n"
            "a) Nội dung kiểm tra:\n\n- Kiểm tra việc lập danh sách cử tri tại các thôn.\n\n"
            "2. Đợt 2: Sau ngày bầu cử\n\n- Kiểm tra việc tổng hợp kết quả bầu cử.\n")
    tasks = nlp.extract(ingest.parse_text(text, filename="kh.txt")).tasks
    due = {t.text[:30]: (t.deadline.date if t.deadline else None) for t in tasks}
    assert due.get("Kiểm tra việc lập danh sách cử") == "2026-01-31"
    assert due.get("Kiểm tra việc tổng hợp kết quả") is None


def test_a_lead_in_with_a_window_hands_its_end_to_the_list():
    import ingest
    import nlp

    text = ("KẾ HOẠCH\nTổ chức hội nghị cử tri\n\nIII. TRÌNH TỰ\n\n"
            "Việc lấy ý kiến cử tri được thực hiện trong khoảng từ ngày 02/3/2026 đến ngày 06/3/2026, cụ thể như sau:\n\n"
            "1. Trưởng thôn lập danh sách cử tri.\n\n2. Tổ chức hội nghị cử tri tại thôn.\n")
    tasks = nlp.extract(ingest.parse_text(text, filename="kh.txt")).tasks
    due = {t.text[:20]: (t.deadline.date if t.deadline else None) for t in tasks}
    assert due.get("Trưởng thôn lập danh") == "2026-03-06"
    assert due.get("Tổ chức hội nghị cử ") == "2026-03-06"
    # the window's end is governed: it wins over an earlier ungoverned year
    found = find_deadline("Năm 2026, tổ chức hội nghị từ ngày 02/3/2026 đến ngày 06/3/2026.", doc_year=2025)
    assert found is not None and found.date == "2026-03-06"


# fmt: off
@pytest.mark.parametrize(("text", "iso"), [
    ("Chỉ đạo các đoàn kiểm tra không tổ chức kiểm tra trùng lặp trong năm 2026 đối với doanh nghiệp.", None),
    ("Phấn đấu để các thôn, bản không có người tái nghèo vào năm 2030.", None),
    ("Hoàn thành việc cấp giấy chứng nhận không quá năm 2026.", "2026-12-31"),  # a cue keeps it
    ("Tổ chức kiểm tra toàn diện trong năm 2026.", "2026-12-31"),
])
# fmt: on
def test_a_year_in_a_negated_clause_is_no_deadline(text, iso):
    found = find_deadline(text, doc_year=2025)
    assert (found.date if found else None) == iso


def test_the_year_naming_a_goal_and_a_past_ungoverned_month_are_no_deadlines():
    assert find_deadline("Rà soát các kế hoạch để thực hiện mục tiêu tăng trưởng năm 2026.", doc_year=2026) is None
    found = find_deadline("Thực hiện các mục tiêu, nhiệm vụ năm 2026.", doc_year=2026)
    assert found is not None and found.date == "2026-12-31"  # the year's work
    letter = "Triển khai Nghị quyết phiên họp Chính phủ thường kỳ tháng 9 năm 2026 trong các bộ."
    assert find_deadline(letter, doc_date="2026-11-20") is None
    overdue = "Hoàn thành trước ngày 30/9/2026 việc rà soát."  # a cue keeps it, as written
    found = find_deadline(overdue, doc_date="2026-11-20")
    assert found is not None and found.date == "2026-09-30"
