"""Closing in Teams shows the decision letter before "Afsluiten", as in Slack: the closing form
(in the card, or in a dialog) answers with its second page, the letter composed for the chosen
outcome to read and edit; nothing is closed until that page is sent; the letter sent is the one
kept. A letter left empty where the route requires one comes back at its field."""

from __future__ import annotations

from typing import Any

from bot.procedure import State
from bot.procedure import steps as procedure
from bot.service import ComplaintService
from bot.views.ids import Action, Field, FormId
from tests.procedure import builders as b
from tests.support.fake_teams import FakeTeams
from tests.teams.adaptive import by_id, dialog_card
from tests.teams.conftest import OFFICER
from tests.teams.server import TeamsServer
from tests.teams.test_card_actions import card, click, verbs
from tests.teams.test_dialogs import send

EDITED = "Beste mevrouw Pietersen,\n\nWij hebben uw klacht onderzocht. Ons oordeel: gegrond."


def contacted(service: ComplaintService, reference: str) -> str:
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    service.change(reference, procedure.record_contact, b.OFFICER, b.contact(service.now()))
    return reference


def closing(reference: str) -> dict[str, Any]:
    return {
        "reference": reference,
        Field.RESOLUTION: "Loonstrook opnieuw verstuurd.",
        Field.ROOT_CAUSE_CATEGORY: "systeem",
        Field.ROOT_CAUSE: "Verkeerd adres in het systeem.",
        Field.CORRECTIVE_MEASURES: "Adres gecorrigeerd.",
        Field.CUSTOMER_SATISFIED: "ja",
        Field.NO_EMPLOYEE_REASON: "Geen medewerker betrokken.",
        Field.OUTCOME: "gegrond",
    }


def test_closing_from_the_card_shows_the_letter_then_closes_with_it(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    contacted(service, reference)
    first = card(click(signed, fake_teams, keys, OFFICER, Action.CLOSE, {"reference": reference}))
    assert Field.DECISION_LETTER not in by_id(first)

    page = card(click(signed, fake_teams, keys, OFFICER, FormId.CLOSE, closing(reference)))
    letter = by_id(page)[Field.DECISION_LETTER]
    assert "gegrond" in letter["value"]
    assert by_id(page)[Field.RESOLUTION]["value"] == "Loonstrook opnieuw verstuurd."
    assert service.get(reference).state is State.CONTACTED  # nothing closed yet
    submit = next(a for a in page["actions"] if a["verb"] == FormId.CLOSE)
    assert submit["data"]["letter_for"] == "gegrond"

    answers = {**closing(reference), **submit["data"], Field.DECISION_LETTER: EDITED}
    closed = card(click(signed, fake_teams, keys, OFFICER, FormId.CLOSE, answers))
    complaint = service.get(reference)
    assert complaint.state is State.CLOSED
    assert complaint.decision_letter == EDITED
    assert Action.CLOSE not in verbs(closed)


def test_closing_in_a_dialog_shows_the_letter_page_in_the_dialog(
    signed: TeamsServer, fake_teams: FakeTeams, keys, reference: str, service: ComplaintService
) -> None:
    contacted(service, reference)
    opening = {"msteams": {"type": "task/fetch"}, "verb": Action.CLOSE, "reference": reference}
    form = dialog_card(send(signed, fake_teams, keys, OFFICER, "fetch", opening))
    (submit,) = form["actions"]
    answers = {**closing(reference), **submit["data"]}
    answers.pop("reference")
    page = dialog_card(send(signed, fake_teams, keys, OFFICER, "submit", answers))
    letter = by_id(page)[Field.DECISION_LETTER]["value"]
    (submit,) = page["actions"]
    assert submit["data"]["context"]["letter_for"] == "gegrond"
    assert service.get(reference).state is State.CONTACTED

    final = {**answers, **submit["data"], Field.DECISION_LETTER: letter}
    done = send(signed, fake_teams, keys, OFFICER, "submit", final)
    assert done["task"]["type"] == "message"
    complaint = service.get(reference)
    assert complaint.state is State.CLOSED and complaint.decision_letter == letter.strip()
