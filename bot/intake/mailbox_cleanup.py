"""Personal data in the mailbox: the processed and ignored folders keep every e-mail the bot
handled. Retention deletes those received before the cut-off date; erasure those from one
address (checked exactly on the From header, since IMAP's FROM search matches substrings)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from imap_tools import AND

from bot.intake.imap import open_mailbox
from bot.settings import Settings

log = logging.getLogger(__name__)


def delete_old_mail(settings: Settings, before: dt.date, *, dry_run: bool = False) -> int:
    """Delete (or count) the messages received before `before` in the handled-mail folders."""
    return _delete(settings, AND(date_lt=before), lambda _sender: True, dry_run)


def delete_mail_from(settings: Settings, sender: str, *, dry_run: bool = False) -> int:
    """Delete (or count) the messages from `sender` in the handled-mail folders."""
    wanted = sender.strip().lower()
    return _delete(settings, AND(from_=wanted), lambda address: address == wanted, dry_run)


def _delete(
    settings: Settings, criteria: AND, matches: Callable[[str], bool], dry_run: bool
) -> int:
    total = 0
    with open_mailbox(settings) as mailbox:
        for folder in (settings.imap_processed_folder, settings.imap_ignored_folder):
            if not mailbox.folder.exists(folder):
                continue
            mailbox.folder.set(folder)
            found = mailbox.fetch(criteria, headers_only=True, mark_seen=False, bulk=True)
            uids = [m.uid for m in found if m.uid and matches(m.from_.lower())]
            if uids and not dry_run:
                mailbox.delete(uids)
            total += len(uids)
    if total and not dry_run:
        log.info("mailbox: %d handled e-mails deleted", total)
    return total
