"""A complaint as a JSON object (the CLI's `--json` output; field names are a contract)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from bot.procedure import Complaint, Event
from bot.procedure.model import json_value

# The full text and internal identity stay out of listings; `show` adds the body.
LISTING_EXCLUDED = {"body", "events", "id", "version"}


def complaint_to_dict(complaint: Complaint, *, with_body: bool = False) -> dict[str, Any]:
    excluded = LISTING_EXCLUDED - ({"body"} if with_body else set())
    data = {
        f.name: json_value(getattr(complaint, f.name))
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
        "before": json_value(event.before),
        "after": json_value(event.after),
        "data": event.data,
    }
