import pytest

from nlp.owners import subject_at


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pyvi reads "đại biểu" as an adjective when the window ends on it, as a noun or verb
        # with "Quốc" after it: the run is tagged with the capitalised word that follows
        ("Ủy ban Công tác đại biểu Quốc hội giúp Ban Thường vụ Tỉnh ủy theo dõi.", "Ủy ban Công tác đại biểu Quốc hội"),
        ("Ủy ban Công tác đại biểu Quốc hội thẩm định hồ sơ.", "Ủy ban Công tác đại biểu Quốc hội"),
        # a verb of the lists before a capital still opens the predicate
        ("Sở Tài chính hướng dẫn Ủy ban nhân dân các xã.", "Sở Tài chính"),
        ("Viện Khoa học pháp lý chủ trì.", "Viện Khoa học pháp lý"),
    ],
)
def test_lower_case_run_before_a_capital_is_tagged_with_it(text, expected):
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == expected
