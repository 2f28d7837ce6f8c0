"""Vietnamese text for the errors people see (``data/messages_vi.json``).

The API keeps its English ``detail`` for programs; problem bodies also carry ``message_vi``,
which the pages show.

>>> validation_message([{"type": "date_from_datetime_parsing", "loc": ("body", "deadline"), "msg": "x"}])
'Thời hạn: không phải là ngày hợp lệ (ngày/tháng/năm).'
>>> reason_message("done_date", "2099-01-01 is after today (2024-04-15)")
'Ngày hoàn thành: không được sau ngày hôm nay.'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "messages_vi.json"
SECTIONS = ("types", "fields", "reasons")


class MessagesError(ValueError):
    """The messages file is missing a section or holds a non-text entry."""


@cache
def messages() -> dict[str, dict[str, str]]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for section in SECTIONS:
        table = raw.get(section)
        if not isinstance(table, dict) or not all(isinstance(v, str) and v for v in table.values()):
            raise MessagesError(f"{DATA}: section {section!r} must map names to non-empty texts")
        out[section] = table
    return out


def field_label(field: str) -> str:
    fields = messages()["fields"]
    return fields.get(field) or fields.get(field.split(".")[0]) or field


def _sentence(field: str, text: str) -> str:
    label = field_label(field) if field else ""
    body = f"{label}: {text}" if label else text
    return body[:1].upper() + body[1:] + ("" if body.endswith(".") else ".")


def reason_message(field: str, reason: str) -> str:
    """A tracking refusal (``InvalidEdit``) in Vietnamese; unknown reasons: a generic text."""
    for needle, text in messages()["reasons"].items():
        if needle in reason:
            return _sentence(field, text)
    return _sentence(field, "giá trị không hợp lệ")


def validation_message(errors: Iterable[Mapping[str, Any]]) -> str:
    """pydantic errors (``exc.errors()``) as one Vietnamese sentence per field."""
    out: list[str] = []
    for err in errors:
        field = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path", "header"))
        kind = str(err.get("type", ""))
        text = messages()["types"].get(kind)
        if text is None or kind == "value_error":
            text = next((t for n, t in messages()["reasons"].items() if n in str(err.get("msg", ""))),
                        text or "giá trị không hợp lệ")
        sentence = _sentence(field, text)
        if sentence not in out:
            out.append(sentence)
    return " ".join(out) or "Dữ liệu gửi lên không hợp lệ."
