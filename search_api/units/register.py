"""Units from owner summaries (``TaskService.owners``): pure, testable on plain rows.

Two owner keys are the same unit when their accent-free folds match (``owner_key`` already folds
case, tone placement and abbreviations such as THADS), or when an administrator made one an
alias of the other. A unit's key is the key most of its tasks carry; its name is the written
form most tasks use (first letter upper case, commas as written) unless an administrator
renamed it.

>>> rows = [{"key": "các bộ", "name": "các bộ", "total": 3, "open": 3, "overdue": 1, "done": 0},
...         {"key": "cac bo", "name": "Các bộ", "total": 1, "open": 0, "overdue": 0, "done": 1}]
>>> [(u.key, u.name, u.total, u.keys) for u in build_register(rows)]
[('các bộ', 'Các bộ', 4, ('các bộ', 'cac bo'))]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from search_api.text import fold


@dataclass(slots=True)
class Unit:
    key: str  # the canonical owner key (the one most tasks carry)
    name: str  # display name
    keys: tuple[str, ...] = ()  # every owner key of the unit, canonical first
    names: tuple[str, ...] = ()  # written forms, most frequent first
    total: int = 0
    open: int = 0
    overdue: int = 0
    done: int = 0
    renamed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def fragment(self) -> bool:
        """Not a unit by itself ("Cục", "chính quyền"): shown for an administrator to review."""
        slug = unit_slug(self.key)
        return not self.renamed and (len(slug.split()) <= 1 or slug in fragments())

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "keys": list(self.keys), "names": list(self.names),
                "total": self.total, "open": self.open, "overdue": self.overdue, "done": self.done,
                "fragment": self.fragment}


FRAGMENTS = Path(__file__).resolve().parents[1] / "data" / "unit_fragments.json"


class RegisterDataError(ValueError):
    """``unit_fragments.json`` is not a list of texts."""


@cache
def fragments() -> frozenset[str]:
    raw = json.loads(FRAGMENTS.read_text(encoding="utf-8")).get("fragments")
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise RegisterDataError(f"{FRAGMENTS}: 'fragments' must be a list of non-empty texts")
    return frozenset(unit_slug(x) for x in raw)


def unit_slug(key: str) -> str:
    """Accent-free, punctuation-free fold of an owner key (what makes two keys one unit).

    >>> unit_slug("uỷ ban nhân dân các xã, phường") == unit_slug("UBND cac xa phuong".replace("UBND", "uy ban nhan dan"))
    True
    """
    return " ".join(re.sub(r"[^\w\s/]", " ", fold(key)).split())


def display_name(written: str) -> str:
    """A written form fit for a list: spaces collapsed, first letter upper case.

    >>> display_name("uỷ ban nhân dân các xã,  phường")
    'Uỷ ban nhân dân các xã, phường'
    """
    name = " ".join(written.split())
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def _resolve(key: str, aliases: Mapping[str, str]) -> str:
    seen = {key}
    while key in aliases and aliases[key] not in seen:
        key = aliases[key]
        seen.add(key)
    return key


def build_register(rows: Iterable[Mapping[str, Any]], aliases: Mapping[str, str] | None = None,
                   names: Mapping[str, str] | None = None) -> list[Unit]:
    """Units from owner rows ``{key, name, total, open, overdue, done}``, sorted by name.

    ``aliases``: owner key -> the key of the unit it was merged into; ``names``: unit key ->
    the name an administrator gave it.
    """
    aliases, names = aliases or {}, names or {}
    groups: dict[str, list[Mapping[str, Any]]] = {}
    target_slug: dict[str, str] = {}
    for row in rows:
        key = str(row["key"])
        target = _resolve(key, aliases)
        slug = target_slug.setdefault(target, unit_slug(target))
        groups.setdefault(slug, []).append({**row, "_target": target})
    units = []
    for members in groups.values():
        members.sort(key=lambda r: (-int(r.get("total") or 0), str(r["key"])))
        targets = [r["_target"] for r in members if r["_target"] != r["key"]]
        key = targets[0] if targets else str(members[0]["key"])
        keys = tuple(dict.fromkeys([key, *(str(r["key"]) for r in members)]))
        written = tuple(dict.fromkeys(str(r.get("name") or r["key"]) for r in members))
        name = names.get(key) or display_name(written[0])
        units.append(Unit(key=key, name=name, keys=keys, names=written,
                          total=sum(int(r.get("total") or 0) for r in members),
                          open=sum(int(r.get("open") or 0) for r in members),
                          overdue=sum(int(r.get("overdue") or 0) for r in members),
                          done=sum(int(r.get("done") or 0) for r in members),
                          renamed=key in names))
    units.sort(key=lambda u: fold(u.name))
    return units


def find_unit(units: Iterable[Unit], key: str) -> Unit | None:
    """The unit one of whose keys is ``key`` (or whose slug matches it)."""
    slug = unit_slug(key)
    for unit in units:
        if key in unit.keys or unit_slug(unit.key) == slug:
            return unit
    return None
