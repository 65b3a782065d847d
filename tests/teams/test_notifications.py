"""The ledger's notifications in Teams: the weekly digest reaches the officer's personal chat,
an escalation management's (the thread then says management was told), a management channel
gets a new post; a manager Teams will not let the bot reach leaves the escalation waiting and
the officers are told in the thread once. And the port's `tell_officers` for Teams."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.jobs.notices import Notice, claim, officer_mentions, subject_of
from bot.procedure import SYSTEM_ACTOR, EventKind
from bot.procedure import steps as procedure
from bot.procedure.model import Severity
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.connector import BotConnector
from bot.teams.notifications import deliver_notifications, tell_officers
from storage.models import Notification
from storage.teams import TeamsDirectory
from tests.procedure import builders as b
from tests.support.fake_teams import FakeTeams, Person
from tests.teams.adaptive import problems
from tests.teams.conftest import MANAGEMENT, MANAGER, OFFICER
from tests.teams.test_personal import all_text

GONE = Person("29:1goneMRI-opaque_yy", "5e0c8f0a-9a1b-4a57-8c55-2f7d2a1e9b10")


@pytest.fixture
def teams_service(teams_settings: Settings, db) -> ComplaintService:
    return ComplaintService(db, teams_settings)


@pytest.fixture
def connector(teams_settings: Settings) -> Any:
    connector = BotConnector(teams_settings, None)
    yield connector
    connector.close()


def queued(service: ComplaintService, kind: Notice, recipient: str, complaint_id=None) -> None:
    now = service.now()
    subject = subject_of(complaint_id) if complaint_id else "officers"
    with service.db.session() as session:
        assert claim(
            session, kind, subject, now, now, recipient=recipient, complaint_id=complaint_id
        )


def cards_to(fake: FakeTeams, person: Person) -> list[dict[str, Any]]:
    chat = fake.chats.get(person.user_id)
    shown = [a.body["attachments"][0]["content"] for a in fake.in_conversation(chat or "-")]
    assert all(problems(card) == [] for card in shown)
    return shown


def registered(service: ComplaintService) -> tuple[int, str]:
    complaint = service.submit(b.intake(subject="Loon te laat"), SYSTEM_ACTOR)
    reference = complaint.reference or ""
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    assert complaint.id is not None
    return complaint.id, reference


def test_digest_and_escalation_reach_their_personal_chats(
    teams_service: ComplaintService, connector: BotConnector, fake_teams: FakeTeams
) -> None:
    complaint_id, reference = registered(teams_service)
    queued(teams_service, Notice.WEEKLY_DIGEST, OFFICER.aad_object_id)
    queued(teams_service, Notice.ESCALATION, MANAGER.aad_object_id, complaint_id)
    queued(teams_service, Notice.MANAGEMENT_ALERT, MANAGEMENT, complaint_id)

    assert deliver_notifications(teams_service, connector, teams_service.now()) == 3
    assert deliver_notifications(teams_service, connector, teams_service.now()) == 0

    (digest,) = cards_to(fake_teams, OFFICER)
    (escalation,) = cards_to(fake_teams, MANAGER)
    assert reference in all_text(escalation)
    # The officers named in the escalation are Teams mentions, with their entities.
    mentioned = {e["mentioned"]["id"] for e in escalation["msteams"].get("entities", [])}
    assert OFFICER.aad_object_id in mentioned
    assert digest["body"]
    (post,) = fake_teams.in_conversation(MANAGEMENT)
    assert reference in all_text(post.body)
    events = teams_service.get(reference).events
    told = [e for e in events if e.data.get("notice") == Notice.ESCALATED.value]
    assert len(told) == 1


def test_a_manager_teams_cannot_reach_keeps_the_escalation_waiting_and_is_told_once(
    teams_service: ComplaintService, connector: BotConnector, fake_teams: FakeTeams
) -> None:
    complaint_id, reference = registered(teams_service)
    queued(teams_service, Notice.ESCALATION, GONE.aad_object_id, complaint_id)
    for _ in range(2):
        with pytest.raises(Exception, match="MemberNotFoundInConversation"):
            deliver_notifications(teams_service, connector, teams_service.now())
        with teams_service.db.session() as session:
            session.execute(Notification.__table__.update().values(next_attempt_at=None))
    with teams_service.db.reading() as session:
        waiting = select(Notification).where(Notification.kind == Notice.ESCALATION.value)
        (row,) = session.scalars(waiting).all()
        assert row.sent_at is None and row.attempts == 2
    events = teams_service.get(reference).events
    failed = [e for e in events if e.data.get("notice") == Notice.ESCALATION_FAILED.value]
    assert len(failed) == 1 and failed[0].kind is EventKind.WARNING_SENT


def test_tell_officers_writes_in_each_officers_personal_chat(
    teams_settings: Settings, connector: BotConnector, fake_teams: FakeTeams, db
) -> None:
    directory = TeamsDirectory(db, ComplaintService(db, teams_settings).now)
    tell_officers(teams_settings, directory, connector, "De taak 'mailbox' faalt <at>x</at>.")
    (card,) = cards_to(fake_teams, OFFICER)
    assert "faalt" in all_text(card) and "<at>" not in all_text(card)
    # The chat is stored: the next line needs no roster lookup.
    lookups = len([c for c in fake_teams.calls if c.method == "GET"])
    tell_officers(teams_settings, directory, connector, "Nog steeds.")
    assert len([c for c in fake_teams.calls if c.method == "GET"]) == lookups
    assert len(cards_to(fake_teams, OFFICER)) == 2


def test_without_a_management_channel_an_alert_reaches_management_in_teams(
    teams_settings: Settings, db, connector: BotConnector, fake_teams: FakeTeams
) -> None:
    """The alert of a severe complaint goes to TEAMS_MANAGEMENT_IDS (never Slack's ids)."""
    service = ComplaintService(
        db, teams_settings.model_copy(update={"teams_management_channel": None})
    )
    complaint = service.submit(b.intake(subject="Loon te laat"), SYSTEM_ACTOR)
    service.change(
        complaint.reference or "",
        procedure.register,
        b.OFFICER,
        b.registration(severity=Severity.HIGH, severity_reason="Loon twee maanden te laat"),
    )

    with db.session() as session:
        alerts = session.scalars(
            select(Notification).where(Notification.kind == Notice.MANAGEMENT_ALERT.value)
        ).all()
    assert [row.recipient for row in alerts] == [MANAGER.aad_object_id]
    assert deliver_notifications(service, connector, service.now()) == 1
    (alert,) = cards_to(fake_teams, MANAGER)
    assert complaint.reference in all_text(alert)


def test_the_officers_a_teams_notice_mentions_are_teams_people(teams_settings: Settings) -> None:
    assert officer_mentions(teams_settings) == [{"surface": "teams", "id": OFFICER.aad_object_id}]
