"""pyvi part-of-speech tags where a rule needs them: how far a run of nouns goes.

An organisation's name often continues in lower case after its head (``Cục Quản lý thị
trường tỉnh``, ``Ban Quản lý các khu công nghiệp tỉnh``, ``Viện Khoa học pháp lý``); a verb
or an adverb ends it (``Sở Tư pháp sớm hoàn thiện ...``). ``ViPosTagger`` tells the two apart
for words no list holds. Only such short windows are tagged, never a whole document; while a
document is annotated they are the words its tokenizer found (pyvi segments once per document).

Example::

    >>> text = "Cục Quản lý thị trường tỉnh kiểm tra."
    >>> text[: noun_run(text, 12, 32, context_start=0)]
    'Cục Quản lý thị trường tỉnh'
"""

from __future__ import annotations

import bisect
import string
import unicodedata

from pyvi import ViPosTagger, ViTokenizer

from nlp.annotate import active, current
from nlp.segment import _SYLLABLE, labels

NOUN_TAGS = frozenset({"N", "Np", "Nc", "Ny", "Nu", "M", "L"})  # nouns, numbers, determiners


def tagged_tokens(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """``(start, end, tag)`` of each pyvi word in ``text[start:stop]`` (document offsets).

    While a document is annotated the words are the ones the pipeline's tokenizer found for the
    whole text (pyvi runs once per document) and the tags of a window are computed once; on a
    bare string the window is segmented on its own, once per document being resolved (a
    window's tags depend on its text only, so the same window of another sentence, or of the
    same sentence asked again, reads them)."""
    ann = active(text)
    if ann is None or ann.words is None:
        doc = current()
        if doc is None:
            return _tag_window(text, start, stop)
        window = text[start:stop]
        tags = doc.window_tags.get(window)
        if tags is None:
            tags = doc.window_tags[window] = tuple((s - start, e - start, t) for s, e, t in _tag_window(text, start, stop))
        return [(s + start, e + start, t) for s, e, t in tags]
    key = (start, stop)
    if key not in ann.pos_tags:
        ann.pos_tags[key] = _tag_words(text, ann.words, start, stop)
    return list(ann.pos_tags[key])


def _tag_words(text: str, words: list[tuple[int, int]], start: int, stop: int) -> tuple[tuple[int, int, str], ...]:
    """Tags of the document's words inside ``[start, stop)`` (a word that runs over an edge is
    cut there, as a window of its own would cut it)."""
    i = bisect.bisect_left(words, start, key=lambda w: w[0])
    spans: list[tuple[int, int]] = []
    if i > 0 and words[i - 1][1] > start:
        spans.append((start, min(words[i - 1][1], stop)))
    for s, e in words[i:]:
        if s >= stop:
            break
        spans.append((s, min(e, stop)))
    if not spans:
        return ()
    tags = pos_tags(["_".join(text[s:e].split()) for s, e in spans])
    return tuple((s, e, str(tag)) for (s, e), tag in zip(spans, tags, strict=True))


_POS_FILTERED = ViPosTagger.ViPosTagger.filtered_tags
# a word's attributes for pyvi's POS CRF (its own, as the word before or after, two before or
# after), UTF-8, true flags only, in the order ViPosTagger.word2features writes them; per word
_POS_PIECES: dict[str, tuple[tuple[bytes, ...], ...]] = {}
_POS_PIECES_MAX = 100_000


def _pos_pieces(word: str) -> tuple[tuple[bytes, ...], ...]:
    if len(_POS_PIECES) >= _POS_PIECES_MAX:
        _POS_PIECES.clear()
    low = word.lower().encode("utf-8")
    title, upper, digit = word.istitle(), word.isupper(), word.isdigit()
    digit1, upper3 = word[:1].isdigit(), word[:3].isupper()
    own = [b"bias", b"word.lower():" + low]
    own += [k for k, v in ((b"word.istitle()", title), (b"word.isdigit()", digit), (b"word[:1].isdigit()", digit1),
                           (b"word[:3].isupper()", upper3), (b"word.isfiltered", word in _POS_FILTERED)) if v]
    before1 = [b"-1:word.lower():" + low]
    before1 += [k for k, v in ((b"-1:word.istitle()", title), (b"-1:word[:1].isdigit()", digit1),
                               (b"-1:word[:3].isupper()", upper3)) if v]
    before2 = [b"-2:word.lower():" + low]
    before2 += [k for k, v in ((b"-2:word.istitle()", title), (b"-2:word.isupper()", upper)) if v]
    after1 = [b"+1:word.lower():" + low]
    after1 += [k for k, v in ((b"+1:word.istitle()", title), (b"+1:word[:1].isdigit()", digit1),
                              (b"+1:word.isupper()", upper)) if v]
    after2 = [b"+2:word.lower():" + low]
    after2 += [k for k, v in ((b"+2:word.istitle()", title), (b"+2:word.isupper()", upper)) if v]
    found = _POS_PIECES[word] = (tuple(own), tuple(before1), tuple(before2), tuple(after1), tuple(after2))
    return found


def pos_items(tokens: list[str]) -> list[tuple[bytes, ...]]:
    """``ViPosTagger.sent2features(tokens, False)`` as the CRF reads it: each true attribute as
    ``key:value`` (``key`` for a flag and the bias), UTF-8, in the same order (a false flag weighs
    nothing, so the tags are the same; the tagger no longer encodes a string per attribute).

    >>> t = ["Sở", "Tư_pháp", "chủ_trì", "rà_soát", "."]
    >>> pos_items(t) == [tuple((f"{k}:{v}" if isinstance(v, str) else k).encode() for k, v in f.items() if v)
    ...                  for f in ViPosTagger.ViPosTagger.sent2features(t, False)]
    True
    """
    get = _POS_PIECES.get
    parts = [get(w) or _pos_pieces(w) for w in tokens]
    n = len(parts)
    out: list[tuple[bytes, ...]] = []
    for i, p in enumerate(parts):
        item = list(p[0])
        if i > 0:
            item += parts[i - 1][1]
            if i > 1:
                item += parts[i - 2][2]
        else:
            item.append(b"BOS")
        if i < n - 1:
            item += parts[i + 1][3]
            if i < n - 2:
                item += parts[i + 2][4]
        else:
            item.append(b"EOS")
        out.append(tuple(item))
    return out


def pos_tags(tokens: list[str]) -> list[str]:
    """``ViPosTagger.postagging_tokens(tokens)[1]``: pyvi's POS CRF on :func:`pos_items`."""
    if not tokens:
        return []
    return ViPosTagger.ViPosTagger.model.tagger_.tag(pos_items(tokens))  # what model.predict calls


def pyvi_tokens(window: str) -> list[str]:
    """``ViTokenizer.tokenize(window).split(" ")`` (a word's syllables joined by ``_``), from
    the pipeline's faster segmentation (:mod:`nlp.segment`'s syllables and features: the same
    syllables, the same labels); pyvi itself where they could differ (a line break is a syllable of pyvi's
    own, a text not in NFC is normalised first, a text with no syllable is returned whole).

    >>> pyvi_tokens("Sở Văn hóa và Thể thao chủ trì")
    ['Sở', 'Văn_hóa', 'và', 'Thể_thao', 'chủ_trì']
    """
    syllables = [m.group() for m in _SYLLABLE.finditer(window)] if "\n" not in window else []
    syllables = [t for t in syllables if not t.isspace()]
    if not syllables or not unicodedata.is_normalized("NFC", window):
        return ViTokenizer.tokenize(window).split(" ")
    tags = labels(syllables)
    out = [syllables[0]]
    for i in range(1, len(syllables)):
        cur, prev = syllables[i], syllables[i - 1]
        if (tags[i] == "I_W" and cur not in string.punctuation and prev not in string.punctuation
                and not cur[0].isdigit() and not prev[0].isdigit()
                and not (cur[0].istitle() and not prev[0].istitle())):
            out[-1] += "_" + cur
        else:
            out.append(cur)
    return out


def _tag_window(text: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """Segment and tag ``text[start:stop]`` on its own."""
    tokens = pyvi_tokens(text[start:stop])
    tags = pos_tags(tokens)
    out: list[tuple[int, int, str]] = []
    cur = start
    for token, tag in zip(tokens, (str(t) for t in tags), strict=True):
        first = None
        for syllable in token.split("_"):
            at = text.find(syllable, cur, stop)
            if at < 0:
                return out  # pyvi changed the text (rare): keep what is aligned
            first = at if first is None else first
            cur = at + len(syllable)
        if first is not None:
            out.append((first, cur, tag))
    return out


def noun_run(text: str, start: int, stop: int, *, context_start: int | None = None) -> int:
    """End offset of the leading run of nouns in ``text[start:stop]`` (``start`` when the
    first word is not one). The words are tagged with the text from ``context_start`` on, so
    the name before them informs their tags."""
    left = start if context_start is None else context_start
    end = start
    for s, e, tag in tagged_tokens(text, left, stop):
        if e <= start:
            continue
        if s < start or tag not in NOUN_TAGS:
            break
        end = e
    return end
