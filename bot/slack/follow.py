"""Let a process that stores complaints without serving Slack (ingest, poll) bring Slack up to
date right after each commit. What it cannot deliver stays pending in the database for any
`run`, `web` or `clock` process to deliver."""

from __future__ import annotations

import logging

from bot.procedure import Complaint
from bot.service import ComplaintService

logger = logging.getLogger(__name__)


def follow_in_slack(service: ComplaintService) -> None:
    """Hook delivery onto `service.after_commit` when Slack is configured."""
    settings = service.settings
    if not (settings.slack_bot_token and settings.complaints_channel):
        return
    # Only now: a mail server starts `ingest` per message, and without Slack it needs none of it.
    from bot.slack.client import web_client
    from bot.slack.delivery import Deliverer

    deliverer = Deliverer(service, web_client(settings, for_delivery=True))

    def deliver(complaint: Complaint) -> None:
        try:
            deliverer.deliver_pending()
        except Exception as exc:
            # The complaint is stored; Slack catches up from the outbox later. Only the error
            # type is logged: database and HTTP error texts can quote personal data.
            logger.warning(
                "Slack delivery after storing %s failed (%s); it stays queued",
                complaint.reference,
                type(exc).__name__,
            )

    service.after_commit.append(deliver)
