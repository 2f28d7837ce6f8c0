"""Task ids are stable and unique within a document, also when an item is repeated."""

import ingest
import nlp


def test_repeated_item_gets_distinct_ids() -> None:
    doc = ingest.parse_text("KẾ HOẠCH\nI. Sở Tư pháp chủ trì rà soát.\nI. Sở Tư pháp chủ trì rà soát.\n")
    ids = [t.id for t in nlp.extract(doc).tasks]
    assert len(ids) == len(set(ids))


def test_ids_are_stable_across_runs() -> None:
    text = "1. Sở Y tế chủ trì kiểm tra an toàn thực phẩm trước ngày 30/6/2025.\n2. Sở Tài chính bố trí kinh phí.\n"
    first = [t.id for t in nlp.extract(ingest.parse_text(text)).tasks]
    second = [t.id for t in nlp.extract(ingest.parse_text(text)).tasks]
    assert first == second and len(first) == 2
    assert all(":" in i and "~" not in i for i in first)
