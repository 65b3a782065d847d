"""The view model (bot.views) as Block Kit: small pure functions, one per kind of span, block
and view. Chat markup is written here only: mrkdwn's *bold* and _italics_, `code`, emoji
codes, mentions (<@U…>, <!subteam^S…>), links (<url|label>, <tel:…|…>) and > quotes; every
text from the view is escaped, and cut at Slack's limits without breaking the markup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from bot.slack.ids import COMMAND, HOME_UPDATED_BLOCK
from bot.slack.views.blocks import (
    actions,
    button,
    checkboxes,
    context,
    date_picker,
    datetime_picker,
    escape,
    header,
    input_block,
    modal,
    mrkdwn,
    multi_users_select,
    option,
    plain,
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
    Disclosure,
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
    return "".join(
        [escape(part) if type(part) is str else SPANS[type(part)](part) for part in spans]
    )


def _command(command: Command) -> str:
    # The bot's own words: '<tekst>' in 'zoek <tekst>' is shown as written.
    return f"`{COMMAND} {command.words}`" if command.words else f"`{COMMAND}`"


SPANS: dict[type, Callable[[Any], str]] = {
    Icon: ICONS.__getitem__,
    Strong: lambda strong: f"*{line(strong.spans)}*",
    Emphasis: lambda emphasis: f"_{line(emphasis.spans)}_",
    Code: lambda code: f"`{escape(code.text)}`",
    Command: _command,
    Mention: lambda mention: f"<@{mention.person.id}>",
    GroupMention: lambda group: f"<!subteam^{group.id}>",
    ChannelMention: lambda channel: f"<#{channel.id}>",
    Link: lambda link: f"<{link_target(link.url)}|{escape(link.label)}>",
    Phone: lambda phone: f"<tel:{link_target(phone.number)}|{escape(phone.label)}>",
    Moment: lambda moment: escape(moment_text(moment)),
}


def link_target(url: str) -> str:
    """Inside <url|label> a '|' or '>' would end the link early."""
    return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")


def quote(lines: Quote) -> str:
    return "\n".join(f"> {escape(text)}" for text in lines.lines)


def paragraph(lines: tuple[Line | Quote, ...]) -> str:
    return "\n".join(quote(part) if isinstance(part, Quote) else line(part) for part in lines)


def blocks(parts: tuple[Block, ...] | list[Block]) -> list[Json]:
    return [rendered for part in parts for rendered in BLOCKS[type(part)](part)]


def _facts(facts: Facts) -> list[Json]:
    """Section fields, ten per section (Slack takes no more)."""
    fields = [mrkdwn(f"*{escape(f.label)}*\n{line(f.value)}", 2000) for f in facts.facts]
    return [
        {"type": "section", "fields": fields[start : start + FIELDS_PER_SECTION]}
        for start in range(0, len(fields), FIELDS_PER_SECTION)
    ]


def _updated(updated: Updated) -> list[Json]:
    # The view was made at `at`: its own day reads without this year's year.
    stamp = line(fill(find_text.HOME_UPDATED, moment=Moment(updated.at, now=updated.at)))
    return [{**context(stamp), "block_id": HOME_UPDATED_BLOCK}]


# At most this many buttons side by side (a 360-pixel phone); the rest in one overflow menu,
# whose option carries "action|context" (bot/slack/listeners/actions.py opens its form).
VISIBLE_BUTTONS = 3
MORE_ACTIONS = "more_actions"
OPTION_VALUE_LIMIT = 150  # Slack's limit on an overflow option's value
OVERFLOW_OPTIONS = 5  # Slack's limit on an overflow menu


def _actions(buttons: Actions) -> list[Json]:
    shown = list(buttons.buttons)
    more: list[Json] = []
    rest = shown[VISIBLE_BUTTONS:]
    values = [f"{b.action.value}|{b.context.dump()}" for b in rest]
    if rest and len(rest) <= OVERFLOW_OPTIONS and all(len(v) <= OPTION_VALUE_LIMIT for v in values):
        shown = shown[:VISIBLE_BUTTONS]
        options = [option(value, b.label) for b, value in zip(rest, values, strict=True)]
        more = [{"type": "overflow", "action_id": MORE_ACTIONS, "options": options}]
    elements = [
        button(b.label, b.action.value, b.context.dump(), STYLES.get(b.style)) for b in shown
    ]
    return [actions([*elements, *more])]


def _disclosure(shown: Disclosure) -> list[Json]:
    """What was left out, with a button beside it that opens the rest in a modal
    (bot/slack/listeners/actions.py builds it with bot.views.card.full_text)."""
    more = button(shown.label, shown.action.value, shown.context.dump())
    return [{**section(f"_{escape(shown.hint)}_"), "accessory": more}]


# Each view block as Block Kit blocks (one each, but facts take a section per ten).
BLOCKS: dict[type, Callable[[Any], list[Json]]] = {
    Heading: lambda heading: [header(heading.text)],
    Paragraph: lambda text: [section(paragraph(text.lines))],
    Facts: _facts,
    Subtle: lambda subtle: [context(*(line(part) for part in subtle.lines))],
    Updated: _updated,
    Divider: lambda _divider: [{"type": "divider"}],
    Actions: _actions,
    Table: lambda table_: [section(f"*{escape(table_.title)}*\n```{table(table_.rows)}```")],
    Disclosure: _disclosure,
}


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


def reading_modal(view: Message, title: str, close: str) -> Json:
    """A message to read in a modal, without a submit button (views.open)."""
    return {
        "type": "modal",
        "title": plain(title, 24),
        "close": plain(close, 24),
        "blocks": blocks(view.blocks)[:MESSAGE_BLOCKS],
    }


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
        parts += [input_element(part)] if isinstance(part, Input) else blocks([part])
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
    if field.kind is FieldKind.CHECKBOX:
        return checkboxes(labels, chosen)
    if field.kind is FieldKind.PEOPLE:
        return multi_users_select(field.max_selected)
    multiline = field.kind is FieldKind.LONG_TEXT
    return text_input(chosen, multiline=multiline, max_length=field.max_length)
