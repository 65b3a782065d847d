"""The door of /slack/events, in-process on both databases: refusals, and replays recognised
across processes."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from bot.slack.gate import MAX_BODY_BYTES, RequestGate
from bot.slack.seen import SeenEvents
from tests.slack.conftest import SECRET
from tests.support.databases import database_url
from tests.support.signing import FORM, JSON, signed_headers


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


def gate(db) -> RequestGate:
    return RequestGate(SECRET, SeenEvents(db, lambda: dt.datetime.now(dt.UTC)))


def environ(body: bytes, headers: dict[str, str], length: str | None = None) -> dict:
    wsgi = {
        "REQUEST_METHOD": "POST",
        "CONTENT_LENGTH": str(len(body)) if length is None else length,
        "wsgi.input": io.BytesIO(body),
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        wsgi[key if key == "CONTENT_TYPE" else f"HTTP_{key}"] = value
    return wsgi


def signed(body: bytes, content_type: str = FORM, **kwargs) -> dict:
    return environ(body, signed_headers(SECRET, body, content_type, **kwargs))


COMMAND = b"command=%2Fklacht&text=help&user_id=UOFFICER"
REPORT = b"command=%2Fklacht&text=Rapport+2026-Q3&user_id=UOFFICER"  # changes data


def test_refusals(db) -> None:
    door = gate(db)
    stamp = str(int(time.time()))
    cases = [
        (environ(COMMAND, {"Content-Type": FORM}), 401, "unsigned request"),
        (
            environ(COMMAND, {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": "v0=1"}),
            401,
            "timestamp is not a number",
        ),
        (signed(COMMAND, timestamp=int(time.time()) - 600), 401, "stale timestamp"),
        (
            environ(COMMAND, {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=00"}),
            401,
            "wrong signature",
        ),
        (signed(b"{nee", JSON), 400, "body is not a JSON object"),
        (signed(b"payload=%5B%5D"), 400, "payload is not a JSON object"),
        (signed(b"\xff"), 400, "body is not UTF-8"),
        (environ(COMMAND, {}, length="veel"), 400, "unreadable or oversized body"),
        (environ(COMMAND, {}, length=str(MAX_BODY_BYTES + 1)), 400, "unreadable or oversized body"),
    ]

    verdicts = [door.check(request) for request, _status, _reason in cases]

    assert [(v.status, v.reason) for v in verdicts] == [(s, r) for _e, s, r in cases]


def test_a_replay_is_recognised_also_by_another_process(db) -> None:
    headers = signed_headers(SECRET, REPORT, FORM, int(time.time()) - 10)

    first = gate(db).check(environ(REPORT, headers))
    again = gate(db).check(environ(REPORT, headers))  # a second worker, same database

    assert (first.status, first.body) == (None, REPORT)
    assert (again.status, again.reason) == (200, "replayed signed request ignored")
    later = gate(db).check(signed(REPORT, timestamp=int(time.time()) - 20))
    assert later.status is None  # the same command sent anew is signed anew


def form(payload: dict) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


@pytest.mark.parametrize(
    ("body", "content_type", "recorded"),
    [
        (form({"type": "view_submission", "view": {"id": "V1"}}), FORM, True),
        (REPORT, FORM, True),
        (form({"type": "some_future_type"}), FORM, True),
        (COMMAND, FORM, False),
        (b"command=%2Fklacht&text=K-2026-0001+historie", FORM, False),
        (form({"type": "block_actions", "trigger_id": "1.2.3"}), FORM, False),
        (form({"type": "shortcut", "trigger_id": "1.2.3"}), FORM, False),
        (b'{"type": "event_callback", "event_id": "Ev1"}', JSON, False),
    ],
)
def test_only_what_can_change_data_is_recorded_against_replays(
    db, body: bytes, content_type: str, recorded: bool
) -> None:
    """A replayed click or shortcut reaches Bolt again (Slack opens no second modal for its
    trigger_id) and a replayed event is recognised by its id; reading costs no write."""
    door, headers = gate(db), signed_headers(SECRET, body, content_type)

    verdicts = [door.check(environ(body, headers)) for _ in range(2)]

    assert verdicts[0].status is None
    assert verdicts[1].status == (200 if recorded else None)


def test_requests_arriving_together_pass_once_each(db) -> None:
    """Of 8 copies of each of 25 requests that change data, sent at once from 40 threads to two
    workers, exactly one of each passes."""
    workers = [gate(db), gate(db)]
    bodies = [REPORT + f"&n={n}".encode() for n in range(25)]
    sent = [(body, signed_headers(SECRET, body, FORM)) for body in bodies] * 8
    passed: Counter[bytes] = Counter()

    lock = threading.Lock()

    def send(number: int) -> None:
        body, headers = sent[number]
        verdict = workers[number % 2].check(environ(body, headers))
        with lock:
            passed[body] += verdict.status is None

    with ThreadPoolExecutor(max_workers=40) as pool:
        list(pool.map(send, range(len(sent))))

    assert passed == Counter(dict.fromkeys(bodies, 1))
