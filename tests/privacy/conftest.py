"""One complainant (Sanne) with two complaints by e-mail, a reply with an attachment and an
auto-reply; another complainant (Piet) whose open complaint must stay as it is. Everything goes
through the real intake, the real procedure steps and the real Slack delivery (fake Web API)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage

import pytest
import sqlalchemy as sa

from bot.intake.store import ingest_raw
from bot.procedure import Actor, Role
from bot.procedure import steps as procedure
from bot.procedure.inputs import Rejection
from bot.service import ComplaintService
from bot.settings import Settings
from bot.slack.client import web_client
from bot.slack.delivery import Deliverer
from storage.db import Database
from storage.models import Base
from tests.procedure import builders as b
from tests.slack.conftest import CHANNEL, FAST, with_slack
from tests.support.fake_slack import FakeSlack

OFFICER = Actor("UOFFICER", Role.OFFICER, "Fatima")
SANNE = "sanne.dewit@example.com"
PIET = "piet.jansen@example.org"
# Sanne's personal data as it appears in her e-mails, the registration and the attachments.
SANNE_TRACES = (
    "Sanne",
    "sanne.dewit",
    "12345678",
    "NL91ABNA0417164300",
    "Mijn loonstrook klopt niet",
    "bereikbaar",
    "loonstrook-april.pdf",
    "foto-rooster.jpg",
    "PDF-INHOUD",
)
RECEIVED = b.ams(20, 9, 30)
PDF = b"%PDF-1.4 PDF-INHOUD van Sanne"
JPG = b"\xff\xd8\xff JPG van het rooster"


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Story:
    service: ComplaintService
    deliverer: Deliverer
    clock: Clock
    fake: FakeSlack
    first: str  # Sanne's closed complaint, with a reply and two attachments
    second: str  # Sanne's rejected complaint
    other: str  # Piet's open complaint

    def deliver(self) -> None:
        while self.deliverer.deliver_pending():
            pass

    def slack_text(self) -> str:
        """Everything the fake Slack holds in the complaints channel, as one string."""
        return json.dumps(
            [(m.text, m.blocks) for m in self.fake.messages.values() if m.channel == CHANNEL],
            ensure_ascii=False,
        )

    def database_text(self) -> str:
        """Every value of every table, bytes included, as one string."""
        parts = []
        with self.service.db.engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                for row in connection.execute(sa.select(table)):
                    parts += [_text(value) for value in row]
        return "\n".join(parts)


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def mail(sender: str, subject: str, body: str, **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "klachten@example.nl"
    message["Subject"] = subject
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.add_channel(CHANNEL)
    yield fake
    fake.stop()


@pytest.fixture
def story(db: Database, settings: Settings, fake_slack: FakeSlack) -> Story:
    clock = Clock(RECEIVED)
    slack_settings = with_slack(settings, fake_slack)
    service = ComplaintService(db, slack_settings, clock)
    deliverer = Deliverer(service, web_client(slack_settings, for_delivery=True), backoff=FAST)

    first = mail(
        f"Sanne de Wit <{SANNE}>",
        "Mijn loonstrook klopt niet",
        "Mijn loonstrook klopt niet. Bel mij op 06-12345678.\n"
        "Mijn rekening is NL91ABNA0417164300.\n\nSanne de Wit",
        Message_ID="<eerste-sanne@example.com>",
    )
    first.add_attachment(
        PDF, maintype="application", subtype="pdf", filename="loonstrook-april.pdf"
    )
    first_ref = ingest_raw(first.as_bytes(), RECEIVED, service).reference
    reply = mail(
        SANNE,
        "Re: Mijn loonstrook klopt niet",
        "Ik ben na 15:00 bereikbaar op 06-12345678. Sanne",
        In_Reply_To="<eerste-sanne@example.com>",
    )
    reply.add_attachment(JPG, maintype="image", subtype="jpeg", filename="foto-rooster.jpg")
    ingest_raw(reply.as_bytes(), RECEIVED + dt.timedelta(minutes=30), service)
    auto = mail(SANNE, "Afwezig: uw klacht", "Sanne is afwezig.", Auto_Submitted="auto-replied")
    ingest_raw(auto.as_bytes(), RECEIVED + dt.timedelta(minutes=40), service)
    second = mail(f"Sanne de Wit <{SANNE}>", "Nogmaals mijn loonstrook", "Sanne, 06-12345678")
    second_ref = ingest_raw(second.as_bytes(), RECEIVED + dt.timedelta(hours=1), service).reference
    piet = mail(f"Piet Jansen <{PIET}>", "Rooster te laat", "Het rooster kwam te laat. Piet")
    other_ref = ingest_raw(piet.as_bytes(), RECEIVED + dt.timedelta(hours=1), service).reference

    clock.now = b.ams(20, 14, 0)
    registration = b.registration(complainant_name="Sanne de Wit", complainant_phone="0612345678")
    service.change(first_ref, procedure.register, OFFICER, registration)
    service.change(first_ref, procedure.record_contact, OFFICER, b.contact())
    closure = b.closure(no_employee_reason="Alleen de salarisadministratie.")
    service.change(first_ref, procedure.close, OFFICER, closure)
    rejection = Rejection(reason="Zelfde als de eerste klacht", duplicate_of=first_ref)
    service.change(second_ref, procedure.reject, OFFICER, rejection)
    service.change(
        other_ref,
        procedure.register,
        OFFICER,
        b.registration(complainant_name="Piet Jansen", complainant_phone="0207654321"),
    )
    story = Story(service, deliverer, clock, fake_slack, first_ref, second_ref, other_ref)
    story.deliver()
    return story
