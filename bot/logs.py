"""Logging for every klachtenbot process, with a last line of defence for personal data.

Code logs references, counts and reasons, never names, addresses or numbers; the filter below
masks any e-mail address, phone number (written in any of the ways people write them), IBAN or
BSN that slips into a log line anyway (an exception text from a library, say). Names and free
text cannot be recognised reliably, so the filter also drops the payloads that libraries log
(slack_sdk's DEBUG lines carry whole request and response bodies, Socket Mode whole envelopes):
in a line from a library, every {...} span is replaced by {…}.
"""

from __future__ import annotations

import logging
import re
import sys
import unicodedata
from typing import Any

# Starting only where a run of address characters starts, so a long run without "@" is read
# once, not once from each of its characters.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Between the digits of a phone number: spaces, or a hyphen (also the typographic ones), dot or
# slash with up to two spaces around it.
_SEP = r"(?:[ \t\u00a0]{0,2}[-./\u2010-\u2015\u2212][ \t\u00a0]{0,2}|[ \t\u00a0]{1,2})"
PHONE = re.compile(
    r"(?<![\w+])(?:"
    # international: +31 6 1234 5678, +31 (0)20 ..., 0031 6 ..., +44 20 7946 0958
    rf"(?:\+|00)[1-9]\d{{0,2}}{_SEP}?(?:\(0\){_SEP}?)?\d(?:{_SEP}?\d){{6,11}}"
    # area code in brackets: (020) 123 4567, (0513) 12 34 56
    rf"|\(0[1-9]\d{{0,2}}\){_SEP}?\d(?:{_SEP}?\d){{5,7}}"
    # Dutch, ten digits: 0612345678, 06-12345678, 06 - 12 34 56 78, 06/12345678, 020-1234567,
    # 0 6 1 2 3 4 5 6 7 8, and the (0)6-12345678 of people used to writing +31 (0)6
    rf"|(?:\(0\){_SEP}?|0{_SEP}?)[1-9](?:{_SEP}?\d){{8}}"
    r")(?!\d)"
)
# NL91 ABNA 0417 1643 00 in any letter case; other countries' IBANs as banks print them.
IBAN = re.compile(
    r"\b(?:(?i:NL)\d{2}[ ]?(?i:[a-z]{4})(?:[ ]?\d){10}"
    r"|[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?)\b"
)
# Nine digits that pass the BSN's eleven test, written together or grouped with a space, dot
# or hyphen between any of them (1234.56.782, 111 222 333, 111-222-333).
BSN = re.compile(r"(?<![\w.])\d(?:[ .-]?\d){8}(?![\w.]?\d|[ -]\d)")
# Digits other than ASCII (full-width ０６１２…, Arabic-Indic) are read as the ASCII digits they are
# before masking, so a number cannot slip through in another script.
OTHER_DIGIT = re.compile(r"(?![0-9])\d")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
OWN_PACKAGES = ("bot", "storage", "reports")
# Named under `bot` but Bolt's own logger, which logs what Slack sent.
LIBRARY_LOGGERS_OF_OURS = ("bot.slack.bolt",)
PAYLOAD = "{…}"


def _is_bsn(match: re.Match[str]) -> bool:
    digits = [int(d) for d in match.group(0) if d.isdigit()]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=False)) - digits[8]
    return total % 11 == 0


def _bsn(match: re.Match[str]) -> str:
    return "<bsn>" if _is_bsn(match) else match.group(0)


def _ascii_digit(match: re.Match[str]) -> str:
    char = match.group(0)
    digit = unicodedata.digit(char, None)
    return char if digit is None else str(digit)


def mask_personal_data(message: str) -> str:
    """Every e-mail address, IBAN, BSN and phone number in `message` replaced by a mark; one
    linear pass per kind (every pattern has a bounded length)."""
    if not message.isascii():
        message = OTHER_DIGIT.sub(_ascii_digit, message)
    message = EMAIL.sub("<e-mail>", message)
    message = IBAN.sub("<iban>", message)
    # Phone numbers first: the nine digits after +31 (0)20 may pass the eleven test too.
    message = PHONE.sub("<telefoon>", message)
    return BSN.sub(_bsn, message)


def without_payloads(message: str) -> str:
    """Every top-level {...} span (a dict, a JSON body) replaced by {…}, in one pass; an
    unclosed one is dropped to the end of the line."""
    out: list[str] = []
    depth = 0
    for char in message:
        if char == "{":
            if depth == 0:
                out.append(PAYLOAD)
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def is_library(name: str) -> bool:
    if name.startswith(LIBRARY_LOGGERS_OF_OURS):
        return True
    return not any(name == own or name.startswith(f"{own}.") for own in OWN_PACKAGES)


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's final message (and traceback) with personal data masked, and a
    library's payloads left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        clean = (
            (lambda text: mask_personal_data(without_payloads(text)))
            if is_library(record.name)
            else mask_personal_data
        )
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = clean(message)
        record.args = ()
        if record.exc_text:
            record.exc_text = clean(record.exc_text)
        return True


class _StderrHandler(logging.StreamHandler):
    """Ours, so that configuring twice replaces it instead of doubling every line."""


class ZonedFormatter(logging.Formatter):
    """Times in the office's time zone (TIMEZONE), as the texts give them, with the offset so
    that a line is never misread: `2026-12-07 14:23:05+0100`."""

    def __init__(self, fmt: str, zone: Any = None) -> None:
        super().__init__(fmt)
        self.zone = zone

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        import datetime as dt

        moment = dt.datetime.fromtimestamp(record.created, self.zone or dt.UTC)
        return moment.strftime("%Y-%m-%d %H:%M:%S%z")


def configure_logging(level: str, *, at_least: str | None = None, zone: Any = None) -> None:
    """Log to stderr at `level` (LOG_LEVEL), or `at_least` when that is higher, through the
    personal-data filter (on the handler, so it sees every logger's records, libraries too);
    times in `zone` (TIMEZONE) with their offset."""
    handler = _StderrHandler(sys.stderr)
    handler.setFormatter(ZonedFormatter(FORMAT, zone))
    handler.addFilter(PersonalDataFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    numeric = logging.getLevelName(level)
    if at_least:
        numeric = max(numeric, logging.getLevelName(at_least))
    # Libraries (alembic, matplotlib, ...) speak up from WARNING on, unless asked to debug.
    root.setLevel(numeric if numeric <= logging.DEBUG else max(numeric, logging.WARNING))
    for package in OWN_PACKAGES:
        logging.getLogger(package).setLevel(numeric)
