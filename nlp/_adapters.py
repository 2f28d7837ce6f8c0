"""TEMPORARY ADAPTERS (helper D) — stand-ins used only while B's section tree / zones and C's
deadline, reference and abbreviation modules are missing. Each function first uses the real
interface and falls back to a minimal local version only when that interface does not exist
yet (ImportError) or returns nothing (a ParsedDocument without sections). Remove once B and C
have landed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.model import ParsedDocument, Section, SectionKind, ZoneKind
from nlp.model import Deadline, Reference

# --------------------------------------------------------------------------- structure (B)

_MARKERS = [
    (SectionKind.ARTICLE, re.compile(r"Điều\s+(\d+)\s*[.:]?\s*")),
    (SectionKind.ROMAN, re.compile(r"([IVXL]+)\s*[.\-/]\s+")),
    (SectionKind.NUMBER, re.compile(r"(\d+(?:\.\d+)*)\s*[.\-/)]\s*(?=\S|$)")),
    (SectionKind.LETTER, re.compile(r"([a-zđ])\)\s+")),
    (SectionKind.DASH, re.compile(r"([-–—•])\s+")),
    (SectionKind.PLUS, re.compile(r"([+*])\s+")),
]
_TERMINAL = tuple(".:;!?")


@dataclass
class _Para:
    start: int
    end: int


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t\r":
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def _marker(text: str, start: int, end: int):
    for kind, rx in _MARKERS:
        m = rx.match(text, start, end)
        if m:
            if kind == SectionKind.NUMBER and re.match(r"\d+[./]\d+[./]\d{2,4}", text[start:end]):
                continue
            return kind, m
    return None


def _paragraphs(text: str) -> list[_Para]:
    lines = _lines(text)
    if not lines:
        return []
    unterminated = sum(1 for s, e in lines if text[e - 1] not in _TERMINAL)
    wrapped = unterminated > 0.5 * len(lines)
    paras: list[_Para] = []
    for s, e in lines:
        if paras:
            prev = paras[-1]
            prev_text = text[prev.start : prev.end]
            marker_only = bool(re.fullmatch(r"(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]|Điều\s+\d+\s*\.?", prev_text))
            first = text[s]
            merge = False
            if marker_only:
                merge = True
            elif not prev_text.endswith(_TERMINAL) and not _marker(text, s, e):
                if first.islower() or first.isdigit() or prev_text.endswith(("(", "“", "\"", ",", "-")):
                    merge = True
                elif wrapped:
                    merge = True
            if merge:
                prev.end = e
                continue
        paras.append(_Para(s, e))
    return paras


def _rank(kind: SectionKind, marker: str) -> int:
    if kind == SectionKind.ROMAN:
        return 1
    if kind == SectionKind.ARTICLE:
        return 2
    if kind == SectionKind.NUMBER:
        return 3 + marker.count(".")
    if kind == SectionKind.LETTER:
        return 10
    if kind == SectionKind.DASH:
        return 11
    return 12


def fallback_sections(doc: ParsedDocument) -> tuple[list[Section], list[tuple[int, int]]]:
    """Sections (gold-style paths) and paragraph spans built from the raw text."""
    text = doc.text
    paras = _paragraphs(text)
    raw: list[dict] = []
    stack: list[int] = []
    for p in paras:
        found = _marker(text, p.start, p.end)
        if not found:
            continue
        kind, m = found
        marker = m.group(1)
        rank = _rank(kind, marker)
        while stack and raw[stack[-1]]["rank"] >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        if kind == SectionKind.ARTICLE:
            path = f"Điều {marker}"
        elif kind in (SectionKind.DASH, SectionKind.PLUS):
            siblings = sum(1 for r in raw if r["parent"] == parent and r["kind"] == kind)
            ppath = raw[parent]["path"] if parent is not None else None
            path = f"{ppath}-{chr(ord('a') + siblings)}" if ppath and siblings < 26 else None
        else:
            ppath = raw[parent]["path"] if parent is not None else None
            path = f"{ppath}.{marker}" if ppath else marker
        raw.append(
            {"kind": kind, "marker": marker, "rank": rank, "parent": parent, "path": path, "start": p.start,
                 "text_start": m.end(), "text_end": p.end, "end": p.end}
        )
        stack.append(len(raw) - 1)
    # Extend each section to the start of the next section of the same or higher rank.
    for i, r in enumerate(raw):
        end = len(text)
        for r2 in raw[i + 1 :]:
            if r2["rank"] <= r["rank"]:
                end = r2["start"]
                break
        r["end"] = max(r["text_end"], end)
    sections = [
        Section(index=i, parent=r["parent"], kind=r["kind"], marker=r["marker"], level=r["rank"],
                path=r["path"], heading=text[r["text_start"] : r["text_end"]], start=r["start"],
                end=r["end"], text_start=r["text_start"], text_end=r["text_end"])
        for i, r in enumerate(raw)
    ]
    return sections, [(p.start, p.end) for p in paras]


_RECIPIENTS = re.compile(r"^\W*Nơi nhận\s*:", re.M)
_SIGN = re.compile(r"^\W*(?:KT|TM|TL|TUQ|Q|K/T|T/M|T/L)[.\s]", re.M)


def fallback_excluded(doc: ParsedDocument, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges that are not body text: recipients, signature, preamble (Căn cứ ...)."""
    text = doc.text
    out = []
    for zone in doc.zones:
        if zone.kind in (ZoneKind.RECIPIENTS, ZoneKind.SIGNATURE, ZoneKind.HEADER, ZoneKind.PREAMBLE):
            out.append((zone.start, zone.end))
    if doc.zones:
        return out
    m = _RECIPIENTS.search(text)
    if m:
        end = m.end()
        for s, e in paras:
            if s < m.start():
                continue
            seg = text[s:e]
            if s <= m.start() or seg.startswith(("-", "–")) or _SIGN.match(seg) or seg.isupper() or len(seg.split()) <= 4:
                end = e
                continue
            break
        out.append((m.start(), end))
    return out


# --------------------------------------------------------------------------- deadlines (C)

_DL = [
    (re.compile(r"(?:trước|chậm nhất(?: trước)?|hạn chót)\s+ngày\s+(\d{1,2})[/-](\d{1,2})[/-](\d{4})"), "day"),
    (re.compile(r"(?:xong\s+)?(?:trong\s+)?tháng\s+(\d{1,2})[/-](\d{4})"), "month"),
    (re.compile(r"(?:trong\s+)?[Qq]uý\s+([IV]+|\d)[/-](\d{4})"), "quarter"),
]


def _fallback_find_deadline(text: str, start: int = 0, end: int | None = None, **_: object) -> Deadline | None:
    end = len(text) if end is None else end
    best = None
    for rx, kind in _DL:
        m = rx.search(text, start, end)
        if not m or (best and best[0].start() <= m.start()):
            continue
        best = (m, kind)
    if not best:
        return None
    m, kind = best
    try:
        if kind == "day":
            date = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif kind == "month":
            y, mo = int(m.group(2)), int(m.group(1))
            date = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
        else:
            q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(m.group(1)) or int(m.group(1))
            y = int(m.group(2))
            date = dt.date(y + (q == 4), (q * 3) % 12 + 1, 1) - dt.timedelta(days=1)
    except ValueError:
        return None
    from ingest.model import Span

    return Deadline(text=m.group(0), date=date.isoformat(), span=Span(start=m.start(), end=m.end(), text=m.group(0)))


_REC = re.compile(r"(?:[Đđ]ịnh kỳ(?:\s+(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần))?(?:[^.;()]{0,30}?(?:năm|quý|tháng))?(?:\s*\([^)]*\))?(?: và đột xuất)?|(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần))")


def _fallback_find_recurrence(text: str, start: int = 0, end: int | None = None) -> str | None:
    m = _REC.search(text, start, len(text) if end is None else end)
    return m.group(0) if m else None


def find_deadline(text: str, start: int = 0, end: int | None = None, *, doc_year=None, doc_date=None):
    try:
        from nlp.deadlines import find_deadline as real
    except ImportError:
        return _fallback_find_deadline(text, start, end)
    return real(text, start, end, doc_year=doc_year, doc_date=doc_date)


def find_recurrence(text: str, start: int = 0, end: int | None = None) -> str | None:
    try:
        from nlp.deadlines import find_recurrence as real
    except ImportError:
        return _fallback_find_recurrence(text, start, end)
    return real(text, start, end)


def parse_deadline_cell(cell: str, doc_year: int | None) -> Deadline | None:
    try:
        from nlp.deadlines import parse_deadline_cell as real
    except ImportError:
        return _fallback_find_deadline(cell)
    return real(cell, doc_year)


def find_references(text: str, *, own_number=None, doc_date=None) -> list[Reference]:
    try:
        from nlp.references import find_references as real

        return real(text, own_number=own_number, doc_date=doc_date)
    except ImportError:
        return []


def refs_in_range(refs: list[Reference], start: int, end: int) -> list[str]:
    try:
        from nlp.references import refs_in_range as real

        return real(refs, start, end)
    except ImportError:
        return []


def find_abbreviations(text: str) -> dict[str, str]:
    try:
        from nlp.abbreviations import find_abbreviations as real
    except ImportError:
        out = {}
        for m in re.finditer(r"([a-zà-ỹđ][a-zà-ỹđ ,]{3,60}?)\s*\((?:\*?sau đây viết tắt là\s*)?([A-ZĐ]{2,8})\*?\)", text):
            words = m.group(1).split()
            n = len(m.group(2))
            out.setdefault(m.group(2), " ".join(words[-n:]))
        return out
    return real(text)
