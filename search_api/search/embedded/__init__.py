"""The embedded search backend: tantivy in-process, index files in ``<data_dir>/index/``.

See :mod:`search_api.search.embedded.backend`; the schema is derived from the Elasticsearch
mappings in :mod:`search_api.search.es.schema`.
"""

from search_api.search.embedded.backend import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
