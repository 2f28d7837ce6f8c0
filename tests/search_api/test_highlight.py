"""Highlights of whole matched words and phrases (issue 14)."""

from __future__ import annotations

from search_api.search.highlight import highlight, marked_spans
from search_api.search.model import TextQuery


def marks(text: str, tq: TextQuery) -> list[str]:
    return [text[s:e] for s, e in marked_spans(text, tq)]


def test_accent_free_query_marks_the_phrase_not_stray_syllables() -> None:
    text = "Thu hồi tài sản bị thất thoát tại địa phương, thư gửi Bộ."
    assert marks(text, TextQuery("thu hoi tai san")) == ["Thu hồi tài sản"]


def test_abbreviation_marks_itself_and_its_long_form_not_syllables() -> None:
    text = "UBND tỉnh chỉ đạo; Ủy ban nhân dân các huyện; bản hướng dẫn."
    got = marks(text, TextQuery("UBND", variants=("Ủy ban nhân dân",)))
    assert got == ["UBND", "Ủy ban nhân dân"]


def test_accented_query_marks_only_the_accented_form() -> None:
    text = "Thu hồi tài sản; thu hôi tai san."
    assert marks(text, TextQuery("thu hồi tài sản")) == ["Thu hồi tài sản"]


def test_tone_mark_slip_is_marked_beside_an_exact_word() -> None:
    text = "Giải quyết khiếu nại, tố cáo của công dân."
    assert marks(text, TextQuery("giãi quyết khiếu nại")) == ["Giải quyết khiếu nại"]


def test_spelling_variant_is_marked() -> None:
    text = "Tăng cường quản lý thuế."
    assert marks(text, TextQuery("quản lí thuế", variants=("quản lý thuế",))) == ["quản lý thuế"]


def test_quoted_phrase_and_owner_words() -> None:
    text = "Sở Y tế hướng dẫn thanh toán chi phí khám bệnh."
    tq = TextQuery("nhiệm vụ của Sở Y tế", words="Sở Y tế", owner_keys=("so-y-te",))
    assert marks(text, tq) == ["Sở Y tế"]
    assert highlight("Diễn tập phòng thủ dân sự các cấp", TextQuery('"phòng thủ dân sự"')) == [
        "Diễn tập <mark>phòng thủ dân sự</mark> các cấp"]
