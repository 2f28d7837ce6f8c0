import pytest

from search_api.text import fold, number_key, reference_key, segment

# fmt: off
NUMBERS = [
    ("1804/QĐ-BTP", "1804/QĐ-BTP"),
    ("Quyết định số 1804/QĐ-BTP ngày 02/12/2021", "1804/QĐ-BTP"),
    ("1804/qđ-btp", "1804/QĐ-BTP"),
    ("Chỉ thị số 04-CT/TW", "04-CT/TW"),
    ("Nghị định số 62/2015/NĐ-CP", "62/2015/NĐ-CP"),
    ("Quy định 132 – QĐ/TW", "132-QĐ/TW"),
    ("số 23 - NQ/BCSĐ", "23-NQ/BCSĐ"),
    ("62/2015/ND-CP", "62/2015/NĐ-CP"),  # Đ typed without its bar: one key with nlp
    ("05/CT-TTG", "05/CT-TTg"),  # codes in their official case
    ("87-CTR/BCSĐ", "87-CTr/BCSĐ"),
    ("41/ct-tts", "41/CT-TTS"),  # an unknown code: upper-cased
    ("05/2016/TTLT–BTP–BCA", "05/2016/TTLT-BTP-BCA"),
    ("Luật Đất đai", None),
    ("ngày 02/6/2021", None),
    ("", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_number_key(text: str, expected: str | None) -> None:
    assert number_key(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thu hồi tài sản", "thu hoi tai san"),
    ("ĐẢNG ủy", "dang uy"),
    ("abc", "abc"),
])
def test_fold_keeps_length(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(("ref", "numbered", "expected"), [
    ("04-CT/TW", True, "04-CT/TW"),
    ("Luật Đất  đai", False, "luật đất đai"),
    ("Luật THADS", True, "luật thads"),  # claimed numbered but has no number
    ("62/2015/nd-cp", True, "62/2015/NĐ-CP"),
    ("Kế hoạch thực hiện Quy định 132-QĐ/TW", False, "kế hoạch thực hiện quy định 132-qđ/tw"),
    ("Kế hoạch thực hiện Quy định 132-QĐ/TW", None, "kế hoạch thực hiện quy định 132-qđ/tw"),
    ("132-qđ/tw", None, "132-QĐ/TW"),
])
def test_reference_key(ref: str, numbered: bool | None, expected: str) -> None:
    assert reference_key(ref, numbered) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thu hồi tài sản bị thất thoát.", "Thu_hồi tài_sản bị thất_thoát"),
    ("  ", ""),
    ("...", ""),
])
def test_segment_joins_words_and_drops_punctuation(text: str, expected: str) -> None:
    assert segment(text) == expected
