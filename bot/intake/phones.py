"""Find the phone numbers a complainant wrote in an e-mail (body and signature)."""

from __future__ import annotations

import phonenumbers

from bot.phones import DEFAULT_REGION

# A signature sits at the end; a huge body is scanned at both ends only, so a 1 MB line of
# digits cannot keep the matcher busy for seconds.
SCAN_EDGE = 25_000


def find_phones(text: str, region: str = DEFAULT_REGION) -> list[str]:
    """Every valid number in `text`, in order of appearance, as E.164, without repeats."""
    found: list[str] = []
    for match in phonenumbers.PhoneNumberMatcher(
        _scan_window(text), region, leniency=phonenumbers.Leniency.VALID
    ):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if number not in found:
            found.append(number)
    return found


def _scan_window(text: str) -> str:
    if len(text) <= 2 * SCAN_EDGE:
        return text
    return f"{text[:SCAN_EDGE]}\n\n{text[-SCAN_EDGE:]}"
