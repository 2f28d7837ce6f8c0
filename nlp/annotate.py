"""Annotate once: what the finders found in one document, recorded with offsets.

The spaCy pipeline makes one :class:`Annotations` per document (``doc.user_data
["annotations"]``): the pyvi word boundaries of the whole text, the abbreviations and
references found once, the spans citations cover, and every owner phrase a rule asked for
(by position). While the document is annotated and resolved, :func:`active` hands them to
the finders called deep inside the rules, so nothing is found twice and no cache keyed by
the text's content is needed. A finder only uses them for the very text they were made for
(``text is annotations.text``); called on any other string it simply computes.

Example::

    >>> ann = Annotations("Sở Tư pháp chủ trì.")
    >>> with annotating(ann):
    ...     active(ann.text) is ann
    True
    >>> active(ann.text) is None
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

_ACTIVE: ContextVar[Annotations | None] = ContextVar("directives_annotations", default=None)


@dataclass
class Annotations:
    text: str
    word_starts: frozenset[int] | None = None  # where pyvi words start (the spaCy Doc's tokens)
    words: list[tuple[int, int]] | None = None  # pyvi's words (start, end), in order
    pos_tags: dict[tuple[int, int], tuple[tuple[int, int, str], ...]] = field(default_factory=dict)  # by window
    # tags of windows of bare strings (a sentence, a heading line) tagged while this document is
    # resolved, by the window's text, offsets from its start: each window is tagged once per document
    window_tags: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict)
    abbreviations: dict[str, str] | None = None
    references: list[Any] | None = None  # nlp.model.Reference
    citations: tuple[tuple[int, int], ...] | None = None  # spans no deadline may come from
    numbered: Any = None  # numbered citation mentions (nlp.references)
    owner_phrases: dict[tuple[int, int, bool, bool], Any] = field(default_factory=dict)  # subject_at by position
    exclusions: Any = None  # deadline exclusions, searched per paragraph when asked (nlp.deadlines)
    candidate_paragraphs: list[tuple[int, int]] | None = None  # paragraphs that may hold a time phrase
    time_phrases: Any = None  # deadline phrase candidates, found per paragraph when asked (nlp.deadlines)

    def glued(self, head_end: int) -> bool | None:
        """Whether the syllable after ``head_end`` belongs to the same pyvi word (None: unknown)."""
        if self.word_starts is None:
            return None
        return head_end + 1 not in self.word_starts


def active(text: str) -> Annotations | None:
    """The annotations of the document being resolved, when ``text`` is its text."""
    ann = _ACTIVE.get()
    return ann if ann is not None and ann.text is text else None


def once(text: str, name: str, compute: Callable[[str], T]) -> T:
    """``compute(text)``, found once per annotated document and kept in its field ``name``
    (computed afresh when ``text`` is not the annotated document's text).

    >>> ann = Annotations("Sở Tư pháp chủ trì.")
    >>> with annotating(ann):
    ...     once(ann.text, "numbered", len), ann.numbered
    (19, 19)
    """
    ann = active(text)
    if ann is None:
        return compute(text)
    value = getattr(ann, name)
    if value is None:
        value = compute(text)
        setattr(ann, name, value)
    return value


def current() -> Annotations | None:
    """The annotations of the document being resolved, whatever text a finder is given."""
    return _ACTIVE.get()


@contextmanager
def annotating(ann: Annotations) -> Iterator[Annotations]:
    """Make ``ann`` the active annotations for the duration of the block."""
    token = _ACTIVE.set(ann)
    try:
        yield ann
    finally:
        _ACTIVE.reset(token)
