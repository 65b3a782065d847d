"""What every job is handed: the application's service, the configured chat surfaces (the port
of bot/jobs/port.py), an owner name. Made by bot/surfaces.py, which knows the surfaces."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.jobs.port import Surface, named_only
from bot.service import ComplaintService
from bot.settings import Settings
from bot.workdays import WorkCalendar
from storage.db import Database


@dataclass
class JobContext:
    """`surfaces` is empty when no chat surface is configured: jobs that only decide still run
    (what they decide waits in the database), the surfaces' delivering jobs are not there."""

    service: ComplaintService
    surfaces: Sequence[Surface] | None
    owner: str
    kicks: Any = None  # the scheduler's Kicks (bot/jobs/runner.py) once one runs the jobs

    def __post_init__(self) -> None:
        self.surfaces = tuple(self.surfaces or ())

    @property
    def settings(self) -> Settings:
        return self.service.settings

    @property
    def db(self) -> Database:
        return self.service.db

    @property
    def calendar(self) -> WorkCalendar:
        return self.service.calendar

    def kick(self, name: str, after: float = 0.0) -> None:
        """Run job `name` now (or within `after` seconds) when this process schedules it."""
        if self.kicks is not None:
            self.kicks.kick(name, after)

    def surface(self, name: str) -> Surface:
        """The configured surface called `name` (its jobs run only when it is configured)."""
        for surface in self.surfaces or ():
            if surface.name == name:
                return surface
        raise LookupError(name)

    def officers_to_tell(self) -> list[str]:
        """Whom a notice for the officers goes to: each surface's officers, else the named."""
        if not self.surfaces:
            return named_only(self.settings.platform_officer_ids)
        return _once(surface.officers_to_tell() for surface in self.surfaces)

    def management_to_tell(self) -> list[str]:
        """Whom an escalation by direct message goes to: each surface's management, else the
        named people."""
        if not self.surfaces:
            return named_only(self.settings.platform_management_ids)
        return _once(surface.management_to_tell() for surface in self.surfaces)

    def tell_officers(self, message: str) -> None:
        for surface in self.surfaces or ():
            surface.tell_officers(message)


def _once(lists: Iterable[list[str]]) -> list[str]:
    return list(dict.fromkeys(item for items in lists for item in items))
