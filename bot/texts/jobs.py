"""Dutch text of the clock: job names, failures, and the `clock` command's output."""

JOB_NAMES = {
    "mailbox": "mailbox lezen",
    "acknowledgements": "ontvangstbevestigingen versturen",
    "deadlines": "termijnbewaking",
    "effectiveness": "effectiviteitscontroles",
    "digest": "wekelijks overzicht",
    "retention": "bewaartermijn persoonsgegevens",
    "discussion": "herinneringen bij besprekingen",
    "reports": "kwartaal- en jaarrapportage",
    "root_refresh": "termijnregels bijwerken",
    "notifications": "meldingen versturen",
    "slack_delivery": "berichten naar Slack",
}

JOB_FAILING = (
    ":warning: De taak '{job}' van de klachtenbot mislukt herhaaldelijk ({error}). "
    "Niets gaat verloren: de bot probeert het steeds opnieuw. "
    "`klachtenbot status` toont de stand."
)
CLOCK_ONCE_FAILED = "Niet alle taken zijn gelukt: {jobs} (zie de log; de volgende keer opnieuw)."
