"""`/klacht <subcommand> ...`: one dispatcher; each subcommand is a handler in SUBCOMMANDS.

Other areas add theirs (e.g. `SUBCOMMANDS["rapport"] = handle_report`) before build_app runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from logging import Logger
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack.deps import Deps
from bot.slack.errors import Listener, guarded
from bot.slack.ids import COMMAND
from bot.slack.views.blocks import escape
from bot.slack.views.help import help_blocks
from bot.texts import slack as text


@dataclass(frozen=True)
class Invocation:
    """One `/klacht` call: Bolt's arguments, the app's dependencies and the words after the
    subcommand. A handler must call `ack` first (within 3 s)."""

    ack: Ack
    body: dict[str, Any]
    client: WebClient
    logger: Logger
    deps: Deps
    args: str


Subcommand = Callable[[Invocation], None]


def show_help(call: Invocation) -> None:
    call.ack(text=text.HELP_TITLE, blocks=help_blocks())


SUBCOMMANDS: dict[str, Subcommand] = {"help": show_help}


def register(app: App, deps: Deps) -> None:
    app.command(COMMAND)(guarded(dispatch(deps)))


def dispatch(deps: Deps) -> Listener:
    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        word, _, args = (body.get("text") or "").strip().partition(" ")
        handler = SUBCOMMANDS.get(word.lower() or "help")
        if handler is None:
            ack(text=text.UNKNOWN_SUBCOMMAND.format(word=escape(word[:40])))
            return
        handler(Invocation(ack, body, client, logger, deps, args.strip()))

    return listener
