"""How often the owner-phrase finder reproduces the dev gold's owner names exactly.

For every owner name of the dev gold that occurs verbatim in its document's text (at a word
start), the phrase finder (:func:`nlp.owners.subject_at`) is started at its first word, on
its line of the parsed text (ingest joins wrapped lines; a line break ends a name); the occurrence counts as reproduced when the first owner
of the phrase (:func:`nlp.owners.split_owners`) equals the gold name (scorer's ``norm_owner``).
Independent of the resolver: it measures where names end, not who owns what. Dev only.

    .venv/bin/python tests/nlp/measure_owner_phrases.py [--misses]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))

from score import norm_owner  # noqa: E402

import ingest  # noqa: E402
from nlp.owners import split_owners, subject_at  # noqa: E402

GOLD = ROOT / "tests" / "nlp" / "dev_gold"
TEXTS = ROOT / "corpus" / "dev"


def occurrences(text: str, name: str) -> list[int]:
    """Word-start occurrences not inside a longer capitalised name (``Thủ tướng Chính phủ``)."""
    out = []
    for m in re.finditer(re.escape(name), text):
        at = m.start()
        if at and text[at - 1].isalnum():
            continue
        before = text[max(0, at - 30) : at]
        prev = re.search(r"(\w+) $", before)
        if prev and prev.group(1)[0].isupper():
            continue
        out.append(at)
    return out


def main() -> None:
    show = "--misses" in sys.argv
    occ_total = occ_ok = names_total = names_any = names_first = 0
    for gold_file in sorted(GOLD.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = ingest.parse_text((TEXTS / gold["doc"]).read_text(encoding="utf-8")).text
        names = sorted({o for t in gold["tasks"] for o in t.get("owners", [])})
        for name in names:
            hits = occurrences(text, name)
            if not hits:
                continue
            names_total += 1
            results = []
            for pos in hits:
                line_end = text.find("\n", pos)
                line_end = len(text) if line_end < 0 else line_end
                phrase = subject_at(text, pos, line_end, allow_person=True)
                first = split_owners(phrase.text)[0] if phrase and split_owners(phrase.text) else ""
                ok = norm_owner(first) == norm_owner(name)
                results.append(ok)
                if show and not ok:
                    ctx = text[pos : min(line_end, pos + len(name) + 40)]
                    print(f"{gold_file.stem[:3]} gold={name!r} got={first!r}  | {ctx!r}")
            occ_total += len(results)
            occ_ok += sum(results)
            names_any += any(results)
            names_first += results[0]
    print(f"occurrences reproduced: {occ_ok}/{occ_total} = {occ_ok / occ_total:.3f}")
    print(f"names, first occurrence: {names_first}/{names_total} = {names_first / names_total:.3f}")
    print(f"names, some occurrence:  {names_any}/{names_total} = {names_any / names_total:.3f}")


if __name__ == "__main__":
    main()
