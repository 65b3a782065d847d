"""The chat outbox (storage.models.chat.Delivery, one row per complaint and surface) as a
surface's deliverer uses it: which complaints the surface does not fully show yet, and leases so
that of several processes exactly one delivers each complaint at a time. `Outbox(db, owner,
surface)` sees that surface's rows alone (Slack's deliverer "slack", Teams' "teams")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import ColumnElement, Select, exists, or_, select, update

from storage.db import Database
from storage.models import Notification
from storage.models.chat import Delivery, ThreadPost
from storage.queue import Backoff, Queue

# The last error of a complaint whose own message the surface refused (not the token, the
# conversation or an outage): it waits for its retry without holding up the complaints after it.
ITEM_REFUSED = "item:"
LEASE = dt.timedelta(seconds=60)
# A pause after a surface's failure, from a hiccup (2 s) to an outage (5 minutes); a complaint
# refused for good (the token, the conversation) is tried again every 5 minutes.
BACKOFF = Backoff(
    first=dt.timedelta(seconds=2),
    longest=dt.timedelta(minutes=5),
    after_permanent=dt.timedelta(minutes=5),
)


class Outcome(Enum):
    """How delivering one claimed complaint went, as `drain` acts on it."""

    DONE = "done"
    SKIPPED = "skipped"  # an older complaint must be posted first
    STOPPED = "stopped"  # the surface failed or the lease was lost: stop this round
    FAILED = "failed"  # the surface refused this complaint's message alone: go on with the others


@dataclass(frozen=True)
class Claim:
    complaint_id: int
    conversation: str | None  # where the root message is, once posted
    ref: str | None  # the root message, once posted
    posted_event_id: int
    attempts: int
    scrubbed: bool = False


class Outbox:
    """One surface's rows of the outbox as a queue (storage.queue), held by `owner`."""

    def __init__(
        self,
        db: Database,
        owner: str,
        surface: str,
        lease: dt.timedelta = LEASE,
        backoff: Backoff = BACKOFF,
    ) -> None:
        self.db = db
        self.owner = owner
        self.surface = surface
        # This surface's rows of the outbox.
        self.mine = Delivery.surface == surface
        self.queue = Queue(
            Delivery,
            Delivery.complaint_id,
            backoff=backoff,
            lease_for=lease,
            scope=(self.mine,),
            owner=owner,
        )

    def claim(self, now: dt.datetime, limit: int = 20) -> list[Claim]:
        """Take the lease on up to `limit` complaints with something to deliver (a version not
        shown yet, or a root message whose deadline line changes now), oldest first. Both
        lookups use an index of just those rows."""
        with self.db.session() as session:
            due = sorted(
                set(
                    session.scalars(
                        self._due(Delivery.shown_version < Delivery.wanted_version, now, limit)
                    )
                )
                | set(session.scalars(self._due(Delivery.refresh_at <= now, now, limit)))
            )[:limit]
            if not due:
                return []
            rows = self.queue.claim(
                session,
                select(Delivery)
                .where(Delivery.complaint_id.in_(due))
                .order_by(Delivery.complaint_id),
                now,
            )
            return [
                Claim(
                    row.complaint_id,
                    row.conversation,
                    row.ref,
                    row.posted_event_id,
                    row.attempts,
                    row.scrubbed_at is not None,
                )
                for row in rows
            ]

    def earlier_unposted(self, complaint_id: int) -> bool:
        """Whether an older complaint still waits for its root message (order is kept, also
        while the surface is down); one whose own message the surface refused does not hold up
        the others while it waits for its retry."""
        with self.db.session() as session:
            return bool(
                session.scalar(
                    select(
                        exists().where(
                            Delivery.complaint_id < complaint_id,
                            self.mine,
                            Delivery.ref.is_(None),
                            or_(
                                Delivery.last_error.is_(None),
                                ~Delivery.last_error.startswith(ITEM_REFUSED),
                            ),
                        )
                    )
                )
            )

    def due_again(self, errors: frozenset[str]) -> int:
        """After a start whose checks the surface passed (a fixed token or channel): what waits
        after one of `errors` is due at once, not after its pause; and the ledger's
        notifications."""
        with self.db.session() as session:
            moved = session.execute(
                update(Delivery)
                .where(self.mine, Delivery.last_error.in_(sorted(errors)))
                .values(next_attempt_at=None)
            ).rowcount
            session.execute(
                update(Notification)
                .where(Notification.sent_at.is_(None), Notification.last_error.is_not(None))
                .values(next_attempt_at=None)
            )
        return moved or 0

    def record_root(self, complaint_id: int, conversation: str, ref: str, now: dt.datetime) -> bool:
        """The root message is posted; False when the lease was lost meanwhile."""
        with self.db.session() as session:
            return self.queue.renew(session, complaint_id, now, conversation=conversation, ref=ref)

    def record_event(
        self, complaint_id: int, event_id: int, post: tuple[str, str], now: dt.datetime
    ) -> bool:
        """The event is in the thread as message `post` (conversation, ref), kept for
        rewriting."""
        conversation, ref = post
        with self.db.session() as session:
            if not self.queue.renew(session, complaint_id, now, posted_event_id=event_id):
                return False
            session.add(
                ThreadPost(
                    event_id=event_id,
                    surface=self.surface,
                    complaint_id=complaint_id,
                    conversation=conversation,
                    ref=ref,
                )
            )
            return True

    def posts(self, complaint_id: int) -> list[ThreadPost]:
        """The complaint's thread posts that show an event, in order."""
        with self.db.session() as session:
            return list(
                session.scalars(
                    select(ThreadPost)
                    .where(
                        ThreadPost.complaint_id == complaint_id,
                        ThreadPost.surface == self.surface,
                    )
                    .order_by(ThreadPost.event_id)
                )
            )

    def record_scrubbed(self, complaint_id: int, now: dt.datetime) -> bool:
        """Every thread post of the anonymised complaint has been rewritten."""
        with self.db.session() as session:
            return self.queue.renew(session, complaint_id, now, scrubbed_at=now)

    def finish(self, complaint_id: int, version: int, refresh_at: dt.datetime | None) -> None:
        """The surface shows `version` now, until `refresh_at` when its deadline line changes;
        the lease and any error are cleared."""
        with self.db.session() as session:
            self.queue.done(
                session,
                complaint_id,
                shown_version=version,
                refresh_at=refresh_at,
                attempts=0,
                next_attempt_at=None,
                last_error=None,
            )

    def release(self, complaint_id: int) -> None:
        with self.db.session() as session:
            self.queue.release(session, [complaint_id])

    def defer(
        self,
        complaint_id: int,
        attempts: int,
        error: str,
        now: dt.datetime,
        pause: dt.timedelta | None = None,
    ) -> bool:
        """Back off (`pause`, or the backoff's after `attempts`); True when no complaint had
        this error yet (report it once)."""
        with self.db.session() as session:
            known = session.scalar(select(exists().where(self.mine, Delivery.last_error == error)))
            self.queue.defer(
                session, complaint_id, attempts=attempts, error=error, now=now, pause=pause
            )
        return not known

    def _due(
        self, condition: ColumnElement[bool], now: dt.datetime, limit: int
    ) -> Select[tuple[int]]:
        return (
            select(Delivery.complaint_id)
            .where(condition, *self.queue.free(now))
            # "+ 0": sorting the few due rows, not walking the primary key in order, so that
            # SQLite finds them through the condition's index (refresh_at's, or the partial
            # index of pending rows) however many complaints there are.
            .order_by(Delivery.complaint_id + 0)
            .limit(limit)
        )


def root_message_of(db: Database, complaint_id: int, surface: str) -> tuple[str, str] | None:
    """(conversation, ref) of a complaint's root message on `surface`, once posted."""
    with db.session() as session:
        row = session.get(Delivery, (complaint_id, surface))
        if row is None or not row.conversation or not row.ref:
            return None
        return row.conversation, row.ref


def drain(
    outbox: Outbox, now: Callable[[], dt.datetime], deliver: Callable[[Claim], Outcome]
) -> int:
    """Claim and `deliver` rounds until nothing is left or a delivery stops the round (the
    claims after it are released at once); return how many complaints were brought up to date.
    A complaint refused alone (FAILED) waits for its retry while the others go on."""
    delivered = 0
    while True:
        claims = outbox.claim(now())
        done = 0
        for index, claim in enumerate(claims):
            outcome = deliver(claim)
            if outcome is Outcome.STOPPED:
                for rest in claims[index + 1 :]:
                    outbox.release(rest.complaint_id)
                return delivered + done
            done += outcome is Outcome.DONE
        delivered += done
        if done == 0:
            return delivered
