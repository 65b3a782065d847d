"""Keep-alive HTTP connections for Web API calls, one per thread and server.

urllib (slack_sdk's transport) opens a new TCP connection for every call: the connect, a new
thread on the server and the teardown cost more CPU than the call itself. A connection per
thread needs no locking and never carries two calls at once.
"""

from __future__ import annotations

import http.client
import ssl
import threading
from dataclasses import dataclass
from email.message import Message
from urllib.error import URLError
from urllib.parse import SplitResult, urlsplit
from urllib.request import Request


@dataclass(frozen=True)
class Answer:
    status: int
    reason: str
    headers: Message
    body: bytes
    closes: bool  # the server ends the connection after this answer


class StaleConnection(Exception):
    """A reused connection had been closed by the server (after its idle timeout)."""


class Connections:
    def __init__(self, timeout: float, context: ssl.SSLContext | None = None) -> None:
        self.timeout = timeout
        self.context = context
        self._local = threading.local()

    def send(self, request: Request) -> Answer:
        """Send `request` on this thread's connection to its server. A server closes an idle
        connection without reading what comes next, so a stale one is replaced and the request
        sent once more."""
        try:
            return self._exchange(request)
        except StaleConnection:
            return self._exchange(request)

    def _exchange(self, request: Request) -> Answer:
        url = urlsplit(request.full_url)
        connection, reused = self._connection(url)
        try:
            answer = _call(connection, request, url)
        except BaseException as exc:
            self._drop(url.netloc)
            if reused and _closed_by_server(exc):
                raise StaleConnection from exc
            raise
        if answer.closes:
            self._drop(url.netloc)
        return answer

    def _connection(self, url: SplitResult) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection to the server of `url`, and whether it served a call."""
        pool: dict[str, http.client.HTTPConnection] = self._local.__dict__.setdefault("pool", {})
        if url.netloc in pool:
            return pool[url.netloc], True
        if url.scheme == "https":
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                url.netloc, timeout=self.timeout, context=self.context
            )
        else:
            connection = http.client.HTTPConnection(url.netloc, timeout=self.timeout)
        pool[url.netloc] = connection
        return connection, False

    def _drop(self, netloc: str) -> None:
        connection = self._local.__dict__.get("pool", {}).pop(netloc, None)
        if connection is not None:
            connection.close()


def _call(connection: http.client.HTTPConnection, request: Request, url: SplitResult) -> Answer:
    target = url.path + (f"?{url.query}" if url.query else "")
    try:
        connection.request(request.get_method(), target, request.data, dict(request.header_items()))
    except OSError as exc:  # as urlopen: a failure before the answer is a URLError
        raise URLError(exc) from exc
    response = connection.getresponse()
    body = response.read()
    return Answer(response.status, response.reason, response.headers, body, response.will_close)


def _closed_by_server(exc: BaseException) -> bool:
    reason = exc.reason if isinstance(exc, URLError) else exc
    return isinstance(reason, ConnectionError)
