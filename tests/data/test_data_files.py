"""Every nlp data file validates, every entry's examples match, no duplicates."""

from __future__ import annotations

import json

import pytest

from nlp import lexicon

PATTERN_LISTS = [
    ("reference_patterns.json", "patterns"),
    ("relation_cues.json", "patterns"),
    ("deadline_patterns.json", "patterns"),
    ("deadline_patterns.json", "exclusions"),
    ("recurrence_patterns.json", "patterns"),
]


def _entries():
    for file, key in PATTERN_LISTS:
        for entry, regex in lexicon.patterns_of(file, key):
            yield pytest.param(file, key, entry, regex, id=f"{file}:{key}:{entry.name}")


@pytest.mark.parametrize(("file", "key", "entry", "regex"), list(_entries()))
def test_examples_match_and_counter_examples_do_not(file, key, entry, regex):
    for example in entry.examples:
        assert regex.search(example), f"{file} [{entry.name}] misses example {example!r}"
    for counter in entry.counter_examples:
        assert not regex.search(counter), f"{file} [{entry.name}] matches counter-example {counter!r}"
    required = lexicon.requirement(file, entry.name, key) if entry.requires else None
    for example in entry.examples if required else ():
        found = regex.search(example)
        assert required.search(found.group()), f"{file} [{entry.name}] 'requires' {entry.requires!r} not in {example!r}"


@pytest.mark.parametrize("file", sorted({f for f, _ in PATTERN_LISTS} | {"variables.json", "doc_types.json", "issuers.json"}))
def test_json_files_parse_and_have_comment(file):
    data = json.loads((lexicon.DATA_DIR / file).read_text(encoding="utf-8"))
    assert "#" in data, f"{file} has no '#' comment"


def test_doc_types_unique_and_words_unique():
    types = lexicon.doc_types()
    names = [t.name for t in types]
    assert len(names) == len(set(names))
    words = [w for t in types for w in t.words]
    assert len(words) == len(set(words))


def test_type_examples_are_found_by_type_words():
    from nlp.patterns import compile_template

    regex = compile_template(r"(?<!\w)(?:$type_word)", lexicon.variables())
    for t in lexicon.doc_types():
        for example in t.examples:
            if t.words:
                assert regex.search(example), (t.name, example)


def test_codes_have_one_official_case():
    codes = lexicon.known_codes()
    assert codes["TTG"] == "TTg" and codes["CTR"] == "CTr" and codes["QĐ"] == "QĐ"


def test_abbreviations_tsv_valid_and_unique():
    table = lexicon.abbreviation_table()
    assert table["THADS"] == "thi hành án dân sự"
    assert all(k.strip() == k and v.strip() == v for k, v in table.items())


def test_name_rules_load():
    rules = lexicon.name_rules()
    assert "các" in rules.determiners and rules.max_name_words > 5
    counters = lexicon.raw("reference_patterns.json")["name_rules"]["counter_examples"]
    from nlp.references import find_references

    for text in counters:
        assert find_references(f"Tiếp tục thực hiện {text}.") == [], text


@pytest.mark.parametrize(("file", "key"), [("recurrence_patterns.json", "attributive_heads"),
                                           ("issuers.json", "generic"), ("issuers.json", "end_words")])
def test_word_lists_have_no_duplicates(file, key):
    words = lexicon.word_list(file, key)
    assert len(words) == len(set(words))


def test_bad_file_raises_data_file_error(monkeypatch, tmp_path):
    (tmp_path / "reference_patterns.json").write_text('{"patterns": [{"name": "x", "regex": "(", "examples": ["a"]}]}')
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    lexicon.raw.cache_clear()
    lexicon.pattern_entries.cache_clear()
    lexicon.pattern.cache_clear()
    try:
        with pytest.raises(lexicon.DataFileError, match="reference_patterns.json"):
            lexicon.pattern("reference_patterns.json", "x")
    finally:
        lexicon.raw.cache_clear()
        lexicon.pattern_entries.cache_clear()
        lexicon.pattern.cache_clear()


def _jsonl(name: str) -> list[dict]:
    lines = (lexicon.DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("entry", _jsonl("owner_patterns.jsonl"), ids=lambda e: e["kind"])
def test_owner_pattern_examples_match(entry):
    import re

    regex = re.compile(entry["pattern"])
    for example in entry.get("examples", []):
        assert regex.search(example), f"owner_patterns.jsonl [{entry['kind']}] misses {example!r}"
    for counter in entry.get("counter_examples", []):
        assert not regex.search(counter), f"owner_patterns.jsonl [{entry['kind']}] matches {counter!r}"


def test_owner_heads_unique_and_their_examples_open_with_them():
    entries = _jsonl("agencies.jsonl")
    heads = [e["head"] for e in entries]
    assert len(heads) == len(set(heads))
    for e in entries:
        assert e["kind"] in ("body", "holder", "generic", "person"), e
        for example in e.get("examples", []):
            assert example.lower().startswith(e["head"].lower()) or e["head"].lower() in example.lower(), e


def test_owner_and_cue_loaders_validate():
    assert lexicon.owner_heads() and lexicon.owner_patterns() and lexicon.task_cues() and lexicon.item_fields()
    heads = [h.head for h in lexicon.owner_heads()]
    assert [len(h) for h in heads] == sorted((len(h) for h in heads), reverse=True)  # longest first


@pytest.mark.parametrize(("file", "content", "reason"), [
    ("agencies.jsonl", '{"head": "Sở", "kind": "office"}\n', "line 1"),
    ("agencies.jsonl", '{"head": "Sở", "kind": "body"}\n{"head": "Sở", "kind": "body"}\n', "duplicate head"),
    ("owner_patterns.jsonl", '{"kind": "x", "pattern": "(unclosed"}\n', "bad regex"),
    ("task_cues.json", '{"action_verbs": ["làm", ""]}', "non-empty strings"),
    ("item_fields.json", '{"fields": [{"role": "boss", "labels": ["x"]}], "sentence_labels": []}', "item_fields.json"),
])
def test_loaders_name_the_file_and_the_reason(tmp_path, monkeypatch, file, content, reason):
    (tmp_path / file).write_text(content, encoding="utf-8")
    monkeypatch.setattr(lexicon, "DATA_DIR", tmp_path)
    loaders = {"agencies.jsonl": lexicon.owner_heads, "owner_patterns.jsonl": lexicon.owner_patterns,
               "task_cues.json": lexicon.task_cues, "item_fields.json": lexicon.item_fields}
    for fn in (*loaders.values(), lexicon.raw):
        fn.cache_clear()
    try:
        with pytest.raises(lexicon.DataFileError) as err:
            loaders[file]()
        assert file in str(err.value) and reason in str(err.value)
    finally:
        monkeypatch.undo()
        for fn in (*loaders.values(), lexicon.raw):
            fn.cache_clear()
