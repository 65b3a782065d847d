"""Recognise a complaint that a colleague forwarded inline ("Forwarded message" block)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr

# Markers that always mean a forward, and those that mean one only with a forward subject
# (Outlook writes "Original Message" above replies too).
FORWARD_MARKER = re.compile(
    r"^[\s>*_]*-*\s*(?:forwarded message|doorgestuurd bericht|begin forwarded message|"
    r"begin doorgestuurd bericht)\s*-*\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
ORIGINAL_MARKER = re.compile(
    r"^[\s>*_]*-+\s*(?:original message|oorspronkelijk bericht|origineel bericht)\s*-+\s*$",
    re.IGNORECASE | re.MULTILINE,
)
FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:fwd?|fw|doorst|tr|wg|vs)\s*:\s*)+", re.IGNORECASE)
HEADER_LINE = re.compile(r"^[\s>*_]*([A-Za-z-]+)[*_]*\s*:[*_]*\s*(.*)$")
FROM_NAMES = frozenset({"from", "van"})
SUBJECT_NAMES = frozenset({"subject", "onderwerp"})
HEADER_NAMES = FROM_NAMES | SUBJECT_NAMES | {
    "date", "datum", "sent", "verzonden", "to", "aan", "cc", "reply-to",
}  # fmt: skip
MAILTO = re.compile(r"\[mailto:([^\]]+)\]", re.IGNORECASE)
HEADER_BLOCK_LIMIT = 12


@dataclass(frozen=True)
class InlineForward:
    name: str
    email: str
    subject: str
    text: str


def strip_forward_prefix(subject: str) -> str:
    return FORWARD_SUBJECT.sub("", subject).strip()


def find_inline_forward(text: str, subject: str) -> InlineForward | None:
    """The first forwarded block in `text` whose header names a sender, if any."""
    match = FORWARD_MARKER.search(text)
    if match is None and FORWARD_SUBJECT.match(subject):
        match = ORIGINAL_MARKER.search(text)
    if match is None:
        return None
    return _parse_block(text[match.end() :].lstrip("\r\n").split("\n"))


def _parse_block(lines: list[str]) -> InlineForward | None:
    """Read the header lines (From/Van, Subject/Onderwerp, ...) at the top of the block."""
    headers: dict[str, str] = {}
    end = 0
    for index, line in enumerate(lines[:HEADER_BLOCK_LIMIT]):
        found = HEADER_LINE.match(line)
        if found and found.group(1).lower() in HEADER_NAMES:
            headers.setdefault(found.group(1).lower(), found.group(2).strip())
            end = index + 1
        elif headers:
            break
    sender = next((headers[name] for name in FROM_NAMES if name in headers), None)
    if sender is None:
        return None
    name, email = parseaddr(MAILTO.sub(r"<\1>", sender))
    subject = next((headers[name] for name in SUBJECT_NAMES if name in headers), "")
    return InlineForward(
        name=name.strip(" \"'*") or ("" if "@" in sender else sender.strip(" *")),
        email=email.strip() if "@" in email else "",
        subject=subject,
        text="\n".join(lines[end:]).strip(),
    )
