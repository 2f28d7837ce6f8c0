"""Session fixtures shared by the whole suite.

``es_url`` starts the local Elasticsearch-compatible engine (noida-db) on a free loopback port
with its data in a temporary folder, and stops it at the end of the session. Integration tests
talk to it over HTTP; nothing is mocked.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold"
CORPUS = ROOT / "corpus"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _noida_binary() -> str:
    exe = Path(sys.executable).with_name("noida-db")
    if exe.exists():
        return str(exe)
    found = shutil.which("noida-db")
    if not found:
        pytest.fail("noida-db is not installed: run `make install`")
    return found


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for_http(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status < 500:
                    return
        except Exception as exc:  # noqa: BLE001 - any failure means "not up yet"
            last = exc
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up in {timeout}s: {last}")


class LocalEngine:
    """A noida-db server process on loopback, restartable (for fault tests)."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.data_dir / "engine.log", "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [_noida_binary(), "start", "--only", "elasticsearch", "--data-dir", str(self.data_dir),
             "--elasticsearch-port", str(self.port), "--host", "127.0.0.1"],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )
        wait_for_http(self.url)

    def stop(self, kill: bool = False) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, 9 if kill else 15)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait(timeout=5)
        self.proc = None
        # The wrapper can exit while the server child still answers for a moment: wait until
        # the port is closed so a restart never talks to a dying server.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _port_open(self.port):
            time.sleep(0.1)


@pytest.fixture(scope="session")
def local_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    engine = LocalEngine(tmp_path_factory.mktemp("engine"), free_port())
    engine.start()
    try:
        yield engine
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def es_url(local_engine: LocalEngine) -> str:
    return local_engine.url


# --- search backends ---------------------------------------------------------------------------
# The API, tracking and relevance tests run on both backends: the embedded index (tantivy, the
# default) and Elasticsearch (noida-db, started above on its own free port).
BACKENDS = ["embedded", "elasticsearch"]


@pytest.fixture(scope="session", params=BACKENDS)
def backend_kind(request: pytest.FixtureRequest) -> str:
    return request.param


def engine_url(request: pytest.FixtureRequest, kind: str) -> str | None:
    """The Elasticsearch URL for ``kind`` (starts noida-db on first use), None for embedded."""
    return request.getfixturevalue("es_url") if kind == "elasticsearch" else None
