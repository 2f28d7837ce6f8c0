"""The tantivy schema, derived from the Elasticsearch mappings (the single source of truth).

Every logical field of :mod:`search_api.search.es.schema` becomes one or more tantivy fields:

=====================  ======================================================================
ES mapping             tantivy fields
=====================  ======================================================================
``keyword``            ``name``: raw-tokenized text, fast (terms, facets, exists)
``integer``/``long``   ``name``: i64, indexed + fast (terms, ranges, sort)
``date``               ``name``: i64 milliseconds since the epoch, indexed + fast (ISO in/out
                       through the stored source)
``boolean``            ``name``: bool, indexed + fast
``_vi_text()``         ``name``: accented text (lowercase); ``name__folded``: folded text
``_segmented()``       ``name``: pyvi-segmented text, whitespace + lowercase analyzer
text, ``vi_folded``    ``name``: folded text
keyword + ``.text``    ``name`` raw + ``name__text`` folded text (``document_number``)
object, not enabled    stored in the source only
=====================  ======================================================================

Every collection's index has this same schema. Plus the internal fields: ``collection`` (raw,
stored; ``_meta`` for the meta documents kept in the tasks index), ``_uid`` (``collection/id``, the key of every
write), ``_fields`` (names of the fields that have a value: ``Exists``) and ``_source`` (the
whole document as JSON, stored only). ``text__pairs`` holds every two folded words of ``text``
that stand side by side as one term (``thu_hoi``): the score floor of a long query ("two of its
words side by side") is then a few term look-ups instead of phrase queries reading positions.

>>> FIELDS["owner_keys"].kind
<Kind.KEYWORD: 'keyword'>
>>> FIELDS["text"].folded
'text__folded'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from tantivy import Schema, SchemaBuilder

from search_api.search.embedded.analysis import DEFAULT_TOKENIZER, PAIRS_TOKENIZER, SEGMENTED_TOKENIZER
from search_api.search.es.schema import SPECS
from search_api.search.model import Collection

# Bump when the tantivy layout below changes (the IndexSpec versions are recorded beside it).
EMBEDDED_SCHEMA_VERSION = 4  # 2: one index per collection; 3: id stored; 4: text__pairs

COLLECTION = "collection"
UID = "_uid"
PRESENT = "_fields"
SOURCE = "_source"
META = "_meta"  # the internal collection of meta documents (meta_get / meta_set)
PAIRED = "text"  # the field whose side-by-side folded words are indexed as pairs
PAIRS = f"{PAIRED}__pairs"


class Kind(StrEnum):
    KEYWORD = "keyword"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"
    VI_TEXT = "vi_text"  # accented + folded
    SEGMENTED = "segmented"
    FOLDED_TEXT = "folded_text"
    KEYWORD_TEXT = "keyword_text"  # keyword + folded text sub-field
    STORED = "stored"  # object with enabled: false


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: Kind

    @property
    def folded(self) -> str | None:
        """The tantivy field holding this field's folded words, if any."""
        if self.kind == Kind.VI_TEXT:
            return f"{self.name}__folded"
        if self.kind == Kind.KEYWORD_TEXT:
            return f"{self.name}__text"
        if self.kind == Kind.FOLDED_TEXT:
            return self.name
        return None

    @property
    def numeric(self) -> bool:
        return self.kind in (Kind.INTEGER, Kind.DATE, Kind.BOOLEAN)

    @property
    def raw(self) -> bool:
        return self.kind in (Kind.KEYWORD, Kind.KEYWORD_TEXT)


def _kind(prop: dict[str, Any]) -> Kind:
    ptype = prop.get("type", "object")
    if ptype == "keyword":
        return Kind.KEYWORD_TEXT if "text" in prop.get("fields", {}) else Kind.KEYWORD
    if ptype in ("integer", "long", "short", "byte"):
        return Kind.INTEGER
    if ptype == "date":
        return Kind.DATE
    if ptype == "boolean":
        return Kind.BOOLEAN
    if ptype == "object":
        if prop.get("enabled", True):
            raise ValueError(f"es/schema.py: an indexed object field has no tantivy layout: {prop}")
        return Kind.STORED
    if ptype == "text":
        analyzer = prop.get("analyzer")
        if analyzer == "vi_segmented":
            return Kind.SEGMENTED
        if analyzer == "vi_folded":
            return Kind.FOLDED_TEXT
        if analyzer == "vi_accented" and "folded" in prop.get("fields", {}):
            return Kind.VI_TEXT
    raise ValueError(f"es/schema.py: no tantivy layout for mapping {prop}")


def _collect() -> tuple[dict[str, FieldSpec], dict[Collection, dict[str, FieldSpec]], dict[Collection, bool]]:
    union: dict[str, FieldSpec] = {}
    per: dict[Collection, dict[str, FieldSpec]] = {}
    strict: dict[Collection, bool] = {}
    for coll in Collection:
        mappings = SPECS[coll.value].mappings
        strict[coll] = mappings.get("dynamic") == "strict"
        fields: dict[str, FieldSpec] = {}
        for name, prop in mappings["properties"].items():
            spec = FieldSpec(name, _kind(prop))
            seen = union.setdefault(name, spec)
            if seen != spec:
                raise ValueError(f"es/schema.py: field {name!r} is {seen.kind} in one index and {spec.kind} in another")
            fields[name] = spec
        per[coll] = fields
    return union, per, strict


FIELDS, COLLECTION_FIELDS, STRICT = _collect()


def schema_versions(embedded_version: int = EMBEDDED_SCHEMA_VERSION) -> dict[str, Any]:
    """What a generation records and :meth:`EmbeddedBackend.needs_migration` compares."""
    return {"embedded": embedded_version, "specs": {name: spec.version for name, spec in sorted(SPECS.items())}}


def build_schema() -> Schema:
    sb = SchemaBuilder()
    sb.add_text_field(COLLECTION, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(UID, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(PRESENT, tokenizer_name="raw", index_option="basic")
    sb.add_bytes_field(SOURCE, stored=True)
    sb.add_text_field(PAIRS, tokenizer_name=PAIRS_TOKENIZER, index_option="basic")
    for spec in FIELDS.values():
        name = spec.name
        if spec.kind in (Kind.KEYWORD, Kind.KEYWORD_TEXT):
            # ``id`` is stored too: the last sort key reads it without parsing the source.
            sb.add_text_field(name, stored=name == "id", fast=True, tokenizer_name="raw", index_option="basic")
            if spec.kind == Kind.KEYWORD_TEXT:
                sb.add_text_field(f"{name}__text", tokenizer_name=DEFAULT_TOKENIZER)
        elif spec.kind in (Kind.INTEGER, Kind.DATE):
            sb.add_integer_field(name, indexed=True, fast=True)
        elif spec.kind == Kind.BOOLEAN:
            sb.add_boolean_field(name, indexed=True, fast=True)
        elif spec.kind == Kind.VI_TEXT:
            sb.add_text_field(name, tokenizer_name=DEFAULT_TOKENIZER)
            sb.add_text_field(f"{name}__folded", tokenizer_name=DEFAULT_TOKENIZER)
        elif spec.kind == Kind.SEGMENTED:
            sb.add_text_field(name, tokenizer_name=SEGMENTED_TOKENIZER)
        elif spec.kind == Kind.FOLDED_TEXT:
            sb.add_text_field(name, tokenizer_name=DEFAULT_TOKENIZER)
    return sb.build()
