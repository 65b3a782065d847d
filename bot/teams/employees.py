"""The employees' discussion requests in Teams: the twin of Slack's DMs (bot.slack.employees).

Each employee asked for their side gets a card in their personal chat (bot.views.requests,
rendered as an Adaptive Card) with "Mijn reactie geven", "Gesprek plannen" and "Ligt niet bij
mij"; the card is updated in place after every change of the complaint (an answer, a withdrawal,
a reopen), and the reminders (no answer yet, the day of a planned talk) arrive in the same chat.

One job does it, in three steps:

1. decide: every request and reminder event of the last LOOKBACK is claimed once per person in
   the notification ledger (storage.claims.insert_once), so two processes or two ticks send
   nothing twice;
2. deliver: the ledger's waiting rows of these kinds are leased and sent (bot.jobs.notices.
   work_through: a failure waits with a growing pause and is retried). A request's card is
   recorded in `employee_messages` (surface "teams"), so it is sent once and can be updated;
3. refresh: each recorded card whose complaint has a newer version is replaced (PUT).

An employee Teams will not let the bot reach (not on the team's roster, left, the app removed)
is recorded as unreachable through the service, as in Slack, once: the complaint's thread then
tells the officer who asked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from typing import Any

from sqlalchemy import select, update

from bot.jobs.notices import work_through
from bot.procedure import SYSTEM_ACTOR, AlreadyDone, Complaint, EventKind
from bot.procedure import steps as procedure
from bot.procedure.discussion import DiscussionFact, EmployeeRequest, employee_requests
from bot.service import ComplaintService
from bot.teams.connector import BotConnector, Outcome, Sent
from bot.teams.personal import PersonalChats, unreachable
from bot.teams.views.render import message as render_message
from bot.texts import discussion as text
from bot.views.model import Message, Paragraph
from bot.views.requests import (
    answer_due,
    meeting_reminders,
    rebuild_at,
    reminder,
    request_message,
)
from storage.claims import insert_once
from storage.complaints import ComplaintStore
from storage.models import ComplaintRow, EmployeeMessage, EventRow, Notification
from storage.models.jobs import NOTIFICATION_KEY
from storage.teams import TeamsDirectory

log = logging.getLogger(__name__)

TEAMS = "teams"
REQUEST = "teams_request"
REMINDER = "teams_reminder"
MEETING_REMINDER = "teams_meeting_reminder"
KIND_OF = {
    EventKind.DISCUSSION_REQUESTED.value: REQUEST,
    EventKind.DISCUSSION_REMINDER_SENT.value: REMINDER,
    EventKind.MEETING_REMINDER_SENT.value: MEETING_REMINDER,
}
# Events older than this are not sent any more (a clock down for longer sends no stale asks).
LOOKBACK = dt.timedelta(days=14)
LEASE = dt.timedelta(minutes=2)
OBJECT_ID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


class NotSentYet(Exception):
    """Teams did not take it now: the ledger row waits and is tried again (`response` names
    Teams' code for the row's last_error, as a Slack error does)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.response = {"error": code}


def deliver_employee_messages(
    service: ComplaintService, connector: BotConnector, now: dt.datetime
) -> int:
    """Decide, send and refresh the employees' requests and reminders; how many were sent."""
    chats = PersonalChats(service.settings, TeamsDirectory(service.db, service.now), connector)
    return EmployeeCards(service, chats).run(now)


class EmployeeCards:
    def __init__(self, service: ComplaintService, chats: PersonalChats) -> None:
        self.service = service
        self.chats = chats

    def run(self, now: dt.datetime) -> int:
        self.decide(now)
        handlers = {REQUEST: self._ask, REMINDER: self._remind, MEETING_REMINDER: self._meeting}
        sent = work_through(self.service, now, handlers, LEASE)
        return sent + self.refresh()

    # 1. decide -----------------------------------------------------------------------------
    def decide(self, now: dt.datetime) -> int:
        """Claim each request and reminder of the last LOOKBACK for each person it is for."""
        claimed = 0
        with self.service.db.session() as session:
            events = session.execute(
                select(
                    EventRow.id, EventRow.complaint_id, EventRow.kind, EventRow.at, EventRow.data
                )
                .where(EventRow.kind.in_(list(KIND_OF)), EventRow.at >= now - LOOKBACK)
                .order_by(EventRow.id)
            ).all()
            subjects = [_subject(event.id) for event in events]
            done = set(
                session.scalars(
                    select(Notification.subject).where(Notification.subject.in_(subjects))
                )
            )
            for event in events:
                if _subject(event.id) in done:
                    continue
                for person in _recipients(event.kind, event.data):
                    values = {
                        "subject": _subject(event.id),
                        "kind": KIND_OF[event.kind],
                        "due_at": event.at,
                        "recipient": person[:40],
                        "complaint_id": event.complaint_id,
                        "created_at": now,
                        "attempts": 0,
                    }
                    claimed += insert_once(session, Notification, values, NOTIFICATION_KEY)
        return claimed

    # 2. deliver ----------------------------------------------------------------------------
    def _ask(self, row: Notification) -> None:
        complaint = self._complaint(row)
        event_id = _event_id(row)
        request = next(
            (
                r
                for r in employee_requests(complaint)
                if r.request_event_id == event_id and r.employee_id == row.recipient
            ),
            None,
        )
        if request is None or not complaint.is_open or self._card_of(event_id, row.recipient):
            return  # withdrawn, closed or anonymised before it went, or sent before a restart
        view, refresh_at = self._request_view(complaint, request)
        sent = self._sent(
            complaint, row.recipient, self.chats.send(row.recipient, render_message(view))
        )
        if sent is None:
            return
        with self.service.db.session() as session:
            session.add(
                EmployeeMessage(
                    request_event_id=event_id,
                    employee_id=row.recipient,
                    complaint_id=complaint.id,
                    surface=TEAMS,
                    conversation=sent.conversation_id,
                    ref=sent.activity_id or "",
                    shown_version=complaint.version,
                    refresh_at=refresh_at,
                )
            )

    def _remind(self, row: Notification) -> None:
        complaint = self._complaint(row)
        if self._latest_card(complaint, row.recipient) is None:
            return  # the request itself never reached them
        activity = render_message(reminder(complaint))
        self._sent(complaint, row.recipient, self.chats.send(row.recipient, activity))

    def _meeting(self, row: Notification) -> None:
        complaint = self._complaint(row)
        mine = [r for r in employee_requests(complaint) if r.employee_id == row.recipient]
        if not mine or self._latest_card(complaint, row.recipient) is None:
            return
        to_employee, to_officer = meeting_reminders(complaint, mine[-1], row.due_at)
        self._sent(
            complaint, row.recipient, self.chats.send(row.recipient, render_message(to_employee))
        )
        told = self.chats.send(mine[-1].officer_id, render_message(to_officer))
        if not isinstance(told, Sent):
            log.warning(
                "%s: the officer's meeting reminder not sent: %s", complaint.reference, told.code
            )

    def _sent(self, complaint: Complaint, employee_id: str, outcome: Outcome) -> Sent | None:
        """The Sent outcome; None when the employee cannot be reached (recorded once); else
        raised, so the ledger row waits and is tried again."""
        if isinstance(outcome, Sent):
            return outcome
        if unreachable(outcome):
            self._unreachable(complaint, employee_id)
            return None
        raise NotSentYet(outcome.code)

    def _unreachable(self, complaint: Complaint, employee_id: str) -> None:
        log.warning("%s: an asked employee cannot be reached in Teams", complaint.reference)
        fact = DiscussionFact(EventKind.EMPLOYEE_UNREACHABLE, employee_id)
        with contextlib.suppress(AlreadyDone):  # recorded before (another reminder, a process)
            self.service.change(
                complaint.reference or "", procedure.record_discussion_fact, SYSTEM_ACTOR, fact
            )

    # 3. refresh ----------------------------------------------------------------------------
    def refresh(self) -> int:
        """Replace each card whose complaint changed since it was shown; how many were."""
        with self.service.db.session() as session:
            stale = session.execute(
                select(EmployeeMessage, ComplaintRow.version)
                .join(ComplaintRow, ComplaintRow.id == EmployeeMessage.complaint_id)
                .where(
                    EmployeeMessage.surface == TEAMS,
                    EmployeeMessage.shown_version < ComplaintRow.version,
                )
            ).all()
            cards = [
                (row.request_event_id, row.employee_id, row.complaint_id, row.conversation, row.ref)
                for row, _version in stale
            ]
        for event_id, employee_id, complaint_id, chat, activity_id in cards:
            complaint = self._by_id(complaint_id)
            view, refresh_at = self._current_view(complaint, event_id, employee_id)
            outcome = self.chats.update(employee_id, chat, activity_id, render_message(view))
            if not isinstance(outcome, Sent) and not unreachable(outcome):
                raise NotSentYet(outcome.code)  # the next run tries again
            self._shown(event_id, employee_id, complaint.version, refresh_at)
        return len(cards)

    def _current_view(
        self, complaint: Complaint, event_id: int, employee_id: str
    ) -> tuple[Message, dt.datetime | None]:
        for request in employee_requests(complaint):
            if (request.request_event_id, request.employee_id) == (event_id, employee_id):
                return self._request_view(complaint, request)
        # Anonymised before its request's recipients were kept: nothing of it is left to show.
        erased = text.DM_ERASED.format(reference=complaint.reference)
        shown = Message(f"erased:{complaint.reference}", (erased,), (Paragraph(((erased,),)),))
        return shown, None

    def _request_view(
        self, complaint: Complaint, request: EmployeeRequest
    ) -> tuple[Message, dt.datetime | None]:
        """The request's card, and when it must be rebuilt unchanged (its deadline passes)."""
        due, now = answer_due(self.service, request), self.service.now()
        return request_message(complaint, request, due, now), rebuild_at(
            complaint, request, due, now
        )

    # storage -------------------------------------------------------------------------------
    def _complaint(self, row: Notification) -> Complaint:
        assert row.complaint_id is not None
        return self._by_id(row.complaint_id)

    def _by_id(self, complaint_id: int) -> Complaint:
        with self.service.db.session() as session:
            return ComplaintStore(session, self.service.settings.tz).get_by_id(complaint_id)

    def _card_of(self, event_id: int, employee_id: str) -> EmployeeMessage | None:
        with self.service.db.session() as session:
            return session.get(EmployeeMessage, (event_id, employee_id))

    def _latest_card(self, complaint: Complaint, employee_id: str) -> EmployeeMessage | None:
        mine = [r for r in employee_requests(complaint) if r.employee_id == employee_id]
        event_id = mine[-1].request_event_id if mine else None
        return self._card_of(event_id, employee_id) if event_id is not None else None

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


def _subject(event_id: int) -> str:
    return f"event:{event_id}"


def _event_id(row: Notification) -> int:
    return int(row.subject.removeprefix("event:"))


def _recipients(kind: str, data: dict[str, Any]) -> list[str]:
    """Whom an event's message is for: each employee asked, or the one reminded; only Teams
    people (an Entra object id), never a Slack id left from before a move to Teams."""
    if kind == EventKind.DISCUSSION_REQUESTED.value:
        people = data.get("employee_ids") or []
    else:
        people = [data.get("employee_id")]
    return [person for person in people if isinstance(person, str) and OBJECT_ID.fullmatch(person)]
