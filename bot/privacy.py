"""Retention and erasure: remove a complaint's personal data, keep its figures.

Both are stateless scans with "now" passed in: retention anonymises every closed or rejected
complaint `RETENTION_MONTHS` past its end, erasure every complaint of one complainant at once.
Each complaint is cleaned in its own transaction, so a run that stops halfway is simply run
again; a complaint already anonymised is never found again, so a second run changes nothing.
After each commit the service's hooks let Slack follow: the root message and every thread post
of the complaint are rewritten (chat.update) from the anonymised data.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from dateutil.relativedelta import relativedelta

from bot.procedure import Complaint, ConcurrentChange
from bot.procedure.privacy import Basis, anonymise, retention_due
from bot.service import ComplaintService
from bot.settings import Settings, SettingsError
from storage.models.intake import InboundMessage
from storage.privacy import PersonalDataStore

log = logging.getLogger(__name__)

MONTH_END_MARGIN = dt.timedelta(days=4)


@dataclass(frozen=True)
class Cleaning:
    """One complaint cleaned (or, in a preview, to be cleaned): how many values it touched."""

    reference: str
    fields: int
    emails: int
    attachments: int


@dataclass(frozen=True)
class CleaningRun:
    """The complaints cleaned, and the e-mails that belonged to no complaint (auto-replies,
    bounces, ignored mail) whose raw text was removed."""

    complaints: list[Cleaning]
    other_emails: int
    # Handled e-mails deleted from the mailbox folders; None when no mailbox is configured or
    # it could not be reached (then `mailbox_error` says why, and the next run tries again).
    mailbox: int | None = None
    mailbox_error: str | None = None


def run_retention(
    service: ComplaintService, *, now: dt.datetime, dry_run: bool = False
) -> CleaningRun:
    """Anonymise (or with `dry_run`, list) the complaints past the retention period, and
    remove e-mails of no complaint received longer than the period ago."""
    months = service.settings.retention_months
    cutoff = now - relativedelta(months=months)

    def due(complaint: Complaint) -> bool:
        return retention_due(complaint, now=now, months=months)

    # The database narrows down (a few days' margin for months of unequal length); the
    # procedure's rule decides.
    candidates = _candidates(service, lambda store: store.ended_before(cutoff + MONTH_END_MARGIN))
    cleaned = _clean(service, candidates, Rule(due, Basis.RETENTION, now), dry_run)
    others = _clean_unlinked(service, dry_run, lambda store: store.unlinked_before(cutoff))
    local_cutoff = cutoff.astimezone(service.settings.tz).date()
    mailbox, error = _clean_mailbox(
        service.settings,
        lambda cleanup: cleanup.delete_old_mail(service.settings, local_cutoff, dry_run=dry_run),
    )
    return CleaningRun(cleaned, others, mailbox, error)


def erase_complainant(
    service: ComplaintService, email: str, *, now: dt.datetime, dry_run: bool = False
) -> CleaningRun:
    """Anonymise (or with `dry_run`, list) everything stored about one complainant."""
    candidates = _candidates(service, lambda store: store.complainant_ids(email))
    everything = Rule(lambda _complaint: True, Basis.ERASURE, now)
    cleaned = _clean(service, candidates, everything, dry_run)
    others = _clean_unlinked(service, dry_run, lambda store: store.unlinked_messages_from(email))
    mailbox, error = _clean_mailbox(
        service.settings,
        lambda cleanup: cleanup.delete_mail_from(service.settings, email, dry_run=dry_run),
    )
    return CleaningRun(cleaned, others, mailbox, error)


def _clean_mailbox(
    settings: Settings, clean: Callable[[ModuleType], int]
) -> tuple[int | None, str | None]:
    """Run `clean` with bot.intake.mailbox_cleanup when a mailbox is configured (IMAP is loaded
    only then); a failure is reported, not raised, since the database part is done and stays
    done."""
    if not settings.imap_host:
        return None, None
    import imaplib

    from imap_tools.errors import ImapToolsError

    from bot.intake import mailbox_cleanup

    try:
        return clean(mailbox_cleanup), None
    except (OSError, imaplib.IMAP4.error, ImapToolsError, SettingsError) as exc:
        reason = type(exc).__name__
        log.warning("mailbox cleanup failed (%s); the next run tries again", reason)
        return None, reason


def _clean_unlinked(
    service: ComplaintService,
    dry_run: bool,
    select: Callable[[PersonalDataStore], list[InboundMessage]],
) -> int:
    with service.db.session() as session:
        store = PersonalDataStore(session, service.settings.tz, service.settings.outbox)
        messages = select(store)
        if not dry_run:
            store.scrub_messages(messages)
    if messages and not dry_run:
        log.info("%d e-mails outside complaints removed", len(messages))
    return len(messages)


def _candidates(
    service: ComplaintService, find: Callable[[PersonalDataStore], list[int]]
) -> list[int]:
    with service.db.reading() as session:
        return find(PersonalDataStore(session, service.settings.tz, service.settings.outbox))


@dataclass(frozen=True)
class Rule:
    """What one retention or erasure run cleans: the complaints it wants, on what basis, when."""

    wanted: Callable[[Complaint], bool]
    basis: Basis
    now: dt.datetime


def _clean(
    service: ComplaintService, candidates: list[int], rule: Rule, dry_run: bool
) -> list[Cleaning]:
    """Clean (or preview) each wanted complaint, each read afresh in its own transaction, so a
    first run over years of complaints holds only their ids in memory."""
    step = _preview if dry_run else _clean_one
    cleaned = []
    for complaint_id in candidates:
        result = step(service, complaint_id, rule)
        if result is not None:
            cleaned.append(result)
    return cleaned


def _preview(service: ComplaintService, complaint_id: int, rule: Rule) -> Cleaning | None:
    with service.db.reading() as session:
        store = PersonalDataStore(session, service.settings.tz, service.settings.outbox)
        complaint = store.complaints.get_by_id(complaint_id)
        if not rule.wanted(complaint):
            return None
        assert complaint.reference is not None
        removed = store.removable(complaint_id)
    fields = anonymise(complaint, basis=rule.basis, now=rule.now).fields
    return Cleaning(complaint.reference, fields, removed.emails, removed.attachments)


def _clean_one(service: ComplaintService, complaint_id: int, rule: Rule) -> Cleaning | None:
    try:
        with service.db.session() as session:
            store = PersonalDataStore(session, service.settings.tz, service.settings.outbox)
            fresh = store.complaints.get_by_id(complaint_id)
            # Another run may have been first, or the rule no longer holds (it was reopened).
            if fresh.anonymised_at is not None or not rule.wanted(fresh):
                return None
            anonymised = anonymise(fresh, basis=rule.basis, now=rule.now)
            removed = store.anonymise(anonymised)
            stored = store.complaints.get_by_id(complaint_id)
    except ConcurrentChange:
        log.warning(
            "complaint %d changed while being anonymised; the next run takes it", complaint_id
        )
        return None
    assert fresh.reference is not None
    log.info(
        "anonymised %s (%s): %d fields, %d e-mails, %d attachments",
        fresh.reference,
        rule.basis.value,
        anonymised.fields,
        removed.emails,
        removed.attachments,
    )
    service.notify(stored)
    return Cleaning(fresh.reference, anonymised.fields, removed.emails, removed.attachments)
