"""Compile regex templates written in data files: ``$name`` refers to a named fragment.

Fragments may refer to other fragments; cycles and unknown names raise ``TemplateError``
naming the template. ``${name}`` is accepted where a letter follows the reference.
All patterns are compiled with ``re.VERBOSE`` so data files can lay them out readably
(write a literal space as ``\\ `` or ``[ ]``, a literal ``#`` as ``\\#``).

>>> variables = {"year": r"(?:19|20)\\d{2}", "range": r"$year\\s*-\\s*$year"}
>>> bool(compile_template(r"giai\\ đoạn\\s+$range", variables).search("giai đoạn 2021-2025"))
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_REF = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?P<name>[A-Za-z_][A-Za-z0-9_]*))")


class TemplateError(ValueError):
    """A template refers to an unknown or cyclic variable, or does not compile."""


def expand(template: str, variables: Mapping[str, str], *, _stack: tuple[str, ...] = ()) -> str:
    """Replace every ``$name`` by its (recursively expanded) fragment, wrapped in ``(?:...)``."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("braced") or match.group("name")
        if name not in variables:
            raise TemplateError(f"unknown variable ${name} in template {template[:60]!r}")
        if name in _stack:
            raise TemplateError(f"cyclic variable ${name} via {' -> '.join(_stack)}")
        return "(?:" + expand(variables[name], variables, _stack=(*_stack, name)) + ")"

    return _REF.sub(replace, template)


def compile_template(template: str, variables: Mapping[str, str], *, ignore_case: bool = False,
                     name: str = "?") -> re.Pattern[str]:
    """Expand ``$variables`` and compile with VERBOSE (and IGNORECASE when asked)."""
    flags = re.VERBOSE | (re.IGNORECASE if ignore_case else 0)
    source = expand(template, variables)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise TemplateError(f"pattern {name!r} does not compile: {exc}") from exc


def alternation(words: list[str], *, space: str = r"\s+") -> str:
    r"""A verbose-safe alternation of literal words that prefers the longest word (a space in a
    word matches ``space``, by default any run of spaces).

    The words are laid out as a trie (``ph(?:ối\s+hợp(?:\s+với)?|át\s+hiện)``), so the regex
    engine compares each character once instead of once per word: the same matches as the
    words sorted longest first and joined by ``|``, in a fraction of the time.
    """
    trie: dict[str, dict] = {}
    for word in {" ".join(w.split()) for w in words} - {""}:  # single spaces: one run each
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, space) if trie else "(?!)"


def _trie_regex(node: dict[str, dict], space: str) -> str:
    keys = [ch for ch in node if ch]
    if len({ch.lower() for ch in keys}) < len(keys):
        # Two branches differ only in case ('Đ' / 'đ'): compiled with IGNORECASE both match, and
        # the engine would take the first, not the longest. Below such a node the words are
        # written out longest first, which is right with and without IGNORECASE.
        tails = sorted(_suffixes(node), key=lambda w: (-len(w), w))
        body = "(?:" + "|".join(space.join(re.escape(part) for part in w.split(" ")) for w in tails if w) + ")"
        return f"{body}?" if "" in node else body
    branches = [(space if ch == " " else re.escape(ch)) + _trie_regex(child, space)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _suffixes(node: dict[str, dict], prefix: str = "") -> list[str]:
    """Every word below ``node`` (without the prefix the trie has matched so far)."""
    out = [prefix] if "" in node else []
    for ch, child in node.items():
        if ch:
            out += _suffixes(child, prefix + ch)
    return out


_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng (combining)
_TONE_PAIRS = ("oa", "oe", "uy", "OA", "OE", "UY", "Oa", "Oe", "Uy")


def _tone_placements() -> dict[str, str]:
    """The two placements of a tone on ``oa``, ``oe``, ``uy`` (``hòa``/``hoà``, ``Ủy``/``Uỷ``),
    old (on the first vowel) -> new (on the second), made from the combining tone marks: one
    rule, not a table of spellings. Both are the same length (NFC)."""
    table = {}
    for pair in _TONE_PAIRS:
        for tone in _TONES:
            old = unicodedata.normalize("NFC", pair[0] + tone + pair[1])
            table[old] = unicodedata.normalize("NFC", pair[0] + pair[1] + tone)
    return table


_TONE_VARIANTS = _tone_placements()
_TONE_VARIANT = re.compile("|".join(_TONE_VARIANTS))


def tone_placement(text: str) -> str:
    """``text`` with one placement of the tone on ``oa``, ``oe``, ``uy`` (``Ủy ban`` -> ``Uỷ
    ban``, ``Hòa`` -> ``Hoà``), case kept, same length: the spelling heads are matched in."""
    return _TONE_VARIANT.sub(lambda m: _TONE_VARIANTS[m.group()], text) if _TONE_VARIANT.search(text) else text


def either_placement(literal: str) -> str:
    """A regex for ``literal`` that matches it with the tone on either vowel of ``oa``, ``oe``,
    ``uy``."""
    new_to_old = {new: old for old, new in _TONE_VARIANTS.items()}
    canonical = tone_placement(literal)
    out, i = [], 0
    for m in re.finditer("|".join(map(re.escape, new_to_old)), canonical):
        out.append(re.escape(canonical[i : m.start()]))
        out.append(f"(?:{re.escape(m.group())}|{re.escape(new_to_old[m.group()])})")
        i = m.end()
    out.append(re.escape(canonical[i:]))
    return "".join(out)


_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]|\\.")


def either_placement_pattern(pattern: str) -> str:
    """A regex source ``pattern`` whose literal ``oa``, ``oe``, ``uy`` with a tone match either
    placement of it (``thành ủy`` in a data pattern finds ``thành uỷ`` too); character classes
    and escapes are left as written.

    >>> bool(re.fullmatch(either_placement_pattern("thành ủy|hòa giải"), "thành uỷ"))
    True
    >>> bool(re.fullmatch(either_placement_pattern("[ủ]y"), "uỷ"))
    False
    """
    both = {**_TONE_VARIANTS, **{new: old for old, new in _TONE_VARIANTS.items()}}
    spelling = re.compile("|".join(map(re.escape, both)))

    def literal(text: str) -> str:
        return spelling.sub(lambda m: f"(?:{m.group()}|{both[m.group()]})", text)

    out, i = [], 0
    for m in _CLASS.finditer(pattern):
        out.append(literal(pattern[i : m.start()]))
        out.append(m.group())
        i = m.end()
    out.append(literal(pattern[i:]))
    return "".join(out)
