"""Files in, ``ParsedDocument`` out. Knows nothing of spaCy or Elasticsearch."""
