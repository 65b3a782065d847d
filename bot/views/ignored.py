"""The officer's safety net for mail the intake ignored (`/klacht genegeerd`): each message with
its reason, newest first, and the button that makes a complaint of it after all; and the answer
once that is done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from bot.procedure import Complaint
from bot.texts import find as text
from bot.texts.intake import REASON_LABELS
from bot.views.context import Context
from bot.views.excerpts import truncate
from bot.views.ids import Action
from bot.views.lists import counted
from bot.views.model import (
    REPLY,
    Actions,
    Block,
    Button,
    Command,
    Emphasis,
    Line,
    Message,
    Moment,
    MomentStyle,
    Paragraph,
    Subtle,
)
from bot.views.spans import fill, strong

# Two blocks an entry: a message holds 50 blocks.
LISTED = 20


class IgnoredMail(Protocol):
    """An ignored message as storage lists it (storage.inbound.IgnoredRow)."""

    @property
    def id(self) -> int: ...
    @property
    def received_at(self) -> dt.datetime: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def sender(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def note(self) -> str | None: ...


def reason_label(reason: str | None) -> str:
    return REASON_LABELS.get(reason or "", reason or "?")


def ignored_list(
    rows: Sequence[IgnoredMail], tz: dt.tzinfo, now: dt.datetime, since: dt.date | None = None
) -> Message:
    """The ignored mail still kept (since `since`), newest first, each with its reason and
    the button "Toch registreren als klacht"."""
    summary = counted(text.IGNORED_TITLE, len(rows))
    if not rows:
        none: Line = (text.IGNORED_NONE,)
        if since is not None:
            none = fill(text.IGNORED_NONE_SINCE, day=Moment(since, MomentStyle.DAY, now=now))
        return Message(REPLY, summary, (Paragraph((none,)),))
    blocks: list[Block] = [Paragraph((summary, (text.IGNORED_INTRO,)))]
    for row in rows[:LISTED]:
        blocks += _entry(row, tz, now)
    if len(rows) > LISTED:
        oldest = rows[LISTED - 1].received_at.astimezone(tz).date()
        more = fill(
            text.IGNORED_MORE,
            shown=LISTED,
            total=len(rows),
            command=Command(f"{text.IGNORED_COMMAND} {oldest.isoformat()}"),
        )
        blocks.append(Subtle((more,)))
    return Message(REPLY, summary, tuple(blocks))


def _entry(row: IgnoredMail, tz: dt.tzinfo, now: dt.datetime) -> list[Block]:
    heading = fill(
        text.IGNORED_ENTRY,
        number=strong(str(row.id)),
        received=Moment(row.received_at.astimezone(tz), now=now),
        reason=strong(reason_label(row.reason)),
    )
    sender = fill(
        text.IGNORED_FROM,
        sender=truncate(row.sender or "?", 80),
        subject=truncate(row.subject or text.IGNORED_NO_SUBJECT, 150),
    )
    lines: list[Line] = [heading, sender]
    lines += [(Emphasis((truncate(note, 200),)),) for note in (row.note or "").splitlines()[:3]]
    button = Button(Action.ADMIT_IGNORED, text.ADMIT_BUTTON, Context(inbound_id=row.id))
    return [Paragraph(tuple(lines)), Actions((button,))]


def admitted(complaint: Complaint, inbound_id: int, now: dt.datetime) -> Message:
    """The officer's answer after "Toch registreren als klacht"."""
    said = fill(
        text.ADMITTED,
        reference=strong(complaint.reference or "?"),
        number=inbound_id,
        received=Moment(complaint.received_at, now=now),
        deadline=Moment(complaint.contact_deadline, now=now),
    )
    lines: list[Line] = [said]
    if complaint.contact_deadline <= now:
        lines.append((text.ADMITTED_LATE,))
    return Message(REPLY, said, (Paragraph(tuple(lines)),))
