"""People and groups in a view, from what the event log stores (bot.procedure.people)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.procedure.people import people_in
from bot.views.model import GroupMention, Line, Mention, Span

# A notice's mentions as the clock stored them before people were data: '<@U…>' and
# '<!subteam^S…>'. Migration 0017 converts them; read here still for an event log restored
# from an older backup.
STORED_MARKUP = re.compile(r"<@([A-Z0-9]{1,40})>|<!subteam\^([A-Z0-9]{1,40})>")


def mentions(value: Any) -> list[Mention]:
    """A mention of each person a stored value names (one id or person, or a list)."""
    return [Mention(person) for person in people_in(value)]


def first_mention(value: Any) -> Mention | str:
    """The person a stored value names, mentioned; '?' when it names nobody."""
    found = mentions(value)
    return found[0] if found else "?"


def notice_mentions(value: Any) -> list[Mention | GroupMention]:
    """Whom a notice mentions: each stored person, and each user group (stored as
    {"group": id}, beside the people; bot.jobs.notices writes them)."""
    found: list[Mention | GroupMention] = []
    for item in value if isinstance(value, list) else [value] if value else []:
        if isinstance(item, Mapping) and "group" in item:
            found.append(GroupMention(str(item["group"])))
        elif isinstance(item, str) and (markup := STORED_MARKUP.fullmatch(item)):
            user, group = markup.groups()
            found += mentions(user) if user else [GroupMention(group)]
        else:
            found += mentions(item)
    return found


def spaced(spans: list[Mention | GroupMention] | list[Span]) -> Line:
    """Spans one after the other with a space between them."""
    line: list[Span] = []
    for span in spans:
        line += [" ", span] if line else [span]
    return tuple(line)
