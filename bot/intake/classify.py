"""Decide whether a parsed e-mail can be a complaint, or why it is ignored.

Machine mail is recognised the way mature helpdesks do it, strongest evidence first: the
envelope (a null reverse path, a mail daemon as sender), report parts (delivery status,
feedback and read reports), bounce and auto-reply headers, provider notifications, mailing-list
software, and last the subject in Dutch, English, German or French. A no-reply sender alone is
not enough: a website form mails from no-reply with the customer in Reply-To.

Whether a possible complaint is in fact a reply to an existing one needs the database; the
intake (store.py) decides that after this pure first step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.intake.parse import ParsedMessage, is_no_reply


class Reason(StrEnum):
    NOT_A_MESSAGE = "not_a_message"
    EMPTY = "empty"
    OWN_ACKNOWLEDGEMENT = "own_acknowledgement"
    BOUNCE = "bounce"
    AUTO_REPLY = "auto_reply"
    FEEDBACK_REPORT = "feedback_report"
    LIST_NOTICE = "list_notice"
    PROVIDER_NOTIFICATION = "provider_notification"


@dataclass(frozen=True)
class Verdict:
    """`reason` is None for a possible complaint; `detail` says what gave it away (for logs)."""

    reason: Reason | None = None
    detail: str = ""

    @property
    def ignored(self) -> bool:
        return self.reason is not None


ACKNOWLEDGEMENT_MARKER = "x-klachtenbot"
DAEMON_SENDER = re.compile(
    r"^(?:mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mail[-_]?delivery[-_]?(?:system|"
    r"subsystem)?|mail[-_]?administrator|bounces?|nobody)(?:[+.-][^@]*)?(?:@|$)",
    re.IGNORECASE,
)
DAEMON_NAME = re.compile(r"\bmailer[-_]?daemon\b", re.IGNORECASE)
LIST_ROBOT = re.compile(
    r"^(?:owner-[^@]*|[^@]*-(?:admin|owner|request|bounces?|errors?|ctl))@", re.IGNORECASE
)
LIST_SOFTWARE_HEADERS = ("list-id", "x-mlserver", "x-ml-name", "x-loop")
REPORT_PARTS = {
    "message/delivery-status": Reason.BOUNCE,
    "message/global-delivery-status": Reason.BOUNCE,
    "text/rfc822-headers": Reason.BOUNCE,
    "message/feedback-report": Reason.FEEDBACK_REPORT,
    "message/disposition-notification": Reason.AUTO_REPLY,
}
ENCLOSED_ORIGINAL = frozenset({"message/rfc822", "text/rfc822-headers", "message/global"})
# Subjects only a delivery report has (any sender), in the four languages.
BOUNCE_SUBJECT = re.compile(
    r"^\s*(?:undeliverable\b|undelivered mail\b|delivery status notification|"
    r"mail delivery (?:failed|failure|subsystem)|returned mail\s*:|delivery failure\b|"
    r"failure notice\s*$|non[- ]?delivery (?:report|notification)|message not delivered|"
    r"delivery has failed|could not send message|mail system error|"
    r"onbestelbaar\b|niet afgeleverd\s*:|kan niet worden bezorgd|bezorging mislukt|"
    r"unzustellbar\b|nicht zustellbar|zustellung fehlgeschlagen|fehler beim zustellen|"
    r"non remis\s*:|non distribuable|[ée]chec de (?:la )?(?:remise|distribution)|"
    r"rapport de non[- ]remise|message non (?:remis|d[ée]livr[ée]))",
    re.IGNORECASE,
)
# Subjects only an out-of-office reply has; words that a real complaint could start with
# ("Afwezig", "Buiten kantoor") count only when they are the whole subject or end in a colon.
AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic reply\s*:|automatisch antwoord\s*:|auto[- ]?(?:reply|response)\b|"
    r"autoreply\b|out of (?:the )?office\b(?! hours)|afwezigheidsmelding\b|"
    r"automatische antwort\s*:|abwesenheitsnotiz\b|r[ée]ponse automatique\s*:|"
    r"absence du bureau\b|"
    r"(?:afwezig|niet aanwezig|buiten kantoor|out of office|abwesend|absent)\s*(?::|$))",
    re.IGNORECASE,
)
# Microsoft's junk-mail reporting (JMRP) sends its feedback under this subject.
FEEDBACK_SUBJECT = re.compile(r"^\s*complaint about message from \d{1,3}(?:\.\d{1,3}){3}\s*$")
LIST_NOTICE_SUBJECT = re.compile(
    r"(?:\bnot (?:a )?member\b|\bmail loop\b|\bloop alert\b|\bsubscription (?:confirm|request)|"
    r"\bmoderator'?s? (?:approval|request)|\bmessage held\b)",
    re.IGNORECASE,
)
PROVIDER_HEADERS = {"x-amz-sns-message-id": "Amazon SNS notification"}
PROVIDER_SENDERS = re.compile(
    r"@(?:sns\.amazonaws\.com|(?:[\w-]+\.)*amazonses\.com|bounces?\.sendgrid\.net|"
    r"(?:[\w-]+\.)*mailgun\.org|(?:[\w-]+\.)*postmarkapp\.com|(?:[\w-]+\.)*sparkpostmail\.com)$",
    re.IGNORECASE,
)
BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})

Check = Callable[[ParsedMessage, set[str]], "Verdict | None"]


def classify(parsed: ParsedMessage, own_addresses: Iterable[str] = ()) -> Verdict:
    """Ignored with a reason (auto-reply, bounce, own acknowledgement, ...) or a complaint."""
    if not parsed.is_message:
        return Verdict(Reason.NOT_A_MESSAGE)
    own = {address.lower() for address in own_addresses}
    for check in CHECKS:
        verdict = check(parsed, own)
        if verdict is not None:
            return verdict
    if not parsed.subject.strip() and not parsed.body.strip() and not parsed.attachments:
        return Verdict(Reason.EMPTY)
    return Verdict()


def _own_acknowledgement(parsed: ParsedMessage, own: set[str]) -> Verdict | None:
    if parsed.headers.get(ACKNOWLEDGEMENT_MARKER):
        return Verdict(Reason.OWN_ACKNOWLEDGEMENT, "X-Klachtenbot")
    if parsed.sender is not None and parsed.sender.email.lower() in own:
        return Verdict(Reason.OWN_ACKNOWLEDGEMENT, "From: own address")
    return None


def _report_parts(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    if parsed.content_type == "multipart/report":
        reason = Reason.BOUNCE
        for part, kind in REPORT_PARTS.items():
            if part in parsed.part_types:
                reason = kind
                break
        return Verdict(reason, "multipart/report")
    for part, reason in REPORT_PARTS.items():
        if part in parsed.part_types:
            return Verdict(reason, f"{part} part")
    return None


def _envelope(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    """A null reverse path, or a mail daemon or postmaster as the sender."""
    sender = parsed.sender.email if parsed.sender else ""
    from_header = parsed.headers.get("from", "")
    if DAEMON_SENDER.match(sender) or DAEMON_NAME.search(from_header):
        return Verdict(Reason.BOUNCE, "From: mail daemon/postmaster")
    if from_header.replace(" ", "").endswith("<>"):
        return Verdict(Reason.BOUNCE, "From: null address")
    if parsed.headers.get("return-path", "").replace(" ", "") == "<>":
        reason = Reason.AUTO_REPLY if AUTO_REPLY_SUBJECT.match(parsed.subject) else Reason.BOUNCE
        return Verdict(reason, "Return-Path: <> (null reverse path)")
    return None


def _bounce_headers(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    for name in ("x-failed-recipients", "x-ms-exchange-message-is-ndr"):
        if parsed.headers.get(name):
            return Verdict(Reason.BOUNCE, f"{name} header")
    return None


def _auto_reply_headers(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    auto_submitted = parsed.headers.get("auto-submitted", "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return Verdict(Reason.AUTO_REPLY, f"Auto-Submitted: {auto_submitted[:30]}")
    for name in ("x-autoreply", "x-autorespond"):
        if parsed.headers.get(name):
            return Verdict(Reason.AUTO_REPLY, name)
    precedence = parsed.headers.get("precedence", "").strip().lower()
    if precedence in BULK_PRECEDENCE:
        return Verdict(Reason.AUTO_REPLY, f"Precedence: {precedence}")
    return None


def _provider(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    for name, what in PROVIDER_HEADERS.items():
        if parsed.headers.get(name):
            return Verdict(Reason.PROVIDER_NOTIFICATION, what)
    sender = parsed.sender.email if parsed.sender else ""
    if PROVIDER_SENDERS.search(sender):
        return Verdict(Reason.PROVIDER_NOTIFICATION, "sender: mail provider")
    return None


def _mailing_list(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    if not any(parsed.headers.get(name) for name in LIST_SOFTWARE_HEADERS):
        return None
    sender = parsed.sender.email if parsed.sender else ""
    if LIST_ROBOT.match(sender) or LIST_NOTICE_SUBJECT.search(parsed.subject):
        return Verdict(Reason.LIST_NOTICE, "list software notice")
    return None


def _subject(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    if FEEDBACK_SUBJECT.match(parsed.subject):
        return Verdict(Reason.FEEDBACK_REPORT, "junk-mail report subject")
    if BOUNCE_SUBJECT.match(parsed.subject):
        return Verdict(Reason.BOUNCE, "delivery failure subject")
    if AUTO_REPLY_SUBJECT.match(parsed.subject):
        return Verdict(Reason.AUTO_REPLY, "out-of-office subject")
    return None


def _unanswerable_with_original(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    """A no-reply sender nobody can answer, returning an enclosed original message: how
    carriers bounce. (No-reply with a Reply-To is a website form: a complaint.)"""
    sender = parsed.sender.email if parsed.sender else ""
    reply_to = parsed.reply_to.email if parsed.reply_to else ""
    answerable = bool(reply_to) and not is_no_reply(reply_to)
    if is_no_reply(sender) and not answerable and parsed.part_types & ENCLOSED_ORIGINAL:
        return Verdict(Reason.BOUNCE, "no-reply sender returning a message")
    return None


CHECKS: tuple[Check, ...] = (
    _own_acknowledgement,
    _report_parts,
    _envelope,
    _bounce_headers,
    _auto_reply_headers,
    _provider,
    _mailing_list,
    _subject,
    _unanswerable_with_original,
)
