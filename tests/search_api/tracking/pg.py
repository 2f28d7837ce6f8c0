"""A throwaway PostgreSQL cluster for tests (initdb into a temp dir, unix socket only).

Missing binaries: skip locally, fail with a clear message when ``CI`` is set
(``scripts/system_deps.sh`` installs ``postgresql`` there).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def pg_bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_pg_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:  # initdb refuses root: run as the postgres system user
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _chown(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


@contextmanager
def postgres_cluster(base: Path, port: int) -> Iterator[str]:
    """Start a cluster under ``base``; yield a libpq URL (socket dir); stop and forget it."""
    bindir = pg_bindir()
    if bindir is None:
        msg = "PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install -y postgresql"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    base.mkdir(parents=True, exist_ok=True)
    _chown(base.parent)
    _chown(base)
    data, sock = base / "data", base / "sock"
    sock.mkdir(exist_ok=True)
    _chown(sock)
    _run(_as_pg_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                      "-A", "trust", "-E", "UTF8", "--no-locale"]))
    opts = f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off -c max_connections=50"
    _run(_as_pg_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-w",
                      "-l", str(base / "pg.log"), "start"]))
    try:
        yield f"postgresql://postgres@/postgres?host={sock}&port={port}"
    finally:
        subprocess.run(_as_pg_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                       capture_output=True)
        time.sleep(0.1)
        shutil.rmtree(base.parent, ignore_errors=True)


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr or proc.stdout}")


def fresh_schema_url(url: str, name: str) -> str:
    """Create schema ``name`` and return a URL whose connections use it."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{name}"')
    return f"{url}&options=-csearch_path%3D{name}"
