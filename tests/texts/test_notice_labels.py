"""Every kind of notice the clock decides has a Dutch label where people read it listed: the
history (`show --history`, exports) and the demo's story."""

from __future__ import annotations

from bot.jobs.notices import Notice
from bot.texts import demo, privacy


def test_every_notice_kind_has_its_dutch_labels() -> None:
    kinds = {notice.value for notice in Notice}
    assert kinds <= set(privacy.NOTICE_LABELS)
    assert kinds <= set(demo.NOTICE_LABELS)
