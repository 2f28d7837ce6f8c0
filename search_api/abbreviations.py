"""Query-time abbreviation expansion: ``THADS`` finds ``thi hành án dân sự`` and back.

Pairs come from nlp's built-in list, search's own list (``search_api/data/abbreviations.tsv``:
BHYT, BHXH, CSDL, MTTQ, ĐMST, KH,CN ...) and every indexed document's own abbreviations.

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
from functools import cache
from pathlib import Path

from search_api.text import fold

MAX_VARIANTS = 4
SHORT_WORD = 2  # a short form this short expands only when typed in capitals (it may be a word)
DATA_FILE = Path(__file__).parent / "data" / "abbreviations.tsv"


class AbbreviationFileError(ValueError):
    """A line of the abbreviations data file that is not ``SHORT<TAB>long form``."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")


@cache
def search_pairs(path: Path = DATA_FILE) -> dict[str, tuple[str, ...]]:
    """Search's own built-in list: ``short -> long forms`` (a short form may have several)."""
    out: dict[str, list[str]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise AbbreviationFileError(path, n, "expected SHORT<TAB>long form")
        short, long = parts[0].strip(), " ".join(parts[1].split())
        if fold(short) == fold(long):
            raise AbbreviationFileError(path, n, "the long form repeats the short one")
        out.setdefault(short, []).append(long)
    return {k: tuple(v) for k, v in out.items()}


def builtin_pairs() -> dict[str, list[str]]:
    """nlp's built-in abbreviation list (when nlp provides one) plus search's own list."""
    out: dict[str, list[str]] = {k: list(v) for k, v in search_pairs().items()}
    try:
        from nlp.abbreviations import builtin_abbreviations
    except ImportError:
        return out
    try:
        for short, long in dict(builtin_abbreviations()).items():
            out.setdefault(short, []).append(long)
    except Exception:  # noqa: BLE001 - a broken data file must not take search down
        pass
    return out


class AbbreviationMap:
    """Thread-safe ``short -> {long forms}`` map with folded lookups both ways.

    Lookups are indexed: a short form by its upper-case spelling, a long form by its first
    folded word, so a query costs a few dictionary look-ups per word, not a scan of every pair."""

    def __init__(self, pairs: Mapping[str, Iterable[str] | str] | None = None) -> None:
        self._lock = threading.Lock()
        self._short: dict[str, set[str]] = {}
        self._index: _Index | None = None
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
            self._index = None

    def __len__(self) -> int:
        return len(self._short)

    def pairs(self) -> list[tuple[str, str]]:
        """Every ``(short, long)`` pair (a short form with several long forms gives several)."""
        with self._lock:
            return [(s, long) for s, longs in self._short.items() for long in sorted(longs)]

    def _indexed(self) -> _Index:
        with self._lock:
            if self._index is None:
                self._index = _Index(self._short)
            return self._index

    def variants(self, query: str) -> list[str]:
        """Alternative spellings of ``query`` with abbreviations expanded or contracted."""
        return self.expand(query)[0]

    def expand(self, query: str) -> tuple[list[str], list[str]]:
        """``(variants, expansions)``: the :meth:`variants` of ``query`` and the long forms of
        two words or more its abbreviations were expanded to (phrases to match as such)."""
        index = self._indexed()
        out: list[tuple[str, str | None]] = []
        tokens = query.split()
        # short -> long
        for i, tok in enumerate(tokens):
            bare = tok.strip(".,;:()\"'")
            if len(bare) <= SHORT_WORD and not bare.isupper():
                continue  # "tư" (đầu tư, tư pháp) is a word; only "TƯ" stands for "trung ương"
            for long in index.longs.get(bare.upper(), ()):
                out.append((" ".join([*tokens[:i], long, *tokens[i + 1:]]), long))
        # long -> short (accent-insensitive, word-bounded)
        folded = fold(query)
        words = set(_WORD.findall(folded.lower()))
        candidates = sorted({c for w in words for c in index.by_first.get(w, ())})
        for n in candidates:
            short, pattern = index.contractions[n]
            m = pattern.search(folded)
            if m:
                out.append((query[: m.start()] + short + query[m.end():], None))
        seen: list[str] = []
        expansions: list[str] = []
        for v, long in out:
            if v != query and v not in seen:
                if len(seen) == MAX_VARIANTS:
                    break
                seen.append(v)
                if long is not None and len(_WORD.findall(long)) > 1 and long not in expansions:
                    expansions.append(long)
        return seen, expansions


_WORD = re.compile(r"\w+")


class _Index:
    """The lookups of one state of an :class:`AbbreviationMap` (rebuilt after ``add``)."""

    def __init__(self, short: dict[str, set[str]]) -> None:
        self.longs: dict[str, list[str]] = {s: sorted(longs) for s, longs in short.items()}
        # every (short, long) pair in the map's order, its folded long form as a word-bounded pattern
        self.contractions: list[tuple[str, re.Pattern[str]]] = []
        self.by_first: dict[str, list[int]] = {}
        for s, longs in self.longs.items():
            for long in longs:
                f_long = fold(long)
                first = _WORD.findall(f_long.lower())
                self.by_first.setdefault(first[0] if first else "", []).append(len(self.contractions))
                self.contractions.append((s, re.compile(rf"(?<!\w){re.escape(f_long)}(?!\w)")))
