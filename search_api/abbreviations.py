"""Query-time abbreviation expansion: ``THADS`` finds ``thi hành án dân sự`` and back.

Pairs come from nlp's built-in list plus every indexed document's own abbreviations.

>>> m = AbbreviationMap({"THADS": {"thi hành án dân sự"}})
>>> m.variants("công tác THADS")
['công tác thi hành án dân sự']
>>> m.variants("cong tac thi hanh an dan su")
['cong tac THADS']
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping

from search_api.text import fold

MAX_VARIANTS = 4


def builtin_pairs() -> dict[str, str]:
    """nlp's built-in abbreviation list, or nothing when nlp does not provide one (yet)."""
    try:
        from nlp.abbreviations import builtin_abbreviations
    except ImportError:
        return {}
    try:
        return dict(builtin_abbreviations())
    except Exception:  # noqa: BLE001 - a broken data file must not take search down
        return {}


class AbbreviationMap:
    """Thread-safe ``short -> {long forms}`` map with folded lookups both ways."""

    def __init__(self, pairs: Mapping[str, Iterable[str] | str] | None = None) -> None:
        self._lock = threading.Lock()
        self._short: dict[str, set[str]] = {}
        if pairs:
            self.add(pairs)

    def add(self, pairs: Mapping[str, Iterable[str] | str]) -> None:
        with self._lock:
            for short, longs in pairs.items():
                short = short.strip()
                if not short or len(short) < 2:
                    continue
                forms = [longs] if isinstance(longs, str) else list(longs)
                bucket = self._short.setdefault(short.upper(), set())
                bucket.update(" ".join(f.split()) for f in forms if f and f.strip())

    def __len__(self) -> int:
        return len(self._short)

    def variants(self, query: str) -> list[str]:
        """Alternative spellings of ``query`` with abbreviations expanded or contracted."""
        with self._lock:
            items = [(s, sorted(longs)) for s, longs in self._short.items()]
        out: list[str] = []
        tokens = query.split()
        # short -> long
        for i, tok in enumerate(tokens):
            bare = tok.strip(".,;:()\"'").upper()
            for short, longs in items:
                if bare == short:
                    for long in longs:
                        out.append(" ".join([*tokens[:i], long, *tokens[i + 1:]]))
        # long -> short (accent-insensitive, word-bounded)
        folded = fold(query)
        for short, longs in items:
            for long in longs:
                f_long = fold(long)
                m = re.search(rf"(?<!\w){re.escape(f_long)}(?!\w)", folded)
                if m:
                    out.append(query[: m.start()] + short + query[m.end():])
        seen: list[str] = []
        for v in out:
            if v != query and v not in seen:
                seen.append(v)
        return seen[:MAX_VARIANTS]
