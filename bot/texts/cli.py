"""Dutch text of the `klachtenbot` command line."""

DESCRIPTION = "klachtenbot: de klachtenregeling in Slack, van e-mail tot kwartaalrapportage."
HELP_DB = "database beheren"
HELP_DB_UPGRADE = "database bijwerken naar het nieuwste schema (migraties)"
HELP_DEADLINE = "contacttermijn berekenen voor een ontvangstmoment"
HELP_DEADLINE_ARG = "ontvangstmoment, ISO 8601 (zonder offset: Nederlandse tijd)"
HELP_LIST = "klachten tonen, de meest urgente eerst"
HELP_STATE = "alleen klachten in deze status"
HELP_JSON = "uitvoer als JSON"
HELP_SHOW = "één klacht tonen met haar geschiedenis"
HELP_REF = "kenmerk, bijvoorbeeld K-2026-0001"
HELP_INGEST = (
    "één e-mail (RFC 5322) innemen uit een bestand of stdin, zoals een mailserver die doorpijpt"
)
HELP_SOURCE = "bestand met het bericht, of - voor stdin (standaard)"
HELP_POLL = "de klachtenmailbox (IMAP) lezen"
HELP_ONCE = "één keer lezen en stoppen"
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
HELP_REPORT = "kwartaal- of jaarrapportage schrijven naar een map"
HELP_PERIOD = "periode, bijvoorbeeld 2026-Q3 of 2026"
HELP_OUT = "map voor de grafieken, CSV, samenvatting en (per jaar) PDF"
HELP_DEMO = "demonstratie zonder Slack en mailbox, op een eigen SQLite-bestand"

BAD_MOMENT = "Ongeldig ontvangstmoment {value!r}: gebruik bijvoorbeeld 2026-04-24T16:00"
DEADLINE_WORDS = "Contacttermijn: {moment} ({days} werkdagen na de dag van ontvangst)"
SKIPPED_DAY = "  {day}: geen werkdag ({reason})"
DB_UPGRADED = "Database bijgewerkt: {url}"
DB_UNAVAILABLE = "Database niet bereikbaar: {reason}"
DB_NOT_UPGRADED = "De database heeft nog geen tabellen: voer eerst `klachtenbot db upgrade` uit."
NO_COMPLAINTS = "Geen klachten."
LIST_HEADER = "{reference:<12} {state:<18} {deadline:<22} {subject}"
SHOW_FIELD = "{label:<22} {value}"
SHOW_EVENTS = "Geschiedenis:"
SHOW_EVENT = "  {at}  {label} ({actor})"
HELP_HISTORY = "de volledige historie: elke gebeurtenis met wie, wanneer en wat ervoor en erna"
HELP_EXPORT = "gegevens exporteren: alles over één klant (inzageverzoek) of een periode (audit)"
HELP_COMPLAINANT = "e-mailadres van de klant"
HELP_EXPORT_PERIOD = "periode voor een audit, bijvoorbeeld 2026 of 2026-Q3 (CSV en JSON)"
HELP_EXPORT_OUT = "map waarin de export komt"
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
    "bijlage(n) in {folder}"
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
