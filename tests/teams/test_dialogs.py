"""A complaint's forms as dialogs in Teams, end to end: signed `task/fetch` and `task/submit`
invokes (shaped like the corpus's) to the real `teams` app. The dialog opens with the step's
form; invalid input comes back in the dialog with the error at its field and what was typed;
a valid submit closes it with a message and the complaint has moved on."""

from __future__ import annotations

from typing import Any

from bot.procedure import Category, RelationType, State
from bot.service import ComplaintService
from bot.texts import STATE_LABELS
from bot.views.ids import Action, Field, FormId
from tests.support.fake_teams import FakeTeams, Person
from tests.teams.adaptive import by_id, dialog_card, texts
from tests.teams.conftest import APP_ID, EMPLOYEE, OFFICER
from tests.teams.server import TeamsServer, recorded


def send(
    server: TeamsServer, fake: FakeTeams, keys: Any, person: Person, name: str, data: dict
) -> dict[str, Any]:
    """The corpus's task/fetch or task/submit with `data`, from `person`, signed; the answer."""
    activity = recorded(f"invoke_task_{name}_fixture_synthetic", fake.url, sender=person)
    activity["value"]["data"] = data
    activity["id"] = "f:0b9079f4-d4d3-3d8e-b883-798298053c7e"  # the fixture has none; Teams' do
    token = keys.token(APP_ID, fake.url)
    response = server.post(activity, Authorization=f"Bearer {token}")
    assert response.status_code == 200
    return response.json()


def opening(reference: str, verb: str = Action.REGISTER) -> dict[str, Any]:
    return {"msteams": {"type": "task/fetch"}, "verb": verb, "reference": reference}


def test_the_officer_registers_a_complaint_in_a_dialog(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    form = dialog_card(send(signed, fake_teams, keys, OFFICER, "fetch", opening(reference)))
    assert by_id(form)[Field.COMPLAINANT_NAME]["value"] == "Petra Pietersen"
    (submit,) = form["actions"]
    assert submit["type"] == "Action.Submit" and submit["data"]["form"] == FormId.REGISTER

    # Teams hands back the submit button's data with the inputs beside it.
    answers = {
        **submit["data"],
        Field.COMPLAINANT_NAME: "Petra Pietersen",
        Field.RELATION_TYPE: RelationType.FLEXWORKER.value,
        Field.CATEGORY: Category.PAYROLL.value,
        Field.ROUTE: "dienstverlening",
        Field.REMEDY: "herstel",
        Field.SEVERITY: "middel",
        Field.COMPLAINANT_PHONE: "bel maar",
    }
    again = dialog_card(send(signed, fake_teams, keys, OFFICER, "submit", answers))
    phone = by_id(again)[Field.COMPLAINANT_PHONE]
    assert phone["value"] == "bel maar" and phone["errorMessage"]
    assert by_id(again)[Field.CATEGORY]["value"] == Category.PAYROLL.value
    assert service.get(reference).state is State.RECEIVED

    answers[Field.COMPLAINANT_PHONE] = "06 12345678"
    closed = send(signed, fake_teams, keys, OFFICER, "submit", answers)
    assert closed["task"]["type"] == "message"
    assert reference in closed["task"]["value"]
    assert STATE_LABELS[State.REGISTERED].lower() in closed["task"]["value"]
    complaint = service.get(reference)
    assert complaint.state is State.REGISTERED
    assert complaint.complainant_phone == "+31612345678"


def test_a_reason_left_empty_comes_back_at_its_field(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    form = dialog_card(
        send(signed, fake_teams, keys, OFFICER, "fetch", opening(reference, Action.REJECT))
    )
    (submit,) = form["actions"]
    again = dialog_card(
        send(signed, fake_teams, keys, OFFICER, "submit", {**submit["data"], Field.REASON: ""})
    )
    assert by_id(again)[Field.REASON]["errorMessage"]
    assert service.get(reference).state is State.RECEIVED


def test_an_employee_may_not_open_or_submit_the_officers_dialog(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    refused = dialog_card(send(signed, fake_teams, keys, EMPLOYEE, "fetch", opening(reference)))
    assert "klachtenfunctionaris" in texts(refused)
    submitted = {"form": FormId.REGISTER, "context": {"reference": reference}}
    answer = send(signed, fake_teams, keys, EMPLOYEE, "submit", submitted)
    assert answer["task"]["type"] == "message"
    assert "klachtenfunctionaris" in answer["task"]["value"]
    assert service.get(reference).state is State.RECEIVED


def test_a_dialog_on_a_complaint_that_moved_on_says_so(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    rejected = {
        "form": FormId.REJECT,
        "context": {"reference": reference},
        Field.REASON: "Geen klacht maar een vraag.",
    }
    assert send(signed, fake_teams, keys, OFFICER, "submit", rejected)["task"]["type"] == "message"
    assert service.get(reference).state is State.REJECTED
    stale = dialog_card(send(signed, fake_teams, keys, OFFICER, "fetch", opening(reference)))
    assert not by_id(stale)  # a message, no form
    assert service.get(reference).state is State.REJECTED


def test_an_unknown_complaint_is_named_in_the_dialog(
    signed: TeamsServer, fake_teams: FakeTeams, keys
) -> None:
    answer = send(signed, fake_teams, keys, OFFICER, "fetch", opening("K-2026-9999"))
    assert "K-2026-9999" in texts(dialog_card(answer))


def test_two_bad_fields_come_back_together_under_a_button_naming_the_step(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    form = dialog_card(send(signed, fake_teams, keys, OFFICER, "fetch", opening(reference)))
    (submit,) = form["actions"]
    assert submit["title"] == "Registreren"
    answers = {
        **submit["data"],
        Field.COMPLAINANT_NAME: "Petra Pietersen",
        Field.RELATION_TYPE: RelationType.FLEXWORKER.value,
        Field.CATEGORY: Category.PAYROLL.value,
        Field.ROUTE: "dienstverlening",
        Field.REMEDY: "anders",  # needs a description, left empty
        Field.SEVERITY: "middel",
        Field.COMPLAINANT_PHONE: "bel maar",
    }
    again = by_id(dialog_card(send(signed, fake_teams, keys, OFFICER, "submit", answers)))
    # optional fields: an error message only when they are wrong
    assert again[Field.COMPLAINANT_PHONE]["errorMessage"]
    assert again[Field.REMEDY_TEXT]["errorMessage"]
    assert service.get(reference).state is State.RECEIVED
