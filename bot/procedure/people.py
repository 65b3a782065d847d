"""People as the procedure knows them: an id on a chat surface, never chat markup.

A deployment runs on one surface (Slack or Teams), but what the event log stores says which
surface an id belongs to, so that a renderer can write the mention its own way and an id from
one surface is never taken for an id on another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Surface(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"
    # The bot itself, the command line and e-mail intake: no chat identity.
    SYSTEM = "system"


@dataclass(frozen=True)
class Person:
    """Someone on a surface: `id` is a Slack user id or a Teams (Entra) object id; `name` is
    the display name when known (a renderer may fall back to the mention alone)."""

    surface: Surface
    id: str
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id

    def to_json(self) -> dict[str, str]:
        data = {"surface": self.surface.value, "id": self.id}
        if self.name:
            data["name"] = self.name
        return data

    @classmethod
    def from_json(cls, value: Any, default: Surface = Surface.SLACK) -> Person:
        """A stored person: a {"surface", "id"[, "name"]} object, or a bare id written before
        people carried their surface (those were Slack ids)."""
        if isinstance(value, Mapping):
            surface = Surface(str(value.get("surface") or default.value))
            return cls(surface, str(value["id"]), str(value.get("name") or ""))
        return cls(default, str(value))


def people_in(value: Any, default: Surface = Surface.SLACK) -> list[Person]:
    """The people a stored value names: one person or id, a list of them, or nothing."""
    if value is None or value == "":
        return []
    if isinstance(value, str | Mapping):
        return [Person.from_json(value, default)]
    if isinstance(value, Iterable):
        return [Person.from_json(item, default) for item in value if item]
    return [Person.from_json(value, default)]
