"""Pure helpers of the web pages: deadline buckets, grouping, URLs, marked-up text, history."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.routes import pages_view as view

TODAY = date(2024, 6, 12)  # a Wednesday; week ends Sunday 16, month ends 30


# fmt: off
@pytest.mark.parametrize(("task", "bucket"), [
    ({"deadline": "2024-06-01", "status": "not_started"}, "overdue"),
    ({"deadline": "2024-06-01", "status": "done"}, "past_done"),
    ({"deadline": "2024-06-12", "status": "in_progress"}, "this_week"),
    ({"deadline": "2024-06-16"}, "this_week"),
    ({"deadline": "2024-06-17"}, "this_month"),
    ({"deadline": "2024-06-30"}, "this_month"),
    ({"deadline": "2024-07-01"}, "later"),
    ({"deadline": None}, "no_deadline"),
    ({"deadline": "không rõ"}, "no_deadline"),
    ({"deadline": {"date": "2024-05-31", "text": "tháng 5/2024"}}, "overdue"),
    ({"deadline": "2024-07-01", "overdue": True}, "overdue"),  # the API's flag wins
])
# fmt: on
def test_deadline_bucket(task: dict, bucket: str) -> None:
    assert view.deadline_bucket(task, TODAY) == bucket


def test_group_by_owner_lists_a_task_under_each_owner_and_unknown_last() -> None:
    tasks = [
        {"id": "a", "owners": ["Sở Tư pháp", "Bộ Công an"], "deadline": "2024-07-01"},
        {"id": "b", "owners": [], "deadline": None},
        {"id": "c", "owners": [{"name": "bộ Công an", "key": "bca"}], "deadline": "2024-06-20"},
    ]
    groups = view.group_tasks(tasks, "owner", TODAY)
    assert [g.label for g in groups] == ["Bộ Công an", "bộ Công an", "Sở Tư pháp", "(chưa rõ đơn vị)"]
    assert [t["id"] for t in groups[0].tasks] == ["a"]


def test_group_by_deadline_keeps_bucket_order_and_drops_empty_groups() -> None:
    tasks = [{"id": "x", "deadline": "2030-01-01"}, {"id": "y", "deadline": "2020-01-01"}]
    groups = view.group_tasks(tasks, "deadline", TODAY)
    assert [g.key for g in groups] == ["overdue", "later"]


# fmt: off
@pytest.mark.parametrize(("params", "changes", "url"), [
    ({"q": "thi hành án"}, {"owner": "so-tu-phap"}, "/?q=thi+h%C3%A0nh+%C3%A1n&owner=so-tu-phap"),
    ({"q": "x", "owner": "a"}, {"owner": None}, "/?q=x"),
    ({"q": ""}, {}, "/"),
    ({"doc_type": "Chỉ thị"}, {"doc_type": ""}, "/"),
])
# fmt: on
def test_url_with(params: dict, changes: dict, url: str) -> None:
    assert view.url_with("/", params, **changes) == url


def test_mark_text_nests_references_inside_tasks_and_escapes() -> None:
    text = "Căn cứ Chỉ thị 04-CT/TW.\n1. Sở <A> thực hiện Chỉ thị 04-CT/TW."
    task_start = text.index("Sở")
    ref1 = text.index("Chỉ thị")
    ref2 = text.rindex("Chỉ thị")
    marks = [
        view.Mark(task_start, len(text), "task", "t1"),
        view.Mark(ref1, ref1 + 16, "ref", "0", href="/trich-dan/04-CT%2FTW"),
        view.Mark(ref2, ref2 + 16, "ref", "0", href="/trich-dan/04-CT%2FTW"),
        view.Mark(5, 500, "task", "out-of-range"),  # ignored
    ]
    html = str(view.mark_text(text, marks))
    assert html.count('<span class="task"') == 1
    assert html.count('<a class="ref"') == 2
    assert "&lt;A&gt;" in html and "<A>" not in html
    assert "<br>" in html
    inside = html[html.index('<span class="task"'):]
    assert '<a class="ref"' in inside  # the second mention sits inside the task


def test_mark_text_splits_a_reference_that_crosses_a_task_end() -> None:
    text = "abcdefghij"
    html = str(view.mark_text(text, [view.Mark(0, 5, "task", "t"), view.Mark(3, 8, "ref", "0", href="/x")]))
    assert html.count('<a class="ref"') == 2
    assert html.count("</span>") == 1


def test_mark_text_without_marks_is_the_escaped_text() -> None:
    assert str(view.mark_text("a < b", [])) == "a &lt; b"


# fmt: off
@pytest.mark.parametrize(("fragment", "html"), [
    ("thu <em>hồi</em> tài sản", "thu <mark>hồi</mark> tài sản"),
    ("<mark>THADS</mark> <script>x</script>", "<mark>THADS</mark> &lt;script&gt;x&lt;/script&gt;"),
])
# fmt: on
def test_highlight_fragment_keeps_only_marks(fragment: str, html: str) -> None:
    assert str(view.highlight_fragment(fragment)) == html


def test_highlight_text_marks_every_term_case_insensitively() -> None:
    terms = view.marked_terms(["<mark>thu hồi</mark> x", "<em>Tài sản</em>", "<em>THU HỒI</em>"])
    assert terms == ["thu hồi", "Tài sản"]
    html = str(view.highlight_text("Thu hồi tài sản <b>", terms))
    assert html == "<mark>Thu hồi</mark> <mark>tài sản</mark> &lt;b&gt;"
    assert str(view.highlight_text("không gì", [])) == "không gì"


def test_history_entries_group_flat_rows_per_version() -> None:
    rows = [
        {"task_id": "t", "version": 1, "at": "2024-06-01T10:00:00", "actor": "vp", "kind": "edit",
         "field": "status", "old": "not_started", "new": "in_progress"},
        {"task_id": "t", "version": 1, "at": "2024-06-01T10:00:00", "actor": "vp", "kind": "edit",
         "field": "deadline", "old": None, "new": "2024-07-31"},
        {"task_id": "t", "version": 2, "at": "2024-06-02T09:00:00", "actor": "vp", "kind": "edit",
         "field": "note", "old": None, "new": {"text": "Đã giao"}},
    ]
    entries = view.history_entries(rows)
    assert [e["version"] for e in entries] == [1, 2]
    assert entries[0]["changes"][0] == {"field": "status", "label": "trạng thái",
                                        "old": "chưa thực hiện", "new": "đang thực hiện"}
    assert entries[0]["changes"][1]["new"] == "31/07/2024"
    assert entries[1]["changes"][0]["new"] == "Đã giao"


# fmt: off
@pytest.mark.parametrize(("status", "label"), [
    ("not_started", "chưa thực hiện"), ("in_progress", "đang thực hiện"),
    ("done", "hoàn thành"), ("on_hold", "tạm dừng"), (None, "chưa thực hiện"), ("weird", "weird"),
])
# fmt: on
def test_status_label(status: str | None, label: str) -> None:
    assert view.status_label(status) == label
