"""The officer's commands in Teams: a message to the bot in a personal chat (or by @mention in
a channel) with `lijst`, `zoek <tekst>`, `K-2026-0001`, `K-2026-0001 historie` or `help`.

The same answers as Slack's /klacht (bot.lookup), rendered as Adaptive Cards and sent through
the Bot Connector to the person's personal chat only, so nobody else reads them. A word the bot
does not know gets the help; a refused step or an unknown reference gets its Dutch message.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from bot import lookup
from bot.forms.workflows import buttons_for
from bot.procedure import Actor, ProcedureError, Role
from bot.procedure.people import Surface as PeopleSurface
from bot.procedure.roles import role_of
from bot.teams.app import Surface
from bot.teams.connector import Sent
from bot.teams.homes import TeamsHomes
from bot.teams.hops import in_thread
from bot.teams.ids import Command
from bot.teams.personal import PersonalChats
from bot.teams.replies import reply_privately
from bot.teams.sdk import ActivityContext, App
from bot.teams.views.render import message as render_message
from bot.texts import find as find_text
from bot.texts import teams as text
from bot.views.lists import help_commands
from bot.views.model import REPLY, Code, Line, Message, Paragraph, Span
from bot.views.model import Command as CommandSpan
from bot.views.spans import fill

log = logging.getLogger(__name__)

MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]{0,200}>")
# The commands of the help that Teams answers today (the first word of each).
IN_TEAMS = {"lijst", "zoek", "K-2026-0001", "help"}


def register(sdk: App, surface: Surface) -> None:
    @sdk.on_message
    async def message(ctx: ActivityContext[Any]) -> None:
        activity = ctx.activity
        actor = actor_of(activity, surface)
        if lookup.split(typed(activity.text or ""))[0].lower() == Command.HOME:
            await in_thread(show_home, surface, actor)
            return
        answer = await in_thread(command_answer, surface, actor, activity.text or "")
        await in_thread(reply_privately, activity, surface, render_message(answer))


def show_home(surface: Surface, actor: Actor) -> None:
    """`home`: the person's dashboard as a new card in their personal chat (bot.teams.homes)."""
    chats = PersonalChats(surface.settings, surface.directory, surface.connector)
    outcome = TeamsHomes(surface.service, chats).show(actor)
    if not isinstance(outcome, Sent):
        log.warning("Home not sent in Teams: %s", outcome.code)


def typed(text_: str) -> str:
    """What the person typed: without the bot's @mention and the HTML Teams may wrap it in."""
    return html.unescape(TAG.sub(" ", MENTION.sub(" ", text_))).strip()


def actor_of(activity: Any, surface: Surface) -> Actor:
    """The sender, by their Entra object id, in the role the settings give them."""
    settings = surface.settings
    object_id = str(activity.from_.aad_object_id)
    role = role_of(
        object_id,
        officer_ids=set(settings.teams_officer_ids),
        management_ids=set(settings.teams_management_ids),
    )
    return Actor(object_id, role, str(activity.from_.name or ""), PeopleSurface.TEAMS)


def command_answer(surface: Surface, actor: Actor, text_: str) -> Message:
    """The answer to a typed command, as a view; never an exception."""
    word, args = lookup.split(typed(text_))
    service = surface.service
    try:
        if lookup.REFERENCE.fullmatch(word):
            reference = word.upper()
            if args.lower() == lookup.HISTORY_WORD:
                return lookup.complaint_history(service, actor, reference)
            if not args:
                return lookup.complaint_card(service, actor, reference, buttons_for)
        elif word.lower() == Command.LIST:
            return lookup.open_complaints(service, actor)
        elif word.lower() == Command.FIND:
            return lookup.search(service, actor, args)
        elif word.lower() in ("", Command.HELP):
            return teams_help(actor)
        return teams_help(actor, unknown=word)
    except ProcedureError as exc:
        return lookup.answer(exc.message)
    except Exception:
        log.exception("command in Teams failed")
        return lookup.answer(text.SOMETHING_WENT_WRONG)


def teams_help(actor: Actor, unknown: str | None = None) -> Message:
    """The commands Teams answers and what this role sees with them; first the word not
    understood."""
    lines: list[Line] = [(text.HELP_TITLE,)]
    for words, what in help_commands(actor.role):
        if words[0].split(maxsplit=1)[:1] and words[0].split()[0] in IN_TEAMS:
            commands: list[Span] = []
            for command in words:
                commands += (
                    [find_text.HELP_OR, CommandSpan(command)]
                    if commands
                    else [CommandSpan(command)]
                )
            lines.append(fill(find_text.HELP_LINE, commands=tuple(commands), what=what))
    if actor.role is Role.EMPLOYEE:
        lines.append((find_text.HELP_EMPLOYEE,))
    elif actor.role is Role.MANAGEMENT:
        lines.append((find_text.HELP_MANAGEMENT,))
    blocks = [Paragraph(tuple(lines))]
    summary: Line = (text.HELP_TITLE,)
    if unknown:
        summary = fill(find_text.UNKNOWN, word=Code(unknown[:40]))
        blocks.insert(0, Paragraph((summary,)))
    return Message(REPLY, summary, tuple(blocks))
