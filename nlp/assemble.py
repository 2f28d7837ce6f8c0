"""Assemble an ``Extraction`` from a ``ParsedDocument``: units -> tasks -> owners, deadlines, refs."""

from __future__ import annotations

import hashlib
import re

from ingest.model import ParsedDocument, Section, SectionKind, Span
from nlp.abbreviations import builtin_abbreviations, find_abbreviations
from nlp.annotate import Annotations, active, annotating
from nlp.deadlines import find_deadline, find_recurrence, find_recurrence_span, parse_deadline_cell
from nlp.fields import Field, field_at, field_owners, inline_fields, is_deadline_sentence
from nlp.model import Extraction, Owner, Task
from nlp.owners import fold, is_predicate_start, owner_key, skip_commas, split_owners, subject_at
from nlp.references import citation_extents, find_references, refs_in_range
from nlp.resolve import (
    DocContext,
    addressee_place,
    addressees,
    co_owners,
    explicit_owners,
    finish_owner,
    is_addressee_form,
    is_conclusion_notice,
    is_letter,
    is_party_body,
    issuer_from_news,
    issuer_org,
    leadin_owners,
    leadin_subject,
    programme_context,
)
from nlp.resolver import Item, Scope, resolve_deadline, resolve_owners, section_scopes, time_scopes
from nlp.tasks import (
    Unit,
    after_opinion_leadin,
    assessment_sentence_is_task,
    build_units,
    inline_items,
    is_action_start,
    is_assessment_leadin,
    last_sentence,
    names_plan_part,
    presents_text,
    relayed_instruction,
    request_object,
    sentence_is_task,
    sentences,
    skip_intro,
    trim,
    under_assessment,
    under_purpose,
    unit_is_task,
)


def task_id(doc_id: str, section: str | None, paragraph: int, text: str) -> str:
    """``<doc_id>:<section path or p<paragraph index>>:<sha1[:8] of the normalised text>``."""
    norm = " ".join(fold(text).split())
    digest = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]
    return f"{doc_id}:{section or f'p{paragraph}'}:{digest}"


def _doc_year(doc: ParsedDocument) -> int | None:
    if doc.metadata.issued_date:
        return int(doc.metadata.issued_date[:4])
    return None


def _context(doc: ParsedDocument, abbreviations: dict[str, str], sections: list[Section]) -> DocContext:
    issuer = doc.metadata.issuer
    news = (doc.metadata.doc_type or "") == "Tin bài" or not issuer
    plan_kind = (doc.metadata.doc_type or "") in ("Kế hoạch", "Chương trình")
    if news:
        found = issuer_from_news(doc.text)
        if found:
            issuer, plan_kind = found, True
    ctx = DocContext(issuer=issuer, issuer_org=issuer_org(issuer), abbreviations=abbreviations)
    ctx.party_plan = plan_kind and is_party_body(issuer)
    ctx.addressee_place = addressee_place(doc.metadata.title, doc.text)
    ctx.addressees = addressees(doc.text)
    if ctx.addressee_place and is_conclusion_notice(doc.metadata.doc_type, doc.metadata.title):
        ctx.conclusion_addressee = ctx.addressee_place  # "Kết luận ... làm việc với lãnh đạo tỉnh X"
    ctx.letter = is_letter(doc.metadata.doc_type)
    programme_context(doc, ctx, sections)
    return ctx


def _segments(
    text: str, start: int, end: int, *, structured: bool, owners: list[str] | None = None
) -> list[tuple[int, int, list[str]]]:
    """Split a unit per owner: a sentence (or a ``;`` clause, when the unit has no owner yet:
    ``owners`` are those it inherits) with its own subject starts a new segment; an
    imperative sentence after such a segment goes back to the inherited owner."""
    sents = _clause_pieces(text, sentences(text, start, end), owners or explicit_owners(text, start, end, structured=structured))
    if len(sents) <= 1:
        return [(start, end, explicit_owners(text, start, end, structured=structured))]
    segs: list[list] = []
    for i, (s, e, clause) in enumerate(sents):
        pos = skip_intro(text, s, e)
        own = []
        subj = subject_at(text, pos, e)
        req = None if subj else request_object(text, pos, e, at_start_only=True)
        if req:  # "Yêu cầu các Bộ, cơ quan đổi mới ...": a request to a body of its own
            own = split_owners(req.text)
        elif subj:
            after = text[subj.end : subj.end + 30].lstrip(" ,")
            if is_predicate_start(after, 0):
                own = split_owners(subj.text)
        if clause and not own:
            own = _clause_owners(text, s, e)
        if i == 0:
            segs.append([s, e, explicit_owners(text, s, e, structured=structured), bool(own)])
            continue
        last = segs[-1]
        if own and [fold(o) for o in own] != [fold(o) for o in last[2]]:
            segs.append([s, e, own, True])
        elif not own and last[3] and _scheduled_action(text, pos, e):
            # "X xây dựng kế hoạch ... Hằng năm báo cáo kết quả về Y.": a task of its own, same owners
            segs.append([s, e, list(last[2]), True])
        elif not own and last[3] and len(segs) > 1 and is_action_start(text, pos):
            segs.append([s, e, [], False])
        else:
            last[1] = e
    if len(segs) > 1 and not segs[0][2] and presents_text(text, start, end):
        # "Trên đây là Kế hoạch .... Đề nghị các cơ quan ...": the presentation opens the request
        # after it, one task with the request's owners
        segs[1][0] = segs[0][0]
        del segs[0]
    return [(s, e, o) for s, e, o, _ in segs]


def _clause_owners(text: str, start: int, end: int) -> list[str]:
    """Owners a clause names as its own subject, at its start or after a short leading
    clause (``các huyện không thành lập Ban chỉ đạo, ban thường vụ huyện ủy trực tiếp chỉ
    đạo ...``); [] when its subject only co-operates (``X phối hợp ...``)."""
    first = skip_intro(text, start, end)
    starts = [first]
    if not is_action_start(text, first):  # "đồng thời yêu cầu các cấp, ...": objects, not a subject
        starts += [start + m.end() for m in re.finditer(r",\s+", text[start:end])][:3]
    for at in starts:
        subj = subject_at(text, at, end)
        if not subj:
            continue
        after = skip_commas(text, subj.end, end)
        if is_predicate_start(text, after) and not fold(text[after : after + 12]).startswith("phối hợp"):
            return split_owners(subj.text)
    return []


def _clause_pieces(text: str, sents: list[tuple[int, int]], owners: list[str]) -> list[tuple[int, int, bool]]:
    """Sentences, with a sentence split further at ``;`` (outside brackets) where the clause
    after it names an owner of its own while the unit has no ``owners`` otherwise
    (``Thành lập Ban chỉ đạo ...; các huyện ..., X trực tiếp chỉ đạo ...``) or the clause before
    it names other owners (``X triển khai ...; Y hướng dẫn ...``). The flag marks such clause
    pieces."""
    known = [o for o in owners if o]
    out: list[tuple[int, int, bool]] = []
    for s, e in sents:
        cur, clause = s, False
        for m in re.finditer(r";\s+", text[s:e]):
            at = s + m.end()
            before = text[s : s + m.start()]
            if before.count("(") > before.count(")"):
                continue
            own = _clause_owners(text, at, e) if at < e else []
            if own and (not known or _other_owner(text, cur, s + m.start(), at, e, own)):
                out.append((cur, s + m.start() + 1, clause))
                cur, clause = at, True
        out.append((cur, e, clause))
    return out


def _other_owner(text: str, start: int, end: int, at: int, stop: int, owners: list[str]) -> bool:
    """The clause ``text[start:end]`` before a ``;`` gives an instruction to owners of its own
    (its subject, or the object of its request, then a predicate) and the clause
    ``text[at:stop]`` after it opens on a subject naming none of them: ``đề nghị các Tập đoàn
    A, B triển khai ...; Bộ X hướng dẫn các Tập đoàn ...`` holds two instructions for different
    owners (GUIDELINES: split per owner). A ``;`` inside a list of bodies (``Thủ trưởng các Sở;
    Chủ tịch UBND cấp xã có trách nhiệm ...``, ``hướng dẫn các sở, ngành; các xã, phường ...``)
    does not: the clause before it has no predicate of its own, or ends on a body's name."""
    first = skip_intro(text, at, stop)
    if subject_at(text, first, stop) is None:
        return False
    before = explicit_owners(text, start, end, structured=True)
    if not before or {fold(o) for o in before} & {fold(o) for o in owners}:
        return False
    pos = skip_intro(text, start, end)
    subj = subject_at(text, pos, end)
    if subj is not None:
        after = subj.end  # the predicate is read in the text, after the subject's span and its ", :"
        while after < end and text[after] in " ,:":
            after += 1
        acts = is_predicate_start(text, after)
    else:
        acts = request_object(text, pos, end) is not None
    tail = fold(text[start:end]).rstrip(" ,.")
    return acts and not any(tail.endswith(fold(o)) for o in before)


def _scheduled_action(text: str, pos: int, end: int) -> bool:
    """A sentence opening with a schedule and then an action (``Hằng năm hoặc đột xuất báo cáo ...``)."""
    rec = find_recurrence_span(text, pos, end)
    if rec is None or rec.start != pos:
        return False
    # the action may follow a qualifier: "Hằng năm hoặc đột xuất báo cáo", "Định kỳ 6 tháng, (khi có yêu cầu) báo cáo"
    for m in re.finditer(r"[\s,()]+", text[rec.end : min(end, rec.end + 40)]):
        if is_action_start(text, rec.end + m.end()):
            return True
    return False


def _make_owners(names: list[str], ctx: DocContext, *, span_text: str | None = None, inherited: str | None = None) -> list[Owner]:
    out: list[Owner] = []
    seen = set()
    expanded: list[str] = []
    for name in names:
        # "Quý cơ quan": the letter's addressees
        expanded += ctx.addressees if is_addressee_form(name) and ctx.addressees else [name]
    for name in expanded:
        name = finish_owner(name, ctx)
        if not name:
            continue
        key = owner_key(name, ctx.abbreviations)
        if key in seen:
            continue
        seen.add(key)
        out.append(Owner(name=name, key=key, inherited_from=inherited))
    return out


def _in_programme(ctx: DocContext, pos: int) -> bool:
    return ctx.programme_zone is not None and ctx.programme_zone[0] <= pos < ctx.programme_zone[1]


def extract_document(doc: ParsedDocument) -> Extraction:
    """ParsedDocument -> Extraction (the ``directives_extract`` pipeline component calls this
    with the document's annotations active; called on its own it annotates as it goes)."""
    ann = active(doc.text)
    if ann is None:
        with annotating(Annotations(doc.text)):
            return extract_document(doc)
    text = doc.text
    abbreviations = find_abbreviations(text)
    references = find_references(
        text, own_number=doc.metadata.number, doc_date=doc.metadata.issued_date, own_title=doc.metadata.title,
        abbreviations={**builtin_abbreviations(), **abbreviations},
    )
    ann.references = references
    ann.citations = citation_extents(text, references)
    units, _excluded = build_units(doc)
    sections = list(doc.sections) or [u.section for u in units if u.section is not None]
    ctx = _context(doc, abbreviations, sections)
    tree = [s for s in doc.sections if s.kind != SectionKind.TABLE_ROW]
    ctx.scopes = section_scopes(text, tree)
    doc_year = _doc_year(doc) or ctx.programme_year
    structured = any(u.section is not None for u in units)
    ctx.time_scopes = time_scopes(text, tree, doc_year=doc_year, doc_date=doc.metadata.issued_date)
    tasks: list[Task] = []
    leadin: Scope | None = None  # owners a "... yêu cầu X ...:" paragraph hands to the list after it
    leadin_over: Section | None = None  # the section that lead-in sits in (None: the whole body)
    leadin_list: SectionKind | None = None  # the kind of the list the lead-in introduces
    fields_of = item_fields(doc, units)
    by_start = {sec.text_start: sec for sec in doc.sections}
    shared_owners = _owner_fields_shared_back(doc, fields_of)
    last_unit = -2  # index of the last unit that gave a task
    findings = False  # the bullets right after a "... cho thấy:" paragraph are findings
    for n, unit in enumerate(units):
        bullets = (SectionKind.DASH, SectionKind.PLUS)
        if leadin is not None and _within(unit, leadin_over):
            # the list a lead-in introduces ends at a section of another kind at its level
            # ("... thực hiện các nhiệm vụ sau:" over "1.", "2.", then "II. KINH PHÍ")
            level = _list_level(unit, leadin_over)
            if level is not None and leadin_list is None:
                leadin_list = level.kind
            elif level is not None and level.kind != leadin_list:
                leadin, leadin_over, leadin_list = None, None, None
        if not unit.is_item:
            body = text[slice(*trim(text, unit.start, unit.end))]
            continues = unit.section is not None and unit.section.kind in bullets and not body.endswith(":")
            if not continues and not (body.startswith("(") and body.endswith(")")):
                # a note in brackets, or a paragraph continuing a bullet, keeps the list going
                findings = is_assessment_leadin(text, *trim(text, unit.start, unit.end))
        elif unit.section is None or unit.section.kind not in bullets:
            findings = False
        if not unit.is_item and unit.section is not None and unit.section.index in fields_of:
            if field_at(text, *trim(text, unit.start, unit.end)):
                continue  # "Cơ quan chủ trì: ..." written as a paragraph under its item
        if unit.is_item and unit.section is not None and not under_purpose(unit.ancestors):
            # "1. X: / a) Nhiệm vụ: ... / b) Cơ quan thực hiện: - Đơn vị chủ trì: ... / c) Thời gian ...":
            # the tasks are the "Nhiệm vụ" line's value or the lines under it, the other lines their fields
            host = _task_field_host(text, unit, fields_of, by_start)
            if host is not None:
                where, attrs = host
                if where is not None:
                    ts, te = trim(text, *where)
                    if te > ts:
                        here = leadin if leadin is not None and _within(unit, leadin_over) else None
                        tasks.append(_task(doc, ctx, unit, n, ts, te, [], references, doc_year, True, here,
                                           fields=attrs))
                        last_unit = n
                continue
        if unit.is_item and unit.section is not None:
            if unit.section.parent in fields_of and field_at(text, *trim(text, unit.start, unit.end)):
                continue  # "- Cơ quan chủ trì: ...": an attribute of the item above, not a task
            if (unit.section.index in fields_of and not under_purpose(unit.ancestors)
                    and not names_plan_part(text[slice(*trim(text, unit.start, unit.end))])
                    and _described_by_fields(text, unit.section, doc.sections)):
                tasks.append(_field_task(doc, ctx, unit, n, fields_of[unit.section.index], references, doc_year))
                continue
            inline = [(f, f.value_end) for f in inline_fields(text, *trim(text, unit.start, unit.end))
                      if f.role != "other"]
            if inline and not under_purpose(unit.ancestors):
                tasks.append(_field_task(doc, ctx, unit, n, inline, references, doc_year))
                continue
            if (unit.section.index in shared_owners and not under_purpose(unit.ancestors)
                    and unit_is_task(text, unit)):
                tasks.append(_field_task(doc, ctx, unit, n, shared_owners[unit.section.index], references, doc_year))
                last_unit = n
                continue
        if not unit.is_item:
            found = lead_in_scope(text, *trim(text, unit.start, unit.end), doc_year=doc_year,
                                  doc_date=doc.metadata.issued_date)
            if found is not None:
                over = _container(unit)
                if not found.owners and leadin is not None and leadin.owners and _within(unit, leadin_over):
                    found = Scope(leadin.owners, leadin.source, leadin.co_children, found.deadline, leadin.at)
                leadin, leadin_over, leadin_list = found, over, None
        scope = leadin if leadin is not None and _within(unit, leadin_over) else None
        if unit.outside_sections and structured:
            spans = _news_tasks(text, unit)
        elif not structured:
            spans = _news_tasks(text, unit)
        elif under_assessment(unit.ancestors) or (findings and unit.is_item):
            spans = _assessment_tasks(text, unit)
        elif unit.is_item and unit.section is not None and (listed := inline_items(text, *trim(text, unit.start, unit.end))):
            # "Giao X: (i) ... (ii) ...": one task per inline sub-item, owned as the lead says
            lead_end, pieces = listed
            s, _e = trim(text, unit.start, unit.end)
            lead = explicit_owners(text, s, lead_end, structured=True)
            for ps, pe, marker in pieces:
                ps, pe = trim(text, ps, pe)
                if pe > ps:
                    # a lead that names nobody ("3. Xây dựng chiến lược: (1) Bộ X ban hành ...;
                    # (2) Bộ Y ...") leaves each sub-item to its own subject
                    own = lead or explicit_owners(text, ps, pe, structured=True)
                    tasks.append(_task(doc, ctx, unit, n, ps, pe, own, references, doc_year, structured, scope,
                                       path_suffix=marker))
                    last_unit = n
            spans = []
        elif unit_is_task(text, unit):
            s, e = trim(text, unit.start, unit.end)
            above = ctx.scopes.get(unit.ancestors[-1].index) if unit.is_item and unit.ancestors else None
            inherited = list(above.owners) if above else []
            spans = _segments(text, s, e, structured=True,
                              owners=inherited + (list(scope.owners) if scope else []))
        else:
            spans = []
        if not spans and tasks and last_unit == n - 1:
            spans = _deadline_followup(doc, unit, tasks, doc_year)
        for span in spans:
            s, e = trim(text, span[0], span[1])
            if e <= s:
                continue
            carried = span[3] if len(span) > 3 else []  # the owners of the sentence before (resolver)
            tasks.append(_task(doc, ctx, unit, n, s, e, span[2], references, doc_year, structured, scope,
                               carried=carried))
            last_unit = n
    tasks.extend(_table_tasks(doc, ctx, doc_year, references))
    return Extraction(doc_id=doc.id, abbreviations=abbreviations, references=references,
                      tasks=unique_ids(tasks))


def lead_in_scope(text: str, start: int, end: int, *, doc_year: int | None = None,
                  doc_date: str | None = None) -> Scope | None:
    """The owners and deadline a lead-in paragraph hands to the list after it (``... yêu cầu
    X ...:``, ``Trước ngày 30/6/2025, X hoàn thành các việc sau:``), or None when it names
    neither. The deadline is one a deadline cue governs in the sentence leading into the list."""
    owners = leadin_owners(text, start, end) or leadin_subject(text, start, end)
    deadline = None
    if text[start:end].rstrip().endswith(":"):
        last = last_sentence(text, start, end)[0]
        deadline = find_deadline(text, last, end, doc_year=doc_year, doc_date=doc_date, governed_only=True)
    if not owners and deadline is None:
        return None
    return Scope(tuple(owners), "lead-in",
                 deadline=deadline.model_copy(update={"inherited": True}) if deadline else None, at=start)


def _container(unit: Unit) -> Section | None:
    """The section a paragraph's lead-in speaks for: the innermost enclosing heading that is
    not a bullet (a paragraph after ``- ...`` belongs to the list the bullet is in)."""
    for sec in reversed(unit.ancestors):
        if sec.kind not in (SectionKind.DASH, SectionKind.PLUS):
            return sec
    return None


def _list_level(unit: Unit, container: Section | None) -> Section | None:
    """The section of ``unit``'s path that sits right under ``container`` (a top-level one for
    None): the entry of the list a lead-in in ``container`` introduces."""
    path = [*unit.ancestors, *([unit.section] if unit.section is not None else [])]
    parent = container.index if container is not None else None
    for sec in path:
        if sec.parent == parent and sec is not container:
            return sec
    return None


def _within(unit: Unit, container: Section | None) -> bool:
    """Whether ``unit`` lies in the section a lead-in sits in (anywhere, for a top-level one)."""
    if container is None:
        return True
    return unit.section is container or any(a.index == container.index for a in unit.ancestors)


def unique_ids(tasks: list[Task]) -> list[Task]:
    """Two tasks with the same path and text (a repeated item) get ``~2``, ``~3``... so neither
    overwrites the other in the index or shares the other's tracked state. The first keeps its
    plain id, so ids stay stable for documents without repeats."""
    seen: dict[str, int] = {}
    out: list[Task] = []
    for task in tasks:
        n = seen.get(task.id, 0) + 1
        seen[task.id] = n
        out.append(task if n == 1 else task.model_copy(update={"id": f"{task.id}~{n}"}))
    return out


def _deadline_followup(doc: ParsedDocument, unit: Unit, tasks: list[Task], doc_year: int | None):
    """``Thời gian hoàn thành việc X, chậm nhất ngày D [và báo cáo ...].`` right after a task:
    the date is that task's deadline (when it has none); with an action after ``và`` the
    sentence is a task of its own, owned like the one before. Updates ``tasks`` in place;
    returns the spans to add."""
    text = doc.text
    s, e = trim(text, unit.start, unit.end)
    if not is_deadline_sentence(text, s, e):
        return []
    deadline = find_deadline(text, s, e, doc_year=doc_year, doc_date=doc.metadata.issued_date)
    if deadline is None or deadline.span is None:
        return []
    if tasks[-1].deadline is None:
        tasks[-1] = tasks[-1].model_copy(update={"deadline": deadline})
    m = re.compile(r"[\s,]*và\s+").match(text, deadline.span.end, e)
    if m and is_action_start(text, m.end()):
        return [(s, e, [], [o.name for o in tasks[-1].owners])]  # owned like the task before (resolver)
    return []


def item_fields(doc: ParsedDocument, units: list[Unit] = ()) -> dict[int, list[tuple[Field, int]]]:
    """Attribute lines (``- Cơ quan chủ trì: ...``, or the same lines written as plain
    paragraphs under the item) by the index of the item they describe, with their ends."""
    out: dict[int, list[tuple[Field, int]]] = {}
    for sec in doc.sections:
        if sec.parent is None or sec.kind == SectionKind.TABLE_ROW:
            continue
        found = field_at(doc.text, sec.text_start, sec.text_end)
        if found is not None:
            out.setdefault(sec.parent, []).append((found, sec.end))
    for unit in units:
        if unit.is_item or unit.section is None or unit.section.kind == SectionKind.TABLE_ROW:
            continue
        found = field_at(doc.text, *trim(doc.text, unit.start, unit.end))
        if found is not None:
            out.setdefault(unit.section.index, []).append((found, unit.end))
    return out


_ATTRIBUTES = ("owner", "co_owner", "deadline")


def _owner_fields_shared_back(doc: ParsedDocument, fields_of: dict) -> dict[int, list[tuple[Field, int]]]:
    """The owner lines written once after a run of sibling items (``3.1. ...``, ``3.2. ...``,
    ``3.3. ...`` then ``- Đơn vị chủ trì: X``): by the index of each earlier sibling that has no
    lines of its own, the owner and co-owner lines of the sibling they follow. A sibling with
    lines of its own ends the run."""
    text = doc.text
    children: dict[int, list[Section]] = {}
    for sec in doc.sections:
        if sec.parent is not None and sec.kind != SectionKind.TABLE_ROW:
            children.setdefault(sec.parent, []).append(sec)
    out: dict[int, list[tuple[Field, int]]] = {}
    for siblings in children.values():
        for i, sec in enumerate(siblings):
            owners = [(f, e) for f, e in fields_of.get(sec.index, []) if f.role in ("owner", "co_owner")]
            if not owners:
                continue
            for prev in reversed(siblings[:i]):
                if (prev.kind != sec.kind or prev.index in fields_of
                        or field_at(text, prev.text_start, prev.text_end) is not None):
                    break
                out[prev.index] = owners
    return out


def flat_fields(text: str, fields_of: dict, by_start: dict, index: int, depth: int = 0) -> list[tuple[Field, int]]:
    """The fields of item ``index``; a line without a value whose own lines are fields
    (``b) Cơ quan thực hiện:`` over ``- Đơn vị chủ trì: X``, ``- Đơn vị phối hợp: Y``) gives
    those lines."""
    out: list[tuple[Field, int]] = []
    for f, end in fields_of.get(index, []):
        sub = by_start.get(f.start)
        empty = not text[f.value_start : f.value_end].strip(" .:;*")
        if empty and sub is not None and sub.index in fields_of and depth < 2:
            out += flat_fields(text, fields_of, by_start, sub.index, depth + 1)
        else:
            out.append((f, end))
    return out


def _task_field_host(text: str, unit: Unit, fields_of: dict, by_start: dict):
    """For an item inside a group of attribute lines with a ``Nhiệm vụ`` line: ``(range,
    fields)`` where ``range`` is the task this unit holds (None: the unit is no task: the
    group's heading, an empty ``Nhiệm vụ:`` line); None when the unit is in no such group."""
    sec = unit.section
    own = field_at(text, *trim(text, unit.start, unit.end))
    by_index = {s.index: s for s in by_start.values()}

    def is_task_line(f: Field | None, host: int | None) -> bool:
        # "- Nội dung: ..." under a heading that is only a label ("a) Hoạt động 1") is the task
        return f is not None and (f.role == "task" or (_content_line(text, f) and _label_heading(text, by_index.get(host))))

    def attrs_of(index: int | None) -> list[tuple[Field, int]]:
        if index is None:
            return []
        found = flat_fields(text, fields_of, by_start, index)
        has_task = any(is_task_line(f, index) for f, _ in found)
        return [(f, e) for f, e in found if f.role in _ATTRIBUTES] if has_task else []

    if is_task_line(own, sec.parent):
        attrs = attrs_of(sec.parent)
        if attrs:
            value = (own.value_start, own.value_end)
            return (value if text[value[0] : value[1]].strip(" .:;*") else None), attrs
        return None
    if sec.index in fields_of and attrs_of(sec.index):
        return None, []  # "Xây dựng các Chiến lược ...:": the group's heading, its tasks are below
    for anc in reversed(unit.ancestors):
        line = field_at(text, anc.text_start, anc.text_end)
        if is_task_line(line, anc.parent):
            attrs = attrs_of(anc.parent)
            if attrs:
                return (unit.start, unit.end), attrs
            break
    return None


_MAX_LABEL_WORDS = 6


def _content_line(text: str, f: Field) -> bool:
    """``- Nội dung: ...``: an attribute line naming what is to be done."""
    return f.role == "other" and fold(text[f.start : f.value_start]).lstrip(" -+*").startswith("nội dung")


def _label_heading(text: str, sec: Section | None) -> bool:
    """A heading that only labels the attribute lines under it (``a) Hoạt động 1``, ``Nhiệm vụ
    3``): a few words, no final punctuation, no action of its own."""
    if sec is None:
        return False
    line = text[sec.text_start : sec.text_end].split("\n")[0].strip(" *")
    return (0 < len(line.split()) <= _MAX_LABEL_WORDS and not line.endswith((".", ";", ":", "!", "?"))
            and not is_action_start(text, sec.text_start) and subject_at(text, sec.text_start) is None)


def _described_by_fields(text: str, sec: Section, sections) -> bool:
    """Whether an item is one task described by its attribute lines: every numbered or lettered
    sub-item under it is such a line (``1. X`` + ``- Cơ quan chủ trì: ...``). A section whose
    sub-items are points of their own (``II. NỘI DUNG THI ĐUA`` over ``1. Chủ đề thi đua``,
    ``2. ...``, ``3. Thời gian thực hiện: ...``) only groups them."""
    labels: set[str] = set()
    for child in sections:
        if child.parent != sec.index or child.kind in (SectionKind.DASH, SectionKind.PLUS, SectionKind.TABLE_ROW):
            continue
        f = field_at(text, child.text_start, child.text_end)
        if f is None:
            return False
        labels.update(fold(text[f.start : f.value_start]).strip(" :*").split())
    # "II. THỜI GIAN VÀ PHẠM VI" over "1. Thời gian: ...", "2. Phạm vi: ...": the heading only names
    # its fields, it describes the plan itself, not a task
    words = [w for w in re.findall(r"\w+", fold(sec.heading)) if w != "và"]
    return not words or not set(words) <= labels


def _field_task(doc, ctx, unit, n, fields, references, doc_year) -> Task:
    """A plan item described by attribute lines: the item's own text is the task; owners,
    co-owners and deadline come from its fields (the ``field_line`` rules; a deadline field
    with sub-items takes the first date among them); references from the whole item."""
    s, e = trim(doc.text, unit.start, unit.end)
    return _task(doc, ctx, unit, n, s, e, [], references, doc_year, True, fields=fields)


def _news_tasks(text: str, unit: Unit) -> list[tuple[int, int, list[str], list[str]]]:
    """Instruction sentences of a paragraph: ``(start, end, own owners, owners of the task
    sentence before)``; the resolver's ``previous_sentence`` rule decides whether those carry."""
    out = []
    last_owners: list[str] = []
    prev_task = False
    relayed = after_opinion_leadin(text, unit.start)
    for s, e in sentences(text, unit.start, unit.end):
        if sentence_is_task(text, s, e, after_task=prev_task) or (relayed and relayed_instruction(text, s, e)):
            own = explicit_owners(text, s, e, structured=False)
            out.append((s, e, own, last_owners))
            last_owners = own or last_owners
            prev_task = True
        else:
            prev_task = False
    return out


def _assessment_tasks(text: str, unit: Unit) -> list[tuple]:
    """Tasks inside an assessment section: a paragraph gives its instruction sentences (an
    owner carries over to the sentences after it); an item is a task as a whole when one of
    its sentences is an instruction."""
    s, e = trim(text, unit.start, unit.end)
    found = []
    last_owners: list[str] = []
    prev_task = False
    for ss, se in sentences(text, s, e):
        prev_task = assessment_sentence_is_task(text, ss, se, after_task=prev_task)
        if prev_task:
            own = explicit_owners(text, ss, se, structured=False)
            found.append((ss, se, own, last_owners))
            last_owners = own or last_owners
    if unit.is_item and found:
        return _segments(text, s, e, structured=True)
    return found


def _item(doc, ctx, unit, s, e, own, doc_year, structured, lead_in=None, fields=(), carried=()) -> Item:
    """What the resolver sees of a task over ``doc.text[s:e]`` in ``unit``."""
    headings = unit.ancestors if structured and unit.section is not None else []
    return Item(text=doc.text, start=s, end=e, structured=structured, stated=list(own), headings=headings,
                carried=list(carried),
                lead_in=lead_in, fields=list(fields), in_programme=_in_programme(ctx, s),
                doc_year=doc_year, doc_date=doc.metadata.issued_date, scopes=ctx.scopes,
                time_scopes=ctx.time_scopes, section=unit.section if headings else None)


def _task(doc, ctx, unit, n, s, e, own, references, doc_year, structured, lead_in=None, fields=(),
          path_suffix: str | None = None, carried=()) -> Task:
    text = doc.text
    section = unit.section
    path = section.path if section is not None else None
    if path is not None and path_suffix:
        path = f"{path}-{path_suffix}"
    item = _item(doc, ctx, unit, s, e, own, doc_year, structured, lead_in, fields, carried)
    decision = resolve_owners(item, ctx)
    owners = _make_owners(decision.owners, ctx, inherited=decision.source)
    cos = decision.co_owners + [c for c in co_owners(text, s, e) if c not in decision.co_owners]
    for f, _end in item.fields:
        if f.role == "co_owner":
            cos += [o for o in field_owners(text, f) if o not in cos]
    co = [o for o in _make_owners(cos, ctx) if o.key not in {x.key for x in owners}]
    deadline = resolve_deadline(item, ctx).deadline
    recurrence = None
    for f, _end in item.fields:
        if f.role == "deadline":
            recurrence = recurrence or find_recurrence(text, f.value_start, f.value_end)
    recurrence = recurrence or find_recurrence(text, s, e)
    refs_range = (section.start, section.end) if fields and section is not None else (s, e)
    return _new_task(doc, path, n, s, e, owners=owners, co_owners=co, deadline=deadline,
                     recurrence=recurrence, refs=refs_in_range(references, *refs_range))


def _table_tasks(doc: ParsedDocument, ctx: DocContext, doc_year: int | None,
                 references: list) -> list[Task]:
    """Every appendix-table row is a task; owners, co-owners and deadline come from columns."""
    from ingest.model import ColumnRole

    out: list[Task] = []
    row_sections = {(s.table, s.row): s for s in doc.sections if s.kind == SectionKind.TABLE_ROW}
    for ti, table in enumerate(doc.tables):
        roles = list(table.roles)
        if ColumnRole.TASK not in roles:
            continue
        for ri, row in enumerate(table.rows):
            if row.is_group or len(row.cells) != len(roles):
                continue
            cells = dict(zip(roles, row.cells, strict=True))
            task_cell = cells.get(ColumnRole.TASK)
            if task_cell is None or not task_cell.text.strip():
                continue
            s, e = trim(doc.text, task_cell.start, task_cell.end)
            owner_cell = cells.get(ColumnRole.OWNER)
            co_cell = cells.get(ColumnRole.CO_OWNER)
            dl_cell = cells.get(ColumnRole.DEADLINE)
            owners = _make_owners(split_owners(owner_cell.text) if owner_cell and owner_cell.text.strip() else [], ctx)
            co = _make_owners(split_owners(co_cell.text) if co_cell and co_cell.text.strip() else [], ctx)
            deadline = None
            recurrence = None
            if dl_cell and dl_cell.text.strip():
                deadline = parse_deadline_cell(dl_cell.text, doc_year)
                if deadline is not None:
                    # The cell was parsed on its own: move its span into document offsets.
                    span = Span(start=dl_cell.start, end=dl_cell.end, text=doc.text[dl_cell.start : dl_cell.end])
                    if deadline.span is not None:  # (ds, de: s, e are the task's own span)
                        ds, de = dl_cell.start + deadline.span.start, dl_cell.start + deadline.span.end
                        if doc.text[ds:de] == deadline.span.text:
                            span = Span(start=ds, end=de, text=deadline.span.text)
                    deadline = deadline.model_copy(update={"span": span})
                recurrence = find_recurrence(doc.text, dl_cell.start, dl_cell.end)
            sec = row_sections.get((ti, ri))
            out.append(_new_task(doc, sec.path if sec else None, ri, s, e, owners=owners, co_owners=co,
                                 deadline=deadline, recurrence=recurrence,
                                 refs=refs_in_range(references, s, e)))
    return out


def _new_task(doc: ParsedDocument, path: str | None, n: int, s: int, e: int, **fields: object) -> Task:
    """A task over ``doc.text[s:e]``: its id, text and span, plus the resolved ``fields``."""
    body = doc.text[s:e]
    return Task(id=task_id(doc.id, path, n, body), text=" ".join(body.split()),
                span=Span(start=s, end=e, text=body), section=path, **fields)



