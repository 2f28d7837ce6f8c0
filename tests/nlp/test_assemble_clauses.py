"""A ``;`` clause with its own subject, after a clause naming other owners, is a task of its own
(GUIDELINES: a paragraph listing instructions for different owners is split per owner)."""

import ingest
from nlp import extract


def _tasks(text: str, filename: str = "tb.txt"):
    return extract(ingest.parse_text(text, filename=filename)).tasks


NOTICE = """VĂN PHÒNG CHÍNH PHỦ
Số: 212/TB-VPCP
Hà Nội, ngày 14 tháng 5 năm 2025
THÔNG BÁO
Kết luận của Phó Thủ tướng về hạ tầng số vùng biên giới
1. Về phủ sóng các thôn vùng biên: đề nghị Tập đoàn Bưu chính Viễn thông Việt Nam lắp đặt trạm phát sóng, hoàn thành trong tháng 9 năm 2025; Bộ Khoa học và Công nghệ hướng dẫn Tập đoàn nêu trên trong việc thực hiện nhiệm vụ được giao.
2. Ủy ban nhân dân tỉnh Lai Châu rà soát quỹ đất đặt trạm; Sở Tài chính tỉnh Lai Châu bố trí kinh phí bồi thường.
3. Bộ Xây dựng hoàn thiện dự thảo thông tư; đồng thời tổ chức lấy ý kiến các địa phương.
"""


def test_clause_with_other_subject_after_an_owned_clause_is_split():
    tasks = _tasks(NOTICE)
    by_start = {t.text.split()[0] + " " + t.text.split()[1]: [o.name for o in t.owners] for t in tasks}
    texts = [t.text for t in tasks]
    assert any(t.startswith("Bộ Khoa học và Công nghệ hướng dẫn") for t in texts)
    assert any(t.startswith("Sở Tài chính tỉnh Lai Châu bố trí") for t in texts)
    assert by_start["Bộ Khoa"] == ["Bộ Khoa học và Công nghệ"]
    assert by_start["Sở Tài"] == ["Sở Tài chính tỉnh Lai Châu"]


def test_clause_without_subject_stays_with_its_owner():
    tasks = _tasks(NOTICE)
    third = [t for t in tasks if t.text.startswith("Bộ Xây dựng")]
    assert len(third) == 1 and "lấy ý kiến các địa phương" in third[0].text


LISTS = """ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
Số: 31/KH-UBND
Lai Châu, ngày 20 tháng 5 năm 2025
KẾ HOẠCH
Thi đua hoàn thành nhiệm vụ năm 2025
III. TỔ CHỨC THỰC HIỆN
1. Giám đốc Sở Xây dựng; Chủ tịch UBND các xã, phường có trách nhiệm triển khai Kế hoạch này.
2. Sở Nội vụ: Hướng dẫn các sở, ban, ngành và các hội đoàn thể tỉnh; các xã, phường tổ chức phát động phong trào thi đua.
"""


def test_semicolon_inside_a_list_of_bodies_does_not_split():
    tasks = _tasks(LISTS, filename="kh.txt")
    assert [t.section for t in tasks] == ["III.1", "III.2"]
