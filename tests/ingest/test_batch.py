"""Batch: folder walking, one failure does not stop the rest, idempotent re-ingest, CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.batch import collect_files, run_batch
from ingest.cli import app, parse_file
from ingest.store import DocumentStore

TEXT = "CHỈ THỊ\nVề tăng cường công tác {n}\n1. Các sở, ngành triển khai thực hiện.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT.format(n="một"), encoding="utf-8")
    (root / "b.txt").write_bytes(b"")  # fails in the middle
    (root / "sub" / "c.txt").write_text(TEXT.format(n="ba"), encoding="utf-8")
    (root / "README.md").write_text("# Ghi chú về kho văn bản\n", encoding="utf-8")  # a note, not a document
    (root / "~$temp.docx").write_bytes(b"lock")
    (root / ".hidden.txt").write_text("x", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG")
    return root


def test_collect_files_walks_sorts_dedupes_and_skips_temp(folder: Path) -> None:
    files = collect_files([folder, folder / "a.txt", folder])
    assert [f.name for f in files] == ["a.txt", "b.txt", "c.txt"]


def test_folder_walk_skips_notes_but_an_md_named_explicitly_is_read(folder: Path) -> None:
    assert "README.md" not in [f.name for f in collect_files([folder])]
    assert [f.name for f in collect_files([folder / "README.md"])] == ["README.md"]


def test_explicit_file_is_kept_even_if_unsupported(folder: Path) -> None:
    assert [f.name for f in collect_files([folder / "image.png"])] == ["image.png"]


@pytest.mark.parametrize("workers", [1, 2])
def test_failure_in_the_middle_the_rest_goes_on(folder: Path, workers: int) -> None:
    report = run_batch(collect_files([folder]), parse_file, workers=workers, progress=False)
    assert [p.name for p, _ in report.ok] == ["a.txt", "c.txt"]
    assert [(p.name, msg) for p, msg in report.failed] == [("b.txt", "b.txt: [I001] the file is empty")]


def _explode(path: Path) -> str:
    if path.name == "a.txt":
        raise RuntimeError("boom")
    return path.name


def test_unexpected_exceptions_are_reported_not_raised(folder: Path) -> None:
    report = run_batch([folder / "a.txt", folder / "sub" / "c.txt"], _explode, progress=False)
    assert report.failed == [(folder / "a.txt", "a.txt: internal error: RuntimeError: boom")]
    assert report.ok == [(folder / "sub" / "c.txt", "c.txt")]


def test_ingest_cli_is_idempotent_and_replaces_changed_files(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    data = tmp_path / "data"
    first = runner.invoke(app, ["ingest", str(folder), "--data-dir", str(data)])
    assert first.exit_code == 0, first.output
    assert "2 new, 0 unchanged, 0 replaced, 1 failed" in first.output
    store = DocumentStore(data)
    ids_before = store.ids()
    assert len(ids_before) == 2

    again = runner.invoke(app, ["ingest", str(folder), "--data-dir", str(data)])
    assert "0 new, 2 unchanged, 0 replaced, 1 failed" in again.output
    assert store.ids() == ids_before

    (folder / "a.txt").write_text(TEXT.format(n="mười"), encoding="utf-8")
    changed = runner.invoke(app, ["ingest", str(folder), "--data-dir", str(data)])
    assert "0 new, 1 unchanged, 1 replaced, 1 failed" in changed.output
    assert len(store.ids()) == 2 and store.ids() != ids_before


def test_single_bad_file_exits_non_zero(folder: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(folder / "b.txt"), "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1
    assert "b.txt: [I001] the file is empty" in result.output
    assert "Traceback" not in result.output


def test_parse_cli_prints_json_or_one_line_error(folder: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["parse", str(folder / "a.txt"), "--json"])
    assert ok.exit_code == 0
    assert '"metadata"' in ok.output and '"sections"' in ok.output and '"text"' in ok.output
    bad = runner.invoke(app, ["parse", str(folder / "image.png")])
    assert bad.exit_code == 1
    assert bad.output.strip().splitlines() == [
        "error: image.png: [I003] unsupported format '.png'; supported: "
        ".doc, .docx, .htm, .html, .markdown, .md, .odt, .pdf, .rtf, .text, .txt, .xhtml"
    ]


# fmt: off
@pytest.mark.parametrize(("names", "kept", "skipped"), [
    (["a.pdf", "a.txt", "a.docx"], ["a.txt"], ["a.pdf", "a.docx"]),
    (["a.pdf", "a.docx"], ["a.docx"], ["a.pdf"]),
    (["a.pdf", "b.txt"], ["a.pdf", "b.txt"], []),
    (["A.PDF", "a.html"], ["a.html"], ["A.PDF"]),
])
# fmt: on
def test_one_format_per_document(names: list[str], kept: list[str], skipped: list[str]) -> None:
    from ingest.batch import one_format_per_document

    got_kept, got_skipped = one_format_per_document([Path("d") / n for n in names])
    assert [p.name for p in got_kept] == kept
    assert sorted(p.name for p in got_skipped) == sorted(skipped)


def test_same_name_in_other_folders_is_another_document() -> None:
    from ingest.batch import one_format_per_document

    kept, skipped = one_format_per_document([Path("x/a.txt"), Path("y/a.pdf")])
    assert len(kept) == 2 and skipped == []
