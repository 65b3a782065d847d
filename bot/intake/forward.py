"""Recognise a complaint that a colleague forwarded inline ("Forwarded message" block).

Every line is looked at once, with string methods and patterns that cannot backtrack across
lines, so a body of a million quoted lines costs a single pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parseaddr
from functools import cache

from bot.sanitize import one_line

# Phrases that always mean a forward, and those that mean one only with a forward subject and
# dashes around them (Outlook writes "Original Message" above replies too).
FORWARD_PHRASES = frozenset(
    {
        "forwarded message", "doorgestuurd bericht", "begin forwarded message",
        "begin doorgestuurd bericht",
    }
)  # fmt: skip
ORIGINAL_PHRASES = frozenset({"original message", "oorspronkelijk bericht", "origineel bericht"})
MARKER_LINE_LIMIT = 200  # a marker line is short; longer lines are never one
QUOTE_CHARS = " \t>*_"
FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:fwd?|fw|doorst|tr|wg|vs)\s*:\s*)+", re.IGNORECASE)
HEADER_LINE = re.compile(r"[ \t>*_]*([A-Za-z-]+)[*_]*[ \t]*:[*_]*[ \t]*(.*)")
FROM_NAMES = frozenset({"from", "van"})
SUBJECT_NAMES = frozenset({"subject", "onderwerp"})
HEADER_NAMES = FROM_NAMES | SUBJECT_NAMES | {
    "date", "datum", "sent", "verzonden", "to", "aan", "cc", "reply-to",
}  # fmt: skip
MAILTO = re.compile(r"\[mailto:([^\]\[]{1,320})\]", re.IGNORECASE)
HEADER_BLOCK_LIMIT = 12
HEADER_VALUE_LIMIT = 1000


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
    end = _marker_end(text, FORWARD_PHRASES, dashes_needed=False)
    if end is None and FORWARD_SUBJECT.match(subject):
        end = _marker_end(text, ORIGINAL_PHRASES, dashes_needed=True)
    if end is None:
        return None
    return _parse_block(text[end:].lstrip("\r\n").split("\n"))


def _marker_end(text: str, phrases: frozenset[str], *, dashes_needed: bool) -> int | None:
    """Where the first marker line ends. Only lines holding a phrase are looked at, and only
    as far as a marker line can reach (MARKER_LINE_LIMIT) from the phrase: the rest of a long
    line is skipped at once, so a line repeating a phrase costs one pass, not one per phrase."""
    pattern = _phrase_pattern(phrases)
    position = 0
    while (found := pattern.search(text, position)) is not None:
        reach = max(0, found.start() - MARKER_LINE_LIMIT)
        start = text.rfind("\n", reach, found.start()) + 1
        end = text.find("\n", found.end(), found.end() + MARKER_LINE_LIMIT + 1)
        if (start == 0 and reach > 0) or end < 0:
            if end < 0 and len(text) - found.end() <= MARKER_LINE_LIMIT:
                end = len(text)  # the last line of the text
            else:
                position = _next_line(text, found.end())
                continue
        if end - start <= MARKER_LINE_LIMIT and _is_marker(text[start:end], phrases, dashes_needed):
            return end
        position = end
    return None


def _next_line(text: str, position: int) -> int:
    """The start of the line after the one `position` is on (the end of the text if none)."""
    newline = text.find("\n", position)
    return len(text) if newline < 0 else newline + 1


@cache
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    words = (r"[ \t]+".join(map(re.escape, phrase.split())) for phrase in sorted(phrases))
    return re.compile("|".join(words), re.IGNORECASE)


def _is_marker(line: str, phrases: frozenset[str], dashes_needed: bool) -> bool:
    """'---------- Forwarded message ---------', '> Begin forwarded message:', ..."""
    core = line.lstrip(QUOTE_CHARS).rstrip().removesuffix(":").rstrip()
    inner = core.strip("-").strip()
    if dashes_needed and not (core.startswith("-") and core.endswith("-")):
        return False
    return " ".join(inner.split()).lower() in phrases


def _parse_block(lines: list[str]) -> InlineForward | None:
    """Read the header lines (From/Van, Subject/Onderwerp, ...) at the top of the block."""
    headers: dict[str, str] = {}
    end = 0
    for index, line in enumerate(lines[:HEADER_BLOCK_LIMIT]):
        found = HEADER_LINE.match(line[:HEADER_VALUE_LIMIT])
        if found and found.group(1).lower() in HEADER_NAMES:
            headers.setdefault(found.group(1).lower(), one_line(found.group(2)))
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
