"""Versioned concrete indices behind aliases.

Key concepts (after elasticsearch-py's ``alias_migration.py``):

- every logical index has an alias ``{prefix}-{name}`` (what all reads and writes use);
- concrete indices are ``{prefix}-{name}-v{VERSION}-{timestamp}``, created with an explicit
  body from :mod:`search_api.search.es.schema` (no index templates);
- :func:`setup` creates the first concrete index of each alias when none exists;
- :func:`migrate` creates a new concrete index, fills it (server-side ``_reindex`` from the
  alias, or a caller-supplied loader that rebuilds from the data directory), refreshes, then
  swaps the alias with ONE ``update_aliases`` call (remove + add) and deletes the old index.
  Writes made to the old index while a migration runs may be lost: the data directory is the
  source of truth and a rebuild replays it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from elasticsearch import Elasticsearch, NotFoundError

from search_api.search.es.schema import SPECS, IndexSpec


@dataclass(frozen=True, slots=True)
class Aliases:
    """Alias names for one deployment (``ES_INDEX_PREFIX``)."""

    prefix: str = "directives"

    def alias(self, name: str) -> str:
        return f"{self.prefix}-{name}"

    @property
    def documents(self) -> str:
        return self.alias("documents")

    @property
    def tasks(self) -> str:
        return self.alias("tasks")

    @property
    def citations(self) -> str:
        return self.alias("citations")

    def pattern(self, name: str) -> str:
        return f"{self.alias(name)}-v*"


def concrete_name(aliases: Aliases, spec: IndexSpec) -> str:
    """``directives-tasks-v1-20240101120000123456`` (microseconds keep names unique)."""
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime()) + f"{time.time_ns() // 1000 % 1_000_000:06d}"
    return f"{aliases.alias(spec.name)}-v{spec.version}-{stamp}"


def current_index(es: Elasticsearch, alias: str) -> str | None:
    """The concrete index behind ``alias``, or None when the alias does not exist."""
    try:
        found = es.indices.get_alias(name=alias)
    except NotFoundError:
        return None
    names = sorted(found.body if hasattr(found, "body") else found)
    return names[-1] if names else None


def create_index(es: Elasticsearch, aliases: Aliases, spec: IndexSpec) -> str:
    """Create a new concrete index for ``spec`` with its explicit body; return its name."""
    name = concrete_name(aliases, spec)
    body = spec.body()
    es.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
    return name


def setup(es: Elasticsearch, aliases: Aliases, names: Iterable[str] = SPECS) -> dict[str, str]:
    """Make sure each alias points at a concrete index; create the first one if missing.

    Returns ``{name: concrete index}``. Idempotent.
    """
    out: dict[str, str] = {}
    for name in names:
        spec = SPECS[name]
        alias = aliases.alias(name)
        index = current_index(es, alias)
        if index is None:
            index = create_index(es, aliases, spec)
            es.indices.update_aliases(actions=[{"add": {"index": index, "alias": alias}}])
        out[name] = index
    return out


def needs_migration(es: Elasticsearch, aliases: Aliases) -> list[str]:
    """Names whose current concrete index has an older schema ``VERSION`` than the code."""
    stale = []
    for name, spec in SPECS.items():
        index = current_index(es, aliases.alias(name))
        if index is not None and f"-v{spec.version}-" not in index:
            stale.append(name)
    return stale


Loader = Callable[[str], int]
"""Fills a freshly created concrete index (given its name); returns how many docs it wrote."""


def migrate(
    es: Elasticsearch,
    aliases: Aliases,
    name: str,
    *,
    loader: Loader | None = None,
    delete_old: bool = True,
) -> str:
    """Create a new concrete index for ``name``, fill it, swap the alias atomically.

    ``loader`` rebuilds from the source of truth; without it the server copies the current
    alias with ``_reindex``. Returns the new concrete index name.
    """
    spec = SPECS[name]
    alias = aliases.alias(name)
    old = current_index(es, alias)
    new = create_index(es, aliases, spec)
    try:
        if loader is not None:
            loader(new)
        elif old is not None:
            es.reindex(
                source={"index": alias}, dest={"index": new}, refresh=True, wait_for_completion=True
            )
        es.indices.refresh(index=new)
    except Exception:
        es.indices.delete(index=new)
        raise
    actions: list[dict] = []
    if old is not None:
        actions.append({"remove": {"index": old, "alias": alias}})
    actions.append({"add": {"index": new, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    if old is not None and delete_old:
        es.indices.delete(index=old)
    return new


def drop_all(es: Elasticsearch, aliases: Aliases) -> None:
    """Delete every concrete index of this prefix (tests and ``reindex --from-scratch``)."""
    for name in SPECS:
        try:
            found = es.indices.get(index=aliases.pattern(name))
        except NotFoundError:
            continue
        for index in found:
            es.indices.delete(index=index)


def create_all(es: Elasticsearch, aliases: Aliases, names: Iterable[str] = SPECS) -> dict[str, str]:
    """A new, empty concrete index for each name (not yet behind its alias)."""
    return {name: create_index(es, aliases, SPECS[name]) for name in names}


def swap_all(es: Elasticsearch, aliases: Aliases, new: dict[str, str], *, delete_old: bool = True) -> None:
    """Point every alias at its new index in ONE ``update_aliases`` call, then drop the old."""
    actions: list[dict] = []
    old: list[str] = []
    for name, index in new.items():
        alias = aliases.alias(name)
        current = current_index(es, alias)
        if current is not None:
            actions.append({"remove": {"index": current, "alias": alias}})
            old.append(current)
        actions.append({"add": {"index": index, "alias": alias}})
    es.indices.update_aliases(actions=actions)
    if delete_old:
        for index in old:
            es.indices.delete(index=index)


def counts(es: Elasticsearch, aliases: Aliases) -> dict[str, int | None]:
    """Documents per alias (None when the alias is missing)."""
    out: dict[str, int | None] = {}
    for name in SPECS:
        try:
            out[name] = int(es.count(index=aliases.alias(name))["count"])
        except NotFoundError:
            out[name] = None
    return out
