"""Lines of the view model (bot.views) as the markdown a Teams card's TextBlock reads: bold,
italics, links and <at> mentions written here only; every text from the view escaped, so that
what a person typed or mailed (markdown, HTML, `<at>`, entities, control characters) is shown
as written, and cut to a length."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from bot.procedure.people import Person, Surface
from bot.sanitize import WHITESPACE_RUN, free_text, one_line
from bot.teams.ids import Command as TeamsCommand
from bot.texts import teams as teams_text
from bot.views.excerpts import truncate
from bot.views.model import (
    ChannelMention,
    Code,
    Command,
    Emphasis,
    GroupMention,
    Icon,
    Line,
    Link,
    Mention,
    Moment,
    Phone,
    Strong,
)
from bot.views.spans import moment_text

ICONS = {
    Icon.WARNING: "\u26a0\ufe0f",
    Icon.DEADLINE: "\u23f0",
    Icon.ALERT: "\U0001f6a8",
    Icon.INSPECTION: "\U0001f50d",
    Icon.CALENDAR: "\U0001f4c5",
    Icon.DONE: "\u2705",
    Icon.NOT_MINE: "\u2611\ufe0f",
    Icon.CLOSED: "\U0001f512",
    Icon.REMINDER: "\U0001f514",
}

# Markdown a TextBlock would act on anywhere in a line, and what starts a block at a line's start.
INLINE = re.compile(r"([\\`*_\[\]~|{}])")
NUMBERED = re.compile(r"^(\s*\d+)([.)])")
BLOCK_START = re.compile(r"^(\s*)([#+\-=])")
SAFE_SCHEMES = ("https://", "http://", "mailto:")
PHONE = re.compile(r"\+?[0-9]{3,20}")
TEAMS_CHANNEL = re.compile(r"19:[A-Za-z0-9_\-]+@thread\.(tacv2|skype)")


@dataclass(frozen=True)
class Cut:
    """How long one text of a view may be on a card (each person's own words, a value)."""

    text: int = 2000


DEFAULT_CUT = Cut()


def escape(value: str, *, at_start: bool = True) -> str:
    """Text shown literally in a TextBlock: control and invisible characters dropped, HTML and
    mentions as entities (`&lt;at&gt;`), markdown characters behind a backslash, a line that
    would start a heading, list or quote made plain, and each line break a visible one."""
    lines = free_text(value).split("\n")
    return "\n\n".join(
        _escape_line(part, at_start=at_start or number > 0) for number, part in enumerate(lines)
    )


def _escape_line(value: str, *, at_start: bool) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = INLINE.sub(r"\\\1", value)
    if at_start:
        value = NUMBERED.sub(r"\1\\\2", value)
        value = BLOCK_START.sub(r"\1\\\2", value)
    return value


def mention_text(person: Person) -> str:
    """What a card shows for a Teams person: `<at>Name</at>`, as its entity names it. Inside
    the tag the name is not markdown, so its markdown characters are left out (a backslash
    would show), and <, >, & are entities (no tag can close early)."""
    name = INLINE.sub("", one_line(person.label)[:100])
    return f"<at>{name.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</at>"


def is_mentionable(person: Person) -> bool:
    """Only a Teams person can be mentioned in Teams; anyone else is shown by name."""
    return person.surface is Surface.TEAMS


def line(spans: Line, cut: Cut = DEFAULT_CUT) -> str:
    """A line as TextBlock markdown."""
    parts: list[str] = []
    for part in spans:
        if type(part) is str:
            parts.append(escape(truncate(part, cut.text), at_start=not parts))
        else:
            parts.append(_SPANS[type(part)](part, cut))
    return "".join(parts)


def _wrapped(mark: str, spans: Line, cut: Cut) -> str:
    """`**inner**`, with the spaces around it outside the marks (markdown needs that)."""
    inner = line(spans, cut)
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _mention(mention: Mention, _cut: Cut) -> str:
    if is_mentionable(mention.person):
        return mention_text(mention.person)
    return escape(one_line(mention.person.label), at_start=False)


def _command(command: Command, _cut: Cut) -> str:
    # The words to send the bot. Slack's bare command (/klacht) opens a new complaint, which in
    # Teams is the word 'nieuw'.
    words = command.words or TeamsCommand.NEW.value
    return f"**{escape(words, at_start=False)}**"


def _channel(channel: ChannelMention, _cut: Cut) -> str:
    if TEAMS_CHANNEL.fullmatch(channel.id):
        url = f"https://teams.microsoft.com/l/channel/{quote(channel.id, safe='')}/"
        return f"[{escape(teams_text.CHANNEL_LINK, at_start=False)}]({url})"
    return escape(channel.id, at_start=False)


def _link(link: Link, cut: Cut) -> str:
    label = escape(truncate(one_line(link.label), cut.text), at_start=False)
    target = link_target(link.url)
    return f"[{label}]({target})" if target else label


def _phone(phone: Phone, _cut: Cut) -> str:
    label = escape(one_line(phone.label), at_start=False)
    return f"[{label}](tel:{phone.number})" if PHONE.fullmatch(phone.number) else label


def link_target(url: str) -> str | None:
    """A URL safe inside `[label](url)`: only web and mail links, with nothing that could end
    the link early or start markup; None for anything else (a `javascript:` link)."""
    url = one_line(url)
    if not url.lower().startswith(SAFE_SCHEMES):
        return None
    return quote(url, safe="/:?&=#%+@,;~!$'*-._")


_SPANS: dict[type, Callable[[Any, Cut], str]] = {
    Icon: lambda icon, _cut: ICONS[icon],
    Strong: lambda strong, cut: _wrapped("**", strong.spans, cut),
    Emphasis: lambda emphasis, cut: _wrapped("_", emphasis.spans, cut),
    # TextBlock markdown has no inline code: what to type exactly is shown in bold.
    Code: lambda code, cut: f"**{escape(truncate(code.text, cut.text), at_start=False)}**",
    Command: _command,
    Mention: _mention,
    # Teams has no Slack user groups: a group is shown by its id, not mentioned.
    GroupMention: lambda group, _cut: escape(group.id, at_start=False),
    ChannelMention: _channel,
    Link: _link,
    Phone: _phone,
    Moment: lambda moment, _cut: escape(moment_text(moment), at_start=False),
}


def plain(spans: Line) -> str:
    """A line as plain text, for what a notification shows (the activity's `summary`)."""
    return WHITESPACE_RUN.sub(" ", "".join(_plain(part) for part in spans)).strip()


def _plain(part: Any) -> str:
    if type(part) is str:
        return free_text(part)
    if isinstance(part, Strong | Emphasis):
        return "".join(_plain(inner) for inner in part.spans)
    if isinstance(part, Icon):
        return ICONS[part]
    if isinstance(part, Mention):
        return one_line(part.person.label)
    if isinstance(part, Link | Phone):
        return one_line(part.label)
    if isinstance(part, Moment):
        return moment_text(part)
    if isinstance(part, Code):
        return one_line(part.text)
    if isinstance(part, Command):
        return part.words or TeamsCommand.NEW.value
    return one_line(part.id)  # a group or a channel
