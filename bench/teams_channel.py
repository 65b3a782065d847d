"""Benchmark: the Teams complaints channel's delivery job against the local fake Bot Connector.

    .venv/bin/python bench/teams_channel.py [--complaints N] [--rounds R]

N complaints (SQLite in a temp folder), each received and registered (two events), are
delivered by the `teams_delivery` job: per complaint a new thread with its card and two
replies; then each gets a note and the job replaces the card in place and adds the reply.
Printed: the median time per complaint of each pass over R rounds, the Bot Connector calls per
complaint, and the machine's load (`uptime`). The fake answers at once, so the figures are the
bot's own cost (rendering, the outbox's bookkeeping), not Teams' latency.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.procedure import SYSTEM_ACTOR, steps  # noqa: E402
from bot.procedure.inputs import Note  # noqa: E402
from bot.service import ComplaintService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.surfaces import make_context  # noqa: E402
from bot.teams.jobs import teams_of  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.procedure import builders as b  # noqa: E402
from tests.support.fake_teams import TENANT, FakeTeams  # noqa: E402

TEAM = "19:team0a1b2c3d4e5f@thread.tacv2"
CHANNEL = "19:klachten5d1e9c7a@thread.tacv2"


def one_round(count: int) -> tuple[float, float, float]:
    """Seconds per complaint for the first delivery and for the update; calls per complaint."""
    fake = FakeTeams().start()
    fake.add_team(TEAM, [CHANNEL], [])
    try:
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
            references = []
            for _ in range(count):
                reference = service.submit(b.intake(), SYSTEM_ACTOR).reference or ""
                service.change(reference, steps.register, b.OFFICER, b.registration())
                references.append(reference)
            deliverer = teams_of(make_context(settings, service, "bench")).channel
            started = time.perf_counter()
            assert deliverer.deliver_pending() == count
            first = (time.perf_counter() - started) / count
            for reference in references:
                service.change(reference, steps.add_note, b.OFFICER, Note("Teruggebeld."))
            started = time.perf_counter()
            assert deliverer.deliver_pending() == count
            update = (time.perf_counter() - started) / count
            calls = len(fake.calls) / count
            db.dispose()
            return first, update, calls
    finally:
        fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = [one_round(args.complaints) for _ in range(args.rounds)]
    first = statistics.median(r[0] for r in results)
    update = statistics.median(r[1] for r in results)
    calls = statistics.median(r[2] for r in results)
    print(f"{args.complaints} complaints, median of {args.rounds} rounds")
    print(f"  first post (thread, card, 2 replies): {first * 1000:.1f} ms per complaint")
    print(f"  update (1 reply, card in place):      {update * 1000:.1f} ms per complaint")
    print(f"  Bot Connector calls per complaint:    {calls:.1f}")
    print(f"  load: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
