"""The sample e-mails of `klachtenbot demo` go through the real intake and show each case."""

from __future__ import annotations

import io

from bot.intake.demo import ingest_samples, sample_messages


def test_samples_cover_every_case_in_dutch(service) -> None:
    out = io.StringIO()

    created = ingest_samples(service, out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "E-mails ontvangen via de intake:"
    assert len(lines) == 1 + len(sample_messages()) == 8
    assert created == ["K-2026-0001", "K-2026-0002", "K-2026-0003", "K-2026-0004"]
    by_reference = {complaint.reference: complaint for complaint in service.list()}
    plain, html, forwarded, no_phone = (by_reference[reference] for reference in created)
    assert plain.complainant_phone == "+31612345678"
    assert html.complainant_phone == "+31201234567"
    assert "trackOpen" not in html.body and "font-family" not in html.body
    assert (forwarded.complainant_email, forwarded.forwarded_by) == (
        "fatima.elamrani@example.com",
        "m.jansen@example.nl",
    )
    assert forwarded.complainant_phone == "+31623456789"  # hers, not the colleague's
    assert no_phone.phone_missing
    assert "reactie toegevoegd aan klacht K-2026-0001" in lines[4]
    assert "genegeerd (automatisch antwoord" in lines[5]
    assert "genegeerd (onbestelbaar" in lines[6]
    assert lines[7].endswith("telefoonnummer ontbreekt")


def test_running_the_samples_twice_stores_nothing_twice(service) -> None:
    ingest_samples(service, io.StringIO())
    out = io.StringIO()

    assert ingest_samples(service, out) == []
    assert len(service.list()) == 4
    assert out.getvalue().count("al eerder ontvangen") == 7
