"""Dutch labels of the complainant's side: kind (route), remedy, severity, outcome, answer,
recourse, letters. Used by the command line, the history and the chat surfaces alike."""

ROUTE_LABELS = {
    "dienstverlening": "Dienstverlening",
    "cao_geschil": "Cao-geschil",
    "sollicitant": "Sollicitant",
    "discriminatie": "Discriminatie",
    "privacyverzoek": "Privacyverzoek",
}
REMEDY_LABELS = {
    "excuses": "Excuses",
    "herstel": "Herstel",
    "vergoeding": "Vergoeding",
    "uitleg": "Uitleg",
    "anders": "Anders",
}
SEVERITY_LABELS = {"laag": "Laag", "middel": "Middel", "hoog": "Hoog"}
OUTCOME_LABELS = {
    "gegrond": "Gegrond",
    "deels_gegrond": "Deels gegrond",
    "ongegrond": "Ongegrond",
    "ingetrokken": "Ingetrokken",
    "niet_ontvankelijk": "Niet-ontvankelijk",
}
ACCEPTANCE_LABELS = {
    "akkoord": "Akkoord",
    "niet_akkoord": "Niet akkoord",
    "geen_reactie": "Geen reactie",
}
RECOURSE_BODY_LABELS = {
    "gcu": "Geschillencommissie Uitzendbranche (GCU)",
    "nvp": "Klachteninstantie NVP",
    "ap": "Autoriteit Persoonsgegevens",
    "directie": "Directie",
    "anders": "Andere instantie",
}
LETTER_LABELS = {"decision": "Beslisbrief", "extension": "Verlenging van de beslistermijn"}
CHANNEL_LABELS = {"email": "E-mail", "post": "Post"}
SIGNAL_LABELS = {"hoog": "ernst hoog", "discriminatie": "signaal van discriminatie"}
SUITABLE_WORK = "Passende arbeid"

# What employees and management see instead of a discrimination signal's subject and text.
CONFIDENTIAL = "vertrouwelijk (signaal van discriminatie)"
# To management at once (the management channel, else each member of management).
ALERT_TITLE = "Direct melden: {reference}"
ALERT_LINE = "{title} {signals} ({route}, {category}). Klachtenfunctionaris: {mentions}."
ALERT_REASON = "Reden voor ernst hoog: {reason}"
ALERT_CONFIDENTIAL = (
    "Vertrouwelijk: wie klaagde en wat, staat alleen bij de klachtenfunctionaris. Vraag het "
    "dossier bij hen op."
)

# -- the officer's forms and buttons in chat ----------------------------------------------------
BUTTON_RECLASSIFY = "Soort en ernst"
BUTTON_EXTEND = "Termijn verlengen"
BUTTON_ACCEPTANCE = "Reactie op besluit"
BUTTON_RECOURSE = "Beroep vastleggen"
BUTTON_RECOURSE_RESULT = "Uitspraak beroep"
BUTTON_LETTER_POSTED = "Per post verstuurd"
TITLE_RECLASSIFY = "Soort en ernst"
TITLE_EXTEND = "Termijn verlengen"
TITLE_ACCEPTANCE = "Reactie op het besluit"
TITLE_RECOURSE = "Beroep vastleggen"
TITLE_RECOURSE_RESULT = "Uitspraak van het beroep"
LABEL_ROUTE = "Soort klacht"
HINT_ROUTE = (
    "Bepaalt de beslistermijn en waar de klager daarna terechtkan. Discriminatie: de directie "
    "hoort het meteen en alleen klachtenfunctionaris en directie zien de klacht."
)
SUITABLE_WORK_OPTION = "Gaat over passende arbeid (cao-geschil: termijnen van 2 weken)"
LABEL_SUITABLE_WORK = "Passende arbeid"
LABEL_DECISION_START = "Beslistermijn loopt vanaf"
HINT_DECISION_START = (
    "Alleen als de termijn niet vandaag begint, bijvoorbeeld bij een cao-geschil dat eerder "
    "formeel is ingediend."
)
LABEL_REMEDY = "Wat vraagt de klager?"
LABEL_REMEDY_TEXT = "Toelichting op wat de klager vraagt"
HINT_REMEDY_TEXT = "Verplicht bij Anders."
LABEL_SEVERITY = "Ernst"
LABEL_SEVERITY_REASON = "Waarom hoog?"
HINT_SEVERITY_REASON = "Verplicht bij ernst hoog; de directie krijgt meteen bericht."
LABEL_DECISION_OUTCOME = "Besluit"
HINT_DECISION_OUTCOME = (
    "Na Doorgaan zie je de beslisbrief voor dit besluit, die je kunt aanpassen voordat hij "
    "verstuurd wordt."
)
LABEL_DECISION_LETTER = "Beslisbrief aan de klager"
HINT_LETTER_REQUIRED = (
    "Verstuurd als antwoord op de e-mail van de klager (zonder e-mailadres: als tekst om per "
    "post te versturen). Bij deze soort klacht is een schriftelijk besluit verplicht."
)
HINT_LETTER_OPTIONAL = (
    "Verstuurd als antwoord op de e-mail van de klager (zonder e-mailadres: als tekst om per "
    "post te versturen). Maak het veld leeg om geen brief te sturen."
)
LETTER_REVIEW = (
    "Lees de beslisbrief na en pas hem zo nodig aan. Met Afsluiten wordt de klacht gesloten "
    "en gaat de brief naar de klager."
)
CONTINUE = "Naar de besluitbrief"
SUBMIT_RECLASSIFY = "Indeling vastleggen"
SUBMIT_EXTEND = "Termijn verlengen"
SUBMIT_ACCEPTANCE = "Reactie vastleggen"
SUBMIT_RECOURSE = "Beroep vastleggen"
SUBMIT_RECOURSE_RESULT = "Uitspraak vastleggen"
LETTER_REQUIRED = (
    "Bij een klacht van de soort {route} hoort een schriftelijk besluit: vul de brief in."
)
LETTER_OTHER_OUTCOME = (
    "Deze brief is geschreven voor het besluit {outcome}. Kies dat besluit weer, of pas de brief "
    "aan het nieuwe besluit aan (maak het veld leeg en kies Afsluiten zonder brief waar dat mag)."
)
EXTEND_INTRO = "Beslistermijn nu: {deadline}."
LABEL_NEW_DATE = "Nieuwe uiterste dag voor het besluit"
LABEL_EXTEND_REASON = "Reden van de verlenging"
HINT_EXTEND_REASON = "De klager krijgt deze reden per e-mail te lezen."
LABEL_ACCEPTANCE = "Wat antwoordde de klager?"
ANSWER_LABELS = {"akkoord": "Akkoord met het besluit", "niet_akkoord": "Niet akkoord"}
LABEL_ACCEPTANCE_NOTE = "Toelichting"
LABEL_RECOURSE_BODY = "Waarheen ging de klager?"
LABEL_RECOURSE_BODY_NAME = "Naam van de instantie"
HINT_RECOURSE_BODY_NAME = "Verplicht bij Andere instantie."
LABEL_RECOURSE_ON = "Op welke dag?"
LABEL_RECOURSE_RESULT = "Uitspraak"
LABEL_RECOURSE_RESULT_TEXT = "Wat besliste de instantie?"
LABEL_RECOURSE_RESULT_ON = "Datum van de uitspraak"
FIELD_ROUTE = "Soort"
FIELD_SEVERITY = "Ernst"
FIELD_DECISION_DEADLINE = "Beslistermijn"
FIELD_OUTCOME = "Besluit"
FIELD_ACCEPTANCE = "Reactie klager"
FIELD_RECOURSE = "Beroep"
RECOURSE_RUNNING = "{body}, sinds {day}"
RECOURSE_DONE = "{body}: {result}"

# -- a letter to post (a complaint without e-mail address), in the complaint's thread ---------
LETTER_TO_POST = {
    "decision": (
        "De besluitbrief van {reference} gaat per post: de klager heeft geen e-mailadres. "
        "Print de brief hieronder, zet het adres op de envelop, verstuur hem en leg dat vast."
    ),
    "extension": (
        "Het bericht over de verlengde termijn van {reference} gaat per post: de klager heeft "
        "geen e-mailadres. Print de brief hieronder, verstuur hem en leg dat vast."
    ),
}
LETTER_POSTED_DONE = "{reference}: de brief is vastgelegd als per post verstuurd."
LETTER_POSTED_ALREADY = "{reference}: deze brief was al vastgelegd als per post verstuurd."
LETTER_POSTED_NOT_ALLOWED = "Alleen de klachtenfunctionaris legt vast dat een brief is verstuurd."

# -- a privacy request on the officer's card: the data subject's export and erasure ------------
PRIVACY_REQUEST_TITLE = "Privacyverzoek: inzage en wissen"
PRIVACY_REQUEST_EXPORT = "Inzage (alles over deze klager in een map): {command}"
PRIVACY_REQUEST_ERASE = "Wissen (na het besluit, als de klager daarom vroeg): {command}"
PRIVACY_REQUEST_NO_EMAIL = (
    "Inzage en wissen gaan op het e-mailadres van de klager, en deze klacht heeft er geen. "
    "Vraag het adres op en vul het in, of stel de gegevens met de hand samen."
)

# -- the complainant replied to the decision: the officer records their answer -----------------
REPLY_TO_DECISION = (
    "De klager reageerde op het besluit. Lees de reactie en leg vast of de klager akkoord is "
    "of niet akkoord (bij niet akkoord volgt daarna het beroep)."
)
ANSWER_RECORDED = "{reference}: vastgelegd dat de klager {answer} is met het besluit."
