"""OCR of scanned PDFs: straightening, orientation, per-page status, typed errors for bad scans.

The scans are made here from the corpus PDFs with ``scripts/make_scans.py`` (cropped pages and
150 dpi recognition keep the suite fast); nothing is mocked except where a page must crash.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFilter

import ingest
from ingest import ocr
from ingest.errors import BlankScan, NoTextLayer, OcrFailed, ScanTooLong, UnreadableScan
from ingest.model import OcrPageStatus, ParsedDocument
from ingest.options import ReaderOptions
from ingest.readers import read

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "corpus" / "003_bb165a48bff84d49.pdf"
FAST = ReaderOptions(ocr_dpi=150)

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed (scripts/system_deps.sh)"
)


def _scans():
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "scripts" / "make_scans.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page_image() -> Image.Image:
    """The top of page 1 of a corpus PDF at 200 dpi: the title and two paragraphs."""
    pdf = pdfium.PdfDocument(str(PDF))
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    return image.crop((0, 0, image.width, int(image.height * 0.3)))


def _pdf(tmp_path: Path, name: str, images: list[Image.Image]) -> Path:
    out = tmp_path / name
    _scans().to_pdf(images, out, 200)
    return out


def test_skew_is_measured_and_undone(page_image: Image.Image) -> None:
    turned = page_image.rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert ocr.skew_angle(turned) == pytest.approx(-2.0, abs=0.3)
    assert abs(ocr.skew_angle(page_image)) <= 0.2


def test_scanned_page_is_read_with_confidence_and_offsets(tmp_path: Path, page_image: Image.Image) -> None:
    rng = random.Random(1)
    scan = _scans().scan_page(page_image, rng, with_stamp=True)
    path = _pdf(tmp_path, "scan.pdf", [scan])
    doc = ingest.parse(path, options=FAST)
    assert "Tổng cục Thi hành án dân sự" in doc.text
    info = doc.source.ocr
    assert info is not None and info.engine.startswith("tesseract") and info.dpi == 150
    assert info.confidence > 80
    (page,) = info.pages
    assert page.status == OcrPageStatus.OK and page.confidence and page.words > 50
    assert (page.start, page.end) == (0, len(doc.text))
    assert info.page_at(10) == page
    # stored JSON round-trips, and documents stored before OCR existed still load
    assert ParsedDocument.model_validate_json(doc.model_dump_json()) == doc
    old = json.loads(doc.model_dump_json())
    del old["source"]["ocr"]
    assert ParsedDocument.model_validate(old).source.ocr is None


@pytest.mark.parametrize("turned", [180, 270])  # upside down; on its side (Tesseract reads that one scrambled)
def test_a_page_upside_down_or_on_its_side_is_turned(tmp_path: Path, page_image: Image.Image, turned: int) -> None:
    path = _pdf(tmp_path, "turned.pdf", [page_image.rotate(turned, expand=True)])
    doc = ingest.parse(path, options=FAST)
    assert "Tổng cục Thi hành án dân sự" in doc.text
    assert doc.source.ocr is not None and doc.source.ocr.pages[0].rotation == turned


def test_blank_pages_are_skipped_and_an_all_blank_scan_is_refused(tmp_path: Path, page_image: Image.Image) -> None:
    blank = Image.new("L", page_image.size, 250)
    specks = _scans()._noisy(blank, random.Random(2), sigma=4.0, specks=0.0003)
    with pytest.raises(BlankScan) as info:
        read(_pdf(tmp_path, "blank.pdf", [blank, specks]), options=FAST)
    assert "[I011]" in str(info.value) and "blank" in str(info.value)
    assert "trang" in info.value.message_vi and "trắng" in info.value.message_vi

    doc = ingest.parse(_pdf(tmp_path, "with_blank.pdf", [page_image, specks]), options=FAST)
    statuses = [p.status for p in doc.source.ocr.pages]
    assert statuses == [OcrPageStatus.OK, OcrPageStatus.BLANK]


def _photo(size: tuple[int, int]) -> Image.Image:
    """A photo-like picture: sky gradient, hills, blurred texture; no text."""
    w, h = size
    gen = np.random.default_rng(3)
    sky = np.linspace(90, 230, h)[:, None].repeat(w, axis=1)
    image = Image.fromarray(sky.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for k in range(6):
        x = gen.integers(0, w)
        draw.ellipse((x - 300, h * 0.5 + 40 * k, x + 500, h * 1.4), fill=int(40 + 20 * k))
    texture = Image.fromarray(gen.normal(0, 25, (h, w)).clip(-60, 60).astype(np.int16).astype(np.uint8))
    image = Image.blend(image, texture.filter(ImageFilter.GaussianBlur(2)), 0.25)
    return image


def test_a_photo_is_refused_with_a_clear_message(tmp_path: Path, page_image: Image.Image) -> None:
    with pytest.raises(UnreadableScan) as info:
        read(_pdf(tmp_path, "photo.pdf", [_photo(page_image.size)]), options=FAST)
    assert str(info.value).startswith("photo.pdf: [I012]")
    assert "ảnh" in info.value.message_vi


def test_a_scan_over_the_page_limit_is_refused_before_any_ocr(tmp_path: Path, monkeypatch) -> None:
    tiny = [Image.new("L", (60, 80), 255) for _ in range(300)]
    path = _pdf(tmp_path, "long.pdf", tiny)
    monkeypatch.setattr(ocr, "ocr_page", lambda *a, **k: pytest.fail("OCR ran on a refused scan"))
    with pytest.raises(ScanTooLong) as info:
        read(path, options=ReaderOptions(max_ocr_pages=200))
    assert "300 pages" in str(info.value) and "200-page limit" in str(info.value)
    assert "300 trang" in info.value.message_vi


def test_a_failing_page_is_reported_and_the_others_go_on(tmp_path: Path, page_image: Image.Image,
                                                         monkeypatch) -> None:
    narrow = page_image.crop((0, 0, int(page_image.width * 0.8), page_image.height))
    path = _pdf(tmp_path, "two.pdf", [page_image, narrow])
    real = ocr.recognise
    narrow_width = narrow.width * 150 / 200  # as rendered for OCR

    def flaky(image, **kw):  # the engine dies on the narrow page only
        if abs(image.width - narrow_width) < 5:
            raise RuntimeError("Tesseract process timeout")
        return real(image, **kw)

    monkeypatch.setattr(ocr, "recognise", flaky)
    doc = ingest.parse(path, options=ReaderOptions(ocr_dpi=150, ocr_workers=1))
    pages = doc.source.ocr.pages
    assert [p.status for p in pages] == [OcrPageStatus.OK, OcrPageStatus.FAILED]
    assert "timed out" in (pages[1].error or "")
    assert doc.source.ocr.failed_pages == [2]
    assert "Tổng cục Thi hành án dân sự" in doc.text


def test_every_page_failing_is_an_error(tmp_path: Path, page_image: Image.Image, monkeypatch) -> None:
    def broken(image, **kw):
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(ocr, "recognise", broken)
    with pytest.raises(OcrFailed, match=r"\[I013\].*timed out"):
        read(_pdf(tmp_path, "fails.pdf", [page_image]), options=FAST)


def test_ocr_switched_off_keeps_the_old_refusal(tmp_path: Path, page_image: Image.Image) -> None:
    with pytest.raises(NoTextLayer, match="OCR"):
        read(_pdf(tmp_path, "off.pdf", [page_image]), options=ReaderOptions(ocr=False))


def test_text_pages_and_scanned_pages_mix(tmp_path: Path, page_image: Image.Image) -> None:
    text_pdf = pdfium.PdfDocument(str(PDF))
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(text_pdf, [1])
    scan = pdfium.PdfDocument(str(_pdf(tmp_path, "one.pdf", [page_image])))
    mixed.import_pages(scan)
    out = tmp_path / "mixed.pdf"
    mixed.save(str(out))
    for d in (text_pdf, mixed, scan):
        d.close()
    doc = ingest.parse(out, options=FAST)
    info = doc.source.ocr
    assert info is not None and info.text_layer_pages == [1] and [p.page for p in info.pages] == [2]
    assert info.pages[0].start is not None and info.pages[0].start > 0
    assert doc.text.index("Tổng cục Thi hành án dân sự") >= info.pages[0].start
    assert ingest.parse(PDF).source.ocr is None  # a text PDF is not marked as a scan


def test_a_huge_page_is_rendered_within_the_pixel_budget() -> None:
    assert ocr.page_dpi(595, 842, 300) == 300  # A4
    a0 = ocr.page_dpi(2384, 3370, 300)
    assert a0 < 300 and 2384 * 3370 * (a0 / 72) ** 2 <= ocr.MAX_PIXELS


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="max_ocr_pages"):
        ReaderOptions(max_ocr_pages=0)
    with pytest.raises(ValueError, match="ocr_dpi"):
        ReaderOptions(ocr_dpi=1200)
    with pytest.raises(ValueError, match="ocr_language"):
        ReaderOptions(ocr_language="vie; rm -rf")


def test_the_page_time_limit_kills_the_engine(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument(str(PDF))
    full = pdf[1].render(scale=200 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    with pytest.raises(OcrFailed, match="timed out after 1 s"):
        read(_pdf(tmp_path, "slow.pdf", [full]), options=ReaderOptions(ocr_page_timeout=1.0))


def _captioned_pdf(image: Image.Image, caption: str, path: Path) -> Path:
    """A page-sized scan image with a one-line text layer over it (what phone scanner apps add)."""
    import io

    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    jpeg = buf.getvalue()
    w, h = image.width * 72 / 200, image.height * 72 / 200
    content = f"q {w:.1f} 0 0 {h:.1f} 0 0 cm /Im0 Do Q BT /F1 8 Tf 10 10 Td ({caption}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.1f} {h:.1f}] /Resources << /XObject << /Im0 4 0 R >> "
        f"/Font << /F1 5 0 R >> >> /Contents 6 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {image.width} /Height {image.height} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode() + jpeg + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def test_a_scan_with_only_a_caption_text_layer_is_recognised(tmp_path: Path, page_image: Image.Image) -> None:
    path = _captioned_pdf(page_image, "Scanned by CamScanner", tmp_path / "captioned.pdf")
    doc = ingest.parse(path, options=FAST)
    assert "Tổng cục Thi hành án dân sự" in doc.text
    assert "CamScanner" not in doc.text  # the caption is not the document
    assert doc.source.ocr is not None and doc.source.ocr.pages[0].status == OcrPageStatus.OK


def test_doubtful_words_map_to_the_text_also_across_a_page_break() -> None:
    from ingest.model import OcrInfo, OcrPage
    from ingest.normalize import normalize
    from ingest.ocr_run import with_offsets
    from ingest.rawdoc import Paragraph, RawDocument

    first = "1. Sở Tư pháp chủ trì, phối hợp với các sở, ngành xây dựng kế hoạch số 12/KH-UBND và"
    second = "trình Ủy ban nhân dân tỉnh trong tháng 6 năm 2025."
    raw = RawDocument(
        blocks=[Paragraph(first, page=1), Paragraph(second, page=2)], file_type="pdf",
        ocr_doubtful=[(0, first.index("12/KH"), first.index(" và"), 41.0), (1, 6, 9, 55.0)],
    )
    norm = normalize(raw)
    assert "\n" not in norm.text  # the paragraph goes on across the page break: one line
    info = OcrInfo(engine="tesseract", language="vie", dpi=300, confidence=90.0,
                   pages=[OcrPage(page=1), OcrPage(page=2)])
    spans = with_offsets(info, raw, norm)
    assert [(norm.text[d.start:d.end], d.confidence) for d in spans.doubtful] == [("12/KH-UBND", 41.0), ("Ủy", 55.0)]
    assert spans.doubtful_in(norm.text.index("12/KH"), norm.text.index(" và")) == spans.doubtful[:1]
    page1, page2 = spans.pages
    assert page1.end is not None and norm.text[page2.start:page2.end] == second


def test_ocr_lines_without_a_letter_or_digit_are_dropped() -> None:
    from ingest.ocr import OcrWord, PageResult
    from ingest.readers.pdf import _ocr_page

    def word(text: str, x0: float, top: float) -> OcrWord:
        return OcrWord(text, x0, top, x0 + 8 * len(text), top + 12, 90.0)

    result = PageResult(page=1, width=595, height=842, words=[
        word("Đảng", 72, 100), word("ủy", 110, 100), word(":", 72, 120), word("—", 72, 140), word("Bộ", 72, 160)])
    page = _ocr_page(result, ReaderOptions())
    assert [item.text for _, item in page.items] == ["Đảng ủy", "Bộ"]
