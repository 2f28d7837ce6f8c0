"""Check gold annotation files against their source texts.

Usage:
    .venv/bin/python scripts/check_gold.py GOLD_DIR TEXT_DIR [--strict]

For every ``*.json`` in GOLD_DIR it verifies that
- the JSON has the gold schema (doc, metadata, abbreviations, references, tasks
  with text/section/owners/co_owners/deadline/recurrence/refs) and sane types;
- the text file named in ``doc`` exists in TEXT_DIR;
- every task text, every reference mention, every deadline text and every
  recurrence occurs verbatim in the text after joining hard-wrapped lines and
  collapsing whitespace (NFC);
- every id in a task's ``refs`` is declared in ``references``;
- dates are ISO ``YYYY-MM-DD``.
Owner and co-owner names that do not occur verbatim are reported as
"expanded" (the guidelines allow completing/expanding names) and only fail
with ``--strict``. Exit status 1 when any error is found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

TOP_KEYS = {"doc", "metadata", "abbreviations", "references", "tasks"}
META_KEYS = {"doc_type", "number", "issuer", "issued_date", "place", "title", "signer", "signer_title"}
REF_KEYS = {"id", "doc_type", "issued_date", "issuer", "mention"}
TASK_KEYS = {"text", "section", "owners", "co_owners", "deadline", "recurrence", "refs"}
SECTION_RE = re.compile(r"^(Điều \d+|[IVXLC]+|\d+)([.\-][0-9A-Za-zđ]+)*$")


def normalise(text: str) -> str:
    """NFC, hard wraps joined with a space, runs of whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    expanded: list[str] = field(default_factory=list)

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")


def _is_iso(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def _check_keys(rep: Report, where: str, obj: object, keys: set[str]) -> bool:
    if not isinstance(obj, dict):
        rep.error(where, "not an object")
        return False
    missing, extra = keys - obj.keys(), obj.keys() - keys
    if missing:
        rep.error(where, f"missing keys {sorted(missing)}")
    if extra:
        rep.error(where, f"unexpected keys {sorted(extra)}")
    return not missing


def _opt_str(rep: Report, where: str, value: object) -> None:
    if value is not None and not isinstance(value, str):
        rep.error(where, "must be a string or null")


def _in_text(needle: str, hay: str) -> bool:
    return normalise(needle) in hay


def check_file(path: Path, text_dir: Path, rep: Report) -> None:
    name = path.name
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        rep.error(name, f"cannot read JSON: {exc}")
        return
    if not _check_keys(rep, name, gold, TOP_KEYS):
        return
    doc = gold["doc"]
    if not isinstance(doc, str) or Path(doc).stem != path.stem:
        rep.error(name, f"doc {doc!r} does not match the file name")
        return
    src = text_dir / doc
    if not src.is_file():
        rep.error(name, f"text file {src} not found")
        return
    hay = normalise(src.read_text(encoding="utf-8"))

    meta = gold["metadata"]
    if _check_keys(rep, f"{name} metadata", meta, META_KEYS):
        for key in META_KEYS:
            _opt_str(rep, f"{name} metadata.{key}", meta[key])
        if meta["issued_date"] is not None and not _is_iso(meta["issued_date"]):
            rep.error(f"{name} metadata.issued_date", "not an ISO date")

    abbr = gold["abbreviations"]
    if not isinstance(abbr, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in abbr.items()):
        rep.error(f"{name} abbreviations", "must map strings to strings")
    else:
        for short in abbr:
            if not _in_text(short, hay):
                rep.error(f"{name} abbreviations", f"{short!r} not in text")

    ids: set[str] = set()
    refs = gold["references"]
    if not isinstance(refs, list):
        rep.error(f"{name} references", "must be a list")
        refs = []
    for i, ref in enumerate(refs):
        where = f"{name} references[{i}]"
        if not _check_keys(rep, where, ref, REF_KEYS):
            continue
        for key in REF_KEYS:
            _opt_str(rep, f"{where}.{key}", ref[key])
        if not isinstance(ref["id"], str) or not ref["id"]:
            rep.error(where, "id must be a non-empty string")
            continue
        if ref["id"] in ids:
            rep.error(where, f"duplicate id {ref['id']!r}")
        ids.add(ref["id"])
        if ref["issued_date"] is not None and not _is_iso(ref["issued_date"]):
            rep.error(where, "issued_date not ISO")
        if not isinstance(ref["mention"], str) or not _in_text(ref["mention"], hay):
            rep.error(where, f"mention not in text: {ref['mention']!r}")

    tasks = gold["tasks"]
    if not isinstance(tasks, list):
        rep.error(f"{name} tasks", "must be a list")
        return
    for i, task in enumerate(tasks):
        where = f"{name} tasks[{i}]"
        if not _check_keys(rep, where, task, TASK_KEYS):
            continue
        text = task["text"]
        if not isinstance(text, str) or not text.strip():
            rep.error(where, "text must be a non-empty string")
        elif not _in_text(text, hay):
            rep.error(where, f"text not in document: {text[:80]!r}")
        sec = task["section"]
        if sec is not None and (not isinstance(sec, str) or not SECTION_RE.match(sec)):
            rep.error(where, f"odd section {sec!r}")
        for role in ("owners", "co_owners"):
            names = task[role]
            if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
                rep.error(where, f"{role} must be a list of strings")
                continue
            for owner in names:
                if not _in_text(owner, hay):
                    rep.expanded.append(f"{where} {role}: {owner!r}")
        dl = task["deadline"]
        if dl is not None:
            if not _check_keys(rep, f"{where}.deadline", dl, {"text", "date"}):
                pass
            else:
                if not isinstance(dl["text"], str) or not _in_text(dl["text"], hay):
                    rep.error(where, f"deadline text not in document: {dl['text']!r}")
                if not _is_iso(dl["date"]):
                    rep.error(where, f"deadline date not ISO: {dl['date']!r}")
        rec = task["recurrence"]
        _opt_str(rep, f"{where}.recurrence", rec)
        if isinstance(rec, str) and not _in_text(rec, hay):
            rep.error(where, f"recurrence not in document: {rec!r}")
        trefs = task["refs"]
        if not isinstance(trefs, list):
            rep.error(where, "refs must be a list")
            continue
        for rid in trefs:
            if rid not in ids:
                rep.error(where, f"ref {rid!r} not declared in references")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--strict", action="store_true", help="fail on expanded owner names too")
    args = parser.parse_args(argv)
    if not args.gold_dir.is_dir() or not args.text_dir.is_dir():
        print(f"error: {args.gold_dir} and {args.text_dir} must be directories", file=sys.stderr)
        return 2
    rep = Report()
    files = sorted(args.gold_dir.glob("*.json"))
    for path in files:
        check_file(path, args.text_dir, rep)
    for line in rep.expanded:
        print(f"expanded: {line}")
    for line in rep.errors:
        print(f"ERROR: {line}")
    failed = bool(rep.errors) or (args.strict and bool(rep.expanded))
    print(f"{len(files)} files, {len(rep.errors)} errors, {len(rep.expanded)} expanded owner names")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
