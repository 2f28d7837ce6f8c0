"""Helpers for the ingest tests: seeds, gold files and gold-agreement measures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest import ParsedDocument, parse

ROOT = Path(__file__).resolve().parents[2]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold"
DEV = ROOT / "corpus" / "dev"
DEV_GOLD = ROOT / "tests" / "nlp" / "dev_gold"


def gold_pairs() -> list[tuple[Path, Path]]:
    """(source text, gold json) for every seed and dev document that has both."""
    pairs = []
    for gold_dir, src_dir in ((GOLD, SEEDS), (DEV_GOLD, DEV)):
        for g in sorted(gold_dir.glob("*.json")):
            doc = json.loads(g.read_text(encoding="utf-8")).get("doc")
            if doc and (src_dir / doc).exists():
                pairs.append((src_dir / doc, g))
    return pairs


_PARSED: dict[Path, ParsedDocument] = {}


def parsed(path: Path) -> ParsedDocument:
    if path not in _PARSED:
        _PARSED[path] = parse(path)
    return _PARSED[path]


def squash(text: str) -> str:
    """Lower-case, no whitespace at all: robust to how a wrap was joined."""
    return re.sub(r"\s+", "", text).lower()


def locate(doc: ParsedDocument, quote: str) -> int | None:
    """Offset in ``doc.text`` where ``quote`` starts, ignoring whitespace differences."""
    found = locate_all(doc, quote)
    return found[0] if found else None


def locate_all(doc: ParsedDocument, quote: str) -> list[int]:
    """Every offset where ``quote`` starts (a table row may repeat an item of the body)."""
    head = squash(quote)[:80]
    if not head:
        return []
    chars, index = [], []
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            chars.append(ch.lower())
            index.append(i)
    squashed = "".join(chars)
    out = []
    at = squashed.find(head)
    while at >= 0:
        out.append(index[at])
        at = squashed.find(head, at + 1)
    return out


def section_path_at(doc: ParsedDocument, offset: int) -> str | None:
    """Path of the section holding ``offset``: the table row it sits in, else the deepest
    list-marker section containing it (None outside any)."""
    best = None
    for s in doc.sections:
        if s.table is not None:
            row = doc.tables[s.table].rows[s.row or 0]  # a group row's section covers its rows
            if row.start <= offset < row.end:
                return s.path
        elif s.start <= offset < max(s.end, s.start + 1):
            if best is None or s.level >= best.level:
                best = s
    return best.path if best else None


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        pytest.skip("seed corpus not available")
    return paths
