import pytest

import ingest
from nlp import extract
from nlp.tasks import is_action_start, sentence_is_task, sentences

from ._docs import UBND_PLAN

# fmt: off
NEWS = [
    ("Chủ tịch UBND tỉnh yêu cầu Sở Y tế khẩn trương rà soát trang thiết bị.", True),
    ("Tuy nhiên, trong thời gian tới, các địa phương cần tập trung giải ngân vốn.", True),
    ("Năm qua, Sở Y tế đã hoàn thành 95% kế hoạch.", False),
    ("Công tác cải cách hành chính tiếp tục được thực hiện nghiêm túc.", False),
    ("Kết quả đạt được rất khả quan", False),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "expected"), NEWS)
def test_sentence_is_task(sentence, expected):
    assert sentence_is_task(sentence, 0, len(sentence), after_task=False) is expected


@pytest.mark.parametrize(("text", "expected"), [("Đẩy mạnh tuyên truyền.", True), ("Kết quả tốt.", False)])
def test_is_action_start(text, expected):
    assert is_action_start(text, 0) is expected


def test_sentences_keep_abbreviations():
    text = "Tổ chức tại TP. Hồ Chí Minh. Báo cáo kết quả."
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == ["Tổ chức tại TP. Hồ Chí Minh.", "Báo cáo kết quả."]


def test_plan_tasks_skip_purpose_headings_and_recipients():
    doc = ingest.parse_text(UBND_PLAN, filename="kh.txt")
    texts = [t.text for t in extract(doc).tasks]
    assert not any("Nâng cao nhận thức" in t for t in texts)  # MỤC ĐÍCH, YÊU CẦU
    assert not any(t.startswith("Đối với") for t in texts)  # heading only
    assert not any("Như trên" in t for t in texts)  # recipients
    assert any(t.startswith("Rà soát đội ngũ") for t in texts)
