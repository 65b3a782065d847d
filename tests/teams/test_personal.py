"""The employee's discussion request in Teams, end to end: the officer asks for the employee's
side on the complaint's card (a signed invoke to the real `teams` app), the delivery job finds
the employee on the team roster, opens their personal chat through the fake Bot Connector and
posts the request card there; the employee answers in the dialog, the card is updated in place
and the complaint shows the answer; anyone else's click is refused and changes nothing. An
employee Teams will not let the bot reach is reported once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bot.jobs.discussion import mark_passed_deadlines
from bot.procedure import SYSTEM_ACTOR, EventKind, State
from bot.procedure import steps as procedure
from bot.procedure.discussion import request_of
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.connector import BotConnector
from bot.teams.employees import deliver_employee_messages
from bot.texts import discussion as discussion_text
from bot.texts import procedure as procedure_text
from bot.views.ids import Action, Field, FormId
from bot.views.requests import answer_due
from tests.procedure import builders as b
from tests.support.fake_teams import Activity, FakeTeams, Person
from tests.teams.adaptive import by_id, dialog_card, problems, texts
from tests.teams.conftest import EMPLOYEE, MANAGER, OFFICER
from tests.teams.server import TeamsServer
from tests.teams.test_card_actions import MESSAGE, card, click, verbs
from tests.teams.test_dialogs import send

OUTSIDER = Person("29:1leftMRI-opaque_zz", "0c5d1e36-53a4-4b0e-9f7e-3a4a5bf1c2d7")


@pytest.fixture
def deliver(teams_settings: Settings, service: ComplaintService) -> Any:
    """One run of the delivery job (as the clock runs it), against the fake."""
    connector = BotConnector(teams_settings, None)
    teams_service = ComplaintService(service.db, teams_settings)

    def run() -> int:
        return deliver_employee_messages(teams_service, connector, teams_service.now())

    yield run
    connector.close()


def ask(signed: TeamsServer, fake: FakeTeams, keys: Any, reference: str, *people: Person) -> None:
    """The officer asks for the people's side on the complaint's card (its form, in the card)."""
    form = card(click(signed, fake, keys, OFFICER, Action.DISCUSS, {"reference": reference}))
    assert Field.EMPLOYEE_IDS in by_id(form)
    answers = {
        "reference": reference,
        Field.EMPLOYEE_IDS: ",".join(person.aad_object_id for person in people),
        Field.MESSAGE: "Wil je vertellen hoe het ging?",
    }
    card(click(signed, fake, keys, OFFICER, FormId.DISCUSS, answers))


def registered(service: ComplaintService, reference: str) -> str:
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    return reference


def personal_cards(fake: FakeTeams, person: Person) -> list[Activity]:
    chat = fake.chats.get(person.user_id)
    return fake.in_conversation(chat) if chat else []


def all_text(node: Any) -> str:
    """Every text of a card, containers and quotes included."""
    if isinstance(node, dict):
        own = node.get("text") if isinstance(node.get("text"), str) else ""
        return " ".join([own, *(all_text(value) for value in node.values())])
    if isinstance(node, list):
        return " ".join(all_text(item) for item in node)
    return ""


def shown(activity: Activity) -> dict[str, Any]:
    (attachment,) = activity.body["attachments"]
    content = attachment["content"]
    assert problems(content) == []
    return content


def test_the_employee_answers_in_teams_and_the_card_follows(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    deliver,
) -> None:
    ask(signed, fake_teams, keys, registered(service, reference), EMPLOYEE)
    assert deliver() == 1

    # Found on the team's roster by Entra object id, the 1:1 chat opened with their 29: id.
    gets = [call.path for call in fake_teams.calls if call.method == "GET"]
    assert any(path.endswith(f"/members/{EMPLOYEE.aad_object_id}") for path in gets)
    (request,) = personal_cards(fake_teams, EMPLOYEE)
    first = shown(request)
    assert reference in texts(first)
    assert verbs(first) == [Action.RESPOND, Action.PLAN, Action.DECLINE]
    assert signed.directory.member(EMPLOYEE.user_id).personal_chat_id == request.conversation_id
    assert deliver() == 0  # sent once

    # Someone else's click is refused, whoever they are, and nothing changes.
    context = {"reference": reference, "employee": EMPLOYEE.aad_object_id}
    for other in (OFFICER, MANAGER):
        refused = click(signed, fake_teams, keys, other, Action.RESPOND, context)
        assert refused["type"] == MESSAGE
        assert refused["value"] == procedure_text.NOT_YOUR_DISCUSSION
    opened = {"msteams": {"type": "task/fetch"}, "verb": Action.RESPOND, **context}
    refused = send(signed, fake_teams, keys, MANAGER, "fetch", opened)
    assert procedure_text.NOT_YOUR_DISCUSSION in str(refused)

    # The employee answers in the dialog: an empty account comes back at its field.
    form = dialog_card(send(signed, fake_teams, keys, EMPLOYEE, "fetch", opened))
    (submit,) = form["actions"]
    assert submit["data"]["form"] == FormId.EMPLOYEE_RESPOND
    again = dialog_card(
        send(signed, fake_teams, keys, EMPLOYEE, "submit", {**submit["data"], Field.ACCOUNT: ""})
    )
    assert by_id(again)[Field.ACCOUNT]["errorMessage"]
    answer = {**submit["data"], Field.ACCOUNT: "De loonstrook ging naar het oude adres."}
    closed = send(signed, fake_teams, keys, EMPLOYEE, "submit", answer)
    assert closed["task"]["type"] == "message" and reference in closed["task"]["value"]

    complaint = service.get(reference)
    assert complaint.employee_response == "De loonstrook ging naar het oude adres."
    assert complaint.events[-1].kind is EventKind.EMPLOYEE_RESPONDED
    assert complaint.state is State.DISCUSSION

    # The card in the chat is updated in place: the answer shown, no buttons left.
    assert deliver() == 1
    (request,) = personal_cards(fake_teams, EMPLOYEE)
    assert request.updates == 1
    updated = shown(request)
    assert "De loonstrook ging naar het oude adres." in all_text(updated)
    assert verbs(updated) == []
    assert deliver() == 0


def test_the_buttons_show_the_form_in_the_card_and_a_second_answer_is_refused(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    deliver,
) -> None:
    ask(signed, fake_teams, keys, registered(service, reference), EMPLOYEE)
    deliver()
    context = {"reference": reference, "employee": EMPLOYEE.aad_object_id}
    form = card(click(signed, fake_teams, keys, EMPLOYEE, Action.DECLINE, context))
    assert verbs(form) == [FormId.EMPLOYEE_DECLINE, "cancelRequest"]
    back = card(click(signed, fake_teams, keys, EMPLOYEE, "cancelRequest", context))
    assert verbs(back) == [Action.RESPOND, Action.PLAN, Action.DECLINE]

    answers = {**context, Field.REASON: "Ik werkte die week niet op deze vestiging."}
    after = card(click(signed, fake_teams, keys, EMPLOYEE, FormId.EMPLOYEE_DECLINE, answers))
    assert "Ik werkte die week niet op deze vestiging." in all_text(after)
    assert verbs(after) == []
    assert service.get(reference).events[-1].kind is EventKind.EMPLOYEE_DECLINED

    again = click(signed, fake_teams, keys, EMPLOYEE, Action.RESPOND, context)
    assert again["type"] == MESSAGE and again["value"]
    assert service.get(reference).events[-1].kind is EventKind.EMPLOYEE_DECLINED


def test_a_withdrawn_complaint_updates_the_card_and_a_reminder_follows_in_the_chat(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    deliver,
) -> None:
    from bot.procedure.discussion import DiscussionFact
    from bot.procedure.inputs import Rejection

    ask(signed, fake_teams, keys, registered(service, reference), EMPLOYEE)
    deliver()
    reminder = DiscussionFact(EventKind.DISCUSSION_REMINDER_SENT, EMPLOYEE.aad_object_id)
    service.change(reference, procedure.record_discussion_fact, SYSTEM_ACTOR, reminder)
    deliver()
    request, reminded = personal_cards(fake_teams, EMPLOYEE)
    assert reference in texts(shown(reminded))

    service.change(reference, procedure.reject, b.OFFICER, Rejection("Dubbel ingediend."))
    deliver()
    assert request.updates >= 1
    assert verbs(shown(request)) == []
    assert discussion_text.DM_CLOSED in all_text(shown(request))


def test_an_employee_teams_cannot_reach_is_reported_once(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    deliver,
) -> None:
    ask(signed, fake_teams, keys, registered(service, reference), OUTSIDER)
    deliver()
    deliver()
    events = [e.kind for e in service.get(reference).events]
    assert events.count(EventKind.EMPLOYEE_UNREACHABLE) == 1
    assert fake_teams.chats == {}
    assert not any(call.path.endswith("/activities") for call in fake_teams.calls)


def test_the_personal_jobs_run_in_the_clock(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    teams_settings: Settings,
) -> None:
    """Registered as the clock runs a surface's jobs: the request reaches the chat."""
    from bot.jobs.context import JobContext
    from bot.jobs.runner import run_jobs
    from bot.teams.personal_jobs import personal_jobs

    ask(signed, fake_teams, keys, registered(service, reference), EMPLOYEE)
    connector = BotConnector(teams_settings, None)
    try:
        ctx = JobContext(ComplaintService(service.db, teams_settings), None, "test")
        jobs = personal_jobs(lambda _ctx: connector)
        assert {job.surface for job in jobs} == {"teams"}
        assert run_jobs(ctx, jobs) == []
    finally:
        connector.close()
    (request,) = personal_cards(fake_teams, EMPLOYEE)
    assert verbs(shown(request)) == [Action.RESPOND, Action.PLAN, Action.DECLINE]


def test_on_the_day_of_the_talk_employee_and_officer_are_reminded_in_their_chats(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    deliver,
) -> None:
    from bot.procedure.discussion import DiscussionFact

    ask(signed, fake_teams, keys, registered(service, reference), EMPLOYEE)
    deliver()
    context = {"reference": reference, "employee": EMPLOYEE.aad_object_id}
    form = card(click(signed, fake_teams, keys, EMPLOYEE, Action.PLAN, context))
    day = by_id(form)[Field.MEETING_AT]["value"]
    planned = {**context, Field.MEETING_AT: day, f"{Field.MEETING_AT}__time": "10:00"}
    after = card(click(signed, fake_teams, keys, EMPLOYEE, FormId.EMPLOYEE_PLAN, planned))
    assert service.get(reference).events[-1].kind is EventKind.MEETING_PLANNED
    assert verbs(after) == [Action.RESPOND, Action.MOVE_MEETING, Action.DECLINE]

    today = DiscussionFact(EventKind.MEETING_REMINDER_SENT, EMPLOYEE.aad_object_id)
    service.change(reference, procedure.record_discussion_fact, SYSTEM_ACTOR, today)
    deliver()
    _request, reminded = personal_cards(fake_teams, EMPLOYEE)
    assert reference in all_text(shown(reminded))
    (officer,) = personal_cards(fake_teams, OFFICER)
    assert reference in all_text(shown(officer))
    deliver()
    assert len(personal_cards(fake_teams, OFFICER)) == 1


def test_the_card_says_the_term_passed_at_its_deadline(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    reference: str,
    service: ComplaintService,
    teams_settings: Settings,
    deliver,
) -> None:
    """At 16:59 on the day it is due the card still asks by 17:00; at 17:01 the clock marks it
    and the next run rebuilds it, once, to say the term has passed."""
    ask(signed, fake_teams, keys, registered(service, reference), EMPLOYEE)
    deliver()
    [card_sent] = personal_cards(fake_teams, EMPLOYEE)
    request = request_of(service.get(reference), EMPLOYEE.aad_object_id)
    assert request is not None
    due = answer_due(service, request)
    connector = BotConnector(teams_settings, None)
    try:
        for minutes, marked in ((-1, 0), (1, 1), (2, 0)):
            now = due + dt.timedelta(minutes=minutes)
            at_now = ComplaintService(service.db, teams_settings, lambda now=now: now)
            assert mark_passed_deadlines(at_now, now) == marked
            deliver_employee_messages(at_now, connector, now)
            late = "is verstreken" in all_text(shown(card_sent))
            assert (card_sent.updates, late) == ((0, False) if minutes < 0 else (1, True))
    finally:
        connector.close()
