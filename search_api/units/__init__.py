"""The register of units (đơn vị): canonical units built from the owners extraction found,
their aliases merged, display names as the documents write them, and an administrator's
rename / merge / split applied to every task through the edit log.

* ``build_register(owner_rows, overrides) -> list[Unit]`` (pure, see ``register``)
* ``UnitStore`` — the administrator's aliases and names (same database as the edit log)
* ``merge_units``, ``rename_unit``, ``split_unit`` (``ops``) — one edit per task, actor = admin
"""

from __future__ import annotations

from search_api.units.register import Unit, build_register, display_name, unit_slug
from search_api.units.store import UnitStore, open_units

__all__ = ["Unit", "UnitStore", "build_register", "display_name", "open_units", "unit_slug"]
