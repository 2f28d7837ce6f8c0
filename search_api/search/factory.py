"""Open the backend the settings name (engine libraries are imported only here and below).

>>> backend = open_backend(Settings(DIRECTIVES_DATA_DIR="data"))
>>> backend.name
'embedded'
"""

from __future__ import annotations

from typing import Any

from search_api.config import Settings
from search_api.search.backend import SearchBackend


def open_backend(settings: Settings, *, url: str | None = None, es: Any = None) -> SearchBackend:
    """``embedded`` (tantivy under ``<data_dir>/index``) or ``elasticsearch`` (``ES_URL``, or
    ``url`` — the local engine the CLI started; ``es`` — a client tests pass in)."""
    if settings.search_engine == "embedded" and es is None and url is None:
        from search_api.search.embedded import EmbeddedBackend

        return EmbeddedBackend(settings.data_dir)
    from search_api.search.es.backend import ElasticsearchBackend
    from search_api.search.es.client import make_client
    from search_api.search.es.indices import Aliases

    return ElasticsearchBackend(es or make_client(settings, url), Aliases(settings.es_index_prefix))
