"""The one place an ``Elasticsearch`` client is built.

The 9.x Python client asks for ``compatible-with=9`` by default, which Elasticsearch 8.x
rejects. We ask for ``compatible-with=8`` instead: ES 8.x, ES 9.x (REST compatibility) and the
local noida-db engine (reports 8.15.3) all accept it.

>>> es = make_client(Settings(ES_URL="http://127.0.0.1:9200"))
"""

from __future__ import annotations

from elasticsearch import Elasticsearch

from search_api.config import Settings

COMPAT_MIME = "application/vnd.elasticsearch+json; compatible-with=8"
COMPAT_HEADERS = {"accept": COMPAT_MIME, "content-type": COMPAT_MIME}


def make_client(settings: Settings, url: str | None = None) -> Elasticsearch:
    """A client for ``url`` (default: ``settings.es_url`` or the local engine's URL)."""
    target = url or settings.es_url or f"http://127.0.0.1:{settings.local_engine_port}"
    kwargs: dict = {
        "headers": COMPAT_HEADERS,
        "request_timeout": settings.es_timeout,
        "retry_on_timeout": True,
        "max_retries": 2,
    }
    if settings.es_api_key:
        kwargs["api_key"] = settings.es_api_key.get_secret_value()
    elif settings.es_username:
        password = settings.es_password.get_secret_value() if settings.es_password else ""
        kwargs["basic_auth"] = (settings.es_username, password)
    return Elasticsearch(target, **kwargs)
