"""Load, validate and cache the data files in ``nlp/data``.

Every loader validates its file with a pydantic schema and raises ``DataFileError`` naming
the file, the entry and the reason. Results are cached: data files are read once per process.

>>> pattern("reference_patterns.json", "id").search("Chỉ thị số 04-CT/TW").group(0)
'04-CT/TW'
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nlp.patterns import TemplateError, alternation, compile_template, either_placement_pattern

DATA_DIR = Path(__file__).parent / "data"


class DataFileError(ValueError):
    """A data file is missing, malformed or contradicts its own examples."""

    def __init__(self, file: str, reason: str, entry: str | None = None) -> None:
        where = f"{file}" + (f" [{entry}]" if entry else "")
        super().__init__(f"{where}: {reason}")
        self.file, self.entry, self.reason = file, entry, reason


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PatternEntry(_Strict):
    """One regex template with the texts it must and must not find."""

    name: str
    comment: str | None = Field(default=None, alias="#")
    regex: str
    ignore_case: bool = False
    examples: list[str] = Field(min_length=1)
    counter_examples: list[str] = Field(default_factory=list)
    # optional fields used by some files
    kind: str | None = None
    relation: str | None = None
    max_gap: int | None = None
    scope: str | None = None
    # a plain regex every match contains: a text without it is not searched (speed only)
    requires: str | None = None


class DocType(_Strict):
    name: str
    words: list[str]
    state_codes: list[str] = Field(default_factory=list)
    party_codes: list[str] = Field(default_factory=list)
    named: Literal["any", "capitalized", "never"]
    bare_with_year: bool = False
    # type words that also name campaigns: a quoted name after them is a reference only
    # with a citation after it (``Chương trình “Xóa nhà tạm, nhà dột nát”`` is not)
    quoted_campaign_words: list[str] = Field(default_factory=list)
    examples: list[str] = Field(min_length=1)


class _VariablesFile(_Strict):
    comment: str | None = Field(default=None, alias="#")
    variables: dict[str, str]


class _PatternsFile(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    comment: str | None = Field(default=None, alias="#")
    patterns: list[PatternEntry]


class _DocTypesFile(_Strict):
    comment: str | None = Field(default=None, alias="#")
    types: list[DocType]
    abbreviated_words: dict[str, str]
    extra_codes: dict[str, Any]


class _IssuersFile(_Strict):
    comment: str | None = Field(default=None, alias="#")
    state: dict[str, str]
    party: dict[str, str]
    heads: dict[str, Any]
    inner_words: dict[str, Any]
    generic: dict[str, Any]
    end_words: dict[str, Any]


class OwnerHead(_Strict):
    """A head that opens the name of a body, office-holder or generic owner (agencies.jsonl)."""

    comment: str | None = Field(default=None, alias="#")
    head: str = Field(min_length=1)
    kind: Literal["body", "holder", "generic", "person"]
    bare: bool = True  # may stand alone ("Cục"); else a name must follow ("Thanh tra tỉnh")
    examples: list[str] = Field(default_factory=list)
    # the head is written at the start of a sentence and inside one alike ("Các sở" / "các sở"):
    # the loader adds the head with the other case of its first letter
    both_cases: bool = False


class OwnerPattern(_Strict):
    """A regex that bounds, splits or cleans an owner name (owner_patterns.jsonl)."""

    comment: str | None = Field(default=None, alias="#")
    kind: str = Field(min_length=1)
    pattern: str
    examples: list[str] = Field(default_factory=list)
    counter_examples: list[str] = Field(default_factory=list)


class _WordGroup(_Strict):
    comment: str | None = Field(default=None, alias="#")
    words: list[str] = Field(min_length=1)


class _ItemField(_Strict):
    role: Literal["task", "owner", "co_owner", "deadline", "other"]
    labels: list[str] = Field(min_length=1)
    examples: list[str] = Field(default_factory=list)


class _ItemFieldsFile(_Strict):
    comment: str | None = Field(default=None, alias="#")
    fields: list[_ItemField]
    sentence_labels: list[str]
    counter_examples: list[str] = Field(default_factory=list)


def _read_jsonl(file: str, model: type[BaseModel]) -> list[Any]:
    path = DATA_DIR / file
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise DataFileError(file, "file not found") from exc
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(file, f"invalid JSON: {exc}", f"line {n}") from exc
        out.append(_validate(model, item, f"{file} line {n}"))
    return out


@cache
def owner_heads() -> tuple[OwnerHead, ...]:
    """Owner heads, longest first (a longer head wins where two start at one place)."""
    written = _read_jsonl("agencies.jsonl", OwnerHead)
    heads: list[OwnerHead] = []
    for h in written:
        heads.append(h)
        if h.both_cases:
            first = h.head[0].lower() if h.head[0].isupper() else h.head[0].upper()
            if first == h.head[0]:
                raise DataFileError("agencies.jsonl", "both_cases on a head with no letter case", h.head)
            heads.append(h.model_copy(update={"head": first + h.head[1:], "both_cases": False}))
    seen: set[str] = set()
    for h in heads:
        if h.head in seen:
            raise DataFileError("agencies.jsonl", "duplicate head (both_cases adds the other first letter)", h.head)
        seen.add(h.head)
    return tuple(sorted(heads, key=lambda h: -len(h.head)))


@cache
def owner_patterns() -> dict[str, re.Pattern[str]]:
    """The compiled owner patterns by kind."""
    out: dict[str, re.Pattern[str]] = {}
    for entry in _read_jsonl("owner_patterns.jsonl", OwnerPattern):
        if entry.kind in out:
            raise DataFileError("owner_patterns.jsonl", "duplicate kind", entry.kind)
        try:
            out[entry.kind] = re.compile(either_placement_pattern(entry.pattern))
        except re.error as exc:
            raise DataFileError("owner_patterns.jsonl", f"bad regex: {exc}", entry.kind) from exc
    return out


@cache
def task_cues() -> dict[str, Any]:
    """task_cues.json: every key names a list of words or a ``{"#", "words"}`` group."""
    data = raw("task_cues.json")
    if not isinstance(data, dict):
        raise DataFileError("task_cues.json", "expected an object")
    for key, value in data.items():
        if key == "#":
            continue
        if isinstance(value, dict):
            _validate(_WordGroup, value, f"task_cues.json {key}")
        elif not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            raise DataFileError("task_cues.json", "expected a list of non-empty strings", key)
    return data


@cache
def cue_words(key: str) -> tuple[str, ...]:
    """The words of a task_cues.json entry (a plain list or a ``{"#", "words"}`` group)."""
    value = task_cues().get(key)
    if value is None:
        raise DataFileError("task_cues.json", "no such entry", key)
    return tuple(value["words"] if isinstance(value, dict) else value)


@cache
def cue_regex(key: str) -> re.Pattern[str]:
    """``(?:word|...)`` of a task_cues.json entry, ending at a word boundary (longest first)."""
    return re.compile(rf"(?:{alternation(list(cue_words(key)))})(?!\w)")


@cache
def item_fields() -> dict[str, Any]:
    """item_fields.json, validated."""
    data = raw("item_fields.json")
    _validate(_ItemFieldsFile, data, "item_fields.json")
    return data


def _read_json(file: str) -> Any:
    path = DATA_DIR / file
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(file, "file not found") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(file, f"invalid JSON: {exc}") from exc


def _validate(model: type[BaseModel], data: Any, file: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise DataFileError(file, f"{first['msg']} at {loc}") from exc


@cache
def raw(file: str) -> Any:
    """The parsed JSON of a data file (no schema)."""
    return _read_json(file)


@cache
def doc_types() -> tuple[DocType, ...]:
    data = _validate(_DocTypesFile, raw("doc_types.json"), "doc_types.json")
    names = [t.name for t in data.types]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise DataFileError("doc_types.json", f"duplicate type names {sorted(dupes)}")
    return tuple(data.types)


@cache
def abbreviated_type_words() -> dict[str, str]:
    data = raw("doc_types.json")["abbreviated_words"]
    return {k: v for k, v in data.items() if k != "#"}


@cache
def type_by_word() -> dict[str, DocType]:
    """Lower-cased type word (and abbreviated word) -> DocType."""
    out: dict[str, DocType] = {}
    by_name = {t.name: t for t in doc_types()}
    for t in doc_types():
        for w in t.words:
            out.setdefault(w.lower(), t)
    for word, name in abbreviated_type_words().items():
        if name not in by_name:
            raise DataFileError("doc_types.json", f"abbreviated word {word!r} names unknown type {name!r}")
        out.setdefault(word.lower(), by_name[name])
    return out


@cache
def issuers() -> _IssuersFile:
    return _validate(_IssuersFile, raw("issuers.json"), "issuers.json")


@cache
def known_codes() -> dict[str, str]:
    """Upper-cased code -> code in its official case (TTG -> TTg), from types and issuers."""
    codes: list[str] = []
    for t in doc_types():
        codes += t.state_codes + t.party_codes
    codes += list(issuers().state) + list(issuers().party)
    codes += list(raw("doc_types.json")["extra_codes"]["codes"])
    return {c.upper(): c for c in codes}


@cache
def variables() -> dict[str, str]:
    """Shared regex fragments plus ``type_word`` generated from doc_types.json."""
    data = _validate(_VariablesFile, raw("variables.json"), "variables.json")
    out = dict(data.variables)
    words = [w for t in doc_types() for w in t.words] + list(abbreviated_type_words())
    out["type_word"] = alternation(words)
    return out


@cache
def pattern_entries(file: str, key: str = "patterns") -> dict[str, PatternEntry]:
    """Entries of list ``key`` (default ``patterns``) of a pattern file, by name."""
    data = raw(file)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise DataFileError(file, f"missing list {key!r}")
    if key == "patterns":
        _validate(_PatternsFile, data, file)
    out: dict[str, PatternEntry] = {}
    for n, item in enumerate(data[key]):
        entry = _validate(PatternEntry, item, f"{file} {key}[{n}]")
        if entry.name in out:
            raise DataFileError(file, "duplicate entry name", entry.name)
        out[entry.name] = entry
    return out


@cache
def pattern(file: str, name: str, key: str = "patterns") -> re.Pattern[str]:
    """The compiled regex of entry ``name`` in list ``key`` of ``file``."""
    entries = pattern_entries(file, key)
    if name not in entries:
        raise DataFileError(file, "no such entry", name)
    entry = entries[name]
    try:
        return compile_template(entry.regex, variables(), ignore_case=entry.ignore_case, name=name)
    except TemplateError as exc:
        raise DataFileError(file, str(exc), name) from exc


@cache
def requirement(file: str, name: str, key: str = "patterns") -> re.Pattern[str] | None:
    """The compiled ``requires`` regex of entry ``name`` (None when the entry has none)."""
    entry = pattern_entries(file, key)[name]
    if entry.requires is None:
        return None
    try:
        return re.compile(entry.requires, re.I if entry.ignore_case else 0)
    except re.error as exc:
        raise DataFileError(file, f"bad 'requires' regex: {exc}", name) from exc


def patterns_of(file: str, key: str = "patterns") -> list[tuple[PatternEntry, re.Pattern[str]]]:
    """Every entry of a list in a pattern file with its compiled regex, in file order."""
    return [(e, pattern(file, e.name, key)) for e in pattern_entries(file, key).values()]


@cache
def word_list(file: str, key: str) -> tuple[str, ...]:
    """A ``{"#": ..., "words": [...]}`` (or plain list) section of a JSON data file, validated
    once (cached: callers ask per phrase)."""
    data = raw(file).get(key)
    words = data.get("words", data.get("signing")) if isinstance(data, dict) else data
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataFileError(file, "expected a list of non-empty strings", key)
    return tuple(words)


@cache
def word_map(file: str, key: str) -> dict[str, str]:
    """A ``{"#": ..., "map": {word: word}}`` section of a JSON data file."""
    data = raw(file).get(key)
    table = data.get("map") if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in table.items()):
        raise DataFileError(file, "expected a map of non-empty strings", key)
    return dict(table)


@cache
def cue_regex_of(file: str, key: str) -> re.Pattern[str]:
    """``(?:word|...)`` of a word list of a JSON data file, at word boundaries (longest first)."""
    return re.compile(rf"(?<!\w)(?:{alternation(list(word_list(file, key)))})(?!\w)")


@cache
def owner_words(key: str) -> tuple[str, ...]:
    """A word list of owner_words.json (the words nlp/owners.py and nlp/resolve.py test)."""
    return word_list("owner_words.json", key)


@dataclass(frozen=True, slots=True)
class NameRules:
    stop_words: frozenset[str]
    capitalized_stop_words: tuple[str, ...]
    tail_stop_words: frozenset[str]
    determiners: tuple[str, ...]
    demonstratives: tuple[str, ...]
    creation_verbs: tuple[str, ...]
    purpose_cues: tuple[str, ...]
    law_stop_words: frozenset[str]
    not_names: frozenset[str]
    max_name_words: int
    max_tail_words: int
    max_qualifier_words: int
    name_verbs: tuple[str, ...] = ()
    generic_names: frozenset[str] = frozenset()
    draft_markers: tuple[str, ...] = ()


@cache
def name_rules() -> NameRules:
    data = raw("reference_patterns.json").get("name_rules")
    if not isinstance(data, dict):
        raise DataFileError("reference_patterns.json", "missing name_rules")
    try:
        return NameRules(
            stop_words=frozenset(data["stop_words"]),
            capitalized_stop_words=tuple(data["capitalized_stop_words"]),
            tail_stop_words=frozenset(data["tail_stop_words"]),
            determiners=tuple(data["determiners"]),
            demonstratives=tuple(data["demonstratives"]),
            creation_verbs=tuple(data["creation_verbs"]),
            purpose_cues=tuple(data["purpose_cues"]),
            law_stop_words=frozenset(data["law_stop_words"]),
            not_names=frozenset(data["not_names"]),
            max_name_words=int(data["max_name_words"]),
            max_tail_words=int(data["max_tail_words"]),
            max_qualifier_words=int(data["max_qualifier_words"]),
            name_verbs=tuple(data["name_verbs"]),
            generic_names=frozenset(data["generic_names"]),
            draft_markers=tuple(data["draft_markers"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError("reference_patterns.json", f"bad name_rules: {exc}") from exc


@cache
def abbreviation_table() -> dict[str, str]:
    """The built-in abbreviation list (abbreviations.tsv: abbr TAB expansion; '#' comments)."""
    file = "abbreviations.tsv"
    path = DATA_DIR / file
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise DataFileError(file, "file not found") from exc
    rows = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    out: dict[str, str] = {}
    for n, row in enumerate(csv.reader(rows, delimiter="\t"), start=1):
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise DataFileError(file, "expected 'abbreviation<TAB>expansion'", f"row {n}")
        abbr, expansion = row[0].strip(), row[1].strip()
        if abbr in out:
            raise DataFileError(file, "duplicate abbreviation", abbr)
        out[abbr] = expansion
    return out
