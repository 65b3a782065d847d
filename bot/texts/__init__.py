"""All Dutch text a person reads, in one package: one module per area, shared words here."""

from __future__ import annotations

import datetime as dt
import errno

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

STATE_LABELS = {
    "received": "Ontvangen",
    "registered": "Geregistreerd",
    "contacted": "Contact opgenomen",
    "discussion": "In bespreking",
    "closed": "Afgesloten",
    "rejected": "Geen klacht",
}

ROLE_LABELS = {
    "officer": "klachtenfunctionaris",
    "employee": "medewerker",
    "management": "directie",
    "system": "klachtenbot",
}

RELATION_TYPE_LABELS = {
    "flexwerker": "Flexwerker",
    "opdrachtgever": "Opdrachtgever",
    "directe_relatie": "Directe relatie",
    "indirecte_relatie": "Indirecte relatie",
}

CATEGORY_LABELS = {
    "communicatie": "Communicatie",
    "salaris": "Salaris en verloning",
    "planning": "Planning en roosters",
    "bejegening": "Bejegening",
    "plaatsing": "Plaatsing en matching",
    "facturatie": "Facturatie",
    "privacy": "Privacy",
    "overig": "Overig",
}

ROOT_CAUSE_LABELS = {
    "communicatie": "Communicatie",
    "procedure_niet_gevolgd": "Procedure niet gevolgd",
    "menselijke_fout": "Menselijke fout",
    "systeem": "Systeem of techniek",
    "verwachting_klant": "Verwachting klant",
    "extern": "Externe oorzaak",
    "overig": "Overig",
}

CONTACT_OUTCOME_LABELS = {
    "resolved_on_contact": "Direct opgelost",
    "measures_agreed": "Maatregelen afgesproken",
}

SATISFACTION_LABELS = {"ja": "Ja", "nee": "Nee", "onbekend": "Onbekend"}

# Flag shown wherever a complaint has no phone number: the officer must call the customer back.
PHONE_MISSING = "telefoonnummer ontbreekt"

SOURCE_LABELS = {
    "email": "E-mail",
    "manual": "Handmatig",
    "slack_message": "Slack-bericht",
    "teams_message": "Teams-bericht",
}

EVENT_LABELS = {
    "received": "Klacht ontvangen",
    "registered": "Geregistreerd",
    "contact_recorded": "Contact opgenomen",
    "discussion_requested": "Bespreking met medewerker gevraagd",
    "employee_responded": "Reactie van medewerker ontvangen",
    "employee_declined": "Medewerker: ligt niet bij mij",
    "meeting_planned": "Gesprek met medewerker gepland",
    "meeting_moved": "Gesprek met medewerker verzet",
    "discussion_recorded": "Bespreking met medewerker gehouden",
    "closed": "Afgesloten",
    "rejected": "Geen klacht",
    "reopened": "Heropend",
    "note_added": "Notitie",
    "effectiveness_recorded": "Effectiviteit van maatregelen beoordeeld",
    "reply_received": "Reactie per e-mail ontvangen",
    "acknowledgement_sent": "Ontvangstbevestiging verstuurd",
    "warning_sent": "Waarschuwing verstuurd",
    "anonymised": "Persoonsgegevens verwijderd",
    "employee_unreachable": "Medewerker niet bereikbaar in de chat",
    "discussion_reminder_sent": "Herinnering aan medewerker verstuurd",
    "discussion_escalated": "Medewerker reageert niet",
    "meeting_reminder_sent": "Herinnering voor het gesprek verstuurd",
    "reclassified": "Soort, ernst of gewenste oplossing gewijzigd",
    "deadline_extended": "Beslistermijn verlengd",
    "letter_sent": "Brief aan de klant verstuurd",
    "acceptance_recorded": "Reactie op de beslissing vastgelegd",
    "recourse_started": "Vervolgstap vastgelegd",
    "recourse_decided": "Uitkomst van de vervolgstap vastgelegd",
}


# Why a file or folder could not be used, by the OSError's errno name.
FILE_PROBLEMS = {
    "ENOENT": "bestaat niet",
    "EEXIST": "bestaat al",
    "ENOTDIR": "is geen map",
    "EISDIR": "is een map, geen bestand",
    "EACCES": "geen toegang",
    "EPERM": "geen toegang",
    "EROFS": "alleen-lezen bestandssysteem",
    "ENOSPC": "schijf vol",
}


def file_problem(exc: OSError) -> str:
    """Dutch reason for a file system error, the system's own words for a rare one."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return FILE_PROBLEMS.get(name) or exc.strerror or str(exc)


# Each counted noun's plural, for `plural`.
NOUNS = {
    "klacht": "klachten",
    "open klacht": "open klachten",
    "werkdag": "werkdagen",
    "e-mail": "e-mails",
    "klant": "klanten",
    "maatregel": "maatregelen",
    "medewerker": "medewerkers",
}


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 klacht', '2 klachten': the count with the right form of the noun; the one way every
    text counts (the plural from NOUNS unless given)."""
    return f"{count} {one if count == 1 else many or NOUNS[one]}"


def date_in_words(day: dt.date, today: dt.date | None = None) -> str:
    """'woensdag 29 april 2026': the one way a date reads, on every surface and in the CLI;
    without the year when `today` is given and in the same year ('woensdag 29 april').

    Chat views and the CLI pass `today` (a view's `now`, bot.views.model.Moment), so a date
    this year reads without its year and one in another year with it ('maandag 4 januari
    2027' seen in December). Documents to archive and formal texts pass no `today` and keep
    the year: the reports (PDF, samenvatting.md) and the letters and mails to the
    complainant."""
    words = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return words if today is not None and today.year == day.year else f"{words} {day.year}"


def moment_in_words(moment: dt.datetime, today: dt.date | None = None) -> str:
    """'woensdag 29 april 2026 om 17:00' (in the moment's own time zone; the year as in
    `date_in_words`)."""
    return f"{date_in_words(moment.date(), today)} om {moment:%H:%M}"


def clock_time(moment: dt.datetime) -> str:
    """'10:42'."""
    return f"{moment:%H:%M}"
