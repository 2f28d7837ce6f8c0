"""Index generations in ``<data_dir>/index/``: ``gen-<timestamp>/`` folders and ``CURRENT``.

``CURRENT`` names the generation searches use; a rebuild fills a new generation, then replaces
``CURRENT`` atomically (:func:`ingest.store.atomic_write`). A generation holds one tantivy
index per collection (``documents/``, ``tasks/``, ``citations/``) and records the schema
versions it was built with in ``embedded.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from typing import Any

try:
    from ingest.store import atomic_write
except ImportError:  # the store package is being rewritten: the same write, kept here
    import tempfile

    def atomic_write(path: Path, data: bytes) -> None:
        """Write ``data`` to ``path`` so readers see the old file or the new one, never a mix."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

CURRENT = "CURRENT"
VERSIONS = "embedded.json"
PREFIX = "gen-"


def new_name() -> str:
    """``gen-20240101120000123456`` (UTC, microseconds: names sort by creation time)."""
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime()) + f"{time.time_ns() // 1000 % 1_000_000:06d}"
    return PREFIX + stamp


class Generations:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def current_file(self) -> Path:
        return self.root / CURRENT

    def current(self) -> str | None:
        """The current generation's name, or None when there is none (or it is gone)."""
        try:
            name = self.current_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        if not name.startswith(PREFIX) or not (self.root / name).is_dir():
            return None
        return name

    def stamp(self) -> tuple[int, int] | None:
        """Changes whenever ``CURRENT`` is replaced (another process may have rebuilt)."""
        try:
            st = os.stat(self.current_file)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def path(self, name: str) -> Path:
        return self.root / name

    def create(self, versions: dict[str, Any]) -> tuple[str, Path]:
        name = new_name()
        path = self.path(name)
        while path.exists():  # two generations in the same microsecond
            time.sleep(0.001)
            name = new_name()
            path = self.path(name)
        path.mkdir(parents=True)
        atomic_write(path / VERSIONS, json.dumps(versions, sort_keys=True).encode())
        return name, path

    def versions(self, name: str) -> dict[str, Any] | None:
        try:
            return json.loads((self.path(name) / VERSIONS).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return None

    def make_current(self, name: str) -> None:
        atomic_write(self.current_file, (name + "\n").encode())

    def remove_older(self, keep: str) -> list[str]:
        """Delete generations older than ``keep`` (a newer one may be a rebuild in progress)."""
        removed = []
        if not self.root.is_dir():
            return removed
        for p in sorted(self.root.iterdir()):
            if p.is_dir() and p.name.startswith(PREFIX) and p.name < keep:
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p.name)
        return removed

    def remove(self, name: str) -> None:
        shutil.rmtree(self.path(name), ignore_errors=True)
