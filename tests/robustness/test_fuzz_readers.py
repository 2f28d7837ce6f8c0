"""Property-based and fuzz tests of the readers (``ingest.parse``): whatever the bytes, the
answer is a ``ParsedDocument`` or a one-line coded ``IngestError`` naming the file, within a
time bound; a batch over a folder of good and bad files never stops on a bad one."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import ingest
from ingest.batch import collect_files, run_batch
from ingest.errors import CorruptDocument, EmptyFile, IngestError
from tests.robustness.conftest import (
    CORPUS_FILES,
    FULL,
    SMALL_DOCX,
    SMALL_PDF,
    corpus_bytes,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    flip,
    fuzz_settings,
    outcome_of,
    splice,
    truncate,
)

pytestmark = pytest.mark.timeout(120)

EXTENSIONS = ["a.txt", "a.md", "a.pdf", "a.docx", "a.html", "a.htm", "noext", "a.exe", "a.TXT", ""]
SENTENCES = [
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương triển khai thực hiện.",
    "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát văn bản trước ngày 15/9/2025.",
    "Người đứng đầu cơ quan chịu trách nhiệm trước Chủ tịch về kết quả thực hiện nhiệm vụ.",
    "Giao Cục Thi hành án dân sự tỉnh báo cáo kết quả về Bộ Tư pháp định kỳ hằng quý.",
    "Thời hạn hoàn thành trong quý III năm 2025; tổng hợp, báo cáo Thủ tướng Chính phủ.",
]
words = st.sampled_from(" ".join(SENTENCES).split())


def _name(filename: str) -> str:
    return filename or "<bytes>"


# --- random bytes ----------------------------------------------------------------------------


@fuzz_settings(80, deadline_s=5)
@given(data=st.binary(max_size=4096), filename=st.sampled_from(EXTENSIONS))
@example(data=b"%PDF-1.7\n", filename="a.pdf")
@example(data=b"PK\x03\x04" + b"\x00" * 40, filename="a.docx")
@example(data=b"\x00" * 100, filename="a.txt")
@example(data=b"\xff\xfe" + "Chỉ thị".encode("utf-16-le"), filename="a.txt")
@example(data=b"<html><body>" * 300, filename="a.html")
def test_random_bytes(data: bytes, filename: str) -> None:
    outcome_of(lambda: ingest.parse(data, filename=filename or None), _name(filename), bound_s=5)


# --- truncated and mutated corpus files --------------------------------------------------------


@fuzz_settings(12, deadline_s=20)
@given(path=st.sampled_from([SMALL_PDF, SMALL_DOCX]), fraction=st.floats(0.0, 0.999))
@example(path=SMALL_PDF, fraction=0.5)
@example(path=SMALL_DOCX, fraction=0.5)
@example(path=SMALL_DOCX, fraction=0.01)
def test_truncated_pdf_and_docx(path: Path, fraction: float) -> None:
    data = truncate(corpus_bytes(path), fraction)
    out = outcome_of(lambda: ingest.parse(data, filename=path.name), path.name, bound_s=20)
    if path.suffix == ".docx":  # a cut zip has no central directory: always an error
        assert isinstance(out.error, CorruptDocument | EmptyFile), out


@fuzz_settings(15, deadline_s=20)
@given(path=st.sampled_from(CORPUS_FILES),
       edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=30))
def test_byte_flips(path: Path, edits: list[tuple[int, int]]) -> None:
    data = flip(corpus_bytes(path), edits)
    outcome_of(lambda: ingest.parse(data, filename=path.name), path.name, bound_s=20)


@fuzz_settings(10, deadline_s=20)
@given(path=st.sampled_from(CORPUS_FILES), at=st.integers(0, 10**6), junk=st.binary(min_size=1, max_size=512))
def test_spliced_junk(path: Path, at: int, junk: bytes) -> None:
    data = splice(corpus_bytes(path), at, junk)
    outcome_of(lambda: ingest.parse(data, filename=path.name), path.name, bound_s=20)


def _rezip(original: bytes, member: str, transform) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                body = transform(body)
                if body is None:
                    continue
            dst.writestr(info.filename, body)
    return out.getvalue()


@fuzz_settings(20, deadline_s=10)
@given(fraction=st.floats(0.0, 1.0), junk=st.binary(max_size=64),
       member=st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml", "[Content_Types].xml"]))
@example(fraction=1.0, junk=b"<w:p>" * 5000, member="word/document.xml")  # unclosed, deeply nested
@example(fraction=0.0, junk=b"", member="word/document.xml")
def test_docx_with_broken_xml_inside(fraction: float, junk: bytes, member: str) -> None:
    """A well-formed zip whose XML parts are cut, emptied or salted."""
    data = _rezip(corpus_bytes(SMALL_DOCX), member, lambda b: truncate(b, fraction) + junk)
    outcome_of(lambda: ingest.parse(data, filename="broken.docx"), "broken.docx", bound_s=10)


def test_docx_without_document_part() -> None:
    data = _rezip(corpus_bytes(SMALL_DOCX), "word/document.xml", lambda b: None)
    out = outcome_of(lambda: ingest.parse(data, filename="nobody.docx"), "nobody.docx", bound_s=10)
    assert out.error is not None


def test_zip_bomb_like_docx_is_bounded() -> None:
    """A document.xml that inflates to 50 MB from a few KB: refused or read, but bounded."""
    bomb = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' \
        + b"<w:p><w:r><w:t>" + b"a" * (50 * 1024 * 1024) + b"</w:t></w:r></w:p></w:body></w:document>"
    data = _rezip(corpus_bytes(SMALL_DOCX), "word/document.xml", lambda b: bomb)
    assert len(data) < 1_000_000
    outcome_of(lambda: ingest.parse(data, filename="bomb.docx"), "bomb.docx", bound_s=60)


# --- hostile text shapes -----------------------------------------------------------------------

HUGE_LINE_BYTES = (2_000_000 if FULL else 300_000)


@pytest.mark.parametrize(("label", "unit"), [
    ("no spaces", "a"),
    ("one repeated word", "nhiệm "),
    ("one repeated sentence, no newline", SENTENCES[1] + " "),
    ("digits and slashes", "12/CT-TTg/"),
    ("combining marks only", "\u0301"),
])
def test_huge_line(label: str, unit: str) -> None:
    text = unit * (HUGE_LINE_BYTES // len(unit.encode()))
    out = outcome_of(lambda: ingest.parse(text.encode(), filename="huge.txt"), "huge.txt", bound_s=15)
    if out.result is not None:
        assert len(out.result.text) > 0


TEN_MB = 10 * 1024 * 1024


@pytest.mark.timeout(400 if FULL else 60)
def test_ten_megabytes_of_one_sentence() -> None:
    """10 MB of one repeated sentence (1 MB unless ROBUSTNESS_FULL=1): parsed within a bound
    proportional to the size (the upload limit is 20 MB, so this is a legal upload)."""
    size = TEN_MB if FULL else TEN_MB // 10
    sentence = (SENTENCES[0] + "\n").encode()
    data = sentence * (size // len(sentence))
    bound = 15.0 * size / (1024 * 1024)  # 15 s per MB on 2 cores
    out = outcome_of(lambda: ingest.parse(data, filename="ten.txt"), "ten.txt", bound_s=bound)
    assert out.result is not None
    print(f"\n{len(data) / 1e6:.1f} MB parsed in {out.seconds:.1f}s "
          f"({len(data) / 1e6 / out.seconds:.2f} MB/s)")


def _nested_markers(depth: int) -> str:
    lines = ["KẾ HOẠCH", "Triển khai nhiệm vụ năm 2025"]
    for d in range(1, depth + 1):
        lines.append(".".join(["1"] * d) + f". Sở Tư pháp chủ trì nội dung cấp {d}.")
    for d in range(depth):
        lines.append("-" * 1 + " " * d + "+ " + "a) " * min(d, 50) + f"Nội dung {d}.")
    return "\n".join(lines)


DEPTH = 1200  # past Python's default recursion limit (1000)


@pytest.mark.parametrize(("filename", "data"), [
    ("deep.txt", _nested_markers(300).encode()),
    ("deep-markers.txt", ("I. " + "1. a) - + " * 20_000).encode()),
    ("deep.html", b"<html><body>" + "<ul><li>Nhiệm vụ ".encode() * DEPTH + b"</li></ul>" * DEPTH + b"</body></html>"),
    ("deep-div.html", b"<div>" * DEPTH + "Sở Tư pháp chủ trì.".encode() + b"</div>" * DEPTH),
    ("deep.md", ("\n".join("  " * d + "- mục " + str(d) for d in range(300))).encode()),
])
@pytest.mark.timeout(60)
def test_deeply_nested_lists(filename: str, data: bytes) -> None:
    """Valid but deep input: read (or refused with a reason), quickly, without leaking
    Python internals such as ``RecursionError`` into the message."""
    out = outcome_of(lambda: ingest.parse(data, filename=filename), filename, bound_s=5)
    assert out.error is None or "RecursionError" not in str(out.error), str(out.error)


# --- Unicode forms and legacy encodings -----------------------------------------------------


@fuzz_settings(40, deadline_s=5)
@given(st.lists(st.tuples(words, st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"])), min_size=1, max_size=60))
def test_mixed_nfc_nfd_reads_as_nfc(pieces: list[tuple[str, str]]) -> None:
    mixed = " ".join(unicodedata.normalize(form, w) for w, form in pieces) + "."
    nfc = unicodedata.normalize("NFC", mixed)
    a = ingest.parse(mixed.encode(), filename="mixed.txt")
    b = ingest.parse(nfc.encode(), filename="nfc.txt")
    assert a.text == b.text
    assert unicodedata.is_normalized("NFC", a.text)


LEGACY = [(encode_cp1258, "cp1258"), (encode_vni, "vni")]


@fuzz_settings(40, deadline_s=5)
@given(sentences=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6),
       encoder=st.sampled_from(LEGACY))
def test_legacy_encodings_read_like_utf8(sentences: list[str], encoder) -> None:
    text = "\n".join(sentences)
    encode, name = encoder
    legacy = ingest.parse(encode(text), filename="legacy.txt")
    utf8 = ingest.parse(text.encode(), filename="utf8.txt")
    assert legacy.text == utf8.text
    assert legacy.source.encoding == name


@fuzz_settings(25, deadline_s=5)
@given(sentences=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))
def test_tcvn3_lowercase_reads_like_utf8(sentences: list[str]) -> None:
    text = "\n".join(s.lower() for s in sentences)  # TCVN3 (ABC) has no toned capitals
    legacy = ingest.parse(encode_tcvn3(text), filename="legacy.txt")
    assert legacy.text == ingest.parse(text.encode(), filename="utf8.txt").text


@fuzz_settings(40, deadline_s=5)
@given(sentences=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4),
       codec=st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-16-be", "cp1258", "koi8-r", "shift_jis"]),
       edits=st.lists(st.tuples(st.integers(0, 10**4), st.integers(0, 255)), max_size=5))
def test_wrong_and_damaged_encodings(sentences: list[str], codec: str, edits) -> None:
    data = flip(" ".join(sentences).encode(codec, errors="replace"), edits)
    outcome_of(lambda: ingest.parse(data, filename="enc.txt"), "enc.txt", bound_s=5)


# --- a batch of good and bad files -----------------------------------------------------------


def _mixed_folder(root: Path) -> tuple[set[str], set[str]]:
    good = {"good.txt", "good.docx", "good-vni.txt", "sub/good.html"}
    bad = {"truncated.pdf", "random.docx", "empty.txt", "text-as.pdf", "zeros.txt", "broken.docx",
           "cut.docx"}
    (root / "sub").mkdir()
    seed_txt = next(p for p in CORPUS_FILES if p.suffix == ".txt")
    (root / "good.txt").write_bytes(corpus_bytes(seed_txt))
    (root / "good.docx").write_bytes(corpus_bytes(SMALL_DOCX))
    (root / "good-vni.txt").write_bytes(encode_vni("\n".join(SENTENCES)))
    (root / "sub" / "good.html").write_text(f"<html><body><p>{SENTENCES[1]}</p></body></html>", encoding="utf-8")
    (root / "truncated.pdf").write_bytes(truncate(corpus_bytes(SMALL_PDF), 0.3))
    (root / "random.docx").write_bytes(bytes(range(256)) * 8)
    (root / "empty.txt").write_bytes(b"")
    (root / "text-as.pdf").write_bytes(b"just text pretending to be a PDF")
    (root / "zeros.txt").write_bytes(b"\x00" * 2048)
    (root / "broken.docx").write_bytes(_rezip(corpus_bytes(SMALL_DOCX), "word/document.xml", lambda b: b[:100]))
    (root / "cut.docx").write_bytes(truncate(corpus_bytes(SMALL_DOCX), 0.6))
    (root / "~$lock.docx").write_bytes(b"owner lock file")  # skipped as temporary
    return good, bad


def _parse_path(path: Path) -> str:
    return ingest.parse(path).id


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_over_a_mixed_folder(tmp_path: Path, workers: int) -> None:
    good, bad = _mixed_folder(tmp_path)
    files = collect_files([tmp_path])
    assert {p.relative_to(tmp_path).as_posix() for p in files} == good | bad
    report = run_batch(files, _parse_path, workers=workers, progress=False)
    assert {p.relative_to(tmp_path).as_posix() for p, _ in report.ok} == good
    assert {p.relative_to(tmp_path).as_posix() for p, _ in report.failed} == bad
    for path, message in report.failed:
        assert message.startswith(f"{path.name}: ["), message  # coded IngestError, not "internal error"
        assert "\n" not in message and "Traceback" not in message


def test_every_error_is_an_ingest_error_subclass() -> None:
    """What a caller catches: ``IngestError`` and nothing else for bad bytes."""
    for data in (b"", b"\x00\x01\x02" * 100, b"%PDF-1.4 garbage", b"PK\x03\x04garbage"):
        for name in ("x.pdf", "x.docx", "x.txt"):
            try:
                ingest.parse(data, filename=name)
            except IngestError:
                pass
