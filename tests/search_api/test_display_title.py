"""A document without a trích yếu is listed by its opening words, never by its file name."""

from __future__ import annotations

from ingest import parse_text
from search_api.search.docs import HEADLINE_CHARS, display_title

NEWS = ("Ngày 12/3/2025, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch triển khai công tác chuyển đổi số "
        "trong các cơ quan Đảng, đoàn thể trên địa bàn huyện giai đoạn 2025 - 2030.\n"
        "Kế hoạch yêu cầu các chi bộ, đảng bộ cơ sở quán triệt, triển khai thực hiện.\n")


def test_a_titled_document_is_listed_by_its_title() -> None:
    doc = parse_text("KẾ HOẠCH\nVề việc chuyển đổi số\n1. Các phòng triển khai thực hiện.\n")
    assert display_title(doc) == doc.metadata.title


def test_an_untitled_document_is_listed_by_its_opening_words_cut_at_a_word() -> None:
    doc = parse_text(NEWS, filename="tin-bai-0012.txt")
    assert doc.metadata.title is None
    shown = display_title(doc)
    assert "tin-bai-0012" not in shown
    opening = shown.split(": ", 1)[-1] if doc.metadata.doc_type else shown
    assert opening.endswith("…") and len(opening) <= HEADLINE_CHARS + 1
    assert NEWS.startswith(opening[:-1])
    assert NEWS[len(opening) - 1] == " "  # cut between two words
