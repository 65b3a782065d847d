"""A real SMTP server for tests (aiosmtpd on a free loopback port) that records what it got,
and can be told to refuse mail for a while."""

from __future__ import annotations

import email
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.ports import free_port


@dataclass(frozen=True)
class Envelope:
    """One delivery as the server got it: the SMTP envelope and the message's exact bytes."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes


class RecordingHandler:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[Envelope] = []
        self.refuse_with: str | None = None  # e.g. "451 4.3.0 try again later"
        self.unknown_recipients: set[str] = set()  # refused at RCPT with 550
        self._lock = threading.Lock()

    @property
    def recipients(self) -> list[list[str]]:
        """Each message's envelope recipients (RCPT TO), in order."""
        return [list(envelope.rcpt_tos) for envelope in self.envelopes]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.unknown_recipients:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse_with:
            return self.refuse_with
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        delivered = Envelope(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content)
        with self._lock:
            self.messages.append(message)
            self.envelopes.append(delivered)
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[RecordingHandler, int]]:
    """(handler, port) of a running server on 127.0.0.1; stopped afterwards."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
