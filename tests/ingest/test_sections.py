"""Section tree: every marker family, nesting, dashes, articles, letters, gold agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest import parse_text, vocab
from ingest.model import SectionKind

from .conftest import gold_pairs, locate, locate_all, parsed, section_path_at

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


HEAD = "KẾ HOẠCH\nTriển khai công tác năm 2026\n"

# Shapes of real web copies and scans, in our own words (issue 12).
# fmt: off
SHAPES = [
    # a bold Roman numeral alone on its line, its title on the next (also inside one bold run)
    (HEAD + "**I.**\n**MỤC ĐÍCH, YÊU CẦU**\n\n1. Bảo đảm thống nhất.\n\n**II.\nNHIỆM VỤ**\n\n**1.\nSở Nội vụ:**\n\n"
     "a) Rà soát văn bản.\n",
     ["I", "I.1", "II", "II.1", "II.1.a"]),
    # (1) ... (n) points under a numbered item: <item>.<n>, and letters nest under them
    (HEAD + "1. Sở Tài chính chủ trì:\n(1) Rà soát nguồn vốn.\n(2) Tham mưu phân bổ:\na) Vốn đầu tư;\n"
     "(3) Báo cáo kết quả.\n2. Sở Nội vụ kiểm tra.\n",
     ["1", "1.1", "1.2", "1.2.a", "1.3", "2"]),
    # ... and under a letter they nest under it: the family that comes first is the outer one
    (HEAD + "1. Sở Tài chính:\na) Về vốn:\n(1) Rà soát nguồn vốn.\n(2) Tham mưu phân bổ.\nb) Về thuế.\n",
     ["1", "1.a", "1.a.1", "1.a.2", "1.b"]),
    # a lone (1) starts no series of points: it is text of the item above
    (HEAD + "1. Sở Tài chính bố trí kinh phí.\n(1) Theo dự toán được giao.\n2. Sở Nội vụ kiểm tra.\n", ["1", "2"]),
    # the same Roman numeral twice (a typing slip): both are headings, numbering restarts
    (HEAD + "IV. KINH PHÍ\n1. Ngân sách tỉnh.\nIV. PHÂN CÔNG NHIỆM VỤ\n1. Sở Công Thương:\n- Điều phối hàng hóa.\n",
     ["IV", "IV.1", "IV", "IV.1", "IV.1-a"]),
    # OCR read the first Roman heading as "1." (a "1." heading in capitals before "II.")
    (HEAD + "1. TINH THẦN CHỈ ĐẠO\n1. Quán triệt chỉ đạo.\n2. Tập trung thực hiện.\nII. NHIỆM VỤ\n1. Rà soát.\n",
     ["I", "I.1", "I.2", "II", "II.1"]),
    # ... but a "1." heading in capitals with no "II." after it stays a number
    (HEAD + "1. NHIỆM VỤ CHUNG\n1.1. Rà soát.\n2. NHIỆM VỤ CỤ THỂ\n", ["1", "1.1", "2"]),
]
# fmt: on


@pytest.mark.parametrize(("text", "paths"), SHAPES)
def test_web_copy_shapes(text: str, paths: list) -> None:
    assert [s.path for s in parse_text(text).sections] == paths


def _path_at(doc, needle: str) -> str | None:
    return section_path_at(doc, doc.text.index(needle))


def test_hard_wrapped_line_that_looks_like_a_marker_continues_its_item() -> None:
    """A line cut out of a sentence (the paragraph before it stops mid-sentence) is no marker:
    ``... các địa bàn cấp độ`` / ``1. Cấp ngay ...`` under ``- Giai đoạn``, where a ``1.`` would
    go back in its siblings' numbering, and ``... giai đoạn 2021`` / ``- 2025 sang ...``."""
    text = HEAD + (
        "III. PHƯƠNG ÁN\n1. Phạm vi toàn tỉnh.\n2. Nhu cầu hỗ trợ.\n3. Phương án cấp phát\n"
        "- Giai đoạn khẩn cấp: tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ\n"
        "1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân.\n"
        "- Giai đoạn sau: hỗ trợ tấm lợp, vật liệu sửa nhà cho các hộ dân trong giai đoạn 2021\n"
        "- 2025 sang thực hiện trong giai đoạn 2026 - 2030.\n"
        "4. Kinh phí thực hiện.\n"
    )
    doc = parse_text(text)
    assert [s.path for s in doc.sections] == ["III", "III.1", "III.2", "III.3", "III.3-a", "III.3-b", "III.4"]
    assert _path_at(doc, "Cấp ngay mì tôm") == "III.3-a"
    assert _path_at(doc, "2025 sang thực hiện") == "III.3-b"
    dash = doc.sections[4]
    assert doc.text[dash.text_start:dash.text_end].endswith("nước uống cho Nhân dân.")


def test_a_heading_may_restart_the_numbering() -> None:
    """After a heading line (capitals, or a short line) a ``1.`` is a marker again."""
    text = HEAD + "1. Tiêu chí một.\n2. Tiêu chí hai.\nHƯỚNG DẪN ĐÁNH GIÁ\n1. Thành lập đoàn kiểm tra.\n"
    doc = parse_text(text)
    assert [s.path for s in doc.sections] == ["1", "2", "1"]


def test_closing_paragraph_is_not_part_of_the_last_item() -> None:
    """The body's last unmarked paragraph belongs to the outermost heading (or to no section),
    not to the last item; an unmarked paragraph inside the body still continues its item."""
    text = HEAD + (
        "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí kinh phí.\nTrường hợp thiếu vốn, báo cáo UBND tỉnh.\n"
        "2. Sở Nội vụ theo dõi, đôn đốc.\n"
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo UBND tỉnh.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    )
    doc = parse_text(text)
    assert _path_at(doc, "Trường hợp thiếu vốn") == "IV.1"
    assert _path_at(doc, "Trong quá trình thực hiện") == "IV"
    item = next(s for s in doc.sections if s.path == "IV.2")
    assert doc.text[item.text_start:item.text_end] == "Sở Nội vụ theo dõi, đôn đốc."
    numbered = HEAD + "1. Các sở rà soát.\n2. Sở Nội vụ theo dõi.\nTrên đây là Kế hoạch của UBND tỉnh.\n"
    assert _path_at(parse_text(numbered), "Trên đây là") is None


def test_an_appendix_heading_restarts_the_tree() -> None:
    """``PHỤ LỤC 01`` inside a plan: what follows is no part of the plan's last item, and the
    paragraph just before it is the plan's closing paragraph."""
    text = (
        "QUYẾT ĐỊNH\nBan hành Kế hoạch xuất khẩu\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n"
        "KẾ HOẠCH\nXuất khẩu nông sản\n(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05/3/2026)\n"
        "V. TỔ CHỨC THỰC HIỆN\n1. Các sở triển khai.\n2. Sở Công Thương tổng hợp, báo cáo.\n"
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo UBND tỉnh.\n"
        "PHỤ LỤC 01\nĐỊNH HƯỚNG PHÁT TRIỂN VÙNG NGUYÊN LIỆU\nCây công nghiệp\n1. Cà phê: 30.000 ha.\n"
    )
    doc = parse_text(text)
    assert _path_at(doc, "Trong quá trình") == "V"
    assert _path_at(doc, "ĐỊNH HƯỚNG PHÁT TRIỂN") is None
    assert _path_at(doc, "Cà phê") == "1"


def test_marker_examples() -> None:
    """Each marker pattern of ``data/markers.json`` matches its examples, not its counter-examples."""
    data = json.loads((Path(vocab.__file__).parent / "data" / "markers.json").read_text(encoding="utf-8"))
    for entry, marker in zip(data["markers"], vocab.markers(), strict=True):
        for example in entry.get("examples", []):
            assert marker.regex.match(example), (entry["kind"], example)
        for counter in entry.get("counter_examples", []):
            assert not marker.regex.match(counter), (entry["kind"], counter)


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
    """Gold task texts sit in a section whose path equals the gold ``section`` (a text that
    occurs twice, a table row repeating a body item, agrees when one occurrence does)."""
    total = agree = 0
    for src, gold in gold_pairs():
        doc = parsed(src)
        for task in json.loads(gold.read_text(encoding="utf-8")).get("tasks", []):
            found = locate_all(doc, task["text"].replace("*", ""))
            if not found:
                continue
            total += 1
            agree += any(section_path_at(doc, at) == task["section"] for at in found)
    if not total:
        pytest.skip("no gold available")
    # 0.951 on the dev documents <= 183 (2026-12-07); the 8 blind documents 184-191 agree on 0.41
    # (news copies and excerpts, and gold notations such as '1.(1)' for '1.1', '2.1-a' for '2.1.a'),
    # so all 87 stand at 0.892: the floor sits under that, not at a level the new ones never reach
    assert agree / total >= 0.88, f"{agree}/{total}"


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
