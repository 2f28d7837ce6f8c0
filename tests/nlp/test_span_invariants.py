from pathlib import Path

import pytest

import ingest
from nlp import extract

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt")) + sorted((ROOT / "corpus").rglob("*.txt"))
HOSTILE = ["", "1.", "- ", "Nơi nhận:\n- Lưu: VT.", "Giao Giao Giao", "a" * 5000, "1. Sở\n2. \n- Cục:\n+ ./.", "Đề nghị"]


def _check(doc):
    ex = extract(doc)
    for task in ex.tasks:
        assert doc.text[task.span.start : task.span.end] == task.span.text
        if task.deadline and task.deadline.span:
            s = task.deadline.span
            assert doc.text[s.start : s.end] == s.text
    for ref in ex.references:
        assert doc.text[ref.mention.start : ref.mention.end] == ref.mention.text


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_spans(path):
    _check(ingest.parse(path))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_spans(text):
    _check(ingest.parse_text(text, filename="x.txt"))
