"""Every name Teams and the app package share: invoke names, the bot's commands and the message
action, each in one place (the manifest is built from these, and a test holds both ways)."""

from __future__ import annotations

from enum import StrEnum


class Invoke(StrEnum):
    """The invoke activities klachtenbot's cards, dialogs and message action send."""

    CARD_ACTION = "adaptiveCard/action"  # an Action.Execute button
    DIALOG_OPEN = "task/fetch"
    DIALOG_SUBMIT = "task/submit"
    MESSAGE_ACTION_OPEN = "composeExtension/fetchTask"
    MESSAGE_ACTION_SUBMIT = "composeExtension/submitAction"
    FEEDBACK = "message/submitAction"


class Command(StrEnum):
    """What a person types to the bot (personal chat, or @mention in a channel)."""

    LIST = "lijst"
    FIND = "zoek"
    HISTORY = "historie"
    REPORT = "rapport"
    NEW = "nieuw"
    HOME = "home"
    HELP = "help"


# The verb of the button that closes a form shown in a card and brings the card back.
CANCEL_VERB = "cancel"
# The same for the employee's form shown in place of their request card.
REQUEST_CANCEL_VERB = "cancelRequest"
# And for the officer's text form shown in place of a report's card.
REPORT_CANCEL_VERB = "cancelReport"

# The message extension's action command: "Registreer als klacht" on any message.
MESSAGE_ACTION = "registreerAlsKlacht"
