"""`/klacht K-2026-0001 historie`: every event in order with who, when and before/after, for the
officer in full and for management without who complained; nobody else sees it."""

from __future__ import annotations

import json
from email.message import EmailMessage

from bot.intake.store import ingest_raw
from bot.procedure import Actor, Role
from bot.procedure import steps as procedure
from bot.procedure.inputs import DiscussionRequest, Note
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
    assert " · klachtenbot · " in received and "klachtenbot (klachtenbot)" not in received
    assert "anna (klachtenfunctionaris) · status Ontvangen → Geregistreerd" in registered
    assert "Naam: J. de Vries → Jan de Vries" in registered
    assert "Telefoon: 06 12345678" in registered
    assert "Categorie: Salaris en verloning" in registered
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


ZOE = "zoe.zoekmij@privemail.nl"
ZOE_TRACES = ("55556666", "12345678", "zoekmij", "privemail", "Zoë")


def zoe_with_a_reply(service) -> str:
    """Zoë's complaint with her number and address in its subject and text, a note of the
    officer's with her number, and her reply whose subject holds both again."""
    complaint = submit_email(
        service,
        subject="Bel me op 06-55556666 of zoe.zoekmij@privemail.nl",
        body="Mijn uren kloppen niet. Bel (0)6-12345678.\nGroet, Zoë Zoekmij",
        complainant_name="Zoë Zoekmij",
        complainant_email=ZOE,
    )
    reference = complaint.reference
    registration = b.registration(complainant_name="Zoë Zoekmij", complainant_phone="0655556666")
    service.change(reference, procedure.register, ANNA, registration)
    service.change(reference, procedure.add_note, ANNA, Note("Zoë gebeld op 06 5555 6666"))
    service.change(
        reference,
        procedure.request_discussion,
        ANNA,
        DiscussionRequest((EMPLOYEE["id"],)),
    )
    reply = EmailMessage()
    reply["From"] = f"Zoë Zoekmij <{ZOE}>"
    reply["To"] = "klachten@example.nl"
    reply["Subject"] = f"Re: [{reference}] bel me op 06-55556666 of {ZOE}"
    reply["Message-ID"] = "<antwoord-zoe@privemail.nl>"
    reply.set_content("Ik ben bereikbaar op 06-55556666.\nZoë")
    outcome = ingest_raw(reply.as_bytes(), service.now(), service)
    assert outcome.reference == reference
    return reference


def test_masking_holds_in_every_view_for_every_role(service, bolt_app) -> None:
    """Management's history, card and search, and the asked employee's card and search, show
    no name, number or address of the complainant, wherever it was written: subject, text,
    a note, a reply's subject. The officer sees it all."""
    reference = zoe_with_a_reply(service)

    officer = json.dumps(history(bolt_app, OFFICER, f"{reference} historie"), ensure_ascii=False)
    assert "Reactie per e-mail ontvangen" in officer and "55556666" in officer

    views = {
        "management history": history(bolt_app, MANAGEMENT, f"{reference} historie"),
        "management card": history(bolt_app, MANAGEMENT, reference),
        "management search": history(bolt_app, MANAGEMENT, "zoek uren"),
        "employee card": history(bolt_app, EMPLOYEE, reference),
        "employee search": history(bolt_app, EMPLOYEE, "zoek bel"),
    }
    for view, answer in views.items():
        shown = json.dumps(answer, ensure_ascii=False)
        assert reference in shown, view
        for personal in ZOE_TRACES:
            assert personal not in shown, (view, personal)
    management = json.dumps(views["management history"], ensure_ascii=False)
    assert "Reactie per e-mail ontvangen" in management and "Notitie" in management
    assert "&lt;telefoon&gt;" in management and "&lt;e-mail&gt;" in management


def test_what_an_employee_and_the_officer_say_to_each_other_stays_between_them(service) -> None:
    """The employee is promised 'Alleen jij ziet dit bericht': management's history leaves
    out the officer's message to them, their answer and the reason another declined; the
    officer reads all of it; an employee reads their own part, not a colleague's."""
    from bot.procedure.inputs import Decline, EmployeeResponse
    from bot.slack.views import render
    from bot.views.history import history as history_view

    reference = submit_email(service).reference
    service.change(reference, procedure.register, ANNA, b.registration())
    asked = DiscussionRequest(("UBRAM", "UEVA"), message="Bram, kun je dit even uitleggen?")
    service.change(reference, procedure.request_discussion, ANNA, asked)
    bram, eva = Actor("UBRAM", Role.EMPLOYEE, "bram"), Actor("UEVA", Role.EMPLOYEE, "eva")
    answer = EmployeeResponse("Ik was die week ziek", "Overdracht mislukt", "Checklist")
    service.change(reference, procedure.record_employee_response, bram, answer)
    service.change(reference, procedure.decline_discussion, eva, Decline("Niet mijn vestiging"))
    complaint = service.get(reference)
    private = (
        "kun je dit even uitleggen",
        "Ik was die week ziek",
        "Overdracht mislukt",
        "Checklist",
        "Niet mijn vestiging",
    )

    def shown(role: Role, viewer: str | None = None) -> str:
        view = history_view(complaint, role, service.now(), viewer)
        return json.dumps(render.message(view), ensure_ascii=False)

    management = shown(Role.MANAGEMENT)
    assert "bram (medewerker)" in management and "eva (medewerker)" in management  # the events
    for said in private:
        assert said not in management, said
    officer = shown(Role.OFFICER)
    for said in ("kun je dit even uitleggen", "Ik was die week ziek", "Niet mijn vestiging"):
        assert said in officer, said
    as_bram = shown(Role.EMPLOYEE, "UBRAM")
    assert "kun je dit even uitleggen" in as_bram and "Ik was die week ziek" in as_bram
    assert "Niet mijn vestiging" not in as_bram
    as_eva = shown(Role.EMPLOYEE, "UEVA")
    assert "Niet mijn vestiging" in as_eva and "Ik was die week ziek" not in as_eva
