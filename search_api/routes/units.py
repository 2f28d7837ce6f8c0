"""Routes: the register of units (đơn vị) and an administrator's changes to it.

    GET  /units                   every unit: key, display name, alias keys, written forms, counts
    GET  /units/{key}             one unit (any of its keys) with on-time / late counts
    POST /units/merge             {"sources": [keys], "target": key, "name": "..."} (administrator)
    POST /units/{key}/rename      {"name": "..."} (administrator)
    POST /units/{key}/split       {"task_ids": [...], "name": "..."} (administrator)

Changes are applied to every task through the edit log (one edit per task, actor = the
administrator), so history keeps them and the index follows.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from search_api.openapi import READ, example, problems
from search_api.security import AdminKey, ReaderKey
from search_api.tracking.errors import OwnerNotFound
from search_api.tracking.queries import TaskFilters
from search_api.tracking.web import ServiceDep, app_settings
from search_api.units import Unit, build_register, open_units
from search_api.units.ops import UnitChange, merge_units, rename_unit, split_unit
from search_api.units.register import find_unit

router = APIRouter(prefix="/units", tags=["units"])


UNIT = {"key": "tong cuc thi hanh an dan su", "name": "Tổng cục THADS",
        "keys": ["tong cuc thi hanh an dan su", "tổng cục thi hành án dân sự"],
        "names": ["Tổng cục THADS", "Tổng cục Thi hành án dân sự"], "total": 64, "open": 63, "overdue": 59,
        "done": 1}
UNITS = {"data": [UNIT], "count": 1, "today": "2026-12-03"}
SUMMARY = {**UNIT, "on_time": 0, "late": 1, "done_undated": 0}
CHANGE = {"key": "tong cuc thi hanh an dan su", "name": "Tổng cục THADS", "edited": 12, "unchanged": 0,
          "failed": []}
KeyPath = Annotated[str, Path(description="A unit's key (any of its keys, see GET /units)",
                              examples=["tong cuc thi hanh an dan su"])]
ADMIN_PROBLEMS = (401, 403, 404, 422, 503)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"sources": ["cục thads tỉnh"], "target": "tong cuc thi hanh an dan su", "name": "Tổng cục THADS"}]})
    sources: list[str] = Field(min_length=1, max_length=50)
    target: str = Field(min_length=1, max_length=300)
    name: str | None = Field(default=None, max_length=300)


class RenameIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "Tổng cục Thi hành án dân sự"}]})
    name: str = Field(min_length=1, max_length=300)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"task_ids": ["9f2c1e0a7b3d4c5e:3.2:1a2b3c4d"], "name": "Cục THADS tỉnh Bắc Ninh"}]})
    task_ids: list[str] = Field(min_length=1, max_length=2000)
    name: str = Field(min_length=1, max_length=300)


def register(request: Request, svc: Any) -> list[Unit]:
    """The units: every owner (chủ trì) with its counts, and the co-owners (phối hợp) that are
    nobody's owner, so both fields of the task form choose from one register."""
    store = open_units(app_settings(request))
    rows = svc.owners()
    known = {r["key"] for r in rows}
    rows += [{"key": key, "name": key, "total": 0, "open": 0, "overdue": 0, "done": 0}
             for key, _count in svc.co_owner_keys() if key not in known]
    return build_register(rows, store.aliases(), store.names())


def unit_or_404(request: Request, svc: Any, key: str) -> Unit:
    unit = find_unit(register(request, svc), key)
    if unit is None:
        raise OwnerNotFound(key)
    return unit


def unit_counts(svc: Any, unit: Unit) -> dict[str, int]:
    """open / overdue / done on time / done late / done without a deadline for one unit."""
    done = svc.timeliness_counts(TaskFilters(owner=unit.keys))
    return {"total": unit.total, "open": unit.open, "overdue": unit.overdue, "done": unit.done,
            "on_time": done["on_time"], "late": done["late"], "done_undated": done["undated"]}


def _change(report: UnitChange) -> dict[str, Any]:
    return {"edited": len(report.edited), "unchanged": len(report.unchanged), "failed": report.failed}


@router.get("", summary="The register of units with their counts", responses={**example(UNITS), **problems(*READ)})
def list_units(request: Request, _key: ReaderKey, svc: ServiceDep) -> dict[str, Any]:
    units = register(request, svc)
    return {"data": [u.as_dict() for u in units], "count": len(units), "today": svc.today}


@router.get("/{key:path}/summary", summary="One unit with on-time / late counts",
            responses={**example(SUMMARY), **problems(401, 404, 422, 503, d404="No unit has this key")})
def read_unit(request: Request, key: KeyPath, _key: ReaderKey, svc: ServiceDep) -> dict[str, Any]:
    unit = unit_or_404(request, svc, key)
    return {**unit.as_dict(), **unit_counts(svc, unit)}


@router.post("/merge", summary="Merge units into one (administrator)",
             responses={**example(CHANGE), **problems(*ADMIN_PROBLEMS, d404="No unit has this key")})
def merge(request: Request, admin: AdminKey, svc: ServiceDep, body: Annotated[MergeIn, Body()]) -> dict[str, Any]:
    units = register(request, svc)
    target = find_unit(units, body.target)
    if target is None:
        raise OwnerNotFound(body.target)
    keys = set(target.keys)
    for source in body.sources:
        unit = find_unit(units, source)
        if unit is None:
            raise OwnerNotFound(source)
        keys.update(unit.keys)
    keys.discard(target.key)
    report = merge_units(svc, open_units(app_settings(request)), sorted(keys), target=target.key,
                         name=body.name or target.name, actor=admin.name)
    return {"key": target.key, "name": body.name or target.name, **_change(report)}


@router.post("/{key:path}/rename", summary="Rename a unit on every task (administrator)",
             responses={**example(CHANGE), **problems(*ADMIN_PROBLEMS, d404="No unit has this key")})
def rename(request: Request, key: KeyPath, admin: AdminKey, svc: ServiceDep,
           body: Annotated[RenameIn, Body()]) -> dict[str, Any]:
    unit = unit_or_404(request, svc, key)
    name = " ".join(body.name.split())
    report = rename_unit(svc, open_units(app_settings(request)), unit.key, unit.keys, name=name, actor=admin.name)
    return {"key": unit.key, "name": name, **_change(report)}


@router.post("/{key:path}/split", summary="Move some tasks of a unit to a new unit (administrator)",
             responses={**example(CHANGE), **problems(*ADMIN_PROBLEMS, d404="No unit has this key")})
def split(request: Request, key: KeyPath, admin: AdminKey, svc: ServiceDep,
          body: Annotated[SplitIn, Body()]) -> dict[str, Any]:
    unit = unit_or_404(request, svc, key)
    name = " ".join(body.name.split())
    new_key, report = split_unit(svc, open_units(app_settings(request)), unit.keys, body.task_ids,
                                 name=name, actor=admin.name)
    return {"key": new_key, "name": name, **_change(report)}
