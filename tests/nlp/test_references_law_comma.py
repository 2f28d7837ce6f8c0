"""Where a law's title ends at a comma (round 6, issue 12; sentences of our own).

A comma inside a law's title coordinates short parallel heads (``Thi đua, khen thưởng``, ``Cán
bộ, công chức``, ``Phòng, chống ...``); after a whole title the sentence goes on (``thi hành Luật
Công chứng, gửi Bộ Tư pháp``). Run on, the id is a spurious name and the real one is missed.
"""
import pytest

from nlp.references import find_references


def ids(text: str) -> list[str]:
    return [r.id for r in find_references(text) if not r.numbered]


@pytest.mark.parametrize(("text", "expected"), [
    ("Tổng kết 5 năm thi hành Luật Lưu trữ, gửi Bộ Nội vụ trước ngày 15/10.", ["Luật Lưu trữ"]),
    ("Sơ kết việc thi hành Luật Tiếp công dân, báo cáo Thanh tra tỉnh.", ["Luật Tiếp công dân"]),
    ("Triển khai Luật Nhà ở, đồng thời rà soát quỹ đất phát triển nhà ở xã hội.", ["Luật Nhà ở"]),
    ("Thực hiện Luật Bảo vệ môi trường, bảo đảm thu gom rác thải đúng quy định.", ["Luật Bảo vệ môi trường"]),
    ("Phổ biến Luật Phòng, chống bạo lực gia đình, tổ chức đối thoại tại khu dân cư.",
     ["Luật Phòng, chống bạo lực gia đình"]),
    ("Tuyên truyền Luật Giao thông đường thủy nội địa, nâng cao ý thức người dân.",
     ["Luật Giao thông đường thủy nội địa"]),
])
def test_a_comma_after_a_whole_title_ends_it(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thực hiện Luật Thể dục, thể thao tại các trường học.", ["Luật Thể dục, thể thao"]),
    ("Quán triệt Luật Tín ngưỡng, tôn giáo; Luật Cán bộ, công chức đến cán bộ.",
     ["Luật Tín ngưỡng, tôn giáo", "Luật Cán bộ, công chức"]),
    ("Thực hiện Luật Phòng, chống rửa tiền và các văn bản hướng dẫn.", ["Luật Phòng, chống rửa tiền"]),
    ("Rà soát Luật Thuế xuất khẩu, thuế nhập khẩu và các văn bản hướng dẫn thi hành.",
     ["Luật Thuế xuất khẩu, thuế nhập khẩu"]),
    # titles of laws in force with a longer part after the comma: known_titles
    ("Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21 tháng 6 năm 2017;",
     ["Luật Quản lý, sử dụng tài sản công 2017"]),
    ("Thực hiện Luật Phổ biến, giáo dục pháp luật, tổ chức Ngày Pháp luật.", ["Luật Phổ biến, giáo dục pháp luật"]),
    # an amending law's own comma ("sửa đổi, bổ sung", also misspelt) is no coordination of heads
    ("Căn cứ Luật sử đổi, bổ sung một số điều của Luật Tổ chức Chính phủ;",
     ["Luật sử đổi, bổ sung một số điều của Luật Tổ chức Chính phủ"]),
])
def test_a_comma_inside_a_title_keeps_it(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize("text", [
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15; các sở thực hiện đúng quy định của "
    "Luật Ban hành văn bản quy phạm pháp luật và các văn bản hướng dẫn.",
    "Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13; tổ chức thực hiện Luật Phổ biến, giáo dục "
    "pháp luật tại cơ sở.",
])
def test_a_title_ending_in_luat_before_its_number_is_that_numbered_law(text):
    # the id's prefix reads the title's last word ("pháp luật số ...") as its kind: still one citation
    refs = find_references(text)
    assert [r.id for r in refs] == [refs[0].id] and refs[0].numbered
    assert refs[0].mention.text.startswith("Luật ")


def test_a_one_syllable_head_shares_what_follows_the_comma():
    # any kind: the comma after a one-syllable first word of a title continues it ("Phòng, chống X")
    text = "Triển khai Kế hoạch Phòng, chống dịch bệnh truyền nhiễm năm 2026 của huyện."
    assert ids(text) == ["Kế hoạch Phòng, chống dịch bệnh truyền nhiễm 2026"]
    text = "Thực hiện Kế hoạch Tuyên truyền, các phòng báo cáo kết quả."
    assert ids(text) == ["Kế hoạch Tuyên truyền"]


def test_an_informal_lower_case_short_name_is_the_full_title_named_later():
    text = ("Bảo đảm cơ cấu, thành phần theo quy định của Luật bầu cử. Tuyên truyền Luật Bầu cử đại biểu "
            "Quốc hội và đại biểu Hội đồng nhân dân đến cử tri.")
    refs = find_references(text)
    assert [r.id for r in refs] == ["Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"]
    assert [m.text for m in refs[0].mentions] == ["Luật bầu cử",
                                                  "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"]
    # a capitalised name is a title of its own, even when a longer one starts with it
    assert ids("Thực hiện Luật Đầu tư và Luật Đầu tư công.") == ["Luật Đầu tư", "Luật Đầu tư công"]
