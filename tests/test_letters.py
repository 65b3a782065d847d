"""Letters to the complainant: the templates per outcome and route, the e-mail byte for byte,
hostile text from the officer or the complainant's own data, and the letter by post."""

from __future__ import annotations

import datetime as dt
import email
from dataclasses import replace
from email import policy
from email.headerregistry import Address

import pytest

from bot.letters import (
    build_email,
    compose_decision_letter,
    compose_extension_letter,
    decision_letter,
    extension_letter,
    recourse_text,
)
from bot.procedure import Complaint, LetterChannel, LetterKind, Outcome, Remedy, Route
from bot.settings import Settings
from tests.procedure import builders as b
from tests.procedure.builders import ams

ORIGINAL = "<CAF1x2.orig@mail.example.nl>"
LETTER_ID = "<beslisbrief.1@spijtenburg.nl>"


def body_of(message: email.message.EmailMessage) -> str:
    """The text as the complainant reads it (line ends as their mail program shows them)."""
    return message.get_content().replace("\r\n", "\n")


@pytest.fixture
def settings() -> Settings:
    return Settings(
        _env_file=None,
        organisation_name="Spijtenburg Werving en Advies B.V.",
        smtp_from="klachten@spijtenburg.nl",
    )


def decided(**fields: object) -> Complaint:
    return replace(b.decided(), reference="K-2026-0001", **fields)


def test_the_decision_email_byte_for_byte(settings: Settings) -> None:
    complaint = decided(
        decision_letter="Geachte Petra Pietersen,\n\nOns oordeel: ongegrond. Één €."
    )

    letter = decision_letter(
        complaint, settings, now=ams(21, 10, 5), thread=ORIGINAL, message_id=LETTER_ID
    )

    assert (letter.kind, letter.channel) == (LetterKind.DECISION, LetterChannel.EMAIL)
    assert (letter.recipient, letter.message_id) == ("petra@example.nl", LETTER_ID)
    assert letter.content == (
        b'From: "Spijtenburg Werving en Advies B.V." <klachten@spijtenburg.nl>\r\n'
        b"To: Petra Pietersen <petra@example.nl>\r\n"
        b"Subject: Beslissing op uw klacht [K-2026-0001]\r\n"
        b"Date: Tue, 21 Apr 2026 10:05:00 +0200\r\n"
        b"Message-ID: <beslisbrief.1@spijtenburg.nl>\r\n"
        b"In-Reply-To: <CAF1x2.orig@mail.example.nl>\r\n"
        b"References: <CAF1x2.orig@mail.example.nl>\r\n"
        b"X-Klachtenbot: decision\r\n"
        b'Content-Type: text/plain; charset="utf-8"\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b"MIME-Version: 1.0\r\n"
        b"\r\n"
        b"Geachte Petra Pietersen,\r\n"
        b"\r\n"
        b"Ons oordeel: ongegrond. =C3=89=C3=A9n =E2=82=AC.\r\n"
    )


def test_hostile_text_yields_one_mail_to_one_address(settings: Settings) -> None:
    """CR/LF and header lines in the officer's letter and in the complainant's stored name stay
    text; nothing adds a recipient or a header."""
    complaint = decided(
        complainant_name="Petra\r\nBcc: boef@example.org",
        decision_letter="Geachte heer,\r\n\r\nBcc: boef@example.org\r\nTo: nog@example.org\x00",
    )
    letter = decision_letter(
        complaint, settings, now=ams(21, 10, 5), thread=ORIGINAL, message_id=LETTER_ID
    )

    message = email.message_from_bytes(letter.content, policy=policy.default)
    assert message.get_all("To") == ['"Petra Bcc: boef@example.org" <petra@example.nl>']
    assert [a.addr_spec for a in message["To"].addresses] == ["petra@example.nl"]
    for header in ("Bcc", "Cc", "Resent-To"):
        assert message.get_all(header) is None, header
    assert body_of(message) == ("Geachte heer,\n\nBcc: boef@example.org\nTo: nog@example.org\n")
    assert b"\r\nBcc:" not in letter.content.split(b"\r\n\r\n", 1)[0]


@pytest.mark.parametrize(
    "thread",
    [
        None,
        "",
        "geen-haakjes@example.nl",
        "<twee@a> <ids@b>",
        "<a@b>\r\nBcc: boef@example.org",
        "<spatie in@id>",
        "<" + "x" * 300 + "@lang.example>",
    ],
)
def test_no_threading_on_anything_but_a_valid_message_id(settings: Settings, thread) -> None:
    letter = decision_letter(decided(), settings, now=ams(21, 10, 5), thread=thread)
    message = email.message_from_bytes(letter.content, policy=policy.default)
    assert message["In-Reply-To"] is None and message["References"] is None
    assert message["Message-ID"].endswith("@spijtenburg.nl>")


def test_a_bad_address_is_refused_not_sent(settings: Settings) -> None:
    with pytest.raises(ValueError):
        build_email(
            body="Tekst",
            subject="Onderwerp",
            to=Address(addr_spec="petra@example.nl"),
            settings=settings,
            now=ams(21, 10),
            message_id="<geen id>",
            thread=None,
            marker="decision",
        )
    with pytest.raises(ValueError):
        Address(addr_spec="petra@example.nl>, boef@example.org")


def test_without_an_email_address_the_letter_is_text_to_post(settings: Settings) -> None:
    complaint = decided(complainant_email=None, decision_letter="Geachte Petra,\r\n\r\nOngegrond.")
    letter = decision_letter(complaint, settings, now=ams(21, 10, 5), thread=ORIGINAL)

    assert (letter.channel, letter.recipient, letter.message_id) == (LetterChannel.POST, None, None)
    assert letter.content.decode("utf-8") == (
        "Aan: Petra Pietersen\n"
        "Datum: dinsdag 21 april 2026\n"
        "Betreft: Beslissing op uw klacht [K-2026-0001]\n"
        "\n"
        "Geachte Petra,\n"
        "\n"
        "Ongegrond.\n"
    )


def test_the_composed_letter_for_an_ongegrond_service_complaint(settings: Settings) -> None:
    complaint = decided(remedy=Remedy.APOLOGY)
    text = compose_decision_letter(
        complaint,
        Outcome.NOT_UPHELD,
        settings,
        findings="Uw uren zijn op tijd verwerkt.",
        measures="Wij lichten de loonstrook toe.\x1b[2J",
    )
    assert text == (
        "Geachte Petra Pietersen,\n\n"
        'Op maandag 20 april 2026 ontvingen wij uw klacht met als onderwerp "Loonstrook klopt '
        'niet".\n\n'
        "U vroeg om excuses.\n\n"
        "Wij hebben uw klacht onderzocht. Ons oordeel: ongegrond. Wij begrijpen dat dit niet het "
        "antwoord is waarop u hoopte; hieronder leest u waarom.\n\n"
        "Wat wij hebben gevonden:\nUw uren zijn op tijd verwerkt.\n\n"
        "Wat wij eraan doen:\nWij lichten de loonstrook toe.[2J\n\n"
        "Wilt u ons binnen 10 werkdagen laten weten of u zich in deze beslissing kunt vinden? "
        "U kunt daarvoor op deze brief antwoorden.\n\n"
        "Bent u het niet eens met deze beslissing? Laat het ons dan binnen vier weken weten; de "
        "directie beoordeelt uw klacht dan opnieuw.\n\n"
        "Hebt u vragen over deze brief? Neem dan contact met ons op en noem het nummer "
        "K-2026-0001.\n\n"
        "Met vriendelijke groet,\n\n"
        "De klachtenfunctionaris\n"
        "Spijtenburg Werving en Advies B.V."
    )


@pytest.mark.parametrize(
    ("route", "suitable_work", "intro", "recourse"),
    [
        (
            Route.CAO_DISPUTE,
            False,
            "toepassing van de ABU-cao (artikel 40)",
            "binnen vier weken voorleggen aan de Geschillencommissie voor de Uitzendbranche (GCU)",
        ),
        (
            Route.CAO_DISPUTE,
            True,
            "vaststelling van passende arbeid",
            "binnen twee weken voorleggen aan de Geschillencommissie voor de Uitzendbranche (GCU)",
        ),
        (Route.APPLICANT, False, "NVP Sollicitatiecode", "Klachteninstantie NVP"),
        (Route.PRIVACY_REQUEST, False, "(AVG)", "Autoriteit Persoonsgegevens"),
        (Route.DISCRIMINATION, False, "vertrouwelijk behandeld", "College voor de Rechten"),
        (Route.SERVICE, False, None, "de directie beoordeelt uw klacht dan opnieuw"),
    ],
)
def test_each_route_names_its_rule_and_recourse(
    settings: Settings, route: Route, suitable_work: bool, intro: str | None, recourse: str
) -> None:
    complaint = decided(route=route, suitable_work=suitable_work)
    text = compose_decision_letter(complaint, Outcome.UPHELD, settings)
    assert recourse in recourse_text(complaint, settings)
    assert recourse in text
    if intro:
        assert intro in text
    assert "Ons oordeel: gegrond." in text
    noun = {"discriminatie": "melding", "privacyverzoek": "verzoek"}.get(route.value, "klacht")
    assert f"uw {noun} onderzocht" in text


def test_the_recourse_texts_are_settings(settings: Settings) -> None:
    tuned = settings.model_copy(update={"recourse_service": "Wend u tot de Stichting X."})
    text = compose_decision_letter(decided(), Outcome.PARTLY_UPHELD, tuned)
    assert "Wend u tot de Stichting X." in text and "Ons oordeel: deels gegrond." in text


def test_a_withdrawn_complaint_gets_no_recourse_and_no_question(settings: Settings) -> None:
    text = compose_decision_letter(decided(route=Route.CAO_DISPUTE), Outcome.WITHDRAWN, settings)
    assert "intrekt" in text
    assert "Geschillencommissie" not in text and "binnen 10 werkdagen" not in text


def test_a_letter_shows_only_the_complainants_own_data(settings: Settings) -> None:
    """The complaint's internal record (the employee, their side, the root cause, the
    measures as recorded) never reaches a letter; only what the officer writes into it."""
    complaint = decided()
    assert complaint.employee_id == "UEMPLOYEE"
    texts = [compose_decision_letter(complaint, outcome, settings) for outcome in Outcome] + [
        compose_extension_letter(complaint, ams(15, 17, month=5), "Drukte.", settings)
    ]
    internal = (
        "UEMPLOYEE",
        "Jan Bakker",
        "Ik was het urenbriefje vergeten",  # the employee's response
        "Uren vergeten.",  # the discussion summary
        "Urenbriefje niet ingevoerd.",  # the root cause
        "Controle op ontbrekende uren",  # the preventive measures
        "Fatima",  # the officer
    )
    for text in texts:
        for trace in internal:
            assert trace not in text, trace
        assert "Petra Pietersen" in text and "K-2026-0001" in text


def test_the_extension_notice(settings: Settings) -> None:
    complaint = replace(b.registered(), reference="K-2026-0003", route=Route.PRIVACY_REQUEST)
    letter = extension_letter(
        complaint,
        dt.datetime(2026, 6, 19, 17, tzinfo=b.AMS),
        "Wij wachten op\r\nde loonadministratie.\x07",
        settings,
        now=ams(21, 9),
        thread=ORIGINAL,
        message_id="<verlenging.1@spijtenburg.nl>",
    )
    message = email.message_from_bytes(letter.content, policy=policy.default)
    assert message["Subject"] == "Meer tijd nodig voor uw verzoek [K-2026-0003]"
    assert message["In-Reply-To"] == ORIGINAL and message["X-Klachtenbot"] == "extension"
    assert body_of(message) == (
        "Geachte Petra Pietersen,\n\n"
        "Wij hebben meer tijd nodig om op uw verzoek te beslissen. De reden:\n"
        "Wij wachten op\nde loonadministratie.\n\n"
        "U ontvangt onze beslissing uiterlijk op vrijdag 19 juni 2026.\n\n"
        "De AVG staat toe dat wij de termijn voor uw verzoek verlengen, met ten hoogste twee "
        "maanden.\n\n"
        "Hebt u vragen over deze brief? Neem dan contact met ons op en noem het nummer "
        "K-2026-0003.\n\n"
        "Met vriendelijke groet,\n\n"
        "De klachtenfunctionaris\n"
        "Spijtenburg Werving en Advies B.V.\n"
    )


def test_a_letter_needs_the_officers_text(settings: Settings) -> None:
    with pytest.raises(ValueError):
        decision_letter(b.closed(), settings, now=ams(21, 10, 5))
