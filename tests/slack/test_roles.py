"""The role matrix through Slack: every officer action, clicked and submitted by every role."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.forms.workflows import WORKFLOWS, Workflow
from bot.procedure import Actor, Complaint, Role, decision
from bot.procedure import steps as procedure
from bot.procedure.inputs import (
    AcceptanceRecord,
    Closure,
    Contact,
    DiscussionRequest,
    MeetingPlan,
    Recourse,
    Registration,
)
from bot.procedure.model import (
    Acceptance,
    Category,
    ContactOutcome,
    Outcome,
    RecourseBody,
    RelationType,
    RootCause,
    Satisfaction,
)
from bot.procedure.roles import ROLE_MATRIX
from bot.service import ComplaintService
from bot.slack.app import build_app
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from tests.slack.conftest import CHANNEL, submit_email, with_slack
from tests.slack.flows import click, submit, valid_values
from tests.slack.payloads import EMPLOYEE, MANAGEMENT, OFFICER

USERS = {Role.OFFICER: OFFICER, Role.EMPLOYEE: EMPLOYEE, Role.MANAGEMENT: MANAGEMENT}
ANNA = Actor("UOFFICER", Role.OFFICER, "anna")
BRAM = Actor("UBRAM", Role.EMPLOYEE, "bram")


def complaint_ready_for(action: ActionId, service: ComplaintService) -> Complaint:
    """A complaint in a state where `action`'s button is shown."""
    ref = submit_email(service).reference
    if action in (ActionId.REGISTER, ActionId.REJECT, ActionId.NOTE):
        return service.get(ref)
    registration = Registration("Jan", RelationType.FLEXWORKER, Category.PAYROLL)
    complaint = service.change(ref, procedure.register, ANNA, registration)
    if action in (ActionId.CONTACT, ActionId.DISCUSS, ActionId.RECLASSIFY, ActionId.EXTEND):
        return complaint
    if action is ActionId.DISCUSSED:
        request = DiscussionRequest((EMPLOYEE["id"],))
        return service.change(ref, procedure.request_discussion, ANNA, request)
    if action is ActionId.MOVE_TALK:  # Bram planned a talk (valid_values moves his)
        service.change(ref, procedure.request_discussion, ANNA, DiscussionRequest(("UBRAM",)))
        plan = MeetingPlan(service.now() + dt.timedelta(days=2))
        return service.change(ref, procedure.plan_meeting, BRAM, plan)
    contact = Contact(service.now(), ContactOutcome.RESOLVED_ON_CONTACT)
    complaint = service.change(ref, procedure.record_contact, ANNA, contact)
    if action is ActionId.CLOSE:
        return complaint
    closure = Closure("Opgelost", RootCause.OTHER, "x", "y", None, Satisfaction.YES, "geen")
    if action is ActionId.EFFECTIVENESS:  # a check planned at closing
        check_on = service.now().date() + dt.timedelta(days=30)
        closure = dataclasses.replace(closure, effectiveness_check_on=check_on)
    if action not in (ActionId.ACCEPTANCE, ActionId.RECOURSE, ActionId.RECOURSE_RESULT):
        return service.change(ref, procedure.close, ANNA, closure)
    closure = dataclasses.replace(closure, outcome=Outcome.NOT_UPHELD)
    complaint = service.change(ref, procedure.close, ANNA, closure)
    if action is ActionId.ACCEPTANCE:
        return complaint
    answer = AcceptanceRecord(Acceptance.DISAGREED)
    complaint = service.change(ref, decision.record_acceptance, ANNA, answer)
    if action is ActionId.RECOURSE:
        return complaint
    recourse = Recourse(RecourseBody.GCU, service.now().date())
    return service.change(ref, decision.record_recourse, ANNA, recourse)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.action.value)
def test_every_action_by_every_role(workflow: Workflow, service, bolt_app, fake_slack):
    officer_view = None
    for role, user in USERS.items():
        complaint = complaint_ready_for(workflow.action, service)
        allowed = role in ROLE_MATRIX[workflow.step_name]

        answer = click(bolt_app, fake_slack, user, workflow.action, complaint.reference)
        if allowed:
            assert answer["callback_id"] == workflow.callback.value, role
            officer_view = answer
        else:
            assert answer.startswith("Alleen de "), (role, answer)
            assert "Er is niets gewijzigd" in answer

    # A submission cannot get around the role either (e.g. a modal opened by someone else).
    for role, user in USERS.items():
        complaint = complaint_ready_for(workflow.action, service)
        # The closing form's second page (its letter read); without a letter, as the route allows.
        letter_for = "gegrond" if workflow.action is ActionId.CLOSE else None
        context = Context(reference=complaint.reference, channel=CHANNEL, letter_for=letter_for)
        metadata = context.dump()
        view = {**officer_view, "private_metadata": metadata}
        ephemerals = len(fake_slack.calls_to("chat.postEphemeral"))
        response = submit(bolt_app, user, view, valid_values(workflow.action, service.now()))
        after = service.get(complaint.reference)
        assert response.status == 200
        if role in ROLE_MATRIX[workflow.step_name]:
            assert not response.body, response.body
            assert len(after.events) == len(complaint.events) + 1
            assert after.events[-1].actor_id == user["id"]
        else:
            assert "errors" not in (response.body or "")
            assert after.version == complaint.version, role
            fake_slack.wait_for(
                lambda n=ephemerals: len(fake_slack.calls_to("chat.postEphemeral")) > n
            )
            assert "Alleen de" in fake_slack.calls_to("chat.postEphemeral")[-1].params["text"]


def test_officer_role_from_a_user_group(db, settings, fake_slack):
    fake_slack.usergroups["S0FFICERS"] = ["UGROEP"]
    grouped = with_slack(settings, fake_slack, officer_usergroup="S0FFICERS", officer_user_ids=[])
    service = ComplaintService(db, grouped)
    app = build_app(grouped, service)
    complaint = submit_email(service)
    member = {"id": "UGROEP", "username": "dirk", "name": "dirk", "team_id": "T111"}

    answer = click(app, fake_slack, member, ActionId.REGISTER, complaint.reference)
    assert answer["callback_id"] == "register_modal"
    answer = click(app, fake_slack, OFFICER, ActionId.REGISTER, complaint.reference)
    assert isinstance(answer, str) and answer.startswith("Alleen de")
    assert len(fake_slack.calls_to("usergroups.users.list")) == 1  # cached
