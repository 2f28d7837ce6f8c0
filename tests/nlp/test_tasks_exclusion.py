"""An exclusion cue (closing formula) excludes only the sentence that is the formula, not an
instruction that mentions it (sentences of our own)."""

import ingest
from nlp import extract
from nlp.tasks import excluded_by_cue


def test_instruction_naming_an_entry_into_force_is_not_a_formula():
    body = ("Giao Sở Y tế chủ trì tổng hợp kết quả thực hiện. Đồng thời, giao Sở Y tế rà soát, "
            "tham mưu điều chỉnh Kế hoạch ngay sau khi Luật Dược (sửa đổi) có hiệu lực thi hành.")
    assert not excluded_by_cue(body)


def test_formulas_stay_excluded():
    assert excluded_by_cue("Quyết định này có hiệu lực thi hành kể từ ngày ký.")
    assert excluded_by_cue("Ban hành kèm theo Quyết định này Kế hoạch phát triển du lịch tỉnh năm 2026.")
    assert excluded_by_cue("Tổ chức tổng kết. Kế hoạch này có hiệu lực từ ngày ký.")


PLAN = """ỦY BAN NHÂN DÂN TỈNH LAI CHÂU
Số: 44/KH-UBND
Lai Châu, ngày 20 tháng 5 năm 2025
KẾ HOẠCH
Phòng, chống tác hại của thuốc lá năm 2025
III. TỔ CHỨC THỰC HIỆN
1. Giao Sở Y tế chủ trì theo dõi, tổng hợp kết quả thực hiện Kế hoạch. Đồng thời, giao Sở Y tế tham mưu điều chỉnh Kế hoạch ngay sau khi Luật Phòng, chống tác hại của thuốc lá (sửa đổi) có hiệu lực thi hành.
2. Sở Tài chính bố trí kinh phí thực hiện.
"""


def test_numbered_instruction_mentioning_entry_into_force_is_a_task():
    tasks = extract(ingest.parse_text(PLAN, filename="kh.txt")).tasks
    assert any(t.text.startswith("Giao Sở Y tế chủ trì") for t in tasks)
