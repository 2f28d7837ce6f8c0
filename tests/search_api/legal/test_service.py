"""The corpus view and the legal views built on it (no index, no store): validity with causes,
relations both ways with their labels, reported relations between others, cited-only titles."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.model import Span
from nlp.model import Extraction, Reference, Relation, ReportedRelation
from search_api.legal.corpus import DocInfo, build_view, title_from_sentence
from search_api.legal.service import relations_out, validity_out, warning_for

TODAY = date(2025, 1, 1)


def ref(id_: str, relation: Relation, sentence: str, *, doc_type: str = "Nghị định", partial: bool = False,
        reported: list[ReportedRelation] | None = None, mention: str | None = None) -> Reference:
    mention = mention or f"{doc_type} số {id_}"
    at = max(0, sentence.find(mention))
    return Reference(id=id_, numbered=True, doc_type=doc_type, key=id_, relation=relation, partial=partial,
                     mention=Span(start=at, end=at + len(mention), text=mention),
                     sentence=Span(start=0, end=len(sentence), text=sentence), reported=reported or [])


def info(doc_id: str, number: str, doc_type: str, issued: str, title: str) -> DocInfo:
    return DocInfo(doc_id, number, number, doc_type, title, issued, "Bộ Tư pháp", f"{doc_id}.docx")


SENT_REPORT = ("Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ quy định chức năng, nhiệm vụ đã được "
               "sửa đổi, bổ sung bởi Nghị định số 101/2020/NĐ-CP ngày 28/8/2020.")


@pytest.fixture(scope="module")
def view():  # noqa: ANN201 - a CorpusView
    c = info("c", "1804/QĐ-BTP", "Quyết định", "2021-10-01", "Kế hoạch công tác năm 2021")
    old = info("old", "12/QĐ-UBND", "Quyết định", "2020-01-05", "Quy chế cũ")
    new = info("new", "90/QĐ-UBND", "Quyết định", "2024-03-01", "Quy chế mới")
    refs_c = [
        ref("123/2016/NĐ-CP", Relation.MENTIONS, SENT_REPORT,
            reported=[ReportedRelation(subject="101/2020/NĐ-CP", relation=Relation.AMENDS, object="123/2016/NĐ-CP")]),
        ref("101/2020/NĐ-CP", Relation.MENTIONS, SENT_REPORT),
    ]
    refs_new = [ref("12/QĐ-UBND", Relation.REPLACES, "Quyết định này thay thế Quyết định số 12/QĐ-UBND.",
                    doc_type="Quyết định")]
    return build_view([(c, Extraction(doc_id="c", references=refs_c)), (old, Extraction(doc_id="old")),
                       (new, Extraction(doc_id="new", references=refs_new))], today=TODAY)


def test_reporting_document_changes_neither_document_itself(view) -> None:  # noqa: ANN001
    assert view.validity["1804/QĐ-BTP"].status.value == "unknown"
    assert view.validity["101/2020/NĐ-CP"].status.value == "unknown"
    amended = validity_out(view, "123/2016/NĐ-CP")
    assert amended["status"] == "amended"
    assert amended["by"][0]["name"] == "Nghị định số 101/2020/NĐ-CP"
    assert amended["by"][0]["reported_by_name"] == "Quyết định số 1804/QĐ-BTP"
    assert amended["by"][0]["reported_by_document_id"] == "c"


def test_reported_relation_both_sides(view) -> None:  # noqa: ANN001
    mine = relations_out(view, "1804/QĐ-BTP", "c")
    assert [x["text"] for x in mine["reported"]] == [
        "theo văn bản này, Nghị định số 101/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 123/2016/NĐ-CP"]
    assert [r["label"] for r in mine["outgoing"]] == ["dẫn chiếu", "dẫn chiếu"]
    about = relations_out(view, "123/2016/NĐ-CP")
    assert [x["text"] for x in about["reported"]] == [
        "theo Quyết định số 1804/QĐ-BTP, Nghị định số 101/2020/NĐ-CP sửa đổi, bổ sung Nghị định số 123/2016/NĐ-CP"]
    assert about["incoming"][0]["label"] == "được dẫn chiếu bởi"
    assert about["incoming"][0]["name"] == "Quyết định số 1804/QĐ-BTP"
    assert about["incoming"][0]["title"] == "Kế hoạch công tác năm 2021"


def test_replacement_both_ways(view) -> None:  # noqa: ANN001
    old = validity_out(view, "12/QĐ-UBND")
    assert old["status"] == "replaced" and old["label"] == "bị thay thế"
    assert old["explanation"] == "được thay thế bởi Quyết định số 90/QĐ-UBND (ngày 01/03/2024)"
    assert relations_out(view, "12/QĐ-UBND", "old")["incoming"][0]["label"] == "được thay thế bởi"
    out = relations_out(view, "90/QĐ-UBND", "new")["outgoing"]
    assert [(r["label"], r["document_id"], r["validity"]) for r in out] == [("thay thế", "old", "replaced")]
    assert warning_for("replaced", "Quyết định 12/QĐ-UBND") == (
        "Quyết định 12/QĐ-UBND đã bị thay thế; nhiệm vụ có thể không còn hiệu lực")
    assert warning_for("amended", "x") is None


def test_cited_only_title_from_the_citing_sentence(view) -> None:  # noqa: ANN001
    assert view.title("123/2016/NĐ-CP") == ("Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ quy định "
                                            "chức năng, nhiệm vụ")
    assert view.name("123/2016/NĐ-CP") == "Nghị định số 123/2016/NĐ-CP"
    assert view.title("12/QĐ-UBND") == "Quy chế cũ"  # a corpus document keeps its own title


# fmt: off
@pytest.mark.parametrize(("mention", "sentence", "title"), [
    ("Chỉ thị số 05/CT-TTg", "Thực hiện Chỉ thị số 05/CT-TTg ngày 01/3/2023 của Thủ tướng Chính phủ về tăng cường "
     "kỷ luật, kỷ cương; Bộ Tư pháp yêu cầu:", "Chỉ thị số 05/CT-TTg ngày 01/3/2023 của Thủ tướng Chính phủ về "
     "tăng cường kỷ luật, kỷ cương"),
    ("Quyết định số 90/QĐ-UBND", "Thực hiện Quyết định số 90/QĐ-UBND ngày 01/3/2024 của Ủy ban nhân dân tỉnh ban "
     "hành Quy chế theo dõi, Ủy ban nhân dân huyện ban hành Kế hoạch", "Quyết định số 90/QĐ-UBND ngày 01/3/2024 "
     "của Ủy ban nhân dân tỉnh ban hành Quy chế theo dõi"),
    ("Nghị định số 30/2020/NĐ-CP", "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;", None),
    ("Luật Đất đai", "Theo Luật Đất đai (sửa đổi) về thu hồi đất", None),
    ("Kế hoạch số 1/KH", "không có ở đây", None),
])
# fmt: on
def test_title_from_sentence(mention: str, sentence: str, title: str | None) -> None:
    assert title_from_sentence(mention, sentence) == title


def test_search_hit_warnings(view) -> None:  # noqa: ANN001
    from search_api.legal.search import with_warning
    from search_api.schemas import SearchHit

    def hit() -> SearchHit:
        return SearchHit(kind="task", id="t", document_id="d", text="...")

    own = with_warning(hit(), {"validity": "replaced", "document_type": "Quyết định", "document_number": "12/QĐ-UBND"})
    assert own.warning == "Quyết định 12/QĐ-UBND đã bị thay thế; nhiệm vụ có thể không còn hiệu lực"
    assert own.validity_label == "bị thay thế"
    cites = with_warning(hit(), {"validity": "unknown", "refs": ["12/QĐ-UBND"]}, view)
    assert cites.warning == ("nhiệm vụ trích dẫn Quyết định số 12/QĐ-UBND, văn bản này được thay thế bởi "
                             "Quyết định số 90/QĐ-UBND (ngày 01/03/2024)")
    assert with_warning(hit(), {"validity": "unknown", "refs": ["123/2016/NĐ-CP"]}, view).warning is None  # amended only
    doc = with_warning(SearchHit(kind="document", id="d", document_id="d", text="..."), {"validity": "replaced"})
    assert doc.warning is None and doc.validity == "replaced"


# --- the trace through intermediate plans (a store and an edit log of our own) ----------------


class _Store:
    def __init__(self, docs: dict[str, tuple[object, Extraction]]) -> None:
        self.docs = docs

    def current_ids(self) -> list[str]:
        return sorted(self.docs)

    def load(self, doc_id: str) -> tuple[object, Extraction]:
        return self.docs[doc_id]


def _doc(doc_id: str, number: str, doc_type: str, issued: str, title: str) -> object:
    from types import SimpleNamespace

    md = SimpleNamespace(number=number, doc_type=doc_type, title=title, issued_date=issued, issuer="UBND")
    return SimpleNamespace(id=doc_id, metadata=md, source=SimpleNamespace(filename=f"{doc_id}.txt"))


def _task(doc_id: str, section: str, text: str) -> object:
    from nlp.model import Task

    return Task(id=f"{doc_id}:{section}", text=text, span=Span(start=0, end=len(text), text=text), section=section)


def test_trace_goes_through_intermediate_plans(tmp_path) -> None:  # noqa: ANN001
    from types import SimpleNamespace

    from search_api.legal import service

    party = ("ct", "05-CT/TU", "Chỉ thị", "2024-01-10", "Chỉ thị về chuyển đổi số")
    plan = ("kh", "20/KH-UBND", "Kế hoạch", "2024-02-01", "Kế hoạch thực hiện Chỉ thị 05-CT/TU")
    district = ("hx", "7/KH-UBND", "Kế hoạch", "2024-03-01", "Kế hoạch của huyện")
    tasks = {
        "ct": [_task("ct", "1", "Số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa"),
               _task("ct", "2", "Tuyên truyền về phòng cháy chữa cháy trong trường học")],
        "kh": [_task("kh", "II.1", "Sở Nội vụ số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa cấp tỉnh")],
        "hx": [_task("hx", "1", "Phòng Nội vụ số hóa hồ sơ thủ tục hành chính tại bộ phận một cửa cấp huyện")],
    }
    refs = {"kh": [ref("05-CT/TU", Relation.IMPLEMENTS, "Thực hiện Chỉ thị số 05-CT/TU.", doc_type="Chỉ thị")],
            "hx": [ref("20/KH-UBND", Relation.IMPLEMENTS, "Thực hiện Kế hoạch số 20/KH-UBND.", doc_type="Kế hoạch")]}
    docs = {d[0]: (_doc(*d), Extraction(doc_id=d[0], tasks=tasks[d[0]], references=refs.get(d[0], [])))
            for d in (party, plan, district)}
    edit_log = SimpleNamespace(backend="sqlite", path=tmp_path / "edit-log.sqlite3")
    ctx = SimpleNamespace(settings=SimpleNamespace(data_dir=tmp_path), store=_Store(docs),
                          today=lambda: TODAY, edit_log=edit_log)
    t = service.trace_out(ctx, "ct")
    assert [c["document_id"] for c in t["tree"]["children"]] == ["kh"]
    assert [c["document_id"] for c in t["tree"]["children"][0]["children"]] == ["hx"]
    assert t["coverage"]["text"] == "1 trên 2 nhiệm vụ có nhiệm vụ triển khai"
    assert [u["section"] for u in t["coverage"]["uncovered"]] == ["2"]
    pairs = {(x["upstream"]["id"], x["downstream"]["id"]) for x in t["links"]}
    assert pairs == {("ct:1", "kh:II.1"), ("kh:II.1", "hx:1")}
    assert t["tree"]["children"][0]["coverage"]["text"] == "1 trên 1 nhiệm vụ có nhiệm vụ triển khai"
    service.decisions(ctx).record("ct:1", "kh:II.1", "rejected", "legal")
    after = service.trace_out(ctx, "ct")
    assert after["coverage"]["covered"] == 0
    assert [(x["decision"], x["decided_by"]) for x in after["links"] if x["upstream"]["id"] == "ct:1"] == [
        ("rejected", "legal")]
    up = service.trace_out(ctx, "hx")
    assert [p["document_id"] for p in up["implements"]] == ["kh"]
    assert [(x["upstream"]["id"], x["downstream"]["id"]) for x in up["upstream_links"]] == [("kh:II.1", "hx:1")]
