"""`klachtenbot ingest` as a mail server calls it: stored once, and followed in Slack at once."""

from __future__ import annotations

import io
import sys
from importlib import resources
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings
from tests.support.fake_slack import BOT_TOKEN, FakeSlack

CHANNEL = "CKLACHTEN"


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}"


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, db_url: str) -> None:
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert main(["db", "upgrade"]) == 0


@pytest.fixture
def fake_slack(monkeypatch: pytest.MonkeyPatch) -> FakeSlack:
    fake = FakeSlack().start()
    fake.add_channel(CHANNEL)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", fake.url)
    monkeypatch.setenv("COMPLAINTS_CHANNEL", CHANNEL)
    yield fake
    fake.stop()


def sample(name: str) -> bytes:
    return (resources.files("bot.intake") / "samples" / name).read_bytes()


def ingest_stdin(monkeypatch: pytest.MonkeyPatch, raw: bytes) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    return main(["ingest", "-"])


@pytest.mark.usefixtures("environment")
def test_ingest_posts_the_new_complaint_in_slack_right_away(monkeypatch, fake_slack, capsys):
    assert ingest_stdin(monkeypatch, sample("01-klacht-met-telefoon.eml")) == 0
    assert "K-2026-0001" in capsys.readouterr().err
    roots = fake_slack.roots(CHANNEL)
    assert len(roots) == 1
    assert "K-2026-0001" in roots[0].text

    # The mail server delivers the same message again: no second complaint, no second post.
    assert ingest_stdin(monkeypatch, sample("01-klacht-met-telefoon.eml")) == 0
    assert len(fake_slack.roots(CHANNEL)) == 1


@pytest.mark.usefixtures("environment")
def test_ingest_stores_even_when_slack_is_down(monkeypatch, fake_slack, capsys):
    fake_slack.stop()
    assert ingest_stdin(monkeypatch, sample("07-klacht-zonder-telefoon.eml")) == 0
    assert "K-2026-0001" in capsys.readouterr().err
    assert main(["show", "K-2026-0001", "--json"]) == 0


@pytest.mark.usefixtures("environment")
def test_ingest_from_a_file_without_slack_configured(capsys):
    path = resources.files("bot.intake") / "samples" / "05-afwezigheidsmelding.eml"
    assert main(["ingest", str(path)]) == 0
    assert "Genegeerd" in capsys.readouterr().err
    assert main(["list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
