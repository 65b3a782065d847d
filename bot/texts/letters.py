"""Dutch text of the letters to the complainant (addressed with "u"): the decision letter and
the extension notice, and the default recourse texts per route (settings RECOURSE_*)."""

from __future__ import annotations

# What the complaint is called in a letter, by route.
NOUNS = {
    "dienstverlening": "klacht",
    "cao_geschil": "klacht",
    "sollicitant": "klacht",
    "discriminatie": "melding",
    "privacyverzoek": "verzoek",
}

DECISION_SUBJECT = "Beslissing op uw {noun} [{reference}]"
EXTENSION_SUBJECT = "Meer tijd nodig voor uw {noun} [{reference}]"

GREETING_NAMED = "Geachte {name},"
GREETING = "Geachte heer/mevrouw,"

RECEIVED = 'Op {received} ontvingen wij uw {noun} met als onderwerp "{subject}".'
RECEIVED_NO_SUBJECT = "Op {received} ontvingen wij uw {noun}."
REMEDY_ASKED = "U vroeg om {remedy}."
REMEDIES = {
    "excuses": "excuses",
    "herstel": "herstel van wat er misging",
    "vergoeding": "een vergoeding",
    "uitleg": "uitleg",
}
ROUTE_INTROS = {
    "cao_geschil": (
        "Wij hebben uw klacht behandeld als geschil over de toepassing van de ABU-cao (artikel 40)."
    ),
    "sollicitant": "Wij hebben uw klacht behandeld volgens de NVP Sollicitatiecode.",
    "discriminatie": "Wij hebben uw melding vertrouwelijk behandeld.",
    "privacyverzoek": (
        "Wij hebben uw verzoek behandeld als verzoek op grond van de Algemene verordening "
        "gegevensbescherming (AVG)."
    ),
}
SUITABLE_WORK_INTRO = (
    "Wij hebben uw klacht behandeld als geschil over de vaststelling van passende arbeid "
    "(ABU-cao, artikel 40)."
)
OUTCOMES = {
    "gegrond": (
        "Wij hebben uw {noun} onderzocht. Ons oordeel: gegrond. U hebt gelijk, en het spijt "
        "ons dat dit is gebeurd."
    ),
    "deels_gegrond": (
        "Wij hebben uw {noun} onderzocht. Ons oordeel: deels gegrond. Op een deel van de "
        "punten hebt u gelijk."
    ),
    "ongegrond": (
        "Wij hebben uw {noun} onderzocht. Ons oordeel: ongegrond. Wij begrijpen dat dit niet "
        "het antwoord is waarop u hoopte; hieronder leest u waarom."
    ),
    "ingetrokken": (
        "U hebt ons laten weten dat u uw {noun} intrekt. Wij ronden de behandeling daarom af."
    ),
    "niet_ontvankelijk": (
        "Wij kunnen uw {noun} helaas niet in behandeling nemen (niet-ontvankelijk). Hieronder "
        "leest u waarom."
    ),
}
FINDINGS = "Wat wij hebben gevonden:\n{findings}"
MEASURES = "Wat wij eraan doen:\n{measures}"
ASK_ACCEPTANCE = (
    "Wilt u ons binnen {days} werkdagen laten weten of u zich in deze beslissing kunt vinden? "
    "U kunt daarvoor op deze brief antwoorden."
)
QUESTIONS = (
    "Hebt u vragen over deze brief? Neem dan contact met ons op en noem het nummer {reference}."
)
CLOSING = "Met vriendelijke groet,"
SIGNATURE = "De klachtenfunctionaris"

EXTENSION_BODY = (
    "Wij hebben meer tijd nodig om op uw {noun} te beslissen. De reden:\n{reason}\n\n"
    "U ontvangt onze beslissing uiterlijk op {day}."
)
EXTENSION_AVG = (
    "De AVG staat toe dat wij de termijn voor uw verzoek verlengen, met ten hoogste twee maanden."
)

# A letter by post: what goes above the text the officer prints.
POST_TO = "Aan: {name}"
POST_DATE = "Datum: {day}"
POST_SUBJECT = "Betreft: {subject}"
POST_UNKNOWN_NAME = "de klant"

# Settings RECOURSE_*: where a complainant goes who does not accept the decision.
RECOURSE_SERVICE = (
    "Bent u het niet eens met deze beslissing? Laat het ons dan binnen vier weken weten; de "
    "directie beoordeelt uw klacht dan opnieuw."
)
RECOURSE_CAO_DISPUTE = (
    "Bent u het niet eens met deze beslissing? Dan kunt u het geschil binnen vier weken "
    "voorleggen aan de Geschillencommissie voor de Uitzendbranche (GCU), zoals artikel 40 van "
    "de ABU-cao bepaalt."
)
RECOURSE_CAO_SUITABLE_WORK = (
    "Bent u het niet eens met deze beslissing? Dan kunt u het geschil binnen twee weken "
    "voorleggen aan de Geschillencommissie voor de Uitzendbranche (GCU), zoals artikel 40 van "
    "de ABU-cao bepaalt voor passende arbeid."
)
RECOURSE_APPLICANT = (
    "Bent u het niet eens met deze beslissing? Dan kunt u uw klacht voorleggen aan de "
    "Klachteninstantie NVP (Nederlandse Vereniging voor Personeelsmanagement & "
    "Organisatieontwikkeling), die toeziet op de NVP Sollicitatiecode."
)
RECOURSE_DISCRIMINATION = (
    "Bent u het niet eens met deze beslissing? Laat het ons dan binnen vier weken weten; de "
    "directie beoordeelt uw melding dan opnieuw. U kunt ook een oordeel vragen aan het College "
    "voor de Rechten van de Mens, of uw ervaring melden bij een antidiscriminatievoorziening."
)
RECOURSE_PRIVACY = (
    "Bent u het niet eens met deze beslissing? Dan kunt u een klacht indienen bij de Autoriteit "
    "Persoonsgegevens, of de rechter vragen om een beslissing."
)
