"""Imports flow one way: ingest <- nlp <- search_api."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"ingest": {"nlp", "search_api"}, "nlp": {"search_api"}}


_SUBPROCESS_IMPORTS = """
import ast, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
for node in ast.walk(tree):
    if isinstance(node, ast.Import):
        print(*(a.name.split(".")[0] for a in node.names), sep="\\n")
    elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        print(node.module.split(".")[0])
"""


def _imports(path: Path) -> set[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SystemError:
        # CPython 3.11 < 3.11.8 (gh-106905): the AST builder's recursion counter is shared by
        # threads and can be left off by another thread of the suite; parse in a fresh process
        out = subprocess.run([sys.executable, "-c", _SUBPROCESS_IMPORTS, str(path)],
                             capture_output=True, text=True, check=True).stdout
        return set(out.split())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upward(package: str) -> None:
    offenders = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = _imports(path) & FORBIDDEN[package]
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {sorted(bad)}")
    assert not offenders, offenders
