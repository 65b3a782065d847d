"""The officer's workflow in-process: idempotency, inline errors, commands, shortcuts, events."""

from __future__ import annotations

import datetime as dt
import json

from slack_bolt import BoltRequest

from bot.procedure import Actor, Category, EventKind, RelationType, Role, Source, State, steps
from bot.procedure.inputs import DiscussionRequest, Registration
from bot.slack.ids import ShortcutId
from bot.slack.listeners import commands
from bot.slack.views import render
from bot.texts import moment_in_words
from bot.views.ids import Action as ActionId
from bot.views.thread import stale_button
from reports.generate import make_report
from reports.periods import quarter_of
from reports.store import ReportStore
from tests.slack.conftest import (
    SECRET,
    dispatch_command,
    dispatch_event,
    dispatch_interactive,
    response_json,
    submit_email,
)
from tests.slack.flows import click, message_shortcut, open_home, submit, unix, valid_values
from tests.slack.payloads import OFFICER, home_opened, slash_command, template
from tests.support.signing import JSON, event_body, signed_headers


def stale_button_message(complaint, step_name, now):
    return render.text(stale_button(complaint, step_name, now))


def test_double_click_makes_one_change_and_tells_who_did_it(service, bolt_app, fake_slack):
    complaint = submit_email(service)
    first = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, complaint.reference)
    second = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, complaint.reference)
    values = valid_values(ActionId.REGISTER, service.now())

    assert submit(bolt_app, OFFICER, first, values).body == ""
    response = submit(bolt_app, OFFICER, second, values)

    assert response.body == ""  # the second modal closes; the person is told why
    text = fake_slack.wait_for(lambda: fake_slack.calls_to("chat.postEphemeral"))[0].params["text"]
    registered = service.get(complaint.reference).last_event(EventKind.REGISTERED)
    assert text == f"Deze klacht is al geregistreerd door anna om {registered.at:%H:%M}."
    events = service.get(complaint.reference).events
    assert [e.kind for e in events].count(EventKind.REGISTERED) == 1


def test_a_button_the_complaint_moved_past_answers_who_and_when(service, bolt_app, fake_slack):
    complaint = submit_email(service)
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, complaint.reference)
    submit(bolt_app, OFFICER, view, valid_values(ActionId.REGISTER, service.now()))
    opened = len(fake_slack.calls_to("views.open"))

    answer = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, complaint.reference)

    at = service.get(complaint.reference).events[-1].at
    assert answer == (
        "Deze knop hoort niet meer bij de klacht (geregistreerd). "
        f"Al gedaan door anna om {at:%H:%M}."
    )
    assert len(fake_slack.calls_to("views.open")) == opened


def test_a_stale_button_names_who_took_its_step_and_on_which_day(service, bolt_app, fake_slack):
    """Contact recorded while the complaint is in discussion changes no state: the answer names
    the contact, not the last state change, and a step of another day says its day."""
    complaint = submit_email(service)
    ref = complaint.reference
    bert = Actor("UBERT", Role.OFFICER, "Bert")
    service.change(
        ref, steps.register, bert, Registration("Klant", RelationType.CLIENT, Category.PLANNING)
    )
    service.change(ref, steps.request_discussion, bert, DiscussionRequest(("UMEDEWERKER",)))
    stale = click(bolt_app, fake_slack, OFFICER, ActionId.CONTACT, ref)
    assert isinstance(stale, dict)  # the modal opened: contact is not recorded yet
    contact = valid_values(ActionId.CONTACT, service.now())
    assert submit(bolt_app, OFFICER, stale, contact).body == ""

    answer = click(bolt_app, fake_slack, OFFICER, ActionId.CONTACT, ref)
    at = service.get(ref).last_event(EventKind.CONTACT_RECORDED).at
    assert answer == (
        "Deze knop hoort niet meer bij de klacht (in bespreking). "
        f"Al gedaan door anna om {at:%H:%M}."
    )
    tomorrow = service.now() + dt.timedelta(days=1)
    later = stale_button_message(service.get(ref), "record_contact", tomorrow)
    assert later.endswith(f"Al gedaan door anna op {moment_in_words(at, tomorrow.date())}.")


def _errors(response) -> dict[str, str]:
    body = response_json(response)
    assert body.get("response_action") == "errors", body
    return body["errors"]


def test_modals_answer_bad_input_inline_and_change_nothing(service, bolt_app, fake_slack):
    complaint = submit_email(service)
    ref = complaint.reference
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, ref)
    good = valid_values(ActionId.REGISTER, service.now())

    assert _errors(submit(bolt_app, OFFICER, view, {**good, "complainant_phone": "06 123"})) == {
        "complainant_phone": "Dit is geen geldig telefoonnummer."
    }
    assert _errors(submit(bolt_app, OFFICER, view, {**good, "complainant_name": "   "})) == {
        "complainant_name": "Vul dit veld in."
    }
    assert service.get(ref).state is State.RECEIVED
    submit(bolt_app, OFFICER, view, good)

    view = click(bolt_app, fake_slack, OFFICER, ActionId.CONTACT, ref)
    tomorrow = unix(service.now() + dt.timedelta(days=1))
    future = {"contacted_at": tomorrow, "outcome": "resolved_on_contact"}
    assert _errors(submit(bolt_app, OFFICER, view, future)) == {
        "contacted_at": "Het tijdstip van contact ligt in de toekomst."
    }
    no_measures = {"contacted_at": unix(service.now()), "outcome": "measures_agreed"}
    assert _errors(submit(bolt_app, OFFICER, view, no_measures)) == {
        "agreed_measures": "Beschrijf de afgesproken maatregelen."
    }
    assert service.get(ref).contacted_at is None
    submit(bolt_app, OFFICER, view, valid_values(ActionId.CONTACT, service.now()))

    view = click(bolt_app, fake_slack, OFFICER, ActionId.CLOSE, ref)
    closing = {**valid_values(ActionId.CLOSE, service.now()), "no_employee_reason": None}
    errors = _errors(submit(bolt_app, OFFICER, view, closing))
    assert list(errors) == ["no_employee_reason"]
    assert service.get(ref).state is State.CONTACTED


def test_a_duplicate_names_a_complaint_that_exists(service, bolt_app, fake_slack):
    first = submit_email(service).reference
    second = submit_email(service, subject="Nogmaals mijn uren").reference
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REJECT, second)
    reason = {"reason": "Dezelfde klacht nog eens gestuurd."}

    assert _errors(submit(bolt_app, OFFICER, view, {**reason, "duplicate_of": "K-26-1"})) == {
        "duplicate_of": "Dit is geen kenmerk; gebruik de vorm K-2026-0001."
    }
    assert _errors(submit(bolt_app, OFFICER, view, {**reason, "duplicate_of": "K-2026-0999"})) == {
        "duplicate_of": "Er is geen klacht K-2026-0999; controleer het kenmerk."
    }
    assert service.get(second).state is State.RECEIVED
    typed = first.lower()
    assert submit(bolt_app, OFFICER, view, {**reason, "duplicate_of": typed}).body == ""
    rejected = service.get(second)
    assert (rejected.state, rejected.duplicate_of) == (State.REJECTED, first)


def test_slack_retry_of_an_event_changes_nothing(service, bolt_app, fake_slack):
    submit_email(service)
    body = event_body(home_opened("UOFFICER", "Ev0RETRY"))
    assert dispatch_event(bolt_app, json.loads(body)).status == 200
    fake_slack.wait_for(lambda: fake_slack.calls_to("views.publish"))

    headers = signed_headers(SECRET, body, JSON)
    headers.update({"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert bolt_app.dispatch(BoltRequest(body=body.decode(), headers=headers)).status == 200
    dispatch_event(bolt_app, home_opened("UOFFICER", "Ev0OTHER"))
    fake_slack.wait_for(lambda: len(fake_slack.calls_to("views.publish")) == 2)

    publishes = fake_slack.calls_to("views.publish")
    assert len(publishes) == 2  # the retry published nothing
    assert "K-" in json.dumps(publishes[0].params["view"])


def test_klacht_help_and_unknown_words(bolt_app):
    help_text = response_json(dispatch_command(bolt_app, slash_command(OFFICER, "help")))
    assert "/klacht help" in json.dumps(help_text)
    unknown = response_json(dispatch_command(bolt_app, slash_command(OFFICER, "onzin")))
    assert unknown["text"].startswith("Onbekende opdracht `onzin`")


def test_other_areas_add_subcommands_to_the_registry(bolt_app, monkeypatch):
    seen = []

    def report(call: commands.Invocation) -> None:
        seen.append(call.args)
        call.ack(text="rapport komt eraan")

    monkeypatch.setitem(commands.SUBCOMMANDS, "rapport", report)
    answer = response_json(dispatch_command(bolt_app, slash_command(OFFICER, "rapport 2026-Q3")))
    assert answer["text"] == "rapport komt eraan"
    assert seen == ["2026-Q3"]


def test_message_shortcut_turns_a_message_into_a_linked_complaint(service, bolt_app, fake_slack):
    channel = {"id": "C0ALGEMEEN", "name": "algemeen"}
    view = message_shortcut(bolt_app, fake_slack, channel, "Klant belde: factuur klopt niet")
    assert "factuur klopt niet" in json.dumps(view)

    values = {
        "subject": "Factuur",
        "body": "Klant belde: factuur klopt niet",
        "complainant_phone": "0201234567",
    }
    assert submit(bolt_app, OFFICER, view, values).body == ""

    [complaint] = service.list()
    assert complaint.source is Source.SLACK_MESSAGE
    assert complaint.complainant_phone == "+31201234567"
    assert complaint.source_link.startswith("https://klachten-test.slack.com/archives/C0ALGEMEEN/p")


def test_global_shortcut_records_a_phone_complaint(service, bolt_app, fake_slack):
    body = template("req_shortcut_global.json")
    body.update(callback_id=ShortcutId.NEW_COMPLAINT.value, user=dict(OFFICER))
    dispatch_interactive(bolt_app, body)
    view = fake_slack.wait_for(lambda: fake_slack.calls_to("views.open"))[0].params["view"]

    assert _errors(submit(bolt_app, OFFICER, view, {"subject": "Te laat", "body": " "})) == {
        "body": "Vul dit veld in."
    }
    typed = {"subject": "Te laat", "body": "Uitzendkracht kwam niet."}
    for wrong in ("jan at voorbeeld.nl", "jan@voorbeeld", "jan@@voorbeeld.nl", "jan @x.nl"):
        assert _errors(submit(bolt_app, OFFICER, view, {**typed, "complainant_email": wrong})) == {
            "complainant_email": "Dit is geen e-mailadres; bijvoorbeeld naam@voorbeeld.nl."
        }, wrong
    assert service.list() == []
    submit(bolt_app, OFFICER, view, {**typed, "complainant_email": " jan@voorbeeld.nl "})
    [complaint] = service.list()
    assert (complaint.source, complaint.state) == (Source.MANUAL, State.RECEIVED)
    assert complaint.complainant_email == "jan@voorbeeld.nl"


def _published_home(bolt_app, fake_slack, user_id: str) -> str:
    return json.dumps(open_home(bolt_app, fake_slack, user_id), ensure_ascii=False)


def test_each_role_sees_only_its_own_home(service, bolt_app, fake_slack):
    asked = submit_email(service).reference
    other = submit_email(service).reference
    officer = Actor("UOFFICER", Role.OFFICER, "anna")
    for reference, employee in ((asked, "UMEDEWERKER"), (other, "UANDER")):
        registration = Registration("Klant", RelationType.CLIENT, Category.PLANNING)
        service.change(reference, steps.register, officer, registration)
        service.change(reference, steps.request_discussion, officer, DiscussionRequest((employee,)))

    officer_home = _published_home(bolt_app, fake_slack, "UOFFICER")
    assert asked in officer_home and other in officer_home

    employee_home = _published_home(bolt_app, fake_slack, "UMEDEWERKER")
    assert asked in employee_home and other not in employee_home

    management_home = _published_home(bolt_app, fake_slack, "UDIRECTIE")
    assert "nog geen kwartaalrapportage" in management_home
    assert asked not in management_home

    # Once a quarterly report has gone to management, their Home shows its key figures.
    report = make_report(
        service.db,
        service.settings,
        quarter_of(service.now(), service.settings.tz),
        service.now(),
        "t",
    )
    with service.db.session() as session:
        ReportStore(session, service.settings.tz).mark_posted(report.id, service.now())
    management_home = _published_home(bolt_app, fake_slack, "UDIRECTIE")
    assert "nog geen kwartaalrapportage" not in management_home
    assert "*Ontvangen*\\n2" in management_home


def test_hele_tekst_opens_the_whole_complaint_for_the_officer_only(service, bolt_app, fake_slack):
    """The card shows three lines without greeting or signature; "Hele tekst" beside them opens
    all of it in a modal to read. Nobody but the officer reads the text."""
    body = "Beste Olga,\n\nRegel een.\nRegel twee.\nRegel drie.\nRegel vier.\n\nGroet,\nJan"
    complaint = submit_email(service, body)
    view = click(bolt_app, fake_slack, OFFICER, ActionId.FULL_TEXT, complaint.reference)
    assert view["type"] == "modal" and "submit" not in view
    assert view["title"]["text"] == f"Klacht {complaint.reference}"
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert all(part in shown for part in ("Beste Olga,", "Regel vier.", "Groet,"))

    someone = {**OFFICER, "id": "UNOBODY", "username": "niemand", "name": "niemand"}
    answer = click(bolt_app, fake_slack, someone, ActionId.FULL_TEXT, complaint.reference)
    assert answer == "Alleen de klachtenfunctionaris leest de hele tekst van een klacht."
