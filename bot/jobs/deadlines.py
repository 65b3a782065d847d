"""Contact deadlines (docs/procedure.md, "Deadlines and what the clock does about them"): the
pre-warning at opening time on the deadline day, and once the deadline has passed the overdue
notice in the thread with the escalation to management. Only complaints without a recorded
contact get them; each goes out once, oldest first, and only in opening hours (what fell due at
night, in a weekend or while the bot was off goes out at the next opening hour, saying when it
was due).

Decision deadlines (docs/complainant.md) are watched the same way, by the same code, for open
complaints with a decision deadline: a `Watch` names the deadline column, which complaints it
applies to and its notices. A decision deadline that an extension moved gets its notices again
for the new deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select, text, true
from sqlalchemy.orm import Session

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.notices import Notice
from bot.procedure import OPEN_STATES, SYSTEM_ACTOR, Acceptance, Complaint
from bot.procedure.decision import record_acceptance
from bot.procedure.inputs import AcceptanceRecord
from bot.procedure.terms import no_reaction_due
from bot.service import ComplaintService, Decision
from bot.settings import Settings
from storage.models import ComplaintRow, Notification
from storage.models.complaints import AWAITING_ANSWER, UNCONTACTED, UNDECIDED

OPEN = [state.value for state in OPEN_STATES]


@dataclass(frozen=True, order=True)
class Due:
    due_at: dt.datetime
    order: int  # the pre-warning before the overdue notice of the same moment
    complaint_id: int
    kind: Notice
    deadline: dt.datetime | None = None


@dataclass(frozen=True)
class Watch:
    """A deadline the clock watches: its column, the complaints it applies to (a partial
    index's condition, written out so that SQLite uses it), and its three notices."""

    deadline: Any
    pending: str
    pre_warning: Notice
    overdue: Notice
    escalation: Notice
    # Notices per deadline value (an extension moves it), not once per complaint.
    per_deadline: bool = False

    def still_due(self, complaint: Complaint, item: Due) -> bool:
        """Whether the complaint still waits for this deadline (no contact or decision since,
        the deadline not moved)."""
        if self.per_deadline:
            return complaint.is_open and complaint.decision_deadline == item.deadline
        return complaint.is_open and complaint.contacted_at is None


CONTACT = Watch(
    ComplaintRow.contact_deadline,
    UNCONTACTED,
    Notice.PRE_WARNING,
    Notice.OVERDUE,
    Notice.ESCALATION,
)
DECISION = Watch(
    ComplaintRow.decision_deadline,
    UNDECIDED,
    Notice.DECISION_PRE_WARNING,
    Notice.DECISION_OVERDUE,
    Notice.DECISION_ESCALATION,
    per_deadline=True,
)
WATCHES = (CONTACT, DECISION)
WATCH_OF = {kind: watch for watch in WATCHES for kind in (watch.pre_warning, watch.overdue)}


def warn_about_deadlines(ctx: JobContext, now: dt.datetime) -> int:
    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    with ctx.db.session() as session:
        due = sorted(item for watch in WATCHES for item in _due(session, ctx, now, watch))
    overdue = any(item.kind is WATCH_OF[item.kind].overdue for item in due)
    escalate_to = _escalation_recipients(ctx) if overdue else []
    # Several notices at once reach each officer as one list; the threads mention nobody.
    listed_to = ctx.officers_to_tell() if len(due) > 1 else []
    sent = 0
    for item in due:
        decision = _decision(ctx, item, escalate_to, listed_to)
        decided = ctx.service.decide(item.complaint_id, decision)
        sent += decided is not None
    return sent


def _escalation_recipients(ctx: JobContext) -> list[str]:
    """Management hears of an overdue complaint in their channel, and by DM when
    ESCALATE_BY_DM is set (the named people and the group's members, read once a run)."""
    settings = ctx.settings
    channel = settings.platform_management_channel
    recipients = [channel] if channel else []
    if settings.escalate_by_dm:
        recipients += ctx.management_to_tell()
    return recipients


def _due(session: Session, ctx: JobContext, now: dt.datetime, watch: Watch = CONTACT) -> list[Due]:
    """Complaints waiting for `watch`'s deadline whose pre-warning or overdue notice is due and
    not yet decided (the state/deadline index keeps this to the complaints due, however many
    there are)."""
    tomorrow = now.astimezone(ctx.settings.tz).date() + dt.timedelta(days=1)
    end_of_today = dt.datetime.combine(tomorrow, dt.time(), tzinfo=ctx.settings.tz)
    # The partial index's own condition, written out so that SQLite uses it.
    pending = and_(ComplaintRow.state.in_(OPEN), text(watch.pending))
    column = watch.deadline

    def not_yet(kind: Notice) -> Any:
        # Per deadline, the ledger's key tells (checked below); else once per complaint.
        return true() if watch.per_deadline else notices.not_yet(kind)

    # A pre-warning is for a deadline still ahead: after downtime, one that has passed gets
    # its overdue notice only (a late "today at 17:00" would be false).
    warn = session.execute(
        select(ComplaintRow.id, column).where(
            pending, column > now, column < end_of_today, not_yet(watch.pre_warning)
        )
    ).all()
    overdue = session.execute(
        select(ComplaintRow.id, column).where(pending, column <= now, not_yet(watch.overdue))
    ).all()
    due = [
        Due(pre_warning_at(ctx, deadline), 0, complaint_id, watch.pre_warning, deadline)
        for complaint_id, deadline in warn
        if pre_warning_at(ctx, deadline) <= now
    ] + [
        Due(deadline, 1, complaint_id, watch.overdue, deadline)
        for complaint_id, deadline in overdue
    ]
    if watch.per_deadline:
        sent = notices.decided(session, [item.complaint_id for item in due], watch.overdue)
        sent |= notices.decided(session, [item.complaint_id for item in due], watch.pre_warning)
        due = [item for item in due if (item.complaint_id, item.kind, item.due_at) not in sent]
    return due


def pre_warning_at(ctx: JobContext, deadline: dt.datetime) -> dt.datetime:
    return notices.opening_on(ctx.calendar, deadline.astimezone(ctx.settings.tz).date())


def _decision(ctx: JobContext, item: Due, escalate_to: list[str], listed_to: list[str]) -> Decision:
    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
        watch = WATCH_OF[item.kind]
        if not watch.still_due(complaint, item):  # contact, decision or extension meanwhile
            return None
        # The overdue notice says management will hear of it only when someone will.
        told = {"management": bool(escalate_to)} if item.kind is Notice.OVERDUE else {}
        changed = notices.thread_notice(
            session,
            complaint,
            item.kind,
            item.due_at,
            now,
            ctx.settings,
            mention=not listed_to,
            **told,
        )
        if changed is not None:
            _list_for_officers(session, complaint, item, now, listed_to)
        if changed is not None and item.kind is watch.overdue:
            _escalate(session, complaint, item.due_at, now, escalate_to, watch.escalation)
        return changed

    return decide


def _list_for_officers(
    session: Session, complaint: Complaint, item: Due, now: dt.datetime, officers: list[str]
) -> None:
    assert complaint.id is not None
    for officer in officers:
        notices.claim(
            session,
            Notice.OFFICER_LIST,
            f"{notices.subject_of(complaint.id)}:{item.kind.value}",
            item.due_at,
            now,
            recipient=officer,
            complaint_id=complaint.id,
        )


def _escalate(
    session: Session,
    complaint: Complaint,
    due_at: dt.datetime,
    now: dt.datetime,
    recipients: list[str],
    kind: Notice = Notice.ESCALATION,
) -> None:
    assert complaint.id is not None
    for recipient in recipients:
        notices.claim(
            session,
            kind,
            notices.subject_of(complaint.id),
            due_at,
            now,
            recipient=recipient,
            complaint_id=complaint.id,
        )


# Slack's answers that may pass by themselves: the escalation is tried again before the officer
# hears that it did not arrive.
PASSING_SLACK_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable"}
TELL_AFTER_ATTEMPTS = 3


def escalation_delivered(service: ComplaintService, row: Notification) -> None:
    """Management got the escalation: now the complaint's thread says so (once)."""
    if row.complaint_id is not None:
        service.decide(row.complaint_id, _outcome(service, row, Notice.ESCALATED, {"mention": []}))


def escalation_failed(service: ComplaintService, row: Notification, error: str | None) -> None:
    """The escalation did not reach management: once Slack refused it (or it kept failing), the
    officers hear in the thread that management does not know yet, and which setting to check.
    It stays waiting and is tried again; its arrival is said when it comes."""
    attempts = row.attempts + 1
    if row.complaint_id is None:
        return
    if error in PASSING_SLACK_ERRORS and attempts < TELL_AFTER_ATTEMPTS:
        return
    if error is None and attempts < TELL_AFTER_ATTEMPTS:  # out of reach: may pass by itself
        return
    setting = _setting_of(row.recipient, service.settings)
    extra = {"setting": setting, "error": error or "geen verbinding"}
    service.decide(row.complaint_id, _outcome(service, row, Notice.ESCALATION_FAILED, extra))


def _setting_of(recipient: str, settings: Settings) -> str:
    """The setting that names where an escalation went (a channel, or management's people)."""
    if recipient == settings.teams_management_channel:
        return "TEAMS_MANAGEMENT_CHANNEL"
    if settings.chat_platform == "teams":
        return "TEAMS_MANAGEMENT_IDS"
    return "MANAGEMENT_CHANNEL" if recipient.startswith(("C", "G")) else "MANAGEMENT_USER_IDS"


def _outcome(
    service: ComplaintService, row: Notification, kind: Notice, extra: dict[str, object]
) -> Decision:
    def decide(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
        return notices.thread_notice(
            session, complaint, kind, row.due_at, now, service.settings, **extra
        )

    return decide


def record_no_reaction(ctx: JobContext, now: dt.datetime) -> int:
    """ "Geen reactie": a complainant who has not answered the decision letter within
    ACCEPTANCE_WAIT_DAYS working days (its `acceptance_due`) is recorded so, once; the thread
    shows it and the recourse step opens. Any hour: it is a record, not a notice."""
    with ctx.db.reading() as session:
        waiting = session.scalars(
            select(ComplaintRow.id).where(text(AWAITING_ANSWER), ComplaintRow.acceptance_due <= now)
        ).all()
    recorded = 0
    for complaint_id in waiting:
        recorded += ctx.service.decide(complaint_id, _no_reaction) is not None
    return recorded


def _no_reaction(session: Session, complaint: Complaint, now: dt.datetime) -> Complaint | None:
    if not no_reaction_due(complaint, now):  # answered meanwhile
        return None
    answer = AcceptanceRecord(Acceptance.NO_REACTION)
    return record_acceptance(complaint, SYSTEM_ACTOR, answer, now=now)
