"""What an overview of complaints tells: the officer's counts and the recurrence of a
complaint's complainant, employee and category. Plain values; storage computes them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Counts:
    """Open complaints, and those whose contact deadline passed without contact (management's
    escalations). The officer's to-do list groups the complaints themselves (procedure.todo)."""

    overdue: int = 0
    open: int = 0


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
