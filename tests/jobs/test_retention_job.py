"""The clock runs retention: a complaint closed two years ago is anonymised and its Slack
messages rewritten by the same tick, with no command."""

from __future__ import annotations

import json

from bot.jobs.runner import run_jobs
from bot.procedure import SYSTEM_ACTOR
from bot.procedure import steps as procedure
from tests.jobs.conftest import CHANNEL
from tests.procedure import builders as b
from tests.reports.seed import OFFICER, at


def test_the_clock_anonymises_what_is_past_retention(ctx, service, clock, fake):
    clock.now = at(2026, 4, 20, 12)
    complaint = service.submit(b.intake(), SYSTEM_ACTOR)
    service.change(complaint.reference, procedure.register, OFFICER, b.registration())
    service.change(complaint.reference, procedure.record_contact, OFFICER, b.contact())
    closure = b.closure(no_employee_reason="Alleen administratie.")
    service.change(complaint.reference, procedure.close, OFFICER, closure)
    assert run_jobs(ctx) == []
    assert "Petra Pietersen" in json.dumps([m.blocks for m in fake.messages.values()])

    clock.now = at(2028, 4, 21, 3)
    assert run_jobs(ctx) == []

    assert service.get(complaint.reference).anonymised_at == clock.now
    shown = json.dumps([(m.text, m.blocks) for m in fake.messages.values()], ensure_ascii=False)
    assert "Petra Pietersen" not in shown and "week 15" not in shown
    (root,) = fake.roots(CHANNEL)
    assert "Geanonimiseerd" in json.dumps(root.blocks)
