"""What listeners need besides Bolt's own arguments, built once per process by build_app."""

from __future__ import annotations

from dataclasses import dataclass

from bot.service import ComplaintService
from bot.slack.actors import Actors
from bot.slack.homes import HomeRefresher
from bot.slack.quiet import AfterAck
from bot.slack.seen import SeenEvents


@dataclass(frozen=True)
class Deps:
    service: ComplaintService
    actors: Actors
    seen: SeenEvents
    after_ack: AfterAck
    homes: HomeRefresher
