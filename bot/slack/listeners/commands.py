"""`/klacht <subcommand> ...`: one dispatcher; each subcommand is a handler in SUBCOMMANDS.

Other areas add theirs (e.g. `SUBCOMMANDS["rapport"] = handle_report`) before build_app runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from logging import Logger
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.procedure import Role
from bot.slack.deps import Deps
from bot.slack.errors import Listener, guarded
from bot.slack.ids import COMMAND
from bot.slack.views.blocks import escape
from bot.slack.views.help import help_blocks
from bot.slack.views.history import history_blocks
from bot.texts import privacy as privacy_text
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


def show_history(call: Invocation) -> None:
    """`/klacht K-2026-0001 historie` (officer and management): `args` is the reference."""
    actor = call.deps.actors.of(call.body)
    if actor.role not in (Role.OFFICER, Role.MANAGEMENT):
        call.ack(text=privacy_text.HISTORY_NOT_ALLOWED)
        return
    complaint = call.deps.service.get(call.args)
    reference = complaint.reference or call.args
    title = privacy_text.HISTORY_TITLE.format(reference=reference)
    call.ack(text=title, blocks=history_blocks(complaint, actor.role))


SUBCOMMANDS: dict[str, Subcommand] = {"help": show_help}
# `/klacht K-2026-0001 <word>`: the handler gets the reference as `args`.
ABOUT_COMPLAINT: dict[str, Subcommand] = {"historie": show_history}
REFERENCE = re.compile(r"K-\d{4}-\d{1,6}", re.IGNORECASE)


def register(app: App, deps: Deps) -> None:
    app.command(COMMAND)(guarded(dispatch(deps)))


def dispatch(deps: Deps) -> Listener:
    def listener(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        word, _, args = (body.get("text") or "").strip().partition(" ")
        about = ABOUT_COMPLAINT.get(args.strip().lower())
        if about is not None and REFERENCE.fullmatch(word):
            about(Invocation(ack, body, client, logger, deps, word.upper()))
            return
        handler = SUBCOMMANDS.get(word.lower() or "help")
        if handler is None:
            ack(text=text.UNKNOWN_SUBCOMMAND.format(word=escape(word[:40])))
            return
        handler(Invocation(ack, body, client, logger, deps, args.strip()))

    return listener
