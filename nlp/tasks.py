"""Which items, paragraphs and sentences are tasks.

A *unit* is a list item's own text or a paragraph; list items under task sections are tasks
when they carry an action, free paragraphs when they open with one, and in prose without
structure (news reports) single sentences that ask someone to act. Cue words live in
``data/task_cues.json``.

Example::

    >>> is_action_start("Tăng cường công tác kiểm tra.", 0)
    True
    >>> is_action_start("Kết quả đạt được rất khả quan.", 0)
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ingest.model import ParsedDocument, Section, SectionKind, ZoneKind
from nlp import lexicon
from nlp.owners import cues, fold, is_predicate_start, skip_commas, subject_at
from nlp.owners import patterns as owner_patterns
from nlp.patterns import alternation
from nlp.pos import tagged_tokens

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")
_NOT_BODY = (ZoneKind.RECIPIENTS, ZoneKind.SIGNATURE, ZoneKind.HEADER, ZoneKind.PREAMBLE)
_ONE_SPACE = r"\ "
# "đ) 1 Đề nghị ...": a footnote or marker residue; "(1) Huy động ...": an inline point marker
# that opens a paragraph of its own
_STRAY_NUMBER = re.compile(r"(?:\d{1,2}|\((?:\d{1,2}|[ivx]{1,4})\))\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")
_ABBREV_BEFORE = re.compile(r"(?:\b(?:TP|TX|TT|v\.v|Tp|ThS|TS|PGS|GS|Q|KT|TM|TL|số|No)\.)$")


@dataclass
class Unit:
    """A list item's own text or a free paragraph, with its place in the section tree."""

    start: int
    end: int
    is_item: bool
    section: Section | None  # the item itself, or the innermost section enclosing the paragraph
    ancestors: list[Section] = field(default_factory=list)  # root first; the item excluded
    has_children: bool = False  # sub-items, or paragraphs of its own after the first
    outside_sections: bool = False
    has_subitems: bool = False  # numbered/bulleted children (not only following paragraphs)
    peer_task: bool = False  # a leaf whose siblings are tasks (see mark_peer_tasks)
    provision: bool = False  # a point of an article of a regulation (see regulation_kinds)
    # the units of its sub-items and of the paragraphs under its line (items only)
    points: list[Unit] = field(default_factory=list, repr=False, compare=False)
    # unit_is_task's answer for the peer_task it was given (the list's peer marking asks first)
    decided: tuple[bool, bool] | None = field(default=None, repr=False, compare=False)


@cache
def _intro_re() -> re.Pattern[str]:
    words = sorted(cues()["sentence_intros"], key=len, reverse=True)
    return re.compile(r"(?:{})(?:\s[^,:;.]{{0,30}})?,\s*".format("|".join(re.escape(w) for w in words)), re.I)


@cache
def _lead_re() -> re.Pattern[str]:
    # "Về công tác X: ...", "Trên cơ sở ..., ", "Để ..., " before the instruction proper. A topic
    # may hold periods that end no sentence ("Nghị quyết số 66.4/2025/NQ-CP", "1.500 tỷ đồng").
    return re.compile(r"(?:Về (?:[^:.]|\.(?=\S)){1,400}:\s*|Trên cơ sở [^,.;]{1,200},\s*|Căn cứ [^,.;]{1,120},\s*)")


@cache
def _bare_intro_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(cues()['sentence_intros'])})\s+", re.I)


def skip_intro(text: str, pos: int, end: int) -> int:
    """Offset after sentence intros (``Tuy nhiên, trong thời gian tới, ``, ``Về công tác X: ``,
    or an intro without its comma right before an action: ``Cùng với đó tập trung ...``), a
    body's mandate (``Căn cứ chức năng, nhiệm vụ, quyền hạn được giao, ``) and a condition
    (``nếu có khó khăn, vướng mắc, `` before the subject or action it conditions)."""
    stray = _STRAY_NUMBER.match(text, pos, end)
    if stray:  # "đ) 1 Đề nghị ...": a footnote or marker residue before the sentence
        pos = stray.end()
    prev = -1
    while prev != pos:
        prev = pos
        after = _mandate_end(text, pos, end)
        if after is not None:
            pos = after
            continue
        m = _intro_re().match(text, pos, end) or _lead_re().match(text, pos, end)
        if m:
            pos = m.end()
            continue
        after = _condition_end(text, pos, end)
        if after is not None:
            pos = after
            continue
        bare = _bare_intro_re().match(text, pos, end)
        if bare and is_action_start(text, bare.end()):
            pos = bare.end()
    return pos


@cache
def _mandate_re() -> re.Pattern[str]:
    openers = alternation(list(lexicon.cue_words("mandate_openers")))
    nouns = alternation(list(lexicon.cue_words("mandate_nouns")))
    return re.compile(rf"(?:{openers})\s+(?:{nouns})(?!\w)(?P<rest>[^,.;:]{{0,150}}),\s*|(?:{openers})\s+(?:{nouns})\s+", re.I)


def _mandate_end(text: str, pos: int, end: int) -> int | None:
    """The offset after a body's mandate that opens an instruction: ``Căn cứ chức năng,
    nhiệm vụ, quyền hạn được giao, `` (up to its comma) or ``Theo chức năng, nhiệm vụ ``
    right before an action; None otherwise."""
    m = _mandate_re().match(text, pos, end)
    if m is None:
        return None
    if m.group("rest") is None and not is_action_start(text, m.end()):
        return None
    return m.end()


@cache
def _condition_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(list(lexicon.cue_words('condition_openers')))})(?!\w)", re.I)


_CONDITION_SEP = re.compile(r",\s*|\s+thì\s+")
_MAX_CONDITION = 250  # characters a condition may run before the clause it conditions


def _condition_end(text: str, pos: int, end: int) -> int | None:
    """The offset where the clause a condition opens (``Trường hợp ..., ``, ``nếu ..., ``,
    ``Trong quá trình thực hiện, nếu ..., ``, ``Tùy điều kiện, ``) hands over to the instruction: the first comma (or ``thì``) after which
    a subject or an action starts, within the sentence; None when there is none."""
    if _condition_re().match(text, pos, end) is None:
        return None
    stop = min(end, pos + _MAX_CONDITION)
    for sep in re.finditer(r"[.;:]", text[pos:stop]):
        stop = pos + sep.start()
        break
    request = _clause_request_re().search(text, pos, stop)
    if request is not None:  # "nếu có vướng mắc đề nghị phản ánh ...": a request, not a subject, follows
        stop = request.start()
    for m in _CONDITION_SEP.finditer(text, pos, stop):
        at = m.end()
        if is_action_start(text, at) or subject_at(text, at, end) is not None:
            return at
        if _condition_re().match(text, at, end):  # "Trong quá trình thực hiện, nếu ..., X ..."
            return _condition_end(text, at, end)
    return None


def is_action_start(text: str, pos: int) -> bool:
    """Whether an action verb or modal opens the text at ``pos`` (sentence case allowed)."""
    head = text[pos : pos + 40]
    return _action_start_re().match(head[:1].lower() + head[1:]) is not None


@cache
def _action_start_re() -> re.Pattern[str]:
    words = cues()["action_verbs"] + cues()["modal_cues"] + list(lexicon.cue_words("leading_actions"))
    alt = alternation(words, space=_ONE_SPACE)
    return re.compile(rf"(?:{alt})(?![^\W_])")


def _has_modal_after_subject(text: str, pos: int, end: int) -> tuple[int, int] | None:
    subj = subject_at(text, pos, end, allow_person=True)
    if not subj:
        return None
    rest = skip_commas(text, subj.end, end)
    low = text[rest : rest + 30]
    if lexicon.cue_regex("obligation_cues").match(low):
        return subj.start, subj.end
    return None


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``[start, end)``."""
    out = []
    cur = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if _ABBREV_BEFORE.search(text, max(start, m.start() - 6), m.start()):
            continue
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, end))
    return [(s, e) for s, e in out if text[s:e].strip()]


def last_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The last sentence span inside ``[start, end)``; ``(start, end)`` itself when the range
    holds no sentence (a text that is only ``:``)."""
    found = sentences(text, start, end)
    return found[-1] if found else (start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces, the end marker ``/.`` and stray brackets around a task text."""
    while start < end and text[start] in " \n\t":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    if text[start:end].endswith("./."):
        end -= 2
    return start, end


def _folded_heading(section: Section) -> str:
    return fold(section.heading)


def heading_kind(ancestors: list[Section]) -> str | None:
    """``"task"``, ``"purpose"`` or ``"assessment"`` for the outermost ancestor heading that
    is one of those kinds (``NHIỆM VỤ``; ``MỤC ĐÍCH, YÊU CẦU``; ``ĐÁNH GIÁ CHUNG``), else None."""
    for sec in ancestors:
        kind = _kind_of_heading(sec.heading)
        if kind is not None:
            return kind
    return None


@lru_cache(maxsize=8192)
def _kind_of_heading(heading: str) -> str | None:
    """One heading's kind for :func:`heading_kind` (asked for every ancestor of every unit)."""
    head = fold(heading).strip(" :.")
    topic = lexicon.cue_regex("topic_heading_openers").match(head)
    if topic is not None and heading.isupper():  # "I. VỀ KẾT QUẢ ĐẠT ĐƯỢC": the topic it names is the kind
        head = head[topic.end():].strip(" :.")
    if any(head.startswith(t) for t in cues()["task_headings"]):
        return "task"
    for kind, key in (("purpose", "purpose_headings"), ("assessment", "assessment_headings")):
        words = cues()[key]
        if any(head == p or head.startswith(p + " ") or head.startswith(p + ",") for p in words):
            # a sentence may open with "Mục tiêu ..." too; a heading in capitals is a heading, however
            # long the part it names ("I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI VÀ DỰ TOÁN ...
            # NĂM 2025": 18 words; a word limit on capitals cut it off on a document first seen after it)
            if len(head.split()) <= 8 or heading.isupper():
                return None if _names_work_part(head) else kind
    return None


def _names_work_part(head: str) -> bool:
    """Whether a heading listing its parts names one that holds the work (``đối tượng, nội
    dung thi đua``; task_cues.json ``task_headings``, ``work_heading_parts``): the section is no
    purpose section as a whole, its sub-headings decide (``1. Đối tượng thi đua`` no tasks,
    ``2. Nội dung thi đua`` tasks)."""
    parts = [p.strip() for p in re.split(r",|\s+và\s+", head)[1:] if p.strip()]
    work = list(cues()["task_headings"]) + list(cues()["work_heading_parts"]["words"])
    return any(p == w or p.startswith(w + " ") for p in parts for w in work)


def under_purpose(ancestors: list[Section]) -> bool:
    """Whether an ancestor heading is a purpose or assessment section (MỤC ĐÍCH, YÊU CẦU;
    ĐÁNH GIÁ CHUNG...), whose items are not tasks by their wording alone."""
    return heading_kind(ancestors) in ("purpose", "assessment")


_MAX_FUNDING_HEADING_WORDS = 10


def under_funding(ancestors: list[Section]) -> bool:
    """Whether an ancestor heading opens a funding section (``IV. NGUỒN VỐN THỰC HIỆN KẾ
    HOẠCH``, ``Kinh phí thực hiện``; task_cues.json ``funding_headings``)."""
    words = lexicon.cue_regex("funding_headings")
    for sec in ancestors:
        head = _folded_heading(sec).strip(" :.*")
        if len(head.split()) <= _MAX_FUNDING_HEADING_WORDS and words.match(head):
            return True
    return False


def _funding_point_acts(text: str, start: int, end: int) -> bool:
    """Whether a point of a funding section asks someone to act: it opens, itself or after a
    label (``Nguồn ngân sách: Hằng năm, các sở ... xây dựng dự toán``), with an action, a
    request or a body that acts; a source (``Nguồn vốn huy động từ các tổ chức, cá nhân ...``,
    ``Ngân sách địa phương: Nguồn chi thường xuyên ...``) does not."""
    sents = sentences(text, start, end)
    first_end = sents[0][1] if sents else end
    starts = [skip_intro(text, start, end)]
    label = _LABEL.match(text, start, end)
    if label:
        starts.append(skip_intro(text, label.end(), end))
    content = fold(text[starts[-1] : starts[-1] + 40])
    if not any(content.startswith(subject + " ") for subject in cues()["statement_subjects"]):
        # "Đối với ..., căn cứ ..., các bộ, cơ quan chủ động bố trí ...": a body after the clauses
        # before it; a source's own commas ("Nguồn xã hội hóa từ các doanh nghiệp, tổ chức ...") never
        starts += [m.end() for m in re.finditer(r",\s+", text[:first_end]) if m.start() >= start]
    for pos in starts:
        if is_action_start(text, pos) or request_object(text, pos, end, at_start_only=True) is not None:
            return True
        if _subject_acts(text, pos, end) or _has_modal_after_subject(text, pos, end):
            return True
    return False


@cache
def _score_re() -> re.Pattern[str]:
    """``(20 điểm)``, ``(tối đa 10 điểm)``: a score in brackets (task_cues.json ``score_units``)."""
    return re.compile(rf"\((?:[^()]{{0,20}}\s)?\d+(?:[.,]\d+)?\s*{lexicon.cue_regex('score_units').pattern}\s*\)")


def under_scoring(ancestors: list[Section]) -> bool:
    """Whether an ancestor heading carries a score (``3. Nội dung hoạt động (20 điểm)``): the
    points below a scoring grid's criterion say what is scored, they assign nothing."""
    return any(_score_re().search(fold(sec.heading)) for sec in ancestors)


def under_assessment(ancestors: list[Section]) -> bool:
    """Whether the unit sits in an assessment/background section (``I. ĐÁNH GIÁ CHUNG``,
    ``Kết quả đạt được``, ``Tình hình ...``): only sentences with an instruction cue are tasks."""
    return heading_kind(ancestors) == "assessment"


@cache
def _assessment_leadin_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(cues()['assessment_leadins']['words'])})(?!\w)", re.I)


def is_assessment_leadin(text: str, start: int, end: int) -> bool:
    """A paragraph that introduces findings (``... cho thấy:``): it ends with ``:`` and its
    last sentence holds an assessment cue."""
    body = text[start:end].rstrip()
    if not body.endswith(":"):
        return False
    last = last_sentence(text, start, start + len(body) - 1)
    return _assessment_leadin_re().search(text, *last) is not None


@cache
def _forward_re() -> re.Pattern[str]:
    words = sorted(cues()["forward_intros"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:{})(?!\w)".format("|".join(re.escape(w) for w in words)))


# "Trong phát triển, du lịch phải ...", "Các địa phương cần ...": a short noun phrase, then a modal
_MODAL_CLAUSE = re.compile(r"(?:[^,;.]{0,40},\s*)?([^,;.]{1,60}?)\s(?:cần|phải)\s(?!thiết)")


def assessment_sentence_is_task(text: str, start: int, end: int, *, after_task: bool) -> bool:
    """In an assessment section a sentence is a task only with an instruction cue: a request
    (``Giao/Đề nghị/Yêu cầu X ...``), a modal (``X cần/phải ...``), a forward-looking intro
    (``Trong thời gian tới, X tổ chức ...``), or an action right after such a sentence.
    Statements of results (``Tỉnh đã hoàn thành ...``) are not."""
    body = text[start:end].strip()
    if not body or body.endswith(":") or excluded_by_cue(body):
        return False
    if sentence_is_task(text, start, end, after_task=after_task):
        return True
    pos = skip_intro(text, start, end)
    rest = text[pos:end]
    if _is_background(rest):
        return False
    m = _MODAL_CLAUSE.match(fold(rest))
    if m and not re.search(rf"(?<!\w){lexicon.cue_regex('not_yet_words').pattern}", m.group(1)):
        return True
    forward = bool(_forward_re().search(fold(text[start:pos])))
    if not (forward or after_task):
        return False
    if is_action_start(text, pos):
        return True
    subj = subject_at(text, pos, end)
    if subj:
        after = skip_commas(text, subj.end, end)
        return is_predicate_start(text, after) and not _is_background(text[after:end])
    return False


def is_passive_statement(text: str) -> bool:
    """A statement about a thing, not an instruction to a body: ``Kinh phí thực hiện Kế
    hoạch được bố trí từ ngân sách ...`` (a subject from ``statement_subjects``, then a
    passive ``được`` in the same clause)."""
    low = fold(text[:200])
    for subject in cues()["statement_subjects"]:
        if low.startswith(subject + " "):
            clause = re.split(r"[;:.]", low, maxsplit=1)[0]
            return bool(re.search(r"(?<!\w)(?:được|do)\s", clause))
    return False


def excluded_by_cue(text: str) -> bool:
    """A closing formula, a right or a recipients note (``task_cues.json``: ``exclusion_cues``).
    The cue counts only in a sentence that does not itself open on an action or a request:
    ``Kế hoạch này có hiệu lực thi hành kể từ ngày ký.`` is a formula, ``Đồng thời, giao X
    rà soát ... ngay sau khi Luật Y có hiệu lực thi hành.`` an instruction."""
    low = fold(text)
    if _recipient_note_re().search(low) is not None:
        return True
    found = [c for c in cues()["exclusion_cues"] if c in low]
    if not found:
        return False
    for s, e in sentences(text, 0, len(text)):
        part = fold(text[s:e]).lstrip(" *_-")
        if any(part.startswith(c) for c in found):
            return True  # "Ban hành kèm theo Quyết định này Kế hoạch ...": the formula opens it
        if any(c in part for c in found) and not _opens_instruction_at(text, s, e):
            return True
    return False


def _opens_instruction_at(text: str, start: int, end: int) -> bool:
    pos = skip_intro(text, start, end)
    return is_action_start(text, pos) or request_object(text, pos, end, at_start_only=True) is not None


@cache
def _basis_re() -> re.Pattern[str]:
    openers = lexicon.cue_regex("basis_openers").pattern
    docs = lexicon.cue_regex("basis_documents").pattern
    return re.compile(rf"{openers}\s+(?:các\s+)?{docs}")


def is_legal_basis(text: str) -> bool:
    """``Căn cứ Quyết định số 2282/QĐ-TTg ...;``, ``Thực hiện Thông tri số 02-TT/TU ...,``: a
    basis the text rests on (a document cited, the line ending with ``;`` or ``,``), no task."""
    body = text.strip().rstrip("*").rstrip()
    return body.endswith((";", ",")) and _basis_re().match(fold(body[:80])) is not None


@cache
def _recipient_note_re() -> re.Pattern[str]:
    """``... (để báo cáo).`` at the end of a line: a recipient, not a task (task_cues.json
    ``recipient_notes``)."""
    return re.compile(rf"\(\s*{lexicon.cue_regex('recipient_notes').pattern}\s*\)\s*[.;,]?\s*$")


def names_plan_part(body: str) -> bool:
    """Whether a line is the name of a part of the plan, not work: written in capitals
    (``V. THỜI GIAN, ĐỊA ĐIỂM TỔ CHỨC TRIỂN KHAI``), or a section kind's name alone, a final stop
    allowed (``IV. Tổ chức thực hiện.``, ``Kinh phí thực hiện.``; task_cues.json ``task_headings``,
    ``purpose_headings``, ``assessment_headings``, ``funding_headings``)."""
    line = body.strip().strip("*_ ").rstrip(".:").strip("*_ ")
    if len(line.split()) >= 2 and line.isupper():
        return True
    return fold(line) in _plan_part_names()


@cache
def _plan_part_names() -> frozenset[str]:
    """The section kinds' names, alone or with ``thực hiện`` (``thực hiện kế hoạch``) after them."""
    names = [*cues()["task_headings"], *cues()["purpose_headings"], *cues()["assessment_headings"],
             *lexicon.cue_words("funding_headings")]
    return frozenset(n + tail for n in names for tail in ("", " thực hiện", " thực hiện kế hoạch"))


def is_heading_only(text: str, unit: Unit) -> bool:
    """A heading that only groups items (no final punctuation, children follow)."""
    stripped = text.rstrip()
    if stripped.endswith((".", ";", "!", "?", ":")):
        return False
    return unit.has_children or len(stripped.split()) <= 30


def _after_subject(text: str, pos: int, stop: int) -> int | None:
    """Where the predicate may start after the subject at ``pos`` (spaces and commas skipped), or
    None when no subject opens there."""
    subj = subject_at(text, pos, stop)
    if subj is None:
        return None
    after = skip_commas(text, subj.end, stop)
    return after


def own_instruction_before_list(text: str, start: int, end: int) -> bool:
    """A lead-in ending in ``:`` that carries an instruction of its own before the clause that
    introduces its list (``Đề nghị X tập trung lãnh đạo ...; trong đó lưu ý một số nội dung
    sau:``, ``Triển khai nghiêm túc ... các chỉ tiêu, trong đó:``): the part before the marker
    asks for an action (a request to someone, an action verb, a subject and its predicate)."""
    body = text[start:end].rstrip()
    if not body.endswith(":"):
        return False
    marker = None
    for m in re.finditer(rf"[,;]\s*(?:{lexicon.cue_regex('leadin_own_instruction_markers').pattern})", body):
        marker = m
    if marker is None:
        return False
    stop = start + marker.start()
    s = last_sentence(text, start, stop)[0]
    pos = skip_intro(text, s, stop)
    if request_object(text, pos, stop, at_start_only=True) is not None:
        return True
    if is_action_start(text, pos):
        return True
    after = _after_subject(text, pos, stop)
    if after is None:
        return False
    return is_predicate_start(text, after) and not _is_background(text[after:stop])


_MAX_TOPIC_WORDS = 14


def is_topic_label(text: str, start: int, end: int) -> bool:
    """``1. Về kiến nghị tăng mức hỗ trợ của ngân sách trung ương ... 2026-2030:``: a line
    opening with a topic opener and ending in ``:`` (any length, often hard-wrapped) names the
    matter its paragraphs answer; it asks nothing itself unless it addresses a body
    (``Về X, đề nghị Bộ Tài chính:``) or holds a sentence before the colon."""
    line = text[start:end].strip().strip("*").strip()
    if not line.endswith(":") or re.search(r"[.;!?]\s", line):
        return False
    if lexicon.cue_regex("topic_heading_openers").match(fold(line)) is None:
        return False
    return request_object(text, start, end) is None


_MIN_ACTION_LEADIN_WORDS = 10


def action_leadin(text: str, start: int, end: int) -> bool:
    """A lead-in ending in ``:`` that is an instruction with its object, the list after it
    naming the object's parts (``Nghiên cứu, triển khai các nền tảng số chuyên dùng, cung cấp
    dịch vụ ... như:``): it opens with an action, is a sentence of some length, and neither
    cites the document it carries out (``Thực hiện Quyết định số ... như sau:``) nor addresses
    the bodies of the list (``Yêu cầu các sở ... như sau:``)."""
    body = text[start:end].rstrip()
    if not body.endswith(":") or len(body.split()) < _MIN_ACTION_LEADIN_WORDS:
        return False
    pos = skip_intro(text, start, end)
    if not is_action_start(text, pos) or _basis_re().match(fold(body[:80])) is not None:
        return False
    if names_only_leadin(text, start, end):
        return False  # "Chủ trì, phối hợp với các sở, ngành ...:": a role, not an instruction
    return request_object(text, pos, end) is None  # "..., yêu cầu các cơ quan, đơn vị:": names who acts


# Measured on the 67 dev documents and the first-sight output of 49 of them: an item ending in
# ``:`` over sub-items that opens with an action is in the gold in 3 of 8 cases under this
# length and in every case above it (a long lead-in carries an instruction of its own).
_MIN_OWN_LEADIN_WORDS = 40


def _short_bare_leadin(text: str, start: int, end: int) -> bool:
    """One sentence ending in ``:``, shorter than a lead-in with an instruction of its own, with
    no own-instruction or detail marker before its list (task_cues.json
    ``leadin_own_instruction_markers``, ``leadin_detail_markers``)."""
    body = text[start:end].rstrip()
    if not body.endswith(":") or len(body.split()) >= _MIN_OWN_LEADIN_WORDS:
        return False
    if len(sentences(text, start, start + len(body))) > 1 or own_instruction_before_list(text, start, end):
        return False  # "Chủ trì tuyên bố lý do, ... . Người chủ trì có trách nhiệm sau đây:"
    # "Tuyên truyền tiêu chuẩn, cơ cấu ..., cụ thể:": the points detail this instruction
    return lexicon.cue_regex("leadin_detail_markers").search(fold(body[-30:])) is None


def work_heading_over_points(text: str, start: int, end: int) -> bool:
    """Whether an item over sub-items names the work its points detail rather than asking for
    something of its own (GUIDELINES: one task per leaf item; a heading with sub-items is a task
    only when it carries an instruction of its own): one sentence ending in ``:`` that opens with
    an action (``Xây dựng, phát triển các nền tảng quản trị cơ sở dữ liệu ...:``, ``Tham mưu Ủy
    ban nhân dân tỉnh trình Hội đồng nhân dân quyết định:``), shorter than a lead-in with an
    instruction of its own, and with no own-instruction marker before its list (``..., trong
    đó:``; task_cues.json ``leadin_own_instruction_markers``, ``leadin_detail_markers``)."""
    if not _short_bare_leadin(text, start, end):
        return False
    pos = skip_intro(text, start, end)
    return is_action_start(text, pos) and subject_at(text, pos, end) is None


def names_doer_of_points(text: str, unit: Unit) -> bool:
    """Whether an item over sub-items that opens with a body's name only names who does its
    points (GUIDELINES: not a task when it only names who does what follows): one short sentence
    ending in ``:`` (``Các cơ quan, đơn vị có liên quan đến công tác bầu cử:``, ``Sở Y tế chủ
    trì, phối hợp với Sở X thực hiện các chương trình như:``, ``Vụ Tổ chức cán bộ: Tham mưu
    Lãnh đạo Bộ:``) whose points mostly open with their own action (a cue verb, a word pyvi tags
    as a verb, or a subject of their own), the body's tasks. A lead-in
    whose points are not actions of their own (``Ban X trao đổi với các cơ quan để tổ chức hội
    nghị: - Thống nhất thời gian ...``) is the instruction they detail."""
    start, end = trim(text, unit.start, unit.end)
    if not unit.points or not _short_bare_leadin(text, start, end):
        return False
    pos = skip_intro(text, start, end)
    if subject_at(text, pos, end) is None:
        return False
    acting = 0
    for point in unit.points:
        ps, pe = trim(text, point.start, point.end)
        at = skip_intro(text, ps, pe)
        acting += (is_action_start(text, at) or _opens_with_verb(text, at, pe)
                   or subject_at(text, at, pe) is not None)
    return acting * 2 > len(unit.points)


@cache
def _role_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(list(lexicon.cue_words('actor_role_words')))})(?!\w)", re.I)


_JOINER = re.compile(r"(?:[\s,;*]|và(?!\w))+", re.I)


def _complement_end(text: str, pos: int, stop: int) -> int | None:
    """Where a restrictive complement after a named body ends (``từ Hà Tĩnh đến Khánh Hòa``,
    ``nêu trên theo chức năng, nhiệm vụ, thẩm quyền``; task_cues.json ``body_complement_openers``):
    at the next ``;`` or the stop, when no action word opens inside it (then it asks something)."""
    if lexicon.cue_regex("body_complement_openers").match(fold(text[pos : pos + 40])) is None:
        return None
    semi = text.find(";", pos, stop)
    end = stop if semi < 0 else semi
    for m in re.finditer(r"\w+", text[pos:end]):
        if m.start() > 0 and is_action_start(text, pos + m.start()):
            return None
    return end


def names_only_leadin(text: str, start: int, end: int) -> bool:
    """A lead-in ending in ``:`` made only of the bodies it names, their roles and notes in
    brackets (``Sở Y tế chủ trì, phối hợp với Sở Tài chính, UBND các xã:``, ``Văn phòng Trung
    ương Đảng có trách nhiệm:``, ``Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính
    trị - xã hội:``, ``Sở Nội vụ (Cơ quan thường trực ...):``): it names who does the points
    below it and asks nothing itself (task_cues.json ``actor_role_words``)."""
    body = text[start:end].rstrip()
    if not body.endswith(":"):
        return False
    stop = start + len(body) - 1
    pos = start
    for m in _request_re().finditer(text, start, stop):
        if m.start() - start <= 1:
            pos = m.end()
        break
    named = False
    while True:
        m = _JOINER.match(text, pos, stop)
        if m:
            pos = m.end()
        if pos >= stop:
            return named
        if text[pos] == "(":
            close = text.find(")", pos, stop)
            if close < 0:
                return False
            pos = close + 1
            continue
        role = _role_re().match(text, pos, stop)
        if role:
            pos, named = role.end(), True
            continue
        subj = subject_at(text, pos, stop)
        if subj is None or subj.end <= pos or subj.start > pos:
            if named and (tail := _complement_end(text, pos, stop)) is not None:
                pos = tail  # "... các tỉnh, thành phố từ Hà Tĩnh đến Khánh Hòa:": which of them
                continue
            return False
        pos, named = subj.end, True


def leadin_only(text: str, start: int, end: int) -> bool:
    """A lead-in ending in ``:`` that only names who does what follows."""
    if names_only_leadin(text, start, end):
        return True
    if own_instruction_before_list(text, start, end):
        return False
    body = text[start:end].rstrip().rstrip(":").rstrip()
    low = fold(body)
    if _leadin_tail_re().search(low):
        return True
    subj = subject_at(text, start, start + len(body))
    if subj and subj.end >= start + len(body) - 1:
        return True
    if subj:
        after = subj.end
        after = skip_commas(text, after, start + len(body))
        req = request_object(text, after, start + len(body), at_start_only=True)
        if req and req.end >= start + len(body) - 1:
            return True  # "UBND tỉnh giao các sở, ngành, địa phương:": only names who does what follows
        rest = text[subj.end : start + len(body)].strip()
        rest_low = fold(rest)
        if lexicon.cue_regex("directing_verbs").match(rest_low) and not lexicon.cue_regex(
                "directing_exceptions").search(rest_low):
            return True
    return False


@cache
def _leadin_tail_re() -> re.Pattern[str]:
    """The endings of a lead-in that only introduces its list: ``phối hợp với``, ``như sau``,
    ``... các nhiệm vụ (cụ thể) sau`` (``task_cues.json``: ``leadin_tails``, ``leadin_list_nouns``)."""
    tails = alternation(cues()["leadin_tails"])
    nouns = alternation(cues()["leadin_list_nouns"]["words"])
    return re.compile(rf"(?<!\w)(?:{tails}|(?:{nouns})(?:\s+\S+){{0,2}}\s+sau)$")


def build_units(doc: ParsedDocument) -> tuple[list[Unit], list[tuple[int, int]]]:
    """Units of the document (items and paragraphs), and the ranges to ignore."""
    sections = list(doc.sections)
    paras = _line_spans(doc.text)
    excluded = [(z.start, z.end) for z in doc.zones if z.kind in _NOT_BODY]
    by_index = {s.index: s for s in sections}
    children = {s.parent for s in sections if s.parent is not None}

    def chain(sec: Section | None) -> list[Section]:
        out = []
        while sec is not None:
            out.append(sec)
            sec = by_index.get(sec.parent) if sec.parent is not None else None
        return list(reversed(out))

    units: list[Unit] = []
    item_starts = {}
    for sec in sections:
        if sec.kind == SectionKind.TABLE_ROW:
            continue
        item_starts[sec.text_start] = sec
    for s, e in paras:
        sec = None
        for ts, cand in item_starts.items():
            if s <= ts < e or (cand.start >= s and cand.start < e):
                sec = cand
                break
        if sec is not None:
            anc = chain(sec)[:-1]
            # The item's own unit is its first paragraph; later paragraphs are units of their own.
            item_end = min(max(sec.text_end, sec.text_start), e) if sec.text_start < e else sec.text_end
            follows = sec.end > e + 1
            units.append(
                Unit(sec.text_start, item_end, True, sec, anc, sec.index in children or follows,
                     has_subitems=sec.index in children)
            )
            continue
        enclosing = None
        for cand in sections:
            if cand.kind != SectionKind.TABLE_ROW and cand.start <= s < cand.end:
                if enclosing is None or cand.start >= enclosing.start:
                    enclosing = cand
        units.append(Unit(s, e, False, enclosing, chain(enclosing), False, enclosing is None))
    units = [u for u in units if not any(a <= u.start < b for a, b in excluded)]
    units = _merge_continuations(doc.text, _drop_addressees(doc.text, units))
    by_item = {u.section.index: u for u in units if u.is_item and u.section is not None and u.has_children}
    for unit in units:
        if unit.section is None:
            continue
        if unit.is_item and unit.section.parent in by_item:
            by_item[unit.section.parent].points.append(unit)  # its sub-items
        elif not unit.is_item and unit.section.index in by_item and by_item[unit.section.index].start < unit.start:
            by_item[unit.section.index].points.append(unit)  # the paragraphs under its line
    if (doc.metadata.doc_type or "") in lexicon.cue_words("regulation_kinds"):
        for unit in units:
            unit.provision = any(a.kind == SectionKind.ARTICLE for a in unit.ancestors) or (
                unit.section is not None and unit.section.kind == SectionKind.ARTICLE)
    mark_peer_tasks(doc.text, units)
    return units, excluded


_MIN_PEER_WORDS = 3


def _peer_key(unit: Unit) -> tuple | None:
    """The list a unit belongs to: items by parent and marker kind, paragraphs by the section
    they sit in; None for text outside the section tree."""
    if unit.section is None or unit.outside_sections:
        return None
    if unit.is_item:
        return ("item", unit.section.parent, unit.section.kind)
    return ("paragraph", unit.section.index)


def mark_peer_tasks(text: str, units: list[Unit]) -> None:
    """A leaf of a list whose other members are mostly tasks is a task too, when it reads as
    a full sentence (final ``.`` or ``;``, a few words) that no rule excludes: a list of
    instructions is homogeneous, and its verbs are not all in the cue lists (``- Khơi thông
    cống rãnh ...`` beside ``- Xử lý các điểm nước tù đọng ...``). Sets ``peer_task``."""
    groups: dict[tuple, list[tuple[Unit, bool]]] = {}
    for unit in units:
        key = _peer_key(unit)
        if key is not None:
            groups.setdefault(key, []).append((unit, unit_is_task(text, unit) and _opens_instruction(text, unit)))
    _mark_objects_of_leadins(text, units)
    for members in groups.values():
        if len(members) < 2:
            continue
        tasks = sum(1 for _u, is_task in members if is_task)
        for unit, is_task in members:
            others, others_tasks = len(members) - 1, tasks - is_task
            if is_task or others_tasks * 2 <= others or not _peer_candidate(text, unit):
                continue
            unit.peer_task = True


def _mark_objects_of_leadins(text: str, units: list[Unit]) -> None:
    """The bullets right after a paragraph that is an instruction with its object
    (:func:`action_leadin`: ``Nghiên cứu, triển khai các nền tảng ... như:`` over ``- Hệ
    thống giám sát ...``) are its leaf tasks (GUIDELINES: one task per leaf item)."""
    for n, unit in enumerate(units):
        if unit.is_item or unit.section is None or not action_leadin(text, *trim(text, unit.start, unit.end)):
            continue
        for item in units[n + 1 :]:
            if not item.is_item or item.section is None or item.section.parent != unit.section.index:
                break
            if item.section.kind in (SectionKind.DASH, SectionKind.PLUS) and _peer_candidate(text, item):
                item.peer_task = True


def _opens_instruction(text: str, unit: Unit) -> bool:
    """Whether a task unit opens with its instruction (an action or its subject), the evidence
    a list is one of instructions (a verb somewhere in a noun point is not: ``(1) Số hộ dân có
    nhà bị sập cần phải xây dựng lại.``)."""
    start, end = trim(text, unit.start, unit.end)
    pos = skip_intro(text, start, end)
    return is_action_start(text, pos) or subject_at(text, pos, end) is not None


def _peer_candidate(text: str, unit: Unit) -> bool:
    """A leaf that reads as a full sentence and that no exclusion (purpose section, closing
    formula, passive statement, legal basis, lead-in) rules out."""
    if unit.has_children or under_purpose(unit.ancestors):
        return False
    if any(a.kind == SectionKind.ARTICLE for a in unit.ancestors):
        return False  # "Điều 5. Các hành vi bị nghiêm cấm": the points of an article are provisions
    start, end = trim(text, unit.start, unit.end)
    body = text[start:end]
    if not body.endswith((".", ";")) or len(body.split()) < _MIN_PEER_WORDS:
        return False
    if excluded_by_cue(body) or is_passive_statement(body) or is_legal_basis(body):
        return False
    low = fold(body[:80])
    if any(low.startswith(subject + " ") for subject in cues()["statement_subjects"]):
        return False  # "Nguồn xã hội hóa từ ...", "Ngân sách tỉnh và ...": a source of funds
    label = _LABEL.match(body)
    return label is None or is_action_start(text, start + label.end())


# "Các thông số: pH, độ mặn ...", "Kinh phí khen thưởng: Từ nguồn ...": a label and its value
_LABEL = re.compile(r"[^:;.()]{1,60}:\s*")
_MAX_ATTRIBUTE_LABEL_WORDS = 6


def attribute_label(text: str, start: int, end: int) -> bool:
    """Whether a point is ``label: value`` whose label names an attribute of the activity, not
    work (task_cues.json ``attribute_labels``: ``Thành phần đoàn:``, ``Khách mời:``, ``Địa điểm
    tổ chức:``, ``Phương pháp:``, ``Nguyên tắc tổ chức hiệp thương:``): its value describes who
    attends, where, how or by which rule, even when it opens with a verb (``Phương pháp: Kết hợp
    nghe báo cáo ...``, ``Nguyên tắc: Bảo đảm công khai ...``), unless it asks a body to act
    (``Địa điểm: đề nghị UBND xã bố trí hội trường``)."""
    body = text[start:end].lstrip(" *_")
    offset = end - start - len(body)
    label = _LABEL.match(body)
    if label is None or len(body[: label.end()].split()) > _MAX_ATTRIBUTE_LABEL_WORDS:
        return False
    head = fold(body[: label.end()]).strip(" *_:")
    if lexicon.cue_regex("attribute_labels").match(head) is None:
        return False
    value = start + offset + label.end()
    return request_object(text, value, end) is None


_PEER_WINDOW = 40


def only_points_elsewhere(body: str) -> bool:
    """Whether a point is one clause that opens with ``thực hiện theo`` (task_cues.json
    ``pointer_openers``) and names no object of its own: it points to the rule or the part of
    the text that holds the work (``Thực hiện theo lộ trình tại phần II của Kế hoạch này.``);
    ``Thực hiện theo dõi ...`` (pyvi reads ``theo_dõi``, to monitor) is an action with its object."""
    head = body.strip(" *_").rstrip(" .;")
    opener = lexicon.cue_regex("pointer_openers").match(fold(head))
    if opener is None or any(mark in head for mark in (";", ":", ". ")):
        return False
    # the opener ends where a pyvi word ends: "Thực hiện theo dõi ..." monitors, it points nowhere
    return any(e == opener.end() for _, e, _ in tagged_tokens(head, 0, len(head)))


def _label_over_verbless_value(text: str, start: int, end: int) -> bool:
    """A point ``label: value`` whose value holds no verb at all by pyvi's tags (``Ủy ban
    bầu cử của tỉnh: Không quá 05 cá nhân;``, ``Ban X: 01 cá nhân/01 ban;``), or opens with a
    noun whose first verb is a copula (``Thành phần: Trưởng nhóm là ...; thành viên gồm ...``):
    a quota or an attribute of what the label names, not an instruction."""
    from nlp.pos import tagged_tokens

    label = _LABEL.match(text, start, end)
    if label is None:
        return False
    pos = label.end()
    if end - pos < 2:
        return False  # "a) Ban X:": a label over what follows, decided elsewhere
    tags = tagged_tokens(text, pos, end)
    verbs = [(s, e) for s, e, tag in tags if tag.startswith("V")]
    if not tags:
        return False
    if not verbs:
        return True
    if not tags[0][2].startswith("N"):
        return False
    if any(subject_at(text, s, e) for s, e in sentences(text, pos, end)[1:]):
        return False  # "g) Về X: Kết quả ... là nhờ ... . Bộ Xây dựng chủ động ...": a later sentence asks a body
    first = fold(text[verbs[0][0] : verbs[0][1]]).replace("_", " ")
    if first in cues()["copula_verbs"]["words"]:
        return True
    # "Địa điểm: Hội nghị được tổ chức tại thôn ...": the subject of the value's first clause
    # undergoes what it says ("được" before the clause's main verb)
    clause_end = next((s for s, _, tag in tags if tag == "F" and text[s] in ",;."), end)
    words = [fold(text[s:e]) for s, e, _ in tags if e <= clause_end]
    return "được" in words[1:4]


def _opens_with_verb(text: str, pos: int, end: int) -> bool:
    """Whether pyvi tags the first word at ``pos`` as a verb (read in lower case: a capital
    at the start of a line makes pyvi read a name). A noun phrase (``Nguồn xã hội hóa ...``,
    ``Danh mục dùng chung là ...``) is a point of a list, not an instruction."""
    from nlp.pos import tagged_tokens

    window = text[pos : min(end, pos + _PEER_WINDOW)]
    if not window:
        return False
    window = window[0].lower() + window[1:]
    tags = tagged_tokens(window, 0, len(window))
    return bool(tags) and tags[0][2] == "V"


@cache
def _addressee_lead_re() -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s){lexicon.cue_regex('addressee_leads').pattern}\s*:$")


def _drop_addressees(text: str, units: list[Unit]) -> list[Unit]:
    """Drop an addressee block the header zones missed (``THỦ TƯỚNG CHÍNH PHỦ điện:``,
    ``Đồng kính gửi:`` and the dashes right after it): recipients are never tasks."""
    # the lead line itself may sit in the header zone, whose units are gone already
    leads = [e for s, e in _line_spans(text) if _addressee_lead_re().search(fold(text[s:e].strip(" *|\t")))]
    out: list[Unit] = []
    in_block = False
    prev_start = -1
    for unit in units:
        if any(prev_start < e <= unit.start for e in leads):
            in_block = True
        prev_start = unit.start
        body = text[unit.start : unit.end].strip(" *|\t")
        if not any(ch.isalpha() for ch in body):
            out.append(unit)
            continue
        if _addressee_lead_re().search(fold(body)):
            in_block = True
            continue
        if in_block:
            bullet = unit.section is not None and unit.section.kind in (SectionKind.DASH, SectionKind.PLUS) and unit.is_item
            if bullet or body.startswith(("-", "+")):
                continue
            in_block = False
        out.append(unit)
    return out


@cache
def _continuation_re() -> re.Pattern[str]:
    words = cues()["continuation_openers"]["words"]
    return re.compile(rf"(?:{alternation(words)})\s*,\s*", re.I)


def _merge_continuations(text: str, units: list[Unit]) -> list[Unit]:
    """Fold a paragraph that continues the leaf item before it (``Đồng thời, ...`` naming no
    owner of its own) into that item's unit: one leaf item, one task."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (prev is not None and prev.is_item and not unit.is_item and not prev.has_subitems
                and prev.section is not None and unit.section is prev.section):
            m = _continuation_re().match(text, unit.start, unit.end)
            if m and subject_at(text, skip_intro(text, m.end(), unit.end), unit.end, allow_person=True) is None:
                prev.end = unit.end
                prev.has_children = prev.section.end > unit.end + 1
                continue
        out.append(unit)
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] in " \r":
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


_INLINE_MARKER = re.compile(r"[*_\s]*\((?P<m>i{1,3}|iv|vi{0,3}|ix|x|[a-zđ]|\d{1,2})\)[*_\s]*")


def inline_items(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int, str]]] | None:
    """An item that lists its sub-tasks inline after a colon (``Giao X: (i) Chỉ đạo ... (ii)
    Chỉ đạo ...``): the end of its lead and the ``(start, end, marker)`` of each sub-task;
    None unless at least two markers follow in order (``(i)``, ``(ii)``; ``(a)``, ``(b)``;
    ``(1)``, ``(2)``)."""
    colon = text.find(":", start, end)
    if colon < 0 or _lead_wants_object(text, start, colon):
        return None
    first = _INLINE_MARKER.match(text, colon + 1, end)
    if not first:
        return None
    marks = [first]
    for m in _INLINE_MARKER.finditer(text, first.end(), end):
        if m.start() > first.end() and text[m.start() - 1] in " .;*" and _follows(marks[-1].group("m"), m.group("m")):
            marks.append(m)
    if len(marks) < 2:
        return None
    pieces = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else end
        pieces.append((m.end(), stop, m.group("m")))
    return colon, pieces


def _lead_wants_object(text: str, start: int, colon: int) -> bool:
    """Whether the lead before an inline list's colon is a sentence waiting for its complement:
    it ends on a word asking for one (``... xây dựng đề án, tờ trình Bộ Chính trị về:``,
    ``Nguồn lực thực hiện Kế hoạch bao gồm:``; task_cues.json ``inline_object_leads``) or inside
    a bracket it opened (``... cấp xã (trong đó:``). The points then complete one sentence."""
    lead = fold(text[start:colon]).rstrip(" *_")
    if lead.count("(") > lead.count(")"):
        return True
    return _object_lead_re().search(lead) is not None


@cache
def _object_lead_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){lexicon.cue_regex('inline_object_leads').pattern}$")


_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


def _follows(prev: str, nxt: str) -> bool:
    """Whether marker ``nxt`` comes right after ``prev`` (i -> ii, a -> b, 1 -> 2)."""
    if prev in _ROMAN and nxt in _ROMAN:
        return _ROMAN.index(nxt) == _ROMAN.index(prev) + 1
    if prev.isdigit() and nxt.isdigit():
        return int(nxt) == int(prev) + 1
    return len(prev) == len(nxt) == 1 and ord(nxt) == ord(prev) + 1


# a point opening with a word pyvi tags as a verb is an imperative from this length on ("Infographic
# Cẩm nang;" is a name pyvi reads as a verb)
_MIN_VERB_POINT_WORDS = 5


def unit_is_task(text: str, unit: Unit) -> bool:
    """Whether a structured unit (an item, or a paragraph inside a section) is a task (asked
    twice per unit, by the peer marking and by the assembly: answered once per ``peer_task``)."""
    if unit.decided is not None and unit.decided[0] == unit.peer_task:
        return unit.decided[1]
    answer = _unit_is_task(text, unit)
    unit.decided = (unit.peer_task, answer)
    return answer


def _unit_is_task(text: str, unit: Unit) -> bool:
    start, end = trim(text, unit.start, unit.end)
    body = text[start:end]
    if not body or excluded_by_cue(body) or is_passive_statement(body) or under_purpose(unit.ancestors):
        return False
    if body.rstrip(" *_\"”").endswith("!"):
        return False  # "Toàn dân tham gia bầu cử ...!": an exclamation is a slogan, it asks nobody
    if under_scoring(unit.ancestors):
        return False  # "3. Nội dung hoạt động (20 điểm) / 3.1. Họp định kỳ hàng tháng ...": a criterion
    if states_only(text, start, end):
        return False  # "1. Ngày 16/6/2025, Quốc hội đã thông qua Luật ...": a fact, not an instruction
    if under_funding(unit.ancestors) and not _funding_point_acts(text, start, end):
        return False  # "IV. NGUỒN VỐN / 3. Nguồn vốn hỗ trợ, tài trợ từ các tổ chức quốc tế.": a source
    if unit.provision and not names_actor(text, unit):
        return False  # "Điều 3. Giải thích từ ngữ / 1. Chủ sở hữu dữ liệu là ...": a provision
    if is_legal_basis(body):
        return False  # "- Căn cứ Điều lệ Đảng;": a basis, also when written as a bullet
    if attribute_label(text, start, end):
        return False  # "Thành phần: Lãnh đạo UBND tỉnh; ...", "Nguyên tắc tổ chức: Bảo đảm công khai ...": says how, not who acts
    if only_points_elsewhere(body):
        return False  # "Thực hiện theo quy định tại mục 2 Hướng dẫn số ...": the work is written elsewhere
    if unit.is_item:
        if not unit.has_children and _label_over_verbless_value(text, start, end):
            return False  # "Tổ giúp việc Ban X: Không quá 05 cá nhân;": a quota or a list, nobody acts
        if _long_unterminated_instruction(text, start, end, unit):
            return True
        if unit.has_children and (is_heading_only(body, unit) or names_plan_part(body)):
            return False
        if is_topic_label(text, start, end):
            return False  # "1. Về kiến nghị ... :" over the paragraph that answers it
        if body.rstrip().endswith(":") and leadin_only(text, start, end) and not action_leadin(text, start, end):
            return False
        if unit.points and work_heading_over_points(text, start, end):
            return False  # "3. Xây dựng, phát triển các nền tảng ... giao thông:" over its sub-tasks
        if unit.points and names_doer_of_points(text, unit):
            return False  # "2. Các cơ quan, đơn vị có liên quan đến công tác bầu cử:" over their tasks
        pos = skip_intro(text, start, end)
        if is_action_start(text, pos) or subject_at(text, pos, end) or _has_modal_after_subject(text, pos, end):
            return True
        if unit.peer_task:
            return True
        if body.rstrip().endswith(":") and unit.has_subitems and len(body.split()) <= _MAX_TOPIC_WORDS:
            # "a) Nội dung kiểm tra (đối với các thôn):": opening with neither an action nor its
            # subject, a short line over points is their label, the points are the tasks
            return False
        # an action verb somewhere in a point that opens with neither an action nor its subject: an
        # instruction only when the point reads as a sentence, by its final stop or its length
        # ("- Thuốc Bảo vệ thực vật," is a name; a web copy may drop a long sentence's stop)
        sentence = body.endswith((".", ";", "!", "?", ":", "”", ")")) or len(body.split()) > _MAX_TOPIC_WORDS
        if (not unit.has_children and body.rstrip().endswith((".", ";")) and len(body.split()) >= _MIN_VERB_POINT_WORDS
                and _opens_with_verb(text, pos, end)):
            return True  # "- Tham vấn các đối tượng thụ hưởng ...", "b) Chọn ngẫu nhiên ...": an imperative the cue list lacks
        return sentence and _any_action(body)
    # free paragraph inside a section
    from nlp.resolver import presented_owners  # at call time: nlp.resolver imports this module

    if presented_owners(text, start, end):
        return True  # "Trên đây là Kế hoạch .... Đề nghị các cơ quan, đơn vị ... triển khai thực hiện."
    if body.rstrip().endswith(":"):
        return own_instruction_before_list(text, start, end) or action_leadin(text, start, end)
    if not body.rstrip().endswith((".", ";", "!", "?", "…", ")", "”", "\"")):
        return False
    pos = skip_intro(text, start, end)
    if is_action_start(text, pos):
        return True
    subj = subject_at(text, pos, end)
    if subj:
        after = skip_commas(text, subj.end, end)
        return is_predicate_start(text, after) and not _is_background(text[after:end])
    if _request_after_clause(text, pos, end):
        return True
    return bool(_has_modal_after_subject(text, pos, end)) or unit.peer_task


def presents_text(text: str, start: int, end: int) -> bool:
    """Whether a paragraph opens by presenting the text itself (``Trên đây là Kế hoạch ...``,
    task_cues ``presentative_openers``): the closing paragraph of a plan or directive."""
    return lexicon.cue_regex("presentative_openers").match(fold(text[start : start + 40])) is not None


def verb_at(text: str, pos: int, end: int) -> bool:
    """Whether pyvi tags the word at ``pos`` a verb (``... các cơ quan, đơn vị phản ánh về Sở Y
    tế ...``: a predicate no action list holds)."""
    tokens = tagged_tokens(text, pos, min(end, pos + 24))
    return bool(tokens) and tokens[0][0] == pos and tokens[0][2] == "V"


@cache
def _clause_request_re() -> re.Pattern[str]:
    words = lexicon.cue_regex("clause_request_words").pattern
    return re.compile(rf"(?P<sep>,\s+|\s)(?:kính\s+)?{words}\s+(?=\S)")


def _request_after_clause(text: str, pos: int, end: int) -> bool:
    """``Trong quá trình thực hiện, nếu có vướng mắc, (kính) đề nghị X ...``: a condition or
    context, then a request to someone (the closing instruction of many plans and letters)."""
    first = text.find(",", pos, end)
    if first < 0 or is_action_start(text, pos) or subject_at(text, pos, end) is not None:
        return False
    for m in _clause_request_re().finditer(text, first, end):
        if is_predicate_start(text, m.end()):
            continue
        if m.group("sep").startswith(","):
            return True  # ", (kính) đề nghị Quý cơ quan ...": a request to the addressees
        before = fold(text[max(pos, m.start() - 12) : m.start() + 1])
        if not lexicon.cue_regex("request_noun_markers").search(before) and subject_at(text, m.end(), end):
            return True  # "nếu có khó khăn, vướng mắc đề nghị các Sở, ban, ngành ..."
    return False


_SUBJECT_SPAN = 80  # characters a subject (and the intro clause before it) may take before its aspect word


@cache
def _stating_re() -> re.Pattern[str]:
    """``[intro, ]subject đã/đang ...``: the first clause's predicate carries a stating aspect."""
    marker = lexicon.cue_regex("stating_markers").pattern
    return re.compile(rf"(?:[^,;:.]{{0,{_SUBJECT_SPAN}}},\s)?[^,;:.]{{1,{_SUBJECT_SPAN}}}?\s{marker}\s")


def _asks(text: str, start: int, end: int, *, anywhere: bool) -> bool:
    """Whether a sentence asks someone to act: it opens (after its intros) with a request or a
    modal (``Đề nghị X ...``, ``X cần ...``), or, ``anywhere``, holds a request word or modal
    that no ``được`` makes passive (``Bộ Nội vụ được giao xây dựng ...`` states a mandate)."""
    pos = skip_intro(text, start, end)
    if request_object(text, pos, end, at_start_only=True) is not None or _has_modal_after_subject(text, pos, end):
        return True
    low = fold(text[pos:end])
    if re.match(r"(?:cần|phải)\s", low):
        return True
    return anywhere and _modal_anywhere_re().search(low) is not None


@cache
def _modal_anywhere_re() -> re.Pattern[str]:
    """A modal cue that no ``được`` makes passive, on folded text."""
    return re.compile(rf"(?<!\w)(?<!được )(?:{alternation(cues()['modal_cues'])})(?!\w)")


def states_only(text: str, start: int, end: int) -> bool:
    """A unit whose first sentence states rather than assigns and whose other sentences ask
    nobody to act: the issuer's assessment (``Ghi nhận, đánh giá cao sự nỗ lực của ...``) or a
    fact done or under way (``Ngày 16/6/2025, Quốc hội đã thông qua Luật ...``, ``Trong thời
    gian qua, nước ta đã tiến hành ...``), the content of an information relayed or background
    (task_cues.json ``evaluative_openers``, ``stating_markers``). An action that opens the
    sentence keeps it an instruction (``Khẩn trương chia sẻ dữ liệu đã được cập nhật ...``)."""
    sents = sentences(text, start, end)
    if not sents:
        return False
    s0, e0 = sents[0]
    pos = skip_intro(text, s0, e0)
    low = fold(text[pos:e0])
    if lexicon.cue_regex("evaluative_openers").match(low):
        pass
    elif is_action_start(text, pos) or _asks(text, s0, e0, anywhere=True) or not _stating_re().match(low):
        return False
    else:
        subj = subject_at(text, pos, e0)
        if subj is not None and subj.start == pos:
            # a known subject: its own predicate must state ("Cục X Khẩn trương hoàn thành ... đã được
            # phê duyệt ...": a web copy's lost line break, an instruction)
            after = fold(text[subj.end : subj.end + 20]).lstrip(" ,")
            if not lexicon.cue_regex("stating_markers").match(after):
                return False
    return not any(_asks(text, s, e, anywhere=False) for s, e in sents[1:])


def names_actor(text: str, unit: Unit) -> bool:
    """Whether a unit names the body that must act: its own subject with a predicate or an
    obligation (``Các cơ quan chủ quản dữ liệu có trách nhiệm ...``), a request to one, or a
    line above it that opens with one (``2. Văn phòng Trung ương Đảng có trách nhiệm:`` over
    ``a) Chủ trì ...``)."""
    start, end = trim(text, unit.start, unit.end)
    pos = skip_intro(text, start, end)
    if _subject_acts(text, pos, end) or request_object(text, pos, end, at_start_only=True):
        return True
    for sec in reversed(unit.ancestors):
        if sec.kind == SectionKind.ARTICLE:
            break
        if _subject_acts(text, skip_intro(text, sec.text_start, sec.text_end), sec.text_end):
            return True
    return False


def _subject_acts(text: str, pos: int, end: int) -> bool:
    subj = subject_at(text, pos, end, allow_person=True)
    if subj is None:
        return False
    after = skip_commas(text, subj.end, end)
    if is_predicate_start(text, after):
        return True
    # "Các cơ quan chủ quản dữ liệu có trách nhiệm ...", "Các cơ quan, đơn vị trong hệ thống tổ
    # chức đảng thực hiện ...": the name runs on to its obligation or its action
    clause = re.split(r"[.;:]", fold(text[after : min(end, after + _NAME_TO_OBLIGATION)]), maxsplit=1)[0]
    return _obligation_re().search(clause) is not None or bool(_any_action(clause))


@cache
def _obligation_re() -> re.Pattern[str]:
    """An obligation cue at a word start (``có trách nhiệm``, ``phải``), on folded text."""
    return re.compile(rf"(?<!\w){lexicon.cue_regex('obligation_cues').pattern}")


_NAME_TO_OBLIGATION = 60  # characters a body's name may run after its head before its obligation


def _long_unterminated_instruction(text: str, start: int, end: int, unit: Unit) -> bool:
    """A bullet without sub-items whose final full stop is missing (web copies) is still an
    instruction when it is long or holds several clauses, unlike a short grouping heading."""
    body = text[start:end]
    if unit.has_subitems or body.rstrip().endswith((".", ";", ":", "!", "?")):
        return False
    if len(body.split()) <= 30 and ";" not in body:
        return False
    return is_action_start(text, skip_intro(text, start, end))


def _any_action(body: str) -> bool:
    low = fold(body)
    return any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", low) for v in cues()["action_verbs"][:40])


def _is_background(predicate: str) -> bool:
    low = fold(predicate[:60])
    return bool(lexicon.cue_regex("background_starts").match(low))


def after_opinion_leadin(text: str, start: int) -> bool:
    """Whether the line before ``start`` relays a leader's opinion (``..., Phó Thủ tướng Chính
    phủ Hồ Đức Phớc có ý kiến như sau:``; task_cues.json ``opinion_leadins``): the paragraph
    after it states the leader's instructions."""
    before = text[max(0, start - 300) : start].rstrip()
    if not before.endswith(":"):
        return False
    line = before[before.rfind("\n") + 1 :]
    return lexicon.cue_regex("opinion_leadins").search(fold(line)) is not None


def relayed_instruction(text: str, start: int, end: int) -> bool:
    """A sentence of a relayed opinion naming a body and its action (``Các Bộ, cơ quan ngang
    Bộ nghiên cứu các nội dung ...; chủ động rà soát ...``): the leader's instruction to it."""
    body = text[start:end].strip()
    if not body or excluded_by_cue(body) or is_legal_basis(body):
        return False
    pos = skip_intro(text, start, end)
    after = _after_subject(text, pos, end)
    if after is None:
        return False
    return not _is_background(text[after:end]) and (is_predicate_start(text, after) or verb_at(text, after, end))


def sentence_is_task(text: str, start: int, end: int, *, after_task: bool) -> bool:
    """News-report mode: a sentence is a task when it asks someone to act."""
    body = text[start:end].strip()
    if not body or body.endswith(":") or excluded_by_cue(body) or is_legal_basis(body):
        return False
    if not body.endswith((".", "!", "?", "…", ")", "”", "\"", ";")):
        return False
    pos = skip_intro(text, start, end)
    low = fold(text[pos:end])
    if re.search(r"(?:^|\s)(?:yêu cầu|đề nghị|giao)\s", " " + low[:400]) and request_object(text, start, end):
        return True
    if re.match(r"(?:cần|phải)\s", low):
        return True
    if _has_modal_after_subject(text, pos, end):
        return True
    if after_task and is_action_start(text, pos) and not _is_background(text[pos:end]):
        return True
    return _request_after_clause(text, pos, end)


@cache
def _request_re() -> re.Pattern[str]:
    return owner_patterns()["request"]  # data/owner_patterns.jsonl


def after_request(text: str, start: int, end: int) -> int:
    """The offset right after the last ``yêu cầu`` / ``đề nghị`` / ``giao`` in the range that
    addresses a body (``..., yêu cầu Bộ Y tế ... hoàn thành các việc sau:``), or ``start``
    when there is none: what the range hands to that body begins there."""
    pos = start
    for m in _request_re().finditer(text, start, end):
        if subject_at(text, m.end(), end) is not None:
            pos = m.end()
    return pos


def request_object(text: str, start: int, end: int, *, at_start_only: bool = False):
    """The owner named as the object of ``yêu cầu`` / ``đề nghị`` / ``giao`` in the range."""
    for m in _request_re().finditer(text, start, end):
        if at_start_only and m.start() > start:
            break
        subj = subject_at(text, m.end(), end)
        if subj:
            return subj
    return None
