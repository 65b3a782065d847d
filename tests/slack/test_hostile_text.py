"""Text from outside reaches people through Slack: it must never ping the channel, mention
someone, hide a link or carry control characters, in any field (notification `text`, blocks,
modals, App Home), whichever way it came in (e-mail or the new-complaint shortcuts)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.intake.store import ingest_raw
from bot.procedure import Actor, Category, RelationType, Role, steps
from bot.procedure.inputs import DiscussionRequest, Registration
from bot.sanitize import free_text
from bot.slack.ids import ShortcutId
from bot.views.ids import Action as ActionId
from tests.slack.conftest import dispatch_event, dispatch_interactive
from tests.slack.flows import click, submit
from tests.slack.payloads import OFFICER, home_opened, template
from tests.support.databases import database_url

HOSTILE = (
    "<!channel> <!here> <!subteam^S0BAAS> <@U0BAAS> <https://evil.example|Uw bank> "
    "*vet* \x00nul \x1b[31mrood \u202eesrever \x85c1 & <#C0GEHEIM>"
)
MARKUP = ("<!", "<@U0BAAS", "<https://evil", "<#C0GEHEIM")
CONTROL = ("\x00", "\x1b", "\u202e", "\x85")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


def shown_texts(payload: Any, keys: tuple[str, ...]) -> Iterator[str]:
    """Every string under one of `keys`, anywhere in a message or view."""
    if isinstance(payload, dict):
        for key, value in payload.items():
            if key in keys and isinstance(value, str):
                yield value
            else:
                yield from shown_texts(value, keys)
    elif isinstance(payload, list):
        for item in payload:
            yield from shown_texts(item, keys)


def assert_harmless(payload: Any) -> None:
    """Slack reads mrkdwn in `text` (also a plain_text object's, harmlessly); what an input
    field shows is never markup, but must not carry control characters either."""
    read = list(shown_texts(payload, ("text", "title")))
    assert read
    for shown in read:
        assert not any(marker in shown for marker in MARKUP + CONTROL), shown
    for typed in shown_texts(payload, ("initial_value",)):
        assert not any(marker in typed for marker in CONTROL), typed


def hostile_mail() -> bytes:
    """HOSTILE as the subject (RFC 2047 encoded), the sender's name and the text."""
    encoded = base64.b64encode(HOSTILE.encode()).decode()
    return (
        f"From: =?utf-8?b?{encoded}?= <klant@example.com>\r\nSubject: =?utf-8?b?{encoded}?=\r\n"
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        f"{HOSTILE}\r\n{HOSTILE}\r\n"
    ).encode()


def posted(fake_slack) -> list[dict[str, Any]]:
    return [call.params for call in fake_slack.calls_to("chat.postMessage")]


def test_an_email_complaint_reaches_the_channel_escaped(service, deliverer, fake_slack):
    complaint = ingest_raw(hostile_mail(), service.now(), service).complaint
    assert complaint.subject.startswith("<!channel>")  # stored as sent, minus control characters

    deliverer.deliver_pending()

    root, *thread = posted(fake_slack)
    assert root["text"].startswith("Nieuwe klacht K-")
    assert "channel" not in root["text"]  # the lock screen line holds no subject at all
    assert "&lt;!channel&gt;" in str(root["blocks"])  # shown as typed, never a mention
    for message in (root, *thread):
        assert_harmless(message)


def test_the_new_complaint_shortcut_is_no_way_in_either(service, bolt_app, deliverer, fake_slack):
    body = template("req_shortcut_global.json")
    body.update(callback_id=ShortcutId.NEW_COMPLAINT.value, user=dict(OFFICER))
    dispatch_interactive(bolt_app, body)
    view = fake_slack.wait_for(lambda: fake_slack.calls_to("views.open"))[0].params["view"]

    submit(bolt_app, OFFICER, view, {"subject": HOSTILE[:150], "body": HOSTILE})

    [complaint] = service.list()
    stored = complaint.subject + complaint.body
    assert "\x00" not in stored and "\u202e" not in stored and "\x1b" not in stored
    assert "<!channel>" in complaint.subject  # the typed text is kept, only made harmless
    deliverer.deliver_pending()
    for message in posted(fake_slack):
        assert_harmless(message)


def test_the_message_shortcut_prefills_clean_text(bolt_app, fake_slack):
    body = template("req_message_action.json")
    body.update(callback_id=ShortcutId.MESSAGE_TO_COMPLAINT.value, user=dict(OFFICER))
    body["message"]["text"] = HOSTILE

    dispatch_interactive(bolt_app, body)

    view = fake_slack.wait_for(lambda: fake_slack.calls_to("views.open"))[0].params["view"]
    prefilled = json.dumps(view)
    assert "\\u0000" not in prefilled and "\\u202e" not in prefilled


def test_modals_and_app_home_show_outside_text_escaped(service, bolt_app, fake_slack):
    reference = ingest_raw(hostile_mail(), service.now(), service).reference

    modal = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, reference)
    dispatch_event(bolt_app, home_opened("UOFFICER", "Ev0HOSTILE"))
    home = fake_slack.wait_for(lambda: fake_slack.calls_to("views.publish"))[0].params["view"]

    assert isinstance(modal, dict)
    for view in (modal, home):
        assert_harmless(view)
    assert "&lt;!channel&gt;" in json.dumps(home)


def test_the_employees_direct_message_shows_outside_text_escaped(service, deliverer, fake_slack):
    reference = ingest_raw(hostile_mail(), service.now(), service).reference
    officer = Actor("UOFFICER", Role.OFFICER, "anna")
    registration = Registration("Jan de Vries", RelationType.FLEXWORKER, Category.PLANNING)
    service.change(reference, steps.register, officer, registration)
    # As the modal's form hands it on: control characters already gone, the markup not.
    request = DiscussionRequest(("UBRAM",), message=free_text(HOSTILE))
    service.change(reference, steps.request_discussion, officer, request)

    deliverer.deliver_pending()
    deliverer.deliver_pending()

    [message] = [m for m in fake_slack.direct_messages("UBRAM") if m.blocks]
    assert_harmless({"text": message.text, "blocks": message.blocks})
    assert "&lt;!channel&gt;" in json.dumps(message.blocks)
