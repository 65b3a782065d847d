"""No e-mail address or phone number reaches a log line in clear, whatever the code logs."""

from __future__ import annotations

import io
import logging
import time

import pytest

from bot.logs import OWN_PACKAGES, configure_logging, mask_personal_data


@pytest.mark.parametrize(
    "personal",
    [
        "sanne.de-wit+klacht@example.co.uk",
        "06-12345678",
        "0612345678",
        "+31 (0)20 123 45 67",
        "0031 6 1234 5678",
        "020-1234567",
        "+44 20 7946 0958",
        "(0)6-12345678",
        "０６-１２３４５６７８",
        "0 6 1 2 3 4 5 6 7 8",
        "111 222 333",
        "111-222-333",
        "1112.22.333",
    ],
)
def test_addresses_and_numbers_are_masked(personal: str) -> None:
    masked = mask_personal_data(f"mislukt voor {personal}: klaar")
    assert personal not in masked
    assert masked.startswith("mislukt voor <") and masked.endswith(">: klaar")


@pytest.mark.parametrize(
    "harmless",
    ["K-2026-0001", "2026-07-03 16:40:00+02:00", "1000 berichten in 6.1 s", "poort 54321"],
)
def test_references_times_and_counts_stay_readable(harmless: str) -> None:
    assert mask_personal_data(harmless) == harmless


@pytest.mark.parametrize(
    "hostile", ["0" * 200_000, "a." * 100_000 + "@", "1 " * 100_000, "(0)" * 60_000, "０" * 200_000]
)
def test_masking_a_long_text_takes_one_pass(hostile: str) -> None:
    """An e-mail of digits or address characters is masked in a blink, not in minutes: no
    pattern reads a run again from each of its characters."""
    started = time.perf_counter()
    mask_personal_data(hostile)
    assert time.perf_counter() - started < 2


@pytest.fixture
def root_logger():
    """Give the root logger back as it was (pytest's own handlers included)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    own = {name: logging.getLogger(name).level for name in OWN_PACKAGES}
    yield root
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, own_level in own.items():
        logging.getLogger(name).setLevel(own_level)


def test_the_configured_handler_masks_arguments_and_tracebacks(monkeypatch, root_logger) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO")
    configure_logging("INFO")
    logger = logging.getLogger("bot.test")
    try:
        raise ValueError("duplicate key (jan@example.nl)")
    except ValueError:
        logger.exception("opslaan van %s mislukt", "06-12345678")
    output = stream.getvalue()
    assert "jan@example.nl" not in output and "06-12345678" not in output
    assert "<e-mail>" in output and "<telefoon>" in output
    assert "ValueError" in output
    assert output.count("opslaan van") == 1  # configured twice, still one line


def test_a_quiet_command_logs_warnings_only(monkeypatch, root_logger) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO", at_least="WARNING")
    logging.getLogger("bot.test").info("opgeslagen")
    logging.getLogger("bot.test").warning("SMTP onbereikbaar")
    assert stream.getvalue().count("\n") == 1
    assert "SMTP onbereikbaar" in stream.getvalue()


def test_libraries_log_warnings_only_unless_debugging(monkeypatch, root_logger) -> None:
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("INFO")
    logging.getLogger("alembic.runtime.migration").info("Running upgrade")
    logging.getLogger("storage.db").info("eigen regel")
    assert "Running upgrade" not in stream.getvalue()
    assert "eigen regel" in stream.getvalue()
    configure_logging("DEBUG")
    logging.getLogger("alembic.runtime.migration").info("Running upgrade")
    assert "Running upgrade" in stream.getvalue()


# Lines as they occur: (logger, message, what must not survive, what must stay readable).
REALISTIC_LINES = [
    ("bot.intake.pipe", "klant belde vanaf 06 - 12 34 56 78 over K-2026-0001", "12 34", "K-2026"),
    ("bot.intake.pipe", "terugbellen op (020) 123 4567", "123 4567", "terugbellen"),
    ("bot.intake.pipe", "nummer 06/12345678 onbereikbaar", "12345678", "onbereikbaar"),
    ("bot.intake.pipe", "nummer 06\u201012345678 (hyphen)", "12345678", "hyphen"),
    ("bot.intake.pipe", "nummer 06\u2013 12 34 56 78 (en dash)", "56 78", "en dash"),
    ("bot.intake.pipe", "nummer 06\u221212345678 (minus)", "12345678", "minus"),
    ("bot.intake.pipe", "nummer 06\u00a012345678 (nbsp)", "12345678", "nbsp"),
    ("bot.intake.pipe", "tel.: 06.12.34.56.78", "34.56", "tel"),
    ("bot.intake.pipe", "bel +31 (0)6 1234 5678 na 15:00", "1234 5678", "na 15:00"),
    ("bot.intake.pipe", "buitenland: +32 470 12 34 56", "470 12", "buitenland"),
    ("bot.intake.pipe", "vast nummer (0513) 12 34 56", "12 34 56", "vast nummer"),
    ("bot.intake.imap", "IBAN NL91ABNA0417164300 in body", "0417164300", "in body"),
    ("bot.intake.imap", "rekening NL91 ABNA 0417 1643 00.", "1643", "rekening"),
    ("bot.intake.imap", "rekening nl91abna0417164300", "abna0417", "rekening"),
    ("bot.intake.imap", "Duitse rekening DE89 3704 0044 0532 0130 00", "0532", "Duitse"),
    ("bot.intake.imap", "BSN 123456782 genoemd", "123456782", "genoemd"),
    ("bot.intake.imap", "sofinummer 1234.56.782", "1234.56.782", "sofinummer"),
    (
        "bot.intake.acknowledge",
        "SMTP refused: (550, b'5.1.1 <sanne.dewit@example.com>: Recipient address rejected')",
        "sanne.dewit",
        "Recipient address rejected",
    ),
    (
        "sqlalchemy.engine",
        "duplicate key value violates unique constraint DETAIL: Key (email)=(jan@example.nl)",
        "jan@example.nl",
        "duplicate key",
    ),
    (
        "slack_sdk.web.base_client",
        "Sending a request - url: https://slack.com/api/chat.postMessage, query_params: {}, "
        "body_params: {}, files: {}, json_body: {'channel': 'C1', 'text': 'Klacht K-2026-0001: "
        "Loon te laat', 'blocks': [{'type': 'section', 'text': {'type': 'mrkdwn', 'text': "
        "'*Klant*\\nSanne de Wit'}}]}, headers: {'Content-Type': 'application/json;charset=utf-8'}",
        "Sanne de Wit",
        "chat.postMessage",
    ),
    (
        "slack_sdk.web.base_client",
        "Received the following response - status: 200, headers: {'content-type': "
        '\'application/json\'}, body: {"ok":true,"message":{"text":"Mijn loon is te laat, '
        'Piet Bakker"}}',
        "Piet Bakker",
        "status: 200",
    ),
    (
        "slack_sdk.socket_mode.builtin.client",
        'on_message invoked: (message: {"envelope_id":"1d3c","payload":{"text":"loonstrook '
        'klopt niet - Sanne","user_name":"sanne"}})',
        "loonstrook",
        "on_message invoked",
    ),
    (
        "slack_bolt.App",
        "Unhandled request ({'type': 'view_submission', 'view': {'state': {'values': "
        "{'naam': {'v': {'value': 'Truus Visser'}}}}}})",
        "Truus Visser",
        "Unhandled request",
    ),
    (
        "bot.slack.bolt",
        "Failed to run listener function (error: {'text': 'Klacht van Henk Groen'})",
        "Henk Groen",
        "Failed to run listener",
    ),
    (
        "websockets.client",
        '< TEXT \'{"envelope_id":"9f","payload":{"event":{"text":"Ria Smit belde"}}}\'',
        "Ria Smit",
        "< TEXT",
    ),
    (
        "urllib3.connectionpool",
        'https://slack.com:443 "POST /api/chat.update HTTP/1.1" 200 {unterminated Kees de Boer',
        "Kees de Boer",
        "chat.update",
    ),
    ("imap_tools", "FETCH failed for jan.jansen@example.org", "jan.jansen", "FETCH failed"),
    (
        "bot.slack.delivery",
        "Slack delivery of K-2026-0042 deferred 4s (http_503, attempt 2)",
        "",
        "deferred 4s",
    ),
    ("bot.intake.pipe", "inbound 3fa9c1d2e4b5 via pipe: stored K-2026-0001", "", "3fa9c1d2e4b5"),
    (
        "reports.jobs",
        "report 2026-Q3 posted at 2026-10-01 09:00:00+02:00 in 1.25 s",
        "",
        "09:00:00+02:00",
    ),
]


def test_thirty_realistic_lines(monkeypatch, root_logger) -> None:
    assert len(REALISTIC_LINES) == 30
    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("DEBUG")
    for logger, message, _, _ in REALISTIC_LINES:
        logging.getLogger(logger).warning("%s", message)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 30
    for line, (logger, message, personal, readable) in zip(lines, REALISTIC_LINES, strict=True):
        if personal:
            assert personal not in line, line
        else:  # nothing personal: the line is unchanged
            assert line.endswith(f"{logger}: {message}"), line
        assert readable in line, line


def test_slack_sdk_debug_lines_carry_no_names_or_complaint_text(monkeypatch, root_logger) -> None:
    from slack_sdk import WebClient

    from tests.support.fake_slack import BOT_TOKEN, FakeSlack

    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    configure_logging("DEBUG")
    fake = FakeSlack().start()
    fake.add_channel("CKLACHTEN")
    try:
        client = WebClient(token=BOT_TOKEN, base_url=fake.url)
        client.chat_postMessage(
            channel="CKLACHTEN",
            text="Klacht K-2026-0001: loonstrook",
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "Sanne de Wit"}}],
        )
    finally:
        fake.stop()
    output = stream.getvalue()
    assert "Sending a request" in output and "Received the following response" in output
    assert "chat.postMessage" in output
    assert "Sanne" not in output and "loonstrook" not in output
    assert BOT_TOKEN not in output
