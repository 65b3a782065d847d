"""Delivery to the complaints channel in Teams (TEAMS_COMPLAINTS_CHANNEL), from the shared outbox
(storage.outbox, the rows of surface "teams"); the complaints are stored first, this shows them.

For each complaint, exactly once and in order: the first post makes a new thread in the channel
with the complaint's Adaptive Card (its (thread, activity) id recorded at once); each event is a
reply in that thread (a ThreadPost, kept for the rewrite after anonymisation); then the card is
replaced in place (PUT) by the current version. Progress is written after every call, so a
restart continues where it stopped. A notification shows only the view's summary line
(reference, state, deadline; bot.views.card.summary_line): never a subject, name or address.

When Teams does not take it (bot.teams.connector):
- 429 waits at least its Retry-After; 412, 502, 503, 504 and no connection back off and retry;
  the round stops, so the complaints after it keep their order.
- 401, 403 and a 404 for the channel (the app removed, a wrong id, credentials refused): the
  delivery is marked failed with Teams' reason, the officers are told once in their personal
  chats, and it is not tried again until someone acts (the app added to the team again, or
  `teams` restarted after its checks passed: `due_again`). Later complaints wait behind it.
- Any other refusal (a card Teams will not take, a root message deleted): that complaint alone
  is marked failed the same way; the others go on.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from bot.jobs.context import JobContext
from bot.jobs.registry import DELIVERY, Job
from bot.procedure import Complaint, Event
from bot.teams.connector import Refused, Retry, Sent
from bot.teams.jobs import TEAMS, TeamsSurface, teams_of
from bot.teams.views import render
from bot.texts import teams as text
from bot.views.card import channel_post, deadline_line_changes
from bot.views.thread import event_post
from storage.complaints import ComplaintStore
from storage.db import Database
from storage.outbox import BACKOFF, ITEM_REFUSED, Claim, Outbox, Outcome, drain
from storage.queue import Backoff

log = logging.getLogger(__name__)

# last_error of a delivery Teams refused (the channel; with ITEM_REFUSED, its message alone):
# it waits for a person.
REFUSED = "refused"
CHANNEL_STATUSES = frozenset({401, 403, 404})
GONE = "ActivityNotFoundInConversation"  # a message someone deleted: that complaint alone
# Not tried again until someone acts (due_again): far beyond any pause the outbox knows.
UNTIL_SOMEONE_ACTS = dt.timedelta(days=3650)
# The errors a person's act (the app added again, `teams` started) makes due at once.
FAILED_ERRORS = frozenset({REFUSED, ITEM_REFUSED + REFUSED})


class NotTaken(Exception):
    """Teams answered a call with a Retry or a Refused: the delivery of this claim ends here."""

    def __init__(self, outcome: Retry | Refused) -> None:
        super().__init__(outcome.code)
        self.outcome = outcome


class ChannelDeliverer:
    def __init__(self, teams: TeamsSurface, backoff: Backoff = BACKOFF) -> None:
        self.teams = teams
        self.service = teams.service
        self.connector = teams.connector
        self.channel = str(self.service.settings.teams_complaints_channel)
        self.backoff = backoff
        self.outbox = Outbox(self.service.db, teams.owner, TEAMS, backoff=backoff)
        # Called with each event before its reply is posted, and with each complaint once
        # Teams shows it as stored (personal chats, Homes).
        self.on_event: list[Callable[[Complaint, Event], None]] = []
        self.shown: list[Callable[[Complaint], None]] = []
        self._lock = threading.Lock()

    def deliver_pending(self) -> int:
        """Deliver everything this process can claim; return how many complaints it brought
        up to date (storage.outbox.drain)."""
        with self._lock:
            return drain(self.outbox, self.service.now, self._deliver)

    def _deliver(self, claim: Claim) -> Outcome:
        complaint = self._load(claim.complaint_id)
        try:
            return self._show(claim, complaint)
        except NotTaken as exc:
            if isinstance(exc.outcome, Retry):
                self._defer(claim, complaint, exc.outcome)
                return Outcome.STOPPED
            return self._refused(claim, complaint, exc.outcome)

    def _show(self, claim: Claim, complaint: Complaint) -> Outcome:
        now = self.service.now()
        thread, root = claim.conversation, claim.ref
        if thread is None or root is None:
            if self.outbox.earlier_unposted(claim.complaint_id):
                self.outbox.release(claim.complaint_id)
                return Outcome.SKIPPED
            posted = self._call(
                self.connector.create_thread(
                    self.channel, self._card(complaint, now), service_url=self._where()
                )
            )
            thread, root = posted.conversation_id, posted.activity_id or ""
            if not self.outbox.record_root(claim.complaint_id, thread, root, now):
                return Outcome.STOPPED
        for event in complaint.events:
            if event.id is not None and event.id > claim.posted_event_id:
                for hook in self.on_event:
                    hook(complaint, event)
                reply = render.message(event_post(complaint, event, now))
                sent = self._call(self.connector.send(thread, reply, service_url=self._where()))
                post = (sent.conversation_id, sent.activity_id or "")
                if not self.outbox.record_event(claim.complaint_id, event.id, post, now):
                    return Outcome.STOPPED
        if claim.ref is not None:
            card = self._card(complaint, now)
            self._call(self.connector.update(thread, root, card, service_url=self._where()))
        rewrite = complaint.anonymised_at is not None and not claim.scrubbed
        if rewrite and not self._rewrite_thread(claim, complaint, now):
            return Outcome.STOPPED
        self.outbox.finish(
            claim.complaint_id, complaint.version, deadline_line_changes(complaint, now)
        )
        for hook in self.shown:
            hook(complaint)
        return Outcome.DONE

    def _card(self, complaint: Complaint, now: dt.datetime) -> dict[str, object]:
        post = channel_post(complaint, now=now, calendar=self.service.calendar)
        return render.message(post)

    def _rewrite_thread(self, claim: Claim, complaint: Complaint, now: dt.datetime) -> bool:
        """After anonymisation: every reply shown again from the anonymised history."""
        events = {event.id: event for event in complaint.events}
        for post in self.outbox.posts(claim.complaint_id):
            event = events.get(post.event_id)
            if event is None:
                continue
            reply = render.message(event_post(complaint, event, now))
            outcome = self.connector.update(
                post.conversation, post.ref, reply, service_url=self._where()
            )
            if not (isinstance(outcome, Refused) and outcome.code == GONE):
                self._call(outcome)  # a reply deleted meanwhile has nothing left to rewrite
        return self.outbox.record_scrubbed(claim.complaint_id, now)

    def _call(self, outcome: Sent | Retry | Refused) -> Sent:
        if not isinstance(outcome, Sent):
            raise NotTaken(outcome)
        return outcome

    def _where(self) -> str | None:
        return self.teams.service_url_of(self.channel)

    def _load(self, complaint_id: int) -> Complaint:
        with self.service.db.session() as session:
            return ComplaintStore(session, self.service.settings.tz).get_by_id(complaint_id)

    def _defer(self, claim: Claim, complaint: Complaint, retry: Retry) -> None:
        attempts = claim.attempts + 1
        delay = max(self.backoff.after(attempts), retry.at_least)
        log.warning(
            "Teams delivery of %s deferred %ss (%s, attempt %d)",
            complaint.reference,
            int(delay.total_seconds()),
            retry.code,
            attempts,
        )
        self.outbox.defer(claim.complaint_id, attempts, retry.code, self.service.now(), delay)

    def _refused(self, claim: Claim, complaint: Complaint, refused: Refused) -> Outcome:
        """Marked failed until someone acts; the officers hear Teams' reason once."""
        channel = refused.status in CHANNEL_STATUSES and refused.code != GONE
        error = REFUSED if channel else ITEM_REFUSED + REFUSED
        first = self.outbox.defer(
            claim.complaint_id, claim.attempts + 1, error, self.service.now(), UNTIL_SOMEONE_ACTS
        )
        log.error(
            "Teams refuses delivery of %s to the complaints channel: %s %s (waits until the app "
            "is added again or `teams` restarts)",
            complaint.reference,
            refused.status,
            refused.code,
        )
        if first:
            reference = complaint.reference or "?"
            self.teams.tell_officers(
                text.CHANNEL_REFUSED.format(reference=reference, reason=refused.reason)
            )
        return Outcome.STOPPED if channel else Outcome.FAILED


def due_again(db: Database, owner: str) -> int:
    """What waits after a refusal is due at once: someone acted (added the app again, started
    `teams` after its checks passed)."""
    return Outbox(db, owner, TEAMS).due_again(FAILED_ERRORS)


def deliver_channel(ctx: JobContext, now: dt.datetime) -> int:
    """Bring every complaint's post and thread in the complaints channel up to date."""
    return teams_of(ctx).channel.deliver_pending()


JOBS: tuple[Job, ...] = (Job("teams_delivery", deliver_channel, every=DELIVERY, surface=TEAMS),)
