"""What every report opens with, on the two-year history: samenvatting.md starts with the same
summary as page 1 of the PDF."""

from __future__ import annotations

from reports.analysis import key_messages
from reports.export import markdown_summary
from reports.generate import make_report
from reports.periods import parse_period
from tests.reports.conftest import HISTORY_NOW
from tests.reports.seed import AMS


def test_samenvatting_opens_with_the_summary_of_page_one(history):
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2026-Q4", AMS), HISTORY_NOW, "cli")
    text = markdown_summary(report)
    # Everything up to the detailed comparison is the summary.
    opening = text[: text.index("## Vergelijking")]
    lines = opening.splitlines()
    assert lines[0] == "# Klachtenrapportage K4 2026"
    assert "Spijtenburg Werving en Advies B.V." in lines[:4]
    assert "Stand per 7 december 2026 · Status: tussenstand t/m 7 december 2026  " in lines
    assert "Aan: de directie  " in lines
    messages = key_messages(report.figures)
    assert 3 <= len(messages) <= 5
    for message in messages:
        assert f"- {message}" in lines
    assert "## Kerncijfers" in lines
    assert any(line.startswith("| Contact binnen termijn |") for line in lines)
    for heading in (
        "## Klachten die aandacht vragen",
        "## Analyse van de klachtenfunctionaris",
        "## Gevraagd van de directie",
    ):
        assert heading in lines, heading
    assert "De klachtenfunctionaris heeft geen eigen analyse toegevoegd." in lines
