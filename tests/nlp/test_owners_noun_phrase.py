"""A kind written in lower case (``các cơ quan``, ``các bệnh viện``) keeps its noun phrase up
to where the predicate opens, when the name reading stopped before it (GUIDELINES: the owner is
the name as written). Sentences of our own, other bodies than the dev documents'."""

from __future__ import annotations

import pytest

from nlp.owners import split_owners, subject_at


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # lower-case nouns pyvi tags as verbs, a comma between two of them, a joining word
        ("Các cơ quan phát thanh, truyền hình của huyện tăng cường tuyên truyền",
         "Các cơ quan phát thanh, truyền hình của huyện"),
        # a second modifier of the same kind after the comma, up to an action verb
        ("Các bệnh viện tuyến tỉnh, tuyến huyện bố trí đủ nhân lực trực cấp cứu",
         "Các bệnh viện tuyến tỉnh, tuyến huyện"),
        # up to a manner word of the predicate
        ("Các trường tiểu học, trung học vùng sâu khẩn trương rà soát cơ sở vật chất",
         "Các trường tiểu học, trung học vùng sâu"),
        # a label closed by a colon
        ("Các cơ quan thông tin, báo chí của huyện: đưa tin kịp thời",
         "Các cơ quan thông tin, báo chí của huyện"),
    ],
)
def test_kind_keeps_its_noun_phrase_to_the_predicate(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner
    assert split_owners(phrase.text) == [owner]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # an enumeration of addressees after the kind: where the name ends cannot be told
        ("Các cơ quan báo chí, cha mẹ học sinh, giáo viên phối hợp tuyên truyền", "Các cơ quan báo chí"),
        # a preposition before the predicate: the phrase is not read on
        ("Các cơ quan, đơn vị liên quan thu thập số liệu theo mẫu biểu", "Các cơ quan, đơn vị liên quan"),
        # an adverb (pyvi) inside the run: no noun phrase
        ("Các cơ quan báo chí, nhất là báo in phối hợp tuyên truyền", "Các cơ quan báo chí"),
        # the sentence ends with no predicate
        ("Kiểm tra các cơ quan phát thanh, truyền hình của huyện.", None),
        # a name whose head is capitalised is not a kind: "quyết định" is read as its predicate
        ("Ủy ban nhân dân phường, xã, đặc khu quyết định thành lập tổ công tác",
         "Ủy ban nhân dân phường, xã, đặc khu"),
        # an owner kind of its own after "và" stays apart
        ("Các cơ quan báo chí và người dân địa phương chủ động phát hiện", "Các cơ quan báo chí"),
    ],
)
def test_noun_phrase_is_not_read_on_where_its_end_cannot_be_told(text: str, owner: str | None) -> None:
    phrase = subject_at(text, text.find("các cơ quan") if owner is None else 0)
    assert phrase is not None and phrase.text == (owner or "các cơ quan")


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a singular kind named by the lower-case words before a responsibility or urgency word
        ("Cơ quan kiểm tra khẩn trương ban hành kết luận kiểm tra", "Cơ quan kiểm tra"),
        ("Cơ quan chủ trì soạn thảo có trách nhiệm tiếp thu ý kiến góp ý", "Cơ quan chủ trì soạn thảo"),
        ("Cơ quan tiếp nhận hồ sơ phải trả lời bằng văn bản", "Cơ quan tiếp nhận hồ sơ"),
        # a kind's run with a verb no list holds, when a responsibility word opens the predicate
        ("Các đơn vị khai thác cơ sở dữ liệu có trách nhiệm bảo mật thông tin",
         "Các đơn vị khai thác cơ sở dữ liệu"),
    ],
)
def test_a_kind_is_named_up_to_a_responsibility_word(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner


@pytest.mark.parametrize(
    "text",
    [
        "Cơ quan kiểm tra ban hành kết luận kiểm tra.",  # no responsibility word: not told
        "Cơ quan đến nay chưa hoàn thành việc rà soát, phải báo cáo",  # punctuation first
    ],
)
def test_a_singular_kind_without_its_name_is_no_owner(text: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is None or not phrase.text.startswith("Cơ quan")


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        # each part of a list is read as a name of its own: a capitalised function word after a
        # later part's head ("Cục" + "Quản lý ...") continues that name as it would the first's
        ("Sở Tài chính, Cục Quản lý thị trường tỉnh kiểm tra hàng hóa",
         ["Sở Tài chính", "Cục Quản lý thị trường tỉnh"]),
        ("Sở Công Thương, Ban Quản lý các khu công nghiệp tỉnh tổ chức kiểm tra",
         ["Sở Công Thương", "Ban Quản lý các khu công nghiệp tỉnh"]),
        ("Công an tỉnh và Cục Quản lý thị trường tỉnh phối hợp", ["Công an tỉnh", "Cục Quản lý thị trường tỉnh"]),
        # "và" before a kind of its own never opens a name run
        ("các tổ chức, hội, đoàn thể và cá nhân có liên quan chịu trách nhiệm thi hành",
         ["các tổ chức, hội", "đoàn thể"]),
    ],
)
def test_each_part_of_a_list_is_read_as_a_name(text: str, owners: list[str]) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and split_owners(phrase.text)[: len(owners)] == owners


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        # a holder of a singular kind written in lower case holds each next kind
        ("Người đứng đầu cấp ủy, chính quyền các cấp chịu trách nhiệm trước Tỉnh ủy",
         ["Người đứng đầu cấp ủy", "Người đứng đầu chính quyền các cấp"]),
        ("Người đứng đầu cơ quan, tổ chức, doanh nghiệp chịu trách nhiệm",
         ["Người đứng đầu cơ quan, tổ chức", "Người đứng đầu doanh nghiệp"]),
        # a proper name after the holder shares nothing
        ("Giám đốc Sở Y tế, Chánh Thanh tra tỉnh chỉ đạo", ["Giám đốc Sở Y tế", "Chánh Thanh tra tỉnh"]),
    ],
)
def test_a_holder_of_a_kind_holds_the_next_kinds(text: str, owners: list[str]) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and split_owners(phrase.text) == owners


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a verb no list holds opens the predicate after the phrase (pyvi tags it)
        ("Các cơ quan phát thanh, truyền hình của huyện đưa tin thường xuyên",
         "Các cơ quan phát thanh, truyền hình của huyện"),
        # "Các tổ chức" opening a sentence is a kind like "các tổ chức"; "bảo đảm" opens the predicate
        ("Các tổ chức cung ứng dịch vụ công trực tuyến bảo đảm an toàn thông tin",
         "Các tổ chức cung ứng dịch vụ công trực tuyến"),
        ("Cơ quan tiếp nhận hồ sơ bảo đảm bí mật thông tin", "Cơ quan tiếp nhận hồ sơ"),
    ],
)
def test_the_predicate_ends_the_phrase(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # a name in sentence case after a function word: its object, up to the place it closes on
        ("Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh chủ trì tổ chức hội chợ",
         "Trung tâm Xúc tiến đầu tư, thương mại và du lịch tỉnh"),
        ("Viện Nghiên cứu phát triển kinh tế - xã hội tỉnh chủ trì xây dựng đề án",
         "Viện Nghiên cứu phát triển kinh tế - xã hội tỉnh"),
        ("Trung tâm Phát triển quỹ đất tỉnh chủ trì thu hồi đất", "Trung tâm Phát triển quỹ đất tỉnh"),
        # a predicate after the function word is no object: no place closes it, or a plural
        ("Ban Tổ chức hướng dẫn các đơn vị của tỉnh tham gia", "Ban Tổ chức"),
        ("Ban Tổ chức hướng dẫn đơn vị dự thi của tỉnh tham gia", "Ban Tổ chức"),
        ("Trung tâm Xúc tiến hướng dẫn doanh nghiệp đăng ký", "Trung tâm Xúc tiến"),
    ],
)
def test_a_function_name_keeps_its_object(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner


@pytest.mark.parametrize(
    ("text", "pos_word", "owner"),
    [
        # a purpose word ends the phrase like a predicate
        ("Các cơ quan phát thanh, truyền hình của huyện để tuyên truyền rộng rãi", "Các",
         "Các cơ quan phát thanh, truyền hình của huyện"),
        # "việc" never belongs to a body's name
        ("Phối hợp với các đơn vị trong việc rà soát, tham mưu", "các", "các đơn vị"),
        # a quantifier after the comma opens another owner
        ("Các cơ quan báo chí, các thôn tổ chức tuyên truyền", "Các", "Các cơ quan báo chí"),
    ],
)
def test_where_a_kind_phrase_stops(text: str, pos_word: str, owner: str) -> None:
    phrase = subject_at(text, text.find(pos_word))
    assert phrase is not None and split_owners(phrase.text)[0] == owner


def test_a_role_of_a_body_named_elsewhere_is_no_owner() -> None:
    assert subject_at("Cơ quan thường trực Ban Chỉ đạo tổng hợp, báo cáo kết quả", 0) is None
    assert subject_at("Cơ quan đầu mối khẩn trương tổng hợp", 0) is None


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        # the name reading stopped inside one pyvi word ("công" | "lập"): its second half is no verb
        ("Các đơn vị sự nghiệp công lập trực thuộc Sở thực hiện tự chủ tài chính",
         "Các đơn vị sự nghiệp công lập trực thuộc Sở"),
        ("Các đơn vị sự nghiệp công lập khẩn trương rà soát", "Các đơn vị sự nghiệp công lập"),
    ],
)
def test_a_name_is_not_cut_inside_a_word(text: str, owner: str) -> None:
    phrase = subject_at(text, 0)
    assert phrase is not None and phrase.text == owner


def test_an_establishment_kind_keeps_its_field_of_activity_before_the_predicate() -> None:
    # "các cơ sở" + a field ("chế biến", "y tế, dược") + the predicate: the field names the kind
    phrase = subject_at("Các cơ sở chế biến báo cáo định kỳ kết quả xả thải.", 0)
    assert phrase is not None and phrase.text == "Các cơ sở chế biến"
    phrase = subject_at("Sở Y tế và các cơ sở khám bệnh, đào tạo hướng dẫn người bệnh.", 0)
    assert phrase is not None and phrase.text == "Sở Y tế và các cơ sở khám bệnh, đào tạo"


def test_an_establishment_kind_whose_predicate_opens_at_once_keeps_no_field() -> None:
    phrase = subject_at("Các cơ sở thực hiện nghiêm chế độ báo cáo.", 0)
    assert phrase is not None and phrase.text == "Các cơ sở"
