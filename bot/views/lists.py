"""What `/klacht` answers besides a single card: the help, the open list and search results,
each shaped by what the asking person's role may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.procedure import Complaint, Role
from bot.texts import STATE_LABELS, plural
from bot.texts import find as text
from bot.texts.complainant import ROUTE_LABELS
from bot.views.card import category_label
from bot.views.excerpts import subject, truncate
from bot.views.model import (
    REPLY,
    Block,
    Code,
    Command,
    Icon,
    Line,
    Message,
    Moment,
    MomentStyle,
    Paragraph,
    Span,
    Subtle,
)
from bot.views.spans import fill, joined, strong
from bot.workdays import WorkCalendar

QUERY_SHOWN = 100


# The commands each role may use, by the first way to type them (text.HELP_COMMANDS): the
# officer all; management no ignored e-mail; an employee neither history nor reports.
NOT_FOR = {
    Role.OFFICER: frozenset[str](),
    Role.MANAGEMENT: frozenset({"genegeerd"}),
    Role.EMPLOYEE: frozenset({"K-2026-0001 historie", "rapport 2026-Q3", "genegeerd"}),
}


def help_commands(role: Role) -> list[tuple[tuple[str, ...], str]]:
    """The help's commands this role may use (every surface's help lists these)."""
    hidden = NOT_FOR.get(role, NOT_FOR[Role.EMPLOYEE])
    return [(words, what) for words, what in text.HELP_COMMANDS if words[0] not in hidden]


def help_message(role: Role, unknown: str | None = None) -> Message:
    """The commands this role may use, and what this role sees with them; first the word not
    understood."""
    lines = [_help_line(words, what) for words, what in help_commands(role)]
    lines.append(fill(text.HELP_SHORTCUT, shortcut=strong(text.SHORTCUT_NAME)))
    if role is Role.EMPLOYEE:
        lines.append((text.HELP_EMPLOYEE,))
    elif role is Role.MANAGEMENT:
        lines.append((text.HELP_MANAGEMENT,))
    title = fill(text.HELP_TITLE, command=strong(text.HELP_COMMAND))
    blocks: list[Block] = [Paragraph((title,)), Paragraph(tuple(lines))]
    if unknown is None:
        return Message(REPLY, title, tuple(blocks))
    said = fill(text.UNKNOWN, word=Code(truncate(unknown, 40)))
    blocks.insert(0, Paragraph((said,)))
    return Message(REPLY, fill(text.UNKNOWN, word=Code(unknown[:40])), tuple(blocks))


def _help_line(words: tuple[str, ...], what: str) -> Line:
    commands: list[Span] = []
    for command in words:
        commands += [text.HELP_OR, Command(command)] if commands else [Command(command)]
    return fill(text.HELP_LINE, commands=tuple(commands), what=what)


def search_hint() -> Message:
    """`/klacht zoek` without words."""
    return Message(REPLY, fill(text.SEARCH_EMPTY, example=Command(text.SEARCH_EXAMPLE)))


def deadline_short(complaint: Complaint, now: dt.datetime, calendar: WorkCalendar) -> Line:
    """'nog 2 werkdagen', 'vandaag vóór 17:00', 'termijn verlopen' or 'contact opgenomen'."""
    if complaint.contacted_at is not None:
        return (text.CONTACTED,)
    if now >= complaint.contact_deadline:
        return (Icon.WARNING, " ", text.OVERDUE)
    days = calendar.working_days_left(now, complaint.contact_deadline)
    if days <= 0:
        return fill(
            text.DUE_TODAY, time=Moment(complaint.contact_deadline, MomentStyle.TIME, now=now)
        )
    return fill(text.DAYS_LEFT, days=plural(days, "werkdag"))


def complaint_line(
    complaint: Complaint,
    now: dt.datetime,
    calendar: WorkCalendar,
    *,
    contact_details: bool,
    role: Role = Role.OFFICER,
) -> Line:
    """One complaint on one line: reference, state, deadline, subject (and for the officer
    the complainant). Management's line is a whitelist instead: reference, category, kind,
    state and deadline, never the subject (it names customers and their health)."""
    line: list[Span] = [strong(complaint.reference or "?")]
    if role is Role.MANAGEMENT:
        line += [f" · {category_label(complaint.category)}"]
        line += [f" · {ROUTE_LABELS[complaint.route].lower()}"]
    line.append(f" · {STATE_LABELS[complaint.state]} · ")
    if complaint.is_open:
        line += deadline_short(complaint, now, calendar)
    else:
        line.append(Moment(complaint.received_at, MomentStyle.DAY, now=now))
    if role is Role.MANAGEMENT:
        return joined(line)
    line += [" · ", subject(complaint, 120, contact_details=contact_details)]
    who = complaint.complainant_name or complaint.complainant_email
    if contact_details and who:
        line += [" · ", truncate(who, 60)]
    return joined(line)


def _lines(
    complaints: Sequence[Complaint],
    now: dt.datetime,
    calendar: WorkCalendar,
    details: bool,
    role: Role,
) -> list[Block]:
    return [
        Paragraph((complaint_line(c, now, calendar, contact_details=details, role=role),))
        for c in complaints
    ]


def counted(title: str, count: int | str) -> Line:
    """'*Open klachten* (3)'."""
    return fill(text.COUNTED, title=strong(title), count=count)


def open_list(
    complaints: Sequence[Complaint],
    more: bool,
    now: dt.datetime,
    calendar: WorkCalendar,
    role: Role,
    *,
    contact_details: bool,
) -> Message:
    """`/klacht lijst`: the first open complaints, overdue first."""
    summary = counted(text.LIST_TITLE, len(complaints))
    employee = role is Role.EMPLOYEE
    if not complaints:
        none = text.LIST_NONE_EMPLOYEE if employee else text.LIST_NONE
        return Message(REPLY, summary, (Paragraph(((none,),)),))
    title = text.LIST_TITLE_EMPLOYEE if employee else text.LIST_TITLE
    count = f"{len(complaints)}+" if more else str(len(complaints))
    blocks = [Paragraph((counted(title, count),))]
    blocks += _lines(complaints, now, calendar, contact_details, role)
    if more:
        hint = fill(text.LIST_MORE, shown=len(complaints), search=Command(text.SEARCH_COMMAND))
        blocks.append(Subtle((hint,)))
    return Message(REPLY, summary, tuple(blocks))


def search_results(
    query: str,
    complaints: Sequence[Complaint],
    more: bool,
    now: dt.datetime,
    calendar: WorkCalendar,
    role: Role,
    *,
    contact_details: bool,
) -> Message:
    """`/klacht zoek <tekst>`: the newest complaints found, or that none were."""
    summary = fill(text.SEARCH_TITLE, found=strong(text.SEARCH_FOUND), query=query[:QUERY_SHOWN])
    shown = truncate(query, QUERY_SHOWN)
    if not complaints:
        none = text.SEARCH_NONE_EMPLOYEE if role is Role.EMPLOYEE else text.SEARCH_NONE
        return Message(REPLY, summary, (Paragraph((fill(none, query=shown),)),))
    title = fill(text.SEARCH_TITLE, found=strong(text.SEARCH_FOUND), query=shown)
    blocks = [Paragraph((title,))]
    blocks += _lines(complaints, now, calendar, contact_details, role)
    if more:
        blocks.append(Subtle((fill(text.SEARCH_MORE, shown=len(complaints)),)))
    return Message(REPLY, summary, tuple(blocks))
