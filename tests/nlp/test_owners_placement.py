import pytest

from nlp.owners import head_at, heads, placement, subject_at


@pytest.mark.parametrize("text", ["Uỷ ban Dân tộc", "Ủy ban Dân tộc", "Toà án nhân dân huyện", "Tòa án nhân dân huyện",
                                  "Đảng uỷ Khối doanh nghiệp", "Đảng ủy Khối doanh nghiệp"])
def test_a_head_is_read_in_either_tone_placement(text):
    head = head_at(text, 0)
    assert head is not None and placement(text).startswith(placement(head.text))


def test_heads_are_written_in_one_placement_only():
    written = [placement(h.text) for h in heads()]
    assert len(written) == len(set(written))


def test_old_placement_list_of_bodies_keeps_every_body():
    text = "Uỷ ban Kiểm tra Trung ương; Uỷ ban Dân tộc; Toà án nhân dân tối cao chủ trì rà soát."
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == "Uỷ ban Kiểm tra Trung ương; Uỷ ban Dân tộc; Toà án nhân dân tối cao"
