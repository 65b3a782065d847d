"""The `klachtenbot` command: parse arguments, call the application, print; nothing else.

Heavy modules (Slack, matplotlib, IMAP) are imported inside the subcommand that needs them, so
`--help`, `deadline`, `list` and `show` start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings
from bot.texts import STATE_LABELS, date_in_words, moment_in_words
from bot.texts import cli as text

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure the person can act on; the message is printed as the one-line reason."""


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, at_least=args.quiet_logging)
        return args.handler(args, settings)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except _user_errors() as exc:
        print(getattr(exc, "message", None) or exc, file=sys.stderr)
        return EXIT_FAILURE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="klachtenbot", description=text.DESCRIPTION)
    # One-shot commands print their own result; only the services log at LOG_LEVEL.
    parser.set_defaults(quiet_logging="WARNING")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    db = commands.add_parser("db", help=text.HELP_DB)
    db_commands = db.add_subparsers(required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help=text.HELP_DB_UPGRADE).set_defaults(handler=db_upgrade)

    deadline_parser = commands.add_parser("deadline", help=text.HELP_DEADLINE)
    deadline_parser.add_argument("received_at", help=text.HELP_DEADLINE_ARG)
    deadline_parser.set_defaults(handler=deadline)

    list_parser = commands.add_parser("list", help=text.HELP_LIST)
    list_parser.add_argument("--state", choices=list(STATE_LABELS), help=text.HELP_STATE)
    list_parser.add_argument("--json", action="store_true", help=text.HELP_JSON)
    list_parser.set_defaults(handler=list_complaints)

    show_parser = commands.add_parser("show", help=text.HELP_SHOW)
    show_parser.add_argument("reference", help=text.HELP_REF)
    show_parser.add_argument("--json", action="store_true", help=text.HELP_JSON)
    show_parser.set_defaults(handler=show_complaint)

    ingest_parser = commands.add_parser("ingest", help=text.HELP_INGEST)
    ingest_parser.add_argument("source", nargs="?", default="-", help=text.HELP_SOURCE)
    # A mail server shows the pipe's stderr to its admin: one line per message, warnings apart.
    ingest_parser.set_defaults(handler=ingest)

    poll_parser = commands.add_parser("poll", help=text.HELP_POLL)
    poll_parser.add_argument("--once", action="store_true", help=text.HELP_ONCE)
    poll_parser.set_defaults(handler=poll, quiet_logging=None)

    clock_parser = commands.add_parser("clock", help=text.HELP_CLOCK)
    clock_parser.add_argument("--once", action="store_true", help=text.HELP_CLOCK_ONCE)
    clock_parser.set_defaults(handler=clock, quiet_logging=None)

    status_parser = commands.add_parser("status", help=text.HELP_STATUS)
    status_parser.add_argument("--json", action="store_true", help=text.HELP_JSON)
    status_parser.set_defaults(handler=status)

    commands.add_parser("run", help=text.HELP_RUN).set_defaults(handler=run, quiet_logging=None)
    commands.add_parser("web", help=text.HELP_WEB).set_defaults(handler=web, quiet_logging=None)

    report_parser = commands.add_parser("report", help=text.HELP_REPORT)
    report_parser.add_argument("period", help=text.HELP_PERIOD)
    report_parser.add_argument("--out", required=True, type=Path, help=text.HELP_OUT)
    report_parser.set_defaults(handler=report)

    commands.add_parser("demo", help=text.HELP_DEMO).set_defaults(handler=demo)
    return parser


def db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    from storage.db import Database

    database = Database(settings.database_url)
    database.upgrade()
    print(text.DB_UPGRADED.format(url=database.engine.url.render_as_string(hide_password=True)))
    return EXIT_OK


def deadline(args: argparse.Namespace, settings: Settings) -> int:
    from bot.workdays import WorkCalendar

    try:
        received_at = _parse_moment(args.received_at, settings)
    except ValueError:
        print(text.BAD_MOMENT.format(value=args.received_at), file=sys.stderr)
        return EXIT_USAGE
    calendar = WorkCalendar.from_settings(settings)
    due = calendar.deadline_after(received_at, settings.contact_deadline_days)
    print(due.isoformat())
    words = moment_in_words(due)
    print(text.DEADLINE_WORDS.format(moment=words, days=settings.contact_deadline_days))
    day = received_at.astimezone(settings.tz).date() + dt.timedelta(days=1)
    while day < due.date():
        reason = calendar.non_working_reason(day)
        if reason:
            print(text.SKIPPED_DAY.format(day=date_in_words(day), reason=reason))
        day += dt.timedelta(days=1)
    return EXIT_OK


def list_complaints(args: argparse.Namespace, settings: Settings) -> int:
    from bot.procedure import State
    from bot.serialize import complaint_to_dict

    states = [State(args.state)] if args.state else None
    complaints = _service(settings).list(states)
    if args.json:
        print(json.dumps([complaint_to_dict(c) for c in complaints], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not complaints:
        print(text.NO_COMPLAINTS)
    for complaint in complaints:
        print(
            text.LIST_HEADER.format(
                reference=complaint.reference,
                state=STATE_LABELS[complaint.state],
                deadline=f"{complaint.contact_deadline:%Y-%m-%d %H:%M}",
                subject=complaint.subject,
            )
        )
    return EXIT_OK


def show_complaint(args: argparse.Namespace, settings: Settings) -> int:
    from bot.serialize import complaint_to_dict
    from bot.texts import EVENT_LABELS

    complaint = _service(settings).get(args.reference)
    data = complaint_to_dict(complaint, with_body=True)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for key, value in data.items():
        if key != "events" and value not in (None, "", False):
            print(text.SHOW_FIELD.format(label=key, value=value))
    print(text.SHOW_EVENTS)
    for event in complaint.events:
        label = EVENT_LABELS[event.kind]
        at = f"{event.at:%Y-%m-%d %H:%M}"
        print(text.SHOW_EVENT.format(at=at, label=label, actor=event.actor_label))
    return EXIT_OK


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.intake.pipe import ingest_command

    return ingest_command(args.source, settings, make_service=_storing_service)


def poll(args: argparse.Namespace, settings: Settings) -> int:
    from bot.intake.pipe import poll_command

    return poll_command(settings, args.once, make_service=_storing_service)


def _storing_service(settings: Settings):
    """A service whose commits are followed in Slack right away when Slack is configured."""
    from bot.service import ComplaintService
    from bot.slack.follow import follow_in_slack
    from storage.db import Database

    service = ComplaintService(Database(settings.database_url), settings)
    follow_in_slack(service)
    return service


def clock(args: argparse.Namespace, settings: Settings) -> int:
    from bot.jobs.runner import clock_command

    return clock_command(settings, _require_schema(settings), once=args.once)


def status(args: argparse.Namespace, settings: Settings) -> int:
    from bot.jobs.status import status_command

    return status_command(settings, _require_schema(settings), as_json=args.json)


def run(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import run_socket_mode

    return run_socket_mode(settings)


def web(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import run_http

    return run_http(settings)


def report(args: argparse.Namespace, settings: Settings) -> int:
    from reports.cli import report_command

    _require_schema(settings)
    return report_command(args.period, args.out, settings)


def demo(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.demo import run_demo

    return run_demo(settings, sys.stdout)


def _service(settings: Settings):
    from bot.service import ComplaintService

    return ComplaintService(_require_schema(settings), settings)


def _require_schema(settings: Settings):
    from storage.db import Database

    database = Database(settings.database_url)
    if not database.has_schema():
        raise CommandError(text.DB_NOT_UPGRADED)
    return database


def _parse_moment(value: str, settings: Settings) -> dt.datetime:
    """ISO 8601; a time without offset (or a bare date) is local office time."""
    moment = dt.datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.tz)
    return moment


def _user_errors() -> tuple[type[Exception], ...]:
    from bot.procedure import ProcedureError
    from storage.db import DatabaseUnavailable

    return (CommandError, ProcedureError, DatabaseUnavailable)


if __name__ == "__main__":
    raise SystemExit(main())
