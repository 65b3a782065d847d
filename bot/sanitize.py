"""Text from outside (e-mail, Slack input) made safe to store, print and send on.

Control characters (C0 except tab and line break, DEL, C1) and the invisible characters that
reorder or hide text (bidi overrides and isolates, zero-width marks) never help a reader: they
hide what a line says in a terminal or in Slack, and PostgreSQL refuses NUL in text. One pass of
one character class each, so linear in the input.
"""

from __future__ import annotations

import re

# C0 without \t and \n, DEL, C1; bidi embeddings/overrides/isolates and marks; zero-width
# characters; line/paragraph separators and the byte-order mark.
_INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
UNSAFE = re.compile(f"[{_INVISIBLE}]")
LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x85]")
WHITESPACE_RUN = re.compile(r"\s+")


def free_text(value: str) -> str:
    """Multi-line text without control or invisible characters; line breaks become \\n,
    tabs stay."""
    if value.isprintable():  # no character of UNSAFE or LINE_BREAKS is printable
        return value
    return UNSAFE.sub("", LINE_BREAKS.sub("\n", value))


def json_for_terminal(dumped: str) -> str:
    """JSON text with every control or invisible character as a \\u escape: the same data,
    but nothing a terminal would act on or reorder (json.dumps escapes C0 itself)."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group(0)):04x}", dumped)


def one_line(value: str) -> str:
    """A single line (names, addresses, subjects, header values): every run of white space,
    line breaks included, becomes one space."""
    if value.isprintable() and "  " not in value:  # its only white space: single spaces
        return value.strip()
    return WHITESPACE_RUN.sub(" ", free_text(value)).strip()
