"""The view model (bot.views) as Adaptive Cards 1.5 for Teams: small pure functions, one per kind
of block and view, built with the Teams SDK's card models (microsoft_teams.cards).

- A message or dashboard is an activity with one card (`summary` is what a notification shows);
  a form is a dialog (task module) whose card holds `Input.*` elements, their initial values and
  each field's error under its field.
- Buttons are `Action.Execute`: `verb` is the shared action id (bot.views.ids.Action), `data` the
  button's context (bot.views.context.Context); a dialog's `Action.Submit` carries the form id
  and the context.
- Every text is escaped (bot.teams.views.text) and cut; a card that would still pass Teams' size
  limit is rendered again with shorter texts, and as a last resort loses its last parts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from dataclasses import field as data_field
from functools import lru_cache
from typing import Any

from microsoft_teams.cards import (
    ActionSet,
    AdaptiveCard,
    ChoiceSetInput,
    ColumnDefinition,
    Container,
    DateInput,
    ExecuteAction,
    Fact,
    FactSet,
    Image,
    OpenUrlAction,
    QueryData,
    ShowCardAction,
    SubmitAction,
    TableCell,
    TableRow,
    TeamsCardProperties,
    TextBlock,
    TextInput,
    TimeInput,
    ToggleInput,
)
from microsoft_teams.cards import Choice as CardChoice
from microsoft_teams.cards import Mention as CardMention
from microsoft_teams.cards import MentionedEntity as CardMentioned
from microsoft_teams.cards import Table as CardTable
from microsoft_teams.cards.core import CardElement

from bot.procedure.people import Person
from bot.sanitize import free_text, one_line
from bot.teams.views.text import DEFAULT_CUT, Cut, escape, is_mentionable, line, mention_text, plain
from bot.texts import find as find_text
from bot.texts import teams as teams_text
from bot.views.excerpts import truncate
from bot.views.model import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Dashboard,
    Disclosure,
    Divider,
    Facts,
    FieldKind,
    FormView,
    Heading,
    Input,
    Mention,
    Message,
    Moment,
    Paragraph,
    Quote,
    Subtle,
    Table,
    Updated,
    View,
)
from bot.views.spans import fill

Json = dict[str, Any]
CARD_TYPE = "application/vnd.microsoft.card.adaptive"
# Teams refuses a message over 28 KB; the card keeps room for the activity around it.
CARD_LIMIT = 26 * 1024
# Ever shorter texts for a card that does not fit, then the card loses its last parts.
CUTS = (Cut(2000), Cut(800), Cut(300), Cut(120))
SUMMARY_LIMIT = 250
MENTION_START = "<at>"  # how mention_text() starts a mention
HEADING_LIMIT = 200
TITLE_LIMIT = 75  # a button's or a dialog's title
LABEL_LIMIT = 200  # an input's label, an option's title
PRIMARY_ACTIONS = 3  # side by side on a phone; the rest goes into the overflow menu
STYLES = {ButtonStyle.PRIMARY: "positive", ButtonStyle.DESTRUCTIVE: "destructive"}
UPDATED_ID = "updated"
TIME_SUFFIX = "__time"  # the Input.Time beside a date-and-time field's Input.Date
PEOPLE = QueryData(dataset="graph.microsoft.com/users")
FORMS_KEPT = 256  # rendered forms kept by form_in_card, some KB each


# -- blocks ------------------------------------------------------------------------------------


def text_block(markdown: str, **style: Any) -> TextBlock:
    return TextBlock(text=markdown, wrap=True, **style)


def _heading(heading: Heading, _cut: Cut) -> list[CardElement]:
    shown = escape(truncate(one_line(heading.text), HEADING_LIMIT))
    return [text_block(shown, size="Large", weight="Bolder")]


def _quote(quote: Quote, cut: Cut) -> CardElement:
    items = [text_block(escape(truncate(part, cut.text))) for part in quote.lines]
    return Container(style="emphasis", items=items)


def _paragraph(paragraph: Paragraph, cut: Cut) -> list[CardElement]:
    return [
        _quote(part, cut) if isinstance(part, Quote) else text_block(line(part, cut))
        for part in paragraph.lines
    ]


def _facts(facts: Facts, cut: Cut) -> list[CardElement]:
    shown = [
        Fact(title=escape(truncate(one_line(f.label), LABEL_LIMIT)), value=line(f.value, cut))
        for f in facts.facts
    ]
    return [FactSet(facts=shown)]


def _subtle(subtle: Subtle, cut: Cut) -> list[CardElement]:
    return [text_block(line(part, cut), is_subtle=True, size="Small") for part in subtle.lines]


def _updated(updated: Updated, cut: Cut) -> list[CardElement]:
    # The view was made at `at`: its own day reads without this year's year.
    stamp = line(fill(find_text.HOME_UPDATED, moment=Moment(updated.at, now=updated.at)), cut)
    return [text_block(stamp, is_subtle=True, size="Small", id=UPDATED_ID)]


def button(part: Button, secondary: bool = False) -> ExecuteAction:
    return ExecuteAction(
        title=truncate(one_line(part.label), TITLE_LIMIT),
        verb=part.action.value,
        data=context_data(part.context),
        style=STYLES.get(part.style),
        mode="secondary" if secondary else None,
    )


def context_data(context: Any) -> Json:
    """A Context as the object a card hands back (the one serialisation, Context.dump)."""
    return json.loads(context.dump())


def _actions(actions: Actions, _cut: Cut) -> list[CardElement]:
    buttons = [
        button(part, secondary=number >= PRIMARY_ACTIONS)
        for number, part in enumerate(actions.buttons)
    ]
    return [ActionSet(actions=buttons)] if buttons else []


def _table(table: Table, _cut: Cut) -> list[CardElement]:
    def cell(value: str, bold: bool) -> TableCell:
        shown = escape(truncate(one_line(value), LABEL_LIMIT))
        return TableCell(items=[text_block(shown, weight="Bolder" if bold else None)])

    width = max((len(row) for row in table.rows), default=0)
    rows = [
        TableRow(cells=[cell(value, number == 0) for value in row])
        for number, row in enumerate(table.rows)
    ]
    columns = [ColumnDefinition(width=2 if n == 0 else 1) for n in range(width)]
    title = text_block(f"**{escape(truncate(one_line(table.title), HEADING_LIMIT))}**")
    return [title, CardTable(columns=columns, rows=rows, first_row_as_headers=True)]


def _disclosure(shown: Disclosure, cut: Cut) -> list[CardElement]:
    """What was left out, and the rest shown in place by a button (Action.ShowCard)."""
    rest = AdaptiveCard(version="1.5", body=blocks(shown.blocks, cut))
    more = ShowCardAction(title=truncate(one_line(shown.label), TITLE_LIMIT), card=rest)
    hint = text_block(escape(shown.hint), is_subtle=True, size="Small")
    return [hint, ActionSet(actions=[more])]


BLOCKS: dict[type, Callable[[Any, Cut], list[CardElement]]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    Facts: _facts,
    Subtle: _subtle,
    Updated: _updated,
    Divider: lambda _divider, _cut: [],
    Actions: _actions,
    Table: _table,
    Disclosure: _disclosure,
}


def blocks(
    parts: tuple[Block | Input, ...], cut: Cut = DEFAULT_CUT, errors: dict[str, str] | None = None
) -> list[CardElement]:
    """Card elements top to bottom; a divider is a separator line above what follows it."""
    elements: list[CardElement] = []
    separate = False
    for part in parts:
        if isinstance(part, Divider):
            separate = bool(elements)
            continue
        rendered = (
            inputs(part, (errors or {}).get(part.field.value))
            if isinstance(part, Input)
            else BLOCKS[type(part)](part, cut)
        )
        if rendered and separate:
            rendered[0].separator = True
            separate = False
        elements += rendered
    return elements


# -- forms -------------------------------------------------------------------------------------


def inputs(field: Input, error: str | None = None) -> list[CardElement]:
    """A form field as its Input element(s), its hint and its error (shown at the field)."""
    label = truncate(one_line(field.label), LABEL_LIMIT)
    common: Json = {
        "id": field.field.value,
        "label": label,
        "is_required": not field.optional,
    }
    if not field.optional or error:
        common["error_message"] = one_line(error or teams_text.REQUIRED)
    elements: list[CardElement] = _input(field, common)
    if error:
        elements.append(text_block(escape(one_line(error)), color="Attention", spacing="None"))
    if field.hint:
        elements.append(
            text_block(escape(one_line(field.hint)), is_subtle=True, size="Small", spacing="None")
        )
    return elements


def _input(field: Input, common: Json) -> list[CardElement]:
    initial = field.initial
    if field.kind is FieldKind.DATE_TIME:
        moment = initial if isinstance(initial, dt.datetime) else None
        date = DateInput(**common, value=moment.date().isoformat() if moment else None)
        time = TimeInput(
            id=field.field.value + TIME_SUFFIX,
            is_required=not field.optional,
            error_message=common.get("error_message"),
            value=f"{moment:%H:%M}" if moment else None,
            spacing="Small",
        )
        return [date, time]
    if field.kind is FieldKind.DATE:
        day = initial.date() if isinstance(initial, dt.datetime) else initial
        return [DateInput(**common, value=day.isoformat() if isinstance(day, dt.date) else None)]
    if field.kind in (FieldKind.SELECT, FieldKind.RADIO):
        choices = [
            CardChoice(title=truncate(one_line(option.label), LABEL_LIMIT), value=option.value)
            for option in field.options
        ]
        chosen = str(initial) if initial in {option.value for option in field.options} else None
        style = "expanded" if field.kind is FieldKind.RADIO else "compact"
        return [ChoiceSetInput(**common, choices=choices, style=style, value=chosen)]
    if field.kind is FieldKind.PEOPLE:
        return [
            ChoiceSetInput(
                **common,
                choices=[],
                choices_data=PEOPLE,
                is_multi_select=field.max_selected > 1,
            )
        ]
    if field.kind not in (FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT) and len(field.options) == 1:
        # A yes that may be ticked (a check box): its one option, ticked or not.
        (option,) = field.options
        ticked = initial in (True, option.value)
        toggle = {**common, "is_required": False}
        return [
            ToggleInput(
                **toggle,
                title=truncate(one_line(option.label), LABEL_LIMIT),
                value_on=option.value,
                value_off="",
                value=option.value if ticked else "",
            )
        ]
    shown = free_text(str(initial))[: field.max_length] if initial else None
    multiline = field.kind is FieldKind.LONG_TEXT
    return [TextInput(**common, is_multiline=multiline, max_length=field.max_length, value=shown)]


# -- cards and views ---------------------------------------------------------------------------


def card(
    parts: tuple[Block | Input, ...],
    *,
    actions: list[Any] | None = None,
    errors: dict[str, str] | None = None,
    full_width: bool = True,
    below: tuple[CardElement, ...] = (),
) -> Json:
    """The parts (and `below` them, elements of no view model, such as a report's charts) as
    one Adaptive Card within CARD_LIMIT, with an entity for every person it mentions."""
    for cut in CUTS:
        body = [*blocks(parts, cut, errors), *below]
        rendered = _card(body, actions, parts, full_width)
        if size(rendered) <= CARD_LIMIT:
            return rendered
    note = text_block(escape(teams_text.CARD_SHORTENED), is_subtle=True, size="Small")
    while body and size(rendered) > CARD_LIMIT:
        body.pop()
        rendered = _card([*body, note], actions, parts, full_width)
    return rendered


def _card(body: list[CardElement], actions: list[Any] | None, parts: Any, full_width: bool) -> Json:
    card_json = AdaptiveCard(version="1.5", body=body, actions=actions or None).model_dump_json(
        by_alias=True, exclude_none=True
    )
    rendered = json.loads(card_json, parse_float=_whole_number)
    entities: list[CardMention] = []
    # Only a mention's own text shows "<at>" (escape() writes any other as an entity), so a card
    # without one needs no walk through the view for the people it mentions.
    if MENTION_START in card_json:
        shown = list(_strings(rendered))
        entities = [
            entity
            for entity in mention_entities(parts)
            if any(str(entity.text) in text for text in shown)
        ]
    teams = TeamsCardProperties(width="full" if full_width else None, entities=entities or None)
    if full_width or entities:
        rendered["msteams"] = teams.model_dump(by_alias=True, exclude_none=True)
    return rendered


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def mention_entities(value: Any) -> list[CardMention]:
    """One `mention` entity per Teams person the view mentions (Teams needs one for each
    `<at>…</at>` the card shows, or shows the name without notifying)."""
    entities: dict[tuple[str, str], CardMention] = {}
    for person in _mentioned(value):
        text = mention_text(person)
        entity = CardMention(
            text=text, mentioned=CardMentioned(id=person.id, name=one_line(person.label))
        )
        entities.setdefault((text, person.id), entity)
    return list(entities.values())


def _mentioned(value: Any) -> Iterator[Person]:
    if isinstance(value, Mention):
        if is_mentionable(value.person):
            yield value.person
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _mentioned(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from _mentioned(getattr(value, field.name))


def _whole_number(literal: str) -> float | int:
    """The SDK's models keep every number as a float (`maxLength: 3000.0`): whole ones as ints."""
    value = float(literal)
    return int(value) if value.is_integer() else value


def size(rendered: Json) -> int:
    """Bytes on the wire, as Teams counts them."""
    return len(json.dumps(rendered, ensure_ascii=False, separators=(",", ":")).encode())


def attachment(rendered: Json) -> Json:
    return {"contentType": CARD_TYPE, "content": rendered}


def message(view: Message | Dashboard) -> Json:
    """An activity for the Bot Connector (a post, a reply, a personal message, a card updated
    in place); a message without blocks is a card of its summary line."""
    parts = view.blocks or (Paragraph((view.summary,)),)
    return {
        "type": "message",
        "summary": truncate(plain(view.summary), SUMMARY_LIMIT),
        "attachments": [attachment(card(parts))],
    }


def with_charts(view: Message, charts: list[tuple[str, str]], link: tuple[str, str]) -> Json:
    """A post with images under its text (`charts`: each image's URL and its description) and
    one button that opens `link` (its title and URL) in the browser: a report in the
    management channel, its charts in the post and its PDF one click away."""
    images = tuple(
        Image(url=url, alt_text=truncate(one_line(alt), LABEL_LIMIT), size="Stretch")
        for url, alt in charts
    )
    title, url = link
    opens = OpenUrlAction(title=truncate(one_line(title), TITLE_LIMIT), url=url)
    return {
        "type": "message",
        "summary": truncate(plain(view.summary), SUMMARY_LIMIT),
        "attachments": [attachment(card(view.blocks, actions=[opens], below=images))],
    }


def dashboard(view: Dashboard) -> Json:
    """A person's dashboard: a card in their personal chat with the bot, updated in place."""
    return message(view)


def form(view: FormView) -> Json:
    """The dialog's card: the form's parts and inputs, each error at its field, and the submit
    button, which hands back the form id, the context and the answers (task/submit)."""
    submit = SubmitAction(
        title=truncate(one_line(view.submit), TITLE_LIMIT),
        data={"form": view.form.value, "context": context_data(view.context)},
        style="positive",
    )
    return card(view.blocks, actions=[submit], errors=view.errors, full_width=False)


@dataclass(frozen=True)
class _Shown:
    """A form view as the key of what it renders to: its repr, which names every value with
    its type and a moment with its time zone (equal moments in two zones read differently,
    and would be one key as values)."""

    key: str
    view: FormView = data_field(compare=False)


@dataclass(frozen=True)
class KeptJson:
    """JSON text as it was rendered and kept, written into an HTTP answer as it is
    (bot.teams.app): a kept form is neither copied nor encoded again on each click."""

    text: str


def form_answer(view: FormView, cancel_verb: str) -> Json:
    """The invoke's answer that puts the form in place of the clicked card (form_in_card), its
    card as the kept JSON text."""
    return {"statusCode": 200, "type": CARD_TYPE, "value": _kept_form(view, cancel_verb)}


def form_in_card(view: FormView, cancel_verb: str) -> Json:
    """The form in place of the card whose button opened it (an Action.Execute answer): its
    title, inputs and errors, and two Action.Execute buttons. Submitting sends the form id as
    `verb` with the context and the answers in `data`; cancelling (`cancel_verb`) brings the
    card back."""
    return json.loads(_kept_form(view, cancel_verb).text)


def _kept_form(view: FormView, cancel_verb: str) -> KeptJson:
    """Every click on a step's button renders its form; the same view renders the same card,
    so the last FORMS_KEPT are kept, as JSON text (never changed in place). A complaint that
    changed, or other earlier complaints like it, make another view."""
    return _form_in_card_json(_Shown(repr(view), view), cancel_verb)


@lru_cache(maxsize=FORMS_KEPT)
def _form_in_card_json(shown: _Shown, cancel_verb: str) -> KeptJson:
    return KeptJson(json.dumps(_form_in_card(shown.view, cancel_verb), ensure_ascii=False))


def _form_in_card(view: FormView, cancel_verb: str) -> Json:
    data = context_data(view.context)
    actions = [
        ExecuteAction(
            title=truncate(one_line(view.submit), TITLE_LIMIT),
            verb=view.form.value,
            data=data,
            style="positive",
        ),
        ExecuteAction(
            title=truncate(one_line(view.cancel), TITLE_LIMIT), verb=cancel_verb, data=data
        ),
    ]
    return card((Heading(view.title), *view.blocks), actions=actions, errors=view.errors)


def dialog(view: FormView) -> Json:
    """The task module a dialog opens with (the `value` of a `continue` task)."""
    return {
        "title": truncate(one_line(view.title), TITLE_LIMIT),
        "width": "medium",
        "card": attachment(form(view)),
    }


def render(view: View) -> Json:
    """Any view as what Teams takes for it."""
    if isinstance(view, FormView):
        return dialog(view)
    return message(view)
