import pytest

from nlp.owners import clean_owner, complete_issuer, holder_body, owner_key, split_owners, subject_at

# fmt: off
SUBJECTS = [
    ("Sở Tài nguyên và Môi trường chủ trì, phối hợp với Sở Xây dựng rà soát.", "Sở Tài nguyên và Môi trường"),
    ("UBND các huyện, thị xã, thành phố khẩn trương kiểm tra.", "UBND các huyện, thị xã, thành phố"),
    ("Ban Thường vụ các huyện ủy, thị ủy, thành ủy chỉ đạo cấp ủy cơ sở.", "Ban Thường vụ các huyện ủy, thị ủy, thành ủy"),
    ("Giám đốc Sở Tư pháp có trách nhiệm báo cáo.", "Giám đốc Sở Tư pháp"),
    ("Các cơ quan, đơn vị có liên quan cần thực hiện nghiêm.", "Các cơ quan, đơn vị có liên quan"),
    ("Bộ Văn hóa, Thể thao và Du lịch tổ chức tuyên truyền.", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Tăng cường công tác kiểm tra.", None),
    ("Lãnh đạo, chỉ đạo quán triệt nghị quyết.", None),
    ("Thanh tra, kiểm tra việc chấp hành.", None),
]
SPLITS = [
    ("các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh", ["các bộ", "cơ quan ngang bộ", "Ủy ban nhân dân các tỉnh"]),
    ("UBND tỉnh, UBND các huyện, thị xã, thành phố", ["UBND tỉnh", "UBND các huyện, thị xã, thành phố"]),
    ("Sở Y tế và Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
    ("các Bộ: Tư pháp, Công an", ["Bộ Tư pháp", "Bộ Công an"]),
    ("Tổng cục, Cục, các Chi cục Thuế", ["Tổng cục", "Cục", "các Chi cục Thuế"]),
    ("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương", ["Cục Thuế các tỉnh, thành phố trực thuộc Trung ương"]),
    ("100% các xã, phường", ["các xã, phường"]),
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
    ],
)
def test_owner_key(a, b, same):
    assert (owner_key(a) == owner_key(b)) is same


def test_clean_and_complete():
    assert clean_owner("mỗi đảng viên, công chức") == "đảng viên, công chức"
    assert complete_issuer("Đảng ủy Bộ", "Bộ Công Thương") == "Đảng ủy Bộ Công Thương"
    assert complete_issuer("Sở Y tế", "Bộ Công Thương") == "Sở Y tế"
    assert holder_body("Giám đốc Sở Nội vụ") == "Sở Nội vụ"
