"""Validated input for each step. Construction fails with a ProcedureError naming the field."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.phones import normalize_phone
from bot.procedure.errors import ProcedureError
from bot.procedure.model import (
    REFERENCE,
    Acceptance,
    Category,
    ContactOutcome,
    LetterChannel,
    LetterKind,
    Outcome,
    RecourseBody,
    RelationType,
    Remedy,
    RootCause,
    Route,
    Satisfaction,
    Severity,
    Source,
)
from bot.sanitize import free_text, one_line
from bot.texts import procedure as text

TEXT_LIMIT = 3000
SHORT_TEXT_LIMIT = 500  # a reason in a sentence or two
NAME_LIMIT = 200
LETTER_LIMIT = 20_000  # a decision letter of a few pages
# RFC 5322 msg-id: "<" dot-atom-text "@" (dot-atom-text / no-fold-literal) ">"; nothing else
# may go into In-Reply-To or References.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_DOT_ATOM = rf"{_ATEXT}(?:\.{_ATEXT})*"
MSG_ID = re.compile(rf"<{_DOT_ATOM}@(?:{_DOT_ATOM}|\[[\x21-\x5a\x5e-\x7e]*\])>")
MSG_ID_LIMIT = 250
EMPLOYEE_ID_LIMIT = 50  # the width of the employee_id column
EMAIL_LIMIT = 320  # RFC 5321's longest address
REFERENCE_LIMIT = 16  # "K-YYYY-NNNN" and then some; the width of the duplicate_of column


def required_text(value: str | None, field: str, limit: int = TEXT_LIMIT) -> str:
    """The stripped text, or a ProcedureError if it is empty or longer than `limit`."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise ProcedureError(text.FIELD_REQUIRED, field=field)
    return optional_text(cleaned, field, limit) or ""


def optional_text(value: str | None, field: str, limit: int = TEXT_LIMIT) -> str | None:
    cleaned = (value or "").strip()
    if len(cleaned) > limit:
        raise ProcedureError(text.FIELD_TOO_LONG.format(limit=limit), field=field)
    return cleaned or None


def is_email_address(value: str) -> bool:
    """One address as a person types it: something@domain.tld, no spaces. Not RFC 5322's
    full grammar (quoted local parts, comments), which no one types into a form."""
    local, at, domain = value.partition("@")
    dotted = "." in domain.strip(".") and "@" not in domain
    return bool(local and at and dotted) and not any(c.isspace() for c in value)


def email_or_none(value: str | None, field: str) -> str | None:
    """A typed e-mail address, None for an empty one, an error for one that is not."""
    cleaned = optional_text(value, field, EMAIL_LIMIT)
    if cleaned and not is_email_address(cleaned):
        raise ProcedureError(text.INVALID_EMAIL, field=field)
    return cleaned


def phone_or_none(value: str | None, field: str = "phone") -> str | None:
    """E.164 for a typed number, None for an empty one, an error for an invalid one."""
    if not (value or "").strip():
        return None
    try:
        return normalize_phone(value or "")
    except ValueError:
        raise ProcedureError(text.INVALID_PHONE, field=field) from None


@dataclass(frozen=True)
class Intake:
    """A complaint as it arrives: from e-mail, typed in by hand, or a Slack message."""

    source: Source
    received_at: dt.datetime
    subject: str
    body: str
    complainant_name: str | None = None
    complainant_email: str | None = None
    complainant_phone: str | None = None
    phone_uncertain: bool = False
    forwarded_by: str | None = None
    source_link: str | None = None
    attachments: str | None = None  # one readable line: names and sizes, for the history


def typed_text(value: str | None, field: str, limit: int = TEXT_LIMIT) -> str | None:
    """Text a colleague typed that may reach the complainant: no control or invisible
    characters, line breaks as \\n; None when empty."""
    return optional_text(free_text(value or ""), field, limit)


def is_msg_id(value: str) -> bool:
    """A syntactically valid RFC 5322 msg-id, short enough for a header line."""
    return len(value) <= MSG_ID_LIMIT and MSG_ID.fullmatch(value) is not None


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """What the complaint is about beyond its category, asked at registration and changeable
    later: its kind (route), the remedy sought and its severity, and optionally the day the
    decision term runs from (a CAO dispute's formal complaint may predate its registration)."""

    route: Route = Route.SERVICE
    suitable_work: bool = False
    remedy: Remedy | None = None
    remedy_text: str | None = None
    severity: Severity | None = None
    severity_reason: str | None = None
    decision_start: dt.date | None = None

    def __post_init__(self) -> None:
        if self.suitable_work and self.route is not Route.CAO_DISPUTE:
            raise ProcedureError(text.SUITABLE_WORK_ONLY_CAO, field="suitable_work")
        remedy_text = typed_text(self.remedy_text, "remedy_text", SHORT_TEXT_LIMIT)
        if self.remedy is Remedy.OTHER and not remedy_text:
            raise ProcedureError(text.REMEDY_TEXT_REQUIRED, field="remedy_text")
        reason = typed_text(self.severity_reason, "severity_reason", SHORT_TEXT_LIMIT)
        if self.severity is Severity.HIGH and not reason:
            raise ProcedureError(text.SEVERITY_REASON_REQUIRED, field="severity_reason")
        object.__setattr__(self, "remedy_text", remedy_text)
        object.__setattr__(self, "severity_reason", reason)


@dataclass(frozen=True)
class Registration(Assessment):
    complainant_name: str
    relation_type: RelationType
    category: Category
    complainant_phone: str | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        object.__setattr__(
            self,
            "complainant_name",
            required_text(self.complainant_name, "complainant_name", NAME_LIMIT),
        )
        object.__setattr__(
            self, "complainant_phone", phone_or_none(self.complainant_phone, "complainant_phone")
        )


@dataclass(frozen=True)
class Contact:
    contacted_at: dt.datetime
    outcome: ContactOutcome
    agreed_measures: str | None = None

    def __post_init__(self) -> None:
        measures = optional_text(self.agreed_measures, "agreed_measures")
        if self.outcome is ContactOutcome.MEASURES_AGREED and not measures:
            raise ProcedureError(text.MEASURES_REQUIRED, field="agreed_measures")
        object.__setattr__(self, "agreed_measures", measures)


EMPLOYEES_PER_REQUEST = 10


@dataclass(frozen=True)
class DiscussionRequest:
    """Ask one or more employees for their side; the complainant's phone number and e-mail
    address go to them only when `share_contact` is set."""

    employee_ids: tuple[str, ...]
    message: str | None = None
    share_contact: bool = False

    def __post_init__(self) -> None:
        ids = tuple(
            dict.fromkeys(
                required_text(employee, "employee_ids", EMPLOYEE_ID_LIMIT)
                for employee in self.employee_ids
            )
        )
        if not ids:
            raise ProcedureError(text.NO_EMPLOYEE_CHOSEN, field="employee_ids")
        if len(ids) > EMPLOYEES_PER_REQUEST:
            limit = EMPLOYEES_PER_REQUEST
            raise ProcedureError(text.TOO_MANY_EMPLOYEES.format(limit=limit), field="employee_ids")
        object.__setattr__(self, "employee_ids", ids)
        object.__setattr__(self, "message", optional_text(self.message, "message"))


@dataclass(frozen=True)
class EmployeeResponse:
    """The employee's side: what happened, what caused it in their view, what they propose."""

    account: str
    cause: str | None = None
    proposal: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "account", required_text(self.account, "account"))
        for name in ("cause", "proposal"):
            object.__setattr__(self, name, optional_text(getattr(self, name), name))


@dataclass(frozen=True)
class Decline:
    """ "Ligt niet bij mij": why the complaint is not the employee's to answer."""

    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", required_text(self.reason, "reason"))


@dataclass(frozen=True)
class MeetingPlan:
    meeting_at: dt.datetime
    # Whose planned talk the officer moves (from the card); None: the actor's own.
    employee_id: str | None = None


@dataclass(frozen=True)
class DiscussionRecord:
    discussed_at: dt.datetime
    summary: str
    employee_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", required_text(self.summary, "summary"))
        object.__setattr__(
            self, "employee_id", optional_text(self.employee_id, "employee_id", EMPLOYEE_ID_LIMIT)
        )


@dataclass(frozen=True)
class Closure:
    """The closing form: how it was resolved, why it happened, what is done about it, and the
    decision for the complainant with the letter as the officer edited it."""

    resolution: str
    root_cause_category: RootCause
    root_cause: str
    corrective_measures: str
    preventive_measures: str | None
    customer_satisfied: Satisfaction
    no_employee_reason: str | None = None
    effectiveness_check_on: dt.date | None = None
    outcome: Outcome | None = None
    decision_letter: str | None = None

    def __post_init__(self) -> None:
        for name in ("resolution", "root_cause", "corrective_measures"):
            object.__setattr__(self, name, required_text(getattr(self, name), name))
        for name in ("preventive_measures", "no_employee_reason"):
            object.__setattr__(self, name, optional_text(getattr(self, name), name))
        letter = typed_text(self.decision_letter, "decision_letter", LETTER_LIMIT)
        if letter and self.outcome is None:
            raise ProcedureError(text.LETTER_NEEDS_OUTCOME, field="outcome")
        object.__setattr__(self, "decision_letter", letter)


@dataclass(frozen=True)
class Rejection:
    reason: str
    duplicate_of: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", required_text(self.reason, "reason"))
        # Typed by hand: compare and store references the way storage writes them.
        duplicate_of = optional_text(self.duplicate_of, "duplicate_of", REFERENCE_LIMIT)
        if duplicate_of and not REFERENCE.fullmatch(duplicate_of):
            raise ProcedureError(text.DUPLICATE_NOT_A_REFERENCE, field="duplicate_of")
        object.__setattr__(self, "duplicate_of", duplicate_of.upper() if duplicate_of else None)


@dataclass(frozen=True)
class Reopening:
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", required_text(self.reason, "reason"))


@dataclass(frozen=True)
class Note:
    text: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", required_text(self.text, "text"))


@dataclass(frozen=True)
class EffectivenessResult:
    effective: bool
    result: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "result", required_text(self.result, "result"))


@dataclass(frozen=True)
class Extension:
    """ "Termijn verlengen": the new day the decision is expected, and why (the complainant
    reads the reason in the extension mail)."""

    new_date: dt.date
    reason: str

    def __post_init__(self) -> None:
        reason = required_text(typed_text(self.reason, "reason", SHORT_TEXT_LIMIT), "reason")
        object.__setattr__(self, "reason", reason)


@dataclass(frozen=True)
class LetterSent:
    """A letter went to the complainant: by e-mail (the bot, with the Message-ID it sent) or
    by post (the officer, who printed it)."""

    letter: LetterKind
    channel: LetterChannel
    message_id: str | None = None

    def __post_init__(self) -> None:
        if self.channel is LetterChannel.EMAIL and not is_msg_id(self.message_id or ""):
            raise ValueError(f"not a Message-ID: {self.message_id!r}")
        if self.channel is LetterChannel.POST and self.message_id is not None:
            raise ValueError("a letter sent by post has no Message-ID")


@dataclass(frozen=True)
class AcceptanceRecord:
    """The complainant's answer to the decision, as the officer heard it (or "geen reactie",
    recorded by the bot)."""

    acceptance: Acceptance
    note: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "note", typed_text(self.note, "note"))


@dataclass(frozen=True)
class Recourse:
    """Where the complainant went after "niet akkoord", and on which day."""

    recourse_body: RecourseBody
    recourse_on: dt.date
    recourse_body_name: str | None = None  # the body's name, for "anders"

    def __post_init__(self) -> None:
        name = optional_text(
            one_line(self.recourse_body_name or ""), "recourse_body_name", NAME_LIMIT
        )
        if self.recourse_body is RecourseBody.OTHER and not name:
            raise ProcedureError(text.RECOURSE_BODY_NAME_REQUIRED, field="recourse_body_name")
        object.__setattr__(self, "recourse_body_name", name)


@dataclass(frozen=True)
class RecourseResult:
    """What the body decided, in its own terms (gegrond, ongegrond, ...) and in a few words."""

    recourse_result: Outcome
    recourse_result_text: str
    recourse_result_on: dt.date

    def __post_init__(self) -> None:
        field = "recourse_result_text"
        result = required_text(typed_text(self.recourse_result_text, field), field)
        object.__setattr__(self, field, result)
