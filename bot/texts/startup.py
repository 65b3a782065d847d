"""Dutch lines of `run` and `web` at start: refusals (one line per problem) and the start line.

The setting to fix is named in each line; a token's value never is.
"""

SLACK_UNREACHABLE = (
    "Slack API niet bereikbaar op {url} ({reason}); controleer SLACK_API_URL (standaard "
    "https://slack.com/api/) en of deze machine naar buiten mag (proxy, firewall)."
)
BOT_TOKEN_REFUSED = (
    "SLACK_BOT_TOKEN wordt door Slack geweigerd ({error}): kopieer het Bot User OAuth Token "
    "opnieuw van OAuth & Permissions van de app (na opnieuw installeren is het nieuw)."
)
BOT_TOKEN_ERROR = "SLACK_BOT_TOKEN: Slack antwoordt met {error} op auth.test; controleer het token."
SLACK_TROUBLE = (
    "Slack kan nu niet antwoorden ({error}); aan de instellingen ligt het niet, een nieuwe start "
    "over een minuut lukt waarschijnlijk wel."
)
BOT_TOKEN_OF_A_USER = (
    "SLACK_BOT_TOKEN hoort bij een gebruiker, niet bij de bot: gebruik het Bot User OAuth Token "
    "(xoxb-) van OAuth & Permissions."
)
CHANNEL_PUBLIC = (
    "COMPLAINTS_CHANNEL {channel} is openbaar; klachten bevatten persoonsgegevens. "
    "Maak het kanaal privé (of kies een privékanaal) en start opnieuw."
)
CHANNEL_UNREADABLE = (
    "COMPLAINTS_CHANNEL {channel} is niet te controleren ({error}): gebruik het kanaal-ID "
    "(kanaaldetails > Over, onderaan) en nodig de bot uit in het privékanaal (/invite)."
)
MANAGEMENT_CHANNEL_UNREADABLE = (
    "MANAGEMENT_CHANNEL {channel} is niet te controleren ({error}): gebruik het kanaal-ID "
    "(kanaaldetails > Over, onderaan) en nodig de bot uit in het kanaal (/invite)."
)
MANAGEMENT_CHANNEL_NOT_MEMBER = (
    "MANAGEMENT_CHANNEL {channel}: de bot is geen lid van dit kanaal en kan er niets plaatsen; "
    "nodig de bot uit in het kanaal (/invite) en start opnieuw."
)
APP_TOKEN_WRONG_TYPE = (
    "SLACK_APP_TOKEN is geen app-token ({error}): maak onder Basic Information > App-Level "
    "Tokens een token (xapp-) met de scope connections:write."
)
APP_TOKEN_SCOPE = (
    "SLACK_APP_TOKEN mist de scope connections:write ({error}): voeg die toe onder Basic "
    "Information > App-Level Tokens, of maak een nieuw token met die scope."
)
APP_TOKEN_REFUSED = (
    "SLACK_APP_TOKEN wordt door Slack geweigerd ({error}): maak onder Basic Information > "
    "App-Level Tokens een nieuw token met de scope connections:write."
)
START_LINE = (
    "klachtenbot {mode} gestart: database {database}; werkruimte {team} als @{bot_user}; "
    "klachtenkanaal {complaints}, directiekanaal {management}; {officers} "
    "klachtenfunctionaris(sen); kalender {calendar}"
)
NONE = "geen"
ACKS_WITHOUT_SMTP = (
    "SEND_ACKNOWLEDGEMENTS staat aan maar SMTP_HOST is leeg: ontvangstbevestigingen blijven "
    "in de wachtrij tot SMTP_* is ingesteld (of zet SEND_ACKNOWLEDGEMENTS=false)."
)
NO_OFFICER = (
    "Geen klachtenfunctionaris ingesteld (OFFICER_USER_IDS of OFFICER_USERGROUP): niemand kan "
    "klachten registreren of afsluiten."
)
USERGROUP_UNREADABLE = "OFFICER_USERGROUP {group} is niet te lezen ({error})"
