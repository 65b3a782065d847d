"""`/klacht K-2026-0001 historie`: every event in order with who, when and before/after, for the
officer in full and for management without who complained; nobody else sees it."""

from __future__ import annotations

import json

from bot.procedure import Actor, Role
from bot.procedure import steps as procedure
from bot.procedure.inputs import Note
from tests.procedure import builders as b
from tests.slack.conftest import dispatch_command, response_json, submit_email
from tests.slack.payloads import EMPLOYEE, MANAGEMENT, OFFICER, slash_command

ANNA = Actor("UOFFICER", Role.OFFICER, "anna")


def history(bolt_app, user: dict[str, str], text: str) -> dict:
    return response_json(dispatch_command(bolt_app, slash_command(user, text)))


def test_officer_sees_every_event_with_before_and_after(service, bolt_app) -> None:
    complaint = submit_email(service, complainant_name="J. de Vries")
    registration = b.registration(complainant_name="Jan de Vries", complainant_phone="0612345678")
    service.change(complaint.reference, procedure.register, ANNA, registration)
    service.change(complaint.reference, procedure.add_note, ANNA, Note("Teruggebeld, geen gehoor"))

    answer = history(bolt_app, OFFICER, f"{complaint.reference.lower()} historie")

    sections = [block["text"]["text"] for block in answer["blocks"] if block["type"] == "section"]
    assert [s.split("·")[1].strip() for s in sections] == [
        "Klacht ontvangen",
        "Geregistreerd",
        "Notitie",
    ]
    received, registered, note = sections
    assert "klachtenbot (klachtenbot)" in received
    assert "anna (klachtenfunctionaris) · status Ontvangen → Geregistreerd" in registered
    assert "Naam: J. de Vries → Jan de Vries" in registered
    assert "Telefoon: (leeg) → 06 12345678" in registered
    assert "Categorie: (leeg) → Salaris en verloning" in registered
    assert "Tekst: Teruggebeld, geen gehoor" in note


def test_management_sees_how_it_was_handled_not_who_complained(service, bolt_app) -> None:
    complaint = submit_email(service, complainant_name="Jan de Vries")
    registration = b.registration(complainant_name="Jan de Vries", complainant_phone="0612345678")
    service.change(complaint.reference, procedure.register, ANNA, registration)

    answer = history(bolt_app, MANAGEMENT, f"{complaint.reference} historie")

    shown = json.dumps(answer, ensure_ascii=False)
    assert "Geregistreerd" in shown and "Salaris en verloning" in shown
    for personal in ("Jan de Vries", "jan@example.nl", "12345678"):
        assert personal not in shown


def test_an_employee_is_refused_and_an_unknown_reference_explained(service, bolt_app) -> None:
    complaint = submit_email(service)

    refused = history(bolt_app, EMPLOYEE, f"{complaint.reference} historie")
    assert refused["text"].startswith("Alleen de klachtenfunctionaris of de directie")
    assert "Jan" not in json.dumps(refused)

    unknown = history(bolt_app, OFFICER, "K-2026-0999 historie")
    assert "K-2026-0999" in unknown.get("text", "") + json.dumps(unknown.get("blocks", []))
