"""The same document as .txt, .docx and .pdf gives the same metadata and section paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import parse

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
STEMS = sorted(p.stem for p in CORPUS.glob("*.txt") if p.with_suffix(".docx").exists())


def test_corpus_has_every_format() -> None:
    assert len(STEMS) >= 6
    for stem in STEMS:
        assert (CORPUS / f"{stem}.pdf").exists(), stem


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_same_metadata_and_sections(stem: str, ext: str) -> None:
    reference = parse(CORPUS / f"{stem}.txt")
    other = parse(CORPUS / f"{stem}.{ext}")
    assert other.source.file_type == ext
    assert other.metadata == reference.metadata
    assert [s.path for s in other.sections] == [s.path for s in reference.sections]
    assert len(other.tables) == len(reference.tables)
