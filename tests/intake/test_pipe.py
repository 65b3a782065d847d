"""`ingest FILE|-`: exit codes a mail server understands, one line on stderr."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from bot.intake import pipe
from bot.intake.pipe import (
    EX_DATAERR,
    EX_NOINPUT,
    EX_OK,
    EX_TEMPFAIL,
    ingest_command,
    poll_command,
)
from bot.service import ComplaintService
from tests.intake.messages import complaint_mail
from tests.support.ports import free_port

REPO = Path(__file__).resolve().parents[2]


def run(source: str, settings, service, stdin: bytes = b"") -> tuple[int, str]:
    err = io.StringIO()
    code = ingest_command(
        source,
        settings,
        make_service=lambda _settings: service,
        stdin=io.BytesIO(stdin),
        stderr=err,
    )
    return code, err.getvalue()


def test_stored_complaint_from_a_file(settings, service, tmp_path) -> None:
    path = tmp_path / "klacht.eml"
    path.write_bytes(complaint_mail())

    code, err = run(str(path), settings, service)

    assert code == EX_OK
    assert err == "Opgeslagen als nieuwe klacht K-2026-0001.\n"


def test_from_stdin_and_then_again_as_duplicate(settings, service) -> None:
    raw = complaint_mail()

    assert run("-", settings, service, raw) == (
        EX_OK,
        "Opgeslagen als nieuwe klacht K-2026-0001.\n",
    )
    code, err = run("-", settings, service, raw)

    assert code == EX_OK
    assert err == (
        "Al eerder ontvangen en opgeslagen als klacht K-2026-0001; niets opnieuw opgeslagen.\n"
    )
    assert len(service.list()) == 1


def test_reply_and_ignored_say_what_happened(settings, service) -> None:
    run("-", settings, service, complaint_mail())
    reply = complaint_mail(subject="Re: [K-2026-0001] nog iets")
    auto = complaint_mail(headers={"Auto-Submitted": "auto-replied"})

    assert run("-", settings, service, reply) == (
        EX_OK,
        "Toegevoegd aan klacht K-2026-0001 als reactie.\n",
    )
    code, err = run("-", settings, service, auto)
    assert code == EX_OK and err.startswith("Genegeerd: automatisch antwoord")


def test_no_message_at_all_is_a_data_error(settings, service) -> None:
    code, err = run("-", settings, service, b"\x00\x01binary\xff" * 50)

    assert code == EX_DATAERR
    assert err == "Dit is geen e-mailbericht; niets opgeslagen.\n"
    assert service.list() == []


def test_an_unexpected_error_asks_the_mail_server_to_retry(
    settings, service, monkeypatch, caplog
) -> None:
    """A bounce would lose the complaint; the log names the error, not the e-mail's content."""

    def broken(*_args, **_kwargs):
        raise RuntimeError("INSERT ... ('Sanne de Wit', 'sanne.dewit@example.com')")

    monkeypatch.setattr(pipe, "ingest_raw", broken)

    code, err = run("-", settings, service, complaint_mail())

    assert code == EX_TEMPFAIL
    assert err == "Bericht niet verwerkt door een fout (RuntimeError); probeer het later opnieuw.\n"
    assert "RuntimeError at test_pipe.py" in caplog.text
    assert "sanne" not in caplog.text.lower()


def test_missing_file_or_a_folder(settings, service, tmp_path) -> None:
    code, err = run(str(tmp_path / "weg.eml"), settings, service)
    assert code == EX_NOINPUT
    assert err == f"Kan {tmp_path / 'weg.eml'} niet lezen: bestaat niet\n"

    code, err = run(str(tmp_path), settings, service)
    assert code == EX_NOINPUT
    assert err == f"Kan {tmp_path} niet lezen: is een map, geen bestand\n"


def test_unreachable_database_asks_the_mail_server_to_retry(tmp_path) -> None:
    """A real process, as the mail server runs it; nothing listens on the database's port."""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql://klachtenbot@127.0.0.1:{free_port()}/klachtenbot",
        "SEND_ACKNOWLEDGEMENTS": "false",
    }
    result = run_ingest_process(env, tmp_path)

    assert result.returncode == EX_TEMPFAIL
    assert "niet bereikbaar: de server weigert de verbinding" in result.stderr.decode()


def run_ingest_process(env: dict[str, str], cwd) -> subprocess.CompletedProcess[bytes]:
    """`klachtenbot ingest -` as a mail server runs it, the complaint on stdin."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "ingest", "-"],
        input=complaint_mail(),
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_real_process_stores_the_message(settings, db, tmp_path) -> None:
    env = {**os.environ, "DATABASE_URL": settings.database_url, "SEND_ACKNOWLEDGEMENTS": "false"}
    result = run_ingest_process(env, tmp_path)

    assert result.returncode == EX_OK, result.stderr.decode()
    assert result.stderr.decode() == "Opgeslagen als nieuwe klacht K-2026-0001.\n"
    stored = ComplaintService(db, settings).list()
    assert [complaint.complainant_phone for complaint in stored] == ["+31612345678"]


def test_poll_command_reads_the_mailbox_once_and_says_what_it_did(
    imap_settings, service, mailbox
) -> None:
    mailbox.append(complaint_mail(), "INBOX")
    mailbox.append(complaint_mail(headers={"Auto-Submitted": "auto-replied"}), "INBOX")
    err = io.StringIO()

    code = poll_command(imap_settings, once=True, make_service=lambda _s: service, stderr=err)

    assert code == EX_OK
    assert err.getvalue() == (
        "Mailbox gelezen: 1 nieuwe klacht(en), 0 reactie(s), 1 genegeerd, "
        "0 al eerder ontvangen, 0 mislukt.\n"
        "  genegeerd: 1 x automatisch antwoord (afwezigheid)\n"
    )


def test_continuous_polling_survives_a_failed_round(settings, service, monkeypatch) -> None:
    down = settings.model_copy(
        update={
            "imap_host": "127.0.0.1",
            "imap_port": free_port(),
            "imap_ssl": False,
            "imap_user": "klachten",
            "imap_password": "x",
        }
    )
    pauses = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt  # the operator stops it

    monkeypatch.setattr(pipe.time, "sleep", sleep)
    err = io.StringIO()

    code = poll_command(down, once=False, make_service=lambda _s: service, stderr=err, interval=7)

    assert code == EX_OK
    assert pauses == [7, 7]
    assert err.getvalue().count("Mailbox lezen mislukt:") == 2


def test_poll_command_with_the_mail_server_down(settings, service) -> None:
    down = settings.model_copy(
        update={
            "imap_host": "127.0.0.1",
            "imap_port": free_port(),
            "imap_ssl": False,
            "imap_user": "klachten",
            "imap_password": "x",
        }
    )
    err = io.StringIO()

    code = poll_command(down, once=True, make_service=lambda _s: service, stderr=err)

    assert code == EX_TEMPFAIL
    assert err.getvalue().startswith("Mailbox lezen mislukt:")
    assert err.getvalue().count("\n") == 1
