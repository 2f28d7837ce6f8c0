"""Decode text files: UTF-8/UTF-16, Windows-1258 and the legacy TCVN3 (ABC) and VNI encodings.

Legacy Vietnamese font encodings are byte remappings: read as Windows-1252 they show tell-tale
characters ("Vieät Nam" in VNI, "B¶o Th¾ng" in TCVN3). The conversion tables live in
``ingest/data/tcvn3.tsv`` and ``ingest/data/vni.tsv``. The decoder tries every plausible
candidate and keeps the one that reads most like Vietnamese.

>>> decode_text("Việt Nam".encode())
('Việt Nam', 'utf-8')
>>> decode_text("Vieät Nam".encode("cp1252"))
('Việt Nam', 'vni')
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

from ingest.errors import UndecodableText

_Text = TypeVar("_Text", str, bytes)

DATA = Path(__file__).with_name("data")

LEGACY_ENCODINGS = frozenset({"tcvn3", "vni"})

# Every letter of the Vietnamese alphabet with a diacritic (NFC), both cases.
_VI_LOWER = (
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
VIETNAMESE_LETTERS = frozenset(_VI_LOWER + _VI_LOWER.upper())
# Letters typical of Vietnamese only (absent from Western European text).
_VI_ONLY = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) > 0xFF)
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'/\\<>=+\-–—*#%&|_`~^@$]+")


@dataclass(frozen=True, slots=True)
class _Table:
    mapping: dict[str, str]
    pattern: re.Pattern[str]
    # a one-character-per-code table (TCVN3) converts with str.translate, in C
    translation: dict[int, str] | None = None

    def convert(self, text: str) -> str:
        if self.translation is not None:
            return text.translate(self.translation)
        return self.pattern.sub(lambda m: self.mapping[m.group(0)], text)


def _load_tsv(name: str, key: Callable[[str], str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    for row in rows[1:]:  # first row is the column header
        source, char, *_ = row.split("\t")
        mapping[key(source)] = char
    return mapping


@cache
def _table(name: str) -> _Table:
    if name == "tcvn3":
        mapping = _load_tsv("tcvn3.tsv", lambda hexbyte: chr(int(hexbyte, 16)))
    elif name == "vni":
        mapping = _load_tsv("vni.tsv", lambda seq: seq)
    else:  # pragma: no cover - programming error
        raise ValueError(f"unknown legacy table {name!r}; known: {sorted(LEGACY_ENCODINGS)}")
    keys = sorted(mapping, key=len, reverse=True)  # longest sequence first
    single = all(len(k) == 1 for k in keys)
    translation = str.maketrans(mapping) if single else None
    return _Table(mapping, re.compile("|".join(re.escape(k) for k in keys)), translation)


def legacy_table(name: str) -> dict[str, str]:
    """The raw mapping of a legacy encoding (``"tcvn3"``: char-of-byte -> char; ``"vni"``)."""
    return dict(_table(name).mapping)


def _restore_capitals(text: str) -> str:
    """TCVN3 capital fonts reuse lowercase codes: upper-case a letter inside an all-caps word."""

    return _WORD.sub(lambda m: _restore_word(m.group(0)), text)


@lru_cache(maxsize=65536)
def _restore_word(word: str) -> str:
    """One word of :func:`_restore_capitals` (a document repeats its words: cached)."""
    cased = [c for c in word if c.isalpha() and c not in VIETNAMESE_LETTERS]
    if len(cased) >= 2 and all(c.isupper() for c in cased):
        return word.upper()
    return word


def convert_tcvn3(text: str) -> str:
    """Convert text whose bytes were read as Latin-1 from TCVN3 to Unicode (NFC)."""
    return _restore_capitals(_table("tcvn3").convert(text))


def convert_vni(text: str) -> str:
    """Convert text whose bytes were read as Windows-1252 from VNI to Unicode (NFC)."""
    return _table("vni").convert(text)


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined: keep Latin-1
        return chr(byte)


_CP1252 = str.maketrans({chr(b): _cp1252_char(b) for b in range(0x80, 0xA0)})


def _decode_cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252)


_CANDIDATES: dict[str, Callable[[bytes], str]] = {
    "cp1258": lambda data: data.decode("cp1258"),
    "tcvn3": lambda data: convert_tcvn3(data.decode("latin-1")),
    "vni": lambda data: convert_vni(_decode_cp1252(data)),
}

# Legacy text that went through a Unicode editor keeps its odd characters: same tables.
_TEXT_CONVERTERS: dict[str, Callable[[str], str]] = {"tcvn3": convert_tcvn3, "vni": convert_vni}


_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


@cache
def _syllable_pattern() -> re.Pattern[str]:
    spec = json.loads((DATA / "vietnamese_syllables.json").read_text(encoding="utf-8"))

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))

    return re.compile(f"(?:{alt(spec['onsets'])})?(?:{alt(spec['nuclei'])})(?:{alt(spec['codas'])})?")


def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (any tone), e.g. ``người``, not ``ngửụứi``."""
    bare = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word.lower()).translate(_TONES))
    if sum(1 for c in unicodedata.normalize("NFD", word) if ord(c) in _TONES) > 1:
        return False
    return _syllable_pattern().fullmatch(bare) is not None


@dataclass(frozen=True, slots=True)
class Score:
    """How Vietnamese a text reads: well-formed syllables with diacritics vs other non-ASCII words."""

    vietnamese: int
    foreign: int
    vietnamese_only: int

    @property
    def value(self) -> float:
        return self.vietnamese - 3 * self.foreign


@lru_cache(maxsize=65536)
def _word_class(word: str) -> tuple[int, int, int]:
    """(vietnamese, foreign, vietnamese_only) counts of one non-ASCII word."""
    if all(c.isascii() or c in VIETNAMESE_LETTERS for c in word) and is_vietnamese_syllable(word):
        return 1, 0, int(any(c in _VI_ONLY for c in word))
    return 0, 1, 0


def score(text: str) -> Score:
    """Count well-formed Vietnamese syllables and foreign words of ``text``.

    Each distinct word is classified once (a document repeats its few thousand syllables
    many times), so the cost follows the vocabulary, not the length.

    >>> score("Người dân Việt Nam")
    Score(vietnamese=3, foreign=0, vietnamese_only=2)
    """
    vi = foreign = vi_only = 0
    counts = Counter(_WORD.findall(unicodedata.normalize("NFC", text)))  # counted at C speed
    for word, n in counts.items():
        if word.isascii():
            continue
        v, f, o = _word_class(word)
        vi += v * n
        foreign += f * n
        vi_only += o * n
    return Score(vi, foreign, vi_only)


_CLEAR_RATIO = 20  # >= 20 well-formed syllables per foreign word: not legacy text

# The encoding decision reads a bounded sample: the head plus a slice from the middle (a text
# this long or shorter is read whole), so deciding costs the same for 100 KB and 20 MB.
SAMPLE_HEAD = 48_000
SAMPLE_MIDDLE = 16_000


def sample(text: _Text) -> _Text:
    """The part of ``text`` (str or bytes) the encoding decision reads, cut at whitespace."""
    if len(text) <= SAMPLE_HEAD + SAMPLE_MIDDLE:
        return text
    space, newline = (" ", "\n") if isinstance(text, str) else (b" ", b"\n")
    head = text[:SAMPLE_HEAD]
    cut = max(head.rfind(space), head.rfind(newline))
    if cut > SAMPLE_HEAD // 2:
        head = head[:cut]
    middle = text[len(text) // 2 : len(text) // 2 + SAMPLE_MIDDLE]
    first = min((i for i in (middle.find(space), middle.find(newline)) if i >= 0), default=-1)
    last = max(middle.rfind(space), middle.rfind(newline))
    if 0 <= first < last:
        middle = middle[first + 1 : last]
    return head + newline + middle


def _looks_legacy(text: str) -> str | None:
    """Name the legacy encoding a decoded text was typed in, if it clearly was one."""
    text = sample(text)
    base = score(text)
    if base.foreign == 0 or base.foreign * _CLEAR_RATIO < base.vietnamese:
        # Clearly valid Unicode Vietnamese (a few names, codes or OCR slips aside): converting it
        # would turn its own vowels into foreign words, so no legacy table can win.
        return None
    best: tuple[float, str] | None = None
    for name, convert in _TEXT_CONVERTERS.items():
        converted = score(convert(text))
        if converted.foreign < base.foreign / 3 and converted.vietnamese_only > base.vietnamese_only:
            if best is None or converted.value > best[0]:
                best = (converted.value, name)
    return best[1] if best else None


def fix_legacy_text(text: str) -> tuple[str, str | None]:
    """Convert a Unicode string that still carries TCVN3/VNI glyph codes (a .docx typed in a
    .Vn or VNI font). Returns ``(text, legacy name or None)``; clean text is returned as is.

    >>> fix_legacy_text("Ngöôøi daân")
    ('Người dân', 'vni')
    """
    name = _looks_legacy(text)
    if name is None:
        return text, None
    return unicodedata.normalize("NFC", _TEXT_CONVERTERS[name](text)), name


def convert_legacy(text: str, name: str) -> str:
    """Convert a string carrying ``name`` ("tcvn3" or "vni") glyph codes to Unicode (NFC)."""
    return unicodedata.normalize("NFC", _TEXT_CONVERTERS[name](text))


def _decode_with(data: bytes, name: str, filename: str | None) -> str:
    key = name.lower().replace("_", "-")
    try:
        if key in LEGACY_ENCODINGS:
            return _CANDIDATES[key](data)
        codecs.lookup(key)
        return data.decode(key)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableText(filename, f"not valid {name}: {exc}") from None


def decode_text(data: bytes, *, hint: str | None = None, filename: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding_name)`` for the bytes of a text file; text is NFC.

    ``encoding_name`` is ``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1258``, ``tcvn3``, ``vni``,
    or ``utf-8+vni``/``utf-8+tcvn3`` for legacy glyph codes saved as UTF-8.
    Raises ``UndecodableText`` when no candidate reads as Vietnamese.
    """
    if hint:
        return unicodedata.normalize("NFC", _decode_with(data, hint, filename)), hint.lower()
    if data.startswith(codecs.BOM_UTF8):
        text, name = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, name = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UndecodableText(filename, f"UTF-16 byte-order mark but invalid UTF-16: {exc}") from None
    else:
        try:
            text, name = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return _decode_legacy(data, filename)
    legacy = _looks_legacy(text)
    if legacy:
        return unicodedata.normalize("NFC", _TEXT_CONVERTERS[legacy](text)), f"{name}+{legacy}"
    return unicodedata.normalize("NFC", text), name


def _decode_legacy(data: bytes, filename: str | None) -> tuple[str, str]:
    part = sample(data)  # every candidate is scored on the sample; only the winner decodes all
    results: list[tuple[float, int, str]] = []
    for order, (name, decoder) in enumerate(_CANDIDATES.items()):
        try:
            if part is not data and name == "cp1258":
                data.decode("cp1258")  # undefined bytes anywhere in the file rule it out
            text = unicodedata.normalize("NFC", decoder(part))
        except UnicodeDecodeError:
            continue
        s = score(text)
        if s.vietnamese_only > 0 and s.foreign <= max(2, s.vietnamese // 10):
            results.append((s.value, -order, name))
    if results:
        _, _, name = max(results)
        return unicodedata.normalize("NFC", _CANDIDATES[name](data)), name
    raise UndecodableText(filename, _describe(data))


def _describe(data: bytes) -> str:
    high = [b for b in data if b >= 0x80]
    decoded = _decode_cp1252(bytes(high))
    if sum(c.isalpha() for c in decoded) >= 0.9 * len(decoded):
        looks = "Western European text (Windows-1252/Latin-1), not Vietnamese"
    else:
        looks = "an unknown 8-bit or multi-byte encoding"
    return (
        f"{len(high)} bytes above 0x7F do not read as Vietnamese in UTF-8, Windows-1258, TCVN3 or "
        f"VNI; looks like {looks}; pass an encoding hint"
    )
