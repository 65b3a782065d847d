"""Every message, modal and Home view stays within Block Kit's limits, also for a
10,000-character complaint."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from slack_sdk.errors import SlackObjectFormationError

from bot.forms.workflows import WORKFLOWS
from bot.procedure import Actor, Complaint, Role
from bot.procedure import steps as procedure
from bot.procedure.discussion import employee_requests
from bot.procedure.inputs import (
    EMPLOYEES_PER_REQUEST,
    Closure,
    Contact,
    Decline,
    DiscussionRequest,
    EmployeeResponse,
    MeetingPlan,
    Note,
    Registration,
    Rejection,
    Reopening,
)
from bot.procedure.model import Category, ContactOutcome, RelationType, RootCause, Satisfaction
from bot.slack.views import render
from bot.slack.views.message import event_message, root_message
from bot.views import dashboards, forms, lists, requests
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from bot.workdays import WorkCalendar
from tests.procedure import builders as b
from tests.slack.conftest import submit_email
from tests.slack.limits import assert_message_within_limits, assert_view_within_limits

LONG = ("Dit is een hele lange klacht met <speciale> & tekens. " * 200)[:10_000]
FULL = "x" * 3000
OFFICER = Actor("UOFFICER", Role.OFFICER, "anna " * 40)


# The Slack payloads of the views (bot.views) these tests check.
def officer_home(*args):
    return render.dashboard(dashboards.officer_dashboard(*args))


def management_home(*args):
    return render.dashboard(dashboards.management_dashboard(*args))


def employee_home(entries):
    return render.dashboard(dashboards.employee_dashboard(entries))


def employee_message(complaint, request, due, now):
    return render.message(requests.request_message(complaint, request, due, now))


def respond_view(complaint, context):
    return render.form(forms.respond_form(complaint, context))


def plan_view(complaint, context, suggestion):
    return render.form(forms.plan_form(complaint, context, suggestion))


def decline_view(complaint, context):
    return render.form(forms.decline_form(complaint, context))


def new_complaint_view(context, **typed):
    return render.form(forms.new_complaint(context, **typed))


def help_blocks(role, unknown):
    return render.message(lists.help_message(role, unknown))["blocks"]


@pytest.fixture
def long_lives(service):
    """Complaints with 10,000-character text, taken through every step the buttons offer."""
    complaint = submit_email(
        service,
        body=LONG,
        subject=LONG[:998],
        complainant_name="N" * 200,
        complainant_phone="+31612345678",
    )
    ref = complaint.reference
    stages = [complaint]
    registration = Registration("N" * 200, RelationType.CLIENT, Category.PAYROLL, "+32470123456")
    stages.append(service.change(ref, procedure.register, OFFICER, registration))
    contact = Contact(service.now(), ContactOutcome.MEASURES_AGREED, FULL)
    stages.append(service.change(ref, procedure.record_contact, OFFICER, contact))
    stages.append(service.change(ref, procedure.add_note, OFFICER, Note(FULL)))
    closure = Closure(
        FULL,
        RootCause.SYSTEM,
        FULL,
        FULL,
        FULL,
        Satisfaction.NO,
        FULL,
        service.now().date() + dt.timedelta(days=30),
    )
    stages.append(service.change(ref, procedure.close, OFFICER, closure))
    stages.append(service.change(ref, procedure.reopen, OFFICER, Reopening(FULL)))
    stages.append(service.change(ref, procedure.reject, OFFICER, Rejection(FULL, "K-2026-9999")))
    return stages


def test_root_messages_and_thread_posts_stay_within_limits(service, long_lives):
    for stage in long_lives:
        message = root_message(stage, now=service.now(), calendar=service.calendar)
        assert_message_within_limits(message)
    final = long_lives[-1]
    assert len(final.events) == 7
    for event in final.events:
        assert_message_within_limits(event_message(final, event, service.now()))


def test_root_message_shows_the_start_of_a_long_complaint_only(service, long_lives):
    message = root_message(long_lives[0], now=service.now(), calendar=service.calendar)
    shown = " ".join(block.get("text", {}).get("text", "") for block in message["blocks"])
    assert "&lt;speciale&gt; &amp; tekens" in shown  # escaped, not read as a link
    assert "(ingekort)" in shown
    assert len(shown) < 2000


def test_every_modal_stays_within_limits(service, long_lives):
    context = Context(
        reference="K-2026-0001", channel="C111", permalink="https://x.slack.com/" + "p" * 400
    )
    for workflow in WORKFLOWS:
        for stage in long_lives:
            assert_view_within_limits(render.form(workflow.form(stage, service.now(), context)))
    assert_view_within_limits(new_complaint_view(context, body=LONG))


def test_help_blocks_stay_within_limits():
    for role in Role:
        assert_message_within_limits({"text": "help", "blocks": help_blocks(role, "x" * 2000)})


def test_the_limit_checks_do_fail_on_oversized_blocks():
    """The checker is not blind: one block too many, or a too-long title, is refused."""
    with pytest.raises(AssertionError):
        assert_message_within_limits({"text": "x", "blocks": [{"type": "divider"}] * 51})
    modal = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Een titel die veel te lang is"},
        "blocks": [{"type": "divider"}],
    }
    with pytest.raises((AssertionError, SlackObjectFormationError)):
        assert_view_within_limits(modal)


def test_the_discussion_stays_within_limits(service):
    """A long complaint, a long message from the officer, long answers: the employee's
    message at every stage, their modals and their Home tab with many requests."""
    ref = submit_email(service, subject=LONG[:998], body=LONG, complainant_phone="+31612345678")
    registration = Registration("N" * 200, RelationType.CLIENT, Category.PAYROLL)
    service.change(ref.reference, procedure.register, OFFICER, registration)
    employees = tuple(f"U{n:03d}" for n in range(EMPLOYEES_PER_REQUEST))
    request = DiscussionRequest(employees, message=FULL, share_contact=True)
    complaint = service.change(ref.reference, procedure.request_discussion, OFFICER, request)
    answers = [
        (procedure.record_employee_response, EmployeeResponse(FULL, FULL, FULL)),
        (procedure.decline_discussion, Decline(FULL)),
        (procedure.plan_meeting, MeetingPlan(service.now() + dt.timedelta(days=1))),
    ]
    for employee, (step, data) in zip(employees, answers, strict=False):
        actor = Actor(employee, Role.EMPLOYEE, "e" * 80)
        complaint = service.change(ref.reference, step, actor, data)
    due = service.now()
    for request in employee_requests(complaint):
        assert_message_within_limits(employee_message(complaint, request, due, due))
    context = Context(reference=complaint.reference, channel="DU000", employee="U000")
    for view in (
        respond_view(complaint, context),
        plan_view(complaint, context, service.now()),
        decline_view(complaint, context),
    ):
        assert_view_within_limits(view)
    request = employee_requests(complaint)[-1]
    entries = [requests.dashboard_entry(complaint, request, due, due)] * 60
    complaints = [complaint] * 60
    now, calendar = service.now(), service.calendar
    buttons = [ActionId.REGISTER, ActionId.NOTE]
    assert_view_within_limits(officer_home(complaints, now, calendar, lambda c: buttons, entries))
    assert_view_within_limits(management_home(None, complaints, 60, now, entries))
    assert_view_within_limits(employee_home(entries))
    assert_view_within_limits(employee_home([]))
    for event in complaint.events:
        assert_message_within_limits(event_message(complaint, event, now))


def test_an_employee_asked_about_a_complaint_without_text_is_told_so(service):
    """An e-mail with only an attachment has a subject but no text: the message says that,
    not that the subject is missing."""
    complaint = submit_email(service, subject="Zie bijlage", body=" ")
    registration = Registration("Klant", RelationType.CLIENT, Category.PAYROLL)
    service.change(complaint.reference, procedure.register, OFFICER, registration)
    asked = DiscussionRequest(("UMEDEWERKER",))
    complaint = service.change(complaint.reference, procedure.request_discussion, OFFICER, asked)
    (request,) = employee_requests(complaint)
    now = service.now()
    shown = json.dumps(employee_message(complaint, request, now, now), ensure_ascii=False)
    assert "(geen tekst)" in shown and "(geen onderwerp)" not in shown


def test_a_cut_never_leaves_half_an_entity_or_a_mention():
    """Escaping makes text longer (& becomes &amp;): the 3,000-character cut of a section
    must not leave '&am' or '<@U12' for Slack to show."""
    from bot.slack.views.blocks import SECTION_LIMIT, escape, mrkdwn
    from bot.texts.slack import TEXT_TRUNCATED

    cut_through = (
        escape("&" * 2900),
        "x" * 2980 + "<@U0123456789>" + " en meer" * 4,  # the cut falls inside the mention
        "y" * 2985 + "&lt;" + " en meer" * 4,  # and inside the entity
    )
    for value in cut_through:
        shown = mrkdwn(value)["text"]
        assert len(shown) <= SECTION_LIMIT and shown.endswith(TEXT_TRUNCATED)
        kept = shown.removesuffix(TEXT_TRUNCATED)
        assert kept.count("&") == kept.count(";") and kept.count("<") == kept.count(">"), kept[-9:]


def test_a_phone_number_intake_was_unsure_of_is_marked_on_the_card() -> None:
    calendar = WorkCalendar(tz=b.AMS)

    def phone_field(complaint: Complaint) -> str:
        message = root_message(complaint, now=b.RECEIVED_AT, calendar=calendar)
        (fields,) = [block["fields"] for block in message["blocks"] if "fields" in block]
        (phone,) = [field["text"] for field in fields if field["text"].startswith("*Telefoon*")]
        return phone.removeprefix("*Telefoon*\n")

    sure = b.received(complainant_phone="+31201234567")
    unsure = b.received(complainant_phone="+31201234567", phone_uncertain=True)

    assert phone_field(sure) == "<tel:+31201234567|020 123 4567>"
    assert phone_field(unsure) == "<tel:+31201234567|020 123 4567> (onzeker)"
