"""The view model (bot.views) as Block Kit: small pure functions, one per kind of span, block
and view. Chat markup is written here only: mrkdwn's *bold* and _italics_, `code`, emoji
codes, mentions (<@U…>, <!subteam^S…>), links (<url|label>, <tel:…|…>) and > quotes; every
text from the view is escaped, and cut at Slack's limits without breaking the markup."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.slack.ids import COMMAND, HOME_UPDATED_BLOCK
from bot.slack.views.blocks import (
    actions,
    button,
    context,
    date_picker,
    datetime_picker,
    escape,
    header,
    input_block,
    modal,
    mrkdwn,
    multi_users_select,
    radio_buttons,
    section,
    static_select,
    text_input,
    truncate_markup,
)
from bot.texts import find as find_text
from bot.views.model import (
    Actions,
    Block,
    ButtonStyle,
    ChannelMention,
    Code,
    Command,
    Dashboard,
    Divider,
    Emphasis,
    Facts,
    FieldKind,
    FormView,
    GroupMention,
    Heading,
    Icon,
    Input,
    Line,
    Link,
    Mention,
    Message,
    Moment,
    Paragraph,
    Phone,
    Quote,
    Span,
    Strong,
    Subtle,
    Table,
    Updated,
)
from bot.views.spans import fill, moment_text

Json = dict[str, Any]
ICONS = {
    Icon.WARNING: ":warning:",
    Icon.DEADLINE: ":alarm_clock:",
    Icon.ALERT: ":rotating_light:",
    Icon.INSPECTION: ":mag:",
    Icon.CALENDAR: ":calendar:",
    Icon.DONE: ":white_check_mark:",
    Icon.NOT_MINE: ":ballot_box_with_check:",
    Icon.CLOSED: ":lock:",
    Icon.REMINDER: ":bell:",
}
STYLES = {ButtonStyle.PRIMARY: "primary", ButtonStyle.DESTRUCTIVE: "danger"}
TEXT_LIMIT = 4000  # a message's `text`, the line a notification shows
MESSAGE_BLOCKS = 50
FIELDS_PER_SECTION = 10
TABLE_CELL = 9


def line(spans: Line) -> str:
    """A line as mrkdwn."""
    return "".join(span(part) for part in spans)


def span(part: Span) -> str:
    match part:
        case Icon():
            return ICONS[part]
        case str():
            return escape(part)
        case Strong(spans):
            return f"*{line(spans)}*"
        case Emphasis(spans):
            return f"_{line(spans)}_"
        case Code(text):
            return f"`{escape(text)}`"
        case Command(words):
            # The bot's own words: '<tekst>' in 'zoek <tekst>' is shown as written.
            return f"`{COMMAND} {words}`" if words else f"`{COMMAND}`"
        case Mention(person):
            return f"<@{person.id}>"
        case GroupMention(id):
            return f"<!subteam^{id}>"
        case ChannelMention(id):
            return f"<#{id}>"
        case Link(url, label):
            return f"<{link_target(url)}|{escape(label)}>"
        case Phone(number, label):
            return f"<tel:{link_target(number)}|{escape(label)}>"
        case Moment():
            return escape(moment_text(part))
    raise TypeError(f"not a span: {part!r}")


def link_target(url: str) -> str:
    """Inside <url|label> a '|' or '>' would end the link early."""
    return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")


def quote(lines: Quote) -> str:
    return "\n".join(f"> {escape(text)}" for text in lines.lines)


def paragraph(lines: tuple[Line | Quote, ...]) -> str:
    return "\n".join(quote(part) if isinstance(part, Quote) else line(part) for part in lines)


def blocks(parts: tuple[Block, ...] | list[Block]) -> list[Json]:
    return [rendered for part in parts for rendered in block(part)]


def block(part: Block) -> list[Json]:
    """One view block as one Block Kit block (facts: a section per ten)."""
    match part:
        case Heading(text):
            return [header(text)]
        case Paragraph(lines):
            return [section(paragraph(lines))]
        case Facts(facts):
            fields = [mrkdwn(f"*{escape(f.label)}*\n{line(f.value)}", 2000) for f in facts]
            return [
                {"type": "section", "fields": fields[start : start + FIELDS_PER_SECTION]}
                for start in range(0, len(fields), FIELDS_PER_SECTION)
            ]
        case Subtle(lines):
            return [context(*(line(part) for part in lines))]
        case Updated(at):
            stamp = fill(find_text.HOME_UPDATED, moment=Moment(at))
            return [{**context(line(stamp)), "block_id": HOME_UPDATED_BLOCK}]
        case Divider():
            return [{"type": "divider"}]
        case Actions(buttons):
            return [
                actions(
                    [
                        button(b.label, b.action.value, b.context.dump(), STYLES.get(b.style))
                        for b in buttons
                    ]
                )
            ]
        case Table(title, rows):
            return [section(f"*{escape(title)}*\n```{table(rows)}```")]
    raise TypeError(f"not a block: {part!r}")


def table(rows: tuple[tuple[str, ...], ...]) -> str:
    """Monospace columns: the first left-aligned, the figures right-aligned."""
    width = max(len(row[0]) for row in rows)
    return "\n".join(
        escape(row[0].ljust(width) + "".join(cell.rjust(TABLE_CELL) for cell in row[1:]))
        for row in rows
    )


def message(view: Message) -> Json:
    """For chat.postMessage, chat.update, chat.postEphemeral or an acknowledgement."""
    rendered: Json = {"text": truncate_markup(line(view.summary), TEXT_LIMIT)}
    if view.blocks:
        rendered["blocks"] = blocks(view.blocks)[:MESSAGE_BLOCKS]
    return rendered


def text(view: Message) -> str:
    """A message that is one line of text (an ephemeral answer, a reminder)."""
    return message(view)["text"]


def dashboard(view: Dashboard) -> Json:
    """For views.publish (the App Home tab)."""
    return {"type": "home", "blocks": blocks(view.blocks)}


def form(view: FormView) -> Json:
    """For views.open. (Field errors are not part of the view in Slack: the submission is
    answered with them, see bot/slack/errors.py.)"""
    parts: list[Json] = []
    for part in view.blocks:
        parts += [input_element(part)] if isinstance(part, Input) else block(part)
    return modal(view.form.value, view.title, parts, view.context.dump(), view.submit, view.cancel)


def input_element(field: Input) -> Json:
    return input_block(
        field.field, field.label, _element(field), optional=field.optional, hint=field.hint
    )


def _element(field: Input) -> Json:
    initial = field.initial
    chosen = str(initial) if initial else None
    labels = {option.value: option.label for option in field.options}
    if field.kind is FieldKind.DATE_TIME:
        return datetime_picker(initial if isinstance(initial, dt.datetime) else None)
    if field.kind is FieldKind.DATE:
        return date_picker(initial if isinstance(initial, dt.date) else None)
    if field.kind is FieldKind.SELECT:
        return static_select(labels, chosen)
    if field.kind is FieldKind.RADIO:
        return radio_buttons(labels, chosen)
    if field.kind is FieldKind.PEOPLE:
        return multi_users_select(field.max_selected)
    multiline = field.kind is FieldKind.LONG_TEXT
    return text_input(chosen, multiline=multiline, max_length=field.max_length)
