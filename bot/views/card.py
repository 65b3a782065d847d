"""The complaint's card: its post in the complaints channel (updated in place as it moves on),
and the card `/klacht K-2026-0001` shows, both with the actions that fit its state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from bot.phones import format_phone
from bot.procedure import Acceptance, Complaint, Route, State
from bot.procedure.discussion import RequestStatus, employee_requests
from bot.procedure.overview import Pattern, Recurrence
from bot.procedure.people import people_in
from bot.procedure.privacy import subject_request
from bot.procedure.todo import Todo, todo_of
from bot.readable import names_in
from bot.texts import (
    CATEGORY_LABELS,
    PHONE_MISSING,
    RELATION_TYPE_LABELS,
    STATE_LABELS,
    plural,
)
from bot.texts import complainant as complainant_text
from bot.texts import discussion as discussion_text
from bot.texts import find as find_text
from bot.texts import slack as text
from bot.texts.privacy import ANONYMISED_COMPLAINANT
from bot.views.context import Context
from bot.views.excerpts import excerpt_lines, subject, truncate
from bot.views.ids import Action
from bot.views.model import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Code,
    Disclosure,
    Fact,
    Facts,
    Heading,
    Icon,
    Line,
    Link,
    Mention,
    Message,
    Moment,
    MomentStyle,
    Paragraph,
    Phone,
    Quote,
    Span,
    Subtle,
)
from bot.views.spans import fill, joined, labelled, strong
from bot.workdays import WorkCalendar

# The whole text in one block: Slack's section takes 3,000 characters.
FULL_TEXT_CHARS = 2800

BUTTONS: dict[Action, tuple[str, ButtonStyle]] = {
    Action.REGISTER: (text.BUTTON_REGISTER, ButtonStyle.PRIMARY),
    Action.CONTACT: (text.BUTTON_CONTACT, ButtonStyle.PRIMARY),
    Action.CLOSE: (text.BUTTON_CLOSE, ButtonStyle.PRIMARY),
    Action.REOPEN: (text.BUTTON_REOPEN, ButtonStyle.DEFAULT),
    Action.NOTE: (text.BUTTON_NOTE, ButtonStyle.DEFAULT),
    # Not red: on every open complaint it would shout; its form asks for the reason first.
    Action.REJECT: (text.BUTTON_REJECT, ButtonStyle.DEFAULT),
    Action.DISCUSS: (discussion_text.BUTTON_DISCUSS, ButtonStyle.DEFAULT),
    Action.DISCUSSED: (discussion_text.BUTTON_DISCUSSED, ButtonStyle.PRIMARY),
    Action.MOVE_TALK: (discussion_text.BUTTON_MOVE, ButtonStyle.DEFAULT),
    Action.EFFECTIVENESS: (text.BUTTON_EFFECTIVENESS, ButtonStyle.PRIMARY),
    Action.RECLASSIFY: (complainant_text.BUTTON_RECLASSIFY, ButtonStyle.DEFAULT),
    Action.EXTEND: (complainant_text.BUTTON_EXTEND, ButtonStyle.DEFAULT),
    Action.ACCEPTANCE: (complainant_text.BUTTON_ACCEPTANCE, ButtonStyle.PRIMARY),
    Action.RECOURSE: (complainant_text.BUTTON_RECOURSE, ButtonStyle.DEFAULT),
    Action.RECOURSE_RESULT: (complainant_text.BUTTON_RECOURSE_RESULT, ButtonStyle.PRIMARY),
    Action.LETTER_POSTED: (complainant_text.BUTTON_LETTER_POSTED, ButtonStyle.PRIMARY),
    Action.AGREED: (complainant_text.ACCEPTANCE_LABELS["akkoord"], ButtonStyle.PRIMARY),
    Action.DISAGREED: (complainant_text.ACCEPTANCE_LABELS["niet_akkoord"], ButtonStyle.DEFAULT),
}


def available_actions(complaint: Complaint) -> list[Action]:
    """The actions that fit the complaint's state, the next step first."""
    if complaint.state is State.RECEIVED:
        return [Action.REGISTER, Action.NOTE, Action.REJECT]
    if complaint.state is State.REJECTED:
        return [Action.REOPEN, Action.NOTE]
    if not complaint.is_open:
        return _after_decision(complaint)
    first = [Action.CLOSE] if complaint.contacted_at else [Action.CONTACT]
    if complaint.discussed_at is None:
        # From registration on, in any order with the contact; more people can be asked.
        if complaint.discussion_requested_at is not None:
            # Closing waits for the talk: recording it is the next step.
            first = (
                [Action.DISCUSSED, *first] if complaint.contacted_at else [*first, Action.DISCUSSED]
            )
        first.append(Action.DISCUSS)
        if any(r.status is RequestStatus.PLANNED for r in employee_requests(complaint)):
            first.append(Action.MOVE_TALK)  # seldom needed: after asking someone else
    extend = [Action.EXTEND] if complaint.decision_deadline is not None else []
    return [*first, Action.NOTE, Action.RECLASSIFY, *extend, Action.REJECT]


def _after_decision(complaint: Complaint) -> list[Action]:
    """A closed complaint: the complainant's answer to the decision, their recourse and its
    result; reopening only while no recourse runs."""
    steps: list[Action] = []
    answer_open = complaint.acceptance in (None, Acceptance.NO_REACTION)
    if complaint.outcome is not None and answer_open:
        steps.append(Action.ACCEPTANCE)
    disagreed = complaint.acceptance in (Acceptance.DISAGREED, Acceptance.NO_REACTION)
    if disagreed and complaint.recourse_body is None:
        steps.append(Action.RECOURSE)
    if complaint.recourse_open:
        return [*steps, Action.RECOURSE_RESULT, Action.NOTE]
    return [*steps, Action.REOPEN, Action.NOTE]


def allowed_actions(complaint: Complaint) -> list[Action]:
    """The card's actions, and the one on an effectiveness check reminder while the check is
    planned and not recorded."""
    check = complaint.effectiveness_check_on and complaint.effectiveness_result is None
    return [*available_actions(complaint), *([Action.EFFECTIVENESS] if check else [])]


def key_of(complaint: Complaint) -> str:
    return f"complaint:{complaint.reference}"


def button(action: Action, context: Context) -> Button:
    label, style = BUTTONS[action]
    return Button(action, label, context, style)


def actions_on(complaint: Complaint, actions: Sequence[Action]) -> Actions:
    """The buttons, the next step first: only the first may be the primary one (a later step
    that is primary elsewhere, such as closing while a talk is still to be recorded, is not)."""
    context = Context(reference=complaint.reference or "?")
    buttons = [button(action, context) for action in actions]
    return Actions(
        tuple(
            replace(b, style=ButtonStyle.DEFAULT)
            if number and b.style is ButtonStyle.PRIMARY
            else b
            for number, b in enumerate(buttons)
        )
    )


def channel_post(complaint: Complaint, *, now: dt.datetime, calendar: WorkCalendar) -> Message:
    """The complaint's post in the complaints channel: all of it, for the officer."""
    reference = complaint.reference or "?"
    shown_subject = complaint.subject.strip() or text.NO_SUBJECT
    title = f"{reference} · {card_state(complaint, now)}"
    if is_overdue(complaint, now):
        title += f" · {text.OVERDUE_MARK}"
    blocks: list[Block] = [Heading(title), *next_step(complaint, now, calendar)]
    blocks += answers_line(complaint, now)
    blocks += [
        Facts((*complainant_facts(complaint), *decision_facts(complaint, now))),
        Paragraph(
            (labelled(text.FIELD_SUBJECT, truncate(shown_subject, 300)), excerpt(complaint.body))
        ),
        *full_text_block(complaint),
    ]
    if complaint.source_link:
        blocks.append(Subtle((source_line(complaint.source_link),)))
    blocks += privacy_request_block(complaint)
    blocks.append(actions_on(complaint, available_actions(complaint)))
    return Message(key_of(complaint), summary_line(complaint, now), tuple(blocks))


def card(
    complaint: Complaint,
    now: dt.datetime,
    calendar: WorkCalendar,
    *,
    contact_details: bool,
    actions: Sequence[Action],
    recurrence: Recurrence | None = None,
    thread_link: str | None = None,
) -> Message:
    """What `/klacht K-2026-0001` shows: the complaint as far as the person may see it, its
    actions for them, earlier complaints like it, and links to its thread and source."""
    reference = complaint.reference or "?"
    shown_subject = subject(complaint, 300, contact_details=contact_details)
    if contact_details:
        facts = complainant_facts(complaint)
        body = Paragraph((labelled(text.FIELD_SUBJECT, shown_subject), excerpt(complaint.body)))
    else:
        facts = _anonymous_facts(complaint)
        body = Paragraph((labelled(text.FIELD_SUBJECT, shown_subject),))
    blocks: list[Block] = [
        Heading(f"{reference} · {card_state(complaint, now)}"),
        *next_step(complaint, now, calendar),
        *(answers_line(complaint, now) if contact_details else []),
        Facts((*facts, *decision_facts(complaint, now))),
        body,
        *(full_text_block(complaint) if contact_details else []),
    ]
    links: list[Line | None] = []
    if thread_link:
        links.append((Link(thread_link, find_text.THREAD_LINK),))
    if contact_details and complaint.source_link:
        links.append(source_line(complaint.source_link))
    if any(links):
        blocks.append(Subtle(tuple(link for link in links if link)))
    if contact_details:
        blocks += privacy_request_block(complaint)
    if recurrence is not None:
        blocks.append(recurrence_block(recurrence))
    if actions:
        blocks.append(actions_on(complaint, actions))
    return Message(f"{key_of(complaint)}:card", summary_line(complaint, now), tuple(blocks))


def card_state(complaint: Complaint, now: dt.datetime) -> str:
    """The state as the card's heading names it: what comes next (bot.procedure.todo)."""
    if complaint.state is State.RECEIVED:
        return text.CARD_STATES["received"]
    if complaint.state is State.REJECTED:
        return text.CARD_STATES["rejected"]
    if not complaint.is_open:
        return text.CARD_STATES["recourse" if complaint.recourse_open else "closed"]
    if complaint.contacted_at is None:
        return text.CARD_STATES["no_contact"]
    todo = todo_of(complaint, now)
    if todo is Todo.READY:
        return text.CARD_STATES["ready"]
    return text.CARD_STATES["waiting" if todo is Todo.WAITING else "discussion_due"]


def answers_line(complaint: Complaint, now: dt.datetime) -> list[Block]:
    """Who has answered, while the discussion runs: each asked employee by name with a mark
    (answered ✓, a planned talk, declined ✗, unreachable, or still waited for …)."""
    if not complaint.is_open or complaint.discussed_at is not None:
        return []
    latest = {request.employee_id: request for request in employee_requests(complaint)}
    if not latest:
        return []
    names = names_in(complaint)
    marks: list[Span] = []
    for request in latest.values():
        person = people_in(request.employee_id)[0]
        name: Span = names.get(person.id) or person.name or Mention(person)
        moment: Span = Moment(request.meeting_at, now=now) if request.meeting_at else ""
        mark = fill(text.ANSWER_MARKS[request.status.value], name=name, moment=moment)
        marks += [" · ", *mark] if marks else list(mark)
    return [Paragraph((joined(marks),))]


def summary_line(complaint: Complaint, now: dt.datetime) -> Line:
    """The complaint's notification line (a phone's lock screen shows it), from a whitelist:
    reference, category, state and the step due with its deadline. Never the subject, a name,
    contact details or anyone's own words."""
    reference = complaint.reference or "?"
    if complaint.state is State.RECEIVED:
        return fill(text.NEW_COMPLAINT_FALLBACK, reference=reference, moment=_due(complaint, now))
    category = ""
    if complaint.category:
        category = text.SUMMARY_CATEGORY.format(category=CATEGORY_LABELS[complaint.category])
    state = STATE_LABELS[complaint.state]
    template = text.SUMMARY
    moment: Moment | str = ""
    if complaint.is_open and complaint.contacted_at is None:
        template, moment = text.SUMMARY_CONTACT, _due(complaint, now)
    elif complaint.is_open and complaint.decision_deadline is not None:
        template, moment = text.SUMMARY_DECISION, Moment(complaint.decision_deadline, now=now)
    return fill(template, reference=reference, category=category, state=state, moment=moment)


def _due(complaint: Complaint, now: dt.datetime) -> Moment:
    return Moment(complaint.contact_deadline, now=now)


def complainant_facts(complaint: Complaint) -> tuple[Fact, ...]:
    name = complaint.complainant_name or complaint.complainant_email or text.UNKNOWN_COMPLAINANT
    phone: Line = (phone_span(complaint.complainant_phone),)
    if complaint.phone_uncertain and complaint.complainant_phone:
        phone = fill(text.PHONE_UNCERTAIN, phone=phone)
    if complaint.anonymised_at is not None:
        name, phone = ANONYMISED_COMPLAINANT, (ANONYMISED_COMPLAINANT,)
    return (
        Fact(text.FIELD_COMPLAINANT, (name,)),
        _relation(complaint),
        Fact(text.FIELD_PHONE, phone),
        _category(complaint),
    )


def privacy_request_block(complaint: Complaint) -> list[Block]:
    """For the officer, on a privacy request: the commands that export and erase this
    complainant's data (as code to copy), or why there are none (no e-mail address)."""
    if complaint.route is not Route.PRIVACY_REQUEST or complaint.anonymised_at is not None:
        return []
    ct = complainant_text
    lines: list[Line] = [(strong(ct.PRIVACY_REQUEST_TITLE),)]
    request = subject_request(complaint)
    if request is None:
        lines.append((ct.PRIVACY_REQUEST_NO_EMAIL,))
    else:
        lines.append(fill(ct.PRIVACY_REQUEST_EXPORT, command=Code(request.export_command)))
        lines.append(fill(ct.PRIVACY_REQUEST_ERASE, command=Code(request.erase_command)))
    return [Paragraph(tuple(lines))]


def decision_facts(complaint: Complaint, now: dt.datetime) -> tuple[Fact, ...]:
    """The complainant's side once registered: kind, severity, decision deadline while open,
    the outcome, the complainant's answer and their recourse."""
    if complaint.registered_at is None:
        return ()
    ct = complainant_text
    route = ct.ROUTE_LABELS[complaint.route]
    if complaint.suitable_work:
        route = f"{route}, {ct.SUITABLE_WORK.lower()}"
    facts = [Fact(ct.FIELD_ROUTE, (route,))]
    if complaint.severity is not None:
        facts.append(Fact(ct.FIELD_SEVERITY, (ct.SEVERITY_LABELS[complaint.severity],)))
    if complaint.is_open and complaint.decision_deadline is not None:
        facts.append(
            Fact(ct.FIELD_DECISION_DEADLINE, (Moment(complaint.decision_deadline, now=now),))
        )
    if complaint.outcome is not None:
        facts.append(Fact(ct.FIELD_OUTCOME, (ct.OUTCOME_LABELS[complaint.outcome],)))
    if complaint.acceptance is not None:
        facts.append(Fact(ct.FIELD_ACCEPTANCE, (ct.ACCEPTANCE_LABELS[complaint.acceptance],)))
    if complaint.recourse_body is not None:
        body = ct.RECOURSE_BODY_LABELS[complaint.recourse_body]
        if complaint.recourse_result is not None:
            result = ct.OUTCOME_LABELS[complaint.recourse_result]
            recourse = fill(ct.RECOURSE_DONE, body=body, result=result)
        else:
            day = (
                Moment(complaint.recourse_on, MomentStyle.DAY, now=now)
                if complaint.recourse_on
                else "?"
            )
            recourse = fill(ct.RECOURSE_RUNNING, body=body, day=day)
        facts.append(Fact(ct.FIELD_RECOURSE, recourse))
    return tuple(facts)


def _anonymous_facts(complaint: Complaint) -> tuple[Fact, ...]:
    hidden = Fact(text.FIELD_COMPLAINANT, (find_text.HIDDEN,))
    return (hidden, _relation(complaint), _category(complaint))


def _relation(complaint: Complaint) -> Fact:
    relation = complaint.relation_type
    label = RELATION_TYPE_LABELS[relation] if relation else text.NOT_YET_RECORDED
    return Fact(text.FIELD_RELATION, (label,))


def _category(complaint: Complaint) -> Fact:
    category = complaint.category
    return Fact(text.FIELD_CATEGORY, (category_label(category),))


def category_label(category: str | None) -> str:
    return CATEGORY_LABELS[category] if category else text.NOT_YET_RECORDED


def source_line(permalink: str) -> Line:
    """A link back to the chat message a complaint was made from."""
    return fill(find_text.SOURCE_LINK, link=Link(permalink, find_text.SOURCE_LINK_LABEL))


def phone_span(e164: str | None) -> Span:
    """A number to tap, shown the Dutch way, or that it is missing."""
    if not e164:
        return PHONE_MISSING
    return Phone(e164, format_phone(e164))


def excerpt(body: str) -> Quote:
    """The complaint's first lines, without greeting or signature (bot.views.excerpts)."""
    return Quote(excerpt_lines(body)[0])


def full_text_block(complaint: Complaint) -> list[Block]:
    """Under a cut excerpt: what was left out, and the whole text one click away."""
    if not excerpt_lines(complaint.body)[1]:
        return []
    context = Context(reference=complaint.reference or "?")
    shown = (Paragraph((full_body(complaint.body),)),)
    return [Disclosure(text.EXCERPT_CUT, text.BUTTON_FULL_TEXT, shown, Action.FULL_TEXT, context)]


def full_body(body: str) -> Quote:
    """The whole text, as long as one chat block holds (then a note says it goes on)."""
    cut = truncate(body.strip(), FULL_TEXT_CHARS)
    lines = tuple(line for line in cut.splitlines() if line.strip())
    return Quote(lines + ((text.FULL_TEXT_CUT,) if cut != body.strip() else ()))


def full_text(complaint: Complaint) -> Message:
    """The complaint's whole text (Slack: the modal behind "Hele tekst"), for the officer."""
    reference = complaint.reference or "?"
    blocks = (Paragraph((full_body(complaint.body),)),)
    return Message(f"{key_of(complaint)}:text", (reference,), blocks)


def is_overdue(complaint: Complaint, now: dt.datetime) -> bool:
    """Open, no contact recorded, and past the contact deadline."""
    return (
        complaint.is_open and complaint.contacted_at is None and now >= complaint.contact_deadline
    )


def deadline_line_changes(complaint: Complaint, now: dt.datetime) -> dt.datetime | None:
    """When the card's deadline line next reads differently: at local midnight ("nog 2
    werkdagen" -> "nog 1"), at the deadline itself, or never (contacted, closed, overdue)."""
    deadline = complaint.contact_deadline
    if not complaint.is_open or complaint.contacted_at is not None or now >= deadline:
        return None
    local = now.astimezone(deadline.tzinfo)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), local.tzinfo)
    return min(midnight, deadline)


def next_step(complaint: Complaint, now: dt.datetime, calendar: WorkCalendar) -> list[Block]:
    """The first line under the heading, in bold: what is due by when (the contact deadline
    while it runs or has passed; once contact is made, when it was)."""
    deadline = deadline_line(complaint, now, calendar)
    if not deadline:
        return []
    if complaint.is_open and complaint.contacted_at and complaint.decision_deadline:
        decide = fill(text.DECISION_DUE, moment=Moment(complaint.decision_deadline, now=now))
        return [Paragraph(((strong(*decide),),)), Subtle((deadline,))]
    return [Paragraph(((strong(*deadline),),))]


def deadline_line(complaint: Complaint, now: dt.datetime, calendar: WorkCalendar) -> Line | None:
    if complaint.contacted_at is not None:
        return fill(text.CONTACT_DONE, moment=Moment(complaint.contacted_at, now=now))
    if not complaint.is_open:
        return None
    deadline = complaint.contact_deadline
    if now >= deadline:
        return (Icon.WARNING, " ", *fill(text.DEADLINE_PASSED, moment=Moment(deadline, now=now)))
    days = calendar.working_days_left(now, deadline)
    if days <= 0:
        return fill(text.DEADLINE_TODAY, time=Moment(deadline, MomentStyle.TIME, now=now))
    return fill(text.DEADLINE_OPEN, moment=Moment(deadline, now=now), days=plural(days, "werkdag"))


def recurrence_block(recurrence: Recurrence) -> Block:
    """Earlier complaints like this one, so the officer sees a pattern: counts with
    references."""
    if not recurrence.any:
        return Subtle(((find_text.RECURRENCE_NONE,),))
    lines: list[Line] = [(strong(find_text.RECURRENCE_TITLE),)]
    for template, pattern in (
        (find_text.RECURRENCE_COMPLAINANT, recurrence.complainant),
        (find_text.RECURRENCE_EMPLOYEE, recurrence.employee),
        (find_text.RECURRENCE_CATEGORY, recurrence.category),
    ):
        if pattern.count:
            lines.append(fill(template, count=pattern.count, references=_references(pattern)))
    return Paragraph(tuple(lines))


def _references(pattern: Pattern) -> str:
    shown = ", ".join(pattern.references)
    more = pattern.count > len(pattern.references)
    return shown + (find_text.RECURRENCE_AND_MORE if more else "")
