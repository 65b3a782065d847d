"""Decide whether a parsed e-mail can be a complaint, or why it is ignored.

Machine mail is recognised the way mature helpdesks do it, strongest evidence first and never
from a single word: the envelope (a null reverse path, a mail daemon as sender), report parts
(delivery status, feedback and read reports), bounce and auto-reply headers, challenge-response
robots, provider notifications, mailing-list software (list headers, list robots as sender),
bulk mail (List-Unsubscribe, Precedence), robot sender addresses, and last the subject in
Dutch, English, German or French. A no-reply sender is ignored only when no person can be
answered: a website form mails from no-reply with the customer in Reply-To, and stays a
complaint.

Whether a possible complaint is in fact a reply to an existing one needs the database; the
intake (store.py) decides that after this pure first step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.intake.headers import is_acknowledgement_id
from bot.intake.parse import ParsedMessage, is_no_reply


class Reason(StrEnum):
    NOT_A_MESSAGE = "not_a_message"
    EMPTY = "empty"
    OWN_ACKNOWLEDGEMENT = "own_acknowledgement"
    BOUNCE = "bounce"
    AUTO_REPLY = "auto_reply"
    FEEDBACK_REPORT = "feedback_report"
    LIST_NOTICE = "list_notice"
    LIST_POST = "list_post"
    NEWSLETTER = "newsletter"
    NOTIFICATION = "notification"
    CHALLENGE = "challenge_response"
    PROVIDER_NOTIFICATION = "provider_notification"


@dataclass(frozen=True)
class Verdict:
    """`reason` is None for a possible complaint; `detail` says what gave it away (for logs)."""

    reason: Reason | None = None
    detail: str = ""

    @property
    def ignored(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class Context:
    """What the checks know besides the message: the bot's own addresses and mail domain."""

    own: frozenset[str]
    own_domain: str


ACKNOWLEDGEMENT_MARKER = "x-klachtenbot"
DAEMON_SENDER = re.compile(
    r"^(?:mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mail[-_]?delivery[-_]?(?:system|"
    r"subsystem)?|mail[-_]?administrator|bounces?|nobody)(?:[+.-][^@]*)?(?:@|$)",
    re.IGNORECASE,
)
DAEMON_NAME = re.compile(r"\bmailer[-_]?daemon\b", re.IGNORECASE)
# Mailing-list software's own addresses: list-owner@, list+owner@, owner-list@, list-request@.
LIST_ROBOT = re.compile(
    r"^(?:owner-[^@]*|[^@]*[+-](?:admin|owner|request|bounces?|errors?|ctl|confirm|"
    r"subscribe|unsubscribe|help|moderator|approval))@",
    re.IGNORECASE,
)
LIST_HEADERS = ("list-id", "list-post", "x-mailman-version", "x-mailing-list", "mailing-list")
LIST_SOFTWARE_HEADERS = (*LIST_HEADERS, "x-mlserver", "x-ml-name", "x-loop", "list-help")
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
    r"\bmoderator'?s? (?:approval|request)|\bmessage held\b|\bpost(?:ing)? (?:denied|rejected)\b|"
    r"\bauto-?discard)",
    re.IGNORECASE,
)
PROVIDER_HEADERS = {"x-amz-sns-message-id": "Amazon SNS notification"}
# Domains that only send notifications (no person has a mailbox there). Providers that also
# host customers' own domains (mailgun.org's subdomains, sendgrid.net) are not listed: their
# robots are known by their sender address (bounce, postmaster, no-reply) like anyone's.
PROVIDER_SENDERS = re.compile(
    r"@(?:sns\.amazonaws\.com|amazonses\.com|email\.amazonses\.com|bounces?\.sendgrid\.net)$",
    re.IGNORECASE,
)
BULK_PRECEDENCE = frozenset({"bulk", "junk"})
# Robot senders of automated notifications (searched in the local part).
NOTIFY_SENDER = re.compile(
    r"(?:^|[._+-])(?:notify|notifications?|notificaties?|meldingen|alerts?|alarm|automated|"
    r"automailer|automail|mailrobot|robot|cron|monitoring|daemon|system|systeem)(?:$|[._+-])",
    re.IGNORECASE,
)
BULK_SENDER = re.compile(
    r"(?:^|[._+-])(?:newsletters?|nieuwsbrief|nieuwsbrieven|news|mailings?|marketing|"
    r"campaigns?|promo(?:tions?)?|aanbiedingen|offers)(?:$|[._+-])",
    re.IGNORECASE,
)
UNSUBSCRIBE = re.compile(
    r"\b(?:unsubscribe|uitschrijven|afmelden|abmelden|d[ée]sinscri|opt[- ]out)", re.IGNORECASE
)
# Challenge-response services: their robots' domains, and what a challenge asks of a sender.
CHALLENGE_DOMAINS = re.compile(
    r"@(?:[\w-]+\.)*(?:boxbe\.com|bluebottle\.com|spamarrest\.com|mailinblack\.com|"
    r"spamenmoins\.com|choicemail\.com|sorbs\.net)$",
    re.IGNORECASE,
)
CHALLENGE_PHRASE = re.compile(
    r"guest ?list|approved senders?|pre-?approved|whitelist|white list|witte lijst|"
    r"sender verification|verify (?:that )?you(?:'re| are) (?:a )?(?:real )?(?:person|human)|"
    r"confirm (?:that )?you (?:are|sent)|awaiting (?:your )?(?:verification|confirmation)|"
    r"verificatie van de afzender|bevestig dat u (?:een )?(?:echt )?(?:persoon|mens)|"
    r"goedgekeurde afzenders|bevestig uw (?:e-?mail|bericht)|"
    r"absender.{0,40}best[äa]tig|best[äa]tigen sie.{0,40}(?:nachricht|absender)|"
    r"un clic pour d[ée]livrer|en attente de validation|validez votre (?:message|e-?mail)",
    re.IGNORECASE,
)
LINK = re.compile(r"https?://", re.IGNORECASE)
CHALLENGE_TEXT_LIMIT = 4000  # a challenge says what it wants at once

Check = Callable[[ParsedMessage, Context], "Verdict | None"]


def classify(parsed: ParsedMessage, own_addresses: Iterable[str] = ()) -> Verdict:
    """Ignored with a reason (auto-reply, bounce, own acknowledgement, ...) or a complaint."""
    if not parsed.is_message:
        return Verdict(Reason.NOT_A_MESSAGE)
    own = frozenset(address.lower() for address in own_addresses)
    domains = {address.rpartition("@")[2] for address in own if "@" in address}
    context = Context(own, next(iter(sorted(domains)), ""))
    for check in CHECKS:
        verdict = check(parsed, context)
        if verdict is not None:
            return verdict
    if not parsed.subject.strip() and not parsed.body.strip() and not parsed.attachments:
        return Verdict(Reason.EMPTY)
    return Verdict()


def _sender(parsed: ParsedMessage) -> str:
    return parsed.sender.email if parsed.sender else ""


def _is_web_form(parsed: ParsedMessage) -> bool:
    """A no-reply sender with a person to answer in Reply-To: a website's contact form."""
    reply_to = parsed.reply_to.email if parsed.reply_to else ""
    return (
        is_no_reply(_sender(parsed))
        and bool(reply_to)
        and not is_no_reply(reply_to)
        and reply_to.lower() != _sender(parsed).lower()
    )


def _own_acknowledgement(parsed: ParsedMessage, context: Context) -> Verdict | None:
    if parsed.headers.get(ACKNOWLEDGEMENT_MARKER):
        return Verdict(Reason.OWN_ACKNOWLEDGEMENT, "X-Klachtenbot")
    if parsed.sender is not None and parsed.sender.email.lower() in context.own:
        return Verdict(Reason.OWN_ACKNOWLEDGEMENT, "From: own address")
    return None


def _report_parts(parsed: ParsedMessage, _context: Context) -> Verdict | None:
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


def _envelope(parsed: ParsedMessage, context: Context) -> Verdict | None:
    """A null reverse path, or a mail daemon or postmaster as the sender."""
    from_header = parsed.headers.get("from", "")
    if DAEMON_SENDER.match(_sender(parsed)) or DAEMON_NAME.search(from_header):
        return Verdict(Reason.BOUNCE, "From: mail daemon/postmaster")
    if from_header.replace(" ", "").endswith("<>"):
        return Verdict(Reason.BOUNCE, "From: null address")
    if parsed.headers.get("return-path", "").replace(" ", "") == "<>":
        if _challenge(parsed, context) is not None:
            return None  # a robot that wants an answer: said below
        reason = Reason.AUTO_REPLY if AUTO_REPLY_SUBJECT.match(parsed.subject) else Reason.BOUNCE
        return Verdict(reason, "Return-Path: <> (null reverse path)")
    return None


def _bounce_headers(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    for name in ("x-failed-recipients", "x-ms-exchange-message-is-ndr"):
        if parsed.headers.get(name):
            return Verdict(Reason.BOUNCE, f"{name} header")
    return None


def _challenge(parsed: ParsedMessage, context: Context) -> Verdict | None:
    """A challenge-response robot asking us to prove we are a person: from a known
    service's domain, or a message that answers our acknowledgement (or is marked
    automatic) and asks for a confirmation behind a link."""
    sender = _sender(parsed)
    text = f"{parsed.subject}\n{parsed.body[:CHALLENGE_TEXT_LIMIT]}"
    asks = CHALLENGE_PHRASE.search(text) is not None and LINK.search(text) is not None
    if CHALLENGE_DOMAINS.search(sender) and (asks or is_no_reply(sender) or _robot(sender)):
        return Verdict(Reason.CHALLENGE, "sender: challenge-response service")
    answers_us = any(is_acknowledgement_id(ref, context.own_domain) for ref in parsed.thread_ids)
    automatic = parsed.headers.get("auto-submitted", "").strip().lower() not in ("", "no")
    if asks and (answers_us or automatic):
        return Verdict(Reason.CHALLENGE, "asks to confirm the sender")
    return None


def _robot(address: str) -> bool:
    return NOTIFY_SENDER.search(address.rpartition("@")[0][:64]) is not None


def _auto_reply_headers(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    """RFC 3834: 'auto-replied' answers a message (out of office); any other value is a
    message the machine made on its own (a notification)."""
    auto_submitted = parsed.headers.get("auto-submitted", "").strip().lower()
    if auto_submitted.startswith("auto-replied"):
        return Verdict(Reason.AUTO_REPLY, "Auto-Submitted: auto-replied")
    if auto_submitted and auto_submitted != "no":
        return Verdict(Reason.NOTIFICATION, f"Auto-Submitted: {auto_submitted[:30]}")
    for name in ("x-autoreply", "x-autorespond"):
        if parsed.headers.get(name):
            return Verdict(Reason.AUTO_REPLY, name)
    if parsed.headers.get("precedence", "").strip().lower() == "auto_reply":
        return Verdict(Reason.AUTO_REPLY, "Precedence: auto_reply")
    return None


def _provider(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    for name, what in PROVIDER_HEADERS.items():
        if parsed.headers.get(name):
            return Verdict(Reason.PROVIDER_NOTIFICATION, what)
    if PROVIDER_SENDERS.search(_sender(parsed)):
        return Verdict(Reason.PROVIDER_NOTIFICATION, "sender: mail provider")
    return None


def _mailing_list(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    """The list software's own notices (post denied, subscription, moderation), then list
    posts: mail that reached us through a list, with its list headers or a list robot as
    Sender, with or without Precedence."""
    list_sender = parsed.sender_header.email if parsed.sender_header else ""
    software = any(parsed.headers.get(name) for name in LIST_SOFTWARE_HEADERS)
    if LIST_ROBOT.match(_sender(parsed)):
        return Verdict(Reason.LIST_NOTICE, "sender: list software")
    if software and LIST_NOTICE_SUBJECT.search(parsed.subject):
        return Verdict(Reason.LIST_NOTICE, "list software notice")
    if any(parsed.headers.get(name) for name in LIST_HEADERS):
        return Verdict(Reason.LIST_POST, "list headers")
    if LIST_ROBOT.match(list_sender):
        return Verdict(Reason.LIST_POST, "Sender: list software")
    if parsed.headers.get("precedence", "").strip().lower() == "list":
        return Verdict(Reason.LIST_POST, "Precedence: list")
    return None


def _bulk(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    """Newsletters and other bulk mail: an unsubscribe header, bulk precedence, or a
    marketing sender whose text offers to unsubscribe. A website form is no bulk mail."""
    if _is_web_form(parsed):
        return None
    if parsed.headers.get("list-unsubscribe"):
        return Verdict(Reason.NEWSLETTER, "List-Unsubscribe")
    precedence = parsed.headers.get("precedence", "").strip().lower()
    if precedence in BULK_PRECEDENCE:
        return Verdict(Reason.NEWSLETTER, f"Precedence: {precedence}")
    local = _sender(parsed).rpartition("@")[0][:64]
    if BULK_SENDER.search(local) and UNSUBSCRIBE.search(parsed.body[-CHALLENGE_TEXT_LIMIT:]):
        return Verdict(Reason.NEWSLETTER, "marketing sender offering to unsubscribe")
    return None


def _notification_sender(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    """A robot address (no-reply anywhere in it, notify@, alerts@, ...) with no person to
    answer in Reply-To."""
    sender = _sender(parsed)
    if not (is_no_reply(sender) or _robot(sender)):
        return None
    reply_to = parsed.reply_to.email if parsed.reply_to else ""
    if reply_to and not is_no_reply(reply_to) and not _robot(reply_to):
        return None  # a person to answer: a website form or a helpdesk on someone's behalf
    return Verdict(Reason.NOTIFICATION, "sender: robot address")


def _subject(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    if FEEDBACK_SUBJECT.match(parsed.subject):
        return Verdict(Reason.FEEDBACK_REPORT, "junk-mail report subject")
    if BOUNCE_SUBJECT.match(parsed.subject):
        return Verdict(Reason.BOUNCE, "delivery failure subject")
    if AUTO_REPLY_SUBJECT.match(parsed.subject):
        return Verdict(Reason.AUTO_REPLY, "out-of-office subject")
    return None


def _unanswerable_with_original(parsed: ParsedMessage, _context: Context) -> Verdict | None:
    """A no-reply sender nobody can answer, returning an enclosed original message: how
    carriers bounce. (No-reply with a Reply-To is a website form: a complaint.)"""
    reply_to = parsed.reply_to.email if parsed.reply_to else ""
    answerable = bool(reply_to) and not is_no_reply(reply_to)
    if is_no_reply(_sender(parsed)) and not answerable and parsed.part_types & ENCLOSED_ORIGINAL:
        return Verdict(Reason.BOUNCE, "no-reply sender returning a message")
    return None


CHECKS: tuple[Check, ...] = (
    _own_acknowledgement,
    _report_parts,
    _envelope,
    _bounce_headers,
    _challenge,
    _auto_reply_headers,
    _provider,
    _mailing_list,
    _bulk,
    _subject,
    _unanswerable_with_original,
    _notification_sender,
)
