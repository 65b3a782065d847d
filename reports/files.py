"""Write a report's files to a folder: the charts, the CSV, the Markdown summary, the PDF."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from reports.periods import parse_period
from reports.store import Report
from storage.db import Database

SUMMARY_NAME = "samenvatting.md"


def csv_name(report: Report) -> str:
    return f"klachten-{report.period}.csv"


def pdf_name(report: Report) -> str:
    return f"jaarrapportage-{report.period}.pdf"


def write_report_files(
    db: Database, settings: Settings, report: Report, out_dir: Path
) -> list[Path]:
    """Every file of `report` in `out_dir` (created): PNGs, CSV, summary and, for a year, PDF.

    Charts and texts come from the stored figures; the CSV lists the complaints as they are now.
    """
    from reports.charts import draw_charts, save_png
    from reports.export import markdown_summary, write_csv, write_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    charts = draw_charts(report.figures)
    pngs = [save_png(figure, out_dir / f"{name}.png") for name, figure in charts.items()]
    period = parse_period(report.period, settings.tz)
    with db.session() as session:
        csv_file = write_csv(session.connection(), settings, period, out_dir / csv_name(report))
    summary_file = out_dir / SUMMARY_NAME
    summary_file.write_text(markdown_summary(report, pngs), encoding="utf-8")
    files = [*pngs, csv_file, summary_file]
    if report.kind == "year":
        files.append(write_pdf(report, charts, out_dir / pdf_name(report)))
    return files
