"""The relation between a citing text and a document it cites, from cue words (relation_cues.json).

>>> relation_at("Căn cứ Nghị định số 62/2015/NĐ-CP;", 7)
<Relation.LEGAL_BASIS: 'legal_basis'>
>>> relation_at("Tiếp tục thực hiện Chỉ thị số 05/CT-TTg.", 19)
<Relation.IMPLEMENTS: 'implements'>
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from nlp.lexicon import DataFileError, patterns_of, raw
from nlp.model import Reference, Relation, ReportedRelation

_FILE = "relation_cues.json"
_LABELS_FILE = "relation_labels.json"
_CLAUSE_BREAK = re.compile(r"[;\n]|\.(?=\s)|:(?=\s)")


@dataclass(frozen=True, slots=True)
class RelationLabel:
    """Display names of a relation both ways (relation_labels.json)."""

    forward: str  # citing -> cited: "thay thế"
    inverse: str  # cited -> citing: "được thay thế bởi"
    forward_partial: str
    inverse_partial: str

    def text(self, *, inverse: bool = False, partial: bool = False) -> str:
        if inverse:
            return self.inverse_partial if partial else self.inverse
        return self.forward_partial if partial else self.forward


@cache
def relation_labels() -> dict[Relation, RelationLabel]:
    """Every relation's Vietnamese display names, validated: one entry per ``Relation``.

    >>> relation_labels()[Relation.REPLACES].text(inverse=True)
    'được thay thế bởi'
    >>> relation_labels()[Relation.REPEALS].text(inverse=True, partial=True)
    'bị bãi bỏ một phần bởi'
    """
    data = raw(_LABELS_FILE)
    labels = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(labels, dict):
        raise DataFileError(_LABELS_FILE, "missing object 'labels'")
    unknown = set(labels) - {r.value for r in Relation}
    if unknown:
        raise DataFileError(_LABELS_FILE, f"unknown relations {sorted(unknown)}")
    out: dict[Relation, RelationLabel] = {}
    for relation in Relation:
        entry = labels.get(relation.value)
        fields_ = ("forward", "inverse", "forward_partial", "inverse_partial")
        if not isinstance(entry, dict) or set(entry) != set(fields_) or not all(
                isinstance(entry[f], str) and entry[f].strip() for f in fields_):
            raise DataFileError(_LABELS_FILE, f"needs non-empty {', '.join(fields_)}", relation.value)
        out[relation] = RelationLabel(**{f: entry[f] for f in fields_})
    return out


def clause_start(text: str, pos: int) -> int:
    """Start of the clause holding ``pos`` (after the last ``;``, ``.``, ``:`` or newline).

    The last of ``_CLAUSE_BREAK``'s matches in the 400 characters before ``pos``, found from
    ``pos`` backwards (a ``.`` or ``:`` counts when a space follows it before ``pos``)."""
    lo = max(0, pos - 400)
    last = max(text.rfind(";", lo, pos), text.rfind("\n", lo, pos))
    for mark in ".:":
        at = max(0, pos - 1)  # the space after the mark must be before pos
        while (at := text.rfind(mark, max(lo, last + 1), at)) >= 0:
            if text[at + 1].isspace():
                last = at
                break
    return last + 1 if last >= 0 else 0


def paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def relation_at(text: str, start: int) -> Relation:
    """Relation of the citation starting at ``start``: nearest cue before it, else MENTIONS."""
    para = text[paragraph_start(text, start):start]
    clause_from = clause_start(text, start)
    window = text[clause_from:start]
    best: tuple[int, int, Relation] | None = None
    for entry, regex in patterns_of(_FILE):
        relation = Relation(entry.relation)
        if entry.scope == "paragraph":
            if regex.match(para):
                return relation
            continue
        for m in regex.finditer(window):
            gap = len(window) - m.end()
            if gap <= (entry.max_gap or 0) and (best is None or (gap, m.start()) < best[:2]):
                best = (gap, m.start(), relation)  # nearest; on a tie the longer (earlier) cue
    return best[2] if best else Relation.MENTIONS


# --------------------------------------------------------------------------- direction

ACTS = (Relation.REPEALS, Relation.REPLACES, Relation.AMENDS, Relation.GUIDES, Relation.IMPLEMENTS)
_RANK = {r: n for n, r in enumerate((Relation.MENTIONS, Relation.LEGAL_BASIS, *reversed(ACTS)))}
_VALIDITY_ACTS = (Relation.AMENDS, Relation.REPLACES, Relation.REPEALS)
_NO_CUE_BEFORE = re.compile(r"(?:được|bị)\s+(?:đã\s+)?\Z|(?:đã\s+)?(?:được|bị)\s+\Z", re.I)
_SENTENCE_BREAK = re.compile(r"[;]|\.(?=\s)")
_DONE = re.compile(r"(?<!\w)đã\s+\Z", re.I)  # "đã được sửa đổi": a past act reported


@cache
def _structure(kind: str) -> tuple[tuple[Relation | None, re.Pattern[str]], ...]:
    return tuple((Relation(e.relation) if e.relation else None, rx)
                 for e, rx in patterns_of(_FILE, "structure") if e.kind == kind)


@cache
def _one(kind: str) -> re.Pattern[str]:
    return _structure(kind)[0][1]


@cache
def _clause_cues() -> tuple[tuple[Relation, int, re.Pattern[str]], ...]:
    """The clause-scope cues of the acts (not legal basis): relation, max gap, regex."""
    return tuple((Relation(e.relation), e.max_gap or 0, rx) for e, rx in patterns_of(_FILE)
                 if e.scope == "clause" and e.relation != Relation.LEGAL_BASIS.value)


@dataclass(frozen=True, slots=True)
class _M:
    start: int
    end: int
    ref: int  # index into the references


@dataclass(slots=True)
class _Found:
    own: dict[int, tuple[Relation, bool, int]] = field(default_factory=dict)  # ref -> act, partial, at
    reported: dict[tuple[int | None, Relation, int], bool] = field(default_factory=dict)

    def add_own(self, ref: int, relation: Relation, partial: bool, at: int) -> None:
        old = self.own.get(ref)
        if old is None or _RANK[relation] > _RANK[old[0]]:
            self.own[ref] = (relation, partial, at)

    def add_reported(self, subject: int | None, relation: Relation, obj: int, partial: bool) -> None:
        if subject == obj:
            return
        key = (subject, relation, obj)
        self.reported[key] = self.reported.get(key, False) or partial


def annotate(text: str, refs: list[Reference]) -> list[Reference]:
    """Relation, ``partial`` and ``reported`` of every reference, from who acts on whom.

    The citing text's own act (``Bãi bỏ Chỉ thị số 03/CT-UBND``, ``Quyết định này thay thế
    ...``, ``Kế hoạch triển khai Chỉ thị ...``) gives the reference that relation; a relation
    the text reports between two other documents (``Nghị định 71/2021 sửa đổi Nghị định
    40/2018``, ``... được hướng dẫn bởi Thông tư ...``) is recorded on the acted-on reference
    as ``reported``, and both keep the citing text's own relation (legal basis in a ``Căn cứ``
    line, else mentions).

    >>> from nlp.references import find_references
    >>> refs = find_references("Nghị định số 71/2021/NĐ-CP sửa đổi, bổ sung một số điều của Nghị định số 40/2018/NĐ-CP.")
    >>> [(r.id, r.relation.value) for r in refs]
    [('71/2021/NĐ-CP', 'mentions'), ('40/2018/NĐ-CP', 'mentions')]
    >>> [(x.subject, x.relation.value, x.object, x.partial) for x in refs[1].reported]
    [('71/2021/NĐ-CP', 'amends', '40/2018/NĐ-CP', True)]
    """
    if not refs:
        return refs
    spans = {(s.start, s.end, i) for i, r in enumerate(refs) for s in (r.mentions or [r.mention])}
    ms = [_M(a, b, i) for a, b, i in sorted(spans)]
    found = _Found()
    consumed = _post_acts(text, ms, found)
    for k, m in enumerate(ms):
        if not _pre_act(text, ms, k, consumed, found):
            _list_act(text, m, found)
    _amending_names(refs, found)
    out = []
    for i, ref in enumerate(refs):
        first = ref.mention.start
        base = relation_at(text, first)
        relation = base if base is Relation.LEGAL_BASIS else Relation.MENTIONS
        partial = False
        own = found.own.get(i)
        in_basis = base is Relation.LEGAL_BASIS and own is not None and (
            own[2] == first or own[0] is Relation.IMPLEMENTS)  # "Căn cứ" is kept over "thực hiện"
        if own is not None and not in_basis and _RANK[own[0]] > _RANK[relation]:
            relation, partial = own[0], own[1]
        reported = [ReportedRelation(subject=refs[s].id if s is not None else None, relation=r,
                                     object=ref.id, partial=p)
                    for (s, r, o), p in found.reported.items() if o == i]
        out.append(ref.model_copy(update={"relation": relation, "partial": partial,
                                          "reported": reported}))
    return out


def _inside(ms: list[_M], a: int, b: int) -> bool:
    return any(m.start <= a < m.end or m.start < b <= m.end for m in ms)


def _post_acts(text: str, ms: list[_M], found: _Found) -> set[tuple[int, int]]:
    """``X được sửa đổi bởi Y`` / ``X bị bãi bỏ`` / ``X hết hiệu lực``: X is acted on. Returns
    the cue spans used, which are then no cue for a citation after them."""
    used: set[tuple[int, int]] = set()
    agent_gap, self_agent = _one("agent"), _one("self_agent")
    part_rx, part_before = _one("part"), _one("part_before")
    low = text.lower()
    if not any(w in low for w in ("được", "bị", "hiệu lực")):
        return used
    starts = [m.start for m in ms]  # ms is sorted by start
    for relation, rx in _structure("passive") + _structure("lapse"):
        assert relation is not None
        for c in rx.finditer(text):
            if _inside(ms, c.start(), c.end()):
                continue
            # the last citation (in order) that ends before the cue: only those starting before it can
            obj = next((m for m in reversed(ms[:bisect.bisect_left(starts, c.start())]) if m.end <= c.start()), None)
            if obj is None:
                continue
            gap = text[obj.end:c.start()]
            if len(gap) > 250 or _SENTENCE_BREAK.search(gap) or "\n" in gap:
                continue
            used.add(c.span())
            k = bisect.bisect_left(starts, c.end())
            after = ms[k] if k < len(ms) else None  # the first citation starting after the cue
            agent = after if after and agent_gap.match(text[c.end():after.start]) else None
            partial = bool(part_before.search(text[max(0, obj.start - 60):obj.start])
                           or (agent and part_rx.search(text[c.end():agent.start])))
            if agent is not None:
                found.add_reported(agent.ref, relation, obj.ref, partial)
            elif self_agent.match(text, c.end()) or not (_DONE.search(text, max(0, c.start() - 8), c.start())
                                                          or "(" in gap):
                found.add_own(obj.ref, relation, partial, obj.start)
            else:
                found.add_reported(None, relation, obj.ref, partial)
    return used


def _pre_act(text: str, ms: list[_M], k: int, consumed: set[tuple[int, int]],
             found: _Found) -> bool:
    """A cue before citation ``k`` governing it: the citing text's act, or a reported one when
    another cited document right before the cue is its subject. True when a cue governs."""
    m = ms[k]
    clause_from = clause_start(text, m.start)
    window = text[clause_from:m.start]
    agent_gap, coordination = _one("agent"), _one("coordination")
    best: tuple[int, int, Relation, int] | None = None  # (-end, start, relation, max_gap)
    for relation, max_gap, regex in _clause_cues():
        for c in regex.finditer(window):
            a, b = clause_from + c.start(), clause_from + c.end()
            if (a, b) in consumed or any(a <= u[0] < b or u[0] <= a < u[1] for u in consumed):
                continue
            if _inside(ms, a, b) or _NO_CUE_BEFORE.search(text, max(0, a - 12), a):
                continue
            if agent_gap.match(text[b:m.start]):
                continue  # "hết hiệu lực theo quy định tại X": X acts, it is not acted on
            between = [x for x in ms if b <= x.start < m.start]
            first_start = between[0].start if between else m.start
            if first_start - b > max_gap:
                continue
            chain = [*between, m]
            if any(not coordination.match(text[p.end:q.start]) for p, q in pairwise(chain)):
                continue
            key = (-b, a, relation, max_gap)
            if best is None or key[:2] < best[:2]:
                best = key
    if best is None:
        return False
    b, a, relation = -best[0], best[1], best[2]
    partial = relation in (*_VALIDITY_ACTS, Relation.GUIDES) and bool(
        _one("part").search(text[b:m.start]))
    subject = next((x for x in reversed(ms) if clause_from <= x.start and x.end <= a), None)
    if subject is not None and subject.ref != m.ref and _one("subject_gap").match(text[subject.end:a]):
        found.add_reported(subject.ref, relation, m.ref, partial)
        return True
    if relation in (*_VALIDITY_ACTS, Relation.GUIDES) and _one("blocker").search(
            text, max(0, a - 48), a):
        return True  # a proposal or an assignment to act, not an act
    if relation in (*_VALIDITY_ACTS, Relation.GUIDES) and _one("unnamed_subject").search(
            text, max(clause_from, a - 40), a):
        return True  # "xây dựng Nghị định quy định chi tiết ...": an unnamed document acts
    found.add_own(m.ref, relation, partial, m.start)
    return True


def _list_act(text: str, m: _M, found: _Found) -> None:
    """``Các văn bản sau đây hết hiệu lực ...: a) Quyết định số ...``: the list's documents."""
    colon = text.rfind(":", max(0, m.start - 800), m.start)
    if colon < 0:
        return
    lines = text[colon + 1:m.start].split("\n")
    if not _one("list_item").match(lines[-1]) or not all(_is_item(ln) for ln in lines[:-1]):
        return
    intro_from = max(text.rfind("\n", 0, colon), text.rfind(". ", 0, colon)) + 1
    intro = text[intro_from:colon + 1]
    if not _one("list_intro").search(intro + " "):
        return
    for relation, rx in _structure("lapse") + tuple(
            (r, x) for r, _, x in _clause_cues() if r in _VALIDITY_ACTS):
        if relation is not None and rx.search(intro):
            if _one("blocker").search(intro[:rx.search(intro).start()]):
                return
            found.add_own(m.ref, relation, False, m.start)
            return


_YEAR_TAIL = re.compile(r"\s+(?:19|20)\d{2}\Z")


def _amending_names(refs: list[Reference], found: _Found) -> None:
    """``Luật sửa đổi, bổ sung một số điều của Luật Thi hành án dân sự 2014`` amends the cited
    ``Luật Thi hành án dân sự 2008`` (the latest earlier one of that name; ``và`` joins several)."""
    rx = _one("amending_name")
    for i, ref in enumerate(refs):
        m = None if ref.numbered else rx.match(ref.id)
        if not m:
            continue
        rest = _YEAR_TAIL.sub("", m.group("rest"))
        for name in re.split(r"\s+và\s+", rest):
            cands = [(o.issued_date or "", j) for j, o in enumerate(refs)
                     if j != i and not o.numbered and _YEAR_TAIL.sub("", o.id).casefold() == name.casefold()
                     and (not ref.issued_date or not o.issued_date or o.issued_date < ref.issued_date)]
            if cands:
                found.add_reported(i, Relation.AMENDS, max(cands)[1], bool(m.group("part")))


_ITEM_START = re.compile(r"\A\s*(?:[a-zđ]\)|\d{1,2}[.)]|[-–+•*])\s")


def _is_item(line: str) -> bool:
    return not line.strip() or bool(_ITEM_START.match(line))
