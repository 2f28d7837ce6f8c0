"""Deadlines and recurrences written in a text, normalised to the ISO last day.

Phrasings live in ``nlp/data/deadline_patterns.json`` and ``recurrence_patterns.json``;
the arithmetic is in ``nlp.dates``. Pure functions over the normalised text.

>>> find_deadline("Hoàn thành trước ngày 15/9/2021.").date
'2021-09-15'
>>> find_deadline("Báo cáo xong trong quý III.", doc_year=2022).date
'2022-09-30'
>>> find_recurrence("Định kỳ hằng quý, 6 tháng, năm (*hoặc khi đột xuất*), Ban Thường vụ ...")
'Định kỳ hằng quý, 6 tháng, năm (*hoặc khi đột xuất*)'
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.model import Span
from nlp import dates, lexicon
from nlp.annotate import active, once
from nlp.model import Deadline
from nlp.patterns import alternation

_DL = "deadline_patterns.json"
_REC = "recurrence_patterns.json"
_YEAR_CELL = re.compile(r"^(?:19|20)\d{2}(?:\s*[-–—]\s*(?P<last>(?:19|20)\d{2}))?$")  # "2025", "2025 - 2026"


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match[str]
    name: str = ""  # the deadline_patterns entry that found it


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _year(m: re.Match[str], doc_year: int | None, *names: str) -> int | None:
    for name in names or ("y",):
        value = _group(m, name)
        if value:
            return int(value)
    return doc_year


def _is_signing(anchor: str) -> bool:
    anchor = " ".join(anchor.lower().split())
    anchor = re.sub(r"^ngày\s+", "", anchor)
    return any(anchor == a or anchor.startswith(a + " ") for a in lexicon.word_list(_DL, "anchors"))


def _compute(c: _Candidate, doc_year: int | None, doc_date: dt.date | None) -> dt.date | None:
    m = c.match
    before = (_group(m, "pre") or "").lower().startswith("trước")
    if c.kind == "date":
        y = _year(m, doc_year)
        return dates.make_date(y, int(m.group("m")), int(m.group("d"))) if y else None
    if c.kind == "month":
        y = _year(m, doc_year)
        if not y:
            return None
        month = int(m.group("m"))
        if before:
            return dt.date(y, month, 1) - dt.timedelta(days=1)
        return dates.last_day_of_month(y, month)
    if c.kind == "quarter":
        y = _year(m, doc_year)
        q = dates.parse_number(m.group("q"))
        if not y or not q or not 1 <= q <= 4:
            return None
        if before:
            return dt.date(y, (q - 1) * 3 + 1, 1) - dt.timedelta(days=1)
        return dates.quarter_end(y, q)
    if c.kind == "half":
        y = _year(m, doc_year)
        if not y:
            return None
        return dates.half_year_end(y, 1 if m.group("half").lower() == "đầu" else 2)
    if c.kind == "year":
        y = _year(m, doc_year)
        if not y:
            return None
        return dates.year_end(y - 1 if before else y)
    if c.kind == "period":
        y = _year(m, None, "y2", "y3", "y4")
        return dates.year_end(y) if y else None
    if c.kind == "relative":
        if doc_date is None or not _is_signing(m.group("anchor")):
            return None
        n, unit = int(m.group("n")), " ".join(m.group("unit").lower().split())
        if unit == "tháng":
            return dates.add_months(doc_date, n)
        if unit == "tuần":
            return dates.add_days(doc_date, 7 * n)
        return dates.add_days(doc_date, n, working=unit.endswith("làm việc"))
    return None  # undated (lunar holidays) or unknown


@lru_cache(maxsize=1)
def _candidate_token() -> re.Pattern[str] | None:
    """What every deadline phrase contains (the union of the entries' ``requires``), or None
    when some entry does not say."""
    parts = []
    for entry, _regex in lexicon.patterns_of(_DL):
        required = lexicon.requirement(_DL, entry.name)
        if required is None:
            return None
        parts.append(f"(?{'i' if required.flags & re.I else ''}:{required.pattern})")
    # each requirement once: most entries require the same token, and a repeated alternative is
    # tried again at every position where the first failed (search time halved, same lines)
    return re.compile("|".join(dict.fromkeys(parts))) if parts else None


def _paragraphs_with_candidates(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` that may hold a deadline phrase (all of them when unsure);
    found once per annotated document."""
    return once(text, "candidate_paragraphs", _find_paragraphs_with_candidates)


def _find_paragraphs_with_candidates(text: str) -> list[tuple[int, int]]:
    token = _candidate_token()
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if token is None or token.search(text, start, end):
            out.append((start, end))
        start = end + 1
    return out


class _Cover:
    """Spans, sorted: whether one of them contains a range (``any(a <= start and end <= b)``)
    by a bisection over their starts and the furthest end reached so far.

    >>> _Cover([(5, 9), (0, 3)]).contains(6, 9), _Cover([(5, 9), (0, 3)]).contains(2, 4)
    (True, False)
    """

    __slots__ = ("starts", "reach")

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def contains(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and self.reach[k - 1] >= end


class _ByParagraph:
    """The paragraphs of a text that may hold a deadline phrase, with their starts: the base of
    what is found per paragraph when first asked (:class:`_Exclusions`, :class:`_TimePhrases`)."""

    __slots__ = ("text", "paragraphs", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = _paragraphs_with_candidates(text)
        self.starts = [s for s, _ in self.paragraphs]

    def _at(self, pos: int) -> int:
        """The index of the last paragraph starting at or before ``pos`` (-1: none)."""
        return bisect.bisect_right(self.starts, pos) - 1


class _Exclusions(_ByParagraph):
    """Whether a time phrase is inside an exclusion span of its paragraph (or, with
    ``citations``, inside a citation). Exclusions only matter around a deadline phrase, so a
    paragraph is searched, on its own (no exclusion runs across a paragraph break), only when a
    phrase of it is asked about; only paragraphs that may hold a phrase are searched at all. Kept
    per annotated document (``Annotations.exclusions``: paragraph start -> its spans)."""

    __slots__ = ("covers", "citations")

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.covers: dict[int, _Cover] = {}
        self.citations: _Cover | None = None

    def excludes(self, start: int, end: int, citations: bool) -> bool:
        k = self._at(start)
        if k >= 0:
            ps, pe = self.paragraphs[k]
            if end <= pe:
                cover = self.covers.get(ps)
                if cover is None:
                    cover = self.covers[ps] = _Cover(
                        m.span() for _entry, regex in lexicon.patterns_of(_DL, "exclusions")
                        for m in regex.finditer(self.text, ps, pe))
                if cover.contains(start, end):
                    return True
        if citations:
            if self.citations is None:
                from nlp.references import citation_extents

                self.citations = _Cover(citation_extents(self.text))
            return self.citations.contains(start, end)
        return False


def _exclusions(text: str) -> _Exclusions:
    """The exclusions of ``text`` (kept while the document is annotated)."""
    return once(text, "exclusions", _Exclusions)


def _candidates(text: str, start: int, end: int) -> list[_Candidate]:
    """Time phrases inside ``[start, end)``: while the document is annotated they are read
    from the phrases found once per paragraph (``Annotations.time_phrases``)."""
    ann = active(text)
    if ann is None:
        return _find_candidates(text, start, end)
    if ann.time_phrases is None:
        ann.time_phrases = _TimePhrases(text)
    inside = ann.time_phrases.within(start, end)
    if inside is None:
        return _find_candidates(text, start, end)  # a phrase runs over the range's edge: read the range itself
    return inside


class _TimePhrases(_ByParagraph):
    """The time phrases of each paragraph that may hold one (``_find_candidates`` over the
    paragraph), found when a range first reaches the paragraph: a paragraph no deadline is
    asked of is never searched. Paragraphs are disjoint and in order, so their phrases in
    paragraph order are the document's phrases by start."""

    __slots__ = ("found",)

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.found: dict[int, tuple[list[_Candidate], list[int]]] = {}

    def _of(self, k: int) -> tuple[list[_Candidate], list[int]]:
        """Paragraph ``k``'s phrases and their starts."""
        got = self.found.get(k)
        if got is None:
            ps, pe = self.paragraphs[k]
            phrases = _find_candidates(self.text, ps, pe)
            got = self.found[k] = (phrases, [c.start for c in phrases])
        return got

    def within(self, start: int, end: int) -> list[_Candidate] | None:
        """The phrases that start inside ``[start, end)``, or None when one of them runs past
        ``end`` or one of the (up to 8) phrases right before ``start`` runs past ``start`` (only
        a phrase of the paragraph ``start`` is in can: an earlier paragraph ends before it)."""
        k = self._at(start)
        if k >= 0 and self.paragraphs[k][1] > start:
            phrases, starts = self._of(k)
            i = bisect.bisect_left(starts, start)
            if any(c.end > start for c in phrases[max(0, i - 8) : i]):
                return None
        inside: list[_Candidate] = []
        k = max(k, 0)
        while k < len(self.paragraphs) and self.paragraphs[k][0] < end:
            if self.paragraphs[k][1] > start:
                phrases, starts = self._of(k)
                inside += phrases[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
            k += 1
        if any(c.end > end for c in inside):
            return None
        return inside


def _find_candidates(text: str, start: int, end: int) -> list[_Candidate]:
    out = []
    present: dict[re.Pattern[str], bool] = {}  # whether an entry's ``requires`` is in the window
    for entry, regex in lexicon.patterns_of(_DL):
        required = lexicon.requirement(_DL, entry.name)
        if required is not None:
            if required not in present:
                present[required] = required.search(text, start, end) is not None
            if not present[required]:
                continue
        for m in regex.finditer(text, start, end):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            out.append(_Candidate(s, e, entry.kind or "", m, entry.name))
    out.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return out


def find_deadline(text: str, start: int = 0, end: int | None = None, *, doc_year: int | None = None,
                  doc_date: dt.date | str | None = None, citations: bool = True,
                  governed_only: bool = False) -> Deadline | None:
    """The first deadline phrase inside ``text[start:end]``, or None.

    ``doc_year`` completes dates written without a year (default: ``doc_date``'s year);
    ``doc_date`` anchors ``trong 30 ngày kể từ ngày ký``. Effective dates, reporting
    windows, comparisons, horizons and outcome targets, repeating dates, and anything inside
    a citation (``Nghị quyết số ... ngày 27/11/2019 ... giai đoạn 2021-2025``) are skipped;
    ``citations=False`` skips the citation check (for short snippets such as table cells).
    A phrase with no computable date (``trước Tết Nguyên đán``) is returned with ``date=None``.
    A phrase a deadline cue governs wins over earlier ones; ``governed_only`` returns only such
    a phrase (what a heading hands down to its items).
    """
    end = len(text) if end is None else end
    if isinstance(doc_date, str):
        doc_date = dates.parse_iso(doc_date)
    if doc_year is None and doc_date is not None:
        doc_year = doc_date.year
    candidates = _candidates(text, start, end)
    if not candidates:
        return None
    excluded = _exclusions(text)
    first: tuple[_Candidate, dt.date | None] | None = None
    bare: tuple[_Candidate, dt.date | None] | None = None
    past_until = -1
    for c in candidates:
        if excluded.excludes(c.start, c.end, citations):
            continue
        if c.name == _LABELLED:
            if not _labelled(text, c):
                continue  # "Căn cứ: 30/12/2025": a colon with no deadline label before it
            return _deadline(text, c, _compute(c, doc_year, doc_date))  # "Thời gian hoàn thành: 30/12/2025"
        if c.end <= past_until and not _governed(text, c):
            continue
        when = _compute(c, _shared_year(text, c, end) or doc_year, doc_date)
        if _next_year_meant(text, c, when, doc_date):
            when = _compute(c, when.year + 1, doc_date)  # "chậm nhất ngày 5/3" in a November letter: next March
        if when is None and c.kind not in ("undated", "relative"):
            if doc_year is None and c.kind in ("date", "month", "quarter", "half", "year"):
                pass  # no year to complete it: keep the phrase without a date
            else:
                continue
        if when is not None and doc_year is not None and when.year < doc_year:
            continue  # a year before the document's own (background, a cited document): not due
        if _repeats(text, c):
            continue  # "định kỳ báo cáo trước ngày 20/11": a date that comes back every period (a recurrence)
        if _opens_range(text, c, candidates):
            continue  # "Từ tháng 12/2025 đến quý I/2026": a range gives its end, not its start
        if _asks(text, c):
            continue  # "Mức lương cơ sở năm 2026 là bao nhiêu?": a question (a news copy's heading) sets no time
        if _governed(text, c):
            return _deadline(text, c, when)
        if _outcome_year(text, c):
            continue  # "phấn đấu tỷ lệ hộ nghèo dưới 1% vào năm 2030": when an outcome is expected (a target)
        if _negated(text, c):
            continue  # "chưa thực hiện điều chỉnh giá trong Quý I và Quý II năm 2020": what is not to happen
        if when is not None and doc_date is not None and when < doc_date:
            past_until = max(past_until, c.end)  # and the "năm 2025" inside "tháng 9 năm 2025"
            continue  # "phiên họp Chính phủ thường kỳ tháng 9 năm 2025" in a November letter: past, not due
        if _in_past_aside(text, c):
            continue  # "(năm 2025, Sở Tài chính đã tổ chức 2 lớp tập huấn ...)": what was done, not due
        if _bare_year(text, c):
            bare = bare or (c, when)
        else:
            first = first or (c, when)
    first = first or bare  # "giải ngân hết số vốn của tỉnh năm 2025 ..., báo cáo trong Quý I năm 2026": the time
    return _deadline(text, *first) if first and not governed_only else None  # phrase over the year naming a thing


_YEARLESS_KINDS = frozenset({"date", "month", "quarter", "half"})


def _shared_year(text: str, c: _Candidate, end: int) -> int | None:
    """The year a list of times shares, written once at its end, for a time of it written
    without one (``quý I, II/2026``, ``Quý I và Quý II năm 2026``, ``15/12 và 30/12/2025``):
    ``quý I`` is 2026's, not the document's year."""
    if c.kind not in _YEARLESS_KINDS or _group(c.match, "y"):
        return None
    m = _title_pattern("shared_year").match(text, c.end, end)
    return int(m.group("y")) if m else None


def _next_year_meant(text: str, c: _Candidate, when: dt.date | None, doc_date: dt.date | None) -> bool:
    """Whether a day, month or quarter written without a year that a deadline cue governs falls
    before the document's date (``chậm nhất ngày 05/3`` in a letter of 20/11/2025, ``trước
    quý II`` in December): a deadline is never already past when it is set, so it is the next
    one (2026-03-05). An ungoverned one stays as it is (a past event, then skipped)."""
    if when is None or doc_date is None or when >= doc_date or c.kind not in _YEARLESS_KINDS:
        return False
    return not _group(c.match, "y") and _governed(text, c)


_ASIDE_REACH = 400  # characters searched each side for the brackets around a phrase
_DONE = re.compile(r"(?<!\w)đã(?!\w)", re.I)


def _in_past_aside(text: str, c: _Candidate) -> bool:
    """Whether ``c`` is inside a bracketed aside of its paragraph that reports what was already
    done (``(năm 2025, Sở Tài chính đã tổ chức 2 lớp tập huấn ...)``): background, not a deadline
    (a governed phrase in brackets, ``(trước ngày 15/11/2025)``, is checked before)."""
    lo = max(text.rfind("(", max(0, c.start - _ASIDE_REACH), c.start), text.rfind("\n", 0, c.start))
    if lo < 0 or text[lo] != "(" or ")" in text[lo : c.start]:
        return False
    hi = text.find(")", c.end, c.end + _ASIDE_REACH)
    if hi < 0 or "\n" in text[c.end : hi]:
        return False
    return _DONE.search(text, lo, hi) is not None


def _bare_year(text: str, c: _Candidate) -> bool:
    """Whether ``c`` is a year with no time word before it (``vốn đầu tư công năm 2025``, ``các sự
    kiện năm 2026``): it may name the thing the year belongs to, so a phrase that says when
    (``trong quý I năm 2026``, ``đến hết năm 2025``) is the deadline before it."""
    return c.kind == "year" and text[c.start : c.start + 4].lower() == "năm "


_SENTENCE_END = re.compile(r"[.;!?\n]")
_CLAUSE_OPEN = re.compile(r"[.;!?\n]")  # a colon or bracket inside the clause does not end it
_CLAUSE_CLOSE = re.compile(r"\s*(?:[.;,:)\n]|$)")
_OUTCOME_REACH = 240  # characters searched back for the clause's outcome marker
_PERCENT = re.compile(r"\d\s*%")


_NEGATION_SCOPE_END = re.compile(r"[.;!?,\n]")  # a negation reaches no further than its comma


def _negated(text: str, c: _Candidate) -> bool:
    """Whether the clause of ``c`` opens on a negation with none of the words that end the
    negated part before ``c`` (``Chưa thực hiện điều chỉnh giá trong Quý I và Quý II năm
    2020``, ``Không tổ chức kiểm tra định kỳ trong tháng 12``): an instruction not to do a
    thing, whose time dates what is not to happen. A negation inside the clause (``Các xã chưa
    đạt chuẩn rà soát hồ sơ trong quý I/2026``) is not the instruction's."""
    lo = max(0, c.start - _OUTCOME_REACH)
    for m in _NEGATION_SCOPE_END.finditer(text, lo, c.start):
        lo = m.end()
    words = re.findall(r"\w+", text[lo : c.start].lower())
    if not words or words[0] not in lexicon.word_list(_DL, "negation"):
        return False
    breaks = set(lexicon.word_list(_DL, "negation_breaks"))
    return not any(w in breaks for w in words[1:])


_LABELLED = "labelled_date"
_LABEL_REACH = 60  # characters searched back from the colon for the label


@lru_cache(maxsize=1)
def _label_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(list(lexicon.word_list(_DL, 'deadline_labels')))})(?!\w)", re.I)


def _labelled(text: str, c: _Candidate) -> bool:
    """Whether the label before the colon ``c`` follows (back to its line's or clause's start)
    names a deadline (``Thời gian hoàn thành:``, ``Hạn chót nộp hồ sơ:``, ``Thời hạn:``)."""
    colon = c.start - 1
    while colon >= 0 and text[colon] != ":":
        colon -= 1
    if colon < 0:
        return False
    lo = max(0, colon - _LABEL_REACH)
    for m in _CLAUSE_OPEN.finditer(text, lo, colon):
        lo = m.end()
    return _label_re().search(text, lo, colon) is not None


def _asks(text: str, c: _Candidate) -> bool:
    """Whether the sentence ``c`` is in ends on a question mark (``Những ai được tăng lương từ
    tháng 7/2026?``): a question, such as a news copy's heading, asks and sets no time."""
    m = _SENTENCE_END.search(text, c.end)
    return m is not None and m.group() == "?"


@lru_cache(maxsize=1)
def _outcome_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    markers = alternation(list(lexicon.word_list(_DL, "outcome_markers")))
    leads = alternation(list(lexicon.word_list(_DL, "outcome_year_lead")))
    return (re.compile(rf"(?<!\w)(?:{markers})(?!\w)", re.I),
            re.compile(rf"(?<!\w)(?:{leads})\s+$", re.I))


def _outcome_year(text: str, c: _Candidate) -> bool:
    """Whether ``c`` is a year handed to an outcome named before it in its clause and closing
    the clause (``phấn đấu tỷ lệ hộ nghèo dưới 1% vào năm 2030``, ``bảo đảm mục tiêu 80% hồ sơ
    trực tuyến đến năm 2027;``): the year the target is to be reached, not a deadline
    (GUIDELINES). Checked after a deadline cue (``hoàn thành 100% trước năm 2027`` stays)."""
    if c.kind != "year":
        return False
    markers, lead = _outcome_res()
    year_at = c.start + text[c.start : c.end].lower().find("năm")  # "đến năm 2030" or "năm 2030"
    if year_at < c.start or lead.search(text[max(0, year_at - 12) : year_at]) is None:
        return False
    if _CLAUSE_CLOSE.match(text, c.end) is None:
        return False  # "đến năm 2030 hoàn thành ...": the work goes on after the year
    lo = max(0, c.start - _OUTCOME_REACH)
    for m in _CLAUSE_OPEN.finditer(text, lo, c.start):
        lo = m.end()
    return markers.search(text, lo, c.start) is not None or _PERCENT.search(text, lo, c.start) is not None


_CLAUSE_START = re.compile(r"[.;:!?\n]")
_CLAUSE_REACH = 160  # characters searched back for the clause's recurrence cue


def _repeats(text: str, c: _Candidate) -> bool:
    """Whether ``c`` is a day or month written without a year after a recurrence cue of its
    clause (``định kỳ báo cáo kết quả trước ngày 20/11``, ``báo cáo hằng quý trước ngày 15/3,
    15/6``): a date that comes back every period, a recurrence (GUIDELINES), not a deadline."""
    if c.kind not in ("date", "month") or _group(c.match, "y"):
        return False
    lo = max(0, c.start - _CLAUSE_REACH)
    for m in _CLAUSE_START.finditer(text, lo, c.start):
        lo = m.end()
    return find_recurrence_span(text, lo, c.start) is not None


_RANGE_OPEN = re.compile(r"(?<!\w)từ\s+(?:ngày\s+)?$", re.I)
_RANGE_LINK = re.compile(r"\s*(?:đến|tới|[-–—])\s*", re.I)
_RANGE_GAP = re.compile(r"\s*(?:(?:đến|tới|[-–—])\s*)?", re.I)


def _opens_range(text: str, c: _Candidate, candidates: list[_Candidate]) -> bool:
    """Whether ``c`` is the start of a range (``từ tháng 11/2025 đến quý I/2026``, ``Từ ngày
    05/12/2025 đến ngày 20/02/2026``) whose end is another time phrase right after it."""
    opened = text[c.start : c.start + 3].lower() == "từ " or _RANGE_OPEN.search(text[max(0, c.start - 12) : c.start])
    if not opened:
        return False
    link = _RANGE_LINK.match(text, c.end)
    if link is None or link.end() == c.end:
        return False
    return any(o is not c and c.end <= o.start <= link.end() for o in candidates)


def _deadline(text: str, c: _Candidate, when: dt.date | None) -> Deadline:
    phrase = text[c.start:c.end].rstrip(" ,;")
    return Deadline(text=phrase, date=when.isoformat() if when else None,
                    span=Span(start=c.start, end=c.start + len(phrase), text=phrase))


@lru_cache(maxsize=1)
def _governing_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = alternation(list(lexicon.word_list(_DL, "governing_cues")))
    return re.compile(rf"(?:{words})(?!\w)", re.I), re.compile(rf"(?<!\w)(?:{words})\s*,?\s*$", re.I)


def has_governing_cue(text: str, start: int, end: int) -> bool:
    """Whether a deadline cue occurs in ``text[start:end]`` (no governed phrase without one)."""
    return _governing_re()[0].search(text, start, end) is not None


_LEAD_IN_END = re.compile(r"(?:\bsau|như\s+sau|sau\s+đây)?\s*:$|(?:\bsau|như\s+sau|sau\s+đây)$", re.I)


def leads_into_items(text: str, start: int, end: int) -> bool:
    """Whether a heading's text leads into the items under it (ends on ``:`` or ``... sau``:
    ``2. Trước ngày 30/6/2025, hoàn thành các việc sau:``). A heading that is a whole
    instruction of its own (``(1) Bộ Y tế ... hoàn thành trước ngày 30/11/2025 và bàn giao theo
    quy định.`` over dashes that go on with more work) dates its own task, not its items."""
    return _LEAD_IN_END.search(text[start:end].rstrip(" *_\t\n")) is not None


def _governed(text: str, c: _Candidate) -> bool:
    """Whether a deadline cue opens the phrase or comes right before it (``hoàn thành trong
    năm 2024``, ``xong trước quý III``, ``chậm nhất ngày 15/7``)."""
    opens, before = _governing_re()
    if c.name in _BOUNDED_RANGES:
        return True  # "từ ngày 04/02/2026 đến ngày 08/02/2026": a window with its end, the time the work is done in
    return bool(opens.match(text, c.start) or before.search(text[max(0, c.start - 20) : c.start]))


_BOUNDED_RANGES = frozenset({"date_range"})


_HEADING_TRIM = " *_:.\t\n"


def period_heading(text: str, start: int, end: int, *, doc_year: int | None = None,
                   doc_date: dt.date | str | None = None) -> Deadline | None:
    """The time a heading is nothing but (``1. Giai đoạn 2025 - 2030``, ``**Năm 2026**``,
    ``Quý I/2026:``): a roadmap's stage, whose items are due by its end; None when the heading
    says anything else (``1. Nhiệm vụ năm 2026``, ``Giai đoạn 2025 - 2030: rà soát ...``).

    >>> period_heading("Giai đoạn 2025 - 2030", 0, 21).date
    '2030-12-31'
    """
    while start < end and text[start] in _HEADING_TRIM:
        start += 1
    while end > start and text[end - 1] in _HEADING_TRIM:
        end -= 1
    if end <= start:
        return None
    label = _title_pattern("stage_label").match(text, start, end)
    if label is not None:  # "Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026 gồm các nội dung trọng tâm:"
        start = label.end()
        tail = _title_pattern("stage_tail").search(text, start, end)
        end = tail.start() if tail is not None else end
        while end > start and text[end - 1] in _HEADING_TRIM:
            end -= 1
        if end - start > 2 and text[start] == "(" and text[end - 1] == ")":  # "Đợt 1 (từ ... đến ...):"
            start, end = start + 1, end - 1
        years = _YEAR_CELL.match(text[start:end].strip())
        if years:  # "Giai đoạn 2 (2028 - 2030):" a stage of years, due by the last one's end
            last = int(years.group("last") or text[start:end].strip()[:4])
            phrase = text[start:end].strip()
            at = text.index(phrase, start)
            return Deadline(text=phrase, date=dates.year_end(last).isoformat(),
                            span=Span(start=at, end=at + len(phrase), text=phrase))
    if label is None:
        if not _is_time_phrase(text, start, end):
            return None
        first = start
    else:
        candidates = _find_candidates(text, start, end)
        whole = [c for c in candidates if c.start == start and c.end >= end]
        if not whole:  # "Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026": a range's end
            whole = [c for c in candidates if c.end >= end and text[start : start + 3].lower() == "từ "
                     and _RANGE_GAP.fullmatch(text, _range_start_end(text, start, c.start), c.start)]
        if not whole:
            return None
        first = whole[0].start
    found = find_deadline(text, start, end, doc_year=doc_year, doc_date=doc_date, citations=False)
    if found is None or found.date is None or found.span is None or found.span.start not in {start, first}:
        return None
    return found


def _is_time_phrase(text: str, start: int, end: int) -> bool:
    """Whether one deadline phrase is the whole of ``text[start:end]``: the phrases
    :func:`_find_candidates` finds there that start at ``start`` and reach ``end``, without
    scanning the rest (a phrase found from ``start`` on that starts there is the entry's match
    at ``start``).

    >>> _is_time_phrase("Năm 2026", 0, 8), _is_time_phrase("Nhiệm vụ năm 2026", 0, 17)
    (True, False)
    """
    if start >= end or text[start].isspace():
        return False
    for entry, regex in lexicon.patterns_of(_DL):
        m = regex.match(text, start, end)
        if m is None or m.end() < end:
            continue
        required = lexicon.requirement(_DL, entry.name)
        if required is None or required.search(text, start, end) is not None:
            return True
    return False


def _range_start_end(text: str, start: int, before: int) -> int:
    """Where the start phrase of ``Từ tháng 01 đến ...`` ends (``Từ tháng 01``, ``Từ ngày 5/12``)."""
    m = re.compile(r"từ\s+(?:(?:ngày|tháng|quý)\s+)?[\dIVX]{1,4}(?:\s*/\s*\d{1,4}){0,2}", re.I).match(text, start, before)
    return m.end() if m else before


def _title_pattern(name: str) -> re.Pattern[str]:
    """A pattern of ``deadline_patterns.json`` ``cells_and_titles`` (time cells, plan titles)."""
    return lexicon.pattern(_DL, name, "cells_and_titles")


def parse_deadline_cell(cell: str, doc_year: int | None = None) -> Deadline | None:
    """A deadline table cell: ``Quý I/2022``, ``Tháng 6/2022``, ``Năm 2022``, ``2022``, a range's end.

    ``Thường xuyên``, ``Hằng năm`` (a recurrence) and a start only (``Từ quý II/2027``) give
    None. The span is relative to ``cell``.
    """
    text = " ".join(cell.split())
    if not text:
        return None
    if _title_pattern("not_deadline_cell").match(text):  # "Thường xuyên" gives none, unless a cue
        found = find_deadline(text, doc_year=doc_year, citations=False, governed_only=True)
        return found if found is not None and found.date else None  # dates it: "..., hoàn thành trước 31/12/2026"
    date = _title_pattern("date_cell").match(text)
    if date:  # "31/05/2025" in a deadline column: due then, also when past (an overdue-task table)
        when = dates.make_date(int(date.group("y")), int(date.group("m")), int(date.group("d")))
        if when is not None:
            return Deadline(text=text, date=when.isoformat(), span=Span(start=0, end=len(text), text=text))
    month = _title_pattern("month_cell").match(text)
    if month and doc_year:  # "Tháng 12" in a time column: that month of the document's year
        when = dates.last_day_of_month(doc_year, int(month.group("m")))
        return Deadline(text=text, date=when.isoformat(), span=Span(start=0, end=len(text), text=text))
    year = _YEAR_CELL.match(text)
    if year:  # a time column holding only a year (or a range of years): its (last) year's end
        last = year.group("last") or text[:4]
        return Deadline(text=text, date=f"{last}-12-31", span=Span(start=0, end=len(text), text=text))
    return find_deadline(text, doc_year=doc_year, citations=False)


def _attributive(text: str, pos: int) -> bool:
    before = " ".join(text[max(0, pos - 40):pos].lower().split())
    return any(before.endswith(h) for h in lexicon.word_list(_REC, "attributive_heads"))


def find_recurrence(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The first recurring schedule in ``text[start:end]`` as written, else None.

    ``định kỳ hằng quý, 6 tháng, năm``, ``hằng năm``/``hàng năm``, ``định kỳ 6 tháng``;
    ``nhiệm vụ hằng năm`` (an annual task) is not a schedule.
    """
    span = find_recurrence_span(text, start, end)
    return span.text if span else None


def find_recurrence_span(text: str, start: int = 0, end: int | None = None) -> Span | None:
    """Like ``find_recurrence`` but returns the Span."""
    end = len(text) if end is None else end
    found: list[tuple[int, int]] = []
    for entry, regex in lexicon.patterns_of(_REC):
        for m in regex.finditer(text, start, end):
            if entry.name == "each" and _attributive(text, m.start()):
                continue
            found.append(m.span())
    if not found:
        return None
    s, e = min(found, key=lambda se: (se[0], -(se[1] - se[0])))
    return Span(start=s, end=e, text=text[s:e])
