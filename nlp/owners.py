"""Owner recognition: who must carry out a task, as the text names them.

Heads of bodies, office-holders and generic owners come from ``data/agencies.jsonl``; the
patterns that bound, split and clean a name come from ``data/owner_patterns.jsonl``; action
verbs that end a subject come from ``data/task_cues.json``.

Example::

    >>> subject_at("Cục THADS tỉnh thực hiện đồng bộ các giải pháp.", 0).text
    'Cục THADS tỉnh'
    >>> split_owners("UBND tỉnh, UBND các huyện, thị xã, thành phố")
    ['UBND tỉnh', 'UBND các huyện, thị xã, thành phố']
    >>> owner_key("Tổng cục THADS") == owner_key("Tổng cục Thi hành án dân sự")
    True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from nlp import lexicon
from nlp.annotate import active
from nlp.lexicon import abbreviation_table
from nlp.patterns import either_placement as _either_placement
from nlp.patterns import tone_placement

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Head:
    text: str
    kind: str  # body | holder | generic | person
    bare: bool = True  # may stand alone ("Cục"); else a name must follow ("Thanh tra tỉnh")


@dataclass(frozen=True, slots=True)
class OwnerPhrase:
    """A noun phrase naming one or more owners: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    kind: str  # kind of its first head


@cache
def heads() -> tuple[Head, ...]:
    return tuple(Head(h.head, h.kind, h.bare) for h in lexicon.owner_heads())


def patterns() -> dict[str, re.Pattern[str]]:
    return lexicon.owner_patterns()


def cues() -> dict:
    return lexicon.task_cues()


@cache
def _verb_re() -> re.Pattern[str]:
    verbs = sorted(set(cues()["action_verbs"]), key=len, reverse=True)
    return re.compile(r"(?:{})(?!\w)".format("|".join(re.escape(v) for v in verbs)))


@cache
def _plural_re() -> re.Pattern[str]:
    """A plural quantifier of owner_words' ``plural_quantifiers`` (``các``, ``những``) as a word."""
    return lexicon.cue_regex_of("owner_words.json", "plural_quantifiers")


@cache
def _role_verb_re() -> re.Pattern[str]:
    verbs = sorted(lexicon.owner_words("role_verbs"), key=len, reverse=True)
    return re.compile(r"(?:{})(?!\w)".format("|".join(re.escape(v) for v in verbs)))


def _is_word_start(text: str, pos: int) -> bool:
    return pos == 0 or not text[pos - 1].isalnum()


@cache
def _heads_re() -> tuple[re.Pattern[str], dict[str, Head]]:
    """The heads of agencies.jsonl (longest first) and, as a group of its own, the forms of
    address of owner_patterns' ``addressee_form`` (``Quý cơ quan``: a generic, bare head)."""
    table: dict[str, Head] = {}
    for h in heads():
        table.setdefault(tone_placement(h.text), h)
    # longest first; a head matches with the tone on either vowel of "oa", "oe", "uy"
    alternatives = "|".join(dict.fromkeys(_either_placement(h.text) for h in heads()))
    address = patterns()["addressee_form"].pattern
    return re.compile(rf"(?P<address>{address})|(?:{alternatives})(?!\w)"), table


def _head_of(m: re.Match[str], table: dict[str, Head]) -> Head:
    if m.group("address"):
        return Head(m.group(), "generic", True)
    written = m.group()
    head = table.get(written) or table[tone_placement(written)]
    return head if head.text == written else Head(written, head.kind, head.bare)  # as written


def head_at(text: str, pos: int) -> Head | None:
    """The owner head starting exactly at ``pos`` (longest first), if any."""
    if pos >= len(text) or not _is_word_start(text, pos):
        return None
    rx, table = _heads_re()
    m = rx.match(text, pos)
    if m:
        return _head_of(m, table)
    m = _COMMITTEE.match(text, pos)
    # "Quân ủy Trung ương", "Khối ủy Doanh nghiệp": a capitalised word compounded with "ủy" is
    # a party committee as "Tỉnh ủy" is, when a name written with a capital follows it
    return Head(m.group(1), "body", False) if m else None


_COMMITTEE = re.compile(r"([A-ZĐ][^\W\d_A-ZĐ]+ (?:ủy|uỷ))(?= [A-ZĐ])")


def head_positions(text: str) -> list[int]:
    """Start offsets of every owner head (and its quantifier prefix) in ``text``."""
    rx, _ = _heads_re()
    return [m.start() for m in rx.finditer(text) if _is_word_start(text, m.start())]


def _prefix_len(text: str, pos: int) -> int:
    m = patterns()["owner_prefix"].match(text, pos)
    if m and m.end() < len(text) and text[m.end()] == " ":
        return m.end() + 1 - pos
    return 0


def owner_start(text: str, pos: int) -> tuple[int, Head] | None:
    """If an owner phrase (optional quantifier + head) starts at ``pos``, return (head pos, head)."""
    head = head_at(text, pos)
    n = _prefix_len(text, pos)
    if head:
        # "Các Bộ trưởng": the quantifier and a longer head ("Bộ trưởng") read further than
        # the plural head "Các Bộ" of a shared list
        longer = head_at(text, pos + n) if n else None
        if longer is not None and pos + n + len(longer.text) > pos + len(head.text):
            return pos + n, longer
        return pos, head
    if n:
        head = head_at(text, pos + n)
        if head:
            # "các Đoàn thể": a kind written with a capital after a quantifier reads as the
            # kind ("đoàn thể") where that is a longer head than the capitalised one ("Đoàn")
            lower = _lower_initial_head(text, pos + n)
            if lower is not None and len(lower.text) > len(head.text):
                return pos + n, lower
            return pos + n, head
        # "các chi bộ", "các ban": a plural quantifier before a head written in lower case;
        # the plural stands alone (it names every body of that kind)
        head = _lowercase_head_at(text, pos + n)
        if head:
            return pos + n, head
    return None


def _lower_initial_head(text: str, pos: int) -> Head | None:
    """The head read at ``pos`` with its capital initial lower-cased (``Đoàn thể`` as ``đoàn
    thể``), returned as written; None when the letter is no capital or no head is read."""
    if pos >= len(text) or not text[pos].isupper():
        return None
    rx, table = _heads_re()
    m = rx.match(text[pos].lower() + text[pos + 1 : pos + 60])
    if not m or m.group("address"):
        return None
    head = _head_of(m, table)
    return Head(text[pos : pos + len(m.group())], head.kind, head.bare)


def _lowercase_head_at(text: str, pos: int) -> Head | None:
    """A body head written with a lower-case initial (``chi bộ`` for ``Chi bộ``), as a bare head."""
    if pos >= len(text) or not text[pos].islower():
        return None
    rx, table = _heads_re()
    probe = text[pos].upper() + text[pos + 1 : pos + 60]
    m = rx.match(probe)
    if not m or _head_of(m, table).kind not in ("body",):
        return None
    if any(ch.isupper() for ch in m.group()[1:]):
        return None  # "Ủy ban Mặt trận": a proper name, never written in lower case
    return Head(text[pos : pos + len(m.group())], "body", True)


def is_predicate_start(text: str, pos: int) -> bool:
    """Whether a predicate (action verb, modal, adverb) starts at ``pos``."""
    if patterns()["protected"].match(text, pos):
        return False
    if patterns()["subject_stop"].match(text, pos):
        return True
    return bool(_verb_re().match(text, pos))


def _next_word(text: str, pos: int) -> int:
    """Offset of the next word after the one at ``pos`` (skipping one space run)."""
    m = re.compile(r"\s*\S+\s*").match(text, pos)  # from a space too: the word after it
    return m.end() if m else len(text)


def _window_end(text: str, pos: int, words: int = 2) -> int:
    """End of the ``words`` words after ``pos`` (spaces before them skipped): the right edge of
    the tagging window around a partner syllable (was the end of the string when ``pos`` fell on
    a space, so a window could run over the rest of the document)."""
    m = re.compile(r"(?:\s*\S+){" + str(words) + r"}\s*").match(text, pos)
    return m.end() if m else len(text)


def _starts_name_word(text: str, pos: int) -> int:
    """Length of a name-continuing word or phrase at ``pos`` (0 if none)."""
    prot = patterns()["protected"].match(text, pos)
    if prot:
        return prot.end() - pos
    ch = text[pos]
    if ch.isupper() or ch.isdigit():
        m = re.compile(r"[\w&/]+").match(text, pos)
        if not m:
            return 0
        word = m.group()
        # A title-case syllable carries its lower-case partner: "Văn hóa", "Tài nguyên".
        # A number ("Ban Chỉ đạo 389 quốc gia") carries none: what follows it is read on its own.
        if (word[0].isalpha() and (len(word) == 1 or not word.isupper()) and m.end() + 1 < len(text)
                and text[m.end()] == " "):
            nxt = m.end() + 1
            tail = re.compile(r"[a-zà-ỹđ]+(?!\w)").match(text, nxt)
            if (tail and not is_predicate_start(text, nxt) and not patterns()["name_word"].match(text, nxt)
                    and not patterns()["not_partner"].match(text, nxt)):
                return _partner_end(text, pos, m.end(), tail.end()) - pos
        return m.end() - pos
    m = patterns()["name_word"].match(text, pos)
    return (_whole_word(text, pos, m.end()) - pos) if m else 0


_LOWER_SYLLABLE = re.compile(r" ([a-zà-ỹđ]+)(?!\w)")
_MAX_WORD_SYLLABLES = 3


def _whole_word(text: str, start: int, end: int, words: list[tuple[int, int, str]] | None = None) -> int:
    """``end`` moved past the lower-case syllables pyvi reads as one word with the syllable
    that ends there (``Khu công`` + ``nghiệp``, ``Đoàn đại`` + ``biểu``): a name word never
    stops inside a word."""
    for _ in range(_MAX_WORD_SYLLABLES):
        m = _LOWER_SYLLABLE.match(text, end)
        if not m or is_predicate_start(text, m.start(1)) or patterns()["not_partner"].match(text, m.start(1)):
            break
        known = [s < end < e for s, e, _t in words if s < end] if words and words[-1][1] > m.end() else []
        if not (any(known) if known else _joined(text, start, end, _next_word(text, m.end()))):
            break
        end = m.end()
    return end


def _partner_end(text: str, start: int, word_end: int, tail_end: int) -> int:
    """End of a title-case syllable's lower-case partner (``Văn`` + ``hóa``, ``Khu`` + ``công
    nghiệp``): the partner is the syllable pyvi reads in one word with it, run to that word's
    end; a syllable pyvi reads as a word of its own is a partner only when it opens a noun
    (``Trạm`` + ``y tế``, ``Khu`` + ``kinh tế``), never a verb or a function word (``Cần Thơ``
    + ``đưa tin``, ``Trung ương Đảng`` + ``xin``)."""
    stop = _window_end(text, tail_end)
    from nlp.pos import NOUN_TAGS, _tag_window, tagged_tokens

    left = _word_start(text, max(0, start - 2))  # with the word before
    ann = active(text)
    starts = ann.word_starts if ann is not None else None
    # on a bare string one tagged window answers every question below (the tags cost)
    words = tagged_tokens(text, left, stop) if starts is None else None
    if (not starts.__contains__(word_end + 1)) if starts is not None else any(s < word_end < e for s, e, _t in words or ()):
        # a place name pyvi glued to the verb after it ("Gia_Lai_đẩy", tagged V) is a tagger error
        inside = (start not in starts) if starts is not None else any(s < start < e for s, e, _t in words or ())
        if inside:
            words = words or tagged_tokens(text, left, stop)
            glued_at, glued, tag = next(((s, text[s:e], t) for s, e, t in words if s < word_end < e), (0, "", ""))
            if sum(w[:1].isupper() for w in glued.split()) >= 2 and tag not in NOUN_TAGS:
                # unless the glued word opens with a body's head and the syllable and its tail,
                # read without the head, are one word: "Ban Công tác Mặt trận" (pyvi glues
                # "Ban_Công_tác") holds the word "Công tác"; a place ("Gia_Lai_đẩy") has no head
                own = _tag_window(text, start, stop) if head_at(text, glued_at) is not None else []
                if own and own[0][0] == start and own[0][1] > word_end + 1:
                    return own[0][1]
                return word_end
        return _whole_word(text, start, tail_end, words)
    for s, e, tag in words or tagged_tokens(text, left, stop):
        if s == word_end + 1:
            if tag not in NOUN_TAGS or not re.fullmatch(r"[a-zà-ỹđ ]+", text[s:e]):
                return word_end
            return e
    return word_end


def _joined(text: str, start: int, space: int, stop: int) -> bool:
    """Whether the syllable after the space at ``space`` is in one pyvi word with the one before."""
    ann = active(text)
    known = ann.glued(space) if ann is not None else None
    if known is not None:
        return known
    from nlp.pos import tagged_tokens

    return any(s < space < e for s, e, _tag in tagged_tokens(text, _word_start(text, start), stop))


def glued_to_next(text: str, start: int, space: int, stop: int) -> bool:
    """Whether pyvi reads the syllables on both sides of the space at ``space`` as one word
    (``giao`` + ``thông``); the word before starts at ``start``, the window ends by ``stop``."""
    return _joined(text, start, space, min(stop, _next_word(text, space)))


_LOWER_WORD = re.compile(r"[a-zà-ỹđ]+(?!\w) ?")
_WORD = re.compile(r"\w+(?:-\w+)*")
_MAX_LOWER_NAME_WORDS = 3


def _lowercase_name_run(text: str, pos: int, end: int) -> int:
    """Length of a run of lower-case words that still belongs to a name because a capitalised
    name word follows it (``Tổng Liên đoàn lao động Việt Nam``, ``Liên đoàn lao động tỉnh``,
    written without the capitals);
    0 when a predicate comes first or no capitalised word follows within a few words."""
    cur = pos
    for _ in range(_MAX_LOWER_NAME_WORDS):
        if is_predicate_start(text, cur):
            return 0
        m = _LOWER_WORD.match(text, cur, end)
        if not m or not m.group().endswith(" "):
            return 0
        cur = m.end()
        if cur < end and (text[cur].isupper() or patterns()["name_word"].match(text, cur)):
            return cur - pos
    return 0


_MAX_COMPLEMENT_WORDS = 5


def _inner_lowercase_run(text: str, pos: int, end: int) -> int:
    """Length of lower-case words inside a name written in sentence case, between two of its
    capitalised words (``Ủy ban Công tác`` + ``đại biểu`` + ``Quốc hội``): at most
    ``_MAX_LOWER_NAME_WORDS`` words, none a predicate, a preposition or a joining word, then a
    capitalised word that opens no owner, document or clause, read with its partner, or the
    colon that ends a label (``Cục Thông tin cơ sở và Thông tin`` + ``đối ngoại:``). 0
    otherwise (``Sở Y tế`` + ``hướng dẫn Sở ...``, ``UBND tỉnh`` + ``tại Tờ trình ...``)."""
    cur = pos
    for _ in range(_MAX_LOWER_NAME_WORDS):
        if (is_predicate_start(text, cur) or patterns()["not_partner"].match(text, cur)
                or patterns()["name_connector"].match(text, cur) or patterns()["complement_stop"].match(text, cur)
                or patterns()["own_kind"].match(text, cur) or owner_start(text, cur) is not None):
            return 0
        m = _LOWER_WORD.match(text, cur, end)
        if m and not m.group().endswith(" ") and text[m.end() : m.end() + 1] == ":":
            return m.end() - pos  # the name ends a label ("Cục Thông tin cơ sở và Thông tin" + "đối ngoại:")
        if not m or not m.group().endswith(" "):
            return 0
        cur = m.end()
        if cur < end and text[cur].isupper():
            break
    else:
        return 0
    if cur >= end or owner_start(text, cur) is not None or _cites_document(text, cur):
        return 0
    probe = text[cur].lower() + text[cur + 1 : cur + 40]
    if is_predicate_start(probe, 0):
        return 0
    n = _starts_name_word(text, cur)
    return cur + n - pos if n else 0


def _glued(text: str, head_pos: int, head_end: int, end: int) -> bool:
    """Whether pyvi reads the head's last syllable and the lower-case syllable after it as one
    word (``Bộ máy``, ``Viện dẫn``, ``Đoàn kết``), so no body's name starts here."""
    nxt = head_end + 1
    if nxt >= end or text[head_end] != " " or not text[nxt].islower():
        return False
    ann = active(text)
    known = ann.glued(head_end) if ann is not None else None
    if known is not None:
        return known  # the document's own pyvi segmentation (the spaCy Doc's words)
    m = _LOWER_WORD.match(text, nxt, end)
    if not m:
        return False
    from nlp.pos import tagged_tokens

    stop = m.end() - (1 if m.group().endswith(" ") else 0)
    return any(s < head_end < e for s, e, _tag in tagged_tokens(text, _word_start(text, max(head_pos, head_end - 12)), stop))


_COMMA = re.compile(r"\s*,\s*")


def _lower_words(text: str, pos: int, end: int) -> tuple[int, int]:
    """``(after, stop)``: a run of lower-case words from ``pos`` up to a predicate, a partner
    cue or a complement stop (at most ``_MAX_COMPLEMENT_WORDS``); ``stop`` without the spaces."""
    cur = pos
    for _ in range(_MAX_COMPLEMENT_WORDS):
        if cur >= end or not text[cur].islower() or is_predicate_start(text, cur):
            break
        if patterns()["not_partner"].match(text, cur) or patterns()["complement_stop"].match(text, cur):
            break
        m = _LOWER_WORD.match(text, cur, end)
        if not m:
            break
        cur = m.end()
    stop = cur
    while stop > pos and text[stop - 1] == " ":
        stop -= 1
    return cur, stop


def _comma_tail(text: str, pos: int, end: int) -> int:
    """End of a lower-case part after a comma that still belongs to the name before it
    (``Vụ Phổ biến, giáo dục pháp luật``): a few lower-case words, none opening a predicate,
    followed by another owner (``, Thủ trưởng ...``) or by the end of the text or of a heading
    (``:``); 0 otherwise."""
    cur, stop = _lower_words(text, pos, end)
    if stop <= pos or cur == pos:
        return 0
    rest = text[stop:end]
    if not rest.strip(" :*"):
        return stop  # the name runs to the end of a heading
    m = _COMMA.match(text, stop, end)
    if m and owner_start(text, m.end()) is not None:
        return stop
    return 0


def _skip_spaces(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] == " ":
        pos += 1
    return pos


def skip_commas(text: str, pos: int, end: int) -> int:
    """``pos`` moved over spaces and commas (up to ``end``): where a predicate may start after a
    subject (``Sở Tài chính, chủ trì ...``)."""
    while pos < end and text[pos] in " ,":
        pos += 1
    return pos


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _complement_run(text: str, pos: int, end: int, context: int) -> int:
    """Length of the lower-case complement of a body's name at ``pos``: the nouns up to a
    verb, cue or punctuation that ends the noun phrase (``Cục Quản lý`` + ``thị trường
    tỉnh``, ``Viện Khoa học`` + ``pháp lý``), told apart by pyvi's tags; 0 when none."""
    cur, stop = _lower_words(text, pos, end)
    if stop <= pos:
        return 0
    from nlp.pos import noun_run

    return max(0, noun_run(text, pos, stop, context_start=context) - pos)


_MAX_RELATIVE_WORDS = 30


def _relative_complement(text: str, pos: int, end: int) -> int:
    """Length of a relative or verb-led complement of a generic head at ``pos`` (``Các cơ
    quan`` + ``được giao nhiệm vụ chuẩn bị hồ sơ, soạn thảo ...``, ``Các doanh nghiệp`` +
    ``hoạt động trong lĩnh vực ...``): owner_patterns' ``relative_complement`` opens it; it runs
    to where the item's own predicate starts (``complement_end``: ``khẩn trương``, ``chủ trì``,
    ``có trách nhiệm``, ``phải``), to a comma or ``và`` before another owner, or to the end of
    the text or a heading's colon. 0 when no opener is there, when the run is too long, or when
    a sentence that goes on holds a verb that does not follow a comma (``Các doanh nghiệp hoạt
    động trên địa bàn rà soát ...``: no end of the complement can be told)."""
    m = patterns()["relative_complement"].match(text, pos, end)
    if not m:
        return 0
    cur = last = m.end()
    loose = False  # a verb inside the run that no comma introduces
    after_comma = True  # the opener's object may open on a verb ("được giao nhiệm vụ chuẩn bị")
    for _ in range(_MAX_RELATIVE_WORDS):
        cur = _skip_spaces(text, cur, end)
        if cur >= end:
            return last - pos  # the end of a heading or of the text
        ch = text[cur]
        if ch == ",":
            nxt = _skip_spaces(text, cur + 1, end)
            if owner_start(text, nxt) is not None:
                break
            cur, after_comma = cur + 1, True
            continue
        if ch in "-–" and cur + 1 < end and text[cur + 1] == " ":
            cur += 1
            continue
        if ch == ":" and not text[cur + 1 : end].strip(" *"):
            return last - pos  # "Các doanh nghiệp hoạt động trong lĩnh vực X:" heading
        if not ch.isalnum():
            return 0 if loose else last - pos
        if patterns()["complement_end"].match(text, cur, end):
            break
        if text.startswith("và ", cur) and owner_start(text, _next_word(text, cur)) is not None:
            break
        if not after_comma and ch.islower() and is_predicate_start(text, cur):
            loose = True
        word = _WORD.match(text, cur, end)
        if not word:
            return 0
        cur = last = word.end()
        after_comma = False
    else:
        return 0
    return 0 if loose or last <= m.end() else last - pos


def _assigned_clause(text: str, pos: int, end: int) -> int:
    """Length of owner_patterns' ``assigned_relative`` at ``pos`` (``các cơ quan, tổ chức`` +
    ``được phân công``) when a ``responsibility_cue`` opens the predicate right after it (``có
    trách nhiệm ...``); 0 otherwise (``... được phân công chủ trì``, ``được giao thực hiện``)."""
    m = patterns()["assigned_relative"].match(text, pos, end)
    if not m or not patterns()["responsibility_cue"].match(text, _skip_spaces(text, m.end(), end), end):
        return 0
    return m.end() - pos


def _kind_with_complement(text: str, pos: int, end: int) -> int:
    """End of a lower-case kind after a comma that shares the relative complement of a generic
    head before it (``lực lượng,`` + ``phương tiện tham gia thực hiện Kế hoạch này``): one to
    three lower-case words that open no predicate, then the complement; 0 otherwise."""
    cur = pos
    for _ in range(3):
        m = _LOWER_WORD.match(text, cur, end)
        if not m or is_predicate_start(text, cur) or patterns()["complement_stop"].match(text, cur):
            return 0
        cur = _skip_spaces(text, m.end(), end)
        n = _relative_complement(text, cur, end)
        if n:
            return cur + n
    return 0


def _joined_head(text: str, pos: int, end: int) -> int:
    """Length of a lower-case owner head and its complement at ``pos`` (``hệ thống`` +
    ``tổ chức đảng``, ``hệ thống`` + ``chính trị``), 0 when no head starts there."""
    head = head_at(text, pos)
    if head is None or not head.text[:1].islower():
        return 0
    after = _skip_spaces(text, pos + len(head.text), end)
    if after >= end or not text[after].islower():
        return 0
    prot = patterns()["protected"].match(text, after)
    if prot:
        return prot.end() - pos
    n = _complement_run(text, after, end, _word_start(text, max(0, pos - 20)))
    return (after + n - pos) if n else 0


def _activity_complement(text: str, pos: int, end: int, context: int) -> int:
    """Length of the field of activity that specifies a generic kind (``các cơ sở`` +
    ``nuôi trồng thủy sản``, ``giáo dục mầm non``): a word pyvi tags as a verb but that opens no
    predicate of the action-verb data, then its object nouns; 0 when no noun follows (``các cơ
    sở khám``) or the word opens a predicate (``các cơ sở thực hiện ...``)."""
    cur, stop = _lower_words(text, pos, end)
    if stop <= pos:
        return 0
    from nlp.pos import NOUN_TAGS, tagged_tokens

    words = [(s, e, t) for s, e, t in tagged_tokens(text, context, stop) if e > pos]
    if len(words) < 2 or words[0][0] != pos or not words[0][2].startswith("V") or words[1][2] not in NOUN_TAGS:
        return 0
    last = words[0][1]
    for _s, e, tag in words[1:]:
        if tag not in NOUN_TAGS:
            break
        last = e
    # the name ends there: punctuation, the end, a capitalised word or a joining word follows
    # ("các cơ sở giáo dục mầm non ở ...", "Các cơ sở nuôi trồng thủy sản:"), never a verb
    # ("các địa phương tiến hành tổng rà soát")
    after = _skip_spaces(text, last, end)
    if not (after >= end or not text[after].isalnum() or text[after].isupper()
            or patterns()["name_connector"].match(text, after) or patterns()["name_word"].match(text, after)
            or patterns()["subject_stop"].match(text, after)):  # "... dữ liệu có trách nhiệm"
        return 0
    return last - pos


def _activity_field(text: str, pos: int, end: int) -> int:
    """Length of the field of activity that names a kind of establishment (``các cơ sở`` +
    ``sản xuất``, ``giáo dục, đào tạo``): lower-case words, one run or a comma list of runs of
    at most ``_MAX_FIELD_WORDS`` words, that the kind's predicate follows (``tuân thủ ...``,
    ``lồng ghép ...``); 0 when the predicate opens at once (``Các cơ sở thực hiện nghiêm``) or
    no predicate follows the words."""
    cur = pos
    while True:
        after, stop = _lower_words(text, cur, end)
        verb = _verb_re().match(text, cur, end) if cur > pos and stop <= cur else None
        if verb:  # a later field may be an action verb ("giáo dục, đào tạo" + "lồng ghép")
            after, stop = _skip_spaces(text, verb.end(), end), verb.end()
        if stop <= cur or text[cur:stop].count(" ") >= _MAX_FIELD_WORDS:
            return 0
        if after < end and text[after] == ",":
            cur = _skip_spaces(text, after + 1, end)
            continue
        if after < end and text[after].islower() and is_predicate_start(text, after):
            return stop - pos
        return 0


_MAX_FIELD_WORDS = 3


def _connected_part(text: str, pos: int, end: int, context: int) -> int:
    """Length of a name part after a joining word (``các`` + ``dân tộc Việt Nam``, ``và`` +
    ``công nghiệp Thành phố``): lower-case words pyvi tags as nouns, then the capitalised name
    word that closes the part; 0 after another joining word (``trong công tác Phòng chống``),
    when a lower-case word is no noun or opens a predicate, or when the capitalised word
    opens a clause or cites a document."""
    stop = pos  # the word before, read in place (no copy of the text before ``pos``)
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    word = text[_word_start(text, stop) : stop]
    if not patterns()["part_connector"].fullmatch(word):
        return 0
    run = _lowercase_name_run(text, pos, end)
    if not run:
        return 0
    capital = pos + run
    words_end = capital - 1 if text[capital - 1] == " " else capital
    if _complement_run(text, pos, words_end, context) < words_end - pos:
        return 0  # "... và phối hợp Sở X": a verb, no name part
    if not text[capital].isupper() or _cites_document(text, capital):
        return 0
    probe = text[capital].lower() + text[capital + 1 : capital + 40]
    if is_predicate_start(probe, 0) or owner_start(text, capital) is not None and not head_at(text, capital).bare:
        return 0
    n = _starts_name_word(text, capital)
    return run + n if n else 0


def _new_clause_after_name(text: str, pos: int, last: int, head_end: int, head: Head) -> bool:
    """Whether the capitalised word at ``pos``, right after a complete name (it ends at
    ``last``, with only spaces between), opens a new clause instead of continuing the name: a
    verb-initial phrase of the action-verb data (``... cơ quan ngang bộ Tập trung chỉ đạo``,
    ``... Triển lãm Khẩn trương ...``, as web copies that drop punctuation read) or a plural
    quantifier opening the next subject (``Sở Tài chính Các sở, ngành ...``). After a joining
    word, a comma or a dash (``Sở Kế hoạch và Đầu tư``) the word is always part of the name;
    a name that is only its head is not complete (``Ủy ban Kiểm tra``, ``Trung tâm Xúc tiến``)."""
    if text[last:pos].strip(" ") or (last <= head_end and not _complete_head(head)):
        return False
    if patterns()["protected"].match(text, pos):
        return False
    if re.compile(r"Các(?!\w)").match(text, pos):
        return True
    m = re.compile(r"\w+").match(text, pos)
    if not m or (m.group().isupper() and len(m.group()) > 1):
        return False  # an acronym (UBND, HĐND) is a name word
    probe = text[pos].lower() + text[pos + 1 : pos + 40]
    if not is_predicate_start(probe, 0):
        return False
    # a clause goes on in lower case ("Tập trung chỉ đạo"); a place name does not ("Cần Thơ")
    verb = patterns()["subject_stop"].match(probe) or _verb_re().match(probe)
    after = probe[verb.end() :].lstrip(" ") if verb else ""
    if any(w[:1].isupper() for w in probe[1 : verb.end() if verb else 1].split()):
        return False
    # a capitalised word after the verb is a place name's ("Cần Thơ") unless it opens a body,
    # the verb's object ("... Thành phố Chỉ đạo Công an các phường ...")
    return not after[:1].isupper() or owner_start(after, 0) is not None


_TITLE_RUN = re.compile(r"(?:[A-ZĐÀ-Ỹ][\w]*(?: [a-zà-ỹđ]+)?)(?: [A-ZĐÀ-Ỹ][\w]*(?: [a-zà-ỹđ]+)?)*")


def _function_object(text: str, pos: int, end: int, unit: int) -> int:
    """Length of the object of a function name (``Viện Nghiên cứu`` + ``phát triển Thành
    phố``): after a capitalised name word that is itself a verb of the action data, one or two
    lower-case words that open no predicate (``hướng dẫn`` does) and a capitalised part that
    closes the name (the text, the line or a predicate comes next) still belong to it. 0 when the capitalised part names an owner, a
    document or opens a clause (``Ban Tổ chức tổ chức Hội nghị ...``)."""
    name = text[unit:pos].rstrip()
    words = [m.start() for m in re.finditer(r"(?<!\S)[A-ZĐÀ-Ỹ]\w*", name)]
    if not words:
        return 0
    lowered = name[words[-1]].lower() + name[words[-1] + 1 :]  # the last capitalised word on
    if _verb_re().fullmatch(lowered) is None and patterns()["subject_stop"].fullmatch(lowered) is None:
        return 0
    cur = pos
    for _ in range(2):
        m = _LOWER_WORD.match(text, cur, end)
        if (not m or not m.group().endswith(" ") or patterns()["not_partner"].match(text, cur)
                or is_predicate_start(text, cur)):
            return 0
        if patterns()["complement_stop"].match(text, cur) or patterns()["name_connector"].match(text, cur):
            return 0
        cur = m.end()
        if cur < end and text[cur].isupper():
            break
    else:
        return 0
    if _cites_document(text, cur) or patterns()["subject_stop"].match(text[cur].lower() + text[cur + 1 : cur + 30]):
        return 0
    run = _TITLE_RUN.match(text, cur, end)
    if not run:
        return 0
    other = owner_start(text, cur)
    if other is not None and not (other[1].bare and run.end() == other[0] + len(other[1].text)):
        return 0  # another owner; a bare head alone ends the name as its place ("... Thành phố")
    after = _skip_spaces(text, run.end(), end)
    if after < end and text[after].isalnum() and not is_predicate_start(text, after):
        return 0
    return run.end() - pos


def _complete_head(head: Head) -> bool:
    """A head that is a whole name by itself: a body's full proper name (``Bộ Văn hóa, Thể thao
    và Du lịch``) or a kind written in lower case (``cơ quan ngang bộ``)."""
    words = head.text.split()
    return head.text[:1].islower() or (head.bare and any(w[:1].isupper() for w in words[1:]))


def _cites_document(text: str, pos: int) -> bool:
    """Whether a capitalised document type starts at ``pos`` (``Tờ trình``, ``Công văn số``)."""
    if pos >= len(text) or not text[pos].isupper():
        return False
    probe = text[pos : pos + 40].lower()
    return any(probe.startswith(w) and (len(probe) == len(w) or not probe[len(w)].isalnum())
               for w in lexicon.type_by_word() if " " in w or len(w) > 3)


def subject_at(text: str, pos: int, end: int | None = None, *, allow_person: bool = False,
               opened: bool = False) -> OwnerPhrase | None:
    """The owner noun phrase that starts at ``pos`` and ends before its predicate.

    Returns None when no owner head starts there. The phrase may be a list
    (``Tổng cục, Cục, các Chi cục THADS``); :func:`split_owners` separates it. While a
    document is annotated (``nlp.annotate``), each position is read once and recorded.
    ``opened``: a lower-case letter at ``pos`` is read as the capital that opens a clause
    (:func:`clause_subject_at`).
    """
    end = len(text) if end is None else end
    ann = active(text)
    if ann is None:
        return _subject_at(text, pos, end, allow_person, opened)
    key = (pos, end, allow_person, opened)
    if key not in ann.owner_phrases:
        ann.owner_phrases[key] = _subject_at(text, pos, end, allow_person, opened)
    return ann.owner_phrases[key]


def clause_subject_at(text: str, pos: int, end: int | None = None) -> OwnerPhrase | None:
    """:func:`subject_at` where a clause's subject opens after what introduces it (``Trong quá
    trình ..., nếu ..., cơ quan, đơn vị chủ động ...``, ``Đối với ... thì cơ quan, tổ chức, đơn
    vị giới thiệu người ứng cử có trách nhiệm ...``): there a kind of body in lower case
    (owner_words ``modified_kinds``) stands where a sentence would open, and is read as if it
    opened the sentence. The phrase's text is the text as written."""
    found = subject_at(text, pos, end)
    if found is not None or pos >= len(text) or not text[pos].islower():
        return found
    first = re.split(r"[,;]", text[pos : pos + 40], maxsplit=1)[0].split()
    n = _kind_word(first)
    if not n:
        return None
    rest = " ".join(first[n:])
    if _role_verb_re().match(rest) and not patterns()["responsibility_cue"].match(rest):
        return None  # "cơ quan chủ trì", "đơn vị phối hợp": the role of a body the structure names
    found = subject_at(text, pos, end, opened=True)
    if found is None or any(part[:1].isupper() for part in split_owners(found.text)):
        return None  # "..., cơ quan liên quan, Bộ Tài chính ...": the kind ends a list before a name
    return found


def _opened_start(text: str, pos: int) -> tuple[int, Head] | None:
    """:func:`owner_start` read as if the letter at ``pos`` were a capital (a sentence's
    opening): the head is returned as written."""
    probe = text[pos].upper() + text[pos + 1 : pos + 80]
    found = owner_start(probe, 0)
    if found is None:
        return None
    at, head = found
    return pos + at, Head(text[pos + at : pos + at + len(head.text)], head.kind, head.bare)


def _subject_at(text: str, pos: int, end: int, allow_person: bool, opened: bool = False) -> OwnerPhrase | None:
    """``opened``: the lower-case letter at ``pos`` opens the phrase as a capital would."""
    found = _opened_start(text, pos) if opened else owner_start(text, pos)
    if not found:
        return None
    head_pos, head = found
    if head.kind == "person" and not allow_person:
        return None
    if patterns()["role_reference"].match(text[pos].upper() + text[pos + 1 : head_pos + 60] if opened else text,
                                          head_pos - pos if opened else head_pos):
        return None  # "Cơ quan thường trực Tổ công tác": the role of a body named elsewhere
    cur = last = head_pos + len(head.text)
    if " " not in head.text and _glued(text, head_pos, cur, end):
        return None  # "Bộ máy", "Đội ngũ", "Trường học": the head is half of another word
    shared_list = False  # inside the list after a shared head's colon
    fielded = False  # a kind of establishment read with its field of activity (_activity_field)
    part_head, part_head_end = head, cur  # each part of a list is read as a name of its own
    unit_end = cur  # end of the last name word that still needs a name after it
    last_unit = head_pos  # start of the last name word read
    while cur < end:
        while cur < end and text[cur] == " ":
            cur += 1
        if cur >= end:
            break
        ch = text[cur]
        if ch in ",;":
            nxt = cur + 1
            while nxt < end and text[nxt] == " ":
                nxt += 1
            if nxt < end and ch == ";":
                nxt_owner = owner_start(text, nxt)
                if nxt_owner and nxt_owner[1].kind in ("holder", "body"):
                    # "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường ...": a list of
                    # addressees separated by semicolons
                    cur = last = nxt_owner[0] + len(nxt_owner[1].text)
                    unit_end = cur if not nxt_owner[1].bare else unit_end
                    part_head, part_head_end = nxt_owner[1], cur
                    continue
            if nxt < end and ch == ",":
                nxt_owner = owner_start(text, nxt)
                if nxt_owner:
                    cur = last = nxt_owner[0] + len(nxt_owner[1].text)
                    # "Sở Tài chính, Sở" + "Xây dựng": a head that needs a name is no whole name
                    unit_end = cur if not nxt_owner[1].bare else unit_end
                    part_head, part_head_end = nxt_owner[1], cur
                    continue
                cont = patterns()["continuation"].match(text, nxt)
                if cont:
                    # "các cơ quan, tổ chức có liên quan": the kind word is part of the name
                    # even when it doubles as a verb ("tổ chức").
                    cur = last = cont.end()
                    continue
                if text[nxt].isupper():
                    cur = nxt
                    continue
                tail = _comma_tail(text, nxt, end)
                if not tail and part_head.kind == "generic":
                    tail = _kind_with_complement(text, nxt, end)
                if tail:
                    cur = last = tail
                    continue
            break
        if ch == "-" and cur + 1 < end and text[cur + 1] == " ":
            if text[_skip_spaces(text, cur + 1, end) : _skip_spaces(text, cur + 1, end) + 1].isdigit():
                break  # "Bộ Xây dựng - 02 Nghị định": a count after the dash, no second name part
            cur += 2
            continue
        if text.startswith("và ", cur) or text.startswith("cùng ", cur):
            nxt = _next_word(text, cur)
            nxt_owner = owner_start(text, nxt)
            if nxt_owner:
                cur = last = nxt_owner[0] + len(nxt_owner[1].text)
                unit_end = cur if not nxt_owner[1].bare else unit_end
                part_head, part_head_end = nxt_owner[1], cur
                continue
            if shared_list and text.startswith("và ", cur) and nxt < end and text[nxt].isupper():
                cur = nxt  # "các tỉnh: Đắk Lắk, Gia Lai và Lâm Đồng": the last name of the list
                continue
        if ch == ":" and shared_head_tail(text[pos:cur].rstrip()) is not None:
            # "Các Bộ, cơ quan: Tài chính, Y tế, ...": the list after the colon shares the head
            nxt = cur + 1
            while nxt < end and text[nxt] == " ":
                nxt += 1
            if nxt < end and text[nxt].isupper():
                cur = nxt
                shared_list = True
                continue
        if ch == "/" and cur == last and 0 < cur and text[cur - 1].isalpha() and text[cur + 1 : cur + 2].islower():
            # "Ủy ban nhân dân các xã/phường", "huyện/thị xã": a slash written without spaces offers
            # the next place or kind of the same body
            m = _SLASH_PART.match(text, cur + 1, end)
            if (m and text[cur - 1].islower() and not is_predicate_start(text, cur + 1)
                    and not patterns()["not_partner"].match(text, cur + 1)):
                cur = last = _whole_word(text, cur + 1, m.end())
                continue
        if ch == "-" and cur == last and 0 < cur and text[cur - 1].isalpha() and text[cur + 1 : cur + 2].islower():
            # "các tổ chức chính trị-xã hội": a hyphen inside one compound (no spaces around it)
            # joins the lower-case words after it, up to a predicate
            m = _HYPHEN_PART.match(text, cur + 1, end)
            if m and not is_predicate_start(text, cur + 1):
                cur = last = unit_end = m.end()
                continue
        if not ch.isalnum():
            break
        if ch.isupper() and cur > last and _new_clause_after_name(text, cur, last, max(unit_end, part_head_end), part_head):
            break
        qualifier = patterns()["qualifier"].match(text, cur, end)
        if qualifier:
            cur = last = qualifier.end()
            continue
        if part_head.kind == "generic" and cur == _skip_spaces(text, last, end):
            # "Các cơ quan được giao nhiệm vụ ...", "các cơ quan báo chí đóng trên địa bàn"
            n = _relative_complement(text, cur, end) or _assigned_clause(text, cur, end)
            if n:
                cur = last = unit_end = cur + n
                continue
        if (part_head.kind == "generic" and last == part_head_end and cur == _skip_spaces(text, last, end)
                and part_head.text.lower() in lexicon.owner_words("activity_kinds")):
            n = _activity_field(text, cur, end)  # "Các cơ sở" + "sản xuất" + "tuân thủ ..."
            if n:
                last = unit_end = cur + n
                fielded = True  # the predicate follows the field: the phrase ends there
                break
        if is_predicate_start(text, cur) and not patterns()["protected"].match(text, cur):
            break
        unit_start = cur
        n = _starts_name_word(text, cur)
        if (not n and not part_head.bare and last == part_head_end
                and not re.search(r"(?<!\S)và\s*$", text[max(0, cur - 4):cur])):
            n = _lowercase_name_run(text, cur, end)  # never after "và": "đoàn thể và cá nhân ..." are two
        if not n and part_head.kind != "person" and cur == _skip_spaces(text, last, end):
            # a lower-case complement follows the name itself, never a joining word
            # ("Ủy ban nhân dân trong công tác ...": "trong" ends the name)
            n = _complement_run(text, cur, end, _word_start(text, max(head_pos, cur - 40)))
            n = n or _function_object(text, cur, end, last_unit)
            if not n and part_head.kind == "body" and last > part_head_end and text[last_unit].isupper():
                n = _inner_lowercase_run(text, cur, end)  # "Ủy ban Công tác" + "đại biểu Quốc hội"
            if not n and part_head.kind == "generic" and last == part_head_end:
                n = _activity_complement(text, cur, end, _word_start(text, max(head_pos, cur - 40)))
        if not n and cur > last and text[cur].islower():
            # after a joining word, a lower-case head and its complement ("các cơ quan, đơn vị
            # trong" + "hệ thống tổ chức đảng"); other lower-case words end the name there
            n = _joined_head(text, cur, end)
            n = n or _connected_part(text, cur, end, _word_start(text, max(head_pos, cur - 40)))
        if not n:
            break
        if patterns()["name_connector"].fullmatch(text, cur, cur + n):
            if _cites_document(text, _skip_spaces(text, cur + n, end)):
                break  # "Sở Công Thương tại Tờ trình số ...": a document is no part of the name
            cur += n  # joins two parts of a name: the phrase does not end on it
            continue
        last_unit = unit_start if cur == unit_start else last_unit
        unit = head_at(text, cur)
        # a name word that is itself a head needing a name ("Bộ trưởng Bộ" + "Xây dựng") leaves
        # the name incomplete
        unit_end = cur + n if unit is not None and not unit.bare and cur + len(unit.text) >= cur + n else unit_end
        cur = last = cur + n
    if (part_head.kind == "generic" or part_head.text[:1].islower()) and not fielded:
        # a kind written in lower case ("các cơ quan", "các bệnh viện") whose noun phrase the
        # reading above left before its predicate: the rest up to the predicate is its name
        last = _complement_to_predicate(text, last, end, _word_start(text, max(head_pos, last - 40))) or last
    elif part_head.kind == "body" and _ends_on_function_word(text, part_head_end, last):
        # a name written in sentence case after a function word ("Trung tâm Xúc tiến" + "đầu tư,
        # thương mại và du lịch tỉnh", "Viện Nghiên cứu" + "phát triển kinh tế - xã hội tỉnh")
        last = _complement_to_predicate(text, last, end, _word_start(text, max(head_pos, last - 40)),
                                        object_verb=True) or last
    elif (part_head.kind == "body" and not text[part_head_end:last].strip()[:1].isupper()
          and _function_head(part_head)):
        # a head that ends on a function ("Ban Chỉ đạo") whose object follows it in lower case, up
        # to its place and the predicate ("Ban Chỉ đạo" + "phòng, chống thiên tai tỉnh" + "theo dõi")
        named = _complement_to_predicate(text, part_head_end, end, _word_start(text, max(head_pos, part_head_end - 40)),
                                         object_verb=True)
        last = max(last, named)
    span_end = last
    while span_end > pos and text[span_end - 1] in " ,;-":
        span_end -= 1
    if span_end <= head_pos:
        return None
    if not head.bare and span_end <= head_pos + len(head.text):
        named = _named_by_its_predicate(text, head_pos + len(head.text), end) if head.kind == "generic" else 0
        if not named:
            return None
        span_end = named
    return OwnerPhrase(pos, span_end, text[pos:span_end], head.kind)


_MAX_KIND_NAME_WORDS = 6


def _named_by_its_predicate(text: str, pos: int, end: int) -> int:
    """End of what names a singular kind that needs a name when no name word follows it
    (``Cơ quan`` + ``thanh tra`` + ``khẩn trương ...``, ``Cơ quan`` + ``chủ trì thẩm định`` +
    ``có trách nhiệm ...``): a few lower-case words, verbs included, up to owner_patterns'
    ``responsibility_cue`` that opens the item's predicate. 0 when punctuation, a capitalised
    word or another owner comes first, or no cue within ``_MAX_KIND_NAME_WORDS`` words."""
    cur = last = pos
    for _ in range(_MAX_KIND_NAME_WORDS + 1):
        cur = _skip_spaces(text, cur, end)
        if cur >= end or not text[cur].islower():
            return 0
        if patterns()["responsibility_cue"].match(text, cur, end):
            return last if last > pos else 0
        if owner_start(text, cur) is not None or patterns()["own_kind"].match(text, cur):
            return 0
        m = _WORD.match(text, cur, end)
        if not m:
            return 0
        cur = last = m.end()
    return 0


_MAX_PHRASE_WORDS = 12
_TITLE_WORDS = re.compile(r"[A-ZĐÀ-Ỹ0-9][\w/&-]*(?: (?:[A-ZĐÀ-Ỹ0-9][\w/&-]*|[a-zà-ỹđ]+(?= [A-ZĐÀ-Ỹ])))*")


def _function_head(head: Head) -> bool:
    """Whether a head's words after its first are one function of the action data written in
    title case (``Ban Chỉ đạo``, ``Ban Quản lý``): a name whose object may follow in lower case."""
    words = head.text.split()[1:]
    if not words or not words[0][:1].isupper() or len(words) > 2:
        return False
    lowered = " ".join(words)
    lowered = lowered[0].lower() + lowered[1:]
    return bool(_verb_re().fullmatch(lowered) or patterns()["subject_stop"].fullmatch(lowered))


def _ends_on_function_word(text: str, head_end: int, last: int) -> bool:
    """Whether the name read up to ``last`` ends on one capitalised word after its head that is
    a verb of the action data (``Trung tâm Xúc tiến``, ``Viện Nghiên cứu``): a function whose
    object follows in lower case."""
    word = text[head_end:last].strip()
    if not word[:1].isupper() or len(word.split()) > 2:
        return False
    lowered = word[0].lower() + word[1:]
    if _verb_re().fullmatch(lowered) or patterns()["subject_stop"].fullmatch(lowered):
        return True
    from nlp.pos import tagged_tokens

    start = last - len(word)
    tags = [tag for s, e, tag in tagged_tokens(text, _word_start(text, max(0, start - 12)), last) if s >= start]
    return len(tags) == 1 and tags[0].startswith("V")  # "Xúc_tiến/V"


def _complement_to_predicate(text: str, pos: int, end: int, context: int, *, object_verb: bool = False) -> int:
    """End of the rest of a kind's noun phrase that the name reading stopped at ``pos``
    before its predicate (``Các cơ quan`` + ``phát thanh, truyền hình của huyện`` + ``tăng
    cường ...``, ``Các bệnh viện tuyến tỉnh`` + ``, tuyến huyện`` + ``bố trí ...``): lower-case
    words, one comma between them, joining words and the capitalised name after one (``trực
    thuộc Sở``), up to where the predicate opens (an action verb or a word of owner_patterns'
    ``complement_end``) or a colon that closes a label. 0 when anything else comes first (the
    end of the sentence, a bracket, a second comma, another owner or an owner kind of its own
    after a comma or ``và``, a preposition, relative or modal word), when pyvi tags a word of
    the run as an adverb or adjective (``sớm``, ``nhất là``) or as a verb that no comma or
    ``và`` coordinates with a field (``tiến hành tổng rà soát``, ``đưa tin kịp thời``), unless
    a ``responsibility_cue`` opens the predicate (``Các đơn vị khai thác dữ liệu`` + ``có trách
    nhiệm``), or when the run is longer than ``_MAX_PHRASE_WORDS`` words."""
    cur = last = pos
    words = commas = 0
    from nlp.pos import tagged_tokens

    # the reading above may have stopped inside one pyvi word ("sự nghiệp công" | "lập"): its
    # second half is no predicate
    split_word = next((e for s, e, _t in tagged_tokens(text, context, min(end, _window_end(text, pos)))
                       if s < pos < e and text[pos:e].strip()), pos)
    joined = False  # the word before is a joining word ("thuộc", "của"): a name may follow
    while words <= _MAX_PHRASE_WORDS:
        cur = _skip_spaces(text, cur, end)
        if cur >= end:
            return 0
        ch = text[cur]
        if ch == ",":
            nxt = _skip_spaces(text, cur + 1, end)
            if (nxt >= end or not text[nxt].islower() or owner_start(text, nxt) is not None
                    or patterns()["own_kind"].match(text, nxt) or is_predicate_start(text, nxt)
                    or _prefix_len(text, nxt)):
                return 0  # another owner, a kind of its own or a quantifier ("các thôn") after the comma
            commas += 1
            if commas > 1:
                return 0  # an enumeration ("doanh nghiệp, cha mẹ trẻ em, cán bộ ...")
            cur, joined = nxt, False
            continue
        if ch == ":":
            break
        if ch == "-" and text[cur + 1 : cur + 2] == " " and last > pos:
            cur += 1  # "kinh tế - xã hội"
            continue
        if not ch.isalnum():
            return 0
        if ch.isupper() or ch.isdigit():
            m = _TITLE_WORDS.match(text, cur, end)
            if not joined or not m or _cites_document(text, cur):
                return 0
            cur = last = m.end()
            words += m.group().count(" ") + 1
            joined = False
            continue
        if cur >= split_word and (patterns()["complement_end"].match(text, cur, end) or (
                _verb_re().match(text, cur) and not patterns()["protected"].match(text, cur)
                and not (object_verb and last == pos))):  # "Trung tâm Xúc tiến" + "đầu tư"
            break  # the predicate opens
        if patterns()["phrase_void"].match(text, cur):
            return 0  # a copula, passive or particle ("nhất là", "được"): where the phrase ends is not told
        if patterns()["subject_stop"].match(text, cur):
            break  # a purpose, condition or manner word ("để", "khi", "trong phạm vi") ends it
        if text.startswith("và ", cur):
            nxt = _next_word(text, cur)
            if (owner_start(text, nxt) is not None or patterns()["own_kind"].match(text, nxt)
                    or patterns()["continuation"].match(text, nxt) or last == pos):
                return 0  # "và" before another owner or a kind of its own ("và cá nhân có liên quan")
            cur, joined = nxt, True
            continue
        m = patterns()["name_word"].match(text, cur, end)
        if m:
            cur = last = m.end()
            joined = bool(patterns()["name_connector"].fullmatch(m.group()) or m.group() == "trực thuộc")
            words += m.group().count(" ") + 1
            continue
        if (patterns()["complement_stop"].match(text, cur) or patterns()["not_partner"].match(text, cur)
                or owner_start(text, cur) is not None or patterns()["own_kind"].match(text, cur)):
            return 0
        m = _WORD.match(text, cur, end)
        if not m:
            return 0
        cur = last = m.end()
        words += 1
        joined = False
    else:
        return 0
    if last <= pos or joined:
        return 0
    if object_verb and (not text[pos:last].endswith(lexicon.owner_words("place_kinds"))
                        or _plural_re().search(text, pos, last)):
        # a function's object closes on its place ("... du lịch tỉnh") and names no plural, unlike a
        # predicate's ("Ban Tổ chức" + "hướng dẫn các đơn vị của tỉnh")
        return 0
    if patterns()["responsibility_cue"].match(text, cur, end):
        return last  # "Các đơn vị khai thác dữ liệu" + "có trách nhiệm": the predicate is certain
    run = [(s, e, tag) for s, e, tag in tagged_tokens(text, context, cur) if s >= pos and e <= last]
    coordinators = [i for i, (s, e, _tag) in enumerate(run) if text[s:e] in (",", "và")]
    for i, (_s, _e, tag) in enumerate(run):
        if tag in ("R", "A"):
            return 0  # an adverb or adjective: a predicate's ("sớm", "nhất là")
        if tag.startswith("V") and i - 1 not in coordinators and i + 1 not in coordinators and not (object_verb and i == 0):
            # a verb no list holds opens the predicate ("Các cơ quan truyền thông, báo chí" +
            # "đưa tin kịp thời"; "các địa phương" + "tiến hành ..."), unless it names a field in
            # a list ("phát thanh, truyền hình", "sản xuất, chế biến và xuất khẩu nông sản")
            before = [t for t in run[:i] if text[t[0]:t[1]] not in (",", "và")]
            if object_verb or not before or patterns()["name_connector"].fullmatch(text, before[-1][0], before[-1][1]):
                return 0
            return before[-1][1]
    return last


def owners_in_list(text: str, pos: int, end: int | None = None) -> OwnerPhrase | None:
    """An owner list that starts at ``pos`` and runs to a clause boundary (co-owners after
    ``phối hợp với``). Unlike :func:`subject_at`, any noun phrase is accepted."""
    end = len(text) if end is None else end
    stop = patterns()["list_stop"].search(text, pos, end)
    stop_at = stop.start() if stop else end
    # An action verb ends the list too ("phối hợp với Ngân hàng Nhà nước tổng kết ...").
    cur = pos
    while cur < stop_at:
        if cur > pos and text[cur - 1] == " " and not patterns()["protected"].match(text, cur):
            if (_verb_re().match(text, cur) or _role_verb_re().match(text, cur)) and text[cur].islower():
                stop_at = cur
                break
        cur += 1
    span_end = stop_at
    while span_end > pos and text[span_end - 1] in " ,;":
        span_end -= 1
    if span_end <= pos:
        return None
    return OwnerPhrase(pos, span_end, text[pos:span_end], "generic")


_MAX_TITLE_WORDS = 24


def person_title(text: str, pos: int, end: int) -> str | None:
    """One person addressed by an honorific and named by titles (``Đồng chí Ủy viên Ban Thường
    vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã lãnh đạo ...``, ``Đồng chí Phó Giám đốc Trung tâm X - Phó
    Trưởng tiểu ban: ...``): the titles up to a colon, a semicolon, a period or a predicate are
    one owner, never split at their commas or dashes; None when no honorific and title open
    the text at ``pos``."""
    plural = re.match(r"(?:các|Các)\s+", text[pos:end])
    # "Các đồng chí Phó Chủ tịch Ủy ban MTTQ xã chỉ đạo": the persons holding one title
    m = _honorific_re().match(text, pos + plural.end() if plural else pos, end)
    if not m:
        return None
    start = m.end()
    if not (_title_re().match(text, start, end) or ((o := owner_start(text, start)) and o[0] == start
                                                     and o[1].kind == "holder")):
        return None
    label = re.match(r"[^:;.\n]*(?=:)", text[start:end])
    if label and 2 <= len(label.group().split()) <= _MAX_TITLE_WORDS:
        name = " ".join(label.group().split())  # "Đồng chí X - Phó Trưởng tiểu ban: ..."
        return name if _one_person(name) else None
    stop = start
    words = 0
    for w in re.finditer(r"\S+", text[start:end]):
        at = start + w.start()
        if words >= 2 and is_predicate_start(text, at):
            break
        words += 1
        stop = start + w.end()
        if w.group()[-1] in ":;." or words > _MAX_TITLE_WORDS:
            break
    name = " ".join(text[start:stop].split()).rstrip(" :;.,")
    if words > _MAX_TITLE_WORDS or len(name.split()) < 2 or not _one_person(name):
        return None
    return name


def _one_person(titles: str) -> bool:
    """Whether an honorific's titles name one person: no ``và`` before another title, a comma only before a
    lower-case description (``Phó Chủ tịch Thường trực, phụ trách lĩnh vực X``) or between the
    concurrent posts of a member (``Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã``);
    ``Bộ trưởng Bộ Y tế, Thứ trưởng Bộ Y tế`` are two."""
    for m in re.finditer(r" và ", titles):
        o = owner_start(titles, m.end())
        if _title_re().match(titles, m.end()) or (o and o[0] == m.end() and o[1].kind == "holder"):
            return False  # "Bí thư tỉnh ủy và Chủ tịch UBND tỉnh": two
    member = _member_re().match(titles) is not None
    return all(member or not part.strip()[:1].isupper() for part in titles.split(",")[1:])


@cache
def _member_re() -> re.Pattern[str]:
    return re.compile(r"(?:Ủy viên|Uỷ viên|ủy viên|uỷ viên)(?!\w)")


@cache
def _honorific_re() -> re.Pattern[str]:
    words = sorted(lexicon.owner_words("honorifics"), key=len, reverse=True)
    return re.compile(r"(?:{})\s+".format("|".join(re.escape(w) for w in words)))


@cache
def _title_re() -> re.Pattern[str]:
    words = sorted(lexicon.owner_words("person_titles"), key=len, reverse=True)
    return re.compile(r"(?:{})(?!\w)".format("|".join(re.escape(w) for w in words)))


def split_owners(phrase: str) -> list[str]:
    """Split an owner list into owners, keeping names whose commas only list places/kinds.

    ``các Bộ: Tư pháp, Công an`` gives ``Bộ Tư pháp``, ``Bộ Công an``.
    """
    phrase = phrase.strip(" ,;:.")
    lead, colon, rest = phrase.partition(":")
    shared = shared_head_tail(lead.rstrip()) if colon else None
    if shared and rest.strip():
        before, head = shared
        rest, tail = _own_plural_tail(rest)
        places = head.endswith(lexicon.owner_words("place_kinds"))  # "các tỉnh: A, B và C": each is a place
        names = [p if subject_at(p, 0) else f"{head} {p}" for p in _shared_parts(rest, places=places)]
        return (split_owners(before) if before else []) + names + (split_owners(tail) if tail else [])
    parts: list[str] = []
    cur = 0
    start = 0
    n = len(phrase)
    while cur < n:
        sep = None
        if phrase[cur] in ",;":
            sep = cur + 1
        elif phrase.startswith(" và ", cur):
            sep = cur + 4
        if sep is not None:
            nxt = sep
            while nxt < n and phrase[nxt] == " ":
                nxt += 1
            splits = owner_start(phrase, nxt) is not None or (
                phrase[cur] == "," and _ends_a_name(phrase[start:cur]) and _named_part(phrase, nxt))
            if phrase[cur] == "," and patterns()["continuation"].match(phrase, nxt):
                splits = False
            if phrase[cur] == "," and _own_kind_after_public(phrase, start, nxt):
                splits = True
            if phrase[cur] == "," and _kind_after_modified_kind(phrase, start, cur, nxt):
                splits = True
            if phrase[cur] == ";":
                splits = True
            if splits:
                parts.append(phrase[start:cur])
                start = cur = nxt
                continue
        cur += 1
    parts.append(phrase[start:])
    return _share_holder([p for p in (clean_owner(p) for p in parts) if p])


def _own_kind_after_public(phrase: str, start: int, nxt: int) -> bool:
    """Whether the comma part at ``nxt`` names a kind outside the public bodies (``doanh
    nghiệp``, ``người dân``) after a part led by a public body (``Các cơ quan, đơn vị``): an
    owner of its own. A list such a kind leads (``các doanh nghiệp, hợp tác xã``) stays whole."""
    kind = patterns()["own_kind"]
    return kind.match(phrase, nxt) is not None and kind.match(phrase, start) is None


@cache
def _modified_kinds() -> tuple[list[str], ...]:
    """owner_words' ``modified_kinds``, each split into its words once."""
    return tuple(kind.split() for kind in lexicon.owner_words("modified_kinds"))


def _kind_word(words: list[str]) -> int:
    """How many of ``words`` a lower-case kind of body (``cơ quan``, ``đoàn thể``) at their
    start takes, 0 if none opens them."""
    for kind in _modified_kinds():
        if words[: len(kind)] == kind:
            return len(kind)
    return 0


def _kind_after_modified_kind(phrase: str, start: int, cur: int, nxt: int) -> bool:
    """Whether the comma at ``cur`` ends a kind of body that carries its own modifier
    (``cơ quan thuộc Chính phủ``, ``đoàn thể cấp tỉnh``) and the part at ``nxt`` opens with
    another kind (``cơ quan trung ương của ...``): two owners. Bare kinds in a row (``cơ quan,
    tổ chức, đơn vị có người ...``) share the modifier after them and stay one."""
    last = re.split(r"[,;]", phrase[start:cur])[-1].split()
    if last and last[0].lower() in lexicon.owner_words("plural_quantifiers"):
        last = last[1:]
    n = _kind_word(last)
    if not n or len(last) <= n:
        return False
    return _kind_word(re.split(r"[,;]", phrase[nxt : nxt + 40], maxsplit=1)[0].split()) > 0


def _ends_a_name(part: str) -> bool:
    """Whether a comma part is a whole name by its end: a capitalised word or a place word
    (``... khu vực V``, ``Hội Người mù tỉnh``), not a name the comma continues (``Báo và Phát
    thanh, Truyền hình Cần Thơ``)."""
    words = part.split()
    return len(words) >= 2 and (words[-1][:1].isupper() or words[-1] in lexicon.owner_words("name_end_places"))


def _named_part(phrase: str, pos: int) -> bool:
    """Whether the comma part at ``pos`` is a body's proper name of its own even with a head
    the data does not know (``Kho bạc Nhà nước khu vực V, Vườn quốc gia Bạch Mã``, ``Hội Người
    mù tỉnh, Câu lạc bộ Hưu trí tỉnh``): it opens with a capital, holds another capitalised word
    and a lower-case one before the next comma (no place name) and is no part of a name that
    holds a comma (``Văn hóa, Thể thao và Du lịch``)."""
    if not phrase[pos : pos + 1].isupper():
        return False
    if any(a < pos < b for a, b in (m.span() for m in patterns()["comma_name"].finditer(phrase))):
        return False
    words = re.split(r"[,;]", phrase[pos:], maxsplit=1)[0].split()
    # a common noun heads it (a lower-case word), unlike a place name (``tỉnh Nghệ An, Quảng Ngãi``)
    return len(words) >= 2 and any(w[:1].isupper() for w in words[1:]) and any(w[:1].islower() for w in words)


_SLASH_PART = re.compile(r"[a-zà-ỹđ]+(?!\w)")
_HYPHEN_PART = re.compile(r"[a-zà-ỹđ]+(?: [a-zà-ỹđ]+)?(?!\w)")


_LAST_PART = re.compile(r"(?:,\s*|\s+và\s+)(?=\S)")


def shared_head_tail(lead: str) -> tuple[str, str] | None:
    """``(the parts before, the head)`` when ``lead`` (what comes before a colon) is, or ends
    with, a plural head the list after the colon shares: ``các Bộ`` -> ``("", "Bộ")``, ``Các Bộ,
    cơ quan liên quan và các Tập đoàn`` -> ``("Các Bộ, cơ quan liên quan", "Tập đoàn")``."""
    m = patterns()["shared_head"].match(lead)
    if m:
        return "", _shared(m)
    for sep in _LAST_PART.finditer(lead):
        m = patterns()["shared_head"].match(lead[sep.end() :])
        if m:
            return lead[: sep.start()].strip(), _shared(m)
    return None


def _own_plural_tail(names: str) -> tuple[str, str]:
    """``(the shared-head names, a plural body of its own after them)``: a shared-head list ends
    where ``và`` or a comma opens a plural body with its own head (``Quốc phòng, Khoa học và
    Công nghệ và các bộ, ngành có liên quan``: the head ``Bộ`` is not shared by ``các bộ,
    ngành``); so does a semicolon before any owner (``Y tế; Chủ tịch Ủy ban nhân dân các
    tỉnh``). The tail is a list of its own (``""`` when there is none)."""
    for sep in re.finditer(r"(?:[,;]\s*|\s+và\s+)(?=\S)", names):
        nxt = sep.end()
        if owner_start(names, nxt) is None:
            continue
        if names[sep.start()] == ";" or names.startswith(("các ", "Các "), nxt):
            return names[: sep.start()], names[nxt:]
    return names, ""


def _shared(m: re.Match[str]) -> str:
    head = m.group("head")
    if head[:1].islower() and head not in lexicon.owner_words("place_kinds"):
        head = head[:1].upper() + head[1:]  # "Các sở: Tài chính" shares the head "Sở"
    return f"{m.group('pre')} {head}" if m.group("pre") else head


def _shared_parts(names: str, *, places: bool = False) -> list[str]:
    """The names of a shared-head list (``Tài chính, Nông nghiệp và Môi trường, Văn hóa, Thể
    thao và Du lịch, Tập đoàn X``): split at commas except inside a name that holds one, and
    at ``và`` only before a body of its own (``Giáo dục và Đào tạo`` is one ministry)."""
    protected = [m.span() for m in patterns()["comma_name"].finditer(names)]
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(names):
        if ch in ",;" and not any(a <= i < b for a, b in protected):
            parts.append(names[start:i])
            start = i + 1
    parts.append(names[start:])
    out: list[str] = []
    for part in parts:
        part = part.strip()
        m = re.search(r"\s+và\s+(?=\S)", part)
        if m and (places or owner_start(part, m.end())):
            out += [part[: m.start()], part[m.end():]]
        elif part:
            out.append(part)
    return [clean_owner(p) for p in out if p.strip()]


def _share_holder(parts: list[str]) -> list[str]:
    """A holder title shared by the next parts: ``Thủ trưởng cơ quan ngang bộ, cơ quan thuộc
    Chính phủ`` -> ``Thủ trưởng cơ quan thuộc Chính phủ`` for the second part; after a holder of
    a plural list of kinds (``Thủ trưởng các sở, ban, ngành, đoàn thể Thành phố``) every next
    kind written in lower case without a quantifier too (``Thủ trưởng đoàn thể Thành phố``)."""
    out: list[str] = []
    holder: str | None = None
    kind = ""
    singular_kind = False
    for part in parts:
        head = head_at(part, 0)
        if head is not None and head.kind == "holder":
            holder = head.text
            rest = part[len(head.text):].strip()
            kind = rest.split(" ")[0] if rest else ""
            singular_kind = rest[:1].islower() and rest.split(" ")[0] not in lexicon.owner_words("plural_quantifiers")
        elif holder and part[:1].islower() and head is not None and part.split(" ")[0] == kind:
            part = f"{holder} {part}"
        elif (holder and kind in ("các", "Các") and part[:1].islower() and owner_start(part, 0) is not None
              and part.split(" ")[0] not in lexicon.owner_words("plural_quantifiers")):
            part = f"{holder} {part}"
        elif holder and singular_kind and part[:1].islower() and _kind_part(part):
            # "Người đứng đầu cấp ủy, chính quyền các cấp": a holder of a singular kind written
            # in lower case holds each next kind too ("Người đứng đầu chính quyền các cấp")
            part = f"{holder} {part}"
        else:
            holder = None
        out.append(part)
    return out


def _kind_part(part: str) -> bool:
    """Whether ``part`` opens on a kind of body written in lower case without a quantifier
    (``cấp ủy``, ``chính quyền các cấp``, ``doanh nghiệp``), not on a person's title."""
    if part.split(" ")[0] in lexicon.owner_words("plural_quantifiers"):
        return False
    found = owner_start(part, 0)
    if found is not None:
        return found[0] == 0 and found[1].kind in ("generic", "body")
    return bool(patterns()["own_kind"].match(part))


def clean_owner(name: str) -> str:
    """Drop quantifiers and forms of address: ``mỗi đảng viên`` -> ``đảng viên``."""
    name = " ".join(name.split()).strip(" ,;:.-")
    prev = None
    while prev != name:
        prev = name
        name = patterns()["drop_prefix"].sub("", name).strip()
    return name


def holder_body(name: str) -> str:
    """The body an office-holder heads: ``Cục trưởng Cục THADS tỉnh`` -> ``Cục THADS tỉnh``."""
    head = head_at(name, 0)
    if head is None or head.kind != "holder":
        return name
    rest = name[len(head.text):].strip()
    m = re.match(r"^(?:các\s+)?", rest)
    if rest and owner_start(rest, 0):
        return rest
    if rest and m:
        return rest
    return name


def complete_issuer(name: str, issuer_org: str | None) -> str:
    """Complete a short reference to the issuer: ``Đảng ủy Bộ`` + ``Bộ Tư pháp`` ->
    ``Đảng ủy Bộ Tư pháp``."""
    if not issuer_org or not patterns()["complete_issuer"].match(name):
        return name
    org_head = head_at(issuer_org, 0)
    if org_head is None:
        return name
    if name.endswith(" " + org_head.text):
        return name[: -len(org_head.text)] + issuer_org
    return f"{name} {issuer_org}"


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case, NFC, one tone placement, single spaces (pure: cached, called per phrase)."""
    return " ".join(tone_placement(unicodedata.normalize("NFC", text).lower().replace("ð", "đ")).split())


def owner_key(name: str, abbreviations: dict[str, str] | None = None) -> str:
    """Canonical key of an owner name: case and tone placement folded, abbreviations expanded.

    >>> owner_key("Tổng cục THADS") == owner_key("Tổng cục Thi hành án dân sự")
    True
    """
    # Case-sensitive: "TƯ" (Trung ương) must not expand the word "Tư" of "Bộ Tư pháp".
    table = {**abbreviation_table(), **(abbreviations or {})}
    words = re.sub(r"[^\w\s/%-]", " ", unicodedata.normalize("NFC", name)).split()
    expanded = " ".join(table.get(w, w) for w in words)
    return fold(re.sub(r"[^\w\s/%-]", " ", expanded)).replace(",", "")
