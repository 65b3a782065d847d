"""The complaint's card in every state: the next step is its first line, in bold; one primary
button at most, the first; 'Geen klacht' never red; and no notification line names the
complainant or their words."""

from __future__ import annotations

import pytest

from bot.forms.workflows import WORKFLOWS, buttons_for
from bot.procedure import EventKind
from bot.procedure import steps as procedure
from bot.procedure.discussion import request_of
from bot.procedure.errors import NotAllowed, ProcedureError
from bot.procedure.inputs import MeetingPlan
from bot.views.ids import Action
from bot.views.model import ButtonStyle, Paragraph, Strong
from bot.views.requests import officer_pings
from tests.views import story
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


def test_the_officer_can_move_a_planned_talk_from_the_card() -> None:
    """ "Gesprek verzetten" is the officer's once an employee planned a talk (not before, and
    not management's); its form starts at that talk, and the step records the new moment for
    the employee, without telling the officer what they did themselves."""
    asked, planned = story.asked(), story.reacted()
    assert Action.MOVE_TALK not in buttons_for(story.OFFICER, asked)
    assert Action.MOVE_TALK in buttons_for(story.OFFICER, planned)
    assert Action.MOVE_TALK not in buttons_for(story.MANAGEMENT, planned)
    (workflow,) = [w for w in WORKFLOWS if w.action is Action.MOVE_TALK]
    whose, when = workflow.fields(planned, story.NOW)
    assert whose.initial == "UBRAM" and [o.label for o in whose.options] == [
        "Bram Smit, dinsdag 8 december om 14:00"
    ]
    assert when.initial == story.at(8, 14)

    new = MeetingPlan(story.at(9, 10), employee_id="UBRAM")
    moved = procedure.move_meeting(planned, story.OFFICER, new, now=story.NOW)
    event = moved.events[-1]
    assert event.kind is EventKind.MEETING_MOVED and event.data["employee_id"] == "UBRAM"
    assert officer_pings(moved, event, story.NOW) == []  # not told what they did themselves
    assert request_of(moved, "UBRAM").meeting_at == story.at(9, 10)
    with pytest.raises(NotAllowed):
        procedure.move_meeting(planned, story.MANAGEMENT, new, now=story.NOW)
    with pytest.raises(ProcedureError):  # Carlo declined: he has no talk to move
        carlo = MeetingPlan(story.at(9, 10), employee_id="UCARLO")
        procedure.move_meeting(planned, story.OFFICER, carlo, now=story.NOW)
