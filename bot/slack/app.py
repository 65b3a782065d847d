"""Build the Bolt app: one App per process, listeners registered per area."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient

from bot.service import ComplaintService
from bot.settings import Settings
from bot.slack.actors import Actors
from bot.slack.client import web_client
from bot.slack.delivery import Deliverer
from bot.slack.deps import Deps
from bot.slack.homes import home_refresher
from bot.slack.listeners import register_listeners
from bot.slack.profiles import Profiles
from bot.slack.quiet import THREADS, AfterAck, Arrivals, MarkArrivals
from bot.slack.seen import SeenEvents


def build_app(
    settings: Settings,
    service: ComplaintService,
    client: WebClient | None = None,
    arrivals: Arrivals | None = None,
    deliverer: Deliverer | None = None,
    changed: Callable[..., None] | None = None,
) -> App:
    """The app for both modes. The token lives on `client` only; `auth.test` is not called at
    build time (Bolt calls it once on the first request). `arrivals` is shared by the
    processes of one server (see bot.slack.quiet). `changed` (the kick of the scheduler's
    `homes` job) is called after every change this process commits, and after every complaint
    `deliverer` brings to Slack."""
    client = client or web_client(settings)
    arrivals = arrivals or Arrivals()
    app = App(
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=bool(settings.slack_signing_secret),
        client=client,
        token_verification_enabled=False,
        # Every listener acknowledges and returns at once (slow work goes to AfterAck), so the
        # response can be sent as the listener returns, without Bolt's 10 ms ack polling.
        process_before_response=True,
        # Runs only the lazy listeners, the work after an acknowledgement (bot.slack.quiet).
        listener_executor=ThreadPoolExecutor(THREADS, thread_name_prefix="after-ack"),
        logger=logging.getLogger("bot.slack.bolt"),
    )
    profiles = Profiles(service.db, client, service.clock)
    actors = Actors(settings, client, profiles)

    homes = home_refresher(service, client, actors)
    if changed is not None:
        service.after_commit.append(changed)
    if deliverer is not None:
        if changed is not None:
            deliverer.shown.append(changed)
        # Learn the employee's profile name in the background, for reports that name them.
        deliverer.shown.append(lambda c: c.employee_id and profiles.name(c.employee_id))
    deps = Deps(
        service=service,
        actors=actors,
        seen=SeenEvents(service.db, service.clock),
        after_ack=AfterAck(client, arrivals),
        homes=homes,
    )
    app.use(MarkArrivals(arrivals))
    register_listeners(app, deps)
    return app
