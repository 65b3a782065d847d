"""The effectiveness check: on the date set at closing the clock reminds the officer in the
complaint's thread with a button; its modal, submitted as Slack sends it (signed), records the
outcome as an event, and the yearly report counts it."""

from __future__ import annotations

import datetime as dt
import json

from bot.jobs.notices import opening_on
from bot.jobs.runner import run_jobs
from bot.procedure import EventKind
from bot.procedure import steps as procedure
from bot.service import ComplaintService
from bot.surfaces import make_context
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from reports.generate import make_report
from reports.periods import parse_period
from reports.summary import breakdowns
from tests.procedure import builders as b
from tests.slack.conftest import CHANNEL, dispatch_interactive, submit_email
from tests.slack.flows import submit
from tests.slack.payloads import OFFICER, block_action


def closed_with_check(service: ComplaintService) -> tuple[str, dt.date]:
    reference = submit_email(service).reference
    now = service.now()
    check_on = service.calendar.add_working_days(now.date(), 3)
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    service.change(reference, procedure.record_contact, b.OFFICER, b.contact(now))
    closure = b.closure(no_employee_reason="Systeemfout.", effectiveness_check_on=check_on)
    service.change(reference, procedure.close, b.OFFICER, closure)
    return reference, check_on


def test_reminder_in_the_thread_then_the_modal_records_the_outcome(
    service, bolt_app, fake_slack, deliverer, slack_settings, db
):
    reference, check_on = closed_with_check(service)
    deliverer.deliver_pending()
    moment = opening_on(service.calendar, check_on) + dt.timedelta(minutes=1)
    day_before = moment - dt.timedelta(days=1)
    for at in (day_before, moment, moment + dt.timedelta(minutes=1)):
        ctx = make_context(slack_settings, ComplaintService(db, slack_settings, lambda at=at: at))
        assert run_jobs(ctx) == []

    (root,) = fake_slack.roots(CHANNEL)
    reminders = [
        m for m in fake_slack.thread(CHANNEL, root.ts) if "effectiviteitscontrole" in m.text
    ]
    assert len(reminders) == 1  # once, on the day, not the day before
    assert "<@UOFFICER>" in json.dumps(reminders[0].blocks)
    button = reminders[0].blocks[-1]["elements"][0]
    assert button["action_id"] == ActionId.EFFECTIVENESS.value

    before = len(fake_slack.calls)
    body = block_action(OFFICER, button["action_id"], button["value"], CHANNEL)
    assert dispatch_interactive(bolt_app, body).status == 200
    opened = fake_slack.wait_for(
        lambda: [c for c in fake_slack.calls[before:] if c.method == "views.open"]
    )[0]
    view = opened.params["view"]
    assert Context.load(view["private_metadata"]).reference == reference

    empty = submit(bolt_app, OFFICER, view, {"effective": "ja", "result": "  "})
    assert json.loads(empty.body)["errors"] == {"result": "Vul dit veld in."}
    response = submit(
        bolt_app, OFFICER, view, {"effective": "nee", "result": "Weer een klacht over uren."}
    )
    assert response.status == 200 and response.body == ""

    complaint = service.get(reference)
    assert complaint.effective is False
    assert complaint.last_event(EventKind.EFFECTIVENESS_RECORDED).actor_id == "UOFFICER"
    year = parse_period(str(check_on.year), slack_settings.tz)
    report = make_report(db, slack_settings, year, service.now(), "UOFFICER")
    tables = dict(breakdowns(report.figures))
    assert tables["Effectiviteitscontroles van maatregelen"] == [
        ("Maatregelen effectief", "0"),
        ("Maatregelen niet (voldoende) effectief", "1"),
        ("Nog niet vastgelegd", "0"),
    ]


def test_a_complaint_closed_again_is_reminded_of_its_new_check(
    service, fake_slack, deliverer, slack_settings, db
):
    """Reopening clears the check; closing again sets a new date, which gets its own reminder
    although the first one was sent."""
    from bot.procedure.inputs import Reopening

    reference, check_on = closed_with_check(service)
    deliverer.deliver_pending()

    def clock_at(at: dt.datetime) -> None:
        ctx = make_context(slack_settings, ComplaintService(db, slack_settings, lambda: at))
        assert run_jobs(ctx) == []

    first = opening_on(service.calendar, check_on) + dt.timedelta(minutes=1)
    clock_at(first)
    later = ComplaintService(db, slack_settings, lambda: first + dt.timedelta(hours=1))
    later.change(reference, procedure.reopen, b.OFFICER, Reopening("Klant belde opnieuw."))
    new_check = service.calendar.add_working_days(check_on, 5)
    closure = b.closure(no_employee_reason="Systeemfout.", effectiveness_check_on=new_check)
    later.change(reference, procedure.close, b.OFFICER, closure)
    clock_at(opening_on(service.calendar, new_check) + dt.timedelta(minutes=1))

    (root,) = fake_slack.roots(CHANNEL)
    thread = fake_slack.thread(CHANNEL, root.ts)
    assert len([m for m in thread if "effectiviteitscontrole" in m.text]) == 2


def test_a_check_on_a_saturday_is_reminded_on_monday_naming_its_day(
    service, fake_slack, deliverer, slack_settings, db
):
    from bot.texts import date_in_words

    reference = submit_email(service).reference
    now = service.now()
    saturday = now.date() + dt.timedelta(days=(5 - now.weekday()) % 7 or 7)
    service.change(reference, procedure.register, b.OFFICER, b.registration())
    service.change(reference, procedure.record_contact, b.OFFICER, b.contact(now))
    closure = b.closure(no_employee_reason="Systeemfout.", effectiveness_check_on=saturday)
    service.change(reference, procedure.close, b.OFFICER, closure)
    deliverer.deliver_pending()
    weekend_over = dt.datetime.combine(saturday, dt.time(), tzinfo=service.calendar.tz)
    monday = service.calendar.next_opening(weekend_over) + dt.timedelta(minutes=1)
    ctx = make_context(slack_settings, ComplaintService(db, slack_settings, lambda: monday))
    assert run_jobs(ctx) == []

    (root,) = fake_slack.roots(CHANNEL)
    (reminder,) = [m for m in fake_slack.thread(CHANNEL, root.ts) if "effectiviteit" in m.text]
    # Posted on Monday: the Saturday without its year, unless Monday is in the next year.
    assert f"Op {date_in_words(saturday, monday.date())} stond de effectiviteitscontrole" in (
        reminder.text
    )
    assert "Vandaag" not in reminder.text
