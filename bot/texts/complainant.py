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
