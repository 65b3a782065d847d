"""The officer's Home as a to-do list: "Nu doen", "Wacht op anderen", "Klaar om af te sluiten",
each complaint in exactly one group, so the counts add up to what the Home lists."""

from __future__ import annotations

from bot.procedure import SYSTEM_ACTOR, EventKind
from bot.procedure import steps as procedure
from bot.procedure.discussion import DiscussionFact
from bot.procedure.todo import Todo, todo_of
from bot.texts import find as text
from bot.views import dashboards
from bot.views.model import Facts, Paragraph, Strong
from tests.views import story
from tests.views.story import CALENDAR, NOW, at


def escalated():
    """Asked, and Eva stayed silent past the reminder and the escalation."""
    complaint = story.asked("K-2026-0010")
    for kind in (EventKind.DISCUSSION_REMINDER_SENT, EventKind.DISCUSSION_ESCALATED):
        fact = DiscussionFact(kind, "UEVA")
        complaint = story.take(
            complaint, procedure.record_discussion_fact, SYSTEM_ACTOR, fact, at(8, 9)
        )
    return complaint


# Every step an open complaint can be in, with the group it belongs to at NOW.
CASES = {
    "overdue": (story.received("K-2026-0002", received_at=at(2, 9)), Todo.NOW),
    "new": (story.received("K-2026-0003"), Todo.NOW),
    "registered, no contact": (story.registered("K-2026-0004"), Todo.NOW),
    "contacted, employees asked": (story.asked("K-2026-0005"), Todo.WAITING),
    "answered, a talk planned, one declined": (story.reacted(), Todo.WAITING),
    "contacted, no discussion": (story.contacted("K-2026-0006"), Todo.READY),
    "discussed": (story.discussed(), Todo.READY),
    "recourse runs": (story.in_recourse(), Todo.WAITING),
}


def test_each_step_is_in_the_group_its_next_step_waits_for() -> None:
    for name, (complaint, todo) in CASES.items():
        assert todo_of(complaint, NOW) is todo, name


def test_a_talk_that_has_passed_or_an_employee_silent_after_escalation_is_the_officers_move():
    after_the_talk = story.at(8, 15)  # Bram's talk was on 8 December at 14:00
    assert todo_of(story.reacted(), after_the_talk) is Todo.NOW
    # Eva silent after the escalation; Bram and Carlo too, so nobody else is waited for.
    complaint = escalated()
    for employee in ("UBRAM", "UCARLO"):
        fact = DiscussionFact(EventKind.DISCUSSION_ESCALATED, employee)
        complaint = story.take(
            complaint, procedure.record_discussion_fact, SYSTEM_ACTOR, fact, at(8, 9)
        )
    assert todo_of(complaint, NOW) is Todo.NOW


def counts_of(home) -> dict[str, int]:
    (facts,) = [block for block in home.blocks if isinstance(block, Facts)]
    return {fact.label: int(fact.value[0]) for fact in facts.facts}


def group_titles(home) -> list[tuple[str, int]]:
    """Each group's title and count as its heading line shows them."""
    titles = []
    for block in home.blocks:
        if isinstance(block, Paragraph) and block.lines and isinstance(block.lines[0][0], Strong):
            label = block.lines[0][0].spans[0]
            if label in text.HOME_GROUPS.values():
                count = int("".join(str(s) for s in block.lines[0][1:]).strip(" ()"))
                titles.append((label, count))
    return titles


def test_the_counts_add_up_and_each_complaint_is_listed_once() -> None:
    complaints = [complaint for complaint, _ in CASES.values()]
    home = dashboards.officer_dashboard(complaints, NOW, CALENDAR, lambda c: [])
    counts = counts_of(home)
    groups = [counts[label] for label in text.HOME_GROUPS.values()]
    assert groups == [3, 3, 2]
    assert sum(groups) == counts[text.HOME_OPEN_TOTAL] == len(complaints)
    assert group_titles(home) == list(zip(text.HOME_GROUPS.values(), groups, strict=True))
    listed = [
        block.lines[0][0].spans[0]
        for block in home.blocks
        if isinstance(block, Paragraph)
        and isinstance(block.lines[0][0], Strong)
        and str(block.lines[0][0].spans[0]).startswith("K-")
    ]
    assert sorted(listed) == sorted(c.reference for c in complaints)


def test_an_empty_group_says_so() -> None:
    home = dashboards.officer_dashboard([story.received()], NOW, CALENDAR, lambda c: [])
    assert counts_of(home)[text.HOME_GROUPS["ready"]] == 0
    said = [line for b in home.blocks if hasattr(b, "lines") for line in b.lines]
    assert (text.HOME_GROUP_EMPTY,) in said
