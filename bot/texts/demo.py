"""Dutch narration of `klachtenbot demo`."""

TITLE = "klachtenbot demo: de klachtenregeling op een gesimuleerde klok, zonder Slack"
DATABASE = "Database: {url}"
STEP = "[{at}] {reference} {label} door {actor}  ->  status: {state}"
RECEIVED = "[{at}] {reference} ontvangen ({source}): {subject!r}  contacttermijn {deadline}"
REFUSED = "[{at}] {reference} geweigerd: {message}"
SUMMARY = "Stand van zaken:"
SUMMARY_LINE = "  {reference}  {state:<18} contacttermijn {deadline}"
LOOK = "Bekijk het resultaat met:"
LOOK_COMMAND = "  DATABASE_URL={url} {command} list"
LOOK_SHOW = "  DATABASE_URL={url} {command} show {reference}"
REPORT = "Kwartaalrapportage K3 2026 (PDF, grafieken, CSV, samenvatting) staat in {folder}/"
REPORT_YEAR = "Klachtenjaarverslag 2025 (PDF, grafieken, CSV, samenvatting) staat in {folder}/"
HISTORY = (
    "Voor de rapportages: {count} eerdere klachten sinds {since} door de procedure gehaald, "
    "zodat de trend en het jaarverslag over echte kwartalen gaan."
)
SLACK_PREVIEW = "Zo staat {reference} in het klachtenkanaal (hoofdbericht, daaronder de draad):"
TEAMS_CARDS = (
    "De {count} Teams-kaarten (kanaal, draad, verzoeken aan medewerkers, Home) staan als "
    "Adaptive Card JSON in {folder}/: te plakken in de Adaptive Cards Designer."
)
CLOCK_RUNS_ON = (
    "De klok loopt door (elk uur draaien de taken van {command}): niemand belt de "
    "laatste klant terug."
)
NOTICE = "[{at}] {reference} {label} {where}"
NOTICE_THREAD = "in de draad, met vermelding van de klachtenfunctionaris"
NOTICE_TO = "naar {to}"
NOTICE_LABELS = {
    "pre_warning": "voorwaarschuwing: contacttermijn verloopt vandaag,",
    "overdue": "contacttermijn verstreken,",
    "escalation": "escalatie aan de directie",
    "escalated": "directie op de hoogte gebracht,",
    "escalation_failed": "bericht aan de directie niet aangekomen,",
    "effectiveness_check": "herinnering effectiviteitscontrole,",
    "weekly_digest": "wekelijks overzicht",
    "decision_pre_warning": "voorwaarschuwing: beslistermijn verloopt vandaag,",
    "decision_overdue": "beslistermijn verstreken,",
    "decision_escalation": "escalatie beslistermijn aan de directie",
    "management_alert": "directie direct ingelicht",
    "letter": "brief aan de klager",
    "letter_to_post": "brief om per post te versturen,",
    "officer_list": "termijnen in één lijst aan de klachtenfunctionaris,",
}
DM_PREVIEW = "Zo ziet {employee} de vraag om een reactie (direct bericht in Slack):"
JOB = "[{at}] {reference} {label} (geplande taak)"
REFUSED_DATABASE = (
    "De demo schrijft niet in {url}: die database bevat al klachten. Laat --database-url weg "
    "(eigen bestand in demo-output/) of geef een lege database op."
)
