"""The buttons of a complaint's card in Teams end to end: a signed `adaptiveCard/action` invoke
(shaped like the recorded one) to the real `teams` app, answered at once with the card that takes
the clicked one's place: the step's form, the form again with the error at its field, the
complaint's updated card; refusals as a message."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.procedure import SYSTEM_ACTOR, Category, RelationType, Source, State
from bot.procedure.inputs import Intake
from bot.service import ComplaintService
from bot.texts.slack import CARD_STATES
from bot.views.ids import Action, Field, FormId
from tests.support.fake_teams import FakeTeams, Person
from tests.teams.adaptive import by_id, problems
from tests.teams.conftest import APP_ID, EMPLOYEE, OFFICER, received
from tests.teams.server import TeamsServer, recorded

CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"


def click(
    server: TeamsServer, fake: FakeTeams, keys: Any, person: Person, verb: str, data: dict
) -> dict[str, Any]:
    """An Action.Execute click as Teams sends it, signed; the invoke's answer."""
    activity = recorded("invoke_adaptiveCard_action_personal_recorded", fake.url, sender=person)
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": verb, "data": data},
        "trigger": "manual",
    }
    token = keys.token(APP_ID, fake.url)
    response = server.post(activity, Authorization=f"Bearer {token}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    return response.json()


def card(answer: dict[str, Any]) -> dict[str, Any]:
    assert (answer["statusCode"], answer["type"]) == (200, CARD), answer
    assert problems(answer["value"]) == []
    return answer["value"]


def verbs(shown: dict[str, Any]) -> list[str]:
    inline = [a["verb"] for p in shown["body"] if p["type"] == "ActionSet" for a in p["actions"]]
    return inline + [a["verb"] for a in shown.get("actions", [])]


def test_a_second_click_shows_the_same_form_with_every_letter_intact(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    # The second click is answered from the kept form, its JSON text written as it is.
    reference = received(service, "Renée Çelik", "renee@example.nl")
    answers = [
        click(signed, fake_teams, keys, OFFICER, Action.REGISTER, {"reference": reference})
        for _ in range(2)
    ]
    assert answers[0] == answers[1]
    assert by_id(card(answers[1]))[Field.COMPLAINANT_NAME]["value"] == "Renée Çelik"


def test_the_officer_registers_a_complaint_from_its_card(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    form = card(click(signed, fake_teams, keys, OFFICER, Action.REGISTER, {"reference": reference}))
    inputs = by_id(form)
    assert inputs[Field.COMPLAINANT_NAME]["value"] == "Petra Pietersen"
    assert {Field.RELATION_TYPE, Field.CATEGORY, Field.COMPLAINANT_PHONE} <= inputs.keys()
    assert verbs(form) == [FormId.REGISTER, "cancel"]

    # A phone number that is none: the form again, the error at its field, what was typed kept.
    answers = {
        "reference": reference,
        Field.COMPLAINANT_NAME: "Petra Pietersen",
        Field.RELATION_TYPE: RelationType.FLEXWORKER.value,
        Field.CATEGORY: Category.PAYROLL.value,
        Field.COMPLAINANT_PHONE: "bel maar",
        Field.ROUTE: "dienstverlening",
        Field.REMEDY: "herstel",
        Field.SEVERITY: "middel",
    }
    again = card(click(signed, fake_teams, keys, OFFICER, FormId.REGISTER, answers))
    phone = by_id(again)[Field.COMPLAINANT_PHONE]
    assert phone["value"] == "bel maar" and phone["errorMessage"]
    following = again["body"][again["body"].index(phone) + 1]
    assert following["color"] == "Attention" and following["text"] == phone["errorMessage"]
    assert service.get(reference).state is State.RECEIVED

    answers[Field.COMPLAINANT_PHONE] = "06 12345678"
    updated = card(click(signed, fake_teams, keys, OFFICER, FormId.REGISTER, answers))
    assert service.get(reference).state is State.REGISTERED
    assert CARD_STATES["no_contact"] in updated["body"][0]["text"]  # what comes next: contact
    assert verbs(updated)[:2] == [Action.CONTACT, Action.DISCUSS]


def test_cancel_brings_the_card_back_unchanged(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    shown = card(click(signed, fake_teams, keys, OFFICER, "cancel", {"reference": reference}))
    assert verbs(shown) == [Action.REGISTER, Action.NOTE, Action.REJECT]
    assert service.get(reference).state is State.RECEIVED


def test_an_employee_may_not_take_the_officers_step(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    answer = click(signed, fake_teams, keys, EMPLOYEE, Action.REGISTER, {"reference": reference})
    assert answer["type"] == MESSAGE and "klachtenfunctionaris" in answer["value"]
    submitted = {"reference": reference, Field.COMPLAINANT_NAME: "X"}
    answer = click(signed, fake_teams, keys, EMPLOYEE, FormId.REGISTER, submitted)
    assert answer["type"] == MESSAGE
    assert service.get(reference).state is State.RECEIVED


def test_a_button_the_complaint_has_moved_past_says_so(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str
) -> None:
    rejected = {"reference": reference, Field.REASON: "Geen klacht maar een vraag."}
    card(click(signed, fake_teams, keys, OFFICER, FormId.REJECT, rejected))
    answer = click(signed, fake_teams, keys, OFFICER, Action.REGISTER, {"reference": reference})
    assert answer["type"] == MESSAGE and answer["value"]


def test_each_click_shows_the_form_as_the_complaint_is_now(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    """Forms already rendered are kept, but what changed since is shown: an earlier complaint
    of the same complainant that turns up is in the next form, and once the complaint has moved
    past the step the same button is refused."""

    def register_form() -> dict[str, Any]:
        opened = {"reference": reference}
        return card(click(signed, fake_teams, keys, OFFICER, Action.REGISTER, opened))

    first = register_form()
    assert register_form() == first
    earlier = Intake(
        source=Source.EMAIL,
        received_at=service.now() - dt.timedelta(days=30),
        subject="Loonstrook",
        body="Weer te laat.",
        complainant_name="Petra Pietersen",
        complainant_email="petra@example.nl",
    )
    found = service.submit(earlier, SYSTEM_ACTOR).reference or ""
    assert found not in json.dumps(first) and found in json.dumps(register_form())

    rejected = {"reference": reference, Field.REASON: "Geen klacht maar een vraag."}
    card(click(signed, fake_teams, keys, OFFICER, FormId.REJECT, rejected))
    answer = click(signed, fake_teams, keys, OFFICER, Action.REGISTER, {"reference": reference})
    assert answer["type"] == MESSAGE and answer["value"]


def test_an_unknown_complaint_is_named(signed: TeamsServer, fake_teams: FakeTeams, keys) -> None:
    answer = click(signed, fake_teams, keys, OFFICER, Action.REGISTER, {"reference": "K-2026-9999"})
    assert answer["type"] == MESSAGE and "K-2026-9999" in answer["value"]
