"""Every text a person reads is free of chat markup: bold, italics, emoji codes, mentions and
links are the view model's structure, written by each surface's renderer (docs/views.md)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import pytest

import bot.texts

MARKUP = {
    "bold": re.compile(r"(?<![\w*])\*[^\s*][^*\n]*\*(?![\w*])"),
    "italics": re.compile(r"(?<![\w_])_[^\s_][^_\n]*_(?![\w_])"),
    "strike-through": re.compile(r"(?<![\w~])~[^\s~][^~\n]*~(?![\w~])"),
    "code": re.compile(r"`"),
    "emoji code": re.compile(r"(?<![\w:]):[a-z0-9_+-]+:(?![\w:])"),
    "mention or link": re.compile(r"<[@#!]|<(?:https?|mailto|tel):|<[^<>\s]*\|"),
    "quote": re.compile(r"(?:^|\n)>\s"),
}


def texts_of(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a text constant: itself, or inside a dict, tuple, list or set."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_of(item, f"{where}[{key!r}]")
    elif isinstance(value, tuple | list | set | frozenset):
        for index, item in enumerate(value):
            yield from texts_of(item, f"{where}[{index}]")


def all_texts() -> Iterator[tuple[str, str]]:
    modules = [bot.texts] + [
        importlib.import_module(f"bot.texts.{info.name}")
        for info in pkgutil.iter_modules(bot.texts.__path__)
    ]
    for module in modules:
        for name, value in vars(module).items():
            if name.isupper():
                yield from texts_of(value, f"{module.__name__}.{name}")


def markup_in(text: str) -> list[str]:
    return [kind for kind, pattern in MARKUP.items() if pattern.search(text)]


def test_no_text_holds_chat_markup() -> None:
    found = [f"{where}: {markup_in(text)}" for where, text in all_texts() if markup_in(text)]
    assert found == []


def test_the_texts_are_all_scanned() -> None:
    """The scan reaches texts in every module, inside dicts and tuples too."""
    seen = dict(all_texts())
    assert "bot.texts.STATE_LABELS['received']" in seen
    assert "bot.texts.find.HELP_COMMANDS[0][1]" in seen
    assert "bot.texts.reports.CSV_HEADER[0]" in seen
    assert len(seen) > 500


@pytest.mark.parametrize(
    "text",
    [
        "*Open klachten* (3)",
        "_Deze melding stond gepland._",
        "~weg~",
        "Typ `/klacht help`.",
        ":warning: Termijn verlopen",
        "<@U123> vraagt",
        "<!subteam^S1>",
        "Naar <https://x.example|de draad>",
        "Bel <tel:+31612345678|06 12345678>",
        "> geciteerd",
        "eerste regel\n> geciteerd",
    ],
)
def test_the_scan_finds_each_kind_of_markup(text: str) -> None:
    assert markup_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "IMAP_OAUTH2_TOKEN_URL en IMAP_OAUTH2_* instellen",
        "Contact opnemen vóór 17:00 (nog 2 werkdagen)",
        "zoek <tekst>",
        "Basic Information > App-Level Tokens",
        "OAuth & Permissions",
        "{reference:<12} {state:<18}",
        "• {label}: {count}",
    ],
)
def test_plain_text_is_not_taken_for_markup(text: str) -> None:
    assert markup_in(text) == []
