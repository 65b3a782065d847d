"""A privacy request in Slack, through signed requests against the fake Slack: the officer's
card and the complaint's post show the commands that export and erase the complainant's data;
management's card does not."""

from __future__ import annotations

import json

from bot.views.ids import Action
from tests.slack.conftest import CHANNEL, submit_email
from tests.slack.flows import click, submit
from tests.slack.payloads import MANAGEMENT, OFFICER
from tests.slack.test_complainant import REGISTRATION, registered
from tests.slack.test_find import ask

EXPORT = "`klachtenbot export --complainant jan@example.nl --out inzageverzoek`"
ERASE = "`klachtenbot erase --complainant jan@example.nl`"


def test_the_officer_sees_the_export_and_erase_commands_of_a_privacy_request(
    service, bolt_app, fake_slack, deliverer
) -> None:
    reference = registered(service, bolt_app, fake_slack, route="privacyverzoek")

    officer_card = json.dumps(ask(bolt_app, OFFICER, reference)["blocks"])
    assert EXPORT in officer_card and ERASE in officer_card
    deliverer.deliver_pending()
    (root,) = fake_slack.roots(CHANNEL)
    assert EXPORT in json.dumps(root.blocks) and ERASE in json.dumps(root.blocks)

    management_card = json.dumps(ask(bolt_app, MANAGEMENT, reference))
    assert "klachtenbot" not in management_card and "jan@example.nl" not in management_card


def test_a_privacy_request_without_address_says_why_there_are_no_commands(
    service, bolt_app, fake_slack
) -> None:
    reference = submit_email(service, complainant_email=None).reference
    view = click(bolt_app, fake_slack, OFFICER, Action.REGISTER, reference)
    assert submit(bolt_app, OFFICER, view, {**REGISTRATION, "route": "privacyverzoek"}).body == ""
    card = json.dumps(ask(bolt_app, OFFICER, reference)["blocks"], ensure_ascii=False)
    assert "klachtenbot export" not in card
    assert "deze klacht heeft er geen" in card


def test_other_kinds_show_no_privacy_commands(service, bolt_app, fake_slack) -> None:
    reference = registered(service, bolt_app, fake_slack, route="dienstverlening")
    assert "klachtenbot export" not in json.dumps(ask(bolt_app, OFFICER, reference)["blocks"])
