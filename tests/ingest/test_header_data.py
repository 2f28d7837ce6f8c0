"""ingest/data files of the header: layout_cells.json examples are found and counter-examples
are not; issuers.json is consistent (codes name listed bodies, templates expand, no duplicates)."""

from __future__ import annotations

import json

import pytest

from ingest import issuers, vocab

CELLS = json.loads((vocab.DATA / "layout_cells.json").read_text(encoding="utf-8"))
ISSUERS = json.loads((vocab.DATA / "issuers.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", [k for k, v in CELLS.items() if isinstance(v, dict)])
def test_cell_pattern_examples(key: str) -> None:
    rx = vocab.cell_patterns()[key]
    for example in CELLS[key].get("examples", []):
        assert rx.search(example), (key, example)
    for counter in CELLS[key].get("counter_examples", []):
        assert not rx.search(counter), (key, counter)


def test_files_have_comments() -> None:
    assert "#" in CELLS and "#" in ISSUERS


def test_issuer_names_unique_and_codes_name_listed_bodies() -> None:
    names = ISSUERS["names"]
    assert len(names) == len(set(names))
    missing = {code: name for code, name in ISSUERS["codes"].items() if name not in names}
    assert not missing


def test_every_known_body_matches_itself_only() -> None:
    for name in ISSUERS["names"]:
        assert issuers.match(name.upper()) == name, name


LABELS = json.loads((vocab.DATA / "header_labels.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("key", [k for k, v in LABELS.items() if isinstance(v, dict) and "pattern" in v])
def test_header_label_examples(key: str) -> None:
    rx = vocab.label(key)
    for example in LABELS[key].get("examples", []):
        assert rx.search(example), (key, example)
    for counter in LABELS[key].get("counter_examples", []):
        assert not rx.search(counter), (key, counter)
