"""The Teams cards `klachtenbot demo` would post, written as Adaptive Card JSON files, one per
card, to paste into the Adaptive Cards Designer (adaptivecards.io/designer): each complaint's
card in the complaints channel and its thread replies, each employee's request in their
personal chat, and the Home cards of the officer, management and an employee."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bot.homes import dashboard_of
from bot.procedure import Actor, Complaint, Role
from bot.procedure.discussion import employee_requests
from bot.service import ComplaintService
from bot.teams.views.render import message as render_message
from bot.views.card import channel_post
from bot.views.model import Dashboard, Message
from bot.views.requests import answer_due, request_message
from bot.views.thread import event_post

MANAGEMENT = Actor("U0DEMODIR", Role.MANAGEMENT, "Directie")


def write_cards(
    service: ComplaintService,
    complaints: Iterable[Complaint],
    people: Iterable[Actor],
    folder: Path,
) -> int:
    """Write every card into `folder` (emptied of earlier cards first); how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    written = 0
    for name, view in _views(service, list(complaints), [*people, MANAGEMENT]):
        (folder / f"{name}.json").write_text(
            json.dumps(card_of(view), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        written += 1
    return written


def card_of(view: Message | Dashboard) -> dict[str, Any]:
    """The Adaptive Card of a view, as the designer takes it (without the activity around it)."""
    (attachment,) = render_message(view)["attachments"]
    return attachment["content"]


def _views(
    service: ComplaintService, complaints: list[Complaint], people: list[Actor]
) -> Iterator[tuple[str, Message | Dashboard]]:
    now = service.now()
    for complaint in complaints:
        shown = service.get(complaint.reference or "")
        reference = shown.reference or "?"
        yield f"{reference}-kanaal", channel_post(shown, now=now, calendar=service.calendar)
        for number, event in enumerate(shown.events, start=1):
            yield f"{reference}-draad-{number:02}", event_post(shown, event, now)
        for number, request in enumerate(employee_requests(shown), start=1):
            due = answer_due(service, request)
            yield f"{reference}-verzoek-{number}", request_message(shown, request, due, now)
    for actor in people:
        yield f"home-{actor.role.value}-{actor.user_id}", dashboard_of(actor, service)
