"""App Home per role with 0, 1 and 500 open complaints, checked against Block Kit's limits,
and republished after changes: at once by the process that made them, within a minute by the
clock for what another process did."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import update

from bot.jobs.runner import active_jobs
from bot.procedure import SYSTEM_ACTOR, Category, Source, steps
from bot.procedure.inputs import DiscussionRequest, Intake
from bot.service import ComplaintService
from bot.slack.app import build_app
from bot.surfaces import make_context
from bot.views.ids import Action as ActionId
from reports.generate import make_report
from reports.periods import quarter_of
from reports.store import ReportStore
from storage.complaints import ComplaintStore
from storage.models import ComplaintRow, HomeViewer
from tests.slack.conftest import submit_email
from tests.slack.flows import click, open_home, publishes_to, submit, valid_values
from tests.slack.limits import assert_view_within_limits
from tests.slack.payloads import OFFICER
from tests.slack.test_find import ANNA, register


def seed_open(service: ComplaintService, count: int, *, overdue: bool = False) -> list[str]:
    """`count` complaints as e-mail intake stores them, in one transaction (fast)."""
    received_at = service.now() - dt.timedelta(days=20 if overdue else 0, minutes=5)
    references = []
    with service.db.session() as session:
        store = ComplaintStore(session, service.settings.tz)
        for number in range(count):
            intake = Intake(
                source=Source.EMAIL,
                received_at=received_at + dt.timedelta(seconds=number),
                subject=f"Klacht nummer {number}",
                body="Tekst",
                complainant_name=f"Klant {number}",
                complainant_email=f"klant{number}@example.nl",
            )
            complaint = steps.receive(
                intake, SYSTEM_ACTOR, calendar=service.calendar, contact_days=2
            )
            references.append(store.add(complaint).reference)
    return references


HOUR = dt.timedelta(hours=1)


def text_of(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)


def counts_of(view: dict[str, Any]) -> dict[str, int]:
    fields = view["blocks"][1]["fields"]
    pairs = (field["text"].split("\n") for field in fields)
    return {label.strip("*"): int(value) for label, value in pairs}


def test_officer_home_with_no_open_complaints(bolt_app, fake_slack):
    view = open_home(bolt_app, fake_slack, "UOFFICER")
    assert set(counts_of(view).values()) == {0}
    assert "Er zijn geen open klachten." in text_of(view)


def test_officer_home_with_one_complaint_shows_it_with_its_buttons(service, bolt_app, fake_slack):
    [reference] = seed_open(service, 1)
    view = open_home(bolt_app, fake_slack, "UOFFICER")
    assert counts_of(view) == {
        "Nu doen": 1,
        "Wacht op anderen": 0,
        "Klaar om af te sluiten": 0,
        "Totaal": 1,
        "Genegeerde e-mail, 7 dagen": 0,
    }
    assert f"*{reference}* · Ontvangen" in text_of(view) and "Klant 0" in text_of(view)
    [buttons] = [b for b in view["blocks"] if b["type"] == "actions"]
    assert [e["action_id"] for e in buttons["elements"]] == [
        ActionId.REGISTER,
        ActionId.NOTE,
        ActionId.REJECT,
    ]
    # A button on the Home tab opens its modal like the one in the channel.
    assert click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, reference)["type"] == "modal"


def test_officer_home_with_500_open_complaints_summarises_overdue_first(
    service, bolt_app, fake_slack
):
    fresh = seed_open(service, 480)
    overdue = seed_open(service, 20, overdue=True)
    view = open_home(bolt_app, fake_slack, "UOFFICER")
    assert len(view["blocks"]) <= 100
    counts = counts_of(view)
    assert (counts["Nu doen"], counts["Totaal"]) == (500, 500)
    listed = [
        b["text"]["text"].split(" · ")[0].strip("*")
        for b in view["blocks"]
        if b["type"] == "section" and "text" in b and b["text"]["text"].startswith("*K-")
    ]
    assert listed[:20] == overdue and listed[20:] == fresh[:20]
    assert "En nog 460 open klachten; zoek gericht met `/klacht zoek <tekst>`." in text_of(view)


@pytest.mark.parametrize("open_count", [0, 1, 500])
def test_management_home_shows_open_escalations_without_contact_details(
    service, bolt_app, fake_slack, open_count
):
    references = seed_open(service, open_count, overdue=True)
    if references:
        register(service, references[0], category=Category.PLANNING)
    view = open_home(bolt_app, fake_slack, "UDIRECTIE")
    text = text_of(view)
    assert "nog geen kwartaalrapportage" in text
    if open_count == 0:
        assert "Er staan geen escalaties open." in text
        return
    assert f"*Openstaande escalaties* ({open_count})" in text
    assert f"*{references[0]}* · Planning en roosters" in text
    assert "Klant 0" not in text and "example.nl" not in text and "Jan de Vries" not in text
    if open_count == 500:
        assert "En nog 480." in text and references[20] not in text


def post_quarter(service: ComplaintService) -> None:
    """This quarter's report, made and recorded as posted (as the clock's report step does)."""
    report = make_report(
        service.db, service.settings, quarter_of(service.now(), service.settings.tz),
        service.now(), "clock",
    )  # fmt: skip
    with service.db.session() as session:
        ReportStore(session, service.settings.tz).mark_posted(report.id, service.now())


def test_management_home_shows_the_latest_quarter(service, bolt_app, fake_slack):
    seed_open(service, 2)
    post_quarter(service)
    text = text_of(open_home(bolt_app, fake_slack, "UDIRECTIE"))
    assert "*Ontvangen*\\n2" in text


@pytest.mark.parametrize("open_count", [0, 1, 500])
def test_employee_home_holds_only_their_own_requests(service, bolt_app, fake_slack, open_count):
    references = seed_open(service, open_count)
    if references:
        register(service, references[-1])
        service.change(
            references[-1], steps.request_discussion, ANNA, DiscussionRequest(("UMEDEWERKER",))
        )
    text = text_of(open_home(bolt_app, fake_slack, "UMEDEWERKER"))
    if open_count:
        assert [ref for ref in references if f"*{ref}*" in text] == [references[-1]]
    else:
        assert "nu wordt er niets van je gevraagd" in text


def test_homes_are_republished_after_a_change_for_those_who_look(service, bolt_app, fake_slack):
    reference = submit_email(service).reference
    first = open_home(bolt_app, fake_slack, "UOFFICER")
    assert "· Ontvangen" in text_of(first)

    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, reference)
    submit(bolt_app, OFFICER, view, valid_values(ActionId.REGISTER, service.now()))

    fake_slack.wait_for(lambda: len(publishes_to(fake_slack, "UOFFICER")) == 2)
    refreshed = publishes_to(fake_slack, "UOFFICER")[-1]
    assert_view_within_limits(refreshed)
    assert f"*{reference}* · Geregistreerd" in text_of(refreshed)
    assert publishes_to(fake_slack, "UDIRECTIE") == []  # never opened their Home


def test_a_complaint_stored_by_another_process_refreshes_homes_once_delivered(
    service, slack_settings, deliverer, fake_slack, homes_kick
):
    bolt_app = build_app(slack_settings, service, deliverer=deliverer, changed=homes_kick)
    open_home(bolt_app, fake_slack, "UOFFICER")
    ingest = ComplaintService(service.db, slack_settings)  # no hooks: as `ingest` stores it
    reference = submit_email(ingest).reference

    deliverer.deliver_pending()
    fake_slack.wait_for(lambda: len(publishes_to(fake_slack, "UOFFICER")) == 2)
    assert reference in text_of(publishes_to(fake_slack, "UOFFICER")[-1])


def clock_homes(service: ComplaintService, hours_later: float = 0) -> int:
    """The clock's `homes` job as a separate `klachtenbot clock` process runs it, `hours_later`
    than now; how many Homes it published."""
    moment = service.now() + dt.timedelta(hours=hours_later)
    other = ComplaintService(service.db, service.settings, lambda: moment)
    clock = make_context(service.settings, other, "clock")
    [job] = [job for job in active_jobs(clock) if job.name == "homes"]
    return job.run(clock, clock.service.now())


def opened(bolt_app, fake_slack, service: ComplaintService, user_id: str) -> dict[str, Any]:
    """`open_home`, once the listener has also recorded what it showed."""
    view = open_home(bolt_app, fake_slack, user_id)

    def recorded() -> bool:
        with service.db.session() as session:
            viewer = session.get(HomeViewer, ("slack", user_id))
            return viewer is not None and viewer.shown_digest is not None

    fake_slack.wait_for(recorded)
    return view


def test_a_report_the_clock_posted_reaches_an_open_management_home_once(
    service, bolt_app, fake_slack
):
    seed_open(service, 2)
    assert "nog geen kwartaalrapportage" in text_of(
        opened(bolt_app, fake_slack, service, "UDIRECTIE")
    )
    assert clock_homes(service) == 0  # nothing changed since it was opened

    post_quarter(service)

    assert clock_homes(service) == 1
    assert "*Ontvangen*\\n2" in text_of(publishes_to(fake_slack, "UDIRECTIE")[-1])
    assert clock_homes(service) == 0
    assert len(publishes_to(fake_slack, "UDIRECTIE")) == 2
    assert publishes_to(fake_slack, "UOFFICER") == []  # never opened their Home


def test_a_complaint_another_process_stored_reaches_the_officers_home_through_the_clock(
    service, bolt_app, fake_slack
):
    opened(bolt_app, fake_slack, service, "UOFFICER")
    assert clock_homes(service, hours_later=0.25) == 0  # only its "updated at" would change
    ingest = ComplaintService(service.db, service.settings)  # no hooks: as `ingest` stores it
    reference = submit_email(ingest).reference

    assert clock_homes(service) == 1
    assert f"*{reference}* · Ontvangen" in text_of(publishes_to(fake_slack, "UOFFICER")[-1])


def test_a_deadline_passing_puts_the_complaint_on_managements_open_home(
    service, bolt_app, fake_slack
):
    [reference] = seed_open(service, 1)
    with service.db.session() as session:  # its contact deadline is in an hour
        session.execute(update(ComplaintRow).values(contact_deadline=service.now() + HOUR))
    assert "Er staan geen escalaties open." in text_of(
        opened(bolt_app, fake_slack, service, "UDIRECTIE")
    )
    assert clock_homes(service, hours_later=0.5) == 0

    assert clock_homes(service, hours_later=2) == 1
    text = text_of(publishes_to(fake_slack, "UDIRECTIE")[-1])
    assert "*Openstaande escalaties* (1)" in text and f"*{reference}*" in text


def test_erasure_republishes_the_homes_that_showed_the_complaint(
    service, slack_settings, deliverer, fake_slack, homes_kick
):
    """The officer's Home listed Zoë's complaint by her name and subject; after erasure the
    Home is published again from the anonymised complaint."""
    from bot.privacy import erase_complainant

    bolt_app = build_app(slack_settings, service, deliverer=deliverer, changed=homes_kick)
    reference = submit_email(
        service,
        subject="Nachtdiensten zonder overleg",
        complainant_name="Zoë Zoekmij",
        complainant_email="zoe.zoekmij@privemail.nl",
    ).reference
    deliverer.deliver_pending()
    before = text_of(open_home(bolt_app, fake_slack, "UOFFICER"))
    assert "Zoë Zoekmij" in before and "Nachtdiensten" in before
    published = len(publishes_to(fake_slack, "UOFFICER"))

    erase_complainant(service, "zoe.zoekmij@privemail.nl", now=service.now())
    deliverer.deliver_pending()

    fake_slack.wait_for(lambda: len(publishes_to(fake_slack, "UOFFICER")) > published)
    after = text_of(publishes_to(fake_slack, "UOFFICER")[-1])
    assert reference in after
    for trace in ("Zoë", "Zoekmij", "Nachtdiensten", "privemail"):
        assert trace not in after, trace
