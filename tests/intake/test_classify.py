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
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Auto-Submitted": "auto-generated"},
        {"X-Autoreply": "yes"},
        {"X-Autorespond": "Vacation"},
        {"Precedence": "bulk"},
        {"Precedence": "junk"},
        {"Precedence": "list"},
        {"Precedence": "auto_reply"},
    ],
)
def test_auto_reply_headers(headers: dict[str, str]) -> None:
    assert verdict_of(headers=headers).reason is Reason.AUTO_REPLY


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
