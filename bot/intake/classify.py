"""Decide whether a parsed e-mail can be a complaint, or why it is ignored.

Whether a possible complaint is in fact a reply to an existing one needs the database; the
intake (store.py) decides that after this pure first step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bot.intake.parse import ParsedMessage


class Reason(StrEnum):
    NOT_A_MESSAGE = "not_a_message"
    EMPTY = "empty"
    OWN_ACKNOWLEDGEMENT = "own_acknowledgement"
    BOUNCE = "bounce"
    AUTO_REPLY = "auto_reply"


@dataclass(frozen=True)
class Verdict:
    """`reason` is None for a possible complaint; `detail` says what gave it away (for logs)."""

    reason: Reason | None = None
    detail: str = ""

    @property
    def ignored(self) -> bool:
        return self.reason is not None


ACKNOWLEDGEMENT_MARKER = "x-klachtenbot"
BOUNCE_SENDERS = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon)@", re.IGNORECASE)
BOUNCE_SUBJECT = re.compile(
    r"^\s*(?:undeliverable|undelivered mail|delivery status notification|"
    r"mail delivery (?:failed|failure|subsystem)|returned mail|delivery failure|"
    r"onbestelbaar|niet afgeleverd|kan niet worden bezorgd)",
    re.IGNORECASE,
)
# Subjects only an out-of-office reply has; words that a real complaint could start with
# ("Afwezig", "Buiten kantoor") count only when they are the whole subject or end in a colon.
AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(?:automatic reply\s*:|automatisch antwoord\s*:|auto[- ]?(?:reply|response)\b|"
    r"out of (?:the )?office\b(?! hours)|afwezigheidsmelding\b|"
    r"(?:afwezig|niet aanwezig|buiten kantoor|out of office)\s*(?::|$))",
    re.IGNORECASE,
)
BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})


def classify(parsed: ParsedMessage, own_addresses: Iterable[str] = ()) -> Verdict:
    """Ignored with a reason (auto-reply, bounce, own acknowledgement, ...) or a complaint."""
    if not parsed.is_message:
        return Verdict(Reason.NOT_A_MESSAGE)
    for check in (_own_acknowledgement, _bounce, _auto_reply):
        verdict = check(parsed, {address.lower() for address in own_addresses})
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


def _bounce(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    if parsed.content_type == "multipart/report":
        return Verdict(Reason.BOUNCE, "multipart/report")
    if parsed.headers.get("x-failed-recipients") or parsed.headers.get(
        "x-ms-exchange-message-is-ndr"
    ):
        return Verdict(Reason.BOUNCE, "NDR header")
    sender = parsed.sender.email if parsed.sender else ""
    if BOUNCE_SENDERS.match(sender):
        return Verdict(Reason.BOUNCE, "From: mailer-daemon/postmaster")
    null_return_path = parsed.headers.get("return-path", "").strip() == "<>"
    if null_return_path and BOUNCE_SUBJECT.match(parsed.subject):
        return Verdict(Reason.BOUNCE, "Return-Path <> and subject")
    return None


def _auto_reply(parsed: ParsedMessage, _own: set[str]) -> Verdict | None:
    auto_submitted = parsed.headers.get("auto-submitted", "").strip().lower()
    if auto_submitted and auto_submitted != "no":
        return Verdict(Reason.AUTO_REPLY, f"Auto-Submitted: {auto_submitted[:30]}")
    for name in ("x-autoreply", "x-autorespond"):
        if parsed.headers.get(name):
            return Verdict(Reason.AUTO_REPLY, name)
    precedence = parsed.headers.get("precedence", "").strip().lower()
    if precedence in BULK_PRECEDENCE:
        return Verdict(Reason.AUTO_REPLY, f"Precedence: {precedence}")
    if AUTO_REPLY_SUBJECT.match(parsed.subject):
        return Verdict(Reason.AUTO_REPLY, "out-of-office subject")
    return None
