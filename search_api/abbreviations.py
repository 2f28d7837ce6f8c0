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

    def pairs(self) -> list[tuple[str, str]]:
        """Every ``(short, long)`` pair (a short form with several long forms gives several)."""
        with self._lock:
            return [(s, long) for s, longs in self._short.items() for long in sorted(longs)]

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
