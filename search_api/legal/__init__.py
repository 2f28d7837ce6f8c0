"""Legal-team views derived from the corpus's citations, as pure functions.

``validity``: tình trạng hiệu lực of each document, from who replaces, repeals or amends it
and from a plan's period. ``trace``: which downstream tasks implement which upstream tasks.
Inputs are plain dataclasses defined in each module; nothing here reads the index or the store.
"""
