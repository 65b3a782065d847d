"""One thread hop per activity where there was one per step.

The gate stores a personal chat's sender (a database read, a write only on a change) before
any handler's work; a handler then does its own work in a thread too. Each hop from the event
loop to a thread and back costs a tenth of a millisecond or more of CPU, on every click. So the
gate hands its work to `first_in_thread` and the handler hops with `in_thread`: the gate's work
runs in the handler's thread, just before the handler's own. When no handler hops (nothing
answers the activity, or it answers without blocking work), the gate's work runs after the
chain, in a thread of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, TypeVar

R = TypeVar("R")

# The work the gate left for the first hop of this activity's handlers (shared by reference).
_PENDING: ContextVar[list[Callable[[], object]] | None] = ContextVar("pending", default=None)


async def first_in_thread(work: Callable[[], object], chain: Callable[[], Awaitable[R]]) -> R:
    """`chain()`, with `work` done in a thread before any work the chain does in one."""
    pending = [work]
    token = _PENDING.set(pending)
    try:
        return await chain()
    finally:
        _PENDING.reset(token)
        if pending:  # no handler hopped
            await asyncio.to_thread(_run_all, tuple(pending))


async def in_thread(func: Callable[..., R], /, *args: Any) -> R:
    """`asyncio.to_thread(func, *args)`, doing first what the gate left for this activity."""
    pending = _PENDING.get()
    if not pending:
        return await asyncio.to_thread(func, *args)
    before = tuple(pending)
    pending.clear()

    def both() -> R:
        _run_all(before)
        return func(*args)

    return await asyncio.to_thread(both)


def _run_all(works: tuple[Callable[[], object], ...]) -> None:
    for work in works:
        work()
