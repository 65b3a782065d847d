"""Raw message bytes -> a MIME tree, reading what real mailers send, in bounded time and memory.

Before the standard parser sees the bytes, the header block is mended the way a person would
read it: a UTF-8 byte-order mark and empty lines before the first header are skipped, a stray
line without a colon between headers is left out, and a stray empty line inside the header
block (followed by more transport or MIME headers, as Office 365 sends) does not end it. The
stored raw message keeps every byte as received; only the parser's reading is mended.

The parser then reads in chunks and stops after `PART_LIMIT` MIME parts: a message of 200,000
one-byte attachments would otherwise take gigabytes. What was not read stays in the stored raw
message, and the complaint says so. The parser uses the compat32 policy: its parameter parsing
takes an unquoted boundary with '=' in it (Outlook's `----=_NextPart_...`) whole, where the
modern policy cut it at the '='. Header values are decoded by bot.intake.charset, not here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesFeedParser

BOM = b"\xef\xbb\xbf"
HEADER_LINE = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")
HEADER_NAME = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:")
HEADER_SCAN_LIMIT = 256 * 1024  # a header block is read this far; the rest is body
STRAY_LOOKAHEAD = 3  # a line without a colon is stray when a header follows within this
# Headers that continue a block after a stray empty line: transport and MIME headers only, so
# that a body starting with "Naam: ..." (a web form) or "From: ..." (a forward) stays body.
CONTINUING_HEADER = re.compile(rb"(?:x-[\x21-\x39\x3b-\x7e]+|content-[a-z-]+|mime-version)$", re.I)
CHUNK = 64 * 1024
PART_LIMIT = 1000


@dataclass(frozen=True)
class Tree:
    """The parsed message, and whether parts beyond PART_LIMIT were left unread."""

    message: Message
    parts_cut: bool


def parse_tree(raw: bytes, part_limit: int = PART_LIMIT) -> Tree:
    """The MIME tree of `raw` with its header block mended (see the module docstring).
    RecursionError escapes for MIME nested deeper than the interpreter's stack."""
    counter = _PartCounter()
    parser = BytesFeedParser(_factory=counter, policy=policy.compat32)
    start = _body_start(raw)
    parser.feed(mended_header_block(raw[:start]))
    cut = False
    for offset in range(start, len(raw), CHUNK):
        parser.feed(raw[offset : offset + CHUNK])
        if counter.count > part_limit:
            cut = True
            break
    return Tree(parser.close(), cut)


class _PartCounter:
    """The parser's message factory, counting the parts it makes."""

    def __init__(self) -> None:
        self.count = -1  # the parser makes one to try the factory out

    def __call__(self, policy: policy.Policy = policy.compat32) -> Message:
        self.count += 1
        return Message(policy)


def _body_start(raw: bytes) -> int:
    """Where the header block ends for the mending: the first empty line, at most
    HEADER_SCAN_LIMIT in (headers past that are read as the parser finds them)."""
    head = raw[:HEADER_SCAN_LIMIT]
    ends = [found for found in (head.find(b"\n\r\n"), head.find(b"\n\n")) if found >= 0]
    if not ends:
        return len(head)
    end = min(ends)
    return _past_stray_blank(raw, head, end)


def _past_stray_blank(raw: bytes, head: bytes, end: int) -> int:
    """Extend the header block past empty lines that are followed by more transport or MIME
    headers and then a real empty line (a broken gateway's stray blank line)."""
    while True:
        blank_end = head.find(b"\n", end + 1) + 1  # just past the empty line
        if blank_end <= 0:
            return end + 1
        following = _header_run(head, blank_end)
        if following is None:
            return end + 1
        end = following


def _header_run(head: bytes, start: int) -> int | None:
    """If the lines from `start` are only continuing headers up to an empty line, the index of
    that empty line's newline minus one (the next block end); else None."""
    position, names = start, 0
    while position < len(head):
        line_end = head.find(b"\n", position)
        if line_end < 0:
            return None
        line = head[position:line_end].rstrip(b"\r")
        if not line:
            return position - 1 if names else None
        if line[:1] in (b" ", b"\t") and names:
            position = line_end + 1
            continue
        found = HEADER_NAME.match(line)
        if found is None or not CONTINUING_HEADER.match(found[1]):
            return None
        names += 1
        position = line_end + 1
    return None


def mended_header_block(head: bytes) -> bytes:
    """The header block without a leading BOM or empty lines, without stray lines that are
    neither a header nor a continuation when another header follows, and without empty lines
    between headers. A line that is no header and is not followed by one ends the block there
    (a message without the empty line before its body)."""
    lines = head.removeprefix(BOM).lstrip(b" \t\r\n").splitlines(keepends=True)
    kept: list[bytes] = []
    for index, line in enumerate(lines):
        content = line.rstrip(b"\r\n")
        if not content.strip():
            if index + 1 < len(lines) and _is_header(lines[index + 1]):
                continue  # a stray empty line inside the block (found by _body_start)
            kept.extend(lines[index:])
            break
        if _is_header(line) or (content[:1] in (b" ", b"\t") and kept):
            kept.append(line)
        elif (not kept and line.startswith(b"From ")) or _header_follows(lines, index):
            if not kept and line.startswith(b"From "):
                kept.append(line)  # an mbox separator: the parser knows it
            continue
        else:
            kept.append(b"\n")  # the body starts here, without an empty line before it
            kept.extend(lines[index:])
            break
    return b"".join(kept)


def _is_header(line: bytes) -> bool:
    return HEADER_LINE.match(line) is not None


def _header_follows(lines: list[bytes], index: int) -> bool:
    return any(_is_header(line) for line in lines[index + 1 : index + 1 + STRAY_LOOKAHEAD])


def content_hash(raw: bytes, sender: str, subject: str) -> str:
    """What makes two deliveries the same message: the sender, the subject and the body bytes
    (line endings aside), not the transport headers that differ per delivery path."""
    digest = hashlib.sha256()
    digest.update(f"{sender.lower()}\n{subject}\n\n".encode("utf-8", "surrogateescape"))
    carry = b""
    for offset in range(_body_start(raw), len(raw), CHUNK):
        piece = carry + raw[offset : offset + CHUNK]
        carry = b"\r" if piece.endswith(b"\r") else b""  # never split a CR LF
        digest.update(piece[: len(piece) - len(carry)].replace(b"\r\n", b"\n"))
    digest.update(carry)
    return digest.hexdigest()
