"""Loads the vocabulary files in ``ingest/data/`` once, compiled, with clear errors.

Every regex and word list used by normalisation, header parsing, zones, sections and tables
lives in a data file; this module is the only place that reads them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


class DataFileError(ValueError):
    """A vocabulary file is missing or malformed (names the file and the reason)."""


def _load_json(name: str) -> dict:
    path = DATA / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path}: cannot load ({exc})") from exc


def _compile(file: str, key: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{DATA / file}: entry {key!r} is not a valid regex ({exc})") from exc


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    rank: int
    regex: re.Pattern[str]
    prefix: str | None


@cache
def markers() -> tuple[Marker, ...]:
    data = _load_json("markers.json")
    out = []
    for i, entry in enumerate(data["markers"]):
        rx = _compile("markers.json", f"markers[{i}]", entry["pattern"])
        out.append(Marker(entry["kind"], int(entry["rank"]), rx, entry.get("prefix")))
    return tuple(out)


@cache
def marker_letters() -> tuple[str, str]:
    """(Vietnamese letter order for ``a)`` points, letters used to name dashes)."""
    data = _load_json("markers.json")
    return data["letter_order"], data["dash_letters"]


@cache
def labels() -> dict:
    """header_labels.json with every ``pattern`` compiled into ``rx``."""
    data = _load_json("header_labels.json")
    out: dict = {}
    for key, value in data.items():
        if isinstance(value, dict) and "pattern" in value:
            value = dict(value)
            pattern = value["pattern"]
            if key == "leader_directive":
                pattern = pattern.replace("$titles", "|".join(value["titles"])).replace(
                    "$heads", "|".join(re.escape(h) for h in value["heads"])
                )
            value["rx"] = _compile("header_labels.json", key, pattern)
        out[key] = value
    return out


def label(key: str) -> re.Pattern[str]:
    return labels()[key]["rx"]


@cache
def doc_types() -> dict[str, str]:
    """Upper-case type name -> canonical name (``"QUYẾT ĐỊNH"`` -> ``"Quyết định"``)."""
    data = _load_json("doc_types.json")
    return {t["name"].upper(): t["name"] for t in data["types"]}


@cache
def news_type() -> str:
    return _load_json("doc_types.json")["news"]


@cache
def boilerplate() -> frozenset[str]:
    path = DATA / "boilerplate.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot load ({exc})") from exc
    return frozenset(
        " ".join(line.split()).casefold() for line in lines if line.strip() and not line.startswith("#")
    )


@cache
def table_roles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = _load_json("table_headers.json")
    return tuple((r["role"], tuple(c.casefold() for c in r["cues"])) for r in data["roles"])


@cache
def abbreviations() -> frozenset[str]:
    return frozenset(labels()["abbreviations"])


@cache
def cell_patterns() -> dict[str, re.Pattern[str]]:
    """layout_cells.json: break points inside a flattened header or signature cell."""
    data = _load_json("layout_cells.json")
    return {
        key: _compile("layout_cells.json", key, value["pattern"])
        for key, value in data.items()
        if isinstance(value, dict) and "pattern" in value
    }
