"""Opaque page cursors: base64 JSON of the sort they were issued for and a backend payload.

>>> c = encode("deadline:asc", [19000, "t1"])
>>> decode(c, "deadline:asc")
[19000, 't1']
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from search_api.search.backend import CursorError
from search_api.search.model import SortKey


def signature(keys: tuple[SortKey, ...]) -> str:
    """A short name of a sort (``_score:desc,issued_date:desc``), so a cursor fits one sort only."""
    return ",".join(f"{k.field}:{k.order.value}" for k in keys)


def encode(sig: str, payload: Any) -> str:
    raw = json.dumps({"s": sig, "v": payload}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, sig: str) -> Any:
    """The payload of ``cursor``; :class:`CursorError` when it is not ours or not for ``sig``."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        payload = data["v"]
        issued_for = data["s"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise CursorError("cursor is not valid") from exc
    if issued_for != sig:
        raise CursorError("cursor was issued for another sort")
    return payload
