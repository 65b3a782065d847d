"""Report triggers are claimed once, on both databases; a failed step can be released."""

from __future__ import annotations

from reports.store import ReportStore
from tests.reports.seed import AMS, at


def test_a_trigger_is_claimed_once_and_can_be_released(db):
    with db.session() as session:
        store = ReportStore(session, AMS)
        assert store.claim("prepare:2026-Q2", at(2026, 7, 1, 9)) is True
        assert store.claim("prepare:2026-Q2", at(2026, 7, 1, 9, 5)) is False
    with db.session() as session:
        store = ReportStore(session, AMS)
        assert store.done() == {"prepare:2026-Q2": at(2026, 7, 1, 9)}
        store.release("prepare:2026-Q2")
    with db.session() as session:
        assert ReportStore(session, AMS).claim("prepare:2026-Q2", at(2026, 7, 1, 10)) is True
