"""pyvi part-of-speech tags where a rule needs them: how far a run of nouns goes.

An organisation's name often continues in lower case after its head (``Cục Quản lý thị
trường tỉnh``, ``Ban Quản lý các khu công nghiệp tỉnh``, ``Viện Khoa học pháp lý``); a verb
or an adverb ends it (``Sở Tư pháp sớm hoàn thiện ...``). ``ViPosTagger`` tells the two apart
for words no list holds. Only such short windows are tagged, never a whole document.

Example::

    >>> text = "Cục Quản lý thị trường tỉnh kiểm tra."
    >>> text[: noun_run(text, 12, 32, context_start=0)]
    'Cục Quản lý thị trường tỉnh'
"""

from __future__ import annotations

from functools import lru_cache

from pyvi import ViPosTagger, ViTokenizer

NOUN_TAGS = frozenset({"N", "Np", "Nc", "Ny", "Nu", "M", "L"})  # nouns, numbers, determiners


@lru_cache(maxsize=4096)
def _tag(window: str) -> tuple[tuple[str, str], ...]:
    """pyvi's words and tags of a short window (the same name is asked about from several
    places of a document: its tags are computed once)."""
    tokens, tags = ViPosTagger.postagging(ViTokenizer.tokenize(window))
    return tuple(zip(tokens, (str(t) for t in tags), strict=True))


def tagged_tokens(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """``(start, end, tag)`` of each pyvi word in ``text[start:stop]`` (document offsets)."""
    out: list[tuple[int, int, str]] = []
    cur = start
    for token, tag in _tag(text[start:stop]):
        first = None
        for syllable in token.split("_"):
            at = text.find(syllable, cur, stop)
            if at < 0:
                return out  # pyvi changed the text (rare): keep what is aligned
            first = at if first is None else first
            cur = at + len(syllable)
        if first is not None:
            out.append((first, cur, tag))
    return out


def noun_run(text: str, start: int, stop: int, *, context_start: int | None = None) -> int:
    """End offset of the leading run of nouns in ``text[start:stop]`` (``start`` when the
    first word is not one). The words are tagged with the text from ``context_start`` on, so
    the name before them informs their tags."""
    left = start if context_start is None else context_start
    end = start
    for s, e, tag in tagged_tokens(text, left, stop):
        if e <= start:
            continue
        if s < start or tag not in NOUN_TAGS:
            break
        end = e
    return end
