"""The complainant's side in Slack, through signed requests against the fake Slack: the
registration asks kind, remedy and severity; closing asks the outcome and shows the decision
letter to edit; the complaint's buttons reclassify, extend the decision deadline, and record
the complainant's answer, their recourse and its result; each with its errors at its field."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bot.procedure import Acceptance, EventKind, Outcome, RecourseBody, Route, Severity, State
from bot.views.ids import Action
from tests.slack.conftest import CHANNEL, response_json, submit_email
from tests.slack.flows import click, initial_values, submit, unix, valid_values
from tests.slack.payloads import OFFICER

REGISTRATION = valid_values(Action.REGISTER, dt.datetime.now(dt.UTC))


def errors(response) -> dict[str, str]:
    body = response_json(response)
    assert body.get("response_action") == "errors", body
    return body["errors"]


def next_page(response) -> dict[str, Any]:
    body = response_json(response)
    assert body.get("response_action") == "update", body
    return body["view"]


def registered(service, bolt_app, fake_slack, **values: Any) -> str:
    reference = submit_email(service).reference
    view = click(bolt_app, fake_slack, OFFICER, Action.REGISTER, reference)
    assert submit(bolt_app, OFFICER, view, {**REGISTRATION, **values}).body == ""
    return reference


def contacted(service, bolt_app, fake_slack, **values: Any) -> str:
    reference = registered(service, bolt_app, fake_slack, **values)
    view = click(bolt_app, fake_slack, OFFICER, Action.CONTACT, reference)
    assert submit(bolt_app, OFFICER, view, valid_values(Action.CONTACT, service.now())).body == ""
    return reference


def root_buttons(fake_slack, deliverer) -> list[str]:
    deliverer.deliver_pending()
    (root,) = fake_slack.roots(CHANNEL)
    # the buttons, and the actions in the overflow menu ("action|context")
    shown = []
    for element in root.blocks[-1]["elements"]:
        options = element.get("options") or [{"value": element["action_id"]}]
        shown += [option["value"].split("|")[0] for option in options]
    return shown


def test_registration_asks_kind_remedy_and_severity_with_errors_at_their_field(
    service, bolt_app, fake_slack
) -> None:
    reference = submit_email(service).reference
    view = click(bolt_app, fake_slack, OFFICER, Action.REGISTER, reference)
    shown = {block.get("block_id") for block in view["blocks"]}
    assert {"route", "suitable_work", "remedy", "remedy_text", "severity"} <= shown
    assert initial_values(view)["route"] is None  # a select: its initial option instead
    route = next(b for b in view["blocks"] if b.get("block_id") == "route")
    assert route["element"]["initial_option"]["value"] == "dienstverlening"

    def refused(**changed: Any) -> dict[str, str]:
        values = {**REGISTRATION, **changed}
        return errors(submit(bolt_app, OFFICER, view, values))

    assert refused(severity=None) == {"severity": "Vul dit veld in."}
    assert refused(remedy=None) == {"remedy": "Vul dit veld in."}
    assert refused(severity="hoog") == {
        "severity_reason": "Geef in een paar woorden aan waarom de ernst hoog is."
    }
    assert refused(remedy="anders") == {"remedy_text": "Beschrijf welke oplossing de klant wil."}
    assert refused(suitable_work=["ja"]) == {
        "suitable_work": "Passende arbeid geldt alleen bij een cao-geschil."
    }
    assert service.get(reference).state is State.RECEIVED

    values = {
        **REGISTRATION,
        "route": "cao_geschil",
        "suitable_work": ["ja"],
        "remedy": "anders",
        "remedy_text": "Nabetaling van de toeslag",
        "severity": "hoog",
        "severity_reason": "Al drie maanden te weinig loon.",
    }
    assert submit(bolt_app, OFFICER, view, values).body == ""

    complaint = service.get(reference)
    assert (complaint.route, complaint.suitable_work) == (Route.CAO_DISPUTE, True)
    assert complaint.remedy_text == "Nabetaling van de toeslag"
    assert (complaint.severity, complaint.severity_reason[:9]) == (Severity.HIGH, "Al drie m")
    registered_on = complaint.registered_at.astimezone(service.settings.tz).date()
    last_day = complaint.decision_deadline.astimezone(service.settings.tz).date()
    assert (last_day - registered_on).days >= 14  # passende arbeid: two weeks


def test_closing_asks_the_outcome_then_shows_the_letter_to_edit(
    service, bolt_app, fake_slack, deliverer
) -> None:
    reference = contacted(service, bolt_app, fake_slack, route="sollicitant")
    view = click(bolt_app, fake_slack, OFFICER, Action.CLOSE, reference)
    assert view["submit"]["text"] == "Naar de besluitbrief"
    closing = valid_values(Action.CLOSE, service.now())

    assert errors(submit(bolt_app, OFFICER, view, {**closing, "outcome": None})) == {
        "outcome": "Vul dit veld in."
    }
    page = next_page(submit(bolt_app, OFFICER, view, {**closing, "outcome": "ongegrond"}))
    assert page["submit"]["text"] == "Afsluiten"
    answers = initial_values(page)
    assert answers["resolution"] == closing["resolution"]  # what was typed stays
    letter = answers["decision_letter"]
    assert "Ons oordeel: ongegrond." in letter and "Klachteninstantie NVP" in letter
    assert service.get(reference).state is State.CONTACTED  # nothing closed yet

    # A written answer is required for an applicant; an unedited letter follows a new outcome.
    assert errors(submit(bolt_app, OFFICER, page, {**closing, "outcome": "ongegrond"})) == {
        "decision_letter": (
            "Bij een klacht van de soort sollicitant hoort een schriftelijk besluit: vul de "
            "brief in."
        )
    }
    recomposed = next_page(
        submit(
            bolt_app, OFFICER, page, {**closing, "outcome": "gegrond", "decision_letter": letter}
        )
    )
    letter = initial_values(recomposed)["decision_letter"]
    assert "Ons oordeel: gegrond." in letter
    edited = letter.replace("Met vriendelijke groet", "Met hartelijke groet")
    assert errors(
        submit(
            bolt_app,
            OFFICER,
            recomposed,
            {**closing, "outcome": "deels_gegrond", **{"decision_letter": edited}},
        )
    ) == {
        "decision_letter": (
            "Deze brief is geschreven voor het besluit Gegrond. Kies dat besluit weer, of pas de "
            "brief aan het nieuwe besluit aan (maak het veld leeg en kies Afsluiten zonder brief "
            "waar dat mag)."
        )
    }

    final = {**closing, "outcome": "gegrond", "decision_letter": edited}
    assert submit(bolt_app, OFFICER, recomposed, final).body == ""
    complaint = service.get(reference)
    assert (complaint.state, complaint.outcome) == (State.CLOSED, Outcome.UPHELD)
    assert complaint.decision_letter.endswith("Met hartelijke groet,\n\nDe klachtenfunctionaris")
    assert root_buttons(fake_slack, deliverer)[0] == Action.ACCEPTANCE


def test_a_service_complaint_may_close_without_a_letter(service, bolt_app, fake_slack) -> None:
    reference = contacted(service, bolt_app, fake_slack)
    view = click(bolt_app, fake_slack, OFFICER, Action.CLOSE, reference)
    closing = valid_values(Action.CLOSE, service.now())
    page = next_page(submit(bolt_app, OFFICER, view, closing))
    letter_block = next(b for b in page["blocks"] if b.get("block_id") == "decision_letter")
    assert letter_block["optional"] is True

    assert submit(bolt_app, OFFICER, page, {**closing, "decision_letter": ""}).body == ""
    complaint = service.get(reference)
    assert (complaint.state, complaint.outcome, complaint.decision_letter) == (
        State.CLOSED,
        Outcome.UPHELD,
        None,
    )


def test_the_officer_extends_the_decision_deadline_with_a_reason(
    service, bolt_app, fake_slack, deliverer
) -> None:
    reference = registered(service, bolt_app, fake_slack)
    before = service.get(reference).decision_deadline
    assert Action.EXTEND in root_buttons(fake_slack, deliverer)
    view = click(bolt_app, fake_slack, OFFICER, Action.EXTEND, reference)
    assert "Beslistermijn nu:" in json.dumps(view, ensure_ascii=False)

    local = before.astimezone(service.settings.tz).date()
    sunday = local + dt.timedelta(days=(6 - local.weekday()) % 7 or 7)
    reason = {"reason": "We wachten op de loonadministratie."}
    wrong = errors(submit(bolt_app, OFFICER, view, {**reason, "new_date": sunday.isoformat()}))
    assert list(wrong) == ["new_date"] and "geen werkdag" in wrong["new_date"]
    assert errors(submit(bolt_app, OFFICER, view, {"new_date": None, **reason})) == {
        "new_date": "Vul dit veld in."
    }

    monday = sunday + dt.timedelta(days=1 if sunday.month != 12 or sunday.day < 24 else 15)
    assert submit(bolt_app, OFFICER, view, {**reason, "new_date": monday.isoformat()}).body == ""
    complaint = service.get(reference)
    assert complaint.decision_deadline.astimezone(service.settings.tz).date() == monday
    extended = complaint.last_event(EventKind.DEADLINE_EXTENDED)
    assert extended.data["reason"] == reason["reason"]


def test_answer_recourse_and_its_result_from_the_complaints_buttons(
    service, bolt_app, fake_slack, deliverer
) -> None:
    reference = contacted(service, bolt_app, fake_slack, route="cao_geschil")
    view = click(bolt_app, fake_slack, OFFICER, Action.CLOSE, reference)
    closing = {**valid_values(Action.CLOSE, service.now()), "outcome": "ongegrond"}
    page = next_page(submit(bolt_app, OFFICER, view, closing))
    letter = initial_values(page)["decision_letter"]
    assert "Geschillencommissie" in letter
    assert submit(bolt_app, OFFICER, page, {**closing, "decision_letter": letter}).body == ""

    view = click(bolt_app, fake_slack, OFFICER, Action.ACCEPTANCE, reference)
    options = next(b for b in view["blocks"] if b.get("block_id") == "acceptance")
    assert [o["value"] for o in options["element"]["options"]] == ["akkoord", "niet_akkoord"]
    answer = valid_values(Action.ACCEPTANCE, service.now())
    assert submit(bolt_app, OFFICER, view, answer).body == ""
    assert service.get(reference).acceptance is Acceptance.DISAGREED
    assert root_buttons(fake_slack, deliverer)[:2] == [Action.RECOURSE, Action.REOPEN]

    view = click(bolt_app, fake_slack, OFFICER, Action.RECOURSE, reference)
    body = next(b for b in view["blocks"] if b.get("block_id") == "recourse_body")
    assert body["element"]["initial_option"]["value"] == "gcu"  # the route's body
    other = {"recourse_body": "anders", "recourse_on": service.now().date().isoformat()}
    assert errors(submit(bolt_app, OFFICER, view, other)) == {
        "recourse_body_name": "Noem de instantie waar de klant naartoe is gegaan."
    }
    assert submit(bolt_app, OFFICER, view, valid_values(Action.RECOURSE, service.now())).body == ""
    complaint = service.get(reference)
    assert (complaint.recourse_body, complaint.recourse_open) == (RecourseBody.GCU, True)
    assert root_buttons(fake_slack, deliverer) == [Action.RECOURSE_RESULT, Action.NOTE]

    view = click(bolt_app, fake_slack, OFFICER, Action.RECOURSE_RESULT, reference)
    result = valid_values(Action.RECOURSE_RESULT, service.now())
    assert submit(bolt_app, OFFICER, view, result).body == ""
    complaint = service.get(reference)
    assert complaint.recourse_result is Outcome.NOT_UPHELD and not complaint.recourse_open
    assert root_buttons(fake_slack, deliverer) == [Action.REOPEN, Action.NOTE]


def test_reclassifying_records_the_new_kind_and_severity(service, bolt_app, fake_slack) -> None:
    reference = registered(service, bolt_app, fake_slack)
    view = click(bolt_app, fake_slack, OFFICER, Action.RECLASSIFY, reference)
    severity = next(b for b in view["blocks"] if b.get("block_id") == "severity")
    assert severity["element"]["initial_option"]["value"] == "middel"  # as registered
    same = {"route": "dienstverlening", "remedy": "herstel", "severity": "middel"}
    assert errors(submit(bolt_app, OFFICER, view, same)) == {
        "route": "Er is niets gewijzigd: kies een andere soort, ernst of gewenste oplossing."
    }

    changed = valid_values(Action.RECLASSIFY, service.now())
    assert submit(bolt_app, OFFICER, view, changed).body == ""
    complaint = service.get(reference)
    event = complaint.last_event(EventKind.RECLASSIFIED)
    assert (event.data["route"], event.data["severity"]) == ("cao_geschil", "hoog")
    assert complaint.suitable_work and complaint.severity is Severity.HIGH
    assert unix(complaint.decision_deadline) > 0
