"""Direct messages to the employees asked for their side, as part of Slack delivery.

The outbox delivers each event once, in order; for the discussion's events this sends what goes
to people rather than to the thread: the request (conversations.open + chat.postMessage, its
channel and ts recorded so it is sent once and later updated in place), the reminder, and the
reminders on the day of a talk. After every change the employees' messages are rebuilt, so they
show what was sent and when. An employee who left or was deactivated is recorded as
unreachable; the thread then tells the officer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Iterator

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select, update

from bot.procedure import SYSTEM_ACTOR, AlreadyDone, Complaint, Event, EventKind
from bot.procedure import steps as procedure
from bot.procedure.discussion import (
    DiscussionFact,
    EmployeeRequest,
    employee_requests,
)
from bot.service import ComplaintService
from bot.slack.views import render
from bot.texts import discussion as text
from bot.views.model import Message, Paragraph
from bot.views.requests import (
    answer_due,
    meeting_reminders,
    rebuild_at,
    reminder,
    request_message,
)
from storage.models import EmployeeMessage

log = logging.getLogger(__name__)

# Slack's answers for a person the bot cannot write to: left, deactivated or not visible, from
# another organisation (Slack Connect) or a bot chosen in the people picker. Asking again will
# not help, so the officer is told instead of the complaint's delivery being held up.
UNREACHABLE = frozenset(
    {
        "user_not_found",
        "user_not_visible",
        "user_disabled",
        "channel_not_found",
        "is_archived",
        "invalid_user_combination",
        "cannot_dm_bot",
        "method_not_supported_for_channel_type",
    }
)
SLACK = "slack"
# The message to update is gone (deleted in Slack): nothing to update any more.
GONE_MESSAGE = frozenset({"message_not_found", "cant_update_message"})


class EmployeeMessages:
    def __init__(self, service: ComplaintService, client: WebClient) -> None:
        self.service = service
        self.client = client

    def on_event(self, complaint: Complaint, event: Event) -> None:
        """Send what `event` means for the employees (before its thread post)."""
        if event.kind is EventKind.DISCUSSION_REQUESTED:
            for request in employee_requests(complaint):
                if request.request_event_id == event.id:
                    self._ask(complaint, request)
        elif event.kind is EventKind.DISCUSSION_REMINDER_SENT:
            self._remind(complaint, str(event.data["employee_id"]))
        elif event.kind is EventKind.MEETING_REMINDER_SENT:
            self._meeting_day(complaint, str(event.data["employee_id"]), event.at)

    def refresh(self, complaint: Complaint) -> None:
        """Rebuild each employee's message that does not show this version yet."""
        with self.service.db.session() as session:
            rows = session.scalars(
                select(EmployeeMessage).where(
                    EmployeeMessage.complaint_id == complaint.id,
                    EmployeeMessage.surface == SLACK,
                    EmployeeMessage.shown_version < complaint.version,
                )
            ).all()
            stale = [
                (row.request_event_id, row.employee_id, row.conversation, row.ref) for row in rows
            ]
        requests = {(r.request_event_id, r.employee_id): r for r in employee_requests(complaint)}
        now = self.service.now()
        for event_id, employee_id, channel, ts in stale:
            request = requests.get((event_id, employee_id))
            refresh_at = None
            if request is not None:
                due = self._due(request)
                message = render.message(request_message(complaint, request, due, now))
                refresh_at = rebuild_at(complaint, request, due, now)
                with self._reaching(complaint, employee_id, report=request.waiting):
                    self.client.chat_update(channel=channel, ts=ts, **message)
            elif complaint.anonymised_at is not None:
                # Anonymised before its request's recipients were kept: the message goes all
                # the same, with nothing of the complaint left in it.
                erased = text.DM_ERASED.format(reference=complaint.reference)
                shown = Message(
                    f"erased:{complaint.reference}", (erased,), (Paragraph(((erased,),)),)
                )
                with self._reaching(complaint, employee_id, report=False):
                    self.client.chat_update(channel=channel, ts=ts, **render.message(shown))
            self._shown(event_id, employee_id, complaint.version, refresh_at)

    @contextlib.contextmanager
    def _reaching(
        self, complaint: Complaint, employee_id: str, *, report: bool = True
    ) -> Iterator[None]:
        """Slack calls to an employee: one who cannot be reached any more (deactivated since
        they were asked) is recorded as unreachable when `report`, so the officer is told,
        instead of holding up the complaint's delivery; other errors go to the deliverer."""
        try:
            yield
        except SlackApiError as exc:
            code = exc.response.get("error")
            if code not in UNREACHABLE | GONE_MESSAGE:
                raise
            if report and code in UNREACHABLE:
                self._unreachable(complaint, employee_id)

    def _ask(self, complaint: Complaint, request: EmployeeRequest) -> None:
        if self._message_of(request) is not None:
            return  # sent before a restart
        with self._reaching(complaint, request.employee_id):
            opened = self.client.conversations_open(users=request.employee_id)
            channel = opened["channel"]["id"]
            due, now = self._due(request), self.service.now()
            message = render.message(request_message(complaint, request, due, now))
            posted = self.client.chat_postMessage(channel=channel, **message)
            with self.service.db.session() as session:
                session.add(
                    EmployeeMessage(
                        request_event_id=request.request_event_id,
                        employee_id=request.employee_id,
                        complaint_id=complaint.id,
                        conversation=channel,
                        ref=posted["ts"],
                        shown_version=complaint.version,
                        refresh_at=rebuild_at(complaint, request, due, now),
                    )
                )

    def _remind(self, complaint: Complaint, employee_id: str) -> None:
        found = self._latest(complaint, employee_id)
        if found is None:
            return
        _request, (channel, ts) = found
        # In the request's thread and broadcast, so its buttons are one look away.
        with self._reaching(complaint, employee_id):
            self.client.chat_postMessage(
                channel=channel,
                thread_ts=ts,
                reply_broadcast=True,
                text=render.text(reminder(complaint)),
            )

    def _meeting_day(self, complaint: Complaint, employee_id: str, sent_at: dt.datetime) -> None:
        found = self._latest(complaint, employee_id)
        if found is None:
            return
        request, (channel, _ts) = found
        to_employee, to_officer = map(render.text, meeting_reminders(complaint, request, sent_at))
        with self._reaching(complaint, employee_id):
            self.client.chat_postMessage(channel=channel, text=to_employee)
        try:
            self.client.chat_postMessage(channel=request.officer_id, text=to_officer)
        except SlackApiError as exc:
            if exc.response.get("error") not in UNREACHABLE:
                raise
            log.warning("%s: the officer's meeting reminder could not be sent", complaint.reference)

    def _latest(
        self, complaint: Complaint, employee_id: str
    ) -> tuple[EmployeeRequest, tuple[str, str]] | None:
        mine = [r for r in employee_requests(complaint) if r.employee_id == employee_id]
        if not mine:
            return None
        message = self._message_of(mine[-1])
        return None if message is None else (mine[-1], message)

    def _message_of(self, request: EmployeeRequest) -> tuple[str, str] | None:
        with self.service.db.session() as session:
            row = session.get(EmployeeMessage, (request.request_event_id, request.employee_id))
            return None if row is None else (row.conversation, row.ref)

    def _shown(
        self, event_id: int, employee_id: str, version: int, refresh_at: dt.datetime | None
    ) -> None:
        with self.service.db.session() as session:
            session.execute(
                update(EmployeeMessage)
                .where(
                    EmployeeMessage.request_event_id == event_id,
                    EmployeeMessage.employee_id == employee_id,
                )
                .values(shown_version=version, refresh_at=refresh_at)
            )

    def _unreachable(self, complaint: Complaint, employee_id: str) -> None:
        log.warning("%s: an asked employee cannot be reached in Slack", complaint.reference)
        fact = DiscussionFact(EventKind.EMPLOYEE_UNREACHABLE, employee_id)
        with contextlib.suppress(AlreadyDone):  # recorded by another process meanwhile
            self.service.change(
                complaint.reference or "",
                procedure.record_discussion_fact,
                SYSTEM_ACTOR,
                fact,
                notify=False,  # this delivery round picks the new event up
            )

    def _due(self, request: EmployeeRequest) -> dt.datetime:
        return answer_due(self.service, request)
