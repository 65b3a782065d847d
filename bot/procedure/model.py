"""The complaint as the procedure sees it: plain, immutable values with no Slack or SQL inside."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from bot.procedure.people import Person, Surface


def json_value(value: Any) -> Any:
    """A domain value as JSON holds it: enums by value, dates and times in ISO 8601."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


# A complaint's reference as storage numbers them (K-2026-0001), in any case as people type it.
REFERENCE = re.compile(r"K-\d{4}-\d{1,6}", re.IGNORECASE)


class State(StrEnum):
    RECEIVED = "received"
    REGISTERED = "registered"
    CONTACTED = "contacted"
    DISCUSSION = "discussion"
    CLOSED = "closed"
    REJECTED = "rejected"


OPEN_STATES = (State.RECEIVED, State.REGISTERED, State.CONTACTED, State.DISCUSSION)


class Role(StrEnum):
    OFFICER = "officer"
    EMPLOYEE = "employee"
    MANAGEMENT = "management"
    SYSTEM = "system"


class Source(StrEnum):
    EMAIL = "email"
    MANUAL = "manual"
    SLACK_MESSAGE = "slack_message"
    TEAMS_MESSAGE = "teams_message"


class RelationType(StrEnum):
    FLEXWORKER = "flexwerker"
    CLIENT = "opdrachtgever"
    DIRECT = "directe_relatie"
    INDIRECT = "indirecte_relatie"


class Category(StrEnum):
    COMMUNICATION = "communicatie"
    PAYROLL = "salaris"
    PLANNING = "planning"
    CONDUCT = "bejegening"
    PLACEMENT = "plaatsing"
    INVOICING = "facturatie"
    PRIVACY = "privacy"
    OTHER = "overig"


class RootCause(StrEnum):
    COMMUNICATION = "communicatie"
    PROCEDURE = "procedure_niet_gevolgd"
    HUMAN_ERROR = "menselijke_fout"
    SYSTEM = "systeem"
    EXPECTATION = "verwachting_klant"
    EXTERNAL = "extern"
    OTHER = "overig"


class ContactOutcome(StrEnum):
    RESOLVED_ON_CONTACT = "resolved_on_contact"
    MEASURES_AGREED = "measures_agreed"


class Satisfaction(StrEnum):
    YES = "ja"
    NO = "nee"
    UNKNOWN = "onbekend"


class Route(StrEnum):
    """The kind of complaint, chosen at registration: which rules and terms apply to it."""

    SERVICE = "dienstverlening"  # the seed's procedure
    CAO_DISPUTE = "cao_geschil"  # ABU CAO art. 40; "passende arbeid" has shorter terms
    APPLICANT = "sollicitant"  # NVP Sollicitatiecode
    DISCRIMINATION = "discriminatie"  # management told at once; confidential
    PRIVACY_REQUEST = "privacyverzoek"  # AVG: access or erasure


class Remedy(StrEnum):
    """What the complainant asks for."""

    APOLOGY = "excuses"
    REPAIR = "herstel"
    COMPENSATION = "vergoeding"
    EXPLANATION = "uitleg"
    OTHER = "anders"


class Severity(StrEnum):
    LOW = "laag"
    MEDIUM = "middel"
    HIGH = "hoog"


class Outcome(StrEnum):
    """The decision on a complaint (and the result of a recourse)."""

    UPHELD = "gegrond"
    PARTLY_UPHELD = "deels_gegrond"
    NOT_UPHELD = "ongegrond"
    WITHDRAWN = "ingetrokken"
    INADMISSIBLE = "niet_ontvankelijk"


class Acceptance(StrEnum):
    """The complainant's answer to the decision; "geen reactie" is recorded by the bot."""

    AGREED = "akkoord"
    DISAGREED = "niet_akkoord"
    NO_REACTION = "geen_reactie"


class RecourseBody(StrEnum):
    """Where a complainant who does not accept the decision went next."""

    GCU = "gcu"  # Geschillencommissie voor de Uitzendbranche
    NVP = "nvp"  # Klachteninstantie NVP
    AP = "ap"  # Autoriteit Persoonsgegevens
    MANAGEMENT = "directie"
    OTHER = "anders"


class LetterKind(StrEnum):
    DECISION = "decision"
    EXTENSION = "extension"


class LetterChannel(StrEnum):
    EMAIL = "email"
    POST = "post"


class EventKind(StrEnum):
    RECEIVED = "received"
    REGISTERED = "registered"
    CONTACT_RECORDED = "contact_recorded"
    DISCUSSION_REQUESTED = "discussion_requested"
    EMPLOYEE_RESPONDED = "employee_responded"
    EMPLOYEE_DECLINED = "employee_declined"
    MEETING_PLANNED = "meeting_planned"
    MEETING_MOVED = "meeting_moved"
    DISCUSSION_RECORDED = "discussion_recorded"
    CLOSED = "closed"
    REJECTED = "rejected"
    REOPENED = "reopened"
    NOTE_ADDED = "note_added"
    EFFECTIVENESS_RECORDED = "effectiveness_recorded"
    # The complainant's side: kind, remedy and severity changed, the decision deadline
    # extended, their answer to the decision, and the recourse they took.
    RECLASSIFIED = "reclassified"
    DEADLINE_EXTENDED = "deadline_extended"
    ACCEPTANCE_RECORDED = "acceptance_recorded"
    RECOURSE_STARTED = "recourse_started"
    RECOURSE_DECIDED = "recourse_decided"
    # Facts recorded by the bot itself, outside the officer's steps.
    REPLY_RECEIVED = "reply_received"
    ACKNOWLEDGEMENT_SENT = "acknowledgement_sent"
    WARNING_SENT = "warning_sent"
    LETTER_SENT = "letter_sent"
    # Retention or erasure removed the personal data; figures, categories and dates stay.
    ANONYMISED = "anonymised"
    EMPLOYEE_UNREACHABLE = "employee_unreachable"
    DISCUSSION_REMINDER_SENT = "discussion_reminder_sent"
    DISCUSSION_ESCALATED = "discussion_escalated"
    MEETING_REMINDER_SENT = "meeting_reminder_sent"


@dataclass(frozen=True)
class Actor:
    """Who takes a step: their id on the chat surface (or "system"), the role they act in, a
    display name."""

    user_id: str
    role: Role
    name: str = ""
    surface: Surface = Surface.SLACK

    @property
    def label(self) -> str:
        return self.name or self.user_id

    @property
    def person(self) -> Person:
        return Person(self.surface, self.user_id, self.name)


SYSTEM_ACTOR = Actor(user_id="system", role=Role.SYSTEM, name="klachtenbot", surface=Surface.SYSTEM)


@dataclass(frozen=True)
class Event:
    """One append-only fact in a complaint's history. `id` is None until stored."""

    kind: EventKind
    at: dt.datetime
    actor_id: str
    actor_role: Role
    actor_name: str = ""
    before: State | None = None
    after: State | None = None
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    actor_surface: Surface = Surface.SLACK

    @property
    def actor_label(self) -> str:
        return self.actor_name or self.actor_id

    @property
    def actor(self) -> Person:
        return Person(self.actor_surface, self.actor_id, self.actor_name)


@dataclass(frozen=True)
class Complaint:
    """A complaint and everything the procedure has recorded on it.

    `reference` and `id` are None until storage has assigned them; `version` guards against two
    people changing the same complaint at once (optimistic locking in storage).
    """

    state: State
    source: Source
    received_at: dt.datetime
    contact_deadline: dt.datetime
    subject: str = ""
    body: str = ""
    complainant_name: str | None = None
    complainant_email: str | None = None
    complainant_phone: str | None = None
    # Intake found the number where other kinds of numbers stand too (a date, an invoice
    # number): the officer checks it. A number typed at registration is certain.
    phone_uncertain: bool = False
    relation_type: RelationType | None = None
    category: Category | None = None
    forwarded_by: str | None = None
    source_link: str | None = None
    registered_at: dt.datetime | None = None
    # contact
    contacted_at: dt.datetime | None = None
    contact_outcome: ContactOutcome | None = None
    agreed_measures: str | None = None
    # discussion with the employee concerned
    employee_id: str | None = None
    discussion_requested_at: dt.datetime | None = None
    employee_response: str | None = None
    employee_responded_at: dt.datetime | None = None
    discussed_at: dt.datetime | None = None
    discussion_summary: str | None = None
    # closure
    closed_at: dt.datetime | None = None
    resolution: str | None = None
    root_cause_category: RootCause | None = None
    root_cause: str | None = None
    corrective_measures: str | None = None
    preventive_measures: str | None = None
    customer_satisfied: Satisfaction | None = None
    no_employee_reason: str | None = None
    effectiveness_check_on: dt.date | None = None
    effectiveness_result: str | None = None
    effective: bool | None = None
    # rejection
    rejected_reason: str | None = None
    duplicate_of: str | None = None
    # the complainant's side, asked at registration and changeable later
    route: Route = Route.SERVICE
    suitable_work: bool = False  # a cao_geschil about "passende arbeid"
    remedy: Remedy | None = None
    remedy_text: str | None = None
    severity: Severity | None = None
    severity_reason: str | None = None
    decision_start: dt.date | None = None  # the day the officer says the term runs from
    decision_deadline: dt.datetime | None = None
    # the decision, its letter and the complainant's answer
    outcome: Outcome | None = None
    decision_letter: str | None = None
    decision_sent_at: dt.datetime | None = None
    acceptance_due: dt.datetime | None = None
    acceptance: Acceptance | None = None
    acceptance_at: dt.datetime | None = None
    # the recourse, opened when the complainant does not accept the decision
    recourse_body: RecourseBody | None = None
    recourse_body_name: str | None = None
    recourse_on: dt.date | None = None
    recourse_result: Outcome | None = None
    recourse_result_text: str | None = None
    recourse_result_on: dt.date | None = None
    # privacy: set when retention or erasure removed the personal data
    anonymised_at: dt.datetime | None = None
    # identity
    id: int | None = None
    reference: str | None = None
    version: int = 0
    events: tuple[Event, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def recourse_open(self) -> bool:
        """A recourse is recorded and its result is not (yet)."""
        return self.recourse_body is not None and self.recourse_result is None

    @property
    def needs_attention(self) -> bool:
        """Shown in the open lists: an open complaint, or a closed one whose recourse runs
        (the state stays `closed`: the agency's handling ended with its decision)."""
        return self.is_open or self.recourse_open

    @property
    def accepted(self) -> bool | None:
        """The complainant's answer as yes/no; None while unknown or without a reaction."""
        if self.acceptance is Acceptance.AGREED:
            return True
        if self.acceptance is Acceptance.DISAGREED:
            return False
        return None

    @property
    def phone_missing(self) -> bool:
        return not self.complainant_phone

    def last_event(self, *kinds: EventKind) -> Event | None:
        """The most recent event of one of `kinds`, if any."""
        for event in reversed(self.events):
            if event.kind in kinds:
                return event
        return None

    @property
    def new_events(self) -> tuple[Event, ...]:
        return tuple(event for event in self.events if event.id is None)
