"""No e-mail address or phone number reaches a log line in clear, whatever the code logs."""

from __future__ import annotations

import io
import logging

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
