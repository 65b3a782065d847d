"""The PDF a director reads, on the two-year history: page 1 says who, what, how it stands and
what is asked; every page is A4; every label shows whole; numbers are right-aligned."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from pypdf import PdfReader

from reports.export import markdown_summary
from reports.files import write_report_files
from reports.generate import load_report, make_report
from reports.periods import parse_period
from reports.store import publish_with_text
from storage.models import Profile
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


def test_every_chart_is_in_the_pdf_pixel_for_pixel(year_pdf, tmp_path):
    """The PDF shows each chart exactly as its PNG beside it (the PNG's data is embedded as
    it is), at the body's width."""
    from PIL import Image, ImageChops

    reader, _, _ = year_pdf
    embedded = [image.image.convert("RGB") for page in reader.pages for image in page.images]
    charts = [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("*.png"))]
    assert len(charts) == 5
    assert len(embedded) == len(charts)
    for chart in charts:
        same = [ImageChops.difference(chart, image).getbbox() is None for image in embedded]
        assert same.count(True) == 1


def test_numbers_are_right_aligned(tmp_path):
    """In a table's number column the numbers end where the column ends: a longer number
    starts further left; the labels beside them all start at the same place."""
    from reportlab.platypus import SimpleDocTemplate

    from reports.pdf import table

    path = tmp_path / "tabel.pdf"
    rows = [("Ontvangen", "7"), ("Afgesloten binnen de termijn", "12345")]
    SimpleDocTemplate(str(path)).build(table("Kerncijfers", ("Kengetal", "Aantal"), rows, {1}))
    starts: dict[str, float] = {}

    def visit(words, _cm, tm, _font, _size):
        if words.strip():
            starts[words.strip()] = tm[4]

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    assert starts["12345"] < starts["7"] - 10
    assert starts["Ontvangen"] == pytest.approx(starts["Afgesloten binnen de termijn"])


def test_the_officer_who_gave_the_advice_is_the_author(history, tmp_path):
    """The advice given through the modal names its officer by the profile name the bot
    learned; an officer whose name it has not learned is named by role, never by an id."""
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2026", AMS), HISTORY_NOW, "system")
    with db.session() as session:
        session.add(
            Profile(
                surface="slack", user_id="UHISTKF", name="Anouk de Vries", fetched_at=HISTORY_NOW
            )
        )
    publish_with_text(db, settings, report.id, "Investeer in terugbellen.", "UHISTKF", HISTORY_NOW)
    write_report_files(db, settings, load_report(db, settings, report.id), tmp_path)

    reader = PdfReader(tmp_path / "jaarrapportage-2026.pdf")
    assert "Opgesteld door: Anouk de Vries, klachtenfunctionaris" in reader.pages[0].extract_text()
    assert reader.metadata.author == "Anouk de Vries"

    later = HISTORY_NOW + dt.timedelta(hours=1)
    publish_with_text(db, settings, report.id, "Tweede versie.", "UOTHERKF", later)
    summary = markdown_summary(load_report(db, settings, report.id))
    assert "Opgesteld door: de klachtenfunctionaris  " in summary.splitlines()
    assert "UOTHERKF" not in summary
