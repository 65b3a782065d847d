"""What `/klacht` answers: the help, the open list, search results and a complaint's card,
each shaped by what the asking person's role may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from bot.procedure import Complaint, Role
from bot.procedure.overview import Pattern, Recurrence
from bot.slack.context import Context
from bot.slack.ids import ActionId
from bot.slack.views.blocks import (
    actions,
    context,
    escape,
    fields_section,
    header,
    section,
    shown_subject,
    truncate,
)
from bot.slack.views.message import (
    action_button,
    complainant_fields,
    deadline_line,
    preview,
    source_link,
)
from bot.texts import CATEGORY_LABELS, RELATION_TYPE_LABELS, STATE_LABELS, clock_time
from bot.texts import find as text
from bot.texts import slack as slack_text
from bot.workdays import WorkCalendar

Blocks = list[dict[str, Any]]
QUERY_SHOWN = 100


def help_blocks(role: Role, unknown: str | None = None) -> Blocks:
    lines = list(text.HELP_LINES)
    if role is Role.EMPLOYEE:
        lines.append(text.HELP_EMPLOYEE)
    elif role is Role.MANAGEMENT:
        lines.append(text.HELP_MANAGEMENT)
    blocks = [section(text.HELP_TITLE), section("\n".join(lines))]
    if unknown is not None:
        blocks.insert(0, section(text.UNKNOWN.format(word=escape(truncate(unknown, 40)))))
    return blocks


def deadline_short(complaint: Complaint, now: dt.datetime, calendar: WorkCalendar) -> str:
    """'nog 2 werkdagen', 'vandaag vóór 17:00', 'termijn verlopen' or 'contact opgenomen'."""
    if complaint.contacted_at is not None:
        return text.CONTACTED
    if now >= complaint.contact_deadline:
        return text.OVERDUE
    days = calendar.working_days_left(now, complaint.contact_deadline)
    if days <= 0:
        return text.DUE_TODAY.format(time=clock_time(complaint.contact_deadline))
    return text.DAYS_LEFT.format(days=days, plural="" if days == 1 else "en")


def complaint_line(
    complaint: Complaint, now: dt.datetime, calendar: WorkCalendar, *, contact_details: bool
) -> str:
    """One complaint on one line: reference, state, deadline, subject (and for the officer
    the complainant)."""
    parts = [f"*{complaint.reference}*", STATE_LABELS[complaint.state]]
    if complaint.is_open:
        parts.append(deadline_short(complaint, now, calendar))
    else:
        parts.append(f"{complaint.received_at:%d-%m-%Y}")
    parts.append(shown_subject(complaint.subject, 120, contact_details=contact_details))
    who = complaint.complainant_name or complaint.complainant_email
    if contact_details and who:
        parts.append(escape(truncate(who, 60)))
    return " · ".join(parts)


def _lines(
    complaints: Sequence[Complaint],
    now: dt.datetime,
    calendar: WorkCalendar,
    contact_details: bool,
) -> Blocks:
    return [
        section(complaint_line(c, now, calendar, contact_details=contact_details))
        for c in complaints
    ]


def list_blocks(
    complaints: Sequence[Complaint],
    more: bool,
    now: dt.datetime,
    calendar: WorkCalendar,
    role: Role,
    *,
    contact_details: bool,
) -> Blocks:
    employee = role is Role.EMPLOYEE
    if not complaints:
        return [section(text.LIST_NONE_EMPLOYEE if employee else text.LIST_NONE)]
    title = text.LIST_TITLE_EMPLOYEE if employee else text.LIST_TITLE
    count = f"{len(complaints)}+" if more else str(len(complaints))
    blocks = [section(title.format(count=count))]
    blocks += _lines(complaints, now, calendar, contact_details)
    if more:
        blocks.append(context(text.LIST_MORE.format(shown=len(complaints))))
    return blocks


def search_blocks(
    query: str,
    complaints: Sequence[Complaint],
    more: bool,
    now: dt.datetime,
    calendar: WorkCalendar,
    role: Role,
    *,
    contact_details: bool,
) -> Blocks:
    shown = escape(truncate(query, QUERY_SHOWN))
    if not complaints:
        none = text.SEARCH_NONE_EMPLOYEE if role is Role.EMPLOYEE else text.SEARCH_NONE
        return [section(none.format(query=shown))]
    blocks = [section(text.SEARCH_TITLE.format(query=shown))]
    blocks += _lines(complaints, now, calendar, contact_details)
    if more:
        blocks.append(context(text.SEARCH_MORE.format(shown=len(complaints))))
    return blocks


def card_blocks(
    complaint: Complaint,
    now: dt.datetime,
    calendar: WorkCalendar,
    *,
    contact_details: bool,
    buttons: Sequence[ActionId],
    recurrence: Recurrence | None = None,
    thread_link: str | None = None,
) -> Blocks:
    """A complaint's card: its state, what may be shown of it, its buttons and links."""
    reference = complaint.reference or "?"
    subject = shown_subject(complaint.subject, 300, contact_details=contact_details)
    if contact_details:
        fields = complainant_fields(complaint)
        body = f"*{slack_text.FIELD_SUBJECT}:* {subject}\n{preview(complaint.body)}"
    else:
        fields = _anonymous_fields(complaint)
        body = f"*{slack_text.FIELD_SUBJECT}:* {subject}"
    blocks = [
        header(f"{reference} · {STATE_LABELS[complaint.state]}"),
        fields_section(fields),
        section(body),
    ]
    links = [deadline_line(complaint, now, calendar) or ""]
    if thread_link:
        links.append(text.THREAD_LINK.format(link=thread_link))
    if contact_details and complaint.source_link:
        links.append(source_link(complaint.source_link))
    if any(links):
        blocks.append(context(*(link for link in links if link)))
    if recurrence is not None:
        blocks.append(recurrence_block(recurrence))
    if buttons:
        value = Context(reference=reference).dump()
        blocks.append(actions([action_button(action, value) for action in buttons]))
    return blocks


def _anonymous_fields(complaint: Complaint) -> dict[str, str]:
    relation, category = complaint.relation_type, complaint.category
    return {
        slack_text.FIELD_COMPLAINANT: text.HIDDEN,
        slack_text.FIELD_RELATION: RELATION_TYPE_LABELS[relation]
        if relation
        else slack_text.NOT_YET_RECORDED,
        slack_text.FIELD_CATEGORY: CATEGORY_LABELS[category]
        if category
        else slack_text.NOT_YET_RECORDED,
    }


def recurrence_block(recurrence: Recurrence) -> dict[str, Any]:
    """Earlier complaints like this one, so the officer sees a pattern: counts with
    references."""
    if not recurrence.any:
        return context(text.RECURRENCE_NONE)
    lines = [text.RECURRENCE_TITLE]
    for template, pattern in (
        (text.RECURRENCE_COMPLAINANT, recurrence.complainant),
        (text.RECURRENCE_EMPLOYEE, recurrence.employee),
        (text.RECURRENCE_CATEGORY, recurrence.category),
    ):
        if pattern.count:
            lines.append(template.format(count=pattern.count, references=_references(pattern)))
    return section("\n".join(lines))


def _references(pattern: Pattern) -> str:
    shown = ", ".join(pattern.references)
    return shown + (text.RECURRENCE_AND_MORE if pattern.count > len(pattern.references) else "")
