"""The reports in Slack: summary blocks, posting to the management channel, the officer's
analysis / advice modal, `/klacht rapport <periode>`, and the listeners for the modal.

Wiring (done by the Slack app): `reports.slack.register(app, deps)` in register_listeners adds
the `rapport` subcommand to the /klacht dispatcher and registers the button and the modal; all
slow work runs on `deps.after_ack` after the acknowledgement.
Heavy modules (numpy, matplotlib) are imported only when a report is made.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient

from bot.procedure import Role
from bot.settings import Settings
from bot.slack.views.blocks import escape
from bot.texts import moment_in_words
from bot.texts import reports as text
from reports.periods import Period, PeriodError, parse_period
from storage.db import Database

if TYPE_CHECKING:
    from logging import Logger

    from slack_bolt import Ack, App

    from reports.store import Report

SECTION_LIMIT = 3000
# Slack shows at most 10 fields: the contact counts stay in the files, the rate shows.
FIELD_SKIPPED = (text.ON_TIME, text.LATE, text.AWAITING_CONTACT)
TEXT_BLOCK = "report_text"
TEXT_ACTION = "value"
SUBCOMMAND = "rapport"


class ReportActionId(StrEnum):
    ADD_TEXT = "report_add_text"


class ReportCallbackId(StrEnum):
    TEXT = "report_text_modal"


# -- blocks (pure) ---------------------------------------------------------------------------


def _section(body: str) -> dict[str, Any]:
    if len(body) > SECTION_LIMIT:
        body = body[: SECTION_LIMIT - len(text.SLACK_MORE) - 1] + "\n" + text.SLACK_MORE
    return {"type": "section", "text": {"type": "mrkdwn", "text": body}}


def _header(report: Report) -> str:
    figures = report.figures
    if report.kind == "year":
        return text.SLACK_HEADER_YEAR.format(year=figures.period)
    return text.SLACK_HEADER_QUARTER.format(title=figures.title)


def _field(row: tuple[str, ...], compared: tuple[str, ...]) -> str:
    """'*Ontvangen*\n9  (+7 t.o.v. 2026-Q1 · +8 t.o.v. 2025-Q2)': the value and each change."""
    label, now, *others = row
    changes = [
        text.SLACK_CHANGE.format(change=change, label=other)
        for other, change in zip(compared, others[1::2], strict=True)
        if change != text.NONE
    ]
    if not changes:
        return text.SLACK_FIELD.format(label=label, value=now)
    return text.SLACK_FIELD_CHANGE.format(label=label, value=now, changes=" · ".join(changes))


def _fields(report: Report) -> list[dict[str, Any]]:
    """The key figures as fields, in sections of at most 10 (Slack refuses more)."""
    from reports.summary import comparison_header, comparison_rows

    compared = comparison_header(report.figures)[2::2]
    rows = [row for row in comparison_rows(report.figures) if row[0] not in FIELD_SKIPPED]
    fields = [{"type": "mrkdwn", "text": _field(row, compared)} for row in rows]
    return [{"type": "section", "fields": fields[i : i + 10]} for i in range(0, len(fields), 10)]


def _listing(title: str, rows: list[tuple[str, ...]]) -> dict[str, Any]:
    lines = [
        text.SLACK_LIST_LINE.format(label=escape(row[0]), count=" · ".join(row[1:])) for row in rows
    ]
    return _section("\n".join([f"*{title}*", *lines]))


def _quarters_table(report: Report) -> dict[str, Any]:
    from reports.summary import quarters_header, quarters_rows

    figures = report.figures
    table = [quarters_header(figures), *quarters_rows(figures)]
    width = max(len(row[0]) for row in table)
    lines = [row[0].ljust(width) + "".join(cell.rjust(9) for cell in row[1:]) for row in table]
    return _section(f"*{text.QUARTERS_SIDE_BY_SIDE}*\n```" + "\n".join(lines) + "```")


def summary_blocks(report: Report) -> list[dict[str, Any]]:
    """The report as management reads it in the channel (charts follow as files)."""
    from reports.export import report_texts
    from reports.summary import breakdown, comparison_header, effectiveness_rows, pareto_rows

    figures = report.figures
    generated = text.SLACK_GENERATED.format(
        moment=moment_in_words(report.generated_at),
        compared=text.AND.join(comparison_header(figures)[2::2]),
    )
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _header(report)[:150]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": generated}]},
        *_fields(report),
    ]
    if figures.quarters:
        blocks.append(_quarters_table(report))
    if not figures.is_empty:
        categories = breakdown(figures.by_category, text.category_label)
        blocks.append(_listing(text.BY_CATEGORY, categories))
    if figures.root_causes:
        blocks.append(_listing(text.ROOT_CAUSES, pareto_rows(figures)))
    if figures.kind == "year" and any(figures.effectiveness.values()):
        blocks.append(_listing(text.EFFECTIVENESS_CHECKS, effectiveness_rows(figures)))
    blocks.append({"type": "divider"})
    blocks += [_section(f"*{heading}*\n{body}") for heading, body in report_texts(report)]
    return blocks


def key_figure_blocks(report: Report) -> list[dict[str, Any]]:
    """The header, date and key figures of a stored report (management's App Home)."""
    return summary_blocks(report)[: 2 + len(_fields(report))]


def preview_blocks(report: Report, post_at: dt.datetime | None) -> list[dict[str, Any]]:
    """The officer's direct message: what is ready, and the button to add their text."""
    if report.kind == "year":
        intro = text.SLACK_PREVIEW_YEAR.format(label=report.period)
    else:
        deadline = moment_in_words(post_at) if post_at else text.NONE
        intro = text.SLACK_PREVIEW_QUARTER.format(label=report.period, deadline=deadline)
    return [_section(intro), *summary_blocks(report), _button(report)]


def reminder_blocks(report: Report) -> list[dict[str, Any]]:
    return [_section(text.SLACK_REMINDER_YEAR.format(label=report.period)), _button(report)]


def _button(report: Report) -> dict[str, Any]:
    label = text.BUTTON_ADD_ADVICE if report.kind == "year" else text.BUTTON_ADD_ANALYSIS
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": ReportActionId.ADD_TEXT.value,
                "text": {"type": "plain_text", "text": label},
                "style": "primary",
                "value": json.dumps({"report_id": report.id}),
            }
        ],
    }


def _modal_frame(kind: str, blocks: list[dict[str, Any]], metadata: str) -> dict[str, Any]:
    title = text.MODAL_TITLE_YEAR if kind == "year" else text.MODAL_TITLE_QUARTER
    return {
        "type": "modal",
        "callback_id": ReportCallbackId.TEXT.value,
        "title": {"type": "plain_text", "text": title},
        "close": {"type": "plain_text", "text": text.MODAL_CLOSE},
        "private_metadata": metadata,
        "blocks": blocks,
    }


def loading_modal(kind: str, label: str) -> dict[str, Any]:
    """Shown at once (the trigger lives 3 s) while the report is made."""
    return _modal_frame(kind, [_section(text.MODAL_LOADING.format(label=label))], "")


def _text_input(report: Report) -> dict[str, Any]:
    """The officer's analysis (a quarter, optional) or advice (a year, required)."""
    year = report.kind == "year"
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": TEXT_ACTION,
        "multiline": True,
        "max_length": SECTION_LIMIT - 100,
    }
    current = report.advice if year else report.officer_text
    if current:
        element["initial_value"] = current
    label = text.MODAL_ADVICE_LABEL if year else text.MODAL_OFFICER_LABEL
    hint = text.MODAL_ADVICE_HINT if year else text.MODAL_OFFICER_HINT
    return {
        "type": "input",
        "block_id": TEXT_BLOCK,
        "optional": not year,
        "label": {"type": "plain_text", "text": label},
        "hint": {"type": "plain_text", "text": hint},
        "element": element,
    }


def text_modal(report: Report) -> dict[str, Any]:
    """The generated analysis, and the input for the officer's own text."""
    intro = _section(text.MODAL_INTRO.format(title=_header(report), analysis=report.analysis))
    view = _modal_frame(
        report.kind, [intro, _text_input(report)], json.dumps({"report_id": report.id})
    )
    view["submit"] = {"type": "plain_text", "text": text.MODAL_SUBMIT}
    return view


def parse_text_submission(view: dict[str, Any]) -> tuple[int, str | None]:
    """(report id, the typed text or None) from a submitted text_modal."""
    report_id = int(json.loads(view["private_metadata"])["report_id"])
    value = view["state"]["values"].get(TEXT_BLOCK, {}).get(TEXT_ACTION, {}).get("value")
    return report_id, (value or "").strip() or None


# -- posting ---------------------------------------------------------------------------------


def report_files(db: Database, settings: Settings, report: Report, folder: Path) -> list[Path]:
    """What is uploaded with the summary: the charts, the CSV and, for a year, the PDF."""
    from reports.files import write_report_files

    files = write_report_files(db, settings, report, folder)
    return [path for path in files if path.name != text.SUMMARY_FILE]


def post_report(client: WebClient, db: Database, settings: Settings, report: Report) -> str:
    """Post the summary to MANAGEMENT_CHANNEL and upload the files; returns the message ts."""
    settings.require("management_channel")
    channel = settings.management_channel
    posted = client.chat_postMessage(
        channel=channel,
        text=text.SLACK_FALLBACK.format(label=report.period),
        blocks=summary_blocks(report),
    )
    what = text.SLACK_WHAT_YEAR if report.kind == "year" else text.SLACK_WHAT_QUARTER
    with tempfile.TemporaryDirectory(prefix="klachtenbot-rapport-") as folder:
        files = report_files(db, settings, report, Path(folder))
        client.files_upload_v2(
            channel=channel,
            initial_comment=text.SLACK_FILES_COMMENT.format(what=what, label=report.period),
            file_uploads=[
                {"file": str(path), "filename": path.name, "title": path.stem} for path in files
            ],
        )
    return str(posted["ts"])


def publish(
    client: WebClient, db: Database, settings: Settings, report: Report, now: dt.datetime
) -> None:
    """Post `report` and record it as posted. A report of the whole period (made after it
    ended) also takes the scheduler's 'post' step, so the fallback does not post it again; an
    on-demand report of a period still running leaves that step to the scheduler."""
    from reports.schedule import Step, step_key
    from reports.store import ReportStore

    post_report(client, db, settings, report)
    complete = report.generated_at >= parse_period(report.period, settings.tz).end
    with db.session() as session:
        store = ReportStore(session, settings.tz)
        assert report.id is not None
        store.mark_posted(report.id, now)
        if complete:
            store.claim(step_key(Step.POST, report.period), now)


def submit_report_text(
    client: WebClient,
    db: Database,
    settings: Settings,
    report_id: int,
    typed: str | None,
    now: dt.datetime,
) -> Report:
    """Store the officer's analysis (quarter) or advice (year) with the report and post it."""
    from reports.store import ReportStore

    with db.session() as session:
        store = ReportStore(session, settings.tz)
        report = store.get(report_id)
        year = report.kind == "year"
        store.add_texts(
            report_id,
            officer_text=report.officer_text if year else typed,
            advice=typed if year else report.advice,
        )
        report = store.get(report_id)
    publish(client, db, settings, report, now)
    return report


# -- listeners -------------------------------------------------------------------------------


def handle_report(call: Any) -> None:
    """`/klacht rapport 2026-Q3` (an Invocation of the /klacht dispatcher).

    Answers at once; the report is made on the after-ack threads. The officer gets the modal
    to add their analysis before it is posted; management gets it posted in the management
    channel straight away; anyone else a short refusal."""
    settings: Settings = call.deps.service.settings
    try:
        period = parse_period(call.args, settings.tz)
    except PeriodError as exc:
        call.ack(text=exc.message)
        return
    actor = call.deps.actors.of(call.body)
    if actor.role not in (Role.OFFICER, Role.MANAGEMENT):
        call.ack(text=text.COMMAND_NOT_ALLOWED)
        return
    if not settings.management_channel:
        call.ack(text=text.COMMAND_NO_CHANNEL)
        return
    if actor.role is Role.MANAGEMENT:
        call.ack(text=text.COMMAND_WORKING.format(label=period.label))
        _after_ack(call, lambda: _make_and_post(call, period, actor.user_id))
    else:
        call.ack()
        _after_ack(call, lambda: _make_and_open_modal(call, period, actor.user_id))


def _after_ack(call: Any, work: Callable[[], None]) -> None:
    """Run `work` after the acknowledgement, its errors answered like any listener's."""
    from bot.slack.errors import guarded

    def run(ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        work()

    call.deps.after_ack.run(guarded(run), call.ack, call.body, call.client, call.logger)


def _make_and_post(call: Any, period: Period, user_id: str) -> None:
    from reports.generate import make_report

    service = call.deps.service
    report = make_report(service.db, service.settings, period, service.now(), user_id)
    publish(call.client, service.db, service.settings, report, service.now())


def _make_and_open_modal(call: Any, period: Period, user_id: str) -> None:
    """Open a modal at once (the trigger lives 3 s), then fill it in once the report is made."""
    from reports.generate import make_report

    service = call.deps.service
    opened = call.client.views_open(
        trigger_id=call.body["trigger_id"], view=loading_modal(period.kind, period.label)
    )
    report = make_report(service.db, service.settings, period, service.now(), user_id)
    view = opened["view"]
    call.client.views_update(view_id=view["id"], hash=view.get("hash"), view=text_modal(report))


def _require_officer(deps: Any, body: dict[str, Any]) -> str:
    from bot.procedure.errors import NotAllowed

    actor = deps.actors.of(body)
    if actor.role is not Role.OFFICER:
        raise NotAllowed(text.COMMAND_NOT_ALLOWED)
    return actor.user_id


def open_text_modal(deps: Any) -> Callable[[dict[str, Any], WebClient, Logger], None]:
    """The button in the officer's direct message: open the analysis / advice modal."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        from reports.generate import load_report

        _require_officer(deps, body)
        report_id = int(json.loads(body["actions"][0]["value"])["report_id"])
        report = load_report(deps.service.db, deps.service.settings, report_id)
        client.views_open(trigger_id=body["trigger_id"], view=text_modal(report))

    return work


def submit_text(deps: Any) -> Callable[[dict[str, Any], WebClient, Logger], None]:
    """The modal's submission (acknowledged, so closed, first): store the text with the
    report, post it, confirm to the officer by direct message."""

    def work(body: dict[str, Any], client: WebClient, logger: Logger) -> None:
        user_id = _require_officer(deps, body)
        report_id, typed = parse_text_submission(body["view"])
        service = deps.service
        report = submit_report_text(
            client, service.db, service.settings, report_id, typed, service.now()
        )
        client.chat_postMessage(
            channel=user_id, text=text.POSTED_CONFIRMATION.format(label=report.period)
        )

    return work


def register(app: App, deps: Any) -> None:
    """Add `/klacht rapport` and the report modal's listeners to the Slack app."""
    from bot.slack.errors import ack_then
    from bot.slack.listeners.commands import SUBCOMMANDS

    SUBCOMMANDS[SUBCOMMAND] = handle_report
    app.action(ReportActionId.ADD_TEXT.value)(ack_then(open_text_modal(deps), deps.after_ack))
    app.view(ReportCallbackId.TEXT.value)(ack_then(submit_text(deps), deps.after_ack))
