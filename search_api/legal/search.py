"""``GET /search`` and validity: the ``validity`` filter and facet, and the fields a hit gets
(its document's status, label, and a warning on a task of a replaced/repealed/expired one)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from search_api.legal.service import WARN_STATUSES, warning_for
from search_api.legal.validity import STATUS_LABELS, Status
from search_api.search.model import Facet, SearchQuery, Term

FACET = "validity"


def with_validity(query: SearchQuery, values: list[str], *, facets: bool) -> SearchQuery:
    """``query`` filtered on the documents' validity, with its facet when facets are asked."""
    if values:
        query = replace(query, filters=(*query.filters, Term("validity", tuple(values))))
    if facets:
        query = replace(query, facets=(*query.facets, Facet(FACET, "validity", len(Status))))
    return query


def label(status: str | None) -> str | None:
    try:
        return STATUS_LABELS[Status(status)] if status else None
    except ValueError:
        return None


def with_warning(hit: Any, src: dict[str, Any]) -> Any:
    """The hit with ``validity``, ``validity_label`` and (tasks) ``warning`` set."""
    status = src.get("validity")
    hit.validity = status
    hit.validity_label = label(status)
    if hit.kind == "task" and status in WARN_STATUSES:
        name = " ".join(x for x in (src.get("document_type") or "Văn bản", src.get("document_number")) if x)
        hit.warning = warning_for(status, name)
    return hit
