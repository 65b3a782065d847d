"""One voice: every count in a text gets its noun's form from one helper (bot.texts.plural);
no text builds a plural from a '{plural}' ending or writes 'klacht(en)' to a colleague."""

from __future__ import annotations

import pytest

from bot.texts import discussion, find, jobs, plural, slack
from tests.texts.test_no_markup import texts_of


def test_the_helper_counts_in_the_right_form() -> None:
    assert plural(1, "klacht") == "1 klacht"
    assert plural(2, "klacht") == "2 klachten"
    assert plural(0, "werkdag") == "0 werkdagen"
    assert plural(3, "open klacht") == "3 open klachten"
    assert plural(2, "gesprek", "gesprekken") == "2 gesprekken"


@pytest.mark.parametrize("module", [find, slack, discussion, jobs])
def test_no_view_text_builds_its_own_plural(module) -> None:
    for constant, value in vars(module).items():
        if not constant.isupper():
            continue
        for where, said in texts_of(value, constant):
            assert "{plural}" not in said, where
            if not constant.startswith("STATUS_"):  # `klachtenbot status` is the operator's
                assert "klacht(en)" not in said, where
