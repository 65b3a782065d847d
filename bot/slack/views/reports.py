"""The reports in Slack as Block Kit (pure): the summary management reads in its channel, the
key figures on management's App Home, the officer's direct messages with the button, and the
analysis / advice modal. The reports' figures and texts come from reports/ (lazily: the bot
does not load them until a report is shown)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from bot.slack.ids import INPUT_ACTION, Field, ReportActionId, ReportCallbackId
from bot.slack.views.blocks import escape
from bot.texts import moment_in_words
from bot.texts import reports as text

if TYPE_CHECKING:
    from reports.store import Report

SECTION_LIMIT = 3000
# Slack shows at most 10 fields: the contact counts stay in the files, the rate shows.
FIELD_SKIPPED = (text.ON_TIME, text.LATE, text.AWAITING_CONTACT)


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
    # The officer's text is typed in Slack: escaped, it cannot mention @channel or hide a link.
    blocks += [_section(f"*{heading}*\n{escape(body)}") for heading, body in report_texts(report)]
    return blocks


def key_figure_blocks(report: Report) -> list[dict[str, Any]]:
    """The header, date and key figures of a stored report (management's App Home)."""
    return summary_blocks(report)[: 2 + len(_fields(report))]


def preview_blocks(report: Report, post_at: dt.datetime | None) -> list[dict[str, Any]]:
    """The officer's direct message: what is ready, and the button to add their text. A
    quarter the scheduler made says when it goes without their text (`post_at`); one the
    officer asked for waits for them."""
    if report.kind == "year":
        intro = text.SLACK_PREVIEW_YEAR.format(label=report.period)
    elif post_at is None:
        intro = text.SLACK_PREVIEW_ASKED.format(label=report.period)
    else:
        deadline = moment_in_words(post_at)
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


def _text_input(report: Report) -> dict[str, Any]:
    """The officer's analysis (a quarter, optional) or advice (a year, required)."""
    year = report.kind == "year"
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": INPUT_ACTION,
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
        "block_id": Field.REPORT_TEXT.value,
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
    value = view["state"]["values"].get(Field.REPORT_TEXT, {}).get(INPUT_ACTION, {}).get("value")
    return report_id, (value or "").strip() or None
