"""search_api.legal.validity: statuses and explanations from small corpora of our own."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.legal.validity import (
    Citation,
    LegalDocument,
    ReportedCitation,
    Status,
    citations_of,
    cited_documents,
    plan_period,
    validity,
)

TODAY = date(2025, 6, 1)


def _doc(key, doc_type="Quyết định", issued=None, title=None, period=None):
    p = plan_period(title, doc_type) if title else None
    return LegalDocument(key, doc_id=key.replace("/", "_"), doc_type=doc_type, issued_date=issued,
                         title=title, period_end=p.end if p else period,
                         period_label=p.label if p else None)


def test_a_document_replaced_by_another_says_by_whom_and_when():
    docs = [_doc("12/QĐ-UBND", issued=date(2019, 1, 3)), _doc("300/QĐ-UBND", issued=date(2024, 2, 20))]
    cites = [Citation("300/QĐ-UBND", "12/QĐ-UBND", "replaces", citing_date=date(2024, 2, 20))]
    v = validity(docs, cites, today=TODAY)
    assert v["12/QĐ-UBND"].status is Status.REPLACED
    assert v["12/QĐ-UBND"].explanation == "được thay thế bởi Quyết định số 300/QĐ-UBND (ngày 20/02/2024)"
    assert [c.key for c in v["12/QĐ-UBND"].causes] == ["300/QĐ-UBND"]
    assert v["300/QĐ-UBND"].status is Status.UNKNOWN
    assert v["300/QĐ-UBND"].explanation == "chưa xác định"


def test_repealed_as_a_whole_and_in_part():
    docs = [_doc("03/CT-UBND", "Chỉ thị", date(2018, 2, 10)), _doc("25/2020/TT-BTP", "Thông tư", date(2020, 12, 30)),
            _doc("41/QĐ-UBND", issued=date(2023, 5, 5)), _doc("08/2024/TT-BTP", "Thông tư", date(2024, 3, 1))]
    cites = [Citation("41/QĐ-UBND", "03/CT-UBND", "repeals", citing_date=date(2023, 5, 5)),
             Citation("08/2024/TT-BTP", "25/2020/TT-BTP", "repeals", partial=True, citing_date=date(2024, 3, 1))]
    v = validity(docs, cites, today=TODAY)
    assert v["03/CT-UBND"].status is Status.REPEALED
    assert v["03/CT-UBND"].explanation == "bị bãi bỏ bởi Quyết định số 41/QĐ-UBND (ngày 05/05/2023)"
    assert v["25/2020/TT-BTP"].status is Status.PARTLY_REPEALED
    assert v["25/2020/TT-BTP"].explanation.startswith("bị bãi bỏ một phần bởi Thông tư số 08/2024/TT-BTP")


def test_a_third_party_report_amends_a_cited_only_document_and_names_the_reporter():
    # 1804 cites 123/2016 and reports "123/2016 ... được sửa đổi, bổ sung bởi 101/2020";
    # 1804 itself amends nothing, 123/2016 is not in the corpus
    docs = [_doc("1804/QĐ-BTP", issued=date(2021, 12, 2)), _doc("101/2020/NĐ-CP", "Nghị định", date(2020, 8, 28))]
    cites = [Citation("1804/QĐ-BTP", "123/2016/NĐ-CP", "mentions", citing_date=date(2021, 12, 2)),
             Citation("1804/QĐ-BTP", "101/2020/NĐ-CP", "mentions", citing_date=date(2021, 12, 2))]
    reported = [ReportedCitation("1804/QĐ-BTP", "101/2020/NĐ-CP", "amends", "123/2016/NĐ-CP", partial=True)]
    v = validity(docs, cites, reported, today=TODAY)
    assert v["123/2016/NĐ-CP"].status is Status.AMENDED
    assert v["123/2016/NĐ-CP"].explanation == (
        "bị sửa đổi, bổ sung một phần bởi Nghị định số 101/2020/NĐ-CP (ngày 28/08/2020), "
        "theo Quyết định số 1804/QĐ-BTP")
    assert v["101/2020/NĐ-CP"].status is Status.UNKNOWN
    assert v["1804/QĐ-BTP"].status is Status.UNKNOWN


def test_an_unnamed_amendment_is_still_an_amendment():
    reported = [ReportedCitation("5/QĐ-X", None, "amends", "Luật Quy hoạch 2017")]
    v = validity([], [], reported, today=TODAY)["Luật Quy hoạch 2017"]
    assert v.status is Status.AMENDED
    assert v.explanation == "bị sửa đổi, bổ sung (văn bản không nêu số), theo 5/QĐ-X"


def test_a_plan_whose_period_has_ended_is_expired_and_a_current_one_is_not():
    docs = [_doc("45/KH-UBND", "Kế hoạch", date(2023, 1, 10), title="Kế hoạch cải cách hành chính năm 2023"),
            _doc("87/KH-UBND", "Kế hoạch", date(2025, 3, 14), title="Kế hoạch chuyển đổi số năm 2025"),
            _doc("12/CTr-UBND", "Chương trình", date(2021, 4, 1),
                 title="Chương trình hành động giai đoạn 2021 - 2025, tầm nhìn đến năm 2030")]
    v = validity(docs, [], today=TODAY)
    assert v["45/KH-UBND"].status is Status.EXPIRED
    assert v["45/KH-UBND"].explanation == "hết hiệu lực theo thời hạn (kế hoạch năm 2023)"
    assert v["87/KH-UBND"].status is Status.UNKNOWN
    assert v["12/CTr-UBND"].status is Status.UNKNOWN
    assert validity(docs, [], today=date(2026, 1, 1))["12/CTr-UBND"].status is Status.EXPIRED


def test_replacement_outranks_expiry_and_amendment_and_all_causes_are_listed():
    docs = [_doc("45/KH-UBND", "Kế hoạch", date(2023, 1, 10), title="Kế hoạch cải cách hành chính năm 2023"),
            _doc("60/KH-UBND", "Kế hoạch", date(2023, 3, 1)), _doc("99/KH-UBND", "Kế hoạch", date(2023, 9, 9))]
    cites = [Citation("60/KH-UBND", "45/KH-UBND", "amends", citing_date=date(2023, 3, 1)),
             Citation("99/KH-UBND", "45/KH-UBND", "replaces", citing_date=date(2023, 9, 9))]
    v = validity(docs, cites, today=TODAY)["45/KH-UBND"]
    assert v.status is Status.REPLACED
    assert [c.key for c in v.causes] == ["99/KH-UBND", "60/KH-UBND"]
    assert "bị sửa đổi, bổ sung bởi Kế hoạch số 60/KH-UBND" in v.explanation


def test_an_expired_plan_that_was_amended_is_expired_and_says_both():
    docs = [_doc("45/KH-UBND", "Kế hoạch", date(2023, 1, 10), title="Kế hoạch cải cách hành chính năm 2023"),
            _doc("60/KH-UBND", "Kế hoạch", date(2023, 3, 1))]
    cites = [Citation("60/KH-UBND", "45/KH-UBND", "amends", citing_date=date(2023, 3, 1))]
    v = validity(docs, cites, today=TODAY)["45/KH-UBND"]
    assert v.status is Status.EXPIRED
    assert v.explanation.startswith("hết hiệu lực theo thời hạn (kế hoạch năm 2023); bị sửa đổi")


def test_acts_after_today_or_before_the_document_existed_are_ignored():
    docs = [_doc("7/QĐ-UBND", issued=date(2022, 5, 1)), _doc("8/QĐ-UBND", issued=date(2026, 1, 1)),
            _doc("9/QĐ-UBND", issued=date(2010, 1, 1))]
    cites = [Citation("8/QĐ-UBND", "7/QĐ-UBND", "replaces", citing_date=date(2026, 1, 1)),
             Citation("9/QĐ-UBND", "7/QĐ-UBND", "repeals", citing_date=date(2010, 1, 1))]
    assert validity(docs, cites, today=TODAY)["7/QĐ-UBND"].status is Status.UNKNOWN
    assert validity(docs, cites, today=date(2026, 2, 1))["7/QĐ-UBND"].status is Status.REPLACED


def test_citing_relations_that_change_nothing_leave_it_unknown():
    cites = [Citation("1/KH-X", "5/CT-TTg", r) for r in ("legal_basis", "implements", "guides", "mentions")]
    assert validity([], cites, today=TODAY)["5/CT-TTg"].status is Status.UNKNOWN


def test_the_acting_documents_own_word_wins_over_a_report_of_it():
    cites = [Citation("2/QĐ-X", "1/QĐ-X", "replaces", citing_date=date(2024, 1, 1))]
    reported = [ReportedCitation("3/QĐ-X", "2/QĐ-X", "replaces", "1/QĐ-X")]
    v = validity([], cites, reported, today=TODAY)["1/QĐ-X"]
    assert len(v.causes) == 1 and v.causes[0].reported_by is None


@pytest.mark.parametrize(("title", "doc_type", "end", "label"), [
    ("Kế hoạch thực hiện nhiệm vụ năm 2024", "Kế hoạch", date(2024, 12, 31), "kế hoạch năm 2024"),
    ("QUYẾT ĐỊNH BAN HÀNH CHƯƠNG TRÌNH CÔNG TÁC TRỌNG TÂM NĂM 2022", "Quyết định", date(2022, 12, 31), "chương trình năm 2022"),
    ("Đề án phát triển nguồn nhân lực giai đoạn 2021-2030", "Đề án", date(2030, 12, 31), "đề án giai đoạn 2021-2030"),
    ("Kế hoạch kiểm tra quý II năm 2024", "Kế hoạch", date(2024, 6, 30), "kế hoạch quý II năm 2024"),
    ("Kế hoạch công tác 6 tháng đầu năm 2024", "Kế hoạch", date(2024, 6, 30), "kế hoạch 6 tháng đầu năm 2024"),
    ("Chương trình chuyển đổi số đến năm 2030", "Chương trình", date(2030, 12, 31), "chương trình đến năm 2030"),
])
def test_plan_period(title, doc_type, end, label):
    p = plan_period(title, doc_type)
    assert p is not None and (p.end, p.label) == (end, label)


@pytest.mark.parametrize(("title", "doc_type"), [
    ("Chỉ thị về tăng cường công tác thi hành án năm 2023", "Chỉ thị"),
    ("Kế hoạch phòng chống thiên tai", "Kế hoạch"),
    (None, "Kế hoạch"),
])
def test_no_plan_period(title, doc_type):
    assert plan_period(title, doc_type) is None


def test_citations_of_an_extraction_feed_validity():
    from nlp.references import find_references

    text = ("Căn cứ Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ, được sửa đổi, bổ sung bởi "
            "Nghị định số 101/2020/NĐ-CP ngày 28/8/2020 của Chính phủ;\n"
            "Điều 3. Quyết định này thay thế Quyết định số 12/QĐ-BTP ngày 02/01/2020.")
    cites, reported = citations_of("900/QĐ-BTP", find_references(text), date(2024, 1, 2))
    assert {(c.cited_key, str(c.relation)) for c in cites} == {
        ("123/2016/NĐ-CP", "legal_basis"), ("101/2020/NĐ-CP", "legal_basis"), ("12/QĐ-BTP", "replaces")}
    assert [(r.subject_key, str(r.relation), r.object_key) for r in reported] == [
        ("101/2020/NĐ-CP", "amends", "123/2016/NĐ-CP")]
    v = validity([], cites, reported, today=TODAY)
    assert v["12/QĐ-BTP"].status is Status.REPLACED
    assert v["123/2016/NĐ-CP"].status is Status.AMENDED
    assert v["101/2020/NĐ-CP"].status is Status.UNKNOWN


@pytest.mark.parametrize(("title", "doc_type"), [
    ("V/v thực hiện kế hoạch thanh tra, kiểm tra thuế năm 2020", "Công văn"),
    ("Tập trung hoàn thành thực thi các phương án cắt giảm thủ tục hành chính năm 2025", "Công điện"),
])
def test_a_document_about_a_plan_is_not_a_plan(title, doc_type):
    assert plan_period(title, doc_type) is None


def test_a_letter_or_a_news_report_changes_no_validity_but_what_it_reports_counts():
    docs = [_doc("470/TCT-TTKT", "Công văn", date(2020, 5, 5)), _doc("9/TB-X", "Tin bài", date(2021, 1, 1))]
    cites = [Citation("470/TCT-TTKT", "13/2020/TT-BTC", "amends", citing_date=date(2020, 5, 5)),
             Citation("9/TB-X", "14/2020/TT-BTC", "repeals", citing_date=date(2021, 1, 1))]
    reported = [ReportedCitation("9/TB-X", "20/2020/TT-BTC", "repeals", "14/2020/TT-BTC")]
    v = validity(docs, cites, reported, today=TODAY)
    assert v["13/2020/TT-BTC"].status is Status.UNKNOWN
    assert v["14/2020/TT-BTC"].status is Status.REPEALED
    assert v["14/2020/TT-BTC"].causes[0].key == "20/2020/TT-BTC"


def test_cited_only_documents_are_named_by_the_citing_text():
    from nlp.references import find_references

    text = ("Căn cứ Luật Đất đai ngày 29/11/2013; Luật sửa đổi, bổ sung một số điều của Luật Đất đai "
            "ngày 20/6/2018;")
    refs = find_references(text)
    cites, reported = citations_of("5/QĐ-UBND", refs, date(2019, 1, 1))
    v = validity(cited_documents(refs), cites, reported, today=TODAY)
    law = next(x for k, x in v.items() if k.startswith("luật đất đai"))
    assert law.status is Status.AMENDED
    assert law.explanation.startswith(
        "bị sửa đổi, bổ sung một phần bởi Luật sửa đổi, bổ sung một số điều của Luật Đất đai 2018 (ngày 20/06/2018)")
