"""Which mail joins a complaint: answers to our own messages, and the reference in a subject
only from the complainant's own address. A reference from anyone else starts a new complaint
that names it for the officer; after erasure, new mail from the same address starts a new
complaint that export and erasure find (the anonymised one takes no more mail)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.exports import export_complainant
from bot.intake.store import OutcomeKind, ingest_raw
from bot.privacy import erase_complainant
from bot.procedure import EventKind
from storage.models import Acknowledgement
from tests.intake.conftest import START
from tests.intake.messages import complaint_mail
from tests.intake.test_real_mail import mail

SANNE = "sanne.dewit@example.com"
LATER = START + dt.timedelta(hours=2)


def ack_id(db) -> str:
    with db.session() as session:
        return session.scalars(select(Acknowledgement.message_id)).one()


def replies(service, reference: str) -> list:
    return [e for e in service.get(reference).events if e.kind is EventKind.REPLY_RECEIVED]


def test_a_reference_from_a_stranger_starts_a_new_complaint_that_names_it(service) -> None:
    first = ingest_raw(complaint_mail(), START, service)

    outcome = ingest_raw(mail("injection/reference-from-stranger.eml"), LATER, service)

    assert outcome.kind is OutcomeKind.STORED and outcome.reference != first.reference
    assert outcome.complaint.complainant_email == "iemand@elders.example"
    assert f"het onderwerp noemt klacht {first.reference}" in outcome.complaint.body
    assert replies(service, first.reference) == []


def test_the_complainant_naming_the_reference_joins_it(service) -> None:
    first = ingest_raw(complaint_mail(), START, service)
    reply = complaint_mail(sender="SANNE.DEWIT@example.com", subject=f"Re: [{first.reference}]")

    outcome = ingest_raw(reply, LATER, service)

    assert (outcome.kind, outcome.reference) == (OutcomeKind.ATTACHED, first.reference)


def test_anyone_answering_our_acknowledgement_joins_the_complaint(service, db) -> None:
    first = ingest_raw(complaint_mail(), START, service)
    answer = complaint_mail(
        sender="Partner <partner@example.org>",
        subject="Re: Ontvangstbevestiging van uw klacht",
        body="Ik schrijf namens Sanne: zij is na 17:00 bereikbaar.",
        headers={"In-Reply-To": ack_id(db)},
    )

    outcome = ingest_raw(answer, LATER, service)

    assert (outcome.kind, outcome.reference) == (OutcomeKind.ATTACHED, first.reference)


def test_answering_the_complainants_own_mail_joins_only_from_their_address(service) -> None:
    first = ingest_raw(complaint_mail(message_id="<sanne.1@example.com>"), START, service)
    headers = {"In-Reply-To": "<sanne.1@example.com>"}
    from_her = complaint_mail(subject="Re: mijn klacht", headers=headers)
    from_someone = complaint_mail(
        sender="iemand@elders.example", subject="Re: mijn klacht", headers=headers
    )

    stranger = ingest_raw(from_someone, LATER, service)
    hers = ingest_raw(from_her, LATER, service)

    assert stranger.kind is OutcomeKind.STORED and stranger.reference != first.reference
    assert (hers.kind, hers.reference) == (OutcomeKind.ATTACHED, first.reference)


def test_after_erasure_new_mail_from_the_address_is_a_new_complaint_the_tools_find(
    service, db, tmp_path
) -> None:
    first = ingest_raw(complaint_mail(), START, service)
    acknowledgement = ack_id(db)
    erase_complainant(service, SANNE, now=LATER)
    reply = complaint_mail(
        subject=f"Re: Ontvangstbevestiging van uw klacht [{first.reference}]",
        body="Ik heb nog steeds niets gehoord. Bel 06-12345678.",
        headers={"In-Reply-To": acknowledgement},
    )

    outcome = ingest_raw(reply, LATER + dt.timedelta(days=1), service)

    assert outcome.kind is OutcomeKind.STORED and outcome.reference != first.reference
    assert outcome.complaint.complainant_email == SANNE
    assert replies(service, first.reference) == []
    assert "noemt klacht" not in outcome.complaint.body  # an erased complaint is not named
    exported = export_complainant(service, SANNE, tmp_path / "inzage", now=LATER)
    assert (exported.complaints, exported.emails) == (1, 1)
    preview = erase_complainant(service, SANNE, now=LATER, dry_run=True)
    assert [cleaning.reference for cleaning in preview.complaints] == [outcome.reference]
