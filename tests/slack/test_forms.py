"""The forms as the officer meets them: a submit button that names its step, every field error
at once in a modal that stays open with what was typed, and "(optioneel)" only where a field
may really be left empty."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.forms.values import Form
from bot.forms.workflows import WORKFLOWS, Workflow
from bot.procedure import steps as procedure
from bot.procedure.errors import ProcedureError, field_errors
from bot.service import takes_terms
from bot.slack.views import render
from bot.views import forms
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from bot.views.ids import FormId
from bot.views.model import FieldKind, FormView, Input
from tests.procedure import builders as b
from tests.slack.conftest import submit_email
from tests.slack.flows import click, submit, valid_values
from tests.slack.payloads import OFFICER
from tests.views import story
from tests.views.scenes import FORM_COMPLAINTS, SCENES


def test_register_with_two_bad_fields_shows_both_and_keeps_the_complaint(
    service, bolt_app, fake_slack
):
    reference = submit_email(service).reference
    before = service.get(reference)
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, reference)
    assert isinstance(view, dict)
    assert view["submit"]["text"] == "Registreren"
    values = {
        **valid_values(ActionId.REGISTER, service.now()),
        "complainant_phone": "bel me",
        "remedy": "anders",  # "anders" needs a description, left empty
    }

    answer = json.loads(submit(bolt_app, OFFICER, view, values).body)

    assert answer["response_action"] == "errors"  # the modal stays open with its input
    assert set(answer["errors"]) == {"complainant_phone", "remedy_text"}
    assert service.get(reference) == before


def registered(service) -> str:
    reference = submit_email(service).reference
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    return reference


def test_contact_with_two_bad_fields_shows_both(service, bolt_app, fake_slack):
    reference = registered(service)
    before = service.get(reference)
    view = click(bolt_app, fake_slack, OFFICER, ActionId.CONTACT, reference)
    assert isinstance(view, dict)
    assert view["submit"]["text"] == "Contact vastleggen"
    values = {"contacted_at": None, "outcome": "measures_agreed"}  # and no measures typed

    answer = json.loads(submit(bolt_app, OFFICER, view, values).body)

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"contacted_at", "agreed_measures"}
    assert service.get(reference) == before


def test_closing_with_three_empty_fields_names_all_three(service, bolt_app, fake_slack):
    reference = registered(service)
    service.change(reference, procedure.record_contact, b.OFFICER, b.contact(service.now()))
    before = service.get(reference)
    view = click(bolt_app, fake_slack, OFFICER, ActionId.CLOSE, reference)
    assert isinstance(view, dict)
    values = {**valid_values(ActionId.CLOSE, service.now()), "resolution": "", "root_cause": ""}
    del values["outcome"]

    answer = json.loads(submit(bolt_app, OFFICER, view, values).body)

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"resolution", "root_cause", "outcome"}
    assert service.get(reference) == before


def test_register_after_the_errors_are_fixed_registers(service, bolt_app, fake_slack):
    reference = submit_email(service).reference
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, reference)
    assert isinstance(view, dict)
    values = valid_values(ActionId.REGISTER, service.now())

    response = submit(bolt_app, OFFICER, view, values)

    assert response.status == 200 and "errors" not in response.body
    assert service.get(reference).complainant_name == "Jan de Vries"


def test_a_new_complaint_with_every_field_wrong_names_every_field(bolt_app, fake_slack):
    view = render.form(forms.new_complaint(Context()))
    values = {"subject": "", "body": "", "complainant_email": "geen-adres"}

    answer = json.loads(submit(bolt_app, OFFICER, view, values).body)

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"subject", "body", "complainant_email"}


def every_form() -> dict[str, FormView]:
    built = {name: scene() for name, scene in SCENES.items() if name.startswith("form/")}
    return {name: view for name, view in built.items() if isinstance(view, FormView)}


def test_each_form_has_its_own_submit_label():
    requested = FORM_COMPLAINTS[FormId.DISCUSSED]()
    labels = [w.submit for w in WORKFLOWS] + [
        forms.new_complaint(Context()).submit,
        forms.respond_form(requested, Context()).submit,
        forms.plan_form(requested, Context(), story.NOW).submit,
        forms.move_form(requested, Context(), story.NOW).submit,
        forms.decline_form(requested, Context()).submit,
    ]
    assert "Opslaan" not in labels
    assert all(len(label) <= 24 for label in labels), labels  # Slack's limit: shown whole
    assert len(labels) == len(set(labels)), labels
    for name, view in every_form().items():
        assert view.submit != "Opslaan", name


def test_no_form_says_optioneel_in_a_label():
    """Slack writes "(optioneel)" after every optional input itself; a label saying it too
    shows it twice (and Teams marks the required ones instead)."""
    assert every_form()
    for name, view in every_form().items():
        for field in view.blocks:
            if isinstance(field, Input):
                assert "optioneel" not in field.label.lower(), (name, field.label)


# Answers under which the optional fields a choice can make needed are not needed: a high
# severity asks for its reason (the field's hint says so), a middle one does not.
UNCONDITIONAL = {ActionId.RECLASSIFY: {"route": "dienstverlening", "severity": "middel"}}


def _payload(workflow: Workflow, fields: tuple[Input, ...]) -> dict[str, Any]:
    """The valid answers to the required fields only: every optional field left empty."""
    required = {field.field.value for field in fields if not field.optional}
    values = {**valid_values(workflow.action, story.NOW), **UNCONDITIONAL.get(workflow.action, {})}
    return {k: v for k, v in values.items() if k in required}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.callback.value)
def test_no_field_marked_optional_is_required(workflow: Workflow):
    complaint = FORM_COMPLAINTS[workflow.callback]()
    fields = workflow.fields(complaint, story.NOW)
    optional = {field.field.value for field in fields if field.optional}
    form = Form(_payload(workflow, fields), story.TZ)
    try:
        data = workflow.parse(form)
        extra = {"terms": story.TERMS} if takes_terms(workflow.step) else {}
        workflow.step(complaint, story.OFFICER, data, now=story.NOW, **extra)
    except ProcedureError as exc:
        assert exc.field not in optional, (exc.field, exc.message)


# Checked by the step against the complaint (was there a discussion?), after the form's own.
CHECKED_BY_THE_STEP = {"no_employee_reason"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.callback.value)
def test_an_empty_form_names_every_required_field_at_once(workflow: Workflow):
    complaint = FORM_COMPLAINTS[workflow.callback]()
    fields = workflow.fields(complaint, story.NOW)
    required = {f.field.value for f in fields if not f.optional} - CHECKED_BY_THE_STEP
    # a radio button chosen beforehand cannot be emptied again
    required -= {f.field.value for f in fields if f.kind is FieldKind.RADIO and f.initial}
    with pytest.raises(ProcedureError) as raised:
        workflow.parse(Form({}, story.TZ))
    assert set(field_errors(raised.value)) == required
