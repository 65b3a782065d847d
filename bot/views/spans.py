"""Making lines of spans from the texts in bot.texts, and how a moment reads in Dutch (for every
renderer alike)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from string import Formatter

from bot.texts import clock_time, date_in_words, moment_in_words
from bot.views.model import Line, Moment, MomentStyle, Span, Strong

Value = Span | Line | int


def fill(template: str, **values: Value) -> Line:
    """`template` (a text with {placeholders}) as a line: each placeholder replaced by its
    value, which may be text, a number, a span (a mention, a moment) or a whole line."""
    parts: list[Span] = []
    for literal, name, spec in _parsed(template):
        if literal:
            parts.append(literal)
        if name is None:
            continue
        value = values[name]
        if isinstance(value, tuple):
            parts.extend(value)
        elif isinstance(value, str | int):
            parts.append(format(value, spec or ""))
        else:
            parts.append(value)
    return joined(parts)


@cache
def _parsed(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    return tuple((literal, name, spec) for literal, name, spec, _ in Formatter().parse(template))


def joined(parts: list[Span]) -> Line:
    """The spans with neighbouring texts as one, empty texts left out."""
    line: list[Span] = []
    for part in parts:
        if type(part) is str:
            if not part:
                continue
            if line and type(line[-1]) is str:
                line[-1] += part
                continue
        line.append(part)
    return tuple(line)


def strong(*spans: Span) -> Strong:
    if len(spans) == 1 and type(spans[0]) is str:
        return Strong(spans)  # the common case: one text
    return Strong(joined(list(spans)))


def labelled(label: str, *value: Span) -> Line:
    """'*Label:* value'."""
    return joined([strong(f"{label}:"), " ", *value])


def moment_text(moment: Moment) -> str:
    """'woensdag 29 april om 17:00', 'woensdag 29 april' or '17:00': one date format in every
    view (bot.texts.date_in_words), with the year only for a date in another year than the
    view's `now`."""
    value = moment.value
    day = value.date() if isinstance(value, dt.datetime) else value
    today = _today(moment.now, value)
    if moment.style is MomentStyle.DAY_AND_TIME and isinstance(value, dt.datetime):
        words = moment_in_words(value, today)
    elif moment.style is MomentStyle.TIME and isinstance(value, dt.datetime):
        words = clock_time(value)
    else:
        words = date_in_words(day, today)
    return words[0].upper() + words[1:] if moment.capitalised else words


def _today(now: dt.datetime | None, value: dt.datetime | dt.date) -> dt.date | None:
    """The day of `now` where the moment is written (its own time zone): New Year's Eve at
    23:30 UTC is already the next year in Amsterdam."""
    if now is None:
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None and now.tzinfo is not None:
        return now.astimezone(value.tzinfo).date()
    return now.date()
