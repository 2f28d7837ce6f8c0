"""Plain text and Markdown: decode (see :mod:`ingest.encoding`), keep the text as it is.

Markdown pipe tables (``| a | b |`` rows with a ``|---|`` separator) become ``TableBlock``s;
everything else stays one ``Paragraph`` per run of lines between tables. Emphasis and other
markup are left for normalisation.
"""

from __future__ import annotations

import re

from ingest.encoding import decode_text
from ingest.filetype import FileType
from ingest.options import ReaderOptions
from ingest.pipes import LONE_PIPES, PIPE_ROW
from ingest.rawdoc import Block, Paragraph, RawDocument, TableBlock
from ingest.tables import is_header_row

_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")  # GFM: one hyphen or more


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", inner)]


def _is_separator(line: str) -> bool:
    return bool(PIPE_ROW.match(line)) and all(_SEPARATOR_CELL.match(c) for c in _cells(line))


def _broken_table_end(lines: list[str], i: int) -> int | None:
    """End of a headed table whose rows the copy broke over lines (a line of pipes only,
    a line opening on a pipe without closing one, a wrapped cell ending on a pipe), or None
    when the table at ``i`` has no such line. Such a table is left to normalisation as text
    (see :func:`ingest.normalize.join_broken_rows`)."""
    if not is_header_row(_cells(lines[i])):
        return None
    end, j, broken = i + 1, i + 1, False
    while j < len(lines):
        s = lines[j].strip()
        if PIPE_ROW.match(s) and not LONE_PIPES.match(s):
            end = j + 1
        elif s.startswith("|") or s.endswith("|") and lines[j - 1].strip().startswith("|"):
            broken = True
            if not LONE_PIPES.match(s):
                end = j + 1
        else:
            break
        j += 1
    return end if broken else None



def split_pipe_tables(text: str) -> list[Block]:
    """Split text into paragraphs and pipe tables, in order.

    >>> [type(b).__name__ for b in split_pipe_tables("Intro\\n| A | B |\\n|---|---|\\n| 1 | 2 |\\nEnd")]
    ['Paragraph', 'TableBlock', 'Paragraph']
    """
    lines = text.split("\n")
    blocks: list[Block] = []
    pending: list[str] = []
    i = 0
    while i < len(lines):
        if PIPE_ROW.match(lines[i]) and (k := _broken_table_end(lines, i)) is not None:
            pending.extend(lines[i:k])  # rows broken over lines: joined by normalisation
            i = k
            continue
        if PIPE_ROW.match(lines[i]):
            j = i
            while j < len(lines) and PIPE_ROW.match(lines[j]):
                j += 1
            run = lines[i:j]
            if len(run) >= 2:
                rows = [_cells(line) for line in run if not _is_separator(line)]
                if pending:
                    blocks.append(Paragraph("\n".join(pending)))
                    pending = []
                blocks.append(TableBlock(rows=rows))
                i = j
                continue
        pending.append(lines[i])
        i += 1
    if pending:
        blocks.append(Paragraph("\n".join(pending)))
    return blocks


def read(data: bytes, *, name: str, file_type: FileType, options: ReaderOptions) -> RawDocument:
    """Decode a .txt/.md file; ``encoding`` is set when it was not UTF-8."""
    text, encoding = decode_text(data, hint=options.encoding, filename=name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = split_pipe_tables(text) if "|" in text else [Paragraph(text)]
    plain = encoding in ("utf-8", "utf-8-sig")
    return RawDocument(blocks=blocks, file_type=file_type.value, encoding=None if plain else encoding)
