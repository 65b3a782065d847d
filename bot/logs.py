"""Logging for every klachtenbot process, with a last line of defence for personal data.

Code logs references, counts and reasons, never names, addresses or numbers; the filter below
masks any e-mail address or phone number that slips into a log line anyway (an exception text
from a library, say). Names cannot be recognised reliably, so they stay the code's duty.
"""

from __future__ import annotations

import logging
import re
import sys

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Dutch numbers (06-12345678, 020 123 4567, +31 (0)20 ..., 0031 6 ...) and other +NN numbers.
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{2,3}[\s.-]?(?:\(0\)[\s.-]?)?|0)[1-9](?:[\s.-]?\d){6,10}(?!\d)"
)
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
OWN_PACKAGES = ("bot", "storage", "reports")


def mask_personal_data(message: str) -> str:
    return PHONE.sub("<telefoon>", EMAIL.sub("<e-mail>", message))


class PersonalDataFilter(logging.Filter):
    """Rewrites each record's final message with addresses and phone numbers masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = mask_personal_data(message)
        record.args = ()
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True


class _StderrHandler(logging.StreamHandler):
    """Ours, so that configuring twice replaces it instead of doubling every line."""


def configure_logging(level: str, *, at_least: str | None = None) -> None:
    """Log to stderr at `level` (LOG_LEVEL), or `at_least` when that is higher, through the
    personal-data filter."""
    handler = _StderrHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
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
