"""Delivery to Slack: complaints are stored first; this posts and updates afterwards.

For each complaint: the root message is posted once and its (channel, ts) recorded; each event
goes into the thread once, in order (after what it sends to employees, bot/slack/employees.py);
the root message and the employees' messages are then updated to the current state.
Progress is written after every Slack call, so a restart continues where it stopped. Transient
failures (5xx, 429, timeouts) back off; known permanent ones (channel_not_found, not_in_channel,
invalid_auth, ...) are reported once to the log and the officers and retried now and then, so
the messages still arrive once someone fixes the channel or token.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.procedure import Complaint
from bot.procedure.people import Surface
from bot.service import ComplaintService
from bot.slack.actors import officers_to_tell
from bot.slack.employees import EmployeeMessages
from bot.slack.views.message import deadline_line_changes, event_message, root_message
from bot.texts import slack as text
from storage.claims import process_owner
from storage.complaints import ComplaintStore
from storage.outbox import BACKOFF, ITEM_REFUSED, Claim, Outbox, Outcome, drain
from storage.queue import Backoff

log = logging.getLogger(__name__)

PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "missing_scope",
    }
)
# Cannot tell the officers by Slack when the token itself is refused.
TOKEN_ERRORS = frozenset(
    {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"}
)


class Deliverer:
    def __init__(
        self,
        service: ComplaintService,
        client: WebClient,
        *,
        owner: str | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.service = service
        self.client = client
        self.channel = service.settings.complaints_channel or ""
        self.backoff = backoff or BACKOFF
        owner = owner or process_owner()
        self.outbox = Outbox(service.db, owner, Surface.SLACK.value, backoff=self.backoff)
        self.employees = EmployeeMessages(service, client)
        # Called with each complaint once Slack shows it as stored (e.g. to refresh Homes).
        self.shown: list[Callable[[Complaint], None]] = []
        self._lock = threading.Lock()

    def deliver_pending(self) -> int:
        """Deliver everything this process can claim; return how many complaints it brought
        up to date (storage.outbox.drain). Safe to call from any process at any time."""
        with self._lock:
            return drain(self.outbox, self.service.now, self._deliver)

    def _deliver(self, claim: Claim) -> Outcome:
        complaint = self._load(claim.complaint_id)
        try:
            return self._show(claim, complaint)
        except SlackApiError as exc:
            status = exc.response.status_code
            code = exc.response.get("error") or f"http_{status}"
            if status >= 500 or status == 429 or code == "ratelimited":
                self._defer(claim, complaint, code, _retry_after(exc))
            else:
                if code not in PERMANENT_ERRORS:  # not the token or channel: this one only
                    self._report(claim, complaint, ITEM_REFUSED + code)
                    return Outcome.FAILED
                self._report(claim, complaint, code)
        except OSError as exc:  # timeouts and refused connections (URLError is an OSError)
            self._defer(claim, complaint, type(exc).__name__)
        return Outcome.STOPPED

    def _show(self, claim: Claim, complaint: Complaint) -> Outcome:
        now = self.service.now()
        channel, root_ts = claim.conversation, claim.ref
        if root_ts is None:
            if self.outbox.earlier_unposted(claim.complaint_id):
                self.outbox.release(claim.complaint_id)
                return Outcome.SKIPPED
            message = root_message(complaint, now=now, calendar=self.service.calendar)
            response = self.client.chat_postMessage(channel=self.channel, **message)
            channel, root_ts = response["channel"], response["ts"]
            if not self.outbox.record_root(claim.complaint_id, channel, root_ts, now):
                return Outcome.STOPPED
        for event in complaint.events:
            if event.id is not None and event.id > claim.posted_event_id:
                self.employees.on_event(complaint, event)
                message = event_message(complaint, event, now)
                response = self.client.chat_postMessage(
                    channel=channel, thread_ts=root_ts, **message
                )
                post = (response["channel"], response["ts"])
                if not self.outbox.record_event(claim.complaint_id, event.id, post, now):
                    return Outcome.STOPPED
        if claim.ref is not None:
            message = root_message(complaint, now=now, calendar=self.service.calendar)
            self.client.chat_update(channel=channel, ts=root_ts, **message)
        rewrite = complaint.anonymised_at is not None and not claim.scrubbed
        if rewrite and not self._rewrite_thread(claim, complaint, now):
            return Outcome.STOPPED
        self.employees.refresh(complaint)
        refresh_at = deadline_line_changes(complaint, now)
        self.outbox.finish(claim.complaint_id, complaint.version, refresh_at)
        for hook in self.shown:
            hook(complaint)
        return Outcome.DONE

    def _rewrite_thread(self, claim: Claim, complaint: Complaint, now: dt.datetime) -> bool:
        """After anonymisation: every thread post shown again from the anonymised history."""
        events = {event.id: event for event in complaint.events}
        for post in self.outbox.posts(claim.complaint_id):
            event = events.get(post.event_id)
            if event is None:
                continue
            try:
                message = event_message(complaint, event, now)
                self.client.chat_update(channel=post.conversation, ts=post.ref, **message)
            except SlackApiError as exc:
                # Deleted by someone meanwhile: nothing left to rewrite.
                if exc.response.get("error") != "message_not_found":
                    raise
        return self.outbox.record_scrubbed(claim.complaint_id, now)

    def _load(self, complaint_id: int) -> Complaint:
        with self.service.db.session() as session:
            return ComplaintStore(session, self.service.settings.tz).get_by_id(complaint_id)

    def _defer(
        self,
        claim: Claim,
        complaint: Complaint,
        code: str,
        at_least: dt.timedelta = dt.timedelta(0),
    ) -> None:
        attempts = claim.attempts + 1
        delay = max(self.backoff.after(attempts), at_least)
        log.warning(
            "Slack delivery of %s deferred %ss (%s, attempt %d)",
            complaint.reference,
            int(delay.total_seconds()),
            code,
            attempts,
        )
        self.outbox.defer(claim.complaint_id, attempts, code, self.service.now(), delay)

    def _report(self, claim: Claim, complaint: Complaint, code: str) -> None:
        pause = self.backoff.after_permanent or self.backoff.longest
        first = self.outbox.defer(
            claim.complaint_id, claim.attempts + 1, code, self.service.now(), pause
        )
        if not first:
            return
        log.error(
            "Slack refuses delivery to the complaints channel %s: %s (complaint %s waits; "
            "retrying every %d minutes)",
            self.channel,
            code,
            complaint.reference,
            int(pause.total_seconds() // 60),
        )
        if code in PERMANENT_ERRORS - TOKEN_ERRORS:
            self._tell_officers(code)

    def _tell_officers(self, code: str) -> None:
        for officer in officers_to_tell(self.client, self.service.settings):
            try:
                self.client.chat_postMessage(
                    channel=officer, text=text.DELIVERY_PROBLEM.format(error=code)
                )
            except (SlackApiError, OSError) as exc:
                log.warning("could not tell officer about delivery problem: %s", exc)


def _retry_after(exc: SlackApiError) -> dt.timedelta:
    """Slack's Retry-After (seconds) on a 429, so the next round does not come sooner."""
    headers = {name.lower(): value for name, value in (exc.response.headers or {}).items()}
    value = headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return dt.timedelta(seconds=int(value or 0))
    except ValueError:
        return dt.timedelta(0)
