"""The officer's commands in Teams end to end: a signed (JWT) message to the real `teams` app, the
answer an Adaptive Card in the person's personal chat at the fake Bot Connector, with the same
content as Slack's /klacht gives for each role."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.procedure import SYSTEM_ACTOR, Actor, Category, RelationType, Role, Source, steps
from bot.procedure.inputs import DiscussionRequest, Intake, Registration
from bot.service import ComplaintService
from bot.settings import Settings
from bot.texts import find as find_text
from bot.texts import privacy as privacy_text
from bot.texts import teams as text
from bot.views.ids import Action
from storage.db import Database
from tests.support.fake_teams import FakeTeams, Person
from tests.teams.adaptive import problems
from tests.teams.conftest import APP_ID, EMPLOYEE, MANAGER, OFFICER
from tests.teams.server import TeamsServer, recorded

OLGA = Actor(OFFICER.aad_object_id, Role.OFFICER, "Olga")
CHATS = {OFFICER.user_id: "a:1officerchat", EMPLOYEE.user_id: "a:1employeechat"}
CHATS[MANAGER.user_id] = "a:1managerchat"


@pytest.fixture
def service(settings: Settings, db: Database) -> ComplaintService:
    return ComplaintService(db, settings)


@pytest.fixture
def complaints(service: ComplaintService) -> tuple[str, str]:
    """Two registered complaints; the employee was asked about the first only."""
    references = []
    for subject, name in (
        ("Loonstrook te laat", "Petra Pietersen"),
        ("Planning klopt niet", "Henk de Boer"),
    ):
        intake = Intake(
            source=Source.EMAIL,
            received_at=service.now(),
            subject=subject,
            body="Graag snel contact.",
            complainant_name=name,
            complainant_email="klant@example.nl",
        )
        reference = service.submit(intake, SYSTEM_ACTOR).reference
        registration = Registration(name, RelationType.FLEXWORKER, Category.PAYROLL, "06 12345678")
        service.change(reference, steps.register, OLGA, registration)
        references.append(reference)
    request = DiscussionRequest((EMPLOYEE.aad_object_id,))
    service.change(references[0], steps.request_discussion, OLGA, request)
    return references[0], references[1]


def ask(
    server: TeamsServer, fake: FakeTeams, keys: Any, person: Person, typed: str
) -> dict[str, Any]:
    """`typed` in the person's personal chat, signed as Teams signs it; the card they get."""
    activity = recorded("message_personal_chat", fake.url, sender=person)
    activity["text"] = typed
    activity["conversation"]["id"] = CHATS[person.user_id]
    fake.chats[person.user_id] = CHATS[person.user_id]
    before = len(fake.in_conversation(CHATS[person.user_id]))
    token = keys.token(APP_ID, fake.url)
    assert server.post(activity, Authorization=f"Bearer {token}").status_code == 200
    answers = fake.wait_for(lambda: fake.in_conversation(CHATS[person.user_id])[before:])
    (answer,) = answers
    return answer.body


def card_of(answer: dict[str, Any]) -> dict[str, Any]:
    (attachment,) = answer["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert problems(card) == []
    return card


def shown(answer: dict[str, Any]) -> str:
    return json.dumps(card_of(answer), ensure_ascii=False)


def test_lijst_shows_the_open_complaints_to_the_officer(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    answer = ask(signed, fake_teams, keys, OFFICER, "lijst")
    assert answer["summary"].startswith(find_text.LIST_TITLE)
    assert all(reference in shown(answer) for reference in complaints)


def test_an_employee_lists_only_what_they_were_asked_about(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    answer = shown(ask(signed, fake_teams, keys, EMPLOYEE, "lijst"))
    asked, other = complaints
    assert asked in answer and other not in answer


def test_zoek_finds_by_words_and_without_words_says_how(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    found = shown(ask(signed, fake_teams, keys, OFFICER, "zoek planning"))
    assert complaints[1] in found and complaints[0] not in found
    hint = ask(signed, fake_teams, keys, OFFICER, "zoek")
    assert "zoek" in hint["summary"] and complaints[1] not in shown(hint)


def test_a_reference_shows_the_card_with_the_officers_buttons(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    card = card_of(ask(signed, fake_teams, keys, OFFICER, complaints[1].lower()))
    actions = [a for part in card["body"] if part["type"] == "ActionSet" for a in part["actions"]]
    assert [a["verb"] for a in actions] == [
        Action.CONTACT,
        Action.DISCUSS,
        Action.NOTE,
        Action.RECLASSIFY,
        Action.EXTEND,
        Action.REJECT,
    ]
    assert all(a["type"] == "Action.Execute" for a in actions)
    assert {json.dumps(a["data"]) for a in actions} == {json.dumps({"reference": complaints[1]})}


def test_management_sees_the_card_without_the_officers_buttons(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    card = card_of(ask(signed, fake_teams, keys, MANAGER, complaints[1]))
    verbs = [
        a["verb"] for part in card["body"] if part["type"] == "ActionSet" for a in part["actions"]
    ]
    assert verbs == [Action.NOTE]


def test_an_employee_may_not_see_a_complaint_they_were_not_asked_about(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    answer = ask(signed, fake_teams, keys, EMPLOYEE, complaints[1])
    assert answer["summary"] == find_text.NOT_YOURS.format(reference=complaints[1])


def test_the_history_is_for_officer_and_management_only(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    history = ask(signed, fake_teams, keys, OFFICER, f"{complaints[0]} historie")
    assert complaints[0] in history["summary"] and "Olga" in shown(history)
    refused = ask(signed, fake_teams, keys, EMPLOYEE, f"{complaints[0]} historie")
    assert refused["summary"] == " ".join(privacy_text.HISTORY_NOT_ALLOWED.split())


def test_an_unknown_reference_is_named_in_dutch(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    answer = ask(signed, fake_teams, keys, OFFICER, "K-2026-9999")
    assert "K-2026-9999" in answer["summary"]
    assert "Traceback" not in shown(answer)


def test_help_names_the_commands_teams_answers(
    signed: TeamsServer, fake_teams: FakeTeams, keys
) -> None:
    answer = ask(signed, fake_teams, keys, OFFICER, "help")
    help_text = shown(answer)
    assert answer["summary"] == text.HELP_TITLE
    for word in ("lijst", "zoek &lt;tekst&gt;", "K-2026-0001", "historie", "help"):
        assert word in help_text, word
    assert "/klacht" not in help_text and "Slack" not in help_text


def test_an_unknown_word_gets_the_help_with_that_word(
    signed: TeamsServer, fake_teams: FakeTeams, keys
) -> None:
    answer = ask(signed, fake_teams, keys, OFFICER, "<b>opdracht</b> geef")
    assert answer["summary"] == find_text.UNKNOWN.format(word="opdracht")
    assert text.HELP_TITLE in shown(answer)


def test_a_command_by_mention_in_a_channel_is_answered_in_the_personal_chat(
    signed: TeamsServer, fake_teams: FakeTeams, keys, complaints
) -> None:
    activity = recorded("message_channel_thread_reply_mention_recorded", fake_teams.url, OFFICER)
    activity["text"] = "<at>klachtenbot</at> lijst"
    thread = activity["conversation"]["id"]
    token = keys.token(APP_ID, fake_teams.url)
    assert signed.post(activity, Authorization=f"Bearer {token}").status_code == 200
    chat = fake_teams.wait_for(lambda: fake_teams.chats.get(OFFICER.user_id))
    (answer,) = fake_teams.wait_for(lambda: fake_teams.in_conversation(chat))
    assert complaints[0] in shown(answer.body)
    assert fake_teams.in_conversation(thread) == []


def test_an_unsigned_command_gets_401_and_no_answer(
    signed: TeamsServer, fake_teams: FakeTeams, complaints
) -> None:
    activity = recorded("message_personal_chat", fake_teams.url, sender=OFFICER)
    activity["text"] = "lijst"
    assert signed.post(activity).status_code == 401
    assert fake_teams.posts() == []
