"""Browser tests: one local engine, the corpus ingested, one live uvicorn server, one Chromium.

Everything runs on loopback: noida-db on a free port (its own, so stopping it for the 503 test
touches no other test), the app in a uvicorn subprocess reading the same data directory, and
Debian's Chromium driven by Playwright (no browser download: ``executable_path``). Screenshots
go to ``screenshots/`` at the repository root (gitignored); the path is printed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, ROOT, SEEDS, LocalEngine, free_port, wait_for_http

CHROMIUM = os.environ.get("DIRECTIVES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "screenshots"
EDITOR_KEY = "e2e-editor-key"
READER_KEY = "e2e-reader-key"
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class LiveApp:
    url: str
    engine: LocalEngine
    data_dir: Path

    def api(self, path: str, **params: Any) -> Any:
        """GET a JSON endpoint of the live app."""
        query = urllib.parse.urlencode(params, doseq=True)
        path = urllib.parse.quote(path, safe="/:")  # task ids hold spaces and accents (Điều 2.2)
        with urllib.request.urlopen(f"{self.url}{path}{'?' + query if query else ''}", timeout=30) as r:
            return json.loads(r.read())


def corpus_files() -> list[Path]:
    """The plain-text corpus (the seeds when ``corpus/`` holds none): fast to extract."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    return files or sorted(SEEDS.glob("*.txt"))


def _ingest(es_url: str, data_dir: Path, env: dict[str, str]) -> None:
    """Parse, extract and index the corpus with the real pipeline, in a child process."""
    files = [str(p) for p in corpus_files()]
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from search_api.config import Settings\n"
        "from search_api.context import Context\n"
        "from search_api.pipeline import ensure_ready, ingest_one\n"
        "ctx = Context.from_settings(Settings())\n"
        "ensure_ready(ctx)\n"
        "for f in sys.argv[1:]:\n"
        "    o = ingest_one(ctx, Path(f), refresh=True)\n"
        "    print(Path(f).name, o.status, o.doc_id, o.task_count)\n"
        "ctx.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *files], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"ingesting the corpus failed:\n{done.stdout}\n{done.stderr[-3000:]}")


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run scripts/system_deps.sh (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api")
    engine = LocalEngine(tmp_path_factory.mktemp("e2e-engine"), free_port())
    engine.start()
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {**os.environ, "ES_URL": engine.url, "DIRECTIVES_DATA_DIR": str(data_dir),
           "ES_INDEX_PREFIX": "e2e",
           "DIRECTIVES_API_KEYS": f"secretariat={EDITOR_KEY}:editor,staff={READER_KEY}:reader"}
    proc: subprocess.Popen[bytes] | None = None
    try:
        _ingest(engine.url, data_dir, env)
        port = free_port()
        log = open(data_dir / "server.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "search_api.main:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        wait_for_http(f"{url}/health", timeout=60)
        yield LiveApp(url, engine, data_dir)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        engine.stop()


@pytest.fixture(scope="session")
def browser(live_app: LiveApp) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Any, live_app: LiveApp) -> Iterator[Any]:
    """A fresh laptop-sized tab (its own storage); JavaScript errors fail the test."""
    context = browser.new_context(viewport=LAPTOP, base_url=live_app.url, locale="vi-VN",
                                  accept_downloads=True)
    context.set_default_timeout(20_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def phone(browser: Any, live_app: LiveApp) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, base_url=live_app.url, locale="vi-VN",
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    tab = context.new_page()
    yield tab
    context.close()


def shot(tab: Any, name: str, full_page: bool = True) -> Path:
    """Save a screenshot under ``screenshots/`` and return its path."""
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS.is_dir() and any(SCREENSHOTS.glob("*.png")):
        count = len(list(SCREENSHOTS.glob("*.png")))
        terminalreporter.write_line(f"e2e screenshots ({count}): {SCREENSHOTS}")
