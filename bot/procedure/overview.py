"""What an overview of complaints tells: the officer's counts and the recurrence of a
complaint's complainant, employee and category. Plain values; storage computes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """The officer's dashboard: open complaints per step still to take."""

    new: int = 0
    awaiting_contact: int = 0
    overdue: int = 0
    in_discussion: int = 0
    awaiting_closure: int = 0
    open: int = 0
    # Closed, but the complainant's recourse runs (not counted in `open`).
    in_recourse: int = 0


@dataclass(frozen=True)
class Pattern:
    """Earlier complaints that share one thing with a complaint: how many, the newest few."""

    count: int = 0
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recurrence:
    complainant: Pattern = Pattern()
    employee: Pattern = Pattern()
    category: Pattern = Pattern()

    @property
    def any(self) -> bool:
        return bool(self.complainant.count or self.employee.count or self.category.count)
