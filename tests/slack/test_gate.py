"""The door of /slack/events, in-process on both databases: refusals, and replays recognised
across processes."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from bot.slack.gate import MAX_BODY_BYTES, RequestGate
from bot.slack.seen import SeenEvents
from tests.slack.conftest import SECRET
from tests.slack.payloads import template
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


SLASH = b"command=%2Fklacht&user_id=UOFFICER&channel_id=C111&trigger_id=1.2.3"
COMMAND = SLASH + b"&text=help"
REPORT = SLASH + b"&text=Rapport+2026-Q3"  # changes data


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
    ("make_body", "content_type", "recorded"),
    [
        (lambda: form(template("req_view_submission.json")), FORM, True),
        (lambda: REPORT, FORM, True),
        (lambda: COMMAND, FORM, False),
        (lambda: SLASH + b"&text=K-2026-0001+historie", FORM, False),
        (lambda: form(template("req_block_actions.json")), FORM, False),
        (lambda: form(template("req_shortcut_global.json")), FORM, False),
        (lambda: json.dumps(template("req_event_app_home_opened.json")).encode(), JSON, False),
    ],
    ids=["submission", "report", "help", "history", "click", "shortcut", "event"],
)
def test_only_what_can_change_data_is_recorded_against_replays(
    db, make_body: Callable[[], bytes], content_type: str, recorded: bool
) -> None:
    """A replayed click or shortcut reaches Bolt again (Slack opens no second modal for its
    trigger_id) and a replayed event is recognised by its id; reading costs no write. The
    corpus's requests are read in the test, so a clone without the corpus skips only them."""
    body = make_body()
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


def test_every_request_slack_sends_fits_the_shapes_the_door_checks(db) -> None:
    """Each real request in the corpus (commands, clicks, submissions, shortcuts, events)
    passes the door's shape checks: they refuse only what Slack never sends."""
    door = gate(db)
    requests = {
        name: (form(template(name)), FORM)
        for name in (
            "req_block_actions.json",
            "req_message_action.json",
            "req_shortcut_global.json",
            "req_view_submission.json",
            "req_view_submission_with_response_urls.json",
            "req_view_closed.json",
        )
    }
    for name in ("req_slash_command.json", "req_slash_command_enterprise.json"):
        requests[name] = (urlencode(template(name)).encode(), FORM)
    for name in (
        "req_event_url_verification.json",
        "req_event_app_home_opened.json",
        "req_event_message.json",
        "req_event_message_changed.json",
        "req_event_app_mention.json",
        "req_event_message_bot_message.json",
    ):
        requests[name] = (json.dumps(template(name)).encode(), JSON)

    refused = {
        name: verdict.reason
        for name, (body, content_type) in requests.items()
        if (verdict := door.check(signed(body, content_type))).status is not None
    }

    assert refused == {}


MALFORMED = {
    "event without a type": b"{}",
    "event that is a string": b'{"type": "event_callback", "event": "x"}',
    "team id of the wrong type": (
        b'{"type": "event_callback", "team_id": 5, "event": {"type": "app_home_opened"}}'
    ),
    "challenge missing": b'{"type": "url_verification"}',
}
MALFORMED_FORMS = {
    "interaction without a type": form({"user": {"id": "UOFFICER"}}),
    "user of the wrong type": form({"type": "block_actions", "user": "UOFFICER"}),
    "user id of the wrong type": form({"type": "block_actions", "user": {"id": 5}, "actions": []}),
    "actions not a list": form(
        {"type": "block_actions", "user": {"id": "U1"}, "trigger_id": "1", "actions": "x"}
    ),
    "action id of the wrong type": form(
        {"type": "block_actions", "user": {"id": "U1"}, "trigger_id": "1", "actions": [{}]}
    ),
    "view without type or state": form(
        {"type": "view_submission", "user": {"id": "U1"}, "view": {"callback_id": "x"}}
    ),
    "message action on a string": form(
        {
            "type": "message_action",
            "callback_id": "x",
            "user": {"id": "U1"},
            "trigger_id": "1",
            "channel": "C1",
            "message": 5,
        }
    ),
    "shortcut without trigger": form(
        {"type": "shortcut", "callback_id": "x", "user": {"id": "U1"}}
    ),
    "command without user": b"command=%2Fklacht&text=help&channel_id=C1&trigger_id=1",
    "command without text": SLASH,
    "command given twice": COMMAND + b"&command=%2Fander",
}


@pytest.mark.parametrize("case", [*MALFORMED, *MALFORMED_FORMS])
def test_a_signed_but_malformed_request_is_refused_with_400(db, case: str) -> None:
    body, content_type = (
        (MALFORMED[case], JSON)
        if case in MALFORMED
        else (
            MALFORMED_FORMS[case],
            FORM,
        )
    )
    verdict = gate(db).check(signed(body, content_type))
    assert verdict.status == 400 and verdict.reason


def test_a_timestamp_of_400_digits_is_no_timestamp(db) -> None:
    headers = {"X-Slack-Request-Timestamp": "9" * 400, "X-Slack-Signature": "v0=00"}
    verdict = gate(db).check(environ(COMMAND, headers))
    assert (verdict.status, verdict.reason) == (401, "timestamp is not a number")
