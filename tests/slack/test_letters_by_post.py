"""A complaint without an e-mail address, through signed Slack requests against the fake Slack:
its decision letter is not mailed but shown in the complaint's thread to print and post, with
the officer's button "Per post verstuurd" that records it as sent, once."""

from __future__ import annotations

import json
from typing import Any

from bot.jobs.mail import send_letters
from bot.procedure import EventKind, LetterChannel, LetterKind
from bot.surfaces import make_context
from bot.views.context import Context
from bot.views.ids import Action
from tests.slack.conftest import CHANNEL, submit_email
from tests.slack.flows import click, initial_values, submit, valid_values
from tests.slack.payloads import EMPLOYEE, OFFICER
from tests.slack.test_complainant import REGISTRATION, next_page


def closed_ongegrond(service, bolt_app, fake_slack, email: str | None = None) -> str:
    """A complaint (without e-mail address unless `email`) registered, contacted and closed
    ongegrond with the composed letter."""
    reference = submit_email(service, complainant_email=email).reference
    view = click(bolt_app, fake_slack, OFFICER, Action.REGISTER, reference)
    assert submit(bolt_app, OFFICER, view, REGISTRATION).body == ""
    view = click(bolt_app, fake_slack, OFFICER, Action.CONTACT, reference)
    assert submit(bolt_app, OFFICER, view, valid_values(Action.CONTACT, service.now())).body == ""
    view = click(bolt_app, fake_slack, OFFICER, Action.CLOSE, reference)
    closing = {**valid_values(Action.CLOSE, service.now()), "outcome": "ongegrond"}
    page = next_page(submit(bolt_app, OFFICER, view, closing))
    letter = initial_values(page)["decision_letter"]
    assert submit(bolt_app, OFFICER, page, {**closing, "decision_letter": letter}).body == ""
    return reference


def letters_job(service) -> int:
    return send_letters(make_context(service.settings, service, owner="test"), service.now())


def letter_posts(fake_slack, deliverer) -> list[Any]:
    """The thread posts that carry a letter to post."""
    deliverer.deliver_pending()
    (root,) = fake_slack.roots(CHANNEL)
    return [
        message
        for message in fake_slack.thread(CHANNEL, root.ts)
        if "per post" in message.text or "per post" in json.dumps(message.blocks)
    ]


def posted_button(message) -> dict[str, Any] | None:
    for block in message.blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == Action.LETTER_POSTED:
                return element
    return None


def test_a_letter_without_address_is_shown_in_the_thread_and_recorded_when_posted(
    service, bolt_app, fake_slack, deliverer
) -> None:
    assert not service.settings.smtp_host  # no mail server needed for a letter to post
    reference = closed_ongegrond(service, bolt_app, fake_slack)
    decision = service.get(reference).decision_letter

    assert letters_job(service) == 1
    assert letters_job(service) == 0  # shown once
    (post,) = letter_posts(fake_slack, deliverer)
    shown = json.dumps(post.blocks, ensure_ascii=False)
    assert "De besluitbrief van" in shown and "geen e-mailadres" in shown
    assert "Aan: Jan de Vries" in shown and "Ons oordeel: ongegrond." in shown
    assert "<@UOFFICER>" in shown  # the officer is told
    button = posted_button(post)
    assert button is not None and button["text"]["text"] == "Per post verstuurd"
    context = Context.load(button["value"])
    assert context.reference == reference and context.letter_id
    assert service.get(reference).decision_sent_at is None
    assert decision.splitlines()[0] in shown

    # Only the officer records it.
    refused = click(bolt_app, fake_slack, EMPLOYEE, Action.LETTER_POSTED, reference, context)
    assert refused == "Alleen de klachtenfunctionaris legt vast dat een brief is verstuurd."
    assert service.get(reference).decision_sent_at is None

    done = click(bolt_app, fake_slack, OFFICER, Action.LETTER_POSTED, reference, context)
    assert done == f"{reference}: de brief is vastgelegd als per post verstuurd."
    complaint = service.get(reference)
    assert complaint.decision_sent_at is not None and complaint.acceptance_due is not None
    (sent,) = [e for e in complaint.events if e.kind is EventKind.LETTER_SENT]
    assert sent.data["letter"] == LetterKind.DECISION
    assert sent.data["channel"] == LetterChannel.POST
    assert sent.actor.id == OFFICER["id"]

    again = click(bolt_app, fake_slack, OFFICER, Action.LETTER_POSTED, reference, context)
    assert again == f"{reference}: deze brief was al vastgelegd als per post verstuurd."
    assert len([e for e in service.get(reference).events if e.kind is EventKind.LETTER_SENT]) == 1
    deliverer.deliver_pending()
    (root,) = fake_slack.roots(CHANNEL)
    thread = [message.text for message in fake_slack.thread(CHANNEL, root.ts)]
    assert any("Brief aan de klant verstuurd" in said for said in thread), thread
