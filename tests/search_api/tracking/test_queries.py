"""Query builders for task views (no engine needed)."""

from __future__ import annotations

from datetime import date

import pytest

from search_api.tracking.queries import TaskFilters, build_query, overdue_clause

TODAY = date(2024, 5, 1)


# fmt: off
@pytest.mark.parametrize(("filters", "expected"), [
    (TaskFilters(), {"match_all": {}}),
    (TaskFilters(owner="bo tu phap"), {"bool": {"filter": [{"terms": {"owner_keys": ["bo tu phap"]}}]}}),
    (TaskFilters(status=("done",)), {"bool": {"filter": [{"terms": {"status": ["done"]}}]}}),
    (TaskFilters(overdue=True), {"bool": {"filter": [overdue_clause(TODAY)]}}),
    (TaskFilters(overdue=False), {"bool": {"must_not": [overdue_clause(TODAY)]}}),
    (TaskFilters(year=2024), {"bool": {"filter": [{"term": {"issue_year": 2024}}]}}),
    (TaskFilters(stale=False), {"bool": {"must_not": [{"term": {"stale": True}}]}}),
    (TaskFilters(due_within=7), {"bool": {"filter": [{"range": {"deadline": {"gte": "2024-05-01", "lte": "2024-05-08"}}}],
                                          "must_not": [{"term": {"status": "done"}}]}}),
])
# fmt: on
def test_build_query(filters: TaskFilters, expected: dict) -> None:
    assert build_query(filters, TODAY) == expected


def test_owner_any_role_matches_both_fields() -> None:
    q = build_query(TaskFilters(owner="x", role="any"), TODAY)
    assert q["bool"]["filter"][0]["bool"]["should"] == [{"terms": {"owner_keys": ["x"]}},
                                                         {"terms": {"co_owner_keys": ["x"]}}]


def test_overdue_clause_uses_the_given_day() -> None:
    assert overdue_clause(date(2030, 1, 2))["bool"]["filter"][0]["range"]["deadline"]["lt"] == "2030-01-02"
