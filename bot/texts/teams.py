"""Dutch text of the Teams surface: refusals by Teams (for the officer), answers to people in
Teams, and the lines `klachtenbot teams` prints at start."""

# Why Teams refused a message for good, by the Bot Connector's error code, else by status.
REFUSALS = {
    "BotNotInConversationRoster": (
        "De klachtenbot is uit dit team of deze chat verwijderd (Teams: {code}); voeg de app "
        "opnieuw toe, dan komt het bericht alsnog aan."
    ),
    "ConversationBlockedByUser": (
        "De ontvanger heeft de chat met de klachtenbot geblokkeerd (Teams: {code}); vraag de "
        "persoon de blokkering op te heffen of neem op een andere manier contact op."
    ),
    "BotDisabledByAdmin": (
        "De Teams-beheerder heeft de klachtenbot uitgeschakeld (Teams: {code}); vraag de beheerder "
        "de app weer toe te staan in het Teams-beheercentrum."
    ),
    "ConversationNotFound": (
        "Teams kent dit kanaal of deze chat niet (meer) (Teams: {code}): een verkeerd kanaal-ID, "
        "of de app is verwijderd."
    ),
    "ActivityNotFoundInConversation": (
        "Het bericht bestaat niet meer in Teams (Teams: {code}); het is waarschijnlijk verwijderd."
    ),
    "MessageSizeTooBig": "Het bericht is te groot voor Teams (Teams: {code}).",
    "TokenRefused": "{code}",
}
REFUSALS_BY_STATUS = {
    401: (
        "Teams weigert de klachtenbot ({status} {code}): TEAMS_APP_ID of TEAMS_APP_PASSWORD klopt "
        "niet, of de Azure Bot is verwijderd."
    ),
    403: (
        "Teams staat de klachtenbot hier niet toe ({status} {code}): de app is verwijderd of "
        "geblokkeerd; voeg hem opnieuw toe."
    ),
    404: (
        "Teams kent dit kanaal, deze chat of dit bericht niet ({status} {code}): een verkeerd ID, "
        "of de app is verwijderd."
    ),
}
REFUSED_OTHER = "Teams weigert het bericht ({status} {code})."
NO_CONVERSATION_ID = "Teams gaf geen chat terug voor deze persoon."
BAD_ANSWER = "Teams gaf een antwoord dat de klachtenbot niet kan lezen."

# Answers to people in Teams.
NOT_YET = (
    "Deze actie kent de klachtenbot in Teams niet. Opdrachten in de chat met de bot, de knoppen "
    "op een klacht, de formulieren en 'Registreer als klacht' werken: stuur help."
)
NOT_YET_TITLE = "Onbekende actie"
REFUSED_TITLE = "Niet gelukt"
# A dialog closed after its step was taken.
DIALOG_DONE = "Opgeslagen: {reference} is nu {state}."
# The officer's analysis or advice saved with a report.
REPORT_TEXT_SAVED = (
    "Opgeslagen: de rapportage {label} wordt nu met je tekst in het managementkanaal geplaatst."
)
# The employee's dialog closed after their answer was saved.
EMPLOYEE_SAVED = "Opgeslagen, dank je. De klachtenfunctionaris ziet je reactie bij {reference}."
# The message action "Registreer als klacht": the complaint made from a Teams message.
MESSAGE_ACTION_OFFICERS_ONLY = (
    "Alleen de klachtenfunctionaris kan een bericht als klacht registreren. Stuur het bericht "
    "door naar de klachtenfunctionaris; er is niets geregistreerd."
)
MESSAGE_REGISTERED_TITLE = "Klacht geregistreerd"
MESSAGE_REGISTERED = "Klacht {reference} is geregistreerd, met een link naar het bericht."
MESSAGE_REGISTERED_NO_LINK = "Klacht {reference} is geregistreerd."
OUTSIDER = (
    "Je hebt geen toegang tot de klachtenbot: die is alleen voor medewerkers van de eigen "
    "organisatie."
)
OUTSIDER_TITLE = "Geen toegang"

# The bot's own token (client credentials) and Teams' signing keys.
TENANT_UNKNOWN = (
    "Microsoft Entra kent de tenant van TEAMS_TENANT_ID niet: gebruik de Directory (tenant) ID "
    "van het overzicht van de app-registratie."
)
APP_UNKNOWN = (
    "Microsoft Entra kent de app van TEAMS_APP_ID niet in deze tenant: gebruik de Application "
    "(client) ID van de app-registratie (één tenant) achter de Azure Bot, en controleer "
    "TEAMS_TENANT_ID."
)
PASSWORD_REFUSED = (
    "Microsoft Entra weigert TEAMS_APP_PASSWORD (onjuist of verlopen): maak onder "
    "Certificaten en geheimen van de app-registratie een nieuw clientgeheim en zet de waarde "
    "(niet de ID) in TEAMS_APP_PASSWORD."
)
TOKEN_REFUSED = (
    "Microsoft Entra geeft de bot geen token ({error}); controleer TEAMS_APP_ID, "
    "TEAMS_APP_PASSWORD en TEAMS_TENANT_ID."
)
OPENID_WITHOUT_KEYS = "het OpenID-document noemt geen issuer en jwks_uri"
NOT_A_DOCUMENT = "geen JSON-object"

# `klachtenbot teams` at start: one line per problem, naming the setting.
LOGIN_UNREACHABLE = (
    "Microsoft Entra niet bereikbaar op {url} ({reason}); controleer of deze machine naar buiten "
    "mag (proxy, firewall) en TEAMS_LOGIN_URL (standaard https://login.microsoftonline.com)."
)
OPENID_UNREACHABLE = (
    "De sleutels van de Bot Framework niet op te halen ({reason}); controleer of deze machine "
    "naar buiten mag en TEAMS_OPENID_METADATA_URL (standaard "
    "https://login.botframework.com/v1/.well-known/openidconfiguration)."
)
CONNECTOR_TROUBLE = (
    "De Bot Connector kan nu niet antwoorden ({code}); aan de instellingen ligt het niet, een "
    "nieuwe start over een minuut lukt waarschijnlijk wel."
)
CONNECTOR_UNREACHABLE = (
    "De Bot Connector is niet bereikbaar op {url} ({code}); controleer of deze machine naar "
    "buiten mag en TEAMS_SERVICE_URL (standaard https://smba.trafficmanager.net/teams/)."
)
APP_REFUSED = (
    "De Bot Connector weigert de bot ({code}): TEAMS_APP_ID moet de Microsoft App ID van de "
    "Azure Bot zijn, met een geheim van die app in TEAMS_APP_PASSWORD."
)
BOT_NOT_IN_TEAM = (
    "{setting} {channel}: de klachtenbot zit niet in het team van dit kanaal ({code}); voeg de "
    "app toe aan het team (Teams: ... bij het team > Team beheren > Apps) en start opnieuw."
)
CHANNEL_UNKNOWN = (
    "{setting} {channel}: Teams kent dit kanaal niet ({code}); kopieer het kanaal-ID opnieuw "
    "(... naast het kanaal > Koppeling naar kanaal ophalen)."
)
WRONG_TENANT = (
    "TEAMS_TENANT_ID {tenant} is niet de tenant van het team van {setting} ({found}); gebruik de "
    "Directory (tenant) ID van de eigen organisatie."
)
PERSON_NOT_IN_TEAM = (
    "{setting}: {object_id} is geen lid van het team van {channel_setting}; controleer het "
    "object-ID (Entra-beheercentrum > Gebruikers) of voeg de persoon toe aan het team."
)
WRONG_PLATFORM = (
    "CHAT_PLATFORM is {platform}: {command} hoort bij {wanted}; zet "
    "CHAT_PLATFORM={wanted} of start {other}."
)
START_LINE = (
    "klachtenbot teams (HTTP, poort {port}) gestart: database {database}; tenant {tenant}, "
    "app {app}; klachtenkanaal {complaints}, directiekanaal {management}; {officers} "
    "klachtenfunctionaris(sen); kalender {calendar}"
)
UNAUTHENTICATED = "zonder aanmelding (TEAMS_ALLOW_UNAUTHENTICATED, alleen voor tests)"
NO_OFFICER = (
    "Geen klachtenfunctionaris ingesteld (TEAMS_OFFICER_IDS): niemand kan klachten registreren "
    "of afsluiten."
)

# Cards: what a link to a Teams channel says, what a form answers when a required field is empty,
# and the line under a card that had to be shortened to fit Teams' size limit.
CHANNEL_LINK = "het kanaal"
REQUIRED = "Vul dit veld in."
CARD_SHORTENED = "Niet alles past op deze kaart; de rest staat in de klachtenbot."

# Commands in a personal chat with the bot (or by @mention in a channel).
HELP_TITLE = "De klachtenbot in Teams: stuur een van deze opdrachten in de chat met de bot"
SOMETHING_WENT_WRONG = "Er ging iets mis; er is niets gewijzigd. Probeer het later opnieuw."
