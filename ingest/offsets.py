"""Text that remembers where each of its characters came from.

Normalisation rewrites text (NFC, dropped markup, joined lines, collapsed spaces). Every
step works on a :class:`TrackedText`, whose ``src[i]`` is the position in the *raw* text of
the character ``text[i]``, so any offset of the normalised text can be mapped back:

>>> t = TrackedText.from_raw("a  b", base=10)
>>> t2 = t.sub(r" +", " ")
>>> t2.text, t2.src
('a b', [10, 11, 13])

An :class:`OffsetMap` is the finished mapping for a whole document: normalised offset ->
(block index, offset inside that block's raw text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class TrackedText:
    """A string plus, for each character, its position in the raw source."""

    text: str
    src: list[int]

    def __post_init__(self) -> None:
        if len(self.text) != len(self.src):
            raise ValueError("TrackedText: text and src lengths differ")

    @classmethod
    def from_raw(cls, text: str, base: int = 0) -> TrackedText:
        return cls(text, list(range(base, base + len(text))))

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def _unchecked(cls, text: str, src: list[int]) -> TrackedText:
        """A TrackedText from parts known to have the same length (slices of one)."""
        made = object.__new__(cls)
        made.text = text
        made.src = src
        return made

    def slice(self, start: int, end: int) -> TrackedText:
        return TrackedText._unchecked(self.text[start:end], self.src[start:end])

    def strip(self) -> TrackedText:
        text = self.text
        if not text or not (text[0].isspace() or text[-1].isspace()):
            return self  # nothing to strip (a TrackedText is never changed in place)
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        return self.slice(left, max(left, right))

    def __add__(self, other: TrackedText) -> TrackedText:
        return TrackedText._unchecked(self.text + other.text, self.src + other.src)

    def sub(self, pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> TrackedText:
        """``re.sub`` that keeps positions.

        Characters of a replacement take the source positions of the matched characters
        one for one while they last, then the position of the match's last character
        (an inserted character points at the raw text it replaces).
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        text = self.text
        m = rx.search(text)
        if m is None:
            return self  # nothing matches (the common case): no per-character work
        if callable(repl):
            func = repl
        elif "\\" not in repl:
            func = _constant(repl)  # no group references: the template never needs expanding
        else:
            template = repl
            func = lambda m: m.expand(template)  # noqa: E731 - group references: rare
        old_src = self.src
        n_src = len(old_src)
        out: list[str] = []
        src: list[int] = []
        pos = 0
        for m in rx.finditer(text):
            start, end = m.span()
            if pos < start:
                out.append(text[pos:start])
                src.extend(old_src[pos:start])
            new = func(m)
            if new:
                width = end - start
                if len(new) <= width:
                    src.extend(old_src[start : start + len(new)])
                else:
                    # characters beyond the match take the match's last position (or, for an
                    # empty match, the next character's, or one past the end)
                    if width:
                        fallback = old_src[end - 1]
                    elif start < n_src:
                        fallback = old_src[start]
                    else:
                        fallback = old_src[-1] + 1 if old_src else 0
                    src.extend(old_src[start:end])
                    src.extend([fallback] * (len(new) - width))
                out.append(new)
            pos = end
        out.append(text[pos:])
        src.extend(old_src[pos:])
        return TrackedText("".join(out), src)

    def map_chars(self, func: Callable[[str], str]) -> TrackedText:
        """Apply ``func`` to each character (it may return '' or several characters)."""
        out: list[str] = []
        src: list[int] = []
        for ch, s in zip(self.text, self.src, strict=True):
            new = func(ch)
            out.append(new)
            src.extend([s] * len(new))
        return TrackedText("".join(out), src)


def _constant(value: str) -> Callable[[re.Match[str]], str]:
    return lambda _m: value


@dataclass(slots=True)
class OffsetMap:
    """Normalised offset -> (block index, offset in that block's raw text).

    ``blocks[i]`` is the block index of normalised character ``i`` (-1 for an inserted
    separator such as the ``\\n`` between paragraphs or ``" | "`` between table cells);
    ``raw[i]`` is the character's offset inside its block (for table cells, inside the
    cell's text, with ``cells[i]`` giving the (row, column)).
    """

    blocks: list[int] = field(default_factory=list)
    raw: list[int] = field(default_factory=list)

    def append(self, block: int, raw_offsets: list[int]) -> None:
        self.blocks.extend([block] * len(raw_offsets))
        self.raw.extend(raw_offsets)

    def append_separator(self, count: int = 1) -> None:
        self.blocks.extend([-1] * count)
        self.raw.extend([-1] * count)

    def to_raw(self, offset: int) -> tuple[int, int] | None:
        """Where normalised character ``offset`` came from, or None for a separator."""
        if not 0 <= offset < len(self.blocks) or self.blocks[offset] < 0:
            return None
        return self.blocks[offset], self.raw[offset]

    def __len__(self) -> int:
        return len(self.blocks)
