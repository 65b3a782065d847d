"""Dutch text for finding complaints in Slack: /klacht lijst, zoek, a complaint's card,
recurrence and the App Home dashboards."""

HELP_TITLE = "*/klacht* – klachten in Slack"
HELP_LINES = (
    "`/klacht` – een nieuwe klacht vastleggen (telefoon, balie)",
    "`/klacht lijst` – open klachten, verlopen termijnen eerst",
    "`/klacht zoek <tekst>` – zoeken op kenmerk, naam, e-mailadres, telefoonnummer of woorden",
    "`/klacht K-2026-0001` – één klacht met haar knoppen en een link naar de draad",
    "`/klacht K-2026-0001 historie` – elke gebeurtenis van een klacht: wie, wanneer, wat ervoor "
    "en erna (klachtenfunctionaris en directie)",
    "`/klacht rapport 2026-Q3` of `/klacht rapport 2026` – kwartaal- of jaarrapportage",
    "`/klacht help` – deze uitleg",
    "Een Slack-bericht maak je tot klacht met de berichtsnelkoppeling *Registreer als klacht*.",
)
HELP_EMPLOYEE = "Als medewerker zie je alleen de klachten waarover je om een reactie bent gevraagd."
HELP_MANAGEMENT = "Als directie zie je de cijfers en de stand van zaken, zonder contactgegevens."
UNKNOWN = "Onbekende opdracht `{word}`."

# lijst
LIST_TITLE = "*Open klachten* ({count})"
LIST_TITLE_EMPLOYEE = "*Open klachten waarover je reactie is gevraagd* ({count})"
LIST_NONE = "Er zijn geen open klachten."
LIST_NONE_EMPLOYEE = "Er zijn geen open klachten waarover je reactie is gevraagd."
LIST_MORE = "Dit zijn de eerste {shown}. Zoek gericht met `/klacht zoek <tekst>`."
DAYS_LEFT = "nog {days} werkdag{plural}"
DUE_TODAY = "vandaag vóór {time}"
OVERDUE = ":warning: termijn verlopen"
CONTACTED = "contact opgenomen"

# zoek
SEARCH_EMPTY = (
    "Waar zoek je naar? Bijvoorbeeld `/klacht zoek loonstrook`, een naam, e-mailadres, "
    "telefoonnummer of kenmerk."
)
SEARCH_TITLE = "*Gevonden voor* “{query}”:"
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
THREAD_LINK = "<{link}|Naar de draad in het klachtenkanaal>"
SOURCE_LINK = "Bron: <{link}|Slack-bericht>"
HIDDEN = "afgeschermd"

# recurrence
RECURRENCE_TITLE = "*Eerder (laatste 12 maanden)*"
RECURRENCE_NONE = (
    "Geen eerdere klachten in de laatste 12 maanden van deze klant, over deze medewerker "
    "of in deze categorie."
)
RECURRENCE_COMPLAINANT = "Zelfde klant: {count} ({references})"
RECURRENCE_EMPLOYEE = "Over dezelfde medewerker: {count} ({references})"
RECURRENCE_CATEGORY = "Zelfde categorie: {count} ({references})"
RECURRENCE_AND_MORE = ", …"

# App Home
HOME_COUNTS = {
    "new": "Nieuw",
    "awaiting_contact": "Wacht op contact",
    "overdue": "Termijn verlopen",
    "in_discussion": "In bespreking",
    "awaiting_closure": "Klaar om af te sluiten",
}
HOME_OPEN = "*Open klachten* ({count}), verlopen termijnen eerst"
HOME_NONE_OPEN = "Er zijn geen open klachten."
# `/klacht lijst` shows fewer than the Home, so only a search finds the rest.
HOME_MORE = "En nog {count} open klacht{plural}; zoek gericht met `/klacht zoek <tekst>`."
HOME_UPDATED = "Bijgewerkt {moment}"
HOME_ESCALATIONS = "*Openstaande escalaties* ({count}): contacttermijn verlopen zonder contact"
HOME_NO_ESCALATIONS = "Er staan geen escalaties open."
HOME_ESCALATION_LINE = "*{reference}* · {category} · termijn verlopen {moment}"
HOME_ESCALATIONS_MORE = "En nog {count}."
HOME_NO_REPORT = "Er is nog geen kwartaalrapportage verstuurd."
