"""`klachtenbot ingest FILE|-` and `klachtenbot poll [--once]`: the intake's command-line side.

`ingest` takes one RFC 5322 message as a mail server alias pipes it, and answers with sysexits
codes so the mail server knows what to do: 0 stored/attached/ignored, 65 (EX_DATAERR) for input
that is no message at all (bounce it), 75 (EX_TEMPFAIL) when the database is down (retry later).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import BinaryIO, TextIO

from bot.dbproblems import database_problem, schema_problem
from bot.intake.acknowledge import send_pending_acknowledgements
from bot.intake.classify import Reason
from bot.intake.store import Outcome, OutcomeKind, error_summary, ingest_raw
from bot.readable import typed
from bot.service import ComplaintService
from bot.settings import Settings
from bot.texts import file_problem
from bot.texts import intake as text
from storage.db import Database, DatabaseUnavailable, SchemaProblem

log = logging.getLogger(__name__)

EX_OK = os.EX_OK
EX_DATAERR = os.EX_DATAERR  # 65
EX_NOINPUT = os.EX_NOINPUT  # 66
EX_TEMPFAIL = os.EX_TEMPFAIL  # 75
POLL_INTERVAL_SECONDS = 60.0
ServiceFactory = Callable[[Settings], ComplaintService]


def default_service(settings: Settings) -> ComplaintService:
    return ComplaintService(Database(settings.database_url), settings)


def ingest_command(
    source: str,
    settings: Settings,
    *,
    make_service: ServiceFactory = default_service,
    stdin: BinaryIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Ingest one message from the file `source` or from stdin ("-"); return a sysexits code."""
    err = stderr or sys.stderr
    try:
        raw = (stdin or sys.stdin.buffer).read() if source == "-" else _read_file(source)
    except OSError as exc:
        print(text.PIPE_UNREADABLE.format(source=source, error=file_problem(exc)), file=err)
        return EX_NOINPUT
    service = make_service(settings)
    if not _has_schema(service.db, err):
        return EX_TEMPFAIL
    try:
        outcome = ingest_raw(raw, service.now(), service, source="pipe")
    except DatabaseUnavailable as exc:
        print(_down(exc), file=err)
        return EX_TEMPFAIL
    except Exception as exc:
        # Any other failure: the mail server keeps the message and retries (a bounce would lose
        # it); the retry finds it stored if it got that far.
        log.error("ingest failed: %s", error_summary(exc))
        print(text.PIPE_FAILED.format(error=type(exc).__name__), file=err)
        return EX_TEMPFAIL
    print(describe(outcome), file=err)
    if outcome.reason is Reason.NOT_A_MESSAGE:
        return EX_DATAERR
    send_acknowledgements_now(service)
    return EX_OK


def poll_command(
    settings: Settings,
    once: bool,
    *,
    make_service: ServiceFactory = default_service,
    interval: float = POLL_INTERVAL_SECONDS,
    stderr: TextIO | None = None,
) -> int:
    """Read the mailbox once, or every `interval` seconds until interrupted; a failed round is
    reported and, when polling continuously, tried again next time."""
    err = stderr or sys.stderr
    service = make_service(settings)
    if not _has_schema(service.db, err):
        return EX_TEMPFAIL
    if once:
        return _poll_round(settings, service, err)
    try:
        while True:
            _poll_round(settings, service, err)
            time.sleep(interval)
    except KeyboardInterrupt:  # the operator stops the poller
        return EX_OK


def _poll_round(settings: Settings, service: ComplaintService, err: TextIO) -> int:
    # Imported here: `ingest`, started by the mail server for every message, needs no IMAP.
    import imaplib

    from imap_tools.errors import ImapToolsError

    from bot.intake.imap import poll_once

    try:
        stats = poll_once(settings, service)
    except DatabaseUnavailable as exc:
        print(_down(exc), file=err)
        return EX_TEMPFAIL
    except (OSError, imaplib.IMAP4.error, ImapToolsError) as exc:
        print(text.POLL_FAILED.format(error=_one_line(exc)), file=err)
        return EX_TEMPFAIL
    print(text.POLL_SUMMARY.format(**vars(stats)), file=err)
    for reason, count in sorted(stats.reasons.items()):
        print(text.POLL_REASON.format(count=count, reason=text.REASON_LABELS[reason]), file=err)
    send_acknowledgements_now(service)
    return EX_OK


def _has_schema(db: Database, err: TextIO) -> bool:
    """Checked before the first write, so that a wrong DATABASE_URL creates no file: the mail
    server keeps the message (75) until `db upgrade` has run or the setting is fixed."""
    try:
        if not db.has_schema():
            command = typed("klachtenbot db upgrade")
            print(text.PIPE_NO_SCHEMA.format(url=db.safe_url, command=command), file=err)
            return False
        db.check_revision()
        return True
    except SchemaProblem as exc:
        print(f"{schema_problem(exc)} {text.PIPE_KEPT}", file=err)
    except DatabaseUnavailable as exc:
        print(_down(exc), file=err)
    return False


def _down(exc: DatabaseUnavailable) -> str:
    return f"{database_problem(exc)} {text.PIPE_KEPT}"


def describe(outcome: Outcome) -> str:
    """One Dutch line for the mail server's log: what became of the message."""
    if outcome.reason is Reason.NOT_A_MESSAGE:
        return text.PIPE_NOT_A_MESSAGE
    templates = {
        OutcomeKind.STORED: (text.PIPE_STORED, text.PIPE_DUPLICATE_STORED),
        OutcomeKind.ATTACHED: (text.PIPE_ATTACHED, text.PIPE_DUPLICATE_ATTACHED),
        OutcomeKind.IGNORED: (text.PIPE_IGNORED, text.PIPE_DUPLICATE_IGNORED),
    }
    template = templates[outcome.kind][outcome.duplicate]
    reason = text.REASON_LABELS.get(str(outcome.reason), "")
    return template.format(reference=outcome.reference, reason=reason)


def send_acknowledgements_now(service: ComplaintService) -> None:
    """Best effort: a failure is recorded per acknowledgement and retried later."""
    if not service.settings.send_acknowledgements:
        return
    try:
        send_pending_acknowledgements(service)
    except Exception as exc:  # the intake itself succeeded; its exit code must not change
        log.warning("acknowledgements not sent now: %s", error_summary(exc))


def _read_file(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _one_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
