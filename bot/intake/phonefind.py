"""The complainant's phone number in an e-mail: a number that stands as a phone number first;
one that may be something else only when nothing better exists, and then marked uncertain.

A valid-looking number may be a date and time in a quoted reply header ("Op 02.04.2012 14:20
schreef Jan:"), a number in text the writer quotes (someone else's signature), or an account,
invoice or customer number ("factuurnummer 0201234567"). Each match is judged by the few
characters around it on its own line (at most CONTEXT characters either side), so the cost
stays linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.phones import PhoneMatch, phone_matches

CONTEXT = 60
REPLY_HEADER = re.compile(
    r"^(?:op|on|am|le|el|il)\b.{0,150}\b(?:schreef|wrote|schrieb|a\s+[ée]crit|escribi[óo]|"
    r"ha\s+scritto)\b|^(?:sent|verzonden|date|datum|gesendet|envoy[ée]|verstuurd)\s*:",
    re.IGNORECASE,
)
DATE_OR_TIME = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\b\d{1,2}:\d{2}\b")
OTHER_NUMBER = re.compile(
    r"factuur|invoice|rekening|account|klant|customer|client|order|bestel|referent|"
    r"reference|\bref\b|kenmerk|dossier|polis|policy|contract|ticket|\bzaak|\bcase\b|iban|"
    r"\bbsn\b|sofi|\bkvk\b|\bbtw\b|\bvat\b|personeels|registratie|artikel|serie|serial|"
    r"transacti|boeking|booking|tracking|zending|pakket|debiteur|crediteur|lidmaatschap|member",
    re.IGNORECASE,
)
PHONE_WORD = re.compile(
    r"\btel\b|telefo|phone|mobiel|mobile|\bmob\b|\bgsm\b|\bbel\b|bellen|\bcall\b|whatsapp|"
    r"bereikbaar",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PhoneFind:
    numbers: tuple[str, ...] = ()  # the best first
    uncertain: bool = False  # the first one may be another kind of number


def find_phone(text: str) -> PhoneFind:
    """Every number found, those that stand as a phone number first (in order of
    appearance), then the others; uncertain when the first is one of the others."""
    sure: list[str] = []
    doubtful: list[str] = []
    for match in phone_matches(text):
        (doubtful if _doubtful(match) else sure).append(match.e164)
    numbers = tuple(dict.fromkeys([*sure, *doubtful]))
    return PhoneFind(numbers, uncertain=bool(numbers) and not sure)


def _doubtful(match: PhoneMatch) -> bool:
    window = match.window
    line_start = window.rfind("\n", max(0, match.start - CONTEXT), match.start) + 1
    if line_start == 0 and match.start > CONTEXT:
        line_start = match.start - CONTEXT
    line_end = window.find("\n", match.end, match.end + CONTEXT)
    line_end = match.end + CONTEXT if line_end < 0 else line_end
    before = window[line_start : match.start]
    line = window[line_start:line_end]
    if line.lstrip(" \t").startswith(">") or REPLY_HEADER.search(line.lstrip(" \t>")):
        return True  # quoted text, or the header line of a quoted reply
    number = window[max(line_start, match.start - 3) : min(line_end, match.end + 3)]
    if DATE_OR_TIME.search(number):
        return True
    around = f"{before[-40:]} {window[match.end : line_end][:20]}"
    return bool(OTHER_NUMBER.search(around)) and not PHONE_WORD.search(around)
