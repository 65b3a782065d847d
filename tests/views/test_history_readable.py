"""The history as people read it (issue 26): names instead of chat ids, moments in Dutch words,
the bot named once, and no line for a value that stayed empty or that a reopen cleared."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.procedure import Actor, Complaint, Role
from bot.procedure import steps as procedure
from bot.procedure.history import record_changes
from bot.procedure.inputs import (
    Decline,
    DiscussionRecord,
    DiscussionRequest,
    EmployeeResponse,
    Reopening,
)
from bot.service import takes_terms
from bot.views.history import history
from bot.views.model import Message, Paragraph, Strong
from tests.views import story
from tests.views.story import OFFICER, at

EMPLOYEE = Actor("U0EMPLOYEE", Role.EMPLOYEE, "Eva Jansen")
COLLEAGUE = Actor("U0COLLEAGUE", Role.EMPLOYEE, "Carlo Visser")
SILENT = "U0SILENTONE"  # asked, but never answered: the log holds no name for them
CHAT_ID = re.compile(r"U[A-Z0-9]{6,}")
ISO_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT")


def _step(complaint: Complaint, step: Any, actor: Actor, data: Any, moment: Any) -> Complaint:
    """As the service saves a step: with the fields it changed recorded in its event."""
    extra = {"terms": story.TERMS} if takes_terms(step) else {}
    changed = record_changes(complaint, step(complaint, actor, data, now=moment, **extra))
    return story.stored(changed, complaint.reference or "")


def _reopened_after_discussion() -> Complaint:
    complaint = story.contacted()
    request = DiscussionRequest(
        (EMPLOYEE.user_id, COLLEAGUE.user_id, SILENT), "Kun je hier even naar kijken?", True
    )
    complaint = _step(complaint, procedure.request_discussion, OFFICER, request, at(7, 9, 55))
    answer = EmployeeResponse("De loonrun liep vast.", "Een storing.", "Vaker checken.")
    complaint = _step(complaint, procedure.record_employee_response, EMPLOYEE, answer, at(7, 9, 56))
    decline = Decline("Ik werk niet meer op deze klant.")
    complaint = _step(complaint, procedure.decline_discussion, COLLEAGUE, decline, at(7, 9, 57))
    record = DiscussionRecord(at(7, 9, 59), "Besproken; de bank is gebeld.")
    complaint = _step(complaint, procedure.record_discussion, OFFICER, record, at(7, 9, 59))
    complaint = _step(complaint, procedure.close, OFFICER, story.CLOSURE, at(7, 10))
    reopening = Reopening("De klant belde opnieuw.")
    return _step(complaint, procedure.reopen, OFFICER, reopening, at(7, 10, 30))


def _events(message: Message) -> list[list[str]]:
    """Each event's lines as plain text: its heading first, then its details."""
    shown = []
    for block in message.blocks:
        if isinstance(block, Paragraph) and isinstance(block.lines[0][0], Strong):
            heading = "".join(str(span) for span in block.lines[0][0].spans)
            shown.append([heading] + ["".join(map(str, line)) for line in block.lines[1:]])
    return shown


@pytest.fixture(scope="module")
def officer_view() -> list[list[str]]:
    return _events(history(_reopened_after_discussion(), Role.OFFICER, story.NOW))


def test_the_history_names_people_never_their_chat_ids(officer_view: list[list[str]]) -> None:
    everything = "\n".join(line for event in officer_view for line in event)
    assert not CHAT_ID.search(everything), everything
    asked = next(event for event in officer_view if "gevraagd" in event[0])
    assert "• Medewerkers: Eva Jansen, Carlo Visser, naam onbekend" in asked
    answered = next(event for event in officer_view if "Reactie van medewerker" in event[0])
    assert "Eva Jansen (medewerker)" in answered[0]


def test_moments_read_in_dutch_words_and_the_bot_once(officer_view: list[list[str]]) -> None:
    everything = "\n".join(line for event in officer_view for line in event)
    assert not ISO_MOMENT.search(everything), everything
    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", everything), everything
    assert officer_view[0][0].startswith("maandag 7 december om 09:00 · ")
    assert " · klachtenbot · " in officer_view[0][0]
    assert "klachtenbot (klachtenbot)" not in everything


def test_a_reopen_says_once_what_it_cleared(officer_view: list[list[str]]) -> None:
    everything = "\n".join(line for event in officer_view for line in event)
    assert "(leeg) → (leeg)" not in everything
    assert "→ (leeg)" not in everything and "(leeg) →" not in everything
    assert "• Oplossing: Salaris overgemaakt." in everything
    reopen = next(event for event in officer_view if "Heropend" in event[0])
    cleared = [line for line in reopen if line.startswith("• Gewist: ")]
    assert len(cleared) == 1, reopen
    assert "Oplossing" in cleared[0] and "Oorzaak" in cleared[0]
    assert len(reopen) <= 4, reopen


@pytest.mark.parametrize(
    ("role", "viewer"), [(Role.MANAGEMENT, None), (Role.EMPLOYEE, EMPLOYEE.user_id)]
)
def test_management_and_the_employee_read_names_and_moments_too(
    role: Role, viewer: str | None
) -> None:
    shown = _events(history(_reopened_after_discussion(), role, story.NOW, viewer))
    assert any("Eva Jansen (medewerker)" in event[0] for event in shown)
    everything = "\n".join(line for event in shown for line in event)
    assert not CHAT_ID.search(everything) and not ISO_MOMENT.search(everything), everything
    assert "klachtenbot (klachtenbot)" not in everything
    assert "(leeg) → (leeg)" not in everything
