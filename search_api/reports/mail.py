"""Sending e-mail by SMTP (``DIRECTIVES_SMTP_*``), behind a one-method interface tests replace.

>>> mailer = mailer_from_settings(Settings(DIRECTIVES_SMTP_HOST="127.0.0.1", DIRECTIVES_SMTP_PORT=2525))
>>> mailer.send(message)  # doctest: +SKIP
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import Message
from typing import Any, Protocol


class MailError(RuntimeError):
    """The message could not be handed to the SMTP server (host and reason in the text)."""


class Mailer(Protocol):
    sender: str

    def send(self, message: Message) -> None: ...


class SmtpMailer:
    """One SMTP connection per message (a daily run sends a handful): SMTPS on port 465,
    STARTTLS when the server offers it, login when a user is set."""

    def __init__(self, host: str, port: int = 25, *, user: str | None = None, password: str | None = None,
                 sender: str = "directives@localhost", timeout: float = 30.0) -> None:
        self.host, self.port, self.user, self.password = host, port, user, password
        self.sender, self.timeout = sender, timeout

    def send(self, message: Message) -> None:
        if "From" not in message:
            message["From"] = self.sender
        try:
            if self.port == 465:
                client: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                                        context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                client.ehlo()
                if self.port != 465 and client.has_extn("starttls"):
                    client.starttls(context=ssl.create_default_context())
                    client.ehlo()
                if self.user:
                    client.login(self.user, self.password or "")
                client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError(f"SMTP {self.host}:{self.port}: {exc}") from exc


def mailer_from_settings(settings: Any) -> SmtpMailer | None:
    """The SMTP mailer the settings describe, or None when ``DIRECTIVES_SMTP_HOST`` is unset."""
    if not settings.smtp_host:
        return None
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    return SmtpMailer(settings.smtp_host, settings.smtp_port, user=settings.smtp_user, password=password,
                      sender=settings.smtp_from)
