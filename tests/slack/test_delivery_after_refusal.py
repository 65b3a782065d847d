"""After Slack refused: a restart with the fixed token delivers at once (not after the pause),
and one complaint Slack refuses never holds up the others."""

from __future__ import annotations

import time
from pathlib import Path

from tests.slack.conftest import CHANNEL, submit_email
from tests.slack.test_delivery import deliverer_for, root_references
from tests.support.command import clean_environment, klachtenbot, service
from tests.support.fake_slack import BOT_TOKEN, Failure, FakeSlack
from tests.support.ports import free_port

MESSAGE = b"From: Jan Jansen <jan@example.nl>\r\nSubject: Klacht\r\n\r\nHet ging mis.\r\n"


def test_one_refused_complaint_does_not_hold_up_the_others(service, fake_slack):
    deliverer = deliverer_for(service, fake_slack, "a")
    first, second = submit_email(service), submit_email(service)
    fake_slack.fail("chat.postMessage", Failure(error="msg_too_long"))  # the first root only
    deliverer.deliver_pending()
    assert root_references(fake_slack) == [second.reference]
    time.sleep(0.3)  # its pause (FAST) is over
    deliverer.deliver_pending()
    assert sorted(root_references(fake_slack)) == sorted([first.reference, second.reference])


def test_a_restart_with_the_fixed_token_delivers_at_once(fake_slack: FakeSlack, tmp_path: Path):
    env = clean_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}",
        SLACK_BOT_TOKEN="xoxb-ingetrokken",  # Slack refuses it: invalid_auth
        SLACK_SIGNING_SECRET="geheim",
        SLACK_API_URL=fake_slack.url,
        COMPLAINTS_CHANNEL=CHANNEL,
        OFFICER_USER_IDS="UOFFICER",
        SEND_ACKNOWLEDGEMENTS="false",
        PORT=str(free_port()),
    )
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    for number in (1, 2):
        message = MESSAGE.replace(b"Klacht", f"Klacht {number}".encode())
        assert klachtenbot("ingest", "-", cwd=tmp_path, env=env, stdin=message).returncode == 0
    assert fake_slack.roots(CHANNEL) == []  # refused: both wait, with a pause of minutes

    env["SLACK_BOT_TOKEN"] = BOT_TOKEN  # fixed, then the service restarted
    clock = service("clock", cwd=tmp_path, env=env)
    try:
        fake_slack.wait_for(lambda: len(fake_slack.roots(CHANNEL)) == 2, timeout=20)
    except AssertionError:
        clock.terminate()
        raise AssertionError(clock.communicate(timeout=10)[1].decode()) from None
    finally:
        clock.terminate()
        _, err = clock.communicate(timeout=10)
    assert "Traceback" not in err.decode(), err.decode()
    texts = [message.text for message in fake_slack.roots(CHANNEL)]
    assert "K-2026-0001" in texts[0] and "K-2026-0002" in texts[1]
