"""`/klacht <subcommand> ...`: one dispatcher; each subcommand is a handler in SUBCOMMANDS.

Nothing typed opens the new-complaint modal, a reference (`K-2026-0001`) shows that complaint,
and anything unknown gets the help. Other areas add theirs (e.g. `SUBCOMMANDS["rapport"] =
handle_report`) before build_app runs.
"""

from __future__ import annotations

import re
from logging import Logger
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.deps import Deps
from bot.slack.errors import Listener, guarded
from bot.slack.ids import COMMAND
from bot.slack.invocation import Invocation, Subcommand
from bot.slack.listeners import find

__all__ = ["SUBCOMMANDS", "Invocation", "register"]

REFERENCE = re.compile(r"K-\d{4}-\d{1,6}", re.IGNORECASE)

SUBCOMMANDS: dict[str, Subcommand] = {
    "": find.new_complaint,
    "help": find.show_help,
    "lijst": find.list_open,
    "zoek": find.search,
}


def register(app: App, deps: Deps) -> None:
    app.command(COMMAND)(guarded(dispatch(deps)))


def dispatch(deps: Deps) -> Listener:
    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        word, args = _split(body.get("text") or "")
        if REFERENCE.fullmatch(word):
            find.show_complaint(Invocation(ack, body, client, logger, deps, word))
            return
        call = Invocation(ack, body, client, logger, deps, args)
        handler = SUBCOMMANDS.get(word.lower())
        if handler is None:
            find.show_help(call, unknown=word)
            return
        handler(call)

    return listener


def _split(typed: str) -> tuple[str, str]:
    words = typed.strip().split(maxsplit=1)
    return (words[0], words[1].strip()) if len(words) == 2 else (words[0] if words else "", "")
