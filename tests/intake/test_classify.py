from __future__ import annotations

import pytest

from bot.intake.classify import Reason, classify
from bot.intake.parse import parse_message
from tests.intake.messages import complaint_mail

OWN = ("klachten@example.nl",)


def verdict_of(**kwargs):
    return classify(parse_message(complaint_mail(**kwargs)), OWN)


def test_an_ordinary_complaint_is_not_ignored() -> None:
    assert verdict_of().reason is None


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Auto-Submitted": "auto-replied"}, Reason.AUTO_REPLY),
        ({"Auto-Submitted": "auto-generated"}, Reason.NOTIFICATION),
        ({"Auto-Submitted": "auto-notified"}, Reason.NOTIFICATION),
        ({"X-Autoreply": "yes"}, Reason.AUTO_REPLY),
        ({"X-Autorespond": "Vacation"}, Reason.AUTO_REPLY),
        ({"Precedence": "bulk"}, Reason.NEWSLETTER),
        ({"Precedence": "junk"}, Reason.NEWSLETTER),
        ({"Precedence": "list"}, Reason.LIST_POST),
        ({"Precedence": "auto_reply"}, Reason.AUTO_REPLY),
    ],
)
def test_machine_headers_each_with_its_reason(headers: dict[str, str], reason: Reason) -> None:
    assert verdict_of(headers=headers).reason is reason


def test_auto_submitted_no_is_a_person_writing() -> None:
    assert verdict_of(headers={"Auto-Submitted": "no"}).reason is None


@pytest.mark.parametrize(
    "subject",
    [
        "Automatisch antwoord: Uw bericht",
        "Automatic reply: Your message",
        "Out of Office: Klacht",
        "Afwezigheidsmelding",
        "Afwezig",
        "Auto-Reply: Klacht",
    ],
)
def test_out_of_office_subjects(subject: str) -> None:
    assert verdict_of(subject=subject).reason is Reason.AUTO_REPLY


@pytest.mark.parametrize(
    "subject",
    [
        "Afwezigheid van mijn begeleider",
        "Afwezig op de afgesproken dag",
        "Buiten kantoortijd gebeld",
    ],
)
def test_complaints_about_absence_are_not_mistaken_for_out_of_office(subject: str) -> None:
    assert verdict_of(subject=subject).reason is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sender": "Mail Delivery System <MAILER-DAEMON@mx.example.net>"},
        {"sender": "postmaster@example.net"},
        {"headers": {"X-Failed-Recipients": "iemand@example.com"}},
        {"subject": "Undeliverable: Klacht", "headers": {"Return-Path": "<>"}},
    ],
)
def test_bounces(kwargs) -> None:
    assert verdict_of(**kwargs).reason is Reason.BOUNCE


def test_delivery_report_is_a_bounce() -> None:
    raw = (
        b"From: mx@example.net\r\nSubject: Report\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nNiet afgeleverd.\r\n--b--\r\n"
    )
    assert classify(parse_message(raw), OWN).reason is Reason.BOUNCE


def test_own_acknowledgement_coming_back() -> None:
    assert verdict_of(sender="Klachten <KLACHTEN@example.nl>").reason is Reason.OWN_ACKNOWLEDGEMENT
    marked = verdict_of(headers={"X-Klachtenbot": "acknowledgement"})
    assert marked.reason is Reason.OWN_ACKNOWLEDGEMENT


def test_not_a_message_and_empty() -> None:
    assert classify(parse_message(b"\x00\xff garbage"), OWN).reason is Reason.NOT_A_MESSAGE
    empty = b"From: klant@example.com\r\nSubject: \r\n\r\n\r\n"
    assert classify(parse_message(empty), OWN).reason is Reason.EMPTY


def raw_verdict(raw: bytes):
    return classify(parse_message(raw), OWN)


@pytest.mark.parametrize(
    ("from_header", "extra"),
    [
        ("MAILER-DAEMON <>", ""),  # null sender, no delivery-status part
        ("Mail Delivery Subsystem <MAILER-DAEMON>", ""),
        ("<>", ""),
        ("post_master@vtext.example.com", ""),
        ("Mail Delivery System <Mailer-Daemon@mx.example.com>", ""),
        ("server@example.com", "Return-Path: <>\r\n"),  # null reverse path
    ],
)
def test_null_reverse_path_and_mail_daemons_are_bounces(from_header: str, extra: str) -> None:
    raw = f"From: {from_header}\r\n{extra}Subject: Mail\r\n\r\nIets ging mis.\r\n".encode()

    verdict = raw_verdict(raw)

    assert verdict.reason is Reason.BOUNCE and verdict.detail


def report_inside_mixed(part_type: str, subject: str = "Delivery Status") -> bytes:
    return (
        f"From: gateway@example.com\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n"
        f"--b\r\nContent-Type: {part_type}\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
        "--b--\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("part_type", "reason"),
    [
        ("message/delivery-status", Reason.BOUNCE),
        ("text/rfc822-headers", Reason.BOUNCE),
        ("message/feedback-report", Reason.FEEDBACK_REPORT),
        ("message/disposition-notification", Reason.AUTO_REPLY),
    ],
)
def test_report_parts_give_a_report_away_wherever_they_sit(part_type: str, reason) -> None:
    assert raw_verdict(report_inside_mixed(part_type)).reason is reason


@pytest.mark.parametrize(
    ("headers", "sender", "reason"),
    [
        ({"x-amz-sns-message-id": "02f86d9b"}, "SES <no-reply@sns.amazonaws.com>", "provider"),
        ({}, "no-reply@sns.amazonaws.com", "provider"),
        ({}, "notifications@bounces.sendgrid.net", "provider"),
        ({"X-MLServer": "fml 4.0.3", "List-Id": "<l.example.org>"}, "l-admin@example.org", "list"),
        ({"List-Id": "<l.example.org>"}, "owner-l@example.org", "list"),
        ({"X-Loop": "l@example.org"}, "l@example.org", "loop"),
    ],
)
def test_provider_and_list_software_notices(headers, sender, reason) -> None:
    subject = "mail loop detected" if reason == "loop" else "Notification"
    verdict = verdict_of(sender=sender, subject=subject, headers=headers)

    expected = Reason.PROVIDER_NOTIFICATION if reason == "provider" else Reason.LIST_NOTICE
    assert verdict.reason is expected


@pytest.mark.parametrize(
    ("subject", "reason"),
    [
        ("Undeliverable: Klacht", Reason.BOUNCE),
        ("Onbestelbaar: Klacht", Reason.BOUNCE),
        ("Unzustellbar: Beschwerde", Reason.BOUNCE),
        ("Non remis : Réclamation", Reason.BOUNCE),
        ("Échec de la remise du message", Reason.BOUNCE),
        ("Returned mail: see transcript for details", Reason.BOUNCE),
        ("failure notice", Reason.BOUNCE),
        ("Automatische Antwort: Beschwerde", Reason.AUTO_REPLY),
        ("Réponse automatique : Réclamation", Reason.AUTO_REPLY),
        ("Abwesenheitsnotiz", Reason.AUTO_REPLY),
        ("complaint about message from 192.0.2.222", Reason.FEEDBACK_REPORT),
    ],
)
def test_machine_subjects_in_four_languages(subject: str, reason) -> None:
    assert verdict_of(subject=subject).reason is reason


@pytest.mark.parametrize(
    "subject",
    [
        "Klacht: pakket niet afgeleverd",
        "Mijn loon is onbestelbaar gebleken?",
        "Complaint about message from your planner",
        "Absentie niet goed verwerkt",
    ],
)
def test_complaints_using_such_words_are_still_complaints(subject: str) -> None:
    assert verdict_of(subject=subject).reason is None


def test_a_website_form_from_no_reply_is_a_complaint_from_the_reply_to() -> None:
    raw = complaint_mail(
        sender="Website <no-reply@example-site.nl>",
        headers={"Reply-To": "Fatima el Amrani <fatima@example.com>"},
    )

    parsed = parse_message(raw)

    assert classify(parsed, OWN).reason is None
    assert parsed.complainant.email == "fatima@example.com"


def test_a_no_reply_carrier_returning_a_message_is_a_bounce() -> None:
    original = complaint_mail(sender="klachten@example.nl", subject="Ontvangen")
    raw = (
        b"From: no-reply@carrier.example.jp\r\nReply-To: no-reply@app.example.jp\r\n"
        b"Subject: =?utf-8?b?44Oh44O844Or44Ko44Op44O86YCa55+l?=\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nMailbox full.\r\n"
        b"--b\r\nContent-Type: message/rfc822\r\n\r\n" + original + b"\r\n--b--\r\n"
    )

    assert raw_verdict(raw).reason is Reason.BOUNCE
    # The same without the returned message is a notification no one can answer; with a
    # person in Reply-To it is a website form, a complaint.
    no_reply = raw_verdict(complaint_mail(sender="no-reply@carrier.example.jp"))
    assert no_reply.reason is Reason.NOTIFICATION
    form = complaint_mail(sender="no-reply@carrier.example.jp", headers={"Reply-To": "a@b.nl"})
    assert raw_verdict(form).reason is None
