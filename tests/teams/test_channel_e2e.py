"""The complaints channel in Teams end to end: an e-mail arrives, the clock posts its card in the
channel (the fake Bot Connector), and the complaints officer takes it through every state with
signed invokes to the real `teams` app, on the card (Action.Execute) and in dialogs; after each
step the clock updates the card in place and adds the event to the thread. An outsider's
invoke is refused and changes nothing. And the app added to the team again (the install event
Teams sends) makes what Teams refused while it was gone arrive."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.intake.store import ingest_raw
from bot.procedure import Category, RelationType, State
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.jobs import teams_of
from bot.texts import teams as text
from bot.views.ids import Action, Field, FormId
from storage.db import Database
from tests.intake.messages import complaint_mail
from tests.support.command import clean_environment, klachtenbot
from tests.support.fake_teams import TENANT, FakeTeams
from tests.teams.adaptive import by_id, dialog_card
from tests.teams.channel import (
    card_text,
    expected_heading,
    heading,
    replies,
    roots,
    teams_context,
)
from tests.teams.conftest import APP_ID, COMPLAINTS, EMPLOYEE, OFFICER, TEAM
from tests.teams.server import TeamsServer, in_tenant, recorded, serving
from tests.teams.test_card_actions import card, click
from tests.teams.test_dialogs import send

OTHER_TENANT = "8a1b2c3d-0000-4000-8000-00000000beef"


def deliver(service: ComplaintService, fake: FakeTeams) -> int:
    return teams_of(teams_context(service, fake)).channel.deliver_pending()


def dialog(
    server: TeamsServer, fake: FakeTeams, keys: Any, verb: str, reference: str, answers: dict
) -> dict[str, Any]:
    """Open the step's dialog, fill in `answers` and submit it, and a second page (the closing
    letter) as it comes; the closing answer."""
    opening = {"msteams": {"type": "task/fetch"}, "verb": verb, "reference": reference}
    form = dialog_card(send(server, fake, keys, OFFICER, "fetch", opening))
    for _page in range(2):
        (submit,) = form["actions"]
        filled = {part["id"]: part.get("value") for part in by_id(form).values()}
        answer = send(
            server, fake, keys, OFFICER, "submit", {**filled, **answers, **submit["data"]}
        )
        if answer["task"]["type"] == "message":
            return answer
        form = dialog_card(answer)
        errors = [part["text"] for part in form["body"] if part.get("color") == "Attention"]
        assert not errors, errors
    raise AssertionError("the dialog did not close")


def test_an_email_is_taken_through_every_state_in_the_channel(
    signed: TeamsServer,
    fake_teams: FakeTeams,
    keys,
    teams_settings: Settings,
    db: Database,
) -> None:
    clock = ComplaintService(db, teams_settings)  # the `clock` process, beside `teams`
    ingest_raw(complaint_mail(), clock.now() - dt.timedelta(minutes=30), clock)
    (complaint,) = clock.list()
    reference = complaint.reference or ""
    assert deliver(clock, fake_teams) == 1
    (post,) = roots(fake_teams)
    assert reference in card_text(post) and "Klacht over mijn loonstrook" in card_text(post)
    assert "Sanne" not in post.body["summary"]

    def shown(state: State, events: int) -> None:
        """After the step the clock brings the card and the thread up to date."""
        assert clock.get(reference).state is state
        assert deliver(clock, fake_teams) == 1
        (root,) = roots(fake_teams)
        assert heading(root) == expected_heading(clock, reference)
        assert len(replies(fake_teams, root)) == events

    # Registered on the card itself (Action.Execute shows the form in the card).
    registration = {
        "reference": reference,
        Field.COMPLAINANT_NAME: "Sanne de Wit",
        Field.RELATION_TYPE: RelationType.FLEXWORKER.value,
        Field.CATEGORY: Category.PAYROLL.value,
        Field.COMPLAINANT_PHONE: "06 12345678",
        Field.ROUTE: "dienstverlening",
        Field.REMEDY: "herstel",
        Field.SEVERITY: "middel",
    }
    card(click(signed, fake_teams, keys, OFFICER, FormId.REGISTER, registration))
    shown(State.REGISTERED, 2)

    # Contact recorded in a dialog: a date and a time, as Teams' inputs hand them back.
    earlier = clock.now().astimezone(teams_settings.tz) - dt.timedelta(minutes=10)
    contact = {
        Field.CONTACTED_AT: earlier.date().isoformat(),
        Field.CONTACTED_AT + "__time": f"{earlier:%H:%M}",
        Field.OUTCOME: "measures_agreed",
        Field.AGREED_MEASURES: "Loon wordt nabetaald.",
    }
    dialog(signed, fake_teams, keys, Action.CONTACT, reference, contact)
    shown(State.CONTACTED, 3)

    # The employee is asked for their side (a dialog), and the talk recorded on the card.
    request = {
        Field.EMPLOYEE_IDS: EMPLOYEE.aad_object_id,
        Field.MESSAGE: "Wil je vertellen hoe dit ging?",
        Field.SHARE_CONTACT: "nee",
    }
    dialog(signed, fake_teams, keys, Action.DISCUSS, reference, request)
    shown(State.DISCUSSION, 4)
    talked = clock.now().astimezone(teams_settings.tz) - dt.timedelta(minutes=5)
    discussed = {
        "reference": reference,
        Field.DISCUSSED_AT: talked.date().isoformat(),
        Field.DISCUSSED_AT + "__time": f"{talked:%H:%M}",
        Field.SUMMARY: "Besproken; uren voortaan dagelijks invoeren.",
    }
    card(click(signed, fake_teams, keys, OFFICER, FormId.DISCUSSED, discussed))
    assert deliver(clock, fake_teams) == 1

    # Closed in a dialog with the decision.
    closure = {
        Field.RESOLUTION: "Salaris alsnog betaald.",
        Field.ROOT_CAUSE_CATEGORY: "systeem",
        Field.ROOT_CAUSE: "Batch liep vast.",
        Field.CORRECTIVE_MEASURES: "Handmatig uitbetaald.",
        Field.CUSTOMER_SATISFIED: "ja",
        Field.NO_EMPLOYEE_REASON: "Fout in het systeem, geen medewerker.",
        Field.OUTCOME: "gegrond",
    }
    dialog(signed, fake_teams, keys, Action.CLOSE, reference, closure)
    assert clock.get(reference).state is State.CLOSED
    assert deliver(clock, fake_teams) == 1
    closed_events = len(replies(fake_teams, roots(fake_teams)[0]))

    # Reopened on the card, then rejected in a dialog: the last states.
    reopening = {"reference": reference, Field.REASON: "Klant belt opnieuw."}
    card(click(signed, fake_teams, keys, OFFICER, FormId.REOPEN, reopening))
    assert clock.get(reference).state is not State.CLOSED
    assert deliver(clock, fake_teams) == 1
    dialog(signed, fake_teams, keys, Action.REJECT, reference, {Field.REASON: "Dubbel."})
    shown(State.REJECTED, closed_events + 2)
    (root,) = roots(fake_teams)
    assert root.updates >= 5  # one post, updated in place after each step

    # An invoke from outside the tenant is refused and changes nothing.
    outsider = in_tenant(
        recorded("invoke_adaptiveCard_action_personal_recorded", fake_teams.url, EMPLOYEE),
        OTHER_TENANT,
    )
    outsider["value"] = {
        "action": {"type": "Action.Execute", "verb": Action.REOPEN.value, "data": reopening},
        "trigger": "manual",
    }
    token = keys.token(APP_ID, fake_teams.url)
    answer = signed.post(outsider, Authorization=f"Bearer {token}")
    assert answer.status_code == 200 and text.OUTSIDER in str(answer.json())
    assert clock.get(reference).state is State.REJECTED
    assert deliver(clock, fake_teams) == 0


def test_the_app_added_again_makes_what_teams_refused_arrive(
    teams_settings: Settings, db: Database, fake_teams: FakeTeams
) -> None:
    clock = ComplaintService(db, teams_settings)
    fake_teams.teams[TEAM].bot_installed = False
    ingest_raw(complaint_mail(), clock.now(), clock)
    assert deliver(clock, fake_teams) == 0
    assert deliver(clock, fake_teams) == 0  # failed: waits for someone to act

    fake_teams.teams[TEAM].bot_installed = True
    with serving(teams_settings) as teams:
        added = recorded("installationUpdate_add_team", fake_teams.url)
        assert teams.post(added).status_code == 200
    assert deliver(clock, fake_teams) == 1
    assert len(roots(fake_teams)) == 1


def test_the_clock_process_posts_what_ingest_stored(tmp_path: Path, fake_teams: FakeTeams) -> None:
    """`klachtenbot ingest` stores an e-mail; `klachtenbot clock --once` with CHAT_PLATFORM=teams
    puts its card in the complaints channel (the processes a deployment runs, systemd's units)."""
    env = clean_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}",
        CHAT_PLATFORM="teams",
        TEAMS_TENANT_ID=TENANT,
        TEAMS_COMPLAINTS_CHANNEL=COMPLAINTS,
        TEAMS_SERVICE_URL=fake_teams.url,
        TEAMS_ALLOW_UNAUTHENTICATED="true",
    )
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    ingested = klachtenbot("ingest", "-", cwd=tmp_path, env=env, stdin=complaint_mail())
    assert ingested.returncode == 0, ingested.stderr
    once = klachtenbot("clock", "--once", cwd=tmp_path, env=env)
    assert once.returncode == 0, once.stderr
    (post,) = roots(fake_teams)
    assert "K-2026-0001" in card_text(post) and "Klacht over mijn loonstrook" in card_text(post)
    assert len(replies(fake_teams, post)) == 1
