"""Every kind of notice the clock records has a Dutch label wherever people read it: the demo's
transcript and the readable history (the export an auditor or complainant opens)."""

from __future__ import annotations

import pytest

from bot.jobs.notices import Notice
from bot.texts import demo as demo_text
from bot.texts import privacy as privacy_text


@pytest.mark.parametrize("labels", [demo_text.NOTICE_LABELS, privacy_text.NOTICE_LABELS])
def test_every_notice_kind_has_a_label(labels: dict[str, str]) -> None:
    missing = [kind.value for kind in Notice if kind.value not in labels]
    assert missing == []
