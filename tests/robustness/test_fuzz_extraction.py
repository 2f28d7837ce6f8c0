"""Property-based tests of the extraction (``nlp.extract``) over random and mutated documents:
it always returns an ``Extraction`` within a time bound, and what it returns is consistent
(spans point into the text, ids unique, dates valid ISO dates)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import ingest
import nlp
from ingest.errors import IngestError
from tests.robustness.conftest import CORPUS_FILES, FULL, corpus_bytes, fuzz_settings

pytestmark = pytest.mark.timeout(120)

MARKERS = ["", "I. ", "II. ", "1. ", "2. ", "1.1. ", "3.2.1. ", "a) ", "b) ", "- ", "+ ", "Điều 1. ",
           "Khoản 2 ", "Phụ lục ", "PHẦN I ", "* "]
OWNERS = ["Sở Tư pháp", "UBND các huyện, thị xã", "Công an tỉnh", "Bộ Tư pháp", "Tổng cục THADS",
          "các sở, ban, ngành", "Văn phòng UBND tỉnh", "Cục Thuế", ""]
VERBS = ["chủ trì, phối hợp với", "chủ trì", "phối hợp", "khẩn trương", "tổ chức triển khai",
         "rà soát, báo cáo", "giao", "đề nghị", "yêu cầu", "tham mưu"]
DEADLINES = ["trước ngày 15/9/2025", "trong quý III năm 2025", "trước ngày 31/02/2025", "ngày 99/99/9999",
             "trước ngày 0/0/0", "hằng tháng", "năm 2024", "trước 30 tháng 6", "trong tháng 13 năm 2025",
             "trước ngày 29/02/2023", "trước ngày 1/1/10000", ""]
REFS = ["Chỉ thị số 11/CT-TTg ngày 04/3/2020", "Quyết định số 1804/QĐ-BTP", "Nghị quyết 15/NQ-HĐND",
        "Luật Thi hành án dân sự", "Công văn số /UBND-TH", "Thông tư số 999999/TT-BTC ngày 31/12/1800", ""]
JUNK = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)

line = st.builds(
    lambda m, o, v, r, d, j: f"{m}{o} {v} {r} {d} {j}".strip() + ".",
    st.sampled_from(MARKERS), st.sampled_from(OWNERS), st.sampled_from(VERBS),
    st.sampled_from(REFS), st.sampled_from(DEADLINES), JUNK,
)
documents = st.lists(line, min_size=1, max_size=40).map(
    lambda lines: "ỦY BAN NHÂN DÂN TỈNH X\nKẾ HOẠCH\nTriển khai nhiệm vụ năm 2025\n" + "\n".join(lines)
)


def check_extraction(doc: ingest.ParsedDocument, ext: nlp.Extraction) -> None:
    text = doc.text
    assert ext.doc_id == doc.id
    ids = [t.id for t in ext.tasks]
    assert len(ids) == len(set(ids)), "task ids must be unique"
    for task in ext.tasks:
        assert 0 <= task.span.start <= task.span.end <= len(text)
        assert text[task.span.start:task.span.end] == task.span.text
        if task.deadline and task.deadline.date:
            date.fromisoformat(task.deadline.date)  # a real calendar date
        for owner in [*task.owners, *task.co_owners]:
            assert owner.name.strip() and owner.key.strip()
            if owner.span:
                assert text[owner.span.start:owner.span.end] == owner.span.text
    for ref in ext.references:
        assert text[ref.mention.start:ref.mention.end] == ref.mention.text
        if ref.issued_date:
            date.fromisoformat(ref.issued_date)


def extract_text(text: str) -> tuple[ingest.ParsedDocument, nlp.Extraction]:
    doc = ingest.parse_text(text)
    return doc, nlp.extract(doc)


@fuzz_settings(30, deadline_s=5)
@given(documents)
@example("KẾ HOẠCH\n1. Sở Tư pháp chủ trì trước ngày 31/02/2025.")
@example("KẾ HOẠCH\n1. Công an tỉnh thực hiện trước ngày 29/02/2023; hoàn thành ngày 99/99/9999.")
@example("1.\n1.1.\n1.1.1.\n" + "a)\n" * 50)
@example("KẾ HOẠCH\nI. Sở Tư pháp chủ trì.\nI. Sở Tư pháp chủ trì.")  # a repeated item: two tasks, two ids
def test_random_directives(text: str) -> None:
    doc, ext = extract_text(text)
    check_extraction(doc, ext)


@fuzz_settings(40, deadline_s=5)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=3000))
def test_random_unicode(text: str) -> None:
    if not text.strip():
        return
    doc, ext = extract_text(text)
    check_extraction(doc, ext)


def _corpus_texts() -> list[str]:
    return [corpus_bytes(p).decode("utf-8") for p in CORPUS_FILES if p.suffix == ".txt"]


@fuzz_settings(8, deadline_s=10)
@given(source=st.sampled_from(_corpus_texts()), data=st.data())
def test_mutated_corpus_documents(source: str, data: st.DataObject) -> None:
    """Real documents with lines dropped, duplicated, swapped and cut mid-line."""
    lines = source.split("\n")
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["drop", "dup", "swap", "cut"]),
                                       st.integers(0, max(len(lines) - 1, 0))), max_size=25))
    for op, i in ops:
        if not lines:
            break
        i %= len(lines)
        if op == "drop":
            lines.pop(i)
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = (i * 7 + 3) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = lines[i][: len(lines[i]) // 2]
    text = "\n".join(lines)
    if not text.strip():
        return
    doc, ext = extract_text(text)
    check_extraction(doc, ext)


@pytest.mark.parametrize(("label", "text"), [
    ("deep numbering", "KẾ HOẠCH\n" + "\n".join(".".join(["1"] * d) + ". Sở Tư pháp chủ trì thực hiện." for d in range(1, 200))),
    ("many tasks", "KẾ HOẠCH\n" + "\n".join(f"{i}. Sở Tư pháp chủ trì nhiệm vụ {i} trước ngày 15/9/2025." for i in range(1, 1500))),
    ("one huge sentence", "KẾ HOẠCH\n1. " + "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh " * 4000 + "."),
    ("huge list of owners", "1. " + ", ".join(f"Sở số {i}" for i in range(5000)) + " chủ trì thực hiện."),
    ("references only", "Căn cứ " + "; ".join(f"Quyết định số {i}/QĐ-UBND ngày 1/1/2020" for i in range(2000)) + "."),
    ("no punctuation", "KẾ HOẠCH\n" + "giao sở tư pháp chủ trì " * 20000),
])
def test_big_and_deep_documents(label: str, text: str) -> None:
    import time

    start = time.perf_counter()
    doc, ext = extract_text(text)
    took = time.perf_counter() - start
    check_extraction(doc, ext)
    assert took < 30, f"{label}: extraction took {took:.1f}s"


@pytest.mark.timeout(600 if FULL else 90)
def test_megabytes_of_one_sentence_through_extraction() -> None:
    """Parse + extract a document of one repeated task sentence (1 MB; 10 MB with
    ROBUSTNESS_FULL=1) within 40 s per MB."""
    import time

    size = (10 if FULL else 1) * 1024 * 1024
    sentence = "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát văn bản trước ngày 15/9/2025.\n"
    text = sentence * (size // len(sentence.encode()))
    start = time.perf_counter()
    doc, ext = extract_text(text)
    took = time.perf_counter() - start
    check_extraction(doc, ext)
    print(f"\n{size / 1e6:.1f} MB parsed + extracted in {took:.1f}s, {len(ext.tasks)} tasks")
    assert took < 40 * size / (1024 * 1024)


@fuzz_settings(10, deadline_s=20)
@given(path=st.sampled_from([p for p in CORPUS_FILES if p.suffix in (".docx", ".pdf")]),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_extraction_after_damaged_files(path, edits) -> None:
    """Whatever a damaged file still yields is extracted without error."""
    from tests.robustness.conftest import flip

    try:
        doc = ingest.parse(flip(corpus_bytes(path), edits), filename=path.name)
    except IngestError as exc:
        assert re.match(rf"^{re.escape(path.name)}: \[I\d{{3}}\] ", str(exc))
        return
    check_extraction(doc, nlp.extract(doc))
