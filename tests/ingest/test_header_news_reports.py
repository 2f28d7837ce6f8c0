"""Headerless news reports about a document (no motto, number or type line): a headline,
then evidence that the page reports the document rather than is it — a question headline,
a paragraph near the top reporting the document being issued, a source credit or a posting
date among the last lines. doc_type Tin bài, the headline as title; issuer and number null.
Sentences of our own; negatives next to positives."""

from __future__ import annotations

import pytest

from ingest import parse_text

BODY = "Các sở, ngành rà soát danh mục dự án và báo cáo kết quả trước ngày 30/6/2024.\n\n"

# fmt: off
REPORTS = [
    # a question headline (a Q&A portal): never a directive's title
    ("Toàn văn Kế hoạch 55/KH-UBND năm 2024 về chuyển đổi số tỉnh Quảng Trị có gì mới?\n\n" + BODY
     + "- Sở Thông tin và Truyền thông hướng dẫn các huyện.\n",
     {"doc_type": "Tin bài", "title": "Toàn văn Kế hoạch 55/KH-UBND năm 2024 về chuyển đổi số tỉnh Quảng Trị có gì mới?",
      "number": None, "issuer": None, "issued_date": None}),
    # a report lead under the headline (no "đã")
    ("Quảng Trị đẩy mạnh chuyển đổi số trong năm 2024\n\n"
     "Ngày 3/4/2024, UBND tỉnh Quảng Trị ban hành Kế hoạch số 55/KH-UBND về chuyển đổi số.\n\n" + BODY,
     {"doc_type": "Tin bài", "title": "Quảng Trị đẩy mạnh chuyển đổi số trong năm 2024", "number": None, "issuer": None}),
    # a report lead without a date, after the headline repeated
    ("Hướng dẫn mới về công tác văn thư của Sở Nội vụ\n\nHướng dẫn mới về công tác văn thư của Sở Nội vụ\n\n"
     "Sở Nội vụ tỉnh Lào Cai vừa ký ban hành Hướng dẫn số 12/HD-SNV về công tác văn thư, lưu trữ.\n\n" + BODY,
     {"doc_type": "Tin bài", "title": "Hướng dẫn mới về công tác văn thư của Sở Nội vụ"}),
    # a source credit at the end
    ("Bộ Xây dựng yêu cầu rà soát các công trình nhà ở xã hội\n\n" + BODY + "Theo Báo Xây dựng\n",
     {"doc_type": "Tin bài", "title": "Bộ Xây dựng yêu cầu rà soát các công trình nhà ở xã hội", "issued_date": None}),
    # a posting date at the end gives issued_date
    ("Bộ Xây dựng yêu cầu rà soát các công trình nhà ở xã hội\n\n" + BODY + "Ngày giờ đăng: 09:30 05/04/2024\n",
     {"doc_type": "Tin bài", "issued_date": "2024-04-05"}),
    ("Bộ Xây dựng yêu cầu rà soát các công trình nhà ở xã hội\n\n" + BODY
     + "Nguồn: Cổng Thông tin điện tử Bộ Xây dựng\n\nThời gian cập nhật: 15/04/2024\n",
     {"doc_type": "Tin bài", "issued_date": "2024-04-15"}),
]

NOT_REPORTS = [
    # a headerless copy of the document itself: it is signed
    ("Kế hoạch chuyển đổi số năm 2024 của tỉnh\n\n"
     "Ngày 3/4/2024, Thủ tướng Chính phủ đã ban hành Quyết định số 12/QĐ-TTg về chuyển đổi số.\n\n" + BODY
     + "TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nNguyễn Văn Hùng\n"),
    # ... or has its recipients list
    ("Rà soát các dự án đầu tư công có vấn đề không?\n\n" + BODY + "Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n"),
    # a headline with nothing that tells a report
    ("Rà soát các dự án đầu tư công năm 2024\n\n" + BODY + "- Sở Tài chính tổng hợp.\n"),
    # a first line that is a sentence, not a headline
    ("Các sở, ngành rà soát danh mục dự án.\n\n" + BODY + "Theo Báo Quảng Trị\n"),
    # a document cited at the end is no source credit
    ("Rà soát các dự án đầu tư công năm 2024\n\n" + BODY + "Theo Quyết định số 12/QĐ-UBND\n"),
    # a bare date at the end is no posting date, and a "Theo ..." clause no source credit
    ("Rà soát các dự án đầu tư công năm 2024\n\n" + BODY + BODY + BODY + "Theo Kế hoạch, các huyện báo cáo trước ngày 30/6.\n\n05/04/2024\n"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), REPORTS)
def test_news_report_fields(text: str, expected: dict) -> None:
    meta = parse_text(text).metadata.model_dump()
    for field, value in expected.items():
        assert meta[field] == value, field


@pytest.mark.parametrize("text", NOT_REPORTS)
def test_not_a_news_report(text: str) -> None:
    assert parse_text(text).metadata.doc_type != "Tin bài"


def test_report_headline_is_not_a_task_zone() -> None:
    doc = parse_text(REPORTS[1][0])
    assert [z.kind for z in doc.zones][:2] == ["header", "body"]
