"""How stored values read for a person (CLI and Slack alike): labels for enum values, dates in
Dutch words, and a complaint's history as lines of plain text (callers escape for Slack)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.phones import format_phone
from bot.procedure import Complaint
from bot.procedure.history import HistoryEntry, history
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


def value_text(key: str, value: Any, tz: dt.tzinfo | None = None) -> str:
    """A stored value (JSON form) as a person reads it; moments in `tz` when given (a bot fact
    may hold them in UTC)."""
    if value is None or value == "":
        return text.HISTORY_NOTHING
    if isinstance(value, bool):
        return text.YES if value else text.NO
    if isinstance(value, list):
        items = ", ".join(value_text(key, item, tz) for item in value)
        return items or EMPTY_LISTS.get(key, text.HISTORY_NOTHING)
    if key in VALUE_LABELS:
        return VALUE_LABELS[key].get(str(value), str(value))
    if key == "complainant_phone" and str(value).startswith("+"):
        return format_phone(str(value))
    try:
        if key in MOMENTS:
            moment = dt.datetime.fromisoformat(str(value))
            return moment_in_words(moment.astimezone(tz) if tz else moment)
        if key in DAYS:
            return date_in_words(dt.date.fromisoformat(str(value)))
    except ValueError:
        pass
    return str(value)


def typed(command: str) -> str:
    """A command as a terminal message shows it, to be copied: `klachtenbot db upgrade`."""
    return f"`{command}`"


def history_lines(complaint: Complaint) -> list[tuple[str, list[str]]]:
    """For each event, oldest first: a heading (when, what, who, state change) and its details."""
    return [_lines(entry) for entry in history(complaint)]


def _lines(entry: HistoryEntry) -> tuple[str, list[str]]:
    event = entry.event
    heading = [
        f"{event.at:%Y-%m-%d %H:%M}",
        EVENT_LABELS[event.kind],
        f"{event.actor_label} ({ROLE_LABELS[event.actor_role]})",
    ]
    if event.before != event.after and event.after is not None:
        before = STATE_LABELS[event.before] if event.before else text.HISTORY_NOTHING
        heading.append(text.HISTORY_STATE.format(before=before, after=STATE_LABELS[event.after]))
    details = [
        text.HISTORY_CHANGE.format(
            label=text.FIELD_LABELS.get(change.field, change.field),
            before=value_text(change.field, change.before, event.at.tzinfo),
            after=value_text(change.field, change.after, event.at.tzinfo),
        )
        for change in entry.changes
        if change.field != "state"
    ]
    # A step's input repeats its changes; a bot fact (reply, warning) has only facts. What has
    # no label (whom a warning mentioned, the officer behind a reminder) is bookkeeping.
    facts = [
        (key, value)
        for key, value in entry.facts
        if key in text.FACT_LABELS or (not entry.changes and key in text.FIELD_LABELS)
    ]
    details += [
        text.HISTORY_VALUE.format(label=_label(key), after=value_text(key, value, event.at.tzinfo))
        for key, value in facts
    ]
    return " · ".join(heading), details


def _label(key: str) -> str:
    return text.FACT_LABELS.get(key) or text.FIELD_LABELS[key]
