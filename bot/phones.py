"""Phone numbers: find, parse what people type or write, store E.164, show the Dutch way."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import phonenumbers

# phonenumbers (its metadata takes a while to load) is imported by each function that needs it,
# so that commands without phone numbers, such as `list`, start without it.

DEFAULT_REGION = "NL"
# A huge text (a 1 MB e-mail) is scanned at both ends only: a signature sits at the end, and a
# long run of digits must not keep the matcher busy for seconds.
SCAN_EDGE = 25_000


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """Return `text` as E.164 ('+31612345678'); raise ValueError if it is no valid number."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"not a valid number for region {region}")
    return _e164(number)


def find_phones(text: str, region: str = DEFAULT_REGION) -> list[str]:
    """Every valid number in running text, in order of appearance, as E.164, without repeats."""
    found: list[str] = []
    for match in phone_matches(text, region):
        if match.e164 not in found:
            found.append(match.e164)
    return found


@dataclass(frozen=True)
class PhoneMatch:
    """A valid number in `window` (the part of the text that was scanned) at [start, end)."""

    e164: str
    start: int
    end: int
    window: str


def phone_matches(text: str, region: str = DEFAULT_REGION) -> Iterator[PhoneMatch]:
    """Every valid number in running text, in order, with where it stands."""
    import phonenumbers

    window = _scan_window(text)
    for match in phonenumbers.PhoneNumberMatcher(
        window, region, leniency=phonenumbers.Leniency.VALID
    ):
        yield PhoneMatch(_e164(match.number), match.start, match.end, window)


def format_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """'+31612345678' -> '06 12345678'; numbers abroad in international format."""
    import phonenumbers

    number = phonenumbers.parse(e164, region)
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    import phonenumbers

    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _scan_window(text: str) -> str:
    if len(text) <= 2 * SCAN_EDGE:
        return text
    return f"{text[:SCAN_EDGE]}\n\n{text[-SCAN_EDGE:]}"
