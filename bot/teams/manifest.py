"""The Teams app package (`klachtenbot teams-manifest`): manifest.json for schema 1.29 and the
two icons, zipped as Teams wants it uploaded.

The bot works in a team (the channels) and in personal chats; its commands and the message
action come from bot.teams.ids. The icons are drawn here (a speech bubble with an exclamation
mark) and written as PNG with zlib alone: a 192x192 colour icon and a 32x32 outline icon that
is white on transparent, as Teams requires.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bot.teams.ids import MESSAGE_ACTION, Command
from bot.texts import teams_manifest as text

SCHEMA = "https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json"
COLOR_ICON, OUTLINE_ICON = "color.png", "outline.png"
ACCENT = (0x1F, 0x5C, 0x99)
WHITE = (0xFF, 0xFF, 0xFF)
# Where the developer links point when no domain is given: a reserved name, never a real site.
NO_DOMAIN = "klachtenbot.invalid"


def manifest(app_id: str, domains: list[str]) -> dict[str, Any]:
    home = f"https://{domains[0] if domains else NO_DOMAIN}/"
    commands = [
        {"title": command.value, "description": text.COMMANDS[command]} for command in Command
    ]
    return {
        "$schema": SCHEMA,
        "manifestVersion": "1.29",
        "version": _version(),
        "id": app_id,
        "developer": {
            "name": text.DEVELOPER,
            "websiteUrl": home,
            "privacyUrl": home,
            "termsOfUseUrl": home,
        },
        "name": {"short": text.SHORT_NAME, "full": text.FULL_NAME},
        "description": {"short": text.SHORT_DESCRIPTION, "full": text.FULL_DESCRIPTION},
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": app_id,
                "scopes": ["team", "personal"],
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [{"scopes": ["team", "personal"], "commands": commands}],
            }
        ],
        "composeExtensions": [
            {
                "botId": app_id,
                "commands": [
                    {
                        "id": MESSAGE_ACTION,
                        "type": "action",
                        "context": ["message"],
                        "title": text.MESSAGE_ACTION_TITLE,
                        "description": text.MESSAGE_ACTION_DESCRIPTION,
                        "fetchTask": True,
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": list(domains),
    }


def write_package(out: Path, app_id: str, domains: list[str]) -> Path:
    """Write the zip (manifest.json and the icons at its top level); return its path."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest(app_id, domains), indent=2))
        package.writestr(COLOR_ICON, color_icon())
        package.writestr(OUTLINE_ICON, outline_icon())
    return out


def color_icon(size: int = 192) -> bytes:
    """A white speech bubble with an accent-coloured exclamation mark, on the accent colour."""

    def pixel(x: float, y: float) -> tuple[int, int, int, int]:
        if _mark(x, y):
            return (*ACCENT, 255)
        return (*WHITE, 255) if _bubble(x, y, 0.0) else (*ACCENT, 255)

    return png(size, size, pixel)


def outline_icon(size: int = 32) -> bytes:
    """The same bubble as a white outline with a white mark, on transparent."""

    def pixel(x: float, y: float) -> tuple[int, int, int, int]:
        inside, inner = _bubble(x, y, 0.0), _bubble(x, y, 0.09)
        if (inside and not inner) or _mark(x, y):
            return (*WHITE, 255)
        return (0, 0, 0, 0)

    return png(size, size, pixel)


def _bubble(x: float, y: float, inset: float) -> bool:
    """A rounded rectangle with a tail at the bottom left, in a unit square; `inset` shrinks it."""
    left, top, right, bottom, radius = 0.14 + inset, 0.18 + inset, 0.86 - inset, 0.70 - inset, 0.12
    dx = max(left + radius - x, 0.0, x - (right - radius))
    dy = max(top + radius - y, 0.0, y - (bottom - radius))
    in_box = left <= x <= right and top <= y <= bottom and dx * dx + dy * dy <= radius * radius
    tail_top, tail_tip = bottom, 0.86 - inset
    in_tail = tail_top <= y <= tail_tip and 0.28 + inset <= x <= 0.28 + inset + (tail_tip - y)
    return in_box or (inset == 0.0 and in_tail)


def _mark(x: float, y: float) -> bool:
    """An exclamation mark in the middle of the bubble."""
    in_bar = abs(x - 0.5) <= 0.05 and 0.28 <= y <= 0.51
    dot = (x - 0.5) ** 2 + (y - 0.60) ** 2 <= 0.05**2
    return in_bar or dot


def png(width: int, height: int, pixel: Callable[[float, float], tuple[int, ...]]) -> bytes:
    """An 8-bit RGBA PNG; `pixel(x, y)` gets the pixel's centre in the unit square."""
    rows = []
    for row in range(height):
        y = (row + 0.5) / height
        values = (pixel((column + 0.5) / width, y) for column in range(width))
        rows.append(b"\x00" + b"".join(bytes(value) for value in values))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    data = zlib.compress(b"".join(rows), 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)


def _version() -> str:
    try:
        return version("klachtenbot")
    except PackageNotFoundError:
        return "0.0.0"
