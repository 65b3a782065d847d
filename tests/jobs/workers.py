"""A clock process for the concurrency test (a module of its own so `spawn` can import it)."""

from __future__ import annotations

import datetime as dt
from multiprocessing.synchronize import Barrier

from bot.jobs.runner import run_jobs
from bot.service import ComplaintService
from bot.settings import Settings
from bot.surfaces import make_context
from storage.db import Database
from tests.support.fake_slack import BOT_TOKEN


def clock_rounds(url: str, slack_url: str, now: str, rounds: int, start: Barrier) -> None:
    """The clock's tick, `rounds` times as fast as it goes, at the fixed moment `now`."""
    settings = Settings(
        _env_file=None,
        database_url=url,
        slack_bot_token=BOT_TOKEN,
        slack_api_url=slack_url,
        complaints_channel="CKLACHTEN",
        management_channel="CDIRECTIE",
        officer_user_ids=["UOFFICER"],
    )
    database = Database(url)
    moment = dt.datetime.fromisoformat(now)
    ctx = make_context(settings, ComplaintService(database, settings, lambda: moment))
    try:
        start.wait()
        for _ in range(rounds):
            run_jobs(ctx)
    finally:
        database.dispose()
