"""Write a report's files to a folder: the charts, the CSV, the Markdown summary, the PDF."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings
from bot.texts import reports as text
from reports.periods import parse_period
from reports.store import Report
from storage.db import Database


def write_report_files(
    db: Database, settings: Settings, report: Report, out_dir: Path
) -> list[Path]:
    """Every file of `report` in `out_dir` (created): PNGs, CSV, summary and the PDF (a quarter
    gets one too: one document to forward and archive).

    Charts and texts come from the stored figures; the CSV lists the complaints as they are now.
    """
    from reports.charts import draw_charts, write_charts
    from reports.export import markdown_summary, pdf_name, write_csv, write_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    charts = draw_charts(report.figures)
    pngs = write_charts(charts, out_dir)
    period = parse_period(report.period, settings.tz)
    csv_path = out_dir / text.CSV_FILE.format(period=report.period)
    with db.session() as session:
        csv_file = write_csv(session.connection(), settings, period, csv_path, report.generated_at)
    summary_file = out_dir / text.SUMMARY_FILE
    summary_file.write_text(markdown_summary(report, pngs), encoding="utf-8")
    rendered = {name: path.read_bytes() for name, path in zip(charts, pngs, strict=True)}
    pdf = write_pdf(report, charts, out_dir / pdf_name(report), rendered)
    return [*pngs, csv_file, summary_file, pdf]
