"""The one queue (storage.queue) on both databases: what a lease, a defer, a release and done do
to the next process that asks for work. Shown on the notification ledger's table, and on the
chat outbox's for a table whose lease names its holder."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.procedure import SYSTEM_ACTOR
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from storage.models import Notification
from storage.models.chat import Delivery
from storage.queue import Backoff, Queue
from tests.procedure import builders as b

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=1)
BACKOFF = Backoff(first=dt.timedelta(seconds=30), longest=dt.timedelta(minutes=30))
SECOND = dt.timedelta(seconds=1)


def ledger() -> Queue[Notification]:
    scope = (Notification.sent_at.is_(None),)
    return Queue(Notification, Notification.id, backoff=BACKOFF, lease_for=LEASE, scope=scope)


def waiting(db: Database, count: int = 1) -> list[int]:
    with db.session() as session:
        rows = [
            Notification(
                subject=f"c{number}",
                kind="escalation",
                due_at=NOW,
                recipient="management",
                created_at=NOW,
            )
            for number in range(count)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


def claim(db: Database, queue: Queue[Notification], at: dt.datetime) -> list[int]:
    with db.session() as session:
        query = select(Notification).order_by(Notification.id)
        return [row.id for row in queue.claim(session, query, at)]


def test_a_lease_keeps_every_other_process_out(db: Database) -> None:
    ids = waiting(db, 2)
    assert claim(db, ledger(), NOW) == ids
    assert claim(db, ledger(), NOW + LEASE - SECOND) == []


def test_a_lease_that_ran_out_is_taken_again(db: Database) -> None:
    """A process that died mid-work: its rows go to the next one once the lease ran out."""
    (notice,) = waiting(db)
    claim(db, ledger(), NOW)
    assert claim(db, ledger(), NOW + LEASE + SECOND) == [notice]


def test_defer_waits_by_the_one_backoff(db: Database) -> None:
    (notice,) = waiting(db)
    queue = ledger()
    claim(db, queue, NOW)
    with db.session() as session:
        until = queue.defer(session, notice, attempts=3, error="ratelimited", now=NOW)

    assert until == NOW + dt.timedelta(minutes=2)  # 30 s, 60 s, 120 s
    assert claim(db, queue, until - SECOND) == []
    assert claim(db, queue, until) == [notice]
    with db.session() as session:
        row = session.get(Notification, notice)
        assert (row.attempts, row.last_error) == (3, "ratelimited")


def test_the_backoff_doubles_up_to_its_longest_pause() -> None:
    pauses = [BACKOFF.after(attempts).total_seconds() for attempts in range(1, 9)]
    assert pauses == [30, 60, 120, 240, 480, 960, 1800, 1800]


def test_a_released_row_is_free_at_once_as_it_was(db: Database) -> None:
    ids = waiting(db, 2)
    queue = ledger()
    claim(db, queue, NOW)
    with db.session() as session:
        queue.release(session, ids)
    assert claim(db, ledger(), NOW) == ids
    with db.session() as session:
        assert {row.attempts for row in session.scalars(select(Notification))} == {0}


def test_a_row_done_is_not_taken_again(db: Database) -> None:
    first, second = waiting(db, 2)
    queue = ledger()
    claim(db, queue, NOW)
    with db.session() as session:
        assert queue.done(session, first, sent_at=NOW)
        queue.release(session, [second])
    assert claim(db, ledger(), NOW + LEASE + SECOND) == [second]


@pytest.fixture
def delivery(db: Database, settings: Settings) -> int:
    """A complaint waiting in the chat outbox, whose lease names the process that holds it."""
    service = ComplaintService(db, settings, clock=lambda: NOW)
    complaint_id = service.submit(b.intake(), SYSTEM_ACTOR).id
    assert complaint_id is not None
    return complaint_id


def outbox(owner: str) -> Queue[Delivery]:
    scope = (Delivery.surface == "slack",)
    return Queue(
        Delivery, Delivery.complaint_id, backoff=BACKOFF, lease_for=LEASE, scope=scope, owner=owner
    )


def test_a_process_whose_lease_was_taken_over_writes_nothing(db: Database, delivery: int):
    """The slow process comes back after its lease ran out and another took the row: its
    progress and its "done" do not count, the new holder's do."""
    slow, next_one = outbox("slow"), outbox("next")
    query = select(Delivery)
    with db.session() as session:
        assert [row.complaint_id for row in slow.claim(session, query, NOW)] == [delivery]
    later = NOW + LEASE + SECOND
    with db.session() as session:
        assert [row.complaint_id for row in next_one.claim(session, query, later)] == [delivery]

    with db.session() as session:
        assert not slow.renew(session, delivery, later, ref="1.1")
        assert not slow.done(session, delivery, shown_version=1)
        assert next_one.renew(session, delivery, later, ref="2.2")
    with db.session() as session:
        row = session.get(Delivery, (delivery, "slack"))
        assert (row.ref, row.shown_version, row.claimed_by) == ("2.2", 0, "next")
