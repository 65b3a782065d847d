"""Dutch text of the quarterly and yearly reports: Slack, charts, files and the CLI, and the
labels and number formats (decimal comma) of their figures."""

from bot.texts import CATEGORY_LABELS, RELATION_TYPE_LABELS, ROOT_CAUSE_LABELS, SOURCE_LABELS
from bot.texts import plural as plural  # the one plural helper, as reports call it

# -- periods ---------------------------------------------------------------------------------
QUARTER_TITLE = "K{quarter} {year}"
QUARTER_NAME = "K{quarter} {year}"
YEAR_TITLE = "jaar {year}"
PERIOD_MISSING = "Geef een periode op, bijvoorbeeld 2026-Q3 (een kwartaal) of 2026 (een jaar)."
PERIOD_INVALID = (
    "'{value}' is geen periode. Gebruik 2026-Q3 voor een kwartaal of 2026 voor een jaar."
)
PERIOD_YEAR_RANGE = "'{value}' valt buiten de jaren {low} tot en met {high}."

# -- figure names ----------------------------------------------------------------------------
UNKNOWN_LABEL = "Nog niet geregistreerd"
RECEIVED = "Ontvangen"
COUNT = "Aantal"
CUMULATIVE = "Cumulatief"
BREAKDOWNS = "Uitsplitsing"
CONTINUED = "{title} (vervolg)"
PAGE_NUMBER = "Pagina {number} van {total}"
CLOSED = "Afgesloten"
OPEN = "Nog open"
REJECTED = "Geen klacht"
ON_TIME = "Contact binnen termijn"
LATE = "Te laat of geen contact na termijn"
AWAITING_CONTACT = "Wacht op contact (termijn loopt nog)"
ON_TIME_RATE = "Contact binnen termijn (%)"
MEDIAN_HOURS = "De helft had contact binnen (werkuren)"
P90_HOURS = "9 van de 10 hadden contact binnen (werkuren)"
MEDIAN_DAYS = "De helft was afgesloten binnen (werkdagen)"
DISCUSSIONS_REQUESTED = "Bespreking met medewerker gevraagd"
DISCUSSIONS = "Besprekingen met medewerker gehouden"
MEDIAN_HOURS_TO_ANSWER = "De helft van de medewerkers reageerde binnen (werkuren)"
OVERDUE_OPEN = "Open en termijn verstreken"
NONE = "–"
BY_CATEGORY = "Per categorie"
BY_RELATION_TYPE = "Per relatie"
BY_SOURCE = "Per bron"
BY_OUTCOME = "Oordeel over afgesloten klachten"
OUTCOME_NONE = "Geen oordeel vastgelegd"
DISCUSSION_EXCEPTIONS = "Gesprek met medewerker: uitzonderingen"
DISCUSSION_EXCEPTION_LABELS = {
    "declined": "Medewerker gaf aan: ligt niet bij mij",
    "unreachable": "Medewerker niet bereikbaar",
    "reminded": "Medewerker herinnerd",
    "escalated": "Geëscaleerd naar de klachtenfunctionaris",
    "never_held": "Gevraagd, afgesloten zonder gesprek",
}
ROOT_CAUSES = "Oorzaken (Pareto)"
EFFECTIVENESS_CHECKS = "Effectiviteitscontroles van maatregelen"
EFFECTIVENESS_LABELS = {
    "effective": "Maatregelen effectief",
    "not_effective": "Maatregelen niet (voldoende) effectief",
    "pending": "Nog niet vastgelegd",
}
MEASURES = "Genomen maatregelen"
PER_EMPLOYEE = "Klachten per medewerker"
EMPLOYEE = "Medewerker"
EMPLOYEE_ANONYMOUS = "Medewerker {rank}"
EMPLOYEES_INVOLVED = "{employees} betrokken"
CHANGE_VS = "t.o.v. {label}"
NOT_APPLICABLE = "n.v.t."
BETTER = "beter"
WORSE = "slechter"
CHANGE_JUDGED = "{change} ({judgement})"
NOTE_NOT_IN_USE = (
    "n.v.t.: de klachtenbot is in gebruik sinds {date}; daarvoor is er niets te vergelijken."
)
NOTE_RUNNING = "Tussenstand t/m {date}: de periode loopt nog, de cijfers veranderen nog."
NOTE_AS_SENT = "{label}: de cijfers zoals verstuurd op {date}, niet opnieuw berekend."
NOTE_CLOSED_FAIR = (
    "Afgesloten binnen 30 dagen telt alleen klachten die 30 dagen of langer geleden binnenkwamen, "
    "zodat een vers kwartaal eerlijk naast een ouder staat."
)
STATUS_RUNNING = "tussenstand t/m {date}"
STATUS_FINAL = "definitief"
CLOSED_IN_WINDOW = "Afgesloten binnen 30 dagen (%)"
REOPENED = "Heropend"
PERCENT_POINTS = "{value} procentpunt"
COMPARISON = "Vergelijking"
QUARTERS_SIDE_BY_SIDE = "De vier kwartalen naast elkaar"
FIGURE = "Kengetal"
TOTAL = "Totaal"

KEY_FIGURES = "Kerncijfers"
KEY_FIGURES_HEADER = ("Kengetal", "Nu", "Doel", "Vorige periode", "Vorig jaar", "Status")
KEY_RECEIVED = "Klachten ontvangen"
KEY_ON_TIME = "Contact binnen termijn"
KEY_CLOSED_IN_WINDOW = "Afgesloten binnen 30 dagen"
KEY_CLOSED_WITHIN_NORM = "Afgesloten binnen {days} werkdagen"
KEY_OVERDUE = "Open zonder contact, termijn verstreken"
KEY_OLD_OPEN = "Nog open na 30 dagen"
KEY_EFFECTIVE = "Maatregelen effectief"
KEY_SATISFIED = "Klant tevreden"
STATUS_WORDS = {
    "on_course": "↑ op koers",
    "attention": "→ aandacht",
    "off_course": "↓ uit koers",
}
TREND_UP = "↑ hoger"
TREND_DOWN = "↓ lager"
TREND_SAME = "→ gelijk"
KEY_MESSAGES = "Belangrijkste punten"
ATTENTION_CASES = "Klachten die aandacht vragen"
ATTENTION_NONE = "Geen."
DECISION_HEADING = "Gevraagd van de directie"
DECISION_ADVICE = "Een besluit over het advies van de klachtenfunctionaris hieronder."
DECISION_NO_ADVICE = (
    "Nog geen advies ontvangen; besluit over bijsturing volgt op het advies van de "
    "klachtenfunctionaris."
)
DECISION_QUARTER = "Geen besluit; ter kennisname. Vragen? Bespreek ze met de klachtenfunctionaris."
HEADER_ORGANISATION_MISSING = "(organisatienaam niet ingesteld: ORGANISATION_NAME)"
HEADER_QUARTER = "Klachtenrapportage {name}"
HEADER_YEAR = "Klachtenjaarverslag {year}"
HEADER_AS_OF = "Stand per {date}"
HEADER_STATUS = "Status: {status}"
HEADER_AUTHOR_OFFICER = "Opgesteld door: de klachtenfunctionaris"
HEADER_AUTHOR_NAMED = "Opgesteld door: {name}, klachtenfunctionaris"
HEADER_AUTHOR_GENERATED = (
    "Opgesteld door: de klachtenbot (zonder eigen tekst van de klachtenfunctionaris)"
)
HEADER_TO = "Aan: de directie"
MEASURE_LATEST = "{measure} ({reference}, {date})"
EFFECT_EFFECTIVE = "{count} effectief"
EFFECT_NOT_EFFECTIVE = "{count} niet effectief"
EFFECT_PENDING = "{count} nog te controleren"
EFFECT_NO_CHECK = "geen controle gepland"
MEASURES_HEADER = ("Categorie", "Oorzaak", "Klachten", "Laatste maatregel", "Effect")
NOT_EFFECTIVE_TITLE = "Maatregelen die niet effectief bleken"
NOT_EFFECTIVE_HEADER = ("Klacht", "Categorie", "Oorzaak", "Maatregel", "Bevinding", "Controle")
NOT_EFFECTIVE_NONE = "Geen: elke gecontroleerde maatregel werkte."
EFFECTIVENESS_RATE = (
    "{rate} van {checked} gecontroleerde maatregelen was effectief; {failed} niet, "
    "{pending} nog te controleren."
)
EFFECTIVENESS_NONE = "Nog geen maatregel gecontroleerd; {pending} nog te controleren."
CONTENTS = "Inhoud"

# -- charts ----------------------------------------------------------------------------------
EMPTY_CHART = "Geen klachten in deze periode"
EMPTY_CONTACT_CHART = "Nog geen klacht met contact of verstreken termijn"
EMPTY_HOURS_CHART = "Nog geen contact met klanten in deze periode"
EMPTY_PARETO_CHART = "Nog geen afgesloten klachten in deze periode"
CHART_INTAKE_TITLE = "{count} klachten ontvangen per maand en categorie – {title}"
CHART_CONTACT_TITLE = "Contact binnen termijn: {rate} (doel {target}) – {count} klachten"
CHART_HOURS_TITLE = (
    "Werkdagen tot contact: {rate} binnen termijn (doel {target}) – {count} klachten"
)
CHART_PARETO_TITLE = "Oorzaken van {count} afgesloten klachten, grootste eerst – {title}"
PARETO_LABEL = "{count} ({share})"
DAY_BINS = (
    "≤ ½ werkdag",
    "≤ 1 werkdag",
    "≤ 2 werkdagen",
    "meer dan 2 werkdagen",
    "nog geen contact,\ntermijn verstreken",
)
AXIS_DAYS = "Tijd tot contact met de klant"
NOT_IN_USE_MARK = "klachtenbot nog niet in gebruik"
CHART_TREND_TITLE = "Klachten en contact binnen termijn, laatste 8 kwartalen"
AXIS_MONTH = "Maand"
AXIS_COMPLAINTS = "Aantal klachten"
AXIS_QUARTER = "Kwartaal"
AXIS_RATE = "Binnen termijn (%)"
LEGEND_ON_TIME = "Binnen termijn"
LEGEND_LATE = "Te laat (of nog geen contact na termijn)"
LEGEND_RATE = "Binnen termijn (%)"
LEGEND_TARGET = "Doel {percent}"
LEGEND_RECEIVED = "Ontvangen"
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

# -- analysis --------------------------------------------------------------------------------
ANALYSIS_EMPTY = "In deze periode zijn geen klachten ontvangen."
ANALYSIS_SO_FAR = " tot nu toe"
ANALYSIS_VOLUME_FIRST = (
    "{complaints}{so_far}: de eerste periode met de klachtenbot, dus er is nog niets om mee "
    "te vergelijken."
)
ANALYSIS_VOLUME = "{complaints}{so_far}, {change}."
ANALYSIS_CHANGE_UP = "{delta} meer dan in {label}"
ANALYSIS_CHANGE_DOWN = "{delta} minder dan in {label}"
ANALYSIS_CHANGE_SAME = "evenveel als in {label}"
ANALYSIS_ON_TIME_MET = (
    "Contact binnen de termijn: {rate} van {counted}; het doel van {target} is gehaald."
)
ANALYSIS_ON_TIME_MISSED = (
    "Contact binnen de termijn: {rate} van {counted}; dat is onder het doel van {target}."
)
ANALYSIS_QUARTERS_MET = "Het doel is in {met} van de {total} kwartalen gehaald ({per_quarter})."
ANALYSIS_ON_TIME_NONE = "Er is nog van geen enkele klacht bekend of het contact op tijd was."
ANALYSIS_NOT_EFFECTIVE = (
    "{measures} {verb} bij de controle niet effectief (van {checked} gecontroleerd): "
    "{references}. Zie de lijst van niet effectieve maatregelen."
)
ANALYSIS_OLD_OPEN = (
    "{complaints} {verb} na 30 dagen nog open; de oudste is {oldest} ({days} dagen)."
)
ANALYSIS_UNREGISTERED = (
    "{count} van de {total} klachten ({share}) {verb} nog niet geregistreerd: categorie en "
    "oorzaak ontbreken, dus de verdeling hieronder is onvolledig."
)
ANALYSIS_MAIN_CAUSE = (
    "De belangrijkste oorzaak is {cause}: {count} van de {total} afgesloten klachten ({share})."
)
ANALYSIS_CONCENTRATION = (
    "De klachten concentreren zich op {category}: {count} van de {total} ({share})."
)
ANALYSIS_BIGGEST = (
    "De grootste categorie is {category} met {count} van de {total} klachten ({share})."
)
ANALYSIS_EMPLOYEE = "Eén medewerker is betrokken bij {count} van de {total} klachten."
ANALYSIS_WORST_MONTH = (
    "De zwakste maand was {month}: {rate} contact binnen de termijn, {late} te laat."
)
ANALYSIS_SATISFACTION = (
    "{share} van {customers} die het aangaven, was tevreden over de afhandeling."
)
ANALYSIS_OVERDUE = (
    "{complaints} {verb} nog open zonder contact terwijl de termijn verstreken is: {references}."
)
ANALYSIS_MORE = " en nog {count} andere"
ANALYSIS_REPEAT = (
    "{complaints} {verb} van iemand die in de 12 maanden ervoor al een klacht indiende: "
    "{references}."
)
ANALYSIS_RELATION = "{count} van de {total} geregistreerde klachten ({share}) {verb} van {group}."
RELATION_TYPE_GROUPS = {
    "flexwerker": "flexwerkers",
    "opdrachtgever": "opdrachtgevers",
    "directe_relatie": "directe relaties",
    "indirecte_relatie": "indirecte relaties",
}
ANALYSIS_EFFECTIVE_TREND = "Effectieve maatregelen per kwartaal: {per_quarter}; {direction}."
EFFECTIVE_LOWER = "lager dan in {label}"
EFFECTIVE_HIGHER = "hoger dan in {label}"
EFFECTIVE_SAME = "even hoog als in {label}"
EFFECTIVE_QUARTER = "{label} {rate} (van {checked})"
EFFECTIVENESS_TREND = "Effectief per kwartaal (controles gepland in dat kwartaal): {per_quarter}."
ANALYSIS_SMALL = "Let op: met {complaints} zeggen percentages en verschillen weinig."

# -- files -----------------------------------------------------------------------------------
CSV_HEADER = (
    "Kenmerk",
    "Ontvangen",
    "Status",
    "Bron",
    "Relatie",
    "Categorie",
    "Contacttermijn",
    "Contact opgenomen",
    "Contact binnen termijn",
    "Werkuren tot contact",
    "Besproken met medewerker",
    "Medewerker",
    "Afgesloten",
    "Werkdagen tot afsluiting",
    "Oorzaak",
    "Klant tevreden",
    # the complainant's side (docs/complainant.md)
    "Soort",
    "Ernst",
    "Gewenste oplossing",
    "Beslistermijn",
    "Beslist binnen termijn",
    "Oordeel",
    "Reactie klant",
    "Vervolgstap",
    "Uitkomst vervolgstap",
)
YES = "ja"
NO = "nee"
NO_CONTACT = "nee (geen contact)"
MARKDOWN_GENERATED = "Gemaakt op {moment}."
ANALYSIS_HEADING = "Analyse"
OFFICER_TEXT_HEADING = "Analyse van de klachtenfunctionaris"
ADVICE_HEADING = "Advies over bijsturing en preventieve maatregelen"
NO_ADVICE = "Geen advies ontvangen."
SUMMARY_FILE = "samenvatting.md"
CSV_FILE = "klachten-{period}.csv"
PDF_FILE_YEAR = "jaarrapportage-{period}.pdf"
PDF_FILE_QUARTER = "kwartaalrapportage-{period}.pdf"
NO_OFFICER_TEXT = "De klachtenfunctionaris heeft geen eigen analyse toegevoegd."
MEASURES_BY_CAUSE = "Preventieve maatregelen per categorie en oorzaak"
CHART_EXPLANATIONS = {
    "intake": (
        "Elke staaf is een maand; de kleuren zijn de categorieën, in elke rapportage dezelfde. "
        "Gearceerd grijs: nog niet geregistreerd. Geen klacht (spam, vragen) telt niet mee."
    ),
    "contact": (
        "Per maand de klachten met contact binnen en na de termijn van 2 werkdagen, met "
        "daaronder het aandeel op tijd tegen het doel. Een klacht zonder contact na de termijn "
        "telt als te laat."
    ),
    "hours": (
        "Hoe snel de klant na ontvangst contact had, in werkdagen. De laatste staaf zijn de "
        "klachten zonder contact waarvan de termijn al verstreken is: die tellen ook mee."
    ),
    "pareto": (
        "De oorzaken van de afgesloten klachten, de grootste bovenaan, met aantal en aandeel. "
        "Wie de bovenste oorzaken aanpakt, voorkomt de meeste klachten."
    ),
    "trend": (
        "De laatste acht kwartalen: het aantal klachten en het aandeel contact binnen de "
        "termijn. Kwartalen voordat de klachtenbot in gebruik was, zijn gemarkeerd."
    ),
}
CHART_FILES = {
    "intake": "1-klachten-per-maand",
    "contact": "2-contact-binnen-termijn",
    "hours": "3-werkuren-tot-contact",
    "pareto": "4-oorzaken-pareto",
    "trend": "5-trend-8-kwartalen",
}
CLI_WRITTEN = "Rapportage {label} geschreven naar {folder}"

# -- Slack -----------------------------------------------------------------------------------
SLACK_GENERATED = "Gemaakt op {moment} · vergeleken met {compared}"
AND = " en "
SLACK_FIELD_CHANGE = "{value}  ({changes})"
SLACK_CHANGE = "{change} t.o.v. {label}"
SLACK_LIST_LINE = "• {label}: {count}"
SLACK_BULLET = "• {line}"
SLACK_GOAL = "doel {goal}"
SLACK_BEFORE = "vorige {before}"
SLACK_FILES_COMMENT = "Grafieken en bestanden bij de {what} {label}."
SLACK_WHAT_QUARTER = "kwartaalrapportage"
SLACK_WHAT_YEAR = "jaarrapportage"
SLACK_FALLBACK = "Klachtenrapportage {label}"
SLACK_PREVIEW_QUARTER = (
    "De kwartaalrapportage {label} staat klaar. Voeg je eigen analyse toe; daarna gaat de "
    "rapportage naar de directie. Zonder reactie gaat hij op {deadline} zonder jouw analyse."
)
SLACK_PREVIEW_ASKED = (
    "De kwartaalrapportage {label} die je opvroeg staat klaar. Voeg je eigen analyse toe; daarna "
    "gaat de rapportage naar de directie."
)
SLACK_PREVIEW_YEAR = (
    "De jaarrapportage {label} staat klaar. Schrijf je advies aan de directie over bijsturing "
    "en eventueel noodzakelijke preventieve maatregelen; daarna gaat de rapportage naar de "
    "directie."
)
SLACK_REMINDER_YEAR = "Herinnering: de directie wacht op je advies bij de jaarrapportage {label}."
BUTTON_ADD_ANALYSIS = "Analyse toevoegen en versturen"
BUTTON_ADD_ADVICE = "Advies schrijven"
MODAL_TITLE_QUARTER = "Kwartaalrapportage"
MODAL_TITLE_YEAR = "Jaarrapportage"
MODAL_SUBMIT = "Versturen"
MODAL_CLOSE = "Annuleren"
MODAL_OFFICER_LABEL = "Je eigen analyse"
MODAL_OFFICER_HINT = "Wordt met de rapportage opgeslagen en aan de directie getoond."
MODAL_ADVICE_LABEL = "Advies over bijsturing en preventieve maatregelen"
MODAL_ADVICE_HINT = "Wordt met de jaarrapportage opgeslagen en aan de directie gestuurd."
COMMAND_WORKING = (
    "De rapportage {label} wordt gemaakt en verschijnt zo in het directiekanaal; je krijgt een "
    "bericht zodra hij er staat."
)
COMMAND_WORKING_OFFICER = (
    "De rapportage {label} wordt gemaakt en verschijnt zo in je berichten van de klachtenbot, "
    "met de knop om je eigen tekst toe te voegen voordat hij naar de directie gaat."
)
COMMAND_NOT_ALLOWED = "Alleen de klachtenfunctionaris of de directie kan een rapportage opvragen."
COMMAND_NO_CHANNEL = "Er is geen directiekanaal ingesteld (MANAGEMENT_CHANNEL)."
POSTED_CONFIRMATION = "De rapportage {label} is geplaatst in {channel}."


# -- labels and numbers (keys are the stored codes) -------------------------------------------


def _label(labels: dict[str, str], key: str | None) -> str:
    return labels.get(key, key) if key else UNKNOWN_LABEL


def period_name(label: str) -> str:
    """'2026-Q3' -> 'K3 2026'; a year stays '2026'."""
    year, _, quarter = label.partition("-Q")
    return QUARTER_NAME.format(quarter=quarter, year=year) if quarter else label


def category_label(key: str | None) -> str:
    return _label(CATEGORY_LABELS, key)


def relation_type_label(key: str | None) -> str:
    return _label(RELATION_TYPE_LABELS, key)


def source_label(key: str | None) -> str:
    return _label(SOURCE_LABELS, key)


def root_cause_label(key: str | None) -> str:
    return _label(ROOT_CAUSE_LABELS, key)


def percent(rate: float | None) -> str:
    """'66,7%' (Dutch decimal comma); a dash when there is nothing to divide."""
    if rate is None:
        return NONE
    return f"{rate * 100:.1f}%".replace(".", ",")


def number(value: float | None) -> str:
    """'6,5' / '12'; a dash for no value."""
    if value is None:
        return NONE
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")


def whole(value: float | None) -> str:
    """Hours rounded to whole ones: '12' (a dash for no value)."""
    return NONE if value is None else str(round(value))


def signed(delta: float | None) -> str:
    """'+3' / '−1,5' / '0' for a change; a dash when either side had no value."""
    if delta is None:
        return NONE
    if delta == 0:
        return "0"
    return ("+" if delta > 0 else "−") + number(abs(delta))
