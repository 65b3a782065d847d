"""Benchmark: the Teams `teams_employees` job against the fake Bot Connector on loopback.

    .venv/bin/python bench/teams_personal.py [--requests N] [--people P]

N complaints (default 200) each ask one of P employees (default 20) for their side. Measured:
the backlog (each employee found on the roster once, their chat opened once, every request
card posted, 50 per run as the ledger hands them out: ms per card), and an idle run afterwards
(nothing to send: the scan of the last 14 days' request events and of the cards to refresh),
the median of several. The data is a temporary SQLite file, dropped afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.procedure import SYSTEM_ACTOR, Actor, Role  # noqa: E402
from bot.procedure import steps as procedure  # noqa: E402
from bot.procedure.inputs import DiscussionRequest  # noqa: E402
from bot.procedure.people import Surface  # noqa: E402
from bot.service import ComplaintService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.teams.connector import BotConnector  # noqa: E402
from bot.teams.employees import deliver_employee_messages  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.procedure import builders as b  # noqa: E402
from tests.support.fake_teams import TENANT, FakeTeams, Person  # noqa: E402

TEAM = "19:bench0team@thread.tacv2"
CHANNEL = "19:bench0klachten@thread.tacv2"
REPEAT = 7


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--people", type=int, default=20)
    args = parser.parse_args()
    people = [Person(f"29:1bench{n}", str(uuid.UUID(int=n + 1))) for n in range(args.people)]
    fake = FakeTeams().start()
    fake.add_team(TEAM, [CHANNEL], people)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None,
            database_url=f"sqlite:///{folder}/bench.sqlite3",
            chat_platform="teams",
            teams_tenant_id=TENANT,
            teams_complaints_channel=CHANNEL,
            teams_service_url=fake.url,
            teams_allow_unauthenticated=True,
        )
        db = Database(settings.database_url)
        db.upgrade()
        service = ComplaintService(db, settings)
        officer = Actor(str(uuid.UUID(int=10**6)), Role.OFFICER, "Olga", Surface.TEAMS)
        for n in range(args.requests):
            reference = service.submit(b.intake(), SYSTEM_ACTOR).reference or ""
            service.change(reference, procedure.register, officer, b.registration())
            asked = DiscussionRequest((people[n % len(people)].aad_object_id,))
            service.change(reference, procedure.request_discussion, officer, asked)
        connector = BotConnector(settings, None)
        started = time.perf_counter()
        sent, runs = 0, 0
        while done := deliver_employee_messages(service, connector, service.now()):
            sent, runs = sent + done, runs + 1  # the ledger hands out 50 rows per run
        first = time.perf_counter() - started
        idle = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            assert deliver_employee_messages(service, connector, service.now()) == 0
            idle.append(time.perf_counter() - started)
        connector.close()
        db.dispose()
    fake.stop()
    per_card = first / max(sent, 1) * 1000
    print(f"backlog: {sent} cards in {runs} runs, {first:.2f} s ({per_card:.1f} ms/card)")
    print(f"idle run (median of {REPEAT}): {statistics.median(idle) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
