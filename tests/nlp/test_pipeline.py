from nlp import load_pipeline


def test_pipeline_components_and_spans():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["directives_owners", "directives_cues", "directives_extract"]
    doc = nlp("Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát.")
    owners = [s.text for s in doc.spans["owners"]]
    # spans are expanded to pyvi token boundaries
    assert any("Sở Tư pháp" in o for o in owners) and "Công an tỉnh" in owners
    assert any(s.text == "rà soát" for s in doc.spans["cues"])


def test_tokenizer_keeps_the_text_for_components():
    # components read the kept text instead of rebuilding Doc.text; both must agree
    nlp = load_pipeline()
    text = "1. Sở Y tế  chủ trì;\n- Cục Thuế tỉnh phối hợp.\n\n"
    doc = nlp(text)
    assert doc.user_data["text"] == text == doc.text


def test_extraction_comes_from_the_pipeline():
    import ingest
    from nlp import extract, extract_many
    from nlp.annotate import Annotations
    from nlp.pipeline import make_doc

    nlp = load_pipeline()
    parsed = ingest.parse_text("1. Sở Tư pháp chủ trì rà soát văn bản trước ngày 15/9/2025.", filename="a.txt")
    doc = nlp(make_doc(nlp, parsed))
    extraction = doc.user_data["extraction"]
    assert [t.owners[0].name for t in extraction.tasks] == ["Sở Tư pháp"]
    assert [s.text for s in doc.spans["tasks"]] == [extraction.tasks[0].span.text]
    ann = doc.user_data["annotations"]
    assert isinstance(ann, Annotations) and ann.references is not None and ann.citations is not None
    # owner phrases are recorded once per position and read back by the resolver
    assert any(p is not None and p.text == "Sở Tư pháp" for p in ann.owner_phrases.values())
    assert extract(parsed, nlp) == extraction
    assert extract_many([parsed, parsed], nlp) == [extraction, extraction]


def test_a_bare_string_is_annotated_but_not_resolved():
    doc = load_pipeline()("Sở Tư pháp chủ trì rà soát.")
    assert "extraction" not in doc.user_data and len(doc.spans["tasks"]) == 0


def test_word_boundaries_come_from_the_doc():
    from nlp.annotate import annotating
    from nlp.owners import subject_at

    doc = load_pipeline()("Bộ máy hành chính tinh gọn.")
    ann = doc.user_data["annotations"]
    assert ann.glued(2) is True  # "Bộ máy" is one pyvi word
    with annotating(ann):
        assert subject_at(ann.text, 0) is None


def test_owner_spans_of_a_parsed_document_are_the_phrases_the_resolver_read():
    import ingest
    from nlp.pipeline import make_doc

    nlp = load_pipeline()
    parsed = ingest.parse_text("1. Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát văn bản.", filename="a.txt")
    doc = nlp(make_doc(nlp, parsed))
    owners = [s.text for s in doc.spans["owners"]]
    assert "Sở Tư pháp" in owners and "Công an tỉnh" in owners


def test_pos_tags_of_a_document_reuse_its_pyvi_words():
    # pyvi segments the document once (the tokenizer); POS windows on the document's text read
    # those words (strings cut out of it, such as a heading, still segment their own window)
    import ingest
    from nlp import pos
    from nlp.annotate import Annotations, annotating
    from nlp.pipeline import make_doc

    nlp = load_pipeline()
    text = "Giao Cục Quản lý thị trường tỉnh kiểm tra các cơ sở kinh doanh."
    doc = nlp(make_doc(nlp, ingest.parse_text(text, filename="a.txt")))
    ann = doc.user_data["annotations"]
    assert isinstance(ann, Annotations) and ann.words
    start = ann.text.index("Cục")
    with annotating(ann):
        tags = pos.tagged_tokens(ann.text, start, start + len("Cục Quản lý thị trường tỉnh"))
    assert (start, start + 3) in {(s, e) for s, e, _ in tags} and ann.pos_tags
    words = {(s, e) for s, e in ann.words}
    assert all((s, e) in words for s, e, _ in tags)  # the document's own words, not a new segmentation
    bare = "Cục Quản lý thị trường tỉnh kiểm tra."
    assert bare[: pos.noun_run(bare, 12, 32, context_start=0)] == "Cục Quản lý thị trường tỉnh"


def test_cues_are_marked_on_a_bare_string_only():
    # a parsed document's cues are the resolver's to find; the whole-text spans were read by nobody
    import ingest
    from nlp.pipeline import make_doc

    nlp = load_pipeline()
    text = "1. Sở Tư pháp chủ trì rà soát văn bản."
    bare = nlp(text)
    assert [s.text for s in bare.spans["cues"]] == ["chủ trì", "rà soát"]
    doc = nlp(make_doc(nlp, ingest.parse_text(text, filename="a.txt")))
    assert "cues" not in doc.spans and doc.user_data["extraction"].tasks
