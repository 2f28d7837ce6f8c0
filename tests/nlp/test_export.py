import json

import ingest
from nlp import extract
from nlp.export import output_name, to_gold_json, write_gold_json

from ._docs import UBND_PLAN


def test_gold_schema(tmp_path):
    doc = ingest.parse_text(UBND_PLAN, filename="045_kh.txt")
    data = to_gold_json(doc, extract(doc))
    assert set(data) == {"doc", "metadata", "abbreviations", "references", "tasks"}
    assert set(data["metadata"]) == {"doc_type", "number", "issuer", "issued_date", "place", "title", "signer", "signer_title"}
    for task in data["tasks"]:
        assert {"text", "section", "owners", "co_owners", "deadline", "recurrence", "refs"} <= set(task)
    path = write_gold_json(doc, extract(doc), tmp_path)
    assert path.name == "045_kh.json" and json.loads(path.read_text("utf-8"))["doc"] == "045_kh.txt"


def test_output_name():
    assert output_name("000_x.txt") == "000_x.json"
