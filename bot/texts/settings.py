"""Dutch lines for settings that are missing, invalid or refused at start-up.

Each line names the setting and says what to do; a secret's value is never shown.
"""

MISSING = "Instelling {name} ontbreekt"
INVALID = "Instelling {name} ongeldig: {reason}"
ENV_FILE_MISSING = "Instellingenbestand {path} bestaat niet (--env-file of KLACHTENBOT_ENV_FILE)"
ENV_FILE_UNREADABLE = (
    "Instellingenbestand {path} is niet leesbaar voor gebruiker {user} (rechten {mode}, "
    "eigenaar {owner}, groep {group}): geef leesrecht, bijvoorbeeld chgrp {user} {path} en "
    "chmod 640 {path}."
)
ENV_FILE_FOLDER_UNREADABLE = (
    "Instellingenbestand {path} is niet te bereiken voor gebruiker {user}: een map op de weg "
    "ernaartoe mag deze gebruiker niet openen (geef die map leesrecht, chmod o+x of chgrp)."
)

# Pydantic error types, in Dutch (the value is shown when it is not a secret).
ERRORS = {
    "int_parsing": "{value!r} is geen geheel getal",
    "float_parsing": "{value!r} is geen getal",
    "bool_parsing": "{value!r} is geen ja/nee-waarde (gebruik true of false)",
    "date_from_datetime_parsing": "{value!r} is geen datum (JJJJ-MM-DD)",
    "date_parsing": "{value!r} is geen datum (JJJJ-MM-DD)",
    "time_parsing": "{value!r} is geen tijd (UU:MM)",
    "literal_error": "{value!r} is niet toegestaan; kies uit {expected}",
    "greater_than_equal": "{value!r} is te klein (minimaal {ge})",
    "less_than_equal": "{value!r} is te groot (maximaal {le})",
    "greater_than": "{value!r} is te klein (groter dan {gt})",
    "less_than": "{value!r} is te groot (kleiner dan {lt})",
    "string_too_long": "te lang (maximaal {max_length} tekens)",
}
ERROR_OTHER = "waarde niet bruikbaar ({kind})"

UNKNOWN_TIMEZONE = "onbekende tijdzone {value!r}"
END_BEFORE_START = "moet later zijn dan BUSINESS_DAY_START"
RECOURSE_EMPTY = "leeg; de beslisbrief noemt hiermee de vervolgstap van de klant"
BAD_USER_ID = "{value!r} is geen Slack-gebruikers-ID (begint met U of W, bijvoorbeeld U012AB3CD)"
BAD_CHANNEL_ID = "{value!r} is geen kanaal-ID (begint met C of G, bijvoorbeeld C012AB3CD)"
CHANNEL_NAME = (
    "{value!r} is een kanaalnaam; gebruik het kanaal-ID (C...), te vinden onder "
    "kanaaldetails (klik op de kanaalnaam) > Over, onderaan"
)
BAD_USERGROUP_ID = (
    "{value!r} is geen gebruikersgroep-ID (begint met S, bijvoorbeeld S012AB3CD); te vinden "
    "via Personen > Gebruikersgroepen > de groep > ... > Groeps-ID kopiëren"
)
NOT_A_BOT_TOKEN = (
    "dit is geen bot-token (begint niet met xoxb-); gebruik het Bot User OAuth Token onder "
    "OAuth & Permissions van de Slack-app"
)
USER_TOKEN = (
    "dit is een gebruikerstoken (xoxp-); de bot werkt alleen met het Bot User OAuth Token "
    "(xoxb-) onder OAuth & Permissions"
)
NOT_AN_APP_TOKEN = (
    "dit is geen app-token (begint niet met xapp-); maak er een onder Basic Information > "
    "App-Level Tokens met de scope connections:write"
)
UNSUPPORTED_DATABASE = (
    "{scheme}:// wordt niet ondersteund; gebruik PostgreSQL "
    "(postgresql://gebruiker:wachtwoord@host:5432/klachtenbot) of SQLite (sqlite:///klachtenbot.sqlite3)"
)
BAD_DATABASE_URL = (
    "{value!r} is geen database-URL; bijvoorbeeld "
    "postgresql://gebruiker:wachtwoord@host:5432/klachtenbot of sqlite:///klachtenbot.sqlite3"
)
BAD_GUID = (
    "{value!r} is geen Microsoft Entra-ID (een GUID zoals 9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c); "
    "te vinden in het Entra-beheercentrum > App-registraties > de app > Overzicht"
)
BAD_OBJECT_ID = (
    "{value!r} is geen Entra-object-ID (een GUID zoals 9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c); "
    "te vinden in het Entra-beheercentrum > Gebruikers > de persoon > Object-ID"
)
BAD_TEAMS_CHANNEL_ID = (
    "{value!r} is geen Teams-kanaal-ID (19:...@thread.tacv2); in Teams: ... naast het kanaal > "
    "Koppeling naar kanaal ophalen, het deel na /channel/ (met %3a als : en %40 als @)"
)
TEAMS_CHANNEL_LINK = (
    "{value!r} is een koppeling; gebruik alleen het kanaal-ID daarin: het deel na /channel/ tot "
    "de volgende /, met %3a als : en %40 als @ (19:...@thread.tacv2)"
)
TEAMS_THREAD_ID = (
    "{value!r} is het ID van één bericht in een kanaal; laat ;messageid=... weg, dan blijft het "
    "kanaal-ID over"
)
TEAMS_GROUP_CHAT_ID = (
    "{value!r} is een groepschat, geen kanaal; kies een kanaal van een team (19:...@thread.tacv2)"
)
TEAMS_PERSONAL_CHAT_ID = (
    "{value!r} is een persoonlijke chat met de bot, geen kanaal; kies een kanaal van een team "
    "(19:...@thread.tacv2)"
)
BAD_URL = "{value!r} is geen http(s)-adres"
PLAIN_HTTP = (
    "{value!r} gebruikt http zonder TLS; alleen een adres op deze machine (127.0.0.1) mag dat, "
    "gebruik anders https://"
)
UNAUTHENTICATED_NOT_LOOPBACK = (
    "mag alleen aan voor tests met een Bot Connector op deze machine, maar TEAMS_SERVICE_URL is "
    "{url}; zet TEAMS_ALLOW_UNAUTHENTICATED=false (of laat het weg)"
)
BAD_BIND = (
    "{value} is geen IP-adres om op te luisteren: gebruik 0.0.0.0 (alle netwerken) of "
    "127.0.0.1 (alleen deze machine, achter een TLS-proxy)"
)
