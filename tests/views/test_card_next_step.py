"""The complaint's card in every state: the next step is its first line, in bold; one primary
button at most, the first; 'Geen klacht' never red; and no notification line names the
complainant or their words."""

from __future__ import annotations

import pytest

from bot.views.model import ButtonStyle, Paragraph, Strong
from tests.views.scenes import CARDS, SCENES

OPEN = ("received", "registered", "contacted", "discussion", "hostile", "from-slack-message")


@pytest.mark.parametrize("name", list(CARDS))
def test_the_card_shows_its_next_step_first_and_one_primary_button(name: str) -> None:
    message = SCENES[f"card/{name}"]()
    buttons = [b for block in message.blocks if hasattr(block, "buttons") for b in block.buttons]
    primary = [n for n, b in enumerate(buttons) if b.style is ButtonStyle.PRIMARY]
    assert primary in ([], [0]), name
    assert all(b.style is not ButtonStyle.DESTRUCTIVE for b in buttons), name
    if name in OPEN:
        first = message.blocks[1]
        assert isinstance(first, Paragraph) and isinstance(first.lines[0][0], Strong), name
    summary = "".join(part for part in message.summary if isinstance(part, str))
    for private in ("Salaris te laat", "Jan", "06", "@"):
        assert private not in summary, (name, summary)


def test_closing_is_not_the_primary_step_while_the_talk_is_still_to_be_recorded() -> None:
    message = SCENES["card/discussion"]()
    (actions,) = [block for block in message.blocks if hasattr(block, "buttons")]
    first, *rest = actions.buttons
    assert first.action.value == "complaint_discussed" and first.style is ButtonStyle.PRIMARY
    assert all(b.style is ButtonStyle.DEFAULT for b in rest)
