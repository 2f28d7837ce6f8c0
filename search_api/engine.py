"""The local Elasticsearch-compatible engine (noida-db) as a child process on loopback.

Used only when ``ES_URL`` is not set. Its data lives in ``<DIRECTIVES_DATA_DIR>/engine``.
:class:`LocalEngine` starts ``noida-db start --only elasticsearch`` in its own process group,
waits until it answers, and stops it (SIGTERM, then SIGKILL) — also at interpreter exit, so it
is never orphaned. ``directives engine up/down/status`` use noida-db's own background mode.

>>> with LocalEngine(Path("data/engine"), 9200) as engine:
...     engine.url
'http://127.0.0.1:9200'
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


class EngineError(RuntimeError):
    """The local engine could not be found, started or reached."""


def binary() -> str:
    """Path of the ``noida-db`` executable (next to this Python first, then PATH)."""
    exe = Path(sys.executable).with_name("noida-db")
    if exe.exists():
        return str(exe)
    found = shutil.which("noida-db")
    if not found:
        raise EngineError("noida-db is not installed: run `make install` (or set ES_URL to a cluster)")
    return found


def is_up(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status < 500
    except Exception:  # noqa: BLE001 - any failure means "not answering"
        return False


def wait_until_up(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_up(url):
            return
        if proc is not None and proc.poll() is not None:
            raise EngineError(f"the local engine exited with code {proc.returncode} (see its log)")
        time.sleep(0.2)
    raise EngineError(f"the local engine did not answer on {url} within {timeout:.0f}s")


CONTROL_FILE = "noida.control.json"  # written by a running noida-db server in its data dir
_STATUS_URL = re.compile(r"elasticsearch\s+(http://\S+)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def server_pid(data_dir: Path) -> int | None:
    """Pid of the noida-db server running on ``data_dir`` (from its control file), or None."""
    try:
        pid = json.loads((Path(data_dir) / CONTROL_FILE).read_text(encoding="utf-8")).get("pid")
    except (OSError, ValueError, AttributeError):
        return None
    return pid if isinstance(pid, int) and pid > 0 and _alive(pid) else None


def background_url(data_dir: Path) -> str | None:
    """The Elasticsearch URL of a noida-db already serving ``data_dir`` (``directives engine
    up``), so no second server is started on the same files; None when none runs."""
    if server_pid(data_dir) is None:
        return None
    try:
        result = noida("status", data_dir)
    except (EngineError, OSError, subprocess.SubprocessError):
        return None
    m = _STATUS_URL.search(result.stdout + result.stderr)
    return m.group(1).rstrip("/") if m and is_up(m.group(1)) else None


class LocalEngine:
    """A noida-db server we started and will stop."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = Path(data_dir)
        self.port = port
        self.url = f"http://{HOST}:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> str:
        """Start (or reuse one already answering on the port); return the URL."""
        if is_up(self.url):
            return self.url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / "engine.log", "ab") as log:
            self.proc = subprocess.Popen(
                [binary(), "start", "--only", "elasticsearch", "--data-dir", str(self.data_dir),
                 "--elasticsearch-port", str(self.port), "--host", HOST],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        atexit.register(self.stop)
        wait_until_up(self.url, timeout, self.proc)
        return self.url

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM the process group (data is flushed), SIGKILL if it does not exit."""
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=timeout)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        deadline = time.monotonic() + timeout  # the server child may outlive the wrapper briefly
        while time.monotonic() < deadline and is_up(self.url, timeout=0.5):
            time.sleep(0.1)

    def __enter__(self) -> LocalEngine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def noida(command: str, data_dir: Path, port: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``noida-db up|down|status`` against ``data_dir`` (background mode)."""
    args = [binary(), command, "--data-dir", str(data_dir)]
    if command == "up":
        args += ["--only", "elasticsearch", "--host", HOST]
        if port:
            args += ["--elasticsearch-port", str(port)]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
