"""The generated two-year history that the reports are tried on: driven through the procedure,
so it holds what a real office's database holds."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from storage.models import ComplaintRow, EventRow


def test_the_history_holds_what_a_real_office_has(history):
    db, _settings, made = history
    with db.session() as session:
        states = Counter(
            dict(
                session.execute(
                    select(ComplaintRow.state, func.count()).group_by(ComplaintRow.state)
                ).all()
            )
        )
        kinds = Counter(
            dict(session.execute(select(EventRow.kind, func.count()).group_by(EventRow.kind)).all())
        )
        satisfied = session.scalar(
            select(func.count()).where(ComplaintRow.customer_satisfied.is_not(None))
        )
        first, last = session.execute(
            select(func.min(ComplaintRow.received_at), func.max(ComplaintRow.received_at))
        ).one()
    assert sum(states.values()) >= 400
    assert states["closed"] > 200 and states["rejected"] > 10 and states["received"] > 20
    assert kinds["discussion_recorded"] > 50 and kinds["employee_responded"] > 50
    assert kinds["reopened"] >= 5 and kinds["effectiveness_recorded"] > 100
    assert len(made.not_effective) >= 10 and satisfied > 200
    assert first.year == 2025 and last.year == 2026  # eight quarters and more
