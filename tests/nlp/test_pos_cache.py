"""POS windows of bare strings are tagged once per document being resolved, with the same tags."""

from __future__ import annotations

import nlp.pos as pos
from nlp.annotate import Annotations, annotating

SENTENCE = "Giao Sở Văn hóa và Thể thao chủ trì, phối hợp với Ủy ban nhân dân các huyện triển khai."


def _counting(monkeypatch) -> list[tuple[int, int]]:
    calls: list[tuple[int, int]] = []
    real = pos._tag_window

    def counted(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
        calls.append((start, stop))
        return real(text, start, stop)

    monkeypatch.setattr(pos, "_tag_window", counted)
    return calls


def test_bare_window_tagged_once_per_document_same_tags(monkeypatch) -> None:
    alone = pos.tagged_tokens(SENTENCE, 5, 40)
    other = "Đề nghị " + SENTENCE  # the same window text at other offsets, in another string
    alone_other = pos.tagged_tokens(other, 13, 48)
    calls = _counting(monkeypatch)
    with annotating(Annotations("văn bản khác")):
        first = pos.tagged_tokens(SENTENCE, 5, 40)
        again = pos.tagged_tokens(SENTENCE, 5, 40)
        shifted = pos.tagged_tokens(other, 13, 48)
    assert first == again == alone
    assert shifted == alone_other
    assert [(s + 8, e + 8, t) for s, e, t in alone] == alone_other
    assert calls == [(5, 40)]  # the second string's window has the same text: read, not tagged


def test_new_document_tags_again_and_no_document_always_tags(monkeypatch) -> None:
    calls = _counting(monkeypatch)
    for _ in range(2):
        with annotating(Annotations("một văn bản")):
            pos.tagged_tokens(SENTENCE, 0, 30)
    pos.tagged_tokens(SENTENCE, 0, 30)
    pos.tagged_tokens(SENTENCE, 0, 30)
    assert len(calls) == 4


def test_caller_may_not_alter_the_cache() -> None:
    with annotating(Annotations("văn bản")):
        got = pos.tagged_tokens(SENTENCE, 0, 30)
        got.clear()
        assert pos.tagged_tokens(SENTENCE, 0, 30)


ODD = [
    SENTENCE,
    "UBND.Tỉnh chỉ đạo TP. Hồ Chí Minh, Tp. Hà Nội ==> 1.234,5 tỷ đồng (30%) trước 15/3/2025...",
    "Sở Y tế\nSở Giáo dục và Đào tạo",  # a line break: pyvi's own syllable
    "Hoa\u0300 Bình",  # not NFC
    "",
    "   ",
    "https://chinhphu.vn/abc a@b.vn >> -> Ban Chỉ đạo 389 quốc gia",
]


def test_pyvi_tokens_are_pyvi_tokenize() -> None:
    from pyvi import ViTokenizer

    for text in ODD:
        assert pos.pyvi_tokens(text) == ViTokenizer.tokenize(text).split(" "), text


def test_pos_tags_are_pyvis_postagging_tokens_on_corpus_lines(monkeypatch) -> None:
    from pathlib import Path

    from pyvi import ViPosTagger

    root = Path(__file__).resolve().parents[2]
    lines = [line[:300] for d in (root / "corpus", root / "corpus" / "dev")
             for p in sorted(d.glob("*.txt"))[:12] for line in p.read_text(encoding="utf-8").split("\n")[:40]]
    windows = [pos.pyvi_tokens(t) for t in ODD + lines] + [[""], ["..."], ["“"], ["A"], ["IV", "2025", "Đ3"]]
    assert len(windows) > 300
    for tokens in windows:
        assert pos.pos_tags(tokens) == list(ViPosTagger.postagging_tokens(tokens)[1]), tokens
    monkeypatch.setattr(pos, "_POS_PIECES", {})
    monkeypatch.setattr(pos, "_POS_PIECES_MAX", 2)  # the learnt parts forgotten as they are learnt
    for tokens in windows[:40]:
        assert pos.pos_tags(tokens) == list(ViPosTagger.postagging_tokens(tokens)[1]), tokens
    assert pos.pos_tags([]) == []
