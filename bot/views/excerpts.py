"""How much of people's own text a view shows: cut to a length with a mark that it was cut,
and without the complainant's contact details for whoever may not see them."""

from __future__ import annotations

import re

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


EXCERPT_LINES = 3
EXCERPT_CHARS = 300
# A first line that only greets ("Beste Olga,", "Geachte heer/mevrouw,", "Goedemorgen,").
GREETING = re.compile(
    r"(beste|geachte|hallo|hoi|hey|dag|goede(morgen|middag|navond)|l\.s\.|lieve)\b[^.!?]{0,60}",
    re.IGNORECASE,
)
# Where a signature starts: a closing ("Met vriendelijke groet", "Groet,"), the "-- " mark, or
# what a phone adds ("Verzonden vanaf mijn iPhone", "Sent from my Samsung", "Outlook voor iOS").
SIGNATURE = re.compile(
    r"(met )?(vriendelijke|hartelijke|beste|vr\.?)? ?(groet(en|jes)?|gr\.?)\b.{0,40}"
    r"|mvg\b.{0,40}|--\s*"
    r"|(verzonden|verstuurd|sent|gesendet) (vanaf|vanuit|met|from|with|via|von) .{0,60}"
    r"|(download|get|haal) outlook (voor|for) .{0,30}",
    re.IGNORECASE,
)


def excerpt_lines(body: str) -> tuple[tuple[str, ...], bool]:
    """The complaint's first lines without greeting or signature: at most EXCERPT_LINES
    non-empty lines and EXCERPT_CHARS characters, and whether anything was left out (then the
    view offers the whole text)."""
    lines = [line.strip() for line in body.strip().splitlines() if line.strip()]
    kept = lines[1:] if lines and GREETING.fullmatch(lines[0].rstrip(",:")) else lines
    for number, line in enumerate(kept):
        if SIGNATURE.fullmatch(line.rstrip(",.!")):
            kept = kept[:number]
            break
    shown = truncate("\n".join(kept[:EXCERPT_LINES]), EXCERPT_CHARS).splitlines()
    cut = len(kept) > EXCERPT_LINES or len("\n".join(kept[:EXCERPT_LINES])) > EXCERPT_CHARS
    return tuple(shown), cut or len(kept) < len(lines)


def first_line(text: str, limit: int = SUBJECT_LIMIT) -> str:
    """The first non-empty line, cut at a word within `limit` characters (a subject)."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else line[:limit]).rstrip(" ,.;:") + "…"
