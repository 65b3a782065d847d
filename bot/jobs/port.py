"""The port through which the clock tells people: a chat surface (Slack today, Teams next).

The clock decides what is due and stores it (a thread notice as an event on the complaint, a
notice for someone else in the notification ledger). A surface delivers: it registers its own
jobs (posting the outbox, the ledger's notices, the report steps, refreshing its Home views),
says whom a notice for the officers or management goes to, and tells the officers when a job
keeps failing. `bot/jobs` never imports a surface: the composition root (bot/surfaces.py) hands
the configured surfaces to the JobContext. docs/architecture.md explains the layers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.jobs.registry import Job


class Surface(Protocol):
    """A chat surface as the clock sees it."""

    @property
    def name(self) -> str:
        """Its name ("slack"), also the `surface` of its jobs."""
        ...

    @property
    def jobs(self) -> Sequence[Job]:
        """The jobs that deliver on this surface; they run after the deciding jobs."""
        ...

    def officers_to_tell(self) -> list[str]:
        """The surface's addresses of the officers (named ones and their group's members)."""
        ...

    def management_to_tell(self) -> list[str]:
        """The surface's addresses of management (named ones and their group's members)."""
        ...

    def tell_officers(self, message: str) -> None:
        """Tell every officer `message` (a plain Dutch line); a failure is logged, not raised."""
        ...


def named_only(named: list[str]) -> list[str]:
    """Without a surface to read a group's members, a notice goes to the named people, once."""
    return list(dict.fromkeys(named))
