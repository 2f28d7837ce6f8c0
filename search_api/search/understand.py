"""What a civil servant typed, read before retrieval (pure): a document number, an owner, a
period, quoted phrases, and the words left to search.

The corpus side (owner labels, document numbers) is passed in, so this module never queries an
engine. Word lists live in ``search_api/data/query_cues.json``.

>>> owners = [OwnerEntry("so-y-te", "Sở Y tế"), OwnerEntry("bo-cong-an", "Bộ Công an")]
>>> i = understand("nhiệm vụ của Sở Y tế", owners=owners)
>>> i.owner.label, i.words
('Sở Y tế', 'Sở Y tế')
>>> understand("qd 2623 ttg").number_key
'2623/QĐ-TTg'
>>> understand("quý IV/2025").period
Period(start='2025-10-01', end='2025-12-31', text='quý IV/2025')
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from search_api.text import fold, number_key

CUES_FILE = Path(__file__).parents[1] / "data" / "query_cues.json"
_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d{2})"
_QUARTER = re.compile(rf"(?<!\w)quý\s+(iv|iii|ii|i|[1-4])\s*(?:/|-|năm\s+){_YEAR}(?!\w)", re.IGNORECASE)
_MONTH = re.compile(rf"(?<!\w)tháng\s+(1[0-2]|0?[1-9])\s*(?:/|-|năm\s+){_YEAR}(?!\w)", re.IGNORECASE)
_DAY = re.compile(rf"(?<!\w)ngày\s+(3[01]|[12]\d|0?[1-9])\s*(?:/|-|tháng\s+)(1[0-2]|0?[1-9])\s*(?:/|-|năm\s+){_YEAR}(?!\w)",
                  re.IGNORECASE)
_YEAR_ONLY = re.compile(rf"(?<!\w)năm\s+{_YEAR}(?!\w)", re.IGNORECASE)
# A number typed loosely: type code, digits, issuer code ("qd 844 ttg", "QĐ 1804", "kh 980 ubnd")
_LOOSE_NUMBER = re.compile(r"(?<!\w)([A-Za-zĐđ]{1,5})[\s.:-]*(\d{1,5})(?:[\s/-]+([A-Za-zĐđ]{2,8}))?(?!\w)")
_TYPE_WORDS = {"quyết định": "QĐ", "chỉ thị": "CT", "kế hoạch": "KH", "thông báo": "TB", "công văn": "CV",
               "nghị quyết": "NQ", "kết luận": "KL", "thông tư": "TT", "nghị định": "NĐ", "chương trình": "CTr",
               "quy định": "QĐ", "hướng dẫn": "HD", "báo cáo": "BC", "tờ trình": "TTr"}
_TYPE_CODES = {"qd", "ct", "kh", "tb", "cv", "nq", "kl", "tt", "nd", "ctr", "hd", "bc", "ttr", "dt", "pa"}


class CuesFileError(ValueError):
    """The query cues data file is missing a list or holds a non-string."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")


@cache
def cues(path: Path = CUES_FILE) -> dict[str, tuple[str, ...]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, tuple[str, ...]] = {}
    for name in ("owner_intent", "owner_titles"):
        values = data.get(name)
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise CuesFileError(path, f"{name!r} must be a list of non-empty strings")
        out[name] = tuple(values)
    return out


@cache
def misspellings(path: Path = CUES_FILE) -> dict[str, str]:
    """``written -> meant`` (``bổ xung -> bổ sung``), lower-case, from the cues file."""
    data = json.loads(path.read_text(encoding="utf-8")).get("misspellings")
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
                                             for k, v in data.items()):
        raise CuesFileError(path, "'misspellings' must map non-empty strings to non-empty strings")
    return {k.lower(): v.lower() for k, v in data.items()}


@dataclass(frozen=True, slots=True)
class OwnerEntry:
    """One owner of the corpus: its canonical key and a name as written."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class OwnerMatch:
    label: str  # the owner name as the user typed it (matched span)
    keys: tuple[str, ...]  # every owner key whose label holds it


@dataclass(frozen=True, slots=True)
class Period:
    start: str  # ISO dates, inclusive
    end: str
    text: str


@dataclass(frozen=True, slots=True)
class Interpretation:
    q: str
    words: str  # what is left to search as words (intent words around an owner removed)
    phrases: tuple[str, ...] = ()
    number_key: str | None = None
    number_only: bool = False
    owner: OwnerMatch | None = None
    period: Period | None = None
    spelling_variants: tuple[str, ...] = field(default=())


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


# --- quoted phrases --------------------------------------------------------------------------


def quoted_phrases(q: str) -> list[str]:
    """Phrases between quotes (straight, curly or guillemets), of two words or more."""
    return [" ".join(m.group(1).split()) for m in _QUOTED.finditer(q) if len(_WORD.findall(m.group(1))) >= 1]


# --- periods ---------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def find_period(q: str) -> Period | None:
    """A deadline range named in ``q``: a day, a month, a quarter or a year."""
    if m := _DAY.search(q):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if d <= calendar.monthrange(y, mo)[1]:
            iso = f"{y:04d}-{mo:02d}-{d:02d}"
            return Period(iso, iso, m.group(0))
    if m := _QUARTER.search(q):
        n, y = ROMAN[m.group(1).lower()], int(m.group(2))
        return Period(f"{y:04d}-{3 * n - 2:02d}-01", _month_end(y, 3 * n), m.group(0))
    if m := _MONTH.search(q):
        mo, y = int(m.group(1)), int(m.group(2))
        return Period(f"{y:04d}-{mo:02d}-01", _month_end(y, mo), m.group(0))
    if m := _YEAR_ONLY.search(q):
        y = int(m.group(1))
        return Period(f"{y:04d}-01-01", f"{y:04d}-12-31", m.group(0))
    return None


# --- document numbers ------------------------------------------------------------------------


def find_number(q: str, known: Iterable[str] = ()) -> tuple[str | None, str]:
    """``(number key, the text that held it)``: a number in any usual spelling (``844/qđ-ttg``,
    ``Quyết định 844/QĐ-TTg``), typed loosely (``qd 844 ttg``), or only a type and digits
    (``QĐ 1804``), which is resolved against the ``known`` number keys of the corpus."""
    key = number_key(q)
    if key:
        return key, q
    known = list(known)
    text = q
    for word, code in _TYPE_WORDS.items():
        text = re.sub(rf"(?<!\w){word}(?:\s+số)?(?!\w)", code, text, flags=re.IGNORECASE)
    for m in _LOOSE_NUMBER.finditer(text):
        code, digits, issuer = m.group(1), m.group(2), m.group(3)
        if fold(code) not in _TYPE_CODES:
            continue
        if issuer and fold(issuer) not in {"nam", "ngay", "thang"}:
            key = number_key(f"{digits}/{code}-{issuer}")
            if key:
                return key, m.group(0)
        prefix = f"{digits}/"
        hits = [k for k in known if k.startswith(prefix) and fold(k.split("/")[1]).startswith(fold(code))]
        if len(hits) == 1:
            return hits[0], m.group(0)
    return None, ""


def is_number_query(q: str, held: str) -> bool:
    """True when ``q`` is a number with at most a type word or two around it."""
    rest = q.replace(held, " ", 1) if held else q
    return len(rest.split()) <= 3 if held else False


# --- owners ----------------------------------------------------------------------------------


def _variants_of_label(label: str, abbreviations: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The label's folded words, and again with each known abbreviation spelled out / shortened."""
    out = [_words(label)]
    joined = " " + " ".join(out[0]) + " "
    for short, long in abbreviations:
        fs, fl = " " + " ".join(_words(short)) + " ", " " + " ".join(_words(long)) + " "
        if fs in joined:
            out.append(joined.replace(fs, fl).split())
        elif fl in joined:
            out.append(joined.replace(fl, fs).split())
    return out


class OwnerDirectory:
    """The corpus's owners ready for matching: each label's folded words (and its forms with
    abbreviations spelled out or shortened), indexed by word so a query reads in microseconds."""

    def __init__(self, owners: Iterable[OwnerEntry], abbreviations: Iterable[tuple[str, str]] = ()) -> None:
        pairs = list(abbreviations)
        self.owners = list(owners)
        self.forms: list[tuple[int, list[str]]] = []
        self.at: dict[str, list[tuple[int, int]]] = {}  # word -> (form index, position)
        titles = frozenset(cues()["owner_titles"])
        for i, o in enumerate(self.owners):
            for form in _variants_of_label(o.label, pairs):
                f = len(self.forms)
                self.forms.append((i, form))
                for pos, w in enumerate(form):
                    # a name starts a label or follows a title word ("các", "Bộ trưởng")
                    if pos == 0 or form[pos - 1] in titles:
                        self.at.setdefault(w, []).append((f, pos))

    def __len__(self) -> int:
        return len(self.owners)

    def keys_for(self, span: Sequence[str]) -> tuple[list[str], bool]:
        """Keys of the owners whose label holds ``span``, and whether one label is ``span``."""
        keys: list[str] = []
        whole = False
        n = len(span)
        for f, pos in self.at.get(span[0], ()):
            i, form = self.forms[f]
            if form[pos:pos + n] == list(span):
                keys.append(self.owners[i].key)
                whole = whole or (pos == 0 and len(form) == n)
        return list(dict.fromkeys(keys)), whole


def find_owner(q: str, owners: OwnerDirectory | Sequence[OwnerEntry],
               abbreviations: Iterable[tuple[str, str]] = ()) -> OwnerMatch | None:
    """The longest run of two or more query words naming an owner of the corpus (accents
    optional, abbreviations either way); its keys are every owner whose label holds that run.

    A run that is only part of a label ("thanh tra" of "Thanh tra Chính phủ") names an owner
    when it has three words or more, or when the query asks for an owner's tasks ("nhiệm vụ
    của", "phải làm"); a whole label always does."""
    directory = owners if isinstance(owners, OwnerDirectory) else OwnerDirectory(owners, abbreviations)
    if not len(directory):
        return None
    qwords = _WORD.findall(q)
    folded = [fold(w) for w in qwords]
    joined = " " + " ".join(folded) + " "
    asks = any(f" {' '.join(_words(c))} " in joined for c in cues()["owner_intent"] if len(_words(c)) > 1
               or _words(c)[0] in {"viec", "giao"})
    for size in range(min(len(folded), 12), 1, -1):
        for start in range(len(folded) - size + 1):
            span = folded[start:start + size]
            if span[0] in {"cua", "cac", "viec", "do"}:
                continue
            keys, whole = directory.keys_for(span)
            if keys and (whole or asks or size >= 3):
                return OwnerMatch(label=" ".join(qwords[start:start + size]), keys=tuple(keys[:40]))
    return None


def _strip_intent(q: str, owner_label: str) -> str:
    """``q`` without the words that only ask for an owner's tasks ("nhiệm vụ của", "phải làm")."""
    fq = fold(q)
    at = fq.find(fold(owner_label))
    if at < 0:
        return q
    before, after = q[:at], q[at + len(owner_label):]
    for phrase in sorted(cues()["owner_intent"], key=len, reverse=True):
        fp = fold(phrase)
        if fold(before).strip().endswith(fp):
            before = before[: len(before.rstrip()) - len(fp)]
        if fold(after).strip().startswith(fp):
            after = after[len(after) - len(after.lstrip()) + len(fp):]
    for phrase in sorted(cues()["owner_intent"], key=len, reverse=True):
        before = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", before, flags=re.IGNORECASE)
        after = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", after, flags=re.IGNORECASE)
    return " ".join(f"{before} {owner_label} {after}".split())


# --- spelling variants -----------------------------------------------------------------------

# i/y spelled either way: open syllables of one onset consonant (lí/lý, kỉ/kỷ, sĩ/sỹ, tỉ/tỷ)
_IY = re.compile(r"(?<!\w)[hklmst]([iyíìỉĩịýỳỷỹỵ])(?!\w)", re.IGNORECASE)
_I_TO_Y = str.maketrans("iíìỉĩịyýỳỷỹỵ", "yýỳỷỹỵiíìỉĩị")


def spelling_variants(q: str) -> list[str]:
    """``q`` with the usual variant spellings swapped: a final i/y (``quản lí`` / ``quản lý``,
    ``kỉ luật`` / ``kỷ luật``, ``sĩ`` / ``sỹ``) and the misspelt words of the data file
    (``bổ xung`` -> ``bổ sung``). Tone-mark errors need none: the folded field ignores them."""
    out = []
    iy = _IY.sub(lambda m: m.group(0)[:-1] + m.group(1).translate(_I_TO_Y), q)
    if iy != q:
        out.append(iy)
    fixed = q
    for wrong, right in misspellings().items():
        fixed = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, fixed, flags=re.IGNORECASE)
    if fixed != q:
        out.append(fixed)
    return out


# --- the whole reading -----------------------------------------------------------------------


def understand(
    q: str,
    *,
    owners: OwnerDirectory | Sequence[OwnerEntry] = (),
    numbers: Iterable[str] = (),
    abbreviations: Iterable[tuple[str, str]] = (),
    as_words: bool = False,
) -> Interpretation:
    """Read ``q``. ``as_words`` (the page's undo link) keeps the number, phrases and period but
    recognises no owner."""
    q = " ".join(q.split())
    phrases = tuple(quoted_phrases(q))
    key, held = find_number(q, numbers)
    number_only = bool(key) and is_number_query(q, held)
    period = None if number_only else find_period(q)
    owner = None
    words = _QUOTED.sub(lambda m: m.group(1), q)
    if not as_words and not number_only:
        owner = find_owner(words, owners, abbreviations)
        if owner is not None:
            words = _strip_intent(words, owner.label)
    return Interpretation(q=q, words=words, phrases=phrases, number_key=key, number_only=number_only,
                          owner=owner, period=period, spelling_variants=tuple(spelling_variants(words)))
