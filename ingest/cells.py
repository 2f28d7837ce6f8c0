"""The lines of a flattened header or signature cell.

Web copies put the first page's two-column table and the signature block in table rows whose
cells lost their line breaks (``| UBND TỈNH X ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc --- |``, ``| Nơi nhận: - Như trên; - Lưu: VT. | TM. ỦY BAN NHÂN
DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A |``); HTML pages flatten them the same way.
:func:`split` cuts such a text back into the lines a printed page has: issuer bodies (parent,
then issuer), motto, number, subject, place/date, ``Nơi nhận:`` and one line per recipient,
authority line, title line, signer's name. Rules (``-------``, ``*``) and ``(Đã ký)`` go.
Break points are in ``data/layout_cells.json``.

>>> text = "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A"
>>> [text[a:b] for a, b in split(text)]
['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A']
"""

from __future__ import annotations

import re

from ingest import vocab

Span = tuple[int, int]


_ASCII_LOWER = re.compile(r"[a-z]")


def _caps(text: str) -> bool:
    if _ASCII_LOWER.search(text):
        return False  # a lower-case letter (a body paragraph), found without a letter-by-letter walk
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _heads() -> list[str]:
    return sorted((h.upper() for h in vocab.labels()["org_heads"]), key=len, reverse=True)


def _titles() -> tuple[list[str], list[str]]:
    data = vocab.labels()["signature_titles"]
    return data["titles"], data["starts"]


def _words(text: str, lo: int, hi: int) -> list[Span]:
    return [(lo + m.start(), lo + m.end()) for m in re.finditer(r"\S+", text[lo:hi])]


def _head_at(text: str, pos: int, hi: int) -> int:
    """End of the longest organisation head (``ỦY BAN NHÂN DÂN``, ``BỘ``) at ``pos``, else -1."""
    seg = text[pos:hi]
    for head in _heads():
        if seg.startswith(head) and (len(seg) == len(head) or not seg[len(head)].isalnum()):
            return pos + len(head)
    return -1


def _org_breaks(text: str, lo: int, hi: int) -> list[int]:
    """Starts of the bodies after the first on a caps line (``BỘ TÀI CHÍNH TỔNG CỤC THUẾ`` ->
    before ``TỔNG CỤC``): a head that follows at least one word of a name, never a place word
    (``HUYỆN VỤ BẢN``) nor a head right after a head (``VĂN PHÒNG CHÍNH PHỦ``, ``BAN CÁN SỰ
    ĐẢNG BỘ TƯ PHÁP``)."""
    if not _caps(text[lo:hi]):
        return []
    units = {u.upper() for u in vocab.labels()["admin_units"]}
    words = _words(text, lo, hi)
    out: list[int] = []
    i = 0
    named = 0  # words of a name since the last head
    started = False
    while i < len(words):
        start = words[i][0]
        end = _head_at(text, start, hi)
        prev = text[words[i - 1][0] : words[i - 1][1]] if i else ""
        alone = end == hi or not text[end:hi].strip()
        single = " " not in text[start:end]
        if end > 0 and (not started or (named and prev not in units and not prev.endswith(("-", "–")))):
            if started and alone and single:
                break  # "SỞ NỘI VỤ": a one-word head ending the line is a word of the name
            if started:
                out.append(start)
            started, named = True, 0
            while i < len(words) and words[i][1] <= end:
                i += 1
            continue
        named += 1
        started = True
        i += 1
    return out


def _signature_breaks(text: str, lo: int, hi: int) -> list[int]:
    """Inside one authority segment (``KT. CHỦ TỊCH PHÓ CHỦ TỊCH``, ``T/M BAN THƯỜNG VỤ BÍ
    THƯ``): the start of the signer's own title, after the first complete authority."""
    titles, starts = _titles()
    heads = _heads()
    words = _words(text, lo, hi)
    first = 1 if words and vocab.cell_patterns()["signature_prefix"].match(text, words[0][0]) else 0
    if first >= len(words):
        return []
    head_end = _head_at(text, words[first][0], hi)  # never inside a body's name (BAN BÍ THƯ)
    for i in range(first + 1, len(words)):
        if words[i][0] < head_end:
            continue
        rest = text[words[i][0] : hi]
        opens = any(rest == t or rest.startswith(t + " ") for t in titles + starts)
        if not opens:
            continue
        before = text[words[first][0] : words[i - 1][1]]
        if before.endswith(","):
            continue  # "KT. BỘ TRƯỞNG, CHỦ NHIỆM": the authority goes on
        complete = any(before == t or before.endswith(" " + t) for t in titles) or any(
            before == h or before.startswith(h + " ") for h in heads
        )
        if complete:
            return [words[i][0]]
    return []


def _cuts(text: str, pats: dict[str, re.Pattern[str]]) -> tuple[set[int], list[Span]]:
    """Positions where a line starts, and spans to drop."""
    cuts: set[int] = set()
    drops: list[Span] = []
    for key in ("rule", "signed_mark"):
        for m in pats[key].finditer(text):
            if m.group().strip():
                drops.append(m.span())
                cuts.update(m.span())
    for m in pats["motto"].finditer(text):
        cuts.update(m.span())
    for m in pats["number"].finditer(text):
        end = _number_end(text, m.start())
        if end is not None:
            cuts.update((m.start(), end))
    for m in pats["subject"].finditer(text):
        cuts.add(m.start())
    for m in pats["place_date"].finditer(text):
        cuts.update(m.span())
        cuts.add(m.start("place"))
    rec = pats["recipients"].search(text)
    sig_starts = [m.start() for m in pats["signature_prefix"].finditer(text)]
    if rec:
        cuts.update(rec.span())
        end = next((s for s in sig_starts if s > rec.end()), len(text))
        for m in pats["item"].finditer(text, rec.end(), end):
            cuts.add(m.start())
    cuts.update(sig_starts)
    m = pats["name_tail"].search(text)
    if m and (
        (sig_starts and m.start("name") > sig_starts[0]) or _is_title(text[: m.start()].strip())
    ):
        cuts.add(m.start("name"))
    return cuts, drops


def _is_title(text: str) -> bool:
    """A caps signer title (``THỦ TƯỚNG``, ``PHÓ CHỦ TỊCH``) alone."""
    titles, starts = _titles()
    return _caps(text) and any(text.endswith(t) for t in titles) and len(text.split()) <= 8


def _number_end(text: str, pos: int) -> int | None:
    """End of a document number (``Số: 12/QĐ-UBND``, ``Số 45-KH/TU``) at ``pos``; None for
    ``Số 5 đơn vị``."""
    m = vocab.label("number").match(text, pos)
    if m and re.search(r"\d", m.group("number")) and re.search(r"[/\-]", m.group("number")):
        if m.group("number").endswith(("-", "/", "–")):  # "11/CT- TTg": the joint has a gap
            rest = re.match(r"\s+[A-Za-zĐđ][\w&]*(?:[/\-–][\w&]+)*", text[m.end() :])
            if rest:
                return m.end() + rest.end()
        return m.end()
    return None


def _eligible(text: str, pats: dict[str, re.Pattern[str]]) -> bool:
    """A paragraph outside a layout table is cut only when it starts like a header or
    signature cell, or is a caps line holding the motto or a rule."""
    head = text.lstrip()
    for key in ("motto", "signature_prefix"):
        if pats[key].match(head):
            return True
    rec = pats["recipients"].match(head)
    if rec and pats["item"].search(head, rec.end()):
        return True  # "Nơi nhận: - Như trên; - Lưu: VT." (not "Nơi nhận: KT. BỘ TRƯỞNG")
    end = _number_end(head, 0) if pats["number"].match(head) else None
    if end is not None:
        # "Số: 12/QĐ-UBND Quảng Nam, ngày ..." or "... V/v ...", not "Số: 12/QĐ-UBND ngày 5/3/2024 của ..."
        rest = head[end:].strip()
        return not rest or bool(
            pats["subject"].match(rest) or pats["motto"].match(rest) or pats["place_date"].match(rest)
        )
    if _caps(head[:20]) and (pats["motto"].search(head) or pats["rule"].search(head)):
        return True
    return False


def split(text: str, *, layout: bool = False) -> list[Span]:
    """Spans of the lines in ``text`` (one span, the stripped text, when nothing is to cut).

    ``layout``: the text is a cell of a layout table (always cut); otherwise only a
    paragraph that looks like a flattened cell is (see :func:`_eligible`).
    """
    pats = vocab.cell_patterns()
    stripped = text.strip()
    if not stripped:
        return []
    lo0 = text.index(stripped[0])
    whole = [(lo0, lo0 + len(stripped))]
    if not layout and not _eligible(text, pats):
        return whole
    cuts, drops = _cuts(text, pats)
    points = sorted(p for p in cuts | {0, len(text)} if 0 <= p <= len(text))
    pieces: list[Span] = []
    for a, b in zip(points, points[1:], strict=False):
        if any(d0 <= a and b <= d1 for d0, d1 in drops):
            continue
        pieces.extend(_trim(text, a, b))
    # second pass inside caps segments: bodies on one line, authority then title
    out: list[Span] = []
    sig = pats["signature_prefix"]
    for a, b in pieces:
        seg = text[a:b]
        inner: list[int] = []
        if sig.match(seg):
            inner = _signature_breaks(text, a, b)
        elif not pats["motto"].match(seg) and not pats["number"].match(seg):
            inner = _org_breaks(text, a, b)
        bounds = [a, *inner, b]
        for x, y in zip(bounds, bounds[1:], strict=False):
            out.extend(_trim(text, x, y))
    return out or whole


def _trim(text: str, a: int, b: int) -> list[Span]:
    seg = text[a:b]
    left = len(seg) - len(seg.lstrip(" |"))
    right = len(seg.rstrip(" |"))
    if right <= left:
        return []
    return [(a + left, a + right)]


def is_layout_cell(text: str) -> bool:
    """A cell of a first-page or signature layout table: it opens with the motto, a number,
    ``Nơi nhận``/``Kính gửi`` or a signature prefix, holds the motto, or is a place and date."""
    pats = vocab.cell_patterns()
    head = " ".join(text.split())
    if not head:
        return False
    return (
        _eligible(head, pats)
        or bool(pats["motto"].search(head))
        or bool(len(head) <= 80 and pats["place_date"].fullmatch(head))
    )
