"""The forms: one per step of the procedure (the officer's and the employee's), and the new
complaint. Each step's fields are built from the complaint and "now"; `step_form` puts them
under the complaint they are about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cached_property, lru_cache

from bot.phones import format_phone
from bot.procedure import Complaint
from bot.procedure.decision import RECOURSE_BODY_OF
from bot.procedure.discussion import RequestStatus, employee_requests, request_of
from bot.procedure.inputs import EMPLOYEES_PER_REQUEST
from bot.readable import names_in
from bot.texts import (
    CATEGORY_LABELS,
    CONTACT_OUTCOME_LABELS,
    RELATION_TYPE_LABELS,
    ROOT_CAUSE_LABELS,
    SATISFACTION_LABELS,
)
from bot.texts import complainant as complainant_text
from bot.texts import discussion as discussion_text
from bot.texts import slack as text
from bot.views.context import Context
from bot.views.excerpts import subject, truncate
from bot.views.ids import Field, FormId
from bot.views.model import (
    Block,
    FieldKind,
    FormView,
    Input,
    Moment,
    Option,
    Paragraph,
    Subtle,
)
from bot.views.spans import fill, moment_text, strong
from bot.workdays import WorkCalendar

Fields = tuple[Input, ...]
SHARE = {"nee": discussion_text.SHARE_NO, "ja": discussion_text.SHARE_YES}
SHORT, LONG = FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT


def options(labels: Mapping[str, str]) -> tuple[Option, ...]:
    """A field's options. The labels are constants, so each list of them is made once and kept
    with its repr: Teams keeps rendered forms by their view's repr (bot.teams.views.render),
    which every click on a step's button writes out."""
    pairs = tuple(labels.items())
    if all(type(part) is str for pair in pairs for part in pair):  # equal keys, equal repr
        return _kept_options(pairs)
    return tuple(Option(value, label) for value, label in pairs)


class _Options(tuple[Option, ...]):
    """Options that write their repr once (a plain tuple's repr; they never change)."""

    @cached_property
    def _repr(self) -> str:
        return tuple.__repr__(self)

    def __repr__(self) -> str:
        return self._repr


@lru_cache(maxsize=64)
def _kept_options(pairs: tuple[tuple[str, str], ...]) -> tuple[Option, ...]:
    return _Options(Option(value, label) for value, label in pairs)


def step_form(
    form: FormId,
    title: str,
    complaint: Complaint,
    context: Context,
    fields: Fields,
    notes: Sequence[Block],
    submit: str,
) -> FormView:
    """A step's form for the officer: the complaint it is about, `notes` (earlier complaints
    like it, the current deadline), then its fields."""
    intro = fill(
        text.MODAL_INTRO,
        reference=strong(complaint.reference or "?"),
        subject=subject(complaint, 300, contact_details=True),
    )
    blocks = (Paragraph((intro,)), *notes, *fields)
    return FormView(
        f"{form}:{complaint.reference}", form, title, submit, text.CANCEL, context, blocks
    )


def register_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    phone = complaint.complainant_phone
    return (
        Input(
            Field.COMPLAINANT_NAME,
            text.LABEL_NAME,
            SHORT,
            complaint.complainant_name,
            max_length=200,
        ),
        Input(
            Field.RELATION_TYPE,
            text.LABEL_RELATION,
            FieldKind.SELECT,
            complaint.relation_type,
            options(RELATION_TYPE_LABELS),
        ),
        Input(
            Field.CATEGORY,
            text.LABEL_CATEGORY,
            FieldKind.SELECT,
            complaint.category,
            options(CATEGORY_LABELS),
        ),
        Input(
            Field.COMPLAINANT_PHONE,
            text.LABEL_PHONE,
            SHORT,
            format_phone(phone) if phone else None,
            optional=True,
            hint=text.HINT_PHONE,
            max_length=40,
        ),
        *assessment_fields(complaint),
    )


SUITABLE_WORK_CHOICE = "ja"
# A Slack text input holds at most 3,000 characters.
TEXT_INPUT_LIMIT = 3000
SHORT_TEXT_LIMIT = 500


def assessment_fields(complaint: Complaint) -> Fields:
    """Kind (route, with "passende arbeid" for a CAO dispute and the day its term runs from),
    the remedy sought and the severity, as recorded so far."""
    ct = complainant_text
    return (
        Input(
            Field.ROUTE,
            ct.LABEL_ROUTE,
            FieldKind.SELECT,
            complaint.route.value,
            options(ct.ROUTE_LABELS),
            hint=ct.HINT_ROUTE,
        ),
        Input(
            Field.SUITABLE_WORK,
            ct.LABEL_SUITABLE_WORK,
            FieldKind.CHECKBOX,
            SUITABLE_WORK_CHOICE if complaint.suitable_work else None,
            options({SUITABLE_WORK_CHOICE: ct.SUITABLE_WORK_OPTION}),
            optional=True,
        ),
        Input(
            Field.DECISION_START,
            ct.LABEL_DECISION_START,
            FieldKind.DATE,
            complaint.decision_start,
            optional=True,
            hint=ct.HINT_DECISION_START,
        ),
        Input(
            Field.REMEDY,
            ct.LABEL_REMEDY,
            FieldKind.SELECT,
            complaint.remedy.value if complaint.remedy else None,
            options(ct.REMEDY_LABELS),
        ),
        Input(
            Field.REMEDY_TEXT,
            ct.LABEL_REMEDY_TEXT,
            SHORT,
            complaint.remedy_text,
            optional=True,
            hint=ct.HINT_REMEDY_TEXT,
            max_length=SHORT_TEXT_LIMIT,
        ),
        Input(
            Field.SEVERITY,
            ct.LABEL_SEVERITY,
            FieldKind.RADIO,
            complaint.severity.value if complaint.severity else None,
            options(ct.SEVERITY_LABELS),
        ),
        Input(
            Field.SEVERITY_REASON,
            ct.LABEL_SEVERITY_REASON,
            SHORT,
            complaint.severity_reason,
            optional=True,
            hint=ct.HINT_SEVERITY_REASON,
            max_length=SHORT_TEXT_LIMIT,
        ),
    )


def reclassify_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return assessment_fields(complaint)


def extend_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    ct = complainant_text
    reason = Input(
        Field.REASON,
        ct.LABEL_EXTEND_REASON,
        LONG,
        hint=ct.HINT_EXTEND_REASON,
        max_length=SHORT_TEXT_LIMIT,
    )
    return (Input(Field.NEW_DATE, ct.LABEL_NEW_DATE, FieldKind.DATE), reason)


def acceptance_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    ct = complainant_text
    return (
        Input(
            Field.ACCEPTANCE,
            ct.LABEL_ACCEPTANCE,
            FieldKind.RADIO,
            options=options(ct.ANSWER_LABELS),
        ),
        Input(Field.NOTE, ct.LABEL_ACCEPTANCE_NOTE, LONG, optional=True),
    )


def recourse_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    ct = complainant_text
    return (
        Input(
            Field.RECOURSE_BODY,
            ct.LABEL_RECOURSE_BODY,
            FieldKind.SELECT,
            RECOURSE_BODY_OF[complaint.route].value,
            options(ct.RECOURSE_BODY_LABELS),
        ),
        Input(
            Field.RECOURSE_BODY_NAME,
            ct.LABEL_RECOURSE_BODY_NAME,
            SHORT,
            optional=True,
            hint=ct.HINT_RECOURSE_BODY_NAME,
            max_length=200,
        ),
        Input(Field.RECOURSE_ON, ct.LABEL_RECOURSE_ON, FieldKind.DATE, now.date()),
    )


def recourse_result_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    ct = complainant_text
    return (
        Input(
            Field.RECOURSE_RESULT,
            ct.LABEL_RECOURSE_RESULT,
            FieldKind.RADIO,
            options=options(ct.OUTCOME_LABELS),
        ),
        Input(Field.RECOURSE_RESULT_TEXT, ct.LABEL_RECOURSE_RESULT_TEXT, LONG),
        Input(Field.RECOURSE_RESULT_ON, ct.LABEL_RECOURSE_RESULT_ON, FieldKind.DATE, now.date()),
    )


def contact_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (
        Input(Field.CONTACTED_AT, text.LABEL_CONTACTED_AT, FieldKind.DATE_TIME, now),
        Input(
            Field.OUTCOME,
            text.LABEL_OUTCOME,
            FieldKind.RADIO,
            options=options(CONTACT_OUTCOME_LABELS),
        ),
        Input(
            Field.AGREED_MEASURES,
            text.LABEL_MEASURES,
            LONG,
            optional=True,
            hint=text.HINT_MEASURES,
        ),
    )


def note_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (Input(Field.TEXT, text.LABEL_NOTE, LONG),)


def close_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    fields = [
        Input(Field.RESOLUTION, text.LABEL_RESOLUTION, LONG),
        Input(
            Field.ROOT_CAUSE_CATEGORY,
            text.LABEL_ROOT_CAUSE_CATEGORY,
            FieldKind.SELECT,
            options=options(ROOT_CAUSE_LABELS),
        ),
        Input(Field.ROOT_CAUSE, text.LABEL_ROOT_CAUSE, LONG),
        Input(Field.CORRECTIVE_MEASURES, text.LABEL_CORRECTIVE, LONG, complaint.agreed_measures),
        Input(Field.PREVENTIVE_MEASURES, text.LABEL_PREVENTIVE, LONG, optional=True),
        Input(
            Field.CUSTOMER_SATISFIED,
            text.LABEL_SATISFIED,
            FieldKind.RADIO,
            options=options(SATISFACTION_LABELS),
        ),
    ]
    if complaint.discussed_at is None:  # closing then requires the reason (procedure.close)
        fields.append(
            Input(
                Field.NO_EMPLOYEE_REASON,
                text.LABEL_NO_EMPLOYEE,
                LONG,
                hint=text.HINT_NO_EMPLOYEE,
            )
        )
    fields.append(
        Input(
            Field.EFFECTIVENESS_CHECK_ON,
            text.LABEL_EFFECTIVENESS,
            FieldKind.DATE,
            optional=True,
            hint=text.HINT_EFFECTIVENESS,
        )
    )
    fields.append(
        Input(
            Field.OUTCOME,
            complainant_text.LABEL_DECISION_OUTCOME,
            FieldKind.RADIO,
            options=options(complainant_text.OUTCOME_LABELS),
            hint=complainant_text.HINT_DECISION_OUTCOME,
        )
    )
    return tuple(fields)


def letter_field(letter: str, *, required: bool) -> Input:
    """The decision letter in the closing form, composed for the chosen outcome, to edit."""
    ct = complainant_text
    return Input(
        Field.DECISION_LETTER,
        ct.LABEL_DECISION_LETTER,
        LONG,
        letter,
        optional=not required,
        hint=ct.HINT_LETTER_REQUIRED if required else ct.HINT_LETTER_OPTIONAL,
        max_length=TEXT_INPUT_LIMIT,
    )


def refilled(fields: Fields, answers: Mapping[str, object]) -> Fields:
    """`fields` showing the answers given (a form shown again, one step further)."""
    return tuple(
        replace(field, initial=answers.get(field.field.value))  # type: ignore[arg-type]
        for field in fields
    )


def reject_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (
        Input(Field.REASON, text.LABEL_REASON, LONG),
        Input(
            Field.DUPLICATE_OF,
            text.LABEL_DUPLICATE_OF,
            SHORT,
            optional=True,
            hint=text.HINT_DUPLICATE_OF,
            max_length=16,
        ),
    )


def reopen_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (Input(Field.REASON, text.LABEL_REOPEN_REASON, LONG),)


def effectiveness_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (
        Input(
            Field.EFFECTIVE,
            text.LABEL_EFFECTIVE,
            FieldKind.RADIO,
            options=options(text.EFFECTIVE_LABELS),
        ),
        Input(Field.RESULT, text.LABEL_EFFECTIVENESS_RESULT, LONG),
    )


def discuss_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (
        Input(
            Field.EMPLOYEE_IDS,
            discussion_text.LABEL_EMPLOYEES,
            FieldKind.PEOPLE,
            hint=discussion_text.HINT_EMPLOYEES,
            max_selected=EMPLOYEES_PER_REQUEST,
        ),
        Input(Field.MESSAGE, discussion_text.LABEL_MESSAGE, LONG, optional=True),
        Input(
            Field.SHARE_CONTACT,
            discussion_text.LABEL_SHARE_CONTACT,
            FieldKind.RADIO,
            "nee",
            options(SHARE),
        ),
    )


def discussed_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    return (
        Input(Field.DISCUSSED_AT, discussion_text.LABEL_DISCUSSED_AT, FieldKind.DATE_TIME, now),
        Input(Field.SUMMARY, discussion_text.LABEL_SUMMARY, LONG),
    )


def new_complaint(context: Context, *, subject: str = "", body: str = "") -> FormView:
    """A complaint heard by phone or at the desk, or a chat message turned into one."""
    fields = (
        Input(Field.SUBJECT, text.LABEL_SUBJECT, SHORT, subject, max_length=200),
        Input(Field.BODY, text.LABEL_BODY, LONG, body),
        Input(Field.COMPLAINANT_NAME, text.LABEL_NAME, SHORT, optional=True, max_length=200),
        Input(
            Field.COMPLAINANT_PHONE,
            text.LABEL_PHONE,
            SHORT,
            optional=True,
            hint=text.HINT_PHONE,
            max_length=40,
        ),
        Input(Field.COMPLAINANT_EMAIL, text.LABEL_EMAIL, SHORT, optional=True, max_length=320),
    )
    form = FormId.NEW_COMPLAINT
    return FormView(str(form), form, text.TITLE_NEW, text.SUBMIT_NEW, text.CANCEL, context, fields)


# -- the employee's forms ---------------------------------------------------------------------


def employee_form(
    form: FormId, title: str, send: str, complaint: Complaint, context: Context, fields: Fields
) -> FormView:
    """An employee's form: the complaint as they may see it, then its fields."""
    intro = fill(
        text.MODAL_INTRO,
        reference=strong(complaint.reference or "?"),
        subject=subject(complaint, 300, contact_details=False),
    )
    blocks = (Subtle((intro,)), *fields)
    cancel = text.CANCEL
    return FormView(f"{form}:{complaint.reference}", form, title, send, cancel, context, blocks)


def respond_form(complaint: Complaint, context: Context) -> FormView:
    fields = (
        Input(Field.ACCOUNT, discussion_text.LABEL_ACCOUNT, LONG),
        Input(Field.CAUSE, discussion_text.LABEL_CAUSE, LONG, optional=True),
        Input(Field.PROPOSAL, discussion_text.LABEL_PROPOSAL, LONG, optional=True),
    )
    form, title = FormId.EMPLOYEE_RESPOND, discussion_text.TITLE_RESPOND
    return employee_form(form, title, discussion_text.SUBMIT_RESPOND, complaint, context, fields)


def suggested_meeting(calendar: WorkCalendar, now: dt.datetime) -> dt.datetime:
    """Opening time on the next working day, as a starting point for the picker."""
    tomorrow = now + dt.timedelta(days=1)
    return calendar.next_opening(tomorrow.replace(hour=0, minute=0, second=0, microsecond=0))


def plan_form(complaint: Complaint, context: Context, suggestion: dt.datetime) -> FormView:
    field = Input(
        Field.MEETING_AT,
        discussion_text.LABEL_MEETING_AT,
        FieldKind.DATE_TIME,
        suggestion,
        hint=discussion_text.HINT_MEETING_AT,
    )
    form, title = FormId.EMPLOYEE_PLAN, discussion_text.TITLE_PLAN
    return employee_form(form, title, discussion_text.SUBMIT_PLAN, complaint, context, (field,))


def move_form(complaint: Complaint, context: Context, suggestion: dt.datetime) -> FormView:
    """ "Gesprek verzetten": the planned talk's new moment, starting from the moment planned
    (`suggestion` when none is)."""
    request = request_of(complaint, context.employee or "")
    field = _moved_at(request.meeting_at if request and request.meeting_at else suggestion)
    form, title = FormId.EMPLOYEE_MOVE, discussion_text.TITLE_MOVE
    return employee_form(form, title, discussion_text.SUBMIT_MOVE, complaint, context, (field,))


def move_talk_fields(complaint: Complaint, now: dt.datetime) -> Fields:
    """The officer's "Gesprek verzetten" on the card: whose planned talk (by name), starting
    at the first, and its new moment, starting at the moment planned."""
    planned = [r for r in employee_requests(complaint) if r.status is RequestStatus.PLANNED]
    names = names_in(complaint)
    talks = [(r, moment_text(Moment(r.meeting_at, now=now))) for r in planned if r.meeting_at]
    choices = tuple(
        Option(r.employee_id, truncate(f"{names.get(r.employee_id, '?')}, {when}", 75))
        for r, when in talks
    )
    first = planned[0] if planned else None
    whose = Input(
        Field.EMPLOYEE_ID,
        discussion_text.LABEL_WHOSE_TALK,
        FieldKind.SELECT,
        first.employee_id if first else None,
        choices,
    )
    return (whose, _moved_at(first.meeting_at if first and first.meeting_at else now))


def _moved_at(initial: dt.datetime) -> Input:
    return Input(
        Field.MEETING_AT,
        discussion_text.LABEL_MOVED_AT,
        FieldKind.DATE_TIME,
        initial,
        hint=discussion_text.HINT_MEETING_AT,
    )


def decline_form(complaint: Complaint, context: Context) -> FormView:
    field = Input(
        Field.REASON,
        discussion_text.LABEL_DECLINE_REASON,
        LONG,
        hint=discussion_text.HINT_DECLINE_REASON,
    )
    form, title = FormId.EMPLOYEE_DECLINE, discussion_text.TITLE_DECLINE
    return employee_form(form, title, discussion_text.SUBMIT_DECLINE, complaint, context, (field,))
