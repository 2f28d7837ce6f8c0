"""nlp.relations: relation cue words before a citation."""

from __future__ import annotations

import pytest

from nlp.model import Relation
from nlp.relations import relation_at

# fmt: off
CASES = [
    ("Căn cứ Luật Tổ chức Chính phủ ngày 19/6/2015; Luật Đầu tư công ngày 13/6/2019;", "Luật Đầu tư", Relation.LEGAL_BASIS),
    ("Căn cứ vào Nghị định số 10/2024/NĐ-CP", "Nghị định", Relation.LEGAL_BASIS),
    ("Thực hiện Kế hoạch số 12-KH/TU", "Kế hoạch", Relation.IMPLEMENTS),
    ("tiếp tục triển khai, tổ chức thực hiện có hiệu quả Chỉ thị số 05", "Chỉ thị", Relation.IMPLEMENTS),
    ("quy định chi tiết Luật Đất đai", "Luật", Relation.GUIDES),
    ("sửa đổi, bổ sung một số điều của Nghị định số 11", "Nghị định", Relation.AMENDS),
    ("(đã được sửa đổi, bổ sung bởi Nghị định số 33)", "Nghị định", Relation.MENTIONS),
    ("thay thế Quyết định số 15", "Quyết định", Relation.REPLACES),
    ("hết hiệu lực thi hành Thông tư số 09", "Thông tư", Relation.REPEALS),
    ("theo quy định tại Thông tư số 09", "Thông tư", Relation.MENTIONS),
    ("Thực hiện tốt công tác. Theo Thông tư số 09", "Thông tư", Relation.MENTIONS),
]
# fmt: on


@pytest.mark.parametrize(("text", "at", "relation"), CASES)
def test_relation_at(text, at, relation):
    assert relation_at(text, text.index(at)) is relation
