"""The OCR corrections in ingest/data/ocr_fixes.json: each fixes its examples, leaves its
counter-examples alone, and a whole real misread line comes out right."""

from __future__ import annotations

import json

import pytest

from ingest.ocr_fixes import DATA, fix_line, fix_line_spans, fixes


def test_the_file_has_a_comment_and_unique_names() -> None:
    spec = json.loads(DATA.read_text(encoding="utf-8"))
    assert "#" in spec
    names = [f["name"] for f in spec["fixes"]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("fix", fixes(), ids=lambda f: f.name)
def test_examples_are_fixed_and_counter_examples_kept(fix) -> None:
    assert fix.examples and fix.counter_examples
    for wrong, right in fix.examples:
        assert fix.apply(wrong) == right
        assert fix.apply(right) == right  # a corrected text stays corrected
    for text in fix.counter_examples:
        assert fix.apply(text) == text


def test_a_misread_line_of_a_real_scan() -> None:
    line = "Ban Thường vụ các huyện ủy, thị Ủy, thành ủy và Ban cán sự đẳng BỘ Tư pháp; những tổn tại"
    assert fix_line(line) == "Ban Thường vụ các huyện ủy, thị ủy, thành ủy và Ban cán sự đảng Bộ Tư pháp; những tồn tại"


def test_spans_move_with_a_fix_that_changes_the_length() -> None:
    text = "Quyết định số 196/QĐĐ-TCTHADS ngày 03/3/2021 của Tổng cục"
    doubt = (text.index("03/3"), text.index("03/3") + 9, 48.0)
    fixed, (moved,) = fix_line_spans(text, (doubt,))
    assert fixed == "Quyết định số 196/QĐ-TCTHADS ngày 03/3/2021 của Tổng cục"
    assert fixed[moved[0]:moved[1]] == "03/3/2021" and moved[2] == 48.0
    same = "Sở Tư pháp chủ trì"
    assert fix_line_spans(same, ((0, 2, 50.0),)) == (same, ((0, 2, 50.0),))


def test_a_doubled_letter_read_as_an_eth_is_dropped() -> None:
    assert fix_line("Quyết định số 196/QĐÐ-TCTHADS") == "Quyết định số 196/QĐ-TCTHADS"
