"""The PDF a director reads, on the two-year history: page 1 says who, what, how it stands and
what is asked; every page is A4; every label shows whole; numbers are right-aligned."""

from __future__ import annotations

import dataclasses
import re

import pytest
from pypdf import PdfReader

from reports.files import write_report_files
from reports.generate import make_report
from reports.periods import parse_period
from tests.reports.conftest import HISTORY_NOW
from tests.reports.seed import AMS

A4_POINTS = (595.0, 842.0)


@pytest.fixture
def year_pdf(history, tmp_path):
    db, settings, made = history
    report = make_report(db, settings, parse_period("2026", AMS), HISTORY_NOW, "system")
    advised = dataclasses.replace(report, advice="Investeer in een vaste terugbelafspraak.")
    write_report_files(db, settings, advised, tmp_path)
    return PdfReader(tmp_path / "jaarrapportage-2026.pdf"), advised, made


def test_page_one_is_the_summary(year_pdf):
    reader, report, _ = year_pdf
    first = reader.pages[0].extract_text()
    for words in (
        "Spijtenburg Werving en Advies B.V.",
        "Klachtenjaarverslag 2026",
        "Stand per 7 december 2026",
        "tussenstand t/m 7 december 2026",
        "Aan: de directie",
        "Opgesteld door: de klachtenfunctionaris",
        "Belangrijkste punten",
        "Kerncijfers",
        "Investeer in een vaste terugbelafspraak.",
        "Gevraagd van de directie",
    ):
        assert words in first, words
    flat = re.sub(r"\s+", " ", first)
    assert report.analysis.splitlines()[0] in flat  # the first key message
    assert "op koers" in flat or "uit koers" in flat or "aandacht" in flat
    assert reader.metadata.title.startswith("Klachtenjaarverslag 2026")
    assert reader.metadata.author == "Spijtenburg Werving en Advies B.V."


def test_every_page_is_a4_with_header_and_footer(year_pdf):
    reader, _, _ = year_pdf
    assert len(reader.pages) >= 8
    for number, page in enumerate(reader.pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1), number
        text = page.extract_text()
        assert f"Pagina {number} van {len(reader.pages)}" in text
        assert "Spijtenburg Werving en Advies B.V. · Klachtenjaarverslag 2026" in text


def test_every_label_shows_whole(year_pdf):
    reader, _, made = year_pdf
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for label in (
        "Effectiviteitscontroles van maatregelen",
        "Maatregelen niet (voldoende) effectief",
        "Maatregelen die niet effectief bleken",
        "Preventieve maatregelen per categorie en oorzaak",
        "Inhoud",
        "Contact binnen termijn",
        "Nog niet geregistreerd",
    ):
        assert label in text, label
    # The failed measures are listed by complaint, linked to their measure: no "… en nog".
    assert "en nog" not in text.split("Maatregelen die niet effectief bleken")[-1][:400]
    assert any(reference in text for reference in made.not_effective)
    assert "andere afgesloten klachten met maatregelen" not in text


def test_numbers_are_right_aligned(history, tmp_path):
    from matplotlib.figure import Figure

    from reports.export import _draw_table

    axes = Figure().add_subplot()
    _draw_table(axes, ("Kengetal", "Aantal"), [("Ontvangen", "12")], {1}, [1])
    cells = axes.tables[0].get_celld()
    assert cells[1, 1].get_text().get_horizontalalignment() == "right"
    assert cells[1, 0].get_text().get_horizontalalignment() == "left"
