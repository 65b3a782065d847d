"""`klachtenbot web` over real HTTP: Slack's signing, the health check, and one complaint's whole
life from e-mail to closure."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from bot.intake.store import ingest_raw
from bot.procedure import Actor, Category, EventKind, RelationType, Role, State
from bot.procedure import steps as procedure
from bot.procedure.inputs import Registration
from bot.service import ComplaintService
from bot.settings import Settings
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from bot.views.ids import Action as EmployeeActionId
from storage.db import Database
from tests.slack.conftest import CHANNEL, SECRET
from tests.slack.flows import initial_values
from tests.slack.payloads import OFFICER, block_action, slash_command, template, view_submission
from tests.slack.web import WebServer, web_env, web_server
from tests.support.fake_slack import FakeSlack
from tests.support.ports import free_port
from tests.support.signing import (
    FORM,
    JSON,
    command_body,
    event_body,
    interactive_body,
    signature,
    signed_headers,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.add_channel(CHANNEL)
    yield fake
    fake.stop()


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'klachtenbot.sqlite3'}"
    Database(url).upgrade()
    return url


@pytest.fixture(scope="module")
def web(fake, database, tmp_path_factory) -> Iterator[WebServer]:
    env = web_env(database, fake, free_port())
    with web_server(env, tmp_path_factory.mktemp("cwd")) as server:
        yield server


@pytest.fixture
def service(database, fake) -> ComplaintService:
    """The storing process (e-mail intake): it delivers nothing itself."""
    settings = Settings(
        _env_file=None,
        database_url=database,
        complaints_channel=CHANNEL,
        officer_user_ids=["UOFFICER"],
        send_acknowledgements=False,
    )
    return ComplaintService(Database(database), settings)


def test_health_check(web):
    reply = web.get("/healthz")
    assert (reply.status, reply.body) == (200, b"ok")
    assert web.get("/elders").status == 404


def test_requests_signed_as_slack_does_are_accepted(web):
    challenge = template("req_event_url_verification.json")
    reply = web.post_signed(event_body(challenge), JSON)
    assert reply.status == 200
    assert json.loads(reply.body)["challenge"] == challenge["challenge"]
    reply = web.post_signed(command_body(slash_command(OFFICER, "help")), FORM)
    assert reply.status == 200 and b"/klacht help" in reply.body


def test_stale_wrong_or_missing_signatures_are_rejected(web):
    body = command_body(slash_command(OFFICER, "help"))
    stale = int(time.time()) - 6 * 60
    assert web.post_signed(body, FORM, timestamp=stale).status == 401

    now = str(int(time.time()))
    wrong = {
        "Content-Type": FORM,
        "X-Slack-Request-Timestamp": now,
        "X-Slack-Signature": signature("een-ander-geheim", now, body),
    }
    assert web.post(body, wrong).status == 401
    tampered = {**wrong, "X-Slack-Signature": signature(SECRET, now, body + b"x")}
    assert web.post(body, tampered).status == 401
    assert web.post(body, {"Content-Type": FORM}).status == 401


def email(phone_line: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Jan de Vries <jan@example.nl>"
    message["To"] = "klachten@example.nl"
    message["Subject"] = "Klacht over mijn salaris"
    message["Message-ID"] = f"<{time.time_ns()}@example.nl>"
    message["Date"] = format_datetime(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    message.set_content(
        "Goedendag,\n\nMijn salaris is voor de tweede keer te laat betaald.\n"
        f"{phone_line}\n\nMet vriendelijke groet,\nJan de Vries\n"
    )
    return message.as_bytes()


class Officer:
    """Anna at her desk: clicks and submits through the web server, as Slack relays them."""

    def __init__(self, web: WebServer, fake: FakeSlack, reference: str) -> None:
        self.web, self.fake, self.reference = web, fake, reference

    def click(self, action: ActionId) -> dict:
        opened = len(self.fake.calls_to("views.open"))
        value = Context(reference=self.reference).dump()
        reply = self.web.post_signed(
            interactive_body(block_action(OFFICER, action, value, CHANNEL)), FORM
        )
        assert (reply.status, reply.body) == (200, b"")
        assert reply.seconds < 1.0
        calls = self.fake.wait_for(
            lambda: (
                len(self.fake.calls_to("views.open")) > opened and self.fake.calls_to("views.open")
            )
        )
        return calls[-1].params["view"]

    def submit(self, view: dict, values: dict) -> dict:
        reply = self.web.post_signed(interactive_body(view_submission(OFFICER, view, values)), FORM)
        assert reply.status == 200
        return json.loads(reply.body) if reply.body else {}


def root_header(fake: FakeSlack) -> str:
    [root] = fake.roots(CHANNEL)
    return root.blocks[0]["text"]["text"]


def wait_root(fake: FakeSlack, updates: int, header_end: str) -> None:
    fake.wait_for(
        lambda: (
            fake.roots(CHANNEL)
            and fake.roots(CHANNEL)[0].updates == updates
            and root_header(fake).endswith(header_end)
        )
    )


def test_a_complaint_from_email_to_closure(web, fake, service):
    roots_before = len(fake.roots(CHANNEL))
    assert roots_before == 0
    received = service.now() - dt.timedelta(hours=1)
    outcome = ingest_raw(email("Bel me op 06-12345678."), received, service)
    reference = outcome.reference
    assert reference

    # The clock beside `web` delivers: the root message and the receipt in its thread.
    fake.wait_for(lambda: fake.roots(CHANNEL) and fake.thread(CHANNEL, fake.roots(CHANNEL)[0].ts))
    [root] = fake.roots(CHANNEL)
    assert root.channel == CHANNEL
    assert root_header(fake) == f"{reference} · Nieuw – registreren"
    shown = json.dumps(root.blocks)
    assert "Klacht over mijn salaris" in shown and "Registreren" in shown
    officer = Officer(web, fake, reference)

    # Registreren: a bad phone number is refused inline, then the right one is saved.
    view = officer.click(ActionId.REGISTER)
    registration = {
        "complainant_name": "Jan de Vries",
        "relation_type": "flexwerker",
        "category": "salaris",
        "complainant_phone": "06-1234",
        "route": "dienstverlening",
        "remedy": "herstel",
        "severity": "laag",
    }
    assert officer.submit(view, registration) == {
        "response_action": "errors",
        "errors": {"complainant_phone": "Dit is geen geldig telefoonnummer."},
    }
    assert officer.submit(view, {**registration, "complainant_phone": "06-12345678"}) == {}
    wait_root(fake, 1, "Wacht op contact")
    assert "<tel:+31612345678|06 12345678>" in json.dumps(fake.roots(CHANNEL)[0].blocks)

    # Contact opgenomen: not in the future.
    view = officer.click(ActionId.CONTACT)
    later = int(time.time()) + 3600
    contact = {"contacted_at": later, "outcome": "measures_agreed", "agreed_measures": "Nabetaling"}
    assert officer.submit(view, contact)["errors"] == {
        "contacted_at": "Het tijdstip van contact ligt in de toekomst."
    }
    assert officer.submit(view, {**contact, "contacted_at": int(time.time()) - 60}) == {}
    wait_root(fake, 2, "Klaar om af te sluiten")

    # Afsluiten: a reason is needed when no employee was involved.
    view = officer.click(ActionId.CLOSE)
    closure = {
        "resolution": "Salaris nabetaald",
        "root_cause_category": "systeem",
        "root_cause": "Salarisrun mislukt",
        "corrective_measures": "Nabetaling gedaan",
        "customer_satisfied": "ja",
        "effectiveness_check_on": (dt.date.today() + dt.timedelta(days=60)).isoformat(),
    }
    closure["outcome"] = "gegrond"
    assert list(officer.submit(view, closure)["errors"]) == ["no_employee_reason"]
    # Then the second page: the decision letter composed for the outcome, to read and send.
    closure["no_employee_reason"] = "Systeemfout"
    page = officer.submit(view, closure)["view"]
    letter = initial_values(page)["decision_letter"]
    assert "Ons oordeel: gegrond." in letter
    assert officer.submit(page, {**closure, "decision_letter": letter}) == {}
    wait_root(fake, 3, "Afgesloten")

    # The thread holds every event once, in order; the root offers the complainant's answer to
    # the decision and reopening now.
    thread = fake.thread(CHANNEL, fake.roots(CHANNEL)[0].ts)
    assert [m.text.split(": ", 1)[1] for m in thread] == [
        "Klacht ontvangen",
        "Geregistreerd",
        "Contact opgenomen",
        "Afgesloten",
    ]
    buttons = [e["action_id"] for e in fake.roots(CHANNEL)[0].blocks[-1]["elements"]]
    assert buttons == [ActionId.ACCEPTANCE, ActionId.REOPEN, ActionId.NOTE]
    assert len(fake.calls_to("views.open")) == 3
    assert len(fake.calls_to("chat.update")) == 3

    complaint = service.get(reference)
    assert complaint.state is State.CLOSED
    assert [event.kind for event in complaint.events] == [
        EventKind.RECEIVED,
        EventKind.REGISTERED,
        EventKind.CONTACT_RECORDED,
        EventKind.CLOSED,
    ]
    assert complaint.complainant_phone == "+31612345678"
    assert complaint.agreed_measures == "Nabetaling"
    assert complaint.no_employee_reason == "Systeemfout"
    assert all(event.actor_id in ("system", "UOFFICER") for event in complaint.events)


def signed(body: bytes, content_type: str) -> dict[str, str]:
    return signed_headers(SECRET, body, content_type)


# Signed by Slack's secret, but not shaped as Slack's requests are: each reached Bolt or a
# listener once, which answered 500 with a traceback.
MALFORMED = [
    (event_body({"type": "event_callback", "event": "x"}), JSON),
    (event_body({"type": "event_callback", "team_id": 5, "event": {"type": "app_home_opened"}}),
     JSON),
    (interactive_body({"type": "block_actions", "user": {"id": "UOFFICER"}, "actions": "x"}),
     FORM),
    (interactive_body({"type": "view_submission", "user": {"id": "UOFFICER"},
                       "view": {"callback_id": 5}}), FORM),
    (interactive_body({"type": "block_actions", "user": {"id": 5}, "actions": []}), FORM),
    (interactive_body({"type": "message_action", "callback_id": "x", "user": {"id": "U1"},
                       "trigger_id": "1", "channel": "x", "message": 5}), FORM),
    (interactive_body({"type": "view_submission", "user": {"id": "UOFFICER"},
                       "view": {"id": "V1", "type": "modal", "callback_id": "register_modal",
                                "blocks": [], "state": {"values": {"a": 5}}}}), FORM),
    (command_body({"command": "/klacht", "user_id": "UOFFICER", "channel_id": "C1"}), FORM),
]  # fmt: skip


def test_garbage_is_refused_with_401_or_400_and_one_log_line(web):
    now = str(int(time.time()))
    garbage = [
        (b"{{{ geen json", {"Content-Type": JSON}, 401),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "gisteren",
                 "X-Slack-Signature": "v0=00"}, 401),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "1.7e9",
                 "X-Slack-Signature": "v0=00"}, 401),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": now,
                 "X-Slack-Signature": "v0=\u00e9".encode().decode("latin-1")}, 401),
        (b"geen json", signed(b"geen json", JSON), 400),
        (b"[1, 2]", signed(b"[1, 2]", JSON), 400),
        (b"payload=%7Bnee", signed(b"payload=%7Bnee", FORM), 400),
        (b"payload=\xff\xfe", signed(b"payload=\xff\xfe", FORM), 400),
        (b"{}", {"Content-Type": JSON, "X-Slack-Request-Timestamp": "9" * 400,
                 "X-Slack-Signature": "v0=00"}, 401),
        *((body, signed(body, content_type), 400) for body, content_type in MALFORMED),
    ]  # fmt: skip
    lines_before = web.log.read_text().count("slack request")

    statuses = [web.post(body, headers).status for body, headers, _status in garbage]

    assert statuses == [status for _body, _headers, status in garbage]
    log = web.log.read_text()
    assert log.count("slack request") - lines_before == len(garbage)
    assert "Traceback" not in log


def test_a_replayed_signed_request_changes_nothing_a_second_time(web, fake, service):
    reference = ingest_raw(email("Bel 06-12345678."), service.now(), service).reference
    officer = Officer(web, fake, reference)
    view = officer.click(ActionId.NOTE)
    body = interactive_body(view_submission(OFFICER, view, {"text": "Klant teruggebeld"}))
    headers = signed(body, FORM)

    replies = [web.post(body, headers) for _ in range(3)]

    assert [reply.status for reply in replies] == [200, 200, 200]
    notes = [e for e in service.get(reference).events if e.kind is EventKind.NOTE_ADDED]
    assert [note.data.get("text") for note in notes] == ["Klant teruggebeld"]
    # A replayed click opens no second modal either: Slack opens one per trigger_id.
    click = interactive_body(
        block_action(OFFICER, ActionId.NOTE, Context(reference=reference).dump(), CHANNEL)
    )
    calls, opened = len(fake.calls_to("views.open")), fake.modals_opened()
    click_headers = signed(click, FORM)
    assert [web.post(click, click_headers).status for _ in range(2)] == [200, 200]
    fake.wait_for(lambda: len(fake.calls_to("views.open")) == calls + 2)
    assert fake.modals_opened() == opened + 1


def test_an_employee_answers_in_their_direct_message(web, fake, service):
    """The web process asks the employee by direct message and updates it once answered."""
    reference = ingest_raw(email("Bel me op 06-12345678."), service.now(), service).reference
    assert reference
    registration = Registration("Jan de Vries", RelationType.FLEXWORKER, Category.PAYROLL)
    service.change(reference, procedure.register, Actor("UOFFICER", Role.OFFICER), registration)
    officer = Officer(web, fake, reference)
    view = officer.click(ActionId.DISCUSS)
    asking = {"employee_ids": ["UBRAM"], "message": None, "share_contact": "nee"}
    assert officer.submit(view, asking) == {}

    [message] = fake.wait_for(lambda: fake.direct_messages("UBRAM"))
    assert reference in message.text and "12345678" not in json.dumps(message.blocks)
    [respond] = [
        element
        for block in message.blocks
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == EmployeeActionId.RESPOND
    ]
    bram = {"id": "UBRAM", "username": "bram", "name": "bram", "team_id": "T111"}
    opened = len(fake.calls_to("views.open"))
    click = block_action(bram, respond["action_id"], respond["value"], "DUBRAM")
    reply = web.post_signed(interactive_body(click), FORM)
    assert (reply.status, reply.body) == (200, b"")
    view = fake.wait_for(lambda: fake.calls_to("views.open")[opened:])[0].params["view"]
    answer = interactive_body(view_submission(bram, view, {"account": "Loonrun was te laat."}))
    assert web.post_signed(answer, FORM).status == 200

    fake.wait_for(lambda: message.updates == 1)
    assert "Je reactie is verstuurd op" in json.dumps(message.blocks, ensure_ascii=False)
    assert service.get(reference).employee_response == "Loonrun was te laat."
