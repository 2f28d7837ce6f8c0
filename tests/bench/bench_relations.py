"""Relation benchmark: labelled sentences of our own (tests/fixtures/relations.jsonl).

Each line gives a sentence, the id of a document it cites, the citing text's relation to it
and the direction: ``own`` (the citing text itself acts on it), ``reported_object`` (another
cited document acts on it), ``reported_subject`` (it acts on another cited document) or
``none``; ``partial`` (default false) says whether the act is on a part.

    .venv/bin/python tests/bench/bench_relations.py [-v]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "relations.jsonl"


@dataclass(frozen=True)
class Outcome:
    case: dict
    relation: str | None
    direction: str | None
    partial: bool | None

    @property
    def relation_ok(self) -> bool:
        return self.relation == self.case["relation"]

    @property
    def direction_ok(self) -> bool:
        return self.direction == self.case["direction"]

    @property
    def partial_ok(self) -> bool:
        return self.partial == self.case.get("partial", False)


def load_cases(path: Path = FIXTURE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def direction_of(ref_id: str, refs) -> tuple[str, bool]:
    """Direction of citation ``ref_id`` and whether the act on it is on a part."""
    from nlp.relations import ACTS

    ref = next(r for r in refs if r.id == ref_id)
    if ref.relation in ACTS:
        return "own", ref.partial
    if ref.reported:
        return "reported_object", any(x.partial for x in ref.reported)
    if any(x.subject == ref_id for r in refs for x in r.reported):
        return "reported_subject", False
    return "none", False


def run(cases: list[dict]) -> list[Outcome]:
    from nlp.references import find_references

    out = []
    for case in cases:
        refs = find_references(case["sentence"])
        if not any(r.id == case["cited"] for r in refs):
            out.append(Outcome(case, None, None, None))
            continue
        ref = next(r for r in refs if r.id == case["cited"])
        direction, partial = direction_of(case["cited"], refs)
        if direction == "reported_subject":
            partial = case.get("partial", False)  # the part belongs to the object, not scored here
        out.append(Outcome(case, ref.relation.value, direction, partial))
    return out


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    n = len(outcomes)
    return {
        "cases": n,
        "relation_accuracy": sum(o.relation_ok for o in outcomes) / n,
        "direction_accuracy": sum(o.direction_ok for o in outcomes) / n,
        "partial_accuracy": sum(o.partial_ok for o in outcomes) / n,
    }


def main(argv: list[str]) -> int:
    outcomes = run(load_cases())
    if "-v" in argv:
        for o in outcomes:
            if not (o.relation_ok and o.direction_ok and o.partial_ok):
                c = o.case
                print(f"MISS {c['cited']}: relation {o.relation} (want {c['relation']}), direction "
                      f"{o.direction} (want {c['direction']}), partial {o.partial} | {c['sentence']}")
    s = scores(outcomes)
    print(f"cases {s['cases']}  relation accuracy {s['relation_accuracy']:.3f}  direction accuracy "
          f"{s['direction_accuracy']:.3f}  partial accuracy {s['partial_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    raise SystemExit(main(sys.argv[1:]))
