"""The one-click buttons in Teams, end to end through signed `adaptiveCard/action` invokes: the
officer's click takes the step through the same service call as Slack's button and is answered
with the updated card; anyone else is refused and nothing changes; a second click says it was
done. And every button a Teams card can draw is answered by a Teams handler."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bot.procedure import Acceptance, EventKind, LetterChannel
from bot.service import ComplaintService
from bot.teams.handlers import discussion, report_text
from bot.teams.handlers.cards import HANDLED
from bot.texts import complainant as complainant_text
from bot.texts import find as find_text
from bot.views.ids import Action
from storage.models import ComplaintRow, LetterRow
from tests.procedure import builders as b
from tests.slack.test_ignored import NOTIFY, ignore
from tests.slack.test_letters_by_post import letters_job
from tests.storage.test_complainant_store import closed_with_decision
from tests.support.fake_teams import FakeTeams
from tests.teams.conftest import EMPLOYEE, MANAGER, OFFICER
from tests.teams.server import TeamsServer
from tests.teams.test_card_actions import MESSAGE, card, click
from tests.teams.test_cards import cards_in, rendered
from tests.views.scenes import SCENES


def texts(shown: dict[str, Any]) -> str:
    return " ".join(part.get("text", "") for part in shown["body"])


def letter_to_post(service: ComplaintService) -> tuple[str, int]:
    """A complaint without e-mail address closed with a decision, its letter shown to post."""
    reference = closed_with_decision(service, b.intake(complainant_email=None))
    letters_job(service)
    with service.db.reading() as session:
        (letter_id,) = session.scalars(
            select(LetterRow.id).where(LetterRow.channel == LetterChannel.POST)
        ).all()
    return reference, letter_id


def sent_events(service: ComplaintService, reference: str) -> int:
    events = service.get(reference).events
    return len([event for event in events if event.kind is EventKind.LETTER_SENT])


def test_the_officer_records_a_letter_as_posted_once(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    reference, letter_id = letter_to_post(service)
    data = {"reference": reference, "letter_id": letter_id}

    refused = click(signed, fake_teams, keys, EMPLOYEE, Action.LETTER_POSTED, data)
    assert refused["type"] == MESSAGE
    assert refused["value"] == complainant_text.LETTER_POSTED_NOT_ALLOWED
    assert service.get(reference).decision_sent_at is None

    updated = card(click(signed, fake_teams, keys, OFFICER, Action.LETTER_POSTED, data))
    assert reference in texts(updated)
    complaint = service.get(reference)
    assert complaint.decision_sent_at is not None and complaint.acceptance_due is not None
    assert sent_events(service, reference) == 1

    again = click(signed, fake_teams, keys, OFFICER, Action.LETTER_POSTED, data)
    assert again["type"] == MESSAGE
    assert again["value"] == complainant_text.LETTER_POSTED_ALREADY.format(reference=reference)
    assert sent_events(service, reference) == 1


def test_the_officer_records_the_complainants_answer_once(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    reference = closed_with_decision(service)
    data = {"reference": reference}

    for person in (EMPLOYEE, MANAGER):
        refused = click(signed, fake_teams, keys, person, Action.DISAGREED, data)
        assert refused["type"] == MESSAGE and "klachtenfunctionaris" in refused["value"]
    assert service.get(reference).acceptance is None

    updated = card(click(signed, fake_teams, keys, OFFICER, Action.DISAGREED, data))
    assert reference in texts(updated)
    assert service.get(reference).acceptance is Acceptance.DISAGREED

    # The other button after the answer: refused, naming who recorded it; the answer stays.
    again = click(signed, fake_teams, keys, OFFICER, Action.AGREED, data)
    assert again["type"] == MESSAGE and again["value"].startswith("Al gedaan door")
    assert service.get(reference).acceptance is Acceptance.DISAGREED


def test_the_officer_agrees_for_the_complainant(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    reference = closed_with_decision(service)
    card(click(signed, fake_teams, keys, OFFICER, Action.AGREED, {"reference": reference}))
    assert service.get(reference).acceptance is Acceptance.AGREED


def complaints(service: ComplaintService) -> int:
    with service.db.reading() as session:
        return len(session.scalars(select(ComplaintRow.id)).all())


def test_the_officer_makes_a_complaint_of_ignored_mail_once(
    signed: TeamsServer, fake_teams: FakeTeams, keys, service: ComplaintService
) -> None:
    inbound_id = ignore(service, NOTIFY, service.now() - dt.timedelta(hours=2))
    data = {"inbound_id": inbound_id}

    refused = click(signed, fake_teams, keys, EMPLOYEE, Action.ADMIT_IGNORED, data)
    assert refused["type"] == MESSAGE and refused["value"] == find_text.IGNORED_NOT_ALLOWED
    assert complaints(service) == 0

    admitted = card(click(signed, fake_teams, keys, OFFICER, Action.ADMIT_IGNORED, data))
    assert complaints(service) == 1
    with service.db.reading() as session:
        reference = session.scalars(select(ComplaintRow.reference)).one()
    assert reference in texts(admitted)

    again = click(signed, fake_teams, keys, OFFICER, Action.ADMIT_IGNORED, data)
    assert again["type"] == MESSAGE and "al een klacht" in again["value"]
    assert complaints(service) == 1


def drawn_verbs(node: Any) -> set[str]:
    """Every Action.Execute verb in a card, wherever it sits."""
    if isinstance(node, dict):
        own = {node["verb"]} if node.get("type") == "Action.Execute" else set()
        return own.union(*(drawn_verbs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(drawn_verbs(item) for item in node))
    return set()


def test_every_button_a_teams_card_draws_is_answered() -> None:
    drawn = {
        verb for name in SCENES for shown in cards_in(rendered(name)) for verb in drawn_verbs(shown)
    }
    assert drawn, "no scene draws a button"
    answered = HANDLED | discussion.HANDLED | report_text.HANDLED
    assert drawn - answered == set()
    # The one-click buttons, the employee's and the report's are among them.
    assert {Action.LETTER_POSTED, Action.AGREED, Action.DISAGREED, Action.ADMIT_IGNORED} <= drawn
    assert {Action.RESPOND, Action.PLAN, Action.DECLINE, Action.ADD_REPORT_TEXT} <= drawn
