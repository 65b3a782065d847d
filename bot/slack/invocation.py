"""One `/klacht` call as its subcommand handlers receive it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltRequest
from slack_sdk import WebClient

from bot.slack.deps import Deps


@dataclass(frozen=True)
class Invocation:
    """Bolt's arguments, the app's dependencies and the words after the subcommand. A handler
    must call `ack` first (within 3 s); what it acknowledges with is the person's ephemeral
    answer. `request` is Bolt's, for work after the acknowledgement (errors.ack_then)."""

    ack: Ack
    body: dict[str, Any]
    client: WebClient
    logger: Logger
    deps: Deps
    args: str
    request: BoltRequest


Subcommand = Callable[[Invocation], None]
