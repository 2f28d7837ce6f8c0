"""HTML pages: the main text only.

Scripts, styles, navigation, page header/footer, asides and forms are dropped; ``<main>`` or
``<article>`` is preferred when the page has one. Each block element (p, li, h1-h6, div with
text of its own, ...) becomes a paragraph; ``<br>`` is a line break; ``<table>`` becomes a
``TableBlock`` (layout tables without header cells or borders are read as paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from ingest.encoding import decode_text, fix_legacy_text
from ingest.errors import UndecodableText
from ingest.filetype import FileType
from ingest.options import ReaderOptions
from ingest.rawdoc import Block, Paragraph, RawDocument, TableBlock

_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
         "button", "iframe", "svg", "canvas", "select", "input", "textarea", "object", "embed")
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
_BLOCKS = {"p", "div", "section", "article", "main", "li", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "dd", "dt", "figcaption", "address", "center", "ul", "ol", "dl",
           "body", "td", "th", "caption", "hr"}
_HEADINGS = {f"h{i}": f"Heading {i}" for i in range(1, 7)}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def _decode(data: bytes, name: str, options: ReaderOptions) -> tuple[str, str]:
    hint = options.encoding
    if hint is None:
        declared = _CHARSET.search(data[:4096])
        if declared and declared.group(1).lower() not in ("utf-8", "utf8"):
            try:
                text, encoding = decode_text(data, hint=declared.group(1).decode("ascii"), filename=name)
                fixed, legacy = fix_legacy_text(text)  # VNI/TCVN3 pages declare windows-1252
                return fixed, legacy or encoding
            except UndecodableText:
                pass  # the declaration lies: detect
    return decode_text(data, hint=hint, filename=name)


def _is_chrome(el: Tag) -> bool:
    return el.name in _DROP or (el.get("role") or "").lower() in _CHROME_ROLES


def _main_root(soup: BeautifulSoup) -> Tag:
    # Descendants come after their ancestors in document order: dropping in reverse order
    # removes inner chrome first, so no element is touched after its ancestor is gone (and
    # no per-element subtree search, which made deeply nested pages quadratic).
    for el in reversed(soup.find_all(_is_chrome)):
        el.decompose()
    candidates = soup.find_all("main") or soup.find_all(attrs={"role": "main"}) or soup.find_all("article")
    if candidates:
        return max(candidates, key=lambda el: len(el.get_text(strip=True)))
    return soup.body or soup


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.style: str | None = None

    def flush(self) -> None:
        text = "".join(self.buffer)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append(Paragraph(text=text, style=self.style))
        self.buffer = []
        self.style = None

    def walk(self, node: Tag) -> None:
        """Collect paragraphs and tables in document order (an explicit stack, so pages nested
        thousands of levels deep are read, not refused with a recursion error)."""
        stack: list[tuple[Iterator[PageElement], bool]] = [(iter(node.children), False)]
        while stack:
            children, flush_after = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if flush_after:
                    self.flush()
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not comments, CDATA, doctype
                    self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                self.buffer.append("\n")
            elif child.name == "table" and _is_data_table(child):
                self.flush()
                self.blocks.append(_table(child))
            elif child.name in _BLOCKS or child.name == "table" or child.name == "tr":
                self.flush()
                if child.name in _HEADINGS:
                    self.style = _HEADINGS[child.name]
                stack.append((iter(child.children), True))
            else:
                stack.append((iter(child.children), False))


def _is_data_table(table: Tag) -> bool:
    if table.find("th") is not None or table.find("thead") is not None:
        return True
    border = (table.get("border") or "0").strip()
    if border not in ("", "0"):
        return True
    rows = table.find_all("tr")
    widths = {len(tr.find_all(["td", "th"], recursive=False)) for tr in rows}
    return len(rows) >= 3 and len(widths) == 1 and widths.pop() >= 3


def _table(table: Tag) -> TableBlock:
    rows: list[list[str]] = []
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            text = "\n".join(" ".join(s.split()) for s in cell.get_text("\n").split("\n") if s.strip())
            span = int(cell.get("colspan", "1")) if str(cell.get("colspan", "1")).isdigit() else 1
            row.extend([text] + [""] * (max(span, 1) - 1))
        if row:
            rows.append(row)
    return TableBlock(rows=rows)


def read(data: bytes, *, name: str, file_type: FileType, options: ReaderOptions) -> RawDocument:
    """Read the main text of an HTML page."""
    text, encoding = _decode(data, name, options)
    soup = BeautifulSoup(text, "lxml")
    collector = _Collector()
    collector.walk(_main_root(soup))
    collector.flush()
    plain = encoding in ("utf-8", "utf-8-sig")
    return RawDocument(blocks=collector.blocks, file_type=file_type.value, encoding=None if plain else encoding)
