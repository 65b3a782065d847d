"""A complaint as a JSON object (the CLI's `--json` output; field names are a contract)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from enum import Enum
from typing import Any

from bot.procedure import Complaint, Event

# The full text and internal identity stay out of listings; `show` adds the body.
LISTING_EXCLUDED = {"body", "events", "id", "version"}


def complaint_to_dict(complaint: Complaint, *, with_body: bool = False) -> dict[str, Any]:
    excluded = LISTING_EXCLUDED - ({"body"} if with_body else set())
    data = {
        f.name: _jsonable(getattr(complaint, f.name))
        for f in fields(Complaint)
        if f.name not in excluded
    }
    data["phone_missing"] = complaint.phone_missing
    data["events"] = [event_to_dict(event) for event in complaint.events]
    return data


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "kind": event.kind.value,
        "actor_id": event.actor_id,
        "actor_role": event.actor_role.value,
        "actor_name": event.actor_name,
        "before": _jsonable(event.before),
        "after": _jsonable(event.after),
        "data": event.data,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
