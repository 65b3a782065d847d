"""The Web API client's keep-alive transport: fewer connections, same answers and retries."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator

from bot.slack.client import KeepAliveWebClient, delivery_retries, web_client
from tests.slack.conftest import CHANNEL
from tests.support.fake_slack import BOT_TOKEN, Failure


class Recorder:
    """A tiny HTTP/1.1 Web API that notes each request's client port; with `hang_up` it
    closes every connection after answering without saying so (as after an idle timeout)."""

    def __init__(self, hang_up: bool = False) -> None:
        self.ports: list[int] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                recorder.ports.append(self.client_address[1])
                payload = b'{"ok": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                self.close_connection = hang_up

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    recorder = Recorder()
    yield recorder
    recorder.server.shutdown()


def test_calls_on_one_thread_share_a_connection(recorder):
    client = KeepAliveWebClient(token=BOT_TOKEN, base_url=recorder.url)
    for _ in range(3):
        assert client.api_test()["ok"]
    other = threading.Thread(target=client.api_test)
    other.start()
    other.join()
    assert len(recorder.ports) == 4
    assert len(set(recorder.ports[:3])) == 1  # one connection for the first thread
    assert recorder.ports[3] != recorder.ports[0]  # threads never share one


def test_a_connection_closed_by_the_server_is_replaced_without_sending_twice():
    recorder = Recorder(hang_up=True)
    try:
        # No retry handlers: slack_sdk's own connection retry must not hide a failure.
        client = KeepAliveWebClient(token=BOT_TOKEN, base_url=recorder.url, retry_handlers=[])
        assert client.api_test()["ok"]
        time.sleep(0.05)  # the server has closed the connection meanwhile
        assert client.api_test()["ok"]
        assert len(recorder.ports) == 2
        assert recorder.ports[0] != recorder.ports[1]
    finally:
        recorder.server.shutdown()


def test_modal_client_posts_through_the_fake(slack_settings, fake_slack):
    client = web_client(slack_settings)
    assert isinstance(client, KeepAliveWebClient)
    response = client.chat_postMessage(channel=CHANNEL, text="hallo")
    assert response["ok"]
    assert fake_slack.roots(CHANNEL)[0].text == "hallo"


def test_error_status_reaches_the_caller_as_slack_api_error(fake_slack):
    client = KeepAliveWebClient(token=BOT_TOKEN, base_url=fake_slack.url)
    fake_slack.fail("chat.postMessage", Failure(status=503))
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel=CHANNEL, text="hallo")
    assert raised.value.response.status_code == 503
    assert client.chat_postMessage(channel=CHANNEL, text="hallo")["ok"]  # connection still fine


def test_retries_wait_for_retry_after_and_repeat_server_errors(fake_slack):
    retries = delivery_retries(interval=FixedValueRetryIntervalCalculator(0.01))
    client = KeepAliveWebClient(token=BOT_TOKEN, base_url=fake_slack.url, retry_handlers=retries)
    fake_slack.fail("chat.postMessage", Failure(status=429, retry_after=1))
    fake_slack.fail("chat.postMessage", Failure(status=502, times=2))
    started = time.monotonic()
    assert client.chat_postMessage(channel=CHANNEL, text="hallo")["ok"]
    calls = fake_slack.calls_to("chat.postMessage")
    assert len(calls) == 4  # 429, 502, 502, then the message
    assert calls[1].at - calls[0].at >= 1.0  # waited the Retry-After second
    assert time.monotonic() - started < 5
    assert len(fake_slack.roots(CHANNEL)) == 1
