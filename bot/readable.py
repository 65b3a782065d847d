"""How stored values read for a person (CLI and Slack alike): labels for enum values, dates in
Dutch words, and a complaint's history as lines of plain text (callers escape for Slack)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.phones import format_phone
from bot.procedure import Complaint, Event, Role
from bot.procedure.history import HistoryEntry, history
from bot.procedure.people import Surface, people_in
from bot.procedure.privacy import MOMENT_KEYS
from bot.texts import (
    CATEGORY_LABELS,
    CONTACT_OUTCOME_LABELS,
    EVENT_LABELS,
    RELATION_TYPE_LABELS,
    ROLE_LABELS,
    ROOT_CAUSE_LABELS,
    SATISFACTION_LABELS,
    SOURCE_LABELS,
    STATE_LABELS,
    date_in_words,
    moment_in_words,
)
from bot.texts import complainant as complainant_text
from bot.texts import discussion as discussion_text
from bot.texts import intake as intake_text
from bot.texts import privacy as text

# How stored enum values read: by their Dutch labels.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "relation_type": RELATION_TYPE_LABELS,
    "category": CATEGORY_LABELS,
    "contact_outcome": CONTACT_OUTCOME_LABELS,
    "root_cause_category": ROOT_CAUSE_LABELS,
    "customer_satisfied": SATISFACTION_LABELS,
    "source": SOURCE_LABELS,
    "basis": text.BASIS_LABELS,
    "notice": text.NOTICE_LABELS,
    "shared": discussion_text.SHARED_LABELS,
    "route": complainant_text.ROUTE_LABELS,
    "remedy": complainant_text.REMEDY_LABELS,
    "severity": complainant_text.SEVERITY_LABELS,
    # A contact's outcome and a decision's share the key; their codes differ.
    "outcome": {**CONTACT_OUTCOME_LABELS, **complainant_text.OUTCOME_LABELS},
    "acceptance": complainant_text.ACCEPTANCE_LABELS,
    "recourse_body": complainant_text.RECOURSE_BODY_LABELS,
    "recourse_result": complainant_text.OUTCOME_LABELS,
    "letter": complainant_text.LETTER_LABELS,
    "channel": complainant_text.CHANNEL_LABELS,
    "management_alert": complainant_text.SIGNAL_LABELS,
    "ignored_reason": intake_text.REASON_LABELS,
}
# Days (ISO dates) among stored values.
DAYS = frozenset(
    {"effectiveness_check_on", "decision_start", "new_date", "recourse_on", "recourse_result_on"}
)
# What an empty list means, where it means something.
EMPTY_LISTS = {"shared": discussion_text.SHARED_NOTHING}
# Moments in a step's input or a bot fact, besides the complaint's own.
MOMENTS = MOMENT_KEYS | {"meeting_at", "due_at", "admitted_at"}
# Values that name people by their chat id (or as stored persons): read by name.
PEOPLE = frozenset({"employee_id", "employee_ids"})


def value_text(
    key: str, value: Any, tz: dt.tzinfo | None = None, today: dt.date | None = None
) -> str:
    """A stored value (JSON form) as a person reads it; moments in `tz` when given (a bot fact
    may hold them in UTC), without this year's year when `today` is given."""
    if value is None or value == "":
        return text.HISTORY_NOTHING
    if isinstance(value, bool):
        return text.YES if value else text.NO
    if isinstance(value, list):
        items = ", ".join(value_text(key, item, tz, today) for item in value)
        return items or EMPTY_LISTS.get(key, text.HISTORY_NOTHING)
    if key in VALUE_LABELS:
        return VALUE_LABELS[key].get(str(value), str(value))
    if key == "complainant_phone" and str(value).startswith("+"):
        return format_phone(str(value))
    try:
        if key in MOMENTS:
            moment = dt.datetime.fromisoformat(str(value))
            return moment_in_words(moment.astimezone(tz) if tz else moment, today)
        if key in DAYS:
            return date_in_words(dt.date.fromisoformat(str(value)), today)
    except ValueError:
        pass
    return str(value)


def typed(command: str) -> str:
    """A command as a terminal message shows it, to be copied: `klachtenbot db upgrade`."""
    return f"`{command}`"


def history_lines(complaint: Complaint, today: dt.date | None) -> list[tuple[str, list[str]]]:
    """For each event, oldest first: a heading (when, what, who, state change) and its details.
    People read by the name the log knows them by, never by their chat id; dates without
    this year's year when `today` is given."""
    names = names_in(complaint)
    return [_lines(entry, names, today) for entry in history(complaint)]


def names_in(complaint: Complaint) -> dict[str, str]:
    """Each person's name by their id, from what the events store: who acted, and each stored
    person that carries a name."""
    names: dict[str, str] = {}
    for event in complaint.events:
        if event.actor_name:
            names[event.actor_id] = event.actor_name
        for key in PEOPLE:
            for person in people_in(event.data.get(key)):
                if person.name:
                    names[person.id] = person.name
    return names


def _lines(
    entry: HistoryEntry, names: dict[str, str], today: dt.date | None
) -> tuple[str, list[str]]:
    event = entry.event
    tz = event.at.tzinfo
    heading = [moment_in_words(event.at, today), EVENT_LABELS[event.kind], _actor(event, names)]
    if event.before != event.after and event.after is not None:
        after = STATE_LABELS[event.after]
        if event.before:
            before = STATE_LABELS[event.before]
            heading.append(text.HISTORY_STATE.format(before=before, after=after))
        else:
            heading.append(text.HISTORY_STATE_FIRST.format(after=after))
    details: list[str] = []
    cleared: list[str] = []
    for change in entry.changes:
        if change.field == "state" or (_empty(change.after) and _empty(change.before)):
            continue
        label = text.FIELD_LABELS.get(change.field, change.field)
        if _empty(change.after):
            cleared.append(label)  # its value is in the line of the event that set it
            continue
        after = _value(change.field, change.after, tz, names, today)
        if _empty(change.before):  # a value set: no '(leeg) →'
            details.append(text.HISTORY_VALUE.format(label=label, after=after))
            continue
        before = _value(change.field, change.before, tz, names, today)
        details.append(text.HISTORY_CHANGE.format(label=label, before=before, after=after))
    if cleared:
        details.append(text.HISTORY_CLEARED.format(labels=", ".join(cleared)))
    # A step's input repeats its changes; a bot fact (reply, warning) has only facts. What has
    # no label (whom a warning mentioned, the officer behind a reminder) is bookkeeping, and so
    # is the employee an employee's own answer names (the heading says who).
    facts = [
        (key, value)
        for key, value in entry.facts
        if (key in text.FACT_LABELS or (not entry.changes and key in text.FIELD_LABELS))
        and not (key == "employee_id" and value == event.actor_id)
        and not _empty(value)
    ]
    details += [
        text.HISTORY_VALUE.format(label=_label(key), after=_value(key, value, tz, names, today))
        for key, value in facts
    ]
    return " · ".join(heading), details


def _actor(event: Event, names: dict[str, str]) -> str:
    """'Olga de Wit (klachtenfunctionaris)'; the bot once: 'klachtenbot'. A chat id is no name;
    who acted from the command line or the bot itself has no other."""
    role = ROLE_LABELS[event.actor_role]
    name = event.actor_name or names.get(event.actor_id)
    if not name:
        chat = event.actor_surface is not Surface.SYSTEM and event.actor_role is not Role.SYSTEM
        name = text.HISTORY_UNNAMED if chat else event.actor_id
    return name if name == role else f"{name} ({role})"


def _value(
    key: str, value: Any, tz: dt.tzinfo | None, names: dict[str, str], today: dt.date | None
) -> str:
    if key not in PEOPLE:
        return value_text(key, value, tz, today)
    named = [names.get(p.id) or p.name or text.HISTORY_UNNAMED for p in people_in(value)]
    return ", ".join(named) or text.HISTORY_NOTHING


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _label(key: str) -> str:
    return text.FACT_LABELS.get(key) or text.FIELD_LABELS[key]
