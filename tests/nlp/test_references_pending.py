"""A law the text says is not passed yet is no cited document in any of its mentions (round 6,
issue 12; sentences of our own): ``chưa ban hành Luật X (sửa đổi)`` once makes every ``Luật X
(sửa đổi)`` / ``Luật X sửa đổi`` of the text the law to come; the law in force is cited."""
from nlp.references import find_references


def ids(text: str) -> list[str]:
    return [r.id for r in find_references(text) if not r.numbered]


def test_every_mention_of_a_pending_law_is_pending():
    text = ("Do Quốc hội chưa ban hành Luật Thủ đô (sửa đổi), Sở Tư pháp rà soát các văn bản. "
            "Sau đó, xây dựng văn bản hướng dẫn chi tiết thi hành Luật Thủ đô sửa đổi. "
            "Tiếp tục thực hiện Luật Thủ đô năm 2012.")
    assert ids(text) == ["Luật Thủ đô 2012"]


def test_a_revised_law_nothing_says_is_pending_stays_cited():
    text = "Tuyên truyền Luật Thủ đô (sửa đổi) và các văn bản hướng dẫn thi hành."
    assert ids(text) == ["Luật Thủ đô (sửa đổi)"]
