"""One instance per data directory, and the engine it uses checked to be its own.

An instance (``directives serve|run|ingest|reindex``, or an app that opens its own
:class:`~search_api.context.Context`) holds an exclusive ``flock`` on
``<data_dir>/instance.lock`` for as long as it runs; the file says who holds it (pid, command,
start time). A second instance on the same data directory is refused at start with one line
naming the holder (:class:`InstanceBusy`) — two processes writing one manifest lose
acknowledged uploads. A lock left by a dead process is free again (the kernel drops ``flock``
locks with the process): the next instance takes it and rewrites the information.

The data directory has an identity, a random uuid in ``<data_dir>/instance-id``. The
Elasticsearch indices an instance uses carry it in their meta document ``instance``: indices
stamped by another data directory are refused (:class:`~search_api.search.backend.IndexMismatch`),
never rebuilt from ours. (The embedded index lives inside the data directory: nothing to check.)

>>> with InstanceLock(Path("data"), "directives serve"):
...     ...                                         # a second one raises InstanceBusy
>>> check_identity(ctx.search, settings)            # IndexMismatch when the indices are not ours
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from search_api.search.backend import IndexMismatch, SearchBackend

LOCK_FILE = "instance.lock"
ID_FILE = "instance-id"
ENGINE_FILE = "engine.json"
META_KEY = "instance"


class InstanceBusy(RuntimeError):
    """Another live process holds the data directory's instance lock."""


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds (or last held) an instance lock, as written in the lock file."""

    pid: int | None
    command: str
    since: str

    @classmethod
    def read(cls, path: Path) -> Holder:
        try:
            raw: Any = json.loads(path.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            raw = {}
        raw = raw if isinstance(raw, dict) else {}
        pid = raw.get("pid")
        return cls(pid=pid if isinstance(pid, int) else None,
                   command=str(raw.get("command") or "unknown command"),
                   since=str(raw.get("since") or "an unknown time"))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def command_line() -> str:
    """This process's command line, shortened for the lock file and messages."""
    if not sys.argv or not sys.argv[0]:
        return "python"
    prog = Path(sys.argv[0])
    name = prog.parent.name if prog.name == "__main__.py" else prog.name  # python -m uvicorn
    return " ".join([name, *sys.argv[1:]])[:300]


class InstanceLock:
    """An exclusive ``flock`` on ``<data_dir>/instance.lock`` held until :meth:`release`."""

    def __init__(self, data_dir: Path, command: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE
        self.command = command or command_line()
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> InstanceLock:
        """Take the lock or raise :class:`InstanceBusy` naming the process that holds it."""
        if self._fd is not None:
            return self
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InstanceBusy(busy_message(self.data_dir, Holder.read(self.path))) from None
        except BaseException:
            os.close(fd)
            raise
        info = {"pid": os.getpid(), "command": self.command, "since": now_iso(),
                "host": socket.gethostname()}
        payload = (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8")
        os.ftruncate(fd, 0)
        os.pwrite(fd, payload, 0)
        os.fsync(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        """Drop the lock (the file stays: removing it would race with the next holder)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def busy_message(data_dir: Path, holder: Holder) -> str:
    """The one line shown when the data directory is taken."""
    pid = f"pid {holder.pid}" if holder.pid is not None else "a process"
    return (f"data directory {data_dir} is in use by another directives instance: {pid} "
            f"({holder.command}), running since {holder.since}. One instance per data "
            f"directory: a second serve/run/ingest/reindex, or uvicorn with several workers, "
            f"would lose acknowledged writes; stop that process or use another DIRECTIVES_DATA_DIR.")


def instance_id(data_dir: Path) -> str:
    """The data directory's identity (a uuid created on first use, never changed)."""
    path = Path(data_dir) / ID_FILE
    with contextlib.suppress(FileNotFoundError):
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{ID_FILE}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    tmp.write_text(uuid.uuid4().hex + "\n", encoding="utf-8")
    try:
        os.link(tmp, path)  # atomic and never overwrites: the first writer wins
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()


def check_identity(search: SearchBackend, settings: Any) -> None:
    """Refuse Elasticsearch indices stamped by another data directory; stamp unstamped ones.

    Raises :class:`IndexMismatch` (one line: whose indices, which data directory is ours).
    Call before anything may rebuild the indices. The embedded backend is skipped: its files
    are inside the data directory.
    """
    if getattr(settings, "search_engine", None) != "elasticsearch":
        return
    data_dir = Path(settings.data_dir)
    ours = instance_id(data_dir)
    search.setup()
    found = search.meta_get(META_KEY)
    if not found:
        search.meta_set(META_KEY, {"id": ours, "data_dir": str(data_dir.resolve()), "since": now_iso()})
        return
    if found.get("id") != ours:
        prefix = getattr(settings, "es_index_prefix", "")
        raise IndexMismatch(
            f"the search indices '{prefix}*' belong to another data directory "
            f"({found.get('data_dir') or 'unknown'}, instance {found.get('id')}), not to "
            f"{data_dir} (instance {ours}); refusing to use or rebuild them: point ES_URL / "
            f"ES_INDEX_PREFIX at this data directory's indices, or start with its own engine")


# --- the local engine this instance started ---------------------------------------------------


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def record_engine(data_dir: Path, url: str, pid: int | None) -> Path:
    """Write ``<data_dir>/engine.json``: the local engine this instance runs (url, pid, since)."""
    path = Path(data_dir) / ENGINE_FILE
    tmp = path.with_name(f".{ENGINE_FILE}.{os.getpid()}")
    tmp.write_text(json.dumps({"url": url, "pid": pid, "owner_pid": os.getpid(), "since": now_iso()}) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return path


def forget_engine(data_dir: Path) -> None:
    (Path(data_dir) / ENGINE_FILE).unlink(missing_ok=True)


def recorded_engine(data_dir: Path) -> dict[str, Any] | None:
    """What :func:`record_engine` wrote, or None."""
    try:
        raw = json.loads((Path(data_dir) / ENGINE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return raw if isinstance(raw, dict) else None


# --- signals ----------------------------------------------------------------------------------


def exit_on_sigterm() -> None:
    """SIGTERM (systemd, Docker, CI) unwinds like SIGINT: ``finally`` blocks stop the engine,
    close the index writer and release the lock. Main thread only (a no-op elsewhere)."""

    def _exit(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGTERM, _exit)


@contextlib.contextmanager
def hold(data_dir: Path, command: str | None = None) -> Iterator[InstanceLock]:
    """The instance lock for the duration of a block (with SIGTERM unwinding through it)."""
    exit_on_sigterm()
    lock = InstanceLock(data_dir, command).acquire()
    try:
        yield lock
    finally:
        lock.release()
