"""The handlers of the `teams` process, one module per area, each with `register(sdk, surface)`.

The gate comes first: it runs before every other handler (the SDK calls them in the order they
were registered). Of the invoke handlers, the complaint card's buttons come first: theirs are the
busiest invokes, and each handler a click passes costs the SDK's dispatch. The card verbs of
cards, discussion and report_text are disjoint, so their order decides nothing else."""

from __future__ import annotations

from bot.teams.app import Surface
from bot.teams.handlers import (
    cards,
    commands,
    dialogs,
    discussion,
    gate,
    installation,
    message_action,
    pending,
    report_text,
)
from bot.teams.sdk import App


def register(sdk: App, surface: Surface) -> None:
    gate.register(sdk, surface)
    installation.register(sdk, surface)
    commands.register(sdk, surface)
    cards.register(sdk, surface)
    discussion.register(sdk, surface)
    report_text.register(sdk, surface)
    dialogs.register(sdk, surface)
    message_action.register(sdk, surface)
    pending.register(sdk, surface)
