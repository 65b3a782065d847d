"""bot.teams.hops: the gate's work (storing a personal chat's sender) runs once per activity,
before the handler's own work and in its thread, or after the chain when no handler hops."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.teams.hops import first_in_thread, in_thread


def test_the_gates_work_runs_first_in_the_handlers_thread() -> None:
    done: list[tuple[str, int]] = []

    def gate_work() -> None:
        done.append(("sender stored", threading.get_ident()))

    def handler_work() -> str:
        done.append(("answer built", threading.get_ident()))
        return "answer"

    async def chain() -> list[str]:
        return [await in_thread(handler_work), await in_thread(handler_work)]

    answers = asyncio.run(first_in_thread(gate_work, chain))

    assert answers == ["answer", "answer"]
    assert [what for what, _ in done] == ["sender stored", "answer built", "answer built"]
    assert done[0][1] == done[1][1] != threading.get_ident()  # one hop, off the event loop


def test_the_gates_work_runs_when_no_handler_hops_and_when_one_fails() -> None:
    done: list[str] = []

    async def answers_at_once() -> str:
        return "not yet"

    assert asyncio.run(first_in_thread(lambda: done.append("stored"), answers_at_once)) == "not yet"

    async def fails() -> None:
        raise RuntimeError("handler broke")

    with pytest.raises(RuntimeError):
        asyncio.run(first_in_thread(lambda: done.append("stored again"), fails))
    assert done == ["stored", "stored again"]


def test_outside_the_gate_a_hop_is_a_plain_hop() -> None:
    assert asyncio.run(in_thread(lambda x: x + 1, 1)) == 2
