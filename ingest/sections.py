"""Section tree from list markers (CONVENTIONS.md section 9), with gold-style paths.

Markers (``data/markers.json``), outermost first: ``Phần I`` › ``Chương I`` › ``Mục 1`` ›
``Điều 1.`` / ``I.`` › ``1.`` › ``1.1.`` › ``1.1.1.`` › ``a)`` › ``-`` (``–``, ``•``) › ``+``
(``*``). A new marker closes every open node of the same or a deeper rank.

Path conventions (``Section.path``), matching the gold annotations:

- ``Phần I``, ``Chương II``, ``Mục 1`` (``Phần I.Mục 1`` when nested); ``Điều 3`` always
  (articles are numbered through the whole text); Roman headings ``I``, ``II``;
- a number is appended to its parent's path: ``1.`` under ``I.`` -> ``I.1``; ``1.1.`` under
  that -> ``I.1.1.1`` (labels are concatenated down the tree, as in the gold);
  exception: a dotted number directly under a *top-level* number that it already extends
  keeps its own label (``3.1.`` under a top-level ``3.`` -> ``3.1``);
- ``Điều 3`` › ``1.`` -> ``Điều 3.1``; points ``a)`` -> ``<parent>.a`` (``Điều 3.1.a``);
- dashes and pluses are named by letter in order of appearance under their parent
  (``a b c ... z`` — the gold's ``3.2-b`` is the second dash under 3.2): ``3.2-b``; a dash
  under a dash: ``3.2-b-a``; dashes with no numbered ancestor have path None;
- the appendix (a plan issued with a Quyết định) restarts the numbering: its ``I.`` is ``I``;
- numbered points ``(1)``, ``(2)`` rank between numbers and letters and are named like
  letters: ``(2)`` under ``5.`` -> ``5.2``; a ``(1)`` that no ``(2)`` follows is text; with
  nothing above them (news copies number their items ``**(1) ...**``) they are the text's
  numbering: ``(2)`` -> ``2``, a dash under it ``2-a``;
- a dotted number's later parts have one or two digits (``data/markers.json``): ``40.000
  DWT`` at a line's start is a quantity, not item ``40.000``.

Shapes of web copies and scans (issue 12):

- a marker alone on its line takes the next line as its title (``**II.**`` / ``**NHIỆM VỤ**``;
  the normaliser joins them once ``II.`` alone is a marker);
- a hard-wrapped line that only looks like a marker continues the paragraph before it when
  that paragraph stops mid-sentence and is longer than a heading: a number that goes back in
  its siblings' numbering (``... cấp độ`` / ``1. Cấp ngay ...`` after ``4.``), a dash carrying
  the second number of a range (``... giai đoạn 2021`` / ``- 2025 sang ...``), a Roman numeral
  that is not the next heading (``... Quốc hội khóa`` / ``XV.`` after ``III.``);
- OCR reading the first Roman heading as ``1.``: a ``1.`` heading in capitals before ``II.``
  with no ``I.`` is ``I``;
- the body's last paragraph, unmarked (``Trên đây là Kế hoạch ...``, ``Trong quá trình thực
  hiện, nếu có khó khăn ...``), is no part of the last item: it belongs to the outermost
  heading (``IV``), or to no section when there is none; so is the paragraph before a
  ``PHỤ LỤC`` heading inside a plan, and that heading restarts the tree.

Section extents: ``start``/``end`` cover the marker paragraph, its unmarked continuation
paragraphs and all children; ``text_start``/``text_end`` the node's own text without the
marker (up to its first child). Only BODY and APPENDIX paragraphs get sections; table rows
come from :mod:`ingest.tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest import vocab
from ingest.model import Section, SectionKind, Table
from ingest.normalize import Para, is_caps, is_caps_heading
from ingest.tables import row_sections
from ingest.zones import ZoneLayout

_KIND = {
    "part": SectionKind.PART,
    "chapter": SectionKind.CHAPTER,
    "article": SectionKind.ARTICLE,
    "roman": SectionKind.ROMAN,
    "number": SectionKind.NUMBER,
    "point": SectionKind.LETTER,  # (1) (2): numbered points, named like a) b)
    "letter": SectionKind.LETTER,
    "dash": SectionKind.DASH,
    "plus": SectionKind.PLUS,
}


@dataclass(slots=True)
class _Node:
    kind: SectionKind
    rank: float
    marker: str
    label: str
    path: str | None
    parent: int | None
    level: int
    start: int
    end: int
    text_start: int
    text_end: int
    heading: str
    bullets: int = 0  # dashes/pluses seen directly under this node
    family: str = ""  # the marker family of data/markers.json ("point", "letter" ...)
    children: list[int] = field(default_factory=list)


def _dash_name(i: int) -> str:
    letters = vocab.marker_letters()[1]
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, len(letters))
        name = letters[r] + name
    return name


def _match(text: str):
    for marker in vocab.markers():
        m = marker.regex.match(text)
        if m:
            return marker, m
    return None, None


_SENTENCE_END = ".;:!?)”\"'…"
_WRAPPED_MIN_WORDS = 8  # a paragraph cut by a hard wrap is longer than a heading


def _number_key(label: str) -> tuple[int, ...]:
    return tuple(int(x) for x in label.split("."))


def _wrapped_marker(prev: str | None, kind: SectionKind, label: str, rest: str, siblings: list[_Node]) -> bool:
    """A hard-wrapped line that only looks like a marker (the paragraph before it stops
    mid-sentence): ``... ưu tiên các địa bàn cấp độ`` / ``1. Cấp ngay ...`` where the ``1.``
    would go back in the numbering of its siblings, or ``... giai đoạn 2021`` / ``- 2025 sang
    ...`` where a dash carries the second year of a range."""
    if not prev or prev[-1] in _SENTENCE_END or not prev[-1].isalnum():
        return False
    if is_caps(prev) or len(prev.split()) < _WRAPPED_MIN_WORDS:
        return False  # a heading (``HƯỚNG DẪN ĐÁNH GIÁ``) may restart the numbering
    if kind in (SectionKind.DASH, SectionKind.PLUS):
        return prev[-1].isdigit() and rest[:1].isdigit()
    if kind is SectionKind.NUMBER and siblings:
        last = siblings[-1]
        if last.kind is SectionKind.NUMBER and last.label.count(".") == label.count("."):
            return _number_key(label) <= _number_key(last.label)
    if kind is SectionKind.ROMAN:
        # ``... Quốc hội khóa`` / ``XV.``: a Roman heading comes next in its siblings' order
        romans = [n for n in siblings if n.kind is SectionKind.ROMAN]
        return _roman_value(label) != (_roman_value(romans[-1].label) + 1 if romans else 1)
    return False


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman_value(label: str) -> int:
    values = [_ROMAN_DIGITS.get(ch, 0) for ch in label]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _is_appendix_heading(text: str) -> bool:
    """``PHỤ LỤC 01``: an appendix starts, its numbering restarts (the zone check of zones.py)."""
    return vocab.label("appendix_heading").match(text) is not None and is_caps(text[:7])


def _closes_items(paras: list[Para], i: int, hi: int) -> bool:
    """The last paragraph before the end of the body (or of a plan, before its ``PHỤ LỤC``),
    unmarked: the closing paragraph (``Trên đây là Kế hoạch ...``, ``Trong quá trình thực
    hiện, nếu có khó khăn ...``) stands outside the last item."""
    for k in range(i + 1, hi):
        if paras[k].table is None and paras[k].text.strip():
            return _is_appendix_heading(paras[k].text)
    return True


def _awaits_body(nodes: list[_Node], stack: list[int], opened: tuple[int, int] | None, i: int) -> bool:
    """Whether paragraph ``i`` comes right after the heading line of the innermost open item
    and that heading asks nothing by itself (``**2. Về chế độ báo cáo**`` / ``Báo cáo kết quả
    ... trước ngày ...``): then it is that item's body, not the text's closing paragraph."""
    if opened is None or opened[1] != stack[-1] or opened[0] != i - 1:
        return False
    heading = nodes[stack[-1]].heading.strip(" *_")
    return bool(heading) and not heading.endswith((".", ";", "!", "?", "…"))  # '…' ends a sentence too


_HEADINGS = (SectionKind.PART, SectionKind.CHAPTER, SectionKind.ROMAN, SectionKind.ARTICLE)


def _roman_rank() -> float:
    return next(m.rank for m in vocab.markers() if m.kind == "roman")


def _marked(paras: list[Para], lo: int, hi: int) -> Iterator[tuple[int, vocab.Marker, re.Match[str]]]:
    """(index, marker, match) of the body paragraphs in ``[lo, hi)`` that open with a marker."""
    for i in range(lo, hi):
        if paras[i].table is not None:
            continue
        marker, m = _match(paras[i].text)
        if marker is not None:
            yield i, marker, m


def _ocr_roman_one(paras: list[Para], lo: int, hi: int) -> int | None:
    """The paragraph where OCR read the first Roman heading ``I.`` as ``1.``: a ``1.``
    heading in capitals before a ``II.`` heading, with no ``I.`` of its own
    (``1. TINH THAN CHỈ ĐẠO`` ... ``II. CÁC NHIỆM VỤ``)."""
    candidate = None
    for i, marker, m in _marked(paras, lo, hi):
        label = m.group("label")
        if marker.kind == "roman":
            return candidate if label == "II" else None
        if candidate is None and marker.kind == "number" and label == "1":
            if is_caps_heading(paras[i].text[m.end() :].strip(" *_:")):
                candidate = i
    return None


def _point_rank(nodes: list[_Node], stack: list[int], rank: float) -> float:
    """Points ``(1)`` nest by the order their family appears in: siblings of an open point;
    under a letter ``a)`` that is open with no point above it (``a) ...:`` / ``(1) ...``);
    else between numbers and letters."""
    for k in reversed(stack):
        if nodes[k].family == "point":
            return nodes[k].rank
    for k in reversed(stack):
        if nodes[k].kind not in (SectionKind.DASH, SectionKind.PLUS):
            return nodes[k].rank + 0.5 if nodes[k].family == "letter" else rank
    return rank


def _lone_points(paras: list[Para], lo: int, hi: int) -> set[int]:
    """``(1)`` paragraphs that open no series of points: a series starts at ``(1)`` and goes on
    with ``(2)`` before the next marker of an outer family (a lone ``(1)`` is a note)."""
    point_rank = next(m.rank for m in vocab.markers() if m.kind == "point")
    lone: set[int] = set()
    run: list[tuple[int, int]] = []  # (paragraph, number) of the points since the last outer marker

    def close() -> None:
        labels = [n for _, n in run]
        if not (labels and labels[0] == 1 and 2 in labels):
            lone.update(i for i, _ in run)
        run.clear()

    for i, marker, m in _marked(paras, lo, hi):
        if marker.kind == "point":
            run.append((i, int(m.group("label"))))
        elif marker.rank < point_rank:
            close()
    close()
    return lone


def _ends_top_points(root: _Node, text: str) -> bool:
    """An unmarked question (``Nội dung Phong trào ... ra sao?``), after a series of points
    ``(1)``, ``(2)`` that stands at the top of the text: the heading of the next part of a news
    copy (directives ask no questions), outside the last point."""
    return root.family == "point" and root.parent is None and text.rstrip(" *_").endswith("?")


def _label_path(kind: SectionKind, marker_prefix: str | None, label: str) -> str:
    if kind is SectionKind.PART:
        return f"Phần {label}"
    if kind is SectionKind.CHAPTER:
        return f"{marker_prefix or 'Chương'} {label}"
    if kind is SectionKind.ARTICLE:
        return f"Điều {label}"
    return label


def build(paras: list[Para], lay: ZoneLayout, tables: list[Table]) -> list[Section]:
    nodes: list[_Node] = []
    stack: list[int] = []
    eligible = [r for r in (lay.body, lay.appendix) if r]

    for lo, hi in eligible:
        stack.clear()  # numbering restarts in an appendix
        ocr_roman_one = _ocr_roman_one(paras, lo, hi)
        lone_points = _lone_points(paras, lo, hi)
        prev: str | None = None  # the paragraph before, for hard-wrapped lines
        opened: tuple[int, int] | None = None  # (paragraph, node) of the last item opened
        top: list[int] = []  # top-level nodes of this range
        for i in range(lo, hi):
            p = paras[i]
            if p.table is not None:
                prev = None
                continue
            if _is_appendix_heading(p.text):
                stack.clear()  # an appendix inside the range: its items are no part of the plan's
                prev = None
                continue
            marker, m = _match(p.text)
            if i in lone_points:
                marker = m = None
            kind = _KIND[marker.kind] if marker else None
            label = m.group("label") if m else ""
            rank: float = marker.rank if marker else 0
            if kind is SectionKind.NUMBER:
                rank += 0.1 * label.count(".")
                if i == ocr_roman_one:
                    kind, rank = SectionKind.ROMAN, _roman_rank()
                    label = "I"
            elif marker is not None and marker.kind == "point":
                rank = _point_rank(nodes, stack, rank)
            if kind is not None:
                depth = len(stack)
                while depth and nodes[stack[depth - 1]].rank >= rank:
                    depth -= 1
                siblings = [nodes[c] for c in (nodes[stack[depth - 1]].children if depth else top)]
                if _wrapped_marker(prev, kind, label, p.text[m.end() :], siblings):
                    kind = None
            prev = p.text.rstrip(" *_")
            if kind is None and stack and _ends_top_points(nodes[stack[0]], p.text):
                stack.clear()  # a news copy's question heading after its items (1), (2): a new part
                continue
            if kind is None:
                keep = 1 if stack and nodes[stack[0]].kind in _HEADINGS else 0
                if len(stack) > keep and _closes_items(paras, i, hi) and not _awaits_body(nodes, stack, opened, i):
                    # the closing paragraph is no part of the last item: it belongs to the
                    # outermost heading (``IV. TỔ CHỨC THỰC HIỆN``), or to no section
                    del stack[keep:]
                    for k in stack:
                        nodes[k].end = p.end
                    continue
                for k in stack:
                    nodes[k].end = p.end
                if stack:
                    nodes[stack[-1]].text_end = p.end
                continue
            while stack and nodes[stack[-1]].rank >= rank:
                stack.pop()
            parent = stack[-1] if stack else None
            pnode = nodes[parent] if parent is not None else None
            if kind in (SectionKind.DASH, SectionKind.PLUS):
                name = _dash_name(pnode.bullets) if pnode else None
                if pnode:
                    pnode.bullets += 1
                path = f"{pnode.path}-{name}" if pnode and pnode.path else None
            else:
                own = _label_path(kind, marker.prefix, label)
                if marker.kind == "point" and pnode is None:
                    path = own  # a series of points (1), (2) is the text's own numbering
                elif kind is SectionKind.LETTER and (pnode is None or pnode.path is None):
                    path = None  # a letter with no numbered ancestor
                elif pnode is None or pnode.path is None or kind is SectionKind.ARTICLE:
                    path = own  # articles are numbered through the whole text: "Điều 5"
                elif (
                    kind is SectionKind.NUMBER
                    and pnode.kind is SectionKind.NUMBER
                    and pnode.parent is None
                    and label.startswith(pnode.label + ".")
                ):
                    path = own
                else:
                    path = f"{pnode.path}.{own}"
            text_start = p.start + m.end()
            node = _Node(
                kind=kind,
                rank=rank,
                marker=m.group(0).strip(),
                label=label,
                path=path,
                parent=parent,
                level=len(stack),
                start=p.start,
                end=p.end,
                text_start=min(text_start, p.end),
                text_end=p.end,
                heading=p.text[m.end() :].strip(),
                family=marker.kind if marker else "",
            )
            nodes.append(node)
            idx = len(nodes) - 1
            if pnode is not None:
                pnode.children.append(idx)
            else:
                top.append(idx)
            for k in stack:
                nodes[k].end = p.end
            stack.append(idx)
            opened = (i, idx)

    sections = [
        Section(
            index=i,
            parent=n.parent,
            kind=n.kind,
            marker=n.marker,
            level=n.level,
            path=n.path,
            heading=n.heading,
            start=n.start,
            end=n.end,
            text_start=n.text_start,
            text_end=max(n.text_start, n.text_end),
        )
        for i, n in enumerate(nodes)
    ]
    # table rows, merged in document order
    rows: list[Section] = []
    for t_index, table in enumerate(tables):
        rows.extend(row_sections(table, t_index, t_index, 0))
    if not rows:
        return sections
    return _merge(sections, rows)


def _merge(a: list[Section], b: list[Section]) -> list[Section]:
    """Merge two section lists in document order, renumbering index/parent."""
    tagged = [("a", s) for s in a] + [("b", s) for s in b]
    tagged.sort(key=lambda x: (x[1].start, -x[1].end))
    new_index = {(tag, s.index): i for i, (tag, s) in enumerate(tagged)}
    out = []
    for i, (tag, s) in enumerate(tagged):
        parent = new_index[(tag, s.parent)] if s.parent is not None else None
        out.append(s.model_copy(update={"index": i, "parent": parent}))
    return out
