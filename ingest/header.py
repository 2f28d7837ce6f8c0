"""Header metadata: doc_type, number, issuer, issued_date, place, title, signer, signer_title,
recipients — gold field names, unknown is None (never a guess).

State header: issuer caps lines, motto, ``Số: 1804/QĐ-BTP``, ``Hà Nội, ngày 02 tháng 12 năm
2021``, type line (``QUYẾT ĐỊNH``) and trích yếu; signature ``KT. BỘ TRƯỞNG`` / ``THỨ TRƯỞNG``
/ name. Party header: ``Số 196-KH/BCSĐ``, signature ``T/M BAN THƯỜNG VỤ`` / ``PHÓ BÍ THƯ``.
When the issuer block is missing, a collective signature (``T/M BAN THƯỜNG VỤ``) is completed
from the text (``Ban Thường vụ Tỉnh ủy``); a headerless directive names its issuer through its
head (``Tổng cục trưởng Tổng cục THADS đề nghị``). News pages (no state/Party header and a
dateline or a byline) get doc_type ``Tin bài``, the dateline as issued_date, the byline name
as signer; a headerless excerpt that opens by linking to what came before it (``Theo đó,``)
or reports a past act (``Ngày 26/4/2024, ... đã ban hành ...``) is a news report too.

Web copies' header and signature tables arrive as lines (see :mod:`ingest.cells`). OCR'd or
unaccented headers are read leniently (:mod:`ingest.issuers`): an issuer line is matched
against the known bodies and given its canonical name; a garbled one falls back to the
issuer code of the number, else null; a malformed number or a damaged place is null; a
date with an illegible day is null. Never the garbled string.

>>> position_case("PHÓ BÍ THƯ")
'Phó Bí thư'
>>> org_case("BỘ TƯ PHÁP")
'Bộ Tư pháp'
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from datetime import date

from ingest import issuers, vocab
from ingest.model import DocumentMetadata
from ingest.normalize import Para, is_caps, is_caps_name
from ingest.zones import ZoneLayout, doc_type_text, is_name, signed_name

_PARTY_HEADS = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Tỉnh uỷ", "Thành uỷ", "Huyện uỷ")
_ISSUE_VERBS = re.compile(r"^(?:ban hành|phê duyệt|về việc ban hành|triển khai thực hiện|sửa đổi, bổ sung)\s+", re.I)


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (ValueError, TypeError):
        return None


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _uncap(s: str) -> str:
    """Lower-case the first word unless it is an abbreviation or a proper-noun head."""
    first = s.split(" ", 1)[0]
    if _keep_upper(first) or (len(first) > 1 and first[1:2].isupper()):
        return s
    return s[:1].lower() + s[1:]


def position_case(caps: str) -> str:
    """``PHÓ BÍ THƯ`` -> ``Phó Bí thư``, ``THỨ TRƯỞNG`` -> ``Thứ trưởng``."""
    s = " ".join(caps.split()).lower()
    for term in sorted(vocab.labels()["title_terms"], key=len, reverse=True):
        s = re.sub(rf"(?<!\w){re.escape(term.lower())}(?!\w)", term, s)
    return _cap(s)


def _keep_upper(word: str) -> bool:
    core = word.strip(",.;:()")
    if core in vocab.abbreviations() or re.search(r"\d", core):
        return True
    # an abbreviation not in the list ("KH&CN", "VP"): short capitals that are no syllable
    return len(core) <= 6 and re.fullmatch(r"[A-ZĐ&]+", core) is not None and (
        "&" in core or not _is_syllable(core)
    )


def _is_syllable(word: str) -> bool:
    from ingest.encoding import is_vietnamese_syllable

    return is_vietnamese_syllable(word)


def _sentence(words: list[str]) -> str:
    out = []
    cap_next = True
    for w in words:
        if _keep_upper(w):
            out.append(w)
        else:
            lw = w.lower()
            out.append(_cap(lw) if cap_next else lw)
        cap_next = w.lower() == "và"
    return " ".join(out)


def org_case(caps: str) -> str:
    """Caps organisation name -> written form (``ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG`` ->
    ``Ủy ban nhân dân tỉnh Bình Dương``)."""
    text = " ".join(caps.split())
    if not is_caps(text):
        return text
    for short, full in (("UBND", "ỦY BAN NHÂN DÂN"), ("HĐND", "HỘI ĐỒNG NHÂN DÂN")):
        if text == short or text.startswith(short + " "):
            text = full + text[len(short) :]  # "UBND HUYỆN ĐÔNG ANH": the body's full name
    low = text.lower()
    heads = sorted(vocab.labels()["org_heads"], key=len, reverse=True)
    head = next((h for h in heads if low == h.lower() or low.startswith(h.lower() + " ")), None)
    if head is None:
        words = text.split()
        for k in range(1, len(words) - 1):  # "CÔNG AN TỈNH NGHỆ AN"
            at = " ".join(words[k:]).lower()
            unit = next((u for u in vocab.labels()["admin_units"] if at.startswith(u + " ")), None)
            if unit is not None:
                place = words[k + len(unit.split()) :]
                return f"{_sentence(words[:k])} {unit} " + " ".join(w if _keep_upper(w) else _cap(w.lower()) for w in place)
        return _cap(_sentence(words).lower()) if not any(_keep_upper(w) for w in words) else _sentence(words)
    rest = text[len(head) :].split()
    if not rest:
        return head
    units = sorted(vocab.labels()["admin_units"], key=len, reverse=True)
    rest_low = " ".join(rest).lower()
    if vocab.label("committee_name").match(rest_low):  # "BAN THƯỜNG VỤ TỈNH ỦY BẮC NINH": the committee is a name
        return f"{head} {org_case(' '.join(rest))}"
    for unit in units:
        if rest_low.startswith(unit + " "):
            place = rest[len(unit.split()) :]
            return f"{head} {unit} " + " ".join(_cap(w.lower()) if not _keep_upper(w) else w for w in place)
    if head in _PARTY_HEADS:
        return head + " " + " ".join(_cap(w.lower()) for w in rest)
    inner = next((h for h in heads if len(h) > 3 and rest_low.startswith(h.lower() + " ")), None)
    if inner is not None or rest_low.startswith("bộ "):
        return f"{head} {org_case(' '.join(rest))}"  # "BAN CÁN SỰ ĐẢNG BỘ TƯ PHÁP": a body inside
    for k in range(1, len(rest) - 1):  # "SỞ TƯ PHÁP TỈNH BẮC NINH": a name, then its place
        at = " ".join(rest[k:]).lower()
        unit = next((u for u in units if at.startswith(u + " ")), None)
        if unit is not None:
            place = rest[k + len(unit.split()) :]
            return f"{head} {_sentence(rest[:k])} {unit} " + " ".join(
                w if _keep_upper(w) else _cap(w.lower()) for w in place
            )
    return head + " " + _sentence(rest)


_BODY_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# what precedes a word capitalised by position: a line start, a sentence end, an item marker, a bracket or a quote
_CLAUSE_MARKS = frozenset(".:;!?()[]“”\"'*+•–—-")

_LONGEST_NAME = 6  # words: "Thành phố Hồ Chí Minh", "Phó Thủ tướng Thường trực Chính phủ"


def _chains(line: str) -> list[list[re.Match[str]]]:
    """The words of ``line`` in runs separated by spaces only (punctuation ends a run)."""
    chains: list[list[re.Match[str]]] = []
    last_end = None
    for m in _BODY_WORD.finditer(line):
        if last_end is None or line[last_end : m.start()].strip():
            chains.append([])
        chains[-1].append(m)
        last_end = m.end()
    return chains


_BODY_WORD_SPLIT = re.compile(f"({_BODY_WORD.pattern})")
_CONTEXT_CASED = re.compile("[\u03a3\u0130]")  # capital sigma (final or not by context), dotted I (two letters)


def _body_spellings(body: str, runs: set[str]) -> dict[str, Counter[str]]:
    """How the body writes, inside its sentences, each of ``runs`` (lower-cased runs of up to
    six words; with a run, each of its leading parts): lower-cased run -> its spellings.

    A run that opens a line, a sentence, an item or a bracket is capitalised by position, not by
    meaning, and words in runs of three or more capitals are a heading's; neither is counted.
    Only the runs asked for are counted (a run that is none of them is the start of none).

    Each line is split once into its words and what separates them: a separator holding more
    than spaces ends a run, and a word opens a clause when the line's start or a clause mark is
    all that precedes it across spaces; a run's lower case is its words' lower cases joined (a
    space bounds the context of a final sigma)."""
    firsts = {r.split(" ")[0] for r in runs}
    spellings: dict[str, Counter[str]] = {}
    for line in body.split("\n"):
        if is_caps(line):
            continue
        parts = _BODY_WORD_SPLIT.split(line)  # separator, word, separator, ..., word, separator
        # the same words lower-cased at once, unless a letter lower-cases by its context or into two
        lowered = _BODY_WORD_SPLIT.split(line.lower()) if not _CONTEXT_CASED.search(line) else None
        n_words = len(parts) // 2
        k = 0
        while k < n_words:
            j = k + 1  # the chain: words k .. j-1, joined by spaces only
            while j < n_words and not parts[2 * j].strip():
                j += 1
            words = parts[2 * k + 1 : 2 * j : 2]
            low = lowered[2 * k + 1 : 2 * j : 2] if lowered is not None else [w.lower() for w in words]
            first = k
            k = j
            if firsts.isdisjoint(low):
                continue
            heading = None
            if sum(map(str.isupper, words)) >= 3:
                caps = [w.isupper() and len(w) > 1 for w in words]
                heading = [False] * len(words)
                i = 0
                while i < len(words):
                    j = i
                    while j < len(words) and caps[j]:
                        j += 1
                    if j - i >= 3:
                        heading[i:j] = [True] * (j - i)
                    i = max(j, i + 1)
            for i, w in enumerate(low):
                if w not in firsts or (heading is not None and heading[i]):
                    continue
                before = parts[2 * (first + i)].rstrip()
                if (before[-1] in _CLAUSE_MARKS) if before else first + i == 0:
                    continue  # capitalised by position
                key = run = ""
                for n in range(min(_LONGEST_NAME, len(words) - i)):
                    if heading is not None and heading[i + n]:
                        break
                    key = key + " " + low[i + n] if n else w
                    if key not in runs:
                        break
                    run = run + " " + words[i + n] if n else words[i]
                    seen = spellings.get(key)
                    if seen is None:  # setdefault(key, Counter()) made a Counter for every run
                        seen = spellings[key] = Counter()
                    seen[run] += 1
    return spellings


def _dominant(seen: Counter[str]) -> str:
    """The most frequent spelling; a tie goes to lower case."""
    return max(seen.items(), key=lambda kv: (kv[1], kv[0] == kv[0].lower()))[0]


def _recase(text: str, body: str) -> str:
    """A caps line's words spelled the way the body spells them inside its sentences, longest
    run first (``THÀNH PHỐ HỒ CHÍ MINH`` -> ``Thành phố Hồ Chí Minh``, ``IOT`` -> ``IoT``,
    ``THỦ TỤC HÀNH CHÍNH`` -> ``thủ tục hành chính``); words the body never writes inside a
    sentence are lower-cased unless they are abbreviations or numbers."""
    chains = _chains(text)
    runs: set[str] = set()
    for chain in chains:
        lower = [m.group().lower() for m in chain]
        runs.update(" ".join(lower[i : i + n]) for i in range(len(lower))
                    for n in range(1, min(_LONGEST_NAME, len(lower) - i) + 1))
    spellings = _body_spellings(body, runs)
    out, at = [], 0
    for chain in chains:
        words = [m.group() for m in chain]
        # the longest run the body writes from each word on; a word takes its spelling from the
        # longest run that covers it, so "hóa thủ tục hành" does not leave "chính" to itself
        runs: list[list[str] | None] = []
        for i in range(len(words)):
            for n in range(min(_LONGEST_NAME, len(words) - i), 0, -1):
                seen = spellings.get(" ".join(words[i : i + n]).lower())
                if seen:
                    runs.append(_dominant(seen).split(" "))
                    break
            else:
                runs.append(None)
        for k, m in enumerate(chain):
            covering = [(len(r), -i, r[k - i]) for i, r in enumerate(runs[: k + 1]) if r and len(r) > k - i]
            if covering:
                word = max(covering)[2]
            else:
                token = text[: m.end()].split()[-1]  # the whole space-separated token: "1899/QĐ-TTG"
                word = m.group() if (_keep_upper(m.group()) or re.search(r"\d", token)) else m.group().lower()
            if re.search(r"[“\"(]\s*$", text[: m.start()]):
                word = _cap(word)  # a quoted name opens with a capital ("Đề án “Nâng cao …”")
            out.append(text[at : m.start()] + word)
            at = m.end()
    return "".join(out) + text[at:]


def _title_case(text: str, body: str) -> str:
    """Trích yếu in sentence case: a caps title is re-cased from the body (``_recase``) and the
    type of a document being issued is capitalised (``Ban hành Chương trình ...``)."""
    text = " ".join(text.split()).strip(" .")
    if not is_caps(text):
        return _cap(text)
    s = _cap(_recase(text, body))
    m = _ISSUE_VERBS.match(s)
    if m:
        tail = s[m.end() :]
        for name in sorted(vocab.doc_types().values(), key=len, reverse=True):
            if tail.lower().startswith(name.lower() + " ") or tail.lower() == name.lower():
                s = s[: m.end()] + name + tail[len(name) :]
                break
    return s


_EMBEDDED_PLACE_DATE = re.compile(
    r"\s+(?:(?:[A-ZÀ-ỸĐ]\S*\s+){1,4}|\S+\s+)?\S+\s*,\s*ngày\s*\S{0,3}\s*tháng\s*\S{0,3}\s*năm\s*\S{0,5}\s*$"
)
_INLINE_PREFIX = re.compile(r"(?:^|[\s;.,:])(?P<sig>(?:T/M|K/T|T/L|TM|KT|TL|TUQ)\.?\s*[A-ZÀ-ỸĐ].*)$")
_CAPS_TAIL = re.compile(
    r"(?:^|[\s;.,:])(?P<tail>(?:(?:T/M|K/T|T/L|TM|KT|TL|TUQ)\.?\s*)?[A-ZÀ-ỸĐ]{2,}(?:\s+[^\s;.,:]+){1,6})$"
)


# an OCR'd arrival stamp before the trích yếu ("Ig-Q612/2G20 -| Về các nhiệm vụ ...")
_STAMP_NOISE = re.compile(r"^(?=[^|]*\d)[^|]{1,25}\|\s*(?=[A-ZÀ-ỸĐ])")
_MOTTOS_FOLDED = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam", "doc lap - tu do - hanh phuc")


def _fold_chars(text: str) -> str:
    """Same length as ``text``: each character lower-cased without its diacritics."""
    import unicodedata

    return "".join((unicodedata.normalize("NFD", c.lower())[:1] or c).replace("đ", "d") for c in text)


def _split_motto(line: str) -> list[str]:
    """A caps line where a PDF flattened the issuer and the motto columns (``BỘ TÀI CHÍNH
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TỔNG CỤC THUẾ``): the parts around the motto."""
    folded = _fold_chars(line)
    for motto in _MOTTOS_FOLDED:
        at = folded.find(motto)
        if at > 0 or (at == 0 and len(line) > len(motto) + 2):
            parts = [line[:at].strip(" |-"), line[at + len(motto) :].strip(" |-")]
            return [p for p in parts if p]
    return [line]


def _after_left_column(line: str) -> str:
    """What follows the number or motto on a line where a PDF flattened the two header
    columns (``Số:470/TCT-TTKT Hà Nội, ngày 05 tháng 5 năm 2020``)."""
    for key in ("number", "motto"):
        m = vocab.label(key).match(line)
        if m:
            return line[m.end() :].strip(" |")
    return line


def _fold(text: str) -> str:
    """Lower-case, no diacritics, đ -> d: OCR'd or unaccented text compares equal."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _title_at(words: list[str], k: int) -> bool:
    """A signer's title starts at word ``k`` (``TRƯỞNG TIỂU BAN``, ``PHÓ ...``)."""
    data = vocab.labels()["signature_titles"]
    tail = " ".join(words[k:])
    if any(tail == t or tail.startswith(t + " ") for t in (*data["titles"], *data["openers"])):
        return True
    if words[k] != data["head_of"]:
        return False
    body = " ".join(words[k + 1 :]).lower()  # "TRƯỞNG TIỂU BAN": the head of a kind of body
    return any(body == h.lower() or body.startswith(h.lower() + " ") for h in vocab.labels()["org_heads"])


def _collective_and_title(rest: str) -> tuple[str, str | None]:
    """A collective line that a flattened cell ran into the title under it (``TM. TIỂU BAN
    TRƯỞNG TIỂU BAN``): the body, then the title (None when the line is the body alone)."""
    words = rest.split()
    for k in range(2, len(words)):
        if _title_at(words, k):
            return " ".join(words[:k]), " ".join(words[k:])
    return rest, None


def _first_title(line: str) -> str:
    """A title line that ran two titles together (``PHÓ TRƯỞNG BAN THƯỜNG TRỰC PHÓ THỦ
    TƯỚNG``: the deputy of the authority, then the signer's other office): the first."""
    words = line.split()
    if not is_caps(line) or len(words) < 4:
        return line
    for k in range(2, len(words) - 1):
        if words[k] in vocab.labels()["signature_titles"]["openers"] and _title_at(words, k + 1):
            return " ".join(words[:k])
    return line


def _known_title(line: str, authority: str | None) -> str | None:
    """A signer title written without accents or damaged by OCR, restored from the known
    titles: ``PHO TONG CUC TRUONG`` -> ``Phó Tổng Cục trưởng``; under ``KT. TỔNG CỤC
    TRƯỞNG`` a line ``PHO <unreadable> CUC TRUONG`` is the deputy of that title."""
    known = {_fold(t): t for t in vocab.labels()["title_terms"]}
    words = _fold(line).split()
    if not words or line != line.upper() and any(c.isalpha() and c.islower() for c in line[:3]):
        return None
    deputy = words[0] == "pho"
    core = " ".join(words[1:] if deputy else words)
    if core in known:
        return ("Phó " if deputy else "") + known[core]
    head = _fold(authority.rstrip(" ,")) if authority else ""
    if deputy and head in known:
        head_words, rest = head.split(), set(words[1:])
        if len(rest & set(head_words)) * 2 >= len(head_words) and len(words) - 1 <= len(head_words) + 1:
            return "Phó " + known[head]
    return None


def _inline_signature(texts: list[str], lay: ZoneLayout) -> list[str]:
    """Signature lines flattened onto the recipients lines beside them (``Nơi nhận: KT.
    TỔNG CỤC TRƯỞNG`` / ``- Như trên; PHÓ TỔNG CỤC TRƯỞNG``): the prefix line, then the caps
    tails of the following recipient lines."""
    if not lay.recipients:
        return []
    first, last = lay.recipients
    out: list[str] = []
    for i in range(first, last):
        if not out:
            m = _INLINE_PREFIX.search(texts[i])
            if m and i - first <= 2 and not any(c.islower() for c in m.group("sig")):
                sig = re.sub(r"^((?:T/M|K/T|T/L|TM|KT|TL|TUQ)\.?)\s*", r"\1 ", m.group("sig"))
                out.append(" ".join(sig.split()))
            continue
        m = _CAPS_TAIL.search(texts[i])
        if not m:
            continue  # a recipient with nothing beside it ("- Bộ Y tế (b/c);")
        tail = m.group("tail")
        letters = [c for c in tail if c.isalpha()]
        if sum(c.isupper() for c in letters) < 0.7 * len(letters) or tail.split()[0] in vocab.abbreviations():
            continue
        out.append(" ".join(tail.split()))
        if len(out) >= 4:
            break
    return out


def _unit_of_parent(issuer: str, parent: str) -> str:
    """A unit named only by its function takes its parent's name (``BAN CHẤP HÀNH TRUNG
    ƯƠNG`` / ``VĂN PHÒNG`` -> ``Văn phòng Trung ương Đảng``, ``TỈNH ỦY NGHỆ AN`` / ``BAN TỔ
    CHỨC`` -> ``Ban Tổ chức Tỉnh ủy Nghệ An``)."""
    data = vocab.labels()["bare_units"]
    sub_body = any(issuer.startswith(h + " ") for h in data.get("sub_body_heads", []))  # "Tiểu ban X" of its parent
    if issuer.lower() not in {u.lower() for u in data["units"]} and not sub_body:
        return issuer
    key = " ".join(parent.split()).upper()
    short = data["parents"].get(key) or org_case(parent)
    full = f"{issuer} {short}"
    return data["official_names"].get(full, full)


def _with_parent_place(issuer: str, above: list[str]) -> str:
    """A department of a UBND takes the UBND's place (dev 118: ``ỦY BAN NHÂN DÂN`` / ``THÀNH
    PHỐ HỒ CHÍ MINH`` / ``SỞ GIÁO DỤC VÀ ĐÀO TẠO`` -> ``Sở Giáo dục và Đào tạo thành phố Hồ
    Chí Minh``); a unit that names its place already, or of another parent, is kept."""
    if not issuer.startswith(("Sở ", "Phòng ")):
        return issuer
    units = vocab.labels()["admin_units"]
    if any(f" {u} " in f" {issuer.lower()} " for u in units):
        return issuer  # "Sở Tư pháp tỉnh Bắc Ninh"
    parent = org_case(" ".join(" ".join(above[-2:]).split()) if len(above) > 1 and not _org_line(above[-1]) else above[-1])
    m = re.match(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân) (?P<place>(?:" + "|".join(units) + r") .+)$", parent)
    return f"{issuer} {m.group('place')}" if m else issuer


def _org_line(line: str) -> bool:
    low = " ".join(line.split()).lower()
    return any(low == h.lower() or low.startswith(h.lower() + " ") for h in vocab.labels()["org_heads"])


def _attached_self(texts: list[str], doc_type: str) -> tuple[str | None, str | None, str | None] | None:
    """(number, issued date, issuer) of the first attachment line that names a document of the
    text's own type (``(Ban hành kèm theo Nghị quyết số 1339/NQ-UBTVQH15 ngày 28 tháng 12 năm
    2024 của Ủy ban Thường vụ Quốc hội)`` in a Nghị quyết): a plan attached to the text names
    the text. A malformed number is None; the issuer only when it is a known body."""
    rx = vocab.label("attached_self")
    for t in texts:
        if "èm theo" not in t:
            continue
        for m in rx.finditer(t):
            if " ".join(m.group("type").split()).lower() != doc_type.lower():
                continue
            number = m.group("number").rstrip(".")
            if not issuers.readable_number(number):
                continue
            issued = _iso(m.group("day"), m.group("month"), m.group("year")) if m.group("year") else None
            body = issuers.match(m.group("issuer")) if m.group("issuer") else None
            return number, issued, body
    return None


def _authority_issuer(title: str, paras: list[Para], lay: ZoneLayout, texts: list[str]) -> str | None:
    """The issuer of a document without its issuer block, from the authority its signer signs
    under (``KT. THỦ TƯỚNG``, ``TL. BỘ TRƯỞNG``, ``THỦ TƯỚNG`` signing alone).

    A title held by one body gives it (``THỦ TƯỚNG`` -> Thủ tướng Chính phủ); a title held by a
    few gives the one of them the text names, by name or code (``BỘ TRƯỞNG, CHỦ NHIỆM`` and
    ``VPCP``). A title of a kind of body (``BỘ TRƯỞNG``: a Bộ) gives the body of that kind the
    letter's opening or closing formula makes the subject of its request (``..., Ban Chỉ đạo
    X (sau đây viết là ...) yêu cầu ...``, ``Bộ Y tế đề nghị các đơn vị ...``). Else None."""
    data = vocab.labels()["signature_authorities"]
    key = " ".join(title.split()).upper().rstrip(" ,")
    bodies = data["bodies"].get(key)
    if bodies:
        if len(bodies) == 1:
            return bodies[0]
        body_text = "\n".join(t for t in texts if t)
        codes = issuers.codes_of()
        named = [b for b in bodies if b in body_text or any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", body_text) for c in codes.get(b, ()))]
        return named[0] if len(named) == 1 else None
    head = data["heads"].get(key)
    if head is None or lay.body is None:
        return None
    first, last = lay.body
    rx = vocab.label("formula_subject")
    spots = [i for i in (*range(first, min(first + 2, last)), *range(max(first, last - 2), last)) if texts[i]]
    for i in dict.fromkeys(spots):
        line = texts[i]
        for start in (0, *(m.end() for m in _CLAUSE_START.finditer(line))):
            if line.startswith(head + " ", start) and (m := rx.match(line, start)):
                return " ".join(m.group("org").split())
    return None


_CLAUSE_START = re.compile(r"[,;]\s+")


def _complete_org(org: str, text: str) -> str:
    """Complete a collective (``Ban Thường vụ``) with the committee the text names after it."""
    committee = vocab.label("party_committee").pattern
    unit_list = vocab.labels()["admin_units"]
    units = "|".join(unit_list)
    bare = "|".join(_cap(u) for u in unit_list)
    words = org.split()
    spelled = r"\s+".join(re.escape(w) for w in words)  # a name wrapped over lines
    initials = "".join(unicodedata.normalize("NFD", w[0])[0] for w in words).upper()  # "UBND"
    names = f"{spelled}|{re.escape(initials)}" if len(words) > 2 and initials.isalpha() else spelled
    rx = re.compile(
        rf"(?i:{names})(?:\s*\([^()]{{1,12}}\))?\s+((?:{committee})"
        rf"|(?:(?:{units})\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*)*)"
        rf"|(?:(?:{bare})\b)"
        rf"|(?:(?:Ủy|Uỷ) ban(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*){{1,5}}\s+(?:{units})\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*(?:\s+[A-ZÀ-ỸĐ][\wÀ-ỹ]*)*))"
    )
    found = Counter()
    home = Counter()  # "UBND Thành phố": the issuer's own unit, named without a place
    for m in rx.finditer(text):
        tail = " ".join(m.group(1).split())
        if tail.startswith(("Ủy ban ", "Uỷ ban ")):  # its parent: "Ban Thường trực Ủy ban MTTQ Việt Nam xã X"
            words_ = tail.split()
            cut = next((i for i, w in enumerate(words_) if i > 1 and not w[0].isupper() and w not in unit_list), None)
            at = next((i for i, w in enumerate(words_[:cut]) if i > 1 and w.lower() in unit_list), None)
            if at is None or at + 1 >= len(words_[:cut]):
                continue
            tail = " ".join(words_[:cut])
            found[tail] += 1
            continue
        head = next((u for u in unit_list if tail.lower().startswith(u + " ")), None)
        if head and not tail[0].isupper():  # the class [A-ZÀ-ỸĐ] also admits lower-case letters
            rest = tail[len(head) + 1 :].split()
            kept = list(itertools.takewhile(lambda w: w[0].isupper(), rest))
            if not kept:
                continue
            tail = " ".join([tail[: len(head)], *kept])
        if tail in bare.split("|"):
            after = text[m.end() :].split(maxsplit=1)
            if not (after and after[0][0].isupper()):  # "Thành phố Hà Nội" names a place
                home[tail] += 1
        elif tail[0].isupper() or head:
            found[tail] += 1
    if not found:
        found = home
    if not found:
        # "Ủy ban nhân dân tỉnh điều chỉnh ...": a text that never writes its place names the
        # issuer's level only; the level it names most is the issuer's
        bare_level = re.compile(rf"(?i:{names})\s+({units})(?=[\s,.;:)]+(?:[a-zà-ỹđ]|$)|$)")
        found = Counter(m.group(1) for m in bare_level.finditer(text))
    if not found:
        return org
    tail = found.most_common(1)[0][0]
    return f"{org} {tail}"


_SPLIT_DIGITS = re.compile(r"(?<=\d) (?=\d{1,4}\s*[/\-–])")  # "Số: 1 1/CT-TTg"
_SPACED_JOINT = re.compile(r"(?<=[/\-–]) +(?=[A-Za-zĐđ])|(?<=\w) +(?=[/\-–]\s*[A-Za-zĐđ])")  # "11/CT- TTg"


def _close_number(line: str) -> str:
    """A number line with the gaps OCR and wrapping put into the number closed
    (``Số: 1 1/CT- TTg`` -> ``Số: 11/CT-TTg``); other lines unchanged."""
    m = vocab.label("number").match(line)
    if not m:
        return line
    head, tail = line[: m.start("number")], line[m.start("number") :]
    tail = _SPLIT_DIGITS.sub("", tail, count=1)
    number = re.match(r"\S+(?:\s*[/\-–]\s*\S+)*", tail)
    if number and number.group().endswith(("-", "/", "–")):
        tail = _SPACED_JOINT.sub("", tail, count=1)
    return head + tail


def _lenient_issuer(
    issuer: str | None, line: str | None, header_texts: list[str], lay: ZoneLayout, texts: list[str]
) -> str | None:
    """The issuer of a header read leniently when its issuer line is OCR noise or unaccented.

    A clean line is kept (a known body written with its accents, or any line of real
    syllables: ``SỞ TƯ PHÁP``). Otherwise: the body of the issuer code in the number line
    (``Số: §Ø0 /TCT-TTr`` -> Tổng cục Thuế), else the last header line that names a known
    body (``THỦ TƯỚNG CHÍNHPHỦ`` -> Thủ tướng Chính phủ), else None: never the garbled string.
    """
    known = issuers.match(line) if line is not None else None
    if issuer is not None and line is not None:
        if known is not None and issuers.exact(line, known):
            return known  # its canonical spelling ("UỶ BAN" -> "Ủy ban")
        if known is None and not issuers.garbled(line):
            return issuer
    excluded = {texts[lay.doc_type_para]} if lay.doc_type_para is not None else set()
    if lay.title_paras:
        excluded.update(texts[i] for i in range(*lay.title_paras))
    parts = [part for t in header_texts if t not in excluded for part in _split_motto(t)]
    by_code = next((b for t in parts if (b := issuers.from_symbol(t))), None)
    if by_code is not None:
        return by_code
    found = [
        m
        for t in parts
        if not _fold(t).startswith(_MOTTOS_FOLDED)
        and not vocab.label("place_date").match(t)
        and (m := issuers.match(t))
    ]
    return found[-1] if found else known


def _wrapped_place(line: str) -> bool:
    """A header line that can be the first half of a place wrapped before its date: a few
    words opening and ending with a capital, no motto, number, date or closing punctuation."""
    words = line.split()
    return (
        0 < len(words) <= 4
        and line[:1].isupper()
        and not is_caps(line)
        and not line.rstrip().endswith((".", ":", ";", ","))
        and vocab.label("motto").match(line) is None
        and vocab.label("number").match(line) is None
        and vocab.label("place_date").match(line) is None
        and words[-1][:1].isupper()  # a name cut in the middle ("Thành phố Hồ Chí")
    )


def _wrapped_name(first: str, second: str) -> bool:
    """Two caps header lines that are one body's name wrapped: the first is a bare head
    (``VĂN PHÒNG``, ``SỞ``) or names no known body while both together do."""
    bare = " ".join(first.split()).lower()
    if bare in {h.lower() for h in vocab.labels()["org_heads"]} and issuers.match(first) is None:
        return True
    joined = f"{first} {second}"
    known = issuers.match(joined)
    return issuers.match(first) is None and known is not None and issuers.exact(joined, known)


def extract(paras: list[Para], lay: ZoneLayout, text: str) -> DocumentMetadata:
    texts = [p.text if p.table is None else "" for p in paras]
    meta: dict = {}
    header = range(*lay.header) if lay.header else range(0)
    header_texts = [texts[i] for i in header]
    motto = any(vocab.label("motto").match(t) for t in header_texts)
    number = None
    for t in header_texts:
        m = vocab.label("number").match(_close_number(t))
        if m and re.search(r"\d", m.group("number")) and re.search(r"[/\-]", m.group("number")):
            number = re.sub(r"\s*([/\-–])\s*", r"\1", m.group("number")).replace("–", "-").rstrip(".")
            break
    if number is not None and not issuers.readable_number(number):
        number = None  # OCR noise ("41 /CT-TTs"): unreadable, never the garbled string
    meta["number"] = number

    place = issued = None
    for i, t in enumerate(header_texts):
        m = vocab.label("place_date").match(_after_left_column(t))
        if m and i and _wrapped_place(header_texts[i - 1]):
            # "Thành phố Hồ Chí" / "Minh, ngày 21 tháng 11 năm 2025": the place wrapped in its cell
            m = vocab.label("place_date").match(f"{header_texts[i - 1]} {t}") or m
        if m:
            place = " ".join(m.group("place").split())
            if not issuers.readable_place(place):
                place = None  # OCR noise ("là Nội", "Ha Nội"): null, never the garbled string
            issued = _iso(m.group("day"), m.group("month"), m.group("year"))
            break

    has_header = motto or number is not None or lay.doc_type_para is not None
    first = next((t for t in texts if t), "")
    news = not has_header and (
        lay.dateline_para is not None
        or lay.byline_para is not None
        or lay.portal_link_para is not None
        or lay.agency_lead_para is not None
        or lay.report_para is not None
        or (not lay.signature and not lay.recipients and vocab.label("news_connective").match(first) is not None)
        or (
            not lay.signature
            and not lay.recipients
            and vocab.label("news_lead").match(first) is not None
            and re.search(r"\s(?:đã|vừa)\s", first[:200]) is not None
        )  # "Ngày 26/4/2024, Ban cán sự đảng Bộ Tư pháp đã ban hành ...": a report of it
    )

    # doc type
    doc_type = None
    title_prefix = None
    if lay.doc_type_para is not None:
        type_line = doc_type_text(texts[lay.doc_type_para]) or ""
        compound = vocab.labels()["compound_types"].get(type_line)
        if isinstance(compound, dict):
            doc_type, title_prefix = compound["doc_type"], compound["title_prefix"]
        else:
            doc_type = vocab.doc_types()[type_line]
    elif news:
        doc_type = vocab.news_type()
    elif lay.subject_para is not None or (
        lay.title_paras and vocab.label("subject_line").match(texts[lay.title_paras[0]])
    ):
        doc_type = vocab.doc_types()["CÔNG VĂN"]  # a "V/v ..." subject line and no type line
    meta["doc_type"] = doc_type
    attached_issuer = None
    if doc_type and not news and (number is None or issued is None):
        own = _attached_self(texts, doc_type)
        if own is not None:
            if number is None:
                meta["number"] = own[0]
            if issued is None:
                issued = own[1]
            attached_issuer = own[2]

    if news and lay.dateline_para is not None:
        m = vocab.label("dateline").match(texts[lay.dateline_para])
        if m:
            issued = _iso(m.group("day"), m.group("month"), m.group("year"))
    meta["place"] = place
    meta["issued_date"] = issued

    # title
    title = None
    if lay.title_paras:
        parts = [texts[i] for i in range(*lay.title_paras)]
        if lay.issued_by_para is not None and not all(is_caps(x) for x in parts):
            parts = [_uncap(_title_case(x, text)) if is_caps(x) else x for x in parts]  # "CỦA BAN BÍ THƯ" / "về ..."
        t = _STAMP_NOISE.sub("", " ".join(parts))
        m = vocab.label("subject_line").match(t)
        if m:
            t = _EMBEDDED_PLACE_DATE.sub("", m.group("title"))  # right column flattened onto it
        title = _title_case(t, text) if t else None
        if title and lay.issued_by_para is not None and title_prefix is None and doc_type:
            title_prefix = doc_type  # "Kết luận" + "của Bộ Chính trị, Ban Bí thư về ..."
        if title and title_prefix and not title.lower().startswith(title_prefix.lower()):
            title = f"{title_prefix} {_uncap(title)}"
    meta["title"] = title

    # signature
    signer = signer_title = None
    collective = authority_title = None
    inline = _inline_signature(texts, lay)
    if (lay.signature or inline) and lay.byline_para is None:
        sig = inline + ([signed_name(texts[i]) for i in range(*lay.signature)] if lay.signature else [])
        if sig and is_caps_name(sig[-1]) and len(sig) > 1 and not [s for s in sig if is_name(s)]:
            sig[-1] = " ".join(_cap(w.lower()) for w in sig[-1].split())  # "NGUYỄN VĂN ĐỆ"
        names = [s for s in sig if is_name(s)]
        signer = names[-1] if names else None
        titles = [s for s in sig if is_caps(s) or s in inline]  # inline ones may carry OCR noise
        plain = []
        for s in titles:
            m = vocab.label("signature_prefix").match(s)
            if m:
                rest = m.group("rest")
                held = None
                if m.group("prefix").rstrip() in vocab.labels()["collective_prefixes"] and rest:
                    rest, held = _collective_and_title(rest)
                    collective = rest
                if rest:
                    plain.append((True, rest))
                if held:
                    plain.append((False, held))
            else:
                plain.append((False, _first_title(s)))
        unprefixed = [s for was_prefixed, s in plain if not was_prefixed]
        chosen = unprefixed[-1] if unprefixed else (plain[-1][1] if plain else None)
        # whose authority the signer signs under: "KT. THỦ TƯỚNG", else a head signing alone
        authority_title = next((rest for was_prefixed, rest in plain if was_prefixed and rest != collective), None) or (
            unprefixed[-1] if unprefixed and not collective else None
        )
        if chosen and not (collective and chosen == collective and not unprefixed):
            authority = next((rest for was_prefixed, rest in plain if was_prefixed), None)
            signer_title = _known_title(chosen, authority) or position_case(chosen)
    elif lay.byline_para is not None:
        m = vocab.label("byline").match(texts[lay.byline_para])
        signer = " ".join(m.group("name").split()) if m else None
    meta["signer"] = signer
    meta["signer_title"] = signer_title

    # issuer
    issuer = None
    if not news:
        caps_lines = [
            t
            for t in (part for line in header_texts for part in _split_motto(line))
            if is_caps(t)
            and not vocab.label("motto").match(t)
            and not _fold(t).startswith(_MOTTOS_FOLDED)
            and not vocab.label("number").match(t)
            and (lay.doc_type_para is None or t != texts[lay.doc_type_para])
            and (not lay.title_paras or t not in [texts[i] for i in range(*lay.title_paras)])
        ]
        if len(caps_lines) > 2 and len(caps_lines[-3].split()) == 1:
            # "ỦY" / "BAN MTTQ ... XÃ X" / "BAN THƯỜNG TRỰC": the parent's first word cut off its name
            caps_lines = [*caps_lines[:-3], f"{caps_lines[-3]} {caps_lines[-2]}", caps_lines[-1]]
        if caps_lines:
            last = caps_lines[-1]
            parent = vocab.label("party_parent").match(" ".join(caps_lines[-2].split())) if len(caps_lines) > 1 else None
            if parent and vocab.label("bare_committee").match(" ".join(last.split())):
                # "ĐẢNG BỘ TỈNH BẮC NINH" / "TỈNH ỦY": the committee of that place
                caps_lines = [*caps_lines[:-2], f"{last} {parent.group('place')}"]
                last = caps_lines[-1]
            units = vocab.labels()["admin_units"]
            heads = [h.lower() for h in vocab.labels()["org_heads"]]
            if (
                len(caps_lines) > 1
                and any(last.lower().startswith(u + " ") for u in units)
                and not any(last.lower().startswith(h + " ") for h in heads)
            ):
                last = caps_lines[-2] + " " + last  # "ỦY BAN NHÂN DÂN" / "TỈNH NINH BÌNH" as two blocks
            if len(caps_lines) > 1 and last is caps_lines[-1] and _wrapped_name(caps_lines[-2], last):
                last = caps_lines[-2] + " " + last  # "VĂN PHÒNG" / "CHÍNH PHỦ": one name wrapped in its cell
                caps_lines = [*caps_lines[:-2], last]
            issuer = org_case(last)
            if len(caps_lines) > 1:
                issuer = _unit_of_parent(issuer, caps_lines[-2])
                issuer = _with_parent_place(issuer, caps_lines[:-1])
            issuer = _lenient_issuer(issuer, last, header_texts, lay, texts)
        elif header_texts and (found := _lenient_issuer(None, None, header_texts, lay, texts)):
            issuer = found  # an OCR'd header with no clean caps line
        elif collective:
            issuer = _complete_org(org_case(collective), text)
        elif authority_title and (found := _authority_issuer(authority_title, paras, lay, texts)):
            issuer = found
        elif attached_issuer:
            issuer = attached_issuer
        else:
            m = vocab.label("leader_directive").search(text)
            if m:
                issuer = " ".join(m.group("org").split())
    meta["issuer"] = issuer

    # recipients
    recipients: list[str] = []
    if lay.recipients:
        first, last = lay.recipients
        head = vocab.label("recipients").sub("", texts[first]).strip()
        lines = ([head] if head else []) + [texts[i] for i in range(first + 1, last)]
        for line in lines:
            for part in sorted(inline, key=len, reverse=True):  # a signature line flattened beside it
                tail = part.replace(" ", "")
                squashed = line.replace(" ", "")
                if squashed.endswith(tail):
                    keep = len(squashed) - len(tail)
                    cut = next(i for i in range(len(line) + 1) if len(line[:i].replace(" ", "")) >= keep)
                    line = line[:cut].rstrip(" .;,:„")
                    break
            r = re.sub(r"^[\-–—•+]\s*", "", line).strip().rstrip(";,.").strip()
            if r:
                recipients.append(r)
    meta["recipients"] = recipients
    return DocumentMetadata(**meta)
