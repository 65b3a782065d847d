"""Retention on a simulated clock: nothing before the period ends; afterwards Sanne's personal
data is gone from the database and from Slack, the figures are unchanged, and a second run
changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.privacy import CleaningRun, run_retention
from bot.procedure import EventKind, State
from reports.figures import compute_figures
from reports.periods import parse_period
from tests.privacy.conftest import PIET, SANNE_TRACES, Story
from tests.procedure import builders as b

# Closed on 20 April 2026 at 14:00; with the default of 24 months it is due from then in 2028.
CLOSED = b.ams(20, 14, 0)
REPORT_MOMENT = b.ams(1, 9, 0, month=5, year=2028)
NOTHING = CleaningRun([], 0)


def figures(story: Story) -> dict:
    """The report figures for 2026-Q2, without the texts a person typed and the generation time."""
    period = parse_period("2026-Q2", b.AMS)
    with story.service.db.engine.connect() as connection:
        computed = compute_figures(connection, story.service.settings, period, REPORT_MOMENT)
    values = dataclasses.asdict(computed)
    values.pop("generated_at")
    values["measures"] = [
        {key: value for key, value in measure.items() if key not in ("corrective", "preventive")}
        for measure in values["measures"]
    ]
    values["measure_groups"] = [
        {key: value for key, value in group.items() if key != "latest"}
        for group in values["measure_groups"]
    ]
    return values


def test_nothing_is_due_before_the_retention_period_ends(story: Story) -> None:
    story.clock.now = CLOSED + dt.timedelta(days=365 * 2 - 2)
    before = story.database_text()

    assert run_retention(story.service, now=story.clock.now, dry_run=True) == NOTHING
    assert run_retention(story.service, now=story.clock.now) == NOTHING
    assert story.database_text() == before


def test_retention_removes_personal_data_keeps_figures_and_is_idempotent(story: Story) -> None:
    figures_before = figures(story)
    database_before = story.database_text()
    assert all(trace in database_before for trace in SANNE_TRACES)
    assert all(trace in story.slack_text() for trace in ("Sanne", "12345678", "NL91ABNA0417164300"))
    story.clock.now = b.ams(21, 9, 0, year=2028)

    preview = run_retention(story.service, now=story.clock.now, dry_run=True)
    assert [p.reference for p in preview.complaints] == [story.first, story.second]
    assert preview.other_emails == 1  # Sanne's auto-reply, part of no complaint
    first = preview.complaints[0]
    assert (first.emails, first.attachments) == (2, 2)
    assert first.fields >= 10
    assert story.database_text() == database_before  # a preview changes nothing

    cleaned = run_retention(story.service, now=story.clock.now)
    assert cleaned == preview
    story.deliver()

    database_after = story.database_text()
    slack_after = story.slack_text()
    for trace in SANNE_TRACES:
        assert trace not in database_after, trace
        assert trace not in slack_after, trace
    # Piet's open complaint is untouched, in the database and in Slack.
    assert PIET in database_after
    assert "Piet Jansen" in slack_after
    assert figures(story) == figures_before

    complaint = story.service.get(story.first)
    assert complaint.state is State.CLOSED
    assert complaint.closed_at is not None and complaint.category is not None
    assert complaint.last_event(EventKind.ANONYMISED).data["basis"] == "retention"
    assert len(story.service.list()) == 3

    calls = len(story.fake.calls)
    story.clock.now += dt.timedelta(days=1)
    assert run_retention(story.service, now=story.clock.now) == NOTHING
    story.deliver()
    assert len(story.fake.calls) == calls
    assert story.database_text() == database_after
