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
from bot.sanitize import free_text, one_line
from bot.texts import intake as text

MAX_DEPTH = 12
MESSAGE_MAX_BYTES = 25 * 1024 * 1024
HEADER_BLOCK_LIMIT = 256 * 1024  # what a message past the size limit is still read of
MESSAGE_ID_LIMIT = 500  # longer is no real Message-ID: treated as missing (the bytes decide)
# Headers the classifier looks at (lower case).
CLASSIFY_HEADERS = (
    "from",
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "return-path",
    "x-failed-recipients",
    "x-ms-exchange-message-is-ndr",
    "x-klachtenbot",
    "list-id",
    "x-loop",
    "x-mlserver",
    "x-ml-name",
    "x-amz-sns-message-id",
)
IDENTIFYING_HEADERS = ("from", "sender", "subject", "date", "message-id", "to", "mime-version")
FIRST_LINE_HEADER = re.compile(rb"^(?:From |[\x21-\x39\x3b-\x7e]+[ \t]*:)")
# A Message-ID is visible ASCII in angle brackets: nothing a header could be split on.
MESSAGE_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,498}>")
BARE_MESSAGE_ID = re.compile(r"[\x21-\x3b\x3d\x3f-\x7e]{1,498}")
ENCODED_WORD = re.compile(r"=\?[^?\s]{1,75}\?[bBqQ]\?[^?\s]{0,2000}\?=")
# Each encoded word stands in for one private-use character while the address is read, so an
# address can only come from what the sender wrote literally, never from decoded text.
PLACEHOLDER_BASE = 0xF0000
PLACEHOLDER_LIMIT = 0xFFFD
PLACEHOLDER = re.compile(r"[\U000f0000-\U000ffffd]")
ADJACENT_PLACEHOLDERS = re.compile(r"([\U000f0000-\U000ffffd])\s+(?=[\U000f0000-\U000ffffd])")
ANGLE_ADDRESS = re.compile(r"<([^<>@\s]{1,64}@[^<>@\s]{1,255})>")
NO_REPLY = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[+.-].*)?@",
    re.IGNORECASE,
)
REFERENCE = re.compile(r"\[(K-\d{4}-\d{4,})\]", re.IGNORECASE)
SURROGATE = re.compile("[\udc80-\udcff]")
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
    reply_to: Address | None = None
    body: str = ""
    attachments: tuple[Attachment, ...] = ()
    forward: Forward | None = None
    content_type: str = "text/plain"
    headers: Mapping[str, str] = field(default_factory=dict)
    phones: tuple[str, ...] = ()
    skipped: str = ""  # what was not read (too large, nested too deep); empty when all was
    part_types: frozenset[str] = frozenset()  # the content types of every part below the top

    @property
    def complainant(self) -> Address | None:
        """Who complains: the original sender of a (trusted) forward; for a website form that
        mails from a no-reply address, the Reply-To; else the sender."""
        if self.forward is not None and (self.forward.sender.email or self.forward.sender.name):
            return self.forward.sender
        sender_no_reply = self.sender is not None and is_no_reply(self.sender.email)
        if sender_no_reply and _answerable(self.reply_to):
            return self.reply_to
        return self.sender

    @property
    def forwarded_by(self) -> Address | None:
        """The colleague who passed a forward on (None when people forward their own mail)."""
        if self.forward is None:
            return None
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


def is_no_reply(address: str) -> bool:
    return bool(NO_REPLY.match(address))


def _answerable(address: Address | None) -> bool:
    return address is not None and bool(address.email) and not is_no_reply(address.email)


def parse_message(
    raw: bytes,
    attachment_max_bytes: int = 10 * 1024 * 1024,
    own_domain: str = "",
    message_max_bytes: int = MESSAGE_MAX_BYTES,
) -> ParsedMessage:
    """Parse `raw`; `is_message` is False for input that is no e-mail at all.

    `own_domain` is the organisation's mail domain: only a forward by someone inside it names
    another person as the complainant. A message above `message_max_bytes`, or nested deeper
    than the parser can follow, is read for its headers only, and `skipped` says so."""
    if not _looks_like_message(raw):
        return ParsedMessage(is_message=False)
    if len(raw) > message_max_bytes:
        note = text.SKIPPED_TOO_LARGE.format(
            size=text.file_size(len(raw)), limit=text.file_size(message_max_bytes)
        )
        return _headers_only(raw, note)
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        return _parsed(message, attachment_max_bytes, own_domain)
    except RecursionError:  # the standard parser recurses once per nesting level
        return _headers_only(raw, text.SKIPPED_TOO_DEEP.format(depth=MAX_DEPTH))


def _parsed(message: Message, attachment_max_bytes: int, own_domain: str) -> ParsedMessage:
    if not any(header_text(message, name) for name in IDENTIFYING_HEADERS):
        return ParsedMessage(is_message=False)
    content = _Content(attachment_max_bytes)
    content.visit(message, depth=0)
    subject = header_text(message, "subject")
    sender = sender_of(message)
    body, forward = _body_and_forward(content, subject, sender, own_domain)
    skipped = text.SKIPPED_TOO_DEEP.format(depth=MAX_DEPTH) if content.too_deep else ""
    phone_text = f"{forward.text}\n{body}" if forward else body
    return ParsedMessage(
        is_message=True,
        body=f"{body}\n\n{skipped}".strip(),
        attachments=tuple(content.attachments),
        forward=forward,
        phones=tuple(find_phones(phone_text)),
        skipped=skipped,
        part_types=frozenset(content.part_types),
        **_header_fields(message, subject, sender),
    )


def _headers_only(raw: bytes, note: str) -> ParsedMessage:
    """A message whose body is not read: its headers, and the note of what was skipped."""
    end = min(
        (found for found in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if found >= 0),
        default=len(raw),
    )
    message = email.message_from_bytes(raw[: min(end, HEADER_BLOCK_LIMIT)], policy=policy.default)
    if not any(header_text(message, name) for name in IDENTIFYING_HEADERS):
        return ParsedMessage(is_message=False)
    subject = header_text(message, "subject")
    return ParsedMessage(
        is_message=True, body=note, skipped=note, **_header_fields(message, subject, None)
    )


def _header_fields(message: Message, subject: str, sender: Address | None) -> dict[str, object]:
    thread = f"{raw_header(message, 'in-reply-to')} {raw_header(message, 'references')}"
    return {
        "message_id": message_id(raw_header(message, "message-id")),
        "thread_ids": tuple(MESSAGE_ID.findall(thread)),
        "subject": subject,
        "sender": sender or sender_of(message),
        "reply_to": address_of(message, "reply-to"),
        "content_type": _content_type(message),
        "headers": {name: header_text(message, name) for name in CLASSIFY_HEADERS},
    }


def message_id(value: str) -> str | None:
    """The Message-ID in its angle brackets; None when there is none (or an absurd one).
    Only visible ASCII: a Message-ID goes back out in In-Reply-To and References."""
    found = MESSAGE_ID.search(value)
    if found:
        return found.group(0)
    cleaned = value.strip()
    return f"<{cleaned}>" if BARE_MESSAGE_ID.fullmatch(cleaned) else None


def header_text(message: Message, name: str) -> str:
    """A header's decoded text on one line ('' when absent); a raw reading when broken."""
    try:
        value = message.get(name)
        return "" if value is None else one_line(clean(str(value)))
    except Exception:  # a broken header must not lose the message
        return _raw_header_text(message, name)


def raw_header(message: Message, name: str) -> str:
    """A header as the sender wrote it (nothing decoded), unfolded onto one line."""
    for key, value in message.raw_items():
        if key.lower() == name:
            return one_line(clean(str(value)))
    return ""


def sender_of(message: Message) -> Address | None:
    for name in ("from", "sender"):
        address = address_of(message, name)
        if address is not None:
            return address
    return None


def address_of(message: Message, name: str) -> Address | None:
    """The first address of an address header. Encoded words are decoded once, into the
    display name only: a line break or an address inside one can never become the address."""
    literal = raw_header(message, name)
    if not literal:
        return None
    words: list[str] = []

    def hide(found: re.Match[str]) -> str:
        if len(words) >= PLACEHOLDER_LIMIT:
            return ""
        words.append(_decode_word(found.group(0)))
        return chr(PLACEHOLDER_BASE + len(words) - 1)

    hidden = ENCODED_WORD.sub(hide, PLACEHOLDER.sub("", literal))
    display, addr = _split_address(ADJACENT_PLACEHOLDERS.sub(r"\1", hidden))

    def reveal(value: str) -> str:
        return PLACEHOLDER.sub(lambda found: words[ord(found.group(0)) - PLACEHOLDER_BASE], value)

    if PLACEHOLDER.search(addr) or not addr.isprintable() or " " in addr:
        display, addr = display or reveal(addr), ""  # a name, not an address
    return _cleaned_address(reveal(display), addr)


def _split_address(value: str) -> tuple[str, str]:
    """(display name, address). Where the sender wrote an address in angle brackets, that is
    where mail goes, also when the name before it looks like another address."""
    angle = ANGLE_ADDRESS.search(value)
    try:
        addresses = policy.default.header_factory("from", value).addresses
        if addresses and (angle is None or addresses[0].addr_spec == angle.group(1)):
            return addresses[0].display_name, addresses[0].addr_spec
    except Exception:  # fall back to the lenient reading below
        pass
    if angle is not None:
        return value[: angle.start()].strip(), angle.group(1)
    return parseaddr(value)


def _decode_word(word: str) -> str:
    try:
        parts = decode_header(word)
    except Exception:
        return word
    decoded = (
        decode_bytes(part, charset) if isinstance(part, bytes) else part for part, charset in parts
    )
    return one_line("".join(decoded))


def clean(value: str) -> str:
    """Undo raw 8-bit bytes smuggled in as surrogates; drop control and invisible characters
    (NUL too, which PostgreSQL refuses in text). Line breaks and tabs stay."""
    if SURROGATE.search(value):
        value = decode_bytes(value.encode("utf-8", "surrogateescape"), None)
    return free_text(value)


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
        self.too_deep = False  # parts below MAX_DEPTH were skipped
        self.part_types: set[str] = set()

    def visit(self, part: Message, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.too_deep = True
            return
        content_type = _content_type(part)
        if depth:
            self.part_types.add(content_type)
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
    if not _is_ours(sender, own_domain):
        # Only a colleague can hand a complaint on: anyone else who writes "Van: <someone>" is
        # the complainant themselves, and must not make the bot write to someone else.
        forward = None
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
    return bool(FIRST_LINE_HEADER.match(raw[:HEADER_BLOCK_LIMIT].lstrip(b" \t\r\n")[:1000]))


def _cleaned_address(display: str, addr: str) -> Address | None:
    addr = one_line(clean(addr)).strip("<>")
    display = one_line(clean(display)).strip('"').strip()
    if "@" not in addr:  # "From: Jan Jansen": a name without an address
        display, addr = display or addr.strip('"'), ""
    if not addr and not display:
        return None
    return Address(display, addr)


def _raw_header_text(message: Message, name: str) -> str:
    for key, value in message.raw_items():
        if key.lower() == name:
            try:
                return one_line(clean(str(make_header(decode_header(value)))))
            except Exception:
                return one_line(clean(str(value)))
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
