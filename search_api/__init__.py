"""Indexes parsed documents and extractions into Elasticsearch and serves the API and pages."""
