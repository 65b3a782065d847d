"""Test helpers: click a complaint's button and submit its modal, as Slack would send them."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

from slack_bolt import App, BoltResponse

from bot.slack.ids import ShortcutId
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from tests.slack.conftest import CHANNEL, dispatch_event, dispatch_interactive
from tests.slack.limits import assert_view_within_limits
from tests.slack.payloads import OFFICER, block_action, home_opened, template, view_submission
from tests.support.fake_slack import FakeSlack


def click(
    app: App,
    fake: FakeSlack,
    user: dict[str, str],
    action: ActionId,
    reference: str,
    context: Context | None = None,
) -> dict[str, Any] | str:
    """Click and wait for the answer: the opened modal's view, or the ephemeral text. The
    button's value is `context` when given (a button that carries more than the reference)."""
    before = len(fake.calls)
    value = (context or Context(reference=reference)).dump()
    response = dispatch_interactive(app, block_action(user, action.value, value, CHANNEL))
    assert response.status == 200
    call = fake.wait_for(lambda: _answer(fake, before))
    return call.params["view"] if call.method == "views.open" else call.params["text"]


def message_shortcut(
    app: App, fake: FakeSlack, channel: dict[str, str], text: str, ts: str | None = None
) -> dict[str, Any]:
    """The officer's 'Registreer als klacht' on a message, as Slack sends it: the modal it
    opened."""
    body = template("req_message_action.json")
    body.update(callback_id=ShortcutId.MESSAGE_TO_COMPLAINT.value, user=dict(OFFICER))
    body["channel"] = channel
    body["message"]["text"] = text
    if ts is not None:
        body["message"]["ts"] = ts
    assert dispatch_interactive(app, body).status == 200
    return fake.wait_for(lambda: fake.calls_to("views.open"))[0].params["view"]


def initial_values(view: dict[str, Any]) -> dict[str, Any]:
    """What a modal's inputs show when it opens."""
    return {
        block["block_id"]: block["element"].get("initial_value")
        for block in view["blocks"]
        if block["type"] == "input"
    }


_home_events = itertools.count()


def open_home(app: App, fake: FakeSlack, user_id: str) -> dict[str, Any]:
    """Open the Home tab as Slack reports it; the view the bot published to `user_id` (the
    refresher's own round after a change may publish someone else's at the same moment)."""
    before = len(fake.calls_to("views.publish"))
    dispatch_event(app, home_opened(user_id, f"Ev{next(_home_events):08d}"))
    view = fake.wait_for(lambda: publishes_to(fake, user_id, since=before))[-1]
    assert_view_within_limits(view)
    return view


def publishes_to(fake: FakeSlack, user_id: str, since: int = 0) -> list[dict[str, Any]]:
    """The Home views published to `user_id`, after the first `since` publishes."""
    calls = fake.calls_to("views.publish")[since:]
    return [call.params["view"] for call in calls if call.params["user_id"] == user_id]


def _answer(fake: FakeSlack, before: int) -> Any:
    return next(
        (c for c in fake.calls[before:] if c.method in ("views.open", "chat.postEphemeral")), None
    )


def submit(
    app: App, user: dict[str, str], view: dict[str, Any], values: dict[str, Any]
) -> BoltResponse:
    return dispatch_interactive(app, view_submission(user, view, values))


def submit_closing(
    app: App, user: dict[str, str], view: dict[str, Any], values: dict[str, Any]
) -> BoltResponse:
    """Submit the closing form and, when it answers with its second page (the decision letter),
    that page with the letter as composed: the last answer."""
    response = submit(app, user, view, values)
    answer = json.loads(response.body) if response.body.startswith("{") else {}
    if answer.get("response_action") != "update":
        return response
    page = answer["view"]
    letter = initial_values(page)["decision_letter"]
    return submit(app, user, page, {**values, "decision_letter": letter})


def unix(moment: dt.datetime) -> int:
    return int(moment.timestamp())


def valid_values(action: ActionId, now: dt.datetime) -> dict[str, Any]:
    """A correct form for each step's modal."""
    return {
        ActionId.REGISTER: {
            "complainant_name": "Jan de Vries",
            "relation_type": "flexwerker",
            "category": "salaris",
            "complainant_phone": "06 12345678",
            "route": "dienstverlening",
            "remedy": "herstel",
            "severity": "middel",
        },
        ActionId.CONTACT: {
            "contacted_at": unix(now - dt.timedelta(minutes=10)),
            "outcome": "resolved_on_contact",
        },
        ActionId.NOTE: {"text": "Klant belde terug."},
        ActionId.MOVE_TALK: {
            "employee_id": "UBRAM",
            "meeting_at": unix(now + dt.timedelta(days=3)),
        },
        ActionId.CLOSE: {
            "resolution": "Salaris alsnog betaald.",
            "root_cause_category": "systeem",
            "root_cause": "Batch liep vast.",
            "corrective_measures": "Handmatig uitbetaald.",
            "customer_satisfied": "ja",
            "no_employee_reason": "Fout in het systeem, geen medewerker.",
            "outcome": "gegrond",
        },
        ActionId.REJECT: {"reason": "Spam."},
        ActionId.DISCUSS: {
            "employee_ids": ["UMEDEWERKER"],
            "message": "Wil je vertellen hoe dit ging?",
            "share_contact": "nee",
        },
        ActionId.DISCUSSED: {
            "discussed_at": unix(now - dt.timedelta(minutes=5)),
            "summary": "Met Bram besproken; uren voortaan dagelijks invoeren.",
        },
        ActionId.REOPEN: {"reason": "Klant belt opnieuw."},
        ActionId.EFFECTIVENESS: {"effective": "ja", "result": "Geen nieuwe klachten."},
        ActionId.RECLASSIFY: {
            "route": "cao_geschil",
            "suitable_work": ["ja"],
            "remedy": "vergoeding",
            "severity": "hoog",
            "severity_reason": "Loon al twee maanden te laat.",
        },
        ActionId.EXTEND: {
            "new_date": _working_day_after(now, 30).isoformat(),
            "reason": "We wachten op de loonadministratie.",
        },
        ActionId.ACCEPTANCE: {"acceptance": "niet_akkoord", "note": "Belde terug."},
        ActionId.RECOURSE: {"recourse_body": "gcu", "recourse_on": now.date().isoformat()},
        ActionId.RECOURSE_RESULT: {
            "recourse_result": "ongegrond",
            "recourse_result_text": "De GCU volgt het besluit.",
            "recourse_result_on": now.date().isoformat(),
        },
    }[action]


def _working_day_after(now: dt.datetime, days: int) -> dt.date:
    """A weekday `days` or more days after `now` (not a holiday in the test calendars)."""
    day = now.date() + dt.timedelta(days=days)
    while day.weekday() >= 5 or (day.month, day.day) in {(12, 25), (12, 26), (1, 1)}:
        day += dt.timedelta(days=1)
    return day
