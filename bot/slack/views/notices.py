"""The clock's notices: in a complaint's thread (a WARNING_SENT event) and to management."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.jobs.digest import Entry
from bot.procedure import Complaint, Event
from bot.slack.context import Context
from bot.slack.ids import ActionId
from bot.slack.views.blocks import actions, button, context, section
from bot.texts import CATEGORY_LABELS, STATE_LABELS, clock_time, date_in_words, moment_in_words
from bot.texts import jobs as text
from bot.texts import slack as slack_text

# A notice sent this much after its due moment says when it was due (a catch-up).
LATE = dt.timedelta(minutes=15)


def notice_message(complaint: Complaint, event: Event) -> dict[str, Any]:
    """The thread post of a notice, mentioning the officers; a catch-up says when it was due."""
    notice = event.data["notice"]
    due_at = dt.datetime.fromisoformat(event.data["due_at"]).astimezone(event.at.tzinfo)
    mentions = " ".join(event.data.get("mention", []))
    reference = complaint.reference or "?"
    deadline = complaint.contact_deadline
    line = {
        "pre_warning": text.NOTICE_PRE_WARNING,
        "overdue": text.NOTICE_OVERDUE,
        "effectiveness_check": text.NOTICE_EFFECTIVENESS,
    }[notice].format(
        mentions=mentions,
        reference=reference,
        time=clock_time(deadline),
        moment=moment_in_words(deadline),
        day=_check_day(complaint.effectiveness_check_on, event.at),
    )
    blocks = [section(line)]
    if event.at - due_at > LATE:
        blocks.append(context(text.NOTICE_LATE.format(moment=moment_in_words(due_at))))
    if notice == "effectiveness_check" and complaint.effectiveness_result is None:
        value = Context(reference=reference).dump()
        blocks.append(
            actions(
                [button(slack_text.BUTTON_EFFECTIVENESS, ActionId.EFFECTIVENESS, value, "primary")]
            )
        )
    fallback = line.replace(f"{mentions} ", "")
    return {"text": fallback, "blocks": blocks}


def _check_day(check_on: dt.date | None, sent_at: dt.datetime) -> str:
    """'Vandaag', or for a check that fell in a weekend or while the bot was off, its day."""
    if check_on is None or check_on == sent_at.date():
        return text.TODAY
    return text.ON_DAY.format(day=date_in_words(check_on))


def escalation_message(
    complaint: Complaint, due_at: dt.datetime, now: dt.datetime, mentions: list[str]
) -> dict[str, Any]:
    """To management: which complaint, since when; nothing about the complainant."""
    due_at = due_at.astimezone(complaint.contact_deadline.tzinfo)
    category = CATEGORY_LABELS[complaint.category] if complaint.category else text.NO_CATEGORY
    line = text.ESCALATION.format(
        reference=complaint.reference,
        category=category,
        moment=moment_in_words(due_at),
        mentions=" ".join(mentions) or "-",
    )
    blocks = [section(line)]
    if now - due_at > LATE:
        blocks.append(context(text.NOTICE_LATE.format(moment=moment_in_words(due_at))))
    return {
        "text": text.ESCALATION_FALLBACK.format(reference=complaint.reference),
        "blocks": blocks,
    }


def digest_message(entries: list[Entry], total: int, days: int) -> dict[str, Any]:
    """The officer's weekly list of complaints open too long, oldest first."""
    if not total:
        return {
            "text": text.DIGEST_FALLBACK,
            "blocks": [section(text.DIGEST_NONE.format(days=days))],
        }
    title = text.DIGEST_TITLE.format(total=total, plural="" if total == 1 else "en", days=days)
    lines = [
        text.DIGEST_LINE.format(
            reference=entry.reference,
            state=STATE_LABELS[entry.state],
            received=date_in_words(entry.received_at.date()),
            days=entry.working_days,
        )
        for entry in entries
    ]
    if total > len(entries):
        lines.append(text.DIGEST_MORE.format(count=total - len(entries)))
    return {"text": text.DIGEST_FALLBACK, "blocks": [section(title), section("\n".join(lines))]}
