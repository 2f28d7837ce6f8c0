"""A pattern skipped on a line's first character (vocab.first_chars) is one that cannot match it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import vocab
from ingest.normalize import _START_LABELS, _label_start, is_doc_type_line, marker_match

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT / "corpus", ROOT / "corpus" / "dev", ROOT / "corpus" / "test"]

# lines of our own that open with every kind of marker and label, and some that only look so
OWN_LINES = [
    "Điều 1. Ban hành", "ĐIỀU 2:", "Chương II", "MỤC 3", "Phần thứ nhất", "IV. NHIỆM VỤ", "X) ", "1. Sở Tư pháp",
    "1.2 Công an", "3/ Tổ chức", "(1) Rà soát", "a) Hoàn thành", "đ) Báo cáo", "- Nội dung", "• Mục", "+ Kết quả",
    "* Về", "١. số Ả Rập", "Số: 12/QĐ-UBND", "SỐ 5", "Hà Nội, ngày 5 tháng 3 năm 2025", "Căn cứ Luật", "Thời gian qua,",
    "QUYẾT ĐỊNH:", "Nơi nhận:", "KT. CHỦ TỊCH", "TM", "PHỤ LỤC I", "(Kèm theo Kế hoạch)", "V/v triển khai",
    "Kính gửi: Các sở", "Ngày đăng: 05/03/2025", "05/03/2025 10:00", "Thứ Hai, 05/03/2025", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "", " ", "iv. chữ thường", "Ⅳ. số La Mã", "２. số rộng",
]


def _lines() -> list[str]:
    out = list(OWN_LINES)
    for source in SOURCES:
        for path in sorted(source.glob("*.txt")) if source.is_dir() else []:
            out.extend(path.read_text(encoding="utf-8").splitlines())
    return out


LINES = _lines()
PATTERNS = [(f"marker {m.kind} {i}", m.regex) for i, m in enumerate(vocab.markers())] + [
    (f"label {key}", vocab.label(key)) for key in _START_LABELS
]


@pytest.mark.parametrize(("name", "rx"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_a_line_a_pattern_matches_starts_with_one_of_its_first_characters(name: str, rx: re.Pattern[str]) -> None:
    first = vocab.first_chars(rx)
    if first is None:
        return  # always tried
    for line in LINES:
        for text in (line, line.strip()):
            if rx.match(text):
                assert vocab.may_start(first, text), (name, text)


def test_the_filtered_lookups_answer_as_the_plain_ones() -> None:
    def plain_marker(line: str) -> re.Match[str] | None:
        return next((m for m in (mk.regex.match(line) for mk in vocab.markers()) if m), None)

    labels = [vocab.label(key) for key in _START_LABELS]
    for line in LINES:
        a, b = marker_match(line), plain_marker(line)
        assert (a and a.span()) == (b and b.span()), line
        assert _label_start(line) == (any(rx.match(line) for rx in labels) or is_doc_type_line(line)), line


def test_first_chars_reads_what_it_can_and_gives_up_on_the_rest() -> None:
    assert vocab.first_chars(re.compile(r"^(?:Số|SỐ)\s*:")) == frozenset("S")
    assert vocab.first_chars(re.compile(r"^(?=[IV])[IVX]+\.")) == frozenset("IV")
    assert vocab.first_chars(re.compile(r"^\d+\)")) == frozenset({vocab.DECIMAL})
    assert vocab.first_chars(re.compile(r"^[^\d]")) is None  # a negated class
    assert vocab.first_chars(re.compile(r"^\w+")) is None  # a broad category
    assert vocab.first_chars(re.compile(r"^a", re.I)) is None  # case folding
    assert vocab.first_chars(re.compile(r"(?:x)?")) is None  # an empty match
    assert not vocab.may_start(frozenset("a"), "")
