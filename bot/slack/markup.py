"""A Slack message's text (mrkdwn with <...> markup) as the plain text a person read."""

from __future__ import annotations

import re
from collections.abc import Callable

# <@U123>, <@U123|name>, <#C123|name>, <!here>, <https://x|label>, <mailto:a@b|a@b>. Bounded
# and without nesting, so matching is linear in the text's length.
MARKUP = re.compile(r"<([@#!]?)([^<>|\s]{1,500})(?:\|([^<>]{0,500}))?>")


def readable(text: str, name_of: Callable[[str], str]) -> str:
    """`text` with mentions as '@Name' (via `name_of(user_id)`), channels as '#name', links
    by their label, and Slack's entities decoded."""

    def replace(match: re.Match[str]) -> str:
        sigil, target, label = match.group(1), match.group(2), match.group(3)
        if sigil == "@":
            return "@" + (label or name_of(target) or target)
        if sigil == "#":
            return "#" + (label or target)
        if sigil == "!":
            return "@" + (label or target.split("^")[0])
        if target.startswith("mailto:"):
            return label or target.removeprefix("mailto:")
        return label or target

    plain = MARKUP.sub(replace, text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mentioned(text: str) -> list[str]:
    """The user ids mentioned without a name (<@U123>), each once, in order."""
    found = (match for match in MARKUP.finditer(text) if match.group(1) == "@")
    return list(dict.fromkeys(match.group(2) for match in found if match.group(3) is None))
