"""News pages and portal posts: doc_type Tin bài, the headline as title, the dateline as
issued_date, the byline as signer; negatives next to positives."""

from __future__ import annotations

import pytest

from ingest import parse_text

# fmt: off
PAGES = [
    ("Thủ tướng chỉ thị đẩy mạnh giải ngân vốn đầu tư công\n\nThứ Hai, ngày 23/6/2025 | 10:15 GMT+7\n\n"
     "(Chinhphu.vn) - Thủ tướng Chính phủ vừa ký ban hành Chỉ thị số 20/CT-TTg.\n\n"
     "Thủ tướng yêu cầu các bộ, ngành hoàn thành trước ngày 30/9/2025.\n\nMinh Anh\n",
     {"doc_type": "Tin bài", "issued_date": "2025-06-23", "title": "Thủ tướng chỉ thị đẩy mạnh giải ngân vốn đầu tư công",
      "signer": "Minh Anh", "number": None, "issuer": None}),
    ("Huyện ủy Tuy Phong quán triệt Kết luận số 93-KL/TW\n\nNgày đăng: 14/05/2021\n\n"
     "Sáng 14/5, Ban Thường vụ Huyện ủy tổ chức hội nghị quán triệt.\n\nThu Hà - Văn phòng Huyện ủy\n",
     {"doc_type": "Tin bài", "issued_date": "2021-05-14", "signer": "Thu Hà"}),
    ("Bộ Tư pháp triển khai nhiệm vụ năm 2025\n\n10/01/2025 08:30\n\n"
     "Ngày 10/01, Bộ Tư pháp tổ chức hội nghị.\n\nTheo Báo Pháp luật Việt Nam\n",
     {"doc_type": "Tin bài", "issued_date": "2025-01-10", "signer": None}),               # a source, not a byline
    ("Thủ tướng chỉ thị đẩy mạnh giải ngân vốn đầu tư công\n\n"
     "(Chinhphu.vn) - Thủ tướng Chính phủ vừa ký ban hành Chỉ thị số 20/CT-TTg.\n\nThủ tướng yêu cầu các bộ hoàn thiện thủ tục.\n",
     {"doc_type": "Tin bài", "issued_date": None, "title": "Thủ tướng chỉ thị đẩy mạnh giải ngân vốn đầu tư công"}),
    ("Trang chủ > Tin tức - Sự kiện\n\nHuyện ủy Tuy Phong quán triệt Kết luận số 93-KL/TW\n\n14/05/2021 08:30\n\n"
     "Sáng 14/5, Ban Thường vụ Huyện ủy tổ chức hội nghị.\n\nThu Hà\n",
     {"doc_type": "Tin bài", "issued_date": "2021-05-14", "title": "Huyện ủy Tuy Phong quán triệt Kết luận số 93-KL/TW"}),
    ("Trang chủ > Tin tức - Sự kiện\n\n14/05/2021 08:30\n\nSáng 14/5, Ban Thường vụ Huyện ủy họp.\n\nThu Hà\n",
     {"doc_type": "Tin bài", "title": None}),                                            # a breadcrumb is no headline
    # negatives: a document with a header is never a news page
    ("BỘ TƯ PHÁP\nSố: 5/KH-BTP\nHà Nội, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nRà soát văn bản\n"
     "(Chinhphu.vn) - nội dung trích dẫn.\n1. Các đơn vị rà soát.\n",
     {"doc_type": "Kế hoạch", "issued_date": "2024-03-05"}),
    ("Các đơn vị thuộc Bộ rà soát quy trình nội bộ.\n\n1. Vụ Pháp chế chủ trì.\n", {"doc_type": None}),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PAGES)
def test_news_page_fields(text: str, expected: dict) -> None:
    meta = parse_text(text).metadata.model_dump()
    for field, value in expected.items():
        assert meta[field] == value, field


@pytest.mark.parametrize(
    ("byline", "signer"),
    [
        ("Thu Hà", "Thu Hà"),
        ("Bài, ảnh: Thu Hà", "Thu Hà"),
        ("Tin và ảnh: Minh Anh - TTXVN", "Minh Anh"),
        ("Tác giả: Lê Văn Nam", "Lê Văn Nam"),
        ("Theo Báo Pháp luật Việt Nam", None),
    ],
)
def test_byline_forms(byline: str, signer: str | None) -> None:
    text = f"Huyện ủy quán triệt Kết luận\n\nNgày đăng: 14/05/2021\n\nSáng 14/5, Ban Thường vụ Huyện ủy họp.\n\n{byline}\n"
    assert parse_text(text).metadata.signer == signer
