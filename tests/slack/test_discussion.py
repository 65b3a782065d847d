"""The discussion with employees through Slack: signed requests to the app, direct messages
and thread posts checked at the local fake Slack Web API."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from bot.procedure import Actor, EventKind, Role, State
from bot.procedure import steps as procedure
from bot.procedure.inputs import Contact, Registration, Rejection, Reopening
from bot.procedure.model import Category, ContactOutcome, RelationType
from bot.texts import discussion as discussion_text
from bot.views.ids import Action as ActionId
from tests.slack.conftest import CHANNEL, dispatch_event, dispatch_interactive, submit_email
from tests.slack.flows import click, submit, submit_closing, unix, valid_values
from tests.slack.payloads import OFFICER, block_action, home_opened
from tests.support.fake_slack import Failure, FakeSlack, Message

ANNA = Actor("UOFFICER", Role.OFFICER, "anna")
BRAM = {"id": "UBRAM", "username": "bram", "name": "bram", "team_id": "T111"}
CARLO = {"id": "UCARLO", "username": "carlo", "name": "carlo", "team_id": "T111"}
DIRK = {"id": "UDIRK", "username": "dirk", "name": "dirk", "team_id": "T111"}
EVA = {"id": "UEVA", "username": "eva", "name": "eva", "team_id": "T111"}
PHONE_IN_TEXT = "Bel me op 06-98765432 of mail piet@klant.nl."


@pytest.fixture
def registered(service, deliverer) -> str:
    """A registered and contacted complaint whose text and fields hold contact details."""
    complaint = submit_email(
        service,
        body=f"De planner kwam zijn afspraak niet na.\n{PHONE_IN_TEXT}",
        complainant_phone="+31612345678",
        complainant_email="jan@example.nl",
    )
    ref = complaint.reference
    registration = Registration("Jan de Vries", RelationType.FLEXWORKER, Category.PLANNING)
    service.change(ref, procedure.register, ANNA, registration)
    contact = Contact(service.now(), ContactOutcome.RESOLVED_ON_CONTACT)
    service.change(ref, procedure.record_contact, ANNA, contact)
    deliverer.deliver_pending()
    return ref


def ask(app, fake, service, deliverer, ref: str, users: list[str], share: str = "nee") -> None:
    view = click(app, fake, OFFICER, ActionId.DISCUSS, ref)
    values = {**valid_values(ActionId.DISCUSS, service.now()), "employee_ids": users}
    assert submit(app, OFFICER, view, {**values, "share_contact": share}).body == ""
    deliverer.deliver_pending()


def dm(fake: FakeSlack, user: dict[str, str]) -> Message:
    [message] = [m for m in fake.direct_messages(user["id"]) if m.blocks]
    return message


def buttons(message: Message) -> dict[str, dict[str, Any]]:
    return {
        element["action_id"]: element
        for block in message.blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


def press(app, fake, user, button: dict[str, Any], channel: str) -> dict[str, Any] | str:
    """Press a button in a direct message (or on the Home tab: channel ""); wait for the modal
    it opens or the ephemeral refusal."""
    before = len(fake.calls)
    body = block_action(user, button["action_id"], button["value"], channel)
    if not channel:
        body.pop("channel")
    assert dispatch_interactive(app, body).status == 200
    call = fake.wait_for(
        lambda: next(
            (
                c
                for c in fake.calls[before:]
                if c.method in ("views.open", "chat.postEphemeral")
                or (c.method == "chat.postMessage" and c.params.get("channel") == user["id"])
            ),
            None,
        )
    )
    return call.params["view"] if call.method == "views.open" else call.params["text"]


def thread_text(fake: FakeSlack) -> str:
    [root] = fake.roots(CHANNEL)
    return json.dumps([m.blocks for m in fake.thread(CHANNEL, root.ts)], ensure_ascii=False)


def test_a_whole_discussion_with_three_employees(
    service, bolt_app, fake_slack, deliverer, registered
):
    ref = registered
    ask(bolt_app, fake_slack, service, deliverer, ref, [BRAM["id"], CARLO["id"]])

    # Each asked employee has one direct message explaining itself, with three buttons.
    opens = [c.params["users"] for c in fake_slack.calls_to("conversations.open")]
    assert opens == ["UBRAM", "UCARLO"]
    bram_dm = dm(fake_slack, BRAM)
    shown = json.dumps(bram_dm.blocks, ensure_ascii=False)
    assert f"Je reactie gevraagd op klacht {ref}" in shown
    assert "<@UOFFICER> (klachtenfunctionaris)" in shown
    assert "Wil je vertellen hoe dit ging?" in shown  # the officer's message
    assert "De planner kwam zijn afspraak niet na." in shown
    assert set(buttons(bram_dm)) == {"employee_respond", "employee_plan", "employee_decline"}
    # The thread shows who was asked, when, and that no contact details went along.
    thread = thread_text(fake_slack)
    assert "Bespreking met medewerker gevraagd" in thread
    assert "<@UBRAM>, <@UCARLO>" in thread
    assert "geen contactgegevens" in thread

    # Bram gives his side through the modal.
    view = press(bolt_app, fake_slack, BRAM, buttons(bram_dm)["employee_respond"], "DUBRAM")
    answer = {"account": "Ik stond in de file.", "cause": "Te krap gepland.", "proposal": None}
    assert submit(bolt_app, BRAM, view, answer).body == ""
    deliverer.deliver_pending()
    bram_dm = dm(fake_slack, BRAM)
    assert bram_dm.updates == 1  # updated in place, not a new message
    shown = json.dumps(bram_dm.blocks, ensure_ascii=False)
    assert "Je reactie is verstuurd op" in shown and "Ik stond in de file." in shown
    assert buttons(bram_dm) == {}
    assert "Ik stond in de file." in thread_text(fake_slack)
    assert "Alle gevraagde medewerkers" not in thread_text(fake_slack)  # Carlo is silent

    # Carlo says it is not his; the officer is told at once and offered to ask someone else.
    carlo_dm = dm(fake_slack, CARLO)
    view = press(bolt_app, fake_slack, CARLO, buttons(carlo_dm)["employee_decline"], "DUCARLO")
    assert submit(bolt_app, CARLO, view, {"reason": "Dat was de vestiging Utrecht."}).body == ""
    deliverer.deliver_pending()
    [root] = fake_slack.roots(CHANNEL)
    declined = fake_slack.thread(CHANNEL, root.ts)[-1]
    said = declined.text.split("<@UOFFICER> ", 1)[1]  # the officer is mentioned, once
    assert "geeft aan dat de klacht niet bij hem of haar ligt" in said and "<@" not in said
    assert "Dat was de vestiging Utrecht." in json.dumps(declined.blocks, ensure_ascii=False)
    assert buttons(declined)["complaint_discuss"]["text"]["text"] == "Iemand anders vragen"
    assert "Je hebt op" in json.dumps(dm(fake_slack, CARLO).blocks, ensure_ascii=False)

    # The officer asks Dirk from that button; Dirk finds the request on his Home tab too.
    ask(bolt_app, fake_slack, service, deliverer, ref, [DIRK["id"]])
    dispatch_event(bolt_app, home_opened("UDIRK", "Ev0DIRK"))
    home = fake_slack.wait_for(lambda: fake_slack.calls_to("views.publish"))[-1].params["view"]
    home_buttons = {
        e["action_id"]: e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
    }
    assert set(home_buttons) == {"employee_respond", "employee_plan", "employee_decline"}
    view = press(bolt_app, fake_slack, DIRK, home_buttons["employee_respond"], "")
    assert submit(bolt_app, DIRK, view, {"account": "Ik heb de planning gemaakt."}).body == ""
    deliverer.deliver_pending()
    last = fake_slack.thread(CHANNEL, root.ts)[-1]
    # Bram and Dirk answered, Carlo declined: not everyone gave an answer.
    assert "Alle gevraagde medewerkers" not in last.text

    # The officer records the talk, then closes without the "no employee" reason.
    view = click(bolt_app, fake_slack, OFFICER, ActionId.DISCUSSED, ref)
    assert (
        submit(bolt_app, OFFICER, view, valid_values(ActionId.DISCUSSED, service.now())).body == ""
    )
    view = click(bolt_app, fake_slack, OFFICER, ActionId.CLOSE, ref)
    assert "no_employee_reason" not in [b.get("block_id") for b in view["blocks"]]
    closing = {**valid_values(ActionId.CLOSE, service.now()), "no_employee_reason": None}
    assert submit_closing(bolt_app, OFFICER, view, closing).body == ""
    complaint = service.get(ref)
    assert complaint.state is State.CLOSED
    assert complaint.discussed_at is not None and complaint.no_employee_reason is None
    kinds = [e.kind for e in complaint.events]
    assert kinds.count(EventKind.DISCUSSION_REQUESTED) == 2
    assert kinds.count(EventKind.EMPLOYEE_RESPONDED) == 2
    assert kinds.count(EventKind.EMPLOYEE_DECLINED) == 1
    # Nobody was ever shown the complainant's phone number or e-mail address.
    for user in (BRAM, CARLO, DIRK):
        shown = json.dumps(dm(fake_slack, user).blocks)
        assert "612345678" not in shown and "jan@example.nl" not in shown
        assert "98765432" not in shown and "piet@klant.nl" not in shown


def test_someone_else_pressing_an_employees_buttons_is_refused(
    service, bolt_app, fake_slack, deliverer, registered
):
    ask(bolt_app, fake_slack, service, deliverer, registered, [BRAM["id"]])
    version = service.get(registered).version
    for button in buttons(dm(fake_slack, BRAM)).values():
        answer = press(bolt_app, fake_slack, EVA, button, "DUBRAM")
        assert answer == (
            "Deze vraag is aan een andere medewerker gesteld; alleen die kan hier reageren. "
            "Er is niets gewijzigd."
        )
    assert fake_slack.calls_to("views.open")[-1].params["view"]["callback_id"] == "discuss_modal"

    # Nor can a modal opened by Bram be submitted by someone else.
    view = press(
        bolt_app, fake_slack, BRAM, buttons(dm(fake_slack, BRAM))["employee_respond"], "DUBRAM"
    )
    assert submit(bolt_app, EVA, view, {"account": "Namens Bram."}).body == ""
    assert service.get(registered).version == version
    # The officer cannot answer for the employee either.
    assert submit(bolt_app, OFFICER, view, {"account": "Namens Bram."}).body == ""
    assert service.get(registered).version == version


def test_a_deactivated_employee_is_reported_to_the_officer(
    service, bolt_app, fake_slack, deliverer, registered
):
    fake_slack.deactivated.add("UWEG")
    ask(bolt_app, fake_slack, service, deliverer, registered, ["UWEG", BRAM["id"]])
    deliverer.deliver_pending()  # the round that posts what the first one recorded

    assert fake_slack.direct_messages("UWEG") == []
    assert len(fake_slack.direct_messages("UBRAM")) == 1
    complaint = service.get(registered)
    [unreachable] = [e for e in complaint.events if e.kind is EventKind.EMPLOYEE_UNREACHABLE]
    assert unreachable.data["employee_id"] == "UWEG"
    [root] = fake_slack.roots(CHANNEL)
    told = fake_slack.thread(CHANNEL, root.ts)[-1]
    assert "<@UOFFICER> <@UWEG> is niet bereikbaar in de chat" in told.text
    assert "complaint_discuss" in buttons(told)
    # Delivering again changes nothing: no second attempt, no second post.
    posts = len(fake_slack.thread(CHANNEL, root.ts))
    deliverer.deliver_pending()
    assert len(fake_slack.thread(CHANNEL, root.ts)) == posts
    assert len(fake_slack.calls_to("conversations.open")) == 2


@pytest.mark.parametrize("error", ["invalid_user_combination", "cannot_dm_bot"])
def test_someone_slack_will_not_let_the_bot_write_to_is_reported_too(
    service, bolt_app, fake_slack, deliverer, registered, error
):
    """A guest from another organisation or a bot picked by mistake: the officer is told and
    the complaint's messages go on, instead of the delivery retrying for ever."""
    fake_slack.fail("conversations.open", Failure(error=error))
    ask(bolt_app, fake_slack, service, deliverer, registered, ["UEXTERN", BRAM["id"]])
    deliverer.deliver_pending()

    assert len(fake_slack.direct_messages("UBRAM")) == 1
    complaint = service.get(registered)
    [unreachable] = [e for e in complaint.events if e.kind is EventKind.EMPLOYEE_UNREACHABLE]
    assert unreachable.data["employee_id"] == "UEXTERN"
    [root] = fake_slack.roots(CHANNEL)
    told = fake_slack.thread(CHANNEL, root.ts)[-1].text
    assert "<@UEXTERN> is niet bereikbaar in de chat" in told


def test_contact_details_only_when_the_officer_shares_them(
    service, bolt_app, fake_slack, deliverer, registered
):
    ask(bolt_app, fake_slack, service, deliverer, registered, [BRAM["id"]], share="ja")
    shown = json.dumps(dm(fake_slack, BRAM).blocks)
    assert "tel:+31612345678" in shown and "jan@example.nl" in shown
    # The complaint's own text stays masked: only the recorded details were shared.
    assert "98765432" not in shown
    event = service.get(registered).last_event(EventKind.DISCUSSION_REQUESTED)
    assert event.data["employee_ids"] == ["UBRAM"]
    assert event.data["shared"] == ["complainant_phone", "complainant_email"]
    assert "telefoonnummer, e-mailadres" in thread_text(fake_slack)


def test_an_employee_plans_a_talk_and_the_officer_sees_it(
    service, bolt_app, fake_slack, deliverer, registered
):
    ask(bolt_app, fake_slack, service, deliverer, registered, [BRAM["id"]])
    view = press(
        bolt_app, fake_slack, BRAM, buttons(dm(fake_slack, BRAM))["employee_plan"], "DUBRAM"
    )
    past = {"meeting_at": unix(service.now() - dt.timedelta(hours=1))}
    response = submit(bolt_app, BRAM, view, past)
    assert json.loads(response.body)["errors"] == {"meeting_at": "Kies een moment in de toekomst."}

    meeting = (service.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
    assert submit(bolt_app, BRAM, view, {"meeting_at": unix(meeting)}).body == ""
    deliverer.deliver_pending()
    [root] = fake_slack.roots(CHANNEL)
    planned = fake_slack.thread(CHANNEL, root.ts)[-1]
    said = planned.text.split("<@UOFFICER> ", 1)[1]  # the officer is mentioned, once
    assert "heeft een gesprek gepland op" in said and "<@" not in said
    message = dm(fake_slack, BRAM)
    assert "Gesprek gepland op" in json.dumps(message.blocks, ensure_ascii=False)
    # Planning is a reaction: the written side can still follow, planning again cannot; the
    # talk can be moved.
    assert set(buttons(message)) == {
        "employee_respond",
        "employee_move_meeting",
        "employee_decline",
    }

    # "Gesprek verzetten": the modal starts at the planned moment; the new one is recorded and
    # the officer told in the thread.
    view = press(bolt_app, fake_slack, BRAM, buttons(message)["employee_move_meeting"], "DUBRAM")
    later = meeting + dt.timedelta(days=1)
    assert submit(bolt_app, BRAM, view, {"meeting_at": unix(later)}).body == ""
    deliverer.deliver_pending()
    moved = fake_slack.thread(CHANNEL, root.ts)[-1]
    assert "heeft het gesprek verzet naar" in moved.text
    assert service.get(registered).last_event(EventKind.MEETING_MOVED) is not None


def test_the_employees_message_follows_a_rejection_and_a_reopen(
    service, bolt_app, fake_slack, deliverer, registered
):
    """Withdrawn (marked no complaint): the request's buttons go; reopened: they are back, in
    the same message."""
    ask(bolt_app, fake_slack, service, deliverer, registered, [BRAM["id"]])
    service.change(registered, procedure.reject, ANNA, Rejection("Dubbel ingediend."))
    deliverer.deliver_pending()
    message = dm(fake_slack, BRAM)
    assert message.updates == 1
    assert discussion_text.DM_CLOSED in json.dumps(message.blocks, ensure_ascii=False)
    assert buttons(message) == {}

    service.change(registered, procedure.reopen, ANNA, Reopening("Toch een klacht."))
    deliverer.deliver_pending()
    message = dm(fake_slack, BRAM)
    assert message.updates == 2
    assert discussion_text.DM_CLOSED not in json.dumps(message.blocks, ensure_ascii=False)
    assert set(buttons(message)) == {"employee_respond", "employee_plan", "employee_decline"}


def test_the_officer_moves_a_planned_talk_from_the_card(
    service, bolt_app, fake_slack, deliverer, registered
):
    ask(bolt_app, fake_slack, service, deliverer, registered, [BRAM["id"]])
    view = press(
        bolt_app, fake_slack, BRAM, buttons(dm(fake_slack, BRAM))["employee_plan"], "DUBRAM"
    )
    meeting = (service.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
    assert submit(bolt_app, BRAM, view, {"meeting_at": unix(meeting)}).body == ""
    deliverer.deliver_pending()
    [root] = fake_slack.roots(CHANNEL)
    assert ActionId.MOVE_TALK.value in json.dumps(root.blocks)

    # The card's button is the officer's: Bram cannot move his talk from it.
    refused = click(bolt_app, fake_slack, BRAM, ActionId.MOVE_TALK, registered)
    assert isinstance(refused, str) and "klachtenfunctionaris" in refused

    view = click(bolt_app, fake_slack, OFFICER, ActionId.MOVE_TALK, registered)
    assert isinstance(view, dict)
    [whose] = [b["element"] for b in view["blocks"] if b.get("block_id") == "employee_id"]
    assert whose["initial_option"]["value"] == "UBRAM"
    later = meeting + dt.timedelta(days=1)
    answer = {"employee_id": "UBRAM", "meeting_at": unix(later)}
    assert submit(bolt_app, OFFICER, view, answer).body == ""
    deliverer.deliver_pending()

    moved = service.get(registered).last_event(EventKind.MEETING_MOVED)
    assert moved is not None and moved.actor_id == "UOFFICER"
    assert "heeft het gesprek verzet naar" not in thread_text(fake_slack)  # no self-ping
    message = dm(fake_slack, BRAM)  # Bram's request shows the new moment, in place
    shown = json.dumps(message.blocks, ensure_ascii=False)
    assert str(later.day) in shown and "employee_move_meeting" in json.dumps(message.blocks)
    assert service.get(registered).events[-1].kind is EventKind.MEETING_MOVED
