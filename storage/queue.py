"""The one queue of work waiting in the database, whatever the table: the chat outbox
(storage.outbox), the notification ledger (bot/jobs/notices.py) and the acknowledgements
(bot/intake/acknowledge.py) each describe their table as a `Queue` and use the same five moves:

- `claim`: lease rows that are free (no lease, or one that ran out; not backing off) to this
  process (storage.claims.lease), so of several processes exactly one works on each;
- `renew`: write progress and extend the lease; False when it was lost meanwhile;
- `done`: the outside world accepted it; the lease is cleared and the caller's values written;
- `defer`: it failed; the lease is cleared and the next attempt waits by `Backoff`, the one
  formula of every queue (only its first and longest pause differ per table);
- `release`: not worked on after all; free again at once, its attempts and pause untouched.

Each table has `claimed_until`, `attempts`, `next_attempt_at` and `last_error`; a table with a
`claimed_by` column also names the process that holds the lease, and then every move after the
claim counts only while this process still holds it. All moves run in the caller's session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, or_, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from storage.claims import lease

Row = TypeVar("Row")


@dataclass(frozen=True)
class Backoff:
    """The pause after the n-th failed attempt in a row: `first`, doubling each time, at most
    `longest`. `after_permanent`: how long a row refused for good (a revoked token, a channel
    the bot is not in) waits before it is tried again in case someone fixed it."""

    first: dt.timedelta
    longest: dt.timedelta
    after_permanent: dt.timedelta | None = None

    def after(self, attempts: int) -> dt.timedelta:
        return min(self.first * 2 ** max(attempts - 1, 0), self.longest)


class Queue(Generic[Row]):
    """The rows of `model` matching `scope`, taken one key at a time (`key`: a column that is
    unique within the scope)."""

    def __init__(
        self,
        model: type[Row],
        key: InstrumentedAttribute[Any],
        *,
        backoff: Backoff,
        lease_for: dt.timedelta,
        scope: Sequence[ColumnElement[bool]] = (),
        owner: str | None = None,
    ) -> None:
        self.model = model
        self.key = key
        self.backoff = backoff
        self.lease_for = lease_for
        self.scope = tuple(scope)
        self.owner = owner
        self._owned: Any = getattr(model, "claimed_by", None) if owner is not None else None

    def free(self, now: dt.datetime) -> tuple[ColumnElement[bool], ...]:
        """In scope, leased by no one (or the lease ran out), and not backing off."""
        model: Any = self.model
        return (
            *self.scope,
            or_(model.claimed_until.is_(None), model.claimed_until < now),
            or_(model.next_attempt_at.is_(None), model.next_attempt_at <= now),
        )

    def claim(self, session: Session, query: Select[tuple[Row]], now: dt.datetime) -> list[Row]:
        """Lease the free rows among those `query` selects (its order and limit kept)."""
        model: Any = self.model
        return lease(
            session,
            query.where(*self.free(now)),
            of=model,
            until=model.claimed_until,
            until_value=now + self.lease_for,
            owner=(self._owned, self.owner) if self._owned is not None else None,
        )

    def renew(self, session: Session, key: Any, now: dt.datetime, **values: Any) -> bool:
        """Write `values` and extend the lease; False when this process lost it meanwhile."""
        return self._update(session, [key], claimed_until=now + self.lease_for, **values) == 1

    def done(self, session: Session, key: Any, **values: Any) -> bool:
        """Finished: the lease cleared and `values` (what makes the row not due) written."""
        return self._update(session, [key], **self._unleased(), **values) == 1

    def defer(
        self,
        session: Session,
        key: Any,
        *,
        attempts: int,
        error: str,
        now: dt.datetime,
        pause: dt.timedelta | None = None,
    ) -> dt.datetime:
        """Failed for the `attempts`-th time in a row: waits `pause` (by default the backoff's)
        with its `error`, the lease cleared. Returns when it is due again."""
        until = now + (pause if pause is not None else self.backoff.after(attempts))
        values = {"attempts": attempts, "next_attempt_at": until, "last_error": error}
        self._update(session, [key], **self._unleased(), **values)
        return until

    def release(self, session: Session, keys: Sequence[Any]) -> None:
        """Free again at once, as it was before the claim."""
        if keys:
            self._update(session, keys, **self._unleased())

    def _unleased(self) -> dict[str, None]:
        cleared = {"claimed_until": None}
        return {**cleared, "claimed_by": None} if self._owned is not None else cleared

    def _update(self, session: Session, keys: Sequence[Any], **values: Any) -> int:
        mine = (self._owned == self.owner,) if self._owned is not None else ()
        statement = (
            update(self.model).where(self.key.in_(keys), *self.scope, *mine).values(**values)
        )
        return session.execute(statement).rowcount or 0
