"""Dutch text of the complaint's card, its thread, the officer's forms and the replies."""

# Root message and thread posts
# The notification line (a phone's lock screen): reference, category, state and what to do,
# never the subject, a name or contact details.
NEW_COMPLAINT_FALLBACK = "Nieuwe klacht {reference} – contact vóór {moment}"
SUMMARY = "Klacht {reference}{category} · {state}"
SUMMARY_CATEGORY = " ({category})"
SUMMARY_CONTACT = "Klacht {reference}{category} · {state} – contact vóór {moment}"
SUMMARY_DECISION = "Klacht {reference}{category} · {state} – besluit vóór {moment}"
EVENT_FALLBACK = "{reference}: {label}"
NO_SUBJECT = "(geen onderwerp)"
NO_TEXT = "(geen tekst)"
UNKNOWN_COMPLAINANT = "onbekend"
NOT_YET_RECORDED = "nog niet vastgelegd"
FIELD_COMPLAINANT = "Klant"
FIELD_RELATION = "Relatie"
FIELD_PHONE = "Telefoon"
PHONE_UNCERTAIN = "{phone} (onzeker)"
FIELD_CATEGORY = "Categorie"
FIELD_SUBJECT = "Onderwerp"
TEXT_TRUNCATED = "… (ingekort)"
DEADLINE_OPEN = "Contact opnemen vóór {moment} (nog {days})"
DEADLINE_TODAY = "Contact opnemen vandaag vóór {time}"
DEADLINE_PASSED = "Contacttermijn verlopen op {moment}"
OVERDUE_MARK = "TE LAAT"
CONTACT_DONE = "Contact opgenomen op {moment}"
DECISION_DUE = "Besluit nemen vóór {moment}"
EVENT_BY = "{label} door {actor}, {moment}"
DATA_LABELS = {
    "complainant_name": "Naam",
    "relation_type": "Relatie",
    "category": "Categorie",
    "complainant_phone": "Telefoon",
    "contacted_at": "Contact op",
    "outcome": "Uitkomst",
    "agreed_measures": "Afgesproken maatregelen",
    "text": "Tekst",
    "subject": "Onderwerp",
    "attachments": "Bijlagen",
    "summary": "Verslag",
    "response": "Reactie medewerker",
    "employee_id": "Medewerker",
    "resolution": "Oplossing",
    "root_cause_category": "Oorzaak",
    "root_cause": "Toelichting oorzaak",
    "corrective_measures": "Maatregelen",
    "preventive_measures": "Preventieve maatregelen",
    "customer_satisfied": "Klant tevreden",
    "no_employee_reason": "Geen medewerker betrokken omdat",
    "effectiveness_check_on": "Effectiviteit controleren op",
    "reason": "Reden",
    "duplicate_of": "Dubbel van",
    "source": "Bron",
    "basis": "Grond",
    "removed_fields": "Verwijderde gegevens",
    "employee_ids": "Gevraagd",
    "message": "Bericht aan medewerker",
    "shared": "Gedeeld met medewerker",
    "account": "Wat er volgens de medewerker gebeurde",
    "cause": "Oorzaak volgens de medewerker",
    "proposal": "Voorstel van de medewerker",
    "meeting_at": "Gesprek op",
    "discussed_at": "Besproken op",
    "effective": "Maatregelen effectief",
    "result": "Uitkomst van de controle",
}

# Buttons
BUTTON_REGISTER = "Registreren"
BUTTON_CONTACT = "Contact opgenomen"
BUTTON_NOTE = "Notitie toevoegen"
BUTTON_CLOSE = "Afsluiten"
BUTTON_REJECT = "Geen klacht"
BUTTON_REOPEN = "Heropenen"
BUTTON_EFFECTIVENESS = "Effectiviteit vastleggen"

# Modals (titles, submit and close: at most 24 characters)
TITLE_REGISTER = "Klacht registreren"
TITLE_CONTACT = "Contact opgenomen"
TITLE_NOTE = "Notitie toevoegen"
TITLE_CLOSE = "Klacht afsluiten"
TITLE_REJECT = "Geen klacht"
TITLE_REOPEN = "Klacht heropenen"
TITLE_EFFECTIVENESS = "Effectiviteit"
LABEL_EFFECTIVE = "Hebben de maatregelen gewerkt?"
LABEL_EFFECTIVENESS_RESULT = "Wat heb je gecontroleerd en wat bleek?"
EFFECTIVE_LABELS = {"ja": "Ja, ze werken", "nee": "Nee, niet (voldoende)"}
# Each form's submit button names its step.
SUBMIT_REGISTER = "Registreren"
SUBMIT_CONTACT = "Contact vastleggen"
SUBMIT_NOTE = "Notitie toevoegen"
SUBMIT_REJECT = "Geen klacht vastleggen"
SUBMIT_REOPEN = "Heropenen"
SUBMIT_EFFECTIVENESS = "Effectiviteit vastleggen"
SUBMIT_NEW = "Klacht aanmaken"
CANCEL = "Annuleren"
MODAL_INTRO = "{reference} · {subject}"
LABEL_NAME = "Naam van de klant"
LABEL_RELATION = "Relatie"
LABEL_CATEGORY = "Categorie"
LABEL_PHONE = "Telefoonnummer"
HINT_PHONE = "Bijvoorbeeld 06 12345678 of +32 470 12 34 56. Leeg laten als het ontbreekt."
LABEL_CONTACTED_AT = "Wanneer was het contact?"
LABEL_OUTCOME = "Uitkomst"
LABEL_MEASURES = "Afgesproken maatregelen"
HINT_MEASURES = "Verplicht als er maatregelen zijn afgesproken."
LABEL_NOTE = "Notitie"
LABEL_RESOLUTION = "Oplossing"
LABEL_ROOT_CAUSE_CATEGORY = "Oorzaak (categorie)"
LABEL_ROOT_CAUSE = "Oorzaak (toelichting)"
LABEL_CORRECTIVE = "Genomen maatregelen"
LABEL_PREVENTIVE = "Preventieve maatregelen"
LABEL_SATISFIED = "Is de klant tevreden?"
LABEL_NO_EMPLOYEE = "Waarom is er geen medewerker bij betrokken?"
HINT_NO_EMPLOYEE = "Er is geen bespreking met een medewerker vastgelegd."
LABEL_EFFECTIVENESS = "Effectiviteit controleren op"
HINT_EFFECTIVENESS = "Optioneel: de dag waarop je nagaat of de maatregelen werken."
LABEL_REASON = "Reden"
LABEL_DUPLICATE_OF = "Dubbel van (kenmerk)"
HINT_DUPLICATE_OF = "Bijvoorbeeld K-2026-0001. Leeg laten als het geen dubbele klacht is."
LABEL_REOPEN_REASON = "Waarom heropenen?"
CHOOSE = "Kies…"

# Ephemeral answers
STALE_BUTTON = "Deze knop hoort niet meer bij de klacht ({state}). Al gedaan door {actor} {when}."
STALE_AT = "om {time}"
STALE_ON = "op {moment}"
STALE_BUTTON_UNKNOWN = "Deze knop hoort niet meer bij de klacht (nu: {state})."
SOMETHING_WENT_WRONG = "Er ging iets mis; er is niets gewijzigd. Probeer het later opnieuw."

# The card's heading: the state as what comes next (the glossary's words; STATE_LABELS elsewhere)
CARD_STATES = {
    "received": "Nieuw – registreren",
    "no_contact": "Wacht op contact",
    "waiting": "In bespreking – wacht op medewerker",
    "discussion_due": "In bespreking – bespreking vastleggen",
    "ready": "Klaar om af te sluiten",
    "closed": "Afgesloten",
    "recourse": "Afgesloten – vervolgstap loopt",
    "rejected": "Geen klacht",
}
# Who has answered, on the card while the discussion runs: "Eva ✓ · Bram gesprek … · Carlo ✗"
ANSWER_MARKS = {
    "open": "{name} …",
    "planned": "{name} gesprek {moment}",
    "answered": "{name} ✓",
    "declined": "{name} ✗",
    "unreachable": "{name} niet bereikbaar",
}

# The complaint's excerpt on its card, and its whole text one click away
EXCERPT_CUT = "Ingekort, zonder aanhef en ondertekening."
BUTTON_FULL_TEXT = "Hele tekst"
FULL_TEXT_TITLE = "Klacht {reference}"
FULL_TEXT_CLOSE = "Sluiten"
FULL_TEXT_NOT_ALLOWED = "Alleen de klachtenfunctionaris leest de hele tekst van een klacht."
FULL_TEXT_CUT = "De tekst is langer dan hier past; de hele e-mail staat in de mailbox."

# App Home
HOME_TITLE = "Klachten"
HOME_MORE = "En nog {count} meer."
HOME_REQUESTS = "{asked} op {complaints}:"
HOME_REQUESTS_ASKED = "Jouw reactie wordt gevraagd"
HOME_NO_REQUESTS = (
    "Hier verschijnt een klacht zodra de klachtenfunctionaris jouw kant van het verhaal vraagt; "
    "nu wordt er niets van je gevraagd. Heeft een klant bij jou geklaagd? Leg het vast met "
    "{new}. Typ {help} voor uitleg."
)

# Delivery problems, to the officer by direct message
DELIVERY_PROBLEM = (
    "Klachtenbot kan niet posten in het klachtenkanaal ({error}). "
    "Nodig de bot uit in het kanaal of controleer de instellingen; berichten worden daarna "
    "alsnog geplaatst."
)

# New complaint (shortcuts)
TITLE_NEW = "Nieuwe klacht"
LABEL_SUBJECT = "Onderwerp"
LABEL_BODY = "Wat is de klacht?"
LABEL_EMAIL = "E-mailadres van de klant"
FIELD_DEADLINE = "Contacttermijn"
