"""The spaCy pipeline: ``spacy.blank("vi")`` (pyvi tokenizer) plus our rule components.

Components are registered here, in one place, as ``directives_<name>`` factories. They run
character patterns on the text and turn matches into spans with
``doc.char_span(..., alignment_mode="expand")``, so the doc is tokenised once and nothing
relies on pyvi keeping an id in one token.

Example::

    >>> nlp = load_pipeline()
    >>> doc = nlp("Giao Sở Tư pháp chủ trì, phối hợp với Công an tỉnh rà soát.")
    >>> [s.text for s in doc.spans["owners"]]  # doctest: +SKIP
    ['Sở Tư pháp', 'Công an tỉnh']
"""

from __future__ import annotations

import configparser
import re
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.annotate import Annotations, annotating
from nlp.owners import cues, head_positions, subject_at
from nlp.patterns import alternation
from nlp.segment import PyviTokenizer

CONFIG = Path(__file__).with_name("pipeline.cfg")


def doc_text(doc: Doc) -> str:
    """The text a doc was made from: kept by the tokenizer (``Doc.text`` rebuilds it token by
    token, which costs as much as a component)."""
    text = doc.user_data.get("text")
    return text if isinstance(text, str) else doc.text


def annotations(doc: Doc) -> Annotations:
    """The document's :class:`~nlp.annotate.Annotations` (made once, with the pyvi words of
    the Doc as its word boundaries)."""
    ann = doc.user_data.get("annotations")
    if not isinstance(ann, Annotations):
        starts = doc.user_data.get("word_starts")
        if not isinstance(starts, frozenset):
            starts = frozenset(t.idx for t in doc)
        words = doc.user_data.get("pyvi_words")
        ann = Annotations(doc_text(doc), word_starts=starts, words=words if isinstance(words, list) else None)
        doc.user_data["annotations"] = ann
    return ann


class OwnerSpans:
    """Marks every owner noun phrase (``subject_at`` at each head) in ``doc.spans`` of a Doc
    made from a bare string. For a parsed document it only makes the annotations: the
    resolver reads the phrases it needs (each once) and ``directives_extract`` marks them."""

    def __init__(self, spans_key: str = "owners") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        ann = annotations(doc)
        if doc.user_data.get("parsed") is not None:
            return doc  # the resolver asks for the phrases it needs; directives_extract marks them
        text = ann.text
        spans: list[Span] = []
        covered = 0
        with annotating(ann):
            for pos in head_positions(text):
                if pos < covered:
                    continue
                phrase = subject_at(text, pos)
                if phrase:
                    span = doc.char_span(phrase.start, phrase.end, label="OWNER", alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
                    covered = phrase.end
        doc.spans[self.spans_key] = spans
        return doc


def owner_spans(doc: Doc, ann: Annotations) -> list[Span]:
    """The owner phrases the resolver read (non-overlapping, first and longest kept)."""
    phrases = sorted({(p.start, p.end) for p in ann.owner_phrases.values() if p is not None},
                     key=lambda se: (se[0], -se[1]))
    out: list[Span] = []
    covered = 0
    for start, end in phrases:
        if start < covered:
            continue
        span = doc.char_span(start, end, label="OWNER", alignment_mode="expand")
        if span is not None:
            out.append(span)
            covered = end
    return out


class ExtractSpans:
    """Resolves the document: runs the extraction on the ``ParsedDocument`` the Doc was made
    for (``doc.user_data["parsed"]``) with the document's annotations active, and puts the
    ``Extraction`` on the Doc (``doc.user_data["extraction"]``, task spans in ``doc.spans``).
    A Doc made from a bare string is left as it is."""

    def __init__(self, spans_key: str = "tasks") -> None:
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        parsed = doc.user_data.get("parsed")
        if parsed is None:
            doc.spans[self.spans_key] = []
            return doc
        from nlp.assemble import extract_document

        ann = annotations(doc)
        with annotating(ann):
            extraction = extract_document(parsed)
        doc.user_data["extraction"] = extraction
        doc.spans["owners"] = owner_spans(doc, ann)
        spans = []
        for task in extraction.tasks:
            span = doc.char_span(task.span.start, task.span.end, label="TASK", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


class CueSpans:
    """Marks action-verb and modal cues (``data/task_cues.json``) in ``doc.spans`` of a Doc
    made from a bare string. A parsed document's cues are found by the resolver where a rule
    asks for them; marking every cue of the whole text as well (a case-insensitive search of
    it and a span per match, some 20,000 over the corpus) made spans nobody read."""

    def __init__(self, spans_key: str = "cues") -> None:
        self.spans_key = spans_key
        words = cues()["action_verbs"] + cues()["modal_cues"]
        self.regex = re.compile(r"(?<!\w)(?:{})(?!\w)".format(alternation(words, space=r"\ ")), re.I)

    def __call__(self, doc: Doc) -> Doc:
        if doc.user_data.get("parsed") is not None:
            return doc
        spans = []
        for m in self.regex.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end(), label="CUE", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("directives_owners", assigns=["doc.spans"], default_config={"spans_key": "owners"})
def make_owner_spans(nlp: Language, name: str, spans_key: str) -> OwnerSpans:
    return OwnerSpans(spans_key)


@Language.factory("directives_cues", assigns=["doc.spans"], default_config={"spans_key": "cues"})
def make_cue_spans(nlp: Language, name: str, spans_key: str) -> CueSpans:
    return CueSpans(spans_key)


@Language.factory("directives_extract", assigns=["doc.spans"], default_config={"spans_key": "tasks"})
def make_extract_spans(nlp: Language, name: str, spans_key: str) -> ExtractSpans:
    return ExtractSpans(spans_key)


def make_doc(nlp: Language, parsed) -> Doc:
    """A Doc for a ``ParsedDocument`` (its text tokenised once), ready for the components."""
    doc = nlp.make_doc(parsed.text)
    doc.user_data["parsed"] = parsed
    return doc


def _read_config(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    order = [p.strip().strip('"') for p in parser["nlp"]["pipeline"].strip("[]").split(",") if p.strip()]
    settings = {}
    for name in order:
        section = parser[f"components.{name}"]
        settings[name] = {k: v.strip('"') for k, v in section.items() if k != "factory"}
    return order, settings


@cache
def load_pipeline(config: Path | None = None) -> Language:
    """``spacy.blank("vi")`` with the components listed in ``pipeline.cfg``, in that order;
    its tokenizer is :class:`~nlp.segment.PyviTokenizer` (the words of spaCy's ``vi``
    tokenizer, the text and the word starts kept for the components)."""
    nlp = spacy.blank("vi")
    nlp.tokenizer = PyviTokenizer(nlp.vocab)
    order, settings = _read_config(config or CONFIG)
    for name in order:
        nlp.add_pipe(name, config=settings.get(name, {}))
    return nlp
