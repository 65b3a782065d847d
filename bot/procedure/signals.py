"""Signals that management hears of at once: a complaint of severity `hoog`, and any signal of
discrimination (the ABU keurmerk asks for an active policy against it).

The step that makes a complaint such a signal (registration, or a later change of its kind or
severity) records which signals are new in its event, under ALERT_KEY. Whoever tells management
reads them from that event, so each is told once, however often the complaint is saved, and
never again for a signal management already had.
"""

from __future__ import annotations

from enum import StrEnum

from bot.procedure.model import Complaint, Event, EventKind, Route, Severity

ALERT_KEY = "management_alert"
# The steps that can raise a signal.
ALERTING_EVENTS = frozenset({EventKind.REGISTERED, EventKind.RECLASSIFIED})


class Signal(StrEnum):
    HIGH_SEVERITY = "hoog"
    DISCRIMINATION = "discriminatie"


def signals_of(complaint: Complaint) -> tuple[Signal, ...]:
    """The signals a registered complaint carries now."""
    if complaint.registered_at is None:
        return ()
    found = []
    if complaint.severity is Severity.HIGH:
        found.append(Signal.HIGH_SEVERITY)
    if complaint.route is Route.DISCRIMINATION:
        found.append(Signal.DISCRIMINATION)
    return tuple(found)


def new_signals(before: Complaint, after: Complaint) -> tuple[Signal, ...]:
    """The signals `after` carries that `before` did not: what management must hear now."""
    had = set(signals_of(before))
    return tuple(signal for signal in signals_of(after) if signal not in had)


def alerts_of(event: Event) -> tuple[Signal, ...]:
    """The signals an event raised (registration or reclassification), to tell management."""
    if event.kind not in ALERTING_EVENTS:
        return ()
    values = event.data.get(ALERT_KEY) or []
    return tuple(Signal(value) for value in values if value in Signal._value2member_map_)
