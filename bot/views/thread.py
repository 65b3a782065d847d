"""The complaint's thread: one post per event (what happened, by whom, when, what was entered),
the clock's notices among them, and the answer to a button the complaint has moved past."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.procedure import Acceptance, Complaint, Event, EventKind, State
from bot.procedure.people import people_in
from bot.readable import EMPTY_LISTS, VALUE_LABELS, names_in
from bot.texts import EVENT_LABELS, STATE_LABELS
from bot.texts import complainant as complainant_text
from bot.texts import jobs as jobs_text
from bot.texts import slack as text
from bot.texts.privacy import NO, REMOVED, YES
from bot.views.card import button, key_of, phone_span
from bot.views.context import Context
from bot.views.excerpts import truncate
from bot.views.ids import Action
from bot.views.model import (
    REPLY,
    Actions,
    Block,
    Emphasis,
    Icon,
    Line,
    Mention,
    Message,
    Moment,
    MomentStyle,
    Paragraph,
    Quote,
    Span,
    Subtle,
)
from bot.views.people import notice_mentions, spaced
from bot.views.requests import ask_someone_else, officer_pings
from bot.views.spans import fill, joined, labelled, strong

# A notice sent this much after its due moment says when it was due (a catch-up).
LATE = dt.timedelta(minutes=15)
NOTICES = {
    "pre_warning": (Icon.DEADLINE, jobs_text.NOTICE_PRE_WARNING),
    "overdue": (Icon.ALERT, jobs_text.NOTICE_OVERDUE),
    "escalated": (Icon.ALERT, jobs_text.NOTICE_ESCALATED),
    "escalation_failed": (Icon.ALERT, jobs_text.NOTICE_ESCALATION_FAILED),
    "effectiveness_check": (Icon.INSPECTION, jobs_text.NOTICE_EFFECTIVENESS),
    "decision_pre_warning": (Icon.DEADLINE, jobs_text.NOTICE_DECISION_PRE_WARNING),
    "decision_overdue": (Icon.ALERT, jobs_text.NOTICE_DECISION_OVERDUE),
}
MOMENT_KEYS = ("contacted_at", "discussed_at", "meeting_at")
LETTER_TO_POST = "letter_to_post"
# A Slack section holds 3,000 characters: a letter to print is shown in parts below that.
LETTER_PART = 2500


def event_post(complaint: Complaint, event: Event, now: dt.datetime) -> Message:
    """A thread post: what happened, by whom, when, and the details entered (a notice of the
    clock reads as itself)."""
    if event.kind is EventKind.WARNING_SENT and event.data.get("notice") == LETTER_TO_POST:
        return letter_to_post(complaint, event)
    if event.kind is EventKind.WARNING_SENT and "notice" in event.data:
        return notice_post(complaint, event, now)
    label = EVENT_LABELS[event.kind]
    heading = fill(
        text.EVENT_BY,
        label=strong(label),
        actor=event.actor.label,
        moment=Moment(event.at, now=now),
    )
    blocks: list[Block] = [Paragraph((heading,))]
    pings = officer_pings(complaint, event, now)
    # A line to the officer names the employee already: not a second time as a detail.
    details = _details(event, names_in(complaint), now, skip=("employee_id",) if pings else ())
    blocks += [Paragraph((line,)) for line in details]
    blocks += [Paragraph((ping,)) for ping in pings]
    blocks += ask_someone_else(complaint, event)
    blocks += ask_for_answer(complaint, event)
    # The mentions in the summary too, so the officer is notified.
    reference = complaint.reference or "?"
    summary = [*fill(text.EVENT_FALLBACK, reference=reference, label=label)]
    for ping in pings:
        summary += [" ", *ping]
    return Message(f"{key_of(complaint)}:event:{event.id}", joined(summary), tuple(blocks))


def ask_for_answer(complaint: Complaint, event: Event) -> list[Block]:
    """Under the complainant's reply after the decision, while their answer is not recorded:
    the officer is asked to record it, with a button for each answer."""
    closing = complaint.last_event(EventKind.CLOSED)
    awaiting = complaint.acceptance in (None, Acceptance.NO_REACTION)
    if event.kind is not EventKind.REPLY_RECEIVED or closing is None or event.at < closing.at:
        return []
    if complaint.state is not State.CLOSED or complaint.outcome is None or not awaiting:
        return []
    context = Context(reference=complaint.reference or "?")
    return [
        Paragraph(((complainant_text.REPLY_TO_DECISION,),)),
        Actions((button(Action.AGREED, context), button(Action.DISAGREED, context))),
    ]


def notice_post(complaint: Complaint, event: Event, now: dt.datetime) -> Message:
    """The thread post of a notice, mentioning the officers; a catch-up says when it was due."""
    notice = event.data["notice"]
    due_at = dt.datetime.fromisoformat(event.data["due_at"]).astimezone(event.at.tzinfo)
    reference = complaint.reference or "?"
    deadline = complaint.contact_deadline
    if notice.startswith("decision_"):  # the deadline it was about, also after an extension
        deadline = due_at if notice == "decision_overdue" else complaint.decision_deadline or due_at
    icon, template = NOTICES[notice]
    if notice == "overdue" and event.data.get("management") is False:
        template = jobs_text.NOTICE_OVERDUE_NOBODY_TOLD
    said = fill(
        template,
        reference=reference,
        time=Moment(deadline, MomentStyle.TIME, now=now),
        moment=Moment(deadline, now=now),
        day=_check_day(complaint.effectiveness_check_on, event.at, now),
        setting=str(event.data.get("setting", "")),
        error=str(event.data.get("error", "")),
    )
    mentioned = spaced(notice_mentions(event.data.get("mention")))
    line = (icon, " ", *mentioned, " ", *said) if mentioned else (icon, " ", *said)
    blocks: list[Block] = [Paragraph((line,))]
    if event.at - due_at > LATE:
        blocks.append(late_line(due_at, now))
    if notice == "effectiveness_check" and complaint.effectiveness_result is None:
        blocks.append(Actions((button(Action.EFFECTIVENESS, Context(reference=reference)),)))
    summary = (icon, " ", *said)
    return Message(f"{key_of(complaint)}:event:{event.id}", summary, tuple(blocks))


def letter_to_post(complaint: Complaint, event: Event) -> Message:
    """A letter for a complainant without e-mail address: the text to print and post, with the
    officer's button "Per post verstuurd" (a second click says it was done)."""
    reference = complaint.reference or "?"
    kind = str(event.data.get("letter"))
    said = fill(complainant_text.LETTER_TO_POST[kind], reference=reference)
    mentioned = spaced(notice_mentions(event.data.get("mention")))
    line = (
        (Icon.REMINDER, " ", *mentioned, " ", *said) if mentioned else (Icon.REMINDER, " ", *said)
    )
    blocks: list[Block] = [Paragraph((line,))]
    letter = str(event.data.get("text", ""))
    if letter == REMOVED:
        blocks.append(Paragraph(((REMOVED,),)))
    else:
        blocks += [Paragraph((Quote(tuple(part.split("\n"))),)) for part in _parts(letter)]
    context = Context(reference=reference, letter_id=int(event.data["letter_id"]))
    blocks.append(Actions((button(Action.LETTER_POSTED, context),)))
    return Message(
        f"{key_of(complaint)}:event:{event.id}", (Icon.REMINDER, " ", *said), tuple(blocks)
    )


def _parts(letter: str) -> list[str]:
    """The letter in parts of whole paragraphs, each short enough for one chat block."""
    parts: list[str] = []
    for paragraph in letter.strip().split("\n\n"):
        while len(paragraph) > LETTER_PART:
            parts.append(paragraph[:LETTER_PART])
            paragraph = paragraph[LETTER_PART:]
        if parts and len(parts[-1]) + 2 + len(paragraph) <= LETTER_PART:
            parts[-1] += "\n\n" + paragraph
        else:
            parts.append(paragraph)
    return parts


def late_line(due_at: dt.datetime, now: dt.datetime) -> Subtle:
    late = fill(jobs_text.NOTICE_LATE, moment=Moment(due_at, now=now))
    return Subtle(((Emphasis(late),),))


def _check_day(check_on: dt.date | None, sent_at: dt.datetime, now: dt.datetime) -> Line:
    """'Vandaag', or for a check that fell in a weekend or while the bot was off, its day."""
    if check_on is None or check_on == sent_at.date():
        return (jobs_text.TODAY,)
    return fill(jobs_text.ON_DAY, day=Moment(check_on, MomentStyle.DAY, now=now))


def _details(
    event: Event, names: dict[str, str], now: dt.datetime, skip: tuple[str, ...] = ()
) -> list[Line]:
    return [
        labelled(text.DATA_LABELS[key], *_readable(key, value, names, now))
        for key, value in event.data.items()
        if key in text.DATA_LABELS and key not in skip
    ]


def _readable(key: str, value: Any, names: dict[str, str], now: dt.datetime) -> Line:
    if value == REMOVED:
        return (REMOVED,)
    if key in ("employee_id", "employee_ids"):
        return _people(value, names)
    if isinstance(value, list):
        items: list[Span] = []
        for item in value:
            shown = _readable(key, item, names, now)
            items += [", ", *shown] if items else shown
        return joined(items) or (EMPTY_LISTS.get(key, "-"),)
    if isinstance(value, bool):
        return (YES if value else NO,)
    if key in VALUE_LABELS:
        return (VALUE_LABELS[key].get(str(value), str(value)),)
    if key == "complainant_phone":
        return (phone_span(str(value)),)
    if key in MOMENT_KEYS:
        return (Moment(dt.datetime.fromisoformat(str(value)), now=now),)
    if key == "effectiveness_check_on":
        return (Moment(dt.date.fromisoformat(str(value)), MomentStyle.DAY, now=now),)
    return (truncate(str(value), 2800),)


def _people(value: Any, names: dict[str, str]) -> Line:
    """The employees an event names, by name: a post mentions only whom must act (the
    officer); a mention only for someone whose name the log does not know."""
    shown: list[Span] = []
    for person in people_in(value):
        name = names.get(person.id) or person.name
        shown += [", " if shown else "", name or Mention(person)]
    return joined(shown) or ("?",)


# The event each button's step records, to say who took the step a stale button asks for.
STEP_EVENTS = {
    "register": EventKind.REGISTERED,
    "record_contact": EventKind.CONTACT_RECORDED,
    "request_discussion": EventKind.DISCUSSION_REQUESTED,
    "record_discussion": EventKind.DISCUSSION_RECORDED,
    "close": EventKind.CLOSED,
    "reject": EventKind.REJECTED,
    "reopen": EventKind.REOPENED,
    "record_effectiveness": EventKind.EFFECTIVENESS_RECORDED,
    "reclassify": EventKind.RECLASSIFIED,
    "extend_deadline": EventKind.DEADLINE_EXTENDED,
    "record_acceptance": EventKind.ACCEPTANCE_RECORDED,
    "record_recourse": EventKind.RECOURSE_STARTED,
    "record_recourse_result": EventKind.RECOURSE_DECIDED,
}


def stale_button(complaint: Complaint, step_name: str, now: dt.datetime) -> Message:
    """For a click on a button the complaint has moved past: who took that step and when, or
    else who last moved the complaint on."""
    state = STATE_LABELS[complaint.state].lower()
    done = STEP_EVENTS.get(step_name)
    changed = next(
        (e for e in reversed(complaint.events) if e.kind is done),
        next((e for e in reversed(complaint.events) if e.before != e.after), None),
    )
    if changed is None:
        return Message(REPLY, fill(text.STALE_BUTTON_UNKNOWN, state=state))
    same_day = changed.at.astimezone(now.tzinfo).date() == now.date()
    if same_day:
        when = fill(text.STALE_AT, time=Moment(changed.at, MomentStyle.TIME, now=now))
    else:
        when = fill(text.STALE_ON, moment=Moment(changed.at, now=now))
    said = fill(text.STALE_BUTTON, state=state, actor=changed.actor.label, when=when)
    return Message(REPLY, said)
