"""The pipeline's tokenizer makes the Doc spaCy's ``vi`` tokenizer makes (same words, same
spaces), on every corpus text and on odd strings."""

from pathlib import Path

import pytest
import spacy

from nlp import segment as segment_module
from nlp.segment import PyviTokenizer, features, items, labels, segment

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted({p.read_text(encoding="utf-8") for d in (ROOT / "corpus", ROOT / "corpus" / "dev",
                                                          ROOT / "corpus" / "test") for p in d.glob("*.txt")})

# fmt: off
ODD = [
    "", " ", "\n\n", "  Sở Tư pháp  ", "Sở\tTư pháp\n\n- Cục  Thuế", "Tp. Hồ Chí Minh, ThS. Nguyễn Văn A",
    "xem http://vbpl.vn/a?b=1 hoặc a.b@c.vn", "1.234,5 tỷ đồng ==> 3->4 ... >>", "_ __ ___ {|} «»",
    "Nghị định số 62/2015/NĐ-CP", "x" * 3 + " \u00a0 " + "y", "ĐẢNG CỘNG SẢN VIỆT NAM\r\n---------------",
]
# fmt: on


@pytest.fixture(scope="module")
def tokenizers():
    vi = spacy.blank("vi")
    return vi.tokenizer, PyviTokenizer(vi.vocab)


@pytest.mark.parametrize("text", ODD + CORPUS[:60])
def test_same_doc_as_spacy_vi_tokenizer(tokenizers, text):
    spacy_tok, ours = tokenizers
    expected, doc = spacy_tok(text), ours(text)
    assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in expected]
    assert doc.user_data["text"] == text == doc.text
    assert doc.user_data["word_starts"] == frozenset(t.idx for t in expected)


def test_features_are_pyvis_without_false_flags_and_give_the_same_labels():
    from pyvi.ViTokenizer import ViTokenizer

    for text in ODD + CORPUS[:8]:
        syllables = ViTokenizer.sylabelize(text)[1]
        theirs = ViTokenizer.sent2features(syllables, False)
        ours = features(syllables)
        assert ours == [{k: v for k, v in f.items() if v is not False} for f in theirs]
        if syllables:
            assert ViTokenizer.model.tagger_.tag(ours) == list(ViTokenizer.model.predict([theirs])[0])


def test_segment_joins_the_syllables_of_a_word():
    text = "Bộ máy hành chính tinh gọn; Sở Tư pháp"
    assert [text[s:e] for s, e in segment(text)] == ["Bộ máy", "hành chính", "tinh gọn", ";", "Sở", "Tư pháp"]


def _as_attributes(feats: list[dict[str, object]]) -> list[tuple[bytes, ...]]:
    """What pycrfsuite makes of a feature dict: ``key:value`` for a string, ``key`` otherwise."""
    return [tuple((f"{k}:{v}" if isinstance(v, str) else k).encode() for k, v in f.items()) for f in feats]


@pytest.mark.parametrize("text", ODD + CORPUS)
def test_items_are_the_features_as_attributes_and_give_pyvis_labels(text):
    from pyvi.ViTokenizer import ViTokenizer

    syllables = ViTokenizer.sylabelize(text)[1]
    assert items(syllables) == _as_attributes(features(syllables))
    if syllables:
        theirs = ViTokenizer.sent2features(syllables, False)
        assert labels(syllables) == list(ViTokenizer.model.predict([theirs])[0])


def test_items_of_odd_syllables_and_after_the_parts_are_forgotten(monkeypatch):
    odd = ["ΑΣ", "Σ", "ΣΑ", "İ", "ǅ", "Tp.", "A", "b", "Thủ", "tướng", "Chính", "phủ", "1.234,5", "_"]
    expected = _as_attributes(features(odd))
    assert items(odd) == expected and items(odd[:1]) == _as_attributes(features(odd[:1])) and items([]) == []
    monkeypatch.setattr(segment_module, "_PIECES", {})
    monkeypatch.setattr(segment_module, "_PIECES_MAX", 3)
    assert items(odd) == expected and len(segment_module._PIECES) <= 3
