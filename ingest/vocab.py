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
    first: frozenset[str] | None = None  # what a match can start with (see first_chars, markers_for)


@cache
def markers() -> tuple[Marker, ...]:
    data = _load_json("markers.json")
    out = []
    for i, entry in enumerate(data["markers"]):
        rx = _compile("markers.json", f"markers[{i}]", entry["pattern"])
        out.append(Marker(entry["kind"], int(entry["rank"]), rx, entry.get("prefix"), first_chars(rx)))
    return tuple(out)


@cache
def markers_for(first: str) -> tuple[Marker, ...]:
    """The markers, in order, that a line opening with the character ``first`` (``""`` for an
    empty line) can match: the others are not tried (see :func:`first_chars`).

    >>> [m.kind for m in markers_for("Đ")]
    ['article']
    """
    return tuple(m for m in markers() if m.first is None or may_start(m.first, first))


_MAX_RANGE = 4096  # a wider character range is not spelled out (the pattern is always tried)
DECIMAL = "\\d"  # in a first_chars set: any decimal digit (re's \d, str.isdecimal)


def may_start(first: frozenset[str], line: str) -> bool:
    """Whether ``line`` begins with a character of ``first`` (see :func:`first_chars`).

    >>> may_start(frozenset({"Đ"}), "Điều 1."), may_start(frozenset({DECIMAL}), "١."), may_start(frozenset({"a"}), "")
    (True, True, False)
    """
    if not line:
        return False
    ch = line[0]
    return ch in first or (DECIMAL in first and ch.isdecimal())


def first_chars(rx: re.Pattern[str]) -> frozenset[str] | None:
    r"""The characters a match of ``rx`` at the start of a string can begin with (``DECIMAL``
    for any decimal digit), or ``None`` when that is not known (any character, an empty
    match, case folding, a construct this does not read). A superset: a lookahead is read
    as what the next character must be, a negative lookahead or a lookbehind as absent.
    Lets a caller skip the patterns a line cannot match without running them (see
    :func:`may_start`).

    >>> sorted(first_chars(re.compile(r"^(?:Điều|ĐIỀU)\s+\d")))
    ['Đ']
    >>> sorted(first_chars(re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.")))
    ['I', 'V', 'X']
    >>> sorted(first_chars(re.compile(r"^(?:Số\s*)?\d{1,3}\.")))
    ['S', '\\d']
    >>> first_chars(re.compile(r"^\s*\d")) is None, first_chars(re.compile(r"a?")) is None
    (True, True)
    """
    try:
        from re import _parser  # the parser re compiles with (3.11+)

        if rx.flags & re.IGNORECASE:
            return None
        chars, nullable = _first_of_sequence(_parser.parse(rx.pattern, rx.flags), _parser)
    except Exception:  # noqa: BLE001 - an unknown construct: always try the pattern
        return None
    return None if chars is None or nullable else frozenset(chars)


def _first_of_sequence(items, p) -> tuple[set[str] | None, bool]:  # noqa: ANN001 - re._parser types
    """(first characters or None for any, whether the sequence can match empty)."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of_item(op, av, p)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _first_of_item(op, av, p) -> tuple[set[str] | None, bool]:  # noqa: ANN001, C901 - re._parser types
    c = p  # the opcodes live in re._constants, re-exported by re._parser
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] <= _MAX_RANGE:
                chars.update(chr(x) for x in range(value[0], value[1] + 1))
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars.add(DECIMAL)
            else:  # NEGATE, another category, a wide range
                return None, False
        return chars, False
    if op is c.ASSERT and av[0] == 1:
        # a lookahead here: the next character is one it can start with, whatever follows
        chars_a, nullable_a = _first_of_sequence(av[1], p)
        return (chars_a, False) if chars_a is not None and not nullable_a else (set(), True)
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True  # zero width, read as absent
    if op is c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            return None, False
        return _first_of_sequence(sub, p)
    if op is c.BRANCH:
        out: set[str] = set()
        any_empty = False
        for branch in av[1]:
            chars_b, nullable = _first_of_sequence(branch, p)
            if chars_b is None:
                return None, False
            out |= chars_b
            any_empty = any_empty or nullable
        return out, any_empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        chars_r, nullable = _first_of_sequence(sub, p)
        return chars_r, nullable or low == 0
    return None, False


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
