"""Erasure rewrites every message the bot posted about the complaint, in the fake Slack: the
root and thread in the complaints channel and the direct message to the employee asked for
their side, which held the complainant's name, the subject, the start of the text and the
employee's answer."""

from __future__ import annotations

import json

import pytest

from bot.intake.store import ingest_raw
from bot.privacy import erase_complainant
from bot.procedure import Actor, Role
from bot.procedure import privacy as privacy_rules
from bot.procedure import steps as procedure
from bot.procedure.inputs import DiscussionRequest, EmployeeResponse
from tests.privacy.conftest import SANNE, Story, mail
from tests.procedure import builders as b

EMPLOYEE = Actor("UMEDEWERKER", Role.EMPLOYEE, "Bram")
OFFICER = Actor("UOFFICER", Role.OFFICER, "Fatima")
ANSWER = "Ik heb mevrouw De Wit op 14 mei teruggebeld over de nachtdiensten"
# What the DM and the thread showed of Sanne's third complaint.
TRACES = ("Sanne", "de Wit", "Nachtdiensten", "nachtdiensten", "ingeroosterd", "14 mei")


def all_messages(story: Story) -> str:
    """Every message the fake Slack holds, in every conversation, as one string."""
    return json.dumps(
        [(m.channel, m.text, m.blocks) for m in story.fake.messages.values()], ensure_ascii=False
    )


@pytest.mark.parametrize("recipients", ["kept", "lost"])
def test_erasure_rewrites_the_employees_direct_message_too(
    story: Story, monkeypatch: pytest.MonkeyPatch, recipients: str
) -> None:
    """`lost`: anonymised as an earlier version did, which removed whom the request went to;
    the message is then rewritten to say the complaint's data was removed."""
    story.fake.add_user("UMEDEWERKER", "Bram Bakker")
    third = mail(
        f"Sanne de Wit <{SANNE}>",
        "Nachtdiensten zonder overleg",
        "Ik ben drie weken achter elkaar in nachtdiensten ingeroosterd.\n\nSanne de Wit",
    )
    reference = ingest_raw(third.as_bytes(), story.clock.now, story.service).reference
    registration = b.registration(complainant_name="Sanne de Wit", complainant_phone="0612345678")
    story.service.change(reference, procedure.register, OFFICER, registration)
    contact = b.contact(contacted_at=story.clock.now)
    story.service.change(reference, procedure.record_contact, OFFICER, contact)
    request = DiscussionRequest((EMPLOYEE.user_id,), share_contact=True)
    story.service.change(reference, procedure.request_discussion, OFFICER, request)
    story.deliver()
    story.service.change(
        reference, procedure.record_employee_response, EMPLOYEE, EmployeeResponse(ANSWER)
    )
    story.deliver()
    [direct] = [m for m in story.fake.messages.values() if m.channel == "DUMEDEWERKER"]
    before = json.dumps([direct.text, direct.blocks], ensure_ascii=False)
    assert "Sanne de Wit" in before and "Nachtdiensten" in before

    if recipients == "lost":
        kept = privacy_rules.KEPT_EVENT_KEYS - {"employee_ids"}
        monkeypatch.setattr(privacy_rules, "KEPT_EVENT_KEYS", kept)
    erase_complainant(story.service, SANNE, now=story.clock.now)
    story.deliver()

    shown = all_messages(story)
    for trace in (*TRACES, ANSWER, SANNE, "12345678"):
        assert trace not in shown, trace
    after = json.dumps([direct.text, direct.blocks], ensure_ascii=False)
    assert reference in after and direct.updates >= 2
    assert "Piet Jansen" in shown  # another complainant's messages stay as they were
