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

    def slice(self, start: int, end: int) -> TrackedText:
        return TrackedText(self.text[start:end], self.src[start:end])

    def strip(self) -> TrackedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))

    def __add__(self, other: TrackedText) -> TrackedText:
        return TrackedText(self.text + other.text, self.src + other.src)

    def sub(self, pattern: str | re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> TrackedText:
        """``re.sub`` that keeps positions.

        Characters of a replacement take the source positions of the matched characters
        one for one while they last, then the position of the match's last character
        (an inserted character points at the raw text it replaces).
        """
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        out: list[str] = []
        src: list[int] = []
        pos = 0
        for m in rx.finditer(self.text):
            out.append(self.text[pos : m.start()])
            src.extend(self.src[pos : m.start()])
            new = repl(m) if callable(repl) else m.expand(repl)
            old_src = self.src[m.start() : m.end()]
            fallback = old_src[-1] if old_src else (self.src[m.start()] if m.start() < len(self.src) else (self.src[-1] + 1 if self.src else 0))
            for i, _ch in enumerate(new):
                src.append(old_src[i] if i < len(old_src) else fallback)
            out.append(new)
            pos = m.end()
        out.append(self.text[pos:])
        src.extend(self.src[pos:])
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
