"""A generic plural head keeps its relative or verb-led complement (GUIDELINES: the owner is
the name as written), up to where the item's own predicate starts. Sentences of our own."""

from __future__ import annotations

import pytest

from nlp.owners import split_owners, subject_at
from nlp.resolve import heading_owners


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # passive "được giao nhiệm vụ": the task given, verbs after commas included, up to the
        # item's own manner word
        ("Các đơn vị được giao nhiệm vụ lập hồ sơ, rà soát, thẩm định đề án khẩn trương hoàn thành",
         "Các đơn vị được giao nhiệm vụ lập hồ sơ, rà soát, thẩm định đề án"),
        # "hoạt động trên/trong": up to "có trách nhiệm"
        ("Các doanh nghiệp hoạt động trên địa bàn huyện có trách nhiệm báo cáo định kỳ",
         "Các doanh nghiệp hoạt động trên địa bàn huyện"),
        # "tham gia thực hiện": up to the modal "phải"
        ("Các lực lượng tham gia thực hiện Phương án này phải bảo đảm an toàn",
         "Các lực lượng tham gia thực hiện Phương án này"),
        # after a joining word, the part led by a generic head keeps "đóng trên địa bàn"
        ("Sở Tài chính và các cơ quan truyền thông đóng trên địa bàn chủ động đưa tin",
         "Sở Tài chính và các cơ quan truyền thông đóng trên địa bàn"),
    ],
)
def test_generic_head_keeps_its_complement(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner


@pytest.mark.parametrize(
    ("heading", "owners"),
    [
        ("Các doanh nghiệp hoạt động trong lĩnh vực du lịch, lữ hành và vận tải trên địa bàn Tỉnh",
         ["Các doanh nghiệp hoạt động trong lĩnh vực du lịch, lữ hành và vận tải trên địa bàn Tỉnh"]),
        ("Các cơ sở đào tạo nghề, cao đẳng", ["Các cơ sở đào tạo nghề, cao đẳng"]),
    ],
)
def test_heading_of_a_generic_head_is_the_name_as_written(heading: str, owners: list[str]) -> None:
    assert heading_owners(heading) == owners


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a verb that no comma introduces: where the complement ends cannot be told, the head stays
        ("Các doanh nghiệp hoạt động trên địa bàn huyện rà soát lại quy trình sản xuất.",
         "Các doanh nghiệp"),
        # a comma before another owner ends the complement
        ("Các doanh nghiệp hoạt động tại khu công nghiệp, Sở Công Thương phối hợp kiểm tra",
         "Các doanh nghiệp hoạt động tại khu công nghiệp, Sở Công Thương"),
        # no opener: nothing changes
        ("Các đơn vị có liên quan phối hợp thực hiện", "Các đơn vị có liên quan"),
    ],
)
def test_complement_ends_where_it_cannot_be_told(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner


def test_kind_after_a_comma_shares_the_complement() -> None:
    """``lực lượng, phương tiện`` + ``tham gia thực hiện ...``: the second kind is no owner of
    its own, the complement qualifies both, and the name is one owner as written."""
    text = "Các lực lượng, phương tiện tham gia thực hiện Phương án này phải tuân thủ quy trình"
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == "Các lực lượng, phương tiện tham gia thực hiện Phương án này"
    assert split_owners(phrase.text) == [phrase.text]


def test_kind_after_a_comma_without_complement_is_left_out() -> None:
    text = "Các lực lượng, phương tiện được huy động phải tuân thủ quy trình"
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == "Các lực lượng"
