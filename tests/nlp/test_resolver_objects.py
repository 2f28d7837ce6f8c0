"""Bodies a directing or supervising verb governs are its objects, not the task's owners
(issue 12, owner scope): own sentences and small documents."""

import pytest

import ingest
from nlp import extract
from nlp.resolve import clause_owners

HEADER = """ỦY BAN NHÂN DÂN TỈNH HÒA AN
Số: 27/KH-UBND
Hòa An, ngày 12 tháng 5 năm 2026
KẾ HOẠCH
Truyền thông về phòng, chống thiên tai năm 2026
"""
FOOTER = """Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn C
"""


def _owners(doc: str) -> dict[str, list[str]]:
    tasks = extract(ingest.parse_text(doc, filename="kh.txt")).tasks
    return {t.text[:30]: [o.name for o in t.owners] for t in tasks}


def _clause(text: str) -> list[str]:
    return clause_owners(text, 0, len(text), structured=True)


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a directing verb after the leading word: the bodies after it are directed
    ("Định hướng, chỉ đạo Đài Phát thanh tỉnh, các cơ quan báo chí địa phương tăng cường tuyên truyền.", []),
    ("Định hướng, chỉ đạo Trung tâm Văn hóa tỉnh, các nhà văn hóa xã tổ chức biểu diễn lưu động.", []),
    # a short lead that is no action, then the subject and its predicate
    ("Trong quý II/2026, Sở Y tế chủ trì tổ chức tập huấn.", ["Sở Y tế"]),
])
# fmt: on
def test_clause_subject_is_no_object_and_has_a_predicate(text, expected):
    assert _clause(text) == expected


SUPERVISED = HEADER + """III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
- Yêu cầu các cơ quan báo chí trên địa bàn tỉnh dành thời lượng tuyên truyền về phòng, chống thiên tai.
- Giao Trung tâm Văn hóa tỉnh tổ chức các buổi biểu diễn lưu động.
2. Sở Công Thương
a) Yêu cầu các doanh nghiệp kinh doanh xăng dầu bảo đảm nguồn cung trong mùa mưa bão.
b) Đề nghị Ngân hàng Nhà nước chi nhánh tỉnh hỗ trợ vốn cho doanh nghiệp bị thiệt hại.
3. Đối với các sở, ngành:
- Yêu cầu Giám đốc các sở, ngành phân công lãnh đạo trực ban.
IV. CHẾ ĐỘ BÁO CÁO
Yêu cầu các cơ quan, đơn vị báo cáo kết quả thực hiện trước ngày 15/12/2026.
""" + FOOTER


def test_a_supervising_request_under_a_body_heading_is_that_bodys():
    owners = _owners(SUPERVISED)
    # the heading's body makes others act: its task, the bodies named are its objects
    assert owners["Yêu cầu các cơ quan báo chí tr"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert owners["Yêu cầu các doanh nghiệp kinh "] == ["Sở Công Thương"]
    # an assignment or a request by the issuer stays the named body's
    assert owners["Giao Trung tâm Văn hóa tỉnh tổ"] == ["Trung tâm Văn hóa tỉnh"]
    assert owners["Đề nghị Ngân hàng Nhà nước chi"] == ["Ngân hàng Nhà nước chi nhánh tỉnh"]
    # the object is the heading's own body (or part of it): the object owns
    assert owners["Yêu cầu Giám đốc các sở, ngành"] == ["Giám đốc các sở, ngành"]
    # no body's heading above: the issuer's request, the object owns
    assert owners["Yêu cầu các cơ quan, đơn vị bá"] == ["các cơ quan, đơn vị"]
