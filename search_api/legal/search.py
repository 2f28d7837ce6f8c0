"""``GET /search`` and validity: the ``validity`` filter and facet, and the fields a hit gets
(its document's status, label, and a warning on a task of a replaced/repealed/expired one)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from search_api.legal.service import WARN_STATUSES, warning_for
from search_api.legal.validity import STATUS_LABELS, Status
from search_api.search.model import Facet, SearchQuery, Term

log = logging.getLogger(__name__)
FACET = "validity"
CITED_WARN = frozenset({Status.REPLACED.value, Status.REPEALED.value})


def with_validity(query: SearchQuery, values: list[str], *, facets: bool) -> SearchQuery:
    """``query`` filtered on the documents' validity, with its facet when facets are asked."""
    if values:
        query = replace(query, filters=(*query.filters, Term("validity", tuple(values))))
    if facets:
        query = replace(query, facets=(*query.facets, Facet(FACET, "validity", len(Status))))
    return query


def corpus_view(ctx: Any) -> Any:
    """The cached corpus view, None when it cannot be read (the hits then carry no cited warning)."""
    from search_api.legal.service import view

    try:
        return view(ctx)
    except Exception:  # noqa: BLE001 - a warning is a courtesy; the search must answer
        log.warning("corpus view unavailable for search warnings", exc_info=True)
        return None


def label(status: str | None) -> str | None:
    try:
        return STATUS_LABELS[Status(status)] if status else None
    except ValueError:
        return None


def with_warning(hit: Any, src: dict[str, Any], view: Any = None) -> Any:
    """The hit with ``validity``, ``validity_label`` and (tasks) ``warning`` set: the task's
    own document is replaced / repealed / expired, else (with the corpus ``view``) a document
    the task cites is replaced or repealed ("căn cứ Quyết định số 12/QĐ-UBND, đã bị thay thế")."""
    status = src.get("validity")
    hit.validity = status
    hit.validity_label = label(status)
    if hit.kind != "task":
        return hit
    if status in WARN_STATUSES:
        name = " ".join(x for x in (src.get("document_type") or "Văn bản", src.get("document_number")) if x)
        hit.warning = warning_for(status, name)
    elif view is not None:
        for key in src.get("refs") or []:
            cited = view.validity.get(key)
            if cited is not None and cited.status.value in CITED_WARN:
                hit.warning = f"nhiệm vụ trích dẫn {view.name(key)}, văn bản này {cited.explanation}"
                break
    return hit
