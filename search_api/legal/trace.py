"""Implementation trace: which tasks of a downstream document carry out which tasks of the
upstream document it implements (relation ``implements``), as a pure function.

Each proposed link has a score and the words that matched. The score adds explainable parts
(weights and settings in data/trace.json, chosen on tests/bench/bench_trace.py's tuning half):

- ``text``: how much of the two tasks' words they share. Words are accent-folded syllables
  and syllable pairs (:mod:`search_api.legal.trace_words`) weighted by their IDF over the
  tasks of both documents; the overlap's weight is taken as a share of the downstream task's
  words and of the upstream task's (``balance`` is the upstream share's exponent), so a long
  upstream instruction is not punished for saying more than each task carrying it out.
- ``owner``: the two tasks name the same body (:mod:`search_api.legal.trace_owners`: a
  title cut off, a ministry letter's units counted as its issuer); the text part is
  multiplied by ``other_owner`` when the instruction is given to another body of a kind (a
  ministry's task does not carry out one given to another ministry, nor to the provinces).
- ``order``: the link is on the best monotone alignment of the two task sequences
  (:mod:`search_api.legal.trace_order`: a plan follows its directive's order);
  ``section``: the text part is multiplied by ``1 - w + w x`` the strength of its section
  pair relative to the downstream item's best section, all the item's words compared with all
  the section's (:mod:`search_api.legal.trace_sections`: aggregated before distributed).
- ``copy``: the two texts share a run of at least ``copy_min`` syllables word for word (a plan
  copying its directive's sentence; off in data/trace.json: bench_trace.py --copy);
- ``context``: the headings above the downstream task (:mod:`search_api.legal.trace_context`; the
  words its own text lacks) as a share said by the upstream task, times ``weights.context``
  (off in data/trace.json: bench_trace.py --grid --context);
- ``refs``: the two tasks cite the same document; ``cites``: the downstream task cites the
  upstream document itself (counted on its best match); ``part``: it quotes a part of it
  ("tại điểm b khoản 4 Mục II Nghị quyết 347", :mod:`search_api.legal.trace_cites`), counted on
  every upstream task of that part.
- the text part is multiplied by ``shared / (shared + evidence)`` (``shared``: the weight of
  the words in common), so a match on a word or two counts less than the same share of a long
  text; by ``no_owner`` for an upstream task naming no owner (a finding, a footnote's list
  item: rarely the instruction a downstream task carries out); by ``unnumbered`` for a
  downstream task outside the document's numbered items (addressee lines, appendix rows).

Each link's ``why`` lists these parts. A downstream task then links to its best upstream task
when that scores at least ``threshold`` (raised by ``crowd`` x ln(n / 10) for an upstream
document of n > 10 tasks: among many instructions a few shared words are met by chance; many
downstream tasks may carry out one instruction) and ``lift`` times the mean of its next three
candidates (a task matching many instructions alike - a storm dispatch's item against a
flood resolution - is generic, unless it quotes the upstream document's number: then it says
itself that it carries the document out), and to further upstream
tasks (one downstream task may carry out several instructions) when either they score at
least ``threshold`` on the downstream words the links already chosen leave unmatched, by
the text part alone (``residual``: "sửa chữa nhà ở ...; tiêm phòng cho gia súc ..." meets two instructions on
different words), or they score at least ``margin`` times the best and no other downstream
task matches them better (mutual best), or (``split`` > 0, off in data/trace.json) they score
at least ``split`` times the best and lie in an upstream section none of its links is in. A proposed link is ``strong`` ("đề xuất mạnh") when it
scores at least ``confidence.strong`` (raised like the threshold), else ``review`` ("cần xem
xét"); bench_trace.py prints how often each class is right.

>>> up = [TraceTask("u1", "Rà soát, sửa đổi quy chế quản lý tài sản công", ("Bộ Tài chính",)),
...       TraceTask("u2", "Tuyên truyền pháp luật về phòng cháy trong trường học", ("Bộ Công an",))]
>>> down = [TraceTask("d1", "Cục Quản lý công sản rà soát quy chế quản lý tài sản công", ("Cục Quản lý công sản",))]
>>> t = match(up, down)
>>> [(x.downstream, x.upstream) for x in t.links], t.coverage.covered, t.coverage.total
([('d1', 'u1')], 1, 2)
>>> t.links[0].why
('từ ngữ 0.31', 'đúng thứ tự +0.1')
>>> t.coverage.text
'1 trên 2 nhiệm vụ có nhiệm vụ triển khai'
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from search_api.legal.trace_cites import pointer, within
from search_api.legal.trace_context import headings
from search_api.legal.trace_order import monotone
from search_api.legal.trace_owners import Body, bodies, body, relation
from search_api.legal.trace_sections import affinity, downstream_section, members, upstream_section
from search_api.legal.trace_words import Background, Weights, fold, phrases, units

_DATA = Path(__file__).parent / "data" / "trace.json"
_NEXT = 3  # a downstream task's best candidate is compared with the mean of the next ones (lift)
_CROWD = 10  # upstream documents of more tasks than this raise the threshold (crowd)


class TraceDataError(ValueError):
    """data/trace.json is missing or malformed."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{_DATA.name}: {reason}")


@dataclass(frozen=True, slots=True)
class TraceTask:
    """A task as the trace needs it (``nlp.model.Task``: id, text, owner names, section, refs)."""

    id: str
    text: str
    owners: tuple[str, ...] = ()
    section: str | None = None
    refs: tuple[str, ...] = ()  # keys (or ids) of the documents the task cites
    context: tuple[str, ...] = ()  # the headings the task sits under, nearest first (trace_context)


@dataclass(frozen=True, slots=True)
class TraceLink:
    """A proposed downstream-task -> upstream-task link."""

    downstream: str  # task id
    upstream: str  # task id
    score: float
    words: tuple[str, ...]  # the matched words, most telling first ("thủ tục hành chính")
    owners: tuple[str, ...] = ()  # shared owners
    refs: tuple[str, ...] = ()  # shared cited documents (or the upstream document, cited)
    why: tuple[str, ...] = ()  # the parts of the score ("từ ngữ 0.21", "cùng chủ thể +0.05", ...)
    confidence: str = ""  # a proposed link's class: "strong" (score >= data/trace.json's strong, raised like
    # the threshold for a long upstream document) or "review"

    @property
    def confidence_label(self) -> str:
        """The class as the trace page shows it ("đề xuất mạnh", "cần xem xét")."""
        return settings().confidence_labels.get(self.confidence, "")


@dataclass(frozen=True, slots=True)
class Coverage:
    covered: int  # upstream tasks with at least one implementing downstream task
    total: int
    uncovered: tuple[str, ...] = ()  # ids of the upstream tasks with none

    @property
    def text(self) -> str:
        return f"{self.covered} trên {self.total} nhiệm vụ có nhiệm vụ triển khai"


@dataclass(frozen=True, slots=True)
class Trace:
    links: tuple[TraceLink, ...]
    coverage: Coverage


@dataclass(frozen=True, slots=True)
class Settings:
    stop_words: frozenset[str]  # lower-case phrases with accents, syllables joined by one space
    abbreviations: dict[str, str]  # expanded before comparing, beside nlp's built-in list
    pair_weight: float
    balance: float
    text_weight: float
    owner_weight: float
    refs_weight: float
    cites_weight: float
    evidence: float
    no_owner: float
    unnumbered: float
    margin: float
    residual: bool
    threshold: float
    other_owner: float  # factor on the text part when the owners are unrelated (trace_owners "other")
    order_weight: float  # bonus of a link on the best monotone alignment (trace_order)
    order_floor: float  # a pair's value on the alignment is its score minus this
    section_weight: float  # text part x (1 - w + w x its section pair's relative strength) (trace_sections)
    lift: float  # a downstream task's best must score this many times the mean of its next 3 (1: off)
    crowd: float  # threshold + crowd x ln(upstream tasks / 10), when there are more than 10
    part_weight: float  # bonus of the upstream tasks in the part a downstream task quotes (trace_cites)
    strong: float = 1.0  # a proposed link scoring this (+ the crowd rise) is "strong", the others "review"
    confidence_labels: dict[str, str] = dataclasses.field(default_factory=dict)  # class -> text shown
    compounds: bool = False  # syllable pairs only inside one of pyvi's words (trace_words.units); not in the
    # data file: measured by bench_trace.py --compounds
    background: Background | None = None  # other documents' tasks counted in the IDF (not in the data file:
    # set by the caller, see :func:`background_of`); None: the IDF is the pair's alone
    copy_weight: float = 0.0  # bonus of a pair sharing a run of at least copy_min syllables word for word
    copy_min: int = 10  # (a plan copying its directive's sentence; weights.copy, copy_min; bench_trace.py --copy)
    split: float = 0.0  # a further link scoring split x the best, in another upstream section (trace_sections);
    # 0: off (data "split"; bench_trace.py --grid --split)
    context_weight: float = 0.0  # weight of the headings above a downstream task said by the upstream task
    # (weights.context; _Context.context; bench_trace.py --grid --context)
    field_heads: tuple[str, ...] = ()  # folded head words cut off a body's name to leave its field
    # ("bo", "so"; owner_field_heads), longest first: the learned model's same_field evidence


@cache
def settings() -> Settings:
    """data/trace.json, validated."""
    try:
        data: Any = json.loads(_DATA.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise TraceDataError("file not found") from exc
    except json.JSONDecodeError as exc:
        raise TraceDataError(f"invalid JSON: {exc}") from exc
    try:
        words, weights = data["stop_words"], data["weights"]
        if not all(isinstance(w, str) and w == unicodedata.normalize("NFC", w.lower()) and w == " ".join(w.split())
                   for w in words):
            raise TraceDataError("stop_words must be lower-case NFC phrases, syllables joined by one space")
        abbr = data["abbreviations"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in abbr.items()):
            raise TraceDataError("abbreviations must map strings to strings")
        out = Settings(frozenset(words), dict(abbr), float(data["pair_weight"]), float(data["balance"]),
                       float(weights["text"]), float(weights["owner"]), float(weights["refs"]),
                       float(weights["cites"]), float(data["evidence"]), float(data["no_owner"]),
                       float(data["unnumbered"]), float(data["margin"]), bool(data["residual"]),
                       float(data["threshold"]), float(data["other_owner"]), float(weights["order"]),
                       float(data["order_floor"]), float(weights["section"]),
                       float(data["lift"]), float(data["crowd"]), float(weights["part"]),
                       float(data["confidence"]["strong"]), dict(data["confidence"]["labels"]),
                       copy_weight=float(weights["copy"]), copy_min=int(data["copy_min"]),
                       context_weight=float(weights["context"]), split=float(data["split"]),
                       field_heads=tuple(sorted((fold(h) for h in data.get("owner_field_heads", ())),
                                                key=lambda h: -len(h))))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, TraceDataError):
            raise
        raise TraceDataError("expected stop_words, abbreviations, pair_weight, balance, weights (text, owner, "
                             f"refs, cites, order, section, part, copy, context), copy_min, evidence, no_owner, unnumbered, margin, residual, threshold, "
                             f"other_owner, order_floor, lift, crowd, split, confidence (strong, labels): {exc}") from exc
    if not (0 <= out.balance <= 1 and 0 <= out.no_owner <= 1 and 0 <= out.unnumbered <= 1 and 0 < out.margin <= 1
            and 0 <= out.other_owner <= 1 and out.lift >= 1 and 0 <= out.section_weight <= 1 and out.crowd >= 0):
        raise TraceDataError("balance, no_owner, unnumbered, other_owner and weights.section must lie in [0, 1], "
                             "margin in (0, 1], lift >= 1, crowd >= 0")
    if not 0 <= out.split <= 1:
        raise TraceDataError("split must lie in [0, 1] (0: off)")
    if out.copy_weight < 0 or out.copy_min < 2 or out.context_weight < 0:
        raise TraceDataError("weights.copy and weights.context must be >= 0 and copy_min >= 2")
    if set(out.confidence_labels) != {"strong", "review"} or not all(
            isinstance(v, str) and v for v in out.confidence_labels.values()):
        raise TraceDataError("confidence.labels must name the classes strong and review")
    return out


def match(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], *,
          abbreviations: dict[str, str] | None = None, upstream_key: str | None = None,
          threshold: float | None = None, per_downstream: int = 3, downstream_issuer: str | None = None,
          cfg: Settings | None = None) -> Trace:
    """Propose links from ``downstream`` tasks to the ``upstream`` tasks they implement.

    ``abbreviations`` (both documents' ``Extraction.abbreviations``; nlp's built-in list and
    the data file's are always added) are expanded before words are compared, so "TTHC" meets
    "thủ tục hành chính". ``upstream_key``: a downstream task citing the upstream document
    itself ("theo chỉ đạo tại Thông báo số 627/TB-VPCP") gets the cites bonus on its best
    match. ``downstream_issuer``: the downstream document's issuer, whose units' tasks are its
    own when owners are compared. Both task lists in document order (the order evidence). A
    downstream task links to its best upstream task scoring at least ``threshold`` (default:
    data/trace.json) and to at most ``per_downstream`` - 1 more, by the residual or the
    mutual-best rule of the module's doc; the coverage counts the upstream tasks with at least
    one link. ``cfg``: settings other than data/trace.json's (tuning).
    """
    cfg = cfg or settings()
    scored, ctx = _scored(upstream, downstream, abbreviations, upstream_key, downstream_issuer, cfg, words=False)
    limit = (cfg.threshold if threshold is None else threshold) + crowding(len(upstream), cfg)
    return _assign(upstream, downstream, scored, ctx, cfg, limit, per_downstream)


def crowding(candidates: int, cfg: Settings) -> float:
    """What the threshold rises by for an upstream document of ``candidates`` tasks: among
    more instructions a downstream task meets one on a few words by chance more often (a
    long resolution against a dispatch), so a link from a long document needs more."""
    return cfg.crowd * math.log(candidates / _CROWD) if candidates > _CROWD else 0.0


def _assign(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], scored: list[TraceLink],
            ctx: _Context, cfg: Settings, limit: float, per_downstream: int = 3, *, words: bool = True) -> Trace:
    """The links :func:`match` proposes among the ``scored`` pairs (the assignment settings
    ``lift``, ``margin`` and ``residual`` from ``cfg``; ``words``: with their matched words)."""
    by_down: dict[str, list[TraceLink]] = {}
    for x in scored:
        by_down.setdefault(x.downstream, []).append(x)
    best_down: dict[str, TraceLink] = {}  # upstream task id -> its best-scoring downstream link
    for x in scored:
        if x.upstream not in best_down or x.score > best_down[x.upstream].score:
            best_down[x.upstream] = x
    links: list[TraceLink] = []
    for d in downstream:
        cands = sorted(by_down.get(d.id, ()), key=lambda x: -x.score)
        if not cands or cands[0].score < limit or cands[0].score <= 0:
            continue
        nxt = cands[1:1 + _NEXT]
        if nxt and cands[0].score < cfg.lift * sum(x.score for x in nxt) / len(nxt) and not ctx.cites(d.id):
            continue  # matches several instructions alike: generic, not carrying out one of them
        chosen = [cands[0]]
        covered = set(ctx.common(d.id, cands[0].upstream))
        for x in cands[1:]:
            if len(chosen) >= per_downstream:
                break
            mutual = x.score >= max(limit, cfg.margin * chosen[0].score) and best_down[x.upstream].downstream == d.id
            rest = cfg.residual and ctx.score(d.id, x.upstream, without=covered, bonuses=False) >= limit
            # within split of the best and in an upstream section none of the links so far is in: a task
            # carrying out instructions of two sections (houses and funds; schools and clinics)
            apart = cfg.split > 0 and x.score >= cfg.split * chosen[0].score and (
                s := upstream_section(ctx.up[x.upstream].section)) is not None and all(
                s != upstream_section(ctx.up[c.upstream].section) for c in chosen)
            if mutual or rest or apart:
                chosen.append(x)
                covered |= ctx.common(d.id, x.upstream)
        stands = (f"nổi bật ×{cands[0].score / (sum(x.score for x in nxt) / len(nxt)):.1f}",) \
            if nxt and cfg.lift > 1 and sum(x.score for x in nxt) > 0 else ()
        links += [dataclasses.replace(x, words=ctx.words(d.id, x.upstream) if words else (),
                                      why=x.why + (stands if i == 0 else ())) for i, x in enumerate(chosen)]
    strong = cfg.strong + crowding(len(upstream), cfg)
    links = [dataclasses.replace(x, confidence="strong" if x.score >= strong else "review") for x in links]
    linked = {x.upstream for x in links}
    uncovered = tuple(u.id for u in upstream if u.id not in linked)
    return Trace(tuple(links), Coverage(len(upstream) - len(uncovered), len(upstream), uncovered))


def score_all(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], *,
              abbreviations: dict[str, str] | None = None, upstream_key: str | None = None,
              downstream_issuer: str | None = None, cfg: Settings | None = None) -> list[TraceLink]:
    """Every downstream x upstream pair with its score (no threshold), for tuning and review."""
    return _scored(upstream, downstream, abbreviations, upstream_key, downstream_issuer, cfg or settings(),
                   words=True)[0]


@dataclass(frozen=True, slots=True)
class _Context:
    """The units and weights of one comparison, to score a pair again on part of its words."""

    cfg: Settings
    bags: dict[tuple[str, str], frozenset[str]]
    weights: Weights
    totals: dict[tuple[str, str], float]
    up: dict[str, TraceTask]
    down: dict[str, TraceTask]
    texts: dict[tuple[str, str], str]
    bodies: dict[tuple[str, str], tuple[Body, ...]]
    key: str | None = None  # the upstream document's number, as downstream tasks cite it
    heads: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)  # downstream task id -> the units
    # of the headings above it (trace_context) that its own text lacks

    def context(self, d: str, u: str) -> float:
        """How much of the headings above downstream task ``d`` (the units its text lacks) the
        upstream task ``u`` says: their share, as :func:`_text_score` counts a text's."""
        head = self.heads.get(d)
        if not head:
            return 0.0
        return _text_score(self.weights.total(head & self.bags[("u", u)]), self.weights.total(head),
                           self.totals[("u", u)], self.cfg)

    def cites(self, d: str) -> bool:
        """The downstream task quotes the upstream document's number ("theo chỉ đạo tại
        Nghị quyết số 380/NQ-CP"): it says itself that it carries the document out."""
        return self.key is not None and self.key in self.down[d].refs

    def common(self, d: str, u: str) -> frozenset[str]:
        return self.bags[("d", d)] & self.bags[("u", u)]

    def words(self, d: str, u: str) -> tuple[str, ...]:
        """The shared units as words of the downstream text, most telling first (8 at most)."""
        common = self.common(d, u)
        return phrases(self.texts[("d", d)], common, self.weights.weight)[:8] if common else ()

    def owners(self, d: str, u: str) -> str:
        """How the two tasks' owners relate (:func:`trace_owners.relation`)."""
        return relation(self.bodies[("d", d)], self.bodies[("u", u)])

    def text(self, d: str, u: str, without: frozenset[str] | set[str] = frozenset()) -> float:
        """Text score with the owner and placement factors of downstream ``d`` against upstream
        ``u``, the units ``without`` left out of the shared ones."""
        cfg, dt, ut = self.cfg, self.down[d], self.up[u]
        shared = self.weights.total(self.common(d, u) - without)
        text = _text_score(shared, self.totals[("d", d)], self.totals[("u", u)], cfg)
        text *= (1.0 if dt.section else cfg.unnumbered) * (1.0 if ut.owners else cfg.no_owner)
        if self.owners(d, u) == "other":
            text *= cfg.other_owner
        return cfg.text_weight * text

    def score(self, d: str, u: str, without: frozenset[str] | set[str] = frozenset(), *,
              bonuses: bool = True) -> float:
        """:meth:`text`; plus, when ``bonuses``, the shared-owner and shared-citation bonuses."""
        text = self.text(d, u, without)
        if not bonuses:
            return text
        same = self.owners(d, u) == "same"
        refs = not set(self.down[d].refs).isdisjoint(self.up[u].refs)
        return text + self.cfg.owner_weight * same + self.cfg.refs_weight * refs


def _scored(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], abbreviations: dict[str, str] | None,
            upstream_key: str | None, issuer: str | None, cfg: Settings, *,
            words: bool) -> tuple[list[TraceLink], _Context]:
    """Every pair's link (with its matched words when ``words``) and the context to score
    pairs again."""
    from nlp.abbreviations import builtin_abbreviations

    abbr = builtin_abbreviations() | cfg.abbreviations | (abbreviations or {})
    texts = {("u", t.id): _content(t, abbr) for t in upstream} | {("d", t.id): _content(t, abbr) for t in downstream}
    bags = {k: frozenset(units(text, cfg.stop_words, cfg.compounds)) for k, text in texts.items()}
    weights = Weights.of(bags.values(), cfg.pair_weight, cfg.background)
    owners = {("u", t.id): bodies(t.owners) for t in upstream} | {("d", t.id): bodies(t.owners, issuer)
                                                                    for t in downstream}
    heads = {t.id: frozenset(units(_content(TraceTask(t.id, " ; ".join(t.context), t.owners), abbr), cfg.stop_words,
                                   cfg.compounds)) - bags[("d", t.id)] for t in downstream if t.context}
    ctx = _Context(cfg, bags, weights, {k: weights.total(bag) for k, bag in bags.items()},
                   {t.id: t for t in upstream}, {t.id: t for t in downstream}, texts, owners, upstream_key, heads)
    ups = [upstream_section(u.section) for u in upstream]
    downs = [downstream_section(d.section) for d in downstream]
    near = _sections(ctx, upstream, downstream, ups, downs) if cfg.section_weight else {}
    rows: list[list[tuple[float, tuple[str, ...], tuple[str, ...], list[str]]]] = []
    for d, h in zip(downstream, downs, strict=True):
        d_keys = {b.key for b in ctx.bodies[("d", d.id)]}
        row = []
        for u, g in zip(upstream, ups, strict=True):
            text = ctx.text(d.id, u.id)
            rel = ctx.owners(d.id, u.id)
            shared = tuple(o for o in u.owners if body(o).key in d_keys) if rel == "same" else ()
            refs = tuple(r for r in u.refs if r in set(d.refs))
            raw = text / cfg.other_owner if rel == "other" and cfg.other_owner > 0 else text
            why = [f"từ ngữ {raw:.2f}"] if text > 0 else []
            if rel == "other" and text > 0 and cfg.other_owner < 1:
                why.append(f"chủ thể khác ×{cfg.other_owner:g}")
            if (h, g) in near and text > 0:
                factor = 1 - cfg.section_weight + cfg.section_weight * near[(h, g)]
                text *= factor
                if factor < 0.995:
                    why.append(f"mục {h} ứng với mục {g} ×{factor:.2f}")
            score = text
            if shared:
                score += cfg.owner_weight
                why.append(f"cùng chủ thể +{cfg.owner_weight:g}")
            if refs:
                score += cfg.refs_weight
                why.append(f"cùng dẫn chiếu +{cfg.refs_weight:g}")
            if cfg.copy_weight and text > 0 and copied(ctx.texts[("d", d.id)], ctx.texts[("u", u.id)]) >= cfg.copy_min:
                score += cfg.copy_weight
                why.append(f"trích nguyên văn +{cfg.copy_weight:g}")
            if cfg.context_weight and (c := ctx.context(d.id, u.id)) > 0:
                score += cfg.context_weight * c
                why.append(f"đề mục phía trên +{cfg.context_weight * c:.2f}")
            row.append((score, shared, refs, why))
        if upstream_key is not None and upstream_key in d.refs and row:
            best = max(range(len(row)), key=lambda i: row[i][0])
            score, shared, refs, why = row[best]
            row[best] = (score + cfg.cites_weight, shared, refs + (upstream_key,),
                         why + [f"dẫn chiếu văn bản cấp trên +{cfg.cites_weight:g}"])
        part = pointer(d.text, upstream_key) if upstream_key is not None and cfg.part_weight else None
        for j, u in enumerate(upstream if part else ()):
            if within(u.section, part):
                score, shared, refs, why = row[j]
                row[j] = (score + cfg.part_weight, shared, refs,
                          why + [f"trích mục {'.'.join(part)} +{cfg.part_weight:g}"])
        rows.append(row)
    if cfg.order_weight and rows and upstream:
        for i, j in monotone([[x[0] for x in row] for row in rows], cfg.order_floor):
            score, shared, refs, why = rows[i][j]
            rows[i][j] = (score + cfg.order_weight, shared, refs, why + [f"đúng thứ tự +{cfg.order_weight:g}"])
    out = []
    for d, row in zip(downstream, rows, strict=True):
        for u, (score, shared, refs, why) in zip(upstream, row, strict=True):
            out.append(TraceLink(d.id, u.id, round(score, 4), ctx.words(d.id, u.id) if words else (), shared, refs,
                                 tuple(why)))
    return out, ctx


def _sections(ctx: _Context, upstream: Sequence[TraceTask], downstream: Sequence[TraceTask],
              ups: Sequence[str | None], downs: Sequence[str | None]) -> dict[tuple[str, str], float]:
    """Each (downstream item, upstream section) pair's strength relative to the item's best
    (:func:`trace_sections.affinity`): the text score of all the item's words against all the
    section's, on the same word weights as the tasks."""
    def bag(side: str, tasks: Sequence[TraceTask], idx: list[int]) -> frozenset[str]:
        return frozenset().union(*(ctx.bags[(side, tasks[i].id)] for i in idx))

    d_bags = {h: bag("d", downstream, idx) for h, idx in members(downs).items()}
    u_bags = {g: bag("u", upstream, idx) for g, idx in members(ups).items()}
    w = ctx.weights

    def strength(h: str, g: str) -> float:
        return _text_score(w.total(d_bags[h] & u_bags[g]), w.total(d_bags[h]), w.total(u_bags[g]), ctx.cfg)

    return affinity(downs, ups, strength)


def _text_score(shared: float, down_total: float, up_total: float, cfg: Settings) -> float:
    """The shared words' weight as a share of the downstream task's and (to the power
    ``balance``) of the upstream text's, times ``shared / (shared + evidence)`` (a match on a
    word or two counts less than the same share of a long text)."""
    if shared <= 0:
        return 0.0
    share = (shared / down_total) ** (1 - cfg.balance) * (shared / up_total) ** cfg.balance
    return share * shared / (shared + cfg.evidence)


def background_of(documents: Sequence[tuple[Sequence[TraceTask], dict[str, str]]],
                  cfg: Settings | None = None) -> Background:
    """The units of other documents' tasks (each document's tasks with its abbreviations), to
    count in the IDF beside the pair's (``dataclasses.replace(cfg, background=...)``)."""
    from nlp.abbreviations import builtin_abbreviations

    cfg = cfg or settings()
    base = builtin_abbreviations() | cfg.abbreviations
    return Background.of(frozenset(units(_content(t, base | abbr), cfg.stop_words, cfg.compounds))
                         for tasks, abbr in documents for t in tasks)


def tasks_of(extraction: Any, parsed: Any = None) -> list[TraceTask]:
    """:class:`TraceTask` values of an ``nlp.model.Extraction``'s tasks; with the document's
    ``ingest.model.ParsedDocument`` (``parsed``), each with the headings it sits under
    (:func:`trace_context.headings`)."""
    sections = parsed.sections if parsed is not None else ()
    return [TraceTask(t.id, t.text, tuple(o.name for o in t.owners), t.section, tuple(t.refs),
                      headings(sections, t.section, t.text))
            for t in extraction.tasks]


def _content(task: TraceTask, abbreviations: dict[str, str]) -> str:
    """A task's text with abbreviations expanded and its owners' names cut out (owners are
    compared as owners, not as words)."""
    from nlp.abbreviations import expand

    text = expand(task.text, abbreviations)
    for name in sorted(task.owners, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(name) + r"(?!\w)", " ; ", text)
    return text


def field_heads() -> tuple[str, ...]:
    """Folded head words of a body's name ("bo", "so", ...) cut off to leave its field (data/trace.json)."""
    return settings().field_heads


def owner_field(key: str, heads: Sequence[str]) -> str:
    """The field a body's folded name says after its head word ('bo xay dung' -> 'xay dung'),
    '' for a body without one of ``heads`` or a field of one syllable."""
    for h in heads:
        if key.startswith(h + " "):
            rest = key[len(h) + 1:]
            return rest if " " in rest else ""
    return ""


def features(upstream: Sequence[TraceTask], downstream: Sequence[TraceTask], ctx: _Context,
             ) -> dict[tuple[str, str], dict[str, float]]:
    """Every (downstream id, upstream id) pair's evidence features (:data:`trace_model.FEATURES`),
    on ``ctx``'s words and weights (from :func:`_scored`)."""
    from search_api.legal.trace_words import syllables

    cfg, w = ctx.cfg, ctx.weights
    n_up, n_down = len(upstream), len(downstream)
    text = {(d.id, u.id): _text_score(w.total(ctx.common(d.id, u.id)), ctx.totals[("d", d.id)],
                                      ctx.totals[("u", u.id)], cfg) for d in downstream for u in upstream}
    best_d = {d.id: max((text[(d.id, u.id)] for u in upstream), default=0.0) for d in downstream}
    best_u = {u.id: max((text[(d.id, u.id)] for d in downstream), default=0.0) for u in upstream}
    ranked = {d.id: sorted((text[(d.id, u.id)] for u in upstream), reverse=True) for d in downstream}
    heads = field_heads()
    fields = {k: frozenset(f for b in v if (f := owner_field(b.key, heads))) for k, v in ctx.bodies.items()}
    top_idf = math.log(1 + len(ctx.bags))

    def trigrams(side: str, t: TraceTask) -> frozenset[tuple[str, ...]]:
        syl = syllables(ctx.texts[(side, t.id)], cfg.stop_words)
        return frozenset(tuple(s[0] for s in syl[i:i + 3]) for i in range(len(syl) - 2) if all(syl[i:i + 3]))

    tri = {("u", t.id): trigrams("u", t) for t in upstream} | {("d", t.id): trigrams("d", t) for t in downstream}
    plain = {("u", t.id): _plain(ctx.texts[("u", t.id)]) for t in upstream} | {
        ("d", t.id): _plain(ctx.texts[("d", t.id)]) for t in downstream}
    main = _main_kind(upstream)
    rows = [[text[(d.id, u.id)] + cfg.owner_weight * (ctx.owners(d.id, u.id) == "same") for u in upstream]
            for d in downstream]
    aligned = monotone(rows, cfg.order_floor) if upstream and downstream else set()
    ups = [upstream_section(u.section) for u in upstream]
    downs = [downstream_section(d.section) for d in downstream]
    near = _sections(ctx, upstream, downstream, ups, downs)
    crowd = math.log(n_up / _CROWD) if n_up > _CROWD else 0.0
    out: dict[tuple[str, str], dict[str, float]] = {}
    for i, (d, h) in enumerate(zip(downstream, downs, strict=True)):
        part = pointer(d.text, ctx.key) if ctx.key is not None else None
        cites = ctx.cites(d.id)
        for j, (u, g) in enumerate(zip(upstream, ups, strict=True)):
            t = text[(d.id, u.id)]
            others = [x for x in ranked[d.id] if x != t] or [0.0]
            others = others[:_NEXT]
            nxt = sum(others) / len(others)
            rel = ctx.owners(d.id, u.id)
            common = ctx.common(d.id, u.id)
            out[(d.id, u.id)] = {
                "text": t,
                "rel_down": t / best_d[d.id] if best_d[d.id] > 0 else 0.0,
                "rel_up": t / best_u[u.id] if best_u[u.id] > 0 else 0.0,
                "top": float(t > 0 and t >= best_d[d.id]),
                "stand": math.log(1 + min(t / nxt, 20.0)) if nxt > 0 else (math.log(21.0) if t > 0 else 0.0),
                "same_owner": float(rel == "same"), "member_owner": float(rel == "member"),
                "other_owner": float(rel == "other"),
                "refs": float(not set(d.refs).isdisjoint(u.refs)),
                "cites": (t / best_d[d.id] if best_d[d.id] > 0 else 0.0) if cites else 0.0,
                "part": float(bool(part) and within(u.section, part)),
                "order": float((i, j) in aligned),
                "section": near.get((h, g), 0.0),
                "rare": max((w.weight(x) / w.pair_weight if " " in x else w.weight(x) for x in common),
                            default=0.0) / top_idf,
                "runs": math.log(1 + len(tri[("d", d.id)] & tri[("u", u.id)])),
                "no_owner": float(not u.owners), "unnumbered": float(not d.section),
                "position": abs((i + 0.5) / n_down - (j + 0.5) / n_up),
                "crowd": crowd,
                # the owners' fields agree through the hierarchy ('Bộ Xây dựng' -> 'Sở Xây dựng')
                "same_field": float(not fields[("d", d.id)].isdisjoint(fields[("u", u.id)])),
                # the longest run of syllables the two texts share word for word, stop words kept (a plan
                # copying its directive's sentence)
                "copy": math.log(1 + longest_run(plain[("d", d.id)], plain[("u", u.id)])) if common else 0.0,
                # the upstream task lies outside its document's main numbering (a footnote's list item)
                "aside": float(main is not None and _kind(u.section) != main),
                # the headings above the downstream task (the words its text lacks) said by the upstream task
                "context": ctx.context(d.id, u.id),
            }
    return out


@lru_cache(maxsize=65536)
def copied(down: str, up: str) -> int:
    """The longest run of syllables two texts share word for word (stop words kept)."""
    return longest_run(_plain(down), _plain(up))


@lru_cache(maxsize=8192)
def _plain(text: str) -> tuple[str | None, ...]:
    """The folded syllables of ``text``, None for a break, stop words kept (read once per text,
    not once per pair: :func:`copied` and :func:`features` ask it of every pair)."""
    from search_api.legal.trace_words import syllables

    return tuple(s[0] if s else None for s in syllables(text))


def longest_run(a: Sequence[str | None], b: Sequence[str | None]) -> int:
    """The length of the longest run of syllables ``a`` and ``b`` share in the same order, None
    (a break: number, punctuation) matching nothing.

    >>> longest_run(("quy", "che", None, "tai", "san"), ("sua", "quy", "che", "tai", "san"))
    2
    """
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        if x is not None:
            for j, y in enumerate(b):
                if x == y:
                    cur[j + 1] = prev[j] + 1
                    best = max(best, cur[j + 1])
        prev = cur
    return best


def _kind(section: str | None) -> str | None:
    """The kind of a section path's first level: 'roman' (II), 'digit' (2), 'letter' (a), None."""
    if not section:
        return None
    top = re.split(r"[.\-]", section)[0]
    if re.fullmatch(r"[IVXLC]+", top):
        return "roman"
    return "digit" if top.isdigit() else "letter"


def _main_kind(tasks: Sequence[TraceTask]) -> str | None:
    """The kind of first level most of a document's numbered tasks are in (None: none numbered)."""
    from collections import Counter

    kinds = Counter(k for t in tasks if (k := _kind(t.section)))
    return kinds.most_common(1)[0][0] if kinds else None
