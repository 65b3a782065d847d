"""Golden files: every view as Slack receives it, compared with JSON checked by hand.

Regenerate after a deliberate change with `KLACHTENBOT_WRITE_GOLDEN=1 pytest
tests/slack/test_golden.py`, then read the diff of tests/slack/golden/ before committing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.jobs.digest import Entry
from bot.procedure import EventKind, Role, State
from bot.procedure.overview import Counts, Pattern, Recurrence
from bot.slack.context import Context
from bot.slack.ids import ActionId
from bot.slack.views import discussion, find, history, notices, reports
from bot.slack.views.dashboards import management_home, officer_home
from bot.slack.views.home import employee_home
from bot.slack.views.message import event_message, root_message, stale_button_message
from bot.slack.views.modals import new_complaint_view
from bot.slack.workflows import WORKFLOWS
from bot.texts import find as find_text
from bot.texts import jobs as jobs_text
from bot.texts import privacy as privacy_text
from bot.texts import reports as reports_text
from bot.texts import slack as slack_text
from tests.views import story
from tests.views.story import CALENDAR, NOW, at

CHECK_DAY = dt.datetime(2027, 1, 15, 8, tzinfo=story.TZ)
GOLDEN = Path(__file__).parent / "golden"
Scene = Callable[[], dict[str, Any]]
SCENES: dict[str, Scene] = {}


def scene(name: str) -> Callable[[Scene], Scene]:
    def add(build: Scene) -> Scene:
        SCENES[name] = build
        return build

    return add


# -- the complaint's card in the channel, in every state ---------------------------------------

CARDS = {
    "received": (story.received, NOW),
    "received-due-today": (story.received, at(9, 8)),
    "received-overdue": (story.received, at(9, 10)),
    "registered": (story.registered, NOW),
    "contacted": (story.contacted, NOW),
    "discussion": (story.asked, NOW),
    "discussion-recorded": (story.discussed, NOW),
    "closed": (story.closed, NOW),
    "closed-checked": (story.checked, NOW),
    "rejected": (story.rejected, NOW),
    "reopened": (story.reopened, NOW),
    "anonymised": (story.anonymised, NOW),
    "from-slack-message": (story.from_slack_message, NOW),
    "hostile": (story.hostile, NOW),
}
for _name, (_build, _now) in CARDS.items():
    SCENES[f"card/{_name}"] = lambda build=_build, now=_now: root_message(
        build(), now=now, calendar=CALENDAR
    )


# -- one thread post per kind of event -----------------------------------------------------


def _last_event(complaint) -> dict[str, Any]:
    return event_message(complaint, complaint.events[-1])


def _event(kind: EventKind, complaint) -> dict[str, Any]:
    return event_message(complaint, complaint.last_event(kind))


THREAD: dict[str, Callable[[], dict[str, Any]]] = {
    "received": lambda: _last_event(story.received()),
    "registered": lambda: _last_event(story.registered()),
    "contact-recorded": lambda: _last_event(story.contacted()),
    "discussion-requested": lambda: _last_event(story.asked()),
    "employee-responded": lambda: _event(EventKind.EMPLOYEE_RESPONDED, story.reacted()),
    "meeting-planned": lambda: _event(EventKind.MEETING_PLANNED, story.reacted()),
    "employee-declined-all-reacted": lambda: _last_event(story.reacted()),
    "discussion-recorded": lambda: _last_event(story.discussed()),
    "closed": lambda: _last_event(story.closed()),
    "effectiveness-recorded": lambda: _last_event(story.checked()),
    "rejected": lambda: _last_event(story.rejected()),
    "reopened": lambda: _last_event(story.reopened()),
    "note-added": lambda: _last_event(story.noted()),
    "reply-received": lambda: _last_event(story.replied()),
    "acknowledgement-sent": lambda: _last_event(story.acknowledged()),
    "anonymised": lambda: _last_event(story.anonymised()),
    "notice-pre-warning": lambda: _last_event(
        story.noticed("pre_warning", at(9, 9), at(9, 9), story.received())
    ),
    "notice-overdue": lambda: _last_event(
        story.noticed("overdue", at(9, 9), at(9, 9, 1), story.received())
    ),
    "notice-overdue-late": lambda: _last_event(
        story.noticed("overdue", at(9, 9), at(10, 8), story.received())
    ),
    "notice-effectiveness-today": lambda: _last_event(
        story.noticed("effectiveness_check", CHECK_DAY, CHECK_DAY, story.closed())
    ),
    "notice-effectiveness-missed-day": lambda: _last_event(
        story.noticed(
            "effectiveness_check", CHECK_DAY, CHECK_DAY + dt.timedelta(days=3), story.closed()
        )
    ),
    "employee-unreachable": lambda: _last_event(
        story.discussion_fact(EventKind.EMPLOYEE_UNREACHABLE, "UBRAM", at(7, 9, 56))
    ),
    "discussion-reminder-sent": lambda: _last_event(
        story.discussion_fact(EventKind.DISCUSSION_REMINDER_SENT, "UBRAM", at(9, 10))
    ),
    "discussion-escalated": lambda: _last_event(
        story.discussion_fact(EventKind.DISCUSSION_ESCALATED, "UBRAM", at(14, 10))
    ),
    "meeting-reminder-sent": lambda: _last_event(
        story.discussion_fact(EventKind.MEETING_REMINDER_SENT, "UBRAM", at(8, 9))
    ),
}
for _name, _build in THREAD.items():
    SCENES[f"thread/{_name}"] = _build


@scene("reply/stale-button-same-day")
def _stale_same_day() -> dict[str, Any]:
    return {"text": stale_button_message(story.contacted(), "record_contact", NOW)}


@scene("reply/stale-button-other-day")
def _stale_other_day() -> dict[str, Any]:
    return {"text": stale_button_message(story.contacted(), "record_contact", at(8, 10))}


@scene("reply/stale-button-unknown")
def _stale_unknown() -> dict[str, Any]:
    return {"text": stale_button_message(story.received(), "record_contact", NOW)}


# -- forms ------------------------------------------------------------------------------------

RECURRENCE = Recurrence(
    complainant=Pattern(2, ("K-2026-0003", "K-2025-0101")),
    category=Pattern(7, ("K-2026-0004", "K-2026-0002", "K-2025-0099")),
)
MODAL_CONTEXT = Context(reference="K-2026-0001", channel="C111")
FORM_COMPLAINTS = {
    "register_modal": story.received,
    "contact_modal": story.registered,
    "discuss_modal": story.contacted,
    "discussed_modal": story.reacted,
    "note_modal": story.received,
    "close_modal": story.contacted,
    "reject_modal": story.received,
    "reopen_modal": story.closed,
    "effectiveness_modal": story.closed,
}
for _workflow in WORKFLOWS:
    _complaint = FORM_COMPLAINTS[_workflow.callback.value]
    SCENES[f"form/{_workflow.callback.value}"] = lambda workflow=_workflow, build=_complaint: (
        workflow.view(
            build(),
            NOW,
            MODAL_CONTEXT,
            [find.recurrence_block(RECURRENCE)] if workflow.shows_recurrence else None,
        )
    )


@scene("form/register_modal-no-recurrence")
def _register_no_recurrence() -> dict[str, Any]:
    (workflow,) = [w for w in WORKFLOWS if w.callback.value == "register_modal"]
    return workflow.view(
        story.received(), NOW, MODAL_CONTEXT, [find.recurrence_block(Recurrence())]
    )


@scene("form/close_modal-after-discussion")
def _close_after_discussion() -> dict[str, Any]:
    (workflow,) = [w for w in WORKFLOWS if w.callback.value == "close_modal"]
    return workflow.view(story.discussed(), NOW, MODAL_CONTEXT)


@scene("form/new_complaint_modal")
def _new_complaint() -> dict[str, Any]:
    return new_complaint_view(Context())


@scene("form/new_complaint_modal-from-message")
def _new_complaint_from_message() -> dict[str, Any]:
    context = Context(channel="C111", permalink="https://klacht.slack.com/archives/C111/p1")
    return new_complaint_view(context, subject="Salaris te laat", body="Mijn salaris is te laat.")


EMPLOYEE_CONTEXT = Context(reference="K-2026-0001", channel="DUEVA", employee="UEVA")


@scene("form/employee_respond_modal")
def _respond() -> dict[str, Any]:
    return discussion.respond_view(story.asked(), EMPLOYEE_CONTEXT)


@scene("form/employee_plan_modal")
def _plan() -> dict[str, Any]:
    return discussion.plan_view(story.asked(), EMPLOYEE_CONTEXT, at(8, 9))


@scene("form/employee_decline_modal")
def _decline() -> dict[str, Any]:
    return discussion.decline_view(story.asked(), EMPLOYEE_CONTEXT)


@scene("form/report_text_modal-quarter")
def _report_modal_quarter() -> dict[str, Any]:
    return reports.text_modal(story.report(officer_text="Planning vraagt aandacht."))


@scene("form/report_text_modal-year")
def _report_modal_year() -> dict[str, Any]:
    return reports.text_modal(story.report("year"))


# -- /klacht: help, lists, search results, a complaint's card, its history -------------------


def _help(role: Role, unknown: str | None = None) -> dict[str, Any]:
    fallback = (
        find_text.HELP_TITLE
        if unknown is None
        else find_text.UNKNOWN.format(word=find.escape(unknown[:40]))
    )
    return {"text": fallback, "blocks": find.help_blocks(role, unknown)}


for _role in (Role.OFFICER, Role.EMPLOYEE, Role.MANAGEMENT):
    SCENES[f"help/{_role.value}"] = lambda role=_role: _help(role)
SCENES["help/unknown-word"] = lambda: _help(Role.OFFICER, "<!channel> opdracht")


def _open_complaints() -> list:
    overdue = story.received("K-2026-0002", received_at=at(2, 9), subject="Planning klopt niet")
    return [overdue, story.received(), story.registered("K-2026-0003"), story.asked("K-2026-0004")]


def _list(role: Role, complaints: list, more: bool, contact_details: bool) -> dict[str, Any]:
    blocks = find.list_blocks(
        complaints, more, NOW, CALENDAR, role, contact_details=contact_details
    )
    return {"text": find_text.LIST_TITLE.format(count=len(complaints)), "blocks": blocks}


SCENES["list/officer"] = lambda: _list(Role.OFFICER, _open_complaints(), False, True)
SCENES["list/officer-more"] = lambda: _list(Role.OFFICER, _open_complaints(), True, True)
SCENES["list/officer-none"] = lambda: _list(Role.OFFICER, [], False, True)
SCENES["list/management"] = lambda: _list(Role.MANAGEMENT, _open_complaints(), False, False)
SCENES["list/employee"] = lambda: _list(Role.EMPLOYEE, [story.asked()], False, False)
SCENES["list/employee-none"] = lambda: _list(Role.EMPLOYEE, [], False, False)


def _search(query: str, role: Role, complaints: list, more: bool) -> dict[str, Any]:
    officer = role is Role.OFFICER
    blocks = find.search_blocks(
        query, complaints, more, NOW, CALENDAR, role, contact_details=officer
    )
    fallback = find_text.SEARCH_TITLE.format(query=find.escape(query[:100]))
    return {"text": fallback, "blocks": blocks}


SCENES["search/found"] = lambda: _search("salaris", Role.OFFICER, _open_complaints(), False)
SCENES["search/found-more"] = lambda: _search("salaris", Role.OFFICER, _open_complaints(), True)
SCENES["search/none"] = lambda: _search("<b>loonstrook</b>", Role.OFFICER, [], False)
SCENES["search/employee-none"] = lambda: _search("loonstrook", Role.EMPLOYEE, [], False)
SCENES["reply/search-empty"] = lambda: {"text": find_text.SEARCH_EMPTY}
SCENES["reply/not-yours"] = lambda: {"text": find_text.NOT_YOURS.format(reference="K-2026-0001")}
SCENES["reply/history-not-allowed"] = lambda: {"text": privacy_text.HISTORY_NOT_ALLOWED}


def _card(complaint, role: Role, buttons: list, recurrence, thread: str | None) -> dict[str, Any]:
    officer = role is Role.OFFICER
    blocks = find.card_blocks(
        complaint,
        NOW,
        CALENDAR,
        contact_details=officer,
        buttons=buttons,
        recurrence=recurrence,
        thread_link=thread,
    )
    subject = find.shown_subject(complaint.subject, 150, contact_details=officer)
    return {"text": f"{complaint.reference}: {subject}", "blocks": blocks}


THREAD_LINK = "https://klacht.slack.com/archives/CKLACHTEN/p1765094400000100"
SCENES["show/officer"] = lambda: _card(
    story.registered(),
    Role.OFFICER,
    [ActionId.CONTACT, ActionId.DISCUSS, ActionId.NOTE, ActionId.REJECT],
    RECURRENCE,
    THREAD_LINK,
)
SCENES["show/officer-from-slack-message"] = lambda: _card(
    story.from_slack_message(), Role.OFFICER, [ActionId.REGISTER], Recurrence(), None
)
SCENES["show/management"] = lambda: _card(
    story.asked(), Role.MANAGEMENT, [ActionId.NOTE], RECURRENCE, THREAD_LINK
)
SCENES["show/employee"] = lambda: _card(story.asked(), Role.EMPLOYEE, [], None, None)
SCENES["show/closed"] = lambda: _card(
    story.closed(), Role.OFFICER, [ActionId.REOPEN, ActionId.NOTE], None, None
)


def _history(complaint, role: Role) -> dict[str, Any]:
    title = privacy_text.HISTORY_TITLE.format(reference=complaint.reference)
    return {"text": title, "blocks": history.history_blocks(complaint, role)}


SCENES["history/officer"] = lambda: _history(story.closed(), Role.OFFICER)
SCENES["history/management"] = lambda: _history(story.closed(), Role.MANAGEMENT)
SCENES["history/anonymised"] = lambda: _history(story.anonymised(), Role.OFFICER)


# -- dashboards (App Home) per role ---------------------------------------------------------

COUNTS = Counts(new=1, awaiting_contact=2, overdue=1, in_discussion=1, awaiting_closure=0, open=4)


def _requests() -> list:
    reacted = story.reacted()
    asked = story.asked("K-2026-0004")
    return [
        discussion.home_request_blocks(asked, story.request_of(asked, "UEVA"), at(9, 10)),
        discussion.home_request_blocks(reacted, story.request_of(reacted, "UBRAM"), at(9, 10)),
    ]


def _buttons(complaint) -> list[ActionId]:
    return [ActionId.REGISTER, ActionId.NOTE] if complaint.state is State.RECEIVED else []


SCENES["home/officer-none-open"] = lambda: officer_home(Counts(), [], NOW, CALENDAR, _buttons)
SCENES["home/officer"] = lambda: officer_home(
    COUNTS, _open_complaints(), NOW, CALENDAR, _buttons, _requests()
)
SCENES["home/officer-more"] = lambda: officer_home(
    Counts(new=45, open=45), [story.received()] * 45, NOW, CALENDAR, _buttons
)
SCENES["home/management-no-report"] = lambda: management_home(None, [], 0)
SCENES["home/management"] = lambda: management_home(
    reports.key_figure_blocks(story.report()),
    [story.received("K-2026-0002", received_at=at(2, 9))],
    21,
    _requests(),
)
SCENES["home/employee-none"] = lambda: employee_home([])
SCENES["home/employee"] = lambda: employee_home(_requests())


# -- the employee's request (direct message) in each state, and its reminders --------------


def _request(complaint, employee: str) -> dict[str, Any]:
    return discussion.employee_message(complaint, story.request_of(complaint, employee), at(9, 10))


SCENES["request/open"] = lambda: _request(story.asked(), "UEVA")
SCENES["request/open-without-contact-details"] = lambda: _request(
    story.asked(share_contact=False), "UEVA"
)
SCENES["request/answered"] = lambda: _request(story.reacted(), "UEVA")
SCENES["request/planned"] = lambda: _request(story.reacted(), "UBRAM")
SCENES["request/declined"] = lambda: _request(story.reacted(), "UCARLO")
SCENES["request/closed"] = lambda: _request(story.closed(), "UBRAM")
SCENES["request/reminder"] = lambda: {"text": discussion.reminder_message(story.asked())}


def _meeting(sent_at: dt.datetime) -> dict[str, Any]:
    complaint = story.reacted()
    employee, officer = discussion.meeting_reminders(
        complaint, story.request_of(complaint, "UBRAM"), sent_at
    )
    return {"employee": {"text": employee}, "officer": {"text": officer}}


SCENES["request/meeting-today"] = lambda: _meeting(at(8, 9))
SCENES["request/meeting-next-day"] = lambda: _meeting(at(7, 16))


# -- notices and digests --------------------------------------------------------------------

MENTIONS = ["<@UOFFICER>", "<!subteam^SKLACHT>"]
SCENES["notice/escalation"] = lambda: notices.escalation_message(
    story.registered(), at(9, 9), at(9, 9, 1), MENTIONS
)
SCENES["notice/escalation-late"] = lambda: notices.escalation_message(
    story.received(), at(9, 9), at(10, 8), []
)
ENTRIES = [
    Entry("K-2026-0002", State.REGISTERED, at(2, 9, month=11), 25),
    Entry("K-2026-0003", State.DISCUSSION, at(16, 14, month=11), 15),
]
SCENES["digest/none"] = lambda: notices.digest_message([], 0, 10)
SCENES["digest/some"] = lambda: notices.digest_message(ENTRIES, 2, 10)
SCENES["digest/one-more"] = lambda: notices.digest_message(ENTRIES[:1], 2, 10)
SCENES["notice/job-failing"] = lambda: {
    "text": jobs_text.JOB_FAILING.format(job=jobs_text.JOB_NAMES["mailbox"], error="timeout")
}
SCENES["notice/delivery-problem"] = lambda: {
    "text": slack_text.DELIVERY_PROBLEM.format(error="not_in_channel")
}


# -- reports ----------------------------------------------------------------------------------


def _report_message(blocks: list) -> dict[str, Any]:
    return {"text": reports_text.SLACK_FALLBACK.format(label="2026-Q3"), "blocks": blocks}


SCENES["report/summary-quarter"] = lambda: _report_message(reports.summary_blocks(story.report()))
SCENES["report/summary-year"] = lambda: _report_message(
    reports.summary_blocks(
        story.report("year", officer_text="Planning vraagt aandacht.", advice="Investeer.")
    )
)
SCENES["report/preview-quarter"] = lambda: _report_message(
    reports.preview_blocks(story.report(), at(6, 9, month=10))
)
SCENES["report/preview-asked"] = lambda: _report_message(
    reports.preview_blocks(story.report(), None)
)
SCENES["report/preview-year"] = lambda: _report_message(
    reports.preview_blocks(story.report("year"), at(6, 9, month=10))
)
SCENES["report/reminder-year"] = lambda: _report_message(
    reports.reminder_blocks(story.report("year"))
)
SCENES["report/posted"] = lambda: {
    "text": reports_text.POSTED_CONFIRMATION.format(label="2026-Q3", channel="CDIRECTIE")
}
SCENES["report/files-comment"] = lambda: {
    "text": reports_text.SLACK_FILES_COMMENT.format(
        what=reports_text.SLACK_WHAT_QUARTER, label="2026-Q3"
    )
}


# -- the test ---------------------------------------------------------------------------------


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.json"


@pytest.mark.parametrize("name", sorted(SCENES))
def test_every_view_renders_as_its_golden_file(name: str) -> None:
    rendered = json.loads(json.dumps(SCENES[name]()))
    path = golden_path(name)
    if os.environ.get("KLACHTENBOT_WRITE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rendered, indent=2, ensure_ascii=False) + "\n")
    assert rendered == json.loads(path.read_text())
