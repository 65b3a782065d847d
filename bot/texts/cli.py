"""Dutch text of the `klachtenbot` command line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.texts import (
    CATEGORY_LABELS,
    CONTACT_OUTCOME_LABELS,
    RELATION_TYPE_LABELS,
    ROOT_CAUSE_LABELS,
    SATISFACTION_LABELS,
    SOURCE_LABELS,
    STATE_LABELS,
    date_in_words,
    moment_in_words,
)
from bot.texts.complainant import (
    ACCEPTANCE_LABELS,
    OUTCOME_LABELS,
    RECOURSE_BODY_LABELS,
    REMEDY_LABELS,
    ROUTE_LABELS,
    SEVERITY_LABELS,
)
from bot.texts.privacy import FIELD_LABELS
from bot.texts.slack import DATA_LABELS

DESCRIPTION = "klachtenbot: de klachtenregeling in Slack, van e-mail tot kwartaalrapportage."
HELP_DB = "database beheren"
HELP_DB_UPGRADE = "database bijwerken naar het nieuwste schema (migraties)"
HELP_DEADLINE = "contacttermijn berekenen voor een ontvangstmoment"
HELP_DEADLINE_ARG = "ontvangstmoment, ISO 8601 (zonder offset: Nederlandse tijd)"
HELP_LIST = "klachten tonen, de meest urgente eerst"
HELP_STATE = "alleen klachten in deze status: de code of de Nederlandse naam ({states})"
BAD_STATE = "onbekende status {value!r}; kies uit {states} of hun Nederlandse naam"
HELP_VERSION = "toon de versie en stop"
HELP_ENV_FILE = (
    "instellingenbestand (ook via KLACHTENBOT_ENV_FILE); gaat vóór .env in de huidige map"
)
HELP_JSON = "uitvoer als JSON"
HELP_SHOW = "één klacht tonen met haar geschiedenis"
HELP_REF = "kenmerk, bijvoorbeeld K-2026-0001"
HELP_INGEST = (
    "één e-mail (RFC 5322) innemen uit een bestand of stdin, zoals een mailserver die doorpijpt"
)
HELP_SOURCE = "bestand met het bericht, of - voor stdin (standaard)"
HELP_POLL = "de klachtenmailbox (IMAP) lezen"
HELP_IGNORED = (
    "genegeerde e-mail tonen (automatische berichten, nieuwsbrieven, ...) met de reden, om te "
    "zien of er toch een klacht tussen zit"
)
HELP_SINCE = "alleen e-mail ontvangen vanaf deze datum (bijvoorbeeld 2026-12-01)"
HELP_ADMIT = (
    "van een genegeerde e-mail toch een klacht maken, met het oorspronkelijke ontvangstmoment "
    "en de contacttermijn die daarbij hoort"
)
HELP_ADMIT_ID = "het nummer van de e-mail in klachtenbot ignored"
HELP_ONCE = "één keer lezen en stoppen"
HELP_MAIL_LOGIN = (
    "de klachtenmailbox aanmelden met OAuth2 (apparaatcode): het vernieuwingstoken komt in "
    "de database"
)
HELP_PROVIDER = (
    "microsoft (Microsoft 365, via msal) of generic (RFC 8628, bijv. Google); standaard "
    "afgeleid van IMAP_OAUTH2_TOKEN_URL"
)
HELP_CLOCK = "de planner: termijnbewaking, meldingen, rapportages en bezorging naar Slack"
HELP_CLOCK_ONCE = (
    "alles uitvoeren wat nu aan de beurt is, bezorgen en stoppen (cron, systemd-timer)"
)
HELP_STATUS = (
    "taken (laatst gelukt), open / termijn vandaag / verstreken, wachtrij naar Slack, "
    "laatste mailboxronde; exitcode 1 als het niet gezond is"
)
HELP_RUN = "de bot via Socket Mode met de planner (kleine kantoren zonder publiek adres)"
HELP_WEB = "de bot als HTTP-dienst op $PORT (/slack/events, /healthz)"
HELP_TEAMS = (
    "de bot in Microsoft Teams als HTTP-dienst op $PORT (/api/messages, /healthz); legt vast "
    "waar de bot is toegevoegd (nog zonder knoppen, formulieren en opdrachten)"
)
HELP_TEAMS_MANIFEST = "het Teams-app-pakket (manifest.json en twee pictogrammen) als zip"
HELP_TEAMS_MANIFEST_OUT = "het zip-bestand dat geschreven wordt, bijvoorbeeld klachtenbot-teams.zip"
HELP_TEAMS_DOMAIN = (
    "het domein van het berichten-eindpunt (bijvoorbeeld klachten.example.nl), als geldig "
    "domein in het manifest"
)
TEAMS_MANIFEST_WRITTEN = "Teams-app-pakket geschreven: {path} (app {app_id})"
HELP_REPORT = "kwartaal- of jaarrapportage schrijven naar een map"
HELP_PERIOD = "periode, bijvoorbeeld 2026-Q3 of 2026"
HELP_OUT = "map voor de grafieken, CSV, samenvatting en PDF"
HELP_DEMO = (
    "demonstratie zonder Slack en mailbox, op een eigen SQLite-bestand in demo-output/ "
    "(nooit de database uit de instellingen)"
)
HELP_DEMO_DATABASE = "een lege database voor de demo in plaats van het eigen bestand"

BAD_MOMENT = "Ongeldig ontvangstmoment {value!r}: gebruik bijvoorbeeld 2026-04-24T16:00"
DEADLINE_WORDS = "Contacttermijn: {moment} ({days} werkdagen na de dag van ontvangst)"
SKIPPED_DAY = "  {day}: geen werkdag ({reason})"
DB_UPGRADED = "Database bijgewerkt: {url}"
DB_UNAVAILABLE = "Database niet bereikbaar: {reason}"
DB_DOWN = "Database {url} niet bereikbaar: {reason}; controleer DATABASE_URL."
DB_DOWN_REASONS = {
    "refused": "de server weigert de verbinding (draait PostgreSQL, en klopt de poort?)",
    "no_database": "die database bestaat niet (maak hem met createdb, of zet de naam goed)",
    "no_role": "die databasegebruiker bestaat niet (maak hem met createuser, of zet de naam goed)",
    "password": "gebruikersnaam of wachtwoord geweigerd",
    "host": "de servernaam is onbekend (een typefout, of DNS)",
    "timeout": "geen antwoord binnen de tijd (netwerk of firewall)",
    "file": (
        "het bestand is niet te openen (bestaat de map, en mag deze gebruiker erin schrijven?)"
    ),
    "locked": "het bestand is bezet door een ander proces",
}
DB_BEHIND = (
    "De database {url} loopt achter op deze versie van klachtenbot (revisie {current}, nodig "
    "{head}): voer {command} uit."
)
DB_UNKNOWN_REVISION = (
    "De database {url} staat op revisie {current}, die deze versie van klachtenbot niet kent "
    "(bijgewerkt door een nieuwere versie?): installeer die versie weer, of zet de back-up van "
    "vóór die upgrade terug."
)
DB_NOT_UPGRADED = (
    "De database {url} heeft nog geen tabellen: voer eerst {command} uit "
    "(of kies een andere database met DATABASE_URL of --env-file)."
)
LOGIN_STORED = (
    "Aangemeld: het vernieuwingstoken staat in de database {url}; {command} gebruikt "
    "het vanaf nu (en bewaart daar ook de vervangende tokens)."
)
NO_COMPLAINTS = "Geen klachten."
BAD_DATE = "Ongeldige datum {value!r}: gebruik bijvoorbeeld 2026-12-01"
NO_IGNORED = "Geen genegeerde e-mail."
IGNORED_HEADER = (
    "Genegeerde e-mail, nieuwste eerst. Zit er een klacht tussen, maak die dan met {command}."
)
IGNORED_LINE = "{id:>7}  {received:<16}  {reason:<28}  {sender:<32}  {subject}"
IGNORED_COLUMNS = {
    "id": "Nummer",
    "received": "Ontvangen",
    "reason": "Reden",
    "sender": "Afzender",
    "subject": "Onderwerp",
}
IGNORED_NOTE = "{indent}  {note}"
ADMITTED = (
    "Klacht {reference} gemaakt van e-mail {id}: ontvangen {received}, contacttermijn {deadline}."
)
ADMITTED_LATE = "De contacttermijn is al verstreken; er gaat geen ontvangstbevestiging uit."
CLI_ACTOR = "beheerder op de opdrachtregel ({user})"
LIST_LINE = "{reference:<12} {state:<18} {deadline:<17} {subject}"
LIST_COLUMNS = {
    "reference": "Kenmerk",
    "state": "Status",
    "deadline": "Contacttermijn",
    "subject": "Onderwerp",
}
SHOW_FIELD = "{label:<26} {value}"
SHOW_EVENTS = "Geschiedenis:"
SHOW_EVENT = "  {at}  {label} ({actor})"
HELP_HISTORY = "de volledige historie: elke gebeurtenis met wie, wanneer en wat ervoor en erna"
HELP_EXPORT = "gegevens exporteren: alles over één klant (inzageverzoek) of een periode (audit)"
HELP_COMPLAINANT = "e-mailadres van de klant"
HELP_EXPORT_PERIOD = "periode voor een audit, bijvoorbeeld 2026 of 2026-Q3 (CSV en JSON)"
HELP_EXPORT_OUT = "nieuwe map waarin de export komt (alleen voor de eigenaar leesbaar)"
HELP_RETENTION = (
    "persoonsgegevens verwijderen uit klachten die langer dan RETENTION_MONTHS maanden "
    "afgesloten zijn (cijfers, categorieën en datums blijven)"
)
HELP_DRY_RUN = "alleen tonen welke klachten en hoeveel gegevens; niets wijzigen"
HELP_ERASE = "alle persoonsgegevens van één klant nu verwijderen (recht op vergetelheid)"
HELP_YES = "niet om bevestiging vragen (voor scripts)"

HISTORY_HEADER = "Historie van {reference}:"
HISTORY_ENTRY = "  {heading}"
HISTORY_DETAIL = "      {detail}"
EXPORTED_SUBJECT = (
    "Export voor {email}: {complaints} klacht(en), {emails} e-mail(s), {attachments} "
    "bijlage(n), {letters} brief/brieven in {folder}"
)
EXPORTED_PERIOD = "Export {period}: {count} klacht(en) in {csv} en {json}"
CLEANING_LINE = "{reference:<12} {fields} gegevens, {emails} e-mail(s), {attachments} bijlage(n)"
RETENTION_NONE = "Geen klachten voorbij de bewaartermijn van {months} maanden."
RETENTION_PREVIEW = (
    "Voorbeeld: {count} klacht(en) zouden worden geanonimiseerd en {others} andere e-mail(s) "
    "gewist (er is niets gewijzigd)."
)
RETENTION_DONE = "{count} klacht(en) geanonimiseerd, {others} andere e-mail(s) gewist."
ERASE_NONE = "Niets opgeslagen over {email}."
ERASE_FOUND = "Over {email}: {complaints} klacht(en) en {others} andere e-mail(s)."
ERASE_CONFIRM = "Persoonsgegevens definitief verwijderen? Typ ja om door te gaan: "
ERASE_ABORTED = "Afgebroken: er is niets verwijderd."
ERASE_DONE = "Verwijderd: {complaints} klacht(en) geanonimiseerd, {others} andere e-mail(s) gewist."
MAILBOX_CLEANED = "Mailbox: {count} afgehandelde e-mail(s) {verb} uit {folders}."
MAILBOX_WOULD = "zouden worden verwijderd"
MAILBOX_DID = "verwijderd"
MAILBOX_FAILED = (
    "Mailbox niet bereikbaar ({reason}); de database is wel bijgewerkt. Probeer het later opnieuw."
)
BAD_EMAIL = "geen e-mailadres: {value!r}"
OUT_NOT_A_FOLDER = "{path} is een bestand, geen map; kies een andere map"
OUT_NOT_WRITABLE = "geen schrijfrechten in de map {path}"
FILE_ERROR = "{path}: {reason}"

# `show`: the complaint's fields, in this order, in the words of the Slack messages and modals
# (DATA_LABELS), with names of their own for the fields that only a complaint has.
SHOW_ORDER = (
    "reference",
    "state",
    "source",
    "received_at",
    "contact_deadline",
    "decision_start",
    "decision_deadline",
    "subject",
    "body",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "phone_uncertain",
    "phone_missing",
    "relation_type",
    "category",
    "route",
    "suitable_work",
    "severity",
    "severity_reason",
    "remedy",
    "remedy_text",
    "forwarded_by",
    "source_link",
    "registered_at",
    "contacted_at",
    "contact_outcome",
    "agreed_measures",
    "employee_id",
    "discussion_requested_at",
    "employee_response",
    "employee_responded_at",
    "discussed_at",
    "discussion_summary",
    "closed_at",
    "resolution",
    "root_cause_category",
    "root_cause",
    "corrective_measures",
    "preventive_measures",
    "customer_satisfied",
    "no_employee_reason",
    "effectiveness_check_on",
    "effectiveness_result",
    "effective",
    "outcome",
    "decision_letter",
    "decision_sent_at",
    "acceptance_due",
    "acceptance",
    "acceptance_at",
    "recourse.body",
    "recourse.body_name",
    "recourse.started_on",
    "recourse.result",
    "recourse.result_text",
    "recourse.decided_on",
    "rejected_reason",
)
# The complainant's side, named as the history names them; `recourse.x` is a key of the
# JSON's `recourse` object.
COMPLAINANT_FIELDS = {
    "route": "route",
    "suitable_work": "suitable_work",
    "severity": "severity",
    "severity_reason": "severity_reason",
    "remedy": "remedy",
    "remedy_text": "remedy_text",
    "decision_start": "decision_start",
    "decision_deadline": "decision_deadline",
    "outcome": "outcome",
    "decision_letter": "decision_letter",
    "decision_sent_at": "decision_sent_at",
    "acceptance_due": "acceptance_due",
    "acceptance": "acceptance",
    "acceptance_at": "acceptance_at",
    "recourse.body": "recourse_body",
    "recourse.body_name": "recourse_body_name",
    "recourse.started_on": "recourse_on",
    "recourse.result": "recourse_result",
    "recourse.result_text": "recourse_result_text",
    "recourse.decided_on": "recourse_result_on",
}
COMPLAINT_LABELS = {
    "reference": "Kenmerk",
    "state": "Status",
    "received_at": "Ontvangen op",
    "contact_deadline": "Contacttermijn",
    "body": "Tekst",
    "complainant_email": "E-mail",
    "phone_missing": "Telefoonnummer ontbreekt",
    "phone_uncertain": "Telefoonnummer onzeker",
    "forwarded_by": "Doorgestuurd door",
    "source_link": "Slack-bericht",
    "registered_at": "Geregistreerd op",
    "contact_outcome": "Uitkomst",
    "discussion_requested_at": "Bespreking gevraagd op",
    "employee_response": "Reactie medewerker",
    "employee_responded_at": "Reactie medewerker op",
    "discussed_at": "Besproken op",
    "discussion_summary": "Verslag",
    "closed_at": "Afgesloten op",
    "effectiveness_result": "Resultaat effectiviteitscontrole",
    "effective": "Maatregelen effectief",
    "rejected_reason": "Reden geen klacht",
    **{key: FIELD_LABELS[field] for key, field in COMPLAINANT_FIELDS.items()},
}
SHOW_LABELS = {key: COMPLAINT_LABELS.get(key) or DATA_LABELS[key] for key in SHOW_ORDER}
VALUE_LABELS = {
    "state": STATE_LABELS,
    "source": SOURCE_LABELS,
    "relation_type": RELATION_TYPE_LABELS,
    "category": CATEGORY_LABELS,
    "root_cause_category": ROOT_CAUSE_LABELS,
    "contact_outcome": CONTACT_OUTCOME_LABELS,
    "customer_satisfied": SATISFACTION_LABELS,
    "route": ROUTE_LABELS,
    "severity": SEVERITY_LABELS,
    "remedy": REMEDY_LABELS,
    "outcome": OUTCOME_LABELS,
    "acceptance": ACCEPTANCE_LABELS,
    "recourse.body": RECOURSE_BODY_LABELS,
    "recourse.result": OUTCOME_LABELS,
}
YES, NO = "ja", "nee"


def show_value(key: str, value: Any, tz: dt.tzinfo, today: dt.date) -> str:
    """A JSON field value as `show` prints it: Dutch labels, ja/nee, and dates and moments in
    words as every view writes them (in `tz`, without the year of `today`)."""
    if isinstance(value, bool):
        return YES if value else NO
    labels = VALUE_LABELS.get(key)
    if labels is not None:
        return labels.get(str(value), str(value))
    text = str(value)
    try:
        if len(text) >= 16 and text[10:11] == "T":  # an ISO moment
            return moment_in_words(dt.datetime.fromisoformat(text).astimezone(tz), today)
        if len(text) == 10 and text[4:5] == "-" and text[7:8] == "-":  # an ISO date
            return date_in_words(dt.date.fromisoformat(text), today)
    except ValueError:
        pass
    return text


# argparse's own words (usage, help, errors), in Dutch: keyed by argparse's English message.
ARGPARSE = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "deze hulp tonen en stoppen",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hooguit één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected %s argument": "verwacht %s waarde",
    "expected %s arguments": "verwacht %s waarden",
    "not allowed with argument %s": "niet samen met argument %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ignored explicit argument %r": "overbodige waarde %r",
}

VERSION = "klachtenbot {version} (databaseschema {revision})"
