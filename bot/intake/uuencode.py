"""Files uuencoded inside a text part ("begin 644 name" ... "end"), as old mailers and some
scanners still send them: decoded as attachments instead of 100,000 characters of text.

One pass over the text: each "begin" line is found once, and the "end" line after it is
looked for once per end line, so many begin lines without an end cost no more than one scan.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

BEGIN = re.compile(r"^begin [0-7]{3,4} ([^\n]{1,255})\n", re.MULTILINE)
END = re.compile(r"^end[ \t\r]*$", re.MULTILINE)
UU_LINE_LIMIT = 100  # a uuencoded line holds at most 45 bytes: 62 characters


@dataclass(frozen=True)
class Uuencoded:
    filename: str  # as the begin line names it (may be empty)
    content: bytes


def split_uuencoded(text: str) -> tuple[str, list[Uuencoded]]:
    """`text` without its uuencoded blocks, and the files they hold. A "begin" line whose
    lines do not decode stays text."""
    if "begin " not in text:
        return text, []
    kept: list[str] = []
    files: list[Uuencoded] = []
    position = 0
    end: re.Match[str] | None = None
    for begin in BEGIN.finditer(text):
        if begin.start() < position:
            continue
        if end is None or end.start() < begin.end():
            end = END.search(text, begin.end())
            if end is None:
                break  # no end line after this one: none after a later begin either
        content = _decode(text[begin.end() : end.start()])
        if content is None:
            continue
        kept.append(text[position : begin.start()])
        files.append(Uuencoded(begin[1].strip(), content))
        position = end.end()
    kept.append(text[position:])
    return "".join(kept), files


def _decode(block: str) -> bytes | None:
    decoded = []
    for line in block.split("\n"):
        line = line.rstrip("\r")
        if not line or line == "`":
            continue
        if len(line) > UU_LINE_LIMIT:
            return None
        try:
            decoded.append(binascii.a2b_uu(line))
        except binascii.Error:
            # Some encoders pad lines beyond what the length character says: read that much.
            length = (ord(line[0]) - 32) & 63
            try:
                decoded.append(binascii.a2b_uu(line[: 1 + (length * 4 + 2) // 3]))
            except binascii.Error:
                return None
    return b"".join(decoded)
