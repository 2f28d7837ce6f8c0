"""Section tree: every marker family, nesting, dashes, articles, letters, gold agreement."""

from __future__ import annotations

import json

import pytest

from ingest import parse_text
from ingest.model import SectionKind

from .conftest import gold_pairs, locate, parsed, section_path_at

PLAN = """I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm thống nhất.
II. NHIỆM VỤ
1. Công tác chỉ đạo
1.1. Sở Nội vụ rà soát văn bản.
1.2. Sở Tài chính bố trí kinh phí.
2. Công tác kiểm tra
2.1. Thanh tra tỉnh:
- Kiểm tra việc thực hiện.
- Báo cáo kết quả.
+ Gửi Sở Nội vụ.
2.2. Các sở thực hiện.
III. TỔ CHỨC THỰC HIỆN
Các đơn vị triển khai Kế hoạch này.
"""

LEGAL = """Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
1. Quy chế này quy định việc kiểm tra.
a) Kiểm tra định kỳ;
b) Kiểm tra đột xuất;
c) Kiểm tra chuyên đề;
d) Kiểm tra lại;
đ) Tự kiểm tra;
e) Giám sát.
Điều 2. Hiệu lực
Quy chế có hiệu lực kể từ ngày ký.
"""

NUMBERED = """Ban Thường vụ yêu cầu:
1. Các cấp ủy quán triệt.
2. Ban cán sự đảng chỉ đạo:
2.1. UBND tỉnh:
- Tăng cường quản lý.
- Củng cố Ban Chỉ đạo.
2.2. Sở Tư pháp thực hiện:
- Rà soát.
3- Các huyện ủy thực hiện:
- Lãnh đạo.
• Kiểm tra.
"""

# fmt: off
CASES = [
    (PLAN, ["I", "I.1", "II", "II.1", "II.1.1.1", "II.1.1.2", "II.2", "II.2.2.1", "II.2.2.1-a", "II.2.2.1-b",
            "II.2.2.1-b-a", "II.2.2.2", "III"]),
    (LEGAL, ["Chương I", "Điều 1", "Điều 1.1", "Điều 1.1.a", "Điều 1.1.b", "Điều 1.1.c", "Điều 1.1.d",
             "Điều 1.1.đ", "Điều 1.1.e", "Điều 2"]),
    (NUMBERED, ["1", "2", "2.1", "2.1-a", "2.1-b", "2.2", "2.2-a", "3", "3-a", "3-b"]),
    ("- Một.\n- Hai.\n", [None, None]),                      # dashes with no numbered parent
    ("Phần I\nMục 1. Chung\nĐiều 5. Áp dụng.\n", ["Phần I", "Phần I.Mục 1", "Điều 5"]),
    ("Ngày 27/11/2019 Quốc hội họp.\n1.804 việc đã thi hành.\n", []),  # dates and counts are not markers
]
# fmt: on


@pytest.mark.parametrize(("text", "paths"), CASES)
def test_section_paths(text: str, paths: list) -> None:
    assert [s.path for s in parse_text(text).sections] == paths


def test_nesting_and_offsets() -> None:
    doc = parse_text(PLAN)
    by_path = {s.path: s for s in doc.sections}
    parent = by_path["II.2"]
    child = by_path["II.2.2.1"]
    assert doc.sections[child.parent].path == "II.2"
    assert parent.start <= child.start < child.end <= parent.end
    assert doc.text[child.text_start:child.text_end] == "Thanh tra tỉnh:"
    assert by_path["II.2.2.1-a"].kind is SectionKind.DASH
    assert by_path["II.2.2.1-b-a"].kind is SectionKind.PLUS
    assert doc.text[by_path["III"].start:by_path["III"].end].endswith("Kế hoạch này.")
    for s in doc.sections:
        assert doc.text[s.text_start:s.text_end] == doc.text[s.text_start:s.text_end].strip()
        assert s.index == doc.sections.index(s)


def test_recipients_dashes_are_not_sections() -> None:
    text = "QUYẾT ĐỊNH\nVề việc ban hành Quy chế\nĐiều 1. Ban hành.\nNơi nhận:\n- Như Điều 1;\n- Lưu: VT.\n"
    assert [s.path for s in parse_text(text).sections] == ["Điều 1"]


def test_gold_sections_agree() -> None:
    """Gold task texts sit in a section whose path equals the gold ``section``."""
    total = agree = 0
    for src, gold in gold_pairs():
        doc = parsed(src)
        for task in json.loads(gold.read_text(encoding="utf-8")).get("tasks", []):
            at = locate(doc, task["text"].replace("*", ""))
            if at is None:
                continue
            total += 1
            agree += section_path_at(doc, at) == task["section"]
    if not total:
        pytest.skip("no gold available")
    assert agree / total >= 0.9, f"{agree}/{total}"


def test_gold_quotes_are_found_in_the_text() -> None:
    """Gold task texts and reference mentions are found in the normalised text."""
    total = found = 0
    for src, gold in gold_pairs():
        doc = parsed(src)
        data = json.loads(gold.read_text(encoding="utf-8"))
        quotes = [t["text"] for t in data.get("tasks", [])] + [r["mention"] for r in data.get("references", []) if r.get("mention")]
        for q in quotes:
            total += 1
            found += locate(doc, q.replace("*", "")) is not None
    if not total:
        pytest.skip("no gold available")
    assert found / total >= 0.98, f"{found}/{total}"
