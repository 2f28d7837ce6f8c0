"""Corrections of common Tesseract misreadings of Vietnamese, for OCR'd lines only.

The fixes are data (``data/ocr_fixes.json``): a regex and its action (a replacement template,
Title-case or lower-case), with examples and counter-examples that the tests check. They are
applied to each recognised line before the line reaches the layout code, so every later
offset already points at the corrected text; :func:`fix_line_spans` moves character spans
(the doubtful words) along when a fix changes the length.

>>> fix_line("Ban cán sự đẳng Viện kiểm sát nhân dân tỉnh")
'Ban cán sự đảng Viện kiểm sát nhân dân tỉnh'
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "ocr_fixes.json"


@dataclass(frozen=True, slots=True)
class Fix:
    name: str
    regex: re.Pattern[str]
    to: str | None  # a re.sub template; None for a case change
    case: str | None  # "title" or "lower"
    examples: tuple[tuple[str, str], ...]
    counter_examples: tuple[str, ...]

    def apply(self, text: str) -> str:
        if self.case == "title":
            return self.regex.sub(lambda m: m.group()[0] + m.group()[1:].lower(), text)
        if self.case == "lower":
            return self.regex.sub(lambda m: m.group().lower(), text)
        assert self.to is not None
        return self.regex.sub(self.to, text)


@cache
def fixes() -> tuple[Fix, ...]:
    spec = json.loads(DATA.read_text(encoding="utf-8"))
    out = []
    for entry in spec["fixes"]:
        actions = [key for key in ("to", "title_case", "lower_case") if key in entry]
        if len(actions) != 1:
            raise ValueError(f"{DATA.name} [{entry['name']}]: give one of 'to', 'title_case', 'lower_case'")
        case = {"title_case": "title", "lower_case": "lower"}.get(actions[0])
        out.append(Fix(
            entry["name"], re.compile(entry["pattern"], re.M), entry.get("to"), case,
            tuple((a, b) for a, b in entry.get("examples", [])), tuple(entry.get("counter_examples", [])),
        ))
    return tuple(out)


def fix_line(text: str) -> str:
    """``text`` with every fix applied, in file order."""
    for fix in fixes():
        text = fix.apply(text)
    return text


def fix_line_spans(text: str, spans: tuple[tuple[int, int, float], ...]) -> tuple[str, tuple[tuple[int, int, float], ...]]:
    """:func:`fix_line` and the (start, end, value) spans of ``text`` moved onto the result."""
    fixed = fix_line(text)
    if len(fixed) == len(text) or not spans:
        return fixed, spans
    moves = difflib.SequenceMatcher(None, text, fixed, autojunk=False).get_opcodes()

    def move(pos: int) -> int:
        for _, a0, a1, b0, b1 in moves:
            if a0 <= pos < a1 or (pos == a1 == len(text)):
                return min(b0 + (pos - a0), b1) if b1 > b0 else b0
        return len(fixed)

    return fixed, tuple((move(a), max(move(a), move(b - 1) + 1 if b > a else move(a)), v) for a, b, v in spans)
