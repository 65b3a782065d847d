"""The safety net for ignored mail: `klachtenbot ignored` lists it with its reason, and
`klachtenbot admit` (or the officer's button, through the same function) makes a complaint of
a message with its original receipt moment and contact deadline."""

from __future__ import annotations

import datetime as dt
import threading
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.intake.ignored import admit, ignored_mail
from bot.intake.store import ingest_raw
from bot.procedure import Actor, EventKind, NotAllowed, ProcedureError, Role, State
from storage.models import Acknowledgement, InboundAttachment, InboundMessage
from tests.intake.conftest import START
from tests.intake.messages import complaint_mail
from tests.intake.test_real_mail import mail

OFFICER = Actor("UOFFICER", Role.OFFICER, "Fatima Bakker")
EMPLOYEE = Actor("UEMPLOYEE", Role.EMPLOYEE, "Ruud Jansen")
NOTIFY = "machine/notify-at.eml"  # notify@: an automated notification, with a phone number


def ignored_id(db) -> int:
    with db.session() as session:
        return session.scalars(
            select(InboundMessage.id).where(InboundMessage.outcome == "ignored")
        ).one()


def test_ignored_lists_each_message_with_its_reason_newest_first(service, cli) -> None:
    ingest_raw(mail(NOTIFY), START, service)
    ingest_raw(
        mail("machine/newsletter-list-unsubscribe.eml"), START + dt.timedelta(days=3), service
    )
    ingest_raw(complaint_mail(), START, service)  # a complaint: not in the list

    code, out, _ = cli("ignored")

    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Genegeerde e-mail, nieuwste eerst.")
    assert lines[1].split() == ["Nummer", "Ontvangen", "Reden", "Afzender", "Onderwerp"]
    assert lines[2].split()[1:5] == [
        "2026-11-26",
        "10:00",
        "nieuwsbrief",
        "info@vakbladflex.example",
    ]
    assert lines[3].split()[1:6] == [
        "2026-11-23",
        "10:00",
        "automatische",
        "melding",
        "notify@urenportaal.example",
    ]
    assert lines[3].endswith("Er staan 3 urenbriefjes klaar om goed te keuren")
    assert len(lines) == 4

    code, out, _ = cli("ignored", "--since", "2026-11-24")
    assert code == 0 and "vakbladflex" in out and "urenportaal" not in out


def test_ignored_says_so_when_there_is_none_and_refuses_a_bad_date(cli) -> None:
    assert cli("ignored") == (0, "Geen genegeerde e-mail.\n", "")

    with pytest.raises(SystemExit) as usage:
        main(["ignored", "--since", "gisteren"])
    assert usage.value.code == 2


def test_admit_makes_a_complaint_with_the_original_receipt_and_deadline(
    service, cli, db, clock
) -> None:
    ingest_raw(mail(NOTIFY), START, service)  # Monday 23 November, 10:00
    clock.advance(hours=2)
    number = ignored_id(db)

    code, out, _ = cli("admit", str(number))

    assert code == 0
    assert out.startswith(
        f"Klacht K-2026-0001 gemaakt van e-mail {number}: ontvangen maandag 23 november 2026 "
        "om 10:00, contacttermijn woensdag 25 november 2026 om 17:00."
    )
    complaint = service.get("K-2026-0001")
    assert (complaint.state, complaint.received_at) == (State.RECEIVED, START)
    assert complaint.complainant_email == "notify@urenportaal.example"
    assert complaint.complainant_phone == "+31205551234"
    received = complaint.events[0]
    assert (received.kind, received.actor_role) == (EventKind.RECEIVED, Role.OFFICER)
    assert received.data["ignored_reason"] == "notification"
    assert cli("ignored")[1] == "Geen genegeerde e-mail.\n"
    code, shown, _ = cli("show", "K-2026-0001", "--history")
    assert "Eerst genegeerd als: automatische melding" in shown

    assert cli("admit", str(number)) == (
        1,
        "",
        f"Van e-mail {number} is al een klacht gemaakt: K-2026-0001.\n",
    )
    assert cli("admit", "999") == (
        1,
        "",
        "Er is geen genegeerde e-mail met nummer 999 (meer) bewaard; zie `klachtenbot ignored`.\n",
    )


def test_an_acknowledgement_goes_out_only_while_the_contact_deadline_is_ahead(
    service, db, clock
) -> None:
    automatic = {"Auto-Submitted": "auto-generated"}
    ingest_raw(
        complaint_mail(sender="Wim Bos <wim.bos@example.com>", headers=automatic), START, service
    )
    in_time = admit(service, ignored_id(db), OFFICER)
    ingest_raw(
        complaint_mail(sender="Els Wit <els.wit@example.com>", headers=automatic), START, service
    )
    clock.advance(days=7)

    late = admit(service, ignored_id(db), OFFICER)

    assert late.contact_deadline < clock() < late.contact_deadline + dt.timedelta(days=7)
    with db.session() as session:
        acknowledgements = session.execute(
            select(Acknowledgement.complaint_id, Acknowledgement.recipient)
        ).all()
    assert acknowledgements == [(in_time.id, "wim.bos@example.com")]


def test_only_the_officer_may_admit_and_two_clicks_make_one_complaint(service, db) -> None:
    ingest_raw(mail(NOTIFY), START, service)
    number = ignored_id(db)

    with pytest.raises(NotAllowed):
        admit(service, number, EMPLOYEE)
    outcomes: list[object] = []

    def click() -> None:
        try:
            outcomes.append(admit(service, number, OFFICER).reference)
        except ProcedureError as exc:
            outcomes.append(exc.message)

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join()

    assert sorted(map(str, outcomes))[0] == "K-2026-0001"
    assert str(sorted(map(str, outcomes))[1]).startswith(f"Van e-mail {number} is al een klacht")
    assert [c.reference for c in service.list()] == ["K-2026-0001"]
    assert ignored_mail(service) == []


def test_admitted_mail_keeps_its_attachments(service, db) -> None:
    message = EmailMessage()
    message["From"] = "Nieuwsbrief <news@shop.example>"
    message["Subject"] = "Bijlage"
    message["List-Unsubscribe"] = "<mailto:u@shop.example>"
    message.set_content("Zie bijlage.")
    message.add_attachment(
        b"%PDF-1.4 klacht", maintype="application", subtype="pdf", filename="k.pdf"
    )
    ingest_raw(message.as_bytes(), START, service)

    complaint = admit(service, ignored_id(db), OFFICER)

    with db.session() as session:
        stored = session.execute(
            select(
                InboundAttachment.filename,
                InboundAttachment.content,
                InboundAttachment.complaint_id,
            )
        ).all()
    assert stored == [("k.pdf", b"%PDF-1.4 klacht", complaint.id)]
