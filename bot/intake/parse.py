"""Raw e-mail bytes -> what the intake needs. Pure, and it never raises on malformed input.

Uses the standard library's `email` package with the modern policy; wherever a header or a
part is broken (unknown charset, raw 8-bit bytes, a boundary that never closes) it falls back
to a lenient reading instead of failing, because a complaint must never be lost to a parse error.
"""

from __future__ import annotations

import email
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.message import Message
from email.utils import parseaddr

from bot.intake.forward import find_inline_forward, strip_forward_prefix
from bot.intake.htmltext import html_to_text, tidy_whitespace
from bot.phones import find_phones
from bot.texts import intake as text

MAX_DEPTH = 12
MESSAGE_ID_LIMIT = 500  # longer is no real Message-ID: treated as missing (the bytes decide)
# Headers the classifier looks at (lower case).
CLASSIFY_HEADERS = (
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "return-path",
    "x-failed-recipients",
    "x-ms-exchange-message-is-ndr",
    "x-klachtenbot",
)
IDENTIFYING_HEADERS = ("from", "sender", "subject", "date", "message-id", "to", "mime-version")
FIRST_LINE_HEADER = re.compile(rb"^(?:From |[\x21-\x39\x3b-\x7e]+[ \t]*:)")
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
REFERENCE = re.compile(r"\[(K-\d{4}-\d{4,})\]", re.IGNORECASE)
SURROGATE = re.compile("[\udc80-\udcff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
HIGH_BYTE = re.compile(rb"[\x80-\xff]")
PLAIN_CHARSETS = frozenset({"us-ascii", "ascii", "unknown-8bit", "x-unknown", "default"})


@dataclass(frozen=True)
class Address:
    name: str
    email: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    content: bytes | None  # None when larger than the cap: recorded, not kept


@dataclass(frozen=True)
class Forward:
    """The original message inside a forward: its sender is the complainant."""

    sender: Address
    subject: str
    text: str


@dataclass(frozen=True)
class ParsedMessage:
    is_message: bool
    message_id: str | None = None
    thread_ids: tuple[str, ...] = ()  # In-Reply-To and References
    subject: str = ""
    sender: Address | None = None
    body: str = ""
    attachments: tuple[Attachment, ...] = ()
    forward: Forward | None = None
    content_type: str = "text/plain"
    headers: Mapping[str, str] = field(default_factory=dict)
    phones: tuple[str, ...] = ()

    @property
    def complainant(self) -> Address | None:
        """Who complains: the original sender of a forward, else the sender."""
        if self.forward is not None and (self.forward.sender.email or self.forward.sender.name):
            return self.forward.sender
        return self.sender

    @property
    def forwarded_by(self) -> Address | None:
        """The colleague who passed a forward on (None when people forward their own mail)."""
        complainant, sender = self.complainant, self.sender
        if complainant is sender or sender is None or complainant is None:
            return None
        if complainant.email and complainant.email.lower() == sender.email.lower():
            return None
        return sender

    @property
    def complaint_subject(self) -> str:
        if self.forwarded_by is not None and self.forward and self.forward.subject:
            return self.forward.subject
        return strip_forward_prefix(self.subject) if self.forward else self.subject

    @property
    def references(self) -> tuple[str, ...]:
        """Complaint references named in the subject, like [K-2026-0001]."""
        return tuple(ref.upper() for ref in REFERENCE.findall(self.subject))


def parse_message(
    raw: bytes, attachment_max_bytes: int = 10 * 1024 * 1024, own_domain: str = ""
) -> ParsedMessage:
    """Parse `raw`; `is_message` is False for input that is no e-mail at all.

    `own_domain` is the organisation's mail domain: an e-mail from inside it, forwarded by
    someone outside, is forwarded by the complainant (about that e-mail), not by a colleague."""
    if not _looks_like_message(raw):
        return ParsedMessage(is_message=False)
    message = email.message_from_bytes(raw, policy=policy.default)
    if not any(header_text(message, name) for name in IDENTIFYING_HEADERS):
        return ParsedMessage(is_message=False)
    content = _Content(attachment_max_bytes)
    content.visit(message, depth=0)
    subject = header_text(message, "subject")
    sender = sender_of(message)
    body, forward = _body_and_forward(content, subject, sender, own_domain)
    phone_text = f"{forward.text}\n{body}" if forward else body
    return ParsedMessage(
        is_message=True,
        message_id=message_id(header_text(message, "message-id")),
        thread_ids=tuple(
            MESSAGE_ID.findall(
                f"{header_text(message, 'in-reply-to')} {header_text(message, 'references')}"
            )
        ),
        subject=subject,
        sender=sender,
        body=body,
        attachments=tuple(content.attachments),
        forward=forward,
        content_type=_content_type(message),
        headers={name: header_text(message, name) for name in CLASSIFY_HEADERS},
        phones=tuple(find_phones(phone_text)),
    )


def message_id(value: str) -> str | None:
    """The Message-ID in its angle brackets; None when there is none (or an absurd one)."""
    found = MESSAGE_ID.search(value)
    cleaned = value.strip()
    if found:
        cleaned = found.group(0)
    elif cleaned and " " not in cleaned:
        cleaned = f"<{cleaned}>"
    else:
        return None
    return cleaned if len(cleaned) <= MESSAGE_ID_LIMIT else None


def header_text(message: Message, name: str) -> str:
    """A header's decoded text ('' when absent); falls back to a raw reading when broken."""
    try:
        value = message.get(name)
        return "" if value is None else clean(str(value)).strip()
    except Exception:  # a broken header must not lose the message
        return _raw_header_text(message, name)


def sender_of(message: Message) -> Address | None:
    for name in ("from", "sender"):
        address = _address(message, name)
        if address is not None:
            return address
    return None


def clean(value: str) -> str:
    """Undo raw 8-bit bytes smuggled in as surrogates; drop control characters (and NUL,
    which PostgreSQL refuses in text)."""
    if SURROGATE.search(value):
        value = decode_bytes(value.encode("utf-8", "surrogateescape"), None)
    return CONTROL.sub("", value)


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode `data` (never raises). Valid UTF-8 with non-ASCII bytes wins over the declared
    charset (legacy 8-bit text is practically never valid UTF-8; mislabelled UTF-8 is common),
    then the declared charset, then UTF-8 with a stray bad byte, then Windows-1252."""
    declared = [charset] if charset and charset.lower() not in PLAIN_CHARSETS else []
    candidates = ["utf-8", *declared] if HIGH_BYTE.search(data) else [*declared, "utf-8"]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a stray invalid byte (keep it UTF-8) rather than a legacy 8-bit charset."""
    valid = sum(len(sequence) for sequence in UTF8_SEQUENCE.findall(data))
    return valid > 0 and valid >= len(HIGH_BYTE.findall(data)) - valid


class _Content:
    """Walks the MIME tree once: text parts, attachments, attached (forwarded) messages."""

    def __init__(self, attachment_max_bytes: int) -> None:
        self.cap = attachment_max_bytes
        self.plain: list[str] = []
        self.html: list[str] = []
        self.attachments: list[Attachment] = []
        self.forwarded: list[Message] = []

    def visit(self, part: Message, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        content_type = _content_type(part)
        if content_type in ("message/rfc822", "message/global") and part.is_multipart():
            self._visit_attached_message(part)
        elif part.is_multipart():
            for child in self._children(part, content_type):
                self.visit(child, depth + 1)
        else:
            self._visit_leaf(part, content_type)

    def text(self) -> str:
        """text/plain preferred; HTML only where the message has no plain text at all (an
        empty plain alternative, as some mailers send, counts as none)."""
        chosen = [part for part in self.plain if part.strip()]
        if not chosen:
            chosen = [html_to_text(html) for html in self.html]
        return tidy_whitespace("\n\n".join(part for part in chosen if part.strip()))

    def forward(self, subject: str) -> Forward | None:
        if not self.forwarded:
            return None
        inner = self.forwarded[0]
        content = _Content(self.cap)
        content.visit(inner, depth=1)
        sender = sender_of(inner) or Address("", "")
        return Forward(sender, header_text(inner, "subject") or subject, content.text())

    def _visit_attached_message(self, part: Message) -> None:
        payload = part.get_payload()
        inner = payload[0] if payload else None
        if not isinstance(inner, Message):
            return
        if not self.forwarded:
            self.forwarded.append(inner)
            return
        self._add_attachment(text.ATTACHED_MESSAGE_NAME, "message/rfc822", _message_bytes(inner))

    def _children(self, part: Message, content_type: str) -> list[Message]:
        children = [child for child in part.get_payload() if isinstance(child, Message)]
        if content_type != "multipart/alternative" or not children:
            return children
        # One rendering of the same text: the plain one and the HTML one (text() prefers plain
        # unless it is empty), else the richest.
        chosen = [
            next((child for child in children if _content_type(child) == wanted), None)
            for wanted in ("text/plain", "text/html")
        ]
        return [child for child in chosen if child is not None] or children[-1:]

    def _visit_leaf(self, part: Message, content_type: str) -> None:
        filename = _filename(part)
        disposition = _disposition(part)
        payload = _payload(part)
        maintype = content_type.split("/")[0]
        if filename or disposition == "attachment" or maintype not in ("text", "multipart"):
            if payload or filename:
                self._add_attachment(filename or text.UNNAMED_ATTACHMENT, content_type, payload)
            return
        decoded = _normalise_newlines(decode_bytes(payload, _charset(part)))
        (self.html if content_type == "text/html" else self.plain).append(clean(decoded))

    def _add_attachment(self, filename: str, content_type: str, payload: bytes) -> None:
        size = len(payload)
        kept = payload if size <= self.cap else None
        self.attachments.append(Attachment(filename[:255], content_type[:255], size, kept))


def _body_and_forward(
    content: _Content, subject: str, sender: Address | None, own_domain: str
) -> tuple[str, Forward | None]:
    body = content.text()
    forward = content.forward(subject) or _inline_forward(body, subject)
    if forward is not None and content.forwarded:
        body = f"{body}\n\n{text.FORWARDED_HEADER}\n{forward.text}".strip()
    if (
        forward is not None
        and _is_ours(forward.sender, own_domain)
        and not _is_ours(sender, own_domain)
    ):
        forward = None  # someone passes on an e-mail we sent: they are the complainant
    return body, forward


def _is_ours(address: Address | None, own_domain: str) -> bool:
    email_address = address.email.lower() if address else ""
    return bool(own_domain) and email_address.endswith(f"@{own_domain.lower()}")


def _inline_forward(body: str, subject: str) -> Forward | None:
    found = find_inline_forward(body, subject)
    if found is None:
        return None
    return Forward(Address(found.name, found.email), found.subject, found.text)


def _looks_like_message(raw: bytes) -> bool:
    # Some mailers put a line of spaces before the headers; the parser copes with that.
    return bool(FIRST_LINE_HEADER.match(raw.lstrip(b" \t\r\n")[:1000]))


def _address(message: Message, name: str) -> Address | None:
    try:
        header = message.get(name)
        addresses = getattr(header, "addresses", ()) if header is not None else ()
        if addresses:
            first = addresses[0]
            return _cleaned_address(first.display_name, first.addr_spec)
    except Exception:  # fall back to the lenient reading below
        pass
    display, addr = parseaddr(header_text(message, name))
    return _cleaned_address(display, addr) if (display or addr) else None


def _cleaned_address(display: str, addr: str) -> Address | None:
    addr = clean(addr).strip().strip("<>")
    display = clean(display).strip().strip('"')
    if "@" not in addr:  # "From: Jan Jansen": a name without an address
        display, addr = display or addr.strip('"'), ""
    if not addr and not display:
        return None
    return Address(display, addr)


def _raw_header_text(message: Message, name: str) -> str:
    for key, value in message.raw_items():
        if key.lower() == name:
            try:
                return clean(str(make_header(decode_header(value)))).strip()
            except Exception:
                return clean(str(value)).strip()
    return ""


def _content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "text/plain"


def _charset(part: Message) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:
        return None


def _filename(part: Message) -> str:
    try:
        return clean(part.get_filename() or "").strip()
    except Exception:
        return ""


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except Exception:
        return None


def _payload(part: Message) -> bytes:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if isinstance(payload, bytes):
        return payload
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _message_bytes(message: Message) -> bytes:
    try:
        return message.as_bytes()
    except Exception:
        return b""


def _normalise_newlines(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")
