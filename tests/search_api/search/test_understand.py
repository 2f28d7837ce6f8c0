"""Query understanding (issue 14): numbers, owners, periods, phrases, spelling variants."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search_api.search.understand import (
    CuesFileError,
    OwnerDirectory,
    OwnerEntry,
    cues,
    find_number,
    find_owner,
    find_period,
    misspellings,
    quoted_phrases,
    spelling_variants,
    understand,
)

OWNERS = [
    OwnerEntry("so-y-te", "Sở Y tế"),
    OwnerEntry("bo-cong-an", "Bộ Công an"),
    OwnerEntry("bt-bca", "Bộ trưởng Bộ Công an"),
    OwnerEntry("tong-cuc", "Tổng cục THADS"),
    OwnerEntry("cuc-tinh", "Cục THADS tỉnh"),
    OwnerEntry("cuc-cac-tinh", "Cục Thi hành án dân sự các tỉnh, thành phố trực thuộc Trung ương"),
    OwnerEntry("thanh-tra-cp", "Thanh tra Chính phủ"),
    OwnerEntry("bo-tttt", "Bộ Thông tin và Truyền thông"),
    OwnerEntry("nhnn", "Ngân hàng Nhà nước Việt Nam"),
]
ABBREVIATIONS = [("THADS", "thi hành án dân sự")]
NUMBERS = ["1804/QĐ-BTP", "2623/QĐ-TTg", "980/KH-UBND", "980/QĐ-UBND", "11/CT-TTg"]


@pytest.mark.parametrize(("q", "key"), [
    ("844/qđ-ttg", "844/QĐ-TTg"),
    ("Quyết định 844/QĐ-TTg", "844/QĐ-TTg"),
    ("qd 844 ttg", "844/QĐ-TTg"),
    ("QĐ 1804", "1804/QĐ-BTP"),  # no symbol: the corpus's only 1804/QĐ-...
    ("quyết định 2623", "2623/QĐ-TTg"),
    ("kh 980 ubnd", "980/KH-UBND"),
])
def test_numbers_in_any_usual_spelling(q: str, key: str) -> None:
    assert find_number(q, NUMBERS)[0] == key
    assert understand(q, numbers=NUMBERS).number_only


def test_a_number_without_symbol_is_not_guessed() -> None:
    assert find_number("QĐ 77", NUMBERS)[0] is None  # not in the corpus
    assert find_number("thu hồi 5 tài sản", NUMBERS)[0] is None


def test_owner_with_and_without_accents_and_intent_words_removed() -> None:
    i = understand("nhiệm vụ của Sở Y tế", owners=OWNERS)
    assert i.owner is not None and i.owner.keys == ("so-y-te",)
    assert i.words == "Sở Y tế"
    j = understand("nhiem vu cua bo cong an", owners=OWNERS)
    assert j.owner is not None and set(j.owner.keys) == {"bo-cong-an", "bt-bca"}


def test_owner_through_an_abbreviation_and_not_the_larger_body() -> None:
    d = OwnerDirectory(OWNERS, ABBREVIATIONS)
    m = find_owner("việc Cục THADS phải làm", d)
    assert m is not None and set(m.keys) == {"cuc-tinh", "cuc-cac-tinh"}  # not "Tổng cục THADS"


def test_part_of_a_label_names_an_owner_only_when_asked() -> None:
    assert find_owner("kế hoạch thanh tra kiểm tra thuế", OWNERS) is None
    assert find_owner("ung dung cong nghe thong tin", OWNERS) is None
    assert find_owner("nhiệm vụ của Thanh tra", OWNERS) is not None
    m = find_owner("Ngân hàng Nhà nước", OWNERS)  # three words of a longer label
    assert m is not None and m.keys == ("nhnn",)


def test_as_words_recognises_no_owner() -> None:
    i = understand("nhiệm vụ của Sở Y tế", owners=OWNERS, as_words=True)
    assert i.owner is None and i.words == "nhiệm vụ của Sở Y tế"


@pytest.mark.parametrize(("q", "start", "end"), [
    ("quý III/2024", "2024-07-01", "2024-09-30"),
    ("quý 4 năm 2025", "2025-10-01", "2025-12-31"),
    ("tháng 3 năm 2020", "2020-03-01", "2020-03-31"),
    ("báo cáo tháng 2/2024", "2024-02-01", "2024-02-29"),
    ("trước ngày 15/9/2021", "2021-09-15", "2021-09-15"),
    ("kết quả năm 2016", "2016-01-01", "2016-12-31"),
])
def test_periods(q: str, start: str, end: str) -> None:
    p = find_period(q)
    assert p is not None and (p.start, p.end) == (start, end)


def test_no_period_in_plain_words() -> None:
    assert find_period("thu hồi tài sản") is None
    assert find_period("tháng 13/2020") is None


def test_quoted_phrases() -> None:
    assert quoted_phrases('"phòng thủ dân sự" cấp xã') == ["phòng thủ dân sự"]
    assert quoted_phrases("“thu hồi  tài sản”") == ["thu hồi tài sản"]
    i = understand('"phòng thủ dân sự" cấp xã')
    assert i.phrases == ("phòng thủ dân sự",) and i.words == "phòng thủ dân sự cấp xã"


def test_spelling_variants() -> None:
    assert spelling_variants("quản lí thuế") == ["quản lý thuế"]
    assert spelling_variants("kỉ luật") == ["kỷ luật"]
    assert spelling_variants("bác sỹ") == ["bác sĩ"]
    assert spelling_variants("bổ xung kế hoạch") == ["bổ sung kế hoạch"]
    assert spelling_variants("thu hồi tài sản") == []


def test_cues_file_is_valid() -> None:
    c = cues()
    assert "nhiệm vụ của" in c["owner_intent"] and "cac" in c["owner_titles"]
    assert misspellings()["bổ xung"] == "bổ sung"


def test_a_broken_cues_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "cues.json"
    bad.write_text(json.dumps({"owner_intent": [""], "owner_titles": []}), encoding="utf-8")
    with pytest.raises(CuesFileError, match="cues.json"):
        cues(bad)
