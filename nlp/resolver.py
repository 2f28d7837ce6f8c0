"""The resolver: who owns a task and by when, from what the item says and the scopes above it.

An item sees an *owner scope* and a *time scope* inherited down the section tree (headings,
lead-in paragraphs, the programme, the issuer) and overridden by what it says itself. Both are
ordered lists of named rules; the first rule that decides wins, and a test can run each rule
on its own (``rule(item, ctx)``).

Owner rules, in order:

1. ``partner_heading``: under ``X phối hợp với:`` the item's own subject co-operates and X owns;
2. ``presented_request``: a closing paragraph presenting the text itself (``Trên đây là Kế
   hoạch ... . Trong quá trình thực hiện, nếu ..., các cơ quan ... phản ánh ...``) is owned by
   the first clause after the presentation that names a body (over what the segmenter took for
   the paragraph's subject: ``UBND tỉnh đề nghị các cơ quan ...`` asks the bodies it names);
3. ``explicit_subject``: ``Giao/Đề nghị X ...``, ``X <verb> ...`` (or what the segmenter found);
   a supervising request under a body's heading (``1. Sở X`` > ``- Yêu cầu các cơ quan báo chí
   ...``) is left to the ``heading`` rule: the heading's body makes others act;
4. ``clause_subject``: ``Trên cơ sở ..., X có trách nhiệm ...``, ``..., mỗi X phải ...``;
5. ``opening_subject``: the subject after what opens the sentence without being its subject, a
   topic or condition closed by ``thì`` (``Đối với các dự án chậm thì Sở Xây dựng ...``) or a
   short label closed by a colon (``Từ ngày 05/02/2026: X trao đổi ...``);
6. ``closing_parenthetical``: the item closes on who does it (``... (Sở Nội vụ chủ trì, phối
   hợp với các sở)``, ``(Giao UBND các xã thực hiện)``);
7. ``previous_sentence``: a sentence of a paragraph that names nobody carries the owners of the
   task sentence before it (``Tỉnh xem xét ... . Tập trung ưu tiên đầu tư ...``);
8. ``field_line``: ``- Cơ quan chủ trì: X`` under the item;
9. ``heading``: the nearest ancestor heading, or attribute line of an ancestor (``- Đơn vị chủ
   trì: X`` among the bullets of a section), that names owners (``a) Tổ công tác liên ngành
   tỉnh``, ``3.2. Đối với X``, ``Để ..., các sở cần ... sau:``);
10. ``lead_in``: a paragraph ending with ``:`` that hands the list after it to X (``... yêu cầu
   X ...:``, ``Để ..., X cần triển khai các nhiệm vụ sau:``), over the section it sits in; a
   lead-in inside the section whose heading names other owners is the nearer scope and wins
   over that heading;
11. ``programme``: the bodies the document hands the whole programme to;
12. ``addressee``: the province a conclusion notice is addressed to (``Kết luận ... tại buổi làm
   việc với lãnh đạo tỉnh X``), or the addressees of a letter (``Kính gửi:``, ``... điện:``):
   what it asks and gives to nobody else is theirs;
13. ``issuer``: the issuer of a Party plan;

otherwise no owner. Time rules: ``field_line`` (a deadline line under the item decides, also
when it holds no date), ``own_phrase`` (the item's own deadline phrase, the one a deadline cue
governs first), ``heading`` and ``lead_in`` (a governed deadline in a heading or lead-in
paragraph above), ``programme_year`` (an item of a yearly plan is due at the year's end).

Example::

    >>> item = Item(text="Sở Tư pháp rà soát văn bản.", start=0, end=27)
    >>> resolve_owners(item, DocContext()).owners, resolve_owners(item, DocContext()).rule
    (['Sở Tư pháp'], 'explicit_subject')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from ingest.model import Section
from nlp import lexicon
from nlp.deadlines import find_deadline, has_governing_cue, leads_into_items, period_heading
from nlp.fields import Field, field_at, field_owners
from nlp.model import Deadline
from nlp.owners import is_predicate_start, skip_commas, split_owners, subject_at
from nlp.patterns import alternation
from nlp.resolve import (
    DocContext,
    _co_owner_at_end,
    clause_owners,
    cross_referenced_sections,
    heading_owners,
    sibling_label_name,
    stated_owners,
    subject_after_opening,
)
from nlp.tasks import after_request, last_sentence, presents_text, request_object, sentences

CROSS_REFERENCE = "cross-reference"  # the source of a scope handed over by section number


@dataclass(frozen=True)
class Scope:
    """Owners a heading or lead-in hands to the items under it."""

    owners: tuple[str, ...]
    source: str | None = None  # section path, or "lead-in"
    co_children: bool = False  # ``X phối hợp với:``: the items' own subjects co-operate
    deadline: Deadline | None = None  # a deadline a lead-in hands down with its list
    at: int | None = None  # where a lead-in paragraph stands (nearest scope wins)


@dataclass
class Item:
    """What the resolver sees of one task: its range in the text and the scopes above it."""

    text: str
    start: int
    end: int
    structured: bool = True
    stated: list[str] | None = None  # owners the segmenter already found in the item (None: find them)
    headings: list[Section] = field(default_factory=list)  # ancestors, root first
    lead_in: Scope | None = None
    fields: list[tuple[Field, int]] = field(default_factory=list)  # attribute lines and their ends
    carried: list[str] = field(default_factory=list)  # owners of the task sentence before (paragraphs)
    in_programme: bool = False
    doc_year: int | None = None
    doc_date: str | None = None

    scopes: dict[int, Scope | None] | None = None  # section_scopes() of the document, when known
    time_scopes: dict[int, Deadline | None] | None = None  # time_scopes() of the document
    section: Section | None = None  # the item's own section (a leaf a cross-reference may name)

    def heading_scope(self) -> Scope | None:
        """The nearest ancestor heading that names owners (or a cross-reference that hands the
        item's own section to a body by its number)."""
        if not self.headings:
            return None
        if self.scopes is not None and self.section is not None:
            own = self.scopes.get(self.section.index)
            if own is not None and (own.source or "").startswith(CROSS_REFERENCE):
                return own
        if self.scopes is not None and self.headings[-1].index in self.scopes:
            return self.scopes[self.headings[-1].index]
        for sec in reversed(self.headings):
            found = heading_scope(self.text, sec)
            if found:
                return found
        return None


def heading_scope(text: str, sec: Section, *, has_items: bool = False) -> Scope | None:
    """The owners a section's own heading names for the items under it, or None. A heading
    with items under it and no final punctuation labels them (``has_items``)."""
    line = text[sec.text_start : sec.text_end].split("\n")[0]
    labels = has_items and not line.rstrip(" *").endswith((".", ";", "!", "?"))
    owners = heading_owners(line, labels_items=labels)
    if not owners:
        return None
    return Scope(tuple(owners), sec.path, bool(_co_owner_at_end().search(line.strip().strip("*").strip())))


def section_scopes(text: str, sections: Sequence[Section]) -> dict[int, Scope | None]:
    """The owner scope every section hands down: its own heading's, else its parent's (one
    walk down the section tree per document; parents come before their children)."""
    out: dict[int, Scope | None] = {}
    own: dict[int, Scope | None] = {}
    parents = {s.parent for s in sections if s.parent is not None}
    lines = field_line_scopes(text, sections)
    for sec in sections:
        inherited = out.get(sec.parent) if sec.parent is not None else None
        own[sec.index] = lines.get(sec.index) or heading_scope(text, sec, has_items=sec.index in parents)
        out[sec.index] = own[sec.index] or inherited
    if _sibling_labels(text, sections, own, parents):
        for sec in sections:  # the walk again: a new label's items inherit it
            inherited = out.get(sec.parent) if sec.parent is not None else None
            out[sec.index] = own[sec.index] or inherited
    referred = cross_reference_scopes(text, sections, out)
    if not referred:
        return out
    # a second walk: a section handed over by number owns what its own headings leave open
    for sec in sections:
        inherited = out.get(sec.parent) if sec.parent is not None else None
        out[sec.index] = own[sec.index] or (referred.get(sec.path) if sec.path else None) or inherited
    return out


def field_line_scopes(text: str, sections: Sequence[Section]) -> dict[int, Scope]:
    """Owners a section's own attribute line names for every item under it: ``6.1. Tham gia
    thực hiện các nhiệm vụ:`` over ``- Tham gia ...``, ``- Phối hợp ...`` and then ``- Đơn vị
    chủ trì: X`` among the same bullets. The line describes its section, so the bullets beside
    it are X's (an item's own subject or its own lines still come first, OWNER_RULES)."""
    out: dict[int, Scope] = {}
    for sec in sections:
        if sec.parent is None or sec.parent in out:
            continue
        found = field_at(text, sec.text_start, sec.text_end)
        if found is None or found.role != "owner":
            continue
        names = field_owners(text, found)
        if names:
            out[sec.parent] = Scope(tuple(names), f"{sec.path} field line")
    return out


_MIN_NAMED_SIBLINGS = 2


def _sibling_labels(text: str, sections: Sequence[Section], own: dict[int, Scope | None],
                    parents: set[int]) -> bool:
    """Sibling scope: among headings of one kind under one parent, at least two of them naming
    bodies and those being at least half of them (``1. Sở Tài chính``, ``2. Sở Y tế``), a sibling
    that names nobody but reads as a body's proper name (:func:`sibling_label_name`, ``3. Quỹ
    Đầu tư phát triển``) names the body of its items too. Fills ``own``; True when it did."""
    groups: dict[tuple[int | None, str], list[Section]] = {}
    for sec in sections:
        if sec.index in parents or _label_over_body(text, sec):
            groups.setdefault((sec.parent, sec.kind), []).append(sec)
    changed = False
    for group in groups.values():
        named = sum(own.get(s.index) is not None for s in group)
        if named < _MIN_NAMED_SIBLINGS or 2 * named < len(group):
            continue
        for sec in group:
            if own.get(sec.index) is not None:
                continue
            name = sibling_label_name(text[sec.text_start : sec.text_end].split("\n")[0])
            if name:
                own[sec.index] = Scope((name,), sec.path)
                changed = True
    return changed


def _label_over_body(text: str, sec: Section) -> bool:
    """A section without sub-sections whose first line is only a label over the paragraph
    under it (``4. Cảng vụ Hàng hải`` + a line break + ``Chủ trì, phối hợp ...``)."""
    body = text[sec.text_start : sec.text_end]
    first, _, rest = body.partition("\n")
    return bool(rest.strip()) and not first.rstrip(" *").endswith((".", ";", ",", "!", "?"))


def cross_reference_scopes(text: str, sections: Sequence[Section],
                           scopes: dict[int, Scope | None]) -> dict[str, Scope]:
    """Sections another part of the document hands to a body by their numbers (``1. Bộ Xây
    dựng`` / ``d) Chủ trì ... thực hiện các nhiệm vụ quy định tại các mục 1, 2; điểm a mục 7
    Phần III``): section path -> the owners of the section that says so. Sub-sections inherit
    it (:func:`section_scopes`), so the more specific reference wins there (``điểm c mục 3``
    over ``mục 3``)."""
    found: dict[str, tuple[int, Scope]] = {}
    for sec in sections:
        scope = scopes.get(sec.index)
        if scope is None or not scope.owners:
            continue
        for path in cross_referenced_sections(text, sec.text_start, sec.text_end):
            depth = path.count(".")
            if path not in found or found[path][0] < depth:
                found[path] = (depth, Scope(scope.owners, f"{CROSS_REFERENCE} {sec.path}"))
    return {path: scope for path, (_depth, scope) in found.items()}


def time_scopes(text: str, sections: Sequence[Section], *, doc_year: int | None,
                doc_date: str | None) -> dict[int, Deadline | None]:
    """The deadline every section hands down: one a deadline cue governs in the sentence of
    its heading that leads into the items (``2. Trước ngày 30/6/2025, hoàn thành các việc
    sau:``), else its parent's. A deadline in an earlier sentence of a long heading dates that
    heading's own task, not its items."""
    out: dict[int, Deadline | None] = {}
    for sec in sections:
        inherited = out.get(sec.parent) if sec.parent is not None else None
        line_end = text.find("\n", sec.text_start, sec.text_end)
        line_end = sec.text_end if line_end < 0 else line_end
        own = None
        if has_governing_cue(text, sec.text_start, line_end) and leads_into_items(text, sec.text_start, line_end):
            # "Để ..., phấn đấu hoàn thành trước ngày X, yêu cầu Bộ Y tế ...:": a date before the
            # request belongs to the goal the heading states, not to the work it hands down
            last = after_request(text, last_sentence(text, sec.text_start, line_end)[0], line_end)
            own = find_deadline(text, last, line_end, doc_year=doc_year, doc_date=doc_date,
                                governed_only=True)
        if own is None:  # "1. Giai đoạn 2025 - 2030": a stage of a roadmap, its items due by its end
            own = period_heading(text, sec.text_start, sec.text_end, doc_year=doc_year, doc_date=doc_date)
        out[sec.index] = own.model_copy(update={"inherited": True}) if own else inherited
    return out


@dataclass(frozen=True)
class Decision:
    owners: list[str]
    rule: str
    source: str | None = None  # where inherited owners come from (section path, "lead-in", ...)
    co_owners: list[str] = field(default_factory=list)  # co-owners the rule adds


@dataclass(frozen=True)
class TimeDecision:
    deadline: Deadline | None
    rule: str


OwnerRule = Callable[[Item, DocContext], Decision | None]
TimeRule = Callable[[Item, DocContext], TimeDecision | None]


def _own(item: Item) -> list[str]:
    if item.stated is not None:
        return item.stated
    return stated_owners(item.text, item.start, item.end, structured=item.structured)


def partner_heading(item: Item, ctx: DocContext) -> Decision | None:
    if not item.structured:
        return None
    scope = item.heading_scope()
    if scope is None or not scope.co_children:
        return None
    own = _own(item) or clause_owners(item.text, item.start, item.end, structured=item.structured)
    return Decision(list(scope.owners), "partner_heading", scope.source, co_owners=own) if own else None


def explicit_subject(item: Item, ctx: DocContext) -> Decision | None:
    own = _own(item)
    if own and _supervised_request(item, own):
        return None  # the heading's body asks: the heading rule decides
    return Decision(own, "explicit_subject") if own else None


@cache
def _supervising_re() -> re.Pattern[str]:
    words = alternation(list(lexicon.word_list("scope_cues.json", "supervising_requests")))
    return re.compile(rf"(?:{words})\s", re.IGNORECASE)


def _supervised_request(item: Item, own: list[str]) -> bool:
    """Whether the item opens with a supervising request (``Yêu cầu X ...``, scope_cues.json
    supervising_requests) under a heading that hands it to another body (``4. Sở Khoa học và
    Công nghệ`` > ``- Yêu cầu các cơ quan báo chí xây dựng kế hoạch ...``): the heading's body
    makes X act, X is its object. Not when X is the heading's own body or part of it
    (``Đối với các sở`` > ``Yêu cầu Giám đốc các sở ...``)."""
    if not item.structured:
        return False
    pos = item.start
    while pos < item.end and item.text[pos] in " *-+\t":
        pos += 1
    if not _supervising_re().match(item.text, pos, item.end):
        return False
    scope = item.heading_scope()
    if scope is None or not scope.owners or scope.co_children or _nearer_lead_in(item, scope):
        return False
    named = [o.lower() for o in own]
    return not any(h.lower() in o or o in h.lower() for h in scope.owners for o in named)


def clause_subject(item: Item, ctx: DocContext) -> Decision | None:
    if item.stated is not None:
        return None  # the segmenter has looked at the whole item already
    own = clause_owners(item.text, item.start, item.end, structured=item.structured)
    return Decision(own, "clause_subject") if own else None


def opening_subject(item: Item, ctx: DocContext) -> Decision | None:
    own = subject_after_opening(item.text, item.start, item.end)
    return Decision(own, "opening_subject") if own else None


def closing_parenthetical(item: Item, ctx: DocContext) -> Decision | None:
    """An item that closes on a parenthetical assigning it (``Tổ chức tập huấn ... (Bộ Chỉ huy
    Quân sự tỉnh chủ trì, phối hợp với Công an tỉnh).``, ``(Giao UBND các xã thực hiện)``,
    ``(Cơ quan chủ trì: Sở Tư pháp)``) is owned by the body it names: the item says so
    itself, over any heading or lead-in above."""
    own = parenthetical_owners(item.text, item.start, item.end)
    return Decision(own, "closing_parenthetical") if own else None


@cache
def _parenthetical_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    openers = alternation(list(lexicon.word_list("scope_cues.json", "parenthetical_openers")))
    roles = alternation(list(lexicon.word_list("scope_cues.json", "parenthetical_roles")))
    return re.compile(rf"(?:{openers})\s+", re.IGNORECASE), re.compile(rf"(?:{roles})(?!\w)")


def parenthetical_owners(text: str, start: int, end: int) -> list[str]:
    """The bodies the parenthetical closing ``text[start:end]`` assigns it to: an owner line
    (``Cơ quan chủ trì: X``) or a body, an optional ``Giao``/``Đề nghị`` before it, then its role
    (``chủ trì``, ``thực hiện`` ...); [] otherwise.

    >>> t = "Rà soát phương án di dời dân (Giao Ủy ban nhân dân các xã chủ trì thực hiện)."
    >>> parenthetical_owners(t, 0, len(t))
    ['Ủy ban nhân dân các xã']
    """
    stop = end
    while stop > start and text[stop - 1] in " .;,*\n\t":
        stop -= 1
    if stop <= start or text[stop - 1] != ")":
        return []
    close = stop - 1
    opening = text.rfind("(", start, close)
    if opening <= start or ")" in text[opening + 1 : close]:
        return []
    pos = opening + 1
    while pos < close and text[pos] in " *":
        pos += 1
    line = field_at(text, pos, close)
    if line is not None:
        return field_owners(text, line) if line.role == "owner" else []
    openers, roles = _parenthetical_re()
    m = openers.match(text, pos, close)
    pos = m.end() if m else pos
    subj = subject_at(text, pos, close)
    if subj is None:
        return []
    after = skip_commas(text, subj.end, close)
    if not roles.match(text, after, close):
        return []
    return split_owners(subj.text)


def presented_owners(text: str, start: int, end: int, *, structured: bool = True) -> list[str]:
    """The owners of a closing paragraph that presents the text itself (``Trên đây là Kế hoạch
    ...``): it asks nothing in that presentation, so they are those of the first clause after it
    that names a body, a request (``..., đề nghị các sở, ngành ...``), a subject with its
    predicate (``...; các cơ quan, đơn vị nghiêm túc thực hiện``) or a sentence of its own
    (``Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan ... phản ánh về Sở Y tế``);
    [] for any other paragraph. The one place this is decided: the ``presented_request`` rule
    reads it, and the task finder asks it whether such a paragraph is a task at all.

    >>> t = "Trên đây là Kế hoạch phòng, chống thiên tai; đề nghị các sở, ngành triển khai thực hiện."
    >>> presented_owners(t, 0, len(t))
    ['các sở, ngành']
    """
    if not presents_text(text, start, end):
        return []
    for n, (s, e) in enumerate(sentences(text, start, end)):
        if n:  # a sentence after the presentation: what it says of itself
            own = (stated_owners(text, s, e, structured=structured)
                   or clause_owners(text, s, e, structured=structured))
            if own:
                return own
            continue
        for m in re.finditer(r"[,;]\s+", text[s:e]):
            at = s + m.end()
            req = request_object(text, at, e, at_start_only=True)
            if req:
                return split_owners(req.text)
            subj = subject_at(text, at, e)
            if subj is not None and is_predicate_start(text, skip_commas(text, subj.end, e)):
                return split_owners(subj.text)
    return []


def presented_request(item: Item, ctx: DocContext) -> Decision | None:
    """A closing paragraph presenting the text itself is owned as :func:`presented_owners` says."""
    own = presented_owners(item.text, item.start, item.end, structured=item.structured)
    return Decision(own, "presented_request") if own else None


def previous_sentence(item: Item, ctx: DocContext) -> Decision | None:
    return Decision(list(item.carried), "previous_sentence", "previous sentence") if item.carried else None


def field_line(item: Item, ctx: DocContext) -> Decision | None:
    names: list[str] = []
    for f, _end in item.fields:
        if f.role == "owner":
            names += [o for o in field_owners(item.text, f) if o not in names]
    return Decision(names, "field_line") if names else None


def heading(item: Item, ctx: DocContext) -> Decision | None:
    if not item.structured:
        return None
    scope = item.heading_scope()
    if scope is None or _nearer_lead_in(item, scope):
        return None
    return Decision(list(scope.owners), "heading", scope.source)


def _nearer_lead_in(item: Item, scope: Scope) -> bool:
    """Whether the item's lead-in paragraph stands inside the section whose heading names the
    owners (``1. Sở Y tế`` > ``Đề nghị Sở Tài chính phối hợp thực hiện các nội dung sau:`` >
    ``- ...``): the nearer scope wins, so the ``lead_in`` rule decides."""
    lead = item.lead_in
    if lead is None or not lead.owners or lead.at is None or set(lead.owners) == set(scope.owners):
        return False
    for sec in item.headings:
        if sec.path == scope.source:
            return sec.text_start < lead.at < sec.end
    return False


def lead_in(item: Item, ctx: DocContext) -> Decision | None:
    if not item.structured or item.lead_in is None or not item.lead_in.owners:
        return None
    return Decision(list(item.lead_in.owners), "lead_in", "lead-in")


def programme(item: Item, ctx: DocContext) -> Decision | None:
    if item.in_programme and ctx.programme_owners:
        return Decision(list(ctx.programme_owners), "programme", "programme")
    return None


def addressee(item: Item, ctx: DocContext) -> Decision | None:
    if ctx.conclusion_addressee:
        return Decision([ctx.conclusion_addressee], "addressee", "addressee")
    if ctx.letter and ctx.addressees:
        return Decision(list(ctx.addressees), "addressee", "addressee")
    return None


def issuer(item: Item, ctx: DocContext) -> Decision | None:
    if ctx.party_plan and ctx.issuer:
        return Decision([ctx.issuer], "issuer", "issuer")
    return None


OWNER_RULES: tuple[tuple[str, OwnerRule], ...] = (
    ("partner_heading", partner_heading),
    ("presented_request", presented_request),
    ("explicit_subject", explicit_subject),
    ("clause_subject", clause_subject),
    ("opening_subject", opening_subject),
    ("closing_parenthetical", closing_parenthetical),
    ("previous_sentence", previous_sentence),
    ("field_line", field_line),
    ("heading", heading),
    ("lead_in", lead_in),
    ("programme", programme),
    ("addressee", addressee),
    ("issuer", issuer),
)


def resolve_owners(item: Item, ctx: DocContext, rules: Sequence[tuple[str, OwnerRule]] = OWNER_RULES) -> Decision:
    """The first rule that names owners decides; ``Decision([], "none")`` when none does."""
    for _name, rule in rules:
        decision = rule(item, ctx)
        if decision is not None:
            return decision
    return Decision([], "none")


def field_deadline(item: Item, ctx: DocContext) -> TimeDecision | None:
    lines = [(f, end) for f, end in item.fields if f.role == "deadline"]
    if not lines:
        return None
    for f, end in lines:
        found = find_deadline(item.text, f.value_start, max(f.value_end, end), doc_year=item.doc_year,
                              doc_date=item.doc_date)
        if found is not None:
            return TimeDecision(found, "field_line")
    return TimeDecision(None, "field_line")  # "Thời gian: thường xuyên": no deadline


def own_phrase(item: Item, ctx: DocContext) -> TimeDecision | None:
    found = find_deadline(item.text, item.start, item.end, doc_year=item.doc_year, doc_date=item.doc_date)
    return TimeDecision(found, "own_phrase") if found is not None else None


def heading_time(item: Item, ctx: DocContext) -> TimeDecision | None:
    """The deadline a heading above the item hands down (a governed phrase in it)."""
    if not item.headings:
        return None
    if item.time_scopes is not None:
        found = item.time_scopes.get(item.headings[-1].index)
    else:
        found = time_scopes(item.text, item.headings, doc_year=item.doc_year, doc_date=item.doc_date).get(
            item.headings[-1].index)
    return TimeDecision(found, "heading") if found else None


def lead_in_time(item: Item, ctx: DocContext) -> TimeDecision | None:
    """The deadline the lead-in paragraph above the item hands down."""
    if item.lead_in is not None and item.lead_in.deadline is not None:
        return TimeDecision(item.lead_in.deadline, "lead_in")
    return None


def programme_year(item: Item, ctx: DocContext) -> TimeDecision | None:
    if item.in_programme and ctx.programme_year:
        y = ctx.programme_year
        return TimeDecision(Deadline(text=f"năm {y}", date=f"{y}-12-31", inherited=True), "programme_year")
    return None


TIME_RULES: tuple[tuple[str, TimeRule], ...] = (
    ("field_line", field_deadline),
    ("own_phrase", own_phrase),
    ("heading", heading_time),
    ("lead_in", lead_in_time),
    ("programme_year", programme_year),
)


def resolve_deadline(item: Item, ctx: DocContext, rules: Sequence[tuple[str, TimeRule]] = TIME_RULES) -> TimeDecision:
    for _name, rule in rules:
        decision = rule(item, ctx)
        if decision is not None:
            return decision
    return TimeDecision(None, "none")

