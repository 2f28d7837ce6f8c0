from nlp import load_pipeline


def test_pipeline_components_and_spans():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["directives_owners", "directives_cues"]
    doc = nlp("Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát.")
    owners = [s.text for s in doc.spans["owners"]]
    # spans are expanded to pyvi token boundaries
    assert any("Sở Tư pháp" in o for o in owners) and "Công an tỉnh" in owners
    assert any(s.text == "rà soát" for s in doc.spans["cues"])
