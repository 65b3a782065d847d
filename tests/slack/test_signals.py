"""Signals management hears of at once, and the confidentiality of a discrimination signal,
through signed requests against the fake Slack: severity hoog or the kind discriminatie, chosen
in the registration form, reaches the management channel once; a discrimination signal's
complainant and words never reach management, an employee asked about it, or anyone else."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.slack.client import web_client
from bot.slack.notifications import deliver_notifications
from bot.views.ids import Action
from tests.slack.conftest import submit_email
from tests.slack.flows import click, submit, valid_values
from tests.slack.payloads import EMPLOYEE, MANAGEMENT, OFFICER
from tests.slack.test_discussion import ask, dm
from tests.slack.test_find import ask as command
from tests.slack.test_find import shown

DIRECTIE = "CDIRECTIE"
STRANGER = {"id": "UVREEMD", "username": "vera", "name": "vera", "team_id": "T111"}
SUBJECT = "Opmerking over mijn afkomst bij de intake"
BODY = "De intercedent zei dat mensen zoals ik niet in het magazijn passen."


@pytest.fixture
def extra_settings(fake_slack) -> dict[str, Any]:
    fake_slack.add_channel(DIRECTIE)
    return {"management_channel": DIRECTIE}


def register(service, bolt_app, fake_slack, **values: Any) -> str:
    reference = submit_email(
        service, subject=SUBJECT, body=BODY, complainant_name="Samira El Idrissi"
    ).reference
    view = click(bolt_app, fake_slack, OFFICER, Action.REGISTER, reference)
    registration = {**valid_values(Action.REGISTER, service.now()), **values}
    assert submit(bolt_app, OFFICER, view, registration).body == ""
    return reference


def to_management(service, fake_slack) -> list[str]:
    """Post what waits in the ledger (the clock's notification job); management's messages."""
    deliver_notifications(service, web_client(service.settings), service.now())
    return [json.dumps(m.blocks, ensure_ascii=False) for m in fake_slack.roots(DIRECTIE)]


def test_severity_hoog_tells_management_at_once_and_only_once(service, bolt_app, fake_slack):
    reference = register(
        service, bolt_app, fake_slack, severity="hoog", severity_reason="Derde keer dit jaar."
    )

    (alert,) = to_management(service, fake_slack)
    assert f"Direct melden: {reference}" in alert and "ernst hoog" in alert
    assert "Derde keer dit jaar." in alert
    assert "Samira" not in alert and "magazijn" not in alert and "afkomst" not in alert
    view = click(bolt_app, fake_slack, OFFICER, Action.NOTE, reference)
    assert submit(bolt_app, OFFICER, view, {"text": "Teruggebeld."}).body == ""
    assert len(to_management(service, fake_slack)) == 1  # saving again tells nothing new


def test_a_discrimination_signal_reaches_management_without_the_complainant(
    service, bolt_app, fake_slack
):
    reference = register(service, bolt_app, fake_slack, route="discriminatie")

    (alert,) = to_management(service, fake_slack)
    assert "signaal van discriminatie" in alert and reference in alert
    assert "Vertrouwelijk" in alert
    assert "Samira" not in alert and "afkomst" not in alert

    card = shown(command(bolt_app, MANAGEMENT, reference))
    assert "Samira" not in card and "afkomst" not in card and "magazijn" not in card
    assert "vertrouwelijk (signaal van discriminatie)" in card
    listed = shown(command(bolt_app, MANAGEMENT, "lijst"))
    assert reference in listed and "afkomst" not in listed


def test_an_employee_asked_about_a_discrimination_signal_sees_only_the_officers_request(
    service, bolt_app, fake_slack, deliverer
):
    reference = register(service, bolt_app, fake_slack, route="discriminatie")
    view = click(bolt_app, fake_slack, OFFICER, Action.CONTACT, reference)
    assert submit(bolt_app, OFFICER, view, valid_values(Action.CONTACT, service.now())).body == ""
    ask(bolt_app, fake_slack, service, deliverer, reference, [EMPLOYEE["id"]])

    request = json.dumps(dm(fake_slack, EMPLOYEE).blocks, ensure_ascii=False)
    assert "Wil je vertellen hoe dit ging?" in request  # the officer's own message
    assert "Samira" not in request and "afkomst" not in request and "magazijn" not in request

    for person in (EMPLOYEE, STRANGER):
        for typed in ("lijst", "zoek magazijn", "zoek samira", f"zoek {reference}"):
            answer = shown(command(bolt_app, person, typed))
            assert reference not in answer.replace(f"“{reference}”", ""), (person, typed)
            assert "Samira" not in answer and "magazijn" not in answer.replace("“magazijn”", "")
        refused = command(bolt_app, person, reference)
        assert refused == {
            "text": f"Klacht {reference} kun je niet inzien: je bent er niet om "
            "een reactie over gevraagd."
        }
