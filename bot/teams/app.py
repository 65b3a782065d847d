"""The web application of `klachtenbot teams`: `POST /api/messages` for Teams, `GET /healthz`.

The endpoint owns the HTTP contract and hands each activity to the Teams SDK's app, which routes
it to the handlers (bot.teams.handlers):

1. a body larger than MAX_BODY is refused (413) before it is read further;
2. with credentials, the Bot Framework JWT is checked (bot.teams.auth): 401 (403 for a key not
   endorsed for the channel) and nothing else happens;
3. a body that is not an activity the SDK can read gets 400 (never a 500 with a traceback);
4. the SDK's router runs the handlers; an invoke's answer is the HTTP 200 body.

`GET /rapporten/<token>/<file>` serves a posted report's charts and PDF while its link has not
expired (bot.teams.reports); an unknown or expired token, or a file the report does not have, is
404 alike. No documentation or listing is served: anything else is 404 (405 for a wrong
method).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from microsoft_teams.api import ActivityTypeAdapter
from microsoft_teams.api.auth.json_web_token import JsonWebToken
from pydantic import ValidationError

from bot.jobs.context import JobContext
from bot.jobs.status import health_answer
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.auth import InboundAuth, Unauthorized
from bot.teams.connector import BotConnector
from bot.teams.ids import REPORTS_PATH
from bot.teams.sdk import ActivityEvent, App, CoreActivity, build_sdk_app
from bot.teams.views.render import KeptJson
from storage.reportlinks import ReportLinks
from storage.teams import TeamsDirectory

log = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
HEALTH_PATH = "/healthz"
JSON_TYPE = "application/json"
MAX_BODY = 1024 * 1024  # Teams' largest activities (a message action's payload) are far smaller


@dataclass
class Surface:
    """What the handlers are handed: settings, the directory of references, the connector."""

    settings: Settings
    service: ComplaintService
    directory: TeamsDirectory
    connector: BotConnector
    authenticated: bool

    def service_url(self, activity: Any) -> str:
        """Where to answer an activity. Only a signed request's serviceUrl is trusted (the
        token names it); in unauthenticated test mode it is always TEAMS_SERVICE_URL."""
        if self.authenticated and activity.service_url:
            return str(activity.service_url)
        return self.settings.teams_service_url


def build_web_app(surface: Surface, inbound: InboundAuth | None) -> FastAPI:
    from bot.teams.handlers import register

    sdk = build_sdk_app(surface.settings, surface.connector.tokens)
    register(sdk, surface)

    @asynccontextmanager
    async def lifespan(_web: FastAPI) -> AsyncIterator[None]:
        await sdk.initialize()
        yield

    web = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    health_context = JobContext(surface.service, None, "healthz")

    @web.post(MESSAGES_PATH)
    async def messages(request: Request) -> Response:
        return await _handle(request, sdk, inbound)

    @web.get(REPORTS_PATH + "/{token}/{name}")
    async def report_file(token: str, name: str) -> Response:
        return await asyncio.to_thread(_report_file, surface.service, token, name)

    @web.get(HEALTH_PATH)
    async def health() -> Response:
        status, body = await asyncio.to_thread(health_answer, health_context)
        return PlainTextResponse(body, status_code=status)

    return web


def _report_file(service: ComplaintService, token: str, name: str) -> Response:
    found = ReportLinks(service.db).open(token, name, service.now())
    if found is None:
        return Response(status_code=404)
    headers = {
        "Content-Disposition": f'inline; filename="{found.name}"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return Response(found.content, media_type=found.media_type, headers=headers)


async def _handle(request: Request, sdk: App, inbound: InboundAuth | None) -> Response:
    raw = await _read(request)
    if raw is None:
        return Response(status_code=413)
    activity = _json_object(raw)
    authorization = request.headers.get("authorization")
    if inbound is not None:
        try:
            await asyncio.to_thread(inbound.check, authorization, activity)
        except Unauthorized as exc:
            log.warning("request to %s refused (%s): %s", MESSAGES_PATH, exc.status, exc)
            return Response(status_code=exc.status)
        token: Any = JsonWebToken(value=str(authorization).removeprefix("Bearer "))
    else:
        token = _unsigned(activity or {})
    if activity is None:
        return Response(status_code=400)
    try:
        core = CoreActivity.model_validate(activity)
        ActivityTypeAdapter.validate_python(core.model_dump(by_alias=True, exclude_none=True))
    except ValidationError as exc:
        kind = str(activity.get("type"))[:40]
        log.warning("activity of type %r not readable: %d problems", kind, exc.error_count())
        return Response(status_code=400)
    assert sdk.server.on_request is not None  # set by sdk.initialize() at start
    result = await sdk.server.on_request(ActivityEvent(body=core, token=token))
    answer = result if isinstance(result, dict) else result.model_dump(exclude_none=True)
    body = answer.get("body")
    status = int(answer.get("status") or 200)
    if body is None:
        return Response(status_code=status)
    kept = body.get("value") if isinstance(body, dict) else None
    if isinstance(kept, KeptJson):
        return Response(_with_kept(body, kept), status_code=status, media_type=JSON_TYPE)
    return JSONResponse(body, status_code=status)


def _with_kept(body: dict[str, Any], kept: KeptJson) -> bytes:
    """`body` as JSON, its `value` the kept JSON text as it is."""
    rest = json.dumps({key: part for key, part in body.items() if key != "value"})
    return f'{rest[:-1]}{", " if len(body) > 1 else ""}"value": {kept.text}}}'.encode()


async def _read(request: Request) -> bytes | None:
    """The body, or None when it is larger than MAX_BODY (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _json_object(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _unsigned(activity: dict[str, Any]) -> Any:
    """What the SDK is handed as the token of a request accepted without one (test mode), as
    the SDK's own server does it."""
    return SimpleNamespace(
        app_id="",
        app_display_name="",
        tenant_id="",
        service_url=str(activity.get("serviceUrl") or ""),
        from_="azure",
        from_id="",
        is_expired=lambda: False,
    )
