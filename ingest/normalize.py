"""Raw blocks -> normalised text, one paragraph per line, with offsets back to the source.

Steps, in order, each working on a :class:`~ingest.offsets.TrackedText`:

``nfc``         Unicode NFC per character cluster (so each output character keeps a source
                position); Icelandic eth ``Ð``/``ð`` typed for ``Đ``/``đ`` is replaced. Tone
                placement (``hòa``/``hoà``) is kept as written.
``spaces``      non-breaking and other odd spaces -> space, zero-width characters and soft
                hyphens dropped, CR/LF unified.
``markdown``    ``#`` headings, ``*``/``**``/``_`` emphasis and ``[text](url)`` links of web
                copies reduced to their text.
``lines``       boilerplate lines (``data/boilerplate.txt``) and rule lines (``-----``, ``*``)
                dropped; hard-wrapped lines joined into paragraphs (see :func:`_joins`);
                runs of spaces collapsed.

Tables (reader ``TableBlock``, markdown ``| a | b |`` lines, or a data table inside a web
copy's pipe-per-line layout grid, see :mod:`ingest.grid`) become one line per row, cells
joined by ``" | "``; each cell keeps its span in the final text.

>>> normalize_text("1.\\nTriển\\nkhai   kế hoạch.").text
'1. Triển khai kế hoạch.'
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ingest import cells as layout_cells
from ingest import vocab
from ingest.grid import Grid, find_grids
from ingest.offsets import OffsetMap, TrackedText
from ingest.pipes import LONE_PIPES, PIPE_ROW
from ingest.rawdoc import Paragraph, RawDocument, TableBlock

_ETH = {"\u00d0": "\u0110", "\u00f0": "\u0111"}
_ETH_TABLE = str.maketrans(_ETH)
_CRLF = re.compile(r"\r\n?")
_WS_RUN = re.compile(r"(?:[^\S ]|\s{2,})\s*")
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u2002", "\u2003", "\u3000", "\t", "\x0b", "\x0c"}
_DROP = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"}
_ODD_SPACE = re.compile("[" + re.escape("".join(sorted(_SPACES | _DROP))) + "]")
_RULE_LINE = re.compile(r"^[\s\-–—_=*~.·•]{3,}$|^\*$")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+", re.M)
_HEADING_MARK = "\ue000"  # private-use character, never whitespace
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)\)")
_MD_UNDERLINE = re.compile(r"(?<![\w_])_{2,3}(?=[^\s_])|(?<=[^\s_])_{2,3}(?![\w_])")
_MD_STARS = re.compile(r"\*+")
_STAR_ONLY_LINE = re.compile(r"^[\s*\-–—_=~.·•]*$")
_FOOTNOTE_MARK = re.compile(r"(?<=[^\s\[(])\[\d{1,3}\](?=[\s.,;:!?)\]”\"'*]|$)", re.M)
_MD_OPEN_ROW = re.compile(r"^\s*\|[^|]*\S[^|]*\|.*\S")  # "| a | b" without the closing pipe
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_OPENERS = "([{“‘«\"'"
_SENTENCE_END = ".;:!?"
_WRAP_MEDIAN = 120  # median length of lines (> 20 chars) at or under which a block is hard-wrapped
_WRAP_LONG_LINE = 150  # a line this long was not wrapped ...
_WRAP_LONG_SHARE = 0.05  # ... and more than this share of such lines means the block is not


@dataclass(frozen=True, slots=True)
class Para:
    """One line of the normalised text (a paragraph or a table row)."""

    text: str
    start: int
    end: int
    table: int | None = None  # index into NormalizedText.tables
    row: int | None = None  # -1 for the header row
    cells: tuple[tuple[int, int], ...] = ()  # spans of the cells in the final text


@dataclass(slots=True)
class RawTable:
    header: list[str]
    rows: list[list[str]]
    header_para: int | None  # index into paragraphs
    row_paras: list[int] = field(default_factory=list)


@dataclass(slots=True)
class NormalizedText:
    text: str
    paragraphs: list[Para]
    tables: list[RawTable]
    offsets: OffsetMap


# ---------------------------------------------------------------- character-level steps


def nfc(t: TrackedText) -> TrackedText:
    """NFC per cluster (base + combining marks), eth -> Đ/đ.

    Each output character keeps the source position of its cluster's first character. The
    eth swap is one character for one, so it is done on the whole text first; then only the
    clusters NFC can change (see :func:`_nfc_candidates`) are visited.
    """
    has_eth = "\u00d0" in t.text or "\u00f0" in t.text
    if not has_eth and unicodedata.is_normalized("NFC", t.text):
        return t  # nothing to change (the common case): skip the cluster walk
    text = t.text.translate(_ETH_TABLE) if has_eth else t.text
    out: list[str] = []
    src: list[int] = []
    old_src = t.src
    pos = 0
    for m in _nfc_candidates().finditer(text):
        start, end = m.span()
        cluster = unicodedata.normalize("NFC", m.group(0))
        out.append(text[pos:start])
        src.extend(old_src[pos:start])
        out.append(cluster)
        src.extend([old_src[start]] * len(cluster))
        pos = end
    out.append(text[pos:])
    src.extend(old_src[pos:])
    return TrackedText("".join(out), src)


@lru_cache(maxsize=1)
def _nfc_candidates() -> re.Pattern[str]:
    """Clusters NFC may change: a character followed by combining marks, or a character that
    NFC changes on its own (U+2126 OHM SIGN, a lone U+0340). Any other character is a
    cluster of one that NFC keeps as is."""
    marks: list[str] = []
    changed: list[str] = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        if unicodedata.combining(c):
            marks.append(c)
        if unicodedata.normalize("NFC", c) != c:
            changed.append(c)

    def char_class(chars: list[str]) -> str:
        # a class with characters beyond U+FFFF compiles to a list of ranges scanned one by
        # one; kept apart behind a one-range guard, the BMP part is a fast bitmap lookup
        bmp = "".join(re.escape(c) for c in chars if ord(c) <= 0xFFFF)
        astral = "".join(re.escape(c) for c in chars if ord(c) > 0xFFFF)
        return f"(?:[{bmp}]|(?=[\\U00010000-\\U0010FFFF])[{astral}])"

    return re.compile(f"(?s:.){char_class(marks)}+|{char_class(changed)}")


def spaces(t: TrackedText) -> TrackedText:
    t = t.sub(_CRLF, lambda m: "\n")
    # only the characters that change are visited (same result as a per-character map)
    return t.sub(_ODD_SPACE, lambda m: "" if m.group(0) in _DROP else " ")


def _star_run(m: re.Match[str]) -> str:
    """Replacement for a run of ``*``: emphasis goes, content asterisks stay.

    Kept: a line of stars and rules only (Party header ``*``, ``*****``), a list bullet
    (``* Về ...`` at the start of a line), a note mark ``(*)``. Any other run is emphasis,
    balanced or not (``**1. ***Giảm``, ``DÂN **``, ``2025; *``).
    """
    text = m.string
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if _STAR_ONLY_LINE.match(line):
        if re.fullmatch(r"\s*\*\*(?:\s+\*\*)*\s*", line):
            return ""  # "**" alone: the closing half of emphasis that wrapped ("**ỦY BAN NHÂN DÂN" / "**")
        return m.group(0)
    before = text[line_start : m.start()]
    after = text[m.end() : m.end() + 1]
    if len(m.group(0)) == 1 and not before.strip() and after in (" ", "\t"):
        return m.group(0)  # a bullet
    if len(m.group(0)) == 1 and before.endswith("(") and after == ")":
        return m.group(0)  # "(*)"
    return ""


def markdown(t: TrackedText) -> TrackedText:
    # each pattern needs its character: a text without it is not scanned by the pattern
    if "#" in t.text:
        t = t.sub(_MD_HEADING, _HEADING_MARK)  # a heading stands alone (see _paragraph_pieces)
    if "[" in t.text:
        t = t.sub(_MD_LINK, lambda m: m.group(1))
    if "*" in t.text:
        t = t.sub(_MD_STARS, _star_run)
    if "_" in t.text:
        t = t.sub(_MD_UNDERLINE, "")
    if "[" in t.text:
        t = t.sub(_FOOTNOTE_MARK, "")  # "địa phương[1] về": the note itself stays
    return t


STEPS = (nfc, spaces, markdown)


def clean(text: str) -> TrackedText:
    t = TrackedText.from_raw(text)
    for step in STEPS:
        t = step(t)
    return t


def collapse(t: TrackedText) -> TrackedText:
    # whitespace runs other than a lone space (a lone space maps to itself)
    return t.sub(_WS_RUN, lambda m: " ").strip()


# ---------------------------------------------------------------- line classification


def marker_match(line: str) -> re.Match[str] | None:
    for marker in vocab.markers_for(line[:1]):  # those the line's first character can open
        m = marker.regex.match(line)
        if m:
            return m
    return None


_NOT_LETTERS = re.compile(r"[\W\d_]+")  # what no letter is (\w is alphanumeric or "_")


@lru_cache(maxsize=4096)
def _letters(line: str) -> str:
    """The letters of ``line`` (``str.isalpha``): a pattern drops the rest at once; numerals
    that are word characters but no letters (``²``, ``½``, ``Ⅻ``) are dropped one by one."""
    rest = _NOT_LETTERS.sub("", line)
    return rest if rest.isalpha() or not rest else "".join(c for c in rest if c.isalpha())


_ASCII_LOWER = re.compile(r"[a-z]")


@lru_cache(maxsize=4096)
def is_caps(line: str) -> bool:
    if _ASCII_LOWER.search(line):
        return False  # a lower-case letter: its letters are not all capitals (a body line, at once)
    letters = _letters(line)
    return len(letters) >= 2 and letters.isupper()


def is_caps_heading(line: str) -> bool:
    """All-caps line with at least two words that are not known abbreviations."""
    if not is_caps(line):
        return False
    abbreviations = vocab.abbreviations()
    words = [w.strip(",.;:()") for w in line.split()]
    real = [w for w in words if len(_letters(w)) >= max(1, 0.6 * len(w)) and w not in abbreviations]
    return len(real) >= 2


def is_caps_name(line: str, *, surname: bool = False) -> bool:
    """A signer's name written in capitals (``NGUYỄN VĂN ĐỆ``): 2-5 syllables that hold no
    title or body name (``PHÓ CHỦ TỊCH``, ``BAN THƯỜNG VỤ``); with ``surname``, opening with
    a known family name."""
    from ingest.encoding import is_vietnamese_syllable

    words = line.split()
    if not is_caps(line) or not 2 <= len(words) <= 5 or not all(is_vietnamese_syllable(w) for w in words):
        return False
    if surname and words[0] not in {w.upper() for w in vocab.labels()["surnames"]["words"]}:
        return False
    data = vocab.labels()["signature_titles"]
    phrases = [*data["titles"], *data["starts"], *(h.upper() for h in vocab.labels()["org_heads"])]
    padded = f" {line} "
    return not any(f" {p} " in padded for p in phrases) and not vocab.label("signature_prefix").match(line)


def _ends_with_title(line: str) -> bool:
    text = " ".join(line.split()).upper()
    return any(text == t or text.endswith(" " + t) for t in vocab.labels()["signature_titles"]["titles"])


def is_doc_type_line(line: str) -> bool:
    words = line.split(None, _doc_type_words())
    if len(words) > _doc_type_words():
        return False  # too many words for any type name (a paragraph): not rebuilt
    return " ".join(words).rstrip(":").strip() in vocab.doc_types() and is_caps(line)


@lru_cache(maxsize=1)
def _doc_type_words() -> int:
    """The most words a doc-type line can have: the longest type name plus a ``:`` word."""
    return max(len(name.split()) for name in vocab.doc_types()) + 1


def _org_start(line: str) -> bool:
    low = line.lower()
    return any(low == h.lower() or low.startswith(h.lower() + " ") for h in vocab.labels()["org_heads"])


def _compound_org(par: str, line: str) -> bool:
    """``THỦ TƯỚNG`` / ``CHÍNH PHỦ``: the two lines make one known body, not parent + issuer."""
    first = " ".join(par.split()).lower() + " "
    joined = first + " ".join(line.split()).lower()
    for head in vocab.labels()["org_heads"]:
        h = head.lower()
        if h.startswith(first) and (joined == h or joined.startswith(h + " ")):
            return True
    return False


def _starts_with_any(text: str, words: list[str]) -> bool:
    t = " ".join(text.split()).upper()
    return any(t == w or t.startswith(w + " ") for w in words)


def _signature_continues(
    authority: str, prev: str, line: str, starts: Callable[[str], bool] | None = None
) -> bool:
    """Whether caps ``line`` continues the authority line (``K/T CHÁNH`` / ``VĂN PHÒNG``)
    rather than starting the signer's own title (``KT. BỘ TRƯỞNG`` / ``THỨ TRƯỞNG``)."""
    if prev.rstrip().endswith(","):
        return True  # "KT. BỘ TRƯỞNG," / "CHỦ NHIỆM"
    if (starts or starts_paragraph)(line):
        return False
    data = vocab.labels()["signature_titles"]
    if _starts_with_any(line, data["starts"] + data["titles"]):
        return False
    name = " ".join(authority.split()).upper().rstrip(",")
    if not name:
        return True  # "KT." alone
    complete = any(name == t or name.endswith(" " + t) for t in data["titles"])
    complete = complete or any(name == h.upper() for h in vocab.labels()["org_heads"])
    return not complete


_START_LABELS = (
    "motto",
    "number",
    "place_date",
    "preamble",
    "body_opener",
    "enacting",
    "recipients",
    "signature_prefix",
    "appendix_heading",
    "attached_to",
    "subject_line",
    "addressee",
    "dateline",
)


@lru_cache(maxsize=1)
def _start_label_patterns() -> tuple[tuple[re.Pattern[str], frozenset[str] | None], ...]:
    """The header labels that open a paragraph, looked up once (called for every line), each
    with the characters a match can start with (:func:`ingest.vocab.first_chars`)."""
    return tuple((vocab.label(key), vocab.first_chars(vocab.label(key))) for key in _START_LABELS)


@lru_cache(maxsize=1024)
def _start_labels_for(first: str) -> tuple[re.Pattern[str], ...]:
    """The paragraph-opening labels a line opening with ``first`` can match."""
    return tuple(rx for rx, chars in _start_label_patterns() if chars is None or vocab.may_start(chars, first))


def _label_start(line: str) -> bool:
    return any(rx.match(line) for rx in _start_labels_for(line[:1])) or is_doc_type_line(line)


def starts_paragraph(line: str) -> bool:
    """A line that always opens a new paragraph: a list/section marker or a header label."""
    return marker_match(line) is not None or _label_start(line)


_NUMBER_LABEL_ALONE = re.compile(r"(?:Số|SỐ)\s*:?")


def _needs_value(line: str) -> bool:
    """A marker or label alone on its line (``Điều 1.``, ``1.``, ``Số:``, ``KT.``)."""
    return _alone(line, marker_match(line))


def _alone(line: str, m: re.Match[str] | None) -> bool:
    """:func:`_needs_value` given the line's :func:`marker_match` ``m``."""
    if m and m.end() >= len(line.rstrip()):
        return True
    if _NUMBER_LABEL_ALONE.fullmatch(line):
        return True
    sig = vocab.label("signature_prefix").match(line)
    return bool(sig and not sig.group("rest").strip())


def _starts_lower(line: str) -> bool:
    return bool(line) and line[0].isalpha() and line[0].islower()


class _LineFacts:
    """What :func:`_joins` asks of a line, worked out once per distinct line of a block (each
    line is asked as the next line, then as the previous one, several times each)."""

    __slots__ = ("_markers", "_starts", "_needs")

    def __init__(self) -> None:
        self._markers: dict[str, re.Match[str] | None] = {}
        self._starts: dict[str, bool] = {}
        self._needs: dict[str, bool] = {}

    def marker(self, line: str) -> re.Match[str] | None:
        if line in self._markers:
            return self._markers[line]
        found = self._markers[line] = marker_match(line)
        return found

    def starts(self, line: str) -> bool:
        """:func:`starts_paragraph`."""
        known = self._starts.get(line)
        if known is None:
            known = self._starts[line] = self.marker(line) is not None or _label_start(line)
        return known

    def needs_value(self, line: str) -> bool:
        """:func:`_needs_value`."""
        known = self._needs.get(line)
        if known is None:
            known = self._needs[line] = _alone(line, self.marker(line))
        return known


def _joins(
    par: str, prev: str, line: str, *, wrapped: bool, blank_between: bool, facts: _LineFacts | None = None,
    width: int | None = None,
) -> bool:
    """Whether ``line`` continues the paragraph ``par`` whose last line is ``prev``."""
    facts = facts or _LineFacts()
    starts = facts.starts
    if facts.needs_value(prev) and not starts(line):
        return True
    if prev.endswith(("/", "-")) and vocab.label("number").match(par) and re.match(r"[A-ZĐ][\w&]*$", line):
        return True  # "Số: 11/CT-" / "TTg": a number wrapped at its joint
    if par == prev and line.startswith("Về ") and vocab.label("number").match(par) and len(par.split()) <= 3:
        return False  # "Số: 5155/SGDĐT-GDTX" / "Về hướng dẫn ...": a Công văn's subject (dev 118)
    if is_doc_type_line(par) or vocab.label("dateline").match(prev):
        return False
    if is_caps(prev) and _ends_with_title(prev) and len(line.split()) >= 3 and is_caps_name(line, surname=True):
        return False  # "PHÓ CHỦ TỊCH" / "NGUYỄN VĂN ĐỆ": the title, then the signer's name
    sig = vocab.label("signature_prefix").match(par)
    if sig and is_caps(line) and len(line) <= 80:
        return _signature_continues(sig.group("rest"), prev, line, starts)
    if (
        is_caps(prev)
        and is_caps(line)
        and (len(par.split()) <= 6 or (_org_start(par) and len(par.split()) <= 10))
        and len(line.split()) <= 8
        and _org_start(line)
        and not _compound_org(par, line)
    ):
        return False  # "ĐẢNG BỘ TỈNH X" / "TỈNH ỦY X": parent body, then issuer
    if par == prev and len(prev.split()) <= 3 and prev[-1] not in _SENTENCE_END and not is_caps(prev):
        if vocab.label("place_date").match(prev + " " + line):
            return True  # "Hà" / "Nội, ngày 02 tháng 12 năm 2021"
    if prev and prev[-1] in _OPENERS and not starts(line):
        return True
    if wrapped and not blank_between and _wrapped_dash(prev, line, facts, width):
        return True  # "... Công nghiệp" / "- Viễn thông Quân đội": a compound's dash the wrap moved
    if starts(line):
        return False
    if blank_between and par.startswith("CỦA ") and line.startswith("về ") and is_caps(par):
        return False  # "CỦA BAN BÍ THƯ" / "về ...": the issuing body, then the trích yếu
    if _starts_lower(line) and prev[-1] not in ".!?":
        return True
    if not wrapped or blank_between:
        return False
    if _starts_lower(line):
        return True
    if vocab.label("signature_prefix").match(par) or vocab.label("recipients").match(par):
        return False
    if is_doc_type_line(par):
        return False
    if par.startswith("(") and prev.endswith(")"):
        return False
    if is_caps(prev) and not _letters(line):
        return True  # "... CHUYỂN ĐỔI SỐ NĂM" / "2025"
    if is_caps(prev) and not is_caps(line):
        return False
    if not is_caps(prev) and is_caps_heading(line):
        return False
    if prev[-1] in _SENTENCE_END:
        # a sentence that ends where the wrap would have fallen anyway: the break may be the wrap's
        first = line.split()[0] if line.split() else ""
        return (width is not None and prev[-1] == "." and line[:1].isupper()
                and len(prev) + 1 + len(first) > width)
    # a short name-like line after a caps signature title is handled above; default: wrap
    return True


def _wrapped_dash(prev: str, line: str, facts: _LineFacts, width: int | None) -> bool:
    """A dash that opens ``line`` is the joint of a wrapped compound, not a new dash item.

    A dash item opens a line after its lead-in; a wrap moves the dash of a compound written
    with spaces (``Công nghiệp - Viễn thông``, ``kinh tế - xã hội``) to the next line's start.
    Evidence of the wrap: ``prev`` ends inside a phrase (on a letter, no sentence punctuation,
    not a short marker line, not a caps heading) and either the dash's word goes on in lower
    case (an item opens with a capital) or ``prev`` is a wrapped line (no marker) that is full:
    the dash would not have fitted on it.
    """
    m = facts.marker(line)
    if not m or m.group("label") not in "-–—" or not prev or not prev[-1].isalpha():
        return False
    if (facts.marker(prev) is not None and len(prev.split()) <= 6) or is_caps(prev):
        return False  # "3. Cục Đường bộ Việt Nam" / "- Chỉ đạo ...": a heading, then its item
    rest = line[m.end():]
    if rest[:1].isalpha() and rest[:1].islower():
        return True
    # a full line that itself wrapped (no marker of its own): a full item line above a dash
    # item is a list of items (``- Cơ quan chủ trì: Sở X`` / ``- Thời gian: ...``)
    return width is not None and len(prev) + 2 > width and facts.marker(prev) is None


def _glue(prev: str, line: str) -> str:
    """Separator between two joined lines: '' for split letters and after an opening bracket."""
    if prev[-1] in "([{":
        return ""
    if prev[-1] in "/-" and vocab.label("number").match(prev):
        return ""  # "Số: 11/CT-" + "TTg"
    last = prev.split()[-1] if prev.split() else ""
    if len(line) == 1 and line.isalpha() and len(last) == 1 and last.isalpha():
        return ""
    if len(prev) == 1 and prev.isalpha() and _starts_lower(line):
        return ""
    return " "


def _is_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped text: short lines (median at most ``_WRAP_MEDIAN``) and hardly any line much
    longer than the wrap width; an unwrapped text with short items has some long paragraphs."""
    lengths = [len(x) for x in lines if len(x) > 20] or [len(x) for x in lines]
    if not lengths or statistics.median(lengths) > _WRAP_MEDIAN:
        return False
    long_lines = sum(1 for n in lengths if n > _WRAP_LONG_LINE)
    return long_lines <= _WRAP_LONG_SHARE * len(lengths)


# ---------------------------------------------------------------- block -> paragraphs


@dataclass(slots=True)
class _Piece:
    tracked: TrackedText | None = None  # a paragraph
    table: list[list[TrackedText]] | None = None  # rows of cells
    block: int = 0


def _paragraph_pieces(block_index: int, text: str) -> list[_Piece]:
    cleaned = clean(text)
    raw_lines: list[TrackedText] = []
    line_starts: list[int] = []  # offset of each line in ``cleaned``
    pos = 0
    for part in cleaned.text.split("\n"):
        raw_lines.append(cleaned.slice(pos, pos + len(part)))
        line_starts.append(pos)
        pos += len(part) + 1
    # markdown tables first: runs of "| a | b |" lines
    pieces: list[_Piece] = []
    buffer: list[tuple[TrackedText | None, bool]] = []  # (line or None for a break, blank_before)
    table_rows: list[list[TrackedText]] = []
    boiler = vocab.boilerplate()

    row_closed: list[bool] = []  # per table row: its line ended with a pipe
    broken = False  # the table under way has rows broken over several lines

    def flush_table() -> None:
        nonlocal broken
        if table_rows:
            if broken:
                table_rows[:] = join_broken_rows(table_rows, row_closed)
            broken = False
            row_closed.clear()
            if is_layout_table([[_CELL_BREAK.sub(" ", c.text) for c in row] for row in table_rows]):
                pieces.extend(_layout_pieces(block_index, table_rows))
            else:
                pieces.append(_Piece(table=list(table_rows), block=block_index))
            table_rows.clear()

    grids = {g.start: g for g in find_grids([x.text for x in raw_lines], _grid_stop)} if "|" in cleaned.text else {}
    blank = False
    skip_to = 0
    wrapped_rows = _wrapped_rows(raw_lines) if "|" in cleaned.text else {}
    for i, line in enumerate(raw_lines):
        if i < skip_to:
            continue
        if i in wrapped_rows and i not in grids:
            end, line = wrapped_rows[i]  # a table row whose cells wrap over lines
            skip_to = end
        if i in grids:
            # a data table inside a web copy's layout grid (see ingest.grid)
            flush_table()
            if buffer:
                pieces.extend(_join_lines(block_index, buffer))
                buffer = []
            pieces.append(_Piece(table=_grid_rows(cleaned, raw_lines, line_starts, grids[i]), block=block_index))
            skip_to, blank = grids[i].end, False
            continue
        stripped = line.strip()
        s = stripped.text
        if table_rows and _loose_row_line(table_rows, s, raw_lines, i):
            # a row of a headed table broken over lines by the copy (see join_broken_rows)
            cells, closed = _line_cells(stripped)
            table_rows.append(cells)
            row_closed.append(closed)
            broken = True
            continue
        if LONE_PIPES.match(s) and not table_rows:
            # a web copy's layout grid ("|" alone between the cells of the two-column
            # header or signature table): a cell boundary, never joined across
            buffer.append((None, False))
            blank = False
            continue
        if PIPE_ROW.match(s) or _MD_OPEN_ROW.match(s):
            if buffer:
                pieces.extend(_join_lines(block_index, buffer))
                buffer = []
            if not _MD_TABLE_SEP.match(s):
                cells, closed = _line_cells(stripped)
                table_rows.append(cells)
                row_closed.append(closed)
            continue
        flush_table()
        if not s:
            blank = True
            continue
        if " ".join(s.split()).casefold() in boiler or _PAGE_NUMBER.match(s):
            continue
        if _RULE_LINE.match(s):
            buffer.append((None, False))
            continue
        if s.startswith(_HEADING_MARK):
            heading = collapse(stripped.slice(1, len(stripped)))
            if heading.text:
                buffer.extend([(None, False), (heading, blank), (None, False)])
            blank = False
            continue
        buffer.append((collapse(stripped), blank))
        blank = False
    flush_table()
    if buffer:
        pieces.extend(_join_lines(block_index, buffer))
    return [q for p in pieces for q in _split_flattened(p)]


def _line_cells(stripped: TrackedText) -> tuple[list[TrackedText], bool]:
    """The cells of a table line (``| a | b |``, ``| a | b`` or a continuation ``b |``) and
    whether it ends with a pipe."""
    s = stripped.text
    closed = s.endswith("|") and len(s) > 1 or s == "|"
    lo = 1 if s.startswith("|") else 0
    hi = len(stripped) - 1 if closed and len(s) > lo else len(stripped)
    inner = stripped.slice(lo, max(lo, hi))
    cells, cpos = [], 0
    for part in inner.text.split("|"):
        cells.append(collapse(inner.slice(cpos, cpos + len(part))))
        cpos += len(part) + 1
    return cells, closed


def _headed(row: list[TrackedText]) -> bool:
    from ingest.tables import is_header_row  # local: tables imports normalize types

    return is_header_row([c.text for c in row])


def _loose_row_line(table_rows: list[list[TrackedText]], s: str, lines: list[TrackedText], i: int) -> bool:
    """A line that continues a headed markdown table although it is not a ``| a | b |`` row:
    a line of pipes only (``|``, ``| |||``) followed by a table line, a line opening with a
    pipe but no second one, or a line ending on a pipe right after a table line (a cell
    wrapped by the copy). Only tables whose first row is a header are continued."""
    if not s or _MD_TABLE_SEP.match(s) or PIPE_ROW.match(s) and not LONE_PIPES.match(s):
        return False
    if not _headed(table_rows[0]):
        return False
    if LONE_PIPES.match(s):
        for j in range(i + 1, min(len(lines), i + 3)):
            t = lines[j].text.strip()
            if t:
                return t.startswith("|")
        return False
    if s.startswith("|"):
        return True
    return s.endswith("|") and i > 0 and lines[i - 1].text.strip().startswith("|")


def join_broken_rows(rows: list[list[TrackedText]], closed: list[bool]) -> list[list[TrackedText]]:
    """Rows of a headed table whose copy broke each row over several lines, each with its
    own stray pipes: the lines after the header are joined, cells in order, into one row
    until the row holds as many cells as the header, or its line ends on an empty cell
    after a pipe (the row's closing ``| |``); a line of empty cells only ends a row and is
    dropped. A row under an STT header whose first cell is text (not an index, not a group
    heading) lost its empty STT cell: one is put back. A row whose last text falls short of
    the header's last named column lost inner cells: its last line is moved right to end
    there (``Tiến độ | Hồ sơ``). Rows are padded to the header's width with empty cells. The
    header (``rows[0]``) stays as it is; cells keep their source offsets.
    """
    from ingest.model import ColumnRole
    from ingest.tables import role_of, row_patterns  # local: tables imports normalize types

    width = len(rows[0])
    indexed = role_of(rows[0][0].text) is ColumnRole.INDEX
    last_column = max((k for k, c in enumerate(rows[0]) if c.text), default=width - 1)
    out = [rows[0]]
    pending: list[TrackedText] = []
    tail = 0  # where the row's last line with text begins in ``pending``

    def close() -> None:
        nonlocal pending
        shift = 0
        if indexed and len(pending) > 1 and pending[0].text and not _GROUP_CELL.match(pending[0].text):
            if not row_patterns().row_index.match(pending[0].text.strip()):
                # the copy lost the row's empty STT cell: put it back, drop a stray last one
                pending, shift = [pending[0].slice(0, 0), *pending], 1
                if len(pending) > width and not pending[-1].text:
                    pending.pop()
        filled = [k for k, c in enumerate(pending) if c.text]
        if filled and tail + shift > 0 and filled[-1] < last_column and filled[-1] >= tail + shift:
            # cells lost inside the row: its last line holds the last columns (Tiến độ | Hồ sơ)
            gap = last_column - filled[-1]
            at = tail + shift
            pending = pending[:at] + [pending[at].slice(0, 0)] * gap + pending[at:]
            while len(pending) > width and not pending[-1].text:
                pending.pop()
        end = pending[-1]
        pending += [end.slice(len(end), len(end))] * (width - len(pending))  # padded, as merged cells
        out.append(pending)
        pending = []

    for row, ends in zip(rows[1:], closed[1:], strict=True):
        if not any(c.text for c in row):
            if pending:
                close()
            continue
        if len(row) > 0 and pending:
            tail = len(pending)
        elif not pending:
            tail = 0
        pending = pending + row
        if len(pending) >= width or ends and len(row) > 1 and not row[-1].text:
            close()
    if pending:
        close()
    return out


_GROUP_CELL = re.compile(r"^(?:[IVXLC]{1,7}|[A-ZĐ])[.)]\s")  # "II. Văn bản ...": a group row


def _wrapped_rows(lines: list[TrackedText]) -> dict[int, tuple[int, TrackedText]]:
    """Markdown table rows written over several lines (``| ỦY BAN NHÂN DÂN TỈNH`` /
    ``QUẢNG NAM | CỘNG HÒA ... |``): first line -> (line after the row, the joined row)."""
    out: dict[int, tuple[int, TrackedText]] = {}
    i = 0
    while i < len(lines):
        s = lines[i].text.strip()
        if s.startswith("|") and not LONE_PIPES.match(s) and not PIPE_ROW.match(s) and not _MD_OPEN_ROW.match(s):
            for j in range(i + 1, min(len(lines), i + 8)):
                t = lines[j].text.strip()
                if not t or t.startswith("|"):
                    break
                if t.endswith("|"):
                    joined = lines[i].strip()
                    for k in range(i + 1, j + 1):
                        joined = joined + TrackedText(" ", [joined.src[-1]]) + lines[k].strip()
                    out[i] = (j + 1, joined)
                    i = j
                    break
        i += 1
    return out


_CELL_BREAK = re.compile(r"<br\s*/?>", re.I)


def is_layout_table(rows: list[list[str]]) -> bool:
    """A table that only lays out the first page or the signature block (issuer | motto,
    number | place and date, Nơi nhận | signature): no data-table header, few rows of at
    most three filled cells, and a cell that opens like a header or signature cell."""
    from ingest.tables import header_roles  # local: tables imports normalize types

    if not rows or len(rows) > 8 or header_roles(rows[0]) is not None:
        return False
    if any(sum(1 for c in row if c.strip()) > 3 for row in rows):
        return False
    if any(row and _INDEX_CELL.match(row[0].strip()) for row in rows):
        return False  # a numbered column (STT): a data table
    return any(layout_cells.is_layout_cell(c) for row in rows[:2] for c in row)


_INDEX_CELL = re.compile(r"^(?:\d{1,3}|[IVXL]{1,5})\.?$")


def _layout_pieces(block_index: int, rows: list[list[TrackedText]]) -> list[_Piece]:
    """A layout table's cells as paragraphs, each cell cut into its lines (:mod:`ingest.cells`)."""
    out: list[_Piece] = []
    for row in rows:
        for cell in row:
            for part in _split_on(cell, _CELL_BREAK):
                for a, b in layout_cells.split(part.text, layout=True):
                    line = collapse(part.slice(a, b))
                    if line.text and not _RULE_LINE.match(line.text):
                        out.append(_Piece(tracked=line, block=block_index))
    return out


def _split_on(t: TrackedText, rx: re.Pattern[str]) -> list[TrackedText]:
    out, pos = [], 0
    for m in rx.finditer(t.text):
        out.append(t.slice(pos, m.start()))
        pos = m.end()
    out.append(t.slice(pos, len(t)))
    return out


def _split_flattened(piece: _Piece) -> list[_Piece]:
    """A paragraph that is a flattened header or signature cell (an HTML page's table read
    as text) cut into its lines; any other piece as it is."""
    if piece.tracked is None:
        return [piece]
    text = piece.tracked.text
    spans = layout_cells.split(text)
    if len(spans) == 1 and text[spans[0][0] : spans[0][1]] == text.strip():
        return [piece]
    lines = [collapse(piece.tracked.slice(a, b)) for a, b in spans]
    return [_Piece(tracked=x, block=piece.block) for x in lines if x.text and not _RULE_LINE.match(x.text)]


_GRID_STOP_LABELS = ("motto", "number", "place_date", "recipients", "signature_prefix", "appendix_heading", "addressee")


def _grid_stop(line: str) -> bool:
    """A layout-grid cell opening with this line is never part of a data table."""
    line = line.strip()
    return line.startswith(_HEADING_MARK) or any(vocab.label(k).match(line) for k in _GRID_STOP_LABELS)


def _grid_rows(
    cleaned: TrackedText, lines: list[TrackedText], starts: list[int], grid: Grid
) -> list[list[TrackedText]]:
    """The cells of a layout-grid table, each cell's wrapped lines joined by spaces.

    ``starts[i]`` is the offset of ``lines[i]`` in ``cleaned`` (computed once per block, not
    once per table: a long web copy has many grids).
    """
    rows: list[list[TrackedText]] = []
    for row in grid.rows:
        cells: list[TrackedText] = []
        for cell in row:
            if cell is None:
                cells.append(TrackedText("", []))
                continue
            lo, hi = cell
            cells.append(collapse(cleaned.slice(starts[lo], starts[hi - 1] + len(lines[hi - 1].text))))
        rows.append(cells)
    return rows


def _join_lines(block_index: int, lines: list[tuple[TrackedText | None, bool]]) -> list[_Piece]:
    wrapped = _is_wrapped([x.text for x, _ in lines if x is not None])
    lengths = sorted(len(x.text) for x, _ in lines if x is not None and len(x.text) > 20)
    width = lengths[int(0.9 * (len(lengths) - 1))] if wrapped and len(lengths) >= 10 else None
    facts = _LineFacts()
    paras: list[TrackedText] = []
    # the open paragraph: its pieces (joined once when it closes) and its text so far
    current: list[TrackedText] = []
    par = ""
    prev = ""
    for line, blank in lines:
        if line is None:  # a rule line ends the paragraph
            if current:
                paras.append(_concat(current))
            current, par, prev = [], "", ""
            continue
        if current and _joins(par, prev, line.text, wrapped=wrapped, blank_between=blank, facts=facts, width=width):
            sep = _glue(prev, line.text)
            if sep:
                current.append(TrackedText(sep, [current[-1].src[-1]]))
                par += sep
            current.append(line)
            par += line.text
        else:
            if current:
                paras.append(_concat(current))
            current, par = [line], line.text
        prev = line.text
    if current:
        paras.append(_concat(current))
    return [_Piece(tracked=p, block=block_index) for p in paras if p.text]


def _concat(pieces: list[TrackedText]) -> TrackedText:
    if len(pieces) == 1:
        return pieces[0]
    src: list[int] = []
    for piece in pieces:
        src.extend(piece.src)
    return TrackedText("".join(p.text for p in pieces), src)


def _br_to_newline(cell: str) -> str:
    """``<br>`` in a Markdown table cell is a line break (same length: offsets keep)."""
    return _CELL_BREAK.sub(lambda m: "\n" + " " * (len(m.group()) - 1), cell)


def _table_pieces(block_index: int, block: TableBlock) -> list[_Piece]:
    rows: list[list[TrackedText]] = []
    block_rows = [[_br_to_newline(c or "") for c in r] for r in block.rows]
    for r in block_rows:
        row = [collapse(clean(c)) for c in r]
        if any(c.text for c in row):
            rows.append(row)
    if not rows:
        return []
    if is_layout_table([[c.text for c in row] for row in rows]):
        # each cell read as a text of its own (its lines kept), then cut into its lines
        out: list[_Piece] = []
        for r in block_rows:
            for c in r:
                if c.strip():
                    for piece in _paragraph_pieces(block_index, c):
                        out.extend(_layout_split(piece))
        return out
    return [_Piece(table=rows, block=block_index)]


def _layout_split(piece: _Piece) -> list[_Piece]:
    if piece.tracked is None:
        return [piece]
    lines = [collapse(piece.tracked.slice(a, b)) for a, b in layout_cells.split(piece.tracked.text, layout=True)]
    return [_Piece(tracked=x, block=piece.block) for x in lines if x.text and not _RULE_LINE.match(x.text)]


# ---------------------------------------------------------------- assembly


def normalize(raw: RawDocument) -> NormalizedText:
    """Normalise a reader's blocks into the document text (see module docstring)."""
    pieces: list[_Piece] = []
    for i, block in enumerate(raw.blocks):
        if isinstance(block, Paragraph):
            pieces.extend(_paragraph_pieces(i, block.text))
        elif isinstance(block, TableBlock):
            pieces.extend(_table_pieces(i, block))
    # a docx/html reader gives one paragraph per block: rejoin blocks that are wraps
    pieces = _merge_block_wraps(pieces)

    parts: list[str] = []
    paras: list[Para] = []
    tables: list[RawTable] = []
    offsets = OffsetMap()
    pos = 0

    def add_line(text: str, srcs: list[int], block: int, **kw: object) -> None:
        nonlocal pos
        if paras:
            parts.append("\n")
            offsets.append_separator()
            pos += 1
        parts.append(text)
        offsets.append(block, srcs)
        paras.append(Para(text=text, start=pos, end=pos + len(text), **kw))  # type: ignore[arg-type]
        pos += len(text)

    for piece in pieces:
        if piece.tracked is not None:
            add_line(piece.tracked.text, piece.tracked.src, piece.block)
            continue
        assert piece.table is not None
        t_index = len(tables)
        table = RawTable(header=[], rows=[], header_para=None)
        tables.append(table)
        from ingest.tables import header_roles  # local: tables imports normalize types

        rows = piece.table
        has_header = header_roles([c.text for c in rows[0]]) is not None
        for r_index, cells in enumerate(rows):
            text, srcs, spans = "", [], []
            line_start = pos + (1 if paras else 0)
            for c_index, cell in enumerate(cells):
                if c_index:
                    sep = " |" + (" " if cell.text else "")
                    text += sep
                    srcs.extend([-1] * len(sep))
                spans.append((line_start + len(text), line_start + len(text) + len(cell.text)))
                text += cell.text
                srcs.extend(cell.src)
            is_header = has_header and r_index == 0
            row_no = -1 if is_header else (r_index - 1 if has_header else r_index)
            add_line(text, srcs, piece.block, table=t_index, row=row_no, cells=tuple(spans))
            if is_header:
                table.header = [c.text for c in cells]
                table.header_para = len(paras) - 1
            else:
                table.rows.append([c.text for c in cells])
                table.row_paras.append(len(paras) - 1)
    # separators inside table rows were recorded with raw -1 but block set; fix them (only
    # table rows hold such separators: the document's other characters are not visited)
    if tables:
        for i, r in enumerate(offsets.raw):
            if r < 0:
                offsets.blocks[i] = -1
    return NormalizedText(text="".join(parts), paragraphs=paras, tables=tables, offsets=offsets)


def _merge_block_wraps(pieces: list[_Piece]) -> list[_Piece]:
    """Join a paragraph block that starts lower-case onto the previous paragraph block."""
    out: list[_Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.tracked is not None
            and piece.tracked is not None
            and prev.block != piece.block
            and _starts_lower(piece.tracked.text)
            and prev.tracked.text[-1] not in ".!?"
            and not starts_paragraph(piece.tracked.text)
            and not is_doc_type_line(prev.tracked.text)
        ):
            sep = TrackedText(" ", [prev.tracked.src[-1]])
            # offsets of different blocks cannot share one TrackedText; keep the later
            # block's positions (the map records the first block for the whole piece)
            out[-1] = _Piece(tracked=prev.tracked + sep + piece.tracked, block=prev.block)
            continue
        out.append(piece)
    return out


def normalize_text(text: str) -> NormalizedText:
    """Normalise a plain string (one block)."""
    return normalize(RawDocument.from_text(text))
