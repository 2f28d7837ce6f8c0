"""Known issuing bodies (``data/issuers.json``): an OCR'd or unaccented header read leniently.

- :func:`match`: the canonical name of the known body a header line names, compared without
  accents, spaces and punctuation (``THỦ TƯỚNG CHÍNHPHỦ``, ``Van phong chính phu``) and, on
  a garbled line only, within a small edit distance on the whole line or its beginning
  (``TONG CỤC THU. cue THUẾ:``);
- :func:`from_symbol`: the body named by the issuer code of a number (``470/TCT-TTKT`` ->
  Tổng cục Thuế), read from a number line even when its digits are not (``Số: §Ø0 /TCT-TTr``);
- :func:`readable_number`: whether a number is well formed (``41 /CT-TTs`` is not: ``TTs``);
- :func:`readable_place`: whether a place of a date line is readable (``Ha Nội`` is not);
- :func:`garbled`: whether a caps header line is OCR noise (odd characters, non-syllables,
  or no diacritic at all in a line of several words).

>>> match("THỦ TƯỚNG CHÍNHPHỦ")
'Thủ tướng Chính phủ'
>>> match("Van phong chính phu")
'Văn phòng Chính phủ'
>>> from_symbol("Số: 470/TCT-TTKT")
'Tổng cục Thuế'
>>> readable_number("41/CT-TTs"), readable_number("11/CT-TTg"), readable_number("11554/VPCP-V.I")
(False, True, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ingest import vocab
from ingest.encoding import is_vietnamese_syllable

_STATE_NUMBER = re.compile(r"^\d{1,5}(?:/\d{4})?/(?P<symbol>[^\W\d_][\w&.]*(?:-[^\W\d_][\w&.]*)*)$")
_PARTY_NUMBER = re.compile(r"^\d{1,5}-(?P<symbol>[^\W\d_]+/[^\W\d_][\w&.]*(?:-[^\W\d_][\w&.]*)*)$")
_CODE = re.compile(r"^[^\W\d_][^\W\d_&.]*(?:&[^\W\d_]+)?(?:\.[^\W\d_]+)*\d{0,2}$")  # "V.I": Vụ I
_CODE_TOKEN = re.compile(r"(?<![\w&])[A-ZĐ][A-Za-zĐđ&]{1,11}(?![\w&])")
_TONE_PLACEMENT = {  # old-style tone placement -> new style (hoà -> hòa, uỷ -> ủy)
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_ODD_CHARS = re.compile(r"[^\w\s,.\-–()&/]")


def fold(text: str) -> str:
    """Lower case, no diacritics, ``đ`` -> ``d``, letters and digits only, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


@cache
def _data() -> dict:
    return vocab._load_json("issuers.json")


@cache
def _known() -> tuple[tuple[str, str], ...]:
    """(squashed name, canonical name), longest first."""
    data = _data()
    names = list(data["names"])
    templates = data["local_templates"]
    for place in data["provinces"]:
        names.extend(t.format(place=place) for t in templates["province"])
    for place in data["cities"]:
        names.extend(t.format(place=place) for t in templates["city"])
    pairs = {(_squash(n), n) for n in names}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[1])))


@cache
def _first_word(name: str) -> str:
    return fold(name).split()[0]


def _limit(n: int) -> int:
    """Edits allowed in a name of ``n`` letters."""
    return 0 if n <= 5 else 1 if n <= 10 else 2 if n <= 20 else 3


def _prefix_distance(s: str, key: str, limit: int) -> tuple[int, int]:
    """(edits from ``key`` to the whole of ``s``, edits from ``key`` to the best prefix of
    ``s``), each cut off above ``limit`` (then ``limit + 1``); one banded table for both."""
    over = limit + 1
    m, n = len(key), min(len(s), len(key) + limit)
    prev = [j if j <= limit else over for j in range(n + 1)]
    for i in range(1, m + 1):
        lo, hi = max(1, i - limit), min(n, i + limit)
        cur = [over] * (n + 1)
        if i <= limit:
            cur[0] = i
        ki = key[i - 1]
        for j in range(lo, hi + 1):
            cost = min(prev[j - 1] + (ki != s[j - 1]), prev[j] + 1, cur[j - 1] + 1)
            cur[j] = cost if cost <= limit else over
        prev = cur
    prefix = min(prev[max(0, m - limit) : n + 1], default=over)
    whole = prev[len(s)] if len(s) <= n else over
    return whole, prefix


@cache
def _by_first_word() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for key, name in _known():
        out.setdefault(_first_word(name), []).append((key, name))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _exact_keys() -> dict[str, str]:
    return dict(reversed(_known()))


@lru_cache(maxsize=4096)
def match(line: str) -> str | None:
    """The known body ``line`` names (the whole line, or its beginning before some noise)."""
    folded = fold(line)
    for short, full in _abbreviations().items():
        if folded == short or folded.startswith(short + " "):
            folded = fold(full) + folded[len(short) :]
    s = folded.replace(" ", "")
    if len(s) < 4:
        return None
    if s in _exact_keys():
        return _exact_keys()[s]
    if not garbled(line):
        # a readable line names a known body only with all its letters: edits would turn
        # "UBND THỊ XÃ PHÚ THỌ" into the province, "THÀNH PHỐ THỦ ĐỨC" into Huế
        return None
    first = folded.split()[0]
    # the head word is read as it is (SỞ TƯ PHÁP is not BỘ TƯ PHÁP)
    candidates = [c for w, group in _by_first_word().items() if w == first or s.startswith(w) for c in group]
    best: tuple[int, int, str] | None = None
    for key, name in candidates:
        limit = _limit(len(key))
        if len(s) + limit < len(key):
            continue
        whole, prefix = _prefix_distance(s, key, limit)
        d = whole if whole <= limit or len(s) <= len(key) else prefix
        if d <= limit and (best is None or (d, -len(key)) < best[:2]):
            best = (d, -len(key), name)
    return best[2] if best else None


def exact(line: str, name: str) -> bool:
    """``line`` writes ``name`` with its accents (case and spacing aside)."""
    def norm(t: str) -> str:
        t = unicodedata.normalize("NFC", t).lower()
        for old, new in _TONE_PLACEMENT.items():
            t = t.replace(old, new)
        return " ".join(t.split())

    return norm(line) == norm(name)


def readable_number(number: str) -> bool:
    """A well-formed number: digits, then codes each all upper case, all lower case (web
    copies) or a known mixed-case code (``TTg``, ``CTr``)."""
    m = _STATE_NUMBER.match(number) or _PARTY_NUMBER.match(number)
    if not m:
        return False
    mixed = set(_data()["mixed_case_codes"]["codes"])
    for code in re.split(r"[/-]", m.group("symbol")):
        if not _CODE.match(code):
            return False
        letters = re.sub(r"[^\w]|\d", "", code)
        if not (letters.isupper() or letters.islower() or code in mixed):
            return False
    return True


def from_symbol(line: str) -> str | None:
    """The body of the first known issuer code on a number line (``Số: 470/TCT-TTKT`` ->
    Tổng cục Thuế); type codes and codes that need a place (``UBND``, ``TU``) give nothing."""
    m = re.search(r"(?<!\w)(?:Số|SỐ|So)(?!\w)\s*:?", line)
    if not m:
        return None
    codes = _data()["codes"]
    tail = line[m.end() : m.end() + 40]
    tail = re.split(r"\s{2,}|\s(?=[A-ZÀ-ỸĐ][a-zà-ỹđ]+[\s,])", tail.strip(), maxsplit=1)[0]
    for token in _CODE_TOKEN.findall(tail):
        if token in codes:
            return codes[token]
    return None


@cache
def codes_of() -> dict[str, tuple[str, ...]]:
    """Known body -> the issuer codes that stand for it (``Văn phòng Chính phủ`` -> ``VPCP``)."""
    out: dict[str, list[str]] = {}
    for code, body in _data()["codes"].items():
        if code != "#":
            out.setdefault(body, []).append(code)
    return {body: tuple(codes) for body, codes in out.items()}


def garbled(line: str) -> bool:
    """OCR noise in a header line: odd characters, letters and digits run together, a long
    word that is no Vietnamese syllable (``CHÍNHPHỦ``, ``THUÊSZ``; short ones are
    abbreviations or minority place names: ``KH&CN``, ``KRÔNG BÚK``, ``ĐẮK LẮK``), or three
    or more words without a single diacritic (``CUC THUE TINH HOA BINH``)."""
    if _ODD_CHARS.search(_INNER_APOSTROPHE.sub("", line)):
        return True
    abbreviations = vocab.abbreviations()
    if any(re.search(r"\d", t) and re.search(r"[^\W\d_]", t) and t not in abbreviations for t in line.split()):
        return True  # "Đ3", "2G20"
    words = re.findall(r"[^\W\d_]+", _INNER_APOSTROPHE.sub("", line))
    if any(_noise_word(w) and w not in abbreviations for w in words):
        return True
    plain = all(unicodedata.normalize("NFD", w) == w and "đ" not in w.lower() for w in words)
    return plain and len(words) >= 3


_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")  # "CƯ M'GAR"


def _noise_word(word: str) -> bool:
    if is_vietnamese_syllable(word):
        return False
    if re.search(r"[FJWZfjwz]", word) and len(word) > 3:
        return True
    return len(word) > 6


@cache
def _abbreviations() -> dict[str, str]:
    return {k: v for k, v in _data()["abbreviations"].items() if k != "#"}


@cache
def _places() -> dict[str, str]:
    """Folded province-level place -> its written name (``ha noi`` -> ``Hà Nội``)."""
    data = _data()
    names = [*data["provinces"], *data["cities"], *(f"Thành phố {c}" for c in data["cities"])]
    return {fold(n): n for n in names}


def readable_place(place: str) -> bool:
    """A place written as a place: capitalised syllables, and a known province or city with
    its accents (``Ha Nội`` and ``là Nội`` are OCR noise; ``Tuy Phong`` is a place)."""
    bare = re.sub(r"^TP\.\s*", "", place)
    words = re.findall(r"[^\W\d_]+", bare)
    if not words or not bare[:1].isupper() or garbled(bare):
        return False
    if any(not (w[:1].isupper() or w in ("phố", "xã")) for w in words):
        return False
    known = _places().get(fold(bare))
    return known is None or exact(bare, known)
