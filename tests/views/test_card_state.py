"""The card says what comes next: its heading names the state as the next step, and while the
discussion runs a line says who has answered."""

from __future__ import annotations

from bot.views import card
from bot.views.model import Heading, Mention, Paragraph
from bot.views.spans import moment_text
from tests.views import story
from tests.views.story import CALENDAR, NOW


def heading_of(complaint) -> str:
    post = card.channel_post(complaint, now=NOW, calendar=CALENDAR)
    assert isinstance(post.blocks[0], Heading)
    return post.blocks[0].text


def test_the_heading_names_what_comes_next() -> None:
    expected = {
        story.received: "K-2026-0001 · Nieuw – registreren",
        story.registered: "K-2026-0001 · Wacht op contact",
        story.asked: "K-2026-0001 · In bespreking – wacht op medewerker",
        story.contacted: "K-2026-0001 · Klaar om af te sluiten",
        story.discussed: "K-2026-0001 · Klaar om af te sluiten",
        story.closed: "K-2026-0001 · Afgesloten",
        story.in_recourse: "K-2026-0001 · Afgesloten – vervolgstap loopt",
        story.rejected: "K-2026-0001 · Geen klacht",
    }
    for build, heading in expected.items():
        assert heading_of(build()) == heading, build.__name__
    # Bram's talk has passed: recording the discussion is the officer's next step.
    after_talk = card.card_state(story.reacted(), story.at(8, 15))
    assert after_talk == "In bespreking – bespreking vastleggen"


def answers(complaint) -> str:
    (paragraph,) = card.answers_line(complaint, NOW)
    assert isinstance(paragraph, Paragraph)
    (line,) = paragraph.lines
    return "".join(
        f"@{span.person.id}"
        if isinstance(span, Mention)
        else moment_text(span)
        if not isinstance(span, str)
        else span
        for span in line
    )


def test_who_has_answered_by_name_with_a_mark() -> None:
    assert answers(story.reacted()) == (
        "Eva Jansen ✓ · Bram Smit gesprek dinsdag 8 december om 14:00 · Carlo Visser ✗"
    )
    # Nobody reacted yet: the log knows no names, so the card mentions them.
    assert answers(story.asked()) == "@UEVA … · @UBRAM … · @UCARLO …"
    assert card.answers_line(story.discussed(), NOW) == []  # recorded: the line has done its work
    assert card.answers_line(story.contacted(), NOW) == []
