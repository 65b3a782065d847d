"""`klachtenbot run` (Socket Mode + the scheduler) and `klachtenbot web` (HTTP under gunicorn;
its scheduled jobs run in a separate `klachtenbot clock`).

Both check what they depend on first (bot.slack.startup: database, tokens, the private
complaints channel) and say in one line what they run on. APScheduler runs the background work
(bot/jobs/runner.py): in `run` every job, delivery kicked after each commit; in each `web`
worker only the Home refresh, kicked after a change (delivery is the `clock`'s).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable, Iterable
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.jobs.context import JobContext
from bot.jobs.runner import start_scheduler
from bot.service import ComplaintService
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.client import web_client
from bot.slack.delivery import Deliverer
from bot.slack.gate import RequestGate, refuse
from bot.slack.homes import DEBOUNCE_SECONDS
from bot.slack.jobs import SlackSurface
from bot.slack.quiet import Arrivals
from bot.slack.seen import SeenEvents
from bot.slack.startup import check_start, count_officers, log_start
from bot.startup import EXIT_OK, StartRefused
from bot.startup import refuse as _refuse
from storage.db import Database

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
STATUS_LINES = {200: "200 OK", 400: "400 Bad Request", 401: "401 Unauthorized"}
HEALTH_PATH = "/healthz"
SOCKET_MODE_THREADS = 16

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def run_socket_mode(settings: Settings) -> int:
    """Socket Mode bot in this process (the small-office default). Blocks until stopped."""
    settings.require("slack_bot_token", "slack_app_token", "complaints_channel")
    try:
        workspace = check_start(settings, socket_mode=True)
    except StartRefused as exc:
        return _refuse(exc)
    service = ComplaintService(Database(settings.database_url), settings)
    deliverer = Deliverer(service, web_client(settings, for_delivery=True))
    owner = deliverer.outbox.owner
    slack = SlackSurface(service, deliverer.client, owner, deliverer)
    context = JobContext(service, [slack], owner)
    app = build_app(settings, service, deliverer=deliverer, changed=homes_kick(context))
    service.after_commit.append(lambda *_: context.kick("slack_delivery"))
    log_start(settings, "run (Socket Mode)", workspace, count_officers(app.client, settings))
    scheduler = start_scheduler(context)
    try:
        socket_mode_handler(app, settings).start()
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown(wait=False)
    return EXIT_OK


def homes_kick(context: JobContext) -> Callable[..., None]:
    """After a change: the `homes` job, a moment later (changes in quick succession, one run)."""
    return lambda *_: context.kick("homes", after=DEBOUNCE_SECONDS)


def run_http(
    settings: Settings,
    *,
    host: str = "0.0.0.0",
    workers: int | None = None,
) -> int:
    """HTTP mode: gunicorn serving Bolt at /slack/events and a health check at /healthz on
    `settings.port`. Workers default to $WEB_CONCURRENCY (gunicorn's own rule), else 1."""
    settings.require("slack_bot_token", "slack_signing_secret", "complaints_channel")
    try:
        workspace = check_start(settings, socket_mode=False)
    except StartRefused as exc:
        return _refuse(exc)
    officers = count_officers(web_client(settings), settings)
    log_start(settings, f"web (HTTP, poort {settings.port})", workspace, officers)
    options = gunicorn_options(host, settings.port, workers)
    arrivals = Arrivals()  # made before gunicorn forks, so that every worker shares it
    WebServer(lambda: http_app(settings, arrivals), options).run()
    return EXIT_OK


def check_clock(settings: Settings) -> int | None:
    """`clock` posts to Slack too: when Slack is configured, the same checks and start line as
    `web`. None when it may start, else the exit code."""
    try:
        workspace = check_start(settings, socket_mode=False)
    except StartRefused as exc:
        return _refuse(exc)
    log_start(settings, "clock", workspace, count_officers(web_client(settings), settings))
    return None


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


def http_app(settings: Settings, arrivals: Arrivals) -> WsgiApp:
    """The WSGI application of one gunicorn worker (built after the fork). The worker delivers
    nothing (`clock` does, within seconds); its scheduler runs the Home refresh when kicked."""
    service = ComplaintService(Database(settings.database_url), settings)
    client = web_client(settings)
    context = JobContext(service, [SlackSurface(service, client, "web")], "web")
    app = build_app(settings, service, client, arrivals=arrivals, changed=homes_kick(context))
    start_scheduler(context, only=["homes"], kicked_only=["homes"])
    db = service.db
    gate = RequestGate(
        settings.slack_signing_secret, SeenEvents(db, lambda: dt.datetime.now(dt.UTC))
    )
    return wsgi_app(app, db, gate, settings)


def wsgi_app(app: App, db: Database, gate: RequestGate, settings: Settings) -> WsgiApp:
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    service = ComplaintService(db, settings)
    health_context = JobContext(service, [SlackSurface(service, app.client, "healthz")], "healthz")

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == EVENTS_PATH:
            return _slack_request(slack, gate, environ, start_response)
        if path == HEALTH_PATH:
            return _health(health_context, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    return application


def _slack_request(
    slack: SlackRequestHandler,
    gate: RequestGate,
    environ: dict[str, Any],
    start_response: Callable[..., Any],
) -> Iterable[bytes]:
    if environ.get("REQUEST_METHOD") != "POST":
        start_response(
            "405 Method Not Allowed", [("Content-Type", "text/plain"), ("Allow", "POST")]
        )
        return [b""]
    verdict = gate.check(environ)
    if verdict.status is not None:
        refuse(verdict, environ)
        start_response(STATUS_LINES[verdict.status], [("Content-Type", "text/plain")])
        return [b""]
    environ["wsgi.input"] = io.BytesIO(verdict.body)  # the gate read it; Bolt reads it again
    return slack(environ, start_response)


def _health(ctx: JobContext, start_response: Callable[..., Any]) -> Iterable[bytes]:
    """What `klachtenbot status` says: 200 "ok", or 503 with the problems, one per line."""
    from bot.jobs.status import health_answer

    status, body = health_answer(ctx)
    line = "200 OK" if status == 200 else "503 Service Unavailable"
    start_response(line, [("Content-Type", "text/plain; charset=utf-8")])
    return [body.encode()]


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
