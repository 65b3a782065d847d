"""Dutch text of the privacy area: history, exports, retention and erasure."""

# What an anonymised field holds instead of the personal data or free text it had.
REMOVED = "[verwijderd]"
ANONYMISED_COMPLAINANT = "Geanonimiseerd"

BASIS_LABELS = {"retention": "Bewaartermijn verstreken", "erasure": "Verzoek van betrokkene"}

# History (`show --history`, `/klacht K-... historie`)
HISTORY_TITLE = "Historie van {reference}"
HISTORY_EMPTY = "Geen gebeurtenissen vastgelegd."
HISTORY_STATE = "status {before} → {after}"
HISTORY_STATE_FIRST = "status {after}"
HISTORY_CHANGE = "{label}: {before} → {after}"
HISTORY_VALUE = "{label}: {after}"
HISTORY_NOTHING = "(leeg)"
HISTORY_CLEARED = "Gewist: {labels}"
# Someone the history names by a chat id only (asked, but never seen by the bot since).
HISTORY_UNNAMED = "naam onbekend"
HISTORY_TRUNCATED = "… en nog {count} gebeurtenissen: {command}."
HISTORY_DETAIL = "• {detail}"
HISTORY_NOT_ALLOWED = (
    "Alleen de klachtenfunctionaris of de directie kan de historie van een klacht inzien."
)

# The complaint's fields as the history names them.
FIELD_LABELS = {
    "source": "Bron",
    "received_at": "Ontvangen op",
    "contact_deadline": "Contacttermijn",
    "subject": "Onderwerp",
    "body": "Tekst",
    "complainant_name": "Naam",
    "complainant_email": "E-mailadres",
    "complainant_phone": "Telefoon",
    "phone_uncertain": "Telefoonnummer onzeker",
    "relation_type": "Relatie",
    "category": "Categorie",
    "forwarded_by": "Doorgestuurd door",
    "source_link": "Slack-bericht",
    "registered_at": "Geregistreerd op",
    "contacted_at": "Contact op",
    "contact_outcome": "Uitkomst contact",
    "agreed_measures": "Afgesproken maatregelen",
    "employee_id": "Medewerker",
    "discussion_requested_at": "Bespreking gevraagd op",
    "employee_response": "Reactie medewerker",
    "employee_responded_at": "Reactie medewerker op",
    "discussed_at": "Besproken op",
    "discussion_summary": "Verslag bespreking",
    "closed_at": "Afgesloten op",
    "resolution": "Oplossing",
    "root_cause_category": "Oorzaak",
    "root_cause": "Toelichting oorzaak",
    "corrective_measures": "Maatregelen",
    "preventive_measures": "Preventieve maatregelen",
    "customer_satisfied": "Klant tevreden",
    "no_employee_reason": "Geen medewerker betrokken omdat",
    "effectiveness_check_on": "Effectiviteit controleren op",
    "effectiveness_result": "Resultaat effectiviteitscontrole",
    "effective": "Maatregelen effectief",
    "rejected_reason": "Reden geen klacht",
    "duplicate_of": "Dubbel van",
    "anonymised_at": "Geanonimiseerd op",
    "route": "Soort",
    "suitable_work": "Passende arbeid",
    "remedy": "Gewenste oplossing",
    "remedy_text": "Toelichting gewenste oplossing",
    "severity": "Ernst",
    "severity_reason": "Reden ernst",
    "decision_start": "Beslistermijn loopt vanaf",
    "decision_deadline": "Beslistermijn",
    "outcome": "Oordeel",
    "decision_letter": "Beslisbrief",
    "decision_sent_at": "Beslisbrief verstuurd op",
    "acceptance_due": "Reactie verwacht vóór",
    "acceptance": "Reactie klant",
    "acceptance_at": "Reactie vastgelegd op",
    "recourse_body": "Vervolgstap bij",
    "recourse_body_name": "Instantie",
    "recourse_on": "Vervolgstap op",
    "recourse_result": "Uitkomst vervolgstap",
    "recourse_result_text": "Toelichting uitkomst",
    "recourse_result_on": "Uitkomst op",
}
# Facts an event records besides field changes (a note's text, a reply's sender, ...).
FACT_LABELS = {
    "text": "Tekst",
    "subject": "Onderwerp",
    "from_email": "Van",
    "attachments": "Bijlagen",
    "reason": "Reden",
    "source": "Bron",
    "basis": "Grond",
    "removed_fields": "Verwijderde gegevens",
    "employee_id": "Medewerker",
    "employee_ids": "Medewerkers",
    "message": "Bericht aan medewerker",
    "shared": "Gedeeld met medewerker",
    "meeting_at": "Gesprek op",
    "notice": "Melding",
    "due_at": "Gepland voor",
    "letter": "Brief",
    "channel": "Verzonden per",
    "message_id": "Message-ID",
    "note": "Toelichting",
    "management_alert": "Directie direct inlichten",
    "ignored_reason": "Eerst genegeerd als",
    "admitted_at": "Toch als klacht aangenomen op",
}
NOTICE_LABELS = {
    "pre_warning": "contacttermijn verloopt vandaag",
    "overdue": "contacttermijn verstreken",
    "escalation": "escalatie naar directie",
    "escalated": "directie op de hoogte gebracht",
    "escalation_failed": "bericht aan directie niet aangekomen",
    "effectiveness_check": "effectiviteitscontrole",
    "weekly_digest": "weekoverzicht",
    "decision_pre_warning": "beslistermijn verloopt vandaag",
    "decision_overdue": "beslistermijn verstreken",
    "decision_escalation": "escalatie beslistermijn naar directie",
    "management_alert": "directie direct ingelicht",
    "letter": "brief aan de klager",
    "letter_to_post": "brief om per post te versturen",
    "officer_list": "termijnen in één lijst aan de klachtenfunctionaris",
}
YES = "ja"
NO = "nee"

# Exports: file and folder names the data subject or auditor opens
SUBJECT_JSON = "gegevens.json"
EMAILS_FOLDER = "e-mails"
ATTACHMENTS_FOLDER = "bijlagen"
OTHER_EMAILS_PREFIX = "overig"
PERIOD_CSV = "klachten-{period}.csv"
PERIOD_JSON = "klachten-{period}.json"
LETTERS_FOLDER = "brieven"
# The folder a privacy request's export command suggests (the officer may name another).
SUBJECT_EXPORT_FOLDER = "inzageverzoek"
EXPORT_FOLDER_TAKEN = (
    "{path} bestaat al; een export komt altijd in een nieuwe map (alleen de eigenaar kan "
    "erin): kies een naam die nog niet bestaat"
)
