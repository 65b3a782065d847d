"""The complainant replies to the decision, through signed Slack requests against the fake
Slack: the reply in the complaint's thread asks the officer to record "akkoord" or "niet
akkoord", with a button for each; only the officer records it, once."""

from __future__ import annotations

import json
from typing import Any

from bot.intake.store import ingest_raw
from bot.procedure import Acceptance, EventKind
from bot.views.ids import Action
from tests.intake.messages import complaint_mail
from tests.slack.conftest import CHANNEL
from tests.slack.flows import click
from tests.slack.payloads import EMPLOYEE, OFFICER
from tests.slack.test_complainant import root_buttons
from tests.slack.test_letters_by_post import closed_ongegrond

JAN = "jan@example.nl"


def reply(service, reference: str, body: str) -> None:
    raw = complaint_mail(
        sender=f"Jan de Vries <{JAN}>", subject=f"Re: Uw klacht [{reference}]", body=body
    )
    ingest_raw(raw, service.now(), service)


def reply_posts(fake_slack, deliverer) -> list[Any]:
    """The thread posts of the complainant's replies, oldest first."""
    deliverer.deliver_pending()
    (root,) = fake_slack.roots(CHANNEL)
    return [m for m in fake_slack.thread(CHANNEL, root.ts) if "Reactie" in m.text]


def buttons(message) -> list[str]:
    return [
        element["action_id"]
        for block in message.blocks
        for element in block.get("elements", [])
        if element.get("type") == "button"
    ]


def test_a_reply_to_the_decision_asks_the_officer_for_the_answer_with_buttons(
    service, bolt_app, fake_slack, deliverer
) -> None:
    reference = closed_ongegrond(service, bolt_app, fake_slack, email=JAN)
    reply(service, reference, "Ik ben het hier niet mee eens.")
    assert service.get(reference).last_event(EventKind.REPLY_RECEIVED) is not None
    (post,) = reply_posts(fake_slack, deliverer)
    assert buttons(post) == [Action.AGREED, Action.DISAGREED]
    shown = json.dumps(post.blocks, ensure_ascii=False)
    assert "De klager reageerde op het besluit" in shown and "niet mee eens" in shown

    refused = click(bolt_app, fake_slack, EMPLOYEE, Action.DISAGREED, reference)
    assert "klachtenfunctionaris" in refused
    assert service.get(reference).acceptance is None

    done = click(bolt_app, fake_slack, OFFICER, Action.DISAGREED, reference)
    assert done == f"{reference}: vastgelegd dat de klager niet akkoord is met het besluit."
    complaint = service.get(reference)
    assert complaint.acceptance is Acceptance.DISAGREED
    recorded = complaint.last_event(EventKind.ACCEPTANCE_RECORDED)
    assert recorded is not None and recorded.actor.id == OFFICER["id"]
    assert Action.RECOURSE in root_buttons(fake_slack, deliverer)  # the recourse step next

    again = click(bolt_app, fake_slack, OFFICER, Action.AGREED, reference)
    assert "anna" in again  # who recorded it already
    assert service.get(reference).acceptance is Acceptance.DISAGREED

    # A reply after the answer was recorded asks nothing more.
    reply(service, reference, "Ik stap naar de Geschillencommissie.")
    assert [buttons(post) for post in reply_posts(fake_slack, deliverer)][-1] == []


def test_a_reply_while_the_complaint_is_open_asks_no_answer(
    service, bolt_app, fake_slack, deliverer
) -> None:
    from tests.slack.test_complainant import contacted

    reference = contacted(service, bolt_app, fake_slack)
    reply(service, reference, "Nog een vraag over mijn salaris.")
    (post,) = reply_posts(fake_slack, deliverer)
    assert buttons(post) == []
