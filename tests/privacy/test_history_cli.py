"""`klachtenbot show REF --history`: every event in order, who and when, the fields each step
changed before and after, the e-mails received and the warnings sent."""

from __future__ import annotations

import re

import pytest

from bot.cli import main
from bot.procedure import EventKind
from bot.procedure import steps as procedure
from bot.procedure.inputs import Reopening
from storage.complaints import ComplaintStore
from tests.privacy.conftest import OFFICER, Story
from tests.procedure import builders as b


def test_history_lists_every_event_with_before_and_after(
    story: Story, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    story.clock.now = b.ams(22, 9, 0)
    with story.service.db.session() as session:
        store = ComplaintStore(session, story.service.settings.tz)
        warned = procedure.record_fact(
            store.get(story.other),
            EventKind.WARNING_SENT,
            now=story.clock.now,
            # As the clock records it: which notice, due when (UTC), whom it mentioned.
            data={"notice": "overdue", "due_at": "2026-04-21T15:00:00+00:00", "mention": ["<@U1>"]},
        )
        store.save(warned)
    story.service.change(story.first, procedure.reopen, OFFICER, Reopening("Klant belde terug"))
    monkeypatch.setenv("DATABASE_URL", story.service.settings.database_url)

    assert main(["show", story.first, "--history"]) == 0
    out = capsys.readouterr().out.splitlines()

    lines = out[out.index(f"Historie van {story.first}:") :]
    headings = [line.strip() for line in lines[1:] if not line.startswith("      ")]
    assert [heading.split(" · ")[1] for heading in headings] == [
        "Klacht ontvangen",
        "Reactie per e-mail ontvangen",
        "Geregistreerd",
        "Contact opgenomen",
        "Afgesloten",
        "Heropend",
    ]
    # The year only when the machine's clock is past 2026 (`show` leaves out this year's).
    received = r"maandag 20 april (2026 )?om 09:30 · Klacht ontvangen · klachtenbot"
    assert re.match(received, headings[0]), headings[0]
    assert "Fatima (klachtenfunctionaris) · status Contact opgenomen → Afgesloten" in headings[4]
    text = "\n".join(lines)
    assert "Van: sanne.dewit@example.com" in text
    assert "Bijlagen: foto-rooster.jpg (23 bytes)" in text
    assert "Relatie: Flexwerker" in text and "(leeg) →" not in text
    # Reopening clears the closure: said once; the closing event keeps what it was.
    assert "Oplossing: Uren nabetaald." in text and "→ (leeg)" not in text
    assert len(re.findall(r"Gewist: .*Oplossing", text)) == 1
    assert "Reden: Klant belde terug" in text

    assert main(["show", story.other, "--history"]) == 0
    other = capsys.readouterr().out
    assert "Waarschuwing verstuurd · klachtenbot\n" in other + "\n"
    assert "klachtenbot (klachtenbot)" not in other
    assert "Melding: contacttermijn verstreken" in other
    assert re.search(r"Gepland voor: dinsdag 21 april (2026 )?om 17:00", other)  # Amsterdam time
    assert "mention" not in other and "U1" not in other and "notice" not in other
