from __future__ import annotations

import pytest

from reports.figures import Figures, compute_figures
from reports.periods import parse_period
from tests.reports.seed import REPORT_NOW, seed


@pytest.fixture
def seeded_quarter(db, settings) -> tuple[Figures, dict]:
    """The hand-computed data set's 2026-Q2 figures, and the references by name."""
    refs = seed(db, settings)
    with db.session() as session:
        figures = compute_figures(
            session.connection(), settings, parse_period("2026-Q2", settings.tz), REPORT_NOW
        )
    return figures, refs
