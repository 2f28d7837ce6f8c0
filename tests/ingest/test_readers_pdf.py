"""PDF reader on a LibreOffice-printed fixture: reading order, side-by-side header blocks,
running header and page numbers dropped, tables as TableBlocks (also across pages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.options import ReaderOptions
from ingest.rawdoc import Paragraph, TableBlock
from ingest.readers import read

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
PLAN_PDF = ROOT / "corpus" / "kh_ubnd_chuyen_doi_so_2025.pdf"


@pytest.fixture(scope="module")
def layout() -> list:
    return read(FIXTURES / "layout.pdf").blocks


def _lines(blocks: list) -> list[str]:
    return [line for b in blocks if isinstance(b, Paragraph) for line in b.text.split("\n")]


def test_header_columns_are_read_left_block_then_right(layout: list) -> None:
    lines = _lines(layout)
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH", "Số: 12/KH-UBND"]
    assert lines[3].startswith("CỘNG HÒA XÃ HỘI CHỦ")
    title = lines.index("KẾ HOẠCH")
    assert "Độc lập - Tự do - Hạnh phúc" in lines[3:title]  # the right block ends before the title


def test_stacked_diacritics_stay_on_their_line(layout: list) -> None:
    lines = _lines(layout)
    assert "Độc lập - Tự do - Hạnh phúc" in lines
    assert all(len(line.split()) > 1 or line.isdigit() or line.endswith(".") or line.isupper() for line in lines)


def test_running_header_and_page_numbers_are_dropped(layout: list) -> None:
    lines = _lines(layout)
    assert "Kế hoạch chuyển đổi số tỉnh" not in lines
    assert not any(line.strip().isdigit() for line in lines)
    kept = _lines(read(FIXTURES / "layout.pdf", options=ReaderOptions(drop_headers_footers=False)).blocks)
    assert "Kế hoạch chuyển đổi số tỉnh" in kept


def test_pages_are_recorded(layout: list) -> None:
    pages = [b.page for b in layout]
    assert pages[0] == 1 and pages == sorted(pages) and pages[-1] > 1


def test_table_words_are_not_in_the_text(layout: list) -> None:
    tables = [b for b in layout if isinstance(b, TableBlock)]
    assert len(tables) == 1
    assert tables[0].rows[0] == ["STT", "Nội dung", "Thời gian"]
    assert tables[0].rows[2] == ["2", "Tập huấn cán bộ", "Tháng 6/2025"]
    assert not any("Quý II/2025" in line for line in _lines(layout))
    assert _lines(layout)[-1] == "Kết thúc."


def test_table_split_across_pages_is_one_table() -> None:
    tables = [b for b in read(PLAN_PDF).blocks if isinstance(b, TableBlock)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert rows[0][0] == "STT" and len(rows) == 11
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 11)]
    assert all(len(r) == 5 for r in rows)


def test_y_tolerance_option_is_validated() -> None:
    with pytest.raises(ValueError, match="pdf_y_tolerance"):
        ReaderOptions(pdf_y_tolerance=0)
