"""A copy whose header lost its number and date (a web copy that starts at the type line)
still names itself in the attachment line of what it issues: ``(Ban hành kèm theo Quyết
định số 45/QĐ-UBND ngày 12/3/2024 của ...)`` in a Quyết định gives its number, date and
(a known body) issuer. Only a document of the text's own type; a header's own fields win.
Sentences of our own."""

from __future__ import annotations

from ingest import parse_text

DECISION = (
    "QUYẾT ĐỊNH\n\nVề việc ban hành Kế hoạch phòng, chống thiên tai năm 2024\n\n"
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n\nCăn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;\n\n"
    "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống thiên tai năm 2024.\n\n"
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\n"
    "KẾ HOẠCH\n\nPhòng, chống thiên tai năm 2024\n\n{attached}\n\n"
    "1. Sở Nông nghiệp và Phát triển nông thôn chủ trì rà soát các công trình đê điều.\n"
)


def meta(text: str) -> dict:
    return parse_text(text).metadata.model_dump()


def test_number_and_date_from_own_attachment_line() -> None:
    m = meta(DECISION.format(attached="(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh Quảng Trị)"))
    assert (m["doc_type"], m["number"], m["issued_date"]) == ("Quyết định", "45/QĐ-UBND", "2024-03-12")


def test_date_written_in_words_and_known_issuer() -> None:
    text = DECISION.replace("QUYẾT ĐỊNH\n\nVề", "NGHỊ QUYẾT\n\nVề", 1).replace("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ", "CHÍNH PHỦ")
    m = meta(text.format(attached="(Kèm theo Nghị quyết số 77/NQ-CP ngày 05 tháng 4 năm 2024 của Chính phủ)"))
    assert (m["doc_type"], m["number"], m["issued_date"], m["issuer"]) == ("Nghị quyết", "77/NQ-CP", "2024-04-05", "Chính phủ")


def test_attachment_of_another_type_is_no_own_number() -> None:
    m = meta(DECISION.format(attached="(Ban hành kèm theo Kế hoạch số 9/KH-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh Quảng Trị)"))
    assert (m["number"], m["issued_date"]) == (None, None)


def test_malformed_number_is_null() -> None:
    m = meta(DECISION.format(attached="(Ban hành kèm theo Quyết định số /QĐ-UBND ngày   tháng 3 năm 2024)"))
    assert m["number"] is None


def test_header_fields_win() -> None:
    text = "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n\nSố: 46/QĐ-UBND\n\nQuảng Trị, ngày 14 tháng 3 năm 2024\n\n" + DECISION
    m = meta(text.format(attached="(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 12/3/2024)"))
    assert (m["number"], m["issued_date"]) == ("46/QĐ-UBND", "2024-03-14")
