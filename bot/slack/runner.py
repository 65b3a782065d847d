"""`klachtenbot run` (Socket Mode + the scheduler) and `klachtenbot web` (HTTP under gunicorn;
its scheduled jobs run in a separate `klachtenbot clock`).

Both migrate the database, refuse to start when the complaints channel is not private, and
run the delivery loop beside the listeners.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.jobs.context import JobContext
from bot.jobs.runner import start_scheduler
from bot.service import ComplaintService
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.background import Arrivals
from bot.slack.client import web_client
from bot.slack.delivery import Deliverer, DeliveryLoop
from bot.texts import slack as text
from storage.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
DELIVERY_INTERVAL = 3.0
SOCKET_MODE_THREADS = 16

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class StartRefused(Exception):
    """The bot must not start; the message is the one line for the log and the terminal."""


def run_socket_mode(settings: Settings, *, delivery_interval: float = DELIVERY_INTERVAL) -> int:
    """Socket Mode bot in this process (the small-office default). Blocks until stopped."""
    settings.require("slack_bot_token", "slack_app_token", "complaints_channel")
    try:
        prepare(settings)
        app, loop = start_process(settings, delivery_interval)
    except StartRefused as exc:
        return _refuse(exc)
    deliverer = loop.deliverer
    context = JobContext(
        deliverer.service, deliverer.client, deliverer.outbox.owner, deliverer_override=deliverer
    )
    # The delivery loop, kicked after every commit, already delivers the outbox here.
    scheduler = start_scheduler(context, exclude=["slack_delivery"])
    try:
        socket_mode_handler(app, settings).start()
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown(wait=False)
        loop.stop()
    return EXIT_OK


def run_http(
    settings: Settings,
    *,
    host: str = "0.0.0.0",
    workers: int | None = None,
    delivery_interval: float = DELIVERY_INTERVAL,
) -> int:
    """HTTP mode: gunicorn serving Bolt at /slack/events and a health check at /healthz on
    `settings.port`. Workers default to $WEB_CONCURRENCY (gunicorn's own rule), else 1."""
    settings.require("slack_bot_token", "slack_signing_secret", "complaints_channel")
    try:
        prepare(settings)
    except StartRefused as exc:
        return _refuse(exc)
    options = gunicorn_options(host, settings.port, workers)
    arrivals = Arrivals()  # made before gunicorn forks, so that every worker shares it
    WebServer(lambda: http_app(settings, delivery_interval, arrivals), options).run()
    return EXIT_OK


def gunicorn_options(host: str, port: int, workers: int | None = None) -> dict[str, Any]:
    """Threaded workers: a listener's work after the ack must not block the next request."""
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "worker_class": "gthread",
        "threads": 16,
        "timeout": 30,
        "graceful_timeout": 10,
    }
    if workers:
        options["workers"] = workers
    return options


def prepare(settings: Settings) -> None:
    """Once per start: migrate, then check that the complaints channel is private."""
    db = Database(settings.database_url)
    try:
        db.upgrade()
    except DatabaseUnavailable as exc:
        raise StartRefused(text.DATABASE_UNAVAILABLE.format(reason=exc)) from None
    finally:
        db.dispose()
    require_private_channel(web_client(settings), settings.complaints_channel or "")


def require_private_channel(client: WebClient, channel: str) -> None:
    """Personal data goes into the complaints channel: it must be a private channel."""
    try:
        info = client.conversations_info(channel=channel)
    except SlackApiError as exc:
        error = exc.response.get("error")
        raise StartRefused(text.CHANNEL_UNREADABLE.format(channel=channel, error=error)) from None
    if not info["channel"].get("is_private"):
        raise StartRefused(text.CHANNEL_PUBLIC.format(channel=channel))


def start_process(
    settings: Settings, delivery_interval: float, arrivals: Arrivals | None = None
) -> tuple[App, DeliveryLoop]:
    """The app and a running delivery loop, kicked after every commit in this process."""
    service = ComplaintService(Database(settings.database_url), settings)
    deliverer = Deliverer(service, web_client(settings, for_delivery=True))
    loop = DeliveryLoop(deliverer, delivery_interval).start()
    service.after_commit.append(loop.kick)
    return build_app(settings, service, arrivals=arrivals), loop


def socket_mode_handler(
    app: App, settings: Settings, *, ping_interval: float = 10
) -> SocketModeHandler:
    """Bolt's built-in Socket Mode client; it asks apps.connections.open (at SLACK_API_URL)
    for the WebSocket URL, and notices a dropped connection within `ping_interval` seconds
    and reconnects."""
    return SocketModeHandler(
        app,
        app_token=settings.slack_app_token,
        web_client=app.client,
        ping_interval=ping_interval,
        concurrency=SOCKET_MODE_THREADS,
    )


def http_app(settings: Settings, delivery_interval: float, arrivals: Arrivals) -> WsgiApp:
    """The WSGI application of one gunicorn worker (built after the fork)."""
    app, _loop = start_process(settings, delivery_interval, arrivals)
    return wsgi_app(app, Database(settings.database_url), settings)


def wsgi_app(app: App, db: Database, settings: Settings) -> WsgiApp:
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    health_context = JobContext(ComplaintService(db, settings), app.client, "healthz")

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == EVENTS_PATH:
            return slack(environ, start_response)
        if path == HEALTH_PATH:
            return _health(health_context, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return application


def _health(ctx: JobContext, start_response: Callable[..., Any]) -> Iterable[bytes]:
    """What `klachtenbot status` says: 200 "ok", or 503 with the problems, one per line."""
    from bot.jobs.status import check_health

    try:
        health = check_health(ctx, ctx.service.now())
    except DatabaseUnavailable:
        start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
        return [b"database unavailable"]
    if not health.healthy:
        start_response("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8")])
        return ["\n".join(health.problems).encode()]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


class WebServer(BaseApplication):
    """gunicorn with the app built by `factory` in each worker."""

    def __init__(self, factory: Callable[[], WsgiApp], options: dict[str, Any]) -> None:
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WsgiApp:
        return self.factory()


def _refuse(exc: StartRefused) -> int:
    log.error("%s", exc)
    print(exc, file=sys.stderr)
    return EXIT_REFUSED
