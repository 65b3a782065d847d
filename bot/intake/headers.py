"""Header values of a parsed message as the intake needs them: text, addresses, msg-ids.

Every value is read from the header as the sender wrote it and decoded here (bot.intake.charset),
so one charset fallback serves headers and bodies. Addresses come only from what the sender wrote
literally, never from decoded text; a msg-id is kept only when it has RFC 5322's syntax, since it
goes back out in the acknowledgement's In-Reply-To and References.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.utils import make_msgid, parseaddr

from bot.intake.charset import clean, decode_word, header_value
from bot.sanitize import one_line

# RFC 5322 3.6.4: "<" dot-atom-text "@" (dot-atom-text / no-fold-literal) ">". An encoded-word
# lookalike ("=?...?=") is refused too: a header writer could decode it into line breaks.
_ATOM = r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+"
_DOT_ATOM = rf"{_ATOM}(?:\.{_ATOM})*"
MSG_ID = re.compile(rf"<{_DOT_ATOM}@(?:{_DOT_ATOM}|\[[\x21-\x5a\x5e-\x7e]*\])>")
BARE_MSG_ID = re.compile(rf"{_DOT_ATOM}@{_DOT_ATOM}")
MSG_ID_LIMIT = 500  # the column's width; longer is no real Message-ID
ACKNOWLEDGEMENT_ID = "ack"  # what the bot's own acknowledgements' msg-ids end in, before the @
ENCODED_WORD = re.compile(r"=\?[^?\s]{1,75}\?[bBqQ]\?[^?\s]{0,2000}\?=")
# Each encoded word stands in for one private-use character while the address is read, so an
# address can only come from what the sender wrote literally, never from decoded text.
PLACEHOLDER_BASE = 0xF0000
PLACEHOLDER_LIMIT = 0xFFFD
PLACEHOLDER = re.compile(r"[\U000f0000-\U000ffffd]")
ADJACENT_PLACEHOLDERS = re.compile(r"([\U000f0000-\U000ffffd])\s+(?=[\U000f0000-\U000ffffd])")
ANGLE_ADDRESS = re.compile(r"<([^<>@\s]{1,64}@[^<>@\s]{1,255})>")
# "From: Big Bug bb@bug.com": an address written without angle brackets after a name.
BARE_ADDRESS = re.compile(
    r"(?<![^\s\"'(,;])[^\s<>\"'(),;:@\U000f0000-\U000ffffd]{1,64}"
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+(?![^\s\"'),;])"
)


@dataclass(frozen=True)
class Address:
    name: str
    email: str


def valid_msg_id(value: str | None) -> bool:
    """Whether `value` may be written into a header as a msg-id (see MSG_ID)."""
    return (
        value is not None
        and len(value) <= MSG_ID_LIMIT
        and MSG_ID.fullmatch(value) is not None
        and "=?" not in value
    )


def acknowledgement_id(domain: str) -> str:
    """A new msg-id for an acknowledgement: `<...ack@domain>`."""
    return make_msgid(ACKNOWLEDGEMENT_ID, domain=domain or None)


def is_acknowledgement_id(value: str, domain: str) -> bool:
    """Whether `value` is the msg-id of one of the bot's acknowledgements (its domain)."""
    return bool(domain) and value.lower().endswith(f".{ACKNOWLEDGEMENT_ID}@{domain.lower()}>")


def message_id(value: str) -> str | None:
    """The Message-ID in its angle brackets; None when there is no valid one."""
    found = next((m[0] for m in MSG_ID.finditer(value) if valid_msg_id(m[0])), None)
    if found is not None:
        return found
    bare = value.strip()
    return f"<{bare}>" if BARE_MSG_ID.fullmatch(bare) and valid_msg_id(f"<{bare}>") else None


def thread_ids(message: Message) -> tuple[str, ...]:
    """The valid msg-ids of In-Reply-To and References."""
    thread = f"{raw_header(message, 'in-reply-to')} {raw_header(message, 'references')}"
    return tuple(found[0] for found in MSG_ID.finditer(thread) if valid_msg_id(found[0]))


def raw_header(message: Message, name: str, charset: str | None = None) -> str:
    """A header as the sender wrote it (no encoded word decoded), unfolded onto one line; raw
    8-bit bytes read with `charset` first."""
    for key, value in message.raw_items():
        if key.lower() == name:
            return one_line(clean(str(value), charset))
    return ""


def header_text(message: Message, name: str, charset: str | None = None) -> str:
    """A header's decoded text on one line ('' when absent); `charset` reads raw 8-bit bytes."""
    for key, value in message.raw_items():
        if key.lower() == name:
            return header_value(str(value), charset)
    return ""


def sender_of(message: Message, charset: str | None = None) -> Address | None:
    for name in ("from", "sender"):
        address = address_of(message, name, charset)
        if address is not None:
            return address
    return None


def address_of(message: Message, name: str, charset: str | None = None) -> Address | None:
    """The first address of an address header. Encoded words are decoded once, into the
    display name only: a line break or an address inside one can never become the address."""
    literal = raw_header(message, name, charset)
    if not literal:
        return None
    words: list[str] = []

    def hide(found: re.Match[str]) -> str:
        if len(words) >= PLACEHOLDER_LIMIT:
            return ""
        words.append(decode_word(found.group(0)))
        return chr(PLACEHOLDER_BASE + len(words) - 1)

    hidden = ENCODED_WORD.sub(hide, PLACEHOLDER.sub("", literal))
    display, addr = _split_address(ADJACENT_PLACEHOLDERS.sub(r"\1", hidden))

    def reveal(value: str) -> str:
        return PLACEHOLDER.sub(lambda found: words[ord(found.group(0)) - PLACEHOLDER_BASE], value)

    if PLACEHOLDER.search(addr) or not addr.isprintable() or " " in addr:
        display, addr = display or addr, ""  # a name, not an address
    if "@" not in addr:
        display, addr = _bare_address(hidden) or (display, addr)
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


def _bare_address(hidden: str) -> tuple[str, str] | None:
    """A name followed by an address without angle brackets: the last bare address, written
    literally (never inside an encoded word), and what stands before it as the name."""
    found = None
    for found in BARE_ADDRESS.finditer(hidden):  # noqa: B007 - the last one counts
        pass
    if found is None:
        return None
    name = (hidden[: found.start()] + hidden[found.end() :]).strip(" \"',;")
    return name, found[0]


def _cleaned_address(display: str, addr: str) -> Address | None:
    addr = one_line(addr).strip("<>")
    display = one_line(display).strip('"').strip()
    if "@" not in addr:  # "From: Jan Jansen": a name without an address
        display, addr = display or addr.strip('"'), ""
    if not addr and not display:
        return None
    return Address(display, addr)
