"""The chat outbox (storage.outbox) on both databases: each surface's deliverer sees its own rows
of storage.models.chat.Delivery alone, so Teams' deliverer and Slack's work side by side."""

from __future__ import annotations

import datetime as dt

from bot.procedure import SYSTEM_ACTOR
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from storage.models.chat import Delivery
from storage.outbox import Outbox
from tests.procedure import builders as b

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def stored_for_both(db: Database, settings: Settings) -> int:
    """A complaint waiting in Slack's outbox (as every stored one does) and in Teams'."""
    service = ComplaintService(db, settings, clock=lambda: NOW)
    complaint = service.submit(b.intake(), SYSTEM_ACTOR)
    assert complaint.id is not None
    with db.session() as session:
        session.add(Delivery(complaint_id=complaint.id, surface="teams", wanted_version=1))
    return complaint.id


def test_each_surface_claims_its_own_rows(db: Database, settings: Settings) -> None:
    complaint_id = stored_for_both(db, settings)
    slack, teams = Outbox(db, "a", "slack"), Outbox(db, "b", "teams")

    assert [claim.complaint_id for claim in teams.claim(NOW)] == [complaint_id]
    # Teams' lease does not hold up Slack: a surface's lease covers its own row.
    assert [claim.complaint_id for claim in slack.claim(NOW)] == [complaint_id]


def test_progress_on_one_surface_leaves_the_other_waiting(db: Database, settings: Settings):
    complaint_id = stored_for_both(db, settings)
    teams = Outbox(db, "b", "teams")
    teams.claim(NOW)
    assert teams.record_root(complaint_id, "19:conversation", "1700000000", NOW)
    teams.finish(complaint_id, 1, None)

    assert teams.claim(NOW) == []
    (waiting,) = Outbox(db, "a", "slack").claim(NOW)
    assert (waiting.conversation, waiting.ref) == (None, None)
    # A later complaint waits behind this one in Slack, not in Teams where it is posted.
    assert Outbox(db, "a", "slack").earlier_unposted(complaint_id + 1)
    assert not teams.earlier_unposted(complaint_id + 1)
