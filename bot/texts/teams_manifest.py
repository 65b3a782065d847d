"""Dutch text of the Teams app package: names, descriptions and the commands' help."""

from bot.teams.ids import Command

DEVELOPER = "klachtenbot"
SHORT_NAME = "Klachtenbot"
FULL_NAME = "Klachtenbot: de klachtenregeling van het uitzendbureau"
SHORT_DESCRIPTION = "Elke klacht geregistreerd, opgevolgd en gerapporteerd, binnen de termijnen."
FULL_DESCRIPTION = (
    "De klachtenbot voert de klachtenregeling uit: elke klacht per e-mail wordt een kaart in het "
    "klachtenkanaal, de klachtenfunctionaris neemt die door alle stappen (registreren, contact, "
    "bespreken met de medewerker, afsluiten), de bot bewaakt de termijnen in werkdagen en meldt "
    "wat te laat is aan de directie, en maakt elk kwartaal de rapportage."
)
COMMANDS = {
    Command.LIST: "Open klachten, de meest dringende eerst",
    Command.FIND: "zoek <tekst>: klachten op naam, e-mail, telefoon of woorden",
    Command.HISTORY: "historie <K-2026-0001>: alles wat er met een klacht is gebeurd",
    Command.REPORT: "rapport 2026-Q3 of rapport 2026: de kwartaal- of jaarrapportage",
    Command.NEW: "Een klacht registreren die telefonisch of aan de balie binnenkwam",
    Command.HOME: "Je overzicht: open klachten, verzoeken of kerncijfers",
    Command.HELP: "Wat de klachtenbot kan",
}
MESSAGE_ACTION_TITLE = "Registreer als klacht"
MESSAGE_ACTION_DESCRIPTION = "Maak van dit bericht een klacht, gekoppeld aan het bericht"
