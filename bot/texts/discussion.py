"""Dutch text of the discussion with employees: the officer's request, the employee's direct
message and modals, reminders, and what the officer is told in the thread."""

# Root message buttons and the officer's modals (titles at most 24 characters)
BUTTON_DISCUSS = "Bespreken met medewerker"
BUTTON_DISCUSSED = "Besproken"
BUTTON_ASK_SOMEONE_ELSE = "Iemand anders vragen"
TITLE_DISCUSS = "Bespreken"
TITLE_DISCUSSED = "Bespreking vastleggen"
LABEL_EMPLOYEES = "Welke medewerker(s)?"
HINT_EMPLOYEES = "Ieder krijgt een direct bericht met de vraag om hun kant van het verhaal."
LABEL_MESSAGE = "Persoonlijk bericht"
LABEL_SHARE_CONTACT = "Contactgegevens van de klant delen?"
SHARE_NO = "Nee, alleen naam en klacht"
SHARE_YES = "Ja, ook telefoonnummer en e-mailadres"
LABEL_DISCUSSED_AT = "Wanneer was de bespreking?"
LABEL_SUMMARY = "Korte samenvatting"

# The employee's direct message
DM_FALLBACK = "Je reactie wordt gevraagd op klacht {reference}"
DM_HEADER = "Je reactie gevraagd op klacht {reference}"
DM_INTRO = (
    "{officer} (klachtenfunctionaris) vraagt jouw kant van het verhaal over een klacht van "
    "een klant. Alleen jij ziet dit bericht."
)
DM_RECEIVED = "Ontvangen"
DM_SUBJECT = "Onderwerp"
DM_COMPLAINANT = "Klant"
DM_CATEGORY = "Categorie"
DM_OFFICER_MESSAGE = "Bericht van {officer}:"
DM_CONTACT = "Contactgegevens van de klant"
DM_ASK = (
    "{asked} vertel vóór {due} wat er volgens jou is gebeurd, wat de oorzaak was en wat je "
    "voorstelt. Liever praten? Plan een gesprek. Gaat deze klacht niet over jou? Kies {decline}."
)
# After the deadline: no date that has passed as if it still ran.
DM_ASK_LATE = (
    "{asked} vertel wat er volgens jou is gebeurd, wat de oorzaak was en wat je voorstelt. "
    "De gevraagde termijn ({due}) is verstreken, maar je reactie is nog steeds welkom. Liever "
    "praten? Plan een gesprek. Gaat deze klacht niet over jou? Kies {decline}."
)
BUTTON_RESPOND = "Mijn reactie geven"
BUTTON_PLAN = "Gesprek plannen"
BUTTON_DECLINE = "Ligt niet bij mij"
BUTTON_MOVE = "Gesprek verzetten"
DM_ASKED = "Wat we van je vragen:"
DM_PLANNED = "Gesprek gepland op {moment}. Je kunt je reactie ook nog schriftelijk geven."
DM_ANSWERED = "Je reactie is verstuurd op {moment}. Dank je wel."
DM_DECLINED = "Je hebt op {moment} laten weten dat dit niet bij jou ligt."
DM_CLOSED = "Deze klacht is afgesloten; er is niets meer van je nodig."
DM_REMINDER = (
    "Herinnering: we wachten nog op je reactie op klacht {reference}. "
    "Gebruik de knoppen in het bericht hierboven of op het tabblad Start van Klachtenbot."
)
MEETING_REMINDER_EMPLOYEE = "{when} heb je een gesprek met {officer} over klacht {reference}."
MEETING_REMINDER_OFFICER = "{when} heb je een gesprek met {employee} over klacht {reference}."
MEETING_TODAY = "Vandaag om {time}"

# The employee's modals
TITLE_RESPOND = "Mijn reactie"
TITLE_PLAN = "Gesprek plannen"
TITLE_DECLINE = "Ligt niet bij mij"
SUBMIT_DISCUSS = "Verzoek versturen"
SUBMIT_DISCUSSED = "Bespreking vastleggen"
SUBMIT_RESPOND = "Reactie versturen"
SUBMIT_PLAN = "Gesprek plannen"
TITLE_MOVE = "Gesprek verzetten"
SUBMIT_MOVE = "Gesprek verzetten"
SUBMIT_MOVE_TALK = "Nieuw moment vastleggen"
LABEL_MOVED_AT = "Wanneer wordt het gesprek?"
LABEL_WHOSE_TALK = "Gesprek met"
SUBMIT_DECLINE = "Reden versturen"
LABEL_ACCOUNT = "Wat is er volgens jou gebeurd?"
LABEL_CAUSE = "Wat was volgens jou de oorzaak?"
LABEL_PROPOSAL = "Wat stel je voor?"
LABEL_MEETING_AT = "Wanneer wil je het gesprek?"
HINT_MEETING_AT = (
    "De klachtenfunctionaris ziet dit moment; jullie krijgen die dag allebei een herinnering."
)
LABEL_DECLINE_REASON = "Waarom ligt deze klacht niet bij jou?"
HINT_DECLINE_REASON = "Weet je wie er wel over gaat? Noem die persoon gerust."

# App Home
HOME_REQUEST_TITLE = "{reference} · {subject}"
HOME_REQUEST = "Gevraagd door {officer}; graag vóór {due}."
HOME_REQUEST_LATE = "Gevraagd door {officer}; de termijn ({due}) is verstreken."
HOME_REQUEST_PLANNED = "Gesprek gepland op {moment}."

# Thread posts: what the officer is told (the view mentions the officer once, before the first
# line, so they are notified; the employee is named, not mentioned)
SHARED_NOTHING = "geen contactgegevens"
SHARED_LABELS = {"complainant_phone": "telefoonnummer", "complainant_email": "e-mailadres"}
PING_ALL_ANSWERED = "Alle gevraagde medewerkers hebben hun reactie gegeven."
PING_DECLINED = "{employee} geeft aan dat de klacht niet bij hem of haar ligt."
PING_UNREACHABLE = (
    "{employee} is niet bereikbaar in de chat (vertrokken, gedeactiveerd, van een andere "
    "organisatie, een bot, of zonder de app); het bericht is niet afgeleverd."
)
PING_ESCALATED = (
    "{employee} heeft nog steeds niet gereageerd, ook niet na een herinnering. "
    "Neem contact op of vraag iemand anders."
)
PING_MEETING = "{employee} heeft een gesprek gepland op {moment}."
PING_MEETING_MOVED = "{employee} heeft het gesprek verzet naar {moment}."
# An asked employee's direct message after the complaint's personal data was removed (retention
# or erasure), when the request itself can no longer be shown.
DM_ERASED = "Klacht {reference}: de persoonsgegevens van deze klacht zijn verwijderd."
