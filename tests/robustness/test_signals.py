"""SIGTERM and SIGINT stop what the process started and flush what it holds (issue 15, item 3).

- ``directives serve`` with ``DIRECTIVES_ENGINE=elasticsearch`` and no ``ES_URL`` starts its own
  noida-db: after SIGTERM (what systemd, Docker and CI send) or SIGINT to the serve process
  alone, no noida-db process is left (checked by pid: the wrapper recorded in
  ``<data_dir>/engine.json`` and the server in its control file), within a bounded time;
- the embedded backend: a document acknowledged with 201 before SIGTERM is in the index and
  the data directory afterwards, the index writer lock and the instance lock are free.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from search_api.config import Settings
from search_api.context import Context
from search_api.instance import ENGINE_FILE, InstanceLock, recorded_engine
from search_api.search.model import Collection
from tests.conftest import ROOT, free_port, wait_for_http

pytestmark = pytest.mark.timeout(120)

EDITOR_KEY = "sig-editor"
DOC = ("ỦY BAN NHÂN DÂN TỈNH X\nKẾ HOẠCH\nTriển khai nhiệm vụ tín hiệu năm 2025\n"
       "1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025.\n"
       "2. Công an tỉnh phối hợp kiểm tra trong quý III năm 2025.\n")
BOUND_S = 30.0


def _env(data_dir: Path, engine: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ES_", "DIRECTIVES_", "LOCAL_ENGINE"))}
    env.update({"PYTHONPATH": str(ROOT), "DIRECTIVES_DATA_DIR": str(data_dir), "DIRECTIVES_ENGINE": engine,
                "DIRECTIVES_API_KEYS": f"{EDITOR_KEY}:editor", "ES_TIMEOUT": "10"})
    return env


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


def _wait_gone(pids: list[int], bound: float) -> list[int]:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        left = [p for p in pids if _alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _serve(data_dir: Path, engine: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "search_api.cli", "serve", "--port", str(port)],
                            cwd=ROOT, env=_env(data_dir, engine), stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=open(log, "wb"))  # noqa: SIM115
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", timeout=90)
    except BaseException:
        proc.kill()
        raise
    return proc, f"http://127.0.0.1:{port}"


def _kill_all(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.integration
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_leaves_no_engine_process(tmp_path: Path, sig: signal.Signals) -> None:
    data = tmp_path / "data"
    proc, base = _serve(data, "elasticsearch", tmp_path / "serve.log")
    engine_pids: list[int] = []
    try:
        rec = recorded_engine(data)
        assert rec is not None and isinstance(rec["pid"], int), "the local engine is not recorded"
        assert not rec["url"].endswith(":9200"), rec  # a free port, not the shared default
        engine_pids.append(rec["pid"])
        control = json.loads((data / "engine" / "noida.control.json").read_text(encoding="utf-8"))
        engine_pids.append(int(control["pid"]))
        assert all(_alive(p) for p in engine_pids)
        assert httpx.get(f"{base}/health", timeout=10).json()["engine"]["backend"] == "elasticsearch"
        start = time.monotonic()
        proc.send_signal(sig)  # the serve process alone, as docker stop does
        proc.wait(timeout=BOUND_S)
        left = _wait_gone(engine_pids, BOUND_S - (time.monotonic() - start))
        took = time.monotonic() - start
        assert not left, f"engine process(es) {left} still running after {sig.name}"
        assert not (data / ENGINE_FILE).exists()
        InstanceLock(data, "check").acquire().release()  # the instance lock is free
        print(f"\n{sig.name}: serve exited with {proc.returncode}, engine pids {engine_pids} gone, "
              f"in {took:.1f}s")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        _kill_all([p for p in engine_pids if _alive(p)])


def test_sigterm_keeps_acknowledged_uploads_and_frees_the_embedded_index(tmp_path: Path) -> None:
    data = tmp_path / "data"
    proc, base = _serve(data, "embedded", tmp_path / "serve.log")
    try:
        ids = []
        with httpx.Client(base_url=base, headers={"X-API-Key": EDITOR_KEY}, timeout=60) as client:
            for i in range(3):
                resp = client.post("/documents", files={"file": (f"kh-{i}.txt", DOC.replace("tín hiệu", f"tín hiệu {i}").encode(),
                                                                 "text/plain")})
                assert resp.status_code == 201, resp.text
                ids.append(resp.json()["id"])
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=BOUND_S)
        took = time.monotonic() - start
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    InstanceLock(data, "check").acquire().release()
    ctx = Context.from_settings(Settings(DIRECTIVES_ENGINE="embedded", DIRECTIVES_DATA_DIR=data))
    try:
        ctx.search.meta_set("signals-test", {"writable": True})  # the writer lock was released
        for doc_id in ids:
            assert ctx.search.get(Collection.DOCUMENTS, doc_id) is not None, f"{doc_id} lost from the index"
            assert ctx.store.has(doc_id), f"{doc_id} lost from the data directory"
    finally:
        ctx.close()
    print(f"\nSIGTERM: serve (embedded) exited with {proc.returncode} in {took:.1f}s; "
          f"{len(ids)} acknowledged uploads present, index writable")
