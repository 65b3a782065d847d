"""Start-up: the bot refuses to run when the complaints channel is not private."""

from __future__ import annotations

import logging

import pytest

from bot.settings import SettingsError
from bot.slack.runner import run_http, run_socket_mode
from bot.startup import EXIT_SETTINGS
from tests.slack.conftest import CHANNEL


@pytest.mark.parametrize("run", [run_http, run_socket_mode], ids=["web", "run"])
def test_a_public_complaints_channel_stops_the_start(
    run, slack_settings, fake_slack, caplog, capsys
):
    fake_slack.add_channel(CHANNEL, private=False)
    with caplog.at_level(logging.ERROR):
        assert run(slack_settings) == EXIT_SETTINGS
    line = f"COMPLAINTS_CHANNEL {CHANNEL} is openbaar; klachten bevatten persoonsgegevens."
    assert line in caplog.text
    assert line in capsys.readouterr().err
    assert fake_slack.calls_to("chat.postMessage") == []


def test_an_unreadable_complaints_channel_stops_the_start(slack_settings, fake_slack, capsys):
    settings = slack_settings.model_copy(update={"complaints_channel": "CBESTAATNIET"})
    assert run_http(settings) == EXIT_SETTINGS
    assert "CBESTAATNIET is niet te controleren (channel_not_found)" in capsys.readouterr().err


def test_missing_tokens_name_the_setting(slack_settings):
    with pytest.raises(SettingsError, match="SLACK_APP_TOKEN"):
        run_socket_mode(slack_settings.model_copy(update={"slack_app_token": None}))
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        run_http(slack_settings.model_copy(update={"slack_signing_secret": None}))
