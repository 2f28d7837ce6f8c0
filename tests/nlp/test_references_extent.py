"""Where a name-only reference ends, and the one document a kind names alone (round 7, issue 12).

Ids match one-to-one by word overlap, so a title run on into the sentence costs a false
positive and a false negative. Sentences of our own (other bodies, other kinds, other order).
"""
import pytest

from nlp.references import find_references


def ids(text: str) -> list[str]:
    return [r.id for r in find_references(text) if not r.numbered]


@pytest.mark.parametrize(("text", "expected"), [
    # a comma, then a body (capitalised or with a determiner) and its verb: the sentence resumes
    ("Thực hiện Kế hoạch của Tỉnh ủy về chuyển đổi số, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai.",
     ["Kế hoạch của Tỉnh ủy về chuyển đổi số"]),
    ("Thực hiện Chỉ thị của Thủ tướng Chính phủ về tăng cường phòng cháy, các sở chủ động kiểm tra cơ sở.",
     ["Chỉ thị của Thủ tướng Chính phủ về tăng cường phòng cháy"]),
    ("Quán triệt Nghị quyết của Ban Chấp hành Đảng bộ huyện về phát triển du lịch, Phòng Văn hóa chủ trì "
     "phối hợp các xã.", ["Nghị quyết của Ban Chấp hành Đảng bộ huyện về phát triển du lịch"]),
])
def test_a_clause_after_a_comma_ends_the_subject(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # commas inside the subject: coordinated nouns, a list of bodies with no verb after it
    ("Căn cứ Nghị quyết của Hội đồng nhân dân tỉnh về phát triển kinh tế, xã hội vùng biên giới;",
     ["Nghị quyết của Hội đồng nhân dân tỉnh về phát triển kinh tế, xã hội vùng biên giới"]),
    ("Thực hiện Quy chế của Ủy ban nhân dân tỉnh về phối hợp giữa Sở Tư pháp, Công an tỉnh và Tòa án nhân dân "
     "tỉnh;", ["Quy chế của Ủy ban nhân dân tỉnh về phối hợp giữa Sở Tư pháp, Công an tỉnh và Tòa án nhân dân tỉnh"]),
])
def test_a_comma_inside_the_subject_keeps_it(text, expected):
    assert ids(text) == expected


def test_a_comma_then_ve_opens_the_next_subject_of_an_outer_list():
    # "Quy định về thi hành Điều lệ X, về Y": the second 'về' is the outer text's, not the charter's
    text = "Đề xuất sửa đổi Quy định về thi hành Điều lệ Hội, về công tác kết nạp hội viên."
    assert ids(text) == ["Điều lệ Hội"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Bảo đảm đồng bộ với việc sửa đổi, bổ sung Hiến pháp và Luật Tổ chức Quốc hội.",
     ["Hiến pháp", "Luật Tổ chức Quốc hội"]),
    ("Trình Quốc hội sửa đổi một số điều của Hiến pháp trước ngày 15/5/2026.", ["Hiến pháp"]),
    ("Hoàn thành việc sửa đổi Hiến pháp chậm nhất ngày 30/9/2026.", ["Hiến pháp"]),
    ("Rà soát Hiến pháp, Luật Tổ chức Chính phủ để đề xuất sửa đổi.", ["Hiến pháp", "Luật Tổ chức Chính phủ"]),
    ("Tuyên truyền Hiến pháp năm 2013 trong nhân dân.", ["Hiến pháp 2013"]),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
     ["Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam 2013"]),
])
def test_the_constitution_is_cited_by_its_kind_alone(text, expected):
    # a deadline after it ("chậm nhất ngày ...") is the sentence's, not a name and a year
    assert ids(text) == expected


@pytest.mark.parametrize("text", [
    "Xây dựng hệ thống văn bản phù hợp với Hiến pháp, pháp luật và thực tiễn của địa phương.",
    "Cán bộ, công chức tuân thủ Hiến pháp và pháp luật khi thi hành công vụ.",
    "Hoạt động theo Hiến pháp, các quy định của pháp luật.",
])
def test_the_formula_of_legality_cites_nothing(text):
    assert ids(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # a compound adjective after a noun modifies it: pyvi's A tag on a two-syllable word ends no title
    # (pyvi tags these A before 'tại địa phương', N or V elsewhere)
    ("Thực hiện Luật Người cao tuổi tại địa phương.", ["Luật Người cao tuổi"]),
    ("Tổng kết Luật Thi hành án dân sự tại địa phương.", ["Luật Thi hành án dân sự"]),
    ("Phổ biến Luật Khí tượng thủy văn tại địa phương.", ["Luật Khí tượng thủy văn"]),
    ("Áp dụng Luật Kiểm toán độc lập tại địa phương.", ["Luật Kiểm toán độc lập"]),
    ("Thực hiện Luật Dân quân tự vệ tại địa phương.", ["Luật Dân quân tự vệ"]),
    ("Thực hiện Luật Lực lượng dự bị động viên trên địa bàn.", ["Luật Lực lượng dự bị động viên"]),
    # a one-syllable adjective or adverb still ends it ("sát với", as before)
    ("Triển khai Luật Phòng, chống ma túy sát với thực tiễn địa phương.", ["Luật Phòng, chống ma túy"]),
])
def test_a_compound_modifier_stays_in_a_law_title(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # pyvi's three-syllable "cơ sở tại" holds the sentence's 'tại': no word of the title
    ("Thực hiện Luật Hòa giải ở cơ sở tại các thôn, bản.", ["Luật Hòa giải ở cơ sở"]),
    ("Triển khai Luật Thực hiện dân chủ ở cơ sở tại xã.", ["Luật Thực hiện dân chủ ở cơ sở"]),
    # a two-syllable word keeps its stop-word syllable ("tự do", "Thực hiện")
    ("Tận dụng Hiệp định Thương mại tự do Việt Nam - Hàn Quốc trong xuất khẩu.",
     ["Hiệp định Thương mại tự do Việt Nam - Hàn Quốc"]),
])
def test_a_stop_word_ends_a_title_unless_inside_a_two_syllable_word(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # after a one-syllable title, a comma then a longer word is the sentence going on
    ("Tuyên truyền Luật Dược, tổ chức hội nghị tập huấn cho nhà thuốc.", ["Luật Dược"]),
    ("Rà soát Luật Giá, xây dựng phương án điều chỉnh giá dịch vụ.", ["Luật Giá"]),
    ("Tuyên truyền Luật Hội, hướng dẫn các hội thành lập chi hội.", ["Luật Hội"]),
    # two one-syllable heads share what follows
    ("Thực hiện Luật Phòng, chống thiên tai tại địa phương.", ["Luật Phòng, chống thiên tai"]),
])
def test_a_comma_after_a_one_syllable_title(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Phù hợp với Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050 được phê duyệt tại Quyết định số "
     "1737/QĐ-TTg ngày 29/12/2023. Các sở triển khai Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
     ["1737/QĐ-TTg"]),
    ("Rà soát Chiến lược phát triển du lịch tỉnh đến năm 2030 đã được Ủy ban nhân dân tỉnh phê duyệt theo "
     "Quyết định số 15/2024/QĐ-UBND.", ["15/2024/QĐ-UBND"]),
])
def test_a_text_approved_at_a_numbered_decision_is_that_decision(text, expected):
    # "X được phê duyệt tại Quyết định số N": N's content, one document cited by its number
    assert [r.id for r in find_references(text)] == expected


def test_a_text_without_its_approving_decision_is_cited_by_name():
    text = "Thực hiện Quy hoạch tỉnh thời kỳ 2021 - 2030. Quyết định số 12/QĐ-UBND giao nhiệm vụ cho các sở."
    assert [r.id for r in find_references(text)] == ["Quy hoạch tỉnh thời kỳ 2021 - 2030", "12/QĐ-UBND"]


@pytest.mark.parametrize("spelling", ["sửa đổi", "sử đổi"])
def test_an_amending_law_still_to_be_made_is_no_reference_also_misspelt(spelling):
    # "sử đổi" is how dev 160 writes it (reference_patterns amending_words)
    assert ids(f"Bộ Tư pháp xây dựng Luật {spelling}, bổ sung 07 Luật để trình Quốc hội.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # a term's roman numeral closes a Party text's name; the sentence goes on after it
    ("Quán triệt Nghị quyết Đại hội XIV tới toàn thể cán bộ, đảng viên.", ["Nghị quyết Đại hội XIV"]),
    ("Tuyên truyền Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII trong nhân dân.",
     ["Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII"]),
    ("Thực hiện Kết luận Hội nghị Trung ương 13 khóa XIII trong các cơ quan.",
     ["Kết luận Hội nghị Trung ương 13 khóa XIII"]),
    ("Thực hiện Nghị quyết Trung ương 4 khóa XII gắn với việc chỉnh đốn Đảng.", ["Nghị quyết Trung ương 4 khóa XII"]),
    # its term ("khóa XII") is still part of it
    ("Quán triệt Nghị quyết Hội nghị lần thứ XIV khóa XIII của Ban Chấp hành Trung ương.",
     ["Nghị quyết Hội nghị lần thứ XIV khóa XIII"]),
])
def test_a_roman_numeral_closes_a_party_texts_name(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a deadline or a date the sentence gives ends the subject of 'Kind của X về Y' (tail_end)
    ("Triển khai Chỉ thị của Thủ tướng Chính phủ về đẩy mạnh giải ngân vốn đầu tư công trước ngày 30/6/2026.",
     ["Chỉ thị của Thủ tướng Chính phủ về đẩy mạnh giải ngân vốn đầu tư công"]),
    ("Căn cứ Quyết định của Ủy ban nhân dân tỉnh về quy chế quản lý cụm công nghiệp ngày 12/5/2024;",
     ["Quyết định của Ủy ban nhân dân tỉnh về quy chế quản lý cụm công nghiệp"]),
    ("Thực hiện Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo dục đến hết năm 2026.",
     ["Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ giáo dục"]),
    # 'và' / 'đến' before a determiner: other texts, the addressees
    ("Thực hiện Kế hoạch của Tỉnh ủy về chuyển đổi số và các văn bản chỉ đạo của Trung ương.",
     ["Kế hoạch của Tỉnh ủy về chuyển đổi số"]),
    ("Quán triệt Chỉ thị của Ban Bí thư về công tác phòng, chống tham nhũng đến các chi bộ.",
     ["Chỉ thị của Ban Bí thư về công tác phòng, chống tham nhũng"]),
    # a body and its predicate adjective after a comma (pyvi tags 'chủ trì' A)
    ("Thực hiện Kế hoạch của Ủy ban nhân dân huyện về phát triển du lịch năm 2026, Phòng Văn hóa chủ trì.",
     ["Kế hoạch của Ủy ban nhân dân huyện về phát triển du lịch năm 2026"]),
    # the title's own period goes on
    ("Thực hiện Nghị quyết của Tỉnh ủy về phát triển nông nghiệp đến năm 2030; các sở xây dựng kế hoạch.",
     ["Nghị quyết của Tỉnh ủy về phát triển nông nghiệp đến năm 2030"]),
])
def test_a_deadline_date_or_other_texts_end_the_subject(text, expected):
    assert ids(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a congress's resolution named again without its ordinal, the sentence run on: the same document
    ("Quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII. Cụ thể hóa Nghị quyết Đại hội Đảng bộ tỉnh "
     "thành chương trình hành động.", ["Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII"]),
    ("Học tập Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII. Đưa Nghị quyết Đại hội Đảng bộ huyện "
     "vào cuộc sống.", ["Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIII"]),
])
def test_a_resolution_named_without_its_ordinal_is_the_one_named_with_it(text, expected):
    assert ids(text) == expected
