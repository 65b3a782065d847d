"""The acknowledgement as it reaches a real SMTP server (aiosmtpd), byte for byte: one envelope
recipient, only the headers we write, values from outside only where they are safe, and a To
header that parses back to the one address however it is folded."""

from __future__ import annotations

import email
import quopri
from email import policy

from sqlalchemy import select

from bot.intake.acknowledge import send_pending_acknowledgements
from bot.intake.store import ingest_raw
from bot.service import ComplaintService
from storage.models import Acknowledgement
from tests.intake.conftest import START, with_smtp
from tests.intake.messages import complaint_mail
from tests.intake.test_real_mail import mail
from tests.support.smtp import Envelope

HEADER_NAMES = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Auto-Submitted",
    "X-Auto-Response-Suppress",
    "X-Klachtenbot",
    "Content-Type",
    "Content-Transfer-Encoding",
    "MIME-Version",
]


def acknowledged(raw: bytes, service: ComplaintService, smtp) -> Envelope:
    handler, _port = smtp
    ingest_raw(raw, START, service)
    assert send_pending_acknowledgements(service).sent == 1
    (envelope,) = handler.envelopes
    return envelope


def header_lines(content: bytes) -> list[bytes]:
    return content.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def unfolded(content: bytes) -> list[tuple[str, str]]:
    """The header fields as (name, value), continuation lines joined."""
    fields: list[tuple[str, str]] = []
    for line in header_lines(content):
        if line[:1] in (b" ", b"\t"):
            name, value = fields.pop()
            fields.append((name, value + line.decode("ascii")))
        else:
            name, _, value = line.decode("ascii").partition(": ")
            fields.append((name, value))
    return fields


def message_id(db) -> str:
    with db.session() as session:
        return session.scalars(select(Acknowledgement.message_id)).one()


def test_the_acknowledgement_byte_for_byte(smtp_service, smtp, db) -> None:
    """A display name holding ", evil@attacker.example," is no plain name: it stays out of
    the To header (and the greeting); the envelope has the one recipient."""
    envelope = acknowledged(mail("injection/display-name-with-comma.eml"), smtp_service, smtp)

    assert (envelope.mail_from, envelope.rcpt_tos) == (
        "klachten@example.nl",
        ("sanne.dewit@example.com",),
    )
    head, body = envelope.content.split(b"\r\n\r\n", 1)
    assert head.split(b"\r\n") == [
        b"From: klachten@example.nl",
        b"To: sanne.dewit@example.com",
        b"Subject: Ontvangstbevestiging van uw klacht [K-2026-0001]",
        b"Date: Mon, 23 Nov 2026 10:00:00 +0100",
        b"Message-ID: " + message_id(db).encode(),
        b"In-Reply-To: <comma.1@example.com>",
        b"References: <comma.1@example.com>",
        b"Auto-Submitted: auto-replied",
        b"X-Auto-Response-Suppress: All",
        b"X-Klachtenbot: acknowledgement",
        b'Content-Type: text/plain; charset="utf-8"',
        b"Content-Transfer-Encoding: quoted-printable",
        b"MIME-Version: 1.0",
    ]
    # Its sentences are longer than a line: the body goes quoted-printable, soft line breaks
    # keeping every line within RFC 5322's 78 characters.
    assert max(map(len, body.split(b"\r\n"))) <= 78
    assert quopri.decodestring(body) == (
        b"Geachte heer/mevrouw,\r\n\r\n"
        b"Wij hebben uw klacht op maandag 23 november 2026 om 10:00 ontvangen. Uw klacht heeft "
        b"nummer K-2026-0001; wilt u dit nummer noemen als u contact met ons opneemt?\r\n\r\n"
        b"Onze klachtenfunctionaris neemt uiterlijk woensdag 25 november 2026 om 17:00 "
        b"telefonisch contact met u op om uw klacht te bespreken.\r\n"
        b"Wij hebben in uw e-mail geen telefoonnummer gevonden. Wilt u uw telefoonnummer in een "
        b"antwoord op deze e-mail sturen?\r\n\r\n"
        b"Met vriendelijke groet,\r\n\r\n"
        b"De klachtenfunctionaris\r\n\r\n"
        b"Dit is een automatisch bericht. U kunt op deze e-mail antwoorden; uw antwoord komt bij "
        b"uw klacht terecht.\r\n"
    )
    assert b"attacker" not in envelope.content


def test_a_long_plain_name_is_folded_and_parses_back_to_the_one_address(smtp_service, smtp) -> None:
    name = "Maria Magdalena van den Heuvel-Oudshoorn tot Nijevelt"
    raw = complaint_mail(sender=f"{name} <maria.vandenheuvel@example.com>")

    envelope = acknowledged(raw, smtp_service, smtp)

    lines = header_lines(envelope.content)
    start = next(i for i, line in enumerate(lines) if line.startswith(b"To: "))
    assert lines[start + 1].startswith(b" ")  # folded onto a continuation line
    assert all(len(line) <= 78 for line in lines)
    parsed = email.message_from_bytes(envelope.content, policy=policy.default)
    (address,) = parsed["To"].addresses
    assert (address.display_name, address.addr_spec) == (name, "maria.vandenheuvel@example.com")
    assert envelope.rcpt_tos == ("maria.vandenheuvel@example.com",)
    assert quopri.decodestring(envelope.content.split(b"\r\n\r\n", 1)[1]).startswith(
        f"Beste {name},".encode()
    )


def test_a_name_with_a_special_character_is_quoted_not_split(smtp_service, smtp) -> None:
    raw = complaint_mail(sender='"J. de Vries" <j.devries@example.com>')

    envelope = acknowledged(raw, smtp_service, smtp)

    assert ("To", '"J. de Vries" <j.devries@example.com>') in unfolded(envelope.content)
    parsed = email.message_from_bytes(envelope.content, policy=policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["j.devries@example.com"]


def test_an_encoded_message_id_never_reaches_a_header(smtp_service, smtp) -> None:
    """The Message-ID of the issue: an RFC 2047 word with an encoded CR/LF, Content-Type and an
    HTML body. It is no msg-id, so no In-Reply-To or References is written at all."""
    for name in (
        "injection/message-id-encoded-crlf.eml",
        "injection/message-id-atext-encoded-word.eml",
    ):
        smtp[0].envelopes.clear()
        envelope = acknowledged(mail(name), smtp_service, smtp)

        assert [field for field, _value in unfolded(envelope.content)] == HEADER_NAMES
        assert b"text/html" not in envelope.content and b"evil" not in envelope.content
        assert envelope.content.count(b"Content-Type") == 1


def test_a_url_in_the_name_is_not_repeated_to_a_forged_address(smtp_service, smtp) -> None:
    envelope = acknowledged(mail("injection/greeting-url-in-name.eml"), smtp_service, smtp)

    assert ("To", "victim@example.com") in unfolded(envelope.content)
    body = quopri.decodestring(envelope.content.split(b"\r\n\r\n", 1)[1])
    assert body.startswith(b"Geachte heer/mevrouw,\r\n")
    assert b"evil.example" not in envelope.content and b"geblokkeerd" not in envelope.content


def test_an_uncertain_phone_number_is_asked_for_and_the_agency_signs(
    db, settings, clock, smtp
) -> None:
    organisation = "Spijtenburg Werving en Advies B.V."
    service = with_smtp(db, settings, clock, smtp[1], organisation_name=organisation)

    envelope = acknowledged(mail("misread/phone-factuurnummer-only.eml"), service, smtp)

    body = quopri.decodestring(envelope.content.split(b"\r\n\r\n", 1)[1]).decode()
    assert "0201234567" not in body and "Wij bellen u op" not in body
    assert "Wij weten niet zeker of wij het goede telefoonnummer" in body
    assert "De klachtenfunctionaris van Spijtenburg Werving en Advies B.V.\r\n" in body
