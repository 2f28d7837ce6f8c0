"""Carry-over between document versions: matching, carried state, stale flags, idempotence."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from search_api.tracking import Change, carry_over, match_tasks, open_edit_log


def t(tid: str, section: str, text: str) -> dict[str, str]:
    return {"id": tid, "section": section, "text": text}


# fmt: off
@pytest.mark.parametrize(("old", "new", "expected"), [
    # same section, same text (only the ids changed with the document hash)
    ([t("a1", "1", "Tổ chức tập huấn nghiệp vụ.")], [t("b1", "1", "Tổ chức tập huấn nghiệp vụ.")], {"a1": "b1"}),
    # renumbered section, text unchanged (punctuation/case/spacing ignored)
    ([t("a1", "2", "Tổ chức tập huấn nghiệp vụ.")], [t("b1", "3", "tổ chức  tập huấn nghiệp vụ")], {"a1": "b1"}),
    # reworded slightly
    ([t("a1", "1", "Tổ chức tập huấn nghiệp vụ cho cán bộ thi hành án trong quý III.")],
     [t("b1", "1", "Tổ chức tập huấn nghiệp vụ cho cán bộ thi hành án trong quý IV.")], {"a1": "b1"}),
    # unrelated text: no match
    ([t("a1", "1", "Tổ chức tập huấn nghiệp vụ.")], [t("b1", "1", "Bố trí kinh phí thực hiện.")], {}),
    # two identical texts in different sections: each pairs with its own section
    ([t("a1", "1", "Báo cáo kết quả."), t("a2", "2", "Báo cáo kết quả.")],
     [t("b2", "2", "Báo cáo kết quả."), t("b1", "1", "Báo cáo kết quả.")], {"a1": "b1", "a2": "b2"}),
])
# fmt: on
def test_match_tasks(old: list, new: list, expected: dict) -> None:
    assert match_tasks(old, new) == expected


def test_match_tasks_accepts_objects() -> None:
    old = [SimpleNamespace(id="a1", section="1", text="Rà soát văn bản.")]
    new = [SimpleNamespace(id="b1", section="1", text="Rà soát văn bản.")]
    assert match_tasks(old, new) == {"a1": "b1"}


def test_carry_over_keeps_everything(log_url: str) -> None:
    log = open_edit_log(SimpleNamespace(database_url=log_url, data_dir="unused"))
    try:
        log.append("a1", 0, [Change("status", "not_started", "done"), Change("done_date", None, "2024-04-01"),
                             Change("owners", None, [{"name": "Vụ Pháp chế", "key": "vu phap che"}])], actor="ann")
        log.append("a1", 1, [Change("note", None, {"text": "Đã xong"}),
                             Change("evidence", None, {"document_number": "12/BC-BTP"})], actor="bob")
        log.append("a2", 0, [Change("assignee", None, "Lan")], actor="ann")
        old = [t("a1", "1", "Rà soát văn bản."), t("a2", "2", "Nhiệm vụ bị bỏ."), t("a3", "3", "Không ai sửa.")]
        new = [t("b1", "1", "Rà soát văn bản."), t("b9", "9", "Nhiệm vụ mới hoàn toàn khác.")]
        result = carry_over(log, old, new)
        assert result.matched == {"a1": "b1"} and result.carried == ["b1"]
        assert sorted(result.stale) == ["a2", "a3"]
        b1 = log.state("b1")
        assert (b1.status.value, b1.done_date.isoformat(), b1.carried_from) == ("done", "2024-04-01", "a1")
        assert [o.key for o in b1.owners] == ["vu phap che"]
        assert [n["text"] for n in b1.notes] == ["Đã xong"] and b1.evidence[0]["document_number"] == "12/BC-BTP"
        assert log.state("a2").stale and log.state("a2").assignee == "Lan"  # kept, flagged
        assert log.state("a3").stale
        assert log.state("a1").carried_to == "b1" and log.state("a1").status.value == "done"

        versions = {tid: log.current_version(tid) for tid in ("a1", "a2", "a3", "b1")}
        again = carry_over(log, old, new)  # idempotent
        assert again.carried == [] and {tid: log.current_version(tid) for tid in versions} == versions
    finally:
        log.close()


def test_carry_over_never_overwrites_new_edits(log_url: str) -> None:
    log = open_edit_log(SimpleNamespace(database_url=log_url, data_dir="unused"))
    try:
        log.append("a1", 0, [Change("status", "not_started", "on_hold")], actor="ann")
        log.append("b1", 0, [Change("status", "not_started", "in_progress")], actor="bob")
        result = carry_over(log, [t("a1", "1", "Rà soát.")], [t("b1", "1", "Rà soát.")])
        assert result.carried == [] and log.state("b1").status.value == "in_progress"
    finally:
        log.close()


def test_same_document_again_changes_nothing(log_url: str) -> None:
    log = open_edit_log(SimpleNamespace(database_url=log_url, data_dir="unused"))
    try:
        log.append("a1", 0, [Change("status", "not_started", "done")], actor="ann")
        tasks = [t("a1", "1", "Rà soát.")]
        result = carry_over(log, tasks, tasks)
        assert result.matched == {"a1": "a1"} and result.stale == [] and log.current_version("a1") == 1
    finally:
        log.close()


def test_stale_task_that_comes_back_is_unflagged(log_url: str) -> None:
    log = open_edit_log(SimpleNamespace(database_url=log_url, data_dir="unused"))
    try:
        carry_over(log, [t("a1", "1", "Rà soát.")], [t("b1", "1", "Việc khác hẳn.")])
        assert log.state("a1").stale
        carry_over(log, [t("b1", "1", "Việc khác hẳn.")], [t("a1", "1", "Rà soát.")])
        assert not log.state("a1").stale
    finally:
        log.close()
