"""API key parsing: names for history, roles, bad configuration."""

from __future__ import annotations

import pytest

from search_api.security import key_fingerprint, parse_api_keys


# fmt: off
@pytest.mark.parametrize(("raw", "expected"), [
    ("ann=s1:editor",             {"s1": ("ann", "editor")}),
    ("s1:reader",                 {"s1": (key_fingerprint("s1"), "reader")}),
    ("s1",                        {"s1": (key_fingerprint("s1"), "editor")}),
    (" ann = s1 : Editor , r:reader ", {"s1": ("ann", "editor"), "r": (key_fingerprint("r"), "reader")}),
    ("",                          {}),
    (None,                        {}),
])
# fmt: on
def test_parse_api_keys(raw: str | None, expected: dict) -> None:
    assert {k: (v.name, v.role) for k, v in parse_api_keys(raw).items()} == expected


# fmt: off
@pytest.mark.parametrize(("raw", "message"), [
    ("s1:admin", "role 'admin' must be one of reader, editor"),
    ("ann=:editor", "empty key"),
])
# fmt: on
def test_parse_api_keys_rejects(raw: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_api_keys(raw)


def test_fingerprint_does_not_reveal_the_secret() -> None:
    name = key_fingerprint("very-secret")
    assert name.startswith("key-") and "secret" not in name and len(name) == 12
