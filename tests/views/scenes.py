"""Every view the bot shows, built from the fixed story (tests/views/story.py): each card state,
each kind of thread post, every form, the lists, the history, each role's dashboard, the
employee's request in each state, the notices, digests and reports, and the help. A scene is
a view model, or a few that go together; the golden tests render them for each surface."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.forms.workflows import WORKFLOWS
from bot.jobs.digest import Entry
from bot.letters import compose_decision_letter
from bot.procedure import Complaint, EventKind, Outcome, Role, State
from bot.procedure.discussion import EmployeeRequest, answer_deadline
from bot.procedure.overview import Pattern, Recurrence
from bot.texts import complainant as complainant_text
from bot.texts import jobs as jobs_text
from bot.views import card, dashboards, forms, ignored, lists, notices, reports, requests, thread
from bot.views.context import Context
from bot.views.history import history
from bot.views.ids import Action, FormId
from bot.views.model import Message, Paragraph, View
from bot.views.people import notice_mentions
from storage.inbound import IgnoredRow
from tests.views import story
from tests.views.story import CALENDAR, NOW, at

Scene = Callable[[], View | dict[str, View]]
SCENES: dict[str, Scene] = {}
CHECK_DAY = dt.datetime(2027, 1, 15, 8, tzinfo=story.TZ)


# -- the complaint's card in the channel, in every state ---------------------------------------

CARDS = {
    "received": (story.received, NOW),
    "received-due-today": (story.received, at(9, 8)),
    "received-overdue": (story.received, at(9, 10)),
    "registered": (story.registered, NOW),
    "contacted": (story.contacted, NOW),
    "discussion": (story.asked, NOW),
    "discussion-reacted": (story.reacted, NOW),
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
    SCENES[f"card/{_name}"] = lambda build=_build, now=_now: card.channel_post(
        build(), now=now, calendar=CALENDAR
    )


# -- one thread post per kind of event -----------------------------------------------------


def _last(complaint: Complaint) -> Message:
    """The post of the complaint's last event, made when it happened (as the delivery does)."""
    event = complaint.events[-1]
    return thread.event_post(complaint, event, event.at)


def _of(kind: EventKind, complaint: Complaint) -> Message:
    event = complaint.last_event(kind)
    assert event is not None
    return thread.event_post(complaint, event, event.at)


def _notice(notice: str, due: dt.datetime, sent: dt.datetime, base: Complaint) -> Message:
    return _last(story.noticed(notice, due, sent, base))


def _fact(kind: EventKind, employee: str, moment: dt.datetime) -> Message:
    return _last(story.discussion_fact(kind, employee, moment))


THREAD: dict[str, Scene] = {
    "received": lambda: _last(story.received()),
    "registered": lambda: _last(story.registered()),
    "contact-recorded": lambda: _last(story.contacted()),
    "discussion-requested": lambda: _last(story.asked()),
    "employee-responded": lambda: _of(EventKind.EMPLOYEE_RESPONDED, story.reacted()),
    "meeting-planned": lambda: _of(EventKind.MEETING_PLANNED, story.reacted()),
    "meeting-moved": lambda: _last(story.moved()),
    "employee-declined": lambda: _last(story.reacted()),
    "employee-responded-all-answered": lambda: _last(story.all_answered()),
    "discussion-recorded": lambda: _last(story.discussed()),
    "closed": lambda: _last(story.closed()),
    "effectiveness-recorded": lambda: _last(story.checked()),
    "rejected": lambda: _last(story.rejected()),
    "reopened": lambda: _last(story.reopened()),
    "note-added": lambda: _last(story.noted()),
    "reply-received": lambda: _last(story.replied()),
    "acknowledgement-sent": lambda: _last(story.acknowledged()),
    "anonymised": lambda: _last(story.anonymised()),
    "notice-pre-warning": lambda: _notice("pre_warning", at(9, 9), at(9, 9), story.received()),
    "notice-overdue": lambda: _notice("overdue", at(9, 9), at(9, 9, 1), story.received()),
    "notice-overdue-late": lambda: _notice("overdue", at(9, 9), at(10, 8), story.received()),
    "notice-effectiveness-today": lambda: _notice(
        "effectiveness_check", CHECK_DAY, CHECK_DAY, story.closed()
    ),
    "notice-effectiveness-missed-day": lambda: _notice(
        "effectiveness_check", CHECK_DAY, CHECK_DAY + dt.timedelta(days=3), story.closed()
    ),
    "employee-unreachable": lambda: _fact(EventKind.EMPLOYEE_UNREACHABLE, "UBRAM", at(7, 9, 56)),
    "discussion-reminder-sent": lambda: _fact(
        EventKind.DISCUSSION_REMINDER_SENT, "UBRAM", at(9, 10)
    ),
    "discussion-escalated": lambda: _fact(EventKind.DISCUSSION_ESCALATED, "UBRAM", at(14, 10)),
    "meeting-reminder-sent": lambda: _fact(EventKind.MEETING_REMINDER_SENT, "UBRAM", at(8, 9)),
}
for _name, _scene in THREAD.items():
    SCENES[f"thread/{_name}"] = _scene


def _letter_to_post() -> Message:
    """A decision letter for a complainant without e-mail address, to print and post."""
    base = story.closed()
    data = {
        "notice": "letter_to_post",
        "due_at": at(7, 10, 1).isoformat(),
        "mention": [{"surface": "slack", "id": "UOFFICER"}],
        "letter_id": 7,
        "letter": "decision",
        "text": "Aan: Jan de Vries\nDatum: 7 januari 2027\nBetreft: Uw klacht K-2026-0001\n\n"
        "Geachte heer De Vries,\n\nOns oordeel: gegrond.\n\nMet vriendelijke groet,\n",
    }
    return _last(story.with_facts(base, EventKind.WARNING_SENT, data, at(7, 10, 1)))


SCENES["thread/letter-to-post"] = _letter_to_post
SCENES["thread/reply-to-decision"] = lambda: _last(
    story.with_facts(
        story.decided(),
        EventKind.REPLY_RECEIVED,
        {"subject": "Re: Uw klacht", "text": "Ik ben het er niet mee eens.", "from_email": ""},
        at(8, 9),
    )
)
SCENES["card/privacy-request"] = lambda: card.channel_post(
    story.privacy_request(), now=NOW, calendar=CALENDAR
)
SCENES["card/full-text"] = lambda: card.full_text(story.received())

SCENES["reply/stale-button-same-day"] = lambda: thread.stale_button(
    story.contacted(), "record_contact", NOW
)
SCENES["reply/stale-button-other-day"] = lambda: thread.stale_button(
    story.contacted(), "record_contact", at(8, 10)
)
SCENES["reply/stale-button-unknown"] = lambda: thread.stale_button(
    story.received(), "record_contact", NOW
)


# -- forms ------------------------------------------------------------------------------------

RECURRENCE = Recurrence(
    complainant=Pattern(2, ("K-2026-0003", "K-2025-0101")),
    category=Pattern(7, ("K-2026-0004", "K-2026-0002", "K-2025-0099")),
)
FORM_CONTEXT = Context(reference="K-2026-0001", channel="C111")
FORM_COMPLAINTS = {
    FormId.REGISTER: story.received,
    FormId.CONTACT: story.registered,
    FormId.DISCUSS: story.contacted,
    FormId.DISCUSSED: story.reacted,
    FormId.MOVE_TALK: story.reacted,
    FormId.NOTE: story.received,
    FormId.CLOSE: story.contacted,
    FormId.REJECT: story.received,
    FormId.REOPEN: story.closed,
    FormId.EFFECTIVENESS: story.closed,
    FormId.RECLASSIFY: story.registered,
    FormId.EXTEND: story.registered,
    FormId.ACCEPTANCE: story.decided,
    FormId.RECOURSE: story.disagreed,
    FormId.RECOURSE_RESULT: story.in_recourse,
}


def _step_form(form: FormId, complaint: Complaint, recurrence: Recurrence | None = None) -> View:
    (workflow,) = [w for w in WORKFLOWS if w.callback is form]
    notes = (card.recurrence_block(recurrence),) if recurrence is not None else ()
    return workflow.form(complaint, NOW, FORM_CONTEXT, notes)


def _letter_page() -> View:
    """The closing form's second page: the answers given, and the letter to read and edit."""
    complaint = story.contacted()
    answers = {"resolution": "Salaris alsnog betaald.", "outcome": "gegrond"}
    fields = forms.refilled(forms.close_fields(complaint, NOW), answers)
    letter = compose_decision_letter(complaint, Outcome.UPHELD, story.SETTINGS, findings="Te laat.")
    context = Context(reference="K-2026-0001", channel="C111", letter_for="gegrond")
    review = (Paragraph(((complainant_text.LETTER_REVIEW,),)),)
    letter_input = forms.letter_field(letter, required=False)
    return forms.step_form(
        FormId.CLOSE,
        "Klacht afsluiten",
        complaint,
        context,
        (*fields, letter_input),
        review,
        "Afsluiten",
    )


SCENES["form/close_modal-letter"] = _letter_page


for _form, _complaint in FORM_COMPLAINTS.items():
    _recurrence = RECURRENCE if _form is FormId.REGISTER else None
    SCENES[f"form/{_form.value}"] = lambda form=_form, build=_complaint, r=_recurrence: _step_form(
        form, build(), r
    )
SCENES["form/register_modal-no-recurrence"] = lambda: _step_form(
    FormId.REGISTER, story.received(), Recurrence()
)
SCENES["form/close_modal-after-discussion"] = lambda: _step_form(FormId.CLOSE, story.discussed())
SCENES["form/new_complaint_modal"] = lambda: forms.new_complaint(Context())
SCENES["form/new_complaint_modal-from-message"] = lambda: forms.new_complaint(
    Context(channel="C111", permalink="https://klacht.slack.com/archives/C111/p1"),
    subject="Salaris te laat",
    body="Mijn salaris is te laat.",
)
EMPLOYEE_CONTEXT = Context(reference="K-2026-0001", channel="DUEVA", employee="UEVA")
SCENES["form/employee_respond_modal"] = lambda: forms.respond_form(story.asked(), EMPLOYEE_CONTEXT)
SCENES["form/employee_plan_modal"] = lambda: forms.plan_form(
    story.asked(), EMPLOYEE_CONTEXT, at(8, 9)
)
SCENES["form/employee_move_modal"] = lambda: forms.move_form(
    story.reacted(), EMPLOYEE_CONTEXT, at(8, 14)
)
SCENES["form/employee_decline_modal"] = lambda: forms.decline_form(story.asked(), EMPLOYEE_CONTEXT)
SCENES["form/report_text_modal-quarter"] = lambda: reports.text_form(
    story.report(officer_text="Planning vraagt aandacht.")
)
SCENES["form/report_text_modal-year"] = lambda: reports.text_form(story.report("year"))


# -- /klacht: help, lists, search results, a complaint's card, its history -------------------

for _role in (Role.OFFICER, Role.EMPLOYEE, Role.MANAGEMENT):
    SCENES[f"help/{_role.value}"] = lambda role=_role: lists.help_message(role)
SCENES["help/unknown-word"] = lambda: lists.help_message(Role.OFFICER, "<!channel> opdracht")


def _open_complaints() -> list[Complaint]:
    overdue = story.received("K-2026-0002", received_at=at(2, 9), subject="Planning klopt niet")
    return [overdue, story.received(), story.registered("K-2026-0003"), story.asked("K-2026-0004")]


def _list(role: Role, complaints: list[Complaint], more: bool, details: bool) -> View:
    return lists.open_list(complaints, more, NOW, CALENDAR, role, contact_details=details)


SCENES["list/officer"] = lambda: _list(Role.OFFICER, _open_complaints(), False, True)
SCENES["list/officer-more"] = lambda: _list(Role.OFFICER, _open_complaints(), True, True)
SCENES["list/officer-none"] = lambda: _list(Role.OFFICER, [], False, True)
SCENES["list/management"] = lambda: _list(Role.MANAGEMENT, _open_complaints(), False, False)
SCENES["list/employee"] = lambda: _list(Role.EMPLOYEE, [story.asked()], False, False)
SCENES["list/employee-none"] = lambda: _list(Role.EMPLOYEE, [], False, False)


def _search(query: str, role: Role, complaints: list[Complaint], more: bool) -> View:
    details = role is Role.OFFICER
    return lists.search_results(
        query, complaints, more, NOW, CALENDAR, role, contact_details=details
    )


SCENES["search/found"] = lambda: _search("salaris", Role.OFFICER, _open_complaints(), False)
SCENES["search/found-more"] = lambda: _search("salaris", Role.OFFICER, _open_complaints(), True)
SCENES["search/none"] = lambda: _search("<b>loonstrook</b>", Role.OFFICER, [], False)
SCENES["search/employee-none"] = lambda: _search("loonstrook", Role.EMPLOYEE, [], False)
SCENES["reply/search-empty"] = lists.search_hint


def _card(
    complaint: Complaint,
    role: Role,
    actions: list[Action],
    recurrence: Recurrence | None,
    thread_link: str | None,
) -> View:
    return card.card(
        complaint,
        NOW,
        CALENDAR,
        contact_details=role is Role.OFFICER,
        actions=actions,
        recurrence=recurrence,
        thread_link=thread_link,
    )


THREAD_LINK = "https://klacht.slack.com/archives/CKLACHTEN/p1765094400000100"
SCENES["show/officer"] = lambda: _card(
    story.registered(),
    Role.OFFICER,
    [Action.CONTACT, Action.DISCUSS, Action.NOTE, Action.REJECT],
    RECURRENCE,
    THREAD_LINK,
)
SCENES["show/officer-from-slack-message"] = lambda: _card(
    story.from_slack_message(), Role.OFFICER, [Action.REGISTER], Recurrence(), None
)
SCENES["show/management"] = lambda: _card(
    story.asked(),
    Role.MANAGEMENT,
    [Action.NOTE],
    RECURRENCE,
    None,  # the channel is not theirs
)
SCENES["show/employee"] = lambda: _card(story.asked(), Role.EMPLOYEE, [], None, None)
SCENES["show/closed"] = lambda: _card(
    story.closed(), Role.OFFICER, [Action.REOPEN, Action.NOTE], None, None
)
SCENES["history/officer"] = lambda: history(story.closed(), Role.OFFICER, NOW)
SCENES["history/management"] = lambda: history(story.closed(), Role.MANAGEMENT, NOW)
SCENES["history/anonymised"] = lambda: history(story.anonymised(), Role.OFFICER, NOW)


# -- dashboards per role ----------------------------------------------------------------------


def _todo_complaints() -> list[Complaint]:
    """One in each step: overdue, new, registered, waiting for employees, contacted without a
    discussion, discussed, and a closed one whose recourse runs."""
    return [
        *_open_complaints()[:3],
        story.asked("K-2026-0004"),
        story.contacted("K-2026-0005"),
        story.stored(story.discussed(), "K-2026-0006"),
        story.stored(story.in_recourse(), "K-2026-0007"),
    ]


def _due(request: EmployeeRequest) -> dt.datetime:
    """The procedure's rule: 17:00 on the second working day after the request."""
    return answer_deadline(CALENDAR, request.requested_at, 2)


def _requests() -> list[dashboards.Entry]:
    reacted = story.reacted()
    asked = story.asked("K-2026-0004")
    eva, bram = story.request_of(asked, "UEVA"), story.request_of(reacted, "UBRAM")
    return [
        requests.dashboard_entry(asked, eva, _due(eva), NOW),
        requests.dashboard_entry(reacted, bram, _due(bram), NOW),
    ]


def _actions(complaint: Complaint) -> list[Action]:
    return [Action.REGISTER, Action.NOTE] if complaint.state is State.RECEIVED else []


SCENES["home/officer-none-open"] = lambda: dashboards.officer_dashboard([], NOW, CALENDAR, _actions)
SCENES["home/officer"] = lambda: dashboards.officer_dashboard(
    _todo_complaints(), NOW, CALENDAR, _actions, _requests()
)
SCENES["home/officer-more"] = lambda: dashboards.officer_dashboard(
    [story.received()] * 45, NOW, CALENDAR, _actions
)
SCENES["home/management-no-report"] = lambda: dashboards.management_dashboard(None, [], 0, NOW)
SCENES["home/management"] = lambda: dashboards.management_dashboard(
    reports.key_figures(story.report(), NOW),
    [story.received("K-2026-0002", received_at=at(2, 9))],
    21,
    NOW,
    _requests(),
)
SCENES["home/employee-none"] = lambda: dashboards.employee_dashboard([])
SCENES["home/employee"] = lambda: dashboards.employee_dashboard(_requests())


# -- the employee's request (direct message) in each state, and its reminders --------------


def _request(complaint: Complaint, employee: str, now: dt.datetime = NOW) -> View:
    request = story.request_of(complaint, employee)
    return requests.request_message(complaint, request, _due(request), now)


SCENES["request/open"] = lambda: _request(story.asked(), "UEVA")
SCENES["request/open-without-contact-details"] = lambda: _request(
    story.asked(share_contact=False), "UEVA"
)
SCENES["request/open-late"] = lambda: _request(story.asked(), "UEVA", at(10, 9))
SCENES["request/answered"] = lambda: _request(story.reacted(), "UEVA")
SCENES["request/planned"] = lambda: _request(story.reacted(), "UBRAM")
SCENES["request/moved"] = lambda: _request(story.moved(), "UBRAM")
SCENES["request/declined"] = lambda: _request(story.reacted(), "UCARLO")
SCENES["request/closed"] = lambda: _request(story.closed(), "UBRAM")
SCENES["request/reminder"] = lambda: requests.reminder(story.asked())


def _meeting(sent_at: dt.datetime) -> dict[str, View]:
    complaint = story.reacted()
    request = story.request_of(complaint, "UBRAM")
    employee, officer = requests.meeting_reminders(complaint, request, sent_at)
    return {"employee": employee, "officer": officer}


SCENES["request/meeting-today"] = lambda: _meeting(at(8, 9))
SCENES["request/meeting-next-day"] = lambda: _meeting(at(7, 16))


# -- notices and digests --------------------------------------------------------------------

OFFICERS = notice_mentions(["<@UOFFICER>", "<!subteam^SKLACHT>"])
SCENES["notice/escalation"] = lambda: notices.escalation(
    story.registered(), at(9, 9), at(9, 9, 1), OFFICERS
)
SCENES["notice/escalation-late"] = lambda: notices.escalation(
    story.received(), at(9, 9), at(10, 8), []
)
ENTRIES = [
    Entry("K-2026-0002", State.REGISTERED, at(2, 9, month=11), 25),
    Entry("K-2026-0003", State.DISCUSSION, at(16, 14, month=11), 15),
]
SCENES["digest/none"] = lambda: notices.digest([], 0, 10, NOW)
SCENES["digest/some"] = lambda: notices.digest(ENTRIES, 2, 10, NOW)
SCENES["digest/one-more"] = lambda: notices.digest(ENTRIES[:1], 2, 10, NOW)
SCENES["notice/job-failing"] = lambda: notices.job_failing("mailbox", jobs_text.ERROR_CONNECTION)
SCENES["notice/delivery-problem"] = lambda: notices.delivery_problem("not_in_channel")


# -- reports ----------------------------------------------------------------------------------

SCENES["report/summary-quarter"] = lambda: reports.summary(story.report(), NOW)
SCENES["report/summary-year"] = lambda: reports.summary(
    story.report("year", officer_text="Planning vraagt aandacht.", advice="Investeer."), NOW
)
SCENES["report/preview-quarter"] = lambda: reports.preview(story.report(), at(6, 9, month=10), NOW)
SCENES["report/preview-asked"] = lambda: reports.preview(story.report(), None, NOW)
SCENES["report/preview-year"] = lambda: reports.preview(
    story.report("year"), at(6, 9, month=10), NOW
)
SCENES["report/reminder-year"] = lambda: reports.reminder(story.report("year"))
SCENES["report/posted"] = lambda: reports.posted(story.report(), "CDIRECTIE")


# -- ignored e-mail: the officer's list, the answer after taking one up, Home and digest -------

IGNORED = [
    IgnoredRow(
        12,
        at(7, 8, 12),
        "notification",
        "notify@urenportaal.example",
        "Er staan 3 urenbriefjes klaar <b>nu</b>",
        None,
    ),
    IgnoredRow(
        9,
        at(4, 17, 40),
        "newsletter",
        "info@vakbladflex.example",
        "",
        "Zelfde Message-ID als een ander bericht, andere inhoud: apart bewaard.",
    ),
]
SCENES["ignored/list"] = lambda: ignored.ignored_list(IGNORED, story.TZ, NOW)
SCENES["ignored/list-more"] = lambda: ignored.ignored_list(IGNORED[:1] * 23, story.TZ, NOW)
SCENES["ignored/none"] = lambda: ignored.ignored_list([], story.TZ, NOW)
SCENES["ignored/none-since"] = lambda: ignored.ignored_list([], story.TZ, NOW, dt.date(2026, 12, 1))
SCENES["ignored/admitted"] = lambda: ignored.admitted(story.received(), 12, NOW)
SCENES["ignored/admitted-late"] = lambda: ignored.admitted(story.received(), 12, at(10, 9))
SCENES["home/officer-ignored"] = lambda: dashboards.officer_dashboard(
    _open_complaints()[:1], NOW, CALENDAR, _actions, ignored=3
)
SCENES["digest/ignored"] = lambda: notices.digest(ENTRIES, 2, 10, NOW, ignored=1)
SCENES["digest/only-ignored"] = lambda: notices.digest([], 0, 10, NOW, ignored=4)


# -- decision deadlines: the thread's notices and the escalation to management -----------------

SCENES["thread/notice-decision-pre-warning"] = lambda: _notice(
    "decision_pre_warning", at(21, 9), at(21, 9), story.registered()
)
SCENES["thread/notice-decision-overdue"] = lambda: _notice(
    "decision_overdue", at(21, 17), at(21, 17), story.registered()
)
SCENES["notice/decision-escalation"] = lambda: notices.escalation(
    story.registered(), at(21, 17), at(21, 17, 1), OFFICERS, decision=True
)


# -- signals management hears of at once ------------------------------------------------------


def _alert(route: str | None, severity: str | None, reason: str | None) -> View:
    from dataclasses import replace

    from bot.procedure import Route, Severity

    complaint = story.registered()
    if route:
        complaint = replace(complaint, route=Route(route))
    if severity:
        complaint = replace(complaint, severity=Severity(severity), severity_reason=reason)
    signals = [s for s in (severity, route) if s]
    return notices.management_alert(complaint, signals, OFFICERS)


SCENES["notice/management-alert-high"] = lambda: _alert(None, "hoog", "Derde keer dit jaar.")
SCENES["notice/management-alert-discrimination"] = lambda: _alert(
    "discriminatie", "hoog", "Gaat over afkomst."
)
