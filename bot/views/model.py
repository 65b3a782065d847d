"""The view model: what a person sees, as plain frozen data that any chat surface can render.

A view says what is shown and what it means (a heading, facts, someone's own words, a person to
mention, the primary action), never how a surface writes it: no Block Kit, no Adaptive Card, no
markup. Texts come from bot.texts; people are bot.procedure.people.Person. docs/views.md maps
each part to Slack's Block Kit and to Adaptive Cards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum, StrEnum

from bot.procedure.people import Person
from bot.views.context import Context
from bot.views.ids import Action, Field, FormId

# -- spans: the parts of a line of text --------------------------------------------------------


class Icon(Enum):
    """A small picture before a line, by meaning (each renderer picks its own glyph)."""

    WARNING = "warning"
    DEADLINE = "deadline"
    ALERT = "alert"
    INSPECTION = "inspection"
    CALENDAR = "calendar"
    DONE = "done"
    NOT_MINE = "not_mine"
    CLOSED = "closed"
    REMINDER = "reminder"


class MomentStyle(StrEnum):
    DAY_AND_TIME = "day_and_time"  # woensdag 29 april om 17:00
    DAY = "day"  # woensdag 29 april
    TIME = "time"  # 17:00


@dataclass(frozen=True)
class Moment:
    """A date or time, written out by the renderer (in the value's own time zone). `now` is
    when the view is made: the year is written only for a date in another year than `now`'s
    ('maandag 4 januari 2027' in December 2026); None writes it always."""

    value: dt.datetime | dt.date
    style: MomentStyle = MomentStyle.DAY_AND_TIME
    capitalised: bool = False  # at the start of a sentence
    now: dt.datetime | None = field(kw_only=True)


@dataclass(frozen=True)
class Strong:
    """What the eye should find first (Slack: bold)."""

    spans: Line


@dataclass(frozen=True)
class Emphasis:
    """A remark beside the point (Slack: italics)."""

    spans: Line


@dataclass(frozen=True)
class Code:
    """Something to type exactly as shown, such as a command line (monospace)."""

    text: str


@dataclass(frozen=True)
class Command:
    """A command of the bot itself, by its words after the command name ('zoek <tekst>'): Slack
    writes it as the slash command `/klacht zoek <tekst>`, a chat surface without slash
    commands as the words to send the bot. Only the bot's own words, never typed input."""

    words: str = ""


@dataclass(frozen=True)
class Mention:
    """A person, mentioned the way their surface does it (so they are notified)."""

    person: Person


@dataclass(frozen=True)
class GroupMention:
    """A group of people on the surface (a Slack user group), mentioned as a group."""

    id: str


@dataclass(frozen=True)
class ChannelMention:
    """A channel or conversation on the surface, as a link to it."""

    id: str


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class Phone:
    """A telephone number to tap: `number` in E.164, `label` as people write it."""

    number: str
    label: str


# A str is plain text; every renderer escapes it for its surface.
Span = (
    str
    | Strong
    | Emphasis
    | Code
    | Command
    | Mention
    | GroupMention
    | ChannelMention
    | Link
    | Phone
    | Moment
    | Icon
)
Line = tuple[Span, ...]

# -- blocks: the parts of a view, top to bottom ------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Quote:
    """Someone's own words (the complainant's, an employee's), line by line, as an excerpt."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Paragraph:
    """Lines of text read together; a Quote among them is quoted in place."""

    lines: tuple[Line | Quote, ...]


@dataclass(frozen=True)
class Fact:
    label: str
    value: Line


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (Slack: section fields; Adaptive Cards: a FactSet)."""

    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Subtle:
    """Small print beside the content: a deadline line, links, a hint."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Updated:
    """When the view was made. Not part of what it shows: a view that differs only here is
    the same view (a dashboard is not published again for it)."""

    at: dt.datetime


@dataclass(frozen=True)
class Divider:
    pass


class ButtonStyle(StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"  # the next step
    DESTRUCTIVE = "destructive"  # ends or undoes something


@dataclass(frozen=True)
class Button:
    """An action; `context` is what it acts on, handed back when it is used."""

    action: Action
    label: str
    context: Context
    style: ButtonStyle = ButtonStyle.DEFAULT


@dataclass(frozen=True)
class Actions:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Table:
    """Figures side by side: `rows[0]` is the header, the first column names each row."""

    title: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Disclosure:
    """More of what is shown, one click away: `hint` says what was left out, a button `label`
    shows `blocks`. Teams shows them in place (Action.ShowCard); Slack opens them in a modal
    from the button `action` with `context` (its listener builds the same blocks)."""

    hint: str
    label: str
    blocks: tuple[Heading | Paragraph | Facts | Subtle, ...]
    action: Action
    context: Context


Block = Heading | Paragraph | Facts | Subtle | Updated | Divider | Actions | Table | Disclosure

# -- forms -------------------------------------------------------------------------------------


class FieldKind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SELECT = "select"  # one of the options, from a list
    RADIO = "radio"  # one of the options, all in view
    PEOPLE = "people"  # one or more people of the surface
    CHECKBOX = "checkbox"  # a yes that may be ticked (its one option)
    DATE = "date"
    DATE_TIME = "date_time"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Input:
    """One field of a form. `initial` is text, a date, a moment or an option's value."""

    field: Field
    label: str
    kind: FieldKind
    initial: str | dt.date | dt.datetime | None = None
    options: tuple[Option, ...] = ()
    optional: bool = False
    hint: str | None = None
    max_length: int = 3000  # of text
    max_selected: int = 1  # of people


# -- views: what is sent, shown or opened --------------------------------------------------------


# The key of an ephemeral answer: nothing updates it later.
REPLY = "reply"


@dataclass(frozen=True)
class Message:
    """A post, a thread reply, a direct message or an ephemeral answer. `key` names what it
    is about, so a later version updates it in place; `summary` is its one line in a
    notification (a message without blocks is that line alone)."""

    key: str
    summary: Line
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Dashboard:
    """A person's own overview (Slack: the App Home tab), rebuilt after every change."""

    key: str
    summary: Line
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class FormView:
    """A form that opens over the conversation (Slack: a modal; Teams: a dialog). `context`
    travels with it and comes back with the answers; `errors` hold a message per field when
    the answers are shown again to be corrected."""

    key: str
    form: FormId
    title: str
    submit: str
    cancel: str
    context: Context
    blocks: tuple[Block | Input, ...]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def summary(self) -> Line:
        return (self.title,)


View = Message | Dashboard | FormView
