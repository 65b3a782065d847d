"""Polling a real Dovecot mailbox: folders, flags, receipt time, crash safety, failures."""

from __future__ import annotations

import datetime as dt
import imaplib
import ssl

import pytest
from imap_tools import MailBoxUnencrypted
from imap_tools.errors import MailboxLoginError

from bot.intake import imap as intake_imap
from bot.intake.imap import open_mailbox, parse_internaldate, poll_once
from bot.intake.store import ingest_raw
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database, DatabaseUnavailable
from tests.intake.conftest import START, with_imap
from tests.intake.messages import complaint_mail
from tests.support.dovecot import introspection_server, start_dovecot

SERVER_TIME = dt.datetime(2026, 4, 24, 16, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def folder_uids(box, folder: str) -> list[str]:
    box.folder.set(folder)
    return box.uids("ALL")


def folder_flags(box, folder: str) -> list[tuple[str, ...]]:
    box.folder.set(folder)
    return [message.flags for message in box.fetch("ALL", mark_seen=False, headers_only=True)]


def test_poll_moves_complaints_and_ignored_mail_to_their_folders(
    imap_settings, service, mailbox
) -> None:
    mailbox.append(complaint_mail(), "INBOX", dt=SERVER_TIME)
    mailbox.append(complaint_mail(headers={"Auto-Submitted": "auto-replied"}), "INBOX")
    mailbox.append(complaint_mail(sender="MAILER-DAEMON@mx.example.net"), "INBOX")

    stats = poll_once(imap_settings, service)

    assert (stats.stored, stats.ignored, stats.failed) == (1, 2, 0)
    assert dict(stats.reasons) == {"auto_reply": 1, "bounce": 1}
    assert folder_uids(mailbox, "INBOX") == []
    assert len(folder_uids(mailbox, "Verwerkt")) == 1
    assert len(folder_uids(mailbox, "Genegeerd")) == 2
    # Moved as they were: still unread for a person looking at the folder, nothing \Deleted.
    for flags in folder_flags(mailbox, "Verwerkt") + folder_flags(mailbox, "Genegeerd"):
        assert "\\Seen" not in flags and "\\Deleted" not in flags


def test_received_at_is_the_servers_receipt_time_not_the_date_header(
    imap_settings, service, mailbox
) -> None:
    mailbox.append(complaint_mail(), "INBOX", dt=SERVER_TIME)

    poll_once(imap_settings, service)

    (complaint,) = service.list()
    assert complaint.received_at == SERVER_TIME
    assert complaint.received_at.tzinfo is not None


def test_a_second_poll_finds_nothing_new(imap_settings, service, mailbox) -> None:
    mailbox.append(complaint_mail(), "INBOX")
    poll_once(imap_settings, service)

    stats = poll_once(imap_settings, service)

    assert (stats.stored, stats.duplicates) == (0, 0)
    assert len(service.list()) == 1


def test_crash_after_commit_before_move_only_moves_it_next_time(
    imap_settings, service, mailbox
) -> None:
    raw = complaint_mail()
    mailbox.append(raw, "INBOX")
    ingest_raw(raw, START, service, source="imap")  # stored, then the process died

    stats = poll_once(imap_settings, service)

    assert (stats.stored, stats.duplicates) == (0, 1)
    assert len(service.list()) == 1
    assert folder_uids(mailbox, "INBOX") == []
    assert len(folder_uids(mailbox, "Verwerkt")) == 1


def test_configured_folders_are_created_when_missing(imap_settings, service, mailbox) -> None:
    settings = imap_settings.model_copy(
        update={
            "imap_folder": "Klachten",
            "imap_processed_folder": "Klachten/Verwerkt",
            "imap_ignored_folder": "Overig",
        }
    )
    mailbox.folder.create("Klachten")
    mailbox.append(complaint_mail(), "Klachten")
    mailbox.append(complaint_mail(), "INBOX")  # not the configured source folder

    poll_once(settings, service)

    assert folder_uids(mailbox, "Klachten") == []
    assert len(folder_uids(mailbox, "INBOX")) == 1
    assert len(folder_uids(mailbox, "Klachten/Verwerkt")) == 1
    assert mailbox.folder.exists("Overig")
    subscribed = {folder.name for folder in mailbox.folder.list(subscribed_only=True)}
    assert {"Klachten/Verwerkt", "Overig"} <= subscribed


def test_a_message_that_fails_stays_in_the_inbox_and_the_rest_goes_on(
    imap_settings, service, mailbox, monkeypatch, caplog
) -> None:
    mailbox.append(complaint_mail(subject="Gaat mis"), "INBOX")
    mailbox.append(complaint_mail(), "INBOX")

    def sometimes_broken(raw, *args, **kwargs):
        if b"Gaat mis" in raw:
            raise ValueError("parameters: ('Sanne de Wit', 'sanne.dewit@example.com')")
        return ingest_raw(raw, *args, **kwargs)

    monkeypatch.setattr(intake_imap, "ingest_raw", sometimes_broken)

    stats = poll_once(imap_settings, service)

    assert (stats.stored, stats.failed) == (1, 1)
    mailbox.folder.set("INBOX")
    assert [message.subject for message in mailbox.fetch(mark_seen=False)] == ["Gaat mis"]
    assert "ValueError at test_imap.py" in caplog.text
    assert "sanne" not in caplog.text.lower()  # the log holds no personal data


def test_database_down_leaves_the_mail_in_the_inbox(imap_settings, mailbox, tmp_path) -> None:
    mailbox.append(complaint_mail(), "INBOX")
    broken = imap_settings.model_copy(
        update={"database_url": f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3"}
    )
    service = ComplaintService(Database(broken.database_url), broken)

    with pytest.raises(DatabaseUnavailable):
        poll_once(broken, service)

    assert len(folder_uids(mailbox, "INBOX")) == 1
    assert folder_flags(mailbox, "INBOX") == [()]


def test_tls_is_the_default(imap_account) -> None:
    """Without IMAP_SSL=false the reader insists on TLS: against a plain-text server the
    handshake fails before any password is sent."""
    settings = Settings(
        _env_file=None,
        imap_host=imap_account.host,
        imap_port=imap_account.port,
        imap_user=imap_account.user,
        imap_password=imap_account.password,
    )

    with pytest.raises(ssl.SSLError):
        open_mailbox(settings)


def test_wrong_password_is_refused(imap_only_settings) -> None:
    settings = imap_only_settings.model_copy(update={"imap_password": "fout"})

    with pytest.raises(MailboxLoginError, match="AUTHENTICATIONFAILED"):
        open_mailbox(settings)


def test_without_move_capability_copy_and_expunge_give_the_same_result(settings, db, clock) -> None:
    server = start_dovecot(move_capability=False)
    try:
        account = server.new_user()
        imap_settings = with_imap(settings, account)
        service = ComplaintService(db, imap_settings, clock)
        with MailBoxUnencrypted(account.host, account.port).login(
            account.user, account.password
        ) as box:
            for _ in range(3):
                box.append(complaint_mail(), "INBOX")
            with open_mailbox(imap_settings) as check:
                assert "MOVE" not in check.client.capabilities

            stats = poll_once(imap_settings, service)

            assert stats.stored == 3
            assert folder_uids(box, "INBOX") == []
            assert len(folder_uids(box, "Verwerkt")) == 3
    finally:
        server.stop()


def test_move_capability_is_seen_after_login(imap_only_settings) -> None:
    with open_mailbox(imap_only_settings) as box:
        assert "MOVE" in box.client.capabilities


def test_xoauth2_login_with_an_access_token(settings, db, clock) -> None:
    """Microsoft 365 and Google take OAuth2 tokens, not passwords: a real XOAUTH2 login,
    checked by the server against a token introspection endpoint."""
    with introspection_server({"geldig-token": "u0499"}) as url:
        server = start_dovecot(oauth_introspection_url=url)
        try:
            account = server.new_user()
            assert account.user == "u0499"
            oauth = with_imap(settings, account).model_copy(
                update={
                    "imap_auth": "xoauth2",
                    "imap_password": None,
                    "imap_oauth2_token": "geldig-token",
                }
            )
            with MailBoxUnencrypted(account.host, account.port).login(
                account.user, account.password
            ) as box:
                box.append(complaint_mail(), "INBOX")

            stats = poll_once(oauth, ComplaintService(db, oauth, clock))

            assert stats.stored == 1
            wrong = oauth.model_copy(update={"imap_oauth2_token": "verlopen-token"})
            with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
                open_mailbox(wrong)
        finally:
            server.stop()


def test_parse_internaldate() -> None:
    response = b'1 (UID 7 INTERNALDATE " 4-Apr-2026 09:05:00 -0130" BODY[] {10}'

    assert parse_internaldate(response) == dt.datetime(
        2026, 4, 4, 9, 5, tzinfo=dt.timezone(-dt.timedelta(hours=1, minutes=30))
    )
