"""Owners as the implementation trace compares them: the body a name stands for (a person's
title cut off), what kind of body it is (a ministry, a province's body), and whether it names
one body or a set of them ("các bộ, ngành", "Ủy ban nhân dân các tỉnh, thành phố").

An instruction is carried out by the body it is given to, or by a member of the set it is
given to; one given to another specific body is unlikely carried out by this task. Settings
in data/trace_owners.json.

>>> relation([body("Bộ trưởng Bộ Xây dựng")], [body("Bộ Xây dựng")])
'same'
>>> relation([body("Ủy ban nhân dân tỉnh Gia Lai")], [body("Ủy ban nhân dân các tỉnh, thành phố")])
'member'
>>> relation([body("Bộ Tài chính")], [body("Bộ Công an")])
'other'
>>> relation([], [body("Bộ Công an")])
''
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from search_api.legal.trace_words import fold

_DATA = Path(__file__).parent / "data" / "trace_owners.json"
ANY = "*"  # the kind of a set naming no kind: every body


@dataclass(frozen=True, slots=True)
class Body:
    key: str  # folded name, title cut off ("bo xay dung")
    kinds: frozenset[str]  # a body's kind (none or one); a set's kinds (ANY: every kind)
    is_set: bool


@dataclass(frozen=True, slots=True)
class _Rules:
    roles: tuple[str, ...]  # folded, longest first
    roles_alone: dict[str, str]
    kinds: dict[str, tuple[str, ...]]
    set_words: re.Pattern[str]
    set_kinds: dict[str, re.Pattern[str]]


def _words(phrases: Iterable[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(fold(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


@cache
def _rules() -> _Rules:
    data: Any = json.loads(_DATA.read_text(encoding="utf-8"))
    return _Rules(tuple(sorted((fold(r) for r in data["roles"]), key=len, reverse=True)),
                  {fold(k): v for k, v in data["roles_alone"].items()},
                  {k: tuple(fold(p) for p in v) for k, v in data["kinds"].items()},
                  _words(data["set_words"]),
                  {k: _words(v) for k, v in data["set_kinds"].items()})


@lru_cache(maxsize=4096)
def body(name: str) -> Body:
    """The body (or set of bodies) an owner's name stands for."""
    r = _rules()
    key = " ".join(re.sub(r"[^\w]+", " ", fold(name)).split())
    if key in r.roles_alone:
        return Body(key, frozenset({r.roles_alone[key]}), True)
    cut = True
    while cut:
        cut = False
        for role in r.roles:
            if key.startswith(role + " "):
                key, cut = key[len(role) + 1:], True
                break
    if key in r.roles_alone:
        return Body(key, frozenset({r.roles_alone[key]}), True)
    if r.set_words.search(key):
        kinds = frozenset(k for k, pat in r.set_kinds.items() if pat.search(key))
        return Body(key, kinds or frozenset({ANY}), True)
    kind = next((k for k, prefixes in r.kinds.items() if any(key == p or key.startswith(p + " ") for p in prefixes)),
                None)
    return Body(key, frozenset({kind}) if kind else frozenset(), False)


def bodies(names: Iterable[str], issuer: str | None = None) -> tuple[Body, ...]:
    """The bodies of a task's owners. A downstream document's ``issuer`` of a kind (a
    ministry, a province) is added when the owners are all units of no kind ("Vụ Pháp chế",
    "Cục Báo chí"): a ministry's letter gives its own instructions to its units."""
    out = [body(n) for n in names]
    if issuer and out and all(not b.kinds and not b.is_set for b in out):
        b = body(issuer)
        if b.kinds and not b.is_set:
            out.append(b)
    return tuple(out)


def _covers(group: Body, member: Body) -> bool:
    return group.is_set and (ANY in group.kinds or not group.kinds.isdisjoint(member.kinds))


def relation(down: Sequence[Body], up: Sequence[Body]) -> str:
    """``same`` (a body or set named on both sides), ``member`` (one side's set includes a
    body of the other), ``other`` (none of them related, the upstream owners all of a kind
    and one downstream owner at least) or ``""`` (a side names no owner, an upstream owner is
    of no kind - a Party committee's instruction is carried out by bodies it does not name -,
    or the downstream ones are all units of no kind)."""
    if not down or not up:
        return ""
    if not {d.key for d in down}.isdisjoint(u.key for u in up):
        return "same"
    if any(_covers(u, d) or _covers(d, u) for d in down for u in up):
        return "member"
    return "other" if all(u.kinds for u in up) and any(d.kinds for d in down) else ""
