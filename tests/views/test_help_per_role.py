"""Help and Home per role: the help lists only the commands that role may use, a colleague with
nothing open gets an explanation instead of an empty Home, and only the officer gets a link
into the complaints channel."""

from __future__ import annotations

import pytest

from bot.procedure import Role
from bot.views import dashboards, lists
from bot.views.model import Command, Paragraph


def commands_in(role: Role) -> set[str]:
    message = lists.help_message(role)
    return {
        span.words
        for block in message.blocks
        if isinstance(block, Paragraph)
        for line in block.lines
        for span in line
        if isinstance(span, Command)
    }


def test_the_officer_sees_every_command() -> None:
    assert {"genegeerd", "K-2026-0001 historie", "rapport 2026-Q3", ""} <= commands_in(Role.OFFICER)


@pytest.mark.parametrize(
    ("role", "refused"),
    [
        (Role.MANAGEMENT, {"genegeerd", "genegeerd 2026-12-01"}),
        (Role.EMPLOYEE, {"genegeerd", "K-2026-0001 historie", "rapport 2026-Q3", "rapport 2026"}),
    ],
)
def test_a_role_sees_no_command_it_may_not_use(role: Role, refused: set[str]) -> None:
    shown = commands_in(role)
    assert not shown & refused
    assert {"lijst", "K-2026-0001", "help"} <= shown


def test_an_employee_with_nothing_asked_reads_what_the_home_is_for() -> None:
    home = dashboards.employee_dashboard([])
    said = " ".join(
        span if isinstance(span, str) else ""
        for block in home.blocks
        if isinstance(block, Paragraph)
        for line in block.lines
        for span in line
    )
    assert "zodra de klachtenfunctionaris jouw kant van het verhaal vraagt" in said
