"""The klachtenbot command as a person or a script uses it: output, JSON contract, exit codes."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.procedure import SYSTEM_ACTOR, Source
from bot.procedure.inputs import Intake
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from tests.support.corpus import REPO

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMERIC_DATE = re.compile(r"\d{2}-\d{2}-\d{4}")
COMPLAINT_KEYS = {
    "reference",
    "state",
    "received_at",
    "contact_deadline",
    "complainant_name",
    "complainant_email",
    "complainant_phone",
    "subject",
    "category",
    "events",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run every command in an empty folder with only the settings a test gives."""
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_deadline_across_kings_day(capsys: pytest.CaptureFixture[str]) -> None:
    # Friday 24 April 2026 16:00; Monday 27 April is Koningsdag, so Tuesday and Wednesday count.
    code, out, _ = run(capsys, "deadline", "2026-04-24T16:00")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "2026-04-29T17:00:00+02:00"
    assert "woensdag 29 april 2026 om 17:00" in lines[1]
    assert any("Koningsdag" in line and "27 april" in line for line in lines[2:])


def test_deadline_with_offset_is_converted_to_office_time(capsys) -> None:
    # 23:30 UTC on Thursday 2 April is already Friday 01:30 in Amsterdam; Easter Monday follows.
    code, out, _ = run(capsys, "deadline", "2026-04-02T23:30:00+00:00")
    assert code == 0
    assert out.splitlines()[0] == "2026-04-08T17:00:00+02:00"


def test_deadline_honours_the_calendar_setting(capsys, monkeypatch) -> None:
    # Under the Algemene termijnenwet 15 May 2026 is a bridge day.
    monkeypatch.setenv("WORKDAY_CALENDAR", "atw")
    code, out, _ = run(capsys, "deadline", "2026-05-13T10:00")
    assert code == 0
    assert out.splitlines()[0] == "2026-05-19T17:00:00+02:00"


def test_bad_moment_is_one_line_and_exit_2(capsys) -> None:
    code, out, err = run(capsys, "deadline", "24-04-2026")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Ongeldig ontvangstmoment" in err


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WORKDAY_CALENDAR", "kantoor"),
        ("PORT", "negentig"),
        ("CLOSING_DAYS", "2026-02-30"),
        ("TIMEZONE", "Europe/Amsterdan"),
        ("BUSINESS_DAY_END", "08:00"),
    ],
)
def test_invalid_setting_names_it_in_one_line(capsys, monkeypatch, name, value) -> None:
    monkeypatch.setenv(name, value)
    code, out, err = run(capsys, "deadline", "2026-04-24T16:00")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"Instelling {name} ongeldig")


def test_list_without_schema_says_what_to_do(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite3'}")
    code, _, err = run(capsys, "list")
    assert code == 1
    assert "klachtenbot db upgrade" in err


def test_db_upgrade_then_empty_list(capsys, db_url, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    assert json.loads(out) == []


def test_demo_then_list_and_show(capsys, db_url, monkeypatch) -> None:
    # The demo on a database named on its command line leaves complaints in every state.
    monkeypatch.setenv("DATABASE_URL", db_url)
    code, out, _ = run(capsys, "demo", "--database-url", db_url)
    assert code == 0
    assert "klachtenbot list" in out
    code, out, _ = run(capsys, "list", "--json")
    complaints = json.loads(out)
    assert code == 0
    assert {c["state"] for c in complaints} == {
        "received",
        "registered",
        "contacted",
        "discussion",
        "closed",
        "rejected",
    }
    for complaint in complaints:
        assert complaint.keys() >= COMPLAINT_KEYS
        assert complaint["events"][0]["kind"] == "received"
        assert complaint["received_at"][-6:] in ("+02:00", "+01:00")
    # Open complaints first, each group by deadline.
    finished = [c["state"] in ("closed", "rejected") for c in complaints]
    assert finished == sorted(finished)
    for group in (False, True):
        pairs = zip(complaints, finished, strict=True)
        deadlines = [c["contact_deadline"] for c, f in pairs if f is group]
        assert deadlines == sorted(deadlines)

    code, out, _ = run(capsys, "list", "--state", "closed", "--json")
    assert {c["state"] for c in json.loads(out)} == {"closed"}

    reference = complaints[0]["reference"]
    code, out, _ = run(capsys, "show", reference, "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown["reference"] == reference
    assert shown.keys() >= COMPLAINT_KEYS
    assert [e["at"] for e in shown["events"]] == sorted(e["at"] for e in shown["events"])

    # Without --json, dates and moments read as in every view: in Dutch words, never ISO.
    for complaint in complaints:
        code, out, _ = run(capsys, "show", complaint["reference"])
        assert code == 0 and "Geschiedenis:" in out
        assert not ISO_DATE.search(out) and not NUMERIC_DATE.search(out), out
        assert " om " in out.split("Geschiedenis:")[1]  # each event's moment in words


def test_demo_uses_its_own_sqlite_file_by_default(capsys, tmp_path) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert (tmp_path / "demo-output" / "klachtenbot-demo.sqlite3").exists()
    assert "DATABASE_URL=sqlite:///demo-output/klachtenbot-demo.sqlite3 klachtenbot list" in out
    # One database file: no SQLite -wal or -shm file left beside it (issue 25).
    assert sorted(p.name for p in (tmp_path / "demo-output").glob("*sqlite3*")) == [
        "klachtenbot-demo.sqlite3"
    ]
    # The story runs forward in time: no complaint is escalated on a Wednesday and rejected on
    # the Monday before.
    stamps = re.findall(r"^\[\w\w (\d\d)-(\d\d) (\d\d):(\d\d)\]", out, re.MULTILINE)
    moments = [(month, day, hour, minute) for day, month, hour, minute in stamps]
    assert len(moments) > 40 and moments == sorted(moments)


def test_the_demo_reports_cover_eight_quarters_of_history(capsys, tmp_path) -> None:
    """The demo's yearly report (2025) and quarterly report (K3 2026) stand on a history since
    go-live: every quarter of their eight-quarter trend holds complaints."""
    from reports.store import ReportStore

    assert run(capsys, "demo")[0] == 0
    output = tmp_path / "demo-output"
    assert (output / "jaarverslag" / "jaarrapportage-2025.pdf").exists()
    assert (output / "rapport" / "kwartaalrapportage-2026-Q3.pdf").exists()
    database = Database(f"sqlite:///{output / 'klachtenbot-demo.sqlite3'}")
    try:
        with database.session() as session:
            store = ReportStore(session, ZoneInfo("Europe/Amsterdam"))
            year, quarter = store.latest("2025"), store.latest("2026-Q3")
    finally:
        database.dispose()
    assert [p.label for p in year.figures.trend] == [
        f"{y}-Q{q}" for y in (2024, 2025) for q in range(1, 5)
    ]
    for report in (year, quarter):
        assert len(report.figures.trend) == 8
        assert all(point.received > 0 for point in report.figures.trend), report.period
        assert not report.figures.not_applicable, report.period


def test_show_unknown_reference(capsys, db_url, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", db_url)
    run(capsys, "db", "upgrade")
    code, _, err = run(capsys, "show", "K-2026-9999")
    assert code == 1
    assert "K-2026-9999 bestaat niet" in err


HEAVY = {
    "slack_bolt",
    "slack_sdk",
    "matplotlib",
    "reportlab",
    "imap_tools",
    "numpy",
    "msal",
    "apscheduler",
}


@pytest.mark.parametrize(
    ("argv", "also_not"),
    [
        (["--help"], {"sqlalchemy", "phonenumbers"}),
        (["deadline", "2026-04-24T16:00"], {"sqlalchemy", "phonenumbers"}),
        (["list"], {"sqlalchemy.dialects.postgresql", "phonenumbers"}),
        (["ingest", "bericht.eml"], {"sqlalchemy.dialects.postgresql"}),
        (["status"], {"sqlalchemy.dialects.postgresql"}),
        (["clock", "--once"], {"sqlalchemy.dialects.postgresql"}),
    ],
)
def test_commands_import_only_what_they_need(argv, also_not, tmp_path: Path) -> None:
    """A mail server starts `ingest` for every message: no Slack, IMAP, plotting or the other
    database's dialect on that path (nor on `list`, `deadline`, `--help`, nor on a health
    check's `status` or a cron job's `clock --once` without Slack or a mailbox)."""
    db_url = f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}"
    database = Database(db_url)
    database.upgrade()
    database.dispose()
    (tmp_path / "bericht.eml").write_bytes(b"From: a@example.nl\r\nSubject: x\r\n\r\nKlacht\r\n")
    probe = (
        "import sys\n"
        "from bot.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"unwanted = {sorted(HEAVY | also_not)!r}\n"
        "loaded = {u for u in unwanted for m in sys.modules\n"
        "          if m == u or m.startswith(u + '.')}\n"
        "print('LOADED', sorted(loaded), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "DATABASE_URL": db_url},
        timeout=60,
    )
    assert "LOADED []" in result.stderr, result.stderr


def test_env_example_documents_every_setting_and_loads() -> None:
    example = REPO / ".env.example"
    names = {
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert names == {name.upper() for name in Settings.model_fields}
    settings = Settings(_env_file=example)
    assert settings.workday_calendar == "office"
    assert settings.contact_deadline_days == 2


def test_list_and_show_never_print_control_characters(capsys, db_url, monkeypatch) -> None:
    """Rows stored before text was cleaned on the way in may still hold escape sequences and
    bidi overrides: the terminal gets them neither in text nor in JSON."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    run(capsys, "db", "upgrade")
    subject = "Klacht \x1b[2J\x1b]0;titel\x07 \u202egnirts \x9b1m"
    service = ComplaintService(Database(db_url), Settings(_env_file=None, database_url=db_url))
    intake = Intake(
        source=Source.EMAIL,
        received_at=dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC),
        subject=subject,
        body="Regel één\n\tingesprongen \x1b[31mrood\x08",
        complainant_name="Jan \u2066de\u2069 Vries",
    )
    reference = service.submit(intake, SYSTEM_ACTOR).reference

    outputs = [run(capsys, *argv)[1] for argv in (["list"], ["show", reference])]
    as_json = run(capsys, "show", reference, "--json")[1]

    for out in [*outputs, as_json]:
        assert not any(ch in out for ch in "\x1b\x07\x08\x9b\u202e\u2066\u2069"), out
    assert "Klacht [2J]0;titel" in outputs[0]
    assert "Regel één\n\tingesprongen" in outputs[1]
    assert json.loads(as_json)["subject"] == subject  # the JSON still carries the data


def test_services_collect_garbage_and_one_shot_commands_do_not(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The installed script starts with the collector off (quick one-shot commands); a service
    that runs for weeks must turn it back on or its memory only grows."""
    import gc

    monkeypatch.setenv("DATABASE_URL", "sqlite:///cli.sqlite3")
    assert main(["db", "upgrade"]) == 0
    try:
        gc.disable()
        assert main(["list"]) == 0
        assert main(["clock", "--once"]) == 0
        assert not gc.isenabled()
        assert main(["run"]) == 2  # stops at its settings check (no Slack), but as a service
        assert gc.isenabled()
    finally:
        gc.enable()
    capsys.readouterr()
