"""The card's excerpt: at most three lines of the complaint itself, without the greeting above
it or the signature (and what a phone adds) below it; the whole text one click away."""

from __future__ import annotations

import pytest

from bot.views import card
from bot.views.excerpts import EXCERPT_LINES, excerpt_lines
from bot.views.model import Disclosure, Paragraph
from tests.views import story


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (story.BODY, ("Mijn salaris is voor de tweede keer te laat & niemand belt terug.",)),
        ("Geachte heer/mevrouw,\nIk ben boos.\nMet vriendelijke groet,\nPiet", ("Ik ben boos.",)),
        ("Hallo\nDe planner belt niet.\nGroet,\nPiet\n06-12345678", ("De planner belt niet.",)),
        ("Goedemorgen,\nGeen loon.\n\nVerzonden vanaf mijn iPhone", ("Geen loon.",)),
        ("Geen loon ontvangen.\nSent from my Samsung Galaxy", ("Geen loon ontvangen.",)),
        ("Geen loon ontvangen.\n-- \nPiet Jansen\nBouwbedrijf", ("Geen loon ontvangen.",)),
        ("Beste Olga, het loon van mei is nog steeds niet betaald en niemand belt terug.", None),
    ],
)
def test_greeting_and_signature_are_left_out(body: str, shown: tuple[str, ...] | None) -> None:
    lines, _ = excerpt_lines(body)
    assert lines[: len(shown or lines)] == (shown or (body,))


def test_at_most_three_lines_and_the_rest_one_click_away() -> None:
    body = "Beste Olga,\nEen.\nTwee.\nDrie.\nVier.\nMet vriendelijke groet,\nJan"
    lines, cut = excerpt_lines(body)
    assert lines == ("Een.", "Twee.", "Drie.") and len(lines) == EXCERPT_LINES and cut
    complaint = story.received(body=body)
    (more,) = card.full_text_block(complaint)
    assert isinstance(more, Disclosure) and more.label == "Hele tekst"
    (paragraph,) = more.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.lines[0].lines == tuple(body.splitlines())  # every line, greeting too


def test_a_short_complaint_without_greeting_has_nothing_more_to_show() -> None:
    assert excerpt_lines("Geen loon ontvangen.") == (("Geen loon ontvangen.",), False)
    assert card.full_text_block(story.received(body="Geen loon ontvangen.")) == []
