"""Bytes from outside to text: one charset fallback for header values and bodies alike.

The declared charset is tried first, then UTF-8, then Windows-1252 (which maps nearly every
byte, and is what 'Latin-1' mail really is). One refinement: bytes that are valid UTF-8 with
multi-byte sequences are read as UTF-8 whatever a mailer declared, because legacy 8-bit text is
practically never valid UTF-8 while mislabelled UTF-8 is common. Raw 8-bit bytes in a header
(no charset of their own) fall back through the charset the message declares for its text.
"""

from __future__ import annotations

import re
from email.header import decode_header

from bot.sanitize import free_text, one_line

SURROGATE = re.compile("[\udc80-\udcff]")
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
HIGH_BYTE = re.compile(rb"[\x80-\xff]")
PLAIN_CHARSETS = frozenset({"us-ascii", "ascii", "unknown-8bit", "x-unknown", "default"})
ENCODED_WORD = re.compile(r"=\?[^?\s]{1,75}\?[bBqQ]\?[^?\s]{0,2000}\?=")
# RFC 2047 6.2: white space between two adjacent encoded words is not shown.
BETWEEN_WORDS = re.compile(r"(\?=)[ \t\r\n]+(?==\?[^?\s]{1,75}\?[bBqQ]\?)")


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode `data` (never raises): see the module docstring for the order."""
    declared = [charset] if charset and charset.lower() not in PLAIN_CHARSETS else []
    multibyte_utf8 = HIGH_BYTE.search(data) is not None and UTF8_SEQUENCE.search(data) is not None
    candidates = ["utf-8", *declared] if multibyte_utf8 else [*declared, "utf-8"]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    if _mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    return data.decode("cp1252", errors="replace")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a stray invalid byte (keep it UTF-8) rather than a legacy 8-bit charset."""
    valid = sum(len(sequence) for sequence in UTF8_SEQUENCE.findall(data))
    return valid > 0 and valid >= len(HIGH_BYTE.findall(data)) - valid


def undo_surrogates(value: str, charset: str | None = None) -> str:
    """Raw 8-bit bytes that the parser smuggled in as surrogates, decoded by the fallback."""
    if not SURROGATE.search(value):
        return value
    return decode_bytes(value.encode("utf-8", "surrogateescape"), charset)


def clean(value: str, charset: str | None = None) -> str:
    """Text from a header or a part, decoded and without control or invisible characters (NUL
    too, which PostgreSQL refuses in text). Line breaks and tabs stay."""
    return free_text(undo_surrogates(value, charset))


def header_value(raw: str, charset: str | None = None) -> str:
    """A header as the sender wrote it -> its text on one line: raw 8-bit bytes through the
    fallback, RFC 2047 encoded words decoded, control characters gone."""
    text = BETWEEN_WORDS.sub(r"\1", undo_surrogates(raw, charset))
    return one_line(free_text(ENCODED_WORD.sub(lambda found: decode_word(found[0]), text)))


def decode_word(word: str) -> str:
    """One RFC 2047 encoded word; the word itself when it cannot be decoded."""
    try:
        parts = decode_header(word)
    except Exception:  # a broken word stays as written
        return word
    decoded = (
        decode_bytes(part, charset) if isinstance(part, bytes) else part for part, charset in parts
    )
    return one_line("".join(decoded))
