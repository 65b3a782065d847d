"""The complainant's letters end to end: signed Slack requests against the fake Slack, the clock's
letters job, and a real SMTP server (aiosmtpd).

A CAO dispute that came by e-mail is registered; its decision deadline is extended and the
complainant gets the extension mail; it is closed ongegrond and the complainant gets the
decision letter with the GCU recourse, threaded on their own mail; they reply, "niet akkoord"
is recorded, then the recourse and its result. Hostile text in the officer's letter sends one
mail to one address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest

from bot.intake.store import ingest_raw
from bot.jobs.mail import send_letters
from bot.procedure import Acceptance, EventKind, LetterKind, State
from bot.surfaces import make_context
from bot.views.ids import Action
from tests.intake.messages import complaint_mail
from tests.slack.conftest import response_json
from tests.slack.flows import click, initial_values, submit, valid_values
from tests.slack.payloads import OFFICER
from tests.support.smtp import smtp_server

SANNE = "sanne.dewit@example.com"
ORIGINAL_ID = "<klacht-1@mail.example.com>"
HOSTILE = "Met vriendelijke groet.\r\nBcc: evil@attacker.example\r\n\r\nKlik hier: http://x.example"


@pytest.fixture
def smtp() -> Iterator[Any]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def extra_settings(smtp) -> dict[str, Any]:
    return {
        "smtp_host": "127.0.0.1",
        "smtp_port": smtp[1],
        "smtp_starttls": False,
        "smtp_from": "Klachten <klachten@uitzendbureau.example>",
    }


def step(bolt_app, fake_slack, action, reference: str, values: dict[str, Any]) -> dict[str, Any]:
    view = click(bolt_app, fake_slack, OFFICER, action, reference)
    answer = response_json(submit(bolt_app, OFFICER, view, values))
    assert answer.get("response_action") != "errors", answer
    return answer


def letters_job(service) -> int:
    return send_letters(make_context(service.settings, service, owner="test"), service.now())


def working_day_after(service, day: dt.date, days: int) -> dt.date:
    day += dt.timedelta(days=days)
    while not service.calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def test_a_cao_dispute_from_registration_to_recourse_with_its_letters(
    service, bolt_app, fake_slack, smtp
):
    handler, _port = smtp
    raw = complaint_mail(message_id=ORIGINAL_ID, subject="Mijn toeslag is niet betaald")
    ingest_raw(raw, service.now() - dt.timedelta(hours=2), service)
    (complaint,) = service.list()
    reference = complaint.reference
    handler.envelopes.clear()  # the acknowledgement is not this test's

    # 1. Registered as a CAO dispute.
    registration = {**valid_values(Action.REGISTER, service.now())}
    registration.update(route="cao_geschil", remedy="vergoeding", severity="middel")
    step(bolt_app, fake_slack, Action.REGISTER, reference, registration)
    contact = valid_values(Action.CONTACT, service.now())
    step(bolt_app, fake_slack, Action.CONTACT, reference, contact)

    # 2. The deadline is extended: the complainant gets the extension mail.
    deadline = service.get(reference).decision_deadline
    new_day = working_day_after(service, deadline.astimezone(service.settings.tz).date(), 7)
    extension = {"new_date": new_day.isoformat(), "reason": "We wachten op de loonadministratie."}
    step(bolt_app, fake_slack, Action.EXTEND, reference, extension)
    assert letters_job(service) == 1
    (envelope,) = handler.envelopes
    assert envelope.rcpt_tos == (SANNE,)
    mail = message_from_bytes(envelope.content, policy=policy.default)
    assert mail["In-Reply-To"] == ORIGINAL_ID and reference in mail["Subject"]
    assert "We wachten op de loonadministratie." in mail.get_content()

    # 3. Closed ongegrond: the decision letter with the GCU recourse, threaded on their mail;
    #    what the officer typed into it cannot add a header or a recipient.
    view = click(bolt_app, fake_slack, OFFICER, Action.CLOSE, reference)
    closing = {**valid_values(Action.CLOSE, service.now())}
    closing["outcome"] = "ongegrond"
    page = response_json(submit(bolt_app, OFFICER, view, closing))["view"]
    letter = initial_values(page)["decision_letter"] + "\n\n" + HOSTILE
    assert submit(bolt_app, OFFICER, page, {**closing, "decision_letter": letter}).body == ""
    assert letters_job(service) == 1
    assert letters_job(service) == 0  # sent once
    assert len(handler.envelopes) == 2
    decision = handler.envelopes[-1]
    assert decision.rcpt_tos == (SANNE,)
    mail = message_from_bytes(decision.content, policy=policy.default)
    assert mail["In-Reply-To"] == ORIGINAL_ID
    assert mail["Bcc"] is None and mail.get_all("To") == [mail["To"]]
    assert SANNE in mail["To"] and "attacker" not in mail["To"]
    text = mail.get_content()
    assert "Ons oordeel: ongegrond." in text and "Geschillencommissie" in text
    closed = service.get(reference)
    assert closed.state is State.CLOSED and closed.decision_sent_at is not None
    sent = [e for e in closed.events if e.kind is EventKind.LETTER_SENT]
    assert [e.data["letter"] for e in sent] == [LetterKind.EXTENSION, LetterKind.DECISION]

    # 4. The complainant replies to the letter; the officer records "niet akkoord".
    reply = complaint_mail(
        subject=f"Re: {mail['Subject']}",
        body="Ik ben het hier niet mee eens en ga naar de GCU.",
        headers={"In-Reply-To": mail["Message-ID"], "References": mail["Message-ID"]},
    )
    ingest_raw(reply, service.now(), service)
    assert service.get(reference).last_event(EventKind.REPLY_RECEIVED) is not None
    answer = valid_values(Action.ACCEPTANCE, service.now())
    step(bolt_app, fake_slack, Action.ACCEPTANCE, reference, answer)
    assert service.get(reference).acceptance is Acceptance.DISAGREED

    # 5. The recourse is recorded, and later its result.
    recourse = valid_values(Action.RECOURSE, service.now())
    step(bolt_app, fake_slack, Action.RECOURSE, reference, recourse)
    assert service.get(reference).recourse_open
    result = valid_values(Action.RECOURSE_RESULT, service.now())
    step(bolt_app, fake_slack, Action.RECOURSE_RESULT, reference, result)
    assert not service.get(reference).recourse_open
    assert len(handler.envelopes) == 2  # no further mail to the complainant
