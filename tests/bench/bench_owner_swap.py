"""How much owners depend on the gazetteer: dev owner accuracy on the texts as they are and with
every gold owner's name swapped for a real body that nlp/data does not hold.

Run: .venv/bin/python tests/bench/bench_owner_swap.py [--gold DIR] [--texts DIR] [--only REGEX]

For each dev document, each gold owner / co-owner that is a single body (one head of the
public-body kinds, no list) and occurs verbatim in the text is replaced, in the text, in the
gold tasks' texts and in the gold owners, by a different real body of the same kind from
``owner_swap_names.json`` (a trailing place word such as ``tỉnh`` is kept). Local government,
Party committees and plural kinds are never swapped (the header and the issuer fallback read
them, and they are structure, not names). Both versions are extracted with the same code and
scored like the reference scorer (owner_accuracy over matched tasks); the figures are printed
overall, per document kind (the gold's doc_type) and on the matched tasks whose gold owners were
swapped. Tunes nothing: a measurement of structure against lists.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1].parent
sys.path.insert(0, str(ROOT))
from nlp import owners  # noqa: E402
from nlp.cli import extract_files  # noqa: E402

SCORER = ROOT.parent / "shared" / "tools" / "score.py"
NAMES = Path(__file__).with_name("owner_swap_names.json")


def _scorer():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_names() -> dict:
    data = json.loads(NAMES.read_text(encoding="utf-8"))
    held = _held_names()
    for kind, spec in data["kinds"].items():
        for name in spec["names"]:
            if owners.fold(name) in held:
                raise SystemExit(f"{NAMES.name}: {name!r} ({kind}) is held by nlp/data")
    return data


def _held_names() -> set[str]:
    """Every name nlp/data holds: agencies' heads and examples, abbreviations' expansions,
    issuers' names."""
    data = ROOT / "nlp" / "data"
    held: set[str] = set()
    for line in (data / "agencies.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            held |= {owners.fold(x) for x in [row.get("head", ""), *row.get("examples", [])]}
    for line in (data / "abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            held.add(owners.fold(line.split("\t")[1]))

    def walk(x: object) -> None:
        if isinstance(x, str):
            held.add(owners.fold(x))
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(json.loads((data / "issuers.json").read_text(encoding="utf-8")))
    return held


def kind_of(name: str, data: dict) -> str | None:
    """The swap kind of a gold owner name, None when it is not a single body to swap."""
    found = owners.owner_start(name, 0)
    if found is None or found[0] != 0 or found[1].kind != "body":
        return None
    if any(name.startswith(k) for k in data["keep"]) or "," in name or ";" in name:
        return None
    if len(owners.split_owners(name)) != 1:
        return None
    for kind, spec in data["kinds"].items():
        if any(name.startswith(h) for h in spec["heads"]):
            return kind
    return None


def _place(name: str, data: dict) -> str:
    return next((w for w in data["place_words"] if name.endswith(" " + w)), "")


def swap_map(text: str, gold: dict, data: dict, salt: int) -> dict[str, str]:
    """Gold name -> replacement, in order of first appearance in the text."""
    names: set[str] = set()
    for task in gold.get("tasks") or []:
        names |= set(task.get("owners") or []) | set(task.get("co_owners") or [])
    candidates = sorted((n for n in names if kind_of(n, data) and _occurs(n, text)),
                        key=lambda n: (_first(n, text), n))  # a total order: no set order leaks in
    used: dict[str, int] = defaultdict(int)
    out: dict[str, str] = {}
    for name in candidates:
        kind = kind_of(name, data)
        pool = [n for n in data["kinds"][kind]["names"] if n not in text]
        if not pool:
            continue
        pick = pool[(salt + used[kind]) % len(pool)]
        used[kind] += 1
        place = _place(name, data)
        out[name] = f"{pick} {place}" if place else pick
    return out


def _first(name: str, text: str) -> int:
    """Where ``name`` first occurs in ``text`` (hard-wrapped or not)."""
    m = re.search(rf"(?<!\w){_loose(name)}(?!\w)", text)
    return m.start() if m else len(text)


def _loose(name: str) -> str:
    """``name`` as a pattern whose spaces match any run of white space (hard-wrapped texts)."""
    return r"\s+".join(re.escape(w) for w in name.split())


def _occurs(name: str, text: str) -> bool:
    """Whether ``name`` occurs as a whole in ``text``, and its name part never stands without
    its head (``Các Bộ: Tài chính, Y tế``: a gold ``Bộ Tài chính`` from a shared-head list
    cannot be swapped in the text)."""
    if re.search(rf"(?<!\w){_loose(name)}(?!\w)", text) is None:
        return False
    head = owners.owner_start(name, 0)
    rest = name[len(head[1].text):].strip() if head else ""
    if not rest[:1].isupper():
        return True
    alone = len(re.findall(rf"(?<!\w){_loose(rest)}(?!\w)", text))
    return alone <= len(re.findall(rf"(?<!\w){_loose(name)}(?!\w)", text))


def apply(mapping: dict[str, str], text: str) -> str:
    if not mapping:
        return text
    alternatives = "|".join(_loose(n) for n in sorted(mapping, key=lambda n: (-len(n), n)))
    return re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", lambda m: mapping[" ".join(m.group().split())], text)


def swap_gold(gold: dict, mapping: dict[str, str]) -> dict:
    gold = json.loads(json.dumps(gold))
    for task in gold.get("tasks") or []:
        task["text"] = apply(mapping, task.get("text", ""))
        for key in ("owners", "co_owners"):
            task[key] = [apply(mapping, o) for o in task.get(key) or []]
    return gold


def owner_tally(sc, gold: dict, pred: dict, swapped: set[str]) -> tuple[int, int, int, int]:  # noqa: ANN001
    """(matched, owners equal, matched with a swapped gold owner, of those equal)."""
    g_tasks, p_tasks = gold.get("tasks") or [], pred.get("tasks") or []
    pairs = sc.match(g_tasks, p_tasks, lambda g, p: sc.similarity(g.get("text", ""), p.get("text", "")), 0.5)
    n = ok = sn = sok = 0
    for i, j in pairs:
        g_own = {sc.norm_owner(o) for o in g_tasks[i].get("owners") or []}
        p_own = {sc.norm_owner(o) for o in p_tasks[j].get("owners") or []}
        n += 1
        ok += g_own == p_own
        if set(g_tasks[i].get("owners") or []) & swapped:
            sn += 1
            sok += g_own == p_own
    return n, ok, sn, sok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "nlp" / "dev_gold")
    ap.add_argument("--texts", type=Path, default=ROOT / "corpus" / "dev")
    ap.add_argument("--only", default="", help="regex on the document file name")
    ap.add_argument("--salt", type=int, default=0, help="rotates the replacement picks")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--keep", type=Path, help="also write the swapped texts, golds and predictions here")
    args = ap.parse_args()
    data = load_names()
    sc = _scorer()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.gold.glob("*.json"))]
    golds = [g for g in golds if re.search(args.only, g["doc"]) and (args.texts / g["doc"]).exists()]
    rows: list[tuple[str, str, int, tuple, tuple]] = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for sub in ("orig_in", "orig_out", "swap_in", "swap_out"):
            (t / sub).mkdir()
        swaps = {}
        for k, gold in enumerate(golds):
            text = (args.texts / gold["doc"]).read_text(encoding="utf-8")
            mapping = swap_map(text, gold, data, args.salt + k)
            swaps[gold["doc"]] = mapping
            (t / "orig_in" / gold["doc"]).write_text(text, encoding="utf-8")
            (t / "swap_in" / gold["doc"]).write_text(apply(mapping, text), encoding="utf-8")
        for side in ("orig", "swap"):
            _, errors = extract_files([t / f"{side}_in"], t / f"{side}_out")
            for line in errors:
                print("error:", line, file=sys.stderr)
        for gold in golds:
            stem = Path(gold["doc"]).stem + ".json"
            mapping = swaps[gold["doc"]]
            orig = json.loads((t / "orig_out" / stem).read_text(encoding="utf-8"))
            swap = json.loads((t / "swap_out" / stem).read_text(encoding="utf-8"))
            swapped = set(mapping.values())
            a = owner_tally(sc, gold, orig, set(mapping))
            b = owner_tally(sc, swap_gold(gold, mapping), swap, swapped)
            kind = (gold.get("metadata") or {}).get("doc_type") or "-"
            rows.append((gold["doc"], kind, len(mapping), a, b))
            if args.keep:
                _keep(args.keep, gold, mapping, t, stem)
    _report(rows, args.per_doc)


def _keep(keep: Path, gold: dict, mapping: dict[str, str], tmp: Path, stem: str) -> None:
    for sub in ("swap_in", "swap_out", "swap_gold", "orig_out"):
        (keep / sub).mkdir(parents=True, exist_ok=True)
    (keep / "swap_in" / gold["doc"]).write_text((tmp / "swap_in" / gold["doc"]).read_text(encoding="utf-8"),
                                                encoding="utf-8")
    for sub in ("swap_out", "orig_out"):
        (keep / sub / stem).write_text((tmp / sub / stem).read_text(encoding="utf-8"), encoding="utf-8")
    swapped = swap_gold(gold, mapping) | {"swaps": mapping}
    (keep / "swap_gold" / stem).write_text(json.dumps(swapped, ensure_ascii=False, indent=1), encoding="utf-8")


def _acc(ok: int, n: int) -> str:
    return f"{ok / n:.3f}" if n else "  -  "


def _report(rows: list, per_doc: bool) -> None:
    print(f"{'':28} {'docs':>4} {'names':>5} {'tasks':>5} {'orig':>6} {'swap':>6} {'gap':>6}"
          f"   {'touched':>7} {'orig':>6} {'swap':>6}")
    groups: dict[str, list] = defaultdict(list)
    for row in rows:
        groups[row[1]].append(row)
    order = sorted(groups, key=lambda k: -len(groups[k]))

    def line(label: str, rs: list) -> None:
        n = sum(r[3][0] for r in rs)
        a, b = sum(r[3][1] for r in rs), sum(r[4][1] for r in rs)
        nb = sum(r[4][0] for r in rs)
        tn, ta, tb = sum(r[3][2] for r in rs), sum(r[3][3] for r in rs), sum(r[4][3] for r in rs)
        tnb = sum(r[4][2] for r in rs)
        gap = (a / n - b / nb) if n and nb else 0.0
        print(f"{label[:28]:28} {len(rs):>4} {sum(r[2] for r in rs):>5} {n:>5} {_acc(a, n):>6} {_acc(b, nb):>6}"
              f" {gap:>+6.3f}   {tn:>7} {_acc(ta, tn):>6} {_acc(tb, tnb):>6}")

    if per_doc:
        for r in rows:
            line(r[0], [r])
        print()
    for k in order:
        line(k, groups[k])
    line("TOTAL", rows)


if __name__ == "__main__":
    main()
