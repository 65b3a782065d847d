"""Raw e-mail bytes -> what the intake needs. Pure, and it never raises on malformed input.

The bytes are read as real mailers write them (bot.intake.rawmail mends the header block and
reads at most PART_LIMIT parts), header values and text parts are decoded with one charset
fallback (bot.intake.charset), and wherever a part is broken the reading falls back to a
lenient one instead of failing, because a complaint must never be lost to a parse error. Every
text read is capped (TEXT_LIMIT), so time and memory stay linear in the message's size.
"""

from __future__ import annotations

import binascii
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message

from bot.intake.charset import SURROGATE, clean, decode_bytes, undo_surrogates
from bot.intake.forward import find_inline_forward, strip_forward_prefix
from bot.intake.headers import (
    Address,
    address_of,
    header_text,
    message_id,
    raw_header,
    sender_of,
    thread_ids,
)
from bot.intake.htmltext import html_to_text, tidy_whitespace
from bot.intake.phonefind import find_phone
from bot.intake.rawmail import BOM, PART_LIMIT, parse_tree
from bot.intake.uuencode import split_uuencoded
from bot.texts import intake as text

__all__ = ["Address", "Attachment", "Forward", "ParsedMessage", "is_no_reply", "parse_message"]

MAX_DEPTH = 12
MESSAGE_MAX_BYTES = 25 * 1024 * 1024
HEADER_BLOCK_LIMIT = 256 * 1024  # what a message past the size limit is still read of
TEXT_LIMIT = 2_000_000  # characters of text read in all; the raw message keeps the rest
TEXT_BYTES_LIMIT = 4 * TEXT_LIMIT  # UTF-8 takes at most four bytes per character
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
    "list-post",
    "list-unsubscribe",
    "list-help",
    "x-mailman-version",
    "x-mailing-list",
    "mailing-list",
    "x-loop",
    "x-mlserver",
    "x-ml-name",
    "x-amz-sns-message-id",
    "feedback-id",
    "x-auto-response-suppress",
)
IDENTIFYING_HEADERS = ("from", "sender", "subject", "date", "message-id", "to", "mime-version")
FIRST_LINE_HEADER = re.compile(rb"^(?:From |[\x21-\x39\x3b-\x7e]+[ \t]*:)")
FIRST_LINES = 4  # a stray line or three may stand before the first header
# Searched in an address's local part (at most LOCAL_PART_LIMIT characters, as RFC 5321).
NO_REPLY = re.compile(
    r"(?:^|[._+-])(?:no-?reply|do-?not-?reply|donotreply|no_reply)(?:$|[._+-])"
    r"|^(?:mailer-daemon|postmaster|bounces?)(?:$|[+.-])",
    re.IGNORECASE,
)
LOCAL_PART_LIMIT = 64
REFERENCE = re.compile(r"\[(K-\d{4}-\d{4,})\]", re.IGNORECASE)
CONTENT_TYPE = re.compile(r"[a-z0-9!#$&^_.+-]{1,127}/[a-z0-9!#$&^_.+-]{1,127}")
NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")
ENCODED_MESSAGE = frozenset({"base64", "quoted-printable"})


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
    sender_header: Address | None = None  # Sender: who sent it on the author's behalf
    body: str = ""
    attachments: tuple[Attachment, ...] = ()
    forward: Forward | None = None
    content_type: str = "text/plain"
    headers: Mapping[str, str] = field(default_factory=dict)
    phones: tuple[str, ...] = ()  # the best first
    phone_uncertain: bool = False  # the first was found where other numbers stand too
    skipped: str = ""  # what was not read (too large, too deep, too many parts); empty if all
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
    """An address nobody reads: no-reply in any position of its local part (jira-noreply@,
    noreply-alerts@), or a mail daemon."""
    local, at, _domain = address.rpartition("@")
    return bool(at) and bool(NO_REPLY.search(local[:LOCAL_PART_LIMIT]))


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
        tree = parse_tree(raw)
        return _parsed(tree.message, tree.parts_cut, attachment_max_bytes, own_domain)
    except RecursionError:  # the standard parser recurses once per nesting level
        return _headers_only(raw, text.SKIPPED_TOO_DEEP.format(depth=MAX_DEPTH))


def _parsed(
    message: Message, parts_cut: bool, attachment_max_bytes: int, own_domain: str
) -> ParsedMessage:
    charset = _declared_charset(message)
    if not _has_identifying_headers(message):
        return ParsedMessage(is_message=False)
    content = _Content(attachment_max_bytes, charset)
    content.visit(message, depth=0)
    content.parts_cut |= parts_cut
    subject = header_text(message, "subject", charset)
    sender = sender_of(message, charset)
    body, forward = _body_and_forward(content, subject, sender, own_domain)
    skipped = content.notes()
    phone_text = f"{forward.text}\n{body}" if forward else body
    phone = find_phone(phone_text)
    return ParsedMessage(
        is_message=True,
        body=f"{body}\n\n{skipped}".strip(),
        attachments=tuple(content.attachments),
        forward=forward,
        phones=phone.numbers,
        phone_uncertain=phone.uncertain,
        skipped=skipped,
        part_types=frozenset(content.part_types),
        **_header_fields(message, subject, sender, charset),
    )


def _headers_only(raw: bytes, note: str) -> ParsedMessage:
    """A message whose body is not read: its headers, and the note of what was skipped."""
    head = raw[:HEADER_BLOCK_LIMIT]
    ends = [found for found in (head.find(b"\n\r\n"), head.find(b"\n\n")) if found >= 0]
    message = parse_tree(head[: min(ends) + 1] if ends else head).message
    if not _has_identifying_headers(message):
        return ParsedMessage(is_message=False)
    charset = _declared_charset(message)
    subject = header_text(message, "subject", charset)
    return ParsedMessage(
        is_message=True,
        body=note,
        skipped=note,
        **_header_fields(message, subject, sender_of(message, charset), charset),
    )


def _header_fields(
    message: Message, subject: str, sender: Address | None, charset: str | None
) -> dict[str, object]:
    return {
        "message_id": message_id(raw_header(message, "message-id")),
        "thread_ids": thread_ids(message),
        "subject": subject,
        "sender": sender,
        "reply_to": address_of(message, "reply-to", charset),
        "sender_header": address_of(message, "sender", charset),
        "content_type": _content_type(message),
        "headers": {name: header_text(message, name, charset) for name in CLASSIFY_HEADERS},
    }


def _has_identifying_headers(message: Message) -> bool:
    return any(raw_header(message, name) for name in IDENTIFYING_HEADERS)


def _declared_charset(message: Message) -> str | None:
    """The charset the message declares for its text: also what its raw 8-bit header bytes
    are most likely in."""
    for part in itertools.islice(message.walk(), 20):
        charset = _charset(part)
        if charset:
            return charset
    return None


class _Content:
    """Walks the MIME tree once: text parts, attachments, attached (forwarded) messages."""

    def __init__(self, attachment_max_bytes: int, charset: str | None) -> None:
        self.cap = attachment_max_bytes
        self.charset = charset
        self.plain: list[str] = []
        self.html: list[str] = []
        self.inline_texts: list[tuple[str, str]] = []  # text parts with a filename
        self.attachments: list[Attachment] = []
        self.forwarded: list[Message] = []
        self.too_deep = False  # parts below MAX_DEPTH were skipped
        self.parts_cut = False  # parts beyond PART_LIMIT were skipped
        self.text_cut = False  # text beyond TEXT_LIMIT was skipped
        self.text_left = TEXT_LIMIT
        self.parts = 0
        self.part_types: set[str] = set()

    def visit(self, part: Message, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.too_deep = True
            return
        self.parts += 1
        if self.parts > PART_LIMIT:
            self.parts_cut = True
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
        empty plain alternative, as some mailers send, counts as none); an inline text part
        with a filename only where there is no other text."""
        chosen = [part for part in self.plain if part.strip()]
        if not chosen:
            chosen = [html_to_text(html) for html in self.html]
        if not any(part.strip() for part in chosen):
            chosen = [html_to_text(body) if html else body for html, body in self.inline_texts]
        return tidy_whitespace("\n\n".join(part for part in chosen if part.strip()))

    def notes(self) -> str:
        notes = []
        if self.too_deep:
            notes.append(text.SKIPPED_TOO_DEEP.format(depth=MAX_DEPTH))
        if self.parts_cut:
            notes.append(text.SKIPPED_TOO_MANY_PARTS.format(limit=text.count(PART_LIMIT)))
        if self.text_cut:
            notes.append(text.SKIPPED_TEXT.format(limit=text.count(TEXT_LIMIT)))
        return "\n".join(notes)

    def forward(self, subject: str) -> Forward | None:
        if not self.forwarded:
            return None
        inner = self.forwarded[0]
        charset = _declared_charset(inner)
        content = _Content(self.cap, charset)
        content.visit(inner, depth=1)
        sender = sender_of(inner, charset) or Address("", "")
        return Forward(sender, header_text(inner, "subject", charset) or subject, content.text())

    def _visit_attached_message(self, part: Message) -> None:
        inner = _inner_message(part)
        if inner is None:
            return
        if not self.forwarded:
            self.forwarded.append(inner)
            return
        self._add_attachment(text.ATTACHED_MESSAGE_NAME, "message/rfc822", _message_bytes(inner))

    def _children(self, part: Message, content_type: str) -> list[Message]:
        payload = part.get_payload()
        children = [child for child in payload if isinstance(child, Message)]
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
        filename = _filename(part, self.charset)
        disposition = _disposition(part)
        payload = _payload(part)
        maintype = content_type.split("/")[0]
        if filename or disposition == "attachment" or maintype not in ("text", "multipart"):
            if payload or filename:
                self._add_attachment(filename or text.UNNAMED_ATTACHMENT, content_type, payload)
            if content_type in ("text/plain", "text/html") and disposition != "attachment":
                html = content_type == "text/html"
                self.inline_texts.append((html, self._decoded(part, payload)))
            return
        decoded = self._decoded(part, payload)
        if content_type == "text/html":
            self.html.append(decoded)
            return
        decoded, uuencoded = split_uuencoded(decoded)
        for found in uuencoded:
            name = clean(found.filename) or text.UNNAMED_ATTACHMENT
            self._add_attachment(name, "application/octet-stream", found.content)
        self.plain.append(decoded)

    def _decoded(self, part: Message, payload: bytes) -> str:
        """The part's text, within what is left of TEXT_LIMIT."""
        if self.text_left <= 0:
            self.text_cut = self.text_cut or bool(payload)
            return ""
        decoded = decode_bytes(payload[:TEXT_BYTES_LIMIT], _charset(part) or self.charset)
        decoded = clean(_normalise_newlines(decoded))
        if len(decoded) > self.text_left or len(payload) > TEXT_BYTES_LIMIT:
            self.text_cut = True
            decoded = decoded[: self.text_left]
        self.text_left -= len(decoded)
        return decoded

    def _add_attachment(self, filename: str, content_type: str, payload: bytes) -> None:
        size = len(payload)
        kept = payload if size <= self.cap else None
        self.attachments.append(Attachment(filename[:255], content_type[:255], size, kept))


def _inner_message(part: Message) -> Message | None:
    """The message inside a message/rfc822 part. One sent base64- or quoted-printable-encoded
    (which RFC 2046 forbids but mailers do), or whose headers the parser could not find (an
    empty first line, a stray line), is decoded and read again the lenient way."""
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, Message):
        return None
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if encoding not in ENCODED_MESSAGE and _has_identifying_headers(inner):
        return inner
    data = _message_bytes(inner)
    if encoding == "base64":
        data = _unbase64(data)
    elif encoding == "quoted-printable":
        data = binascii.a2b_qp(data)
    try:
        return parse_tree(data).message
    except RecursionError:
        return inner


def _unbase64(data: bytes) -> bytes:
    """Lenient base64: what is not in the alphabet is skipped, a ragged end dropped."""
    letters = NOT_BASE64.sub(b"", data)
    try:
        return binascii.a2b_base64(letters[: len(letters) - len(letters) % 4])
    except binascii.Error:
        return b""


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
    """A header line among the first lines (after a byte-order mark, empty lines or lines of
    spaces, and a stray line or three that is no header)."""
    head = raw[:HEADER_BLOCK_LIMIT].removeprefix(BOM).lstrip(b" \t\r\n")[:4000]
    return any(FIRST_LINE_HEADER.match(line) for line in head.split(b"\n")[:FIRST_LINES])


def _content_type(part: Message) -> str:
    """The part's type in lower case; text/plain (RFC 2045's default) when it is not a valid
    type (a NUL or other junk in it never reaches the database)."""
    try:
        value = part.get_content_type()
    except Exception:
        return "text/plain"
    return value if CONTENT_TYPE.fullmatch(value) else "text/plain"


def _charset(part: Message) -> str | None:
    try:
        charset = part.get_content_charset()
    except Exception:
        return None
    return charset if charset and charset.isprintable() and len(charset) <= 40 else None


def _filename(part: Message, charset: str | None) -> str:
    """The part's file name; raw 8-bit bytes in it are read with the message's charset."""
    try:
        source = _with_decoded_parameters(part, charset)
        return clean(source.get_filename() or "").strip()
    except Exception:
        return ""


def _with_decoded_parameters(part: Message, charset: str | None) -> Message:
    """`part` itself, or for headers holding raw 8-bit bytes a stand-in whose parameters are
    decoded text (the parser would replace those bytes with U+FFFD)."""
    names = ("content-disposition", "content-type")
    raw = {key.lower(): str(value) for key, value in part.raw_items() if key.lower() in names}
    if not any(SURROGATE.search(value) for value in raw.values()):
        return part
    stand_in = Message()
    for name, value in raw.items():
        stand_in[name] = undo_surrogates(value, charset)
    return stand_in


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
