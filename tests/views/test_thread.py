"""The complaint's thread as the officer reads it: the effectiveness result logged, "everyone
has answered" only when everyone gave their answer, and at most one mention in a post."""

from __future__ import annotations

import pytest

from bot.procedure import EventKind
from bot.texts import discussion as discussion_text
from bot.views import thread
from bot.views.model import Mention, Message, Paragraph, Quote, Strong
from tests.views import story
from tests.views.scenes import SCENES


def lines_of(message: Message) -> list[tuple]:
    return [
        line
        for block in message.blocks
        if isinstance(block, Paragraph)
        for line in block.lines
        if not isinstance(line, Quote)
    ]


def plain(spans) -> str:
    """The words of a line, bold or not (a person or a moment left out)."""
    return "".join(
        span if isinstance(span, str) else plain(span.spans) if isinstance(span, Strong) else ""
        for span in spans
    )


def texts_of(message: Message) -> list[str]:
    return [plain(line) for line in lines_of(message)]


def mentions_in(message: Message) -> list[Mention]:
    return [span for line in lines_of(message) for span in line if isinstance(span, Mention)]


def post_of(complaint, kind: EventKind) -> Message:
    event = complaint.last_event(kind)
    assert event is not None
    return thread.event_post(complaint, event, event.at)


def test_the_effectiveness_result_is_a_line_in_the_thread() -> None:
    post = post_of(story.checked(), EventKind.EFFECTIVENESS_RECORDED)
    said = texts_of(post)
    assert any("Maatregelen effectief:" in line for line in said)
    assert any("Uitkomst van de controle:" in line for line in said)


def test_a_planned_talk_and_a_refusal_are_not_everyone_answering() -> None:
    """Eva answered, Bram planned a talk, Carlo declined: the officer hears of the talk and of
    the refusal, each in its own post, but nobody says that everyone answered."""
    complaint = story.reacted()
    posts = [thread.event_post(complaint, event, event.at) for event in complaint.events]
    said = [line for post in posts for line in texts_of(post)]
    assert not any(discussion_text.PING_ALL_ANSWERED in line for line in said)
    declined = post_of(complaint, EventKind.EMPLOYEE_DECLINED)
    assert any("Carlo Visser geeft aan" in line for line in texts_of(declined))


def test_when_everyone_answered_the_officer_is_told_once_with_one_mention() -> None:
    complaint = story.all_answered()
    last = thread.event_post(complaint, complaint.events[-1], story.NOW)
    assert any(discussion_text.PING_ALL_ANSWERED in line for line in texts_of(last))
    assert [m.person.id for m in mentions_in(last)] == ["UOFFICER"]
    earlier = thread.event_post(complaint, complaint.events[-2], story.NOW)
    assert not any(discussion_text.PING_ALL_ANSWERED in line for line in texts_of(earlier))


@pytest.mark.parametrize("name", sorted(n for n in SCENES if n.startswith("thread/")))
def test_a_thread_post_mentions_nobody_twice_and_the_officer_at_most_once(name: str) -> None:
    """A mention means "you must act": the officer, once. An employee is named; mentioned only
    while the log knows no name for them (asked, never reacted), and then once."""
    post = SCENES[name]()
    assert isinstance(post, Message)
    mentioned = [m.person.id for m in mentions_in(post)]
    assert len(mentioned) == len(set(mentioned)), name


def test_once_employees_have_reacted_a_post_mentions_only_the_officer() -> None:
    for complaint in (story.reacted(), story.all_answered()):
        for event in complaint.events:
            mentioned = [
                m.person.id for m in mentions_in(thread.event_post(complaint, event, event.at))
            ]
            assert mentioned in ([], ["UOFFICER"]), (event.kind, mentioned)
