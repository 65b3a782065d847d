"""The `klachtenbot` command: parse arguments, call the application, print; nothing else.

Every module beyond the standard library is imported inside the subcommand that needs it (the
settings too), so a mail server piping one message into `ingest` does not pay for Slack,
matplotlib or IMAP. `console` is the installed script; tests call `main`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bot.dbproblems import database_problem, schema_problem
from bot.logs import configure_logging
from bot.readable import typed
from bot.sanitize import free_text, json_for_terminal
from bot.texts import STATE_LABELS, date_in_words, file_problem, moment_in_words
from bot.texts import cli as text

if TYPE_CHECKING:
    from bot.jobs.context import JobContext
    from bot.privacy import Cleaning, CleaningRun
    from bot.procedure import Complaint
    from bot.settings import Settings
    from storage.db import Database

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


# What a person fixes by choosing another file or folder, or by granting access.
FILE_ERRORS = (
    FileNotFoundError,
    FileExistsError,
    NotADirectoryError,
    IsADirectoryError,
    PermissionError,
)


class CommandError(Exception):
    """A failure the person can act on; the message is printed as the one-line reason."""


class SchemaNotReady(CommandError):
    """The database has no tables, or a schema this version does not fit."""


def email_address(value: str) -> str:
    """An argparse type: one e-mail address, or a usage error naming the value."""
    from bot.procedure.inputs import is_email_address

    value = value.strip()
    if not is_email_address(value):
        raise argparse.ArgumentTypeError(text.BAD_EMAIL.format(value=value[:80]))
    return value


def output_folder(value: str) -> Path:
    """`--out`: a folder that exists or can be made, checked before any work is done, so that
    a name taken by a file or a folder without write access is one line, not a traceback."""
    folder = Path(value)
    existing = next(path for path in (folder, *folder.absolute().parents) if path.exists())
    if not existing.is_dir():
        raise argparse.ArgumentTypeError(text.OUT_NOT_A_FOLDER.format(path=existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(text.OUT_NOT_WRITABLE.format(path=existing))
    return folder


def new_output_folder(value: str) -> Path:
    """`export --out`: a folder that does not exist yet (nor as a symbolic link), in a place
    where it can be made; the export makes it for its owner only."""
    from bot.texts.privacy import EXPORT_FOLDER_TAKEN

    folder = Path(value)
    if folder.is_file() and not folder.is_symlink():
        raise argparse.ArgumentTypeError(text.OUT_NOT_A_FOLDER.format(path=folder))
    if os.path.lexists(folder):
        raise argparse.ArgumentTypeError(EXPORT_FOLDER_TAKEN.format(path=folder))
    return output_folder(value)


def console() -> NoReturn:
    """The installed `klachtenbot` script. A one-shot command (list, ingest, status, ...)
    allocates heavily while importing and then exits, so it runs with the cyclic garbage
    collector off (a fifth of the time of `list`); the services turn it back on."""
    gc.disable()
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped early (`klachtenbot list | head`): stop quietly, as other commands
        # do, without a second error when Python flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_FAILURE
    gc.freeze()  # and leave without a last collection of everything imported
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    from bot.settings import SLACK_FIELDS, SettingsError, load_settings

    args = build_parser().parse_args(argv)
    if args.service and not getattr(args, "once", False):  # `clock --once` is one-shot too
        gc.enable()
    try:
        lenient = SLACK_FIELDS if args.without_slack else frozenset()
        settings = load_settings(args.env_file, lenient=lenient)
        configure_logging(settings.log_level, at_least=args.quiet_logging, zone=settings.tz)
        return args.handler(args, settings)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return args.settings_exit
    except SchemaNotReady as exc:
        # A service started on a schema it does not fit: only `db upgrade` (or another
        # version) helps, so a service manager should not restart it every 30 s.
        print(exc, file=sys.stderr)
        return EXIT_USAGE if args.service else EXIT_FAILURE
    except _database_down() as exc:
        print(database_problem(exc), file=sys.stderr)
        return EXIT_FAILURE
    except _user_errors() as exc:
        print(getattr(exc, "message", None) or exc, file=sys.stderr)
        return EXIT_FAILURE
    except FILE_ERRORS as exc:
        print(text.FILE_ERROR.format(path=exc.filename, reason=file_problem(exc)), file=sys.stderr)
        return EXIT_FAILURE


def _dutch(message: str) -> str:
    return text.ARGPARSE.get(message, message)


def _dutch_plural(singular: str, plural: str, count: int) -> str:
    return _dutch(singular if count == 1 else plural)


def build_parser() -> argparse.ArgumentParser:
    # argparse looks its own words up through gettext at the moment it writes them.
    argparse._ = _dutch  # type: ignore[attr-defined]
    argparse.ngettext = _dutch_plural  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="klachtenbot", description=text.DESCRIPTION)
    parser.add_argument("--env-file", metavar="PAD", help=text.HELP_ENV_FILE)
    parser.add_argument("--version", action=_PrintVersion, nargs=0, help=text.HELP_VERSION)
    # One-shot commands print their own result; only the services log at LOG_LEVEL.
    # `without_slack`: a command that never talks to Slack runs despite a bad Slack setting.
    parser.set_defaults(
        quiet_logging="WARNING", service=False, settings_exit=EXIT_USAGE, without_slack=False
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    db = commands.add_parser("db", help=text.HELP_DB)
    db_commands = db.add_subparsers(required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help=text.HELP_DB_UPGRADE).set_defaults(
        handler=db_upgrade, without_slack=True
    )

    deadline_parser = commands.add_parser("deadline", help=text.HELP_DEADLINE)
    deadline_parser.add_argument("received_at", help=text.HELP_DEADLINE_ARG)
    deadline_parser.set_defaults(handler=deadline, without_slack=True)

    list_parser = commands.add_parser("list", help=text.HELP_LIST)
    list_parser.add_argument(
        "--state", type=_state, metavar="STATUS", help=text.HELP_STATE.format(states=_STATES)
    )
    list_parser.add_argument("--json", action="store_true", help=text.HELP_JSON)
    list_parser.set_defaults(handler=list_complaints, without_slack=True)

    show_parser = commands.add_parser("show", help=text.HELP_SHOW)
    show_parser.add_argument("reference", help=text.HELP_REF)
    show_parser.add_argument("--history", action="store_true", help=text.HELP_HISTORY)
    show_parser.add_argument("--json", action="store_true", help=text.HELP_JSON)
    show_parser.set_defaults(handler=show_complaint, without_slack=True)

    export_parser = commands.add_parser("export", help=text.HELP_EXPORT)
    whose = export_parser.add_mutually_exclusive_group(required=True)
    whose.add_argument(
        "--complainant", metavar="EMAIL", type=email_address, help=text.HELP_COMPLAINANT
    )
    whose.add_argument("--period", help=text.HELP_EXPORT_PERIOD)
    export_parser.add_argument(
        "--out", required=True, type=new_output_folder, help=text.HELP_EXPORT_OUT
    )
    export_parser.set_defaults(handler=export, without_slack=True)

    retention_parser = commands.add_parser("retention", help=text.HELP_RETENTION)
    retention_parser.add_argument("--dry-run", action="store_true", help=text.HELP_DRY_RUN)
    retention_parser.set_defaults(handler=retention)

    erase_parser = commands.add_parser("erase", help=text.HELP_ERASE)
    erase_parser.add_argument(
        "--complainant",
        metavar="EMAIL",
        type=email_address,
        required=True,
        help=text.HELP_COMPLAINANT,
    )
    erase_parser.add_argument("--yes", action="store_true", help=text.HELP_YES)
    erase_parser.set_defaults(handler=erase)

    ingest_parser = commands.add_parser("ingest", help=text.HELP_INGEST)
    ingest_parser.add_argument("source", nargs="?", default="-", help=text.HELP_SOURCE)
    # A mail server shows the pipe's stderr to its admin: one line per message, warnings apart.
    # It bounces the message on any exit but 75 (keep and retry): a settings typo must not.
    ingest_parser.set_defaults(handler=ingest, settings_exit=os.EX_TEMPFAIL)

    poll_parser = commands.add_parser("poll", help=text.HELP_POLL)
    poll_parser.add_argument("--once", action="store_true", help=text.HELP_ONCE)
    poll_parser.set_defaults(handler=poll, quiet_logging=None, service=True)

    ignored_parser = commands.add_parser("ignored", help=text.HELP_IGNORED)
    ignored_parser.add_argument("--since", type=_date, metavar="DATUM", help=text.HELP_SINCE)
    ignored_parser.set_defaults(handler=list_ignored, without_slack=True)

    admit_parser = commands.add_parser("admit", help=text.HELP_ADMIT)
    admit_parser.add_argument("id", type=int, metavar="NUMMER", help=text.HELP_ADMIT_ID)
    admit_parser.set_defaults(handler=admit)

    login_parser = commands.add_parser("mail-login", help=text.HELP_MAIL_LOGIN)
    login_parser.add_argument(
        "--provider", choices=["microsoft", "generic"], help=text.HELP_PROVIDER
    )
    login_parser.set_defaults(handler=mail_login)

    clock_parser = commands.add_parser("clock", help=text.HELP_CLOCK)
    clock_parser.add_argument("--once", action="store_true", help=text.HELP_CLOCK_ONCE)
    clock_parser.set_defaults(handler=clock, quiet_logging=None, service=True)

    status_parser = commands.add_parser("status", help=text.HELP_STATUS)
    status_parser.add_argument("--json", action="store_true", help=text.HELP_JSON)
    status_parser.set_defaults(handler=status, without_slack=True)

    commands.add_parser("run", help=text.HELP_RUN).set_defaults(
        handler=run, quiet_logging=None, service=True
    )
    commands.add_parser("web", help=text.HELP_WEB).set_defaults(
        handler=web, quiet_logging=None, service=True
    )
    commands.add_parser("teams", help=text.HELP_TEAMS).set_defaults(
        handler=teams, quiet_logging=None, service=True
    )
    manifest_parser = commands.add_parser("teams-manifest", help=text.HELP_TEAMS_MANIFEST)
    manifest_parser.add_argument(
        "--out", required=True, type=Path, help=text.HELP_TEAMS_MANIFEST_OUT
    )
    manifest_parser.add_argument("--domain", action="append", help=text.HELP_TEAMS_DOMAIN)
    manifest_parser.set_defaults(handler=teams_manifest)

    report_parser = commands.add_parser("report", help=text.HELP_REPORT)
    report_parser.add_argument("period", help=text.HELP_PERIOD)
    report_parser.add_argument("--out", required=True, type=output_folder, help=text.HELP_OUT)
    report_parser.set_defaults(handler=report)

    demo_parser = commands.add_parser("demo", help=text.HELP_DEMO)
    demo_parser.add_argument("--database-url", metavar="URL", help=text.HELP_DEMO_DATABASE)
    demo_parser.set_defaults(handler=demo)
    return parser


def db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    from storage.db import Database, SchemaProblem

    database = Database(settings.database_url)
    try:
        database.upgrade()
    except SchemaProblem as exc:
        raise CommandError(schema_problem(exc)) from None
    print(text.DB_UPGRADED.format(url=database.safe_url))
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
    # Open complaints first (most urgent deadline first), then the closed and rejected ones.
    complaints = sorted(_service(settings).list(states), key=lambda c: not c.is_open)
    if args.json:
        _print_json([complaint_to_dict(c) for c in complaints])
        return EXIT_OK
    if not complaints:
        print(text.NO_COMPLAINTS)
        return EXIT_OK
    print(text.LIST_LINE.format(**text.LIST_COLUMNS))
    for complaint in complaints:
        _print(
            text.LIST_LINE.format(
                reference=complaint.reference,
                state=STATE_LABELS[complaint.state],
                deadline=f"{complaint.contact_deadline:%Y-%m-%d %H:%M}",
                subject=complaint.subject,
            )
        )
    return EXIT_OK


def show_complaint(args: argparse.Namespace, settings: Settings) -> int:
    from bot.serialize import complaint_to_dict
    from bot.texts import EVENT_LABELS, moment_in_words

    service = _service(settings)
    complaint = service.get(args.reference)
    data = complaint_to_dict(complaint, with_body=True)
    if args.json:
        _print_json(data)
        return EXIT_OK
    tz, today = settings.tz, service.now().astimezone(settings.tz).date()
    for key, label in text.SHOW_LABELS.items():
        value = _field(data, key)
        if value not in (None, "", False):
            shown = text.show_value(key, value, tz, today)
            _print(text.SHOW_FIELD.format(label=label, value=shown))
    if args.history:
        _print_history(complaint, today)
        return EXIT_OK
    print(text.SHOW_EVENTS)
    for event in complaint.events:
        label = EVENT_LABELS[event.kind]
        at = moment_in_words(event.at.astimezone(tz), today)
        _print(text.SHOW_EVENT.format(at=at, label=label, actor=event.actor_label))
    return EXIT_OK


def _field(data: dict, key: str) -> object:
    """A field of `complaint_to_dict`'s object; `group.name` is a key of a nested object."""
    group, _, name = key.partition(".")
    value = data.get(group)
    if not name:
        return value
    return value.get(name) if isinstance(value, dict) else None


def _print(line: str) -> None:
    """Stored text goes to a terminal: no control or invisible characters (an escape sequence
    or a bidi override would change what the officer sees)."""
    print(free_text(line))


def _print_json(data: object) -> None:
    print(json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2)))


def _print_history(complaint: Complaint, today: dt.date) -> None:
    from bot.readable import history_lines

    print(text.HISTORY_HEADER.format(reference=complaint.reference))
    for heading, details in history_lines(complaint, today):
        _print(text.HISTORY_ENTRY.format(heading=heading))
        for detail in details:
            _print(text.HISTORY_DETAIL.format(detail=detail))


def export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.exports import ExportFolderTaken, export_complainant, export_period

    service = _service(settings)
    if args.complainant:
        try:
            done = export_complainant(service, args.complainant, args.out, now=service.now())
        except ExportFolderTaken as exc:  # made by someone else since the check
            print(exc.message, file=sys.stderr)
            return EXIT_USAGE
        print(
            text.EXPORTED_SUBJECT.format(
                email=args.complainant,
                complaints=done.complaints,
                emails=done.emails,
                attachments=done.attachments,
                letters=done.letters,
                folder=args.out.resolve(),
            )
        )
        return EXIT_OK
    from reports.periods import PeriodError, parse_period

    try:
        period = parse_period(args.period, settings.tz)
    except PeriodError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    try:
        csv_path, json_path, count = export_period(service, period, args.out)
    except ExportFolderTaken as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_USAGE
    done = text.EXPORTED_PERIOD.format(
        period=period.label, count=count, csv=csv_path, json=json_path
    )
    print(done)
    return EXIT_OK


def retention(args: argparse.Namespace, settings: Settings) -> int:
    from bot.privacy import run_retention

    _require_schema(settings)
    service = _service(settings) if args.dry_run else _storing_service(settings)
    run = run_retention(service, now=service.now(), dry_run=args.dry_run)
    _print_cleanings(run.complaints)
    count, others = len(run.complaints), run.other_emails
    if not count and not others:
        print(text.RETENTION_NONE.format(months=settings.retention_months))
    elif args.dry_run:
        print(text.RETENTION_PREVIEW.format(count=count, others=others))
    else:
        print(text.RETENTION_DONE.format(count=count, others=others))
    return _mailbox_outcome(run, settings, dry_run=args.dry_run)


def erase(args: argparse.Namespace, settings: Settings) -> int:
    from bot.privacy import erase_complainant

    _require_schema(settings)
    email = args.complainant
    service = _storing_service(settings)
    preview = erase_complainant(service, email, now=service.now(), dry_run=True)
    if not preview.complaints and not preview.other_emails and not preview.mailbox:
        print(text.ERASE_NONE.format(email=email))
        return EXIT_OK
    _print_cleanings(preview.complaints)
    found = text.ERASE_FOUND.format(
        email=email, complaints=len(preview.complaints), others=preview.other_emails
    )
    print(found)
    _mailbox_outcome(preview, settings, dry_run=True)
    if not args.yes and _ask(text.ERASE_CONFIRM) != "ja":
        raise CommandError(text.ERASE_ABORTED)
    done = erase_complainant(service, email, now=service.now())
    print(text.ERASE_DONE.format(complaints=len(done.complaints), others=done.other_emails))
    return _mailbox_outcome(done, settings, dry_run=False)


def _mailbox_outcome(run: CleaningRun, settings: Settings, *, dry_run: bool) -> int:
    """The mailbox line; exit 1 when the mailbox could not be cleaned (run again later)."""
    if run.mailbox_error:
        print(text.MAILBOX_FAILED.format(reason=run.mailbox_error), file=sys.stderr)
        return EXIT_FAILURE
    if run.mailbox is not None:
        folders = f"{settings.imap_processed_folder}/{settings.imap_ignored_folder}"
        verb = text.MAILBOX_WOULD if dry_run else text.MAILBOX_DID
        print(text.MAILBOX_CLEANED.format(count=run.mailbox, verb=verb, folders=folders))
    return EXIT_OK


def _ask(question: str) -> str:
    try:
        return input(question).strip().lower()
    except EOFError:
        return ""


def _print_cleanings(cleanings: Sequence[Cleaning]) -> None:
    for cleaning in cleanings:
        print(
            text.CLEANING_LINE.format(
                reference=cleaning.reference,
                fields=cleaning.fields,
                emails=cleaning.emails,
                attachments=cleaning.attachments,
            )
        )


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.intake.pipe import ingest_command

    return ingest_command(args.source, settings, make_service=_storing_service)


def poll(args: argparse.Namespace, settings: Settings) -> int:
    """`poll --once` reads the mailbox and says what it did; `poll` is the clock with only its
    mailbox jobs (read the mailbox, send the acknowledgements) on APScheduler."""
    from bot.intake.pipe import poll_command

    if args.once:
        return poll_command(settings, make_service=_storing_service)
    from bot.jobs.runner import MAILBOX_JOBS, clock_command
    from bot.surfaces import make_context

    settings.require("imap_host", "imap_user")
    _require_schema(settings)
    context = make_context(settings, _storing_service(settings))
    return clock_command(context, once=False, only=MAILBOX_JOBS)


def list_ignored(args: argparse.Namespace, settings: Settings) -> int:
    from bot.intake.ignored import ignored_mail
    from bot.texts.intake import REASON_LABELS

    since = dt.datetime.combine(args.since, dt.time(), settings.tz) if args.since else None
    rows = ignored_mail(_service(settings), since)
    if not rows:
        print(text.NO_IGNORED)
        return EXIT_OK
    print(text.IGNORED_HEADER.format(command=typed("klachtenbot admit NUMMER")))
    print(text.IGNORED_LINE.format(**text.IGNORED_COLUMNS))
    for row in rows:
        line = text.IGNORED_LINE.format(
            id=row.id,
            received=f"{row.received_at.astimezone(settings.tz):%Y-%m-%d %H:%M}",
            reason=REASON_LABELS.get(row.reason or "", row.reason or ""),
            sender=row.sender,
            subject=row.subject,
        )
        _print(line)
        for note in (row.note or "").splitlines():
            _print(text.IGNORED_NOTE.format(indent=" " * 7, note=note))
    return EXIT_OK


def admit(args: argparse.Namespace, settings: Settings) -> int:
    import getpass

    from bot.intake.ignored import admit as admit_ignored
    from bot.intake.pipe import send_acknowledgements_now
    from bot.procedure import Actor, Role
    from bot.procedure.people import Surface

    _require_schema(settings)
    service = _storing_service(settings)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a container)
        user = str(os.getuid())
    actor = Actor("cli", Role.OFFICER, text.CLI_ACTOR.format(user=user), Surface.SYSTEM)
    complaint = admit_ignored(service, args.id, actor)
    print(
        text.ADMITTED.format(
            reference=complaint.reference,
            id=args.id,
            received=moment_in_words(complaint.received_at),
            deadline=moment_in_words(complaint.contact_deadline),
        )
    )
    if complaint.contact_deadline <= service.now():
        print(text.ADMITTED_LATE)
    send_acknowledgements_now(service)
    return EXIT_OK


def mail_login(args: argparse.Namespace, settings: Settings) -> int:
    from bot.intake.login import LoginFailed, default_provider
    from bot.intake.login import mail_login as login
    from bot.intake.oauth import TokenError
    from bot.service import system_clock
    from storage.tokens import TokenStore

    database = _require_schema(settings)
    provider = args.provider or default_provider(settings)
    try:
        login(settings, provider, TokenStore(database), sys.stdout, system_clock)
    except (LoginFailed, TokenError) as exc:
        raise CommandError(str(exc)) from None
    print(text.LOGIN_STORED.format(url=database.safe_url, command=typed("klachtenbot poll")))
    return EXIT_OK


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

    database = _require_schema(settings)
    if not args.once and settings.slack_bot_token and settings.complaints_channel:
        from bot.slack.runner import check_clock

        refused = check_clock(settings)
        if refused is not None:
            return refused
    return clock_command(_job_context(settings, database), once=args.once)


def status(args: argparse.Namespace, settings: Settings) -> int:
    from bot.jobs.status import status_command

    return status_command(_job_context(settings, _require_schema(settings)), as_json=args.json)


def _job_context(settings: Settings, database: Database) -> JobContext:
    """The clock's context with every configured chat surface (bot/surfaces.py)."""
    from bot.service import ComplaintService
    from bot.surfaces import make_context

    return make_context(settings, ComplaintService(database, settings))


def run(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import run_socket_mode

    _require_platform(settings, "slack", "run")
    return run_socket_mode(settings)


def web(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import run_http

    _require_platform(settings, "slack", "web")
    return run_http(settings, host=settings.web_bind)


def teams(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.teams.runner import run_teams

    _require_platform(settings, "teams", "teams")
    return run_teams(settings, host=settings.web_bind)


def teams_manifest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.teams.manifest import write_package

    settings.require("teams_app_id")
    path = write_package(args.out, str(settings.teams_app_id), args.domain or [])
    print(text.TEAMS_MANIFEST_WRITTEN.format(path=path, app_id=settings.teams_app_id))
    return EXIT_OK


def _require_platform(settings: Settings, wanted: str, command: str) -> None:
    """One deployment uses one chat platform: its service refuses the other's command."""
    from bot.readable import typed
    from bot.settings import SettingsError
    from bot.texts import teams as teams_text

    if settings.chat_platform != wanted:
        others = ["teams"] if wanted == "slack" else ["web", "run"]
        other = " of ".join(typed(f"klachtenbot {name}") for name in others)
        line = teams_text.WRONG_PLATFORM.format(
            platform=settings.chat_platform,
            command=typed(f"klachtenbot {command}"),
            wanted=wanted,
            other=other,
        )
        raise SettingsError(line)


def report(args: argparse.Namespace, settings: Settings) -> int:
    from reports.cli import report_command

    _require_schema(settings)
    return report_command(args.period, args.out, settings)


def demo(args: argparse.Namespace, settings: Settings) -> int:
    from bot.demo import run_demo

    return run_demo(settings, sys.stdout, database_url=args.database_url)


def _service(settings: Settings):
    from bot.service import ComplaintService

    return ComplaintService(_require_schema(settings), settings)


def _require_schema(settings: Settings):
    from storage.db import Database, SchemaProblem

    database = Database(settings.database_url)
    if not database.has_schema():
        command = typed("klachtenbot db upgrade")
        raise SchemaNotReady(text.DB_NOT_UPGRADED.format(url=database.safe_url, command=command))
    try:
        database.check_revision()
    except SchemaProblem as exc:
        raise SchemaNotReady(schema_problem(exc)) from None
    return database


_STATES = ", ".join(STATE_LABELS)


def _date(value: str) -> dt.date:
    """An argparse type: an ISO date (2026-12-01), or a usage error naming the value."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(text.BAD_DATE.format(value=value[:40])) from None


def _state(value: str) -> str:
    """A state by its code (`contacted`) or its Dutch label (`contact-opgenomen`, any case)."""
    wanted = value.strip().lower().replace("-", " ").replace("_", " ")
    for code, label in STATE_LABELS.items():
        if wanted in (code, label.lower()):
            return code
    raise argparse.ArgumentTypeError(text.BAD_STATE.format(value=value, states=_STATES))


class _PrintVersion(argparse.Action):
    """`--version`, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_kwargs: object) -> None:
        from storage.db import head_revision

        print(text.VERSION.format(version=_version(), revision=head_revision()))
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("klachtenbot")
    except PackageNotFoundError:
        return "?"


def _parse_moment(value: str, settings: Settings) -> dt.datetime:
    """ISO 8601; a time without offset (or a bare date) is local office time."""
    moment = dt.datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=settings.tz)
    return moment


def _database_down() -> tuple[type[Exception], ...]:
    from storage.db import DatabaseUnavailable

    return (DatabaseUnavailable,)


def _user_errors() -> tuple[type[Exception], ...]:
    from bot.demo import DemoRefused
    from bot.procedure import ProcedureError
    from storage.db import DatabaseUnavailable

    return (CommandError, ProcedureError, DatabaseUnavailable, DemoRefused)


if __name__ == "__main__":
    raise SystemExit(main())
