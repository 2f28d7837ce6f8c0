"""The façade: parse / parse_text, ids, source info, zones."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest import parse, parse_text
from ingest.errors import IngestError
from ingest.model import ZoneKind

DECISION = """BỘ TƯ PHÁP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/QĐ-BTP
Hà Nội, ngày 03 tháng 01 năm 2026
QUYẾT ĐỊNH
Ban hành Kế hoạch kiểm tra năm 2026
Căn cứ Nghị định số 96/2017/NĐ-CP;
Theo đề nghị của Chánh Văn phòng Bộ,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra năm 2026.
Điều 2. Chánh Văn phòng Bộ chịu trách nhiệm thi hành Quyết định này./.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Nguyễn Văn Hải
KẾ HOẠCH
KIỂM TRA NĂM 2026
(Ban hành kèm theo Quyết định số 12/QĐ-BTP ngày 03/01/2026 của Bộ trưởng Bộ Tư pháp)
I. NHIỆM VỤ
1. Kiểm tra công tác văn thư.
"""


def test_public_api() -> None:
    assert {"parse", "parse_text", "ParsedDocument"} <= set(ingest.__all__)


def test_zones_of_a_decision_with_appended_plan() -> None:
    doc = parse_text(DECISION)
    kinds = [z.kind for z in doc.zones]
    assert kinds == [ZoneKind.HEADER, ZoneKind.PREAMBLE, ZoneKind.BODY, ZoneKind.RECIPIENTS,
                     ZoneKind.SIGNATURE, ZoneKind.APPENDIX]
    assert doc.zone_at(doc.text.index("- Như Điều 2")) is ZoneKind.RECIPIENTS
    assert doc.zone_at(doc.text.index("Kiểm tra công tác")) is ZoneKind.APPENDIX
    assert [s.path for s in doc.sections] == ["Điều 1", "Điều 2", "I", "I.1"]
    assert doc.metadata.recipients == ["Như Điều 2", "Lưu: VT"]


def test_id_is_stable_and_content_derived(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(DECISION, encoding="utf-8")
    b.write_text(DECISION.replace("\n", "\r\n"), encoding="utf-8")
    da, db = parse(a), parse(b)
    assert da.id == db.id == parse_text(DECISION).id
    assert len(da.id) == 16 and da.source.filename == "a.txt" and da.source.file_type == "txt"
    assert parse_text(DECISION + "Điều 3. Khác.").id != da.id


def test_bytes_input() -> None:
    doc = parse(DECISION.encode("utf-8"), filename="qd.txt")
    assert doc.source.filename == "qd.txt" and doc.source.path is None
    assert doc.metadata.number == "12/QĐ-BTP"


def test_bad_input_raises_ingest_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError):
        parse(empty)
    with pytest.raises(IngestError):
        parse(tmp_path / "missing.txt")


def test_seeds_parse(seed_paths) -> None:
    for path in seed_paths:
        doc = parse(path)
        assert doc.text and doc.zones
