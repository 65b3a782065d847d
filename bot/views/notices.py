"""Notices that are not about one complaint's thread: the escalation to management, the
officer's weekly digest, and the operational messages to the officer (a job that keeps
failing, posts that cannot reach the complaints channel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from bot.procedure import Complaint, Route, State
from bot.texts import CATEGORY_LABELS, STATE_LABELS, plural
from bot.texts import complainant as complainant_text
from bot.texts import find as find_text
from bot.texts import jobs as text
from bot.texts import slack as slack_text
from bot.views.model import (
    Block,
    Code,
    Command,
    GroupMention,
    Icon,
    Line,
    Mention,
    Message,
    Moment,
    MomentStyle,
    Paragraph,
)
from bot.views.people import spaced
from bot.views.spans import fill, strong
from bot.views.thread import LATE, late_line


class Entry(Protocol):
    """An old open complaint in the digest (bot.jobs.digest.Entry)."""

    @property
    def reference(self) -> str: ...
    @property
    def state(self) -> State: ...
    @property
    def received_at(self) -> dt.datetime: ...
    @property
    def working_days(self) -> int: ...


def escalation(
    complaint: Complaint,
    due_at: dt.datetime,
    now: dt.datetime,
    officers: Sequence[Mention | GroupMention],
    *,
    decision: bool = False,
) -> Message:
    """To management: which complaint, since when (its contact deadline, or with `decision`
    its decision deadline), who the officers are; nothing about the complainant."""
    due_at = due_at.astimezone(complaint.contact_deadline.tzinfo)
    reference = complaint.reference or "?"
    category = CATEGORY_LABELS[complaint.category] if complaint.category else text.NO_CATEGORY
    template = text.DECISION_ESCALATION if decision else text.ESCALATION
    fallback = text.DECISION_ESCALATION_FALLBACK if decision else text.ESCALATION_FALLBACK
    said = fill(
        template,
        title=strong(*fill(fallback, reference=reference)),
        category=category,
        moment=Moment(due_at, now=now),
        mentions=spaced(list(officers)) or "-",
    )
    blocks: list[Block] = [Paragraph(((Icon.ALERT, " ", *said),))]
    if now - due_at > LATE:
        blocks.append(late_line(due_at, now))
    summary = fill(fallback, reference=reference)
    key = f"{'decision-' if decision else ''}escalation:{reference}"
    return Message(key, summary, tuple(blocks))


def escalations(
    overdue: Sequence[tuple[Complaint, dt.datetime]],
    now: dt.datetime,
    *,
    decision: bool = False,
) -> Message:
    """To management, once per clock run: the complaints whose deadline passed (each with the
    deadline it was about), as one message that mentions nobody: the officers were told in
    each complaint's thread. Reference, category and deadline only."""
    title = text.DECISION_ESCALATIONS_TITLE if decision else text.ESCALATIONS_TITLE
    heading = fill(title, count=len(overdue))
    lines: list[Line] = [(Icon.ALERT, " ", strong(*heading))]
    for complaint, due_at in overdue:
        category = CATEGORY_LABELS[complaint.category] if complaint.category else text.NO_CATEGORY
        lines.append(
            fill(
                text.ESCALATIONS_LINE,
                reference=strong(complaint.reference or "?"),
                category=category,
                moment=Moment(due_at.astimezone(complaint.contact_deadline.tzinfo), now=now),
            )
        )
    told = Paragraph(((text.ESCALATIONS_TOLD,),))
    key = f"{'decision-' if decision else ''}escalations:{now.isoformat()}"
    return Message(key, heading, (Paragraph(tuple(lines)), told))


def officer_list(due: Sequence[tuple[str, str, dt.datetime]], now: dt.datetime) -> Message:
    """To each officer, once per clock run: the deadline notices due now, one line each
    ((reference, notice, deadline)), pre-warnings and overdue notices together."""
    heading = fill(text.OFFICER_LIST_TITLE, count=len(due))
    lines: list[Line] = [(Icon.DEADLINE, " ", strong(*heading))]
    for reference, notice, deadline in due:
        lines.append(
            fill(
                text.OFFICER_LIST_LINES[notice],
                reference=strong(reference),
                moment=Moment(deadline, now=now),
            )
        )
    hint = Paragraph(((text.OFFICER_LIST_HINT,),))
    return Message(f"officer-list:{len(due)}", heading, (Paragraph(tuple(lines)), hint))


def management_alert(
    complaint: Complaint,
    signals: Sequence[str],
    officers: Sequence[Mention | GroupMention],
) -> Message:
    """To management at once: a complaint of severity hoog or a signal of discrimination. Its
    reference, kind, category and the officers; never who complained or their words, and for
    a signal of discrimination not the severity's reason either (confidential)."""
    ct = complainant_text
    reference = complaint.reference or "?"
    title = fill(ct.ALERT_TITLE, reference=reference)
    said = fill(
        ct.ALERT_LINE,
        title=strong(*title),
        signals=", ".join(ct.SIGNAL_LABELS.get(signal, signal) for signal in signals),
        route=ct.ROUTE_LABELS[complaint.route].lower(),
        category=CATEGORY_LABELS[complaint.category] if complaint.category else text.NO_CATEGORY,
        mentions=spaced(list(officers)) or "-",
    )
    lines: list[Line] = [(Icon.ALERT, " ", *said)]
    if complaint.route is Route.DISCRIMINATION:
        lines.append((ct.ALERT_CONFIDENTIAL,))
    elif complaint.severity_reason:
        lines.append(fill(ct.ALERT_REASON, reason=complaint.severity_reason))
    return Message(f"alert:{reference}", title, (Paragraph(tuple(lines)),))


def digest(
    entries: Sequence[Entry], total: int, days: int, now: dt.datetime, ignored: int = 0
) -> Message:
    """The officer's weekly list of complaints open too long, oldest first, and how much e-mail
    of the past week was ignored (`ignored`)."""
    heading = strong(text.DIGEST_HEADING)
    summary = (text.DIGEST_FALLBACK,)
    ignored_blocks: tuple[Block, ...] = ()
    if ignored:
        command = Command(find_text.IGNORED_COMMAND)
        said = fill(text.DIGEST_IGNORED, emails=plural(ignored, "e-mail"), command=command)
        ignored_blocks = (Paragraph((said,)),)
    if not total:
        none = fill(text.DIGEST_NONE, heading=heading, days=days)
        none_blocks = (Paragraph(((Icon.CALENDAR, " ", *none),)),)
        return Message("digest", summary, none_blocks + ignored_blocks)
    complaints = plural(total, "open klacht")
    title = fill(text.DIGEST_TITLE, heading=heading, complaints=complaints, days=days)
    lines: list[Line] = [
        fill(
            text.DIGEST_LINE,
            reference=strong(entry.reference),
            state=STATE_LABELS[entry.state],
            received=Moment(entry.received_at.date(), MomentStyle.DAY, now=now),
            days=entry.working_days,
        )
        for entry in entries
    ]
    if total > len(entries):
        lines.append(fill(text.DIGEST_MORE, count=total - len(entries)))
    blocks = (Paragraph(((Icon.CALENDAR, " ", *title),)), Paragraph(tuple(lines)))
    return Message("digest", summary, blocks + ignored_blocks)


def job_failing(job: str, error: str) -> Message:
    """To the officers: a scheduled job (`job`, its registry name) keeps failing: what failed,
    what it means for them, what to do (`error` is bot.jobs.runner.readable_error's words)."""
    said = text.JOB_FAILING.format(
        job=text.JOB_NAMES[job], error=error, meaning=text.JOB_MEANINGS[job]
    )
    action = fill(text.JOB_FAILING_ACTION, command=Code("klachtenbot status"))
    return Message(f"job:{job}", (Icon.WARNING, " ", said, " ", *action))


def delivery_problem(error: str) -> Message:
    """To the officers: posts cannot reach the complaints channel (`error` is the reason)."""
    said = fill(slack_text.DELIVERY_PROBLEM, error=error)
    return Message("delivery", (Icon.WARNING, " ", *said))
