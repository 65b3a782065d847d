"""The officer's safety net for ignored e-mail in Slack, through signed requests against the
fake Slack: `/klacht genegeerd` lists it with its reason, newest first; "Toch registreren als
klacht" makes a complaint with the original receipt moment and contact deadline, once; the
officer's Home counts the past week's ignored mail."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.intake.store import ingest_raw
from bot.procedure import EventKind
from bot.views.context import Context
from bot.views.ids import Action
from storage.models import ComplaintRow, InboundMessage
from tests.intake.messages import complaint_mail
from tests.intake.test_real_mail import mail
from tests.slack.conftest import CHANNEL, dispatch_interactive
from tests.slack.flows import open_home
from tests.slack.payloads import EMPLOYEE, OFFICER, block_action
from tests.slack.test_find import ask, shown

NOTIFY = "machine/notify-at.eml"  # notify@: an automated notification
NEWSLETTER = "machine/newsletter-list-unsubscribe.eml"


def ignore(service, name: str, received_at: dt.datetime) -> int:
    """Let intake ignore the message `name`, received at `received_at`; its number."""
    ingest_raw(mail(name), received_at, service)
    with service.db.reading() as session:
        return session.scalars(
            select(InboundMessage.id).where(InboundMessage.received_at == received_at)
        ).one()


def buttons(answer: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        element
        for block in answer.get("blocks", [])
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def admit_click(bolt_app, fake_slack, user: dict[str, str], inbound_id: int) -> str:
    """Click "Toch registreren als klacht" of e-mail `inbound_id`; the ephemeral answer."""
    before = len(fake_slack.calls_to("chat.postEphemeral"))
    value = Context(inbound_id=inbound_id).dump()
    action = block_action(user, Action.ADMIT_IGNORED.value, value, CHANNEL)
    assert dispatch_interactive(bolt_app, action).status == 200
    calls = fake_slack.wait_for(lambda: fake_slack.calls_to("chat.postEphemeral")[before:])
    return calls[0].params["text"]


def complaints(service) -> int:
    with service.db.reading() as session:
        return session.scalar(select(func.count(ComplaintRow.id)))


def test_the_officer_sees_ignored_mail_newest_first_each_with_its_reason_and_button(
    service, bolt_app
) -> None:
    now = service.now()
    older = ignore(service, NOTIFY, now - dt.timedelta(days=3))
    newer = ignore(service, NEWSLETTER, now - dt.timedelta(hours=2))
    ingest_raw(complaint_mail(), now - dt.timedelta(hours=1), service)  # a complaint: not listed

    answer = ask(bolt_app, OFFICER, "genegeerd")

    text = shown(answer)
    assert "*Genegeerde e-mail* (2)" in text
    assert text.index("*nieuwsbrief*") < text.index("*automatische melding*")
    assert "notify@urenportaal.example" in text and "info@vakbladflex.example" in text
    values = [Context.load(b["value"]).inbound_id for b in buttons(answer)]
    assert values == [newer, older]
    assert {b["text"]["text"] for b in buttons(answer)} == {"Toch registreren als klacht"}

    since = (now - dt.timedelta(days=1)).astimezone(service.settings.tz).date().isoformat()
    recent = ask(bolt_app, OFFICER, f"genegeerd {since}")
    assert [Context.load(b["value"]).inbound_id for b in buttons(recent)] == [newer]


def test_nothing_ignored_and_a_bad_date_get_a_plain_answer(service, bolt_app) -> None:
    assert "Er is geen genegeerde e-mail bewaard." in shown(ask(bolt_app, OFFICER, "genegeerd"))
    answer = ask(bolt_app, OFFICER, "genegeerd gisteren")
    assert answer["text"] == (
        "gisteren is geen datum. Typ bijvoorbeeld `/klacht genegeerd 2026-12-01`."
    )
    # Only the first word comes back, and as text: it cannot notify the channel.
    answer = ask(bolt_app, OFFICER, "genegeerd <!channel> en meer")
    assert answer["text"].startswith("&lt;!channel&gt; is geen datum.")


@pytest.mark.parametrize("user", [EMPLOYEE])
def test_only_the_officer_sees_ignored_mail(service, bolt_app, user) -> None:
    ignore(service, NOTIFY, service.now() - dt.timedelta(days=1))
    answer = ask(bolt_app, user, "genegeerd")
    assert answer == {"text": "Genegeerde e-mail ziet alleen de klachtenfunctionaris."}


def test_taking_up_ignored_mail_makes_one_complaint_with_its_original_receipt_and_deadline(
    service, bolt_app, fake_slack, deliverer
) -> None:
    received = service.now() - dt.timedelta(days=1)
    inbound_id = ignore(service, NOTIFY, received)

    said = admit_click(bolt_app, fake_slack, OFFICER, inbound_id)

    (complaint,) = service.list()
    assert complaint.received_at == received
    assert complaint.contact_deadline == service.calendar.deadline_after(
        received, service.settings.contact_deadline_days
    )
    assert said.startswith(f"Klacht *{complaint.reference}* gemaakt van e-mail {inbound_id}:")
    received_kind = complaint.events[0]
    assert received_kind.kind is EventKind.RECEIVED
    assert received_kind.data["ignored_reason"] == "notification"
    assert received_kind.actor.id == OFFICER["id"]
    deliverer.deliver_pending()
    assert complaint.reference in json.dumps([m.blocks for m in fake_slack.roots(CHANNEL)])
    assert "Genegeerde e-mail* (0)" in shown(ask(bolt_app, OFFICER, "genegeerd"))

    again = admit_click(bolt_app, fake_slack, OFFICER, inbound_id)  # a second click, or Slack's
    assert again == f"Van e-mail {inbound_id} is al een klacht gemaakt: {complaint.reference}."
    assert complaints(service) == 1


def test_a_message_no_longer_kept_or_a_stranger_click_makes_no_complaint(
    service, bolt_app, fake_slack
) -> None:
    inbound_id = ignore(service, NOTIFY, service.now() - dt.timedelta(days=1))

    refused = admit_click(bolt_app, fake_slack, EMPLOYEE, inbound_id)
    assert refused == "Genegeerde e-mail ziet alleen de klachtenfunctionaris."
    gone = admit_click(bolt_app, fake_slack, OFFICER, inbound_id + 100)
    assert gone == (
        f"Er is geen genegeerde e-mail met nummer {inbound_id + 100} (meer) bewaard; "
        "zie `/klacht genegeerd`."
    )
    assert complaints(service) == 0


def test_the_officers_home_counts_the_past_weeks_ignored_mail(service, bolt_app, fake_slack):
    now = service.now()
    ignore(service, NOTIFY, now - dt.timedelta(days=2))
    ignore(service, NEWSLETTER, now - dt.timedelta(days=9))  # older than a week: not counted

    home = json.dumps(open_home(bolt_app, fake_slack, OFFICER["id"]), ensure_ascii=False)

    assert "*Genegeerde e-mail, 7 dagen*\\n1" in home
    assert "1 e-mail in de laatste 7 dagen niet als klacht opgeslagen" in home
    assert "`/klacht genegeerd`" in home
