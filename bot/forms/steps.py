"""What the officer's forms answer: one parser per procedure step, turning a `Form` into the
procedure's validated input (whose constructors raise ProcedureError naming the field). The
forms themselves are bot.views.forms, rendered by each surface."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.forms.values import Checks, Form
from bot.procedure.errors import ProcedureError
from bot.procedure.inputs import (
    NAME_LIMIT,
    AcceptanceRecord,
    Assessment,
    Closure,
    Contact,
    EffectivenessResult,
    Extension,
    Intake,
    Note,
    Recourse,
    RecourseResult,
    Registration,
    Rejection,
    Reopening,
    email_or_none,
    optional_text,
    phone_or_none,
    required_text,
)
from bot.procedure.model import (
    Acceptance,
    Category,
    ContactOutcome,
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
from bot.texts import procedure as procedure_text
from bot.texts import slack as text
from bot.views.context import Context
from bot.views.forms import SUITABLE_WORK_CHOICE
from bot.views.ids import Field


def parse_register(form: Form) -> Registration:
    check = Checks()
    name = check(
        lambda: required_text(form.text(Field.COMPLAINANT_NAME), "complainant_name", NAME_LIMIT)
    )
    relation = check(lambda: form.choice(Field.RELATION_TYPE, RelationType))
    category = check(lambda: form.choice(Field.CATEGORY, Category))
    phone = check(lambda: phone_or_none(form.text(Field.COMPLAINANT_PHONE), "complainant_phone"))
    values = assessment_values(form, check)
    check.done()
    return Registration(
        complainant_name=name,
        relation_type=relation,
        category=category,
        complainant_phone=phone,
        **values,
    )


def assessment_values(form: Form, check: Checks) -> dict[str, Any]:
    """Kind, remedy and severity as the registration and reclassification forms ask them: all
    but the texts and the start day required. Each rule of the assessment is checked on its
    own, so every field that is wrong is named at once."""
    values = {
        "route": check(lambda: form.choice(Field.ROUTE, Route)),
        "suitable_work": form.ticked(Field.SUITABLE_WORK, SUITABLE_WORK_CHOICE),
        "decision_start": form.day(Field.DECISION_START),
        "remedy": check(lambda: form.choice(Field.REMEDY, Remedy)),
        "remedy_text": form.text(Field.REMEDY_TEXT),
        "severity": check(lambda: form.choice(Field.SEVERITY, Severity)),
        "severity_reason": form.text(Field.SEVERITY_REASON),
    }
    if values["route"] is not None:
        check(lambda: Assessment(route=values["route"], suitable_work=values["suitable_work"]))
    check(lambda: Assessment(remedy=values["remedy"], remedy_text=values["remedy_text"]))
    check(
        lambda: Assessment(severity=values["severity"], severity_reason=values["severity_reason"])
    )
    return values


def parse_reclassify(form: Form) -> Assessment:
    check = Checks()
    values = assessment_values(form, check)
    check.done()
    return Assessment(**values)


def parse_extend(form: Form) -> Extension:
    check = Checks()
    new_date = check(lambda: form.required_day(Field.NEW_DATE))
    # The extension checks only its reason: checked here beside the day.
    extension = check(lambda: Extension(new_date, form.text(Field.REASON) or ""))
    check.done()
    return extension


def parse_acceptance(form: Form) -> AcceptanceRecord:
    answer = form.choice(Field.ACCEPTANCE, Acceptance)
    if answer is Acceptance.NO_REACTION:  # the bot's to record, never offered in the form
        raise ProcedureError(procedure_text.FIELD_REQUIRED, field=Field.ACCEPTANCE.value)
    return AcceptanceRecord(acceptance=answer, note=form.text(Field.NOTE))


def parse_recourse(form: Form) -> Recourse:
    check = Checks()
    body = check(lambda: form.choice(Field.RECOURSE_BODY, RecourseBody))
    recourse_on = check(lambda: form.required_day(Field.RECOURSE_ON))
    name = form.text(Field.RECOURSE_BODY_NAME)
    if body is not None:
        check(lambda: Recourse(body, recourse_on, name))
    check.done()
    return Recourse(recourse_body=body, recourse_on=recourse_on, recourse_body_name=name)


def parse_recourse_result(form: Form) -> RecourseResult:
    check = Checks()
    result = check(lambda: form.choice(Field.RECOURSE_RESULT, Outcome))
    result_on = check(lambda: form.required_day(Field.RECOURSE_RESULT_ON))
    # The result checks only its text: checked here beside the choice and the day.
    recorded = check(
        lambda: RecourseResult(result, form.text(Field.RECOURSE_RESULT_TEXT) or "", result_on)
    )
    check.done()
    return recorded


def parse_contact(form: Form) -> Contact:
    check = Checks()
    contacted_at = check(lambda: form.moment(Field.CONTACTED_AT))
    outcome = check(lambda: form.choice(Field.OUTCOME, ContactOutcome))
    measures = form.text(Field.AGREED_MEASURES)
    if outcome is not None:
        check(lambda: Contact(contacted_at, outcome, measures))
    check.done()
    return Contact(contacted_at=contacted_at, outcome=outcome, agreed_measures=measures)


def parse_note(form: Form) -> Note:
    return Note(text=form.text(Field.TEXT) or "")


CLOSURE_TEXTS = (Field.RESOLUTION, Field.ROOT_CAUSE, Field.CORRECTIVE_MEASURES)


def parse_close(form: Form) -> Closure:
    check = Checks()
    for field in CLOSURE_TEXTS:
        check(lambda field=field: required_text(form.text(field), field.value))
    root_cause_category = check(lambda: form.choice(Field.ROOT_CAUSE_CATEGORY, RootCause))
    customer_satisfied = check(lambda: form.choice(Field.CUSTOMER_SATISFIED, Satisfaction))
    outcome = check(lambda: form.choice(Field.OUTCOME, Outcome))
    check.done()
    return Closure(
        resolution=form.text(Field.RESOLUTION) or "",
        root_cause_category=root_cause_category,
        root_cause=form.text(Field.ROOT_CAUSE) or "",
        corrective_measures=form.text(Field.CORRECTIVE_MEASURES) or "",
        preventive_measures=form.text(Field.PREVENTIVE_MEASURES),
        customer_satisfied=customer_satisfied,
        no_employee_reason=form.text(Field.NO_EMPLOYEE_REASON),
        effectiveness_check_on=form.day(Field.EFFECTIVENESS_CHECK_ON),
        outcome=outcome,
        decision_letter=form.text(Field.DECISION_LETTER),
    )


def parse_reject(form: Form) -> Rejection:
    duplicate = (form.text(Field.DUPLICATE_OF) or "").strip().upper()
    return Rejection(reason=form.text(Field.REASON) or "", duplicate_of=duplicate or None)


def parse_reopen(form: Form) -> Reopening:
    return Reopening(reason=form.text(Field.REASON) or "")


def parse_new_complaint(form: Form, *, now: dt.datetime, context: Context) -> Intake:
    source = Source.SLACK_MESSAGE if context.permalink else Source.MANUAL
    check = Checks()
    subject = check(lambda: required_text(form.text(Field.SUBJECT), Field.SUBJECT.value, 200))
    body = check(lambda: required_text(form.text(Field.BODY), Field.BODY.value))
    name = check(lambda: optional_text(form.text(Field.COMPLAINANT_NAME), "complainant_name", 200))
    email = check(lambda: email_or_none(form.text(Field.COMPLAINANT_EMAIL), "complainant_email"))
    phone = check(lambda: phone_or_none(form.text(Field.COMPLAINANT_PHONE), "complainant_phone"))
    check.done()
    return Intake(
        source=source,
        received_at=now,
        subject=subject,
        body=body,
        complainant_name=name,
        complainant_email=email,
        complainant_phone=phone,
        source_link=context.permalink,
    )


def parse_effectiveness(form: Form) -> EffectivenessResult:
    check = Checks()
    answer = form.text(Field.EFFECTIVE)
    check(lambda: _effective(answer))
    result = check(lambda: required_text(form.text(Field.RESULT), Field.RESULT.value))
    check.done()
    return EffectivenessResult(effective=answer == "ja", result=result)


def _effective(answer: str | None) -> None:
    if answer not in text.EFFECTIVE_LABELS:
        raise ProcedureError(procedure_text.FIELD_REQUIRED, field=Field.EFFECTIVE.value)
