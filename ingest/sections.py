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
- the appendix (a plan issued with a Quyết định) restarts the numbering: its ``I.`` is ``I``.

Section extents: ``start``/``end`` cover the marker paragraph, its unmarked continuation
paragraphs and all children; ``text_start``/``text_end`` the node's own text without the
marker (up to its first child). Only BODY and APPENDIX paragraphs get sections; table rows
come from :mod:`ingest.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest import vocab
from ingest.model import Section, SectionKind, Table
from ingest.normalize import Para
from ingest.tables import row_sections
from ingest.zones import ZoneLayout

_KIND = {
    "part": SectionKind.PART,
    "chapter": SectionKind.CHAPTER,
    "article": SectionKind.ARTICLE,
    "roman": SectionKind.ROMAN,
    "number": SectionKind.NUMBER,
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
        for i in range(lo, hi):
            p = paras[i]
            if p.table is not None:
                continue
            marker, m = _match(p.text)
            if marker is None:
                for k in stack:
                    nodes[k].end = p.end
                if stack:
                    nodes[stack[-1]].text_end = p.end
                continue
            kind = _KIND[marker.kind]
            label = m.group("label")
            rank: float = marker.rank
            if kind is SectionKind.NUMBER:
                rank += 0.1 * label.count(".")
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
                if kind is SectionKind.LETTER and (pnode is None or pnode.path is None):
                    path = None  # a point with no numbered ancestor
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
            )
            nodes.append(node)
            idx = len(nodes) - 1
            if pnode is not None:
                pnode.children.append(idx)
            for k in stack:
                nodes[k].end = p.end
            stack.append(idx)

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
