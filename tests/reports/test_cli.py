"""`report_command`: files written for a quarter and a year, the folder printed, exit 2 on a bad
period; and every report is stored as it was made."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from reports.cli import report_command
from reports.files import write_report_files
from reports.generate import load_report, make_report
from reports.periods import parse_period
from storage.models import ComplaintRow
from tests.reports.seed import REPORT_NOW, at, seed
from tests.support.databases import database_url


@pytest.fixture
def db_url(tmp_path) -> Iterator[str]:
    """SQLite only: these tests are about files and Slack; test_figures and test_store cover
    both databases."""
    with database_url("sqlite", tmp_path) as url:
        yield url


def run(period, out_dir, settings):
    out, err = io.StringIO(), io.StringIO()
    code = report_command(period, out_dir, settings, now=REPORT_NOW, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_quarter_writes_charts_csv_and_summary(db, settings, tmp_path):
    refs = seed(db, settings)
    code, out, err = run("2026-Q2", tmp_path / "q2", settings)
    assert (code, err) == (0, "")
    assert out == f"Rapportage 2026-Q2 geschreven naar {(tmp_path / 'q2').resolve()}\n"
    names = sorted(p.name for p in (tmp_path / "q2").iterdir())
    assert names == [
        "1-klachten-per-maand.png",
        "2-contact-binnen-termijn.png",
        "3-werkuren-tot-contact.png",
        "4-oorzaken-pareto.png",
        "5-trend-8-kwartalen.png",
        "klachten-2026-Q2.csv",
        "kwartaalrapportage-2026-Q2.pdf",
        "samenvatting.md",
    ]
    with (tmp_path / "q2" / "klachten-2026-Q2.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert [r["Kenmerk"] for r in rows] == [refs[x] for x in "ABCDEHFGM"]
    first = rows[0]
    assert first["Werkuren tot contact"] == "2" and first["Contact binnen termijn"] == "ja"
    assert first["Werkdagen tot afsluiting"] == "3" and first["Medewerker"] == ""
    by_reference = {r["Kenmerk"]: r for r in rows}
    # F was never contacted and its deadline passed: that is a "no", not an empty cell.
    assert by_reference[refs["F"]]["Contact binnen termijn"] == "nee (geen contact)"
    assert by_reference[refs["G"]]["Contact binnen termijn"] == ""  # its deadline still runs
    assert by_reference[refs["A"]]["Oordeel"] == "Gegrond"
    assert by_reference[refs["D"]]["Oordeel"] == "Deels gegrond"
    assert by_reference[refs["B"]]["Oordeel"] == ""  # closed without a decision recorded
    text = (tmp_path / "q2" / "klachten-2026-Q2.csv").read_text(encoding="utf-8-sig")
    assert "Tekst van klacht" not in text and "Klant A" not in text  # no bodies, no names
    summary = (tmp_path / "q2" / "samenvatting.md").read_text()
    assert (
        "| Contact binnen termijn (%) | 66,7% | 100,0% | −33,3 procentpunt (slechter) |" in summary
    )
    assert "| De helft had contact binnen (werkuren) | 6 |" in summary
    assert "| Te laat of geen contact na termijn | 2 |" in summary  # D, F
    assert "| Wacht op contact (termijn loopt nog) | 2 |" in summary  # G and M
    assert "## Oordeel over afgesloten klachten" in summary
    assert "| Gegrond | 2 |" in summary and "| Ingetrokken | 0 |" in summary


def test_year_adds_a_pdf_with_quarters_charts_and_texts(db, settings, tmp_path):
    seed(db, settings)
    code, _, _ = run("2026", tmp_path / "y", settings)
    assert code == 0
    reader = PdfReader(tmp_path / "y" / "jaarrapportage-2026.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("K1 2026", "Per categorie", "Planning en roosters", "Menselijke fout"):
        assert words in text
    assert "Geen advies ontvangen." in reader.pages[0].extract_text()
    assert "Medewerker 1" not in text  # no page of anonymous employee rows


def test_a_quarter_gets_its_pdf_too(db, settings, tmp_path):
    seed(db, settings)
    assert run("2026-Q2", tmp_path / "q", settings)[0] == 0
    first = PdfReader(tmp_path / "q" / "kwartaalrapportage-2026-Q2.pdf").pages[0].extract_text()
    assert "Klachtenrapportage K2 2026" in first and "definitief" in first


def test_a_long_advice_flows_onto_further_pdf_pages(db, settings, tmp_path):
    seed(db, settings)
    report = make_report(db, settings, parse_period("2026", settings.tz), REPORT_NOW, "UOFFICER")
    sentence = "meer aandacht voor planning en roosters. "
    paragraphs = [f"Punt {i}: " + sentence * 6 for i in range(12)]
    advised = dataclasses.replace(report, advice="\n".join([*paragraphs, "Slotsom."]))
    write_report_files(db, settings, advised, tmp_path)
    reader = PdfReader(tmp_path / "jaarrapportage-2026.pdf")
    texts = " ".join(page.extract_text() for page in reader.pages)
    assert all(f"Punt {i}:" in texts for i in range(12)) and "Slotsom." in texts
    assert "Een besluit over het advies" in texts


def test_bad_period_exits_2_with_one_dutch_line(settings, tmp_path):
    code, out, err = run("2026-Q7", tmp_path / "x", settings)
    assert code == 2 and out == ""
    assert err == (
        "'2026-Q7' is geen periode. Gebruik 2026-Q3 voor een kwartaal of 2026 voor een jaar.\n"
    )
    assert not (tmp_path / "x").exists()


def test_stored_report_shows_what_was_seen_even_after_data_changed(db, settings):
    refs = seed(db, settings)
    period = parse_period("2026-Q2", settings.tz)
    report = make_report(db, settings, period, REPORT_NOW, "UOFFICER")
    with db.session() as session:  # afterwards a closed complaint is marked as no complaint
        session.execute(
            update(ComplaintRow).where(ComplaintRow.reference == refs["A"]).values(state="rejected")
        )
    assert make_report(db, settings, period, REPORT_NOW, "UOFFICER").figures.summary.closed == 3
    again = load_report(db, settings, report.id)
    assert again == report
    assert again.figures.summary.closed == 4
    assert again.analysis.startswith("8 klachten, 7 meer dan in K1 2026.")


def test_demo_report_defaults_to_the_quarter_of_the_demo_clock(db, settings, tmp_path):
    from reports.cli import write_demo_report

    seed(db, settings)
    folder = write_demo_report(db, settings, tmp_path / "demo", at(2026, 6, 30, 17))
    assert (folder / "klachten-2026-Q2.csv").exists()
    assert (folder / "samenvatting.md").read_text().startswith("# Klachtenrapportage K2 2026")
    assert len(list(folder.glob("*.png"))) == 5


def test_every_pdf_page_is_numbered_and_long_tables_continue(db, settings, tmp_path):
    seed(db, settings)
    report = make_report(db, settings, parse_period("2026", settings.tz), REPORT_NOW, "UOFFICER")
    employees = [(f"U{i:04d}", 60 - i) for i in range(90)]  # named: a table over pages
    figures = dataclasses.replace(report.figures, per_employee=employees)
    write_report_files(db, settings, dataclasses.replace(report, figures=figures), tmp_path)
    pages = [page.extract_text() for page in PdfReader(tmp_path / "jaarrapportage-2026.pdf").pages]

    for number, page in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in page
    employee_pages = [page for page in pages if re.search(r"\bU00\d\d\b", page)]
    assert len(employee_pages) >= 2
    assert all("(vervolg)" in page for page in employee_pages[1:])
    assert all("Medewerker" in page for page in employee_pages)  # the header on every page
    shown = " ".join(employee_pages)
    assert all(f"U{i:04d}" in shown for i in range(90))

    # The chart figures are the PNGs' too: nothing of the PDF's pages is drawn on them.
    from reports.charts import draw_charts
    from reports.export import write_pdf

    charts = draw_charts(figures)
    write_pdf(report, charts, tmp_path / "opnieuw.pdf")
    assert not [t for chart in charts.values() for t in chart.texts if "Pagina" in t.get_text()]
