import pytest

from nlp.owners import (
    clean_owner,
    complete_issuer,
    holder_body,
    owner_key,
    person_title,
    split_owners,
    subject_at,
)

# fmt: off
SUBJECTS = [
    # a hyphen inside one compound, written without spaces, keeps the compound in the name
    ("Mặt trận Tổ quốc và các tổ chức chính trị-xã hội xã tổ chức tuyên truyền.",
     "Mặt trận Tổ quốc và các tổ chức chính trị-xã hội xã"),
    ("Sở Tài nguyên và Môi trường chủ trì, phối hợp với Sở Xây dựng rà soát.", "Sở Tài nguyên và Môi trường"),
    ("UBND các huyện, thị xã, thành phố khẩn trương kiểm tra.", "UBND các huyện, thị xã, thành phố"),
    ("Ban Thường vụ các huyện ủy, thị ủy, thành ủy chỉ đạo cấp ủy cơ sở.", "Ban Thường vụ các huyện ủy, thị ủy, thành ủy"),
    ("Giám đốc Sở Tư pháp có trách nhiệm báo cáo.", "Giám đốc Sở Tư pháp"),
    ("Các cơ quan, đơn vị có liên quan cần thực hiện nghiêm.", "Các cơ quan, đơn vị có liên quan"),
    ("Bộ Văn hóa, Thể thao và Du lịch tổ chức tuyên truyền.", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Tăng cường công tác kiểm tra.", None),
    ("Các Bộ: Quốc phòng, Ngoại giao theo chức năng được giao phối hợp chặt chẽ.", "Các Bộ: Quốc phòng, Ngoại giao"),
    ("Các Bộ, ngành: tiếp tục rà soát.", "Các Bộ, ngành"),
    ("Lãnh đạo, chỉ đạo quán triệt nghị quyết.", None),
    ("Thanh tra, kiểm tra việc chấp hành.", None),
    # full ministry / department names with lower-case words or "và" never stop inside
    ("Bộ Giao thông vận tải chủ trì xây dựng phương án.", "Bộ Giao thông vận tải"),
    ("Sở Lao động - Thương binh và Xã hội hướng dẫn các xã.", "Sở Lao động - Thương binh và Xã hội"),
    ("Bảo hiểm xã hội Việt Nam hướng dẫn thủ tục gia hạn.", "Bảo hiểm xã hội Việt Nam"),
    ("Kiểm toán Nhà nước xem xét điều chỉnh kế hoạch.", "Kiểm toán Nhà nước"),
    ("Tập đoàn Dầu khí Việt Nam bảo đảm nguồn cung.", "Tập đoàn Dầu khí Việt Nam"),
    # "khi", "trong quá trình" end the subject
    ("Các Chi cục Hải quan khi kiểm tra hồ sơ cần đối chiếu dữ liệu.", "Các Chi cục Hải quan"),
    ("Các Chi cục Thuế trong quá trình kiểm tra phải lập biên bản.", "Các Chi cục Thuế"),
]
SPLITS = [
    ("các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh", ["các bộ", "cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh"]),
    ("UBND tỉnh, UBND các huyện, thị xã, thành phố", ["UBND tỉnh", "UBND các huyện, thị xã, thành phố"]),
    ("Sở Y tế và Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
    ("các Bộ: Tư pháp, Công an", ["Bộ Tư pháp", "Bộ Công an"]),
    # a shared head: names with "và" or a comma of their own stay whole; bodies with a head keep it
    ("Các Bộ, cơ quan: Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch, Ngoại giao, Ngân hàng Nhà nước Việt Nam",
     ["Bộ Khoa học và Công nghệ", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Ngoại giao", "Ngân hàng Nhà nước Việt Nam"]),
    ("các Sở: Nội vụ, Y tế và Ủy ban nhân dân các huyện", ["Sở Nội vụ", "Sở Y tế", "Ủy ban nhân dân các huyện"]),
    ("các Sở, ngành: Tài chính, Xây dựng", ["Sở Tài chính", "Sở Xây dựng"]),
    ("Tổng cục, Cục, các Chi cục Thuế", ["Tổng cục", "Cục", "các Chi cục Thuế"]),
    ("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương", ["Cục Thuế các tỉnh, thành phố trực thuộc Trung ương"]),
    ("100% các xã, phường", ["các xã, phường"]),
    # the three central categories are bodies of their own; a shared holder title is expanded
    ("các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", ["các bộ", "cơ quan ngang bộ", "cơ quan thuộc Chính phủ"]),
    ("Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch UBND các tỉnh",
     ["Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ", "Chủ tịch UBND các tỉnh"]),
    ("Giám đốc Sở Y tế, Sở Xây dựng", ["Giám đốc Sở Y tế", "Sở Xây dựng"]),
    ("các bộ, cơ quan, đơn vị, địa phương", ["các bộ, cơ quan, đơn vị, địa phương"]),
    # Party organisations and mass organisations listed with committees are owners of their own
    ("cấp ủy, tổ chức đảng, chính quyền, đoàn thể các cấp", ["cấp ủy", "tổ chức đảng", "chính quyền", "đoàn thể các cấp"]),
    ("Sở Tài chính, Đài Phát thanh và Truyền hình tỉnh và các cơ quan báo chí, phát thanh",
     ["Sở Tài chính", "Đài Phát thanh và Truyền hình tỉnh", "các cơ quan báo chí, phát thanh"]),
    # a holder title before a shared head holds each body of the list
    ("Giám đốc các Sở: Nội vụ, Tư pháp", ["Giám đốc Sở Nội vụ", "Giám đốc Sở Tư pháp"]),
    ("Bộ trưởng các Bộ: Ngoại giao, Giáo dục và Đào tạo", ["Bộ trưởng Bộ Ngoại giao", "Bộ trưởng Bộ Giáo dục và Đào tạo"]),
    # the shared list ends at a plural body with its own head, or at a semicolon
    ("các Bộ: Nội vụ, Khoa học và Công nghệ và các cơ quan, đơn vị liên quan",
     ["Bộ Nội vụ", "Bộ Khoa học và Công nghệ", "các cơ quan, đơn vị liên quan"]),
    ("các Sở: Tư pháp, Y tế; Chủ tịch UBND các huyện, thị xã", ["Sở Tư pháp", "Sở Y tế", "Chủ tịch UBND các huyện, thị xã"]),
    # a comma after a whole name opens a proper name of its own, even with a head the data lacks
    ("Nhà thi đấu Tiên Sơn, Vườn thực vật Quốc gia", ["Nhà thi đấu Tiên Sơn", "Vườn thực vật Quốc gia"]),
    ("Hội Nhà báo tỉnh, Câu lạc bộ Doanh nhân trẻ tỉnh", ["Hội Nhà báo tỉnh", "Câu lạc bộ Doanh nhân trẻ tỉnh"]),
    # ... not when the part before the comma does not end like a name
    ("Báo và Phát thanh, Truyền hình Hậu Giang", ["Báo và Phát thanh, Truyền hình Hậu Giang"]),
    ("các tỉnh Hà Tĩnh, Quảng Trị", ["các tỉnh Hà Tĩnh, Quảng Trị"]),  # places, not bodies
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SUBJECTS)
def test_subject_at(text, expected):
    found = subject_at(text, 0)
    assert (found.text if found else None) == expected


@pytest.mark.parametrize(("phrase", "expected"), SPLITS)
def test_split_owners(phrase, expected):
    assert split_owners(phrase) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Tổng cục THADS", "Tổng cục Thi hành án dân sự", True),
        ("UBND tỉnh", "Uỷ ban nhân dân tỉnh", True),
        ("Sở Tư pháp", "Sở Tài chính", False),
        # abbreviations from nlp/data/abbreviations.tsv, matched in their own case only
        ("Ban Chỉ đạo PCTN tỉnh", "Ban Chỉ đạo phòng, chống tham nhũng tỉnh", True),
        ("Văn phòng TW", "Văn phòng Trung ương", True),
        ("Bộ Tư pháp", "Bộ Trung ương pháp", False),
    ],
)
def test_owner_key(a, b, same):
    assert (owner_key(a) == owner_key(b)) is same


def test_clean_and_complete():
    assert clean_owner("mỗi đảng viên, công chức") == "đảng viên, công chức"
    assert complete_issuer("Đảng ủy Bộ", "Bộ Công Thương") == "Đảng ủy Bộ Công Thương"
    assert complete_issuer("Sở Y tế", "Bộ Công Thương") == "Sở Y tế"
    assert holder_body("Giám đốc Sở Nội vụ") == "Sở Nội vụ"


def test_name_written_without_its_capitals_after_a_head_that_needs_a_name():
    text = "Đề nghị Tổng Liên đoàn lao động Việt Nam theo thẩm quyền xem xét."
    assert subject_at(text, 8).text == "Tổng Liên đoàn lao động Việt Nam"
    # a predicate right after the head is not swallowed
    assert subject_at("Tổng Liên đoàn chủ trì, phối hợp với Bộ Tài chính.", 0) is None


def test_a_preposition_never_completes_a_title_case_syllable():
    text = "giám sát của Ban cán sự đảng, Đảng ủy Bộ đối với việc thực hiện"
    phrase = subject_at(text, text.index("Ban"))
    assert phrase.text == "Ban cán sự đảng, Đảng ủy Bộ"
    assert split_owners(phrase.text) == ["Ban cán sự đảng", "Đảng ủy Bộ"]
    assert subject_at("Bộ Văn hóa, Thể thao và Du lịch chủ trì", 0).text == "Bộ Văn hóa, Thể thao và Du lịch"


def test_an_owner_phrase_never_ends_on_a_joining_word():
    assert subject_at("Sở Xây dựng trong quản lý trật tự xây dựng.", 0).text == "Sở Xây dựng"
    assert subject_at("các đơn vị trong ngành tư pháp thực hiện", 0).text == "các đơn vị trong ngành tư pháp"


# Organisation phrases by structure: a head noun of the public-body kind and its complement up
# to the verb, cue or punctuation that ends the noun phrase (our own sentences).
# fmt: off
STRUCTURE = [
    ("Tổ đảng Văn phòng Sở chịu trách nhiệm quán triệt.", ["Tổ đảng Văn phòng Sở"]),
    ("Thường trực Hội đồng nhân dân tỉnh chỉ đạo rà soát.", ["Thường trực Hội đồng nhân dân tỉnh"]),
    ("Ban Quản lý các khu công nghiệp tỉnh tổ chức kiểm tra.", ["Ban Quản lý các khu công nghiệp tỉnh"]),
    ("Đài Phát thanh và Truyền hình tỉnh tăng cường tuyên truyền.", ["Đài Phát thanh và Truyền hình tỉnh"]),
    ("Các chủ rừng là tổ chức xây dựng phương án phòng cháy.", ["Các chủ rừng là tổ chức"]),
    ("Ủy ban nhân dân các xã, phường, đặc khu Phú Quốc thực hiện rà soát.",
     ["Ủy ban nhân dân các xã, phường, đặc khu Phú Quốc"]),
    ("Các cơ quan được giao chủ trì thực hiện Kế hoạch này báo cáo kết quả.",
     ["Các cơ quan được giao chủ trì thực hiện Kế hoạch này"]),
    ("Vụ trưởng Vụ Pháp chế, Viện trưởng Viện Khoa học pháp lý chịu trách nhiệm tổ chức thực hiện.",
     ["Vụ trưởng Vụ Pháp chế", "Viện trưởng Viện Khoa học pháp lý"]),
    ("Cục Quản lý thị trường tỉnh kiểm tra hàng hóa.", ["Cục Quản lý thị trường tỉnh"]),
    ("Tổ công tác liên ngành tỉnh kiểm tra định kỳ.", ["Tổ công tác liên ngành tỉnh"]),
    ("Các cơ quan báo chí đưa tin kịp thời.", ["Các cơ quan báo chí"]),
    # a verb or adverb no list holds ends the name (pyvi tags it)
    ("Sở Tư pháp sớm hoàn thiện dự thảo.", ["Sở Tư pháp"]),
    ("Sở Y tế nhanh chóng triển khai.", ["Sở Y tế"]),
    ("UBND các tỉnh, thành phố trực thuộc trung ương tổng hợp, báo cáo.",
     ["UBND các tỉnh, thành phố trực thuộc trung ương"]),
    # "Tổ chức" opens an action, never a body named "Tổ"
    ("Tổ chức các đoàn kiểm tra đột xuất.", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), STRUCTURE)
def test_organisation_phrase_by_structure(text, expected):
    found = subject_at(text, 0)
    assert (split_owners(found.text) if found else None) == expected


def test_a_copular_predicate_is_not_a_qualifier():
    text = "Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi."
    assert subject_at(text, 0).text == "Sở Khoa học và Công nghệ"


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a plural quantifier before a head written in lower case: the plural stands alone
    ("Các chi bộ trực thuộc tổ chức đại hội.", ["Các chi bộ trực thuộc"]),
    ("các ban của Tỉnh ủy chủ trì rà soát.", ["các ban của Tỉnh ủy"]),
    ("các trung tâm y tế tuyến huyện chuẩn bị thuốc.", ["các trung tâm y tế tuyến huyện"]),
    # a lower-case part after a comma belongs to the name when another owner or the end follows
    ("Chánh Văn phòng Bộ, Vụ trưởng Vụ Phổ biến, giáo dục pháp luật, Thủ trưởng các đơn vị thuộc Bộ "
     "chịu trách nhiệm thi hành.",
     ["Chánh Văn phòng Bộ", "Vụ trưởng Vụ Phổ biến, giáo dục pháp luật", "Thủ trưởng các đơn vị thuộc Bộ"]),
    ("Vụ Phổ biến, giáo dục pháp luật:", ["Vụ Phổ biến, giáo dục pháp luật"]),
    ("Sở Tư pháp, thường xuyên kiểm tra việc thực hiện.", ["Sở Tư pháp"]),
])
# fmt: on
def test_plural_heads_and_names_holding_a_comma(text, expected):
    found = subject_at(text, 0)
    assert (split_owners(found.text) if found else None) == expected


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # the head syllable is half of another word (pyvi joins them): no body starts here
    ("Bộ máy hành chính tinh gọn, hiệu quả.", None),
    ("Đội ngũ cán bộ được kiện toàn.", None),
    ("Viện dẫn các quy định hiện hành.", None),
    ("Trường học an toàn.", None),
    # a real head followed by a lower-case complement stays a body
    ("Cục Thuế tỉnh kiểm tra.", "Cục Thuế tỉnh"),
    ("Ban chỉ đạo tỉnh họp định kỳ.", "Ban chỉ đạo tỉnh"),
    ("Bệnh viện tuyến tỉnh tiếp nhận bệnh nhân.", "Bệnh viện tuyến tỉnh"),
    ("Trung tâm hành chính công tiếp nhận hồ sơ.", "Trung tâm hành chính công"),
])
# fmt: on
def test_a_head_glued_to_the_next_syllable_is_no_head(text, expected):
    found = subject_at(text, 0)
    assert (found.text if found else None) == expected


def test_a_relative_clause_naming_the_plan_stays_in_the_name():
    text = "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm báo cáo."
    assert subject_at(text, 0).text == "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này"


def test_addressees_separated_by_semicolons_are_one_list():
    text = "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường căn cứ nhiệm vụ được giao thực hiện."
    assert split_owners(subject_at(text, 0).text) == ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các xã, phường"]
    assert subject_at("Sở Y tế chủ trì; Sở Tài chính phối hợp.", 0).text == "Sở Y tế"


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a shared head over the list after a colon, also as the last part of a list
    ("Các Sở và các Tập đoàn: Dầu khí Quốc gia Việt Nam, Điện lực Việt Nam phối hợp thực hiện.",
     ["Các Sở", "Tập đoàn Dầu khí Quốc gia Việt Nam", "Tập đoàn Điện lực Việt Nam"]),
    ("Đề nghị các Tổng công ty: Đường sắt Việt Nam, Hàng hải Việt Nam rà soát.",
     ["Tổng công ty Đường sắt Việt Nam", "Tổng công ty Hàng hải Việt Nam"]),
    ("Sở Công Thương, các Viện: Cơ khí, Năng lượng thực hiện.", ["Sở Công Thương", "Viện Cơ khí", "Viện Năng lượng"]),
    # "làm việc với" is the predicate, not part of the name
    ("Giao Tổng công ty Điện lực miền Bắc làm việc với các nhà đầu tư.", ["Tổng công ty Điện lực miền Bắc"]),
])
# fmt: on
def test_shared_heads_and_their_lists(text, expected):
    from nlp.resolve import stated_owners

    assert stated_owners(text, 0, len(text), structured=True) == expected


def test_shared_head_tail():
    from nlp.owners import shared_head_tail

    assert shared_head_tail("các Bộ") == ("", "Bộ")
    assert shared_head_tail("Các cơ quan liên quan và các Tập đoàn") == ("Các cơ quan liên quan", "Tập đoàn")
    assert shared_head_tail("Các cơ quan liên quan") is None


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    # a number in a name carries no lower-case partner: what follows it is read on its own
    ("Văn phòng Ban Chỉ đạo 127 quốc gia tổng hợp kết quả.", "Văn phòng Ban Chỉ đạo 127 quốc gia"),
    # "ngang Bộ" written with a capital
    ("Thủ trưởng cơ quan ngang Bộ chỉ đạo rà soát.", "Thủ trưởng cơ quan ngang Bộ"),
    ("Các lực lượng chức năng phải tăng cường tuần tra.", "Các lực lượng chức năng"),
])
# fmt: on
def test_names_with_numbers_and_capitals(text, expected):
    assert subject_at(text, 0).text == expected


def test_a_holder_shared_over_cơ_quan_ngang_Bộ():
    text = "Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ chỉ đạo thực hiện."
    assert split_owners(subject_at(text, 0).text) == ["Thủ trưởng cơ quan ngang Bộ", "Thủ trưởng cơ quan thuộc Chính phủ"]


def test_a_place_kind_shares_its_body_over_the_named_places():
    text = "Bí thư huyện ủy và Chủ tịch Ủy ban nhân dân các tỉnh: Hà Giang, Tuyên Quang và Lào Cai khẩn trương rà soát."
    assert split_owners(subject_at(text, 0).text) == [
        "Bí thư huyện ủy", "Chủ tịch Ủy ban nhân dân tỉnh Hà Giang", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang",
        "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh", ["Thủ trưởng các sở, ban, ngành", "Thủ trưởng đoàn thể tỉnh"]),
    # a holder of one named body shares nothing
    ("Chủ tịch UBND tỉnh, đoàn thể tỉnh", ["Chủ tịch UBND tỉnh", "đoàn thể tỉnh"]),
])
def test_a_holder_of_a_list_of_kinds_is_shared_with_the_next_kind(phrase, expected):
    assert split_owners(phrase) == expected


def test_a_qualifier_naming_the_work_given_ends_before_the_obligation():
    assert subject_at("Các đơn vị được phân công nhiệm vụ có trách nhiệm báo cáo.", 0).text == (
        "Các đơn vị được phân công nhiệm vụ")
    assert subject_at("Các đơn vị được giao nhiệm vụ tổ chức triển khai.", 0).text == "Các đơn vị"


def test_the_new_tax_bodies_and_portals_are_owners():
    assert subject_at("Thuế tỉnh Quảng Trị rà soát hồ sơ.", 0).text == "Thuế tỉnh Quảng Trị"
    assert subject_at("Cổng thông tin điện tử tỉnh đăng tải kịp thời.", 0).text == "Cổng thông tin điện tử tỉnh"


def test_companies_and_all_forces_are_owners():
    from nlp.resolve import stated_owners

    text = "Đề nghị Công ty Cấp nước Hòa Bình: Khẩn trương kiểm tra hệ thống cấp nước."
    assert stated_owners(text, 0, len(text), structured=True) == ["Công ty Cấp nước Hòa Bình"]
    assert subject_at("Tất cả lực lượng phải chấp hành nghiêm quy định.", 0) is not None


def test_a_governor_and_the_media_are_owners():
    assert subject_at("Thống đốc Ngân hàng Nhà nước Việt Nam chỉ đạo các ngân hàng.", 0).text == (
        "Thống đốc Ngân hàng Nhà nước Việt Nam")
    assert subject_at("Các cơ quan truyền thông, báo chí đưa tin kịp thời.", 0).text == "Các cơ quan truyền thông, báo chí"


def test_a_deputy_prime_minister_named_is_an_owner():
    from nlp.resolve import stated_owners

    text = "Giao Phó Thủ tướng Lê Văn M trực tiếp chỉ đạo triển khai Công điện này."
    assert stated_owners(text, 0, len(text), structured=True) == ["Phó Thủ tướng Lê Văn M"]


# Where a name ends is structural: a capitalised verb-initial phrase after a complete name opens
# the next clause (web copies drop the period before it), as does a capitalised plural
# quantifier; after a joining word, a comma or a dash, or right after a head that still needs
# its name, a capitalised word is part of the name. Our own sentences.
NAME_ENDS = [
    ("Yêu cầu các bộ, cơ quan ngang bộ Tập trung chỉ đạo quyết liệt.", 8, "các bộ, cơ quan ngang bộ"),
    ("Giao Trung tâm Hội chợ Triển lãm Khẩn trương hoàn thành hồ sơ.", 5, "Trung tâm Hội chợ Triển lãm"),
    ("Bộ Văn hóa, Thể thao và Du lịch Chủ động triển khai.", 0, "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Ban Tổ chức Tỉnh ủy Chủ động tham mưu.", 0, "Ban Tổ chức Tỉnh ủy"),
    ("Sở Tài chính Các sở, ngành phối hợp thực hiện.", 0, "Sở Tài chính"),
    ("Theo đề nghị của Sở Công Thương tại Tờ trình số 12/TTr-SCT.", 17, "Sở Công Thương"),
    # the same words continue a name where it is not complete yet
    ("Sở Kế hoạch và Đầu tư chủ trì thẩm định.", 0, "Sở Kế hoạch và Đầu tư"),
    ("Ủy ban Kiểm tra Tỉnh ủy thực hiện giám sát.", 0, "Ủy ban Kiểm tra Tỉnh ủy"),
    ("Bộ trưởng Bộ Xây dựng khẩn trương hướng dẫn.", 0, "Bộ trưởng Bộ Xây dựng"),
    ("Hội đồng Thi đua - Khen thưởng tỉnh tổng hợp hồ sơ.", 0, "Hội đồng Thi đua - Khen thưởng tỉnh"),
    ("Đài Phát thanh và Truyền hình Cần Thơ đưa tin.", 0, "Đài Phát thanh và Truyền hình Cần Thơ"),
    # a name word never stops inside a pyvi word
    ("Ban Quản lý các Khu công nghiệp tỉnh hướng dẫn doanh nghiệp.", 0, "Ban Quản lý các Khu công nghiệp tỉnh"),
]


@pytest.mark.parametrize("text,pos,expected", NAME_ENDS)
def test_name_ends_where_the_noun_phrase_ends(text: str, pos: int, expected: str) -> None:
    phrase = subject_at(text, pos)
    assert phrase is not None and phrase.text == expected


# A lower-case name word runs to the end of its pyvi word; a place name pyvi glues to the verb
# after it keeps the verb out; Hiệp hội and Liên minh head bodies.
MORE_NAME_ENDS = [
    ("Ngân hàng Chính sách xã hội chủ trì cho vay.", 0, "Ngân hàng Chính sách xã hội"),
    ("Thành phố Hà Nội và các tỉnh Bắc Ninh, Gia Lai đẩy nhanh tiến độ.", 20, "các tỉnh Bắc Ninh, Gia Lai"),
    ("Đài Tiếng nói Việt Nam đưa tin thường xuyên.", 0, "Đài Tiếng nói Việt Nam"),
    ("Hiệp hội doanh nghiệp tỉnh tổ chức hội nghị.", 0, "Hiệp hội doanh nghiệp tỉnh"),
    ("Liên minh Hợp tác xã tỉnh hỗ trợ các hợp tác xã.", 0, "Liên minh Hợp tác xã tỉnh"),
]


@pytest.mark.parametrize("text,pos,expected", MORE_NAME_ENDS)
def test_name_words_follow_pyvi_words(text: str, pos: int, expected: str) -> None:
    phrase = subject_at(text, pos)
    assert phrase is not None and phrase.text == expected


@pytest.mark.parametrize("text,expected", [
    ("Trung tâm Chuyển đổi số Thành phố chủ trì triển khai.", "Trung tâm Chuyển đổi số Thành phố"),
    ("Giao Trung tâm Chuyển đổi số.", "Trung tâm Chuyển đổi số"),
    ("Các cơ quan số lượng lớn", "Các cơ quan"),
])
def test_so_ends_a_name_only_before_a_number_or_a_lower_case_word(text: str, expected: str) -> None:
    phrase = subject_at(text, text.find(expected))
    assert phrase is not None and phrase.text == expected


def test_a_level_after_a_comma_continues_the_name() -> None:
    text = "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã ban hành quy chế hoạt động."
    phrase = subject_at(text, 0)
    assert phrase is not None and split_owners(phrase.text) == ["Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"]


@pytest.mark.parametrize("text,expected", [
    # a function name's object closed by a capitalised part belongs to the name
    ("Viện Nghiên cứu phát triển Thành phố chủ trì đề xuất.", "Viện Nghiên cứu phát triển Thành phố"),
    # not when a predicate opens the lower-case words, nor before another body or a document
    ("Ban Tổ chức hướng dẫn Thành phố thực hiện.", "Ban Tổ chức"),
    ("Ban Tổ chức tổ chức Hội nghị tổng kết.", "Ban Tổ chức"),
    ("Ban Tuyên giáo tuyên truyền Nghị quyết số 5.", "Ban Tuyên giáo"),
    ("Sở Y tế tuyên truyền Nhân dân thực hiện.", "Sở Y tế"),
])
def test_a_function_name_keeps_its_object(text: str, expected: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == expected


def test_forms_of_address_are_generic_bare_heads_of_the_addressee_pattern():
    from nlp.owners import head_at
    from nlp.resolve import is_addressee_form

    head = head_at("Đề nghị Quý cơ quan, đơn vị phối hợp.", 8)
    assert head is not None and (head.text, head.kind, head.bare) == ("Quý cơ quan, đơn vị", "generic", True)
    assert subject_at("Quý Sở tổng hợp ý kiến gửi về.", 0).text == "Quý Sở"
    assert is_addressee_form("Quý Ủy ban") and not is_addressee_form("Quý IV/2026")
    assert head_at("Quý IV/2026 hoàn thành.", 0) is None


def test_heads_marked_both_cases_are_heads_with_either_first_letter(tmp_path, monkeypatch):
    from nlp import lexicon

    (tmp_path / "agencies.jsonl").write_text(
        '{"head": "các sở", "kind": "generic", "both_cases": true}\n{"head": "Sở", "kind": "body"}\n', encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    lexicon.owner_heads.cache_clear()
    try:
        assert {h.head for h in lexicon.owner_heads()} == {"các sở", "Các sở", "Sở"}
        (tmp_path / "agencies.jsonl").write_text(
            '{"head": "các sở", "kind": "generic", "both_cases": true}\n{"head": "Các sở", "kind": "generic"}\n',
            encoding="utf-8")
        lexicon.owner_heads.cache_clear()
        with pytest.raises(lexicon.DataFileError, match="duplicate head"):
            lexicon.owner_heads()
    finally:
        monkeypatch.undo()
        lexicon.owner_heads.cache_clear()
    heads = {h.head for h in lexicon.owner_heads()}
    assert {"Các cơ quan", "các cơ quan", "Tổ công tác", "tổ công tác"} <= heads


def test_next_word_from_a_space_ends_after_the_word_that_follows():
    from nlp.owners import _next_word

    text = "Sở Tài chính và Sở Xây dựng rà soát"
    assert _next_word(text, 13) == 16  # at "và": after "và "
    assert _next_word(text, 12) == 16  # on the space before "và": the same, not the end of the text
    assert _next_word(text, len(text)) == len(text)


def test_owner_word_lists_come_from_the_data_file():
    from nlp import lexicon
    from nlp.resolve import is_conclusion_notice, is_letter

    assert lexicon.owner_words("letter_types") == ("Công văn", "Công điện")
    assert lexicon.word_map("owner_words.json", "committee_place_kinds")["thành"] == "thành phố"
    assert is_conclusion_notice("Thông báo", "Kết luận của Thủ tướng tại buổi làm việc với tỉnh X")
    assert not is_conclusion_notice("Thông báo", "Về việc tổ chức hội nghị")
    assert is_letter("Công điện") and not is_letter("Kế hoạch")
    # "các tỉnh: A, B và C": places split at "và"
    assert split_owners("các tỉnh: Đắk Lắk, Gia Lai và Lâm Đồng") == ["tỉnh Đắk Lắk", "tỉnh Gia Lai", "tỉnh Lâm Đồng"]


@pytest.mark.parametrize(("text", "expected"), [
    # a generic kind's field of activity: a verb-tagged word of no predicate, then its nouns
    ("Các cơ sở nuôi trồng thủy sản: theo dõi môi trường.", "Các cơ sở nuôi trồng thủy sản"),
    ("Các cơ sở giáo dục mầm non ở địa bàn đô thị báo cáo.", "Các cơ sở giáo dục mầm non ở địa bàn đô thị"),
    # a verb follows the nouns: the word was the predicate ("tiến hành tổng rà soát")
    ("Các địa phương tiến hành tổng rà soát các vụ việc.", "Các địa phương"),
    # the action-verb data says the word opens a predicate
    ("Các cơ sở thực hiện kế hoạch.", "Các cơ sở"),
])
def test_generic_kind_takes_its_field_of_activity(text, expected):
    assert subject_at(text, 0).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "(các) đồng chí" before an office-holder is a form of address: the holders own the task
    ("Các đồng chí Bộ trưởng, Thủ trưởng cơ quan ngang Bộ theo chức năng chỉ đạo thực hiện.",
     ["Bộ trưởng", "Thủ trưởng cơ quan ngang Bộ"]),
    ("Đồng chí Giám đốc Sở Nội vụ, Thứ trưởng Bộ Nội vụ phụ trách lĩnh vực tiếp tục theo dõi.",
     ["Giám đốc Sở Nội vụ", "Thứ trưởng Bộ Nội vụ phụ trách lĩnh vực"]),
])
def test_comrade_before_an_office_holder_is_dropped(text, expected):
    assert split_owners(subject_at(text, 0).text) == expected


def test_comrade_before_a_person_name_opens_no_owner():
    assert subject_at("Đồng chí Nguyễn Văn An chủ trì cuộc họp.", 0) is None


def test_a_capitalised_verb_after_a_name_opens_a_clause_when_a_body_follows_it():
    # web copies drop the line break: "Công an Thành phố" then "Chỉ đạo Công an các phường ..."
    text = "Công an Thành phố Chỉ đạo Công an các phường, xã phối hợp rà soát."
    assert subject_at(text, 0).text == "Công an Thành phố"
    assert subject_at("UBND thành phố Cần Thơ đẩy mạnh cải cách.", 0).text == "UBND thành phố Cần Thơ"


@pytest.mark.parametrize(("text", "expected"), [
    # after a joining word, a lower-case head and its complement still belong to the name
    ("Các cơ quan, đơn vị trong hệ thống chính trị thực hiện chia sẻ dữ liệu.",
     "Các cơ quan, đơn vị trong hệ thống chính trị"),
    # ... other lower-case words after it do not ("trong công tác ...")
    ("Ủy ban nhân dân trong công tác phối hợp cần chủ động.", "Ủy ban nhân dân"),
    # "khác" qualifies the kinds before it
    ("Các cơ quan, tổ chức khác có trách nhiệm phối hợp.", "Các cơ quan, tổ chức khác"),
    # a field of activity ends the name before an obligation ("có trách nhiệm")
    ("Các cơ quan chủ quản dữ liệu có trách nhiệm phân loại dữ liệu.", "Các cơ quan chủ quản dữ liệu"),
])
def test_generic_names_run_over_joined_heads_and_qualifiers(text, expected):
    assert subject_at(text, 0).text == expected


def test_a_head_that_needs_a_name_after_a_comma_takes_a_capitalised_verb_as_its_name():
    # "Xây dựng" is an action verb, but after "Sở" (a head that needs a name) it names the body
    text = "Sở Tài chính, Sở Xây dựng, Sở Nông nghiệp và Môi trường có trách nhiệm phối hợp."
    assert split_owners(subject_at(text, 0).text) == ["Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường"]
    text = "Sở Tài chính và Sở Xây dựng hướng dẫn thực hiện."
    assert split_owners(subject_at(text, 0).text) == ["Sở Tài chính", "Sở Xây dựng"]


def test_a_quantifier_and_a_longer_head_read_further_than_a_plural_shared_head():
    text = "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này."
    assert split_owners(subject_at(text, 0).text) == ["Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ"]
    # the plural head of a shared list still reads as before
    assert split_owners(subject_at("Các Bộ: Tư pháp, Công an phối hợp thực hiện.", 0).text) == ["Bộ Tư pháp", "Bộ Công an"]


@pytest.mark.parametrize(("text", "expected"), [
    # an honorific before one person's titles: the titles are one owner, commas and dashes included
    ("Đồng chí Phó Chủ tịch Thường trực, phụ trách công tác Dân vận chỉ đạo thực hiện.",
     "Phó Chủ tịch Thường trực, phụ trách công tác Dân vận"),
    ("Đồng chí Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Tuyên giáo Huyện ủy chỉ đạo chung.",
     "Ủy viên Ban Thường vụ Huyện ủy, Trưởng Ban Tuyên giáo Huyện ủy"),
    ("Đồng chí Phó Giám đốc Trung tâm Văn hóa - Thể thao - Phó Trưởng tiểu ban: Tham mưu các nội dung.",
     "Phó Giám đốc Trung tâm Văn hóa - Thể thao - Phó Trưởng tiểu ban"),
    # two persons, or no title after the honorific: not one person
    ("Đồng chí Giám đốc Sở Y tế, Phó Giám đốc Sở Y tế phụ trách chuyên môn chỉ đạo.", None),
    ("Đồng chí Bí thư Huyện ủy và Chủ tịch UBND huyện chỉ đạo.", None),
    ("Đồng chí Nguyễn Văn A chỉ đạo.", None),
])
def test_person_title(text, expected):
    assert person_title(text, 0, len(text)) == expected


# A title-case syllable pyvi glues with the head before it and a verb-tagged tail
# ("Ban_Công_tác") keeps its tail when the two, read without the head, are one word; a place
# name glued to a verb (no head opens the glued word) still keeps the verb out.
@pytest.mark.parametrize(("text", "expected"), [
    ("Trưởng Ban Công tác Mặt trận tổ dân phố báo cáo kết quả.", "Trưởng Ban Công tác Mặt trận tổ dân phố"),
    ("Ban Công tác Mặt trận thôn Đông tổ chức họp dân.", "Ban Công tác Mặt trận thôn Đông"),
    ("Các tỉnh Quảng Trị, Gia Lai đẩy nhanh việc sơ tán.", "Các tỉnh Quảng Trị, Gia Lai"),
])
def test_a_head_glued_word_keeps_its_partner(text: str, expected: str) -> None:
    phrase = subject_at(text, 0, allow_person=True)
    assert phrase is not None and phrase.text == expected


def test_a_count_after_a_dash_is_no_part_of_the_name() -> None:
    # "Sở Y tế - 03 kế hoạch": a tally line; a dash before a name still joins ("Phát thanh - Truyền hình")
    phrase = subject_at("Sở Giao thông vận tải - 04 quyết định (bãi bỏ 02 thủ tục);", 0)
    assert phrase is not None and phrase.text == "Sở Giao thông vận tải"
    phrase = subject_at("Đài Phát thanh - Truyền hình tỉnh đưa tin kịp thời.", 0)
    assert phrase is not None and phrase.text == "Đài Phát thanh - Truyền hình tỉnh"


def test_an_anaphoric_qualifier_stays_in_the_name_after_a_comma_list() -> None:
    # "... các huyện, thị xã nêu trên": the ones named above, part of the owner
    phrase = subject_at("Chủ tịch Ủy ban nhân dân các huyện, thị xã nêu trên chỉ đạo sơ tán dân.", 0, allow_person=True)
    assert phrase is not None and phrase.text == "Chủ tịch Ủy ban nhân dân các huyện, thị xã nêu trên"
    phrase = subject_at("Chủ tịch Ủy ban nhân dân các xã, phường nói trên báo cáo ngay.", 0, allow_person=True)
    assert phrase is not None and phrase.text == "Chủ tịch Ủy ban nhân dân các xã, phường nói trên"


def test_a_kind_with_its_own_modifier_ends_an_owner_before_another_kind() -> None:
    # "cơ quan thuộc Bộ, đơn vị sự nghiệp ...": each kind carries its own modifier, two owners
    assert split_owners("các cơ quan chuyên môn thuộc Bộ, đơn vị sự nghiệp công lập trực thuộc Bộ") == [
        "các cơ quan chuyên môn thuộc Bộ", "đơn vị sự nghiệp công lập trực thuộc Bộ"]
    assert split_owners("các hội nghề nghiệp, tổ chức xã hội cấp huyện, đoàn thể cấp xã") == [
        "các hội nghề nghiệp", "tổ chức xã hội cấp huyện", "đoàn thể cấp xã"]


def test_bare_kinds_in_a_row_share_the_modifier_after_them() -> None:
    assert split_owners("Cơ quan, đơn vị được giao chủ trì đề án") == ["Cơ quan, đơn vị được giao chủ trì đề án"]
    assert split_owners("các cơ quan, tổ chức có liên quan") == ["các cơ quan, tổ chức có liên quan"]


def test_the_holder_of_a_project_or_a_facility_is_an_owner() -> None:
    # "Chủ đầu tư", "Chủ cơ sở": the holder named by what it holds, like "Chủ rừng"
    phrase = subject_at("Chủ đầu tư chịu trách nhiệm nghiệm thu công trình thủy lợi.", 0)
    assert phrase is not None and phrase.text == "Chủ đầu tư"
    phrase = subject_at("Chủ cơ sở có trách nhiệm lắp đặt thiết bị quan trắc tự động.", 0)
    assert phrase is not None and phrase.text == "Chủ cơ sở"
    phrase = subject_at("Ủy ban nhân dân tỉnh và các chủ đầu tư khẩn trương giải ngân vốn.", 0)
    assert phrase is not None and phrase.text == "Ủy ban nhân dân tỉnh và các chủ đầu tư"
