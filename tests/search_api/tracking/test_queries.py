"""Filters for task views (no engine needed) and their Elasticsearch compilation."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.search.es.compile import compile_filter
from search_api.search.model import AnyOf, Not, Range, Term, Words
from search_api.tracking.queries import DONE, TaskFilters, build_filters, overdue_clause

TODAY = date(2024, 5, 1)


# fmt: off
@pytest.mark.parametrize(("filters", "expected"), [
    (TaskFilters(), ()),
    (TaskFilters(owner="bo tu phap"), (Term("owner_keys", ("bo tu phap",)),)),
    (TaskFilters(status=("done",)), (Term("status", ("done",)),)),
    (TaskFilters(overdue=True), (overdue_clause(TODAY),)),
    (TaskFilters(overdue=False), (Not(overdue_clause(TODAY)),)),
    (TaskFilters(year=2024), (Term("issue_year", (2024,)),)),
    (TaskFilters(stale=False), (Not(Term("stale", (True,))),)),
    (TaskFilters(due_within=7), (Range("deadline", gte="2024-05-01", lte="2024-05-08"), Not(DONE))),
    (TaskFilters(q="  thu hồi "), (Words("thu hồi"),)),
])
# fmt: on
def test_build_filters(filters: TaskFilters, expected: tuple) -> None:
    assert build_filters(filters, TODAY) == expected


def test_owner_any_role_matches_both_fields() -> None:
    (flt,) = build_filters(TaskFilters(owner="x", role="any"), TODAY)
    assert flt == AnyOf((Term("owner_keys", ("x",)), Term("co_owner_keys", ("x",))))
    assert compile_filter(flt)["bool"]["should"] == [{"term": {"owner_keys": "x"}}, {"term": {"co_owner_keys": "x"}}]


def test_overdue_clause_uses_the_given_day() -> None:
    assert compile_filter(overdue_clause(date(2030, 1, 2)))["bool"]["filter"][0]["range"]["deadline"]["lt"] == "2030-01-02"
