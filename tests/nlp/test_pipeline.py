from nlp import load_pipeline


def test_pipeline_components_and_spans():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["directives_owners", "directives_cues"]
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
