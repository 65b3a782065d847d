"""The quarterly and yearly reports as people read them in chat: the summary management reads
(its charts and files go with it), the key figures on management's dashboard, the officer's
direct messages with the action to add their text, and the form for that text.

A thin mapping of what reports/ makes (reports.summary's rows, reports.export's texts), loaded
lazily: the bot loads no numpy until a report is shown.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bot.texts import reports as text
from bot.views.context import Context
from bot.views.ids import Action, Field, FormId
from bot.views.model import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    ChannelMention,
    Divider,
    Fact,
    Facts,
    FieldKind,
    FormView,
    Heading,
    Input,
    Line,
    Message,
    Moment,
    Paragraph,
    Subtle,
    Table,
)
from bot.views.spans import fill, strong

if TYPE_CHECKING:
    from reports.store import Report

# Of the key figures the contact counts stay in the files; the rate shows.
FACTS_SKIPPED = (text.ON_TIME, text.LATE, text.AWAITING_CONTACT)
TEXT_LIMIT = 2900


def key_of(report: Report) -> str:
    return f"report:{report.id}"


def title(report: Report) -> str:
    """'Klachtenrapportage K3 2026' or 'Klachtenjaarverslag 2026'."""
    from reports.summary import report_name

    return report_name(report.figures)


def summary_line(report: Report) -> Line:
    return (text.SLACK_FALLBACK.format(label=report.period),)


def key_figures(report: Report, now: dt.datetime) -> tuple[Block, ...]:
    """The heading, when it was made, and the key figures with their changes."""
    from reports.summary import comparison_header, comparison_rows

    figures = report.figures
    compared = comparison_header(figures)[2::2]
    generated = fill(
        text.SLACK_GENERATED,
        moment=Moment(report.generated_at, now=now),
        compared=text.AND.join(compared),
    )
    rows = [row for row in comparison_rows(figures) if row[0] not in FACTS_SKIPPED]
    facts = tuple(_fact(row, compared) for row in rows)
    return (Heading(title(report)), Subtle((generated,)), Facts(facts))


def _fact(row: tuple[str, ...], compared: tuple[str, ...]) -> Fact:
    """'Ontvangen': '9  (+7 t.o.v. 2026-Q1 · +8 t.o.v. 2025-Q2)', the value and each change."""
    label, now, *others = row
    changes = [
        text.SLACK_CHANGE.format(change=change, label=other)
        for other, change in zip(compared, others[1::2], strict=True)
        if change not in (text.NONE, text.NOT_APPLICABLE)
    ]
    if not changes:
        return Fact(label, (now,))
    return Fact(label, (text.SLACK_FIELD_CHANGE.format(value=now, changes=" · ".join(changes)),))


def _listing(heading: str, rows: list[tuple[str, ...]]) -> Paragraph:
    lines = [fill(text.SLACK_LIST_LINE, label=row[0], count=" · ".join(row[1:])) for row in rows]
    return Paragraph(((strong(heading),), *lines))


def summary_first(report: Report, now: dt.datetime) -> tuple[Block, ...]:
    """What a director reads first: who reports what and how it stands, the key messages, the
    key figures with their target and status in words, the cases that need attention, the
    officer's analysis or advice, and the decision asked."""
    from reports.summary import front_page

    front = front_page(report, now.date())
    about = " · ".join([front.organisation, *front.about])
    messages = [(text.SLACK_BULLET.format(line=line),) for line in front.messages]
    facts = tuple(
        Fact(label, (_key_value(now, goal, before, state),))
        for label, now, goal, before, _earlier, state in front.key_figures
    )
    return (
        Heading(front.title),
        Subtle(((about,),)),
        Paragraph(((strong(text.KEY_MESSAGES),), *messages)),
        Facts(facts),
        Paragraph(((strong(text.ATTENTION_CASES),), (front.cases,))),
        Paragraph(((strong(front.officer_heading),), (front.officer_text,))),
        Paragraph(((strong(text.DECISION_HEADING),), (front.decision,))),
    )


def _key_value(now: str, goal: str, before: str, state: str) -> str:
    """'58,7% · doel 90,0% · vorige 63,6% · ↓ uit koers', leaving out what does not apply."""
    parts = [now]
    if goal != text.NONE:
        parts.append(text.SLACK_GOAL.format(goal=goal))
    if before not in (text.NONE, text.NOT_APPLICABLE):
        parts.append(text.SLACK_BEFORE.format(before=before))
    if state not in (text.NONE, text.NOT_APPLICABLE):
        parts.append(state)
    return " · ".join(parts)


def summary_blocks(report: Report, now: dt.datetime) -> tuple[Block, ...]:
    """The report as management reads it: the summary first, then the details (the PDF and
    the charts follow as files)."""
    from reports.summary import (
        breakdown,
        comparison_notes,
        effectiveness_line,
        pareto_rows,
        quarters_header,
        quarters_rows,
    )

    figures = report.figures
    blocks: list[Block] = [*summary_first(report, now), Divider()]
    blocks += list(key_figures(report, now))[1:]
    blocks.append(Subtle(tuple((note,) for note in comparison_notes(figures, now.date()))))
    if figures.quarters:
        rows = (quarters_header(figures), *quarters_rows(figures))
        blocks.append(Table(text.QUARTERS_SIDE_BY_SIDE, rows))
    if not figures.is_empty:
        categories = breakdown(figures.by_category, text.category_label)
        blocks.append(_listing(text.BY_CATEGORY, categories))
    if figures.root_causes:
        blocks.append(_listing(text.ROOT_CAUSES, pareto_rows(figures)))
    if any(figures.effectiveness.values()):
        blocks.append(Paragraph(((strong(text.MEASURES),), (effectiveness_line(figures),))))
    blocks.append(Divider())
    blocks.append(Paragraph(((strong(text.ANALYSIS_HEADING),), (report.analysis,))))
    return tuple(blocks)


def summary(report: Report, now: dt.datetime) -> Message:
    """The post in the management channel."""
    return Message(key_of(report), summary_line(report), summary_blocks(report, now))


def preview(report: Report, post_at: dt.datetime | None, now: dt.datetime) -> Message:
    """The officer's direct message: what is ready, and the action to add their text. A
    quarter the scheduler made says when it goes without their text (`post_at`); one the
    officer asked for waits for them."""
    if report.kind == "year":
        intro = fill(text.SLACK_PREVIEW_YEAR, label=report.period)
    elif post_at is None:
        intro = fill(text.SLACK_PREVIEW_ASKED, label=report.period)
    else:
        deadline = Moment(post_at, now=now)
        intro = fill(text.SLACK_PREVIEW_QUARTER, label=report.period, deadline=deadline)
    blocks = (Paragraph((intro,)), *summary_blocks(report, now), _action(report))
    return Message(f"{key_of(report)}:preview", summary_line(report), blocks)


def reminder(report: Report) -> Message:
    said = text.SLACK_REMINDER_YEAR.format(label=report.period)
    blocks = (Paragraph(((said,),)), _action(report))
    return Message(f"{key_of(report)}:preview", summary_line(report), blocks)


def _action(report: Report) -> Actions:
    label = text.BUTTON_ADD_ADVICE if report.kind == "year" else text.BUTTON_ADD_ANALYSIS
    context = Context(report_id=report.id)
    return Actions((Button(Action.ADD_REPORT_TEXT, label, context, ButtonStyle.PRIMARY),))


def text_form(report: Report) -> FormView:
    """The generated analysis, and the field for the officer's own: their analysis of a
    quarter (optional) or their advice on a year (required)."""
    year = report.kind == "year"
    intro = Paragraph(((strong(title(report)),), (report.analysis,)))
    field = Input(
        Field.REPORT_TEXT,
        text.MODAL_ADVICE_LABEL if year else text.MODAL_OFFICER_LABEL,
        FieldKind.LONG_TEXT,
        initial=report.advice if year else report.officer_text,
        optional=not year,
        hint=text.MODAL_ADVICE_HINT if year else text.MODAL_OFFICER_HINT,
        max_length=TEXT_LIMIT,
    )
    return FormView(
        key=f"{key_of(report)}:text",
        form=FormId.REPORT_TEXT,
        title=text.MODAL_TITLE_YEAR if year else text.MODAL_TITLE_QUARTER,
        submit=text.MODAL_SUBMIT,
        cancel=text.MODAL_CLOSE,
        context=Context(report_id=report.id),
        blocks=(intro, field),
    )


def posted(report: Report, channel: str) -> Message:
    """To whoever asked for the report: where it is now."""
    said = fill(text.POSTED_CONFIRMATION, label=report.period, channel=ChannelMention(channel))
    return Message(key_of(report), said)
