"""How a step records itself: one appended event, and the guards every step shares.

Shared by the procedure's step modules (steps, decision); nothing here checks a role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from bot.procedure.errors import AlreadyDone, ProcedureError
from bot.procedure.model import (
    OPEN_STATES,
    Actor,
    Complaint,
    Event,
    EventKind,
    State,
    json_value,
)
from bot.texts import clock_time, moment_in_words
from bot.texts import procedure as text


def append_event(
    changed: Complaint, kind: EventKind, actor: Actor, now: dt.datetime, data: dict[str, Any]
) -> Complaint:
    """Append the event recording this change; `before` is the state of the last event."""
    before = changed.events[-1].after if changed.events else None
    event = Event(
        kind=kind,
        at=now,
        actor_id=actor.user_id,
        actor_role=actor.role,
        actor_name=actor.name,
        before=before,
        after=changed.state,
        data=jsonable(data),
    )
    return replace(changed, events=(*changed.events, event))


def jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {key: json_value(value) for key, value in data.items() if value is not None}


def require_open(complaint: Complaint, now: dt.datetime) -> None:
    if complaint.state is State.CLOSED:
        raise already_done(complaint, EventKind.CLOSED, text.ALREADY_CLOSED, now)
    if complaint.state is State.REJECTED:
        raise already_done(complaint, EventKind.REJECTED, text.ALREADY_REJECTED, now)


def require_registered(complaint: Complaint, now: dt.datetime) -> None:
    require_open(complaint, now)
    if complaint.state not in OPEN_STATES[1:]:
        raise ProcedureError(text.NOT_REGISTERED)


def already_done(
    complaint: Complaint, kind: EventKind, message: str, now: dt.datetime
) -> AlreadyDone:
    """'Al gedaan door X om 10:42': who took the step before, and when (a day of this year
    without its year, as every chat view writes it)."""
    event = complaint.last_event(kind)
    if event is None:
        return AlreadyDone(message.format(actor="?", time="?", when="?"))
    local = event.at.astimezone(complaint.received_at.tzinfo)
    when = moment_in_words(local, now.astimezone(local.tzinfo).date())
    return AlreadyDone(message.format(actor=event.actor_label, time=clock_time(local), when=when))
