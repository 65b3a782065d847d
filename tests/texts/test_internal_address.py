"""Internal people (the officer, employees, management) are addressed with "je" in every text;
"u" is for the complainant only (their acknowledgement, letters and the complainant's side)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import bot.texts

# Texts the complainant reads: "u" is right there.
FOR_THE_COMPLAINANT = {"bot.texts.complainant", "bot.texts.letters"}
COMPLAINANT_PREFIXES = ("ACK_",)
FORMAL = re.compile(r"\b(u|uw|Uw|uzelf)\b|\bU (kunt|krijgt|heeft|wordt|bent|ziet|vroeg)\b")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)


def test_no_internal_text_says_u():
    names = ["bot.texts"] + [
        f"bot.texts.{info.name}" for info in pkgutil.iter_modules(bot.texts.__path__)
    ]
    found, seen = [], 0
    for name in names:
        if name in FOR_THE_COMPLAINANT:
            continue
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith(("_", *COMPLAINANT_PREFIXES)) or attribute.isupper() is False:
                continue
            texts = list(_strings(value))
            seen += len(texts)
            found += [f"{name}.{attribute}: {s}" for s in texts if FORMAL.search(s)]
    assert found == []
    assert seen > 300  # the scan reads the texts
    assert FORMAL.search("Voeg uw eigen analyse toe") and FORMAL.search("U krijgt een bericht")
    assert not FORMAL.search("Wat heb je gecontroleerd?")
