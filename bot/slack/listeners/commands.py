"""`/klacht <subcommand> ...`: one dispatcher; each subcommand is a handler in SUBCOMMANDS.

Nothing typed opens the new-complaint modal, a reference (`K-2026-0001`) shows that complaint
(`K-2026-0001 historie`: its history, see ABOUT_COMPLAINT), and anything unknown gets the
help. A subcommand of another area (`rapport`: listeners/reports.py) is one line in SUBCOMMANDS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from logging import Logger
from typing import Any

from slack_bolt import Ack, App, BoltRequest
from slack_sdk import WebClient

from bot import lookup
from bot.slack.deps import Deps
from bot.slack.errors import guarded
from bot.slack.ids import COMMAND
from bot.slack.invocation import Invocation, Subcommand
from bot.slack.listeners import find, ignored, reports
from bot.slack.views import render

__all__ = ["ABOUT_COMPLAINT", "SUBCOMMANDS", "Invocation", "register"]

REFERENCE = re.compile(r"K-\d{4}-\d{1,6}", re.IGNORECASE)


def show_history(call: Invocation) -> None:
    """`/klacht K-2026-0001 historie` (officer and management): `args` is the reference."""
    actor = call.deps.actors.viewer(call.body)
    call.ack(**render.message(lookup.complaint_history(call.deps.service, actor, call.args)))


SUBCOMMANDS: dict[str, Subcommand] = {
    "": find.new_complaint,
    "help": find.show_help,
    "lijst": find.list_open,
    "zoek": find.search,
    "rapport": reports.report_command,
    "genegeerd": ignored.list_ignored,
}
# `/klacht K-2026-0001 <word>`: the handler gets the reference as `args`; the reference alone
# shows the complaint's card.
ABOUT_COMPLAINT: dict[str, Subcommand] = {"": find.show_complaint, "historie": show_history}
# The subcommands that change stored data. In HTTP mode their requests are recorded before they
# are handled, so that a replay changes nothing (bot.slack.gate); every other one only reads,
# or opens a modal.
CHANGING = frozenset({"rapport"})


def changes_data(typed: str) -> bool:
    """Whether `/klacht <typed>` can change stored data."""
    word, _args = _split(typed)
    return word.lower() in CHANGING


def register(app: App, deps: Deps) -> None:
    app.command(COMMAND)(dispatch(deps))


def dispatch(deps: Deps) -> Callable[..., None]:
    """The listener (Bolt's arguments by name); errors are answered by `guarded`."""

    def listener(
        ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger, request: BoltRequest
    ) -> None:
        guarded(partial(_handle, deps, request))(ack, body, client, logger)

    return listener


def _handle(
    deps: Deps,
    request: BoltRequest,
    ack: Ack,
    body: dict[str, Any],
    client: WebClient,
    logger: Logger,
) -> None:
    word, args = _split(body.get("text") or "")
    about = ABOUT_COMPLAINT.get(args.lower())
    if about is not None and REFERENCE.fullmatch(word):
        about(Invocation(ack, body, client, logger, deps, word.upper(), request))
        return
    call = Invocation(ack, body, client, logger, deps, args, request)
    handler = SUBCOMMANDS.get(word.lower())
    if handler is None:
        find.show_help(call, unknown=word)
        return
    handler(call)


def _split(typed: str) -> tuple[str, str]:
    words = typed.strip().split(maxsplit=1)
    return (words[0], words[1].strip()) if len(words) == 2 else (words[0] if words else "", "")
