"""The Web API clients: one place that decides transport, timeouts and retries (Retry-After
honoured)."""

from __future__ import annotations

import io
import logging
from typing import Any
from urllib.error import HTTPError
from urllib.request import Request

from slack_sdk import WebClient
from slack_sdk.http_retry import (
    BackoffRetryIntervalCalculator,
    RetryHandler,
    RetryIntervalCalculator,
)
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.settings import Settings
from bot.slack.connections import Connections

INTERACTIVE_TIMEOUT = 5
DELIVERY_TIMEOUT = 10


class AnyServerErrorRetryHandler(ServerErrorRetryHandler):
    """Retry every 5xx (slack_sdk's own handler retries only 500 and 503)."""

    def _can_retry(
        self, *, state: Any, request: Any, response: Any = None, error: Any = None
    ) -> bool:
        return response is not None and response.status_code >= 500


class KeepAliveWebClient(WebClient):
    """A WebClient whose calls reuse a connection per thread (see bot.slack.connections).

    It replaces only the step where slack_sdk calls urllib, a private method, so pyproject.toml
    allows only the minor it was checked against (3.48); and answers as
    urllib would (an HTTPError for an error status), so slack_sdk's retry handlers and
    SlackApiError see what they always see. A proxy setting keeps urllib.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections = Connections(self.timeout, self.ssl)

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        if self.proxy is not None or not url.lower().startswith("http"):
            return super()._perform_urllib_http_request_internal(url, req)
        answer = self._connections.send(req)
        if answer.status >= 300:  # the Web API does not redirect; urllib raises on errors
            body = io.BytesIO(answer.body)
            raise HTTPError(url, answer.status, answer.reason, answer.headers, body)
        if answer.headers.get_content_type() == "application/gzip":
            return {"status": answer.status, "headers": answer.headers, "body": answer.body}
        charset = answer.headers.get_content_charset() or "utf-8"
        body_text = answer.body.decode(charset)
        return {"status": answer.status, "headers": answer.headers, "body": body_text}


def delivery_retries(
    attempts: int = 3, interval: RetryIntervalCalculator | None = None
) -> list[RetryHandler]:
    """Connection errors and 5xx with exponential backoff (0.5 s, 1 s, 2 s), and 429 waiting
    the Retry-After seconds Slack asks for."""
    interval = interval or BackoffRetryIntervalCalculator(backoff_factor=0.5)
    return [
        ConnectionErrorRetryHandler(max_retry_count=attempts, interval_calculator=interval),
        AnyServerErrorRetryHandler(max_retry_count=attempts, interval_calculator=interval),
        RateLimitErrorRetryHandler(max_retry_count=attempts),
    ]


def web_client(
    settings: Settings, *, for_delivery: bool = False, logger: logging.Logger | None = None
) -> WebClient:
    """A client for `settings.slack_api_url`. Listeners get a short timeout and one connection
    retry (a modal must open within the trigger's 3 s); delivery gets patient retries."""
    if for_delivery:
        return KeepAliveWebClient(
            token=settings.slack_bot_token,
            base_url=settings.slack_api_url,
            timeout=DELIVERY_TIMEOUT,
            retry_handlers=delivery_retries(),
            logger=logger,
        )
    return KeepAliveWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=INTERACTIVE_TIMEOUT,
        logger=logger,
    )
