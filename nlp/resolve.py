"""The finders the resolver's owner rules are made of: who a text, a heading or a lead-in names.

The order in which they decide lives in one place, :mod:`nlp.resolver` (``OWNER_RULES``);
this module only answers "whom does this range name": :func:`stated_owners` (``Giao/Đề nghị
X ...``, ``X <verb> ...``), :func:`clause_owners` (``Trên cơ sở ..., X có trách nhiệm ...``),
:func:`heading_owners` and :func:`name_only_heading` (a heading that names the owners of the
items under it), :func:`leadin_owners` and :func:`leadin_subject` (a paragraph ending with
``:`` that hands the list after it to X), :func:`programme_context` (the bodies the whole
programme is handed to, the programme year), plus co-owners (``phối hợp với``).

Example::

    >>> heading_owners("Đối với Thủ trưởng các đơn vị thuộc Tổng cục THADS")
    ['Thủ trưởng các đơn vị thuộc Tổng cục THADS']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ingest.model import ParsedDocument, Section, ZoneKind
from nlp import lexicon
from nlp.deadlines import find_recurrence_span
from nlp.owners import (
    _cites_document,
    clause_subject_at,
    clean_owner,
    complete_issuer,
    cues,
    fold,
    glued_to_next,
    head_at,
    heads,
    holder_body,
    is_predicate_start,
    owner_key,
    owner_start,
    owners_in_list,
    patterns,
    person_title,
    skip_commas,
    split_owners,
    subject_at,
)
from nlp.patterns import alternation
from nlp.tasks import is_action_start, last_sentence, request_object, sentences, skip_intro, verb_at


def _co_owner_at_end() -> re.Pattern[str]:
    """``... phối hợp với:`` at the end of a heading (task_cues.json partner_heading_tails)."""
    return _tail_re(lexicon.cue_regex("partner_heading_tails").pattern)


@cache
def _tail_re(words: str) -> re.Pattern[str]:
    return re.compile(rf"{words}\s*:?\s*$")


@dataclass
class DocContext:
    """Document-level facts resolution needs."""

    issuer: str | None = None
    issuer_org: str | None = None  # "Bộ Tư pháp" for "Ban cán sự đảng Bộ Tư pháp"
    party_plan: bool = False  # a Party plan: items without owner belong to the issuer
    programme_zone: tuple[int, int] | None = None
    programme_year: int | None = None
    programme_owners: list[str] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    addressee_place: str | None = None  # "tỉnh Điện Biên": what a bare "Tỉnh" owner means
    addressees: list[str] = field(default_factory=list)  # the "Kính gửi:" bodies ("Quý cơ quan")
    conclusion_addressee: str | None = None  # the province a conclusion notice is addressed to
    letter: bool = False  # a Công văn / Công điện: what it asks of nobody named, it asks of its addressees
    scopes: dict = field(default_factory=dict)  # section index -> owner Scope it hands down (resolver)
    time_scopes: dict = field(default_factory=dict)  # section index -> Deadline it hands down


def addressees(text: str, limit: int = 3000) -> list[str]:
    """The bodies a letter's ``Kính gửi:`` block names, on its own line and on the ``- ...;``
    lines after it, or the dashes after a Công điện's ``THỦ TƯỚNG CHÍNH PHỦ điện:`` (owners of
    a request to ``Quý cơ quan``, and of what a letter asks of nobody named)."""
    out: list[str] = []
    lines = text[:limit].split("\n")
    lead = re.compile(rf"(?:^|\s){lexicon.cue_regex('addressee_leads').pattern}\s*:[\s*]*$")
    for i, line in enumerate(lines):
        label = patterns()["addressee_label"].match(line)
        if label:
            rest = [line[label.end():]]
        elif lead.search(fold(line.strip(" *|\t"))):
            rest = []
        else:
            continue
        for nxt in lines[i + 1 :]:
            body = nxt.strip(" *|\t")
            if not body:
                continue
            if not body.startswith(("-", "+")):
                break
            rest.append(body)
        for part in rest:
            part = part.strip(" *|\t-+;.,")
            if part:
                out += [n for n in split_owners(part) if n not in out]
        break
    return out


def is_addressee_form(name: str) -> bool:
    """``Quý cơ quan``, ``Quý Bộ``: the letter's addressees, not a body's name."""
    return bool(patterns()["addressee_form"].match(name))


def finish_owner(name: str, ctx: DocContext) -> str:
    name = clean_owner(name)
    if ctx.addressee_place and name in ("Tỉnh", "Thành phố") and fold(ctx.addressee_place).startswith(fold(name)):
        # "Tỉnh tổ chức thực hiện ..." in a conclusion about one province: that province
        return ctx.addressee_place
    return complete_issuer(name, ctx.issuer_org)


_PLACE = re.compile(r"(?<!\w)((?i:tỉnh|thành phố))\s+((?:[A-ZĐ][\w]*)(?:\s+[A-ZĐ][\w]*)*)")
# the place a Party committee of a province or city is named after: "Tỉnh ủy Phú Thọ" is tỉnh Phú Thọ
_COMMITTEE_PLACE = re.compile(r"(?<!\w)((?i:tỉnh|thành))\s+(?i:ủy|uỷ)\s+((?:[A-ZĐ][\w]*)(?:\s+[A-ZĐ][\w]*)*)")


def addressee_place(title: str | None, text: str) -> str | None:
    """The one province or city a document's title names (``... làm việc với lãnh đạo tỉnh
    Điện Biên`` -> ``tỉnh Điện Biên``; ``... với Ban Thường vụ Tỉnh ủy Phú Thọ`` -> ``tỉnh Phú
    Thọ``), which a bare ``Tỉnh`` in its text stands for. The place is spelled as the text
    writes it (titles may be re-cased)."""
    if not title:
        return None
    folded = f" {fold(title)} "
    places = {f"{m.group(1).lower()} {m.group(2)}" for m in _PLACE.finditer(text)}
    named = {p for p in places if f" {fold(p)} " in folded}
    if not named:
        kinds = lexicon.word_map("owner_words.json", "committee_place_kinds")
        wanted = {fold(f"{kinds[m.group(1).lower()]} {m.group(2)}") for m in _COMMITTEE_PLACE.finditer(title)}
        named = {p for p in places if fold(p) in wanted}
    return named.pop() if len(named) == 1 else None


def is_conclusion_notice(doc_type: str | None, title: str | None) -> bool:
    """A conclusion notice (``Thông báo`` titled ``Kết luận ...``; owner_words.json): what it
    gives to nobody named is the province it is addressed to."""
    return (doc_type or "") in lexicon.owner_words("conclusion_types") and fold(title or "").startswith(
        lexicon.owner_words("conclusion_title_openers"))


def is_letter(doc_type: str | None) -> bool:
    """A letter (``Công văn``, ``Công điện``; owner_words.json): what it asks of nobody named,
    it asks of its addressees."""
    return (doc_type or "") in lexicon.owner_words("letter_types")


def heading_owners(heading: str, *, labels_items: bool = False, lead_ins: bool = True) -> list[str]:
    """Owners a heading or lead-in names for its children ([] when it names none).

    Tried in order: ``Đối với/Giao/Đề nghị X``; a heading that opens with a body's name
    (``a) Tổ công tác liên ngành tỉnh``, ``3. Sở Y tế:``, ``3. X chỉ đạo ...:``); in a
    heading ending with ``:``, the objects of ``yêu cầu/đề nghị/giao`` and then the subject
    that follows a purpose or context clause (``Để ..., bên cạnh ..., các sở cần ... sau:``).
    """
    text = heading.strip().strip("*").strip()
    pos = _past_opener(text)
    members = _members_in_parentheses(text, pos)
    if members:
        return members
    whole = name_only_heading(text[pos:], labels_items=labels_items)
    if whole:
        return split_owners(whole)
    post = post_heading(text[pos:], labels_items=labels_items)
    if post:
        return [post]
    subj = subject_at(text, pos)
    if subj:
        after = subj.end
        after = skip_commas(text, after, len(text))
        req = request_object(text, after, len(text), at_start_only=True)
        if req:  # "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở, ... thực hiện ...:"
            return leadin_owners(text, 0, len(text)) or split_owners(req.text)
        return split_owners(subj.text)
    if not text.endswith(":") or not lead_ins:
        return []
    return leadin_owners(text, 0, len(text)) or leadin_subject(text, 0, len(text))


_MAX_DUTY_WORDS = 4


@cache
def _duty_possessor_re() -> re.Pattern[str]:
    duties = alternation(list(lexicon.word_list("scope_cues.json", "duty_nouns")))
    return re.compile(rf"(?:{duties})(?!\w)((?:,? [^\W\d]+){{0,{_MAX_DUTY_WORDS}}}?) của ")


def _past_opener(text: str) -> int:
    """Where the body a heading names starts: after ``Đối với/Giao/Đề nghị``, or after a duty
    noun and ``của`` (:func:`_duty_possessor`); 0 otherwise."""
    m = _heading_opener_re().match(text)
    return m.end() if m else _duty_possessor(text)


def _duty_possessor(text: str) -> int:
    """Where the body starts in a heading that names what that body has to do: a duty noun,
    a few words of its own and ``của`` (``Nội dung kiểm tra của Sở Tài chính``, ``Nhiệm vụ,
    quyền hạn của Tổ công tác``); 0 when the heading is not so made. The words between hold
    no second ``của`` and no body (``Nội dung phối hợp của Sở Y tế với ...`` still qualifies)."""
    m = _duty_possessor_re().match(fold(text))
    if m is None or " của " in m.group(1) or owner_start(text, m.start(1)) is not None:
        return 0
    return m.end()


_MAX_KIND_WORDS = 6


def _members_in_parentheses(text: str, pos: int) -> list[str]:
    """The bodies a kind names in parentheses right after it: ``Các cơ quan đăng ký đầu tư (Sở
    Tài chính, Ban quản lý Khu Kinh tế X):`` -> ``Sở Tài chính``, ``Ban quản lý Khu Kinh tế X``.
    The kind is a generic owner (``các cơ quan``, ``các đơn vị``), a few words of its own may
    follow it, and every part in the parentheses names a body; [] otherwise."""
    subj = subject_at(text, pos)
    if subj is None or subj.kind != "generic":
        return []
    opening = text.find("(", subj.end)
    if opening < 0 or re.search(r"[^\w\s]", text[subj.end : opening]):
        return []
    if len(text[subj.end : opening].split()) > _MAX_KIND_WORDS:
        return []
    closing = text.find(")", opening)
    if closing < 0 or text[closing + 1 :].strip(" :*"):
        return []  # the parentheses end the heading (or its lead-in to the items)
    parts = split_owners(" ".join(text[opening + 1 : closing].split()))
    if not parts or any(owner_start(p, 0) is None or head_at(p, 0) is None for p in parts):
        return []
    return parts


_MAX_NAME_HEADING_WORDS = 16


_MAX_POST_WORDS = 20  # a post's duties may list a few fields


@cache
def _post_re() -> re.Pattern[str]:
    titles = [t for t in lexicon.owner_words("person_titles") if t != "Phó"]
    duties = sorted(lexicon.owner_words("post_duties"), key=len, reverse=True)
    plural = sorted(lexicon.owner_words("plural_quantifiers"), key=len, reverse=True)
    return re.compile(r"(?:(?i:{})\s+)?(?:Phó\s+)?(?i:{})\s+(?:{})\s+\S".format(
        "|".join(map(re.escape, plural)), "|".join(map(re.escape, titles)), "|".join(map(re.escape, duties))))


def post_heading(heading: str, *, labels_items: bool = False) -> str | None:
    """The heading itself when it labels the items under it with one post, named by its title
    and its duties (``Phó chủ tịch phụ trách lĩnh vực Công tác xã hội``, ``Các Chuyên viên
    được phân công phụ trách văn phòng``): the post holds the items, its commas included; None
    for a heading that does not label items, ends in punctuation or asks something."""
    text = heading.strip().strip("*").strip()
    if not labels_items or not text or re.search(r"[.;:!?]", text):
        return None
    if len(text.split()) > _MAX_POST_WORDS or not _post_re().match(text):
        return None
    rest = fold(text)
    for key in ("obligation_cues", "must_words", "directing_verbs"):
        if lexicon.cue_regex(key).search(rest):
            return None
    return " ".join(text.split())


def name_only_heading(heading: str, *, labels_items: bool = False) -> str | None:
    """The heading itself when it is only a body's name, its complement holding words that
    elsewhere end a name (``Thường trực Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh``,
    ``Tổ công tác triển khai Đề án 06 tỉnh``): it opens with an owner head, runs to a level or
    place word, a capitalised word or a number, and asks nothing (no obligation, request or
    list lead-in); None otherwise.

    ``labels_items``: the heading has items under it and no final punctuation, so it labels
    them; then a verb-like word inside the name does not end it (``Viện Nghiên cứu phát triển
    Thành phố``), and a name ending in a coordinated list of fields qualifies too (``Trung tâm
    Xúc tiến đầu tư, thương mại và du lịch``)."""
    text = heading.strip().rstrip(":").strip().strip("*").strip()
    if not text or owner_start(text, 0) is None or re.search(r"[.;!?]", text):
        return None
    if len(text.split()) > _MAX_NAME_HEADING_WORDS:
        return None
    subj = subject_at(text, 0)
    if subj is not None and subj.end >= len(text):
        return None  # the ordinary phrase covers it already
    cut = subj.end if subj else 0
    after = cut
    after = skip_commas(text, after, len(text))
    rest = fold(text[cut:])
    # a label's name may hold verb-like words, never an object or a preposition ("tổ chức khám
    # cho Nhân dân", "hướng dẫn các bệnh viện": a body, then its action)
    labels = labels_items and not _object_hint_re().search(rest) and not _ends_like_name(subj.text if subj else "")
    fields = labels and ", " in rest and " và " in rest  # "đầu tư, thương mại và du lịch"
    if (subj is not None and is_predicate_start(text, after) and not _ends_with_head(subj.text)
            and not (labels and (fields or _ends_like_name(text)))):
        return None  # "Sở Nội vụ tổ chức ...": a named body, then its action
    for key in ("obligation_cues", "must_words", "directing_verbs"):
        if lexicon.cue_regex(key).search(rest):
            return None
    if _request_words_re().search(rest) or re.search(r"(?<!\w)sau$", rest):
        return None
    plain = labels and subj is not None and re.fullmatch(r"[\w\s,\-–]+", text[cut:]) is not None
    if not (_ends_like_name(text) or fields or plain):
        # a label that opens with a body's name read as such ("các tổ chức", "Cục Kinh tế -
        # Quản lý") and asks nothing: its lower-case complement is the name's
        # ("các tổ chức cung cấp dịch vụ chi trả", "Cục Kinh tế - Quản lý đầu tư xây dựng")
        return None
    return text


@cache
def _object_hint_re() -> re.Pattern[str]:
    """Prepositions and plural determiners: what a predicate holds and a name does not."""
    return re.compile(rf"(?<!\w)(?:các|những|{patterns()['not_partner'].pattern})")


def _ends_like_name(text: str) -> bool:
    """Whether a phrase ends as a body's name does: a level or place word, a capitalised word or
    a number (``... tỉnh``, ``... Thành phố``, ``... Đề án 06``)."""
    words = text.split()
    if not words:
        return False
    ending = lexicon.cue_regex("name_endings")
    ends_with_place = any(ending.fullmatch(fold(" ".join(words[-n:]))) for n in (1, 2))  # "... Thành phố"
    return ends_with_place or words[-1][:1].isupper() or words[-1][:1].isdigit()


def _ends_with_head(phrase: str) -> bool:
    """Whether a phrase ends on a head noun (``Thường trực Hội đồng``, ``Tổ công tác``): the
    body it names is still to be specified."""
    return any(phrase.endswith(h.text) for h in heads())


def _request_words_re() -> re.Pattern[str]:
    return patterns()["request"]  # owner_patterns.jsonl (the lower-case words match folded text)


def leadin_subject(text: str, start: int, end: int) -> list[str]:
    """The subject of a lead-in's last sentence when it follows a purpose or context clause
    and an obligation or action follows it: ``Để thực hiện mục tiêu trên, bên cạnh nhiệm vụ
    thường xuyên, các sở, ban, ngành và UBND các huyện cần triển khai các nhiệm vụ sau:``.
    A subject that only issues or reports (``UBND tỉnh ban hành Kế hoạch như sau:``) hands
    nothing down.

    >>> text = "Để thực hiện tốt, các sở cần triển khai các nhiệm vụ sau:"
    >>> leadin_subject(text, 0, len(text))
    ['các sở']
    """
    body = text[start:end].rstrip()
    if not body.endswith(":"):
        return []
    stop = start + len(body) - 1
    s = last_sentence(text, start, stop)[0]
    first = skip_intro(text, s, stop)
    starts = [first] + [s + m.end() for m in re.finditer(r"[,;]\s+", text[s:stop])]
    for at in starts:
        subj = subject_at(text, at, stop)
        if not subj:
            continue
        names = split_owners(subj.text)
        after = _skip_definition(text, subj.end, stop)
        also = _joined_last_owner(text, after, stop)
        if also:
            names.append(also[0])
            after = also[1]
        if not is_predicate_start(text, after):
            continue
        if _statement_verb_re().match(fold(text[after : after + 40])) or _issues_the_plan(text, after, stop):
            return []
        return names
    return _label_leadin(text, s, stop)


_MAX_LABEL_LEADIN_WORDS = 16


def _label_leadin(text: str, start: int, stop: int) -> list[str]:
    """A lead-in that only names who does the list after it, as a heading would (``Sở Y tế:``,
    ``Trách nhiệm của Sở Tài chính:``, ``Đối với UBND các xã:``): one short line whose words
    are a label naming owners (:func:`heading_owners` without its lead-in reading)."""
    label = text[start:stop].strip().strip("*").strip()
    if not label or "\n" in label or len(label.split()) > _MAX_LABEL_LEADIN_WORDS:
        return []
    pos = _past_opener(label)
    subj = subject_at(label, pos)
    if not (subj is not None and subj.end >= len(label)) and not name_only_heading(label[pos:], labels_items=True):
        return []  # "Ban Chỉ đạo tỉnh kết luận như sau": the name, then a predicate of its own
    return heading_owners(label, labels_items=True, lead_ins=False)


def _skip_definition(text: str, pos: int, stop: int) -> int:
    """``pos`` moved past spaces, commas and a parenthetical defining the names before it
    (``... tổ chức Hội (sau đây viết tắt là cơ quan, đơn vị) và ...``)."""
    pos = skip_commas(text, pos, stop)
    if pos < stop and text[pos] == "(":
        close = text.find(")", pos, stop)
        if close > 0:
            pos = close + 1
            pos = skip_commas(text, pos, stop)
    return pos


_MAX_JOINED_WORDS = 4


def _joined_last_owner(text: str, pos: int, stop: int) -> tuple[str, int] | None:
    """``(name, end)`` of a last owner joined with ``và`` after a list and its definition
    (``... (sau đây viết tắt là cơ quan, đơn vị) và mọi người dân triển khai ...``): a few
    lower-case words up to the predicate, quantifier dropped; None otherwise."""
    if not text.startswith("và ", pos):
        return None
    at = pos + 3
    subj = subject_at(text, at, stop)
    if subj:
        return clean_owner(subj.text), _skip_definition(text, subj.end, stop)
    cur = at
    for _ in range(_MAX_JOINED_WORDS):
        if is_predicate_start(text, cur):
            break
        m = re.compile(r"[a-zà-ỹđ]+(?!\w) ?").match(text, cur, stop)
        if not m:
            return None
        cur = m.end()
    else:
        return None
    name = clean_owner(text[at:cur])
    return (name, cur) if name and cur > at and is_predicate_start(text, cur) else None


def _issues_the_plan(text: str, pos: int, stop: int) -> bool:
    """Whether a lead-in's predicate presents the document itself (``... triển khai Đợt thi đua
    ... và ban hành Kế hoạch tổ chức thực hiện như sau:``, ``Ban Thường trực ... xây dựng kế
    hoạch kiểm tra, giám sát ... như sau:``): it hands nothing down."""
    return _issuing_re().search(fold(text[pos:stop]).rstrip(" :")) is not None


@cache
def _issuing_re() -> re.Pattern[str]:
    verbs = alternation(list(lexicon.word_list("scope_cues.json", "plan_presenting_verbs")))
    plans = alternation(list(cues()["plan_types"]))
    tails = alternation(list(lexicon.owner_words("issuing_tails")))
    return re.compile(rf"(?<!\w)(?:{verbs}) (?:{plans})(?!\w).*(?<!\w)(?:{tails})$")


@cache
def _noun_marker_re() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){lexicon.cue_regex('request_noun_markers').pattern}[\s,]*$")


@cache
def _heading_opener_re() -> re.Pattern[str]:
    # "Đề nghị: Hiệp hội X, Hội Y": the opener may end with a colon before the names
    return re.compile(rf"(?:{alternation(cues()['heading_owner_openers']['words'])})(?:\s*:)?\s+")


@cache
def _statement_verb_re() -> re.Pattern[str]:
    # "... Ban Chỉ đạo thống nhất kết luận như sau:": a word or two may come before the verb
    return re.compile(rf"(?:[^\W\d]+ ){{0,2}}?(?:{alternation(cues()['leadin_statement_verbs'])})(?!\w)")


def explicit_owners(text: str, start: int, end: int, *, structured: bool) -> list[str]:
    """Owners the text itself names: at its start (or as the object of a request), else as
    the subject of a clause after an intro (:func:`stated_owners`, :func:`clause_owners`)."""
    return stated_owners(text, start, end, structured=structured) or clause_owners(
        text, start, end, structured=structured
    )


def stated_owners(text: str, start: int, end: int, *, structured: bool) -> list[str]:
    """Owners the text names at its start: ``Giao/Đề nghị X ...``, ``X <verb> ...``,
    ``X đề nghị Y ...`` (Y), ``Tăng cường công tác ... của X đối với ...`` (X)."""
    pos = skip_intro(text, start, end)
    req = request_object(text, pos, end, at_start_only=structured)
    if req:
        return split_owners(req.text)
    person = person_title(text, pos, end)
    if person:  # "Đồng chí Ủy viên Ban Thường vụ, Chủ tịch Ủy ban MTTQ xã lãnh đạo ...": one person
        return [person]
    subj = subject_at(text, pos, end)
    if subj:
        # "X đề nghị/yêu cầu Y ..." names Y as the owner (also "X trân trọng đề nghị Y ...")
        after = skip_commas(text, subj.end, end)
        courtesy = lexicon.cue_regex_of("owner_words.json", "request_courtesy").match(fold(text[after : after + 20]))
        req = request_object(text, after, end, at_start_only=True) or (
            request_object(text, after + courtesy.end() + 1, end, at_start_only=True) if courtesy else None)
        if req:
            return split_owners(req.text)
        if lexicon.cue_regex("assent_verbs").match(fold(text[after : after + 30])):
            # "Các Bộ thống nhất ...; giao Bộ X chủ trì ...": the subject only agrees, the body a
            # later clause gives the work to owns it
            for m in re.finditer(r"[,;]\s+", text[after:end]):
                req = request_object(text, after + m.end(), end, at_start_only=True)
                if req:
                    return split_owners(req.text)
        return split_owners(subj.text)
    if _clause_intro_re().match(text, start, end):
        return []  # an intro clause comes first: see clause_owners
    agents = _agent_owners(text, pos, end, structured=structured)
    if agents:
        return agents
    # "Về X: hoàn thiện hồ sơ dự án: giao Bộ Y chủ trì ...": what comes before a colon is the
    # matter, the request right after it names the owner
    for m in re.finditer(r":\s*", text[pos:end]):
        req = request_object(text, pos + m.end(), end, at_start_only=True)
        if req:
            return split_owners(req.text)
        if not fold(text[pos : pos + m.start()]).rstrip().endswith(_enumeration_leads()):
            found = _labelled_subject(text, pos + m.end(), end)
            if found:
                return found
    return []


@cache
def _enumeration_leads() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.owner_words("enumeration_leads"))


def _labelled_subject(text: str, pos: int, end: int) -> list[str]:
    """After a label's colon (``Báo cáo tháng: Sở Tài chính tổng hợp ...``, ``Hoàn thiện thể
    chế: Các bộ khẩn trương trình ...``), a body that acts: a subject followed by a predicate
    names the owner; a bare list of bodies (``thành phần: Sở A, Sở B``) names none."""
    subj = subject_at(text, pos, end)
    if subj is None:
        return []
    after = skip_commas(text, subj.end, end)
    if text[after : after + 3].lower() == "là " or not is_predicate_start(text, after):
        return []  # "Trưởng Ban là Chủ tịch UBND tỉnh": a copula states a member, not a task
    return split_owners(subj.text)


def _request_in_piece(text: str, start: int, stop: int, end: int):
    """The object of a request inside one comma piece (``vướng mắc đề nghị các Sở, ban, ngành
    ...``), the request word being no noun (``đáp ứng yêu cầu``)."""
    for m in patterns()["request"].finditer(text, start, stop):
        if _noun_marker_re().search(fold(text[max(start, m.start() - 12) : m.start()])):
            continue
        subj = subject_at(text, m.end(), end)
        if subj:
            return subj
    return None


def _agent_owners(text: str, pos: int, end: int, *, structured: bool) -> list[str]:
    """``Tăng cường công tác kiểm tra, giám sát của X, Y đối với ...``: X, Y act."""
    first = re.split(r"[:;.]", text[pos:end], maxsplit=1)[0]
    agent = re.search(r"(?:công tác|sự)\s[^:;.]{0,80}?\scủa(?:\s+của)?\s+", first)
    if agent and structured:
        subj = subject_at(text, pos + agent.end(), end)
        if subj and text[subj.end : subj.end + 10].strip().startswith("đối với"):
            return split_owners(subj.text)
    return []


def clause_owners(text: str, start: int, end: int, *, structured: bool) -> list[str]:
    """Owners a clause after an intro names as its subject: ``Trên cơ sở ..., X có trách
    nhiệm ...``, ``Trong quá trình ..., nếu ..., đề nghị X ...``, ``..., mỗi X phải ...``."""
    pos = skip_intro(text, start, end)
    if subject_at(text, pos, end):
        return []
    if _clause_intro_re().match(text, start, end):
        for m in re.finditer(r",\s+", text[start:end]):
            at = start + m.end()
            piece_end = text.find(",", at, end)
            req = request_object(text, at, end, at_start_only=True) or _request_in_piece(
                text, at, piece_end if piece_end >= 0 else end, end)
            if req:
                return split_owners(req.text)
            subj = clause_subject_at(text, at, end)
            if subj:
                after = skip_commas(text, subj.end, end)
                if is_predicate_start(text, after):
                    return split_owners(subj.text)
            elif lexicon.cue_regex("directing_verbs").match(text, at):
                break  # "Căn cứ ..., chỉ đạo các cơ sở A, các cơ sở B quản lý ...": the bodies
                # directed are the object of the main clause, not its subject
        agent = _agent_owners(text, pos, end, structured=structured)
        if agent:
            return agent
    elif _short_lead(text, pos, end):
        # "Trong quý II/2025, Sở Y tế chủ trì ...", "Định kỳ hằng quý, 6 tháng, Sở Tư pháp ...":
        # a short leading phrase that is no action of its own, then the subject and its predicate
        for m in list(re.finditer(r",\s+", text[pos:end]))[:3]:
            at = pos + m.end()
            if lexicon.cue_regex("directing_verbs").match(text, at):
                break  # "Định hướng, chỉ đạo Báo X, các cơ quan báo chí đẩy mạnh ...": the bodies
                # a directing verb governs are its objects, not the subject
            subj = subject_at(text, at, end)
            if subj:
                after = skip_commas(text, subj.end, end)
                if is_predicate_start(text, after):
                    return split_owners(subj.text)
                break
    # "..., mỗi đảng viên, công chức trong toàn Hệ thống THADS phải ..."
    for m in re.finditer(r"(?:^|[,;]\s+)", text[pos:end]):
        at = pos + m.end()
        subj = subject_at(text, at, end, allow_person=True)
        if subj:
            after = text[subj.end : subj.end + 12].strip()
            if lexicon.cue_regex("must_words").match(after):
                return split_owners(subj.text)
    return []


_MAX_LEAD_WORDS = 12
_MAX_LABEL_WORDS = 15
_OPENING_END = re.compile(r"\s+thì\s+|:[\s*]+")


def subject_after_opening(text: str, start: int, end: int) -> list[str]:
    """The subject right after what opens the sentence without being its subject: a topic or
    condition closed by ``thì`` (``Đối với vụ việc ở khu dân cư thì X có trách nhiệm ...``,
    ``Dữ liệu thuộc cơ quan cấp nào thì cơ quan cấp đó chịu trách nhiệm ...``), or a short label
    closed by a colon (``Từ ngày 05/02/2026: X trao đổi ...``, ``Mở tài khoản: X phối hợp ...``).
    Only the first such end in the sentence counts, and the subject must have its predicate.
    (The resolver's ``opening_subject`` rule; the segmenter does not split on it.)"""
    pos = skip_intro(text, start, end)
    if subject_at(text, pos, end):
        return []
    first = sentences(text, pos, end)[:1]
    m = _OPENING_END.search(text, pos, first[0][1] if first else end)
    if m is None or (m.group().startswith(":") and len(text[pos : m.start()].split()) > _MAX_LABEL_WORDS):
        return []
    subj = clause_subject_at(text, m.end(), end)
    if subj is None:
        return []
    after = skip_commas(text, subj.end, end)
    # "... xã trao đổi với ...": a verb no action list holds, as pyvi tags it
    return split_owners(subj.text) if is_predicate_start(text, after) or verb_at(text, after, end) else []


def _short_lead(text: str, pos: int, end: int) -> bool:
    """Whether the text opens with a short phrase before a comma that is no action of its own
    (a time, a place, a condition: ``Trong quý II/2025,``, ``Trên địa bàn tỉnh,``)."""
    comma = text.find(",", pos, end)
    if comma < 0:
        return False
    schedule = find_recurrence_span(text, pos, comma)
    if (schedule is None or schedule.start != pos) and (is_action_start(text, pos) or is_predicate_start(text, pos)):
        return False  # an action opens the text ("Tăng cường kiểm tra, ..."), unless it is a schedule
    lead = text[pos:comma]
    return len(lead.split()) <= _MAX_LEAD_WORDS and not re.search(r"[.;:]", lead)


@cache
def _clause_intro_re() -> re.Pattern[str]:
    words = sorted(cues()["clause_intros"], key=len, reverse=True)
    not_intros = sorted(cues()["clause_intro_exceptions"], key=len, reverse=True)
    alt = "|".join
    return re.compile(
        rf"(?!(?:{alt(map(re.escape, not_intros))})(?!\w))(?:{alt(map(re.escape, words))})(?!\w)",
        re.IGNORECASE,
    )


def leadin_owners(text: str, start: int, end: int) -> list[str]:
    """Owners a lead-in paragraph hands to the list that follows it: every object of
    ``yêu cầu`` / ``đề nghị`` / ``giao`` in a paragraph ending with ``:``.

    >>> leadin_owners("Để thực hiện tốt, UBND tỉnh yêu cầu các sở, ngành và đề nghị các hội:", 0, 70)
    ['các sở, ngành', 'các hội']
    """
    body = text[start:end].rstrip()
    if not body.endswith(":"):
        return []
    stop = start + len(body) - 1
    start = last_sentence(text, start, stop)[0]  # the sentence that leads into the list
    out: list[str] = []
    for m in patterns()["request"].finditer(text, start, stop):
        pos = m.end()
        if text[max(start, m.start() - 7) : m.start()].rstrip().endswith("được"):
            continue  # "các nhiệm vụ được giao tại ...": passive, no addressee
        if _noun_marker_re().search(fold(text[max(start, m.start() - 12) : m.start()])):
            continue  # "đáp ứng yêu cầu phát triển đất nước": a noun, no addressee
        if is_predicate_start(text, pos):
            continue
        if _glued_request(text, m, stop):
            continue  # "giao thông", "đề nghị định": the request word is half of another word
        found = [p for p in (subject_at(text, pos, stop), owners_in_list(text, pos, stop)) if p]
        if not found:
            continue
        names = max(found, key=lambda p: p.end).text
        names = re.split(r"\s*\(|\s+(?:và\s+)?(?:yêu cầu|đề nghị|giao)\s", names)[0]
        names = re.sub(r"\s+(?:và|cùng)$", "", names)
        for name in split_owners(names):
            if head_at(name, 0) is None and not name[:1].isupper():
                # a plain list of addressees ("cộng đồng doanh nghiệp, nhân dân cả nước")
                parts: list[str] = []
                for part in (p.strip() for p in name.split(",")):
                    if parts and patterns()["continuation"].match(part):
                        parts[-1] += ", " + part
                    elif part:
                        parts.append(part)
                out += parts
            else:
                out.append(name)
    return list(dict.fromkeys(out))


_SECTION_REFS = re.compile(
    r"(?<!\w)tại\s+((?:(?:các\s+)?(?:điểm|mục)\s+[\w.]+(?:\s*(?:,|và)\s*[\w.]+)*\s*[,;]?\s*(?:và\s+)?)+)"
    r"(?:của\s+)?phần\s+([ivxlc]+)(?!\w)")
_SECTION_REF = re.compile(r"(?:điểm\s+((?:[a-zđ](?:\s*(?:,|và)\s*)?)+)\s*)?mục\s+((?:\d+(?:\s*(?:,|và)\s*(?=\d))?)+)")


def cross_referenced_sections(text: str, start: int, end: int) -> list[str]:
    """Section paths whose tasks a sentence hands to its subject by number: ``Chủ trì, phối hợp
    ... thực hiện các nhiệm vụ quy định tại các mục 1, 2; điểm a, b mục 7 Phần III Điều 1`` ->
    ``III.1``, ``III.2``, ``III.7.a``, ``III.7.b``. Only a sentence that leads the work
    (owner_words cross_reference_leads) hands anything; [] otherwise."""
    out: list[str] = []
    for s, e in sentences(text, start, end):
        for clause in re.split(r"(?<=;)\s+(?=[A-ZĐa-zđ])(?!điểm|mục)", text[s:e]):
            low = fold(clause)
            lead = lexicon.cue_regex_of("owner_words.json", "cross_reference_leads").search(low)
            if not lead:
                continue
            for m in _SECTION_REFS.finditer(low, lead.end()):
                part = m.group(2).upper()
                for ref in _SECTION_REF.finditer(m.group(1)):
                    items = re.findall(r"\d+", ref.group(2))
                    points = re.findall(r"[a-zđ]", ref.group(1) or "")
                    for n in items:
                        paths = [f"{part}.{n}.{p}" for p in points] if points else [f"{part}.{n}"]
                        out += [p for p in paths if p not in out]
    return out


def _glued_request(text: str, m: re.Match[str], stop: int) -> bool:
    """Whether pyvi reads the request word's last syllable and the lower-case syllable after it
    as one word (``giao`` + ``thông``): then no request is made there."""
    space = m.start() + len(m.group().rstrip())
    if space >= stop or not text[space].isspace() or space + 1 >= len(text) or not text[space + 1].islower():
        return False
    return glued_to_next(text, m.start(), space, stop)


def co_owners(text: str, start: int, end: int) -> list[str]:
    """Those named after ``phối hợp với`` / ``với sự tham gia của`` in the range."""
    out: list[str] = []
    for m in patterns()["co_owner"].finditer(text, start, end):
        phrase = subject_at(text, m.end(), end) or owners_in_list(text, m.end(), end)
        if phrase:
            for name in split_owners(phrase.text):
                if name not in out:
                    out.append(name)
    return out


def issuer_from_news(text: str) -> str | None:
    """``X đã ban hành Kế hoạch ...`` in the first lines of a news report."""
    head = text[:1500]
    m = re.search(r"(?:,\s*|^)([^,.;]{3,120}?)\s+(?:đã\s+)?ban hành\s+(?:Kế hoạch|Chương trình)", head, re.M)
    if not m:
        return None
    phrase = m.group(1)
    for i in range(len(phrase)):
        if i == 0 or phrase[i - 1] == " ":
            subj = subject_at(phrase, i)
            if subj:
                return subj.text
    return None


def issuer_org(issuer: str | None) -> str | None:
    """The organisation a Party body belongs to: ``Ban cán sự đảng Bộ Tư pháp`` -> ``Bộ Tư pháp``."""
    if not issuer:
        return None
    for party in lexicon.cue_words("party_body_prefixes"):
        if issuer.startswith(party + " "):
            return issuer[len(party) + 1 :]
    return issuer if head_at(issuer, 0) else None


def is_party_body(name: str | None) -> bool:
    return bool(name) and any(fold(name).startswith(p) for p in cues()["party_issuers"])


def programme_year(title: str | None, doc_year: int | None = None) -> int | None:
    """The year of a yearly programme/plan title (``Kế hoạch ... năm 2022``, also with words
    after it: ``... năm 2025 trên địa bàn tỉnh``), None for periods. The year of a law or of a
    cited document in the title (``Luật X năm 2013``, ``Chỉ thị số 05-CT/TU năm 2016``) and a
    year before the document's own are not the programme's."""
    if not title:
        return None
    low = fold(title)
    if "giai đoạn" in low or re.search(r"\d{4}\s*-\s*\d{4}", low):
        return None
    if not re.search(r"(?:chương trình|kế hoạch)", low):
        return None
    cited = [m.span() for name in ("law_year", "cited_year")
             for m in lexicon.pattern("deadline_patterns.json", name, "exclusions").finditer(title)]
    # "đến năm 2030" is the horizon of a multi-year plan, not the year of a yearly one
    # ... and "ngày 02 tháng 01 năm 2025" is the date of a cited document, never a programme's year
    years = [int(m.group(2)) for m in re.finditer(r"(?<!\w)((?:đến|tới)\s+)?năm\s+(\d{4})(?!\d)", title, re.I)
             if not m.group(1) and not any(a <= m.start() < b for a, b in cited)
             and not re.search(r"tháng\s+\d{1,2}\s+$", title[: m.start()], re.I)]
    years = [y for y in years if doc_year is None or y >= doc_year]
    return years[-1] if years else None


def _assigns_body_by_body(text: str, impl: Section, sections: list[Section]) -> bool:
    """Whether an implementation section hands out work body by body: two or more of its
    direct sub-sections are headed by the bodies they concern (``1. Sở Khoa học và Công
    nghệ``, ``2. Sở Tài chính``, ...)."""
    named = 0
    for sec in sections:
        if sec.parent == impl.index:
            line = text[sec.text_start : sec.text_end].split("\n")[0]
            if name_only_heading(line) or (subject_at(line.strip("* "), 0) and _is_heading_line(line)):
                named += 1
    return named >= 2


def _is_heading_line(line: str) -> bool:
    """A heading that only names (no sentence: ``Sở Tài chính:``, ``**Công an tỉnh**``)."""
    body = line.strip().strip("*").strip()
    subj = subject_at(body, 0)
    return subj is not None and not body[subj.end :].strip(" :*")


@cache
def _handover_re() -> re.Pattern[str]:
    verbs = sorted(cues()["implementation_cues"], key=len, reverse=True)
    objects = sorted(cues()["implementation_objects"], key=len, reverse=True)
    alt = "|".join
    return re.compile(
        rf"(?:(?:chịu|có) trách nhiệm\s+)?(?:chủ trì\s+|chủ động\s+)?(?:{alt(re.escape(v) for v in verbs)})\s+(?:nội dung\s+)?(?:các\s+)?(?:{alt(re.escape(o) for o in objects)})\b"
    )


def _hands_over(predicate: str) -> bool:
    """Whether a predicate hands the whole plan to its subject: ``(chịu trách nhiệm) tổ chức
    thực hiện Kế hoạch này`` (not ``tham mưu ... theo dõi việc thực hiện Kế hoạch``)."""
    return bool(_handover_re().match(predicate.lstrip(" ,")))


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences line by line: a heading without a final period (``II. TỔ CHỨC THỰC HIỆN``) is
    no part of the paragraph under it."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        out += sentences(text, pos, stop)
        pos = stop + 1
    return out


def programme_context(doc: ParsedDocument, ctx: DocContext, sections: list[Section]) -> None:
    """Programme zone, year and the bodies the whole programme is handed to."""
    text = doc.text
    zone = None
    title = None
    if (doc.metadata.doc_type or "") in ("Chương trình", "Kế hoạch"):
        # The document is the plan itself (its appendix tables are part of it); its title
        # is written without the type word ("Phòng cháy rừng năm 2024" of a Kế hoạch).
        zone = (0, len(text))
        title = f"{doc.metadata.doc_type} {doc.metadata.title}" if doc.metadata.title else None
    else:
        for z in doc.zones:
            if z.kind == ZoneKind.APPENDIX:
                zone = (z.start, z.end)
                head = text[zone[0] : zone[0] + 400]
                title = re.split(r"\(", " ".join(head.split("\n")[:3]))[0]
                break
    if not zone:
        return
    ctx.programme_zone = zone
    doc_year = int(doc.metadata.issued_date[:4]) if doc.metadata.issued_date else None
    ctx.programme_year = programme_year(title, doc_year) or programme_year(doc.metadata.title if zone else None,
                                                                            doc_year)
    impl = [s for s in sections if zone[0] <= s.start < zone[1] and fold(s.heading).startswith("tổ chức thực hiện")]
    if not impl:
        return
    in_zone = [s for s in sections if zone[0] <= s.start < zone[1]]
    if any(_assigns_body_by_body(text, sec, sections) for sec in in_zone):
        # a section per body ("IV. TỔ CHỨC THỰC HIỆN", or "III.2. Phân công trách nhiệm" under the
        # tasks): items elsewhere that name no owner have none (GUIDELINES)
        return
    owners: list[str] = []
    for sec in impl:
        for s, e in _line_sentences(text, sec.start, sec.end):
            low = fold(text[s:e])
            if not re.search(r"(?:thực hiện|triển khai|xây dựng) [^.;]*(?:chương trình|kế hoạch)", low):
                continue
            # skip list markers at the start of the sentence, then its intro
            marker = re.match(r"(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[-+])\s*", text[s:e])
            pos = skip_intro(text, s + (marker.end() if marker else 0), e)
            # the subject opens the sentence or follows an intro clause ("Trên cơ sở ..., X ...")
            starts = [pos] + [pos + m.end() for m in re.finditer(r",\s+", text[pos:e])]
            subj = None
            for at in starts:
                cand = subject_at(text, at, e)
                if cand and _hands_over(fold(text[cand.end : e])):
                    subj = cand
                    break
            if subj is None:
                continue
            for name in split_owners(subj.text):
                body = holder_body(name)
                if all(owner_key(body, ctx.abbreviations) != owner_key(o, ctx.abbreviations) for o in owners):
                    owners.append(body)
    ctx.programme_owners = owners


_MAX_SIBLING_NAME_WORDS = 12


def sibling_label_name(heading: str) -> str | None:
    """A heading that reads as a body's proper name without a head the data knows (``Quỹ Đầu tư
    phát triển``, ``Cảng vụ Hàng hải tỉnh``): a short noun phrase that opens with a capital and
    no predicate, holds a capitalised name part after its first word, cites no document and asks
    nothing; None otherwise. Only a heading whose siblings name bodies is read this way
    (:func:`nlp.resolver.section_scopes`): among ``1. Sở Tài chính``, ``2. Sở Y tế``, the label
    ``3. Quỹ Đầu tư phát triển`` is one more body, never ``3. Kinh phí thực hiện``."""
    text = heading.strip().strip("*").strip().rstrip(":").strip().strip("*").strip()
    words = text.split()
    if not 2 <= len(words) <= _MAX_SIBLING_NAME_WORDS or not text[:1].isupper():
        return None
    if re.search(r"[.;!?()\"“”:]", text) or _cites_document(text, 0):
        return None
    if is_predicate_start(text[0].lower() + text[1:], 0):
        return None
    if not any(w[:1].isupper() for w in words[1:]):
        return None  # "Kinh phí thực hiện", "Chế độ báo cáo": a topic, not a name
    rest = fold(text)
    for key in ("obligation_cues", "must_words", "directing_verbs"):
        if lexicon.cue_regex(key).search(rest):
            return None
    if _request_words_re().search(rest):
        return None
    return text
