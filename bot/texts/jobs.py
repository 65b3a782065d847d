"""Dutch text of the clock: job names, failures, and the `clock` command's output."""

JOB_NAMES = {
    "mailbox": "mailbox lezen",
    "acknowledgements": "ontvangstbevestigingen versturen",
    "letters": "brieven aan klagers versturen",
    "deadlines": "termijnbewaking",
    "no_reaction": "geen reactie op besluit vastleggen",
    "effectiveness": "effectiviteitscontroles",
    "digest": "wekelijks overzicht",
    "retention": "bewaartermijn persoonsgegevens",
    "discussion": "herinneringen bij besprekingen",
    "reports": "kwartaal- en jaarrapportage",
    "report_requests": "opgevraagde rapportages",
    "notifications": "meldingen versturen",
    "slack_delivery": "berichten naar Slack",
    "homes": "startpagina's in Slack bijwerken",
    "teams_delivery": "klachten in het klachtenkanaal van Teams",
    "teams_employees": "verzoeken aan medewerkers in Teams",
    "teams_notifications": "meldingen in Teams",
    "teams_homes": "startkaarten in Teams bijwerken",
    "teams_reports": "kwartaal- en jaarrapportage in Teams",
    "teams_report_requests": "opgevraagde rapportages in Teams",
}

# To the officers when a job keeps failing: what failed, what it means, what to do.
JOB_FAILING = "De taak '{job}' van de klachtenbot mislukt herhaaldelijk: {error}. {meaning}"
JOB_FAILING_ACTION = (
    "Niets gaat verloren: de bot probeert het steeds opnieuw. Vraag de beheerder van de "
    "klachtenbot om {command} te bekijken; daar staat wat er misgaat."
)
JOB_MEANINGS = {
    "mailbox": "Klachten die per e-mail binnenkomen, verschijnen nog niet in het klachtenkanaal.",
    "acknowledgements": "Klanten krijgen nog geen ontvangstbevestiging van hun e-mail.",
    "letters": "Beslisbrieven en verlengingen gaan nog niet naar de klant.",
    "deadlines": (
        "Waarschuwingen over contact- en beslistermijnen blijven uit: houd de termijnen zelf in "
        "de gaten op je startpagina."
    ),
    "no_reaction": "Besluiten waarop de klant niet reageerde, krijgen nog geen 'geen reactie'.",
    "effectiveness": "Herinneringen aan effectiviteitscontroles blijven uit.",
    "digest": "Het wekelijks overzicht van lang openstaande klachten blijft uit.",
    "retention": "Persoonsgegevens die over hun bewaartermijn zijn, worden nog niet gewist.",
    "discussion": "Herinneringen aan medewerkers bij een bespreking blijven uit.",
    "reports": "De kwartaal- of jaarrapportage wordt nog niet gemaakt.",
    "report_requests": "Opgevraagde rapportages worden nog niet gemaakt.",
    "notifications": "Meldingen in de draden en aan de directie blijven uit.",
    "slack_delivery": "Nieuwe klachten en wijzigingen verschijnen nog niet in het klachtenkanaal.",
    "homes": "De startpagina's tonen een oude stand.",
    "teams_delivery": "Nieuwe klachten en wijzigingen verschijnen nog niet in het klachtenkanaal.",
    "teams_employees": "Medewerkers krijgen de vraag om hun reactie of een herinnering nog niet.",
    "teams_notifications": "Waarschuwingen en escalaties bereiken de mensen in Teams nog niet.",
    "teams_homes": "De startkaarten in Teams tonen een oude stand.",
    "teams_reports": "De kwartaal- of jaarrapportage verschijnt nog niet in het directiekanaal.",
    "teams_report_requests": "Opgevraagde rapportages verschijnen nog niet in Teams.",
}
# What went wrong, as a person reads it (never the kind of error or a place in the code).
SLACK_REFUSED = "geweigerd door de chatdienst: {error}"
ERROR_CONNECTION = "een andere dienst (de mailserver of de chatdienst) is niet bereikbaar"
ERROR_DATABASE = "de database is niet bereikbaar"
ERROR_UNEXPECTED = "een onverwachte fout in de klachtenbot (de details staan in de log)"
MAILBOX_NOT_CLEANED = "de mailbox was niet bereikbaar om oude e-mails te verwijderen"
CLOCK_ONCE_FAILED = (
    "Niet alle taken zijn gelukt: {jobs} (zie de log en klachtenbot status; de volgende keer "
    "opnieuw)."
)

# Notices in a complaint's thread (after the officers' mentions).
NOTICE_PRE_WARNING = (
    "Vandaag om {time} verloopt de contacttermijn van {reference}. "
    "Er is nog geen contact met de klant vastgelegd."
)
NOTICE_OVERDUE = (
    "De contacttermijn van {reference} is verstreken op {moment} "
    "zonder vastgelegd contact met de klant. De directie krijgt hiervan bericht."
)
NOTICE_OVERDUE_NOBODY_TOLD = (
    "De contacttermijn van {reference} is verstreken op {moment} "
    "zonder vastgelegd contact met de klant. De directie krijgt geen bericht: MANAGEMENT_CHANNEL "
    "is niet ingesteld."
)
NOTICE_ESCALATED = (
    "De directie is op de hoogte gebracht van de verstreken contacttermijn van {reference}."
)
NOTICE_ESCALATION_FAILED = (
    "Het bericht aan de directie over de verstreken contacttermijn van {reference} is niet "
    "aangekomen ({error}): de directie weet het nog niet. Controleer de instelling {setting} "
    "(het kanaal-ID, en of de bot in het kanaal is uitgenodigd met /invite); de bot probeert "
    "het intussen opnieuw."
)
NOTICE_DECISION_PRE_WARNING = (
    "Vandaag om {time} verloopt de beslistermijn van {reference}. Sluit de klacht af met een "
    "besluit, of verleng de termijn met een reden (de klager krijgt daarvan bericht)."
)
NOTICE_DECISION_OVERDUE = (
    "De beslistermijn van {reference} is verstreken op {moment} zonder besluit. De directie is "
    "op de hoogte gebracht."
)
NOTICE_EFFECTIVENESS = (
    "{day} de effectiviteitscontrole van {reference} gepland: hebben "
    "de maatregelen gewerkt? Leg de uitkomst vast."
)
TODAY = "Vandaag staat"
ON_DAY = "Op {day} stond"
NOTICE_LATE = "Deze melding stond gepland voor {moment}."
NOTICE_FALLBACK = "{reference}: {label}"

# To management.
ESCALATION = (
    "{title} ({category}). De termijn liep af "
    "op {moment} en er is nog geen contact met de klant vastgelegd. Klachtenfunctionaris: "
    "{mentions}."
)
ESCALATION_FALLBACK = "Contacttermijn verstreken: {reference}"
DECISION_ESCALATION = (
    "{title} ({category}). De beslistermijn liep af op {moment} en er is nog geen besluit. "
    "Klachtenfunctionaris: {mentions}."
)
DECISION_ESCALATION_FALLBACK = "Beslistermijn verstreken: {reference}"
NO_CATEGORY = "nog niet geregistreerd"
# Several escalations of one clock run, to one recipient, as one message.
ESCALATIONS_TITLE = "{count} klachten zonder contact binnen de termijn"
DECISION_ESCALATIONS_TITLE = "{count} klachten zonder besluit binnen de beslistermijn"
ESCALATIONS_LINE = "{reference} · {category} · termijn verlopen {moment}"
ESCALATIONS_TOLD = "De klachtenfunctionaris is gewaarschuwd."
# Several deadline notices of one clock run, to each officer, as one list.
OFFICER_LIST_TITLE = "{count} termijnen vragen je aandacht"
OFFICER_LIST_LINES = {
    "pre_warning": "{reference} · contact vóór {moment}",
    "overdue": "{reference} · contacttermijn verlopen op {moment}",
    "decision_pre_warning": "{reference} · besluit vóór {moment}",
    "decision_overdue": "{reference} · beslistermijn verlopen op {moment}",
}
OFFICER_LIST_HINT = "Elke klacht staat met deze melding in haar eigen draad."

# The weekly digest to each officer.
DIGEST_HEADING = "Wekelijks overzicht:"
DIGEST_TITLE = "{heading} {complaints} langer dan {days} werkdagen open."
DIGEST_LINE = "• {reference} · {state} · ontvangen {received} ({days} werkdagen)"
DIGEST_MORE = "… en nog {count} andere."
DIGEST_NONE = "{heading} geen klachten langer dan {days} werkdagen open."
DIGEST_FALLBACK = "Wekelijks overzicht open klachten"
DIGEST_IGNORED = (
    "{emails} van de afgelopen week niet als klacht opgeslagen (automatische "
    "berichten, nieuwsbrieven); kijk of er toch een klacht tussen zit met {command}."
)

# `klachtenbot status`
STATUS_HEALTHY = "Gezond."
STATUS_UNHEALTHY = "Niet gezond:"
STATUS_FAILING = "taak '{job}' mislukt al {failures} keer achter elkaar"
STATUS_STALE = "taak '{job}' is niet meer gelukt sinds {moment}"
STATUS_STUCK = "{count} bericht(en) naar Slack blijven mislukken"
STATUS_COUNTS = "Open: {open} · termijn vandaag: {due_today} · termijn verstreken: {overdue}"
STATUS_BACKLOG = "Nog naar Slack: {outbox} klacht(en), {notifications} melding(en)"
STATUS_ACKNOWLEDGEMENTS = "Ontvangstbevestigingen nog niet verstuurd: {count}."
STATUS_SMTP_ERROR = "Laatste fout: {error}."
STATUS_MAILBOX = "Mailbox laatst gelezen: {moment}"
STATUS_JOB = "Taak '{job}': laatst gelukt {moment}, mislukt op rij: {failures}"
NEVER = "nooit"
