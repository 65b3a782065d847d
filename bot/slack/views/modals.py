"""The officer's modals, one builder and one parser per procedure step.

Builders take the complaint and "now" and return input blocks; parsers turn a `Form` into the
procedure's validated input (whose constructors raise ProcedureError naming the field).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.phones import format_phone
from bot.procedure import Complaint
from bot.procedure.errors import ProcedureError
from bot.procedure.inputs import (
    Closure,
    Contact,
    EffectivenessResult,
    Intake,
    Note,
    Registration,
    Rejection,
    Reopening,
    email_or_none,
    optional_text,
    phone_or_none,
    required_text,
)
from bot.procedure.model import (
    Category,
    ContactOutcome,
    RelationType,
    RootCause,
    Satisfaction,
    Source,
)
from bot.slack.context import Context
from bot.slack.ids import CallbackId, Field
from bot.slack.views.blocks import (
    date_picker,
    datetime_picker,
    escape,
    input_block,
    modal,
    radio_buttons,
    section,
    static_select,
    text_input,
    truncate,
)
from bot.slack.views.forms import Form
from bot.texts import (
    CATEGORY_LABELS,
    CONTACT_OUTCOME_LABELS,
    RELATION_TYPE_LABELS,
    ROOT_CAUSE_LABELS,
    SATISFACTION_LABELS,
)
from bot.texts import procedure as procedure_text
from bot.texts import slack as text

Blocks = list[dict[str, Any]]


def intro(complaint: Complaint) -> dict[str, Any]:
    subject = escape(truncate(complaint.subject.strip() or text.NO_SUBJECT, 300))
    return section(text.MODAL_INTRO.format(reference=complaint.reference, subject=subject))


def register_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    phone = complaint.complainant_phone
    return [
        input_block(
            Field.COMPLAINANT_NAME,
            text.LABEL_NAME,
            text_input(complaint.complainant_name, max_length=200),
        ),
        input_block(
            Field.RELATION_TYPE,
            text.LABEL_RELATION,
            static_select(RELATION_TYPE_LABELS, complaint.relation_type),
        ),
        input_block(
            Field.CATEGORY, text.LABEL_CATEGORY, static_select(CATEGORY_LABELS, complaint.category)
        ),
        input_block(
            Field.COMPLAINANT_PHONE,
            text.LABEL_PHONE,
            text_input(format_phone(phone) if phone else None, max_length=40),
            optional=True,
            hint=text.HINT_PHONE,
        ),
    ]


def parse_register(form: Form) -> Registration:
    return Registration(
        complainant_name=form.text(Field.COMPLAINANT_NAME) or "",
        relation_type=form.choice(Field.RELATION_TYPE, RelationType),
        category=form.choice(Field.CATEGORY, Category),
        complainant_phone=form.text(Field.COMPLAINANT_PHONE),
    )


def contact_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [
        input_block(Field.CONTACTED_AT, text.LABEL_CONTACTED_AT, datetime_picker(now)),
        input_block(Field.OUTCOME, text.LABEL_OUTCOME, radio_buttons(CONTACT_OUTCOME_LABELS)),
        input_block(
            Field.AGREED_MEASURES,
            text.LABEL_MEASURES,
            text_input(multiline=True),
            optional=True,
            hint=text.HINT_MEASURES,
        ),
    ]


def parse_contact(form: Form) -> Contact:
    return Contact(
        contacted_at=form.moment(Field.CONTACTED_AT),
        outcome=form.choice(Field.OUTCOME, ContactOutcome),
        agreed_measures=form.text(Field.AGREED_MEASURES),
    )


def note_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [input_block(Field.TEXT, text.LABEL_NOTE, text_input(multiline=True))]


def parse_note(form: Form) -> Note:
    return Note(text=form.text(Field.TEXT) or "")


def close_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    blocks = [
        input_block(Field.RESOLUTION, text.LABEL_RESOLUTION, text_input(multiline=True)),
        input_block(
            Field.ROOT_CAUSE_CATEGORY,
            text.LABEL_ROOT_CAUSE_CATEGORY,
            static_select(ROOT_CAUSE_LABELS),
        ),
        input_block(Field.ROOT_CAUSE, text.LABEL_ROOT_CAUSE, text_input(multiline=True)),
        input_block(
            Field.CORRECTIVE_MEASURES,
            text.LABEL_CORRECTIVE,
            text_input(complaint.agreed_measures, multiline=True),
        ),
        input_block(
            Field.PREVENTIVE_MEASURES,
            text.LABEL_PREVENTIVE,
            text_input(multiline=True),
            optional=True,
        ),
        input_block(
            Field.CUSTOMER_SATISFIED, text.LABEL_SATISFIED, radio_buttons(SATISFACTION_LABELS)
        ),
    ]
    if complaint.discussed_at is None:
        blocks.append(
            input_block(
                Field.NO_EMPLOYEE_REASON,
                text.LABEL_NO_EMPLOYEE,
                text_input(multiline=True),
                optional=True,
                hint=text.HINT_NO_EMPLOYEE,
            )
        )
    blocks.append(
        input_block(
            Field.EFFECTIVENESS_CHECK_ON,
            text.LABEL_EFFECTIVENESS,
            date_picker(),
            optional=True,
            hint=text.HINT_EFFECTIVENESS,
        )
    )
    return blocks


def parse_close(form: Form) -> Closure:
    return Closure(
        resolution=form.text(Field.RESOLUTION) or "",
        root_cause_category=form.choice(Field.ROOT_CAUSE_CATEGORY, RootCause),
        root_cause=form.text(Field.ROOT_CAUSE) or "",
        corrective_measures=form.text(Field.CORRECTIVE_MEASURES) or "",
        preventive_measures=form.text(Field.PREVENTIVE_MEASURES),
        customer_satisfied=form.choice(Field.CUSTOMER_SATISFIED, Satisfaction),
        no_employee_reason=form.text(Field.NO_EMPLOYEE_REASON),
        effectiveness_check_on=form.day(Field.EFFECTIVENESS_CHECK_ON),
    )


def reject_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [
        input_block(Field.REASON, text.LABEL_REASON, text_input(multiline=True)),
        input_block(
            Field.DUPLICATE_OF,
            text.LABEL_DUPLICATE_OF,
            text_input(max_length=16),
            optional=True,
            hint=text.HINT_DUPLICATE_OF,
        ),
    ]


def parse_reject(form: Form) -> Rejection:
    duplicate = (form.text(Field.DUPLICATE_OF) or "").strip().upper()
    return Rejection(reason=form.text(Field.REASON) or "", duplicate_of=duplicate or None)


def reopen_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [input_block(Field.REASON, text.LABEL_REOPEN_REASON, text_input(multiline=True))]


def parse_reopen(form: Form) -> Reopening:
    return Reopening(reason=form.text(Field.REASON) or "")


def new_complaint_view(context: Context, *, subject: str = "", body: str = "") -> dict[str, Any]:
    """A complaint heard by phone or at the desk, or a Slack message turned into one."""
    blocks = [
        input_block(Field.SUBJECT, text.LABEL_SUBJECT, text_input(subject, max_length=200)),
        input_block(Field.BODY, text.LABEL_BODY, text_input(body, multiline=True)),
        input_block(
            Field.COMPLAINANT_NAME,
            text.LABEL_NAME,
            text_input(max_length=200),
            optional=True,
        ),
        input_block(
            Field.COMPLAINANT_PHONE,
            text.LABEL_PHONE,
            text_input(max_length=40),
            optional=True,
            hint=text.HINT_PHONE,
        ),
        input_block(
            Field.COMPLAINANT_EMAIL, text.LABEL_EMAIL, text_input(max_length=320), optional=True
        ),
    ]
    return modal(CallbackId.NEW_COMPLAINT.value, text.TITLE_NEW, blocks, context.dump())


def parse_new_complaint(form: Form, *, now: dt.datetime, context: Context) -> Intake:
    source = Source.SLACK_MESSAGE if context.permalink else Source.MANUAL
    return Intake(
        source=source,
        received_at=now,
        subject=required_text(form.text(Field.SUBJECT), Field.SUBJECT.value, 200),
        body=required_text(form.text(Field.BODY), Field.BODY.value),
        complainant_name=optional_text(form.text(Field.COMPLAINANT_NAME), "complainant_name", 200),
        complainant_email=email_or_none(form.text(Field.COMPLAINANT_EMAIL), "complainant_email"),
        complainant_phone=phone_or_none(form.text(Field.COMPLAINANT_PHONE), "complainant_phone"),
        source_link=context.permalink,
    )


def effectiveness_blocks(complaint: Complaint, now: dt.datetime) -> Blocks:
    return [
        input_block(Field.EFFECTIVE, text.LABEL_EFFECTIVE, radio_buttons(text.EFFECTIVE_LABELS)),
        input_block(Field.RESULT, text.LABEL_EFFECTIVENESS_RESULT, text_input(multiline=True)),
    ]


def parse_effectiveness(form: Form) -> EffectivenessResult:
    answer = form.text(Field.EFFECTIVE)
    if answer not in text.EFFECTIVE_LABELS:
        raise ProcedureError(procedure_text.FIELD_REQUIRED, field=Field.EFFECTIVE.value)
    return EffectivenessResult(effective=answer == "ja", result=form.text(Field.RESULT) or "")
