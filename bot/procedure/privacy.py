"""Anonymisation as plain values: what retention and erasure remove from a complaint.

Identifying fields (name, address, phone, who forwarded it, a link to the customer's Slack
message) are emptied; free text is replaced by a marker, so that a report that counts "measures
taken" still counts them; categories, outcomes, dates, states and the employee's Slack ID (which
the reports group by) stay. In the history, only values of the keys below survive.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta

from bot.procedure.model import SYSTEM_ACTOR, Complaint, Event, EventKind, Role, Route, State
from bot.texts.privacy import REMOVED, SUBJECT_EXPORT_FOLDER

IDENTIFYING_FIELDS = (
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "forwarded_by",
    "source_link",
)
FREE_TEXT_FIELDS = (
    "subject",
    "body",
    "agreed_measures",
    "employee_response",
    "discussion_summary",
    "resolution",
    "root_cause",
    "corrective_measures",
    "preventive_measures",
    "no_employee_reason",
    "effectiveness_result",
    "rejected_reason",
    "remedy_text",
    "severity_reason",
    "decision_letter",
    "recourse_body_name",
    "recourse_result_text",
)
# Event data keys whose values are moments (ISO 8601 times).
MOMENT_KEYS = frozenset(
    {
        "received_at",
        "contact_deadline",
        "registered_at",
        "contacted_at",
        "discussion_requested_at",
        "employee_responded_at",
        "discussed_at",
        "closed_at",
        "anonymised_at",
        "decision_deadline",
        "previous_deadline",
        "decision_sent_at",
        "acceptance_due",
        "acceptance_at",
    }
)
# Event data (and recorded field changes) whose text values are states, categories, outcomes,
# dates or references, never free text.
KEPT_EVENT_KEYS = MOMENT_KEYS | {
    "state",
    "source",
    "relation_type",
    "category",
    "outcome",
    "contact_outcome",
    "root_cause_category",
    "customer_satisfied",
    "duplicate_of",
    "employee_id",
    # whom a discussion request went to (Slack ids of staff): erasure finds their direct
    # messages by it, to rewrite them
    "employee_ids",
    "basis",
    "effectiveness_check_on",
    # the complainant's side: codes, days and the Message-IDs of the bot's own letters
    "route",
    "remedy",
    "severity",
    "decision_start",
    "new_date",
    "letter",
    "channel",
    "message_id",
    "acceptance",
    "recourse_body",
    "recourse_on",
    "recourse_result",
    "recourse_result_on",
    "management_alert",
    # intake's own facts: why mail was first ignored, when it was taken up
    "ignored_reason",
    "admitted_at",
    "phone_uncertain",
}


# What an audit export and management leave out: who the complainant is, their own words and
# the names of the files they sent.
CONTACT_DATA = frozenset(
    {*IDENTIFYING_FIELDS, "body", "from_email", "text", "attachments", "decision_letter"}
)
# An audit also leaves out the subject lines, the complainant's words that people in Slack
# (management, the employee asked) still see to recognise a complaint.
AUDIT_LEFT_OUT = CONTACT_DATA | {"subject"}


class Basis(StrEnum):
    """Why personal data was removed."""

    RETENTION = "retention"
    ERASURE = "erasure"


@dataclass(frozen=True)
class Anonymised:
    """The complaint without personal data, and how many stored values that changed."""

    complaint: Complaint
    fields: int


def ended_at(complaint: Complaint) -> dt.datetime | None:
    """When the complaint was closed or rejected (the retention period starts then)."""
    if complaint.state is State.CLOSED:
        return complaint.closed_at
    if complaint.state is State.REJECTED:
        event = complaint.last_event(EventKind.REJECTED)
        return event.at if event else None
    return None


def retention_due(complaint: Complaint, *, now: dt.datetime, months: int) -> bool:
    """Whether a closed or rejected complaint is `months` past its end and not yet anonymised
    (a complaint whose recourse still runs is kept until its result is in)."""
    end = ended_at(complaint)
    return (
        complaint.anonymised_at is None
        and not complaint.recourse_open
        and end is not None
        and end + relativedelta(months=months) <= now
    )


def anonymise(complaint: Complaint, *, basis: Basis, now: dt.datetime) -> Anonymised:
    """The complaint with personal data removed from its fields and its whole history, plus one
    new event recording that it happened (and how many values it changed). Events keep their ids:
    storage rewrites them in place, the one exception to the append-only log."""
    values: dict[str, Any] = {}
    for name in IDENTIFYING_FIELDS:
        if getattr(complaint, name) is not None:
            values[name] = None
    for name in FREE_TEXT_FIELDS:
        current = getattr(complaint, name)
        if current not in (None, "", REMOVED):
            values[name] = REMOVED
    events = [_scrubbed(event) for event in complaint.events]
    count = len(values) + sum(changed for _, changed in events)
    record = Event(
        kind=EventKind.ANONYMISED,
        at=now,
        actor_id=SYSTEM_ACTOR.user_id,
        actor_role=SYSTEM_ACTOR.role,
        actor_name=SYSTEM_ACTOR.name,
        before=complaint.state,
        after=complaint.state,
        data={"basis": basis.value, "removed_fields": count},
    )
    changed = replace(
        complaint,
        **values,
        anonymised_at=now,
        events=(*(event for event, _ in events), record),
    )
    return Anonymised(changed, count)


def _scrubbed(event: Event) -> tuple[Event, int]:
    data = {key: _scrubbed_value(key, value) for key, value in event.data.items()}
    return replace(event, data=data), _differences(event.data, data)


def _differences(old: Any, new: Any) -> int:
    """How many single values differ between two JSON documents of the same shape."""
    if isinstance(old, dict) and isinstance(new, dict):
        return sum(_differences(value, new.get(key)) for key, value in old.items())
    if isinstance(old, list) and isinstance(new, list):
        return sum(_differences(a, b) for a, b in zip(old, new, strict=False))
    return int(old != new)


def _scrubbed_value(key: str, value: Any) -> Any:
    """Numbers, flags and kept keys stay; nested values (recorded changes) are judged by their
    own key; any other text becomes the marker."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        return {inner: _scrubbed_value(inner, item) for inner, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed_value(key, item) for item in value]
    if isinstance(value, str) and (key in KEPT_EVENT_KEYS or value in ("", REMOVED)):
        return value
    return REMOVED


def visible_to(complaint: Complaint, role: Role) -> Complaint:
    """What each audience needs (docs/procedure.md "Who does what"): the officer everything;
    management and employees how the complaint is handled, not who complained or the customer's own
    words (for a signal of discrimination not even its subject). Every message to management or to
    an employee is built from this."""
    if role is Role.OFFICER:
        return complaint
    if complaint.route is Route.DISCRIMINATION:
        return for_audit(complaint)
    return without_contact_data(complaint)


def without_contact_data(complaint: Complaint) -> Complaint:
    """How the complaint is handled, not who complained or their own words (contact details
    and the complaint's text, also in its history, are left out; whatever text stays, a
    reply's subject or a note included, has contact details and the complainant's name
    masked)."""
    return _without(complaint, CONTACT_DATA)


def for_audit(complaint: Complaint) -> Complaint:
    """The complaint as an auditor's export holds it: without_contact_data, subjects too."""
    return replace(_without(complaint, AUDIT_LEFT_OUT), subject="")


def _without(complaint: Complaint, left_out: frozenset[str]) -> Complaint:
    from bot.masking import masked

    def mask(value: str) -> str:
        return masked(value, complaint)

    events = tuple(
        replace(event, data=_without_keys(event.data, left_out, mask)) for event in complaint.events
    )
    cleared: dict[str, Any] = {name: None for name in (*IDENTIFYING_FIELDS, "decision_letter")}
    for name in FREE_TEXT_FIELDS:
        value = getattr(complaint, name, None)
        if name not in cleared and isinstance(value, str):
            cleared[name] = mask(value)
    cleared["body"] = ""
    return replace(complaint, **cleared, events=events)


def _without_keys(value: Any, left_out: frozenset[str], mask: Callable[[str], str]) -> Any:
    """`value` without the keys `left_out`, at any depth, and every text in it masked (except
    moments, which are times, not words)."""
    if isinstance(value, dict):
        return {
            key: item if key in MOMENT_KEYS else _without_keys(item, left_out, mask)
            for key, item in value.items()
            if key not in left_out
        }
    if isinstance(value, list):
        return [_without_keys(item, left_out, mask) for item in value]
    if isinstance(value, str):
        return mask(value)
    return value


@dataclass(frozen=True)
class SubjectRequest:
    """A privacy request's link to the data subject's rights: the commands that export (access,
    AVG art. 15) and erase (art. 17) what is stored about the complainant. For the officer's
    eyes only: it names their address."""

    email: str
    export_command: str
    erase_command: str


def subject_request(complaint: Complaint) -> SubjectRequest | None:
    """For a `privacyverzoek` with the complainant's e-mail address: the export and erase
    commands for that address (quoted for a shell); None otherwise."""
    email = complaint.complainant_email
    if complaint.route is not Route.PRIVACY_REQUEST or not email:
        return None
    quoted = shlex.quote(email)
    return SubjectRequest(
        email=email,
        export_command=f"klachtenbot export --complainant {quoted} --out {SUBJECT_EXPORT_FOLDER}",
        erase_command=f"klachtenbot erase --complainant {quoted}",
    )
