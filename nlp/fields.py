"""Attribute lines of plan items: ``- Cơ quan chủ trì: X``, ``- Thời gian thực hiện: ...``.

National and provincial plans often write a task as a numbered heading followed by field
lines (CONVENTIONS §6-§7). The heading is the task; the field lines give its owners,
co-owners and deadline and are not tasks themselves. Labels live in
``data/item_fields.json``.

Example::

    >>> f = field_at("Cơ quan chủ trì: Sở Tư pháp.", 0)
    >>> f.role, "Cơ quan chủ trì: Sở Tư pháp."[f.value_start:f.value_end]
    ('owner', 'Sở Tư pháp.')
    >>> field_owners("Cơ quan phối hợp: Sở Nội vụ và Công an tỉnh.", field_at("Cơ quan phối hợp: Sở Nội vụ và Công an tỉnh.", 0))
    ['Sở Nội vụ', 'Công an tỉnh']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nlp import lexicon
from nlp.owners import is_predicate_start, owners_in_list, person_title, split_owners, subject_at

DATA = Path(__file__).parent / "data" / "item_fields.json"
_MAX_LIST_WORDS = 60  # a value without an owner head longer than this is prose, not a list


@dataclass(frozen=True, slots=True)
class Field:
    """One attribute line: its role and the offsets of its value (after the colon)."""

    role: str  # task | owner | co_owner | deadline | other
    start: int
    value_start: int
    value_end: int


def _data() -> dict:
    return lexicon.item_fields()


def _alternation(labels: list[str]) -> str:
    words = sorted(set(labels), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


@cache
def _field_re() -> tuple[re.Pattern[str], dict[str, str]]:
    roles: dict[str, str] = {}
    for entry in _data()["fields"]:
        for label in entry["labels"]:
            roles[" ".join(label.split())] = entry["role"]
    rx = re.compile(rf"[*\s]*(?P<label>{_alternation(list(roles))})[*\s]*:[*\s]*", re.IGNORECASE)
    return rx, roles


@cache
def _composed_re() -> re.Pattern[str]:
    """An owner or co-owner label made of its parts (``data/field_label_parts.json``): holders,
    an optional passive, a role and its tails (``Cơ quan, đơn vị được giao chủ trì``)."""
    def alt(key: str) -> str:
        return _alternation(list(lexicon.word_list("field_label_parts.json", key)))

    holder = rf"(?:{alt('holders')})"
    return re.compile(
        rf"[*\s]*(?P<label>{holder}(?:\s*(?:,|/|\svà)\s*{holder})*(?:\s+(?:{alt('assigned')}))?"
        rf"\s+(?:(?P<co>{alt('co_owner_roles')})|{alt('owner_roles')})(?:\s*,?\s*(?:{alt('tails')}))*)"
        r"[*\s]*:[*\s]*",
        re.IGNORECASE,
    )


def _label_at(text: str, start: int, end: int) -> tuple[re.Match[str], str] | None:
    """The label opening ``text[start:end]`` and its role: a literal label of item_fields.json,
    else one composed of its parts (then owner, or co_owner for a co-operating role)."""
    rx, roles = _field_re()
    m = rx.match(text, start, end)
    if m:
        return m, roles[" ".join(m.group("label").lower().split())]
    m = _composed_re().match(text, start, end)
    if m:
        return m, "co_owner" if m.group("co") else "owner"
    return None


@cache
def _sentence_re() -> re.Pattern[str]:
    return re.compile(rf"[*\s]*(?:{_alternation(_data()['sentence_labels'])})(?!\w)", re.IGNORECASE)


def field_at(text: str, start: int, end: int | None = None) -> Field | None:
    """The attribute line opening ``text[start:end]`` (label, colon, value), or None."""
    end = len(text) if end is None else end
    found = _label_at(text, start, end)
    if found is None:
        return None
    m, role = found
    value_end = end
    while value_end > m.end() and text[value_end - 1] in " \n\t":
        value_end -= 1
    return Field(role, start, m.end(), value_end)


def inline_fields(text: str, start: int, end: int) -> list[Field]:
    """Attribute lines written inside an item's own paragraph, after its instruction
    (``1. Rà soát thủ tục. Cơ quan chủ trì: Sở Tư pháp; cơ quan phối hợp: các sở, ngành;
    thời gian hoàn thành: quý II/2025.``): each label opens a clause (after ``.`` or ``;``) and
    its value runs to the next label. [] when the paragraph opens with a label itself or holds
    none."""
    found: list[Field] = []
    for m in re.finditer(r"[.;]\s+", text[start:end]):
        at = start + m.end()
        f = field_at(text, at, end)
        if f is not None:
            found.append(f)
    out: list[Field] = []
    for i, f in enumerate(found):
        stop = found[i + 1].start if i + 1 < len(found) else f.value_end
        while stop > f.value_start and text[stop - 1] in " .;,\n\t":
            stop -= 1
        out.append(Field(f.role, f.start, f.value_start, stop))
    return out


def is_deadline_sentence(text: str, start: int, end: int) -> bool:
    """A prose sentence that dates the task before it: ``Thời gian hoàn thành ..., chậm nhất ...``."""
    return bool(_sentence_re().match(text, start, end))


def field_owners(text: str, field: Field) -> list[str]:
    """The bodies an owner or co-owner line names; each ``;`` part may be a clause
    (``Sở A rà soát ...; Sở B tổng hợp ...``) whose subject is the owner."""
    out: list[str] = []
    pos = field.value_start
    for part in re.split(r"(;)", text[field.value_start : field.value_end]):
        s, e = pos, pos + len(part)
        pos = e
        if part == ";":
            continue
        while s < e and text[s] in " \n\t*":
            s += 1
        if s >= e:
            continue
        if field_at(text, s, e) is not None:
            continue  # "Chủ trì: Sở A; phối hợp: Sở B": another field on the same line
        person = person_title(text, s, e)
        if person:  # "Đơn vị chủ trì: Đồng chí Phó Chủ tịch, phụ trách lĩnh vực X": one person
            if person not in out:
                out.append(person)
            continue
        phrase = subject_at(text, s, e)
        listed = owners_in_list(text, s, e)
        if listed is not None and len(listed.text.split()) > _MAX_LIST_WORDS:
            listed = None
        if phrase is None or (listed is not None and listed.end > phrase.end and _list_goes_on(text, phrase.end)):
            # A value is a list, not a clause: "các cơ quan báo chí, phát thanh, truyền hình khác".
            phrase = listed
        if phrase is None:
            continue
        for name in split_owners(phrase.text):
            if name and name not in out:
                out.append(name)
    return out


def _list_goes_on(text: str, pos: int) -> bool:
    """Whether the owner list continues after ``pos`` (a comma part, no predicate)."""
    m = re.compile(r"\s*,\s*").match(text, pos)
    return bool(m) and not is_predicate_start(text, m.end())
