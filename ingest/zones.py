"""Zones of a normalised document: header, preamble, body, signature, recipients, appendix.

Works on paragraphs (one line of the normalised text each):

- header: the first-page block (issuer, motto, number, place/date, type line, trích yếu), or
  a news page's headline and dateline;
- preamble: ``Căn cứ ...``/``Theo đề nghị ...`` lines up to the enacting ``QUYẾT ĐỊNH:``;
- recipients: ``Nơi nhận:`` and the ``- ...;`` lines after it (never tasks);
- signature: ``KT. BỘ TRƯỞNG``/``T/M BAN THƯỜNG VỤ`` ... title lines ... name, or a news byline;
- appendix: what follows the signature/recipients (a plan issued with a Quyết định, headed
  by its own title and ``(Ban hành kèm theo ...)``) or starts at ``PHỤ LỤC``;
- body: the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import vocab
from ingest.model import Zone, ZoneKind
from ingest.normalize import Para, is_caps, is_doc_type_line, marker_match


@dataclass(slots=True)
class ZoneLayout:
    """Paragraph index ranges ``[first, last)`` per zone kind (None when absent)."""

    header: tuple[int, int] | None = None
    preamble: tuple[int, int] | None = None
    body: tuple[int, int] | None = None
    recipients: tuple[int, int] | None = None
    signature: tuple[int, int] | None = None
    appendix: tuple[int, int] | None = None
    doc_type_para: int | None = None
    title_paras: tuple[int, int] | None = None
    dateline_para: int | None = None
    byline_para: int | None = None
    portal_link_para: int | None = None  # "Chi tiết Chỉ thị 15-CT/TU" under a portal summary
    agency_lead_para: int | None = None  # "(Chinhphu.vn) - Thủ tướng ..." opening a news page
    subject_para: int | None = None  # a Công văn's "Về ..." subject under the number
    issued_by_para: int | None = None  # "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ" opening the trích yếu
    report_para: int | None = None  # news evidence under a headline: "Ngày 20/10/2025, Bộ X ban hành Công văn ..."

    def kind_of(self, i: int) -> ZoneKind | None:
        for kind in ("header", "preamble", "recipients", "signature", "appendix", "body"):
            rng = getattr(self, kind)
            if rng and rng[0] <= i < rng[1]:
                return ZoneKind(kind)
        return None


def _m(key: str, text: str) -> bool:
    return vocab.label(key).match(text) is not None


def is_name(text: str) -> bool:
    """A person's name line: 2-5 capitalised words, letters only (``Mai Lương Khôi``)."""
    m = vocab.label("byline").match(text)
    return bool(m and not m.group("unit") and not is_caps(text) and len(text) <= 40)


_SIGNED_PREFIX = re.compile(r"^\(?(?:Đã ký|đã ký|ĐÃ KÝ)\)?\s*:?\s*")


def signed_name(text: str) -> str:
    """A signer line without the web copy's signed mark (``Đã ký: Nguyễn Văn A``)."""
    return _SIGNED_PREFIX.sub("", text)


def is_byline(text: str) -> bool:
    m = vocab.label("byline").match(text)
    # "Theo Báo Quảng Trị" credits a source: no byline
    return bool(m) and len(text) <= 60 and not is_caps(m.group("name")) and not _m("news_source", text)


def _header_like(text: str) -> bool:
    if marker_match(text) and not _m("number", text):
        return False
    return (
        _m("motto", text)
        or _m("number", text)
        or _m("place_date", text)
        or _m("party_star", text)
        or (is_caps(text) and len(text) <= 120 and not _m("enacting", text))
    )


_NOISE_PREFIX = re.compile(r"^(?=.*[:_¬|€»©®°~])[^\w\s]*(?:\S{1,4}\s+){0,4}?\S{0,4}\s*$|^\S{1,3}\s*$")
_MOTTO_FOLDED = re.compile(r"cong hoa xa hoi chu nghia viet nam|dang cong san viet nam")


def _issued_by(line: str) -> bool:
    """``CỦA BAN BÍ THƯ``: a caps line naming the issuing body under the type line."""
    if not is_caps(line) or not line.startswith("CỦA ") or len(line.split()) > 9:
        return False
    rest = line[4:].strip().lower()
    return any(rest == h.lower() or rest.startswith(h.lower() + " ") for h in vocab.labels()["org_heads"])


def doc_type_text(line: str) -> str | None:
    """The type named by a type line (``QUYẾT ĐỊNH``), also after a few characters of OCR
    noise from a stamp (``DEN i: : _¬ CHỈ THỊ`` -> ``CHỈ THỊ``); None for any other line."""
    line = " ".join(line.split()).rstrip(":").strip()
    if is_doc_type_line(line):
        return line
    if is_caps(line):  # written without accents or with damaged ones ("THONG BAO")
        from ingest.issuers import fold

        folded = {fold(t): t for t in vocab.doc_types()}
        if fold(line) in folded and len(line) <= 40:
            return folded[fold(line)]
    words = line.split()
    for k in range(1, min(len(words), 6)):
        tail = " ".join(words[k:])
        if is_doc_type_line(tail) and _NOISE_PREFIX.match(" ".join(words[:k])):
            return tail
    return None


def _noisy_doc_type(texts: list[str], limit: int) -> int | None:
    """A type line behind stamp noise, under an OCR'd motto (see :func:`doc_type_text`)."""
    from ingest.issuers import fold

    motto = next((i for i in range(limit) if texts[i] and _MOTTO_FOLDED.search(fold(texts[i]))), None)
    if motto is None:
        return None
    return next((i for i in range(motto + 1, limit) if texts[i] and doc_type_text(texts[i])), None)


def _header_tail(texts: list[str], end: int) -> int:
    """Extend the header over what a Công văn puts after its trích yếu: the motto and the
    place/date of the right-hand column, and ``Kính gửi:`` with its ``- ...;`` addressee lines."""
    if not end:
        return end
    i = end
    while i < len(texts) and texts[i] and (_m("motto", texts[i]) or _m("place_date", texts[i])):
        i += 1
    if i < len(texts) and texts[i] and _m("addressee", texts[i]):
        i += 1
        if texts[i - 1].rstrip().endswith(":"):  # the addressees follow as a list
            while i < len(texts) and texts[i] and texts[i][0] in "-–—•+" and len(texts[i]) <= 200:
                i += 1
    return i


def _headline(text: str) -> bool:
    """A page's headline: one short line that is no sentence, item, subject line or caps block."""
    return (
        bool(text)
        and len(text) <= 250
        and text[-1] not in ".:;,"
        and not marker_match(text)
        and not is_caps(text)
        and not _header_like(text)
        and not _m("subject_line", text)
    )


def _news_page(texts: list[str], z: ZoneLayout) -> None:
    """A headerless page that is a news report about a document (``report_para`` and the
    headline as ``title_paras``): a headline, then evidence that the page reports rather than
    is the document — a question headline (``Toàn văn Công văn ... chi tiết ra sao?``), a
    paragraph near the top reporting the document being issued (``Ngày 20/10/2025, Bộ X ban
    hành Công văn ...``), or a source credit or a posting date among the last lines
    (``Theo TTXVN``, ``Ngày đăng: 26/05/2025``); a page with a signature or ``Nơi nhận`` is
    the document itself."""
    n = len(texts)
    if n < 2 or not _headline(texts[0]):
        return
    if any(texts[k] and (_m("recipients", texts[k]) or _m("signature_prefix", texts[k])) for k in range(n)):
        return
    tail = [k for k in range(n - 1, max(0, n - 3) - 1, -1) if texts[k]]
    dated = next((k for k in tail if (m := vocab.label("dateline").match(texts[k])) and m.group("label") not in (None, "Ngày")), None)
    if texts[0].rstrip().endswith("?"):
        evidence: int | None = 0
    else:
        evidence = next((k for k in range(1, min(n, 9)) if texts[k] and _m("news_report", texts[k])), None)
    if evidence is None:
        evidence = dated if dated is not None else next((k for k in tail if _m("news_source", texts[k])), None)
    if evidence is None:
        return
    z.report_para = evidence
    z.title_paras = (0, 1)
    if dated is not None:
        z.dateline_para = dated


def _cut_title(text: str) -> bool:
    """A caps trích yếu line that cannot end the trích yếu: it ends on a clause mark
    (``...MÔI TRƯỜNG;``) or is a word cut off the rest (a drop capital: ``Ý`` / ``KIẾN ...``)."""
    line = text.rstrip()
    return line.endswith((";", ",", "-", "–")) or len(line.split()) == 1


def _wrapped_title_end(texts: list[str], start: int, end: int) -> int:
    """Where a caps trích yếu wrapped over paragraphs ends: each cut line (:func:`_cut_title`)
    is continued by the caps paragraph after it, unless that one is an item, the preamble, the
    enacting formula or the enacting authority above ``Căn cứ`` (``CHÍNH PHỦ``)."""
    n = len(texts)
    while (
        end < n
        and end - start < 4
        and (is_caps(texts[end - 1]) or texts[end - 1].isupper())  # "Ý": too short for is_caps
        and _cut_title(texts[end - 1])
        and texts[end]
        and is_caps(texts[end])
        and len(texts[end]) <= 400
        and not marker_match(texts[end])
        and not _m("preamble", texts[end])
        and not _m("enacting", texts[end])
        and not (end + 1 < n and texts[end + 1] and _m("preamble", texts[end + 1]))
    ):
        end += 1
    return end


def layout(paras: list[Para]) -> ZoneLayout:
    texts = [p.text if p.table is None else "" for p in paras]
    n = len(texts)
    z = ZoneLayout()
    if n == 0:
        return z

    # --- header
    limit = min(n, 15)
    doc_type = next(
        (i for i in range(limit) if is_doc_type_line(texts[i]) and not _m("enacting", texts[i])),
        None,
    )
    if doc_type is None:
        doc_type = _noisy_doc_type(texts, limit)
    if doc_type is not None and any(marker_match(texts[i]) for i in range(doc_type)):
        doc_type = None
    header_end = 0
    if doc_type is not None:
        z.doc_type_para = doc_type
        header_end = doc_type + 1
        nxt = doc_type + 1
        if nxt < n and texts[nxt] and not (
            _m("preamble", texts[nxt]) or marker_match(texts[nxt]) or _m("enacting", texts[nxt])
        ) and len(texts[nxt]) <= 400:
            end = nxt + 1
            if _issued_by(texts[nxt]):
                # "KẾT LUẬN" / "CỦA BỘ CHÍNH TRỊ," / "BAN BÍ THƯ" / "VỀ ...": the bodies and
                # the subject make one trích yếu (dev 113), also "CỦA BAN BÍ THƯ" / "về ..."
                z.issued_by_para = nxt
                while (
                    end < n
                    and end - nxt < 4
                    and texts[end]
                    and (is_caps(texts[end]) or (end == nxt + 1 and texts[end].startswith("về ")))
                    and not marker_match(texts[end])
                    and not _m("preamble", texts[end])
                    and len(texts[end]) <= 400
                ):
                    end += 1
            else:
                end = _wrapped_title_end(texts, nxt, end)
            z.title_paras = (nxt, end)
            header_end = end
    else:
        i = 0
        while i < limit and texts[i] and _header_like(texts[i]) and not _m("subject_line", texts[i]):
            i += 1
        header_end = i
        for j in range(header_end, min(n, 15)):
            if _m("subject_line", texts[j]):
                z.title_paras = (j, j + 1)
                header_end = j + 1
                break
        else:
            # a Công văn's subject written "Về ..." under its number (dev 118)
            j = header_end
            if 0 < j < n and texts[j].startswith("Về ") and len(texts[j]) <= 300 and _m("number", texts[j - 1]):
                z.title_paras = (j, j + 1)
                z.subject_para = j
                header_end = j + 1
    header_end = _header_tail(texts, header_end)
    # news: a bare dateline near the top
    for i in range(min(n, 4)):
        if texts[i] and _m("dateline", texts[i]):
            z.dateline_para = i
            head = texts[i - 1] if i else ""
            # the headline right above the dateline (a breadcrumb or site line may precede it)
            if head and not _m("dateline", head) and len(head) <= 250 and head[-1] not in ".:;" and not _m("breadcrumb", head):
                z.title_paras = z.title_paras or (i - 1, i)
            header_end = max(header_end, i + 1)
            break
    # a news page without a dateline: a headline, then the agency's lead ("(Chinhphu.vn) - ...")
    if not header_end and n > 1 and texts[1] and _m("news_agency_lead", texts[1]):
        head = texts[0]
        if head and len(head) <= 250 and head[-1] not in ".:;" and not marker_match(head):
            z.title_paras = (0, 1)
            z.agency_lead_para = 1
            header_end = 1
    elif not header_end and texts[0] and _m("news_agency_lead", texts[0]):
        z.agency_lead_para = 0
    # a portal summary: no header, a headline, and a link to the full text at the end
    if not header_end:
        link = next((k for k in range(n - 1, max(0, n - 4) - 1, -1) if texts[k] and _m("portal_link", texts[k])), None)
        if link is not None and link > 0:
            z.portal_link_para = link
            head = texts[0]
            if head and len(head) <= 250 and head[-1] not in ".:;" and not marker_match(head):
                z.title_paras = (0, 1)
                header_end = 1
    if not header_end and z.dateline_para is None:
        _news_page(texts, z)
        if z.report_para is not None:
            header_end = 1
    if header_end:
        z.header = (0, header_end)

    # --- preamble (a Quyết định names its enacting authority, THỦ TƯỚNG CHÍNH PHỦ, above "Căn cứ")
    i = header_end
    if i + 1 < n and texts[i] and is_caps(texts[i]) and len(texts[i]) <= 80 and _m("preamble", texts[i + 1]):
        i += 1
    while i < n and texts[i] and (_m("preamble", texts[i]) or _m("enacting", texts[i])):
        i += 1
        if _m("enacting", texts[i - 1]):
            break
    if i > header_end + 1 or (i > header_end and not is_caps(texts[header_end])):
        z.preamble = (header_end, i)
    elif i > header_end:
        i = header_end
    body_start = i

    # --- recipients and signature (searched after the body start)
    rec = next((k for k in range(body_start, n) if texts[k] and _m("recipients", texts[k])), None)
    if rec is not None:
        k = rec + 1
        while k < n and texts[k] and (texts[k][0] in "-–—•+" or _m("keep_line", texts[k])):
            k += 1
        z.recipients = (rec, k)
    sig = next(
        (k for k in range(body_start, n) if texts[k] and _m("signature_prefix", texts[k]) and len(texts[k]) <= 80),
        None,
    )
    if sig is None:
        # a caps title line followed by a name, after the body (no authority prefix)
        start = z.recipients[0] if z.recipients else body_start
        for k in range(start, n - 1):
            if texts[k] and is_caps(texts[k]) and len(texts[k]) <= 60 and is_name(texts[k + 1]):
                if k > body_start:
                    sig = k
                    break
    if sig is not None:
        k = sig + 1
        while k < n and texts[k] and is_caps(texts[k]) and len(texts[k]) <= 80 and not is_doc_type_line(texts[k]):
            k += 1
        if k < n and is_name(signed_name(texts[k])):
            k += 1
        z.signature = (sig, k)
    elif n - 1 > body_start and is_byline(texts[n - 1]) and not marker_match(texts[n - 1]):
        if not z.recipients:  # news pages have no "Nơi nhận": a name there ends a signature
            z.byline_para = n - 1
        z.signature = (n - 1, n)

    # --- appendix
    tail_start = max((r[1] for r in (z.recipients, z.signature) if r), default=None)
    app = None
    if tail_start is not None and tail_start < n:
        app = tail_start
    for k in range(body_start, n):
        if texts[k] and _m("appendix_heading", texts[k]) and is_caps(texts[k][:7]):
            if app is None or k < app:
                if not (z.signature and z.signature[0] <= k < z.signature[1]):
                    app = k
            break
    if app is not None:
        z.appendix = (app, n)

    body_end = min(
        [r[0] for r in (z.recipients, z.signature, z.appendix) if r and r[0] >= body_start] + [n]
    )
    if body_end > body_start:
        z.body = (body_start, body_end)
    return z


def zones(paras: list[Para], lay: ZoneLayout) -> list[Zone]:
    out: list[Zone] = []
    for kind in ("header", "preamble", "body", "recipients", "signature", "appendix"):
        rng = getattr(lay, kind)
        if rng and rng[1] > rng[0]:
            out.append(Zone(kind=ZoneKind(kind), start=paras[rng[0]].start, end=paras[rng[1] - 1].end))
    return sorted(out, key=lambda zone: zone.start)
