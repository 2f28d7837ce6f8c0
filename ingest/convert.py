"""Old word-processor files (.doc, .rtf, .odt) to .docx with LibreOffice headless.

Each conversion runs ``soffice --headless --convert-to docx`` in a temporary folder of its
own, with a throw-away user profile (``-env:UserInstallation=file:///tmp/...``) so that runs
never share or corrupt a profile and never see the user's macros or settings, and with a time
limit: past it, the whole process group is killed.

Errors: LibreOffice missing or over the time limit -> ``ConversionFailed``; LibreOffice ran
but wrote nothing (it does so, quietly, for a damaged file) -> ``CorruptDocument``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.errors import ConversionFailed, CorruptDocument

_CANDIDATES = ("soffice", "libreoffice")
# The import filter is named, so a damaged file fails instead of being imported as plain text.
_IN_FILTERS = {"doc": "MS Word 97", "rtf": "Rich Text Format", "odt": "writer8"}


def soffice() -> str | None:
    """Path of the LibreOffice binary, or None."""
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.access(path, os.X_OK):
            return path
    return None


def to_docx(data: bytes, *, name: str, kind: str, timeout: float) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a ``kind`` file: "doc", "rtf", "odt")."""
    binary = soffice()
    if binary is None:
        raise ConversionFailed(name, kind.upper(), "LibreOffice is not installed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="directives-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input.{kind}"
        source.write_bytes(data)
        out_dir = work / "out"
        profile = (work / "profile").as_uri()
        cmd = [
            binary, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
            "--nolockcheck", "--nodefault", "--nologo",
            *([f"--infilter={_IN_FILTERS[kind]}"] if kind in _IN_FILTERS else []),
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(source),
        ]
        env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work, env=env,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ConversionFailed(name, kind.upper(), f"LibreOffice took more than {timeout:.0f} s") from None
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        result = out_dir / "input.docx"
        if not result.exists() or result.stat().st_size == 0:
            said = b"\n".join((out or b"", err or b"")).decode("utf-8", "replace").splitlines()
            errors = [line.strip() for line in said if line.strip().lower().startswith("error")]
            why = errors[-1] if errors else f"exit code {proc.returncode}, no output"
            raise CorruptDocument(name, kind.upper(), f"LibreOffice could not read it: {why}")
        return result.read_bytes()
