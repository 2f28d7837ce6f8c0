"""Old Word files: .doc, .rtf and .odt of corpus documents read like their .docx.

The three formats are made here from corpus/*.docx with LibreOffice (one soffice run per
format), then read back through ``ingest.parse`` (which converts them to .docx again).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import ingest
from ingest.convert import soffice, to_docx
from ingest.errors import ConversionFailed, CorruptDocument, UnsupportedFormat
from ingest.filetype import FileType, detect, supported_extensions
from ingest.readers import read

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "corpus" / "004_109a5fc621c102c2.docx", ROOT / "corpus" / "kh_ubnd_chuyen_doi_so_2025.docx"]
FORMATS = ("doc", "rtf", "odt")

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed (scripts/system_deps.sh)")


@pytest.fixture(scope="module")
def old_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("old_word")
    for fmt in FORMATS:
        subprocess.run(
            [soffice(), f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to", fmt,
             "--outdir", str(out), *map(str, DOCS)],
            check=True, capture_output=True, timeout=180,
        )
    return out


@needs_soffice
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("source", DOCS, ids=lambda p: p.stem[:12])
def test_old_formats_give_the_docx_metadata_and_sections(old_files: Path, source: Path, fmt: str) -> None:
    expected = ingest.parse(source)
    doc = ingest.parse(old_files / f"{source.stem}.{fmt}")
    assert doc.source.file_type == fmt
    assert doc.metadata == expected.metadata
    assert [s.path for s in doc.sections] == [s.path for s in expected.sections]
    assert len(doc.tables) == len(expected.tables)


def test_formats_are_registered_and_detected() -> None:
    for ext in (".doc", ".rtf", ".odt"):
        assert ext in supported_extensions()
    assert FileType.from_extension("DOC") is FileType.DOC
    assert FileType.from_mime_type("application/rtf") is FileType.RTF
    assert FileType.from_mime_type("application/vnd.oasis.opendocument.text") is FileType.ODT
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert detect("x.bin", ole + "WordDocument".encode("utf-16-le")) is FileType.DOC
    assert detect("x.doc", ole) is FileType.DOC
    with pytest.raises(UnsupportedFormat, match="xls"):
        detect("sheet", ole + "Workbook".encode("utf-16-le"))
    assert detect("notes", b"{\\rtf1\\ansi hello}") is FileType.RTF
    assert detect("a", b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.text") is FileType.ODT
    with pytest.raises(UnsupportedFormat, match="ods"):
        detect("a", b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet")


@needs_soffice
def test_a_damaged_doc_is_named_corrupt() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes((i * 7919 + 13) % 256 for i in range(4096))
    with pytest.raises(CorruptDocument, match=r"old\.doc: \[I006\] the DOC file"):
        read(data, filename="old.doc")


@needs_soffice
def test_conversion_has_a_time_limit() -> None:
    rtf = (ROOT / "corpus" / "004_109a5fc621c102c2.docx").read_bytes()
    with pytest.raises(ConversionFailed, match=r"\[I014\].*more than 0 s") as info:
        to_docx(rtf, name="slow.docx", kind="docx", timeout=0.05)
    assert "không chuyển được" in info.value.message_vi


def test_missing_libreoffice_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr("ingest.convert.os.access", lambda path, mode: False)
    with pytest.raises(ConversionFailed, match="LibreOffice is not installed"):
        read(b"{\\rtf1\\ansi Ch\\'e1 th\\'ec}", filename="a.rtf")
