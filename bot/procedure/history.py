"""A complaint's history as a person reads it: every event in order, who, when, and for each
step the fields it changed, before and after.

`record_changes` runs when a step is saved (ComplaintService.change): it stores in the new
event which fields the step changed, with their old and new values, so the history shows the
before and after even of a value that was later changed again.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from bot.procedure.model import Complaint, Event, json_value

CHANGES_KEY = "changes"
# Kept by the event itself (kind, who, when, state before/after) or not a recorded fact.
NOT_TRACKED = frozenset({"state", "events", "id", "reference", "version"})


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    event: Event
    changes: tuple[Change, ...]
    # What the event recorded besides field changes: a note's text, a reply's subject, ...
    facts: tuple[tuple[str, Any], ...]


def record_changes(original: Complaint, changed: Complaint) -> Complaint:
    """`changed` with its one new event noting every field the step changed (before, after)."""
    new = changed.new_events
    if len(new) != 1:
        return changed
    diff = {
        f.name: [json_value(getattr(original, f.name)), json_value(getattr(changed, f.name))]
        for f in fields(Complaint)
        if f.name not in NOT_TRACKED and getattr(original, f.name) != getattr(changed, f.name)
    }
    if not diff:
        return changed
    event = replace(new[0], data={**new[0].data, CHANGES_KEY: diff})
    return replace(changed, events=(*changed.events[:-1], event))


def history(complaint: Complaint) -> list[HistoryEntry]:
    """Every event of the complaint, oldest first, with its field changes and other facts."""
    return [_entry(event) for event in complaint.events]


def _entry(event: Event) -> HistoryEntry:
    recorded = event.data.get(CHANGES_KEY)
    changes = ()
    if isinstance(recorded, dict):
        changes = tuple(
            Change(name, *values)
            for name, values in recorded.items()
            if isinstance(values, list) and len(values) == 2
        )
    facts = tuple((key, value) for key, value in event.data.items() if key != CHANGES_KEY)
    return HistoryEntry(event, changes, facts)
