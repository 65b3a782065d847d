"""Read the complaints mailbox over IMAP: every message in, then moved out of the way.

Order per message: fetch -> store and commit -> move to the processed or ignored folder. A crash
between commit and move leaves the message in the source folder; the next poll finds it already
stored (deduplication) and only moves it. Nothing is flagged or expunged before it is committed.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import ImapToolsError

from bot.intake import oauth
from bot.intake.store import Outcome, OutcomeKind, error_summary, ingest_raw
from bot.service import ComplaintService, system_clock
from bot.settings import Settings
from storage.db import DatabaseUnavailable
from storage.tokens import TokenStore

log = logging.getLogger(__name__)

IMAP_TIMEOUT = 30.0
INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s*(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"'
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
UID = re.compile(rb"UID (\d+)")
SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
MOVE_BATCH = 25
FETCH_BATCH = 20
FETCH_BYTES = 8 * 1024 * 1024


@dataclass
class PollStats:
    stored: int = 0
    attached: int = 0
    ignored: int = 0
    duplicates: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    def count(self, outcome: Outcome) -> None:
        if outcome.duplicate:
            self.duplicates += 1
            return
        if outcome.kind is OutcomeKind.STORED:
            self.stored += 1
        elif outcome.kind is OutcomeKind.ATTACHED:
            self.attached += 1
        else:
            self.ignored += 1
            self.reasons[str(outcome.reason)] += 1


def poll_once(settings: Settings, service: ComplaintService) -> PollStats:
    """Ingest every message in the source folder once. Raises DatabaseUnavailable and
    imap_tools/imaplib errors; whatever was committed before is still moved (or is moved by the
    next poll, which recognises it)."""
    stats = PollStats()
    with open_mailbox(settings, service.now, TokenStore(service.db)) as mailbox:
        ensure_folders(mailbox, settings.imap_processed_folder, settings.imap_ignored_folder)
        mailbox.folder.set(settings.imap_folder)
        mover = _Mover(mailbox)
        try:
            for uid, raw, internal_date in fetch_messages(mailbox, mailbox.uids("UNDELETED")):
                outcome = _ingest(uid, raw, internal_date, service, stats)
                if outcome is not None:
                    target = settings.imap_processed_folder
                    if not outcome.is_complaint_mail:
                        target = settings.imap_ignored_folder
                    mover.add(uid, target, now=outcome.duplicate)
        except BaseException:
            mover.flush_quietly()
            raise
        mover.flush()
    log.info(
        "poll: %d stored, %d attached, %d ignored %s, %d duplicates, %d failed",
        stats.stored,
        stats.attached,
        stats.ignored,
        dict(stats.reasons),
        stats.duplicates,
        stats.failed,
    )
    return stats


def open_mailbox(
    settings: Settings,
    now: Callable[[], dt.datetime] = system_clock,
    tokens: TokenStore | None = None,
) -> BaseMailBox:
    """Connect (TLS, STARTTLS, or plain for a local test server) and log in with a password or
    an OAuth2 token; `now` tells whether a cached OAuth2 token has expired, `tokens` holds the
    refresh token that `mail-login` stored."""
    settings.require("imap_host", "imap_user")
    if settings.imap_ssl:
        mailbox: BaseMailBox = MailBox(settings.imap_host, settings.imap_port, IMAP_TIMEOUT)
    elif settings.imap_starttls:
        mailbox = MailBoxStartTls(settings.imap_host, settings.imap_port, IMAP_TIMEOUT)
    else:
        mailbox = MailBoxUnencrypted(settings.imap_host, settings.imap_port, IMAP_TIMEOUT)
    try:
        _log_in(mailbox, settings, now, tokens)
    except BaseException:
        mailbox.client.shutdown()
        raise
    _refresh_capabilities(mailbox)
    return mailbox


def _log_in(
    mailbox: BaseMailBox,
    settings: Settings,
    now: Callable[[], dt.datetime],
    tokens: TokenStore | None,
) -> None:
    if settings.imap_auth == "xoauth2":
        token = oauth.access_token(settings, now(), tokens)
        try:
            mailbox.xoauth2(settings.imap_user, token, initial_folder=None)
        except imaplib.IMAP4.error:
            oauth.forget_access_token(settings)
            raise
    else:
        settings.require("imap_password")
        mailbox.login(settings.imap_user, settings.imap_password, initial_folder=None)


def ensure_folders(mailbox: BaseMailBox, *folders: str) -> None:
    """Create missing target folders, subscribed so that mail clients show them."""
    for folder in folders:
        if not mailbox.folder.exists(folder):
            mailbox.folder.create(folder)
            mailbox.folder.subscribe(folder, True)


def _refresh_capabilities(mailbox: BaseMailBox) -> None:
    """Servers announce MOVE only after login; imaplib keeps the greeting's list, which would
    make imap-tools fall back to COPY + \\Deleted + EXPUNGE."""
    status, data = mailbox.client.capability()
    if status == "OK" and data and data[-1]:
        mailbox.client.capabilities = tuple(data[-1].decode().upper().split())


def _ingest(
    uid: str,
    raw: bytes,
    internal_date: dt.datetime | None,
    service: ComplaintService,
    stats: PollStats,
) -> Outcome | None:
    try:
        outcome = ingest_raw(raw, internal_date or service.now(), service, source="imap")
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        # A bug must not block the mailbox: leave this message for the next poll, go on.
        log.error("poll: message uid %s not ingested (%s)", uid, error_summary(exc))
        stats.failed += 1
        return None
    stats.count(outcome)
    return outcome


class _Mover:
    """Moves committed messages in batches: one UID MOVE per folder instead of one per message
    (a move is the slowest step on a real server). Only committed messages are ever added.

    A message seen before means an earlier run died between commit and move: it is moved at
    once, so even a poller that keeps dying early makes progress on every run."""

    def __init__(self, mailbox: BaseMailBox) -> None:
        self.mailbox = mailbox
        self.pending: dict[str, list[str]] = defaultdict(list)

    def add(self, uid: str, folder: str, *, now: bool = False) -> None:
        self.pending[folder].append(uid)
        if now or sum(len(uids) for uids in self.pending.values()) >= MOVE_BATCH:
            self.flush()

    def flush(self) -> None:
        for folder, uids in list(self.pending.items()):
            self.mailbox.move(uids, folder)
            del self.pending[folder]

    def flush_quietly(self) -> None:
        """After a failure: move what is committed if the connection still works; if not,
        the next poll recognises those messages and moves them."""
        try:
            self.flush()
        except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:
            log.warning("poll: committed messages left for the next poll (%s)", type(exc).__name__)


def fetch_messages(
    mailbox: BaseMailBox, uids: list[str]
) -> Iterator[tuple[str, bytes, dt.datetime | None]]:
    """(uid, raw bytes, INTERNALDATE) per message, a few per round trip, without \\Seen."""
    for chunk in _chunks(uids, _sizes(mailbox, uids)):
        status, data = mailbox.client.uid(
            "FETCH", ",".join(chunk), "(UID INTERNALDATE BODY.PEEK[])"
        )
        if status != "OK":
            raise ImapToolsError(f"FETCH failed: {status}")
        found = _parse_fetch(data)
        for uid in chunk:
            if uid in found:  # else expunged by someone else meanwhile
                yield uid, *found[uid]


def _sizes(mailbox: BaseMailBox, uids: list[str]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        status, data = mailbox.client.uid(
            "FETCH", ",".join(uids[start : start + 500]), "(UID RFC822.SIZE)"
        )
        if status != "OK":
            raise ImapToolsError(f"FETCH failed: {status}")
        for item in data:
            line = item if isinstance(item, bytes) else item[0]
            uid, size = UID.search(line), SIZE.search(line)
            if uid and size:
                sizes[uid.group(1).decode()] = int(size.group(1))
    return sizes


def _chunks(uids: list[str], sizes: dict[str, int]) -> Iterator[list[str]]:
    """Up to FETCH_BATCH messages and FETCH_BYTES bytes per FETCH (a big one goes alone)."""
    chunk: list[str] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if chunk and (len(chunk) >= FETCH_BATCH or total + size > FETCH_BYTES):
            yield chunk
            chunk, total = [], 0
        chunk.append(uid)
        total += size
    if chunk:
        yield chunk


def _parse_fetch(data: list) -> dict[str, tuple[bytes, dt.datetime | None]]:
    found: dict[str, tuple[bytes, dt.datetime | None]] = {}
    for index, item in enumerate(data):
        if not isinstance(item, tuple):
            continue
        uid = UID.search(item[0])
        if uid is None:
            continue
        trailer = data[index + 1] if index + 1 < len(data) else b""
        meta = item[0] + (trailer if isinstance(trailer, bytes) else b"")
        found[uid.group(1).decode()] = (item[1], parse_internaldate(meta))
    return found


def parse_internaldate(response: bytes) -> dt.datetime | None:
    found = INTERNALDATE.search(response)
    if found is None:
        return None
    day, month, year, hour, minute, second, sign, off_h, off_m = (
        group.decode() for group in found.groups()
    )
    offset = dt.timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    return dt.datetime(
        int(year),
        MONTHS.index(month.lower()) + 1,
        int(day),
        int(hour),
        int(minute),
        int(second),
        tzinfo=dt.timezone(offset),
    )
