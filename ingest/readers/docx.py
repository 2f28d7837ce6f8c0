"""Word .docx: paragraphs and tables in body order, Word list numbering restored.

- The body XML is walked child by child, so a table sits where it is in the document.
- A paragraph numbered by Word (``w:numPr`` on the paragraph or its style) gets its marker back
  ("1.", "a)", "II.", "-"): in ``Paragraph.list_marker`` and prefixed to the text.
- A borderless table is page layout (the two-column header block of state documents), not
  data: its cells are read as paragraphs, row by row, left to right. Tables with borders
  become ``TableBlock``s.
- Text typed in legacy TCVN3/VNI fonts is converted (see :func:`ingest.encoding.fix_legacy_text`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ingest.encoding import convert_legacy, fix_legacy_text
from ingest.errors import CorruptDocument
from ingest.filetype import FileType
from ingest.options import ReaderOptions
from ingest.rawdoc import Block, Paragraph, RawDocument, TableBlock

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


_BULLETS = {"-": "-", "–": "-", "—": "-", "+": "+", "*": "*", "•": "•", "o": "•"}
_INVISIBLE_BORDERS = {"nil", "none"}


def _roman(n: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, symbol in values:
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's letter numbering: a..z, then aa, bb, ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": _roman,
}


@dataclass(slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class _Numbering:
    """Word numbering definitions and running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, xml: bytes | None) -> _Numbering:
        numbering = cls()
        if not xml:
            return numbering
        root = etree.fromstring(xml)
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterfind("w:abstractNum", _NS):
            abstract[an.get(_q("abstractNumId"))] = {
                int(lvl.get(_q("ilvl"), "0")): _level(lvl) for lvl in an.iterfind("w:lvl", _NS)
            }
        for num in root.iterfind("w:num", _NS):
            ref = num.find("w:abstractNumId", _NS)
            levels = dict(abstract.get(ref.get(_q("val")) if ref is not None else "", {}))
            for override in num.iterfind("w:lvlOverride", _NS):
                ilvl = int(override.get(_q("ilvl"), "0"))
                lvl = override.find("w:lvl", _NS)
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                start = override.find("w:startOverride", _NS)
                if start is not None and ilvl in levels:
                    old = levels[ilvl]
                    levels[ilvl] = _Level(old.fmt, old.text, int(start.get(_q("val"), "1")))
            numbering.levels[num.get(_q("numId"))] = levels
        return numbering

    def marker(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return _BULLETS.get(level.text.strip(), "•")
        if level.fmt == "none":
            return level.text.strip() or None
        text = level.text
        for k in range(ilvl, -1, -1):
            lvl = levels.get(k)
            count = counters.get(k, lvl.start if lvl else 1)
            render = _FORMATS.get(lvl.fmt if lvl else "decimal", str)
            text = text.replace(f"%{k + 1}", render(count))
        return text.strip() or None


def _level(lvl: etree._Element) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"w:{tag}", _NS)
        return el.get(_q("val"), default) if el is not None else default

    return _Level(val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1")))


@dataclass(slots=True)
class _Styles:
    names: dict[str, str]
    num: dict[str, tuple[str, int]]  # styleId -> (numId, ilvl)
    based_on: dict[str, str]
    table_borders: dict[str, bool]

    @classmethod
    def from_xml(cls, xml: bytes | None) -> _Styles:
        styles = cls({}, {}, {}, {})
        if not xml:
            return styles
        for st in etree.fromstring(xml).iterfind("w:style", _NS):
            sid = st.get(_q("styleId"))
            name = st.find("w:name", _NS)
            styles.names[sid] = name.get(_q("val")) if name is not None else sid
            base = st.find("w:basedOn", _NS)
            if base is not None:
                styles.based_on[sid] = base.get(_q("val"))
            num_pr = st.find("w:pPr/w:numPr", _NS)
            if num_pr is not None:
                num_id = num_pr.find("w:numId", _NS)
                ilvl = num_pr.find("w:ilvl", _NS)
                if num_id is not None:
                    styles.num[sid] = (num_id.get(_q("val")), int(ilvl.get(_q("val"))) if ilvl is not None else 0)
            borders = st.find("w:tblPr/w:tblBorders", _NS)
            if borders is not None:
                styles.table_borders[sid] = _visible(borders)
        return styles

    def chain(self, sid: str | None) -> Iterator[str]:
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based_on.get(sid)


def _visible(borders: etree._Element) -> bool:
    return any(side.get(_q("val"), "single") not in _INVISIBLE_BORDERS for side in borders)


@dataclass(slots=True)
class _Context:
    numbering: _Numbering
    styles: _Styles


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for el in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen"), _q("delText")):
        if el.tag == _q("t"):
            parts.append(el.text or "")
        elif el.tag == _q("tab"):
            if el.getparent() is not None and el.getparent().tag == _q("r"):
                parts.append("\t")
        elif el.tag in (_q("br"), _q("cr")):
            if el.get(_q("type")) not in ("page", "column"):
                parts.append("\n")
        elif el.tag == _q("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _read_paragraph(p: etree._Element, ctx: _Context) -> Paragraph:
    style_el = p.find("w:pPr/w:pStyle", _NS)
    sid = style_el.get(_q("val")) if style_el is not None else None
    style = ctx.styles.names.get(sid, sid) if sid else None
    num: tuple[str, int] | None = None
    num_pr = p.find("w:pPr/w:numPr", _NS)
    if num_pr is not None:
        num_id = num_pr.find("w:numId", _NS)
        ilvl = num_pr.find("w:ilvl", _NS)
        if num_id is not None:
            num = (num_id.get(_q("val")), int(ilvl.get(_q("val"))) if ilvl is not None else 0)
    else:
        for s in ctx.styles.chain(sid):
            if s in ctx.styles.num:
                num = ctx.styles.num[s]
                break
    text = _paragraph_text(p)
    marker = None
    if num is not None and num[0] != "0" and text.strip():
        marker = ctx.numbering.marker(*num)
    if marker:
        text = f"{marker} {text.lstrip()}"
    return Paragraph(text=text, style=style, list_marker=marker)


def _is_layout_table(tbl: etree._Element, ctx: _Context) -> bool:
    """A table drawn without borders is page layout (e.g. the issuer | motto header block)."""
    borders = tbl.find("w:tblPr/w:tblBorders", _NS)
    if borders is not None:
        if _visible(borders):
            return False
    else:
        style_el = tbl.find("w:tblPr/w:tblStyle", _NS)
        sid = style_el.get(_q("val")) if style_el is not None else None
        for s in ctx.styles.chain(sid):
            if s in ctx.styles.table_borders:
                if ctx.styles.table_borders[s]:
                    return False
                break
    return not any(_visible(b) for b in tbl.iterfind(".//w:tcPr/w:tcBorders", _NS))


def _has_task_header(tbl: etree._Element, ctx: _Context) -> bool:
    """A borderless table whose first row is a task-table header (``STT | Nhiệm vụ | Đơn vị chủ
    trì | ...``) holds data, not page layout."""
    from ingest.tables import header_roles

    first = tbl.find("w:tr", _NS)
    if first is None:
        return False
    return header_roles([_cell_text(tc, ctx) for tc in _cells(first)]) is not None


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == _q("tc"):
            yield child
        elif child.tag == _q("sdt"):
            yield from child.iterfind("w:sdtContent/w:tc", _NS)


def _cell_text(tc: etree._Element, ctx: _Context) -> str:
    return "\n".join(p.text for p in (_read_paragraph(p, ctx) for p in tc.iterfind(".//w:p", _NS)))


def _read_table(tbl: etree._Element, ctx: _Context) -> TableBlock:
    rows: list[list[str]] = []
    above: list[str] = []
    for tr in tbl.iterfind("w:tr", _NS):
        row: list[str] = []
        for tc in _cells(tr):
            span_el = tc.find("w:tcPr/w:gridSpan", _NS)
            span = int(span_el.get(_q("val"), "1")) if span_el is not None else 1
            vmerge = tc.find("w:tcPr/w:vMerge", _NS)
            col = len(row)
            if vmerge is not None and vmerge.get(_q("val"), "continue") == "continue":
                text = above[col] if col < len(above) else ""
            else:
                text = _cell_text(tc, ctx)
            row.extend([text] + [""] * (span - 1))
        rows.append(row)
        above = row
    return TableBlock(rows=rows)


def _body_blocks(parent: etree._Element, ctx: _Context) -> Iterator[Block]:
    for child in parent:
        if child.tag == _q("p"):
            yield _read_paragraph(child, ctx)
        elif child.tag == _q("tbl"):
            if _is_layout_table(child, ctx) and not _has_task_header(child, ctx):
                for tr in child.iterfind("w:tr", _NS):
                    for tc in _cells(tr):
                        yield from _body_blocks(tc, ctx)
            else:
                yield _read_table(child, ctx)
        elif child.tag in (_q("sdt"), _q("customXml")):
            content = child.find("w:sdtContent", _NS)
            yield from _body_blocks(content if content is not None else child, ctx)


def read(data: bytes, *, name: str, file_type: FileType, options: ReaderOptions) -> RawDocument:
    """Read a .docx package into paragraphs and tables in body order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "word/document.xml" not in names:
                raise CorruptDocument(name, "DOCX", "no word/document.xml in the package")
            document = package.read("word/document.xml")
            numbering_xml = package.read("word/numbering.xml") if "word/numbering.xml" in names else None
            styles_xml = package.read("word/styles.xml") if "word/styles.xml" in names else None
        root = etree.fromstring(document)
        ctx = _Context(_Numbering.from_xml(numbering_xml), _Styles.from_xml(styles_xml))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError) as exc:
        raise CorruptDocument(name, "DOCX", f"not a valid zip package: {exc}") from None
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(name, "DOCX", f"malformed XML: {exc}") from None
    body = root.find("w:body", _NS)
    if body is None:
        raise CorruptDocument(name, "DOCX", "word/document.xml has no body")
    blocks = list(_body_blocks(body, ctx))
    return _fix_legacy(RawDocument(blocks=blocks, file_type=file_type.value))


def _fix_legacy(raw: RawDocument) -> RawDocument:
    sample = "\n".join(
        b.text if isinstance(b, Paragraph) else "\n".join("\t".join(r) for r in b.rows) for b in raw.blocks
    )
    _, legacy = fix_legacy_text(sample)
    if legacy is None:
        return raw

    def conv(text: str) -> str:
        return convert_legacy(text, legacy)

    blocks: list[Block] = []
    for b in raw.blocks:
        if isinstance(b, Paragraph):
            blocks.append(Paragraph(conv(b.text), b.style, b.list_marker, b.page))
        else:
            blocks.append(TableBlock([[conv(c) for c in row] for row in b.rows], b.page))
    return RawDocument(blocks=blocks, file_type=raw.file_type, encoding=legacy)
