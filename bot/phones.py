"""Phone numbers: parse what people type or write, store E.164, show the Dutch way."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "NL"


def normalize_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """Return `text` as E.164 ('+31612345678'); raise ValueError if it is no valid number."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError(f"not a valid number for region {region}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """'+31612345678' -> '06 12345678'; numbers abroad in international format."""
    number = phonenumbers.parse(e164, region)
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
