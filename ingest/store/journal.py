"""The manifest on disk: a snapshot plus a journal, held in memory, safe for several processes.

::

    manifest.json    snapshot (the earlier DataStore's manifest.json loads as one)
    manifest.log     one JSON line per change since the snapshot (``Manifest.apply``)
    .manifest.lock   ``flock``ed exclusively around every write

A change appends one line and fsyncs it: O(1) per document, whatever the size of the manifest.
When the journal holds as many lines as half the documents (at least ``COMPACT_MIN``), the
snapshot is rewritten atomically and the journal emptied (amortised O(1)). Readers take no lock:
they read the snapshot then the journal, and start again if the snapshot changed meanwhile;
replaying a line the snapshot already holds is harmless (every change sets or removes values).
A torn last line (a writer crashed mid-append) is ignored, and cut off by the next writer.

Each object keeps the manifest in memory and re-reads only what changed on disk: nothing when
the files are as it left them, the new journal lines when another process appended.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.store.errors import StoreError
from ingest.store.files import append_durably, atomic_write, read_file
from ingest.store.manifest import Change, Manifest

SNAPSHOT = "manifest.json"
JOURNAL = "manifest.log"
LOCK = ".manifest.lock"

_Sig = tuple[int, int, int]  # mtime_ns, size, inode


def _stat(path: Path) -> _Sig | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class ManifestFile:
    """The manifest of one data directory (thread-safe; process-safe through ``flock``)."""

    COMPACT_MIN = 512

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.snapshot_path = self.root / SNAPSHOT
        self.journal_path = self.root / JOURNAL
        self.lock_path = self.root / LOCK
        self._lock = threading.RLock()
        self._m: Manifest | None = None
        self._snap_sig: _Sig | None = None
        self._log_ino: int | None = None
        self._log_offset = 0  # bytes of complete journal lines applied
        self._log_seen = 0  # journal size when last read (> offset: a torn tail)
        self._log_lines = 0
        self._held = 0  # this object holds the exclusive lock (a write or a batch)
        self._pending: list[bytes] | None = None  # journal lines of the open batch

    @property
    def in_batch(self) -> bool:
        return self._pending is not None

    # reading ---------------------------------------------------------------------------
    def current(self) -> Manifest:
        """The manifest as on disk now (only what changed is read)."""
        with self._lock:
            if self._held and self._m is not None:
                return self._m  # we hold the write lock: nobody else changes the files
            return self._refresh()

    def _refresh(self) -> Manifest:
        if self._m is not None and _stat(self.snapshot_path) == self._snap_sig:
            log = _stat(self.journal_path)
            if log is None and self._log_ino is None:
                return self._m
            if log is not None and log[2] == self._log_ino:
                if log[1] == self._log_seen or (log[1] >= self._log_offset and self._read_tail()):
                    return self._m
        self._load_all()
        assert self._m is not None
        return self._m

    def _apply_lines(self, m: Manifest, data: bytes, first_line: int) -> tuple[int, int]:
        """Apply the complete lines of ``data``; returns (bytes consumed, lines applied)."""
        end = data.rfind(b"\n") + 1
        lines = data[:end].splitlines()
        for n, line in enumerate(lines, first_line):
            try:
                m.apply(json.loads(line))
            except (ValueError, TypeError, AttributeError) as exc:
                raise StoreError(self.journal_path, f"line {n} cannot be read ({exc})") from exc
        return end, len(lines)

    def _read_tail(self) -> bool:
        """New journal lines appended by another process; False when the journal was replaced."""
        assert self._m is not None
        try:
            fh = open(self.journal_path, "rb")
        except FileNotFoundError:
            return False
        with fh:
            st = os.fstat(fh.fileno())
            if st.st_ino != self._log_ino or st.st_size < self._log_offset:
                return False
            fh.seek(self._log_offset)
            data = fh.read()
        used, count = self._apply_lines(self._m, data, self._log_lines + 1)
        self._log_offset += used
        self._log_seen = self._log_offset + (len(data) - used)
        self._log_lines += count
        return True

    def _load_all(self) -> None:
        for _ in range(100):  # a compaction running meanwhile: read again
            sig = _stat(self.snapshot_path)
            if sig is None:
                m = Manifest()
            else:
                try:
                    m = Manifest.from_bytes(read_file(self.snapshot_path), self.snapshot_path)
                except FileNotFoundError:
                    continue
            ino, used, count, seen = None, 0, 0, 0
            try:
                fh = open(self.journal_path, "rb")
            except FileNotFoundError:
                pass
            else:
                with fh:
                    ino = os.fstat(fh.fileno()).st_ino
                    data = fh.read()
                used, count = self._apply_lines(m, data, 1)
                seen = len(data)
            if _stat(self.snapshot_path) != sig:
                continue
            self._m, self._snap_sig = m, sig
            self._log_ino, self._log_offset, self._log_seen, self._log_lines = ino, used, seen, count
            return
        raise StoreError(self.snapshot_path, "the manifest keeps changing while it is read")

    # writing ---------------------------------------------------------------------------
    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def change(self) -> Iterator[Change]:
        """One read-modify-write: edit the yielded ``Change``; it is journalled on exit."""
        with self._lock:
            if self._pending is not None:  # inside a batch: the lock is held, lines wait
                assert self._m is not None
                ch = Change(self._m)
                try:
                    yield ch
                finally:
                    line = ch.line()
                    if line:
                        self._pending.append(line)
                return
            with self._exclusive():
                self._held += 1
                try:
                    self._refresh()
                    assert self._m is not None
                    ch = Change(self._m)
                    try:
                        yield ch
                        line = ch.line()
                        if line:
                            self._commit([line])
                    except BaseException:
                        self._m = None  # memory may be ahead of the files: read them again
                        raise
                finally:
                    self._held -= 1

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold the lock for many changes; journal them at the end, after one ``os.sync``."""
        with self._lock:
            if self._pending is not None:
                yield
                return
            with self._exclusive():
                self._held += 1
                try:
                    self._refresh()
                    self._pending = []
                    try:
                        yield
                    finally:
                        lines, self._pending = self._pending, None
                        if lines:
                            try:
                                os.sync()  # the batch's content files are on disk before the lines
                                self._commit(lines)
                            except BaseException:
                                self._m = None
                                raise
                finally:
                    self._held -= 1

    def _commit(self, lines: list[bytes]) -> None:
        assert self._m is not None
        if self._log_ino is not None and self._log_seen > self._log_offset:
            os.truncate(self.journal_path, self._log_offset)  # a torn line of a crashed writer
        data = b"".join(lines)
        append_durably(self.journal_path, data)
        st = os.stat(self.journal_path)
        if self._log_ino is None or st.st_ino != self._log_ino:
            self._log_ino, self._log_offset = st.st_ino, 0
        self._log_offset += len(data)
        self._log_seen = self._log_offset
        self._log_lines += len(lines)
        if self._log_lines >= max(self.COMPACT_MIN, len(self._m.documents) // 2):
            self.compact()

    def compact(self) -> None:
        """Write the snapshot and empty the journal (call with the lock held, or alone)."""
        with self._lock:
            if not self._held:
                with self._exclusive():
                    self._held += 1
                    try:
                        self._refresh()
                        self.compact()
                    finally:
                        self._held -= 1
                return
            assert self._m is not None
            atomic_write(self.snapshot_path, self._m.to_bytes())
            atomic_write(self.journal_path, b"")
            self._snap_sig = _stat(self.snapshot_path)
            log = _stat(self.journal_path)
            self._log_ino = log[2] if log else None
            self._log_offset = self._log_seen = self._log_lines = 0
