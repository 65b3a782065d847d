from __future__ import annotations

from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.intake.parse import parse_message
from bot.phones import find_phones
from tests.intake.messages import complaint_mail


def mime(body: bytes, content_type: str, extra: str = "") -> bytes:
    return (
        b"From: Klant <klant@example.com>\r\nSubject: Klacht\r\nMIME-Version: 1.0\r\n"
        + extra.encode()
        + f"Content-Type: {content_type}\r\n\r\n".encode()
        + body
    )


def test_plain_text_is_preferred_over_html() -> None:
    message = EmailMessage()
    message["From"] = "Klant <klant@example.com>"
    message["Subject"] = "Klacht"
    message.set_content("De platte tekst.")
    message.add_alternative("<p>De <b>HTML</b> tekst.</p>", subtype="html")

    parsed = parse_message(message.as_bytes())

    assert parsed.body == "De platte tekst."


def test_an_empty_plain_alternative_falls_back_to_the_html() -> None:
    message = EmailMessage()
    message["From"] = "Klant <klant@example.com>"
    message["Subject"] = "Klacht"
    message.set_content("\n \n")
    message.add_alternative("<p>De echte tekst.</p>", subtype="html")

    assert parse_message(message.as_bytes()).body == "De echte tekst."


def test_html_only_mail_becomes_readable_text_without_script_or_style() -> None:
    html = (
        b"<html><head><style>p {color: red}</style><title>x</title></head><body>"
        b"<script>alert('x')</script><p>Mijn uren zijn&nbsp;niet betaald.</p>"
        b"<p>Groet,<br>Jan</p></body></html>"
    )

    parsed = parse_message(mime(html, 'text/html; charset="utf-8"'))

    assert parsed.body == "Mijn uren zijn niet betaald.\n\nGroet,\nJan"


@pytest.mark.parametrize(
    ("payload", "charset", "expected"),
    [
        ("Café".encode("latin-1"), "iso-8859-1", "Café"),
        ("Café".encode(), "x-no-such-charset", "Café"),
        ("Café".encode("cp1252"), None, "Café"),
        ("Café".encode(), "gb2312", "Café"),  # declared wrongly: the bytes are UTF-8
    ],
)
def test_wrong_or_missing_charsets_fall_back_without_error(payload, charset, expected) -> None:
    content_type = f'text/plain; charset="{charset}"' if charset else "text/plain"

    parsed = parse_message(mime(payload, content_type))

    assert parsed.body == expected


def test_rfc2047_encoded_headers_are_decoded() -> None:
    raw = (
        b"From: =?UTF-8?B?SmFuc2VuLCBQaWV0?= <piet@example.com>\r\n"
        b"Subject: =?iso-8859-1?Q?Geen_reactie_op_mijn_e-mail_=28caf=E9=29?=\r\n\r\nTekst\r\n"
    )

    parsed = parse_message(raw)

    assert parsed.sender.name == "Jansen, Piet"
    assert parsed.sender.email == "piet@example.com"
    assert parsed.subject == "Geen reactie op mijn e-mail (café)"


def test_a_sender_without_address_keeps_the_name() -> None:
    parsed = parse_message(b"From: Jan Jansen\r\nSubject: Klacht\r\n\r\nTekst\r\n")

    assert (parsed.sender.name, parsed.sender.email) == ("Jan Jansen", "")


def test_raw_8bit_and_invalid_utf8_in_headers_do_not_raise() -> None:
    raw = (
        "From: Jürgen Müller <jm@example.com>\r\n".encode("latin-1")
        + b"Subject: Klacht \xff\xfe over \xc3\xa9\xc3\xa9n ding\r\n\r\nTekst\r\n"
    )

    parsed = parse_message(raw)

    assert parsed.sender.name == "Jürgen Müller"
    assert parsed.subject.startswith("Klacht")
    assert "\x00" not in parsed.subject


def test_attachments_are_listed_and_kept_up_to_the_cap() -> None:
    message = EmailMessage()
    message["From"] = "klant@example.com"
    message["Subject"] = "Foto's"
    message.set_content("Zie bijlagen.")
    message.add_attachment(b"x" * 100, maintype="image", subtype="png", filename="klein.png")
    message.add_attachment(b"y" * 5000, maintype="application", subtype="pdf", filename="groot.pdf")

    parsed = parse_message(message.as_bytes(), attachment_max_bytes=1000)

    small, large = parsed.attachments
    assert (small.filename, small.content_type, small.size) == ("klein.png", "image/png", 100)
    assert small.content == b"x" * 100
    assert (large.filename, large.size, large.content) == ("groot.pdf", 5000, None)
    assert parsed.body == "Zie bijlagen."


def test_attached_message_makes_its_sender_the_complainant() -> None:
    original = EmailMessage()
    original["From"] = "Fatima el Amrani <fatima@example.com>"
    original["Subject"] = "Onvriendelijk behandeld"
    original.set_content("Ik ben onvriendelijk behandeld. Mijn nummer: 06-23456789.")
    forward = EmailMessage()
    forward["From"] = "Mark Jansen <mark@bureau.example.nl>"
    forward["Subject"] = "FW: Onvriendelijk behandeld"
    forward.set_content("Doorgestuurd, kunnen jullie dit oppakken? Mark, 076-5012345")
    forward.add_attachment(original)

    parsed = parse_message(forward.as_bytes(), own_domain="bureau.example.nl")

    assert parsed.complainant.email == "fatima@example.com"
    assert parsed.complainant.name == "Fatima el Amrani"
    assert parsed.forwarded_by.email == "mark@bureau.example.nl"
    assert parsed.complaint_subject == "Onvriendelijk behandeld"
    assert "Ik ben onvriendelijk behandeld" in parsed.body
    assert parsed.phones[0] == "+31623456789"  # the complainant's, not the colleague's


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------",
        "-------- Doorgestuurd bericht --------",
        "Begin forwarded message:",
    ],
)
def test_inline_forward_block_names_the_original_sender(marker: str) -> None:
    body = (
        "Hoi, dit kwam bij mij binnen.\n\nMark\n\n"
        f"{marker}\n"
        "Van: Fatima el Amrani <fatima@example.com>\n"
        "Datum: ma 23 nov 2026 om 08:47\n"
        "Onderwerp: Behandeling bij intake\n"
        "Aan: Mark <mark@bureau.example.nl>\n\n"
        "Ik ben slecht behandeld.\n"
    )
    raw = complaint_mail(sender="Mark <mark@bureau.example.nl>", subject="Fwd: x", body=body)

    parsed = parse_message(raw, own_domain="bureau.example.nl")

    assert parsed.complainant.email == "fatima@example.com"
    assert parsed.forwarded_by.email == "mark@bureau.example.nl"
    assert parsed.complaint_subject == "Behandeling bij intake"


def test_outlook_forward_with_mailto_address() -> None:
    body = (
        "Zie hieronder.\n\n-----Oorspronkelijk bericht-----\n"
        "Van: Fatima el Amrani [mailto:fatima@example.com]\n"
        "Verzonden: maandag 23 november 2026 08:47\n"
        "Onderwerp: Klacht\n\nTekst van de klant.\n"
    )
    raw = complaint_mail(sender="mark@bureau.example.nl", subject="Doorst: Klacht", body=body)

    parsed = parse_message(raw, own_domain="bureau.example.nl")

    assert parsed.complainant.email == "fatima@example.com"


def test_someone_forwarding_our_own_mail_is_the_complainant() -> None:
    """A flex worker forwards the planner's e-mail to complain about it: not a colleague's
    forward, so the planner does not become the complainant."""
    body = (
        "Dit vind ik onacceptabel! Bel mij op 06-34567890.\n\nKees\n\n"
        "---------- Forwarded message ---------\n"
        "From: Planning <planning@example.nl>\nSubject: Uw rooster\n\n"
        "U bent morgen niet ingepland. Planning, 020-7654321\n"
    )
    raw = complaint_mail(sender="Kees Bos <kees@example.com>", subject="Fwd: Uw rooster", body=body)

    parsed = parse_message(raw, own_domain="example.nl")

    assert parsed.complainant.email == "kees@example.com"
    assert parsed.forwarded_by is None
    assert parsed.phones[0] == "+31634567890"
    assert "U bent morgen niet ingepland" in parsed.body
    # Without knowing our domain no forward names anyone else either.
    assert parse_message(raw).complainant.email == "kees@example.com"


def test_quoted_original_message_in_a_reply_is_not_a_forward() -> None:
    body = (
        "Ik ben het hier niet mee eens.\n\n-----Original Message-----\n"
        "From: Planning <planning@bureau.example.nl>\nSubject: Rooster\n\nUw rooster.\n"
    )
    raw = complaint_mail(sender="klant@example.com", subject="RE: Rooster", body=body)

    parsed = parse_message(raw)

    assert parsed.complainant.email == "klant@example.com"
    assert parsed.forwarded_by is None


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("06-12345678", "+31612345678"),
        ("06 12 34 56 78", "+31612345678"),
        ("+31 (0)20 123 45 67", "+31201234567"),
        ("0031 6 12345678", "+31612345678"),
        ("020-1234567", "+31201234567"),
        ("+31612345678", "+31612345678"),
        ("010 - 123 45 67", "+31101234567"),
    ],
)
def test_phone_formats_from_the_issue_are_found(written: str, e164: str) -> None:
    raw = complaint_mail(body=f"Mijn klacht.\n\nMet vriendelijke groet,\nKlant\nTel: {written}\n")

    assert parse_message(raw).phones == (e164,)


def test_every_number_is_found_in_order_and_the_first_is_the_phone() -> None:
    text = "Bel 020-1234567 of mobiel 06-12345678; postcode 1234 AB, KvK 12345678, ref 2026-0001."

    assert find_phones(text) == ["+31201234567", "+31612345678"]


def test_no_phone_number_found() -> None:
    raw = complaint_mail(body="Mijn uren van week 46 kloppen niet.\n\nThomas")

    assert parse_message(raw).phones == ()


def test_a_signature_at_the_end_of_a_huge_body_is_still_found() -> None:
    raw = complaint_mail(body="bla " * 250_000 + "\n\nTel. 06-12345678\n")

    assert parse_message(raw).phones == ("+31612345678",)


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x00\x01\x02\xff" * 1000, b"   \r\n\r\n", bytes(range(256)) * 40, b"hallo daar\n"],
)
def test_input_that_is_no_message_at_all(raw: bytes) -> None:
    assert parse_message(raw).is_message is False


def test_thread_ids_and_subject_reference() -> None:
    raw = complaint_mail(
        subject="Re: Ontvangstbevestiging van uw klacht [k-2026-0042]",
        headers={"In-Reply-To": "<a@x>", "References": "<b@x> <a@x>"},
    )

    parsed = parse_message(raw)

    assert parsed.thread_ids == ("<a@x>", "<b@x>", "<a@x>")
    assert parsed.references == ("K-2026-0042",)


HEADERS = st.sampled_from(
    [
        b"From: klant@example.com\r\n",
        b"Subject: =?utf-8?q?=FF=FE?=\r\n",
        b"Content-Type: multipart/mixed; boundary=x\r\n",
        b"Content-Type: message/rfc822\r\n",
        b"Content-Type: text/html; charset=x-unknown\r\n",
        b"Content-Transfer-Encoding: base64\r\n",
        b"From: =?bogus?B?////?= <\xff@example.com>\r\n",
    ]
)
PARTS = st.sampled_from([b"--x\r\n", b"--x--\r\n", b"\r\n", b"<p>hoi</p>", b"=C3=A9", b"\xff\x00"])


@settings(max_examples=200, deadline=None)
@given(st.lists(HEADERS, max_size=6), st.lists(st.one_of(PARTS, st.binary(max_size=40))))
def test_parse_never_raises_on_broken_mime(headers: list[bytes], body: list[bytes]) -> None:
    parsed = parse_message(b"".join(headers) + b"\r\n" + b"".join(body))

    assert "\x00" not in parsed.body + parsed.subject
