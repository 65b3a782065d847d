"""Retention and erasure in the mailbox (a real Dovecot): the processed and ignored folders lose
the handled e-mails received before the cut-off, or those from the erased address exactly;
the inbox and everything else stay."""

from __future__ import annotations

import datetime as dt

from imap_tools import BaseMailBox

from bot.intake.mailbox_cleanup import delete_mail_from, delete_old_mail
from bot.privacy import run_retention
from bot.service import ComplaintService
from tests.intake.messages import complaint_mail

OLD = dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.UTC)
RECENT = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def fill(mailbox: BaseMailBox) -> None:
    for folder in ("Verwerkt", "Genegeerd"):
        mailbox.folder.create(folder)
    sanne = "Sanne de Wit <sanne@example.com>"
    mailbox.append(complaint_mail(sender=sanne), "Verwerkt", dt=OLD)
    mailbox.append(complaint_mail(sender="piet@example.com"), "Verwerkt", dt=OLD)
    mailbox.append(complaint_mail(sender=sanne), "Verwerkt", dt=RECENT)
    mailbox.append(complaint_mail(sender="asanne@example.com"), "Genegeerd", dt=RECENT)
    mailbox.append(complaint_mail(sender=sanne), "Genegeerd", dt=OLD)
    mailbox.append(complaint_mail(sender=sanne), "INBOX", dt=OLD)  # not handled yet


def senders(mailbox: BaseMailBox, folder: str) -> list[str]:
    mailbox.folder.set(folder)
    return sorted(m.from_ for m in mailbox.fetch(headers_only=True, mark_seen=False))


def test_retention_deletes_handled_mail_before_the_cutoff(imap_settings, mailbox) -> None:
    fill(mailbox)

    assert delete_old_mail(imap_settings, dt.date(2025, 1, 1), dry_run=True) == 3
    assert senders(mailbox, "Verwerkt") == [
        "piet@example.com",
        "sanne@example.com",
        "sanne@example.com",
    ]
    assert delete_old_mail(imap_settings, dt.date(2025, 1, 1)) == 3

    assert senders(mailbox, "Verwerkt") == ["sanne@example.com"]
    assert senders(mailbox, "Genegeerd") == ["asanne@example.com"]
    assert senders(mailbox, "INBOX") == ["sanne@example.com"]
    assert delete_old_mail(imap_settings, dt.date(2025, 1, 1)) == 0


def test_erasure_deletes_exactly_that_address(imap_settings, mailbox) -> None:
    fill(mailbox)

    assert delete_mail_from(imap_settings, "Sanne@Example.com") == 3

    assert senders(mailbox, "Verwerkt") == ["piet@example.com"]
    assert senders(mailbox, "Genegeerd") == ["asanne@example.com"]
    assert senders(mailbox, "INBOX") == ["sanne@example.com"]


def test_the_retention_run_cleans_the_mailbox_too(db, imap_settings, mailbox) -> None:
    fill(mailbox)
    service = ComplaintService(db, imap_settings, clock=lambda: RECENT)

    run = run_retention(service, now=RECENT)

    # 24 months before 20 November 2026: everything from March 2024 goes.
    assert (run.complaints, run.mailbox, run.mailbox_error) == ([], 3, None)
    unreachable = imap_settings.model_copy(update={"imap_port": 1})
    failed = run_retention(ComplaintService(db, unreachable), now=RECENT)
    assert (failed.mailbox, failed.mailbox_error) == (None, "ConnectionRefusedError")
