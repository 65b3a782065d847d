"""Letters to the complainant: the decision letter and the extension notice (docs/complainant.md).

Composition is a template per outcome and route (bot/texts/letters.py) filled from the
complaint's own fields only: the complainant's name, their complaint's reference, receipt
and subject, what they asked for. The officer edits the decision letter before it is sent; the
final text is what `steps.close` records.

A letter goes by e-mail when the complaint has an e-mail address, else it is a plain text for
the officer to print and post. The e-mail is built with the email package's header registry:
one recipient (an Address, so a name cannot add another), a subject of fixed text and the
reference, In-Reply-To and References only from a syntactically valid Message-ID of the
complainant's own first e-mail. Whatever the officer typed passes `free_text` (no control or
invisible characters) and reaches only the body.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from bot.procedure import Complaint, LetterChannel, LetterKind, Outcome, Route
from bot.procedure.inputs import is_email_address, is_msg_id
from bot.sanitize import free_text, one_line
from bot.settings import Settings
from bot.texts import date_in_words
from bot.texts import letters as text

MARKER_HEADER = "X-Klachtenbot"  # intake ignores mail that carries it (its own mail back)


@dataclass(frozen=True)
class Letter:
    """A letter ready to go: the .eml bytes of an e-mail to `recipient`, or the UTF-8 text the
    officer prints (channel post, no recipient address or Message-ID)."""

    kind: LetterKind
    channel: LetterChannel
    recipient: str | None
    message_id: str | None
    content: bytes


# -- composing ----------------------------------------------------------------------------------


def recourse_text(complaint: Complaint, settings: Settings) -> str:
    """Where the complainant can go next (settings RECOURSE_*), by route."""
    if complaint.route is Route.CAO_DISPUTE:
        if complaint.suitable_work:
            return settings.recourse_cao_suitable_work
        return settings.recourse_cao_dispute
    return {
        Route.APPLICANT: settings.recourse_applicant,
        Route.DISCRIMINATION: settings.recourse_discrimination,
        Route.PRIVACY_REQUEST: settings.recourse_privacy,
    }.get(complaint.route, settings.recourse_service)


def compose_decision_letter(
    complaint: Complaint,
    outcome: Outcome,
    settings: Settings,
    *,
    findings: str | None = None,
    measures: str | None = None,
) -> str:
    """The decision letter's text for the officer to edit: what the complaint was, the outcome,
    what was found and what is done (as the officer typed them in the closing form), and,
    unless it was withdrawn, the question whether the complainant accepts it and the recourse
    for its route."""
    noun = text.NOUNS[complaint.route]
    paragraphs = [
        _greeting(complaint),
        _received(complaint, noun, settings),
        _remedy(complaint),
        _route_intro(complaint),
        text.OUTCOMES[outcome].format(noun=noun),
    ]
    if findings and free_text(findings).strip():
        paragraphs.append(text.FINDINGS.format(findings=free_text(findings).strip()))
    if measures and free_text(measures).strip():
        paragraphs.append(text.MEASURES.format(measures=free_text(measures).strip()))
    if outcome is not Outcome.WITHDRAWN:
        paragraphs.append(text.ASK_ACCEPTANCE.format(days=settings.acceptance_wait_days))
        paragraphs.append(recourse_text(complaint, settings))
    paragraphs += [text.QUESTIONS.format(reference=complaint.reference), _signature(settings)]
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def compose_extension_letter(
    complaint: Complaint, new_deadline: dt.datetime, reason: str, settings: Settings
) -> str:
    """The notice that the decision takes longer (as the Awb's "verdaging"): why, and the day
    the decision comes at the latest."""
    noun = text.NOUNS[complaint.route]
    day = date_in_words(new_deadline.astimezone(settings.tz).date())
    body = text.EXTENSION_BODY.format(noun=noun, reason=free_text(reason).strip(), day=day)
    paragraphs = [_greeting(complaint), body]
    if complaint.route is Route.PRIVACY_REQUEST:
        paragraphs.append(text.EXTENSION_AVG)
    paragraphs += [text.QUESTIONS.format(reference=complaint.reference), _signature(settings)]
    return "\n\n".join(paragraphs)


def _greeting(complaint: Complaint) -> str:
    name = one_line(complaint.complainant_name or "")
    return text.GREETING_NAMED.format(name=name) if name else text.GREETING


def _received(complaint: Complaint, noun: str, settings: Settings) -> str:
    received = date_in_words(complaint.received_at.astimezone(settings.tz).date())
    subject = one_line(complaint.subject)
    if not subject:
        return text.RECEIVED_NO_SUBJECT.format(received=received, noun=noun)
    return text.RECEIVED.format(received=received, noun=noun, subject=subject)


def _remedy(complaint: Complaint) -> str:
    if complaint.remedy is None:
        return ""
    wish = text.REMEDIES.get(complaint.remedy.value) or one_line(complaint.remedy_text or "")
    return text.REMEDY_ASKED.format(remedy=wish) if wish else ""


def _route_intro(complaint: Complaint) -> str:
    if complaint.route is Route.CAO_DISPUTE and complaint.suitable_work:
        return text.SUITABLE_WORK_INTRO
    return text.ROUTE_INTROS.get(complaint.route.value, "")


def _signature(settings: Settings) -> str:
    lines = [text.CLOSING, "", text.SIGNATURE]
    if settings.organisation_name:
        lines.append(settings.organisation_name)
    return "\n".join(lines)


# -- the letter as sent ---------------------------------------------------------------------


def decision_letter(
    complaint: Complaint,
    settings: Settings,
    *,
    now: dt.datetime,
    thread: str | None = None,
    message_id: str | None = None,
) -> Letter:
    """The decision letter with the text the officer closed the complaint with."""
    if not complaint.decision_letter:
        raise ValueError(f"{complaint.reference} was closed without a decision letter")
    subject = text.DECISION_SUBJECT.format(
        noun=text.NOUNS[complaint.route], reference=complaint.reference
    )
    return _letter(
        LetterKind.DECISION,
        complaint,
        complaint.decision_letter,
        subject,
        settings,
        now=now,
        thread=thread,
        message_id=message_id,
    )


def extension_letter(
    complaint: Complaint,
    new_deadline: dt.datetime,
    reason: str,
    settings: Settings,
    *,
    now: dt.datetime,
    thread: str | None = None,
    message_id: str | None = None,
) -> Letter:
    """The notice of an extension to `new_deadline`, with the officer's reason."""
    body = compose_extension_letter(complaint, new_deadline, reason, settings)
    subject = text.EXTENSION_SUBJECT.format(
        noun=text.NOUNS[complaint.route], reference=complaint.reference
    )
    return _letter(
        LetterKind.EXTENSION,
        complaint,
        body,
        subject,
        settings,
        now=now,
        thread=thread,
        message_id=message_id,
    )


def _letter(
    kind: LetterKind,
    complaint: Complaint,
    body: str,
    subject: str,
    settings: Settings,
    *,
    now: dt.datetime,
    thread: str | None,
    message_id: str | None,
) -> Letter:
    """By e-mail to the complainant's address when it has one, else a text to post."""
    address = (complaint.complainant_email or "").strip()
    if not is_email_address(address):
        content = post_text(complaint, body, subject, now.astimezone(settings.tz).date())
        return Letter(kind, LetterChannel.POST, None, None, content.encode("utf-8"))
    message_id = message_id or new_message_id(settings, kind)
    message = build_email(
        body=body,
        subject=subject,
        to=Address(display_name=one_line(complaint.complainant_name or ""), addr_spec=address),
        settings=settings,
        now=now,
        message_id=message_id,
        thread=thread,
        marker=kind.value,
    )
    return Letter(kind, LetterChannel.EMAIL, address, message_id, email_bytes(message))


def post_text(complaint: Complaint, body: str, subject: str, day: dt.date) -> str:
    """The letter as the officer prints it: to whom, the date and what it is about, then the
    letter (the officer adds the postal address on the envelope)."""
    name = one_line(complaint.complainant_name or "") or text.POST_UNKNOWN_NAME
    header = [
        text.POST_TO.format(name=name),
        text.POST_DATE.format(day=date_in_words(day)),
        text.POST_SUBJECT.format(subject=subject),
    ]
    return "\n".join(header) + "\n\n" + free_text(body).strip() + "\n"


def build_email(
    *,
    body: str,
    subject: str,
    to: Address,
    settings: Settings,
    now: dt.datetime,
    message_id: str,
    thread: str | None,
    marker: str,
) -> EmailMessage:
    """One e-mail to one address. Headers come from fixed text, the settings, the validated
    address and Message-IDs; `body` only reaches the body."""
    if not is_msg_id(message_id):
        raise ValueError(f"not a Message-ID: {message_id!r}")
    message = EmailMessage()
    message["From"] = sender(settings)
    message["To"] = to
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(now.astimezone(settings.tz))
    message["Message-ID"] = message_id
    if thread is not None and is_msg_id(thread):
        message["In-Reply-To"] = thread
        message["References"] = thread
    message[MARKER_HEADER] = marker
    message.set_content(free_text(body).strip() + "\n", cte="quoted-printable")
    return message


def email_bytes(message: EmailMessage) -> bytes:
    """The message as it goes over SMTP and into the .eml (CRLF line ends)."""
    return message.as_bytes(policy=policy.SMTP)


def sender(settings: Settings) -> Address:
    """SMTP_FROM's address, named after the organisation (else SMTP_FROM's own name)."""
    name, address = parseaddr(settings.smtp_from)
    return Address(display_name=settings.organisation_name or one_line(name), addr_spec=address)


def new_message_id(settings: Settings, kind: LetterKind) -> str:
    domain = parseaddr(settings.smtp_from)[1].rpartition("@")[2] or None
    return make_msgid(idstring=kind.value, domain=domain)


def send_letter(smtp: smtplib.SMTP, letter: Letter, settings: Settings) -> None:
    """Hand an e-mail letter to the SMTP server: the envelope names the one recipient, whatever
    the headers say."""
    if letter.channel is not LetterChannel.EMAIL or not letter.recipient:
        raise ValueError("only an e-mail letter can be sent")
    smtp.sendmail(sender(settings).addr_spec, [letter.recipient], letter.content)
