"""The search layer: one typed query model, two real engines behind it.

``embedded`` (tantivy, in-process, files in the data directory; the default) and
``elasticsearch`` (a cluster by ``ES_URL``). Nothing outside this package imports either
engine's library; see :mod:`search_api.search.model` and :mod:`search_api.search.backend`.
"""
