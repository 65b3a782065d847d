"""Dutch text for finding complaints in Slack: /klacht lijst, zoek, a complaint's card,
recurrence and the App Home dashboards."""

HELP_COMMAND = "/klacht"
HELP_TITLE = "{command} – klachten in Slack"
# (the command's words after its name, each way to type it; what it does)
HELP_COMMANDS = (
    (("",), "een nieuwe klacht vastleggen (telefoon, balie)"),
    (("lijst",), "open klachten, verlopen termijnen eerst"),
    (("zoek <tekst>",), "zoeken op kenmerk, naam, e-mailadres, telefoonnummer of woorden"),
    (("K-2026-0001",), "één klacht met haar knoppen en een link naar de draad"),
    (
        ("K-2026-0001 historie",),
        "elke gebeurtenis van een klacht: wie, wanneer, wat ervoor en erna",
    ),
    (("rapport 2026-Q3", "rapport 2026"), "kwartaal- of jaarrapportage"),
    (
        ("genegeerd", "genegeerd 2026-12-01"),
        "e-mail die niet als klacht is opgeslagen (automatische berichten, nieuwsbrieven), "
        "met de reden; zit er toch een klacht tussen, dan registreer je die met één klik",
    ),
    (("help",), "deze uitleg"),
)
HELP_LINE = "{commands} – {what}"
HELP_OR = " of "
HELP_SHORTCUT = "Een Slack-bericht maak je tot klacht met de berichtsnelkoppeling {shortcut}."
SHORTCUT_NAME = "Registreer als klacht"
HELP_EMPLOYEE = (
    "Je ziet alleen de klachten waarover de klachtenfunctionaris jouw kant van het verhaal "
    "vraagt; die vind je ook op het tabblad Start."
)
HELP_MANAGEMENT = "Als directie zie je de cijfers en de stand van zaken, zonder contactgegevens."
UNKNOWN = "Onbekende opdracht {word}."

# lijst
COUNTED = "{title} ({count})"
LIST_TITLE = "Open klachten"
LIST_TITLE_EMPLOYEE = "Open klachten waarover je reactie is gevraagd"
LIST_NONE = "Er zijn geen open klachten."
LIST_NONE_EMPLOYEE = "Er zijn geen open klachten waarover je reactie is gevraagd."
LIST_MORE = "Dit zijn de eerste {shown}. Zoek gericht met {search}."
SEARCH_COMMAND = "zoek <tekst>"
DAYS_LEFT = "nog {days}"
DUE_TODAY = "vandaag vóór {time}"
OVERDUE = "termijn verlopen"
CONTACTED = "contact opgenomen"

# zoek
SEARCH_EMPTY = (
    "Waar zoek je naar? Bijvoorbeeld {example}, een naam, e-mailadres, telefoonnummer of kenmerk."
)
SEARCH_TITLE = "{found} “{query}”:"
SEARCH_FOUND = "Gevonden voor"
SEARCH_EXAMPLE = "zoek loonstrook"
SEARCH_NONE = "Niets gevonden voor “{query}”."
SEARCH_NONE_EMPLOYEE = (
    "Niets gevonden voor “{query}” onder de klachten waarover je reactie is gevraagd."
)
SEARCH_MORE = (
    "Dit zijn de {shown} nieuwste. Maak je zoekopdracht specifieker: voeg een woord toe, "
    "of zoek op e-mailadres, telefoonnummer of kenmerk."
)

# show
NOT_YOURS = "Klacht {reference} kun je niet inzien: je bent er niet om een reactie over gevraagd."
THREAD_LINK = "Naar de draad in het klachtenkanaal"
SOURCE_LINK = "Bron: {link}"
SOURCE_LINK_LABEL = "Slack-bericht"
HIDDEN = "afgeschermd"

# recurrence
RECURRENCE_TITLE = "Eerder (laatste 12 maanden)"
RECURRENCE_NONE = (
    "Geen eerdere klachten in de laatste 12 maanden van deze klant, over deze medewerker "
    "of in deze categorie."
)
RECURRENCE_COMPLAINANT = "Zelfde klant: {count} ({references})"
RECURRENCE_EMPLOYEE = "Over dezelfde medewerker: {count} ({references})"
RECURRENCE_CATEGORY = "Zelfde categorie: {count} ({references})"
RECURRENCE_AND_MORE = ", …"

# App Home
# The officer's to-do list: each open complaint in one group (bot.procedure.todo.Todo).
HOME_GROUPS = {
    "now": "Nu doen",
    "waiting": "Wacht op anderen",
    "ready": "Klaar om af te sluiten",
}
HOME_GROUP_HINTS = {
    "now": "Registreren, contact opnemen of de bespreking vastleggen; verlopen termijnen eerst.",
    "waiting": "Op een medewerker, een gepland gesprek of een vervolgstap van de klant.",
    "ready": "Contact is vastgelegd en de bespreking is klaar of niet nodig.",
}
HOME_GROUP_EMPTY = "Geen klachten."
HOME_OPEN_TOTAL = "Totaal"
HOME_NONE_OPEN = "Er zijn geen open klachten."
# `/klacht lijst` shows fewer than the Home, so only a search finds the rest.
HOME_MORE = "En nog {complaints}; zoek gericht met {search}."
HOME_UPDATED = "Bijgewerkt {moment}"
HOME_ESCALATIONS = "{title} ({count}): contacttermijn verlopen zonder contact"
HOME_ESCALATIONS_TITLE = "Openstaande escalaties"
HOME_NO_ESCALATIONS = "Er staan geen escalaties open."
HOME_ESCALATION_LINE = "{reference} · {category} · termijn verlopen {moment}"
HOME_ESCALATIONS_MORE = "En nog {count}."
HOME_NO_REPORT = "Er is nog geen kwartaalrapportage verstuurd."

# `/klacht genegeerd`: e-mail the intake ignored, for the officer
IGNORED_COMMAND = "genegeerd"
IGNORED_EXAMPLE = "genegeerd 2026-12-01"
IGNORED_TITLE = "Genegeerde e-mail"
IGNORED_INTRO = (
    "Nieuwste eerst, elk met de reden. Zit er toch een klacht tussen, registreer die dan met de "
    "knop: de klacht krijgt het oorspronkelijke ontvangstmoment en de contacttermijn die daarbij "
    "hoort."
)
IGNORED_NONE = "Er is geen genegeerde e-mail bewaard."
IGNORED_NONE_SINCE = "Er is geen genegeerde e-mail ontvangen sinds {day}."
IGNORED_ENTRY = "E-mail {number} · ontvangen {received} · {reason}"
IGNORED_FROM = "Van {sender}: {subject}"
IGNORED_NO_SUBJECT = "(geen onderwerp)"
IGNORED_MORE = "Dit zijn de {shown} nieuwste van {total}. Oudere vind je met {command}."
IGNORED_NOT_ALLOWED = "Genegeerde e-mail ziet alleen de klachtenfunctionaris."
IGNORED_BAD_DATE = "{word} is geen datum. Typ bijvoorbeeld {example}."
ADMIT_BUTTON = "Toch registreren als klacht"
ADMITTED = (
    "Klacht {reference} gemaakt van e-mail {number}: ontvangen {received}, contacttermijn "
    "{deadline}."
)
ADMITTED_LATE = "De contacttermijn is al verstreken; er gaat geen ontvangstbevestiging uit."
HOME_IGNORED = "Genegeerde e-mail, 7 dagen"
HOME_IGNORED_HINT = (
    "{emails} in de laatste 7 dagen niet als klacht opgeslagen; kijk of er toch "
    "een klacht tussen zit met {command}."
)
