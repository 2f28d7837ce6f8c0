import pytest

import ingest
from nlp import extract
from nlp.resolve import co_owners, explicit_owners, heading_owners, programme_year

from ._docs import UBND_PLAN

# fmt: off
HEADINGS = [
    ("Đối với Sở Nội vụ", ["Sở Nội vụ"]),
    ("UBND tỉnh, UBND các huyện:", ["UBND tỉnh", "UBND các huyện"]),
    ("Nhiệm vụ trọng tâm", []),
]
EXPLICIT = [
    ("Giao Sở Tài chính chủ trì thẩm định.", ["Sở Tài chính"]),
    ("Đề nghị Tòa án nhân dân tỉnh phối hợp xét xử.", ["Tòa án nhân dân tỉnh"]),
    ("Trên cơ sở kế hoạch này, Giám đốc Sở Y tế có trách nhiệm xây dựng kế hoạch.", ["Giám đốc Sở Y tế"]),
    ("Huyện ủy đề nghị Ban Tuyên giáo Huyện ủy tổ chức quán triệt.", ["Ban Tuyên giáo Huyện ủy"]),
    ("Tăng cường kiểm tra.", []),
]
# fmt: on


@pytest.mark.parametrize(("heading", "expected"), HEADINGS)
def test_heading_owners(heading, expected):
    assert heading_owners(heading) == expected


@pytest.mark.parametrize(("text", "expected"), EXPLICIT)
def test_explicit_owners(text, expected):
    assert explicit_owners(text, 0, len(text), structured=True) == expected


def test_co_owners():
    text = "Sở Tư pháp chủ trì, phối hợp với Công an tỉnh và các cơ quan liên quan tổ chức kiểm tra."
    assert co_owners(text, 0, len(text)) == ["Công an tỉnh", "các cơ quan liên quan"]


@pytest.mark.parametrize(("title", "year"), [
    ("Kế hoạch công tác năm 2025", 2025), ("Chương trình hành động giai đoạn 2021-2025", None), ("Chỉ thị năm 2024", None),
])
def test_programme_year(title, year):
    assert programme_year(title) == year


def test_plan_owners_inherited_and_deadlines():
    tasks = extract(ingest.parse_text(UBND_PLAN, filename="kh.txt")).tasks
    by_start = {t.text[:12]: t for t in tasks}
    assert [o.name for o in by_start["Rà soát đội "].owners] == ["UBND các huyện, thị xã, thành phố"]
    first = next(t for t in tasks if t.text.startswith("Sở Tư pháp chủ trì"))
    assert [o.name for o in first.owners] == ["Sở Tư pháp"]
    assert [o.name for o in first.co_owners] == ["Sở Thông tin và Truyền thông"]
    assert first.deadline and first.deadline.date == "2025-06-30"
    mttq = next(t for t in tasks if t.text.startswith("Đề nghị"))
    assert [o.name for o in mttq.owners] == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
