"""APScheduler's jobs carry the clock's job names (its log says which job ran or was missed),
not every one `run_job`."""

from __future__ import annotations

from bot.jobs.runner import active_jobs, start_scheduler


def test_each_scheduled_job_is_named_after_its_job(ctx) -> None:
    scheduler = start_scheduler(ctx)
    try:
        names = sorted(job.name for job in scheduler.get_jobs())
    finally:
        scheduler.shutdown(wait=False)
    assert names == sorted(f"klachtenbot {job.name}" for job in active_jobs(ctx))
    assert "run_job" not in names
