"""``ParsedDocument`` in, ``Extraction`` out. Knows nothing of Elasticsearch or HTTP."""
