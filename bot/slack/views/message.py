"""The complaint's root message in the complaints channel, and one thread post per event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.phones import format_phone
from bot.procedure import Complaint, Event, EventKind, State
from bot.readable import EMPTY_LISTS, VALUE_LABELS
from bot.slack.context import Context
from bot.slack.ids import ActionId
from bot.slack.views.blocks import (
    actions,
    button,
    context,
    escape,
    fields_section,
    header,
    section,
    truncate,
)
from bot.slack.views.discussion import ask_someone_else, officer_pings
from bot.slack.views.notices import notice_message
from bot.texts import (
    CATEGORY_LABELS,
    EVENT_LABELS,
    PHONE_MISSING,
    RELATION_TYPE_LABELS,
    STATE_LABELS,
    clock_time,
    date_in_words,
    moment_in_words,
)
from bot.texts import discussion as discussion_text
from bot.texts import find as find_text
from bot.texts import slack as text
from bot.texts.privacy import ANONYMISED_COMPLAINANT, REMOVED
from bot.workdays import WorkCalendar

PREVIEW_CHARS = 600
PREVIEW_LINES = 6

BUTTONS: dict[ActionId, tuple[str, str | None]] = {
    ActionId.REGISTER: (text.BUTTON_REGISTER, "primary"),
    ActionId.CONTACT: (text.BUTTON_CONTACT, "primary"),
    ActionId.CLOSE: (text.BUTTON_CLOSE, "primary"),
    ActionId.REOPEN: (text.BUTTON_REOPEN, None),
    ActionId.NOTE: (text.BUTTON_NOTE, None),
    ActionId.REJECT: (text.BUTTON_REJECT, "danger"),
    ActionId.DISCUSS: (discussion_text.BUTTON_DISCUSS, None),
    ActionId.DISCUSSED: (discussion_text.BUTTON_DISCUSSED, None),
}


def available_actions(complaint: Complaint) -> list[ActionId]:
    """The buttons that fit the complaint's state, the next step first."""
    if complaint.state is State.RECEIVED:
        return [ActionId.REGISTER, ActionId.NOTE, ActionId.REJECT]
    if not complaint.is_open:
        return [ActionId.REOPEN, ActionId.NOTE]
    first = [ActionId.CLOSE] if complaint.contacted_at else [ActionId.CONTACT]
    if complaint.discussed_at is None:
        # From registration on, in any order with the contact; more people can be asked.
        if complaint.discussion_requested_at is not None:
            first.append(ActionId.DISCUSSED)
        first.append(ActionId.DISCUSS)
    return [*first, ActionId.NOTE, ActionId.REJECT]


def allowed_actions(complaint: Complaint) -> list[ActionId]:
    """The root message's buttons, and the one on an effectiveness check reminder while the
    check is planned and not recorded."""
    check = complaint.effectiveness_check_on and complaint.effectiveness_result is None
    return [*available_actions(complaint), *([ActionId.EFFECTIVENESS] if check else [])]


def root_message(
    complaint: Complaint, *, now: dt.datetime, calendar: WorkCalendar
) -> dict[str, Any]:
    """`text` (notification fallback) and `blocks` for chat.postMessage / chat.update."""
    reference = complaint.reference or "?"
    subject = complaint.subject.strip() or text.NO_SUBJECT
    title = f"{reference} · {STATE_LABELS[complaint.state]}"
    if is_overdue(complaint, now):
        title += f" · {text.OVERDUE_MARK}"
    blocks = [
        header(title),
        fields_section(complainant_fields(complaint)),
        section(
            f"*{text.FIELD_SUBJECT}:* {escape(truncate(subject, 300))}\n{preview(complaint.body)}"
        ),
    ]
    deadline = deadline_line(complaint, now, calendar)
    if deadline:
        blocks.append(context(deadline))
    if complaint.source_link:
        blocks.append(context(source_link(complaint.source_link)))
    value = Context(reference=reference).dump()
    blocks.append(
        actions([action_button(action, value) for action in available_actions(complaint)])
    )
    fallback = text.NEW_COMPLAINT_FALLBACK.format(
        reference=reference, subject=escape(subject[:150])
    )
    return {"text": fallback, "blocks": blocks}


def event_message(complaint: Complaint, event: Event) -> dict[str, Any]:
    """A thread post: what happened, by whom, when, and the details entered (a notice of the
    clock reads as itself)."""
    if event.kind is EventKind.WARNING_SENT and "notice" in event.data:
        return notice_message(complaint, event)
    label = EVENT_LABELS[event.kind]
    moment = moment_in_words(event.at)
    blocks = [
        section(
            text.EVENT_BY.format(label=f"*{label}*", actor=escape(event.actor_label), moment=moment)
        )
    ]
    blocks += [section(line) for line in _details(event)]
    pings = officer_pings(event)
    blocks += [section(line) for line in pings]
    blocks += ask_someone_else(complaint, event)
    # Mentions in the notification text too, so the officer is notified.
    fallback = " ".join(
        [text.EVENT_FALLBACK.format(reference=complaint.reference, label=label), *pings]
    )
    return {"text": fallback, "blocks": blocks[:50]}


def action_button(action: ActionId, value: str) -> dict[str, Any]:
    label, style = BUTTONS[action]
    return button(label, action.value, value, style)


def complainant_fields(complaint: Complaint) -> dict[str, str]:
    name = complaint.complainant_name or complaint.complainant_email or text.UNKNOWN_COMPLAINANT
    phone = phone_link(complaint.complainant_phone)
    if complaint.phone_uncertain and complaint.complainant_phone:
        phone = text.PHONE_UNCERTAIN.format(phone=phone)
    if complaint.anonymised_at is not None:
        name = phone = ANONYMISED_COMPLAINANT
    relation = complaint.relation_type
    category = complaint.category
    return {
        text.FIELD_COMPLAINANT: escape(name),
        text.FIELD_RELATION: RELATION_TYPE_LABELS[relation] if relation else text.NOT_YET_RECORDED,
        text.FIELD_PHONE: phone,
        text.FIELD_CATEGORY: CATEGORY_LABELS[category] if category else text.NOT_YET_RECORDED,
    }


def source_link(permalink: str) -> str:
    """A link back to the Slack message a complaint was made from."""
    return find_text.SOURCE_LINK.format(link=_link_target(permalink))


def _link_target(url: str) -> str:
    # Inside <url|label> a '|' or '>' would end the link early.
    return url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")


def phone_link(e164: str | None) -> str:
    """A tap-to-call link showing the number the Dutch way, or that it is missing."""
    if not e164:
        return PHONE_MISSING
    return f"<tel:{e164}|{format_phone(e164)}>"


def preview(body: str) -> str:
    """The first lines of the complaint, quoted."""
    lines = [line for line in body.strip().splitlines() if line.strip()][:PREVIEW_LINES]
    preview = truncate("\n".join(lines), PREVIEW_CHARS)
    return "\n".join(f"> {escape(line)}" for line in preview.splitlines())


def is_overdue(complaint: Complaint, now: dt.datetime) -> bool:
    """Open, no contact recorded, and past the contact deadline."""
    return (
        complaint.is_open and complaint.contacted_at is None and now >= complaint.contact_deadline
    )


def deadline_line_changes(complaint: Complaint, now: dt.datetime) -> dt.datetime | None:
    """When the root message's deadline line next reads differently: at local midnight ("nog 2
    werkdagen" -> "nog 1"), at the deadline itself, or never (contacted, closed, overdue)."""
    deadline = complaint.contact_deadline
    if not complaint.is_open or complaint.contacted_at is not None or now >= deadline:
        return None
    local = now.astimezone(deadline.tzinfo)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(), local.tzinfo)
    return min(midnight, deadline)


def deadline_line(complaint: Complaint, now: dt.datetime, calendar: WorkCalendar) -> str | None:
    if complaint.contacted_at is not None:
        return text.CONTACT_DONE.format(moment=moment_in_words(complaint.contacted_at))
    if not complaint.is_open:
        return None
    deadline = complaint.contact_deadline
    if now >= deadline:
        return text.DEADLINE_PASSED.format(moment=moment_in_words(deadline))
    days = calendar.working_days_left(now, deadline)
    if days <= 0:
        return text.DEADLINE_TODAY.format(time=clock_time(deadline))
    plural = "" if days == 1 else "en"
    return text.DEADLINE_OPEN.format(moment=moment_in_words(deadline), days=days, plural=plural)


def _details(event: Event) -> list[str]:
    lines = []
    for key, value in event.data.items():
        label = text.DATA_LABELS.get(key)
        if label is not None:
            lines.append(f"*{label}:* {_readable(key, value)}")
    return lines


def _readable(key: str, value: Any) -> str:
    if value == REMOVED:
        return REMOVED
    if isinstance(value, list):
        return ", ".join(_readable(key, item) for item in value) or EMPTY_LISTS.get(key, "-")
    if key in VALUE_LABELS:
        return VALUE_LABELS[key].get(str(value), escape(str(value)))
    if key == "complainant_phone":
        return phone_link(str(value))
    if key in ("employee_id", "employee_ids"):
        return f"<@{value}>"
    if key == "shared":
        return discussion_text.SHARED_LABELS.get(str(value), escape(str(value)))
    if key in ("contacted_at", "discussed_at", "meeting_at"):
        return moment_in_words(dt.datetime.fromisoformat(str(value)))
    if key == "effectiveness_check_on":
        return date_in_words(dt.date.fromisoformat(str(value)))
    return escape(truncate(str(value), 2800))


# The event each button's step records, to say who took the step a stale button asks for.
STEP_EVENTS = {
    "register": EventKind.REGISTERED,
    "record_contact": EventKind.CONTACT_RECORDED,
    "request_discussion": EventKind.DISCUSSION_REQUESTED,
    "record_discussion": EventKind.DISCUSSION_RECORDED,
    "close": EventKind.CLOSED,
    "reject": EventKind.REJECTED,
    "reopen": EventKind.REOPENED,
    "record_effectiveness": EventKind.EFFECTIVENESS_RECORDED,
}


def stale_button_message(complaint: Complaint, step_name: str, now: dt.datetime) -> str:
    """For a click on a button the complaint has moved past: who took that step and when, or
    else who last moved the complaint on."""
    state = STATE_LABELS[complaint.state].lower()
    done = STEP_EVENTS.get(step_name)
    changed = next(
        (e for e in reversed(complaint.events) if e.kind is done),
        next((e for e in reversed(complaint.events) if e.before != e.after), None),
    )
    if changed is None:
        return text.STALE_BUTTON_UNKNOWN.format(state=state)
    same_day = changed.at.astimezone(now.tzinfo).date() == now.date()
    if same_day:
        when = text.STALE_AT.format(time=clock_time(changed.at))
    else:
        when = text.STALE_ON.format(moment=moment_in_words(changed.at))
    return text.STALE_BUTTON.format(state=state, actor=escape(changed.actor_label), when=when)
