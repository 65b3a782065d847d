"""Two clock processes on one PostgreSQL database send each warning once and make an asked-for
report once."""

from __future__ import annotations

import json
import multiprocessing
import re

import pytest
from sqlalchemy import func, select

from bot.procedure import SYSTEM_ACTOR
from storage.models import Notification
from tests.jobs.conftest import CHANNEL, MANAGEMENT
from tests.jobs.test_deadlines import local
from tests.jobs.workers import clock_rounds
from tests.procedure import builders as b

COMPLAINTS = 12
PROCESSES = 2


@pytest.fixture
def db_url(tmp_path):
    from tests.support.databases import database_url

    with database_url("postgresql", tmp_path) as url:
        yield url


def run_clocks(settings, fake, now, rounds: int) -> None:
    """PROCESSES clock processes, started together, each ticking `rounds` times at `now`."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    args = (settings.database_url, fake.url, now.isoformat(), rounds, start)
    processes = [context.Process(target=clock_rounds, args=args) for _ in range(PROCESSES)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * PROCESSES


@pytest.mark.slow
def test_two_clock_processes_send_each_warning_once(service, clock, db, fake, settings):
    clock.now = local(2026, 4, 16, 10)
    for n in range(COMPLAINTS):  # deadline Mon 20 Apr 17:00
        service.submit(b.intake(received_at=clock.now, subject=f"klacht {n}"), SYSTEM_ACTOR)
    run_clocks(settings, fake, local(2026, 4, 20, 10), rounds=5)  # the pre-warnings
    run_clocks(settings, fake, local(2026, 4, 21, 10), rounds=5)  # overdue, escalation

    with db.session() as session:
        decided = session.scalar(select(func.count()).select_from(Notification))
        unsent = session.scalar(
            select(func.count()).select_from(Notification).where(Notification.sent_at.is_(None))
        )
    # pre-warning, overdue notice, escalation, the thread's word that management was told,
    # and the pre-warning and overdue notice once more on the officer's list
    assert (decided, unsent) == (6 * COMPLAINTS, 0)
    roots = fake.roots(CHANNEL)
    assert len(roots) == COMPLAINTS
    for root in roots:
        notices = [m for m in fake.thread(CHANNEL, root.ts) if "contacttermijn van" in m.text]
        told = [m for m in notices if "op de hoogte gebracht" in m.text]
        assert (len(notices), len(told)) == (3, 1), root.text  # management told once
    # The escalations come in batches (one post per clock run), each complaint in exactly one.
    escalated = " ".join(json.dumps(m.blocks) for m in fake.roots(MANAGEMENT))
    references = [re.search(r"K-\d{4}-\d{4}", root.text)[0] for root in roots]
    assert all(escalated.count(f"*{reference}*") == 1 for reference in references)
    owners = {c.params["channel"] for c in fake.calls_to("chat.postMessage")}
    assert {CHANNEL, MANAGEMENT} <= owners


@pytest.mark.slow
def test_two_clock_processes_make_an_asked_report_once(clock, db, fake, settings):
    from reports.store import Request, request_report

    asked = local(2026, 10, 6, 10)
    request_report(db, settings, Request.POST, "2026-Q3", "UDIRECTIE", asked)

    run_clocks(settings, fake, asked, rounds=3)

    summaries = [m for m in fake.roots(MANAGEMENT) if m.text == "Klachtenrapportage 2026-Q3"]
    assert len(summaries) == 1
    names = [upload.filename for upload in fake.shared_files(MANAGEMENT)]
    assert "klachten-2026-Q3.csv" in names and len(names) == len(set(names))
    assert len(fake.roots("UDIRECTIE")) == 1
