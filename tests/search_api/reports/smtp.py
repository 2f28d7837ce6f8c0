"""A local SMTP server for the reminder tests (aiosmtpd on a free loopback port)."""

from __future__ import annotations

import email
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import pytest

from tests.conftest import free_port


@dataclass
class Inbox:
    host: str
    port: int
    messages: list[Message] = field(default_factory=list)
    before_accept: Callable[[int], None] | None = None  # called with the message's number (0-based)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def count(self) -> int:
        with self.lock:
            return len(self.messages)


class _Handler:
    def __init__(self, inbox: Inbox) -> None:
        self.inbox = inbox
        self.seen = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        n, self.seen = self.seen, self.seen + 1
        if self.inbox.before_accept is not None:
            self.inbox.before_accept(n)
        msg = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
        with self.inbox.lock:
            self.inbox.messages.append(msg)
        return "250 Message accepted for delivery"


@contextmanager
def smtp_server() -> Iterator[Inbox]:
    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is in the dev extras")
    inbox = Inbox("127.0.0.1", free_port())
    controller = controller_mod.Controller(_Handler(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


def body(msg: Message) -> str:
    part = msg.get_body(preferencelist=("plain",)) if hasattr(msg, "get_body") else msg
    return part.get_content() if part is not None else ""
