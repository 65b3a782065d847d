"""A complaint as a JSON object (the CLI's `--json` output; field names are a contract)."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from bot.procedure import Complaint, Event
from bot.procedure.model import json_value

# The full texts and internal identity stay out of listings; `show` adds the texts.
LISTING_EXCLUDED = {"body", "decision_letter", "events", "id", "version"}
TEXT_FIELDS = {"body", "decision_letter"}
# The recourse's fields, as the `recourse` object names them.
RECOURSE_FIELDS = {
    "recourse_body": "body",
    "recourse_body_name": "body_name",
    "recourse_on": "started_on",
    "recourse_result": "result",
    "recourse_result_text": "result_text",
    "recourse_result_on": "decided_on",
}


def complaint_to_dict(complaint: Complaint, *, with_body: bool = False) -> dict[str, Any]:
    excluded = LISTING_EXCLUDED - (TEXT_FIELDS if with_body else set())
    excluded |= RECOURSE_FIELDS.keys()
    data = {
        f.name: json_value(getattr(complaint, f.name))
        for f in fields(Complaint)
        if f.name not in excluded
    }
    data["phone_missing"] = complaint.phone_missing
    data["accepted"] = complaint.accepted
    data["recourse"] = recourse_to_dict(complaint)
    data["events"] = [event_to_dict(event) for event in complaint.events]
    return data


def recourse_to_dict(complaint: Complaint) -> dict[str, Any] | None:
    """Where the complainant went after the decision, when, and its result; None without one.
    `open` while the result is not recorded (the complaint then shows in the open lists)."""
    if complaint.recourse_body is None:
        return None
    recourse = {name: json_value(getattr(complaint, key)) for key, name in RECOURSE_FIELDS.items()}
    return {**recourse, "open": complaint.recourse_open}


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
