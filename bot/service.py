"""The application's one way to change complaints: load, apply a procedure step, save, commit.

Every user interface (Slack listeners, CLI, demo, e-mail intake, scheduled jobs) goes through
`ComplaintService`, so storage, the procedure's guards and the after-commit hooks (Slack
delivery) are the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session

from bot.procedure import Actor, Complaint, ComplaintNotFound, ConcurrentChange, State
from bot.procedure import steps as procedure
from bot.procedure.history import record_changes
from bot.procedure.inputs import Intake
from bot.procedure.overview import Counts, Recurrence
from bot.procedure.terms import DecisionTerms
from bot.settings import Settings
from bot.texts import CATEGORY_LABELS
from bot.workdays import WorkCalendar
from storage.complaints import ComplaintStore
from storage.db import Database
from storage.prepared import Reads
from storage.search import ComplaintFinder, Found

Clock = Callable[[], dt.datetime]
AfterCommit = Callable[[Complaint], None]
Decision = Callable[[Session, Complaint, dt.datetime], Complaint | None]
R = TypeVar("R")
Work = Callable[[Session, ComplaintStore], tuple[R, list[Complaint]]]


class Step(Protocol):
    """A procedure step. Steps that count deadlines also take `terms=` (DecisionTerms), which
    `change` passes from the settings."""

    def __call__(
        self, complaint: Complaint, actor: Actor, data: Any, /, *, now: dt.datetime
    ) -> Complaint: ...


@cache
def takes_terms(step: Callable[..., Complaint]) -> bool:
    """Whether `step` counts with the decision terms (it has a `terms` keyword)."""
    return "terms" in inspect.signature(step).parameters


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ComplaintService:
    def __init__(self, db: Database, settings: Settings, clock: Clock = system_clock) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.calendar = WorkCalendar.from_settings(settings)
        self.terms = DecisionTerms.from_settings(settings, self.calendar)
        self.after_commit: list[AfterCommit] = []

    def store(self, session: Session | Reads) -> ComplaintStore:
        """The complaints in `session`; what it saves goes into the outbox of the chat platform
        in use."""
        return ComplaintStore(session, self.settings.tz, self.settings.outbox)

    def now(self) -> dt.datetime:
        return self.clock().astimezone(self.settings.tz)

    def submit(self, intake: Intake, actor: Actor) -> Complaint:
        """Store a new complaint (state `received`) under the next reference."""
        with self.db.session() as session:
            stored = self.receive(self.store(session), intake, actor)
        self.notify(stored)
        return stored

    def receive(self, store: ComplaintStore, intake: Intake, actor: Actor) -> Complaint:
        """The procedure's `receive` step stored in the caller's transaction (`unit_of_work`
        runs the after-commit hooks): a new complaint with its contact deadline."""
        complaint = procedure.receive(
            intake,
            actor,
            calendar=self.calendar,
            contact_days=self.settings.contact_deadline_days,
        )
        return store.add(complaint)

    def save_step(
        self, store: ComplaintStore, original: Complaint, changed: Complaint
    ) -> Complaint:
        """Save what a step made of `original`, its event noting each field it changed; a
        signal the step raised (severity hoog, discrimination) is claimed for management in
        the same transaction (bot.jobs.notices.alert_management)."""
        from bot.jobs.notices import alert_management

        saved = store.save(record_changes(original, changed))
        alert_management(store.session, saved, saved.events[len(original.events) :], self.settings)
        return saved

    def change(
        self,
        reference: str,
        step: Step,
        actor: Actor,
        data: Any = None,
        *,
        now: dt.datetime | None = None,
        notify: bool = True,
    ) -> Complaint:
        """Apply `step` and save; a concurrent save makes the step run again on fresh data,
        where its guards turn a double click into 'al gedaan door ...'. `now` for a job on a
        given clock; `notify=False` from Slack delivery itself, which picks the change up."""
        for attempt in range(2):
            try:
                with self.db.session() as session:
                    store = self.store(session)
                    original = store.get(reference)
                    extra = {"terms": self.terms} if takes_terms(step) else {}
                    changed = step(original, actor, data, now=now or self.now(), **extra)
                    stored = self.save_step(store, original, changed)
                break
            except ConcurrentChange:
                if attempt == 1:
                    raise
        if notify:
            self.notify(stored)
        return stored

    def decide(self, complaint_id: int, decide: Decision) -> Complaint | None:
        """Load the complaint, let `decide` claim what it needs in the same transaction (the
        notification ledger, an acknowledgement's row) and return the changed complaint, or
        None when there is nothing to do; save and commit it with the claim, then run the
        after-commit hooks."""

        def work(session: Session, store: ComplaintStore) -> tuple[Complaint | None, list]:
            original = store.get_by_id(complaint_id)
            changed = decide(session, original, self.now())
            saved = None if changed is None else self.save_step(store, original, changed)
            return saved, [saved] if saved else []

        for attempt in range(2):
            try:
                return self.unit_of_work(work)
            except ConcurrentChange:
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def unit_of_work(self, work: Work[R]) -> R:
        """Run `work` in one transaction: it returns its result and the complaints it stored
        or changed, whose after-commit hooks run once the transaction has committed. Every
        path that changes complaints outside a procedure step (e-mail intake, the clock)
        goes through here, so the hooks fire in one place."""
        with self.db.session() as session:
            result, changed = work(session, self.store(session))
        for complaint in changed:
            self.notify(complaint)
        return result

    def get(self, reference: str, *, with_events: bool = True) -> Complaint:
        if not with_events:  # one prepared read: the driver's connection will do
            with self.db.reads() as reads:
                return self.store(reads).get(reference, with_events=False)
        with self.db.reading() as session:
            store = self.store(session)
            return store.get(reference, with_events=with_events)

    def exists(self, reference: str) -> bool:
        try:
            self.get(reference, with_events=False)
        except ComplaintNotFound:
            return False
        return True

    def list(self, states: Sequence[State] | None = None) -> list[Complaint]:
        with self.db.reading() as session:
            return self.store(session).list(states=states)

    def search(
        self,
        words: str,
        *,
        employee_id: str | None = None,
        limit: int = 20,
        contact_details: bool = True,
    ) -> Found:
        """See ComplaintFinder.search; without `contact_details` only what a masked view shows
        is searched (management and employees)."""
        with self.db.reading() as session:
            return self._finder(session).search(
                words,
                employee_id=employee_id,
                limit=limit,
                contact_details=contact_details,
                categories=CATEGORY_LABELS,
            )

    def open_complaints(self, *, employee_id: str | None = None, limit: int = 20) -> Found:
        """Open complaints, overdue first, then by contact deadline."""
        with self.db.reading() as session:
            finder = self._finder(session)
            return finder.open_complaints(self.now(), employee_id=employee_id, limit=limit)

    def overdue(self, *, limit: int = 20) -> Found:
        with self.db.reading() as session:
            return self._finder(session).overdue(self.now(), limit=limit)

    def counts(self) -> Counts:
        with self.db.reading() as session:
            return self._finder(session).counts(self.now())

    def recurrence(self, complaint: Complaint) -> Recurrence:
        with self.db.reading() as session:
            return self._finder(session).recurrence(complaint)

    def with_recurrence(
        self, reference: str, *, with_events: bool = True
    ) -> tuple[Complaint, Recurrence]:
        """The complaint and the earlier complaints like it, read in one transaction: a form
        that shows both reads them on every click that opens it."""
        if with_events:
            with self.db.reading() as session:
                complaint = self.store(session).get(reference)
                return complaint, self._finder(session).recurrence(complaint)
        with self.db.reads() as reads:  # only prepared reads: no session needed
            complaint = self.store(reads).get(reference, with_events=False)
            return complaint, self._finder(reads).recurrence(complaint)

    def _finder(self, session: Session | Reads) -> ComplaintFinder:
        return ComplaintFinder(session, self.store(session))

    def notify(self, complaint: Complaint) -> None:
        """Run the after-commit hooks (Slack delivery) for a committed change."""
        for hook in self.after_commit:
            hook(complaint)
