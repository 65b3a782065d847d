"""`python -m bot.intake poll|ingest FILE`: the intake without the full CLI (used by tests that
run a real poller process, and handy on a mail server)."""

from __future__ import annotations

import logging
import sys

from bot.intake.pipe import ingest_command, poll_command
from bot.settings import SettingsError, load_settings


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    try:
        settings = load_settings()
        if argv[:1] == ["poll"]:
            return poll_command(settings, once=True)
        if argv[:1] == ["ingest"] and len(argv) == 2:
            return ingest_command(argv[1], settings)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    print("usage: python -m bot.intake poll | ingest FILE|-", file=sys.stderr)
    return 64


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
