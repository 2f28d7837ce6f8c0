"""One canonical key per document number: extraction, the index builder and the API agree.

Extraction (``nlp``) gives each numbered Reference a canonical id; the index document builder
files documents and citations under ``number_key`` / ``reference_key``; the API's number lookup
calls ``number_key`` on what the user typed. All three must give one key for one number, however
it is written, so a lookup is one exact term query.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

import ingest
import nlp
from nlp import canonical
from nlp.lexicon import known_codes
from nlp.model import Extraction, Reference
from search_api import text
from search_api.routes import documents as documents_route

try:
    from search_api.search.docs import build_index_docs
except ImportError:  # pragma: no cover - before the search layer move lands
    from search_api.search.es.docs import build_index_docs  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path("/work/shared/corpus/seeds")
NOW = datetime(2025, 1, 1, tzinfo=UTC)

# fmt: off
SPELLINGS = [
    ("1804/QĐ-BTP", "1804/QĐ-BTP"),
    ("1804/qđ-btp", "1804/QĐ-BTP"),
    ("1804/QD-BTP", "1804/QĐ-BTP"),
    ("Quyết định số 1804/QĐ-BTP", "1804/QĐ-BTP"),
    ("Quyết định số 1804/qđ-btp ngày 02/12/2021", "1804/QĐ-BTP"),
    ("1804 / QĐ - BTP", "1804/QĐ-BTP"),
    ("1804/QĐ–BTP", "1804/QĐ-BTP"),
    ("04-CT/TW", "04-CT/TW"),
    ("04–CT/TW", "04-CT/TW"),
    ("04 - ct/tw", "04-CT/TW"),
    ("Chỉ thị số 04-CT/TW ngày 02/6/2021", "04-CT/TW"),
    ("62/2015/NĐ-CP", "62/2015/NĐ-CP"),
    ("62/2015/ND-CP", "62/2015/NĐ-CP"),
    ("62/2015/nđ-cp", "62/2015/NĐ-CP"),
    ("62/2015/ND–CP", "62/2015/NĐ-CP"),
    ("Nghị định số 62 / 2015 / NĐ-CP", "62/2015/NĐ-CP"),
    ("132-QĐ/TW", "132-QĐ/TW"),
    ("132 – QĐ/TW", "132-QĐ/TW"),
    ("Quy định 132-qđ/tw", "132-QĐ/TW"),
    ("05/2016/TTLT-BTP-BCA", "05/2016/TTLT-BTP-BCA"),
    ("05/2016/ttlt-btp-bca", "05/2016/TTLT-BTP-BCA"),
    ("05/2016/TTLT – BTP – BCA", "05/2016/TTLT-BTP-BCA"),
    ("87-CTr/BCSĐ", "87-CTr/BCSĐ"),
    ("87-CTR/BCSD", "87-CTr/BCSĐ"),
    ("Chương trình hành động số 87-ctr/bcsđ", "87-CTr/BCSĐ"),
    ("23-NQ/BCSĐ", "23-NQ/BCSĐ"),
    ("23 - NQ/BCSĐ", "23-NQ/BCSĐ"),
    ("23-nq/bcsd", "23-NQ/BCSĐ"),
    ("05/CT-TTg", "05/CT-TTg"),
    ("05/CT-TTG", "05/CT-TTg"),
    ("05/ct-ttg", "05/CT-TTg"),
    ("Công văn số 123/UBND ngày 5/3/2024", "123/UBND"),
    ("123/ubnd", "123/UBND"),
]
NOT_NUMBERS = ["ngày 02/6/2021", "8/2023", "tối thiểu 1/3 số Chi cục", "Luật Đất đai", "V/v", "giai đoạn 2021-2025", ""]
# fmt: on


@pytest.mark.parametrize(("spelling", "key"), SPELLINGS)
def test_every_spelling_has_the_one_key(spelling: str, key: str) -> None:
    assert canonical.number_key(spelling) == key
    assert text.number_key(spelling) == key
    assert documents_route.number_key(spelling) == key  # what GET /documents?number= looks up
    assert text.reference_key(spelling, True) == key


@pytest.mark.parametrize("spelling", NOT_NUMBERS)
def test_no_key_for_what_is_not_a_number(spelling: str) -> None:
    assert text.number_key(spelling) is None


def _variants(ref_id: str) -> list[str]:
    """How people type a number: case, Đ without its bar (a code the lexicon knows: ``QHĐP``
    written ``QHDP`` could be another code; ``20-DA/TU`` is a Dự án's number, not Đề án
    ``20-ĐA/TU``'s), en-dashes, spaces around separators."""
    out = {ref_id, ref_id.lower(), ref_id.upper()}
    codes = re.findall(r"[^\W\d_][\w&]*", ref_id)
    barred = [c.upper() for c in codes if "Đ" in c.upper()]
    # ... and only when the code without its bar is no code of its own (ĐA, Đề án; DA, Dự án)
    if all(c in known_codes() and c.replace("Đ", "D") not in known_codes() for c in barred):
        out.add(ref_id.replace("Đ", "D").replace("đ", "d"))
    out.add(ref_id.replace("-", "–"))
    out.add(ref_id.replace("/", " / ").replace("-", " - "))
    out.add(f"văn bản số {ref_id} ngày 1/1/2024")
    return sorted(out)


def _sources() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "corpus" / "dev").glob("*.txt"))
    return [f for f in files if f.is_file()]


@cache
def _extracted(path: Path) -> tuple[ingest.ParsedDocument, Extraction]:
    doc = ingest.parse(path)
    return doc, nlp.extract(doc)


SOURCES = _sources()


@pytest.mark.skipif(not SOURCES, reason="no seeds or corpus/dev documents")
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_extraction_index_and_api_agree(path: Path) -> None:
    doc, ext = _extracted(path)
    built = build_index_docs(doc, ext, now=NOW)
    indexed = built.document["references"]
    assert [r["id"] for r in indexed] == [r.id for r in ext.references]
    cited = {c["cited_id"]: c["cited_key"] for c in built.citations}
    for ref, row in zip(ext.references, indexed, strict=True):
        _check_reference(ref, row["key"], cited.get(ref.id))
    if doc.metadata.number:
        key = text.number_key(doc.metadata.number)
        assert built.document["number_key"] == key == canonical.number_key(doc.metadata.number)
        assert all(t["number_key"] == key for t in built.tasks)


def _check_reference(ref: Reference, index_key: str, cited_key: str | None) -> None:
    if cited_key is not None:
        assert cited_key == index_key, ref.id
    if not ref.numbered:
        assert index_key == canonical.ref_key(ref.id, False) == text.reference_key(ref.id, False)
        return
    # extraction's id is already canonical, and the index files the reference under it
    assert ref.id == canonical.normalize_ref_id(ref.id)
    assert ref.key == ref.id
    assert index_key == ref.id == canonical.ref_key(ref.id)
    for spelling in _variants(ref.id):
        assert documents_route.number_key(spelling) == ref.id, spelling
    # the mention as written finds it too (a chained mention holds several numbers)
    mention = unicodedata.normalize("NFC", ref.mention.text)
    found = [canonical.normalize_ref_id(m.group(0)) for m in text.NUMBER_IN_TEXT.finditer(mention)]
    assert ref.id in found, (ref.id, mention)
    if len(found) == 1:
        assert text.number_key(mention) == ref.id


def test_the_corpus_has_numbered_and_named_references() -> None:
    """The agreement test above means something only if it sees both kinds."""
    refs = [r for p in SOURCES for r in _extracted(p)[1].references]
    if not refs:
        pytest.skip("no documents")
    assert sum(r.numbered for r in refs) >= 20
    assert sum(not r.numbered for r in refs) >= 3
