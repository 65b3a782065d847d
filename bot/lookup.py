"""What a person's command asks for, on any chat surface: the open list, search results, one
complaint's card with the buttons their role may use, its history. Each answer is a view
(bot.views), shaped by what the asking person's role may see; the surface only reads the typed
words, names the person and renders the view (Slack: /klacht, bot/slack/listeners/find.py;
Teams: a message to the bot, bot/teams/handlers/commands.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.procedure import Actor, Complaint, Role
from bot.procedure.roles import employee_scope, may_see, sees_contact_details
from bot.service import ComplaintService, Found
from bot.texts import find as find_text
from bot.texts import privacy as privacy_text
from bot.views.card import card
from bot.views.history import history
from bot.views.ids import Action
from bot.views.lists import open_list, search_hint, search_results
from bot.views.model import REPLY, Message

REFERENCE = re.compile(r"K-\d{4}-\d{1,6}", re.IGNORECASE)
HISTORY_WORD = "historie"


def split(typed: str) -> tuple[str, str]:
    """The first word and the rest."""
    words = typed.strip().split(maxsplit=1)
    return (words[0], words[1].strip()) if len(words) == 2 else (words[0] if words else "", "")


def answer(message: str) -> Message:
    """A short answer that is one text."""
    return Message(REPLY, (message,))


def open_complaints(service: ComplaintService, actor: Actor) -> Message:
    found = service.open_complaints(employee_id=employee_scope(actor))
    return open_list(*_listing(service, actor, found), contact_details=sees_contact_details(actor))


def search(service: ComplaintService, actor: Actor, query: str) -> Message:
    if not query:
        return search_hint()
    # Only the officer searches contact details; the others what they are shown.
    found = service.search(
        query, employee_id=employee_scope(actor), contact_details=sees_contact_details(actor)
    )
    listing = _listing(service, actor, found)
    return search_results(query, *listing, contact_details=sees_contact_details(actor))


def _listing(service: ComplaintService, actor: Actor, found: Found) -> tuple[Any, ...]:
    """What a list of found complaints is shown with: them, whether there are more, the
    moment, the calendar and the role."""
    return (found.complaints, found.more, service.now(), service.calendar, actor.role)


Buttons = Callable[[Actor, Complaint], list[Action]]


def complaint_card(
    service: ComplaintService,
    actor: Actor,
    reference: str,
    buttons: Buttons,
    thread_link: Callable[[Complaint], str | None] = lambda _complaint: None,
) -> Message:
    """A complaint's card: the `buttons` this person may use in its state (the surface knows
    which steps it offers), recurrence for officer and management, and a link to its thread
    (asked for only when it is shown). An employee sees only a complaint they were asked
    about."""
    complaint = service.get(reference, with_events=employee_scope(actor) is not None)
    if not may_see(actor, complaint):
        return answer(find_text.NOT_YOURS.format(reference=complaint.reference))
    return card(
        complaint,
        service.now(),
        service.calendar,
        contact_details=sees_contact_details(actor),
        actions=buttons(actor, complaint),
        recurrence=None if employee_scope(actor) else service.recurrence(complaint),
        # The complaints channel is the officer's: nobody else could open the link.
        thread_link=thread_link(complaint) if actor.role is Role.OFFICER else None,
    )


def complaint_history(service: ComplaintService, actor: Actor, reference: str) -> Message:
    """Every event of a complaint (officer and management only)."""
    if actor.role not in (Role.OFFICER, Role.MANAGEMENT):
        return answer(privacy_text.HISTORY_NOT_ALLOWED)
    return history(service.get(reference), actor.role, service.now())
