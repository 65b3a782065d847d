"""How much of people's own text a view shows: cut to a length with a mark that it was cut,
and without the complainant's contact details for whoever may not see them."""

from __future__ import annotations

from bot.masking import masked
from bot.procedure import Complaint, Route
from bot.texts import complainant as complainant_text
from bot.texts import slack as text
from bot.views.model import Quote

SUBJECT_LIMIT = 80


def truncate(value: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    return value[: limit - len(text.TEXT_TRUNCATED)].rstrip() + text.TEXT_TRUNCATED


def subject(complaint: Complaint, limit: int, *, contact_details: bool) -> str:
    """A complaint's subject, cut to `limit`. People type their phone number or address into
    a subject: whoever may not see the complainant's contact details (employees,
    management) gets them masked, the complainant's name too, and nothing of a signal of
    discrimination (confidential: procedure.privacy.visible_to)."""
    if not contact_details and complaint.route is Route.DISCRIMINATION:
        return complainant_text.CONFIDENTIAL
    shown = complaint.subject.strip() or text.NO_SUBJECT
    if not contact_details:
        shown = masked(shown, complaint)
    return truncate(shown, limit)


def quoted(value: str, limit: int) -> Quote:
    """Someone's words, cut to `limit`, without empty lines."""
    cut = truncate(value, limit)
    return Quote(tuple(line for line in cut.splitlines() if line.strip()))


def first_line(text: str, limit: int = SUBJECT_LIMIT) -> str:
    """The first non-empty line, cut at a word within `limit` characters (a subject)."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else line[:limit]).rstrip(" ,.;:") + "…"
