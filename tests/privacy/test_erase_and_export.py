"""A data subject's rights through the command line: the access export holds everything about
Sanne (both complaints, her e-mails with the reply, the attachments); erasure removes it at once
from the database, Slack and every later export, twice without harm; the audit export of a
period holds how complaints were handled, not who complained."""

from __future__ import annotations

import csv
import json
import os
import stat
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from bot.exports import ExportFolderTaken, export_complainant
from bot.privacy import erase_complainant
from tests.privacy.conftest import JPG, PDF, PIET, SANNE, SANNE_TRACES, Story
from tests.support.command import in_process


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch,
    story: Story,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
):
    """Run `klachtenbot ...` on the story's database (no Slack: the story delivers itself), in
    an empty folder."""
    return in_process(monkeypatch, capsys, tmp_path, story.service.settings.database_url)


def test_access_export_holds_everything_about_the_complainant(story: Story, cli, tmp_path) -> None:
    out = tmp_path / "inzage"
    code, stdout, _ = cli("export", "--complainant", SANNE.upper(), "--out", str(out))

    assert code == 0, stdout
    assert "2 klacht(en), 4 e-mail(s), 2 bijlage(n)" in stdout
    document = json.loads((out / "gegevens.json").read_text(encoding="utf-8"))
    complaints = {c["reference"]: c for c in document["complaints"]}
    assert set(complaints) == {story.first, story.second}
    first = complaints[story.first]
    assert first["complainant_phone"] == "+31612345678"
    assert "NL91ABNA0417164300" in first["body"]
    assert [e["kind"] for e in first["events"]][:2] == ["received", "reply_received"]
    assert PIET not in json.dumps(document)

    emails = {e["file"]: e for e in document["emails"]}
    reply = message_from_bytes(
        (out / f"e-mails/{story.first}-02.eml").read_bytes(), policy=policy.default
    )
    assert reply["In-Reply-To"] == "<eerste-sanne@example.com>"
    assert "bereikbaar" in reply.get_body(("plain",)).get_content()
    assert emails[f"e-mails/{story.first}-02.eml"]["complaint"] == story.first
    assert emails["e-mails/overig-01.eml"]["complaint"] is None  # the auto-reply
    assert len(emails) == 4

    files = {a["filename"]: out / a["file"] for a in document["attachments"]}
    assert files["loonstrook-april.pdf"].read_bytes() == PDF
    assert files["foto-rooster.jpg"].read_bytes() == JPG
    assert {a["recipient"] for a in document["acknowledgements"]} == {SANNE}


def test_erasure_asks_first_then_removes_everything_once(
    story: Story, cli, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("builtins.input", lambda _question: "nee")
    code, stdout, stderr = cli("erase", "--complainant", SANNE)
    assert (code, stderr.strip()) == (1, "Afgebroken: er is niets verwijderd.")
    assert "2 klacht(en) en 1 andere e-mail(s)" in stdout
    assert "Sanne de Wit" in story.database_text()
    assert len(story.service.search("sanne").complaints) == 2

    monkeypatch.setattr("builtins.input", lambda _question: "ja")
    code, stdout, _ = cli("erase", "--complainant", SANNE)
    assert code == 0
    assert "2 klacht(en) geanonimiseerd, 1 andere e-mail(s) gewist" in stdout
    story.deliver()

    database, slack = story.database_text(), story.slack_text()
    for trace in SANNE_TRACES:
        assert trace not in database, trace
        assert trace not in slack, trace
    assert "Piet Jansen" in database and "Piet Jansen" in slack
    code, listing, _ = cli("list", "--json")
    assert len(json.loads(listing)) == 3
    code, shown, _ = cli("show", story.first, "--history")
    assert code == 0 and "Persoonsgegevens verwijderd" in shown
    assert not any(trace in listing + shown for trace in SANNE_TRACES)
    # The search indexes (FTS5, tsvector) forgot her too.
    assert story.service.search("sanne").complaints == []

    calls = len(story.fake.calls)
    code, stdout, _ = cli("erase", "--complainant", SANNE, "--yes")
    assert (code, stdout.strip()) == (0, f"Niets opgeslagen over {SANNE}.")
    again = erase_complainant(story.service, SANNE, now=story.clock.now)
    assert (again.complaints, again.other_emails) == ([], 0)
    story.deliver()
    assert len(story.fake.calls) == calls
    assert story.database_text() == database

    code, stdout, _ = cli("export", "--complainant", SANNE, "--out", str(tmp_path / "na"))
    assert "0 klacht(en), 0 e-mail(s), 0 bijlage(n)" in stdout


def test_audit_export_of_a_period_without_contact_data(story: Story, cli, tmp_path) -> None:
    out = tmp_path / "audit"
    code, stdout, _ = cli("export", "--period", "2026", "--out", str(out))

    assert code == 0, stdout
    document = json.loads((out / "klachten-2026.json").read_text(encoding="utf-8"))
    records = {c["reference"]: c for c in document["complaints"]}
    assert set(records) == {story.first, story.second, story.other}
    text = json.dumps(document, ensure_ascii=False)
    for personal in (SANNE, PIET, "Sanne de Wit", "Piet Jansen", "+31612345678", "NL91ABNA"):
        assert personal not in text, personal
    for own_words in ("loonstrook", "Rooster te laat", "bereikbaar"):  # subjects and texts
        assert own_words not in text, own_words
    first = records[story.first]
    assert (first["state"], first["category"]) == ("closed", "salaris")
    assert first["corrective_measures"] == "Nabetaling in week 17."
    assert [e["kind"] for e in first["events"]][-1] == "closed"
    with (out / "klachten-2026.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert [row[0] for row in rows[1:]] == [story.first, story.second, story.other]


def test_a_bad_period_is_one_line_and_exit_2(story: Story, cli, tmp_path: Path) -> None:
    code, _, stderr = cli("export", "--period", "2026-Q5", "--out", str(tmp_path / "q5"))
    assert code == 2 and len(stderr.strip().splitlines()) == 1


def test_a_bad_address_is_a_usage_error(story: Story, cli, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli("erase", "--complainant", "sanne at example", "--yes")
    assert exit_.value.code == 2
    assert "geen e-mailadres: 'sanne at example'" in capsys.readouterr().err
    assert "Sanne de Wit" in story.database_text()


@pytest.mark.parametrize("whose", [["--complainant", SANNE], ["--period", "2026"]])
def test_an_export_is_readable_by_its_owner_only(story: Story, cli, tmp_path, whose) -> None:
    out = tmp_path / "nieuw" / "export"
    old_umask = os.umask(0o022)
    try:
        code, stdout, _ = cli("export", *whose, "--out", str(out))
    finally:
        os.umask(old_umask)

    assert code == 0, stdout
    folders = [out, *(path for path in out.rglob("*") if path.is_dir())]
    files = [path for path in out.rglob("*") if path.is_file()]
    assert files and len(folders) >= 1
    assert {stat.S_IMODE(folder.stat().st_mode) for folder in folders} == {0o700}
    assert {stat.S_IMODE(file.stat().st_mode) for file in files} == {0o600}


@pytest.mark.parametrize("planted", ["folder", "symlink", "dangling symlink"])
def test_an_export_never_writes_into_an_existing_path(
    story: Story, cli, tmp_path, capsys, planted: str
) -> None:
    """Someone plants a symbolic link (or a folder with one inside) where the officer will
    export: the export refuses with one Dutch line and exit 2, and nothing is overwritten."""
    target = tmp_path / "doelwit"
    target.mkdir()
    (target / "gegevens.json").write_text("van iemand anders\n")
    out = tmp_path / "inzage"
    if planted == "folder":
        out.mkdir()
        (out / "gegevens.json").symlink_to(target / "gegevens.json")
    elif planted == "symlink":
        out.symlink_to(target)
    else:
        out.symlink_to(tmp_path / "bestaat-niet")

    for whose in (["--complainant", SANNE], ["--period", "2026"]):
        with pytest.raises(SystemExit) as exit_:
            cli("export", *whose, "--out", str(out))
        assert exit_.value.code == 2
        error = capsys.readouterr().err.strip().splitlines()[-1]
        assert error.endswith(
            f"{out} bestaat al; een export komt altijd in een nieuwe map "
            "(alleen de eigenaar kan erin): kies een naam die nog niet bestaat"
        )

    assert (target / "gegevens.json").read_text() == "van iemand anders\n"
    assert sorted(path.name for path in target.iterdir()) == ["gegevens.json"]
    assert not (tmp_path / "bestaat-niet").exists()


def test_a_folder_made_after_the_check_is_refused_too(story: Story, tmp_path) -> None:
    """The export itself makes the folder and refuses one that appeared in the meantime."""
    out = tmp_path / "inzage"
    out.symlink_to(tmp_path)
    with pytest.raises(ExportFolderTaken):
        export_complainant(story.service, SANNE, out, now=story.clock.now)
    assert not (tmp_path / "gegevens.json").exists()
