"""Find the documents a text cites: numbered ids, short forms, standards and name-only references.

Character-level and pure: offsets are indices into the text given (the normalised
``ParsedDocument.text``). Patterns and word lists live in ``nlp/data`` (reference_patterns.json,
doc_types.json, issuers.json, relation_cues.json).

>>> refs = find_references("Căn cứ Nghị định số 62/2015/NĐ-CP ngày 18/7/2015 của Chính phủ quy định ...")
>>> refs[0].id, refs[0].issued_date, refs[0].issuer, refs[0].relation.value
('62/2015/NĐ-CP', '2015-07-18', 'Chính phủ', 'legal_basis')
>>> refs[0].mention.text
'Nghị định số 62/2015/NĐ-CP ngày 18/7/2015 của Chính phủ'
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise

from ingest.model import Span
from nlp import lexicon
from nlp.annotate import active, once
from nlp.canonical import canonical_code, normalize_ref_id
from nlp.dates import parse_date
from nlp.lexicon import DocType
from nlp.model import Reference
from nlp.pos import tagged_tokens
from nlp.relations import annotate, relation_at

_FILE = "reference_patterns.json"
_WORD = re.compile(r"[\w&]+(?:[-/:.,][\w&]+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?](?=\s|\Z)|\n")
_NUMBERED = re.compile(r"^(?=\S*\d)(?=\S*/)\S+$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_WORD_CHAR = re.compile(r"\w")


def _p(name: str) -> re.Pattern[str]:
    return lexicon.pattern(_FILE, name)


# --------------------------------------------------------------------------- data holders


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    ref_id: str
    key: str
    numbered: bool
    doc_type: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    extent_end: int = 0  # end of the subject (trích yếu) that follows the mention
    name_words: tuple[str, ...] = ()  # name-only: folded words for short-form resolution
    year: str | None = None


@dataclass(slots=True)
class _Ref:
    first: _Mention
    spans: list[tuple[int, int]] = field(default_factory=list)
    later: list[_Mention] = field(default_factory=list)  # fill what the first mention leaves out


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    """Lower case without diacritics (pure, called per word of a name: cached)."""
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text)


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _squash(text: str) -> str:
    return " ".join(text.split())


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``pos`` (ends at ``.``/``!``/``?`` + space or newline)."""
    lo = max(0, pos - 2000)
    last = text.rfind("\n", lo, pos)  # the last sentence end in [lo, pos), as _SENTENCE_END finds it
    for mark in ".!?":
        at = pos
        while (at := text.rfind(mark, max(lo, last + 1), at)) >= 0:
            if at + 1 == pos or text[at + 1].isspace():
                last = at
                break
    start = last + 1
    while start < len(text) and text[start].isspace():
        start += 1
    m = _SENTENCE_END.search(text, pos)
    end = m.end() if m and m.group(0) != "\n" else (m.start() if m else len(text))
    return start, end


def _type_of_word(word: str) -> DocType | None:
    return lexicon.type_by_word().get(_squash(word).lower())


def _type_from_codes(code: str, party: bool) -> str | None:
    code = canonical_code(code)
    names = [
        t.name for t in lexicon.doc_types()
        if code in (t.party_codes if party else t.state_codes)
    ]
    return names[0] if len(names) == 1 else None


def _iso(text: str) -> str | None:
    d = parse_date(text.replace("ngày", "").strip())
    return d.isoformat() if d else None


def _is_cap(word: str) -> bool:
    return bool(word) and word[0].isupper()


# --------------------------------------------------------------------------- issuer reading


def _read_issuer(text: str, pos: int, *, need_head: bool = False) -> tuple[str, int] | None:
    """Read an issuer name starting at ``pos``; returns (name, end) or None.

    Capitalised words, a lower-case syllable right after a capitalised one (``Tư pháp``),
    inner words (``cán sự đảng``, ``nhân dân tối cao``, ``lần thứ sáu``), roman numerals;
    a comma continues only into another issuer head (``..., Tòa án nhân dân tối cao``).
    """
    inner, heads, stops = _issuer_words()
    cap_stops = _name_word_res()[0]
    tokens = _Tokens(text, pos, 300)
    if not tokens.has(0) or not _is_cap(tokens[0][2]):
        return None
    if need_head and not text.startswith(heads, pos):
        return None
    end = pos
    prev_cap = False
    taken = 0
    i = 0
    while tokens.has(i) and taken < 40:
        s, e, w = tokens[i]
        if "\n" in text[end:s]:
            break
        if w == ",":
            nxt = tokens[i + 1] if tokens.has(i + 1) else None
            if nxt and text.startswith(heads, nxt[0]) and taken:
                i += 1
                prev_cap = False
                continue
            break
        if w in ("-", "–") and taken and tokens.has(i + 1) and _is_cap(tokens[i + 1][2]):
            i += 1  # "Bộ Lao động - Thương binh và Xã hội": one name across the dash
            continue
        if not _WORD_CHAR.match(w):
            break
        low = w.lower()
        if cap_stops.match(text[s:s + 20].lower()):
            break  # "... Lào Cai ban hành", "... Chính phủ quy định"
        if taken and _is_cap(w) and _issuer_ending_type(text, s):
            break  # "... của Văn phòng Chính phủ Kết luận Phiên họp ...": a document, not the body
        if _is_cap(w) or _ROMAN.match(w):
            ok = True
        elif prev_cap and low not in stops:
            ok = True
        elif low in inner:
            ok = low != "và" or (tokens.has(i + 1) and _is_cap(tokens[i + 1][2]))
        else:
            ok = False
        if not ok:
            break
        end = e
        prev_cap = _is_cap(w)
        taken += 1
        i += 1
    # drop trailing words that cannot end a name
    name = text[pos:end]
    while True:
        trimmed = re.sub(r"\s+(?:và|lần|thứ|khóa|khoá|năm)$", "", name)
        if trimmed == name:
            break
        name = trimmed
    end = pos + len(name)
    return (_squash(name), end) if name.strip() else None


# --------------------------------------------------------------------------- numbered ids


def _id_from_match(m: re.Match[str]) -> tuple[str, bool, str | None, str | None]:
    """(canonical id, party?, first type code, year) of an id match."""
    raw = m.group(0)
    canon = normalize_ref_id(raw)
    if m.group("pnum"):
        return canon, True, m.group("ptype"), None
    first_code = re.split(r"[\s\-\u2010-\u2014\u2212]+", m.group("symbol").strip())[0]
    return canon, False, first_code, m.group("year")


def _numbered_mentions(text: str) -> tuple[list[_Mention], list[tuple[int, int]], str | None]:
    """See :func:`_find_numbered_mentions`; read once per annotated document."""
    return once(text, "numbered", _find_numbered_mentions)


def _find_numbered_mentions(text: str) -> tuple[list[_Mention], list[tuple[int, int]], str | None]:
    """All numbered citations; also the spans of header number lines and the header's own id.

    Cached per text: callers read the mentions and never change them.
    """
    mentions: list[_Mention] = []
    header_key: str | None = None
    pending: list[_Mention] = []  # ids waiting for the date of a later id in a chain
    for m in _p("id").finditer(text):
        s, e = m.span()
        canon, party, code, year = _id_from_match(m)
        before = text[max(0, s - 80):s]
        pm = _p("prefix").search(before)
        type_word = pm.group("type") if pm else None
        has_so = bool(pm and pm.group("so"))
        if type_word:
            # the type word must start a word
            tstart = s - len(before) + pm.start("type")
            if tstart > 0 and text[tstart - 1].isalnum():
                type_word, has_so = None, bool(pm.group("so"))
        first_char = (m.group("ptype") if party else m.group("symbol")).lstrip()[:1]
        if not first_char.isupper() and not (type_word or has_so):
            continue
        start = s
        if pm and (type_word or has_so):
            start = s - len(before) + pm.start() if type_word else s - len(before) + pm.start("so")
        # header number line ("Số: 1804/QĐ-BTP" alone at the top) names the document itself
        line_start = text.rfind("\n", 0, start) + 1
        if has_so and not type_word and not text[line_start:start].strip():
            header_key = header_key or canon
            continue
        dtype_obj = _type_of_word(type_word) if type_word else None
        doc_type = dtype_obj.name if dtype_obj else (_type_from_codes(code, party) if code else None)
        mention = _Mention(start=start, end=e, ref_id=canon, key=canon, numbered=True,
                           doc_type=doc_type, year=year)
        pos = e
        after = text[pos:pos + 120]
        dm = _p("date_after").match(after)
        if dm:
            mention.issued_date = _iso(dm.group("date"))
            pos += dm.end()
        after = text[pos:pos + 20]
        im = _p("issuer_lead").match(after)
        issuer = None
        if im:
            issuer = _read_issuer(text, pos + im.end())
        elif dm:
            lead = len(after) - len(after.lstrip(" ,"))
            issuer = _read_issuer(text, pos + lead, need_head=True)
        if issuer:
            mention.issuer, pos = issuer
            if not dm:
                dm2 = _p("date_after").match(text[pos:pos + 120])
                if dm2:
                    mention.issued_date = _iso(dm2.group("date"))
                    pos += dm2.end()
        mention.end = pos
        if not dm and not issuer:
            cm = _p("chain").match(text[pos:pos + 80])
            if cm and _p("id").match(text, pos + cm.end()):
                pending.append(mention)
                mentions.append(mention)
                continue
        for other in pending:  # ids sharing this date/issuer
            other.issued_date = mention.issued_date
            other.issuer = mention.issuer
            other.end = mention.end
        if pending:
            mention.start = pending[0].start
            for other in pending:
                other.start = pending[0].start
        pending = []
        mentions.append(mention)
    for mention in mentions:
        mention.extent_end = _subject_end(text, mention.end)
    return mentions, [], header_key


def _subject_end(text: str, pos: int) -> int:
    """End of the subject that follows a citation ending at ``pos`` (or ``pos`` if none)."""
    if not _p("subject_lead").match(text[pos:pos + 40]):
        return pos
    m = _p("clause_end").search(text, pos + 1)
    # a quoted subject may hold its own full stop: end after the closing quote
    end = m.start() if m else len(text)
    return end


def _standards(text: str) -> list[_Mention]:
    out = []
    for m in _p("standard").finditer(text):
        ref_id = re.sub(r"\s+", "", m.group("std"))
        out.append(_Mention(start=m.start(), end=m.end(), ref_id=ref_id, key=ref_id,
                            numbered=bool(_NUMBERED.match(ref_id)), doc_type="Tiêu chuẩn quốc gia",
                            extent_end=m.end()))
    return out


# --------------------------------------------------------------------------- name-only references


def _prev_words(text: str, pos: int, n: int = 4) -> str:
    chunk = text[max(0, pos - 60):pos]
    chunk = re.sub(r"[“”\"*\s]+$", "", chunk)
    return " ".join(chunk.split()[-n:])


def _ends_with_any(phrase: str, options: tuple[str, ...]) -> bool:
    low = phrase.lower()
    whole, tails = _endings(options)
    return low in whole or low.endswith(tails)


@lru_cache(maxsize=64)
def _endings(options: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A word list (from the data files) as the whole phrases and the `` word`` endings."""
    return frozenset(options), tuple(" " + o for o in options)


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 5):pos].rstrip(" *\t“\"")
    return not before or before[-1] in ".\n:!?" or before.endswith("-")


class _Tokens:
    """The words and signs of ``text[pos:pos + limit]`` (``_WORD``), read as far as a caller
    asks: a name is a few words, the window is the longest one allowed."""

    __slots__ = ("_items", "_iter")

    def __init__(self, text: str, pos: int, limit: int) -> None:
        self._iter = _WORD.finditer(text, pos, min(len(text), pos + limit))
        self._items: list[tuple[int, int, str]] = []

    def has(self, i: int) -> bool:
        """Whether there is an ``i``-th token."""
        items = self._items
        while len(items) <= i:
            m = next(self._iter, None)
            if m is None:
                return False
            items.append((m.start(), m.end(), m.group(0)))
        return True

    def __getitem__(self, i: int) -> tuple[int, int, str]:
        if not self.has(i):
            raise IndexError(i)
        return self._items[i]


def _tokens(text: str, pos: int, limit: int = 600) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, pos, min(len(text), pos + limit))]


def _words_re(words: tuple[str, ...] | frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` followed by no word character (``re.match`` of each, in one pattern)."""
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words)) + r")(?!\w)" if words else "(?!)")


@cache
def _name_word_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Capitalised stop words and name verbs of ``name_rules``, each list one pattern."""
    rules = lexicon.name_rules()
    return _words_re(rules.capitalized_stop_words), _words_re(rules.name_verbs)


@cache
def _issuer_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Inner words, heads and stop words of an issuer name (``issuers.json``, ``name_rules``)."""
    iss = lexicon.issuers()
    stops = lexicon.name_rules().stop_words | set(iss.end_words["words"])
    return frozenset(iss.inner_words["words"]), tuple(iss.heads["words"]), frozenset(stops)


@dataclass(frozen=True, slots=True)
class _LawNames:
    types: frozenset[str]
    end_tags: frozenset[str]
    kept_before: frozenset[str]
    max_syllables_before_comma: int
    about_words: frozenset[str] = frozenset()  # folded
    known_titles: re.Pattern[str] | None = None  # titles the reading cannot close, at a title's start


def _titles_re(titles: list[str]) -> re.Pattern[str] | None:
    """One pattern for ``titles`` matched at a title's start: longest first, any case, a
    comma with or without spaces, any white space (line breaks too) between words."""
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        raise TypeError("known_titles: a list of titles")
    if not titles:
        return None

    def one(title: str) -> str:
        words = re.findall(r"\w+|,", title)
        out = ""
        for w in words:
            out += r"\s*,\s*" if w == "," else (r"\s+" if out and not out.endswith(r",\s*") else "") + re.escape(w)
        return out

    alts = sorted((one(t) for t in titles), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


@cache
def _law_names() -> _LawNames:
    """``law_names`` of reference_patterns.json: where a law's title ends (validated once)."""
    data = lexicon.raw(_FILE).get("law_names")
    try:
        out = _LawNames(types=frozenset(data["types"]), end_tags=frozenset(data["end_tags"]),
                        kept_before=frozenset(data["kept_before"]),
                        about_words=frozenset(_fold(w) for w in data["about_words"]),
                        max_syllables_before_comma=int(data["max_syllables_before_comma"]),
                        known_titles=_titles_re(data.get("known_titles", [])))
    except (KeyError, TypeError, ValueError) as exc:
        raise lexicon.DataFileError(_FILE, f"bad law_names: {exc}") from exc
    if not out.types or not all(isinstance(t, str) and t for t in out.types | out.end_tags):
        raise lexicon.DataFileError(_FILE, "bad law_names: empty type or tag")
    return out


@cache
def _issuer_ending_types() -> frozenset[str]:
    """``issuer_ending_types`` of reference_patterns.json: kinds no body's name holds."""
    words = lexicon.raw(_FILE).get("issuer_ending_types", {}).get("types")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise lexicon.DataFileError(_FILE, "bad issuer_ending_types")
    return frozenset(words)


def _issuer_ending_type(text: str, pos: int) -> bool:
    """Whether a document kind that ends an issuer's name starts at ``pos``."""
    m = _type_start_re().match(text, pos)
    dtype = _type_of_word(m.group(0)) if m else None
    return dtype is not None and dtype.name in _issuer_ending_types()


def _is_type_at(text: str, pos: int) -> bool:
    m = _type_start_re().match(text, pos)
    return bool(m) and _is_cap(m.group(0))


def _numbered_kind_at(text: str, pos: int) -> bool:
    """Whether a capitalised kind of document that is cited by number (it has a symbol code:
    Nghị định, Quyết định, ...) starts at ``pos``. Kinds known only by name (Quy hoạch, Hiệp
    định, Chiến lược: no code) are words of a law's title (``Luật Quy hoạch``)."""
    m = _type_start_re().match(text, pos)
    if not m or not _is_cap(m.group(0)):
        return False
    dtype = _type_of_word(m.group(0))
    return dtype is None or bool(dtype.state_codes or dtype.party_codes) or dtype.named == "any"


@lru_cache(maxsize=1)
def _type_start_re() -> re.Pattern[str]:
    words = [w for t in lexicon.doc_types() if t.named != "never" or True for w in t.words]
    from nlp.patterns import alternation

    return re.compile(r"(?<!\w)(?:" + alternation(words) + r")(?!\w)")


def _read_name(text: str, pos: int, mode: str, *, first_lower_ok: bool, law: bool = False) -> int:
    """End of a name starting at ``pos`` (``pos`` if none). mode 'any' lets commas continue.

    ``law``: the name is a law's title (``law_names``): an adjective or adverb after its first
    word ends it, and a comma continues it only after a short part (``Luật Phòng, chống ...``)
    into a short conjunct (:func:`_title_comma_end`)."""
    commas: list[tuple[int, int]] = []
    end = _read_name_words(text, pos, mode, first_lower_ok=first_lower_ok, law=law, commas=commas)
    return _title_comma_end(text, pos, end, commas) if law and commas else end


_MAX_CONJUNCT = 3  # syllables of what a comma inside a law's title adds before the title goes on or ends


def _title_comma_end(text: str, pos: int, end: int, commas: list[tuple[int, int]]) -> int:
    """Where a law's title read to ``end`` ends, given the commas it ran through (each with the
    syllables of the part before it). A comma inside a title coordinates short parallel heads
    (``Thi đua, khen thưởng``, ``Cán bộ, công chức``, ``Thuế xuất khẩu, thuế nhập khẩu``); after a
    head of two syllables or more, a part that runs on longer than ``_MAX_CONJUNCT`` syllables, or
    that holds a capitalised word, is the sentence going on (``Luật Công chứng, gửi Bộ Tư pháp``,
    ``Luật Đất đai, đồng thời rà soát ...``): the title ends at that comma. A single-syllable head
    shares what follows (``Phòng, chống ma túy``); titles the rule would cut are ``known_titles``."""
    for n, (comma, before) in enumerate(commas):
        if _p("amending_head").search(text[pos:comma]):
            continue
        if before < 2:
            if _one_syllable_after(text, comma + 1, end):
                continue  # "Phòng, chống ma túy": two one-syllable heads share what follows
            return len(text[:comma].rstrip())  # "Luật Dược, tổ chức hội nghị ...": the sentence goes on
        stop = commas[n + 1][0] if n + 1 < len(commas) else end
        conjunct = re.findall(r"\w+", text[comma + 1:stop])
        if len(conjunct) > _MAX_CONJUNCT or any(_is_cap(w) for w in conjunct):
            return len(text[:comma].rstrip())
    return end


def _one_syllable_after(text: str, pos: int, end: int) -> bool:
    """Whether the first word after ``pos`` (before ``end``), as pyvi segments it, is one syllable."""
    tagged = tagged_tokens(text, pos, end)
    return bool(tagged) and not _SPACE.search(text, tagged[0][0], tagged[0][1])


def _read_name_words(text: str, pos: int, mode: str, *, first_lower_ok: bool, law: bool,
                     commas: list[tuple[int, int]]) -> int:
    """:func:`_read_name` before its commas are judged; ``commas`` gets each comma the name runs
    through, with the syllables of the part before it."""
    rules = lexicon.name_rules()
    cap_stops, name_verbs = _name_word_res()
    tokens = _Tokens(text, pos, 600)
    end = pos
    words = 0
    i = 0
    laws = _law_names() if law else None
    first_cap = tokens.has(0) and _is_cap(tokens[0][2])
    law_words: tuple[set[int], set[int], set[int]] | None = None  # see _law_title_words (tagged lazily)
    part = 0  # syllables of the title since its start or its last comma
    first_abbr = tokens.has(0) and len(tokens[0][2]) > 1 and tokens[0][2].isupper()
    if laws is not None and laws.known_titles is not None:
        known = laws.known_titles.match(text, pos)
        if known:
            return known.end()  # "Luật Hôn nhân và gia đình": a title the rules below cannot close
    while tokens.has(i) and words < rules.max_name_words:
        s, e, w = tokens[i]
        if "\n" in text[end:s]:
            break
        low = w.lower()
        if w in (",",):
            nxt = tokens[i + 1] if tokens.has(i + 1) else None
            if ((mode == "any" or words == 1)  # "Kế hoạch Phòng, chống dịch bệnh ...": a one-syllable head shares what follows
                    and nxt and re.fullmatch(r"[^\W\d_]+", nxt[2]) and not _is_cap(nxt[2])
                    and nxt[2].lower() not in rules.stop_words
                    and not _ends_with_any(nxt[2], rules.determiners)
                    # "Quy định về thi hành Điều lệ Đảng, về công tác kiểm tra ...": the outer list's next subject
                    and not cap_stops.match(text, nxt[0])
                    and (laws is None or part <= laws.max_syllables_before_comma)):
                commas.append((s, part))
                i += 1
                part = 0
                continue
            break
        if w == "-" and words:  # "kinh tế - xã hội"
            i += 1
            continue
        if not _WORD_CHAR.match(w):
            break
        if (low == "và" and mode == "any" and words and tokens.has(i + 1)
                and _is_cap(tokens[i + 1][2]) and not _is_type_at(text, tokens[i + 1][0])):
            end, words, i = e, words + 1, i + 1  # "Luật Khoa học và Công nghệ"
            continue
        if low == "và" and laws is not None and words:
            dated = _dated_title_end(text, e, rules)
            if dated > e:  # "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ năm 2024": the year closes the title
                return dated
        if (low == "và" and laws is not None and words and mode == "any"
                and _parallel_conjunct(text, tokens, i, pos, rules)):
            end, words, i = e, words + 1, i + 1  # "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"
            continue
        if low == "số" and not (tokens.has(i + 1) and tokens[i + 1][2][:1].isdigit()):
            pass  # "Kế hoạch Chuyển đổi số trong ...": 'số' is a word of the name unless a number follows
        elif low in rules.stop_words and not (words == 0 and _is_cap(w)):
            if laws is None or low in ("và", "số") or not words:
                break
            if law_words is None:
                law_words = _law_title_words(text, pos, laws)
            if s not in law_words[2]:  # "Luật Thực hiện dân chủ ở cơ sở": 'hiện' ends a word
                break  # ("... ở cơ sở tại địa phương": pyvi's "cơ sở tại" holds the sentence's 'tại')
        if mode == "any" and words and low in rules.law_stop_words:
            if laws is not None and law_words is None:
                law_words = _law_title_words(text, pos, laws)
            if law_words is None or s not in law_words[1]:  # "Luật An toàn, ...": a compound's syllable
                break
        if words and first_abbr and not _is_cap(w):
            break  # "Luật THADS trong ...": an abbreviated name ends with the capitals
        if words == 0 and not _is_cap(w) and (low in rules.law_stop_words or low in rules.stop_words):
            break  # "Luật thuộc thẩm quyền ...", "Luật trong phạm vi ...": the short name, no new one
        if words and mode == "any" and name_verbs.match(text[s:s + 20].lower()):
            break  # "Luật Bảo vệ dữ liệu cá nhân quy định chi tiết ...": a verb ends the name
        if (words and i and _ROMAN.match(tokens[i - 1][2]) and w[:1].islower()
                and not _p("term").match(text, tokens[i - 1][1])):
            break  # "Nghị quyết Đại hội XIII tới cán bộ": a term's numeral closes the name ("... khóa XII" goes on)
        if low == "năm" and tokens.has(i + 1) and re.fullmatch(r"(?:19|20)\d\d", tokens[i + 1][2]):
            break
        if _YEAR_NUMBER.fullmatch(w):
            break  # "Luật Cơ yếu 2011 bảo đảm ...": a bare year closes the name (the year reader takes it)
        if laws is not None and words and not first_cap and _fold(low) in laws.about_words:
            break  # "Luật viên chức về công tác tuyển dụng": a title written in lower case ends before 'về'
        if mode != "any" and cap_stops.match(text[s:s + 20].lower()):
            break
        if words == 0 and not _is_cap(w) and not first_lower_ok:
            break
        if words and mode == "any" and w not in ("Luật",) and _numbered_kind_at(text, s):
            break
        if not words and w != "Luật" and _numbered_kind_at(text, s):
            break  # "| Luật Nghị định Quyết định |": kinds listed (a table's header), no name ("Luật Luật sư" is one)
        if laws is not None and words and not _is_cap(w):
            if law_words is None:
                law_words = _law_title_words(text, pos, laws)
            if s in law_words[0]:
                break  # "Luật Phòng, chống ma túy sát với ...": an adjective ends the title
        end = e
        words += 1
        part += 1
        i += 1
    return end


def _parallel_conjunct(text: str, tokens: _Tokens, i: int, pos: int, rules: lexicon.NameRules) -> bool:
    """Whether the ``và`` at token ``i`` of a law's title (begun at ``pos``) coordinates two
    parts of the title: the lower-case word after it repeats a word the title already holds,
    so the conjunct shares the title's head (``Luật Bầu cử đại biểu Quốc hội và đại biểu Hội
    đồng nhân dân``), while ``Luật Đất đai và các văn bản ...`` or ``... và Luật X`` end it."""
    if not tokens.has(i + 1):
        return False
    nxt = tokens[i + 1][2]
    low = nxt.lower()
    if (not nxt.isalpha() or not nxt.islower() or low in rules.stop_words or low in rules.law_stop_words
            or _ends_with_any(nxt, rules.determiners)):
        return False
    return low in re.findall(r"\w+", text[pos:tokens[i][0]].lower())  # ``pos``: the title's first word, after the kind


_SPACE = re.compile(r"\s")
_MAX_DATED_TAIL = 4  # words between a law title's 'và' and the year that closes it


def _dated_title_end(text: str, pos: int, rules: lexicon.NameRules) -> int:
    """After a law title's ``và`` at ``pos``: where the title ends when a few lower-case words
    (and commas) lead straight to its year or date (``năm 2024``, ``ngày 14/11/2008``, left for
    the year reader), else ``pos``."""
    words = 0
    for s, _e, w in _tokens(text, pos, 120):
        if w == ",":
            continue
        if w in ("năm", "ngày") and _p("year_after").match(text[s:s + 40]):
            return s if words else pos
        if (not w.isalpha() or not w.islower() or w in rules.stop_words or w in rules.law_stop_words
                or _is_type_at(text, s) or words >= _MAX_DATED_TAIL):
            return pos
        words += 1
    return pos


def _law_title_words(text: str, pos: int, laws: _LawNames) -> tuple[set[int], set[int], set[int]]:
    """For the words after ``pos`` (to the clause's end), as pyvi segments and tags them: the
    starts of those that end a law's title (``end_tags``, unless a word of ``kept_before``
    follows: ``doanh nghiệp nhỏ và vừa``), the starts of the syllables inside
    a word begun after ``pos`` (``An toàn``: ``toàn`` is no word of its own, no law stop word),
    and the second syllables of two-syllable words (``Thực hiện``, ``tự do``: ``hiện``, ``do``
    are no stop words there; pyvi's longer ``cơ sở tại`` joins a word and the next one's 'tại')."""
    clause = _p("clause_end").search(text, pos)
    stop = min(clause.start() if clause else len(text), pos + 300)
    ending: set[int] = set()
    inner: set[int] = set()
    pair: set[int] = set()
    tagged = tagged_tokens(text, pos, stop)
    for n, (s, e, tag) in enumerate(tagged):
        if (tag in laws.end_tags and not (n + 1 < len(tagged) and tagged[n + 1][2] in laws.kept_before)
                and not _SPACE.search(text, s, e)):
            ending.add(s)  # one syllable: "sát với", "cùng được"; a compound modifies ("Người cao tuổi")
        if s >= pos:
            inner.update(m.start() + s for m in re.finditer(r"(?<=\s)\S", text[s:e]))
        if s >= pos and len(_SPACE.findall(text, s, e)) == 1:
            pair.update(m.start() + s for m in re.finditer(r"(?<=\s)\S", text[s:e]))
    return ending, inner, pair


def _name_candidates(text: str, numbered: list[_Mention], blocked: list[tuple[int, int]],
                     own_title: str | None, abbrevs: dict[str, str],
                     subjects: list[tuple[int, int]] = (), own_kind: str | None = None) -> list[_Mention]:
    """Name-only citations; the document's own title (``own_title``; ``own_kind``: the
    document's type) is not one of them."""
    cached = _raw_name_candidates(text, numbered, blocked, abbrevs, subjects)
    pending = {c.name_words for c in cached if c.doc_type in _law_names().types and _pending_law(text, c)}
    out = []
    for cand in cached:
        if _p("self_lead").search(text, max(0, cand.start - 20), cand.start):
            continue  # "Trên đây là Kế hoạch ...": the closing formula names the document itself
        if cand.name_words in pending and cand.doc_type in _law_names().types:
            continue  # the text says elsewhere that this law is not passed yet: no mention of it is a citation
        if own_title and _same_title(cand.ref_id, own_title, abbrevs,
                                     own_kind=own_kind is not None and cand.doc_type == own_kind):
            continue
        out.append(copy.copy(cand))
    return out


def _pending_law(text: str, cand: _Mention) -> bool:
    """Whether the text says the law named by ``cand`` is not passed yet (``pending_lead``:
    ``chưa ban hành Luật X (sửa đổi)``; ``sau khi Luật X (sửa đổi) được Quốc hội thông qua``
    with ``pending_tail``): a law still to come is no document the text cites."""
    lead = _p("pending_lead").search(text, max(0, cand.start - 40), cand.start)
    if lead is None:
        return False
    return lead.group("when") is None or bool(_p("pending_tail").match(text[cand.end:cand.end + 60]))


class _SpanSet:
    """Spans ``(start, end)``, asked which hold a position (sorted once, then bisected)."""

    __slots__ = ("_spans", "_longest")

    def __init__(self, spans) -> None:
        self._spans = sorted(spans)
        self._longest = max((b - a for a, b in self._spans), default=0)

    def holds(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``.

        >>> _SpanSet([(0, 3), (10, 20)]).holds(12), _SpanSet([(0, 3), (10, 20)]).holds(5)
        (True, False)
        """
        lo = bisect.bisect_left(self._spans, (pos - self._longest,))
        hi = bisect.bisect_right(self._spans, (pos, float("inf")))
        return any(a <= pos < b for a, b in self._spans[lo:hi])


def _raw_name_candidates(text: str, numbered: list[_Mention], blocked: list[tuple[int, int]],
                         abbrevs: dict[str, str], subjects: list[tuple[int, int]] = ()) -> list[_Mention]:
    """Name-only candidates outside numbered citations and ``blocked`` spans. In the subject of
    a numbered citation (``subjects``, also in ``blocked``) a law (a type named ``any``: Luật,
    Pháp lệnh, ...) is cited (``Nghị định ... quy định chi tiết Luật X``), while a programme,
    plan or strategy is the content the cited decision approves (``Quyết định số ... phê duyệt
    Chương trình X``): it is no reference of its own, nor is the same name cited again."""
    rules = lexicon.name_rules()
    out: list[_Mention] = []
    consumed_until = 0
    num_spans = _SpanSet((m.start, m.end) for m in numbered)
    blocked_spans = _SpanSet(blocked)
    subject_spans = _SpanSet(subjects)
    subject_ends = {e for _, e in subjects}
    approved: list[tuple[str, ...]] = []  # names of what numbered citations approve

    def inside(pos: int, spans: _SpanSet) -> bool:
        return spans.holds(pos)

    for tm in _type_start_re().finditer(text):
        tstart, tend = tm.span()
        word = tm.group(0)
        if tstart < consumed_until or not _is_cap(word):
            continue
        if inside(tstart, num_spans):
            continue
        dtype = _type_of_word(word)
        if inside(tstart, blocked_spans):
            if dtype is None or not inside(tstart, subject_spans) or dtype.named == "never":
                continue
            if dtype.named != "any":
                approved += [_name_key(c.ref_id, abbrevs, c.year)
                             for c in _read_named(text, tstart, tend, dtype, False, rules)]
                continue
        if dtype is None or dtype.named == "never":
            continue
        if _short_name_of_subject(text, tstart, subject_ends):  # and its later mentions
            approved += [_name_key(c.ref_id, abbrevs, c.year)
                         for c in _read_named(text, tstart, tend, dtype, False, rules)]
            continue
        after = text[tend:tend + 30]
        if re.match(r"\s+(?:[Ss]ố\s*:?\s*)?\d", after) and not _BARE_YEAR.match(after):
            continue  # numbered or short form; a bare year is a name's ("Hiến pháp 2013")
        prev = _prev_words(text, tstart)
        if _ends_with_any(prev, rules.determiners):
            continue
        created = _ends_with_any(prev, rules.creation_verbs)
        to_issue = created and not _issued_before(prev, rules)
        if not created and not _QUOTE_AFTER.match(text, tend) and _created_by_chain(text, tstart):
            created = to_issue = True  # "xây dựng, trình UBND tỉnh ban hành kịp thời Quy chế X"
        if _heads_product_cell(text, tstart):
            continue  # "Tên văn bản | ..." / "Sản phẩm": the row's text to be made
        drafted = _ends_with_any(prev, rules.draft_markers) or _member_of_created(text, tstart, rules)
        created = created or drafted
        found = _read_named(text, tstart, tend, dtype, created, rules, drafted=drafted, to_issue=to_issue)
        if not found:
            continue
        for cand in found:
            cand.extent_end = cand.end
            cand.name_words = _name_key(cand.ref_id, abbrevs, cand.year)
            if _p("approved_at").match(text[cand.end:cand.end + 160]):
                approved.append(cand.name_words)  # "X được phê duyệt tại Quyết định số N": N's content
                continue
            out.append(cand)
        consumed_until = max(c.end for c in found)
    out += _meeting_named(text, out, num_spans, blocked_spans, abbrevs)
    out.sort(key=lambda c: c.start)
    return [c for c in out if not any(len(c.name_words) >= _MIN_APPROVED_WORDS and a[:len(c.name_words)] == c.name_words
                                      for a in approved)]


def _meeting_named(text: str, found: list[_Mention], num_spans: _SpanSet, blocked_spans: _SpanSet,
                   abbrevs: dict[str, str]) -> list[_Mention]:
    """Resolutions and conclusions named by the meeting that adopted them (``meeting_named``:
    ``kết luận Hội nghị Trung ương lần thứ 13 ...``, ``các Nghị quyết phiên họp Chính phủ thường
    kỳ tháng 9 năm 2025``) that no other reading found: the kind word may be lower case and a
    determiner may stand before it, since the meeting's ordinal or month makes them specific."""
    taken = _SpanSet((c.start, max(c.end, c.start + 1)) for c in found)
    out = []
    for m in _p("meeting_named").finditer(text):
        s, e = m.span()
        if any(taken.holds(x) or num_spans.holds(x) or blocked_spans.holds(x) for x in (s, e - 1)):
            continue
        kind = _squash(m.group("kind"))
        kind = kind[:1].upper() + kind[1:]
        dtype = _type_of_word(kind)
        if dtype is None:
            continue
        cand = _Mention(start=s, end=e, ref_id=f"{kind} {_squash(m.group('name'))}", key="", numbered=False,
                        doc_type=dtype.name)
        cand.extent_end = e
        cand.name_words = _name_key(cand.ref_id, abbrevs, None)
        out.append(cand)
    return out


_MIN_APPROVED_WORDS = 3  # type and at least one word (``Chương trình MTQG``)


@cache
def _list_markers() -> re.Pattern[str]:
    """``created_lists.markers`` of reference_patterns.json as one pattern, or a colon (a list
    opened right after its head: ``trình cấp có thẩm quyền ban hành: Chương trình X, Đề án Y``)."""
    words = lexicon.raw(_FILE).get("created_lists", {}).get("markers")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise lexicon.DataFileError(_FILE, "bad created_lists")
    return re.compile(r"(?:(?:^|[\s,])(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)|(?<=\w):)[\s:]*")


_LIST_BREAK = re.compile(r";|\.(?=\s|$)|\n\s*\n|\|")  # what ends a list's members


def _member_of_created(text: str, pos: int, rules: lexicon.NameRules) -> bool:
    """Whether the document named at ``pos`` is a member of a list (``trong đó có``, ``gồm``,
    a colon; the members run on over commas and ``và`` to a ``;`` or the sentence's end)
    whose head a creation verb governs in the same clause: a text still to be issued
    (``được giao xây dựng, trình ban hành các văn bản hướng dẫn Luật, trong đó có Nghị quyết của
    Ủy ban Thường vụ Quốc hội về ..., Nghị định của Chính phủ về ...``)."""
    start = max(0, pos - 300)
    before = text[start:pos]
    m = None
    for m in _list_markers().finditer(before):  # noqa: B007 (the last one)
        continue
    if m is None or _LIST_BREAK.search(before, m.end()):
        return False
    written = re.split(r"[;.:\n]", before[:m.start()])[-1]
    clause = written.lower()
    if before[m.start():m.start() + 1] == ":":  # a colon opens the list only right after its verb
        return any(clause.rstrip().endswith(verb) and not _ISSUED_BEFORE.search(clause.rstrip()[:-len(verb)])
                   for verb in rules.creation_verbs)
    for verb in rules.creation_verbs:
        for vm in re.finditer(r"(?<!\w)" + re.escape(verb) + r"(?!\w)", clause):
            if written[vm.start()].isupper() and written[:vm.start()].strip(" *(-"):
                continue  # "phối hợp với Bộ Xây dựng": capitalised inside the clause, a body's name
            if not _ISSUED_BEFORE.search(clause[:vm.start()]):
                return True  # "đã ban hành", "được ban hành": issued already, cited
    return False




def _issued_before(prev: str, rules: lexicon.NameRules) -> bool:
    """Whether the creation verb that ends ``prev`` (the words before a kind) tells a text
    issued already (``đã ban hành``, ``vừa được ban hành``) rather than one to issue."""
    low = prev.lower()
    for verb in _longest_first(rules.creation_verbs):
        if low.endswith(verb):
            return bool(_ISSUED_BEFORE.search(low[:-len(verb)]))
    return False


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` longest first (sorted once per word list, not per mention)."""
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _programme_kinds() -> tuple[frozenset[str], frozenset[str]]:
    """``programme_kinds`` of reference_patterns.json: the kinds whose unnumbered, unquoted
    name is a programme, and the kind words (lower-cased) that still name a text."""
    data = lexicon.raw(_FILE).get("programme_kinds", {})
    types, words = data.get("types"), data.get("document_words")
    if not all(isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in (types, words)):
        raise lexicon.DataFileError(_FILE, "bad programme_kinds")
    return frozenset(types), frozenset(w.lower() for w in words)


def _programme_word(type_name: str, word: str) -> bool:
    """Whether ``word`` (the kind as written) opens an unnumbered name that is a programme
    carried out (``Chương trình mục tiêu quốc gia ...``) rather than a text (``Chương trình
    hành động của ...``)."""
    types, document_words = _programme_kinds()
    return type_name in types and word.lower() not in document_words


@dataclass(frozen=True, slots=True)
class _Chain:
    makers: tuple[tuple[str, ...], ...]  # lower-case words of each phrase
    passers: tuple[tuple[str, ...], ...]
    links: tuple[tuple[str, ...], ...]
    body_words: tuple[tuple[str, ...], ...]


@cache
def _creation_chain() -> _Chain:
    """``creation_chain`` of reference_patterns.json (validated once); its ``makers`` with
    ``name_rules.creation_verbs``."""
    data = lexicon.raw(_FILE).get("creation_chain", {})
    lists = [data.get(k) for k in ("makers", "passers", "links", "body_words")]
    if not all(isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v) for v in lists):
        raise lexicon.DataFileError(_FILE, "bad creation_chain")
    lists[0] = lists[0] + list(lexicon.name_rules().creation_verbs)
    makers, passers, links, body = (tuple(sorted({tuple(w.lower().split()) for w in v}, key=len, reverse=True))
                                    for v in lists)
    if max(len(p) for v in (makers, passers, links, body) for p in v) > _CHAIN_PHRASE:
        raise lexicon.DataFileError(_FILE, f"creation_chain: a phrase longer than {_CHAIN_PHRASE} words")
    return _Chain(makers, passers, links, body)


@cache
def _product_headers() -> re.Pattern[str]:
    """``product_columns.headers`` of reference_patterns.json as one pattern (a whole header cell)."""
    words = lexicon.raw(_FILE).get("product_columns", {}).get("headers")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise lexicon.DataFileError(_FILE, "bad product_columns")
    return re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*", re.IGNORECASE)


_MAX_TABLE_LINES = 400  # rows read back from a cell to its table's header


def _heads_product_cell(text: str, pos: int) -> bool:
    """Whether the kind at ``pos`` opens a table cell whose column the header names as the texts
    the rows make (``product_columns``: ``Tên văn bản``, ``Sản phẩm``, ``Kết quả dự kiến``), or
    an item's field line with such a label (``- Sản phẩm: Đề án X``): a row of a legislative or
    task table whose product is ``Luật sửa đổi ...`` or ``Đề án X`` names a text still to be made,
    while a text cited inside the cell (``Nghị định quy định chi tiết Luật Y``) is cited. The
    header is the first line of the run of lines holding cells."""
    start = text.rfind("\n", 0, pos) + 1
    label = text.rfind(":", start, pos)
    if label >= 0 and "|" not in text[start:pos] and not text[label + 1:pos].strip(" \t*“\""):
        # a field line of an item: "- Sản phẩm: Đề án X", "Kết quả dự kiến: Quyết định ..."
        return bool(_product_headers().fullmatch(text[start:label].strip(" \t*-+")))
    border = text.rfind("|", start, pos)
    if border < 0 or text[border + 1:pos].strip(" \t*-+"):
        return False
    column = text.count("|", start, pos)
    head = start
    for _ in range(_MAX_TABLE_LINES):
        if head == 0:
            break
        prev = text.rfind("\n", 0, head - 1) + 1
        if "|" not in text[prev:head - 1]:
            break
        head = prev
    end = text.find("\n", head)
    cells = text[head:end if end >= 0 else len(text)].split("|")
    return column < len(cells) and bool(_product_headers().fullmatch(cells[column]))


_QUOTE_AFTER = re.compile(r"[ \t]*[“\"]")  # a quoted title names its text as it exists (a report's "trình ... phê duyệt Đề án “X”")
_CHAIN_WINDOW = 160  # characters before a kind a creation chain may span
_CHAIN_PHRASE = 6  # words of the longest phrase of creation_chain
_CHAIN_BREAK = re.compile(r"[;:.!?()|\n]")


def _chain_step(low: list[str], chain: _Chain) -> tuple[str, int]:
    """The chain phrase ``low`` (lower-case words) ends with, as (its list, its length)."""
    for kind, options in (("maker", chain.makers), ("passer", chain.passers), ("link", chain.links),
                          ("body", chain.body_words)):
        for option in options:
            if len(option) <= len(low) and tuple(low[len(low) - len(option):]) == option:
                return kind, len(option)
    return "", 0


def _body_word(word: str) -> bool:
    return _is_cap(word) and bool(_WORD_CHAR.match(word)) and not _type_start_re().fullmatch(word)


def _inner_body_words(words: list[str], i: int) -> int:
    """How many lower-case words end ``words[:i]`` as the inside of a body's name: issuer inner
    words back to a capitalised word (``Ủy ban nhân dân``), or one syllable right after a
    capitalised word (``Chủ tịch``, ``Tư pháp``, as ``_read_issuer`` reads them); 0 if none."""
    inner = _issuer_words()[0]
    j = i
    while j > 0 and words[j - 1].islower() and words[j - 1] in inner:
        j -= 1
    if j > 1 and words[j - 1].isalpha() and words[j - 1].islower() and _body_word(words[j - 2]):
        j -= 1  # "Ủy ban" + "nhân dân", "Chủ tịch"
    return i - j if j < i and j > 0 and _body_word(words[j - 1]) else 0


def _created_by_chain(text: str, pos: int) -> bool:
    """Whether a creation verb governs the kind at ``pos`` through words that only pass the
    making on (``creation_chain``): making verbs, the verbs of the body that will issue it and
    that body's name, links (``Sở Nội vụ xây dựng, trình UBND tỉnh ban hành kịp thời Quy chế X``;
    ``nghiên cứu xây dựng và trình HĐND tỉnh thông qua Nghị quyết Y``). Read backwards from the
    kind within its clause; any other word ends the chain (``xây dựng kế hoạch thực hiện Đề án
    X``: the plan is made, Đề án X is cited); ``đã``, ``được``, ``vừa`` before the chain tell a
    text issued already. A chain of passing verbs only (``UBND tỉnh phê duyệt Đề án X``) tells
    nothing."""
    before = text[max(0, pos - _CHAIN_WINDOW):pos]
    cut = max((m.end() for m in _CHAIN_BREAK.finditer(before)), default=0)
    words = _WORD.findall(before[cut:])
    chain = _creation_chain()
    i = len(words)
    made = False
    while i > 0:
        kind, step = _chain_step([w.lower() for w in words[max(0, i - _CHAIN_PHRASE):i]], chain)
        if step and kind in ("maker", "passer") and i - step > 0 and (
                _is_cap(words[i - step]) or _type_start_re().fullmatch(" ".join(words[i - step - 1:i]))):
            step = 0  # "Sở Xây dựng", "Chương trình": words of a name, not a verb
        if step:
            made = made or kind == "maker"
            i -= step
        elif words[i - 1] == "," or _body_word(words[i - 1]):
            i -= 1  # a comma, a capitalised word of a body's name ("UBND", "Chính phủ")
        elif (inner := _inner_body_words(words, i)) > 0:
            i -= inner  # "Ủy ban nhân dân", "Chủ tịch": lower-case words of a body's name
        else:
            break
    return made and not _ISSUED_BEFORE.search(" ".join(words[max(0, i - 2):i]).lower())


_ISSUED_BEFORE = re.compile(r"(?<!\w)(?:đã|vừa|được)\s*(?:được\s*)?$")


def _short_name_of_subject(text: str, pos: int, subject_ends: set[int]) -> bool:
    """Whether the name at ``pos`` opens a bracket right after a citation's subject: the short
    name the text gives it (``... phê duyệt Chương trình X (Chương trình MTQG)``)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] != "(":
        return False
    return i in subject_ends  # a subject ends where the bracket opens (``clause_end``)


def _read_named(text: str, tstart: int, tend: int, dtype: DocType, created: bool,
                rules: lexicon.NameRules, *, drafted: bool = False, to_issue: bool = False) -> list[_Mention]:
    """Name-only mentions of the kind ``dtype`` written at ``tstart:tend``. ``created``: a
    creation verb or a draft marker comes before it; ``drafted``: a draft marker or a list a
    creation verb governs; ``to_issue``: a creation verb right before it that tells no text
    issued already (``tham mưu ban hành Nghị định của Chính phủ về ...``, ``xây dựng Luật sửa
    đổi, bổ sung ...``): the text still to come is no reference, though the laws an amending
    law names are."""
    word = _squash(text[tstart:tend])
    pos = tend
    lead = text[pos:pos + 3]
    # a) quoted name: Đề án “Nâng cao ...”
    qm = re.match(r"[ \t]*[“\"]", text[pos:pos + 4])
    if qm:
        close = re.compile(r"[”\"]").search(text, pos + qm.end(), pos + qm.end() + 400)
        if not close or created:
            return []
        name = _squash(text[pos + qm.end():close.start()].strip(" *"))
        if not name:
            return []
        if word in dtype.quoted_campaign_words and not _p("campaign_citation").match(text[close.end():close.end() + 60]):
            return []  # a campaign's name, not a cited document
        return [_Mention(start=tstart, end=close.end(), ref_id=f"{word} {name}", key="",
                         numbered=False, doc_type=dtype.name)]
    if not lead[:1].isspace():
        if dtype.bare_with_year and re.match(r"[,;:.)]", lead):
            return _sole_document(text, tstart, tend, word, dtype, created)  # "Hiến pháp, Luật Công đoàn"
        return []  # "Luật, Nghị định": kinds listed, no name
    if _programme_word(dtype.name, word):
        return []  # "thực hiện Chương trình mục tiêu quốc gia ...": the programme, not a text
    name_start = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
    first = _tokens(text, name_start, 40)
    if not first:
        return []
    fw = first[0][2]
    if fw.lower() in rules.not_names or _ends_with_any(fw, rules.demonstratives):
        return []
    issuer = None
    end = name_start
    # b) amending law: Luật sửa đổi, bổ sung một số điều của Luật X
    am = _p("amending_law").match(text[pos:pos + 80]) if dtype.named == "any" else None
    amended: list[_Amended] = []
    if am:
        inner = _type_start_re().match(text, pos + am.end())
        if inner:
            amended = _amended_laws(text, inner.start())
            end = amended[-1].name_end if len(amended) > 1 else _read_name(
                text, inner.end() + 1, "any", first_lower_ok=True, law=True)
    # c) Type [qualifier] của <Issuer> <purpose...>
    if end == name_start and dtype.named in ("capitalized", "any"):
        end, issuer = _issuer_form(text, name_start, rules)
        if (drafted or to_issue) and end > name_start:
            return []  # "hồ sơ dự án Nghị quyết của Quốc hội về ...": a text still to be drafted
    # d) capitalised name / e) law-like name starting lower-case
    if end == name_start:
        lower_ok = dtype.named == "any" and not _at_sentence_start(text, tstart)
        if _is_cap(fw) or lower_ok:
            if not (created and dtype.named != "any"):
                end = _read_name(text, name_start, "any" if dtype.named == "any" else "cap",
                                 first_lower_ok=lower_ok, law=dtype.name in _law_names().types)
    # f) unnumbered plan ending with its period: "... giai đoạn 2021-2025"
    if end == name_start and dtype.named == "capitalized" and not created:
        end = _period_form(text, name_start, rules)
    elif end > name_start and dtype.named == "capitalized" and issuer is None:
        end = _to_period(text, end, rules)
    # Hiến pháp năm 2013, Hiến pháp: the kind alone names one document. A name read after it
    # holds only when its year closes it ("Hiến pháp nước Cộng hòa ... Việt Nam năm 2013");
    # "sửa đổi ... của Hiến pháp chậm nhất ngày 30/6/2025" is the sentence going on.
    if dtype.bare_with_year and (end == name_start or not _sole_name_holds(text, end)):
        ym = _p("year_after").match(text[pos:pos + 40])
        if ym:
            year = ym.group("year") or (ym.group("date") or "")[-4:]
            return [_Mention(start=tstart, end=pos + ym.end(), ref_id=f"{word} {year}", key="",
                             numbered=False, doc_type=dtype.name, year=year,
                             issued_date=_iso(ym.group("date")) if ym.group("date") else None)]
        return _sole_document(text, tstart, tend, word, dtype, created or to_issue)
    if end <= name_start:
        return []
    name = _squash(text[name_start:end])
    if len(amended) > 1:  # the amended laws' names, without their numbers
        pieces = [text[name_start:amended[0].start]]
        for a, b in pairwise(amended):
            pieces += [text[a.start:a.name_end], text[a.id_end:b.start]]
        pieces.append(text[amended[-1].start:amended[-1].name_end])
        name = _squash("".join(pieces))
        end = amended[-1].id_end
    if not re.search(r"[^\W\d]", name):
        return []
    if dtype.named != "any" and _only_issuer(text, name_start, end):
        return []  # "Quyết định Chủ tịch UBND tỉnh": type + issuer, no name
    if _is_generic_name(name):
        return []  # "Chương trình mục tiêu quốc gia giai đoạn 2026 - 2035": a category
    mention_end = end
    sm = _p("suffix").match(text[end:end + 30]) if dtype.named == "any" else None
    if sm:
        name = f"{name} {_squash(sm.group(0))}"
        mention_end = end + sm.end()
    year = None
    issued = None
    ym = _p("year_after").match(text[mention_end:mention_end + 40])
    if ym and issuer is None:
        year = ym.group("year") or (ym.group("date") or "")[-4:]
        issued = _iso(ym.group("date")) if ym.group("date") else None
        mention_end += ym.end()
    names = [name]
    rm = _p("roman_more").match(text[mention_end:mention_end + 40])
    if rm and re.search(r"(?:khóa|khoá|lần thứ)\s+[IVXLC]+$", name):
        base = re.sub(r"[IVXLC]+$", "", name)
        names += [base + r for r in re.findall(r"[IVXLC]+", rm.group(0))]
        mention_end += rm.end()
    out = []
    amending = am is not None or _p("amending_words").match(text[pos:pos + 40]) is not None
    for n in names if not (to_issue and amending) else ():  # an amending law to make; what it amends is cited
        ref_id = f"{word} {n}" + (f" {year}" if year else "")
        out.append(_Mention(start=tstart, end=mention_end, ref_id=ref_id, key="", numbered=False,
                            doc_type=dtype.name, issuer=issuer, issued_date=issued, year=year))
    if len(amended) > 1:  # a law amending several laws cites each (those without a number here)
        out += [_Mention(start=a.start, end=a.name_end, ref_id=_squash(text[a.start:a.name_end]), key="",
                         numbered=False, doc_type=dtype.name) for a in amended if a.id_end == a.name_end]
    return out


def _sole_document(text: str, tstart: int, tend: int, word: str, dtype: DocType, created: bool) -> list[_Mention]:
    """The one document a kind names alone (``Hiến pháp``), unless it is to be made or paired with
    ``pháp luật`` in the formula of legality (``phù hợp với Hiến pháp, pháp luật``: sole_generic)."""
    if created or _p("sole_generic").match(text[tend:tend + 60]):
        return []
    return [_Mention(start=tstart, end=tend, ref_id=word, key="", numbered=False, doc_type=dtype.name)]


def _sole_name_holds(text: str, end: int) -> bool:
    """Whether a name read after a kind that alone names one document (``Hiến pháp``) is its
    full title: the title's year follows it (``năm 2013``, not a date, which a deadline gives)."""
    ym = _p("year_after").match(text[end:end + 40])
    return bool(ym and ym.group("year"))


@dataclass(frozen=True, slots=True)
class _Amended:
    start: int  # the type word
    name_end: int
    id_end: int  # after `` số <id>`` when the law is cited with its number, else ``name_end``


_AMENDED_SEPARATOR = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+và[ \t]+)(?=(?:Luật|Bộ luật|Pháp lệnh)[ \t])")
_AMENDED_NUMBER = re.compile(r"[ \t]+số[ \t]+")
_AMENDED_DATE = re.compile(r"(?<!\w)(?:năm[ \t]+(?:19|20)\d\d|ngày[ \t]+\d)")
_MAX_AMENDED_WORDS = 14


def _amended_laws(text: str, start: int) -> list[_Amended]:
    """The laws an amending law names (``... của Luật Quy hoạch, Luật Đầu tư theo phương thức
    đối tác công tư và Luật Đấu thầu``, each maybe ``số <id>``): in such a list each name runs
    to the next ``, Luật`` / `` và Luật``; the last ends where a name ends."""
    out: list[_Amended] = []
    clause = _p("clause_end").search(text, start)
    limit = clause.start() if clause else len(text)
    pos = start
    while True:
        head = _type_start_re().match(text, pos)
        if head is None:
            break
        sep = _AMENDED_SEPARATOR.search(text, head.end(), limit)
        item_end = sep.start() if sep else limit
        if sep and _AMENDED_DATE.search(text, head.end(), item_end):
            sep = None  # "Luật X năm 2014, Luật Y năm 2015": a dated law ends the title; Y is another
        nm = _AMENDED_NUMBER.search(text, head.end(), item_end)
        if nm and _p("id").match(text, nm.end()):
            name_end, id_end = nm.start(), _p("id").match(text, nm.end()).end()
        elif sep:
            name_end = id_end = item_end
        else:
            name_end = id_end = _read_name(text, head.end() + 1, "any", first_lower_ok=True, law=True)
        if name_end <= head.end() or len(text[head.end():name_end].split()) > _MAX_AMENDED_WORDS:
            break
        out.append(_Amended(pos, name_end, id_end))
        if sep is None or sep.start() < id_end:
            break
        pos = sep.end()
    return out


def _only_issuer(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is an issuer and nothing more specific (no number, no
    roman numeral): ``Chủ tịch UBND tỉnh``, not ``Đại hội đại biểu toàn quốc lần thứ XIII``."""
    read = _read_issuer(text, start, need_head=True)
    if read is None or read[1] < end:
        return False
    return not re.search(r"\d|(?<!\w)[IVXLC]+(?!\w)", text[start:end])


def _is_generic_name(name: str) -> bool:
    """A category of documents rather than one: the name minus its period is a generic phrase,
    or nothing (``Chương trình giai đoạn 2026-2030``: the programme the text is about)."""
    core = re.sub(r"\s*(?:giai đoạn|năm)?\s*(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?\s*$", "", name.lower())
    return not core.strip() or core.strip() in lexicon.name_rules().generic_names


def _issuer_form(text: str, pos: int, rules: lexicon.NameRules) -> tuple[int, str | None]:
    """``[qualifier] của <Issuer> [purpose]`` after a type word; returns (end, issuer)."""
    tokens = _tokens(text, pos, 80)
    i = 0
    while i < len(tokens) and i < rules.max_qualifier_words and tokens[i][2] != "của":
        w = tokens[i][2]
        if _is_cap(w) or not re.match(r"\w", w) or w.lower() in rules.stop_words:
            return pos, None
        i += 1
    if i >= len(tokens) or tokens[i][2] != "của":
        return pos, None
    iss_start = tokens[i][1] + 1
    while iss_start < len(text) and text[iss_start] == " ":
        iss_start += 1
    read = _read_issuer(text, iss_start)
    if not read:
        return pos, None
    issuer, iss_end = read
    generic = set(lexicon.issuers().generic["words"])
    if issuer in generic:
        return pos, None
    # purpose / subject tail up to the clause end, a tail stop word, or an embedded numbered id
    end = iss_end
    clause = _p("clause_end").search(text, iss_end)
    limit = clause.start() if clause else len(text)
    idm = _p("id").search(text, iss_end, limit)
    if idm:
        limit = idm.end()
    tail = _tokens(text, iss_end, limit - iss_end)
    head = " ".join(w.lower() for _, _, w in tail[:2])
    if not tail or not any(head == c or head.startswith(c + " ") for c in rules.purpose_cues):
        term = _p("term").match(text, iss_end)
        if i and (term or _ROMAN.match(issuer.split()[-1])):
            # "Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa XIII":
            # a named kind of one term's bodies is one document
            return (term.end() if term else iss_end), issuer
        # Type + issuer and nothing that names the document ("Nghị định của Chính phủ",
        # "Quyết định của Chủ tịch UBND tỉnh ban hành ..."): a kind of document, not one.
        return pos, None
    count = 0
    for n, (s, e, w) in enumerate(tail):
        if e > limit or count >= rules.max_tail_words:
            break
        if w.lower() in rules.tail_stop_words or (w == "và" and count == 0):
            break
        if w in ("và", ",") and n + 1 < len(tail) and _is_type_at(text, tail[n + 1][0]):
            break  # "... về phân loại đơn vị hành chính và Nghị định hướng dẫn ...": another document
        if _p("tail_end").match(text[s - 1:s + 40]):
            break  # "... về đẩy mạnh giải ngân trước ngày 30/6/2026", "... và các văn bản chỉ đạo": the sentence's
        if w == "," and n + 1 < len(tail) and _opens_clause(text, tail[n + 1][0], limit):
            break  # "Kế hoạch của Tỉnh ủy về chuyển đổi số, Ủy ban nhân dân tỉnh ban hành ...": the sentence goes on
        end = e
        count += 1
    return end, issuer


_NOUN_TAGS = frozenset({"N", "Np", "Nc", "Ny", "Nu", "M", "L"})
_CLAUSE_SUBJECT_WORDS = 8  # words of the subject a clause after a title's comma may open with
_CLAUSE_VERB_WINDOW = 3  # words after that subject in which its (lower-case) verb must come


def _opens_clause(text: str, pos: int, limit: int) -> bool:
    """Whether the words at ``pos`` (after a comma in a title's subject) open a clause of the
    sentence rather than continue the subject: a noun phrase that starts with a capital or a
    determiner (a body: ``Ủy ban nhân dân tỉnh``, ``các sở``, ``Sở Văn hóa``), then a
    lower-case verb (or predicate adjective) as pyvi tags it (``ban hành``, ``chủ động kiểm tra``,
    ``chủ trì``), adverbs before it allowed.
    A list of bodies inside the subject has no verb after it (``về phối hợp giữa Sở Tư pháp,
    Công an tỉnh và Tòa án``), nor a preposition-led tail (``Công an tỉnh trong quản lý``)."""
    rules = lexicon.name_rules()
    first = _tokens(text, pos, 40)
    if not first:
        return False
    fw = first[0][2]
    if not (_is_cap(fw) or _ends_with_any(fw, rules.determiners)):
        return False
    tagged = tagged_tokens(text, pos, min(limit, pos + 200))
    n = 0
    while n < len(tagged) and n < _CLAUSE_SUBJECT_WORDS:
        s, e, tag = tagged[n]
        word = text[s:e]
        if tag in _NOUN_TAGS or _is_cap(word) or word in (",", "và", "-"):
            n += 1
            continue
        break
    if n == 0:
        return False
    for s, e, tag in tagged[n:n + _CLAUSE_VERB_WINDOW]:
        word = text[s:e]
        if tag in ("V", "A") and word[:1].islower():
            return True  # pyvi tags some predicates A ("Phòng Văn hóa chủ trì", "các sở chủ động ...")
        if tag != "R":
            return False
    return False


_YEAR_THEN_ISSUER = re.compile(r"(?<!\w)năm[ \t]+(?:19|20)\d\d(?=[ \t]+của[ \t]+(?P<of>))")


def _period_form(text: str, pos: int, rules: lexicon.NameRules) -> int:
    clause = _p("clause_end").search(text, pos)
    limit = clause.start() if clause else len(text)
    pm = _p("period_spec").search(text, pos, limit)
    if not pm:  # "Kế hoạch dự trữ hàng hóa năm 2025 của Sở Công Thương": a year and a named issuer
        pm = _YEAR_THEN_ISSUER.search(text, pos, limit)
        if not pm or _read_issuer(text, pm.end("of")) is None:
            return pos
    words = _tokens(text, pos, pm.start() - pos)
    if len(words) > rules.max_name_words + 10:
        return pos
    for i, (_, _, w) in enumerate(words):
        low = w.lower()
        if low == "số" and not (i + 1 < len(words) and words[i + 1][2][:1].isdigit()):
            continue  # "chuyển đổi số"
        if low == "và" and i + 1 < len(words) and words[i + 1][2][:1].islower():
            continue  # "Quy hoạch hạ tầng thông tin và truyền thông thời kỳ ...": as in _to_period
        if low in rules.stop_words or w in ("của",):
            return pos
    return pm.end()


_PERIOD_WORD_END = re.compile(r"(?<!\w)(?:giai\s+đoạn|thời\s+kỳ)$")


def _to_period(text: str, end: int, rules: lexicon.NameRules) -> int:
    """A plan's or strategy's title read in capitals up to ``end`` runs on to the period that
    closes it when one follows in the same clause (``Chiến lược Quốc gia phòng`` + ``, chống và
    kiểm soát ma túy ở Việt Nam đến năm 2020 và định hướng đến năm 2030``): through lower-case
    words, commas and ``và`` before a lower-case word, never through another document, an
    issuer (``của``), a stop word or a number."""
    clause = _p("clause_end").search(text, end)
    limit = clause.start() if clause else len(text)
    tail = _PERIOD_WORD_END.search(text, max(0, end - 12), end)
    if tail:  # "Chương trình X giai đoạn" + " 2021 - 2025": the name took the period's word, not its range
        pm = _p("period_spec").match(text, tail.start(), limit)
        if pm:
            return pm.end()
    pm = _p("period_spec").search(text, end, limit)
    if pm is None:
        return end
    words = _tokens(text, end, pm.start() - end)
    if len(words) > rules.max_name_words:
        return end
    for i, (s, _e, w) in enumerate(words):
        nxt = words[i + 1][2] if i + 1 < len(words) else text[pm.start():pm.start() + 1]
        if w == ",":
            if not nxt[:1].islower():
                return end
            continue
        if w == "-" or (w == "và" and nxt[:1].islower()):
            continue
        if not w.isalpha() or _is_type_at(text, s) or w == "của" or w.lower() in rules.stop_words:
            return end
    return pm.end()


def _name_key(ref_id: str, abbrevs: dict[str, str], year: str | None) -> tuple[str, ...]:
    text = ref_id
    if year and text.endswith(year):
        text = text[: -len(year)]
    words = []
    for w in re.findall(r"\w+", text):
        exp = abbrevs.get(w)
        words += _fold(exp).split() if exp else [_fold(w)]
    return tuple(w for w in words if w != "cua")


def _same_title(ref_id: str, title: str, abbrevs: dict[str, str], *, own_kind: bool = False) -> bool:
    """True when a name-only candidate is the document's own title (or its leading part).

    ``own_kind``: the candidate is of the document's own kind; then its name without the type
    word may open the title (``Trên đây là Kế hoạch Chuyển đổi số trong ...`` in a Kế hoạch
    whose subject line is ``Chuyển đổi số trong ...``)."""
    mine_seq = _name_key(ref_id, abbrevs, None)
    title_seq = _name_key(title, abbrevs, None)
    mine, theirs = set(mine_seq), set(title_seq)
    if own_kind:
        tm = _type_start_re().match(ref_id)
        rest = _name_key(ref_id[tm.end():], abbrevs, None) if tm else ()
        if len(rest) >= _MIN_OWN_TITLE_WORDS and title_seq[: len(rest)] == rest:
            return True
    if len(mine) < 3:
        return False
    if len(mine & theirs) / len(mine | theirs) >= 0.6:
        return True
    # The title may open with a verb ("Ban hành Kế hoạch ..."); a name further in is one the
    # title cites ("Kế hoạch triển khai thi hành Luật X": Luật X is a reference).
    head = title_seq[: len(mine_seq) + 2]
    return f" {' '.join(mine_seq)} " in f" {' '.join(head)} "


_MIN_OWN_TITLE_WORDS = 3  # words of a name (without its type) that must open the title


def _own_kind(own_number: str | None, header_key: str | None) -> str | None:
    """The document's own type from its number's symbol (``597/KH-UBND``: Kế hoạch), if one."""
    for number in (own_number, header_key):
        m = _p("id").fullmatch(number.strip()) if number else None
        if m:
            _canon, party, code, _year = _id_from_match(m)
            kind = _type_from_codes(code, party) if code else None
            if kind:
                return kind
    return None


# --------------------------------------------------------------------------- public API


def find_references(text: str, *, own_number: str | None = None, doc_date: dt.date | str | None = None,
                    own_title: str | None = None,
                    abbreviations: dict[str, str] | None = None) -> list[Reference]:
    """Every other document ``text`` cites, once per document, in order of first mention.

    ``own_number`` (the document's own id) and the header's ``Số: ...`` line are not
    references, nor is the ``(Ban hành kèm theo Quyết định số ...)`` line. ``own_title``
    (the document's subject line) keeps the document's own name out of name-only
    references. ``abbreviations`` (e.g. from ``find_abbreviations``) lets ``Luật THADS``
    resolve to ``Luật Thi hành án dân sự``.
    """
    del doc_date  # reserved: years of short references
    if abbreviations is None:
        from nlp.abbreviations import builtin_abbreviations, find_abbreviations

        abbreviations = {**builtin_abbreviations(), **find_abbreviations(text)}
    numbered, _, header_key = _numbered_mentions(text)
    own_keys = {k for k in (header_key, normalize_ref_id(own_number) if own_number else None) if k}
    attached = [m.span() for m in _p("attached").finditer(text)]
    kept: list[_Mention] = []
    for m in numbered:
        if m.key in own_keys or any(a <= m.start < b for a, b in attached):
            continue
        kept.append(m)
    kept += _standards(text)
    blocked = [(m.end, m.extent_end) for m in numbered if m.extent_end > m.end]
    blocked += attached
    named = _name_candidates(text, numbered, blocked, own_title, abbreviations,
                             [(m.end, m.extent_end) for m in numbered if m.extent_end > m.end],
                             own_kind=_own_kind(own_number, header_key))
    named, kept, numbered_names = _join_name_and_number(text, named, kept)
    kept_keys = {m.key for m in kept}
    by_number: list[tuple[_Mention, str]] = []  # a numbered document's name cited again without its number
    for n in named:
        n.key = n.ref_id
        key = _numbered_name_key(n.name_words, numbered_names)
        if key in kept_keys:
            by_number.append((n, key))
    named = [n for n in named if all(n is not b for b, _ in by_number)]
    # group mentions into references
    refs: list[_Ref] = []
    by_key: dict[str, _Ref] = {}
    for m in sorted(kept + named, key=lambda x: x.start):
        target = _resolve(m, refs, by_key, text)
        if target is None:
            ref = _Ref(first=m, spans=[(m.start, m.end)])
            refs.append(ref)
            by_key.setdefault(m.key, ref)
        elif (m.start, m.end) not in target.spans:
            target.spans.append((m.start, m.end))
            target.later.append(m)
    for n, key in by_number:
        ref = by_key.get(key)
        if ref is not None and (n.start, n.end) not in ref.spans:
            ref.spans.append((n.start, n.end))
    own_kind = _own_kind(own_number, header_key)
    own_num = re.match(r"\d+", own_number or header_key or "")
    _add_short_forms(text, refs, blocked, (own_kind, own_num.group(0).lstrip("0") if own_num else None))
    refs = _join_informal_short_names(text, refs)
    return annotate(text, [_to_reference(text, r) for r in refs])


_NAME_GAP = re.compile(r"(?:[ \t]+[^\W\d_]+){1,6}?[ \t]+(?=số\s)")  # lower-case words up to "số"


def _number_after_name(text: str, end: int) -> int:
    """Where ``số <id>`` starts after a name ending at ``end``: right after it, or after a few
    lower-case words the name reader stopped before (``Luật Đo đạc`` + ``và bản đồ số ...``,
    ``Luật An`` + ``toàn thông tin mạng số ...``); -1 when none."""
    gap_end = end
    while gap_end < len(text) and text[gap_end] == " ":
        gap_end += 1
    if text.startswith("số", gap_end):
        return gap_end
    m = _NAME_GAP.match(text, end)
    if m and all(w.islower() for w in m.group().split()):
        return m.end()
    return -1


def _numbered_name_key(words: tuple[str, ...], numbered_names: dict[tuple[str, ...], str]) -> str | None:
    """The key of the numbered document a name-only mention names: its words are that
    document's name (cited with its number elsewhere), or that name and then what the sentence
    says it is about (``Luật Cơ yếu số 05/2011/QH13`` ... ``thi hành Luật Cơ yếu về hoạt động
    mật mã``: ``law_names.about_words``)."""
    key = numbered_names.get(words)
    if key is not None:
        return key
    about = _law_names().about_words
    for cut in range(len(words) - 1, 1, -1):
        if words[cut] in about and words[:cut] in numbered_names:
            return numbered_names[words[:cut]]
    return None


def _join_name_and_number(text: str, named: list[_Mention],
                          kept: list[_Mention]) -> tuple[list[_Mention], list[_Mention], dict[tuple[str, ...], str]]:
    """``Luật Quản lý thuế số 38/2019/QH14`` is one citation: the name right before ``số <id>``
    is not a name-only reference of its own; the numbered mention starts at the name and takes
    its type. (Mentions are copied: the numbered ones are cached per text.) Also returns each
    such name's words with the numbered key: the same name cited again without its number
    (``Căn cứ Luật Đầu tư công số 58/2024/QH15`` ... ``Luật Đầu tư công``) is that document."""
    by_start = {m.start: i for i, m in enumerate(kept) if m.numbered}
    out_named: list[_Mention] = []
    names: dict[tuple[str, ...], str] = {}
    kept = list(kept)
    for n in named:
        at = _number_after_name(text, n.end)
        i = by_start.get(at) if at >= 0 else None
        if i is None:
            i = _number_inside_name(text, n, kept)
        if i is None:
            out_named.append(n)
            continue
        m = kept[i]
        kept[i] = replace(m, start=n.start, doc_type=n.doc_type or m.doc_type)
        if n.name_words and not n.year:
            names.setdefault(n.name_words, m.key)
    return out_named, kept, names


def _number_inside_name(text: str, n: _Mention, kept: list[_Mention]) -> int | None:
    """The numbered mention whose type word is the name's last word (``Luật Ban hành văn bản quy
    phạm pháp luật số 80/2015/QH13``: the id's prefix reads ``luật số``), as an index of ``kept``."""
    last_word = n.start + len(text[n.start:n.end].rstrip()) - len(text[n.start:n.end].split()[-1])
    for i, m in enumerate(kept):
        if m.numbered and m.start == last_word > n.start and n.end <= m.end:
            return i
    return None


def _amending_key(words: tuple[str, ...]) -> bool:
    """Whether folded name words hold the word that marks an amending law (``amending_folded``)."""
    folded = _p("amending_folded")
    return any(folded.match(w) for w in words)


def _resolve(m: _Mention, refs: list[_Ref], by_key: dict[str, _Ref], text: str = "") -> _Ref | None:
    if m.numbered or "/" in m.ref_id or not m.name_words:
        ref = by_key.get(m.key)
        if ref and (not ref.first.issued_date or not m.issued_date
                    or ref.first.issued_date == m.issued_date):
            return ref
        return None
    for ref in refs:
        f = ref.first
        if f.numbered or not f.name_words:
            continue
        if m.year and f.year and m.year != f.year:
            continue
        a, b = m.name_words, f.name_words
        if a == b or (len(a) < len(b) and b[: len(a)] == a
                      and not (_amending_key(b[len(a):]) and not _amending_key(a))
                      and not _items_of_one_list(text, f, m)):
            return ref
        if m.doc_type == f.doc_type and (_same_ordinal_name(a, b) or _ordinal_left_out(a, b, m.ref_id)):
            return ref
        if m.doc_type == f.doc_type and set(a) == set(b):
            return ref  # "Luật Thuế xuất khẩu, nhập khẩu" = "Luật Thuế xuất khẩu, thuế nhập khẩu"
    return None


def _join_informal_short_names(text: str, refs: list[_Ref]) -> list[_Ref]:
    """A name written in lower case after its kind (``quy định của Luật bầu cử``) is an informal
    short mention: when a later name-only reference of the same kind starts with its words (``Luật
    Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân``), it is that document (a short
    mention after the full name joins it in :func:`_resolve` already). A capitalised name
    (``Luật Đầu tư`` before ``Luật Đầu tư công``) is a title of its own."""
    out: list[_Ref] = []
    for n, ref in enumerate(refs):
        f = ref.first
        tm = _type_start_re().match(f.ref_id) if not f.numbered and f.name_words and not f.year else None
        rest = f.ref_id[tm.end():].split() if tm else []
        target = None
        if rest and rest[0].islower() and rest[0].isalpha():
            size = len(f.name_words)
            target = next((later for later in refs[n + 1:]
                           if not later.first.numbered and later.first.doc_type == f.doc_type
                           and len(later.first.name_words) > size and later.first.name_words[:size] == f.name_words
                           and not _amending_key(later.first.name_words[size:])), None)
        if target is None:
            out.append(ref)
            continue
        target.spans = sorted(set(target.spans) | set(ref.spans))
    return out


def _items_of_one_list(text: str, first: _Mention, later: _Mention) -> bool:
    """Whether two names are items of one enumeration (``;`` between them, one sentence):
    then a shorter name is a document of its own, not a short mention of the longer
    (``(Luật Đầu tư theo phương thức đối tác công tư; Luật Hải quan; Luật Đầu tư; ...)``)."""
    between = text[first.end:later.start]
    return (";" in between and len(between) <= _MAX_LIST_GAP
            and not re.search(r"\.(?=\s|$)|\n\s*\n", between))


_MAX_LIST_GAP = 400  # characters between two items of one enumeration


def _same_ordinal_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names of one congress's or plenum's resolution: both end with the same roman ordinal
    and the words of one are the other's with some left out (``Nghị quyết Đại hội lần thứ XIII``,
    ``Nghị quyết Đại hội XIII`` and ``Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII``)."""
    if not a or not b or a[-1] != b[-1] or not _ROMAN.match(a[-1].upper()):
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    rest = iter(long_)
    return len(short) >= _MIN_ORDINAL_WORDS and all(w in rest for w in short)


_MIN_ORDINAL_WORDS = 4  # type (2 words), a body word and the ordinal: "Nghị quyết Đại hội XIII"
_MAX_ORDINAL_TAIL = 3  # words of a congress's ordinal: "lần thứ XVIII"


def _ordinal_left_out(later: tuple[str, ...], first: tuple[str, ...], later_id: str) -> bool:
    """A later mention of a congress's or plenum's resolution written without its ordinal, the
    sentence run on after it (``Nghị quyết Đại hội Đảng bộ tỉnh`` + ``thành chương trình ...``
    after ``Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII``): the two share every word up to
    where the first goes on with its ordinal (two or three words ending in a roman numeral) and
    the later one with a lower-case word that opens no subject of its own (``Nghị quyết Đại hội
    Đảng bộ tỉnh`` after ``Nghị quyết Đại hội lần thứ XIII`` names another congress, ``... về
    kinh tế tư nhân`` another plenum's resolution)."""
    if not first or not _ROMAN.match(first[-1].upper()) or (later and _ROMAN.match(later[-1].upper())):
        return False
    k = 0
    while k < min(len(later), len(first)) and later[k] == first[k]:
        k += 1
    raw = later_id.split()
    return (k >= _MIN_ORDINAL_WORDS - 1 and k < len(later) == len(raw) and raw[k][:1].islower()
            and not _name_word_res()[0].match(raw[k])  # "... Trung ương về kinh tế tư nhân": its own subject
            and 2 <= len(first) - k <= _MAX_ORDINAL_TAIL)


def _add_short_forms(text: str, refs: list[_Ref], blocked: list[tuple[int, int]],
                     own: tuple[str | None, str | None]) -> None:
    """Later short mentions (``Chỉ thị 04``) join the numbered document they shorten. One that
    shortens none of the text's citations is a document the text knows by that short name
    (``triển khai Đề án 06``): a name-only reference of its own, once, unless it sits in a
    citation's subject (``blocked``) or is the document's own (``own``: its kind and number)."""
    blocked_spans = _SpanSet(blocked)
    by_name: dict[str, _Ref] = {}
    for m in _p("short_form").finditer(text):
        dtype = _type_of_word(m.group("type"))
        num = m.group("num").lstrip("0")
        target = None
        for ref in refs:
            f = ref.first
            if not f.numbered:
                continue
            ref_num = re.match(r"\d+", f.ref_id)
            if not ref_num or ref_num.group(0).lstrip("0") != num:
                continue
            if dtype and f.doc_type and dtype.name != f.doc_type:
                continue
            target = ref
            break
        if target is not None:
            if target.first.start <= m.start() and not any(a <= m.start() < b for a, b in target.spans):
                target.spans.append(m.span())
            continue
        if (dtype is None or dtype.named == "never" or _YEAR_NUMBER.fullmatch(m.group("num"))
                or len(m.group("num")) < 2  # "Đề án 1 và Đề án 2 thuộc Chương trình": parts, numbered 1, 2 ...
                or blocked_spans.holds(m.start()) or any(a <= m.start() < b for ref in refs for a, b in ref.spans)
                or (own[0] == dtype.name and own[1] == num) or _counts_something(text, m.end())):
            continue
        name = _squash(m.group(0))
        ref = by_name.get(name.lower())
        if ref is None:
            mention = _Mention(start=m.start(), end=m.end(), ref_id=name, key=name, numbered=False,
                               doc_type=dtype.name, extent_end=m.end())
            ref = by_name[name.lower()] = _Ref(first=mention, spans=[m.span()])
            refs.append(ref)
        elif m.span() not in ref.spans:
            ref.spans.append(m.span())
    refs.sort(key=lambda r: r.first.start)


_YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")  # "Kế hoạch 2025": a year, not a short name
_BARE_YEAR = re.compile(r"[ \t]+(?:19|20)\d\d(?![\w/-]|[.,:]\d)")
_COUNTED_TAGS = frozenset({"N", "Nc", "Nu", "M"})


def _counts_something(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts the noun after it (``các Quyết định 03 cán bộ
    quản lý``), as pyvi tags the next word, rather than numbering a document."""
    m = re.compile(r"[ \t]+(?=[^\W\d_])").match(text, end)
    if m is None or not text[m.end()].islower():
        return False
    tags = tagged_tokens(text, end, min(len(text), m.end() + 30))
    return bool(tags) and tags[0][2] in _COUNTED_TAGS


def _to_reference(text: str, ref: _Ref) -> Reference:
    f = ref.first
    s_start, s_end = sentence_bounds(text, f.start)
    spans = sorted(set(ref.spans))
    def first_known(name: str) -> str | None:
        """The first mention's value, else the first later mention's (``Nghị quyết số
        27-NQ/TW`` in a title, ``... ngày 09/11/2022 của Ban Chấp hành Trung ương`` later)."""
        return next((getattr(m, name) for m in (f, *ref.later) if getattr(m, name)), None)

    return Reference(
        id=f.ref_id,
        numbered=bool(_NUMBERED.match(f.ref_id)),
        doc_type=first_known("doc_type"),
        issuer=first_known("issuer"),
        issued_date=first_known("issued_date"),
        mention=_span(text, f.start, f.end),
        relation=relation_at(text, f.start),
        sentence=_span(text, s_start, max(s_end, f.end)),
        mentions=[_span(text, a, b) for a, b in spans],
        key=f.key if f.numbered else f.key.lower(),
    )


def refs_in_range(refs: list[Reference], start: int, end: int) -> list[str]:
    """Ids of the references with a mention inside ``[start, end)``, in reference order."""
    out = []
    for ref in refs:
        spans = ref.mentions or [ref.mention]
        if any(start <= s.start < end for s in spans):
            out.append(ref.id)
    return out


def citation_extents(text: str, refs: list[Reference] | None = None) -> tuple[tuple[int, int], ...]:
    """Spans covered by citations and their subjects (no deadline or task phrase inside them).
    ``refs`` are the text's references when already found (the extraction finds them once)."""
    ann = active(text)
    if ann is not None and ann.citations is not None:
        return ann.citations
    refs = find_references(text) if refs is None else refs
    spans: list[tuple[int, int]] = []
    numbered, _, _ = _numbered_mentions(text)
    spans += [(m.start, m.extent_end or m.end) for m in numbered]
    for ref in refs:
        spans += [(s.start, s.end) for s in ref.mentions]
    return tuple(sorted(set(spans)))
