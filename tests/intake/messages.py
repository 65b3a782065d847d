"""Build test e-mails (fictional Dutch people and numbers)."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from email.utils import make_msgid


def complaint_mail(
    *,
    sender: str = "Sanne de Wit <sanne.dewit@example.com>",
    subject: str = "Klacht over mijn loonstrook",
    body: str = "Mijn loonstrook klopt niet. Bel mij op 06-12345678.\n\nSanne de Wit",
    message_id: str | None = "auto",
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "klachten@example.nl"
    message["Subject"] = subject
    message["Date"] = "Mon, 23 Nov 2026 09:14:02 +0100"
    if message_id == "auto":
        message["Message-ID"] = make_msgid(uuid.uuid4().hex[:8], domain="example.com")
    elif message_id is not None:
        message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()
